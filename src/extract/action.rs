//! Action items: explicit markers (`ToDo:`, `AI @handle:`, `ACTION:`), checkboxes,
//! "X will ..." commitments, and imperative lines in action sections.

use super::lexicon;
use super::person::{find_handles, is_stop_word, looks_like_first_name};
use super::records::PersonRef;
use crate::document::{blank_inline_code, chat_message};
use crate::model::ActionStatus;
use regex::Regex;
use std::sync::LazyLock;

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:[-*]\s*)?(?:[_*]+)?(todo|to-do|to do|action item|action|ai|#action|task|done|next steps?)\b\s*((?:@[\w-]+)(?:\s*(?:,|&|and)\s*@[\w-]+)*)?\s*(?:[:\-–]\s*(.*)|\s(?:to\s+)?(.*))$",
    )
    .expect("regex")
});
static NICK_COMMITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[,;:(]\s*|[.!?]\s+)([a-z][a-z0-9]*[-_][a-z0-9_-]+)\s+(?:will|to|should|shall)\s+([a-z]+)").expect("regex")
});
static HAVE_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:have|let|ask)\s+(@[\w-]+|\p{Lu}[\p{Ll}-]+)\s+([a-z-]+)").expect("regex")
});
static SPEAKER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(@?[\p{L}][\w.-]*(?:\s\p{Lu}[\w.-]*)?)\s*:\s*(.*)$").expect("regex")
});
/// `I'll write it up`, `Thanks, I'll remind him`, `but I will double-check`,
/// `I of course volunteer to take it`: the speaker commits to a task.
static SELF_COMMITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?: ^ | [,;:.!?] \s+ | \s [-–—] \s+
          | \b (?i: and | so | then | but | ok | okay | cool | sure | yes | yeah | great ) ,? \s+ )
        I (?: 'll | ’ll | \s+ will | \s+ am \s+ going \s+ to | \s+ shall | \s+ can
            | (?: \s+ (?: of \s+ course | also | happily | gladly ) )? \s+ (?: volunteer | offer ) \s+ to )
        \s+ (?: try \s+ to \s+ | also \s+ | then \s+ | just \s+ )?
        ([a-z]+ (?: -[a-z]+ )?)",
    )
    .expect("self-commitment regex")
});
/// `Will share the link later`, `got access, will delegate`, `Going to disable
/// the old roles`: a commitment with no subject, owned by whoever's turn it is.
static SUBJECTLESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?: ^ | [,;] \s+ )
        (?: [Ww]ill | [Gg]oing \s+ to | [Gg]onna | [Pp]lanning \s+ to )
        \s+ (?: try \s+ to \s+ | also \s+ | then \s+ )?
        ([a-z]+ (?: -[a-z]+ )?)",
    )
    .expect("subjectless commitment regex")
});
static LATER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:next|tomorrow|later|after|afterwards|offline|by|before|until|on the (?:list|mailing list|issue|thread|call))\b")
        .expect("regex")
});
static VOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[+-][01](?:[^\d.]|$)").expect("regex"));
static PASSIVE_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:will|to|should|shall|must)\s+be\s+\w+\s+by\s+(@[\w-]+|\p{Lu}[\p{Ll}-]+)",
    )
    .expect("regex")
});
/// A subject of up to six words, `to be` and a past participle: `Summary to
/// be written`, `Working meeting to be scheduled next time`.
static PASSIVE_TASK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        ^ (?: [-*]\s+ )?
        (?P<subject> \p{Lu}[\w'’.-]* (?: \s+ [\w'’./-]+ ){0,5}? )
        \s+ to \s be \s+
        (?P<verb> [a-z]+ed | done | written | sent | set | made | taken | run | built | held | given )
        \b
        (?: .*? \b by \s+ (?P<by> @[\w-]+ (?: \s* (?: , | and | & ) \s* @[\w-]+ )* ) )?",
    )
    .expect("passive task regex")
});
static INLINE_AI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:AI|ACTION|TODO|ToDo)\s*(?:@([\w-]+)|\(([^)]+)\))?\s*:(.*)|\(AI\s+@([\w-]+)\)")
        .expect("regex")
});
/// `Ann will draft it`, `then have Bo review`. Word boundaries here (and in
/// `HAVE_PERSON`, `PASSIVE_BY`) are ASCII (`(?-u:\b)`): the words they bound are
/// ASCII, and so the search stays in the fast engine on text beyond ASCII.
static COMMITMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[,;:(]\s*|[.!?]\s+|\s[-–—]\s+|(?-u:\b)and\s+|\s&\s+|(?-u:\b)then\s+(?:have\s+)?|(?-u:\b)have\s+)(@[\w-]+|\p{Lu}[\p{Ll}-]+(?:\s\p{Lu}[\p{Ll}-]+)?|\p{Lu}{2,4})\s+(?:will|is going to|shall|agreed to|offered to|volunteered to|to|should)\s+(?:also\s+|then\s+|try\s+to\s+)?([a-z]+(?:-[a-z]+)?)",
    )
    .expect("regex")
});
static HANDLE_ACTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\()\s*(@[\w-]+)\s+(?:will\s+)?([a-z]+)\b").expect("regex"));
static TRAILING_OWNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\((?:AI\s+)?(@[\w-]+(?:\s*(?:,|&|and)\s*@[\w-]+)*)\)\s*[.:]?\s*$").expect("regex")
});
/// `Settings page with the new password => Mark`: an arrow at the end hands
/// what comes before it to someone.
static ARROW_OWNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<task> \S .*? ) \s* (?P<arrow> => | --?> | → ) \s*
        (?P<who> @[\w-]+ | \p{Lu}[\p{L}'’-]+ (?: \s \p{Lu}[\p{L}'’-]+ )? )
        \s* [.!]? \s* $",
    )
    .expect("arrow owner regex")
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
    /// The sentence follows another on its line.
    pub follows_on_line: bool,
    /// The line is a list item with a checkbox.
    pub checkbox: Option<bool>,
    /// The line is a conclusion/decision.
    pub is_decision: bool,
    /// Names that are known not to be people (services).
    pub not_person: &'a dyn Fn(&str) -> bool,
    /// Names the meeting already knows as people (attendees, earlier mentions).
    pub known_person: &'a dyn Fn(&str) -> bool,
    /// Who is speaking when an earlier sentence of the same turn named them
    /// (`CDS: Good idea. I'll bring it ...`), so `I'll` has an owner.
    pub speaker: Option<&'a str>,
    /// Configured labels that open an action (`Aufgabe`), lower-cased.
    pub markers: &'a [String],
}

