//! The RDF view of a knowledge graph, built once and shared by every RDF writer.
//!
//! [`Dataset::new`] turns nodes and edges into quads (the facts come from the
//! mapping module, the vocabulary from [`crate::vocab`]), then sorts and
//! deduplicates them. Each quad sits in the named graph of the source file it
//! was read from; [`Dataset::triples`] is the union of all graphs, which the
//! single-graph syntaxes write. Terms are stored once and quads refer to them,
//! because entity descriptions repeat in every graph they were seen in; the
//! term tables are kept in the order of the terms' strings, so quads sort by
//! comparing indices.

use super::ExportOptions;
use super::iri::{IriError, IriMinter};
use super::mapping::{Facts, Value, describe, edge_predicate, is_occurrence, origin_facts};
use crate::model::{KnowledgeGraph, Node, Provenance};
use crate::vocab::prov;
use oxrdf::{GraphNameRef, Literal, NamedNode, NamedNodeRef, QuadRef, TermRef, TripleRef};
use std::cmp::Ordering;
use std::collections::HashMap;

/// Sorted, deduplicated quads describing one knowledge graph.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    iris: Vec<NamedNode>,
    literals: Vec<Literal>,
    predicates: Vec<NamedNodeRef<'static>>,
    quads: Vec<Slot>,
}

/// One quad as indices into the dataset's term tables (`graph` `None` is the
/// default graph). Once the tables are in order ([`Dataset::in_term_order`])
/// slots compare as their terms' strings do: by graph (the default first),
/// subject, predicate, then object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Slot {
    graph: Option<usize>,
    subject: usize,
    predicate: usize,
    object: Object,
}

/// An object term: IRIs order before literals, each kind by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
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
            let graph_name = Some(builder.source(&minter, &edge.provenance.source)?);
            let subject = builder.entity(&minter, &from.id)?;
            let object = Object::Iri(builder.entity(&minter, &to.id)?);
            let predicate = builder.predicate(edge_predicate(edge.kind));
            builder.quads.push(Slot {
                graph: graph_name,
                subject,
                predicate,
                object,
            });
        }
        let mut data = Dataset::in_term_order(builder);
        let mut quads = std::mem::take(&mut data.quads);
        quads.sort_unstable();
        quads.dedup();
        data.quads = quads;
        Ok(data)
    }

    /// The builder's terms, IRIs sorted as strings and literals by value,
    /// datatype and language, and its quads pointing at them: from then on
    /// terms compare by index, in the order of the strings they hold.
    fn in_term_order(builder: Builder<'_>) -> Self {
        let (iris, iri_at) = sorted(builder.iris, |a, b| a.as_str().cmp(b.as_str()));
        let (literals, literal_at) =
            sorted(builder.literals, |a, b| literal_key(a).cmp(&literal_key(b)));
        let (predicates, predicate_at) =
            sorted(builder.predicates, |a, b| a.as_str().cmp(b.as_str()));
        let quads = builder
            .quads
            .into_iter()
            .map(|slot| Slot {
                graph: slot.graph.map(|g| iri_at[g]),
                subject: iri_at[slot.subject],
                predicate: predicate_at[slot.predicate],
                object: match slot.object {
                    Object::Iri(i) => Object::Iri(iri_at[i]),
                    Object::Literal(l) => Object::Literal(literal_at[l]),
                },
            })
            .collect();
        Dataset {
            iris,
            literals,
            predicates,
            quads,
        }
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
                self.predicates[slot.predicate],
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
        slots.sort_unstable();
        slots.dedup();
        slots
            .iter()
            .map(|s| {
                TripleRef::new(
                    self.iris[s.subject].as_ref(),
                    self.predicates[s.predicate],
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
}

/// What literals are ordered by: value, datatype, language.
fn literal_key(literal: &Literal) -> (&str, &str, &str) {
    let l = literal.as_ref();
    (
        l.value(),
        l.datatype().as_str(),
        l.language().unwrap_or_default(),
    )
}

/// `items` sorted by `compare`, and for each item's old index its new one.
fn sorted<T>(items: Vec<T>, compare: impl Fn(&T, &T) -> Ordering) -> (Vec<T>, Vec<usize>) {
    let mut order: Vec<(usize, T)> = items.into_iter().enumerate().collect();
    order.sort_by(|(_, a), (_, b)| compare(a, b));
    let mut new_index = vec![0; order.len()];
    for (new, (old, _)) in order.iter().enumerate() {
        new_index[*old] = new;
    }
    (order.into_iter().map(|(_, item)| item).collect(), new_index)
}

/// Collects quads while storing every IRI and literal once, and minting the
/// IRI of each entity and source file once.
#[derive(Default)]
struct Builder<'g> {
    iris: Vec<NamedNode>,
    iri_ids: HashMap<NamedNode, usize>,
    entities: HashMap<&'g str, usize>,
    sources: HashMap<&'g str, usize>,
    literals: Vec<Literal>,
    literal_ids: HashMap<Literal, usize>,
    predicates: Vec<NamedNodeRef<'static>>,
    predicate_ids: HashMap<NamedNodeRef<'static>, usize>,
    quads: Vec<Slot>,
}

impl<'g> Builder<'g> {
    fn iri(&mut self, iri: NamedNode) -> usize {
        intern(&mut self.iris, &mut self.iri_ids, iri)
    }

    /// The IRI of the node with `id`.
    fn entity(&mut self, minter: &IriMinter, id: &'g str) -> Result<usize, IriError> {
        if let Some(&i) = self.entities.get(id) {
            return Ok(i);
        }
        let i = self.iri(minter.node(id)?);
        self.entities.insert(id, i);
        Ok(i)
    }

    /// The IRI of the source file at `path` (its named graph).
    fn source(&mut self, minter: &IriMinter, path: &'g str) -> Result<usize, IriError> {
        if let Some(&i) = self.sources.get(path) {
            return Ok(i);
        }
        let i = self.iri(minter.source(path)?);
        self.sources.insert(path, i);
        Ok(i)
    }

    fn predicate(&mut self, predicate: NamedNodeRef<'static>) -> usize {
        intern(&mut self.predicates, &mut self.predicate_ids, predicate)
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
    fn node(&mut self, minter: &IriMinter, node: &'g Node) -> Result<(), IriError> {
        let subject = self.entity(minter, &node.id)?;
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
        let facts: Vec<(usize, Object)> = facts
            .into_iter()
            .map(|(p, o)| (self.predicate(p), self.value(o)))
            .collect();
        let mut graphs = Vec::new();
        for place in &places {
            graphs.push(Some(self.source(minter, &place.source)?));
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
                let predicate = self.predicate(prov::WAS_DERIVED_FROM);
                self.quads.push(Slot {
                    graph,
                    subject,
                    predicate,
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
