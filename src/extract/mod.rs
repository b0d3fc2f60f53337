//! Extraction: one parsed document in, the meetings it records out.
//!
//! Each submodule is a small rule set for one kind of thing. Extraction of a file
//! depends only on that file and the [`Config`], so files can be processed in
//! parallel; merging across files happens later in [`crate::resolve`].

pub mod action;
pub mod agenda;
mod attendance;
mod chat_agenda;
pub mod dates;
pub mod decision;
pub mod discovery;
pub mod findings;
pub mod issue;
pub mod lexicon;
mod meeting;
mod merge;
mod names;
mod outcomes;
pub mod outline;
pub(crate) mod parallel;
pub mod person;
mod person_links;
pub mod presenters;
pub mod records;
pub mod sections;
pub mod service;
mod speakers;
mod split;
pub mod turns;

pub use records::{FileRecord, MeetingRecord};

use crate::config::Config;
use crate::document::Document;
use crate::error::Diagnostic;

/// What besides the file itself and the configuration applies to one file.
#[derive(Clone, Debug, Default)]
pub struct FileContext {
    /// Author key -> display name, from a registry beside the file.
    pub authors: crate::source::authors::Authors,
    /// The names of the folders holding the file, outermost first, at most three
    /// (`2022-11-22-hackathon`, or `2024/05/02`): a date there dates the meeting
    /// when the file itself gives none, however the file was named on the command line.
    pub folders: Vec<String>,
}

impl FileContext {
    /// The path of a file as far as the context knows it: its folders and its name.
    pub fn path_of(&self, source: &str) -> String {
        let name = source.rsplit('/').next().unwrap_or(source);
        self.folders
            .iter()
            .map(String::as_str)
            .chain([name])
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// Extract the meetings of one document; problems (no date, ...) become diagnostics.
pub fn extract(
    doc: &Document,
    config: &Config,
    context: &FileContext,
) -> (FileRecord, Vec<Diagnostic>) {
    let mut diagnostics = doc.diagnostics.clone();
    let year = dates::year_of_path(&context.path_of(&doc.source));
    let parts = split::meeting_parts(doc, year);
    let mut meetings = Vec::with_capacity(parts.len());
    for part in &parts {
        let mut meeting = meeting::read_meeting(part, config, context);
        let line = part.blocks.first().map(|b| b.line);
        if parts.len() > 1 {
            meeting.line = line.unwrap_or(1);
        }
        if meeting.date.is_none() && !meeting.records_a_meeting() {
            // A README or notes page beside the minutes: reported, not exported as a meeting.
            diagnostics.push(Diagnostic::warning(
                &doc.source,
                line.or(Some(1)),
                "no meeting date, attendees, decisions or actions found; not read as minutes",
            ));
            continue;
        }
        if meeting.date.is_none() {
            diagnostics.push(Diagnostic::warning(
                &doc.source,
                line.or(Some(1)),
                "no meeting date found",
            ));
        }
        if meeting.attendees.is_empty() {
            diagnostics.push(Diagnostic::warning(
                &doc.source,
                line.filter(|_| parts.len() > 1),
                "no attendees found",
            ));
        }
        meetings.push(meeting);
    }
    let record = FileRecord {
        source: doc.source.clone(),
        meetings,
    };
    (record, diagnostics)
}
