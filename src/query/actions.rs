//! Action items across all meetings, optionally only the open ones or only those
//! assigned to one person, with the meeting and agenda item they were recorded in.

use super::graph::{self, MeetingInfo};
use super::{Dated, Filter, Status, matching, sort_by_date};
use crate::model::{EdgeKind, KnowledgeGraph, NodeData, NodeKind};
use petgraph::stable_graph::NodeIndex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// One action item and where it was recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionRow {
    /// The action's id.
    pub id: String,
    /// What is to be done.
    pub text: String,
    /// Open, done or unknown.
    pub status: Status,
    /// Why it has that status, and where that was read (none when unknown).
    pub status_evidence: Option<StatusEvidence>,
    /// When it is due, if stated.
    pub due: Option<String>,
    /// Names of the people it is assigned to, sorted.
    pub assignees: Vec<String>,
    /// Date of the meeting, `YYYY-MM-DD` when known.
    pub date: Option<String>,
    /// Id of the meeting.
    pub meeting_id: String,
    /// Title of the meeting, when the minutes give one.
    pub meeting_title: Option<String>,
    /// Title of the agenda item it was recorded under, if any.
    pub item: Option<String>,
    /// Source file, relative to the input root.
    pub source: String,
    /// Line it was read from.
    pub line: u32,
}

/// The reason for an action's status and the place it was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusEvidence {
    /// What was read, in a few words ("reported done by a later meeting").
    pub reason: String,
    /// Source file, relative to the input root.
    pub source: String,
    /// Line it was read from.
    pub line: u32,
}

impl StatusEvidence {
    /// `reason (source:line)`.
    pub fn describe(&self) -> String {
        format!("{} ({}:{})", self.reason, self.source, self.line)
    }
}

/// Every action item `filter` keeps, sorted by meeting date (undated last),
/// source and line. `open_only` keeps open actions; `assignee` keeps actions
/// assigned to a person it names (matched like a timeline's `--person`).
pub fn actions(
    graph: &KnowledgeGraph,
    open_only: bool,
    assignee: Option<&str>,
    filter: &Filter,
) -> Vec<ActionRow> {
    let prepared = filter.prepare(graph);
    let people: Option<BTreeSet<NodeIndex>> = assignee.map(|q| {
        matching::find_nodes(graph, NodeKind::Person, q)
            .into_iter()
            .collect()
    });
    let mut rows: Vec<ActionRow> = graph
        .nodes()
        .filter(|(_, n)| n.kind() == NodeKind::ActionItem)
        .filter(|(i, _)| people.as_ref().is_none_or(|p| assigned_to(graph, *i, p)))
        .filter_map(|(i, _)| Some((i, row(graph, i)?)))
        .filter(|(i, r)| prepared.keeps(graph, *i, r.date.as_deref()))
        .map(|(_, r)| r)
        .filter(|r| !open_only || r.status == Status::Open)
        .collect();
    sort_by_date(&mut rows);
    rows
}

impl Dated for ActionRow {
    fn place(&self) -> (Option<&str>, &str, u32, &str) {
        (self.date.as_deref(), &self.source, self.line, &self.id)
    }
}

fn assigned_to(graph: &KnowledgeGraph, action: NodeIndex, people: &BTreeSet<NodeIndex>) -> bool {
    graph
        .edges_from(action)
        .into_iter()
        .filter(|(e, _)| e.kind == EdgeKind::Assignee)
        .filter_map(|(_, n)| graph.find(&n.id))
        .any(|p| people.contains(&p))
}

fn row(graph: &KnowledgeGraph, idx: NodeIndex) -> Option<ActionRow> {
    let node = graph.node(idx);
    let NodeData::ActionItem {
        status,
        due,
        evidence,
    } = &node.data
    else {
        return None;
    };
    let MeetingInfo { id, date, title } = graph::meeting_info(graph, graph::meeting_of(graph, idx));
    let (source, line, _) = graph::origin(node);
    Some(ActionRow {
        id: node.id.clone(),
        text: node.label.clone(),
        status: (*status).into(),
        status_evidence: evidence.as_ref().map(|(reason, place)| StatusEvidence {
            reason: reason.describe().to_string(),
            source: place.source.to_string(),
            line: place.line,
        }),
        due: due.clone(),
        assignees: graph::assignee_names(graph, idx),
        date,
        meeting_id: id,
        meeting_title: title,
        item: graph::item_of(graph, idx).map(|i| graph.node(i).label.clone()),
        source,
        line,
    })
}
