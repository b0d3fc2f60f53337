//! What each heading (or bold pseudo-heading) of a document stands for, and the
//! section every block lives in.

use crate::config::Keywords;
use crate::document::{Block, BlockKind};
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::LazyLock;

/// The meaning of a section heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionKind {
    /// Who was there: Participants, Attendees, Attendance, Present.
    Attendance,
    /// Who was not: Regrets, Absent, Apologies.
    Absence,
    /// The agenda: its items are topics.
    Agenda,
    /// Actions, action items, next steps, to-dos, checklists.
    Actions,
    /// Decisions, resolutions, outcomes.
    Decisions,
    /// Housekeeping, info, announcements, roles and minutes transfer.
    Meta,
    /// A document title (the first heading, or one that is just a date).
    Title,
    /// Anything else: a named subject.
    Other,
}

/// Words whose presence in a short heading decides its kind (checked in order).
const KIND_WORDS: &[(SectionKind, &[&str])] = &[
    (
        SectionKind::Absence,
        &[
            "regrets",
            "absent",
            "apologies",
            "excused",
            "not present",
            "unable to attend",
        ],
    ),
    (
        SectionKind::Attendance,
        &[
            "participants",
            "attendees",
            "attendance",
            "present",
            "attending",
            "who is here",
            "who was there",
            "who was here",
            "who attended",
            "in attendance",
            "roll call",
            "people",
            "observers",
            "guests",
        ],
    ),
    (
        SectionKind::Actions,
        &[
            "action items",
            "actions",
            "action",
            "next steps",
            "todo",
            "to-do",
            "to do",
            "checklist",
            "tasks",
        ],
    ),
    (
        SectionKind::Decisions,
        &[
            "decisions",
            "resolutions",
            "conclusions",
            "decided",
            "outcomes",
        ],
    ),
    (
        SectionKind::Agenda,
        &["agenda", "topics", "discussion items", "discussion"],
    ),
    (
        SectionKind::Meta,
        &[
            "housekeeping",
            "info",
            "community call",
            "minutes transfer",
            "minutes taking",
            "minute taker",
            "note taker",
            "notes taker",
            "moderation",
            "links",
            "logistics",
            "meeting details",
            "meeting info",
            "previous meeting",
            "last meeting",
            "next meeting",
            "reminder",
            "board of",
            "welcome",
            "recurring items",
            "meeting roles",
            "roles",
            "meeting log",
            "recurring topics",
            "standing items",
        ],
    ),
];

/// Every word of [`KIND_WORDS`] searched at once, each match told by its kind's
/// place in that list and whether it is a phrase of several words.
static KIND_MATCHER: LazyLock<(AhoCorasick, Vec<(usize, bool)>)> = LazyLock::new(|| {
    let needles = KIND_WORDS
        .iter()
        .enumerate()
        .flat_map(|(k, (_, needles))| needles.iter().map(move |n| (k, *n)));
    let (patterns, kinds): (Vec<&str>, Vec<(usize, bool)>) =
        needles.map(|(k, n)| (n, (k, n.contains(' ')))).unzip();
    let matcher = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(patterns)
        .expect("section words");
    (matcher, kinds)
});

/// Words a heading of follow-ups is made of (`Follow-ups`, `Follow up items`).
/// Elsewhere a follow-up is a subject's (`Tail-call follow-up`, `Follow-up on
/// the spec`, `Nags requiring follow up`), not a list of tasks.
const FOLLOW_UP_WORDS: &[&str] = &[
    "follow-up",
    "follow-ups",
    "followup",
    "followups",
    "follow",
    "up",
    "ups",
    "items",
    "actions",
    "tasks",
    "and",
];

/// Words that make a decisions heading when the heading holds nothing else.
const SINGLE_OUTCOME_WORDS: &[&str] = &[
    "decision",
    "conclusion",
    "resolution",
    "outcome",
    "result",
    "results",
    "and",
];

/// Classify a heading text (shortcodes already removed) with the built-in words.
pub fn classify(text: &str) -> SectionKind {
    classify_builtin(text)
}

