//! Property tests: for arbitrary ids, labels, dates, URLs and source paths,
//! every exporter succeeds, every RDF syntax reads back to the N-Triples
//! triples, and DOT keeps every string on one line with balanced quotes.

use minutegraph::export::{DotView, ExportOptions, Format};
use minutegraph::model::{
    ActionStatus, EdgeKind, IssueKind, KnowledgeGraph, Node, NodeData, Provenance, Role,
};
use oxrdf::{GraphName, Quad, Triple};
use proptest::prelude::*;
use std::collections::BTreeSet;

const EDGE_KINDS: [EdgeKind; 11] = [
    EdgeKind::Attendee,
    EdgeKind::Absentee,
    EdgeKind::HasRole(Role::Chair),
    EdgeKind::HasRole(Role::Scribe),
    EdgeKind::HasRole(Role::Reporter),
    EdgeKind::InMeeting,
    EdgeKind::InAgendaItem,
    EdgeKind::Mentions,
    EdgeKind::Assignee,
    EdgeKind::Presenter,
    EdgeKind::ClosedIn,
];

fn data(kind: u8, text: &str, number: u64) -> NodeData {
    let text = text.to_string();
    match kind % 7 {
        0 => NodeData::Meeting {
            date: Some(text.clone()),
            title: Some(text),
        },
        1 => NodeData::Person {
            handles: vec![text.clone()],
            aliases: vec![text],
        },
        2 => NodeData::Service {
            aliases: vec![text.clone()],
            evidence: text,
        },
        3 => NodeData::Issue {
            key: text.clone(),
            number,
            kind: IssueKind::Issue,
            url: Some(text),
        },
        4 => NodeData::AgendaItem,
        5 => NodeData::Decision,
        _ => NodeData::ActionItem {
            status: ActionStatus::Done,
            due: Some(text),
            evidence: None,
        },
    }
}

type NodeSpec = (u8, String, String, String, u64);

fn graph(nodes: &[NodeSpec], edges: &[(usize, usize, usize)]) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    let mut idx = Vec::new();
    for (kind, id, label, source, number) in nodes {
        idx.push(g.upsert(Node {
            id: id.clone(),
            label: label.clone(),
            data: data(*kind, label, *number),
            provenance: vec![Provenance::new(source.clone(), 1, 2)].into(),
        }));
    }
    for &(from, to, kind) in edges {
        let (from, to) = (idx[from % idx.len()], idx[to % idx.len()]);
        let source = nodes[0].3.clone();
        g.relate(
            from,
            to,
            EDGE_KINDS[kind % EDGE_KINDS.len()],
            Provenance::new(source, 3, 3),
        );
    }
    g
}

fn export(format: Format, graph: &KnowledgeGraph) -> Vec<u8> {
    let mut out = Vec::new();
    format
        .write(graph, &ExportOptions::default(), &mut out)
        .expect("export succeeds");
    out
}

fn parse_quads(format: Format, bytes: &[u8]) -> Vec<Quad> {
    let quads: Result<Vec<Quad>, String> = match format {
        Format::NTriples => oxttl::NTriplesParser::new()
            .for_slice(bytes)
            .map(|t| {
                t.map(|t| t.in_graph(GraphName::DefaultGraph))
                    .map_err(|e| e.to_string())
            })
            .collect(),
        Format::NQuads => oxttl::NQuadsParser::new()
            .for_slice(bytes)
            .map(|q| q.map_err(|e| e.to_string()))
            .collect(),
        Format::TriG => oxttl::TriGParser::new()
            .for_slice(bytes)
            .map(|q| q.map_err(|e| e.to_string()))
            .collect(),
        Format::Turtle => oxttl::TurtleParser::new()
            .for_slice(bytes)
            .map(|t| {
                t.map(|t| t.in_graph(GraphName::DefaultGraph))
                    .map_err(|e| e.to_string())
            })
            .collect(),
        Format::RdfXml => oxrdfxml::RdfXmlParser::new()
            .for_slice(bytes)
            .map(|t| {
                t.map(|t| t.in_graph(GraphName::DefaultGraph))
                    .map_err(|e| e.to_string())
            })
            .collect(),
        _ => oxjsonld::JsonLdParser::new()
            .for_slice(bytes)
            .map(|q| q.map_err(|e| e.to_string()))
            .collect(),
    };
    quads.unwrap_or_else(|e| panic!("{}: {e}\n{}", format.name(), String::from_utf8_lossy(bytes)))
}

