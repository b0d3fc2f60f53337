//! The `full` view of a graph too large to draw node by node (more than
//! [`DETAIL_LIMIT`](super::DETAIL_LIMIT) nodes): an overview.
//!
//! Meetings are collapsed into one node per series (the folder of their source
//! files), labelled with the number of meetings, their date range and the
//! number of agenda items, decisions and actions. Of the people, services,
//! issues and topics, the [`ENTITY_LIMIT`] of each kind seen in most meetings
//! are drawn, each linked to the series it occurs in with the number of
//! meetings as an external edge label (`xlabel`, which takes no room in the
//! layout); a note says what was left out.

use super::index::{Index, date, series};
use super::meetings::count_kinds;
use super::writer::{custom_node, edge, name, node_id, open, style};
use crate::model::{KnowledgeGraph, Node, NodeKind};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

/// Most entities of each kind drawn in the overview.
pub const ENTITY_LIMIT: usize = 12;

/// The kinds drawn as entities, in the order written.
const ENTITY_KINDS: [(NodeKind, &str); 4] = [
    (NodeKind::Person, "people"),
    (NodeKind::Service, "services"),
    (NodeKind::Issue, "issues"),
    (NodeKind::Topic, "topics"),
];

/// Writes the overview.
pub fn write(index: &Index<'_>, out: &mut dyn Write) -> io::Result<()> {
    open(out, "rankdir=LR, forcelabels=true")?;
    let mut groups: BTreeMap<&str, Vec<&Node>> = BTreeMap::new();
    for meeting in &index.meetings {
        groups.entry(series(meeting)).or_default().push(meeting);
    }
    writeln!(out)?;
    let (shape, fill) = style(NodeKind::Meeting);
    for (name, meetings) in &groups {
        let lines = series_label(index, name, meetings);
        custom_node(out, "  ", &series_id(name), &lines, shape, fill)?;
    }
    let seen = sightings(index);
    let mut note = vec![format!(
        "Overview of {} nodes and {} edges",
        index.graph.node_count(),
        index.graph.edge_count()
    )];
    let mut drawn = Vec::new();
    for (kind, plural) in ENTITY_KINDS {
        let top = top_entities(index.graph, &seen, kind);
        note.push(format!(
            "{} of {} {plural} (those in most meetings)",
            top.len().min(ENTITY_LIMIT),
            top.len()
        ));
        drawn.extend(top.into_iter().take(ENTITY_LIMIT));
    }
    writeln!(out)?;
    for (entity, meetings) in &drawn {
        let lines = [name(entity).to_string(), plural(*meetings, "meeting")];
        let (shape, fill) = style(entity.kind());
        custom_node(out, "  ", &node_id(entity), &lines, shape, fill)?;
    }
    note.push("--view meeting or topics, or fewer files, for detail".into());
    custom_node(out, "  ", "#note", &note, "note", "white")?;
    writeln!(out)?;
    for (entity, _) in &drawn {
        for (name, meetings) in &groups {
            let count = meetings
                .iter()
                .filter(|m| seen.contains(&(entity.id.as_str(), m.id.as_str())))
                .count();
            if count > 0 {
                let extra = format!(", xlabel=\"{count}\"");
                edge(out, &series_id(name), &node_id(entity), "", &extra)?;
            }
        }
    }
    writeln!(out, "}}")
}

fn series_id(name: &str) -> String {
    format!("#series/{name}")
}

/// Name, meeting count and date range, and occurrence counts of one series.
fn series_label(index: &Index<'_>, name: &str, meetings: &[&Node]) -> Vec<String> {
    let dates: Vec<&str> = meetings.iter().filter_map(|m| date(m)).collect();
    let span = match (dates.first(), dates.last()) {
        (Some(first), Some(last)) if first != last => format!(", {first} – {last}"),
        (Some(first), _) => format!(", {first}"),
        _ => String::new(),
    };
    let members: Vec<&Node> = meetings
        .iter()
        .flat_map(|m| index.members(m).iter().copied())
        .collect();
    vec![
        name.to_string(),
        format!("{}{span}", plural(meetings.len(), "meeting")),
        count_kinds(&members),
    ]
}

/// Every (entity id, meeting id) pair where the meeting or one of its
/// occurrences links to the entity.
fn sightings<'g>(index: &Index<'g>) -> BTreeSet<(&'g str, &'g str)> {
    let kinds: Vec<NodeKind> = ENTITY_KINDS.iter().map(|(k, _)| *k).collect();
    index
        .graph
        .edges()
        .into_iter()
        .filter(|(_, _, to)| kinds.contains(&to.kind()))
        .filter_map(|(from, _, to)| {
            let meeting = index.meeting_of(from)?;
            Some((to.id.as_str(), meeting.id.as_str()))
        })
        .collect()
}

/// Entities of `kind` with the number of meetings they occur in, most first.
fn top_entities<'g>(
    graph: &'g KnowledgeGraph,
    seen: &BTreeSet<(&str, &str)>,
    kind: NodeKind,
) -> Vec<(&'g Node, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (entity, _) in seen {
        *counts.entry(entity).or_default() += 1;
    }
    let mut top: Vec<(&Node, usize)> = graph
        .nodes()
        .filter(|(_, n)| n.kind() == kind)
        .map(|(_, n)| (n, counts.get(n.id.as_str()).copied().unwrap_or(0)))
        .collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.id.cmp(&b.0.id)));
    top
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
