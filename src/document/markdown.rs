//! Markdown to blocks through pulldown-cmark's offset iterator.

use super::{Block, BlockKind, LineCursor, LineIndex, Link};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The deepest list nesting a block records (the most a `u8` holds); items
/// nested deeper are read at it.
pub const MAX_DEPTH: u8 = u8::MAX;

/// Parse the Markdown body starting at byte `body_start` of `text`.
pub(super) fn blocks(text: &str, body_start: usize, index: &LineIndex) -> Vec<Block> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
    let mut walker = Walker {
        index,
        cursor: LineCursor::default(),
        offset: body_start,
        blocks: Vec::new(),
        open: None,
        list_depth: 0,
        items: Vec::new(),
        html_buf: String::new(),
        html_start: None,
    };
    for (event, range) in Parser::new_ext(&text[body_start..], options).into_offset_iter() {
        let range = range.start + body_start..range.end + body_start;
        walker.event(event, range);
    }
    walker.flush_html();
    walker.flush();
    walker.blocks
}

/// A block being filled from inline events.
struct Open {
    block: Block,
    last_offset: usize,
    strong_depth: u32,
    lead_strong: Option<String>,
    lead_strong_done: bool,
    links: Vec<(String, usize, u32)>,
    cell_start: Option<usize>,
}

struct Walker<'a> {
    index: &'a LineIndex,
    /// Where the last line was found: events come in the order of the text.
    cursor: LineCursor,
    #[allow(dead_code)]
    offset: usize,
    blocks: Vec<Block>,
    open: Option<Open>,
    /// How many lists are open (however many: a block's depth stops at [`MAX_DEPTH`]).
    list_depth: usize,
    /// For each open list item: has its first block been started?
    items: Vec<bool>,
    /// Raw HTML collected until a table closes.
    html_buf: String,
    html_start: Option<usize>,
}

