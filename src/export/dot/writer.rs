//! The pieces every DOT view writes: the document header, node and edge
//! statements, styles per kind, and label escaping and truncation.
//!
//! Ids of graph nodes are their percent-encoded node ids, which never contain
//! `#`; nodes a view makes up (series, notes) use ids starting with `#`, so the
//! two can never collide.

use crate::export::iri::encode_path;
use crate::model::{EdgeKind, Node, NodeData, NodeKind, Role};
use std::io::{self, Write};

/// Longest label part written, in characters, before the ellipsis; the
/// whole text goes into the node's tooltip.
pub const MAX_LABEL_CHARS: usize = 36;

/// Longest tooltip written, in characters, before the ellipsis.
pub const MAX_TOOLTIP_CHARS: usize = 400;

/// Writes the opening of a digraph with the shared defaults and `attributes`
/// (already-formatted `key=value` pairs) for the whole graph.
pub fn open(out: &mut dyn Write, attributes: &str) -> io::Result<()> {
    writeln!(out, "digraph minutegraph {{")?;
    writeln!(
        out,
        "  graph [{attributes}, fontname=\"Helvetica\", fontsize=11];"
    )?;
    writeln!(
        out,
        "  node [fontname=\"Helvetica\", fontsize=10, style=filled];"
    )?;
    writeln!(
        out,
        "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#555555\"];"
    )
}

/// Opens `subgraph cluster_{n}` with an escaped `label`.
pub fn open_cluster(out: &mut dyn Write, n: usize, label: &str) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "  subgraph cluster_{n} {{")?;
    writeln!(out, "    label=\"{}\";", escape(&truncate(label)))?;
    writeln!(out, "    style=\"rounded\";")?;
    writeln!(out, "    color=\"#6b8fb3\";")
}

/// Writes the graph's own label (`lines`, each escaped and truncated to
/// [`MAX_TOOLTIP_CHARS`]) at its top left, and closes the digraph. The label
/// comes last so that no cluster inherits it.
pub fn close(out: &mut dyn Write, lines: &[String]) -> io::Result<()> {
    if !lines.is_empty() {
        let label: Vec<String> = lines
            .iter()
            .map(|l| escape(&truncate_to(l, MAX_TOOLTIP_CHARS)))
            .collect();
        writeln!(out)?;
        writeln!(
            out,
            "  label=\"{}\\l\";\n  labelloc=\"t\";\n  labeljust=\"l\";",
            label.join("\\l")
        )?;
    }
    writeln!(out, "}}")
}

/// Writes a graph node in the style of its kind.
pub fn node(out: &mut dyn Write, indent: &str, node: &Node) -> io::Result<()> {
    let (shape, fill) = style(node.kind());
    let rounded = if node.kind() == NodeKind::Decision {
        ", style=\"rounded,filled\""
    } else {
        ""
    };
    writeln!(
        out,
        "{indent}\"{}\" [label=\"{}\", shape={shape}, fillcolor=\"{fill}\"{rounded}{}];",
        node_id(node),
        label(node),
        tooltip(&[name(node)])
    )
}

/// Writes a node with its own label lines (each escaped and truncated here);
/// a node made up by a view has an `id` starting with `#`.
pub fn custom_node(
    out: &mut dyn Write,
    indent: &str,
    id: &str,
    lines: &[String],
    shape: &str,
    fill: &str,
) -> io::Result<()> {
    let label: Vec<String> = lines.iter().map(|l| escape(&truncate(l))).collect();
    let full: Vec<&str> = lines.iter().map(String::as_str).collect();
    writeln!(
        out,
        "{indent}\"{}\" [label=\"{}\", shape={shape}, fillcolor=\"{fill}\"{}];",
        escape(id),
        label.join("\\n"),
        tooltip(&full)
    )
}

/// `, tooltip="..."` with the whole of `lines` when a label cuts any of
/// them, else nothing (Graphviz then shows the label itself).
pub fn tooltip(lines: &[&str]) -> String {
    let cut = lines
        .iter()
        .any(|l| truncate(l) != truncate_to(l, usize::MAX));
    if !cut {
        return String::new();
    }
    let text: Vec<String> = lines
        .iter()
        .map(|l| escape(&truncate_to(l, MAX_TOOLTIP_CHARS)))
        .collect();
    format!(", tooltip=\"{}\"", text.join("\\n"))
}

/// Writes an edge between two DOT ids with an optional label and extra
/// attributes (already formatted, starting with `, `).
pub fn edge(out: &mut dyn Write, from: &str, to: &str, label: &str, extra: &str) -> io::Result<()> {
    let label = if label.is_empty() {
        String::new()
    } else {
        format!("label=\"{}\"", escape(label))
    };
    let attributes = format!("{label}{extra}");
    let attributes = attributes.trim_start_matches(", ");
    if attributes.is_empty() {
        writeln!(out, "  \"{}\" -> \"{}\";", escape(from), escape(to))
    } else {
        writeln!(
            out,
            "  \"{}\" -> \"{}\" [{attributes}];",
            escape(from),
            escape(to)
        )
    }
}

