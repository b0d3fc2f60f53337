//! RDF/XML: the union of all named graphs, one typed element per subject.
//!
//! Literals were cleaned of characters XML cannot hold by the RDF mapping, so the document reads back to exactly the N-Triples triples.

use super::{ExportOptions, Exporter, Format, each_triple, prefix_error, view, write_error};
use crate::error::Error;
use crate::model::KnowledgeGraph;
use crate::vocab::PREFIXES;
use oxrdfxml::RdfXmlSerializer;
use std::io::{BufWriter, Write};

/// Writes RDF/XML.
#[derive(Clone, Copy, Debug, Default)]
pub struct RdfXmlExporter;

impl Exporter for RdfXmlExporter {
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        let view = view(Format::RdfXml, graph, options)?;
        let fail = |e| write_error(Format::RdfXml, e);
        let mut serializer = RdfXmlSerializer::new();
        for (prefix, ns) in PREFIXES {
            serializer = serializer
                .with_prefix(prefix, ns)
                .map_err(|e| prefix_error(Format::RdfXml, e))?;
        }
        let mut serializer = serializer.for_writer(BufWriter::new(out));
        each_triple(Format::RdfXml, &view, |t| serializer.serialize_triple(t))?;
        let mut out = serializer.finish().map_err(fail)?;
        out.write_all(b"\n").map_err(fail)?;
        out.flush().map_err(fail)
    }
}
