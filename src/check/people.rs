//! One person written two ways: spellings of a name that the graph merges
//! into one person, within a file and across files. Handles are left out,
//! with or without their `@`: `Jan Schoone (@jschoone)` and a later
//! `jschoone:` are the usual way of tying a name to its handle. A spelling
//! counts only where the line shows it outside the other spelling.

use super::{FileContext, Finding, Rule};
use crate::extract::records::MeetingRecord;
use std::collections::{BTreeMap, BTreeSet};

/// For one file: canonical person -> spelling -> (times written, first line).
type Spellings = BTreeMap<String, BTreeMap<String, (usize, u32)>>;

/// Every handle written in `records`, lower-cased.
pub fn handles(records: &[crate::extract::FileRecord]) -> BTreeSet<String> {
    records
        .iter()
        .flat_map(|r| &r.meetings)
        .flat_map(MeetingRecord::person_refs)
        .filter_map(|p| {
            let handle = if p.is_handle {
                Some(&p.name)
            } else {
                p.handle.as_ref()
            };
            handle.map(|h| h.trim_start_matches('@').to_lowercase())
        })
        .collect()
}

/// Every spelling of a name in a file, by the person it resolves to.
fn spellings(ctx: &FileContext) -> Spellings {
    let mut map = Spellings::new();
    for p in ctx
        .record
        .meetings
        .iter()
        .flat_map(MeetingRecord::person_refs)
    {
        if p.is_handle {
            continue;
        }
        let spelling = p.name.split_whitespace().collect::<Vec<_>>().join(" ");
        if spelling.is_empty() || ctx.handles.contains(&spelling.to_lowercase()) {
            continue;
        }
        let entry = map
            .entry(ctx.people.canonical(p))
            .or_default()
            .entry(spelling)
            .or_insert((0, p.line));
        entry.0 += 1;
        entry.1 = entry.1.min(p.line);
    }
    map
}

/// The spelling to keep: a name of several words before a single word (a
/// nick or a first name), then the most used, then longest, then first in order.
fn main_spelling<'a>(counts: impl Iterator<Item = (&'a String, usize)>) -> Option<&'a String> {
    counts
        .max_by(|(a, n), (b, m)| {
            a.contains(' ')
                .cmp(&b.contains(' '))
                .then(n.cmp(m))
                .then(a.chars().count().cmp(&b.chars().count()))
                .then(b.cmp(a))
        })
        .map(|(s, _)| s)
}

/// A person written in two spellings in one file: one finding at the first
/// use of each spelling but the most used.
pub fn written_two_ways_in_file(ctx: &FileContext) -> Vec<Finding> {
    let mut found = Vec::new();
    for forms in spellings(ctx).values() {
        let Some(main) = main_spelling(forms.iter().map(|(s, (n, _))| (s, *n))) else {
            continue;
        };
        let main_line = forms[main].1;
        for (spelling, &(_, line)) in forms.iter().filter(|(s, _)| *s != main) {
            if !written_apart(ctx.line(line), spelling, main) {
                continue;
            }
            found.push(ctx.finding(
                Rule::PersonWrittenTwoWays,
                line,
                ctx.column_of(line, spelling),
                format!(
                    "person written two ways: \"{spelling}\" here, \"{main}\" on line {main_line}"
                ),
            ));
        }
    }
    found
}

