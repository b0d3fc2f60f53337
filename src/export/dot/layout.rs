//! Page-shaped layouts: blocks (a head node with a column of nodes below it,
//! usually one cluster) set out top to bottom in rows of at most K, in
//! reading order, the way text wraps.
//!
//! Graphviz left alone puts every disconnected block side by side or one
//! above the other, which gives the strips users cannot print. Here each row
//! of heads shares a rank (`rank=same`) and is ordered by invisible flat
//! edges; the bottom of each block points, invisibly, at the head of the
//! block below it, which pushes the next row below the deepest block and
//! keeps the blocks of both rows in columns. Views write their own nodes
//! and clusters and hand the ids to [`write_grid`].

use super::writer::edge;
use std::io::{self, Write};

/// The thin, arrowless line that joins the nodes of a block's column. Its
/// weight outweighs the edge from the block's bottom to the next row, which
/// would otherwise stretch a short column's last link down to that row.
pub const SPINE: &str = ", color=\"#bbbbbb\", arrowhead=none, weight=20";

/// An invisible link of a block's column, as heavy as [`SPINE`].
const HIDDEN_SPINE: &str = ", style=invis, weight=20";

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
    fn bottom(&self) -> &str {
        self.columns
            .iter()
            .rev()
            .max_by_key(|c| c.len())
            .and_then(|c| c.last())
            .unwrap_or(&self.head)
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
            // Each block's bottom holds the block below it (or the last of
            // a shorter row) in place: the edges run straight down and never
            // cross, so they push the next row below the deepest block
            // without pulling blocks out of date order.
            for (i, block) in row.iter().enumerate() {
                let below = &next[i.min(next.len() - 1)];
                edge(out, block.bottom(), &below.head, "", ", style=invis")?;
            }
        }
    }
    Ok(())
}

/// The head to each column, each column top to bottom, and the tops of the
/// columns on one rank in order.
fn write_block(out: &mut dyn Write, block: &Block) -> io::Result<()> {
    let line = if block.spine { SPINE } else { HIDDEN_SPINE };
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
            text.contains("  \"a2\" -> \"c\" [style=invis];\n"),
            "{text}"
        );
        assert!(
            text.contains("  \"b1\" -> \"c\" [style=invis];\n"),
            "{text}"
        );
    }
}
