//! The `meeting` view: one cluster per meeting with its agenda items,
//! decisions and actions as an outline, the meetings in date order in rows
//! of [`MEETINGS_PER_ROW`] (see [`layout`](super::layout)).
//!
//! People, services, issues and topics are left out. Each agenda item is
//! drawn once, followed by the decisions and actions recorded under it: an
//! item that repeats an earlier one of the same meeting (minutes often list
//! the agenda, then discuss each point under a heading of the same name) is
//! folded into it. Only the latest [`MEETING_TOP`] meetings are drawn unless
//! `top` says otherwise, and a meeting with more than [`COLUMN_LIMIT`]
//! occurrences ([`MEETING_DETAIL_LIMIT`] when it is drawn alone) shows the
//! first ones and a note counting the rest, so the drawing stays within a page.

use super::index::{Index, date};
use super::layout::{Block, write_grid};
use super::writer::{close, custom_node, node, node_id, open, open_cluster};
use crate::model::{EdgeKind, Node, NodeKind};
use crate::resolve::normalise_title;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Most agenda items, decisions and actions drawn of a meeting drawn alone,
/// in columns of [`COLUMN_LIMIT`].
pub const MEETING_DETAIL_LIMIT: usize = 40;

/// Most occurrences in one column, and drawn of each meeting when there are
/// several.
pub const COLUMN_LIMIT: usize = 20;

/// Meetings drawn when `top` is not given: the latest ones.
pub const MEETING_TOP: usize = 8;

/// Meetings in one row when `row` is not given.
pub const MEETINGS_PER_ROW: usize = 4;

/// Shortest normalised title, in words, that may stand for a longer one
/// starting with it ("Issues for vote" and "Issues for vote (list them)").
const PREFIX_WORDS: usize = 3;

/// Writes the meeting view of the latest `top` meetings, `per_row` to a row.
pub fn write(
    index: &Index<'_>,
    top: Option<usize>,
    per_row: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    open(out, "rankdir=TB, newrank=true, nodesep=0.15, ranksep=0.12")?;
    writeln!(out, "  node [height=0.3];")?;
    let shown = latest(&index.meetings, top.unwrap_or(MEETING_TOP));
    // One column each keeps a row of meetings as wide as the row allows.
    let limit = if shown.len() == 1 {
        MEETING_DETAIL_LIMIT
    } else {
        COLUMN_LIMIT
    };
    let mut blocks = Vec::new();
    for (n, meeting) in shown.iter().enumerate() {
        let source = meeting.origin().map_or("", |p| &*p.source);
        open_cluster(out, n, source)?;
        node(out, "    ", meeting)?;
        let outline = outline(index, meeting);
        let drawn = &outline[..outline.len().min(limit)];
        let mut ids: Vec<String> = Vec::new();
        for member in drawn {
            node(out, "    ", member)?;
            ids.push(node_id(member));
        }
        let hidden = &outline[drawn.len()..];
        if !hidden.is_empty() {
            let id = format!("#more/{}", node_id(meeting));
            let lines = [format!("+ {}", count_kinds(hidden))];
            custom_node(out, "    ", &id, &lines, "plaintext", "white")?;
            ids.push(id);
        }
        writeln!(out, "  }}")?;
        // Balanced columns of at most COLUMN_LIMIT (only a meeting drawn alone has more).
        let columns = drawn.len().div_ceil(COLUMN_LIMIT).max(1);
        let rows = ids.len().div_ceil(columns);
        blocks.push(Block::new(node_id(meeting), ids, rows, true));
    }
    write_grid(out, &blocks, per_row.unwrap_or(MEETINGS_PER_ROW))?;
    let mut label = Vec::new();
    if shown.len() < index.meetings.len() {
        label.push(format!(
            "The latest {} of {} meetings{}",
            shown.len(),
            index.meetings.len(),
            span(&shown)
        ));
    }
    close(out, &label)
}

/// The last `top` of `meetings` (in date order, undated ones counting as the oldest).
fn latest<'g>(meetings: &[&'g Node], top: usize) -> Vec<&'g Node> {
    let (dated, undated): (Vec<&Node>, Vec<&Node>) =
        meetings.iter().partition(|m| date(m).is_some());
    let all: Vec<&Node> = undated.into_iter().chain(dated).collect();
    all[all.len().saturating_sub(top)..].to_vec()
}

