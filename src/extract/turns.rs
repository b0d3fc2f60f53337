//! Speaker turns: who is speaking in each block, in whatever form a file
//! writes it. Four forms are read, each only when it recurs in the file, so a
//! single `Note: ...` line is no speaker:
//!
//! - a name or handle on a line of its own before what the person said or did
//!   (`**Ann Lee**` over a list, `@ann` over `Done:` / `Next:` lists);
//! - a label before the text (`Ann: ...`, `- AL: ...`, `JS/JB: ...`);
//! - a name in brackets before the text (`[ann] ...`);
//! - a list item that is only a name, whose sub-items are that person's
//!   (`- ann:` over an update list, `- Bo Lee (Acme)`).
//!
//! Chat-log lines carry their poster already. A turn covers the block that
//! opens it and the blocks nested under it; a name on its own line covers the
//! blocks up to the next such line or heading.

use super::action;
use super::person;
use super::records::PersonRef;
use super::sections::{self, SectionKind};
use crate::document::{Block, BlockKind};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// `[ann] text`, `[Ann Lee, Bo] text`: a bracketed speaker before the text.
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\[([\p{L}@][\p{L}\d ._'’@-]{0,30})\]\s+\S").expect("bracketed speaker regex")
});

/// `Ann Lee (Acme)`, `ann:`, `Mic92`: a list item that is only a name.
static OWNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        ^ @?(?P<name> [\p{L}][\p{L}\d'’._-]* (?: \s \p{Lu}[\p{L}'’.-]* ){0,2} )
        \s* (?: \( (?P<bracket> [^()]{1,40} ) \) )?    # an organisation or team
        \s* :? $",
    )
    .expect("owner regex")
});

/// How a turn is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Form {
    /// A chat-log line with its poster.
    Chat,
    /// A name or handle on a line of its own before what they said.
    NameLine,
    /// `Ann: text`.
    Label,
    /// `[ann] text`.
    Bracketed,
    /// A list item that is only a name, over that person's sub-items.
    Owner,
    /// `[ann](link to her message) mentions that ...`: a linked name that acts.
    Linked,
}

/// The speaker of a turn, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The name, handle (without `@`) or abbreviation as written.
    pub label: String,
    /// Whether it was written as an `@handle`.
    pub is_handle: bool,
    /// The line that opens the turn.
    pub line: u32,
    /// How the turn is written.
    pub form: Form,
}

impl Speaker {
    /// The speaker as a person reference at the line that opens the turn.
    pub fn person(&self) -> PersonRef {
        if self.is_handle {
            PersonRef::handle(&self.label, self.line)
        } else {
            PersonRef::name(&self.label, self.line)
        }
    }
}

/// The speaker of every block of a document.
#[derive(Clone, Debug, Default)]
pub struct Turns {
    speakers: Vec<Option<Speaker>>,
    opens: Vec<bool>,
}

