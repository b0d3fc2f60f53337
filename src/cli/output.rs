//! Writing command output to stdout, or to a file through
//! [`minutegraph::output`] (atomic replacement, devices written through, inputs
//! refused).

use minutegraph::error::Error;
use minutegraph::output::{self, Verdict};
use minutegraph::pipeline::Outcome;
use std::io::{self, BufWriter, Write};
use std::path::Path;

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
            output::closed_pipe_is_done(write(&mut out).and_then(|_| {
                out.flush().map_err(|source| Error::Io {
                    path: "<stdout>".into(),
                    source,
                })
            }))
        }
        Some(path) => output::write_file(path, write),
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
    if let Some(path) = path
        && !check_output(outcome, path)?
    {
        return Ok(());
    }
    write_output(path, write)
}

/// Whether the output of a run that read `outcome` is to be written to `path`
/// ([`output::check`]); when nothing could be read, says so on stderr.
pub fn check_output(outcome: &Outcome, path: &Path) -> Result<bool, Error> {
    match output::check(outcome, path)? {
        Verdict::Write => Ok(true),
        Verdict::NothingRead => {
            eprintln!(
                "minutegraph: no minutes could be read; {} not written",
                path.display()
            );
            Ok(false)
        }
    }
}
