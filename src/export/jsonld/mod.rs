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

use super::triples::{Description, GraphPart, NamedGraphs};
use super::{ExportOptions, Exporter, Format, view};
use crate::error::Error;
use crate::model::KnowledgeGraph;
use crate::vocab::{rdf, xsd};
use context::{Coercion, Context};
use oxrdf::{GraphNameRef, LiteralRef, TermRef, TripleRef};
use serde::ser::{Error as _, Serialize, SerializeSeq, Serializer};
use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use types::{ContextDocument, Document, GraphObject, NodeObject, OneOrMany, Value};

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
        let view = view(Format::JsonLd, graph, options)?;
        let context = Context::new(&options.base_iri);
        let graphs = view.named_graphs();
        let document = Document {
            context: context.to_map(),
            graph: Entries {
                context: &context,
                graphs: &graphs,
            },
        };
        // The document is written as it is made; when the base IRI could make
        // some IRI unwritable, it is made once first so that nothing is written
        // unless all of it can be.
        if context.is_ambiguous(&options.base_iri) {
            serde_json::to_writer(std::io::sink(), &document).map_err(json_error)?;
        }
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

/// What cannot be written: the message of an export error.
type Unwritable = String;

/// The top-level entries, made as they are written: the default graph's node
/// objects, then one graph object per named graph.
struct Entries<'a, 'v, 'g> {
    context: &'a Context,
    graphs: &'a NamedGraphs<'v, 'g>,
}

impl Serialize for Entries<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for part in self.graphs.iter() {
            match part.name() {
                GraphNameRef::DefaultGraph => {
                    for description in part.descriptions() {
                        let node = description
                            .map_err(|e| e.to_string())
                            .and_then(|d| node_object(self.context, &d))
                            .map_err(S::Error::custom)?;
                        seq.serialize_element(&node)?;
                    }
                }
                GraphNameRef::NamedNode(name) => {
                    let id = iri(self.context, name.as_str()).map_err(S::Error::custom)?;
                    let graph = Nodes {
                        context: self.context,
                        part,
                    };
                    seq.serialize_element(&GraphObject { id, graph })?;
                }
                other => return Err(S::Error::custom(unsupported(&other.to_string()))),
            }
        }
        seq.end()
    }
}

/// The node objects of one named graph, made as they are written.
struct Nodes<'a, 'v, 'g> {
    context: &'a Context,
    part: GraphPart<'a, 'v, 'g>,
}

impl Serialize for Nodes<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for description in self.part.descriptions() {
            let node = description
                .map_err(|e| e.to_string())
                .and_then(|d| node_object(self.context, &d))
                .map_err(S::Error::custom)?;
            seq.serialize_element(&node)?;
        }
        seq.end()
    }
}

/// The node object of one subject's description.
fn node_object(context: &Context, description: &Description) -> Result<NodeObject, Unwritable> {
    let id = iri(context, description.subject.as_str())?;
    let mut types = Vec::new();
    let mut properties: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for triple in description.triples() {
        match (triple.object, triple.predicate == rdf::TYPE) {
            (TermRef::NamedNode(class), true) => types.push(iri(context, class.as_str())?),
            _ => {
                let (key, value) = property(context, &triple)?;
                properties.entry(key).or_default().push(value);
            }
        }
    }
    let properties = properties
        .into_iter()
        .map(|(k, v)| (k, OneOrMany::new(v)))
        .collect();
    Ok(NodeObject {
        id,
        types: OneOrMany::new(types),
        properties,
    })
}

/// The key and value one triple adds to its subject's node object.
fn property(context: &Context, triple: &TripleRef<'_>) -> Result<(String, Value), Unwritable> {
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
fn explicit(context: &Context, object: TermRef<'_>) -> Result<Value, Unwritable> {
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
fn iri(context: &Context, iri: &str) -> Result<String, Unwritable> {
    let compact = context.compact(iri);
    if compact == iri && context.is_ambiguous(iri) {
        return Err(unsupported(iri));
    }
    Ok(compact)
}

fn unsupported(what: &str) -> Unwritable {
    format!("cannot write {what} unambiguously")
}
