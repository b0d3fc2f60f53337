//! One summary row per person, service, issue or topic: its names, how many
//! meetings it occurs in and the first and last of them. A thing occurs in a
//! meeting when it is mentioned there, attends, presents, is assigned an action,
//! or (for a topic) one of the meeting's agenda items belongs to it.

use super::graph;
use crate::model::{KnowledgeGraph, Node, NodeData, NodeKind};
use petgraph::stable_graph::NodeIndex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The kinds of node [`entities`] lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// People.
    Person,
    /// Services and tools.
    Service,
    /// Issues and pull requests.
    Issue,
    /// Topic threads.
    Topic,
}

impl EntityKind {
    /// The graph node kind.
    pub fn node_kind(self) -> NodeKind {
        match self {
            EntityKind::Person => NodeKind::Person,
            EntityKind::Service => NodeKind::Service,
            EntityKind::Issue => NodeKind::Issue,
            EntityKind::Topic => NodeKind::Topic,
        }
    }

    /// Lower-case name (`person`, `service`, `issue`, `topic`).
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Service => "service",
            EntityKind::Issue => "issue",
            EntityKind::Topic => "topic",
        }
    }
}

/// A summary of one entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRow {
    /// The node's id.
    pub id: String,
    /// Display name (an issue's key).
    pub name: String,
    /// Other names it was written as, sorted.
    pub aliases: Vec<String>,
    /// Chat or forge handles (people only), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub handles: Vec<String>,
    /// Number of distinct meetings it occurs in.
    pub meetings: usize,
    /// Earliest date among those meetings.
    pub first_seen: Option<String>,
    /// Latest date among those meetings.
    pub last_seen: Option<String>,
    /// Why it was taken for a service (services only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// `owner/repo#N`, `#N` or `PROJ-N` (issues only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// `issue`, `pull` or `unknown` (issues only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue_kind: Option<String>,
    /// Web address (issues only, when known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Every entity of `kind`, sorted by name (ignoring case), then id.
pub fn entities(graph: &KnowledgeGraph, kind: EntityKind) -> Vec<EntityRow> {
    let mut rows: Vec<EntityRow> = graph
        .nodes()
        .filter(|(_, n)| n.kind() == kind.node_kind())
        .map(|(i, n)| row(graph, i, n))
        .collect();
    sort(&mut rows, EntityOrder::Name);
    rows
}

/// How entity rows are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EntityOrder {
    /// By name, ignoring case.
    #[default]
    Name,
    /// Most meetings first, then most recently seen, then name.
    Meetings,
    /// Most recently seen first (never dated last), then most meetings, then name.
    Recent,
}

/// Puts `rows` in `order`; ties always end in name and id, so the order is total.
pub fn sort(rows: &mut [EntityRow], order: EntityOrder) {
    let by_name = |a: &EntityRow, b: &EntityRow| {
        (a.name.to_lowercase(), &a.id).cmp(&(b.name.to_lowercase(), &b.id))
    };
    match order {
        EntityOrder::Name => rows.sort_by(by_name),
        EntityOrder::Meetings => rows.sort_by(|a, b| {
            b.meetings
                .cmp(&a.meetings)
                .then_with(|| b.last_seen.cmp(&a.last_seen))
                .then_with(|| by_name(a, b))
        }),
        EntityOrder::Recent => rows.sort_by(|a, b| {
            b.last_seen
                .cmp(&a.last_seen)
                .then_with(|| b.meetings.cmp(&a.meetings))
                .then_with(|| by_name(a, b))
        }),
    }
}

fn row(graph: &KnowledgeGraph, idx: NodeIndex, node: &Node) -> EntityRow {
    let meetings = meetings_of(graph, idx);
    let dates: BTreeSet<String> = meetings
        .iter()
        .filter_map(|&m| graph::meeting_info(graph, Some(m)).date)
        .collect();
    let mut row = EntityRow {
        id: node.id.clone(),
        name: node.label.clone(),
        aliases: Vec::new(),
        handles: Vec::new(),
        meetings: meetings.len(),
        first_seen: dates.first().cloned(),
        last_seen: dates.last().cloned(),
        evidence: None,
        key: None,
        issue_kind: None,
        url: None,
    };
    match &node.data {
        NodeData::Person { handles, aliases } => {
            row.aliases = aliases.clone();
            row.handles = handles.clone();
        }
        NodeData::Service { aliases, evidence } => {
            row.aliases = aliases.clone();
            row.evidence = Some(evidence.clone()).filter(|e| !e.is_empty());
        }
        NodeData::Issue { key, kind, url, .. } => {
            row.name = key.clone();
            row.key = Some(key.clone());
            row.issue_kind = Some(kind.name().to_string());
            row.url = url.clone();
        }
        _ => {}
    }
    row
}

/// The distinct meetings a node occurs in.
fn meetings_of(graph: &KnowledgeGraph, idx: NodeIndex) -> BTreeSet<NodeIndex> {
    let kind = graph.node(idx).kind();
    graph::sources(graph, idx, |k| graph::is_occurrence(kind, k))
        .into_iter()
        .filter_map(|(from, _)| graph::meeting_of(graph, from))
        .collect()
}
