//! `minutegraph completions SHELL` and `minutegraph man`: shell completion
//! scripts and a man page, generated from the command-line definitions.

use super::{Cli, EXIT_OK};
use clap::{Args, CommandFactory, ValueEnum};
use minutegraph::error::Error;

/// Arguments of `completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

/// Shells with completion scripts.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

/// Run `completions`: the script on standard output.
pub fn completions(args: CompletionsArgs) -> Result<u8, Error> {
    use clap_complete::Shell as S;
    let shell = match args.shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::Elvish => S::Elvish,
        Shell::Powershell => S::PowerShell,
    };
    let mut command = Cli::command();
    super::write_output(None, |out| {
        clap_complete::generate(shell, &mut command, "minutegraph", out);
        Ok(())
    })?;
    Ok(EXIT_OK)
}

/// Run `man`: the man page (roff) on standard output.
pub fn man() -> Result<u8, Error> {
    let page = clap_mangen::Man::new(Cli::command());
    super::write_output(None, |out| page.render(out).map_err(super::render::io))?;
    Ok(EXIT_OK)
}
