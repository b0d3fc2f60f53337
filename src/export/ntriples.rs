//! N-Triples: one triple per line, the union of all named graphs, sorted.
//!
//! This is the output the extraction scorer reads, so it stays the plainest
//! possible rendering of [`RdfView::union`](super::triples::RdfView::union).

use super::{ExportOptions, Exporter, Format, each_triple, view, write_error};
use crate::error::Error;
use crate::model::KnowledgeGraph;
use oxttl::NTriplesSerializer;
use std::io::{BufWriter, Write};

/// Writes N-Triples.
#[derive(Clone, Copy, Debug, Default)]
pub struct NTriplesExporter;

impl Exporter for NTriplesExporter {
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        let view = view(Format::NTriples, graph, options)?;
        let fail = |e| write_error(Format::NTriples, e);
        let mut serializer = NTriplesSerializer::new().for_writer(BufWriter::new(out));
        each_triple(Format::NTriples, &view, |t| serializer.serialize_triple(t))?;
        serializer.finish().flush().map_err(fail)
    }
}
