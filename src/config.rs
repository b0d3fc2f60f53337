//! One checked configuration for a run: the service catalogue, known people and
//! repository defaults. Built once from CLI flags (and later `minutegraph.toml`)
//! and passed read-only to every stage.

use regex::Regex;
use std::collections::BTreeMap;

/// The built-in service catalogue (see `data/services.tsv`).
const BUILTIN_SERVICES: &str = include_str!("../data/services.tsv");

/// One known service: canonical name, aliases, and whether matching is case-sensitive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceEntry {
    /// Canonical display name.
    pub name: String,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Match only the exact capitalisation.
    pub case_sensitive: bool,
}

/// Known services and a matcher over all their names.
#[derive(Clone, Debug)]
pub struct ServiceCatalogue {
    entries: Vec<ServiceEntry>,
    /// Lower-cased spelling -> entry index (case-insensitive names).
    folded: BTreeMap<String, usize>,
    /// Exact spelling -> entry index (case-sensitive names).
    exact: BTreeMap<String, usize>,
    matcher: Regex,
}

impl ServiceCatalogue {
    /// Parse a catalogue in the `name<TAB>aliases<TAB>flags` format.
    pub fn parse(text: &str) -> ServiceCatalogue {
        let entries: Vec<ServiceEntry> = text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut fields = l.split('\t');
                let name = fields.next()?.trim().to_string();
                let aliases = fields
                    .next()
                    .unwrap_or("")
                    .split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(String::from)
                    .collect();
                let case_sensitive = fields.next().is_some_and(|f| f.split(',').any(|x| x.trim() == "case"));
                (!name.is_empty()).then_some(ServiceEntry { name, aliases, case_sensitive })
            })
            .collect();
        Self::from_entries(entries)
    }

    /// Build a catalogue from entries.
    pub fn from_entries(entries: Vec<ServiceEntry>) -> ServiceCatalogue {
        let mut folded = BTreeMap::new();
        let mut exact = BTreeMap::new();
        let mut spellings: Vec<String> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            for spelling in std::iter::once(&e.name).chain(&e.aliases) {
                if e.case_sensitive {
                    exact.entry(spelling.clone()).or_insert(i);
                } else {
                    folded.entry(spelling.to_lowercase()).or_insert(i);
                }
                spellings.push(spelling.clone());
            }
        }
        spellings.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        spellings.dedup();
        let alternation = spellings.iter().map(|s| regex::escape(s)).collect::<Vec<_>>().join("|");
        let pattern = format!(r"(?i)(?:^|[^\w.@/-])({alternation})(?:$|[^\w@/-]|[.-][^\w])");
        let matcher = Regex::new(&pattern).unwrap_or_else(|_| Regex::new("$^").expect("empty regex"));
        ServiceCatalogue { entries, folded, exact, matcher }
    }

    /// The built-in catalogue.
    pub fn builtin() -> ServiceCatalogue {
        Self::parse(BUILTIN_SERVICES)
    }

    /// Every entry.
    pub fn entries(&self) -> &[ServiceEntry] {
        &self.entries
    }

    /// Look up a spelling; returns the entry when it is a known name.
    pub fn lookup(&self, spelling: &str) -> Option<&ServiceEntry> {
        self.exact
            .get(spelling)
            .or_else(|| self.folded.get(&spelling.to_lowercase()))
            .map(|&i| &self.entries[i])
    }

    /// Every known service named in `text`: (byte offset, written form, entry).
    pub fn find_all<'a>(&'a self, text: &'a str) -> Vec<(usize, &'a str, &'a ServiceEntry)> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let Some(caps) = self.matcher.captures_at(text, at) else { break };
            let Some(m) = caps.get(1) else { break };
            if let Some(entry) = self.lookup(m.as_str()) {
                out.push((m.start(), m.as_str(), entry));
            }
            at = m.end();
        }
        out
    }
}

/// Everything a run is configured with.
#[derive(Clone, Debug)]
pub struct Config {
    /// Known services.
    pub services: ServiceCatalogue,
    /// Repository (`owner/repo`) that bare `#N` references belong to.
    pub default_repository: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config { services: ServiceCatalogue::builtin(), default_repository: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_names_and_aliases_on_word_boundaries() {
        let cat = ServiceCatalogue::parse("Flux\tFlux CD|fluxcd\t\nGhost\t\tcase\nPostgreSQL\tPostgres\t\n");
        let found: Vec<&str> = cat
            .find_all("deploy Flux CD and fluxcd, ghost town, Ghost blog, postgres; postgresql-ish")
            .iter()
            .map(|(_, _, e)| e.name.as_str())
            .collect();
        assert_eq!(found, vec!["Flux", "Flux", "Ghost", "PostgreSQL"]);
    }
}
