//! The ready-made SPARQL questions of the `queries/` folder, built into the
//! program so `minutegraph query --name NAME` works anywhere.
//!
//! Each `.rq` file starts with comment lines: the first is a one-line summary,
//! the rest describe the answer, and a `# @var NAME: help` line declares a
//! value the query needs (`--var NAME=VALUE`).

/// One ready-made query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShippedQuery {
    /// Its name: the file name without `.rq`.
    pub name: &'static str,
    /// The whole file.
    pub text: &'static str,
}

/// A value a ready-made query needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parameter<'a> {
    /// The variable name, without `?`.
    pub name: &'a str,
    /// What to give.
    pub help: &'a str,
}

macro_rules! shipped {
    ($($name:literal),* $(,)?) => {
        &[$(ShippedQuery {
            name: $name,
            text: include_str!(concat!("../../queries/", $name, ".rq")),
        }),*]
    };
}

/// Every ready-made query, by name.
pub const SHIPPED: &[ShippedQuery] = shipped![
    "attendance-per-month",
    "decisions-about",
    "open-actions-per-person",
    "presenters",
    "services-first-last",
    "topics-by-meetings",
    "topics-by-recency",
    "undecided-issues",
];

/// The ready-made query called `name`.
pub fn shipped(name: &str) -> Option<&'static ShippedQuery> {
    SHIPPED.iter().find(|q| q.name == name)
}

impl ShippedQuery {
    /// The leading comment lines, without `#` and one following space.
    fn comments(&self) -> impl Iterator<Item = &'static str> {
        self.text
            .lines()
            .map_while(|l| l.strip_prefix('#'))
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
    }

    /// The first comment line.
    pub fn summary(&self) -> &'static str {
        self.comments().next().unwrap_or("")
    }

    /// The values this query needs (`# @var NAME: help`).
    pub fn parameters(&self) -> Vec<Parameter<'static>> {
        self.comments()
            .filter_map(|l| l.strip_prefix("@var "))
            .filter_map(|l| l.split_once(':'))
            .map(|(name, help)| Parameter {
                name: name.trim(),
                help: help.trim(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_the_folder_is_shipped() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.strip_suffix(".rq").map(str::to_string)
            })
            .collect();
        names.sort();
        let shipped: Vec<&str> = SHIPPED.iter().map(|q| q.name).collect();
        assert_eq!(names, shipped);
    }

    #[test]
    fn every_query_says_what_it_answers() {
        for q in SHIPPED {
            assert!(q.summary().ends_with('.'), "{}: {:?}", q.name, q.summary());
        }
        let about = shipped("decisions-about").unwrap();
        assert_eq!(about.parameters().len(), 1);
        assert_eq!(about.parameters()[0].name, "topic");
        assert!(shipped("presenters").unwrap().parameters().is_empty());
        assert!(shipped("no-such-query").is_none());
    }
}
