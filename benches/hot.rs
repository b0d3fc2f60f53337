//! Benchmarks of the pipeline's hot functions, one group per phase: parsing
//! one document, extracting one file (parse + extract), merging extracted files
//! into the graph, and writing the graph as Turtle and N-Triples.
//!
//! Run with `cargo bench --bench hot` (add `-- --quick` for a short run). The
//! inputs are the example minutes in `examples/minutes` and, when the shared
//! corpus is there, the first files of one of its folders; nothing here asserts
//! a time, and the benchmarks never run as tests. Every group reports
//! throughput in bytes: of the minutes read, or of the output written.

use criterion::measurement::WallTime;
use criterion::{
    BatchSize, BenchmarkGroup, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main,
};
use minutegraph::config::Config;
use minutegraph::document;
use minutegraph::export::{ExportOptions, Exporter, NTriplesExporter, TurtleExporter};
use minutegraph::extract::{self, FileContext, FileRecord};
use minutegraph::model::KnowledgeGraph;
use minutegraph::resolve::{self, PackedRecord};
use minutegraph::source::authors::AuthorRegistries;
use minutegraph::source::{self, InputFile, SourceFilter};
use std::hint::black_box;
use std::io;
use std::path::{Path, PathBuf};

/// The folder of the shared corpus sampled, below the shared folder.
const CORPUS_FOLDER: &str = "corpus/rust-lang-team/minutes";

/// How many files of that folder are read, in sorted order.
const CORPUS_FILES: usize = 40;

/// One minutes file, read and decoded as the pipeline reads it.
struct Input {
    file: InputFile,
    text: String,
    context: FileContext,
}

/// A named set of inputs.
struct Set {
    name: String,
    inputs: Vec<Input>,
}

impl Set {
    /// The bytes of decoded text in the set.
    fn bytes(&self) -> u64 {
        self.inputs.iter().map(|i| i.text.len() as u64).sum()
    }
}

/// The files minutegraph would read under `root`, the first `limit` of them
/// in its order, with the context the pipeline gives each.
fn load(root: &Path, limit: usize) -> Vec<Input> {
    let filter = SourceFilter::default();
    let (files, _) = source::discover(&[root.to_path_buf()], &filter);
    let mut registries = AuthorRegistries::default();
    files
        .into_iter()
        .take(limit)
        .filter_map(|file| {
            let text = source::read_text(&file, &filter).ok()?.content;
            let context = FileContext {
                authors: registries.for_file(&file.path),
                folders: source::enclosing_folders(&file.path, 3),
            };
            Some(Input {
                file,
                text,
                context,
            })
        })
        .collect()
}

/// The example minutes, and the corpus sample when the shared folder
/// (`MINUTEGRAPH_SHARED`, else `../shared`) has it.
fn sets() -> Vec<Set> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sets = vec![Set {
        name: "examples".to_string(),
        inputs: load(&here.join("examples/minutes"), usize::MAX),
    }];
    let shared = std::env::var_os("MINUTEGRAPH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| here.join("../shared"));
    let corpus = shared.join(CORPUS_FOLDER);
    if corpus.is_dir() {
        sets.push(Set {
            name: format!("corpus-{CORPUS_FILES}"),
            inputs: load(&corpus, CORPUS_FILES),
        });
    } else {
        eprintln!(
            "hot: {} not found; benchmarking the examples only",
            corpus.display()
        );
    }
    sets
}

/// Parse and extract one input, as the pipeline does for each file.
fn extract_one(input: &Input, config: &Config) -> FileRecord {
    let doc = document::parse(&input.file.rel, &input.text);
    extract::extract(&doc, config, &input.context).0
}

/// The graph of a set's records, built as the pipeline builds it.
fn build(records: &[FileRecord], config: &Config) -> KnowledgeGraph {
    let file_ids = resolve::file_ids(records.iter().map(|r| r.source.as_str()));
    resolve::build_graph(records, config, &file_ids).graph
}

