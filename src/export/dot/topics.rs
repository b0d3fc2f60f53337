//! The `topics` view: topic threads linked to the meetings they were discussed
//! in, with the meetings on one line in date order.
//!
//! Two limits keep it readable: at most [`TOPIC_LIMIT`] topics are drawn (the
//! ones discussed in most meetings, then the earliest), and when they would
//! pull in more than [`MEETING_LIMIT`] meetings, each topic is linked only to
//! its first and last meeting (its label still counts them all).

use super::index::Index;
use super::writer::{custom_node, edge, node, node_id, open, style};
use crate::model::{EdgeKind, Node, NodeKind};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

/// Most topics drawn.
pub const TOPIC_LIMIT: usize = 40;

/// Most meetings drawn before topics are linked to their first and last meeting only.
pub const MEETING_LIMIT: usize = 80;

/// A topic and the meetings it was discussed in, in date order.
struct Thread<'g> {
    topic: &'g Node,
    meetings: Vec<&'g Node>,
}

/// Writes the topics view.
pub fn write(index: &Index<'_>, out: &mut dyn Write) -> io::Result<()> {
    open(out, "rankdir=LR, newrank=true")?;
    let mut threads = threads(index);
    let hidden = threads.split_off(threads.len().min(TOPIC_LIMIT));
    let every: BTreeSet<&str> = threads
        .iter()
        .flat_map(|t| t.meetings.iter().map(|m| m.id.as_str()))
        .collect();
    let all_links = every.len() <= MEETING_LIMIT;
    let links: Vec<(&Node, Vec<&Node>)> = threads
        .iter()
        .map(|t| (t.topic, linked(t, all_links)))
        .collect();
    let shown: BTreeSet<&str> = links
        .iter()
        .flat_map(|(_, ms)| ms.iter().map(|m| m.id.as_str()))
        .collect();
    let timeline: Vec<&Node> = index
        .meetings
        .iter()
        .copied()
        .filter(|m| shown.contains(m.id.as_str()))
        .collect();
    write_timeline(out, &timeline)?;
    write_topics(out, &threads, &hidden)?;
    writeln!(out)?;
    for (topic, meetings) in &links {
        for meeting in meetings {
            edge(out, &node_id(topic), &node_id(meeting), "", "")?;
        }
    }
    writeln!(out, "}}")
}

/// Every topic with its meetings, most discussed first.
fn threads<'g>(index: &Index<'g>) -> Vec<Thread<'g>> {
    let order: BTreeMap<&str, usize> = index
        .meetings
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect();
    let mut threads: Vec<Thread<'g>> = index
        .graph
        .nodes()
        .filter(|(_, n)| n.kind() == NodeKind::Topic)
        .map(|(idx, topic)| {
            let mut meetings: Vec<&Node> = index
                .graph
                .edges_to(idx)
                .into_iter()
                .filter(|(e, _)| e.kind == EdgeKind::Topic)
                .filter_map(|(_, item)| index.meeting_of(item))
                .chain(first_and_last(index, topic))
                .collect();
            meetings.sort_by_key(|m| (order.get(m.id.as_str()), m.id.as_str()));
            meetings.dedup_by_key(|m| m.id.as_str());
            Thread { topic, meetings }
        })
        .collect();
    let first = |t: &Thread<'_>| t.meetings.first().and_then(|m| order.get(m.id.as_str()));
    threads.sort_by(|a, b| {
        b.meetings
            .len()
            .cmp(&a.meetings.len())
            .then_with(|| first(a).cmp(&first(b)))
            .then_with(|| a.topic.id.cmp(&b.topic.id))
    });
    threads
}

/// The meetings a topic's first and last meeting edges point to.
fn first_and_last<'g>(index: &Index<'g>, topic: &Node) -> Vec<&'g Node> {
    let Some(idx) = index.graph.find(&topic.id) else {
        return Vec::new();
    };
    index
        .graph
        .edges_from(idx)
        .into_iter()
        .filter(|(e, to)| {
            matches!(e.kind, EdgeKind::FirstMeeting | EdgeKind::LastMeeting)
                && to.kind() == NodeKind::Meeting
        })
        .map(|(_, to)| to)
        .collect()
}

/// The meetings a thread is drawn linked to.
fn linked<'g>(thread: &Thread<'g>, all: bool) -> Vec<&'g Node> {
    if all || thread.meetings.len() <= 2 {
        return thread.meetings.clone();
    }
    let first = thread.meetings[0];
    let last = thread.meetings[thread.meetings.len() - 1];
    vec![first, last]
}

/// The meetings in one rank-ordered row, chained in date order.
fn write_timeline(out: &mut dyn Write, meetings: &[&Node]) -> io::Result<()> {
    writeln!(out)?;
    for meeting in meetings {
        node(out, "  ", meeting)?;
    }
    for pair in meetings.windows(2) {
        let extra = ", color=\"#bbbbbb\", arrowhead=none, weight=10";
        edge(out, &node_id(pair[0]), &node_id(pair[1]), "", extra)?;
    }
    Ok(())
}

/// The topic nodes, labelled with their meeting count, and a note on any left out.
fn write_topics(
    out: &mut dyn Write,
    shown: &[Thread<'_>],
    hidden: &[Thread<'_>],
) -> io::Result<()> {
    writeln!(out)?;
    let (shape, fill) = style(NodeKind::Topic);
    for thread in shown {
        let count = thread.meetings.len();
        let lines = [
            super::writer::name(thread.topic).to_string(),
            format!("{count} meeting{}", if count == 1 { "" } else { "s" }),
        ];
        custom_node(out, "  ", &node_id(thread.topic), &lines, shape, fill)?;
    }
    if !hidden.is_empty() {
        let lines = [format!(
            "+ {} more topics, each in at most {} meetings",
            hidden.len(),
            hidden[0].meetings.len()
        )];
        custom_node(out, "  ", "#more/topics", &lines, "plaintext", "white")?;
    }
    Ok(())
}
