//! TriG: the named graphs of N-Quads, written with the Turtle prefixes.
//!
//! Each source file's statements form one `GRAPH <source> { ... }` block, in
//! the same order as the N-Quads, so the two syntaxes hold the same dataset.
//! Entity IRIs are written in full, as in Turtle.

use super::{ExportOptions, Exporter, Format, each_quad, prefix_error, view, write_error};
use crate::error::Error;
use crate::model::KnowledgeGraph;
use crate::vocab::PREFIXES;
use oxttl::TriGSerializer;
use std::io::{BufWriter, Write};

/// Writes TriG.
#[derive(Clone, Copy, Debug, Default)]
pub struct TriGExporter;

impl Exporter for TriGExporter {
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        let view = view(Format::TriG, graph, options)?;
        let fail = |e| write_error(Format::TriG, e);
        let mut serializer = TriGSerializer::new();
        for (prefix, ns) in PREFIXES {
            serializer = serializer
                .with_prefix(prefix, ns)
                .map_err(|e| prefix_error(Format::TriG, e))?;
        }
        let mut serializer = serializer.for_writer(BufWriter::new(out));
        each_quad(Format::TriG, &view, |q| serializer.serialize_quad(q))?;
        serializer.finish().map_err(fail)?.flush().map_err(fail)
    }
}
