//! The RDF view of a knowledge graph, shared by every RDF writer.
//!
//! [`RdfView`] describes the graph one subject at a time, in the order the
//! writers need (the facts come from the mapping module, the vocabulary from
//! [`crate::vocab`]): [`RdfView::union`] is the union of all graphs, which the
//! single-graph syntaxes write; [`RdfView::named_graphs`] puts each statement
//! in the named graph of the source file it was read from. Only one subject's
//! statements are held as strings at a time, so writing costs memory in
//! proportion to the largest description, not to the whole output: the named
//! graphs keep one small index entry per place a node or edge was read.
//!
//! Statements are sorted by graph (the default graph first), subject,
//! predicate, then object, each term compared as its string (IRIs before
//! literals, literals by value then datatype), and written once.

use super::ExportOptions;
use super::iri::{IriError, IriMinter, encode_path, needs_encoding};
use super::mapping::{FACTS, Facts, Value, describe, edge_predicate, is_occurrence, origin_facts};
use crate::model::{KnowledgeGraph, Node};
use crate::vocab::prov;
use oxrdf::{
    GraphNameRef, LiteralRef, NamedNode, NamedNodeRef, Quad, QuadRef, TermRef, Triple, TripleRef,
};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};
use std::cmp::Ordering;
use std::collections::HashMap;

/// A knowledge graph seen as RDF, with every node (subject) in IRI order.
pub struct RdfView<'g> {
    graph: &'g KnowledgeGraph,
    minter: IriMinter,
    /// Every node, sorted by IRI.
    subjects: Vec<Subject>,
    /// The IRI paths of the few node ids that percent-encoding changes.
    encoded: Vec<String>,
}

/// A node and where its IRI path is: its id, or an entry of `encoded`.
#[derive(Clone, Copy, Debug)]
struct Subject {
    node: NodeIndex,
    encoded: u32,
}

/// `Subject::encoded` of a node whose id is already its IRI path.
const PLAIN: u32 = u32::MAX;

/// The statements about one subject (in one graph): facts sorted by predicate
/// and object, without duplicates.
#[derive(Debug)]
pub struct Description {
    /// The subject's IRI.
    pub subject: NamedNode,
    /// (predicate, object) pairs.
    pub facts: Facts,
}

impl Clone for Description {
    fn clone(&self) -> Self {
        #[cfg(test)]
        held::hold(self.facts.len());
        Description {
            subject: self.subject.clone(),
            facts: self.facts.clone(),
        }
    }
}

impl Description {
    /// The description of `subject`: `facts` sorted and without duplicates.
    pub(super) fn new(subject: NamedNode, facts: Facts) -> Self {
        let facts = sorted(facts);
        #[cfg(test)]
        held::hold(facts.len());
        Description { subject, facts }
    }

    /// The statements as triples.
    pub fn triples(&self) -> impl Iterator<Item = TripleRef<'_>> + '_ {
        self.facts
            .iter()
            .map(|(p, o)| TripleRef::new(self.subject.as_ref(), *p, o.as_ref()))
    }
}

impl<'g> RdfView<'g> {
    /// The RDF view of `graph`, with entity IRIs under `options.base_iri`.
    pub fn new(graph: &'g KnowledgeGraph, options: &ExportOptions) -> Result<Self, IriError> {
        let minter = IriMinter::new(&options.base_iri)?;
        let mut encoded = Vec::new();
        let mut subjects: Vec<Subject> = graph
            .nodes()
            .map(|(node, n)| Subject {
                node,
                encoded: if needs_encoding(&n.id) {
                    encoded.push(encode_path(&n.id));
                    (encoded.len() - 1) as u32
                } else {
                    PLAIN
                },
            })
            .collect();
        // Nodes come in id order, which is IRI order unless encoding moved
        // some: a stable sort of sorted runs is one linear pass.
        let path = |s: &Subject| -> &str {
            match s.encoded {
                PLAIN => &graph.node(s.node).id,
                i => &encoded[i as usize],
            }
        };
        if !encoded.is_empty() {
            subjects.sort_by(|a, b| path(a).cmp(path(b)));
        }
        Ok(RdfView {
            graph,
            minter,
            subjects,
            encoded,
        })
    }

