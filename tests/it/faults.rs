//! Faults that lose data silently: files whose ids collide, outputs that would
//! overwrite what they point at, our own outputs read back as minutes.

use assert_cmd::Command;
use std::path::Path;

fn minutegraph() -> Command {
    Command::new(env!("CARGO_BIN_EXE_minutegraph"))
}

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
    minutegraph()
        .args(["export", "--format", "ntriples", "-o"])
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
            let out = minutegraph()
                .args(["export", "--format", format, "-o"])
                .arg(dir.path().join(name))
                .arg(dir.path())
                .output()
                .unwrap();
            assert!(out.status.success());
            let (again, warnings) = export(dir.path());
            assert_eq!(again, first, "{format} in {name} was read as minutes");
            assert!(warnings.contains("written by minutegraph"), "{warnings}");
            // Written again over itself: it is ours, not minutes, so that is allowed.
            let out = minutegraph()
                .args(["export", "--format", format, "-o"])
                .arg(dir.path().join(name))
                .arg(dir.path())
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            std::fs::remove_file(dir.path().join(name)).unwrap();
        }
    }
}
