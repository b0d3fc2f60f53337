//! The askama templates of the site (`templates/report/`), one struct per page
//! kind, and [`render`], which fills one page from the views.

use super::chart::{self, Chart};
use super::diagram::{self, Layout};
use super::views::{
    ActionView, Context, DecisionView, EntityLine, EntryView, Job, Link, meeting_date, role_name,
    sort_links,
};
use super::{Diagrams, SiteFile, clean};
use crate::error::Error;
use crate::model::{EdgeKind, NodeData, NodeKind};
use crate::query::{self, Selector, Status, graph as walk};
use askama::Template;
use petgraph::stable_graph::NodeIndex;

/// Open actions and decisions the overview shows before pointing to their pages.
pub const OVERVIEW_ROWS: usize = 15;
/// Topics the overview lists.
pub const OVERVIEW_TOPICS: usize = 15;

/// A count on the overview, linked to its page.
pub struct Count {
    pub label: &'static str,
    pub value: usize,
    pub href: &'static str,
}

#[derive(Template)]
#[template(path = "report/index.html")]
struct IndexPage {
    title: String,
    root: &'static str,
    section: &'static str,
    counts: Vec<Count>,
    chart: Option<Chart>,
    topics: Vec<EntityLine>,
    open_actions: Vec<ActionView>,
    open_total: usize,
    decisions: Vec<DecisionView>,
    decisions_total: usize,
}

#[derive(Template)]
#[template(path = "report/entities.html")]
struct EntitiesPage {
    title: String,
    root: &'static str,
    section: &'static str,
    rows: Vec<EntityLine>,
}

/// A row of the meetings index.
struct MeetingLine {
    date: String,
    link: Link,
    source: Link,
    items: usize,
    attendees: usize,
    decisions: usize,
    actions: usize,
}

#[derive(Template)]
#[template(path = "report/meetings.html")]
struct MeetingsPage {
    title: String,
    root: &'static str,
    section: &'static str,
    rows: Vec<MeetingLine>,
}

#[derive(Template)]
#[template(path = "report/actions.html")]
struct ActionsPage {
    title: String,
    root: &'static str,
    section: &'static str,
    open: Vec<ActionView>,
    other: Vec<ActionView>,
}

#[derive(Template)]
#[template(path = "report/decisions.html")]
struct DecisionsPage {
    title: String,
    root: &'static str,
    section: &'static str,
    decisions: Vec<DecisionView>,
}

/// The facts at the top of a topic, person or service page.
struct Facts {
    meetings: usize,
    first: String,
    last: String,
    aliases: Vec<String>,
    handles: Vec<String>,
}

#[derive(Template)]
#[template(path = "report/topic.html")]
struct TopicPage {
    title: String,
    root: &'static str,
    section: &'static str,
    kind: &'static str,
    facts: Facts,
    note: String,
    entries: Vec<EntryView>,
    decisions: Vec<DecisionView>,
    actions: Vec<ActionView>,
}

/// A meeting a person attended.
struct Attended {
    date: String,
    link: Link,
    roles: String,
}

/// An agenda item someone presented, or any item on a meeting page.
struct ItemLine {
    date: String,
    meeting: Link,
    title: String,
    topic: Option<Link>,
    presenters: Vec<Link>,
    names: Vec<Link>,
    source: Link,
}

#[derive(Template)]
#[template(path = "report/person.html")]
struct PersonPage {
    title: String,
    root: &'static str,
    section: &'static str,
    facts: Facts,
    attended: Vec<Attended>,
    actions: Vec<ActionView>,
    presented: Vec<ItemLine>,
}

/// How a meeting page shows its diagram.
enum Drawing {
    /// An SVG file beside the page, drawn by `by`.
    Image { src: String, by: String },
    /// Inline SVG laid out here; `note` says why Graphviz was not used, if tried.
    Inline { layout: Layout, note: String },
}

#[derive(Template)]
#[template(path = "report/meeting.html")]
struct MeetingPage {
    title: String,
    root: &'static str,
    section: &'static str,
    date: String,
    source: Link,
    attendees: Vec<Link>,
    absentees: Vec<Link>,
    roles: Vec<(String, Link)>,
    items: Vec<ItemLine>,
    decisions: Vec<DecisionView>,
    actions: Vec<ActionView>,
    services: Vec<Link>,
    drawing: Drawing,
}

