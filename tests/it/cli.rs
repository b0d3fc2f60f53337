//! The `minutegraph` binary end to end: every export format over the example
//! minutes in `examples/minutes`, what their N-Triples must say, and how bad
//! input, missing paths and unwritable outputs are reported.
//!
//! Assertions check that facts are present rather than comparing whole graphs,
//! so better extraction elsewhere does not break them.

use crate::support::minutegraph;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::{Arc, Mutex, OnceLock};

const MG: &str = "https://w3id.org/minutegraph/ns#";
const SCHEMA: &str = "https://schema.org/";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";

const FORMATS: [&str; 6] = ["jsonld", "turtle", "ntriples", "nquads", "rdfxml", "dot"];

/// Every example file and the meeting date it states.
const EXAMPLES: [(&str, &str); 9] = [
    ("2025-01-09-platform.md", "2025-01-09"),
    ("2025-01-16-devops.md", "2025-01-16"),
    ("2025-01-23-ops.txt", "2025-01-23"),
    ("2025-02-06-irc.md", "2025-02-06"),
    ("2025-02-13-meetbot.txt", "2025-02-13"),
    ("2025-02-20-transcript.md", "2025-02-20"),
    ("2025-03-06-tac.md", "2025-03-06"),
    ("2025-03-13-triage.md", "2025-03-13"),
    ("2025-03-20-crlf.md", "2025-03-20"),
];

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join("minutes")
}

