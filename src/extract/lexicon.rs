//! Word lists the extraction rules consult, kept as data in `data/lexicon/`
//! so they can be read and extended without touching the rules.

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

/// A set of lower-case words or phrases.
#[derive(Debug)]
pub struct WordList(FxHashSet<&'static str>);

impl WordList {
    fn parse(text: &'static str) -> WordList {
        WordList(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect(),
        )
    }

    /// Whether `word` (already lower-cased) is in the list.
    pub fn contains(&self, word: &impl AsRef<str>) -> bool {
        self.0.contains(word.as_ref())
    }

    /// Whether `word`, lower-cased, is in the list.
    pub fn contains_lowered(&self, word: &str) -> bool {
        if word
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            self.0.contains(word)
        } else {
            self.0.contains(word.to_lowercase().as_str())
        }
    }
}

macro_rules! word_list {
    ($(#[$doc:meta])* $name:ident, $file:literal) => {
        $(#[$doc])*
        pub static $name: LazyLock<WordList> =
            LazyLock::new(|| WordList::parse(include_str!(concat!("../../data/lexicon/", $file))));
    };
}

word_list!(
    /// Verbs that open an imperative task line.
    TASK_VERBS,
    "task-verbs.txt"
);
word_list!(
    /// Verbs that, said in the first person with no later time, happen in the meeting itself.
    MEETING_ACTS,
    "meeting-acts.txt"
);
word_list!(
    /// What follows "let's" when the meeting only runs itself (`move on`, `talk about`).
    MEETING_PROCEDURE,
    "meeting-procedure.txt"
);
word_list!(
    /// Capitalised words that open "X to do" sentences without being anyone.
    NOT_AGENTS,
    "not-agents.txt"
);
word_list!(
    /// Words after "X will" that state a condition, not a task.
    NOT_TASKS,
    "not-tasks.txt"
);
word_list!(
    /// Words in the subject of "X to be done" that make it a want or a report.
    NOT_PASSIVE_TASK,
    "not-passive-task.txt"
);
word_list!(
    /// Participles after "X to be" that foresee or permit ("to be expected").
    NOT_TASK_PARTICIPLES,
    "not-task-participles.txt"
);
word_list!(
    /// Capitalised words that are never people.
    NOT_NAMES,
    "not-names.txt"
);
word_list!(
    /// Words written in a person's place that stand for no one (`Name`, `@all`).
    PLACEHOLDERS,
    "placeholders.txt"
);
word_list!(
    /// Nouns after which a bare `#N` is a running number (`Hackathon #5`).
    NUMBERED_NAMES,
    "numbered-names.txt"
);
word_list!(
    /// Verbs of speech and commitment that mark the word before as a person.
    SPEECH_VERBS,
    "speech-verbs.txt"
);
word_list!(
    /// Weaker cues that mark the word before as a person only if seen elsewhere.
    WEAK_VERBS,
    "weak-verbs.txt"
);
word_list!(
    /// The most frequent English words: too ordinary to name a discovered service.
    COMMON_WORDS,
    "common-words.txt"
);
word_list!(
    /// Common given names: weak evidence of a person is enough for these.
    FIRST_NAMES,
    "first-names.txt"
);
word_list!(
    /// Given names that are also ordinary words: names only where the syntax says so.
    AMBIGUOUS_NAMES,
    "ambiguous-names.txt"
);
word_list!(
    /// Function words and action-list filler, ignored when action items are compared.
    FUNCTION_WORDS,
    "function-words.txt"
);
word_list!(
    /// Words that mark a name as an organisation's (`Foundation`, `University`, `Labs`).
    ORG_WORDS,
    "org-words.txt"
);
word_list!(
    /// Upper-case words written like a tracker key (`UTF-8`, `SHA-256`) that are no ticket project.
    NOT_TICKET_PREFIXES,
    "not-ticket-prefixes.txt"
);
word_list!(
    /// Words that, before "merged" or "closed", make a clause no report of it ("should", "once").
    ISSUE_STATE_HEDGES,
    "issue-state-hedges.txt"
);
word_list!(
    /// Words between a reference and "merged" or "closed", or standing for the issue ("PR", "has been").
    ISSUE_STATE_GLUE,
    "issue-state-glue.txt"
);
word_list!(
    /// Words between "merged" or "closed" and the reference it names ("fixed by #12", "landed on main").
    ISSUE_STATE_AFTER,
    "issue-state-after.txt"
);
word_list!(
    /// Labels that open a decision.
    DECISION_LABELS,
    "decision-labels.txt"
);

word_list!(
    /// Words that may stand before a decision label ("Meeting consensus:").
    DECISION_LABEL_QUALIFIERS,
    "decision-label-qualifiers.txt"
);

word_list!(
    /// Headings that frame the discussion without being a subject ("Notes", "Minutes").
    FRAME_HEADINGS,
    "frame-headings.txt"
);
word_list!(
    /// Words that name a meeting or its record: a first heading holding one is the title.
    MEETING_NOUNS,
    "meeting-nouns.txt"
);
word_list!(
    /// Labels of meeting details (`Moderator:`, `Duration:`) in `Label: value` headings.
    META_LABELS,
    "meta-labels.txt"
);
word_list!(
    /// Nouns naming a collection of references ("Pending proposals", "Open issues").
    COLLECTION_NOUNS,
    "collection-nouns.txt"
);
word_list!(
    /// Repository names that say what a repository holds, not which product it builds.
    GENERIC_REPOS,
    "generic-repos.txt"
);

/// Whether a word (any case) is a given name, also one that is an ordinary word
/// (`Mark`, `Victor`): for slots that already say a person stands there.
pub fn is_given_name(word: &str) -> bool {
    let lower = word.to_lowercase();
    FIRST_NAMES.contains(&lower.as_str()) || AMBIGUOUS_NAMES.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_answer() {
        assert!(TASK_VERBS.contains(&"create"));
        assert!(NOT_NAMES.contains(&"the"));
        assert!(DECISION_LABELS.contains(&"conclusion"));
        assert!(NOT_TICKET_PREFIXES.contains(&"cve"));
        assert!(
            !SPEECH_VERBS
                .contains(&"# one entry per line, lower case; lines starting with # are comments.")
        );
    }
}