const SUB: &str = "../";

/// Renders the files of one page (a meeting page may come with its diagram).
pub fn render(
    ctx: &Context<'_>,
    job: &Job,
    diagrams: &Diagrams<'_>,
) -> Result<Vec<SiteFile>, Error> {
    let page = |path: &str, text: Result<String, askama::Error>| -> Result<SiteFile, Error> {
        let text = text.map_err(|e| Error::Export {
            format: "html",
            message: format!("{path}: {e}"),
        })?;
        Ok(SiteFile {
            path: path.to_string(),
            bytes: text.into_bytes(),
        })
    };
    let on = |idx: NodeIndex| ctx.names.page(idx).unwrap_or_default().to_string();
    Ok(match *job {
        Job::Index => vec![page("index.html", index(ctx).render())?],
        Job::Topics => vec![page("topics.html", entities(ctx, "topics").render())?],
        Job::People => vec![page("people.html", entities(ctx, "people").render())?],
        Job::Services => vec![page("services.html", entities(ctx, "services").render())?],
        Job::Meetings => vec![page("meetings.html", meetings(ctx).render())?],
        Job::Actions => vec![page("actions.html", actions(ctx).render())?],
        Job::Decisions => vec![page("decisions.html", decisions(ctx).render())?],
        Job::Topic(idx) => vec![page(&on(idx), timeline_page(ctx, idx, "topic").render())?],
        Job::Service(idx) => vec![page(&on(idx), timeline_page(ctx, idx, "service").render())?],
        Job::Person(idx) => vec![page(&on(idx), person(ctx, idx).render())?],
        Job::Meeting(idx) => {
            let path = on(idx);
            let (view, svg) = meeting(ctx, idx, diagrams, &path);
            let mut files = vec![page(&path, view.render())?];
            if let (Drawing::Image { src, .. }, Some(svg)) = (&view.drawing, svg) {
                files.push(SiteFile {
                    path: format!("meeting/{src}"),
                    bytes: svg.into_bytes(),
                });
            }
            files
        }
    })
}

fn index(ctx: &Context<'_>) -> IndexPage {
    let data = ctx.data;
    let open: Vec<_> = data
        .actions
        .iter()
        .filter(|a| a.status == Status::Open)
        .collect();
    let dates: Vec<Option<String>> = data
        .meetings
        .iter()
        .map(|&m| meeting_date(ctx.graph, m))
        .collect();
    let count = |label, value, href| Count { label, value, href };
    IndexPage {
        title: "Overview".into(),
        root: "",
        section: "overview",
        counts: vec![
            count("meetings", data.meetings.len(), "meetings.html"),
            count("topics", data.topics.len(), "topics.html"),
            count("people", data.people.len(), "people.html"),
            count("services", data.services.len(), "services.html"),
            count("decisions", data.decisions.len(), "decisions.html"),
            count("actions", data.actions.len(), "actions.html"),
            count("open actions", open.len(), "actions.html#open"),
        ],
        chart: chart::layout(&dates),
        topics: ctx.entity_lines(&data.topics[..data.topics.len().min(OVERVIEW_TOPICS)], ""),
        open_actions: newest_first(&open, |a| a.date.is_some())
            .take(OVERVIEW_ROWS)
            .map(|a| ctx.action(a, ""))
            .collect(),
        open_total: open.len(),
        decisions: newest_first(&data.decisions, |d| d.date.is_some())
            .filter(|d| d.date.is_some())
            .take(OVERVIEW_ROWS)
            .map(|d| ctx.decision(d, ""))
            .collect(),
        decisions_total: data.decisions.len(),
    }
}

/// Rows in date order (undated last) turned newest first, undated still last.
fn newest_first<T>(rows: &[T], dated: impl Fn(&T) -> bool) -> impl Iterator<Item = &T> {
    let split = rows.partition_point(|r| dated(r));
    rows[..split].iter().rev().chain(&rows[split..])
}