impl Turns {
    /// Find the turns of a block list.
    pub fn find(blocks: &[Block]) -> Turns {
        let roster = Roster::of(blocks);
        // Each block on its own: a long file's on all cores, in order.
        let candidates: Vec<Option<Speaker>> = super::parallel::map(blocks.len(), |i| {
            let b = &blocks[i];
            candidate(b, &roster).filter(|s| match s.form {
                // An owner's name stands over the sub-items that are theirs,
                // and is known as someone's elsewhere in the file.
                Form::Owner => {
                    // `Nimbus (Jacek)`: a given name in brackets after a team's name.
                    let spokesperson =
                        b.text.contains('(') && super::lexicon::is_given_name(&s.label);
                    b.depth == 1
                        && blocks.get(i + 1).is_some_and(|n| n.depth > b.depth)
                        && (s.is_handle || roster.knows(&s.label) || spokesperson)
                }
                // A handle right under a heading names who presents it.
                Form::NameLine if s.is_handle => i == 0 || blocks[i - 1].heading_level().is_none(),
                _ => true,
            })
        });
        let mut counts: BTreeMap<(Form, String), usize> = BTreeMap::new();
        let mut per_form: BTreeMap<Form, usize> = BTreeMap::new();
        for s in candidates.iter().flatten() {
            *counts.entry((s.form, s.label.to_lowercase())).or_default() += 1;
            *per_form.entry(s.form).or_default() += 1;
        }
        // A form is the file's way of writing turns when it recurs: the same
        // speaker twice, or three turns of that form in all (two for names
        // over lists of their own).
        let recurs = |s: &Speaker| {
            let least = if s.form == Form::Owner { 2 } else { 3 };
            s.form == Form::Chat
                || counts[&(s.form, s.label.to_lowercase())] >= 2
                || per_form[&s.form] >= least
        };
        let mut turns = Turns {
            speakers: vec![None; blocks.len()],
            opens: vec![false; blocks.len()],
        };
        // Open turns, outermost first, each with the depth of the block that opened
        // it and, for turns that cover only what is nested under them, that depth as
        // their scope. A `Cy: ...` label inside someone's update nests in their turn.
        let mut open: Vec<(Speaker, u8, Option<u8>)> = Vec::new();
        for (i, block) in blocks.iter().enumerate() {
            if block.heading_level().is_some() {
                open.clear();
                continue;
            }
            // A nested turn ends with the first block no deeper than its own.
            while open
                .last()
                .is_some_and(|&(_, _, scope)| scope.is_some_and(|d| block.depth <= d))
            {
                open.pop();
                match open.last_mut() {
                    // Someone's own update (`@ann` or `- Ann` over a list) goes on
                    // to the end of its list after a label inside it.
                    Some((s, _, scope)) if matches!(s.form, Form::NameLine | Form::Owner) => {
                        scope.get_or_insert(0);
                    }
                    // In a discussion (`[Ann] topic`, `Ann: ...`) the remarks under it
                    // are others' too; what follows them is no one's in particular.
                    _ => open.clear(),
                }
            }
            let candidate = candidates[i].as_ref().filter(|s| recurs(s));
            // `**Discussion highlights**` on a line of its own heads what follows.
            let bold_line = block.kind == BlockKind::Paragraph
                && block.depth == 0
                && block
                    .lead_strong
                    .as_deref()
                    .is_some_and(|l| l.trim() == block.text.trim());
            if bold_line && candidate.is_none() {
                open.clear();
                continue;
            }
            if let Some(s) = candidate {
                if s.form == Form::Label {
                    // A label beside an open one follows it rather than nests.
                    while open.last().is_some_and(|&(_, at, _)| at >= block.depth) {
                        open.pop();
                    }
                } else {
                    open.clear();
                }
                turns.opens[i] = true;
                turns.speakers[i] = Some(s.clone());
                let scope = (s.form != Form::NameLine).then_some(block.depth);
                open.push((s.clone(), block.depth, scope));
                continue;
            }
            turns.speakers[i] = open.last().map(|(s, _, _)| s.clone());
        }
        turns
    }

    /// The speaker of block `i`, if it is part of a turn.
    pub fn speaker(&self, i: usize) -> Option<&Speaker> {
        self.speakers.get(i).and_then(Option::as_ref)
    }

    /// Whether block `i` itself names its speaker (it opens a turn).
    pub fn opens_turn(&self, i: usize) -> bool {
        self.opens.get(i).copied().unwrap_or(false)
    }

    /// Every turn-opening block with its speaker.
    pub fn openings(&self) -> impl Iterator<Item = (usize, &Speaker)> {
        self.speakers
            .iter()
            .enumerate()
            .filter(|&(i, _)| self.opens[i])
            .filter_map(|(i, s)| s.as_ref().map(|s| (i, s)))
    }
}

/// Names the file gives as people outside any turn: `@handles`, and the
/// pieces of lists of three or more names (`Attendees: ann, bo, Cy Doe`).
#[derive(Debug, Default)]
struct Roster {
    names: BTreeSet<String>,
}

