//! The `minutegraph` command: parse arguments, run, map errors to exit codes.

fn main() -> std::process::ExitCode {
    minutegraph::cli::main()
}
