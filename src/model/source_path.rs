//! Source paths as every fact read from a file holds them: one copy of each
//! distinct path, kept for the life of the process, so that a fact holds a
//! plain reference and copying or comparing one is as cheap as an integer.
//!
//! A graph of a million facts read from one file would otherwise count a
//! shared allocation up and down a million times, and every count is an
//! atomic step that waits for the memory writes before it. The paths kept
//! are those of the files read: a process reading the same folder again
//! keeps no second copy.

use rustc_hash::FxHashSet as HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::{LazyLock, Mutex, PoisonError};

/// Every path given out so far.
static PATHS: LazyLock<Mutex<HashSet<SourcePath>>> = LazyLock::new(Mutex::default);

/// A source path relative to the root the user gave, with `/` separators.
/// Ordered, compared and hashed as its text. One word: a reference to the
/// kept path, which knows its length.
#[derive(Clone, Copy)]
#[expect(
    clippy::borrowed_box,
    reason = "a reference to the box is one word; a `&str` is two"
)]
pub struct SourcePath(&'static Box<str>);

impl SourcePath {
    /// The path `path`, kept once however often it is asked for.
    pub fn new(path: &str) -> Self {
        // Nothing below can panic, so a poisoned lock holds a whole set.
        let mut paths = PATHS.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(&kept) = paths.get(path) {
            return kept;
        }
        let kept = SourcePath(Box::leak(Box::new(path.into())));
        paths.insert(kept);
        kept
    }

    /// The path as text.
    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

impl PartialOrd for SourcePath {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SourcePath {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialEq for SourcePath {
    fn eq(&self, other: &Self) -> bool {
        // Each path is kept once, so equal paths are one copy.
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for SourcePath {}

impl std::hash::Hash for SourcePath {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // As its text, so that a set of paths can be asked for a `&str`.
        self.as_str().hash(state)
    }
}

impl PartialEq<str> for SourcePath {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SourcePath {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Deref for SourcePath {
    type Target = str;

    fn deref(&self) -> &str {
        self.0
    }
}

impl AsRef<str> for SourcePath {
    fn as_ref(&self) -> &str {
        self.0
    }
}

impl std::borrow::Borrow<str> for SourcePath {
    fn borrow(&self) -> &str {
        self.0
    }
}

impl fmt::Debug for SourcePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SourcePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl From<&str> for SourcePath {
    fn from(path: &str) -> Self {
        SourcePath::new(path)
    }
}

impl From<String> for SourcePath {
    fn from(path: String) -> Self {
        SourcePath::new(&path)
    }
}

impl From<&String> for SourcePath {
    fn from(path: &String) -> Self {
        SourcePath::new(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_kept_once_and_compares_as_its_text() {
        let a = SourcePath::new("notes/2025-01-01.md");
        let again = SourcePath::from(String::from("notes/2025-01-01.md"));
        assert!(std::ptr::eq(a.as_str(), again.as_str()));
        assert_eq!(a, again);
        assert_eq!(
            std::mem::size_of::<SourcePath>(),
            std::mem::size_of::<usize>()
        );
        let b = SourcePath::new("notes/2025-01-02.md");
        assert_ne!(a, b);
        assert!(a < b);
        assert_eq!(a, "notes/2025-01-01.md");
        assert_eq!(a.to_string(), "notes/2025-01-01.md");
        assert_eq!(format!("{a:?}"), "\"notes/2025-01-01.md\"");
        let mut set = std::collections::HashSet::new();
        set.insert(a);
        assert!(set.contains("notes/2025-01-01.md"));
    }
}
