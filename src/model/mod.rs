//! The knowledge graph: typed nodes and edges held in a petgraph `StableGraph`.
//!
//! Identities are resolved before insertion (every node has a stable string id, a
//! slug relative to the base IRI), so indices never move and the same id always
//! names the same real-world thing. Occurrences (meetings, agenda items,
//! decisions, actions) and relations carry their [`Provenance`].

mod kinds;
mod source_path;
pub mod text_order;

pub use kinds::{ActionStatus, EdgeKind, IssueKind, NodeKind, Role, StatusReason};
pub use source_path::SourcePath;

use hashbrown::HashTable;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableGraph};
use petgraph::visit::{EdgeRef, NodeIndexable};
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap as HashMap, FxHashSet as HashSet};
use smallvec::SmallVec;
use std::hash::BuildHasher;
use std::sync::OnceLock;

/// Where a fact was read: a source path (relative to the input root) and a 1-based line span.
///
/// The path is kept once ([`SourcePath`]): every fact read from one file
/// refers to the same copy, so a graph does not keep a copy of it per node
/// and edge, and copying a provenance copies three words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Provenance {
    /// Source path relative to the root the user gave, with `/` separators.
    pub source: SourcePath,
    /// First line (1-based).
    pub line: u32,
    /// Last line (1-based, inclusive).
    pub end_line: u32,
}

impl Provenance {
    /// A provenance for `source` spanning `line..=end_line`.
    pub fn new(source: impl Into<SourcePath>, line: u32, end_line: u32) -> Self {
        Provenance {
            source: source.into(),
            line,
            end_line: end_line.max(line),
        }
    }
}

/// Kind-specific data of a node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeData {
    /// One meeting: usually one per minutes file.
    Meeting {
        date: Option<String>,
        title: Option<String>,
    },
    /// A human; `handles` are chat/GitHub handles without `@`.
    Person {
        handles: Vec<String>,
        aliases: Vec<String>,
    },
    /// Named software or a hosted service.
    Service {
        aliases: Vec<String>,
        evidence: String,
    },
    /// An issue, pull request or ticket, normalised to `owner/repo#N`, `#N` or `PROJ-N`.
    Issue {
        key: String,
        number: u64,
        kind: IssueKind,
        url: Option<String>,
    },
    /// One item on a meeting's agenda.
    AgendaItem,
    /// A conclusion, resolution or agreement.
    Decision,
    /// A task someone is to do.
    ActionItem {
        status: ActionStatus,
        due: Option<String>,
        /// Why it has its status, and where that was read (none when unknown).
        evidence: Option<(StatusReason, Provenance)>,
    },
    /// A subject discussed across meetings: agenda items with the same normalised
    /// title (or forced together by configuration).
    Topic {
        first_date: Option<String>,
        last_date: Option<String>,
        meetings: u32,
    },
}

/// A node: stable id, kind, display label, data and where it was seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// Slug path relative to the base IRI, e.g. `person/jschoone`.
    pub id: String,
    /// Display name, title or text.
    pub label: String,
    /// Kind-specific data.
    pub data: NodeData,
    /// Where this node was read: the first place in each file, sorted by
    /// file (occurrences have exactly one entry). One entry per file, not per
    /// mention, keeps a person named on every line of every file small.
    pub provenance: Places,
}

/// The places a node was read ([`Node::provenance`]): one is held in the
/// node itself, as every occurrence has exactly one; more go on the heap.
pub type Places = SmallVec<[Provenance; 1]>;

impl Node {
    /// The node's kind, derived from its data.
    pub fn kind(&self) -> NodeKind {
        match self.data {
            NodeData::Meeting { .. } => NodeKind::Meeting,
            NodeData::Person { .. } => NodeKind::Person,
            NodeData::Service { .. } => NodeKind::Service,
            NodeData::Issue { .. } => NodeKind::Issue,
            NodeData::AgendaItem => NodeKind::AgendaItem,
            NodeData::Decision => NodeKind::Decision,
            NodeData::ActionItem { .. } => NodeKind::ActionItem,
            NodeData::Topic { .. } => NodeKind::Topic,
        }
    }

    /// The first provenance entry, if any.
    pub fn origin(&self) -> Option<&Provenance> {
        self.provenance.first()
    }
}

/// A typed edge with the place it was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    /// What the relation means.
    pub kind: EdgeKind,
    /// Where the relation was read.
    pub provenance: Provenance,
}

