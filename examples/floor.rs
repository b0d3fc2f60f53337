//! The floor for benchmarks: walk folders of minutes, read every file and parse
//! it as CommonMark on all cores, with no extraction. `bench/run.sh` times
//! minutegraph against it in the same run.
//!
//! `cargo run --release --example floor -- DIR...`

use pulldown_cmark::{Event, Parser};
use rayon::prelude::*;
use std::path::PathBuf;

const EXTENSIONS: [&str; 4] = ["md", "markdown", "txt", "log"];

fn main() {
    let files: Vec<PathBuf> = std::env::args()
        .skip(1)
        .flat_map(|root| walkdir::WalkDir::new(root).sort_by_file_name())
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        })
        .collect();
    let (bytes, events) = files
        .par_iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            let events = Parser::new(&text)
                .filter(|e| matches!(e, Event::Text(_)))
                .count();
            (bytes.len(), events)
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!("{} files, {bytes} bytes, {events} text events", files.len());
}
