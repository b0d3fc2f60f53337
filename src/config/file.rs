//! The `minutegraph.toml` file: its serde schema and the commented template
//! that `minutegraph init` writes.

use serde::Deserialize;
use std::collections::BTreeMap;

/// The file as written by users. Unknown keys are errors, so typos are caught.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ConfigFile {
    #[serde(default)]
    pub repository: RepositorySection,
    #[serde(default)]
    pub people: Vec<PersonSection>,
    #[serde(default)]
    pub services: Vec<ServiceSection>,
    #[serde(default)]
    pub keywords: KeywordSection,
    #[serde(default)]
    pub topics: TopicSection,
    #[serde(default)]
    pub report: ReportSection,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RepositorySection {
    pub default: Option<String>,
    #[serde(default)]
    pub aliases: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PersonSection {
    pub name: String,
    #[serde(default)]
    pub handles: Vec<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ServiceSection {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub case_sensitive: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct KeywordSection {
    #[serde(default)]
    pub decision: Vec<String>,
    #[serde(default)]
    pub action: Vec<String>,
    #[serde(default)]
    pub attendance: Vec<String>,
    #[serde(default)]
    pub absence: Vec<String>,
    #[serde(default)]
    pub agenda: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TopicSection {
    #[serde(default)]
    pub merge: Vec<Vec<String>>,
    #[serde(default)]
    pub separate: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ReportSection {
    pub source_url: Option<String>,
}

/// The commented template `minutegraph init` writes; every key is optional.
pub const TEMPLATE: &str = r##"# minutegraph configuration. Every section is optional.
# minutegraph looks for this file in the folder it reads (or use --config FILE).

[repository]
# Repository that bare references such as "#42" or "Ticket #42" belong to.
# default = "my-org/infra"

# Short repository names used in the minutes, as in "k8s-capi#600".
[repository.aliases]
# k8s-capi = "my-org/k8s-cluster-api-provider"

# People: one entry per person. Handles and aliases written anywhere in the
# minutes are resolved to this one person.
# [[people]]
# name = "Jan Schoone"
# handles = ["jschoone"]
# aliases = ["Jan"]

# Services the built-in catalogue does not know (an internal bot, a product).
# [[services]]
# name = "King Arthur"
# aliases = ["KA"]
# case_sensitive = false

# Extra words for each category, e.g. for minutes written in German.
[keywords]
# decision = ["Beschluss", "Entscheidung"]
# action = ["Aufgabe", "TODO"]
# attendance = ["Teilnehmer", "Anwesend"]
# absence = ["Entschuldigt", "Abwesend"]
# agenda = ["Tagesordnung"]

# Topic threads across meetings: agenda items with the same normalised title join
# one topic. Force titles together, or keep some titles from ever joining.
[topics]
# merge = [["Status page", "Statuspage", "Uptime monitoring"]]
# separate = ["Any other business", "AOB"]

# The HTML site `minutegraph report` writes.
[report]
# Link every file:line to the minutes on a forge: {path} is the file's path
# relative to the folder read, {line} its line.
# source_url = "https://github.com/my-org/meetings/blob/main/{path}#L{line}"
"##;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_parses_and_is_empty() {
        let parsed: ConfigFile = toml::from_str(TEMPLATE).expect("template parses");
        assert!(parsed.people.is_empty());
        assert!(parsed.repository.default.is_none());
    }
}
