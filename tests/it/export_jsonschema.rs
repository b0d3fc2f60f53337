//! `schema/export.schema.json` (JSON Schema 2020-12) describes the JSON-LD
//! document exactly as written: exports of the example minutes, the hostile
//! sample graph and a spread of real minutes validate; broken documents do not;
//! its context section is the context the exporter writes.

use crate::support::{export, export_with, sample_graph};
use minutegraph::config::Config;
use minutegraph::export::{DEFAULT_BASE_IRI, ExportOptions, Format, context_document};
use minutegraph::source::SourceFilter;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// Corpus files that once failed the schema: a dateless README, a date written
/// "September, 15th 2022" far down, GitLab subgroup issue links.
const FORMER_GAPS: &[&str] = &[
    "README.md",
    "scs-minutes/hackathons/2022-09-pco-cloudmon-hackathon/minutes.md",
    "scs-minutes/product-board/20220829.md",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn schema() -> Value {
    let text = std::fs::read_to_string(root().join("schema/export.schema.json")).unwrap();
    serde_json::from_str(&text).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema()).expect("the schema compiles")
}

/// Every validation error, as `path: message`.
fn errors(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|e| format!("{}: {}", e.instance_path(), e.masked()))
        .collect()
}

fn export_paths(paths: &[PathBuf]) -> Value {
    let outcome = minutegraph::pipeline::run(paths, &SourceFilter::default(), &Config::default());
    let mut out = Vec::new();
    Format::JsonLd
        .write(&outcome.graph, &ExportOptions::default(), &mut out)
        .unwrap();
    serde_json::from_slice(&out).unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, document: &Value, what: &str) {
    let found = errors(validator, document);
    assert!(
        found.is_empty(),
        "{what}: {found:#?}\n{:#?}",
        explain(document)
    );
}

/// Each node's errors against the schema of its own class, which say more
/// than the `oneOf` over all classes.
fn explain(document: &Value) -> Vec<String> {
    let defs = schema()["$defs"].clone();
    let mut found = Vec::new();
    let graphs = document["@graph"].as_array().cloned().unwrap_or_default();
    for node in graphs.iter().flat_map(|g| match g["@graph"].as_array() {
        Some(nodes) => nodes.clone(),
        None => vec![g.clone()],
    }) {
        let class = match &node["@type"] {
            Value::Array(types) => types.last().cloned().unwrap_or_default(),
            other => other.clone(),
        };
        let class = class.as_str().unwrap_or_default().trim_start_matches("mg:");
        let Ok(one) = jsonschema::draft202012::new(
            &json!({"$ref": format!("#/$defs/{class}"), "$defs": defs}),
        ) else {
            found.push(format!("{}: unknown @type", node["@id"]));
            continue;
        };
        found.extend(
            errors(&one, &node)
                .into_iter()
                .map(|e| format!("{}: {e}", node["@id"])),
        );
    }
    found
}

#[test]
fn the_schema_is_valid_draft_2020_12() {
    let schema = schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert!(jsonschema::meta::is_valid(&schema));
}

#[test]
fn its_context_is_the_context_the_exporter_writes() {
    let schema = schema();
    let written: Value = serde_json::from_str(&context_document(DEFAULT_BASE_IRI)).unwrap();
    let written = written["@context"].as_object().unwrap();
    let described = schema["$defs"]["context"]["properties"]
        .as_object()
        .unwrap();
    let keys = |m: &serde_json::Map<String, Value>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(described), keys(written));
    for (key, value) in written {
        if key != "mgid" {
            assert_eq!(described[key]["const"], *value, "{key}");
        }
    }
}

#[test]
fn exports_of_the_example_minutes_validate() {
    let validator = validator();
    let dir = root().join("examples/minutes");
    assert_valid(
        &validator,
        &export_paths(std::slice::from_ref(&dir)),
        "all examples",
    );
    let files = minutes_files(&dir);
    assert!(files.len() >= 5);
    for file in files {
        let what = file.display().to_string();
        assert_valid(&validator, &export_paths(&[file]), &what);
    }
}

#[test]
fn the_hostile_sample_validates_under_any_base_iri() {
    let validator = validator();
    assert_valid(
        &validator,
        &serde_json::from_slice(&export(Format::JsonLd, &sample_graph())).unwrap(),
        "sample",
    );
    let options = ExportOptions {
        base_iri: "http://example.org/kb#".into(),
        ..ExportOptions::default()
    };
    let bytes = export_with(Format::JsonLd, &sample_graph(), &options);
    assert_valid(
        &validator,
        &serde_json::from_slice(&bytes).unwrap(),
        "other base",
    );
}

/// Minutes files under `dir` (hidden folders and files skipped), sorted.
fn minutes_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            found.extend(minutes_files(&path));
        } else if [".md", ".txt", ".markdown"]
            .iter()
            .any(|s| name.ends_with(s))
        {
            found.push(path);
        }
    }
    found.sort();
    found
}

#[test]
fn exports_of_a_spread_of_real_minutes_validate() {
    let corpus = root().join("../shared/corpus");
    let files = minutes_files(&corpus);
    if files.is_empty() {
        return;
    }
    let validator = validator();
    let step = (files.len() / 40).max(1);
    let former_gaps = FORMER_GAPS.iter().map(|gap| corpus.join(gap));
    let mut checked = 0;
    for file in files.iter().step_by(step).cloned().chain(former_gaps) {
        let what = file.display().to_string();
        assert_valid(
            &validator,
            &export_paths(std::slice::from_ref(&file)),
            &what,
        );
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} files checked");
    let seeds = corpus.join("seeds");
    if seeds.is_dir() {
        assert_valid(&validator, &export_paths(&[seeds]), "seeds folder");
    }
}

/// A way to break a valid document, and its name.
type Breakage = (&'static str, fn(&mut Value));

#[test]
fn broken_documents_are_rejected() {
    let validator = validator();
    let valid: Value = serde_json::from_slice(&export(Format::JsonLd, &sample_graph())).unwrap();
    let breakages: [Breakage; 8] = [
        ("no context", |d| {
            d.as_object_mut().unwrap().remove("@context");
        }),
        ("a term redefined", |d| {
            d["@context"]["name"] = json!("mg:name")
        }),
        ("an action status", |d| {
            action(d)["status"] = json!("closed");
        }),
        ("line 0", |d| action(d)["line"] = json!(0)),
        ("an undocumented key", |d| {
            action(d)["priority"] = json!("high")
        }),
        ("a wrong @type", |d| action(d)["@type"] = json!("mg:Task")),
        ("a graph without @id", |d| {
            d["@graph"][0].as_object_mut().unwrap().remove("@id");
        }),
        ("an issue key", |d| {
            let nodes = d["@graph"][1]["@graph"].as_array_mut().unwrap();
            let issue = nodes.iter_mut().find(|n| n["@type"] == "mg:Issue").unwrap();
            issue["key"] = json!("a//c#12");
        }),
    ];
    for (what, breakage) in breakages {
        let mut document = valid.clone();
        breakage(&mut document);
        assert!(
            !errors(&validator, &document).is_empty(),
            "{what} was not caught"
        );
    }
}

/// The first action item of the first graph.
fn action(document: &mut Value) -> &mut Value {
    document["@graph"][0]["@graph"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|n| n["@type"][1] == "mg:ActionItem")
        .unwrap()
}
