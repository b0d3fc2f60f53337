//! The `full` view of a graph small enough to draw node by node.
//!
//! Each meeting becomes a `cluster_N` subgraph (in date order) holding the
//! agenda items, decisions and actions that belong to it; people, services,
//! issues and topics sit outside the clusters. Every edge is drawn, labelled
//! with its kind; structural edges (to a meeting or agenda item) are dashed.

use super::index::Index;
use super::writer::{close, edge, edge_style, node, node_id, open, open_cluster};
use std::io::{self, Write};

/// Writes the detailed view of the whole graph.
pub fn write(index: &Index<'_>, out: &mut dyn Write) -> io::Result<()> {
    open(out, "rankdir=LR, newrank=true, nodesep=0.12")?;
    writeln!(out, "  node [height=0.3];")?;
    for (n, meeting) in index.meetings.iter().enumerate() {
        let source = meeting.origin().map_or("", |p| &*p.source);
        open_cluster(out, n, source)?;
        node(out, "    ", meeting)?;
        for member in index.members(meeting) {
            node(out, "    ", member)?;
        }
        writeln!(out, "  }}")?;
    }
    let loose = index.loose();
    if !loose.is_empty() {
        writeln!(out)?;
    }
    for n in &loose {
        node(out, "  ", n)?;
    }
    let edges = index.graph.edges();
    if !edges.is_empty() {
        writeln!(out)?;
    }
    for (from, e, to) in edges {
        let (label, structural) = edge_style(e.kind);
        let extra = if structural {
            ", style=dashed, color=\"#999999\""
        } else {
            ""
        };
        edge(out, &node_id(from), &node_id(to), label, extra)?;
    }
    close(out, &[])
}
