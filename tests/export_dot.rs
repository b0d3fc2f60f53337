//! The DOT writer: one cluster per meeting, a shape per kind, every label
//! escaped and on one line, and a document Graphviz renders.

mod export_support;

use export_support::{export, sample_graph};
use minutegraph::export::Format;
use minutegraph::model::KnowledgeGraph;

fn dot(graph: &KnowledgeGraph) -> String {
    String::from_utf8(export(Format::Dot, graph)).expect("DOT is UTF-8")
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
    let first = text.split("subgraph cluster_1").next().unwrap();
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
        text.contains(r#"label="He said \"hi\" \\ \<b\>\{x\}\|y & 'z' second line tab ü…""#),
        "{text}"
    );
    assert!(text.contains(r#"label="Weekly sync\n2024-03-05""#));
}

#[test]
fn graphviz_renders_it_when_installed() {
    let Ok(status) = std::process::Command::new("dot").arg("-V").output() else {
        return;
    };
    if !status.status.success() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.dot");
    std::fs::write(&path, export(Format::Dot, &sample_graph())).unwrap();
    let out = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = String::from_utf8(out.stdout).unwrap();
    assert_eq!(svg.matches("class=\"cluster\"").count(), 2);
    assert_eq!(svg.matches("class=\"node\"").count(), 11);
}
