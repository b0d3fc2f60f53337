//! The timeline of one thing across meetings: every agenda item (or, outside
//! items, every meeting) where a topic, service, person or issue appears, with the
//! decisions and actions recorded there and a `file:line` link back to the minutes.

use super::graph::{self, MeetingInfo};
use super::{Selector, Status, date_order, matching};
use crate::model::{EdgeKind, KnowledgeGraph, NodeData, NodeKind};
use petgraph::stable_graph::NodeIndex;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Every occurrence of the nodes a selector matched, in date order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    /// What was asked for.
    pub selector: Selector,
    /// The nodes the selector matched, sorted by id.
    pub matched: Vec<Matched>,
    /// One entry per agenda item (or meeting, outside items), dated first in date
    /// order, then undated; ties by source and line.
    pub entries: Vec<TimelineEntry>,
}

/// A node a selector matched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Matched {
    /// The node's id.
    pub id: String,
    /// Its display name.
    pub name: String,
}

/// One place the followed thing appeared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// Date of the meeting, `YYYY-MM-DD` when known.
    pub date: Option<String>,
    /// Id of the meeting.
    pub meeting_id: String,
    /// Title of the meeting, when the minutes give one.
    pub meeting_title: Option<String>,
    /// Id of the agenda item, when the thing appeared in one.
    pub item_id: Option<String>,
    /// Title of the agenda item, when the thing appeared in one.
    pub item: Option<String>,
    /// Source file, relative to the input root.
    pub source: String,
    /// First line of the item (or of the mention, outside items).
    pub line: u32,
    /// Last line of the item (equal to `line` outside items).
    pub end_line: u32,
    /// Decisions of the item (outside items: those naming the thing).
    pub decisions: Vec<DecisionSummary>,
    /// Actions of the item (outside items: those naming or assigned to the thing).
    pub actions: Vec<ActionSummary>,
}

impl TimelineEntry {
    /// `source:line`, the link to the place in the minutes.
    pub fn link(&self) -> String {
        format!("{}:{}", self.source, self.line)
    }
}

/// A decision shown under a timeline entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionSummary {
    /// The decision's id.
    pub id: String,
    /// What was decided.
    pub text: String,
    /// Line it was read from.
    pub line: u32,
}

/// An action shown under a timeline entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionSummary {
    /// The action's id.
    pub id: String,
    /// What is to be done.
    pub text: String,
    /// Open or done.
    pub status: Status,
    /// When it is due, if stated.
    pub due: Option<String>,
    /// Names of the people it is assigned to, sorted.
    pub assignees: Vec<String>,
    /// Line it was read from.
    pub line: u32,
}

/// Where the thing was seen: a meeting, maybe an agenda item, and the outcome
/// (decision or action outside any item) that named it, if any.
struct Hit {
    meeting: NodeIndex,
    item: Option<NodeIndex>,
    source: String,
    line: u32,
    outcome: Option<NodeIndex>,
    attendance: bool,
}

/// The timeline of everything `selector` matches in `graph`.
pub fn timeline(graph: &KnowledgeGraph, selector: Selector) -> Timeline {
    let nodes = matching::find_nodes(graph, selector.kind(), selector.query());
    timeline_of(graph, selector, &nodes)
}

/// The timeline of exactly `nodes` (as a selector would have matched them).
pub fn timeline_of(graph: &KnowledgeGraph, selector: Selector, nodes: &[NodeIndex]) -> Timeline {
    let matched = nodes
        .iter()
        .map(|&i| Matched {
            id: graph.node(i).id.clone(),
            name: graph.node(i).label.clone(),
        })
        .collect();
    let hits: Vec<Hit> = nodes.iter().flat_map(|&n| hits_of(graph, n)).collect();
    let mut entries = entries_from(graph, hits);
    entries.sort_by(|a, b| {
        date_order(a.date.as_deref(), &a.source, a.line)
            .cmp(&date_order(b.date.as_deref(), &b.source, b.line))
            .then_with(|| a.item_id.cmp(&b.item_id))
            .then_with(|| a.meeting_id.cmp(&b.meeting_id))
    });
    Timeline {
        selector,
        matched,
        entries,
    }
}