/// A person a file only writes in a spelling other files do not use, where
/// the graph merged them: one finding at the first use in each such file.
pub fn written_two_ways_across_files(contexts: &[FileContext]) -> Vec<Finding> {
    let per_file: Vec<Spellings> = contexts.iter().map(spellings).collect();
    // canonical person -> spelling -> the files (indices) using it
    let mut used: BTreeMap<&String, BTreeMap<&String, Vec<usize>>> = BTreeMap::new();
    for (i, file) in per_file.iter().enumerate() {
        for (person, forms) in file {
            for spelling in forms.keys() {
                used.entry(person)
                    .or_default()
                    .entry(spelling)
                    .or_default()
                    .push(i);
            }
        }
    }
    let mut found = Vec::new();
    for (person, forms) in &used {
        if forms.len() < 2 {
            continue;
        }
        let Some(main) = main_spelling(forms.iter().map(|(s, f)| (*s, f.len()))) else {
            continue;
        };
        let elsewhere = &forms[main];
        for (i, file) in per_file.iter().enumerate() {
            let Some(mine) = file.get(*person) else {
                continue;
            };
            if mine.contains_key(main) {
                continue;
            }
            let Some(own) = main_spelling(mine.iter().map(|(s, (n, _))| (s, *n))) else {
                continue;
            };
            let line = mine[own].1;
            let ctx = &contexts[i];
            if !written_apart(ctx.line(line), own, main) {
                continue;
            }
            let example = contexts[elsewhere[0]].path;
            found.push(ctx.finding(
                Rule::PersonWrittenTwoWays,
                line,
                ctx.column_of(line, own),
                format!(
                    "person written two ways: \"{own}\" here, \"{main}\" in {} other file{} (such as {example})",
                    elsewhere.len(),
                    if elsewhere.len() == 1 { "" } else { "s" },
                ),
            ));
        }
    }
    found
}

/// Whether `line` shows `spelling` as written, outside any `other` (a
/// spelling extraction derived, like a surname cut from the full name, is
/// not one the minutes wrote).
fn written_apart(line: &str, spelling: &str, other: &str) -> bool {
    let rest = if other.contains(spelling) {
        line.replace(other, "")
    } else {
        line.to_string()
    };
    rest.contains(spelling)
}

#[cfg(test)]
mod tests {
    use super::super::Rule;
    use super::super::testing::{places, run_files};
    use crate::config::Config;

    #[test]
    fn a_name_and_its_short_form_in_one_file() {
        let text = "# Sync 2024-03-05\n\n## Present\n\n- Alexander Roe (@aroe)\n- Bob Sample (@bsample)\n- Alex Roe (@aroe)\n";
        assert_eq!(places(text, Rule::PersonWrittenTwoWays), vec![(7, 3)]);
    }

    #[test]
    fn a_handle_without_its_at_is_not_a_spelling() {
        let text = "# Sync 2024-03-05\n\n## Present\n\n- Alexander Roe (@aroe)\n- Bob Sample (@bsample)\n- aroe (@aroe)\n";
        assert_eq!(places(text, Rule::PersonWrittenTwoWays), vec![]);
    }

    #[test]
    fn a_spelling_must_be_written_apart() {
        assert!(!super::written_apart(
            "- Rich Roe (left early)",
            "Roe",
            "Rich Roe"
        ));
        assert!(super::written_apart("- Roe: agreed", "Roe", "Rich Roe"));
    }

    #[test]
    fn a_handle_beside_a_name_is_one_spelling() {
        let text = "# Sync 2024-03-05\n\n## Attendees\n\n- Jane Doe (@jdoe)\n\n## Notes\n\n- @jdoe showed the demo.\n";
        assert_eq!(places(text, Rule::PersonWrittenTwoWays), vec![]);
    }

    #[test]
    fn spellings_across_files_the_graph_merged() {
        let a = "# Sync 2024-03-05\n\n## Attendees\n\n- Jane Doe (@jdoe)\n";
        let b = "# Sync 2024-03-12\n\n## Attendees\n\n- Jane Doe (@jdoe)\n";
        let c = "# Sync 2024-03-19\n\n## Attendees\n\n- Jane D. (@jdoe)\n";
        let found = run_files(&[("a.md", a), ("b.md", b), ("c.md", c)], &Config::default());
        let two: Vec<_> = found
            .iter()
            .filter(|f| f.rule == Rule::PersonWrittenTwoWays)
            .collect();
        assert_eq!(two.len(), 1, "{found:?}");
        assert_eq!(
            (two[0].path.as_str(), two[0].line, two[0].column),
            ("c.md", 5, 3)
        );
        assert!(
            two[0].message.contains("\"Jane Doe\" in 2 other files"),
            "{}",
            two[0].message
        );
    }
}
