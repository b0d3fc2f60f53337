//! The DOT writer: one cluster per meeting, a shape per kind, every label
//! escaped and on one line, and a document Graphviz renders, in each view;
//! graphs above the detail limit get an overview Graphviz lays out quickly,
//! and `top` and `row` cut and wrap what each view draws.

use crate::support::{export, export_with, graphviz, sample_graph};
use minutegraph::export::{DETAIL_LIMIT, DotView, ExportOptions, Format};
use minutegraph::model::{ActionStatus, EdgeKind, KnowledgeGraph, Node, NodeData, Provenance};
use petgraph::stable_graph::NodeIndex;
use std::time::Duration;

fn dot(graph: &KnowledgeGraph) -> String {
    String::from_utf8(export(Format::Dot, graph)).expect("DOT is UTF-8")
}

fn dot_view(graph: &KnowledgeGraph, view: DotView) -> String {
    dot_top(graph, view, None, None)
}

fn dot_top(
    graph: &KnowledgeGraph,
    view: DotView,
    top: Option<usize>,
    row: Option<usize>,
) -> String {
    let options = ExportOptions {
        view,
        top,
        row,
        ..ExportOptions::default()
    };
    String::from_utf8(export_with(Format::Dot, graph, &options)).expect("DOT is UTF-8")
}

/// Number of `"` on `line` that are not escaped by a backslash.
fn unescaped_quotes(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match (c, escaped) {
            ('\\', false) => escaped = true,
            ('"', false) => count += 1,
            _ => escaped = false,
        }
    }
    count
}

#[test]
fn every_line_has_balanced_quotes() {
    let text = dot(&sample_graph());
    assert!(text.starts_with("digraph minutegraph {\n"));
    assert!(text.ends_with("}\n"));
    for line in text.lines() {
        assert_eq!(unescaped_quotes(line) % 2, 0, "unbalanced: {line}");
        assert!(
            !line.contains('\r') && !line.contains('\t'),
            "raw control character: {line:?}"
        );
    }
    let opens = text.matches('{').count() - text.matches("\\{").count();
    let closes = text.matches('}').count() - text.matches("\\}").count();
    assert_eq!(opens, closes);
}

#[test]
fn meetings_become_clusters_holding_their_occurrences() {
    let text = dot(&sample_graph());
    assert_eq!(text.matches("subgraph cluster_").count(), 2);
    let first = text
        .split("subgraph cluster_")
        .find(|c| c.contains("\"meeting/seeds/001-2d86\" [label="))
        .unwrap();
    for id in [
        "meeting/seeds/001-2d86/item/1",
        "meeting/seeds/001-2d86/decision/1",
        "meeting/seeds/001-2d86/action/1",
    ] {
        assert!(
            first.contains(&format!("\"{id}\" [label=")),
            "{id} not in its meeting's cluster"
        );
    }
    let outside = text.rsplit("  }\n").next().unwrap();
    assert!(outside.contains("\"person/jschoone\" [label=\"Jan Schoone\", shape=ellipse"));
    assert!(outside.contains("\"service/keycloak\" [label=\"Keycloak\", shape=component"));
    assert!(outside.contains("\"issue/12\" [label=\"#12\", shape=note"));
}

