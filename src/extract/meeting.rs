//! One meeting from one document: runs the per-kind rule sets over the blocks
//! and ties every finding to its line and agenda item.

use super::FileContext;
use super::action::{self, LineContext};
use super::agenda::{self, Agenda};
use super::dates;
use super::decision;
use super::issue::{self, RepoContext};
use super::person::{self, Evidence};
use super::records as issue_ref;
use super::records::{ActionRecord, DecisionRecord, MeetingRecord, Mention, PersonRef};
use super::sections::{SectionKind, SectionMap};
use super::service;
use crate::config::Config;
use crate::document::{Block, BlockKind, Document};
use crate::model::Role;
use regex::Regex;
use std::sync::LazyLock;

static LABEL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W{0,3}(present|attendees|attendance|participants|attending|regrets|absent|apologies|excused|chairs?|chaired by|scribes?|note ?takers?|minutes(?: taker| by)?|moderator|facilitator)\W{0,3}\s*:\s*(.+)$")
        .expect("regex")
});
static ABSENCE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(absent|could not attend|couldn't attend|can't attend|cannot attend|unable to attend|not attend|excused|on leave|on vacation|regrets|is out|are out|missing)\b").expect("regex")
});
static SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}.'’-]*){0,2})\s*:\s+\S").expect("regex")
});

/// Read the one meeting a document records.
pub fn read_meeting(doc: &Document, config: &Config, context: &FileContext) -> MeetingRecord {
    let blocks = &doc.blocks;
    let sections = SectionMap::new(blocks);
    let agenda = agenda::find_items(blocks, &sections, doc.style);
    let mut meeting = MeetingRecord {
        date: meeting_date(doc),
        title: meeting_title(doc),
        line: 1,
        end_line: blocks.iter().map(|b| b.end_line).max().unwrap_or(1),
        ..MeetingRecord::default()
    };
    let repo = repo_context(blocks, config);
    authors(doc, context, &mut meeting);
    let mut candidates = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let item = agenda.item_of_block[i];
        let section = effective_section(&sections, &agenda, i);
        mentions(block, item, &repo, config, &mut meeting, &mut candidates);
        match section {
            Some(SectionKind::Attendance) => attendance_block(block, &mut meeting, false),
            Some(SectionKind::Absence) => attendance_block(block, &mut meeting, true),
            Some(SectionKind::Meta) => roles_in(block, &mut meeting),
            _ => {}
        }
        if !matches!(
            section,
            Some(SectionKind::Attendance | SectionKind::Absence)
        ) {
            label_lines(block, &mut meeting);
            if !opens_item(&agenda, i) && block.kind != BlockKind::Code {
                outcomes(blocks, i, item, section, &mut meeting, config);
            }
        }
    }
    meeting.items = agenda.items;
    confirm_candidates(&mut meeting, candidates);
    confirm_presenters(&mut meeting);
    for it in &meeting.items {
        for p in &it.presenters {
            meeting.people.push(Mention {
                what: p.clone(),
                item: None,
            });
        }
    }
    for a in &meeting.actions {
        for p in &a.assignees {
            meeting.people.push(Mention {
                what: p.clone(),
                item: a.item,
            });
        }
    }
    super::person_links::canonicalise(&mut meeting, config);
    meeting
}

fn opens_item(agenda: &Agenda, i: usize) -> bool {
    agenda.item_of_block[i].is_some()
        && (i == 0 || agenda.item_of_block[i - 1] != agenda.item_of_block[i])
}

/// The section kind that applies to block `i`: a heading above the start of the
/// block's agenda item no longer applies (plain-text items reset sections).
fn effective_section(sections: &SectionMap, agenda: &Agenda, i: usize) -> Option<SectionKind> {
    let item_start = agenda.item_of_block[i]
        .and_then(|n| agenda.item_of_block.iter().position(|x| *x == Some(n)));
    sections.enclosing[i]
        .iter()
        .rev()
        .filter(|&&(h, _)| item_start.is_none_or(|s| h >= s))
        .map(|&(_, k)| k)
        .find(|k| !matches!(k, SectionKind::Title | SectionKind::Other))
}

