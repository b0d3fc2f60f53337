//! Who was there, who was not, and who held which role: attendance sections in
//! every common style (lists, prose, Markdown and HTML tables) and label lines
//! such as `Present:`, `Regrets:`, `Chair:` and `Scribe:`.

use super::findings::{Fact, Finding, Rule};
use super::lexicon;
use super::person;
use super::records::PersonRef;
use crate::config::Keywords;
use crate::document::{Block, BlockKind};
use crate::model::Role;
use regex::Regex;
use std::sync::LazyLock;

static LABEL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W{0,3}((?:[a-z]+ ){0,2}(?:present|attendees|attendance|participants|attending|guests|regrets|absent|apologies|excused)|out|away|unavailable|chairs?|chaired by|scribes?|note ?takers?|minutes(?: taker| by)?|moderator|facilitator)\W{0,3}\s*:\s*(.+)$")
        .expect("regex")
});
static ABSENCE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(absent|could not attend|couldn't attend|can't attend|cannot attend|unable to attend|not attend|excused|on leave|on vacation|regrets|is out|are out|missing)\b|(?m:^\W{0,3}(?:out|away|unavailable)\s*:)").expect("regex")
});

/// Names listed in an attendance (or absence) section. `affiliated` says the
/// section's entries read `Name, Affiliation` (see [`lists_affiliations`]).
pub(super) fn attendance_block(block: &Block, absent: bool, affiliated: bool) -> Vec<Finding> {
    let mut found = Vec::new();
    if matches!(block.kind, BlockKind::Heading(_) | BlockKind::Code) {
        return found;
    }
    if block.kind == BlockKind::TableRow {
        found.extend(table_row_presence(block, absent));
        return found;
    }
    let text = block.text.clone();
    let listed = list_after_label(&text, block.line)
        .or_else(|| {
            person::split_name_list(&text, block.line)
                .map(|l| without_affiliation(l, block, affiliated))
        })
        .or_else(|| first_piece(&text, block));
    match listed {
        Some(people) if !is_table_header(block) => {
            let absent = absent || ABSENCE_WORDS.is_match(&text);
            for p in people {
                found.push(presence(p, absent));
            }
        }
        _ => {
            if ABSENCE_WORDS.is_match(&text) {
                for (p, _) in person::find_acting_names(&text, block.line) {
                    found.push(presence(p, true));
                }
            }
        }
    }
    found
}

fn is_table_header(block: &Block) -> bool {
    block.kind == BlockKind::TableRow
        && block.cells.iter().any(|c| {
            let c = c.to_lowercase();
            c.starts_with("name")
                || matches!(c.as_str(), "person" | "attendee" | "participant" | "who")
        })
}

/// One row of an attendance table: a name cell, an optional presence mark
/// (`X`, `✓`) in a short first column, and an optional handle column.
fn table_row_presence(block: &Block, absent: bool) -> Option<Finding> {
    if is_table_header(block) {
        return None;
    }
    let cells = &block.cells;
    let marked = cells
        .first()
        .filter(|c| c.chars().count() <= 3 && !c.chars().any(char::is_alphabetic) || is_mark(c));
    let name_cells: &[String] = if marked.is_some() || cells.first().is_some_and(|c| c.is_empty()) {
        &cells[1..]
    } else {
        cells
    };
    let (pos, name) = name_cells.iter().enumerate().find_map(|(i, c)| {
        let name = c.split(['(', ',']).next().unwrap_or("").trim();
        (person::name_like(name) && !name.is_empty()).then_some((i, name))
    })?;
    let mut p = person::person_ref(name, block.line);
    if let Some(handle) = name_cells[pos + 1..]
        .iter()
        .rev()
        .find(|c| is_handle_cell(c))
        && !p.is_handle
    {
        p.handle = Some(handle.trim_start_matches('@').to_string());
    }
    let has_mark_column = marked.is_some() || cells.first().is_some_and(|c| c.is_empty());
    let present = !has_mark_column || marked.is_some_and(|m| is_mark(m));
    Some(presence(p, absent || !present))
}

fn is_mark(cell: &str) -> bool {
    matches!(
        cell.trim().to_lowercase().as_str(),
        "x" | "✓" | "✔" | "✅" | "yes" | "y" | "present" | "[x]" | "+" | "1"
    )
}

