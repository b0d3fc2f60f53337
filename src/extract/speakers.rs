//! Who spoke: transcript lines led by a speaker's abbreviation (`AE: ...`,
//! resolved through an attendee table or a `Full Name (AE)` list), the posters
//! of chat-log lines, chat nicks (`<ann> ...`), scribe lines (`ann: ...`) and
//! lines led by a name (`Ann Lee (Acme): ...`, `Ann: ...`). People who speak
//! take part in the meeting; an organisation in brackets after a speaker's name
//! is no one.

use super::findings::{Fact, Finding, Rule};
use super::lexicon;
use super::person;
use super::records::{MeetingRecord, Mention, PersonRef};
use super::sections::{SectionKind, SectionMap};
use super::turns::{Form, Turns};
use crate::document::{Block, BlockKind};
use crate::model::Role;
use regex::Regex;
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

static NAME_ABBREVIATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’.-]*){1,3})\s*\((\p{Lu}{2,4})\)")
        .expect("regex")
});
static ABBREVIATION_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\W{0,3}(\p{Lu}{2,4})\s*:\s+\S").expect("regex"));
static CHAT_NICK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^<([A-Za-z][\w-]{1,30})>\s+\S").expect("regex"));
static NICK_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([a-z][\w-]{1,30})\s*:\s+\S").expect("regex"));
/// `Ann Lee (Acme): text`, `Ann (as chair): text`, `Ann: text`.
static NAME_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\p{Lu}[\p{L}'’-]+(?:[ ]\p{Lu}[\p{L}'’-]+){0,2})(?:\s*\(([^()]{1,40})\))?\s*:\s+(\S.*)$",
    )
    .expect("regex")
});

/// Abbreviation -> person, from attendee tables and `Full Name (AE)` lists.
pub(super) fn abbreviations(blocks: &[Block]) -> BTreeMap<String, PersonRef> {
    let mut map = BTreeMap::new();
    for b in blocks {
        if b.kind == BlockKind::TableRow {
            let name = b
                .cells
                .iter()
                .find(|c| c.contains(' ') && person::name_like(c));
            let abbr = b.cells.iter().find(|c| is_abbreviation(c));
            if let (Some(name), Some(abbr)) = (name, abbr) {
                map.entry(abbr.clone())
                    .or_insert_with(|| PersonRef::name(name.trim(), b.line));
            }
        } else if b.kind != BlockKind::Code {
            for c in NAME_ABBREVIATION.captures_iter(&b.text) {
                map.entry(c[2].to_string())
                    .or_insert_with(|| PersonRef::name(&c[1], b.line));
            }
        }
    }
    map
}

/// `JS` for the attendee Joe Sepi: the initials of attendees' full names, where
/// no two attendees share them.
fn attendee_initials(meeting: &MeetingRecord) -> BTreeMap<String, PersonRef> {
    // Initials -> the one attendee with them so far (by key), or `None` once a
    // second one has them.
    let mut by_initials: BTreeMap<String, Option<(String, &PersonRef)>> = BTreeMap::new();
    for p in meeting.attendees.iter().filter(|p| !p.is_handle) {
        crate::work::step(1);
        let words: Vec<&str> = p
            .name
            .split_whitespace()
            .filter(|w| w.starts_with(char::is_uppercase))
            .collect();
        if words.len() < 2 || words.len() > 4 {
            continue;
        }
        let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
        match by_initials.entry(initials) {
            Entry::Vacant(e) => {
                e.insert(Some((p.key(), p)));
            }
            Entry::Occupied(mut e) => {
                if e.get().as_ref().is_some_and(|(key, _)| *key != p.key()) {
                    e.insert(None);
                }
            }
        }
    }
    by_initials
        .into_iter()
        .filter_map(|(initials, only)| only.map(|(_, p)| (initials, p.clone())))
        .collect()
}

pub(super) fn is_abbreviation(cell: &str) -> bool {
    (2..=4).contains(&cell.chars().count()) && cell.chars().all(|c| c.is_uppercase())
}

