//! What the fuzz targets share: the whole pipeline on bytes, and every exporter
//! checked by re-parsing its output with an independent parser.

use minutegraph::check::{self, Source};
use minutegraph::config::Config;
use minutegraph::export::{ExportOptions, Format};
use minutegraph::extract::{FileContext, extract};
use minutegraph::model::KnowledgeGraph;
use oxrdf::{GraphName, Quad, Triple};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// The default configuration, built once.
pub fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(Config::default)
}

/// Read `bytes` as the file `name` (decode, parse, extract), lint it, and merge
/// it into a graph; `None` when the bytes are no text (binary, empty). Checks
/// that every line a fact points at is in the file.
pub fn graph_of(name: &str, bytes: &[u8]) -> Option<KnowledgeGraph> {
    let text = minutegraph::source::decode(bytes, name).ok()?;
    let doc = minutegraph::document::parse(name, &text.content);
    let (record, diagnostics) = extract(&doc, config(), &FileContext::default());
    let lines = text.content.split('\n').count() as u32;
    for d in &diagnostics {
        if let Some(line) = d.line {
            assert!(
                line >= 1 && line <= lines + 1,
                "diagnostic at line {line} of {lines}"
            );
        }
    }
    let sources = BTreeMap::from([(
        name.to_string(),
        Source {
            path: name.to_string(),
            text: text.content.clone(),
        },
    )]);
    let _ = check::check(std::slice::from_ref(&record), &sources, config());
    let ids = minutegraph::resolve::file_ids([record.source.as_str()]);
    let graph =
        minutegraph::resolve::build_graph(std::slice::from_ref(&record), config(), &ids).graph;
    for (_, node) in graph.nodes() {
        for p in &node.provenance {
            assert!(
                p.line >= 1 && p.line <= p.end_line && p.end_line <= lines + 1,
                "{} at lines {}-{} of {lines}",
                node.id,
                p.line,
                p.end_line
            );
        }
    }
    Some(graph)
}

/// `graph` written in `format`.
pub fn export(format: Format, graph: &KnowledgeGraph) -> Vec<u8> {
    let mut out = Vec::new();
    format
        .exporter()
        .write(graph, &ExportOptions::default(), &mut out)
        .unwrap_or_else(|e| panic!("{} export failed: {e}", format.name()));
    out
}

fn quads(format: Format, bytes: &[u8]) -> Vec<Quad> {
    let in_default = |t: Triple| t.in_graph(GraphName::DefaultGraph);
    let parsed: Result<Vec<Quad>, String> = match format {
        Format::NTriples => oxttl::NTriplesParser::new()
            .for_slice(bytes)
            .map(|t| t.map(in_default).map_err(|e| e.to_string()))
            .collect(),
        Format::Turtle => oxttl::TurtleParser::new()
            .for_slice(bytes)
            .map(|t| t.map(in_default).map_err(|e| e.to_string()))
            .collect(),
        Format::RdfXml => oxrdfxml::RdfXmlParser::new()
            .for_slice(bytes)
            .map(|t| t.map(in_default).map_err(|e| e.to_string()))
            .collect(),
        Format::NQuads => oxttl::NQuadsParser::new()
            .for_slice(bytes)
            .map(|q| q.map_err(|e| e.to_string()))
            .collect(),
        Format::TriG => oxttl::TriGParser::new()
            .for_slice(bytes)
            .map(|q| q.map_err(|e| e.to_string()))
            .collect(),
        Format::JsonLd => oxjsonld::JsonLdParser::new()
            .for_slice(bytes)
            .map(|q| q.map_err(|e| e.to_string()))
            .collect(),
        other => panic!("{} is no RDF format", other.name()),
    };
    parsed.unwrap_or_else(|e| {
        panic!(
            "{} output does not parse: {e}\n{}",
            format.name(),
            String::from_utf8_lossy(bytes)
        )
    })
}

