//! Decisions: conclusions, resolutions, agreements and acceptances — but not
//! proposals, questions or "no final answer".

use super::lexicon;
use regex::Regex;
use std::sync::LazyLock;

static OPENING_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:accepted|approved|agreed|rejected|declined|resolved|decided|ratified|consensus)\b").expect("regex")
});

/// The ways minutes state that something was decided, each a readable pattern,
/// searched as one.
static CUES: LazyLock<Regex> = LazyLock::new(|| {
    let cues = [
        // We decided, the board approved, agreed to / on / that.
        r"(?ix) \b (?: we | it \s+ was | group | team | everyone | all | tac | committee | board )
            \s+ (?: has \s+ | have \s+ )? (?: decided | agreed | approved | resolved ) \b",
        r"(?ix) \b (?: decided | agreed | decides | agrees | decide | agree ) \s+ (?: to | that | on | upon ) \b",
        r"(?ix) \b (?: decided | approved ) \b",
        // We're all agreed, we're mostly in agreement.
        r"(?ix) \b we (?: 're | ’re | \s+ are ) \s+ (?: \w+ \s+ )? (?: agreed | in \s+ agreement ) \b",
        r"(?ix) \b we (?: 're | ’re | \s+ are ) \s+ (?: content | happy | fine | ok | okay | comfortable ) \s+ (?: to | with ) \b",
        // The result showed that ...
        r"(?ix) \b (?: result | outcome | conclusion ) \b [^.]* \b (?: showed | shows | is | was ) \b ,? \s+ that \b",
        // Consensus reached, consensus: ..., no objections (raised).
        r"(?ix) \b consensus \s+ (?: is | was | reached | that | to | on | points ) \b | \b consensus \b \s* :",
        r"(?ix) \b no \s+ objections? \b (?: \s+ (?: were | was ) \s+ raised )?",
        // Motions and votes.
        r"(?ix) \b (?: motion | proposal | resolution ) \s+ (?: (?: was | is | has \s+ been ) \s+ )?
            (?: passed | passes | carried | carries | adopted | approved | accepted ) \b",
        r"(?ix) \b voted \s+ (?: to | in \s+ favou?r | unanimously ) \b",
        r"(?ix) \b unanimously \s+ (?: approved | agreed | accepted | adopted | (?: re- )? elected ) \b",
        r"(?ix) \b withdr (?: ew | awn ) \s+ (?: the | this | their | his | her ) \s+ proposal \b",
        r"(?ix) \b (?: proposal | vote | decision ) \b [^.]{0,60} \b (?: postponed | deferred ) \b",
        // Appointed Ann Lee as delegate.
        r"(?x) \b [Aa]ppointed \s+ \p{Lu}",
        r"(?ix) \b let'?s \s+ do \s+ it \b",
    ]
    .iter()
    // Word boundaries by ASCII letters keep the search in the fast engine on
    // text with letters beyond ASCII; every cue word is ASCII.
    .map(|p| format!("(?:{})", p.replace(r"\b", r"(?-u:\b)")))
    .collect::<Vec<_>>()
    .join("|");
    Regex::new(&cues).expect("decision cue regex")
});

/// `Let's keep the thread going`, `All: let us wait`: what the meeting settles
/// on for itself, at the start of a sentence (after a speaker's label).
static SETTLES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ix) ^ (?: [^:]{1,30} : \s* )? (?: so \s+ | ok,? \s+ | okay,? \s+ )? let (?: 's | ’s | \s+ us ) \s+ \w+")
        .expect("settles regex")
});

/// `let's`, `let us`.
static LETS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\blet(?:'s|’s|\s+us)\b").expect("let's regex"));

/// A later time or another place for what was brought up.
static DEFERRED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix) \b (?: later | offline | next \s+ (?: week | time | meeting | call | session ) | working \s+ session | on \s+ (?: discord | slack | github | the \s+ issue ) ) \b",
    )
    .expect("deferred regex")
});

static NEGATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b (?: no | not | nothing | never | without | un ) \s* (?: yet \s+ | final \s+ | real \s+ )?
            (?: decided | decision | agreed | agreement | consensus | answer | conclusion | approved ) \b
        | \b undecided \b | \b to \s+ be \s+ decided \b | \b tbd \b
        # A condition or a hypothetical: `if we decide`, `if agreed`.
        | \b (?: if | whether | unless ) \b .* \b (?: agreed | approved | decided | decide | agree | approve ) \b
        # Still to do: `waiting for approval`, `need to decide on`.
        | \b waiting \s+ for \s+ approval \b
        | \b needs? \s+ (?: to \s+ be \s+ )? (?: approved | decided ) \b
        | \b needs? \s+ to \s+ (?: decide | agree | approve ) \b
        | \b welcomes \s+ this \s+ decision \b
        # A wish or a need, not a result: `important that we agree`, `we should
        # decide`, `needs to be consensus across wallets`.
        | \b (?: important | necessary | essential | crucial | needs? | wants? | hope | should
              | would | could | must ) \b [^.]{0,40} \b (?: agree | agreement | consensus | decide ) \b
        # A supposition or a look ahead: `let's say we decide`, `let's see if it holds`.
        | \b let (?: 's | ’s | \s+ us ) \s+ (?: say | assume | suppose | imagine | pretend ) \b
        | \b let (?: 's | ’s | \s+ us ) \s+ see \s+ (?: if | whether | what | who | where | when ) \b
        # Someone else's decision: `when they decided`, `they agreed on their call`.
        | \b (?: they | he | she ) \s+ (?: had \s+ )? (?: decided | agreed | approved ) \b",
    )
    .expect("negated regex")
});

static BEFORE_MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:last|previous|past)\s+(?:week|month|year|meeting|call|time|session|sync|sprint|quarter|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|since\s+(?:the\s+)?last|yesterday|previously|(?:days|weeks|months|years)\s+ago|a\s+while\s+ago|in\s+the\s+past|earlier\s+(?:today|this|that|in|on))\b|\bearlier\s*(?:[.,;)]|$)",
    )
    .expect("regex")
});
static NOT_DONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bbut\s+never\b|\bnever\s+(?:did|happened|followed|got)\b|\b(?:did|do|does|could|can)(?:n't|n’t|\s+not)\s+(?:agree|decide|approve|resolve|reach|accept|adopt)\b",
    )
    .expect("regex")
});
static LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([^:]{1,30}):\s*(.*)$").expect("regex"));

/// Whether `label` (a bold lead or `X:` prefix) marks a decision.
pub fn is_decision_label(label: &str) -> bool {
    is_decision_label_with(label, &[])
}

/// Whether `label` marks a decision, also accepting the configured `extra` labels.
pub fn is_decision_label_with(label: &str, extra: &[String]) -> bool {
    let l = label.trim().trim_end_matches(':').trim().to_lowercase();
    let l = l.trim_start_matches('#');
    extra.iter().any(|e| e == l)
        || lexicon::DECISION_LABELS.contains(&l)
        || l.split(['/', ' '])
            .any(|w| lexicon::DECISION_LABELS.contains(&w) && l.split_whitespace().count() <= 3)
}

/// Whether `label` is a decision label and nothing more (`Decisions`,
/// `Resolutions`, `Meeting consensus`, `Consensus of the meeting`), as over a
/// list of the decisions themselves; `Needs review/decisions`, `Lazy
/// consensus` or `Approved by` are not.
pub fn is_only_decision_label(label: &str, extra: &[String]) -> bool {
    let l = label.trim().trim_end_matches(':').trim().to_lowercase();
    let known = |w: &str| {
        extra.iter().any(|e| e == w)
            || lexicon::DECISION_LABELS.contains(&w)
            || w.strip_suffix('s')
                .is_some_and(|w| lexicon::DECISION_LABELS.contains(&w))
    };
    let words: Vec<&str> = l.split_whitespace().collect();
    match words.as_slice() {
        [] => false,
        [.., last] if known(&l) || known(last) && words.len() <= 3 => {
            // `Meeting consensus`, `Rough consensus`.
            words[..words.len() - 1]
                .iter()
                .all(|w| lexicon::DECISION_LABEL_QUALIFIERS.contains(w))
                || known(&l)
        }
        // `Consensus of meeting`, `Decision from the meeting`.
        [first, link, rest @ ..] => {
            known(first)
                && matches!(*link, "of" | "from" | "in" | "at")
                && rest.len() <= 2
                && rest
                    .iter()
                    .all(|w| *w == "the" || lexicon::DECISION_LABEL_QUALIFIERS.contains(w))
        }
        _ => false,
    }
}

