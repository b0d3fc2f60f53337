//! Formal styles: plain-text minutes with bare section lines, and board
//! minutes with motions, seconds and votes.

use super::{Meeting, Rng, joined, ln, upper_first};

/// Plain-text minutes.
pub fn plain(m: &Meeting, _rng: &mut Rng, out: &mut String) {
    let s = m.series;
    let title = format!("{} - {}", s.title, m.date.long_uk());
    ln!(out, "{title}");
    if s.habit(0) {
        ln!(out, "{}", "=".repeat(title.chars().count()));
    }
    out.push('\n');
    ln!(out, "Present: {}", joined(&m.present, |p| m.name(p)));
    if !m.absent.is_empty() {
        ln!(out, "Apologies: {}", joined(&m.absent, |p| m.name(p)));
    }
    ln!(
        out,
        "Chair: {}; minutes: {}\n",
        m.name(m.present[0]),
        m.name(m.scribe)
    );
    ln!(out, "Agenda");
    for (i, item) in m.items.iter().enumerate() {
        ln!(out, "  {}. {}", i + 1, item.title);
    }
    out.push('\n');
    let inline_actions = s.habit(1);
    for (i, item) in m.items.iter().enumerate() {
        ln!(out, "{}. {}", i + 1, item.title);
        for r in &item.refs {
            ln!(out, "   {r}");
        }
        for note in &item.notes {
            ln!(
                out,
                "   {} {}",
                if s.habit(2) { "*" } else { "-" },
                note.text
            );
        }
        for d in &item.decisions {
            if s.habit(3) {
                ln!(out, "   AGREED: {d}");
            } else {
                ln!(out, "   Decision: {}", upper_first(d));
            }
        }
        if inline_actions {
            for a in &item.actions {
                ln!(out, "   ACTION: {} to {}", m.name(a.owner), a.text);
            }
        }
        out.push('\n');
    }
    if !inline_actions && m.actions().next().is_some() {
        ln!(out, "Actions");
        for a in m.actions() {
            ln!(out, "  - {}: {}", m.given(a.owner), upper_first(&a.text));
        }
        out.push('\n');
    }
    let next = m
        .series
        .dates
        .get(m.k + 1)
        .copied()
        .unwrap_or(m.date.plus(14));
    ln!(out, "Next meeting: {}", next.long_uk());
}

/// A mover, a seconder and a vote for a motion.
fn vote(m: &Meeting, rng: &mut Rng, out: &mut String) {
    let voters = m.present.len();
    let mover = *rng.pick(&m.present);
    let mut seconder = *rng.pick(&m.present);
    if seconder == mover {
        seconder =
            m.present[(m.present.iter().position(|&p| p == mover).unwrap_or(0) + 1) % voters];
    }
    ln!(
        out,
        "Moved by {}, seconded by {}.",
        m.name(mover),
        m.name(seconder)
    );
    let against = if rng.chance(70) {
        0
    } else {
        rng.below(voters / 2 + 1)
    };
    let abstain = if rng.chance(80) {
        0
    } else {
        rng.below(2).min(voters - against)
    };
    let favour = voters - against - abstain;
    if against == 0 && abstain == 0 && rng.chance(50) {
        ln!(out, "Motion carries unanimously.");
    } else if rng.chance(20) {
        let yes: Vec<usize> = m.present[..favour].to_vec();
        ln!(
            out,
            "Votes: {}. Motion passed.",
            joined(&yes, |p| format!("+1 {}", m.given(p)))
        );
    } else if favour > against {
        ln!(
            out,
            "Vote: {favour} in favour, {against} against, {abstain} abstaining. Motion carries."
        );
    } else {
        ln!(
            out,
            "Vote: {favour} in favour, {against} against, {abstain} abstaining. The motion fails."
        );
    }
}

/// Board minutes.
pub fn board(m: &Meeting, rng: &mut Rng, out: &mut String) {
    let s = m.series;
    let community = &m.corpus.communities[s.community];
    ln!(
        out,
        "# Minutes of the {} {}, {}\n",
        community.name,
        s.title,
        m.date.long_us()
    );
    ln!(out, "## Date, time and location\n");
    ln!(
        out,
        "The board met by video call on {}, {} at {:02}:{:02} UTC. {} chaired the meeting and\n{} took the minutes.\n",
        m.date.weekday(),
        m.date.long_us(),
        s.hour,
        s.minute,
        m.name(m.present[0]),
        m.name(m.scribe)
    );
    ln!(out, "## Attendance\n");
    ln!(out, "Directors present:\n");
    for &p in &m.present {
        ln!(out, "* {}, {}", m.name(p), m.corpus.people[p].org);
    }
    out.push('\n');
    if !m.absent.is_empty() {
        ln!(out, "Apologies:\n");
        for &p in &m.absent {
            ln!(out, "* {}", m.name(p));
        }
        out.push('\n');
    }
    let seats = m.present.len() + m.absent.len();
    ln!(
        out,
        "Quorum: {} of {seats} directors present.\n",
        m.present.len()
    );
    ln!(out, "## Proceedings\n");
    let mut n = 1;
    if m.k > 0 {
        ln!(out, "### {n}. Approval of the previous minutes\n");
        ln!(
            out,
            "The minutes of the {} meeting were approved as circulated.",
            s.dates[m.k - 1].long_us()
        );
        vote(m, rng, out);
        out.push('\n');
        n += 1;
    }
    for item in &m.items {
        ln!(out, "### {n}. {}\n", item.title);
        n += 1;
        let mut width = 0;
        for note in &item.notes {
            out.push_str(&note.text);
            width += note.text.len();
            if width > 70 {
                out.push('\n');
                width = 0;
            } else {
                out.push(' ');
            }
        }
        out.push_str("\n\n");
        for d in &item.decisions {
            ln!(out, "Motion: that the board {d}.");
            vote(m, rng, out);
            out.push('\n');
        }
    }
    if m.actions().next().is_some() {
        ln!(out, "## Action items\n");
        for a in m.actions() {
            ln!(out, "- {} to {}", m.name(a.owner), a.text);
        }
        out.push('\n');
    }
    let next = s.dates.get(m.k + 1).copied().unwrap_or(m.date.plus(28));
    ln!(out, "The next meeting is on {}.", next.long_us());
}
