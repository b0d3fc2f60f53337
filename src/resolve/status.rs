//! The status of every action item across meetings, from evidence: what its
//! own minutes mark (a checked or unchecked box, `DONE`), what a later meeting
//! records about the same task (done, or repeated as still to do), and whether
//! it was recorded at the latest meeting of its folder. An action nothing
//! speaks for stays `unknown`; each other status names its evidence.
//!
//! "The same task" is an action of a later meeting of the same series, at most
//! [`WINDOW_DAYS`] later, that shares at least [`SHARED_WORDS`] words (other
//! than function words) and at least half the words of the longer of the two,
//! and an assignee when both have one. A series is a folder, with year and
//! quarter folders (`2019/`, `2018/Q2/`) folded into their parent. Candidates
//! come from an index of words, and words that occur in very many actions are
//! not used to find candidates, so the work grows with the number of actions,
//! not its square.
//!
//! An action also names issues: those written on its own lines or, when it
//! names none, the one issue its agenda item's title names (an item
//! "Create the release checklist #12" is about #12). A later meeting (by
//! date) that reports such an issue merged or closed ([`EdgeKind::ClosedIn`])
//! makes the action done ([`StatusReason::IssueClosed`], with the line saying
//! so; the earliest such meeting after the action's). An issue is known by its
//! repository-qualified key; a bare `#N`, whose repository is unknown, only
//! within the action's own series.
//!
//! How the evidence ranks: the action's own checked box comes first. A later
//! meeting reporting the same task done comes next: it speaks of the task
//! itself. Between a later repetition of the task as still open and a later
//! report of its issue closed, the later meeting wins, the report of the
//! issue when both are at the same date (a repetition copied forward into the
//! meeting that closes the issue says less than the closing). Any of these
//! outranks an unchecked box in the action's own minutes, which was true when
//! written, and being recorded at the latest meeting.

use crate::extract::lexicon::FUNCTION_WORDS;
use crate::model::{
    ActionStatus, EdgeKind, KnowledgeGraph, NodeData, NodeKind, Provenance, StatusReason,
};
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Words in more actions than this find no candidates (they still count in the overlap).
const COMMON_POSTINGS: usize = 400;
/// Least share of the larger word set two actions must have in common.
const OVERLAP: f64 = 0.5;
/// Least number of words two actions must have in common.
const SHARED_WORDS: usize = 3;
/// Longest time between an action and a later meeting that takes it up.
const WINDOW_DAYS: i64 = 92;

/// What the settling reads of one action. A corpus holds hundreds of
/// thousands of actions, so words are numbers and sets are sorted slices.
struct Action {
    node: NodeIndex,
    date: Option<jiff::civil::Date>,
    series: Arc<str>,
    marked: ActionStatus,
    place: Provenance,
    /// The assignees' nodes, sorted.
    assignees: Box<[NodeIndex]>,
    /// The numbers ([`Vocabulary`]) of its words, sorted.
    words: Box<[u32]>,
    /// The earliest later meeting reporting an issue it names merged or closed.
    closed: Option<Closing>,
}

/// A meeting's report that an issue was merged or closed.
#[derive(Clone)]
struct Closing {
    date: jiff::civil::Date,
    series: Arc<str>,
    place: Provenance,
}

/// A number for each word and one shared allocation for each series, given
/// out in the order they are first met.
#[derive(Default)]
struct Vocabulary {
    words: HashMap<String, u32>,
    series: HashMap<String, Arc<str>>,
}

impl Vocabulary {
    /// The sorted numbers of the words of `text` ([`words`]).
    fn words(&mut self, text: &str) -> Box<[u32]> {
        let mut ids: Vec<u32> = words(text)
            .into_iter()
            .map(|w| {
                let next = self.words.len() as u32;
                *self.words.entry(w).or_insert(next)
            })
            .collect();
        ids.sort_unstable();
        ids.into_boxed_slice()
    }

    /// The series of `source` ([`series_of`]).
    fn series(&mut self, source: &str) -> Arc<str> {
        let series = series_of(source);
        self.series
            .entry(series)
            .or_insert_with_key(|s| Arc::from(s.as_str()))
            .clone()
    }
}

