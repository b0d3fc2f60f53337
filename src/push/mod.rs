//! Loading the graph into a triple store over the SPARQL 1.1 Graph Store HTTP
//! Protocol: one named graph per minutes file, one of the merged entities, and
//! a manifest of their digests. A graph whose digest the server's manifest
//! already holds is not sent again, so after one file changed a push sends
//! that file's graph (and the entities graph only when a merged fact changed).

pub mod client;
pub mod plan;

pub use client::{Endpoint, GraphStore, HttpError};
pub use plan::{GraphBody, Plan};

/// What a push did (or, dry, would do) to one graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Sent: new or changed.
    Put,
    /// The server holds it as it is.
    Unchanged,
    /// Deleted: its file is gone (`--prune`).
    Delete,
}

impl Change {
    /// Lower-case name (`put`, `unchanged`, `delete`).
    pub fn name(self) -> &'static str {
        match self {
            Change::Put => "put",
            Change::Unchanged => "unchanged",
            Change::Delete => "delete",
        }
    }
}

/// One graph of a push.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// What happened to it.
    pub change: Change,
    /// The graph's IRI.
    pub graph: String,
    /// Triples sent (0 for unchanged and deleted graphs).
    pub triples: usize,
}

/// How to push.
#[derive(Clone, Copy, Debug, Default)]
pub struct Settings {
    /// Delete graphs of files the server has and the input no longer does.
    pub prune: bool,
    /// Only say what would change.
    pub dry_run: bool,
    /// Send every graph, whatever the manifest says.
    pub force: bool,
}

/// Pushes `plan` to `store`: reads the manifest, sends what changed, deletes
/// what is gone when asked, then writes the new manifest. Stops at the first
/// failed request; the manifest is written last, so a push that stopped half
/// way sends the rest next time.
pub fn push(
    store: &mut GraphStore,
    plan: &Plan,
    settings: Settings,
) -> Result<Vec<Step>, HttpError> {
    let manifest_name = plan.manifest.as_str();
    let remote = match store.get(manifest_name)? {
        Some(text) => plan::read_manifest(&text),
        None => Default::default(),
    };
    let mut steps = Vec::new();
    for graph in &plan.graphs {
        let name = graph.name.as_str();
        let same = remote.get(name) == Some(&graph.digest);
        if same && !settings.force {
            steps.push(Step {
                change: Change::Unchanged,
                graph: name.to_string(),
                triples: 0,
            });
            continue;
        }
        if !settings.dry_run {
            store.put(name, &graph.ntriples)?;
        }
        steps.push(Step {
            change: Change::Put,
            graph: name.to_string(),
            triples: graph.triples,
        });
    }
    if settings.prune {
        for name in remote.keys() {
            let known = plan.graphs.iter().any(|g| g.name.as_str() == name);
            if known || name == manifest_name {
                continue;
            }
            if !settings.dry_run {
                store.delete(name)?;
            }
            steps.push(Step {
                change: Change::Delete,
                graph: name.clone(),
                triples: 0,
            });
        }
    }
    let mut manifest = plan.manifest_body();
    if !settings.prune {
        // Graphs left on the server stay in the manifest, so a later --prune finds them.
        let kept: String = remote
            .iter()
            .filter(|(name, _)| !plan.graphs.iter().any(|g| g.name.as_str() == *name))
            .map(|(name, digest)| {
                format!(
                    "<{name}> <{}> {} .\n",
                    crate::vocab::schema::SHA256.as_str(),
                    oxrdf::Literal::new_simple_literal(digest)
                )
            })
            .collect();
        manifest.ntriples.push_str(&kept);
    }
    let changed = steps.iter().any(|s| s.change != Change::Unchanged);
    if changed && !settings.dry_run {
        store.put(manifest_name, &manifest.ntriples)?;
    }
    Ok(steps)
}
