//! A part of the graph for a diagram or an export of one thing: the meetings
//! within a date range that touch a topic, person, service or issue, with
//! everything recorded in them and every entity they name.

use super::filter::in_window;
use super::{Selector, graph, matching};
use crate::model::{KnowledgeGraph, NodeKind};
use jiff::civil::Date;
use petgraph::stable_graph::NodeIndex;
use std::collections::BTreeSet;

/// Which meetings to keep; the default keeps all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only meetings that touch this (a topic of one of their agenda items, or
    /// a person, service or issue that they or what they record link to).
    pub about: Option<Selector>,
    /// Only meetings on or after this date (undated ones are dropped).
    pub since: Option<Date>,
    /// Only meetings on or before this date (undated ones are dropped).
    pub until: Option<Date>,
}

impl Selection {
    /// Whether this keeps everything.
    pub fn is_everything(&self) -> bool {
        *self == Selection::default()
    }
}

/// The part of `graph` that `selection` keeps: the chosen meetings, every
/// node recorded in them (agenda items, decisions, actions), every entity any
/// of those links to, and the edges among kept nodes. `None` when the thing
/// named in `selection.about` is in no meeting.
pub fn select(graph: &KnowledgeGraph, selection: &Selection) -> Option<KnowledgeGraph> {
    let targets: Option<BTreeSet<NodeIndex>> = selection.about.as_ref().map(|about| {
        matching::find_nodes(graph, about.kind(), about.query())
            .into_iter()
            .collect()
    });
    if targets.as_ref().is_some_and(|t| t.is_empty()) {
        return None;
    }
    // Every occurrence and meeting, grouped by meeting.
    let mut members: std::collections::BTreeMap<NodeIndex, Vec<NodeIndex>> = Default::default();
    for (idx, node) in graph.nodes() {
        let occurrence = matches!(
            node.kind(),
            NodeKind::Meeting | NodeKind::AgendaItem | NodeKind::Decision | NodeKind::ActionItem
        );
        if let Some(meeting) = graph::meeting_of(graph, idx).filter(|_| occurrence) {
            members.entry(meeting).or_default().push(idx);
        }
    }
    let mut keep: BTreeSet<NodeIndex> = BTreeSet::new();
    for (meeting, occurrences) in &members {
        let date = graph::meeting_info(graph, Some(*meeting)).date;
        let in_window = in_window(date.as_deref(), selection.since, selection.until);
        if !in_window {
            continue;
        }
        let touches = targets.as_ref().is_none_or(|targets| {
            occurrences.iter().any(|&o| {
                graph
                    .edges_from(o)
                    .iter()
                    .filter_map(|(_, n)| graph.find(&n.id))
                    .any(|n| targets.contains(&n))
            })
        });
        if touches {
            keep.extend(occurrences.iter().copied());
        }
    }
    if keep.is_empty() && targets.is_some() {
        return None;
    }
    // Entities linked from kept meetings and occurrences.
    let mut entities = BTreeSet::new();
    for &idx in &keep {
        for (_, n) in graph.edges_from(idx) {
            if let Some(i) = graph.find(&n.id).filter(|i| !keep.contains(i)) {
                entities.insert(i);
            }
        }
    }
    keep.extend(entities);
    let mut part = KnowledgeGraph::new();
    for &idx in &keep {
        part.upsert(graph.node(idx).clone());
    }
    for (from, edge, to) in graph.edges() {
        let (Some(f), Some(t)) = (graph.find(&from.id), graph.find(&to.id)) else {
            continue;
        };
        if !(keep.contains(&f) && keep.contains(&t)) {
            continue;
        }
        if let (Some(pf), Some(pt)) = (part.find(&from.id), part.find(&to.id)) {
            part.relate(pf, pt, edge.kind, edge.provenance);
        }
    }
    Some(part)
}
