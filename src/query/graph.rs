//! Walking the graph from an occurrence (agenda item, decision, action) to its
//! meeting and agenda item, and reading the details query results carry. Every
//! list comes back in the graph's sorted edge order, so callers stay deterministic.

use crate::model::{Edge, EdgeKind, KnowledgeGraph, Node, NodeData, NodeKind};
use petgraph::stable_graph::NodeIndex;

/// The first target of an outgoing edge of `kind` (by target id).
pub(crate) fn target(graph: &KnowledgeGraph, idx: NodeIndex, kind: EdgeKind) -> Option<NodeIndex> {
    graph
        .edges_from(idx)
        .into_iter()
        .find(|(e, _)| e.kind == kind)
        .and_then(|(_, n)| graph.find(&n.id))
}

/// Every incoming edge whose kind passes `keep`, with the index of its source.
pub(crate) fn sources(
    graph: &KnowledgeGraph,
    idx: NodeIndex,
    keep: impl Fn(EdgeKind) -> bool,
) -> Vec<(NodeIndex, &Edge)> {
    graph
        .edges_to(idx)
        .into_iter()
        .filter(|(e, _)| keep(e.kind))
        .filter_map(|(e, n)| Some((graph.find(&n.id)?, e)))
        .collect()
}

/// The meeting a node belongs to: itself for a meeting, else its `InMeeting` target.
pub(crate) fn meeting_of(graph: &KnowledgeGraph, idx: NodeIndex) -> Option<NodeIndex> {
    match graph.node(idx).kind() {
        NodeKind::Meeting => Some(idx),
        _ => target(graph, idx, EdgeKind::InMeeting),
    }
}

/// The agenda item a node belongs to: itself for an item, else its `InAgendaItem` target.
pub(crate) fn item_of(graph: &KnowledgeGraph, idx: NodeIndex) -> Option<NodeIndex> {
    match graph.node(idx).kind() {
        NodeKind::AgendaItem => Some(idx),
        NodeKind::Decision | NodeKind::ActionItem => target(graph, idx, EdgeKind::InAgendaItem),
        _ => None,
    }
}

/// What query results say about a meeting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct MeetingInfo {
    pub id: String,
    pub date: Option<String>,
    pub title: Option<String>,
}

/// The id, date and title of a meeting node; empty for a missing one.
pub(crate) fn meeting_info(graph: &KnowledgeGraph, meeting: Option<NodeIndex>) -> MeetingInfo {
    let Some(idx) = meeting else {
        return MeetingInfo::default();
    };
    let node = graph.node(idx);
    let (date, title) = match &node.data {
        NodeData::Meeting { date, title } => (date.clone(), title.clone()),
        _ => (None, None),
    };
    MeetingInfo {
        id: node.id.clone(),
        date,
        title,
    }
}

/// Names of the people an action is assigned to, sorted and without repeats.
pub(crate) fn assignee_names(graph: &KnowledgeGraph, action: NodeIndex) -> Vec<String> {
    let mut names: Vec<String> = graph
        .edges_from(action)
        .into_iter()
        .filter(|(e, _)| e.kind == EdgeKind::Assignee)
        .map(|(_, n)| n.label.clone())
        .collect();
    names.sort_by_key(|n| n.to_lowercase());
    names.dedup();
    names
}

/// The first provenance of a node as (source, line, end line), if it has one.
pub(crate) fn origin(node: &Node) -> (String, u32, u32) {
    node.origin()
        .map(|p| (p.source.to_string(), p.line, p.end_line))
        .unwrap_or_default()
}

/// Whether an incoming edge of `edge` kind means a node of `kind` occurs where
/// the edge comes from: agenda items of a topic; mentions of anything; and for
/// a person also presenting, being assigned, attending or holding a role.
pub(crate) fn is_occurrence(kind: NodeKind, edge: EdgeKind) -> bool {
    match kind {
        NodeKind::Topic => edge == EdgeKind::Topic,
        NodeKind::Person => matches!(
            edge,
            EdgeKind::Mentions
                | EdgeKind::Presenter
                | EdgeKind::Assignee
                | EdgeKind::Attendee
                | EdgeKind::HasRole(_)
        ),
        _ => edge == EdgeKind::Mentions,
    }
}
