//! What extraction finds in one file, before identities are merged across files.
//! Everything here is plain data with line numbers; [`crate::resolve`] turns it into graph nodes.

use crate::extract::dates::Date;
use crate::model::{ActionStatus, IssueKind, Role};

/// A person as written: a display name, and whether it was an `@handle`.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct PersonRef {
    /// The name or handle (without `@`).
    pub name: String,
    /// Whether the name was written as a handle.
    pub is_handle: bool,
    /// A handle given beside a full name (`Jan Schoone (@jschoone)`).
    pub handle: Option<String>,
    /// Line where it was written.
    pub line: u32,
}

impl PersonRef {
    /// A plain name.
    pub fn name(name: impl Into<String>, line: u32) -> Self {
        PersonRef {
            name: name.into(),
            is_handle: false,
            handle: None,
            line,
        }
    }

    /// An `@handle`.
    pub fn handle(handle: impl Into<String>, line: u32) -> Self {
        PersonRef {
            name: handle.into(),
            is_handle: true,
            handle: None,
            line,
        }
    }

    /// The identity key: lower-cased handle or name.
    pub fn key(&self) -> String {
        crate::work::step(1);
        let base = self.handle.as_deref().unwrap_or(&self.name);
        base.trim_start_matches('@').to_lowercase()
    }
}

/// One agenda item.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ItemRecord {
    /// Title without presenter suffix.
    pub title: String,
    /// First line of the item.
    pub line: u32,
    /// Last line of the item's discussion.
    pub end_line: u32,
    /// Who presents or owns it.
    pub presenters: Vec<PersonRef>,
}

/// A decision, resolution or agreement.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DecisionRecord {
    /// The decision text.
    pub text: String,
    /// First line.
    pub line: u32,
    /// Last line.
    pub end_line: u32,
    /// Index of the agenda item it belongs to.
    pub item: Option<usize>,
}

/// A task someone is to do.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ActionRecord {
    /// The task text.
    pub text: String,
    /// First line.
    pub line: u32,
    /// Last line.
    pub end_line: u32,
    /// Index of the agenda item it belongs to.
    pub item: Option<usize>,
    /// Who is to do it.
    pub assignees: Vec<PersonRef>,
    /// Open or done.
    pub status: ActionStatus,
    /// Due text when given ("by Friday").
    pub due: Option<String>,
}

/// Which issue a reference names, as far as the text tells.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum IssueKey {
    /// `owner/repo#N` or `group/project#N`: a repository known by its full path.
    Full {
        /// `owner/repo`.
        repository: String,
        /// The number.
        number: u64,
    },
    /// `repo#N`: a repository written without its owner, none known.
    Short {
        /// The repository's name.
        repository: String,
        /// The number.
        number: u64,
    },
    /// `#N` (or `!N`) whose repository cannot be known.
    Bare {
        /// The number.
        number: u64,
    },
    /// A tracker's `PROJ-N`.
    Ticket {
        /// The project key (`OPS`).
        project: String,
        /// The number.
        number: u64,
    },
}

impl IssueKey {
    /// `#N` in `repository`: full when the repository has an owner.
    pub fn in_repository(repository: &str, number: u64) -> Self {
        let repository = repository.to_string();
        if repository.contains('/') {
            IssueKey::Full { repository, number }
        } else {
            IssueKey::Short { repository, number }
        }
    }

    /// The repository, when the reference names one (with or without its owner).
    pub fn repository(&self) -> Option<&str> {
        match self {
            IssueKey::Full { repository, .. } | IssueKey::Short { repository, .. } => {
                Some(repository)
            }
            IssueKey::Bare { .. } | IssueKey::Ticket { .. } => None,
        }
    }

    /// Whether it is a repository's full path and number.
    pub fn is_full(&self) -> bool {
        matches!(self, IssueKey::Full { .. })
    }

    /// Whether the repository cannot be known (`#N`).
    pub fn is_bare(&self) -> bool {
        matches!(self, IssueKey::Bare { .. })
    }
}

impl std::fmt::Display for IssueKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IssueKey::Full { repository, number } | IssueKey::Short { repository, number } => {
                write!(f, "{repository}#{number}")
            }
            IssueKey::Bare { number } => write!(f, "#{number}"),
            IssueKey::Ticket { project, number } => write!(f, "{project}-{number}"),
        }
    }
}

/// Keys sort as they are written.
impl Ord for IssueKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.to_string().cmp(&other.to_string())
    }
}

impl PartialOrd for IssueKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// A reference to an issue or pull request.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct IssueRef {
    /// `owner/repo#N`, `#N`, or a ticket's `PROJ-N`.
    pub key: IssueKey,
    /// The number.
    pub number: u64,
    /// Issue, pull request or unknown.
    pub kind: IssueKind,
    /// The URL when one was given.
    pub url: Option<String>,
    /// Line of the reference.
    pub line: u32,
}

/// What a meeting says became of an issue or pull request.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum IssueState {
    /// Merged or landed: the change is in.
    Merged,
    /// Closed, fixed, resolved, released or done.
    Closed,
}

/// A meeting's statement that an issue or pull request was merged or closed
/// ("#123 merged", "closed nodejs/node#789", "merged" under an item about it).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IssueStatement {
    /// The reference the statement is about, as read where it was written: on
    /// the statement's own line, or on the item or heading it answers.
    pub issue: IssueRef,
    /// What became of it.
    pub state: IssueState,
    /// Line of the statement.
    pub line: u32,
}

