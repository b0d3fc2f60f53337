//! What the DOT views need to know beyond nodes and edges: the meeting each
//! occurrence belongs to, the occurrences of each meeting, meetings in date
//! order and the series (source folder) of each meeting.
//!
//! Everything is kept in sorted maps or sorted lists, so every view walks the
//! graph in the same order on every run.

use crate::model::{EdgeKind, KnowledgeGraph, Node, NodeData, NodeKind};
use std::collections::BTreeMap;

/// Lookups shared by the DOT views, built once per export.
pub struct Index<'g> {
    /// The graph itself.
    pub graph: &'g KnowledgeGraph,
    /// Meetings in date order (undated last), ties broken by id.
    pub meetings: Vec<&'g Node>,
    members: BTreeMap<&'g str, Vec<&'g Node>>,
    meeting_of: BTreeMap<&'g str, &'g Node>,
}

impl<'g> Index<'g> {
    /// Indexes `graph`.
    pub fn new(graph: &'g KnowledgeGraph) -> Self {
        let mut members: BTreeMap<&str, Vec<&Node>> = BTreeMap::new();
        let mut meeting_of = BTreeMap::new();
        let mut meetings = Vec::new();
        for (idx, node) in graph.nodes() {
            if node.kind() == NodeKind::Meeting {
                meetings.push(node);
                meeting_of.insert(node.id.as_str(), node);
                continue;
            }
            if !is_member_kind(node.kind()) {
                continue;
            }
            let meeting = graph
                .edges_from(idx)
                .into_iter()
                .find(|(e, to)| e.kind == EdgeKind::InMeeting && to.kind() == NodeKind::Meeting)
                .map(|(_, to)| to);
            if let Some(meeting) = meeting {
                members.entry(meeting.id.as_str()).or_default().push(node);
                meeting_of.insert(node.id.as_str(), meeting);
            }
        }
        for list in members.values_mut() {
            list.sort_by_key(|n| (n.origin().map_or(0, |p| p.line), n.id.as_str()));
        }
        meetings.sort_by_key(|m| (date(m).is_none(), date(m), m.id.as_str()));
        Index {
            graph,
            meetings,
            members,
            meeting_of,
        }
    }

    /// The agenda items, decisions and actions of `meeting`, in line order.
    pub fn members(&self, meeting: &Node) -> &[&'g Node] {
        self.members
            .get(meeting.id.as_str())
            .map_or(&[], Vec::as_slice)
    }

    /// The meeting `node` belongs to (a meeting belongs to itself).
    pub fn meeting_of(&self, node: &Node) -> Option<&'g Node> {
        self.meeting_of.get(node.id.as_str()).copied()
    }

    /// Nodes drawn outside every meeting cluster: entities, topics and
    /// occurrences whose meeting is unknown.
    pub fn loose(&self) -> Vec<&'g Node> {
        self.graph
            .nodes()
            .map(|(_, n)| n)
            .filter(|n| self.meeting_of(n).is_none())
            .collect()
    }
}

/// Whether nodes of `kind` are drawn inside their meeting's cluster.
pub fn is_member_kind(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::AgendaItem | NodeKind::Decision | NodeKind::ActionItem
    )
}

/// The date of a meeting, if it has one.
pub fn date(meeting: &Node) -> Option<&str> {
    match &meeting.data {
        NodeData::Meeting { date, .. } => date.as_deref(),
        _ => None,
    }
}

/// The series of a meeting: the folder of its source file (`.` at the top).
pub fn series(meeting: &Node) -> &str {
    let source = meeting.origin().map_or("", |p| &*p.source);
    match source.rsplit_once('/') {
        Some((folder, _)) if !folder.is_empty() => folder,
        _ => ".",
    }
}
