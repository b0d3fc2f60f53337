//! Text from minutes made harmless for the place it is written to: terminals
//! (escape sequences), spreadsheets (formulas) and HTML (control characters).
//!
//! Nothing is dropped: a control character is shown as its visible picture
//! (`ESC` as `␛`), and a cell a spreadsheet would run as a formula gets a
//! leading `'`, the mark spreadsheets themselves use for "text".

use std::borrow::Cow;

/// `text` with every control character but newline and tab shown as its Unicode
/// control picture (`\u{1b}` as `␛`, DEL as `␡`) and C1 controls as `�`, so
/// no escape sequence reaches a terminal or a document.
pub fn visible_controls(text: &str) -> Cow<'_, str> {
    let hidden = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// A cell a spreadsheet shows as text: [`visible_controls`], and a `'` before a
/// cell that opens with `=`, `+`, `-` or `@` (which spreadsheets read as a
/// formula), unless it is a plain number or a lone `-`.
pub fn spreadsheet_cell(text: &str) -> Cow<'_, str> {
    let text = visible_controls(text);
    let formula = text.starts_with(['=', '+', '-', '@'])
        && text.as_ref() != "-"
        && text.parse::<f64>().is_err();
    if formula {
        Cow::Owned(format!("'{text}"))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible() {
        assert_eq!(visible_controls("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(
            visible_controls("a\u{1b}]8;;x\u{7}b\u{7f}\u{9b}"),
            "a\u{241b}]8;;x\u{2407}b\u{2421}\u{fffd}"
        );
    }

    #[test]
    fn formulas_become_text() {
        for (cell, safe) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1+2", "'+1+2"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("-", "-"),
            ("-12.5", "-12.5"),
            ("Ann", "Ann"),
        ] {
            assert_eq!(spreadsheet_cell(cell), safe);
        }
    }
}
