//! Work per file grows with the file (read, extracted, linted, merged and
//! written): for each kind of hostile file, the steps
//! counted for a file eight times as long are at most [`SLACK`] times eight
//! times those of the short one (a scan per line over the whole file would make
//! them 64 times as many).

use super::take;
use crate::config::Config;
use crate::export::{ExportOptions, Format};
use crate::extract::{FileContext, extract};

/// How much more than linear growth is allowed: room for `n log n` sorting and
/// fixed costs, far below the eightfold excess of a quadratic scan.
const SLACK: f64 = 1.6;

/// Steps to read, extract, lint, merge and write one file as Turtle, and the
/// Turtle's size. Counted on a pool of one thread, so that work a step hands to
/// the pool (`rayon::join`, parallel iterators) is counted too.
fn work(text: &str) -> (u64, usize) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a pool of one thread");
    pool.install(|| work_on_this_thread(text))
}

fn work_on_this_thread(text: &str) -> (u64, usize) {
    let config = Config::default();
    take();
    let doc = crate::document::parse("2025-01-01.md", text);
    let (record, _) = extract(&doc, &config, &FileContext::default());
    let source = crate::check::Source {
        path: record.source.clone(),
        text: text.to_string(),
    };
    let sources = [(record.source.clone(), source)].into();
    crate::check::check(std::slice::from_ref(&record), &sources, &config);
    let ids = crate::resolve::file_ids([record.source.as_str()]);
    let graph = crate::resolve::build_graph(std::slice::from_ref(&record), &config, &ids).graph;
    let mut out = Vec::new();
    Format::Turtle
        .exporter()
        .write(&graph, &ExportOptions::default(), &mut out)
        .unwrap();
    (take(), out.len())
}

/// Checks that steps and output grow no faster than the input, from `n` to `8n`
/// repetitions of what `make` writes.
fn grows_linearly(shape: &str, n: usize, make: impl Fn(usize) -> String) {
    let (small, large) = (make(n), make(8 * n));
    let size = large.len() as f64 / small.len() as f64;
    let (small_steps, small_out) = work(&small);
    let (large_steps, large_out) = work(&large);
    let steps = large_steps as f64 / small_steps.max(1) as f64;
    let out = large_out as f64 / small_out.max(1) as f64;
    assert!(
        small_steps > n as u64,
        "{shape}: too few steps counted ({small_steps})"
    );
    assert!(
        steps <= SLACK * size,
        "{shape}: {size:.1}x the input took {steps:.1}x the steps ({small_steps} -> {large_steps})"
    );
    assert!(
        out <= SLACK * size,
        "{shape}: {size:.1}x the input gave {out:.1}x the output"
    );
}

const HEAD: &str = "# Call 2025-01-01\n\nAttendees: Ann Lee, Bob Ray\n\n";

#[test]
fn decision_lines() {
    grows_linearly("decisions", 400, |n| {
        format!("{HEAD}## Decisions\n\n{}", "- Decision: x\n".repeat(n))
    });
}

#[test]
fn action_lines() {
    grows_linearly("actions", 400, |n| {
        format!("{HEAD}## Actions\n\n{}", "- AI @x: y\n".repeat(n))
    });
}

#[test]
fn distinct_tasks_by_handle_and_by_name() {
    grows_linearly("tasks", 300, |n| {
        let lines: String = (0..n)
            .map(|i| format!("- AI @x{i}: task {i}\n- Ann to write part {i}\n"))
            .collect();
        format!("{HEAD}## Actions\n\n{lines}")
    });
}

#[test]
fn one_long_line_of_handles() {
    grows_linearly("handles", 2_000, |n| format!("{HEAD}{}\n", "@a ".repeat(n)));
}

#[test]
fn agenda_item_headings() {
    grows_linearly("item headings", 300, |n| {
        let items: String = (0..n)
            .map(|i| format!("## Item {i}\n\nSome text.\n\n"))
            .collect();
        format!("{HEAD}# Agenda\n\n{items}")
    });
}

#[test]
fn agenda_headings_one_after_another() {
    // Each `## Agenda` opens an agenda whose body is the rest of the file.
    grows_linearly("agenda titles", 300, |n| {
        format!(
            "{HEAD}{}",
            "## Agenda\n\n- Release plan\n\n## Release\n\nplan\n\n".repeat(n)
        )
    });
}

