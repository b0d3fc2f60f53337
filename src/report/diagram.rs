//! A meeting's diagram: the project's single-meeting DOT view for Graphviz, or
//! a layout of our own in three columns (meeting, agenda items, the people and
//! services each item names) drawn as inline SVG by a template.

use super::clean;
use super::views::Context;
use crate::export::{DotExporter, DotView, ExportOptions, Exporter};
use crate::model::{EdgeKind, KnowledgeGraph, NodeKind};
use crate::query::graph as walk;
use petgraph::stable_graph::NodeIndex;
use std::collections::BTreeMap;

/// Most boxes in a column of the built-in layout.
pub const MAX_ROWS: usize = 40;
const ROW: u32 = 30;
const BOX_H: u32 = 22;
const BOX_W: u32 = 220;
const COLUMNS: [u32; 3] = [10, 270, 530];
const WIDTH: u32 = 760;
/// Characters shown in a box; the rest is in its tooltip.
const MAX_CHARS: usize = 30;

/// The DOT `meeting` view of one meeting: the meeting, its agenda items,
/// decisions and actions.
pub fn dot(graph: &KnowledgeGraph, meeting: NodeIndex) -> String {
    let mut part = KnowledgeGraph::new();
    let members: Vec<NodeIndex> = graph
        .nodes()
        .filter(|(i, n)| {
            *i == meeting
                || (matches!(
                    n.kind(),
                    NodeKind::AgendaItem | NodeKind::Decision | NodeKind::ActionItem
                ) && walk::meeting_of(graph, *i) == Some(meeting))
        })
        .map(|(i, _)| i)
        .collect();
    for &m in &members {
        part.upsert(graph.node(m).clone());
    }
    for &m in &members {
        for (edge, to) in graph.edges_from(m) {
            if let (Some(f), Some(t)) = (part.find(&graph.node(m).id), part.find(&to.id)) {
                part.relate(f, t, edge.kind, edge.provenance);
            }
        }
    }
    let options = ExportOptions {
        view: DotView::Meeting,
        ..ExportOptions::default()
    };
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = DotExporter.write(&part, &options, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The built-in layout.
pub struct Layout {
    pub width: u32,
    pub height: u32,
    pub boxes: Vec<Shape>,
    pub edges: Vec<String>,
    /// Boxes left out for room, as "12 more".
    pub hidden: Vec<String>,
}

/// One box, with its full text as tooltip and its page when it has one.
pub struct Shape {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    pub class: &'static str,
    pub text: String,
    pub tooltip: String,
    pub href: Option<String>,
}

/// Lays out `meeting` from a page `prefix` below the site root.
pub fn layout(ctx: &Context<'_>, meeting: NodeIndex, prefix: &str) -> Layout {
    let graph = ctx.graph;
    let mut items: Vec<(u32, NodeIndex)> =
        walk::sources(graph, meeting, |k| k == EdgeKind::InMeeting)
            .into_iter()
            .map(|(i, _)| i)
            .filter(|&i| graph.node(i).kind() == NodeKind::AgendaItem)
            .map(|i| (walk::origin(graph.node(i)).1, i))
            .collect();
    items.sort_by(|a, b| (a.0, &graph.node(a.1).id).cmp(&(b.0, &graph.node(b.1).id)));
    let hidden_items = items.len().saturating_sub(MAX_ROWS);
    items.truncate(MAX_ROWS);
    // People and services each item names, in the order first named.
    let mut linked: BTreeMap<NodeIndex, usize> = BTreeMap::new();
    let mut links: Vec<(usize, NodeIndex)> = Vec::new();
    for (row, &(_, item)) in items.iter().enumerate() {
        for entity in named_by(graph, item) {
            let next = linked.len();
            linked.entry(entity).or_insert(next);
            links.push((row, entity));
        }
    }
    let mut entities: Vec<NodeIndex> = linked.keys().copied().collect();
    entities.sort_by_key(|e| linked[e]);
    let hidden_entities = entities.len().saturating_sub(MAX_ROWS);
    entities.truncate(MAX_ROWS);
    let rows = items.len().max(entities.len()).max(1) as u32;
    let height = rows * ROW + 10;
    let top = |count: usize| 5 + (rows - count as u32) * ROW / 2;
    let mut boxes = Vec::new();
    let place =
        |col: usize, row: usize, count: usize| (COLUMNS[col], top(count) + row as u32 * ROW);
    let (mx, my) = place(0, 0, 1);
    boxes.push(make_box(ctx, meeting, mx, my, prefix));
    let mut edges = Vec::new();
    let item_at: Vec<(u32, u32)> = (0..items.len())
        .map(|row| place(1, row, items.len()))
        .collect();
    for (&(_, item), &(x, y)) in items.iter().zip(&item_at) {
        let mut b = make_box(ctx, item, x, y, prefix);
        b.href = walk::target(graph, item, EdgeKind::Topic)
            .and_then(|t| ctx.names.page(t))
            .map(|p| format!("{prefix}{p}"));
        boxes.push(b);
        edges.push(curve((mx + BOX_W, my), (x, y)));
    }
    let entity_at: BTreeMap<NodeIndex, (u32, u32)> = entities
        .iter()
        .enumerate()
        .map(|(row, &e)| (e, place(2, row, entities.len())))
        .collect();
    for (&e, &(x, y)) in &entity_at {
        boxes.push(make_box(ctx, e, x, y, prefix));
    }
    links.sort();
    links.dedup();
    for (row, e) in links {
        if let Some(&(x, y)) = entity_at.get(&e) {
            let (ix, iy) = item_at[row];
            edges.push(curve((ix + BOX_W, iy), (x, y)));
        }
    }
    let mut hidden = Vec::new();
    if hidden_items > 0 {
        hidden.push(format!("{hidden_items} more agenda items"));
    }
    if hidden_entities > 0 {
        hidden.push(format!("{hidden_entities} more people and services"));
    }
    Layout {
        width: WIDTH,
        height,
        boxes,
        edges,
        hidden,
    }
}

/// The people and services an agenda item (or what was recorded under it)
/// names, presents or is assigned to.
fn named_by(graph: &KnowledgeGraph, item: NodeIndex) -> Vec<NodeIndex> {
    let mut from = vec![item];
    from.extend(
        walk::sources(graph, item, |k| k == EdgeKind::InAgendaItem)
            .into_iter()
            .map(|(i, _)| i),
    );
    let mut out: Vec<NodeIndex> = Vec::new();
    for f in from {
        for (edge, to) in graph.edges_from(f) {
            let wanted = matches!(
                edge.kind,
                EdgeKind::Mentions | EdgeKind::Presenter | EdgeKind::Assignee
            ) && matches!(to.kind(), NodeKind::Person | NodeKind::Service);
            if let Some(t) = graph.find(&to.id).filter(|_| wanted)
                && !out.contains(&t)
            {
                out.push(t);
            }
        }
    }
    out
}

fn make_box(ctx: &Context<'_>, idx: NodeIndex, x: u32, y: u32, prefix: &str) -> Shape {
    let link = ctx.node_link(idx, prefix);
    let class = match ctx.graph.node(idx).kind() {
        NodeKind::Meeting => "meeting",
        NodeKind::AgendaItem => "item",
        NodeKind::Person => "person",
        NodeKind::Service => "service",
        _ => "other",
    };
    let tooltip = if class == "item" {
        clean(&ctx.graph.node(idx).label)
    } else {
        link.text.clone()
    };
    Shape {
        x,
        y,
        width: BOX_W,
        height: BOX_H,
        class,
        text: shorten(&tooltip),
        tooltip,
        href: link.href,
    }
}

/// `text` cut to [`MAX_CHARS`] characters, ending in `…` when cut.
fn shorten(text: &str) -> String {
    if text.chars().count() <= MAX_CHARS {
        return text.to_string();
    }
    let mut out: String = text.chars().take(MAX_CHARS - 1).collect();
    out.push('…');
    out
}

/// A curve from the right middle of one box to the left middle of another.
fn curve(from: (u32, u32), to: (u32, u32)) -> String {
    let (x1, y1) = (from.0, from.1 + BOX_H / 2);
    let (x2, y2) = (to.0, to.1 + BOX_H / 2);
    let mid = (x1 + x2) / 2;
    format!("M{x1} {y1}C{mid} {y1} {mid} {y2} {x2} {y2}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut() {
        assert_eq!(shorten("short"), "short");
        let long = "x".repeat(50);
        assert_eq!(shorten(&long).chars().count(), MAX_CHARS);
        assert!(shorten(&long).ends_with('…'));
    }
}
