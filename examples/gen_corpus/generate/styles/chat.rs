//! Spoken and chat styles: raw IRC logs with MeetBot commands, and call
//! transcripts with `Name: speech` lines.

use super::{Meeting, Rng, ln, upper_first, words};
use std::fmt::Write as _;

/// A clock that moves on a few seconds per chat line.
struct Clock {
    seconds: u32,
    /// Average seconds between lines.
    gap: u32,
    form: u32,
}

impl Clock {
    fn tick(&mut self, rng: &mut Rng) {
        let gap = rng.between(1, (self.gap * 2) as usize) as u32;
        self.seconds = (self.seconds + gap).min(24 * 3600 - 1);
    }

    /// The line's prefix up to the nick: `[16:03] <`, `16:03:12 <`.
    fn stamp(&self, out: &mut String) {
        let (h, m, s) = (
            self.seconds / 3600,
            self.seconds / 60 % 60,
            self.seconds % 60,
        );
        let _ = match self.form {
            0 => write!(out, "[{h:02}:{m:02}] "),
            1 => write!(out, "{h:02}:{m:02}:{s:02} "),
            2 => write!(out, "{h:02}:{m:02} "),
            _ => write!(out, "[{h:02}:{m:02}:{s:02}] "),
        };
    }
}

/// One message: `[16:03] <nick> text`.
fn say(clock: &mut Clock, rng: &mut Rng, nick: &str, text: &str, out: &mut String) {
    clock.tick(rng);
    clock.stamp(out);
    out.push('<');
    if clock.form == 2 {
        out.push(' ');
    }
    out.push_str(nick);
    out.push_str("> ");
    out.push_str(text);
    out.push('\n');
}

/// A raw IRC log of a meeting run with MeetBot commands.
pub fn irc(m: &Meeting, rng: &mut Rng, out: &mut String) {
    let s = m.series;
    let community = &m.corpus.communities[s.community];
    let chan = format!("{}-{}", community.slug, s.team);
    // A meeting of half an hour to an hour; a long log runs for hours at
    // a line every second or two.
    let lines = m.items.iter().map(|i| i.notes.len() + 2).sum::<usize>() as u32 + 10;
    let minutes = rng.between(30, 60) as u32;
    let mut clock = Clock {
        seconds: s.hour * 3600 + s.minute * 60,
        gap: (minutes * 60 / lines).clamp(1, 90),
        form: s.variant >> 20 & 3,
    };
    let chair = m.nick(m.present[0]).to_string();
    let bot = if s.habit(1) { "meetbot" } else { "zodbot" };
    let (wd, mon, d, y) = m.date.bot();
    if s.habit(2) {
        ln!(
            out,
            "--- Log opened {wd} {mon} {d:02} {:02}:{:02}:00 {y}",
            s.hour,
            s.minute
        );
    }
    for &p in m.present.iter().skip(1) {
        if rng.chance(25) {
            clock.stamp(out);
            let nick = m.nick(p);
            ln!(
                out,
                "-!- {nick} [~{nick}@{}.example.net] has joined #{chan}",
                rng.pick(&["irc", "user", "gateway"])
            );
        }
    }
    say(
        &mut clock,
        rng,
        &chair,
        &format!("#startmeeting {chan}"),
        out,
    );
    let time = format!("{:02}:{:02}:{:02}", s.hour, s.minute, rng.below(20));
    say(
        &mut clock,
        rng,
        bot,
        &format!(
            "Meeting started {wd} {mon} {d} {time} {y} UTC.  The chair is {chair}. Information about MeetBot at https://wiki.{}.org/MeetBot.",
            community.slug
        ),
        out,
    );
    say(
        &mut clock,
        rng,
        bot,
        "Useful Commands: #action #agreed #help #info #idea #link #topic.",
        out,
    );
    for &p in m.present.iter().skip(1) {
        let hello = rng.word(words::HELLO);
        say(&mut clock, rng, m.nick(p), hello, out);
    }
    if s.habit(3) && m.present.len() > 1 {
        say(
            &mut clock,
            rng,
            &chair,
            &format!("#chair {}", m.nick(m.present[1])),
            out,
        );
    }
    for item in &m.items {
        say(
            &mut clock,
            rng,
            &chair,
            &format!("#topic {}", item.title),
            out,
        );
        for r in &item.refs {
            say(
                &mut clock,
                rng,
                m.nick(item.owner),
                &format!("#link {r}"),
                out,
            );
        }
        for note in &item.notes {
            if rng.chance(3) {
                clock.stamp(out);
                ln!(
                    out,
                    " * {} {}",
                    m.nick(note.speaker),
                    rng.pick(&["nods", "waves", "is looking", "reads the backlog"])
                );
            }
            say(&mut clock, rng, m.nick(note.speaker), &note.text, out);
        }
        for d in &item.decisions {
            say(&mut clock, rng, &chair, &format!("#agreed {d}"), out);
        }
        for a in &item.actions {
            say(
                &mut clock,
                rng,
                &chair,
                &format!("#action {} {}", m.nick(a.owner), a.text),
                out,
            );
        }
    }
    say(&mut clock, rng, &chair, "#endmeeting", out);
    let (h, mi) = (clock.seconds / 3600, clock.seconds / 60 % 60);
    let sec = rng.below(60);
    say(
        &mut clock,
        rng,
        bot,
        &format!(
            "Meeting ended {wd} {mon} {d} {h:02}:{mi:02}:{:02} {y} UTC.  Minutes: https://meetbot.{}.org/{chan}/{y}/{chan}.{}-{:02}.{:02}.html",
            sec,
            community.slug,
            m.date.iso_string(),
            s.hour,
            s.minute
        ),
        out,
    );
    if s.habit(2) {
        clock.tick(rng);
        ln!(
            out,
            "--- Log closed {wd} {mon} {d:02} {h:02}:{mi:02}:{:02} {y}",
            rng.below(60)
        );
    }
}

