//! The rules about one meeting's parts: its date, its attendees, its action
//! items and its issue references.

use super::{FileContext, Finding, Rule};
use crate::extract::records::MeetingRecord;

/// A meeting with no date: the graph cannot place it on a timeline. A file
/// read as no meeting at all has neither date nor attendees.
pub fn no_date(ctx: &FileContext) -> Vec<Finding> {
    if ctx.record.meetings.is_empty() {
        return vec![not_minutes(ctx, Rule::NoDate, "no meeting date")];
    }
    ctx.record
        .meetings
        .iter()
        .filter(|m| m.date.is_none())
        .map(|m| {
            ctx.finding(
                Rule::NoDate,
                m.line,
                ctx.column_of(m.line, ""),
                "no meeting date found (write it in the title, front matter or file name)".into(),
            )
        })
        .collect()
}

/// A meeting with nobody listed as present. A meeting called off (said so
/// in its first lines, or recording nothing at all) is left alone.
pub fn no_attendees(ctx: &FileContext) -> Vec<Finding> {
    if ctx.record.meetings.is_empty() {
        return vec![not_minutes(ctx, Rule::NoAttendees, "no attendees")];
    }
    ctx.record
        .meetings
        .iter()
        .filter(|m| m.attendees.is_empty() && records_anything(m) && !called_off(ctx, m))
        .map(|m| {
            ctx.finding(
                Rule::NoAttendees,
                m.line,
                ctx.column_of(m.line, ""),
                "no attendees found (add an attendee section with a list of names)".into(),
            )
        })
        .collect()
}

/// A finding on a file read as no meeting, at its first line.
fn not_minutes(ctx: &FileContext, rule: Rule, what: &str) -> Finding {
    ctx.finding(
        rule,
        1,
        ctx.column_of(1, ""),
        format!("{what} found, nor anything else that marks the file as minutes"),
    )
}

/// An action item that names nobody to do it: extraction found no assignee,
/// and the text does not open with someone who is to do it (`RG will ...`,
/// `Kris volunteers`), which extraction cannot always tie to a person.
pub fn action_without_owner(ctx: &FileContext) -> Vec<Finding> {
    ctx.record
        .meetings
        .iter()
        .flat_map(|m| &m.actions)
        .filter(|a| {
            a.assignees.is_empty()
                && !says_nothing(&a.text)
                && !names_an_owner(&a.text, &|w| ctx.people.knows(w))
        })
        .map(|a| {
            let start: String = a.text.chars().take(24).collect();
            let column = ctx.column_of(a.line, start.trim());
            ctx.finding(
                Rule::ActionWithoutOwner,
                a.line,
                column,
                format!("action item has no owner: \"{}\"", short(&a.text)),
            )
        })
        .collect()
}

/// `#123` where no repository could be known: the graph cannot link it.
/// A place in a ranking (`#2 on my list`) is not an issue.
pub fn issue_without_repository(ctx: &FileContext) -> Vec<Finding> {
    ctx.record
        .meetings
        .iter()
        .flat_map(|m| &m.issues)
        .map(|i| &i.what)
        .filter(|i| i.key.is_bare() && !is_rank(ctx.line(i.line), &i.key.to_string()))
        .map(|i| {
            ctx.finding(
                Rule::IssueWithoutRepository,
                i.line,
                ctx.column_of(i.line, &i.key.to_string()),
                format!(
                    "issue {} names no repository (write owner/repo{} or set [repository] default)",
                    i.key, i.key
                ),
            )
        })
        .collect()
}

/// Whether the title or the first lines of a meeting say it was cancelled.
fn called_off(ctx: &FileContext, m: &MeetingRecord) -> bool {
    (m.line..m.line + 4)
        .map(|n| ctx.line(n).to_lowercase())
        .any(|l| l.contains("cancelled") || l.contains("canceled"))
}

/// Whether a meeting has any content: agenda items, decisions, actions,
/// people, issues or services.
fn records_anything(m: &MeetingRecord) -> bool {
    !(m.items.is_empty()
        && m.decisions.is_empty()
        && m.actions.is_empty()
        && m.people.is_empty()
        && m.issues.is_empty()
        && m.services.is_empty()
        && m.absentees.is_empty()
        && m.roles.is_empty())
}

/// Verbs that follow whoever is to do a task.
const OWNER_VERBS: [&str; 7] = ["to", "will", "taking", "takes", "owns", "agreed", "has"];

