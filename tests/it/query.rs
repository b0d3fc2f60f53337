//! The query commands (`timeline`, `actions`, `entities`) end to end through the
//! binary: against the shared corpus where it is present, and against a small
//! minutes file written here for escaping. Every format must parse, and the same
//! command must always print the same bytes.

use crate::support::{ok, repo, run};
use serde_json::Value;
use std::path::Path;

/// `../shared/corpus` (relative to the repository), or `None` with a note when
/// the corpus is not checked out beside it.
fn corpus(sub: &str) -> Option<String> {
    let rel = if sub.is_empty() {
        "../shared/corpus".to_string()
    } else {
        format!("../shared/corpus/{sub}")
    };
    if repo().join(&rel).is_dir() {
        Some(rel)
    } else {
        eprintln!("note: {rel} not found; skipping this test");
        None
    }
}

fn json(args: &[&str]) -> Value {
    let text = ok(args);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: bad JSON: {e}"))
}

/// Records of an RFC 4180 document: quoted fields may hold commas, doubled
/// quotes and line breaks; records end with CRLF (a bare LF is accepted).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => {
                assert!(field.is_empty(), "quote inside an unquoted field: {field}");
                quoted = true;
            }
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => assert_eq!(chars.next(), Some('\n'), "CR without LF"),
            (false, '\n') => {}
            (false, c) => field.push(c),
        }
        if !quoted && (c == '\n' || c == '\r') {
            record.push(std::mem::take(&mut field));
            records.push(std::mem::take(&mut record));
        }
    }
    assert!(!quoted, "unterminated quoted field");
    assert!(
        field.is_empty() && record.is_empty(),
        "last record has no line end"
    );
    records
}

/// Parse CSV and check every record has as many fields as the header.
fn csv_table(text: &str) -> Vec<Vec<String>> {
    let records = parse_csv(text);
    let width = records.first().expect("a header row").len();
    for (n, r) in records.iter().enumerate() {
        assert_eq!(r.len(), width, "record {n} has {} fields: {r:?}", r.len());
    }
    records
}

/// Check every Markdown table row has as many cells as the header.
fn markdown_table(text: &str) {
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with('|')).collect();
    let cells = |l: &str| l.replace("\\|", "").matches('|').count();
    let width = cells(rows.first().expect("a table"));
    for row in &rows {
        assert_eq!(cells(row), width, "row: {row}");
    }
}

/// The line span of an entry holds `word` (ignoring case).
fn span_mentions(root: &Path, entry: &Value, word: &str) -> bool {
    let source = entry["source"].as_str().unwrap();
    let bytes = std::fs::read(root.join(source)).unwrap();
    let text = String::from_utf8_lossy(&bytes).to_lowercase();
    let lines: Vec<&str> = text.lines().collect();
    let line = entry["line"].as_u64().unwrap() as usize;
    let end = entry["end_line"].as_u64().unwrap() as usize;
    assert!(
        line >= 1 && line <= end && end <= lines.len(),
        "{source}:{line}-{end}"
    );
    lines[line - 1..end].iter().any(|l| l.contains(word))
}

#[test]
fn keycloak_timeline_spans_both_projects_in_date_order() {
    let Some(root) = corpus("") else { return };
    let t = json(&["timeline", &root, "--service", "keycloak", "-f", "json"]);
    assert_eq!(t["matched"][0]["name"], "Keycloak");
    let entries = t["entries"].as_array().unwrap();
    let from = |prefixes: &[&str]| {
        entries.iter().any(|e| {
            let s = e["source"].as_str().unwrap();
            prefixes.iter().any(|p| s.starts_with(p))
        })
    };
    assert!(
        from(&["pydis-infra/", "seeds/"]),
        "no python-discord meeting"
    );
    assert!(from(&["scs-minutes/"]), "no SovereignCloudStack meeting");
    let dates: Vec<Option<&str>> = entries.iter().map(|e| e["date"].as_str()).collect();
    let dated: Vec<&str> = dates.iter().flatten().copied().collect();
    assert!(dated.windows(2).all(|w| w[0] <= w[1]), "dates out of order");
    let first_undated = dates
        .iter()
        .position(Option::is_none)
        .unwrap_or(dates.len());
    assert!(
        dates[first_undated..].iter().all(Option::is_none),
        "undated not last"
    );
    let root = repo().join(&root);
    for e in entries {
        assert!(span_mentions(&root, e, "keycloak"), "no Keycloak at {e}");
    }
}

