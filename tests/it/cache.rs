//! The extraction cache through the binary and the library: a warm run prints the same bytes
//! (output and diagnostics) as a cold one, a changed file is the only one
//! extracted again, a damaged entry is extracted again, `--no-cache` and
//! standard input write nothing, another configuration keeps other entries, a
//! folder that cannot be written only costs a warning, and `cache info`,
//! `prune` and `clear` see and remove entries. Every run here is given a cache
//! folder of its own.

use crate::support::{CACHE_ENV, minutegraph, repo};
use std::path::{Path, PathBuf};
use std::process::Output;

/// Real minutes with an author registry beside them where the shared corpus
/// is present (`MINUTEGRAPH_SHARED` or `../shared`), else the examples.
fn minutes() -> PathBuf {
    let shared = std::env::var_os("MINUTEGRAPH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"));
    let real = shared.join("corpus/pydis-infra");
    if real.is_dir() {
        real
    } else {
        eprintln!("note: {} not found; using the examples", real.display());
        repo().join("examples/minutes")
    }
}

/// A copy of the example minutes, to change.
fn copy_of_examples() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(repo().join("examples/minutes")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}

/// Runs the binary with `cache` as its cache folder (by the environment, as a
/// user's default would be), adding `-v`.
fn run(cache: &Path, args: &[&str], paths: &[&Path]) -> Output {
    minutegraph()
        .env(CACHE_ENV, cache)
        .args(args)
        .arg("-v")
        .args(paths)
        .output()
        .expect("minutegraph runs")
}

/// Standard output, standard error less the cache's line, and (hits, misses)
/// from that line.
fn parts(out: &Output) -> (Vec<u8>, String, Option<(usize, usize)>) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8(out.stderr.clone()).unwrap();
    let mut counts = None;
    let mut rest = String::new();
    for line in stderr.lines() {
        match line.strip_prefix("minutegraph: cache: ") {
            Some(said) => counts = Some(counts_in(said)),
            None => {
                rest.push_str(line);
                rest.push('\n');
            }
        }
    }
    (out.stdout.clone(), rest, counts)
}

/// (hits, misses) from "3 hits, 1 miss (/path)".
fn counts_in(said: &str) -> (usize, usize) {
    let mut numbers = said
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse().ok());
    (numbers.next().unwrap(), numbers.next().unwrap())
}

/// Entry files under a cache folder.
fn entries(cache: &Path) -> usize {
    fn count(dir: &Path) -> usize {
        std::fs::read_dir(dir).map_or(0, |list| {
            list.flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        count(&e.path())
                    } else {
                        usize::from(!e.file_name().to_string_lossy().starts_with(".tmp"))
                    }
                })
                .sum()
        })
    }
    count(cache)
}

/// Every entry file under a cache folder.
fn entry_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_dir() {
            entry_files(&e.path(), found);
        } else {
            found.push(e.path());
        }
    }
}

#[test]
fn a_warm_run_prints_the_bytes_of_a_cold_one() {
    let cache = tempfile::tempdir().unwrap();
    let folder = minutes();
    let export = ["export", "--format", "nquads"];
    let cold = parts(&run(cache.path(), &export, &[&folder]));
    let files = entries(cache.path());
    assert!(files > 0);
    assert_eq!(cold.2, Some((0, files)));
    let warm = parts(&run(cache.path(), &export, &[&folder]));
    assert_eq!(warm.2, Some((files, 0)));
    assert!(warm.0 == cold.0, "the warm export differs");
    assert_eq!(warm.1, cold.1, "the warm diagnostics differ");
    let one_job = parts(&run(
        cache.path(),
        &["export", "-j", "1", "--format", "nquads"],
        &[&folder],
    ));
    assert!(one_job.0 == cold.0 && one_job.1 == cold.1);
    let fresh = parts(&run(
        cache.path(),
        &["export", "--format", "nquads", "--no-cache"],
        &[&folder],
    ));
    assert!(fresh.0 == cold.0 && fresh.1 == cold.1 && fresh.2.is_none());
    for command in [
        &["stats"][..],
        &["entities", "--kind", "person", "--format", "json"],
        &["actions"],
        &["decisions"],
    ] {
        let warm = parts(&run(cache.path(), command, &[&folder]));
        let cold = parts(&run(
            cache.path(),
            &[command, &["--no-cache"]].concat(),
            &[&folder],
        ));
        assert_eq!(warm.2, Some((files, 0)), "{command:?}");
        assert!(
            warm.0 == cold.0 && warm.1 == cold.1,
            "{command:?} differs warm"
        );
    }
}