    /// Number of subjects (nodes).
    pub fn subject_count(&self) -> usize {
        self.subjects.len()
    }

    fn subject_iri(&self, subject: Subject) -> Result<NamedNode, IriError> {
        match subject.encoded {
            PLAIN => self.minter.node(&self.graph.node(subject.node).id),
            i => self.minter.encoded(&self.encoded[i as usize]),
        }
    }

    /// The union of all graphs: one description per subject, in IRI order.
    pub fn union(&self) -> impl Iterator<Item = Result<Description, IriError>> + '_ {
        (0..self.subjects.len()).map(|rank| self.union_at(rank))
    }

    /// The description in the union of the subject at `rank` in IRI order.
    pub fn union_at(&self, rank: usize) -> Result<Description, IriError> {
        let subject = self.subjects[rank];
        let node = self.graph.node(subject.node);
        let mut facts = Facts::with_capacity(FACTS);
        self.node_facts(node, &mut facts)?;
        if !is_occurrence(&node.data) {
            let mut last = None;
            for place in &node.provenance {
                if last != Some(&*place.source) {
                    let source = self.minter.source(&place.source)?;
                    facts.push((prov::WAS_DERIVED_FROM, Value::Iri(source)));
                    last = Some(&*place.source);
                }
            }
        }
        for edge in self.graph.petgraph().edges(subject.node) {
            facts.push(self.edge_fact(edge.id())?);
        }
        Ok(Description::new(self.subject_iri(subject)?, facts))
    }

    /// What `node` says wherever it is written, added to `facts`: its kind's
    /// facts and, for an occurrence, where it was read.
    fn node_facts(&self, node: &Node, facts: &mut Facts) -> Result<(), IriError> {
        describe(node, facts);
        if is_occurrence(&node.data) {
            origin_facts(&self.minter, node.origin(), facts)?;
        }
        Ok(())
    }

    fn edge_fact(&self, edge: EdgeIndex) -> Result<(NamedNodeRef<'static>, Value), IriError> {
        let graph = self.graph.petgraph();
        let kind = graph[edge].kind;
        let target = graph
            .edge_endpoints(edge)
            .map(|(_, to)| &graph[to].id)
            .expect("an edge of the graph");
        Ok((edge_predicate(kind), Value::Iri(self.minter.node(target)?)))
    }

    /// Every statement in the named graph it was read in.
    pub fn named_graphs(&self) -> NamedGraphs<'_, 'g> {
        NamedGraphs::new(self)
    }

    /// Calls `each` with every triple of the union of all graphs, in order.
    pub fn for_each_triple<E: From<IriError>>(
        &self,
        mut each: impl FnMut(TripleRef<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        for description in self.union() {
            description?.triples().try_for_each(&mut each)?;
        }
        Ok(())
    }

    /// Calls `each` with every quad, in order.
    pub fn for_each_quad<E: From<IriError>>(
        &self,
        mut each: impl FnMut(QuadRef<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        let graphs = self.named_graphs();
        for part in graphs.iter() {
            let name = part.name();
            for description in part.descriptions() {
                for triple in description?.triples() {
                    each(triple.in_graph(name))?;
                }
            }
        }
        Ok(())
    }
}

/// `facts` sorted by predicate, then object, and deduplicated.
fn sorted(mut facts: Facts) -> Facts {
    facts.sort_unstable_by(|a, b| {
        a.0.as_str()
            .cmp(b.0.as_str())
            .then_with(|| compare_values(&a.1, &b.1))
    });
    facts.dedup();
    facts
}

/// IRIs before literals; IRIs by string, literals by value, datatype and language.
fn compare_values(a: &Value, b: &Value) -> Ordering {
    match (a.as_ref(), b.as_ref()) {
        (TermRef::NamedNode(a), TermRef::NamedNode(b)) => a.as_str().cmp(b.as_str()),
        (TermRef::Literal(a), TermRef::Literal(b)) => literal_key(a).cmp(&literal_key(b)),
        (TermRef::NamedNode(_), _) => Ordering::Less,
        (_, TermRef::NamedNode(_)) => Ordering::Greater,
        _ => Ordering::Equal,
    }
}

fn literal_key(literal: LiteralRef<'_>) -> (&str, &str, &str) {
    (
        literal.value(),
        literal.datatype().as_str(),
        literal.language().unwrap_or_default(),
    )
}

/// The statements of a view grouped by named graph: one index entry per place
/// a node or an edge was read, sorted by graph and subject.
pub struct NamedGraphs<'v, 'g> {
    view: &'v RdfView<'g>,
    /// Graph names in IRI order (entry `graph` 0 is the default graph, `k` is `names[k - 1]`).
    names: Vec<NamedNode>,
    entries: Vec<Entry>,
}

/// One node (`edge` is [`NODE`]) or edge read in one graph, about one subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    graph: u32,
    /// The subject's rank in the view's IRI order.
    subject: u32,
    edge: u32,
}

