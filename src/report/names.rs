//! File names of pages: a short ASCII slug of the node's id in a folder of its
//! kind (`topic/release-process.html`). Slugs hold only `a-z`, `0-9` and `-`, so
//! no name can leave its folder, hide itself or need escaping; two nodes whose
//! slugs would be the same get a suffix from a hash of their ids, so a page's
//! name depends only on its own node and on which others share its slug.

use crate::model::{KnowledgeGraph, NodeKind};
use petgraph::stable_graph::NodeIndex;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Longest slug, in bytes, before any suffix.
pub const MAX_SLUG: usize = 60;

/// The folder of a kind's pages, if it has pages.
pub fn folder(kind: NodeKind) -> Option<&'static str> {
    match kind {
        NodeKind::Topic => Some("topic"),
        NodeKind::Person => Some("person"),
        NodeKind::Service => Some("service"),
        NodeKind::Meeting => Some("meeting"),
        _ => None,
    }
}

/// The page of every node that has one.
pub struct Names {
    pages: BTreeMap<NodeIndex, String>,
}

impl Names {
    /// Names for every topic, person, service and meeting of `graph`.
    pub fn new(graph: &KnowledgeGraph) -> Self {
        let mut by_slug: BTreeMap<(&str, String), Vec<(NodeIndex, &str)>> = BTreeMap::new();
        for (idx, node) in graph.nodes() {
            let Some(dir) = folder(node.kind()) else {
                continue;
            };
            let rest = node.id.split_once('/').map_or(node.id.as_str(), |(_, r)| r);
            let mut base = slug(rest);
            if base.is_empty() || is_reserved(&base) {
                base = format!("{dir}-{}", short_hash(&node.id));
            }
            by_slug
                .entry((dir, base))
                .or_default()
                .push((idx, node.id.as_str()));
        }
        let mut pages = BTreeMap::new();
        let mut taken: std::collections::BTreeSet<String> = Default::default();
        // Unique slugs first, so a suffixed name never takes one of them.
        for ((dir, base), nodes) in &by_slug {
            if nodes.len() == 1 {
                let path = format!("{dir}/{base}.html");
                taken.insert(path.clone());
                pages.insert(nodes[0].0, path);
            }
        }
        for ((dir, base), nodes) in &by_slug {
            if nodes.len() == 1 {
                continue;
            }
            for &(idx, id) in nodes {
                let mut n = 0u32;
                let path = loop {
                    let salt = if n == 0 {
                        id.to_string()
                    } else {
                        format!("{id}#{n}")
                    };
                    let path = format!("{dir}/{base}-{}.html", short_hash(&salt));
                    if !taken.contains(&path) {
                        break path;
                    }
                    n += 1;
                };
                taken.insert(path.clone());
                pages.insert(idx, path);
            }
        }
        Names { pages }
    }

    /// The page of `idx` (relative to the site root), if it has one.
    pub fn page(&self, idx: NodeIndex) -> Option<&str> {
        self.pages.get(&idx).map(String::as_str)
    }
}

/// `text` as a slug: lower-case ASCII letters and digits, every other run of
/// characters one `-`, none at either end, at most [`MAX_SLUG`] bytes.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            let sep = dash && !out.is_empty();
            if out.len() + usize::from(sep) + 1 > MAX_SLUG {
                break;
            }
            if sep {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// Names some systems keep for devices (`con`, `nul`, `com1`...).
fn is_reserved(slug: &str) -> bool {
    matches!(slug, "con" | "prn" | "aux" | "nul")
        || (slug.len() == 4
            && (slug.starts_with("com") || slug.starts_with("lpt"))
            && slug.as_bytes()[3].is_ascii_digit())
}

/// Eight hex digits of the SHA-256 of `text`.
fn short_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest[..4].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, NodeData};

    #[test]
    fn slugs_are_safe_and_short() {
        assert_eq!(slug("../../x"), "x");
        assert_eq!(slug("<script>alert(1)</script>"), "script-alert-1-script");
        assert_eq!(slug("Ödön \u{1b}[2J \"Q&A\""), "d-n-2j-q-a");
        assert_eq!(slug("日本"), "");
        let long = slug(&"ab ".repeat(100));
        assert!(
            long.len() <= MAX_SLUG && long.len() > MAX_SLUG - 3,
            "{long}"
        );
        assert!(long.ends_with("ab"));
        assert!(is_reserved("con") && is_reserved("com1") && !is_reserved("comx"));
    }

    fn topic(id: &str) -> Node {
        Node {
            id: id.into(),
            label: id.into(),
            data: NodeData::Topic {
                first_date: None,
                last_date: None,
                meetings: 1,
            },
            provenance: Default::default(),
        }
    }

    #[test]
    fn colliding_slugs_get_distinct_stable_names() {
        let mut g = KnowledgeGraph::new();
        let a = g.upsert(topic("topic/a b"));
        let b = g.upsert(topic("topic/a-b"));
        let c = g.upsert(topic("topic/c"));
        let e = g.upsert(topic("topic/日本"));
        let names = Names::new(&g);
        let (pa, pb) = (names.page(a).unwrap(), names.page(b).unwrap());
        assert_ne!(pa, pb);
        assert!(pa.starts_with("topic/a-b-") && pb.starts_with("topic/a-b-"));
        assert_eq!(names.page(c), Some("topic/c.html"));
        assert!(names.page(e).unwrap().starts_with("topic/topic-"));
        // The same ids give the same names in another graph.
        let mut h = KnowledgeGraph::new();
        let b2 = h.upsert(topic("topic/a-b"));
        let a2 = h.upsert(topic("topic/a b"));
        let names2 = Names::new(&h);
        assert_eq!(names2.page(a2), Some(pa));
        assert_eq!(names2.page(b2), Some(pb));
    }
}
