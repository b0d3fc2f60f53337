//! The RDF view of a knowledge graph, built once and shared by every RDF writer.
//!
//! [`Dataset::new`] maps nodes and edges to quads (vocabulary in [`crate::vocab`],
//! mapping in `schema/README.md`), then sorts and deduplicates them. Each quad
//! sits in the named graph of the source file it was read from; [`Dataset::triples`]
//! is the union of all graphs, which the single-graph syntaxes write.

use super::ExportOptions;
use super::iri::{IriError, IriMinter};
use super::text::{clean_literal, is_valid_date};
use crate::model::{EdgeKind, KnowledgeGraph, Node, NodeData, Provenance, Role};
use crate::vocab::{mg, prov, rdf, schema, xsd};
use oxrdf::{
    GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, Term, TermRef, Triple,
    TripleRef,
};
use std::cmp::Ordering;

/// Sorted, deduplicated quads describing one knowledge graph.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    quads: Vec<Quad>,
}

/// The facts about one node: (predicate, object) pairs.
type Facts = Vec<(NamedNodeRef<'static>, Term)>;

impl Dataset {
    /// Maps `graph` to RDF with entity IRIs under `options.base_iri`.
    pub fn new(graph: &KnowledgeGraph, options: &ExportOptions) -> Result<Self, IriError> {
        let minter = IriMinter::new(&options.base_iri)?;
        let mut quads = Vec::new();
        for (_, node) in graph.nodes() {
            node_quads(&minter, node, &mut quads)?;
        }
        for (from, edge, to) in graph.edges() {
            let graph_name = GraphName::from(minter.source(&edge.provenance.source)?);
            let predicate = edge_predicate(edge.kind);
            let triple = Triple::new(minter.node(&from.id)?, predicate, minter.node(&to.id)?);
            quads.push(triple.in_graph(graph_name));
        }
        quads.sort_by(|a, b| {
            graph_order(&a.graph_name, &b.graph_name)
                .then_with(|| triple_order(triple_of(a), triple_of(b)))
        });
        quads.dedup();
        Ok(Dataset { quads })
    }

    /// Every quad, sorted by (graph, subject, predicate, object).
    pub fn quads(&self) -> &[Quad] {
        &self.quads
    }

    /// The union of all graphs: every distinct triple, sorted by (subject, predicate, object).
    pub fn triples(&self) -> Vec<Triple> {
        let mut triples: Vec<TripleRef<'_>> = self.quads.iter().map(triple_of).collect();
        triples.sort_by(|a, b| triple_order(*a, *b));
        triples.dedup();
        triples.into_iter().map(TripleRef::into_owned).collect()
    }
}

fn triple_of(quad: &Quad) -> TripleRef<'_> {
    TripleRef::new(&quad.subject, &quad.predicate, &quad.object)
}

/// Default graph first, then named graphs by IRI.
fn graph_order(a: &GraphName, b: &GraphName) -> Ordering {
    graph_key(a).cmp(&graph_key(b))
}

fn graph_key(graph: &GraphName) -> (u8, &str) {
    match graph {
        GraphName::DefaultGraph => (0, ""),
        GraphName::NamedNode(n) => (1, n.as_str()),
        GraphName::BlankNode(b) => (2, b.as_str()),
    }
}

/// Triples by subject, predicate, then object, comparing IRIs and literal
/// values as strings (no allocation; the dataset has no blank nodes).
fn triple_order(a: TripleRef<'_>, b: TripleRef<'_>) -> Ordering {
    subject_str(a.subject)
        .cmp(subject_str(b.subject))
        .then_with(|| a.predicate.as_str().cmp(b.predicate.as_str()))
        .then_with(|| term_key(a.object).cmp(&term_key(b.object)))
}

fn subject_str(subject: NamedOrBlankNodeRef<'_>) -> &str {
    match subject {
        NamedOrBlankNodeRef::NamedNode(n) => n.as_str(),
        NamedOrBlankNodeRef::BlankNode(b) => b.as_str(),
    }
}

/// IRIs before literals; literals by value, datatype and language.
fn term_key(term: TermRef<'_>) -> (u8, &str, &str, &str) {
    match term {
        TermRef::NamedNode(n) => (0, n.as_str(), "", ""),
        TermRef::BlankNode(b) => (1, b.as_str(), "", ""),
        TermRef::Literal(l) => (
            2,
            l.value(),
            l.datatype().as_str(),
            l.language().unwrap_or_default(),
        ),
        #[allow(unreachable_patterns)]
        _ => (3, "", "", ""),
    }
}

/// Adds the quads describing `node` to `out`, once per graph it belongs to.
fn node_quads(minter: &IriMinter, node: &Node, out: &mut Vec<Quad>) -> Result<(), IriError> {
    let subject = minter.node(&node.id)?;
    let (facts, graphs) = if is_occurrence(&node.data) {
        let origin: Vec<&Provenance> = node.origin().into_iter().collect();
        let mut facts = describe(node);
        facts.extend(origin_facts(minter, &origin)?);
        (facts, origin)
    } else {
        let seen: Vec<&Provenance> = node.provenance.iter().collect();
        (describe(node), seen)
    };
    let mut graph_names: Vec<GraphName> = Vec::new();
    for p in &graphs {
        graph_names.push(minter.source(&p.source)?.into());
    }
    if graph_names.is_empty() {
        graph_names.push(GraphName::DefaultGraph);
    }
    for graph_name in graph_names {
        for (predicate, object) in &facts {
            out.push(Quad::new(
                subject.clone(),
                *predicate,
                object.clone(),
                graph_name.clone(),
            ));
        }
        if let (GraphName::NamedNode(source), false) = (&graph_name, is_occurrence(&node.data)) {
            out.push(Quad::new(
                subject.clone(),
                prov::WAS_DERIVED_FROM,
                source.clone(),
                graph_name.clone(),
            ));
        }
    }
    Ok(())
}

