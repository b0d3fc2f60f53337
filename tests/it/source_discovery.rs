//! Finding and reading minutes files through the public `source` API, on real
//! temporary folders: ordering, filtering, links, and unreadable or odd files.

use minutegraph::error::{Diagnostic, Severity};
use minutegraph::source::{InputFile, SourceFilter, discover, read_text};
use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn write(root: &Path, rel: &str, content: &[u8]) -> PathBuf {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, content).unwrap();
    path
}

fn filter(include: &[&str], exclude: &[&str]) -> SourceFilter {
    let strings = |globs: &[&str]| globs.iter().map(|g| g.to_string()).collect::<Vec<_>>();
    SourceFilter::new(&strings(include), &strings(exclude)).unwrap()
}

fn rels(files: &[InputFile]) -> Vec<&str> {
    files.iter().map(|f| f.rel.as_str()).collect()
}

fn discover_one(root: &Path, filter: &SourceFilter) -> (Vec<InputFile>, Vec<Diagnostic>) {
    discover(&[root.to_path_buf()], filter)
}

fn read_one(path: &Path, filter: &SourceFilter) -> Result<minutegraph::source::Text, Diagnostic> {
    let file = InputFile {
        path: path.to_path_buf(),
        rel: "x".to_string(),
    };
    read_text(&file, filter)
}

/// Whether permissions keep this process from reading `path` (not so for root).
fn unreadable(path: &Path) -> bool {
    fs::read_dir(path).is_err() && fs::File::open(path).is_err()
}

#[test]
fn order_does_not_depend_on_creation_order() {
    let names = ["z.md", "a.md", "m/b.md", "m/a.txt", "B.md"];
    let first = TempDir::new().unwrap();
    let second = TempDir::new().unwrap();
    for name in names {
        write(first.path(), name, b"text");
    }
    for name in names.iter().rev() {
        write(second.path(), name, b"text");
    }
    let (a, diagnostics) = discover_one(first.path(), &SourceFilter::default());
    let (b, _) = discover_one(second.path(), &SourceFilter::default());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(rels(&a), ["B.md", "a.md", "m/a.txt", "m/b.md", "z.md"]);
    assert_eq!(rels(&a), rels(&b));
}

#[test]
fn same_rel_in_two_roots_keeps_both_under_their_paths() {
    let dir = TempDir::new().unwrap();
    let one = dir.path().join("one");
    let two = dir.path().join("two");
    write(&one, "a.md", b"1");
    write(&two, "a.md", b"2");
    write(&two, "0.md", b"2");
    for inputs in [[two.clone(), one.clone()], [one.clone(), two.clone()]] {
        let (files, _) = discover(&inputs, &SourceFilter::default());
        let paths: Vec<_> = files.iter().map(|f| f.path.clone()).collect();
        // Two files called `a.md` are two sources, named by their whole paths,
        // in the same order whatever the order of the inputs.
        assert_eq!(
            paths,
            [one.join("a.md"), two.join("a.md"), two.join("0.md")]
        );
        let rels: Vec<&str> = files.iter().map(|f| f.rel.as_str()).collect();
        assert!(
            rels[0].ends_with("one/a.md") && rels[1].ends_with("two/a.md"),
            "{rels:?}"
        );
        assert_eq!(rels[2], "0.md");
    }
}

#[test]
fn hidden_names_below_a_root_are_skipped() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", b"text");
    write(dir.path(), ".hidden.md", b"text");
    write(dir.path(), ".git/HEAD.md", b"text");
    write(dir.path(), "sub/.drafts/x.md", b"text");
    let (files, _) = discover_one(dir.path(), &SourceFilter::default());
    assert_eq!(rels(&files), ["a.md"]);
}

#[test]
fn hidden_root_named_explicitly_is_used() {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join(".minutes");
    write(&root, "a.md", b"text");
    let hidden_file = write(dir.path(), ".b.md", b"text");
    let (files, diagnostics) = discover(&[root, hidden_file], &SourceFilter::default());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(rels(&files), [".b.md", "a.md"]);
}