/// Every speaker of the meeting, as an attendee and a mention where they speak,
/// read against `meeting`, the people the other rules found; with the short
/// forms the minutes use for people and the chairs a chat log names.
pub(super) fn speakers(
    blocks: &[Block],
    item_of_block: &[Option<usize>],
    sections: &SectionMap,
    turns: &Turns,
    meeting: &MeetingRecord,
) -> Vec<Finding> {
    let mut known_abbreviations = abbreviations(blocks);
    for (initials, person) in attendee_initials(meeting) {
        known_abbreviations.entry(initials).or_insert(person);
    }
    let reader = SpeakerLines {
        abbreviations: known_abbreviations,
        known: KnownNames::of(meeting),
        // Attendees besides the chair and scribe: the minutes list who was there.
        listed: meeting
            .attendees
            .iter()
            .any(|a| !meeting.roles.iter().any(|(_, r)| r.key() == a.key())),
        meeting,
    };
    // Each block is read on its own (a long file's on all cores, in order):
    // who speaks, on what item, and the organisation a speaker line names.
    let read = |i: usize| -> Vec<SpokenBy> {
        let b = &blocks[i];
        let mut found = Vec::new();
        if b.kind == BlockKind::Code {
            return found;
        }
        // A name over what the person said, a bracketed name, an owner over
        // their updates: they take part.
        if let Some(s) = turns.speaker(i).filter(|s| {
            turns.opens_turn(i)
                && matches!(
                    s.form,
                    Form::NameLine | Form::Bracketed | Form::Owner | Form::Linked
                )
        }) {
            let p = if s.is_handle {
                let mut p = reader.attendee_or_name(&s.label, b.line);
                p.is_handle = p.name == s.label;
                p
            } else {
                reader.attendee_or_name(&s.label, b.line)
            };
            found.push((Speaker::Attends(p), item_of_block[i], None));
        }
        if let Some(nick) = &b.speaker {
            // A chat-log line: its poster is known, whatever the text says.
            found.push((
                Speaker::Attends(reader.attendee_or_name(nick, b.line)),
                item_of_block[i],
                None,
            ));
            return found;
        }
        // In an action list or a task list `Ann: ...` gives Ann a task; in an
        // attendance list `Team: Ann, Bo` names a group.
        let listing = b.checked.is_some()
            || matches!(
                sections.kind_of(i),
                Some(SectionKind::Actions | SectionKind::Attendance | SectionKind::Absence)
            );
        for (line, text) in b.text_lines() {
            let (speaker, org) = reader.speaker(text.trim(), line, listing);
            // A line naming no one and no organisation adds nothing.
            if !matches!(speaker, Speaker::None) || org.is_some() {
                found.push((speaker, item_of_block[i], org.map(|o| (line, o))));
            }
        }
        found
    };
    let mut found: Vec<(Speaker, Option<usize>)> = Vec::new();
    let mut affiliations: Vec<(u32, String)> = Vec::new();
    for (speaker, item, org) in super::parallel::flat_map(blocks.len(), read) {
        found.push((speaker, item));
        affiliations.extend(org);
    }
    let mut findings: Vec<Finding> = reader
        .abbreviations
        .into_iter()
        .map(|(short, person)| {
            Finding::stated(Rule::Speakers, Fact::Abbreviation { short, person })
        })
        .collect();
    // `Rosa Valdez (Cisco): agrees ...` reads like Cisco agreeing; Cisco is her organisation.
    for (line, name) in affiliations {
        findings.push(Finding::stated(
            Rule::Speakers,
            Fact::NotAPerson { name, line },
        ));
    }
    for (speaker, item) in found {
        let p = match speaker {
            Speaker::Attends(p) => {
                findings.push(Finding::stated(Rule::Speakers, Fact::Attends(p.clone())));
                p
            }
            Speaker::Mentioned(p) => p,
            Speaker::None => continue,
        };
        findings.push(Finding::stated(
            Rule::Speakers,
            Fact::Named(Mention { what: p, item }),
        ));
    }
    findings.extend(log_chairs(blocks));
    findings
}

