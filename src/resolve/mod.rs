//! Merging per-file extraction results into one knowledge graph.
//!
//! Identities are resolved before insertion: every person, service and issue
//! gets a stable id from its normalised key, so the same handle, service or
//! issue key in any file is one node. Files are merged in sorted source order,
//! so the result does not depend on the order files were read.

mod dated;
mod ids;
mod packed;
mod people;
mod services;
mod status;
mod topics;

pub use ids::{file_ids, slug, source_slug};
pub use packed::PackedRecord;
pub use topics::normalise_title;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::extract::records::{
    FileRecord, IssueRef, ItemRecord, MeetingRecord, PersonRef, ServiceRef,
};
use crate::model::{EdgeKind, KnowledgeGraph, Node, NodeData, Provenance, SourcePath};
use dated::TopicDates;
pub use people::PersonIndex;
use people::PersonSightings;
use petgraph::stable_graph::NodeIndex;
use rustc_hash::FxHashSet as HashSet;
use services::{ServiceIndex, ServiceSightings};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use topics::{TopicNodes, TopicSightings};

/// A graph built from records, and a warning for every id it had to change.
#[derive(Debug)]
pub struct Built {
    pub graph: KnowledgeGraph,
    /// One for every meeting whose id would have been that of another
    /// meeting's agenda item, decision or action, and was changed.
    pub warnings: Vec<Diagnostic>,
}

/// Build the graph from the records of every file; `file_ids` is
/// [`file_ids`] of their sources.
pub fn build_graph(
    records: &[FileRecord],
    config: &Config,
    file_ids: &BTreeMap<&str, String>,
) -> Built {
    let mut sorted: Vec<&FileRecord> = records.iter().collect();
    sorted.sort_by(|a, b| a.source.cmp(&b.source));
    build(
        config,
        file_ids,
        |visit| sorted.iter().for_each(|r| visit(r)),
        |visit| sorted.iter().for_each(|r| visit(Cow::Borrowed(r))),
    )
}

/// [`build_graph`] from packed records, each unpacked only while it is read
/// and dropped once its meetings are in the graph: the records of a whole
/// corpus are never held unpacked, and the graph grows as they go. The
/// second pass owns each record it unpacks, so its texts move into the graph.
pub fn build_graph_packed(
    mut records: Vec<PackedRecord>,
    config: &Config,
    file_ids: &BTreeMap<&str, String>,
) -> Built {
    records.sort_by(|a, b| a.source().cmp(b.source()));
    let records = std::cell::RefCell::new(records);
    build(
        config,
        file_ids,
        |visit| records.borrow().iter().for_each(|r| visit(&r.unpack())),
        |visit| {
            let records = std::mem::take(&mut *records.borrow_mut());
            records
                .into_iter()
                .for_each(|r| visit(Cow::Owned(r.into_record())));
        },
    )
}

