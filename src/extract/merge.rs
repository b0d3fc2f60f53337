//! The one step that decides what of the rules' findings becomes part of a
//! meeting: stated findings are placed, weak ones kept only where the rest of
//! the meeting confirms them, short forms expanded and names tied together.

use super::findings::{Confidence, Fact, Finding, Rule};
use super::lexicon;
use super::person;
use super::records::{MeetingRecord, Mention, PersonRef};
use crate::config::Config;
use crate::model::Role;
use rustc_hash::FxHashSet as HashSet;
use std::collections::BTreeMap;

/// The meeting as far as the stated findings go, on top of `meeting` (its date,
/// title and agenda): what a rule that reads other rules' findings sees.
pub(super) fn draft_onto(mut meeting: MeetingRecord, findings: &[Finding]) -> MeetingRecord {
    place(&mut meeting, findings);
    meeting
}

/// The stated findings alone, as a meeting record.
#[cfg(test)]
pub(super) fn draft(findings: &[Finding]) -> MeetingRecord {
    draft_onto(MeetingRecord::default(), findings)
}

/// Place `findings` on a draft (the speakers' findings on the draft they read).
pub(super) fn add(meeting: &mut MeetingRecord, findings: &[Finding]) {
    place(meeting, findings);
}

/// The meeting the findings make, on top of `meeting` (date, title, agenda).
#[cfg(test)]
pub(super) fn meeting(
    meeting: MeetingRecord,
    findings: &[Finding],
    config: &Config,
) -> MeetingRecord {
    finish(draft_onto(meeting, findings), findings, config)
}

/// The meeting `draft` (every stated finding of `findings` placed) becomes once
/// short forms are expanded, weak names confirmed and names tied together.
pub(super) fn finish(
    mut meeting: MeetingRecord,
    findings: &[Finding],
    config: &Config,
) -> MeetingRecord {
    let abbreviations: BTreeMap<&str, &PersonRef> = findings
        .iter()
        .filter_map(|f| match &f.fact {
            Fact::Abbreviation { short, person } => Some((short.as_str(), person)),
            _ => None,
        })
        .collect();
    expand_abbreviations(&mut meeting, &abbreviations);
    drop_no_ones(&mut meeting);
    let weak = findings
        .iter()
        .filter(|f| f.confidence == Confidence::Weak)
        .filter_map(|f| match &f.fact {
            Fact::Named(m) => Some(m),
            _ => None,
        });
    confirm_candidates(&mut meeting, weak);
    confirm_presenters(&mut meeting);
    drop_people_from_services(&mut meeting);
    // Minutes that list no one present still show who took part: those who
    // presented an item.
    if meeting.attendees.is_empty() {
        for p in meeting.items.iter().flat_map(|it| &it.presenters) {
            if !meeting.attendees.iter().any(|a| a.key() == p.key()) {
                meeting.attendees.push(p.clone());
            }
        }
    }
    let presenters = meeting.items.iter().flat_map(|it| &it.presenters);
    let presented: Vec<Mention<PersonRef>> = presenters
        .map(|p| Mention {
            what: p.clone(),
            item: None,
        })
        .collect();
    let assigned: Vec<Mention<PersonRef>> = meeting
        .actions
        .iter()
        .flat_map(|a| {
            a.assignees.iter().map(|p| Mention {
                what: p.clone(),
                item: a.item,
            })
        })
        .collect();
    meeting.people.extend(presented);
    meeting.people.extend(assigned);
    super::person_links::canonicalise(&mut meeting, config);
    meeting
}

/// Take out every person whose name can be no one's, whichever rule found it
/// (see [`person::names_no_one`]).
fn drop_no_ones(meeting: &mut MeetingRecord) {
    let someone = |p: &PersonRef| !person::names_no_one(p.handle.as_deref().unwrap_or(&p.name));
    meeting.attendees.retain(someone);
    meeting.absentees.retain(someone);
    meeting.roles.retain(|(_, p)| someone(p));
    meeting.people.retain(|m| someone(&m.what));
    for item in &mut meeting.items {
        item.presenters.retain(someone);
    }
    for action in &mut meeting.actions {
        action.assignees.retain(someone);
    }
}

