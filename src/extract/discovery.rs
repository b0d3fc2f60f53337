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
use super::records::{ServiceEvidence, ServiceRef};
use super::service::evidence::{self, line_of, service};
use crate::config::ServiceCatalogue;
use crate::document::{Block, BlockKind, blank_inline_code};
use regex::Regex;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;
use std::sync::LazyLock;

static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:deploy(?:s|ed|ing)?|install(?:s|ed|ing)?|migrat(?:e|es|ed|ing) (?:to|from)|switch(?:es|ed|ing)? (?:to|from)|powered by|based on|built (?:on|with)|replac(?:e|es|ed|ing)|evaluat(?:e|es|ed|ing)|via|using|adopt(?:s|ed|ing)?|self-host(?:s|ed|ing)?|run(?:s|ning)? on)\s+(?:by |with |on |to |in |into )?(?:a |an |the |our |new |e\.g\. )?(\p{Lu}[\p{L}\d]*(?:[ -]\p{Lu}[\p{L}\d]*){0,2})",
    )
    .expect("phrase regex")
});
static CODE_TOOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"`([a-z][\w.-]{2,40})`\s+(?:tool|cli|command-line tool|service|bot|operator|plugin|library|daemon|utility|exporter|controller)\b")
        .expect("code tool regex")
});
static CAMEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\p{Lu}[\p{Ll}\d]+(?:\p{Lu}[\p{Ll}\d]*)+|\p{Lu}{2,}[a-z]{2,}\p{Lu}\w*)\b")
        .expect("camel regex")
});
static OWNER_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:https?://)?(?:github\.com|gitlab\.com|codeberg\.org)/([\w.-]+)")
        .expect("owner regex")
});
static REPO_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"https?://(?:github\.com|gitlab\.com|codeberg\.org)/[\w.-]+/([\w.-]+)")
        .expect("repository regex")
});

/// Every service found by discovery in a meeting's blocks, with the block it was found in.
pub fn discover(blocks: &[Block], catalogue: &ServiceCatalogue) -> Vec<(usize, ServiceRef)> {
    // What the evidence rules know of the whole meeting is gathered while the
    // word rules read it.
    let (context, mut out) = rayon::join(
        || evidence::Context::new(blocks, catalogue),
        || word_rules(blocks, catalogue),
    );
    evidence::extend(&context, &mut out);
    out
}

/// The names the catalogue, the phrases, the repositories, the spellings and
/// the code blocks of a meeting give.
fn word_rules(blocks: &[Block], catalogue: &ServiceCatalogue) -> Vec<(usize, ServiceRef)> {
    // Each block on its own: a long file's on all cores, in order.
    let mut out = super::parallel::flat_map(blocks.len(), |i| {
        let block = &blocks[i];
        let found = if block.kind == BlockKind::Code {
            Vec::new()
        } else {
            let mut found = enumerated(block, catalogue);
            found.extend(phrases(block, catalogue));
            found
        };
        found.into_iter().map(move |s| (i, s))
    });
    let prose = Prose::of(blocks);
    out.extend(repositories(blocks, &prose, catalogue));
    let camels = camel_case_names(blocks, &prose, catalogue);
    let spellings = Spellings::of(&prose, camels.keys());
    out.extend(camel_case(camels, &spellings));
    out.extend(two_spellings(blocks, catalogue, &spellings));
    out.extend(code_tools(blocks, catalogue));
    out
}

/// A block's prose as the word rules read it: inline code blanked, URLs left
/// out, and its words (runs of letters and digits) as byte ranges.
struct Prose {
    block: usize,
    code: bool,
    /// Whether the text may hold a CamelCase name ([`may_hold_camel_case`]).
    camel: bool,
    text: String,
    words: Vec<(usize, usize)>,
}

