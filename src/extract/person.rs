//! People: attendee lists in every common style, handles, names in prose, and
//! people said to be absent.

use super::lexicon;
use super::records::PersonRef;
use crate::document::LineIndex;
use regex::Regex;
use std::sync::LazyLock;

static HANDLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w@/.`$-])@([A-Za-z0-9](?:[A-Za-z0-9_.-]{0,38}[A-Za-z0-9])?)\b")
        .expect("handle regex")
});
static NAME_WITH_HANDLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’.-]*){1,3})\s*\(@([A-Za-z0-9][A-Za-z0-9_-]*)\)",
    )
    .expect("name (@handle) regex")
});
/// `@dduportal (Damien Duportal)`: a handle with the full name after it.
static HANDLE_WITH_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^\w@/.`$-])@([A-Za-z0-9][A-Za-z0-9_-]*)\s*\((\p{Lu}\p{Ll}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,3})\)",
    )
    .expect("@handle (name) regex")
});
/// `INFRA-2771`, `JENKINS-51820`: an issue tracker's key.
static ISSUE_KEY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z][A-Z\d]*-\d+$").expect("issue key regex"));
/// `go1.13.12`, `v2.1`: a version number.
static VERSION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+\.\d+").expect("version regex"));
static PARENS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\([^()]*\)").expect("parens regex"));
static PRONOUNS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(he|she|they|xe|ze)\s*/\s*(him|her|them|xem|zir|his|hers|theirs)\b")
        .expect("pronoun regex")
});

/// Whether a single word, lower-cased, can be read as a given name or nick: a
/// known given name, or a word that is neither ordinary English nor noun-shaped.
pub fn could_be_name(lower: &str) -> bool {
    let first = lower.split_whitespace().next().unwrap_or(lower);
    // "Epics", "Drafts": the plural of an ordinary word.
    let plural = first
        .strip_suffix('s')
        .is_some_and(|s| !s.ends_with('s') && lexicon::COMMON_WORDS.contains(&s));
    lexicon::FIRST_NAMES.contains(&first)
        || (!lexicon::COMMON_WORDS.contains(&first)
            && !plural
            && !noun_like(first)
            && !is_stop_word(first))
}

/// Word endings of nouns and gerunds, which names rarely have.
pub fn noun_like(word: &str) -> bool {
    [
        "tion", "sion", "ment", "ness", "ity", "ing", "ies", "ance", "ence", "ship", "ism", "ure",
        "ages",
    ]
    .iter()
    .any(|s| word.ends_with(s))
}

/// Whether `word` could be a name (not a stop word, starts with a letter).
pub fn is_stop_word(word: &str) -> bool {
    lexicon::NOT_NAMES.contains_lowered(word)
}

/// Whether a name or handle can be no one's: fewer than two letters (`_`,
/// `w`), an issue key (`INFRA-2771`), a version (`go1.13.12`) or a
/// placeholder (`Name`, `@all`).
pub fn names_no_one(name: &str) -> bool {
    let name = name.trim_start_matches('@');
    name.chars().filter(|c| c.is_alphabetic()).count() < 2
        || ISSUE_KEY.is_match(name)
        || VERSION.is_match(name)
        || lexicon::PLACEHOLDERS.contains_lowered(name)
}

/// An English word in `-ed` or `-ing` (`created`, `deferred`, `pending`): a
/// verb's form, never a nick.
pub fn verb_form(lower: &str) -> bool {
    (lower.ends_with("ed") || lower.ends_with("ing")) && super::service::english::is_english(lower)
}

/// Words that open a noun phrase, never a person's name.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "our", "your", "their", "this", "that", "these", "those", "all", "each",
    "every", "some", "any", "both",
];

/// Whether a text piece from a list looks like a person's name or handle.
pub fn name_like(piece: &str) -> bool {
    let piece = piece.trim();
    if piece.chars().count() < 2
        || piece.len() > 60
        || piece.contains([
            '/', ':', '=', '<', '>', '[', ']', '{', '}', '|', '#', '?', '!',
        ])
    {
        return false;
    }
    if let Some(handle) = piece.strip_prefix('@') {
        return !handle.is_empty()
            && handle
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    }
    let words: Vec<&str> = piece.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    if words.len() == 1 && is_stop_word(words[0]) {
        return false;
    }
    let first = words[0];
    // `The SC`, `Our TSC`, `All Directors`: a body, not someone.
    if words.len() > 1 && DETERMINERS.contains(&first.to_lowercase().as_str()) {
        return false;
    }
    // `uplink.example.io`: a host, not a nick.
    let host = words.len() == 1
        && first.rsplit_once('.').is_some_and(|(_, tld)| {
            (2..=4).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase())
        });
    if host {
        return false;
    }
    let single_handle = words.len() == 1
        && first.chars().next().is_some_and(char::is_alphanumeric)
        && first
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && first.chars().any(char::is_alphabetic);
    let capitalised = words.iter().all(|w| {
        let w = w.trim_matches(|c: char| c == '.' || c == ',');
        w.chars().next().is_some_and(|c| c.is_uppercase())
            || matches!(
                w.to_lowercase().as_str(),
                "de" | "van"
                    | "von"
                    | "der"
                    | "den"
                    | "da"
                    | "di"
                    | "del"
                    | "la"
                    | "le"
                    | "du"
                    | "dos"
                    | "bin"
                    | "al"
            )
    });
    single_handle || capitalised
}

