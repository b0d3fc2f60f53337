//! Within one meeting, tie short names to the full names and handles they stand for
//! (`David` -> `David A. Wheeler` when only one attendee is called David; the nick
//! `hiroshi` or the handle `@sigrun` -> `Sigrún Okabe` when she is the only one).

use super::records::{MeetingRecord, PersonRef};
use crate::config::Config;
use rustc_hash::FxHashMap as HashMap;

/// Replace first names, nicks and handles by the unique full name (of an attendee,
/// absentee or person mentioned in this meeting) whose first word they spell,
/// ignoring case and accents. IRC-style names (`Hiroshi_Okabe`) get their spaces back.
pub fn canonicalise(meeting: &mut MeetingRecord, _config: &Config) {
    for_each_person(meeting, space_underscores);
    let mut full: Vec<PersonRef> = meeting
        .attendees
        .iter()
        .chain(meeting.absentees.iter())
        .chain(meeting.people.iter().map(|m| &m.what))
        .filter(|p| !p.is_handle && p.name.contains(' '))
        .cloned()
        .collect();
    full.sort_by(|a, b| a.name.cmp(&b.name));
    full.dedup_by(|a, b| a.name == b.name);
    // Each first word, folded, and the one full name it opens (`None` when several do).
    let mut by_first: HashMap<String, Option<usize>> = HashMap::default();
    for (i, f) in full.iter().enumerate() {
        if let Some(first) = f.name.split_whitespace().next() {
            by_first
                .entry(fold(first))
                .and_modify(|only| *only = None)
                .or_insert(Some(i));
        }
    }
    for_each_person(meeting, |p| link_to_full_name(p, &full, &by_first));
}

/// Apply `fix` to every person reference of the meeting.
fn for_each_person(meeting: &mut MeetingRecord, mut fix: impl FnMut(&mut PersonRef)) {
    meeting.attendees.iter_mut().for_each(&mut fix);
    meeting.absentees.iter_mut().for_each(&mut fix);
    meeting.roles.iter_mut().for_each(|(_, p)| fix(p));
    meeting.people.iter_mut().for_each(|m| fix(&mut m.what));
    for item in &mut meeting.items {
        item.presenters.iter_mut().for_each(&mut fix);
    }
    for action in &mut meeting.actions {
        action.assignees.iter_mut().for_each(&mut fix);
    }
}

/// `Hiroshi_Okabe` -> `Hiroshi Okabe`: every part capitalised, so a name, not a nick.
fn space_underscores(p: &mut PersonRef) {
    let parts: Vec<&str> = p.name.split('_').collect();
    let name_parts = parts.len() > 1
        && parts
            .iter()
            .all(|w| w.chars().count() > 1 && w.starts_with(char::is_uppercase));
    if !p.is_handle && name_parts {
        p.name = parts.join(" ");
    }
}

fn link_to_full_name(
    p: &mut PersonRef,
    full: &[PersonRef],
    by_first: &HashMap<String, Option<usize>>,
) {
    if p.name.contains(' ') || p.handle.is_some() {
        return;
    }
    let Some(&Some(only)) = by_first.get(&fold(&p.name)) else {
        return;
    };
    let only = &full[only];
    if p.is_handle {
        // `@marco` beside the only Marco: his handle, unless he has another one.
        if only.handle.is_none() {
            p.handle = Some(std::mem::replace(&mut p.name, only.name.clone()));
            p.is_handle = false;
        }
    } else {
        p.name = only.name.clone();
        p.handle = only.handle.clone();
    }
}

/// Lower case without the accents of Latin letters (`Sigrún` -> `sigrun`).
fn fold(word: &str) -> String {
    word.to_lowercase().chars().map(base_letter).collect()
}

fn base_letter(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    const GROUPS: &[(&str, char)] = &[
        ("àáâãäåāăą", 'a'),
        ("çćĉċč", 'c'),
        ("ďđ", 'd'),
        ("èéêëēĕėęě", 'e'),
        ("ĝğġģ", 'g'),
        ("ĥħ", 'h'),
        ("ìíîïĩīĭįı", 'i'),
        ("ĵ", 'j'),
        ("ķ", 'k'),
        ("ĺļľŀł", 'l'),
        ("ñńņňŉ", 'n'),
        ("òóôõöøōŏő", 'o'),
        ("ŕŗř", 'r'),
        ("śŝşšș", 's'),
        ("ţťŧț", 't'),
        ("ùúûüũūŭůűų", 'u'),
        ("ŵ", 'w'),
        ("ýÿŷ", 'y'),
        ("źżž", 'z'),
    ];
    GROUPS
        .iter()
        .find(|(letters, _)| letters.contains(c))
        .map_or(c, |&(_, base)| base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::records::{ActionRecord, Mention};

    fn meeting(attendees: &[&str]) -> MeetingRecord {
        MeetingRecord {
            attendees: attendees.iter().map(|n| PersonRef::name(*n, 2)).collect(),
            ..MeetingRecord::default()
        }
    }

    #[test]
    fn short_names_nicks_and_handles_join_the_only_full_name() {
        let mut m = meeting(&["Hiroshi_Okabe", "Sigrún Pálsdóttir", "Marco Bianchi"]);
        m.people = vec![
            Mention {
                what: PersonRef::name("hiroshi", 5),
                item: None,
            },
            Mention {
                what: PersonRef::name("Sigrun", 6),
                item: None,
            },
        ];
        m.actions = vec![ActionRecord {
            text: "announce the release".into(),
            line: 7,
            end_line: 7,
            item: None,
            assignees: vec![PersonRef::handle("marco", 7)],
            status: crate::model::ActionStatus::Open,
            due: None,
        }];
        canonicalise(&mut m, &Config::default());
        assert_eq!(m.attendees[0].name, "Hiroshi Okabe");
        assert_eq!(m.people[0].what.name, "Hiroshi Okabe");
        assert_eq!(m.people[1].what.name, "Sigrún Pálsdóttir");
        let marco = &m.actions[0].assignees[0];
        assert_eq!(
            (marco.name.as_str(), marco.handle.as_deref(), marco.key()),
            ("Marco Bianchi", Some("marco"), "marco".to_string())
        );
    }

    #[test]
    fn ambiguous_or_lower_case_names_stay() {
        let mut m = meeting(&["Ann Lee", "Ann Example", "joe_bloggs"]);
        m.people = vec![Mention {
            what: PersonRef::name("Ann", 5),
            item: None,
        }];
        canonicalise(&mut m, &Config::default());
        assert_eq!(m.people[0].what.name, "Ann");
        assert_eq!(m.attendees[2].name, "joe_bloggs");
    }
}