/// `Entry::edge` of the entry for a node's own facts.
const NODE: u32 = u32::MAX;

impl<'v, 'g> NamedGraphs<'v, 'g> {
    fn new(view: &'v RdfView<'g>) -> Self {
        let graph = view.graph.petgraph();
        let mut rank = vec![0u32; graph.node_bound()];
        for (r, subject) in view.subjects.iter().enumerate() {
            rank[subject.node.index()] = r as u32;
        }
        let mut sources: HashMap<&'g str, u32> = HashMap::new();
        let mut paths: Vec<&'g str> = Vec::new();
        let mut source = |path: &'g str| -> u32 {
            *sources.entry(path).or_insert_with(|| {
                paths.push(path);
                paths.len() as u32
            })
        };
        let mut entries = Vec::new();
        for subject in &view.subjects {
            let node = view.graph.node(subject.node);
            let r = rank[subject.node.index()];
            let places = if is_occurrence(&node.data) {
                &node.provenance[..node.provenance.len().min(1)]
            } else {
                &node.provenance[..]
            };
            for place in places {
                entries.push(Entry {
                    graph: source(&place.source),
                    subject: r,
                    edge: NODE,
                });
            }
            if places.is_empty() {
                entries.push(Entry {
                    graph: 0,
                    subject: r,
                    edge: NODE,
                });
            }
        }
        for edge in graph.edge_references() {
            entries.push(Entry {
                graph: source(&edge.weight().provenance.source),
                subject: rank[edge.source().index()],
                edge: edge.id().index() as u32,
            });
        }
        // Number the graphs in the order of their IRIs.
        let mut order: Vec<(String, u32)> = paths
            .iter()
            .enumerate()
            .map(|(i, p)| (encode_path(p), i as u32 + 1))
            .collect();
        order.sort_unstable();
        let mut renumber = vec![0u32; order.len() + 1];
        for (new, (_, old)) in order.iter().enumerate() {
            renumber[*old as usize] = new as u32 + 1;
        }
        for entry in &mut entries {
            entry.graph = renumber[entry.graph as usize];
        }
        entries.sort_unstable();
        entries.dedup();
        let names = order
            .iter()
            .map(|(encoded, _)| view.minter.encoded_source(encoded))
            .collect::<Result<_, _>>()
            .expect("source IRIs mint under a checked base");
        NamedGraphs {
            view,
            names,
            entries,
        }
    }

    /// Every graph holding statements, the default graph first.
    pub fn iter(&self) -> impl Iterator<Item = GraphPart<'_, 'v, 'g>> + '_ {
        self.entries
            .chunk_by(|a, b| a.graph == b.graph)
            .map(move |entries| GraphPart {
                graphs: self,
                entries,
            })
    }
}

/// The statements of one graph.
pub struct GraphPart<'a, 'v, 'g> {
    graphs: &'a NamedGraphs<'v, 'g>,
    entries: &'a [Entry],
}

