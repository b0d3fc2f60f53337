//! The `minutegraph` command: parse arguments, run, map errors to exit codes.
//! The command line lives here, in [`cli`]; the library does the work.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
