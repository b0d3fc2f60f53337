//! Text renderers shared by the query commands: JSON, CSV (RFC 4180), Markdown
//! tables and the escaping each target needs, plus the timeline's own formats.
//! They only format query results; nothing here looks at the graph.

pub mod timeline;

use minutegraph::error::Error;
use minutegraph::export::csv::Table;
use minutegraph::export::neutral::visible_controls;
use serde::Serialize;
use std::io::Write;

/// An I/O failure while writing command output.
pub fn io(source: std::io::Error) -> Error {
    Error::Io {
        path: "<output>".into(),
        source,
    }
}

/// Pretty JSON (fields in declaration order) and a final newline.
pub fn write_json<T: Serialize>(out: &mut dyn Write, value: &T) -> Result<(), Error> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::Export {
        format: "json",
        message: e.to_string(),
    })?;
    writeln!(out, "{text}").map_err(io)
}

/// A CSV table: a header row, then one row per record, CRLF line ends, cells
/// safe for spreadsheets and terminals (the export's own [`Table`] writer).
pub fn write_csv(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> Result<(), Error> {
    let mut table = Table::new(out, header).map_err(io)?;
    for row in rows {
        table.record(row).map_err(io)?;
    }
    table.finish().map_err(io)
}

/// A Markdown table; cells are put on one line and their `|` escaped.
pub fn write_markdown_table(
    out: &mut dyn Write,
    header: &[&str],
    rows: &[Vec<String>],
) -> Result<(), Error> {
    writeln!(out, "| {} |", header.join(" | ")).map_err(io)?;
    writeln!(out, "|{}", "---|".repeat(header.len())).map_err(io)?;
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| markdown_cell(c)).collect();
        writeln!(out, "| {} |", cells.join(" | ")).map_err(io)?;
    }
    Ok(())
}

/// Widest a cell of an aligned table may be, in terminal columns.
pub const CELL_WIDTH: usize = 60;

/// A table for the terminal: columns padded to their widest cell, cells on
/// one line with control characters shown and cut at [`CELL_WIDTH`] columns
/// (ending in `…`), a rule under the header.
pub fn write_aligned_table(
    out: &mut dyn Write,
    header: &[&str],
    rows: &[Vec<String>],
) -> Result<(), Error> {
    use unicode_width::UnicodeWidthStr;
    let cell = |text: &str| cut(&one_line(text), CELL_WIDTH);
    let header: Vec<String> = header.iter().map(|h| cell(h)).collect();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| cell(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.width());
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(c.width()))))
            .collect();
        padded.join("  ").trim_end().to_string()
    };
    writeln!(out, "{}", line(&header)).map_err(io)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", rule.join("  ")).map_err(io)?;
    for row in &rows {
        writeln!(out, "{}", line(row)).map_err(io)?;
    }
    Ok(())
}

/// `text` cut to at most `width` terminal columns, ending in `…` when cut.
fn cut(text: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Text for a Markdown table cell: [`markdown_text`] with `|` escaped.
pub fn markdown_cell(text: &str) -> String {
    markdown_text(text).replace('|', "\\|")
}

/// Text for Markdown output: one line, and `<`, `[` and `]` escaped so that
/// HTML and links in the minutes (`[x](javascript:…)`) show as text instead of
/// becoming markup.
pub fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        if matches!(c, '<' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text on one line: every run of whitespace (newlines included) becomes one
/// space, and control characters are shown, never sent (no terminal escapes).
pub fn one_line(text: &str) -> String {
    visible_controls(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// An inline code span that holds `text` whatever backticks it contains.
pub fn code_span(text: &str) -> String {
    let text = one_line(text);
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    if longest == 0 {
        format!("{fence}{text}{fence}")
    } else {
        format!("{fence} {text} {fence}")
    }
}

/// Text a Mermaid `timeline` line can hold: one line, without the `:` that
/// separates events, the `#` and `;` Mermaid reads as entity codes and
/// statement ends, or the `<` `>` `%` `{` `}` it may read as markup.
pub fn mermaid_text(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| match c {
            ':' | ';' => ' ',
            '#' | '<' | '>' | '%' | '{' | '}' | '`' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let line = one_line(&cleaned);
    if line.is_empty() { "-".into() } else { line }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_neutralised() {
        let mut out = Vec::new();
        let rows = vec![vec![
            "a,b".to_string(),
            "@cmd|' /C calc'!A0".into(),
            "x\u{1b}[2J".into(),
        ]];
        write_csv(&mut out, &["one", "two", "three"], &rows).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "one,two,three\r\n\"a,b\",'@cmd|' /C calc'!A0,x\u{241b}[2J\r\n"
        );
    }

    #[test]
    fn aligned_tables_pad_cut_and_show_controls() {
        let mut out = Vec::new();
        let rows = vec![
            vec!["a".to_string(), "x\u{1b}[31my".to_string()],
            vec!["long".repeat(20), "é".to_string()],
        ];
        write_aligned_table(&mut out, &["k", "v"], &rows).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(!text.contains('\u{1b}'));
        assert!(lines[2].starts_with("a "));
        assert_eq!(lines[3].chars().filter(|c| *c == '…').count(), 1);
        let value_column = lines[0].find('v').unwrap();
        assert_eq!(lines[3].chars().position(|c| c == 'é'), Some(value_column));
    }

    #[test]
    fn escapes_markdown() {
        assert_eq!(markdown_cell("a | b\nc"), "a \\| b c");
        assert_eq!(markdown_text("<b>x</b>"), "\\<b>x\\</b>");
        assert_eq!(
            markdown_text("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(
            one_line("a\u{1b}]0;owned\u{7}b"),
            "a\u{241b}]0;owned\u{2407}b"
        );
        assert_eq!(code_span("a`b"), "`` a`b ``");
        assert_eq!(code_span("x.md:3"), "`x.md:3`");
    }

    #[test]
    fn strips_mermaid_syntax() {
        assert_eq!(
            mermaid_text("Keycloak: 24 #373; <b>\nnext"),
            "Keycloak 24 373 b next"
        );
        assert_eq!(mermaid_text(":#;"), "-");
        assert_eq!(mermaid_text("Déploiement 🚀"), "Déploiement 🚀");
    }
}
