//! `minutegraph stats`: how much was found in each file and in total, and which
//! files yielded no date or no attendees.

use super::input::InputArgs;
use clap::{Args, ValueEnum};
use minutegraph::error::Error;
use minutegraph::extract::FileRecord;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = StatsFormat::Markdown)]
    format: StatsFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// List every file, not only the totals and the files that need attention.
    #[arg(long)]
    per_file: bool,
}

/// Output formats of `stats`.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum StatsFormat {
    Markdown,
    Json,
}

/// Counts for one file or for all of them.
#[derive(Clone, Debug, Default, Serialize)]
struct Counts {
    meetings: usize,
    dated: usize,
    attendees: usize,
    agenda_items: usize,
    decisions: usize,
    actions: usize,
    issues: usize,
    services: usize,
}

impl Counts {
    fn of(record: &FileRecord) -> Counts {
        let mut c = Counts::default();
        for m in &record.meetings {
            c.meetings += 1;
            c.dated += usize::from(m.date.is_some());
            c.attendees += m.attendees.len();
            c.agenda_items += m.items.len();
            c.decisions += m.decisions.len();
            c.actions += m.actions.len();
            c.issues += distinct(
                m.issues
                    .iter()
                    .map(|i| i.what.key.to_string().to_lowercase()),
            );
            c.services += distinct(m.services.iter().map(|s| s.what.name.to_lowercase()));
        }
        c
    }

    fn add(&mut self, o: &Counts) {
        self.meetings += o.meetings;
        self.dated += o.dated;
        self.attendees += o.attendees;
        self.agenda_items += o.agenda_items;
        self.decisions += o.decisions;
        self.actions += o.actions;
        self.issues += o.issues;
        self.services += o.services;
    }
}

fn distinct(items: impl Iterator<Item = String>) -> usize {
    items.collect::<std::collections::BTreeSet<_>>().len()
}

#[derive(Debug, Serialize)]
struct FileStats {
    source: String,
    #[serde(flatten)]
    counts: Counts,
}

#[derive(Debug, Serialize)]
struct Report {
    files_found: usize,
    files_read: usize,
    files_with_date: usize,
    files_with_attendees: usize,
    total: Counts,
    no_date: Vec<String>,
    no_attendees: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    files: Vec<FileStats>,
}

/// Run `stats`.
pub fn run(args: StatsArgs) -> Result<u8, Error> {
    let read = args.input.run()?.read_records();
    let outcome = &read.outcome;
    let report = report(outcome, args.per_file);
    super::write_output_of(outcome, args.output.as_deref(), |out| match args.format {
        StatsFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &report).map_err(|e| Error::Export {
                format: "json",
                message: e.to_string(),
            })?;
            writeln!(out).map_err(io)
        }
        StatsFormat::Markdown => write_markdown(out, &report).map_err(io),
    })?;
    Ok(read.finish())
}

fn io(source: std::io::Error) -> Error {
    Error::Io {
        path: "<stdout>".into(),
        source,
    }
}

fn report(outcome: &minutegraph::pipeline::Outcome, per_file: bool) -> Report {
    let mut total = Counts::default();
    let (mut no_date, mut no_attendees, mut files) = (Vec::new(), Vec::new(), Vec::new());
    for record in &outcome.records {
        let counts = Counts::of(record);
        total.add(&counts);
        if counts.dated < counts.meetings || counts.meetings == 0 {
            no_date.push(record.source.clone());
        }
        if counts.attendees == 0 {
            no_attendees.push(record.source.clone());
        }
        if per_file {
            files.push(FileStats {
                source: record.source.clone(),
                counts,
            });
        }
    }
    Report {
        files_found: outcome.files_found,
        files_read: outcome.files_read,
        files_with_date: outcome.files_read - no_date.len(),
        files_with_attendees: outcome.files_read - no_attendees.len(),
        total,
        no_date,
        no_attendees,
        files,
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

fn write_markdown(out: &mut dyn Write, r: &Report) -> std::io::Result<()> {
    writeln!(out, "# minutegraph stats\n")?;
    writeln!(out, "| | count |\n|---|---:|")?;
    writeln!(out, "| files found | {} |", r.files_found)?;
    writeln!(out, "| files read | {} |", r.files_read)?;
    writeln!(
        out,
        "| files with a date | {} ({:.1}%) |",
        r.files_with_date,
        percent(r.files_with_date, r.files_read)
    )?;
    writeln!(
        out,
        "| files with attendees | {} ({:.1}%) |",
        r.files_with_attendees,
        percent(r.files_with_attendees, r.files_read)
    )?;
    let t = &r.total;
    for (name, n) in [
        ("meetings", t.meetings),
        ("dated meetings", t.dated),
        ("attendees", t.attendees),
        ("agenda items", t.agenda_items),
        ("decisions", t.decisions),
        ("actions", t.actions),
        ("issues", t.issues),
        ("services", t.services),
    ] {
        writeln!(out, "| {name} | {n} |")?;
    }
    if !r.files.is_empty() {
        writeln!(out, "\n## Per file\n")?;
        writeln!(
            out,
            "| file | meetings | dated | attendees | items | decisions | actions | issues | services |"
        )?;
        writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|")?;
        for f in &r.files {
            let c = &f.counts;
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                f.source.replace('|', "\\|"),
                c.meetings,
                c.dated,
                c.attendees,
                c.agenda_items,
                c.decisions,
                c.actions,
                c.issues,
                c.services
            )?;
        }
    }
    for (title, list) in [
        ("Files with no date", &r.no_date),
        ("Files with no attendees", &r.no_attendees),
    ] {
        writeln!(out, "\n## {title} ({})\n", list.len())?;
        for f in list.iter() {
            writeln!(out, "- {f}")?;
        }
    }
    Ok(())
}
