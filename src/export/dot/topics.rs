//! The `topics` view: topic threads as rows against time as columns, like a
//! chart of when each topic came up.
//!
//! The [`TOPIC_TOP`] topics discussed in most meetings are drawn (ties by
//! name) unless `top` says otherwise. Columns are the meetings themselves
//! when there are at most [`TOPIC_COLUMNS`] of them, else months, quarters,
//! years or spans of years, whichever is the finest that fits. Each row joins
//! a topic's first and last column with a line and marks the columns it was
//! discussed in with the number of its meetings there, so the drawing keeps
//! the same size however many meetings there are.

use super::index::{Index, date};
use super::writer::{close, custom_node, edge, escape, name, node_id, open, style};
use crate::model::{EdgeKind, Node, NodeKind};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Topics drawn when `top` is not given.
pub const TOPIC_TOP: usize = 20;

/// Most columns when `row` is not given.
pub const TOPIC_COLUMNS: usize = 16;

/// A topic and the meetings it was discussed in, in date order.
struct Thread<'g> {
    topic: &'g Node,
    meetings: Vec<&'g Node>,
}

/// One column: its heading and the meetings in it.
struct Step<'g> {
    heading: String,
    meetings: Vec<&'g Node>,
}

/// Writes the topics view.
pub fn write(
    index: &Index<'_>,
    top: Option<usize>,
    columns: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    open(out, "rankdir=LR, newrank=true, nodesep=0.08, ranksep=0.1")?;
    let mut threads = threads(index);
    let total = threads.len();
    threads.truncate(top.unwrap_or(TOPIC_TOP));
    let mut seen: Vec<&Node> = threads.iter().flat_map(|t| t.meetings.clone()).collect();
    seen.sort_by_key(|m| m.id.as_str());
    seen.dedup_by_key(|m| m.id.as_str());
    let order = order(index);
    seen.sort_by_key(|m| order.get(m.id.as_str()));
    let (steps, unit) = steps(index, &seen, columns.unwrap_or(TOPIC_COLUMNS).max(1));
    if !threads.is_empty() {
        write_headings(out, &steps, unit == "meeting")?;
        write_rows(out, &threads, &steps, unit == "meeting")?;
        write_ranks(out, &threads, &steps)?;
    }
    let what = match (threads.len(), total) {
        (0, _) => "No topic threads".to_string(),
        (n, t) if n == t => format!("Topic threads: all {t}"),
        (n, t) => format!("Topic threads: the {n} of {t} discussed in most meetings"),
    };
    let when = match (steps.first(), steps.last()) {
        (Some(first), Some(last)) if steps.len() > 1 => {
            let per = if unit == "meeting" {
                String::new()
            } else {
                format!(" by {unit}")
            };
            let brackets = if unit == "meeting" {
                String::new()
            } else {
                format!(" (in brackets: all meetings of each {unit})")
            };
            format!(
                "; their {} meetings{per}, {} – {}{brackets}",
                seen.len(),
                first.heading,
                last.heading
            )
        }
        _ => String::new(),
    };
    close(out, &[format!("{what}{when}")])
}

/// The position of each meeting in date order.
fn order<'g>(index: &Index<'g>) -> BTreeMap<&'g str, usize> {
    index
        .meetings
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect()
}

