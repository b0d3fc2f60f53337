//! Faults that lose data silently: files whose ids collide, outputs that would
//! overwrite what they point at, our own outputs read back as minutes.

use crate::support::minutegraph;
use std::path::Path;

fn minutes(title: &str, decision: &str, person: &str) -> String {
    format!(
        "# {title}\n\nAttendees: {person}\n\n## Agenda\n\n### Budget\n\n- Decision: {decision}\n"
    )
}

fn export(dir: &Path) -> (String, String) {
    let out = minutegraph()
        .args(["export", "--format", "ntriples"])
        .arg(dir)
        .output()
        .expect("minutegraph runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_meeting_whose_id_would_name_another_meetings_item_is_renamed_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("a/item")).unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        minutes("First call 2025-02-12", "adopt plan alpha", "Ann Lee"),
    )
    .unwrap();
    let second = dir.path().join("a/item/1.md");
    std::fs::write(
        &second,
        minutes("Second call 2025-02-19", "adopt plan beta", "Bob Ray"),
    )
    .unwrap();
    let (graph, warnings) = export(dir.path());
    for fact in ["\"Second call 2025-02-19\"", "adopt plan beta"] {
        assert!(graph.contains(fact), "{fact} lost");
    }
    let said = format!(
        "{}:1: warning: meeting id `meeting/a/item/1` is also that of",
        second.display()
    );
    assert!(warnings.contains(&said), "no `{said}` in {warnings}");
    assert!(
        warnings.contains("this meeting is `meeting/a/item/1-2`"),
        "{warnings}"
    );
}

#[test]
fn files_whose_ids_collide_stay_two_meetings() {
    let dir = tempfile::tempdir().unwrap();
    let pairs = [
        ("2025-02-12.md", "2025-02-12.txt"),
        ("Notes-x.md", "notes-x.md"),
        ("2025-03-12 notes.md", "2025-03-12-notes.md"),
    ];
    for (n, (a, b)) in pairs.iter().enumerate() {
        let sub = dir.path().join(format!("set{n}"));
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(
            sub.join(a),
            minutes("First call 2025-02-12", "adopt plan alpha", "Ann Lee"),
        )
        .unwrap();
        std::fs::write(
            sub.join(b),
            minutes("Second call 2025-02-12", "adopt plan beta", "Bob Ray"),
        )
        .unwrap();
        let (graph, warnings) = export(&sub);
        for fact in [
            "\"First call 2025-02-12\"",
            "\"Second call 2025-02-12\"",
            "adopt plan alpha",
            "adopt plan beta",
        ] {
            assert!(graph.contains(fact), "{a} / {b}: {fact} lost");
        }
        let meetings: std::collections::BTreeSet<&str> = graph
            .lines()
            .filter(|l| l.contains("ns#Meeting>"))
            .filter_map(|l| l.split(' ').next())
            .collect();
        assert_eq!(meetings.len(), 2, "{a} / {b}: {meetings:?}");
        assert!(
            warnings.contains("file id"),
            "{a} / {b}: no warning in {warnings}"
        );
        let named = sub.join(b).display().to_string();
        assert!(
            warnings.contains(&format!("{named}: warning: file id")),
            "{a} / {b}: {named} not named in {warnings}"
        );
    }
}

/// A folder of two minutes files.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("2025-01-01.md"),
        minutes("Call 2025-01-01", "adopt plan alpha", "Ann Lee"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("2025-01-08.md"),
        minutes("Call 2025-01-08", "adopt plan beta", "Bob Ray"),
    )
    .unwrap();
    dir
}

fn export_to(input: &Path, output: &Path) -> std::process::Output {
    export_as("ntriples", output, input)
}

fn export_as(format: &str, output: &Path, input: &Path) -> std::process::Output {
    minutegraph()
        .args(["export", "--format", format, "-o"])
        .arg(output)
        .arg(input)
        .output()
        .expect("minutegraph runs")
}

#[test]
fn an_output_that_is_an_input_is_refused() {
    let dir = folder();
    let input = dir.path().join("2025-01-01.md");
    let before = std::fs::read(&input).unwrap();
    let out = export_to(dir.path(), &input);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("one of the files being read"));
    assert_eq!(std::fs::read(&input).unwrap(), before);
    // Through a symbolic link too.
    #[cfg(unix)]
    {
        let link = dir.path().join("graph.nt");
        std::os::unix::fs::symlink(&input, &link).unwrap();
        let out = export_to(dir.path(), &link);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(std::fs::read(&input).unwrap(), before);
    }
}

