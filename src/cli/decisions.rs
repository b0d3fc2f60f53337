//! `minutegraph decisions`: the decisions of the given minutes, optionally
//! only those about a topic or of meetings within a date range.

use super::actions::{FilterArgs, TableFormat};
use super::input::InputArgs;
use super::render;
use clap::Args;
use minutegraph::error::Error;
use minutegraph::query::{self, DecisionRow};
use std::path::PathBuf;

/// Arguments of `decisions`.
#[derive(Debug, Args)]
pub struct DecisionsArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    filter: FilterArgs,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = TableFormat::Markdown)]
    format: TableFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

const HEADER: [&str; 8] = [
    "date", "meeting", "item", "topic", "decision", "source", "line", "id",
];

/// Run `decisions`.
pub fn run(args: DecisionsArgs) -> Result<u8, Error> {
    let read = args.input.run()?.read();
    let outcome = &read.outcome;
    let rows = query::decisions(&outcome.graph, &args.filter.filter());
    super::write_output_of(outcome, args.output.as_deref(), |out| match args.format {
        TableFormat::Json => render::write_json(out, &rows),
        TableFormat::Csv => render::write_csv(out, &HEADER, &table(&rows)),
        TableFormat::Markdown => {
            writeln!(out, "# Decisions ({})\n", rows.len()).map_err(render::io)?;
            render::write_markdown_table(out, &HEADER, &table(&rows))
        }
    })?;
    Ok(read.finish())
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
