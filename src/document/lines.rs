//! Byte offsets to 1-based line numbers, computed once per document.

/// A table of line starts for one text.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Index the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> u32 {
        crate::work::step(1);
        self.starts.partition_point(|&s| s <= offset) as u32
    }

    /// The 1-based line holding the last byte before `end` (for exclusive ends).
    pub fn last_line_of(&self, start: usize, end: usize) -> u32 {
        let last = if end > start { end - 1 } else { start };
        self.line_of(last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_offsets_to_lines() {
        let idx = LineIndex::new("a\nbc\n\nd");
        assert_eq!(idx.line_of(0), 1);
        assert_eq!(idx.line_of(2), 2);
        assert_eq!(idx.line_of(4), 2);
        assert_eq!(idx.line_of(5), 3);
        assert_eq!(idx.line_of(6), 4);
        assert_eq!(idx.last_line_of(2, 5), 2);
    }
}