impl Default for LineContext<'_> {
    fn default() -> Self {
        LineContext {
            in_action_section: false,
            follows_on_line: false,
            checkbox: None,
            is_decision: false,
            not_person: &|_| false,
            known_person: &|_| false,
            speaker: None,
            markers: &[],
        }
    }
}

/// Whether the line is an action, and who is to do it.
pub fn find_action(line: &str, line_no: u32, ctx: LineContext<'_>) -> Option<FoundAction> {
    // A marker or owner inside inline code (`` `AI @handle:` ``) is quoted syntax.
    let prose = blank_inline_code(line);
    let text = prose.trim();
    if text.is_empty() || VOTE.is_match(text) {
        // `+1 from Ana to ship RC2` is a vote, not a task.
        return None;
    }
    let status = match ctx.checkbox {
        Some(true) => ActionStatus::Done,
        Some(false) => ActionStatus::Open,
        None => ActionStatus::Unknown,
    };
    let due = DUE.captures(text).map(|c| c[1].to_string());
    let found = |assignees: Vec<PersonRef>| {
        Some(FoundAction {
            assignees,
            status,
            due: due.clone(),
        })
    };
    if let Some(rest) = configured_marker(text, ctx.markers) {
        return found(owners_in(rest, line_no, &ctx, false));
    }
    if let Some(caps) = MARKER.captures(text) {
        let marker = caps[1].to_lowercase();
        let status = if marker == "done" {
            ActionStatus::Done
        } else {
            status
        };
        let handles = caps
            .get(2)
            .map(|h| find_handles(h.as_str(), line_no))
            .unwrap_or_default();
        let rest = caps.get(3).or(caps.get(4)).map_or("", |m| m.as_str());
        let rest_empty = caps.get(3).is_none_or(|m| m.as_str().trim().is_empty());
        if (marker.starts_with("next") || marker == "done") && rest_empty && handles.is_empty() {
            // `next steps:` or `Done:` over a list labels the list; its items are the tasks.
            return None;
        }
        if caps.get(3).is_none() && handles.is_empty() && marker != "#action" {
            // `Action required` or `Todo list` without a colon or handle is prose, not a marker.
            return None;
        }
        let mut assignees = handles;
        if assignees.is_empty() {
            assignees = owners_in(rest, line_no, &ctx, false);
        }
        if assignees.is_empty() {
            assignees = leading_name(rest, line_no, &ctx);
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
                owners_in(after, line_no, &ctx, false)
            } else {
                handles
            }
        });
        return found(assignees);
    }
    if let Some(assignees) = commitment(text, line_no, &ctx, true) {
        return found(assignees);
    }
    if let Some(owners) = arrow_owner(text, line_no, &ctx) {
        return found(owners);
    }
    if let Some(owners) = passive_task(text, line_no) {
        return found(owners);
    }
    // "Do we need ...?" asks; it does not tell anyone to do anything.
    let imperative = starts_with_task_verb(text) && !text.ends_with('?');
    let trailing = text
        .contains('@')
        .then(|| TRAILING_OWNER.captures(text))
        .flatten()
        .map(|c| find_handles(&c[1], line_no))
        .unwrap_or_default();
    // `Breakout to clarify the scope (@fkr)`: a plan whose owner is named at the end.
    let planned = planned_tasks(text).next().is_some();
    if (imperative || planned || ctx.checkbox.is_some()) && !trailing.is_empty() {
        return found(trailing);
    }
    // A question in a task list asks; it assigns nothing (`Sponsoring?`).
    // A task list gives each task a line, or a sentence of its own that opens
    // with its verb (`Create a ticket. Create another.`); what follows on the
    // line says more about it (`Tail call. The caller isn't the problem.`).
    // `SS: Yes.`, `Peter: that should be simple`: a speaker's turn says
    // something; in a task list `Ann: send the invite` still gives a task.
    let spoken = speaker_of(text).is_some() && !labels_a_task(text);
    let listed = ctx.checkbox.is_some()
        || (ctx.in_action_section
            && !spoken
            && (!ctx.follows_on_line || imperative)
            && !text.ends_with(':')
            && !text.trim_end().ends_with('?'));
    if listed || (ctx.is_decision && imperative) {
        // A task list vouches for the names in it; elsewhere a subject must be someone known.
        return found(owners_in(text, line_no, &ctx, !listed));
    }
    None
}