impl Prose {
    /// The prose of every block, code blocks marked.
    fn of(blocks: &[Block]) -> Vec<Prose> {
        let prose = |block: usize| {
            let b = &blocks[block];
            let text = strip_urls(&blank_inline_code(&b.text));
            let words = tokens(&text)
                .into_iter()
                .map(|(at, word)| (at, at + word.len()))
                .collect();
            Prose {
                block,
                code: b.kind == BlockKind::Code,
                camel: may_hold_camel_case(&text),
                text,
                words,
            }
        };
        // A long file's blocks on all cores, in order.
        super::parallel::map(blocks.len(), prose)
    }

    /// Word `n`.
    fn word(&self, n: usize) -> &str {
        &self.text[self.words[n].0..self.words[n].1]
    }

    /// The text of words `first..=last` with what stands between them.
    fn written(&self, first: usize, last: usize) -> &str {
        &self.text[self.words[first].0..self.words[last].1]
    }

    /// Every name of up to `longest` words joined by single spaces or hyphens,
    /// in text order: `visit(first, last, key)` is told each with its squashed
    /// key and says whether to go on to longer names from the same first word.
    fn names(&self, longest: usize, mut visit: impl FnMut(usize, usize, &str) -> bool) {
        let mut key = String::new();
        for first in 0..self.words.len() {
            key.clear();
            for last in first..self.words.len().min(first + longest) {
                if last > first {
                    let gap = &self.text[self.words[last - 1].1..self.words[last].0];
                    if gap != " " && gap != "-" {
                        break;
                    }
                }
                let word = self.word(last);
                if word.is_ascii() {
                    key.extend(word.chars().map(|c| c.to_ascii_lowercase()));
                } else {
                    key.extend(word.chars().flat_map(char::to_lowercase));
                }
                if !visit(first, last, &key) {
                    break;
                }
            }
        }
    }
}

/// GitHub/GitLab owners (organisations and users) linked in the meeting, squashed:
/// names, not products.
pub(crate) fn repository_owners(blocks: &[Block]) -> Vec<String> {
    let mut owners: Vec<String> = blocks
        .iter()
        .flat_map(|b| {
            b.links
                .iter()
                .map(|l| l.url.as_str())
                .chain(std::iter::once(b.text.as_str()))
        })
        // Every match names a host and a slash after it.
        .filter(|text| text.contains(".com/") || text.contains(".org/"))
        .flat_map(|text| OWNER_URL.captures_iter(text).map(|c| squash(&c[1])))
        .collect();
    owners.sort();
    owners.dedup();
    owners
}

/// How often some names (up to four words, squashed) are written in a meeting,
/// and the first spelling of a name written both hyphenated in lower case and
/// as capitalised words.
struct Spellings {
    counts: HashMap<String, usize>,
    /// Key -> the block and spelling of its first capitalised form.
    capitalised: BTreeMap<String, (usize, String)>,
    /// Key -> the block and spelling of its first hyphenated form.
    hyphenated: BTreeMap<String, (usize, String)>,
}