/// The distinct triples of an output (graphs dropped).
fn parse(format: Format, bytes: &[u8]) -> BTreeSet<String> {
    parse_quads(format, bytes)
        .into_iter()
        .map(|q| Triple::from(q).to_string())
        .collect()
}

/// The distinct quads of an output.
fn quad_set(format: Format, bytes: &[u8]) -> BTreeSet<String> {
    parse_quads(format, bytes)
        .into_iter()
        .map(|q| q.to_string())
        .collect()
}

fn node_spec() -> impl Strategy<Value = NodeSpec> {
    (
        any::<u8>(),
        any::<String>(),
        any::<String>(),
        any::<String>(),
        any::<u64>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_graph_round_trips_through_every_rdf_syntax(
        nodes in prop::collection::vec(node_spec(), 1..6),
        edges in prop::collection::vec((0usize..8, 0usize..8, 0usize..10), 0..8),
    ) {
        let g = graph(&nodes, &edges);
        let reference = parse(Format::NTriples, &export(Format::NTriples, &g));
        for format in [Format::NQuads, Format::TriG, Format::Turtle, Format::RdfXml, Format::JsonLd] {
            prop_assert_eq!(&parse(format, &export(format, &g)), &reference, "{}", format.name());
        }
    }

    #[test]
    fn any_graph_keeps_its_named_graphs_in_jsonld_and_trig(
        nodes in prop::collection::vec(node_spec(), 1..6),
        edges in prop::collection::vec((0usize..8, 0usize..8, 0usize..10), 0..8),
    ) {
        let g = graph(&nodes, &edges);
        let reference = quad_set(Format::NQuads, &export(Format::NQuads, &g));
        for format in [Format::TriG, Format::JsonLd] {
            prop_assert_eq!(&quad_set(format, &export(format, &g)), &reference, "{}", format.name());
        }
    }

    #[test]
    fn any_graph_gives_well_formed_dot(
        nodes in prop::collection::vec(node_spec(), 1..6),
        edges in prop::collection::vec((0usize..8, 0usize..8, 0usize..10), 0..8),
    ) {
        let g = graph(&nodes, &edges);
        for view in DotView::ALL {
            let options = ExportOptions { view, ..ExportOptions::default() };
            let mut out = Vec::new();
            Format::Dot.write(&g, &options, &mut out).expect("export succeeds");
            let text = String::from_utf8(out).unwrap();
            let framed = text.starts_with("digraph minutegraph {\n") && text.ends_with("}\n");
            prop_assert!(framed, "not one digraph: {}", text);
            well_formed_dot(&text)?;
        }
    }

    #[test]
    fn any_graph_gives_tables(
        nodes in prop::collection::vec(node_spec(), 1..6),
        edges in prop::collection::vec((0usize..8, 0usize..8, 0usize..10), 0..8),
    ) {
        let g = graph(&nodes, &edges);
        let csv = String::from_utf8(export(Format::Csv, &g)).unwrap();
        prop_assert!(csv.starts_with("id,iri,kind,name,date,source,line\r\n"), "{}", csv);
        prop_assert!(csv.contains("\r\n\r\nfrom,to,kind,source,line\r\n"), "{}", csv);
        let graphml = String::from_utf8(export(Format::GraphMl, &g)).unwrap();
        prop_assert_eq!(graphml.matches("<node id=").count(), g.node_count());
        prop_assert!(!graphml.chars().any(|c| c.is_control() && c != '\n'));
    }
}

/// Every line has balanced quotes and no control characters.
fn well_formed_dot(text: &str) -> Result<(), TestCaseError> {
    {
        for line in text.lines() {
            let mut quotes = 0;
            let mut escaped = false;
            for c in line.chars() {
                match (c, escaped) {
                    ('\\', false) => escaped = true,
                    ('"', false) => quotes += 1,
                    _ => escaped = false,
                }
                prop_assert!(!c.is_control(), "control character in {:?}", line);
            }
            prop_assert_eq!(quotes % 2, 0, "unbalanced quotes in {}", line);
            prop_assert!(!escaped, "line ends inside an escape: {}", line);
        }
    }
    Ok(())
}
