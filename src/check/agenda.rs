//! Agenda entries never discussed: a flat agenda list whose entries the body
//! of the minutes (the sections and paragraphs after it) does not take up. An
//! agenda whose entries carry their own notes is the discussion and is not
//! checked; nor is one with no section after it.
//!
//! Comparing entries with the body costs entries times body words, so a file
//! gets a budget of [`COMPARISONS_PER_BYTE`] word comparisons per byte of its
//! text: far more than minutes written by people need, and a hostile file of
//! many thousands of entries stops being checked when the budget runs out,
//! with one finding that says how many entries were left unchecked.

use super::{FileContext, Finding, Rule};
use crate::document::{Block, BlockKind};
use std::cell::OnceCell;
use std::collections::BTreeSet;

/// Words too common to tell two subjects apart.
const COMMON: [&str; 24] = [
    "about", "after", "again", "also", "and", "are", "before", "for", "from", "have", "into",
    "more", "next", "not", "our", "over", "should", "that", "the", "their", "this", "what", "will",
    "with",
];

/// Word comparisons an agenda check may make per byte of the file.
const COMPARISONS_PER_BYTE: u64 = 64;

/// Agenda entries that no later section or paragraph takes up.
pub fn not_discussed(ctx: &FileContext) -> Vec<Finding> {
    let blocks = &ctx.document.blocks;
    let bytes: usize = ctx.lines.iter().map(|l| l.len() + 1).sum();
    let bytes = bytes.max(blocks.iter().map(|b| b.text.len() + 1).sum());
    let mut budget = COMPARISONS_PER_BYTE * bytes as u64;
    // Worked out once per file, so each agenda costs its own entries and body
    // and not a walk over the rest of the file (a file of many agenda headings
    // took time with the square of their number).
    let headings = running_count(blocks, |b| b.heading_level().is_some());
    let cancels = running_count(blocks, says_cancelled);
    let tokens: Vec<OnceCell<BTreeSet<String>>> = blocks.iter().map(|_| OnceCell::new()).collect();
    let in_line_order = blocks.windows(2).all(|w| w[0].line <= w[1].line);
    let mut found = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        if !is_agenda_title(&blocks[i]) {
            i += 1;
            continue;
        }
        let end = list_end(blocks, i + 1);
        // The body is the rest of this meeting, not the next one in the file.
        let last = ctx
            .record
            .meetings
            .iter()
            .find(|m| (m.line..=m.end_line).contains(&blocks[i].line))
            .map_or(u32::MAX, |m| m.end_line);
        let body_end = if in_line_order {
            blocks.partition_point(|b| b.line <= last).max(end)
        } else {
            blocks[end..]
                .iter()
                .position(|b| b.line > last)
                .map_or(blocks.len(), |n| end + n)
        };
        let has_sections = headings[body_end] > headings[end];
        let called_off = cancels[body_end] > cancels[end];
        if has_sections && !called_off {
            let body = || (end..body_end).map(|j| tokens[j].get_or_init(|| words(&blocks[j].text)));
            let entries = flat_entries(&blocks[i + 1..end]);
            for (n, entry) in entries.iter().enumerate() {
                let Some(taken) = taken_up(&entry.text, body(), &mut budget) else {
                    let left = entries.len() - n;
                    found.push(ctx.finding(
                        Rule::AgendaItemNotDiscussed,
                        blocks[i].line,
                        ctx.column_of(blocks[i].line, first_word(&blocks[i].text)),
                        format!("agenda too long to check: {left} of its {} entries were not compared with the minutes", entries.len()),
                    ));
                    break;
                };
                if !taken {
                    let title = super::rules::short(&entry.text);
                    found.push(ctx.finding(
                        Rule::AgendaItemNotDiscussed,
                        entry.line,
                        ctx.column_of(entry.line, first_word(&entry.text)),
                        format!("agenda item \"{title}\" is not taken up in the minutes"),
                    ));
                }
            }
        }
        i = end.max(i + 1);
    }
    found
}

