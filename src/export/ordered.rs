//! Text written on all cores and joined in order: units (one subject's
//! statements each) are described and formatted a batch at a time on the
//! threads of the current rayon pool, then written one after another, so the
//! output is the same for any number of threads and memory holds two batches
//! of text, not the whole output. The next batch is formatted while the last
//! one is written, so writing does not leave the cores idle.

use super::iri::IriError;
use rayon::prelude::*;
use std::io;

/// Units formatted at once.
const BATCH: usize = 2048;

/// Units formatted by one task into one buffer: a unit's text is a few
/// hundred bytes, and a buffer of its own for each cost more in allocation
/// than the formatting.
const CHUNK: usize = 64;

/// Why writing stopped.
pub(super) enum Failure {
    /// A unit could not be described.
    Iri(IriError),
    /// The output refused the text.
    Io(io::Error),
}

/// The formatted text of a batch of units, in pieces of [`CHUNK`] units.
struct Batch<U> {
    units: Vec<U>,
    pieces: Vec<Piece>,
}

/// The text of consecutive units and where each one's text ends in it.
struct Piece {
    text: Vec<u8>,
    ends: Vec<usize>,
}

/// Formats each of `units` with `format` on all cores and hands the text to
/// `write` in the order of `units`.
pub(super) fn write_in_order<U: Send + Sync>(
    units: impl Iterator<Item = U>,
    format: impl Fn(&U, &mut Vec<u8>) -> Result<(), IriError> + Sync,
    mut write: impl FnMut(&U, &[u8]) -> io::Result<()>,
) -> Result<(), Failure> {
    let mut units = units.fuse();
    let mut ready: Option<Batch<U>> = None;
    loop {
        let next: Vec<U> = units.by_ref().take(BATCH).collect();
        if next.is_empty() && ready.is_none() {
            return Ok(());
        }
        // The pool formats `next` while this thread writes `ready`.
        let mut formatted = None;
        let written = rayon::in_place_scope(|scope| {
            if !next.is_empty() {
                scope.spawn(|_| formatted = Some(format_batch(next, &format)));
            }
            ready
                .take()
                .map_or(Ok(()), |batch| write_batch(&batch, &mut write))
        });
        written.map_err(Failure::Io)?;
        ready = formatted.transpose().map_err(Failure::Iri)?;
    }
}

fn format_batch<U: Sync>(
    units: Vec<U>,
    format: &(impl Fn(&U, &mut Vec<u8>) -> Result<(), IriError> + Sync),
) -> Result<Batch<U>, IriError> {
    let pieces = units
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut piece = Piece {
                text: Vec::new(),
                ends: Vec::with_capacity(chunk.len()),
            };
            for unit in chunk {
                format(unit, &mut piece.text)?;
                piece.ends.push(piece.text.len());
            }
            Ok(piece)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Batch { units, pieces })
}

fn write_batch<U>(
    batch: &Batch<U>,
    write: &mut impl FnMut(&U, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let mut units = batch.units.iter();
    for piece in &batch.pieces {
        let mut start = 0;
        for (&end, unit) in piece.ends.iter().zip(units.by_ref()) {
            write(unit, &piece.text[start..end])?;
            start = end;
        }
    }
    Ok(())
}