#[cfg(unix)]
#[test]
fn standard_output_on_a_pipe_is_written_through() {
    // `output()` gives the child a pipe for its standard output.
    let dir = folder();
    let out = export_to(dir.path(), Path::new("/dev/stdout"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("adopt plan alpha"));
    // A reader that stops early is no error, as on standard output: an output
    // far beyond what a pipe holds meets the closed pipe.
    let big = tempfile::tempdir().unwrap();
    let decisions: String = (0..4000)
        .map(|n| format!("- Decision: adopt plan {n}\n"))
        .collect();
    std::fs::write(
        big.path().join("2025-01-01.md"),
        format!("# Call 2025-01-01\n\nAttendees: Ann Lee\n\n{decisions}"),
    )
    .unwrap();
    let bin = env!("CARGO_BIN_EXE_minutegraph");
    let script = format!(
        "set -o pipefail; '{bin}' export --no-cache --format ntriples -o /dev/stdout '{}' | head -c 1 > /dev/null",
        big.path().display()
    );
    let status = std::process::Command::new("bash")
        .args(["-c", &script])
        .status()
        .expect("bash runs");
    assert!(status.success(), "{status}");
}

#[cfg(unix)]
#[test]
fn devices_links_and_modes_are_kept() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let dir = folder();
    let out = export_to(dir.path(), Path::new("/dev/null"));
    assert!(out.status.success());
    let null = std::fs::metadata("/dev/null").unwrap();
    assert!(
        null.file_type().is_char_device(),
        "/dev/null is no longer a device"
    );

    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("graph.nt");
    std::fs::write(&target, "old").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = elsewhere.path().join("link.nt");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    assert!(export_to(dir.path(), &link).status.success());
    let link_meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(
        link_meta.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.contains("adopt plan alpha"));
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn nothing_read_leaves_an_existing_output_alone() {
    let empty = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let output = elsewhere.path().join("graph.nt");
    std::fs::write(&output, "keep").unwrap();
    let out = export_to(empty.path(), &output);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "keep");
    let missing = elsewhere.path().join("no-such-folder");
    let out = export_to(&missing, &output);
    assert_ne!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "keep");
}

#[test]
fn a_graph_written_among_the_minutes_is_not_read_back() {
    let dir = folder();
    let first = export(dir.path()).0;
    for name in ["graph.txt", "graph.md"] {
        for format in ["ntriples", "turtle", "jsonld", "dot", "rdfxml"] {
            let out = export_as(format, &dir.path().join(name), dir.path());
            assert!(out.status.success());
            let (again, warnings) = export(dir.path());
            assert_eq!(again, first, "{format} in {name} was read as minutes");
            assert!(warnings.contains("written by minutegraph"), "{warnings}");
            // Written again over itself: it is ours, not minutes, so that is allowed.
            let out = export_as(format, &dir.path().join(name), dir.path());
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            std::fs::remove_file(dir.path().join(name)).unwrap();
        }
    }
}

/// Minutes whose text carries terminal escapes, formulas and a script link.
fn hostile() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = "# Call 2025-01-01\n\nAttendees: Ann Lee, Bob Ray\n\n## Agenda\n\n\
### =HYPERLINK(\"http://x\") \u{1b}]0;owned\u{7}\n\n\
- Decision: adopt \u{1b}[2J plan [x](javascript:alert(1))\n\
- Ann Lee will review the \u{1b}[31mbudget\u{9b} [y](javascript:alert(2))\n";
    std::fs::write(dir.path().join("2025-01-01.md"), text).unwrap();
    dir
}

