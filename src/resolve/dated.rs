//! The first and last meeting of every topic, and how many meetings took it
//! up, gathered while agenda items are linked to their topics: one look per
//! item, not a walk over the graph once it is built.

use crate::model::{EdgeKind, KnowledgeGraph, Node, NodeData, NodeKind};
use petgraph::stable_graph::NodeIndex;
use std::cmp::Ordering;

/// The meetings each topic was taken up at so far.
#[derive(Debug, Default)]
pub struct TopicDates {
    /// By the index of the topic's node: a graph's node indices are dense.
    spans: Vec<Option<Span>>,
}

/// The meetings one topic was taken up at.
#[derive(Debug)]
struct Span {
    /// The earliest meeting: by date (undated after every dated one), then id.
    first: NodeIndex,
    /// The latest meeting with a date.
    last_dated: Option<NodeIndex>,
    /// The greatest meeting by id, for topics of undated meetings only.
    last_undated: Option<NodeIndex>,
    /// How many meetings.
    count: u32,
    /// The meeting counted last: a meeting's items are all added before the next
    /// meeting's, so a topic taken up twice in one meeting is counted once.
    latest: NodeIndex,
}

/// A meeting's place in time: dated before undated, then by date, then by id.
fn when(node: &Node) -> (bool, Option<&str>, &str) {
    let date = match &node.data {
        NodeData::Meeting { date, .. } => date.as_deref(),
        _ => None,
    };
    (date.is_none(), date, &node.id)
}

fn earlier(graph: &KnowledgeGraph, a: NodeIndex, b: NodeIndex) -> bool {
    when(graph.node(a)).cmp(&when(graph.node(b))) == Ordering::Less
}

fn is_dated(graph: &KnowledgeGraph, meeting: NodeIndex) -> bool {
    !when(graph.node(meeting)).0
}

impl TopicDates {
    /// `topic` was taken up at `meeting` (a meeting node of `graph`).
    pub fn seen(&mut self, graph: &KnowledgeGraph, topic: NodeIndex, meeting: NodeIndex) {
        let dated = is_dated(graph, meeting);
        if self.spans.len() <= topic.index() {
            self.spans.resize_with(topic.index() + 1, || None);
        }
        let slot = &mut self.spans[topic.index()];
        let Some(span) = slot else {
            *slot = Some(Span {
                first: meeting,
                last_dated: dated.then_some(meeting),
                last_undated: (!dated).then_some(meeting),
                count: 1,
                latest: meeting,
            });
            return;
        };
        if span.latest == meeting {
            return;
        }
        span.latest = meeting;
        span.count += 1;
        if earlier(graph, meeting, span.first) {
            span.first = meeting;
        }
        let last = if dated {
            &mut span.last_dated
        } else {
            &mut span.last_undated
        };
        if last.is_none_or(|l| earlier(graph, l, meeting)) {
            *last = Some(meeting);
        }
    }

    /// Gives every topic of `graph` its first and last meeting (by date, then
    /// id), linked from the topic, and its meeting count.
    pub fn apply(mut self, graph: &mut KnowledgeGraph) {
        let topics: Vec<NodeIndex> = graph
            .nodes()
            .filter(|(_, n)| n.kind() == NodeKind::Topic)
            .map(|(i, _)| i)
            .collect();
        for topic in topics {
            let Some(span) = self.spans.get_mut(topic.index()).and_then(Option::take) else {
                continue;
            };
            let last = span.last_dated.or(span.last_undated).unwrap_or(span.first);
            let date = |m: NodeIndex| when(graph.node(m)).1.map(str::to_string);
            let place = |m: NodeIndex| graph.node(m).origin().copied();
            let data = NodeData::Topic {
                first_date: date(span.first),
                last_date: date(last),
                meetings: span.count,
            };
            let (first_place, last_place) = (place(span.first), place(last));
            *graph.node_data_mut(topic) = data;
            if let (Some(first_place), Some(last_place)) = (first_place, last_place) {
                graph.relate(topic, span.first, EdgeKind::FirstMeeting, first_place);
                graph.relate(topic, last, EdgeKind::LastMeeting, last_place);
            }
        }
    }
}