/// Whether the task's text opens (after a label like `Action:`) with someone
/// followed by a verb of taking it on, or says in passing that someone
/// volunteers. Someone is a person `known` by that spelling, initials, a
/// handle, an address, names joined by `/`, or two or three capitalised words.
fn names_an_owner(text: &str, known: &dyn Fn(&str) -> bool) -> bool {
    let text = match text.split_once(':') {
        Some((label, rest)) if label.split_whitespace().count() <= 2 => rest,
        _ => text,
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    let capital = |w: &str| bare(w).chars().next().is_some_and(char::is_uppercase);
    let someone = |at: usize| {
        let w = bare(words[at]);
        let initials =
            (2..=5).contains(&w.chars().count()) && w.chars().all(|c| c.is_ascii_uppercase());
        // Past the first word a capital is a name, not the start of a sentence.
        initials || w.contains('@') || w.contains('/') || known(w) || at > 0 && capital(w)
    };
    let joins = |w: &str| matches!(w, "and" | "+" | "&");
    let led_by_someone = |verb: usize| {
        (1..=3.min(verb)).any(|n| {
            let lead = &words[verb - n..verb];
            let first = verb - n;
            match n {
                1 => someone(first),
                _ => {
                    lead.iter().all(|w| capital(w) || joins(w))
                        || known(&lead.join(" "))
                        || someone(first) && lead.iter().skip(1).all(|w| joins(w) || capital(w))
                }
            }
        })
    };
    (0..words.len()).any(|i| {
        let verb = words[i].to_lowercase();
        let verb = verb.trim_end_matches(|c: char| !c.is_alphanumeric());
        (OWNER_VERBS.contains(&verb) || verb.starts_with("volunteer")) && led_by_someone(i)
    })
}

/// Whether an action's text says there is nothing to do: empty after its
/// label, or `none` / `no action`.
fn says_nothing(text: &str) -> bool {
    let rest = match text.split_once(':') {
        Some((label, rest)) if label.split_whitespace().count() <= 2 => rest,
        _ => text,
    };
    let rest = rest.trim().to_lowercase();
    rest.is_empty() || rest.starts_with("none") || rest.starts_with("no action")
}

/// Whether every `key` (`#8`) on `line` is a place in a ranking: followed by
/// `on` (`#8 on the list`).
fn is_rank(line: &str, key: &str) -> bool {
    let mut places = line.match_indices(key).peekable();
    places.peek().is_some()
        && places.all(|(at, _)| {
            let rest = &line[at + key.len()..];
            !rest.starts_with(|c: char| c.is_ascii_digit())
                && rest.split_whitespace().next() == Some("on")
        })
}

/// A word without the punctuation around it.
fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '@')
}

/// `text` on one line, cut to 60 characters.
pub(super) fn short(text: &str) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= 60 {
        return one;
    }
    let mut cut: String = one.chars().take(59).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::super::Rule;
    use super::super::testing::{places, run_with};
    use crate::config::Config;

    const GOOD: &str = "# Weekly sync 2024-03-05\n\n## Attendees\n\n- Ann Example\n- Bob Sample\n\n## Notes\n\n- Talked.\n";

    #[test]
    fn a_dated_meeting_with_attendees_passes() {
        assert_eq!(places(GOOD, Rule::NoDate), vec![]);
        assert_eq!(places(GOOD, Rule::NoAttendees), vec![]);
    }

    #[test]
    fn no_date_is_found_at_the_meeting() {
        let text = "# Weekly sync\n\n## Attendees\n\n- Ann Example\n";
        assert_eq!(places(text, Rule::NoDate), vec![(1, 1)]);
    }

    #[test]
    fn a_file_that_is_no_minutes_has_neither() {
        let text = "Some notes without a date.\n";
        assert_eq!(places(text, Rule::NoDate), vec![(1, 1)]);
        assert_eq!(places(text, Rule::NoAttendees), vec![(1, 1)]);
    }

    #[test]
    fn no_attendees_is_found_at_the_meeting() {
        let text = "# Weekly sync 2024-03-05\n\n## Notes\n\n- Talked about the release.\n";
        assert_eq!(places(text, Rule::NoAttendees), vec![(1, 1)]);
    }

    #[test]
    fn an_action_without_owner_is_found_at_its_text() {
        let text = format!(
            "{GOOD}\n## Action items\n\n- [ ] Ann Example to write the release notes\n- [ ] Update the website\n"
        );
        assert_eq!(places(&text, Rule::ActionWithoutOwner), vec![(15, 7)]);
    }

    #[test]
    fn an_owner_written_in_the_text_is_an_owner() {
        for text in [
            "Action: RG will assist.",
            "AI: JS taking the item",
            "David/Lindsay to send the proposal",
            "ann@example.org to resolve it",
            "Next step: bring it to the board (Kris volunteers).",
            "Next steps: Ben + Chad to sync with the team",
            "Legal review form: probably Mike Dolan to own this",
        ] {
            assert!(super::names_an_owner(text, &|_| false), "{text}");
        }
        assert!(super::names_an_owner("Crob to draw it", &|w| w == "Crob"));
        for text in [
            "Action: close issue",
            "Update the website",
            "all to work on it",
            "Move to the new runners",
        ] {
            assert!(!super::names_an_owner(text, &|_| false), "{text}");
        }
    }

    #[test]
    fn an_action_saying_none_is_no_action() {
        assert!(super::says_nothing("ACTION: none."));
        assert!(super::says_nothing("AI: No action; awaiting review."));
        assert!(super::says_nothing("Action Item:"));
        assert!(!super::says_nothing("Action: close the issue"));
    }

    #[test]
    fn a_meeting_called_off_needs_no_attendees() {
        let text = "# Sync 2024-03-05 (cancelled)\n\nCancelled.\n";
        assert_eq!(places(text, Rule::NoAttendees), vec![]);
        let text = "# Sync 2024-03-05\n\nCancelled, said Ann Example by mail.\n";
        assert_eq!(places(text, Rule::NoAttendees), vec![]);
    }

    #[test]
    fn a_bare_issue_number_needs_a_repository() {
        let text = format!("{GOOD}- See #42 for details.\n");
        assert_eq!(places(&text, Rule::IssueWithoutRepository), vec![(11, 7)]);
        let rank = format!("{GOOD}- It comes in at #8 on the list.\n");
        assert_eq!(places(&rank, Rule::IssueWithoutRepository), vec![]);
        let named = format!("{GOOD}- See acme/tools#42 for details.\n");
        assert_eq!(places(&named, Rule::IssueWithoutRepository), vec![]);
        let config = Config {
            default_repository: Some("acme/tools".into()),
            ..Config::default()
        };
        let found = run_with(&text, &config);
        assert!(
            found.iter().all(|f| f.rule != Rule::IssueWithoutRepository),
            "{found:?}"
        );
    }
}