fn run(args: &[&str], paths: &[&Path]) -> Output {
    let mut cmd = minutegraph();
    cmd.arg("export").args(args).args(paths);
    cmd.output().expect("minutegraph runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Export `path` as N-Triples, insisting on success, and parse the result.
/// Each path is exported once per test binary; tests share the parsed graph.
fn ntriples(path: &Path) -> Arc<Graph> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Arc<Graph>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(graph) = cache.lock().unwrap().get(path) {
        return Arc::clone(graph);
    }
    let out = run(&["--format", "ntriples", "--quiet"], &[path]);
    assert!(out.status.success(), "export failed: {}", stderr(&out));
    let graph = Arc::new(Graph::parse(
        std::str::from_utf8(&out.stdout).expect("N-Triples are UTF-8"),
    ));
    cache
        .lock()
        .unwrap()
        .insert(path.to_path_buf(), Arc::clone(&graph));
    graph
}

fn example(name: &str) -> PathBuf {
    examples().join(name)
}

// ---------------------------------------------------------------------------
// A small N-Triples reader, independent of the exporter's own code.

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Term {
    Iri(String),
    Blank(String),
    Literal(String),
}

impl Term {
    fn node(&self) -> Option<&str> {
        match self {
            Term::Iri(s) | Term::Blank(s) => Some(s),
            Term::Literal(_) => None,
        }
    }

    fn literal(&self) -> Option<&str> {
        match self {
            Term::Literal(s) => Some(s),
            _ => None,
        }
    }
}

struct Graph {
    triples: Vec<(String, String, Term)>,
}

impl Graph {
    fn parse(text: &str) -> Graph {
        let mut triples = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let terms = parse_terms(line)
                .unwrap_or_else(|e| panic!("N-Triples line {}: {e}: {line}", n + 1));
            assert_eq!(
                terms.len(),
                3,
                "N-Triples line {} has {} terms: {line}",
                n + 1,
                terms.len()
            );
            let s = terms[0].node().expect("subject is a node").to_string();
            let p = match &terms[1] {
                Term::Iri(p) => p.clone(),
                other => panic!("predicate is not an IRI: {other:?}"),
            };
            triples.push((s, p, terms[2].clone()));
        }
        Graph { triples }
    }

    fn objects<'a>(&'a self, s: &'a str, p: &'a str) -> impl Iterator<Item = &'a Term> + 'a {
        self.triples
            .iter()
            .filter(move |(ts, tp, _)| ts == s && tp == p)
            .map(|(_, _, o)| o)
    }

    fn literals(&self, s: &str, p: &str) -> Vec<String> {
        self.objects(s, p)
            .filter_map(Term::literal)
            .map(str::to_string)
            .collect()
    }

    fn links(&self, s: &str, p: &str) -> Vec<String> {
        self.objects(s, p)
            .filter_map(Term::node)
            .map(str::to_string)
            .collect()
    }

    fn of_type(&self, class: &str) -> Vec<String> {
        let class = format!("{MG}{class}");
        let found: BTreeSet<&str> = self
            .triples
            .iter()
            .filter(|(_, p, o)| p == RDF_TYPE && *o == Term::Iri(class.clone()))
            .map(|(s, _, _)| s.as_str())
            .collect();
        found.into_iter().map(str::to_string).collect()
    }

    /// Every name a node is known by, as the scorer reads them.
    fn names(&self, node: &str) -> BTreeSet<String> {
        [
            format!("{SCHEMA}name"),
            RDFS_LABEL.to_string(),
            format!("{SCHEMA}alternateName"),
            format!("{MG}handle"),
        ]
        .iter()
        .flat_map(|p| self.literals(node, p))
        .collect()
    }

    fn person_named(&self, name: &str) -> Option<String> {
        self.of_type("Person")
            .into_iter()
            .find(|p| self.names(p).contains(name))
    }

    fn line(&self, node: &str) -> Option<u32> {
        self.literals(node, &format!("{MG}line"))
            .first()
            .and_then(|l| l.parse().ok())
    }

    fn lines_of(&self, class: &str) -> BTreeSet<u32> {
        self.of_type(class)
            .iter()
            .filter_map(|n| self.line(n))
            .collect()
    }

    /// The node of `class` that starts on `line`.
    fn at_line(&self, class: &str, line: u32) -> String {
        self.of_type(class)
            .into_iter()
            .find(|n| self.line(n) == Some(line))
            .unwrap_or_else(|| panic!("no {class} at line {line}"))
    }

    fn only_meeting(&self) -> String {
        let meetings = self.of_type("Meeting");
        assert_eq!(
            meetings.len(),
            1,
            "expected exactly one meeting, got {meetings:?}"
        );
        meetings[0].clone()
    }

    fn attendee_names(&self, meeting: &str) -> BTreeSet<String> {
        self.links(meeting, &format!("{SCHEMA}attendee"))
            .iter()
            .flat_map(|p| self.names(p))
            .collect()
    }

    fn issue_keys(&self) -> BTreeSet<String> {
        self.of_type("Issue")
            .iter()
            .flat_map(|i| self.literals(i, &format!("{MG}key")))
            .collect()
    }

    fn service_names(&self) -> BTreeSet<String> {
        self.of_type("Service")
            .iter()
            .flat_map(|s| self.names(s))
            .collect()
    }
}

fn parse_terms(line: &str) -> Result<Vec<Term>, String> {
    let mut terms = Vec::new();
    let mut rest = line;
    loop {
        rest = rest.trim_start();
        if rest == "." {
            return Ok(terms);
        }
        let (term, tail) = if let Some(r) = rest.strip_prefix('<') {
            let end = r.find('>').ok_or("unterminated IRI")?;
            (Term::Iri(r[..end].to_string()), &r[end + 1..])
        } else if let Some(r) = rest.strip_prefix("_:") {
            let end = r
                .find(char::is_whitespace)
                .ok_or("unterminated blank node")?;
            (Term::Blank(r[..end].to_string()), &r[end..])
        } else if let Some(r) = rest.strip_prefix('"') {
            let (value, after) = parse_string(r)?;
            let after = if let Some(dt) = after.strip_prefix("^^<") {
                &dt[dt.find('>').ok_or("unterminated datatype")? + 1..]
            } else if let Some(lang) = after.strip_prefix('@') {
                lang.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '-')
            } else {
                after
            };
            (Term::Literal(value), after)
        } else {
            return Err(format!("unexpected input at '{rest}'"));
        };
        terms.push(term);
        rest = tail;
    }
}

