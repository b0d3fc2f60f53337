//! Which files in a folder count as minutes: extension list, include and exclude
//! globs, and the size limit applied when reading.
//!
//! The rule, like ripgrep's `--glob`: when include globs are given they alone
//! select files (the extension list is not consulted); otherwise the extension
//! list does. Exclude globs then remove files, and an excluded folder is not
//! entered at all. A glob without `/` matches a file or folder name at any depth;
//! a glob with `/` matches the whole path relative to the root the user gave.
//! Files the user names explicitly bypass all of this.

use crate::error::Error;
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

/// Extensions taken from folders when no include glob is given.
pub const DEFAULT_EXTENSIONS: [&str; 4] = ["md", "markdown", "txt", "log"];

/// Files larger than this are refused by [`read_text`](super::read_text) (16 MiB).
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Which files count as minutes.
#[derive(Clone, Debug)]
pub struct SourceFilter {
    extensions: Vec<String>,
    include: Globs,
    exclude: Globs,
    max_bytes: u64,
}

impl SourceFilter {
    /// A filter with the default extensions, the given globs and the default size
    /// limit.
    ///
    /// # Errors
    ///
    /// An invalid or empty glob is an [`Error::Usage`].
    pub fn new(include: &[String], exclude: &[String]) -> Result<SourceFilter, Error> {
        Ok(SourceFilter {
            include: Globs::new(include, "include")?,
            exclude: Globs::new(exclude, "exclude")?,
            ..SourceFilter::default()
        })
    }

    /// The same filter with a different size limit, in bytes.
    #[must_use]
    pub fn with_max_bytes(self, n: u64) -> Self {
        SourceFilter {
            max_bytes: n,
            ..self
        }
    }

    /// The same filter taking these extensions (without the dot, any case) instead.
    #[must_use]
    pub fn with_extensions(self, extensions: &[&str]) -> Self {
        let extensions = extensions
            .iter()
            .map(|ext| ext.trim_start_matches('.').to_ascii_lowercase())
            .collect();
        SourceFilter { extensions, ..self }
    }

    /// The size limit, in bytes.
    pub fn max_bytes(&self) -> u64 {
        self.max_bytes
    }

    /// The extensions taken (without the dot) when no `--include` glob is given.
    pub fn extensions(&self) -> &[String] {
        &self.extensions
    }

    /// Whether `--include` or `--exclude` globs narrow the files taken.
    pub fn has_globs(&self) -> bool {
        !self.include.is_empty() || !self.exclude.is_empty()
    }

    /// Whether a file found in a folder, at `rel` below its root, is taken.
    pub fn accepts_file(&self, rel: &str) -> bool {
        let selected = if self.include.is_empty() {
            self.has_extension(rel)
        } else {
            self.include.matches(rel)
        };
        selected && !self.exclude.matches(rel)
    }

    /// Whether a folder at `rel` below its root is entered.
    pub fn accepts_dir(&self, rel: &str) -> bool {
        !self.exclude.matches(rel)
    }

    fn has_extension(&self, rel: &str) -> bool {
        let name = file_name(rel);
        match name.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() => {
                self.extensions.iter().any(|e| e.eq_ignore_ascii_case(ext))
            }
            _ => false,
        }
    }
}

