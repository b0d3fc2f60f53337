//! One checked configuration for a run: the service catalogue, known people,
//! repository defaults and extra keywords. Built once from `minutegraph.toml`
//! (found beside the input or given with `--config`) and passed read-only to
//! every stage.

mod catalogue;
mod file;

pub use catalogue::{ServiceCatalogue, ServiceEntry};
pub use file::TEMPLATE;

use crate::error::Error;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file name looked for in input folders.
pub const FILE_NAME: &str = "minutegraph.toml";

/// A person the configuration names, with every spelling that stands for them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonEntry {
    /// Display name.
    pub name: String,
    /// Handles without `@`.
    pub handles: Vec<String>,
    /// Other names (first names, nicknames).
    pub aliases: Vec<String>,
}

/// Extra words per category, lower-cased.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Keywords {
    /// Labels that open a decision (`Beschluss`).
    pub decision: Vec<String>,
    /// Labels that open an action item (`Aufgabe`).
    pub action: Vec<String>,
    /// Headings or labels listing attendees (`Teilnehmer`).
    pub attendance: Vec<String>,
    /// Headings or labels listing absentees (`Entschuldigt`).
    pub absence: Vec<String>,
    /// Headings of the agenda (`Tagesordnung`).
    pub agenda: Vec<String>,
}

impl Keywords {
    /// Whether no keyword is configured.
    pub fn is_empty(&self) -> bool {
        [
            &self.decision,
            &self.action,
            &self.attendance,
            &self.absence,
            &self.agenda,
        ]
        .iter()
        .all(|words| words.is_empty())
    }
}

/// How agenda items join topic threads across meetings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TopicRules {
    /// Groups of titles that are one topic.
    pub merge: Vec<Vec<String>>,
    /// Titles that never join a thread.
    pub separate: Vec<String>,
}

/// Everything a run is configured with.
#[derive(Clone, Debug)]
pub struct Config {
    /// Known services (built-in catalogue plus configured ones).
    pub services: ServiceCatalogue,
    /// Repository (`owner/repo`) that bare `#N` references belong to.
    pub default_repository: Option<String>,
    /// Short repository names -> `owner/repo`.
    pub repository_aliases: BTreeMap<String, String>,
    /// Configured people.
    pub people: Vec<PersonEntry>,
    /// Extra keywords.
    pub keywords: Keywords,
    /// Topic merge rules.
    pub topics: TopicRules,
    /// Web address template of the minutes for the report's `file:line` links
    /// (`{path}` and `{line}` filled in).
    pub source_url: Option<String>,
    /// Where the configuration was read from.
    pub path: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            services: ServiceCatalogue::builtin(),
            default_repository: None,
            repository_aliases: BTreeMap::new(),
            people: Vec::new(),
            keywords: Keywords::default(),
            topics: TopicRules::default(),
            source_url: None,
            path: None,
        }
    }
}

impl Config {
    /// Read a configuration file.
    pub fn load(path: &Path) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        let mut config = Config::from_toml(&text, &path.display().to_string())?;
        config.path = Some(path.to_path_buf());
        Ok(config)
    }

    /// Parse configuration text; `shown` names it in errors.
    pub fn from_toml(text: &str, shown: &str) -> Result<Config, Error> {
        let parsed: file::ConfigFile = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| {
                text[..s.start.min(text.len())].matches('\n').count() as u32 + 1
            });
            Error::Config {
                path: shown.to_string(),
                line,
                message: e.message().to_string(),
            }
        })?;
        check_repository(parsed.repository.default.as_deref(), shown, text)?;
        for full in parsed.repository.aliases.values() {
            check_repository(Some(full), shown, text)?;
        }
        if let Some(url) = parsed.report.source_url.as_deref() {
            check_source_url(url, shown, text)?;
        }
        Ok(Config::from_file(parsed))
    }

    fn from_file(parsed: file::ConfigFile) -> Config {
        let mut entries = ServiceCatalogue::builtin().entries().to_vec();
        entries.extend(parsed.services.into_iter().map(|s| ServiceEntry {
            name: s.name,
            aliases: s.aliases,
            exact_aliases: Vec::new(),
            case_sensitive: s.case_sensitive,
        }));
        let lower = |v: Vec<String>| {
            v.into_iter()
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect()
        };
        Config {
            services: ServiceCatalogue::from_entries(entries),
            default_repository: parsed.repository.default,
            repository_aliases: parsed.repository.aliases,
            people: parsed
                .people
                .into_iter()
                .map(|p| PersonEntry {
                    name: p.name,
                    handles: p
                        .handles
                        .into_iter()
                        .map(|h| h.trim_start_matches('@').to_string())
                        .collect(),
                    aliases: p.aliases,
                })
                .collect(),
            keywords: Keywords {
                decision: lower(parsed.keywords.decision),
                action: lower(parsed.keywords.action),
                attendance: lower(parsed.keywords.attendance),
                absence: lower(parsed.keywords.absence),
                agenda: lower(parsed.keywords.agenda),
            },
            topics: TopicRules {
                merge: parsed.topics.merge,
                separate: parsed.topics.separate,
            },
            source_url: parsed.report.source_url,
            path: None,
        }
    }

    /// The configuration file that applies to `inputs`: `minutegraph.toml` in the
    /// first input folder (or the folder of the first input file) that has one.
    pub fn find_for(inputs: &[PathBuf]) -> Option<PathBuf> {
        inputs.iter().find_map(|input| {
            let dir = if input.is_dir() {
                Some(input.as_path())
            } else {
                input.parent()
            };
            let candidate = dir?.join(FILE_NAME);
            candidate.is_file().then_some(candidate)
        })
    }

    /// Everything the configuration says, as text: equal texts read minutes the
    /// same way. The extraction cache keys its entries by it. Where the file was
    /// read from is left out, so a configuration moved unchanged keeps its entries.
    pub fn fingerprint(&self) -> String {
        // Taken apart field by field so a field added later is not left out unseen.
        let Config {
            services,
            default_repository,
            repository_aliases,
            people,
            keywords,
            topics,
            source_url,
            path: _,
        } = self;
        format!(
            "{:?}",
            (
                services.entries(),
                default_repository,
                repository_aliases,
                people,
                keywords,
                topics,
                source_url
            )
        )
    }

    /// The configuration for a run: `explicit` if given, else one found beside the inputs, else defaults.
    pub fn for_run(explicit: Option<&Path>, inputs: &[PathBuf]) -> Result<Config, Error> {
        match explicit
            .map(Path::to_path_buf)
            .or_else(|| Config::find_for(inputs))
        {
            Some(path) => Config::load(&path),
            None => Ok(Config::default()),
        }
    }
}