fn is_handle_cell(cell: &str) -> bool {
    let c = cell.trim().trim_start_matches('@');
    !c.is_empty()
        && c.len() <= 39
        && c.chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
        && !matches!(
            c.to_lowercase().as_str(),
            "he" | "she" | "they" | "him" | "her" | "them"
        )
}

/// `Team members: Niko, Scott` -> the list after the label.
fn list_after_label(text: &str, line: u32) -> Option<Vec<PersonRef>> {
    let (label, rest) = text.split_once(':')?;
    (label.split_whitespace().count() <= 4 && !rest.trim().is_empty())
        .then(|| person::split_name_list(rest, line))?
}

/// A list item such as `Matt Rutkowski, he/him, CT (IBM)`: its first comma piece, when name-like.
fn first_piece(text: &str, block: &Block) -> Option<Vec<PersonRef>> {
    if block.kind != BlockKind::ListItem && block.kind != BlockKind::TableRow {
        return None;
    }
    let first = text.split([',', '(', '–', '—']).next()?.trim();
    let first = first.split(" - ").next()?.trim();
    if let Some(p) = name_and_handle(first, block.line) {
        return Some(vec![p]);
    }
    person::name_like(first).then(|| vec![person::person_ref(first, block.line)])
}

/// One entry of a list (`Dan Lorenc, Google`, `Dan Lorenc, Acme Labs`): a full name
/// followed only by affiliations is a name and its affiliation, not several people.
/// Where the section's entries read `Name, Affiliation`, one piece written like a
/// name (`Dan Lorenc, Quillon Metrics`) is an affiliation too, unless the entry
/// already gives one in brackets (`Ann Lee, Bo Chen (Initech)` lists two people).
fn without_affiliation(
    mut people: Vec<PersonRef>,
    block: &Block,
    affiliated: bool,
) -> Vec<PersonRef> {
    let one_entry = matches!(block.kind, BlockKind::ListItem | BlockKind::TableRow);
    let full_name = people
        .first()
        .is_some_and(|p| !p.is_handle && p.name.split_whitespace().count() >= 2);
    let pair = people.len() == 2;
    let bracketed = block.text.contains('(');
    let affiliations = people.iter().skip(1).all(|p| match affiliation_of(p) {
        Affiliation::Clear => true,
        Affiliation::Organisation => pair,
        Affiliation::Possible => pair && affiliated && !bracketed,
        Affiliation::No => false,
    });
    if one_entry && full_name && people.len() > 1 && affiliations {
        people.truncate(1);
    }
    people
}

/// How surely a piece after a full name is an affiliation rather than a person.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Affiliation {
    /// One word that is no given name (`Initech`).
    Clear,
    /// Several words written as no person's name is: with an organisation word
    /// (`Cornell University`), an acronym (`Acme GPU`), a digit or a small word
    /// (`Bank of Nowhere`), or opening with an ordinary word (`Blue Harbor`).
    Organisation,
    /// Written like a person's name (`Quillon Metrics`, `Sally Brook`): an affiliation
    /// only where the entries around it have them.
    Possible,
    /// A handle, or a single given name (`Scott`).
    No,
}

fn affiliation_of(p: &PersonRef) -> Affiliation {
    if p.is_handle {
        return Affiliation::No;
    }
    let words: Vec<&str> = p.name.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let given =
        |w: &String| lexicon::FIRST_NAMES.contains(w) || lexicon::AMBIGUOUS_NAMES.contains(w);
    let unlike_a_name = |(i, w): (usize, &&str)| {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let caps = w.chars().all(|c| !c.is_lowercase());
        // `CJ Cullen` opens with initials; `Erlang VM` and `Acme GPU` end with an acronym.
        (caps && (letters >= 3 || (i > 0 && letters >= 2)))
            || w.chars().any(|c| c.is_ascii_digit())
            || w.starts_with(char::is_lowercase)
    };
    match lower.as_slice() {
        [] => Affiliation::No,
        [one] if lexicon::FIRST_NAMES.contains(one) => Affiliation::No,
        [_] => Affiliation::Clear,
        [first, ..]
            if lower.iter().any(|w| lexicon::ORG_WORDS.contains(w))
                || words.iter().enumerate().any(unlike_a_name)
                || (lexicon::COMMON_WORDS.contains(first) && !given(first)) =>
        {
            Affiliation::Organisation
        }
        _ => Affiliation::Possible,
    }
}

