//! N-Quads: every triple in the named graph of the source file it was read from.
//!
//! Quads are sorted by graph, so each source file's statements form one block.

use super::{ExportOptions, Exporter, Format, each_quad, view, write_error};
use crate::error::Error;
use crate::model::KnowledgeGraph;
use oxttl::NQuadsSerializer;
use std::io::{BufWriter, Write};

/// Writes N-Quads.
#[derive(Clone, Copy, Debug, Default)]
pub struct NQuadsExporter;

impl Exporter for NQuadsExporter {
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        let view = view(Format::NQuads, graph, options)?;
        let fail = |e| write_error(Format::NQuads, e);
        let mut serializer = NQuadsSerializer::new().for_writer(BufWriter::new(out));
        each_quad(Format::NQuads, &view, |q| serializer.serialize_quad(q))?;
        serializer.finish().flush().map_err(fail)
    }
}