/// Every RDF format parses back (oxttl, oxrdfxml, oxjsonld) to the triples of
/// the N-Triples output, and the named graphs of N-Quads, TriG and JSON-LD
/// agree; JSON-LD is JSON; DOT and CSV keep their structure.
pub fn check_exports(graph: &KnowledgeGraph) {
    let triples = |format| -> BTreeSet<String> {
        quads(format, &export(format, graph))
            .into_iter()
            .map(|q| Triple::from(q).to_string())
            .collect()
    };
    let reference = triples(Format::NTriples);
    for format in [
        Format::Turtle,
        Format::RdfXml,
        Format::NQuads,
        Format::TriG,
        Format::JsonLd,
    ] {
        assert_eq!(
            triples(format),
            reference,
            "{} differs from N-Triples",
            format.name()
        );
    }
    let named = |format| -> BTreeSet<String> {
        quads(format, &export(format, graph))
            .into_iter()
            .map(|q| q.to_string())
            .collect()
    };
    let reference = named(Format::NQuads);
    for format in [Format::TriG, Format::JsonLd] {
        assert_eq!(
            named(format),
            reference,
            "{} graphs differ from N-Quads",
            format.name()
        );
    }
    let json: serde_json::Value =
        serde_json::from_slice(&export(Format::JsonLd, graph)).expect("JSON-LD is JSON");
    assert!(json.get("@context").is_some(), "JSON-LD without @context");
    check_dot(&export(Format::Dot, graph));
    check_csv(&export(Format::Csv, graph), graph);
}

/// DOT: one `digraph`, every quoted string closed on its line, braces balanced
/// outside strings, no control characters.
pub fn check_dot(bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).expect("DOT is UTF-8");
    assert!(
        text.starts_with("digraph "),
        "DOT does not open with digraph"
    );
    let mut depth: i64 = 0;
    for line in text.lines() {
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "control character in DOT line {line:?}"
        );
        let (mut quoted, mut escaped) = (false, false);
        for c in line.chars() {
            match (c, escaped, quoted) {
                ('\\', false, true) => escaped = true,
                ('"', false, _) => quoted = !quoted,
                ('{', false, false) => depth += 1,
                ('}', false, false) => depth -= 1,
                _ => escaped = false,
            }
        }
        assert!(!quoted, "unclosed string in DOT line {line:?}");
        assert!(depth >= 0, "unbalanced braces in DOT");
    }
    assert_eq!(depth, 0, "unbalanced braces in DOT");
}

/// CSV: two tables read back by the `csv` crate, a record of 7 fields per node
/// and of 5 per edge, and no cell a spreadsheet would run as a formula.
pub fn check_csv(bytes: &[u8], graph: &KnowledgeGraph) {
    use minutegraph::export::csv::{EDGE_HEADER, NODE_HEADER};
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let (mut nodes, mut edges, mut in_edges) = (0usize, 0usize, false);
    for (i, record) in reader.records().enumerate() {
        let record = record.expect("CSV reads back");
        let fields: Vec<&str> = record.iter().collect();
        if i == 0 {
            assert_eq!(fields, NODE_HEADER, "nodes header");
            continue;
        }
        if fields == EDGE_HEADER {
            assert!(!in_edges, "two edge headers");
            in_edges = true;
            continue;
        }
        let width = if in_edges {
            EDGE_HEADER.len()
        } else {
            NODE_HEADER.len()
        };
        assert_eq!(fields.len(), width, "row {i}: {fields:?}");
        for f in &fields {
            let formula =
                f.starts_with(['=', '+', '-', '@']) && *f != "-" && f.parse::<f64>().is_err();
            assert!(!formula, "formula cell {f:?}");
            assert!(
                !f.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
                "control in {f:?}"
            );
        }
        if in_edges { edges += 1 } else { nodes += 1 }
    }
    assert!(in_edges, "no edges table");
    assert_eq!(nodes, graph.node_count(), "one row per node");
    assert_eq!(edges, graph.edge_count(), "one row per edge");
}
