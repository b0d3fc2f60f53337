//! Statements that an issue or pull request was merged or closed, read one
//! line at a time: "#123 merged", "PR 456 has landed", "closed nodejs/node#789",
//! "fixed by #34", "#56 - Done", and a clause that names no reference at all
//! ("merged", "PR already landed on main", "closing") under the item it answers.
//!
//! A line is cut into clauses (at `;`, sentence ends, "so", "but" and "then").
//! A clause reports a state only when nothing before its state word hedges it
//! (negation, a modal verb, a plan, a wish or a condition: "not merged yet",
//! "should be closed", "will merge once #12 lands", "get #12 merged") and it
//! asks no question ("can we close #12?", "Is #12 merged"). Checked boxes and
//! struck-through references are not read: in minutes they mark an agenda
//! entry discussed or dropped far more often than an issue closed.

use super::{RepoContext, find_issue_spans, find_issues};
use crate::document::{Block, blank_inline_code};
use crate::extract::lexicon::{
    ISSUE_STATE_AFTER, ISSUE_STATE_GLUE, ISSUE_STATE_HEDGES, TASK_VERBS,
};
use crate::extract::records::{IssueKey, IssueRef, IssueState, IssueStatement};
use crate::model::IssueKind;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A word that says what became of an issue: any of these, whole, in any case.
static STATE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:merged|landed|closed|closing|fixed|resolved|released|shipped|done)\b")
        .expect("state word regex")
});
/// A word: letters and digits, with apostrophes inside (`hasn't`).
static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}][\p{L}\p{N}'’]*").expect("word regex"));
/// Words that join two clauses: what follows is said on its own.
static CONJUNCTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[\s,]+(?:so|but|then|whereas|while)\s+").expect("conjunction regex")
});

/// Words, right after the state word, that put it in the future ("merged soon").
const LATER: &[&str] = &["soon", "later", "eventually", "tomorrow", "next", "yet"];
/// Auxiliary verbs that open a question ("Is #12 merged", "Has the PR landed").
const QUESTION_AUX: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "did", "does", "do",
];
/// Words after an auxiliary that make it a statement, not a question ("has been merged").
const STATEMENT_AFTER_AUX: &[&str] = &["been", "now", "already", "just", "also", "finally"];
/// Subjects that may stand before a state word that opens a clause ("We merged #12").
const PRONOUNS: &[&str] = &["we", "i", "they", "he", "she"];
/// Task verbs that are themselves the closing ("close #443 - done").
const CLOSING_VERBS: &[&str] = &[
    "close", "merge", "land", "fix", "resolve", "release", "ship",
];

/// A reference in one line: the byte range of the line it was read from (the
/// link text for a link) and what it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    /// Byte range in the line.
    pub range: Range<usize>,
    /// The reference.
    pub issue: IssueRef,
}

/// What one clause of a line says became of an issue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// The reference at this index of the line's references.
    Named {
        /// Index into the line's [`Located`] references.
        index: usize,
        /// What became of it.
        state: IssueState,
    },
    /// A clause that names no reference ("merged", "PR landed on main",
    /// "closing"): it speaks of the issue its item or heading is about.
    Unnamed {
        /// What became of it.
        state: IssueState,
    },
    /// The reference at this index is what something was closed "in favour
    /// of": it is no subject of the clause, and nothing became of it.
    Instead {
        /// Index into the line's [`Located`] references.
        index: usize,
    },
}

/// How the minutes say what became of an issue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StateWord {
    Merged,
    Landed,
    Closed,
    Closing,
    Fixed,
    Resolved,
    Released,
    Shipped,
    Done,
}

impl StateWord {
    fn parse(lower: &str) -> Option<StateWord> {
        Some(match lower {
            "merged" => StateWord::Merged,
            "landed" => StateWord::Landed,
            "closed" => StateWord::Closed,
            "closing" => StateWord::Closing,
            "fixed" => StateWord::Fixed,
            "resolved" => StateWord::Resolved,
            "released" => StateWord::Released,
            "shipped" => StateWord::Shipped,
            "done" => StateWord::Done,
            _ => return None,
        })
    }

