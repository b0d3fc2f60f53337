//! Services the catalogue does not know, found from strong evidence in the text.
//! Each carries how it was found (`mg:evidence`), so users can filter:
//!
//! - `enumeration`: a short name listed among known services (`Mailman, Jitsi, Habor`);
//! - `phrase`: named as the object of a deployment verb (`deploy X`, `migrate to X`,
//!   `powered by X`, `via X`, `X server`);
//! - `repository`: the name of a linked repository, also written in the text;
//! - `camel-case`: a CamelCase product name written at least twice (`WaveStack`).

use super::lexicon;
use super::person;
use super::records::ServiceRef;
use crate::config::ServiceCatalogue;
use crate::document::Block;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:deploy(?:s|ed|ing)?|install(?:s|ed|ing)?|migrat(?:e|es|ed|ing) (?:to|from)|switch(?:es|ed|ing)? (?:to|from)|powered by|based on|built (?:on|with)|replac(?:e|es|ed|ing)|evaluat(?:e|es|ed|ing)|via|using|adopt(?:s|ed|ing)?|self-host(?:s|ed|ing)?|run(?:s|ning)? on)\s+(?:a |an |the |our |new |e\.g\. )?((?:\p{Lu}[\p{L}\d]*(?:[ -]\p{Lu}[\p{L}\d]*){0,2})|`[a-z][\w.-]+`)",
    )
    .expect("phrase regex")
});
static CAMEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\p{Lu}[\p{Ll}\d]+(?:\p{Lu}[\p{Ll}\d]*)+|\p{Lu}{2,}[a-z]{2,}\p{Lu}\w*)\b").expect("camel regex"));
static REPO_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"https?://(?:github\.com|gitlab\.com|codeberg\.org)/[\w.-]+/([\w.-]+)").expect("repository regex")
});

/// Repository names too generic to name a product.
const GENERIC_REPOS: &[&str] = &[
    "issues", "docs", "documentation", "standards", "community", "website", "minutes", "meta", "infra", "tac",
    "rfcs", "rust", "governance", "org", ".github", "blog", "release", "releases", "design", "planning", "notes",
    "meetings", "agenda", "tools", "scripts", "examples", "templates", "roadmap", "security", "projects", "wiki",
];

/// Every service found by discovery in a meeting's blocks, with the block it was found in.
pub fn discover(blocks: &[Block], catalogue: &ServiceCatalogue) -> Vec<(usize, ServiceRef)> {
    let mut out = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        for s in enumerated(block, catalogue).into_iter().chain(phrases(block, catalogue)) {
            out.push((i, s));
        }
    }
    out.extend(repositories(blocks, catalogue));
    out.extend(camel_case(blocks, catalogue));
    out
}

fn service(name: &str, line: u32, evidence: &'static str) -> ServiceRef {
    ServiceRef { name: name.to_string(), written: name.to_string(), line, evidence }
}

/// Whether a candidate could name a product: not a stop word, not all digits, not known already.
fn plausible(name: &str, catalogue: &ServiceCatalogue) -> bool {
    let lower = name.to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("");
    name.chars().count() >= 2
        && name.chars().any(char::is_alphabetic)
        && catalogue.lookup(name).is_none()
        && !person::is_stop_word(first)
        && !lexicon::NOT_AGENTS.contains(&first)
        && !lexicon::TASK_VERBS.contains(&first)
}

fn line_of(block: &Block, offset: usize) -> u32 {
    block.line + block.text[..offset].matches('\n').count() as u32
}

/// Unknown short names listed among at least two known services.
fn enumerated(block: &Block, catalogue: &ServiceCatalogue) -> Vec<ServiceRef> {
    let mut out = Vec::new();
    for clause in block.text.split(['(', ')', ':', ';', '.', '\n']) {
        let items: Vec<&str> = clause
            .split([',', '/'])
            .flat_map(|p| p.split(" and ").flat_map(|q| q.split(" or ")))
            .map(|p| p.trim().trim_matches(|c: char| c == '`' || c == '*' || c == '"'))
            .filter(|p| !p.is_empty() && *p != "...")
            .collect();
        if items.len() < 3 {
            continue;
        }
        let known = items.iter().filter(|i| catalogue.lookup(i).is_some()).count();
        if known < 2 || known * 2 < items.len() {
            continue;
        }
        for item in items.iter().filter(|i| catalogue.lookup(i).is_none()) {
            let short = item.split_whitespace().count() <= 2 && item.chars().next().is_some_and(char::is_uppercase);
            if short && plausible(item, catalogue) {
                let at = block.text.find(item).unwrap_or(0);
                out.push(service(item, line_of(block, at), "enumeration"));
            }
        }
    }
    out
}