#[test]
fn only_a_changed_file_is_extracted_again() {
    let cache = tempfile::tempdir().unwrap();
    let dir = copy_of_examples();
    let export = ["export", "--format", "nquads"];
    let first = parts(&run(cache.path(), &export, &[dir.path()]));
    let (_, misses) = first.2.unwrap();
    let changed = dir.path().join("2025-03-06-tac.md");
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\n- Decision: the cache keeps every other file\n");
    std::fs::write(&changed, text).unwrap();
    let second = parts(&run(cache.path(), &export, &[dir.path()]));
    assert_eq!(second.2, Some((misses - 1, 1)));
    assert!(second.0 != first.0, "the change is not in the export");
    let fresh = parts(&run(
        cache.path(),
        &[&export[..], &["--no-cache"]].concat(),
        &[dir.path()],
    ));
    assert!(second.0 == fresh.0 && second.1 == fresh.1);
}

#[test]
fn a_damaged_entry_is_extracted_again_and_rewritten() {
    let cache = tempfile::tempdir().unwrap();
    let dir = copy_of_examples();
    let export = ["export", "--format", "nquads"];
    let cold = parts(&run(cache.path(), &export, &[dir.path()]));
    let mut files = Vec::new();
    entry_files(cache.path(), &mut files);
    files.sort();
    assert!(files.len() >= 3);
    let bytes = std::fs::read(&files[0]).unwrap();
    std::fs::write(&files[0], &bytes[..bytes.len() / 2]).unwrap();
    let mut flipped = std::fs::read(&files[1]).unwrap();
    let at = flipped.len() - 3;
    flipped[at] ^= 0x20;
    std::fs::write(&files[1], flipped).unwrap();
    std::fs::write(&files[2], b"").unwrap();
    let damaged = parts(&run(cache.path(), &export, &[dir.path()]));
    assert_eq!(damaged.2, Some((files.len() - 3, 3)));
    assert!(damaged.0 == cold.0 && damaged.1 == cold.1);
    let again = parts(&run(cache.path(), &export, &[dir.path()]));
    assert_eq!(again.2, Some((files.len(), 0)));
}

