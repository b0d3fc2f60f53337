//! One timeline as a page that stands alone (the stylesheet inline, no links
//! out), drawn with the same templates as the site's topic pages.

use super::views::{EntryView, entry_view};
use super::{STYLE, clean};
use crate::error::Error;
use crate::query::Timeline;
use askama::Template;

#[derive(Template)]
#[template(path = "timeline.html")]
struct TimelinePage<'a> {
    title: String,
    summary: String,
    style: &'a str,
    entries: Vec<EntryView>,
}

/// The HTML page of `timeline`, headed `title` with a `summary` line.
pub fn page(timeline: &Timeline, title: &str, summary: &str) -> Result<String, Error> {
    TimelinePage {
        title: clean(title),
        summary: clean(summary),
        style: STYLE,
        entries: timeline.entries.iter().map(entry_view).collect(),
    }
    .render()
    .map_err(|e| Error::Export {
        format: "html",
        message: e.to_string(),
    })
}
