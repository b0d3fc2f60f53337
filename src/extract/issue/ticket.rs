//! Tracker tickets written as project keys (`OPS-2281`, Jira, YouTrack, Linear).
//!
//! The form alone is weak evidence: `UTF-8`, `SHA-256`, `SCS-0001` and `VP10-3`
//! look the same. A key counts when it is a token of its own, its project is
//! not a known non-ticket word (`data/lexicon/not-ticket-prefixes.txt`), and the
//! document shows that the project is a tracker's: a `/browse/` link, the word
//! Jira, a ticket word right before a key, or several tickets of the project.

use super::continues;
use crate::extract::lexicon::NOT_TICKET_PREFIXES;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::LazyLock;

/// A project key: 2 to 10 upper-case letters and digits, then a number with no leading zero.
static KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w/.#@:$\\-])([A-Z][A-Z0-9]{1,9})-([1-9][0-9]{0,6})")
        .expect("ticket key regex")
});
/// A Jira link: `https://host/.../browse/OPS-2281`.
static BROWSE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"https?://[^\s<>()\[\]`/]+(?:/[^\s<>()\[\]`/?#]+)*?/browse/([A-Za-z][A-Za-z0-9]{1,9})-([1-9][0-9]{0,6})")
        .expect("browse URL regex")
});
/// A ticket word right before a key: `tickets (OPS-2281, ...)`, `Jira: OPS-7`.
static CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?i:tickets?|issues?|bugs?|story|stories|epics?|jira)\b[\s:(\[*_#]*([A-Z][A-Z0-9]{1,9})-[1-9]")
        .expect("ticket cue regex")
});
/// A document that names a tracker with project keys.
static TRACKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:jira|youtrack)\b|atlassian\.net").expect("tracker regex")
});

/// A key found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Key {
    /// Where `PROJ-N` is written.
    pub range: Range<usize>,
    /// `PROJ-N`, upper case.
    pub key: String,
    /// The project (`PROJ`).
    pub project: String,
    /// `N`.
    pub number: u64,
}

/// What a document shows about which project keys are tickets.
#[derive(Clone, Debug, Default)]
pub struct TicketEvidence {
    /// The document names a tracker (Jira, an Atlassian link): every key is a ticket.
    pub tracker_named: bool,
    /// Projects linked with `/browse/` or written right after a ticket word.
    pub cued: BTreeSet<String>,
    /// Numbers seen with each project.
    pub numbers: BTreeMap<String, BTreeSet<u64>>,
}

impl TicketEvidence {
    /// Learn from `prose` (text without code).
    pub fn learn_prose(&mut self, prose: &str) {
        self.tracker_named = self.tracker_named || TRACKER.is_match(prose);
        // A key is written with a dash.
        if !prose.contains('-') {
            return;
        }
        for c in CUE.captures_iter(prose) {
            self.cued.insert(c[1].to_string());
        }
        for k in keys(prose) {
            self.numbers.entry(k.project).or_default().insert(k.number);
        }
    }

    /// Learn from links, which count in code too.
    pub fn learn_links(&mut self, text: &str) {
        self.tracker_named |= text.contains("atlassian.net");
        for k in browse_links(text) {
            self.cued.insert(k.project);
        }
    }

    /// Whether keys of `project` are tickets in this document.
    pub fn confirms(&self, project: &str) -> bool {
        self.tracker_named
            || self.cued.contains(project)
            || self.numbers.get(project).is_some_and(|n| n.len() >= 2)
    }
}

/// Every key in `prose` that is a token of its own and no known non-ticket word.
pub(super) fn keys(prose: &str) -> Vec<Key> {
    KEY.captures_iter(prose)
        .filter_map(|c| {
            let (project, number) = (c.get(1)?, c.get(2)?);
            if continues(prose, number.end()) || !may_be_project(project.as_str()) {
                return None;
            }
            Some(Key {
                range: project.start()..number.end(),
                key: format!("{}-{}", project.as_str(), number.as_str()),
                project: project.as_str().to_string(),
                number: number.as_str().parse().ok()?,
            })
        })
        .collect()
}

/// Every `/browse/PROJ-N` link in `text`, with the link (up to the key) as `range`.
pub(super) fn browse_links(text: &str) -> Vec<Key> {
    if !text.contains("/browse/") {
        return Vec::new();
    }
    BROWSE_URL
        .captures_iter(text)
        .filter_map(|c| {
            let (all, project, number) = (c.get(0)?, c.get(1)?, c.get(2)?);
            if continues(text, all.end()) {
                return None;
            }
            let project = project.as_str().to_uppercase();
            Some(Key {
                range: all.range(),
                key: format!("{project}-{}", number.as_str()),
                project,
                number: number.as_str().parse().ok()?,
            })
        })
        .collect()
}

/// Whether `project` can be a tracker project: neither it nor the letters it
/// starts with are a known non-ticket word (`SHA3` by `sha`, `Q1` by `q`).
fn may_be_project(project: &str) -> bool {
    let lower = project.to_lowercase();
    let letters = lower
        .split(|c: char| c.is_ascii_digit())
        .next()
        .unwrap_or("");
    !NOT_TICKET_PREFIXES.contains(&lower) && !NOT_TICKET_PREFIXES.contains(&letters)
}