/// The graph of meetings and everything they mention.
#[derive(Default, Debug, Clone)]
pub struct KnowledgeGraph {
    graph: StableGraph<Node, Edge>,
    /// Every node [`upsert`](KnowledgeGraph::upsert) added, by its id. The
    /// table holds only node indices and finds a node by hashing the id the
    /// node itself holds, so each id is stored once.
    ids: HashTable<NodeIndex>,
    /// The nodes [`add_unique`](KnowledgeGraph::add_unique) added, which no
    /// lookup is needed to add: a long meeting has millions.
    unique: Vec<NodeIndex>,
    /// Those nodes by their ids, made on the first lookup after one was added.
    unique_ids: OnceLock<HashTable<NodeIndex>>,
    /// The nodes in id order, sorted on first use after a node was added.
    order: OnceLock<Vec<NodeIndex>>,
    /// The edges of every node in `busy`, by their ends and kind: one lookup
    /// instead of a walk over the edges of a node that may have thousands.
    /// Other nodes' edges are walked: most nodes (an agenda item, a decision)
    /// have two or three, and an entry here costs about as much as the edge.
    edges: HashMap<(NodeIndex, NodeIndex, EdgeKind), EdgeIndex>,
    /// Nodes with more than [`WALKED`] outgoing edges.
    busy: HashSet<NodeIndex>,
}

/// The hash a node's id is found by.
fn id_hash(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
}

/// How many outgoing edges of a node [`KnowledgeGraph::relate`] walks before
/// it keeps them in a map instead.
const WALKED: usize = 16;

