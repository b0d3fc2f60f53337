//! Turtle: the union of all named graphs with the vocabulary prefixes declared.
//!
//! Entity IRIs are written in full: as prefixed names their `/` would need
//! backslash escapes, and `@base` would make the prefixes relative too.
//! Triples are grouped by subject in sorted order.

use super::syntax::{Prefixes, Terms};
use super::{ExportOptions, Exporter, Format, view, write_union};
use crate::error::Error;
use crate::model::KnowledgeGraph;
use crate::vocab::{PREFIXES, TERMS};
use std::io::Write;

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
        write_union(
            Format::Turtle,
            &view,
            Terms::Turtle(&Prefixes::new(&PREFIXES, &TERMS)),
            out,
        )
    }
}