/// ", 2024-01-01 – 2024-06-30" for the dated meetings of `meetings`.
fn span(meetings: &[&Node]) -> String {
    let dates: Vec<&str> = meetings.iter().filter_map(|m| date(m)).collect();
    match (dates.first(), dates.last()) {
        (Some(first), Some(last)) if first != last => format!(", {first} – {last}"),
        (Some(first), _) => format!(", {first}"),
        _ => String::new(),
    }
}

/// The occurrences of `meeting` to draw, in order: each agenda item once
/// (repeats folded into the first), followed by the decisions and actions
/// recorded under it or under its repeats; the rest in line order.
fn outline<'g>(index: &Index<'g>, meeting: &Node) -> Vec<&'g Node> {
    let members = index.members(meeting);
    let repeats = repeats(index, members);
    let item_of = |n: &Node| -> Option<&'g str> {
        let parent = parent_item(index, n)?;
        Some(repeats.get(parent).copied().unwrap_or(parent))
    };
    let mut under: BTreeMap<&str, Vec<&'g Node>> = BTreeMap::new();
    for member in members {
        if member.kind() != NodeKind::AgendaItem
            && let Some(item) = item_of(member)
        {
            under.entry(item).or_default().push(member);
        }
    }
    let mut out = Vec::new();
    for member in members {
        if member.kind() == NodeKind::AgendaItem {
            if repeats.contains_key(member.id.as_str()) {
                continue;
            }
            out.push(*member);
            out.extend(under.remove(member.id.as_str()).unwrap_or_default());
        } else if item_of(member).is_none() {
            out.push(*member);
        }
    }
    // Occurrences under an item of another meeting keep their line order at the end.
    out.extend(under.into_values().flatten());
    out
}

/// Agenda items of one meeting that repeat an earlier item of it, each
/// mapped to the id of that earlier item: the same topic thread, the same
/// normalised title, or a title that starts with the other's (of at least
/// [`PREFIX_WORDS`] words).
fn repeats<'g>(index: &Index<'g>, members: &[&'g Node]) -> BTreeMap<&'g str, &'g str> {
    let mut kept: Vec<(&'g str, Option<&'g str>, String)> = Vec::new();
    let mut repeats = BTreeMap::new();
    for item in members.iter().filter(|n| n.kind() == NodeKind::AgendaItem) {
        let topic = target(index, item, EdgeKind::Topic);
        let title = normalise_title(&item.label);
        let same = kept.iter().find(|(_, t, k)| {
            (topic.is_some() && *t == topic) || (!title.is_empty() && same_title(k, &title))
        });
        match same {
            Some((first, _, _)) => {
                repeats.insert(item.id.as_str(), *first);
            }
            None => kept.push((item.id.as_str(), topic, title)),
        }
    }
    repeats
}

/// Whether two normalised titles name the same point: equal, or one starts
/// with the other, which has at least [`PREFIX_WORDS`] words.
fn same_title(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short == long {
        return true;
    }
    short.split(' ').count() >= PREFIX_WORDS
        && long.starts_with(short)
        && long[short.len()..].starts_with(' ')
}

/// The id of the agenda item `node` was recorded under, if any.
fn parent_item<'g>(index: &Index<'g>, node: &Node) -> Option<&'g str> {
    target(index, node, EdgeKind::InAgendaItem)
}

/// The id of the first node an edge of `kind` from `node` points to.
fn target<'g>(index: &Index<'g>, node: &Node, kind: EdgeKind) -> Option<&'g str> {
    let idx = index.graph.find(&node.id)?;
    index
        .graph
        .edges_from(idx)
        .into_iter()
        .find(|(e, _)| e.kind == kind)
        .map(|(_, to)| to.id.as_str())
}

/// "3 agenda items, 1 decision, 2 actions" for the occurrences in `nodes`.
pub fn count_kinds(nodes: &[&Node]) -> String {
    let count = |kind| nodes.iter().filter(|n| n.kind() == kind).count();
    let parts = [
        (count(NodeKind::AgendaItem), "agenda item", "agenda items"),
        (count(NodeKind::Decision), "decision", "decisions"),
        (count(NodeKind::ActionItem), "action", "actions"),
    ];
    let words: Vec<String> = parts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|&(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
    if words.is_empty() {
        "no agenda items".to_string()
    } else {
        words.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_match_when_equal_or_one_starts_with_a_long_enough_other() {
        assert!(same_title("status page", "status page"));
        assert!(same_title(
            "issues for vote list issue",
            "issues for vote list issue for each proposal"
        ));
        assert!(!same_title("keycloak", "keycloak upgrade"));
        assert!(!same_title("issues for vote", "issues for voters"));
    }
}
