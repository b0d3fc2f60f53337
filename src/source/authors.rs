//! Author registries beside blog-style minutes (`.authors.yml`, as used by
//! MkDocs Material blogs): front matter `authors: [jc]` names a key whose display
//! name the registry gives.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Author key -> display name.
pub type Authors = BTreeMap<String, String>;

/// File names of author registries, looked for beside a file and in its parent folders.
const REGISTRY_NAMES: &[&str] = &[".authors.yml", ".authors.yaml", "authors.yml"];

/// Finds and caches the author registry that applies to each minutes file.
#[derive(Debug, Default)]
pub struct AuthorRegistries {
    cache: BTreeMap<PathBuf, Authors>,
}

impl AuthorRegistries {
    /// The authors for a minutes file at `path`: the nearest registry in its folder
    /// or up to two folders above (posts often live in `blog/posts/`).
    pub fn for_file(&mut self, path: &Path) -> Authors {
        let Some(dir) = path.parent() else {
            return Authors::new();
        };
        if let Some(found) = self.cache.get(dir) {
            return found.clone();
        }
        let authors = dir
            .ancestors()
            .take(3)
            .flat_map(|d| REGISTRY_NAMES.iter().map(move |n| d.join(n)))
            .find(|p| p.is_file())
            .and_then(|p| std::fs::read_to_string(p).ok())
            .map(|text| parse(&text))
            .unwrap_or_default();
        self.cache.insert(dir.to_path_buf(), authors.clone());
        authors
    }
}

/// Parse `authors: {key: {name: ...}}`; anything unexpected yields no entries.
pub fn parse(text: &str) -> Authors {
    let Ok(value) = serde_saphyr::from_str::<serde_json::Value>(text) else {
        return Authors::new();
    };
    let entries = value
        .get("authors")
        .and_then(|a| a.as_object())
        .cloned()
        .unwrap_or_default();
    entries
        .into_iter()
        .filter_map(|(key, v)| {
            let name = v.get("name").and_then(|n| n.as_str())?.trim().to_string();
            (!name.is_empty()).then_some((key, name))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_registry() {
        let a = parse(
            "authors:\n  ann:\n    name: Ann Example\n    avatar: x\n  bo:\n    description: no name\n",
        );
        assert_eq!(a.get("ann").map(String::as_str), Some("Ann Example"));
        assert!(!a.contains_key("bo"));
        assert!(parse(": : [").is_empty());
    }
}