fn parse_string(s: &str) -> Result<(String, &str), String> {
    let mut value = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((value, &s[i + 1..])),
            '\\' => {
                let (_, e) = chars.next().ok_or("dangling escape")?;
                match e {
                    't' => value.push('\t'),
                    'n' => value.push('\n'),
                    'r' => value.push('\r'),
                    'b' => value.push('\u{8}'),
                    'f' => value.push('\u{c}'),
                    '"' | '\'' | '\\' => value.push(e),
                    'u' | 'U' => {
                        let len = if e == 'u' { 4 } else { 8 };
                        let hex: String = (0..len)
                            .filter_map(|_| chars.next().map(|(_, h)| h))
                            .collect();
                        let code = u32::from_str_radix(&hex, 16)
                            .map_err(|_| format!("bad escape \\{e}{hex}"))?;
                        value.push(char::from_u32(code).ok_or("escape is not a character")?);
                    }
                    other => return Err(format!("unknown escape \\{other}")),
                }
            }
            c => value.push(c),
        }
    }
    Err("unterminated literal".into())
}

// ---------------------------------------------------------------------------
// Every format over the examples.

#[test]
fn every_format_exports_the_examples_identically_twice() {
    let dir = examples();
    for format in FORMATS {
        let first = run(&["--format", format], &[&dir]);
        assert!(first.status.success(), "{format}: {}", stderr(&first));
        assert!(!first.stdout.is_empty(), "{format}: empty output");
        let second = run(&["--format", format], &[&dir]);
        assert!(second.status.success(), "{format}: {}", stderr(&second));
        assert!(first.stdout == second.stdout, "{format}: two runs differ");
        assert_eq!(
            first.stderr, second.stderr,
            "{format}: diagnostics differ between runs"
        );
        let text = String::from_utf8(first.stdout).expect("output is UTF-8");
        assert_shape(format, &text);
    }
}

/// A quick look at each format; scripts/validate-exports.sh runs real parsers.
fn assert_shape(format: &str, text: &str) {
    match format {
        "jsonld" => {
            let json: serde_json::Value = serde_json::from_str(text).expect("JSON-LD is JSON");
            assert!(json.get("@context").is_some(), "JSON-LD has a @context");
        }
        "turtle" => assert!(text.contains("@prefix mg: <https://w3id.org/minutegraph/ns#>")),
        "rdfxml" => assert!(text.contains("<rdf:RDF")),
        "dot" => assert!(text.trim_start().starts_with("digraph")),
        "nquads" => {
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let terms =
                    parse_terms(line.trim()).unwrap_or_else(|e| panic!("N-Quads: {e}: {line}"));
                assert_eq!(terms.len(), 4, "N-Quads line without a graph: {line}");
            }
        }
        // Parsing checks every line.
        "ntriples" => assert!(!Graph::parse(text).triples.is_empty()),
        other => panic!("no shape check for {other}"),
    }
}

// ---------------------------------------------------------------------------
// What the examples say.

#[test]
fn each_example_is_one_meeting_on_its_date() {
    for (name, date) in EXAMPLES {
        let graph = ntriples(&example(name));
        let meeting = graph.only_meeting();
        assert_eq!(
            graph.literals(&meeting, &format!("{SCHEMA}startDate")),
            vec![date.to_string()],
            "{name}"
        );
    }
    let all = ntriples(&examples());
    let meetings = all.of_type("Meeting");
    assert_eq!(
        meetings.len(),
        EXAMPLES.len(),
        "one meeting per example file"
    );
    let dates: BTreeSet<String> = meetings
        .iter()
        .flat_map(|m| all.literals(m, &format!("{SCHEMA}startDate")))
        .collect();
    let expected: BTreeSet<String> = EXAMPLES.iter().map(|(_, d)| d.to_string()).collect();
    assert_eq!(dates, expected);
}

