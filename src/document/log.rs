//! Raw chat logs (IRC clients, MeetBot `.log.txt`, bouncers): one message a
//! line behind a timestamp and a `<nick>`. Each line becomes one block on its
//! own line number, with the timestamp and nick stripped: bot commands and
//! scribe labels (`#agreed ...`, `ACTION: ...`) stand at the start of the text
//! where the extraction rules expect them, ordinary messages read `nick: text`,
//! and the nick is kept as the block's speaker. Bots speak for no one.

use super::{Block, BlockKind, LineIndex};
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// A leading timestamp: `16:05`, `16:05:15`, `[16:05]`, `2025-05-20 16:05:15`,
/// `2025-05-20T16:05:15Z`, `[Tue 16:05]`, `May 20 16:05:15`, `(03:00:39 PM)`.
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        ^ (?:
            \[ [^\]\n]{0,24} \d{1,2}:\d{2} [^\]\n]{0,16} \]              # [16:05], [Tue 16:05]
          | \( \d{1,2}:\d{2} (?: :\d{2} )? (?: \s? [AaPp][Mm] )? \)         # (03:00:39 PM)
          | (?: \d{4}-\d{2}-\d{2} [\ T] | \p{Lu}\p{Ll}{2} \s+ \d{1,2} \s+ )?  # a date before the time
            \d{1,2}:\d{2} (?: :\d{2} )? (?: [.,]\d+ )? (?: Z | [+-]\d{2}:?\d{2} )?
        ) [\ \t]+",
    )
    .expect("stamp regex")
});
/// `nick: text` after a timestamp, as Pidgin and other clients write messages.
static COLON_MESSAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Za-z_\[\]\\^{|}`][\w\-\[\]\\^{|}`.]{0,39}):[ \t]+(\S.*)$")
        .expect("colon message regex")
});
/// `<nick> text`, `< nick>`, `<@nick>` (with a channel mode).
static MESSAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^<\s?[@+%~&]?([A-Za-z_\[\]\\^{|}`][\w\-\[\]\\^{|}`.]{0,39})>(?:[ \t](.*))?$")
        .expect("regex")
});
/// `* nick waves` (a `/me` line).
static EMOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\*[ \t]+[@+%~&]?([A-Za-z_\[\]\\^{|}`][\w\-\[\]\\^{|}`.]{0,39})[ \t]+(\S.*)$")
        .expect("regex")
});
/// Joins, parts, nick and mode changes.
static EVENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:-!-|\*\*\*|-->|<--|---?|=!=)(?:[ \t]|$)|\*[ \t]+\S+[ \t]+(?:has (?:joined|quit|left)|is now known as|sets mode|changes topic|has changed the topic|was kicked)\b)",
    )
    .expect("regex")
});
/// A statement that opens with a bot command or a scribe label
/// (`#agreed`, `ACTION:`, `Topic:`): it keeps its place at the start of the text.
static STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:#[A-Za-z]+\b|\p{Lu}{2,}[ \t]*:|(?i:(?:sub)?topic)[ \t]*:)").expect("regex")
});

/// HTML tags that look like `<nick>` at the start of a Markdown line.
const HTML_TAGS: &[&str] = &[
    "a", "b", "i", "p", "u", "s", "q", "br", "hr", "li", "ul", "ol", "td", "tr", "th", "dd", "dt",
    "dl", "em", "tt", "div", "span", "sub", "sup", "del", "ins", "kbd", "pre", "img", "code",
    "mark", "small", "table", "center", "strong", "details", "summary",
];

/// Lines a meeting bot posts, which tell its nick.
const BOT_LINES: &[&str] = &[
    "meeting started",
    "meeting ended",
    "minutes:",
    "minutes (text):",
    "useful commands:",
    "logging to ",
    "i have made the request to generate",
];

/// One line of a chat log.
#[derive(Debug, PartialEq, Eq)]
enum Line<'a> {
    /// A message; `stamped` when a timestamp led it.
    Message {
        nick: &'a str,
        text: &'a str,
        stamped: bool,
    },
    /// `* nick does something`.
    Emote {
        nick: &'a str,
        text: &'a str,
        stamped: bool,
    },
    /// A join, part or mode change.
    Event { stamped: bool },
}

impl Line<'_> {
    /// Whether this line alone shows a chat log (`* item` is a Markdown bullet too).
    fn is_evidence(&self) -> bool {
        match self {
            Line::Message { .. } => true,
            Line::Emote { stamped, .. } | Line::Event { stamped } => *stamped,
        }
    }
}

