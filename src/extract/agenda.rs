//! Agenda items: which headings and top-level bullets open a discussion, their
//! titles, presenters and the blocks that belong to each.

use super::chat_agenda;
use super::outline::{self, Outline};
use super::parallel;
use super::presenters;
use super::records::ItemRecord;
use super::sections::SectionMap;
use super::turns::{Form, Turns};
use crate::document::{Block, BlockKind, Style};

/// Agenda items and, for every block, the index of the item it belongs to.
#[derive(Clone, Debug, Default)]
pub struct Agenda {
    /// Items in document order.
    pub items: Vec<ItemRecord>,
    /// For each block: its item.
    pub item_of_block: Vec<Option<usize>>,
}

/// Find the agenda items of a document.
pub fn find_items(blocks: &[Block], sections: &SectionMap, style: Style, turns: &Turns) -> Agenda {
    let outline = Outline::new(blocks, sections);
    let chat_items = if style == Style::ChatLog {
        chat_agenda::item_starts(blocks)
    } else {
        Default::default()
    };
    let opens = |i: usize| {
        (chat_items.contains_key(&i) || opens_item(blocks, &outline, style, i))
            // `- Ann: I think ...`: a speaker's turn, not a subject (unless it
            // names an issue: `ELI5: charters [#207]`).
            && (chat_items.contains_key(&i)
                || !turns.opens_turn(i)
                || !turns
                    .speaker(i)
                    .is_some_and(|s| matches!(s.form, Form::Label | Form::Chat))
                || topic_line(&blocks[i].text).is_some()
                || names_issue_in_title(&blocks[i].text))
    };
    // Each block and each item is read on its own: a long file's on all cores, in order.
    let starts = parallel::filter(blocks.len(), opens);
    let read_item = |n: usize| -> (usize, ItemRecord) {
        let start = starts[n];
        let limit = starts.get(n + 1).copied().unwrap_or(blocks.len());
        let end = item_end(blocks, start, limit, style);
        let end_line = blocks[start..end]
            .iter()
            .map(|b| b.end_line)
            .max()
            .unwrap_or(blocks[start].end_line);
        let mut item = match chat_items.get(&start) {
            // `on to 2`: the item is the agenda entry it moves to.
            Some(title) => ItemRecord {
                title: clean_title(title),
                line: blocks[start].line,
                end_line,
                presenters: Vec::new(),
            },
            None => item_record(blocks, start, end, end_line),
        };
        // `- ann:` over ann's updates: the owner presents the item.
        if let Some(owner) = turns
            .speaker(start)
            .filter(|s| turns.opens_turn(start) && s.form == Form::Owner)
            .filter(|_| item.presenters.is_empty())
        {
            item.presenters.push(owner.person());
        }
        (end, item)
    };
    let items = parallel::map(starts.len(), read_item);
    let mut agenda = Agenda {
        items: Vec::with_capacity(items.len()),
        item_of_block: vec![None; blocks.len()],
    };
    for (n, (end, item)) in items.into_iter().enumerate() {
        for slot in &mut agenda.item_of_block[starts[n]..end] {
            *slot = Some(n);
        }
        agenda.items.push(item);
    }
    agenda
}

fn opens_item(blocks: &[Block], outline: &Outline, style: Style, i: usize) -> bool {
    let block = &blocks[i];
    if topic_line(&block.text).is_some() && block.kind != BlockKind::Code {
        return true;
    }
    match block.kind {
        BlockKind::Heading(_) => outline.opens_item(i),
        BlockKind::ListItem if style == Style::PlainText => {
            block.depth == 1
                && blocks
                    .get(i + 1)
                    .is_some_and(|n| n.kind == BlockKind::Paragraph && n.line == block.end_line + 1)
                && !previous_line_introduces_list(blocks, i)
        }
        BlockKind::ListItem => outline::bullet_opens_item(blocks, outline, style, i),
        _ => false,
    }
}

/// The title of a scribe or MeetBot topic line (`Topic: Backups`, `#topic Backups`).
pub fn topic_line(text: &str) -> Option<&str> {
    let first = text.lines().next()?.trim();
    let opens = |prefix: &str| {
        first
            .as_bytes()
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
    };
    let rest = if opens("#topic ") || opens("topic:") || opens("#subtopic ") {
        first.split_once([' ', ':']).map(|(_, r)| r)
    } else {
        None
    }?;
    let rest = rest.trim();
    (!rest.is_empty()).then_some(rest)
}

