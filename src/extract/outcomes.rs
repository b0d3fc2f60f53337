//! Decisions and action items, read sentence by sentence from each block, with
//! the section and list context that changes what counts as a task.

use super::action::{self, LineContext};
use super::decision;
use super::findings::{Fact, Finding, Rule};
use super::names::NameIndex;
use super::person::{self, Evidence};
use super::records::{ActionRecord, DecisionRecord, PersonRef};
use super::sections::{self, SectionKind};
use super::turns::{Form, Speaker};
use crate::config::{Config, Keywords};
use crate::document::{Block, BlockKind};
use crate::model::ActionStatus;
use regex::Regex;
use rustc_hash::FxHashSet as HashSet;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Where a block sits: its agenda item, the section kind that applies, the
/// speaker's turn it is part of, and the list items it is nested under.
pub(super) struct Place<'a> {
    /// Index of the enclosing agenda item.
    pub item: Option<usize>,
    /// The section kind that applies.
    pub section: Option<SectionKind>,
    /// The turn the block is part of.
    pub turn: Option<&'a Speaker>,
    /// The list parents of every block of the meeting.
    pub lists: &'a ListParents,
    /// The names the document shows as people.
    pub shown: &'a ShownNames,
    /// The names the meeting lists or names outright.
    pub names: &'a NameIndex,
}

/// The decisions and actions read so far in one meeting: the rule's own record,
/// so a decision can absorb the acknowledgement just before it and a task
/// repeated in a recap is read once.
#[derive(Default)]
pub(super) struct Outcomes {
    decisions: Vec<DecisionRecord>,
    actions: Vec<ActionRecord>,
    /// The actions' tasks as compared ([`bare_task`]), so a repeat is a lookup.
    tasks: HashSet<String>,
}

impl Outcomes {
    /// The findings: decisions, then actions, with owners from chat-bot
    /// `#action nick ...` commands where the log shows who `nick` is.
    pub(super) fn into_findings(mut self, blocks: &[Block]) -> Vec<Finding> {
        command_owners(blocks, &mut self.actions);
        let decisions = self.decisions.into_iter().map(Fact::Decision);
        let actions = self.actions.into_iter().map(Fact::Action);
        decisions
            .chain(actions)
            .map(|fact| Finding::stated(Rule::Outcomes, fact))
            .collect()
    }
}

/// For every block, the nearest block above it that is less deeply nested (the
/// list item it hangs under, or a plain line before a list), with no heading
/// in between; worked out once per meeting.
pub(super) struct ListParents(Vec<Option<usize>>);

impl ListParents {
    /// The list parents of `blocks`.
    pub fn new(blocks: &[Block]) -> Self {
        let mut parents = vec![None; blocks.len()];
        let mut open: Vec<(u8, usize)> = Vec::new();
        for (i, b) in blocks.iter().enumerate() {
            if b.heading_level().is_some() {
                open.clear();
                continue;
            }
            while open.last().is_some_and(|&(depth, _)| depth >= b.depth) {
                open.pop();
            }
            parents[i] = open.last().map(|&(_, p)| p);
            open.push((b.depth, i));
        }
        ListParents(parents)
    }

    /// The list item (or plain line) block `i` hangs under.
    pub fn parent(&self, i: usize) -> Option<usize> {
        self.0[i]
    }

    /// The parent of block `i`, its parent, and so on up to a plain line.
    fn chain(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.0[i], |&p| self.0[p])
    }
}

