//! Every exporter, its output read back by an independent parser: graphs read
//! from fuzzed minutes, and graphs built directly from fuzzed ids, labels and
//! sources (which minutes could never produce).
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use minutegraph::model::{
    ActionStatus, EdgeKind, IssueKind, KnowledgeGraph, Node, NodeData, Provenance, Role,
};
use minutegraph_fuzz::{check_exports, graph_of};

#[derive(Arbitrary, Debug)]
struct NodeSpec {
    kind: u8,
    id: String,
    label: String,
    source: String,
    number: u64,
    line: u16,
}

const EDGES: [EdgeKind; 12] = [
    EdgeKind::Attendee,
    EdgeKind::Absentee,
    EdgeKind::HasRole(Role::Chair),
    EdgeKind::HasRole(Role::Scribe),
    EdgeKind::HasRole(Role::Reporter),
    EdgeKind::InMeeting,
    EdgeKind::InAgendaItem,
    EdgeKind::Mentions,
    EdgeKind::Assignee,
    EdgeKind::Presenter,
    EdgeKind::Topic,
    EdgeKind::FirstMeeting,
];

fn data(spec: &NodeSpec) -> NodeData {
    let text = spec.label.clone();
    match spec.kind % 8 {
        0 => NodeData::Meeting {
            date: Some(spec.source.clone()),
            title: Some(text),
        },
        1 => NodeData::Person {
            handles: vec![text.clone()],
            aliases: vec![spec.id.clone()],
        },
        2 => NodeData::Service {
            aliases: vec![text.clone()],
            evidence: text,
        },
        3 => NodeData::Issue {
            key: text.clone(),
            number: spec.number,
            kind: IssueKind::Issue,
            url: Some(spec.source.clone()),
        },
        4 => NodeData::AgendaItem,
        5 => NodeData::Decision,
        6 => NodeData::ActionItem {
            status: ActionStatus::Done,
            due: Some(text),
            evidence: None,
        },
        _ => NodeData::Topic {
            first_date: Some(text.clone()),
            last_date: Some(text),
            meetings: spec.number as u32,
        },
    }
}

fn built(u: &mut Unstructured) -> arbitrary::Result<KnowledgeGraph> {
    let nodes: Vec<NodeSpec> = u.arbitrary()?;
    let edges: Vec<(u8, u8, u8)> = u.arbitrary()?;
    let mut g = KnowledgeGraph::new();
    let mut idx = Vec::new();
    for spec in &nodes {
        let line = u32::from(spec.line.max(1));
        idx.push(g.upsert(Node {
            id: spec.id.clone(),
            label: spec.label.clone(),
            data: data(spec),
            provenance: [Provenance::new(spec.source.clone(), line, line)].into(),
        }));
    }
    if idx.is_empty() {
        return Ok(g);
    }
    for (from, to, kind) in edges {
        let (from, to) = (idx[from as usize % idx.len()], idx[to as usize % idx.len()]);
        let source = nodes[0].source.clone();
        g.relate(
            from,
            to,
            EDGES[kind as usize % EDGES.len()],
            Provenance::new(source, 1, 1),
        );
    }
    Ok(g)
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let graph = if pick % 2 == 0 {
        graph_of("2025-01-01.md", rest)
    } else {
        built(&mut Unstructured::new(rest)).ok()
    };
    if let Some(graph) = graph {
        check_exports(&graph);
    }
});
