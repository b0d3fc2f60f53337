//! Names of temporary files and folders, and the removal of those left behind
//! by runs that were killed before they could clean up.
//!
//! A temporary for `NAME` is `.NAME.PID.RANDOM.tmp` beside it (`tempfile` picks
//! the random part); runs before the move to `tempfile` wrote `.NAME.PID.tmp`,
//! and those are recognised too.

use std::fs;
use std::path::Path;

/// The prefix of this process's temporaries for `name`.
pub(super) fn prefix(name: &str) -> String {
    format!(".{name}.{}.", std::process::id())
}

/// Length of the random part `tempfile` puts in a name.
pub(super) const RANDOM_LEN: usize = 6;

/// The suffix of every temporary.
pub(super) const SUFFIX: &str = ".tmp";

/// The id of the process that wrote the temporary `file_name` for `name`.
fn writer_of(file_name: &str, name: &str) -> Option<u32> {
    let rest = file_name
        .strip_prefix('.')?
        .strip_prefix(name)?
        .strip_prefix('.')?
        .strip_suffix(SUFFIX)?;
    // `PID` or `PID.RANDOM`: a name that merely starts with `name.` (`a.5` for
    // `a`) has more parts or a random part of another length.
    let (pid, random) = rest.split_once('.').unwrap_or((rest, ""));
    let random_ok = random.is_empty()
        || (random.len() == RANDOM_LEN && random.bytes().all(|b| b.is_ascii_alphanumeric()));
    if !random_ok || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Removes the temporaries for `name` in `dir` whose process is gone. Only where
/// `/proc` tells which processes run; elsewhere they stay (they are hidden files
/// and never read as minutes).
pub(super) fn remove(dir: &Path, name: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name.to_str().and_then(|f| writer_of(f, name)) else {
            continue;
        };
        let gone = !Path::new(&format!("/proc/{pid}")).exists();
        if gone && pid != std::process::id() {
            let path = entry.path();
            let is_dir = fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
            let _ = if is_dir {
                fs::remove_dir_all(&path)
            } else {
                fs::remove_file(&path)
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No process has this id (above the kernel's pid_max).
    const DEAD: u32 = 4_194_999;

    #[test]
    fn temporaries_of_dead_processes_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        let old_style = p.join(format!(".out.ttl.{DEAD}.tmp"));
        let new_style = p.join(format!(".out.ttl.{DEAD}.a1B2c3.tmp"));
        let folder = p.join(format!(".out.ttl.{DEAD}.x9y8z7.tmp"));
        let live = p.join(format!("{}abcdef.tmp", prefix("out.ttl")));
        let other = p.join(format!(".other.ttl.{DEAD}.tmp"));
        let unrelated = p.join(".out.ttl.notapid.tmp");
        for f in [&old_style, &new_style, &live, &other, &unrelated] {
            fs::write(f, "x").unwrap();
        }
        fs::create_dir(&folder).unwrap();
        fs::write(folder.join("nodes.csv"), "x").unwrap();
        remove(p, "out.ttl");
        assert!(!old_style.exists() && !new_style.exists() && !folder.exists());
        assert!(live.exists() && other.exists() && unrelated.exists());
    }

    #[test]
    fn the_writer_is_read_from_both_name_styles() {
        assert_eq!(writer_of(".a.md.12.tmp", "a.md"), Some(12));
        assert_eq!(writer_of(".a.md.12.Xy3abc.tmp", "a.md"), Some(12));
        // `.a.5.99.tmp` is the temporary of `a.5`, not of `a`.
        assert_eq!(writer_of(".a.5.99.tmp", "a"), None);
        assert_eq!(writer_of(".a.5.99.Xy3abc.tmp", "a"), None);
        assert_eq!(writer_of(".a.md.x.tmp", "a.md"), None);
        assert_eq!(writer_of(".b.md.12.tmp", "a.md"), None);
        assert_eq!(writer_of("a.md.12.tmp", "a.md"), None);
    }
}
