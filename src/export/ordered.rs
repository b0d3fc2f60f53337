//! Text written on all cores and joined in order: units (one subject's
//! statements each) are described and formatted a batch at a time on the
//! threads of the current rayon pool, then written one after another, so the
//! output is the same for any number of threads and memory holds one batch
//! of text, not the whole output.

use super::iri::IriError;
use rayon::prelude::*;
use std::io;

/// Units formatted at once.
const BATCH: usize = 2048;

/// Why writing stopped.
pub(super) enum Failure {
    /// A unit could not be described.
    Iri(IriError),
    /// The output refused the text.
    Io(io::Error),
}

/// Formats each of `units` with `format` on all cores and hands the text to
/// `write` in the order of `units`.
pub(super) fn write_in_order<U: Sync>(
    units: impl Iterator<Item = U>,
    format: impl Fn(&U, &mut Vec<u8>) -> Result<(), IriError> + Sync,
    mut write: impl FnMut(&U, &[u8]) -> io::Result<()>,
) -> Result<(), Failure> {
    let mut units = units.peekable();
    let mut batch = Vec::with_capacity(BATCH);
    while units.peek().is_some() {
        batch.clear();
        batch.extend(units.by_ref().take(BATCH));
        let texts = batch
            .par_iter()
            .map(|unit| {
                let mut text = Vec::new();
                format(unit, &mut text).map(|()| text)
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(Failure::Iri)?;
        for (unit, text) in batch.iter().zip(&texts) {
            write(unit, text).map_err(Failure::Io)?;
        }
    }
    Ok(())
}
