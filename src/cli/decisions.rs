//! `minutegraph decisions`: the decisions of the given minutes, optionally
//! only those about a topic or of meetings within a date range.

use super::actions::{FilterArgs, TableFormat};
use super::render;
use super::{EXIT_INPUT, EXIT_OK};
use crate::error::Error;
use crate::query::{self, DecisionRow};
use clap::Args;
use std::path::PathBuf;

/// Arguments of `decisions`.
#[derive(Debug, Args)]
pub struct DecisionsArgs {
    /// Files and folders of minutes.
    #[arg(value_name = "PATH", default_value = ".")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    filter: FilterArgs,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = TableFormat::Markdown)]
    format: TableFormat,
    /// Configuration file (default: minutegraph.toml in the input folder).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

const HEADER: [&str; 8] = [
    "date", "meeting", "item", "topic", "decision", "source", "line", "id",
];

/// Run `decisions`.
pub fn run(args: DecisionsArgs) -> Result<u8, Error> {
    let outcome = super::timeline::read(&args.paths, args.config.as_deref())?;
    let rows = query::decisions(&outcome.graph, &args.filter.filter());
    super::write_output_of(&outcome, args.output.as_deref(), |out| match args.format {
        TableFormat::Json => render::write_json(out, &rows),
        TableFormat::Csv => render::write_csv(out, &HEADER, &table(&rows)),
        TableFormat::Markdown => {
            writeln!(out, "# Decisions ({})\n", rows.len()).map_err(render::io)?;
            render::write_markdown_table(out, &HEADER, &table(&rows))
        }
    })?;
    Ok(if outcome.files_read == 0 {
        EXIT_INPUT
    } else {
        EXIT_OK
    })
}

fn table(rows: &[DecisionRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            vec![
                r.date.clone().unwrap_or_default(),
                r.meeting_title.clone().unwrap_or_default(),
                r.item.clone().unwrap_or_default(),
                r.topic.clone().unwrap_or_default(),
                r.text.clone(),
                r.source.clone(),
                r.line.to_string(),
                r.id.clone(),
            ]
        })
        .collect()
}