impl<'a> GraphPart<'a, '_, '_> {
    /// The graph's name: a source file's IRI, or the default graph.
    pub fn name(&self) -> GraphNameRef<'a> {
        self.graphs.name_of(self.entries[0].graph)
    }

    /// One description per subject in this graph, in IRI order.
    pub fn descriptions(&self) -> impl Iterator<Item = Result<Description, IriError>> + 'a {
        let graphs = self.graphs;
        self.units().map(move |unit| graphs.describe(unit))
    }

    /// The statements of one subject each, in IRI order, to be described later.
    pub fn units(&self) -> impl Iterator<Item = Unit<'a>> + 'a {
        let name = self.name();
        self.entries
            .chunk_by(|a, b| a.subject == b.subject)
            .map(move |entries| Unit { name, entries })
    }
}

/// The statements about one subject in one graph, not yet described.
#[derive(Clone, Copy, Debug)]
pub struct Unit<'a> {
    name: GraphNameRef<'a>,
    entries: &'a [Entry],
}

impl<'a> Unit<'a> {
    /// The graph the statements are in.
    pub fn name(&self) -> GraphNameRef<'a> {
        self.name
    }
}

impl NamedGraphs<'_, '_> {
    /// Every subject of every graph, graph by graph, in order.
    pub fn units(&self) -> impl Iterator<Item = Unit<'_>> + '_ {
        self.entries
            .chunk_by(|a, b| a.graph == b.graph && a.subject == b.subject)
            .map(|entries| Unit {
                name: self.name_of(entries[0].graph),
                entries,
            })
    }

    fn name_of(&self, graph: u32) -> GraphNameRef<'_> {
        match graph {
            0 => GraphNameRef::DefaultGraph,
            g => self.names[g as usize - 1].as_ref().into(),
        }
    }

    /// The statements of `unit`.
    pub fn describe(&self, unit: Unit<'_>) -> Result<Description, IriError> {
        let view = self.view;
        let subject = view.subjects[unit.entries[0].subject as usize];
        let mut facts = Facts::with_capacity(FACTS);
        for entry in unit.entries {
            if entry.edge != NODE {
                facts.push(view.edge_fact(EdgeIndex::new(entry.edge as usize))?);
                continue;
            }
            let node = view.graph.node(subject.node);
            view.node_facts(node, &mut facts)?;
            if let (GraphNameRef::NamedNode(source), false) = (unit.name, is_occurrence(&node.data))
            {
                facts.push((prov::WAS_DERIVED_FROM, Value::Iri(source.into_owned())));
            }
        }
        Ok(Description::new(view.subject_iri(subject)?, facts))
    }
}

/// Every quad and every triple of the union, held whole (for loading a store
/// or splitting a push; the writers use [`RdfView`] directly).
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    quads: Vec<Quad>,
    triples: Vec<Triple>,
}

impl Dataset {
    /// Maps `graph` to RDF with entity IRIs under `options.base_iri`.
    pub fn new(graph: &KnowledgeGraph, options: &ExportOptions) -> Result<Self, IriError> {
        let view = RdfView::new(graph, options)?;
        let mut quads = Vec::new();
        view.for_each_quad(|q| {
            quads.push(q.into_owned());
            Ok::<_, IriError>(())
        })?;
        let mut triples = Vec::new();
        view.for_each_triple(|t| {
            triples.push(t.into_owned());
            Ok::<_, IriError>(())
        })?;
        Ok(Dataset { quads, triples })
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
        self.quads.iter().map(Quad::as_ref)
    }

    /// The union of all graphs: every distinct triple, sorted by (subject, predicate, object).
    pub fn triples(&self) -> Vec<TripleRef<'_>> {
        self.triples.iter().map(Triple::as_ref).collect()
    }
}

/// A count of the statements held by descriptions alive at once on this
/// thread, for tests that check the writers hold one subject at a time, not
/// the whole output.
#[cfg(test)]
mod held {
    use std::cell::Cell;

