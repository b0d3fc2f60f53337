//! The closed sets of node, edge and value kinds the graph uses.

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    Meeting,
    Person,
    Service,
    Issue,
    AgendaItem,
    Decision,
    ActionItem,
    Topic,
}

impl NodeKind {
    /// Every kind, in a fixed order.
    pub const ALL: [NodeKind; 8] = [
        NodeKind::Meeting,
        NodeKind::Person,
        NodeKind::Service,
        NodeKind::Issue,
        NodeKind::AgendaItem,
        NodeKind::Decision,
        NodeKind::ActionItem,
        NodeKind::Topic,
    ];

    /// The class name used in the vocabulary (`mg:<name>`).
    pub fn class_name(self) -> &'static str {
        match self {
            NodeKind::Meeting => "Meeting",
            NodeKind::Person => "Person",
            NodeKind::Service => "Service",
            NodeKind::Issue => "Issue",
            NodeKind::AgendaItem => "AgendaItem",
            NodeKind::Decision => "Decision",
            NodeKind::ActionItem => "ActionItem",
            NodeKind::Topic => "Topic",
        }
    }
}

/// A role a person plays in a meeting.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Role {
    Chair,
    Scribe,
    Reporter,
}

/// What an edge means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EdgeKind {
    /// meeting -> person present.
    Attendee,
    /// meeting -> person said to be absent.
    Absentee,
    /// meeting -> person in a role.
    HasRole(Role),
    /// agenda item / decision / action -> meeting.
    InMeeting,
    /// decision / action -> agenda item.
    InAgendaItem,
    /// agenda item / decision / action / meeting -> person, service or issue.
    Mentions,
    /// action -> person to do it.
    Assignee,
    /// agenda item -> person presenting it.
    Presenter,
    /// agenda item -> the topic thread it belongs to.
    Topic,
    /// topic -> the first meeting it was discussed in.
    FirstMeeting,
    /// topic -> the last meeting it was discussed in.
    LastMeeting,
    /// issue -> a meeting that records it merged or closed (the edge's
    /// provenance is the line saying so).
    ClosedIn,
}

/// Whether a reference is an issue, a pull/merge request, or not known.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum IssueKind {
    Issue,
    Pull,
    Unknown,
}

impl IssueKind {
    /// Lower-case name (`issue`, `pull`, `unknown`).
    pub fn name(self) -> &'static str {
        match self {
            IssueKind::Issue => "issue",
            IssueKind::Pull => "pull",
            IssueKind::Unknown => "unknown",
        }
    }
}

/// Whether an action item is still to do, as far as the minutes tell.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum ActionStatus {
    /// Still to do: marked open, repeated by a later meeting, or recorded at
    /// the latest meeting of its folder.
    Open,
    /// Done: marked done, reported done by a later meeting, or an issue it
    /// names reported merged or closed by a later meeting.
    Done,
    /// Nothing says: never marked, and never taken up again.
    Unknown,
}

impl ActionStatus {
    /// Lower-case name (`open`, `done`, `unknown`).
    pub fn name(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Done => "done",
            ActionStatus::Unknown => "unknown",
        }
    }
}

/// Why an action has its status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusReason {
    /// A checked box, a `DONE` marker or a `done` note under it.
    MarkedDone,
    /// An unchecked box.
    MarkedOpen,
    /// A later meeting records the same action as done.
    ReportedDone,
    /// A later meeting records the same action again, not done.
    RepeatedOpen,
    /// Recorded at the latest meeting of its folder, and nothing since says otherwise.
    LatestMeeting,
    /// An issue or pull request it names was reported merged or closed by a later meeting.
    IssueClosed,
}

impl StatusReason {
    /// What it means, in a few words.
    pub fn describe(self) -> &'static str {
        match self {
            StatusReason::MarkedDone => "marked done",
            StatusReason::MarkedOpen => "marked open (unchecked box)",
            StatusReason::ReportedDone => "reported done by a later meeting",
            StatusReason::RepeatedOpen => "repeated by a later meeting, not done",
            StatusReason::LatestMeeting => "recorded at the latest meeting of its folder",
            StatusReason::IssueClosed => {
                "an issue it names reported merged or closed by a later meeting"
            }
        }
    }
}
