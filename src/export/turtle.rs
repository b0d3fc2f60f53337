//! Turtle: the union of all named graphs with the vocabulary prefixes declared.
//!
//! Entity IRIs are written in full: as prefixed names their `/` would need
//! backslash escapes, and `@base` would make the prefixes relative too.
//! Triples are grouped by subject in sorted order.

use super::{ExportOptions, Exporter, Format, each_triple, prefix_error, view, write_error};
use crate::error::Error;
use crate::model::KnowledgeGraph;
use crate::vocab::PREFIXES;
use oxttl::TurtleSerializer;
use std::io::{BufWriter, Write};

/// Writes Turtle.
#[derive(Clone, Copy, Debug, Default)]
pub struct TurtleExporter;

impl Exporter for TurtleExporter {
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        let view = view(Format::Turtle, graph, options)?;
        let fail = |e| write_error(Format::Turtle, e);
        let mut serializer = TurtleSerializer::new();
        for (prefix, ns) in PREFIXES {
            serializer = serializer
                .with_prefix(prefix, ns)
                .map_err(|e| prefix_error(Format::Turtle, e))?;
        }
        let mut serializer = serializer.for_writer(BufWriter::new(out));
        each_triple(Format::Turtle, &view, |t| serializer.serialize_triple(t))?;
        serializer.finish().map_err(fail)?.flush().map_err(fail)
    }
}
