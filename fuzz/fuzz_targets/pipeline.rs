//! Raw bytes through the whole pipeline: decode (BOM, UTF-16, invalid UTF-8),
//! parse, extract, lint, merge into a graph, and one N-Triples export. The
//! first byte picks the file ending, so Markdown, plain text and chat logs are
//! all read.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minutegraph::export::Format;
use minutegraph_fuzz::{export, graph_of};

const NAMES: [&str; 4] = ["2025-01-01.md", "2025-01-01.txt", "2025-01-01.log", "notes"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    if let Some(graph) = graph_of(name, bytes) {
        let out = export(Format::NTriples, &graph);
        for triple in oxttl::NTriplesParser::new().for_slice(&out) {
            triple.expect("N-Triples parses back");
        }
    }
});