#[cfg(test)]
mod label_tests {
    use super::is_only_decision_label as only;

    #[test]
    fn labels_over_a_list_of_decisions() {
        for label in [
            "Decisions:",
            "Resolutions",
            "Outcome:",
            "Meeting consensus:",
            "Rough consensus",
            "Consensus of meeting:",
            "Consensus from the meeting:",
        ] {
            assert!(only(label, &[]), "{label}");
        }
        for label in [
            "Needs review/decisions:",
            "Approved by:",
            "Lazy consensus:",
            "Potential consensus:",
            "Current test result:",
            "Resolved tech debt:",
            "Conflict resolution",
        ] {
            assert!(!only(label, &[]), "{label}");
        }
        assert!(only("Beschluss:", &["beschluss".to_string()]));
    }
}

/// Whether `label` (before a `:`) marks a task: `Action item`, `TODO`, `Next steps`.
fn is_task_label(label: &str) -> bool {
    let l = label
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    matches!(
        l.as_str(),
        "action"
            | "actions"
            | "action item"
            | "action items"
            | "ai"
            | "todo"
            | "to do"
            | "to-do"
            | "task"
            | "tasks"
            | "next step"
            | "next steps"
            | "follow-up"
            | "follow up"
    )
}

/// Whether one line of text states a decision.
pub fn states_decision(line: &str) -> bool {
    states_decision_with(line, &[])
}

/// Whether one line of text states a decision, also accepting the configured labels.
pub fn states_decision_with(line: &str, extra: &[String]) -> bool {
    let text = line.trim();
    !text.is_empty()
        && !text.ends_with('?')
        && stated(text, extra)
        && !NEGATED.is_match(text)
        && !NOT_DONE.is_match(text)
}

/// Whether a line, unless negated, states a decision: by its label, a meeting
/// bot's command or a cue.
fn stated(text: &str, extra: &[String]) -> bool {
    if let Some((label, said)) = text.split_once(':') {
        // `All: we shouldn't land it until it has the patch`: the room speaks as
        // one (`All: read the doc` gives everyone a task).
        let said = said.trim();
        let states = said.split_whitespace().count() >= 4 && !said.ends_with('?');
        if is_whole_room(label) && states && !opens_with_task(said) {
            return true;
        }
        if label.len() < 30 && is_decision_label_with(label, extra) {
            // `Decision last time:` reports an earlier meeting's decision.
            return !BEFORE_MEETING.is_match(label);
        }
        // `Action item: let's ask them`: a task, labelled so.
        if label.len() < 30 && is_task_label(label) {
            return false;
        }
    }
    if let Some(command) = text.strip_prefix('#') {
        // MeetBot: `#agreed ...`, `#decided ...`.
        let word = command.split_whitespace().next().unwrap_or("");
        return is_decision_label_with(word, extra);
    }
    // A keyword in a report of the past (`we resolved it last week`) or in a task
    // (`Chairs: confirm consensus on the list`) decides nothing here.
    let settles = SETTLES.is_match(text) && !runs_the_meeting(text);
    let cued = OPENING_WORD.is_match(text) || CUES.is_match(text) || settles;
    cued && !BEFORE_MEETING.is_match(text) && !opens_with_task(text)
}