fn entities(ctx: &Context<'_>, noun: &'static str) -> EntitiesPage {
    let rows = match noun {
        "topics" => &ctx.data.topics,
        "people" => &ctx.data.people,
        _ => &ctx.data.services,
    };
    let mut title = noun.to_string();
    title[..1].make_ascii_uppercase();
    EntitiesPage {
        title,
        root: "",
        section: noun,
        rows: ctx.entity_lines(rows, ""),
    }
}

fn meetings(ctx: &Context<'_>) -> MeetingsPage {
    let graph = ctx.graph;
    let rows = ctx
        .data
        .meetings
        .iter()
        .map(|&m| {
            let node = graph.node(m);
            let (source, line, _) = walk::origin(node);
            let count = |kind: EdgeKind, of: Option<NodeKind>| {
                walk::sources(graph, m, |k| k == kind)
                    .iter()
                    .filter(|(i, _)| of.is_none_or(|o| graph.node(*i).kind() == o))
                    .count()
            };
            MeetingLine {
                date: meeting_date(graph, m).unwrap_or_default(),
                link: ctx.node_link(m, ""),
                source: ctx.source_link(&source, line, ""),
                items: count(EdgeKind::InMeeting, Some(NodeKind::AgendaItem)),
                decisions: count(EdgeKind::InMeeting, Some(NodeKind::Decision)),
                actions: count(EdgeKind::InMeeting, Some(NodeKind::ActionItem)),
                attendees: ctx.targets(m, EdgeKind::Attendee, "").len(),
            }
        })
        .collect();
    MeetingsPage {
        title: "Meetings".into(),
        root: "",
        section: "meetings",
        rows,
    }
}

fn actions(ctx: &Context<'_>) -> ActionsPage {
    let (open, other): (Vec<_>, Vec<_>) = newest_first(&ctx.data.actions, |a| a.date.is_some())
        .partition(|a| a.status == Status::Open);
    ActionsPage {
        title: "Actions".into(),
        root: "",
        section: "actions",
        open: open.into_iter().map(|a| ctx.action(a, "")).collect(),
        other: other.into_iter().map(|a| ctx.action(a, "")).collect(),
    }
}

fn decisions(ctx: &Context<'_>) -> DecisionsPage {
    DecisionsPage {
        title: "Decisions".into(),
        root: "",
        section: "decisions",
        decisions: newest_first(&ctx.data.decisions, |d| d.date.is_some())
            .map(|d| ctx.decision(d, ""))
            .collect(),
    }
}

fn facts(ctx: &Context<'_>, idx: NodeIndex) -> Facts {
    let id = &ctx.graph.node(idx).id;
    let row = [&ctx.data.topics, &ctx.data.people, &ctx.data.services]
        .into_iter()
        .flat_map(|rows| rows.iter())
        .find(|r| &r.id == id);
    Facts {
        meetings: row.map_or(0, |r| r.meetings),
        first: row.and_then(|r| r.first_seen.clone()).unwrap_or_default(),
        last: row.and_then(|r| r.last_seen.clone()).unwrap_or_default(),
        aliases: row.map_or(Vec::new(), |r| r.aliases.iter().map(|a| clean(a)).collect()),
        handles: row.map_or(Vec::new(), |r| r.handles.iter().map(|h| clean(h)).collect()),
    }
}

/// A topic's or a service's page: its timeline, then its decisions and actions.
fn timeline_page(ctx: &Context<'_>, idx: NodeIndex, kind: &'static str) -> TopicPage {
    let node = ctx.graph.node(idx);
    let selector = match kind {
        "topic" => Selector::Topic(node.id.clone()),
        _ => Selector::Service(node.id.clone()),
    };
    let timeline = query::timeline_of(ctx.graph, selector, &[idx]);
    let entries = timeline.entries.iter().map(|e| ctx.entry(e, SUB)).collect();
    let decision_ids = timeline
        .entries
        .iter()
        .flat_map(|e| e.decisions.iter().map(|d| d.id.as_str()));
    let action_ids = timeline
        .entries
        .iter()
        .flat_map(|e| e.actions.iter().map(|a| a.id.as_str()));
    let note = match &node.data {
        NodeData::Service { evidence, .. } if !evidence.is_empty() => {
            format!("Taken for a service from: {}", clean(evidence))
        }
        _ => String::new(),
    };
    TopicPage {
        title: clean(&node.label),
        root: SUB,
        section: if kind == "topic" {
            "topics"
        } else {
            "services"
        },
        kind,
        facts: facts(ctx, idx),
        note,
        entries,
        decisions: ctx.decisions_with(decision_ids, SUB),
        actions: ctx.actions_with(action_ids, SUB),
    }
}

