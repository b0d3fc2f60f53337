//! Action items: explicit markers (`ToDo:`, `AI @handle:`, `ACTION:`), checkboxes,
//! "X will ..." commitments, and imperative lines in action sections.

use super::lexicon;
use super::person::{find_handles, is_stop_word, looks_like_first_name};
use super::records::PersonRef;
use crate::document::blank_inline_code;
use crate::model::ActionStatus;
use regex::Regex;
use std::sync::LazyLock;

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:[-*]\s*)?(?:[_*]+)?(todo|to-do|to do|action item|action|ai|#action|task|done)\b\s*((?:@[\w-]+)(?:\s*(?:,|&|and)\s*@[\w-]+)*)?\s*(?:[:\-–]\s*(.*)|\s(?:to\s+)?(.*))$",
    )
    .expect("regex")
});
static NICK_COMMITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[,;:(]\s*|[.!?]\s+)([a-z][a-z0-9]*[-_][a-z0-9_-]+)\s+(?:will|to|should|shall)\s+([a-z]+)").expect("regex")
});
static HAVE_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:have|let|ask)\s+(@[\w-]+|\p{Lu}[\p{Ll}-]+)\s+([a-z-]+)").expect("regex")
});
static FIRST_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(@?[\p{L}][\w.-]*(?:\s\p{Lu}[\w.-]*)?)\s*:\s*I(?:'ll|’ll| will| am going to| shall| can| volunteer to| offer to)\s+(?:try to\s+|also\s+|then\s+)?([a-z]+)")
        .expect("regex")
});
static PASSIVE_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:will|to|should|shall|must)\s+be\s+\w+\s+by\s+(@[\w-]+|\p{Lu}[\p{Ll}-]+)")
        .expect("regex")
});
static INLINE_AI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:AI|ACTION|TODO|ToDo)\s*(?:@([\w-]+)|\(([^)]+)\))?\s*:(.*)|\(AI\s+@([\w-]+)\)")
        .expect("regex")
});
static COMMITMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[,;:(]\s*|[.!?]\s+|\band\s+|\bthen\s+(?:have\s+)?|\bhave\s+)(@[\w-]+|\p{Lu}[\p{Ll}-]+(?:\s\p{Lu}[\p{Ll}-]+)?|\p{Lu}{2,4})\s+(?:will|is going to|shall|agreed to|offered to|volunteered to|to|should)\s+(?:also\s+|then\s+|try\s+to\s+)?([a-z]+(?:-[a-z]+)?)",
    )
    .expect("regex")
});
static HANDLE_ACTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\()\s*(@[\w-]+)\s+(?:will\s+)?([a-z]+)\b").expect("regex"));
static TRAILING_OWNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\((?:AI\s+)?(@[\w-]+(?:\s*(?:,|&|and)\s*@[\w-]+)*)\)\s*[.:]?\s*$").expect("regex")
});
static DUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b((?:by|until|before|due|eta)\s*:?\s+(?:next\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|week|month|tomorrow|end of \w+|the end of \w+|\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?(?:\s+\w+)?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*(?:\s+\d{1,2})?|q[1-4]))").expect("regex")
});

/// An action found in one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundAction {
    /// Who is to do it.
    pub assignees: Vec<PersonRef>,
    /// Open or done.
    pub status: ActionStatus,
    /// Due text.
    pub due: Option<String>,
}

/// Where a line sits, which changes what counts as an action.
#[derive(Clone, Copy)]
pub struct LineContext<'a> {
    /// Inside an Actions / Next steps / Suggested actions section or list.
    pub in_action_section: bool,
    /// The line is a list item with a checkbox.
    pub checkbox: Option<bool>,
    /// The line is a conclusion/decision.
    pub is_decision: bool,
    /// Names that are known not to be people (services).
    pub not_person: &'a dyn Fn(&str) -> bool,
    /// Configured labels that open an action (`Aufgabe`), lower-cased.
    pub markers: &'a [String],
}

impl Default for LineContext<'_> {
    fn default() -> Self {
        LineContext {
            in_action_section: false,
            checkbox: None,
            is_decision: false,
            not_person: &|_| false,
            markers: &[],
        }
    }
}

