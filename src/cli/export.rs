//! `minutegraph export`: write the graph of the given minutes in one format.

use super::EXIT_INPUT;
use super::input::InputArgs;
use clap::Args;
use minutegraph::error::Error;
use minutegraph::export::{DEFAULT_BASE_IRI, DotView, ExportOptions, Format};
use minutegraph::query::{Selection, Selector};
use std::path::PathBuf;

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    select: SelectArgs,
    /// Output format: jsonld, turtle, trig, ntriples, nquads, rdfxml, dot, graphml, csv (default: from -o's extension, else turtle).
    #[arg(short, long)]
    format: Option<String>,
    /// Write to this file (atomically) instead of standard output; for csv, the folder for nodes.csv and edges.csv.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// What DOT shows: full (everything; an overview above 60 nodes), meeting or topics.
    #[arg(long, value_name = "VIEW")]
    view: Option<String>,
    /// DOT: keep the N topics, latest meetings, or series and entities of each kind (overview) that matter most.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    top: Option<u32>,
    /// DOT: at most N meetings or series in a row, or N time columns in the topics view.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    row: Option<u32>,
    /// Base IRI for entity IRIs.
    #[arg(long, default_value = DEFAULT_BASE_IRI)]
    base_iri: String,
}

/// Which part of the graph to export (default: all of it).
#[derive(Debug, Args)]
struct SelectArgs {
    /// Only meetings with an agenda item of this topic thread.
    #[arg(long, value_name = "NAME", group = "about")]
    topic: Option<String>,
    /// Only meetings this person attends or is named in.
    #[arg(long, value_name = "NAME", group = "about")]
    person: Option<String>,
    /// Only meetings that name this service.
    #[arg(long, value_name = "NAME", group = "about")]
    service: Option<String>,
    /// Only meetings that name this issue.
    #[arg(long, value_name = "KEY", group = "about")]
    issue: Option<String>,
    /// Only meetings on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = super::actions::parse_date)]
    since: Option<jiff::civil::Date>,
    /// Only meetings on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = super::actions::parse_date)]
    until: Option<jiff::civil::Date>,
}

impl SelectArgs {
    fn selection(&self) -> Selection {
        let about = match self {
            SelectArgs { topic: Some(t), .. } => Some(Selector::Topic(t.clone())),
            SelectArgs {
                person: Some(p), ..
            } => Some(Selector::Person(p.clone())),
            SelectArgs {
                service: Some(s), ..
            } => Some(Selector::Service(s.clone())),
            SelectArgs { issue: Some(i), .. } => Some(Selector::Issue(i.clone())),
            _ => None,
        };
        Selection {
            about,
            since: self.since,
            until: self.until,
        }
    }
}

/// Run `export`.
pub fn run(args: ExportArgs) -> Result<u8, Error> {
    let format = pick_format(args.format.as_deref(), args.output.as_deref())?;
    let view = pick_view(args.view.as_deref())?;
    let read = args.input.run()?.read();
    let outcome = &read.outcome;
    let selection = args.select.selection();
    let part;
    let graph = if selection.is_everything() {
        &outcome.graph
    } else {
        match minutegraph::query::select(&outcome.graph, &selection) {
            Some(g) => {
                part = g;
                &part
            }
            None => {
                let about = selection
                    .about
                    .as_ref()
                    .map(|s| super::timeline::no_match(outcome, s));
                eprintln!("minutegraph: {}", about.unwrap_or_default());
                return Ok(EXIT_INPUT);
            }
        }
    };
    let options = ExportOptions {
        base_iri: args.base_iri.clone(),
        view,
        top: args.top.map(|n| n as usize),
        row: args.row.map(|n| n as usize),
    };
    match args.output.as_deref() {
        Some(dir) if format.writes_folder() => {
            if super::output::check_output(outcome, dir)? {
                minutegraph::export::csv::write_folder(graph, &options, dir)?;
            }
        }
        output => {
            let exporter = format.exporter();
            super::write_output_of(outcome, output, |out| exporter.write(graph, &options, out))?;
        }
    }
    Ok(read.finish())
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