/// Place the stated findings in order. A speaker joins the attendees once; a
/// chair a chat-bot command names is added once; a word found to be no one
/// (an organisation after a speaker's name) is taken out of the people named.
fn place(meeting: &mut MeetingRecord, findings: &[Finding]) {
    let mut not_people: HashSet<(u32, &str)> = HashSet::default();
    // Who attends and who holds which role so far, by key: a speaker or a
    // chat-bot's chair is looked up here, not in a scan of every one before.
    let mut attending: HashSet<String> = meeting.attendees.iter().map(PersonRef::key).collect();
    let mut holding: HashSet<(Role, String)> =
        meeting.roles.iter().map(|(r, p)| (*r, p.key())).collect();
    for f in findings
        .iter()
        .filter(|f| f.confidence == Confidence::Stated)
    {
        crate::work::step(1);
        match &f.fact {
            Fact::Attends(p) => {
                let key = p.key();
                let listed = attending.contains(&key);
                if f.rule != Rule::Speakers || !listed {
                    meeting.attendees.push(p.clone());
                    attending.insert(key);
                }
            }
            Fact::Absent(p) => meeting.absentees.push(p.clone()),
            Fact::Role(role, p) => {
                let held = (*role, p.key());
                if f.rule != Rule::LogCommands || !holding.contains(&held) {
                    meeting.roles.push((*role, p.clone()));
                    holding.insert(held);
                }
            }
            Fact::Named(m) => meeting.people.push(m.clone()),
            Fact::NotAPerson { name, line } => {
                not_people.insert((*line, name));
            }
            Fact::Abbreviation { .. } => {}
            Fact::Issue(m) => meeting.issues.push(m.clone()),
            Fact::IssueState(s) => meeting.issue_states.push(s.clone()),
            Fact::Service(m) => meeting.services.push(m.clone()),
            Fact::Decision(d) => meeting.decisions.push(d.clone()),
            Fact::Action(a) => meeting.actions.push(a.clone()),
        }
    }
    if !not_people.is_empty() {
        meeting
            .people
            .retain(|m| !not_people.contains(&(m.what.line, m.what.name.to_lowercase().as_str())));
    }
}

/// Assignees and presenters written as a known abbreviation (`BBR to update`) become
/// that person; an all-caps "name" that is no known abbreviation is dropped.
fn expand_abbreviations(meeting: &mut MeetingRecord, abbreviations: &BTreeMap<&str, &PersonRef>) {
    let expand = |people: &mut Vec<PersonRef>| {
        people.retain_mut(|p| {
            if p.is_handle || !super::speakers::is_abbreviation(&p.name) {
                return true;
            }
            match abbreviations.get(p.name.as_str()) {
                Some(&full) => {
                    *p = PersonRef {
                        line: p.line,
                        ..full.clone()
                    };
                    true
                }
                None => false,
            }
        });
    };
    for action in &mut meeting.actions {
        expand(&mut action.assignees);
    }
    for item in &mut meeting.items {
        expand(&mut item.presenters);
    }
}

/// A name the meeting shows to be someone's (an attendee called Travis, a
/// speaker `[frob]`) is not a service found from the words around it. The
/// catalogue and the configuration stay sure.
fn drop_people_from_services(meeting: &mut MeetingRecord) {
    let mut names: HashSet<String> = HashSet::default();
    for p in meeting.person_refs() {
        let name = p.name.to_lowercase();
        if let Some(first) = name
            .split_whitespace()
            .next()
            .filter(|_| name.contains(' '))
        {
            names.insert(first.to_string());
        }
        names.insert(p.key());
        names.insert(name);
    }
    meeting.services.retain(|m| {
        let s = &m.what;
        let name = s.name.to_lowercase();
        s.evidence.rank() == 0 || !names.contains(&name)
    });
}

