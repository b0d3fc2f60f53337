//! Forgiving lookup of nodes by what a person would type: case and punctuation do
//! not matter, and names, aliases, handles, issue keys and id slugs all count.
//! When nothing matches, [`suggestions`] offers a few close names.

use crate::model::{KnowledgeGraph, Node, NodeData, NodeKind};
use petgraph::stable_graph::NodeIndex;

/// Every node of `kind` that `query` names, sorted by id.
pub fn find_nodes(graph: &KnowledgeGraph, kind: NodeKind, query: &str) -> Vec<NodeIndex> {
    let wanted = normalise(query);
    if wanted.is_empty() {
        return Vec::new();
    }
    graph
        .nodes()
        .filter(|(_, n)| n.kind() == kind)
        .filter(|(_, n)| {
            names(n).iter().any(|name| normalise(name) == wanted) || issue_matches(n, query)
        })
        .map(|(i, _)| i)
        .collect()
}

/// Up to `limit` names of `kind` close to `query`: names containing it (or
/// contained in it) first, then names a few edits away; sorted by closeness, then name.
pub fn suggestions(
    graph: &KnowledgeGraph,
    kind: NodeKind,
    query: &str,
    limit: usize,
) -> Vec<String> {
    let wanted = normalise(query);
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(usize, String)> = graph
        .nodes()
        .filter(|(_, n)| n.kind() == kind)
        .filter_map(|(_, n)| closeness(n, &wanted).map(|score| (score, display_name(n))))
        .collect();
    scored.sort_by(|a, b| (a.0, a.1.to_lowercase(), &a.1).cmp(&(b.0, b.1.to_lowercase(), &b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(limit)
        .map(|(_, name)| name)
        .collect()
}

/// How close a node is to the normalised query (smaller is closer), if at all.
fn closeness(node: &Node, wanted: &str) -> Option<usize> {
    let budget = (wanted.chars().count() / 4).clamp(1, 3);
    names(node)
        .iter()
        .map(|name| normalise(name))
        .filter(|name| !name.is_empty())
        .filter_map(|name| {
            if name.contains(wanted) || (name.len() >= 3 && wanted.contains(name.as_str())) {
                Some(0)
            } else {
                let d = edit_distance(&name, wanted, budget);
                (d <= budget).then_some(d)
            }
        })
        .min()
}

/// The name a person would recognise: the key for an issue, else the label.
fn display_name(node: &Node) -> String {
    match &node.data {
        NodeData::Issue { key, .. } => key.clone(),
        _ => node.label.clone(),
    }
}

/// Every name a node answers to: label, aliases, handles, key and id (with and
/// without its kind prefix).
fn names(node: &Node) -> Vec<String> {
    let mut out = vec![node.label.clone(), node.id.clone()];
    if let Some((_, rest)) = node.id.split_once('/') {
        out.push(rest.to_string());
    }
    match &node.data {
        NodeData::Person { handles, aliases } => {
            out.extend(handles.iter().cloned());
            out.extend(aliases.iter().cloned());
        }
        NodeData::Service { aliases, .. } => out.extend(aliases.iter().cloned()),
        NodeData::Issue { key, url, .. } => {
            out.push(key.clone());
            out.extend(url.iter().cloned());
        }
        _ => {}
    }
    out
}

/// `#N`, `N` and `repo#N` name every issue whose key ends that way.
fn issue_matches(node: &Node, query: &str) -> bool {
    let NodeData::Issue { key, .. } = &node.data else {
        return false;
    };
    let key = key.to_lowercase();
    let q = query.trim().to_lowercase();
    let q = if !q.is_empty() && q.chars().all(|c| c.is_ascii_digit()) {
        format!("#{q}")
    } else {
        q
    };
    if !q.contains('#') || q.ends_with('#') {
        return false;
    }
    key == q || (q.starts_with('#') && key.ends_with(&q)) || key.ends_with(&format!("/{q}"))
}

/// Lower case, with every run of characters other than letters and digits
/// turned into one space: `@J.Schoone` and `j schoone` agree.
pub(crate) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// Levenshtein distance over characters, giving up (returning `budget + 1`)
/// once the lengths alone differ by more than `budget`.
fn edit_distance(a: &str, b: &str, budget: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > budget {
        return budget + 1;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == cb {
                previous
            } else {
                1 + previous.min(row[j]).min(current)
            };
            previous = current;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IssueKind, Places, Provenance};

    fn graph() -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new();
        let prov: Places = vec![Provenance::new("a.md", 1, 1)].into();
        g.upsert(Node {
            id: "service/flux".into(),
            label: "Flux".into(),
            data: NodeData::Service {
                aliases: vec!["FluxCD".into()],
                evidence: String::new(),
            },
            provenance: prov.clone(),
        });
        g.upsert(Node {
            id: "person/jane-doe".into(),
            label: "Jane Doe".into(),
            data: NodeData::Person {
                handles: vec!["jdoe".into()],
                aliases: vec![],
            },
            provenance: prov.clone(),
        });
        g.upsert(Node {
            id: "issue/acme/infra/373".into(),
            label: "acme/infra#373".into(),
            data: NodeData::Issue {
                key: "acme/infra#373".into(),
                number: 373,
                kind: IssueKind::Pull,
                url: None,
            },
            provenance: prov.clone(),
        });
        g.upsert(Node {
            id: "issue/ops-2281".into(),
            label: "OPS-2281".into(),
            data: NodeData::Issue {
                key: "OPS-2281".into(),
                number: 2281,
                kind: IssueKind::Issue,
                url: None,
            },
            provenance: prov,
        });
        g
    }

    fn ids(g: &KnowledgeGraph, kind: NodeKind, q: &str) -> Vec<String> {
        find_nodes(g, kind, q)
            .into_iter()
            .map(|i| g.node(i).id.clone())
            .collect()
    }

    #[test]
    fn matches_names_aliases_handles_and_slugs() {
        let g = graph();
        assert_eq!(ids(&g, NodeKind::Service, "flux"), ["service/flux"]);
        assert_eq!(ids(&g, NodeKind::Service, "fluxcd"), ["service/flux"]);
        assert_eq!(ids(&g, NodeKind::Person, "@JDoe"), ["person/jane-doe"]);
        assert_eq!(ids(&g, NodeKind::Person, "jane-doe"), ["person/jane-doe"]);
        assert!(ids(&g, NodeKind::Person, "flux").is_empty());
        assert!(ids(&g, NodeKind::Service, " -- ").is_empty());
    }

    #[test]
    fn matches_issue_key_suffixes() {
        let g = graph();
        for q in [
            "acme/infra#373",
            "infra#373",
            "#373",
            "373",
            "ACME/INFRA#373",
        ] {
            assert_eq!(ids(&g, NodeKind::Issue, q), ["issue/acme/infra/373"], "{q}");
        }
        for q in ["#37", "fra#373", "#", "other#373"] {
            assert!(ids(&g, NodeKind::Issue, q).is_empty(), "{q}");
        }
    }

    #[test]
    fn ticket_keys_match_by_name() {
        let g = graph();
        for q in ["OPS-2281", "ops-2281"] {
            assert_eq!(ids(&g, NodeKind::Issue, q), ["issue/ops-2281"], "{q}");
        }
        for q in ["2281", "#2281", "OPS-228", "OPS"] {
            assert!(ids(&g, NodeKind::Issue, q).is_empty(), "{q}");
        }
    }

    #[test]
    fn suggests_close_names() {
        let g = graph();
        assert_eq!(suggestions(&g, NodeKind::Service, "flu", 5), ["Flux"]);
        assert_eq!(suggestions(&g, NodeKind::Service, "flix", 5), ["Flux"]);
        assert!(suggestions(&g, NodeKind::Service, "zuul", 5).is_empty());
    }

    #[test]
    fn normalises_case_and_punctuation() {
        assert_eq!(normalise("  @J.Schoone!! "), "j schoone");
        assert_eq!(normalise("Status-Page"), "status page");
        assert_eq!(normalise("Ünïcode"), "ünïcode");
    }
}
