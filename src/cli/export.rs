//! `minutegraph export`: write the graph of the given minutes in one format.

use super::{EXIT_INPUT, EXIT_OK};
use crate::config::Config;
use crate::error::{Error, Severity};
use crate::export::{DEFAULT_BASE_IRI, DotView, ExportOptions, Format};
use crate::source::SourceFilter;
use clap::Args;
use std::path::PathBuf;

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Files and folders of minutes; `-` reads standard input.
    #[arg(value_name = "PATH", default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format: jsonld, turtle, trig, ntriples, nquads, rdfxml, dot, graphml, csv (default: from -o's extension, else turtle).
    #[arg(short, long)]
    format: Option<String>,
    /// Write to this file (atomically) instead of standard output; for csv, the folder for nodes.csv and edges.csv.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// What DOT shows: full (everything; an overview above 1000 nodes), meeting or topics.
    #[arg(long, value_name = "VIEW")]
    view: Option<String>,
    /// Files read at once (default: one per core); the output is the same for any number.
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// Configuration file (default: minutegraph.toml in the input folder).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Base IRI for entity IRIs.
    #[arg(long, default_value = DEFAULT_BASE_IRI)]
    base_iri: String,
    /// Only read files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Skip files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Exit non-zero when any file had an error.
    #[arg(long)]
    strict: bool,
    /// Do not print warnings, only errors.
    #[arg(short, long)]
    quiet: bool,
}

/// Run `export`.
pub fn run(args: ExportArgs) -> Result<u8, Error> {
    let format = pick_format(args.format.as_deref(), args.output.as_deref())?;
    let view = pick_view(args.view.as_deref())?;
    let filter = SourceFilter::new(&args.include, &args.exclude)?;
    let config = Config::for_run(args.config.as_deref(), &args.paths)?;
    let bar = super::progress::Bar::new(args.quiet);
    let outcome = crate::pipeline::run_with(&args.paths, &filter, &config, args.jobs, &bar);
    let mut errors = 0;
    for d in &outcome.diagnostics {
        if d.severity == Severity::Error {
            errors += 1;
        }
        if d.severity == Severity::Error || !args.quiet {
            eprintln!("{d}");
        }
    }
    let options = ExportOptions {
        base_iri: args.base_iri.clone(),
        view,
    };
    match args.output.as_deref() {
        Some(dir) if format.writes_folder() => {
            if super::output::check_output(&outcome, dir)? {
                crate::export::csv::write_folder(&outcome.graph, &options, dir)?;
            }
        }
        output => {
            let exporter = format.exporter();
            super::write_output_of(&outcome, output, |out| {
                exporter.write(&outcome.graph, &options, out)
            })?;
        }
    }
    if outcome.files_read == 0 || (args.strict && errors > 0) {
        return Ok(EXIT_INPUT);
    }
    Ok(EXIT_OK)
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
