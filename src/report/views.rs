//! What the pages show, gathered from the graph into plain structs the
//! templates read. Every text from the minutes passes through [`clean`] here,
//! every link is made here, and every list is in a fixed order.

use super::names::Names;
use super::{SourceLinks, clean};
use crate::model::{EdgeKind, KnowledgeGraph, NodeData, NodeKind, Role};
use crate::query::graph as walk;
use crate::query::{
    self, ActionRow, DecisionRow, EntityKind, EntityOrder, EntityRow, Filter, TimelineEntry,
};
use petgraph::stable_graph::NodeIndex;
use std::collections::BTreeMap;

/// Everything shared by the pages, computed once.
pub struct Data {
    /// Every action, in date order.
    pub actions: Vec<ActionRow>,
    /// Every decision, in date order.
    pub decisions: Vec<DecisionRow>,
    /// Topics, most meetings first.
    pub topics: Vec<EntityRow>,
    /// People, most meetings first.
    pub people: Vec<EntityRow>,
    /// Services, most meetings first.
    pub services: Vec<EntityRow>,
    /// Meetings, newest first (undated last).
    pub meetings: Vec<NodeIndex>,
    action_by_id: BTreeMap<String, usize>,
    decision_by_id: BTreeMap<String, usize>,
    actions_by_meeting: BTreeMap<String, Vec<usize>>,
    decisions_by_meeting: BTreeMap<String, Vec<usize>>,
}

impl Data {
    /// Gathers the lists every page draws from.
    pub fn gather(graph: &KnowledgeGraph) -> Data {
        let actions = query::actions(graph, false, None, &Filter::default());
        let decisions = query::decisions(graph, &Filter::default());
        let ranked = |kind| {
            let mut rows = query::entities(graph, kind);
            query::sort_entities(&mut rows, EntityOrder::Meetings);
            rows
        };
        let mut meetings: Vec<(Option<String>, String, NodeIndex)> = graph
            .nodes()
            .filter(|(_, n)| n.kind() == NodeKind::Meeting)
            .map(|(i, n)| (meeting_date(graph, i), n.id.clone(), i))
            .collect();
        // Newest first, undated last, ties by id.
        meetings.sort_by(|a, b| {
            (a.0.is_none(), std::cmp::Reverse(&a.0), &a.1).cmp(&(
                b.0.is_none(),
                std::cmp::Reverse(&b.0),
                &b.1,
            ))
        });
        let index = |ids: Vec<&str>| -> BTreeMap<String, usize> {
            ids.into_iter()
                .enumerate()
                .map(|(n, id)| (id.to_string(), n))
                .collect()
        };
        let group = |ids: Vec<&str>| -> BTreeMap<String, Vec<usize>> {
            let mut map: BTreeMap<String, Vec<usize>> = BTreeMap::new();
            for (n, id) in ids.into_iter().enumerate() {
                map.entry(id.to_string()).or_default().push(n);
            }
            map
        };
        Data {
            action_by_id: index(actions.iter().map(|a| a.id.as_str()).collect()),
            decision_by_id: index(decisions.iter().map(|d| d.id.as_str()).collect()),
            actions_by_meeting: group(actions.iter().map(|a| a.meeting_id.as_str()).collect()),
            decisions_by_meeting: group(decisions.iter().map(|d| d.meeting_id.as_str()).collect()),
            topics: ranked(EntityKind::Topic),
            people: ranked(EntityKind::Person),
            services: ranked(EntityKind::Service),
            meetings: meetings.into_iter().map(|m| m.2).collect(),
            actions,
            decisions,
        }
    }
}

/// The date of a meeting node.
pub fn meeting_date(graph: &KnowledgeGraph, idx: NodeIndex) -> Option<String> {
    match &graph.node(idx).data {
        NodeData::Meeting { date, .. } => date.clone(),
        _ => None,
    }
}

/// One page to render.
#[derive(Clone, Copy, Debug)]
pub enum Job {
    Index,
    Topics,
    People,
    Services,
    Meetings,
    Actions,
    Decisions,
    Topic(NodeIndex),
    Person(NodeIndex),
    Service(NodeIndex),
    Meeting(NodeIndex),
}

/// Every page of the site.
pub fn jobs(ctx: &Context<'_>) -> Vec<Job> {
    let mut jobs = vec![
        Job::Index,
        Job::Topics,
        Job::People,
        Job::Services,
        Job::Meetings,
        Job::Actions,
        Job::Decisions,
    ];
    let find = |rows: &[EntityRow]| -> Vec<NodeIndex> {
        rows.iter().filter_map(|r| ctx.graph.find(&r.id)).collect()
    };
    jobs.extend(find(&ctx.data.topics).into_iter().map(Job::Topic));
    jobs.extend(find(&ctx.data.people).into_iter().map(Job::Person));
    jobs.extend(find(&ctx.data.services).into_iter().map(Job::Service));
    jobs.extend(ctx.data.meetings.iter().map(|&m| Job::Meeting(m)));
    jobs
}

