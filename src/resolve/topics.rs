//! Topic threads across meetings: agenda items whose normalised titles are equal
//! (or that the configuration joins) are one topic. Clustering is a union-find
//! over normalised titles, so the result does not depend on file order.

use crate::config::TopicRules;
use crate::extract::records::FileRecord;
use crate::model::{KnowledgeGraph, Node, NodeData, Provenance};
use hashbrown::HashTable;
use petgraph::stable_graph::NodeIndex;
use petgraph::unionfind::UnionFind;
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap as HashMap};
use std::collections::{BTreeMap, BTreeSet};
use std::hash::BuildHasher;

/// The topic thread of every agenda item, in the order the items were seen.
#[derive(Clone, Debug, Default)]
pub struct TopicIndex {
    /// Each item's thread in `threads` ([`NONE`] for none), in the order
    /// [`TopicSightings::add`] saw the items: the graph is built visiting
    /// them in the same order, and finds each item's thread by its place
    /// instead of normalising and looking its title up again.
    items: Vec<u32>,
    /// Each thread once, however many titles it joins.
    threads: Vec<Thread>,
}

/// The hash a normalised title is found by.
fn key_hash(key: &str) -> u64 {
    FxBuildHasher.hash_one(key)
}

/// No thread: a title configured to stay separate, or with nothing left after normalising.
const NONE: u32 = u32::MAX;

/// A topic thread: the node it becomes and its display name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Thread {
    /// The topic's node id (`topic/<slug of its key>`).
    pub id: String,
    /// The most frequent written title of its items.
    pub name: String,
    /// Whether no other thread has the same id (a thread whose key is only
    /// ASCII letters, digits and spaces, and whose id no other thread has);
    /// `false` where that is not known.
    pub unique: bool,
}

/// The agenda item titles seen so far, gathered file by file before they are
/// clustered into a [`TopicIndex`].
#[derive(Clone, Debug, Default)]
pub struct TopicSightings {
    /// Each normalised title, by its number.
    keys: Vec<String>,
    /// The numbers of the normalised titles, found by the title's hash:
    /// every agenda item is looked up here, most under a title of its own,
    /// so the table holds numbers only and stays small. The titles are
    /// sorted once, when they are clustered.
    numbers: HashTable<u32>,
    /// The first written form of each number and how often it was seen.
    first_forms: Vec<(String, usize)>,
    /// The other written forms of a number and how often each was seen:
    /// rare (`see <url>` and `See <url>` share a number).
    other_forms: HashMap<u32, Vec<(String, usize)>>,
    /// Issue key -> the numbers of the normalised titles of items naming it
    /// in their title line.
    by_issue: BTreeMap<String, BTreeSet<u32>>,
    /// The number of each item's normalised title ([`NONE`] for an empty
    /// one), in the order the items were added.
    items: Vec<u32>,
}

/// The written forms of every normalised title and how often each was seen,
/// grouped by the title's number (nearly always one form each).
struct Spellings {
    /// (number of the normalised title, written form, times seen), by number.
    forms: Vec<(u32, String, usize)>,
    /// Where the forms of each number start in `forms`, and where the last end.
    starts: Vec<usize>,
}

impl Spellings {
    /// Groups the written forms by number: each number's first form, then its others.
    fn of(first: Vec<(String, usize)>, mut others: HashMap<u32, Vec<(String, usize)>>) -> Self {
        let mut forms = Vec::with_capacity(first.len() + others.len());
        let mut starts = Vec::with_capacity(first.len() + 1);
        for (number, (form, seen)) in (0u32..).zip(first) {
            starts.push(forms.len());
            forms.push((number, form, seen));
            if let Some(more) = others.remove(&number) {
                forms.extend(more.into_iter().map(|(form, seen)| (number, form, seen)));
            }
        }
        starts.push(forms.len());
        Spellings { forms, starts }
    }

    /// The forms of normalised title `number` (none for [`NONE`]).
    fn get(&self, number: u32) -> &[(u32, String, usize)] {
        match number {
            NONE => &[],
            n => &self.forms[self.starts[n as usize]..self.starts[n as usize + 1]],
        }
    }
}

