//! An output of several files in one folder (the CSV node and edge tables),
//! replaced together or not at all, and a folder that is all ours (a site)
//! replaced whole ([`replace_folder`]).
//!
//! A new folder is filled as a `tempfile` folder beside it and renamed into
//! place whole. In an existing folder (which may hold other files of its owner,
//! so it is never swapped out) the new files are written in full into a
//! temporary folder inside it first, then renamed over the old ones one by one;
//! when a rename fails, the files already moved are put back from their old
//! versions, so the folder never holds a new table beside an old one.

use super::{io_error, split, stale, target_of};
use crate::error::Error;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// One file of a folder output.
pub struct FolderFile<'a> {
    /// Its name in the folder.
    pub name: &'a str,
    /// What writes it.
    pub write: &'a dyn Fn(&mut dyn Write) -> Result<(), Error>,
}

/// Writes `files` into the folder `dir` (created when missing) together. A
/// symbolic link to a folder is followed; a path that exists and is no folder
/// is an error. Other files in an existing folder are left alone, and a file
/// replaced keeps its mode.
pub fn write_folder(dir: &Path, files: &[FolderFile<'_>]) -> Result<(), Error> {
    let target = target_of(dir);
    match fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => replace_in(&target, dir, files),
        Ok(_) => Err(io_error(
            dir,
            io::Error::new(io::ErrorKind::AlreadyExists, "exists and is not a folder"),
        )),
        Err(_) => new_folder(&target, dir, files),
    }
}

/// Replaces the folder `dir` whole (or creates it, and its parents) with the
/// one `fill` writes: for an output that is entirely ours, such as a generated
/// site, where no other file is to stay. `fill` gets an empty temporary folder
/// beside `dir`; only when it succeeded is the old folder moved aside, the new
/// one moved in (the old one put back if that fails) and the old one removed.
/// A symbolic link to a folder is followed; a path that exists and is no
/// folder is an error.
pub fn replace_folder(
    dir: &Path,
    fill: impl FnOnce(&Path) -> Result<(), Error>,
) -> Result<(), Error> {
    let target = target_of(dir);
    let exists = match fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => true,
        Ok(_) => {
            return Err(io_error(
                dir,
                io::Error::new(io::ErrorKind::AlreadyExists, "exists and is not a folder"),
            ));
        }
        Err(_) => false,
    };
    let (parent, name) = split(&target, "output");
    fs::create_dir_all(&parent).map_err(|e| io_error(dir, e))?;
    stale::remove(&parent, &name);
    let mut new = staging(&parent, &name).map_err(|e| io_error(dir, e))?;
    fill(new.path())?;
    if !exists {
        fs::rename(new.path(), &target).map_err(|e| io_error(dir, e))?;
        new.disable_cleanup(true);
        return Ok(());
    }
    // The old folder goes where an empty temporary folder was, and is removed
    // with it when `aside` is dropped.
    let aside = staging(&parent, &name).map_err(|e| io_error(dir, e))?;
    fs::remove_dir(aside.path()).map_err(|e| io_error(dir, e))?;
    fs::rename(&target, aside.path()).map_err(|e| io_error(dir, e))?;
    if let Err(e) = fs::rename(new.path(), &target) {
        let _ = fs::rename(aside.path(), &target);
        return Err(io_error(dir, e));
    }
    new.disable_cleanup(true);
    Ok(())
}

fn staging(parent: &Path, name: &str) -> io::Result<tempfile::TempDir> {
    tempfile::Builder::new()
        .prefix(&stale::prefix(name))
        .suffix(stale::SUFFIX)
        .rand_bytes(stale::RANDOM_LEN)
        .tempdir_in(parent)
}