impl Walker<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t, range),
            Event::Code(t) => self.text(&format!("`{t}`"), range),
            Event::SoftBreak | Event::HardBreak => self.text("\n", range),
            Event::Html(html) => self.html(&html, range),
            Event::TaskListMarker(done) => {
                if let Some(open) = self.open.as_mut() {
                    open.block.checked = Some(done);
                }
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Heading { level, .. } => self.begin(BlockKind::Heading(level as u8), range.start),
            Tag::Paragraph => self.begin_paragraph(range.start),
            Tag::Item => {
                self.flush();
                self.items.push(true);
                self.begin(BlockKind::ListItem, range.start);
            }
            Tag::List(_) => {
                self.flush();
                self.list_depth += 1;
            }
            Tag::CodeBlock(_) => self.begin(BlockKind::Code, range.start),
            Tag::TableHead | Tag::TableRow => {
                self.begin(BlockKind::TableRow, range.start);
                if let (Tag::TableHead, Some(open)) = (&tag, self.open.as_mut()) {
                    open.block.table_head = true;
                }
            }
            Tag::TableCell => {
                if let Some(open) = self.open.as_mut() {
                    open.cell_start = Some(open.block.text.len());
                }
            }
            Tag::Strong => {
                if let Some(open) = self.open.as_mut() {
                    if open.strong_depth == 0
                        && !open.lead_strong_done
                        && open.block.text.trim().is_empty()
                    {
                        open.lead_strong = Some(String::new());
                    }
                    open.strong_depth += 1;
                }
            }
            Tag::Link { dest_url, .. } => {
                let line = self.index.line_from(&mut self.cursor, range.start);
                if let Some(open) = self.open.as_mut() {
                    open.links
                        .push((dest_url.to_string(), open.block.text.len(), line));
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_)
            | TagEnd::Paragraph
            | TagEnd::CodeBlock
            | TagEnd::TableHead
            | TagEnd::TableRow => self.flush(),
            TagEnd::Item => {
                self.flush();
                self.items.pop();
            }
            TagEnd::List(_) => {
                self.flush();
                self.list_depth = self.list_depth.saturating_sub(1);
            }
            TagEnd::TableCell => {
                if let Some(open) = self.open.as_mut() {
                    let start = open.cell_start.take().unwrap_or(open.block.text.len());
                    let cell = open.block.text[start..].trim().to_string();
                    open.block.cells.push(cell);
                    open.block.text.push_str(" | ");
                }
            }
            TagEnd::Strong => {
                if let Some(open) = self.open.as_mut() {
                    open.strong_depth = open.strong_depth.saturating_sub(1);
                    if open.strong_depth == 0 && open.lead_strong.is_some() {
                        open.lead_strong_done = true;
                    }
                }
            }
            TagEnd::Link => {
                if let Some(open) = self.open.as_mut()
                    && let Some((url, start, line)) = open.links.pop()
                {
                    let text = open.block.text[start..].to_string();
                    open.block.links.push(Link { text, url, line });
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str, range: Range<usize>) {
        if self.open.is_none() {
            // Text outside any block (e.g. inside an HTML block): keep it as a paragraph.
            self.begin(BlockKind::Paragraph, range.start);
        }
        let Some(open) = self.open.as_mut() else {
            return;
        };
        open.block.text.push_str(text);
        if open.strong_depth > 0 && !open.lead_strong_done {
            if let Some(lead) = open.lead_strong.as_mut() {
                lead.push_str(text);
            }
        } else if open.lead_strong.is_none() && !text.trim().is_empty() {
            open.lead_strong_done = true;
        }
        open.last_offset = open.last_offset.max(range.end);
    }

    /// Raw HTML: keep table rows, drop the rest (comments, styles, tags).
    fn html(&mut self, html: &str, range: Range<usize>) {
        self.html_buf.push_str(html);
        self.html_start.get_or_insert(range.start);
        let lower = self.html_buf.to_ascii_lowercase();
        if !lower.contains("<table") || lower.contains("</table") {
            self.flush_html();
        }
    }

    fn flush_html(&mut self) {
        if let Some(start) = self.html_start.take() {
            let html = std::mem::take(&mut self.html_buf);
            self.flush();
            self.blocks
                .extend(super::html::table_rows(&html, start, self.index));
        }
    }

    /// A paragraph inside a list item whose first block is still empty continues that block.
    fn begin_paragraph(&mut self, start: usize) {
        if let Some(open) = &self.open
            && open.block.kind == BlockKind::ListItem
            && open.block.text.trim().is_empty()
        {
            return;
        }
        self.begin(BlockKind::Paragraph, start);
    }

    fn begin(&mut self, kind: BlockKind, start: usize) {
        self.flush();
        let line = self.index.line_from(&mut self.cursor, start);
        let depth = match kind {
            BlockKind::Heading(_) => 0,
            _ => u8::try_from(self.list_depth).unwrap_or(MAX_DEPTH),
        };
        self.open = Some(Open {
            block: Block::new(kind, depth, String::new(), line, line),
            last_offset: start,
            strong_depth: 0,
            lead_strong: None,
            lead_strong_done: false,
            links: Vec::new(),
            cell_start: None,
        });
    }

    fn flush(&mut self) {
        let Some(open) = self.open.take() else { return };
        let mut block = open.block;
        block.end_line = self
            .index
            .last_line_from(&mut self.cursor, open.last_offset, open.last_offset)
            .max(block.line);
        if block.kind == BlockKind::Code {
            block.text = block.text.trim_end_matches('\n').to_string();
        }
        if let BlockKind::Heading(_) = block.kind {
            block.text = strip_shortcodes(&block.text);
        }
        block.lead_strong = open
            .lead_strong
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        let trimmed_end = block.text.trim_end().len();
        block.text.truncate(trimmed_end);
        if block.text.trim().is_empty() && block.cells.iter().all(|c| c.is_empty()) {
            return;
        }
        if block.kind == BlockKind::TableRow && block.text.ends_with(" |") {
            block.text.truncate(block.text.len() - 2);
        }
        self.blocks.push(block);
    }
}

/// Remove emoji shortcodes such as `:family:` from heading text.
fn strip_shortcodes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(':') {
        let after = &rest[start + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-')))
            .unwrap_or(after.len());
        let is_code = len > 0
            && after[len..].starts_with(':')
            && after[..len]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '+' || c == '-');
        if is_code {
            out.push_str(&rest[..start]);
            rest = &after[len + 1..];
        } else {
            out.push_str(&rest[..=start]);
            rest = after;
        }
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<Block> {
        blocks(text, 0, &LineIndex::new(text))
    }

    #[test]
    fn list_items_keep_lines_depth_and_lead_strong() {
        let text = "## Agenda\n\n- **Renovate** (Joe)\n\n  We replace it.\n\n  **Conclusion**: Done.\n- Next\n  - child\n";
        let b = parse(text);
        assert_eq!(b[0].kind, BlockKind::Heading(2));
        assert_eq!(
            (b[1].kind, b[1].depth, b[1].line),
            (BlockKind::ListItem, 1, 3)
        );
        assert_eq!(b[1].lead_strong.as_deref(), Some("Renovate"));
        assert_eq!(b[1].text, "Renovate (Joe)");
        assert_eq!((b[2].kind, b[2].line), (BlockKind::Paragraph, 5));
        assert_eq!(b[3].lead_strong.as_deref(), Some("Conclusion"));
        assert_eq!(b[3].line, 7);
        assert_eq!((b[4].text.as_str(), b[4].line), ("Next", 8));
        assert_eq!((b[5].text.as_str(), b[5].depth, b[5].line), ("child", 2, 9));
    }

    #[test]
    fn headings_lose_shortcodes_and_links_are_kept() {
        let b = parse("## :family: Participants\n\nsee [x](https://e.org/a) at 10:30:\n");
        assert_eq!(b[0].text, "Participants");
        assert_eq!(b[1].links[0].url, "https://e.org/a");
        assert_eq!(b[1].links[0].text, "x");
        assert!(b[1].text.ends_with("10:30:"));
    }

    #[test]
    fn task_items_and_tables() {
        let b = parse("* [x] done\n* [ ] open\n\n| Name | Org |\n|---|---|\n| Ann | X |\n");
        assert_eq!(b[0].checked, Some(true));
        assert_eq!(b[1].checked, Some(false));
        assert_eq!(b[3].cells, vec!["Ann", "X"]);
        assert_eq!(b[3].line, 6);
    }

    #[test]
    fn multi_line_paragraph_spans() {
        let b = parse("first\nsecond\nthird\n\nnext\n");
        assert_eq!((b[0].line, b[0].end_line), (1, 3));
        assert_eq!(b[0].text_lines().nth(2), Some((3, "third")));
    }
}
