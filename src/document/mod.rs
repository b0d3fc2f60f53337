//! Document structure: a minutes file becomes a flat list of [`Block`]s, each
//! with its 1-based line span, list depth and links, plus optional front matter.
//!
//! Markdown goes through a CommonMark parser (`markdown`); plain-text minutes
//! with bare section lines, numbered sections and `- ` items go through `plain`;
//! raw chat logs (IRC, MeetBot) go through `log`, which keeps who said each line.
//! Extraction only ever sees this block list, never raw Markdown.

mod front_matter;
mod html;
mod inline_code;
mod lines;
mod log;
mod markdown;
mod plain;

pub use front_matter::FrontMatter;
pub use inline_code::blank_inline_code;
pub use lines::{LineCursor, LineIndex};
pub use log::chat_message;

use crate::error::Diagnostic;

/// What kind of block a [`Block`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading of the given level (1-6). Plain-text section lines are level 2.
    Heading(u8),
    /// A paragraph (inside a list item when `depth > 0`).
    Paragraph,
    /// The first paragraph of a list item.
    ListItem,
    /// One row of a table; `cells` holds the cell texts.
    TableRow,
    /// A fenced or indented code block.
    Code,
}

/// A link found inside a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The visible link text.
    pub text: String,
    /// The destination URL.
    pub url: String,
    /// The 1-based line the link starts on.
    pub line: u32,
}

/// One structural unit of a document with its text and source span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Heading, paragraph, list item, ...
    pub kind: BlockKind,
    /// List nesting: 0 outside lists, 1 for a top-level item and its paragraphs.
    pub depth: u8,
    /// Inline text; each source line break inside the block is a `\n`.
    pub text: String,
    /// First line (1-based).
    pub line: u32,
    /// Last line (1-based, inclusive).
    pub end_line: u32,
    /// Links in the block.
    pub links: Vec<Link>,
    /// The text of a bold run that opens the block (`**Conclusion**: ...`).
    pub lead_strong: Option<String>,
    /// Task-list state of a list item: `Some(true)` for `[x]`.
    pub checked: Option<bool>,
    /// Table cells of a table row.
    pub cells: Vec<String>,
    /// Who posted the line, in a chat log (the nick, never a bot).
    pub speaker: Option<String>,
    /// Whether this table row is the table's header (column names, not content).
    pub table_head: bool,
}

impl Block {
    /// A block with no links, cells or markers.
    pub fn new(kind: BlockKind, depth: u8, text: String, line: u32, end_line: u32) -> Self {
        Block {
            kind,
            depth,
            text,
            line,
            end_line: end_line.max(line),
            links: Vec::new(),
            lead_strong: None,
            checked: None,
            cells: Vec::new(),
            speaker: None,
            table_head: false,
        }
    }

    /// The heading level, if this block is a heading.
    pub fn heading_level(&self) -> Option<u8> {
        crate::work::step(1);
        match self.kind {
            BlockKind::Heading(level) => Some(level),
            _ => None,
        }
    }

    /// The text lines of the block, each with its 1-based line number.
    pub fn text_lines(&self) -> impl Iterator<Item = (u32, &str)> {
        let first = self.line;
        self.text.split('\n').enumerate().map(move |(i, t)| {
            crate::work::step(1);
            (first + i as u32, t)
        })
    }
}

/// How a document was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// CommonMark with extensions.
    Markdown,
    /// Bare section lines and `- ` items.
    PlainText,
    /// A raw chat log: timestamps, `<nick>` and bot commands, one block a line.
    ChatLog,
}

/// A parsed minutes file.
#[derive(Clone, Debug)]
pub struct Document {
    /// Path relative to the input root.
    pub source: String,
    /// YAML front matter, when present.
    pub front_matter: Option<FrontMatter>,
    /// Blocks in document order.
    pub blocks: Vec<Block>,
    /// How the file was read.
    pub style: Style,
    /// Problems found while parsing (bad front matter, ...).
    pub diagnostics: Vec<Diagnostic>,
}