fn person(ctx: &Context<'_>, idx: NodeIndex) -> PersonPage {
    let graph = ctx.graph;
    let node = graph.node(idx);
    let incoming = graph.edges_to(idx);
    let mut attended: Vec<(Option<String>, String, NodeIndex, Vec<&str>)> = Vec::new();
    let mut assigned = Vec::new();
    let mut presented = Vec::new();
    for (edge, from) in &incoming {
        let Some(f) = graph.find(&from.id) else {
            continue;
        };
        match edge.kind {
            EdgeKind::Attendee | EdgeKind::HasRole(_) => {
                let at = match attended.iter().position(|a| a.2 == f) {
                    Some(at) => at,
                    None => {
                        attended.push((meeting_date(graph, f), from.id.clone(), f, Vec::new()));
                        attended.len() - 1
                    }
                };
                if let EdgeKind::HasRole(role) = edge.kind {
                    attended[at].3.push(role_name(role));
                }
            }
            EdgeKind::Assignee => assigned.push(from.id.as_str()),
            EdgeKind::Presenter => presented.push(f),
            _ => {}
        }
    }
    attended.sort_by(|a, b| (a.0.is_none(), &a.0, &a.1).cmp(&(b.0.is_none(), &b.0, &b.1)));
    let mut presented: Vec<ItemLine> = presented
        .into_iter()
        .map(|item| item_line(ctx, item, SUB))
        .collect();
    presented.sort_by(|a, b| (&a.date, &a.source.text).cmp(&(&b.date, &b.source.text)));
    PersonPage {
        title: clean(&node.label),
        root: SUB,
        section: "people",
        facts: facts(ctx, idx),
        attended: attended
            .into_iter()
            .map(|(date, _, m, roles)| Attended {
                date: date.unwrap_or_default(),
                link: ctx.node_link(m, SUB),
                roles: roles.join(", "),
            })
            .collect(),
        actions: ctx.actions_with(assigned.into_iter(), SUB),
        presented,
    }
}

fn item_line(ctx: &Context<'_>, item: NodeIndex, prefix: &str) -> ItemLine {
    let graph = ctx.graph;
    let meeting = walk::meeting_of(graph, item);
    let (source, line, _) = walk::origin(graph.node(item));
    let mut names = ctx.targets(item, EdgeKind::Mentions, prefix);
    names.retain(|l| l.href.is_some());
    sort_links(&mut names);
    ItemLine {
        date: meeting
            .and_then(|m| meeting_date(graph, m))
            .unwrap_or_default(),
        meeting: meeting.map_or(Link::plain(""), |m| ctx.node_link(m, prefix)),
        title: clean(&graph.node(item).label),
        topic: walk::target(graph, item, EdgeKind::Topic).map(|t| ctx.node_link(t, prefix)),
        presenters: ctx.targets(item, EdgeKind::Presenter, prefix),
        names,
        source: ctx.source_link(&source, line, prefix),
    }
}