/// A service found in the text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct ServiceRef {
    /// Canonical name.
    pub name: String,
    /// The name as written.
    pub written: String,
    /// Line of the mention.
    pub line: u32,
    /// How it was found.
    pub evidence: ServiceEvidence,
}

/// How a service was found: written as `mg:evidence` so users can filter, and
/// ranked so the surest sighting names a service seen several ways.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum ServiceEvidence {
    /// A name or alias of the built-in catalogue.
    Catalogue,
    /// A name or alias of the configuration's services.
    Config,
    /// A repository the minutes link into, or name and link.
    Repository,
    /// A name written as a word, a site's domain and a repository owner.
    Site,
    /// A lower-case name also written capitalised as words (`frob-ctl`, `Frob Ctl`).
    Spelling,
    /// Link text naming the repository it points at.
    Link,
    /// The repository of an issue reference, also written in the text.
    Reference,
    /// Listed among known services.
    Enumeration,
    /// After a verb of using software (`deploy X`, `migrate to X`).
    Phrase,
    /// A code span called a tool.
    CodeTool,
    /// A code span called a crate, library or package, or given a version.
    CodeSpan,
    /// A host name.
    Host,
    /// Before a software noun (`X server`, `X plugin`).
    Noun,
    /// Before a version (`X v1.2`).
    Version,
    /// A CamelCase name written at least twice.
    CamelCase,
    /// A hyphenated name built on a known one.
    Family,
}

impl ServiceEvidence {
    /// The term written as `mg:evidence`.
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceEvidence::Catalogue => "catalogue",
            ServiceEvidence::Config => "config",
            ServiceEvidence::Repository => "repository",
            ServiceEvidence::Site => "site",
            ServiceEvidence::Spelling => "spelling",
            ServiceEvidence::Link => "link",
            ServiceEvidence::Reference => "reference",
            ServiceEvidence::Enumeration => "enumeration",
            ServiceEvidence::Phrase => "phrase",
            ServiceEvidence::CodeTool => "code-tool",
            ServiceEvidence::CodeSpan => "code-span",
            ServiceEvidence::Host => "host",
            ServiceEvidence::Noun => "noun",
            ServiceEvidence::Version => "version",
            ServiceEvidence::CamelCase => "camel-case",
            ServiceEvidence::Family => "family",
        }
    }

    /// How sure the evidence is, 0 surest: the catalogue and configuration, then
    /// the syntax of links and repositories, then the words around a name.
    pub fn rank(self) -> u8 {
        match self {
            ServiceEvidence::Catalogue | ServiceEvidence::Config => 0,
            ServiceEvidence::Repository
            | ServiceEvidence::Spelling
            | ServiceEvidence::Link
            | ServiceEvidence::Reference
            | ServiceEvidence::Site => 1,
            ServiceEvidence::Enumeration
            | ServiceEvidence::Phrase
            | ServiceEvidence::CodeTool
            | ServiceEvidence::CodeSpan
            | ServiceEvidence::Host
            | ServiceEvidence::Noun
            | ServiceEvidence::Version => 2,
            ServiceEvidence::CamelCase | ServiceEvidence::Family => 3,
        }
    }
}

/// Something mentioned at a line, tied to the agenda item around it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mention<T> {
    /// What was mentioned.
    pub what: T,
    /// Index of the enclosing agenda item.
    pub item: Option<usize>,
}

/// One meeting read from a file.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MeetingRecord {
    /// The meeting's date.
    pub date: Option<Date>,
    /// Title.
    pub title: Option<String>,
    /// First line of the meeting in its file.
    pub line: u32,
    /// Last line.
    pub end_line: u32,
    /// People present.
    pub attendees: Vec<PersonRef>,
    /// People said to be absent.
    pub absentees: Vec<PersonRef>,
    /// People in a role.
    pub roles: Vec<(Role, PersonRef)>,
    /// Agenda items in order.
    pub items: Vec<ItemRecord>,
    /// Decisions.
    pub decisions: Vec<DecisionRecord>,
    /// Actions.
    pub actions: Vec<ActionRecord>,
    /// People mentioned anywhere.
    pub people: Vec<Mention<PersonRef>>,
    /// Issues referenced.
    pub issues: Vec<Mention<IssueRef>>,
    /// Statements that an issue or pull request was merged or closed.
    pub issue_states: Vec<IssueStatement>,
    /// Services mentioned.
    pub services: Vec<Mention<ServiceRef>>,
}

impl MeetingRecord {
    /// Every person reference of the meeting: attendees, absentees, roles,
    /// people named, presenters and assignees.
    pub fn person_refs(&self) -> impl Iterator<Item = &PersonRef> {
        self.attendees
            .iter()
            .chain(&self.absentees)
            .chain(self.roles.iter().map(|(_, p)| p))
            .chain(self.people.iter().map(|x| &x.what))
            .chain(self.items.iter().flat_map(|i| &i.presenters))
            .chain(self.actions.iter().flat_map(|a| &a.assignees))
    }
}

impl MeetingRecord {
    /// Whether anything beyond mentions marks the text as minutes: people present,
    /// absent or in a role, decisions or actions.
    pub fn records_a_meeting(&self) -> bool {
        !(self.attendees.is_empty()
            && self.absentees.is_empty()
            && self.roles.is_empty()
            && self.decisions.is_empty()
            && self.actions.is_empty())
    }
}

/// Everything read from one file.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileRecord {
    /// Path relative to the input root.
    pub source: String,
    /// Meetings found (one per file, or one per dated section).
    pub meetings: Vec<MeetingRecord>,
}