/// Split a list of names (`Joe and Johannes.`, `Niko, Scott, boats`, `A & B`) into person refs.
/// Returns `None` when some piece is not name-like (the text is prose, not a list).
pub fn split_name_list(text: &str, line: u32) -> Option<Vec<PersonRef>> {
    let cleaned = PRONOUNS.replace_all(text, "");
    let cleaned = PARENS.replace_all(&cleaned, "");
    let cleaned = cleaned.trim().trim_end_matches(['.', ',', ';']);
    let mut out = Vec::new();
    for piece in cleaned
        .split([',', ';', '&', '\n'])
        .flat_map(|p| split_and(p))
    {
        let piece = piece
            .trim()
            .trim_matches(|c: char| c == '*' || c == '_' || c == '"' || c.is_whitespace());
        if piece.is_empty() {
            continue;
        }
        if is_affiliation_noise(piece) {
            continue;
        }
        if !name_like(piece) {
            return None;
        }
        out.push(person_ref(piece, line));
    }
    (!out.is_empty()).then_some(out)
}

/// Short all-caps codes (`CT`, `IBM`) that follow names in attendance lists.
fn is_affiliation_noise(piece: &str) -> bool {
    piece.len() <= 4 && piece.chars().all(|c| c.is_ascii_uppercase())
}

fn split_and(piece: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = piece;
    while let Some(i) = find_word(rest, "and") {
        out.push(&rest[..i]);
        rest = &rest[i + 3..];
    }
    out.push(rest);
    out
}

fn find_word(hay: &str, word: &str) -> Option<usize> {
    hay.match_indices(word).map(|(i, _)| i).find(|&i| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + word.len()..].chars().next();
        before.is_some_and(char::is_whitespace) && after.is_some_and(char::is_whitespace)
    })
}

/// A person ref from a name-like piece (`@handle` or a name).
pub fn person_ref(piece: &str, line: u32) -> PersonRef {
    let piece = piece.trim();
    match piece.strip_prefix('@') {
        Some(handle) => PersonRef::handle(handle, line),
        None => PersonRef::name(piece.split_whitespace().collect::<Vec<_>>().join(" "), line),
    }
}

/// Every `@handle` in `text` (which starts at `line`).
pub fn find_handles(text: &str, line: u32) -> Vec<PersonRef> {
    if !text.contains('@') {
        return Vec::new();
    }
    let lines = LineIndex::new(text);
    HANDLE
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(1)?;
            let handle = m.as_str();
            (handle.chars().any(char::is_alphabetic)
                && !domain_like(handle)
                && !names_a_team(&text[m.end()..]))
            .then(|| PersonRef::handle(handle, line + newlines(&lines, m.start())))
        })
        .collect()
}

/// Whether what follows a handle makes it a team or a path (`@acme/release`,
/// `@src/main`): a slash and a lower-case slug. `@ann/Acme` is Ann of Acme.
fn names_a_team(after: &str) -> bool {
    after.strip_prefix('/').is_some_and(|rest| {
        rest.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
    })
}

/// `lists.example.org`, `example.com`: a mail domain after `@`, not a handle
/// (`r.ortega` is one: a single dot, a name-length last part).
fn domain_like(handle: &str) -> bool {
    let dots = handle.matches('.').count();
    let last = handle.rsplit('.').next().unwrap_or("");
    dots > 1 || dots == 1 && last.len() <= 3
}

