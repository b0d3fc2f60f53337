//! Presenters: who owns or presents an agenda item, from any slot in or just
//! below the item's header.
//!
//! In the header: `[Ann Lee] Title`, `Title (Ann, Bo)`, `Title (@ann, 10 min)`,
//! `Title [@ann, 3min]`, `Title - Ann Lee`, `**Title** Ann`, or a header that
//! says it (`Ann Lee gave an update on the survey`). Just below it: a line of
//! handles (`@ann / @bo`), `Presenter: Ann`, `*Ann Lee presenting*`, or a first
//! sentence saying who presented (`Ann summarized ...`, `Proposed by Bo Lee`).

use super::person::{find_handles, split_name_list};
use super::records::PersonRef;
use crate::document::{Block, BlockKind};
use regex::Regex;
use std::sync::LazyLock;

/// A slot in brackets at the end of a header: `(Ann, 10 min)`, `[@ann, 3min]:`.
static TRAILING_SLOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \s* (?:
            \( (?P<paren> (?: [^()] | \( [^()]* \) )* ) \)
          | \[ (?P<bracket> [^\[\]]* ) \]
        ) \s* :? \s* $",
    )
    .expect("trailing slot regex")
});

/// `[Ann Lee] Title`: names in brackets before the title.
static LEADING_BRACKETS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[([^\[\]]+)\]\s*(\S.*)$").expect("leading brackets regex"));

/// A time box beside the presenter: `5 min`, `~10 mins`, `1h`, `15-20 minutes`.
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        ^ ~? \d+ (?: [.,] \d+ )? \s* (?: - \s* \d+ \s* )?
        (?: min | mins | minutes? | m | h | hrs? | hours? | ' ) \.? $",
    )
    .expect("duration regex")
});

/// `Presenter: Ann`, `Presented by Ann`, `Owner: @bo`: a line naming the presenter.
static PRESENTED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        ^ (?: presentation | presented | presenter | presenters | presenting | led | owner | owners
            | lead | speaker | speakers | sponsor | sponsors | driver | champion | moderated )
        \s* (?: by | : ) \s* (?P<names> .+ ) $",
    )
    .expect("presented-by regex")
});

/// A name as a presenter slot writes it: `@ann`, `Ann`, `Ann Lee`, `JF Bastien`.
const NAME: &str = r"(?:@[\w.-]+|\p{Lu}[\p{L}'’-]*(?:\s\p{Lu}[\p{L}'’-]*){0,2})";

/// `Ann Lee presented ...`, `Seb and Darja summarized ...`, `Ann, team lead at
/// Acme, did a demo of ...`: a sentence opening with who presented.
static PRESENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        ^ (?: [\p{{L}}\s]{{0,30}}, \s+ )?              # As Executive Director,
        (?P<names> {NAME} (?: (?: , \s* | \s+ and \s+ | \s* & \s* ) {NAME} )* )
        (?: , [^,]{{1,60}}, )?                      # an apposition
        \s+ (?: then \s+ | also \s+ )?
        (?: presented | presents | summarized | summarised | demoed | demos | demonstrated
          | introduced | did \s+ (?: a | the ) \s+ (?: demo | presentation | walkthrough )
          | walked \s+ (?: us \s+ | the \s+ \w+ \s+ | everyone \s+ )? through
          | gave \s+ (?: a | an | the ) \s+ (?: \w+ \s+ )? (?: overview | update | presentation | demo
              | introduction | status | summary | report ) ) \b"
    ))
    .expect("presents regex")
});

/// `This was presented by Seb`, `Proposed by Bo Lee`, `proposed via Ann`: a
/// first sentence naming the presenter after the verb.
static PRESENTED_VIA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        \b (?i: presented | proposed | introduced | led ) \s+ (?: by | via ) \s+
        (?P<names> {NAME} (?: (?: , \s* | \s+ and \s+ | \s* & \s* ) {NAME} )* )"
    ))
    .expect("presented-via regex")
});