    fn state(self) -> IssueState {
        match self {
            StateWord::Merged | StateWord::Landed => IssueState::Merged,
            _ => IssueState::Closed,
        }
    }

    /// Opening a clause, it may name what it merged before the reference
    /// ("Merged the docs update #12"); "fixed", "resolved" and "done" with
    /// words between name a change made in the reference, not the reference
    /// done, and what they are "by" is meant to fix, not known to be in.
    fn takes_object(self) -> bool {
        matches!(
            self,
            StateWord::Merged
                | StateWord::Landed
                | StateWord::Closed
                | StateWord::Released
                | StateWord::Shipped
        )
    }

    /// Alone it speaks of the issue its item is about; a lone "done" speaks of
    /// the task above it ("AI: move #12 forward" / "done").
    fn stands_alone(self) -> bool {
        self != StateWord::Done
    }
}

/// A word (lower case) or a reference (its index in the line's references).
enum Item {
    Word(String),
    Ref(usize),
}

/// One item of a clause and the bytes of the line it covers.
struct Piece {
    range: Range<usize>,
    item: Item,
}

impl Piece {
    fn word(&self) -> Option<&str> {
        match &self.item {
            Item::Word(w) => Some(w),
            Item::Ref(_) => None,
        }
    }

    fn is_ref(&self) -> bool {
        matches!(self.item, Item::Ref(_))
    }
}

/// A clause as the reader sees it: its line, its pieces, and where the
/// statement proper starts (after a `Label:`).
struct Clause<'a> {
    line: &'a str,
    range: Range<usize>,
    pieces: Vec<Piece>,
    first: usize,
}

impl Clause<'_> {
    /// Whether the text between two pieces holds a comma or a bracket that
    /// closes: the second starts another entry of a list ("#403 merged, #8").
    fn parted(&self, earlier: usize, later: usize) -> bool {
        // A link's reference and the number written as its text overlap.
        let start = self.pieces[later].range.start;
        let end = self.pieces[earlier].range.end.min(start);
        self.line[end..start].contains([',', ';', '"', '“', '”'])
    }
}

/// What each clause of `line` says became of the references `refs` read from it.
pub fn read_line(line: &str, refs: &[Located]) -> Vec<Reading> {
    let mut out = Vec::new();
    if !STATE_WORD.is_match(line) {
        return out;
    }
    for (range, question) in clauses(line) {
        if !question {
            read_clause(line, range, refs, &mut out);
        }
    }
    let mut seen = Vec::new();
    out.retain(|r| {
        let new = !seen.contains(r);
        seen.push(*r);
        new
    });
    out
}

/// The clauses of a line, each with whether it asks a question.
fn clauses(line: &str) -> Vec<(Range<usize>, bool)> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let ends = next.is_none_or(|n| n.is_whitespace() || matches!(n, ')' | '"' | '*' | '_'));
        let question = c == '?' && ends;
        if c == ';' || question || (matches!(c, '.' | '!') && ends) {
            pieces.push((start..at + c.len_utf8(), question));
            start = at + c.len_utf8();
        }
    }
    pieces.push((start..line.len(), false));
    let mut out = Vec::new();
    for (range, question) in pieces {
        let text = &line[range.clone()];
        let mut from = 0;
        for m in CONJUNCTION.find_iter(text) {
            out.push((range.start + from..range.start + m.start(), false));
            from = m.end();
        }
        out.push((range.start + from..range.end, question));
    }
    out.retain(|(r, _)| !line[r.clone()].trim().is_empty());
    out
}

