//! Output depends on the input files, never on the order they are named in or
//! read: shuffled file lists give byte-identical exports, and identities (people,
//! topics) resolve the same way whatever the order.

use minutegraph::config::Config;
use minutegraph::export::{ExportOptions, Format};
use minutegraph::source::SourceFilter;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A fixed sample of real and example minutes, named one by one.
fn sample() -> &'static [PathBuf] {
    static FILES: OnceLock<Vec<PathBuf>> = OnceLock::new();
    FILES.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in [
            "examples/minutes",
            "../shared/corpus/seeds",
            "../shared/corpus/pydis-infra/meeting-notes/posts",
        ] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            found.sort();
            files.extend(found.into_iter().take(8));
        }
        files
    })
}

fn export(files: &[PathBuf], format: Format) -> Vec<u8> {
    let outcome = minutegraph::pipeline::run(files, &SourceFilter::default(), &Config::default());
    let mut out = Vec::new();
    format
        .write(&outcome.graph, &ExportOptions::default(), &mut out)
        .expect("export succeeds");
    out
}

fn baseline(format: Format) -> &'static [u8] {
    static NT: OnceLock<Vec<u8>> = OnceLock::new();
    static JSONLD: OnceLock<Vec<u8>> = OnceLock::new();
    let cell = if format == Format::NTriples {
        &NT
    } else {
        &JSONLD
    };
    cell.get_or_init(|| export(sample(), format))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn shuffled_inputs_give_identical_exports(seed in any::<u64>()) {
        prop_assume!(sample().len() >= 4);
        let mut files = sample().to_vec();
        shuffle(&mut files, seed);
        for format in [Format::NTriples, Format::JsonLd] {
            let shuffled = export(&files, format);
            prop_assert!(shuffled == baseline(format), "{} differs for order {:?}", format.name(), files);
        }
    }
}

#[test]
fn any_number_of_jobs_gives_identical_bytes() {
    let on = |jobs| {
        let outcome = minutegraph::pipeline::run_on(
            sample(),
            &SourceFilter::default(),
            &Config::default(),
            Some(jobs),
        );
        let mut out = Vec::new();
        Format::NQuads
            .write(&outcome.graph, &ExportOptions::default(), &mut out)
            .expect("export succeeds");
        let diagnostics: Vec<String> = outcome.diagnostics.iter().map(|d| d.to_string()).collect();
        (out, diagnostics)
    };
    let one = on(1);
    assert!(!one.0.is_empty());
    for jobs in [2, 3, 8] {
        assert!(on(jobs) == one, "--jobs {jobs} differs from --jobs 1");
    }
}

#[test]
fn running_twice_gives_identical_bytes() {
    for format in Format::ALL {
        assert_eq!(
            export(sample(), format),
            export(sample(), format),
            "{}",
            format.name()
        );
    }
}

/// A deterministic Fisher-Yates shuffle driven by `seed`.
fn shuffle(items: &mut [PathBuf], mut seed: u64) {
    for i in (1..items.len()).rev() {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = (seed >> 33) as usize % (i + 1);
        items.swap(i, j);
    }
}

/// A file long enough to have its blocks read on several cores: headings under
/// repositories, attendance, handles, issues, services, decisions and actions.
fn long_minutes() -> String {
    let mut text = String::from("# Infra call 2025-03-04\n\nAttendees: Ann Lee, Bob Ray, @cyd\n\n");
    for i in 0..700 {
        text.push_str(&format!(
            "## acme/tool{r}\n\n- @cyd looked at #{i} and acme/web#{j}; Kubernetes {i} upgraded\n- Decision: keep Terraform for stage {i}\n\nAction: Bob Ray to ask Ann Lee about item {i}\n\n",
            r = i % 7,
            j = i * 3,
        ));
    }
    text
}

#[test]
fn a_long_file_gives_identical_bytes_on_any_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("2025-03-04.md");
    std::fs::write(&file, long_minutes()).unwrap();
    let files = [file];
    let on = |threads| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let outcome = minutegraph::pipeline::run_on(
                &files,
                &SourceFilter::default(),
                &Config::default(),
                Some(threads),
            );
            [
                Format::Turtle,
                Format::TriG,
                Format::NQuads,
                Format::NTriples,
            ]
            .map(|format| {
                let mut out = Vec::new();
                format
                    .write(&outcome.graph, &ExportOptions::default(), &mut out)
                    .expect("export succeeds");
                out
            })
        })
    };
    let one = on(1);
    assert!(one[0].len() > 500_000, "{} bytes of Turtle", one[0].len());
    for threads in [2, 3] {
        assert!(on(threads) == one, "{threads} threads differ from one");
    }
}
