//! Text clean-up shared by the writers: literal values every RDF syntax can
//! carry unchanged, and checked calendar dates.
//!
//! RDF/XML cannot hold most C0 control characters at all and XML readers turn
//! `\r` into `\n`, so literals are normalised once here and every format then
//! carries exactly the same value.

use std::borrow::Cow;

/// `text` with line breaks normalised to `\n` and characters XML 1.0 cannot
/// hold (C0 controls other than tab and newline, U+FFFE, U+FFFF) removed.
pub fn clean_literal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_cleaning) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            c if needs_cleaning(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_cleaning(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{D}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Whether `value` is a valid `xsd:date` without time zone: `YYYY-MM-DD`
/// naming a day that exists (leap years included).
pub fn is_valid_date(value: &str) -> bool {
    let bytes = value.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (
        digits(&bytes[0..4]),
        digits(&bytes[5..7]),
        digits(&bytes[8..10]),
    ) else {
        return false;
    };
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}

fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_only_what_xml_cannot_hold() {
        assert!(matches!(clean_literal("ü 日本 😀 \t\n"), Cow::Borrowed(_)));
        assert_eq!(clean_literal("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(clean_literal("a\u{0}b\u{1b}[0m\u{c}"), "ab[0m");
        assert_eq!(clean_literal("x\u{FFFF}"), "x");
    }

    #[test]
    fn checks_dates() {
        assert!(is_valid_date("2024-02-29"));
        assert!(is_valid_date("2000-02-29"));
        assert!(!is_valid_date("1900-02-29"));
        assert!(!is_valid_date("2024-13-01"));
        assert!(!is_valid_date("2024-04-31"));
        assert!(!is_valid_date("2024-00-10"));
        assert!(!is_valid_date("2024-1-10"));
        assert!(!is_valid_date("2024-01-1x"));
        assert!(!is_valid_date("２０２４-01-01"));
        assert!(!is_valid_date(""));
    }
}