/// The words and references of a clause, in order; words inside a reference
/// (a link's text) are left to the reference.
fn pieces(line: &str, clause: &Range<usize>, refs: &[Located]) -> Vec<Piece> {
    let inside = |at: usize| refs.iter().any(|r| r.range.start <= at && at < r.range.end);
    let mut pieces: Vec<Piece> = WORD
        .find_iter(&line[clause.clone()])
        .map(|m| (clause.start + m.start()..clause.start + m.end(), m.as_str()))
        .filter(|(range, _)| !inside(range.start))
        .map(|(range, w)| Piece {
            range,
            item: Item::Word(w.to_lowercase().replace('’', "'")),
        })
        .collect();
    pieces.extend(
        refs.iter()
            .enumerate()
            .filter(|(_, r)| clause.contains(&r.range.start))
            .map(|(i, r)| Piece {
                range: r.range.clone(),
                item: Item::Ref(i),
            }),
    );
    pieces.sort_by_key(|p| (p.range.start, !p.is_ref()));
    pieces
}

fn read_clause(line: &str, range: Range<usize>, refs: &[Located], out: &mut Vec<Reading>) {
    let pieces = pieces(line, &range, refs);
    let label_end = label_end(line, &range, refs);
    let first = pieces
        .iter()
        .position(|p| p.range.start >= label_end)
        .unwrap_or(pieces.len());
    let clause = Clause {
        line,
        range,
        pieces,
        first,
    };
    if asks(&clause.pieces[first..]) {
        return;
    }
    // What a clause closes something "in favour of" is no subject of it.
    let favoured = (0..clause.pieces.len())
        .find(|&at| gives_reason(&clause.pieces[at..]) && clause.pieces[at].word() == Some("in"))
        .unwrap_or(clause.pieces.len());
    let names_refs = clause.pieces[..favoured].iter().any(Piece::is_ref);
    for piece in &clause.pieces[favoured..] {
        if let Item::Ref(index) = piece.item {
            out.push(Reading::Instead { index });
        }
    }
    // `Merged:` over a list labels what follows; it says nothing itself.
    let labels = line[clause.range.clone()].trim_end().ends_with(':');
    for (p, piece) in clause.pieces.iter().enumerate() {
        let Some(word) = piece.word().and_then(StateWord::parse) else {
            continue;
        };
        let later = clause.pieces.get(p + 1).and_then(Piece::word);
        if hedged(&clause.pieces[..p])
            || later.is_some_and(|w| LATER.contains(&w))
            || (word == StateWord::Done && opens_with_task(&clause))
        {
            continue;
        }
        let state = word.state();
        let mut named = |index| out.push(Reading::Named { index, state });
        if ends_report(&clause, p) {
            for index in refs_before(&clause, p) {
                named(index);
            }
        }
        for index in refs_after(&clause, p, word, refs) {
            named(index);
        }
        let opens = p == first
            || (p == first + 1
                && clause.pieces[first]
                    .word()
                    .is_some_and(|w| PRONOUNS.contains(&w)));
        if opens && word.takes_object() {
            for index in refs_in_run(&clause, p) {
                named(index);
            }
        }
        if !names_refs
            && !labels
            && p >= first
            && word.stands_alone()
            && alone(&clause.pieces[first..p], &clause.pieces[p + 1..])
        {
            out.push(Reading::Unnamed { state });
        }
    }
    for (at, piece) in clause.pieces.iter().enumerate() {
        if let Item::Ref(i) = piece.item
            && let Some(state) = link_says(&line[piece.range.clone()])
            && !hedged(&clause.pieces[..at])
            && ends_report(&clause, at)
        {
            out.push(Reading::Named { index: i, state });
        }
    }
}

