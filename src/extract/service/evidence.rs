//! Services found from evidence in the text rather than from the catalogue.
//!
//! The catalogue is a prior: it names what is surely software. Minutes of a new
//! community name their own tools, which no catalogue lists, so each rule here
//! reads how a name is used: what a link points at, the word after a name
//! (`X plugin`), a version after it (`X v1.2`), a code span called a crate, a
//! repository referenced as `owner/X#12`, a hyphenated name built on a known one.
//! Every rule reads the same [`Context`] and returns findings; [`Context::accepts`]
//! holds the negative evidence they share (English words, people, acronyms).

use super::{cues, links};
use crate::config::ServiceCatalogue;
use crate::document::{Block, BlockKind};
use crate::extract::lexicon;
use crate::extract::person;
use crate::extract::records::{ServiceEvidence, ServiceRef};
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

/// A word as it can name software: letters and digits joined by `-`, `+` or `.`.
static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\d]+(?:[-+.][\p{L}\d]+)*").expect("word regex"));
/// A chat nick (`<nick>`) or a speaker prefix (`Name:`, `**Name**:`) at a line start.
static SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?mx) ^ \s* (?: [-*]\s+ )? (?: \[[^\]]*\]\s* )? (?: \([^)]*\)\s* )?
          (?: <\s*[@+]?(?P<nick>[\w.|-]+)\s*> | \*\*(?P<bold>[^*\n]{2,30})\*\*\s*: | (?P<plain>\p{Lu}[\w.-]*(?:\s\p{Lu}[\w.-]*)?)\s*: )",
    )
    .expect("speaker regex")
});

/// Words after a name that make the name an organisation, a group or a document.
const NOT_PRODUCTS: &[&str] = &[
    "team",
    "teams",
    "committee",
    "group",
    "foundation",
    "council",
    "board",
    "sig",
    "wg",
    "meeting",
    "meetings",
    "minutes",
    "notes",
    "docs",
    "summit",
    "conference",
    "community",
    "working",
    "dev",
    "devel",
    "users",
    "announce",
    "discuss",
    "leads",
    "initiative",
    "project",
    "guide",
];

/// Parts that make a hyphenated word a qualifier (`Frob-aware`, `frob-only`) or a
/// platform triple (`x86-unknown-frob`), not a product's name.
const QUALIFIER_PARTS: &[&str] = &[
    "aware", "specific", "friendly", "ready", "only", "unknown", "none",
];

/// Endings of an English last part that make a hyphenated name an adjective
/// (`Frob-based`, `frob-compatible`, `Frob-like`), not a name.
const ADJECTIVE_ENDINGS: &[&str] = &[
    "ed", "ible", "able", "like", "ive", "ful", "ant", "ent", "less", "ish", "al",
];

/// How sure a rule is that a name is software.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strength {
    /// The syntax says so (a link to the product, a code span called a crate).
    Strong,
    /// The context suggests it; a single lower-case word must then be written twice.
    Plain,
}

/// What every rule may read about one meeting's text.
pub struct Context<'a> {
    /// The meeting's blocks.
    pub blocks: &'a [Block],
    /// Known services.
    pub catalogue: &'a ServiceCatalogue,
    /// How often each lower-cased word is written outside URLs.
    counts: FxHashMap<String, usize>,
    /// Lower-cased names, nicks and handles of people in this meeting.
    people: FxHashSet<String>,
    /// Squashed owners of the repositories linked in the meeting.
    owners: Vec<String>,
}

impl<'a> Context<'a> {
    /// Read the words and the people of a meeting once.
    pub fn new(blocks: &'a [Block], catalogue: &'a ServiceCatalogue) -> Self {
        let mut counts: FxHashMap<String, usize> = FxHashMap::default();
        let mut people = FxHashSet::default();
        let mut lower = String::new();
        for b in prose(blocks) {
            let urls = url_like_spans(&b.text);
            let mut urls = urls.iter().peekable();
            for m in WORD.find_iter(&b.text) {
                while urls.next_if(|(_, end)| *end <= m.start()).is_some() {}
                if urls.peek().is_some_and(|(start, _)| *start < m.end()) {
                    continue;
                }
                // A number is never asked for: a name starts with a letter.
                if m.as_str().bytes().all(|c| c.is_ascii_digit()) {
                    continue;
                }
                lower.clear();
                if m.as_str().is_ascii() {
                    lower.extend(m.as_str().chars().map(|c| c.to_ascii_lowercase()));
                } else {
                    lower.push_str(&m.as_str().to_lowercase());
                }
                match counts.get_mut(lower.as_str()) {
                    Some(n) => *n += 1,
                    None => {
                        counts.insert(lower.clone(), 1);
                    }
                }
            }
            if let Some(s) = &b.speaker {
                people.insert(s.to_lowercase());
            }
            if let Some(s) = &b.lead_strong {
                people.insert(s.trim().to_lowercase());
            }
            // `@handle` mentions: people, never products.
            for h in person::find_handles(&b.text, b.line) {
                people.insert(h.name.to_lowercase());
            }
            let speakers = b
                .text
                .contains([':', '<'])
                .then(|| SPEAKER.captures_iter(&b.text));
            for c in speakers.into_iter().flatten() {
                let name = c
                    .name("nick")
                    .or_else(|| c.name("bold"))
                    .or_else(|| c.name("plain"));
                if let Some(name) = name {
                    let name = name.as_str().trim().to_lowercase();
                    people.extend(name.split_whitespace().map(String::from));
                    people.insert(name);
                }
            }
        }
        Context {
            blocks,
            catalogue,
            counts,
            people,
            owners: crate::extract::discovery::repository_owners(blocks),
        }
    }

