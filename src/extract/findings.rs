//! What the extraction rules report: typed findings, each with the rule that
//! made it and how sure that rule is. Rules read the meeting's structure (and
//! the names found so far) and return findings; the merge step alone decides
//! what of them becomes part of the meeting record.

use super::records::{
    ActionRecord, DecisionRecord, IssueRef, IssueStatement, Mention, PersonRef, ServiceRef,
};
use crate::model::Role;

/// One thing a rule found in a meeting's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// What was found.
    pub fact: Fact,
    /// Which rule found it.
    pub rule: Rule,
    /// How sure the rule is.
    pub confidence: Confidence,
}

impl Finding {
    /// A finding the text states outright.
    pub fn stated(rule: Rule, fact: Fact) -> Self {
        Finding {
            fact,
            rule,
            confidence: Confidence::Stated,
        }
    }

    /// A finding that needs confirmation from the rest of the meeting.
    pub fn weak(rule: Rule, fact: Fact) -> Self {
        Finding {
            fact,
            rule,
            confidence: Confidence::Weak,
        }
    }

    /// The lines the finding rests on.
    pub fn span(&self) -> Span {
        let one = |line: u32| Span {
            line,
            end_line: line,
        };
        match &self.fact {
            Fact::Attends(p) | Fact::Absent(p) | Fact::Role(_, p) => one(p.line),
            Fact::Named(m) => one(m.what.line),
            Fact::NotAPerson { line, .. } => one(*line),
            Fact::Abbreviation { person, .. } => one(person.line),
            Fact::Issue(m) => one(m.what.line),
            Fact::IssueState(s) => one(s.line),
            Fact::Service(m) => one(m.what.line),
            Fact::Decision(d) => Span {
                line: d.line,
                end_line: d.end_line,
            },
            Fact::Action(a) => Span {
                line: a.line,
                end_line: a.end_line,
            },
        }
    }
}

/// The lines of the text a finding rests on, first and last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    /// First line.
    pub line: u32,
    /// Last line.
    pub end_line: u32,
}

/// The kinds of things rules find.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fact {
    /// Someone took part.
    Attends(PersonRef),
    /// Someone was said to be absent.
    Absent(PersonRef),
    /// Someone held a role.
    Role(Role, PersonRef),
    /// Someone was named.
    Named(Mention<PersonRef>),
    /// A word that reads like a name is not one here (an organisation in
    /// brackets after a speaker's name).
    NotAPerson {
        /// The lower-cased word.
        name: String,
        /// Where.
        line: u32,
    },
    /// A short form the minutes use for someone (`AE` for the attendee Ann Ek).
    Abbreviation {
        /// The short form as written.
        short: String,
        /// Whom it stands for.
        person: PersonRef,
    },
    /// An issue or pull request was referred to.
    Issue(Mention<IssueRef>),
    /// An issue or pull request was said to be merged or closed.
    IssueState(IssueStatement),
    /// A service was mentioned.
    Service(Mention<ServiceRef>),
    /// A decision was recorded.
    Decision(DecisionRecord),
    /// Someone is to do something.
    Action(ActionRecord),
}

/// The rules that make findings, named for the evidence they read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// Authors in the front matter.
    FrontMatter,
    /// Entries of an attendance or absence section.
    AttendanceSection,
    /// `Present:`, `Regrets:`, `Chair:` lines anywhere.
    LabelLine,
    /// Roles named in a housekeeping section (`Minutes: @x`).
    Housekeeping,
    /// Names, handles, issues and services written in running text.
    Mentions,
    /// Decisions and actions read sentence by sentence.
    Outcomes,
    /// Services found from the words around a name.
    Discovery,
    /// People who speak: transcript, chat and speaker lines.
    Speakers,
    /// Chat-bot commands in a log (`#chair`, `#startmeeting`).
    LogCommands,
}

/// How sure a rule is of a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// The text says so (a list under `Attendees`, `@handle`, `Decision:`).
    Stated,
    /// The words around it suggest it; kept only when the rest of the meeting
    /// confirms it (a name someone else lists, or a given name).
    Weak,
}
