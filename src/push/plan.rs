//! The graphs a push sends: one named graph per minutes file with what was read
//! from that file, one graph of the merged entities, and a manifest that
//! records a digest of each so the next push sends only what changed.
//!
//! A file's graph holds its meeting, agenda items, decisions and actions with
//! their links, and one `prov:wasDerivedFrom` per entity seen in the file.
//! What is merged across files (names, aliases, handles, topic counts and
//! dates) is in the entities graph, so a change to one file changes its own
//! graph and, only when a merged fact changes, the entities graph.

use crate::export::ExportOptions;
use crate::export::iri::{IriError, IriMinter};
use crate::export::mapping::is_occurrence;
use crate::export::triples::Dataset;
use crate::model::KnowledgeGraph;
use crate::vocab::{prov, schema};
use oxrdf::{GraphNameRef, Literal, NamedNode, TripleRef};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Path (under the base IRI) of the graph of merged entities.
pub const ENTITIES_GRAPH: &str = "graph/entities";
/// Path (under the base IRI) of the manifest graph.
pub const MANIFEST_GRAPH: &str = "graph/manifest";

/// One graph to send: its name, its triples as N-Triples, and their digest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphBody {
    /// The graph's IRI.
    pub name: NamedNode,
    /// The triples, one per line, sorted.
    pub ntriples: String,
    /// Number of triples.
    pub triples: usize,
    /// SHA-256 of `ntriples`, in hex.
    pub digest: String,
}

/// Every graph of one knowledge graph, in IRI order, and the names of the two
/// graphs that are not minutes files.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The graphs of files, then the entities graph, in IRI order.
    pub graphs: Vec<GraphBody>,
    /// The entities graph's IRI.
    pub entities: NamedNode,
    /// The manifest graph's IRI.
    pub manifest: NamedNode,
}

impl Plan {
    /// Splits the RDF view of `graph` into the graphs a push sends.
    pub fn new(graph: &KnowledgeGraph, options: &ExportOptions) -> Result<Self, IriError> {
        let minter = IriMinter::new(&options.base_iri)?;
        let entities = minter.node(ENTITIES_GRAPH)?;
        let manifest = minter.node(MANIFEST_GRAPH)?;
        let occurrences: HashSet<NamedNode> = graph
            .nodes()
            .filter(|(_, n)| is_occurrence(&n.data))
            .map(|(_, n)| minter.node(&n.id))
            .collect::<Result<_, _>>()?;
        let dataset = Dataset::new(graph, options)?;
        let mut files: BTreeMap<String, Vec<TripleRef<'_>>> = BTreeMap::new();
        let mut merged: BTreeSet<String> = BTreeSet::new();
        for quad in dataset.quads() {
            let triple = TripleRef::new(quad.subject, quad.predicate, quad.object);
            let subject_is_occurrence = match quad.subject {
                oxrdf::NamedOrBlankNodeRef::NamedNode(n) => occurrences.contains(&n.into_owned()),
                _ => false,
            };
            match quad.graph_name {
                GraphNameRef::NamedNode(file)
                    if subject_is_occurrence || quad.predicate == prov::WAS_DERIVED_FROM =>
                {
                    files
                        .entry(file.as_str().to_string())
                        .or_default()
                        .push(triple);
                }
                _ => {
                    merged.insert(format!("{triple} .\n"));
                }
            }
        }
        let mut graphs: Vec<GraphBody> = files
            .into_iter()
            .map(|(name, triples)| {
                let lines: BTreeSet<String> = triples.iter().map(|t| format!("{t} .\n")).collect();
                body(NamedNode::new_unchecked(name), lines)
            })
            .collect();
        graphs.push(body(entities.clone(), merged));
        graphs.sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
        Ok(Plan {
            graphs,
            entities,
            manifest,
        })
    }