impl Default for SourceFilter {
    fn default() -> Self {
        SourceFilter {
            extensions: DEFAULT_EXTENSIONS.map(String::from).to_vec(),
            include: Globs::default(),
            exclude: Globs::default(),
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// The last `/`-separated component of `rel`.
fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

/// Globs split by what they match: a name at any depth, or the whole relative path.
#[derive(Clone, Debug, Default)]
struct Globs {
    by_name: GlobSet,
    by_path: GlobSet,
    count: usize,
}

impl Globs {
    fn new(patterns: &[String], what: &str) -> Result<Globs, Error> {
        let mut by_name = GlobSetBuilder::new();
        let mut by_path = GlobSetBuilder::new();
        for pattern in patterns {
            let anchored = pattern.strip_prefix('/').unwrap_or(pattern);
            let glob = compile(anchored, what)?;
            if anchored.contains('/') || pattern.starts_with('/') {
                by_path.add(glob);
            } else {
                by_name.add(glob);
            }
        }
        let build = |set: GlobSetBuilder| set.build().map_err(|err| usage(what, &err));
        Ok(Globs {
            by_name: build(by_name)?,
            by_path: build(by_path)?,
            count: patterns.len(),
        })
    }

    fn is_empty(&self) -> bool {
        self.count == 0
    }

    fn matches(&self, rel: &str) -> bool {
        self.by_path.is_match(rel) || self.by_name.is_match(file_name(rel))
    }
}

fn compile(pattern: &str, what: &str) -> Result<Glob, Error> {
    if pattern.is_empty() {
        return Err(Error::Usage(format!("invalid {what} glob: empty pattern")));
    }
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map_err(|err| usage(what, &err))
}

fn usage(what: &str, err: &globset::Error) -> Error {
    Error::Usage(format!("invalid {what} glob: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(include: &[&str], exclude: &[&str]) -> SourceFilter {
        let strings = |globs: &[&str]| globs.iter().map(|g| g.to_string()).collect::<Vec<_>>();
        SourceFilter::new(&strings(include), &strings(exclude)).expect("valid globs")
    }

    #[test]
    fn default_extensions_any_case() {
        let f = filter(&[], &[]);
        assert!(f.accepts_file("a.md"));
        assert!(f.accepts_file("x/y/NOTES.MarkDown"));
        assert!(f.accepts_file("b.TXT"));
        assert!(!f.accepts_file("c.pdf"));
        assert!(!f.accepts_file("md"));
        assert!(!f.accepts_file("README"));
    }

    #[test]
    fn include_replaces_extension_list() {
        let f = filter(&["*.rst"], &[]);
        assert!(f.accepts_file("deep/down/a.rst"));
        assert!(!f.accepts_file("a.md"));
    }

    #[test]
    fn glob_with_slash_matches_whole_path() {
        let f = filter(&["team/*.md"], &[]);
        assert!(f.accepts_file("team/a.md"));
        assert!(!f.accepts_file("other/team/a.md"));
        assert!(!f.accepts_file("team/sub/a.md"));
        let deep = filter(&["**/team/**"], &[]);
        assert!(deep.accepts_file("x/team/sub/a.md"));
    }

    #[test]
    fn leading_slash_anchors_to_root() {
        let f = filter(&[], &["/drafts"]);
        assert!(!f.accepts_dir("drafts"));
        assert!(f.accepts_dir("x/drafts"));
    }

    #[test]
    fn exclude_removes_files_and_folders() {
        let f = filter(&[], &["*-draft.md", "archive"]);
        assert!(!f.accepts_file("2024/a-draft.md"));
        assert!(f.accepts_file("2024/a.md"));
        assert!(!f.accepts_dir("2024/archive"));
        assert!(f.accepts_dir("2024"));
    }

    #[test]
    fn invalid_glob_is_usage_error() {
        let err = SourceFilter::new(&["a[".to_string()], &[]).unwrap_err();
        assert!(
            matches!(&err, Error::Usage(m) if m.starts_with("invalid include glob")),
            "{err}"
        );
        let err = SourceFilter::new(&[], &[String::new()]).unwrap_err();
        assert!(
            matches!(&err, Error::Usage(m) if m.contains("empty")),
            "{err}"
        );
    }

    #[test]
    fn builders_set_limits_and_extensions() {
        let f = SourceFilter::default()
            .with_max_bytes(10)
            .with_extensions(&[".Rst"]);
        assert_eq!(f.max_bytes(), 10);
        assert!(f.accepts_file("a.rst"));
        assert!(!f.accepts_file("a.md"));
    }
}
