//! Reading one input into clean text.
//!
//! Input is read up to a size limit and refused when binary or empty. UTF-16 with
//! a byte-order mark is decoded; a UTF-8 byte-order mark is dropped; invalid UTF-8
//! is replaced by U+FFFD with a warning, so no readable text is lost. CRLF and lone
//! CR become LF, which keeps line numbers as an editor shows them.

use super::{InputFile, SourceFilter, io_message};
use crate::error::Diagnostic;
use std::io::Read;

/// How much of the start of a file is examined to tell text from binary.
const SNIFF_BYTES: usize = 8 * 1024;

/// Above this share of control bytes and invalid UTF-8 in the sample (in percent),
/// a file is taken as binary. Legacy 8-bit text stays well below it.
const BINARY_PERCENT: usize = 30;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text of one input, with warnings about what had to be repaired.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    /// The decoded text: no byte-order mark, `\n` line ends.
    pub content: String,
    /// Problems that were repaired, such as invalid UTF-8.
    pub warnings: Vec<Diagnostic>,
}

/// Reads `file` (stdin when its path is `-`) into clean text.
///
/// # Errors
///
/// A diagnostic naming the file when it cannot be read, is larger than the
/// filter's limit, looks binary, or holds only whitespace.
pub fn read_text(file: &InputFile, filter: &SourceFilter) -> Result<Text, Diagnostic> {
    decode(&read_raw(file, filter)?, &file.display_path())
}

/// Reads the bytes of `file` (stdin when its path is `-`), up to the filter's
/// limit, for [`decode`] to turn into text.
///
/// # Errors
///
/// A diagnostic naming the file when it cannot be read or is too large.
pub fn read_raw(file: &InputFile, filter: &SourceFilter) -> Result<Vec<u8>, Diagnostic> {
    read_bytes(file, filter.max_bytes())
        .map_err(|message| Diagnostic::error(file.display_path(), None, message))
}

/// Turns raw bytes into [`Text`]; `shown` names the input in diagnostics.
///
/// # Errors
///
/// A diagnostic when the bytes look binary, are a graph written by
/// minutegraph, or hold only whitespace.
pub fn decode(bytes: &[u8], shown: &str) -> Result<Text, Diagnostic> {
    let utf16;
    let (body, offset, mut warnings) = match decode_utf16(bytes, shown)? {
        Some((text, warnings)) => {
            utf16 = text;
            (utf16.as_bytes(), 0, warnings)
        }
        None => {
            let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
            (body, bytes.len() - body.len(), Vec::new())
        }
    };
    if is_binary(body) {
        return Err(Diagnostic::error(shown, None, "binary file, skipped"));
    }
    if is_own_output(body) {
        return Err(Diagnostic::warning(
            shown,
            None,
            "a graph written by minutegraph, not minutes; skipped",
        ));
    }
    let content = match std::str::from_utf8(body) {
        Ok(text) => text.to_string(),
        Err(err) => {
            warnings.push(invalid_utf8_warning(body, err.valid_up_to(), offset, shown));
            String::from_utf8_lossy(body).into_owned()
        }
    };
    if content.trim().is_empty() {
        return Err(Diagnostic::error(shown, None, "empty file"));
    }
    Ok(Text {
        content: normalize_newlines(content),
        warnings,
    })
}

/// Reads at most `limit` bytes; the error is the message for the diagnostic.
fn read_bytes(file: &InputFile, limit: u64) -> Result<Vec<u8>, String> {
    if file.is_stdin() {
        return read_limited(std::io::stdin().lock(), limit);
    }
    let handle = std::fs::File::open(&file.path).map_err(|err| io_message(&err))?;
    let meta = handle.metadata().map_err(|err| io_message(&err))?;
    if meta.is_dir() {
        return Err("is a directory".to_string());
    }
    if meta.is_file() && meta.len() > limit {
        return Err(format!(
            "file too large ({} bytes, limit {limit})",
            meta.len()
        ));
    }
    read_limited(handle, limit)
}