/// Parse `text` (already decoded, LF line endings) read from `source`.
pub fn parse(source: &str, text: &str) -> Document {
    let mut diagnostics = Vec::new();
    let (front_matter, body_start) = front_matter::split(source, text, &mut diagnostics);
    let index = LineIndex::new(text);
    let style = detect_style(source, &text[body_start..]);
    let blocks = match style {
        Style::Markdown => markdown::blocks(text, body_start, &index),
        Style::PlainText => plain::blocks(text, body_start, &index),
        Style::ChatLog => log::blocks(text, body_start, &index),
    };
    if let Some(deep) = blocks.iter().find(|b| b.depth == markdown::MAX_DEPTH) {
        diagnostics.push(Diagnostic::warning(
            source,
            Some(deep.line),
            format!(
                "lists nested {} or more deep; deeper items are read at depth {}",
                markdown::MAX_DEPTH,
                markdown::MAX_DEPTH
            ),
        ));
    }
    Document {
        source: source.to_string(),
        front_matter,
        blocks,
        style,
        diagnostics,
    }
}

/// A chat log whatever the extension (in Markdown `<nick>` would be read as
/// HTML); else Markdown unless a `.txt` file shows no Markdown structure at all.
/// Indented `- ` / `* ` items are as much plain text as Markdown, so they
/// decide nothing.
fn detect_style(source: &str, body: &str) -> Style {
    if log::is_log(body) {
        return Style::ChatLog;
    }
    let is_txt = source.to_ascii_lowercase().ends_with(".txt");
    if !is_txt {
        return Style::Markdown;
    }
    let markdown_like = body.lines().any(|l| {
        let t = l.trim_start();
        (t.starts_with('#') && t.trim_start_matches('#').starts_with(' '))
            || l.starts_with("* ")
            || t.starts_with("```")
            || t.starts_with("**")
    });
    if markdown_like {
        Style::Markdown
    } else {
        Style::PlainText
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indented_items_leave_plain_text_plain() {
        let text = "Orbit WG, 4 June 2025\n\n1. Transport draft (Ann Lee, 20 min)\n\n   Ann went through it.\n\nAction items\n   - Ann Lee: post -05\n   * Bo: book a room\n";
        let doc = parse("minutes-orbit.txt", text);
        assert_eq!(doc.style, Style::PlainText);
        assert_eq!(doc.blocks[1].kind, BlockKind::Heading(2));
        assert_eq!(doc.blocks[3].text, "Action items");
        assert_eq!(doc.blocks[3].kind, BlockKind::Heading(2));
        // Headings, fences and column-0 `* ` bullets are Markdown.
        assert_eq!(parse("a.txt", "# Sync\n\n- a\n").style, Style::Markdown);
        assert_eq!(parse("a.txt", "Sync\n* a\n").style, Style::Markdown);
    }

    #[test]
    fn lists_deeper_than_the_limit_are_read_at_it_with_a_warning() {
        let mut text = String::from("# Call\n\n");
        for d in 0..300 {
            text.push_str(&format!("{}- level {}\n", "  ".repeat(d), d + 1));
        }
        // Back up to level 100, and a new list after a paragraph.
        text.push_str(&format!(
            "{}- back at 100\n\nText.\n\n- top\n",
            "  ".repeat(99)
        ));
        let doc = parse("deep.md", &text);
        let depth_of = |t: &str| doc.blocks.iter().find(|b| b.text == t).unwrap().depth;
        assert_eq!(depth_of("level 254"), 254);
        assert_eq!(depth_of("level 255"), 255);
        assert_eq!(depth_of("level 300"), 255);
        assert_eq!(depth_of("back at 100"), 100);
        assert_eq!(depth_of("top"), 1);
        let warnings: Vec<String> = doc.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            warnings,
            [
                "deep.md:257: warning: lists nested 255 or more deep; deeper items are read at depth 255"
            ]
        );
    }

    #[test]
    fn chat_logs_whatever_the_extension() {
        let log = "[09:00] <ann> #topic Mirrors\n[09:01] <bo> mirror is slow\n[09:02] <ann> #agreed move it\n";
        assert_eq!(parse("sync.log.txt", log).style, Style::ChatLog);
        let doc = parse("sync.md", log);
        assert_eq!(doc.style, Style::ChatLog);
        assert_eq!(doc.blocks[1].speaker.as_deref(), Some("bo"));
    }
}
