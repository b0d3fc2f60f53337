//! The minutes linter behind `minutegraph check`: what makes minutes hard to
//! read for people and for the graph. Each rule is a small function that reads
//! one file's [`FileContext`] (its record, text and parsed blocks) and returns
//! [`Finding`]s; [`check`] runs them all and sorts the result.

mod agenda;
mod people;
mod rules;

use crate::config::Config;
use crate::document::Document;
use crate::extract::FileRecord;
use crate::resolve::PersonIndex;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What a finding is about; its name is stable, for CI configuration.
/// Declared in name order, so findings sort by rule name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "&'static str")]
pub enum Rule {
    /// An action item nobody is to do.
    ActionWithoutOwner,
    /// An agenda entry that no section or paragraph takes up.
    AgendaItemNotDiscussed,
    /// `#123` where no `owner/repo` is written or configured.
    IssueWithoutRepository,
    /// A meeting with no attendee section or list.
    NoAttendees,
    /// A meeting with no date.
    NoDate,
    /// One person written in two spellings.
    PersonWrittenTwoWays,
}

impl Rule {
    /// Every rule, in name order.
    pub const ALL: [Rule; 6] = [
        Rule::ActionWithoutOwner,
        Rule::AgendaItemNotDiscussed,
        Rule::IssueWithoutRepository,
        Rule::NoAttendees,
        Rule::NoDate,
        Rule::PersonWrittenTwoWays,
    ];

    /// The rule's stable name.
    pub fn name(self) -> &'static str {
        match self {
            Rule::NoDate => "no-date",
            Rule::NoAttendees => "no-attendees",
            Rule::ActionWithoutOwner => "action-without-owner",
            Rule::IssueWithoutRepository => "issue-without-repository",
            Rule::PersonWrittenTwoWays => "person-written-two-ways",
            Rule::AgendaItemNotDiscussed => "agenda-item-not-discussed",
        }
    }
}

impl From<Rule> for &'static str {
    fn from(rule: Rule) -> Self {
        rule.name()
    }
}

/// How serious a finding is; every rule only warns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth fixing; fails a run only with `--deny warnings`.
    Warning,
}

/// One thing found, at a 1-based line and column (in characters).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Finding {
    /// The file as the user named it.
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// Which rule.
    pub rule: Rule,
    /// Always a warning.
    pub severity: Severity,
    /// What is wrong, in words.
    pub message: String,
}

/// The text of one file read, as the user named it.
#[derive(Clone, Debug)]
pub struct Source {
    /// The path shown in findings.
    pub path: String,
    /// The decoded text.
    pub text: String,
}

/// Everything a per-file rule may read.
pub struct FileContext<'a> {
    /// The path shown in findings.
    pub path: &'a str,
    /// What extraction found in the file.
    pub record: &'a FileRecord,
    /// The file's lines (empty when the text is not at hand, as for stdin).
    pub lines: Vec<&'a str>,
    /// The file's blocks.
    pub document: Document,
    /// Person identities as the graph merged them.
    pub people: &'a PersonIndex,
    /// Every handle written in any file, lower-cased.
    pub handles: &'a BTreeSet<String>,
    /// The run's configuration.
    pub config: &'a Config,
}

impl FileContext<'_> {
    /// A finding of `rule` at `line`, column `column`.
    fn finding(&self, rule: Rule, line: u32, column: u32, message: String) -> Finding {
        Finding {
            path: self.path.to_string(),
            line: line.max(1),
            column: column.max(1),
            rule,
            severity: Severity::Warning,
            message,
        }
    }

    /// The text of 1-based `line`, or "".
    pub fn line(&self, line: u32) -> &str {
        (line as usize)
            .checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .copied()
            .unwrap_or("")
    }

    /// The column where `needle` is written on `line` (ignoring case), else
    /// the line's first non-blank column.
    pub fn column_of(&self, line: u32, needle: &str) -> u32 {
        column_of(self.line(line), needle)
    }
}

/// 1-based character column of `needle` in `text` (ignoring ASCII case),
/// else of the first non-blank character.
pub fn column_of(text: &str, needle: &str) -> u32 {
    let found = (!needle.is_empty())
        .then(|| text.to_ascii_lowercase().find(&needle.to_ascii_lowercase()))
        .flatten()
        .filter(|&at| text.is_char_boundary(at))
        .unwrap_or_else(|| text.len() - text.trim_start().len());
    text[..found].chars().count() as u32 + 1
}

