//! Every RDF exporter parses back (with an independent parser per syntax) to
//! exactly the triples of the N-Triples output; output is byte-identical when
//! written twice; hostile labels survive every syntax.

use crate::support::{NASTY_CLEAN, export, export_with, sample_graph};
use minutegraph::export::{ExportOptions, Format};
use minutegraph::model::KnowledgeGraph;
use oxjsonld::JsonLdParser;
use oxrdf::{GraphName, Quad, Term, Triple};
use oxrdfxml::RdfXmlParser;
use oxttl::{NQuadsParser, NTriplesParser, TriGParser, TurtleParser};
use std::collections::BTreeSet;

const RDF_FORMATS: [Format; 6] = [
    Format::NTriples,
    Format::NQuads,
    Format::TriG,
    Format::Turtle,
    Format::RdfXml,
    Format::JsonLd,
];

/// Parses `bytes` in `format` into quads.
fn parse(format: Format, bytes: &[u8]) -> Vec<Quad> {
    let quads: Result<Vec<Quad>, String> = match format {
        Format::NTriples => NTriplesParser::new()
            .for_slice(bytes)
            .map(|t| {
                t.map(|t| t.in_graph(GraphName::DefaultGraph))
                    .map_err(|e| e.to_string())
            })
            .collect(),
        Format::NQuads => NQuadsParser::new()
            .for_slice(bytes)
            .map(|q| q.map_err(|e| e.to_string()))
            .collect(),
        Format::TriG => TriGParser::new()
            .for_slice(bytes)
            .map(|q| q.map_err(|e| e.to_string()))
            .collect(),
        Format::Turtle => TurtleParser::new()
            .for_slice(bytes)
            .map(|t| {
                t.map(|t| t.in_graph(GraphName::DefaultGraph))
                    .map_err(|e| e.to_string())
            })
            .collect(),
        Format::RdfXml => RdfXmlParser::new()
            .for_slice(bytes)
            .map(|t| {
                t.map(|t| t.in_graph(GraphName::DefaultGraph))
                    .map_err(|e| e.to_string())
            })
            .collect(),
        Format::JsonLd => JsonLdParser::new()
            .for_slice(bytes)
            .map(|q| q.map_err(|e| e.to_string()))
            .collect(),
        other => panic!("{} is not RDF", other.name()),
    };
    quads.unwrap_or_else(|e| {
        panic!(
            "{} output does not parse: {e}\n{}",
            format.name(),
            String::from_utf8_lossy(bytes)
        )
    })
}

/// The triples of `format`'s output, as N-Triples lines, with graphs dropped.
fn triple_set(format: Format, graph: &KnowledgeGraph, options: &ExportOptions) -> BTreeSet<String> {
    parse(format, &export_with(format, graph, options))
        .into_iter()
        .map(|q| Triple::from(q).to_string())
        .collect()
}

#[test]
fn every_rdf_syntax_reads_back_to_the_ntriples_set() {
    let graph = sample_graph();
    for options in [
        ExportOptions::default(),
        ExportOptions {
            base_iri: "http://example.org/kb#".into(),
            ..ExportOptions::default()
        },
    ] {
        let reference = triple_set(Format::NTriples, &graph, &options);
        assert!(reference.len() > 80, "only {} triples", reference.len());
        for format in RDF_FORMATS {
            let set = triple_set(format, &graph, &options);
            let missing: Vec<_> = reference.difference(&set).collect();
            let extra: Vec<_> = set.difference(&reference).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}: missing {missing:#?}\nextra {extra:#?}",
                format.name()
            );
        }
    }
}

#[test]
fn ntriples_output_has_no_duplicates_and_no_blank_nodes() {
    let text = String::from_utf8(export(Format::NTriples, &sample_graph())).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let unique: BTreeSet<&str> = lines.iter().copied().collect();
    assert_eq!(lines.len(), unique.len());
    assert!(!text.contains("_:"));
}