fn check_repository(repo: Option<&str>, shown: &str, text: &str) -> Result<(), Error> {
    match repo {
        Some(r) if crate::extract::issue::parse_repository(r).is_none() => {
            let line = text
                .find(r)
                .map_or(1, |at| text[..at].matches('\n').count() as u32 + 1);
            Err(Error::Config {
                path: shown.to_string(),
                line,
                message: format!("'{r}' is not an owner/repo name"),
            })
        }
        _ => Ok(()),
    }
}

fn check_source_url(url: &str, shown: &str, text: &str) -> Result<(), Error> {
    if crate::report::is_url_template(url) {
        return Ok(());
    }
    let line = text
        .find("source_url")
        .map_or(1, |at| text[..at].matches('\n').count() as u32 + 1);
    Err(Error::Config {
        path: shown.to_string(),
        line,
        message: format!("source_url '{url}' is not an http(s) address with {{path}} in it"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_section() {
        let text = r#"
[repository]
default = "acme/infra"
[repository.aliases]
k8s-capi = "acme/k8s-cluster-api-provider"
[[people]]
name = "Jan Schoone"
handles = ["@jschoone"]
[[services]]
name = "King Arthur"
aliases = ["KA"]
[keywords]
decision = ["Beschluss"]
[topics]
merge = [["Status page", "Statuspage"]]
[report]
source_url = "https://example.org/o/r/blob/main/{path}#L{line}"
"#;
        let c = Config::from_toml(text, "minutegraph.toml").expect("valid");
        assert_eq!(c.default_repository.as_deref(), Some("acme/infra"));
        assert_eq!(
            c.repository_aliases["k8s-capi"],
            "acme/k8s-cluster-api-provider"
        );
        assert_eq!(c.people[0].handles, vec!["jschoone"]);
        assert!(c.services.lookup("KA").is_some());
        assert_eq!(c.keywords.decision, vec!["beschluss"]);
        assert_eq!(c.topics.merge.len(), 1);
        assert!(c.source_url.unwrap().contains("{path}"));
    }

    #[test]
    fn fingerprint_follows_what_is_configured_not_where() {
        let a = Config::from_toml("[repository]\ndefault = \"acme/infra\"\n", "a.toml").unwrap();
        let mut moved = a.clone();
        moved.path = Some(PathBuf::from("elsewhere/minutegraph.toml"));
        assert_eq!(a.fingerprint(), moved.fingerprint());
        assert_ne!(a.fingerprint(), Config::default().fingerprint());
        let b = Config::from_toml("[keywords]\naction = [\"Aufgabe\"]\n", "b.toml").unwrap();
        assert_ne!(b.fingerprint(), Config::default().fingerprint());
    }

    #[test]
    fn errors_name_file_and_line() {
        let err = Config::from_toml("[repository]\ndefualt = 1\n", "m.toml").unwrap_err();
        assert!(err.to_string().starts_with("m.toml:2: "), "{err}");
        let err = Config::from_toml("[repository]\ndefault = \"nope\"\n", "m.toml").unwrap_err();
        assert!(err.to_string().starts_with("m.toml:2: "), "{err}");
        let err = Config::from_toml("\n[report]\nsource_url = \"file:///{path}\"\n", "m.toml")
            .unwrap_err();
        assert!(err.to_string().starts_with("m.toml:3: "), "{err}");
    }
}