#[test]
fn people_are_found_by_handle_and_by_name() {
    let all = ntriples(&examples());
    for name in [
        "mira-k",
        "tobiasw",
        "janek-ops",
        "lu-chen",
        "ravi-p",
        "Ann Okafor",
        "Bo",
        "Helga Brandt",
        "Dmitri Vasquez",
        "Cyril Marchetti",
        "Olusegun Adeyemi",
        "Priya Raman",
        "Kenji Watanabe",
        "Sofia Ramírez",
    ] {
        assert!(all.person_named(name).is_some(), "no person named {name}");
    }
    // The attendance table's GitHub ID column ties a full name to a handle.
    let mira = all.person_named("mira-k").expect("mira-k");
    assert!(
        all.names(&mira).contains("Mira Kowalczyk"),
        "{:?}",
        all.names(&mira)
    );
}

#[test]
fn attendees_are_those_present() {
    let pad = ntriples(&example("2025-01-09-platform.md"));
    let present = pad.attendee_names(&pad.only_meeting());
    for handle in ["mira-k", "tobiasw", "janek-ops", "lu-chen", "ravi-p"] {
        assert!(
            present.contains(handle),
            "{handle} missing from {present:?}"
        );
    }

    // "Ann" is the post's author `ann`, whom .authors.yml names Ann Okafor.
    let blog = ntriples(&example("2025-01-16-devops.md"));
    let present = blog.attendee_names(&blog.only_meeting());
    assert!(
        present.contains("Ann Okafor") && present.contains("Bo"),
        "{present:?}"
    );
    assert!(
        blog.person_named("Cyril").is_some(),
        "the absent Cyril is a person"
    );
    assert!(
        !present.contains("Cyril"),
        "the absent Cyril is not an attendee"
    );

    let irc = ntriples(&example("2025-02-06-irc.md"));
    let present = irc.attendee_names(&irc.only_meeting());
    for name in ["Ann Okafor", "Dmitri Vasquez", "Helga Brandt", "Ravi Patel"] {
        assert!(present.contains(name), "{name} missing from {present:?}");
    }
    assert!(
        irc.person_named("Cyril Marchetti").is_some(),
        "regrets are still people"
    );
    assert!(
        !present.contains("Cyril Marchetti"),
        "regrets are not attendees"
    );

    let table = ntriples(&example("2025-02-20-transcript.md"));
    let present = table.attendee_names(&table.only_meeting());
    for name in [
        "Helga Brandt",
        "Ravi Patel",
        "Sofia Ramírez",
        "Tobias Weber",
    ] {
        assert!(present.contains(name), "{name} missing from {present:?}");
    }

    let tac = ntriples(&example("2025-03-06-tac.md"));
    let present = tac.attendee_names(&tac.only_meeting());
    for name in [
        "Mira Kowalczyk",
        "Olusegun Adeyemi",
        "Tobias Weber",
        "Sofia Ramírez",
        "Kenji Watanabe",
    ] {
        assert!(present.contains(name), "{name} missing from {present:?}");
    }
    assert!(
        !present.contains("Priya Raman"),
        "a row without an X is not an attendee"
    );

    let meetbot = ntriples(&example("2025-02-13-meetbot.txt"));
    let present = meetbot.attendee_names(&meetbot.only_meeting());
    for handle in ["tobiasw", "janek-ops", "lu-chen", "mira-k"] {
        assert!(
            present.contains(handle),
            "{handle} missing from {present:?}"
        );
    }

    let triage = ntriples(&example("2025-03-13-triage.md"));
    let present = triage.attendee_names(&triage.only_meeting());
    for nick in ["mira-k", "janek-ops", "ravi-p", "lu-chen"] {
        assert!(present.contains(nick), "{nick} missing from {present:?}");
    }
}

