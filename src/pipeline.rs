//! The one-call pipeline: paths in, knowledge graph and diagnostics out.

use crate::config::Config;
use crate::error::Diagnostic;
use crate::extract::{FileContext, FileRecord};
use crate::model::KnowledgeGraph;
use crate::source::authors::AuthorRegistries;
use crate::source::{self, InputFile, SourceFilter};
use std::path::PathBuf;

/// The result of reading a set of inputs.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The merged graph.
    pub graph: KnowledgeGraph,
    /// Per-file extraction results, in source order.
    pub records: Vec<FileRecord>,
    /// Everything that went wrong or looked doubtful, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// The files found (not standard input), to keep outputs off them.
    pub inputs: Vec<PathBuf>,
    /// Number of files found.
    pub files_found: usize,
    /// Number of files read and extracted.
    pub files_read: usize,
}

/// Discover, read, parse and extract every input, then merge into one graph.
pub fn run(inputs: &[PathBuf], filter: &SourceFilter, config: &Config) -> Outcome {
    let (files, mut diagnostics) = source::discover(inputs, filter);
    let mut records = Vec::with_capacity(files.len());
    let mut registries = AuthorRegistries::default();
    for file in &files {
        let context = FileContext {
            authors: registries.for_file(&file.path),
            folders: source::enclosing_folders(&file.path, 3),
        };
        match process_file(file, filter, config, &context) {
            Ok((record, diags)) => {
                records.push(record);
                diagnostics.extend(diags);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    let graph = crate::resolve::build_graph(&records, config);
    diagnostics.extend(id_collisions(&records));
    Outcome {
        graph,
        inputs: files
            .iter()
            .filter(|f| !f.is_stdin())
            .map(|f| f.path.clone())
            .collect(),
        files_found: files.len(),
        files_read: records.len(),
        records,
        diagnostics,
    }
}

/// A warning for every file whose id another file's name would also give
/// (`a.md` and `a.txt`): both are kept, under ids of their own.
fn id_collisions(records: &[FileRecord]) -> Vec<Diagnostic> {
    use crate::resolve::{file_ids, source_slug};
    let ids = file_ids(records.iter().map(|r| r.source.as_str()));
    ids.iter()
        .filter(|(source, id)| source_slug(source) != **id)
        .map(|(source, id)| {
            let natural = source_slug(source);
            let others: Vec<&str> = ids
                .keys()
                .filter(|o| *o != source && source_slug(o) == natural)
                .copied()
                .collect();
            Diagnostic::warning(
                *source,
                None,
                format!(
                    "file id `{natural}` is also that of {}; its meetings are `meeting/{id}`",
                    others.join(", ")
                ),
            )
        })
        .collect()
}

/// Read, parse and extract one file; depends only on the file and the config.
pub fn process_file(
    file: &InputFile,
    filter: &SourceFilter,
    config: &Config,
    context: &FileContext,
) -> Result<(FileRecord, Vec<Diagnostic>), Diagnostic> {
    let text = source::read_text(file, filter)?;
    let doc = crate::document::parse(&file.rel, &text.content);
    let (record, mut diags) = crate::extract::extract(&doc, config, context);
    let mut all = text.warnings;
    all.append(&mut diags);
    for d in &mut all {
        d.path = file.display_path();
    }
    Ok((record, all))
}