    /// The manifest of this plan: each graph's digest, as N-Triples.
    pub fn manifest_body(&self) -> GraphBody {
        let lines: BTreeSet<String> = self
            .graphs
            .iter()
            .map(|g| {
                let digest = Literal::new_simple_literal(&g.digest);
                format!(
                    "{} .\n",
                    TripleRef::new(g.name.as_ref(), schema::SHA256, digest.as_ref())
                )
            })
            .collect();
        body(self.manifest.clone(), lines)
    }
}

/// The digests a manifest holds, by graph IRI; lines that are not
/// `<graph> schema:sha256 "hex"` are ignored.
pub fn read_manifest(text: &str) -> BTreeMap<String, String> {
    let mut digests = BTreeMap::new();
    for triple in oxttl::TurtleParser::new()
        .for_slice(text.as_bytes())
        .flatten()
    {
        let oxrdf::NamedOrBlankNode::NamedNode(graph) = triple.subject else {
            continue;
        };
        if triple.predicate.as_ref() != schema::SHA256 {
            continue;
        }
        if let oxrdf::Term::Literal(l) = triple.object {
            digests.insert(graph.into_string(), l.value().to_string());
        }
    }
    digests
}

fn body(name: NamedNode, lines: BTreeSet<String>) -> GraphBody {
    let triples = lines.len();
    let ntriples: String = lines.into_iter().collect();
    let digest = hex(&Sha256::digest(ntriples.as_bytes()));
    GraphBody {
        name,
        ntriples,
        triples,
        digest,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, NodeData, Provenance};

    fn node(id: &str, label: &str, data: NodeData, sources: &[&str]) -> Node {
        Node {
            id: id.to_string(),
            label: label.to_string(),
            data,
            provenance: sources.iter().map(|s| Provenance::new(*s, 1, 2)).collect(),
        }
    }

    fn sample(title: &str) -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new();
        let meeting = |t: &str| NodeData::Meeting {
            date: Some("2025-01-09".into()),
            title: Some(t.into()),
        };
        g.upsert(node("meeting/a", title, meeting(title), &["a.md"]));
        g.upsert(node("meeting/b", "b", meeting("B"), &["b.md"]));
        let person = NodeData::Person {
            handles: vec![],
            aliases: vec![],
        };
        g.upsert(node("person/ada", "Ada", person, &["a.md", "b.md"]));
        g
    }

    #[test]
    fn files_hold_their_occurrences_and_entities_are_merged_once() {
        let plan = Plan::new(&sample("A"), &ExportOptions::default()).unwrap();
        let names: Vec<&str> = plan.graphs.iter().map(|g| g.name.as_str()).collect();
        let base = crate::export::DEFAULT_BASE_IRI;
        assert_eq!(
            names,
            [
                format!("{base}graph/entities"),
                format!("{base}source/a.md"),
                format!("{base}source/b.md")
            ]
        );
        let entities = &plan.graphs[0];
        assert_eq!(entities.ntriples.matches("\"Ada\"").count(), 1);
        let a = &plan.graphs[1];
        assert!(a.ntriples.contains("\"A\""));
        assert!(!a.ntriples.contains("\"Ada\""));
        assert!(
            a.ntriples
                .contains("person/ada> <http://www.w3.org/ns/prov#wasDerivedFrom>")
        );
        assert_eq!(a.triples, a.ntriples.lines().count());
    }

    #[test]
    fn a_change_in_one_file_changes_one_digest() {
        let before = Plan::new(&sample("A"), &ExportOptions::default()).unwrap();
        let after = Plan::new(&sample("A, edited"), &ExportOptions::default()).unwrap();
        let changed: Vec<&str> = before
            .graphs
            .iter()
            .zip(&after.graphs)
            .filter(|(x, y)| x.digest != y.digest)
            .map(|(x, _)| x.name.as_str())
            .collect();
        assert_eq!(changed.len(), 1);
        assert!(changed[0].ends_with("source/a.md"));
        let manifest = read_manifest(&after.manifest_body().ntriples);
        assert_eq!(manifest.len(), 3);
        assert_eq!(
            manifest[after.graphs[1].name.as_str()],
            after.graphs[1].digest
        );
    }
}