/// Every `Full Name (@handle)` and `@handle (Full Name)` pair in `text`.
pub fn find_named_handles(text: &str, line: u32) -> Vec<PersonRef> {
    // Both forms write the handle with its `@`.
    if !text.contains('@') {
        return Vec::new();
    }
    let lines = LineIndex::new(text);
    let named = |name: regex::Match<'_>, handle: &str| {
        let mut p = PersonRef::name(name.as_str(), line + newlines(&lines, name.start()));
        p.handle = Some(handle.to_string());
        p
    };
    let mut found: Vec<PersonRef> = NAME_WITH_HANDLE
        .captures_iter(text)
        .filter_map(|c| Some(named(c.get(1)?, &c[2])))
        .collect();
    // `@ann (Release Manager)`, `@ann (AKA Annie)`, `@ann (Web Browsers WG)`:
    // a role, a nick or a group, not her name.
    found.extend(
        HANDLE_WITH_NAME
            .captures_iter(text)
            .filter_map(|c| Some((c.get(2)?, c.get(1)?)))
            .filter(|(name, _)| {
                let mut words = name.as_str().split_whitespace();
                let first = words.next().unwrap_or("");
                let acronym = |w: &str| w.chars().filter(|c| c.is_uppercase()).count() >= 2;
                could_be_name(&first.to_lowercase()) && !words.any(acronym)
            })
            .map(|(name, handle)| named(name, handle.as_str())),
    );
    found.sort_by_key(|p| p.line);
    found
}

/// Words after which a capitalised word is someone acted upon (`ping Oliver`, `with Artem`).
const OBJECT_CUES: &[&str] = &[
    "with",
    "ask",
    "asked",
    "asks",
    "by",
    "thanks",
    "thank",
    "cc",
    "ping",
    "pings",
    "pinged",
    "tell",
    "told",
    "tells",
    "invite",
    "invited",
    "remind",
    "reminded",
    "reminding",
    "help",
    "helped",
    "grant",
    "granted",
    "give",
    "gave",
    "made",
    "let",
    "contact",
    "contacted",
    "meet",
    "met",
    "email",
    "emailed",
    "have",
    "assign",
    "assigned",
];

/// How sure a name found in prose is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// Followed by a verb of speech or commitment (`Joe says`, `Chris will`).
    Strong,
    /// A possessive, a weak verb or an object position (`Bella's`, `Chris has`, `ping Oliver`).
    Weak,
    /// Weak evidence at the start of a sentence, where any word is capitalised.
    WeakInitial,
    /// Someone acted upon (`ping Oliver`, `ask Netcup`): could as well be a thing.
    Object,
}

/// Extend a name backwards over capitalised words directly before it
/// (`Chris Hemsworth Lovering's` is one person, not `Lovering`).
fn full_name<'t>(
    text: &'t str,
    words: &[(usize, &'t str)],
    i: usize,
    bare: &'t str,
) -> (usize, String) {
    let mut first = i;
    while first > 0 && i - first < 2 {
        let (at, w) = words[first - 1];
        let gap = &text[at + w.len()..words[first].0];
        if gap != " " || !looks_like_first_name(w) {
            break;
        }
        first -= 1;
    }
    // Only a given name opens a longer name ("Chris Hemsworth", not "Rethinking Bella").
    while first < i && !lexicon::FIRST_NAMES.contains(&words[first].1.to_lowercase().as_str()) {
        first += 1;
    }
    let mut parts: Vec<&str> = words[first..i].iter().map(|&(_, w)| w).collect();
    parts.push(bare);
    (words[first.min(i)].0, parts.join(" "))
}

/// Capitalised names acting in prose, with how sure each one is.
pub fn find_acting_names(text: &str, line: u32) -> Vec<(PersonRef, Evidence)> {
    let mut lines = None;
    let mut line_at = |offset| {
        let lines = lines.get_or_insert_with(|| LineIndex::new(text));
        line + newlines(lines, offset)
    };
    let mut out = Vec::new();
    let words: Vec<(usize, &str)> = word_spans(text);
    let lowered = |j: usize| words[j].1.to_lowercase();
    for (i, &(at, word)) in words.iter().enumerate() {
        // A given name is capitalised: most words are passed over here.
        if !word.starts_with(char::is_uppercase) {
            continue;
        }
        let bare = strip_all(strip_all(word, "'s"), "’s")
            .trim_end_matches('\'')
            .trim_end_matches('’');
        if !looks_like_first_name(bare) {
            continue;
        }
        let possessive = word.len() != bare.len();
        let previous = i.checked_sub(1).map(lowered);
        if previous.as_deref().is_some_and(|p| {
            matches!(
                p,
                "the"
                    | "a"
                    | "an"
                    | "team"
                    | "project"
                    | "group"
                    | "our"
                    | "their"
                    | "this"
                    | "that"
            )
        }) {
            continue;
        }
        let next = words.get(i + 1).map(|&(_, w)| w);
        let evidence = match next {
            Some(n) if lexicon::SPEECH_VERBS.contains_lowered(n) && !possessive => {
                Some(Evidence::Strong)
            }
            Some(n) if lexicon::WEAK_VERBS.contains_lowered(n) || possessive => {
                Some(Evidence::Weak)
            }
            _ => None,
        };
        let object = previous
            .as_deref()
            .is_some_and(|p| OBJECT_CUES.contains(&p));
        let initial = i == 0
            || text[..at]
                .trim_end()
                .ends_with(['.', '!', '?', ':', '-', '*', '(', '"']);
        let evidence = match (evidence, object) {
            (Some(Evidence::Weak), _) if initial => Some(Evidence::WeakInitial),
            (None, true) => Some(Evidence::Object),
            (other, _) => other,
        };
        if let Some(e) = evidence {
            let (start, name) = full_name(text, &words, i, bare);
            out.push((PersonRef::name(name, line_at(start)), e));
        } else if let Some(name) = given_and_surname(text, &words, i).filter(|_| !possessive) {
            out.push((PersonRef::name(name, line_at(at)), Evidence::Weak));
        }
    }
    out
}

/// `text` without every `suffix` at its end (as `trim_end_matches`, without
/// building a searcher).
fn strip_all<'t>(mut text: &'t str, suffix: &str) -> &'t str {
    while let Some(rest) = text.strip_suffix(suffix) {
        text = rest;
    }
    text
}