/// A call transcript: a header, a summary of decisions and actions, then
/// `Name: speech` turns under one heading per agenda item.
pub fn transcript(m: &Meeting, rng: &mut Rng, out: &mut String) {
    let s = m.series;
    ln!(out, "# {} #{}", s.title, m.number());
    let when = format!("{}, {:02}:{:02} UTC", m.date.long_us(), s.hour, s.minute);
    if s.habit(0) {
        ln!(out, "### Meeting Date/Time: {when}");
        ln!(out, "### Moderator: {}", m.name(m.present[0]));
        ln!(out, "### Notes: {}\n", m.name(m.scribe));
    } else {
        ln!(out, "\n- **Date:** {when}");
        ln!(out, "- **Chair:** {}", m.name(m.present[0]));
        ln!(out, "- **Notes:** {}\n", m.name(m.scribe));
    }
    if s.habit(1) {
        ln!(out, "## Attendees\n");
        for &p in &m.present {
            ln!(out, "- {}", m.name(p));
        }
        out.push('\n');
    }
    let summary = s.habit(2);
    if summary && (m.decisions().next().is_some() || m.actions().next().is_some()) {
        ln!(out, "## Summary\n");
        if m.decisions().next().is_some() {
            ln!(out, "### Decisions\n");
            for (i, d) in m.decisions().enumerate() {
                ln!(out, "{}. We agreed to {d}.", i + 1);
            }
            out.push('\n');
        }
        if m.actions().next().is_some() {
            ln!(out, "### Action items\n");
            for a in m.actions() {
                ln!(out, "- {} will {}", m.name(a.owner), a.text);
            }
            out.push('\n');
        }
    }
    ln!(out, "## Transcript\n");
    let bold = s.habit(3);
    let timed = s.habit(4);
    let mut seconds = rng.between(20, 90) as u32;
    let speaker = |out: &mut String, who: usize, seconds: u32| {
        let name = m.name(who);
        match (bold, timed) {
            (true, true) => {
                let _ = write!(out, "**{name}** ({}:{:02}): ", seconds / 60, seconds % 60);
            }
            (true, false) => {
                let _ = write!(out, "**{name}:** ");
            }
            _ => {
                out.push_str(&name);
                out.push_str(": ");
            }
        }
    };
    for item in &m.items {
        ln!(out, "### {}\n", item.title);
        for note in &item.notes {
            speaker(out, note.speaker, seconds);
            out.push_str(&note.text);
            out.push_str("\n\n");
            seconds += (note.text.len() / 14) as u32 + rng.below(10) as u32;
        }
        if !summary {
            let chair = m.present[0];
            for d in &item.decisions {
                speaker(out, chair, seconds);
                ln!(out, "Okay, so the decision is to {d}.\n");
            }
            for a in &item.actions {
                speaker(out, chair, seconds);
                ln!(
                    out,
                    "Action item for {}: {}.\n",
                    m.given(a.owner),
                    upper_first(&a.text)
                );
            }
        }
    }
}