fn stdout_of(args: &[&str], dir: &Path) -> Vec<u8> {
    let out = minutegraph().args(args).arg(dir).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn text_from_minutes_cannot_break_out_of_views() {
    let dir = hostile();
    let views: [&[&str]; 9] = [
        &["actions"],
        &["actions", "--format", "csv"],
        &["entities", "--kind", "topic"],
        &["entities", "--kind", "topic", "--format", "csv"],
        &["entities", "--kind", "person", "--format", "csv"],
        &["timeline", "--person", "Ann Lee"],
        &["timeline", "--person", "Ann Lee", "--format", "csv"],
        &["timeline", "--person", "Ann Lee", "--format", "html"],
        &["export", "--format", "csv"],
    ];
    for args in views {
        let out = stdout_of(args, dir.path());
        let text = String::from_utf8(out).unwrap();
        let raw: Vec<char> = text
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            .collect();
        assert!(raw.is_empty(), "{args:?} passes control characters {raw:?}");
        if args.contains(&"csv") {
            for cell in text.split([',', '\n']).map(|c| c.trim_start_matches('"')) {
                assert!(
                    !cell.starts_with(['=', '@', '+']),
                    "{args:?}: formula cell {cell:?}"
                );
            }
        }
        if !args.contains(&"csv") && !args.contains(&"html") {
            assert!(
                !text.contains("](javascript:"),
                "{args:?} passes a script link"
            );
        }
    }
    // The hostile text did reach the views, shown rather than sent.
    let actions = String::from_utf8(stdout_of(&["actions"], dir.path())).unwrap();
    assert!(actions.contains("\u{241b}\\[31mbudget"), "{actions}");
    let topics = stdout_of(
        &["entities", "--kind", "topic", "--format", "csv"],
        dir.path(),
    );
    let topics = String::from_utf8(topics).unwrap();
    assert!(topics.contains("'=HYPERLINK"), "{topics}");
}

#[test]
fn the_two_csv_tables_are_replaced_together_or_not_at_all() {
    let dir = folder();
    let out_dir = tempfile::tempdir().unwrap();
    let tables = out_dir.path().join("tables");
    std::fs::create_dir(&tables).unwrap();
    std::fs::write(tables.join("nodes.csv"), "old nodes").unwrap();
    // `edges.csv` cannot be replaced: it is a folder with something in it.
    std::fs::create_dir(tables.join("edges.csv")).unwrap();
    std::fs::write(tables.join("edges.csv").join("x"), "x").unwrap();
    let out = minutegraph()
        .args(["export", "--format", "csv", "-o"])
        .arg(&tables)
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(tables.join("nodes.csv")).unwrap(),
        "old nodes"
    );
    let names: Vec<String> = std::fs::read_dir(&tables)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "temporary files left: {names:?}");
}

#[test]
fn temporaries_of_killed_runs_are_removed_and_other_files_kept() {
    let dir = folder();
    let out_dir = tempfile::tempdir().unwrap();
    // Left by runs killed mid-write (no process has this id), in the name styles
    // of this version and of the one before.
    let stale = [".graph.nt.4194999.abcdef.tmp", ".graph.nt.4194999.tmp"];
    for name in stale {
        std::fs::write(out_dir.path().join(name), "half").unwrap();
    }
    assert!(
        export_to(dir.path(), &out_dir.path().join("graph.nt"))
            .status
            .success()
    );
    let tables = out_dir.path().join("tables");
    std::fs::create_dir(&tables).unwrap();
    std::fs::write(tables.join("README"), "mine").unwrap();
    std::fs::write(tables.join(".nodes.csv.4194999.tmp"), "half").unwrap();
    assert!(export_as("csv", &tables, dir.path()).status.success());
    let names = |p: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(out_dir.path()), ["graph.nt", "tables"]);
    assert_eq!(names(&tables), ["README", "edges.csv", "nodes.csv"]);
}

#[test]
fn the_limits_are_reported_with_the_file_and_line() {
    let dir = folder();
    // Larger than 16 MiB (a sparse file: no disk used): skipped, the rest read.
    let big = std::fs::File::create(dir.path().join("big.md")).unwrap();
    big.set_len(16 * 1024 * 1024 + 1).unwrap();
    // Lists nested 300 deep: read at depth 255, with a warning at the first.
    let mut deep = String::from("# Call 2025-01-09\n\nAttendees: Ann Lee\n\n");
    for d in 0..300 {
        deep.push_str(&format!("{}- level {}\n", "  ".repeat(d), d + 1));
    }
    std::fs::write(dir.path().join("deep.md"), deep).unwrap();
    let out = minutegraph()
        .args(["export", "--format", "ntriples"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("big.md: error: file too large (16777217 bytes, limit 16777216)"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "deep.md:259: warning: lists nested 255 or more deep; deeper items are read at depth 255"
        ),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("adopt plan alpha"));
}