/// Gives every action its status and evidence.
pub(crate) fn settle(graph: &mut KnowledgeGraph) {
    let mut vocabulary = Vocabulary::default();
    let closings = closings(graph, &mut vocabulary);
    let actions = collect(graph, &closings, &mut vocabulary);
    let latest = latest_dates(graph);
    // The actions each word is in, by the word's number.
    let mut index: Vec<Vec<u32>> = vec![Vec::new(); vocabulary.words.len()];
    drop(vocabulary);
    for (i, a) in actions.iter().enumerate() {
        if a.date.is_some() {
            for &w in &a.words {
                index[w as usize].push(i as u32);
            }
        }
    }
    // Each action is judged on its own against the others: on all cores.
    let settled: Vec<_> = actions
        .par_iter()
        .map(|a| (a.node, status_of(a, &actions, &index, &latest)))
        .collect();
    for (node, (status, evidence)) in settled {
        if let NodeData::ActionItem {
            status: s,
            evidence: e,
            ..
        } = graph.node_data_mut(node)
        {
            *s = status;
            *e = evidence;
        }
    }
}

fn status_of(
    a: &Action,
    actions: &[Action],
    index: &[Vec<u32>],
    latest: &HashMap<String, Latest>,
) -> (ActionStatus, Option<(StatusReason, Provenance)>) {
    if a.marked == ActionStatus::Done {
        return (
            ActionStatus::Done,
            Some((StatusReason::MarkedDone, a.place)),
        );
    }
    let repeated = latest_match(a, actions, index);
    if let Some(later) = repeated.filter(|l| l.marked == ActionStatus::Done) {
        return (
            ActionStatus::Done,
            Some((StatusReason::ReportedDone, later.place)),
        );
    }
    let reopened = |c: &Closing| repeated.is_some_and(|l| l.date.is_some_and(|d| d > c.date));
    if let Some(closing) = a.closed.as_ref().filter(|c| !reopened(c)) {
        return (
            ActionStatus::Done,
            Some((StatusReason::IssueClosed, closing.place)),
        );
    }
    if let Some(later) = repeated {
        return (
            ActionStatus::Open,
            Some((StatusReason::RepeatedOpen, later.place)),
        );
    }
    if a.marked == ActionStatus::Open {
        return (
            ActionStatus::Open,
            Some((StatusReason::MarkedOpen, a.place)),
        );
    }
    let at_latest = a.date.is_some_and(|d| {
        latest
            .get(&*a.series)
            .is_some_and(|s| s.meetings > 1 && s.date == d && s.active)
    });
    if at_latest {
        return (
            ActionStatus::Open,
            Some((StatusReason::LatestMeeting, a.place)),
        );
    }
    (ActionStatus::Unknown, None)
}

/// The same task at the latest later meeting that records it, if any.
fn latest_match<'a>(a: &Action, actions: &'a [Action], index: &[Vec<u32>]) -> Option<&'a Action> {
    let date = a.date?;
    let until = date.checked_add(jiff::Span::new().days(WINDOW_DAYS)).ok()?;
    let mut candidates: BTreeSet<u32> = BTreeSet::new();
    for &w in &a.words {
        let postings = &index[w as usize];
        if postings.len() <= COMMON_POSTINGS {
            candidates.extend(postings);
        }
    }
    candidates
        .into_iter()
        .map(|i| &actions[i as usize])
        .filter(|b| b.series == a.series && b.date.is_some_and(|d| d > date && d <= until))
        .filter(|b| {
            a.assignees.is_empty()
                || b.assignees.is_empty()
                || a.assignees
                    .iter()
                    .any(|p| b.assignees.binary_search(p).is_ok())
        })
        .filter(|b| same_task(&a.words, &b.words))
        .max_by(|x, y| {
            (&x.date, &x.place.source, x.place.line).cmp(&(&y.date, &y.place.source, y.place.line))
        })
}

fn same_task(a: &[u32], b: &[u32]) -> bool {
    let shared = shared(a, b);
    let larger = a.len().max(b.len());
    shared >= SHARED_WORDS && shared as f64 >= OVERLAP * larger as f64
}

/// How many numbers two sorted slices have in common.
fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The words of an action's text that can tell tasks apart.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
        .filter(|w| !FUNCTION_WORDS.contains(w))
        .collect()
}