/// The meeting date: a date heading (the minutes' own statement) first, then
/// front matter (often a publication date), the file name, and the first lines.
fn meeting_date(doc: &Document) -> Option<String> {
    let heading_date = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
        .take(3)
        .find_map(|b| {
            dates::find_date(&b.text).filter(|d| d.rest_is_trivial || b.heading_level() == Some(1))
        });
    if let Some(d) = heading_date {
        return Some(d.date);
    }
    if let Some(fm) = &doc.front_matter {
        if let Some(d) = fm.text("date").and_then(|t| dates::find_date(&t)) {
            return Some(d.date);
        }
    }
    if let Some(d) = dates::date_from_path(&doc.source) {
        return Some(d);
    }
    doc.blocks
        .iter()
        .take(6)
        .find_map(|b| dates::find_date(&b.text))
        .map(|d| d.date)
}

fn meeting_title(doc: &Document) -> Option<String> {
    if let Some(t) = doc.front_matter.as_ref().and_then(|fm| fm.text("title")) {
        return Some(t);
    }
    doc.blocks
        .iter()
        .find(|b| b.heading_level() == Some(1))
        .map(|b| b.text.clone())
}

fn repo_context(blocks: &[Block], config: &Config) -> RepoContext {
    let mut repo = RepoContext {
        default_repository: config.default_repository.clone(),
        known: Vec::new(),
    };
    for b in blocks {
        repo.learn(&b.text);
        for l in &b.links {
            repo.learn(&l.url);
        }
    }
    repo
}

/// Front matter authors; a key known to the author registry keeps its name and key.
fn authors(doc: &Document, context: &FileContext, meeting: &mut MeetingRecord) {
    if let Some(fm) = &doc.front_matter {
        for author in fm.list("authors").into_iter().chain(fm.list("author")) {
            let line = fm.line + 1;
            let person = match context.authors.get(&author) {
                Some(name) => PersonRef {
                    name: name.clone(),
                    is_handle: false,
                    handle: Some(author),
                    line,
                },
                None => PersonRef::name(author, line),
            };
            meeting.people.push(Mention {
                what: person,
                item: None,
            });
        }
    }
}

/// People, issues and services mentioned in a block.
fn mentions(
    block: &Block,
    item: Option<usize>,
    repo: &RepoContext,
    config: &Config,
    meeting: &mut MeetingRecord,
    candidates: &mut Vec<Mention<PersonRef>>,
) {
    for r in block_issues(block, repo) {
        meeting.issues.push(Mention { what: r, item });
    }
    if block.kind == BlockKind::Code {
        return;
    }
    for s in service::find_services(&block.text, block.line, &config.services) {
        meeting.services.push(Mention { what: s, item });
    }
    let mut people = person::find_named_handles(&block.text, block.line);
    people.extend(person::find_handles(&block.text, block.line));
    for (p, evidence) in person::find_acting_names(&block.text, block.line) {
        if config.services.lookup(&p.name).is_some() {
            continue;
        }
        match evidence {
            Evidence::Strong => people.push(p),
            Evidence::Weak => candidates.push(Mention { what: p, item }),
        }
    }
    for (line, text) in block.text_lines() {
        if let Some(c) = SPEAKER.captures(text.trim()) {
            let name = &c[1];
            if person::name_like(name) && !decision::is_decision_label(name) && !is_label_word(name)
            {
                candidates.push(Mention {
                    what: PersonRef::name(name, line),
                    item,
                });
            }
        }
    }
    for p in people {
        meeting.people.push(Mention { what: p, item });
    }
}

/// Issue references in a block's text and link targets. A short form (`#12`,
/// `repo/#12`) is dropped when a full reference with the same number is there too
/// (typically the link target of that very text).
fn block_issues(block: &Block, repo: &RepoContext) -> Vec<issue_ref::IssueRef> {
    let mut refs = issue::find_issues(&block.text, block.line, repo);
    if block.kind == BlockKind::Code {
        // Numbers after `#` in code are comments or colours, not references.
        refs.retain(|r| r.url.is_some());
    }
    for link in &block.links {
        if !block.text.contains(&link.url) {
            refs.extend(issue::find_issues(&link.url, link.line, repo));
        }
    }
    let full: Vec<u64> = refs
        .iter()
        .filter(|r| r.key.contains('/'))
        .map(|r| r.number)
        .collect();
    refs.retain(|r| r.key.contains('/') || !full.contains(&r.number));
    refs
}