/// Shape and fill colour of each node kind.
pub fn style(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Meeting => ("box3d", "#9ecae1"),
        NodeKind::Person => ("ellipse", "#c7e9c0"),
        NodeKind::Service => ("component", "#fdd0a2"),
        NodeKind::Issue => ("note", "#fcbba1"),
        NodeKind::AgendaItem => ("box", "#f0f0f0"),
        // Drawn rounded (see `node`): a hexagon is twice as wide as its label.
        NodeKind::Decision => ("box", "#dadaeb"),
        NodeKind::ActionItem => ("cds", "#fff7bc"),
        NodeKind::Topic => ("folder", "#d9f0d3"),
    }
}

/// The edge label and whether the edge is drawn as a structural (dashed) one.
pub fn edge_style(kind: EdgeKind) -> (&'static str, bool) {
    match kind {
        EdgeKind::Attendee => ("attendee", false),
        EdgeKind::Absentee => ("absentee", false),
        EdgeKind::HasRole(Role::Chair) => ("chair", false),
        EdgeKind::HasRole(Role::Scribe) => ("scribe", false),
        EdgeKind::HasRole(Role::Reporter) => ("reporter", false),
        EdgeKind::InMeeting => ("meeting", true),
        EdgeKind::InAgendaItem => ("agenda item", true),
        EdgeKind::Mentions => ("mentions", false),
        EdgeKind::Assignee => ("assignee", false),
        EdgeKind::Presenter => ("presenter", false),
        EdgeKind::Topic => ("topic", false),
        EdgeKind::FirstMeeting => ("first", false),
        EdgeKind::LastMeeting => ("last", false),
        EdgeKind::ClosedIn => ("closed in", false),
    }
}

/// The DOT id of a node: its percent-encoded id, which holds no `"`, `\` or `#`.
pub fn node_id(node: &Node) -> String {
    encode_path(&node.id)
}

/// The display name of a node (a meeting's title when it has no label, an issue's key).
pub fn name(node: &Node) -> &str {
    match &node.data {
        NodeData::Meeting { title, .. } if node.label.is_empty() => {
            title.as_deref().unwrap_or("meeting")
        }
        NodeData::Issue { key, .. } => key,
        _ => &node.label,
    }
}

/// The escaped, truncated label of a node; a meeting's date goes on a second line.
pub fn label(node: &Node) -> String {
    let first = escape(&truncate(name(node)));
    match &node.data {
        NodeData::Meeting {
            date: Some(date), ..
        } => format!("{first}\\n{}", escape(&truncate(date))),
        _ => first,
    }
}

/// `text` on one line (whitespace runs become one space, control characters
/// go), cut to [`MAX_LABEL_CHARS`] characters plus an ellipsis.
pub fn truncate(text: &str) -> String {
    truncate_to(text, MAX_LABEL_CHARS)
}

/// `text` on one line, cut to `max` characters plus an ellipsis.
pub fn truncate_to(text: &str, max: usize) -> String {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect();
    let line = words.join(" ");
    if line.chars().count() <= max {
        return line;
    }
    let mut cut: String = line.chars().take(max).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// `text` escaped for a double-quoted DOT label: backslash, quote and the
/// record-label specials `<>{}|` get a backslash; line breaks become `\n`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '"' | '<' | '>' | '{' | '}' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_special() {
        assert_eq!(escape(r#"a"b\c<d>{e}|f"#), r#"a\"b\\c\<d\>\{e\}\|f"#);
        assert_eq!(escape("x\ny\r\u{1}"), "x\\ny");
        assert_eq!(escape("日本 😀"), "日本 😀");
    }

    #[test]
    fn truncates_on_characters_with_an_ellipsis() {
        assert_eq!(truncate("  a \n\t b  "), "a b");
        let long = "ü".repeat(60);
        let cut = truncate(&long);
        assert_eq!(cut.chars().count(), MAX_LABEL_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(truncate(&"x ".repeat(40)).chars().last(), Some('…'));
    }

    #[test]
    fn only_cut_labels_get_a_tooltip() {
        assert_eq!(tooltip(&["short", "lines"]), "");
        let long = format!("{} \"end\"", "word ".repeat(20));
        let tip = tooltip(&["short", &long]);
        assert!(tip.starts_with(", tooltip=\"short\\nword word"), "{tip}");
        assert!(tip.ends_with("\\\"end\\\"\""), "{tip}");
    }

    #[test]
    fn the_graph_label_comes_last_and_left_aligned() {
        let mut out = Vec::new();
        close(&mut out, &["a \"b\"".into(), "c".into()]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\n  label=\"a \\\"b\\\"\\lc\\l\";\n  labelloc=\"t\";\n  labeljust=\"l\";\n}\n"
        );
        let mut out = Vec::new();
        close(&mut out, &[]).unwrap();
        assert_eq!(out, b"}\n");
    }

    #[test]
    fn edges_are_written_with_or_without_attributes() {
        let mut out = Vec::new();
        edge(&mut out, "a", "#b\"", "", "").unwrap();
        edge(&mut out, "a", "b", "x\"y", ", style=dashed").unwrap();
        edge(&mut out, "a", "b", "", ", style=invis").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "  \"a\" -> \"#b\\\"\";\n  \"a\" -> \"b\" [label=\"x\\\"y\", style=dashed];\n  \"a\" -> \"b\" [style=invis];\n"
        );
    }
}