/// A chat message line (`16:05:15 <ann> #agreed go`) as its nick and text, for
/// log lines that reach extraction inside other minutes.
pub fn chat_message(line: &str) -> Option<(&str, &str)> {
    match parse_line(line.trim_start())? {
        Line::Message { nick, text, .. } if !text.is_empty() => Some((nick, text)),
        _ => None,
    }
}

fn parse_line(raw: &str) -> Option<Line<'_>> {
    let line = raw.trim_end();
    // Every chat line opens with a timestamp (`[`, `(`, a digit, a month's
    // name), a `<nick>`, a `* nick` or an event's dashes: most prose lines can
    // be told apart by their first character.
    if !may_open_chat_line(line) {
        return None;
    }
    let (stamped, rest) = match STAMP.find(line) {
        Some(m) => (true, &line[m.end()..]),
        None => (false, line),
    };
    // `(03:00:39 PM) ann: hi`: a bracketed stamp, so `10:30 Lunch: ...` in a
    // schedule stays a schedule.
    let boxed = line.starts_with(['(', '[']);
    if let Some(line) = tabbed(rest, stamped) {
        return Some(line);
    }
    let lead = rest.chars().next();
    if let Some(c) = (lead == Some('<'))
        .then(|| MESSAGE.captures(rest))
        .flatten()
    {
        let nick = c.get(1)?.as_str();
        if !stamped && HTML_TAGS.contains(&nick.to_ascii_lowercase().as_str()) {
            return None;
        }
        let text = c.get(2).map_or("", |m| m.as_str().trim());
        return Some(Line::Message {
            nick,
            text,
            stamped,
        });
    }
    if matches!(lead, Some('-' | '*' | '<' | '=')) && EVENT.is_match(rest) {
        return Some(Line::Event { stamped });
    }
    if let Some(c) = (stamped && boxed)
        .then(|| COLON_MESSAGE.captures(rest))
        .flatten()
    {
        return Some(Line::Message {
            nick: c.get(1).map_or("", |m| m.as_str()),
            text: c.get(2).map_or("", |m| m.as_str().trim()),
            stamped,
        });
    }
    (lead == Some('*'))
        .then(|| EMOTE.captures(rest))
        .flatten()
        .map(|c| Line::Emote {
            nick: c.get(1).map_or("", |m| m.as_str()),
            text: c.get(2).map_or("", |m| m.as_str().trim()),
            stamped,
        })
}

/// Whether a line opens as a chat line can: with a timestamp (`[`, `(`, a
/// digit, a month's short name and a day), a `<nick>`, a `* nick` or an
/// event's dashes. Most prose lines, and Markdown's `- ` bullets, are told
/// apart by this alone.
fn may_open_chat_line(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('[' | '(' | '0'..='9' | '<' | '*') => true,
        // An event's `-->`, `--`, `-!-` or `=!=`; `- item` is a bullet.
        Some('-') => matches!(chars.next(), Some('-' | '!')),
        Some('=') => chars.next() == Some('!'),
        // `May 20 16:05:15`
        Some(c) if c.is_uppercase() => {
            chars.next().is_some_and(char::is_lowercase)
                && chars.next().is_some_and(char::is_lowercase)
                && chars.next().is_some_and(char::is_whitespace)
        }
        _ => false,
    }
}

/// WeeChat's `stamp<TAB>nick<TAB>text`, with `-->`, `<--`, `--` and ` *` for events and emotes.
fn tabbed(rest: &str, stamped: bool) -> Option<Line<'_>> {
    if !stamped {
        return None;
    }
    let (who, text) = rest.split_once('\t')?;
    let who = who.trim();
    let text = text.trim();
    match who {
        "-->" | "<--" | "--" | "-!-" | "=!=" | "***" => Some(Line::Event { stamped }),
        "*" => {
            let (nick, text) = text.split_once([' ', '\t'])?;
            Some(Line::Emote {
                nick,
                text: text.trim(),
                stamped,
            })
        }
        _ => {
            let nick = who.trim_start_matches(['@', '+', '%', '~', '&']);
            let nick_like = nick.chars().next().is_some_and(char::is_alphabetic)
                && nick
                    .chars()
                    .all(|c| c.is_alphanumeric() || "-_[]\\^{|}`.".contains(c));
            nick_like.then_some(Line::Message {
                nick,
                text,
                stamped,
            })
        }
    }
}