/// Classify a heading text, also using the configured keywords.
pub fn classify_with(text: &str, keywords: &Keywords) -> SectionKind {
    if keywords.is_empty() {
        return classify_builtin(text);
    }
    let head = text.split(['(', '[', ':']).next().unwrap_or(text);
    let lower = normalise(head);
    let configured = [
        (SectionKind::Absence, &keywords.absence),
        (SectionKind::Attendance, &keywords.attendance),
        (SectionKind::Actions, &keywords.action),
        (SectionKind::Decisions, &keywords.decision),
        (SectionKind::Agenda, &keywords.agenda),
    ];
    for (kind, words) in configured {
        if words
            .iter()
            .any(|w| w.len() <= lower.len() && contains_word(&lower, w))
        {
            return kind;
        }
    }
    classify_builtin(text)
}

fn classify_builtin(text: &str) -> SectionKind {
    let head = text
        .split(['(', '['])
        .next()
        .filter(|h| !h.trim().is_empty())
        .unwrap_or(text);
    let lower = normalise(head);
    if lower.is_empty() || super::dates::find_date(&lower).is_some_and(|d| d.rest_is_trivial) {
        return SectionKind::Title;
    }
    // A long heading is a subject unless it opens with a section word ("Participants, use handles").
    let words: Vec<&str> = lower.split_whitespace().collect();
    // A heading that is nothing but "Conclusion", "Decision / Resolution", ...
    if !words.is_empty() && words.iter().all(|w| SINGLE_OUTCOME_WORDS.contains(w)) {
        return SectionKind::Decisions;
    }
    if lower.contains("follow") && words.iter().all(|w| FOLLOW_UP_WORDS.contains(w)) {
        return SectionKind::Actions;
    }
    // A long heading counts by its first two words; phrases ("minutes
    // transfer") are specific enough to count anywhere in it.
    let scope = if words.len() > 3 {
        words[0].len() + 1 + words[1].len()
    } else {
        lower.len()
    };
    let (matcher, kinds) = &*KIND_MATCHER;
    matcher
        .find_overlapping_iter(&lower)
        .filter(|m| {
            let (_, phrase) = kinds[m.pattern().as_usize()];
            (phrase || m.end() <= scope) && on_word_boundaries(&lower, m.start(), m.end())
        })
        .map(|m| kinds[m.pattern().as_usize()].0)
        .min()
        .map_or(SectionKind::Other, |k| KIND_WORDS[k].0)
}

/// `hay[start..end]` has no letter or digit just before or after it.
fn on_word_boundaries(hay: &str, start: usize, end: usize) -> bool {
    let before = hay[..start].chars().next_back();
    let after = hay[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The words of `text` (letters, digits and dashes), in ASCII lower case, one
/// space apart.
fn normalise(text: &str) -> String {
    let mut words = String::with_capacity(text.len());
    let mut apart = false;
    for c in text.chars() {
        if c.is_alphanumeric() || c == '-' {
            if apart && !words.is_empty() {
                words.push(' ');
            }
            apart = false;
            words.push(c.to_ascii_lowercase());
        } else {
            apart = true;
        }
    }
    words
}

/// `needle` occurs in `hay` on word boundaries.
pub fn contains_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle)
        .any(|(i, _)| on_word_boundaries(hay, i, i + needle.len()))
}

/// The section kinds a label line may open (`**Attendees:**`, `Agenda:`).
const LABEL_KINDS: &[SectionKind] = &[
    SectionKind::Attendance,
    SectionKind::Absence,
    SectionKind::Agenda,
    SectionKind::Actions,
    SectionKind::Decisions,
];