/// Whether the entries of an attendance section read `Name, Affiliation`: at least
/// two list entries pair a full name with something that is surely no person.
pub(super) fn lists_affiliations<'a>(blocks: impl IntoIterator<Item = &'a Block>) -> bool {
    blocks
        .into_iter()
        .filter(|b| b.kind == BlockKind::ListItem)
        .filter(|b| {
            person::split_name_list(&b.text, b.line).is_some_and(|people| {
                let full_name = people
                    .first()
                    .is_some_and(|p| !p.is_handle && p.name.split_whitespace().count() >= 2);
                full_name
                    && people.len() == 2
                    && matches!(
                        affiliation_of(&people[1]),
                        Affiliation::Clear | Affiliation::Organisation
                    )
            })
        })
        .nth(1)
        .is_some()
}

/// `Anna Example @annex` (a name followed by its handle) as one person.
fn name_and_handle(text: &str, line: u32) -> Option<PersonRef> {
    let (name, handle) = text.rsplit_once(" @")?;
    let handle = handle.trim();
    let valid_handle = !handle.is_empty()
        && handle
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    let name_first = name.trim().starts_with(char::is_uppercase);
    (valid_handle && name_first && person::name_like(name.trim())).then(|| PersonRef {
        name: name.trim().to_string(),
        is_handle: false,
        handle: Some(handle.to_string()),
        line,
    })
}

fn presence(p: PersonRef, absent: bool) -> Finding {
    let fact = if absent {
        Fact::Absent(p)
    } else {
        Fact::Attends(p)
    };
    Finding::stated(Rule::AttendanceSection, fact)
}

/// `Present: A, B`, `Regrets: C`, `Chair: D`, `Scribe: E` lines anywhere.
pub(super) fn label_lines(block: &Block, keywords: &Keywords) -> Vec<Finding> {
    let mut found = Vec::new();
    let mut add = |fact| found.push(Finding::stated(Rule::LabelLine, fact));
    for (line, text) in block.text_lines() {
        let Some((label, list)) = presence_label(text.trim(), keywords) else {
            continue;
        };
        let people = person::split_name_list(&list, line)
            .unwrap_or_else(|| person::find_handles(&list, line));
        for p in people {
            match label.as_str() {
                l if ["regret", "absent", "apolog", "excused"]
                    .iter()
                    .any(|w| l.contains(w))
                    || ["out", "away", "unavailable"].contains(&l) =>
                {
                    add(Fact::Absent(p))
                }
                l if l.starts_with("chair") || l == "moderator" || l == "facilitator" => {
                    add(Fact::Role(Role::Chair, p.clone()));
                    add(Fact::Attends(p));
                }
                l if l.starts_with("scribe")
                    || l.starts_with("note")
                    || l.starts_with("minutes") =>
                {
                    add(Fact::Role(Role::Scribe, p.clone()));
                    add(Fact::Attends(p));
                }
                _ => add(Fact::Attends(p)),
            }
        }
    }
    found
}

/// The label and list of a line such as `Present: A, B`; configured attendance
/// words count as `present`, absence words as `absent`.
fn presence_label(text: &str, keywords: &Keywords) -> Option<(String, String)> {
    // Every label ends with a colon.
    if !text.contains(':') {
        return None;
    }
    if let Some(caps) = LABEL_LINE.captures(text) {
        return Some((caps[1].to_lowercase(), caps[2].to_string()));
    }
    let (label, list) = text.split_once(':')?;
    let label = label
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if list.trim().is_empty() {
        return None;
    }
    if keywords.attendance.contains(&label) {
        Some(("present".into(), list.to_string()))
    } else if keywords.absence.contains(&label) {
        Some(("absent".into(), list.to_string()))
    } else {
        None
    }
}

