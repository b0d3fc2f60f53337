//! The styles minutes are written in, where each style's files go, and the
//! writers. Each series keeps one style and a few habits (`Series::habit`) for
//! its whole life, as a real team does.

mod chat;
mod formal;
mod markdown;

use super::cast::{Community, Series};
use super::meeting::{Action, Item, Meeting};
use super::rng::Rng;
use super::text::upper_first;
use super::words;

/// Appends one formatted line.
macro_rules! ln {
    ($out:expr) => {
        $out.push('\n')
    };
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = writeln!($out, $($arg)*);
    }};
}
pub(crate) use ln;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Style {
    /// HackMD/HedgeDoc pad: front matter, emoji headings, `AI @handle:` lines.
    Pad,
    /// Markdown with `## Attendees`, `## Agenda`, `## Decisions`, `## Action items`.
    Sections,
    /// Triage agenda with nominated issues and checkbox action lists.
    Checklist,
    /// Blog post with YAML front matter (`date:`, `attendees:`).
    FrontMatter,
    /// Plain text with bare section lines.
    Plain,
    /// Raw IRC log with MeetBot commands.
    Irc,
    /// Call transcript with `Name: speech` lines.
    Transcript,
    /// Board minutes with motions and votes.
    Board,
}

/// How the notes of a style read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Voice {
    Notes,
    Chat,
    Speech,
    Board,
}

impl Style {
    pub const ALL: [Style; 8] = [
        Style::Pad,
        Style::Sections,
        Style::Checklist,
        Style::FrontMatter,
        Style::Plain,
        Style::Irc,
        Style::Transcript,
        Style::Board,
    ];

    /// Share of the files, in percent.
    pub fn weight(self) -> u32 {
        match self {
            Style::Pad | Style::Sections => 20,
            Style::Checklist => 12,
            Style::FrontMatter => 10,
            Style::Plain => 6,
            Style::Irc => 14,
            Style::Transcript => 10,
            Style::Board => 8,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Style::Pad => "HackMD pad",
            Style::Sections => "Markdown sections",
            Style::Checklist => "triage checklist",
            Style::FrontMatter => "front matter post",
            Style::Plain => "plain text",
            Style::Irc => "IRC log",
            Style::Transcript => "transcript",
            Style::Board => "board minutes",
        }
    }

    /// Typical number of meetings in one series.
    pub fn series_length(self) -> usize {
        match self {
            Style::Board => 50,
            Style::Transcript => 150,
            _ => 220,
        }
    }

    /// Days between meetings.
    pub fn cadence(self, rng: &mut Rng) -> i32 {
        match self {
            Style::Board => *rng.pick(&[28, 35]),
            Style::Pad | Style::Checklist | Style::Irc => 7,
            _ => *rng.pick(&[7, 7, 14]),
        }
    }

    pub fn voice(self) -> Voice {
        match self {
            Style::Irc => Voice::Chat,
            Style::Transcript => Voice::Speech,
            Style::Board => Voice::Board,
            _ => Voice::Notes,
        }
    }

    /// Whether the files are Markdown (references may be links).
    pub fn markdown(self) -> bool {
        !matches!(self, Style::Plain | Style::Irc)
    }

    /// Bytes a note costs beyond its text (prefixes, speaker, line break).
    pub fn note_overhead(self) -> usize {
        match self.voice() {
            Voice::Notes => 5,
            Voice::Chat => 22,
            Voice::Speech => 20,
            Voice::Board => 1,
        }
    }

    pub fn series_title(self, team: &str, community: &Community) -> String {
        let team_name = team_title(team);
        match self {
            Style::Pad => format!("{team_name} team weekly"),
            Style::Sections => match team.len() % 3 {
                0 => "Technical Steering Committee".to_string(),
                1 => format!("{team_name} working group"),
                _ => format!("{team_name} maintainers"),
            },
            Style::Checklist => format!("{team_name} triage"),
            Style::FrontMatter => format!("{team_name} sync"),
            Style::Plain => format!("{team_name} operations meeting"),
            Style::Irc => format!("{}-{team} meeting", community.slug),
            Style::Transcript => format!("{} {team_name} call", community.name),
            Style::Board if team == "board" => "Board of Directors".to_string(),
            Style::Board => team_name.replace('-', " "),
        }
    }