/// Presenters written as bare lower-case words (`(news, events)`) must be people already known.
fn confirm_presenters(meeting: &mut MeetingRecord) {
    let known: Vec<String> = meeting
        .attendees
        .iter()
        .chain(&meeting.absentees)
        .chain(meeting.people.iter().map(|m| &m.what))
        .map(PersonRef::key)
        .collect();
    for item in &mut meeting.items {
        item.presenters.retain(|p| {
            p.is_handle
                || p.name.chars().next().is_some_and(char::is_uppercase)
                || known.contains(&p.key())
        });
    }
}

/// Keep the weakly evidenced names that match someone already known in this meeting.
fn confirm_candidates(meeting: &mut MeetingRecord, candidates: Vec<Mention<PersonRef>>) {
    let mut known: Vec<String> = Vec::new();
    let all = meeting
        .attendees
        .iter()
        .chain(&meeting.absentees)
        .chain(meeting.roles.iter().map(|(_, p)| p));
    for p in all.chain(meeting.people.iter().map(|m| &m.what)) {
        known.push(p.key());
        known.push(p.name.to_lowercase());
        if let Some(first) = p.name.split_whitespace().next() {
            known.push(first.to_lowercase());
        }
    }
    for c in candidates {
        if known.contains(&c.what.name.to_lowercase()) {
            meeting.people.push(c);
        }
    }
}

fn is_label_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    person::is_stop_word(&lower)
        || super::sections::classify(word) != SectionKind::Other
        || lower.split_whitespace().any(|w| {
            matches!(
                w,
                "note"
                    | "notes"
                    | "update"
                    | "status"
                    | "proposal"
                    | "question"
                    | "pr"
                    | "issue"
                    | "link"
                    | "links"
                    | "example"
                    | "goal"
                    | "goals"
                    | "context"
                    | "background"
                    | "problem"
                    | "solution"
                    | "summary"
                    | "feedback"
                    | "motivation"
                    | "why"
                    | "what"
                    | "how"
                    | "where"
                    | "when"
                    | "who"
                    | "reason"
                    | "result"
                    | "idea"
                    | "ideas"
                    | "option"
                    | "options"
                    | "pros"
                    | "cons"
                    | "comment"
                    | "comments"
                    | "discussion"
                    | "conclusion"
                    | "todo"
                    | "done"
                    | "next"
                    | "current"
                    | "state"
                    | "plan"
                    | "release"
                    | "version"
                    | "date"
                    | "time"
                    | "location"
                    | "repo"
                    | "repository"
                    | "docs"
                    | "documentation"
                    | "slides"
                    | "recording"
                    | "minutes"
                    | "agenda"
            )
        })
}

/// Names listed in an attendance (or absence) section.
fn attendance_block(block: &Block, meeting: &mut MeetingRecord, absent: bool) {
    if matches!(block.kind, BlockKind::Heading(_) | BlockKind::Code) {
        return;
    }
    if block.kind == BlockKind::TableRow {
        table_row_presence(block, meeting, absent);
        return;
    }
    let text = block.text.clone();
    let listed = list_after_label(&text, block.line)
        .or_else(|| person::split_name_list(&text, block.line))
        .or_else(|| first_piece(&text, block));
    match listed {
        Some(people) if !is_table_header(block) => {
            let absent = absent || ABSENCE_WORDS.is_match(&text);
            for p in people {
                push_presence(meeting, p, absent);
            }
        }
        _ => {
            if ABSENCE_WORDS.is_match(&text) {
                for (p, _) in person::find_acting_names(&text, block.line) {
                    push_presence(meeting, p, true);
                }
            }
        }
    }
}

fn is_table_header(block: &Block) -> bool {
    block.kind == BlockKind::TableRow
        && block.cells.iter().any(|c| {
            let c = c.to_lowercase();
            c.starts_with("name")
                || matches!(c.as_str(), "person" | "attendee" | "participant" | "who")
        })
}