/// Roles named in a housekeeping section (`Responsible for the minutes: @x`).
pub(super) fn roles_in(block: &Block) -> Vec<Finding> {
    let mut found = Vec::new();
    for (line, text) in block.text_lines() {
        let lower = text.to_lowercase();
        let role = if lower.contains("minutes")
            || lower.contains("note")
            || lower.contains("scribe")
            || lower.contains("protocol")
        {
            Some(Role::Scribe)
        } else if lower.contains("chair")
            || lower.contains("moderat")
            || lower.contains("facilitat")
        {
            Some(Role::Chair)
        } else if lower.contains("report") || lower.contains("present") {
            Some(Role::Reporter)
        } else {
            None
        };
        if let Some(role) = role {
            for p in person::find_handles(text, line) {
                found.push(Finding::stated(Rule::Housekeeping, Fact::Role(role, p)));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::extract::merge;
    use crate::extract::records::MeetingRecord;

    fn meeting_from(text: &str) -> MeetingRecord {
        let block = Block::new(
            BlockKind::Paragraph,
            0,
            text.to_string(),
            1,
            text.lines().count() as u32,
        );
        merge::draft(&label_lines(&block, &Keywords::default()))
    }

    #[test]
    fn presence_labels_with_qualifiers() {
        let m = meeting_from(
            "Directors Present: Ann Example, Bo Builder\nDirectors Absent: Cy Coder\nGuests: Dee Dev\nChair: Ann Example\nOut: Eve Example",
        );
        let names = |v: &[PersonRef]| v.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&m.attendees),
            vec!["Ann Example", "Bo Builder", "Dee Dev", "Ann Example"]
        );
        assert_eq!(names(&m.absentees), vec!["Cy Coder", "Eve Example"]);
        assert_eq!(m.roles.len(), 1);
    }

    #[test]
    fn list_entries_keep_names_not_affiliations() {
        let listed = |text: &str| {
            let block = Block::new(BlockKind::ListItem, 1, text.to_string(), 4, 4);
            merge::draft(&attendance_block(&block, false, false))
                .attendees
                .into_iter()
                .map(|p| p.name)
                .collect::<Vec<_>>()
        };
        assert_eq!(listed("Dan Example, Initech"), vec!["Dan Example"]);
        assert_eq!(listed("Dan Example, Scott"), vec!["Dan Example", "Scott"]);
        assert_eq!(listed("Niko, Scott, boats"), vec!["Niko", "Scott", "boats"]);
    }

    #[test]
    fn affiliations_of_several_words_are_no_people() {
        let listed = |text: &str, affiliated: bool| {
            let block = Block::new(BlockKind::ListItem, 1, text.to_string(), 4, 4);
            merge::draft(&attendance_block(&block, false, affiliated))
                .attendees
                .into_iter()
                .map(|p| p.name)
                .collect::<Vec<_>>()
        };
        let alone = |text: &str| listed(text, false);
        assert_eq!(alone("Dan Example, Blue Quillon"), vec!["Dan Example"]);
        assert_eq!(alone("Dan Example (Quillon Metrics)"), vec!["Dan Example"]);
        assert_eq!(alone("Dan Example - Quillon Metrics"), vec!["Dan Example"]);
        assert_eq!(
            alone("Dan Example, Quillon Research Labs"),
            vec!["Dan Example"]
        );
        assert_eq!(alone("Dan Example, Quillon QPX"), vec!["Dan Example"]);
        // Written like a name: a person, unless the section pairs names with affiliations.
        assert_eq!(
            alone("Dan Example, Quillon Metrics"),
            vec!["Dan Example", "Quillon Metrics"]
        );
        assert_eq!(
            listed("Dan Example, Quillon Metrics", true),
            vec!["Dan Example"]
        );
        assert_eq!(
            listed("Dan Example, Sally Brook (Initech)", true),
            vec!["Dan Example", "Sally Brook"]
        );
        assert_eq!(
            listed("Dan Example, Sally Brook, Tom Ware", true),
            vec!["Dan Example", "Sally Brook", "Tom Ware"]
        );
        assert_eq!(
            alone("Dan Example, JQ Ware, Initech"),
            vec!["Dan Example", "JQ Ware", "Initech"]
        );
    }

    #[test]
    fn a_section_of_names_and_affiliations() {
        let item = |text: &str| Block::new(BlockKind::ListItem, 1, text.to_string(), 4, 4);
        let paired = [
            item("Dan Example, Initech"),
            item("Eve Example, Quillon Research Labs"),
        ];
        assert!(lists_affiliations(&paired));
        let people = [item("Dan Example, Sally Brook"), item("Eve Example")];
        assert!(!lists_affiliations(&people));
    }

    #[test]
    fn names_with_their_handles() {
        let p = name_and_handle("Eve Example @evex", 3).expect("name and handle");
        assert_eq!(
            (p.name.as_str(), p.handle.as_deref(), p.key()),
            ("Eve Example", Some("evex"), "evex".to_string())
        );
        assert!(name_and_handle("see @evex", 3).is_none());
    }
}