#[test]
fn labels_are_escaped_and_truncated() {
    let text = dot(&sample_graph());
    assert!(
        text.contains(r#"label="He said \"hi\" \\ \<b\>\{x\}\|y & 'z' second…""#),
        "{text}"
    );
    // The whole text is in the tooltip.
    assert!(
        text.contains(
            r#"tooltip="He said \"hi\" \\ \<b\>\{x\}\|y & 'z' second line tab ü 日本 😀 end \\""#
        ),
        "{text}"
    );
    assert!(text.contains(r#"label="Weekly sync\n2024-03-05""#));
}

#[test]
fn graphviz_renders_it() {
    let text = String::from_utf8(export(Format::Dot, &sample_graph())).unwrap();
    let (svg, _) = graphviz(&text);
    assert_eq!(svg.matches("class=\"cluster\"").count(), 2);
    assert_eq!(svg.matches("class=\"node\"").count(), 11);
}

fn add(g: &mut KnowledgeGraph, id: &str, label: &str, data: NodeData, source: &str) -> NodeIndex {
    g.upsert(Node {
        id: id.to_string(),
        label: label.to_string(),
        data,
        provenance: vec![Provenance::new(source, 1, 1)].into(),
    })
}

/// `meetings` meetings in two series, each with three agenda items (one per
/// topic thread), a decision and an action, two attendees out of ten people.
fn series_graph(meetings: usize) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    for m in 0..meetings {
        let folder = if m % 2 == 0 { "team-a" } else { "team-b" };
        let source = format!("{folder}/{m:04}.md");
        let id = format!("meeting/{folder}/{m:04}");
        let date = format!("2024-{:02}-{:02}", 1 + m % 12, 1 + m % 28);
        let data = NodeData::Meeting {
            date: Some(date),
            title: None,
        };
        let meeting = add(&mut g, &id, &format!("Sync {m}"), data, &source);
        let p = |line| Provenance::new(source.as_str(), line, line);
        for t in 0..3 {
            let item_id = format!("{id}/item/{t}");
            let item = add(&mut g, &item_id, "Item", NodeData::AgendaItem, &source);
            g.relate(item, meeting, EdgeKind::InMeeting, p(2));
            let data = NodeData::Topic {
                first_date: None,
                last_date: None,
                meetings: 0,
            };
            let topic_id = format!("topic/t{}", (m + t) % 60);
            let topic = add(
                &mut g,
                &topic_id,
                &format!("Topic {}", (m + t) % 60),
                data,
                &source,
            );
            g.relate(item, topic, EdgeKind::Topic, p(2));
        }
        let decision = add(
            &mut g,
            &format!("{id}/decision/1"),
            "Agreed",
            NodeData::Decision,
            &source,
        );
        g.relate(decision, meeting, EdgeKind::InMeeting, p(3));
        let data = NodeData::ActionItem {
            status: ActionStatus::Open,
            due: None,
            evidence: None,
        };
        let action = add(&mut g, &format!("{id}/action/1"), "Do it", data, &source);
        g.relate(action, meeting, EdgeKind::InMeeting, p(4));
        for person in [m % 10, (m + 3) % 10] {
            let data = NodeData::Person {
                handles: vec![],
                aliases: vec![],
            };
            let who = add(
                &mut g,
                &format!("person/p{person}"),
                &format!("P{person}"),
                data,
                &source,
            );
            g.relate(meeting, who, EdgeKind::Attendee, p(1));
            g.relate(action, who, EdgeKind::Assignee, p(4));
        }
    }
    g
}

/// Renders `text` with Graphviz: the SVG and how long the layout took.
fn render(text: &str) -> (String, Duration) {
    graphviz(text)
}

#[test]
fn the_meeting_view_draws_occurrences_as_an_outline_without_entities() {
    let text = dot_view(&sample_graph(), DotView::Meeting);
    assert_eq!(text.matches("subgraph cluster_").count(), 2);
    assert!(!text.contains("person/"), "{text}");
    assert!(!text.contains("service/"), "{text}");
    // The meeting, its agenda item, then what was recorded under the item.
    let meeting = "meeting/seeds/001-2d86";
    let spine = "[color=\"#bbbbbb\", arrowhead=none, weight=20]";
    for (from, to) in [
        (meeting.to_string(), format!("{meeting}/item/1")),
        (format!("{meeting}/item/1"), format!("{meeting}/decision/1")),
        (
            format!("{meeting}/decision/1"),
            format!("{meeting}/action/1"),
        ),
    ] {
        assert!(
            text.contains(&format!("\"{from}\" -> \"{to}\" {spine};")),
            "{text}"
        );
    }
    // Two meetings fit in one row, the earlier one first.
    assert!(
        text.contains("{ rank=same; \"meeting/seeds/002-abcd\"; \"meeting/seeds/001-2d86\" }"),
        "{text}"
    );
    let (svg, _) = render(&text);
    assert_eq!(svg.matches("class=\"cluster\"").count(), 2);
}

/// One meeting whose minutes list the agenda, then discuss each point under
/// a heading of (nearly) the same name, with a decision under the second.
fn agenda_then_discussion() -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    let source = "2024-05-02.md";
    let data = NodeData::Meeting {
        date: Some("2024-05-02".into()),
        title: None,
    };
    let meeting = add(&mut g, "meeting/m", "Weekly", data, source);
    let titles = [
        "Budget review",
        "Issues for vote (list issue #)",
        "Budget review",
        "Issues for vote (list issue #; one line each)",
        "AOB",
    ];
    let mut items = Vec::new();
    for (n, title) in titles.iter().enumerate() {
        let line = 10 * (n as u32 + 1);
        let item = g.upsert(Node {
            id: format!("meeting/m/item/{}", n + 1),
            label: title.to_string(),
            data: NodeData::AgendaItem,
            provenance: vec![Provenance::new(source, line, line)].into(),
        });
        g.relate(
            item,
            meeting,
            EdgeKind::InMeeting,
            Provenance::new(source, line, line),
        );
        items.push(item);
    }
    let decision = g.upsert(Node {
        id: "meeting/m/decision/1".into(),
        label: "Approved".into(),
        data: NodeData::Decision,
        provenance: vec![Provenance::new(source, 45, 45)].into(),
    });
    let p = Provenance::new(source, 45, 45);
    g.relate(decision, meeting, EdgeKind::InMeeting, p);
    g.relate(decision, items[3], EdgeKind::InAgendaItem, p);
    g
}

#[test]
fn the_meeting_view_draws_each_agenda_item_once() {
    let text = dot_view(&agenda_then_discussion(), DotView::Meeting);
    assert_eq!(
        text.matches("shape=box, fillcolor=\"#f0f0f0\"").count(),
        3,
        "{text}"
    );
    assert!(text.contains("\"meeting/m/item/1\" [label=\"Budget review\""));
    assert!(!text.contains("\"meeting/m/item/3\""), "{text}");
    assert!(!text.contains("\"meeting/m/item/4\""), "{text}");
    // The decision recorded under the repeat follows the item it repeats.
    assert!(
        text.contains("\"meeting/m/item/2\" -> \"meeting/m/decision/1\""),
        "{text}"
    );
    assert!(
        text.contains("\"meeting/m/decision/1\" -> \"meeting/m/item/5\""),
        "{text}"
    );
    render(&text);
}

#[test]
fn the_meeting_view_caps_detail_per_meeting() {
    let mut g = KnowledgeGraph::new();
    let source = "long.md";
    let data = NodeData::Meeting {
        date: None,
        title: None,
    };
    let meeting = add(&mut g, "meeting/long", "Long", data, source);
    for n in 0..100 {
        let item = add(
            &mut g,
            &format!("meeting/long/item/{n:03}"),
            &format!("x{n}"),
            NodeData::AgendaItem,
            source,
        );
        g.relate(
            item,
            meeting,
            EdgeKind::InMeeting,
            Provenance::new(source, 1, 1),
        );
    }
    let text = dot_view(&g, DotView::Meeting);
    assert_eq!(text.matches("shape=box,").count(), 40);
    assert!(
        text.contains("\"#more/meeting/long\" [label=\"+ 60 agenda items\""),
        "{text}"
    );
    // Alone, a meeting is drawn in columns of at most 20.
    assert_eq!(
        text.matches("{ rank=same; \"meeting/long/item/").count(),
        1,
        "{text}"
    );
    render(&text);
}

#[test]
fn the_meeting_view_draws_the_latest_meetings_in_rows() {
    let g = series_graph(30);
    let text = dot_view(&g, DotView::Meeting);
    assert_eq!(text.matches("subgraph cluster_").count(), 8);
    assert!(
        text.contains("label=\"The latest 8 of 30 meetings, "),
        "{text}"
    );
    // Four to a row: two rows of heads on one rank each.
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("{ rank=same; \"meeting/"))
        .collect();
    assert_eq!(rows.len(), 2, "{text}");
    assert_eq!(rows[0].matches("\"meeting/").count(), 4);
    let text = dot_top(&g, DotView::Meeting, Some(3), Some(1));
    assert_eq!(text.matches("subgraph cluster_").count(), 3);
    assert!(text.contains("The latest 3 of 30 meetings"));
    let rows = text
        .lines()
        .filter(|l| l.contains("{ rank=same; \"meeting/"))
        .count();
    assert_eq!(rows, 3, "{text}");
    render(&text);
}