/// Presenters written as bare lower-case words (`(news, events)`) must be people already known.
fn confirm_presenters(meeting: &mut MeetingRecord) {
    let known: HashSet<String> = meeting
        .attendees
        .iter()
        .chain(&meeting.absentees)
        .chain(meeting.people.iter().map(|m| &m.what))
        .flat_map(|p| {
            let name = p.name.to_lowercase();
            let first = name
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
            [p.key(), name, first]
        })
        .collect();
    for item in &mut meeting.items {
        item.presenters.retain(|p| {
            let lower = p.name.to_lowercase();
            // One capitalised word (`[Webpack] Hackathon`) is someone when the
            // meeting knows them or it is a given name.
            let given = lexicon::is_given_name(&lower);
            let written_as_name = p.name.chars().next().is_some_and(char::is_uppercase)
                && !p.name.chars().any(|c| c.is_ascii_digit())
                && (p.name.contains(' ') || given);
            p.is_handle || written_as_name || known.contains(&p.key()) || known.contains(&lower)
        });
    }
}

/// Keep weakly evidenced names (`Bella's`, `ping Oliver`, `Sofi has`, `Ann: ...`)
/// that are known in this meeting or common given names.
fn confirm_candidates<'a>(
    meeting: &mut MeetingRecord,
    candidates: impl Iterator<Item = &'a Mention<PersonRef>>,
) {
    let mut known: HashSet<String> = HashSet::default();
    let all = meeting
        .attendees
        .iter()
        .chain(&meeting.absentees)
        .chain(meeting.roles.iter().map(|(_, p)| p));
    for p in all.chain(meeting.people.iter().map(|m| &m.what)) {
        known.insert(p.key());
        known.insert(p.name.to_lowercase());
        if let Some(first) = p.name.split_whitespace().next() {
            known.insert(first.to_lowercase());
        }
    }
    // `Victor Stinner`: a given name that is also a word counts before a surname.
    let given_name = |n: &str| {
        let mut words = n.split_whitespace();
        let first = words.next().unwrap_or(n);
        lexicon::FIRST_NAMES.contains(&first)
            || (words.next().is_some() && lexicon::AMBIGUOUS_NAMES.contains(&first))
    };
    let confirmed: Vec<Mention<PersonRef>> = candidates
        .filter(|c| {
            let lower = c.what.name.to_lowercase();
            known.contains(&lower) || given_name(&lower)
        })
        .cloned()
        .collect();
    meeting.people.extend(confirmed);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::records::ActionRecord;

    fn named(name: &str, line: u32) -> Mention<PersonRef> {
        Mention {
            what: PersonRef::name(name, line),
            item: None,
        }
    }

    fn people(meeting: &MeetingRecord) -> Vec<&str> {
        meeting
            .people
            .iter()
            .map(|m| m.what.name.as_str())
            .collect()
    }

    #[test]
    fn weak_names_need_the_rest_of_the_meeting() {
        let findings = [
            Finding::stated(
                Rule::AttendanceSection,
                Fact::Attends(PersonRef::name("Tamsin Ortega", 3)),
            ),
            Finding::weak(Rule::Mentions, Fact::Named(named("Tamsin", 9))),
            Finding::weak(Rule::Mentions, Fact::Named(named("Repository", 10))),
        ];
        let m = meeting(MeetingRecord::default(), &findings, &Config::default());
        assert_eq!(people(&m), ["Tamsin Ortega"], "Tamsin is the attendee");
        assert_eq!(m.people[0].what.line, 9);
    }

    #[test]
    fn a_speaker_joins_once_and_an_organisation_is_no_one() {
        let findings = [
            Finding::stated(
                Rule::Speakers,
                Fact::Attends(PersonRef::name("Rosa Valdez", 4)),
            ),
            Finding::stated(
                Rule::Speakers,
                Fact::Attends(PersonRef::name("Rosa Valdez", 7)),
            ),
            Finding::stated(Rule::Mentions, Fact::Named(named("Initech", 4))),
            Finding::stated(
                Rule::Speakers,
                Fact::NotAPerson {
                    name: "initech".into(),
                    line: 4,
                },
            ),
        ];
        let m = draft(&findings);
        assert_eq!(m.attendees.len(), 1);
        assert!(m.people.is_empty());
    }

    #[test]
    fn a_person_of_the_meeting_is_no_service() {
        let service = |name: &str, evidence| {
            let s = crate::extract::records::ServiceRef {
                name: name.into(),
                written: name.into(),
                line: 5,
                evidence,
            };
            Finding::stated(
                Rule::Discovery,
                Fact::Service(Mention {
                    what: s,
                    item: None,
                }),
            )
        };
        use crate::extract::records::ServiceEvidence;
        let findings = [
            Finding::stated(
                Rule::Speakers,
                Fact::Attends(PersonRef::name("Travis Okafor", 9)),
            ),
            service("Travis", ServiceEvidence::Noun),
            service("Frobnik", ServiceEvidence::Noun),
            service("Travis CI", ServiceEvidence::Catalogue),
        ];
        let m = meeting(MeetingRecord::default(), &findings, &Config::default());
        let names: Vec<&str> = m.services.iter().map(|s| s.what.name.as_str()).collect();
        assert_eq!(names, ["Frobnik", "Travis CI"]);
    }

    #[test]
    fn a_one_word_presenter_must_be_someone_the_meeting_knows() {
        use crate::extract::records::ItemRecord;
        let item = |title: &str, presenter: &str| ItemRecord {
            title: title.into(),
            line: 4,
            end_line: 6,
            presenters: vec![PersonRef::name(presenter, 4)],
        };
        let header = MeetingRecord {
            items: vec![
                item("Hackathon", "Webpack"),
                item("Budget", "Quenby"),
                item("Release", "Ann"),
                item("Docs", "Dana Quill"),
            ],
            ..MeetingRecord::default()
        };
        let findings = [Finding::stated(
            Rule::AttendanceSection,
            Fact::Attends(PersonRef::name("Quenby Marsh", 2)),
        )];
        let m = meeting(header, &findings, &Config::default());
        let presented: Vec<Vec<&str>> = m
            .items
            .iter()
            .map(|i| i.presenters.iter().map(|p| p.name.as_str()).collect())
            .collect();
        assert_eq!(
            presented,
            [
                vec![],
                vec!["Quenby Marsh"],
                vec!["Ann"],
                vec!["Dana Quill"]
            ],
            "a project tag is no one; an attendee's first name and a given name are"
        );
    }

    #[test]
    fn short_forms_become_the_people_they_stand_for() {
        let findings = [
            Finding::stated(
                Rule::Speakers,
                Fact::Abbreviation {
                    short: "BBR".into(),
                    person: PersonRef::name("Bo B. Rivera", 2),
                },
            ),
            Finding::stated(
                Rule::Outcomes,
                Fact::Action(ActionRecord {
                    text: "BBR to update the runbook".into(),
                    line: 8,
                    end_line: 8,
                    item: None,
                    assignees: vec![PersonRef::name("BBR", 8), PersonRef::name("QQX", 8)],
                    status: crate::model::ActionStatus::Open,
                    due: None,
                }),
            ),
        ];
        let m = meeting(MeetingRecord::default(), &findings, &Config::default());
        let owners: Vec<(&str, u32)> = m.actions[0]
            .assignees
            .iter()
            .map(|p| (p.name.as_str(), p.line))
            .collect();
        assert_eq!(
            owners,
            [("Bo B. Rivera", 8)],
            "an unknown short form is no one"
        );
    }
}
