//! The graph as two flat tables, nodes and edges, shared by the GraphML and
//! CSV writers so both carry the same columns and values.
//!
//! Ids are node ids percent-encoded as in IRIs (so they hold no control
//! characters and never collide); text is cleaned as for RDF literals. Rows
//! are sorted as written: nodes by id, edges by (from, kind, to).

use super::ExportOptions;
use super::iri::{IriError, IriMinter, encode_path};
use super::mapping::edge_predicate;
use super::text::clean_literal;
use crate::model::{EdgeKind, KnowledgeGraph, Node, NodeData, NodeKind};

/// One node as a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeRow {
    /// Node id, percent-encoded as in its IRI.
    pub id: String,
    /// The node's IRI.
    pub iri: String,
    /// Class name: `Meeting`, `Person`, ... (as in `mg:<kind>`).
    pub kind: &'static str,
    /// Name, title or text.
    pub name: String,
    /// The meeting date: a meeting's own, an occurrence's meeting's, a topic's first.
    pub date: Option<String>,
    /// Source path where the node was (first) read.
    pub source: Option<String>,
    /// First line there (1-based).
    pub line: Option<u32>,
}

/// One edge as a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EdgeRow {
    /// Id of the node the edge leaves.
    pub from: String,
    /// Id of the node it points to.
    pub to: String,
    /// The property name (`attendee`, `mentions`, `agent`, ...), as in JSON-LD.
    pub kind: &'static str,
    /// Source path where the relation was read.
    pub source: String,
    /// Line there (1-based).
    pub line: u32,
}

/// The node rows of `graph`, sorted by id (as written).
pub fn node_rows(
    graph: &KnowledgeGraph,
    options: &ExportOptions,
) -> Result<Vec<NodeRow>, IriError> {
    let minter = IriMinter::new(&options.base_iri)?;
    let mut rows = graph
        .nodes()
        .map(|(_, node)| {
            Ok(NodeRow {
                id: encode_path(&node.id),
                iri: minter.node(&node.id)?.into_string(),
                kind: node.kind().class_name(),
                name: clean_literal(display_name(node)).into_owned(),
                date: node_date(graph, node).map(|d| clean_literal(d).into_owned()),
                source: node.origin().map(|p| clean_literal(&p.source).into_owned()),
                line: node.origin().map(|p| p.line),
            })
        })
        .collect::<Result<Vec<_>, IriError>>()?;
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(rows)
}

/// The edge rows of `graph`, sorted by (from, kind, to) as written.
pub fn edge_rows(graph: &KnowledgeGraph) -> Vec<EdgeRow> {
    let mut rows: Vec<EdgeRow> = graph
        .edges()
        .into_iter()
        .map(|(from, edge, to)| EdgeRow {
            from: encode_path(&from.id),
            to: encode_path(&to.id),
            kind: edge_kind_name(edge.kind),
            source: clean_literal(&edge.provenance.source).into_owned(),
            line: edge.provenance.line,
        })
        .collect();
    rows.sort_by(|a, b| (&a.from, a.kind, &a.to).cmp(&(&b.from, b.kind, &b.to)));
    rows
}

/// The name of an edge kind: the local name of its RDF property.
pub fn edge_kind_name(kind: EdgeKind) -> &'static str {
    let iri = edge_predicate(kind).as_str();
    let start = iri.rfind(['/', '#']).map_or(0, |i| i + 1);
    &iri[start..]
}

fn display_name(node: &Node) -> &str {
    match &node.data {
        NodeData::Meeting { title: Some(t), .. } if node.label.is_empty() => t,
        NodeData::Issue { key, .. } => key,
        _ => &node.label,
    }
}

fn node_date<'g>(graph: &'g KnowledgeGraph, node: &'g Node) -> Option<&'g str> {
    match &node.data {
        NodeData::Meeting { date, .. } => date.as_deref(),
        NodeData::Topic { first_date, .. } => first_date.as_deref(),
        NodeData::AgendaItem | NodeData::Decision | NodeData::ActionItem { .. } => {
            let idx = graph.find(&node.id)?;
            graph
                .edges_from(idx)
                .into_iter()
                .find(|(e, to)| e.kind == EdgeKind::InMeeting && to.kind() == NodeKind::Meeting)
                .and_then(|(_, meeting)| node_date(graph, meeting))
        }
        _ => None,
    }
    .filter(|d| !d.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

    #[test]
    fn edge_kinds_are_named_like_their_properties() {
        assert_eq!(edge_kind_name(EdgeKind::Attendee), "attendee");
        assert_eq!(edge_kind_name(EdgeKind::Assignee), "agent");
        assert_eq!(edge_kind_name(EdgeKind::InAgendaItem), "agendaItem");
        assert_eq!(edge_kind_name(EdgeKind::HasRole(Role::Chair)), "chair");
        assert_eq!(edge_kind_name(EdgeKind::LastMeeting), "lastMeeting");
    }
}