#[test]
fn the_topics_view_draws_threads_as_rows_against_meetings() {
    let g = series_graph(12);
    let text = dot_view(&g, DotView::Topics);
    assert!(!text.contains("subgraph"));
    // Twelve meetings are twelve columns, headed by their dates in order.
    assert!(
        text.contains("\"#column/0\" [label=\"2024-01-01\""),
        "{text}"
    );
    assert!(
        text.contains("\"#column/11\" [label=\"2024-12-12\""),
        "{text}"
    );
    // Topic 3 was discussed in meetings 1, 2 and 3: marked, and joined from first to last.
    assert!(
        text.contains("\"topic/t3\" [label=\"Topic 3\\n3 meetings\", shape=folder"),
        "{text}"
    );
    assert!(text.contains("\"#cell/topic/t3/1\" [label=\"\", shape=circle"));
    assert!(text.contains("\"#cell/topic/t3/0\" [label=\"\", shape=point"));
    assert!(text.contains("\"#cell/topic/t3/0\" -> \"#cell/topic/t3/1\" [style=invis"));
    assert!(text.contains("\"#cell/topic/t3/1\" -> \"#cell/topic/t3/2\" [color="));
    assert!(text.contains("\"#cell/topic/t3/3\" -> \"#cell/topic/t3/4\" [style=invis"));
    assert!(
        text.contains(
            "label=\"Topic threads: all 14; their 12 meetings, 2024-01-01 – 2024-12-12\\l\""
        ),
        "{text}"
    );
    render(&text);
}

