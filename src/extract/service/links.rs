//! Links and host names that name a product.
//!
//! - `link`: a link to a repository whose text is the repository's name
//!   (`[go-frob](https://github.com/acme/go-frob)`). A link to a site named after
//!   its domain is no evidence: companies and events are linked that way too;
//! - `repository`: a link into a repository (its issues, pull requests, commits or
//!   files: `https://github.com/acme/go-frob/pull/12`) names the repository as
//!   software, unless its name says it holds documents (`docs`, `minutes`, …);
//! - `site`: a name the meeting writes as a word, as the domain of a site and as
//!   the owner of linked repositories (`Frob` beside `frob.io` and
//!   `github.com/frob/…`): the product both are named after, even when written
//!   as an acronym. A site alone is no evidence: companies and events have sites
//!   too. Vendors (`Google`, the first word of catalogued names) and people are
//!   not products;
//! - `host`: a host name written in prose as a name (`ci.example.org`, `on
//!   frob.io`, `[status.example.org](…)`): minutes name the sites they run and use
//!   by their host. A full URL is only a name when it is a bare site root of a
//!   subdomain whose label says what runs there (`https://stats.example.io`).

use super::evidence::{Context, Strength, line_of, service};
use crate::document::BlockKind;
use crate::extract::lexicon;
use crate::extract::records::{ServiceEvidence, ServiceRef};
use regex::Regex;
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

/// Hosts where the first two path segments name a repository.
const CODE_HOSTS: &[&str] = &["github.com", "gitlab.com", "codeberg.org", "bitbucket.org"];

/// First path segments of a code host that are pages of the host, not owners.
const HOST_PAGES: &[&str] = &[
    "orgs",
    "users",
    "sponsors",
    "apps",
    "marketplace",
    "settings",
    "topics",
    "enterprises",
    "features",
    "collections",
    "notifications",
    "search",
    "pulls",
    "issues",
    "login",
];

/// A host name written in prose, with an optional scheme and path.
static HOST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<scheme> https?:// )?
        (?P<host>
            (?: [a-z0-9] (?:[a-z0-9-]*[a-z0-9])? \. )+
            (?: io|org|com|net|dev|app|cloud|community|ai|co|eu|de|ch|fr|nl|uk|info|i2p|tech|us )
        )
        (?P<path> /[^\s)\]>]* )?",
    )
    .expect("host regex")
});

/// Site names that are examples or placeholders, never a service.
const NOT_HOSTS: &[&str] = &["example", "localhost", "e.g", "i.e"];

/// Subdomain labels that name what a host serves: a hosted service.
const SERVICE_LABELS: &[&str] = &[
    "ci",
    "build",
    "builds",
    "status",
    "stats",
    "metrics",
    "monitoring",
    "grafana",
    "discuss",
    "forum",
    "forums",
    "chat",
    "matrix",
    "irc",
    "git",
    "hg",
    "svn",
    "bugs",
    "tracker",
    "issues",
    "wiki",
    "registry",
    "pkg",
    "pkgs",
    "packages",
    "repo",
    "get",
    "dl",
    "download",
    "downloads",
    "dist",
    "mirror",
    "mirrors",
    "updates",
    "gateway",
    "play",
    "speed",
    "search",
    "lists",
    "mail",
    "paste",
    "cache",
    "crates",
    "docs",
    "api",
    "auth",
    "sso",
    "vault",
];

/// Every host written in `text`: none without a dot.
fn written_hosts(text: &str) -> impl Iterator<Item = regex::Captures<'_>> {
    text.contains('.')
        .then(|| HOST.captures_iter(text))
        .into_iter()
        .flatten()
}

