//! Finding minutes files and reading them safely.