/// `Let's move on`, `Let's talk about the release`, `Let's see.`: the meeting
/// running itself (`data/lexicon/meeting-procedure.txt`), nothing settled.
fn runs_the_meeting(text: &str) -> bool {
    let Some(lets) = LETS.find(text) else {
        return false;
    };
    let rest = text[lets.end()..].trim_start().to_lowercase();
    let rest = rest.strip_prefix("just ").unwrap_or(&rest);
    let words: Vec<&str> = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let bare_see = rest.strip_prefix("see").is_some_and(|after| {
        after
            .trim_start()
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
    });
    let procedure = bare_see
        || (1..=2).any(|n| {
            words.len() >= n && lexicon::MEETING_PROCEDURE.contains(&words[..n].join(" ").as_str())
        });
    // `Let's talk about that later`, `... on the next call`: a deferral, settled.
    procedure && !DEFERRED.is_match(rest)
}

/// `Accepted MCPs`, `Approved RFCs`: a short heading over the list of what was
/// decided, each item below a decision (`Consensus points` is a decision of
/// its own, spanning its list).
pub fn is_outcome_list_heading(text: &str) -> bool {
    let text = text.trim();
    let mut words = text.split_whitespace();
    let first = words.next().unwrap_or("");
    words.count() <= 2
        && !text.contains([':', '.', '!', '?'])
        && ["accepted", "approved", "rejected", "declined"]
            .iter()
            .any(|w| first.eq_ignore_ascii_case(w))
}

