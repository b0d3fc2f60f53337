//! `minutegraph timeline`: every meeting and agenda item where one topic,
//! service, person or issue appears, in date order.

use super::EXIT_INPUT;
use super::input::InputArgs;
use super::render::{self, timeline as draw};
use clap::{Args, ValueEnum};
use minutegraph::error::Error;
use minutegraph::pipeline::Outcome;
use minutegraph::query::{self, Selector};
use std::path::PathBuf;

/// Arguments of `timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    target: Target,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = TimelineFormat::Markdown)]
    format: TimelineFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The one thing to follow (names, aliases, handles and keys match, ignoring case).
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
struct Target {
    /// A topic thread, by name or id slug.
    #[arg(long, value_name = "NAME")]
    topic: Option<String>,
    /// A service, by name or alias.
    #[arg(long, value_name = "NAME")]
    service: Option<String>,
    /// A person, by name, alias or handle.
    #[arg(long, value_name = "NAME")]
    person: Option<String>,
    /// An issue, by key (owner/repo#N, repo#N, #N or PROJ-N).
    #[arg(long, value_name = "KEY")]
    issue: Option<String>,
}

impl Target {
    fn selector(self) -> Selector {
        match self {
            Target { topic: Some(t), .. } => Selector::Topic(t),
            Target {
                service: Some(s), ..
            } => Selector::Service(s),
            Target {
                person: Some(p), ..
            } => Selector::Person(p),
            Target { issue, .. } => Selector::Issue(issue.unwrap_or_default()),
        }
    }
}

/// Output formats of `timeline`.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum TimelineFormat {
    Markdown,
    Json,
    Csv,
    Mermaid,
    Html,
}

/// Run `timeline`.
pub fn run(args: TimelineArgs) -> Result<u8, Error> {
    let read = args.input.run()?.read();
    let outcome = &read.outcome;
    let selector = args.target.selector();
    let timeline = query::timeline(&outcome.graph, selector.clone());
    if timeline.matched.is_empty() {
        eprintln!("minutegraph: {}", no_match(outcome, &selector));
        return Ok(EXIT_INPUT);
    }
    super::write_output_of(outcome, args.output.as_deref(), |out| match args.format {
        TimelineFormat::Markdown => draw::markdown(out, &timeline),
        TimelineFormat::Json => render::write_json(out, &timeline),
        TimelineFormat::Csv => draw::csv(out, &timeline),
        TimelineFormat::Mermaid => draw::mermaid(out, &timeline),
        TimelineFormat::Html => draw::html(out, &timeline),
    })?;
    Ok(read.finish())
}

/// "no service matches 'x'", with a few close names when there are some.
pub(super) fn no_match(outcome: &Outcome, selector: &Selector) -> String {
    let mut message = format!("no {} matches '{}'", selector.kind_name(), selector.query());
    if outcome.files_read == 0 {
        message.push_str(" (no minutes could be read)");
        return message;
    }
    let close = query::suggestions(&outcome.graph, selector.kind(), selector.query(), 5);
    if !close.is_empty() {
        message.push_str(&format!("; close names: {}", close.join(", ")));
    }
    message
}
