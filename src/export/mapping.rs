//! The RDF mapping: the facts (predicate, object) each node kind becomes and
//! the property each edge kind is written as (documented in `schema/README.md`).
//!
//! Literal values are cleaned here once, so every syntax carries the same text;
//! dates become `xsd:date` only when valid, and only web URLs become IRIs.

use super::iri::{IriError, IriMinter};
use super::text::{clean_literal, is_valid_date};
use crate::model::{EdgeKind, Node, NodeData, Provenance, Role};
use crate::vocab::{mg, prov, rdf, schema, xsd};
use oxrdf::{Literal, NamedNode, NamedNodeRef};

/// The object of a fact: an IRI or a literal (the mapping mints no blank nodes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A link to another resource.
    Iri(NamedNode),
    /// A string, date or integer.
    Literal(Literal),
}

/// The facts about one node: (predicate, object) pairs.
pub type Facts = Vec<(NamedNodeRef<'static>, Value)>;

/// Whether a node is an occurrence (read from one place) rather than an entity.
pub fn is_occurrence(data: &NodeData) -> bool {
    matches!(
        data,
        NodeData::Meeting { .. }
            | NodeData::AgendaItem
            | NodeData::Decision
            | NodeData::ActionItem { .. }
    )
}

/// Where an occurrence was read: source path, line span and the source file IRI.
pub fn origin_facts(minter: &IriMinter, origin: Option<&Provenance>) -> Result<Facts, IriError> {
    let mut facts = Facts::new();
    if let Some(p) = origin {
        facts.push((mg::SOURCE, string(&p.source)));
        facts.push((mg::LINE, integer(u64::from(p.line))));
        facts.push((mg::END_LINE, integer(u64::from(p.end_line))));
        facts.push((
            prov::WAS_DERIVED_FROM,
            Value::Iri(minter.source(&p.source)?),
        ));
    }
    Ok(facts)
}

/// The kind-specific facts about `node`.
pub fn describe(node: &Node) -> Facts {
    let label = || string(&node.label);
    let mut facts = Facts::new();
    match &node.data {
        NodeData::Meeting { date, title } => {
            facts.extend(types(&[mg::MEETING, schema::EVENT]));
            let name = match title {
                Some(title) if node.label.is_empty() => string(title),
                _ => label(),
            };
            facts.push((schema::NAME, name));
            facts.extend(
                date.as_deref()
                    .map(|d| (schema::START_DATE, date_or_string(d))),
            );
        }
        NodeData::Person { handles, aliases } => {
            facts.extend(types(&[mg::PERSON, schema::PERSON]));
            facts.push((schema::NAME, label()));
            facts.extend(handles.iter().map(|h| (mg::HANDLE, string(h))));
            facts.extend(aliases.iter().map(|a| (schema::ALTERNATE_NAME, string(a))));
        }
        NodeData::Service { aliases, evidence } => {
            facts.extend(types(&[mg::SERVICE, schema::SOFTWARE_APPLICATION]));
            facts.push((schema::NAME, label()));
            facts.extend(aliases.iter().map(|a| (schema::ALTERNATE_NAME, string(a))));
            facts.push((mg::EVIDENCE, string(evidence)));
        }
        NodeData::Issue {
            key,
            number,
            kind,
            url,
        } => {
            facts.extend(types(&[mg::ISSUE]));
            facts.push((mg::KEY, string(key)));
            facts.push((schema::NAME, string(key)));
            facts.push((mg::ISSUE_KIND, string(kind.name())));
            facts.push((mg::NUMBER, integer(*number)));
            facts.extend(
                url.as_deref()
                    .and_then(web_iri)
                    .map(|u| (schema::URL, Value::Iri(u))),
            );
        }
        NodeData::AgendaItem => {
            facts.extend(types(&[mg::AGENDA_ITEM]));
            facts.push((schema::NAME, label()));
        }
        NodeData::Decision => {
            facts.extend(types(&[mg::DECISION]));
            facts.push((schema::TEXT, label()));
        }
        NodeData::Topic {
            first_date,
            last_date,
            meetings,
        } => {
            facts.extend(types(&[mg::TOPIC]));
            facts.push((schema::NAME, label()));
            facts.extend(
                first_date
                    .as_deref()
                    .map(|d| (mg::FIRST_DATE, date_or_string(d))),
            );
            facts.extend(
                last_date
                    .as_deref()
                    .map(|d| (mg::LAST_DATE, date_or_string(d))),
            );
            facts.push((mg::MEETING_COUNT, integer(u64::from(*meetings))));
        }
        NodeData::ActionItem { status, due, .. } => {
            facts.extend(types(&[mg::ACTION_ITEM, schema::ACTION]));
            facts.push((schema::TEXT, label()));
            facts.push((mg::STATUS, string(status.name())));
            facts.extend(due.as_deref().map(|d| (mg::DUE, date_or_string(d))));
        }
    }
    facts.retain(|(_, o)| !matches!(o, Value::Literal(l) if l.value().is_empty()));
    facts
}

fn types(classes: &[NamedNodeRef<'static>]) -> Facts {
    classes
        .iter()
        .map(|c| (rdf::TYPE, Value::Iri(c.into_owned())))
        .collect()
}

/// The RDF property an edge kind is written as.
pub fn edge_predicate(kind: EdgeKind) -> NamedNodeRef<'static> {
    match kind {
        EdgeKind::Attendee => schema::ATTENDEE,
        EdgeKind::Absentee => mg::ABSENTEE,
        EdgeKind::HasRole(Role::Chair) => mg::CHAIR,
        EdgeKind::HasRole(Role::Scribe) => mg::SCRIBE,
        EdgeKind::HasRole(Role::Reporter) => mg::REPORTER,
        EdgeKind::InMeeting => mg::MEETING_OF,
        EdgeKind::InAgendaItem => mg::AGENDA_ITEM_OF,
        EdgeKind::Mentions => schema::MENTIONS,
        EdgeKind::Assignee => schema::AGENT,
        EdgeKind::Presenter => mg::PRESENTER,
        EdgeKind::Topic => mg::TOPIC_OF,
        EdgeKind::FirstMeeting => mg::FIRST_MEETING,
        EdgeKind::LastMeeting => mg::LAST_MEETING,
        EdgeKind::ClosedIn => mg::CLOSED_IN,
    }
}

fn string(value: &str) -> Value {
    Value::Literal(Literal::new_simple_literal(clean_literal(value)))
}

fn integer(value: u64) -> Value {
    Value::Literal(Literal::new_typed_literal(value.to_string(), xsd::INTEGER))
}

/// An `xsd:date` literal when `value` is a valid date, else a plain string.
fn date_or_string(value: &str) -> Value {
    let value = value.trim();
    if is_valid_date(value) {
        Value::Literal(Literal::new_typed_literal(value, xsd::DATE))
    } else {
        string(value)
    }
}

/// `url` as an IRI when it is a valid absolute `http(s)` IRI; anything else
/// is dropped rather than written as a link no reader can resolve.
fn web_iri(url: &str) -> Option<NamedNode> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    NamedNode::new(url).ok()
}
