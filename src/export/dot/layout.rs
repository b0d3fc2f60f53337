//! Page-shaped layouts: blocks (a head node with a column of nodes below it,
//! usually one cluster) set out top to bottom in rows of at most K, in
//! reading order, the way text wraps.
//!
//! Graphviz left alone puts every disconnected block side by side or one
//! above the other, which gives the strips users cannot print. Here each row
//! of heads shares a rank (`rank=same`) and is ordered by invisible flat
//! edges; the deepest node of a row points, invisibly, at the first head of
//! the next row, which pushes that row below it, and the bottom of the
//! row's first block holds it to the left. Views write their own nodes
//! and clusters and hand the ids to [`write_grid`].

use super::writer::edge;
use std::io::{self, Write};

/// The thin, arrowless line that joins the nodes of a block's column.
pub const SPINE: &str = ", color=\"#bbbbbb\", arrowhead=none";

/// One block: the DOT id of its head and of the nodes under it, in columns
/// of at most the length the view chose (the first column joins the head).
pub struct Block {
    /// The node on top.
    pub head: String,
    /// The nodes below the head, column by column, each top to bottom.
    pub columns: Vec<Vec<String>>,
    /// Whether the column is drawn as a visible line (else invisible).
    pub spine: bool,
}

impl Block {
    /// A block whose `members` are cut into columns of at most `rows`.
    pub fn new(head: String, members: Vec<String>, rows: usize, spine: bool) -> Block {
        let columns = members
            .chunks(rows.max(1))
            .map(<[String]>::to_vec)
            .collect();
        Block {
            head,
            columns,
            spine,
        }
    }

    /// The node at the bottom of the longest column (the head when empty).
    fn deepest(&self) -> &str {
        self.columns
            .iter()
            .rev()
            .max_by_key(|c| c.len())
            .and_then(|c| c.last())
            .unwrap_or(&self.head)
    }

    /// The node at the bottom of the first column (the head when empty).
    fn bottom(&self) -> &str {
        self.columns
            .first()
            .and_then(|c| c.last())
            .unwrap_or(&self.head)
    }

    fn depth(&self) -> usize {
        self.columns.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// Writes the edges and rank constraints that set `blocks` out in rows of at
/// most `per_row`, in the order given (left to right, then top to bottom).
/// Only for graphs laid out top to bottom (`rankdir=TB`).
pub fn write_grid(out: &mut dyn Write, blocks: &[Block], per_row: usize) -> io::Result<()> {
    writeln!(out)?;
    for block in blocks {
        write_block(out, block)?;
    }
    let rows: Vec<&[Block]> = blocks.chunks(per_row.max(1)).collect();
    for (n, row) in rows.iter().enumerate() {
        let heads: Vec<String> = row.iter().map(|b| quoted(&b.head)).collect();
        writeln!(out, "  {{ rank=same; {} }}", heads.join("; "))?;
        for pair in row.windows(2) {
            edge(out, &pair[0].head, &pair[1].head, "", ", style=invis")?;
        }
        if let Some(next) = rows.get(n + 1) {
            // The first block's bottom holds the next row to the left edge;
            // the deepest node of the row, if another, only pushes it down.
            let first = row[0].bottom();
            edge(out, first, &next[0].head, "", ", style=invis, weight=10")?;
            let deepest = row
                .iter()
                .rev()
                .max_by_key(|b| b.depth())
                .map_or(first, Block::deepest);
            if deepest != first {
                edge(out, deepest, &next[0].head, "", ", style=invis, weight=0")?;
            }
        }
    }
    Ok(())
}

/// The head to each column, each column top to bottom, and the tops of the
/// columns on one rank in order.
fn write_block(out: &mut dyn Write, block: &Block) -> io::Result<()> {
    let line = if block.spine { SPINE } else { ", style=invis" };
    for (n, column) in block.columns.iter().enumerate() {
        let Some(top) = column.first() else { continue };
        let first = if n == 0 { line } else { ", style=invis" };
        edge(out, &block.head, top, "", first)?;
        for pair in column.windows(2) {
            edge(out, &pair[0], &pair[1], "", line)?;
        }
    }
    let tops: Vec<&String> = block.columns.iter().filter_map(|c| c.first()).collect();
    if tops.len() > 1 {
        let quoted: Vec<String> = tops.iter().map(|t| quoted(t)).collect();
        writeln!(out, "  {{ rank=same; {} }}", quoted.join("; "))?;
        for pair in tops.windows(2) {
            edge(out, pair[0], pair[1], "", ", style=invis")?;
        }
    }
    Ok(())
}

fn quoted(id: &str) -> String {
    format!("\"{}\"", super::writer::escape(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn rows_share_a_rank_and_stack_below_their_deepest_node() {
        let blocks = vec![
            Block::new("a".into(), ids(&["a1", "a2", "a3"]), 2, true),
            Block::new("b".into(), ids(&["b1"]), 2, true),
            Block::new("c".into(), vec![], 2, false),
        ];
        let mut out = Vec::new();
        write_grid(&mut out, &blocks, 2).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("  { rank=same; \"a\"; \"b\" }\n"), "{text}");
        assert!(text.contains("  { rank=same; \"c\" }\n"));
        assert!(text.contains("  { rank=same; \"a1\"; \"a3\" }\n"));
        assert!(text.contains("  \"a\" -> \"a3\" [style=invis];\n"));
        assert!(text.contains("  \"a1\" -> \"a2\" [color="));
        assert!(text.contains("  \"a\" -> \"b\" [style=invis];\n"));
        assert!(
            text.contains("  \"a2\" -> \"c\" [style=invis, weight=10];\n"),
            "{text}"
        );
        assert!(!text.contains("weight=0"));
    }
}
