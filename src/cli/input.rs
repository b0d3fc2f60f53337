//! The input flags every subcommand shares (which files, which configuration,
//! how much to say), turned once into a checked [`Run`] that reads the minutes
//! and reports what went wrong.

use super::progress::Bar;
use super::{EXIT_INPUT, EXIT_OK};
use clap::{Args, ValueEnum};
use minutegraph::cache::{self, Cache};
use minutegraph::config::Config;
use minutegraph::error::{Diagnostic, Error, Severity};
use minutegraph::pipeline::{Options, Outcome};
use minutegraph::source::SourceFilter;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;

/// Warnings of one kind shown before the rest are only counted (all with `-v`).
pub const SHOWN_PER_KIND: usize = 3;

/// Paths of minutes, and every other input flag.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files and folders of minutes; `-` reads standard input.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// The input flags other than the paths (for `query`, whose positional
/// arguments also hold the query).
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Configuration file (default: minutegraph.toml in the input folder).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Only read files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Skip files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Files read at once (default: one per core); the output is the same for any number.
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Exit non-zero when any file had an error.
    #[arg(long)]
    pub strict: bool,
    /// Print only errors, no warnings or progress.
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print every warning (by default a few of each kind, then a count).
    #[arg(short, long)]
    pub verbose: bool,
    /// Colour in messages: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Keep each file's extraction result in this folder, so later runs re-read only changed files (default: $MINUTEGRAPH_CACHE_DIR, else minutegraph in the user's cache folder).
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// Extract every file afresh, neither reading nor writing the cache.
    #[arg(long, conflicts_with = "cache")]
    pub no_cache: bool,
}

/// When messages are coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// A checked run: the filter, configuration and cache folder built from the flags.
pub struct Run<'a> {
    paths: &'a [PathBuf],
    read: &'a ReadArgs,
    filter: SourceFilter,
    config: Config,
    cache: Option<PathBuf>,
}

/// A finished read: the outcome, and how many files had errors.
pub struct Read {
    /// What the pipeline found.
    pub outcome: Outcome,
    /// Number of error diagnostics.
    pub errors: usize,
    strict: bool,
}

impl InputArgs {
    /// The checked run of these flags.
    pub fn run(&self) -> Result<Run<'_>, Error> {
        self.read.run(&self.paths)
    }
}

impl ReadArgs {
    /// The checked run over `paths`.
    pub fn run<'a>(&'a self, paths: &'a [PathBuf]) -> Result<Run<'a>, Error> {
        if let Some(jobs) = self.jobs {
            // Every later step on several cores (writing, too) keeps to `--jobs`.
            // Only the first run of a process sets it, which is the only one.
            let _ = rayon::ThreadPoolBuilder::new()
                .num_threads(jobs.max(1))
                .build_global();
        }
        Ok(Run {
            paths,
            read: self,
            filter: SourceFilter::new(&self.include, &self.exclude)?,
            config: Config::for_run(self.config.as_deref(), paths)?,
            cache: self.cache_dir(),
        })
    }

    /// The cache folder: `--cache`, else the default; none with `--no-cache`.
    pub fn cache_dir(&self) -> Option<PathBuf> {
        if self.no_cache {
            return None;
        }
        self.cache.clone().or_else(cache::default_dir)
    }
}

impl Run<'_> {
    /// The text of every file this run reads, for showing lines of findings.
    pub fn sources(&self) -> std::collections::BTreeMap<String, minutegraph::check::Source> {
        minutegraph::check::read_sources(self.paths, &self.filter)
    }

    /// The files this run reads (as found, before reading them).
    pub fn files(&self) -> Vec<minutegraph::source::InputFile> {
        minutegraph::source::discover(self.paths, &self.filter).0
    }

    /// The paths given.
    pub fn paths(&self) -> &[PathBuf] {
        self.paths
    }

    /// The checked configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Reads the minutes (with a progress bar on a terminal) and prints the
    /// diagnostics: every error, and warnings as `-q` / `-v` ask. The outcome
    /// holds the graph but not each file's record.
    pub fn read(self) -> Read {
        self.read_keeping(false)
    }

    /// [`Run::read`], keeping each file's record in the outcome.
    pub fn read_records(self) -> Read {
        self.read_keeping(true)
    }

    fn read_keeping(self, records: bool) -> Read {
        let color = colored(self.read.color);
        let cache = self.open_cache(color);
        let bar = Bar::new(self.read.quiet);
        let outcome = minutegraph::pipeline::run_with(
            self.paths,
            &self.filter,
            &self.config,
            &Options {
                jobs: self.read.jobs,
                progress: &bar,
                cache: cache.as_ref(),
                records,
            },
        );
        let errors = outcome
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        for line in report(&outcome.diagnostics, self.read.quiet, self.read.verbose) {
            eprintln!("{}", line.show(color));
        }
        if let Some(cache) = &cache {
            self.tell_cache(cache, color);
        }
        Read {
            outcome,
            errors,
            strict: self.read.strict,
        }
    }
}