/// Blocks where a label paragraph that introduces a list (`**Attendees:**`,
/// `Agenda:`, as Google Docs and wiki exports write section names) is a heading
/// one level below the heading around it. Only labels naming a section kind, and
/// only at the top of a meeting (under its title or date heading): a `Discussion:`
/// list inside an agenda item stays part of that item, a `Topics:` list inside an
/// agenda is read as the agenda already reads it.
pub fn with_label_headings<'b>(
    blocks: &'b [Block],
    keywords: &Keywords,
) -> std::borrow::Cow<'b, [Block]> {
    let mut out: Option<Vec<Block>> = None;
    let mut enclosing: Vec<(u8, SectionKind)> = Vec::new();
    let first_heading = blocks
        .iter()
        .position(|b| matches!(b.kind, BlockKind::Heading(_)))
        .unwrap_or(usize::MAX);
    for (i, block) in blocks.iter().enumerate() {
        if let BlockKind::Heading(level) = block.kind {
            while enclosing.last().is_some_and(|&(l, _)| l >= level) {
                enclosing.pop();
            }
            let first_title = i == first_heading && level == 1;
            let kind = match classify_with(&block.text, keywords) {
                SectionKind::Other if first_title => SectionKind::Title,
                kind => kind,
            };
            enclosing.push((level, kind));
            continue;
        }
        let in_section = enclosing
            .iter()
            .any(|&(_, k)| !matches!(k, SectionKind::Title | SectionKind::Meta));
        let introduces_list = blocks
            .get(i + 1)
            .is_some_and(|n| n.kind == BlockKind::ListItem);
        let Some(label) = section_label(block).filter(|_| introduces_list && !in_section) else {
            continue;
        };
        let kind = classify_with(label, keywords);
        if !LABEL_KINDS.contains(&kind) {
            continue;
        }
        let level = enclosing.last().map_or(2, |&(l, _)| (l + 1).min(6));
        let promoted = out.get_or_insert_with(|| blocks.to_vec());
        promoted[i].kind = BlockKind::Heading(level);
        promoted[i].text = label.to_string();
    }
    out.map_or(std::borrow::Cow::Borrowed(blocks), std::borrow::Cow::Owned)
}

/// For every block: the attendance or absence section that a list item labelled
/// with it opens for the items nested below (`- **Attendees:**` over `- @ann`),
/// as pads and issue templates write their header lists.
pub fn label_item_sections(blocks: &[Block], keywords: &Keywords) -> Vec<Option<SectionKind>> {
    let mut out = vec![None; blocks.len()];
    let mut open: Option<(u8, SectionKind)> = None;
    for (i, block) in blocks.iter().enumerate() {
        if let Some((depth, kind)) = open {
            if block.depth > depth && block.heading_level().is_none() {
                out[i] = Some(kind);
                continue;
            }
            open = None;
        }
        if block.kind == BlockKind::Paragraph && block.depth == 0 {
            // `Attendance (please add yourself)` on its own line over a flat list of
            // names: the list is the attendance, up to the first nested item (where
            // the list has moved on to subjects) and nothing after it.
            if let Some(kind) = bare_attendance_label(blocks, i, keywords) {
                let depth = blocks[i + 1].depth;
                for (j, b) in blocks.iter().enumerate().skip(i + 1) {
                    if b.kind != BlockKind::ListItem || b.depth != depth {
                        break;
                    }
                    out[j] = Some(kind);
                }
            }
            continue;
        }
        if block.kind != BlockKind::ListItem || block.text.contains('\n') {
            continue;
        }
        let text = block.text.trim();
        let bold = block
            .lead_strong
            .as_deref()
            .is_some_and(|s| s.trim().trim_end_matches(':') == text.trim_end_matches(':').trim());
        let Some(label) = text
            .strip_suffix(':')
            .map(str::trim)
            .or(bold.then_some(text))
        else {
            continue;
        };
        let kind = classify_with(label, keywords);
        let nested = blocks.get(i + 1).is_some_and(|n| n.depth > block.depth);
        if matches!(kind, SectionKind::Attendance | SectionKind::Absence) && nested {
            open = Some((block.depth, kind));
        }
    }
    out
}

