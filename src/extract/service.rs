//! Services: named software and hosted services found through the catalogue.

mod cues;
pub(crate) mod english;
pub mod evidence;
mod family;
mod links;
mod lists;

use super::discovery::squash;
use super::lexicon;
use super::records::{ServiceEvidence, ServiceRef};
use crate::config::ServiceCatalogue;

/// Every catalogued service named in `text` (which starts at `line`).
pub fn find_services(text: &str, line: u32, catalogue: &ServiceCatalogue) -> Vec<ServiceRef> {
    let lines = crate::document::LineIndex::new(text);
    catalogue
        .find_all(text)
        .into_iter()
        .filter(|(at, written, _)| !names_a_person(written, &text[at + written.len()..]))
        .map(|(at, written, entry)| ServiceRef {
            name: entry.name.clone(),
            written: written.to_string(),
            line: line + lines.line_of(at) - 1,
            evidence: ServiceEvidence::Catalogue,
        })
        .collect()
}

/// A catalogue spelling that is also a given name, followed by a verb of speech
/// (`Travis said`, `Travis may help`), names a person, not the service.
fn names_a_person(written: &str, after: &str) -> bool {
    let next = after
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    lexicon::FIRST_NAMES.contains(&written.to_lowercase())
        && (lexicon::SPEECH_VERBS.contains(&next) || matches!(next.as_str(), "may" | "might"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_name_that_speaks_is_a_person() {
        let cat = ServiceCatalogue::parse("Travis CI\tTravis\tcase\n");
        let names = |t: &str| find_services(t, 1, &cat).len();
        assert_eq!(names("Travis may help with that"), 0);
        assert_eq!(names("Travis explained the plan"), 0);
        assert_eq!(names("Travis is red again"), 1);
    }
}
