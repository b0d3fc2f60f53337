//! Exporters: one module per output format behind the small [`Exporter`] trait.
//!
//! [`Format`] carries each format's name, file extension and media type, so the
//! CLI, file naming and content negotiation agree; [`Format::exporter`] picks
//! the writer. The RDF writers share one [`triples::RdfView`] (the mapping of
//! nodes and edges to statements, written subject by subject); GraphML and
//! CSV share one set of node and edge tables; DOT is drawn from the graph
//! directly, in the [`DotView`] asked for.

pub mod csv;
mod dot;
mod graphml;
pub mod iri;
mod jsonld;
pub(crate) mod mapping;
pub mod neutral;
mod nquads;
mod ntriples;
mod ordered;
mod rdfxml;
mod syntax;
pub mod table;
mod text;
mod trig;
pub mod triples;
mod turtle;

pub use csv::CsvExporter;
pub use dot::{DETAIL_LIMIT, DotExporter, DotView};
pub use graphml::GraphMlExporter;
pub use jsonld::{JsonLdExporter, context_document};
pub use nquads::NQuadsExporter;
pub use ntriples::NTriplesExporter;
pub use rdfxml::RdfXmlExporter;
pub use trig::TriGExporter;
pub use turtle::TurtleExporter;

use crate::error::Error;
use crate::model::KnowledgeGraph;
use iri::IriError;
use ordered::{Failure, write_in_order};
use oxrdf::{GraphNameRef, TripleRef};
use std::io::{self, BufWriter, Write};
use syntax::{Joiner, Terms};
use triples::RdfView;

/// The buffer the Turtle family is written through: writes of a megabyte,
/// not of the 8 KB a `BufWriter` holds by default (an export can be gigabytes).
const WRITE_BUFFER: usize = 1 << 20;

/// The default base IRI under which entity IRIs are minted.
pub const DEFAULT_BASE_IRI: &str = "https://w3id.org/minutegraph/id/";

/// Settings shared by all exporters.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// Base IRI for entity IRIs; ends with `/` or `#`.
    pub base_iri: String,
    /// What a DOT export shows (other formats ignore it).
    pub view: DotView,
    /// DOT only: how many things a view keeps (topics, latest meetings, or
    /// series and entities of each kind in the overview); `None` for the
    /// view's default, which fits a page.
    pub top: Option<usize>,
    /// DOT only: most meetings or series in a row, or time columns in the
    /// topics view; `None` for the view's default.
    pub row: Option<usize>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            base_iri: DEFAULT_BASE_IRI.to_string(),
            view: DotView::default(),
            top: None,
            row: None,
        }
    }
}

/// Writes a knowledge graph in one format.
pub trait Exporter {
    /// Serialize `graph` to `out`.
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> Result<(), Error>;
}

/// Every output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// JSON-LD 1.1, compact, with one graph object per source file.
    JsonLd,
    /// Turtle: the union of all graphs.
    Turtle,
    /// TriG: one named graph per source file.
    TriG,
    /// N-Triples: the union of all graphs, one triple per line.
    NTriples,
    /// N-Quads: one named graph per source file.
    NQuads,
    /// RDF/XML: the union of all graphs.
    RdfXml,
    /// Graphviz DOT.
    Dot,
    /// GraphML for graph tools.
    GraphMl,
    /// CSV tables of nodes and edges.
    Csv,
}

impl Format {
    /// Every format, in a fixed order.
    pub const ALL: [Format; 9] = [
        Format::JsonLd,
        Format::Turtle,
        Format::TriG,
        Format::NTriples,
        Format::NQuads,
        Format::RdfXml,
        Format::Dot,
        Format::GraphMl,
        Format::Csv,
    ];

    /// The RDF formats, in a fixed order.
    pub const RDF: [Format; 6] = [
        Format::JsonLd,
        Format::Turtle,
        Format::TriG,
        Format::NTriples,
        Format::NQuads,
        Format::RdfXml,
    ];