/// Where a leading `Label:` of at most four words ends (`Richard:`, `AI @x:`),
/// or where the clause starts; a lone state word is no label ("Done: #56").
fn label_end(line: &str, clause: &Range<usize>, refs: &[Located]) -> usize {
    let text = &line[clause.clone()];
    let Some(colon) = text.find(':') else {
        return clause.start;
    };
    let label = &text[..colon];
    let words: Vec<&str> = WORD.find_iter(label).map(|m| m.as_str()).collect();
    let followed = text[colon + 1..].starts_with(char::is_whitespace) || colon + 1 == text.len();
    let holds_ref = refs
        .iter()
        .any(|r| (clause.start..clause.start + colon).contains(&r.range.start));
    let lone_state = words.len() == 1 && StateWord::parse(&words[0].to_lowercase()).is_some();
    if (1..=4).contains(&words.len()) && followed && !holds_ref && !lone_state {
        clause.start + colon + 1
    } else {
        clause.start
    }
}

/// Whether the clause is a question opened by an auxiliary ("Is #12 merged").
fn asks(pieces: &[Piece]) -> bool {
    let Some(aux) = pieces.first().and_then(Piece::word) else {
        return false;
    };
    QUESTION_AUX.contains(&aux)
        && pieces.get(1).is_some_and(|next| match next.word() {
            None => true,
            Some(w) => !STATEMENT_AFTER_AUX.contains(&w) && StateWord::parse(w).is_none(),
        })
}

/// Whether the clause opens with a task ("Review #12 - done", "Clarified the
/// status of #377 -> done"): its "done" is the task's, not the reference's.
fn opens_with_task(clause: &Clause<'_>) -> bool {
    clause
        .pieces
        .get(clause.first)
        .and_then(Piece::word)
        .is_some_and(|w| {
            let task =
                TASK_VERBS.contains(&w) || (w.ends_with("ed") && StateWord::parse(w).is_none());
            task && !CLOSING_VERBS.contains(&w)
        })
}

/// Whether a word before the state word takes the report back: a hedge, a
/// negation, or an infinitive among the last three words ("to be merged").
fn hedged(before: &[Piece]) -> bool {
    let words: Vec<&str> = before.iter().filter_map(Piece::word).collect();
    words
        .iter()
        .any(|w| ISSUE_STATE_HEDGES.contains(w) || w.ends_with("n't"))
        || words.iter().rev().take(3).any(|&w| w == "to")
}

/// The references just before the state word `p`, with only glue between
/// ("#12, #13 and #14 have been merged", "PR #12 (merged)"); a comma parts
/// them unless it stands between two references.
fn refs_before(clause: &Clause<'_>, p: usize) -> Vec<usize> {
    let mut found = Vec::new();
    let mut glue = 0;
    for at in (0..p).rev() {
        let piece = &clause.pieces[at];
        let next = &clause.pieces[at + 1];
        if clause.parted(at, at + 1) && !(piece.is_ref() && next.is_ref()) {
            break;
        }
        match &piece.item {
            Item::Ref(i) => found.push(*i),
            Item::Word(w) if ISSUE_STATE_GLUE.contains(w) && glue < 6 => glue += 1,
            Item::Word(_) => break,
        }
    }
    found
}

/// The references right after the state word `p`, with only glue between
/// ("merged in PR #12 and #13", "Done: #56", "closed by #12"); a comma after
/// the state word starts another entry ("#403 merged, #8"). What "fixed by"
/// or "resolved by" names is the change meant to fix it, not a change known
/// to be in ("closed by #12" is); what something was merged "into" is the
/// target, not merged. One fixes an issue: "fixed" right before a pull
/// request names the change it made ("Fixed [the flaky test](…/pull/3)"),
/// not the pull request done.
fn refs_after(clause: &Clause<'_>, p: usize, word: StateWord, refs: &[Located]) -> Vec<usize> {
    let mut found = Vec::new();
    let mut glue = 0;
    for at in p + 1..clause.pieces.len() {
        let piece = &clause.pieces[at];
        let between_refs = piece.is_ref() && clause.pieces[at - 1].is_ref();
        if clause.parted(at - 1, at) && !between_refs {
            break;
        }
        match &piece.item {
            Item::Ref(i)
                if glue == 0 && !word.takes_object() && refs[*i].issue.kind == IssueKind::Pull =>
            {
                break;
            }
            Item::Ref(i) => found.push(*i),
            Item::Word(w) if w == "into" || (w == "by" && !word.takes_object()) => break,
            Item::Word(w) if found.is_empty() && ISSUE_STATE_AFTER.contains(w) && glue < 3 => {
                glue += 1;
            }
            Item::Word(w) if !found.is_empty() && w == "and" => {}
            Item::Word(_) => break,
        }
    }
    found
}

