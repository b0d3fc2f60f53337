//! Names that the words around them mark as software.
//!
//! - `noun`: a name before a software noun (`Frobnik server`, `go-frob plugin`,
//!   `the frob and zorb repos`);
//! - `version`: a name before a version (`Frobnik v1.2`, `frob 0.6`, `frob@1.0.0`);
//! - `code-span`: a code span called a tool, crate or library, or given a version
//!   (`` the `frob` crate ``, `` `frob` v2.1 ``, `` `frob@1.0` ``).

use super::evidence::{Context, Strength, line_of, service};
use crate::document::BlockKind;
use crate::extract::records::{ServiceEvidence, ServiceRef};
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::sync::LazyLock;

/// The stems of [`NOUN`]'s software nouns: a text without any has no match.
static NOUN_STEMS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new([
        "server", "plugin", "bot", "crate", "librar", "client", "daemon", "prox", "cli", "CLI",
        "operator", "repo",
    ])
    .expect("noun stems")
});

/// A name and the software noun after it.
static NOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<name> \p{L}[\p{L}\d]* (?: [-+][\p{L}\d]+ )* )
        (?: \s (?: and | or | & ) \s (?P<other> \p{L}[\p{L}\d]* (?: [-+][\p{L}\d]+ )* ) )?
        \s
        (?P<noun> servers? | plugins? | bots? | crates? | library | libraries | clients?
                | daemons? | proxy | proxies | CLI | cli | operators? | repos | repositories )
        \b",
    )
    .expect("noun regex")
});

/// A name and the version after it.
static VERSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<name> \p{L}[\p{L}\d]* (?: [-+][\p{L}\d]+ )* )
        (?: \s | @ )
        (?P<version> v?\d+ (?: \.\d+ ){1,3} (?: -[a-z]+\.?\d* )? | v\d+ )",
    )
    .expect("version regex")
});

/// A code span and the cue before or after it that makes it software.
static CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
          \b (?P<cue_before> crate | library | plugin | tool | package ) \s+ `(?P<a> [\p{L}][\w.-]{1,40} )`
        | `(?P<b> [\p{L}][\w.-]{1,40} )` \s+
            (?P<cue_after> tool | crate | library | plugin | package | release | binary | daemon | cli
                         | server | bot | operator | exporter | controller | v?\d+\.\d+ )
        | `(?P<c> [\p{L}][\w.-]{1,40} )@v?\d",
    )
    .expect("code regex")
});

/// Every `noun`, `version` and `code-span` finding in the meeting.
pub fn find(c: &Context) -> Vec<(usize, ServiceRef)> {
    // Each block on its own: a long file's on all cores, in order.
    crate::extract::parallel::flat_map(c.blocks.len(), |i| in_block(c, i))
}

/// The cues of block `i`.
fn in_block(c: &Context, i: usize) -> Vec<(usize, ServiceRef)> {
    let mut out = Vec::new();
    let b = &c.blocks[i];
    if b.kind == BlockKind::Code {
        return out;
    }
    let text = b.text.as_str();
    let mut push = |name: &str, at: usize, evidence, strength| {
        if c.accepts(name, strength) {
            out.push((i, service(name, line_of(b, at), evidence)));
        }
    };
    let code = text.contains('`');
    let nouns = NOUN_STEMS.is_match(text);
    // A version is `1.2` or `v1`.
    let versions =
        text.bytes().any(|b| b.is_ascii_digit()) && (text.contains('.') || text.contains('v'));
    for m in code.then(|| CODE.captures_iter(text)).into_iter().flatten() {
        let (name, cue) = match (m.name("a"), m.name("b"), m.name("c")) {
            (Some(a), _, _) => (a, m.name("cue_before").map(|x| x.as_str())),
            (_, Some(b), _) => (b, m.name("cue_after").map(|x| x.as_str())),
            (_, _, Some(c)) => (c, None),
            _ => continue,
        };
        // `snake_case` is an identifier unless called a crate or library.
        let identifier = name.as_str().contains('_') && !matches!(cue, Some("crate" | "library"));
        let file = name.as_str().contains('.');
        if !identifier && !file {
            push(
                name.as_str(),
                m.get(0).expect("match").start(),
                ServiceEvidence::CodeSpan,
                Strength::Strong,
            );
        }
    }
    for m in nouns
        .then(|| NOUN.captures_iter(text))
        .into_iter()
        .flatten()
    {
        // `frob and zorb plugins` names both; `frob and zorb plugin` only `zorb`.
        let plural = m["noun"].ends_with('s');
        let names = match (m.name("name"), m.name("other")) {
            (Some(first), Some(other)) if plural => vec![first, other],
            (_, Some(other)) => vec![other],
            (first, None) => first.into_iter().collect(),
        };
        for name in names {
            if free_standing(text, name.start(), name.end()) {
                push(
                    name.as_str(),
                    name.start(),
                    ServiceEvidence::Noun,
                    Strength::Plain,
                );
            }
        }
    }
    for m in versions
        .then(|| VERSION.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let name = m.name("name").expect("name");
        let version = m.name("version").expect("version");
        let after = text[version.end()..].chars().next();
        let ends = !after.is_some_and(|ch| ch.is_alphanumeric() || ch == '_' || ch == '/');
        if ends && free_standing(text, name.start(), name.end()) {
            push(
                name.as_str(),
                name.start(),
                ServiceEvidence::Version,
                Strength::Plain,
            );
        }
    }
    out
}

