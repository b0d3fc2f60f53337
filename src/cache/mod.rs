//! The extraction cache: what reading one file gave (its record and its
//! diagnostics), kept in a folder between runs so that a later run extracts
//! only the files that changed.
//!
//! An entry is found by a key hashing everything its result depends on: the
//! file's bytes and name, its [`FileContext`], the configuration and the build
//! of minutegraph (see [`key`]). Anything wrong with an entry (missing,
//! truncated, written by another format) makes it a miss, never a different
//! result. Entries live in one folder per build, so those of older builds can
//! be removed whole ([`tidy`]).

mod entry;
pub mod key;
pub mod tidy;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::extract::{FileContext, FileRecord};
use crate::source::InputFile;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The environment variable naming the cache folder.
pub const DIR_ENV: &str = "MINUTEGRAPH_CACHE_DIR";

/// What extracting one file gave: its record and its diagnostics.
pub type Extracted = (FileRecord, Vec<Diagnostic>);

/// A cache folder opened for writing, with counts of what a run found in it.
#[derive(Debug)]
pub struct Cache {
    root: PathBuf,
    /// The folder of this build's entries, under `root`.
    bucket: PathBuf,
    hits: AtomicUsize,
    misses: AtomicUsize,
    writable: AtomicBool,
    write_error: Mutex<Option<String>>,
}

/// How a run used the cache.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Files answered from the cache.
    pub hits: usize,
    /// Files extracted because no usable entry was there.
    pub misses: usize,
    /// The first entry that could not be written, and why (later ones were not tried).
    pub write_error: Option<String>,
}

impl Cache {
    /// Opens (creating it if need be) the cache folder `root`, checking that
    /// entries can be written there.
    ///
    /// # Errors
    ///
    /// When the folder cannot be created or written to.
    pub fn open(root: &Path) -> io::Result<Cache> {
        let bucket = root.join(tidy::bucket_name());
        std::fs::create_dir_all(&bucket)?;
        tempfile::Builder::new()
            .prefix(entry::TEMP_PREFIX)
            .tempfile_in(&bucket)?;
        Ok(Cache {
            root: root.to_path_buf(),
            bucket,
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
            writable: AtomicBool::new(true),
            write_error: Mutex::new(None),
        })
    }

    /// The folder given to [`Cache::open`].
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The cache as a run with `config` sees it.
    pub fn scope<'a>(&'a self, config: &Config) -> Scope<'a> {
        Scope {
            cache: self,
            keys: key::Keys::new(config),
        }
    }

    /// What the run found so far.
    pub fn stats(&self) -> Stats {
        Stats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            write_error: self.write_error.lock().ok().and_then(|e| e.clone()),
        }
    }

    fn path_of(&self, key: &key::Key) -> PathBuf {
        let hex = key.hex();
        let (shard, rest) = hex.split_at(2);
        self.bucket.join(shard).join(rest)
    }

    fn get(&self, key: &key::Key) -> Option<Extracted> {
        let found = std::fs::read(self.path_of(key))
            .ok()
            .and_then(|bytes| entry::decode(&bytes));
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    fn put(&self, key: &key::Key, extracted: &Extracted) {
        if !self.writable.load(Ordering::Relaxed) {
            return;
        }
        let path = self.path_of(key);
        if let Err(e) = entry::write(&path, extracted) {
            // One failure is enough to tell; the rest of the run reads afresh.
            self.writable.store(false, Ordering::Relaxed);
            if let Ok(mut first) = self.write_error.lock() {
                first.get_or_insert_with(|| format!("{}: {e}", path.display()));
            }
        }
    }
}

/// The cache under one configuration: looks up and stores files' results.
pub struct Scope<'a> {
    cache: &'a Cache,
    keys: key::Keys,
}

impl Scope<'_> {
    /// The key of `file`, read as `bytes`, in `context`.
    pub fn key(&self, file: &InputFile, context: &FileContext, bytes: &[u8]) -> key::Key {
        self.keys.key(file, context, bytes)
    }

    /// The result kept under `key`, if there is one, its diagnostics naming
    /// `file` as this run shows it.
    pub fn get(&self, key: &key::Key, file: &InputFile) -> Option<Extracted> {
        let (record, mut diagnostics) = self.cache.get(key)?;
        let shown = file.display_path();
        for d in &mut diagnostics {
            d.path.clone_from(&shown);
        }
        Some((record, diagnostics))
    }

    /// Keeps `extracted` under `key`.
    pub fn put(&self, key: &key::Key, extracted: &Extracted) {
        self.cache.put(key, extracted);
    }
}

/// The cache folder used when none is given: `$MINUTEGRAPH_CACHE_DIR`, else
/// `minutegraph` in the user's cache folder (`$XDG_CACHE_HOME`, else
/// `~/.cache`; `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows).
/// `None` when there is no home to put it in.
pub fn default_dir() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(dir) = var(DIR_ENV) {
        return Some(dir);
    }
    let base = if cfg!(windows) {
        var("LOCALAPPDATA")
    } else if cfg!(target_os = "macos") {
        var("HOME").map(|h| h.join("Library/Caches"))
    } else {
        var("XDG_CACHE_HOME")
            .filter(|d| d.is_absolute())
            .or_else(|| var("HOME").map(|h| h.join(".cache")))
    };
    base.map(|b| b.join("minutegraph"))
}
