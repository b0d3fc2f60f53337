//! CSV: the node and edge tables as `nodes.csv` and `edges.csv` (RFC 4180:
//! a header row, CRLF line ends, fields with commas, quotes or line breaks
//! quoted and quotes doubled).
//!
//! [`write_folder`] writes both files into a folder, replacing both or neither
//! ([`crate::output::write_folder`]). Written to a single stream ([`CsvExporter`]), the nodes table comes
//! first, then an empty line, then the edges table.

use super::neutral;
use super::table::{EdgeRow, NodeRow, edge_rows, node_rows};
use super::{ExportOptions, Exporter, Format, write_error};
use crate::error::Error;
use crate::model::KnowledgeGraph;
use crate::output::{self, FolderFile};
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Name of the nodes table in the output folder.
pub const NODES_FILE: &str = "nodes.csv";
/// Name of the edges table in the output folder.
pub const EDGES_FILE: &str = "edges.csv";
/// Header of `nodes.csv`.
pub const NODE_HEADER: [&str; 7] = ["id", "iri", "kind", "name", "date", "source", "line"];
/// Header of `edges.csv`.
pub const EDGE_HEADER: [&str; 5] = ["from", "to", "kind", "source", "line"];

/// Writes both tables to one stream, separated by an empty line.
#[derive(Clone, Copy, Debug, Default)]
pub struct CsvExporter;

impl Exporter for CsvExporter {
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        let (nodes, edges) = tables(graph, options)?;
        let mut out = BufWriter::new(out);
        write_nodes(&nodes, &mut out)
            .and_then(|()| out.write_all(b"\r\n"))
            .and_then(|()| write_edges(&edges, &mut out))
            .and_then(|()| out.flush())
            .map_err(|e| write_error(Format::Csv, e))
    }
}

/// Writes `nodes.csv` and `edges.csv` into `dir` (created when missing), both
/// or neither ([`output::write_folder`]).
pub fn write_folder(
    graph: &KnowledgeGraph,
    options: &ExportOptions,
    dir: &Path,
) -> Result<(), Error> {
    let (nodes, edges) = tables(graph, options)?;
    let shown = dir.display().to_string();
    let failed = |source| Error::Io {
        path: shown.clone(),
        source,
    };
    let write_nodes = |out: &mut dyn Write| write_nodes(&nodes, out).map_err(failed);
    let write_edges = |out: &mut dyn Write| write_edges(&edges, out).map_err(failed);
    output::write_folder(
        dir,
        &[
            FolderFile {
                name: NODES_FILE,
                write: &write_nodes,
            },
            FolderFile {
                name: EDGES_FILE,
                write: &write_edges,
            },
        ],
    )
}

fn tables(
    graph: &KnowledgeGraph,
    options: &ExportOptions,
) -> Result<(Vec<NodeRow>, Vec<EdgeRow>), Error> {
    let nodes = node_rows(graph, options).map_err(|e| Error::Export {
        format: Format::Csv.name(),
        message: e.to_string(),
    })?;
    Ok((nodes, edge_rows(graph)))
}

fn write_nodes(rows: &[NodeRow], out: &mut dyn Write) -> io::Result<()> {
    let mut table = Table::new(out, &NODE_HEADER)?;
    for row in rows {
        let line = row.line.map(|l| l.to_string()).unwrap_or_default();
        table.record(&[
            row.id.as_str(),
            &row.iri,
            row.kind,
            &row.name,
            row.date.as_deref().unwrap_or_default(),
            row.source.as_deref().unwrap_or_default(),
            &line,
        ])?;
    }
    table.finish()
}

fn write_edges(rows: &[EdgeRow], out: &mut dyn Write) -> io::Result<()> {
    let mut table = Table::new(out, &EDGE_HEADER)?;
    for row in rows {
        let line = row.line.to_string();
        table.record(&[&row.from, &row.to, row.kind, &row.source, &line])?;
    }
    table.finish()
}

/// A CSV table as every CSV output of minutegraph writes it: RFC 4180 with CRLF
/// record ends (the `csv` crate), each cell made safe for spreadsheets and
/// terminals ([`neutral::spreadsheet_cell`]).
pub struct Table<'w> {
    writer: csv::Writer<&'w mut dyn Write>,
}

impl<'w> Table<'w> {
    /// Start a table with its header row.
    pub fn new(out: &'w mut dyn Write, header: &[&str]) -> io::Result<Self> {
        let writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        let mut table = Table { writer };
        table.record(header)?;
        Ok(table)
    }

    /// One record.
    pub fn record<S: AsRef<str>>(&mut self, fields: &[S]) -> io::Result<()> {
        self.writer
            .write_record(
                fields
                    .iter()
                    .map(|f| neutral::spreadsheet_cell(f.as_ref()).into_owned()),
            )
            .map_err(io::Error::other)
    }

    /// Flush what is buffered.
    pub fn finish(mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_it_and_neutralises_formulas() {
        let mut out = Vec::new();
        let mut table = Table::new(&mut out, &["a", "b", "c", "d", "e", "f"]).unwrap();
        table
            .record(&["plain text", "a,b", "say \"hi\"", "two\nlines", "", "=1+1"])
            .unwrap();
        table.finish().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,b,c,d,e,f\r\nplain text,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,'=1+1\r\n"
        );
    }
}