/// Builds the graph from the records the two passes give (in source order,
/// to the function each is called with): the first resolves identities across
/// files, the second adds each file's meetings, and takes the texts of a
/// record it is given to own.
fn build(
    config: &Config,
    file_ids: &BTreeMap<&str, String>,
    first: impl FnOnce(&mut dyn FnMut(&FileRecord)),
    second: impl FnOnce(&mut dyn FnMut(Cow<'_, FileRecord>)),
) -> Built {
    let mut people = PersonSightings::default();
    let mut topics = TopicSightings::default();
    let mut services = ServiceSightings::default();
    // How much the graph will hold, to make room for it at once.
    let mut size = GraphSize::default();
    // Every meeting's id, in the order the second pass adds the meetings.
    let mut meeting_ids = Vec::new();
    // Where each meeting starts, for a warning should its id change.
    let mut meeting_places = Vec::new();
    let mut used = BTreeSet::new();
    first(&mut |file| {
        let base = format!("meeting/{}", file_ids[file.source.as_str()]);
        let count = file.meetings.len();
        for (n, meeting) in file.meetings.iter().enumerate() {
            let date = meeting.date.map(|d| d.to_string());
            meeting_ids.push(meeting_id(&base, count, n, date.as_deref(), &mut used));
            meeting_places.push((file.source.clone(), meeting.line));
        }
        people.add(file);
        topics.add(file);
        services.add(file);
        for meeting in &file.meetings {
            size.add(meeting);
        }
    });
    let people = people.finish(&config.people);
    let topics = topics.finish(&config.topics);
    let services = services.finish();
    let indexes = Indexes {
        people: &people,
        services: &services,
    };
    let mut graph = KnowledgeGraph::new();
    size.add_topics(topics.thread_count());
    graph.reserve(size.unique, size.upserted, size.edges);
    let warnings = keep_apart_from_occurrences(&mut meeting_ids)
        .into_iter()
        .map(|(n, first)| {
            let (source, line) = &meeting_places[n];
            Diagnostic::warning(
                source.as_str(),
                Some(*line),
                format!(
                    "meeting id `{first}` is also that of an agenda item, decision or action \
                     of another meeting; this meeting is `{}`",
                    meeting_ids[n]
                ),
            )
        })
        .collect();
    let mut meeting_ids = meeting_ids.into_iter();
    let mut dates = TopicDates::default();
    let mut item_topics = topics.into_nodes();
    second(&mut |file| {
        // One copy of the path for everything read from the file.
        let source = SourcePath::new(&file.source);
        let meetings: Vec<Cow<'_, MeetingRecord>> = match file {
            Cow::Borrowed(file) => file.meetings.iter().map(Cow::Borrowed).collect(),
            Cow::Owned(file) => file.meetings.into_iter().map(Cow::Owned).collect(),
        };
        for meeting in meetings {
            // The second pass adds the meetings the first one named, in order.
            let id = meeting_ids.next().unwrap_or_default();
            add_meeting(
                &mut graph,
                &mut dates,
                &indexes,
                &mut item_topics,
                source,
                &id,
                meeting,
            );
        }
    });
    dates.apply(&mut graph);
    status::settle(&mut graph);
    debug_assert!(
        ids_are_distinct(&graph),
        "a node added as unique shares its id"
    );
    Built { graph, warnings }
}

/// Whether no two nodes of `graph` have the same id: what adding nodes
/// without a lookup relies on.
fn ids_are_distinct(graph: &KnowledgeGraph) -> bool {
    let ids: Vec<&str> = graph.nodes().map(|(_, n)| n.id.as_str()).collect();
    ids.windows(2).all(|pair| pair[0] != pair[1])
}

/// At most how many nodes and edges a graph will hold.
#[derive(Debug, Default)]
struct GraphSize {
    /// Nodes of ids unique by construction: meetings, what is read from
    /// them, and topics of an id of their own.
    unique: usize,
    /// Other nodes: one per reference at most (people, services, issues),
    /// and topics that may share an id.
    upserted: usize,
    /// Edges: every reference is one link at most, everything read from a
    /// meeting links to it and to its agenda item or topic, an issue named on
    /// an action's lines links from the action too.
    edges: usize,
}

impl GraphSize {
    fn add(&mut self, m: &MeetingRecord) {
        let occurrences = m.items.len() + m.decisions.len() + m.actions.len();
        let references = m.person_refs().count() + m.services.len() + m.issues.len();
        self.unique += 1 + occurrences;
        self.upserted += references + m.issue_states.len();
        self.edges += 2 * occurrences + references + m.issues.len() + m.issue_states.len();
    }

    /// Topics (of an id of their own, others) each link to a first and a last meeting.
    fn add_topics(&mut self, (unique, others): (usize, usize)) {
        self.unique += unique;
        self.upserted += others;
        self.edges += 2 * (unique + others);
    }
}

/// `meeting/<file>` for a file with one meeting; `meeting/<file>/<date>` (or the
/// meeting's position) for each meeting of a file that holds several; unique
/// across all files (`used` holds the ids given so far).
fn meeting_id(
    base: &str,
    count: usize,
    n: usize,
    date: Option<&str>,
    used: &mut BTreeSet<String>,
) -> String {
    let mut id = if count == 1 {
        base.to_string()
    } else {
        format!(
            "{base}/{}",
            date.map_or_else(|| (n + 1).to_string(), str::to_string)
        )
    };
    if used.contains(&id) && count > 1 {
        id = format!("{base}/{}", n + 1);
    }
    // `a.md` holding a meeting of 2024-01-02 and `a/2024-01-02.md`: still two ids.
    if used.contains(&id) {
        id = next_free(&id, |c| used.contains(c));
    }
    used.insert(id.clone());
    id
}

/// `first-2`, or `first-3` and on: the first that `taken` does not hold.
fn next_free(first: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut k = 2;
    loop {
        let id = format!("{first}-{k}");
        if !taken(&id) {
            return id;
        }
        k += 1;
    }
}

/// Renames every meeting id that reads as an agenda item, decision or action
/// of another meeting (`meeting/a/item/1` of the file `a/item/1.md` beside
/// `a.md`), which would otherwise be one node with that occurrence: `-2` (or
/// the next free number) is added to it. Shorter ids are settled first, so a
/// meeting's own id is final before the ids that extend it are looked at.
/// Gives the place of every id changed and what it was, in order.
fn keep_apart_from_occurrences(ids: &mut [String]) -> Vec<(usize, String)> {
    let mut taken: HashSet<String> = ids.iter().cloned().collect();
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by_key(|&i| ids[i].len());
    let mut changed = Vec::new();
    for i in order {
        if !names_an_occurrence(&ids[i], &taken) {
            continue;
        }
        let first = std::mem::take(&mut ids[i]);
        taken.remove(&first);
        ids[i] = next_free(&first, |c| taken.contains(c));
        taken.insert(ids[i].clone());
        changed.push((i, first));
    }
    changed.sort_unstable();
    changed
}

/// Whether `id` is `<meeting>/item/<n>`, `/decision/<n>` or `/action/<n>` of
/// one of `meetings`.
fn names_an_occurrence(id: &str, meetings: &HashSet<String>) -> bool {
    let mut parts = id.rsplitn(3, '/');
    let (Some(n), Some(kind), Some(meeting)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_digit())
        && matches!(kind, "item" | "decision" | "action")
        && meetings.contains(meeting)
}

/// The cross-file identity indexes a meeting is resolved against.
struct Indexes<'a> {
    people: &'a PersonIndex,
    services: &'a ServiceIndex,
}

