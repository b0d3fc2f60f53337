//! Plain-text minutes: section names alone on a line, `- ` items, one paragraph per line.

use super::{Block, BlockKind, LineIndex};

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

/// Parse plain-text body lines starting at byte `body_start`.
pub(super) fn blocks(text: &str, body_start: usize, index: &LineIndex) -> Vec<Block> {
    let first_line = index.line_of(body_start);
    let lines: Vec<&str> = text[body_start..].split('\n').collect();
    let mut out = Vec::new();
    for (i, raw) in lines.iter().enumerate() {
        let line = first_line + i as u32;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        let block = if is_section_line(trimmed) {
            Block::new(
                BlockKind::Heading(2),
                0,
                trimmed.trim_end_matches(':').to_string(),
                line,
                line,
            )
        } else if let Some(item) = bullet(trimmed) {
            let indent = raw.len() - raw.trim_start().len();
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
        out.push(block);
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_items_and_paragraphs() {
        let text = "2026-03-26\nAgenda\n- Topic one\nSome prose.\nSuggested actions\n- Do it\n";
        let b = blocks(text, 0, &LineIndex::new(text));
        assert_eq!(b[0].kind, BlockKind::Paragraph);
        assert_eq!(b[1].kind, BlockKind::Heading(2));
        assert_eq!(
            (b[2].kind, b[2].line, b[2].text.as_str()),
            (BlockKind::ListItem, 3, "Topic one")
        );
        assert_eq!(b[4].text, "Suggested actions");
    }
}
