//! Query results over a small hand-built graph, so they do not depend on how
//! well extraction reads any particular minutes.

use super::*;
use crate::model::{EdgeKind, IssueKind, KnowledgeGraph, Node, NodeData, Provenance, Role};
use petgraph::stable_graph::NodeIndex;

struct Fixture {
    graph: KnowledgeGraph,
}

impl Fixture {
    fn add(
        &mut self,
        id: &str,
        label: &str,
        data: NodeData,
        source: &str,
        line: u32,
        end: u32,
    ) -> NodeIndex {
        self.graph.upsert(Node {
            id: id.into(),
            label: label.into(),
            data,
            provenance: vec![Provenance::new(source, line, end)].into(),
        })
    }

    fn link(&mut self, from: NodeIndex, to: NodeIndex, kind: EdgeKind, source: &str, line: u32) {
        self.graph
            .relate(from, to, kind, Provenance::new(source, line, line));
    }
}

fn meeting(date: Option<&str>, title: Option<&str>) -> NodeData {
    NodeData::Meeting {
        date: date.map(Into::into),
        title: title.map(Into::into),
    }
}

fn action(status: ActionStatus) -> NodeData {
    NodeData::ActionItem {
        status,
        due: None,
        evidence: None,
    }
}

/// Three meetings (March, January, undated); Keycloak in items and outside them;
/// Jane attends all, presents once and has an action; a topic in two meetings.
fn graph() -> KnowledgeGraph {
    let mut f = Fixture {
        graph: KnowledgeGraph::new(),
    };
    let (a, b, c) = ("a/0305.md", "b/0110.md", "c/notes.md");
    let march = f.add(
        "meeting/a",
        "Ops",
        meeting(Some("2024-03-05"), Some("Ops")),
        a,
        1,
        40,
    );
    let jan = f.add(
        "meeting/b",
        "2024-01-10",
        meeting(Some("2024-01-10"), None),
        b,
        1,
        30,
    );
    let undated = f.add("meeting/c", "c/notes.md", meeting(None, None), c, 1, 9);
    let kc = f.add(
        "service/keycloak",
        "Keycloak",
        NodeData::Service {
            aliases: vec!["keycloak".into()],
            evidence: "catalogue".into(),
        },
        a,
        5,
        5,
    );
    let jane = f.add(
        "person/jane",
        "Jane Doe",
        NodeData::Person {
            handles: vec!["jdoe".into()],
            aliases: vec![],
        },
        a,
        2,
        2,
    );
    let issue = f.add(
        "issue/acme/infra/7",
        "acme/infra#7",
        NodeData::Issue {
            key: "acme/infra#7".into(),
            number: 7,
            kind: IssueKind::Issue,
            url: None,
        },
        b,
        12,
        12,
    );
    let topic_data = NodeData::Topic {
        first_date: None,
        last_date: None,
        meetings: 0,
    };
    let topic = f.add("topic/status-page", "Status page", topic_data, a, 10, 10);
    for m in [march, jan, undated] {
        let src = f.graph.node(m).provenance[0].source;
        f.link(m, jane, EdgeKind::Attendee, &src, 2);
    }
    // Her name on the attendance line of March also reads as a mention.
    f.link(march, jane, EdgeKind::Mentions, a, 2);
    f.link(march, jane, EdgeKind::HasRole(Role::Chair), a, 3);
    // March: two items on Keycloak, one on the status page; a mention outside items.
    let m_item1 = f.add(
        "meeting/a/item/1",
        "Keycloak upgrade",
        NodeData::AgendaItem,
        a,
        10,
        20,
    );
    let m_item2 = f.add(
        "meeting/a/item/2",
        "Status page",
        NodeData::AgendaItem,
        a,
        21,
        30,
    );
    for i in [m_item1, m_item2] {
        f.link(i, march, EdgeKind::InMeeting, a, 10);
    }
    f.link(m_item1, kc, EdgeKind::Mentions, a, 12);
    f.link(m_item2, topic, EdgeKind::Topic, a, 21);
    f.link(m_item1, jane, EdgeKind::Presenter, a, 10);
    f.link(march, kc, EdgeKind::Mentions, a, 5);
    let dec = f.add(
        "meeting/a/decision/1",
        "Upgrade to 24",
        NodeData::Decision,
        a,
        14,
        14,
    );
    f.link(dec, march, EdgeKind::InMeeting, a, 14);
    f.link(dec, m_item1, EdgeKind::InAgendaItem, a, 14);
    let act = f.add(
        "meeting/a/action/1",
        "Book the window",
        action(ActionStatus::Open),
        a,
        15,
        15,
    );
    f.link(act, march, EdgeKind::InMeeting, a, 15);
    f.link(act, m_item1, EdgeKind::InAgendaItem, a, 15);
    f.link(act, jane, EdgeKind::Assignee, a, 15);
    // January: the status page, and issue #7 with Keycloak in one item.
    let j_item = f.add(
        "meeting/b/item/1",
        "Status-Page (#7)",
        NodeData::AgendaItem,
        b,
        11,
        18,
    );
    f.link(j_item, jan, EdgeKind::InMeeting, b, 11);
    f.link(j_item, topic, EdgeKind::Topic, b, 11);
    f.link(j_item, issue, EdgeKind::Mentions, b, 12);
    f.link(j_item, kc, EdgeKind::Mentions, b, 13);
    let done = f.add(
        "meeting/b/action/1",
        "Ship it",
        action(ActionStatus::Done),
        b,
        17,
        17,
    );
    f.link(done, jan, EdgeKind::InMeeting, b, 17);
    f.link(done, j_item, EdgeKind::InAgendaItem, b, 17);
    // Undated: an action outside items naming Keycloak.
    let loose = f.add(
        "meeting/c/action/1",
        "Ask about Keycloak",
        action(ActionStatus::Open),
        c,
        7,
        7,
    );
    f.link(loose, undated, EdgeKind::InMeeting, c, 7);
    f.link(loose, kc, EdgeKind::Mentions, c, 7);
    f.graph
}