/// `Cheryl Sabella`, `Guido van Rossum`, `Rory\nGraves`: a given name followed by
/// a surname (capitalised, no ordinary word), however the sentence goes on.
fn given_and_surname(text: &str, words: &[(usize, &str)], i: usize) -> Option<String> {
    let (at, given) = words[i];
    let is_particle = |w: &str| {
        matches!(
            w.to_lowercase().as_str(),
            "van" | "von" | "de" | "da" | "del" | "der" | "le" | "la"
        )
    };
    // `Mark Shannon`: a given name that is also a word counts mid-sentence,
    // before a surname that is no English word (`See Retrospective`, `Ping Jorge`
    // open sentences).
    let lower = given.to_lowercase();
    let ambiguous = !lexicon::FIRST_NAMES.contains(&lower.as_str());
    let initial = i == 0
        || text[..at]
            .trim_end()
            .ends_with(['.', '!', '?', ':', '-', '*', '(', '"', '\n']);
    if ambiguous && (initial || !lexicon::AMBIGUOUS_NAMES.contains(&lower.as_str()))
        || is_particle(given)
    {
        return None;
    }
    let mut parts = vec![given];
    let mut end = at + given.len();
    for (k, &(next_at, word)) in words.iter().enumerate().skip(i + 1) {
        let gap = &text[end..next_at];
        // A line break inside a name only before its one surname word, not
        // between the names of a list written one a line.
        let wrapped = gap == "\n"
            && parts.len() == 1
            && words.get(k + 1).is_none_or(|&(after, w)| {
                !text[next_at + word.len()..after]
                    .chars()
                    .all(char::is_whitespace)
                    || !w.starts_with(char::is_uppercase)
            });
        if !(gap == " " || wrapped) || parts.len() > 3 {
            break;
        }
        let particle = is_particle(word);
        let surname = looks_like_first_name(word)
            && !lexicon::COMMON_WORDS.contains(&word.to_lowercase().as_str())
            && !(ambiguous && super::service::english::is_english(word));
        if !(particle || surname) {
            break;
        }
        parts.push(word);
        end = next_at + word.len();
    }
    // Trailing particles belong to no surname.
    while parts
        .last()
        .is_some_and(|w| w.starts_with(char::is_lowercase))
    {
        parts.pop();
    }
    (parts.len() >= 2).then(|| parts.join(" "))
}

/// A single capitalised word of letters, not a stop word and not an acronym.
pub fn looks_like_first_name(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_uppercase()
        && word.chars().count() >= 2
        && word.chars().all(|c| c.is_alphabetic() || c == '-')
        && word.chars().skip(1).any(|c| c.is_lowercase())
        && !word.chars().skip(1).any(|c| c.is_uppercase())
        && !is_stop_word(word)
}

fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut in_code = false;
    for (i, c) in text.char_indices() {
        if c == '`' {
            // Words inside inline code are identifiers, not names.
            if let Some(s) = start.take()
                && !in_code
            {
                out.push((s, &text[s..i]));
            }
            in_code = !in_code;
            continue;
        }
        let part = c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if !in_code {
                    out.push((s, &text[s..i]));
                }
                start = None;
            }
            _ => {}
        }
    }
    if let (Some(s), false) = (start, in_code) {
        out.push((s, &text[s..]));
    }
    out
}