/// `ELI5: charters #207`: a line naming an issue is a subject even when it reads
/// like a speaker's label, if it is one phrase; a remark of several sentences that
/// mentions an issue on the way is not.
fn names_issue_in_title(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("");
    // A title is one phrase: no second sentence after `.`, `?` or `!`.
    let sentences = first
        .split_inclusive(['.', '?', '!'])
        .skip(1)
        .any(|after| after.starts_with(' ') && after.trim_start().starts_with(char::is_uppercase));
    let phrase = !sentences && first.split_whitespace().count() <= 25;
    outline::names_issue(text) && phrase
}

fn previous_line_introduces_list(blocks: &[Block], i: usize) -> bool {
    i > 0 && blocks[i - 1].text.trim_end().ends_with(':')
}

/// The block index where the item starting at `start` ends (exclusive), at most `limit`.
fn item_end(blocks: &[Block], start: usize, limit: usize, style: Style) -> usize {
    let level = blocks[start].heading_level();
    for (j, b) in blocks.iter().enumerate().take(limit).skip(start + 1) {
        match (level, b.heading_level()) {
            (Some(l), Some(m)) if m <= l => return j,
            (None, Some(_)) if style == Style::Markdown => return j,
            _ => {}
        }
    }
    limit
}

fn item_record(blocks: &[Block], start: usize, end: usize, end_line: u32) -> ItemRecord {
    let block = &blocks[start];
    let first_line = block.text.lines().next().unwrap_or("").trim();
    let first_line = topic_line(first_line).unwrap_or(first_line);
    let (title, mut presenters) =
        presenters::split_header(block.lead_strong.as_deref(), first_line, block.line);
    let below = presenters::below_header(&blocks[start + 1..end]);
    // `UnixFS (go-ipfs)` over `@ann / @bo`: a lower-case word in brackets is
    // only a guess at a nick; handles below the header say who presents.
    let guessed = presenters
        .iter()
        .all(|p| p.is_handle && !block.text.contains(&format!("@{}", p.name)));
    if presenters.is_empty() || (guessed && below.iter().all(|p| p.is_handle) && !below.is_empty())
    {
        presenters = below;
    }
    ItemRecord {
        title: clean_title(title),
        line: block.line,
        end_line,
        presenters,
    }
}

fn clean_title(title: &str) -> String {
    let t = super::outcomes::strip_log_stamp(title.trim())
        .trim_end_matches(':')
        .trim();
    let t = quoted_part(t).unwrap_or(t);
    let t = t.trim_matches('*');
    // Quotes around the whole title go; a quote that opens or closes only a part
    // of it (`"Quoted" item`) is part of the title.
    let t = [('"', '"'), ('“', '”')]
        .iter()
        .find_map(|&(open, close)| {
            let inner = t.strip_prefix(open)?.strip_suffix(close)?;
            (!inner.contains([open, close])).then_some(inner)
        })
        .unwrap_or(t);
    let mut title = String::with_capacity(t.len());
    for word in t.split_whitespace() {
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    title
}

/// `"Support upcasting" rfcs#3324` -> `Support upcasting`: a title quoted at the
/// start of an item, followed by its references.
fn quoted_part(text: &str) -> Option<&str> {
    let (open, close) = match text.chars().next()? {
        '"' => ('"', '"'),
        '“' => ('“', '”'),
        _ => return None,
    };
    let rest = &text[open.len_utf8()..];
    let end = rest.rfind(close)?;
    let after = rest[end + close.len_utf8()..].trim();
    // Only when what follows the closing quote is a reference or a link, not more title.
    let references = after.is_empty()
        || after
            .split_whitespace()
            .all(|w| w.contains('#') || w.contains("://") || w.starts_with('['));
    (end > 0 && references).then(|| &rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_titles_lose_their_references() {
        assert_eq!(
            clean_title("\"Support upcasting of `dyn Trait`\" rfcs#3324"),
            "Support upcasting of `dyn Trait`"
        );
        assert_eq!(
            clean_title("\"New \"warning\" error\" [rust#1](https://x.org)"),
            "New \"warning\" error"
        );
        // A quote around a part of the title is kept whole.
        assert_eq!(
            clean_title("\"Quoted\" and more words"),
            "\"Quoted\" and more words"
        );
        assert_eq!(clean_title("“Whole title”"), "Whole title");
        assert_eq!(clean_title("**\"Bold quote\"**"), "Bold quote");
    }

    #[test]
    fn an_issue_named_in_a_remark_makes_no_title() {
        assert!(names_issue_in_title("RFC: retire the old mirrors #88"));
        assert!(names_issue_in_title(
            "RFC: let the build scripts of every crate in the workspace share one cache \
             directory between runs #88"
        ));
        assert!(!names_issue_in_title(
            "KL: we tried the cache again last week. It failed the same way (see #88)"
        ));
        assert!(!names_issue_in_title("KL: no issue here"));
    }
}