/// For each index `j` (and the end), how many of the blocks before `j` are `such`.
fn running_count(blocks: &[Block], such: impl Fn(&Block) -> bool) -> Vec<usize> {
    let mut counts = Vec::with_capacity(blocks.len() + 1);
    let mut n = 0;
    counts.push(n);
    for b in blocks {
        n += usize::from(such(b));
        counts.push(n);
    }
    counts
}

/// A heading, or a paragraph standing alone, that reads "Agenda".
fn is_agenda_title(b: &Block) -> bool {
    let heading = b.heading_level().is_some();
    let label = b.kind == BlockKind::Paragraph && b.depth == 0 && !b.text.contains('\n');
    if !(heading || label) {
        return false;
    }
    let text = b.text.trim().trim_end_matches(':').trim().to_lowercase();
    let text = text.trim_matches(|c: char| c == '*' || c == '_');
    text == "agenda" || text == "agenda items"
}

/// Whether a block says the meeting was cancelled.
fn says_cancelled(b: &Block) -> bool {
    crate::work::step(1);
    let text = b.text.to_lowercase();
    text.contains("cancelled") || text.contains("canceled")
}

/// The first block after the list that starts at `start`: whatever follows
/// the agenda list, in its section or not, may take its entries up.
fn list_end(blocks: &[Block], start: usize) -> usize {
    blocks[start..]
        .iter()
        .position(|b| b.depth == 0)
        .map_or(blocks.len(), |n| start + n)
}

/// The entries of an agenda that is one flat list: none when any entry
/// carries notes of its own beneath it.
fn flat_entries(section: &[Block]) -> Vec<&Block> {
    let nested = section
        .iter()
        .any(|b| b.depth > 1 || b.kind == BlockKind::Paragraph && b.depth > 0);
    if nested {
        return Vec::new();
    }
    section
        .iter()
        .filter(|b| b.kind == BlockKind::ListItem && b.depth == 1)
        .collect()
}

/// Whether some block of `body` shares an issue number with the entry, or
/// half of its telling words (two are enough for a long entry). An aside in
/// parentheses is not the subject. `None` when the word comparisons it would
/// take exceed what is left of `budget`.
fn taken_up<'a>(
    entry: &str,
    body: impl IntoIterator<Item = &'a BTreeSet<String>>,
    budget: &mut u64,
) -> Option<bool> {
    let wanted = words(&without_asides(entry));
    if wanted.is_empty() {
        return Some(true);
    }
    let need = wanted.len().div_ceil(2).min(2);
    let mut over = false;
    let found = body.into_iter().any(|have| {
        let cost = (wanted.len() * have.len()) as u64 + 1;
        crate::work::step(cost as usize);
        if cost > *budget {
            over = true;
            return true;
        }
        *budget -= cost;
        let met = wanted
            .iter()
            .filter(|w| have.iter().any(|h| same_word(w, h)))
            .count();
        let number = wanted
            .iter()
            .any(|w| w.starts_with('#') && have.contains(w));
        number || met >= need
    });
    (!over).then_some(found)
}

/// Whether two telling words are one: equal, or one opens the other
/// (`member`, `membership`; `release`, `releases`).
fn same_word(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !short.starts_with('#') && long.starts_with(short) || a == b
}

