//! Markdown styles: HackMD pads, sectioned minutes, triage checklists and blog
//! posts with front matter.

use super::{Entry, Item, Meeting, Rng, handle_task, joined, ln, upper_first, words};

/// Notes of an item as bullets, a few of them nested under the one before.
fn bullets(item: &Item, rng: &mut Rng, out: &mut String) {
    for (i, note) in item.notes.iter().enumerate() {
        if i > 0 && rng.chance(12) {
            out.push_str("    ");
        }
        out.push_str("- ");
        out.push_str(&note.text);
        out.push('\n');
    }
}

fn owner_suffix(m: &Meeting, item: &Item, out: &mut String) {
    if item.topic.is_some() {
        out.push_str(" (@");
        out.push_str(m.handle(item.owner));
        out.push(')');
    }
}

/// Last meeting's tasks under `heading`, ticked when done.
fn previous_actions(m: &Meeting, heading: &str, out: &mut String) {
    ln!(out, "{heading}\n");
    for a in &m.previous {
        out.push_str(if a.done { "- [x] " } else { "- [ ] " });
        handle_task(m, a, out);
        out.push('\n');
    }
    out.push('\n');
}

/// A HackMD/HedgeDoc pad.
pub fn pad(m: &Meeting, rng: &mut Rng, out: &mut String) {
    let s = m.series;
    let date = m.date.iso_string();
    if s.habit(0) {
        ln!(
            out,
            "---\ntitle: {}\ntags: {}, weekly\n---",
            s.title,
            s.team
        );
    }
    if s.habit(1) {
        let community = &m.corpus.communities[s.community].name;
        ln!(out, "# {community} {} {date}\n", s.title);
    } else {
        ln!(out, "# {date}\n");
    }
    let emoji = s.habit(3);
    if s.habit(2) {
        ln!(out, "- **Moderator:** @{}", m.handle(m.present[0]));
        ln!(out, "- **Notetaker:** @{}", m.handle(m.scribe));
        ln!(out, "- **Attendees:**");
        for &p in &m.present {
            ln!(out, "    - @{}", m.handle(p));
        }
        out.push('\n');
    } else {
        let heading = if emoji {
            "## :family: Participants"
        } else {
            "## Participants"
        };
        ln!(out, "{heading}\n");
        let form = if s.habit(4) {
            Entry::NameHandle
        } else {
            Entry::Handle
        };
        for &p in &m.present {
            out.push_str("* ");
            form.write(m, p, out);
            out.push('\n');
        }
        out.push('\n');
        if emoji {
            ln!(out, "## :telephone: Community call and minutes\n");
            ln!(
                out,
                "* Reporting in the community call: @{}",
                m.handle(m.present[0])
            );
            ln!(out, "* Minutes: @{}\n", m.handle(m.scribe));
        }
    }
    if m.show_previous {
        let heading = if emoji {
            "## :white_check_mark: Action items from last week"
        } else {
            "## Previous action items"
        };
        previous_actions(m, heading, out);
    }
    ln!(
        out,
        "{}\n",
        if emoji {
            "## :notebook: Agenda"
        } else {
            "## Agenda"
        }
    );
    let label = match s.variant >> 7 & 3 {
        0 => "Decision:",
        1 => "Conclusion:",
        2 => "**Decision:**",
        _ => "Outcome:",
    };
    for item in &m.items {
        out.push_str("### ");
        out.push_str(&item.title);
        owner_suffix(m, item, out);
        out.push('\n');
        for r in &item.refs {
            ln!(out, "- {r}");
        }
        bullets(item, rng, out);
        for d in &item.decisions {
            ln!(out, "- {label} {d}");
        }
        for a in &item.actions {
            if s.habit(9) {
                ln!(out, "- [ ] @{} {}", m.handle(a.owner), a.text);
            } else {
                ln!(out, "- AI @{}: {}", m.handle(a.owner), a.text);
            }
        }
        out.push('\n');
    }
}

