//! The pieces every DOT view writes: the document header, node and edge
//! statements, styles per kind, and label escaping and truncation.
//!
//! Ids of graph nodes are their percent-encoded node ids, which never contain
//! `#`; nodes a view makes up (series, notes) use ids starting with `#`, so the
//! two can never collide.

use crate::export::iri::encode_path;
use crate::model::{EdgeKind, Node, NodeData, NodeKind, Role};
use std::io::{self, Write};

/// Longest label part written, in characters, before the ellipsis.
pub const MAX_LABEL_CHARS: usize = 48;

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

/// Writes a graph node in the style of its kind.
pub fn node(out: &mut dyn Write, indent: &str, node: &Node) -> io::Result<()> {
    let (shape, fill) = style(node.kind());
    writeln!(
        out,
        "{indent}\"{}\" [label=\"{}\", shape={shape}, fillcolor=\"{fill}\"];",
        node_id(node),
        label(node)
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
    writeln!(
        out,
        "{indent}\"{}\" [label=\"{}\", shape={shape}, fillcolor=\"{fill}\"];",
        escape(id),
        label.join("\\n")
    )
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
        NodeKind::Decision => ("hexagon", "#dadaeb"),
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
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect();
    let line = words.join(" ");
    if line.chars().count() <= MAX_LABEL_CHARS {
        return line;
    }
    let mut cut: String = line.chars().take(MAX_LABEL_CHARS).collect();
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
