//! A synthetic corpus of meeting minutes: several communities, each holding
//! long-running series of meetings in one of the styles minutegraph reads, with
//! a fixed cast, recurring topics, issue references, decisions and actions.
//!
//! The same number of files and seed always give the same bytes: the plan is
//! drawn from the seed, and each file from the plan and draws of its own, so
//! files can be written in any order and on any number of threads.
//!
//! Shared by `examples/gen_corpus/main.rs` and the integration tests.

mod cast;
mod date;
mod meeting;
mod rng;
mod styles;
mod text;
mod words;

pub use cast::{Corpus, plan};
pub use styles::Style;

use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// Draws of a file's text (the meeting's own draws are in `meeting.rs`).
const TAG_RENDER: u64 = 5;

/// Upper bounds of the size buckets `Summary` counts files in, in bytes.
pub const BUCKETS: [usize; 8] = [
    1024,
    4 * 1024,
    16 * 1024,
    50 * 1024,
    128 * 1024,
    512 * 1024,
    2 * 1024 * 1024,
    usize::MAX,
];

impl Corpus {
    /// File `i`'s path relative to the output directory, with `/` between parts.
    pub fn path(&self, i: usize) -> String {
        let f = self.files[i];
        styles::path(&self.series[f.series as usize], f.meeting as usize)
    }

    pub fn style(&self, i: usize) -> Style {
        self.series[self.files[i].series as usize].style
    }

    /// Writes file `i`'s text into `out` (cleared first) and says what it holds.
    pub fn render_into(&self, i: usize, out: &mut String) -> Counts {
        out.clear();
        let f = self.files[i];
        let (series, k) = (f.series as usize, f.meeting as usize);
        let m = meeting::build(self, series, k, f.target as usize);
        let mut rng = rng::Rng::derive(self.seed, TAG_RENDER, series as u64, k as u64);
        styles::render(&m, &mut rng, out);
        Counts {
            attendees: m.present.len(),
            items: m.items.len(),
            decisions: m.decisions().count(),
            actions: m.actions().count() + if m.show_previous { m.previous.len() } else { 0 },
        }
    }

    /// Number of communities and of meeting series.
    pub fn shape(&self) -> (usize, usize) {
        (self.communities.len(), self.series.len())
    }
}

/// A folder that could not be made or a file that could not be written.
#[derive(Debug)]
pub struct WriteError {
    /// "create" or "write".
    pub action: &'static str,
    pub path: PathBuf,
    pub source: std::io::Error,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot {} {}: {}",
            self.action,
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for WriteError {}

/// What the minutes of a file hold, as written (before any reading).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub attendees: usize,
    /// Agenda items.
    pub items: usize,
    pub decisions: usize,
    /// Actions given out, and those of the meeting before where the minutes list them.
    pub actions: usize,
}

/// One file as written: its path, style, size and what it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub path: String,
    pub style: Style,
    pub bytes: usize,
    pub counts: Counts,
}

/// What was written: totals, per style, and per size bucket (`BUCKETS`).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub bytes: u64,
    /// Files and bytes per style, in `Style::ALL` order.
    pub styles: [(usize, u64); 8],
    pub buckets: [usize; 8],
    pub largest: usize,
    /// What the files hold, summed.
    pub counts: Counts,
}

impl Summary {
    fn add(&mut self, style: Style, len: usize, counts: Counts) {
        self.add_counts(counts);
        self.files += 1;
        self.bytes += len as u64;
        let s = Style::ALL.iter().position(|&x| x == style).unwrap_or(0);
        self.styles[s].0 += 1;
        self.styles[s].1 += len as u64;
        let b = BUCKETS
            .iter()
            .position(|&hi| len < hi)
            .unwrap_or(BUCKETS.len() - 1);
        self.buckets[b] += 1;
        self.largest = self.largest.max(len);
    }

    fn add_counts(&mut self, counts: Counts) {
        self.counts.attendees += counts.attendees;
        self.counts.items += counts.items;
        self.counts.decisions += counts.decisions;
        self.counts.actions += counts.actions;
    }
}

/// Writes every file of `corpus` under `out` (which must exist), on all cores.
/// Existing files of the same names are replaced.
/// Every file's record is in `files`, in the corpus' order.
pub fn write(corpus: &Corpus, out: &Path) -> Result<(Summary, Vec<Written>), WriteError> {
    let dirs: BTreeSet<String> = (0..corpus.files.len())
        .filter_map(|i| corpus.path(i).rsplit_once('/').map(|(d, _)| d.to_string()))
        .collect();
    for dir in dirs {
        let path = out.join(dir);
        std::fs::create_dir_all(&path).map_err(|source| WriteError {
            action: "create",
            path,
            source,
        })?;
    }
    let written = (0..corpus.files.len())
        .into_par_iter()
        .map_init(
            || String::with_capacity(64 * 1024),
            |text, i| {
                let counts = corpus.render_into(i, text);
                let path = out.join(corpus.path(i));
                // One write per file: the text is built in memory first.
                std::fs::write(&path, text.as_bytes()).map_err(|source| WriteError {
                    action: "write",
                    path,
                    source,
                })?;
                Ok(Written {
                    path: corpus.path(i),
                    style: corpus.style(i),
                    bytes: text.len(),
                    counts,
                })
            },
        )
        .collect::<Result<Vec<_>, _>>()?;
    let mut summary = Summary::default();
    for w in &written {
        summary.add(w.style, w.bytes, w.counts);
    }
    Ok((summary, written))
}
