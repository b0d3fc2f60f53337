//! The vocabulary constants, `schema/ontology.ttl` and `schema/context.jsonld`
//! agree: every `mg:` term in `vocab.rs` is declared in the ontology and
//! written by the exporters, and every `mg:` IRI in the ontology is a constant;
//! the exporters use classes as classes and properties as properties, within
//! their declared domain and range.

use crate::support::sample_graph;
use minutegraph::export::triples::Dataset;
use minutegraph::export::{DEFAULT_BASE_IRI, ExportOptions, context_document};
use minutegraph::model::{EdgeKind, KnowledgeGraph, Node, NodeData, Provenance};
use minutegraph::vocab::{mg, rdf, rdfs};
use oxrdf::{NamedNode, NamedOrBlankNode, Term, TermRef, Triple};
use oxttl::TurtleParser;
use std::collections::{BTreeMap, BTreeSet};

const OWL: &str = "http://www.w3.org/2002/07/owl#";

fn schema_file(name: &str) -> String {
    let path = format!("{}/schema/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse_schema(name: &str) -> Vec<Triple> {
    TurtleParser::new()
        .for_slice(&schema_file(name))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{name} does not parse: {e}"))
}

fn ontology() -> Vec<Triple> {
    parse_schema("ontology.ttl")
}

/// Every named node mentioned in `triples`.
fn iris(triples: &[Triple]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for t in triples {
        if let NamedOrBlankNode::NamedNode(n) = &t.subject {
            out.insert(n.as_str().to_string());
        }
        out.insert(t.predicate.as_str().to_string());
        if let Term::NamedNode(n) = &t.object {
            out.insert(n.as_str().to_string());
        }
    }
    out
}

/// The objects of `subject predicate ?o` in `triples`.
fn objects<'a>(triples: &'a [Triple], subject: &str, predicate: &str) -> Vec<&'a Term> {
    triples
        .iter()
        .filter(|t| {
            t.subject.to_string() == format!("<{subject}>") && t.predicate.as_str() == predicate
        })
        .map(|t| &t.object)
        .collect()
}

fn owl(local: &str) -> Term {
    NamedNode::new_unchecked(format!("{OWL}{local}")).into()
}

#[test]
fn every_mg_constant_is_declared_with_label_and_comment() {
    let triples = ontology();
    for term in mg::ALL {
        let types = objects(&triples, term.as_str(), rdf::TYPE.as_str());
        let declared = [owl("Class"), owl("ObjectProperty"), owl("DatatypeProperty")];
        assert!(
            types.iter().any(|t| declared.contains(t)),
            "{term} is not declared in ontology.ttl"
        );
        assert!(
            !objects(&triples, term.as_str(), rdfs::LABEL.as_str()).is_empty(),
            "{term} has no label"
        );
        let comment = format!("{}comment", rdfs::NS);
        assert!(
            !objects(&triples, term.as_str(), &comment).is_empty(),
            "{term} has no comment"
        );
    }
}

#[test]
fn every_mg_iri_in_the_ontology_and_shapes_is_a_constant() {
    let known: BTreeSet<&str> = mg::ALL.iter().map(|t| t.as_str()).collect();
    for file in ["ontology.ttl", "shapes.ttl"] {
        for iri in iris(&parse_schema(file)) {
            if iri.starts_with(mg::NS) {
                assert!(
                    known.contains(iri.as_str()),
                    "{iri} is in {file} but not in vocab.rs"
                );
            }
        }
    }
}

#[test]
fn every_shape_targets_a_class_and_every_class_has_a_shape() {
    let shapes = parse_schema("shapes.ttl");
    let targets: BTreeSet<String> = shapes
        .iter()
        .filter(|t| t.predicate.as_str() == "http://www.w3.org/ns/shacl#targetClass")
        .map(|t| t.object.to_string())
        .collect();
    let classes: BTreeSet<String> = kinds(&ontology())
        .into_iter()
        .filter(|(_, kind)| kind == "Class")
        .map(|(iri, _)| format!("<{iri}>"))
        .collect();
    assert_eq!(targets, classes);
}

/// The declared kind (class, object or datatype property) of each `mg:` term.
fn kinds(triples: &[Triple]) -> BTreeMap<String, String> {
    triples
        .iter()
        .filter(|t| t.predicate == rdf::TYPE)
        .filter_map(|t| match (&t.subject, &t.object) {
            (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o))
                if s.as_str().starts_with(mg::NS) =>
            {
                o.as_str()
                    .strip_prefix(OWL)
                    .filter(|k| *k != "FunctionalProperty")
                    .map(|k| (s.as_str().to_string(), k.to_string()))
            }
            _ => None,
        })
        .collect()
}