/// A speaker read from a block: who, on what agenda item, and the
/// organisation a speaker line names, with its line.
type SpokenBy = (Speaker, Option<usize>, Option<(u32, String)>);

/// Who a line names as its speaker.
enum Speaker {
    /// Someone taking part.
    Attends(PersonRef),
    /// Someone speaking who is not on the attendee list: named, not counted present.
    Mentioned(PersonRef),
    /// No speaker line.
    None,
}

/// What the speaker lines of one meeting are read against.
struct SpeakerLines<'m> {
    abbreviations: BTreeMap<String, PersonRef>,
    known: KnownNames,
    /// Whether the minutes list their attendees.
    listed: bool,
    meeting: &'m MeetingRecord,
}

impl SpeakerLines<'_> {
    /// The speaker of one text line, and the organisation in brackets after the name.
    fn speaker(&self, text: &str, line: u32, listing: bool) -> (Speaker, Option<String>) {
        let at = |p: PersonRef| PersonRef { line, ..p };
        // Every form below is a label before a colon, or a `<nick>`.
        if !text.contains([':', '<']) {
            return (Speaker::None, None);
        }
        if let Some(c) = ABBREVIATION_LINE.captures(text) {
            let p = self.abbreviations.get(&c[1]).cloned();
            return (p.map_or(Speaker::None, |p| Speaker::Attends(at(p))), None);
        }
        if let Some(c) = CHAT_NICK.captures(text) {
            return (Speaker::Attends(self.attendee_or_name(&c[1], line)), None);
        }
        if let Some(c) = NICK_LINE.captures(text) {
            let p = match_attendee(self.meeting, &c[1]);
            return (p.map_or(Speaker::None, |p| Speaker::Attends(at(p))), None);
        }
        let Some(c) = NAME_LINE.captures(text).filter(|_| !listing) else {
            return (Speaker::None, None);
        };
        let org = c.get(2).map(|m| m.as_str().trim().to_lowercase());
        if !self.known.speaks(&c[1], org.is_some(), &c[3]) {
            return (Speaker::None, None);
        }
        let speaker = match match_attendee(self.meeting, &c[1]) {
            Some(p) => Speaker::Attends(at(p)),
            // With an attendee list, a short name not on it is more likely a
            // nickname of someone listed (`Niko`, `Josh B`) than a guest.
            None if self.listed && !full_name(&c[1]) => {
                Speaker::Mentioned(PersonRef::name(&c[1], line))
            }
            None => Speaker::Attends(PersonRef::name(&c[1], line)),
        };
        (speaker, org)
    }

    /// The attendee `name` stands for, else a person of that name.
    fn attendee_or_name(&self, name: &str, line: u32) -> PersonRef {
        let p = match_attendee(self.meeting, name).unwrap_or_else(|| PersonRef::name(name, line));
        PersonRef { line, ..p }
    }
}

/// Names known in a meeting before its speakers are read: attendees, absentees,
/// people with a role or mentioned, presenters and assignees.
struct KnownNames {
    /// Lower-cased full names, single names and first names.
    names: BTreeSet<String>,
    /// Lower-cased names of services mentioned in the meeting.
    services: BTreeSet<String>,
}

impl KnownNames {
    fn of(meeting: &MeetingRecord) -> Self {
        let people = meeting
            .attendees
            .iter()
            .chain(&meeting.absentees)
            .chain(meeting.roles.iter().map(|(_, p)| p))
            .chain(meeting.people.iter().map(|m| &m.what));
        // Presenters and assignees are not confirmed yet: only those written as names count.
        let named = meeting
            .items
            .iter()
            .flat_map(|i| &i.presenters)
            .chain(meeting.actions.iter().flat_map(|a| &a.assignees))
            .filter(|p| p.name.starts_with(char::is_uppercase));
        let mut names = BTreeSet::new();
        for p in people.chain(named).filter(|p| !p.is_handle) {
            let lower = p.name.to_lowercase();
            if let Some(first) = lower.split([' ', '_']).next() {
                names.insert(first.to_string());
            }
            names.insert(lower);
        }
        let services = meeting
            .services
            .iter()
            .map(|s| s.what.name.to_lowercase())
            .collect();
        KnownNames { names, services }
    }

