//! `minutegraph export`: write the graph of the given minutes in one format.

use super::input::InputArgs;
use clap::Args;
use minutegraph::error::Error;
use minutegraph::export::{DEFAULT_BASE_IRI, DotView, ExportOptions, Format};
use std::path::PathBuf;

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format: jsonld, turtle, trig, ntriples, nquads, rdfxml, dot, graphml, csv (default: from -o's extension, else turtle).
    #[arg(short, long)]
    format: Option<String>,
    /// Write to this file (atomically) instead of standard output; for csv, the folder for nodes.csv and edges.csv.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// What DOT shows: full (everything; an overview above 1000 nodes), meeting or topics.
    #[arg(long, value_name = "VIEW")]
    view: Option<String>,
    /// Base IRI for entity IRIs.
    #[arg(long, default_value = DEFAULT_BASE_IRI)]
    base_iri: String,
}

/// Run `export`.
pub fn run(args: ExportArgs) -> Result<u8, Error> {
    let format = pick_format(args.format.as_deref(), args.output.as_deref())?;
    let view = pick_view(args.view.as_deref())?;
    let read = args.input.run()?.read();
    let outcome = &read.outcome;
    let options = ExportOptions {
        base_iri: args.base_iri.clone(),
        view,
    };
    match args.output.as_deref() {
        Some(dir) if format.writes_folder() => {
            if super::output::check_output(outcome, dir)? {
                minutegraph::export::csv::write_folder(&outcome.graph, &options, dir)?;
            }
        }
        output => {
            let exporter = format.exporter();
            super::write_output_of(outcome, output, |out| {
                exporter.write(&outcome.graph, &options, out)
            })?;
        }
    }
    Ok(read.exit_code())
}

fn pick_view(name: Option<&str>) -> Result<DotView, Error> {
    match name {
        None => Ok(DotView::default()),
        Some(name) => DotView::from_name(name).ok_or_else(|| {
            Error::Usage(format!(
                "unknown view '{name}' (expected full, meeting or topics)"
            ))
        }),
    }
}

fn pick_format(name: Option<&str>, output: Option<&std::path::Path>) -> Result<Format, Error> {
    if let Some(name) = name {
        return Format::from_name(name)
            .ok_or_else(|| Error::Usage(format!("unknown format '{name}'")));
    }
    let by_ext = output
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension);
    Ok(by_ext.unwrap_or(Format::Turtle))
}
