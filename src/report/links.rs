//! Links from a page to the place in the minutes a fact was read: a forge's
//! web page for the file and line when a URL template is configured, else a
//! relative link to the file on disk. Paths are percent-encoded, so no file name
//! can turn a link into markup or another scheme.

use std::collections::BTreeMap;
use std::path::{Component, Path};

/// Where `file:line` references link to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SourceLinks {
    /// Nowhere: references are shown as text.
    #[default]
    None,
    /// A URL template with `{path}` (the source path, relative to the input
    /// root) and `{line}`, e.g. `https://github.com/o/r/blob/main/{path}#L{line}`.
    Forge(String),
    /// Each source path (as in provenance) to the file's path relative to the
    /// site folder, `/`-separated; sources not listed are not linked.
    Local(BTreeMap<String, String>),
}

impl SourceLinks {
    /// The link to line `line` of `source` from a page `prefix` (`""` or
    /// `"../"`) below the site folder, if there is one.
    pub fn href(&self, source: &str, line: u32, prefix: &str) -> Option<String> {
        match self {
            SourceLinks::None => None,
            SourceLinks::Forge(template) => Some(
                template
                    .replace("{path}", &encode_path(source))
                    .replace("{line}", &line.to_string()),
            ),
            SourceLinks::Local(files) => {
                let rel = files.get(source)?;
                let encoded = encode_path(rel);
                Some(if prefix.is_empty() && !encoded.starts_with("../") {
                    format!("./{encoded}")
                } else {
                    format!("{prefix}{encoded}")
                })
            }
        }
    }
}

/// Whether `template` can be a source URL template: an `http(s)` address
/// that names the `{path}`.
pub fn is_url_template(template: &str) -> bool {
    (template.starts_with("https://") || template.starts_with("http://"))
        && template.contains("{path}")
        && !template
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
}

/// `path` with every byte but unreserved characters and `/` percent-encoded.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The path of `to` relative to the folder `from`, `/`-separated; both must be
/// absolute and normalised (no `.` or `..`). `None` when they share no root
/// or a name is not UTF-8.
pub fn relative_path(from: &Path, to: &Path) -> Option<String> {
    let from: Vec<Component<'_>> = from.components().collect();
    let to: Vec<Component<'_>> = to.components().collect();
    if from.first() != to.first() {
        return None;
    }
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    for c in &to[common..] {
        match c {
            Component::Normal(name) => parts.push(name.to_str()?),
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forge_links_encode_the_path() {
        let links = SourceLinks::Forge("https://example.org/o/r/blob/main/{path}#L{line}".into());
        assert_eq!(
            links.href("notes/a b#1.md", 7, "../").as_deref(),
            Some("https://example.org/o/r/blob/main/notes/a%20b%231.md#L7")
        );
        assert!(is_url_template("https://x.org/{path}"));
        assert!(!is_url_template("javascript:alert(1)/{path}"));
        assert!(!is_url_template("https://x.org/"));
    }

    #[test]
    fn local_links_are_relative_and_encoded() {
        let mut files = BTreeMap::new();
        files.insert("a.md".to_string(), "../m/a.md".to_string());
        files.insert("j.md".to_string(), "javascript:x.md".to_string());
        let links = SourceLinks::Local(files);
        assert_eq!(
            links.href("a.md", 3, "../").as_deref(),
            Some("../../m/a.md")
        );
        assert_eq!(links.href("a.md", 3, "").as_deref(), Some("../m/a.md"));
        assert_eq!(
            links.href("j.md", 1, "").as_deref(),
            Some("./javascript%3Ax.md")
        );
        assert_eq!(links.href("<stdin>", 1, ""), None);
    }

    #[test]
    fn relative_paths() {
        let rel = |a: &str, b: &str| relative_path(Path::new(a), Path::new(b));
        assert_eq!(rel("/w/site", "/w/m/a.md").as_deref(), Some("../m/a.md"));
        assert_eq!(rel("/w", "/w/m/a.md").as_deref(), Some("m/a.md"));
        assert_eq!(rel("/w/site/x", "/w/a.md").as_deref(), Some("../../a.md"));
    }
}