/// The attendance or absence kind a bare one-line paragraph (`Attendees`,
/// `Attendance (add your name)`) names when a list follows it directly.
fn bare_attendance_label(blocks: &[Block], i: usize, keywords: &Keywords) -> Option<SectionKind> {
    let block = &blocks[i];
    let text = block.text.trim();
    let short = !text.contains('\n') && (1..=4).contains(&text.split_whitespace().count());
    let before_list = blocks
        .get(i + 1)
        .is_some_and(|n| n.kind == BlockKind::ListItem);
    if !(short && before_list) {
        return None;
    }
    let kind = classify_with(text.trim_end_matches(':'), keywords);
    matches!(kind, SectionKind::Attendance | SectionKind::Absence).then_some(kind)
}

/// The name of a one-line label paragraph (`Attendees:`, `**Agenda**`), if it is one.
fn section_label(block: &Block) -> Option<&str> {
    if !one_line_paragraph(block) {
        return None;
    }
    let text = block.text.trim();
    let label = text.strip_suffix(':').map(str::trim);
    let label = label.or(all_bold(block).then_some(text))?;
    let words = label.split_whitespace().count();
    (words > 0 && words <= 4).then_some(label)
}

/// `**Agenda**`, `**Team Updates:**`: a paragraph of one line, all bold, of at
/// most four words.
pub fn is_bold_label(block: &Block) -> bool {
    one_line_paragraph(block) && all_bold(block) && block.text.split_whitespace().count() <= 4
}

fn one_line_paragraph(block: &Block) -> bool {
    block.kind == BlockKind::Paragraph && block.depth == 0 && !block.text.contains('\n')
}

/// Whether the block's bold lead is its whole text (a colon aside).
fn all_bold(block: &Block) -> bool {
    let text = block.text.trim().trim_end_matches(':').trim();
    block
        .lead_strong
        .as_deref()
        .is_some_and(|s| s.trim().trim_end_matches(':') == text)
}

/// The section a block lives in: for every block, the index of the nearest
/// heading above it at each level, and the kind of the innermost classified one.
#[derive(Clone, Debug)]
pub struct SectionMap {
    /// For each block: the kinds of its enclosing headings, outermost first, with heading block indices.
    pub enclosing: Vec<Vec<(usize, SectionKind)>>,
    /// For each block: the kind its own heading text names, if it is a heading.
    headings: Vec<Option<SectionKind>>,
}

impl SectionMap {
    /// Build the map for a block list.
    pub fn new(blocks: &[Block], keywords: &Keywords) -> Self {
        let mut stack: Vec<(u8, usize, SectionKind)> = Vec::new();
        let mut enclosing = Vec::with_capacity(blocks.len());
        let mut seen_heading = false;
        for (i, block) in blocks.iter().enumerate() {
            if let BlockKind::Heading(level) = block.kind {
                while stack.last().is_some_and(|&(l, _, _)| l >= level) {
                    stack.pop();
                }
            }
            enclosing.push(stack.iter().map(|&(_, idx, kind)| (idx, kind)).collect());
            if let BlockKind::Heading(level) = block.kind {
                let mut kind = classify_with(&block.text, keywords);
                // The document's title, even "Fleet triage agenda" (but not a bare "Agenda").
                let titled = kind == SectionKind::Other
                    || (kind == SectionKind::Agenda && block.text.split_whitespace().count() > 1);
                if !seen_heading && level == 1 && titled {
                    kind = SectionKind::Title;
                }
                seen_heading = true;
                stack.push((level, i, kind));
            }
        }
        let headings = blocks
            .iter()
            .map(|b| {
                matches!(b.kind, BlockKind::Heading(_)).then(|| classify_with(&b.text, keywords))
            })
            .collect();
        SectionMap {
            enclosing,
            headings,
        }
    }

    /// The kind a heading block's own text names (`None` for other blocks).
    pub fn heading_kind(&self, i: usize) -> Option<SectionKind> {
        self.headings[i]
    }

    /// The innermost non-title, non-other section kind around block `i`.
    pub fn kind_of(&self, i: usize) -> Option<SectionKind> {
        self.enclosing[i]
            .iter()
            .rev()
            .map(|&(_, k)| k)
            .find(|k| !matches!(k, SectionKind::Title | SectionKind::Other))
    }

