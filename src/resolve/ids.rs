//! Stable, readable ids (slugs) for graph nodes.

use std::collections::{BTreeMap, BTreeSet};

/// Lower-case `text`, keep letters and digits, turn every other run into one `-`.
pub fn slug(text: &str) -> String {
    // ASCII text a character at a time: its lower case is one character each.
    if text.is_ascii() {
        slug_of(text.chars().map(|c| c.to_ascii_lowercase()), text.len())
    } else {
        slug_of(text.chars().flat_map(char::to_lowercase), text.len())
    }
}

/// The slug of a text given as its lower-case characters.
fn slug_of(lower: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut dash = false;
    for c in lower {
        if c.is_alphanumeric() {
            out.push(c);
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "_".to_string() } else { out }
}

/// A source path without its extension, each segment slugged: `iaas/20240710.md` -> `iaas/20240710`.
pub fn source_slug(source: &str) -> String {
    let stem = match source.rsplit_once('.') {
        Some((stem, ext)) if !ext.contains('/') && !stem.is_empty() => stem,
        _ => source,
    };
    stem.split('/')
        .filter(|s| !s.is_empty() && *s != "." && *s != "..")
        .map(slug)
        .collect::<Vec<_>>()
        .join("/")
}

/// The id of every file, unique per source. Sources whose slugs collide
/// (`a.md` and `a.txt`, `Notes.md` and `notes.md`, `a b.md` and `a-b.md`) each
/// get a suffix: their extension when that tells them apart, else a short hash of
/// the source path. The result depends only on the set of sources.
pub fn file_ids<'a>(sources: impl IntoIterator<Item = &'a str>) -> BTreeMap<&'a str, String> {
    let sources: BTreeSet<&str> = sources.into_iter().collect();
    let mut groups: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for s in &sources {
        groups.entry(source_slug(s)).or_default().push(s);
    }
    let mut taken: BTreeSet<String> = groups.keys().cloned().collect();
    let mut ids = BTreeMap::new();
    for (base, group) in &groups {
        if group.len() == 1 {
            ids.insert(group[0], base.clone());
            continue;
        }
        let extension = |s: &str| {
            s.rsplit_once('.')
                .filter(|(_, e)| !e.contains('/'))
                .map(|(_, e)| slug(e))
        };
        let extensions: BTreeSet<Option<String>> = group.iter().map(|s| extension(s)).collect();
        let by_extension = extensions.len() == group.len();
        for s in group {
            let hash = format!("{:08x}", fnv1a(s.as_bytes()) as u32);
            let mut id = match extension(s).filter(|_| by_extension) {
                Some(e) => format!("{base}-{e}"),
                None => format!("{base}-{hash}"),
            };
            if taken.contains(&id) {
                id = format!("{base}-{hash}");
            }
            let mut n = 2;
            let first = id.clone();
            while taken.contains(&id) {
                id = format!("{first}-{n}");
                n += 1;
            }
            taken.insert(id.clone());
            ids.insert(*s, id);
        }
    }
    ids
}

/// The FNV-1a hash: small, and the same on every machine and in every release.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// `owner/repo#12` -> `owner/repo/12`; `#12` -> `12`.
pub fn issue_slug(key: &str) -> String {
    let (repo, number) = key.rsplit_once('#').unwrap_or(("", key));
    let mut parts: Vec<String> = repo
        .split('/')
        .filter(|s| !s.is_empty())
        .map(slug)
        .collect();
    parts.push(slug(number));
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Flux CD"), "flux-cd");
        assert_eq!(slug("  Jürgen O'Neil "), "jürgen-o-neil");
        assert_eq!(slug("!!!"), "_");
        // ASCII and other text are lowered alike.
        assert_eq!(slug("CI-CD Ärger"), "ci-cd-ärger");
        assert_eq!(slug("İstanbul ΣΟΦΙΑ"), "i-stanbul-σοφια");
        assert_eq!(source_slug("iaas/20240710.md"), "iaas/20240710");
        assert_eq!(source_slug("Seeds/000_x.txt"), "seeds/000-x");
        assert_eq!(issue_slug("acme/tools#12"), "acme/tools/12");
        assert_eq!(issue_slug("#7"), "7");
    }

    #[test]
    fn colliding_sources_get_ids_of_their_own() {
        let ids = file_ids([
            "2025-02-12.md",
            "2025-02-12.txt",
            "Notes-x.md",
            "notes-x.md",
            "2025-02-12 notes.md",
            "2025-02-12-notes.md",
            "other.md",
        ]);
        assert_eq!(ids["2025-02-12.md"], "2025-02-12-md");
        assert_eq!(ids["2025-02-12.txt"], "2025-02-12-txt");
        assert_eq!(ids["other.md"], "other");
        let unique: BTreeSet<&String> = ids.values().collect();
        assert_eq!(unique.len(), ids.len());
        assert!(ids["Notes-x.md"].starts_with("notes-x-"));
        // The same sources in another order: the same ids.
        let again = file_ids(["notes-x.md", "Notes-x.md"]);
        assert_eq!(again["Notes-x.md"], ids["Notes-x.md"]);
    }
}