    thread_local! {
        static NOW: Cell<usize> = const { Cell::new(0) };
        static PEAK: Cell<usize> = const { Cell::new(0) };
    }

    pub fn hold(n: usize) {
        let now = NOW.with(|c| {
            c.set(c.get() + n);
            c.get()
        });
        PEAK.with(|p| p.set(p.get().max(now)));
    }

    pub fn release(n: usize) {
        NOW.with(|c| c.set(c.get() - n));
    }

    /// The most statements held at once since the last call.
    pub fn take_peak() -> usize {
        PEAK.with(|p| p.replace(NOW.with(Cell::get)))
    }
}

#[cfg(test)]
impl Drop for Description {
    fn drop(&mut self) {
        held::release(self.facts.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Format;
    use crate::model::{EdgeKind, NodeData, Provenance};

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

    /// A meeting of `n` agenda items, each mentioning one of three people.
    fn meeting_of(n: u32) -> KnowledgeGraph {
        let mut graph = KnowledgeGraph::new();
        let meeting = graph.upsert(Node {
            id: "meeting/m".into(),
            label: "M".into(),
            data: NodeData::Meeting {
                date: None,
                title: None,
            },
            provenance: vec![Provenance::new("m.md", 1, n + 1)].into(),
        });
        for i in 1..=n {
            let item = graph.upsert(Node {
                id: format!("meeting/m/item/{i}"),
                label: format!("item {i}"),
                data: NodeData::AgendaItem,
                provenance: vec![Provenance::new("m.md", i + 1, i + 1)].into(),
            });
            graph.relate(
                item,
                meeting,
                EdgeKind::InMeeting,
                Provenance::new("m.md", i + 1, i + 1),
            );
            let person = graph.upsert(person(&format!("person/p{}", i % 3), &["m.md"]));
            graph.relate(
                item,
                person,
                EdgeKind::Mentions,
                Provenance::new("m.md", i + 1, i + 1),
            );
        }
        graph
    }

    #[test]
    fn writers_hold_one_subject_at_a_time_whatever_the_size_of_the_graph() {
        let options = ExportOptions::default();
        let mut peaks = Vec::new();
        for n in [100, 800] {
            let graph = meeting_of(n);
            let view = RdfView::new(&graph, &options).unwrap();
            // The named graphs index one entry per node place and edge, not per statement.
            let graphs = view.named_graphs();
            assert!(graphs.entries.len() <= graph.node_count() + graph.edge_count());
            held::take_peak();
            let mut statements = 0;
            for format in [
                Format::Turtle,
                Format::NQuads,
                Format::JsonLd,
                Format::RdfXml,
            ] {
                let mut out = Vec::new();
                format.write(&graph, &options, &mut out).unwrap();
                statements = statements.max(out.iter().filter(|&&b| b == b'\n').count());
            }
            let peak = held::take_peak();
            assert!(
                statements > 6 * n as usize,
                "{statements} lines for {n} items"
            );
            peaks.push(peak);
        }
        // The largest description is the same for both sizes: nothing grows with the graph.
        assert_eq!(peaks[0], peaks[1], "{peaks:?}");
        assert!(peaks[0] <= 12, "{peaks:?}");
    }

    #[test]
    fn subjects_and_graphs_sort_as_iris_even_when_encoding_reorders_ids() {
        // ' ' sorts before '!' as an id, but its `%20` after '!' in the IRI.
        let mut graph = KnowledgeGraph::new();
        graph.upsert(person("person/a b", &["x y.md"]));
        graph.upsert(person("person/a!b", &["x!y.md"]));
        let data = Dataset::new(&graph, &ExportOptions::default()).unwrap();
        let subjects: Vec<String> = data
            .triples()
            .iter()
            .map(|t| t.subject.to_string())
            .collect();
        let mut sorted = subjects.clone();
        sorted.sort();
        assert_eq!(subjects, sorted);
        assert!(subjects[0].ends_with("person/a!b>"));
        let names = graphs(&data);
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        assert_eq!(names.len(), 2);
    }
}