#[test]
fn a_long_agenda_against_a_long_body() {
    // Every entry is compared with every block of the body and none matches:
    // the linter stops at its budget rather than take entries times blocks.
    grows_linearly("agenda against body", 600, |n| {
        let entries: String = (0..n).map(|i| format!("- Topic{i} alpha{i}\n")).collect();
        let body: String = (0..n)
            .map(|i| format!("Unrelated{i} words{i}\n\n"))
            .collect();
        format!("{HEAD}## Agenda\n\n{entries}\n## Notes\n\n{body}")
    });
}

#[test]
fn agenda_item_bullets() {
    grows_linearly("item bullets", 400, |n| {
        let items: String = (0..n).map(|i| format!("- item {i}\n")).collect();
        format!("{HEAD}## Agenda\n\n{items}")
    });
}

#[test]
fn agenda_items_naming_issues() {
    grows_linearly("items naming issues", 300, |n| {
        let items: String = (0..n).map(|i| format!("- item {i} (#{i})\n")).collect();
        format!("{HEAD}## Agenda\n\n{items}")
    });
}

#[test]
fn tasks_naming_issues() {
    grows_linearly("tasks naming issues", 300, |n| {
        let tasks: String = (0..n)
            .map(|i| format!("- [ ] @user{i} to fix #{i}\n"))
            .collect();
        format!("{HEAD}## Action items\n\n{tasks}")
    });
}

#[test]
fn agenda_items_that_differ_only_in_a_link() {
    grows_linearly("items differing in a link", 300, |n| {
        let items: String = (0..n)
            .map(|i| format!("- see https://host{i}.example.org/page\n"))
            .collect();
        format!("{HEAD}## Agenda\n\n{items}")
    });
}

#[test]
fn long_attendee_list() {
    grows_linearly("attendees", 300, |n| {
        let names: Vec<String> = (0..n).map(|i| format!("Person{i} Lee")).collect();
        format!("{HEAD}Present: {}\n", names.join(", "))
    });
}

#[test]
fn chat_lines_of_many_speakers() {
    grows_linearly("chat speakers", 300, |n| {
        let lines: String = (0..n)
            .map(|i| format!("[10:00] <nick{i}> action: nick{i} to do {i}\n"))
            .collect();
        format!("{HEAD}{lines}")
    });
}

#[test]
fn links_to_many_repositories() {
    grows_linearly("repository links", 300, |n| {
        let lines: String = (0..n)
            .map(|i| format!("- see https://github.com/o/r{i}/issues/{i} and r{i}#{i}\n"))
            .collect();
        format!("{HEAD}{lines}")
    });
}

#[test]
fn numbered_plain_text_agenda() {
    grows_linearly("numbered items", 300, |n| {
        let items: String = (1..=n)
            .map(|i| format!("{i}. Topic {i} (Ann Lee, 5 min)\n   notes\n"))
            .collect();
        format!("Call 2025-01-01\n\nAgenda\n{items}")
    });
}

#[test]
fn deep_nesting() {
    // Lists nested 40 deep, one after another, and quotes inside quotes.
    grows_linearly("nesting", 10, |n| {
        let nest: String = (0..40)
            .map(|d| format!("{}- level {d} @ann #{d}\n", "  ".repeat(d)))
            .collect();
        let quotes: String = (1..40)
            .map(|d| format!("{} q{d}\n", ">".repeat(d)))
            .collect();
        format!(
            "{HEAD}## Notes\n\n{}",
            format!("{nest}\n{quotes}\n").repeat(n)
        )
    });
}

#[test]
fn long_tables() {
    grows_linearly("tables", 300, |n| {
        let rows: String = (0..n)
            .map(|i| format!("| Ann Lee {i} | @ann{i} | acme/tools#{i} |\n"))
            .collect();
        format!("{HEAD}## Attendees\n\n| Name | Handle | Issue |\n|---|---|---|\n{rows}")
    });
}

#[test]
fn speaker_turns_and_irc_lines() {
    grows_linearly("turns", 300, |n| {
        let lines: String = (0..n)
            .map(|i| {
                format!(
                    "Ann Lee: item {i}\n\nBob: I will review #{i}\n\n<bob> #agreed plan {i}\n\n"
                )
            })
            .collect();
        format!("{HEAD}{lines}")
    });
}

#[test]
fn steps_are_counted_per_thread_and_reset_when_taken() {
    take();
    super::step(3);
    assert_eq!(take(), 3);
    assert_eq!(take(), 0);
}
