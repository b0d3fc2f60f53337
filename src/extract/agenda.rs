//! Agenda items: which headings and top-level bullets open a discussion, their
//! titles, presenters and the blocks that belong to each.

use super::outline::{self, Outline};
use super::person::{find_handles, split_name_list};
use super::records::{ItemRecord, PersonRef};
use super::sections::SectionMap;
use super::turns::{Form, Turns};
use crate::document::{Block, BlockKind, Style};
use regex::Regex;
use std::sync::LazyLock;

static TRAILING_PARENS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*\(((?:[^()]|\([^()]*\))*)\)\s*:?\s*$").expect("regex"));
static LEADING_BRACKETS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[([^\[\]]+)\]\s*(\S.*)$").expect("regex"));
/// A time box beside the presenter: `5 min`, `~10 mins`, `1h`, `15-20 minutes`.
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^~?\d+(?:[.,]\d+)?\s*(?:-\s*\d+\s*)?(?:min|mins|minutes?|m|h|hrs?|hours?|')\.?$",
    )
    .expect("regex")
});
static PRESENTED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:presentation|presented|presenter|presenters|presenting|led|owner|owners|lead|speaker|speakers|sponsor|sponsors|driver|champion|moderated)\s*(?:by|:)\s*(.+)$").expect("regex")
});

/// `@ann presented the survey`, `Bo Lee walked us through the changes`: the
/// first lines of an item saying who presented it.
static PRESENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(@[\w.-]+|\p{Lu}[\p{Ll}-]+(?:\s\p{Lu}[\p{Ll}-]+)?)\s+(?:presented|presents|demoed|demos|demonstrated|introduced|walked\s+(?:us\s+|the\s+\w+\s+|everyone\s+)?through|gave\s+(?:a|an|the)\s+(?:overview|update|presentation|demo|introduction|status))\b")
        .expect("regex")
});

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
    let starts: Vec<usize> = (0..blocks.len())
        .filter(|&i| opens_item(blocks, sections, &outline, style, i))
        // `- Ann: I think ...`: a speaker's turn, not a subject.
        .filter(|&i| {
            !turns.opens_turn(i)
                || !turns
                    .speaker(i)
                    .is_some_and(|s| matches!(s.form, Form::Label | Form::Chat))
                || topic_line(&blocks[i].text).is_some()
        })
        .collect();
    let mut agenda = Agenda {
        items: Vec::new(),
        item_of_block: vec![None; blocks.len()],
    };
    for (n, &start) in starts.iter().enumerate() {
        let limit = starts.get(n + 1).copied().unwrap_or(blocks.len());
        let end = item_end(blocks, start, limit, style);
        for slot in &mut agenda.item_of_block[start..end] {
            *slot = Some(n);
        }
        let end_line = blocks[start..end]
            .iter()
            .map(|b| b.end_line)
            .max()
            .unwrap_or(blocks[start].end_line);
        let mut item = item_record(blocks, start, end, end_line);
        // `- ann:` over ann's updates: the owner presents the item.
        if let Some(owner) = turns
            .speaker(start)
            .filter(|s| turns.opens_turn(start) && s.form == Form::Owner)
            .filter(|_| item.presenters.is_empty())
        {
            item.presenters.push(owner.person());
        }
        agenda.items.push(item);
    }
    agenda
}

fn opens_item(
    blocks: &[Block],
    sections: &SectionMap,
    outline: &Outline,
    style: Style,
    i: usize,
) -> bool {
    let block = &blocks[i];
    if topic_line(&block.text).is_some() && block.kind != BlockKind::Code {
        return true;
    }
    match block.kind {
        BlockKind::Heading(_) => {
            outline.is_item_heading(i) && !outline::heading_yields_to_bullets(blocks, i)
        }
        BlockKind::ListItem if style == Style::PlainText => {
            block.depth == 1
                && blocks
                    .get(i + 1)
                    .is_some_and(|n| n.kind == BlockKind::Paragraph && n.line == block.end_line + 1)
                && !previous_line_introduces_list(blocks, i)
        }
        BlockKind::ListItem => outline::bullet_opens_item(blocks, sections, outline, style, i),
        _ => false,
    }
}

/// The title of a scribe or MeetBot topic line (`Topic: Backups`, `#topic Backups`).
pub fn topic_line(text: &str) -> Option<&str> {
    let first = text.lines().next()?.trim();
    let lower = first.to_ascii_lowercase();
    let rest = if lower.starts_with("#topic ")
        || lower.starts_with("topic:")
        || lower.starts_with("#subtopic ")
    {
        first.split_once([' ', ':']).map(|(_, r)| r)
    } else {
        None
    }?;
    let rest = rest.trim();
    (!rest.is_empty()).then_some(rest)
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
        split_presenters(block.lead_strong.as_deref(), first_line, block.line);
    if presenters.is_empty() {
        presenters = presenter_lines(&blocks[start + 1..end]);
    }
    ItemRecord {
        title,
        line: block.line,
        end_line,
        presenters,
    }
}

/// Title and presenters from `Title (Joe, Johannes)` / `Title (@handle)` /
/// `[Ann Lee] Title`.
pub fn split_presenters(lead: Option<&str>, text: &str, line: u32) -> (String, Vec<PersonRef>) {
    if let Some(caps) = LEADING_BRACKETS.captures(text) {
        let presenters = presenters_in(&caps[1], line);
        if !presenters.is_empty() {
            return (clean_title(&caps[2]), presenters);
        }
    }
    if let Some(lead) = lead.filter(|l| text.starts_with(l)) {
        let rest = text[lead.len()..].trim();
        return (clean_title(lead), presenters_in(rest, line));
    }
    match TRAILING_PARENS.captures(text) {
        Some(caps) => {
            let presenters = presenters_in(&caps[0], line);
            let time_box = caps[1].split(',').all(|p| DURATION.is_match(p.trim()));
            let title = if presenters.is_empty() && !time_box {
                text
            } else {
                // `Review - (25 min)`: no dash left dangling.
                text[..caps.get(0).map_or(text.len(), |m| m.start())]
                    .trim_end_matches([' ', '-', '–', '—'])
            };
            (clean_title(title), presenters)
        }
        None => match dashed_presenter(text, line) {
            Some((title, presenters)) => (clean_title(title), presenters),
            None => (clean_title(text), Vec::new()),
        },
    }
}

