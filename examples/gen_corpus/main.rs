//! Writes a synthetic corpus of meeting minutes for benchmarks and tests:
//! several communities with long-running meeting series in every style
//! minutegraph reads (HackMD pads, sectioned Markdown, triage checklists, posts
//! with front matter, plain text, IRC logs, transcripts, board minutes).
//!
//! `cargo run --release --example gen_corpus -- --files 10000 --seed 1 --out DIR`
//!
//! The same `--files` and `--seed` give byte-identical files. See
//! `examples/README.md` for the shapes and the size spread.

mod generate;

use clap::Parser;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Write N synthetic minutes files, the same bytes for the same N and seed.
#[derive(Parser)]
#[command(name = "gen_corpus")]
struct Args {
    /// Number of files to write (1 to 10,000,000).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    files: u64,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Directory to write into; created if missing, and must be empty unless --force.
    #[arg(long)]
    out: PathBuf,
    /// Also write a TSV of every file: path, style, bytes, attendees, agenda
    /// items, decisions and actions as written (keep it outside --out).
    #[arg(long, value_name = "FILE")]
    manifest: Option<PathBuf>,
    /// Write into a non-empty directory (files of the same names are replaced,
    /// others are left alone).
    #[arg(long)]
    force: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gen_corpus: error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    prepare(&args.out, args.force)?;
    let open = |path: &PathBuf| {
        std::fs::File::create(path).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    let manifest_file = args.manifest.as_ref().map(open).transpose()?;
    let started = Instant::now();
    let corpus = generate::plan(args.files as usize, args.seed);
    let (summary, written) = generate::write(&corpus, &args.out).map_err(|e| e.to_string())?;
    let seconds = started.elapsed().as_secs_f64().max(1e-3);
    if let (Some(file), Some(path)) = (manifest_file, &args.manifest) {
        manifest(file, &written).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let text = report(&corpus, &summary, seconds, &args.out);
    // A closed pipe (`| head`) is not an error; the files are written.
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write to standard output: {e}"))
        }
        _ => Ok(()),
    }
}

/// What was written: totals, speed, and files per style and per size.
fn report(
    corpus: &generate::Corpus,
    summary: &generate::Summary,
    seconds: f64,
    out: &Path,
) -> String {
    let mut text = String::new();
    let (communities, series) = corpus.shape();
    let mb = summary.bytes as f64 / 1e6;
    let _ = writeln!(
        text,
        "{} files, {mb:.1} MB in {seconds:.1} s ({:.0} files/s, {:.0} MB/s) into {}",
        summary.files,
        summary.files as f64 / seconds,
        mb / seconds,
        out.display()
    );
    let _ = writeln!(
        text,
        "{communities} communities, {series} meeting series, largest file {:.0} KB",
        summary.largest as f64 / 1024.0
    );
    let c = summary.counts;
    let _ = writeln!(
        text,
        "written: {} attendees, {} agenda items, {} decisions, {} actions",
        c.attendees, c.items, c.decisions, c.actions
    );
    let _ = writeln!(text, "style                 files      MB");
    for (style, (files, bytes)) in generate::Style::ALL.iter().zip(summary.styles) {
        let _ = writeln!(
            text,
            "{:<20} {files:>6} {:>7.1}",
            style.name(),
            bytes as f64 / 1e6
        );
    }
    let _ = writeln!(text, "size                  files");
    let mut low = 0;
    for (&high, count) in generate::BUCKETS.iter().zip(summary.buckets) {
        let label = if high == usize::MAX {
            format!(">= {}", kb(low))
        } else {
            format!("{} - {}", kb(low), kb(high))
        };
        let _ = writeln!(text, "{label:<20} {count:>6}");
        low = high;
    }
    text
}

fn manifest(file: std::fs::File, written: &[generate::Written]) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(file);
    writeln!(
        out,
        "path\tstyle\tbytes\tattendees\titems\tdecisions\tactions"
    )?;
    for w in written {
        let c = w.counts;
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            w.path,
            w.style.name(),
            w.bytes,
            c.attendees,
            c.items,
            c.decisions,
            c.actions
        )?;
    }
    out.flush()
}

fn kb(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MB", bytes / 1024 / 1024)
    } else {
        format!("{} KB", bytes / 1024)
    }
}

/// Creates `out` if it is missing; refuses a file, or a non-empty directory
/// unless `force`.
fn prepare(out: &Path, force: bool) -> Result<(), String> {
    let shown = out.display();
    match std::fs::metadata(out) {
        Ok(meta) if !meta.is_dir() => Err(format!("{shown} exists and is not a directory")),
        Ok(_) => {
            let mut entries =
                std::fs::read_dir(out).map_err(|e| format!("cannot read {shown}: {e}"))?;
            if entries.next().is_some() && !force {
                Err(format!(
                    "{shown} is not empty; choose an empty directory or pass --force to write into it"
                ))
            } else {
                Ok(())
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(out).map_err(|e| format!("cannot create {shown}: {e}"))
        }
        Err(e) => Err(format!("cannot read {shown}: {e}")),
    }
}