    /// Whether `name: rest` is someone speaking: a name known in the meeting,
    /// opening with a given name, or a full name of no ordinary words before an
    /// organisation in brackets; and no label, service or assignment (`Ann Lee:
    /// publish the draft` gives Ann a task; it does not say she was there).
    fn speaks(&self, name: &str, affiliated: bool, rest: &str) -> bool {
        let lower = name.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let first = words.first().copied().unwrap_or("");
        let label = words.iter().any(|w| person::is_stop_word(w))
            || super::sections::classify(name) != SectionKind::Other
            || super::decision::is_decision_label(name)
            || self.services.contains(&lower);
        let assignment = rest
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| lexicon::TASK_VERBS.contains(&w.to_lowercase().as_str()));
        // `Lang: Niko, Josh Triplett`, `Chair: Ann Lee`: a label over names.
        let names_follow = person::split_name_list(rest, 0).is_some_and(|list| {
            (list.len() > 1 || list[0].name.contains(' '))
                && list
                    .iter()
                    .all(|p| p.is_handle || p.name.starts_with(char::is_uppercase))
        });
        let named = self.names.contains(&lower)
            || (words.len() > 1 && self.names.contains(first))
            || lexicon::FIRST_NAMES.contains(&first)
            || (affiliated && words.len() > 1 && words.iter().all(|w| person::could_be_name(w)));
        // A single word must be able to be a name at all (`Chairs: Ann, Bo` is a role).
        let nameable = words.len() > 1 || person::could_be_name(&lower);
        !label && !assignment && !names_follow && nameable && person::name_like(name) && named
    }
}

/// A first and a last name (`Carla Mendes`, not `Josh B`).
fn full_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() > 1
        && words
            .last()
            .is_some_and(|w| w.trim_end_matches('.').chars().count() > 2)
}

/// The chairs a chat log's MeetBot commands name: `#startmeeting` makes its
/// poster chair, `#chair ann bo` adds the nicks that speak in the log.
fn log_chairs(blocks: &[Block]) -> Vec<Finding> {
    let nicks: BTreeMap<String, &str> = blocks
        .iter()
        .filter_map(|b| b.speaker.as_deref())
        .map(|n| (n.to_lowercase(), n))
        .collect();
    if nicks.is_empty() {
        return Vec::new();
    }
    let nick_at = |word: &str| {
        let w = word.trim_start_matches('@').trim_end_matches([':', ',']);
        nicks.get(&w.to_lowercase()).copied()
    };
    let mut found = Vec::new();
    for b in blocks {
        let chairs: Vec<&str> = if command_args(&b.text, "#startmeeting").is_some() {
            b.speaker.as_deref().into_iter().collect()
        } else if let Some(rest) = command_args(&b.text, "#chair") {
            rest.split([' ', ',']).filter_map(nick_at).collect()
        } else {
            Vec::new()
        };
        for nick in chairs {
            let chair = PersonRef::name(nick, b.line);
            found.push(Finding::stated(
                Rule::LogCommands,
                Fact::Role(Role::Chair, chair),
            ));
        }
    }
    found
}

/// The text after a bot command (`#chair ann bo` -> `ann bo`).
pub(super) fn command_args<'t>(text: &'t str, command: &str) -> Option<&'t str> {
    let t = text.trim();
    let head = t.get(..command.len())?;
    let rest = &t[command.len()..];
    (head.eq_ignore_ascii_case(command)
        && (rest.is_empty() || rest.starts_with(char::is_whitespace)))
    .then(|| rest.trim())
}