/// `work` on each example file alone, then on each set whole (the sets with
/// `set_samples` samples, when given), throughput the bytes of minutes read.
fn each_file_then_each_set<O>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    sets: &[Set],
    set_samples: Option<usize>,
    work: impl Fn(&Input) -> O,
) {
    for input in &sets[0].inputs {
        group.throughput(Throughput::Bytes(input.text.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(&input.file.rel),
            input,
            |b, input| b.iter(|| work(black_box(input))),
        );
    }
    if let Some(n) = set_samples {
        group.sample_size(n);
    }
    for set in sets {
        group.throughput(Throughput::Bytes(set.bytes()));
        group.bench_with_input(BenchmarkId::from_parameter(&set.name), set, |b, set| {
            b.iter(|| {
                for input in &set.inputs {
                    black_box(work(black_box(input)));
                }
            })
        });
    }
}

/// `document::parse`: each example file alone, then each set whole.
fn parse(c: &mut Criterion, sets: &[Set]) {
    let mut group = c.benchmark_group("parse");
    each_file_then_each_set(&mut group, sets, None, |input| {
        document::parse(&input.file.rel, &input.text)
    });
    group.finish();
}

/// `document::parse` then `extract::extract`: each example file alone (one
/// per style minutegraph reads), then each set whole.
fn extract(c: &mut Criterion, sets: &[Set], config: &Config) {
    let mut group = c.benchmark_group("extract");
    each_file_then_each_set(&mut group, sets, Some(10), |input| {
        extract_one(input, config)
    });
    group.finish();
}

/// `resolve::build_graph` over a set's records (what a library caller keeps),
/// and `resolve::build_graph_packed` over the packed records (what `export`
/// merges); throughput is the bytes of minutes merged.
fn merge(c: &mut Criterion, sets: &[Set], config: &Config) {
    let mut group = c.benchmark_group("resolve");
    for set in sets {
        let records: Vec<FileRecord> = set.inputs.iter().map(|i| extract_one(i, config)).collect();
        let packed: Vec<PackedRecord> = records.iter().map(PackedRecord::pack).collect();
        group.throughput(Throughput::Bytes(set.bytes()));
        group.bench_function(BenchmarkId::new("records", &set.name), |b| {
            b.iter(|| build(black_box(&records), config))
        });
        let sources: Vec<String> = packed.iter().map(|p| p.source().to_string()).collect();
        group.bench_function(BenchmarkId::new("packed", &set.name), |b| {
            b.iter_batched(
                || packed.clone(),
                |packed| {
                    let file_ids = resolve::file_ids(sources.iter().map(String::as_str));
                    resolve::build_graph_packed(black_box(packed), config, &file_ids).graph
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

/// The Turtle and N-Triples writers, into `io::sink()`; throughput is the
/// bytes written.
fn write(c: &mut Criterion, sets: &[Set], config: &Config) {
    let options = ExportOptions::default();
    let formats: [(&str, &dyn Exporter); 2] =
        [("turtle", &TurtleExporter), ("ntriples", &NTriplesExporter)];
    let mut group = c.benchmark_group("write");
    for set in sets {
        let records: Vec<FileRecord> = set.inputs.iter().map(|i| extract_one(i, config)).collect();
        let graph = build(&records, config);
        for (name, exporter) in formats {
            let mut out = Vec::new();
            if let Err(e) = exporter.write(&graph, &options, &mut out) {
                eprintln!("hot: {name} of {} not written: {e}", set.name);
                continue;
            }
            group.throughput(Throughput::Bytes(out.len() as u64));
            group.bench_function(BenchmarkId::new(name, &set.name), |b| {
                b.iter(|| exporter.write(black_box(&graph), &options, &mut io::sink()))
            });
        }
    }
    group.finish();
}

fn hot(c: &mut Criterion) {
    let sets = sets();
    let config = Config::default();
    for set in &sets {
        eprintln!(
            "hot: {}: {} files, {} bytes",
            set.name,
            set.inputs.len(),
            set.bytes()
        );
    }
    parse(c, &sets);
    extract(c, &sets, &config);
    merge(c, &sets, &config);
    write(c, &sets, &config);
}

criterion_group!(benches, hot);
criterion_main!(benches);