fn links(t: &Timeline) -> Vec<String> {
    t.entries.iter().map(TimelineEntry::link).collect()
}

#[test]
fn service_timeline_is_in_date_order_with_outcomes() {
    let g = graph();
    let t = timeline(&g, Selector::Service("KEYCLOAK".into()));
    assert_eq!(t.matched.len(), 1);
    assert_eq!(
        links(&t),
        [
            "b/0110.md:11",
            "a/0305.md:5",
            "a/0305.md:10",
            "c/notes.md:7"
        ]
    );
    let upgrade = &t.entries[2];
    assert_eq!(upgrade.item.as_deref(), Some("Keycloak upgrade"));
    assert_eq!((upgrade.line, upgrade.end_line), (10, 20));
    assert_eq!(upgrade.decisions[0].text, "Upgrade to 24");
    assert_eq!(upgrade.actions[0].assignees, ["Jane Doe"]);
    let loose = &t.entries[3];
    assert_eq!(loose.date, None);
    assert_eq!(loose.item, None);
    assert_eq!(loose.actions[0].text, "Ask about Keycloak");
}

#[test]
fn person_timeline_counts_attendance_only_where_nothing_else_is() {
    let g = graph();
    let t = timeline(&g, Selector::Person("@jdoe".into()));
    // January and the undated meeting by attendance; March by the presented item.
    assert_eq!(links(&t), ["b/0110.md:2", "a/0305.md:10", "c/notes.md:2"]);
    assert_eq!(t.entries[0].item, None);
}

#[test]
fn topic_and_issue_timelines() {
    let g = graph();
    let t = timeline(&g, Selector::Topic("status page".into()));
    assert_eq!(links(&t), ["b/0110.md:11", "a/0305.md:21"]);
    assert_eq!(t.entries[0].actions[0].status, Status::Done);
    let t = timeline(&g, Selector::Issue("#7".into()));
    assert_eq!(links(&t), ["b/0110.md:11"]);
    let t = timeline(&g, Selector::Issue("#8".into()));
    assert!(t.matched.is_empty() && t.entries.is_empty());
}

#[test]
fn actions_filter_by_status_and_assignee() {
    let g = graph();
    let all = actions(&g, false, None, &Filter::default());
    let ids: Vec<&str> = all.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "meeting/b/action/1",
            "meeting/a/action/1",
            "meeting/c/action/1"
        ]
    );
    assert_eq!(all[1].item.as_deref(), Some("Keycloak upgrade"));
    assert_eq!(all[1].meeting_title.as_deref(), Some("Ops"));
    let open = actions(&g, true, None, &Filter::default());
    assert!(open.iter().all(|a| a.status == Status::Open));
    assert_eq!(open.len(), 2);
    let janes = actions(&g, false, Some("jane doe"), &Filter::default());
    assert_eq!(janes.len(), 1);
    assert!(actions(&g, false, Some("nobody"), &Filter::default()).is_empty());
}

