//! A static HTML site about a knowledge graph: an overview, one page per topic,
//! person, service and meeting, and index pages listing them.
//!
//! [`build`] gathers what each page shows from the graph into plain view
//! structs and renders them with askama templates (`templates/`),
//! which escape every value. The site is self-contained (one shared stylesheet,
//! inline SVG, no scripts, nothing loaded from the network) and the same graph
//! always gives the same bytes. Writing the files is the caller's business.

mod chart;
mod diagram;
mod links;
mod names;
mod pages;
pub mod timeline;
mod views;

pub use links::{SourceLinks, encode_path, is_url_template, relative_path};

use crate::error::Error;
use crate::model::KnowledgeGraph;
use rayon::prelude::*;

/// The file that marks a folder as a report written by minutegraph, so that a
/// later run may replace it.
pub const MARKER: &str = ".minutegraph-report";

/// The stylesheet every page links to (and standalone pages inline).
pub const STYLE: &str = include_str!("../../templates/style.css");

/// Turns the DOT of one meeting into SVG (e.g. by running Graphviz), or says why not.
pub type DotRenderer<'a> = dyn Fn(&str) -> Result<String, String> + Sync + 'a;

/// How the meeting diagrams are drawn.
pub enum Diagrams<'a> {
    /// Laid out by minutegraph itself, in columns.
    Builtin,
    /// The single-meeting DOT view, rendered by `renderer` (named `name` on the
    /// page); a meeting it fails on gets the built-in layout.
    Dot {
        /// What renders it, as the page names it ("Graphviz dot").
        name: String,
        /// DOT in, SVG out.
        renderer: &'a DotRenderer<'a>,
    },
}

/// What a report is built with.
pub struct Options<'a> {
    /// Where `file:line` references link to.
    pub sources: SourceLinks,
    /// How meeting diagrams are drawn.
    pub diagrams: Diagrams<'a>,
}

/// One file of the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteFile {
    /// Path inside the site folder, `/`-separated, made only of safe names.
    pub path: String,
    /// The file's content.
    pub bytes: Vec<u8>,
}

/// Every file of a site, sorted by path.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Site {
    /// The files, the marker file included.
    pub files: Vec<SiteFile>,
}

impl Site {
    /// Number of HTML pages.
    pub fn pages(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .count()
    }

    /// Total size of the files in bytes.
    pub fn size(&self) -> usize {
        self.files.iter().map(|f| f.bytes.len()).sum()
    }
}

/// Builds the site of `graph`. Pages are rendered in parallel on the current
/// rayon pool and put in path order, so the result does not depend on it.
pub fn build(graph: &KnowledgeGraph, options: &Options<'_>) -> Result<Site, Error> {
    let data = views::Data::gather(graph);
    let names = names::Names::new(graph);
    let ctx = views::Context {
        graph,
        data: &data,
        names: &names,
        sources: &options.sources,
    };
    let mut files = vec![
        text_file(MARKER, "minutegraph report\n".to_string()),
        text_file("style.css", STYLE.to_string()),
    ];
    let jobs = views::jobs(&ctx);
    let rendered: Vec<Result<Vec<SiteFile>, Error>> = jobs
        .par_iter()
        .map(|job| pages::render(&ctx, job, &options.diagrams))
        .collect();
    for r in rendered {
        files.extend(r?);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Site { files })
}

fn text_file(path: &str, text: String) -> SiteFile {
    SiteFile {
        path: path.to_string(),
        bytes: text.into_bytes(),
    }
}

/// Text from the minutes as a page shows it: one line, control characters as
/// their visible pictures, and the characters HTML does not allow replaced.
pub(crate) fn clean(text: &str) -> String {
    let visible = crate::export::neutral::visible_controls(text);
    let mut out = String::with_capacity(visible.len());
    for word in visible.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            word.chars()
                .map(|c| if is_noncharacter(c) { '\u{fffd}' } else { c }),
        );
    }
    out
}

/// Unicode noncharacters, which HTML reports as parse errors.
fn is_noncharacter(c: char) -> bool {
    let n = c as u32;
    (0xFDD0..=0xFDEF).contains(&n) || (n & 0xFFFE) == 0xFFFE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_one_visible_line() {
        assert_eq!(clean("a\u{1b}[31m\n b\u{7}"), "a\u{241b}[31m b\u{2407}");
        assert_eq!(clean("x\u{fdd0}\u{ffff}"), "x\u{fffd}\u{fffd}");
        assert_eq!(clean("  "), "");
    }
}