/// One row of an attendance table: a name cell, an optional presence mark
/// (`X`, `✓`) in a short first column, and an optional handle column.
fn table_row_presence(block: &Block, meeting: &mut MeetingRecord, absent: bool) {
    if is_table_header(block) {
        return;
    }
    let cells = &block.cells;
    let marked = cells
        .first()
        .filter(|c| c.chars().count() <= 3 && !c.chars().any(char::is_alphabetic) || is_mark(c));
    let name_cells: &[String] = if marked.is_some() || cells.first().is_some_and(|c| c.is_empty()) {
        &cells[1..]
    } else {
        cells
    };
    let Some((pos, name)) = name_cells.iter().enumerate().find_map(|(i, c)| {
        let name = c.split(['(', ',']).next().unwrap_or("").trim();
        (person::name_like(name) && !name.is_empty()).then_some((i, name))
    }) else {
        return;
    };
    let mut p = person::person_ref(name, block.line);
    if let Some(handle) = name_cells[pos + 1..]
        .iter()
        .rev()
        .find(|c| is_handle_cell(c))
    {
        if !p.is_handle {
            p.handle = Some(handle.trim_start_matches('@').to_string());
        }
    }
    let has_mark_column = marked.is_some() || cells.first().is_some_and(|c| c.is_empty());
    let present = !has_mark_column || marked.is_some_and(|m| is_mark(m));
    push_presence(meeting, p, absent || !present);
}

fn is_mark(cell: &str) -> bool {
    matches!(
        cell.trim().to_lowercase().as_str(),
        "x" | "✓" | "✔" | "✅" | "yes" | "y" | "present" | "[x]" | "+" | "1"
    )
}

fn is_handle_cell(cell: &str) -> bool {
    let c = cell.trim().trim_start_matches('@');
    !c.is_empty()
        && c.len() <= 39
        && c.chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
        && !matches!(
            c.to_lowercase().as_str(),
            "he" | "she" | "they" | "him" | "her" | "them"
        )
}

/// `Team members: Niko, Scott` -> the list after the label.
fn list_after_label(text: &str, line: u32) -> Option<Vec<PersonRef>> {
    let (label, rest) = text.split_once(':')?;
    (label.split_whitespace().count() <= 4 && !rest.trim().is_empty())
        .then(|| person::split_name_list(rest, line))?
}

/// A list item such as `Matt Rutkowski, he/him, CT (IBM)`: its first comma piece, when name-like.
fn first_piece(text: &str, block: &Block) -> Option<Vec<PersonRef>> {
    if block.kind != BlockKind::ListItem && block.kind != BlockKind::TableRow {
        return None;
    }
    let first = text.split([',', '(', '–', '—']).next()?.trim();
    let first = first.split(" - ").next()?.trim();
    person::name_like(first).then(|| vec![person::person_ref(first, block.line)])
}

fn push_presence(meeting: &mut MeetingRecord, p: PersonRef, absent: bool) {
    if absent {
        meeting.absentees.push(p);
    } else {
        meeting.attendees.push(p);
    }
}

/// `Present: A, B`, `Regrets: C`, `Chair: D`, `Scribe: E` lines anywhere.
fn label_lines(block: &Block, meeting: &mut MeetingRecord) {
    for (line, text) in block.text_lines() {
        let Some(caps) = LABEL_LINE.captures(text.trim()) else {
            continue;
        };
        let label = caps[1].to_lowercase();
        let people = person::split_name_list(&caps[2], line)
            .unwrap_or_else(|| person::find_handles(&caps[2], line));
        for p in people {
            match label.as_str() {
                l if l.starts_with("regret")
                    || l.starts_with("absent")
                    || l.starts_with("apolog")
                    || l == "excused" =>
                {
                    meeting.absentees.push(p)
                }
                l if l.starts_with("chair") || l == "moderator" || l == "facilitator" => {
                    meeting.roles.push((Role::Chair, p.clone()));
                    meeting.attendees.push(p);
                }
                l if l.starts_with("scribe")
                    || l.starts_with("note")
                    || l.starts_with("minutes") =>
                {
                    meeting.roles.push((Role::Scribe, p.clone()));
                    meeting.attendees.push(p);
                }
                _ => meeting.attendees.push(p),
            }
        }
    }
}

/// Roles named in a housekeeping section (`Responsible for the minutes: @x`).
fn roles_in(block: &Block, meeting: &mut MeetingRecord) {
    for (line, text) in block.text_lines() {
        let lower = text.to_lowercase();
        let role = if lower.contains("minutes")
            || lower.contains("note")
            || lower.contains("scribe")
            || lower.contains("protocol")
        {
            Some(Role::Scribe)
        } else if lower.contains("chair")
            || lower.contains("moderat")
            || lower.contains("facilitat")
        {
            Some(Role::Chair)
        } else if lower.contains("report") || lower.contains("present") {
            Some(Role::Reporter)
        } else {
            None
        };
        if let Some(role) = role {
            for p in person::find_handles(text, line) {
                meeting.roles.push((role, p));
            }
        }
    }
}

