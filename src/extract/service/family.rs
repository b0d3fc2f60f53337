//! Names built on a known product, and repositories referenced by number.
//!
//! - `family`: a lower-case hyphenated name with a known or found service as one
//!   of its parts (`go-frob`, `frob-cluster` beside `Frob`), written at least twice:
//!   projects name their implementations, plugins and clients this way;
//! - `reference`: a repository referenced as `owner/name#12` whose name is also
//!   written outside the reference (`name` in prose or a code span).

use super::evidence::{Context, Strength, is_url_like, line_of, prose, service};
use crate::extract::lexicon;
use crate::extract::records::{ServiceEvidence, ServiceRef};
use regex::Regex;
use rustc_hash::FxHashSet as HashSet;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A short issue or pull-request reference: `owner/name#12`.
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w/.-])[\w.-]+/(?P<repo>[\w.-]+)#\d+").expect("reference regex")
});

/// Last parts that make a hyphenated name a label, a job or a topic.
const GENERIC_TAILS: &[&str] = &[
    "team",
    "wg",
    "sig",
    "dev",
    "devel",
    "meeting",
    "meetings",
    "notes",
    "docs",
    "test",
    "tests",
    "check",
    "report",
    "results",
    "version",
    "versions",
    "release",
    "releases",
    "based",
    "related",
    "specific",
    "compatible",
    "style",
    "issue",
    "issues",
    "support",
];

/// Every `family` and `reference` finding, given what the other rules found.
pub fn find(c: &Context, found: &[(usize, ServiceRef)]) -> Vec<(usize, ServiceRef)> {
    let mut known: HashSet<String> = found.iter().map(|(_, s)| super::squash(&s.name)).collect();
    let mut out = Vec::new();
    let mut families: BTreeMap<&str, usize> = BTreeMap::new();
    for (word, n) in c.words() {
        if n < 2 || !word.contains('-') {
            continue;
        }
        let parts: Vec<&str> = word.split('-').collect();
        // One known part with qualifiers (`go-frob`); two known parts joined
        // (`linux-musl`) name a combination, not a product.
        let known_parts = parts
            .iter()
            .filter(|p| {
                p.len() >= 3
                    && (c.catalogue.lookup(p).is_some() || known.contains(&super::squash(p)))
            })
            .count();
        // A qualifier must say something no English word says (`frob-ctl`), or be
        // a two-letter language prefix (`go-frob`, `js-frob`); not `frob-public`.
        let distinctive = parts.iter().any(|p| {
            p.len() >= 2
                && c.catalogue.lookup(p).is_none()
                && !known.contains(&super::squash(p))
                && (p.len() == 2 || !super::english::is_english(p))
                && !p.chars().all(|ch| ch.is_ascii_digit())
        });
        let built_on_known = known_parts == 1 && distinctive;
        let tail = parts.last().copied().unwrap_or("");
        if n >= 2
            && parts.len() >= 2
            && built_on_known
            && !GENERIC_TAILS.contains(&tail)
            && c.accepts(word, Strength::Plain)
        {
            families.insert(word, n);
        }
    }
    let mut refs: BTreeMap<String, String> = BTreeMap::new();
    for b in prose(c.blocks) {
        let urls = b.links.iter().map(|l| l.url.as_str());
        for text in std::iter::once(b.text.as_str()).chain(urls) {
            if !text.contains('#') {
                continue;
            }
            for m in REFERENCE.captures_iter(text) {
                let repo = &m["repo"];
                if !lexicon::GENERIC_REPOS.contains(&repo.to_lowercase().as_str()) {
                    refs.entry(repo.to_lowercase())
                        .or_insert_with(|| repo.to_string());
                }
            }
        }
    }
    if families.is_empty() && refs.is_empty() {
        return out;
    }
    for (i, b) in c.blocks.iter().enumerate() {
        if b.kind == crate::document::BlockKind::Code {
            continue;
        }
        for (at, word) in words(&b.text) {
            let lower = word.to_lowercase();
            let written_lower = !word.chars().any(char::is_uppercase);
            let evidence = if written_lower && families.contains_key(lower.as_str()) {
                ServiceEvidence::Family
            } else if refs.contains_key(&lower) && c.accepts(word, Strength::Strong) {
                ServiceEvidence::Reference
            } else {
                continue;
            };
            if known.insert(super::squash(word)) {
                out.push((i, service(word, line_of(b, at), evidence)));
            }
        }
    }
    out
}

/// The words of a text outside URLs and references, with their byte offsets.
pub(super) fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for (offset, word) in super::evidence::pieces(text).filter(|(_, w)| !is_url_like(w)) {
        let trimmed = word.trim_start_matches(|ch: char| !ch.is_alphanumeric());
        let start = offset + (word.len() - trimmed.len());
        let trimmed = trimmed.trim_end_matches(|ch: char| !ch.is_alphanumeric());
        if !trimmed.is_empty() {
            out.push((start, trimmed));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ServiceCatalogue;
    use crate::document::{Block, BlockKind};

    fn found(texts: &[&str]) -> Vec<(String, &'static str)> {
        let cat = ServiceCatalogue::parse("Frob\t\t\nLinux\t\t\n");
        let blocks: Vec<Block> = texts
            .iter()
            .map(|t| Block::new(BlockKind::Paragraph, 0, t.to_string(), 1, 1))
            .collect();
        find(&Context::new(&blocks, &cat), &[])
            .into_iter()
            .map(|(_, s)| (s.name, s.evidence.as_str()))
            .collect()
    }

    #[test]
    fn hyphenated_names_built_on_a_known_one() {
        assert_eq!(
            found(&[
                "go-frob is slow, linux-frob too, frob-public",
                "fix go-frob and frob-team and frob-tests, linux-frob, frob-public"
            ]),
            vec![("go-frob".into(), "family")]
        );
        assert!(found(&["go-frob once"]).is_empty());
    }

    #[test]
    fn repositories_referenced_by_number() {
        assert_eq!(
            found(&["see acme/zorb-ui#12", "the `zorb-ui` page"]),
            vec![("zorb-ui".into(), "reference")]
        );
        assert!(found(&["see acme/docs#3 and the docs"]).is_empty());
        assert!(found(&["see acme/zorb-ui#12 only"]).is_empty());
    }
}
