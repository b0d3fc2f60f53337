//! The synthetic corpus generator of `examples/gen_corpus`: the same files for
//! the same count and seed, every style in the mix, and minutes the binary
//! reads as one dated meeting per file with people, decisions and actions.
//! The generator's code is compiled in here from the example's folder, so the
//! test builds nothing extra.

#[allow(dead_code)] // the example's command line uses parts the tests do not
#[path = "../../examples/gen_corpus/generate/mod.rs"]
mod generate;

use super::support::ok;
use generate::{Style, Written};
use std::collections::BTreeSet;
use std::path::Path;

/// Every file's path and text, in the corpus' order.
fn texts(files: usize, seed: u64) -> Vec<(String, String)> {
    let corpus = generate::plan(files, seed);
    (0..corpus.files.len())
        .map(|i| {
            let mut text = String::new();
            corpus.render_into(i, &mut text);
            (corpus.path(i), text)
        })
        .collect()
}

#[test]
fn same_count_and_seed_give_the_same_files() {
    let a = texts(40, 1);
    assert_eq!(a.len(), 40);
    assert_eq!(a, texts(40, 1));
    let b = texts(40, 2);
    assert_eq!(b.len(), 40);
    assert_ne!(a, b);
    let paths: BTreeSet<&str> = a.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths.len(), 40, "paths are unique");
}

#[test]
fn writing_twice_gives_the_same_bytes() {
    let (one, two) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let corpus = generate::plan(40, 7);
    let (_, first) = generate::write(&corpus, one.path()).unwrap();
    let (_, second) = generate::write(&generate::plan(40, 7), two.path()).unwrap();
    assert_eq!(first, second);
    for w in &first {
        let a = std::fs::read(one.path().join(&w.path)).unwrap();
        assert_eq!(
            a,
            std::fs::read(two.path().join(&w.path)).unwrap(),
            "{}",
            w.path
        );
        assert_eq!(a.len(), w.bytes);
    }
}

#[test]
fn every_style_is_in_a_small_corpus() {
    let corpus = generate::plan(40, 1);
    let styles: BTreeSet<Style> = (0..40).map(|i| corpus.style(i)).collect();
    assert_eq!(styles.len(), Style::ALL.len());
    let kinds: BTreeSet<&str> = (0..40)
        .map(|i| {
            let path = corpus.path(i);
            let ext = path.rsplit('.').next().unwrap_or("").to_string();
            ["md", "txt", "log"]
                .into_iter()
                .find(|e| *e == ext)
                .unwrap_or("other")
        })
        .collect();
    assert_eq!(kinds, BTreeSet::from(["log", "md", "txt"]));
}

#[test]
fn a_thousand_files_hold_a_long_chat_log_or_transcript() {
    let corpus = generate::plan(1000, 3);
    let giants: Vec<usize> = (0..1000)
        .filter(|&i| corpus.files[i].target >= 900_000)
        .collect();
    assert_eq!(giants.len(), 1);
    assert!(matches!(
        corpus.style(giants[0]),
        Style::Irc | Style::Transcript
    ));
}

/// The date a file is named after (`20240312.md`, `2024-03-12.md`, `x.2024-03-12-16.00.log`).
fn date_in(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap();
    let digits: String = name.chars().filter(char::is_ascii_digit).take(8).collect();
    format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..8])
}

fn types(node: &serde_json::Value) -> Vec<&str> {
    match &node["@type"] {
        serde_json::Value::String(t) => vec![t.as_str()],
        serde_json::Value::Array(ts) => ts.iter().filter_map(|t| t.as_str()).collect(),
        _ => Vec::new(),
    }
}

#[test]
fn minutegraph_reads_one_dated_meeting_per_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut corpus = generate::plan(40, 1);
    // Short files keep the debug build of the binary quick.
    for file in &mut corpus.files {
        file.target = file.target.min(2500);
    }
    let (summary, written) = generate::write(&corpus, dir.path()).unwrap();
    assert!(summary.counts.decisions > 0 && summary.counts.actions > 0);
    let root = dir.path().to_str().unwrap();
    let graph: serde_json::Value =
        serde_json::from_str(&ok(&["export", "-q", "--format", "jsonld", root])).unwrap();
    let sources = graph["@graph"].as_array().unwrap();
    assert_eq!(sources.len(), 40, "one graph per file");
    let mut found = std::collections::BTreeMap::<&str, usize>::new();
    for source in sources {
        let nodes = source["@graph"].as_array().unwrap();
        let meetings: Vec<_> = nodes
            .iter()
            .filter(|n| types(n).contains(&"mg:Meeting"))
            .collect();
        assert_eq!(meetings.len(), 1, "{}", source["@id"]);
        let path = meetings[0]["source"].as_str().unwrap();
        assert_eq!(meetings[0]["startDate"], date_in(path).as_str(), "{path}");
        for n in nodes {
            for t in types(n) {
                *found.entry(t).or_default() += 1;
            }
        }
    }
    for kind in [
        "mg:Person",
        "mg:Decision",
        "mg:ActionItem",
        "mg:AgendaItem",
        "mg:Issue",
    ] {
        assert!(
            found.get(kind).copied().unwrap_or(0) > 0,
            "no {kind}: {found:?}"
        );
    }
    let written: BTreeSet<&str> = written.iter().map(|w: &Written| w.path.as_str()).collect();
    assert!(written.iter().all(|p| Path::new(root).join(p).is_file()));
}
