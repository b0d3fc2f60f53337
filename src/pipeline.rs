//! The one-call pipeline: paths in, knowledge graph and diagnostics out.

use crate::cache::{Cache, Extracted, Scope};
use crate::config::Config;
use crate::error::Diagnostic;
use crate::extract::{FileContext, FileRecord};
use crate::model::KnowledgeGraph;
use crate::resolve::PackedRecord;
use crate::source::authors::AuthorRegistries;
use crate::source::{self, InputFile, SourceFilter};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The result of reading a set of inputs.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The merged graph.
    pub graph: KnowledgeGraph,
    /// Per-file extraction results, in source order; empty unless
    /// [`Options::records`] asked for them.
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

/// Discover, read, parse and extract every input on all cores, then merge into
/// one graph.
pub fn run(inputs: &[PathBuf], filter: &SourceFilter, config: &Config) -> Outcome {
    run_on(inputs, filter, config, None)
}

/// [`run`] on `jobs` threads (all cores when `None`). Files are read and
/// extracted in parallel and their results taken in file order, so the outcome
/// is the same for any number of jobs.
pub fn run_on(
    inputs: &[PathBuf],
    filter: &SourceFilter,
    config: &Config,
    jobs: Option<usize>,
) -> Outcome {
    run_with(
        inputs,
        filter,
        config,
        &Options {
            jobs,
            ..Options::default()
        },
    )
}

/// Told how a run goes: the number of files found, then each file read.
pub trait Progress: Sync {
    /// `files` were found and will be read.
    fn start(&self, _files: usize) {}
    /// One more file was read and extracted (from any thread).
    fn file_done(&self) {}
    /// Every file was read; the graph is being built.
    fn finish(&self) {}
}

/// A [`Progress`] that shows nothing.
pub struct Silent;

impl Progress for Silent {}

/// How a run goes, beyond what it reads and how it is configured. None of it
/// changes the outcome.
#[derive(Clone, Copy)]
pub struct Options<'a> {
    /// Threads to read files on (all cores when `None`).
    pub jobs: Option<usize>,
    /// Told as files are read.
    pub progress: &'a dyn Progress,
    /// Where files' extraction results are looked up and kept (standard input never is).
    pub cache: Option<&'a Cache>,
    /// Whether the outcome keeps every file's record. Without them, each record
    /// is packed as soon as its file is read and the graph is built from the
    /// packed records, which takes a fraction of the memory.
    pub records: bool,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            jobs: None,
            progress: &Silent,
            cache: None,
            records: true,
        }
    }
}

/// [`run`] with `options`: threads, progress and cache.
pub fn run_with(
    inputs: &[PathBuf],
    filter: &SourceFilter,
    config: &Config,
    options: &Options,
) -> Outcome {
    let progress = options.progress;
    let (files, mut diagnostics) = source::discover(inputs, filter);
    progress.start(files.len());
    let mut registries = AuthorRegistries::default();
    let contexts: Vec<FileContext> = files
        .iter()
        .map(|file| FileContext {
            authors: registries.for_file(&file.path),
            folders: source::enclosing_folders(&file.path, 3),
        })
        .collect();
    let scope = options.cache.map(|c| c.scope(config));
    let extract_all = || -> Vec<_> {
        files
            .par_iter()
            .zip(contexts.par_iter())
            .map(|(file, context)| {
                let result = contained(file, || match &scope {
                    Some(scope) if !file.is_stdin() => {
                        process_cached(file, filter, config, context, scope)
                    }
                    _ => process_file(file, filter, config, context),
                });
                progress.file_done();
                result.map(|(record, diags)| {
                    let record = if options.records {
                        Record::Whole(record)
                    } else {
                        Record::Packed(PackedRecord::keep(record))
                    };
                    (record, diags)
                })
            })
            .collect()
    };
    let pool = options.jobs.and_then(|n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .ok()
    });
    let results = on(pool.as_ref(), extract_all);
    let mut records = Vec::new();
    let mut packed = Vec::new();
    for result in results {
        match result {
            Ok((record, diags)) => {
                match record {
                    Record::Whole(record) => records.push(record),
                    Record::Packed(record) => packed.push(record),
                }
                diagnostics.extend(diags);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    progress.finish();
    let files_read = records.len() + packed.len();
    // The packed records go into the graph one by one, so their paths are kept apart.
    let packed_sources: Vec<String> = packed.iter().map(|p| p.source().to_string()).collect();
    let sources = records
        .iter()
        .map(|r| r.source.as_str())
        .chain(packed_sources.iter().map(String::as_str));
    let file_ids = crate::resolve::file_ids(sources);
    let built = on(pool.as_ref(), || {
        if options.records {
            crate::resolve::build_graph(&records, config, &file_ids)
        } else {
            crate::resolve::build_graph_packed(packed, config, &file_ids)
        }
    });
    // Warnings about ids name each file as the user can find it.
    let mut warnings = id_collisions(&file_ids);
    warnings.extend(built.warnings);
    if !warnings.is_empty() {
        let shown: BTreeMap<&str, String> = files
            .iter()
            .map(|f| (f.rel.as_str(), f.display_path()))
            .collect();
        for warning in &mut warnings {
            if let Some(path) = shown.get(warning.path.as_str()) {
                warning.path.clone_from(path);
            }
        }
        diagnostics.append(&mut warnings);
    }
    let graph = built.graph;
    Outcome {
        graph,
        inputs: files
            .iter()
            .filter(|f| !f.is_stdin())
            .map(|f| f.path.clone())
            .collect(),
        files_found: files.len(),
        files_read,
        records,
        diagnostics,
    }
}

/// Runs `read` for `file`; a fault (a panic) while reading it becomes an error
/// about that file, so the other files are still read and written.
fn contained<T>(
    file: &InputFile,
    read: impl FnOnce() -> Result<T, Diagnostic>,
) -> Result<T, Diagnostic> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|fault| {
        let what = fault
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| fault.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(Diagnostic::error(
            file.display_path(),
            None,
            format!("internal error while reading this file, skipped (please report it): {what}"),
        ))
    })
}

