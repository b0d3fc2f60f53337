//! JSON-LD: compact form with a self-contained inline context and the same
//! named graphs as N-Quads.
//!
//! The top-level `@graph` holds one graph object per source file (its `@id` is
//! the graph name, its own `@graph` the node objects read from that file,
//! sorted by `@id`), after any node objects of the default graph. The document
//! is rendered from the same quads as N-Quads, term by term, so a JSON-LD
//! processor turns it into exactly that dataset. Links are compact IRIs
//! (`mgid:person/jschoone`) that expand to absolute IRIs.

mod context;
mod types;

use super::{ExportOptions, Exporter, Format, dataset};
use crate::error::Error;
use crate::model::KnowledgeGraph;
use crate::vocab::{rdf, xsd};
use context::{Coercion, Context};
use oxrdf::{GraphNameRef, LiteralRef, NamedOrBlankNodeRef, QuadRef, TermRef, TripleRef};
use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use types::{ContextDocument, Document, GraphEntry, GraphObject, NodeObject, OneOrMany, Value};

/// Writes JSON-LD.
#[derive(Clone, Copy, Debug, Default)]
pub struct JsonLdExporter;

impl Exporter for JsonLdExporter {
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        let data = dataset(Format::JsonLd, graph, options)?;
        let context = Context::new(&options.base_iri);
        let document = Document {
            context: context.to_map(),
            graph: graph_entries(&context, &data.quads().collect::<Vec<_>>())?,
        };
        let mut out = BufWriter::new(out);
        serde_json::to_writer_pretty(&mut out, &document).map_err(json_error)?;
        out.write_all(b"\n")
            .and_then(|()| out.flush())
            .map_err(|e| super::write_error(Format::JsonLd, e))
    }
}

/// The JSON-LD context document for entity IRIs under `base_iri`, as pretty
/// JSON; for the default base IRI this is `schema/context.jsonld`.
pub fn context_document(base_iri: &str) -> String {
    let document = ContextDocument {
        context: Context::new(base_iri).to_map(),
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

fn json_error(error: serde_json::Error) -> Error {
    match error.io_error_kind() {
        Some(kind) => super::write_error(Format::JsonLd, std::io::Error::new(kind, error)),
        None => Error::Export {
            format: Format::JsonLd.name(),
            message: error.to_string(),
        },
    }
}

/// Groups `quads` (sorted by graph, then subject) into the top-level entries:
/// the default graph's node objects, then one graph object per named graph.
fn graph_entries(context: &Context, quads: &[QuadRef<'_>]) -> Result<Vec<GraphEntry>, Error> {
    let mut entries = Vec::new();
    for group in quads.chunk_by(|a, b| a.graph_name == b.graph_name) {
        let triples: Vec<TripleRef<'_>> = group.iter().map(|&q| q.into()).collect();
        let nodes = node_objects(context, &triples)?;
        match group[0].graph_name {
            GraphNameRef::DefaultGraph => entries.extend(nodes.into_iter().map(GraphEntry::Node)),
            GraphNameRef::NamedNode(name) => entries.push(GraphEntry::Graph(GraphObject {
                id: iri(context, name.as_str())?,
                graph: nodes,
            })),
            other => return Err(unsupported(&other.to_string())),
        }
    }
    Ok(entries)
}

/// Groups `triples` (sorted by subject) into one node object per subject.
fn node_objects(context: &Context, triples: &[TripleRef<'_>]) -> Result<Vec<NodeObject>, Error> {
    let mut nodes = Vec::new();
    for group in triples.chunk_by(|a, b| a.subject == b.subject) {
        let id = match group[0].subject {
            NamedOrBlankNodeRef::NamedNode(subject) => iri(context, subject.as_str())?,
            other => return Err(unsupported(&other.to_string())),
        };
        let mut types = Vec::new();
        let mut properties: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        for triple in group {
            match (triple.object, triple.predicate == rdf::TYPE) {
                (TermRef::NamedNode(class), true) => types.push(iri(context, class.as_str())?),
                _ => {
                    let (key, value) = property(context, triple)?;
                    properties.entry(key).or_default().push(value);
                }
            }
        }
        let properties = properties
            .into_iter()
            .map(|(k, v)| (k, OneOrMany::new(v)))
            .collect();
        nodes.push(NodeObject {
            id,
            types: OneOrMany::new(types),
            properties,
        });
    }
    Ok(nodes)
}

/// The key and value one triple adds to its subject's node object.
fn property(context: &Context, triple: &TripleRef<'_>) -> Result<(String, Value), Error> {
    let predicate = triple.predicate.as_str();
    let Some(term) = context.term(predicate) else {
        return Ok((predicate.to_string(), explicit(context, triple.object)?));
    };
    let value = match (triple.object, term.coercion) {
        (TermRef::NamedNode(target), Coercion::Link) => {
            Value::String(iri(context, target.as_str())?)
        }
        (TermRef::Literal(literal), Coercion::Plain) if literal.datatype() == xsd::STRING => {
            Value::String(literal.value().to_string())
        }
        (TermRef::Literal(literal), Coercion::Datatype(dt)) if literal.datatype() == dt => {
            coerced(literal)
        }
        (object, _) => explicit(context, object)?,
    };
    Ok((term.name.to_string(), value))
}

/// A literal of the term's own datatype: integers as JSON numbers while every
/// JSON reader holds them exactly (up to 2^53), else as strings.
fn coerced(literal: LiteralRef<'_>) -> Value {
    let exact = literal.datatype() == xsd::INTEGER;
    match literal.value().parse::<u64>() {
        Ok(n) if exact && n <= 1 << 53 && n.to_string() == literal.value() => Value::Integer(n),
        _ => Value::String(literal.value().to_string()),
    }
}

/// A value written without relying on the term's coercion.
fn explicit(context: &Context, object: TermRef<'_>) -> Result<Value, Error> {
    Ok(match object {
        TermRef::NamedNode(target) => Value::Link {
            id: iri(context, target.as_str())?,
        },
        TermRef::Literal(literal) if literal.datatype() == xsd::STRING => Value::Literal {
            value: literal.value().to_string(),
            datatype: None,
        },
        TermRef::Literal(literal) => Value::Literal {
            value: literal.value().to_string(),
            datatype: Some(iri(context, literal.datatype().as_str())?),
        },
        other => return Err(unsupported(&other.to_string())),
    })
}

/// `iri` compacted, refusing absolute IRIs a processor would misread.
fn iri(context: &Context, iri: &str) -> Result<String, Error> {
    let compact = context.compact(iri);
    if compact == iri && context.is_ambiguous(iri) {
        return Err(unsupported(iri));
    }
    Ok(compact)
}

fn unsupported(what: &str) -> Error {
    Error::Export {
        format: Format::JsonLd.name(),
        message: format!("cannot write {what} unambiguously"),
    }
}