/// Every place one matched node was seen.
fn hits_of(graph: &KnowledgeGraph, node: NodeIndex) -> Vec<Hit> {
    let kind = graph.node(node).kind();
    graph::sources(graph, node, |k| graph::is_occurrence(kind, k))
        .into_iter()
        .filter_map(|(from, edge)| {
            let meeting = graph::meeting_of(graph, from)?;
            let item = graph::item_of(graph, from);
            let outcome = matches!(
                graph.node(from).kind(),
                NodeKind::Decision | NodeKind::ActionItem
            )
            .then_some(from);
            let attendance = matches!(edge.kind, EdgeKind::Attendee | EdgeKind::HasRole(_));
            let (source, line) = match item {
                Some(i) => {
                    let (source, line, _) = graph::origin(graph.node(i));
                    (source, line)
                }
                None => (edge.provenance.source.to_string(), edge.provenance.line),
            };
            Some(Hit {
                meeting,
                item,
                source,
                line,
                outcome,
                attendance,
            })
        })
        .collect()
}

/// One entry per agenda item and one per meeting for hits outside items;
/// attendance alone makes an entry only in meetings with no other entry.
fn entries_from(graph: &KnowledgeGraph, hits: Vec<Hit>) -> Vec<TimelineEntry> {
    // A name on an attendance or role line is also read as a mention there; it
    // is still attendance, not a separate occurrence.
    let roll: BTreeSet<(NodeIndex, String, u32)> = hits
        .iter()
        .filter(|h| h.attendance)
        .map(|h| (h.meeting, h.source.clone(), h.line))
        .collect();
    let mut groups: BTreeMap<(NodeIndex, Option<NodeIndex>), Vec<Hit>> = BTreeMap::new();
    for mut hit in hits {
        if hit.item.is_none() && roll.contains(&(hit.meeting, hit.source.clone(), hit.line)) {
            hit.attendance = true;
        }
        groups.entry((hit.meeting, hit.item)).or_default().push(hit);
    }
    let busy: BTreeSet<NodeIndex> = groups
        .iter()
        .filter(|(_, hits)| hits.iter().any(|h| !h.attendance))
        .map(|((meeting, _), _)| *meeting)
        .collect();
    groups
        .into_iter()
        .filter(|((meeting, _), hits)| {
            hits.iter().any(|h| !h.attendance) || !busy.contains(meeting)
        })
        .map(|((meeting, item), hits)| entry(graph, meeting, item, &hits))
        .collect()
}

fn entry(
    graph: &KnowledgeGraph,
    meeting: NodeIndex,
    item: Option<NodeIndex>,
    hits: &[Hit],
) -> TimelineEntry {
    let MeetingInfo { id, date, title } = graph::meeting_info(graph, Some(meeting));
    let (outcomes, source, line, end_line) = match item {
        Some(i) => {
            let outcomes = graph::sources(graph, i, |k| k == EdgeKind::InAgendaItem);
            let (source, line, end_line) = graph::origin(graph.node(i));
            (
                outcomes.into_iter().map(|(n, _)| n).collect(),
                source,
                line,
                end_line,
            )
        }
        None => {
            // Mentions outside items point at their own line; prefer one over attendance.
            let first = hits
                .iter()
                .min_by_key(|h| (h.attendance, &h.source, h.line))
                .map(|h| (h.source.clone(), h.line))
                .unwrap_or_default();
            let mut outcomes: Vec<NodeIndex> = hits.iter().filter_map(|h| h.outcome).collect();
            outcomes.sort_by(|a, b| graph.node(*a).id.cmp(&graph.node(*b).id));
            outcomes.dedup();
            (outcomes, first.0, first.1, first.1)
        }
    };
    let (decisions, actions) = summaries(graph, &outcomes);
    TimelineEntry {
        date,
        meeting_id: id,
        meeting_title: title,
        item_id: item.map(|i| graph.node(i).id.clone()),
        item: item.map(|i| graph.node(i).label.clone()),
        source,
        line,
        end_line,
        decisions,
        actions,
    }
}

/// The decisions and actions among `outcomes`, each in line order.
fn summaries(
    graph: &KnowledgeGraph,
    outcomes: &[NodeIndex],
) -> (Vec<DecisionSummary>, Vec<ActionSummary>) {
    let (mut decisions, mut actions) = (Vec::new(), Vec::new());
    for &idx in outcomes {
        let node = graph.node(idx);
        let (_, line, _) = graph::origin(node);
        match &node.data {
            NodeData::Decision => decisions.push(DecisionSummary {
                id: node.id.clone(),
                text: node.label.clone(),
                line,
            }),
            NodeData::ActionItem { status, due, .. } => actions.push(ActionSummary {
                id: node.id.clone(),
                text: node.label.clone(),
                status: (*status).into(),
                due: due.clone(),
                assignees: graph::assignee_names(graph, idx),
                line,
            }),
            _ => {}
        }
    }
    decisions.sort_by(|a, b| (a.line, &a.id).cmp(&(b.line, &b.id)));
    actions.sort_by(|a, b| (a.line, &a.id).cmp(&(b.line, &b.id)));
    (decisions, actions)
}