impl Spellings {
    /// Counts of the names keyed `counted`, and the two spellings of every name.
    fn of<'a>(prose: &[Prose], counted: impl Iterator<Item = &'a String>) -> Spellings {
        let mut s = Spellings {
            counts: counted.map(|k| (k.clone(), 0)).collect(),
            capitalised: BTreeMap::new(),
            hyphenated: BTreeMap::new(),
        };
        let prose = || prose.iter().filter(|p| !p.code);
        // Up to four lower-case words joined by hyphens (`cluster-stacks`).
        let lower = |w: &str| w.bytes().all(|b| b.is_ascii_lowercase());
        for p in prose() {
            for first in 0..p.words.len() {
                if !lower(p.word(first)) {
                    continue;
                }
                // The key is spelled out only once a hyphen joins a second word.
                let mut key = String::new();
                for last in first + 1..p.words.len().min(first + 4) {
                    let gap = &p.text[p.words[last - 1].1..p.words[last].0];
                    if gap != "-" || !lower(p.word(last)) {
                        break;
                    }
                    if key.is_empty() {
                        key.push_str(p.word(first));
                    }
                    key.push_str(p.word(last));
                    if !s.hyphenated.contains_key(&key)
                        && is_whole_word(&p.text, p.words[first].0, p.words[last].1)
                    {
                        let written = p.written(first, last);
                        s.hyphenated.insert(key.clone(), (p.block, written.into()));
                    }
                }
            }
        }
        if s.counts.is_empty() && s.hyphenated.is_empty() {
            return s;
        }
        // What a name may grow into: every proper beginning of a wanted key.
        let beginnings: HashSet<String> = s
            .counts
            .keys()
            .chain(s.hyphenated.keys())
            .flat_map(|k| k.char_indices().skip(1).map(|(at, _)| k[..at].to_string()))
            .collect();
        for p in prose() {
            p.names(4, |first, last, key| {
                if let Some(count) = s.counts.get_mut(key) {
                    *count += 1;
                }
                if last > first
                    && s.hyphenated.contains_key(key)
                    && !s.capitalised.contains_key(key)
                {
                    let written = p.written(first, last);
                    let capitalised = !written.contains('-')
                        && written
                            .split(' ')
                            .all(|w| w.starts_with(char::is_uppercase));
                    if capitalised {
                        s.capitalised
                            .insert(key.to_string(), (p.block, written.into()));
                    }
                }
                beginnings.contains(key)
            });
        }
        s
    }
}

/// Whether `text[from..to]` stands as a whole word (not part of a longer token).
fn is_whole_word(text: &str, from: usize, to: usize) -> bool {
    let before = text[..from].chars().next_back();
    let after = text[to..].chars().next();
    before.is_none_or(|c| c.is_whitespace() || c == '(')
        && after.is_none_or(|c| c.is_whitespace() || matches!(c, ',' | '.' | ')' | ';' | ':'))
}

/// A name written both hyphenated in lower case and as capitalised words
/// (`cluster-stacks` and `Cluster Stacks`) is a product's name.
fn two_spellings(
    blocks: &[Block],
    catalogue: &ServiceCatalogue,
    spellings: &Spellings,
) -> Vec<(usize, ServiceRef)> {
    spellings
        .hyphenated
        .keys()
        .filter_map(|key| spellings.capitalised.get(key))
        .filter(|(_, written)| {
            plausible(written, catalogue) && names_a_product(written) && !ordinary(written)
        })
        .map(|(i, written)| {
            let b = &blocks[*i];
            let line = line_of(b, b.text.find(written.as_str()).unwrap_or(0));
            (*i, service(written, line, ServiceEvidence::Spelling))
        })
        .collect()
}

