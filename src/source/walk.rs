//! Turning the paths the user gave into a sorted list of files to read.
//!
//! Folders are walked following symbolic links; a link back to an ancestor is
//! reported, not followed. Hidden names below a root are skipped, files are chosen
//! by the [`SourceFilter`], and a file reached twice (same canonical path) is kept
//! once, where it was first reached.

use super::{STDIN_NAME, STDIN_PATH, SourceFilter, io_message};
use crate::error::Diagnostic;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use walkdir::{DirEntry, WalkDir};

/// One input to read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InputFile {
    /// Where to read it (`-` for stdin).
    pub path: PathBuf,
    /// The path relative to the root the user gave, with `/` separators; for a file
    /// argument its file name; for stdin `<stdin>`.
    pub rel: String,
}

impl InputFile {
    /// Whether this input is standard input.
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == STDIN_PATH
    }

    /// The path as the user can find it, for diagnostics.
    pub fn display_path(&self) -> String {
        if self.is_stdin() {
            STDIN_NAME.to_string()
        } else {
            self.path.display().to_string()
        }
    }
}

/// A file found, with the position of the input it came from, for sorting.
struct Found {
    file: InputFile,
    input: usize,
}

/// Collects files and diagnostics across all inputs.
#[derive(Default)]
struct Discovery {
    found: Vec<Found>,
    seen: HashSet<PathBuf>,
    diagnostics: Vec<Diagnostic>,
    /// Files taken, counting those met twice.
    taken: usize,
}

/// Finds the files to read under `inputs`: files, folders, or `-` for stdin.
///
/// Files come back sorted by `rel`, then by input order, with duplicates removed;
/// problems (missing paths, unreadable folders, symlink loops) come back as
/// diagnostics in the order they were met. Every file's `rel` is its own: files
/// that would share one (`a/notes.md` and `b/notes.md` given as arguments) are
/// named by their whole path instead.
pub fn discover(inputs: &[PathBuf], filter: &SourceFilter) -> (Vec<InputFile>, Vec<Diagnostic>) {
    let mut discovery = Discovery::default();
    for (index, input) in inputs.iter().enumerate() {
        discovery.input(index, input, filter);
    }
    let Discovery {
        mut found,
        diagnostics,
        ..
    } = discovery;
    let order = |a: &Found, b: &Found| {
        (&a.file.rel, a.input, &a.file.path).cmp(&(&b.file.rel, b.input, &b.file.path))
    };
    found.sort_by(order);
    let shared: HashSet<String> = found
        .windows(2)
        .filter(|w| w[0].file.rel == w[1].file.rel)
        .map(|w| w[0].file.rel.clone())
        .collect();
    if !shared.is_empty() {
        for f in found.iter_mut().filter(|f| shared.contains(&f.file.rel)) {
            f.file.rel = shown(&f.file.path);
        }
        found.sort_by(order);
    }
    (found.into_iter().map(|f| f.file).collect(), diagnostics)
}

impl Discovery {
    fn input(&mut self, index: usize, input: &Path, filter: &SourceFilter) {
        if input.as_os_str() == STDIN_PATH {
            let file = InputFile {
                path: input.to_path_buf(),
                rel: STDIN_NAME.to_string(),
            };
            self.push(index, file, PathBuf::from(STDIN_PATH));
            return;
        }
        match std::fs::metadata(input) {
            Ok(meta) if meta.is_dir() => {
                let before = self.taken;
                let problems = self.diagnostics.len();
                self.walk(index, input, filter);
                if self.taken == before && self.diagnostics.len() == problems {
                    let kinds: Vec<String> = filter
                        .extensions()
                        .iter()
                        .map(|e| format!(".{e}"))
                        .collect();
                    self.diagnostics.push(Diagnostic::error(
                        input.display().to_string(),
                        None,
                        format!(
                            "no minutes found here (looked for files ending in {}{})",
                            kinds.join(", "),
                            if filter.has_globs() {
                                " that pass --include and --exclude"
                            } else {
                                ""
                            }
                        ),
                    ));
                }
            }
            Ok(_) => self.push_path(index, input.to_path_buf(), name_of(input)),
            Err(err) => {
                self.diagnostics
                    .push(Diagnostic::error(shown(input), None, io_message(&err)))
            }
        }
    }