impl Roster {
    fn of(blocks: &[Block]) -> Roster {
        let mut names = BTreeSet::new();
        // A run of three or more list items that are only names (`- Ann Lee (@ann)`).
        let mut run: Vec<&str> = Vec::new();
        let flush = |run: &mut Vec<&str>, names: &mut BTreeSet<String>| {
            if run.len() >= 3 {
                for name in run.iter() {
                    let lower = name.to_lowercase();
                    if let Some(first) = lower.split_whitespace().next() {
                        names.insert(first.to_string());
                    }
                    names.insert(lower);
                }
            }
            run.clear();
        };
        for b in blocks {
            // A name of two words or more: the second starts with a capital.
            let two_words = || {
                b.text
                    .split_whitespace()
                    .nth(1)
                    .is_some_and(|w| w.starts_with(char::is_uppercase))
            };
            let name = (b.kind == BlockKind::ListItem && two_words())
                .then(|| OWNER.captures(b.text.trim()))
                .flatten()
                .and_then(|c| c.name("name"))
                .map(|m| m.as_str())
                .filter(|n| n.split_whitespace().count() >= 2);
            match name {
                Some(n) => run.push(n),
                None => flush(&mut run, &mut names),
            }
        }
        flush(&mut run, &mut names);
        for b in blocks.iter().filter(|b| b.kind != BlockKind::Code) {
            for h in person::find_handles(&b.text, b.line) {
                names.insert(h.name.to_lowercase());
            }
            for (_, line) in b.text_lines() {
                let list = line.split_once(':').map_or(line, |(_, rest)| rest);
                let pieces: Vec<&str> = list.split(',').map(str::trim).collect();
                let names_only = pieces.len() >= 3
                    && pieces
                        .iter()
                        .all(|p| p.split_whitespace().count() <= 3 && person::name_like(p));
                if names_only {
                    for p in pieces {
                        let lower = p.trim_start_matches('@').to_lowercase();
                        if let Some(first) = lower.split_whitespace().next() {
                            names.insert(first.to_string());
                        }
                        names.insert(lower);
                    }
                }
            }
        }
        Roster { names }
    }

    fn knows(&self, name: &str) -> bool {
        let lower = name.to_lowercase();
        self.names.contains(&lower)
    }
}

/// The speaker a block would open a turn for, before recurrence is checked.
fn candidate(block: &Block, roster: &Roster) -> Option<Speaker> {
    let make = |label: &str, form: Form| {
        let is_handle = label.starts_with('@');
        Some(Speaker {
            label: label.trim_start_matches('@').to_string(),
            is_handle,
            line: block.line,
            form,
        })
    };
    if let Some(nick) = &block.speaker {
        return make(nick, Form::Chat);
    }
    if matches!(block.kind, BlockKind::Code | BlockKind::TableRow)
        || block.heading_level().is_some()
    {
        return None;
    }
    let first = block.text.lines().next().unwrap_or("").trim();
    if block.kind == BlockKind::Paragraph
        && block.depth == 0
        && !block.text.contains('\n')
        && let Some(name) = name_line(block, first)
    {
        return make(name, Form::NameLine);
    }
    if let Some(c) = first
        .starts_with('[')
        .then(|| BRACKETED.captures(first))
        .flatten()
    {
        let inside = c.get(1)?.as_str().trim();
        return person::split_name_list(inside, block.line)
            .filter(|names| names.len() == 1)
            .and_then(|_| make(inside, Form::Bracketed));
    }
    if block.kind == BlockKind::ListItem {
        if let Some(name) = owner_line(block.text.trim()) {
            let speaker = spokesperson(block.text.trim(), name, roster).unwrap_or(name);
            return make(speaker, Form::Owner);
        }
        if let Some(name) = linked_actor(block) {
            return make(name, Form::Linked);
        }
    }
    let who = action::speaker_of(first)
        .or_else(|| capitalised_label(first).filter(|l| roster.knows(l)))?;
    let label_kind = sections::classify(who);
    (label_kind == SectionKind::Other && !who.eq_ignore_ascii_case("all"))
        .then(|| make(who, Form::Label))
        .flatten()
}

