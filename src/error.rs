//! Typed errors and diagnostics. Every problem with an input names the file and,
//! where known, the line, so the CLI can print `path:line: message` and go on.

use std::fmt;

/// How bad a diagnostic is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    /// Something was read but is doubtful (e.g. no date found).
    Warning,
    /// A file (or part of it) could not be read.
    Error,
}

/// A problem found while reading an input, reported as `path:line: message`.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Diagnostic {
    /// The path as the user can find it.
    pub path: String,
    /// 1-based line, when the problem has one.
    pub line: Option<u32>,
    /// Warning or error.
    pub severity: Severity,
    /// What is wrong, in a few words.
    pub message: String,
}

impl Diagnostic {
    /// An error about `path`.
    pub fn error(path: impl Into<String>, line: Option<u32>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    /// A warning about `path`.
    pub fn warning(path: impl Into<String>, line: Option<u32>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            severity: Severity::Warning,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.line {
            Some(line) => write!(f, "{}:{}: {}: {}", self.path, line, level, self.message),
            None => write!(f, "{}: {}: {}", self.path, level, self.message),
        }
    }
}

/// Errors that stop a whole command (as opposed to per-file diagnostics).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing failed.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A configuration file or option is invalid.
    #[error("{path}:{line}: {message}")]
    Config {
        path: String,
        line: u32,
        message: String,
    },
    /// A command-line value is invalid.
    #[error("{0}")]
    Usage(String),
    /// Writing an export failed.
    #[error("cannot write {format}: {message}")]
    Export {
        format: &'static str,
        message: String,
    },
}
