//! Service identity across files: every spelling that squashes to the same
//! letters and digits (`Cluster Stacks`, `ClusterStacks`, `cluster-stacks`) is one
//! service. The display name is the catalogue's when there is one, else the
//! spelling written most often (ties: alphabetical), so file order never matters.

use crate::extract::discovery::squash;
use crate::extract::records::FileRecord;
use std::collections::BTreeMap;

/// For one squashed name: (evidence rank, spelling) -> (times seen, evidence).
type Sightings = BTreeMap<(u8, String), (usize, &'static str)>;

/// Squashed name -> (canonical name, evidence of the strongest sighting).
#[derive(Clone, Debug, Default)]
pub struct ServiceIndex {
    canonical: BTreeMap<String, (String, &'static str)>,
}

impl ServiceIndex {
    /// Choose one name and evidence per squashed name over all records.
    pub fn build(records: &[&FileRecord]) -> Self {
        let mut spellings: BTreeMap<String, Sightings> = BTreeMap::new();
        for m in records
            .iter()
            .flat_map(|r| &r.meetings)
            .flat_map(|m| &m.services)
        {
            let s = &m.what;
            let rank = evidence_rank(s.evidence);
            let entry = spellings
                .entry(squash(&s.name))
                .or_default()
                .entry((rank, s.name.clone()))
                .or_insert((0, s.evidence));
            entry.0 += 1;
        }
        let canonical = spellings
            .into_iter()
            .map(|(key, names)| {
                let best = names
                    .iter()
                    .min_by(|a, b| {
                        (a.0.0, std::cmp::Reverse(a.1.0), &a.0.1).cmp(&(
                            b.0.0,
                            std::cmp::Reverse(b.1.0),
                            &b.0.1,
                        ))
                    })
                    .map(|((_, name), (_, evidence))| (name.clone(), *evidence))
                    .unwrap_or_default();
                (key, best)
            })
            .collect();
        ServiceIndex { canonical }
    }

    /// The canonical name and evidence for a service as found.
    pub fn canonical<'a>(
        &'a self,
        name: &'a str,
        evidence: &'static str,
    ) -> (&'a str, &'static str) {
        match self.canonical.get(&squash(name)) {
            Some((n, e)) => (n.as_str(), e),
            None => (name, evidence),
        }
    }
}

/// Catalogue and configuration first, then the surer discovery rules.
fn evidence_rank(evidence: &str) -> u8 {
    match evidence {
        "catalogue" | "config" => 0,
        "repository" | "spelling" | "link" | "reference" | "site" => 1,
        "enumeration" | "phrase" | "code-tool" | "code-span" | "host" | "noun" | "version" => 2,
        _ => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::records::{MeetingRecord, Mention, ServiceRef};

    fn record(names: &[(&str, &'static str)]) -> FileRecord {
        let services = names
            .iter()
            .map(|(n, e)| Mention {
                what: ServiceRef {
                    name: n.to_string(),
                    written: n.to_string(),
                    line: 1,
                    evidence: e,
                },
                item: None,
            })
            .collect();
        FileRecord {
            source: "a.md".into(),
            meetings: vec![MeetingRecord {
                services,
                ..MeetingRecord::default()
            }],
        }
    }

    #[test]
    fn spellings_join_and_the_surest_name_wins() {
        let a = record(&[
            ("ClusterStacks", "camel-case"),
            ("Cluster Stacks", "spelling"),
        ]);
        let b = record(&[
            ("cluster-stacks", "repository"),
            ("Cluster Stacks", "spelling"),
        ]);
        for order in [vec![&a, &b], vec![&b, &a]] {
            let index = ServiceIndex::build(&order);
            assert_eq!(
                index.canonical("ClusterStacks", "camel-case"),
                ("Cluster Stacks", "spelling")
            );
        }
    }
}
