//! Service identity across files: every spelling that squashes to the same
//! letters and digits (`Cluster Stacks`, `ClusterStacks`, `cluster-stacks`) is one
//! service. The display name is the catalogue's when there is one, else the
//! spelling written most often (ties: alphabetical), so file order never matters.

use crate::extract::discovery::squash;
use crate::extract::records::{FileRecord, ServiceEvidence};
use std::collections::BTreeMap;

/// For one squashed name: (evidence rank, spelling) -> (times seen, evidence).
type Sightings = BTreeMap<(u8, String), (usize, ServiceEvidence)>;

/// Squashed name -> (canonical name, evidence of the strongest sighting).
#[derive(Clone, Debug, Default)]
pub struct ServiceIndex {
    canonical: BTreeMap<String, (String, ServiceEvidence)>,
}

/// The service spellings seen so far, gathered file by file (in any order)
/// before one name is chosen for each in a [`ServiceIndex`].
#[derive(Clone, Debug, Default)]
pub struct ServiceSightings {
    spellings: BTreeMap<String, Sightings>,
}

impl ServiceSightings {
    /// Adds the services `record` names.
    pub fn add(&mut self, record: &FileRecord) {
        for m in record.meetings.iter().flat_map(|m| &m.services) {
            let s = &m.what;
            let rank = s.evidence.rank();
            let entry = self
                .spellings
                .entry(squash(&s.name))
                .or_default()
                .entry((rank, s.name.clone()))
                .or_insert((0, s.evidence));
            entry.0 += 1;
        }
    }

    /// Chooses one name and evidence per squashed name.
    pub fn finish(self) -> ServiceIndex {
        ServiceIndex::choose(self.spellings)
    }
}

impl ServiceIndex {
    /// Choose one name and evidence per squashed name over all records.
    #[cfg(test)]
    pub fn build(records: &[&FileRecord]) -> Self {
        let mut sightings = ServiceSightings::default();
        for record in records {
            sightings.add(record);
        }
        sightings.finish()
    }

    fn choose(spellings: BTreeMap<String, Sightings>) -> Self {
        let canonical = spellings
            .into_iter()
            .filter_map(|(key, names)| {
                let best = names
                    .iter()
                    .min_by(|a, b| {
                        (a.0.0, std::cmp::Reverse(a.1.0), &a.0.1).cmp(&(
                            b.0.0,
                            std::cmp::Reverse(b.1.0),
                            &b.0.1,
                        ))
                    })
                    .map(|((_, name), (_, evidence))| (name.clone(), *evidence))?;
                Some((key, best))
            })
            .collect();
        ServiceIndex { canonical }
    }

    /// The canonical name and evidence for a service as found.
    pub fn canonical<'a>(
        &'a self,
        name: &'a str,
        evidence: ServiceEvidence,
    ) -> (&'a str, ServiceEvidence) {
        match self.canonical.get(&squash(name)) {
            Some((n, e)) => (n.as_str(), *e),
            None => (name, evidence),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::records::{MeetingRecord, Mention, ServiceRef};

    fn record(names: &[(&str, ServiceEvidence)]) -> FileRecord {
        let services = names
            .iter()
            .map(|(n, e)| Mention {
                what: ServiceRef {
                    name: n.to_string(),
                    written: n.to_string(),
                    line: 1,
                    evidence: *e,
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
            ("ClusterStacks", ServiceEvidence::CamelCase),
            ("Cluster Stacks", ServiceEvidence::Spelling),
        ]);
        let b = record(&[
            ("cluster-stacks", ServiceEvidence::Repository),
            ("Cluster Stacks", ServiceEvidence::Spelling),
        ]);
        for order in [vec![&a, &b], vec![&b, &a]] {
            let index = ServiceIndex::build(&order);
            assert_eq!(
                index.canonical("ClusterStacks", ServiceEvidence::CamelCase),
                ("Cluster Stacks", ServiceEvidence::Spelling)
            );
        }
    }
}
