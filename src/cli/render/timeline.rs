//! A [`Timeline`] as Markdown, CSV, a Mermaid `timeline` diagram or one
//! self-contained HTML page. Every text from the minutes is escaped for its target.

use super::{code_span, io, markdown_text, mermaid_text, one_line, write_csv};
use minutegraph::error::Error;
use minutegraph::query::{ActionSummary, Timeline, TimelineEntry};
use std::io::Write;

/// What the timeline follows, for headings: the matched names, or the query.
fn subject(t: &Timeline) -> String {
    let mut names: Vec<&str> = t.matched.iter().map(|m| m.name.as_str()).collect();
    names.dedup();
    if names.is_empty() {
        t.selector.query().to_string()
    } else {
        names.join(", ")
    }
}

/// `first to last` over the dated entries, if any.
fn span(t: &Timeline) -> Option<String> {
    let mut dates = t.entries.iter().filter_map(|e| e.date.as_deref());
    let first = dates.next()?;
    let last = dates.next_back().unwrap_or(first);
    Some(format!("{first} to {last}"))
}

fn date_of(e: &TimelineEntry) -> &str {
    e.date.as_deref().unwrap_or("undated")
}

/// `Decision: text`, unless the text already starts with that word.
fn decision_line(text: &str) -> String {
    let text = one_line(text);
    if text.to_lowercase().starts_with("decision") {
        text
    } else {
        format!("Decision: {text}")
    }
}

fn action_line(a: &ActionSummary) -> String {
    let mut facts = vec![a.status.name().to_string()];
    if !a.assignees.is_empty() {
        facts.push(a.assignees.join(", "));
    }
    if let Some(due) = &a.due {
        facts.push(format!("due {due}"));
    }
    format!("[{}] {}", facts.join("; "), one_line(&a.text))
}

/// What an entry is called: its item, else its meeting's title, else its source.
fn event_of(e: &TimelineEntry) -> &str {
    e.item
        .as_deref()
        .or(e.meeting_title.as_deref())
        .unwrap_or(&e.source)
}

/// Markdown: a heading, a summary line, then one list entry per occurrence with
/// its decisions and actions nested below.
pub fn markdown(out: &mut dyn Write, t: &Timeline) -> Result<(), Error> {
    writeln!(out, "# Timeline: {}\n", markdown_text(&subject(t))).map_err(io)?;
    let matched: Vec<String> = t
        .matched
        .iter()
        .map(|m| format!("{} ({})", markdown_text(&m.name), code_span(&m.id)))
        .collect();
    let mut summary = format!(
        "{} {} matched {}; {} entries",
        t.selector.kind_name(),
        code_span(t.selector.query()),
        matched.join(", "),
        t.entries.len()
    );
    if let Some(span) = span(t) {
        summary.push_str(&format!(", {span}"));
    }
    writeln!(out, "{summary}.\n").map_err(io)?;
    for e in &t.entries {
        let mut parts = vec![format!("**{}**", date_of(e))];
        parts.extend(e.meeting_title.as_deref().map(markdown_text));
        if let Some(item) = &e.item {
            parts.push(markdown_text(item));
        }
        parts.push(code_span(&e.link()));
        writeln!(out, "- {}", parts.join(" — ")).map_err(io)?;
        for d in &e.decisions {
            writeln!(out, "  - {}", markdown_text(&decision_line(&d.text))).map_err(io)?;
        }
        for a in &e.actions {
            writeln!(out, "  - Action {}", markdown_text(&action_line(a))).map_err(io)?;
        }
    }
    Ok(())
}

/// CSV: one row per entry; decisions and actions one per line inside their cell.
pub fn csv(out: &mut dyn Write, t: &Timeline) -> Result<(), Error> {
    let header = [
        "date",
        "meeting_id",
        "meeting_title",
        "item",
        "link",
        "source",
        "line",
        "end_line",
        "decisions",
        "actions",
    ];
    let rows: Vec<Vec<String>> = t
        .entries
        .iter()
        .map(|e| {
            vec![
                e.date.clone().unwrap_or_default(),
                e.meeting_id.clone(),
                e.meeting_title.clone().unwrap_or_default(),
                e.item.clone().unwrap_or_default(),
                e.link(),
                e.source.clone(),
                e.line.to_string(),
                e.end_line.to_string(),
                lines(e.decisions.iter().map(|d| one_line(&d.text))),
                lines(e.actions.iter().map(action_line)),
            ]
        })
        .collect();
    write_csv(out, &header, &rows)
}

fn lines(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join("\n")
}

/// A Mermaid `timeline`: one period per date, one event per entry (see
/// [`event_of`]), with text Mermaid cannot hold removed.
pub fn mermaid(out: &mut dyn Write, t: &Timeline) -> Result<(), Error> {
    writeln!(out, "timeline").map_err(io)?;
    writeln!(out, "    title {}", mermaid_text(&subject(t))).map_err(io)?;
    let mut previous: Option<&str> = None;
    for e in &t.entries {
        let date = date_of(e);
        let event = mermaid_text(event_of(e));
        if previous == Some(date) {
            writeln!(out, "    {:width$} : {event}", "", width = date.len()).map_err(io)?;
        } else {
            writeln!(out, "    {date} : {event}").map_err(io)?;
        }
        previous = Some(date);
    }
    Ok(())
}

/// One self-contained HTML page (inline CSS, no scripts or external
/// resources), from the report's templates.
pub fn html(out: &mut dyn Write, t: &Timeline) -> Result<(), Error> {
    let mut summary = format!("{} entries", t.entries.len());
    if let Some(span) = span(t) {
        summary.push_str(&format!(", {span}"));
    }
    let page = minutegraph::report::timeline::page(t, &subject(t), &summary)?;
    out.write_all(page.as_bytes()).map_err(io)
}