/// Adds one meeting and everything in it.
struct MeetingWriter<'a> {
    graph: &'a mut KnowledgeGraph,
    dates: &'a mut TopicDates,
    people: &'a PersonIndex,
    services: &'a ServiceIndex,
    source: SourcePath,
    meeting: NodeIndex,
    items: Vec<NodeIndex>,
    actions: Vec<NodeIndex>,
}

impl MeetingWriter<'_> {
    fn prov(&self, line: u32, end_line: u32) -> Provenance {
        Provenance::new(self.source, line, end_line)
    }

    fn person(&mut self, p: &PersonRef) -> NodeIndex {
        let canonical = self.people.canonical(p);
        let mut handles = match (&p.handle, p.is_handle) {
            (Some(h), _) => vec![h.clone()],
            (None, true) => vec![p.name.clone()],
            _ => Vec::new(),
        };
        let mut aliases = if p.handle.is_some() {
            vec![p.name.clone()]
        } else {
            Vec::new()
        };
        let mut label = p.name.clone();
        if let Some(entry) = self.people.configured(&canonical) {
            if label != entry.name {
                aliases.push(label);
            }
            label = entry.name.clone();
            handles.extend(entry.handles.iter().cloned());
            aliases.extend(entry.aliases.iter().cloned());
        }
        handles.sort();
        handles.dedup();
        aliases.sort();
        aliases.dedup();
        let node = Node {
            id: format!("person/{}", slug(&canonical)),
            label,
            data: NodeData::Person { handles, aliases },
            provenance: [self.prov(p.line, p.line)].into(),
        };
        self.graph.upsert(node)
    }

    fn issue(&mut self, r: &IssueRef) -> NodeIndex {
        let key = r.key.to_string();
        self.graph.upsert(Node {
            id: format!("issue/{}", ids::issue_slug(&key)),
            label: key.clone(),
            data: NodeData::Issue {
                key,
                number: r.number,
                kind: r.kind,
                url: r.url.clone(),
            },
            provenance: [self.prov(r.line, r.line)].into(),
        })
    }

    fn service(&mut self, s: &ServiceRef) -> NodeIndex {
        let aliases = if s.written != s.name {
            vec![s.written.clone()]
        } else {
            Vec::new()
        };
        let (name, evidence) = self.services.canonical(&s.name, s.evidence);
        let mut aliases = aliases;
        if name != s.name {
            aliases.push(s.name.clone());
        }
        let node = Node {
            id: format!("service/{}", slug(name)),
            label: name.to_string(),
            data: NodeData::Service {
                aliases,
                evidence: evidence.as_str().to_string(),
            },
            provenance: [self.prov(s.line, s.line)].into(),
        };
        self.graph.upsert(node)
    }

    /// The node a mention hangs from: its agenda item, or the meeting.
    fn context(&self, item: Option<usize>) -> NodeIndex {
        item.and_then(|i| self.items.get(i).copied())
            .unwrap_or(self.meeting)
    }

    fn link(&mut self, from: NodeIndex, to: NodeIndex, kind: EdgeKind, line: u32) {
        let prov = self.prov(line, line);
        self.graph.relate(from, to, kind, prov);
    }
}