#[test]
fn actions_filter_open_and_by_assignee() {
    let Some(root) = corpus("scs-minutes/ops-iam") else {
        return;
    };
    let all = json(&["actions", &root, "-f", "json"]);
    let all = all.as_array().unwrap();
    assert!(!all.is_empty());
    let open = json(&["actions", &root, "--open", "-f", "json"]);
    let open = open.as_array().unwrap();
    assert!(open.iter().all(|a| a["status"] == "open"));
    let expected = all.iter().filter(|a| a["status"] == "open").count();
    assert_eq!(open.len(), expected);
    let name = all
        .iter()
        .find_map(|a| a["assignees"][0].as_str())
        .expect("some action has an assignee");
    let has = |a: &&Value| a["assignees"].as_array().unwrap().iter().any(|n| n == name);
    let theirs = json(&["actions", &root, "--assignee", name, "-f", "json"]);
    let theirs = theirs.as_array().unwrap();
    assert!(!theirs.is_empty() && theirs.iter().all(|a| has(&a)));
    assert_eq!(theirs.len(), all.iter().filter(has).count());
}

#[test]
fn an_action_whose_issue_a_later_meeting_merges_is_done() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "2025-03-03.md",
        "# Infra sync 2025-03-03\n\n## Attendees\n\n- Ann (@ann)\n- Bo (@bo)\n\n\
         ## Action items\n\n\
         - [ ] @ann to land the retry patch acme/tools#12\n\
         - [ ] @bo to land the cache fix acme/tools#13\n",
    );
    write(
        "2025-03-10.md",
        "# Infra sync 2025-03-10\n\n## Attendees\n\n- Ann (@ann)\n\n## Updates\n\n\
         - acme/tools#12 has been merged\n\
         - acme/tools#13 should be merged next week\n",
    );
    let path = dir.path().to_str().unwrap();
    let rows = json(&["actions", path, "--no-cache", "-f", "json"]);
    let rows = rows.as_array().unwrap();
    let of = |issue: &str| {
        rows.iter()
            .find(|a| a["text"].as_str().unwrap().contains(issue))
            .unwrap_or_else(|| panic!("no action names {issue}: {rows:?}"))
    };
    let merged = of("acme/tools#12");
    assert_eq!(merged["status"], "done");
    let evidence = &merged["status_evidence"];
    assert_eq!(
        evidence["reason"],
        "an issue it names reported merged or closed by a later meeting"
    );
    assert_eq!(evidence["source"], "2025-03-10.md");
    assert_eq!(evidence["line"], 9);
    // Only to be merged: the unchecked box still speaks.
    let pending = of("acme/tools#13");
    assert_eq!(pending["status"], "open");
    assert_eq!(pending["status_evidence"]["source"], "2025-03-03.md");
    // The issue itself links to the meeting that closed it.
    let csv = ok(&["export", path, "--no-cache", "-f", "csv"]);
    assert!(
        csv.contains("issue/acme/tools/12,meeting/2025-03-10,closedIn,2025-03-10.md,9"),
        "{csv}"
    );
    assert!(!csv.contains("issue/acme/tools/13,meeting/2025-03-10,closedIn"));
}