    /// The name used by `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::JsonLd => "jsonld",
            Format::Turtle => "turtle",
            Format::TriG => "trig",
            Format::NTriples => "ntriples",
            Format::NQuads => "nquads",
            Format::RdfXml => "rdfxml",
            Format::Dot => "dot",
            Format::GraphMl => "graphml",
            Format::Csv => "csv",
        }
    }

    /// The usual file extension, without the dot (for CSV, of each table).
    pub fn extension(self) -> &'static str {
        match self {
            Format::JsonLd => "jsonld",
            Format::Turtle => "ttl",
            Format::TriG => "trig",
            Format::NTriples => "nt",
            Format::NQuads => "nq",
            Format::RdfXml => "rdf",
            Format::Dot => "dot",
            Format::GraphMl => "graphml",
            Format::Csv => "csv",
        }
    }

    /// The IANA media type.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::JsonLd => "application/ld+json",
            Format::Turtle => "text/turtle",
            Format::TriG => "application/trig",
            Format::NTriples => "application/n-triples",
            Format::NQuads => "application/n-quads",
            Format::RdfXml => "application/rdf+xml",
            Format::Dot => "text/vnd.graphviz",
            Format::GraphMl => "application/graphml+xml",
            Format::Csv => "text/csv",
        }
    }

    /// Whether `-o` names a folder rather than a file (CSV writes two tables).
    pub fn writes_folder(self) -> bool {
        self == Format::Csv
    }

    /// Find a format by its name (or a common synonym).
    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .or(match name.as_str() {
                "json-ld" | "json" => Some(Format::JsonLd),
                "ttl" => Some(Format::Turtle),
                "nt" | "n-triples" => Some(Format::NTriples),
                "nq" | "n-quads" => Some(Format::NQuads),
                "rdf" | "xml" | "rdf/xml" => Some(Format::RdfXml),
                "gv" | "graphviz" => Some(Format::Dot),
                "graph-ml" => Some(Format::GraphMl),
                _ => None,
            })
    }

    /// Find a format by a file extension (with or without the dot).
    pub fn from_extension(ext: &str) -> Option<Format> {
        let ext = ext.trim_start_matches('.').to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.extension() == ext)
            .or(match ext.as_str() {
                "json" => Some(Format::JsonLd),
                "owl" | "xml" => Some(Format::RdfXml),
                "gv" => Some(Format::Dot),
                _ => None,
            })
    }

    /// The exporter for this format.
    pub fn exporter(self) -> Box<dyn Exporter> {
        match self {
            Format::JsonLd => Box::new(JsonLdExporter),
            Format::Turtle => Box::new(TurtleExporter),
            Format::NTriples => Box::new(NTriplesExporter),
            Format::NQuads => Box::new(NQuadsExporter),
            Format::TriG => Box::new(TriGExporter),
            Format::RdfXml => Box::new(RdfXmlExporter),
            Format::Dot => Box::new(DotExporter),
            Format::GraphMl => Box::new(GraphMlExporter),
            Format::Csv => Box::new(CsvExporter),
        }
    }

    /// Writes `graph` in this format to `out` (shorthand for [`Format::exporter`]).
    pub fn write(
        self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        self.exporter().write(graph, options, out)
    }
}

/// The RDF view of `graph`, with IRI problems reported as an export error of `format`.
fn view<'g>(
    format: Format,
    graph: &'g KnowledgeGraph,
    options: &ExportOptions,
) -> Result<RdfView<'g>, Error> {
    RdfView::new(graph, options).map_err(|e| iri_error(format, e))
}

fn iri_error(format: Format, error: IriError) -> Error {
    Error::Export {
        format: format.name(),
        message: error.to_string(),
    }
}

/// Gives `each` every triple of the union of all graphs of `view`, in order.
fn each_triple(
    format: Format,
    view: &RdfView<'_>,
    mut each: impl FnMut(TripleRef<'_>) -> io::Result<()>,
) -> Result<(), Error> {
    for description in view.union() {
        let description = description.map_err(|e| iri_error(format, e))?;
        for triple in description.triples() {
            each(triple).map_err(|e| write_error(format, e))?;
        }
    }
    Ok(())
}

/// Writes the union of all graphs of `view` in `terms`: N-Triples lines, or
/// Turtle blocks after the prefixes.
fn write_union(
    format: Format,
    view: &RdfView<'_>,
    terms: Terms<'_>,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let mut out = BufWriter::with_capacity(WRITE_BUFFER, out);
    let mut joiner = Joiner::new(terms);
    write_in_order(
        0..view.subject_count(),
        |&rank, text| {
            terms.description(text, &view.union_at(rank)?, GraphNameRef::DefaultGraph);
            Ok(())
        },
        |_, text| joiner.push(&mut out, GraphNameRef::DefaultGraph, text),
    )
    .map_err(|f| failure(format, f))?;
    out.flush().map_err(|e| write_error(format, e))
}

/// Writes every statement of `view` in its named graph: N-Quads lines, or TriG
/// blocks inside `<graph> { ... }` after the prefixes.
fn write_graphs(
    format: Format,
    view: &RdfView<'_>,
    terms: Terms<'_>,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let graphs = view.named_graphs();
    let mut out = BufWriter::with_capacity(WRITE_BUFFER, out);
    let mut joiner = Joiner::new(terms);
    write_in_order(
        graphs.units(),
        |unit, text| {
            terms.description(text, &graphs.describe(*unit)?, unit.name());
            Ok(())
        },
        |unit, text| joiner.push(&mut out, unit.name(), text),
    )
    .map_err(|f| failure(format, f))?;
    joiner
        .finish(&mut out)
        .and_then(|()| out.flush())
        .map_err(|e| write_error(format, e))
}

fn failure(format: Format, failure: Failure) -> Error {
    match failure {
        Failure::Iri(e) => iri_error(format, e),
        Failure::Io(e) => write_error(format, e),
    }
}

/// A vocabulary prefix the serializer of `format` refused.
fn prefix_error(format: Format, error: impl std::fmt::Display) -> Error {
    Error::Export {
        format: format.name(),
        message: error.to_string(),
    }
}

/// Maps a writer error: data a syntax cannot hold is an export error, the rest is I/O.
fn write_error(format: Format, error: io::Error) -> Error {
    match error.kind() {
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => Error::Export {
            format: format.name(),
            message: error.to_string(),
        },
        _ => Error::Io {
            path: format!("{} output", format.name()),
            source: error,
        },
    }
}
