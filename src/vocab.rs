//! Vocabulary IRIs as constants, mirroring `schema/ontology.ttl`.
//!
//! Every IRI the exporters write is defined here exactly once, one module per
//! namespace. Each module has `NS` (the namespace IRI), `PREFIX` (the prefix
//! used in Turtle, RDF/XML and JSON-LD) and `ALL` (every term it defines), so a
//! test can check the `mg:` terms against the ontology.

use oxrdf::NamedNodeRef;

/// Declares a namespace module: its prefix, namespace IRI, terms and `ALL`.
macro_rules! namespace {
    (
        $(#[$mdoc:meta])*
        $module:ident, $prefix:literal, $ns:literal;
        $($(#[$doc:meta])* $name:ident = $local:literal;)*
    ) => {
        $(#[$mdoc])*
        pub mod $module {
            use super::NamedNodeRef;

            /// The prefix used for this namespace in every syntax that has prefixes.
            pub const PREFIX: &str = $prefix;
            /// The namespace IRI.
            pub const NS: &str = $ns;
            $(
                $(#[$doc])*
                pub const $name: NamedNodeRef<'static> =
                    NamedNodeRef::new_unchecked(concat!($ns, $local));
            )*
            /// Every term of this namespace that minutegraph uses.
            pub const ALL: &[NamedNodeRef<'static>] = &[$($name),*];
        }
    };
}

namespace! {
    /// The minutegraph vocabulary (`mg:`), defined in `schema/ontology.ttl`.
    mg, "mg", "https://w3id.org/minutegraph/ns#";
    /// Class: a meeting, usually one per minutes file.
    MEETING = "Meeting";
    /// Class: a human named in minutes.
    PERSON = "Person";
    /// Class: named software, a platform or a hosted service.
    SERVICE = "Service";
    /// Class: an issue, pull/merge request or ticket.
    ISSUE = "Issue";
    /// Class: one item of a meeting's agenda.
    AGENDA_ITEM = "AgendaItem";
    /// Class: a conclusion, resolution or agreement.
    DECISION = "Decision";
    /// Class: a task someone is to do.
    ACTION_ITEM = "ActionItem";
    /// Class: a subject discussed across meetings (a thread of agenda items).
    TOPIC = "Topic";
    /// Property: source path (relative to the input root) an occurrence was read from.
    SOURCE = "source";
    /// Property: first line (1-based) of an occurrence in its source.
    LINE = "line";
    /// Property: last line (1-based, inclusive) of an occurrence in its source.
    END_LINE = "endLine";
    /// Property: a chat or forge handle of a person, without `@`.
    HANDLE = "handle";
    /// Property: the text that made a name count as a service.
    EVIDENCE = "evidence";
    /// Property: normalised issue key, `owner/repo#N`, `#N` or a ticket `PROJ-N`.
    KEY = "key";
    /// Property: `issue`, `pull` or `unknown`.
    ISSUE_KIND = "issueKind";
    /// Property: the issue or pull request number.
    NUMBER = "number";
    /// Property: action status, `open`, `done` or `unknown`.
    STATUS = "status";
    /// Property: when an action is due.
    DUE = "due";
    /// Property: meeting -> person said to be absent.
    ABSENTEE = "absentee";
    /// Property: meeting -> person chairing it.
    CHAIR = "chair";
    /// Property: meeting -> person taking the minutes.
    SCRIBE = "scribe";
    /// Property: meeting -> person reporting.
    REPORTER = "reporter";
    /// Property: agenda item, decision or action -> its meeting.
    MEETING_OF = "meeting";
    /// Property: decision or action -> its agenda item.
    AGENDA_ITEM_OF = "agendaItem";
    /// Property: agenda item -> person presenting it.
    PRESENTER = "presenter";
    /// Property: agenda item -> the topic thread it belongs to.
    TOPIC_OF = "topic";
    /// Property: topic -> the first meeting it was discussed in.
    FIRST_MEETING = "firstMeeting";
    /// Property: topic -> the last meeting it was discussed in.
    LAST_MEETING = "lastMeeting";
    /// Property: issue -> a meeting that records it merged or closed.
    CLOSED_IN = "closedIn";
    /// Property: date of a topic's first meeting.
    FIRST_DATE = "firstDate";
    /// Property: date of a topic's last meeting.
    LAST_DATE = "lastDate";
    /// Property: number of meetings a topic was discussed in.
    MEETING_COUNT = "meetingCount";
}

namespace! {
    /// The schema.org terms minutegraph uses (`schema:`).
    schema, "schema", "https://schema.org/";
    /// Class: an event (every meeting is one).
    EVENT = "Event";
    /// Class: a person.
    PERSON = "Person";
    /// Class: a software application (every service is one).
    SOFTWARE_APPLICATION = "SoftwareApplication";
    /// Class: an action (every action item is one).
    ACTION = "Action";
    /// Property: name or title.
    NAME = "name";
    /// Property: another name.
    ALTERNATE_NAME = "alternateName";
    /// Property: date a meeting started.
    START_DATE = "startDate";
    /// Property: a web address.
    URL = "url";
    /// Property: the text of a decision or action.
    TEXT = "text";
    /// Property: meeting -> person present.
    ATTENDEE = "attendee";
    /// Property: something mentioned.
    MENTIONS = "mentions";
    /// Property: action -> person to do it.
    AGENT = "agent";
    /// Property: the SHA-256 digest of a graph's content (in a push manifest).
    SHA256 = "sha256";
}

namespace! {
    /// The W3C provenance terms minutegraph uses (`prov:`).
    prov, "prov", "http://www.w3.org/ns/prov#";
    /// Property: occurrence or entity -> the source file it was read from.
    WAS_DERIVED_FROM = "wasDerivedFrom";
}

namespace! {
    /// RDF terms (`rdf:`).
    rdf, "rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    /// Property: the class of a resource.
    TYPE = "type";
}

namespace! {
    /// RDF Schema terms (`rdfs:`); declared as a prefix for readers of the output.
    rdfs, "rdfs", "http://www.w3.org/2000/01/rdf-schema#";
    /// Property: a human-readable name.
    LABEL = "label";
}

namespace! {
    /// XML Schema datatypes (`xsd:`).
    xsd, "xsd", "http://www.w3.org/2001/XMLSchema#";
    /// Datatype: a plain string.
    STRING = "string";
    /// Datatype: a calendar date `YYYY-MM-DD`.
    DATE = "date";
    /// Datatype: an integer.
    INTEGER = "integer";
}

/// The prefix written for the base IRI (entity IRIs) in Turtle and JSON-LD.
pub const BASE_PREFIX: &str = "mgid";

/// Path segment (under the base IRI) of the IRIs that name source files.
pub const SOURCE_SEGMENT: &str = "source/";

/// Every vocabulary namespace as `(prefix, namespace IRI)`, in the order written.
pub const PREFIXES: [(&str, &str); 6] = [
    (mg::PREFIX, mg::NS),
    (schema::PREFIX, schema::NS),
    (prov::PREFIX, prov::NS),
    (rdf::PREFIX, rdf::NS),
    (rdfs::PREFIX, rdfs::NS),
    (xsd::PREFIX, xsd::NS),
];

/// The terms of every namespace above.
pub const TERMS: [&[NamedNodeRef<'static>]; 6] = [
    mg::ALL,
    schema::ALL,
    prov::ALL,
    rdf::ALL,
    rdfs::ALL,
    xsd::ALL,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_live_in_their_namespace() {
        for (_, ns) in PREFIXES {
            assert!(ns.ends_with('/') || ns.ends_with('#'));
        }
        for term in mg::ALL {
            assert!(term.as_str().starts_with(mg::NS));
        }
        assert_eq!(
            mg::MEETING.as_str(),
            "https://w3id.org/minutegraph/ns#Meeting"
        );
        assert_eq!(rdf::TYPE, oxrdf::vocab::rdf::TYPE);
        assert_eq!(xsd::DATE, oxrdf::vocab::xsd::DATE);
    }

    #[test]
    fn terms_are_valid_iris() {
        for term in TERMS.into_iter().flatten() {
            assert!(oxrdf::NamedNode::new(term.as_str()).is_ok(), "{term}");
        }
    }
}