/// Decisions and actions in block `i`, read sentence by sentence.
fn outcomes(
    blocks: &[Block],
    i: usize,
    item: Option<usize>,
    section: Option<SectionKind>,
    meeting: &mut MeetingRecord,
    config: &Config,
) {
    let block = &blocks[i];
    let whole_block_decision = block
        .lead_strong
        .as_deref()
        .is_some_and(decision::is_decision_label)
        || (section == Some(SectionKind::Decisions)
            && !matches!(block.kind, BlockKind::Heading(_)));
    let in_actions = (section == Some(SectionKind::Actions)
        && !matches!(block.kind, BlockKind::Heading(_)))
        || under_action_label(blocks, i);
    if whole_block_decision {
        let text = one_line(&block.text);
        meeting.decisions.push(DecisionRecord {
            text,
            line: block.line,
            end_line: block.end_line,
            item,
        });
    }
    let not_person = |name: &str| config.services.lookup(name).is_some();
    for (n, sentence) in sentences(block).into_iter().enumerate() {
        let is_decision = whole_block_decision || decision::states_decision(&sentence.text);
        if is_decision && !whole_block_decision {
            let end_line = if labelled(&sentence.text) {
                block.end_line
            } else {
                sentence.end_line
            };
            meeting.decisions.push(DecisionRecord {
                text: sentence.text.clone(),
                line: sentence.line,
                end_line,
                item,
            });
        }
        let ctx = LineContext {
            in_action_section: in_actions,
            checkbox: if n == 0 { block.checked } else { None },
            is_decision,
            not_person: &not_person,
        };
        let task = strip_label(&sentence.text);
        if let Some(found) = action::find_action(task, sentence.line, ctx) {
            meeting.actions.push(ActionRecord {
                text: task.to_string(),
                line: sentence.line,
                end_line: sentence.end_line,
                item,
                assignees: found.assignees,
                status: found.status,
                due: found.due,
            });
        }
    }
}

/// One sentence of a block with its line span.
struct Sentence {
    text: String,
    line: u32,
    end_line: u32,
}

/// Split a block into sentences; source line breaks inside a sentence become spaces.
fn sentences(block: &Block) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start_line = block.line;
    let mut line = block.line;
    let chars: Vec<char> = block.text.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        if c == '\n' {
            line += 1;
            if current.trim().is_empty() {
                start_line = line;
            }
            current.push(' ');
            continue;
        }
        current.push(c);
        let ends = matches!(c, '.' | '!' | '?')
            && chars.get(k + 1).is_some_and(|n| n.is_whitespace())
            && chars[k + 1..]
                .iter()
                .find(|n| !n.is_whitespace())
                .is_some_and(|n| n.is_uppercase() || *n == '@');
        if ends {
            push_sentence(&mut out, &mut current, start_line, line);
            start_line = line;
        }
    }
    push_sentence(&mut out, &mut current, start_line, line);
    out
}

fn push_sentence(out: &mut Vec<Sentence>, current: &mut String, line: u32, end_line: u32) {
    let text = one_line(current);
    if !text.is_empty() {
        out.push(Sentence {
            text,
            line,
            end_line,
        });
    }
    current.clear();
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `Conclusion: Create an issue` -> `Create an issue`.
fn strip_label(text: &str) -> &str {
    match text.split_once(':') {
        Some((label, rest)) if label.len() < 30 && decision::is_decision_label(label) => {
            rest.trim()
        }
        _ => text,
    }
}

fn labelled(text: &str) -> bool {
    text.split_once(':')
        .is_some_and(|(l, _)| l.len() < 30 && decision::is_decision_label(l))
}

/// Whether block `i` sits below a list item such as `next steps:` or `ToDo:`.
fn under_action_label(blocks: &[Block], i: usize) -> bool {
    let depth = blocks[i].depth;
    if depth == 0 {
        return false;
    }
    for b in blocks[..i].iter().rev() {
        if matches!(b.kind, BlockKind::Heading(_)) || b.depth == 0 {
            return false;
        }
        if b.depth < depth {
            let lower = b.text.trim().to_lowercase();
            return lower.ends_with(':')
                && [
                    "next step",
                    "todo",
                    "to do",
                    "to-do",
                    "action",
                    "follow-up",
                    "follow up",
                    "tasks",
                ]
                .iter()
                .any(|w| lower.contains(w));
        }
    }
    false
}