fn is_occurrence(data: &NodeData) -> bool {
    matches!(
        data,
        NodeData::Meeting { .. }
            | NodeData::AgendaItem
            | NodeData::Decision
            | NodeData::ActionItem { .. }
    )
}

/// Where an occurrence was read: source path, line span and the source file IRI.
fn origin_facts(minter: &IriMinter, origin: &[&Provenance]) -> Result<Facts, IriError> {
    let mut facts = Facts::new();
    for p in origin {
        facts.push((mg::SOURCE, string(&p.source)));
        facts.push((mg::LINE, integer(u64::from(p.line))));
        facts.push((mg::END_LINE, integer(u64::from(p.end_line))));
        facts.push((prov::WAS_DERIVED_FROM, minter.source(&p.source)?.into()));
    }
    Ok(facts)
}

/// The kind-specific facts about `node`.
fn describe(node: &Node) -> Facts {
    let label = || string(&node.label);
    let mut facts = Facts::new();
    match &node.data {
        NodeData::Meeting { date, title } => {
            facts.extend(types(&[mg::MEETING, schema::EVENT]));
            let name = match title {
                Some(title) if node.label.is_empty() => string(title),
                _ => label(),
            };
            facts.push((schema::NAME, name));
            facts.extend(
                date.as_deref()
                    .map(|d| (schema::START_DATE, date_or_string(d))),
            );
        }
        NodeData::Person { handles, aliases } => {
            facts.extend(types(&[mg::PERSON, schema::PERSON]));
            facts.push((schema::NAME, label()));
            facts.extend(handles.iter().map(|h| (mg::HANDLE, string(h))));
            facts.extend(aliases.iter().map(|a| (schema::ALTERNATE_NAME, string(a))));
        }
        NodeData::Service { aliases, evidence } => {
            facts.extend(types(&[mg::SERVICE, schema::SOFTWARE_APPLICATION]));
            facts.push((schema::NAME, label()));
            facts.extend(aliases.iter().map(|a| (schema::ALTERNATE_NAME, string(a))));
            facts.push((mg::EVIDENCE, string(evidence)));
        }
        NodeData::Issue {
            key,
            number,
            kind,
            url,
        } => {
            facts.extend(types(&[mg::ISSUE]));
            facts.push((mg::KEY, string(key)));
            facts.push((schema::NAME, string(key)));
            facts.push((mg::ISSUE_KIND, string(kind.name())));
            facts.push((mg::NUMBER, integer(*number)));
            facts.extend(
                url.as_deref()
                    .and_then(web_iri)
                    .map(|u| (schema::URL, u.into())),
            );
        }
        NodeData::AgendaItem => {
            facts.extend(types(&[mg::AGENDA_ITEM]));
            facts.push((schema::NAME, label()));
        }
        NodeData::Decision => {
            facts.extend(types(&[mg::DECISION]));
            facts.push((schema::TEXT, label()));
        }
        NodeData::ActionItem { status, due } => {
            facts.extend(types(&[mg::ACTION_ITEM, schema::ACTION]));
            facts.push((schema::TEXT, label()));
            facts.push((mg::STATUS, string(status.name())));
            facts.extend(due.as_deref().map(|d| (mg::DUE, date_or_string(d))));
        }
    }
    facts.retain(|(_, o)| !matches!(o, Term::Literal(l) if l.value().is_empty()));
    facts
}

fn types(classes: &[NamedNodeRef<'static>]) -> Facts {
    classes
        .iter()
        .map(|c| (rdf::TYPE, Term::from(c.into_owned())))
        .collect()
}

/// The RDF property an edge kind is written as.
pub fn edge_predicate(kind: EdgeKind) -> NamedNodeRef<'static> {
    match kind {
        EdgeKind::Attendee => schema::ATTENDEE,
        EdgeKind::Absentee => mg::ABSENTEE,
        EdgeKind::HasRole(Role::Chair) => mg::CHAIR,
        EdgeKind::HasRole(Role::Scribe) => mg::SCRIBE,
        EdgeKind::HasRole(Role::Reporter) => mg::REPORTER,
        EdgeKind::InMeeting => mg::MEETING_OF,
        EdgeKind::InAgendaItem => mg::AGENDA_ITEM_OF,
        EdgeKind::Mentions => schema::MENTIONS,
        EdgeKind::Assignee => schema::AGENT,
        EdgeKind::Presenter => mg::PRESENTER,
    }
}

fn string(value: &str) -> Term {
    Literal::new_simple_literal(clean_literal(value)).into()
}

fn integer(value: u64) -> Term {
    Literal::new_typed_literal(value.to_string(), xsd::INTEGER).into()
}

/// An `xsd:date` literal when `value` is a valid date, else a plain string.
fn date_or_string(value: &str) -> Term {
    let value = value.trim();
    if is_valid_date(value) {
        Literal::new_typed_literal(value, xsd::DATE).into()
    } else {
        string(value)
    }
}

/// `url` as an IRI when it is a valid absolute `http(s)` IRI; anything else
/// is dropped rather than written as a link no reader can resolve.
fn web_iri(url: &str) -> Option<NamedNode> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    NamedNode::new(url).ok()
}
