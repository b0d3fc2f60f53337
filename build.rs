//! Gives the crate a build identity: a hash of everything that decides what
//! extraction returns (the sources, the data tables, the manifest and the locked
//! dependency versions). The extraction cache keys its entries by it, so a
//! changed rule is never answered from an entry an older build wrote, even when
//! the version number stayed the same.

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

/// What the build identity covers, relative to the package root.
const INPUTS: &[&str] = &["src", "data", "build.rs", "Cargo.toml", "Cargo.lock"];

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let mut files = Vec::new();
    for input in INPUTS {
        println!("cargo::rerun-if-changed={input}");
        collect(&root, &root.join(input), &mut files);
    }
    files.sort();
    // Two SipHash streams told apart by a first byte: 128 bits, no dependency.
    let mut halves = [DefaultHasher::new(), DefaultHasher::new()];
    for (i, h) in halves.iter_mut().enumerate() {
        h.write_u8(i as u8);
    }
    for (rel, path) in &files {
        let bytes = std::fs::read(path).unwrap_or_default();
        for h in &mut halves {
            h.write(rel.as_bytes());
            h.write_u8(0);
            h.write_usize(bytes.len());
            h.write(&bytes);
        }
    }
    let [a, b] = halves.map(|h| h.finish());
    println!("cargo::rustc-env=MINUTEGRAPH_BUILD_ID={a:016x}{b:016x}");
}

/// Every file at or under `path`, as (path relative to `root` with `/`, path).
fn collect(root: &Path, path: &Path, files: &mut Vec<(String, PathBuf)>) {
    let Ok(meta) = std::fs::metadata(path) else {
        return;
    };
    if meta.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        for entry in entries.flatten() {
            collect(root, &entry.path(), files);
        }
    } else {
        let rel = path.strip_prefix(root).unwrap_or(path);
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        files.push((rel.join("/"), path.to_path_buf()));
    }
}