#[test]
fn the_topics_view_keeps_the_most_discussed_topics_and_groups_time() {
    let g = series_graph(300);
    let text = dot_view(&g, DotView::Topics);
    assert_eq!(text.matches("shape=folder").count(), 20);
    assert!(text.contains("Topic threads: the 20 of 60 discussed in most meetings; their 120 meetings by month, 2024-01 – 2024-12 (in brackets: all meetings of each month)"), "{text}");
    // Ties (every topic has 15 meetings) are broken by name.
    assert!(text.contains("\"topic/t0\" [label=\"Topic 0\\n15 meetings\""));
    assert!(text.contains("\"topic/t26\" [label="), "{text}");
    assert!(!text.contains("\"topic/t27\" [label="), "{text}");
    assert!(
        text.contains("\"#column/0\" [label=\"2024-01\\n(25)\""),
        "{text}"
    );
    let headings = text
        .lines()
        .filter(|l| l.starts_with("  \"#column/") && l.contains("[label="));
    assert_eq!(headings.count(), 12, "{text}");
    let text = dot_top(&g, DotView::Topics, Some(5), Some(4));
    assert_eq!(text.matches("shape=folder").count(), 5);
    assert!(text.contains("by quarter"), "{text}");
    assert!(
        text.contains("\"#column/3\" [label=\"2024 Q4\\n(75)\""),
        "{text}"
    );
    let (_, took) = render(&text);
    assert!(took < Duration::from_secs(30), "took {took:?}");
}

#[test]
fn large_graphs_get_an_overview_graphviz_lays_out_quickly() {
    let g = series_graph(400);
    assert!(g.node_count() > DETAIL_LIMIT);
    let text = dot(&g);
    assert!(text.contains("\"#series/team-a\" [label=\"team-a\\n200 meetings, 600 items\\n2024-01-01 – 2024-11-27\\n200 decisions, 200 actions\""), "{text}");
    assert!(text.contains("Overview of "));
    assert_eq!(text.matches("shape=ellipse").count(), 8);
    assert_eq!(text.matches("shape=folder").count(), 8);
    assert!(
        text.contains("8 of 10 people, 0 of 0 services, 0 of 0 issues, 8 of 60 topics"),
        "{text}"
    );
    // Each entity once, in the cluster of the series it is seen in most; no edge shows.
    assert!(
        text.contains("\"person/p0\" [label=\"P0\\n80 meetings in 2 series\""),
        "{text}"
    );
    assert!(
        !text
            .lines()
            .any(|l| l.contains("->") && !l.contains("style=invis")),
        "{text}"
    );
    let (_, took) = render(&text);
    assert!(took < Duration::from_secs(30), "took {took:?}");
    let text = dot_top(&g, DotView::Full, Some(2), None);
    assert_eq!(text.matches("shape=ellipse").count(), 2);
    // Below the limit, a graph is drawn in full.
    let small = dot(&series_graph(2));
    assert!(series_graph(2).node_count() <= DETAIL_LIMIT);
    assert_eq!(small.matches("subgraph cluster_").count(), 2);
    assert!(small.contains("[label=\"attendee\"]"), "{small}");
}
