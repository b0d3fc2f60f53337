//! Topic threads across meetings: agenda items whose normalised titles are equal
//! (or that the configuration joins) are one topic. Clustering is a union-find
//! over normalised titles, so the result does not depend on file order.

use crate::config::TopicRules;
use crate::extract::records::FileRecord;
use petgraph::unionfind::UnionFind;
use rustc_hash::FxHashMap as HashMap;
use std::collections::{BTreeMap, BTreeSet};

/// Normalised title -> the topic key (slug base) and display name of its thread.
#[derive(Clone, Debug, Default)]
pub struct TopicIndex {
    /// Normalised title -> its thread in `threads`. A hash map: every agenda
    /// item of every meeting is looked up here, and most titles are a thread
    /// of their own.
    topics: HashMap<String, u32>,
    /// Each thread's key and display name, once however many titles it joins.
    threads: Vec<(String, String)>,
    separate: BTreeSet<String>,
}

/// The agenda item titles seen so far, gathered file by file (in any order)
/// before they are clustered into a [`TopicIndex`].
#[derive(Clone, Debug, Default)]
pub struct TopicSightings {
    /// Normalised title -> its number. Hash maps: every agenda item lands
    /// here, most under a title of its own; the titles are sorted once, when
    /// they are clustered.
    keys: HashMap<String, u32>,
    /// Each written title -> how often it was seen and the number of its
    /// normalised title (many written titles may share one: `see <url>`).
    written: HashMap<String, (usize, u32)>,
    /// Issue key -> the normalised titles of items naming it in their title line.
    by_issue: BTreeMap<String, BTreeSet<String>>,
}

/// The written forms of one normalised title and how often each was seen;
/// nearly always one.
type Written = Vec<(String, usize)>;

impl TopicSightings {
    /// Adds the agenda items of `record`.
    pub fn add(&mut self, record: &FileRecord) {
        for meeting in &record.meetings {
            // The issues named on an item's title line, found once per meeting.
            let mut on_title: Vec<(usize, String)> = meeting
                .issues
                .iter()
                .filter_map(|m| {
                    crate::work::step(1);
                    let n = m.item?;
                    let item = meeting.items.get(n)?;
                    (m.what.line == item.line).then(|| (n, m.what.key.to_string().to_lowercase()))
                })
                .collect();
            on_title.sort_unstable();
            let mut on_title = on_title.into_iter().peekable();
            for (n, item) in meeting.items.iter().enumerate() {
                crate::work::step(1);
                let key = normalise_title(&item.title);
                while on_title.next_if(|(i, _)| *i < n).is_some() {}
                if key.is_empty() {
                    continue;
                }
                // An issue named in the item's title line ties recurring items together.
                while let Some((_, issue)) = on_title.next_if(|(i, _)| *i == n) {
                    self.by_issue.entry(issue).or_default().insert(key.clone());
                }
                // Copies of the title only for what is seen the first time.
                if let Some((count, _)) = self.written.get_mut(&item.title) {
                    *count += 1;
                    continue;
                }
                let next = self.keys.len() as u32;
                let id = *self.keys.entry(key).or_insert(next);
                self.written.insert(item.title.clone(), (1, id));
            }
        }
    }

    /// Clusters the titles seen under `rules`.
    pub fn finish(self, rules: &TopicRules) -> TopicIndex {
        let mut written: Vec<Written> = vec![Written::new(); self.keys.len()];
        for (title, (count, id)) in self.written {
            written[id as usize].push((title, count));
        }
        let mut titles: Vec<(String, Written)> = self
            .keys
            .into_iter()
            .map(|(key, id)| (key, std::mem::take(&mut written[id as usize])))
            .collect();
        titles.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        TopicIndex::cluster(titles, &self.by_issue, rules)
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

    /// Clusters `titles` (sorted by normalised title).
    fn cluster(
        mut titles: Vec<(String, Written)>,
        by_issue: &BTreeMap<String, BTreeSet<String>>,
        rules: &TopicRules,
    ) -> Self {
        let separate: BTreeSet<String> =
            rules.separate.iter().map(|t| normalise_title(t)).collect();
        // Every key: the titles seen and those only named in the configuration.
        let mut merged: Vec<String> = rules
            .merge
            .iter()
            .flatten()
            .map(|t| normalise_title(t))
            .filter(|k| titles.binary_search_by(|(t, _)| t.cmp(k)).is_err())
            .collect();
        if !merged.is_empty() {
            merged.sort_unstable();
            merged.dedup();
            titles.extend(merged.into_iter().map(|k| (k, Written::new())));
            titles.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        }
        let (keys, written): (Vec<String>, Vec<Written>) = titles.into_iter().unzip();
        let position = |k: &str| keys.binary_search_by(|key| key.as_str().cmp(k)).ok();
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
        // Number the threads in the order of their first (least) title, and
        // list the titles of each thread together, in order: a counting sort.
        let mut thread_of_root = vec![u32::MAX; keys.len()];
        let mut thread_of = Vec::with_capacity(keys.len());
        let mut sizes: Vec<usize> = Vec::new();
        for i in 0..keys.len() {
            let thread = &mut thread_of_root[sets.find(i)];
            if *thread == u32::MAX {
                *thread = sizes.len() as u32;
                sizes.push(0);
            }
            sizes[*thread as usize] += 1;
            thread_of.push(*thread);
        }
        let mut starts: Vec<usize> = sizes
            .iter()
            .scan(0, |start, &size| {
                *start += size;
                Some(*start - size)
            })
            .collect();
        let mut members = vec![0; keys.len()];
        for (i, &thread) in thread_of.iter().enumerate() {
            members[starts[thread as usize]] = i;
            starts[thread as usize] += 1;
        }
        let mut threads = Vec::with_capacity(sizes.len());
        let mut start = 0;
        for size in sizes {
            let thread = &members[start..start + size];
            start += size;
            let key = &keys[thread[0]];
            let name =
                display_name(thread.iter().map(|&m| &written[m])).unwrap_or_else(|| key.clone());
            threads.push((key.clone(), name));
        }
        let mut topics = HashMap::default();
        topics.reserve(keys.len());
        topics.extend(keys.into_iter().zip(thread_of));
        TopicIndex {
            topics,
            threads,
            separate,
        }
    }

    /// Number of topic threads.
    pub fn thread_count(&self) -> usize {
        self.threads.len()
    }

    /// The topic (key, display name) of an agenda item title; `None` for titles
    /// configured to stay separate or with nothing left after normalising.
    pub fn topic_of(&self, title: &str) -> Option<&(String, String)> {
        let key = normalise_title(title);
        if self.separate.contains(&key) {
            return None;
        }
        let thread = *self.topics.get(&key)?;
        Some(&self.threads[thread as usize])
    }
}

/// The most frequent written title of a cluster (ties: alphabetical), from
/// the written titles of each of its members.
fn display_name<'a>(written: impl Iterator<Item = &'a Written>) -> Option<String> {
    written
        .flatten()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(t, _)| t.clone())
}

/// Lower case, without issue references, links, numbering, emphasis and
/// punctuation: `"1. Status page (#42)"` -> `status page`.
pub fn normalise_title(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut word = String::new();
    for raw in title.split_whitespace() {
        if raw.contains("://") || raw.contains('#') && raw.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        word.clear();
        word.extend(
            raw.chars()
                .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '.')
                .flat_map(char::to_lowercase),
        );
        let word = word.trim_matches(['-', '.']);
        // Numbering is dropped only before the first word that is not.
        if word.is_empty() || out.is_empty() && is_numbering(word) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
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