/// Run `work` on `pool`'s threads, or on the global pool's without one.
/// Always on a pool's thread, never the caller's: the memory the pool's
/// threads freed after extraction is then reused for the graph, where the
/// calling thread would take new memory for it (10,000 files: 357 MB at
/// peak on the calling thread, 329 MB on a pool's).
fn on<R: Send>(pool: Option<&rayon::ThreadPool>, work: impl FnOnce() -> R + Send) -> R {
    match pool {
        Some(pool) => pool.install(work),
        None => {
            let mut out = None;
            rayon::scope(|s| s.spawn(|_| out = Some(work())));
            out.expect("the work ran")
        }
    }
}

/// A file's record as the run keeps it.
enum Record {
    Whole(FileRecord),
    Packed(PackedRecord),
}

/// A warning for every file whose id another file's name would also give
/// (`a.md` and `a.txt`): both are kept, under ids of their own.
fn id_collisions(file_ids: &BTreeMap<&str, String>) -> Vec<Diagnostic> {
    use crate::resolve::source_slug;
    let mut sharing: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (source, id) in file_ids {
        let natural = source_slug(source);
        if natural != *id {
            sharing.entry(natural).or_default().push(source);
        }
    }
    file_ids
        .iter()
        .filter_map(|(source, id)| {
            let natural = source_slug(source);
            let others: Vec<&str> = sharing
                .get(&natural)?
                .iter()
                .filter(|o| *o != source)
                .copied()
                .collect();
            Some(Diagnostic::warning(
                *source,
                None,
                format!(
                    "file id `{natural}` is also that of {}; its meetings are `meeting/{id}`",
                    others.join(", ")
                ),
            ))
        })
        .collect()
}

/// Read, parse and extract one file; depends only on the file and the config.
pub fn process_file(
    file: &InputFile,
    filter: &SourceFilter,
    config: &Config,
    context: &FileContext,
) -> Result<Extracted, Diagnostic> {
    let text = source::read_text(file, filter)?;
    Ok(extract_text(file, text, config, context))
}

/// [`process_file`], answered from the cache when it holds the file's result,
/// else kept there.
fn process_cached(
    file: &InputFile,
    filter: &SourceFilter,
    config: &Config,
    context: &FileContext,
    cache: &Scope,
) -> Result<Extracted, Diagnostic> {
    let bytes = source::read_raw(file, filter)?;
    // Decoding is quick; files it refuses (binary, empty) are not kept.
    let text = source::decode(&bytes, &file.display_path())?;
    let key = cache.key(file, context, &bytes);
    if let Some(kept) = cache.get(&key, file) {
        return Ok(kept);
    }
    let extracted = extract_text(file, text, config, context);
    cache.put(&key, &extracted);
    Ok(extracted)
}

/// Parse and extract the `text` read from `file`.
fn extract_text(
    file: &InputFile,
    text: source::Text,
    config: &Config,
    context: &FileContext,
) -> Extracted {
    let doc = crate::document::parse(&file.rel, &text.content);
    let (record, mut diags) = crate::extract::extract(&doc, config, context);
    let mut all = text.warnings;
    all.append(&mut diags);
    for d in &mut all {
        d.path = file.display_path();
    }
    (record, all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Severity;

    #[test]
    fn a_fault_in_one_file_is_an_error_about_that_file() {
        let file = InputFile {
            path: "notes/2025-01-02.md".into(),
            rel: "2025-01-02.md".into(),
        };
        let fault: Result<u32, Diagnostic> = contained(&file, || panic!("index out of range"));
        let error = fault.unwrap_err();
        assert_eq!(error.severity, Severity::Error);
        assert_eq!(error.path, "notes/2025-01-02.md");
        assert!(error.message.contains("index out of range"), "{error}");
        let owned = format!("{} of {}", "slot", 3);
        let fault: Result<u32, Diagnostic> = contained(&file, || panic!("{owned}"));
        assert!(fault.unwrap_err().message.contains("slot of 3"));
        assert_eq!(contained(&file, || Ok::<_, Diagnostic>(7)).unwrap(), 7);
    }
}