/// What every view is built from.
pub struct Context<'a> {
    pub graph: &'a KnowledgeGraph,
    pub data: &'a Data,
    pub names: &'a Names,
    pub sources: &'a SourceLinks,
}

/// A text, linked when there is somewhere to go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub href: Option<String>,
}

impl Link {
    /// Text without a link.
    pub fn plain(text: &str) -> Link {
        Link {
            text: clean(text),
            href: None,
        }
    }
}

/// An action as the tables show it.
pub struct ActionView {
    pub date: String,
    pub meeting: Link,
    pub item: String,
    pub text: String,
    pub status: &'static str,
    pub evidence: Option<(String, Link)>,
    pub due: String,
    pub assignees: Vec<Link>,
    pub source: Link,
}

/// A decision as the tables show it.
pub struct DecisionView {
    pub date: String,
    pub meeting: Link,
    pub item: String,
    pub topic: Option<Link>,
    pub text: String,
    pub source: Link,
}

/// One timeline entry: where, and what was decided and assigned there.
pub struct EntryView {
    pub date: String,
    pub meeting: Link,
    pub item: String,
    pub source: Link,
    pub decisions: Vec<String>,
    pub actions: Vec<EntryAction>,
}

/// An action under a timeline entry.
pub struct EntryAction {
    pub status: &'static str,
    pub text: String,
    pub who: String,
}

/// A row of an index of topics, people or services.
pub struct EntityLine {
    pub link: Link,
    pub meetings: usize,
    pub first: String,
    pub last: String,
}

