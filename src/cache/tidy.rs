//! Keeping the cache folder in bounds. Each build writes its entries to a
//! folder of its own (`v1-<build id>`), so entries an older build wrote can go
//! whole with [`prune`], and [`clear`] empties the cache. Both remove only the
//! folders whose names this module gives, never anything else kept under the
//! cache folder.

use super::entry::TEMP_PREFIX;
use super::key::{BUILD_ID, FORMAT};
use std::io;
use std::path::Path;

/// The entries of one build in a cache folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bucket {
    /// The folder's name.
    pub name: String,
    /// Whether the running build writes here.
    pub current: bool,
    /// Number of entries.
    pub entries: usize,
    /// Bytes on disk, counting files left half written.
    pub bytes: u64,
}

/// The name of the folder of this build's entries.
pub fn bucket_name() -> String {
    format!("v{FORMAT}-{BUILD_ID}")
}

/// Whether `name` is a folder of entries (`v<format>-<hex digits>`).
fn is_bucket(name: &str) -> bool {
    let Some((format, build)) = name.strip_prefix('v').and_then(|n| n.split_once('-')) else {
        return false;
    };
    !format.is_empty()
        && format.bytes().all(|b| b.is_ascii_digit())
        && !build.is_empty()
        && build.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The folders of entries under `root`, by name; none when `root` is missing.
///
/// # Errors
///
/// When `root` or a folder in it cannot be read.
pub fn usage(root: &Path) -> io::Result<Vec<Bucket>> {
    let listing = match std::fs::read_dir(root) {
        Ok(listing) => listing,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let current = bucket_name();
    let mut buckets = Vec::new();
    for item in listing {
        let item = item?;
        let name = item.file_name().to_string_lossy().into_owned();
        if !is_bucket(&name) || !item.file_type()?.is_dir() {
            continue;
        }
        let (entries, bytes) = measure(&item.path())?;
        buckets.push(Bucket {
            current: name == current,
            name,
            entries,
            bytes,
        });
    }
    buckets.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(buckets)
}

/// Entries and bytes in one bucket (shard folders of entry files).
fn measure(bucket: &Path) -> io::Result<(usize, u64)> {
    let (mut entries, mut bytes) = (0, 0);
    for shard in std::fs::read_dir(bucket)? {
        let shard = shard?;
        if !shard.file_type()?.is_dir() {
            bytes += shard.metadata()?.len();
            continue;
        }
        for file in std::fs::read_dir(shard.path())? {
            let file = file?;
            bytes += file.metadata()?.len();
            if !file.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
                entries += 1;
            }
        }
    }
    Ok((entries, bytes))
}

/// Removes every folder of entries under `root`; what was removed.
///
/// # Errors
///
/// When a folder cannot be read or removed.
pub fn clear(root: &Path) -> io::Result<Vec<Bucket>> {
    remove(root, |_| true)
}

/// Removes the folders of entries of other builds under `root`; what was removed.
///
/// # Errors
///
/// When a folder cannot be read or removed.
pub fn prune(root: &Path) -> io::Result<Vec<Bucket>> {
    remove(root, |b| !b.current)
}

fn remove(root: &Path, which: impl Fn(&Bucket) -> bool) -> io::Result<Vec<Bucket>> {
    let doomed: Vec<Bucket> = usage(root)?.into_iter().filter(which).collect();
    for bucket in &doomed {
        std::fs::remove_dir_all(root.join(&bucket.name))?;
    }
    Ok(doomed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_folders_named_as_buckets_are_touched() {
        let root = tempfile::tempdir().unwrap();
        let ours = root.path().join(bucket_name());
        let old = root.path().join("v1-00ff");
        for bucket in [&ours, &old] {
            std::fs::create_dir_all(bucket.join("ab")).unwrap();
            std::fs::write(bucket.join("ab").join("cdef"), b"12345").unwrap();
            std::fs::write(bucket.join("ab").join(".tmpXYZ"), b"1").unwrap();
        }
        std::fs::create_dir_all(root.path().join("notes")).unwrap();
        std::fs::write(root.path().join("v1-notes.txt"), b"keep").unwrap();
        let found = usage(root.path()).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].entries, found[0].bytes), (1, 6));
        let pruned = prune(root.path()).unwrap();
        assert_eq!(pruned.len(), 1);
        assert_eq!(pruned[0].name, "v1-00ff");
        assert!(ours.is_dir() && !old.exists());
        assert_eq!(clear(root.path()).unwrap().len(), 1);
        assert!(!ours.exists());
        assert!(root.path().join("notes").is_dir());
        assert!(root.path().join("v1-notes.txt").is_file());
        assert!(usage(&root.path().join("missing")).unwrap().is_empty());
    }

    #[test]
    fn bucket_names() {
        assert!(is_bucket(&bucket_name()));
        assert!(is_bucket("v12-0a"));
        for name in ["v-0a", "v1-", "x1-0a", "v1-0g", "v1a-00"] {
            assert!(!is_bucket(name), "{name}");
        }
    }
}