/// Whether most non-empty lines of `body` are chat-log lines.
pub(super) fn is_log(body: &str) -> bool {
    let filled = || body.lines().filter(|l| !l.trim().is_empty());
    let lines = filled().count();
    let mut evidence = 0;
    let mut messages = 0;
    for (seen, raw) in filled().enumerate() {
        // Settled once the lines left could not change the answer.
        if (evidence + lines - seen) * 2 <= lines {
            return false;
        }
        if let Some(line) = parse_line(raw) {
            evidence += usize::from(line.is_evidence());
            messages += usize::from(matches!(line, Line::Message { .. }));
        }
        if messages >= 3 && evidence * 2 > lines {
            return true;
        }
    }
    messages >= 3 && evidence * 2 > lines
}

/// A nick as the person behind it: without a bridge suffix (`ann[m]`), an away
/// suffix (`ann|away`) or trailing underscores (`ann_`, a second connection).
fn person_nick(nick: &str) -> &str {
    let nick = nick.strip_suffix("[m]").unwrap_or(nick);
    let nick = nick.split('|').next().unwrap_or(nick);
    let bare = nick.trim_end_matches(['_', '`']);
    if bare.is_empty() { nick } else { bare }
}

/// Nicks of meeting bots: those posting a bot's lines, or named `...bot`.
fn bots(lines: &[Option<Line<'_>>]) -> BTreeSet<String> {
    let mut bots = BTreeSet::new();
    for line in lines.iter().flatten() {
        if let Line::Message { nick, text, .. } = line {
            let lower = text.to_lowercase();
            let nick = person_nick(nick).to_lowercase();
            if nick.ends_with("bot") || BOT_LINES.iter().any(|b| lower.starts_with(b)) {
                bots.insert(nick);
            }
        }
    }
    bots
}

/// Whether a statement is a bot command that `#undo` takes back.
fn undoable(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "#action",
        "#agreed",
        "#agree",
        "#info",
        "#idea",
        "#link",
        "#topic",
        "#help",
        "#accepted",
        "#rejected",
    ]
    .iter()
    .any(|c| {
        lower
            .strip_prefix(c)
            .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t']))
    })
}

