//! N-Triples: one triple per line, the union of all named graphs, sorted.
//!
//! This is the output the extraction scorer reads, so it stays the plainest
//! possible rendering of [`RdfView::union`](super::triples::RdfView::union).

use super::syntax::Terms;
use super::{ExportOptions, Exporter, Format, view, write_union};
use crate::error::Error;
use crate::model::KnowledgeGraph;
use std::io::Write;

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
        write_union(Format::NTriples, &view, Terms::Plain, out)
    }
}