/// A code span named as a tool (`` the `md2md` tool ``).
fn code_tools(blocks: &[Block], catalogue: &ServiceCatalogue) -> Vec<(usize, ServiceRef)> {
    let mut out = Vec::new();
    for (i, b) in blocks
        .iter()
        .enumerate()
        // Every match starts with a code span.
        .filter(|(_, b)| b.kind != BlockKind::Code && b.text.contains('`'))
    {
        for c in CODE_TOOL.captures_iter(&b.text) {
            let m = c.get(1).expect("group");
            if plausible(m.as_str(), catalogue) && !ordinary(m.as_str()) {
                out.push((
                    i,
                    service(m.as_str(), line_of(b, m.start()), ServiceEvidence::CodeTool),
                ));
            }
        }
    }
    out
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

/// Unknown short names listed among at least two known services.
fn enumerated(block: &Block, catalogue: &ServiceCatalogue) -> Vec<ServiceRef> {
    let mut out = Vec::new();
    let text = blank_inline_code(&block.text);
    for clause in text.split(['(', ')', ':', ';', '.', '\n']) {
        let separators = clause.matches([',', '/']).count();
        // Each ` and ` and ` or ` holds a space of its own: too few spaces
        // and separators make too few pieces, whatever the words.
        if separators + clause.matches(' ').count() < 2 {
            continue;
        }
        let pieces =
            1 + separators + clause.matches(" and ").count() + clause.matches(" or ").count();
        if pieces < 3 {
            continue;
        }
        let items: Vec<&str> = clause
            .split([',', '/'])
            .flat_map(|p| p.split(" and ").flat_map(|q| q.split(" or ")))
            .map(|p| {
                p.trim()
                    .trim_matches(|c: char| c == '`' || c == '*' || c == '"')
            })
            .filter(|p| !p.is_empty() && *p != "...")
            .collect();
        if items.len() < 3 {
            continue;
        }
        let known = items
            .iter()
            .filter(|i| catalogue.lookup(i).is_some())
            .count();
        if known < 2 || known * 2 < items.len() {
            continue;
        }
        for item in items.iter().filter(|i| catalogue.lookup(i).is_none()) {
            let short = item.split_whitespace().count() <= 2
                && item.chars().next().is_some_and(char::is_uppercase);
            if short && plausible(item, catalogue) && !ordinary(item) {
                let at = block.text.find(item).unwrap_or(0);
                out.push(service(
                    item,
                    line_of(block, at),
                    ServiceEvidence::Enumeration,
                ));
            }
        }
    }
    out
}

/// Names after deployment verbs (`deploy Foo`, `migrate to Bar`, `via \`baz\``).
fn phrases(block: &Block, catalogue: &ServiceCatalogue) -> Vec<ServiceRef> {
    let text = blank_inline_code(&block.text);
    PHRASE
        .captures_iter(&text)
        .filter_map(|c| {
            let m = c.get(1)?;
            let name = m.as_str().trim();
            let distinctive = name.split_whitespace().any(|w| CAMEL.is_match(w));
            (distinctive && plausible(name, catalogue) && !ordinary(name))
                .then(|| service(name, line_of(block, m.start()), ServiceEvidence::Phrase))
        })
        .collect()
}

/// Repositories linked in the meeting whose name is also written in its text.
fn repositories(
    blocks: &[Block],
    prose: &[Prose],
    catalogue: &ServiceCatalogue,
) -> Vec<(usize, ServiceRef)> {
    let mut repos: BTreeMap<String, String> = BTreeMap::new();
    for b in blocks {
        let urls = b
            .links
            .iter()
            .map(|l| l.url.as_str())
            .chain(std::iter::once(b.text.as_str()));
        // Every match holds a scheme's `://`.
        for url in urls.filter(|u| u.contains("://")) {
            for c in REPO_URL.captures_iter(url) {
                let repo = c[1].trim_end_matches(".git").to_string();
                if repo.len() >= 4
                    && !lexicon::GENERIC_REPOS.contains(&repo.to_lowercase().as_str())
                {
                    repos.entry(squash(&repo)).or_insert(repo);
                }
            }
        }
    }
    let mut out = Vec::new();
    if repos.is_empty() {
        return out;
    }
    let mut written = first_written(blocks, prose, repos.keys());
    for (key, repo) in repos {
        if let Some((i, line, written)) = written.remove(&key) {
            // A lower-case spelling of a hyphenated repository name (`clusterstacks` for
            // `cluster-stacks`) is named after the repository.
            let name = if names_a_product(&written) {
                written
            } else {
                repo.clone()
            };
            if plausible(&name, catalogue)
                && catalogue.lookup(&repo).is_none()
                && names_a_product(&name)
            {
                out.push((i, service(&name, line, ServiceEvidence::Repository)));
            }
        }
    }
    out
}

/// Org units and documents share names with their repositories but are not software.
const NOT_PRODUCTS: &[&str] = &[
    "team",
    "teams",
    "committee",
    "group",
    "society",
    "foundation",
    "council",
    "board",
    "sig",
    "wg",
    "initiative",
    "guidelines",
    "guide",
    "charter",
    "policy",
    "process",
    "schema",
    "spec",
    "specification",
    "community",
    "program",
    "programme",
    "summit",
    "conference",
    "meeting",
    "meetings",
    "minutes",
    "notes",
    "working",
];

/// A repository name as written in prose names a product: not an org unit, not an
/// ordinary word or phrase, and capitalised or hyphenated like a name.
fn names_a_product(written: &str) -> bool {
    let words: Vec<&str> = written
        .split([' ', '-'])
        .filter(|w| !w.is_empty())
        .collect();
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    if NOT_PRODUCTS.contains(&last.as_str()) {
        return false;
    }
    let capitalised = words.iter().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    });
    let hyphenated = written.contains('-') && !written.contains(' ');
    (capitalised || hyphenated || CAMEL.is_match(written))
        && (words.len() > 1 || !ordinary(written))
}

