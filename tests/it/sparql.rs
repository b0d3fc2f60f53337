//! `minutegraph query`: SPARQL over the graph of the example minutes. Every
//! ready-made query of `queries/` has its expected answer in
//! `tests/queries/NAME.csv` (read against the minutes by hand); answers are
//! also checked against the other commands (`actions`, `export --format
//! nquads`) that compute the same facts another way.
//!
//! To add a ready-made query, add `queries/NAME.rq`, list it in
//! `src/query/shipped.rs` and write its expected answer here.

use crate::support::{ok, repo, run};
use serde_json::Value;
use std::collections::BTreeMap;

/// The values a ready-made query needs in these tests.
fn vars_of(name: &str) -> Vec<&'static str> {
    match name {
        "decisions-about" => vec!["--var", "topic=KEYCLOAK"],
        _ => Vec::new(),
    }
}

#[test]
fn every_ready_made_query_gives_its_expected_answer() {
    let listed = ok(&["query", "--list"]);
    let names: Vec<&str> = listed
        .lines()
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(names.len(), 8, "{listed}");
    for name in names {
        let mut args = vec![
            "query",
            "examples/minutes",
            "--name",
            name,
            "--format",
            "csv",
        ];
        args.extend(vars_of(name));
        let got = ok(&args).replace("\r\n", "\n");
        let expected_path = repo().join(format!("tests/queries/{name}.csv"));
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()))
            .replace("\r\n", "\n");
        assert_eq!(got, expected, "answer of {name} differs");
    }
}

