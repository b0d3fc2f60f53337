//! Writing command output to stdout or to a file, safely.
//!
//! A file is replaced atomically: the output goes to a temporary file beside it,
//! renamed over it only when everything was written, with the mode the old file
//! had. A symbolic link is followed and its target replaced; a character device
//! or a pipe (`/dev/stdout`, `/dev/null`, a FIFO) is written through, never
//! replaced by a file. An output that is one of the files read, or that would be
//! replaced when nothing could be read, is refused before anything is written.
//! A folder (the report's site) is replaced the same way, whole: written beside
//! it under a temporary name and renamed into place when complete.

use minutegraph::error::Error;
use minutegraph::pipeline::Outcome;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Run `write` against stdout, or against the file at `path`. A closed stdout
/// pipe is not an error.
pub fn write_output(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> Result<(), Error>,
) -> Result<(), Error> {
    match path {
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            let result =
                write(&mut out).and_then(|_| out.flush().map_err(|e| io_error("<stdout>", e)));
            match result {
                Err(Error::Io { source, .. }) if source.kind() == io::ErrorKind::BrokenPipe => {
                    Ok(())
                }
                other => other,
            }
        }
        Some(path) => write_file(path, write),
    }
}

/// [`write_output`] for a result read from minutes: refuses an output that is one
/// of the files read, and writes no file at all when nothing could be read (an
/// existing output stays as it was; the command exits with status 1).
pub fn write_output_of(
    outcome: &Outcome,
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> Result<(), Error>,
) -> Result<(), Error> {
    if let Some(path) = path {
        if !check_output(outcome, path)? {
            return Ok(());
        }
    }
    write_output(path, write)
}

/// Whether the output of a run that read `outcome` is to be written to `path`:
/// an error when `path` is one of the files read; `false`, said on stderr, when
/// nothing could be read.
pub fn check_output(outcome: &Outcome, path: &Path) -> Result<bool, Error> {
    let shown = path.display().to_string();
    let target = target_of(path);
    if target.exists() {
        let input = outcome
            .inputs
            .iter()
            .filter_map(|i| fs::canonicalize(i).ok())
            .any(|i| i == target);
        // A graph of ours among the minutes (skipped when reading) may be replaced.
        if input && !is_own_output(&target) {
            return Err(Error::Usage(format!(
                "{shown} is one of the files being read; refusing to write over it"
            )));
        }
    }
    let special = fs::metadata(&target).is_ok_and(|m| is_special(&m));
    if outcome.files_read == 0 && !special {
        eprintln!("minutegraph: no minutes could be read; {shown} not written");
        return Ok(false);
    }
    Ok(true)
}

/// Whether the file at `path` is one of our own exports.
fn is_own_output(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(4096).read_to_end(&mut head))
        .is_ok_and(|_| minutegraph::source::is_own_output(&head))
}

/// Where writing to `path` lands: the final target of a symbolic link (even a
/// dangling one), else `path` itself.
pub fn target_of(path: &Path) -> PathBuf {
    if let Ok(target) = fs::canonicalize(path) {
        return target;
    }
    let mut current = path.to_path_buf();
    // A link to a file not yet written: follow the links by hand (a few hops).
    for _ in 0..16 {
        let Ok(link) = fs::read_link(&current) else {
            break;
        };
        current = match current.parent() {
            Some(dir) => dir.join(link),
            None => link,
        };
    }
    current
}

/// Whether a path names something to write through rather than replace:
/// a character or block device, a FIFO or a socket.
fn is_special(meta: &fs::Metadata) -> bool {
    let kind = meta.file_type();
    !kind.is_file() && !kind.is_dir()
}

fn write_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), Error>,
) -> Result<(), Error> {
    let shown = path.display().to_string();
    let target = target_of(path);
    match fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => Err(io_error(
            &shown,
            io::Error::new(io::ErrorKind::IsADirectory, "is a folder"),
        )),
        Ok(meta) if is_special(&meta) => {
            let file = fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(|e| io_error(&shown, e))?;
            let mut out = BufWriter::new(file);
            write(&mut out)?;
            out.flush().map_err(|e| io_error(&shown, e))
        }
        Ok(meta) => replace_atomically(&target, &shown, Some(meta.permissions()), write),
        Err(_) => replace_atomically(&target, &shown, None, write),
    }
}

