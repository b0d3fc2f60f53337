//! `minutegraph check` end to end: findings on a folder of made-up minutes as
//! text and JSON, the exit code with `--deny warnings`, and colour only on a
//! terminal (run under a pseudo-terminal with `script`).

use crate::support::minutegraph;
use std::path::Path;

const GOOD: &str = "# Weekly sync 2024-03-05\n\n## Attendees\n\n- Ann Example (@annex)\n- Bob Sample (@bsample)\n\n## Notes\n\n- Release went out.\n";

const BAD: &str = "# Weekly sync\n\n## Notes\n\n- See #42 for the numbers.\n\n## Action items\n\n- [ ] Update the website\n";

/// A temporary folder holding `good.md` and `bad.md`.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.md"), GOOD).unwrap();
    std::fs::write(dir.path().join("bad.md"), BAD).unwrap();
    dir
}

#[test]
fn findings_as_text_with_the_line_and_a_caret() {
    let dir = folder();
    let out = minutegraph()
        .current_dir(dir.path())
        .env_remove("NO_COLOR")
        .args(["check", "-q", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(!text.contains("good.md"), "{text}");
    let expected = "./bad.md:5:7: warning: issue #42 names no repository \
        (write owner/repo#42 or set [repository] default) [issue-without-repository]\n\
        5 | - See #42 for the numbers.\n  |       ^\n";
    assert!(text.contains(expected), "{text}");
    for rule in ["no-date", "no-attendees", "action-without-owner"] {
        assert!(text.contains(&format!("[{rule}]")), "{rule}: {text}");
    }
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("./bad.md:1:1: warning:"), "{first}");
}

#[test]
fn findings_as_json_and_deny_warnings() {
    let dir = folder();
    let out = minutegraph()
        .current_dir(dir.path())
        .args(["check", "-q", "--format", "json", "--deny", "warnings", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = found.as_array().unwrap();
    let rules: Vec<&str> = found.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(
        rules,
        [
            "no-attendees",
            "no-date",
            "issue-without-repository",
            "action-without-owner"
        ]
    );
    let issue = &found[2];
    assert_eq!(issue["path"], "./bad.md");
    assert_eq!(
        (issue["line"].as_u64(), issue["column"].as_u64()),
        (Some(5), Some(7))
    );
    assert_eq!(issue["severity"], "warning");
    assert!(issue["message"].as_str().unwrap().contains("#42"));

    let clean = minutegraph()
        .current_dir(dir.path())
        .args(["check", "-q", "--deny", "warnings", "good.md"])
        .output()
        .unwrap();
    assert_eq!(clean.status.code(), Some(0));
    assert!(clean.stdout.is_empty());
}

/// Runs `check` on `dir` under a pseudo-terminal made by `script`, and
/// returns what the terminal showed.
fn on_a_terminal(dir: &Path, no_color: bool, pipe: bool) -> String {
    let bin = env!("CARGO_BIN_EXE_minutegraph");
    let mut command = format!("'{bin}' check -q .");
    if pipe {
        command.push_str(" | cat");
    }
    let mut script = std::process::Command::new("script");
    script
        .args(["-qec", &command, "/dev/null"])
        .current_dir(dir)
        .env("TERM", "xterm")
        .env(crate::support::CACHE_ENV, crate::support::test_cache())
        .env_remove("NO_COLOR");
    if no_color {
        script.env("NO_COLOR", "1");
    }
    let out = script.output().expect("script (util-linux) runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn colour_on_a_terminal_only() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("no `script` command here; skipping the terminal test");
        return;
    }
    let dir = folder();
    let coloured = on_a_terminal(dir.path(), false, false);
    assert!(coloured.contains("\u{1b}[1;33mwarning:"), "{coloured:?}");
    assert!(
        coloured.contains("[issue-without-repository]"),
        "{coloured:?}"
    );
    let no_color = on_a_terminal(dir.path(), true, false);
    assert!(no_color.contains("warning:"), "{no_color:?}");
    assert!(!no_color.contains('\u{1b}'), "{no_color:?}");
    let piped = on_a_terminal(dir.path(), false, true);
    assert!(piped.contains("warning:"), "{piped:?}");
    assert!(!piped.contains('\u{1b}'), "{piped:?}");
}
