//! Graphviz DOT, written by hand with fixed ordering and full escaping.
//!
//! Each meeting becomes a `cluster_N` subgraph holding the agenda items,
//! decisions and actions that belong to it; people, services and issues sit
//! outside the clusters. Every node kind has its own shape and colour. Labels
//! are single-line, truncated with an ellipsis and escaped for DOT.

use super::iri::encode_path;
use super::{ExportOptions, Exporter, Format, write_error};
use crate::error::Error;
use crate::model::{EdgeKind, KnowledgeGraph, Node, NodeData, NodeKind, Role};
use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};

/// Longest label part written, in characters, before the ellipsis.
pub const MAX_LABEL_CHARS: usize = 48;

/// Writes Graphviz DOT.
#[derive(Clone, Copy, Debug, Default)]
pub struct DotExporter;

impl Exporter for DotExporter {
    fn write(
        &self,
        graph: &KnowledgeGraph,
        _options: &ExportOptions,
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        let mut out = BufWriter::new(out);
        write_dot(graph, &mut out)
            .and_then(|()| out.flush())
            .map_err(|e| write_error(Format::Dot, e))
    }
}

/// Shape and fill colour of each node kind.
fn style(kind: NodeKind) -> (&'static str, &'static str) {
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
fn edge_style(kind: EdgeKind) -> (&'static str, bool) {
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
    }
}

/// Meetings with their member occurrences, and every node outside a cluster.
struct Layout<'g> {
    clusters: Vec<(&'g Node, Vec<&'g Node>)>,
    loose: Vec<&'g Node>,
}

impl<'g> Layout<'g> {
    fn new(graph: &'g KnowledgeGraph) -> Self {
        let mut members: BTreeMap<&str, Vec<&Node>> = BTreeMap::new();
        let mut loose = Vec::new();
        for (idx, node) in graph.nodes() {
            let meeting = match node.kind() {
                NodeKind::AgendaItem | NodeKind::Decision | NodeKind::ActionItem => graph
                    .edges_from(idx)
                    .into_iter()
                    .find(|(e, to)| e.kind == EdgeKind::InMeeting && to.kind() == NodeKind::Meeting)
                    .map(|(_, to)| to.id.as_str()),
                _ => None,
            };
            match meeting {
                Some(id) => members.entry(id).or_default().push(node),
                None if node.kind() != NodeKind::Meeting => loose.push(node),
                None => {}
            }
        }
        let clusters = graph
            .nodes()
            .filter(|(_, n)| n.kind() == NodeKind::Meeting)
            .map(|(_, m)| (m, members.remove(m.id.as_str()).unwrap_or_default()))
            .collect();
        Layout { clusters, loose }
    }
}

fn write_dot(graph: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "digraph minutegraph {{")?;
    writeln!(
        out,
        "  graph [rankdir=LR, newrank=true, fontname=\"Helvetica\", fontsize=11];"
    )?;
    writeln!(
        out,
        "  node [fontname=\"Helvetica\", fontsize=10, style=filled];"
    )?;
    writeln!(
        out,
        "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#555555\"];"
    )?;
    let layout = Layout::new(graph);
    for (n, (meeting, members)) in layout.clusters.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "  subgraph cluster_{n} {{")?;
        let source = meeting.origin().map_or("", |p| p.source.as_str());
        writeln!(out, "    label=\"{}\";", escape(&truncate(source)))?;
        writeln!(out, "    style=\"rounded\";")?;
        writeln!(out, "    color=\"#6b8fb3\";")?;
        write_node(out, "    ", meeting)?;
        for member in members {
            write_node(out, "    ", member)?;
        }
        writeln!(out, "  }}")?;
    }
    if !layout.loose.is_empty() {
        writeln!(out)?;
    }
    for node in &layout.loose {
        write_node(out, "  ", node)?;
    }
    let edges = graph.edges();
    if !edges.is_empty() {
        writeln!(out)?;
    }
    for (from, edge, to) in edges {
        let (label, structural) = edge_style(edge.kind);
        let extra = if structural {
            ", style=dashed, color=\"#999999\""
        } else {
            ""
        };
        writeln!(
            out,
            "  \"{}\" -> \"{}\" [label=\"{label}\"{extra}];",
            node_id(from),
            node_id(to)
        )?;
    }
    writeln!(out, "}}")
}

fn write_node(out: &mut dyn Write, indent: &str, node: &Node) -> io::Result<()> {
    let (shape, fill) = style(node.kind());
    writeln!(
        out,
        "{indent}\"{}\" [label=\"{}\", shape={shape}, fillcolor=\"{fill}\"];",
        node_id(node),
        label(node)
    )
}

/// The DOT id of a node: its percent-encoded id, which holds no `"` or `\`.
fn node_id(node: &Node) -> String {
    encode_path(&node.id)
}

/// The escaped, truncated label of a node; a meeting's date goes on a second line.
fn label(node: &Node) -> String {
    match &node.data {
        NodeData::Meeting { date, title } => {
            let name = if node.label.is_empty() {
                title.as_deref().unwrap_or("meeting")
            } else {
                &node.label
            };
            match date {
                Some(date) => format!("{}\\n{}", escape(&truncate(name)), escape(&truncate(date))),
                None => escape(&truncate(name)),
            }
        }
        NodeData::Issue { key, .. } => escape(&truncate(key)),
        _ => escape(&truncate(&node.label)),
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
}
