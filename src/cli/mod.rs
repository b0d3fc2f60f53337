//! Command-line interface: clap definitions and one file per subcommand.

mod actions;
mod cache;
mod check;
mod completions;
mod decisions;
mod entities;
mod export;
mod init;
mod input;
mod output;
mod progress;
mod push;
mod query;
mod render;
mod report;
mod stats;
mod timeline;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit status when everything worked.
pub const EXIT_OK: u8 = 0;
/// Exit status when some input had errors and `--strict` was given, or nothing could be read.
pub const EXIT_INPUT: u8 = 1;
/// Exit status for bad usage or an output that could not be written.
pub const EXIT_USAGE: u8 = 2;

/// Turn folders of meeting minutes into a knowledge graph.
#[derive(Debug, Parser)]
#[command(name = "minutegraph", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Export the knowledge graph of the given minutes (JSON-LD, RDF, DOT).
    Export(export::ExportArgs),
    /// Count what was found per file and in total; list files with no date or attendees.
    Stats(stats::StatsArgs),
    /// Write a commented minutegraph.toml configuration template.
    Init(init::InitArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff), e.g. `minutegraph man > minutegraph.1`.
    Man,
    /// Follow one topic, service, person or issue across meetings, in date order.
    Timeline(timeline::TimelineArgs),
    /// List action items, optionally only open ones, one person's, or about a topic.
    Actions(actions::ActionsArgs),
    /// List decisions, optionally only those about a topic or within dates.
    Decisions(decisions::DecisionsArgs),
    /// List people, services, issues or topics with their meeting counts and dates.
    Entities(entities::EntitiesArgs),
    /// Ask the graph a SPARQL 1.1 question, or a ready-made one from --list.
    Query(query::QueryArgs),
    /// Load the graph into a triple store (SPARQL 1.1 Graph Store protocol), one graph per file.
    Push(push::PushArgs),
    /// Write a static HTML site: overview, topics, people, services, meetings.
    Report(report::ReportArgs),
    /// Lint minutes for CI: missing dates and attendees, actions without owners,
    /// issues without a repository, names written two ways, agenda items not discussed.
    Check(check::CheckArgs),
    /// Show the extraction cache, remove the entries of older builds, or clear it.
    Cache(cache::CacheArgs),
    /// Print the block structure minutegraph reads from one file (for debugging rules).
    #[command(hide = true)]
    Blocks {
        /// The file to parse.
        path: std::path::PathBuf,
    },
}

/// Parse the command line, run the command and return the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Export(args) => export::run(args),
        Command::Init(args) => init::run(args),
        Command::Completions(args) => completions::completions(args),
        Command::Man => completions::man(),
        Command::Stats(args) => stats::run(args),
        Command::Timeline(args) => timeline::run(args),
        Command::Actions(args) => actions::run(args),
        Command::Decisions(args) => decisions::run(args),
        Command::Entities(args) => entities::run(args),
        Command::Query(args) => query::run(args),
        Command::Push(args) => push::run(args),
        Command::Check(args) => check::run(args),
        Command::Report(args) => report::run(args),
        Command::Cache(args) => cache::run(args),
        Command::Blocks { path } => print_blocks(&path),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("minutegraph: {e}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

pub(crate) use output::{write_output, write_output_of};

fn print_blocks(path: &std::path::Path) -> Result<u8, minutegraph::error::Error> {
    let text = std::fs::read_to_string(path).map_err(|e| minutegraph::error::Error::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    let doc = minutegraph::document::parse(&path.display().to_string(), &text);
    let roles =
        minutegraph::extract::outline::roles(&doc.blocks, &minutegraph::config::Config::default());
    write_output(None, |out| {
        for (b, role) in doc.blocks.iter().zip(&roles) {
            let role = role.map(|r| format!(" {r:?}")).unwrap_or_default();
            writeln!(
                out,
                "{:>4}-{:<4} {:?}{role} d{} {:?} {:?}",
                b.line, b.end_line, b.kind, b.depth, b.lead_strong, b.text
            )
            .map_err(|e| minutegraph::error::Error::Io {
                path: "<stdout>".into(),
                source: e,
            })?;
        }
        Ok(())
    })?;
    Ok(EXIT_OK)
}