/// Whether the state word `p` ends what is said of a reference before it:
/// nothing follows in the clause but glue, a reference or a reason ("#12 is
/// merged", "#12 merged in #13", "#12 closed as stale"), unlike a verb with an
/// object of its own ("#1029 fixed a bug", "[the perf run](…) done during
/// triage").
fn ends_report(clause: &Clause<'_>, p: usize) -> bool {
    match clause.pieces.get(p + 1) {
        None => true,
        Some(_) if clause.parted(p, p + 1) => true,
        Some(next) => next
            .word()
            .is_none_or(|w| w == "as" || ISSUE_STATE_AFTER.contains(&w)),
    }
}

/// Every reference after a clause-opening state word `p`, up to a hedge or a
/// comma that does not part two references ("Merged the docs update #12 and
/// #13, will merge #14 later": #12, #13).
fn refs_in_run(clause: &Clause<'_>, p: usize) -> Vec<usize> {
    let mut found = Vec::new();
    for at in p + 1..clause.pieces.len() {
        let piece = &clause.pieces[at];
        if clause.parted(at - 1, at) && !(piece.is_ref() && clause.pieces[at - 1].is_ref()) {
            break;
        }
        match &piece.item {
            Item::Ref(i) => found.push(*i),
            Item::Word(w)
                if ISSUE_STATE_HEDGES.contains(w)
                    || w.ends_with("n't")
                    || matches!(w.as_str(), "into" | "favor" | "favour") =>
            {
                break;
            }
            Item::Word(_) => {}
        }
    }
    found
}

/// Whether a clause that names no reference holds nothing but its state word
/// and glue, or a reason ("merged", "PR already landed on main", "closing as
/// completed", "closing in favour of #56").
fn alone(before: &[Piece], after: &[Piece]) -> bool {
    let glue = before
        .iter()
        .all(|p| p.word().is_some_and(|w| ISSUE_STATE_GLUE.contains(&w)));
    glue && (gives_reason(after)
        || after
            .iter()
            .all(|p| p.word().is_some_and(|w| ISSUE_STATE_AFTER.contains(&w))))
}

/// Whether `pieces` open a reason, which may hold any words: "as completed",
/// "in favour of #56".
fn gives_reason(pieces: &[Piece]) -> bool {
    let words: Vec<&str> = pieces
        .iter()
        .take(3)
        .map(|p| p.word().unwrap_or(""))
        .collect();
    matches!(
        words.as_slice(),
        ["as", ..] | ["in", "favor" | "favour", "of"]
    )
}

/// What a link's text ending in a state word says of the link ("[docs
/// landed](…/pull/431)", "[KEP PR (merged)](…)"); the clause must not go on
/// with an object of the verb ("[Fixed](…/commits/…) the flaky test").
fn link_says(text: &str) -> Option<IssueState> {
    let words: Vec<String> = WORD
        .find_iter(text)
        .map(|m| m.as_str().to_lowercase())
        .collect();
    let (last, before) = words.split_last()?;
    let word = StateWord::parse(last)?;
    let hedged = before
        .iter()
        .any(|w| ISSUE_STATE_HEDGES.contains(w) || w.ends_with("n't") || w == "to");
    (!hedged && word.stands_alone()).then(|| word.state())
}

