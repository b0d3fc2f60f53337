//! Minting IRIs for nodes and source files under the base IRI.
//!
//! Node ids are opaque slug paths; anything in them that is not allowed in an
//! IRI path (or that a reader could normalise away, like `.` and `..` segments)
//! is percent-encoded, so every id maps to one valid, stable IRI.

use crate::vocab::SOURCE_SEGMENT;
use oxrdf::NamedNode;
use std::fmt::Write as _;

/// An IRI that could not be built, with the reason.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct IriError(pub String);

/// Builds entity and source IRIs under one checked base IRI.
#[derive(Clone, Debug)]
pub struct IriMinter {
    base: String,
}

impl IriMinter {
    /// Checks that `base` is an absolute IRI ending with `/` or `#`.
    pub fn new(base: &str) -> Result<Self, IriError> {
        if !(base.ends_with('/') || base.ends_with('#')) {
            return Err(IriError(format!(
                "base IRI {base:?} must end with '/' or '#'"
            )));
        }
        NamedNode::new(base).map_err(|e| IriError(format!("invalid base IRI {base:?}: {e}")))?;
        Ok(IriMinter {
            base: base.to_string(),
        })
    }

    /// The base IRI.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The IRI of the node with id `id`.
    pub fn node(&self, id: &str) -> Result<NamedNode, IriError> {
        self.checked(format!("{}{}", self.base, encode_path(id)))
    }

    /// The IRI naming the source file at `path` (relative to the input root).
    pub fn source(&self, path: &str) -> Result<NamedNode, IriError> {
        self.checked(format!(
            "{}{}{}",
            self.base,
            SOURCE_SEGMENT,
            encode_path(path)
        ))
    }

    fn checked(&self, iri: String) -> Result<NamedNode, IriError> {
        NamedNode::new(iri.as_str()).map_err(|e| IriError(format!("invalid IRI {iri:?}: {e}")))
    }
}

/// Percent-encodes `path` so it is a valid IRI path whose segments no reader
/// will resolve away: only unreserved ASCII, sub-delimiters, `:`, `@` and `/`
/// are kept; every other byte (`%` included, so distinct ids never share an
/// IRI) becomes `%XX`.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        if segment == "." || segment == ".." {
            out.push_str(&segment.replace('.', "%2E"));
        } else {
            encode_segment(segment, &mut out);
        }
    }
    out
}

fn encode_segment(segment: &str, out: &mut String) {
    for &b in segment.as_bytes() {
        if is_kept(b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

fn is_kept(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_slugs_as_they_are() {
        assert_eq!(
            encode_path("meeting/seeds/001-2d86"),
            "meeting/seeds/001-2d86"
        );
        assert_eq!(
            encode_path("issue/python-discord/infra/373"),
            "issue/python-discord/infra/373"
        );
    }

    #[test]
    fn encodes_what_an_iri_path_cannot_hold() {
        assert_eq!(encode_path("a b<c>\"d\\e"), "a%20b%3Cc%3E%22d%5Ce");
        assert_eq!(encode_path("ü#?"), "%C3%BC%23%3F");
        assert_eq!(encode_path("100%/%2f"), "100%25/%252f");
        assert_ne!(encode_path("a b"), encode_path("a%20b"));
        assert_eq!(encode_path("./../x/.."), "%2E/%2E%2E/x/%2E%2E");
        assert_eq!(encode_path("{x}|^`"), "%7Bx%7D%7C%5E%60");
    }

    #[test]
    fn mints_valid_iris_for_any_id() {
        let minter = IriMinter::new("https://w3id.org/minutegraph/id/").unwrap();
        for id in ["", "%", "\u{0}\n\t", "日本/😀", "a//b", "%zz%4"] {
            assert!(minter.node(id).is_ok(), "{id:?}");
            assert!(minter.source(id).is_ok(), "{id:?}");
        }
        assert_eq!(
            minter.source("notes/2024 01.md").unwrap().as_str(),
            "https://w3id.org/minutegraph/id/source/notes/2024%2001.md"
        );
    }

    #[test]
    fn rejects_bad_base_iris() {
        assert!(IriMinter::new("not an iri/").is_err());
        assert!(IriMinter::new("https://example.org/id").is_err());
        assert!(IriMinter::new("relative/").is_err());
        assert!(IriMinter::new("https://example.org/ns#").is_ok());
    }
}
