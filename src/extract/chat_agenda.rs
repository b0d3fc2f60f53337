//! Agenda items of a chat meeting without bot commands: the chair posts a
//! numbered agenda (`1) welcome`, `2) highlights`), then opens each entry by
//! posting it again (`3.) questions`) or by moving on to it (`on to 2`).

use crate::document::Block;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// `1) welcome`, `2. Mirrors`, `3.) questions`: a numbered entry.
static ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<n>\d{1,2})\s*[.)]+\s*(?P<title>\S.*)$").expect("agenda entry regex")
});

/// `on to 2`, `moving on to item 3`, `next up: 4`: the chair moves to an entry.
static MOVE_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b (?: on | move \s+ on | moving \s+ on | go \s+ on | next \s+ up:? ) \s+ (?: to \s+ )?
        (?: item \s+ | topic \s+ | point \s+ | number \s+ | \# )?
        (?P<n> \d{1,2} ) \b",
    )
    .expect("move-on regex")
});

/// The blocks that open an item, with the entry's title.
pub fn item_starts(blocks: &[Block]) -> BTreeMap<usize, String> {
    let mut starts = BTreeMap::new();
    let Some((entries, after)) = announced_agenda(blocks) else {
        return starts;
    };
    let mut opened: BTreeSet<u32> = BTreeSet::new();
    for (i, block) in blocks.iter().enumerate().skip(after) {
        let Some(said) = message(block) else { continue };
        let restated = ENTRY.captures(said).and_then(|c| {
            let n: u32 = c["n"].parse().ok()?;
            let entry = entries.get(&n)?;
            shares_a_word(entry, &c["title"]).then_some(n)
        });
        let moved = || {
            MOVE_ON
                .captures(said)
                .and_then(|c| c["n"].parse::<u32>().ok())
                .filter(|n| entries.contains_key(n))
        };
        if let Some(n) = restated.or_else(moved)
            && opened.insert(n)
        {
            starts.insert(i, entries[&n].clone());
        }
    }
    starts
}

/// The first run of two or more numbered messages by one speaker, numbered
/// from 1 up: the entries by number, and the block after the run.
fn announced_agenda(blocks: &[Block]) -> Option<(BTreeMap<u32, String>, usize)> {
    let mut i = 0;
    while i < blocks.len() {
        let first = blocks[i]
            .speaker
            .as_deref()
            .zip(message(&blocks[i]))
            .and_then(|(who, said)| Some((who, ENTRY.captures(said)?)));
        let Some((chair, caps)) = first.filter(|(_, c)| &c["n"] == "1") else {
            i += 1;
            continue;
        };
        let mut entries = BTreeMap::from([(1, caps["title"].trim().to_string())]);
        let mut j = i + 1;
        while let Some(block) = blocks.get(j) {
            let next = (entries.len() + 1) as u32;
            let caps = (block.speaker.as_deref() == Some(chair))
                .then(|| message(block))
                .flatten()
                .and_then(|said| ENTRY.captures(said))
                .filter(|c| c["n"].parse::<u32>().ok() == Some(next));
            match caps {
                Some(c) => {
                    entries.insert(next, c["title"].trim().to_string());
                    j += 1;
                }
                None => break,
            }
        }
        if entries.len() >= 2 {
            return Some((entries, j));
        }
        i += 1;
    }
    None
}

/// What a chat-log block's poster said, without the `nick: ` the log reader put before it.
fn message(block: &Block) -> Option<&str> {
    let nick = block.speaker.as_deref()?;
    let text = block.text.trim();
    Some(
        text.strip_prefix(nick)
            .and_then(|t| t.strip_prefix(':'))
            .map_or(text, str::trim),
    )
}

/// Whether two titles share a word of four letters or more.
fn shares_a_word(a: &str, b: &str) -> bool {
    let words = |t: &str| -> BTreeSet<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .map(str::to_lowercase)
            .collect()
    };
    !words(a).is_disjoint(&words(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::BlockKind;

    fn said(nick: &str, text: &str, line: u32) -> Block {
        let mut b = Block::new(
            BlockKind::Paragraph,
            0,
            format!("{nick}: {text}"),
            line,
            line,
        );
        b.speaker = Some(nick.to_string());
        b
    }

    #[test]
    fn entries_open_when_posted_again_or_moved_to() {
        let blocks = vec![
            said("ann", "welcome to the meeting", 1),
            said("ann", "1) hello", 2),
            said("ann", "2) mirror outage report", 3),
            said("ann", "3. Release schedule", 4),
            said("bo", "hi", 5),
            said("ann", "ok, on to 2", 6),
            said("bo", "the mirror was down for 2 hours", 7),
            said("ann", "3.) release schedule", 8),
            said("bo", "1) we ship friday", 9),
        ];
        let starts = item_starts(&blocks);
        let lines: Vec<(usize, &str)> = starts.iter().map(|(i, t)| (*i, t.as_str())).collect();
        assert_eq!(
            lines,
            vec![(5, "mirror outage report"), (7, "Release schedule")]
        );
    }

    #[test]
    fn no_agenda_no_items() {
        let blocks = vec![said("ann", "1) only one", 1), said("bo", "2) not hers", 2)];
        assert!(item_starts(&blocks).is_empty());
    }
}