/// Decisions and actions in block `i`, read sentence by sentence.
pub(super) fn outcomes(
    blocks: &[Block],
    i: usize,
    place: &Place<'_>,
    meeting: &mut Outcomes,
    config: &Config,
) {
    let Place {
        item,
        section,
        turn,
        lists,
        shown,
        names,
    } = *place;
    let block = &blocks[i];
    // `Decisions:`, `**Outcome**`: a label and nothing else (`Conflict
    // resolution` is a subject, `[Conclusions](link)` a summary); `Accepted
    // MCPs` over the list of them.
    let decision_label = |b: &Block| {
        let text = b.text.trim();
        (text.ends_with(':') || b.lead_strong.as_deref() == Some(text))
            && decision::is_only_decision_label(text, &config.keywords.decision)
            || decision::is_outcome_list_heading(text)
    };
    // `- Decisions:` over a list: the items below are the decisions, not the label.
    let opens_list = blocks
        .get(i + 1)
        .is_some_and(|next| next.kind == BlockKind::ListItem && lists.parent(i + 1) == Some(i));
    // `Needs review/decisions:` over a list states nothing itself either.
    let says_nothing = block.text.trim().ends_with(':')
        && decision::is_decision_label_with(&block.text, &config.keywords.decision);
    if block.kind == BlockKind::ListItem && opens_list && (decision_label(block) || says_nothing) {
        return;
    }
    // The list item this one hangs under, if it is a list item too.
    let parent_item = lists
        .parent(i)
        .filter(|&p| block.kind == BlockKind::ListItem && blocks[p].kind == BlockKind::ListItem);
    // Under `Accepted MCPs`: the title of what was accepted, not a task.
    let names_accepted =
        parent_item.is_some_and(|p| decision::is_outcome_list_heading(&blocks[p].text));
    // `- No new accepted proposals this time.` under the label: nothing decided.
    let under_decision_label = parent_item.is_some_and(|p| decision_label(&blocks[p]))
        && !decision::says_none(&block.text);
    let whole_block_decision = under_decision_label
        || block
            .lead_strong
            .as_deref()
            .is_some_and(|l| decision::is_decision_label_with(l, &config.keywords.decision))
        || (section == Some(SectionKind::Decisions)
            && !matches!(block.kind, BlockKind::Heading(_))
            // Under someone's name on a line of its own (`**Tim**` over what
            // he said): a transcript or an update, not a list of decisions.
            && !turn.is_some_and(|s| matches!(s.form, Form::NameLine | Form::Owner))
            && !block.table_head
            // `| **Action 1** | ... |` under "Decisions and Actions": an action.
            && !block.lead_strong.as_deref().is_some_and(|l| {
                sections::classify_with(l, &config.keywords) == SectionKind::Actions
            }));
    let in_actions = (section == Some(SectionKind::Actions)
        && !matches!(block.kind, BlockKind::Heading(_)))
        || under_action_label(blocks, i, lists, &config.keywords);
    // `POLL: adopt the draft` over a table of votes: the poll and its result.
    if let Some(result) = poll_result(blocks, i) {
        meeting.decisions.push(DecisionRecord {
            text: one_line(&block.text),
            line: block.line,
            end_line: result,
            item,
        });
        return;
    }
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
    let known = |word: &str| names.knows_outside(word, block.line, block.end_line);
    let known_person = |name: &str| {
        let lower = name.to_lowercase();
        // "Niko" for the attendee `nikomatsakis`: a short form of a known handle.
        let short_form = lower.chars().count() >= 3
            && !lower.contains(' ')
            && names.extends_outside(&lower, block.line, block.end_line);
        known(&lower) || lower.split_whitespace().all(known) || short_form || shown.shows(name)
    };
    // `**Agenda**`, `**Notes**` on a line of their own: a label over what
    // follows, not a task, whatever section it stands in.
    let bold_label = sections::is_bold_label(block);
    // Under `Done:` in someone's update: what was finished, not a task.
    let reported_done = block.checked.is_none() && under_done_label(blocks, i, lists);
    // The speaker of the turn so far: `CDS: Good idea. I'll bring it` commits CDS.
    let mut speaker: Option<String> = turn.map(|s| s.label.clone());
    let sentences = sentences(block);
    for (n, sentence) in sentences.iter().enumerate() {
        let opens_line = n == 0 || sentences[n - 1].end_line < sentence.line;
        if let Some(who) = action::speaker_of(&sentence.text) {
            speaker = Some(who.to_string());
        }
        // The turn that opens with this block names its speaker for the first sentence.
        if n == 0
            && let Some(s) = turn.filter(|s| s.line == block.line && s.form == Form::Label)
        {
            speaker = Some(s.label.clone());
        }
        let said = action::without_chat_prefix(&sentence.text);
        // A heading names a subject or a section ("Accepted proposals"); it states no decision.
        let heading = matches!(block.kind, BlockKind::Heading(_));
        let is_decision = whole_block_decision
            || !heading
                && decision::states_decision_with(said, &config.keywords.decision)
                && !(in_actions && decision::only_settles(said));
        if is_decision && !whole_block_decision {
            // `(no objections)` just before `RESOLUTION: ...`: one decision.
            if let Some(last) = meeting.decisions.last() {
                let acknowledgement = last.text.split_whitespace().count() <= 3
                    && last.end_line + 1 >= sentence.line
                    && last.item == item;
                if acknowledgement {
                    meeting.decisions.pop();
                }
            }
            let end_line = if labelled(said) {
                block.end_line
            } else {
                sentence.end_line
            };
            // `Approved for beta backport`, `No objections.` under the item they
            // answer: the decision reads with what it is about.
            let said = strip_log_stamp(said);
            let about = lists
                .parent(i)
                .filter(|&p| blocks[p].kind == BlockKind::ListItem && n == 0)
                .filter(|_| said.split_whitespace().count() <= 5);
            let text = match about {
                Some(p) => format!(
                    "{}: {said}",
                    one_line(&blocks[p].text).trim_end_matches([':', '.'])
                ),
                None => said.to_string(),
            };
            meeting.decisions.push(DecisionRecord {
                text,
                line: sentence.line,
                end_line,
                item,
            });
        }
        let ctx = LineContext {
            in_action_section: in_actions,
            follows_on_line: !opens_line,
            checkbox: if n == 0 { block.checked } else { None },
            is_decision,
            not_person: &not_person,
            known_person: &known_person,
            speaker: speaker.as_deref(),
            markers: &config.keywords.action,
        };
        let task = strip_log_stamp(strip_label(said));
        let repeated = meeting.tasks.contains(&bare_task(task));
        if repeated || just_a_name(task) {
            // A recap ("Action items, by person") repeats tasks under each name.
            continue;
        }
        if reported_done || bold_label || names_accepted {
            continue;
        }
        if let Some(mut found) = action::find_action(task, sentence.line, ctx) {
            // A task in the action list of someone's own update is theirs.
            let own_list = turn.filter(|s| matches!(s.form, Form::NameLine | Form::Owner));
            if let Some(owner) = own_list.filter(|_| found.assignees.is_empty() && in_actions) {
                found.assignees.push(PersonRef {
                    line: sentence.line,
                    ..owner.person()
                });
            }
            let status = if followed_by_done(blocks, i) {
                ActionStatus::Done
            } else {
                found.status
            };
            meeting.tasks.insert(bare_task(task));
            meeting.actions.push(ActionRecord {
                text: task.to_string(),
                line: sentence.line,
                end_line: sentence.end_line,
                item,
                assignees: found.assignees,
                status,
                due: found.due,
            });
        }
    }
}