/// Whether the line is an action, and who is to do it.
pub fn find_action(line: &str, line_no: u32, ctx: LineContext<'_>) -> Option<FoundAction> {
    // A marker or owner inside inline code (`` `AI @handle:` ``) is quoted syntax.
    let prose = blank_inline_code(line);
    let text = prose.trim();
    if text.is_empty() {
        return None;
    }
    let mut status = match ctx.checkbox {
        Some(true) => ActionStatus::Done,
        _ => ActionStatus::Open,
    };
    let due = DUE.captures(text).map(|c| c[1].to_string());
    if let Some(rest) = configured_marker(text, ctx.markers) {
        let assignees = owners_in(rest, line_no, ctx.not_person);
        return Some(FoundAction {
            assignees,
            status,
            due,
        });
    }
    if let Some(caps) = MARKER.captures(text) {
        let marker = caps[1].to_lowercase();
        if marker == "done" {
            status = ActionStatus::Done;
        }
        let handles = caps
            .get(2)
            .map(|h| find_handles(h.as_str(), line_no))
            .unwrap_or_default();
        let rest = caps.get(3).or(caps.get(4)).map_or("", |m| m.as_str());
        if caps.get(3).is_none() && handles.is_empty() && marker != "#action" {
            // `Action required` or `Todo list` without a colon or handle is prose, not a marker.
            return None;
        }
        let mut assignees = handles;
        if assignees.is_empty() {
            assignees = owners_in(rest, line_no, ctx.not_person);
        }
        if assignees.is_empty() {
            assignees = leading_name(rest, line_no, ctx.not_person);
        }
        if assignees.is_empty() {
            assignees = leading_nick(rest, line_no).into_iter().collect();
        }
        return Some(FoundAction {
            assignees,
            status,
            due,
        });
    }
    if let Some(caps) = INLINE_AI.captures(text) {
        let who = caps
            .get(1)
            .or(caps.get(4))
            .map(|m| vec![PersonRef::handle(m.as_str(), line_no)]);
        let who = who.or_else(|| {
            caps.get(2)
                .map(|m| super::person::split_name_list(m.as_str(), line_no).unwrap_or_default())
        });
        // Owners are named after the marker (`Backups: evaluate -> AI: @a, @b`).
        let after = caps.get(3).map_or(text, |m| m.as_str()).trim();
        let assignees = who.filter(|w| !w.is_empty()).unwrap_or_else(|| {
            let handles = find_handles(after, line_no);
            if handles.is_empty() {
                owners_in(after, line_no, ctx.not_person)
            } else {
                handles
            }
        });
        return Some(FoundAction {
            assignees,
            status,
            due,
        });
    }
    if let Some(assignees) = commitment(text, line_no, ctx.not_person) {
        return Some(FoundAction {
            assignees,
            status,
            due,
        });
    }
    let imperative = starts_with_task_verb(text);
    let trailing = TRAILING_OWNER
        .captures(text)
        .map(|c| find_handles(&c[1], line_no))
        .unwrap_or_default();
    if (imperative || ctx.checkbox.is_some()) && !trailing.is_empty() {
        return Some(FoundAction {
            assignees: trailing,
            status,
            due,
        });
    }
    if ctx.checkbox.is_some()
        || (ctx.in_action_section && !text.ends_with(':'))
        || (ctx.is_decision && imperative)
    {
        let assignees = owners_in(text, line_no, ctx.not_person);
        return Some(FoundAction {
            assignees,
            status,
            due,
        });
    }
    None
}

/// Whether a word can be the verb after a subject: a modal, `to`, or a (third-person) verb.
fn acts_like_verb(word: &str) -> bool {
    let w = word.to_lowercase();
    let stem = w
        .strip_suffix("es")
        .or_else(|| w.strip_suffix('s'))
        .unwrap_or(&w);
    matches!(
        w.as_str(),
        "to" | "will" | "should" | "shall" | "can" | "must" | "would"
    ) || lexicon::TASK_VERBS.contains(&stem)
        || lexicon::TASK_VERBS.contains(&w.as_str())
        || lexicon::SPEECH_VERBS.contains(&w.as_str())
}

/// MeetBot's `#action nick does something`: the nick that opens the line.
fn leading_nick(rest: &str, line_no: u32) -> Option<PersonRef> {
    let mut words = rest.split_whitespace();
    let (nick, next) = (words.next()?, words.next()?);
    let lower = nick.to_lowercase();
    if lexicon::TASK_VERBS.contains(&lower.as_str()) || super::person::noun_like(&lower) {
        return None;
    }
    let nick_like = nick
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        && nick.chars().next()?.is_alphabetic();
    let acts =
        next == "to" || next == "will" || lexicon::TASK_VERBS.contains(&next.trim_end_matches('s'));
    (nick_like && acts && !is_stop_word(nick))
        .then(|| PersonRef::name(nick.trim_start_matches('@'), line_no))
}

