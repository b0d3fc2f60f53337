//! Files that hold several meetings (a yearly notes document with one dated
//! heading per meeting) are split into one part per meeting.

use super::dates;
use crate::document::{Block, Document};
use std::borrow::Cow;

/// The parts of a document: the whole document, or one part per dated heading
/// when at least two headings of the same level open with a date. With the
/// `year` of the file's path, a heading that opens with a month and day
/// (`### March 3`) is dated too: yearly notes often leave the year out.
pub fn meeting_parts(doc: &Document, year: Option<u32>) -> Vec<Cow<'_, Document>> {
    let dated: Vec<(usize, u8)> = doc
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let level = b.heading_level()?;
            let year_less = year.and_then(|y| dates::opening_month_day(&b.text, y));
            (opens_with_date(b) || year_less.is_some()).then_some((i, level))
        })
        .collect();
    let Some(level) = most_common_level(&dated) else {
        return vec![Cow::Borrowed(doc)];
    };
    let starts: Vec<usize> = dated
        .iter()
        .filter(|(_, l)| *l == level)
        .map(|(i, _)| *i)
        .collect();
    if starts.len() < 2 {
        return vec![Cow::Borrowed(doc)];
    }
    starts
        .iter()
        .enumerate()
        .map(|(n, &start)| {
            let end = starts.get(n + 1).copied().unwrap_or(doc.blocks.len());
            Cow::Owned(Document {
                source: doc.source.clone(),
                front_matter: doc.front_matter.clone(),
                blocks: doc.blocks[start..end].to_vec(),
                style: doc.style,
                diagnostics: Vec::new(),
            })
        })
        .collect()
}

/// A heading whose text starts with a date (`# **2024-12-10**`, `## March 5, 2024 - canceled`).
fn opens_with_date(block: &Block) -> bool {
    let text = block
        .text
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    dates::find_date(text).is_some_and(|d| d.start <= 1)
}

fn most_common_level(dated: &[(usize, u8)]) -> Option<u8> {
    (1..=6u8)
        .max_by_key(|l| {
            (
                dated.iter().filter(|(_, x)| x == l).count(),
                std::cmp::Reverse(*l),
            )
        })
        .filter(|l| dated.iter().any(|(_, x)| x == l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_dated_headings_only_when_there_are_several() {
        let one = crate::document::parse("a.md", "# 2024-01-02\n\n## Agenda\n\n- x\n");
        assert_eq!(meeting_parts(&one, None).len(), 1);
        let many = crate::document::parse(
            "a.md",
            "# Notes 2024\n\nintro\n\n# **2024-12-10**\n\n## Agenda\n\n- a\n\n# 2024-11-26 - Canceled\n\n- b\n",
        );
        let parts = meeting_parts(&many, None);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].blocks[0].line, 5);
        assert_eq!(parts[1].blocks[0].text, "2024-11-26 - Canceled");
    }

    #[test]
    fn splits_on_headings_without_a_year_when_the_path_gives_one() {
        let text = "# sig weekly\n\n# Dec 19 {#dec-19}\n\n- a\n\n# Dec 12\n\n- b\n";
        let doc = crate::document::parse("meeting-notes-2017.md", text);
        assert_eq!(meeting_parts(&doc, None).len(), 1);
        let parts = meeting_parts(&doc, Some(2017));
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[1].blocks[0].text, "Dec 12");
    }
}
