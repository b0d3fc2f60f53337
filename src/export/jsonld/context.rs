//! The JSON-LD context: prefixes, one term per property with its coercion,
//! and IRI compaction against it.
//!
//! The same context (for the default base IRI) is saved as
//! `schema/context.jsonld`; a test keeps the two equal.

use super::types::{ContextMap, TermDefinition};
use crate::vocab::{BASE_PREFIX, PREFIXES, mg, prov, schema, xsd};
use oxrdf::NamedNodeRef;

/// How a term's values are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coercion {
    /// Plain strings are `xsd:string` literals.
    Plain,
    /// Strings are IRIs (`"@type": "@id"`).
    Link,
    /// Strings and numbers are literals of this datatype.
    Datatype(NamedNodeRef<'static>),
}

/// A JSON-LD term: its name, the property IRI and how values are coerced.
#[derive(Clone, Copy, Debug)]
pub struct Term {
    /// The key used in node objects.
    pub name: &'static str,
    /// The property IRI.
    pub iri: NamedNodeRef<'static>,
    /// The coercion of its values.
    pub coercion: Coercion,
}

const fn term(name: &'static str, iri: NamedNodeRef<'static>, coercion: Coercion) -> Term {
    Term {
        name,
        iri,
        coercion,
    }
}

use Coercion::{Datatype, Link, Plain};

/// Every property the RDF mapping writes, as a term, sorted by name.
pub const TERMS: &[Term] = &[
    term("absentee", mg::ABSENTEE, Link),
    term("agendaItem", mg::AGENDA_ITEM_OF, Link),
    term("agent", schema::AGENT, Link),
    term("alternateName", schema::ALTERNATE_NAME, Plain),
    term("attendee", schema::ATTENDEE, Link),
    term("chair", mg::CHAIR, Link),
    term("closedIn", mg::CLOSED_IN, Link),
    term("due", mg::DUE, Datatype(xsd::DATE)),
    term("endLine", mg::END_LINE, Datatype(xsd::INTEGER)),
    term("evidence", mg::EVIDENCE, Plain),
    term("firstDate", mg::FIRST_DATE, Datatype(xsd::DATE)),
    term("firstMeeting", mg::FIRST_MEETING, Link),
    term("handle", mg::HANDLE, Plain),
    term("issueKind", mg::ISSUE_KIND, Plain),
    term("key", mg::KEY, Plain),
    term("lastDate", mg::LAST_DATE, Datatype(xsd::DATE)),
    term("lastMeeting", mg::LAST_MEETING, Link),
    term("line", mg::LINE, Datatype(xsd::INTEGER)),
    term("meeting", mg::MEETING_OF, Link),
    term("meetingCount", mg::MEETING_COUNT, Datatype(xsd::INTEGER)),
    term("mentions", schema::MENTIONS, Link),
    term("name", schema::NAME, Plain),
    term("number", mg::NUMBER, Datatype(xsd::INTEGER)),
    term("presenter", mg::PRESENTER, Link),
    term("reporter", mg::REPORTER, Link),
    term("scribe", mg::SCRIBE, Link),
    term("source", mg::SOURCE, Plain),
    term("startDate", schema::START_DATE, Datatype(xsd::DATE)),
    term("status", mg::STATUS, Plain),
    term("text", schema::TEXT, Plain),
    term("topic", mg::TOPIC_OF, Link),
    term("url", schema::URL, Link),
    term("wasDerivedFrom", prov::WAS_DERIVED_FROM, Link),
];

/// The prefixes and terms of one document, for one base IRI.
#[derive(Clone, Debug)]
pub struct Context {
    prefixes: Vec<(&'static str, String)>,
}

impl Context {
    /// The context for entity IRIs under `base_iri` (assumed to end with `/` or `#`).
    pub fn new(base_iri: &str) -> Self {
        let mut prefixes = vec![(BASE_PREFIX, base_iri.to_string())];
        prefixes.extend(PREFIXES.iter().map(|(p, ns)| (*p, ns.to_string())));
        Context { prefixes }
    }

    /// The term for property `iri`, if there is one.
    pub fn term(&self, iri: &str) -> Option<&'static Term> {
        TERMS.iter().find(|t| t.iri.as_str() == iri)
    }

    /// `iri` as `prefix:local` when a prefix covers it, else unchanged.
    ///
    /// A local part starting with `//` would be read back as an absolute IRI,
    /// so such IRIs stay absolute.
    pub fn compact(&self, iri: &str) -> String {
        for (prefix, ns) in &self.prefixes {
            if let Some(local) = iri.strip_prefix(ns.as_str())
                && !local.is_empty()
                && !local.starts_with("//")
            {
                return format!("{prefix}:{local}");
            }
        }
        iri.to_string()
    }

    /// Whether an absolute `iri` would be misread as a compact IRI because its
    /// scheme is one of this context's prefixes.
    pub fn is_ambiguous(&self, iri: &str) -> bool {
        let scheme = iri.split(':').next().unwrap_or_default();
        self.prefixes.iter().any(|(p, _)| *p == scheme) || TERMS.iter().any(|t| t.name == scheme)
    }

    /// The context as written: prefixes first, then every term.
    pub fn to_map(&self) -> ContextMap {
        let mut entries: Vec<(String, TermDefinition)> = self
            .prefixes
            .iter()
            .map(|(p, ns)| (p.to_string(), TermDefinition::Simple(ns.clone())))
            .collect();
        entries.extend(
            TERMS
                .iter()
                .map(|t| (t.name.to_string(), self.definition(t))),
        );
        ContextMap(entries)
    }

    fn definition(&self, term: &Term) -> TermDefinition {
        let id = self.compact(term.iri.as_str());
        match term.coercion {
            Plain => TermDefinition::Simple(id),
            Link => TermDefinition::Typed {
                id,
                kind: "@id".to_string(),
            },
            Datatype(dt) => TermDefinition::Typed {
                id,
                kind: self.compact(dt.as_str()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_sorted_and_unique() {
        for pair in TERMS.windows(2) {
            assert!(
                pair[0].name < pair[1].name,
                "{} {}",
                pair[0].name,
                pair[1].name
            );
            assert_ne!(pair[0].iri, pair[1].iri);
        }
    }

    #[test]
    fn compacts_under_known_prefixes_only() {
        let context = Context::new("https://example.org/id/");
        assert_eq!(
            context.compact("https://example.org/id/person/a"),
            "mgid:person/a"
        );
        assert_eq!(context.compact("https://schema.org/name"), "schema:name");
        assert_eq!(context.compact("https://example.org/id//x"), "mgid:/x");
        assert_eq!(
            context.compact("https://example.org/id///x"),
            "https://example.org/id///x"
        );
        assert_eq!(
            context.compact("https://example.org/id/"),
            "https://example.org/id/"
        );
        assert_eq!(
            context.compact("https://github.com/a/b"),
            "https://github.com/a/b"
        );
        assert!(context.is_ambiguous("mg:x/y"));
        assert!(!context.is_ambiguous("https://github.com/a/b"));
    }
}