/// A word every one of [`PRESENTS`], [`PRESENTING`] and [`PRESENTED_VIA`]
/// needs, found first: most sentences name no presenter.
static PRESENTER_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)present|summari[sz]ed|demo|introduced|did|walked|gave|proposed|led")
        .expect("presenter word regex")
});

/// `Ann Lee presenting`, `*@ann presenting*`.
static PRESENTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x) ^ [*_]* (?P<names> {NAME} (?: (?: , \s* | \s+ and \s+ | \s* & \s* ) {NAME} )* ) \s+ presenting \b"
    ))
    .expect("presenting regex")
});

/// A line that is only handles (`@ann / @bo`, `@ann @bo`, `@ann, @bo`).
static HANDLE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^@[\w.-]+(?:\s*[/,&]?\s*@[\w.-]+)*$").expect("handle line regex")
});

/// The title and presenters of a header line: `Title (Joe, Johannes)`,
/// `Title (@handle, 5 min)`, `[Ann Lee] Title`, `Title - Mira`, or a header
/// saying who presented. The title is returned as written, without the slot.
pub fn split_header<'t>(lead: Option<&str>, text: &'t str, line: u32) -> (&'t str, Vec<PersonRef>) {
    if text.starts_with('[')
        && let Some(caps) = LEADING_BRACKETS.captures(text)
    {
        let presenters = presenters_in(&caps[1], line);
        if !presenters.is_empty() {
            let title = caps.get(2).map_or(text, |m| m.as_str());
            return (title, presenters);
        }
    }
    if let Some(lead) = lead.filter(|l| !l.is_empty() && text.starts_with(l)) {
        let rest = text[lead.len()..].trim().trim_start_matches(':').trim();
        let mut presenters = presenters_in(rest, line);
        if presenters.is_empty() {
            presenters = said_to_present(rest, line);
        }
        return (&text[..lead.len()], presenters);
    }
    // A slot closes the text, but for a colon and spaces.
    let closes = text.trim_end().trim_end_matches(':').trim_end();
    if closes.ends_with([')', ']'])
        && let Some(caps) = TRAILING_SLOT.captures(text)
    {
        let inner = caps
            .name("paren")
            .or(caps.name("bracket"))
            .map_or("", |m| m.as_str());
        let presenters = presenters_in(inner, line);
        let time_box = inner.split(',').all(|p| DURATION.is_match(p.trim()));
        let start = caps.get(0).map_or(text.len(), |m| m.start());
        if !presenters.is_empty() || time_box {
            // `Review - (25 min)`: no dash left dangling.
            return (
                text[..start].trim_end_matches([' ', '-', '–', '—']),
                presenters,
            );
        }
    }
    if let Some((title, presenters)) = dashed_presenter(text, line) {
        return (title, presenters);
    }
    (text, said_to_present(text, line))
}

