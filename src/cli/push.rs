//! `minutegraph push`: load the graph of the given minutes into a triple store
//! over the SPARQL 1.1 Graph Store HTTP Protocol.

use super::input::InputArgs;
use super::render;
use super::{EXIT_INPUT, EXIT_USAGE};
use clap::Args;
use minutegraph::error::Error;
use minutegraph::export::{DEFAULT_BASE_IRI, ExportOptions};
use minutegraph::push::{self, Change, Endpoint, GraphStore, Plan, Settings};
use std::io::Write;
use std::time::Duration;

/// Environment variable holding the user name for the endpoint.
pub const USER_VAR: &str = "MINUTEGRAPH_USER";
/// Environment variable holding the password for the endpoint.
pub const PASSWORD_VAR: &str = "MINUTEGRAPH_PASSWORD";

/// Arguments of `push`.
#[derive(Debug, Args)]
pub struct PushArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The Graph Store URL (e.g. http://127.0.0.1:7878/store for Oxigraph
    /// server, http://127.0.0.1:8890/sparql-graph-crud-auth for Virtuoso).
    #[arg(long, value_name = "URL")]
    endpoint: String,
    /// The query parameter that names a graph.
    #[arg(long, value_name = "NAME", default_value = "graph")]
    graph_param: String,
    /// Delete the graphs of files that are gone from the input.
    #[arg(long)]
    prune: bool,
    /// Only list what would change; send nothing.
    #[arg(long)]
    dry_run: bool,
    /// Send every graph, even those the server's manifest says are unchanged.
    #[arg(long)]
    force: bool,
    /// Seconds one request may take.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    timeout: u64,
    /// Times a request that failed for a moment (network, 429, 5xx) is tried again.
    #[arg(long, value_name = "N", default_value_t = 3)]
    retries: u32,
    /// Base IRI for entity and graph IRIs.
    #[arg(long, default_value = DEFAULT_BASE_IRI)]
    base_iri: String,
}

/// Run `push`.
pub fn run(args: PushArgs) -> Result<u8, Error> {
    let lower = args.endpoint.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(Error::Usage(format!(
            "--endpoint {}: expected an http:// or https:// URL",
            args.endpoint
        )));
    }
    let read = args.input.run()?.read();
    let outcome = &read.outcome;
    if outcome.files_read == 0 {
        eprintln!("minutegraph: no minutes could be read; nothing pushed");
        return Ok(EXIT_INPUT);
    }
    let options = ExportOptions {
        base_iri: args.base_iri.clone(),
        ..ExportOptions::default()
    };
    let plan = Plan::new(&outcome.graph, &options).map_err(|e| Error::Export {
        format: "push",
        message: e.to_string(),
    })?;
    let credentials = match (std::env::var(USER_VAR), std::env::var(PASSWORD_VAR)) {
        (Ok(user), Ok(password)) => Some((user, password)),
        (Ok(_), Err(_)) | (Err(_), Ok(_)) => {
            return Err(Error::Usage(format!(
                "set both {USER_VAR} and {PASSWORD_VAR}, or neither"
            )));
        }
        _ => None,
    };
    let mut store = GraphStore::new(Endpoint {
        url: args.endpoint.clone(),
        graph_param: args.graph_param.clone(),
        credentials,
        timeout: Duration::from_secs(args.timeout.max(1)),
        retries: args.retries,
    });
    let settings = Settings {
        prune: args.prune,
        dry_run: args.dry_run,
        force: args.force,
    };
    let steps = match push::push(&mut store, &plan, settings) {
        Ok(steps) => steps,
        Err(e) => {
            eprintln!("minutegraph: {e}");
            eprintln!(
                "minutegraph: {} graph(s) were written before the failure; run push again to send the rest",
                store.writes
            );
            return Ok(EXIT_USAGE);
        }
    };
    let count = |c: Change| steps.iter().filter(|s| s.change == c).count();
    let sent: usize = steps.iter().map(|s| s.triples).sum();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let verb = if args.dry_run { "would " } else { "" };
    if !args.input.read.quiet {
        for step in steps.iter().filter(|s| s.change != Change::Unchanged) {
            let triples = if step.change == Change::Put {
                format!(" ({} triples)", step.triples)
            } else {
                String::new()
            };
            writeln!(
                out,
                "{verb}{} <{}>{triples}",
                step.change.name(),
                render::one_line(&step.graph)
            )
            .map_err(render::io)?;
        }
    }
    writeln!(
        out,
        "{verb}put {} graph(s) ({sent} triples), {} unchanged, {verb}delete {}; {} request(s) changed the store",
        count(Change::Put),
        count(Change::Unchanged),
        count(Change::Delete),
        store.writes
    )
    .map_err(render::io)?;
    Ok(read.finish())
}