    /// Whether `name` owns a repository linked in the meeting (`acme` in
    /// `github.com/acme/…`).
    pub fn owns(&self, name: &str) -> bool {
        self.owners.contains(&super::squash(name))
    }

    /// How often a word is written outside URLs (any case); 0 for a number.
    pub fn count(&self, word: &str) -> usize {
        self.counts.get(&word.to_lowercase()).copied().unwrap_or(0)
    }

    /// Every lower-cased word written outside URLs but numbers, with its count.
    pub fn words(&self) -> impl Iterator<Item = (&str, usize)> {
        self.counts.iter().map(|(w, n)| (w.as_str(), *n))
    }

    /// Whether a name found by a rule may name a service: not known already, not a
    /// person here, not an acronym, not made of English words, not an org unit.
    pub fn accepts(&self, name: &str, strength: Strength) -> bool {
        let lower = name.to_lowercase();
        let parts: Vec<&str> = name
            .split([' ', '-', '+'])
            .filter(|p| !p.is_empty())
            .collect();
        let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
        // The first word, hyphenated parts and all: `go` alone is a stop word, `go-frob` is not.
        let first = lower.split(' ').next().unwrap_or("").to_string();
        let last = parts.last().map(|p| p.to_lowercase()).unwrap_or_default();
        let single = parts.len() == 1;
        let plain_word = single && name.chars().all(char::is_alphabetic);
        let shaped = name.chars().count() >= 3
            && name.chars().count() <= 40
            && name.chars().next().is_some_and(char::is_alphabetic)
            && letters.len() >= 2
            && !name.contains(['/', ':', '#', '@', '.', '\n'])
            && !name.trim_end_matches('+').contains('+')
            && parts.first().is_some_and(|p| p.chars().count() >= 2)
            && !parts
                .last()
                .is_some_and(|p| p.starts_with(|c: char| c.is_ascii_digit()))
            && (strength == Strength::Strong || !name.contains('_'))
            && !name.ends_with(['.', '-'])
            && !is_version(&lower);
        let acronym = letters.iter().all(|c| c.is_uppercase());
        let person = self.people.contains(&lower)
            || (single && lexicon::FIRST_NAMES.contains(&lower))
            || (single && lexicon::AMBIGUOUS_NAMES.contains(&lower));
        let ordinary = parts.iter().all(|p| {
            p.chars().all(|c| c.is_ascii_digit())
                || super::english::is_english(p)
                || super::english::is_misspelling(p)
        });
        // `Eth1`, `cpp`, `rc2`: too short to tell a name from an abbreviation.
        let short = single && letters.len() <= 3;
        let stop = person::is_stop_word(&first)
            || lexicon::NOT_AGENTS.contains(&first)
            || lexicon::TASK_VERBS.contains(&first)
            || parts.iter().any(|p| {
                let p = p.to_lowercase();
                let singular = p.strip_suffix('s').unwrap_or(&p);
                NOT_PRODUCTS.contains(&p.as_str())
                    || NOT_PRODUCTS.contains(&singular)
                    || (parts.len() > 1 && QUALIFIER_PARTS.contains(&p.as_str()))
            });
        let adjective = parts.len() > 1
            && (last.ends_with("able")
                || last.ends_with("ible")
                || (super::english::is_english(&last)
                    && ADJECTIVE_ENDINGS.iter().any(|e| last.ends_with(e))));
        let seen_enough = strength == Strength::Strong || !plain_word || self.count(name) >= 2;
        shaped
            && !acronym
            && !person
            && !ordinary
            && !stop
            && !adjective
            && !short
            && seen_enough
            && self.catalogue.lookup(name).is_none()
    }
}