/// Every word is a frequent English word (plural or not).
fn ordinary(name: &str) -> bool {
    name.split([' ', '-']).filter(|w| !w.is_empty()).all(|w| {
        let lower = w.to_lowercase();
        let singular = lower.strip_suffix('s').unwrap_or(&lower);
        lexicon::COMMON_WORDS.contains(&lower.as_str()) || lexicon::COMMON_WORDS.contains(&singular)
    })
}

/// The first place each name whose squashed form is one of `keys` is written
/// outside a URL: its block, line and spelling.
fn first_written<'a>(
    blocks: &[Block],
    prose: &[Prose],
    keys: impl Iterator<Item = &'a String>,
) -> HashMap<String, (usize, u32, String)> {
    let keys: HashSet<&str> = keys.map(String::as_str).collect();
    let longest = keys.iter().map(|k| k.len()).max().unwrap_or(0);
    let mut found: HashMap<String, (usize, u32, String)> = HashMap::default();
    for p in prose {
        p.names(5, |first, last, key| {
            if keys.contains(key) && !found.contains_key(key) {
                let b = &blocks[p.block];
                let written = p.written(first, last);
                let line = line_of(b, b.text.find(written).unwrap_or(0));
                found.insert(key.to_string(), (p.block, line, written.to_string()));
            }
            key.len() < longest
        });
    }
    found
}

fn strip_urls(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| !w.contains("://") && !w.contains("#"))
        .collect::<Vec<_>>()
        .join(" ")
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
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// CamelCase names in the meeting that could be products, by squashed key:
/// how often written, and the block, line and spelling of the first.
fn camel_case_names(
    blocks: &[Block],
    prose: &[Prose],
    catalogue: &ServiceCatalogue,
) -> BTreeMap<String, (usize, usize, u32, String)> {
    let mut seen: BTreeMap<String, (usize, usize, u32, String)> = BTreeMap::new();
    // A name written once as code (`ContainerStatus()`, `WebAssembly.CompileError`,
    // `` `BestEffort` ``) is an identifier wherever else it is written.
    let mut code: HashSet<String> = in_inline_code(blocks);
    for p in prose.iter().filter(|p| !p.code && p.camel) {
        let (i, b, text) = (p.block, &blocks[p.block], &p.text);
        for m in CAMEL.find_iter(text) {
            let name = m.as_str();
            let after = text[m.end()..].chars().next();
            let before = text[..m.start()].chars().next_back();
            let code_like = matches!(after, Some(':' | '<' | '(' | '!' | '/' | '_'))
                || matches!(before, Some('/' | ':' | '.' | '_'));
            if code_like {
                code.insert(squash(name));
                continue;
            }
            if name.chars().count() < 5 || looks_like_nick(name) || !plausible(name, catalogue) {
                continue;
            }
            let entry = seen.entry(squash(name)).or_insert_with(|| {
                let line = line_of(b, b.text.find(name).unwrap_or(0));
                (0, i, line, name.to_string())
            });
            entry.0 += 1;
        }
    }
    seen.retain(|key, _| !code.contains(key));
    seen
}

