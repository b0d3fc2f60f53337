//! A progress bar on standard error for long runs: shown only when standard
//! error is a terminal, the run has taken more than a moment, and no `CI`
//! variable is set; cleared when the files are read.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use minutegraph::pipeline::Progress;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long a run goes before the bar appears.
const MOMENT: Duration = Duration::from_millis(800);

/// The bar; hidden until the run has taken [`MOMENT`].
pub struct Bar {
    bar: ProgressBar,
    started: Instant,
    may_show: bool,
    shown: AtomicBool,
}

impl Bar {
    /// A bar that may show itself on a terminal (never when `quiet`).
    pub fn new(quiet: bool) -> Self {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} files, {eta} left")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_prefix("reading");
        Bar {
            bar,
            started: Instant::now(),
            may_show: !quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none(),
            shown: AtomicBool::new(false),
        }
    }
}

impl Progress for Bar {
    fn start(&self, files: usize) {
        self.bar.set_length(files as u64);
    }

    fn file_done(&self) {
        self.bar.inc(1);
        if self.may_show
            && self.started.elapsed() >= MOMENT
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