/// `Summary to be written and shared`, `Issue to be created by @ann`: a task
/// stated in the passive, at the start of the text, with the handles after
/// `by` as its owners. `Needs to be done`, `was to be sent`, `expected to be
/// released` say what is or was wanted or foreseen; they assign nothing.
fn passive_task(text: &str, line_no: u32) -> Option<Vec<PersonRef>> {
    // `PRs to be approved:` labels a list; `Side-effects to be expected` foresees.
    let end = text.trim_end();
    if !text.contains(" to be ") || end.ends_with('?') || end.ends_with(':') {
        return None;
    }
    let caps = PASSIVE_TASK.captures(text.trim_start())?;
    let verb = caps.name("verb")?.as_str();
    if lexicon::NOT_TASK_PARTICIPLES.contains(&verb) {
        return None;
    }
    let subject = caps.name("subject")?.as_str();
    // `Fill this form to be emailed a link`: an imperative; `RFCs waiting to
    // be merged`: a state.
    let first = subject
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    let wants = subject.split_whitespace().any(|w| {
        let w = w.to_lowercase().replace('’', "'");
        lexicon::NOT_PASSIVE_TASK.contains(&w.as_str())
    });
    if wants || is_task_verb(&first) {
        return None;
    }
    let by = caps.name("by").map_or("", |m| m.as_str());
    Some(find_handles(by, line_no))
}

/// The owner an arrow at the end of a task names, when it names someone: a
/// handle, a person the meeting knows or, after `=>`, a given name (`=> Done`,
/// `-> Quincy` name states and versions, not people).
fn arrow_owner(text: &str, line_no: u32, ctx: &LineContext<'_>) -> Option<Vec<PersonRef>> {
    if !text.contains(['>', '→']) {
        return None;
    }
    let caps = ARROW_OWNER.captures(text)?;
    let (task, who) = (&caps["task"], &caps["who"]);
    if task.split_whitespace().count() < 2 || task.ends_with('?') {
        return None;
    }
    if who.starts_with('@') {
        return Some(find_handles(who, line_no)).filter(|h| !h.is_empty());
    }
    let first = who.split_whitespace().next()?.to_lowercase();
    // `Pacific -> Quincy` goes from one version to the next: a thin arrow
    // needs someone the meeting knows.
    let given = lexicon::is_given_name(&first);
    let someone = (ctx.known_person)(who) || (given && !caps["arrow"].ends_with("->"));
    let not_someone = (ctx.not_person)(who) || lexicon::NOT_AGENTS.contains(&first.as_str());
    (someone && !not_someone).then(|| vec![PersonRef::name(who, line_no)])
}

