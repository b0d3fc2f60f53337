//! Writing outputs without losing what was there: one file replaced atomically,
//! several files of one output replaced together, devices and pipes written
//! through, and outputs that would overwrite the minutes refused.
//!
//! Every command's `-o` goes through here, so the rules are the same for an
//! export, a timeline or a table. Temporary files are made with `tempfile` beside
//! their target and carry the writing process's id, so those left by a killed run
//! are recognised and removed by the next one.

mod file;
mod folder;
mod stale;

pub use file::write_file;
pub use folder::{FolderFile, replace_folder, write_folder};

use crate::error::Error;
use crate::pipeline::Outcome;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Whether the output of a run is to be written (see [`check`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Write it.
    Write,
    /// Nothing could be read: leave the path as it is.
    NothingRead,
}

/// Whether the output of a run that read `outcome` may be written to `path`: an
/// error when `path` (or the file a link at `path` leads to) is one of the files
/// read, unless it is a graph of ours; [`Verdict::NothingRead`] when no file
/// could be read and `path` is not a device or pipe, so an existing output is
/// never replaced by an empty one.
pub fn check(outcome: &Outcome, path: &Path) -> Result<Verdict, Error> {
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
                "{} is one of the files being read; refusing to write over it",
                path.display()
            )));
        }
    }
    let special = fs::metadata(&target).is_ok_and(|m| is_special(&m));
    if outcome.files_read == 0 && !special {
        return Ok(Verdict::NothingRead);
    }
    Ok(Verdict::Write)
}

/// Whether the file at `path` is one of our own exports.
fn is_own_output(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(4096).read_to_end(&mut head))
        .is_ok_and(|_| crate::source::is_own_output(&head))
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

/// A write whose reader stopped early (`| head`) is no error: the reader had
/// what it wanted.
pub fn closed_pipe_is_done(written: Result<(), Error>) -> Result<(), Error> {
    match written {
        Err(Error::Io { source, .. }) if source.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Whether a path names something to write through rather than replace:
/// a character or block device, a FIFO or a socket.
fn is_special(meta: &fs::Metadata) -> bool {
    let kind = meta.file_type();
    !kind.is_file() && !kind.is_dir()
}

/// The folder `path` is in (`.` for a bare name) and its file name.
fn split(path: &Path, fallback: &str) -> (PathBuf, String) {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| fallback.into());
    (dir.to_path_buf(), name)
}

fn io_error(path: &Path, source: io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        source,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::fs;
    use std::path::Path;

    /// The names in a folder, sorted.
    pub(crate) fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}
