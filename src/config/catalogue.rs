//! The service catalogue: known services with their aliases, and a matcher that
//! finds them in text. The built-in catalogue is `data/services.tsv`.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_syntax::is_word_character;
use std::collections::{BTreeMap, BTreeSet};

/// The built-in service catalogue (see `data/services.tsv`).
const BUILTIN_SERVICES: &str = include_str!("../../data/services.tsv");

/// One known service: canonical name, aliases, and whether matching is case-sensitive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceEntry {
    /// Canonical display name.
    pub name: String,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Spellings that match only as written (`GH`), whatever `case_sensitive` says:
    /// abbreviations that are other words in another case.
    pub exact_aliases: Vec<String>,
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
    /// Lower-cased exact spelling -> the first exact spelling (in order) that
    /// folds to it, its entry index, and whether a written variant of it with
    /// its own mixed case names the entry (see [`mixed_case`]).
    exact_folded: BTreeMap<String, (usize, bool)>,
    /// Every spelling, in any case, wherever it occurs (even inside words).
    matcher: AhoCorasick,
    /// The first word, lower-cased, of every name of more than one word
    /// (`google` for `Google Docs`).
    first_words: BTreeSet<String>,
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
                let (exact_aliases, aliases): (Vec<String>, Vec<String>) = fields
                    .next()
                    .unwrap_or("")
                    .split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(String::from)
                    .partition(|a| a.starts_with('='));
                let exact_aliases = exact_aliases
                    .into_iter()
                    .map(|a| a.trim_start_matches('=').to_string())
                    .collect();
                let case_sensitive = fields
                    .next()
                    .is_some_and(|f| f.split(',').any(|x| x.trim() == "case"));
                (!name.is_empty()).then_some(ServiceEntry {
                    name,
                    aliases,
                    exact_aliases,
                    case_sensitive,
                })
            })
            .collect();
        Self::from_entries(entries)
    }

    /// Build a catalogue from entries.
    pub fn from_entries(entries: Vec<ServiceEntry>) -> ServiceCatalogue {
        let mut folded = BTreeMap::new();
        let mut exact = BTreeMap::new();
        let mut spellings: Vec<String> = Vec::new();
        let mut abbreviations: Vec<&str> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            for spelling in std::iter::once(&e.name).chain(&e.aliases) {
                if e.case_sensitive {
                    exact.entry(spelling.clone()).or_insert(i);
                } else {
                    folded.entry(spelling.to_lowercase()).or_insert(i);
                }
                spellings.push(spelling.clone());
            }
            for spelling in &e.exact_aliases {
                exact.entry(spelling.clone()).or_insert(i);
                spellings.push(spelling.clone());
                abbreviations.push(spelling);
            }
        }
        let mut exact_folded = BTreeMap::new();
        for (spelling, &i) in &exact {
            // An abbreviation (`=GH`) and an acronym (`NATS`) in another case are other words.
            let may_vary = !abbreviations.contains(&spelling.as_str()) && mixed_case(spelling);
            exact_folded
                .entry(spelling.to_lowercase())
                .or_insert((i, may_vary));
        }
        // Letters beyond ASCII are matched as written, in lower and in upper case.
        let cased: Vec<String> = spellings
            .iter()
            .filter(|s| !s.is_ascii())
            .flat_map(|s| [s.to_lowercase(), s.to_uppercase()])
            .collect();
        spellings.extend(cased);
        spellings.sort();
        spellings.dedup();
        let matcher = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&spellings)
            .unwrap_or_else(|_| AhoCorasick::new(Vec::<&str>::new()).expect("empty matcher"));
        let first_words = entries
            .iter()
            .filter_map(|e| {
                e.name
                    .split_once(' ')
                    .map(|(first, _)| first.to_lowercase())
            })
            .collect();
        ServiceCatalogue {
            entries,
            folded,
            exact,
            exact_folded,
            matcher,
            first_words,
        }
    }

    /// The built-in catalogue.
    pub fn builtin() -> ServiceCatalogue {
        Self::parse(BUILTIN_SERVICES)
    }

    /// Every entry.
    pub fn entries(&self) -> &[ServiceEntry] {
        &self.entries
    }

    /// Whether a word opens the names of known services without being one
    /// (`Google` for `Google Docs`): a vendor, not a product.
    pub fn is_vendor(&self, word: &str) -> bool {
        self.first_words.contains(&word.to_lowercase())
    }

    /// Look up a spelling; returns the entry when it is a known name.
    pub fn lookup(&self, spelling: &str) -> Option<&ServiceEntry> {
        self.exact
            .get(spelling)
            .or_else(|| self.folded.get(&spelling.to_lowercase()))
            .map(|&i| &self.entries[i])
    }

    /// Every known service named in `text`: (byte offset, written form, entry).
    ///
    /// A case-sensitive name written in another case (`nova` for `Nova`) counts
    /// only inside an enumeration of services (`nova, glance and cinder`).
    pub fn find_all<'a>(&'a self, text: &'a str) -> Vec<(usize, &'a str, &'a ServiceEntry)> {
        let mut found: Vec<(usize, usize, usize, bool)> = Vec::new();
        // At each place a spelling starts, the longest that stands as a whole
        // name: after the start of the text or a character that joins no word
        // (not `.`, `@`, `-`), before the end or a character that is no word's
        // (nor `@`). Names do not overlap.
        let mut candidates: Vec<(usize, usize)> = self
            .matcher
            .find_overlapping_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect();
        candidates.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut at = 0;
        for (start, end) in candidates {
            let opens = match text[..start].chars().next_back() {
                None => at == 0,
                Some(c) => {
                    start - c.len_utf8() >= at
                        && !is_word_character(c)
                        && !matches!(c, '.' | '@' | '-')
                }
            };
            let closes = text[end..]
                .chars()
                .next()
                .is_none_or(|c| !is_word_character(c) && c != '@');
            if !opens || !closes {
                continue;
            }
            let written = &text[start..end];
            if in_path(text, start, end) {
                // `github.com/grafana/loki`, `/usr/bin/git`, `owner/repo#12`: a path, not prose.
            } else if names_an_organisation(&text[end..]) {
                // "Linux Foundation", "Kubernetes Summit": an organisation or event, not the software.
            } else if let Some(&i) = self
                .exact
                .get(written)
                .or_else(|| self.folded.get(&written.to_lowercase()))
            {
                found.push((start, end, i, true));
            } else if let Some(&(i, may_vary)) = self.exact_folded.get(&written.to_lowercase()) {
                // `Mathjax` for `MathJax`, `Hashicorp Vault`: a name in its own mixed
                // case is still the name; `slack` for `Slack` may be the word.
                found.push((start, end, i, may_vary && names_by_casing(written)));
            }
            at = end;
        }
        let keep = enumerations(text, &found);
        found
            .iter()
            .zip(keep)
            .filter(|(_, keep)| *keep)
            .map(|(&(start, end, i, _), _)| (start, &text[start..end], &self.entries[i]))
            .collect()
    }
}