/// Reads to the end, but stops with an error once more than `limit` bytes came.
fn read_limited(source: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    source
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|err| io_message(&err))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "file too large (more than {limit} bytes, limit {limit})"
        ));
    }
    Ok(bytes)
}

/// Decodes UTF-16 marked by a byte-order mark; `None` when there is no such mark.
fn decode_utf16(
    bytes: &[u8],
    shown: &str,
) -> Result<Option<(String, Vec<Diagnostic>)>, Diagnostic> {
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Err(Diagnostic::error(
            shown,
            None,
            "UTF-32 text is not supported, skipped",
        ));
    }
    let from: fn([u8; 2]) -> u16 = match bytes {
        [0xFF, 0xFE, ..] => u16::from_le_bytes,
        [0xFE, 0xFF, ..] => u16::from_be_bytes,
        _ => return Ok(None),
    };
    let pairs = bytes[2..].chunks(2);
    let units = pairs
        .clone()
        .filter_map(|pair| <[u8; 2]>::try_from(pair).ok())
        .map(from);
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut first_bad = None;
    for unit in char::decode_utf16(units) {
        let c = unit.unwrap_or_else(|_| {
            first_bad.get_or_insert(text.len());
            char::REPLACEMENT_CHARACTER
        });
        text.push(c);
    }
    if bytes.len() % 2 == 1 {
        first_bad.get_or_insert(text.len());
        text.push(char::REPLACEMENT_CHARACTER);
    }
    let warnings = first_bad
        .map(|at| {
            Diagnostic::warning(
                shown,
                Some(line_at(text.as_bytes(), at)),
                "invalid UTF-16, replaced",
            )
        })
        .into_iter()
        .collect();
    Ok(Some((text, warnings)))
}

/// A warning naming the line and byte offset (0-based, in the file as read) of
/// the first invalid UTF-8, and how many invalid sequences were replaced.
fn invalid_utf8_warning(body: &[u8], first: usize, offset: usize, shown: &str) -> Diagnostic {
    let count = body
        .utf8_chunks()
        .filter(|chunk| !chunk.invalid().is_empty())
        .count();
    let mut message = format!("invalid UTF-8 at byte {}, replaced", first + offset);
    if count > 1 {
        message.push_str(&format!(" ({count} invalid sequences in all)"));
    }
    Diagnostic::warning(shown, Some(line_at(body, first)), message)
}

/// The 1-based line holding byte `at`, counting CRLF, LF and lone CR as line ends.
fn line_at(bytes: &[u8], at: usize) -> u32 {
    let before = &bytes[..at.min(bytes.len())];
    let lf = before.iter().filter(|&&b| b == b'\n').count();
    let lone_cr = before
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .count();
    u32::try_from(lf + lone_cr + 1).unwrap_or(u32::MAX)
}

/// Whether `bytes` are one of our own exports (RDF in any syntax, JSON-LD, DOT),
/// say written with `-o` into the folder of minutes it was read from.
pub fn is_own_output(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let head = head.trim_start();
    head.starts_with("digraph minutegraph {")
        || (head.starts_with(['{', '@', '<']) && head.contains(crate::vocab::mg::NS))
}

/// Whether the start of `bytes` looks binary: any NUL, or mostly control bytes
/// and invalid UTF-8.
fn is_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample.iter().filter(|&&b| is_odd_control(b)).count();
    let invalid: usize = sample
        .utf8_chunks()
        .map(|chunk| chunk.invalid().len())
        .sum();
    (controls + invalid) * 100 > sample.len() * BINARY_PERCENT
}

/// Control bytes that do not occur in text: all but tab, line feed, vertical tab,
/// form feed, carriage return and escape (terminal colours in pasted logs).
fn is_odd_control(byte: u8) -> bool {
    (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0x1B)) || byte == 0x7F
}

