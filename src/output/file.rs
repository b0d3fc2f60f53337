//! One output file: replaced atomically through a `tempfile::NamedTempFile`
//! beside it, or written through when it is a device or a pipe.

use super::{closed_pipe_is_done, io_error, is_special, split, stale, target_of};
use crate::error::Error;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Run `write` into the file at `path`. A symbolic link is followed and the file
/// it leads to replaced, keeping its mode; a character or block device, a FIFO
/// or a socket (`/dev/stdout`, `/dev/null`) is written through, never replaced;
/// a folder is an error. A regular file is replaced only once `write` succeeded
/// and everything reached the disk, so a failed run leaves the old file whole.
pub fn write_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), Error>,
) -> Result<(), Error> {
    // `/dev/stdout` on a pipe links to `pipe:[N]`, a name no path reaches:
    // what the path opens decides, before any link is followed by name.
    if fs::metadata(path).is_ok_and(|meta| is_special(&meta)) {
        return write_through(path, path, write);
    }
    let target = target_of(path);
    match fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => Err(io_error(
            path,
            io::Error::new(io::ErrorKind::IsADirectory, "is a folder"),
        )),
        Ok(meta) => replace(&target, path, Some(meta.permissions()), write),
        Err(_) => replace(&target, path, None, write),
    }
}

/// Writes straight into a device, a FIFO or a socket; `shown` names it in errors.
fn write_through(
    target: &Path,
    shown: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), Error>,
) -> Result<(), Error> {
    let file = fs::OpenOptions::new()
        .write(true)
        .open(target)
        .map_err(|e| io_error(shown, e))?;
    let mut out = BufWriter::new(file);
    // `-o /dev/stdout | head`: as on standard output.
    closed_pipe_is_done(write(&mut out).and_then(|_| out.flush().map_err(|e| io_error(shown, e))))
}

/// Writes `target` through a temporary file beside it; `shown` names it in errors.
fn replace(
    target: &Path,
    shown: &Path,
    permissions: Option<fs::Permissions>,
    write: impl FnOnce(&mut dyn Write) -> Result<(), Error>,
) -> Result<(), Error> {
    let (dir, name) = split(target, "output");
    stale::remove(&dir, &name);
    let mut tmp = temporary(&dir, &name).map_err(|e| io_error(shown, e))?;
    if let Some(permissions) = permissions {
        tmp.as_file()
            .set_permissions(permissions)
            .map_err(|e| io_error(shown, e))?;
    }
    // On any error the temporary file is removed when `tmp` is dropped.
    let mut out = BufWriter::new(tmp.as_file_mut());
    write(&mut out)?;
    out.flush().map_err(|e| io_error(shown, e))?;
    drop(out);
    tmp.as_file().sync_all().map_err(|e| io_error(shown, e))?;
    tmp.persist(target).map_err(|e| io_error(shown, e.error))?;
    Ok(())
}

/// A new temporary file for `name` in `dir`, with the mode a new file gets
/// (`tempfile` would make it readable by its owner only).
pub(super) fn temporary(dir: &Path, name: &str) -> io::Result<tempfile::NamedTempFile> {
    let prefix = stale::prefix(name);
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(&prefix)
        .suffix(stale::SUFFIX)
        .rand_bytes(stale::RANDOM_LEN);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_text(path: &Path, text: &str) -> Result<(), Error> {
        write_file(path, |out| {
            out.write_all(text.as_bytes())
                .map_err(|e| io_error(path, e))
        })
    }

    use super::super::tests::names;

    #[test]
    fn a_new_file_is_written_and_nothing_else_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.ttl");
        write_text(&path, "new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(names(dir.path()), ["out.ttl"]);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.ttl");
        fs::write(&path, "old").unwrap();
        let result = write_file(&path, |out| {
            out.write_all(b"half").unwrap();
            Err(Error::Usage("stopped".into()))
        });
        assert!(result.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(names(dir.path()), ["out.ttl"]);
    }

    #[test]
    fn a_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_text(dir.path(), "x").unwrap_err();
        assert!(err.to_string().contains("is a folder"), "{err}");
    }

    #[test]
    fn a_bare_name_is_written_in_the_current_folder() {
        let (dir, name) = split(Path::new("graph.ttl"), "output");
        assert_eq!(
            (dir.as_path(), name.as_str()),
            (Path::new("."), "graph.ttl")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_mode_of_any_new_file_and_an_old_one_keeps_its_own() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain");
        fs::File::create(&plain).unwrap();
        let new = dir.path().join("new.ttl");
        write_text(&new, "x").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&new), mode(&plain));

        let private = dir.path().join("private.ttl");
        fs::write(&private, "old").unwrap();
        fs::set_permissions(&private, fs::Permissions::from_mode(0o600)).unwrap();
        write_text(&private, "x").unwrap();
        assert_eq!(mode(&private), 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_followed_even_when_its_target_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.ttl");
        let link = dir.path().join("link.ttl");
        std::os::unix::fs::symlink("real.ttl", &link).unwrap();
        write_text(&link, "x").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "x");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_pipe_is_written_through() {
        use std::io::Read;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return;
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                let mut text = String::new();
                fs::File::open(&fifo)
                    .unwrap()
                    .read_to_string(&mut text)
                    .unwrap();
                text
            })
        };
        write_text(&fifo, "through").unwrap();
        assert_eq!(reader.join().unwrap(), "through");
        use std::os::unix::fs::FileTypeExt;
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }
}
