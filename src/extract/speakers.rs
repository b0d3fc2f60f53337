//! Who spoke: transcript lines led by a speaker's abbreviation (`AE: ...`,
//! resolved through an attendee table or a `Full Name (AE)` list), chat-log
//! nicks (`<ann> ...`) and scribe lines (`ann: ...`). People who speak take part
//! in the meeting.

use super::person;
use super::records::{MeetingRecord, Mention, PersonRef};
use crate::document::{Block, BlockKind};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

static NAME_ABBREVIATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’.-]*){1,3})\s*\((\p{Lu}{2,4})\)")
        .expect("regex")
});
static ABBREVIATION_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\W{0,3}(\p{Lu}{2,4})\s*:\s+\S").expect("regex"));
static CHAT_NICK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^<([A-Za-z][\w-]{1,30})>\s+\S").expect("regex"));
static NICK_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([a-z][\w-]{1,30})\s*:\s+\S").expect("regex"));

/// Abbreviation -> person, from attendee tables and `Full Name (AE)` lists.
pub(super) fn abbreviations(blocks: &[Block]) -> BTreeMap<String, PersonRef> {
    let mut map = BTreeMap::new();
    for b in blocks {
        if b.kind == BlockKind::TableRow {
            let name = b
                .cells
                .iter()
                .find(|c| c.contains(' ') && person::name_like(c));
            let abbr = b.cells.iter().find(|c| is_abbreviation(c));
            if let (Some(name), Some(abbr)) = (name, abbr) {
                map.entry(abbr.clone())
                    .or_insert_with(|| PersonRef::name(name.trim(), b.line));
            }
        } else if b.kind != BlockKind::Code {
            for c in NAME_ABBREVIATION.captures_iter(&b.text) {
                map.entry(c[2].to_string())
                    .or_insert_with(|| PersonRef::name(&c[1], b.line));
            }
        }
    }
    map
}

fn is_abbreviation(cell: &str) -> bool {
    (2..=4).contains(&cell.chars().count()) && cell.chars().all(|c| c.is_uppercase())
}

/// Record every speaker of the meeting as an attendee (and a mention where they speak).
pub(super) fn speakers(
    blocks: &[Block],
    item_of_block: &[Option<usize>],
    meeting: &mut MeetingRecord,
) {
    let abbreviations = abbreviations(blocks);
    let mut found: Vec<(PersonRef, Option<usize>)> = Vec::new();
    for (i, b) in blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind != BlockKind::Code)
    {
        for (line, text) in b.text_lines() {
            let text = text.trim();
            if let Some(c) = ABBREVIATION_LINE.captures(text) {
                if let Some(p) = abbreviations.get(&c[1]) {
                    found.push((PersonRef { line, ..p.clone() }, item_of_block[i]));
                }
            } else if let Some(c) = CHAT_NICK.captures(text) {
                found.push((PersonRef::name(&c[1], line), item_of_block[i]));
            } else if let Some(c) = NICK_LINE.captures(text) {
                if let Some(p) = known_by_first_name(meeting, &c[1]) {
                    found.push((PersonRef { line, ..p }, item_of_block[i]));
                }
            }
        }
    }
    for (p, item) in found {
        if !meeting.attendees.iter().any(|a| a.key() == p.key()) {
            meeting.attendees.push(p.clone());
        }
        meeting.people.push(Mention { what: p, item });
    }
    expand_abbreviations(meeting, &abbreviations);
}

/// Assignees and presenters written as a known abbreviation (`BBR to update`) become
/// that person; an all-caps "name" that is no known abbreviation is dropped.
fn expand_abbreviations(meeting: &mut MeetingRecord, abbreviations: &BTreeMap<String, PersonRef>) {
    let expand = |people: &mut Vec<PersonRef>| {
        people.retain_mut(|p| {
            if p.is_handle || !is_abbreviation(&p.name) {
                return true;
            }
            match abbreviations.get(&p.name) {
                Some(full) => {
                    *p = PersonRef {
                        line: p.line,
                        ..full.clone()
                    };
                    true
                }
                None => false,
            }
        });
    };
    for action in &mut meeting.actions {
        expand(&mut action.assignees);
    }
    for item in &mut meeting.items {
        expand(&mut item.presenters);
    }
}

/// The attendee whose first name (or handle) is `nick`, case-insensitively.
fn known_by_first_name(meeting: &MeetingRecord, nick: &str) -> Option<PersonRef> {
    let nick = nick.to_lowercase();
    let mut matches = meeting.attendees.iter().filter(|a| {
        a.key() == nick
            || a.name
                .split_whitespace()
                .next()
                .is_some_and(|f| f.to_lowercase() == nick)
    });
    match (matches.next(), matches.next()) {
        (Some(only), None) => Some(only.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_from_lists_and_tables() {
        let mut row = Block::new(BlockKind::TableRow, 0, String::new(), 3, 3);
        row.cells = vec!["Ann Example".into(), "AE".into(), "Acme".into()];
        let list = Block::new(
            BlockKind::Paragraph,
            0,
            "Bo Builder (BB), Cy Coder (CC)".into(),
            5,
            5,
        );
        let map = abbreviations(&[row, list]);
        assert_eq!(map["AE"].name, "Ann Example");
        assert_eq!(map["CC"].name, "Cy Coder");
    }

    #[test]
    fn speakers_take_part() {
        let mut meeting = MeetingRecord {
            attendees: vec![PersonRef::name("Ann Example", 1)],
            ..MeetingRecord::default()
        };
        let blocks = vec![
            Block::new(
                BlockKind::Paragraph,
                0,
                "ann: hello\nBB: hi\n<cy> hey".into(),
                2,
                4,
            ),
            Block::new(BlockKind::Paragraph, 0, "Bo Builder (BB)".into(), 6, 6),
        ];
        speakers(&blocks, &[None, None], &mut meeting);
        let names: Vec<&str> = meeting.attendees.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Ann Example", "Bo Builder", "cy"]);
    }
}
