//! The `full` view of a graph too large to draw node by node (more than
//! [`DETAIL_LIMIT`](super::DETAIL_LIMIT) nodes): an overview.
//!
//! Meetings are collapsed into one node per series (the folder of their
//! source files), labelled with the number of meetings, their date range and
//! the number of agenda items, decisions and actions; the [`OVERVIEW_TOP`]
//! series with most meetings are drawn, the rest share one node. Of the
//! people, services, issues and topics, the [`OVERVIEW_TOP`] of each kind
//! seen in most meetings are drawn (ties by name), each once, inside the
//! cluster of the series it is seen in most, with the number of its meetings
//! and series: no edge crosses the drawing. The clusters are set out in rows
//! (see [`layout`](super::layout)) and the graph's label says what was left out.

use super::index::{Index, date, series};
use super::layout::{Block, write_grid};
use super::writer::{close, custom_node, name, node_id, open, open_cluster, style};
use crate::model::{KnowledgeGraph, Node, NodeKind};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

/// Series, and entities of each kind, drawn when `top` is not given.
pub const OVERVIEW_TOP: usize = 8;

/// Series clusters in one row when `row` is not given.
pub const SERIES_PER_ROW: usize = 4;

/// Most entities in one column of a series cluster.
const COLUMN_LIMIT: usize = 8;

/// The kinds drawn as entities, in the order written.
const ENTITY_KINDS: [(NodeKind, &str); 4] = [
    (NodeKind::Person, "people"),
    (NodeKind::Service, "services"),
    (NodeKind::Issue, "issues"),
    (NodeKind::Topic, "topics"),
];

/// The id of the node standing for the series left out.
const OTHERS: &str = "#series/+others";

/// One drawn series (or the rest of them) and its meetings.
struct Group<'g> {
    id: String,
    lines: Vec<String>,
    meetings: BTreeSet<&'g str>,
}

/// Writes the overview.
pub fn write(
    index: &Index<'_>,
    top: Option<usize>,
    per_row: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let top = top.unwrap_or(OVERVIEW_TOP).max(1);
    open(out, "rankdir=TB, newrank=true, nodesep=0.15, ranksep=0.15")?;
    let (groups, all_series) = groups(index, top);
    let seen = sightings(index);
    let mut label = vec![format!(
        "Overview of {} nodes and {} edges: {} meetings in {}",
        index.graph.node_count(),
        index.graph.edge_count(),
        index.meetings.len(),
        plural(all_series, "series", "series")
    )];
    if all_series > groups.len() {
        label.push(format!(
            "the {} series with most meetings, the other {} in one",
            groups.len() - 1,
            all_series + 1 - groups.len()
        ));
    }
    let series_of: BTreeMap<&str, &str> = index
        .meetings
        .iter()
        .map(|m| (m.id.as_str(), series(m)))
        .collect();
    let mut homes: Vec<Vec<(&Node, String)>> = vec![Vec::new(); groups.len()];
    let mut counts = Vec::new();
    for (kind, plural_name) in ENTITY_KINDS {
        let ranked = top_entities(index.graph, &seen, kind);
        counts.push(format!(
            "{} of {} {plural_name}",
            ranked.len().min(top),
            ranked.len()
        ));
        for (entity, meetings) in ranked.into_iter().take(top) {
            let home = home(&groups, &meetings);
            let spread = meetings
                .iter()
                .filter_map(|m| series_of.get(m))
                .collect::<BTreeSet<_>>()
                .len();
            let mut line = plural(meetings.len(), "meeting", "meetings");
            if spread > 1 {
                line.push_str(&format!(" in {spread} series"));
            }
            homes[home].push((entity, line));
        }
    }
    label.push(format!(
        "{}, those in most meetings, each in the series it is seen in most",
        counts.join(", ")
    ));
    label.push("--top N to draw more or fewer; --view meeting or topics for detail".into());
    let mut blocks = Vec::new();
    for (n, (group, entities)) in groups.iter().zip(&homes).enumerate() {
        open_cluster(out, n, "")?;
        let (shape, fill) = style(NodeKind::Meeting);
        custom_node(out, "    ", &group.id, &group.lines, shape, fill)?;
        let mut ids = Vec::new();
        for (entity, line) in entities {
            let (shape, fill) = style(entity.kind());
            let lines = [name(entity).to_string(), line.clone()];
            custom_node(out, "    ", &node_id(entity), &lines, shape, fill)?;
            ids.push(node_id(entity));
        }
        writeln!(out, "  }}")?;
        blocks.push(Block::new(group.id.clone(), ids, COLUMN_LIMIT, false));
    }
    write_grid(out, &blocks, per_row.unwrap_or(SERIES_PER_ROW))?;
    close(out, &label)
}

