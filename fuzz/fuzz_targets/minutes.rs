//! Minutes built from line templates (headings, agenda lists, `Name:` turns,
//! task boxes, decisions, IRC and MeetBot lines, tables, front matter) filled
//! with hostile tokens (control characters, bidirectional marks, huge numbers,
//! `@` and `#` storms, deep nesting), repeated up to 1 MB, through the whole
//! pipeline and every exporter with its output read back.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use minutegraph_fuzz::{check_exports, graph_of};
use std::fmt::Write;

/// Largest text built from one input.
const MAX_BYTES: usize = 1 << 20;

#[derive(Arbitrary, Debug)]
enum Token {
    Word(u8),
    Name(u8),
    Handle(u8),
    Issue(u8, u64),
    Control(u8),
    Bidi(u8),
    HugeNumber(u128),
    AtStorm(u16),
    HashStorm(u16),
    Date(u16, u8, u8),
    Url(u8),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
enum Line {
    Heading(u8, Vec<Token>),
    AgendaHeading,
    Bullet(u8, Vec<Token>),
    Numbered(u32, Vec<Token>),
    Turn(u8, Vec<Token>),
    Task(bool, Vec<Token>),
    Decision(Vec<Token>),
    Action(Vec<Token>),
    Attendees(Vec<u8>),
    Irc(u8, u8, Vec<Token>),
    MeetBot(u8, Vec<Token>),
    TableRow(Vec<Vec<Token>>),
    TableRule(u8),
    FrontMatter(Vec<Token>),
    Quote(u8, Vec<Token>),
    Fence,
    Blank,
    /// The lines so far, again and again (how inputs grow to a megabyte).
    Repeat(u16),
}

const WORDS: [&str; 12] = [
    "agenda",
    "decision",
    "review",
    "release",
    "Kubernetes",
    "GitHub",
    "plan",
    "TODO",
    "Present:",
    "Regrets:",
    "ACTION:",
    "RESOLUTION:",
];
const NAMES: [&str; 6] = ["Ann Lee", "Bob Ray", "Zoë Ünal", "李雷", "O'Brien", "AB"];
const CONTROLS: [char; 8] = [
    '\0', '\u{1b}', '\u{7}', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{7f}',
];
const BIDI: [char; 6] = [
    '\u{200e}', '\u{200f}', '\u{202e}', '\u{2066}', '\u{feff}', '\u{200b}',
];

fn token(out: &mut String, t: &Token) {
    let pick = |n: &u8, len: usize| usize::from(*n) % len;
    match t {
        Token::Word(n) => out.push_str(WORDS[pick(n, WORDS.len())]),
        Token::Name(n) => out.push_str(NAMES[pick(n, NAMES.len())]),
        Token::Handle(n) => {
            let _ = write!(out, "@user{}", n % 16);
        }
        Token::Issue(n, k) => {
            let _ = write!(out, "acme/tools{}#{k}", n % 4);
        }
        Token::Control(n) => out.push(CONTROLS[pick(n, CONTROLS.len())]),
        Token::Bidi(n) => out.push(BIDI[pick(n, BIDI.len())]),
        Token::HugeNumber(n) => {
            let _ = write!(out, "#{n}");
        }
        Token::AtStorm(n) => out.push_str(&"@".repeat(usize::from(*n % 4096))),
        Token::HashStorm(n) => out.push_str(&"#".repeat(usize::from(*n % 4096))),
        Token::Date(y, m, d) => {
            let _ = write!(out, "{y:04}-{:02}-{:02}", m % 14, d % 33);
        }
        Token::Url(n) => {
            let _ = write!(out, "https://github.com/acme/tools/issues/{n}");
        }
        Token::Raw(s) => out.push_str(s),
    }
}

fn tokens(out: &mut String, ts: &[Token]) {
    for (i, t) in ts.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        token(out, t);
    }
}

fn line(out: &mut String, l: &Line) {
    match l {
        Line::Heading(level, ts) => {
            out.push_str(&"#".repeat(usize::from(level % 8).max(1)));
            out.push(' ');
            tokens(out, ts);
        }
        Line::AgendaHeading => out.push_str("## Agenda"),
        Line::Bullet(depth, ts) => {
            out.push_str(&"  ".repeat(usize::from(*depth)));
            out.push_str("- ");
            tokens(out, ts);
        }
        Line::Numbered(n, ts) => {
            let _ = write!(out, "{n}. ");
            tokens(out, ts);
        }
        Line::Turn(n, ts) => {
            let _ = write!(out, "{}: ", NAMES[usize::from(*n) % NAMES.len()]);
            tokens(out, ts);
        }
        Line::Task(done, ts) => {
            out.push_str(if *done { "- [x] " } else { "- [ ] " });
            tokens(out, ts);
        }
        Line::Decision(ts) => {
            out.push_str("- Decision: ");
            tokens(out, ts);
        }
        Line::Action(ts) => {
            out.push_str("- AI @x: ");
            tokens(out, ts);
        }
        Line::Attendees(names) => {
            out.push_str("Attendees: ");
            let names: Vec<&str> = names
                .iter()
                .map(|n| NAMES[usize::from(*n) % NAMES.len()])
                .collect();
            out.push_str(&names.join(", "));
        }
        Line::Irc(h, m, ts) => {
            let _ = write!(out, "[{:02}:{:02}] <nick{}> ", h % 25, m % 61, h % 5);
            tokens(out, ts);
        }
        Line::MeetBot(n, ts) => {
            let commands = [
                "#topic",
                "#agreed",
                "#action",
                "#info",
                "#startmeeting",
                "#chair",
            ];
            let _ = write!(out, "{} ", commands[usize::from(*n) % commands.len()]);
            tokens(out, ts);
        }
        Line::TableRow(cells) => {
            out.push('|');
            for cell in cells {
                out.push(' ');
                tokens(out, cell);
                out.push_str(" |");
            }
        }
        Line::TableRule(n) => {
            out.push('|');
            out.push_str(&"---|".repeat(usize::from(n % 8).max(1)));
        }
        Line::FrontMatter(ts) => {
            out.push_str("---\ntitle: ");
            tokens(out, ts);
            out.push_str("\ndate: 2025-01-01\n---");
        }
        Line::Quote(depth, ts) => {
            out.push_str(&">".repeat(usize::from(*depth).max(1)));
            out.push(' ');
            tokens(out, ts);
        }
        Line::Fence => out.push_str("```"),
        Line::Blank => {}
        Line::Repeat(_) => {}
    }
    out.push('\n');
}

fn minutes(lines: &[Line]) -> String {
    let mut out = String::new();
    for l in lines {
        if let Line::Repeat(n) = l {
            let body = out.clone();
            for _ in 0..*n {
                if out.len() + body.len() > MAX_BYTES {
                    break;
                }
                out.push_str(&body);
            }
        } else {
            line(&mut out, l);
        }
        if out.len() > MAX_BYTES {
            break;
        }
    }
    out
}

fuzz_target!(|lines: Vec<Line>| {
    let text = minutes(&lines);
    if let Some(graph) = graph_of("2025-01-01.md", text.as_bytes()) {
        check_exports(&graph);
    }
});
