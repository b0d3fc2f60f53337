//! Decisions across all meetings, optionally only those about a topic or of
//! meetings within a date range, with the meeting and agenda item they were
//! recorded in.

use super::filter::Filter;
use super::graph::{self, MeetingInfo};
use super::{Dated, sort_by_date};
use crate::model::{KnowledgeGraph, NodeKind};
use petgraph::stable_graph::NodeIndex;
use serde::{Deserialize, Serialize};

/// One decision and where it was recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRow {
    /// The decision's id.
    pub id: String,
    /// What was decided.
    pub text: String,
    /// Date of the meeting, `YYYY-MM-DD` when known.
    pub date: Option<String>,
    /// Id of the meeting.
    pub meeting_id: String,
    /// Title of the meeting, when the minutes give one.
    pub meeting_title: Option<String>,
    /// Title of the agenda item it was recorded under, if any.
    pub item: Option<String>,
    /// Name of the topic thread of that agenda item, if any.
    pub topic: Option<String>,
    /// Source file, relative to the input root.
    pub source: String,
    /// Line it was read from.
    pub line: u32,
}

/// Every decision `filter` keeps, sorted by meeting date (undated last), source and line.
pub fn decisions(graph: &KnowledgeGraph, filter: &Filter) -> Vec<DecisionRow> {
    let prepared = filter.prepare(graph);
    let mut rows: Vec<DecisionRow> = graph
        .nodes()
        .filter(|(_, n)| n.kind() == NodeKind::Decision)
        .map(|(i, _)| (i, row(graph, i)))
        .filter(|(i, r)| prepared.keeps(graph, *i, r.date.as_deref()))
        .map(|(_, r)| r)
        .collect();
    sort_by_date(&mut rows);
    rows
}

impl Dated for DecisionRow {
    fn place(&self) -> (Option<&str>, &str, u32, &str) {
        (self.date.as_deref(), &self.source, self.line, &self.id)
    }
}

fn row(graph: &KnowledgeGraph, idx: NodeIndex) -> DecisionRow {
    let node = graph.node(idx);
    let MeetingInfo { id, date, title } = graph::meeting_info(graph, graph::meeting_of(graph, idx));
    let (source, line, _) = graph::origin(node);
    let item = graph::item_of(graph, idx);
    let topic = item
        .and_then(|i| graph::target(graph, i, crate::model::EdgeKind::Topic))
        .map(|t| graph.node(t).label.clone());
    DecisionRow {
        id: node.id.clone(),
        text: node.label.clone(),
        date,
        meeting_id: id,
        meeting_title: title,
        item: item.map(|i| graph.node(i).label.clone()),
        topic,
        source,
        line,
    }
}