/// A task as compared with others: trimmed, without a leading bot command
/// (`#action`), lower-cased, so two tasks that say the same compare equal.
fn bare_task(task: &str) -> String {
    let t = task.trim();
    let t = if t.starts_with('#') {
        t.split_once(' ').map_or(t, |(_, rest)| rest)
    } else {
        t
    };
    t.to_lowercase()
}

/// MeetBot's `#action ann ...` is Ann's task when `ann` speaks in the log.
fn command_owners(blocks: &[Block], actions: &mut [ActionRecord]) {
    let nicks: BTreeMap<String, &str> = blocks
        .iter()
        .filter_map(|b| b.speaker.as_deref())
        .map(|n| (n.to_lowercase(), n))
        .collect();
    if nicks.is_empty() {
        return;
    }
    for action in actions {
        let Some(rest) = super::speakers::command_args(&action.text, "#action") else {
            continue;
        };
        let mut owners: Vec<PersonRef> = Vec::new();
        for word in rest.split_whitespace() {
            if matches!(word, "and" | "&" | ",") {
                continue;
            }
            let w = word.trim_start_matches('@').trim_end_matches([':', ',']);
            match nicks.get(&w.to_lowercase()) {
                Some(nick) => owners.push(PersonRef::name(*nick, action.line)),
                None => break,
            }
        }
        if !owners.is_empty() {
            action.assignees = owners;
        }
    }
}