/// `v1`, `1.2`, `v1.2.3-rc1`: a version, not a name.
fn is_version(lower: &str) -> bool {
    let rest = lower.strip_prefix('v').unwrap_or(lower);
    rest.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// A whitespace-separated piece of text that is (part of) a URL, a path or a reference.
pub fn is_url_like(word: &str) -> bool {
    word.contains("://") || word.contains('#') || word.starts_with('/') || word.contains("www.")
}

/// The byte ranges of the whitespace-separated pieces of `text` that are URLs,
/// paths or references, in order.
fn url_like_spans(text: &str) -> Vec<(usize, usize)> {
    if !text.contains(['/', '#', '.']) {
        return Vec::new();
    }
    pieces(text)
        .filter(|(_, word)| is_url_like(word))
        .map(|(at, word)| (at, at + word.len()))
        .collect()
}

/// The whitespace-separated pieces of `text` with their byte offsets.
pub(super) fn pieces(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive(char::is_whitespace)
        .scan(0, |offset, piece| {
            let at = *offset;
            *offset += piece.len();
            Some((at, piece.trim_end()))
        })
}

/// The blocks that hold prose (not code).
pub fn prose(blocks: &[Block]) -> impl Iterator<Item = &Block> {
    blocks.iter().filter(|b| b.kind != BlockKind::Code)
}

/// The line of a byte offset in a block's text.
pub fn line_of(block: &Block, offset: usize) -> u32 {
    // A block on one line (however long) needs no counting.
    if block.end_line <= block.line {
        return block.line;
    }
    block.line
        + block.text[..offset.min(block.text.len())]
            .matches('\n')
            .count() as u32
}

/// A finding.
pub fn service(name: &str, line: u32, evidence: ServiceEvidence) -> ServiceRef {
    ServiceRef {
        name: name.to_string(),
        written: name.to_string(),
        line,
        evidence,
    }
}

/// Add the services found from evidence (with their blocks, one finding per name)
/// to those discovered so far, and drop every discovered name that is a person
/// or a repository owner here.
pub fn extend(context: &Context, discovered: &mut Vec<(usize, ServiceRef)>) {
    let mut found = links::find(context);
    found.extend(links::sites(context));
    found.extend(cues::find(context));
    let mut seen: FxHashSet<String> = discovered
        .iter()
        .map(|(_, s)| super::squash(&s.name))
        .collect();
    found.retain(|(_, s)| seen.insert(super::squash(&s.name)));
    let all: Vec<(usize, ServiceRef)> = discovered.iter().chain(&found).cloned().collect();
    let family = super::family::find(context, &all);
    found.extend(family);
    let all: Vec<(usize, ServiceRef)> = discovered.iter().chain(&found).cloned().collect();
    let listed = super::lists::find(context, &all);
    found.extend(
        listed
            .into_iter()
            .filter(|(_, s)| seen.insert(super::squash(&s.name))),
    );
    discovered.extend(found);
    // A nick, a handle or a speaker is not software; nor is a repository owner,
    // unless a site of the same name says it is a product.
    discovered.retain(|(_, s)| {
        !context.people.contains(&s.name.to_lowercase())
            && (s.evidence == ServiceEvidence::Site || !context.owns(&s.name))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> Block {
        Block::new(BlockKind::Paragraph, 0, text.to_string(), 1, 1)
    }

    #[test]
    fn negative_evidence_rejects_people_words_and_acronyms() {
        let cat = ServiceCatalogue::parse("Gitea\t\t\n");
        let blocks = [
            block("<zorbo> hello\n**Quenby**: fine\n@blimfast said so"),
            block("frobnik frobnik"),
        ];
        let c = Context::new(&blocks, &cat);
        for name in [
            "zorbo", "Quenby", "blimfast", "Gitea", "NFS", "server", "Oliver",
        ] {
            assert!(!c.accepts(name, Strength::Strong), "{name}");
        }
        assert!(c.accepts("frobnik", Strength::Plain));
        assert!(!c.accepts("grumblix", Strength::Plain));
        assert!(c.accepts("grumblix", Strength::Strong));
        assert!(c.accepts("go-frobnik", Strength::Plain));
        assert!(!c.accepts("frobnik-team", Strength::Plain));
        for name in [
            "Frobnik-based",
            "frob-compatible",
            "frob-onable",
            "Frob-aware",
            "x86-unknown-frob",
            "sig-frob-infra",
            "frob+zorb",
            "T-frob",
            "frob-3.x",
            "beta+stable",
        ] {
            assert!(!c.accepts(name, Strength::Plain), "{name}");
        }
    }
}