/// The sample graph plus a topic thread, so every class and property is written.
fn graph_with_topic() -> KnowledgeGraph {
    let mut g = sample_graph();
    let topic = g.upsert(Node {
        id: "topic/keycloak-upgrade".into(),
        label: "Keycloak upgrade".into(),
        data: NodeData::Topic {
            first_date: Some("2024-03-05".into()),
            last_date: Some("2024-03-05".into()),
            meetings: 1,
        },
        provenance: vec![Provenance::new("seeds/001.md", 8, 8)].into(),
    });
    let find = |id: &str| g.find(id).unwrap();
    let (item, meeting) = (
        find("meeting/seeds/001-2d86/item/1"),
        find("meeting/seeds/001-2d86"),
    );
    let at = Provenance::new("seeds/001.md", 8, 8);
    g.relate(item, topic, EdgeKind::Topic, at);
    g.relate(topic, meeting, EdgeKind::FirstMeeting, at);
    g.relate(topic, meeting, EdgeKind::LastMeeting, at);
    g
}

#[test]
fn every_mg_term_is_written_by_the_exporters() {
    let dataset = Dataset::new(&graph_with_topic(), &ExportOptions::default()).unwrap();
    let written: BTreeSet<String> = dataset
        .triples()
        .iter()
        .flat_map(|t| {
            let object = match t.object {
                TermRef::NamedNode(n) => Some(n.as_str().to_string()),
                _ => None,
            };
            [Some(t.predicate.as_str().to_string()), object]
        })
        .flatten()
        .collect();
    for term in mg::ALL {
        assert!(written.contains(term.as_str()), "{term} is never written");
    }
}

#[test]
fn exported_terms_are_used_as_declared() {
    let ontology = ontology();
    let kinds = kinds(&ontology);
    let dataset = Dataset::new(&graph_with_topic(), &ExportOptions::default()).unwrap();
    let data = dataset.triples();
    let mut types: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for t in &data {
        if t.predicate == rdf::TYPE {
            types
                .entry(t.subject.to_string())
                .or_default()
                .insert(t.object.to_string());
        }
    }
    for t in &data {
        let p = t.predicate.as_str();
        if t.predicate == rdf::TYPE {
            if let TermRef::NamedNode(class) = t.object
                && class.as_str().starts_with(mg::NS)
            {
                assert_eq!(
                    kinds.get(class.as_str()).map(String::as_str),
                    Some("Class"),
                    "{class}"
                );
            }
            continue;
        }
        if !p.starts_with(mg::NS) {
            continue;
        }
        let expected = if matches!(t.object, TermRef::NamedNode(_)) {
            "ObjectProperty"
        } else {
            "DatatypeProperty"
        };
        assert_eq!(kinds.get(p).map(String::as_str), Some(expected), "{p}");
        for domain in objects(&ontology, p, &format!("{}domain", rdfs::NS)) {
            if let Term::NamedNode(class) = domain {
                assert!(
                    types[&t.subject.to_string()].contains(&class.to_string()),
                    "{t}: domain {class}"
                );
            }
        }
        for range in objects(&ontology, p, &format!("{}range", rdfs::NS)) {
            if let (Term::NamedNode(class), TermRef::NamedNode(target)) = (range, t.object)
                && class.as_str().starts_with(mg::NS)
            {
                assert!(
                    types[&target.to_string()].contains(&class.to_string()),
                    "{t}: range {class}"
                );
            }
        }
    }
}

#[test]
fn schema_context_is_the_default_inline_context() {
    let saved: serde_json::Value =
        serde_json::from_str(&schema_file("context.jsonld")).expect("context.jsonld is JSON");
    let built: serde_json::Value =
        serde_json::from_str(&context_document(DEFAULT_BASE_IRI)).unwrap();
    assert_eq!(
        saved, built,
        "regenerate schema/context.jsonld from export::context_document"
    );
    assert_eq!(
        schema_file("context.jsonld"),
        context_document(DEFAULT_BASE_IRI)
    );
}

#[test]
fn schema_readme_documents_every_mg_term() {
    let readme = schema_file("README.md");
    for term in mg::ALL {
        let local = &term.as_str()[mg::NS.len()..];
        assert!(
            readme.contains(&format!("`mg:{local}`")),
            "schema/README.md does not document mg:{local}"
        );
    }
}