fn collect(
    graph: &KnowledgeGraph,
    closings: &HashMap<&str, Vec<Closing>>,
    vocabulary: &mut Vocabulary,
) -> Vec<Action> {
    let mut actions = Vec::new();
    for (idx, node) in graph.nodes_of(NodeKind::ActionItem) {
        let NodeData::ActionItem { status, .. } = &node.data else {
            continue;
        };
        let Some(place) = node.origin().copied() else {
            continue;
        };
        let mut date: Option<jiff::civil::Date> = None;
        let mut assignees = Vec::new();
        let mut issues: BTreeSet<&str> = BTreeSet::new();
        let mut item = None;
        // In any order: what is gathered is sorted or single.
        for edge in graph.petgraph().edges(idx) {
            let to = edge.target();
            let target = graph.node(to);
            match (edge.weight().kind, &target.data) {
                (EdgeKind::InMeeting, NodeData::Meeting { date: d, .. }) => {
                    date = d.as_deref().and_then(|d| d.parse().ok());
                }
                (EdgeKind::Assignee, _) => assignees.push(to),
                (EdgeKind::Mentions, NodeData::Issue { .. }) => {
                    issues.insert(&target.id);
                }
                (EdgeKind::InAgendaItem, _) => item = Some(to),
                _ => {}
            }
        }
        if issues.is_empty()
            && let Some(issue) = item.and_then(|i| title_issue(graph, i))
        {
            issues.insert(issue);
        }
        let series = vocabulary.series(&place.source);
        assignees.sort_unstable();
        assignees.dedup();
        let closed = date.and_then(|d| {
            issues
                .iter()
                .flat_map(|id| closings.get(id).into_iter().flatten().map(move |c| (id, c)))
                .filter(|(id, c)| c.date > d && (!is_bare(id) || c.series == series))
                .map(|(_, c)| c)
                .min_by(|x, y| (x.date, &x.place).cmp(&(y.date, &y.place)))
                .cloned()
        });
        actions.push(Action {
            node: idx,
            date,
            series,
            marked: *status,
            words: vocabulary.words(&node.label),
            assignees: assignees.into_boxed_slice(),
            place,
            closed,
        });
    }
    actions
}

/// The one issue an agenda item's title names (mentioned on its first line).
fn title_issue(graph: &KnowledgeGraph, item: NodeIndex) -> Option<&str> {
    let line = graph.node(item).origin()?.line;
    let mut named = graph
        .edges_from(item)
        .into_iter()
        .filter(|(e, n)| {
            e.kind == EdgeKind::Mentions && n.kind() == NodeKind::Issue && e.provenance.line == line
        })
        .map(|(_, n)| n.id.as_str());
    match (named.next(), named.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// Whether an issue's id is of a bare `#N`, whose repository is unknown.
fn is_bare(id: &str) -> bool {
    id.strip_prefix("issue/")
        .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
}

/// Every dated report that an issue was merged or closed, by issue id.
fn closings<'g>(
    graph: &'g KnowledgeGraph,
    vocabulary: &mut Vocabulary,
) -> HashMap<&'g str, Vec<Closing>> {
    let mut closings: HashMap<&str, Vec<Closing>> = HashMap::default();
    for (idx, node) in graph.nodes_of(NodeKind::Issue) {
        for (edge, meeting) in graph.edges_from(idx) {
            let (EdgeKind::ClosedIn, NodeData::Meeting { date: Some(d), .. }) =
                (edge.kind, &meeting.data)
            else {
                continue;
            };
            let Ok(date) = d.parse::<jiff::civil::Date>() else {
                continue;
            };
            closings.entry(&node.id).or_default().push(Closing {
                date,
                series: vocabulary.series(&edge.provenance.source),
                place: edge.provenance,
            });
        }
    }
    closings
}

/// The latest meeting of a series, how many dated meetings it has, and
/// whether it still meets (its latest meeting is at most [`WINDOW_DAYS`]
/// before the latest meeting of the whole input).
struct Latest {
    date: jiff::civil::Date,
    meetings: usize,
    active: bool,
}

/// The latest meeting date of each series.
fn latest_dates(graph: &KnowledgeGraph) -> HashMap<String, Latest> {
    let mut latest: HashMap<String, Latest> = HashMap::default();
    for (_, node) in graph.nodes_of(NodeKind::Meeting) {
        let (
            NodeData::Meeting {
                date: Some(date), ..
            },
            Some(place),
        ) = (&node.data, node.origin())
        else {
            continue;
        };
        let Ok(date) = date.parse::<jiff::civil::Date>() else {
            continue;
        };
        let entry = latest.entry(series_of(&place.source)).or_insert(Latest {
            date,
            meetings: 0,
            active: false,
        });
        entry.meetings += 1;
        entry.date = entry.date.max(date);
    }
    let newest = latest.values().map(|l| l.date).max();
    for l in latest.values_mut() {
        l.active = newest.is_some_and(|n| {
            l.date
                .checked_add(jiff::Span::new().days(WINDOW_DAYS))
                .is_ok_and(|limit| limit >= n)
        });
    }
    latest
}

