//! What a meeting has recorded so far, kept up to date as its blocks are read,
//! so that asking about it costs what was added since the last question and not
//! a walk over the whole meeting for every block (which made files of many
//! action lines take time with the square of their length).
//!
//! While the blocks of a meeting are read its lists only grow; should one ever
//! shrink, everything is counted again from the start.

use crate::extract::records::{MeetingRecord, PersonRef};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The people a meeting lists and mentions so far.
#[derive(Debug, Default)]
pub(in crate::extract) struct Names {
    /// How many attendees, absentees, roles and people are counted.
    seen: [usize; 4],
    /// Every lower-cased name, name word and key of a person the meeting lists
    /// or mentions, with how many entries give it.
    names: BTreeMap<String, u32>,
    /// The same keys of each person mention, by the line of the mention.
    mentions: BTreeMap<u32, Vec<String>>,
}

impl Names {
    /// Counts what `meeting` added since the last call.
    pub(in crate::extract) fn update(&mut self, meeting: &MeetingRecord) {
        let lens = [
            meeting.attendees.len(),
            meeting.absentees.len(),
            meeting.roles.len(),
            meeting.people.len(),
        ];
        if lens.iter().zip(&self.seen).any(|(now, seen)| now < seen) {
            *self = Names::default();
        }
        let listed = meeting.attendees[self.seen[0]..]
            .iter()
            .chain(&meeting.absentees[self.seen[1]..])
            .chain(meeting.roles[self.seen[2]..].iter().map(|(_, p)| p));
        for p in listed {
            for key in keys(p) {
                *self.names.entry(key).or_default() += 1;
            }
        }
        for m in &meeting.people[self.seen[3]..] {
            let keys = keys(&m.what);
            for key in &keys {
                *self.names.entry(key.clone()).or_default() += 1;
            }
            self.mentions.entry(m.what.line).or_default().extend(keys);
        }
        self.seen = lens;
    }

    /// The names known outside lines `line..=end_line`: listed, or mentioned
    /// on another line.
    pub(in crate::extract) fn known_outside(&self, line: u32, end_line: u32) -> Known<'_> {
        let mut inside: HashMap<&str, u32> = HashMap::new();
        if line <= end_line {
            for keys in self.mentions.range(line..=end_line).map(|(_, k)| k) {
                for key in keys {
                    *inside.entry(key.as_str()).or_default() += 1;
                }
            }
        }
        Known {
            names: &self.names,
            inside,
        }
    }
}

/// The tasks a meeting records so far, as compared (see [`bare_task`]).
#[derive(Debug, Default)]
pub(in crate::extract) struct Tasks {
    seen: usize,
    tasks: HashSet<String>,
}

impl Tasks {
    /// Whether a task like `task` is among the actions of `meeting`.
    pub(in crate::extract) fn has(&mut self, meeting: &MeetingRecord, task: &str) -> bool {
        if meeting.actions.len() < self.seen {
            *self = Tasks::default();
        }
        for a in &meeting.actions[self.seen..] {
            self.tasks.insert(bare_task(&a.text));
        }
        self.seen = meeting.actions.len();
        self.tasks.contains(&bare_task(task))
    }
}

/// The names known outside one block.
pub(in crate::extract) struct Known<'a> {
    names: &'a BTreeMap<String, u32>,
    inside: HashMap<&'a str, u32>,
}

impl Known<'_> {
    fn counts(&self, key: &str, count: u32) -> bool {
        count > self.inside.get(key).copied().unwrap_or(0)
    }

    /// Whether `key` (lower-cased) is known.
    pub(in crate::extract) fn contains(&self, key: &str) -> bool {
        self.names.get(key).is_some_and(|&n| self.counts(key, n))
    }

    /// Whether a known key is longer than `prefix` and starts with it.
    pub(in crate::extract) fn extends(&self, prefix: &str) -> bool {
        self.names
            .range::<str, _>((
                std::ops::Bound::Excluded(prefix),
                std::ops::Bound::Unbounded,
            ))
            .take_while(|(k, _)| k.starts_with(prefix))
            .any(|(k, &n)| self.counts(k, n))
    }
}

/// The lower-cased name, its words and the key of a person.
fn keys(p: &PersonRef) -> Vec<String> {
    let name = p.name.to_lowercase();
    let mut keys: Vec<String> = name.split_whitespace().map(str::to_string).collect();
    keys.push(p.key());
    keys.push(name);
    keys
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