#[test]
fn open_actions_per_person_agree_with_the_actions_command() {
    let json = ok(&["actions", "examples/minutes", "--open", "--format", "json"]);
    let rows: Vec<Value> = serde_json::from_str(&json).unwrap();
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for row in &rows {
        for person in row["assignees"].as_array().unwrap() {
            *expected
                .entry(person.as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    assert!(expected.len() >= 2);
    let csv = ok(&[
        "query",
        "examples/minutes",
        "--name",
        "open-actions-per-person",
        "--format",
        "csv",
    ]);
    let got: BTreeMap<String, usize> = csv
        .lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            (cells[0].to_string(), cells[1].parse().unwrap())
        })
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn named_graphs_hold_what_the_nquads_export_holds() {
    let nquads = ok(&["export", "examples/minutes", "--format", "nquads"]);
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for line in nquads.lines().filter(|l| !l.is_empty()) {
        let graph = line
            .trim_end_matches(" .")
            .rsplit(' ')
            .next()
            .unwrap()
            .trim_matches(['<', '>'])
            .to_string();
        *expected.entry(graph).or_default() += 1;
    }
    assert_eq!(expected.len(), 9, "one graph per example file");
    let csv = ok(&[
        "query",
        "examples/minutes",
        "--format",
        "csv",
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    ]);
    let got: BTreeMap<String, usize> = csv
        .lines()
        .skip(1)
        .map(|l| {
            let (g, n) = l.rsplit_once(',').unwrap();
            (g.to_string(), n.parse().unwrap())
        })
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn the_default_graph_holds_each_fact_once() {
    let csv = ok(&[
        "query",
        "examples/minutes",
        "--format",
        "csv",
        "SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?name) AS ?names) \
         WHERE { ?p a mg:Person ; schema:name ?name }",
    ]);
    let row: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(
        row[0], row[1],
        "a person seen in many files is counted once"
    );
}

#[test]
fn answers_come_in_every_format() {
    let select = "SELECT ?name WHERE { ?s a mg:Service ; schema:name ?name } ORDER BY ?name";
    let json = ok(&["query", "examples/minutes", "-f", "json", select]);
    let value: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["head"]["vars"][0], "name");
    let bindings = value["results"]["bindings"].as_array().unwrap();
    assert!(bindings.iter().any(|b| b["name"]["value"] == "Keycloak"));

    let tsv = ok(&["query", "examples/minutes", "-f", "tsv", select]);
    assert!(tsv.starts_with("?name\n"), "{tsv}");
    assert!(tsv.contains("\"Keycloak\"\n"));

    let table = ok(&["query", "examples/minutes", select]);
    assert!(table.starts_with("name\n----"), "{table}");

    let ask = ok(&[
        "query",
        "examples/minutes",
        "ASK { ?s schema:name \"Keycloak\" }",
    ]);
    assert_eq!(ask.trim(), "true");

    let construct = "CONSTRUCT { ?s schema:name ?n } WHERE { ?s a mg:Topic ; schema:name ?n }";
    let turtle = ok(&["query", "examples/minutes", construct]);
    let triples: Vec<_> = oxttl::TurtleParser::new()
        .for_slice(turtle.as_bytes())
        .collect::<Result<_, _>>()
        .expect("CONSTRUCT answers are Turtle");
    assert_eq!(triples.len(), 30);
    let nt = ok(&["query", "examples/minutes", "-f", "ntriples", construct]);
    assert_eq!(nt.lines().count(), 30);
}

#[test]
fn bad_queries_and_values_are_explained() {
    let out = run(&["query", "examples/minutes", "SELECT ?s\nWHERE { ?s ?p }"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("<query>:2:"), "{err}");
    assert!(err.contains("syntax error"), "{err}");
    assert!(err.trim_end().ends_with('^'), "{err}");

    let out = run(&["query", "examples/minutes", "--name", "decisions-about"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--var topic="));

    let out = run(&["query", "examples/minutes", "--name", "no-such"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("presenters"));

    let out = run(&["query", "examples/minutes"]);
    assert_eq!(out.status.code(), Some(2));

    let construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }";
    let out = run(&["query", "examples/minutes", "-f", "csv", construct]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn values_are_typed_and_reach_filters() {
    let query = "SELECT ?name WHERE { ?m a mg:Meeting ; schema:name ?name ; \
                 schema:startDate ?d FILTER (?d >= ?since) } ORDER BY ?name";
    let csv = ok(&[
        "query",
        "examples/minutes",
        "-f",
        "csv",
        "--var",
        "since=2025-03-13",
        query,
    ]);
    let names: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(names.len(), 2, "{csv}");
}

#[test]
fn the_decisions_view_agrees_with_the_ready_made_query() {
    let json = ok(&["decisions", "examples/minutes", "--format", "json"]);
    let all: Vec<Value> = serde_json::from_str(&json).unwrap();
    let csv = ok(&[
        "query",
        "examples/minutes",
        "-f",
        "csv",
        "SELECT ?d WHERE { ?d a mg:Decision }",
    ]);
    assert_eq!(all.len(), csv.lines().count() - 1);
    // Every decision of March, and only those.
    let json = ok(&[
        "decisions",
        "examples/minutes",
        "--since",
        "2025-03-01",
        "--until",
        "2025-03-31",
        "--format",
        "json",
    ]);
    let march: Vec<Value> = serde_json::from_str(&json).unwrap();
    let expected = all
        .iter()
        .filter(|d| d["date"].as_str().is_some_and(|d| d.starts_with("2025-03")))
        .count();
    assert!(expected > 0);
    assert_eq!(march.len(), expected);
    let out = run(&["decisions", "examples/minutes", "--since", "March"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn push_failures_name_the_graph_and_endpoint() {
    let out = run(&[
        "push",
        "examples/minutes",
        "--endpoint",
        "http://127.0.0.1:9/store",
        "--retries",
        "0",
        "--timeout",
        "5",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("GET graph <https://w3id.org/minutegraph/id/graph/manifest> at http://127.0.0.1:9/store: no answer"),
        "{err}"
    );
    let out = run(&[
        "push",
        "examples/minutes",
        "--endpoint",
        "ftp://example.org/",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("http:// or https://"));
}
