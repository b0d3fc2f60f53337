//! Cache keys: a SHA-256 of everything one file's extraction result depends on.
//!
//! That is the file's bytes, its path relative to the input root (the record's
//! `source`), its [`FileContext`] (author registries and enclosing folders), the
//! configuration's [`fingerprint`](Config::fingerprint), the entry format, and
//! the build: the crate version and a hash of the sources, data tables and
//! locked dependencies taken at compile time (`build.rs`), because rules change
//! during development without a new version number. The path the file was
//! named by is left out: it only names the file in diagnostics, which are
//! renamed on the way out, so `minutegraph export notes` and `cd notes;
//! minutegraph export .` share their entries.

use crate::config::Config;
use crate::extract::FileContext;
use crate::source::InputFile;
use sha2::{Digest, Sha256};

/// The layout of entries; raised whenever what an entry holds changes shape.
pub const FORMAT: u32 = 2;

/// The build's identity (see `build.rs`).
pub const BUILD_ID: &str = env!("MINUTEGRAPH_BUILD_ID");

/// One file's key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Key([u8; 32]);

impl Key {
    /// The key as 64 lower-case hexadecimal digits.
    pub fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Makes the keys of one run: the parts all its files share are hashed once.
#[derive(Clone)]
pub struct Keys {
    shared: Sha256,
}

impl Keys {
    /// Keys for files extracted with `config` by this build.
    pub fn new(config: &Config) -> Keys {
        let mut shared = Sha256::new();
        field(&mut shared, b"minutegraph extraction cache");
        field(&mut shared, &FORMAT.to_le_bytes());
        field(&mut shared, env!("CARGO_PKG_VERSION").as_bytes());
        field(&mut shared, BUILD_ID.as_bytes());
        field(&mut shared, config.fingerprint().as_bytes());
        Keys { shared }
    }

    /// The key of `file`, read as `bytes`, in `context`.
    pub fn key(&self, file: &InputFile, context: &FileContext, bytes: &[u8]) -> Key {
        let mut hasher = self.shared.clone();
        field(&mut hasher, file.rel.as_bytes());
        field(&mut hasher, format!("{context:?}").as_bytes());
        field(&mut hasher, bytes);
        Key(hasher.finalize().into())
    }
}

/// Hashes `bytes` after their length, so no two sequences of fields run together.
fn field(hasher: &mut Sha256, bytes: &[u8]) {
    hasher.update((bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(path: &str, rel: &str) -> InputFile {
        InputFile {
            path: PathBuf::from(path),
            rel: rel.to_string(),
        }
    }

    #[test]
    fn every_input_of_extraction_changes_the_key() {
        let keys = Keys::new(&Config::default());
        let context = FileContext::default();
        let base = keys.key(&file("a/x.md", "x.md"), &context, b"text");
        assert_eq!(base, keys.key(&file("a/x.md", "x.md"), &context, b"text"));
        assert_ne!(base, keys.key(&file("a/x.md", "x.md"), &context, b"text!"));
        assert_ne!(base, keys.key(&file("a/y.md", "y.md"), &context, b"text"));
        let dated = FileContext {
            folders: vec!["2024".into()],
            ..FileContext::default()
        };
        assert_ne!(base, keys.key(&file("a/x.md", "x.md"), &dated, b"text"));
        let mut authored = FileContext::default();
        authored.authors.insert("ann".into(), "Ann".into());
        assert_ne!(base, keys.key(&file("a/x.md", "x.md"), &authored, b"text"));
        let configured =
            Config::from_toml("[repository]\ndefault = \"acme/infra\"\n", "m.toml").unwrap();
        let other = Keys::new(&configured).key(&file("a/x.md", "x.md"), &context, b"text");
        assert_ne!(base, other);
    }

    #[test]
    fn the_path_named_is_not_part_of_the_key() {
        let keys = Keys::new(&Config::default());
        let context = FileContext::default();
        assert_eq!(
            keys.key(&file("notes/x.md", "x.md"), &context, b"t"),
            keys.key(&file("./x.md", "x.md"), &context, b"t")
        );
    }

    #[test]
    fn fields_do_not_run_together() {
        let keys = Keys::new(&Config::default());
        let context = FileContext::default();
        assert_ne!(
            keys.key(&file("ab", "ab"), &context, b"c"),
            keys.key(&file("a", "a"), &context, b"bc")
        );
    }
}