/// Whether `text[from..to]` is a whole name, not the end of a path, handle or identifier.
fn free_standing(text: &str, from: usize, to: usize) -> bool {
    let before = text[..from].chars().next_back();
    let after = text[to..].chars().next();
    !before.is_some_and(|ch| ch.is_alphanumeric() || "_./#@-`:".contains(ch))
        && !after.is_some_and(|ch| ch.is_alphanumeric() || "_`".contains(ch))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ServiceCatalogue;
    use crate::document::Block;

    fn found(texts: &[&str]) -> Vec<(String, &'static str)> {
        let cat = ServiceCatalogue::parse("Gitea\t\t\n");
        let blocks: Vec<Block> = texts
            .iter()
            .map(|t| Block::new(BlockKind::Paragraph, 0, t.to_string(), 1, 1))
            .collect();
        find(&Context::new(&blocks, &cat))
            .into_iter()
            .map(|(_, s)| (s.name, s.evidence.as_str()))
            .collect()
    }

    #[test]
    fn software_nouns_and_versions() {
        assert_eq!(
            found(&[
                "the Frobnik server is down",
                "Zindle v1.2 is out; Frobnik, Zindle"
            ]),
            vec![("Frobnik".into(), "noun"), ("Zindle".into(), "version")]
        );
        assert_eq!(
            found(&["go-frob@0.4.1 shipped"]),
            vec![("go-frob".into(), "version")]
        );
        assert!(found(&["the new server", "Gitea 1.2", "section 3.2", "NFS server"]).is_empty());
        assert_eq!(
            found(&["examples in the go-frob and zorb-ui repos"]),
            vec![("go-frob".into(), "noun"), ("zorb-ui".into(), "noun")]
        );
        // A singular noun names only the word before it.
        assert_eq!(
            found(&["go-frob and zorb-ui plugin"]),
            vec![("zorb-ui".into(), "noun")]
        );
        // A single lower-case word needs a second sighting.
        assert!(found(&["grumblix 0.6 shipped"]).is_empty());
        assert_eq!(
            found(&["grumblix 0.6 shipped", "grumblix is good"]),
            vec![("grumblix".into(), "version")]
        );
    }

    #[test]
    fn code_spans_called_software() {
        assert_eq!(
            found(&["the `frobz` crate and crate `zed_lib` and `quux@1.0`"]),
            vec![
                ("frobz".into(), "code-span"),
                ("zed_lib".into(), "code-span"),
                ("quux".into(), "code-span")
            ]
        );
        assert!(found(&["the `foo_bar` tool", "`config.toml` v1.2"]).is_empty());
    }
}