/// The names a document shows as people somewhere: a speaker label opening a
/// line (`Tariq: ...`), a presenter in brackets (`[Tariq Haddad]`, `(Tariq)`), a
/// verb of speech after it (`Niko left a comment`), or an entry of a labelled
/// list of names (`Others: simulacrum, connor horman, Lokathor`). Read once per
/// meeting; asking about a name is then a lookup.
pub(super) struct ShownNames {
    /// Words that open a label or a bracketed name, or belong to a name that speaks.
    words: HashSet<String>,
    /// Lower-cased first words of the entries of labelled name lists.
    listed: Vec<String>,
}

/// A name opening a line or a bracket, with up to two capitalised words after
/// it, closed by a bracket or a `: ` (`[Tariq Haddad]`, `Tariq: `).
static SHOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?mx)
        (?: ^\s* | [\[(] ) \s*
        (?P<first> [^\s\[\]():]+ )
        (?: \s+ \p{Lu}[\p{L}'’.-]* ){0,2}
        \s* (?: [\])] | :\s )",
    )
    .expect("shown-name regex")
});

impl ShownNames {
    /// Read the names `blocks` show as people.
    pub(super) fn new(blocks: &[Block]) -> Self {
        let mut words = HashSet::default();
        let mut listed = Vec::new();
        for b in blocks {
            // Every form [`SHOWN`] reads ends with `)`, `]` or `: `.
            if b.text.contains([')', ']', ':']) {
                for c in SHOWN.captures_iter(&b.text) {
                    words.insert(c["first"].to_string());
                }
            }
            for (p, e) in person::find_acting_names(&b.text, b.line) {
                if e == Evidence::Strong {
                    words.extend(p.name.split_whitespace().map(str::to_string));
                }
            }
            for line in b.text.lines() {
                listed.extend(name_list_entries(line));
            }
        }
        ShownNames { words, listed }
    }

    /// Whether the document shows `name` (by its first word) as a person.
    pub(super) fn shows(&self, name: &str) -> bool {
        let first = name.split_whitespace().next().unwrap_or(name);
        let lower = first.to_lowercase();
        self.words.contains(first) || self.listed.iter().any(|e| e.starts_with(&lower))
    }
}

/// The lower-cased first words of the entries of `line` when it is `Label: a, b,
/// c` with at least three short entries (`nikomatsakis, felix, josh`).
fn name_list_entries(line: &str) -> Vec<String> {
    let Some((label, list)) = line.split_once(':') else {
        return Vec::new();
    };
    let entries: Vec<&str> = list
        .split([',', ';'])
        .map(|e| e.trim().trim_end_matches('.'))
        .collect();
    let names = label.split_whitespace().count() <= 3
        && entries.len() >= 3
        && entries
            .iter()
            .all(|e| (1..=3).contains(&e.split_whitespace().count()));
    if !names {
        return Vec::new();
    }
    entries
        .iter()
        .filter_map(|e| e.split_whitespace().next())
        .map(str::to_lowercase)
        .collect()
}

/// Whether a list item's first child reports it finished (`- done: ...`, `- completed`).
fn followed_by_done(blocks: &[Block], i: usize) -> bool {
    let depth = blocks[i].depth;
    let Some(child) = blocks.get(i + 1).filter(|b| depth > 0 && b.depth > depth) else {
        return false;
    };
    let first = child
        .text
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    matches!(
        first.to_lowercase().as_str(),
        "done" | "completed" | "finished" | "closed" | "resolved" | "merged" | "erledigt"
    ) || child.checked == Some(true) && child.text.trim().is_empty()
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
            let rest: String = chars[k + 1..].iter().take_while(|&&n| n != '\n').collect();
            if opens_statement(&rest) {
                push_sentence(&mut out, &mut current, start_line, line);
            }
            line += 1;
            if current.trim().is_empty() {
                start_line = line;
            }
            current.push(' ');
            continue;
        }
        let previous = k.checked_sub(1).map(|p| chars[p]);
        if starts_inline_marker(&chars[k..], previous) && !current.trim().is_empty() {
            push_sentence(&mut out, &mut current, start_line, line);
            start_line = line;
        }
        current.push(c);
        let ends = (matches!(c, '.' | '!' | '?') || c == ';')
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

