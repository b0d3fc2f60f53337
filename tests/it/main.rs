//! The integration tests, in one test binary so the library is linked once:
//! the `minutegraph` binary end to end (export, query, check and cache commands), the public
//! API from finding files to every export format, the files in `schema/`, and
//! property tests for determinism, robustness and exporter round trips.
//!
//! To add tests, put them in a module here named for what it covers
//! (`tests/it/<name>.rs`, starting with a `//!` doc), declare it below, and
//! share helpers through `support`. Tests run in parallel threads of one
//! process, so they must not change the environment or the current directory:
//! give a child process its own with `Command::env` and `Command::current_dir`.
//! Run one module with `cargo test --test it <name>::`. A failing property
//! test records its case in `tests/proptest-regressions/<name>.txt`, which is
//! replayed first on every later run; commit it with the fix.

mod cache;
mod check;
mod cli;
mod determinism;
mod dot_pages;
mod export_dot;
mod export_jsonschema;
mod export_props;
mod export_roundtrip;
mod export_shapes;
mod export_tables;
mod export_vocab;
mod faults;
mod gen_corpus;
mod query;
mod report;
mod robustness;
mod source_discovery;
mod sparql;
mod support;
mod terminal;