#[test]
fn no_cache_and_standard_input_write_nothing() {
    let cache = tempfile::tempdir().unwrap();
    let examples = repo().join("examples/minutes");
    let out = run(cache.path(), &["export", "--no-cache"], &[&examples]);
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("cache:"));
    assert_eq!(std::fs::read_dir(cache.path()).unwrap().count(), 0);
    let text = std::fs::read(examples.join("2025-03-06-tac.md")).unwrap();
    let out = minutegraph()
        .env(CACHE_ENV, cache.path())
        .args(["export", "-v", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(parts(&out).2, Some((0, 0)));
    assert_eq!(entries(cache.path()), 0);
    let both = minutegraph()
        .args(["export", "--no-cache", "--cache"])
        .arg(cache.path())
        .arg(&examples)
        .output()
        .unwrap();
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn another_configuration_keeps_other_entries() {
    let cache = tempfile::tempdir().unwrap();
    let dir = copy_of_examples();
    let config = tempfile::tempdir().unwrap();
    let toml = config.path().join("minutegraph.toml");
    std::fs::write(&toml, "[keywords]\naction = [\"Aufgabe\"]\n").unwrap();
    let export = ["export", "--format", "nquads"];
    let (_, _, plain) = parts(&run(cache.path(), &export, &[dir.path()]));
    let files = plain.unwrap().1;
    let with = [&export[..], &["--config", toml.to_str().unwrap()]].concat();
    assert_eq!(
        parts(&run(cache.path(), &with, &[dir.path()])).2,
        Some((0, files))
    );
    assert_eq!(entries(cache.path()), 2 * files);
    assert_eq!(
        parts(&run(cache.path(), &with, &[dir.path()])).2,
        Some((files, 0))
    );
    assert_eq!(
        parts(&run(cache.path(), &export, &[dir.path()])).2,
        Some((files, 0))
    );
}

#[test]
fn a_folder_that_cannot_be_written_costs_one_warning() {
    let blocker = tempfile::NamedTempFile::new().unwrap();
    let examples = repo().join("examples/minutes");
    let out = minutegraph()
        .args(["export", "--format", "nquads", "--cache"])
        .arg(blocker.path().join("cache"))
        .arg(&examples)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.matches("cannot use the cache folder").count(),
        1,
        "{stderr}"
    );
    let fresh = minutegraph()
        .args(["export", "--format", "nquads", "--no-cache"])
        .arg(&examples)
        .output()
        .unwrap();
    assert!(out.stdout == fresh.stdout);
    let quiet = minutegraph()
        .args(["export", "-q", "--cache"])
        .arg(blocker.path().join("cache"))
        .arg(&examples)
        .output()
        .unwrap();
    assert!(quiet.stderr.is_empty());
}

#[test]
fn the_query_commands_answer_from_what_export_kept() {
    let cache = tempfile::tempdir().unwrap();
    let examples = repo().join("examples/minutes");
    let (_, _, cold) = parts(&run(cache.path(), &["export"], &[&examples]));
    let files = cold.unwrap().1;
    for command in [
        &["timeline", "--person", "Ann"][..],
        &["entities", "--kind", "service"],
        &["actions"],
        &["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"],
    ] {
        let (_, _, counts) = parts(&run(cache.path(), command, &[&examples]));
        assert_eq!(counts, Some((files, 0)), "{command:?}");
    }
}

#[test]
fn cache_info_prune_and_clear() {
    let cache = tempfile::tempdir().unwrap();
    let examples = repo().join("examples/minutes");
    let (_, _, cold) = parts(&run(cache.path(), &["export"], &[&examples]));
    let files = cold.unwrap().1;
    let old = cache.path().join("v1-00ff").join("ab");
    std::fs::create_dir_all(&old).unwrap();
    std::fs::write(old.join("cd"), b"old").unwrap();
    std::fs::write(cache.path().join("notes.txt"), b"not ours").unwrap();
    let cmd = |action: &str| {
        let out = minutegraph()
            .args(["cache", action, "--cache"])
            .arg(cache.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (info, _) = cmd("info");
    let this_build = info.lines().find(|l| l.ends_with("(this build)")).unwrap();
    assert!(this_build.contains(&format!("{files} entries")), "{info}");
    assert!(info.contains("v1-00ff  1 entry"), "{info}");
    assert!(
        info.contains(&format!("total: {} entries", files + 1)),
        "{info}"
    );
    let (_, pruned) = cmd("prune");
    assert!(pruned.starts_with("removed 1 entry"), "{pruned}");
    assert!(!cache.path().join("v1-00ff").exists());
    assert_eq!(entries(cache.path()), files + 1);
    let (_, cleared) = cmd("clear");
    assert!(
        cleared.starts_with(&format!("removed {files} entries")),
        "{cleared}"
    );
    assert_eq!(entries(cache.path()), 1, "notes.txt stays");
}

#[test]
fn through_the_library_a_cached_run_gives_the_same_records() {
    use minutegraph::cache::Cache;
    use minutegraph::config::Config;
    use minutegraph::pipeline::{self, Options};
    use minutegraph::source::SourceFilter;
    let dir = tempfile::tempdir().unwrap();
    let paths = [minutes(), repo().join("examples/minutes")];
    let (filter, config) = (SourceFilter::default(), Config::default());
    let plain = pipeline::run(&paths, &filter, &config);
    for round in 0..2 {
        let cache = Cache::open(dir.path()).unwrap();
        let options = Options {
            cache: Some(&cache),
            ..Options::default()
        };
        let cached = pipeline::run_with(&paths, &filter, &config, &options);
        assert!(cached.records == plain.records, "round {round}");
        assert_eq!(cached.diagnostics, plain.diagnostics, "round {round}");
        let stats = cache.stats();
        let expected = if round == 0 {
            (0, plain.files_read)
        } else {
            (plain.files_read, 0)
        };
        assert_eq!((stats.hits, stats.misses), expected);
        assert_eq!(stats.write_error, None);
    }
}