fn add_meeting(
    graph: &mut KnowledgeGraph,
    dates: &mut TopicDates,
    indexes: &Indexes<'_>,
    item_topics: &mut TopicNodes,
    source: SourcePath,
    id: &str,
    m: Cow<'_, MeetingRecord>,
) {
    // The items of a meeting the graph owns give their titles to their nodes.
    let owned;
    let (m, items) = match m {
        Cow::Borrowed(m) => (m, Cow::Borrowed(m.items.as_slice())),
        Cow::Owned(mut m) => {
            let items = std::mem::take(&mut m.items);
            owned = m;
            (&owned, Cow::Owned(items))
        }
    };
    let label = m
        .title
        .clone()
        .or_else(|| m.date.map(|d| d.to_string()))
        .unwrap_or_else(|| source.to_string());
    // Meeting ids are unique (`meeting_id`, `keep_apart_from_occurrences`),
    // and so are the ids of what is read from a meeting (`occurrence_id`).
    let meeting = graph.add_unique(Node {
        id: id.to_string(),
        label,
        data: NodeData::Meeting {
            date: m.date.map(|d| d.to_string()),
            title: m.title.clone(),
        },
        provenance: [Provenance::new(source, m.line, m.end_line)].into(),
    });
    let mut w = MeetingWriter {
        graph,
        dates,
        people: indexes.people,
        services: indexes.services,
        source,
        meeting,
        items: Vec::new(),
        actions: Vec::new(),
    };
    add_people(&mut w, m);
    add_items(&mut w, item_topics, id, items);
    add_outcomes(&mut w, id, m);
    add_mentions(&mut w, m);
    add_issue_links(&mut w, m);
}

fn add_people(w: &mut MeetingWriter<'_>, m: &MeetingRecord) {
    for p in &m.attendees {
        let person = w.person(p);
        w.link(w.meeting, person, EdgeKind::Attendee, p.line);
    }
    for p in &m.absentees {
        let person = w.person(p);
        w.link(w.meeting, person, EdgeKind::Absentee, p.line);
    }
    for (role, p) in &m.roles {
        let person = w.person(p);
        w.link(w.meeting, person, EdgeKind::HasRole(*role), p.line);
    }
}

/// The id of occurrence `n` (from 0) of `kind` in a meeting:
/// `<meeting id>/<kind>/<n + 1>`, spelled out without the formatting
/// machinery, as a long meeting makes a million of them.
fn occurrence_id(meeting_id: &str, kind: &str, n: usize) -> String {
    let mut digits = itoa::Buffer::new();
    let number = digits.format(n + 1);
    let mut id = String::with_capacity(meeting_id.len() + kind.len() + 2 + number.len());
    id.push_str(meeting_id);
    id.push('/');
    id.push_str(kind);
    id.push('/');
    id.push_str(number);
    id
}