/// The speaker a line opens with (`David:`, `dbrooks:`, `<nick>` in a chat log), if any.
pub fn speaker_of(text: &str) -> Option<&str> {
    if let Some((nick, _)) = chat_message(text) {
        return Some(nick);
    }
    // A label is at most two words before the first colon, opening the text.
    let label = text.split_once(':')?.0;
    if !label.starts_with(|c: char| c.is_alphabetic() || c == '@')
        || label.split_whitespace().nth(2).is_some()
    {
        return None;
    }
    let who = SPEAKER_LABEL.captures(text)?.get(1)?.as_str();
    if who.starts_with('@') {
        return Some(who);
    }
    let lower = who.to_lowercase();
    let first = lower.split_whitespace().next()?;
    // `CDS:` abbreviates a speaker; the meeting resolves it to a name.
    let initials = (2..=4).contains(&who.len()) && who.chars().all(|c| c.is_ascii_uppercase());
    // `Zach S:`, `Kenji Watanabe:`: a surname or initial after the first word.
    let surname = lower.split_whitespace().nth(1).is_some_and(|second| {
        second.chars().count() == 1 || !lexicon::COMMON_WORDS.contains(&second)
    });
    // `Decision:`, `Chairs:`, `Issue:` are labels; `mark:` and `CDS:` are speakers.
    let label = is_stop_word(first)
        || lexicon::NOT_AGENTS.contains(&first)
        || lexicon::DECISION_LABELS.contains(&first)
        || MARKER.is_match(&format!("{who}:"))
        || !(initials
            || surname
            || super::person::could_be_name(first)
            || lexicon::AMBIGUOUS_NAMES.contains(&first));
    (!label).then_some(who)
}

