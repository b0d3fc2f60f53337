//! The SHACL shapes against real output, when pyshacl is installed in the
//! repository's `.venv`: the sample graph's export conforms, and
//! `scripts/shacl_cases.py` shows every shape catching the graphs it should.

use crate::support::{export, sample_graph};
use minutegraph::export::Format;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The repository's Python when it has pyshacl.
fn python() -> Option<PathBuf> {
    let python = root().join(".venv/bin/python");
    let probe = Command::new(&python)
        .args(["-c", "import pyshacl"])
        .output()
        .ok()?;
    probe.status.success().then_some(python)
}

#[test]
fn the_sample_export_conforms_to_the_shapes() {
    let Some(python) = python() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("graph.nt");
    std::fs::write(&data, export(Format::NTriples, &sample_graph())).unwrap();
    let out = Command::new(python)
        .args(["-m", "pyshacl", "-s"])
        .arg(root().join("schema/shapes.ttl"))
        .args(["-df", "nt"])
        .arg(&data)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{report}");
    assert!(report.contains("Conforms: True"), "{report}");
}

#[test]
fn every_shape_catches_its_broken_graphs() {
    let Some(python) = python() else {
        return;
    };
    let out = Command::new(python)
        .arg(root().join("scripts/shacl_cases.py"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("8 of 8 node shapes covered"), "{stdout}");
}
