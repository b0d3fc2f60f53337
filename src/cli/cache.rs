//! `minutegraph cache`: where the extraction cache is and how much it holds,
//! and removing the entries of older builds or all of them.

use super::EXIT_OK;
use clap::{Args, Subcommand};
use minutegraph::cache::{self, tidy};
use minutegraph::error::Error;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `cache`.
#[derive(Debug, Args)]
pub struct CacheArgs {
    #[command(subcommand)]
    action: Action,
    /// The cache folder (default: $MINUTEGRAPH_CACHE_DIR, else minutegraph in the user's cache folder).
    #[arg(long, value_name = "DIR", global = true)]
    cache: Option<PathBuf>,
}

/// What to do with the cache.
#[derive(Debug, Subcommand)]
enum Action {
    /// Print the cache folder and the entries each build of minutegraph keeps there.
    Info,
    /// Remove the entries of other builds (older versions) of minutegraph.
    Prune,
    /// Remove every entry.
    Clear,
}

/// Run `cache`.
pub fn run(args: CacheArgs) -> Result<u8, Error> {
    let root = args
        .cache
        .or_else(cache::default_dir)
        .ok_or_else(|| Error::Usage("no cache folder: set HOME or give --cache DIR".into()))?;
    let io_error = |source| Error::Io {
        path: root.display().to_string(),
        source,
    };
    match args.action {
        Action::Info => {
            let buckets = tidy::usage(&root).map_err(io_error)?;
            super::write_output(None, |out| info(out, &root, &buckets))?;
        }
        Action::Prune => {
            let removed = tidy::prune(&root).map_err(io_error)?;
            eprintln!("removed {} from {}", total(&removed), root.display());
        }
        Action::Clear => {
            let removed = tidy::clear(&root).map_err(io_error)?;
            eprintln!("removed {} from {}", total(&removed), root.display());
        }
    }
    Ok(EXIT_OK)
}

/// The folder, one line per build, and the total.
fn info(out: &mut dyn Write, root: &Path, buckets: &[tidy::Bucket]) -> Result<(), Error> {
    let mut text = format!("{}\n", root.display());
    for b in buckets {
        text.push_str(&format!(
            "{}  {}{}\n",
            b.name,
            total(std::slice::from_ref(b)),
            if b.current { "  (this build)" } else { "" }
        ));
    }
    text.push_str(&format!("total: {}\n", total(buckets)));
    out.write_all(text.as_bytes()).map_err(|source| Error::Io {
        path: "<stdout>".into(),
        source,
    })
}

/// "3710 entries, 31.2 MB".
fn total(buckets: &[tidy::Bucket]) -> String {
    let entries: usize = buckets.iter().map(|b| b.entries).sum();
    let bytes: u64 = buckets.iter().map(|b| b.bytes).sum();
    format!(
        "{entries} {}, {:.1} MB",
        if entries == 1 { "entry" } else { "entries" },
        bytes as f64 / 1e6
    )
}
