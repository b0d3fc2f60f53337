//! CSV: the node and edge tables as `nodes.csv` and `edges.csv` (RFC 4180:
//! a header row, CRLF line ends, fields with commas, quotes or line breaks
//! quoted and quotes doubled).
//!
//! [`write_folder`] writes both files into a folder atomically: a new folder
//! is filled under a temporary name and renamed into place; in an existing
//! folder each file is written to a temporary file and renamed over the old
//! one. Written to a single stream ([`CsvExporter`]), the nodes table comes
//! first, then an empty line, then the edges table.

use super::neutral;
use super::table::{EdgeRow, NodeRow, edge_rows, node_rows};
use super::{ExportOptions, Exporter, Format, write_error};
use crate::error::Error;
use crate::model::KnowledgeGraph;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

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

/// Writes `nodes.csv` and `edges.csv` into `dir` (created when missing), atomically.
pub fn write_folder(
    graph: &KnowledgeGraph,
    options: &ExportOptions,
    dir: &Path,
) -> Result<(), Error> {
    let (nodes, edges) = tables(graph, options)?;
    let shown = dir.display().to_string();
    let io_error = |source| Error::Io {
        path: shown.clone(),
        source,
    };
    match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => replace_tables(dir, &nodes, &edges).map_err(io_error),
        Ok(_) => Err(io_error(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "exists and is not a folder",
        ))),
        Err(_) => new_folder(dir, &nodes, &edges).map_err(io_error),
    }
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

/// Fills a temporary sibling folder and renames it to `dir`.
fn new_folder(dir: &Path, nodes: &[NodeRow], edges: &[EdgeRow]) -> io::Result<()> {
    let tmp = temporary(dir);
    let result = (|| {
        fs::create_dir(&tmp)?;
        write_synced(&tmp.join(NODES_FILE), &|out| write_nodes(nodes, out))?;
        write_synced(&tmp.join(EDGES_FILE), &|out| write_edges(edges, out))?;
        fs::rename(&tmp, dir)
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

/// Replaces both tables in an existing folder together: both are written in full
/// first, then renamed into place; when the second rename fails the first table
/// is put back, so the folder never holds a new `nodes.csv` beside an old
/// `edges.csv`.
fn replace_tables(dir: &Path, nodes: &[NodeRow], edges: &[EdgeRow]) -> io::Result<()> {
    let (nodes_path, edges_path) = (dir.join(NODES_FILE), dir.join(EDGES_FILE));
    let (nodes_tmp, edges_tmp) = (temporary(&nodes_path), temporary(&edges_path));
    let backup = dir.join(format!(".{NODES_FILE}.{}.old", std::process::id()));
    let result = (|| {
        write_synced(&nodes_tmp, &|out| write_nodes(nodes, out))?;
        write_synced(&edges_tmp, &|out| write_edges(edges, out))?;
        let had_nodes = fs::hard_link(&nodes_path, &backup).is_ok();
        fs::rename(&nodes_tmp, &nodes_path)?;
        if let Err(e) = fs::rename(&edges_tmp, &edges_path) {
            if had_nodes {
                let _ = fs::rename(&backup, &nodes_path);
            } else {
                let _ = fs::remove_file(&nodes_path);
            }
            return Err(e);
        }
        Ok(())
    })();
    for leftover in [&nodes_tmp, &edges_tmp, &backup] {
        let _ = fs::remove_file(leftover);
    }
    result
}

fn write_synced(path: &Path, body: &dyn Fn(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let mut out = BufWriter::new(fs::File::create(path)?);
    body(&mut out)?;
    out.into_inner().map_err(|e| e.into_error())?.sync_all()
}

/// `.NAME.PID.tmp` beside `path`.
fn temporary(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "csv".into(), |n| n.to_string_lossy().into_owned());
    let tmp = format!(".{name}.{}.tmp", std::process::id());
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) => parent.join(tmp),
        None => PathBuf::from(tmp),
    }
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

    #[test]
    fn temporary_names_sit_beside_the_target() {
        let tmp = temporary(Path::new("out/graph"));
        assert_eq!(tmp.parent(), Some(Path::new("out")));
        assert!(tmp.to_string_lossy().ends_with(".tmp"));
        assert!(temporary(Path::new("graph")).parent() == Some(Path::new("")));
    }
}
