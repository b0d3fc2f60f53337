//! Serialization types of the JSON-LD document; filled by the parent module.
//!
//! Field order here is the order written: `@context` before `@graph`, `@id`
//! and `@type` before the properties, which are kept in a sorted map. The
//! sequences of graphs and nodes are left to the parent module, which writes
//! them as it makes them.

use serde::ser::{Serialize, SerializeMap, Serializer};
use std::collections::BTreeMap;

/// The whole document: an inline context and the graphs (`G`, a sequence of
/// node objects of the default graph, then one [`GraphObject`] per named graph).
#[derive(Debug, serde::Serialize)]
pub struct Document<G> {
    /// The inline context.
    #[serde(rename = "@context")]
    pub context: ContextMap,
    /// Nodes of the default graph, then one graph object per named graph.
    #[serde(rename = "@graph")]
    pub graph: G,
}

/// A named graph: its name and its nodes (`N`, a sequence of [`NodeObject`]s sorted by IRI).
#[derive(Debug, serde::Serialize)]
pub struct GraphObject<N> {
    /// The graph name (compacted): the IRI of a source file.
    #[serde(rename = "@id")]
    pub id: String,
    /// The nodes described in this graph.
    #[serde(rename = "@graph")]
    pub graph: N,
}

/// A context document (`{"@context": ...}`), as saved in `schema/context.jsonld`.
#[derive(Debug, serde::Serialize)]
pub struct ContextDocument {
    /// The context.
    #[serde(rename = "@context")]
    pub context: ContextMap,
}

/// Context entries in the order given (prefixes first, then terms).
#[derive(Clone, Debug, Default)]
pub struct ContextMap(pub Vec<(String, TermDefinition)>);

impl Serialize for ContextMap {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// A term definition: a plain IRI, or an IRI with a type coercion.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(untagged)]
pub enum TermDefinition {
    /// `"term": "prefix:local"`.
    Simple(String),
    /// `"term": {"@id": ..., "@type": ...}`.
    Typed {
        /// The term's IRI.
        #[serde(rename = "@id")]
        id: String,
        /// `@id` for links, or a datatype IRI.
        #[serde(rename = "@type")]
        kind: String,
    },
}

/// One node of the flattened graph.
#[derive(Debug, serde::Serialize)]
pub struct NodeObject {
    /// The node's IRI (compacted).
    #[serde(rename = "@id")]
    pub id: String,
    /// Its classes (compacted).
    #[serde(rename = "@type", skip_serializing_if = "OneOrMany::is_empty")]
    pub types: OneOrMany<String>,
    /// Property values by term.
    #[serde(flatten)]
    pub properties: BTreeMap<String, OneOrMany<Value>>,
}

/// A single value written bare, several written as an array.
#[derive(Debug, serde::Serialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// Exactly one value.
    One(T),
    /// None or several values.
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    /// Wraps `values`, unwrapping a single one.
    pub fn new(mut values: Vec<T>) -> Self {
        match values.pop() {
            Some(only) if values.is_empty() => OneOrMany::One(only),
            Some(last) => {
                values.push(last);
                OneOrMany::Many(values)
            }
            None => OneOrMany::Many(values),
        }
    }

    fn is_empty(&self) -> bool {
        matches!(self, OneOrMany::Many(v) if v.is_empty())
    }
}

/// A property value.
#[derive(Debug, serde::Serialize)]
#[serde(untagged)]
pub enum Value {
    /// A string: a literal, or an IRI where the term coerces to `@id`.
    String(String),
    /// An integer for a term coerced to `xsd:integer`.
    Integer(u64),
    /// A link where the term does not coerce to `@id`.
    Link {
        /// The target IRI (compacted).
        #[serde(rename = "@id")]
        id: String,
    },
    /// A literal whose datatype differs from the term's coercion.
    Literal {
        /// The lexical value.
        #[serde(rename = "@value")]
        value: String,
        /// The datatype (compacted); absent for plain strings.
        #[serde(rename = "@type", skip_serializing_if = "Option::is_none")]
        datatype: Option<String>,
    },
}
