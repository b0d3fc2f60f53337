//! TriG: the named graphs of N-Quads, written with the Turtle prefixes.
//!
//! Each source file's statements form one `GRAPH <source> { ... }` block, in
//! the same order as the N-Quads, so the two syntaxes hold the same dataset.
//! Entity IRIs are written in full, as in Turtle.

use super::syntax::{Prefixes, Terms};
use super::{ExportOptions, Exporter, Format, view, write_graphs};
use crate::error::Error;
use crate::model::KnowledgeGraph;
use crate::vocab::{PREFIXES, TERMS};
use std::io::Write;

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
        write_graphs(
            Format::TriG,
            &view,
            Terms::Turtle(&Prefixes::new(&PREFIXES, &TERMS)),
            out,
        )
    }
}