/// Whether an action marker starts at this point of a sentence (` AI @x:`, ` ACTION:`),
/// so several tasks written on one line become separate items.
fn starts_inline_marker(rest: &[char], previous: Option<char>) -> bool {
    if !previous.is_some_and(char::is_whitespace) || !matches!(rest.first(), Some('A' | 'T')) {
        return false;
    }
    let head: String = rest.iter().take(48).collect();
    let handle_marker = head.strip_prefix("AI @").is_some_and(|h| {
        let end = h
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(h.len());
        h[end..].starts_with(':')
    });
    handle_marker || head.starts_with("ACTION:") || head.starts_with("TODO:")
}

/// A source line that starts a new statement even without a full stop before it:
/// `label: ...` (`RESOLUTION:`, `ann:`), a bot command (`#agreed`) or a chat nick (`<ann>`).
fn opens_statement(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with('#') || t.starts_with('<') || t.starts_with("- ") || t.starts_with("* ") {
        return true;
    }
    // `👉 Decision: ...`: a symbol before the label still opens a statement.
    let t = t
        .trim_start_matches(|c: char| !c.is_ascii() && !c.is_alphanumeric())
        .trim_start();
    t.split_once(':').is_some_and(|(label, _)| {
        let words = label.split_whitespace().count();
        (1..=3).contains(&words)
            && label.len() <= 30
            && label
                .chars()
                .all(|c| c.is_alphanumeric() || c == ' ' || c == '-' || c == '_')
    })
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

/// A chat log's `(nick, 15:02:41)` stamp at the end of a line, removed.
pub(super) fn strip_log_stamp(text: &str) -> &str {
    let t = text.trim_end();
    let Some(open) = t.rfind(" (") else { return t };
    let inner = &t[open + 2..];
    let stamp = inner.strip_suffix(')').and_then(|i| i.split_once(','));
    let is_stamp = stamp.is_some_and(|(nick, time)| {
        !nick.trim().is_empty()
            && !nick.contains(' ')
            && time.trim().split(':').count() >= 2
            && time.trim().chars().all(|c| c.is_ascii_digit() || c == ':')
    });
    if is_stamp { t[..open].trim_end() } else { t }
}

/// A line that is only a name or handle (a heading in an action recap).
fn just_a_name(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':');
    !t.contains(' ') && super::person::name_like(t) && !super::action::starts_with_task_verb(t)
}