/// `Title - Mira` / `Title – Ann Lee`: a trailing name after a dash presents the item.
fn dashed_presenter(text: &str, line: u32) -> Option<(&str, Vec<PersonRef>)> {
    let (title, tail) = [" - ", " – ", " — "]
        .iter()
        .find_map(|d| text.rsplit_once(d))?;
    let tail = tail.trim();
    let words: Vec<&str> = tail.split_whitespace().collect();
    let capitalised = !words.is_empty()
        && words.len() <= 3
        && words.iter().all(|w| w.starts_with(char::is_uppercase));
    let named = capitalised
        && super::person::could_be_name(&tail.to_lowercase())
        && !title.trim().is_empty();
    named
        .then(|| (title, split_name_list(tail, line).unwrap_or_default()))
        .filter(|(_, p)| !p.is_empty())
}

fn presenters_in(paren_text: &str, line: u32) -> Vec<PersonRef> {
    let inner = paren_text
        .trim()
        .trim_start_matches('(')
        .trim_end_matches([':', ' '])
        .trim_end_matches(')');
    // `(Ann Lee, 30 min)`: the time box is no name.
    let inner = inner
        .split(',')
        .filter(|piece| !DURATION.is_match(piece.trim()))
        .collect::<Vec<_>>()
        .join(",");
    let handles = find_handles(&inner, line);
    if !handles.is_empty() {
        return handles;
    }
    split_name_list(&inner, line).unwrap_or_default()
}

fn presenter_lines(blocks: &[Block]) -> Vec<PersonRef> {
    blocks
        .iter()
        .take(2)
        .find_map(|b| {
            let text = b.text.trim();
            let caps = PRESENTED_BY
                .captures(text)
                .or_else(|| PRESENTS.captures(text))?;
            let handles = find_handles(&caps[1], b.line);
            if handles.is_empty() {
                split_name_list(&caps[1], b.line)
            } else {
                Some(handles)
            }
        })
        .unwrap_or_default()
}

fn clean_title(title: &str) -> String {
    let t = super::outcomes::strip_log_stamp(title.trim())
        .trim_end_matches(':')
        .trim();
    let t = quoted_part(t).unwrap_or(t);
    let t = t.trim_matches(|c: char| c == '"' || c == '“' || c == '”' || c == '*');
    t.split_whitespace().collect::<Vec<_>>().join(" ")
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
        assert_eq!(
            clean_title("\"Quoted\" and more words"),
            "Quoted\" and more words"
        );
    }

    #[test]
    fn presenters_from_parentheses() {
        let (t, p) = split_presenters(
            Some("Resizing servers"),
            "Resizing servers (Joe, Johannes)",
            3,
        );
        assert_eq!(t, "Resizing servers");
        assert_eq!(
            p.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            vec!["Joe", "Johannes"]
        );
        let (t, p) = split_presenters(
            None,
            "Standardization (@cah-hbaum (needs to go at 11:00))",
            3,
        );
        assert_eq!(t, "Standardization");
        assert_eq!(p[0].name, "cah-hbaum");
        let (t, p) = split_presenters(None, "Graduation request - Olusegun", 3);
        assert_eq!(
            (t.as_str(), p[0].name.as_str()),
            ("Graduation request", "Olusegun")
        );
        let (t, p) = split_presenters(None, "Updates - 10 min max", 3);
        assert_eq!((t.as_str(), p.len()), ("Updates - 10 min max", 0));
        let (t, p) = split_presenters(None, "Ideas (maybe later)", 3);
        assert_eq!((t.as_str(), p.len()), ("Ideas (maybe later)", 0));
        let (t, p) = split_presenters(None, "[Ann Lee, Bo] KEP-12: gang scheduling", 3);
        assert_eq!((t.as_str(), p.len()), ("KEP-12: gang scheduling", 2));
        let lines = |texts: &[&str]| {
            let blocks: Vec<Block> = texts
                .iter()
                .map(|t| Block::new(BlockKind::ListItem, 2, t.to_string(), 4, 4))
                .collect();
            presenter_lines(&blocks)
                .into_iter()
                .map(|p| p.name)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            lines(&["@ann presented the survey results", "more"]),
            vec!["ann"]
        );
        assert_eq!(
            lines(&["Bo Lee walked us through the changes"]),
            vec!["Bo Lee"]
        );
        assert!(lines(&["Results were presented last week"]).is_empty());
        let (t, p) = split_presenters(None, "[WIP] Release notes", 3);
        assert_eq!((t.as_str(), p.len()), ("[WIP] Release notes", 0));
        let (t, p) = split_presenters(None, "Transport draft (Ann Lee, 30 min)", 3);
        assert_eq!(
            (t.as_str(), p[0].name.as_str()),
            ("Transport draft", "Ann Lee")
        );
        let (t, p) = split_presenters(None, "Demo - (20mins)", 3);
        assert_eq!((t.as_str(), p.len()), ("Demo", 0));
        let (_, p) = split_presenters(None, "Opening (chairs, ~5 mins)", 3);
        assert_eq!(
            p.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            vec!["chairs"]
        );
    }
}
