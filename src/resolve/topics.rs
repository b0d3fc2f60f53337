//! Topic threads across meetings: agenda items whose normalised titles are equal
//! (or that the configuration joins) are one topic. Clustering is a union-find
//! over normalised titles, so the result does not depend on file order.

use crate::config::TopicRules;
use crate::extract::records::FileRecord;
use petgraph::unionfind::UnionFind;
use std::collections::{BTreeMap, BTreeSet};

/// Normalised title -> the topic key (slug base) and display name of its thread.
#[derive(Clone, Debug, Default)]
pub struct TopicIndex {
    topics: BTreeMap<String, (String, String)>,
    separate: BTreeSet<String>,
}

/// The agenda item titles seen so far, gathered file by file (in any order)
/// before they are clustered into a [`TopicIndex`].
#[derive(Clone, Debug, Default)]
pub struct TopicSightings {
    /// Normalised title -> each written title and how often it was seen.
    titles: BTreeMap<String, BTreeMap<String, usize>>,
    /// Issue key -> the normalised titles of items naming it in their title line.
    by_issue: BTreeMap<String, BTreeSet<String>>,
}

impl TopicSightings {
    /// Adds the agenda items of `record`.
    pub fn add(&mut self, record: &FileRecord) {
        for meeting in &record.meetings {
            for (n, item) in meeting.items.iter().enumerate() {
                let key = normalise_title(&item.title);
                if key.is_empty() {
                    continue;
                }
                *self
                    .titles
                    .entry(key.clone())
                    .or_default()
                    .entry(item.title.clone())
                    .or_default() += 1;
                // An issue named in the item's title line ties recurring items together.
                for m in meeting
                    .issues
                    .iter()
                    .filter(|m| m.item == Some(n) && m.what.line == item.line)
                {
                    self.by_issue
                        .entry(m.what.key.to_string().to_lowercase())
                        .or_default()
                        .insert(key.clone());
                }
            }
        }
    }

    /// Clusters the titles seen under `rules`.
    pub fn finish(self, rules: &TopicRules) -> TopicIndex {
        TopicIndex::cluster(&self.titles, &self.by_issue, rules)
    }
}

impl TopicIndex {
    /// Cluster the agenda item titles of every record under `rules`.
    #[cfg(test)]
    pub fn build(records: &[&FileRecord], rules: &TopicRules) -> Self {
        let mut sightings = TopicSightings::default();
        for record in records {
            sightings.add(record);
        }
        sightings.finish(rules)
    }

    fn cluster(
        titles: &BTreeMap<String, BTreeMap<String, usize>>,
        by_issue: &BTreeMap<String, BTreeSet<String>>,
        rules: &TopicRules,
    ) -> Self {
        let separate: BTreeSet<String> =
            rules.separate.iter().map(|t| normalise_title(t)).collect();
        let mut keys: Vec<String> = titles.keys().cloned().collect();
        for group in &rules.merge {
            keys.extend(group.iter().map(|t| normalise_title(t)));
        }
        keys.sort();
        keys.dedup();
        let position = |k: &str| keys.binary_search_by(|x| x.as_str().cmp(k)).ok();
        let mut sets = UnionFind::new(keys.len());
        for group in by_issue.values() {
            let members: Vec<usize> = group
                .iter()
                .filter(|t| !separate.contains(*t))
                .filter_map(|t| position(t))
                .collect();
            for pair in members.windows(2) {
                sets.union(pair[0], pair[1]);
            }
        }
        for group in &rules.merge {
            let members: Vec<usize> = group
                .iter()
                .filter_map(|t| position(&normalise_title(t)))
                .collect();
            for pair in members.windows(2) {
                sets.union(pair[0], pair[1]);
            }
        }
        let mut clusters: BTreeMap<usize, Vec<&String>> = BTreeMap::new();
        for (i, k) in keys.iter().enumerate() {
            clusters.entry(sets.find(i)).or_default().push(k);
        }
        let mut topics = BTreeMap::new();
        for members in clusters.values() {
            let key = members[0].clone();
            let name = display_name(members, titles);
            for m in members {
                topics.insert((*m).clone(), (key.clone(), name.clone()));
            }
        }
        TopicIndex { topics, separate }
    }

    /// The topic (key, display name) of an agenda item title; `None` for titles
    /// configured to stay separate or with nothing left after normalising.
    pub fn topic_of(&self, title: &str) -> Option<&(String, String)> {
        let key = normalise_title(title);
        if self.separate.contains(&key) {
            return None;
        }
        self.topics.get(&key)
    }
}

/// The most frequent written title of a cluster (ties: alphabetical).
fn display_name(members: &[&String], titles: &BTreeMap<String, BTreeMap<String, usize>>) -> String {
    members
        .iter()
        .filter_map(|m| titles.get(*m))
        .flat_map(|written| written.iter())
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map_or_else(|| members[0].clone(), |(t, _)| t.clone())
}

/// Lower case, without issue references, links, numbering, emphasis and
/// punctuation: `"1. Status page (#42)"` -> `status page`.
pub fn normalise_title(title: &str) -> String {
    let mut words = Vec::new();
    for raw in title.split_whitespace() {
        if raw.contains("://") || raw.contains('#') && raw.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let word: String = raw
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '.')
            .flat_map(char::to_lowercase)
            .collect();
        let word = word.trim_matches(['-', '.']).to_string();
        if !word.is_empty() {
            words.push(word);
        }
    }
    while words.first().is_some_and(|w| is_numbering(w)) {
        words.remove(0);
    }
    words.join(" ")
}

/// `1`, `2.3`, `a`, `iv` at the start of a title are list numbering.
fn is_numbering(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit() || c == '.')
        || (word.len() == 1 && word.chars().all(|c| c.is_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::records::{ItemRecord, MeetingRecord};

    fn record(titles: &[&str]) -> FileRecord {
        let items = titles
            .iter()
            .map(|t| ItemRecord {
                title: t.to_string(),
                line: 1,
                end_line: 1,
                presenters: vec![],
            })
            .collect();
        FileRecord {
            source: "a.md".into(),
            meetings: vec![MeetingRecord {
                items,
                ..MeetingRecord::default()
            }],
        }
    }

    #[test]
    fn normalises_titles() {
        assert_eq!(normalise_title("1. Status page (#42)"), "status page");
        assert_eq!(
            normalise_title("**Zuul** update: https://x.org/a"),
            "zuul update"
        );
        assert_eq!(normalise_title("Status Page"), "status page");
    }

    #[test]
    fn joins_equal_titles_and_configured_groups() {
        let a = record(&["Status page", "Zuul"]);
        let b = record(&["status page", "Statuspage", "AOB"]);
        let rules = TopicRules {
            merge: vec![vec!["Status page".into(), "Statuspage".into()]],
            separate: vec!["AOB".into()],
        };
        let index = TopicIndex::build(&[&a, &b], &rules);
        let t1 = index.topic_of("Status page").unwrap();
        let t2 = index.topic_of("Statuspage").unwrap();
        assert_eq!(t1, t2);
        assert_eq!(index.topic_of("AOB"), None);
        assert_ne!(index.topic_of("Zuul").unwrap().0, t1.0);
        let reversed = TopicIndex::build(&[&b, &a], &rules);
        assert_eq!(reversed.topic_of("Statuspage"), Some(t1));
    }
}