/// Replaces the folder `target` (or creates it) with one that `fill` writes:
/// `fill` gets an empty temporary folder beside `target`, which is renamed into
/// place only when `fill` succeeded. An old folder is first renamed aside, and
/// removed once the new one is in place (put back if that fails), so `target`
/// always holds one whole version.
pub fn replace_folder(
    target: &Path,
    fill: impl FnOnce(&Path) -> Result<(), Error>,
) -> Result<(), Error> {
    let shown = target.display().to_string();
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::Usage(format!("{shown} does not name a folder")))?;
    fs::create_dir_all(dir).map_err(|e| io_error(&shown, e))?;
    let aside = format!("{name}-old");
    remove_stale_temporaries(dir, &name);
    remove_stale_temporaries(dir, &aside);
    let tmp = dir.join(temporary_name(&name, std::process::id()));
    let old = dir.join(temporary_name(&aside, std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    let result = fs::create_dir(&tmp)
        .map_err(|e| io_error(&shown, e))
        .and_then(|()| fill(&tmp))
        .and_then(|()| swap_in(&tmp, target, &old).map_err(|e| io_error(&shown, e)));
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

/// Moves the folder `new` to `target`, an existing `target` aside to `old`
/// first (and back if the move fails); `old` is removed at the end.
fn swap_in(new: &Path, target: &Path, old: &Path) -> io::Result<()> {
    if fs::symlink_metadata(target).is_err() {
        return fs::rename(new, target);
    }
    let _ = fs::remove_dir_all(old);
    fs::rename(target, old)?;
    if let Err(e) = fs::rename(new, target) {
        let _ = fs::rename(old, target);
        return Err(e);
    }
    // The new site is in place; a leftover old one is removed by a later run.
    let _ = fs::remove_dir_all(old);
    Ok(())
}

/// The temporary file for `name` written by process `pid`.
fn temporary_name(name: &str, pid: u32) -> String {
    format!(".{name}.{pid}.tmp")
}

fn replace_atomically(
    path: &Path,
    shown: &str,
    permissions: Option<fs::Permissions>,
    write: impl FnOnce(&mut dyn Write) -> Result<(), Error>,
) -> Result<(), Error> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    remove_stale_temporaries(dir, &name);
    let tmp = dir.join(temporary_name(&name, std::process::id()));
    let result = (|| {
        let file = fs::File::create(&tmp).map_err(|e| io_error(shown, e))?;
        if let Some(permissions) = permissions {
            file.set_permissions(permissions)
                .map_err(|e| io_error(shown, e))?;
        }
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        let file = out
            .into_inner()
            .map_err(|e| io_error(shown, e.into_error()))?;
        file.sync_all().map_err(|e| io_error(shown, e))?;
        fs::rename(&tmp, path).map_err(|e| io_error(shown, e))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Temporary files (or folders) for `name` left by runs that were killed:
/// removed when the process that wrote them is gone. Only where `/proc` tells which processes run.
fn remove_stale_temporaries(dir: &Path, name: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let pid = file_name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|pid| pid.parse::<u32>().ok());
        if let Some(pid) = pid {
            let gone = !Path::new(&format!("/proc/{pid}")).exists();
            if gone && pid != std::process::id() {
                let path = entry.path();
                match entry.file_type() {
                    Ok(kind) if kind.is_dir() => {
                        let _ = fs::remove_dir_all(path);
                    }
                    _ => {
                        let _ = fs::remove_file(path);
                    }
                }
            }
        }
    }
}

fn io_error(path: &str, source: io::Error) -> Error {
    Error::Io {
        path: path.to_string(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stale_temporary_of_a_dead_process_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        // No process has this id (above the kernel's pid_max).
        let stale = dir.path().join(temporary_name("out.ttl", 4_194_999));
        let live = dir
            .path()
            .join(temporary_name("out.ttl", std::process::id()));
        let other = dir.path().join(".other.ttl.4194999.tmp");
        for p in [&stale, &live, &other] {
            fs::write(p, "x").unwrap();
        }
        remove_stale_temporaries(dir.path(), "out.ttl");
        assert!(!stale.exists());
        assert!(live.exists() && other.exists());
    }

    #[test]
    fn a_folder_is_replaced_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let write = |text: &'static str| {
            move |tmp: &Path| fs::write(tmp.join("index.html"), text).map_err(|e| io_error("x", e))
        };
        replace_folder(&site, write("one")).unwrap();
        fs::write(site.join("stray"), "x").unwrap();
        replace_folder(&site, write("two")).unwrap();
        assert_eq!(fs::read_to_string(site.join("index.html")).unwrap(), "two");
        assert!(!site.join("stray").exists());
        let failed = replace_folder(&site, |tmp| {
            fs::write(tmp.join("index.html"), "half").unwrap();
            Err(Error::Usage("stopped".into()))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read_to_string(site.join("index.html")).unwrap(), "two");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "temporary folders left: {left:?}");
    }
}