impl Run<'_> {
    /// The cache, when there is one and it can be written (else a warning says why not).
    fn open_cache(&self, color: bool) -> Option<Cache> {
        let dir = self.cache.as_deref()?;
        match Cache::open(dir) {
            Ok(cache) => Some(cache),
            Err(e) => {
                if !self.read.quiet {
                    eprintln!(
                        "minutegraph: {}: cannot use the cache folder {} ({}); extracting every file afresh",
                        paint(color, "33", "warning"),
                        dir.display(),
                        e.kind().to_string().to_lowercase()
                    );
                }
                None
            }
        }
    }

    /// With `-v`, how many files the cache answered; a warning when entries
    /// could not be written.
    fn tell_cache(&self, cache: &Cache, color: bool) {
        let stats = cache.stats();
        match &stats.write_error {
            Some(why) if !self.read.quiet => eprintln!(
                "minutegraph: {}: cannot write to the cache ({why}); later files were not kept",
                paint(color, "33", "warning")
            ),
            _ => {}
        }
        if self.read.verbose {
            let plural = |n: usize, one: &str, many: &str| {
                format!("{n} {}", if n == 1 { one } else { many })
            };
            eprintln!(
                "minutegraph: cache: {}, {} ({})",
                plural(stats.hits, "hit", "hits"),
                plural(stats.misses, "miss", "misses"),
                cache.root().display()
            );
        }
    }
}

impl Read {
    /// 1 when nothing could be read, or with `--strict` when a file had an error; else 0.
    pub fn exit_code(&self) -> u8 {
        if self.outcome.files_read == 0 || (self.strict && self.errors > 0) {
            EXIT_INPUT
        } else {
            EXIT_OK
        }
    }

    /// The exit status, once the command is done with what was read. The
    /// process ends next, and gives all its memory back at once: freeing a
    /// graph of millions of nodes one allocation at a time first would only
    /// delay the exit.
    pub fn finish(self) -> u8 {
        let code = self.exit_code();
        std::mem::forget(self);
        code
    }
}

/// One line of the report on standard error.
#[derive(Debug, PartialEq, Eq)]
enum Line<'a> {
    Diagnostic(&'a Diagnostic),
    /// `count` more warnings saying `message`.
    More {
        message: &'a str,
        count: usize,
    },
}

/// `text` in the colour of SGR `code` when `color`, else as it is.
fn paint(color: bool, code: &str, text: &str) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

impl Line<'_> {
    fn show(&self, color: bool) -> String {
        let paint = |code: &str, text: &str| paint(color, code, text);
        match self {
            Line::Diagnostic(d) => {
                let (label, code) = match d.severity {
                    Severity::Error => ("error", "1;31"),
                    Severity::Warning => ("warning", "33"),
                };
                let place = match d.line {
                    Some(line) => format!("{}:{line}", d.path),
                    None => d.path.clone(),
                };
                format!(
                    "{place}: {}: {}",
                    paint(code, label),
                    minutegraph::export::neutral::visible_controls(&d.message)
                )
            }
            Line::More { message, count } => format!(
                "minutegraph: {}: {count} more like \"{}\" (-v shows them all)",
                paint("33", "warning"),
                minutegraph::export::neutral::visible_controls(message)
            ),
        }
    }
}

/// What to print: every error; with `verbose` every warning; by default the
/// first [`SHOWN_PER_KIND`] warnings of each message, then one line per
/// message counting the rest; with `quiet` errors only.
fn report(diagnostics: &[Diagnostic], quiet: bool, verbose: bool) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for d in diagnostics {
        if d.severity == Severity::Warning {
            if quiet {
                continue;
            }
            let n = seen.entry(kind_of(&d.message)).or_default();
            *n += 1;
            if !verbose && *n > SHOWN_PER_KIND {
                continue;
            }
        }
        lines.push(Line::Diagnostic(d));
    }
    for (message, n) in seen {
        if !verbose && n > SHOWN_PER_KIND {
            lines.push(Line::More {
                message,
                count: n - SHOWN_PER_KIND,
            });
        }
    }
    lines
}

/// The kind of a warning: its message up to the first quote or colon, where
/// the parts that name one file's text begin.
fn kind_of(message: &str) -> &str {
    let end = message
        .find(['\'', '"', ':', '(', '`'])
        .unwrap_or(message.len());
    message[..end].trim_end()
}

/// Whether to colour standard error.
fn colored(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stderr().is_terminal()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warning(path: &str, message: &str) -> Diagnostic {
        Diagnostic::warning(path, Some(1), message)
    }

    #[test]
    fn repeated_warnings_are_counted_not_repeated() {
        let mut diagnostics: Vec<Diagnostic> = (0..10)
            .map(|i| warning(&format!("{i}.md"), "no attendees found"))
            .collect();
        diagnostics.push(Diagnostic::error("x.md", None, "cannot read"));
        diagnostics.push(warning("y.md", "no date found"));
        let lines = report(&diagnostics, false, false);
        assert_eq!(lines.len(), SHOWN_PER_KIND + 3);
        assert_eq!(
            lines.last(),
            Some(&Line::More {
                message: "no attendees found",
                count: 10 - SHOWN_PER_KIND
            })
        );
        assert_eq!(report(&diagnostics, false, true).len(), 12);
        let quiet = report(&diagnostics, true, false);
        assert_eq!(quiet.len(), 1);
        assert_eq!(quiet[0].show(false), "x.md: error: cannot read");
    }

    #[test]
    fn warnings_naming_text_share_a_kind() {
        assert_eq!(kind_of("unknown heading 'Foo'"), "unknown heading");
        assert_eq!(kind_of("no date found"), "no date found");
    }

    #[test]
    fn colour_only_paints_the_label_and_controls_are_shown() {
        let d = warning("a.md", "odd \u{1b}]0;title\u{7} text");
        let plain = Line::Diagnostic(&d).show(false);
        assert!(!plain.contains('\u{1b}'), "{plain}");
        let painted = Line::Diagnostic(&d).show(true);
        assert!(painted.contains("\x1b[33mwarning\x1b[0m"), "{painted}");
        assert_eq!(painted.matches('\u{1b}').count(), 2, "{painted}");
    }
}