/// How many lines below the first line of its text `offset` is.
fn newlines(lines: &LineIndex, offset: usize) -> u32 {
    lines.line_of(offset) - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(refs: Option<Vec<PersonRef>>) -> Vec<String> {
        refs.unwrap_or_default()
            .into_iter()
            .map(|p| p.name)
            .collect()
    }

    #[test]
    fn keys_versions_single_letters_and_placeholders_name_no_one() {
        for no_one in [
            "INFRA-2771",
            "go1.13.12",
            "_",
            "@w",
            "B1",
            "",
            "Name",
            "@all",
            "@here",
        ] {
            assert!(names_no_one(no_one), "{no_one}");
        }
        for someone in [
            "Ann Lee",
            "@dduportal",
            "Jo",
            "Mic92",
            "Ericson2314",
            "Name Lee",
        ] {
            assert!(!names_no_one(someone), "{someone}");
        }
        assert!(verb_form("deferred") && verb_form("pending"));
        assert!(!verb_form("raitobezarius") && !verb_form("winter"));
    }

    #[test]
    fn handles_and_names_written_together_either_way_round() {
        let found = find_named_handles(
            "Jan Schoone (@jschoone)\n* @dduportal (Damien Duportal)\n\
* @matfechner (SIG IAM), @toothstone (AKA Friedrich), @ann (Release Manager)\n\
@lidel (Web Browsers WG)\n",
            10,
        );
        let pairs: Vec<(&str, Option<&str>, u32)> = found
            .iter()
            .map(|p| (p.name.as_str(), p.handle.as_deref(), p.line))
            .collect();
        assert_eq!(
            pairs,
            [
                ("Jan Schoone", Some("jschoone"), 10),
                ("Damien Duportal", Some("dduportal"), 11)
            ]
        );
    }

    #[test]
    fn a_body_is_no_one() {
        for body in ["The SC", "the TSC", "Our Board", "All Directors"] {
            assert!(!name_like(body), "{body}");
        }
        assert!(name_like("Ann Lee") && name_like("Anders Hall"));
        assert!(!name_like("uplink.example.io") && name_like("j.smith2"));
    }

    #[test]
    fn splits_prose_and_comma_lists() {
        assert_eq!(
            names(split_name_list("Joe and Johannes.", 1)),
            vec!["Joe", "Johannes"]
        );
        assert_eq!(
            names(split_name_list("Niko, Scott, boats", 1)),
            vec!["Niko", "Scott", "boats"]
        );
        assert_eq!(
            names(split_name_list("Matt Rutkowski, he/him, CT (IBM)", 1)),
            vec!["Matt Rutkowski"]
        );
        assert_eq!(names(split_name_list("@jschoone", 1)), vec!["jschoone"]);
        assert!(
            split_name_list(
                "Chris unfortunately died in an accident and could not attend",
                1
            )
            .is_none()
        );
    }

    /// The names of the handles [`find_handles`] reads in `text`.
    fn handles(text: &str) -> Vec<String> {
        find_handles(text, 1).into_iter().map(|p| p.name).collect()
    }

    #[test]
    fn finds_handles_but_not_emails() {
        assert_eq!(
            handles(
                "ping @berendt, mail x@y.org (@jschoone) and @r.ortega. (@lists.example.org, @x.io)"
            ),
            vec!["berendt", "jschoone", "r.ortega"]
        );
    }

    #[test]
    fn a_team_or_a_path_after_a_handle_is_no_one() {
        assert_eq!(
            handles("ask @acme/release and @acme/lts, see @src/main; @ann/Acme and @bo agree"),
            vec!["ann", "bo"]
        );
    }

    #[test]
    fn finds_people_acting_in_prose() {
        let found: Vec<(String, Evidence)> =
            find_acting_names("Joe says it works. We will see. Chris' box was stolen.", 1)
                .into_iter()
                .map(|(p, e)| (p.name, e))
                .collect();
        assert_eq!(
            found,
            vec![
                ("Joe".into(), Evidence::Strong),
                ("Chris".into(), Evidence::WeakInitial)
            ]
        );
        let found: Vec<String> = find_acting_names(
            "Thanks for mentoring Cheryl Sabella. Aaron van Rossum as delegate; credited Abbie\nKowalski. Java Script. Cheryl Sabella\nAaron Kowalski",
            1,
        )
        .into_iter()
        .map(|(p, _)| p.name)
        .collect();
        assert_eq!(
            found,
            vec![
                "Cheryl Sabella",
                "Aaron van Rossum",
                "Abbie Kowalski",
                "Cheryl Sabella",
                "Aaron Kowalski"
            ]
        );
    }
}