/// Every `link` and `host` finding in the meeting.
pub fn find(c: &Context) -> Vec<(usize, ServiceRef)> {
    let mut out = Vec::new();
    for (i, b) in c.blocks.iter().enumerate() {
        if b.kind == BlockKind::Code {
            continue;
        }
        for link in &b.links {
            if let Some(repo) = linked_repository(c, &link.url) {
                let at = b.text.find(repo).unwrap_or(0);
                out.push((
                    i,
                    service(
                        repo,
                        line_of(b, at).max(link.line),
                        ServiceEvidence::Repository,
                    ),
                ));
            }
            let text = link
                .text
                .trim()
                .trim_matches(|ch: char| matches!(ch, '`' | '*' | '"' | '\'' | ',' | '.' | ' '));
            let at = b.text.find(text).unwrap_or(0);
            if let Some(name) = link_name(c, text, &link.url) {
                out.push((i, service(name, line_of(b, at), ServiceEvidence::Link)));
            }
        }
        for m in written_hosts(&b.text) {
            let whole = m.get(0).expect("match");
            let host = &m["host"];
            let before = b.text[..whole.start()].chars().next_back();
            let after = b.text[whole.end()..].chars().next();
            let bounded = !before.is_some_and(|ch| ch.is_alphanumeric() || "@/.-_".contains(ch))
                && !after.is_some_and(|ch| ch.is_alphanumeric() || "@-_".contains(ch));
            let root = m.name("path").is_none_or(|p| p.as_str() == "/");
            let address = addresses_a_known_service(c, &b.text[..whole.start()]);
            let named = if m.name("scheme").is_none() {
                written_host(c, host)
            } else {
                hosted_service(c, host)
            };
            if bounded && root && !address && named {
                let name = host.strip_prefix("www.").unwrap_or(host);
                out.push((
                    i,
                    service(name, line_of(b, whole.start()), ServiceEvidence::Host),
                ));
            }
        }
    }
    out
}

/// Every `site` finding: words written at least twice outside URLs that name a
/// site linked or written in the meeting and own a linked repository.
pub fn sites(c: &Context) -> Vec<(usize, ServiceRef)> {
    // Each host's name once, in the order first written.
    let mut names: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::default();
    for b in c.blocks.iter().filter(|b| b.kind != BlockKind::Code) {
        let linked = b.links.iter().map(|l| l.url.as_str());
        let written = written_hosts(&b.text).map(|m| m.get(0).expect("match").as_str());
        for address in linked.chain(written) {
            let address = address.split_once("://").map_or(address, |(_, r)| r);
            let host = address
                .split(['/', '?', '#', ':'])
                .next()
                .unwrap_or("")
                .to_lowercase();
            let labels: Vec<&str> = host.split('.').collect();
            if labels.len() < 2 || CODE_HOSTS.contains(&host.as_str()) {
                continue;
            }
            let name = labels[labels.len() - 2];
            if !seen.contains(name) {
                seen.insert(name.to_string());
                names.push(name.to_string());
            }
        }
    }
    let mut out = Vec::new();
    for name in names {
        let product = c.count(&name) >= 2
            && c.owns(&name)
            && !NOT_HOSTS.contains(&name.as_str())
            && !lexicon::GENERIC_REPOS.contains(&name.as_str())
            && !c.catalogue.is_vendor(&name)
            && c.accepts(&name, Strength::Strong);
        if !product {
            continue;
        }
        // The first place the name is written as a word of its own (not `frob.io`).
        let first = c.blocks.iter().enumerate().find_map(|(i, b)| {
            (b.kind != BlockKind::Code).then_some(())?;
            super::family::words(&b.text)
                .into_iter()
                .find(|(_, w)| w.eq_ignore_ascii_case(&name))
                .map(|(at, w)| (i, line_of(b, at), w))
        });
        if let Some((i, line, written)) = first {
            out.push((i, service(written, line, ServiceEvidence::Site)));
        }
    }
    out
}