/// A chat log line (`16:05:15 <ann> #agreed ...`) without its time and nick.
pub fn without_chat_prefix(text: &str) -> &str {
    chat_message(text).map_or(text, |(_, said)| said)
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
    // `created request for LF`: a verb, not a nick.
    if lexicon::TASK_VERBS.contains(&lower.as_str())
        || super::person::noun_like(&lower)
        || super::person::verb_form(&lower)
    {
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

/// `X will do`, `Mark to move`, `@h reach out`, `have Joe ask`, `will be done by @h`,
/// `Joe: sure, I'll do it`: the people committing. With `strict`, the capitalised subject
/// of "X to", "have X" or "by X" must be a given name or someone the meeting knows
/// (`Doodle to follow` names no one).
fn commitment(
    text: &str,
    line_no: u32,
    ctx: &LineContext<'_>,
    strict: bool,
) -> Option<Vec<PersonRef>> {
    // `Ann to draft it, Bo to review`: every subject with a task of its own owns the line.
    let mut owners: Vec<PersonRef> = Vec::new();
    for (caps, agentive) in planned_tasks(text) {
        // "X will", "X volunteered to": only someone commits so; "X to" is also a plan's tense.
        let at = caps.get(1).map_or(0, |m| m.start());
        let strict = strict && !agentive;
        for p in person_or_pair(&caps[1], text, at, line_no, ctx, strict).unwrap_or_default() {
            if !owners.iter().any(|o| o.key() == p.key()) {
                owners.push(p);
            }
        }
    }
    if !owners.is_empty() {
        return Some(owners);
    }
    // `ravi-p to add the test`: a lower-case nick with a hyphen or digit commits.
    let nick_commits = text
        .contains(['-', '_'])
        .then(|| NICK_COMMITS.captures_iter(text));
    for caps in nick_commits.into_iter().flatten() {
        // "follow-up to", "roll-out to": hyphenated ordinary words are no nick.
        let ordinary = caps[1]
            .split(['-', '_'])
            .all(|p| lexicon::COMMON_WORDS.contains(&p) || p.is_empty());
        if !ordinary && !lexicon::NOT_TASKS.contains(&&caps[2]) {
            return Some(vec![PersonRef::name(&caps[1], line_no)]);
        }
    }
    let handle_acts = text.contains('@').then(|| HANDLE_ACTS.captures_iter(text));
    for caps in HAVE_PERSON
        .captures_iter(text)
        .chain(handle_acts.into_iter().flatten())
    {
        if is_task_verb(&caps[2])
            && let Some(people) = one_person(&caps[1], line_no, ctx, strict)
        {
            return Some(vec![people]);
        }
    }
    if let Some(p) = self_commitment(text, line_no, ctx) {
        return Some(vec![p]);
    }
    // "to be written by Matej": the agent of a passive is someone.
    text.contains("by")
        .then(|| PASSIVE_BY.captures(text))
        .flatten()
        .and_then(|c| one_person(&c[1], line_no, ctx, false))
        .map(|p| vec![p])
}

/// "X will do", "X to move ...": each subject and task verb that reads as a plan, and
/// whether the form is one only an agent uses (`will`, `volunteered to`).
fn planned_tasks(text: &str) -> impl Iterator<Item = (regex::Captures<'_>, bool)> {
    COMMITMENT.captures_iter(text).filter_map(|caps| {
        let verb = caps.get(2)?;
        let will = caps[0].contains(" will ")
            || caps[0].contains(" shall ")
            || caps[0].contains(" is going to ");
        let plausible = if will {
            !lexicon::NOT_TASKS.contains(&verb.as_str())
        } else {
            is_task_verb(verb.as_str())
        };
        // "... fall on Amir and Jeff to do.": `do` without an object names no task;
        // "Page to register: <link>" labels a link.
        let after = text[verb.end()..].trim_start();
        let objectless = (verb.as_str() == "do"
            && after.chars().next().is_none_or(|c| !c.is_alphanumeric()))
            || text[verb.end()..].starts_with(':');
        let agentive = will || caps[0].contains(" agreed to ") || caps[0].contains("ered to ");
        (plausible && !objectless).then_some((caps, agentive))
    })
}

/// Whether `I` stands as a word before a space or an apostrophe somewhere in
/// `text`, as in every match of [`SELF_COMMITS`].
fn says_i(text: &str) -> bool {
    text.match_indices('I').any(|(at, _)| {
        text[at + 1..].starts_with(|c: char| c.is_whitespace() || c == '\'' || c == '’')
    })
}

/// `David: I'll try to get an editor`, `lokathor: yeah, I'll do that`, or a later
/// sentence of the same turn (`I'll bring it to the modules call`): the speaker commits
/// when a task verb follows (`I can live with it` is no task).
fn self_commitment(text: &str, line_no: u32, ctx: &LineContext<'_>) -> Option<PersonRef> {
    let (who, rest) = match speaker_of(text) {
        Some(who) => {
            let rest = chat_message(text).map(|(_, said)| said).unwrap_or_else(|| {
                SPEAKER_LABEL
                    .captures(text)
                    .and_then(|c| c.get(2))
                    .map_or("", |m| m.as_str())
            });
            (who, rest)
        }
        None => (ctx.speaker?, text),
    };
    let caps = (says_i(rest))
        .then(|| SELF_COMMITS.captures(rest))
        .flatten()
        .or_else(|| {
            // Without a subject only inside a turn, where someone is speaking.
            (ctx.speaker.is_some() && !rest.trim_end().ends_with('?'))
                .then(|| SUBJECTLESS.captures(rest))
                .flatten()
        })?;
    let verb = caps.get(1)?.as_str();
    // `"... a braced thing, I can put attributes there"`: a quoted hypothetical.
    let before = &rest[..caps.get(0)?.start()];
    let quoted = before.matches('"').count() % 2 == 1
        || before.matches('“').count() > before.matches('”').count();
    if quoted {
        return None;
    }
    if !is_task_verb(verb) || lexicon::NOT_TASKS.contains(&verb) {
        return None;
    }
    // `I'll present`, `I can give the status`: said for the meeting itself, unless a
    // later time makes it a task (`I'll present it next week`).
    let later = &rest[caps.get(0)?.end()..];
    if lexicon::MEETING_ACTS.contains(&verb) && !LATER.is_match(later) {
        return None;
    }
    let bare = who.trim_start_matches('@');
    if (ctx.not_person)(bare) || is_stop_word(bare) {
        return None;
    }
    Some(if who.starts_with('@') {
        PersonRef::handle(bare, line_no)
    } else {
        PersonRef::name(bare, line_no)
    })
}

/// `Joe` or `@h`, and a second name joined by "and" just before it (`Joe and Johannes will`).
fn person_or_pair(
    who: &str,
    text: &str,
    at: usize,
    line_no: u32,
    ctx: &LineContext<'_>,
    strict: bool,
) -> Option<Vec<PersonRef>> {
    let first = one_person(who, line_no, ctx, strict)?;
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
        if let Some(p) = one_person(other, line_no, ctx, strict) {
            people.push(p);
        }
    }
    people.push(first);
    Some(people)
}

fn one_person(who: &str, line_no: u32, ctx: &LineContext<'_>, strict: bool) -> Option<PersonRef> {
    let not_person = ctx.not_person;
    if let Some(h) = who.strip_prefix('@') {
        return Some(PersonRef::handle(h, line_no));
    }
    if (2..=4).contains(&who.len()) && who.chars().all(|c| c.is_ascii_uppercase()) {
        // An abbreviation (`BBR to update ...`); the meeting resolves it to a name, or drops
        // it. "MCP to prototype" needs the meeting to know BBR (`(BBR)`, `BBR:`) first.
        let vouched = !strict || (ctx.known_person)(who);
        return (vouched && !not_person(who)).then(|| PersonRef::name(who, line_no));
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
    // Any capitalised word can open "X to follow"; outside a task list it takes a
    // given name or someone the meeting knows to make it a person.
    let vouched = !strict
        || lexicon::FIRST_NAMES.contains(&lower.as_str())
        || lexicon::AMBIGUOUS_NAMES.contains(&lower.as_str())
        || (ctx.known_person)(who)
        || (ctx.known_person)(first);
    (looks_like_first_name(first)
        && agent
        && vouched
        && !is_stop_word(first)
        && !not_person(who)
        && !not_person(first))
    .then(|| PersonRef::name(who, line_no))
}

/// The name opening a marked task (`AI: Matej pings Oliver`).
fn leading_name(rest: &str, line_no: u32, ctx: &LineContext<'_>) -> Vec<PersonRef> {
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
    match one_person(first, line_no, ctx, false) {
        Some(p) if verbish => vec![p],
        _ => Vec::new(),
    }
}

/// Named owners in a task text: trailing `(@h)`, a commitment, a `Name:` or
/// `Name — task` prefix, or the one handle in it.
fn owners_in(text: &str, line_no: u32, ctx: &LineContext<'_>, strict: bool) -> Vec<PersonRef> {
    if let Some(caps) = TRAILING_OWNER.captures(text) {
        return find_handles(&caps[1], line_no);
    }
    if let Some(found) = commitment(text, line_no, ctx, strict) {
        return found;
    }
    let colon = text.split_once(':').map(|(label, _)| label);
    if let Some(owner) = colon.and_then(|label| owner_label(label, line_no, ctx)) {
        return vec![owner];
    }
    if let Some(owner) = dash_owner(text).and_then(|(label, task)| {
        // `Keystone PTG - today and tomorrow` is a topic and its detail: the label must be
        // a handle, a given name, someone known, or followed by a task verb.
        let first = label.split_whitespace().next().unwrap_or("").to_lowercase();
        let verb = task
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .next()
            .unwrap_or("")
            .to_lowercase();
        let vouched = label.starts_with('@')
            || lexicon::FIRST_NAMES.contains(&first.as_str())
            || (ctx.known_person)(label.trim())
            || is_task_verb(&verb);
        vouched.then(|| owner_label(label, line_no, ctx)).flatten()
    }) {
        return vec![owner];
    }
    let handles = find_handles(text, line_no);
    // `@ann Write the runbooks (review by @bo)`: a task opening with a handle is its.
    let leading = text.starts_with('@') && handles.len() > 1;
    if handles.len() == 1 || leading {
        handles.into_iter().take(1).collect()
    } else {
        Vec::new()
    }
}

/// The part before a dash that separates an owner from the task
/// (`Fatou — move the runbook`, `@r.ortega - add an alert`).
fn dash_owner(text: &str) -> Option<(&str, &str)> {
    let at = [" — ", " – ", " - ", " \\- "]
        .iter()
        .filter_map(|d| text.find(d).map(|i| (i, d.len())))
        .min()?;
    let (label, rest) = (&text[..at.0], text[at.0 + at.1..].trim());
    (!rest.is_empty()).then_some((label, rest))
}

/// A label that names who does the task: `@handle` or a short name-like label.
fn owner_label(label: &str, line_no: u32, ctx: &LineContext<'_>) -> Option<PersonRef> {
    let label = label.trim();
    if let Some(handle) = label.strip_prefix('@') {
        // Handles may hold dots (`@r.ortega`), which prose handles do not.
        let handle = handle.trim_end_matches('.');
        let valid = !handle.is_empty()
            && handle
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
        return valid.then(|| PersonRef::handle(handle, line_no));
    }
    (label.split_whitespace().count() <= 3
        && super::person::name_like(label)
        && !is_stop_word(label)
        && !(ctx.not_person)(label)
        && super::person::could_be_name(&label.to_lowercase()))
    .then(|| super::person::person_ref(label, line_no))
}

/// Whether the text opens with a task verb (`Create a ticket`).
pub fn starts_with_task_verb(text: &str) -> bool {
    let mut words = text
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(|c: char| !c.is_alphanumeric());
    let first = words.next().unwrap_or("");
    // `Do not overcomplicate things`: a rule to keep, not a task.
    let forbids = words.next().is_some_and(|w| w.eq_ignore_ascii_case("not"));
    first.chars().next().is_some_and(char::is_uppercase)
        && is_task_verb(&first.to_lowercase())
        && !forbids
}

/// Whether what follows a label (`Ann: send the invite`) opens with a task verb.
fn labels_a_task(text: &str) -> bool {
    let said = text.split_once(':').map_or("", |(_, said)| said);
    let first = said
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    is_task_verb(&first.to_lowercase())
}

/// A task verb, also after a prefix (`re-read`).
fn is_task_verb(word: &str) -> bool {
    lexicon::TASK_VERBS.contains(&word)
        || word
            .rsplit_once('-')
            .is_some_and(|(_, last)| lexicon::TASK_VERBS.contains(&last))
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
    fn an_arrow_hands_a_task_to_someone() {
        let none = LineContext::default();
        assert_eq!(
            who("Settings page with the new password => Mark", none),
            Some(vec!["Mark".into()])
        );
        assert_eq!(
            who("Issue to create and prioritize -> @qlimp", none),
            Some(vec!["qlimp".into()])
        );
        assert_eq!(
            who("Issue to create and prioritize => qlimp", none),
            None,
            "a lower-case word is no one here"
        );
        assert_eq!(
            who("Issue to create and prioritize -> @qlimp", none),
            Some(vec!["qlimp".into()])
        );
        let known = |n: &str| n == "Quenby";
        let ctx = LineContext {
            known_person: &known,
            ..LineContext::default()
        };
        assert_eq!(
            who("Rotate the mirror keys → Quenby", ctx),
            Some(vec!["Quenby".into()])
        );
        for line in [
            "EKS + DOKS => Done",
            "Ceph Upgrade: Pacific -> Quincy",
            "Timeline for the image manager -> January",
            "Who owns the mirror => Mark?",
        ] {
            assert_eq!(who(line, none), None, "{line}");
        }
    }

    #[test]
    fn next_steps_and_done_lists() {
        let none = LineContext::default();
        assert!(
            who(
                "Next steps: clarify the membership rules in the issue",
                none
            )
            .is_some()
        );
        assert_eq!(who("next steps:", none), None);
    }

    #[test]
    fn commitments_inside_a_turn() {
        let in_turn = LineContext {
            speaker: Some("Ann Lee"),
            ..LineContext::default()
        };
        assert_eq!(
            who("Will share the link later", in_turn),
            Some(vec!["Ann Lee".into()])
        );
        assert_eq!(
            who("Got access last week, will delegate.", in_turn),
            Some(vec!["Ann Lee".into()])
        );
        assert_eq!(
            who("I believe it is Tuesday, but I will double-check.", in_turn),
            Some(vec!["Ann Lee".into()])
        );
        assert_eq!(
            who("Cool I'll make the site changes tonight", in_turn),
            Some(vec!["Ann Lee".into()])
        );
        assert_eq!(
            who("I of course volunteer to take care of this", in_turn),
            Some(vec!["Ann Lee".into()])
        );
        assert_eq!(who("Will this work on ARM?", in_turn), None);
        // With no one speaking, a subjectless line is no one's task.
        assert_eq!(
            who("Will share the link later", LineContext::default()),
            None
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
        assert_eq!(who("Sponsoring?", section), None);
        // After another sentence on its line: a task only when it opens with its verb.
        let after = LineContext {
            in_action_section: true,
            follows_on_line: true,
            ..LineContext::default()
        };
        assert_eq!(who("The caller is the problem.", after), None);
        assert_eq!(who("Create another ticket.", after), Some(vec![]));
        // A speaker's turn in a task list says something; a labelled task is one.
        assert_eq!(who("Peter: That should be simple.", section), None);
        assert!(who("Peter: send the invite", section).is_some());
        let decided = LineContext {
            is_decision: true,
            ..LineContext::default()
        };
        assert_eq!(who("Remove the existing lint", decided), Some(vec![]));
        assert_eq!(who("Do not overcomplicate things", decided), None);
    }

    #[test]
    fn tasks_in_the_passive() {
        let none = LineContext::default();
        assert_eq!(who("Summary to be written and shared", none), Some(vec![]));
        assert_eq!(
            who("Issue to be created by @lemeur (AWS side)", none),
            Some(vec!["lemeur".into()])
        );
        assert_eq!(
            who("Working meeting to be scheduled next Board meeting", none),
            Some(vec![])
        );
        for said in [
            "Contributor documentation needs to be updated",
            "Initial announcement was to be sent from the list",
            "RFCs waiting to be merged",
            "There's more work to be done solidifying the scope.",
            "PRs to be approved (in merge order):",
            "Side-effects to be expected in R6",
            "Is the summary to be written?",
            "Fill this form to be emailed a link to the meeting.",
        ] {
            assert_eq!(who(said, none), None, "{said}");
        }
    }

    #[test]
    fn more_task_verbs_and_later_clauses() {
        let none = LineContext::default();
        let initials = |name: &str| name == "QXR";
        let known = LineContext {
            known_person: &initials,
            ..LineContext::default()
        };
        assert_eq!(
            who("QXR to land the PR after the patch is upstream", known),
            Some(vec!["QXR".into()])
        );
        assert_eq!(who("MCP to prototype the new process", none), None);
        assert_eq!(
            who("Teodor: I will re-read the RFC today", none),
            Some(vec!["Teodor".into()])
        );
        assert_eq!(
            who("Priscila volunteered to take a look.", none),
            Some(vec!["Priscila".into()])
        );
        assert_eq!(
            who(
                "Need a volunteer for the chart bump - Yuki will do it.",
                none
            ),
            Some(vec!["Yuki".into()])
        );
        assert_eq!(
            who(
                "Kay: Great thoughts, I'll bring them to the planning group.",
                none
            ),
            Some(vec!["Kay".into()])
        );
        let turn = LineContext {
            speaker: Some("QXR"),
            ..LineContext::default()
        };
        assert_eq!(
            who("I'll bring it to the tooling call next week.", turn),
            Some(vec!["QXR".into()])
        );
        assert_eq!(who("I'll bring it up again.", none), None);
    }

    #[test]
    fn every_owner_of_a_shared_line() {
        let none = LineContext::default();
        assert_eq!(
            who("@kmoro to open the ticket, @lvance to close it", none),
            Some(vec!["kmoro".into(), "lvance".into()])
        );
        assert_eq!(
            who("Odile will write the summary, Ravi will send it out", none),
            Some(vec!["Odile".into(), "Ravi".into()])
        );
        assert_eq!(
            who("AI: QK & TV to check the backup restore", none),
            Some(vec!["QK".into(), "TV".into()])
        );
        assert_eq!(
            who("@kmoro & @lvance will rotate the keys", none),
            Some(vec!["kmoro".into(), "lvance".into()])
        );
    }

    #[test]
    fn votes_and_opinions_are_no_tasks() {
        let none = LineContext::default();
        assert_eq!(who("+1 from Ana, Bo, Ines to ship RC3", none), None);
        assert_eq!(who("+1 (binding)", none), None);
        assert_eq!(
            who("mrivers: I can live with it if the text says so", none),
            None
        );
        assert_eq!(
            who("mrivers: I can write the note for the list", none),
            Some(vec!["mrivers".into()])
        );
    }

    #[test]
    fn a_subject_must_be_someone() {
        let none = LineContext::default();
        assert_eq!(who("(Framadate to follow on the list)", none), None);
        assert_eq!(who("Teodor to publish the next draft", none), None);
        assert_eq!(
            who("Teodor will publish the next draft", none),
            Some(vec!["Teodor".into()])
        );
        let known = |name: &str| name.eq_ignore_ascii_case("teodor");
        let ctx = LineContext {
            known_person: &known,
            ..LineContext::default()
        };
        assert_eq!(
            who("Teodor to publish the next draft", ctx),
            Some(vec!["Teodor".into()])
        );
        assert_eq!(
            who("AI: Teodor to publish the next draft", none),
            Some(vec!["Teodor".into()])
        );
    }

    #[test]
    fn questions_and_objectless_plans() {
        let none = LineContext::default();
        assert_eq!(
            who("Shouldn't just fall on Amir and Jeff to do.", none),
            None
        );
        assert_eq!(who("Page to register: https://example.org/", none), None);
        assert_eq!(
            who(
                "Ana: one view says \"inside a block, I can put attributes there\"",
                none
            ),
            None
        );
        assert_eq!(
            who("Breakout to clarify the scope of R4 (@fkr)", none),
            Some(vec!["fkr".into()])
        );
        let decided = LineContext {
            is_decision: true,
            ..LineContext::default()
        };
        assert_eq!(who("Do we need a better syntax?", decided), None);
    }

    #[test]
    fn owner_before_a_dash() {
        let task = LineContext {
            checkbox: Some(false),
            ..LineContext::default()
        };
        assert_eq!(
            who("Folasade — move the runbook to the wiki", task),
            Some(vec!["Folasade".into()])
        );
        assert_eq!(
            who("@k.lind - add a pool saturation alert", task),
            Some(vec!["k.lind".into()])
        );
        assert_eq!(
            who("Teodor \\- update the chart", task),
            Some(vec!["Teodor".into()])
        );
        assert_eq!(who("Docs — update the README", task), Some(vec![]));
        assert_eq!(
            who(
                "@k.lind Runbooks for the mirrors (review by @bo and @cy)",
                task
            ),
            Some(vec!["k.lind".into()])
        );
        assert_eq!(who("Pair @bo with @cy on the mirrors", task), Some(vec![]));
        assert_eq!(
            who("Keystone PTG - today and tomorrow at 13:00", task),
            Some(vec![])
        );
    }

    #[test]
    fn chat_log_speakers() {
        assert_eq!(speaker_of("16:01:51 <rsol> I'll send it"), Some("rsol"));
        assert_eq!(speaker_of("[09:12] <ann> #agreed go"), Some("ann"));
        assert_eq!(without_chat_prefix("16:01 <ann> #agreed go"), "#agreed go");
        assert_eq!(speaker_of("Decision: go"), None);
        assert_eq!(speaker_of("Chairs: confirm it"), None);
        assert_eq!(speaker_of("mark: yes, I can file it"), Some("mark"));
        assert_eq!(speaker_of("Zach S: I can commit to it"), Some("Zach S"));
        assert_eq!(speaker_of("Next Steps: none"), None);
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