/// The references of each text line of `block`, placed in the line: a
/// reference written in the text where it stands, a link's reference over the
/// link's text. As for the block's mentions, a reference with no repository is
/// left out when one with the same number names it in full.
pub fn line_refs(block: &Block, repo: &RepoContext) -> Vec<(u32, String, Vec<Located>)> {
    let mut lines: Vec<(u32, String, Vec<Located>)> = block
        .text_lines()
        .map(|(n, text)| {
            let refs = find_issue_spans(text, n, repo)
                .into_iter()
                .map(|(range, issue)| Located { range, issue })
                .collect();
            (n, text.to_string(), refs)
        })
        .collect();
    for link in &block.links {
        if block.text.contains(&link.url) || link.text.trim().is_empty() {
            continue;
        }
        let Some((_, text, refs)) = lines.iter_mut().find(|(n, _, _)| *n == link.line) else {
            continue;
        };
        let Some(at) = text.find(link.text.as_str()) else {
            continue;
        };
        for issue in find_issues(&link.url, link.line, repo) {
            refs.push(Located {
                range: at..at + link.text.len(),
                issue,
            });
        }
    }
    let full: Vec<u64> = lines
        .iter()
        .flat_map(|(_, _, refs)| refs)
        .filter(|r| r.issue.key.is_full())
        .map(|r| r.issue.number)
        .collect();
    for (_, _, refs) in &mut lines {
        refs.retain(|r| !r.issue.key.is_bare() || !full.contains(&r.issue.number));
        refs.sort_by_key(|r| r.range.start);
    }
    lines
}

/// What the lines of block `i` say became of issues. A clause naming no
/// reference speaks of the one issue its block names elsewhere; if the block
/// names none, of the one issue of the list item it hangs under (`parent`);
/// if it hangs under none, of the one issue of the `heading` above it, when no
/// block between names any.
pub fn block_statements(
    blocks: &[Block],
    i: usize,
    parent: Option<usize>,
    heading: Option<usize>,
    repo: &RepoContext,
) -> Vec<IssueStatement> {
    let block = &blocks[i];
    // A heading ("Closing PR#4", "Merged PRs") titles what follows: it reports nothing.
    if block.heading_level().is_some() || !STATE_WORD.is_match(&block.text) {
        return Vec::new();
    }
    let lines = line_refs(block, repo);
    let mut found = Vec::new();
    let mut unnamed = Vec::new();
    let mut instead: Vec<IssueKey> = Vec::new();
    for (line, text, refs) in &lines {
        // What inline code holds (`// #12 fixed`) is quoted, not said.
        let prose = blank_inline_code(text);
        let refs: Vec<Located> = refs
            .iter()
            .filter(|r| prose.as_bytes()[r.range.start] == text.as_bytes()[r.range.start])
            .cloned()
            .collect();
        for reading in read_line(&prose, &refs) {
            match reading {
                Reading::Named { index, state } => found.push(IssueStatement {
                    issue: refs[index].issue.clone(),
                    state,
                    line: *line,
                }),
                Reading::Unnamed { state } => unnamed.push((state, *line)),
                Reading::Instead { index } => instead.push(refs[index].issue.key.clone()),
            }
        }
    }
    if unnamed.is_empty() {
        return found;
    }
    let refs_of = |b: &Block| -> Vec<IssueRef> {
        line_refs(b, repo)
            .into_iter()
            .flat_map(|(_, _, refs)| refs)
            .map(|r| r.issue)
            .collect()
    };
    let own: Vec<IssueRef> = lines
        .iter()
        .flat_map(|(_, _, refs)| refs.iter().map(|r| r.issue.clone()))
        .filter(|r| !instead.contains(&r.key))
        .collect();
    let subject = if !own.is_empty() {
        one_issue(&own).cloned()
    } else if let Some(p) = parent {
        one_issue(&refs_of(&blocks[p])).cloned()
    } else if let Some(h) = heading.filter(|&h| h < i) {
        let between_name_none = blocks[h + 1..i].iter().all(|b| refs_of(b).is_empty());
        between_name_none
            .then(|| one_issue(&refs_of(&blocks[h])).cloned())
            .flatten()
    } else {
        None
    };
    if let Some(subject) = subject {
        found.extend(unnamed.into_iter().map(|(state, line)| IssueStatement {
            issue: subject.clone(),
            state,
            line,
        }));
    }
    found
}

