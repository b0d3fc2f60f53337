//! Person identity across files: names and handles stated together
//! (`Jan Schoone (@jschoone)`, an author key with its display name) are one
//! person, clustered with a union-find. The cluster's id is its smallest handle,
//! else its smallest name, so the result does not depend on file order.

use crate::config::PersonEntry;
use crate::extract::records::{FileRecord, MeetingRecord, PersonRef};
use petgraph::unionfind::UnionFind;
use std::collections::{BTreeMap, BTreeSet};

/// Normalised person key -> canonical key of its cluster.
#[derive(Clone, Debug, Default)]
pub struct PersonIndex {
    canonical: BTreeMap<String, String>,
    /// Canonical key -> the configured person it stands for.
    configured: BTreeMap<String, PersonEntry>,
}

/// The spellings of people seen so far, gathered file by file (in any order)
/// before they are clustered into a [`PersonIndex`].
#[derive(Clone, Debug, Default)]
pub struct PersonSightings {
    keys: BTreeMap<String, usize>,
    handles: BTreeSet<String>,
    links: BTreeSet<(String, String)>,
}

impl PersonSightings {
    /// Adds every person `record` mentions.
    pub fn add(&mut self, record: &FileRecord) {
        for p in record.meetings.iter().flat_map(MeetingRecord::person_refs) {
            let name = normalise(&p.name);
            let key = p.key();
            if p.is_handle || p.handle.is_some() {
                self.handles.insert(key.clone());
            }
            self.keys.entry(name.clone()).or_insert(0);
            self.keys.entry(key.clone()).or_insert(0);
            if name != key {
                self.links.insert((name, key));
            }
        }
    }

    /// Clusters everyone seen, joined with the configured `people`.
    pub fn finish(self, people: &[PersonEntry]) -> PersonIndex {
        let PersonSightings {
            mut keys,
            mut handles,
            mut links,
        } = self;
        for entry in people {
            let spellings = configured_spellings(entry);
            handles.extend(entry.handles.iter().map(|h| normalise(h)));
            for key in &spellings {
                keys.entry(key.clone()).or_insert(0);
                links.insert((spellings[0].clone(), key.clone()));
            }
        }
        PersonIndex::cluster(keys, &handles, &links, people)
    }
}

impl PersonIndex {
    /// Cluster every person mentioned in `records`, joined with the configured people.
    pub fn build(records: &[&FileRecord], people: &[PersonEntry]) -> Self {
        let mut sightings = PersonSightings::default();
        for record in records {
            sightings.add(record);
        }
        sightings.finish(people)
    }

    fn cluster(
        mut keys: BTreeMap<String, usize>,
        handles: &BTreeSet<String>,
        links: &BTreeSet<(String, String)>,
        people: &[PersonEntry],
    ) -> Self {
        for (i, v) in keys.values_mut().enumerate() {
            *v = i;
        }
        let mut sets = UnionFind::new(keys.len());
        for (a, b) in links {
            sets.union(keys[a], keys[b]);
        }
        let mut best: BTreeMap<usize, &String> = BTreeMap::new();
        for (key, &i) in &keys {
            let root = sets.find(i);
            let better = best
                .get(&root)
                .is_none_or(|cur| rank(key, handles) < rank(cur, handles));
            if better {
                best.insert(root, key);
            }
        }
        let canonical: BTreeMap<String, String> = keys
            .iter()
            .map(|(k, &i)| (k.clone(), best[&sets.find(i)].clone()))
            .collect();
        let configured = people
            .iter()
            .filter_map(|e| {
                Some((
                    canonical.get(&configured_spellings(e)[0])?.clone(),
                    e.clone(),
                ))
            })
            .collect();
        PersonIndex {
            canonical,
            configured,
        }
    }

    /// The configured person a canonical key stands for, if any.
    pub fn configured(&self, canonical: &str) -> Option<&PersonEntry> {
        self.configured.get(canonical)
    }

