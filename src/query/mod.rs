//! Questions asked of a finished [`KnowledgeGraph`](crate::model::KnowledgeGraph):
//! the timeline of a topic, service, person or issue across meetings, the list of
//! action items, and a summary row per entity.
//!
//! Results are plain serde types in a fixed order, independent of any output
//! format; the CLI renders them as Markdown, JSON, CSV, Mermaid or HTML.
//! [`sparql`] answers any SPARQL 1.1 query over the same graph, and
//! [`shipped`] holds the ready-made questions of the `queries/` folder.

mod actions;
mod decisions;
mod entities;
mod filter;
pub(crate) mod graph;
mod matching;
mod select;
pub mod shipped;
pub mod sparql;
mod timeline;

pub use actions::{ActionRow, StatusEvidence, actions};
pub use decisions::{DecisionRow, decisions};
pub use entities::{EntityKind, EntityOrder, EntityRow, entities, sort as sort_entities};
pub use filter::Filter;
pub use matching::{find_nodes, suggestions};
pub use select::{Selection, select};
pub use timeline::{
    ActionSummary, DecisionSummary, Matched, Timeline, TimelineEntry, timeline, timeline_of,
};

use crate::model::{ActionStatus, NodeKind};
use serde::{Deserialize, Serialize};

/// What a timeline follows: the text is matched forgivingly against names,
/// aliases, handles, issue keys and id slugs of nodes of one kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "query", rename_all = "lowercase")]
pub enum Selector {
    /// A topic thread, by name or id slug.
    Topic(String),
    /// A service, by name, alias or id slug.
    Service(String),
    /// A person, by name, alias, handle or id slug.
    Person(String),
    /// An issue, by key (`owner/repo#N`, `repo#N`, `#N`, `PROJ-N`), URL or id slug.
    Issue(String),
}

impl Selector {
    /// The kind of node this selector matches.
    pub fn kind(&self) -> NodeKind {
        match self {
            Selector::Topic(_) => NodeKind::Topic,
            Selector::Service(_) => NodeKind::Service,
            Selector::Person(_) => NodeKind::Person,
            Selector::Issue(_) => NodeKind::Issue,
        }
    }

    /// The text to match.
    pub fn query(&self) -> &str {
        match self {
            Selector::Topic(q)
            | Selector::Service(q)
            | Selector::Person(q)
            | Selector::Issue(q) => q,
        }
    }

    /// Lower-case name of the kind (`topic`, `service`, `person`, `issue`).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Selector::Topic(_) => "topic",
            Selector::Service(_) => "service",
            Selector::Person(_) => "person",
            Selector::Issue(_) => "issue",
        }
    }
}

/// Whether an action item is still to do (serialised as `open` / `done`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Still to do.
    Open,
    /// Done.
    Done,
    /// Nothing in the minutes says.
    Unknown,
}

impl Status {
    /// Lower-case name (`open`, `done`, `unknown`).
    pub fn name(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Done => "done",
            Status::Unknown => "unknown",
        }
    }
}

impl From<ActionStatus> for Status {
    fn from(status: ActionStatus) -> Self {
        match status {
            ActionStatus::Open => Status::Open,
            ActionStatus::Done => Status::Done,
            ActionStatus::Unknown => Status::Unknown,
        }
    }
}

/// The date of the latest dated meeting of `graph`.
pub fn latest_meeting_date(graph: &crate::model::KnowledgeGraph) -> Option<jiff::civil::Date> {
    graph
        .nodes()
        .filter_map(|(_, n)| match &n.data {
            crate::model::NodeData::Meeting { date: Some(d), .. } => d.parse().ok(),
            _ => None,
        })
        .max()
}

/// A row that was read at a place in a dated meeting.
pub(crate) trait Dated {
    /// Meeting date, source, line and id.
    fn place(&self) -> (Option<&str>, &str, u32, &str);
}

/// Sorts rows by meeting date (undated last), source, line, then id.
pub(crate) fn sort_by_date<T: Dated>(rows: &mut [T]) {
    rows.sort_by(|a, b| {
        let (ad, asrc, al, aid) = a.place();
        let (bd, bsrc, bl, bid) = b.place();
        date_order(ad, asrc, al)
            .cmp(&date_order(bd, bsrc, bl))
            .then_with(|| aid.cmp(bid))
    });
}

/// Order key for dated things: dated before undated, then by date, source and line.
pub(crate) fn date_order<'a>(
    date: Option<&'a str>,
    source: &'a str,
    line: u32,
) -> (bool, Option<&'a str>, &'a str, u32) {
    (date.is_none(), date, source, line)
}

#[cfg(test)]
mod tests;