/// The text after a configured action label (`Aufgabe: ...`).
fn configured_marker<'t>(text: &'t str, markers: &[String]) -> Option<&'t str> {
    let (label, rest) = text.split_once(':')?;
    let label = label
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    markers.contains(&label).then_some(rest.trim())
}

/// `X will do`, `Mark to move`, `@h reach out`, `have Joe ask`, `will be done by @h`:
/// the people committing.
fn commitment(
    text: &str,
    line_no: u32,
    not_person: &dyn Fn(&str) -> bool,
) -> Option<Vec<PersonRef>> {
    for caps in COMMITMENT.captures_iter(text) {
        let verb = &caps[2];
        let will = caps[0].contains(" will ")
            || caps[0].contains(" shall ")
            || caps[0].contains(" is going to ");
        let plausible = if will {
            !lexicon::NOT_TASKS.contains(&verb)
        } else {
            is_task_verb(verb)
        };
        if !plausible {
            continue;
        }
        if let Some(people) = person_or_pair(
            &caps[1],
            text,
            caps.get(1).map_or(0, |m| m.start()),
            line_no,
            not_person,
        ) {
            return Some(people);
        }
    }
    // `ravi-p to add the test`: a lower-case nick with a hyphen or digit commits.
    for caps in NICK_COMMITS.captures_iter(text) {
        // "follow-up to", "roll-out to": hyphenated ordinary words are no nick.
        let ordinary = caps[1]
            .split(['-', '_'])
            .all(|p| lexicon::COMMON_WORDS.contains(&p) || p.is_empty());
        if !ordinary && !lexicon::NOT_TASKS.contains(&&caps[2]) {
            return Some(vec![PersonRef::name(&caps[1], line_no)]);
        }
    }
    for caps in HAVE_PERSON
        .captures_iter(text)
        .chain(HANDLE_ACTS.captures_iter(text))
    {
        if is_task_verb(&caps[2]) {
            if let Some(people) = one_person(&caps[1], line_no, not_person) {
                return Some(vec![people]);
            }
        }
    }
    if let Some(c) = FIRST_PERSON.captures(text) {
        // `David: I'll try to get an editor`: the speaker commits.
        if !lexicon::NOT_TASKS.contains(&&c[2]) {
            let who = c[1].trim_start_matches('@');
            let p = if c[1].starts_with('@') {
                PersonRef::handle(who, line_no)
            } else {
                PersonRef::name(who, line_no)
            };
            if !not_person(who) && !is_stop_word(who) {
                return Some(vec![p]);
            }
        }
    }
    PASSIVE_BY
        .captures(text)
        .and_then(|c| one_person(&c[1], line_no, not_person))
        .map(|p| vec![p])
}

/// `Joe` or `@h`, and a second name joined by "and" just before it (`Joe and Johannes will`).
fn person_or_pair(
    who: &str,
    text: &str,
    at: usize,
    line_no: u32,
    not_person: &dyn Fn(&str) -> bool,
) -> Option<Vec<PersonRef>> {
    let first = one_person(who, line_no, not_person)?;
    let before = text[..at].trim_end();
    let mut people = Vec::new();
    if let Some(rest) = before
        .strip_suffix(" and")
        .or_else(|| before.strip_suffix(" &"))
    {
        let other = rest
            .rsplit(|c: char| c.is_whitespace() || c == ',')
            .next()
            .unwrap_or("");
        if let Some(p) = one_person(other, line_no, not_person) {
            people.push(p);
        }
    }
    people.push(first);
    Some(people)
}

fn one_person(who: &str, line_no: u32, not_person: &dyn Fn(&str) -> bool) -> Option<PersonRef> {
    if let Some(h) = who.strip_prefix('@') {
        return Some(PersonRef::handle(h, line_no));
    }
    if (2..=4).contains(&who.len()) && who.chars().all(|c| c.is_ascii_uppercase()) {
        // An abbreviation (`BBR to update ...`); the meeting resolves it to a name, or drops it.
        return (!not_person(who)).then(|| PersonRef::name(who, line_no));
    }
    let first = who.split_whitespace().next().unwrap_or(who);
    let lower = first.to_lowercase();
    // "Mark to move ...": a committing subject may be a name that is also a word,
    // but not a verb or noun ("Allow to describe", "Container will").
    let agent = !lexicon::NOT_AGENTS.contains(&lower.as_str())
        && !lexicon::TASK_VERBS.contains(&lower.as_str())
        && !lower.ends_with("ed")
        && (super::person::could_be_name(&lower)
            || lexicon::AMBIGUOUS_NAMES.contains(&lower.as_str()));
    (looks_like_first_name(first)
        && agent
        && !is_stop_word(first)
        && !not_person(who)
        && !not_person(first))
    .then(|| PersonRef::name(who, line_no))
}