/// Parse the chat log starting at byte `body_start`.
pub(super) fn blocks(text: &str, body_start: usize, index: &LineIndex) -> Vec<Block> {
    let first_line = index.line_of(body_start);
    let raw_lines: Vec<&str> = text[body_start..].split('\n').collect();
    let lines: Vec<Option<Line<'_>>> = raw_lines.iter().map(|l| parse_line(l)).collect();
    let bots = bots(&lines);
    let mut out: Vec<Block> = Vec::new();
    for (i, (raw, parsed)) in raw_lines.iter().zip(&lines).enumerate() {
        let line = first_line + i as u32;
        let (nick, text, emote) = match parsed {
            None => {
                out.extend(super::plain::line_block(raw, line));
                continue;
            }
            // `--- Log opened Tue Feb 04 23:38:39 2003`: the client's own line,
            // which dates the log; joins and mode changes say nothing.
            Some(Line::Event { .. }) => {
                if raw.trim_start().starts_with("---") {
                    out.extend(super::plain::line_block(raw, line));
                }
                continue;
            }
            Some(Line::Message { nick, text, .. }) => (person_nick(nick), *text, false),
            Some(Line::Emote { nick, text, .. }) => (person_nick(nick), *text, true),
        };
        if text.is_empty() {
            continue;
        }
        let is_bot = bots.contains(&nick.to_lowercase());
        if !is_bot && text.to_ascii_lowercase().split_whitespace().next() == Some("#undo") {
            // MeetBot drops the last command it recorded.
            if let Some(k) = out.iter().rposition(|b| undoable(&b.text)) {
                out.remove(k);
            }
            continue;
        }
        let body = if emote {
            format!("{nick} {text}")
        } else if STATEMENT.is_match(text) && !is_bot {
            text.to_string()
        } else {
            format!("{nick}: {text}")
        };
        let mut block = Block::new(BlockKind::Paragraph, 0, body, line, line);
        block.speaker = (!is_bot).then(|| nick.to_string());
        out.push(block);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<Block> {
        blocks(text, 0, &LineIndex::new(text))
    }

    const LOG: &str = "\
09:00:01 <ravel> #startmeeting harbour-ops
09:00:01 <harbourbot> Meeting started Wed Jun 4 09:00:01 2025 UTC. The chair is ravel.
09:00:09 <tindra_> hello
09:00:30 * quill waves
09:00:31 -!- oskar [~o@example.net] has joined #harbour-ops
09:01:02 <ravel> #topic Registry mirror
09:02:10 <quill> the mirror fell behind again, I'll look at the sync job
09:03:00 <ravel> #agreed move the mirror to the new storage
09:03:20 <ravel> #action quill resync the mirror
09:03:25 <ravel> #action tindra wrong line
09:03:30 <ravel> #undo
09:04:00 <ravel> #endmeeting
09:04:00 <harbourbot> Meeting ended Wed Jun 4 09:04:00 2025 UTC.
";

    #[test]
    fn recognises_logs_but_not_minutes() {
        assert!(is_log(LOG));
        assert!(is_log(
            "[10:02] <ann> hi\n[10:03] <@bo> hello\n[10:04] <cy> #topic x\n"
        ));
        assert!(is_log("<ann> hi\n<bo> hello\n<cy> #info x\n"));
        let pidgin =
            "(03:00:39 PM) ann: hi\n(03:01:13 PM) bo: hello\n(03:02:20 PM) ann: 1. Mirrors\n";
        assert!(is_log(pidgin));
        assert_eq!(parse(pidgin)[1].speaker.as_deref(), Some("bo"));
        assert!(is_log(
            "2025-06-04 09:00:01\tann\thi\n2025-06-04 09:00:02\t-->\tbo joined\n2025-06-04 09:00:03\t@bo\thello\n2025-06-04 09:00:04\tcy\tyo\n"
        ));
        assert!(!is_log(
            "# Minutes\n\n* ann: hi\n* bo: hello\n* <b>bold</b>\n"
        ));
        assert!(!is_log(
            "Present: Ann, Bo\n<ann> a link\nann: hi\nbo: hello\ncy: fine\n<bo> x\n<cy> y\n"
        ));
        assert!(!is_log("<summary> one\n<details> two\n<b> three\n"));
        // Events open with two dashes or `-!-`, `=!=`; a bullet is none.
        for event in ["-!- bo has quit", "-- bo joined", "--> bo", "=!= mode"] {
            assert!(
                matches!(parse_line(event), Some(Line::Event { .. })),
                "{event}"
            );
        }
        for bullet in ["- bo has quit", "- --> bo", "= x", "-"] {
            assert!(parse_line(bullet).is_none(), "{bullet}");
        }
    }

    #[test]
    fn strips_stamps_and_nicks_and_keeps_lines() {
        let b = parse(LOG);
        let view: Vec<(u32, &str, Option<&str>)> = b
            .iter()
            .map(|b| (b.line, b.text.as_str(), b.speaker.as_deref()))
            .collect();
        assert_eq!(
            view,
            vec![
                (1, "#startmeeting harbour-ops", Some("ravel")),
                (
                    2,
                    "harbourbot: Meeting started Wed Jun 4 09:00:01 2025 UTC. The chair is ravel.",
                    None
                ),
                (3, "tindra: hello", Some("tindra")),
                (4, "quill waves", Some("quill")),
                (6, "#topic Registry mirror", Some("ravel")),
                (
                    7,
                    "quill: the mirror fell behind again, I'll look at the sync job",
                    Some("quill")
                ),
                (
                    8,
                    "#agreed move the mirror to the new storage",
                    Some("ravel")
                ),
                (9, "#action quill resync the mirror", Some("ravel")),
                (12, "#endmeeting", Some("ravel")),
                (
                    13,
                    "harbourbot: Meeting ended Wed Jun 4 09:04:00 2025 UTC.",
                    None
                ),
            ]
        );
    }

    #[test]
    fn bots_by_their_lines_and_names() {
        let b = parse("<mm> Minutes: https://x.org/m.html\n<ann> hi\n<Notebot> saved\n<bo> ok\n");
        assert_eq!(b[0].speaker, None);
        assert_eq!(b[1].speaker.as_deref(), Some("ann"));
        assert_eq!(b[2].speaker, None);
    }

    #[test]
    fn scribe_labels_stay_first() {
        let b =
            parse("<sc> Topic: Fonts\n<sc> RESOLUTION: ship it\n<sc> ann: agreed\n<ann[m]> ok\n");
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "Topic: Fonts",
                "RESOLUTION: ship it",
                "sc: ann: agreed",
                "ann: ok"
            ]
        );
    }
}
