//! Every DOT view of real folders fits a page once Graphviz has laid it out:
//! the binary exports each view with its defaults, `dot -Tsvg` renders it (no
//! warnings), and the drawing's width and height stay within [`MAX_WIDTH_PT`]
//! and [`MAX_HEIGHT_PT`] with neither side more than [`MAX_ASPECT`] times the
//! other, so no view comes out as a strip. The same export is the same bytes
//! for any `--jobs`, `--top` and `--row` cut and wrap what is drawn, and
//! rows of meetings and series read in order once laid out.
//!
//! The shared corpus is used where it is checked out beside the repository
//! (`../shared`); `examples/minutes` always. Graphviz must be installed.

use crate::support::{graphviz, graphviz_as, minutegraph, repo, svg_size};
use std::collections::BTreeMap;

/// Widest drawing allowed, in points: 2000 pixels at Graphviz's 96 dpi.
const MAX_WIDTH_PT: f64 = 1500.0;

/// Tallest drawing allowed, in points: 3000 pixels at 96 dpi.
const MAX_HEIGHT_PT: f64 = 2250.0;

/// Most times one side of a drawing may be the other.
const MAX_ASPECT: f64 = 4.0;

const VIEWS: [&str; 3] = ["full", "meeting", "topics"];

/// `rel` (relative to the repository) when it is there, or `None` with a note.
fn folder(rel: &str) -> Option<&str> {
    if repo().join(rel).is_dir() {
        Some(rel)
    } else {
        eprintln!("note: {rel} not found; skipping this test");
        None
    }
}