    fn walk(&mut self, index: usize, root: &Path, filter: &SourceFilter) {
        let walker = WalkDir::new(root).follow_links(true).sort_by_file_name();
        let entries = walker
            .into_iter()
            .filter_entry(|entry| enters(entry, root, filter));
        for entry in entries {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    let rel = rel_of(root, entry.path());
                    if filter.accepts_file(&rel) {
                        self.push_path(index, entry.into_path(), rel);
                    }
                }
                Ok(_) => {}
                Err(err) => self.walk_error(root, &err, filter),
            }
        }
    }

    fn walk_error(&mut self, root: &Path, err: &walkdir::Error, filter: &SourceFilter) {
        let Some(path) = err.path() else {
            self.diagnostics
                .push(Diagnostic::error(shown(root), None, err.to_string()));
            return;
        };
        let broken = err.io_error().is_some_and(|io| is_broken_link(path, io));
        if err.depth() > 0 && !matters(root, path, broken, filter) {
            return;
        }
        let message = match (err.loop_ancestor(), err.io_error()) {
            (Some(ancestor), _) => {
                format!("symbolic link loop to {}, not followed", ancestor.display())
            }
            (None, Some(_)) if broken => "broken symbolic link".to_string(),
            (None, Some(io)) => io_message(io),
            (None, None) => err.to_string(),
        };
        self.diagnostics
            .push(Diagnostic::error(shown(path), None, message));
    }

    fn push_path(&mut self, index: usize, path: PathBuf, rel: String) {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        self.push(index, InputFile { path, rel }, key);
    }

    fn push(&mut self, index: usize, file: InputFile, key: PathBuf) {
        self.taken += 1;
        if self.seen.insert(key) {
            self.found.push(Found { file, input: index });
        }
    }
}

/// Whether the walk goes into (or looks at) `entry`: roots always; below a root,
/// hidden names never, and folders only when not excluded.
fn enters(entry: &DirEntry, root: &Path, filter: &SourceFilter) -> bool {
    if entry.depth() == 0 {
        return true;
    }
    if is_hidden(entry.file_name()) {
        return false;
    }
    !entry.file_type().is_dir() || filter.accepts_dir(&rel_of(root, entry.path()))
}

/// Whether a failed entry below a root would have been looked at, so its failure
/// is worth reporting: never for hidden names; for a broken link only when it
/// would have been taken as a file; otherwise when it is not an excluded folder.
fn matters(root: &Path, path: &Path, broken_link: bool, filter: &SourceFilter) -> bool {
    let rel = rel_of(root, path);
    if rel.split('/').any(|part| part.starts_with('.')) {
        return false;
    }
    if broken_link {
        filter.accepts_file(&rel)
    } else {
        filter.accepts_dir(&rel)
    }
}

fn is_broken_link(path: &Path, err: &std::io::Error) -> bool {
    err.kind() == std::io::ErrorKind::NotFound
        && std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink())
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// `path` relative to `root`, with `/` separators.
fn rel_of(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<_> = rel
        .components()
        .map(|part| readable(part.as_os_str()))
        .collect();
    parts.join("/")
}

/// The file name of a file argument, or the whole path when it has none.
fn name_of(path: &Path) -> String {
    match path.file_name() {
        Some(name) => readable(name),
        None => shown(path),
    }
}

fn shown(path: &Path) -> String {
    readable(path.as_os_str())
}

/// A name as text: bytes that are not UTF-8 written as `%XX`, so that two names
/// differing only there stay two names (a replacement character would merge them).
pub fn readable(name: &std::ffi::OsStr) -> String {
    if let Some(text) = name.to_str() {
        return text.to_string();
    }
    let mut out = String::new();
    for chunk in name.as_encoded_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn names_that_are_not_utf8_stay_apart() {
        use std::os::unix::ffi::OsStrExt;
        let a = readable(std::ffi::OsStr::from_bytes(b"notes-\xff.md"));
        let b = readable(std::ffi::OsStr::from_bytes(b"notes-\xfe.md"));
        assert_eq!(a, "notes-%FF.md");
        assert_ne!(a, b);
    }

    #[test]
    fn files_that_would_share_a_name_keep_their_paths() {
        let dir = std::env::temp_dir().join(format!("mg-walk-{}", std::process::id()));
        for sub in ["a", "b"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
            std::fs::write(dir.join(sub).join("notes.md"), "# x\n").unwrap();
        }
        let inputs = [
            dir.join("b").join("notes.md"),
            dir.join("a").join("notes.md"),
        ];
        let (files, _) = discover(&inputs, &SourceFilter::default());
        let rels: Vec<&str> = files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels.len(), 2);
        assert_ne!(rels[0], rels[1]);
        assert!(rels[0].ends_with("a/notes.md") && rels[1].ends_with("b/notes.md"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn rel_uses_forward_slashes() {
        let root = Path::new("minutes");
        assert_eq!(rel_of(root, &root.join("a").join("b.md")), "a/b.md");
    }

    #[test]
    fn stdin_is_taken_once() {
        let inputs = vec![PathBuf::from("-"), PathBuf::from("-")];
        let (files, diagnostics) = discover(&inputs, &SourceFilter::default());
        assert!(diagnostics.is_empty());
        assert_eq!(files.len(), 1);
        assert!(files[0].is_stdin());
        assert_eq!(files[0].rel, "<stdin>");
        assert_eq!(files[0].display_path(), "<stdin>");
    }

    #[test]
    fn hidden_names() {
        assert!(is_hidden(std::ffi::OsStr::new(".git")));
        assert!(!is_hidden(std::ffi::OsStr::new("notes.md")));
    }

    #[test]
    fn missing_path_is_reported() {
        let inputs = vec![PathBuf::from("does/not/exist.md")];
        let (files, diagnostics) = discover(&inputs, &SourceFilter::default());
        assert!(files.is_empty());
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(
            diagnostics[0].to_string(),
            "does/not/exist.md: error: no such file or directory"
        );
    }
}