    /// The file extension of the `nth` series of this style: one IRC log in
    /// three is saved as `.log.txt`, as some bots do.
    pub fn extension(self, nth: usize) -> &'static str {
        match self {
            Style::Plain => "txt",
            Style::Irc if nth % 3 == 2 => "log.txt",
            Style::Irc => "log",
            _ => "md",
        }
    }

    /// The folder of a series, relative to the output directory.
    pub fn dir(self, slug: &str, team: &str) -> String {
        match self {
            Style::Pad => format!("{slug}/minutes/{team}"),
            Style::Sections => format!("{slug}/meetings/{team}"),
            Style::Checklist => format!("{slug}/{team}-triage/minutes"),
            Style::FrontMatter => format!("{slug}/{team}-notes/posts"),
            Style::Plain => format!("{slug}/notes/{team}"),
            Style::Irc => format!("{slug}/irc/{slug}-{team}"),
            Style::Transcript => format!("{slug}/calls/{team}"),
            Style::Board => format!("{slug}/{team}/minutes"),
        }
    }
}

/// `ci` as `CI`, `iaas` as `IaaS`, `sdk-2` as `SDK 2`, others capitalised.
pub fn team_title(team: &str) -> String {
    let (base, n) = match team.rsplit_once('-') {
        Some((b, n)) if n.chars().all(|c| c.is_ascii_digit()) => (b, Some(n)),
        _ => (team, None),
    };
    let mut out = match base {
        "ci" | "sdk" => base.to_uppercase(),
        "iaas" => "IaaS".to_string(),
        _ => super::text::upper_first(base),
    };
    if let Some(n) = n {
        out.push(' ');
        out.push_str(n);
    }
    out
}

/// Where meeting `k` of a series is written, relative to the output directory.
pub fn path(series: &Series, k: usize) -> String {
    let day = series.dates[k];
    let iso = day.iso_string();
    let year = day.year();
    let dir = &series.dir;
    let ext = series.ext;
    match series.style {
        Style::Pad => format!("{dir}/{}.{ext}", day.compact()),
        Style::Sections | Style::Plain | Style::Board => format!("{dir}/{year}/{iso}.{ext}"),
        Style::Checklist => format!("{dir}/{iso}.{ext}"),
        Style::FrontMatter => format!("{dir}/{iso}-{}-sync.{ext}", series.team),
        Style::Irc => {
            let chan = dir.rsplit('/').next().unwrap_or("meeting");
            format!(
                "{dir}/{year}/{chan}.{iso}-{:02}.{:02}.{ext}",
                series.hour, series.minute
            )
        }
        Style::Transcript => format!(
            "{dir}/{year}/{iso}-call-{:03}.{ext}",
            series.number_base as usize + k
        ),
    }
}

/// Writes a meeting in its series' style.
pub fn render(m: &Meeting, rng: &mut Rng, out: &mut String) {
    match m.series.style {
        Style::Pad => markdown::pad(m, rng, out),
        Style::Sections => markdown::sections(m, rng, out),
        Style::Checklist => markdown::checklist(m, rng, out),
        Style::FrontMatter => markdown::front_matter(m, rng, out),
        Style::Plain => formal::plain(m, rng, out),
        Style::Irc => chat::irc(m, rng, out),
        Style::Transcript => chat::transcript(m, rng, out),
        Style::Board => formal::board(m, rng, out),
    }
}

/// How a series lists a person.
#[derive(Clone, Copy)]
pub enum Entry {
    Handle,
    NameHandle,
    Name,
    NameOrg,
}

impl Entry {
    /// The form a series uses, from its habits `bit` and `bit + 1`.
    pub fn of(series: &Series, bit: u32) -> Entry {
        match (series.habit(bit), series.habit(bit + 1)) {
            (false, false) => Entry::Handle,
            (false, true) => Entry::NameHandle,
            (true, false) => Entry::Name,
            (true, true) => Entry::NameOrg,
        }
    }

    pub fn write(self, m: &Meeting, person: usize, out: &mut String) {
        let p = &m.corpus.people[person];
        match self {
            Entry::Handle => {
                out.push('@');
                out.push_str(&p.handle);
            }
            Entry::NameHandle => {
                out.push_str(&p.name());
                out.push_str(" (@");
                out.push_str(&p.handle);
                out.push(')');
            }
            Entry::Name => out.push_str(&p.name()),
            Entry::NameOrg => {
                out.push_str(&p.name());
                out.push_str(", ");
                out.push_str(p.org);
            }
        }
    }
}

/// People as a comma-separated list.
pub fn joined(people: &[usize], form: impl Fn(usize) -> String) -> String {
    people
        .iter()
        .map(|&p| form(p))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `@handle to do something` (checkbox lists write `- [ ] ` before it).
pub fn handle_task(m: &Meeting, a: &Action, out: &mut String) {
    out.push('@');
    out.push_str(m.handle(a.owner));
    out.push_str(" to ");
    out.push_str(&a.text);
}