/// Adds the meeting's agenda items; `topics` gives the topic node of each
/// item, in the order the items are visited. Items owned give their titles
/// to their nodes; items borrowed lend a copy.
fn add_items(
    w: &mut MeetingWriter<'_>,
    topics: &mut TopicNodes,
    meeting_id: &str,
    items: Cow<'_, [ItemRecord]>,
) {
    match items {
        Cow::Owned(items) => {
            for (n, mut item) in items.into_iter().enumerate() {
                let title = std::mem::take(&mut item.title);
                add_item(w, topics, meeting_id, n, title, &item);
            }
        }
        Cow::Borrowed(items) => {
            for (n, item) in items.iter().enumerate() {
                add_item(w, topics, meeting_id, n, item.title.clone(), item);
            }
        }
    }
}

/// Adds agenda item `n` (from 0) of the meeting, named `title`.
fn add_item(
    w: &mut MeetingWriter<'_>,
    topics: &mut TopicNodes,
    meeting_id: &str,
    n: usize,
    title: String,
    item: &ItemRecord,
) {
    let place = w.prov(item.line, item.end_line);
    let node = w.graph.add_unique(Node {
        id: occurrence_id(meeting_id, "item", n),
        label: title,
        data: NodeData::AgendaItem,
        provenance: [place].into(),
    });
    w.link(node, w.meeting, EdgeKind::InMeeting, item.line);
    if let Some(topic) = topics.next(w.graph, place) {
        w.link(node, topic, EdgeKind::Topic, item.line);
        w.dates.seen(w.graph, topic, w.meeting);
    }
    for p in &item.presenters {
        let person = w.person(p);
        w.link(node, person, EdgeKind::Presenter, p.line);
    }
    w.items.push(node);
}

fn add_outcomes(w: &mut MeetingWriter<'_>, meeting_id: &str, m: &MeetingRecord) {
    for (n, d) in m.decisions.iter().enumerate() {
        let node = w.graph.add_unique(Node {
            id: occurrence_id(meeting_id, "decision", n),
            label: d.text.clone(),
            data: NodeData::Decision,
            provenance: [w.prov(d.line, d.end_line)].into(),
        });
        w.link(node, w.meeting, EdgeKind::InMeeting, d.line);
        if let Some(item) = d.item.and_then(|i| w.items.get(i).copied()) {
            w.link(node, item, EdgeKind::InAgendaItem, d.line);
        }
    }
    for (n, a) in m.actions.iter().enumerate() {
        let node = w.graph.add_unique(Node {
            id: occurrence_id(meeting_id, "action", n),
            label: a.text.clone(),
            data: NodeData::ActionItem {
                status: a.status,
                due: a.due.clone(),
                evidence: None,
            },
            provenance: [w.prov(a.line, a.end_line)].into(),
        });
        w.actions.push(node);
        w.link(node, w.meeting, EdgeKind::InMeeting, a.line);
        if let Some(item) = a.item.and_then(|i| w.items.get(i).copied()) {
            w.link(node, item, EdgeKind::InAgendaItem, a.line);
        }
        for p in &a.assignees {
            let person = w.person(p);
            w.link(node, person, EdgeKind::Assignee, p.line);
        }
    }
}

fn add_mentions(w: &mut MeetingWriter<'_>, m: &MeetingRecord) {
    for mention in &m.people {
        let person = w.person(&mention.what);
        let from = w.context(mention.item);
        w.link(from, person, EdgeKind::Mentions, mention.what.line);
    }
    for mention in &m.services {
        let service = w.service(&mention.what);
        let from = w.context(mention.item);
        w.link(from, service, EdgeKind::Mentions, mention.what.line);
    }
    for mention in &m.issues {
        let r = &mention.what;
        let node = w.issue(r);
        let from = w.context(mention.item);
        w.link(from, node, EdgeKind::Mentions, r.line);
    }
}

