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
        self.line_of(last_byte(start, end))
    }

    /// [`line_of`](Self::line_of), searched onwards from the line `cursor`
    /// found last (and left at the line found): offsets asked for in order
    /// are found in a step or two, not by a search of the whole table.
    pub fn line_from(&self, cursor: &mut LineCursor, offset: usize) -> u32 {
        let starts = &self.starts;
        let at = cursor.0.min(starts.len() - 1);
        if starts[at] > offset {
            let line = self.line_of(offset);
            cursor.0 = line as usize - 1;
            return line;
        }
        crate::work::step(1);
        // Strides that double from the cursor, then a search of the last stride.
        let (mut from, mut stride) = (at, 1);
        while from + stride < starts.len() && starts[from + stride] <= offset {
            from += stride;
            stride *= 2;
        }
        let to = (from + stride).min(starts.len());
        let line = from + starts[from..to].partition_point(|&s| s <= offset);
        cursor.0 = line - 1;
        line as u32
    }

    /// [`last_line_of`](Self::last_line_of) through a cursor ([`line_from`](Self::line_from)).
    pub fn last_line_from(&self, cursor: &mut LineCursor, start: usize, end: usize) -> u32 {
        self.line_from(cursor, last_byte(start, end))
    }
}

/// Where a [`LineIndex`] last found a line.
#[derive(Clone, Copy, Debug, Default)]
pub struct LineCursor(usize);

/// The last byte of `start..end`, or `start` when it is empty.
fn last_byte(start: usize, end: usize) -> usize {
    if end > start { end - 1 } else { start }
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

    #[test]
    fn a_cursor_finds_the_lines_a_search_finds_in_any_order() {
        let text: String = (0..300).map(|n| "x\n".repeat(n % 5) + "line\n").collect();
        let idx = LineIndex::new(&text);
        let mut offsets: Vec<usize> = (0..text.len() + 1).collect();
        // In order, backwards, and in jumps both ways.
        offsets.extend((0..text.len() + 1).rev());
        offsets.extend(
            (0..text.len() + 1)
                .step_by(97)
                .chain((0..text.len() + 1).step_by(13).rev()),
        );
        let mut cursor = LineCursor::default();
        for offset in offsets {
            assert_eq!(
                idx.line_from(&mut cursor, offset),
                idx.line_of(offset),
                "{offset}"
            );
            let end = offset + 3;
            assert_eq!(
                idx.last_line_from(&mut cursor, offset, end),
                idx.last_line_of(offset, end),
                "{offset}"
            );
        }
    }
}
