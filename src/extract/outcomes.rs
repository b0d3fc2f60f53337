//! Decisions and action items, read sentence by sentence from each block, with
//! the section and list context that changes what counts as a task.

use super::action::{self, LineContext};
use super::decision;
use super::records::{ActionRecord, DecisionRecord, MeetingRecord};
use super::sections::SectionKind;
use crate::config::Config;
use crate::document::{Block, BlockKind};
use crate::model::ActionStatus;

/// Decisions and actions in block `i`, read sentence by sentence.
pub(super) fn outcomes(
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
        .is_some_and(|l| decision::is_decision_label_with(l, &config.keywords.decision))
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
        let is_decision = whole_block_decision
            || decision::states_decision_with(&sentence.text, &config.keywords.decision);
        if is_decision && !whole_block_decision {
            let end_line = if labelled(&sentence.text) {
                block.end_line
            } else {
                sentence.end_line
            };
            meeting.decisions.push(DecisionRecord {
                text: strip_log_stamp(&sentence.text).to_string(),
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
            markers: &config.keywords.action,
        };
        let task = strip_log_stamp(strip_label(&sentence.text));
        let repeated = meeting.actions.iter().any(|a| same_task(&a.text, task));
        if repeated || just_a_name(task) {
            // A recap ("Action items, by person") repeats tasks under each name.
            continue;
        }
        if let Some(found) = action::find_action(task, sentence.line, ctx) {
            let status = if followed_by_done(blocks, i) {
                ActionStatus::Done
            } else {
                found.status
            };
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
    if !previous.is_some_and(char::is_whitespace) {
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

/// Two task texts say the same, ignoring case and a leading bot command (`#action`).
fn same_task(a: &str, b: &str) -> bool {
    let bare = |t: &str| {
        let t = t.trim();
        let t = if t.starts_with('#') {
            t.split_once(' ').map_or(t, |(_, rest)| rest)
        } else {
            t
        };
        t.to_lowercase()
    };
    bare(a) == bare(b)
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