#[test]
fn issue_references_become_issue_keys() {
    let all = ntriples(&examples());
    let keys = all.issue_keys();
    for key in [
        "lantern-ops/identity#214",
        // A pull request URL, also linked by its /commits page.
        "lantern-ops/fleet-config#88",
        // An issue URL with an #issuecomment- tail.
        "lantern-ops/fleet-config#91",
        "lantern-ops/monitoring#17",
        "lantern-ops/tofu-modules#63",
        "lantern-ops/dashboards#9",
        "lantern-ops/zuul-config#131",
        "open-fleet/tsc#118",
        "open-fleet/fleet-agent#402",
        "open-fleet/fleet-agent#415",
        "open-fleet/fleet-agent#398",
        "open-fleet/charts#57",
        "open-fleet/rfcs#12",
    ] {
        assert!(keys.contains(key), "issue {key} missing from {keys:?}");
    }
    // `infra#305` names no owner; `Ticket #42` names no repository.
    assert!(keys.iter().any(|k| k.ends_with("infra#305")), "{keys:?}");
    assert!(keys.contains("#42"), "{keys:?}");
    for key in &keys {
        let (repo, number) = key.rsplit_once('#').expect("key has #");
        assert!(
            !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()),
            "bad key {key}"
        );
        assert!(
            !repo.contains("commits") && !repo.contains("://"),
            "bad key {key}"
        );
    }
}

#[test]
fn services_are_recognised() {
    let all = ntriples(&examples());
    let services: BTreeSet<String> = all
        .service_names()
        .iter()
        .map(|s| s.to_lowercase())
        .collect();
    for name in [
        "keycloak",
        "flux",
        "zuul",
        "postgresql",
        "github",
        "grafana",
        "forgejo",
        "pgbackrest",
        "renovate",
        "cert-manager",
        "ceph",
        "minio",
        "opentofu",
        "harbor",
        "redis",
        "open policy agent",
        "kubernetes",
    ] {
        assert!(
            services.contains(name),
            "service {name} missing from {services:?}"
        );
    }
}

#[test]
fn decisions_actions_and_agenda_items_carry_lines() {
    let all = ntriples(&examples());
    assert!(!all.of_type("Decision").is_empty());
    assert!(!all.of_type("ActionItem").is_empty());

    let pad = ntriples(&example("2025-01-09-platform.md"));
    assert_lines(&pad, "AgendaItem", &[24, 30, 37]);
    assert_lines(&pad, "Decision", &[27, 34]);
    assert_lines(&pad, "ActionItem", &[28, 35, 41]);
    assert_person(
        &pad,
        &pad.at_line("ActionItem", 35),
        &format!("{SCHEMA}agent"),
        "janek-ops",
    );
    assert_person(
        &pad,
        &pad.at_line("AgendaItem", 30),
        &format!("{MG}presenter"),
        "janek-ops",
    );

    let blog = ntriples(&example("2025-01-16-devops.md"));
    assert_lines(&blog, "AgendaItem", &[21, 31, 41]);
    assert_lines(&blog, "Decision", &[28, 38, 46]);
    let item = blog.at_line("AgendaItem", 41);
    assert_person(&blog, &item, &format!("{MG}presenter"), "Ann Okafor");
    assert_person(&blog, &item, &format!("{MG}presenter"), "Bo");

    let plain = ntriples(&example("2025-01-23-ops.txt"));
    assert_lines(&plain, "AgendaItem", &[3, 10, 19]);
    assert_lines(&plain, "Decision", &[16, 24]);
    assert_lines(&plain, "ActionItem", &[9, 13, 14, 18, 22]);
    assert_person(
        &plain,
        &plain.at_line("ActionItem", 9),
        &format!("{SCHEMA}agent"),
        "Bo",
    );

    let irc = ntriples(&example("2025-02-06-irc.md"));
    assert_lines(&irc, "AgendaItem", &[8, 18]);
    assert_lines(&irc, "Decision", &[15, 24]);
    assert_lines(&irc, "ActionItem", &[16, 25, 26]);
    assert_person(
        &irc,
        &irc.at_line("ActionItem", 26),
        &format!("{SCHEMA}agent"),
        "Dmitri Vasquez",
    );

    let meetbot = ntriples(&example("2025-02-13-meetbot.txt"));
    assert_lines(&meetbot, "AgendaItem", &[11, 16]);
    assert_lines(&meetbot, "Decision", &[14, 18]);
    assert_lines(&meetbot, "ActionItem", &[15, 19]);
    assert_person(
        &meetbot,
        &meetbot.at_line("ActionItem", 15),
        &format!("{SCHEMA}agent"),
        "janek-ops",
    );

    let transcript = ntriples(&example("2025-02-20-transcript.md"));
    assert_lines(&transcript, "Decision", &[36, 37]);
    assert_lines(&transcript, "ActionItem", &[41, 42, 43]);

    let tac = ntriples(&example("2025-03-06-tac.md"));
    assert_lines(&tac, "AgendaItem", &[59, 60, 65, 69]);
    assert!(tac.lines_of("Decision").contains(&64));
    assert_lines(&tac, "ActionItem", &[68, 74, 75, 76]);

    let triage = ntriples(&example("2025-03-13-triage.md"));
    assert_lines(&triage, "AgendaItem", &[22, 25, 31, 34]);
    assert!(triage.lines_of("Decision").contains(&35));
}

