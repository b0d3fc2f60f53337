//! One cache entry on disk: a magic string, the SHA-256 of the payload, then the
//! payload, the record and diagnostics as JSON. The checksum catches an entry cut
//! short or damaged, which is then treated as missing; entries are written to a
//! temporary file in the same folder and renamed into place, so a reader never
//! sees one half written.

use super::Extracted;
use crate::error::Diagnostic;
use crate::extract::FileRecord;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{self, Write};
use std::path::Path;

/// The start of every entry; the digit counts up with [`super::key::FORMAT`].
const MAGIC: &[u8; 8] = b"mgcache2";

/// The start of the names of temporary files, left only by a run that was killed.
pub const TEMP_PREFIX: &str = ".tmp";

const SUM: usize = 32;

#[derive(Serialize)]
struct EntryRef<'a> {
    record: &'a FileRecord,
    diagnostics: &'a [Diagnostic],
}

#[derive(Deserialize)]
struct Entry {
    record: FileRecord,
    diagnostics: Vec<Diagnostic>,
}

/// The bytes of an entry holding `extracted`.
pub fn encode(extracted: &Extracted) -> Vec<u8> {
    let (record, diagnostics) = extracted;
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[0; SUM]);
    serde_json::to_writer(
        &mut out,
        &EntryRef {
            record,
            diagnostics,
        },
    )
    .expect("records serialise to JSON");
    let sum = Sha256::digest(&out[MAGIC.len() + SUM..]);
    out[MAGIC.len()..MAGIC.len() + SUM].copy_from_slice(&sum);
    out
}

/// What an entry holds; `None` when it is not a whole entry of this format.
pub fn decode(bytes: &[u8]) -> Option<Extracted> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (sum, payload) = rest.split_at_checked(SUM)?;
    if Sha256::digest(payload).as_slice() != sum {
        return None;
    }
    let entry: Entry = serde_json::from_slice(payload).ok()?;
    Some((entry.record, entry.diagnostics))
}

/// Writes the entry holding `extracted` at `path`, atomically.
pub fn write(path: &Path, extracted: &Extracted) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)?;
    temp.write_all(&encode(extracted))?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::MeetingRecord;

    fn sample() -> Extracted {
        let record = FileRecord {
            source: "2024/notes.md".into(),
            meetings: vec![MeetingRecord {
                date: Some(jiff::civil::date(2024, 3, 5)),
                title: Some("Sync \"weekly\" ü".into()),
                line: 1,
                end_line: 40,
                ..MeetingRecord::default()
            }],
        };
        let diagnostics = vec![Diagnostic::warning(
            "x/notes.md",
            Some(3),
            "no attendees found",
        )];
        (record, diagnostics)
    }

    #[test]
    fn an_entry_gives_back_what_was_kept() {
        let kept = sample();
        assert_eq!(decode(&encode(&kept)), Some(kept));
    }

    #[test]
    fn a_damaged_entry_is_no_entry() {
        let bytes = encode(&sample());
        for cut in [0, 5, MAGIC.len() + SUM, bytes.len() - 1] {
            assert_eq!(decode(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        let last = flipped.len() - 2;
        flipped[last] ^= 1;
        assert_eq!(decode(&flipped), None);
        let mut other = bytes;
        other[7] = b'0';
        assert_eq!(decode(&other), None);
    }
}