/// Minutes in sections: attendees, agenda, discussion, decisions, actions.
pub fn sections(m: &Meeting, rng: &mut Rng, out: &mut String) {
    let s = m.series;
    let community = &m.corpus.communities[s.community];
    if s.habit(0) {
        ln!(
            out,
            "# {} {} meeting {}\n",
            community.name,
            s.title,
            m.date.iso_string()
        );
    } else {
        ln!(out, "# {} — {}\n", s.title, m.date.long_us());
    }
    if s.habit(5) {
        ln!(out, "## Links\n");
        ln!(
            out,
            "* **Recording**: https://video.{}.org/w/{:08x}",
            community.slug,
            rng.next_u64() as u32
        );
        if let Some(r) = m.items.iter().flat_map(|i| &i.refs).next() {
            ln!(out, "* **Tracking issue**: {r}");
        }
        out.push('\n');
    }
    let attendance = match s.variant >> 10 & 3 {
        0 => "Attendees",
        1 => "Present",
        2 => "Attendance",
        _ => "Participants",
    };
    ln!(out, "## {attendance}\n");
    let form = Entry::of(s, 3);
    for &p in &m.present {
        out.push_str("* ");
        form.write(m, p, out);
        out.push('\n');
    }
    out.push('\n');
    if !m.absent.is_empty() {
        ln!(
            out,
            "## {}\n",
            if s.habit(12) { "Regrets" } else { "Absent" }
        );
        for &p in &m.absent {
            out.push_str("* ");
            form.write(m, p, out);
            out.push('\n');
        }
        out.push('\n');
    }
    ln!(out, "## Agenda\n");
    for (i, item) in m.items.iter().enumerate() {
        out.push_str(&format!("{}. {}", i + 1, item.title));
        if item.topic.is_some() {
            ln!(out, " ({}, {} min)", m.given(item.owner), item.minutes);
        } else {
            out.push('\n');
        }
    }
    out.push('\n');
    ln!(
        out,
        "## {}\n",
        if s.habit(13) { "Minutes" } else { "Discussion" }
    );
    for item in &m.items {
        ln!(out, "### {}\n", item.title);
        for r in &item.refs {
            ln!(out, "- {r}");
        }
        bullets(item, rng, out);
        out.push('\n');
    }
    if m.decisions().next().is_some() {
        ln!(out, "## Decisions\n");
        for (i, d) in m.decisions().enumerate() {
            if s.habit(14) {
                ln!(out, "{}. {}", i + 1, upper_first(d));
            } else {
                ln!(out, "- {}", upper_first(d));
            }
        }
        out.push('\n');
    }
    if m.actions().next().is_some() {
        ln!(out, "## Action items\n");
        for a in m.actions() {
            match s.variant >> 15 & 3 {
                0 => ln!(out, "- @{}: {}", m.handle(a.owner), a.text),
                1 => ln!(out, "- {} will {}", m.name(a.owner), a.text),
                2 => ln!(out, "- [ ] @{} {}", m.handle(a.owner), a.text),
                _ => ln!(out, "* **{}**: {}", m.given(a.owner), upper_first(&a.text)),
            }
        }
        out.push('\n');
    }
    if s.habit(17) {
        ln!(out, "## Next meeting\n\n{}", m.date.plus(14).long_us());
    }
}

/// A triage agenda: attendance by nick, previous actions, nominated issues.
pub fn checklist(m: &Meeting, rng: &mut Rng, out: &mut String) {
    let s = m.series;
    if s.habit(0) {
        ln!(out, "# {} meeting {}\n", s.title, m.date.iso_string());
    } else {
        ln!(out, "# {} agenda\n", s.title);
        ln!(out, "* Meeting date {}", m.date.iso_string());
        ln!(
            out,
            "* [Watch the recording](https://video.example.org/{:x})\n",
            rng.next_u64() >> 24
        );
    }
    ln!(out, "## Attendance\n");
    let core: Vec<usize> = m
        .present
        .iter()
        .copied()
        .filter(|p| s.cast[..s.core].contains(p))
        .collect();
    let others: Vec<usize> = m
        .present
        .iter()
        .copied()
        .filter(|p| !core.contains(p))
        .collect();
    ln!(
        out,
        "* Team members: {}",
        joined(&core, |p| m.nick(p).to_string())
    );
    if !others.is_empty() {
        ln!(
            out,
            "* Others: {}",
            joined(&others, |p| m.nick(p).to_string())
        );
    }
    out.push('\n');
    if m.show_previous {
        previous_actions(m, "## Previous action items", out);
    }
    ln!(
        out,
        "## {}\n",
        if s.habit(4) {
            "Nominated issues"
        } else {
            "Agenda"
        }
    );
    for item in &m.items {
        match item.refs.first() {
            Some(r) => ln!(out, "- \"{}\" {r}", item.title),
            None => ln!(out, "- {}", item.title),
        }
        for note in &item.notes {
            ln!(out, "    - {}", note.text);
        }
        for d in &item.decisions {
            ln!(
                out,
                "    - {} {d}",
                if s.habit(5) {
                    "consensus:"
                } else {
                    "**Decision**:"
                }
            );
        }
    }
    out.push('\n');
    if m.actions().next().is_some() {
        ln!(out, "## Action items\n");
        for a in m.actions() {
            out.push_str("- [ ] ");
            handle_task(m, a, out);
            out.push('\n');
        }
    }
}

/// A blog post with YAML front matter.
pub fn front_matter(m: &Meeting, rng: &mut Rng, out: &mut String) {
    let s = m.series;
    ln!(out, "---");
    ln!(out, "title: \"{}: {}\"", s.title, m.date.long_us());
    ln!(out, "date: {}", m.date.iso_string());
    ln!(out, "attendees:");
    for &p in &m.present {
        ln!(out, "  - {}", m.name(p));
    }
    if s.habit(0) {
        ln!(out, "chair: {}", m.name(m.present[0]));
    }
    ln!(out, "tags: [minutes, {}]", s.team);
    ln!(out, "---\n");
    ln!(out, "{}\n", rng.word(words::INTROS));
    let prose = s.habit(1);
    for item in &m.items {
        ln!(out, "## {}\n", item.title);
        if prose {
            let mut line = 0;
            for note in &item.notes {
                out.push_str(&upper_first(&note.text));
                out.push('.');
                line += note.text.len();
                if line > 70 {
                    out.push('\n');
                    line = 0;
                } else {
                    out.push(' ');
                }
            }
            out.push_str("\n\n");
            for r in &item.refs {
                ln!(out, "See {r}.\n");
            }
        } else {
            for r in &item.refs {
                ln!(out, "- {r}");
            }
            bullets(item, rng, out);
            out.push('\n');
        }
        for d in &item.decisions {
            ln!(out, "**Decision:** {}\n", upper_first(d));
        }
        if !item.actions.is_empty() {
            ln!(out, "**Actions**\n");
            for a in &item.actions {
                ln!(out, "- {} to {}", m.given(a.owner), a.text);
            }
            out.push('\n');
        }
    }
}