#[test]
fn nquads_put_each_triple_in_its_source_graph() {
    let graph = sample_graph();
    let quads = parse(Format::NQuads, &export(Format::NQuads, &graph));
    let source = "https://w3id.org/minutegraph/id/source/";
    let graphs: BTreeSet<String> = quads
        .iter()
        .map(|q| match &q.graph_name {
            GraphName::NamedNode(n) => n.as_str().to_string(),
            other => panic!("quad outside a named graph: {other}"),
        })
        .collect();
    let expected: BTreeSet<String> = [
        format!("{source}seeds/001.md"),
        format!("{source}seeds/2024%20notes/002.md"),
    ]
    .into_iter()
    .collect();
    assert_eq!(graphs, expected);
    // An entity seen in both files is typed in both graphs.
    let jan = "https://w3id.org/minutegraph/id/person/jschoone";
    let typed_in = quads
        .iter()
        .filter(|q| {
            q.subject.to_string() == format!("<{jan}>") && q.predicate == oxrdf::vocab::rdf::TYPE
        })
        .map(|q| q.graph_name.to_string())
        .collect::<BTreeSet<_>>();
    assert_eq!(typed_in.len(), 2);
    // An occurrence's triples all sit in its one source graph.
    let item = "<https://w3id.org/minutegraph/id/meeting/seeds/001-2d86/item/1>";
    assert!(
        quads
            .iter()
            .filter(|q| q.subject.to_string() == item)
            .all(|q| q.graph_name.to_string().ends_with("001.md>"))
    );
}

#[test]
fn jsonld_and_trig_carry_the_named_graphs_of_nquads() {
    let graph = sample_graph();
    let quads = |format| -> Vec<String> {
        let mut quads: Vec<String> = parse(format, &export(format, &graph))
            .into_iter()
            .map(|q| q.to_string())
            .collect();
        quads.sort();
        quads
    };
    let nquads = quads(Format::NQuads);
    assert!(nquads.len() > 80);
    assert_eq!(quads(Format::JsonLd), nquads, "JSON-LD");
    assert_eq!(quads(Format::TriG), nquads, "TriG");
}

#[test]
fn jsonld_has_one_graph_object_per_source_file() {
    let text = export(Format::JsonLd, &sample_graph());
    let json: serde_json::Value = serde_json::from_slice(&text).unwrap();
    let graphs = json["@graph"].as_array().unwrap();
    let names: Vec<&str> = graphs.iter().map(|g| g["@id"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "mgid:source/seeds/001.md",
            "mgid:source/seeds/2024%20notes/002.md"
        ]
    );
    for graph in graphs {
        let ids: Vec<&str> = graph["@graph"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["@id"].as_str().unwrap())
            .collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(ids, sorted, "nodes sorted by @id");
    }
}

#[test]
fn writing_twice_gives_identical_bytes() {
    for format in Format::ALL {
        let first = export(format, &sample_graph());
        let second = export(format, &sample_graph());
        assert!(!first.is_empty());
        assert_eq!(first, second, "{}", format.name());
    }
}

#[test]
fn hostile_labels_survive_every_syntax() {
    let graph = sample_graph();
    for format in RDF_FORMATS {
        let quads = parse(format, &export(format, &graph));
        let values: BTreeSet<String> = quads
            .iter()
            .filter_map(|q| match &q.object {
                Term::Literal(l) => Some(l.value().to_string()),
                _ => None,
            })
            .collect();
        assert!(
            values.contains(NASTY_CLEAN),
            "{}: label lost",
            format.name()
        );
        assert!(
            values.contains("seeds/2024 notes/002.md"),
            "{}",
            format.name()
        );
    }
}

#[test]
fn empty_graph_writes_valid_empty_documents() {
    let graph = KnowledgeGraph::new();
    for format in RDF_FORMATS {
        assert!(
            parse(format, &export(format, &graph)).is_empty(),
            "{}",
            format.name()
        );
    }
}

#[test]
fn an_invalid_base_iri_is_an_export_error() {
    let options = ExportOptions {
        base_iri: "not an iri".into(),
        ..ExportOptions::default()
    };
    for format in RDF_FORMATS
        .into_iter()
        .chain([Format::GraphMl, Format::Csv])
    {
        let result = format
            .exporter()
            .write(&sample_graph(), &options, &mut Vec::new());
        assert!(
            matches!(result, Err(minutegraph::error::Error::Export { .. })),
            "{}",
            format.name()
        );
    }
}