#[test]
fn crlf_and_byte_order_mark_keep_line_numbers() {
    let graph = ntriples(&example("2025-03-20-crlf.md"));
    let bytes = std::fs::read(example("2025-03-20-crlf.md")).expect("example exists");
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()) && bytes.windows(2).any(|w| w == b"\r\n"),
        "fixture lost its BOM or CRLF"
    );
    assert_eq!(graph.lines_of("AgendaItem"), [11, 16, 20].into());
    assert_eq!(graph.lines_of("Decision"), [13, 22].into());
    assert_eq!(graph.lines_of("ActionItem"), [14, 18].into());
    assert_person(
        &graph,
        &graph.at_line("ActionItem", 14),
        &format!("{SCHEMA}agent"),
        "tobiasw",
    );
    assert_person(
        &graph,
        &graph.at_line("AgendaItem", 16),
        &format!("{MG}presenter"),
        "mira-k",
    );
    for node in graph
        .of_type("AgendaItem")
        .iter()
        .chain(&graph.of_type("Decision"))
    {
        for text in graph
            .literals(node, &format!("{SCHEMA}name"))
            .iter()
            .chain(&graph.literals(node, &format!("{SCHEMA}text")))
        {
            assert!(
                !text.contains('\r') && !text.contains('\u{feff}'),
                "stray CR or BOM in {text:?}"
            );
        }
    }
}

/// The nodes of `class` start on (at least) these lines.
fn assert_lines(graph: &Graph, class: &str, lines: &[u32]) {
    let found = graph.lines_of(class);
    let missing: Vec<_> = lines.iter().filter(|l| !found.contains(l)).collect();
    assert!(
        missing.is_empty(),
        "no {class} at lines {missing:?}; found {found:?}"
    );
}

fn assert_person(graph: &Graph, node: &str, property: &str, name: &str) {
    let names: BTreeSet<String> = graph
        .links(node, property)
        .iter()
        .flat_map(|p| graph.names(p))
        .collect();
    assert!(
        names.contains(name),
        "{node} {property}: {name} not in {names:?}"
    );
}

// ---------------------------------------------------------------------------
// Bad input, paths and outputs.

const GOOD: &str = "# 2025-04-03\n\n## Participants\n\n* @kim-o\n\n## Agenda\n\n### Backups (@kim-o)\n- Decision: keep 30 days\n";

/// A folder with one good file and three unreadable ones.
fn mixed_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("good.md"), GOOD).unwrap();
    std::fs::write(
        dir.path().join("latin1.md"),
        b"# 2025-04-04\n\nCaf\xe9 au lait \xff\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("image.md"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.md"), b"").unwrap();
    dir
}