#[test]
fn actions_and_decisions_filter_by_topic_and_dates() {
    let g = graph();
    let date = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
    let ids = |rows: Vec<ActionRow>| rows.into_iter().map(|r| r.id).collect::<Vec<_>>();
    // The status page thread holds January's item; "keycloak" is in the
    // text of the undated action and the name of March's item.
    let status = Filter {
        topic: Some("STATUS PAGE".into()),
        ..Filter::default()
    };
    assert_eq!(
        ids(actions(&g, false, None, &status)),
        ["meeting/b/action/1"]
    );
    let keycloak = Filter {
        topic: Some("keycloak".into()),
        ..Filter::default()
    };
    assert_eq!(
        ids(actions(&g, false, None, &keycloak)),
        ["meeting/a/action/1", "meeting/c/action/1"]
    );
    // A word inside another word does not match.
    let part = Filter {
        topic: Some("cloak".into()),
        ..Filter::default()
    };
    assert!(actions(&g, false, None, &part).is_empty());
    // A window keeps dated meetings inside it, both ends included.
    let spring = Filter {
        since: Some(date("2024-03-05")),
        until: Some(date("2024-12-31")),
        ..Filter::default()
    };
    assert_eq!(
        ids(actions(&g, false, None, &spring)),
        ["meeting/a/action/1"]
    );
    let winter = Filter {
        until: Some(date("2024-03-04")),
        ..Filter::default()
    };
    assert_eq!(
        ids(actions(&g, false, None, &winter)),
        ["meeting/b/action/1"]
    );

    let all = decisions(&g, &Filter::default());
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].item.as_deref(), Some("Keycloak upgrade"));
    assert_eq!(all[0].date.as_deref(), Some("2024-03-05"));
    assert_eq!(decisions(&g, &keycloak).len(), 1);
    assert!(decisions(&g, &status).is_empty());
    assert!(decisions(&g, &winter).is_empty());
}

#[test]
fn entities_count_meetings_and_dates() {
    let g = graph();
    let people = entities(&g, EntityKind::Person);
    assert_eq!(people[0].meetings, 3);
    assert_eq!(people[0].first_seen.as_deref(), Some("2024-01-10"));
    assert_eq!(people[0].last_seen.as_deref(), Some("2024-03-05"));
    assert_eq!(people[0].handles, ["jdoe"]);
    let topics = entities(&g, EntityKind::Topic);
    assert_eq!(
        (topics[0].meetings, topics[0].first_seen.as_deref()),
        (2, Some("2024-01-10"))
    );
    let services = entities(&g, EntityKind::Service);
    assert_eq!(services[0].meetings, 3);
    assert_eq!(services[0].evidence.as_deref(), Some("catalogue"));
    let issues = entities(&g, EntityKind::Issue);
    assert_eq!(issues[0].key.as_deref(), Some("acme/infra#7"));
    assert_eq!(issues[0].issue_kind.as_deref(), Some("issue"));
}

#[test]
fn results_serialise_in_a_stable_shape() {
    let g = graph();
    let t = timeline(&g, Selector::Service("keycloak".into()));
    let json = serde_json::to_value(&t).unwrap();
    assert_eq!(json["selector"]["kind"], "service");
    assert_eq!(json["entries"][2]["actions"][0]["status"], "open");
    let text = serde_json::to_string(&t).unwrap();
    let back: Timeline = serde_json::from_str(&text).unwrap();
    assert_eq!(back, t);
}

#[test]
fn entities_sort_by_meetings_and_recency() {
    let g = graph();
    let mut rows = entities(&g, EntityKind::Service);
    rows.push(EntityRow {
        id: "service/zabbix".into(),
        name: "Zabbix".into(),
        meetings: 5,
        last_seen: Some("2023-01-01".into()),
        ..rows[0].clone()
    });
    rows.push(EntityRow {
        id: "service/apt".into(),
        name: "apt".into(),
        meetings: 0,
        first_seen: None,
        last_seen: None,
        ..rows[0].clone()
    });
    sort_entities(&mut rows, EntityOrder::Name);
    let names = |rows: &[EntityRow]| rows.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&rows), ["apt", "Keycloak", "Zabbix"]);
    sort_entities(&mut rows, EntityOrder::Meetings);
    assert_eq!(names(&rows), ["Zabbix", "Keycloak", "apt"]);
    sort_entities(&mut rows, EntityOrder::Recent);
    assert_eq!(names(&rows), ["Keycloak", "Zabbix", "apt"]);
}