/// `Gibson: ...`: a capitalised name before a colon, whatever word it is
/// otherwise; only its recurring as a label in the file makes it a speaker.
fn capitalised_label(line: &str) -> Option<&str> {
    let (label, rest) = line.split_once(':')?;
    let label = label.trim();
    let words: Vec<&str> = label.split_whitespace().collect();
    let named = !words.is_empty()
        && words.len() <= 3
        && words.iter().all(|w| person::looks_like_first_name(w))
        && !super::decision::is_decision_label(label)
        && !super::lexicon::NOT_AGENTS.contains(&label.to_lowercase().as_str());
    (named && rest.starts_with(' ')).then_some(label)
}

/// `[ann](https://chat.example.org/msg/12) mentions that ...`: a list item that
/// opens with a linked name followed by what the person does.
fn linked_actor(block: &Block) -> Option<&str> {
    let link = block.links.first()?;
    let name = link.text.trim();
    let rest = block.text.trim_start().strip_prefix(name)?;
    let next = rest.split_whitespace().next()?;
    // A verb follows (`mentions`, `is planning`, `has`), not a joining word.
    let acts = next.chars().all(|c| c.is_lowercase())
        && !matches!(
            next,
            "and"
                | "or"
                | "of"
                | "for"
                | "to"
                | "in"
                | "on"
                | "with"
                | "the"
                | "a"
                | "an"
                | "at"
                | "by"
        );
    let nick = !name.contains(char::is_whitespace)
        && name.chars().next().is_some_and(char::is_alphabetic)
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !super::lexicon::COMMON_WORDS.contains(&name.to_lowercase().as_str());
    let full = name.split_whitespace().count() <= 3
        && name
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase))
        && person::name_like(name);
    (acts && (nick || full) && rest.starts_with(char::is_whitespace)).then_some(name)
}

/// `**Ann Lee**` or `@ann` alone on a line: a name before what the person said.
fn name_line<'t>(block: &Block, text: &'t str) -> Option<&'t str> {
    let bold = block
        .lead_strong
        .as_deref()
        .is_some_and(|s| s.trim() == text.trim_matches('*').trim());
    let bare = text.trim_matches('*').trim();
    let handle = bare.starts_with('@') && !bare.contains(char::is_whitespace);
    if !(bold || handle) || bare.ends_with(':') {
        return None;
    }
    let words = bare.split_whitespace().count();
    // `**zsmith**`: one lower-case word in bold is a nick when it is no ordinary word.
    let lower = bare.to_lowercase();
    let nick = words == 1
        && !super::lexicon::COMMON_WORDS.contains(&lower.as_str())
        && !person::is_stop_word(&lower);
    let named = person::name_like(bare)
        && words <= 4
        && sections::classify(bare) == SectionKind::Other
        && (handle
            || nick
            || bare
                .split_whitespace()
                .all(|w| w.starts_with(char::is_uppercase)));
    named.then_some(bare)
}

/// `ann:`, `Mic92`, `Bo Lee (Acme)`: a list item that is only a name or handle.
/// `Nimbus (Jacek)` over a team's update: the team or product first, then
/// the person who speaks for it, known from the roster or a given name.
fn spokesperson<'t>(text: &'t str, head: &str, roster: &Roster) -> Option<&'t str> {
    let inside = OWNER.captures(text)?.name("bracket")?.as_str().trim();
    let one_name = !inside.contains(' ')
        && inside.starts_with(char::is_uppercase)
        && person::name_like(inside);
    let someone = roster.knows(inside) || super::lexicon::is_given_name(inside);
    (one_name && someone && !roster.knows(head)).then_some(inside)
}

