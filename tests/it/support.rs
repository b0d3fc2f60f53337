//! A small knowledge graph built by hand through the model API, shared by the
//! export tests, plus helpers to run an exporter into memory and to run the
//! binary from the repository root.

use minutegraph::export::{ExportOptions, Format};
use minutegraph::model::{
    ActionStatus, EdgeKind, IssueKind, KnowledgeGraph, Node, NodeData, Provenance, Role,
};

/// A label exercising every escaping rule of every syntax.
pub const NASTY: &str =
    "He said \"hi\" \\ <b>{x}|y & 'z'\nsecond line\ttab ü 日本 😀 \r\nend\u{1}\u{7f} \\";

/// The same label as every RDF syntax carries it (line breaks normalised,
/// characters XML cannot hold removed).
pub const NASTY_CLEAN: &str =
    "He said \"hi\" \\ <b>{x}|y & 'z'\nsecond line\ttab ü 日本 😀 \nend\u{7f} \\";

fn node(id: &str, label: &str, data: NodeData, provenance: Vec<Provenance>) -> Node {
    Node {
        id: id.to_string(),
        label: label.to_string(),
        data,
        provenance: provenance.into(),
    }
}

/// Two meetings in two files, with people, a service, issues, an agenda item,
/// a decision and an action, linked by every edge kind.
pub fn sample_graph() -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    let f1 = "seeds/001.md";
    let f2 = "seeds/2024 notes/002.md";
    let m1 = g.upsert(node(
        "meeting/seeds/001-2d86",
        "Weekly sync",
        NodeData::Meeting {
            date: Some("2024-03-05".into()),
            title: Some("Weekly sync".into()),
        },
        vec![Provenance::new(f1, 1, 40)],
    ));
    let m2 = g.upsert(node(
        "meeting/seeds/002-abcd",
        NASTY,
        NodeData::Meeting {
            date: Some("2024-02-30".into()),
            title: None,
        },
        vec![Provenance::new(f2, 1, 12)],
    ));
    let jan = g.upsert(node(
        "person/jschoone",
        "Jan Schoone",
        NodeData::Person {
            handles: vec!["jschoone".into()],
            aliases: vec!["Jan".into()],
        },
        vec![Provenance::new(f1, 3, 3)],
    ));
    g.upsert(node(
        "person/jschoone",
        "J. Schoone",
        NodeData::Person {
            handles: vec![],
            aliases: vec![],
        },
        vec![Provenance::new(f2, 4, 4)],
    ));
    let odd = g.upsert(node(
        "person/ödön \"x\" <y>",
        NASTY,
        NodeData::Person {
            handles: vec!["odd-one".into()],
            aliases: vec![NASTY.into()],
        },
        vec![Provenance::new(f2, 5, 5)],
    ));
    let kc = g.upsert(node(
        "service/keycloak",
        "Keycloak",
        NodeData::Service {
            aliases: vec!["KeyCloak".into()],
            evidence: "deploy Keycloak 24".into(),
        },
        vec![Provenance::new(f1, 10, 10)],
    ));
    let issue = g.upsert(node(
        "issue/python-discord/infra/373",
        "python-discord/infra#373",
        NodeData::Issue {
            key: "python-discord/infra#373".into(),
            number: 373,
            kind: IssueKind::Pull,
            url: Some("https://github.com/python-discord/infra/pull/373".into()),
        },
        vec![Provenance::new(f1, 12, 12)],
    ));
    let bare = g.upsert(node(
        "issue/12",
        "#12",
        NodeData::Issue {
            key: "#12".into(),
            number: 12,
            kind: IssueKind::Unknown,
            url: Some("not a url".into()),
        },
        vec![Provenance::new(f2, 8, 8)],
    ));
    let item = g.upsert(node(
        "meeting/seeds/001-2d86/item/1",
        "Keycloak upgrade",
        NodeData::AgendaItem,
        vec![Provenance::new(f1, 8, 15)],
    ));
    let decision = g.upsert(node(
        "meeting/seeds/001-2d86/decision/1",
        "Upgrade Keycloak to 24",
        NodeData::Decision,
        vec![Provenance::new(f1, 14, 14)],
    ));
    let action = g.upsert(node(
        "meeting/seeds/001-2d86/action/1",
        "Jan will test the upgrade",
        NodeData::ActionItem {
            status: ActionStatus::Open,
            due: Some("2024-03-12".into()),
            evidence: None,
        },
        vec![Provenance::new(f1, 16, 16)],
    ));
    let action2 = g.upsert(node(
        "meeting/seeds/002-abcd/action/1",
        NASTY,
        NodeData::ActionItem {
            status: ActionStatus::Done,
            due: Some("next week".into()),
            evidence: None,
        },
        vec![Provenance::new(f2, 10, 11)],
    ));
    let p1 = |line| Provenance::new(f1, line, line);
    let p2 = |line| Provenance::new(f2, line, line);
    g.relate(m1, jan, EdgeKind::Attendee, p1(3));
    g.relate(m1, jan, EdgeKind::HasRole(Role::Chair), p1(3));
    g.relate(m2, jan, EdgeKind::Absentee, p2(4));
    g.relate(m2, odd, EdgeKind::Attendee, p2(5));
    g.relate(m2, odd, EdgeKind::HasRole(Role::Scribe), p2(5));
    g.relate(m2, odd, EdgeKind::HasRole(Role::Reporter), p2(5));
    g.relate(item, m1, EdgeKind::InMeeting, p1(8));
    g.relate(item, jan, EdgeKind::Presenter, p1(8));
    g.relate(item, kc, EdgeKind::Mentions, p1(9));
    g.relate(decision, m1, EdgeKind::InMeeting, p1(14));
    g.relate(decision, item, EdgeKind::InAgendaItem, p1(14));
    g.relate(action, m1, EdgeKind::InMeeting, p1(16));
    g.relate(action, item, EdgeKind::InAgendaItem, p1(16));
    g.relate(action, jan, EdgeKind::Assignee, p1(16));
    g.relate(action, issue, EdgeKind::Mentions, p1(16));
    g.relate(action2, m2, EdgeKind::InMeeting, p2(10));
    g.relate(action2, odd, EdgeKind::Assignee, p2(10));
    g.relate(m2, bare, EdgeKind::Mentions, p2(8));
    g.relate(bare, m2, EdgeKind::ClosedIn, p2(9));
    g
}

