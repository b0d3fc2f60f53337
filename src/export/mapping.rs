//! The RDF mapping: the facts (predicate, object) each node kind becomes and
//! the property each edge kind is written as (documented in `schema/README.md`).
//!
//! Literal values are cleaned here once, so every syntax carries the same text;
//! dates become `xsd:date` only when valid, and only web URLs become IRIs.

use super::iri::{IriError, IriMinter};
use super::text::{clean_literal, is_valid_date};
use crate::model::{EdgeKind, Node, NodeData, Provenance, Role};
use crate::vocab::{mg, prov, rdf, schema, xsd};
use oxrdf::{Literal, LiteralRef, NamedNode, NamedNodeRef, TermRef};

/// The object of a fact: an IRI or a literal (the mapping mints no blank
/// nodes). Classes, numbers and dates are held without text of their own on
/// the heap: every node has a class and most have numbers.
#[derive(Clone, Debug)]
pub enum Value {
    /// A link to another resource.
    Iri(NamedNode),
    /// A term of a vocabulary (a class).
    Term(NamedNodeRef<'static>),
    /// A string, or a literal of any datatype.
    Literal(Literal),
    /// A literal of a vocabulary datatype with a short text (an integer, a date).
    Short(ShortText, NamedNodeRef<'static>),
}

impl Value {
    /// The value as an RDF term.
    pub fn as_ref(&self) -> TermRef<'_> {
        match self {
            Value::Iri(iri) => iri.as_ref().into(),
            Value::Term(term) => (*term).into(),
            Value::Literal(literal) => literal.as_ref().into(),
            Value::Short(text, datatype) => {
                LiteralRef::new_typed_literal(text.as_str(), *datatype).into()
            }
        }
    }
}

/// Values are equal when their terms are, however they are held.
impl PartialEq for Value {
    fn eq(&self, other: &Self) -> bool {
        self.as_ref() == other.as_ref()
    }
}

impl Eq for Value {}

/// A text of at most [`ShortText::MAX`] bytes, held inline.
#[derive(Clone, Copy, Debug)]
pub struct ShortText {
    bytes: [u8; ShortText::MAX],
    len: u8,
}

impl ShortText {
    /// The longest text held.
    pub const MAX: usize = 22;

    /// `text`, if it is short enough.
    pub fn new(text: &str) -> Option<Self> {
        let mut bytes = [0; Self::MAX];
        bytes
            .get_mut(..text.len())?
            .copy_from_slice(text.as_bytes());
        Some(ShortText {
            bytes,
            len: text.len() as u8,
        })
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)])
            .expect("a short text holds the bytes of a str")
    }
}

/// The facts about one node: (predicate, object) pairs.
pub type Facts = Vec<(NamedNodeRef<'static>, Value)>;

/// Room for the facts of most nodes: their kind's facts, where they were
/// read and their edges.
pub const FACTS: usize = 16;

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

/// Where an occurrence was read: source path, line span and the source file
/// IRI, added to `facts`.
pub fn origin_facts(
    minter: &IriMinter,
    origin: Option<&Provenance>,
    facts: &mut Facts,
) -> Result<(), IriError> {
    if let Some(p) = origin {
        facts.push((mg::SOURCE, string(&p.source)));
        facts.push((mg::LINE, integer(u64::from(p.line))));
        facts.push((mg::END_LINE, integer(u64::from(p.end_line))));
        facts.push((
            prov::WAS_DERIVED_FROM,
            Value::Iri(minter.source(&p.source)?),
        ));
    }
    Ok(())
}

/// The kind-specific facts about `node`, added to `facts`.
pub fn describe(node: &Node, facts: &mut Facts) {
    let label = || string(&node.label);
    let start = facts.len();
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
    // Empty literals say nothing: those just added are left out.
    let mut seen = 0;
    facts.retain(|(_, o)| {
        seen += 1;
        seen <= start || !matches!(o, Value::Literal(l) if l.value().is_empty())
    });
}

fn types(
    classes: &[NamedNodeRef<'static>],
) -> impl Iterator<Item = (NamedNodeRef<'static>, Value)> {
    classes.iter().map(|&c| (rdf::TYPE, Value::Term(c)))
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
    let mut digits = itoa::Buffer::new();
    let text = ShortText::new(digits.format(value)).expect("a u64 has at most 20 digits");
    Value::Short(text, xsd::INTEGER)
}

/// An `xsd:date` literal when `value` is a valid date, else a plain string.
fn date_or_string(value: &str) -> Value {
    let value = value.trim();
    if !is_valid_date(value) {
        return string(value);
    }
    match ShortText::new(value) {
        Some(text) => Value::Short(text, xsd::DATE),
        None => Value::Literal(Literal::new_typed_literal(value, xsd::DATE)),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_holds_up_to_its_limit_and_a_value_is_its_term() {
        let longest = "9".repeat(ShortText::MAX);
        assert_eq!(ShortText::new(&longest).unwrap().as_str(), longest);
        assert!(ShortText::new(&format!("{longest}9")).is_none());
        assert_eq!(ShortText::new("").unwrap().as_str(), "");
        assert_eq!(
            integer(u64::MAX).as_ref().to_string(),
            format!("\"{}\"^^<{}>", u64::MAX, xsd::INTEGER.as_str())
        );
        // However it is held, a value equals the same term held another way.
        let held = Value::Literal(Literal::new_typed_literal("2024-05-01", xsd::DATE));
        assert_eq!(date_or_string(" 2024-05-01 "), held);
        assert_ne!(date_or_string("2024-05-02"), held);
        assert_eq!(date_or_string("2024-13-01"), string("2024-13-01"));
        assert_eq!(
            Value::Term(mg::MEETING),
            Value::Iri(mg::MEETING.into_owned())
        );
    }
}