    /// Whether `name` (a name or handle, any case) is a spelling of someone.
    pub fn knows(&self, name: &str) -> bool {
        self.canonical.contains_key(&normalise(name))
    }

    /// The canonical key for a person as written.
    pub fn canonical(&self, p: &PersonRef) -> String {
        let key = p.key();
        self.canonical.get(&key).cloned().unwrap_or(key)
    }
}

/// Every normalised spelling of a configured person, name first.
fn configured_spellings(entry: &PersonEntry) -> Vec<String> {
    std::iter::once(&entry.name)
        .chain(&entry.handles)
        .chain(&entry.aliases)
        .map(|s| normalise(s))
        .collect()
}

/// Handles before names, then alphabetical.
fn rank<'a>(key: &'a str, handles: &BTreeSet<String>) -> (bool, &'a str) {
    (!handles.contains(key), key)
}

fn normalise(name: &str) -> String {
    name.trim_start_matches('@')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::records::Mention;

    fn record(people: Vec<PersonRef>) -> FileRecord {
        let meeting = MeetingRecord {
            people: people
                .into_iter()
                .map(|p| Mention {
                    what: p,
                    item: None,
                })
                .collect(),
            ..MeetingRecord::default()
        };
        FileRecord {
            source: "a.md".into(),
            meetings: vec![meeting],
        }
    }

    #[test]
    fn names_stated_with_handles_join_the_handle() {
        let mut linked = PersonRef::name("Jan Schoone", 1);
        linked.handle = Some("jschoone".into());
        let a = record(vec![linked]);
        let b = record(vec![
            PersonRef::name("Jan Schoone", 2),
            PersonRef::handle("jschoone", 3),
        ]);
        for order in [vec![&a, &b], vec![&b, &a]] {
            let index = PersonIndex::build(&order, &[]);
            assert_eq!(
                index.canonical(&PersonRef::name("jan schoone", 1)),
                "jschoone"
            );
            assert_eq!(
                index.canonical(&PersonRef::handle("JSchoone", 1)),
                "jschoone"
            );
        }
    }

    #[test]
    fn configured_people_join_their_spellings() {
        let entry = PersonEntry {
            name: "Ann Example".into(),
            handles: vec!["annex".into()],
            aliases: vec!["Annie".into()],
        };
        let a = record(vec![
            PersonRef::name("Annie", 1),
            PersonRef::handle("annex", 2),
        ]);
        let index = PersonIndex::build(&[&a], std::slice::from_ref(&entry));
        assert_eq!(index.canonical(&PersonRef::name("Annie", 1)), "annex");
        assert_eq!(index.canonical(&PersonRef::name("ann example", 1)), "annex");
        assert_eq!(index.configured("annex"), Some(&entry));
    }

    proptest::proptest! {
        /// Clustering is independent of record order and idempotent: resolving a
        /// canonical key again gives the same key.
        #[test]
        fn clustering_ignores_order(
            links in proptest::collection::vec((0u8..6, 0u8..6, proptest::bool::ANY), 1..12),
            rotate in 0usize..12,
        ) {
            let records: Vec<FileRecord> = links
                .iter()
                .map(|&(name, handle, linked)| {
                    let mut p = PersonRef::name(format!("Person {name}"), 1);
                    if linked {
                        p.handle = Some(format!("h{handle}"));
                    }
                    record(vec![p, PersonRef::handle(format!("h{handle}"), 2)])
                })
                .collect();
            let forward: Vec<&FileRecord> = records.iter().collect();
            let mut rotated = forward.clone();
            rotated.rotate_left(rotate % forward.len());
            let a = PersonIndex::build(&forward, &[]);
            let b = PersonIndex::build(&rotated, &[]);
            proptest::prop_assert_eq!(&a.canonical, &b.canonical);
            for canonical in a.canonical.values() {
                proptest::prop_assert_eq!(a.canonical.get(canonical), Some(canonical));
            }
        }
    }
}
