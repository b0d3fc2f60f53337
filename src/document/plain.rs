//! Plain-text minutes: section names alone on a line, numbered section lines
//! (`3. Framework draft (Ann Lee, 30 min)` over an indented or separated body),
//! `- ` and `1. ` items, one paragraph per line.

use super::{Block, BlockKind, LineIndex};
use regex::Regex;
use std::sync::LazyLock;

/// Section names that stand alone on a line in plain-text minutes.
const SECTION_WORDS: &[&str] = &[
    "agenda",
    "discussion",
    "actions",
    "action items",
    "suggested actions",
    "decisions",
    "notes",
    "attendees",
    "participants",
    "present",
    "summary",
    "next steps",
    "outcome",
    "conclusion",
];

/// `3. Title`, `3) Title`, `3.2 Title`: a number at column 0 and a title.
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})((?:\.\d{1,2})*)(\.|\))?[ \t]+(\S.*)$").expect("regex")
});

/// Parse plain-text body lines starting at byte `body_start`.
pub(super) fn blocks(text: &str, body_start: usize, index: &LineIndex) -> Vec<Block> {
    let first_line = index.line_of(body_start);
    let lines: Vec<&str> = text[body_start..].split('\n').collect();
    let sections = numbered_sections(&lines);
    let mut out = Vec::new();
    for (i, raw) in lines.iter().enumerate() {
        let line = first_line + i as u32;
        let block = match &sections[i] {
            Some((level, title)) => Some(Block::new(
                BlockKind::Heading(*level),
                0,
                title.clone(),
                line,
                line,
            )),
            None => line_block(raw, line),
        };
        out.extend(block);
    }
    out
}

/// One plain-text line as a block: a section line, a `- ` item or a paragraph
/// (`None` for a blank line). A section line indented below a column-0 one is
/// a level deeper.
pub(super) fn line_block(raw: &str, line: u32) -> Option<Block> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return None;
    }
    let indent = raw.len() - raw.trim_start().len();
    let block = if is_section_line(trimmed) {
        let level = if indent > 0 { 3 } else { 2 };
        Block::new(
            BlockKind::Heading(level),
            0,
            trimmed.trim_end_matches(':').to_string(),
            line,
            line,
        )
    } else if let Some(item) = bullet(trimmed).or_else(|| numbered_item(trimmed)) {
        Block::new(
            BlockKind::ListItem,
            1 + (indent / 2).min(8) as u8,
            item.to_string(),
            line,
            line,
        )
    } else {
        Block::new(BlockKind::Paragraph, 0, trimmed.to_string(), line, line)
    };
    Some(block)
}

fn is_section_line(line: &str) -> bool {
    let bare = line.trim_end_matches(':').trim().to_lowercase();
    SECTION_WORDS.contains(&bare.as_str())
}

fn bullet(line: &str) -> Option<&str> {
    ["- ", "* ", "• "]
        .iter()
        .find_map(|m| line.strip_prefix(m))
        .map(str::trim)
}

/// `1. Ann to post the draft`, `2) Bo to book a room`: an item of a numbered list.
fn numbered_item(line: &str) -> Option<&str> {
    let digits = line.find(|c: char| !c.is_ascii_digit())?;
    let rest = line[digits..].strip_prefix(['.', ')'])?;
    (digits > 0 && digits <= 3 && rest.starts_with([' ', '\t'])).then(|| rest.trim())
}

/// A numbered line at column 0: its number, heading level and title.
struct Numbered {
    /// `[2, 1]` for `2.1`.
    number: Vec<u32>,
    level: u8,
    title: String,
    /// Whether the text reads as a title rather than a sentence.
    title_like: bool,
}

fn numbered(raw: &str) -> Option<Numbered> {
    let caps = NUMBERED.captures(raw.trim_end())?;
    let sub = caps.get(2).map_or("", |m| m.as_str());
    // `3 Title` is prose ("2 people joined"); a section number has a mark or a sub-number.
    if caps.get(3).is_none() && sub.is_empty() {
        return None;
    }
    let title = caps[4].trim();
    // Numbered statements (`1. Ann will post the draft.`) end like sentences.
    let sentence = title.ends_with(['.', ',', ';']) && !title.ends_with("...");
    let number = std::iter::once(&caps[1])
        .chain(sub.split('.').filter(|p| !p.is_empty()))
        .map(|p| p.parse().ok())
        .collect::<Option<Vec<u32>>>()?;
    Some(Numbered {
        number,
        level: 2 + sub.matches('.').count().min(4) as u8,
        title: title.to_string(),
        title_like: !sentence
            && title.chars().count() <= 120
            && title.starts_with(char::is_alphanumeric),
    })
}