impl KnowledgeGraph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// Insert a node, or merge it into the node with the same id (aliases,
    /// handles and files of provenance are unioned; the first label wins).
    pub fn upsert(&mut self, node: Node) -> NodeIndex {
        let hash = id_hash(&node.id);
        let graph = &self.graph;
        if let Some(&idx) = self.ids.find(hash, |&i| graph[i].id == node.id) {
            merge_into(&mut self.graph[idx], node);
            return idx;
        }
        let idx = self.add_new(node);
        let graph = &self.graph;
        self.ids
            .insert_unique(hash, idx, |&i| id_hash(&graph[i].id));
        idx
    }

    /// Adds a node whose id no other node of the graph has or will have,
    /// without looking the id up: the caller vouches for it, as an id made
    /// unique by construction (an occurrence's `<meeting id>/<kind>/<n>`).
    /// The node is found by [`find`](KnowledgeGraph::find) like any other.
    pub fn add_unique(&mut self, node: Node) -> NodeIndex {
        let idx = self.add_new(node);
        self.unique.push(idx);
        self.unique_ids.take();
        idx
    }

    /// Adds `node` as a new node, with one place per file (the first read
    /// there), and forgets the order of ids.
    fn add_new(&mut self, mut node: Node) -> NodeIndex {
        node.provenance.sort();
        node.provenance
            .dedup_by(|later, first| later.source == first.source);
        self.order.take();
        self.graph.add_node(node)
    }

    /// Adds `place` to where node `idx` was read, as an [`upsert`] of the
    /// node with that one place would.
    ///
    /// [`upsert`]: KnowledgeGraph::upsert
    pub fn add_place(&mut self, idx: NodeIndex, place: Provenance) {
        keep_place(&mut self.graph[idx].provenance, place);
    }

    /// Makes room for `unique` more nodes added by [`add_unique`], `upserted`
    /// more by [`upsert`] and `edges` more edges: growing the index of ids a
    /// node at a time rehashes every id read so far at each doubling, and
    /// growing the graph copies every node. Room the graph never uses is
    /// never written, so it takes no memory.
    ///
    /// [`add_unique`]: KnowledgeGraph::add_unique
    /// [`upsert`]: KnowledgeGraph::upsert
    pub fn reserve(&mut self, unique: usize, upserted: usize, edges: usize) {
        self.graph.reserve_nodes(unique + upserted);
        self.graph.reserve_edges(edges);
        self.unique.reserve(unique);
        let graph = &self.graph;
        self.ids.reserve(upserted, |&i| id_hash(&graph[i].id));
    }

    /// Add an edge unless the same kind already links the same pair.
    pub fn relate(
        &mut self,
        from: NodeIndex,
        to: NodeIndex,
        kind: EdgeKind,
        provenance: Provenance,
    ) -> EdgeIndex {
        crate::work::step(1);
        if self.busy.contains(&from) {
            if let Some(&existing) = self.edges.get(&(from, to, kind)) {
                return existing;
            }
        } else {
            let mut degree = 0;
            for e in self.graph.edges(from) {
                crate::work::step(1);
                if e.target() == to && e.weight().kind == kind {
                    return e.id();
                }
                degree += 1;
            }
            if degree >= WALKED {
                for e in self.graph.edges(from) {
                    self.edges
                        .insert((from, e.target(), e.weight().kind), e.id());
                }
                self.busy.insert(from);
            }
        }
        let edge = self.graph.add_edge(from, to, Edge { kind, provenance });
        if self.busy.contains(&from) {
            self.edges.insert((from, to, kind), edge);
        }
        edge
    }

    /// Look a node up by id.
    pub fn find(&self, id: &str) -> Option<NodeIndex> {
        let hash = id_hash(id);
        let is = |&i: &NodeIndex| self.graph[i].id == id;
        self.ids
            .find(hash, is)
            .or_else(|| self.unique_ids().find(hash, is))
            .copied()
    }

    /// The nodes [`add_unique`](KnowledgeGraph::add_unique) added, by id.
    fn unique_ids(&self) -> &HashTable<NodeIndex> {
        self.unique_ids.get_or_init(|| {
            let hashes: Vec<u64> = self
                .unique
                .par_iter()
                .map(|&i| id_hash(&self.graph[i].id))
                .collect();
            let mut table = HashTable::with_capacity(self.unique.len());
            for (&i, &hash) in self.unique.iter().zip(&hashes) {
                table.insert_unique(hash, i, |&i| id_hash(&self.graph[i].id));
            }
            table
        })
    }

    /// The node at `idx`.
    pub fn node(&self, idx: NodeIndex) -> &Node {
        &self.graph[idx]
    }

    /// The data of the node at `idx`, for updating it (ids never change).
    pub fn node_data_mut(&mut self, idx: NodeIndex) -> &mut NodeData {
        &mut self.graph[idx].data
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// All nodes sorted by id (deterministic order for writers).
    pub fn nodes(&self) -> impl Iterator<Item = (NodeIndex, &Node)> {
        let order = self.order.get_or_init(|| {
            // Sorted with each id beside its index: a comparison reads the
            // two ids, not first the two nodes that hold them.
            // On all cores: a graph of millions of nodes is read node by node.
            let mut order: Vec<(&str, NodeIndex)> = (0..self.graph.node_bound())
                .into_par_iter()
                .filter_map(|i| {
                    let i = NodeIndex::new(i);
                    Some((self.graph.node_weight(i)?.id.as_str(), i))
                })
                .collect();
            text_order::par_sort_by_text(&mut order, |(id, _)| id);
            order.into_par_iter().map(|(_, i)| i).collect()
        });
        order.iter().map(|&idx| (idx, &self.graph[idx]))
    }

    /// The nodes of one kind, in the order of their ids as [`nodes`] gives
    /// them: found in the order they are held, and only they are sorted.
    ///
    /// [`nodes`]: KnowledgeGraph::nodes
    pub fn nodes_of(&self, kind: NodeKind) -> Vec<(NodeIndex, &Node)> {
        let mut found: Vec<(NodeIndex, &Node)> = self
            .graph
            .node_indices()
            .map(|i| (i, &self.graph[i]))
            .filter(|(_, n)| n.kind() == kind)
            .collect();
        found.sort_unstable_by(|a, b| a.1.id.cmp(&b.1.id));
        found
    }

    /// Outgoing edges of `idx`, sorted by (kind, target id).
    pub fn edges_from(&self, idx: NodeIndex) -> Vec<(&Edge, &Node)> {
        let mut out: Vec<(&Edge, &Node)> = self
            .graph
            .edges(idx)
            .map(|e| (e.weight(), &self.graph[e.target()]))
            .collect();
        crate::work::step(out.len());
        out.sort_by(|a, b| (a.0.kind, &a.1.id).cmp(&(b.0.kind, &b.1.id)));
        out
    }

    /// Incoming edges of `idx`, sorted by (kind, source id).
    pub fn edges_to(&self, idx: NodeIndex) -> Vec<(&Edge, &Node)> {
        let mut out: Vec<(&Edge, &Node)> = self
            .graph
            .edges_directed(idx, petgraph::Direction::Incoming)
            .map(|e| (e.weight(), &self.graph[e.source()]))
            .collect();
        crate::work::step(out.len());
        out.sort_by(|a, b| (a.0.kind, &a.1.id).cmp(&(b.0.kind, &b.1.id)));
        out
    }

    /// Every edge as (source, edge, target), sorted by (source id, kind, target id).
    pub fn edges(&self) -> Vec<(&Node, &Edge, &Node)> {
        let mut out: Vec<(&Node, &Edge, &Node)> = self
            .graph
            .edge_indices()
            .filter_map(|e| {
                let (s, t) = self.graph.edge_endpoints(e)?;
                Some((&self.graph[s], &self.graph[e], &self.graph[t]))
            })
            .collect();
        out.sort_by(|a, b| (&a.0.id, a.1.kind, &a.2.id).cmp(&(&b.0.id, b.1.kind, &b.2.id)));
        out
    }

    /// The underlying petgraph graph, for algorithms.
    pub fn petgraph(&self) -> &StableGraph<Node, Edge> {
        &self.graph
    }
}