impl TopicSightings {
    /// Adds the agenda items of `record`. The graph is later built visiting
    /// the records, and their items, in the order they were added.
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
            let items = &meeting.items;
            self.items.reserve(items.len());
            let keys = &self.keys;
            self.numbers
                .reserve(items.len(), |&n| key_hash(&keys[n as usize]));
            self.keys.reserve(items.len());
            self.first_forms.reserve(items.len());
            // Every title normalised first, a long meeting's on all cores.
            let normalised =
                crate::extract::parallel::map(items.len(), |n| normalise_title(&items[n].title));
            for ((n, item), key) in items.iter().enumerate().zip(normalised) {
                crate::work::step(1);
                while on_title.next_if(|(i, _)| *i < n).is_some() {}
                let id = if key.is_empty() {
                    NONE
                } else {
                    let next = self.keys.len() as u32;
                    let hash = key_hash(&key);
                    let keys = &self.keys;
                    let id = match self.numbers.find(hash, |&n| keys[n as usize] == key) {
                        Some(&id) => id,
                        None => {
                            self.numbers
                                .insert_unique(hash, next, |&n| key_hash(&keys[n as usize]));
                            self.keys.push(key);
                            next
                        }
                    };
                    if id == next {
                        self.first_forms.push((item.title.clone(), 1));
                    } else if self.first_forms[id as usize].0 == item.title {
                        self.first_forms[id as usize].1 += 1;
                    } else {
                        let forms = self.other_forms.entry(id).or_default();
                        match forms.iter_mut().find(|(form, _)| *form == item.title) {
                            Some((_, seen)) => *seen += 1,
                            None => forms.push((item.title.clone(), 1)),
                        }
                    }
                    id
                };
                self.items.push(id);
                if id == NONE {
                    continue;
                }
                // An issue named in the item's title line ties recurring items together.
                while let Some((_, issue)) = on_title.next_if(|(i, _)| *i == n) {
                    self.by_issue.entry(issue).or_default().insert(id);
                }
            }
        }
    }

    /// Clusters the titles seen under `rules`.
    pub fn finish(self, rules: &TopicRules) -> TopicIndex {
        let spellings = Spellings::of(self.first_forms, self.other_forms);
        let titles: Vec<(String, u32)> = self.keys.into_iter().zip(0..).collect();
        let (thread_of, threads) = cluster(titles, &spellings, &self.by_issue, rules);
        let items = self
            .items
            .into_iter()
            .map(|id| match id {
                NONE => NONE,
                id => thread_of[id as usize],
            })
            .collect();
        TopicIndex { items, threads }
    }
}

