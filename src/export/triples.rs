//! The RDF view of a knowledge graph, built once and shared by every RDF writer.
//!
//! [`Dataset::new`] turns nodes and edges into quads (the facts come from the
//! mapping module, the vocabulary from [`crate::vocab`]), then sorts and
//! deduplicates them. Each quad sits in the named graph of the source file it
//! was read from; [`Dataset::triples`] is the union of all graphs, which the
//! single-graph syntaxes write. Terms are stored once and quads refer to them,
//! because entity descriptions repeat in every graph they were seen in.

use super::ExportOptions;
use super::iri::{IriError, IriMinter};
use super::mapping::{Facts, Value, describe, edge_predicate, is_occurrence, origin_facts};
use crate::model::{KnowledgeGraph, Node, Provenance};
use crate::vocab::prov;
use oxrdf::{
    GraphNameRef, Literal, LiteralRef, NamedNode, NamedNodeRef, QuadRef, TermRef, TripleRef,
};
use std::cmp::Ordering;
use std::collections::HashMap;

/// Sorted, deduplicated quads describing one knowledge graph.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    iris: Vec<NamedNode>,
    literals: Vec<Literal>,
    quads: Vec<Slot>,
}

/// One quad as indices into the dataset's term tables (`graph` `None` is the default graph).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot {
    graph: Option<usize>,
    subject: usize,
    predicate: NamedNodeRef<'static>,
    object: Object,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Object {
    Iri(usize),
    Literal(usize),
}

impl Dataset {
    /// Maps `graph` to RDF with entity IRIs under `options.base_iri`.
    pub fn new(graph: &KnowledgeGraph, options: &ExportOptions) -> Result<Self, IriError> {
        let minter = IriMinter::new(&options.base_iri)?;
        let mut builder = Builder::default();
        for (_, node) in graph.nodes() {
            builder.node(&minter, node)?;
        }
        for (from, edge, to) in graph.edges() {
            let graph_name = Some(builder.iri(minter.source(&edge.provenance.source)?));
            let subject = builder.iri(minter.node(&from.id)?);
            let object = Object::Iri(builder.iri(minter.node(&to.id)?));
            builder.quads.push(Slot {
                graph: graph_name,
                subject,
                predicate: edge_predicate(edge.kind),
                object,
            });
        }
        let mut data = Dataset {
            iris: builder.iris,
            literals: builder.literals,
            quads: builder.quads,
        };
        let mut quads = std::mem::take(&mut data.quads);
        quads.sort_by(|a, b| {
            data.graph_key(a)
                .cmp(&data.graph_key(b))
                .then_with(|| data.order(a, b))
        });
        quads.dedup();
        data.quads = quads;
        Ok(data)
    }

    /// Number of quads.
    pub fn len(&self) -> usize {
        self.quads.len()
    }

    /// Whether there are no quads.
    pub fn is_empty(&self) -> bool {
        self.quads.is_empty()
    }

    /// Every quad, sorted by (graph, subject, predicate, object).
    pub fn quads(&self) -> impl Iterator<Item = QuadRef<'_>> + '_ {
        self.quads.iter().map(|slot| {
            let graph = slot
                .graph
                .map_or(GraphNameRef::DefaultGraph, |g| self.iris[g].as_ref().into());
            QuadRef::new(
                self.iris[slot.subject].as_ref(),
                slot.predicate,
                self.object(slot.object),
                graph,
            )
        })
    }

    /// The union of all graphs: every distinct triple, sorted by (subject, predicate, object).
    pub fn triples(&self) -> Vec<TripleRef<'_>> {
        let mut slots: Vec<Slot> = self
            .quads
            .iter()
            .map(|s| Slot { graph: None, ..*s })
            .collect();
        slots.sort_by(|a, b| self.order(a, b));
        slots.dedup();
        slots
            .iter()
            .map(|s| {
                TripleRef::new(
                    self.iris[s.subject].as_ref(),
                    s.predicate,
                    self.object(s.object),
                )
            })
            .collect()
    }

    fn object(&self, object: Object) -> TermRef<'_> {
        match object {
            Object::Iri(i) => self.iris[i].as_ref().into(),
            Object::Literal(l) => self.literals[l].as_ref().into(),
        }
    }

    /// Default graph first, then named graphs by IRI.
    fn graph_key(&self, slot: &Slot) -> Option<&str> {
        slot.graph.map(|g| self.iris[g].as_str())
    }

    /// Subject, predicate, then object (IRIs before literals; literals by
    /// value, datatype, language), all compared as strings.
    fn order(&self, a: &Slot, b: &Slot) -> Ordering {
        self.iris[a.subject]
            .as_str()
            .cmp(self.iris[b.subject].as_str())
            .then_with(|| a.predicate.as_str().cmp(b.predicate.as_str()))
            .then_with(|| self.object_key(a.object).cmp(&self.object_key(b.object)))
    }

    fn object_key(&self, object: Object) -> (u8, &str, &str, &str) {
        match object {
            Object::Iri(i) => (0, self.iris[i].as_str(), "", ""),
            Object::Literal(l) => {
                let literal: LiteralRef<'_> = self.literals[l].as_ref();
                (
                    1,
                    literal.value(),
                    literal.datatype().as_str(),
                    literal.language().unwrap_or_default(),
                )
            }
        }
    }
}