/// Every topic with its meetings, most discussed first, ties by name.
fn threads<'g>(index: &Index<'g>) -> Vec<Thread<'g>> {
    let order = order(index);
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
        .filter(|t| !t.meetings.is_empty())
        .collect();
    threads.sort_by(|a, b| {
        b.meetings
            .len()
            .cmp(&a.meetings.len())
            .then_with(|| {
                name(a.topic)
                    .to_lowercase()
                    .cmp(&name(b.topic).to_lowercase())
            })
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

/// The columns for `meetings` (in date order), at most `limit` of them, and
/// the name of their unit. Undated meetings get a column of their own.
fn steps<'g>(
    index: &Index<'g>,
    meetings: &[&'g Node],
    limit: usize,
) -> (Vec<Step<'g>>, &'static str) {
    if meetings.len() <= limit {
        let steps = meetings
            .iter()
            .map(|m| Step {
                heading: date(m).map_or_else(|| name(m).to_string(), str::to_string),
                meetings: vec![*m],
            })
            .collect();
        return (steps, "meeting");
    }
    let months: Vec<u32> = meetings.iter().filter_map(|m| month(m)).collect();
    let undated = months.len() < meetings.len();
    let limit = if undated {
        limit.saturating_sub(1).max(1)
    } else {
        limit
    };
    let (first, last) = match (months.iter().min(), months.iter().max()) {
        (Some(&first), Some(&last)) => (first, last),
        _ => (0, 0),
    };
    let period = Period::fitting(first, last, limit);
    let mut steps: Vec<Step<'g>> = Vec::new();
    if !months.is_empty() {
        for start in (period.start(first)..=last).step_by(period.months() as usize) {
            steps.push(Step {
                heading: period.heading(start),
                meetings: Vec::new(),
            });
        }
    }
    if undated {
        steps.push(Step {
            heading: "undated".to_string(),
            meetings: Vec::new(),
        });
    }
    let start = period.start(first);
    // Every meeting of the graph counts in its column, not only those of drawn topics.
    for meeting in &index.meetings {
        let column = match month(meeting) {
            Some(m) if m >= start && m <= last => (m - start) / period.months(),
            Some(_) => continue,
            None if undated => steps.len() as u32 - 1,
            None => continue,
        };
        steps[column as usize].meetings.push(meeting);
    }
    (steps, period.unit())
}

/// A meeting's month as `year * 12 + month - 1`, when its date has one.
fn month(meeting: &Node) -> Option<u32> {
    let date = date(meeting)?;
    let year: u32 = date.get(..4)?.parse().ok()?;
    let month: u32 = date.get(5..7)?.parse().ok()?;
    (date.as_bytes().get(4) == Some(&b'-') && (1..=12).contains(&month))
        .then(|| year * 12 + month - 1)
}

/// The length of a column: months, quarters, years or spans of years.
#[derive(Clone, Copy)]
enum Period {
    Month,
    Quarter,
    Years(u32),
}

impl Period {
    /// The finest period that covers `first..=last` (months) in at most `limit` columns.
    fn fitting(first: u32, last: u32, limit: usize) -> Period {
        let limit = limit as u32;
        let columns = |p: Period| (last - p.start(first)) / p.months() + 1;
        [Period::Month, Period::Quarter, Period::Years(1)]
            .into_iter()
            .find(|&p| columns(p) <= limit)
            .unwrap_or_else(|| {
                let years = last / 12 - first / 12 + 1;
                Period::Years(years.div_ceil(limit))
            })
    }

    fn months(self) -> u32 {
        match self {
            Period::Month => 1,
            Period::Quarter => 3,
            Period::Years(n) => 12 * n,
        }
    }

    /// The first month of the column holding `month`, counted from the start of its year.
    fn start(self, month: u32) -> u32 {
        match self {
            Period::Years(_) => month - month % 12,
            p => month - month % p.months(),
        }
    }

    fn heading(self, start: u32) -> String {
        let (year, month) = (start / 12, start % 12 + 1);
        match self {
            Period::Month => format!("{year}-{month:02}"),
            Period::Quarter => format!("{year} Q{}", month.div_ceil(3)),
            Period::Years(1) => format!("{year}"),
            Period::Years(n) => format!("{year}–{}", year + n - 1),
        }
    }

    fn unit(self) -> &'static str {
        match self {
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Years(1) => "year",
            Period::Years(_) => "span of years",
        }
    }
}

fn cell_id(topic: &Node, column: usize) -> String {
    format!("#cell/{}/{column}", node_id(topic))
}

fn heading_id(column: usize) -> String {
    format!("#column/{column}")
}

/// The column headings, with their number of meetings unless each column is one meeting.
fn write_headings(out: &mut dyn Write, steps: &[Step<'_>], single: bool) -> io::Result<()> {
    writeln!(out)?;
    custom_node(out, "  ", "#column", &[String::new()], "plaintext", "white")?;
    for (n, step) in steps.iter().enumerate() {
        let mut lines = vec![step.heading.clone()];
        if !single {
            lines.push(format!("({})", step.meetings.len()));
        }
        custom_node(out, "  ", &heading_id(n), &lines, "plaintext", "white")?;
    }
    Ok(())
}

/// Each topic and its cells, joined from its first to its last column.
fn write_rows(
    out: &mut dyn Write,
    threads: &[Thread<'_>],
    steps: &[Step<'_>],
    single: bool,
) -> io::Result<()> {
    let (shape, fill) = style(NodeKind::Topic);
    for thread in threads {
        writeln!(out)?;
        let lines = [
            name(thread.topic).to_string(),
            plural(thread.meetings.len(), "meeting"),
        ];
        custom_node(out, "  ", &node_id(thread.topic), &lines, shape, fill)?;
        let counts: Vec<usize> = steps
            .iter()
            .map(|s| {
                let ids: Vec<&str> = s.meetings.iter().map(|m| m.id.as_str()).collect();
                thread
                    .meetings
                    .iter()
                    .filter(|m| ids.contains(&m.id.as_str()))
                    .count()
            })
            .collect();
        for (n, &count) in counts.iter().enumerate() {
            let id = escape(&cell_id(thread.topic, n));
            if count == 0 {
                writeln!(
                    out,
                    "  \"{id}\" [label=\"\", shape=point, width=0.01, style=invis];"
                )?;
            } else {
                let label = if single {
                    String::new()
                } else {
                    count.to_string()
                };
                writeln!(
                    out,
                    "  \"{id}\" [label=\"{label}\", shape=circle, width=0.3, fixedsize=true, fontsize=8, fillcolor=\"#a1d99b\"];"
                )?;
            }
        }
        let first = counts.iter().position(|&c| c > 0).unwrap_or(0);
        let last = counts.iter().rposition(|&c| c > 0).unwrap_or(0);
        let mut previous = node_id(thread.topic);
        for n in 0..counts.len() {
            let cell = cell_id(thread.topic, n);
            let extra = if n > first && n <= last {
                ", color=\"#74a36f\", penwidth=2, arrowhead=none, weight=10"
            } else {
                ", style=invis, weight=10"
            };
            edge(out, &previous, &cell, "", extra)?;
            previous = cell;
        }
    }
    Ok(())
}

/// One rank per column (heading and cells) and for the topics, each ordered
/// top to bottom as the topics are, by invisible edges.
fn write_ranks(out: &mut dyn Write, threads: &[Thread<'_>], steps: &[Step<'_>]) -> io::Result<()> {
    writeln!(out)?;
    let mut ranks: Vec<Vec<String>> = Vec::new();
    ranks.push(
        std::iter::once("#column".to_string())
            .chain(threads.iter().map(|t| node_id(t.topic)))
            .collect(),
    );
    for n in 0..steps.len() {
        ranks.push(
            std::iter::once(heading_id(n))
                .chain(threads.iter().map(|t| cell_id(t.topic, n)))
                .collect(),
        );
    }
    let mut previous = "#column".to_string();
    for n in 0..steps.len() {
        edge(out, &previous, &heading_id(n), "", ", style=invis")?;
        previous = heading_id(n);
    }
    for rank in &ranks {
        let quoted: Vec<String> = rank
            .iter()
            .map(|id| format!("\"{}\"", escape(id)))
            .collect();
        writeln!(out, "  {{ rank=same; {} }}", quoted.join("; "))?;
        // In a left-to-right graph a flat edge puts its head below its tail.
        for pair in rank.windows(2) {
            edge(out, &pair[0], &pair[1], "", ", style=invis")?;
        }
    }
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
