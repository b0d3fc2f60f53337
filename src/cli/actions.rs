//! `minutegraph actions`: the action items of the given minutes, optionally only
//! open ones or only those of one person.

use super::EXIT_INPUT;
use super::input::InputArgs;
use super::render;
use clap::{Args, ValueEnum};
use minutegraph::error::Error;
use minutegraph::query::{self, ActionRow, Selector};
use std::path::PathBuf;

/// Arguments of `actions`.
#[derive(Debug, Args)]
pub struct ActionsArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Only actions that are still open (by the evidence in status_evidence).
    #[arg(long)]
    open: bool,
    /// Only actions not known to be done that were recorded more than DAYS
    /// days before the latest meeting of the input.
    #[arg(long, value_name = "DAYS")]
    stale: Option<i64>,
    /// Only actions assigned to this person (name, alias or handle).
    #[arg(long, value_name = "NAME")]
    assignee: Option<String>,
    #[command(flatten)]
    filter: FilterArgs,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = TableFormat::Markdown)]
    format: TableFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The filters `actions` and `decisions` share.
#[derive(Debug, Args)]
pub(super) struct FilterArgs {
    /// Only those about this topic: of an agenda item of a topic thread it
    /// names, or whose text or agenda item contains it.
    #[arg(long, value_name = "TEXT")]
    topic: Option<String>,
    /// Only those of meetings on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    since: Option<jiff::civil::Date>,
    /// Only those of meetings on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    until: Option<jiff::civil::Date>,
}

impl FilterArgs {
    pub(super) fn filter(&self) -> query::Filter {
        query::Filter {
            topic: self.topic.clone(),
            since: self.since,
            until: self.until,
        }
    }
}

pub(super) fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse()
        .map_err(|_| format!("'{text}' is not a date (expected YYYY-MM-DD)"))
}

/// Output formats of the table commands.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub(super) enum TableFormat {
    Markdown,
    Json,
    Csv,
}

const HEADER: [&str; 11] = [
    "date",
    "meeting",
    "item",
    "status",
    "status_evidence",
    "due",
    "assignees",
    "action",
    "source",
    "line",
    "id",
];

/// Run `actions`.
pub fn run(args: ActionsArgs) -> Result<u8, Error> {
    let read = args.input.run()?.read();
    let outcome = &read.outcome;
    if let Some(name) = &args.assignee {
        let selector = Selector::Person(name.clone());
        if query::find_nodes(&outcome.graph, selector.kind(), name).is_empty() {
            eprintln!(
                "minutegraph: {}",
                super::timeline::no_match(outcome, &selector)
            );
            return Ok(EXIT_INPUT);
        }
    }
    let mut rows = query::actions(
        &outcome.graph,
        args.open,
        args.assignee.as_deref(),
        &args.filter.filter(),
    );
    if let Some(days) = args.stale {
        let latest = query::latest_meeting_date(&outcome.graph);
        rows.retain(|r| is_stale(r, latest, days));
    }
    super::write_output_of(outcome, args.output.as_deref(), |out| match args.format {
        TableFormat::Json => render::write_json(out, &rows),
        TableFormat::Csv => render::write_csv(out, &HEADER, &table(&rows)),
        TableFormat::Markdown => {
            let title = if args.open { "Open actions" } else { "Actions" };
            writeln!(out, "# {title} ({})\n", rows.len()).map_err(render::io)?;
            render::write_markdown_table(out, &HEADER, &table(&rows))
        }
    })?;
    Ok(read.finish())
}

/// Not known to be done, and dated more than `days` before `latest`.
fn is_stale(row: &ActionRow, latest: Option<jiff::civil::Date>, days: i64) -> bool {
    let date = row
        .date
        .as_deref()
        .and_then(|d| d.parse::<jiff::civil::Date>().ok());
    let (Some(date), Some(latest)) = (date, latest) else {
        return false;
    };
    row.status != query::Status::Done
        && date
            .checked_add(jiff::Span::new().days(days))
            .is_ok_and(|limit| limit < latest)
}

fn table(rows: &[ActionRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            vec![
                r.date.clone().unwrap_or_default(),
                r.meeting_title.clone().unwrap_or_default(),
                r.item.clone().unwrap_or_default(),
                r.status.name().to_string(),
                r.status_evidence
                    .as_ref()
                    .map(|e| e.describe())
                    .unwrap_or_default(),
                r.due.clone().unwrap_or_default(),
                r.assignees.join(", "),
                r.text.clone(),
                r.source.clone(),
                r.line.to_string(),
                r.id.clone(),
            ]
        })
        .collect()
}