/// Fills a temporary sibling folder and renames it to `target`.
fn new_folder(target: &Path, shown: &Path, files: &[FolderFile<'_>]) -> Result<(), Error> {
    let (parent, name) = split(target, "output");
    stale::remove(&parent, &name);
    let mut tmp = staging(&parent, &name).map_err(|e| io_error(shown, e))?;
    for file in files {
        write_synced(&tmp.path().join(file.name), None, file.write, shown)?;
    }
    // On an error the temporary folder is removed when `tmp` is dropped.
    fs::rename(tmp.path(), target).map_err(|e| io_error(shown, e))?;
    tmp.disable_cleanup(true);
    Ok(())
}

/// Replaces `files` in the existing folder `dir`, all or none; `shown` names
/// it in errors.
fn replace_in(dir: &Path, shown: &Path, files: &[FolderFile<'_>]) -> Result<(), Error> {
    let (_, name) = split(dir, "output");
    stale::remove(dir, &name);
    for file in files {
        stale::remove(dir, file.name);
    }
    let tmp = staging(dir, &name).map_err(|e| io_error(shown, e))?;
    for file in files {
        let old = fs::metadata(dir.join(file.name))
            .ok()
            .filter(|m| m.is_file());
        write_synced(
            &tmp.path().join(file.name),
            old.map(|m| m.permissions()),
            file.write,
            shown,
        )?;
    }
    // Old versions kept in the temporary folder, to put back on a failure.
    let mut backed_up = Vec::with_capacity(files.len());
    for file in files {
        let old = dir.join(file.name);
        let backup = tmp.path().join(format!("{}.old", file.name));
        let kept = fs::symlink_metadata(&old).is_ok_and(|m| m.is_file())
            && (fs::hard_link(&old, &backup).is_ok() || fs::copy(&old, &backup).is_ok());
        backed_up.push(kept);
    }
    for (i, file) in files.iter().enumerate() {
        if let Err(e) = fs::rename(tmp.path().join(file.name), dir.join(file.name)) {
            for (done, kept) in files[..i].iter().zip(&backed_up) {
                let path = dir.join(done.name);
                let _ = if *kept {
                    fs::rename(tmp.path().join(format!("{}.old", done.name)), &path)
                } else {
                    fs::remove_file(&path)
                };
            }
            return Err(io_error(shown, e));
        }
    }
    Ok(())
}

fn write_synced(
    path: &Path,
    permissions: Option<fs::Permissions>,
    write: &dyn Fn(&mut dyn Write) -> Result<(), Error>,
    shown: &Path,
) -> Result<(), Error> {
    let file = fs::File::create(path).map_err(|e| io_error(shown, e))?;
    if let Some(permissions) = permissions {
        file.set_permissions(permissions)
            .map_err(|e| io_error(shown, e))?;
    }
    let mut out = BufWriter::new(file);
    write(&mut out)?;
    let file = out
        .into_inner()
        .map_err(|e| io_error(shown, e.into_error()))?;
    file.sync_all().map_err(|e| io_error(shown, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &'static str) -> impl Fn(&mut dyn Write) -> Result<(), Error> {
        move |out| {
            out.write_all(s.as_bytes())
                .map_err(|e| io_error(Path::new("x"), e))
        }
    }

    use super::super::tests::names;

    fn pair<'a>(
        a: &'a dyn Fn(&mut dyn Write) -> Result<(), Error>,
        b: &'a dyn Fn(&mut dyn Write) -> Result<(), Error>,
    ) -> [FolderFile<'a>; 2] {
        [
            FolderFile {
                name: "a.csv",
                write: a,
            },
            FolderFile {
                name: "b.csv",
                write: b,
            },
        ]
    }

    #[test]
    fn a_new_folder_appears_whole_with_nothing_beside_it() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("tables");
        let (a, b) = (text("A"), text("B"));
        write_folder(&dir, &pair(&a, &b)).unwrap();
        assert_eq!(names(&dir), ["a.csv", "b.csv"]);
        assert_eq!(names(parent.path()), ["tables"]);
    }

    #[test]
    fn a_failed_file_leaves_no_new_folder() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("tables");
        let a = text("A");
        let fail = |_: &mut dyn Write| Err(Error::Usage("stopped".into()));
        assert!(write_folder(&dir, &pair(&a, &fail)).is_err());
        assert!(names(parent.path()).is_empty());
    }

    #[test]
    fn an_existing_folder_keeps_its_other_files_and_gets_both_new_ones() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.csv"), "old A").unwrap();
        fs::write(dir.path().join("b.csv"), "old B").unwrap();
        fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let (a, b) = (text("A"), text("B"));
        write_folder(dir.path(), &pair(&a, &b)).unwrap();
        assert_eq!(names(dir.path()), ["a.csv", "b.csv", "notes.txt"]);
        assert_eq!(fs::read_to_string(dir.path().join("a.csv")).unwrap(), "A");
        assert_eq!(fs::read_to_string(dir.path().join("b.csv")).unwrap(), "B");
    }

    #[test]
    fn a_failed_write_in_an_existing_folder_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.csv"), "old A").unwrap();
        let a = text("A");
        let fail = |_: &mut dyn Write| Err(Error::Usage("stopped".into()));
        assert!(write_folder(dir.path(), &pair(&a, &fail)).is_err());
        assert_eq!(names(dir.path()), ["a.csv"]);
        assert_eq!(
            fs::read_to_string(dir.path().join("a.csv")).unwrap(),
            "old A"
        );
    }

    #[test]
    fn a_table_that_cannot_be_replaced_puts_the_first_back_and_names_the_folder_once() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.csv"), "old A").unwrap();
        fs::create_dir(dir.path().join("b.csv")).unwrap();
        fs::write(dir.path().join("b.csv").join("x"), "x").unwrap();
        let (a, b) = (text("A"), text("B"));
        let err = write_folder(dir.path(), &pair(&a, &b))
            .unwrap_err()
            .to_string();
        let shown = dir.path().display().to_string();
        assert_eq!(err.matches(shown.as_str()).count(), 1, "{err}");
        assert_eq!(
            fs::read_to_string(dir.path().join("a.csv")).unwrap(),
            "old A"
        );
        assert_eq!(names(dir.path()), ["a.csv", "b.csv"]);
    }

    #[test]
    fn a_folder_is_replaced_whole_or_not_at_all() {
        let parent = tempfile::tempdir().unwrap();
        let site = parent.path().join("out").join("site");
        let page = |text: &'static str| {
            move |tmp: &Path| fs::write(tmp.join("index.html"), text).map_err(|e| io_error(tmp, e))
        };
        replace_folder(&site, page("one")).unwrap();
        fs::write(site.join("old.html"), "old").unwrap();
        replace_folder(&site, page("two")).unwrap();
        assert_eq!(names(&site), ["index.html"]);
        assert_eq!(fs::read_to_string(site.join("index.html")).unwrap(), "two");
        let fail = |_: &Path| Err(Error::Usage("stopped".into()));
        assert!(replace_folder(&site, fail).is_err());
        assert_eq!(fs::read_to_string(site.join("index.html")).unwrap(), "two");
        assert_eq!(names(&parent.path().join("out")), ["site"]);
    }

    #[test]
    fn a_file_that_is_no_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("tables");
        fs::write(&file, "x").unwrap();
        let (a, b) = (text("A"), text("B"));
        let err = write_folder(&file, &pair(&a, &b)).unwrap_err();
        assert!(err.to_string().contains("not a folder"), "{err}");
    }

    #[test]
    fn stale_temporaries_of_a_killed_run_are_removed() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("tables");
        // Left by killed runs (no process has this id): a half-filled new
        // folder beside it, then an old-style table temporary inside it.
        let dead_folder = parent.path().join(".tables.4194999.abcdef.tmp");
        fs::create_dir(&dead_folder).unwrap();
        fs::write(dead_folder.join("a.csv"), "half").unwrap();
        let (a, b) = (text("A"), text("B"));
        write_folder(&dir, &pair(&a, &b)).unwrap();
        assert_eq!(names(parent.path()), ["tables"]);
        fs::write(dir.join(".a.csv.4194999.tmp"), "half").unwrap();
        write_folder(&dir, &pair(&a, &b)).unwrap();
        assert_eq!(names(&dir), ["a.csv", "b.csv"]);
    }
}