#[test]
fn folders_are_filtered_by_extension() {
    let dir = TempDir::new().unwrap();
    for name in [
        "a.MD",
        "b.markdown",
        "c.txt",
        "d.pdf",
        "e",
        "f.md.bak",
        "g.log",
    ] {
        write(dir.path(), name, b"text");
    }
    let (files, _) = discover_one(dir.path(), &SourceFilter::default());
    // Chat and MeetBot logs (`.log`) are minutes too.
    assert_eq!(rels(&files), ["a.MD", "b.markdown", "c.txt", "g.log"]);
}

#[test]
fn named_file_is_taken_whatever_its_extension() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "sub/notes.rst", b"text");
    let (files, _) = discover(std::slice::from_ref(&path), &filter(&[], &["*.rst"]));
    assert_eq!(
        files,
        [InputFile {
            path,
            rel: "notes.rst".to_string()
        }]
    );
}

#[test]
fn include_globs_select_instead_of_extensions() {
    let dir = TempDir::new().unwrap();
    for name in ["a.md", "b.rst", "team/c.rst", "team/d.md"] {
        write(dir.path(), name, b"text");
    }
    let (files, _) = discover_one(dir.path(), &filter(&["*.rst"], &[]));
    assert_eq!(rels(&files), ["b.rst", "team/c.rst"]);
    let (files, _) = discover_one(dir.path(), &filter(&["team/*"], &[]));
    assert_eq!(rels(&files), ["team/c.rst", "team/d.md"]);
}

#[test]
fn exclude_globs_remove_files_and_folders() {
    let dir = TempDir::new().unwrap();
    for name in [
        "a.md",
        "a-draft.md",
        "archive/old.md",
        "x/archive/old.md",
        "x/y.md",
    ] {
        write(dir.path(), name, b"text");
    }
    let (files, _) = discover_one(dir.path(), &filter(&[], &["*-draft.md", "archive"]));
    assert_eq!(rels(&files), ["a.md", "x/y.md"]);
    let (files, _) = discover_one(dir.path(), &filter(&[], &["/archive"]));
    assert_eq!(
        rels(&files),
        ["a-draft.md", "a.md", "x/archive/old.md", "x/y.md"]
    );
}

#[test]
fn symlink_loop_is_reported_not_followed() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", b"text");
    write(dir.path(), "sub/b.md", b"text");
    symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
    let (files, diagnostics) = discover_one(dir.path(), &SourceFilter::default());
    assert_eq!(rels(&files), ["a.md", "sub/b.md"]);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(
        diagnostics[0].path,
        dir.path().join("sub/loop").display().to_string()
    );
    assert!(
        diagnostics[0].message.contains("loop"),
        "{}",
        diagnostics[0]
    );
}

#[test]
fn a_file_reached_twice_is_kept_once() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.md", b"text");
    symlink(&a, dir.path().join("link.md")).unwrap();
    let inputs = [
        dir.path().to_path_buf(),
        a.clone(),
        dir.path().to_path_buf(),
    ];
    let (files, diagnostics) = discover(&inputs, &SourceFilter::default());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(
        files,
        [InputFile {
            path: a,
            rel: "a.md".to_string()
        }]
    );
}

#[test]
fn broken_links_are_reported_when_they_would_be_read() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", b"text");
    symlink(dir.path().join("gone.md"), dir.path().join("b.md")).unwrap();
    symlink(dir.path().join("gone.png"), dir.path().join("c.png")).unwrap();
    let (files, diagnostics) = discover_one(dir.path(), &SourceFilter::default());
    assert_eq!(rels(&files), ["a.md"]);
    let shown: Vec<_> = diagnostics.iter().map(|d| d.to_string()).collect();
    let expected = format!(
        "{}: error: broken symbolic link",
        dir.path().join("b.md").display()
    );
    assert_eq!(shown, [expected]);
}

#[test]
fn missing_path_is_reported_and_others_still_found() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", b"text");
    let missing = dir.path().join("nope");
    let (files, diagnostics) = discover(
        &[missing.clone(), dir.path().to_path_buf()],
        &SourceFilter::default(),
    );
    assert_eq!(rels(&files), ["a.md"]);
    let expected = format!("{}: error: no such file or directory", missing.display());
    assert_eq!(
        diagnostics
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>(),
        [expected]
    );
}

#[test]
fn paths_are_joined_under_the_root_as_given() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "minutes/2024/a.md", b"text");
    let root = dir.path().join("minutes");
    let (files, _) = discover_one(&root, &SourceFilter::default());
    assert_eq!(files[0].path, root.join("2024").join("a.md"));
    assert_eq!(files[0].rel, "2024/a.md");
}