/// The text of every file `inputs` and `filter` find, by its `source` name
/// (as in [`FileRecord::source`]); standard input, read once by the
/// pipeline, and files that cannot be read are left out.
pub fn read_sources(
    inputs: &[std::path::PathBuf],
    filter: &crate::source::SourceFilter,
) -> BTreeMap<String, Source> {
    let (files, _) = crate::source::discover(inputs, filter);
    files
        .iter()
        .filter(|f| !f.is_stdin())
        .filter_map(|f| {
            let text = crate::source::read_text(f, filter).ok()?;
            Some((
                f.rel.clone(),
                Source {
                    path: f.display_path(),
                    text: text.content,
                },
            ))
        })
        .collect()
}

/// A rule over one file.
type FileRule = fn(&FileContext) -> Vec<Finding>;

/// The rules that look at one file at a time.
const FILE_RULES: [FileRule; 6] = [
    rules::no_date,
    rules::no_attendees,
    rules::action_without_owner,
    rules::issue_without_repository,
    people::written_two_ways_in_file,
    agenda::not_discussed,
];

/// Every finding in `records`; `sources` maps a record's `source` to its text.
/// Sorted by path, line, column and rule.
pub fn check(
    records: &[FileRecord],
    sources: &BTreeMap<String, Source>,
    config: &Config,
) -> Vec<Finding> {
    let sorted: Vec<&FileRecord> = records.iter().collect();
    let index = PersonIndex::build(&sorted, &config.people);
    let handles = people::handles(records);
    let contexts: Vec<FileContext> = records
        .iter()
        .map(|record| {
            let source = sources.get(&record.source);
            let text = source.map(|s| s.text.as_str()).unwrap_or("");
            FileContext {
                path: source.map(|s| s.path.as_str()).unwrap_or(&record.source),
                record,
                lines: text.split('\n').collect(),
                document: crate::document::parse(&record.source, text),
                people: &index,
                handles: &handles,
                config,
            }
        })
        .collect();
    let mut findings: Vec<Finding> = contexts
        .iter()
        .flat_map(|ctx| FILE_RULES.iter().flat_map(|rule| rule(ctx)))
        .collect();
    findings.extend(people::written_two_ways_across_files(&contexts));
    findings.sort();
    findings.dedup();
    findings
}

#[cfg(test)]
pub(crate) mod testing {
    //! Running the rules on made-up minutes.
    use super::*;

    /// The findings of `rule` on `text`, read as file `a.md` with `config`.
    pub fn run_with(text: &str, config: &Config) -> Vec<Finding> {
        let files = [("a.md", text)];
        run_files(&files, config)
    }

    /// The findings on several files.
    pub fn run_files(files: &[(&str, &str)], config: &Config) -> Vec<Finding> {
        let mut records = Vec::new();
        let mut sources = BTreeMap::new();
        for (name, text) in files {
            let doc = crate::document::parse(name, text);
            let (record, _) = crate::extract::extract(&doc, config, &Default::default());
            records.push(record);
            sources.insert(
                name.to_string(),
                Source {
                    path: name.to_string(),
                    text: text.to_string(),
                },
            );
        }
        check(&records, &sources, config)
    }

    /// `(line, column)` of the findings of `rule` on `text`.
    pub fn places(text: &str, rule: Rule) -> Vec<(u32, u32)> {
        run_with(text, &Config::default())
            .into_iter()
            .filter(|f| f.rule == rule)
            .map(|f| (f.line, f.column))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_fall_back_to_the_text() {
        assert_eq!(column_of("  - ünd #12", "#12"), 9);
        assert_eq!(column_of("   text", "absent"), 4);
        assert_eq!(column_of("", "x"), 1);
    }

    #[test]
    fn rules_are_declared_in_name_order() {
        let names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
    }

    #[test]
    fn findings_are_sorted_and_named() {
        let text = "# Notes\n\n## Attendees\n\n- Ann Example\n\n## Actions\n\n- [ ] write it up\n- see #12\n";
        let found = testing::run_with(text, &Config::default());
        let mut sorted = found.clone();
        sorted.sort();
        assert_eq!(found, sorted);
        let names: Vec<&str> = found.iter().map(|f| f.rule.name()).collect();
        assert!(names.contains(&"no-date"), "{names:?}");
        assert!(names.contains(&"issue-without-repository"), "{names:?}");
        let json = serde_json::to_string(&found[0]).unwrap();
        assert!(json.contains("\"severity\":\"warning\""), "{json}");
        assert!(json.contains("\"rule\":\"no-date\""), "{json}");
    }
}
