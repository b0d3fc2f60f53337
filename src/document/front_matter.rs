//! YAML front matter (`---` ... `---` at the top of a file).

use crate::error::Diagnostic;
use serde_json::Value;

/// Parsed front matter: its fields and line span.
#[derive(Clone, Debug, PartialEq)]
pub struct FrontMatter {
    /// Top-level keys and their values.
    pub fields: serde_json::Map<String, Value>,
    /// Line of the opening `---`.
    pub line: u32,
    /// Line of the closing `---`.
    pub end_line: u32,
}

impl FrontMatter {
    /// A field as text (strings, numbers and booleans are converted).
    pub fn text(&self, key: &str) -> Option<String> {
        scalar_text(self.fields.get(key)?)
    }

    /// A field as a list of texts (a single scalar counts as a list of one).
    pub fn list(&self, key: &str) -> Vec<String> {
        match self.fields.get(key) {
            Some(Value::Array(items)) => items.iter().filter_map(scalar_text).collect(),
            Some(v) => scalar_text(v).into_iter().collect(),
            None => Vec::new(),
        }
    }
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Split off front matter; returns it (if any) and the byte offset where the body starts.
pub(super) fn split(
    source: &str,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<FrontMatter>, usize) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (None, 0);
    };
    let Some((yaml, body_start, end_line)) = find_close(rest) else {
        return (None, 0);
    };
    let body_start = body_start + 4;
    if yaml.trim().is_empty() {
        return (None, body_start);
    }
    match serde_saphyr::from_str::<Value>(yaml) {
        Ok(Value::Object(fields)) => (
            Some(FrontMatter {
                fields,
                line: 1,
                end_line,
            }),
            body_start,
        ),
        Ok(_) => {
            diagnostics.push(Diagnostic::warning(
                source,
                Some(2),
                "front matter is not a mapping, ignored",
            ));
            (None, body_start)
        }
        Err(e) => {
            let msg = format!(
                "invalid YAML front matter, ignored: {}",
                first_line(&e.to_string())
            );
            diagnostics.push(Diagnostic::warning(source, Some(2), msg));
            (None, body_start)
        }
    }
}

/// Find the closing `---` (or `...`) line; returns the YAML text, the offset after the
/// closing line (relative to `rest`) and the closing line's number in the whole file.
fn find_close(rest: &str) -> Option<(&str, usize, u32)> {
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return Some((&rest[..offset], offset + line.len(), i as u32 + 2));
        }
        offset += line.len();
    }
    None
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_and_body_offset() {
        let text = "---\ndate: 2024-07-02\nauthors:\n  - joe\n---\n# Title\n";
        let mut diags = Vec::new();
        let (fm, start) = split("a.md", text, &mut diags);
        let fm = fm.expect("front matter");
        assert_eq!(fm.text("date").as_deref(), Some("2024-07-02"));
        assert_eq!(fm.list("authors"), vec!["joe"]);
        assert_eq!(fm.end_line, 5);
        assert_eq!(&text[start..], "# Title\n");
        assert!(diags.is_empty());
    }

    #[test]
    fn bad_yaml_is_a_warning_not_a_panic() {
        let text = "---\n: : [\n---\nbody\n";
        let mut diags = Vec::new();
        let (fm, start) = split("a.md", text, &mut diags);
        assert!(fm.is_none());
        assert_eq!(&text[start..], "body\n");
        assert_eq!(diags.len(), 1);
    }

    #[test]
    fn unclosed_front_matter_is_body() {
        let mut diags = Vec::new();
        let (fm, start) = split("a.md", "---\nno close\n", &mut diags);
        assert!(fm.is_none());
        assert_eq!(start, 0);
    }
}
