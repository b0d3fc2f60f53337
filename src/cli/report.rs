//! `minutegraph report`: a static HTML site about the minutes, written whole
//! into a folder. The library builds the pages; this file checks the output
//! folder, finds the source files and Graphviz, and writes the site.

use super::EXIT_INPUT;
use super::input::InputArgs;
use clap::{Args, ValueEnum};
use minutegraph::error::Error;
use minutegraph::output::{replace_folder, target_of};
use minutegraph::report::{self, Diagrams, Options, Site, SourceLinks};
use minutegraph::source::InputFile;
use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The folder to write the site into; a previous report there is replaced whole.
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    /// Replace the folder even when it holds something other than a previous report.
    #[arg(long)]
    force: bool,
    /// How meeting diagrams are drawn: auto (Graphviz `dot` when it is on
    /// PATH, else builtin), dot, or builtin.
    #[arg(long, value_enum, default_value_t = Layout::Auto, value_name = "HOW")]
    layout: Layout,
    /// Link every file:line to this address ({path} and {line} are filled
    /// in); default: [report] source_url of minutegraph.toml, else a relative
    /// link to the file.
    #[arg(long, value_name = "URL")]
    source_url: Option<String>,
}

/// How meeting diagrams are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Layout {
    Auto,
    Dot,
    Builtin,
}

/// Run `report`.
pub fn run(args: ReportArgs) -> Result<u8, Error> {
    let started = Instant::now();
    let run = args.input.run()?;
    let source_url = match args.source_url.clone() {
        Some(url) if !report::is_url_template(&url) => {
            return Err(Error::Usage(format!(
                "--source-url '{url}' is not an http(s) address with {{path}} in it"
            )));
        }
        Some(url) => Some(url),
        None => run.config().source_url.clone(),
    };
    let files = run.files();
    let target = target_of(&args.output);
    check_target(&args.output, &target, run.paths(), &files, args.force)?;
    let dot = match args.layout {
        Layout::Builtin => false,
        Layout::Auto => has_dot(),
        Layout::Dot if has_dot() => true,
        Layout::Dot => {
            return Err(Error::Usage(
                "--layout dot: Graphviz `dot` is not on PATH".into(),
            ));
        }
    };
    let read = run.read();
    let shown = args.output.display().to_string();
    if read.outcome.files_read == 0 {
        eprintln!("minutegraph: no minutes could be read; {shown} not written");
        return Ok(EXIT_INPUT);
    }
    let sources = match source_url {
        Some(url) => SourceLinks::Forge(url),
        None => SourceLinks::Local(local_links(&target, &files)),
    };
    let render = |text: &str| run_dot(text);
    let options = Options {
        sources,
        diagrams: if dot {
            Diagrams::Dot {
                name: "Graphviz dot".into(),
                renderer: &render,
            }
        } else {
            Diagrams::Builtin
        },
    };
    let site = in_pool(args.input.read.jobs, || {
        report::build(&read.outcome.graph, &options)
    })?;
    replace_folder(&target, |dir| write_site(dir, &site))?;
    if !args.input.read.quiet {
        eprintln!(
            "minutegraph: wrote {} pages ({} KiB) to {shown} in {:.1}s",
            site.pages(),
            site.size().div_ceil(1024),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(read.finish())
}

/// Refuses an output that is a file, is or holds one of the inputs, or is a
/// folder with other things in it than a previous report (unless `force`).
fn check_target(
    given: &Path,
    target: &Path,
    paths: &[PathBuf],
    files: &[InputFile],
    force: bool,
) -> Result<(), Error> {
    let shown = given.display();
    let Ok(meta) = fs::metadata(target) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(Error::Usage(format!(
            "{shown} is not a folder; the report is a folder of pages"
        )));
    }
    let target = fs::canonicalize(target).map_err(|e| Error::Io {
        path: shown.to_string(),
        source: e,
    })?;
    let inputs = paths
        .iter()
        .chain(files.iter().filter(|f| !f.is_stdin()).map(|f| &f.path))
        .filter_map(|p| fs::canonicalize(p).ok());
    for input in inputs {
        if input.starts_with(&target) {
            return Err(Error::Usage(format!(
                "{shown} holds minutes being read ({}); refusing to replace it",
                input.display()
            )));
        }
    }
    let mut entries = fs::read_dir(&target).map_err(|e| Error::Io {
        path: shown.to_string(),
        source: e,
    })?;
    let empty = entries.next().is_none();
    if !empty && !target.join(report::MARKER).is_file() && !force {
        return Err(Error::Usage(format!(
            "{shown} is a folder that is not a minutegraph report; use --force to replace it"
        )));
    }
    Ok(())
}

/// Each source's path relative to the site folder `target`.
fn local_links(target: &Path, files: &[InputFile]) -> BTreeMap<String, String> {
    let site = match (target.parent(), target.file_name()) {
        (Some(parent), Some(name)) => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            fs::canonicalize(parent).ok().map(|p| p.join(name))
        }
        _ => None,
    };
    let Some(site) = site else {
        return BTreeMap::new();
    };
    files
        .iter()
        .filter(|f| !f.is_stdin())
        .filter_map(|f| {
            let file = fs::canonicalize(&f.path).ok()?;
            Some((f.rel.clone(), report::relative_path(&site, &file)?))
        })
        .collect()
}

/// Runs `work` on a rayon pool of `jobs` threads (all cores when `None`).
fn in_pool<T: Send>(jobs: Option<usize>, work: impl FnOnce() -> T + Send) -> T {
    match jobs.and_then(|n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .ok()
    }) {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

/// Writes every file of `site` under `dir`, refusing any path that could leave it.
fn write_site(dir: &Path, site: &Site) -> Result<(), Error> {
    for file in &site.files {
        let rel = Path::new(&file.path);
        let safe = rel.components().all(|c| matches!(c, Component::Normal(_)));
        if !safe {
            return Err(Error::Usage(format!(
                "refusing to write {} outside the site",
                file.path
            )));
        }
        let path = dir.join(rel);
        let io = |e| Error::Io {
            path: path.display().to_string(),
            source: e,
        };
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io)?;
        }
        fs::write(&path, &file.bytes).map_err(io)?;
    }
    Ok(())
}

/// Whether Graphviz `dot` can be run.
fn has_dot() -> bool {
    Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// SVG of a DOT text, from Graphviz.
fn run_dot(text: &str) -> Result<String, String> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    let input = text.to_string();
    // Written from another thread so that a large drawing cannot block both ends.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut svg = String::new();
    if let Some(mut out) = child.stdout.take() {
        out.read_to_string(&mut svg).map_err(|e| e.to_string())?;
    }
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    let _ = writer.join();
    if output.status.success() {
        Ok(svg)
    } else {
        let message = String::from_utf8_lossy(&output.stderr);
        Err(message.lines().next().unwrap_or("failed").to_string())
    }
}