#[test]
fn unreadable_folder_is_reported_and_walk_goes_on() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", b"text");
    write(dir.path(), "locked/b.md", b"text");
    write(dir.path(), "z.md", b"text");
    let locked = dir.path().join("locked");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let blocked = unreadable(&locked);
    let (files, diagnostics) = discover_one(dir.path(), &SourceFilter::default());
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    if blocked {
        assert_eq!(rels(&files), ["a.md", "z.md"]);
        let expected = format!("{}: error: permission denied", locked.display());
        assert_eq!(
            diagnostics
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>(),
            [expected]
        );
    } else {
        // Running with privileges that ignore permissions: everything is readable.
        assert_eq!(rels(&files), ["a.md", "locked/b.md", "z.md"]);
    }
}

#[test]
fn unreadable_file_is_an_error() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "a.md", b"text");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    let blocked = unreadable(&path);
    let result = read_one(&path, &SourceFilter::default());
    if blocked {
        let err = result.unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("{}: error: permission denied", path.display())
        );
    } else {
        assert_eq!(result.unwrap().content, "text");
    }
}

#[test]
fn binary_file_is_skipped() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "a.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    let err = read_one(&path, &SourceFilter::default()).unwrap_err();
    assert_eq!(err.message, "binary file, skipped");
    assert_eq!(err.severity, Severity::Error);
    assert_eq!(err.path, path.display().to_string());
}

#[test]
fn empty_file_is_an_error() {
    let dir = TempDir::new().unwrap();
    for (name, content) in [("a.md", &b""[..]), ("b.md", b"  \n\r\n\t")] {
        let path = write(dir.path(), name, content);
        let err = read_one(&path, &SourceFilter::default()).unwrap_err();
        assert_eq!(err.message, "empty file");
    }
}

#[test]
fn invalid_utf8_is_kept_with_a_warning() {
    let dir = TempDir::new().unwrap();
    let path = write(
        dir.path(),
        "a.md",
        b"# Minutes\r\n\r\nAttendees: Jos\xe9\r\n",
    );
    let text = read_one(&path, &SourceFilter::default()).unwrap();
    assert_eq!(text.content, "# Minutes\n\nAttendees: Jos\u{FFFD}\n");
    assert_eq!(text.warnings.len(), 1);
    let warning = &text.warnings[0];
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.line, Some(3));
    assert_eq!(warning.message, "invalid UTF-8 at byte 27, replaced");
}

#[test]
fn bom_is_stripped_and_line_ends_normalized() {
    let dir = TempDir::new().unwrap();
    let path = write(
        dir.path(),
        "a.md",
        b"\xEF\xBB\xBF# Title\r\nold mac\rline\n",
    );
    let text = read_one(&path, &SourceFilter::default()).unwrap();
    assert_eq!(text.content, "# Title\nold mac\nline\n");
    assert!(text.warnings.is_empty());
}

#[test]
fn oversize_file_is_refused() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "a.md", b"0123456789abc");
    let small = SourceFilter::default().with_max_bytes(10);
    let err = read_one(&path, &small).unwrap_err();
    assert_eq!(err.message, "file too large (13 bytes, limit 10)");
    assert!(read_one(&path, &SourceFilter::default().with_max_bytes(13)).is_ok());
}

#[test]
fn directory_given_to_read_text_is_an_error() {
    let dir = TempDir::new().unwrap();
    let err = read_one(dir.path(), &SourceFilter::default()).unwrap_err();
    assert_eq!(err.message, "is a directory");
}

#[test]
fn a_folder_without_minutes_is_an_error_that_says_what_was_looked_for() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "notes.pdf", b"%PDF");
    let (files, diagnostics) = discover(&[dir.path().to_path_buf()], &SourceFilter::default());
    assert!(files.is_empty());
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0].path, dir.path().display().to_string());
    assert!(
        diagnostics[0]
            .message
            .contains(".md, .markdown, .txt, .log")
    );
    // Given twice, a folder with minutes is no error.
    write(dir.path(), "a.md", b"text");
    let inputs = [dir.path().to_path_buf(), dir.path().to_path_buf()];
    let (files, diagnostics) = discover(&inputs, &SourceFilter::default());
    assert_eq!(files.len(), 1);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}
