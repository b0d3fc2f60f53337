//! `minutegraph entities`: one row per person, service, issue or topic, with how
//! many meetings it occurs in and when it was first and last seen.

use super::actions::TableFormat;
use super::input::InputArgs;
use super::render;
use clap::{Args, ValueEnum};
use minutegraph::error::Error;
use minutegraph::query::{self, EntityKind, EntityOrder, EntityRow};
use std::path::PathBuf;

/// Arguments of `entities`.
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Which kind of entity to list.
    #[arg(short, long, value_enum)]
    kind: KindArg,
    /// Order: by name, by number of meetings (most first) or by last meeting (most recent first).
    #[arg(long, value_enum, default_value_t = SortArg::Name)]
    sort: SortArg,
    /// Only the first N rows (after sorting).
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Only entities seen in at least N meetings.
    #[arg(long, value_name = "N", default_value_t = 0)]
    min_meetings: usize,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = TableFormat::Markdown)]
    format: TableFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Orders on the command line.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum SortArg {
    Name,
    Meetings,
    Recent,
}

impl From<SortArg> for EntityOrder {
    fn from(order: SortArg) -> Self {
        match order {
            SortArg::Name => EntityOrder::Name,
            SortArg::Meetings => EntityOrder::Meetings,
            SortArg::Recent => EntityOrder::Recent,
        }
    }
}

/// Entity kinds on the command line.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum KindArg {
    Person,
    Service,
    Issue,
    Topic,
}

impl From<KindArg> for EntityKind {
    fn from(kind: KindArg) -> Self {
        match kind {
            KindArg::Person => EntityKind::Person,
            KindArg::Service => EntityKind::Service,
            KindArg::Issue => EntityKind::Issue,
            KindArg::Topic => EntityKind::Topic,
        }
    }
}

/// Run `entities`.
pub fn run(args: EntitiesArgs) -> Result<u8, Error> {
    let read = args.input.run()?.read();
    let outcome = &read.outcome;
    let kind = EntityKind::from(args.kind);
    let mut rows = query::entities(&outcome.graph, kind);
    rows.retain(|r| r.meetings >= args.min_meetings);
    query::sort_entities(&mut rows, args.sort.into());
    if let Some(limit) = args.limit {
        rows.truncate(limit);
    }
    let header = header(kind);
    super::write_output_of(outcome, args.output.as_deref(), |out| match args.format {
        TableFormat::Json => render::write_json(out, &rows),
        TableFormat::Csv => render::write_csv(out, &header, &table(kind, &rows)),
        TableFormat::Markdown => {
            writeln!(out, "# Entities: {} ({})\n", kind.name(), rows.len()).map_err(render::io)?;
            render::write_markdown_table(out, &header, &table(kind, &rows))
        }
    })?;
    Ok(read.finish())
}

/// Columns: the common ones, then what only this kind has.
fn header(kind: EntityKind) -> Vec<&'static str> {
    let mut header = vec![
        "name",
        "id",
        "aliases",
        "meetings",
        "first_seen",
        "last_seen",
    ];
    header.extend_from_slice(match kind {
        EntityKind::Person => &["handles"][..],
        EntityKind::Service => &["evidence"],
        EntityKind::Issue => &["key", "kind", "url"],
        EntityKind::Topic => &[],
    });
    header
}

fn table(kind: EntityKind, rows: &[EntityRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            let mut cells = vec![
                r.name.clone(),
                r.id.clone(),
                r.aliases.join("; "),
                r.meetings.to_string(),
                r.first_seen.clone().unwrap_or_default(),
                r.last_seen.clone().unwrap_or_default(),
            ];
            match kind {
                EntityKind::Person => cells.push(r.handles.join("; ")),
                EntityKind::Service => cells.push(r.evidence.clone().unwrap_or_default()),
                EntityKind::Issue => cells.extend([
                    r.key.clone().unwrap_or_default(),
                    r.issue_kind.clone().unwrap_or_default(),
                    r.url.clone().unwrap_or_default(),
                ]),
                EntityKind::Topic => {}
            }
            cells
        })
        .collect()
}