/// `owner/name` of a link to a code host (`https://github.com/acme/frob/...`),
/// and whether the link points into the repository (its issues, files, ...)
/// rather than at its home page.
fn code_repository(url: &str) -> Option<(&str, &str, bool)> {
    let rest = url.split_once("://")?.1;
    let mut segments = rest.split(['/', '?', '#']);
    let host = segments.next()?.to_lowercase();
    if !CODE_HOSTS.contains(&host.as_str()) {
        return None;
    }
    let owner = segments.next()?;
    let repo = segments.next()?.trim_end_matches(".git");
    let inside = segments.next().is_some_and(|s| !s.is_empty());
    (!HOST_PAGES.contains(&owner.to_lowercase().as_str())).then_some((owner, repo, inside))
}

/// The name a link gives the repository it points at, when the text is that name.
fn link_name<'t>(c: &Context, text: &'t str, url: &str) -> Option<&'t str> {
    let key = super::squash(text);
    let (_, repo, _) = code_repository(url)?;
    (!key.is_empty() && super::squash(repo) == key && c.accepts(text, Strength::Strong))
        .then_some(text)
}

/// The repository a link points into (`/owner/name/pull/12`, `/owner/name/tree/x`),
/// when its name may name software.
fn linked_repository<'u>(c: &Context, url: &'u str) -> Option<&'u str> {
    let (_, repo, inside) = code_repository(url)?;
    let generic = lexicon::GENERIC_REPOS.contains(&repo.to_lowercase().as_str());
    (inside && !generic && c.accepts(repo, Strength::Strong)).then_some(repo)
}

/// Whether the text before a host ends with a catalogued service that the host is
/// the address of (`Gitea, at https://git.example.org`, `Gitea (git.example.org)`).
fn addresses_a_known_service(c: &Context, before: &str) -> bool {
    let start = before.char_indices().rev().nth(40).map_or(0, |(i, _)| i);
    let mut tail = before[start..].trim_end();
    for filler in ["at", "on", "via", "see", "is", "-", ":", "(", ","] {
        tail = tail.trim_end_matches(filler).trim_end();
    }
    c.catalogue
        .find_all(tail)
        .last()
        .is_some_and(|(at, written, _)| at + written.len() == tail.len())
}

/// A host written in prose (no scheme): any site of at least two labels the
/// catalogue does not already name, not an example.
fn written_host(c: &Context, host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let name = labels[labels.len().saturating_sub(2)];
    let site = labels[labels.len().saturating_sub(2)..].join(".");
    let subdomain = labels.len() >= 3 && labels[0] != "www";
    name.len() >= 2
        && name.chars().any(char::is_alphabetic)
        && !NOT_HOSTS.iter().any(|n| host.contains(n))
        && c.catalogue.lookup(host).is_none()
        && (!subdomain || c.catalogue.lookup(&site).is_none())
}