/// Whether a spelling holds both upper- and lower-case letters (`MathJax`, `Vault`).
fn mixed_case(spelling: &str) -> bool {
    spelling.chars().any(char::is_uppercase) && spelling.chars().any(char::is_lowercase)
}

/// Whether a written variant of a mixed-case name is the name by its casing:
/// mixed case itself (`Mathjax`, `LaTex`, `Hashicorp Vault`), and not English
/// words merely capitalised, as at a sentence's start (`Kind of`, `Copilot`).
fn names_by_casing(written: &str) -> bool {
    let capitalised = |w: &str| w.chars().skip(1).all(|c| !c.is_uppercase());
    let plain_english = written
        .split_whitespace()
        .all(|w| capitalised(w) && crate::extract::service::english::is_english(w));
    mixed_case(written) && !plain_english
}

/// Whether the match `start..end` sits in a path, URL or reference rather than
/// in a list of names joined by slashes (`Grafana/Prometheus/Alertmanager`).
fn in_path(text: &str, start: usize, end: usize) -> bool {
    let token_start = text[..start]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token_end = text[end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| end + i);
    let token = text[token_start..token_end].trim_matches(|c: char| {
        matches!(
            c,
            '(' | ')'
                | '['
                | ']'
                | ','
                | ';'
                | ':'
                | '.'
                | '!'
                | '?'
                | '"'
                | '\''
                | '*'
                | '_'
                | '`'
        )
    });
    if !token.contains('/') {
        return false;
    }
    // In a list each piece is a name of its own: `k8s` in `org/k8s-provider` is not.
    // Searched within the token, so each match costs only its token's length.
    let piece_start = text[token_start..start]
        .rfind('/')
        .map_or(token_start, |i| token_start + i + 1);
    let piece_end = text[end..token_end]
        .find('/')
        .map_or(token_end, |i| end + i);
    let whole_piece = text[piece_start..start].is_empty()
        && text[end..piece_end]
            .chars()
            .all(|c| !c.is_alphanumeric() && c != '-' && c != '_');
    !whole_piece
        || token.contains("://")
        || token.starts_with(['/', '~'])
        || token.contains(['#', '@', '\\', '='])
        || token
            .split('/')
            .any(|piece| piece.contains('.') || piece.is_empty())
}

/// Whether the words after a name make it an organisation or event.
fn names_an_organisation(after: &str) -> bool {
    let next = after
        .trim_start_matches([' ', '-'])
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    after.starts_with([' ', '-'])
        && matches!(
            next,
            "Foundation"
                | "Summit"
                | "Conference"
                | "Con"
                | "Days"
                | "Day"
                | "Meetup"
                | "Academy"
                | "Institute"
                | "Association"
                | "Consortium"
                | "Society"
                | "Alliance"
        )
}

