//! `minutegraph check`: lint minutes for CI. Findings are printed like a
//! compiler's (`file:line:col: warning: message [rule]`, the line and a caret
//! under the column) or as JSON; `--deny warnings` makes any finding fail.

use super::input::{ColorChoice, InputArgs};
use super::{EXIT_INPUT, render};
use clap::{Args, ValueEnum};
use minutegraph::check::{self, Finding, Source};
use minutegraph::error::Error;
use minutegraph::export::neutral::visible_controls;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format: text for people, json for CI annotations.
    #[arg(short, long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    /// Fail (exit 1) when there is any finding of this level.
    #[arg(long, value_enum, value_name = "LEVEL")]
    deny: Option<Deny>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
}

/// Finding levels `--deny` can turn into failures.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum Deny {
    Warnings,
}

/// Run `check`.
pub fn run(args: CheckArgs) -> Result<u8, Error> {
    let run = args.input.run()?;
    let sources = run.sources();
    let config = run.config().clone();
    let read = run.read_records();
    let findings = check::check(&read.outcome.records, &sources, &config);
    let color = painted(args.input.read.color, args.output.is_some());
    let by_path: BTreeMap<&str, &Source> = sources.values().map(|s| (s.path.as_str(), s)).collect();
    super::write_output_of(&read.outcome, args.output.as_deref(), |out| {
        match args.format {
            CheckFormat::Json => render::write_json(out, &findings),
            CheckFormat::Text => {
                for f in &findings {
                    let line = by_path
                        .get(f.path.as_str())
                        .and_then(|s| s.text.split('\n').nth(f.line as usize - 1));
                    write_finding(out, f, line, color)?;
                }
                Ok(())
            }
        }
    })?;
    if args.deny.is_some() && !findings.is_empty() {
        return Ok(EXIT_INPUT);
    }
    Ok(read.finish())
}

/// Whether to colour standard output.
fn painted(choice: ColorChoice, to_file: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            !to_file
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// One finding: its place, level, message and rule, then the source line with
/// a caret under the column. Text from the minutes is shown with its control
/// characters made visible.
fn write_finding(
    out: &mut dyn Write,
    f: &Finding,
    line: Option<&str>,
    color: bool,
) -> Result<(), Error> {
    let paint = |code: &str, text: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let place = format!("{}:{}:{}:", visible_controls(&f.path), f.line, f.column);
    writeln!(
        out,
        "{} {} {} {}",
        paint("1", &place),
        paint("1;33", "warning:"),
        visible_controls(&f.message),
        paint("2", &format!("[{}]", f.rule.name())),
    )
    .map_err(render::io)?;
    let Some(text) = line else {
        return Ok(());
    };
    let number = f.line.to_string();
    let gutter = " ".repeat(number.len());
    let shown = visible_controls(&text.replace('\t', "    ")).into_owned();
    let before: String = text.chars().take(f.column as usize - 1).collect();
    let offset = unicode_width::UnicodeWidthStr::width(
        visible_controls(&before.replace('\t', "    ")).as_ref(),
    );
    writeln!(
        out,
        "{} {} {shown}",
        paint("1;34", &number),
        paint("1;34", "|")
    )
    .map_err(render::io)?;
    writeln!(
        out,
        "{gutter} {} {}{}",
        paint("1;34", "|"),
        " ".repeat(offset),
        paint("1;33", "^")
    )
    .map_err(render::io)
}

#[cfg(test)]
mod tests {
    use super::*;
    use minutegraph::check::{Rule, Severity};

    fn finding(column: u32) -> Finding {
        Finding {
            path: "a.md".into(),
            line: 7,
            column,
            rule: Rule::ActionWithoutOwner,
            severity: Severity::Warning,
            message: "action item has no owner".into(),
        }
    }

    fn shown(f: &Finding, line: &str, color: bool) -> String {
        let mut out = Vec::new();
        write_finding(&mut out, f, Some(line), color).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_caret_under_the_column() {
        let text = shown(&finding(5), "- [ ] do it", false);
        assert_eq!(
            text,
            "a.md:7:5: warning: action item has no owner [action-without-owner]\n7 | - [ ] do it\n  |     ^\n"
        );
    }

    #[test]
    fn wide_characters_and_controls_keep_the_caret_in_place() {
        let text = shown(&finding(4), "日本\u{1b}x", false);
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(text.ends_with("  |      ^\n"), "{text:?}");
    }

    #[test]
    fn colour_only_when_asked() {
        assert!(!shown(&finding(1), "x", false).contains('\u{1b}'));
        assert!(shown(&finding(1), "x", true).contains("\u{1b}[1;33mwarning:"));
    }
}
