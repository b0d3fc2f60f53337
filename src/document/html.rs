//! Raw HTML blocks inside Markdown: table rows become [`Block`]s (attendance
//! tables exported from office documents are HTML); everything else is ignored.

use super::{Block, BlockKind, LineIndex};

/// Table rows of an HTML fragment that starts at byte `offset` of the document.
pub(super) fn table_rows(html: &str, offset: usize, index: &LineIndex) -> Vec<Block> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = find_tag(&lower, "tr", at) {
        let end = lower[start..]
            .find("</tr")
            .map_or(html.len(), |e| start + e);
        let cells = cells(&html[start..end], &lower[start..end]);
        if !cells.iter().all(String::is_empty) {
            let line = index.line_of(offset + start);
            let end_line = index.line_of(offset + end.saturating_sub(1).max(start));
            let mut block = Block::new(BlockKind::TableRow, 0, cells.join(" | "), line, end_line);
            block.cells = cells;
            out.push(block);
        }
        at = end.max(start + 3);
    }
    out
}

fn cells(row: &str, lower: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 0;
    loop {
        let td = find_tag(lower, "td", at);
        let th = find_tag(lower, "th", at);
        let Some(start) = [td, th].into_iter().flatten().min() else {
            break;
        };
        let open_end = lower[start..]
            .find('>')
            .map_or(row.len(), |e| start + e + 1);
        let close = [
            lower[open_end..].find("</td"),
            lower[open_end..].find("</th"),
            lower[open_end..].find("<td"),
            lower[open_end..].find("<th"),
        ]
        .into_iter()
        .flatten()
        .min()
        .map_or(row.len(), |e| open_end + e);
        out.push(text_of(&row[open_end..close]));
        at = close.max(start + 3);
    }
    out
}

/// Position of the next `<tag` (followed by `>` or whitespace) at or after `from`.
fn find_tag(lower: &str, tag: &str, from: usize) -> Option<usize> {
    let pattern = format!("<{tag}");
    let mut at = from;
    while let Some(i) = lower.get(at..)?.find(&pattern) {
        let pos = at + i;
        let next = lower[pos + pattern.len()..].chars().next();
        if next.is_some_and(|c| c == '>' || c.is_whitespace()) {
            return Some(pos);
        }
        at = pos + pattern.len();
    }
    None
}

/// Text of an HTML fragment: tags removed, common entities decoded, whitespace collapsed.
pub(super) fn text_of(fragment: &str) -> String {
    let mut text = String::with_capacity(fragment.len());
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let decoded = decode_entities(&text);
    let collapsed = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .replace(" ,", ",")
        .replace("( ", "(")
        .replace(" )", ")")
}

fn decode_entities(text: &str) -> String {
    text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_cells_with_lines() {
        let html = "<table>\n  <tr>\n   <td>X\n   </td>\n   <td>Ann Lee (ACME, <strong>TAC</strong>)\n   </td>\n  </tr>\n</table>\n";
        let rows = table_rows(html, 0, &LineIndex::new(html));
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].cells, vec!["X", "Ann Lee (ACME, TAC)"]);
        assert_eq!(rows[0].line, 2);
    }
}