/// `text` without the parts in parentheses.
fn without_asides(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The telling words of a text: lower-cased, four letters or more and not
/// common, acronyms of three capitals, and issue numbers (`#12`).
fn words(text: &str) -> BTreeSet<String> {
    crate::work::step(1);
    let mut out = BTreeSet::new();
    for token in text.split(|c: char| !(c.is_alphanumeric() || c == '#')) {
        for (n, part) in token.split('#').enumerate() {
            let number = n > 0 && !part.is_empty() && part.chars().all(|c| c.is_ascii_digit());
            let acronym = part.chars().count() == 3 && part.chars().all(|c| c.is_uppercase());
            let lower = part.to_lowercase();
            if number {
                out.insert(format!("#{part}"));
            } else if acronym || lower.chars().count() >= 4 && !COMMON.contains(&lower.as_str()) {
                out.insert(lower);
            }
        }
    }
    out
}

fn first_word(text: &str) -> &str {
    text.split_whitespace().next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::super::Rule;
    use super::super::testing::places;

    const HEAD: &str = "# Sync 2024-03-05\n\n## Attendees\n\n- Ann Example\n\n";

    #[test]
    fn an_entry_no_section_takes_up() {
        let text = format!(
            "{HEAD}## Agenda\n\n- Release plan\n- Website redesign\n- Budget for travel\n\n## Release plan\n\nWe agreed on dates.\n\n## Other\n\nThe travel budget is approved.\n"
        );
        assert_eq!(places(&text, Rule::AgendaItemNotDiscussed), vec![(10, 3)]);
    }

    #[test]
    fn an_agenda_with_its_own_notes_is_the_discussion() {
        let text = format!(
            "{HEAD}## Agenda\n\n- Release plan\n  - dates agreed\n- Website redesign\n\n## Other\n\nNothing.\n"
        );
        assert_eq!(places(&text, Rule::AgendaItemNotDiscussed), vec![]);
    }

    #[test]
    fn what_follows_the_list_in_its_section_takes_entries_up() {
        let text = format!(
            "{HEAD}## Agenda\n\n- Working group reviews\n\n| Group | Review |\n|---|---|\n| Docs | reviewed |\n\n## Other\n\nNothing.\n"
        );
        assert_eq!(places(&text, Rule::AgendaItemNotDiscussed), vec![]);
    }

    #[test]
    fn asides_acronyms_and_longer_forms_match() {
        let text = format!(
            "{HEAD}## Agenda\n\n- CPC membership (see the update)\n\n## Notes\n\n- Revisiting the policy to become a CPC member\n"
        );
        assert_eq!(places(&text, Rule::AgendaItemNotDiscussed), vec![]);
    }

    #[test]
    fn the_next_meeting_in_the_file_does_not_count() {
        let text = "# 2024-03-12\n\n## Attendees\n\n- Ann Example\n\n## Agenda\n\n- Flaky tests\n\n# 2024-03-05\n\n## Attendees\n\n- Ann Example\n\n## Notes\n\n- Nothing new.\n";
        assert_eq!(places(text, Rule::AgendaItemNotDiscussed), vec![]);
    }

    #[test]
    fn a_cancelled_meeting_discusses_nothing() {
        let text = format!(
            "{HEAD}## Agenda\n\n- Opening\n- Closure\n\n## Notes\n\nCancelled for lack of agenda.\n"
        );
        assert_eq!(places(&text, Rule::AgendaItemNotDiscussed), vec![]);
    }

    #[test]
    fn an_agenda_without_body_sections_is_not_checked() {
        let text = format!("{HEAD}## Agenda\n\n- Release plan\n- Website redesign\n");
        assert_eq!(places(&text, Rule::AgendaItemNotDiscussed), vec![]);
    }

    #[test]
    fn an_agenda_too_long_to_check_says_so_once() {
        let entries: String = (0..600).map(|i| format!("- Topic{i} alpha{i}\n")).collect();
        let body: String = (0..600)
            .map(|i| format!("Unrelated{i} words{i}\n\n"))
            .collect();
        let text = format!("{HEAD}## Agenda\n\n{entries}\n## Notes\n\n{body}");
        let found: Vec<_> = super::super::testing::run_with(&text, &Default::default())
            .into_iter()
            .filter(|f| f.rule == Rule::AgendaItemNotDiscussed)
            .collect();
        let long: Vec<_> = found
            .iter()
            .filter(|f| f.message.starts_with("agenda too long to check"))
            .collect();
        assert_eq!(long.len(), 1);
        assert_eq!(long[0].line, 7);
        let checked = found.len() - 1;
        assert!(checked > 0 && checked < 600, "{checked} entries reported");
    }

    #[test]
    fn an_issue_number_takes_up_its_entry() {
        let text = format!(
            "{HEAD}## Agenda\n\n- Flaky CI jobs acme/ci#12\n\n## Notes\n\n- acme/ci#12: retried, fixed.\n"
        );
        assert_eq!(places(&text, Rule::AgendaItemNotDiscussed), vec![]);
    }
}