/// The `top` series with most meetings (ties by name), then one group for
/// the rest if any; and the number of series.
fn groups<'g>(index: &Index<'g>, top: usize) -> (Vec<Group<'g>>, usize) {
    let mut by_series: BTreeMap<&str, Vec<&Node>> = BTreeMap::new();
    for meeting in &index.meetings {
        by_series.entry(series(meeting)).or_default().push(meeting);
    }
    let mut ranked: Vec<(&str, Vec<&Node>)> = by_series.into_iter().collect();
    ranked.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(b.0)));
    let all = ranked.len();
    let rest: Vec<&Node> = ranked
        .split_off(ranked.len().min(top))
        .into_iter()
        .flat_map(|(_, ms)| ms)
        .collect();
    let mut groups: Vec<Group<'g>> = ranked
        .iter()
        .map(|(name, meetings)| Group {
            id: format!("#series/{name}"),
            lines: series_label(index, name, meetings),
            meetings: meetings.iter().map(|m| m.id.as_str()).collect(),
        })
        .collect();
    if !rest.is_empty() {
        let name = format!("+ {} more series", all - groups.len());
        groups.push(Group {
            id: OTHERS.to_string(),
            lines: series_label(index, &name, &rest),
            meetings: rest.iter().map(|m| m.id.as_str()).collect(),
        });
    }
    (groups, all)
}

/// The group an entity seen in `meetings` is drawn in: the one holding most
/// of them, ties to the first.
fn home(groups: &[Group<'_>], meetings: &BTreeSet<&str>) -> usize {
    groups
        .iter()
        .map(|g| meetings.iter().filter(|m| g.meetings.contains(*m)).count())
        .enumerate()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map_or(0, |(i, _)| i)
}

/// Name, meeting count and date range, and occurrence counts of one series.
fn series_label(index: &Index<'_>, name: &str, meetings: &[&Node]) -> Vec<String> {
    let mut dates: Vec<&str> = meetings.iter().filter_map(|m| date(m)).collect();
    dates.sort_unstable();
    let span = match (dates.first(), dates.last()) {
        (Some(first), Some(last)) if first != last => format!("{first} – {last}"),
        (Some(first), _) => first.to_string(),
        _ => String::new(),
    };
    let members: Vec<&Node> = meetings
        .iter()
        .flat_map(|m| index.members(m).iter().copied())
        .collect();
    let name = if name == "." { "(top folder)" } else { name };
    let count = |kind| members.iter().filter(|n| n.kind() == kind).count();
    let mut lines = vec![
        name.to_string(),
        format!(
            "{}, {}",
            plural(meetings.len(), "meeting", "meetings"),
            plural(count(NodeKind::AgendaItem), "item", "items")
        ),
    ];
    if !span.is_empty() {
        lines.push(span);
    }
    lines.push(format!(
        "{}, {}",
        plural(count(NodeKind::Decision), "decision", "decisions"),
        plural(count(NodeKind::ActionItem), "action", "actions")
    ));
    lines
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

/// Entities of `kind` with the meetings they occur in, most first, ties by name.
fn top_entities<'g>(
    graph: &'g KnowledgeGraph,
    seen: &BTreeSet<(&'g str, &'g str)>,
    kind: NodeKind,
) -> Vec<(&'g Node, BTreeSet<&'g str>)> {
    let mut meetings: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (entity, meeting) in seen {
        meetings.entry(entity).or_default().insert(meeting);
    }
    let mut top: Vec<(&Node, BTreeSet<&str>)> = graph
        .nodes()
        .filter(|(_, n)| n.kind() == kind)
        .map(|(_, n)| (n, meetings.remove(n.id.as_str()).unwrap_or_default()))
        .collect();
    top.sort_by(|a, b| {
        b.1.len()
            .cmp(&a.1.len())
            .then_with(|| name(a.0).to_lowercase().cmp(&name(b.0).to_lowercase()))
            .then_with(|| a.0.id.cmp(&b.0.id))
    });
    top
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