/// Collects quads while storing every IRI and literal once.
#[derive(Default)]
struct Builder {
    iris: Vec<NamedNode>,
    iri_ids: HashMap<NamedNode, usize>,
    literals: Vec<Literal>,
    literal_ids: HashMap<Literal, usize>,
    quads: Vec<Slot>,
}

impl Builder {
    fn iri(&mut self, iri: NamedNode) -> usize {
        intern(&mut self.iris, &mut self.iri_ids, iri)
    }

    fn value(&mut self, value: Value) -> Object {
        match value {
            Value::Iri(iri) => Object::Iri(self.iri(iri)),
            Value::Literal(literal) => {
                Object::Literal(intern(&mut self.literals, &mut self.literal_ids, literal))
            }
        }
    }

    /// Adds the quads describing `node`: an occurrence in the graph of its
    /// origin, an entity in the graph of every file it was seen in.
    fn node(&mut self, minter: &IriMinter, node: &Node) -> Result<(), IriError> {
        let subject = self.iri(minter.node(&node.id)?);
        let occurrence = is_occurrence(&node.data);
        let places: Vec<&Provenance> = if occurrence {
            node.origin().into_iter().collect()
        } else {
            node.provenance.iter().collect()
        };
        let mut facts: Facts = describe(node);
        if occurrence {
            facts.extend(origin_facts(minter, &places)?);
        }
        let facts: Vec<(NamedNodeRef<'static>, Object)> =
            facts.into_iter().map(|(p, o)| (p, self.value(o))).collect();
        let mut graphs = Vec::new();
        for place in &places {
            graphs.push(Some(self.iri(minter.source(&place.source)?)));
        }
        if graphs.is_empty() {
            graphs.push(None);
        }
        for graph in graphs {
            for &(predicate, object) in &facts {
                self.quads.push(Slot {
                    graph,
                    subject,
                    predicate,
                    object,
                });
            }
            if let (Some(source), false) = (graph, occurrence) {
                let object = Object::Iri(source);
                self.quads.push(Slot {
                    graph,
                    subject,
                    predicate: prov::WAS_DERIVED_FROM,
                    object,
                });
            }
        }
        Ok(())
    }
}

fn intern<T: Clone + Eq + std::hash::Hash>(
    items: &mut Vec<T>,
    ids: &mut HashMap<T, usize>,
    item: T,
) -> usize {
    if let Some(&id) = ids.get(&item) {
        return id;
    }
    items.push(item.clone());
    ids.insert(item, items.len() - 1);
    items.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NodeData;

    fn person(id: &str, sources: &[&str]) -> Node {
        Node {
            id: id.to_string(),
            label: "Ada".to_string(),
            data: NodeData::Person {
                handles: vec![],
                aliases: vec![],
            },
            provenance: sources.iter().map(|s| Provenance::new(*s, 1, 1)).collect(),
        }
    }

    fn graphs(data: &Dataset) -> Vec<String> {
        let mut names: Vec<String> = data.quads().map(|q| q.graph_name.to_string()).collect();
        names.dedup();
        names
    }

    #[test]
    fn entities_repeat_in_every_source_graph_and_the_union_has_no_duplicates() {
        let mut graph = KnowledgeGraph::new();
        graph.upsert(person("person/ada", &["b.md", "a.md"]));
        let data = Dataset::new(&graph, &ExportOptions::default()).unwrap();
        let base = crate::export::DEFAULT_BASE_IRI;
        assert_eq!(
            graphs(&data),
            [
                format!("<{base}source/a.md>"),
                format!("<{base}source/b.md>")
            ]
        );
        // rdf:type x2, schema:name, and one prov:wasDerivedFrom per graph.
        assert_eq!(data.len(), 8);
        assert_eq!(data.triples().len(), 5);
    }

    #[test]
    fn nodes_without_provenance_go_to_the_default_graph() {
        let mut graph = KnowledgeGraph::new();
        graph.upsert(person("person/ada", &[]));
        let data = Dataset::new(&graph, &ExportOptions::default()).unwrap();
        assert_eq!(graphs(&data), ["DEFAULT"]);
        assert_eq!(data.triples().len(), 3);
    }
}