/// Every action mentions the issues written on its own lines, and every issue
/// a meeting records merged or closed links to the meeting, from the line saying so.
fn add_issue_links(w: &mut MeetingWriter<'_>, m: &MeetingRecord) {
    // The issues by line, to find those on an action's lines without a scan of all.
    let mut by_line: Vec<(u32, usize)> = m
        .issues
        .iter()
        .enumerate()
        .map(|(i, mention)| (mention.what.line, i))
        .collect();
    by_line.sort_unstable();
    for (n, a) in m.actions.iter().enumerate() {
        let from = by_line.partition_point(|&(line, _)| line < a.line);
        let to = by_line.partition_point(|&(line, _)| line <= a.end_line);
        let mut named: Vec<usize> = by_line[from..to.max(from)]
            .iter()
            .map(|&(_, i)| i)
            .collect();
        crate::work::step(1 + named.len());
        if named.is_empty() {
            continue;
        }
        // In the order the issues were read.
        named.sort_unstable();
        let named = named.into_iter().map(|i| &m.issues[i].what);
        let action = w.actions[n];
        for r in named {
            let issue = w.issue(r);
            w.link(action, issue, EdgeKind::Mentions, r.line);
        }
    }
    for s in &m.issue_states {
        let issue = w.issue(&s.issue);
        w.link(issue, w.meeting, EdgeKind::ClosedIn, s.line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::records::{ItemRecord, Mention};
    use crate::model::NodeKind;

    /// A file whose every line names the same person.
    fn chatty(source: &str, lines: u32) -> FileRecord {
        let people = (1..=lines)
            .map(|line| Mention {
                what: PersonRef::name("Ann Lee", line),
                item: Some(0),
            })
            .collect();
        let items = vec![ItemRecord {
            title: "Release".into(),
            line: 1,
            end_line: lines,
            presenters: vec![],
        }];
        FileRecord {
            source: source.into(),
            meetings: vec![MeetingRecord {
                items,
                people,
                ..MeetingRecord::default()
            }],
        }
    }

    #[test]
    fn a_graph_holds_one_place_per_file_and_one_path_per_file_not_per_mention() {
        let records = vec![chatty("a.md", 1000), chatty("b.md", 10)];
        let file_ids = file_ids(records.iter().map(|r| r.source.as_str()));
        let config = Config::default();
        for graph in [
            build_graph(&records, &config, &file_ids).graph,
            build_graph_packed(
                records.iter().map(PackedRecord::pack).collect(),
                &config,
                &file_ids,
            )
            .graph,
        ] {
            let ann = graph.node(graph.find("person/ann-lee").unwrap());
            assert_eq!(
                ann.provenance[..],
                [Provenance::new("a.md", 1, 1), Provenance::new("b.md", 1, 1)]
            );
            // Every node and edge read from a.md refers to one copy of its path.
            let g = graph.petgraph();
            let mut paths: Vec<&SourcePath> = g
                .node_weights()
                .flat_map(|n| n.provenance.iter().map(|p| &p.source))
                .chain(g.edge_weights().map(|e| &e.provenance.source))
                .filter(|s| s.as_str() == "a.md")
                .collect();
            assert!(paths.len() > 2);
            paths.dedup_by(|a, b| std::ptr::eq(a.as_str(), b.as_str()));
            assert_eq!(paths.len(), 1);
        }
    }

    #[test]
    fn an_occurrence_id_is_its_meeting_id_kind_and_number_from_one() {
        for n in [0, 8, 9, 98, 99, 999_999, usize::MAX - 1] {
            assert_eq!(
                occurrence_id("meeting/a", "item", n),
                format!("meeting/a/item/{}", n + 1)
            );
        }
        assert_eq!(
            occurrence_id("meeting/é", "action", 2),
            "meeting/é/action/3"
        );
    }

    #[test]
    fn records_owned_by_the_graph_give_the_same_graph_as_records_lent_to_it() {
        let titles: Vec<String> = (0..20_000).map(|n| format!("Item {}", n % 7)).collect();
        let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
        let records = vec![
            meeting("a.md", Some("2024-01-02"), &["Budget", "Release plan"]),
            meeting("big.md", Some("2024-01-09"), &titles),
        ];
        let file_ids = file_ids(records.iter().map(|r| r.source.as_str()));
        let config = Config::default();
        let lent = build_graph(&records, &config, &file_ids).graph;
        // The small record is packed, the big one kept whole: both are owned.
        let owned = build_graph_packed(
            records.iter().cloned().map(PackedRecord::keep).collect(),
            &config,
            &file_ids,
        )
        .graph;
        let nodes =
            |g: &KnowledgeGraph| -> Vec<Node> { g.nodes().map(|(_, n)| n.clone()).collect() };
        let edges = |g: &KnowledgeGraph| -> Vec<(String, String, EdgeKind)> {
            let p = g.petgraph();
            let mut edges: Vec<_> = p
                .edge_indices()
                .map(|e| {
                    let (from, to) = p.edge_endpoints(e).unwrap();
                    (p[from].id.clone(), p[to].id.clone(), p[e].kind)
                })
                .collect();
            edges.sort();
            edges
        };
        assert_eq!(nodes(&owned), nodes(&lent));
        assert_eq!(edges(&owned), edges(&lent));
        let item = owned.node(owned.find("meeting/big/item/20000").unwrap());
        assert_eq!(item.label, "Item 0");
    }

    /// A file of one meeting on `date` (if any) with these agenda items.
    fn meeting(source: &str, date: Option<&str>, titles: &[&str]) -> FileRecord {
        let items = titles
            .iter()
            .enumerate()
            .map(|(n, t)| ItemRecord {
                title: t.to_string(),
                line: n as u32 + 2,
                end_line: n as u32 + 2,
                presenters: vec![],
            })
            .collect();
        FileRecord {
            source: source.into(),
            meetings: vec![MeetingRecord {
                date: date.map(|d| d.parse().unwrap()),
                items,
                ..MeetingRecord::default()
            }],
        }
    }

    #[test]
    fn titles_whose_topic_ids_are_alike_are_one_topic_and_every_id_names_one_node() {
        // `CI-CD` and `CI CD` are two keys with one slug; `Zürich sync` and
        // `Zurich sync` are not alike, `Büro` is written once.
        let records = vec![
            meeting(
                "a.md",
                Some("2024-05-01"),
                &["CI-CD", "Zürich sync", "Büro"],
            ),
            meeting(
                "b.md",
                Some("2024-05-08"),
                &["CI CD", "Zurich sync", "Büro"],
            ),
        ];
        let file_ids = file_ids(records.iter().map(|r| r.source.as_str()));
        let graph = build_graph(&records, &Config::default(), &file_ids).graph;
        let topics: Vec<&str> = graph
            .nodes_of(NodeKind::Topic)
            .into_iter()
            .map(|(_, n)| n.id.as_str())
            .collect();
        assert_eq!(
            topics,
            [
                "topic/büro",
                "topic/ci-cd",
                "topic/zurich-sync",
                "topic/zürich-sync"
            ]
        );
        let ci = graph.find("topic/ci-cd").unwrap();
        let items = graph.edges_to(ci);
        assert_eq!(items.len(), 2, "both items link to the one topic");
        // Every node is found by its id, and no two share one.
        let mut ids = BTreeSet::new();
        for (idx, node) in graph.nodes() {
            assert_eq!(graph.find(&node.id), Some(idx), "{}", node.id);
            assert!(ids.insert(node.id.as_str()), "{} twice", node.id);
        }
        assert_eq!(graph.find("meeting/a/item/4"), None);
    }

    #[test]
    fn a_topic_knows_its_first_and_last_meeting_and_how_many_took_it_up() {
        // In file order the dates go back and forth; `z.md` and `a.md` have none.
        let records = vec![
            meeting("a.md", None, &["Only undated", "Release"]),
            meeting("b.md", Some("2024-05-01"), &["Release", "release", "CI"]),
            meeting("c.md", Some("2023-01-09"), &["Release"]),
            meeting("d.md", Some("2025-02-02"), &["Release", "CI"]),
            meeting("e.md", Some("2024-05-01"), &["CI"]),
            meeting("z.md", None, &["Only undated", "Release"]),
        ];
        let file_ids = file_ids(records.iter().map(|r| r.source.as_str()));
        let graph = build_graph(&records, &Config::default(), &file_ids).graph;
        let topic = |id: &str| {
            let t = graph.find(id).unwrap();
            let NodeData::Topic {
                first_date,
                last_date,
                meetings,
            } = &graph.node(t).data
            else {
                panic!("{id} is a topic");
            };
            let link = |kind| {
                let found: Vec<&str> = graph
                    .edges_from(t)
                    .into_iter()
                    .filter(|(e, _)| e.kind == kind)
                    .map(|(_, n)| n.id.as_str())
                    .collect();
                found.join(" ")
            };
            (
                first_date.clone(),
                last_date.clone(),
                *meetings,
                link(EdgeKind::FirstMeeting),
                link(EdgeKind::LastMeeting),
            )
        };
        let day = |d: &str| Some(d.to_string());
        // Taken up twice in b.md, counted once there; undated meetings come last.
        assert_eq!(
            topic("topic/release"),
            (
                day("2023-01-09"),
                day("2025-02-02"),
                5,
                "meeting/c".into(),
                "meeting/d".into()
            )
        );
        // Two meetings on one day: the lesser id is first, the greater last.
        assert_eq!(
            topic("topic/ci"),
            (
                day("2024-05-01"),
                day("2025-02-02"),
                3,
                "meeting/b".into(),
                "meeting/d".into()
            )
        );
        assert_eq!(
            topic("topic/only-undated"),
            (None, None, 2, "meeting/a".into(), "meeting/z".into())
        );
        // The same, whatever order the records come in.
        let mut reversed = records.clone();
        reversed.reverse();
        let again = build_graph(&reversed, &Config::default(), &file_ids).graph;
        assert_eq!(again.node_count(), graph.node_count());
        for (_, node) in graph.nodes() {
            let other = again.node(again.find(&node.id).unwrap());
            assert_eq!(other.data, node.data, "{}", node.id);
        }
    }

    #[test]
    fn a_meeting_whose_id_reads_as_another_meetings_item_stays_a_meeting() {
        // `a/item/1.md` would be `meeting/a/item/1`: the first agenda item of `a.md`.
        let records = vec![
            meeting("a.md", Some("2025-01-01"), &["Budget", "Hiring"]),
            meeting("a/item/1.md", Some("2025-02-02"), &["Release"]),
            meeting("a/item/1-2.md", Some("2025-03-03"), &["Budget"]),
            meeting("b.md", None, &["CI"]),
            meeting("b/decision/7.md", None, &["CI"]),
        ];
        let file_ids = file_ids(records.iter().map(|r| r.source.as_str()));
        let Built { graph, warnings } = build_graph(&records, &Config::default(), &file_ids);
        // Each meeting whose id changed is named with its new id.
        let said: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].starts_with("a/item/1.md:"), "{said:?}");
        assert!(said[0].contains("`meeting/a/item/1`"), "{said:?}");
        assert!(
            said[0].ends_with("this meeting is `meeting/a/item/1-3`"),
            "{said:?}"
        );
        assert!(said[1].starts_with("b/decision/7.md:"), "{said:?}");
        assert!(said[1].ends_with("`meeting/b/decision/7-2`"), "{said:?}");
        let kind = |id: &str| graph.find(id).map(|i| graph.node(i).kind());
        let meetings = graph
            .nodes()
            .filter(|(_, n)| n.kind() == NodeKind::Meeting)
            .count();
        assert_eq!(meetings, 5);
        assert_eq!(kind("meeting/a/item/1"), Some(NodeKind::AgendaItem));
        assert_eq!(
            graph.node(graph.find("meeting/a/item/1").unwrap()).label,
            "Budget"
        );
        // The next free name: `a/item/1-2.md` already has `-2`.
        assert_eq!(kind("meeting/a/item/1-2"), Some(NodeKind::Meeting));
        assert_eq!(kind("meeting/a/item/1-3"), Some(NodeKind::Meeting));
        assert_eq!(
            kind("meeting/a/item/1-3/item/1"),
            Some(NodeKind::AgendaItem)
        );
        // No decision of `b.md` is written, yet the id would be one.
        assert_eq!(kind("meeting/b/decision/7-2"), Some(NodeKind::Meeting));
        let release = graph.find("topic/release").unwrap();
        let NodeData::Topic { meetings, .. } = graph.node(release).data else {
            panic!("a topic");
        };
        assert_eq!(meetings, 1);
    }
}