/// Which matches to keep: sure ones always; unsure ones when they sit in a list
/// of at least three services, or of two with a sure one.
fn enumerations(text: &str, found: &[(usize, usize, usize, bool)]) -> Vec<bool> {
    let mut keep: Vec<bool> = found.iter().map(|f| f.3).collect();
    let mut group_start = 0;
    for k in 0..=found.len() {
        let continues = k > 0 && k < found.len() && is_list_gap(&text[found[k - 1].1..found[k].0]);
        if continues {
            continue;
        }
        let group = &found[group_start..k];
        let sure = group.iter().filter(|f| f.3).count();
        if group.len() >= 3 || (group.len() == 2 && sure >= 1) {
            keep[group_start..k].iter_mut().for_each(|x| *x = true);
        }
        group_start = k;
    }
    for (k, f) in found.iter().enumerate() {
        if !keep[k] && after_tool_verb(&text[..f.0]) {
            keep[k] = true;
        }
    }
    keep
}

/// Whether the text before a name ends with a verb that takes a tool (`using packer`).
fn after_tool_verb(before: &str) -> bool {
    let last = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        last.as_str(),
        "using"
            | "use"
            | "uses"
            | "via"
            | "deploy"
            | "deploying"
            | "deployed"
            | "install"
            | "installing"
            | "installed"
            | "run"
            | "running"
            | "runs"
            | "adopt"
            | "adopting"
            | "migrate"
            | "migrating"
    )
}

fn is_list_gap(gap: &str) -> bool {
    let g = gap.trim().to_lowercase();
    matches!(
        g.as_str(),
        "," | "/" | "&" | "+" | "and" | "or" | ", and" | ", or" | "|" | ";"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The canonical names of the services `cat` finds in `text`.
    fn names(cat: &ServiceCatalogue, text: &str) -> Vec<String> {
        cat.find_all(text)
            .iter()
            .map(|(_, _, e)| e.name.clone())
            .collect()
    }

    #[test]
    fn matches_names_and_aliases_on_word_boundaries() {
        let cat = ServiceCatalogue::parse(
            "Flux\tFlux CD|fluxcd\t\nGhost\t\tcase\nPostgreSQL\tPostgres\t\n",
        );
        let found: Vec<&str> = cat
            .find_all("deploy Flux CD and fluxcd. The ghost town has a Ghost blog on postgres-based; Postgresqlish Linux Foundation")
            .iter()
            .map(|(_, _, e)| e.name.as_str())
            .collect();
        assert_eq!(found, vec!["Flux", "Flux", "Ghost", "PostgreSQL"]);
    }

    #[test]
    fn a_mixed_case_name_in_its_own_mixed_case_is_the_name() {
        let cat = ServiceCatalogue::parse(
            "MathJax\t\tcase\nKinD\t\tcase\nHashiCorp Vault\tVault\tcase\nNATS\t\tcase\nFrobHub\t=FrH\tcase\n",
        );
        // Its own mixed case, or a name not English: still the name.
        assert_eq!(names(&cat, "we render with Mathjax"), ["MathJax"]);
        assert_eq!(names(&cat, "keys in Hashicorp Vault"), ["HashiCorp Vault"]);
        // An English word capitalised at a sentence's start, lower case, an
        // acronym in another case, an abbreviation in another case: not the name.
        assert!(names(&cat, "Kind of works. mathjax is fine").is_empty());
        assert!(names(&cat, "the Nats game; the frh file, FRH").is_empty());
    }

    #[test]
    fn exact_aliases_match_only_as_written() {
        let cat = ServiceCatalogue::parse("Frobhub\tfrobhub.com|=FH\t\n");
        let found: Vec<&str> = cat
            .find_all("the FH org, fh as a word, and frobhub")
            .iter()
            .map(|(_, w, _)| *w)
            .collect();
        assert_eq!(found, vec!["FH", "frobhub"]);
        assert!(cat.lookup("FH").is_some());
        assert!(cat.lookup("fh").is_none());
    }

    #[test]
    fn names_joined_by_slashes_but_not_paths() {
        let cat = ServiceCatalogue::parse("Grafana\t\t\nPrometheus\t\t\n");
        let names = |t: &str| names(&cat, t);
        assert_eq!(
            names("Links to Grafana/Prometheus/Alertmanager would help"),
            vec!["Grafana", "Prometheus"]
        );
        assert!(names("see github.com/grafana/loki and /opt/prometheus/bin").is_empty());
        assert!(names("fixed in grafana/loki#12").is_empty());
        // A wide space before a name is a space, not the middle of a character.
        assert_eq!(
            names("see\u{3000}Grafana/Prometheus"),
            vec!["Grafana", "Prometheus"]
        );
    }

    #[test]
    fn lower_case_names_count_in_enumerations_only() {
        let cat = ServiceCatalogue::parse("Nova\t\tcase\nGlance\t\tcase\nCinder\t\tcase\n");
        let names = |t: &str| names(&cat, t);
        assert_eq!(
            names("images for nova, glance and cinder"),
            vec!["Nova", "Glance", "Cinder"]
        );
        assert!(names("a nova exploded").is_empty());
        assert_eq!(names("Nova and glance"), vec!["Nova", "Glance"]);
    }
}