impl Context<'_> {
    /// The link to the page of `idx` from a page `prefix` below the root.
    pub fn node_link(&self, idx: NodeIndex, prefix: &str) -> Link {
        let node = self.graph.node(idx);
        let text = match node.kind() {
            NodeKind::Meeting => self.meeting_name(idx),
            _ => clean(&node.label),
        };
        Link {
            text,
            href: self.names.page(idx).map(|p| format!("{prefix}{p}")),
        }
    }

    /// The link to the node with `id`, or its id as text.
    pub fn id_link(&self, id: &str, prefix: &str) -> Link {
        match self.graph.find(id) {
            Some(idx) => self.node_link(idx, prefix),
            None => Link::plain(id),
        }
    }

    /// `source:line`, linked to the minutes when they can be reached.
    pub fn source_link(&self, source: &str, line: u32, prefix: &str) -> Link {
        Link {
            text: clean(&format!("{source}:{line}")),
            href: self.sources.href(source, line, prefix),
        }
    }

    /// A meeting's title, else the name of its file.
    pub fn meeting_name(&self, idx: NodeIndex) -> String {
        let node = self.graph.node(idx);
        let title = match &node.data {
            NodeData::Meeting { title, .. } => title.as_deref(),
            _ => None,
        };
        let name = title.map(clean).filter(|t| !t.is_empty());
        name.unwrap_or_else(|| {
            let source = node.origin().map_or(node.id.as_str(), |p| &*p.source);
            clean(source.rsplit('/').next().unwrap_or(source))
        })
    }

    /// The rows of one kind's index.
    pub fn entity_lines(&self, rows: &[EntityRow], prefix: &str) -> Vec<EntityLine> {
        rows.iter()
            .map(|r| EntityLine {
                link: self.id_link(&r.id, prefix),
                meetings: r.meetings,
                first: r.first_seen.clone().unwrap_or_default(),
                last: r.last_seen.clone().unwrap_or_default(),
            })
            .collect()
    }

    /// An action row for the tables.
    pub fn action(&self, row: &ActionRow, prefix: &str) -> ActionView {
        let assignees = match self.graph.find(&row.id) {
            Some(idx) => self.targets(idx, EdgeKind::Assignee, prefix),
            None => row.assignees.iter().map(|a| Link::plain(a)).collect(),
        };
        ActionView {
            date: row.date.clone().unwrap_or_default(),
            meeting: self.id_link(&row.meeting_id, prefix),
            item: row.item.as_deref().map(clean).unwrap_or_default(),
            text: clean(&row.text),
            status: row.status.name(),
            evidence: row.status_evidence.as_ref().map(|e| {
                (
                    clean(&e.reason),
                    self.source_link(&e.source, e.line, prefix),
                )
            }),
            due: row.due.as_deref().map(clean).unwrap_or_default(),
            assignees,
            source: self.source_link(&row.source, row.line, prefix),
        }
    }

    /// A decision row for the tables.
    pub fn decision(&self, row: &DecisionRow, prefix: &str) -> DecisionView {
        let topic = self
            .graph
            .find(&row.id)
            .and_then(|idx| walk::item_of(self.graph, idx))
            .and_then(|item| walk::target(self.graph, item, EdgeKind::Topic))
            .map(|t| self.node_link(t, prefix));
        DecisionView {
            date: row.date.clone().unwrap_or_default(),
            meeting: self.id_link(&row.meeting_id, prefix),
            item: row.item.as_deref().map(clean).unwrap_or_default(),
            topic,
            text: clean(&row.text),
            source: self.source_link(&row.source, row.line, prefix),
        }
    }

    /// The actions with these ids, in date order.
    pub fn actions_with<'i>(
        &self,
        ids: impl Iterator<Item = &'i str>,
        prefix: &str,
    ) -> Vec<ActionView> {
        let mut rows: Vec<usize> = ids
            .filter_map(|id| self.data.action_by_id.get(id).copied())
            .collect();
        rows.sort_unstable();
        rows.dedup();
        rows.into_iter()
            .map(|n| self.action(&self.data.actions[n], prefix))
            .collect()
    }

    /// The decisions with these ids, in date order.
    pub fn decisions_with<'i>(
        &self,
        ids: impl Iterator<Item = &'i str>,
        prefix: &str,
    ) -> Vec<DecisionView> {
        let mut rows: Vec<usize> = ids
            .filter_map(|id| self.data.decision_by_id.get(id).copied())
            .collect();
        rows.sort_unstable();
        rows.dedup();
        rows.into_iter()
            .map(|n| self.decision(&self.data.decisions[n], prefix))
            .collect()
    }

    /// The actions recorded in a meeting.
    pub fn meeting_actions(&self, meeting_id: &str, prefix: &str) -> Vec<ActionView> {
        let rows = self.data.actions_by_meeting.get(meeting_id);
        rows.into_iter()
            .flatten()
            .map(|&n| self.action(&self.data.actions[n], prefix))
            .collect()
    }

    /// The decisions recorded in a meeting.
    pub fn meeting_decisions(&self, meeting_id: &str, prefix: &str) -> Vec<DecisionView> {
        let rows = self.data.decisions_by_meeting.get(meeting_id);
        rows.into_iter()
            .flatten()
            .map(|&n| self.decision(&self.data.decisions[n], prefix))
            .collect()
    }

    /// Links to the targets of `idx`'s outgoing edges of `kind`, by name.
    pub fn targets(&self, idx: NodeIndex, kind: EdgeKind, prefix: &str) -> Vec<Link> {
        let mut links: Vec<Link> = self
            .graph
            .edges_from(idx)
            .into_iter()
            .filter(|(e, _)| e.kind == kind)
            .filter_map(|(_, n)| self.graph.find(&n.id))
            .map(|t| self.node_link(t, prefix))
            .collect();
        sort_links(&mut links);
        links
    }

    /// A timeline entry with links.
    pub fn entry(&self, e: &TimelineEntry, prefix: &str) -> EntryView {
        let mut view = entry_view(e);
        view.meeting = self.id_link(&e.meeting_id, prefix);
        view.source = self.source_link(&e.source, e.line, prefix);
        view
    }
}

/// Links sorted by text (ignoring case), then target, without repeats.
pub fn sort_links(links: &mut Vec<Link>) {
    links.sort_by(|a, b| {
        (a.text.to_lowercase(), &a.href, &a.text).cmp(&(b.text.to_lowercase(), &b.href, &b.text))
    });
    links.dedup();
}

/// A timeline entry without links (for a page that stands alone).
pub fn entry_view(e: &TimelineEntry) -> EntryView {
    EntryView {
        date: e.date.clone().unwrap_or_else(|| "undated".into()),
        meeting: Link::plain(e.meeting_title.as_deref().unwrap_or_default()),
        item: e.item.as_deref().map(clean).unwrap_or_default(),
        source: Link::plain(&e.link()),
        decisions: e.decisions.iter().map(|d| clean(&d.text)).collect(),
        actions: e
            .actions
            .iter()
            .map(|a| {
                let mut who = if a.assignees.is_empty() {
                    "-".to_string()
                } else {
                    a.assignees.join(", ")
                };
                if let Some(due) = &a.due {
                    who.push_str(&format!(", due {due}"));
                }
                EntryAction {
                    status: a.status.name(),
                    text: clean(&a.text),
                    who: clean(&who),
                }
            })
            .collect(),
    }
}

/// A role's name on a meeting page.
pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Chair => "chair",
        Role::Scribe => "scribe",
        Role::Reporter => "reporter",
    }
}