/// Adds place `p` to `provenance`, which stays sorted with one entry per
/// file, the first place read there. Sightings come mostly in file order, so
/// each is a binary search and an append: linear over a run, not quadratic.
fn keep_place(provenance: &mut Places, p: Provenance) {
    crate::work::step(1);
    match provenance.binary_search_by(|q| q.source.cmp(&p.source)) {
        Ok(at) => {
            if p < provenance[at] {
                provenance[at] = p;
            }
        }
        Err(at) => {
            crate::work::step(provenance.len() - at);
            provenance.insert(at, p);
        }
    }
}

fn merge_into(target: &mut Node, incoming: Node) {
    for p in incoming.provenance {
        keep_place(&mut target.provenance, p);
    }
    match (&mut target.data, incoming.data) {
        (
            NodeData::Person { handles, aliases },
            NodeData::Person {
                handles: h2,
                aliases: a2,
            },
        ) => {
            union_sorted(handles, h2);
            let mut a2 = a2;
            if incoming.label != target.label {
                a2.push(incoming.label);
            }
            union_sorted(aliases, a2);
        }
        (NodeData::Service { aliases, .. }, NodeData::Service { aliases: a2, .. }) => {
            let mut a2 = a2;
            if incoming.label != target.label {
                a2.push(incoming.label);
            }
            union_sorted(aliases, a2);
        }
        (
            NodeData::Issue { url, kind, .. },
            NodeData::Issue {
                url: u2, kind: k2, ..
            },
        ) => {
            // A bare `#N` says less than the link it stands for: keep what is known.
            if url.is_none() {
                *url = u2;
            }
            if *kind == IssueKind::Unknown {
                *kind = k2;
            }
        }
        _ => {}
    }
}