/// Turns CRLF and lone CR into LF.
fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            chars.next_if_eq(&'\n');
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8]) -> Text {
        decode(bytes, "t.md").expect("decodes")
    }

    fn err(bytes: &[u8]) -> String {
        decode(bytes, "t.md").expect_err("refused").to_string()
    }

    #[test]
    fn plain_text_passes_through() {
        let text = ok(b"# Minutes\n\nAttendees: Ana\n");
        assert_eq!(text.content, "# Minutes\n\nAttendees: Ana\n");
        assert!(text.warnings.is_empty());
    }

    #[test]
    fn bom_is_stripped() {
        assert_eq!(ok(b"\xEF\xBB\xBFhello\n").content, "hello\n");
    }

    #[test]
    fn line_ends_become_lf() {
        assert_eq!(ok(b"a\r\nb\rc\n\r\nd").content, "a\nb\nc\n\nd");
    }

    #[test]
    fn invalid_utf8_is_replaced_with_warning() {
        let text = ok(b"one\r\ntwo\rthree caf\xE9\nfour \xFF\n");
        assert_eq!(text.content, "one\ntwo\nthree caf\u{FFFD}\nfour \u{FFFD}\n");
        assert_eq!(text.warnings.len(), 1);
        let warning = text.warnings[0].to_string();
        assert_eq!(
            warning,
            "t.md:3: warning: invalid UTF-8 at byte 18, replaced (2 invalid sequences in all)"
        );
    }

    #[test]
    fn invalid_utf8_offset_counts_bom() {
        let text = ok(b"\xEF\xBB\xBFab\xC3(\n");
        assert_eq!(
            text.warnings[0].message,
            "invalid UTF-8 at byte 5, replaced"
        );
        assert_eq!(text.warnings[0].line, Some(1));
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            err(b"PK\x03\x04\x00\x00"),
            "t.md: error: binary file, skipped"
        );
        let noise: Vec<u8> = (0..4096u32).map(|i| 0x80 | (i % 64) as u8).collect();
        assert_eq!(err(&noise), "t.md: error: binary file, skipped");
        let controls: Vec<u8> = (0..400u32)
            .map(|i| if i % 2 == 0 { 0x01 } else { b'a' })
            .collect();
        assert_eq!(err(&controls), "t.md: error: binary file, skipped");
    }

    #[test]
    fn latin1_text_is_not_binary() {
        let text = ok(b"Besprechung \xfcber die M\xe4ngel und \xc4nderungen\n");
        assert_eq!(text.warnings.len(), 1);
        assert_eq!(text.warnings[0].line, Some(1));
    }

    #[test]
    fn empty_and_blank_are_refused() {
        assert_eq!(err(b""), "t.md: error: empty file");
        assert_eq!(err(b" \r\n\t\n"), "t.md: error: empty file");
        assert_eq!(err(b"\xEF\xBB\xBF"), "t.md: error: empty file");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let le: Vec<u8> = b"\xFF\xFE"
            .iter()
            .copied()
            .chain("Hi\r\n\u{e9}".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(ok(&le).content, "Hi\n\u{e9}");
        let be: Vec<u8> = b"\xFE\xFF"
            .iter()
            .copied()
            .chain("Hi".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(ok(&be).content, "Hi");
    }

    #[test]
    fn broken_utf16_warns() {
        let mut bytes: Vec<u8> = b"\xFF\xFE".to_vec();
        bytes.extend("a\nb".encode_utf16().flat_map(u16::to_le_bytes));
        bytes.extend([0x00, 0xD8]);
        let text = ok(&bytes);
        assert_eq!(text.content, "a\nb\u{FFFD}");
        assert_eq!(text.warnings[0].line, Some(2));
    }

    #[test]
    fn utf32_is_reported() {
        assert!(err(b"\xFF\xFE\x00\x00a\x00\x00\x00").contains("UTF-32"));
    }

    #[test]
    fn line_at_counts_all_line_ends() {
        assert_eq!(line_at(b"a\r\nb\rc\nd", 7), 4);
        assert_eq!(line_at(b"abc", 0), 1);
        assert_eq!(line_at(b"a\r", 2), 2);
    }

    #[test]
    fn read_limit_is_enforced() {
        assert_eq!(read_limited(&b"12345"[..], 5).unwrap(), b"12345");
        let message = read_limited(&b"123456"[..], 5).unwrap_err();
        assert_eq!(message, "file too large (more than 5 bytes, limit 5)");
    }
}