    /// Whether block `i` is inside a section of `kind`.
    pub fn within(&self, i: usize, kind: SectionKind) -> bool {
        self.enclosing[i].iter().any(|&(_, k)| k == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_common_headings() {
        assert_eq!(
            classify("Participants (github handles preferred)"),
            SectionKind::Attendance
        );
        assert_eq!(
            classify("Attendance (please add yourself):"),
            SectionKind::Attendance
        );
        assert_eq!(classify("Agenda"), SectionKind::Agenda);
        assert_eq!(
            classify("Community call and minutes transfer"),
            SectionKind::Meta
        );
        assert_eq!(classify("Suggested actions"), SectionKind::Actions);
        assert_eq!(classify("Follow-ups"), SectionKind::Actions);
        assert_eq!(classify("Follow up items"), SectionKind::Actions);
        assert_eq!(classify("Tail-call follow-up"), SectionKind::Other);
        assert_eq!(classify("Nags requiring follow up"), SectionKind::Other);
        assert_eq!(classify("Follow-up on the spec"), SectionKind::Other);
        assert_eq!(classify("2024-05-02"), SectionKind::Title);
        assert_eq!(classify("CAPO 0.8.0 now default"), SectionKind::Other);
        assert_eq!(classify("Regrets"), SectionKind::Absence);
        assert_eq!(classify("Conclusion/Resolution"), SectionKind::Decisions);
        assert_eq!(
            classify("Decision on the flavor naming"),
            SectionKind::Other
        );
    }

    fn block(kind: BlockKind, depth: u8, text: &str, line: u32) -> Block {
        Block::new(kind, depth, text.to_string(), line, line)
    }

    #[test]
    fn label_lines_before_lists_open_sections() {
        let blocks = vec![
            block(BlockKind::Heading(2), 0, "March 4, 2031", 1),
            block(BlockKind::Paragraph, 0, "Attendees:", 3),
            block(BlockKind::ListItem, 1, "Ann Example", 4),
            block(BlockKind::Paragraph, 0, "Notes:", 6),
            block(BlockKind::ListItem, 1, "not a section word", 7),
            block(BlockKind::Heading(2), 0, "Backups", 9),
            block(BlockKind::Paragraph, 0, "Discussion:", 10),
            block(BlockKind::ListItem, 1, "part of the Backups item", 11),
            block(BlockKind::Paragraph, 0, "Agenda: see below", 13),
            block(BlockKind::ListItem, 1, "a list after a sentence", 14),
        ];
        let promoted = with_label_headings(&blocks, &Keywords::default());
        let kinds: Vec<BlockKind> = promoted.iter().map(|b| b.kind).collect();
        assert_eq!(kinds[1], BlockKind::Heading(3));
        assert_eq!(promoted[1].text, "Attendees");
        assert_eq!(kinds[3], BlockKind::Paragraph);
        assert_eq!(kinds[6], BlockKind::Paragraph);
        assert_eq!(kinds[8], BlockKind::Paragraph);
    }

    #[test]
    fn a_bare_attendance_line_labels_the_list_below_it() {
        let blocks = vec![
            block(BlockKind::Heading(2), 0, "Board call 2031-03-04", 1),
            block(BlockKind::Paragraph, 0, "Attendance (add your name)", 3),
            block(BlockKind::ListItem, 1, "Ann Example (Initech)", 5),
            block(BlockKind::ListItem, 1, "Bo Builder", 6),
            block(BlockKind::ListItem, 2, "Welcome, then the roadmap", 7),
            block(BlockKind::Paragraph, 0, "Agenda", 8),
            block(BlockKind::ListItem, 1, "Charter", 9),
            block(BlockKind::Paragraph, 0, "Decisions", 11),
            block(
                BlockKind::ListItem,
                1,
                "a bare word that is no attendance label",
                12,
            ),
        ];
        let kinds = label_item_sections(&blocks, &Keywords::default());
        assert_eq!(kinds[2], Some(SectionKind::Attendance));
        assert_eq!(kinds[3], Some(SectionKind::Attendance));
        assert_eq!(kinds[4], None);
        assert_eq!(kinds[6], None);
        assert_eq!(kinds[8], None);
    }
}
