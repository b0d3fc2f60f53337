//! Writing command output to stdout or atomically to a file.

use crate::error::Error;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Run `write` against stdout, or against a temporary file beside `path` that is
/// renamed over `path` only when everything was written. A closed stdout pipe is not an error.
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
        Some(path) => write_atomically(path, write),
    }
}

fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), Error>,
) -> Result<(), Error> {
    let shown = path.display().to_string();
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let file = std::fs::File::create(&tmp).map_err(|e| io_error(&shown, e))?;
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        let file = out
            .into_inner()
            .map_err(|e| io_error(&shown, e.into_error()))?;
        file.sync_all().map_err(|e| io_error(&shown, e))?;
        std::fs::rename(&tmp, path).map_err(|e| io_error(&shown, e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn io_error(path: &str, source: io::Error) -> Error {
    Error::Io {
        path: path.to_string(),
        source,
    }
}