/// Runs the exporter of `format` on `graph` with `options`.
pub fn export_with(format: Format, graph: &KnowledgeGraph, options: &ExportOptions) -> Vec<u8> {
    let mut out = Vec::new();
    format
        .exporter()
        .write(graph, options, &mut out)
        .expect("export succeeds");
    out
}

/// Runs the exporter of `format` on `graph` with the default options.
pub fn export(format: Format, graph: &KnowledgeGraph) -> Vec<u8> {
    export_with(format, graph, &ExportOptions::default())
}

/// The repository root.
pub fn repo() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, its extraction cache kept in the build's own folder of test
/// files (never in the user's cache folder).
pub fn minutegraph() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::new(env!("CARGO_BIN_EXE_minutegraph"));
    command.env(CACHE_ENV, test_cache());
    command
}

/// The variable naming the cache folder.
pub const CACHE_ENV: &str = "MINUTEGRAPH_CACHE_DIR";

/// The cache folder the tests' runs of the binary share.
pub fn test_cache() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cache")
}

/// Runs the binary from the repository root.
pub fn run(args: &[&str]) -> std::process::Output {
    minutegraph()
        .current_dir(repo())
        .args(args)
        .output()
        .expect("minutegraph runs")
}

/// Runs the binary, insisting on success; its standard output as text.
pub fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("output is UTF-8")
}

/// Renders DOT `text` with Graphviz (`dot -Tsvg`), insisting that it exits 0
/// with nothing on standard error (no syntax or layout warnings): the SVG
/// and how long the layout took. Fails with a clear message when `dot` is
/// not installed: CI installs Graphviz, and a drawing test that skipped
/// itself would prove nothing.
pub fn graphviz(text: &str) -> (String, std::time::Duration) {
    graphviz_as(text, "svg")
}

/// Like [`graphviz`], in another output format of `dot` (`plain`, `svg`).
pub fn graphviz_as(text: &str, format: &str) -> (String, std::time::Duration) {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let started = std::time::Instant::now();
    let mut child = match Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) => panic!(
            "Graphviz `dot` is needed to render DOT in these tests and could not be run ({e}); \
             install Graphviz (apt-get install graphviz)"
        ),
    };
    let mut stdin = child.stdin.take().expect("dot's standard input");
    let input = text.to_string();
    // Write from another thread so a large drawing cannot fill both pipes.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("dot runs");
    let took = started.elapsed();
    writer.join().unwrap().expect("DOT written to dot");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "dot -T{format}: {}\n{stderr}",
        out.status
    );
    (
        String::from_utf8(out.stdout).expect("dot writes UTF-8"),
        took,
    )
}

/// Width and height of the root `<svg>` element Graphviz writes, in points.
pub fn svg_size(svg: &str) -> (f64, f64) {
    let root = &svg[svg.find("<svg").expect("an <svg> element")..];
    let root = &root[..root.find('>').expect("end of <svg>")];
    let attribute = |name: &str| -> f64 {
        let start = root
            .find(&format!(" {name}=\""))
            .unwrap_or_else(|| panic!("no {name} in {root}"))
            + name.len()
            + 3;
        let value = &root[start..];
        let value = &value[..value.find('"').unwrap()];
        value
            .trim_end_matches("pt")
            .parse()
            .unwrap_or_else(|_| panic!("{name}={value:?} is not in points"))
    };
    (attribute("width"), attribute("height"))
}