/// The one attendee `name` stands for, case-insensitively: the same name or
/// handle, a first name (`lea` is `Lea_Marchand` in IRC-style lists too), or
/// first and last name with the middle left out or the last name shortened
/// (`David Wheeler`, `David W` for `David A. Wheeler`).
fn match_attendee(meeting: &MeetingRecord, name: &str) -> Option<PersonRef> {
    let words = |n: &str| -> Vec<String> {
        n.split([' ', '_'])
            .map(|w| w.trim_matches('.').to_lowercase())
            .filter(|w| !w.is_empty())
            .collect()
    };
    let wanted = words(name);
    let (first, last) = (wanted.first()?, wanted.last()?);
    let matches: BTreeMap<String, &PersonRef> = meeting
        .attendees
        .iter()
        .filter(|a| {
            let have = words(&a.name);
            let same_first = have.first() == Some(first);
            a.key() == name.to_lowercase()
                || (wanted.len() == 1 && same_first)
                || (wanted.len() > 1
                    && have.len() > 1
                    && same_first
                    && have.last().is_some_and(|l| {
                        l == last || (last.len() <= 2 && l.starts_with(last.as_str()))
                    }))
        })
        .map(|a| (a.key(), a))
        .collect();
    // The same attendee listed twice (present and chair) is still one person.
    let mut matches = matches.into_values();
    match (matches.next(), matches.next()) {
        (Some(only), None) => Some(only.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_from_lists_and_tables() {
        let mut row = Block::new(BlockKind::TableRow, 0, String::new(), 3, 3);
        row.cells = vec!["Ann Example".into(), "AE".into(), "Acme".into()];
        let list = Block::new(
            BlockKind::Paragraph,
            0,
            "Bo Builder (BB), Cy Coder (CC)".into(),
            5,
            5,
        );
        let map = abbreviations(&[row, list]);
        assert_eq!(map["AE"].name, "Ann Example");
        assert_eq!(map["CC"].name, "Cy Coder");
    }

    #[test]
    fn initials_of_attendees_when_unique() {
        let meeting = MeetingRecord {
            attendees: vec![
                PersonRef::name("Joe Sample", 1),
                PersonRef::name("Mia Dalton", 2),
                PersonRef::name("Max Doyle", 3),
                PersonRef::handle("kb", 4),
            ],
            ..MeetingRecord::default()
        };
        let initials = attendee_initials(&meeting);
        assert_eq!(
            initials.get("JS").map(|p| p.name.as_str()),
            Some("Joe Sample")
        );
        // Two attendees are MD: neither is meant for sure.
        assert!(!initials.contains_key("MD"));
    }

    #[test]
    fn speakers_take_part() {
        let listed = MeetingRecord {
            attendees: vec![PersonRef::name("Ann Example", 1)],
            ..MeetingRecord::default()
        };
        let blocks = vec![
            Block::new(
                BlockKind::Paragraph,
                0,
                "ann: hello\nBB: hi\n<cy> hey".into(),
                2,
                4,
            ),
            Block::new(BlockKind::Paragraph, 0, "Bo Builder (BB)".into(), 6, 6),
        ];
        let sections = SectionMap::new(&blocks, &Default::default());
        let found = speakers(
            &blocks,
            &[None, None],
            &sections,
            &Turns::default(),
            &listed,
        );
        let meeting = crate::extract::merge::draft_onto(listed.clone(), &found);
        let names: Vec<&str> = meeting.attendees.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Ann Example", "Bo Builder", "cy"]);
    }

    fn read(source: &str, text: &str) -> MeetingRecord {
        let doc = crate::document::parse(source, text);
        let config = crate::config::Config::default();
        super::super::meeting::read_meeting(&doc, &config, &Default::default())
    }

    fn names(people: &[PersonRef]) -> Vec<String> {
        let mut names: Vec<String> = people.iter().map(|p| p.name.clone()).collect();
        names.sort();
        names.dedup();
        names
    }

    #[test]
    fn named_speakers_attend_and_their_organisations_are_no_one() {
        let m = read(
            "orbit-2025-06-04.txt",
            "Orbit WG, 4 June 2025\n\nChairs: Ines Moreau\n\n\
             1. Transport draft (Tobias Lindqvist, 20 min)\n\n\
             \x20  Tobias Lindqvist went through the open issues.\n\
             \x20  Greta Holm (Nordwind): agrees with the plan, asks for tests.\n\
             \x20  Tobias: will add them.\n\
             \x20  Ines (as chair): no objections.\n\n\
             Action items\n\
             \x20  - Greta Holm: review -05\n",
        );
        assert_eq!(
            names(&m.attendees),
            vec!["Greta Holm", "Ines Moreau", "Tobias Lindqvist"]
        );
        assert!(m.people.iter().all(|p| p.what.name != "Nordwind"));
        assert_eq!(names(&m.items[0].presenters), vec!["Tobias Lindqvist"]);
    }

    #[test]
    fn with_an_attendee_list_unknown_short_names_are_only_mentioned() {
        let m = read(
            "2025-06-04.md",
            "# Sync\n\n## Attendees\n\n- Ann Lee\n- Robert Park\n\n## Release\n\n\
             Ann Lee: the build is green.\nCarla: fine with me.\nDora Quist (Initech): agreed.\n",
        );
        assert_eq!(
            names(&m.attendees),
            vec!["Ann Lee", "Dora Quist", "Robert Park"]
        );
        assert!(m.people.iter().any(|p| p.what.name == "Carla"));
    }

    #[test]
    fn labels_and_task_lines_are_no_speakers() {
        let m = read(
            "2025-06-04.md",
            "# Sync\n\nTeam: Ann Lee, Bo Park\n\n## Release\n\n- [ ] Carla: the changelog\n\
             - Summary: it works\n\n## Next steps\n\n- Dora: the release notes\n",
        );
        assert!(m.attendees.is_empty(), "{:?}", m.attendees);
    }

    #[test]
    fn chat_log_posters_attend_and_own_their_actions() {
        let m = read(
            "harbour.2025-06-04-09.00.log.txt",
            "09:00:01 <ravel> #startmeeting harbour-ops\n\
             09:00:01 <harbourbot> Meeting started Wed Jun 4 09:00:01 2025 UTC.\n\
             09:00:09 <tindra> hello\n\
             09:01:02 <ravel> #topic Registry mirror\n\
             09:02:10 <quill> I'll look at the sync job, it fell behind\n\
             09:03:00 <ravel> #agreed move the mirror to the new storage\n\
             09:03:20 <ravel> #action quill resync the mirror\n\
             09:03:25 <ravel> #action tindra and ravel sketch the storage layout\n\
             09:04:00 <ravel> #endmeeting\n\
             09:04:00 <harbourbot> Meeting ended Wed Jun 4 09:04:00 2025 UTC.\n",
        );
        assert_eq!(names(&m.attendees), vec!["quill", "ravel", "tindra"]);
        assert_eq!((m.items.len(), m.items[0].line), (1, 4));
        assert_eq!(
            m.decisions.iter().map(|d| d.line).collect::<Vec<_>>(),
            vec![6]
        );
        let actions: Vec<(u32, Vec<String>)> = m
            .actions
            .iter()
            .map(|a| (a.line, names(&a.assignees)))
            .collect();
        assert_eq!(
            actions,
            vec![
                (5, vec!["quill".to_string()]),
                (7, vec!["quill".to_string()]),
                (8, vec!["ravel".to_string(), "tindra".to_string()]),
            ]
        );
        assert!(
            m.roles
                .iter()
                .any(|(r, p)| *r == Role::Chair && p.name == "ravel")
        );
    }

    #[test]
    fn short_forms_of_attendees() {
        let meeting = MeetingRecord {
            attendees: vec![
                PersonRef::name("Dana K. Whitlock", 1),
                PersonRef::name("Lea_Marchand", 1),
                PersonRef::name("Lea_Marchand", 2),
            ],
            ..MeetingRecord::default()
        };
        let full = |n: &str| match_attendee(&meeting, n).map(|p| p.name);
        assert_eq!(full("lea").as_deref(), Some("Lea_Marchand"));
        assert_eq!(full("Dana Whitlock").as_deref(), Some("Dana K. Whitlock"));
        assert_eq!(full("Dana W").as_deref(), Some("Dana K. Whitlock"));
        assert_eq!(full("Dana Miller"), None);
    }
}