#[test]
fn bad_files_are_reported_and_the_good_one_exported() {
    let dir = mixed_folder();
    let out = run(&["--format", "ntriples"], &[dir.path()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let graph = Graph::parse(std::str::from_utf8(&out.stdout).unwrap());
    let dates: BTreeSet<String> = graph
        .of_type("Meeting")
        .iter()
        .flat_map(|m| graph.literals(m, &format!("{SCHEMA}startDate")))
        .collect();
    assert!(
        dates.contains("2025-04-03"),
        "good file not exported: {dates:?}"
    );
    assert!(graph.person_named("kim-o").is_some());

    let err = stderr(&out);
    let line_about = |file: &str| err.lines().find(|l| l.contains(file)).map(str::to_string);
    let binary =
        line_about("image.md").unwrap_or_else(|| panic!("no diagnostic for image.md in {err}"));
    assert!(binary.contains("binary"), "{binary}");
    let empty =
        line_about("empty.md").unwrap_or_else(|| panic!("no diagnostic for empty.md in {err}"));
    assert!(empty.contains("empty"), "{empty}");
    let latin =
        line_about("latin1.md").unwrap_or_else(|| panic!("no diagnostic for latin1.md in {err}"));
    assert!(latin.contains("invalid UTF-8"), "{latin}");
    for line in [&binary, &empty, &latin] {
        assert!(
            line.contains(": error: ") || line.contains(": warning: "),
            "not path: severity: message: {line}"
        );
    }
}

#[test]
fn strict_turns_file_errors_into_exit_1() {
    let dir = mixed_folder();
    let out = run(&["--format", "ntriples", "--strict"], &[dir.path()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));

    let good = dir.path().join("good.md");
    let out = run(&["--format", "ntriples", "--strict"], &[&good]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn quiet_keeps_errors_and_drops_warnings() {
    let dir = mixed_folder();
    let out = run(&["--format", "ntriples", "--quiet"], &[dir.path()]);
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(
        err.contains("image.md") && err.contains("empty.md"),
        "{err}"
    );
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn a_missing_path_is_a_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-minutes.md");
    let good = dir.path().join("good.md");
    std::fs::write(&good, GOOD).unwrap();

    let out = run(&["--format", "ntriples"], &[&missing, &good]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no-such-minutes.md"),
        "{}",
        stderr(&out)
    );
    assert!(!out.stdout.is_empty());

    let out = run(&["--format", "ntriples"], &[&missing]);
    assert_eq!(out.status.code(), Some(1), "nothing could be read");
    assert!(stderr(&out).contains("no-such-minutes.md"));
}

#[test]
fn output_into_a_missing_directory_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("missing").join("graph.ttl");
    let out = run(
        &["-o", target.to_str().unwrap()],
        &[&example("2025-01-09-platform.md")],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("graph.ttl"), "{}", stderr(&out));
    assert!(!target.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "left files behind"
    );
}

#[test]
fn output_extension_picks_the_format_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.ttl");
    let out = run(
        &["-o", target.to_str().unwrap()],
        &[&example("2025-01-09-platform.md")],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "output went to the file, not stdout");
    let turtle = std::fs::read_to_string(&target).unwrap();
    let expected = run(
        &["--format", "turtle"],
        &[&example("2025-01-09-platform.md")],
    );
    assert_eq!(
        turtle.as_bytes(),
        expected.stdout.as_slice(),
        "-o out.ttl is Turtle"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("out.ttl")]);

    let nt = dir.path().join("out.nt");
    let out = run(
        &["-o", nt.to_str().unwrap()],
        &[&example("2025-01-09-platform.md")],
    );
    assert_eq!(out.status.code(), Some(0));
    Graph::parse(&std::fs::read_to_string(&nt).unwrap()).only_meeting();
}

#[test]
fn unknown_format_is_a_usage_error() {
    let out = run(&["--format", "yaml"], &[&examples()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("yaml"));
}

#[test]
fn dash_reads_standard_input() {
    let input = std::fs::read(example("2025-01-09-platform.md")).unwrap();
    let out = minutegraph()
        .args(["export", "--format", "ntriples", "-"])
        .write_stdin(input)
        .output()
        .expect("minutegraph runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let graph = Graph::parse(std::str::from_utf8(&out.stdout).unwrap());
    let meeting = graph.only_meeting();
    assert_eq!(
        graph.literals(&meeting, &format!("{SCHEMA}startDate")),
        vec!["2025-01-09".to_string()]
    );
    assert!(graph.issue_keys().contains("lantern-ops/identity#214"));

    let out = minutegraph()
        .args(["export", "-"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "empty standard input: nothing read"
    );
}

#[test]
fn every_command_takes_the_shared_input_flags_and_counts_repeated_warnings() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..6 {
        std::fs::write(
            dir.path().join(format!("2025-01-0{}.md", i + 1)),
            "# Weekly\n\n## Notes\n\n- Decision: keep the weekly call\n",
        )
        .unwrap();
    }
    let run = |args: &[&str], paths: &[&Path]| {
        minutegraph()
            .args(args)
            .args(paths)
            .output()
            .expect("minutegraph runs")
    };
    let lines_like = |text: &str, what: &str| text.lines().filter(|l| l.contains(what)).count();
    for command in ["export", "stats", "actions", "decisions"] {
        let out = run(&[command, "--color", "never"], &[dir.path()]);
        let err = stderr(&out);
        assert!(out.status.success(), "{command}: {err}");
        assert_eq!(
            lines_like(&err, ": warning: no attendees found"),
            3,
            "{command}: {err}"
        );
        assert!(
            err.contains("3 more like \"no attendees found\""),
            "{command}: {err}"
        );
        assert!(!err.contains('\u{1b}'), "{command}: {err}");
        let out = run(&[command, "-v"], &[dir.path()]);
        assert_eq!(
            lines_like(&stderr(&out), ": warning: no attendees found"),
            6
        );
        let out = run(&[command, "-q", "--exclude", "*01.md"], &[dir.path()]);
        assert_eq!(stderr(&out), "", "{command}");
    }
    let out = run(&["stats", "--color", "always"], &[dir.path()]);
    assert!(stderr(&out).contains("\u{1b}[33mwarning\u{1b}[0m"));
    let report = dir.path().join("stats.md");
    let out = run(
        &["stats", "-q", "-o", report.to_str().unwrap()],
        &[dir.path()],
    );
    assert!(out.status.success());
    let text = std::fs::read_to_string(&report).unwrap();
    assert!(text.contains("| files read | 6 |"), "{text}");
}

#[test]
fn completions_and_man_page_come_from_the_command_line() {
    let out = minutegraph()
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let script = String::from_utf8(out.stdout).unwrap();
    for sub in ["export", "query", "push", "decisions"] {
        assert!(script.contains(sub), "bash completion lacks {sub}");
    }
    // bash itself must accept the script.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("minutegraph.bash");
    std::fs::write(&path, &script).unwrap();
    let checked = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status();
    if let Ok(status) = checked {
        assert!(status.success(), "bash -n rejects the completion script");
    }
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let out = minutegraph().args(["completions", shell]).output().unwrap();
        assert!(out.status.success() && out.stdout.len() > 500, "{shell}");
    }
    let out = minutegraph().arg("man").output().unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH minutegraph 1"), "{page}");
    assert!(page.contains("push"));
}

#[test]
fn export_selects_the_meetings_of_one_thing() {
    let meetings = |args: &[&str]| -> BTreeSet<String> {
        let out = minutegraph()
            .args(["export", "-q", "-f", "ntriples"])
            .args(args)
            .arg(examples())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .filter(|l| l.contains(RDF_TYPE) && l.ends_with(&format!("<{MG}Meeting> .")))
            .map(|l| l.split(' ').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(meetings(&[]).len(), EXAMPLES.len());
    // Grafana is named in four of the examples (entities says so too).
    assert_eq!(meetings(&["--service", "grafana"]).len(), 4);
    let march = meetings(&["--person", "mira-k", "--since", "2025-03-01"]);
    assert!(!march.is_empty() && march.len() < 4, "{march:?}");
    assert!(
        march.iter().all(|m| m.contains("/meeting/2025-03-")),
        "{march:?}"
    );
    let out = minutegraph()
        .args(["export", "-q", "--issue", "no-such#1"])
        .arg(examples())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no issue matches"));
}