/// Adds `more` to the sorted, unique `into`, keeping it so.
fn union_sorted(into: &mut Vec<String>, more: Vec<String>) {
    for s in more {
        crate::work::step(1);
        if let Err(at) = into.binary_search(&s) {
            crate::work::step(into.len() - at);
            into.insert(at, s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(kind: IssueKind, url: Option<&str>, line: u32) -> Node {
        Node {
            id: "issue/acme/tools/47".into(),
            label: "acme/tools#47".into(),
            data: NodeData::Issue {
                key: "acme/tools#47".into(),
                number: 47,
                kind,
                url: url.map(String::from),
            },
            provenance: vec![Provenance::new("a.md", line, line)].into(),
        }
    }

    #[test]
    fn a_node_holds_its_one_place_in_no_more_room_than_a_list_of_places() {
        assert_eq!(
            std::mem::size_of::<Places>(),
            std::mem::size_of::<Vec<Provenance>>()
        );
        let one: Places = [Provenance::new("a.md", 1, 1)].into();
        assert!(!one.spilled());
        let mut g = KnowledgeGraph::new();
        let mut person = |source: &str| {
            g.upsert(Node {
                id: "person/ann".into(),
                label: "Ann".into(),
                data: NodeData::Person {
                    handles: Vec::new(),
                    aliases: Vec::new(),
                },
                provenance: [Provenance::new(source, 1, 1)].into(),
            })
        };
        for source in ["c.md", "a.md", "b.md", "a.md"] {
            person(source);
        }
        let ann = g.node(g.find("person/ann").unwrap());
        let sources: Vec<&str> = ann.provenance.iter().map(|p| p.source.as_str()).collect();
        assert_eq!(sources, ["a.md", "b.md", "c.md"]);
    }

    #[test]
    fn the_nodes_of_a_kind_come_as_all_nodes_do() {
        let mut g = KnowledgeGraph::new();
        for id in [
            "meeting/b",
            "topic/x",
            "meeting/a",
            "meeting/a/item/2",
            "meeting/c",
        ] {
            let data = if id.starts_with("topic") {
                NodeData::Topic {
                    first_date: None,
                    last_date: None,
                    meetings: 0,
                }
            } else if id.contains("/item/") {
                NodeData::AgendaItem
            } else {
                NodeData::Meeting {
                    date: None,
                    title: None,
                }
            };
            g.upsert(Node {
                id: id.into(),
                label: id.into(),
                data,
                provenance: [Provenance::new("a.md", 1, 1)].into(),
            });
        }
        for kind in NodeKind::ALL {
            let all: Vec<NodeIndex> = g
                .nodes()
                .filter(|(_, n)| n.kind() == kind)
                .map(|(i, _)| i)
                .collect();
            let of: Vec<NodeIndex> = g.nodes_of(kind).into_iter().map(|(i, _)| i).collect();
            assert_eq!(of, all, "{kind:?}");
        }
        assert_eq!(g.nodes_of(NodeKind::Meeting).len(), 3);
    }

    #[test]
    fn a_node_added_as_unique_is_found_and_ordered_like_one_upserted() {
        let node = |id: &str| Node {
            id: id.into(),
            label: id.into(),
            data: NodeData::AgendaItem,
            provenance: [Provenance::new("a.md", 1, 1)].into(),
        };
        let mut g = KnowledgeGraph::new();
        g.reserve(2, 1, 0);
        let first = g.add_unique(node("meeting/a/item/2"));
        let person = g.upsert(node("person/ann"));
        assert_eq!(g.find("meeting/a/item/2"), Some(first));
        assert_eq!(g.find("meeting/a/item/1"), None);
        // A node added after a lookup is found too.
        let second = g.add_unique(node("meeting/a/item/1"));
        assert_eq!(g.find("meeting/a/item/1"), Some(second));
        assert_eq!(g.find("meeting/a/item/2"), Some(first));
        assert_eq!(g.find("person/ann"), Some(person));
        let order: Vec<NodeIndex> = g.nodes().map(|(i, _)| i).collect();
        assert_eq!(order, [second, first, person]);
    }

    #[test]
    fn nodes_come_in_the_order_of_their_ids() {
        let mut ids: Vec<String> = (0..300)
            .map(|n| format!("meeting/a-long-community-name/item/{}", n * 7 % 300))
            .chain(["a".to_string(), "topic/x".to_string(), String::new()])
            .collect();
        let mut g = KnowledgeGraph::new();
        for id in &ids {
            g.upsert(Node {
                id: id.clone(),
                label: String::new(),
                data: NodeData::Decision,
                provenance: vec![].into(),
            });
        }
        ids.sort();
        let order: Vec<&str> = g.nodes().map(|(_, n)| n.id.as_str()).collect();
        assert_eq!(order, ids);
    }

    #[test]
    fn an_edge_is_added_once_whether_its_node_has_few_edges_or_many() {
        let mut g = KnowledgeGraph::new();
        let node = |i: usize| Node {
            id: format!("n/{i}"),
            label: String::new(),
            data: NodeData::Decision,
            provenance: vec![].into(),
        };
        let nodes: Vec<NodeIndex> = (0..100).map(|i| g.upsert(node(i))).collect();
        for round in 0..2 {
            for (n, &to) in nodes[1..].iter().enumerate() {
                for kind in [EdgeKind::Mentions, EdgeKind::Presenter] {
                    let line = round * 100 + n as u32;
                    g.relate(nodes[0], to, kind, Provenance::new("a.md", line, line));
                    g.relate(to, nodes[0], kind, Provenance::new("a.md", line, line));
                }
            }
        }
        assert_eq!(g.edge_count(), 4 * 99);
        assert_eq!(g.busy.len(), 1);
        // The first place each edge was read is the one kept.
        assert!(g.edges().iter().all(|(_, e, _)| e.provenance.line < 100));
    }

    #[test]
    fn a_bare_reference_keeps_what_the_link_knows() {
        let link = || {
            issue(
                IssueKind::Pull,
                Some("https://github.com/acme/tools/pull/47"),
                2,
            )
        };
        let bare = || issue(IssueKind::Unknown, None, 9);
        for (first, second) in [(bare(), link()), (link(), bare())] {
            let mut g = KnowledgeGraph::new();
            g.upsert(first);
            let i = g.upsert(second);
            let NodeData::Issue { kind, url, .. } = &g.node(i).data else {
                panic!("an issue");
            };
            assert_eq!(*kind, IssueKind::Pull);
            assert!(url.is_some());
            // One entry per file: the first place the issue was read there.
            assert_eq!(g.node(i).provenance[..], [Provenance::new("a.md", 2, 2)]);
        }
    }
}
