//! N-Quads: every triple in the named graph of the source file it was read from.
//!
//! Quads are sorted by graph, so each source file's statements form one block.

use super::syntax::Terms;
use super::{ExportOptions, Exporter, Format, view, write_graphs};
use crate::error::Error;
use crate::model::KnowledgeGraph;
use std::io::Write;

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
        write_graphs(Format::NQuads, &view, Terms::Plain, out)
    }
}