/// A host that names a service of its own: not a catalogued site or one of its
/// subdomains (`docs.google.com` is the catalogue's), not an example.
fn hosted_service(c: &Context, host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let site = labels[labels.len().saturating_sub(2)..].join(".");
    let name = labels[labels.len().saturating_sub(2)];
    let serves = labels[..labels.len().saturating_sub(2)]
        .iter()
        .any(|l| SERVICE_LABELS.contains(l));
    labels.len() >= 3
        && serves
        && name.len() >= 2
        && name.chars().any(char::is_alphabetic)
        && !NOT_HOSTS.iter().any(|n| host.contains(n))
        && c.catalogue.lookup(host).is_none()
        && c.catalogue.lookup(&site).is_none()
        && c.catalogue.lookup(name).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ServiceCatalogue;
    use crate::document::{Block, Link};

    fn found(text: &str, links: &[(&str, &str)]) -> Vec<(String, &'static str)> {
        let mut b = Block::new(BlockKind::Paragraph, 0, text.to_string(), 1, 1);
        b.links = links
            .iter()
            .map(|(t, u)| Link {
                text: t.to_string(),
                url: u.to_string(),
                line: 1,
            })
            .collect();
        let cat = ServiceCatalogue::parse("GitHub\tgithub.com\t\n");
        let blocks = [b];
        find(&Context::new(&blocks, &cat))
            .into_iter()
            .map(|(_, s)| (s.name, s.evidence.as_str()))
            .collect()
    }

    #[test]
    fn link_text_naming_its_site_or_repository() {
        assert_eq!(
            found(
                "we tried Frobnik and go-frob",
                &[
                    ("Frobnik", "https://frobnik.dev/"),
                    ("go-frob", "https://github.com/acme/go-frob")
                ]
            ),
            vec![("go-frob".into(), "link")]
        );
        assert!(found("see Slides", &[("Slides", "https://slides.com/x")]).is_empty());
        assert!(found("see notes", &[("notes", "https://github.com/a/b")]).is_empty());
    }

    #[test]
    fn host_names_written_as_names() {
        assert_eq!(
            found("ci.frob.io is down, see https://status.frob.io/", &[]),
            vec![
                ("ci.frob.io".into(), "host"),
                ("status.frob.io".into(), "host")
            ]
        );
        assert!(found("mail me@frob.io or https://frob.io/page/1", &[]).is_empty());
        assert!(found("on github.com and www.example.com", &[]).is_empty());
        assert!(found("we use GitHub, at https://git.frob.io", &[]).is_empty());
        assert!(found("see https://zorb.frob.io/a/b", &[]).is_empty());
        // Written in prose, any site is named by its host; `www.` is not part of the name.
        assert_eq!(
            found("frob.io, www.zorb.dev and cid.frob.io", &[]),
            vec![
                ("frob.io".into(), "host"),
                ("zorb.dev".into(), "host"),
                ("cid.frob.io".into(), "host")
            ]
        );
    }

    #[test]
    fn links_into_a_repository() {
        assert_eq!(
            found(
                "fixed, see the pull request and the tree",
                &[
                    ("pull request", "https://github.com/acme/zorb-ui/pull/12"),
                    ("the tree", "https://gitlab.com/acme/frobnik/-/tree/main"),
                    ("notes", "https://github.com/acme/meetings/issues/3"),
                    ("board", "https://github.com/orgs/acme/projects/2"),
                    ("home", "https://github.com/acme/quuxly"),
                ]
            ),
            vec![
                ("zorb-ui".into(), "repository"),
                ("frobnik".into(), "repository")
            ]
        );
    }

    #[test]
    fn a_product_named_by_its_site_and_its_repositories() {
        let blocks = |texts: &[(&str, &str)]| -> Vec<Block> {
            texts
                .iter()
                .map(|(text, url)| {
                    let mut b = Block::new(BlockKind::Paragraph, 0, text.to_string(), 1, 1);
                    b.links = vec![Link {
                        text: "x".into(),
                        url: url.to_string(),
                        line: 1,
                    }];
                    b
                })
                .collect()
        };
        let cat = ServiceCatalogue::parse("Gitea\t\t\nZorb Docs\t\t\n");
        let with_repo = blocks(&[
            ("ZORB moved, ZORB is fast", "https://zorb.io/x"),
            ("see x", "https://github.com/zorb/go-zorb/pull/1"),
        ]);
        let names: Vec<String> = sites(&Context::new(&with_repo, &cat))
            .into_iter()
            .map(|(_, s)| s.name)
            .collect();
        assert!(names.is_empty(), "a vendor of a catalogued name: {names:?}");
        let with_repo = blocks(&[
            ("FROB moved, FROB is fast", "https://frob.io/x"),
            ("see x", "https://github.com/frob/go-frob/pull/1"),
        ]);
        let names: Vec<String> = sites(&Context::new(&with_repo, &cat))
            .into_iter()
            .map(|(_, s)| s.name)
            .collect();
        assert_eq!(names, vec!["FROB".to_string()]);
        let site_only = blocks(&[("FROB moved, FROB is fast", "https://frob.io/x")]);
        assert!(sites(&Context::new(&site_only, &cat)).is_empty());
    }
}