/// The name opening a marked task (`AI: Matej pings Oliver`).
fn leading_name(rest: &str, line_no: u32, not_person: &dyn Fn(&str) -> bool) -> Vec<PersonRef> {
    let mut words = rest.split_whitespace();
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return Vec::new();
    };
    let verbish = acts_like_verb(second);
    let first = first.trim_end_matches([',', ':']);
    let lower = first.to_lowercase();
    if lexicon::TASK_VERBS.contains(&lower.as_str()) || !super::person::could_be_name(&lower) {
        return Vec::new();
    }
    match one_person(first, line_no, not_person) {
        Some(p) if verbish => vec![p],
        _ => Vec::new(),
    }
}

/// Named owners in a task text: trailing `(@h)`, handles, or `Name:` prefix.
fn owners_in(text: &str, line_no: u32, not_person: &dyn Fn(&str) -> bool) -> Vec<PersonRef> {
    if let Some(caps) = TRAILING_OWNER.captures(text) {
        return find_handles(&caps[1], line_no);
    }
    if let Some(found) = commitment(text, line_no, not_person) {
        return found;
    }
    if let Some((label, _)) = text.split_once(':') {
        let label = label.trim();
        if label.split_whitespace().count() <= 3
            && super::person::name_like(label)
            && !is_stop_word(label)
            && !not_person(label)
            && (label.starts_with('@') || super::person::could_be_name(&label.to_lowercase()))
        {
            return vec![super::person::person_ref(label, line_no)];
        }
    }
    let handles = find_handles(text, line_no);
    if handles.len() == 1 {
        handles
    } else {
        Vec::new()
    }
}

/// Whether the text opens with a task verb (`Create a ticket`).
pub fn starts_with_task_verb(text: &str) -> bool {
    let first = text
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    first.chars().next().is_some_and(char::is_uppercase) && is_task_verb(&first.to_lowercase())
}

fn is_task_verb(word: &str) -> bool {
    lexicon::TASK_VERBS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(line: &str, ctx: LineContext<'_>) -> Option<Vec<String>> {
        find_action(line, 1, ctx).map(|a| a.assignees.into_iter().map(|p| p.name).collect())
    }

    #[test]
    fn explicit_markers() {
        let none = LineContext::default();
        assert_eq!(
            who("AI @garloff: ping @berendt", none),
            Some(vec!["garloff".into()])
        );
        assert_eq!(who("ToDo: ask upstream", none), Some(vec![]));
        assert_eq!(
            who("#action bo to update the config", none),
            Some(vec!["bo".into()])
        );
        assert_eq!(
            who("There should be one (AI @garloff: ping)", none),
            Some(vec!["garloff".into()])
        );
        assert_eq!(
            who("Testing: e2e (AI @garloff)", none),
            Some(vec!["garloff".into()])
        );
    }

    #[test]
    fn commitments_and_imperatives() {
        let none = LineContext::default();
        assert_eq!(
            who("Approved, Joe will create an issue and do it.", none),
            Some(vec!["Joe".into()])
        );
        assert_eq!(
            who("Mark to move this content to a design note", none),
            Some(vec!["Mark".into()])
        );
        assert_eq!(
            who("Document ORC way (@jschoone)", none),
            Some(vec!["jschoone".into()])
        );
        assert_eq!(
            who("Who, when? (@garloff reach out to @nils)", none),
            Some(vec!["garloff".into()])
        );
        assert_eq!(who("We will see", none), None);
        assert_eq!(
            who("David: I'll try to get an editor to review", none),
            Some(vec!["David".into()])
        );
        assert_eq!(who("Release notes omission", none), None);
        let section = LineContext {
            in_action_section: true,
            ..LineContext::default()
        };
        assert_eq!(who("Create a ticket.", section), Some(vec![]));
    }

    #[test]
    fn checkbox_status() {
        let done = LineContext {
            checkbox: Some(true),
            ..LineContext::default()
        };
        assert_eq!(
            find_action("Update the board", 1, done).unwrap().status,
            ActionStatus::Done
        );
    }
}
