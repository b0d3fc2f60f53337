//! Within one meeting, tie short names to the full names and handles they stand for
//! (`David` -> `David A. Wheeler` when only one attendee is called David).

use super::records::{MeetingRecord, PersonRef};
use crate::config::Config;

/// Replace first names by the unique full name (of an attendee, absentee or
/// person mentioned in this meeting) that starts with them.
pub fn canonicalise(meeting: &mut MeetingRecord, _config: &Config) {
    let full: Vec<PersonRef> = meeting
        .attendees
        .iter()
        .chain(meeting.absentees.iter())
        .chain(meeting.people.iter().map(|m| &m.what))
        .filter(|p| !p.is_handle && p.name.contains(' '))
        .cloned()
        .collect();
    let mut full = full;
    full.sort_by(|a, b| a.name.cmp(&b.name));
    full.dedup_by(|a, b| a.name == b.name);
    let fix = |p: &mut PersonRef| {
        if p.is_handle || p.name.contains(' ') {
            return;
        }
        let first = p.name.to_lowercase();
        let mut candidates = full.iter().filter(|f| {
            f.name
                .split_whitespace()
                .next()
                .is_some_and(|w| w.to_lowercase() == first)
        });
        if let (Some(only), None) = (candidates.next(), candidates.next()) {
            p.name = only.name.clone();
            p.handle = only.handle.clone();
        }
    };
    meeting.attendees.iter_mut().for_each(fix);
    meeting.absentees.iter_mut().for_each(fix);
    meeting.roles.iter_mut().for_each(|(_, p)| fix(p));
    meeting.people.iter_mut().for_each(|m| fix(&mut m.what));
    for item in &mut meeting.items {
        item.presenters.iter_mut().for_each(fix);
    }
    for action in &mut meeting.actions {
        action.assignees.iter_mut().for_each(fix);
    }
}
