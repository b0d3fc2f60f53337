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
///
/// What is appended to the base is percent-encoded down to characters every
/// IRI path, query and fragment may hold, so for almost every base the result
/// is valid without parsing it again. Only a base whose next characters could
/// still be read as an authority (`http://`, `x:/`) has each IRI checked.
#[derive(Clone, Debug)]
pub struct IriMinter {
    base: String,
    /// Whether any encoded path appended to `base` makes a valid IRI.
    suffix_safe: bool,
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
            suffix_safe: suffix_safe(base),
        })
    }

    /// The base IRI.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The IRI of the node with id `id`.
    pub fn node(&self, id: &str) -> Result<NamedNode, IriError> {
        let mut iri = String::with_capacity(self.base.len() + id.len());
        iri.push_str(&self.base);
        encode_path_into(id, &mut iri);
        self.mint(iri)
    }

    /// The IRI of a node whose id [`encode_path`] already turned into `path`.
    pub fn encoded(&self, path: &str) -> Result<NamedNode, IriError> {
        self.mint(format!("{}{path}", self.base))
    }

    /// The IRI naming the source file at `path` (relative to the input root).
    pub fn source(&self, path: &str) -> Result<NamedNode, IriError> {
        let mut iri = String::with_capacity(self.base.len() + SOURCE_SEGMENT.len() + path.len());
        iri.push_str(&self.base);
        iri.push_str(SOURCE_SEGMENT);
        encode_path_into(path, &mut iri);
        self.mint(iri)
    }

    /// The IRI of a source file whose path [`encode_path`] turned into `path`.
    pub fn encoded_source(&self, path: &str) -> Result<NamedNode, IriError> {
        self.mint(format!("{}{SOURCE_SEGMENT}{path}", self.base))
    }

    fn mint(&self, iri: String) -> Result<NamedNode, IriError> {
        if self.suffix_safe {
            debug_assert!(NamedNode::new(iri.as_str()).is_ok(), "{iri:?}");
            return Ok(NamedNode::new_unchecked(iri));
        }
        NamedNode::new(iri.as_str()).map_err(|e| IriError(format!("invalid IRI {iri:?}: {e}")))
    }
}

/// Whether appending unreserved characters, sub-delimiters, `:`, `@`, `/` and
/// `%XX` to the valid absolute IRI `base` (ending with `/` or `#`) always gives
/// a valid IRI: true unless the text appended could be read as an authority,
/// which is when `base` is `scheme://` or `scheme:/`.
fn suffix_safe(base: &str) -> bool {
    if base.ends_with('#') {
        return true;
    }
    let Some((_, rest)) = base.split_once(':') else {
        return false;
    };
    match rest.strip_prefix("//") {
        Some(authority_on) => authority_on.contains(['/', '?', '#']),
        None => rest != "/",
    }
}

/// Percent-encodes `path` so it is a valid IRI path whose segments no reader
/// will resolve away: only unreserved ASCII, sub-delimiters, `:`, `@` and `/`
/// are kept; every other byte (`%` included, so distinct ids never share an
/// IRI) becomes `%XX`.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    encode_path_into(path, &mut out);
    out
}

/// Whether [`encode_path`] would change `path`.
pub fn needs_encoding(path: &str) -> bool {
    !path.bytes().all(|b| b == b'/' || is_kept(b))
        || (path.contains('.')
            && path
                .split('/')
                .any(|segment| segment == "." || segment == ".."))
}

/// [`encode_path`], appended to `out`.
pub fn encode_path_into(path: &str, out: &mut String) {
    if !needs_encoding(path) {
        out.push_str(path);
        return;
    }
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        if segment == "." || segment == ".." {
            out.push_str(&segment.replace('.', "%2E"));
        } else {
            encode_segment(segment, out);
        }
    }
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
    KEPT[usize::from(b)]
}

/// The bytes [`encode_path`] keeps as they are: unreserved ASCII,
/// sub-delimiters, `:` and `@`. A table, as every byte of every IRI is looked up.
const KEPT: [bool; 256] = {
    let mut kept = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        kept[b] = c.is_ascii_alphanumeric();
        b += 1;
    }
    let others = b"-._~!$&'()*+,;=:@";
    let mut i = 0;
    while i < others.len() {
        kept[others[i] as usize] = true;
        i += 1;
    }
    kept
};

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
    fn iris_minted_without_a_parse_are_valid() {
        let ids = [
            "",
            "/",
            "//",
            "//h:x/y",
            "/h@x:y",
            "a@b:c",
            "x:y",
            ":",
            "@",
            "%",
            "a b",
            ".",
            "..",
            "./..",
            "~!$&'()*+,;=",
            "日本/😀",
            "a//b",
            "?#[]",
            "\u{0}\n",
        ];
        let bases = [
            "https://w3id.org/minutegraph/id/",
            "http://example.org/kb#",
            "http://example.org/?q=/",
            "http://",
            "http://user@host:8080/",
            "file:///",
            "urn:x:/",
            "urn:x/",
            "x:/",
            "x:#",
        ];
        for base in bases {
            let Ok(minter) = IriMinter::new(base) else {
                continue;
            };
            for id in ids {
                for minted in [minter.node(id), minter.source(id)] {
                    match minted {
                        Ok(iri) => assert!(NamedNode::new(iri.as_str()).is_ok(), "{iri}"),
                        Err(_) => assert!(!minter.suffix_safe, "{base} {id:?}"),
                    }
                }
                let encoded = encode_path(id);
                assert_eq!(minter.encoded(&encoded), minter.node(id));
                assert_eq!(needs_encoding(id), encoded != id, "{id:?}");
            }
        }
        assert!(!suffix_safe("http://"));
        assert!(!suffix_safe("x:/"));
        assert!(suffix_safe("https://w3id.org/minutegraph/id/"));
    }

    #[test]
    fn rejects_bad_base_iris() {
        assert!(IriMinter::new("not an iri/").is_err());
        assert!(IriMinter::new("https://example.org/id").is_err());
        assert!(IriMinter::new("relative/").is_err());
        assert!(IriMinter::new("https://example.org/ns#").is_ok());
    }
}