fn owner_line(text: &str) -> Option<&str> {
    // Most lines are no name: found without making room for what a match holds.
    if !OWNER.is_match(text) {
        return None;
    }
    let caps = OWNER.captures(text)?;
    let name = caps.name("name")?.as_str();
    let lower = name.to_lowercase();
    let single = !name.contains(' ');
    // One lower-case word is a nick only if it is no ordinary word (`hexa`, not `done`).
    let nick = single
        && !super::lexicon::COMMON_WORDS.contains(&lower.as_str())
        && !person::is_stop_word(&lower);
    let full = !single
        && name
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase));
    let named = (nick || full || person::could_be_name(&lower))
        && sections::classify(name) == SectionKind::Other
        && !super::action::starts_with_task_verb(name);
    named.then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(kind: BlockKind, depth: u8, text: &str, line: u32) -> Block {
        Block::new(kind, depth, text.to_string(), line, line)
    }

    fn speakers(blocks: &[Block]) -> Vec<Option<String>> {
        let turns = Turns::find(blocks);
        (0..blocks.len())
            .map(|i| turns.speaker(i).map(|s| s.label.clone()))
            .collect()
    }

    #[test]
    fn names_on_their_own_lines_cover_what_follows() {
        let mut ann = block(BlockKind::Paragraph, 0, "Ann Lee", 1);
        ann.lead_strong = Some("Ann Lee".into());
        let mut bo = block(BlockKind::Paragraph, 0, "Bo", 4);
        bo.lead_strong = Some("Bo".into());
        let blocks = vec![
            ann.clone(),
            block(BlockKind::ListItem, 1, "The mirror is back.", 2),
            bo,
            block(BlockKind::ListItem, 1, "I will check the disks.", 5),
            ann,
            block(BlockKind::ListItem, 1, "Thanks.", 8),
            block(BlockKind::Heading(2), 0, "Next", 9),
            block(BlockKind::Paragraph, 0, "Nobody speaks here.", 10),
        ];
        let s = speakers(&blocks);
        assert_eq!(s[1].as_deref(), Some("Ann Lee"));
        assert_eq!(s[3].as_deref(), Some("Bo"));
        assert_eq!(s[7], None);
    }

    #[test]
    fn a_nested_turn_ends_and_the_outer_one_goes_on() {
        let bold = |text: &str, line: u32| {
            let mut b = block(BlockKind::Paragraph, 0, text, line);
            b.lead_strong = Some(text.into());
            b
        };
        let blocks = vec![
            bold("Ann Lee", 1),
            block(BlockKind::ListItem, 1, "Done:", 2),
            block(BlockKind::ListItem, 2, "Cy: the mirror is back", 3),
            block(BlockKind::ListItem, 3, "it was the disk", 4),
            block(BlockKind::ListItem, 2, "Dee: the index is rebuilt", 5),
            block(BlockKind::ListItem, 2, "Cy: tagged the release", 6),
            block(BlockKind::ListItem, 1, "Next:", 7),
            block(BlockKind::ListItem, 2, "write the upgrade notes", 8),
            bold("Bo Chen", 9),
            block(BlockKind::ListItem, 1, "Next:", 10),
            block(BlockKind::ListItem, 2, "Cy: ship it", 11),
            block(BlockKind::Paragraph, 0, "Cy: and one more thing", 12),
            block(BlockKind::Paragraph, 0, "Nothing else.", 13),
            bold("Ann Lee", 14),
            block(BlockKind::ListItem, 1, "Cy: it is late", 15),
            block(BlockKind::Paragraph, 0, "Other news", 16),
            bold("Bo Chen", 17),
            block(BlockKind::ListItem, 1, "Next:", 18),
            bold("Open discussion", 19),
            block(BlockKind::ListItem, 1, "the demo went well", 20),
            bold("dqx", 21),
            block(BlockKind::ListItem, 1, "I'll check", 22),
        ];
        let s = speakers(&blocks);
        assert_eq!(s[3].as_deref(), Some("Cy"));
        assert_eq!(s[4].as_deref(), Some("Dee"));
        assert_eq!(s[6].as_deref(), Some("Ann Lee"));
        assert_eq!(s[7].as_deref(), Some("Ann Lee"));
        assert_eq!(s[9].as_deref(), Some("Bo Chen"));
        // A turn opened beside a name line, not under it, replaces it.
        assert_eq!(s[11].as_deref(), Some("Cy"));
        assert_eq!(s[12], None);
        // Once the list under the name ends, so does the name's turn.
        assert_eq!(s[14].as_deref(), Some("Cy"));
        assert_eq!(s[15], None);
        // A bold line of its own heads what follows, like a heading.
        assert_eq!(s[17].as_deref(), Some("Bo Chen"));
        assert_eq!(s[19], None);
        assert_eq!(s[21].as_deref(), Some("dqx"));
    }

    #[test]
    fn remarks_under_a_topic_leave_no_one_speaking() {
        let blocks = vec![
            block(BlockKind::ListItem, 1, "[ann] Conference tickets", 1),
            block(BlockKind::ListItem, 2, "Bo: we have a budget", 2),
            block(BlockKind::ListItem, 2, "Cy: ask early", 3),
            block(BlockKind::ListItem, 2, "Bo: agreed", 4),
            block(BlockKind::ListItem, 2, "will run with it", 5),
            block(BlockKind::ListItem, 1, "[ann] Release dates", 6),
            block(BlockKind::ListItem, 1, "[cy] Docs", 7),
        ];
        let s = speakers(&blocks);
        assert_eq!(s[3].as_deref(), Some("Bo"));
        assert_eq!(s[4], None);
    }

    #[test]
    fn labels_count_only_when_they_recur() {
        let blocks = vec![
            block(BlockKind::ListItem, 1, "Ann: we should ship it", 1),
            block(BlockKind::ListItem, 2, "it is ready", 2),
            block(BlockKind::ListItem, 1, "Bo: agreed", 3),
            block(BlockKind::ListItem, 1, "Ann: I'll tag it", 4),
            block(BlockKind::ListItem, 1, "Note: nothing else", 5),
        ];
        let s = speakers(&blocks);
        assert_eq!(s[0].as_deref(), Some("Ann"));
        assert_eq!(s[1].as_deref(), Some("Ann"));
        assert_eq!(s[2].as_deref(), Some("Bo"));
        assert_eq!(s[4], None);
    }

    #[test]
    fn linked_names_that_act() {
        let linked = |text: &str, name: &str, line: u32| {
            let mut b = block(BlockKind::ListItem, 1, text, line);
            b.links.push(crate::document::Link {
                text: name.into(),
                url: "https://chat.example.org/m/1".into(),
                line,
            });
            b
        };
        let blocks = vec![
            linked("kestrel42 mentions that the mirror moved", "kestrel42", 1),
            linked("Bo Lee has a patch for the parser", "Bo Lee", 2),
            linked("release notes and more", "release notes", 3),
            linked("cy-dev applauds the new index", "cy-dev", 4),
        ];
        let s = speakers(&blocks);
        assert_eq!(s[0].as_deref(), Some("kestrel42"));
        assert_eq!(s[1].as_deref(), Some("Bo Lee"));
        assert_eq!(s[2], None);
    }

    #[test]
    fn a_team_then_its_spokesperson() {
        let blocks = vec![
            block(BlockKind::ListItem, 1, "Frobnik (Peter)", 1),
            block(BlockKind::ListItem, 2, "Will share the roadmap later", 2),
            block(BlockKind::ListItem, 1, "Zorbix (Maria)", 3),
            block(BlockKind::ListItem, 2, "Published the release", 4),
        ];
        let s = speakers(&blocks);
        assert_eq!(s[1].as_deref(), Some("Peter"));
        assert_eq!(s[3].as_deref(), Some("Maria"));
    }

    #[test]
    fn owners_and_brackets() {
        let blocks = vec![
            block(BlockKind::Paragraph, 0, "Present: ravi, Mic92, bo, cy", 0),
            block(BlockKind::ListItem, 1, "ravi:", 1),
            block(BlockKind::ListItem, 2, "Rotated the keys", 2),
            block(BlockKind::ListItem, 1, "Mic92", 3),
            block(BlockKind::ListItem, 2, "Idea: a cache", 4),
            block(BlockKind::ListItem, 1, "[bo] Does the mirror run here?", 5),
            block(BlockKind::ListItem, 1, "[bo] it does", 6),
            block(BlockKind::ListItem, 1, "[cy] fine", 7),
        ];
        let s = speakers(&blocks);
        assert_eq!(s[2].as_deref(), Some("ravi"));
        assert_eq!(s[4].as_deref(), Some("Mic92"));
        assert_eq!(s[5].as_deref(), Some("bo"));
        // Without a roster naming them, a phrase over a list is no one.
        let s = speakers(&blocks[1..]);
        assert_eq!(s[1], None);
    }
}