/// Presenters named just below an item's header, in its first two blocks.
pub fn below_header(blocks: &[Block]) -> Vec<PersonRef> {
    for b in blocks.iter().take(2) {
        if matches!(b.kind, BlockKind::Heading(_) | BlockKind::Code) {
            break;
        }
        let text = b.text.trim();
        let first_line = text.lines().next().unwrap_or("").trim();
        if HANDLE_LINE.is_match(first_line) {
            return find_handles(first_line, b.line);
        }
        if let Some(caps) = PRESENTED_BY.captures(first_line) {
            let names = &caps["names"];
            let handles = find_handles(names, b.line);
            if !handles.is_empty() {
                return handles;
            }
            if let Some(list) = split_name_list(names, b.line) {
                return list;
            }
        }
        let found = said_to_present(&first_sentence(text), b.line);
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// Presenters a sentence names: `Ann presented ...`, `Proposed by Bo`, `*Cy presenting*`.
fn said_to_present(sentence: &str, line: u32) -> Vec<PersonRef> {
    if !PRESENTER_WORD.is_match(sentence) {
        return Vec::new();
    }
    let caps = PRESENTS
        .captures(sentence)
        .or_else(|| PRESENTING.captures(sentence))
        .or_else(|| PRESENTED_VIA.captures(sentence));
    let Some(names) = caps.and_then(|c| c.name("names")) else {
        return Vec::new();
    };
    let names = names.as_str();
    let handles = find_handles(names, line);
    if !handles.is_empty() {
        return handles;
    }
    // `This`, `We`: no one in particular.
    split_name_list(names, line)
        .unwrap_or_default()
        .into_iter()
        .filter(|p| !super::person::is_stop_word(&p.name.to_lowercase()))
        .collect()
}

/// The first sentence of a block, on one line.
fn first_sentence(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = one_line
        .match_indices(". ")
        .map(|(i, _)| i)
        .find(|&i| {
            // `Dr. Lee`, `J. Doe`: an abbreviation, not the end.
            let word = one_line[..i].rsplit(' ').next().unwrap_or("");
            word.chars().count() > 2
        })
        .unwrap_or(one_line.len());
    one_line[..end].to_string()
}

/// `Title - Mira` / `Title – Ann Lee`: a trailing name after a dash presents the item.
fn dashed_presenter(text: &str, line: u32) -> Option<(&str, Vec<PersonRef>)> {
    if !text.contains(['-', '–', '—']) {
        return None;
    }
    let (title, tail) = [" - ", " – ", " — "]
        .iter()
        .find_map(|d| text.rsplit_once(d))?;
    let tail = tail.trim();
    let words: Vec<&str> = tail.split_whitespace().collect();
    let capitalised = !words.is_empty()
        && words.len() <= 3
        && words.iter().all(|w| w.starts_with(char::is_uppercase));
    let named = capitalised
        && super::person::could_be_name(&tail.to_lowercase())
        && !title.trim().is_empty();
    named
        .then(|| (title, split_name_list(tail, line).unwrap_or_default()))
        .filter(|(_, p)| !p.is_empty())
}

/// The presenters in a slot's text: handles, else a list of names; a time box
/// beside them (`Ann Lee, 30 min`) is no name.
fn presenters_in(slot: &str, line: u32) -> Vec<PersonRef> {
    let inner = slot
        .trim()
        .trim_start_matches('(')
        .trim_end_matches([':', ' '])
        .trim_end_matches(')');
    let inner = inner
        .split([',', ' '])
        .filter(|piece| !DURATION.is_match(piece.trim()))
        .collect::<Vec<_>>()
        .join(" ");
    let handles = find_handles(&inner, line);
    if !handles.is_empty() {
        return handles;
    }
    let inner = slot
        .trim()
        .trim_start_matches('(')
        .trim_end_matches([':', ' '])
        .trim_end_matches(')')
        .split(',')
        .filter(|piece| !DURATION.is_match(piece.trim()))
        .collect::<Vec<_>>()
        .join(",");
    if let Some(caps) = PRESENTING.captures(inner.trim()) {
        return split_name_list(&caps["names"], line).unwrap_or_default();
    }
    let names = split_name_list(&inner, line).unwrap_or_default();
    // `(raitobezarius)`: one lower-case nick of no ordinary word is a handle.
    names
        .into_iter()
        .map(|p| {
            let nick = !p.name.contains(' ')
                && p.name.starts_with(char::is_lowercase)
                && !super::lexicon::COMMON_WORDS.contains(&p.name.as_str());
            if nick {
                PersonRef::handle(p.name, p.line)
            } else {
                p
            }
        })
        // `(deferred)`, `(pending)`: the item's state, no one.
        .filter(|p| !super::person::verb_form(&p.name.to_lowercase()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(people: &[PersonRef]) -> Vec<&str> {
        people.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn header_slots() {
        let (t, p) = split_header(
            Some("Resizing servers"),
            "Resizing servers (Joe, Johannes)",
            3,
        );
        assert_eq!(
            (t, names(&p)),
            ("Resizing servers", vec!["Joe", "Johannes"])
        );
        let (t, p) = split_header(
            None,
            "Standardization (@cah-hbaum (needs to go at 11:00))",
            3,
        );
        assert_eq!((t, names(&p)), ("Standardization", vec!["cah-hbaum"]));
        let (t, p) = split_header(None, "Graduation request - Olusegun", 3);
        assert_eq!((t, names(&p)), ("Graduation request", vec!["Olusegun"]));
        let (t, p) = split_header(None, "Updates - 10 min max", 3);
        assert_eq!((t, p.len()), ("Updates - 10 min max", 0));
        let (t, p) = split_header(None, "Ideas (maybe later)", 3);
        assert_eq!((t, p.len()), ("Ideas (maybe later)", 0));
        let (t, p) = split_header(None, "[Ann Lee, Bo] KEP-12: gang scheduling", 3);
        assert_eq!((t, p.len()), ("KEP-12: gang scheduling", 2));
        let (t, p) = split_header(None, "[WIP] Release notes", 3);
        assert_eq!((t, p.len()), ("[WIP] Release notes", 0));
        let (t, p) = split_header(None, "Transport draft (Ann Lee, 30 min)", 3);
        assert_eq!((t, names(&p)), ("Transport draft", vec!["Ann Lee"]));
        let (t, p) = split_header(None, "Demo - (20mins)", 3);
        assert_eq!((t, p.len()), ("Demo", 0));
        let (_, p) = split_header(None, "Opening (chairs, ~5 mins)", 3);
        assert_eq!(names(&p), vec!["chairs"]);
        let (t, p) = split_header(None, "Mirror survey [@ann, 3min]", 3);
        assert_eq!((t, names(&p)), ("Mirror survey", vec!["ann"]));
        let (t, p) = split_header(None, "Open tickets (@ann, 5min):", 3);
        assert_eq!((t, names(&p)), ("Open tickets", vec!["ann"]));
        let (_, p) = split_header(None, "Database access (kestrel42)", 3);
        assert!(p[0].is_handle);
        let (_, p) = split_header(None, "Co-chair proposal (Ann Lee presenting)", 3);
        assert_eq!(names(&p), vec!["Ann Lee"]);
        let (_, p) = split_header(
            None,
            "Bo Lee, mirror lead at Acme, did a demo of the mirror tool",
            3,
        );
        assert_eq!(names(&p), vec!["Bo Lee"]);
        let (_, p) = split_header(None, "Cy Doe gave an update on the survey.", 3);
        assert_eq!(names(&p), vec!["Cy Doe"]);
    }

    #[test]
    fn lines_below_the_header() {
        let lines = |texts: &[&str]| {
            let blocks: Vec<Block> = texts
                .iter()
                .map(|t| Block::new(BlockKind::Paragraph, 0, t.to_string(), 4, 4))
                .collect();
            below_header(&blocks)
                .into_iter()
                .map(|p| p.name)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            lines(&["@ann presented the survey results", "more"]),
            vec!["ann"]
        );
        assert_eq!(
            lines(&["Bo Lee walked us through the changes"]),
            vec!["Bo Lee"]
        );
        assert!(lines(&["Results were presented last week"]).is_empty());
        assert_eq!(lines(&["@ann / @bo / @cy"]), vec!["ann", "bo", "cy"]);
        assert_eq!(lines(&["*Ann Lee presenting*"]), vec!["Ann Lee"]);
        assert_eq!(
            lines(&["As chair, Ann Lee summarized the work since the last meeting."]),
            vec!["Ann Lee"]
        );
        assert_eq!(
            lines(&["Bo and Cy summarized the quarter."]),
            vec!["Bo", "Cy"]
        );
        assert_eq!(lines(&["This was presented by Bo."]), vec!["Bo"]);
        assert_eq!(lines(&["Proposed by Bo Chen from Acme."]), vec!["Bo Chen"]);
        assert_eq!(
            lines(&["Drafted by Ann Lee and proposed via Bo Chen (who was away)."]),
            vec!["Bo Chen"]
        );
        assert_eq!(lines(&["Ann then presented the plan."]), vec!["Ann"]);
        assert!(lines(&["We then presented the plan."]).is_empty());
    }
}