fn meeting(
    ctx: &Context<'_>,
    idx: NodeIndex,
    diagrams: &Diagrams<'_>,
    path: &str,
) -> (MeetingPage, Option<String>) {
    let graph = ctx.graph;
    let node = graph.node(idx);
    let (source, line, _) = walk::origin(node);
    let mut items: Vec<(u32, NodeIndex)> = walk::sources(graph, idx, |k| k == EdgeKind::InMeeting)
        .into_iter()
        .filter(|(i, _)| graph.node(*i).kind() == NodeKind::AgendaItem)
        .map(|(i, _)| (walk::origin(graph.node(i)).1, i))
        .collect();
    items.sort_by(|a, b| (a.0, &graph.node(a.1).id).cmp(&(b.0, &graph.node(b.1).id)));
    let mut roles: Vec<(String, Link)> = graph
        .edges_from(idx)
        .into_iter()
        .filter_map(|(e, n)| match e.kind {
            EdgeKind::HasRole(role) => Some((role_name(role).to_string(), n)),
            _ => None,
        })
        .filter_map(|(r, n)| Some((r, ctx.node_link(graph.find(&n.id)?, SUB))))
        .collect();
    roles.sort_by(|a, b| (&a.0, &a.1.text).cmp(&(&b.0, &b.1.text)));
    let mut services: Vec<Link> = Vec::new();
    let mut occurrences = vec![idx];
    occurrences.extend(
        walk::sources(graph, idx, |k| k == EdgeKind::InMeeting)
            .into_iter()
            .map(|(i, _)| i),
    );
    for o in occurrences {
        for (e, n) in graph.edges_from(o) {
            if e.kind == EdgeKind::Mentions
                && n.kind() == NodeKind::Service
                && let Some(s) = graph.find(&n.id)
            {
                services.push(ctx.node_link(s, SUB));
            }
        }
    }
    sort_links(&mut services);
    let (drawing, svg) = drawing(ctx, idx, diagrams, path);
    let view = MeetingPage {
        title: ctx.meeting_name(idx),
        root: SUB,
        section: "meetings",
        date: meeting_date(graph, idx).unwrap_or_default(),
        source: ctx.source_link(&source, line, SUB),
        attendees: ctx.targets(idx, EdgeKind::Attendee, SUB),
        absentees: ctx.targets(idx, EdgeKind::Absentee, SUB),
        roles,
        items: items
            .into_iter()
            .map(|(_, i)| item_line(ctx, i, SUB))
            .collect(),
        decisions: ctx.meeting_decisions(&node.id, SUB),
        actions: ctx.meeting_actions(&node.id, SUB),
        services,
        drawing,
    };
    (view, svg)
}

/// The diagram of a meeting, and the SVG file to write beside its page.
fn drawing(
    ctx: &Context<'_>,
    idx: NodeIndex,
    diagrams: &Diagrams<'_>,
    path: &str,
) -> (Drawing, Option<String>) {
    let inline = |note: String| Drawing::Inline {
        layout: diagram::layout(ctx, idx, SUB),
        note,
    };
    match diagrams {
        Diagrams::Builtin => (inline(String::new()), None),
        Diagrams::Dot { name, renderer } => {
            match renderer(&diagram::dot(ctx.graph, idx)).map(|svg| svg_document(&svg)) {
                Ok(Some(svg)) => {
                    let file = path.rsplit('/').next().unwrap_or(path);
                    let src = format!("{}.svg", file.trim_end_matches(".html"));
                    let by = clean(name);
                    (Drawing::Image { src, by }, Some(svg))
                }
                Ok(None) => (inline(format!("{} gave no SVG", clean(name))), None),
                Err(e) => (
                    inline(format!("{} failed: {}", clean(name), clean(&e))),
                    None,
                ),
            }
        }
    }
}

/// The SVG document in a renderer's output (from its `<svg` on), if there is one.
fn svg_document(output: &str) -> Option<String> {
    let start = output.find("<svg")?;
    let end = output.rfind("</svg>")? + "</svg>".len();
    (end > start).then(|| format!("{}\n", &output[start..end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_keeps_undated_last() {
        let rows = [Some(1), Some(2), Some(3), None, None];
        let order: Vec<_> = newest_first(&rows, |r| r.is_some()).collect();
        assert_eq!(order, [&Some(3), &Some(2), &Some(1), &None, &None]);
    }

    #[test]
    fn only_the_svg_document_is_kept() {
        let out = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"x\" \"http://x\">\n<svg a=\"1\">\n</svg>\n";
        assert_eq!(
            svg_document(out).as_deref(),
            Some("<svg a=\"1\">\n</svg>\n")
        );
        assert_eq!(svg_document("error"), None);
    }
}
