//! GraphML: the node and edge tables as a directed graph for graph tools
//! (NetworkX, Gephi, yEd, Cytoscape).
//!
//! Every attribute is declared with a `<key>`: nodes carry `iri`, `kind`,
//! `name`, `date`, `source` and `line`, edges `kind`, `source` and `line`; an
//! absent value is left out rather than written empty. Text and attribute
//! values are XML-escaped, and characters XML 1.0 cannot hold were removed
//! when the rows were built.

use super::table::{EdgeRow, NodeRow, edge_rows, node_rows};
use super::{ExportOptions, Exporter, Format, write_error};
use crate::error::Error;
use crate::model::KnowledgeGraph;
use std::io::{self, BufWriter, Write};

/// Writes GraphML.
#[derive(Clone, Copy, Debug, Default)]
pub struct GraphMlExporter;

impl Exporter for GraphMlExporter {
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        let nodes = node_rows(graph, options).map_err(|e| Error::Export {
            format: Format::GraphMl.name(),
            message: e.to_string(),
        })?;
        let edges = edge_rows(graph);
        let mut out = BufWriter::new(out);
        write_document(&nodes, &edges, &mut out)
            .and_then(|()| out.flush())
            .map_err(|e| write_error(Format::GraphMl, e))
    }
}

/// Attribute keys: (id, for, attr.name, attr.type).
const KEYS: [(&str, &str, &str, &str); 9] = [
    ("iri", "node", "iri", "string"),
    ("kind", "node", "kind", "string"),
    ("name", "node", "name", "string"),
    ("date", "node", "date", "string"),
    ("source", "node", "source", "string"),
    ("line", "node", "line", "int"),
    ("edge-kind", "edge", "kind", "string"),
    ("edge-source", "edge", "source", "string"),
    ("edge-line", "edge", "line", "int"),
];

fn write_document(nodes: &[NodeRow], edges: &[EdgeRow], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        out,
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">"
    )?;
    for (id, domain, name, kind) in KEYS {
        writeln!(
            out,
            "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{kind}\"/>"
        )?;
    }
    writeln!(out, "  <graph id=\"minutegraph\" edgedefault=\"directed\">")?;
    for node in nodes {
        write_node(node, out)?;
    }
    for (n, edge) in edges.iter().enumerate() {
        write_edge(n, edge, out)?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

fn write_node(node: &NodeRow, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "    <node id=\"{}\">", escape(&node.id))?;
    data(out, "iri", Some(&node.iri))?;
    data(out, "kind", Some(node.kind))?;
    data(out, "name", Some(&node.name))?;
    data(out, "date", node.date.as_deref())?;
    data(out, "source", node.source.as_deref())?;
    data(out, "line", node.line.map(|l| l.to_string()).as_deref())?;
    writeln!(out, "    </node>")
}

fn write_edge(n: usize, edge: &EdgeRow, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "    <edge id=\"e{n}\" source=\"{}\" target=\"{}\">",
        escape(&edge.from),
        escape(&edge.to)
    )?;
    data(out, "edge-kind", Some(edge.kind))?;
    data(out, "edge-source", Some(&edge.source))?;
    data(out, "edge-line", Some(&edge.line.to_string()))?;
    writeln!(out, "    </edge>")
}

/// One `<data>` element, or nothing when the value is absent or empty.
fn data(out: &mut dyn Write, key: &str, value: Option<&str>) -> io::Result<()> {
    match value {
        Some(value) if !value.is_empty() => {
            writeln!(out, "      <data key=\"{key}\">{}</data>", escape(value))
        }
        _ => Ok(()),
    }
}

/// `text` escaped for XML character data and attribute values; tab, line
/// feed and carriage return become character references so attribute-value
/// normalisation cannot turn them into spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_whitespace() {
        assert_eq!(
            escape("a<b>&\"c\" 'd'\te\nf\r"),
            "a&lt;b&gt;&amp;&quot;c&quot; &apos;d&apos;&#9;e&#10;f&#13;"
        );
        assert_eq!(escape("ü 日本 😀"), "ü 日本 😀");
    }
}
