//! What a person sees on a terminal (run under a pseudo-terminal made by
//! `script`): a read that takes more than a moment shows a progress bar on
//! stderr, and none with `-q`, under CI, or when stderr is not a terminal.

use crate::support::repo;

/// Runs `timeline` over `dir` under a pseudo-terminal, stdout thrown away,
/// with `shell` appended to the command line; returns what the terminal showed.
fn on_a_terminal(dir: &std::path::Path, extra: &str, shell: &str, ci: bool) -> String {
    let bin = env!("CARGO_BIN_EXE_minutegraph");
    let command = format!(
        "'{bin}' timeline --no-cache {extra} --topic security '{}' {shell}",
        dir.display()
    );
    let mut script = std::process::Command::new("script");
    script
        .args(["-qec", &command, "/dev/null"])
        .env("TERM", "xterm")
        .env_remove("CI")
        .env_remove("NO_COLOR");
    if ci {
        script.env("CI", "true");
    }
    let out = script.output().expect("script (util-linux) runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_long_read_shows_progress_on_a_terminal_only() {
    let dir = repo().join("../shared/corpus/ossf-tac");
    if !dir.is_dir() {
        eprintln!("note: {} not found; skipping this test", dir.display());
        return;
    }
    let bar = |shown: &str| shown.contains("files,") && shown.contains("left");
    let shown = on_a_terminal(&dir, "", "> /dev/null", false);
    assert!(bar(&shown), "no progress bar on a terminal: {shown:?}");
    assert!(
        shown.contains("\u{1b}[2K"),
        "the bar redraws its line: {shown:?}"
    );
    let quiet = on_a_terminal(&dir, "-q", "> /dev/null", false);
    assert!(!bar(&quiet), "{quiet:?}");
    let ci = on_a_terminal(&dir, "", "> /dev/null", true);
    assert!(!bar(&ci), "{ci:?}");
    assert!(
        ci.contains("warning"),
        "stderr still reaches the terminal: {ci:?}"
    );
    let piped = on_a_terminal(&dir, "", "2>&1 > /dev/null | cat", false);
    assert!(!bar(&piped), "{piped:?}");
    assert!(piped.contains("warning"), "{piped:?}");
}
