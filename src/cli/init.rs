//! `minutegraph init`: write a commented `minutegraph.toml` template.

use super::EXIT_OK;
use clap::Args;
use minutegraph::config::{FILE_NAME, TEMPLATE};
use minutegraph::error::Error;
use std::path::PathBuf;

/// Arguments of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to write minutegraph.toml into.
    #[arg(value_name = "DIR", default_value = ".")]
    dir: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    force: bool,
}

/// Run `init`.
pub fn run(args: InitArgs) -> Result<u8, Error> {
    let path = args.dir.join(FILE_NAME);
    if path.exists() && !args.force {
        return Err(Error::Usage(format!(
            "{} exists; use --force to overwrite it",
            path.display()
        )));
    }
    super::write_output(Some(&path), |out| {
        out.write_all(TEMPLATE.as_bytes())
            .map_err(|source| Error::Io {
                path: path.display().to_string(),
                source,
            })
    })?;
    eprintln!("wrote {}", path.display());
    Ok(EXIT_OK)
}
