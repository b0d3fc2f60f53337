//! The `meeting` view: one cluster per meeting, in date order, with its
//! agenda items, decisions and actions drawn as a tree (meeting -> item ->
//! decision or action).
//!
//! People, services, issues and topics are left out. A meeting with more than
//! [`MEETING_DETAIL_LIMIT`] occurrences shows the first ones (in line order)
//! and a note counting the rest, so one long file cannot swamp the drawing.

use super::index::Index;
use super::writer::{custom_node, edge, node, node_id, open, open_cluster};
use crate::model::{EdgeKind, Node, NodeKind};
use std::collections::BTreeSet;
use std::io::{self, Write};

/// Most agenda items, decisions and actions drawn per meeting.
pub const MEETING_DETAIL_LIMIT: usize = 40;

/// Writes the meeting view.
pub fn write(index: &Index<'_>, out: &mut dyn Write) -> io::Result<()> {
    open(out, "rankdir=LR, newrank=true")?;
    let mut links = Vec::new();
    for (n, meeting) in index.meetings.iter().enumerate() {
        let source = meeting.origin().map_or("", |p| &*p.source);
        open_cluster(out, n, source)?;
        node(out, "    ", meeting)?;
        let members = index.members(meeting);
        let shown = &members[..members.len().min(MEETING_DETAIL_LIMIT)];
        for member in shown {
            node(out, "    ", member)?;
        }
        let hidden = &members[shown.len()..];
        if !hidden.is_empty() {
            let id = format!("#more/{}", node_id(meeting));
            let lines = [format!("+ {}", count_kinds(hidden))];
            custom_node(out, "    ", &id, &lines, "plaintext", "white")?;
            links.push((node_id(meeting), id));
        }
        writeln!(out, "  }}")?;
        links.extend(tree_links(index, meeting, shown));
    }
    if !links.is_empty() {
        writeln!(out)?;
    }
    for (from, to) in links {
        edge(out, &from, &to, "", "")?;
    }
    writeln!(out, "}}")
}

/// Edges from each shown occurrence's parent: its agenda item when that is
/// shown too, else its meeting.
fn tree_links(index: &Index<'_>, meeting: &Node, shown: &[&Node]) -> Vec<(String, String)> {
    let ids: BTreeSet<&str> = shown.iter().map(|n| n.id.as_str()).collect();
    shown
        .iter()
        .map(|member| {
            let item = index
                .graph
                .find(&member.id)
                .into_iter()
                .flat_map(|idx| index.graph.edges_from(idx))
                .find(|(e, to)| e.kind == EdgeKind::InAgendaItem && ids.contains(to.id.as_str()))
                .map(|(_, to)| to);
            (node_id(item.unwrap_or(meeting)), node_id(member))
        })
        .collect()
}

/// "3 agenda items, 1 decision, 2 actions" for the occurrences in `nodes`.
pub fn count_kinds(nodes: &[&Node]) -> String {
    let count = |kind| nodes.iter().filter(|n| n.kind() == kind).count();
    let parts = [
        (count(NodeKind::AgendaItem), "agenda item", "agenda items"),
        (count(NodeKind::Decision), "decision", "decisions"),
        (count(NodeKind::ActionItem), "action", "actions"),
    ];
    let words: Vec<String> = parts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|&(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
    if words.is_empty() {
        "no agenda items".to_string()
    } else {
        words.join(", ")
    }
}