#[test]
fn unknown_names_exit_1_with_a_message() {
    let dir = escaping_fixture();
    let path = dir.path().to_str().unwrap();
    let out = run(&["timeline", path, "--service", "keycloack"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no service matches 'keycloack'"), "{err}");
    assert!(err.contains("Keycloak"), "no close name offered: {err}");
    let out = run(&["actions", path, "--assignee", "nobody-here"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn timeline_wants_exactly_one_thing() {
    let dir = escaping_fixture();
    let path = dir.path().to_str().unwrap();
    assert_eq!(run(&["timeline", path]).status.code(), Some(2));
    let both = run(&["timeline", path, "--service", "a", "--topic", "b"]);
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn every_format_parses() {
    let Some(root) = corpus("scs-minutes/ops-iam") else {
        return;
    };
    for args in [
        vec!["actions", root.as_str()],
        vec!["entities", root.as_str(), "--kind", "person"],
        vec!["entities", root.as_str(), "--kind", "service"],
        vec!["entities", root.as_str(), "--kind", "issue"],
        vec!["entities", root.as_str(), "--kind", "topic"],
        vec!["timeline", root.as_str(), "--service", "keycloak"],
    ] {
        let with = |format: &'static str| [&args[..], &["-f", format]].concat();
        let rows = json(&with("json"));
        let records = csv_table(&ok(&with("csv")));
        let count = match rows.as_array() {
            Some(list) => list.len(),
            None => rows["entries"].as_array().unwrap().len(),
        };
        assert_eq!(records.len(), count + 1, "{args:?}: CSV rows");
        let markdown = ok(&with("markdown"));
        if args[0] != "timeline" {
            markdown_table(&markdown);
        }
    }
}

#[test]
fn topics_on_scs_minutes_have_dates_and_threads() {
    let Some(root) = corpus("scs-minutes") else {
        return;
    };
    let topics = json(&["entities", &root, "--kind", "topic", "-f", "json"]);
    let topics = topics.as_array().unwrap();
    assert!(!topics.is_empty());
    for t in topics {
        assert!(t["meetings"].as_u64().unwrap() >= 1, "{t}");
        if let (Some(first), Some(last)) = (t["first_seen"].as_str(), t["last_seen"].as_str()) {
            assert!(first <= last, "{t}");
        }
    }
    assert!(topics.iter().any(|t| t["meetings"].as_u64() >= Some(3)));
}

#[test]
fn output_is_deterministic() {
    let Some(root) = corpus("scs-minutes/ops-iam") else {
        return;
    };
    let mut commands: Vec<Vec<&str>> = ["markdown", "json", "csv", "mermaid", "html"]
        .into_iter()
        .map(|f| vec!["timeline", &root, "--service", "keycloak", "-f", f])
        .collect();
    commands.push(vec!["actions", &root, "-f", "csv"]);
    commands.push(vec!["entities", &root, "--kind", "person", "-f", "json"]);
    for args in commands {
        assert_eq!(ok(&args), ok(&args), "{args:?} differs between runs");
    }
}

const TITLE: &str = "Keycloak &lt;script&gt;alert(1)&lt;/script&gt; \"login\", theme: fixed 🚀";

/// One meeting whose first item title holds markup, quotes, a comma, a colon and an emoji.
fn escaping_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "---\ntitle: Ops weekly\n---\n# 2025-04-01\n\n## Participants\n\n* @ann-b\n* @obi-k\n\n\
         ## Agenda\n\n### {TITLE} (@ann-b)\n- Keycloak theme checked\n\
         - AI @obi-k: tell the users\n\n### Backups\n- nothing new\n"
    );
    std::fs::write(dir.path().join("2025-04-01-ops.md"), text).unwrap();
    dir
}

#[test]
fn item_titles_are_escaped_in_every_format() {
    let dir = escaping_fixture();
    let path = dir.path().to_str().unwrap();
    let timeline = |format: &str| ok(&["timeline", path, "--service", "keycloak", "-f", format]);
    let data = serde_json::from_str::<Value>(&timeline("json")).unwrap();
    let item = data["entries"][0]["item"].as_str().unwrap().to_string();
    assert!(
        item.contains("<script>") && item.contains('"') && item.contains(','),
        "{item}"
    );
    assert!(item.contains(':') && item.contains('🚀'), "{item}");

    let html = timeline("html");
    assert!(!html.contains("<script"), "raw markup in HTML");
    assert!(
        html.contains("&#60;script&#62;alert(1)&#60;/script&#62; &#34;login&#34;, theme: fixed 🚀")
    );
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "external resource"
    );

    let records = csv_table(&timeline("csv"));
    let column = records[0].iter().position(|h| h == "item").unwrap();
    assert_eq!(records[1][column], item);

    let mermaid = timeline("mermaid");
    let event = mermaid
        .lines()
        .find(|l| l.contains("alert"))
        .expect("an event line");
    let (_, text) = event.split_once(" : ").expect("date : event");
    assert!(!text.contains([':', '#', ';', '<', '>']), "{event}");
    assert!(
        text.contains('🚀') && text.contains("\"login\","),
        "{event}"
    );

    let markdown = timeline("markdown");
    assert!(markdown.contains("\\<script>"), "{markdown}");
    assert!(
        !markdown.replace("\\<", "").contains('<'),
        "raw markup in Markdown"
    );
}

#[test]
fn output_file_is_written() {
    let dir = escaping_fixture();
    let path = dir.path().to_str().unwrap();
    let target = dir.path().join("out").with_extension("html");
    let target = target.to_str().unwrap();
    let printed = ok(&["timeline", path, "--person", "@OBI-K", "-f", "html"]);
    assert!(
        ok(&[
            "timeline", path, "--person", "obi-k", "-f", "html", "-o", target
        ])
        .is_empty()
    );
    assert_eq!(std::fs::read_to_string(target).unwrap(), printed);
}
