//! Inline code spans (`` `AI @handle:` ``) quote syntax or commands; they are not
//! statements of the minutes. Rules that look for people, markers and names read
//! the text with code spans blanked out, byte for byte, so offsets still match.

use std::borrow::Cow;

/// `text` with the content and backticks of every inline code span replaced by
/// spaces of the same byte length (newlines kept). A backtick run without a
/// closing run of the same length is literal text, as in CommonMark.
pub fn blank_inline_code(text: &str) -> Cow<'_, str> {
    if !text.contains('`') {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let run = backtick_run(bytes, i);
        match closing_run(bytes, i + run, run) {
            Some(end) => {
                out.push_str(&text[copied..i]);
                out.extend(
                    text[i..end]
                        .chars()
                        .flat_map(|c| blank(c).take(c.len_utf8())),
                );
                copied = end;
                i = end;
            }
            None => i += run,
        }
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// A newline stays; any other character becomes spaces.
fn blank(c: char) -> impl Iterator<Item = char> {
    std::iter::repeat(if c == '\n' { '\n' } else { ' ' })
}

fn backtick_run(bytes: &[u8], start: usize) -> usize {
    bytes[start..].iter().take_while(|&&b| b == b'`').count()
}

/// The end (exclusive) of the first backtick run of exactly `len` at or after `from`.
fn closing_run(bytes: &[u8], from: usize, len: usize) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let run = backtick_run(bytes, i);
            if run == len {
                return Some(i + run);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::blank_inline_code;

    #[test]
    fn code_spans_become_spaces_of_the_same_length() {
        let text = "use `AI @handle:` lines, ``a ` b`` and `é`";
        let blanked = blank_inline_code(text);
        assert_eq!(blanked.len(), text.len());
        let spaces = |n: usize| " ".repeat(n);
        let expected = format!("use {} lines, {} and {}", spaces(13), spaces(9), spaces(4));
        assert_eq!(blanked, expected);
    }

    #[test]
    fn unclosed_backticks_and_newlines_stay() {
        assert_eq!(blank_inline_code("a ` b"), "a ` b");
        assert_eq!(blank_inline_code("x `a\nb` y"), "x   \n   y");
        assert_eq!(blank_inline_code("`` a ` b"), "`` a ` b");
    }
}