/// The squashed CamelCase names written inside inline code spans.
fn in_inline_code(blocks: &[Block]) -> HashSet<String> {
    let mut code = HashSet::default();
    for b in blocks
        .iter()
        .filter(|b| b.text.contains('`') && may_hold_camel_case(&b.text))
    {
        // Blanking keeps every byte's place: a name blanked is a name in code.
        let blanked = blank_inline_code(&b.text);
        for m in CAMEL.find_iter(&b.text) {
            if blanked.as_bytes()[m.start()] != b.text.as_bytes()[m.start()] {
                code.insert(squash(m.as_str()));
            }
        }
    }
    code
}

/// Whether a lower-case letter or a digit stands right before a capital
/// somewhere in `text`, as in every match of [`CAMEL`].
fn may_hold_camel_case(text: &str) -> bool {
    let mut after_lower = false;
    for c in text.chars() {
        if after_lower && c.is_uppercase() {
            return true;
        }
        after_lower = c.is_lowercase() || c.is_numeric();
    }
    false
}

/// CamelCase product names written at least twice in the meeting.
fn camel_case(
    seen: BTreeMap<String, (usize, usize, u32, String)>,
    spellings: &Spellings,
) -> Vec<(usize, ServiceRef)> {
    // Every spelling counts: `ClusterStacks` once and `Cluster Stacks` once is twice.
    seen.into_iter()
        .map(|(key, (count, i, line, name))| {
            (
                count.max(spellings.counts.get(&key).copied().unwrap_or(0)),
                i,
                line,
                name,
            )
        })
        .filter(|(count, ..)| *count >= 2)
        .map(|(_, i, line, name)| (i, service(&name, line, ServiceEvidence::CamelCase)))
        .collect()
}

/// CamelCase that is a person's name or nick (`McBurnett`, `DavidW`), not a product.
fn looks_like_nick(name: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    let surname_prefix = ["Mc", "Mac", "De", "Van", "Le", "La", "Di"]
        .iter()
        .any(|p| {
            name.strip_prefix(p).is_some_and(|rest| {
                rest.chars().next().is_some_and(char::is_uppercase)
                    && rest.chars().skip(1).all(char::is_lowercase)
            })
        });
    let initial_suffix = chars.len() >= 3
        && chars[chars.len() - 1].is_uppercase()
        && chars[..chars.len() - 1]
            .iter()
            .skip(1)
            .all(|c| c.is_lowercase());
    surname_prefix || initial_suffix
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
        discover(blocks, &cat)
            .into_iter()
            .map(|(_, s)| (s.name, s.evidence.as_str()))
            .collect()
    }

    #[test]
    fn finds_unknown_services_from_evidence() {
        assert_eq!(
            names(&[block("move services (Mailman, Jitsi, Habor, ...)")]),
            vec![("Habor".into(), "enumeration")]
        );
        assert_eq!(
            names(&[block("we want to deploy FooBarDB next week")]),
            vec![("FooBarDB".into(), "phrase")]
        );
        assert_eq!(
            names(&[
                block("see https://github.com/acme/cluster-stacks"),
                block("the Cluster Stacks approach")
            ]),
            vec![("Cluster Stacks".into(), "repository")]
        );
        assert_eq!(
            names(&[block("WaveStack is fast"), block("WaveStack again")]),
            vec![("WaveStack".into(), "camel-case")]
        );
        assert!(names(&[block("We will deploy The new thing")]).is_empty());
        assert!(names(&[block("A single mention of WaveStack")]).is_empty());
        // Written once as code, an identifier everywhere.
        let pods = block("BestEffort pods and BestEffort nodes");
        assert_eq!(names(std::slice::from_ref(&pods)).len(), 1);
        assert!(names(&[pods.clone(), block("see `BestEffort`")]).is_empty());
        assert!(names(&[pods, block("BestEffort() is slow")]).is_empty());
    }
}