pub(super) fn one_line(text: &str) -> String {
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

/// The last line of the vote table right after a `POLL:` / `Vote:` paragraph.
fn poll_result(blocks: &[Block], i: usize) -> Option<u32> {
    let block = &blocks[i];
    let label = block
        .text
        .split_once(':')?
        .0
        .trim()
        .trim_matches('*')
        .to_lowercase();
    let polls = block.kind == BlockKind::Paragraph
        && matches!(
            label.as_str(),
            "poll" | "straw poll" | "vote" | "straw vote"
        );
    if !polls {
        return None;
    }
    let rows: Vec<&Block> = blocks[i + 1..]
        .iter()
        .take_while(|b| b.kind == BlockKind::TableRow)
        .collect();
    // A row of counts: the result.
    let counted = rows
        .iter()
        .any(|r| !r.cells.is_empty() && r.cells.iter().all(|c| c.trim().parse::<u32>().is_ok()));
    counted.then(|| rows.last().map_or(block.end_line, |r| r.end_line))
}

/// Whether block `i` sits in a list below a `Done:` or `Completed:` item.
fn under_done_label(blocks: &[Block], i: usize, lists: &ListParents) -> bool {
    lists.chain(i).any(|p| {
        let b = &blocks[p];
        let label = b.text.trim().trim_end_matches(':').to_lowercase();
        b.depth > 0
            && b.text.trim_end().ends_with(':')
            && matches!(
                label.as_str(),
                "done" | "completed" | "finished" | "shipped"
            )
    })
}

/// Whether block `i` sits below a list item such as `next steps:` or `ToDo:`, or
/// in a list right below a plain line such as `Action items` (plain-text minutes).
fn under_action_label(
    blocks: &[Block],
    i: usize,
    lists: &ListParents,
    keywords: &Keywords,
) -> bool {
    if blocks[i].depth == 0 {
        return false;
    }
    let Some(parent) = lists.chain(i).next().map(|p| &blocks[p]) else {
        return false;
    };
    // `[delroth] Action items`: a speaker's slot before the label.
    let text = parent.text.trim();
    let text = match text.strip_prefix('[').and_then(|t| t.split_once(']')) {
        Some((_, rest)) if !rest.trim().is_empty() => rest.trim(),
        _ => text,
    };
    let label = text.trim_end_matches(':');
    let names_actions = !label.contains('\n')
        && label.split_whitespace().count() <= 3
        && sections::classify_with(label, keywords) == SectionKind::Actions;
    if parent.depth == 0 {
        return parent.kind == BlockKind::Paragraph && names_actions;
    }
    if names_actions && parent.kind == BlockKind::ListItem {
        return true;
    }
    let lower = text.to_lowercase();
    // `Next:` over a person's update list: what they do next.
    if lower == "next:" {
        return true;
    }
    lower.ends_with(':')
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
        .any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decisions and actions (with assignees) of an invented document.
    fn read(source: &str, text: &str) -> (Vec<u32>, Vec<(u32, Vec<String>)>) {
        read_with(source, text, &[])
    }

    /// The same, for a meeting whose attendees are already known.
    fn read_with(
        source: &str,
        text: &str,
        attendees: &[&str],
    ) -> (Vec<u32>, Vec<(u32, Vec<String>)>) {
        let doc = crate::document::parse(source, text);
        let config = Config::default();
        let listed: Vec<Finding> = attendees
            .iter()
            .map(|a| {
                Finding::stated(
                    Rule::AttendanceSection,
                    Fact::Attends(PersonRef::name(*a, 1)),
                )
            })
            .collect();
        let names = NameIndex::new(&listed);
        let mut meeting = Outcomes::default();
        let lists = ListParents::new(&doc.blocks);
        let shown = ShownNames::new(&doc.blocks);
        let place = Place {
            item: None,
            section: None,
            turn: None,
            lists: &lists,
            shown: &shown,
            names: &names,
        };
        for i in 0..doc.blocks.len() {
            outcomes(&doc.blocks, i, &place, &mut meeting, &config);
        }
        let decisions = meeting.decisions.iter().map(|d| d.line).collect();
        let actions = meeting
            .actions
            .iter()
            .map(|a| (a.line, a.assignees.iter().map(|p| p.name.clone()).collect()))
            .collect();
        (decisions, actions)
    }

    #[test]
    fn a_turn_keeps_its_speaker() {
        let (_, actions) = read(
            "m.md",
            "QXR: Good idea. I'll bring it to the tooling call next week.\n",
        );
        assert_eq!(actions, vec![(1, vec!["QXR".to_string()])]);
    }

    #[test]
    fn a_decisions_table_keeps_its_header_and_actions_out() {
        let text = "# Call 2021-06-11\n\n## Decisions and Actions Made\n\n\
| Item | Description |\n|---|---|\n\
| **Decision 1** | Fee history is the default |\n\
| **Action 1** | Run a full sync |\n";
        let doc = crate::document::parse("m.md", text);
        let (record, _) = crate::extract::extract(&doc, &Config::default(), &Default::default());
        let decisions: Vec<&str> = record.meetings[0]
            .decisions
            .iter()
            .map(|d| d.text.as_str())
            .collect();
        assert_eq!(decisions, ["Decision 1 | Fee history is the default"]);
    }

    #[test]
    fn a_bare_decision_label_gives_its_items_as_decisions() {
        let text = "- Entropy in guests\n  - Decisions:\n    - Hosts MUST offer a hardware RNG\n      - a note on why\n    - RECOMMEND virtio-rng\n- Next topic\n\n\
- **Decision**:\n\n  - Keep the opcode small\n\n\
- Resolved:\n- Not a child of the label\n\n\
- Conflict resolution\n  - People creating problems\n\n\
- Needs review/decisions:\n  - Should the API change\n";
        let doc = crate::document::parse("m.md", text);
        let (record, _) = crate::extract::extract(&doc, &Config::default(), &Default::default());
        let decisions: Vec<(u32, &str)> = record.meetings[0]
            .decisions
            .iter()
            .map(|d| (d.line, d.text.as_str()))
            .collect();
        assert_eq!(
            decisions,
            [
                (3, "Hosts MUST offer a hardware RNG"),
                (5, "RECOMMEND virtio-rng"),
                (10, "Keep the opcode small"),
            ]
        );
    }

    #[test]
    fn a_poll_with_its_counts_is_a_decision() {
        let text = "**POLL:** adopt the draft\n\n| SF | F | N | A | SA |\n|--|--|--|--|--|\n| 9 | 2 | 1 | 0 | 0 |\n\n**POLL:** a poll with no result yet\n";
        let (decisions, _) = read("m.md", text);
        assert_eq!(decisions, vec![1]);
    }

    #[test]
    fn a_nested_action_label_with_a_speaker_slot() {
        let text = "- EMS migration\n  - [qlimp] Action items\n    - Give them SSH access to a VM\n    - Provision DNS\n";
        let (_, actions) = read("m.md", text);
        let lines: Vec<u32> = actions.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [3, 4]);
    }

    #[test]
    fn under_done_are_reports() {
        let text =
            "- @ann\n  - Done:\n    - fix the mirror script\n  - Next:\n    - write the runbook\n";
        let (_, actions) = read("m.md", text);
        assert_eq!(actions.len(), 1);
        assert_eq!(actions[0].0, 5);
    }

    #[test]
    fn a_symbol_before_a_label_opens_a_decision() {
        let (decisions, _) = read(
            "m.md",
            "Two jobs are left. Kai thinks both can move.\n👉 Decision: the old CI goes read-only in June.\n",
        );
        assert_eq!(decisions, vec![2]);
    }

    #[test]
    fn a_plain_action_label_opens_a_task_list() {
        let text = "Minutes\n\nAction items\n\n- Chairs: confirm consensus on the naming on the list\n- Teodor Lind: send the poll for the interim\n";
        let (decisions, actions) = read("m.md", text);
        assert!(decisions.is_empty());
        assert_eq!(
            actions,
            vec![(5, vec![]), (6, vec!["Teodor Lind".to_string()])]
        );
    }

    #[test]
    fn chat_log_lines() {
        let text = "16:05:15 <ann> #agreed pin the builder to the fixed commit\n\
                    16:05:22 <ann> #action bo pin the builder image\n\
                    16:06:00 <bo> I'll send the announcement after the meeting\n\
                    16:07:00 <cy> we agreed to drop the mirror in May but never did\n";
        let (decisions, actions) = read("m.log.txt", text);
        assert_eq!(decisions, vec![1]);
        assert_eq!(
            actions,
            vec![(2, vec!["bo".to_string()]), (3, vec!["bo".to_string()])]
        );
    }

    #[test]
    fn presenters_vouch_for_names_and_products_do_not() {
        let text = "- [Teodor Lind] Release planning\n  - Teodor to cut the release on Friday.\n  - A poll is planned (Framadate to follow on the list).\n";
        let (_, actions) = read("m.md", text);
        assert_eq!(actions, vec![(2, vec!["Teodor".to_string()])]);
    }

    #[test]
    fn short_forms_and_name_lists_vouch_for_subjects() {
        let text = "Others: quillfeather, dora maar, Teodor\n\n- Niko to post a comment\n- Teodor to file an issue\n- Zorblax to follow on the list\n- Quill to move the notes\n";
        let (_, actions) = read_with("m.md", text, &["nikomatsakis"]);
        assert_eq!(
            actions,
            vec![
                (3, vec!["Niko".to_string()]),
                (4, vec!["Teodor".to_string()]),
                (6, vec!["Quill".to_string()])
            ]
        );
    }
}
