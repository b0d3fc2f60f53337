//! GraphML and CSV: the same node and edge tables, every attribute declared,
//! hostile text escaped or quoted so it reads back unchanged, and CSV written
//! into a folder atomically; the CLI's `-o DIR` for CSV and `--view` for DOT.

use crate::support::{NASTY_CLEAN, export, sample_graph};
use minutegraph::export::csv::{EDGE_HEADER, NODE_HEADER, write_folder};
use minutegraph::export::neutral::spreadsheet_cell;
use minutegraph::export::{ExportOptions, Format};
use std::path::Path;

/// Parses RFC 4180 CSV (CRLF records, quoted fields with doubled quotes).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => record.push(std::mem::take(&mut field)),
            ('\r', false) => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            ('\n', false) => panic!("bare LF outside quotes"),
            (c, _) => field.push(c),
        }
    }
    assert!(
        !quoted && field.is_empty() && record.is_empty(),
        "unterminated"
    );
    records
}

fn read(dir: &Path, name: &str) -> Vec<Vec<String>> {
    parse_csv(&std::fs::read_to_string(dir.join(name)).unwrap())
}

#[test]
fn csv_folder_holds_both_tables_with_headers_and_every_row() {
    let graph = sample_graph();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tables");
    write_folder(&graph, &ExportOptions::default(), &out).unwrap();
    let nodes = read(&out, "nodes.csv");
    let edges = read(&out, "edges.csv");
    assert_eq!(nodes[0], NODE_HEADER);
    assert_eq!(edges[0], EDGE_HEADER);
    assert_eq!(nodes.len() - 1, graph.node_count());
    assert_eq!(edges.len() - 1, graph.edge_count());
    assert!(nodes.iter().all(|r| r.len() == NODE_HEADER.len()));
    assert!(edges.iter().all(|r| r.len() == EDGE_HEADER.len()));
    let ids: Vec<&String> = nodes[1..].iter().map(|r| &r[0]).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    let action = nodes[1..]
        .iter()
        .find(|r| r[0] == "meeting/seeds/002-abcd/action/1")
        .unwrap();
    assert_eq!(action[2], "ActionItem");
    // Control characters are shown as their pictures in CSV (DEL as `␡`).
    assert_eq!(action[3], spreadsheet_cell(NASTY_CLEAN));
    assert_eq!(action[4], "2024-02-30");
    assert_eq!(action[5], "seeds/2024 notes/002.md");
    assert!(edges.contains(&vec![
        "meeting/seeds/001-2d86/action/1".to_string(),
        "person/jschoone".to_string(),
        "agent".to_string(),
        "seeds/001.md".to_string(),
        "16".to_string(),
    ]));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary folder is left behind");
}

#[test]
fn csv_into_an_existing_folder_replaces_the_tables_and_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("nodes.csv"), "old").unwrap();
    std::fs::write(dir.path().join("README"), "mine").unwrap();
    write_folder(&sample_graph(), &ExportOptions::default(), dir.path()).unwrap();
    assert_eq!(read(dir.path(), "nodes.csv")[0], NODE_HEADER);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("README")).unwrap(),
        "mine"
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["README", "edges.csv", "nodes.csv"]);
}

#[test]
fn csv_into_a_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("taken");
    std::fs::write(&file, "x").unwrap();
    let result = write_folder(&sample_graph(), &ExportOptions::default(), &file);
    assert!(matches!(result, Err(minutegraph::error::Error::Io { .. })));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn csv_on_one_stream_is_both_tables_in_a_row() {
    let text = String::from_utf8(export(Format::Csv, &sample_graph())).unwrap();
    let (nodes, edges) = text.split_once("\r\n\r\n").unwrap();
    assert_eq!(parse_csv(&format!("{nodes}\r\n"))[0], NODE_HEADER);
    assert_eq!(parse_csv(edges)[0], EDGE_HEADER);
}

#[test]
fn graphml_declares_every_key_it_uses() {
    let text = String::from_utf8(export(Format::GraphMl, &sample_graph())).unwrap();
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml "));
    let declared: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("<key id=\""))
        .filter_map(|l| l.split('"').next())
        .collect();
    for line in text.lines() {
        if let Some(rest) = line.trim().strip_prefix("<data key=\"") {
            let key = rest.split('"').next().unwrap();
            assert!(declared.contains(&key), "undeclared key {key}");
        }
    }
    assert_eq!(
        text.matches("<node id=").count(),
        sample_graph().node_count()
    );
    assert_eq!(
        text.matches("<edge id=").count(),
        sample_graph().edge_count()
    );
    assert!(text.contains("<node id=\"person/%C3%B6d%C3%B6n%20%22x%22%20%3Cy%3E\">"));
    assert!(text.contains(
        "<data key=\"name\">He said &quot;hi&quot; \\ &lt;b&gt;{x}|y &amp; &apos;z&apos;&#10;second line&#9;tab"
    ));
    assert!(!text.contains('\u{1}'));
}

#[test]
fn graphml_loads_in_networkx_when_installed() {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    let Ok(probe) = std::process::Command::new(&python)
        .args(["-c", "import networkx"])
        .output()
    else {
        return;
    };
    if !probe.status.success() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.graphml");
    std::fs::write(&path, export(Format::GraphMl, &sample_graph())).unwrap();
    let script = "import sys, networkx as nx\n\
        g = nx.read_graphml(sys.argv[1])\n\
        n = g.nodes['meeting/seeds/002-abcd/action/1']\n\
        print(g.number_of_nodes(), g.number_of_edges(), n['kind'], n['line'], repr(n['name']))";
    let out = std::process::Command::new(&python)
        .args(["-c", script])
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let graph = sample_graph();
    let expected = format!(
        "{} {} ActionItem 10 'He said",
        graph.node_count(),
        graph.edge_count()
    );
    assert!(stdout.starts_with(&expected), "{stdout}");
}

fn minutegraph(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_minutegraph"))
        .env(crate::support::CACHE_ENV, crate::support::test_cache())
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_cli_writes_csv_into_the_folder_given_with_o() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tables");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/minutes");
    let run = minutegraph(&[
        "export",
        "--quiet",
        "--format",
        "csv",
        "-o",
        out.to_str().unwrap(),
        examples.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.stdout.is_empty());
    assert_eq!(read(&out, "nodes.csv")[0], NODE_HEADER);
    assert!(read(&out, "edges.csv").len() > 10);
}

#[test]
fn the_cli_picks_dot_views_and_refuses_unknown_ones() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/minutes");
    let examples = examples.to_str().unwrap();
    for view in ["full", "meeting", "topics"] {
        let run = minutegraph(&["export", "-q", "-f", "dot", "--view", view, examples]);
        assert!(run.status.success(), "{view}");
        assert!(run.stdout.starts_with(b"digraph minutegraph {"), "{view}");
    }
    let run = minutegraph(&["export", "-q", "-f", "dot", "--view", "map", examples]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("unknown view 'map'"));
}