/// The DOT export of `dir` with `extra` arguments, through the binary.
fn export(dir: &str, extra: &[&str]) -> String {
    let out = minutegraph()
        .current_dir(repo())
        .args(["export", "-q", "-f", "dot"])
        .args(extra)
        .arg(dir)
        .output()
        .expect("minutegraph runs");
    assert!(
        out.status.success(),
        "export {dir} {extra:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("DOT is UTF-8")
}

/// Renders `text` and checks that the drawing fits a page; its size in points.
fn fits_a_page(text: &str, what: &str) -> (f64, f64) {
    let (svg, took) = graphviz(text);
    let (width, height) = svg_size(&svg);
    eprintln!("{what}: {width} x {height} pt, laid out in {took:?}");
    assert!(
        width <= MAX_WIDTH_PT && height <= MAX_HEIGHT_PT,
        "{what}: {width} x {height} pt is larger than a page ({MAX_WIDTH_PT} x {MAX_HEIGHT_PT} pt)"
    );
    let aspect = width.max(height) / width.min(height);
    assert!(
        aspect <= MAX_ASPECT,
        "{what}: {width} x {height} pt is a strip (sides {aspect:.1} to 1)"
    );
    (width, height)
}

fn every_view_fits_a_page(dir: &str) {
    for view in VIEWS {
        let text = export(dir, &["--view", view]);
        fits_a_page(&text, &format!("{dir} --view {view}"));
    }
}

#[test]
fn every_view_of_the_examples_fits_a_page() {
    every_view_fits_a_page("examples/minutes");
}

#[test]
fn every_view_of_a_large_folder_fits_a_page() {
    if let Some(dir) = folder("../shared/corpus/scs-minutes") {
        every_view_fits_a_page(dir);
    }
}

#[test]
fn every_view_of_google_docs_minutes_fits_a_page() {
    if let Some(dir) = folder("../shared/corpus/ossf-tac") {
        every_view_fits_a_page(dir);
    }
}

#[test]
fn every_view_of_many_series_fits_a_page() {
    if let Some(dir) = folder("../shared/corpus-wide/kubernetes-community") {
        every_view_fits_a_page(dir);
    }
}

#[test]
fn top_and_row_cut_and_wrap_and_say_so() {
    let Some(dir) = folder("../shared/corpus/ossf-tac") else {
        return;
    };
    let text = export(dir, &["--view", "topics", "--top", "30", "--row", "6"]);
    assert_eq!(text.matches("shape=folder").count(), 30);
    assert!(text.contains("Topic threads: the 30 of "), "{text}");
    let headings = text
        .lines()
        .filter(|l| l.starts_with("  \"#column/") && l.contains("[label="));
    assert!(headings.count() <= 6);
    fits_a_page(&text, "ossf-tac topics --top 30 --row 6");
    let text = export(dir, &["--view", "meeting", "--top", "6", "--row", "3"]);
    assert_eq!(text.matches("subgraph cluster_").count(), 6);
    assert!(text.contains("label=\"The latest 6 of "), "{text}");
    fits_a_page(&text, "ossf-tac meeting --top 6 --row 3");
    let text = export(dir, &["--view", "full", "--top", "3"]);
    assert_eq!(text.matches("shape=ellipse").count(), 3);
    assert!(text.contains("3 of "), "{text}");
    fits_a_page(&text, "ossf-tac full --top 3");
}

#[test]
fn views_are_the_same_bytes_for_any_jobs() {
    let Some(dir) = folder("../shared/corpus/ossf-tac") else {
        return;
    };
    for view in VIEWS {
        let one = export(dir, &["--view", view, "--jobs", "1", "--no-cache"]);
        let two = export(dir, &["--view", view, "--jobs", "2"]);
        assert!(one == two, "--view {view} differs between --jobs 1 and 2");
    }
}

/// Where Graphviz put each node (`dot -Tplain`): id -> (x, y), y upwards.
fn positions(text: &str) -> BTreeMap<String, (f64, f64)> {
    let (plain, _) = graphviz_as(text, "plain");
    plain
        .lines()
        .filter_map(|line| line.strip_prefix("node "))
        .map(|rest| {
            // Ids are quoted when they hold anything but letters and digits.
            let (id, rest) = match rest.strip_prefix('"') {
                Some(quoted) => {
                    let end = quoted.find("\" ").expect("end of a quoted id");
                    (quoted[..end].replace("\\\"", "\""), &quoted[end + 2..])
                }
                None => {
                    let (id, rest) = rest.split_once(' ').unwrap();
                    (id.to_string(), rest)
                }
            };
            let mut numbers = rest.split(' ').map(|n| n.parse::<f64>().unwrap());
            (id, (numbers.next().unwrap(), numbers.next().unwrap()))
        })
        .collect()
}

/// The rows of heads a grid view writes, each as `{ rank=same; "a"; "b" }`,
/// whose first id starts with `prefix`.
fn rows(text: &str, prefix: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("{ rank=same; "))
        .map(|l| {
            l.trim_end_matches(" }")
                .split("; ")
                .map(|id| id.trim_matches('"').to_string())
                .collect::<Vec<String>>()
        })
        .filter(|row| row[0].starts_with(prefix) && !row[0].contains("/item/"))
        .collect()
}

/// Rows run top to bottom and each row left to right, in the order written.
fn reads_in_order(text: &str, prefix: &str, what: &str) {
    let at = positions(text);
    let rows = rows(text, prefix);
    assert!(rows.len() > 1, "{what}: fewer than two rows");
    for row in &rows {
        let xs: Vec<f64> = row.iter().map(|id| at[id].0).collect();
        assert!(
            xs.is_sorted(),
            "{what}: row {row:?} is drawn out of order at {xs:?}"
        );
    }
    let ys: Vec<f64> = rows.iter().map(|row| -at[&row[0]].1).collect();
    assert!(
        ys.is_sorted(),
        "{what}: rows are drawn out of order at {ys:?}"
    );
}

#[test]
fn rows_of_meetings_and_series_read_in_order() {
    let text = export("examples/minutes", &["--view", "meeting"]);
    reads_in_order(&text, "meeting/", "examples meeting");
    if let Some(dir) = folder("../shared/corpus/ossf-tac") {
        let text = export(dir, &["--view", "meeting"]);
        reads_in_order(&text, "meeting/", "ossf-tac meeting");
    }
    if let Some(dir) = folder("../shared/corpus-wide/kubernetes-community") {
        let text = export(dir, &["--view", "full"]);
        reads_in_order(&text, "#series/", "kubernetes-community full");
    }
}
