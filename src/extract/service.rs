//! Services: named software and hosted services found through the catalogue.

mod cues;
mod english;
pub mod evidence;
mod family;
mod links;

use super::records::ServiceRef;
use crate::config::ServiceCatalogue;

/// Every catalogued service named in `text` (which starts at `line`).
pub fn find_services(text: &str, line: u32, catalogue: &ServiceCatalogue) -> Vec<ServiceRef> {
    catalogue
        .find_all(text)
        .into_iter()
        .map(|(at, written, entry)| ServiceRef {
            name: entry.name.clone(),
            written: written.to_string(),
            line: line + text[..at].matches('\n').count() as u32,
            evidence: "catalogue",
        })
        .collect()
}

/// Lower-case letters and digits only: `go-frob` -> `gofrob`.
fn squash(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
