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
