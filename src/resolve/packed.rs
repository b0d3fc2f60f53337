//! A file's extraction record packed into a compact binary form while the
//! records of every file wait to be merged.
//!
//! Identities are resolved across all files before any file is merged, so every
//! record must be kept until then. Held as Rust values, a record takes several
//! times the size of the minutes it was read from (a `String` and its heap
//! block per name mentioned); packed with postcard it takes a fraction of it,
//! and the graph is built unpacking one record at a time.

use crate::extract::FileRecord;

/// One file's record, packed; [`PackedRecord::unpack`] gives it back whole.
#[derive(Clone, Debug)]
pub struct PackedRecord {
    source: Box<str>,
    bytes: Box<[u8]>,
}

impl PackedRecord {
    /// Packs `record`.
    pub fn pack(record: &FileRecord) -> Self {
        PackedRecord {
            source: record.source.as_str().into(),
            bytes: postcard::to_allocvec(record)
                .expect("records serialise")
                .into_boxed_slice(),
        }
    }

    /// The record's source path.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Number of bytes the packed record takes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the packed record takes no bytes (never: a record has a source).
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The record as it was packed.
    pub fn unpack(&self) -> FileRecord {
        postcard::from_bytes(&self.bytes).expect("a record reads back as it was packed")
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
        assert_eq!(packed.unpack(), record);
        assert_eq!(packed.source(), "team/2024-03-05.md");
        let json = serde_json::to_vec(&record).unwrap().len();
        assert!(
            packed.len() * 3 < json,
            "{} bytes packed, {json} as JSON",
            packed.len()
        );
    }
}