/// For each line: the heading level and title when it is a numbered section line.
///
/// A numbered line at column 0 heads a section when a body follows it (an
/// indented line, or a blank line and then text that is no numbered line), so
/// numbered lists (`1. Ann to ...` line after line) stay lists. Once one
/// numbered line has such a body, numbered lines standing alone between blank
/// lines (`6. AOB` with nothing below, numbering going on) are sections too.
fn numbered_sections(lines: &[&str]) -> Vec<Option<(u8, String)>> {
    let found: Vec<Option<Numbered>> = lines.iter().map(|l| numbered(l)).collect();
    let blank = |j: usize| lines.get(j).is_none_or(|l| l.trim().is_empty());
    let mut standing_alone = vec![false; lines.len()];
    let mut with_body = vec![false; lines.len()];
    for (i, n) in found.iter().enumerate() {
        let Some(n) = n.as_ref().filter(|n| n.title_like) else {
            continue;
        };
        let in_list =
            (i > 0 && found[i - 1].is_some()) || found.get(i + 1).is_some_and(Option::is_some);
        if in_list {
            continue;
        }
        if !blank(i + 1) {
            with_body[i] = lines[i + 1].starts_with([' ', '\t']);
            continue;
        }
        match (i + 1..lines.len()).find(|&k| !blank(k)) {
            None => standing_alone[i] = true,
            Some(k) => match &found[k] {
                None => with_body[i] = true,
                // The numbering goes on (`6. AOB`, then `7. ...`), not a new list.
                Some(next) => standing_alone[i] = next.number > n.number,
            },
        }
    }
    let any_body = with_body.contains(&true);
    found
        .into_iter()
        .enumerate()
        .map(|(i, n)| {
            let n = n?;
            (with_body[i] || (any_body && standing_alone[i])).then_some((n.level, n.title))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<Block> {
        blocks(text, 0, &LineIndex::new(text))
    }

    #[test]
    fn sections_items_and_paragraphs() {
        let text = "2026-03-26\nAgenda\n- Topic one\nSome prose.\nSuggested actions\n- Do it\n";
        let b = parse(text);
        assert_eq!(b[0].kind, BlockKind::Paragraph);
        assert_eq!(b[1].kind, BlockKind::Heading(2));
        assert_eq!(
            (b[2].kind, b[2].line, b[2].text.as_str()),
            (BlockKind::ListItem, 3, "Topic one")
        );
        assert_eq!(b[4].text, "Suggested actions");
    }

    #[test]
    fn numbered_sections_with_indented_or_separated_bodies() {
        let text = "Orbit WG, session II\n\n1. Opening (chairs, 5 min)\n\n   Nothing to add.\n\n\
                    2. Transport draft (Ann Lee, 20 min)\n   Ann went through the changes.\n\
                    2.1 Open issues\n\n   Two left.\n\n3. AOB\n\n4. Wrap-up\n\nBo closed the call.\n\
                    \n   Decisions:\n   - keep QUIC\nAction items\n   - Ann Lee: post -05\n";
        let b = parse(text);
        let headings: Vec<(u32, u8, &str)> = b
            .iter()
            .filter_map(|b| b.heading_level().map(|l| (b.line, l, b.text.as_str())))
            .collect();
        assert_eq!(
            headings,
            vec![
                (3, 2, "Opening (chairs, 5 min)"),
                (7, 2, "Transport draft (Ann Lee, 20 min)"),
                (9, 3, "Open issues"),
                (13, 2, "AOB"),
                (15, 2, "Wrap-up"),
                (19, 3, "Decisions"),
                (21, 2, "Action items"),
            ]
        );
        let body = b.iter().find(|b| b.line == 5).expect("body line");
        assert_eq!(
            (body.kind, body.text.as_str()),
            (BlockKind::Paragraph, "Nothing to add.")
        );
    }

    #[test]
    fn numbered_lists_stay_lists() {
        let b = parse(
            "Actions\n1. Ann to post the draft.\n2. Bo to book a room\n\n1. Ann will call.\n\n2. Bo will write.\n",
        );
        assert!(b.iter().skip(1).all(|b| b.kind == BlockKind::ListItem));
        assert_eq!((b[2].text.as_str(), b[2].depth), ("Bo to book a room", 1));
        // Without any section body, numbered lines between blank lines are a list too.
        let b = parse("1. First point\n\n2. Second point\n\n3. Third point\n");
        assert!(b.iter().all(|b| b.kind == BlockKind::ListItem));
        let b = parse("2025. A year\n1.5 million users\n");
        assert!(b.iter().all(|b| b.kind == BlockKind::Paragraph));
    }
}
