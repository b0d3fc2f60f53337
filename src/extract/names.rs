//! The names a meeting knows: everyone its attendance and label lines list and
//! everyone its text names outright, built once from the findings of the name
//! rules, before the rules that need to know whether a word is someone run.

use super::findings::{Confidence, Fact, Finding};
use super::records::PersonRef;
use std::collections::{BTreeMap, BTreeSet};

/// Lower-cased names, keys and name words of the people of one meeting, each with
/// where it was seen, so a rule can ask whether a name is known from elsewhere
/// than the lines it is reading.
#[derive(Debug, Default)]
pub(super) struct NameIndex {
    names: BTreeMap<String, Seen>,
    /// Lower-cased whole names and keys.
    whole: BTreeSet<String>,
}

/// Where a name was seen: listed (anywhere counts), or named between two lines.
#[derive(Clone, Copy, Debug)]
struct Seen {
    listed: bool,
    first: u32,
    last: u32,
}

impl NameIndex {
    /// The index of the stated findings among `findings`.
    pub(super) fn new(findings: &[Finding]) -> Self {
        let mut index = NameIndex::default();
        for f in findings
            .iter()
            .filter(|f| f.confidence == Confidence::Stated)
        {
            match &f.fact {
                Fact::Attends(p) | Fact::Absent(p) | Fact::Role(_, p) => index.add(p, true),
                Fact::Named(m) => index.add(&m.what, false),
                _ => {}
            }
        }
        index
    }

    fn add(&mut self, p: &PersonRef, listed: bool) {
        let name = p.name.to_lowercase();
        self.whole.insert(p.key());
        self.whole.insert(name.clone());
        let words = name.split_whitespace().map(str::to_string);
        for key in words.chain([p.key(), name.clone()]) {
            let seen = self.names.entry(key).or_insert(Seen {
                listed,
                first: p.line,
                last: p.line,
            });
            seen.listed |= listed;
            seen.first = seen.first.min(p.line);
            seen.last = seen.last.max(p.line);
        }
    }

    /// Whether `name` is the whole name or key of someone, ignoring case.
    pub(super) fn knows_person(&self, name: &str) -> bool {
        self.whole.contains(&name.to_lowercase())
    }

    /// Whether the lower-cased `name` (a whole name, key or one name word) is
    /// listed, or named outside lines `line..=end_line` (a mention in the
    /// sentence being read would vouch for its own subject).
    pub(super) fn knows_outside(&self, name: &str, line: u32, end_line: u32) -> bool {
        self.names
            .get(name)
            .is_some_and(|s| s.known_outside(line, end_line))
    }

    /// Whether some known name, key or word outside those lines is longer than
    /// the lower-cased `prefix` and starts with it (`niko` for `nikomatsakis`).
    pub(super) fn extends_outside(&self, prefix: &str, line: u32, end_line: u32) -> bool {
        self.names
            .range::<str, _>((
                std::ops::Bound::Excluded(prefix),
                std::ops::Bound::Unbounded,
            ))
            .take_while(|(k, _)| k.starts_with(prefix))
            .any(|(_, s)| s.known_outside(line, end_line))
    }
}

impl Seen {
    fn known_outside(&self, line: u32, end_line: u32) -> bool {
        self.listed || self.first < line || self.last > end_line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::findings::Rule;
    use crate::extract::records::Mention;

    #[test]
    fn names_are_known_from_outside_the_lines_read() {
        let findings = [
            Finding::stated(
                Rule::AttendanceSection,
                Fact::Attends(PersonRef::name("Ann Lee", 2)),
            ),
            Finding::stated(
                Rule::Mentions,
                Fact::Named(Mention {
                    what: PersonRef::handle("nikomatsakis", 10),
                    item: None,
                }),
            ),
            Finding::weak(
                Rule::Mentions,
                Fact::Named(Mention {
                    what: PersonRef::name("Maybe", 12),
                    item: None,
                }),
            ),
        ];
        let index = NameIndex::new(&findings);
        assert!(
            index.knows_outside("ann", 2, 2),
            "a listed name counts anywhere"
        );
        assert!(index.knows_outside("ann lee", 20, 30));
        assert!(index.knows_outside("nikomatsakis", 1, 5));
        assert!(
            !index.knows_outside("nikomatsakis", 9, 11),
            "only named here"
        );
        assert!(index.extends_outside("niko", 1, 5));
        assert!(!index.extends_outside("niko", 10, 10));
        assert!(
            !index.knows_outside("maybe", 1, 5),
            "weak findings are not known"
        );
        assert!(index.knows_person("Ann Lee") && !index.knows_person("Ann"));
    }
}
