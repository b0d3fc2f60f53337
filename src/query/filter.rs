//! Which decisions and actions a list keeps: those about a topic and those of
//! meetings within a date range.

use super::{graph, matching};
use crate::model::{EdgeKind, KnowledgeGraph, NodeKind};
use jiff::civil::Date;
use petgraph::stable_graph::NodeIndex;
use std::collections::BTreeSet;

/// What to keep; the default keeps everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only occurrences about this: recorded under an agenda item of a topic
    /// thread it names (like a timeline's `--topic`), or whose text, or whose
    /// agenda item's name, contains it (any case, punctuation ignored).
    pub topic: Option<String>,
    /// Only occurrences of meetings on or after this date (undated ones are dropped).
    pub since: Option<Date>,
    /// Only occurrences of meetings on or before this date (undated ones are dropped).
    pub until: Option<Date>,
}

/// Whether a meeting dated `date` (`YYYY-MM-DD`) lies within `since` and
/// `until`, both included; without either bound every meeting does, with one
/// an undated meeting does not.
pub(crate) fn in_window(date: Option<&str>, since: Option<Date>, until: Option<Date>) -> bool {
    if since.is_none() && until.is_none() {
        return true;
    }
    let Some(date) = date.and_then(|d| d.parse::<Date>().ok()) else {
        return false;
    };
    since.is_none_or(|s| date >= s) && until.is_none_or(|u| date <= u)
}

/// A [`Filter`] with its topic threads looked up once in one graph.
pub(crate) struct Prepared<'a> {
    filter: &'a Filter,
    words: Option<String>,
    topics: BTreeSet<NodeIndex>,
}

impl Filter {
    pub(crate) fn prepare(&self, graph: &KnowledgeGraph) -> Prepared<'_> {
        let topics = self
            .topic
            .as_deref()
            .map(|q| matching::find_nodes(graph, NodeKind::Topic, q))
            .unwrap_or_default()
            .into_iter()
            .collect();
        Prepared {
            filter: self,
            words: self
                .topic
                .as_deref()
                .map(matching::normalise)
                .filter(|w| !w.is_empty()),
            topics,
        }
    }
}

impl Prepared<'_> {
    /// Whether the decision or action `idx`, of a meeting on `date`, is kept.
    pub(crate) fn keeps(&self, graph: &KnowledgeGraph, idx: NodeIndex, date: Option<&str>) -> bool {
        self.in_window(date) && self.about_topic(graph, idx)
    }

    fn in_window(&self, date: Option<&str>) -> bool {
        in_window(date, self.filter.since, self.filter.until)
    }

    fn about_topic(&self, graph: &KnowledgeGraph, idx: NodeIndex) -> bool {
        if self.filter.topic.is_none() {
            return true;
        }
        let item = graph::item_of(graph, idx);
        if item
            .and_then(|i| graph::target(graph, i, EdgeKind::Topic))
            .is_some_and(|t| self.topics.contains(&t))
        {
            return true;
        }
        let Some(words) = &self.words else {
            return false;
        };
        let contains = |text: &str| {
            let text = matching::normalise(text);
            text == *words
                || text.starts_with(&format!("{words} "))
                || text.ends_with(&format!(" {words}"))
                || text.contains(&format!(" {words} "))
        };
        contains(&graph.node(idx).label) || item.is_some_and(|i| contains(&graph.node(i).label))
    }
}