/// The one issue `refs` name, when they name exactly one (a link and its bare
/// number count once): the reference that says most of it (a link's).
pub fn one_issue<'a>(refs: impl IntoIterator<Item = &'a IssueRef>) -> Option<&'a IssueRef> {
    let mut refs = refs.into_iter();
    let first = refs.next()?;
    let mut best = first;
    let key: &IssueKey = &first.key;
    for r in refs {
        if &r.key != key {
            return None;
        }
        if best.url.is_none() && r.url.is_some() {
            best = r;
        }
    }
    Some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `line` says, as (reference as written, state); `None` for a clause naming none.
    fn said(line: &str) -> Vec<(Option<String>, IssueState)> {
        let refs: Vec<Located> = find_issue_spans(line, 1, &RepoContext::default())
            .into_iter()
            .map(|(range, issue)| Located { range, issue })
            .collect();
        read_line(line, &refs)
            .into_iter()
            .map(|r| match r {
                Reading::Named { index, state } => (Some(refs[index].issue.key.to_string()), state),
                Reading::Unnamed { state } => (None, state),
                Reading::Instead { .. } => (Some("instead".into()), IssueState::Closed),
            })
            .filter(|(k, _)| k.as_deref() != Some("instead"))
            .collect()
    }

    fn named(key: &str, state: IssueState) -> (Option<String>, IssueState) {
        (Some(key.to_string()), state)
    }

    #[test]
    fn a_reference_and_its_state_word_side_by_side() {
        use IssueState::*;
        assert_eq!(said("#123 merged"), [named("#123", Merged)]);
        assert_eq!(said("PR #456 has landed."), [named("#456", Merged)]);
        assert_eq!(
            said("closed acme/tools#789"),
            [named("acme/tools#789", Closed)]
        );
        assert_eq!(
            said("The crash is now fixed in #34"),
            [named("#34", Closed)]
        );
        assert_eq!(said("closed by #35"), [named("#35", Closed)]);
        assert_eq!(
            said("fixed https://github.com/acme/tools/issues/4"),
            [named("acme/tools#4", Closed)]
        );
        assert_eq!(said("Done: #56"), [named("#56", Closed)]);
        assert_eq!(
            said("metrics exporter - #543 - Done"),
            [named("#543", Closed)]
        );
        assert_eq!(
            said("#12, #13 and #14 have been merged"),
            [
                named("#14", Merged),
                named("#13", Merged),
                named("#12", Merged)
            ]
        );
        assert_eq!(
            said("Merged the retry patch for the uploader #77"),
            [named("#77", Merged)]
        );
        assert_eq!(
            said("Backup runner #8 landed so we can close #9"),
            [named("#8", Merged)]
        );
        assert_eq!(said("Old flag cleanup #5 (merged)"), [named("#5", Merged)]);
        // A comma starts another entry of a list.
        assert_eq!(
            said("Two changes (#403 merged, #8)"),
            [named("#403", Merged)]
        );
        assert_eq!(
            said("Image updates: #691, #696 DONE"),
            [named("#696", Closed), named("#691", Closed)]
        );
    }

    #[test]
    fn hedged_future_negated_and_asked_states_say_nothing() {
        for line in [
            "#12 not merged yet",
            "#12 hasn't landed",
            "Should be closed when #794 lands",
            "We will merge #12 next week",
            "Can we close #12?",
            "Is #12 merged",
            "Get #12 merged",
            "needs #12 to be merged first",
            "#12 is ready to be merged",
            "Rebase #13 after #12 is merged",
            "#12 merged soon",
            "Review #12 - done",
            "Drafting the charter for the merged foundation #33",
            "#11 was closed in favour of #12",
            "Fixed by #140, being reviewed",
            "Merged some smaller PRs into #189",
            "#1029 fixed a bug and added a metric",
            "It seems #439 is resolved",
            "Fixed https://github.com/acme/tools/pull/3 for the flaky test",
        ] {
            let got = said(line);
            let wrong: Vec<_> = got
                .iter()
                .filter(|(k, _)| k.as_deref() != Some("#11"))
                .collect();
            assert!(wrong.is_empty(), "{line}: {got:?}");
        }
        assert_eq!(
            said("#11 was closed in favour of #12"),
            [named("#11", IssueState::Closed)]
        );
    }

    #[test]
    fn a_clause_naming_nothing_but_its_state_speaks_of_its_item() {
        use IssueState::*;
        for (line, state) in [
            ("merged", Merged),
            ("Closed.", Closed),
            ("PR already landed on main", Merged),
            ("Agreed to keep the doc in the repo; closing", Closed),
            ("Closing as completed", Closed),
            ("Closing in favour of #56.", Closed),
            ("Closed in favor of #12", Closed),
            ("closed in favor of the open issue on missing dates", Closed),
            ("Issue closed as no further releases are planned.", Closed),
            ("Sam: merged", Merged),
        ] {
            assert_eq!(said(line), [(None, state)], "{line}");
        }
        for line in [
            "v14.17.0 was released 2021-05-11",
            "Website issue is fixed",
            "done",
            "CFP for the summit closing",
            "Can be closed as the doc is now up to date.",
            "Agreed we should just close",
        ] {
            assert_eq!(said(line), [], "{line}");
        }
    }

    #[test]
    fn a_block_speaks_of_its_own_its_parents_or_its_headings_issue() {
        let text = "# Ops sync 2025-02-03\n\n## Board\n\n\
                    - Retry the uploads [#12](https://github.com/acme/tools/pull/12)\n  - merged\n\
                    - Cache eviction #13\n  - should be closed once the docs land\n\
                    - Flag cleanup #14 and #15\n  - closed\n\
                    - The comment `// #16 fixed` is quoted\n\
                    - #17 has landed; can we close #18?\n\
                    - Old roadmap #20\n  - Closing in favour of #21.\n\n\
                    ### Docs overhaul #19\n\n- closing as completed\n";
        let doc = crate::document::parse("ops.md", text);
        let repo = RepoContext {
            default_repository: Some("acme/tools".into()),
            ..RepoContext::default()
        };
        let lists = crate::extract::outcomes::ListParents::new(&doc.blocks);
        let mut said = Vec::new();
        for i in 0..doc.blocks.len() {
            let heading = (0..i)
                .rev()
                .find(|&h| doc.blocks[h].heading_level().is_some());
            for s in block_statements(&doc.blocks, i, lists.parent(i), heading, &repo) {
                said.push((s.issue.key.to_string(), s.state, s.line));
            }
        }
        assert_eq!(
            said,
            [
                ("acme/tools#12".to_string(), IssueState::Merged, 6),
                ("acme/tools#17".to_string(), IssueState::Merged, 12),
                ("acme/tools#20".to_string(), IssueState::Closed, 14),
                ("acme/tools#19".to_string(), IssueState::Closed, 18),
            ]
        );
    }

    #[test]
    fn a_link_text_ending_in_its_state() {
        let refs = vec![Located {
            range: 0..19,
            issue: IssueRef {
                key: IssueKey::Full {
                    repository: "acme/docs".into(),
                    number: 431,
                },
                number: 431,
                kind: IssueKind::Pull,
                url: None,
                line: 1,
            },
        }];
        assert_eq!(
            read_line("updated docs landed, see the site", &refs),
            [Reading::Named {
                index: 0,
                state: IssueState::Merged
            }]
        );
        assert_eq!(read_line("updated docs to land, see the site", &refs), []);
    }
}
