//! `minutegraph report` end to end through the binary, on the example minutes,
//! on real minutes from the shared corpus (found through `MINUTEGRAPH_SHARED`
//! or `../shared`; skipped with a note when absent) and on a fixture with
//! hostile names: every link of every page resolves, nothing is loaded from
//! outside the site, names are escaped and pages stay in the folder, the site
//! is the same for any `--jobs`, and a previous site is replaced whole.

use crate::support::repo;
use regex::Regex;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

/// The shared folder of real minutes, if it is there.
fn shared(sub: &str) -> Option<PathBuf> {
    let root = std::env::var_os("MINUTEGRAPH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"));
    let dir = root.join(sub);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("note: {} not found; skipping this test", dir.display());
        None
    }
}

fn report(args: &[&str]) -> Output {
    crate::support::minutegraph()
        .current_dir(repo())
        .arg("report")
        .args(args)
        .output()
        .expect("minutegraph runs")
}

fn report_ok(args: &[&str]) {
    let out = report(args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn s(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// Every file of a site by its path inside it.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap();
            let rel = rel.to_str().unwrap().replace('\\', "/");
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// `base/rel` with `.` and `..` worked out by hand (the target may not exist).
fn resolve(base: &Path, rel: &str) -> PathBuf {
    let mut out = base.to_path_buf();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            name => out.push(name),
        }
    }
    out
}

/// Checks every `href` and `src` of every page and drawing of the site in
/// `dir`: resources only from inside the site; links to files that exist
/// and anchors that exist. Returns the number of links checked.
fn check_site(dir: &Path) -> usize {
    let attr = Regex::new(r#"(?:href|src)="([^"]*)""#).unwrap();
    let loaded =
        Regex::new(r#"<(?:img|link|script|iframe|object|embed|source|use)\b[^>]*"#).unwrap();
    let site = files(dir);
    let mut checked = 0;
    for (path, bytes) in &site {
        if !(path.ends_with(".html") || path.ends_with(".svg") || path.ends_with(".css")) {
            continue;
        }
        let text = std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("{path} is not UTF-8"));
        assert!(!text.contains("<script"), "{path} has a script");
        assert!(
            !text.contains("@import") && !text.contains("url("),
            "{path} loads CSS resources"
        );
        for tag in loaded.find_iter(text) {
            for value in attr.captures_iter(tag.as_str()) {
                let value = &value[1];
                assert!(
                    !value.contains("//") && !value.contains(':'),
                    "{path} loads {value} from outside the site"
                );
            }
        }
        let page_dir = dir.join(path).parent().unwrap().to_path_buf();
        for found in attr.captures_iter(text) {
            let value = found[1].replace("&amp;", "&");
            if value.starts_with("https://") || value.starts_with("http://") {
                continue;
            }
            assert!(!value.contains(':'), "{path}: odd link {value}");
            let (file, anchor) = value.split_once('#').unwrap_or((&value, ""));
            let target = if file.is_empty() {
                dir.join(path)
            } else {
                resolve(&page_dir, &percent_decode(file))
            };
            assert!(target.is_file(), "{path}: link {value} leads nowhere");
            if !anchor.is_empty() {
                let html = std::fs::read_to_string(&target).unwrap();
                assert!(
                    html.contains(&format!("id=\"{anchor}\"")),
                    "{path}: no anchor #{anchor} in {value}"
                );
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn example_site_links_resolve_and_load_nothing_from_outside() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    report_ok(&["examples/minutes", "-o", s(&site), "-q"]);
    let all = files(&site);
    assert!(all.contains_key(".minutegraph-report") && all.contains_key("style.css"));
    for page in [
        "index.html",
        "topics.html",
        "people.html",
        "services.html",
        "meetings.html",
    ] {
        assert!(all.contains_key(page), "{page} missing");
    }
    let meetings = all
        .keys()
        .filter(|p| p.starts_with("meeting/") && p.ends_with(".html"));
    assert_eq!(meetings.count(), 9);
    assert!(all.keys().any(|p| p.starts_with("topic/")));
    assert!(all.keys().any(|p| p.starts_with("person/")));
    assert!(all.keys().any(|p| p.starts_with("service/")));
    let index = String::from_utf8(all["index.html"].clone()).unwrap();
    assert!(index.contains("<svg") && index.contains("Meetings per month"));
    assert!(index.contains("<span class=\"value\">9</span> <span class=\"label\">meetings</span>"));
    assert!(check_site(&site) > 100);
    // Source links go to the minutes, relatively.
    let page = String::from_utf8(all["meeting/2025-03-13-triage.html"].clone()).unwrap();
    assert!(page.contains("href=\"../../../"), "no relative source link");
}

#[test]
fn corpus_site_links_resolve() {
    let Some(corpus) = shared("corpus/pydis-infra") else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    report_ok(&[s(&corpus), "-o", s(&site), "-q"]);
    let all = files(&site);
    assert!(all.keys().filter(|p| p.starts_with("meeting/")).count() >= 10);
    assert!(check_site(&site) > 100);
}

#[test]
fn the_site_is_the_same_for_any_number_of_jobs() {
    let out = tempfile::tempdir().unwrap();
    let mut inputs = vec![repo().join("examples/minutes")];
    inputs.extend(shared("corpus/seeds"));
    for input in &inputs {
        let one = out.path().join("one");
        let two = out.path().join("two");
        report_ok(&[s(input), "-o", s(&one), "-q", "--jobs", "1"]);
        report_ok(&[s(input), "-o", s(&two), "-q", "--jobs", "2"]);
        assert_eq!(files(&one), files(&two), "{} differs", input.display());
    }
}

/// Markup as the minutes write it (a Markdown entity, so it reaches names as text).
const HOSTILE: &str = "&lt;script&gt;alert(1)&lt;/script&gt;";

/// A person's name with markup, quotes, an ampersand, a path out of the
/// folder and terminal control characters (the configuration names them so).
const HOSTILE_PERSON: &str = r#"Ann <script>alert(1)</script> \"Q&A\" ../../x \u001b[31m\u0007"#;

/// Minutes whose title, topics and people hold markup, quotes, ampersands,
/// a path out of the folder and terminal control characters.
fn hostile_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let minutes = dir.path().join("minutes");
    std::fs::create_dir(&minutes).unwrap();
    let text = format!(
        "---\ntitle: Ops {HOSTILE} & \"friends\"\n---\n# 2025-04-01\n\n## Participants\n\n\
         * Ann Berg\n* Dan &amp; Co\n\n## Agenda\n\n\
         ### Keycloak {HOSTILE} \"quoted\" & more (Ann Berg)\n- Keycloak theme checked\n\
         - AI Ann Berg: tell {HOSTILE} users\n\n### ../../x plan\n- nothing new\n\n\
         ### Bell\u{7} and escape\u{1b}[2J\n- Decision: keep \"it\" & go\n"
    );
    std::fs::write(minutes.join("2025-04-01-ops.md"), &text).unwrap();
    std::fs::write(
        minutes.join("2025-04-08-ops.md"),
        text.replace("04-01", "04-08"),
    )
    .unwrap();
    let config = format!(
        "[[people]]\nname = \"{HOSTILE_PERSON}\"\nhandles = [\"ann-b\"]\naliases = [\"Ann Berg\"]\n"
    );
    std::fs::write(minutes.join("minutegraph.toml"), config).unwrap();
    dir
}

#[test]
fn hostile_names_are_escaped_and_pages_stay_in_the_folder() {
    let dir = hostile_fixture();
    let site = dir.path().join("out").join("site");
    report_ok(&[s(&dir.path().join("minutes")), "-o", s(&site), "-q"]);
    let all = files(&site);
    let name = Regex::new(r"^(?:[a-z]+/)?[a-z0-9][a-z0-9-]*\.(?:html|svg)$").unwrap();
    for path in all.keys() {
        assert!(
            name.is_match(path) || path == ".minutegraph-report" || path == "style.css",
            "odd page name {path:?}"
        );
    }
    let mut seen_escaped = false;
    for (path, bytes) in &all {
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(!text.contains("<script"), "{path} holds raw markup");
        assert!(
            !text.contains(['\u{1b}', '\u{7}']),
            "{path} holds control characters"
        );
        if path.ends_with(".html") {
            seen_escaped |= text.contains("&#60;script&#62;alert(1)&#60;/script&#62;");
        }
    }
    assert!(seen_escaped, "the hostile names are not shown");
    let person = String::from_utf8(all["person/ann-b.html"].clone()).unwrap();
    assert!(
        person.contains(
            "<h1>Ann &#60;script&#62;alert(1)&#60;/script&#62; &#34;Q&#38;A&#34; ../../x \u{241b}[31m\u{2407}</h1>"
        ),
        "{person}"
    );
    let topics: Vec<&String> = all.keys().filter(|p| p.starts_with("topic/")).collect();
    assert!(topics.len() >= 3, "{topics:?}");
    let topic = all
        .keys()
        .find(|p| p.starts_with("topic/keycloak-"))
        .expect("a Keycloak topic");
    let topic = String::from_utf8(all[topic].clone()).unwrap();
    assert!(topic.contains("<h1>Keycloak &#60;script&#62;alert(1)&#60;/script&#62; &#34;quoted&#34; &#38; more</h1>"), "{topic}");
    // Nothing was written beside the site.
    let beside: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(beside, vec![std::ffi::OsString::from("site")]);
    assert!(!dir.path().join("x").exists() && !dir.path().join("out/x").exists());
    assert!(check_site(&site) > 10);
}

#[test]
fn a_forge_address_links_every_source_line() {
    let dir = hostile_fixture();
    let minutes = dir.path().join("minutes");
    let mut config = std::fs::read_to_string(minutes.join("minutegraph.toml")).unwrap();
    config.push_str(
        "[report]\nsource_url = \"https://forge.example/o/r/blob/main/{path}#L{line}\"\n",
    );
    std::fs::write(minutes.join("minutegraph.toml"), config).unwrap();
    let site = dir.path().join("site");
    report_ok(&[s(&minutes), "-o", s(&site), "-q"]);
    let index = std::fs::read_to_string(site.join("meetings.html")).unwrap();
    assert!(
        index.contains("href=\"https://forge.example/o/r/blob/main/2025-04-01-ops.md#L1\""),
        "{index}"
    );
    report_ok(&[
        s(&minutes),
        "-o",
        s(&site),
        "-q",
        "--source-url",
        "https://other.example/{path}?line={line}",
    ]);
    let index = std::fs::read_to_string(site.join("meetings.html")).unwrap();
    assert!(index.contains("href=\"https://other.example/2025-04-01-ops.md?line=1\""));
    let bad = report(&[
        s(&minutes),
        "-o",
        s(&site),
        "--source-url",
        "javascript:x/{path}",
    ]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_previous_site_is_replaced_whole_and_other_folders_are_kept() {
    let dir = hostile_fixture();
    let minutes = dir.path().join("minutes");
    let site = dir.path().join("site");
    report_ok(&[s(&minutes), "-o", s(&site), "-q"]);
    std::fs::write(site.join("stray.html"), "old").unwrap();
    std::fs::create_dir(site.join("topic/old")).unwrap();
    report_ok(&[s(&minutes), "-o", s(&site), "-q"]);
    assert!(!site.join("stray.html").exists() && !site.join("topic/old").exists());
    assert!(site.join(".minutegraph-report").is_file());
    let beside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(beside.len(), 2, "left beside the site: {beside:?}");

    // A folder of something else is kept, unless --force.
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("keep.txt"), "mine").unwrap();
    let refused = report(&[s(&minutes), "-o", s(&other)]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    assert!(other.join("keep.txt").is_file());
    report_ok(&[s(&minutes), "-o", s(&other), "-q", "--force"]);
    assert!(!other.join("keep.txt").exists() && other.join("index.html").is_file());

    // A file, the minutes themselves, or a folder holding them: refused.
    let file = dir.path().join("file.html");
    std::fs::write(&file, "x").unwrap();
    for target in [&file, &minutes, &dir.path().to_path_buf()] {
        let out = report(&[s(&minutes), "-o", s(target), "--force"]);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{} was accepted",
            target.display()
        );
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
    assert!(minutes.join("2025-04-01-ops.md").is_file());
}

#[test]
fn nothing_read_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let site = dir.path().join("site");
    let out = report(&[s(&empty), "-o", s(&site)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!site.exists());
}

#[test]
fn the_library_builds_a_safe_site_from_any_graph() {
    use minutegraph::report::{self, Diagrams, Options, SourceLinks};
    let graph = crate::support::sample_graph();
    let failing = |_: &str| -> Result<String, String> { Err("no \u{1b}layout".into()) };
    let drawing = |_: &str| -> Result<String, String> {
        Ok("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>\n".into())
    };
    let build = |diagrams| {
        let options = Options {
            sources: SourceLinks::None,
            diagrams,
        };
        report::build(&graph, &options).expect("the site builds")
    };
    let builtin = build(Diagrams::Builtin);
    assert_eq!(builtin, build(Diagrams::Builtin), "not deterministic");
    let name = Regex::new(r"^(?:[a-z]+/)?[a-z0-9][a-z0-9-]*\.(?:html|svg)$").unwrap();
    for file in &builtin.files {
        let text = String::from_utf8(file.bytes.clone()).unwrap();
        assert!(
            name.is_match(&file.path)
                || file.path == ".minutegraph-report"
                || file.path == "style.css",
            "{}",
            file.path
        );
        assert!(
            !text.contains("<b>") && !text.contains(['\u{1}', '\u{7f}', '\r']),
            "{}",
            file.path
        );
    }
    assert_eq!(builtin.pages(), 7 + 2 + 2 + 1);
    let fallback = build(Diagrams::Dot {
        name: "Test".into(),
        renderer: &failing,
    });
    let meeting = fallback
        .files
        .iter()
        .find(|f| f.path.starts_with("meeting/") && f.path.ends_with(".html"))
        .unwrap();
    let text = String::from_utf8(meeting.bytes.clone()).unwrap();
    assert!(text.contains("(Test failed: no \u{241b}layout)"), "{text}");
    let drawn = build(Diagrams::Dot {
        name: "Test".into(),
        renderer: &drawing,
    });
    let svgs: Vec<_> = drawn
        .files
        .iter()
        .filter(|f| f.path.ends_with(".svg"))
        .collect();
    assert_eq!(svgs.len(), 2);
    assert!(svgs[0].bytes.starts_with(b"<svg"));
}
