//! Links and host names that name a product.
//!
//! - `link`: a link to a repository whose text is the repository's name
//!   (`[go-frob](https://github.com/acme/go-frob)`). A link to a site named after
//!   its domain is no evidence: companies and events are linked that way too;
//! - `host`: a host name of a hosted service written as a name (`ci.example.org`,
//!   `[status.example.org](…)`, or a bare site root `https://stats.example.io`):
//!   a subdomain whose label says what runs there (`ci`, `status`, `discuss`, …).
//!   A bare domain (`example.org`) is an organisation's website, not a service.

use super::evidence::{Context, Strength, line_of, service};
use crate::document::BlockKind;
use crate::extract::records::ServiceRef;
use regex::Regex;
use std::sync::LazyLock;

/// Hosts where the first two path segments name a repository.
const CODE_HOSTS: &[&str] = &["github.com", "gitlab.com", "codeberg.org", "bitbucket.org"];

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

/// Every `link` and `host` finding in the meeting.
pub fn find(c: &Context) -> Vec<(usize, ServiceRef)> {
    let mut out = Vec::new();
    for (i, b) in c.blocks.iter().enumerate() {
        if b.kind == BlockKind::Code {
            continue;
        }
        for link in &b.links {
            let text = link
                .text
                .trim()
                .trim_matches(|ch: char| matches!(ch, '`' | '*' | '"' | '\'' | ',' | '.' | ' '));
            let at = b.text.find(text).unwrap_or(0);
            if let Some(name) = link_name(c, text, &link.url) {
                out.push((i, service(name, line_of(b, at), "link")));
            }
        }
        for m in HOST.captures_iter(&b.text) {
            let whole = m.get(0).expect("match");
            let host = &m["host"];
            let before = b.text[..whole.start()].chars().next_back();
            let after = b.text[whole.end()..].chars().next();
            let bounded = !before.is_some_and(|ch| ch.is_alphanumeric() || "@/.-_".contains(ch))
                && !after.is_some_and(|ch| ch.is_alphanumeric() || "@-_".contains(ch));
            let root = m.name("path").is_none_or(|p| p.as_str() == "/");
            let named = m.name("scheme").is_none() || root;
            let address = addresses_a_known_service(c, &b.text[..whole.start()]);
            if bounded && root && named && !address && hosted_service(c, host) {
                out.push((i, service(host, line_of(b, whole.start()), "host")));
            }
        }
    }
    out
}

/// The name a link gives the repository it points at, when the text is that name.
fn link_name<'t>(c: &Context, text: &'t str, url: &str) -> Option<&'t str> {
    let rest = url.split_once("://")?.1;
    let mut segments = rest.split(['/', '?', '#']);
    let host = segments.next()?.to_lowercase();
    let key = super::squash(text);
    if key.is_empty() {
        return None;
    }
    if CODE_HOSTS.contains(&host.as_str()) {
        let _owner = segments.next()?;
        let repo = segments.next()?.trim_end_matches(".git");
        return (super::squash(repo) == key && c.accepts(text, Strength::Strong)).then_some(text);
    }
    None
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
            .map(|(_, s)| (s.name, s.evidence))
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
        assert!(found("frob.io and blog.frob.io", &[]).is_empty());
        assert!(found("we use GitHub, at https://git.frob.io", &[]).is_empty());
    }
}