/// The folder of `source`, without folders named for a year, a quarter or a
/// month (`2019`, `Q2`, `2019-08`), which split one series by time.
fn series_of(source: &str) -> String {
    let folder = source.rsplit_once('/').map_or("", |(folder, _)| folder);
    folder
        .split('/')
        .filter(|segment| !is_period(segment))
        .collect::<Vec<_>>()
        .join("/")
}

fn is_period(segment: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let quarter = segment.len() == 2
        && segment.as_bytes()[0].eq_ignore_ascii_case(&b'q')
        && matches!(segment.as_bytes()[1], b'1'..=b'4');
    digits(segment, 4)
        || quarter
        || segment
            .split_once('-')
            .is_some_and(|(y, m)| digits(y, 4) && digits(m, 2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Node;

    struct Fixture(KnowledgeGraph);

    impl Fixture {
        fn meeting(&mut self, file: &str, date: &str) {
            self.0.upsert(Node {
                id: format!("meeting/{file}"),
                label: file.into(),
                data: NodeData::Meeting {
                    date: Some(date.into()),
                    title: None,
                },
                provenance: vec![Provenance::new(file, 1, 30)].into(),
            });
        }

        fn action(&mut self, file: &str, n: u32, text: &str, marked: ActionStatus, who: &str) {
            let node = self.0.upsert(Node {
                id: format!("meeting/{file}/action/{n}"),
                label: text.into(),
                data: NodeData::ActionItem {
                    status: marked,
                    due: None,
                    evidence: None,
                },
                provenance: vec![Provenance::new(file, n + 10, n + 10)].into(),
            });
            let meeting = self.0.find(&format!("meeting/{file}")).unwrap();
            self.0.relate(
                node,
                meeting,
                EdgeKind::InMeeting,
                Provenance::new(file, n + 10, n + 10),
            );
            if !who.is_empty() {
                let person = self.0.upsert(Node {
                    id: format!("person/{who}"),
                    label: who.into(),
                    data: NodeData::Person {
                        handles: vec![],
                        aliases: vec![],
                    },
                    provenance: vec![Provenance::new(file, 1, 1)].into(),
                });
                self.0.relate(
                    node,
                    person,
                    EdgeKind::Assignee,
                    Provenance::new(file, n + 10, n + 10),
                );
            }
        }

        fn issue(&mut self, key: &str) -> NodeIndex {
            let number = key.rsplit('#').next().unwrap().parse().unwrap();
            self.0.upsert(Node {
                id: format!("issue/{}", crate::resolve::ids::issue_slug(key)),
                label: key.into(),
                data: NodeData::Issue {
                    key: key.into(),
                    number,
                    kind: crate::model::IssueKind::Unknown,
                    url: None,
                },
                provenance: vec![Provenance::new("x.md", 1, 1)].into(),
            })
        }

        /// Action `n` of `file` names the issue `key` on its own line.
        fn names(&mut self, file: &str, n: u32, key: &str) {
            let action = self.0.find(&format!("meeting/{file}/action/{n}")).unwrap();
            let issue = self.issue(key);
            let at = Provenance::new(file, n + 10, n + 10);
            self.0.relate(action, issue, EdgeKind::Mentions, at);
        }

        /// Action `n` of `file` is under an agenda item whose title names `key`.
        fn under_item_about(&mut self, file: &str, n: u32, key: &str) {
            let action = self.0.find(&format!("meeting/{file}/action/{n}")).unwrap();
            let title = Provenance::new(file, 5, 5);
            let item = self.0.upsert(Node {
                id: format!("meeting/{file}/item/1"),
                label: format!("Release checklist {key}"),
                data: NodeData::AgendaItem,
                provenance: vec![Provenance::new(file, 5, 40)].into(),
            });
            let issue = self.issue(key);
            self.0.relate(item, issue, EdgeKind::Mentions, title);
            let at = Provenance::new(file, n + 10, n + 10);
            self.0.relate(action, item, EdgeKind::InAgendaItem, at);
        }

        /// The meeting of `file` reports `key` merged or closed at `line`.
        fn closed(&mut self, key: &str, file: &str, line: u32) {
            let issue = self.issue(key);
            let meeting = self.0.find(&format!("meeting/{file}")).unwrap();
            let at = Provenance::new(file, line, line);
            self.0.relate(issue, meeting, EdgeKind::ClosedIn, at);
        }

        fn status(&self, id: &str) -> (ActionStatus, Option<(StatusReason, String)>) {
            let node = self.0.node(self.0.find(id).unwrap());
            let NodeData::ActionItem {
                status, evidence, ..
            } = &node.data
            else {
                panic!("{id} is no action");
            };
            (
                *status,
                evidence
                    .as_ref()
                    .map(|(r, p)| (*r, format!("{}:{}", p.source, p.line))),
            )
        }
    }

    #[test]
    fn later_meetings_settle_earlier_actions() {
        use ActionStatus::*;
        let mut f = Fixture(KnowledgeGraph::new());
        f.meeting("ops/01.md", "2025-01-01");
        f.meeting("ops/02.md", "2025-01-08");
        f.meeting("ops/03.md", "2025-01-15");
        f.action(
            "ops/01.md",
            1,
            "Write the backup runbook for the database",
            Unknown,
            "ann",
        );
        f.action(
            "ops/01.md",
            2,
            "Rotate the TLS certificates of the mail relay",
            Unknown,
            "bo",
        );
        f.action("ops/01.md", 3, "Order more disks", Unknown, "cy");
        f.action("ops/01.md", 4, "Book the room for the summit", Open, "");
        f.action(
            "ops/02.md",
            1,
            "[x] backup runbook for the database written",
            Done,
            "ann",
        );
        f.action(
            "ops/02.md",
            2,
            "rotate mail relay TLS certificates",
            Unknown,
            "bo",
        );
        // The same words for another person are another task.
        f.action("ops/02.md", 3, "Order more disks", Unknown, "dee");
        f.action("ops/03.md", 1, "Plan the spring release", Unknown, "ann");
        settle(&mut f.0);
        assert_eq!(
            f.status("meeting/ops/01.md/action/1"),
            (
                Done,
                Some((StatusReason::ReportedDone, "ops/02.md:11".into()))
            )
        );
        assert_eq!(
            f.status("meeting/ops/01.md/action/2"),
            (
                Open,
                Some((StatusReason::RepeatedOpen, "ops/02.md:12".into()))
            )
        );
        assert_eq!(f.status("meeting/ops/01.md/action/3"), (Unknown, None));
        assert_eq!(
            f.status("meeting/ops/01.md/action/4"),
            (
                Open,
                Some((StatusReason::MarkedOpen, "ops/01.md:14".into()))
            )
        );
        assert_eq!(
            f.status("meeting/ops/02.md/action/1"),
            (
                Done,
                Some((StatusReason::MarkedDone, "ops/02.md:11".into()))
            )
        );
        // Never taken up again, and its meeting is not the folder's latest.
        assert_eq!(f.status("meeting/ops/02.md/action/2"), (Unknown, None));
        assert_eq!(
            f.status("meeting/ops/03.md/action/1"),
            (
                Open,
                Some((StatusReason::LatestMeeting, "ops/03.md:11".into()))
            )
        );
    }

    #[test]
    fn a_series_spans_year_folders_and_a_repeat_must_come_soon() {
        use ActionStatus::*;
        let mut f = Fixture(KnowledgeGraph::new());
        f.meeting("notes/2024/12-01.md", "2024-12-01");
        f.meeting("notes/2025/01-05.md", "2025-01-05");
        f.meeting("notes/2025/09-01.md", "2025-09-01");
        f.meeting("oneoff/retro.md", "2025-09-02");
        let task = "Draft the charter for the security working group";
        f.action("notes/2024/12-01.md", 1, task, Unknown, "ann");
        f.action("notes/2025/01-05.md", 1, task, Unknown, "ann");
        f.action("notes/2025/09-01.md", 1, task, Unknown, "ann");
        f.action(
            "oneoff/retro.md",
            1,
            "Collect feedback from the summit",
            Unknown,
            "bo",
        );
        settle(&mut f.0);
        assert_eq!(
            f.status("meeting/notes/2024/12-01.md/action/1").1,
            Some((StatusReason::RepeatedOpen, "notes/2025/01-05.md:11".into()))
        );
        // Eight months later is too late to tell.
        assert_eq!(
            f.status("meeting/notes/2025/01-05.md/action/1"),
            (Unknown, None)
        );
        assert_eq!(
            f.status("meeting/notes/2025/09-01.md/action/1").1,
            Some((StatusReason::LatestMeeting, "notes/2025/09-01.md:11".into()))
        );
        // A folder of one meeting is no series whose latest meeting means anything.
        assert_eq!(
            f.status("meeting/oneoff/retro.md/action/1"),
            (Unknown, None)
        );
        // A series that stopped meeting long before the others says nothing
        // about its last actions.
        f.meeting("old/01.md", "2020-01-01");
        f.meeting("old/02.md", "2020-02-01");
        f.action(
            "old/02.md",
            1,
            "Archive the old mailing list",
            Unknown,
            "cy",
        );
        settle(&mut f.0);
        assert_eq!(f.status("meeting/old/02.md/action/1"), (Unknown, None));
        assert_eq!(series_of("a/2018/Q2/x.md"), "a");
        assert_eq!(series_of("a/2019-08/x.md"), "a");
        assert_eq!(series_of("x.md"), "");
    }

    #[test]
    fn an_issue_reported_closed_later_makes_the_actions_naming_it_done() {
        use ActionStatus::*;
        use StatusReason::*;
        let mut f = Fixture(KnowledgeGraph::new());
        f.meeting("ops/01.md", "2025-01-01");
        f.meeting("ops/02.md", "2025-01-08");
        f.meeting("ops/03.md", "2025-01-15");
        f.meeting("web/01.md", "2025-01-10");
        let tasks = [
            "Land the retry patch for the uploader",
            "Review the cache eviction fix",
            "Write the migration notes for the cache",
            "Draft the rollout plan for the proxy",
            "Benchmark the new storage driver",
            "Close out the flaky login test",
            "Announce the release on the mailing list",
        ];
        for (n, task) in (1..).zip(tasks) {
            let marked = if n == 3 { Open } else { Unknown };
            f.action("ops/01.md", n, task, marked, "ann");
        }
        f.names("ops/01.md", 1, "acme/tools#12");
        f.closed("acme/tools#12", "ops/02.md", 20);
        // A bare number is known only within its own series.
        f.names("ops/01.md", 2, "#7");
        f.closed("#7", "web/01.md", 3);
        // A later closing outranks the unchecked box of the action's own minutes.
        f.names("ops/01.md", 3, "acme/tools#13");
        f.closed("acme/tools#13", "ops/03.md", 21);
        // Repeated as still open after the closing: open.
        f.names("ops/01.md", 4, "acme/tools#14");
        f.closed("acme/tools#14", "ops/02.md", 22);
        f.action("ops/03.md", 1, tasks[3], Unknown, "ann");
        // Closed after being repeated as still open: done.
        f.names("ops/01.md", 5, "acme/tools#15");
        f.action("ops/02.md", 1, tasks[4], Unknown, "ann");
        f.closed("acme/tools#15", "ops/03.md", 23);
        // Closed at the action's own meeting: no later evidence.
        f.names("ops/01.md", 6, "acme/tools#16");
        f.closed("acme/tools#16", "ops/01.md", 24);
        // Naming no issue itself, the action is about its item's.
        f.under_item_about("ops/01.md", 7, "acme/tools#17");
        f.closed("acme/tools#17", "ops/02.md", 25);
        settle(&mut f.0);
        let status = |n: u32| f.status(&format!("meeting/ops/01.md/action/{n}"));
        assert_eq!(
            status(1),
            (Done, Some((IssueClosed, "ops/02.md:20".into())))
        );
        assert_eq!(status(2), (Unknown, None));
        assert_eq!(
            status(3),
            (Done, Some((IssueClosed, "ops/03.md:21".into())))
        );
        assert_eq!(
            status(4),
            (Open, Some((RepeatedOpen, "ops/03.md:11".into())))
        );
        assert_eq!(
            status(5),
            (Done, Some((IssueClosed, "ops/03.md:23".into())))
        );
        assert_eq!(status(6), (Unknown, None));
        assert_eq!(
            status(7),
            (Done, Some((IssueClosed, "ops/02.md:25".into())))
        );
        // In its own series a bare number is the same issue.
        f.closed("#7", "ops/02.md", 26);
        settle(&mut f.0);
        assert_eq!(
            f.status("meeting/ops/01.md/action/2"),
            (Done, Some((IssueClosed, "ops/02.md:26".into())))
        );
    }

    #[test]
    fn words_leave_out_function_words_and_numbers() {
        let w = words("AI @mira-k: announce the window on the status page by 2025-01-14");
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        assert_eq!(w, ["announce", "mira", "page", "status", "window"]);
    }
}
