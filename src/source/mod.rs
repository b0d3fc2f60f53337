//! Finding minutes files and reading them safely.
//!
//! [`discover`] turns the paths the user gave (files, folders, `-` for stdin) into a
//! sorted, de-duplicated list of [`InputFile`]s, chosen by a [`SourceFilter`].
//! [`read_text`] reads one of them into clean text: size-limited, binary files
//! refused, BOM stripped, invalid UTF-8 replaced with a warning, line ends made `\n`.
//! Every problem comes back as a [`Diagnostic`](crate::error::Diagnostic) so the run
//! can report it and carry on with the other files.

pub mod authors;
mod filter;
mod read;
mod walk;

pub use filter::SourceFilter;
pub use read::is_own_output;
pub use read::{Text, decode, read_raw, read_text};
pub use walk::{InputFile, discover};

use std::io;

/// The path that stands for standard input.
pub const STDIN_PATH: &str = "-";

/// The name standard input goes by in diagnostics and as [`InputFile::rel`].
pub const STDIN_NAME: &str = "<stdin>";

/// The names of the (at most `depth`) folders holding `path`, outermost first,
/// read from the absolute path so a file named alone still knows its folders.
/// Empty for standard input or when the path cannot be resolved.
pub fn enclosing_folders(path: &std::path::Path, depth: usize) -> Vec<String> {
    if path.as_os_str() == STDIN_PATH {
        return Vec::new();
    }
    let Ok(absolute) = std::path::absolute(path) else {
        return Vec::new();
    };
    let mut names: Vec<String> = absolute
        .parent()
        .into_iter()
        .flat_map(|p| p.components().rev())
        .filter_map(|c| match c {
            std::path::Component::Normal(name) => Some(walk::readable(name)),
            _ => None,
        })
        .take(depth)
        .collect();
    names.reverse();
    names
}

/// A short lower-case description of an I/O error, without the OS error number.
fn io_message(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a directory".to_string(),
        io::ErrorKind::InvalidData => "invalid data".to_string(),
        _ => {
            let text = err.to_string();
            let text = match text.find(" (os error") {
                Some(end) => text[..end].to_string(),
                None => text,
            };
            lowercase_first(&text)
        }
    }
}

/// `text` with its first character made lower case, as messages read mid-line.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_messages_are_short_and_lower_case() {
        let not_found = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(io_message(&not_found), "no such file or directory");
        let raw = io::Error::from_raw_os_error(5);
        let message = io_message(&raw);
        assert!(!message.contains("os error"), "{message}");
        assert!(
            message.chars().next().is_some_and(|c| !c.is_uppercase()),
            "{message}"
        );
    }

    #[test]
    fn folders_nearest_the_file() {
        let path = std::path::Path::new("/srv/minutes/2024/05/02/notes.md");
        assert_eq!(enclosing_folders(path, 3), vec!["2024", "05", "02"]);
        assert_eq!(enclosing_folders(path, 1), vec!["02"]);
        assert!(enclosing_folders(std::path::Path::new(STDIN_PATH), 3).is_empty());
    }
}
