//! A file's extraction record packed into a compact binary form while the
//! records of every file wait to be merged.
//!
//! Identities are resolved across all files before any file is merged, so every
//! record must be kept until then. Held as Rust values, a record takes several
//! times the size of the minutes it was read from (a `String` and its heap
//! block per name mentioned); packed with postcard it takes a fraction of it,
//! and the graph is built unpacking one record at a time.
//!
//! A record of far more agenda items, decisions and actions than any minutes
//! hold (a generated or hostile file) is kept whole: the graph is built
//! visiting the records twice, and unpacking it twice costs more time than
//! its packed form saves memory, beside a graph of a node per occurrence.

use crate::extract::FileRecord;
use std::borrow::Cow;

/// Records with more occurrences (agenda items, decisions and actions) than
/// this are kept whole.
const KEPT_WHOLE_FROM: usize = 20_000;

/// One file's record, packed; [`PackedRecord::unpack`] gives it back whole.
#[derive(Clone, Debug)]
pub struct PackedRecord {
    source: Box<str>,
    kept: Kept,
}

#[derive(Clone, Debug)]
enum Kept {
    Packed(Box<[u8]>),
    Whole(Box<FileRecord>),
}

impl PackedRecord {
    /// Packs `record`.
    pub fn pack(record: &FileRecord) -> Self {
        PackedRecord {
            source: record.source.as_str().into(),
            kept: Kept::Packed(
                postcard::to_allocvec(record)
                    .expect("records serialise")
                    .into_boxed_slice(),
            ),
        }
    }

    /// Packs `record`, or keeps it whole when it holds more occurrences than
    /// any minutes (see the module's notes).
    pub fn keep(record: FileRecord) -> Self {
        let occurrences: usize = record
            .meetings
            .iter()
            .map(|m| m.items.len() + m.decisions.len() + m.actions.len())
            .sum();
        if occurrences < KEPT_WHOLE_FROM {
            return Self::pack(&record);
        }
        PackedRecord {
            source: record.source.as_str().into(),
            kept: Kept::Whole(Box::new(record)),
        }
    }

    /// The record's source path.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Number of bytes the packed record takes (0 for one kept whole).
    pub fn len(&self) -> usize {
        match &self.kept {
            Kept::Packed(bytes) => bytes.len(),
            Kept::Whole(_) => 0,
        }
    }

    /// Whether the record takes no packed bytes (only when kept whole: a
    /// packed record has a source).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The record as it was packed, to keep.
    pub fn into_record(self) -> FileRecord {
        match self.kept {
            Kept::Packed(bytes) => {
                postcard::from_bytes(&bytes).expect("a record reads back as it was packed")
            }
            Kept::Whole(record) => *record,
        }
    }

    /// The record as it was packed.
    pub fn unpack(&self) -> Cow<'_, FileRecord> {
        match &self.kept {
            Kept::Packed(bytes) => Cow::Owned(
                postcard::from_bytes(bytes).expect("a record reads back as it was packed"),
            ),
            Kept::Whole(record) => Cow::Borrowed(record),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::extract::FileContext;

    #[test]
    fn records_read_back_as_they_were_packed_and_smaller() {
        let text = "# Weekly sync 2024-03-05\n\nAttendees: Ann Lee (@ann), Bob Ray\n\n\
            ## Agenda\n\n- Release 1.2 (#42), presented by @ann\n- CI on GitHub Actions\n\n\
            ## Decisions\n\n- Decision: ship 1.2 on Friday\n\n\
            ## Actions\n\n- [ ] @bob: update the docs by 2024-03-08\n";
        let doc = crate::document::parse("team/2024-03-05.md", text);
        let (record, _) =
            crate::extract::extract(&doc, &Config::default(), &FileContext::default());
        assert!(!record.meetings[0].items.is_empty());
        let packed = PackedRecord::pack(&record);
        assert_eq!(*packed.unpack(), record);
        assert_eq!(packed.source(), "team/2024-03-05.md");
        let json = serde_json::to_vec(&record).unwrap().len();
        assert!(
            packed.len() * 3 < json,
            "{} bytes packed, {json} as JSON",
            packed.len()
        );
    }

    #[test]
    fn a_record_of_more_items_than_any_minutes_is_kept_whole_and_reads_back_the_same() {
        let text = "# Call 2024-03-05\n\n## Agenda\n\n- first\n- second\n";
        let doc = crate::document::parse("big.md", text);
        let (mut record, _) =
            crate::extract::extract(&doc, &Config::default(), &FileContext::default());
        let small = PackedRecord::keep(record.clone());
        assert!(!small.is_empty(), "a record of minutes is packed");
        let item = record.meetings[0].items[0].clone();
        record.meetings[0].items = vec![item; KEPT_WHOLE_FROM];
        let kept = PackedRecord::keep(record.clone());
        assert!(kept.is_empty(), "kept whole, not packed");
        assert_eq!(*kept.unpack(), record);
        assert_eq!(kept.source(), "big.md");
        assert_eq!(kept.into_record(), record);
        assert_eq!(small.into_record().meetings[0].items.len(), 2);
    }
}