/// Clusters the normalised `titles` (each with its number) under `rules`,
/// joining those an issue ties together (`by_issue` holds groups of numbers):
/// the thread of each title by its number ([`NONE`] for titles configured to
/// stay separate) and every thread.
fn cluster(
    mut titles: Vec<(String, u32)>,
    spellings: &Spellings,
    by_issue: &BTreeMap<String, BTreeSet<u32>>,
    rules: &TopicRules,
) -> (Vec<u32>, Vec<Thread>) {
    let numbered = titles.len();
    let separate: BTreeSet<String> = rules.separate.iter().map(|t| normalise_title(t)).collect();
    crate::model::text_order::par_sort_by_text(&mut titles, |(t, _)| t);
    // Every key: the titles seen and those only named in the configuration
    // (a title with nothing left after normalising is no topic, configured or not).
    let mut merged: Vec<String> = rules
        .merge
        .iter()
        .flatten()
        .map(|t| normalise_title(t))
        .filter(|k| !k.is_empty() && titles.binary_search_by(|(t, _)| t.cmp(k)).is_err())
        .collect();
    if !merged.is_empty() {
        merged.sort_unstable();
        merged.dedup();
        titles.extend(merged.into_iter().map(|k| (k, NONE)));
        titles.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    }
    let (keys, numbers): (Vec<String>, Vec<u32>) = titles.into_iter().unzip();
    // Where each numbered title is among the sorted keys.
    let mut place = vec![0; numbered];
    for (at, &number) in numbers.iter().enumerate() {
        if number != NONE {
            place[number as usize] = at;
        }
    }
    let position = |k: &str| keys.binary_search_by(|key| key.as_str().cmp(k)).ok();
    let mut sets = UnionFind::new(keys.len());
    for group in by_issue.values() {
        let members: Vec<usize> = group
            .iter()
            .map(|&number| place[number as usize])
            .filter(|&m| !separate.contains(&keys[m]))
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
    let mut thread_of_root = vec![NONE; keys.len()];
    let mut thread_of = Vec::with_capacity(keys.len());
    let mut sizes: Vec<usize> = Vec::new();
    for i in 0..keys.len() {
        let thread = &mut thread_of_root[sets.find(i)];
        if *thread == NONE {
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
    let mut bounds = Vec::with_capacity(sizes.len());
    let mut start = 0;
    for size in sizes {
        bounds.push(start..start + size);
        start += size;
    }
    // Each thread's node id and name, on all cores: most titles are a thread of their own.
    let mut threads: Vec<Thread> = bounds
        .par_iter()
        .map(|range| {
            let thread = &members[range.clone()];
            let key = &keys[thread[0]];
            Thread {
                id: format!("topic/{}", super::slug(key)),
                name: display_name(thread.iter().map(|&m| spellings.get(numbers[m])))
                    .unwrap_or_else(|| key.clone()),
                unique: is_plain(key),
            }
        })
        .collect();
    mark_shared_ids(&mut threads);
    // The thread of each numbered title.
    let by_number = place
        .iter()
        .map(|&at| {
            if separate.contains(&keys[at]) {
                NONE
            } else {
                thread_of[at]
            }
        })
        .collect();
    (by_number, threads)
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

    /// Number of topic threads: those known to have an id of their own, and
    /// the others.
    pub fn thread_count(&self) -> (usize, usize) {
        let unique = self.threads.iter().filter(|t| t.unique).count();
        (unique, self.threads.len() - unique)
    }

    /// The topic thread of each agenda item, in the order the items were
    /// added; `None` for titles configured to stay separate or with nothing
    /// left after normalising.
    #[cfg(test)]
    pub fn items(&self) -> impl Iterator<Item = Option<&Thread>> {
        self.items
            .iter()
            .map(|&t| (t != NONE).then(|| &self.threads[t as usize]))
    }

    /// The topic node of each agenda item in turn, made in a graph.
    pub fn into_nodes(self) -> TopicNodes {
        TopicNodes {
            nodes: vec![None; self.threads.len()],
            items: self.items.into_iter(),
            threads: self.threads,
        }
    }
}

/// The topic thread of each agenda item in turn, in the order the items were
/// added, and each thread's node: made the first time an item takes its
/// thread up, from the thread's id and name (kept nowhere else), and found
/// by the thread's number after that.
pub struct TopicNodes {
    items: std::vec::IntoIter<u32>,
    threads: Vec<Thread>,
    nodes: Vec<Option<NodeIndex>>,
}

impl TopicNodes {
    /// The topic node of the next agenda item, read at `place` (`None` for
    /// an item without a thread).
    pub fn next(&mut self, graph: &mut KnowledgeGraph, place: Provenance) -> Option<NodeIndex> {
        let thread = self.items.next().filter(|&t| t != NONE)? as usize;
        if let Some(node) = self.nodes[thread] {
            graph.add_place(node, place);
            return Some(node);
        }
        let Thread { id, name, unique } = std::mem::take(&mut self.threads[thread]);
        let node = Node {
            id,
            label: name,
            data: NodeData::Topic {
                first_date: None,
                last_date: None,
                meetings: 0,
            },
            provenance: [place].into(),
        };
        // Threads that share an id are one node.
        let node = if unique {
            graph.add_unique(node)
        } else {
            graph.upsert(node)
        };
        self.nodes[thread] = Some(node);
        Some(node)
    }
}

/// Whether a key is only ASCII letters, digits and single spaces between
/// words: the slug of such a key is the key with dashes for spaces, so two
/// such keys have different slugs.
fn is_plain(key: &str) -> bool {
    key.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' ')
}

/// Marks as not unique every thread whose id another thread has. Threads of
/// plain keys ([`is_plain`]) differ from each other, so only their ids among
/// the others' (usually few) are looked up.
fn mark_shared_ids(threads: &mut [Thread]) {
    // How many threads have each id that is not known to be unique.
    let mut others: HashMap<String, usize> = threads
        .iter()
        .filter(|t| !t.unique)
        .map(|t| (t.id.clone(), 0))
        .collect();
    if others.is_empty() {
        return;
    }
    for thread in threads.iter() {
        if let Some(n) = others.get_mut(&thread.id) {
            *n += 1;
        }
    }
    for thread in threads {
        thread.unique = others.get(&thread.id).is_none_or(|&n| n == 1);
    }
}

/// The most frequent written title of a cluster (ties: alphabetical), from
/// the written titles of each of its members.
fn display_name<'a>(written: impl Iterator<Item = &'a [(u32, String, usize)]>) -> Option<String> {
    written
        .flatten()
        .max_by(|a, b| a.2.cmp(&b.2).then(b.1.cmp(&a.1)))
        .map(|(_, t, _)| t.clone())
}

/// Lower case, without issue references, links, numbering, emphasis and
/// punctuation: `"1. Status page (#42)"` -> `status page`.
pub fn normalise_title(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut word = String::new();
    for raw in title.split_whitespace() {
        let url = raw.contains(':') && raw.contains("://");
        if url || raw.contains('#') && raw.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        word.clear();
        let kept = |c: &char| c.is_alphanumeric() || *c == '-' || *c == '.';
        if raw.is_ascii() {
            // The same, without the Unicode case tables.
            word.extend(raw.chars().filter(kept).map(|c| c.to_ascii_lowercase()));
        } else {
            word.extend(raw.chars().filter(kept).flat_map(char::to_lowercase));
        }
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
        // ASCII words and others are lowered alike; a word with `://` is a link.
        assert_eq!(
            normalise_title("Ärger über CI-CD (see ftp://x) a:b"),
            "ärger über ci-cd see ab"
        );
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
        // The items of a, then of b, each in order.
        let [status, zuul, status_again, statuspage, aob] = index.items().collect::<Vec<_>>()[..]
        else {
            panic!("one topic per item");
        };
        let t1 = status.unwrap();
        assert_eq!(status_again, Some(t1));
        assert_eq!(statuspage, Some(t1));
        assert_eq!(aob, None);
        assert_ne!(zuul.unwrap().id, t1.id);
        assert_eq!(t1.id, "topic/status-page");
        let reversed = TopicIndex::build(&[&b, &a], &rules);
        let threads: Vec<_> = reversed.items().collect();
        assert_eq!(threads[1], Some(t1));
        assert_eq!(threads[3], Some(t1));
        assert_eq!(index.thread_count(), reversed.thread_count());
    }

    #[test]
    fn a_configured_group_may_name_titles_never_written() {
        let a = record(&["Zuul", "Status page", "status page", "Zuul", "#42"]);
        let rules = TopicRules {
            merge: vec![
                vec!["Status page".into(), "Abacus".into(), "Zuul".into()],
                // Nothing is left of `#1`: items titled by an issue alone stay no topic.
                vec!["Zuul".into(), "#1".into()],
            ],
            separate: vec![],
        };
        let index = TopicIndex::build(&[&a], &rules);
        let mut threads: Vec<Option<&Thread>> = index.items().collect();
        assert_eq!(threads.pop(), Some(None));
        let threads: Vec<&Thread> = threads.into_iter().map(Option::unwrap).collect();
        assert!(threads.iter().all(|t| *t == threads[0]));
        assert_eq!(index.thread_count(), (1, 0));
        // The thread is keyed by its least title, written or not; it is named
        // by its most written one (ties: the first in alphabetical order).
        assert_eq!(threads[0].id, "topic/abacus");
        assert_eq!(threads[0].name, "Zuul");
    }
}