/// `No new accepted proposals this time.`, `None`: an entry saying nothing was
/// decided (`No longer experimental` says something was).
pub fn says_none(text: &str) -> bool {
    let text = text.trim().trim_end_matches('.');
    let starts = |prefix: &str| {
        text.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    starts("no ") && !starts("no longer")
        || ["none", "n/a", "nothing"]
            .iter()
            .any(|w| text.eq_ignore_ascii_case(w))
}

/// Whether a speaker's label is the whole room (`All`, `**Everyone**`).
fn is_whole_room(label: &str) -> bool {
    let l = label
        .trim()
        .trim_start_matches(['-', '*', ' '])
        .trim_matches(['*', '_', ' ']);
    ["all", "everyone", "everybody"]
        .iter()
        .any(|w| l.eq_ignore_ascii_case(w))
}

/// Whether a sentence is a decision only by settling on a next step (`Let's ...`):
/// in a list of actions that is a task, not a decision.
pub fn only_settles(line: &str) -> bool {
    let text = line.trim();
    SETTLES.is_match(text) && !OPENING_WORD.is_match(text) && !CUES.is_match(text)
}

/// Whether the sentence, after a `Who:` label, opens with an imperative task verb
/// (`confirm consensus on the list`); `Merge approved!` and `Agree that ...` do not.
fn opens_with_task(text: &str) -> bool {
    let body = LABEL
        .captures(text)
        .filter(|c| c[1].split_whitespace().count() <= 3)
        .and_then(|c| c.get(2))
        .map_or(text, |m| m.as_str());
    let mut words = body
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    let (Some(first), next) = (words.next(), words.next()) else {
        return false;
    };
    let next = next.unwrap_or_default();
    let stated = next.ends_with("ed") || matches!(next.as_str(), "that" | "to");
    lexicon::TASK_VERBS.contains(&first.as_str()) && !stated
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_and_non_decisions() {
        assert!(states_decision("Conclusion: Implemented."));
        assert!(states_decision("Accepted. Actioned by Johannes."));
        assert!(states_decision("For now decided to land this change"));
        assert!(states_decision("RESOLUTION: adopt the proposal"));
        assert!(states_decision("#agreed raise max-servers to 40"));
        assert!(states_decision(
            "Motion to adopt the charter; motion carried."
        ));
        assert!(states_decision(
            "The board voted unanimously to fund the audit"
        ));
        assert!(!states_decision("Motion to adopt the charter was tabled"));
        assert!(!states_decision("#info nodepool max-servers is 20"));
        assert!(states_decision("@berendt decided this should be 7.1.0"));
        assert!(states_decision(
            "The team gives up and decides that mbox is good enough."
        ));
        assert!(states_decision(
            "Seems like a bug, we are content to let it ride the trains"
        ));
        assert!(states_decision(
            "Result of the evaluation showed, that we will not deploy it"
        ));
        assert!(!states_decision("no final answer found yet"));
        assert!(!states_decision("Should we decide this now?"));
        assert!(!states_decision(
            "We are waiting for approval from the admins"
        ));
        assert!(!states_decision("Proposal: move to Flux"));
    }

    #[test]
    fn consensus_votes_and_settling() {
        assert!(states_decision("ok, thanks for the answers, no objections"));
        assert!(states_decision(
            "Bo: I think we're mostly in agreement then."
        ));
        assert!(states_decision("All: Let's take this offline."));
        assert!(states_decision(
            "Ann, Bo and Cy were re-nominated and unanimously re-elected."
        ));
        assert!(states_decision("In the end, Ann withdrew the proposal."));
        assert!(states_decision("*Appointed Bo Lee as delegate.*"));
        assert!(!states_decision("Any objections?"));
        assert!(!states_decision("Shall we let it run for a week?"));
        assert!(only_settles("Let's give them access to the staging host"));
        assert!(!states_decision(
            "Let's say in the next version we decide to drop it."
        ));
        assert!(!states_decision("OK, let's see if the fix holds."));
        assert!(!states_decision("Action item: let's ask them!"));
        assert!(!states_decision("**TODO**: agree on the schedule"));
        assert!(states_decision(
            "Let's see the results next week and then ship it."
        ));
        assert!(!only_settles("Agreed, let's ship it"));
        // The meeting running itself settles nothing.
        assert!(!states_decision("Let's see."));
        assert!(!states_decision("OK, let's move on to the next item."));
        assert!(!states_decision("So let's just talk about the release"));
        assert!(states_decision("Let's move the release to Friday."));
        assert!(states_decision("Let's talk about that later."));
    }

    #[test]
    fn the_whole_room_speaking_decides() {
        assert!(states_decision(
            "All: we shouldn't land the 5.9 update until it has the patch."
        ));
        assert!(states_decision("**Everyone**: the old name stays for now"));
        assert!(states_decision("All: no objections"));
        assert!(!states_decision(
            "All: should we keep the old name for now?"
        ));
        assert!(!states_decision("All: (bikeshedding)"));
        assert!(!states_decision("All: read the liaison responsibility doc"));
        assert!(!states_decision("Alice: keep the old name for now"));
    }

    #[test]
    fn past_reports_negations_and_tasks_are_no_decisions() {
        assert!(!states_decision(
            "Since last meeting we resolved the open question on parsing"
        ));
        assert!(!states_decision("The board approved the budget last week"));
        assert!(!states_decision(
            "we agreed to drop the mirror in May but never did"
        ));
        assert!(!states_decision("We did not agree on a name"));
        assert!(!states_decision(
            "Chairs: confirm consensus on the naming on the list"
        ));
        assert!(!states_decision("Agree on the scope list and a contact"));
        assert!(!states_decision("Decision last time: keep the old runner"));
        // Minutes use the past tense for what the meeting itself decided.
        assert!(states_decision("We agreed to use Rook for storage"));
        assert!(states_decision("Agreed."));
        assert!(states_decision(
            "Decision: revert the change merged last week"
        ));
        assert!(states_decision("Merge approved!"));
        assert!(states_decision("Agreed: land as a runtime deprecation"));
        assert!(states_decision(
            "👉 Decision: the old CI goes read-only in June"
        ));
        assert!(states_decision("Consensus: ship it in the next month"));
        for wish in [
            "I think it's important that we agree on this and that there's consensus",
            "there needs to be consensus across wallets",
            "we should decide on the naming",
        ] {
            assert!(!states_decision(wish), "{wish}");
        }
    }
}
