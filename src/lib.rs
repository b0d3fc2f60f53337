//! minutegraph turns folders of meeting minutes into a knowledge graph.
//!
//! The pipeline: [`source`] finds and reads files, [`document`] parses each into
//! blocks with line spans, [`extract`] finds meetings, people, services, issues,
//! agenda items, decisions and actions in one file, [`resolve`] merges the
//! per-file results into one [`model::KnowledgeGraph`], and [`export`] writes it,
//! through [`output`] when it goes to a file.
//! [`pipeline`] runs the whole chain in one call, answering files that did not
//! change from the [`cache`] when given one; [`check`] lints the minutes it read.

pub mod cache;
pub mod check;
pub mod config;
pub mod document;
pub mod error;
pub mod export;
pub mod extract;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod push;
pub mod query;
pub mod report;
pub mod resolve;
pub mod source;
pub mod vocab;
#[doc(hidden)]
pub mod work;