/// Names after deployment verbs (`deploy Foo`, `migrate to Bar`, `via \`baz\``).
fn phrases(block: &Block, catalogue: &ServiceCatalogue) -> Vec<ServiceRef> {
    PHRASE
        .captures_iter(&block.text)
        .filter_map(|c| {
            let m = c.get(1)?;
            let name = m.as_str().trim_matches('`').trim();
            let distinctive = name.contains(|c: char| c.is_ascii_digit())
                || CAMEL.is_match(name)
                || m.as_str().starts_with('`')
                || name.chars().filter(|c| c.is_uppercase()).count() >= 2 && !name.contains(' ');
            (distinctive && plausible(name, catalogue)).then(|| service(name, line_of(block, m.start()), "phrase"))
        })
        .collect()
}

/// Repositories linked in the meeting whose name is also written in its text.
fn repositories(blocks: &[Block], catalogue: &ServiceCatalogue) -> Vec<(usize, ServiceRef)> {
    let mut repos: BTreeMap<String, String> = BTreeMap::new();
    for b in blocks {
        let urls = b.links.iter().map(|l| l.url.as_str()).chain(std::iter::once(b.text.as_str()));
        for url in urls {
            for c in REPO_URL.captures_iter(url) {
                let repo = c[1].trim_end_matches(".git").to_string();
                if repo.len() >= 4 && !GENERIC_REPOS.contains(&repo.to_lowercase().as_str()) {
                    repos.entry(squash(&repo)).or_insert(repo);
                }
            }
        }
    }
    let mut out = Vec::new();
    for (key, repo) in repos {
        if let Some((i, line, written)) = written_outside_urls(blocks, &key) {
            if plausible(&written, catalogue) && catalogue.lookup(&repo).is_none() {
                out.push((i, service(&written, line, "repository")));
            }
        }
    }
    out
}

/// The first place a name whose squashed form is `key` is written outside a URL.
fn written_outside_urls(blocks: &[Block], key: &str) -> Option<(usize, u32, String)> {
    let words = key.len();
    for (i, b) in blocks.iter().enumerate() {
        let text = REPO_URL.replace_all(&b.text, " ");
        let text = strip_urls(&text);
        let tokens: Vec<(usize, &str)> = tokens(&text);
        for start in 0..tokens.len() {
            let mut joined = String::new();
            for end in start..tokens.len().min(start + 5) {
                joined.push_str(&squash(tokens[end].1));
                if joined == key {
                    let from = tokens[start].0;
                    let to = tokens[end].0 + tokens[end].1.len();
                    let written = text[from..to].to_string();
                    let line = line_of(b, b.text.find(&written).unwrap_or(0));
                    return Some((i, line, written));
                }
                if joined.len() >= words {
                    break;
                }
            }
        }
    }
    None
}

fn strip_urls(text: &str) -> String {
    text.split_whitespace().filter(|w| !w.contains("://") && !w.contains("#")).collect::<Vec<_>>().join(" ")
}

fn tokens(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric();
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// Lower-case letters and digits only: `cluster-stacks` -> `clusterstacks`.
pub fn squash(name: &str) -> String {
    name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// CamelCase product names written at least twice in the meeting.
fn camel_case(blocks: &[Block], catalogue: &ServiceCatalogue) -> Vec<(usize, ServiceRef)> {
    let mut seen: BTreeMap<String, (usize, usize, u32, String)> = BTreeMap::new();
    for (i, b) in blocks.iter().enumerate() {
        let text = strip_urls(&b.text);
        for m in CAMEL.find_iter(&text) {
            let name = m.as_str();
            if name.chars().count() < 5 || !plausible(name, catalogue) {
                continue;
            }
            let line = line_of(b, b.text.find(name).unwrap_or(0));
            let entry = seen.entry(squash(name)).or_insert((0, i, line, name.to_string()));
            entry.0 += 1;
        }
    }
    seen.into_values()
        .filter(|(count, ..)| *count >= 2)
        .map(|(_, i, line, name)| (i, service(&name, line, "camel-case")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::BlockKind;

    fn block(text: &str) -> Block {
        Block::new(BlockKind::Paragraph, 0, text.to_string(), 1, 1)
    }

    fn names(blocks: &[Block]) -> Vec<(String, &'static str)> {
        let cat = ServiceCatalogue::parse("Mailman\t\t\nJitsi\t\t\nHarbor\t\t\nKeycloak\t\t\n");
        discover(blocks, &cat).into_iter().map(|(_, s)| (s.name, s.evidence)).collect()
    }

    #[test]
    fn finds_unknown_services_from_evidence() {
        assert_eq!(names(&[block("move services (Mailman, Jitsi, Habor, ...)")]), vec![("Habor".into(), "enumeration")]);
        assert_eq!(names(&[block("we want to deploy FooBarDB next week")]), vec![("FooBarDB".into(), "phrase")]);
        assert_eq!(
            names(&[block("see https://github.com/acme/cluster-stacks"), block("the Cluster Stacks approach")]),
            vec![("Cluster Stacks".into(), "repository")]
        );
        assert_eq!(names(&[block("WaveStack is fast"), block("WaveStack again")]), vec![("WaveStack".into(), "camel-case")]);
        assert!(names(&[block("We will deploy The new thing")]).is_empty());
        assert!(names(&[block("A single mention of WaveStack")]).is_empty());
    }
}
