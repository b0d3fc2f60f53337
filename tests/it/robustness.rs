//! Any text, however odd, parses and extracts without a panic: random mixtures
//! of Markdown syntax, handles, references, dates, tables, HTML and non-ASCII.

use minutegraph::config::Config;
use minutegraph::extract::{FileContext, extract};
use proptest::prelude::*;
use std::sync::OnceLock;

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(Config::default)
}

/// Fragments minutes are made of; random sequences of them stress every rule.
const FRAGMENTS: &[&str] = &[
    "# ",
    "## ",
    "### ",
    "- ",
    "* ",
    "1. ",
    "  ",
    "\n",
    "\n\n",
    "**",
    "_",
    "`",
    "```\n",
    "> ",
    "| ",
    " |",
    "|---|",
    "[",
    "](",
    ")",
    "(",
    "@",
    "#",
    ":",
    ": ",
    "Agenda",
    "Attendees",
    "Present: ",
    "Regrets: ",
    "Decision:",
    "AI @",
    "ToDo:",
    "ACTION:",
    "#topic ",
    "#agreed ",
    "Topic: ",
    "RESOLUTION: ",
    "Joe",
    "Johannes will ",
    "https://github.com/acme/tools/issues/12",
    "acme/tools#3",
    "repo/#4",
    "Ticket #5",
    "2024-05-02",
    "March 3, 2025",
    "<!-- c -->",
    "<table><tr><td>X</td><td>Ann Lee</td></tr></table>",
    "---\n",
    "ü",
    "日本",
    "🙂",
    "\t",
    "Keycloak",
    "Flux CD",
    "[x] ",
    "[ ] ",
    "(Joe, Johannes)",
    "\"Quoted\" rfcs#1",
    "AE: ",
    "<ann> ",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_text_extracts_without_panic(parts in proptest::collection::vec(0..FRAGMENTS.len(), 0..120)) {
        let text: String = parts.iter().map(|&i| FRAGMENTS[i]).collect();
        let doc = minutegraph::document::parse("random.md", &text);
        let (record, diagnostics) = extract(&doc, config(), &FileContext::default());
        // A text with no date and nothing minutes-like is reported instead of read.
        let reported = diagnostics.iter().any(|d| d.message.contains("not read as minutes"));
        prop_assert!(!record.meetings.is_empty() || reported);
        prop_assert!(record.meetings.is_empty() || !reported);
        let lines = text.lines().count().max(1) as u32 + 1;
        for m in &record.meetings {
            for item in &m.items {
                prop_assert!(item.line >= 1 && item.line <= lines);
            }
        }
        let plain = minutegraph::document::parse("random.txt", &text);
        let _ = extract(&plain, config(), &FileContext::default());
    }

    #[test]
    fn arbitrary_unicode_extracts_without_panic(text in "\\PC{0,400}") {
        let doc = minutegraph::document::parse("random.md", &text);
        let _ = extract(&doc, config(), &FileContext::default());
    }
}
