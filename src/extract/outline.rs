//! The outline of a minutes file: what each heading is relative to the other
//! headings (the title, a metadata line, a named section, a group of items, an
//! item, or a part of one), and which blocks open agenda items.
//!
//! Headings are judged by their place in the heading tree and by what lies
//! under them; section words (`Attendees`, `Agenda`) are only a prior. A
//! heading with several sub-headings and little text of its own groups the
//! items below it; a heading inside an item is a part of it; a heading that
//! only states a value (`Moderator: Ann`) or links a recording is metadata.
//! When an agenda list at the top is followed by body headings that discuss
//! its entries, the body headings are the items and the list is not counted twice.

use super::lexicon;
use super::sections::{SectionKind, SectionMap};
use crate::document::{Block, BlockKind, Style};

/// What a heading stands for in its file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The document's title, or a heading that is only a date.
    Title,
    /// A heading that states a value (`Meeting Duration: 30 minutes`) or only links a recording.
    Metadata,
    /// A section named by its words: attendance, agenda, actions, ...
    Section(SectionKind),
    /// A heading that holds items: several sub-headings and little text of its
    /// own, or a name such as "Notes" that only ever frames the discussion.
    Group,
    /// A heading that opens an agenda item.
    Item,
    /// A heading inside an item (`Why`, `Proposal`, `Discussion`).
    Part,
}

/// The role of every heading, the heading every block sits under, and what the
/// top-level bullets under each heading are. Everything a block asks about is
/// worked out once per file, so asking is cheap for every block.
#[derive(Clone, Debug)]
pub struct Outline {
    roles: Vec<Option<Role>>,
    /// For every block: the nearest heading above it that is shallower.
    parents: Vec<Option<usize>>,
    /// For every heading: what its top-level bullets are.
    bullets: Vec<Bullets>,
    /// Whether any heading is a subject (an item or a group of items).
    has_subjects: bool,
}

/// What the top-level bullets right under a heading are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Bullets {
    /// Discussion of the heading (or not under a heading at all).
    #[default]
    Discussion,
    /// Items, each one a subject.
    Items,
    /// Items when they reference something: a triage list (`### owner/repo`,
    /// mostly issue links); the heading itself gives way to them.
    References,
    /// Items when the discussion nests under them; the heading is an item too.
    NestedSubjects,
    /// An agenda's entries: items unless they end with `:` and hold nothing.
    AgendaEntries,
}

impl Outline {
    /// Work out the role of every heading in `blocks`.
    pub fn new(blocks: &[Block], sections: &SectionMap) -> Self {
        let mut roles: Vec<Option<Role>> = vec![None; blocks.len()];
        let mut parents: Vec<Option<usize>> = vec![None; blocks.len()];
        let title = title_heading(blocks, sections);
        let metadata_run = metadata_runs(blocks);
        // Innermost-last stack of (level, block index, role) of the headings
        // enclosing the current block.
        let mut stack: Vec<(u8, usize, Role)> = Vec::new();
        for (i, block) in blocks.iter().enumerate() {
            let Some(level) = block.heading_level() else {
                parents[i] = stack.last().map(|&(_, h, _)| h);
                continue;
            };
            while stack.last().is_some_and(|&(l, _, _)| l >= level) {
                stack.pop();
            }
            parents[i] = stack.last().map(|&(_, h, _)| h);
            let kind = sections.heading_kind(i).unwrap_or(SectionKind::Other);
            let role = if title == Some(i) {
                Role::Title
            } else if metadata_run[i] || is_metadata_heading(block) {
                Role::Metadata
            } else if kind == SectionKind::Title {
                Role::Title
            } else if kind != SectionKind::Other {
                Role::Section(kind)
            } else {
                subject_role(blocks, i, &stack)
            };
            roles[i] = Some(role);
            stack.push((level, i, role));
        }
        let has_subjects = roles
            .iter()
            .any(|r| matches!(r, Some(Role::Item | Role::Group)));
        // The last item heading, to tell whether body headings follow an agenda.
        let last_item = roles.iter().rposition(|r| *r == Some(Role::Item));
        let bullets = (0..blocks.len())
            .map(|h| match roles[h] {
                Some(Role::Group) if !has_sub_headings(blocks, h) => Bullets::Items,
                Some(Role::Section(SectionKind::Agenda)) => {
                    let end = section_end(blocks, h);
                    let body_items = last_item.is_some_and(|j| j >= end);
                    if has_sub_headings(blocks, h) || body_items {
                        Bullets::Discussion
                    } else {
                        Bullets::AgendaEntries
                    }
                }
                Some(Role::Item) if lists_items(blocks, h) => Bullets::References,
                Some(Role::Item) if heading_over_subjects(blocks, h) => Bullets::NestedSubjects,
                _ => Bullets::Discussion,
            })
            .collect();
        Outline {
            roles,
            parents,
            bullets,
            has_subjects,
        }
    }

    /// The role of block `i`, if it is a heading.
    pub fn role(&self, i: usize) -> Option<Role> {
        self.roles[i]
    }

    /// Whether block `i` is a heading that opens an item (not one that gives
    /// way to the references listed under it).
    pub fn opens_item(&self, i: usize) -> bool {
        self.roles[i] == Some(Role::Item) && self.bullets[i] != Bullets::References
    }

    /// The nearest heading enclosing block `i`, with its role.
    fn parent(&self, i: usize) -> Option<(usize, Role)> {
        self.parents[i].map(|h| (h, self.roles[h].unwrap_or(Role::Part)))
    }
}

/// The role of every block of a document's outline, as extraction sees it
/// (label lines that open sections count as headings).
pub fn roles(blocks: &[Block], config: &crate::config::Config) -> Vec<Option<Role>> {
    let blocks = super::sections::with_label_headings(blocks, &config.keywords);
    let sections = SectionMap::new(&blocks, &config.keywords);
    let outline = Outline::new(&blocks, &sections);
    (0..blocks.len()).map(|i| outline.role(i)).collect()
}

/// The role of a heading named by no section word, from the headings around it
/// and what lies under it.
fn subject_role(blocks: &[Block], i: usize, stack: &[(u8, usize, Role)]) -> Role {
    let inside_item = stack.iter().rev().find_map(|&(_, _, r)| match r {
        Role::Item | Role::Part => Some(true),
        Role::Group | Role::Section(SectionKind::Agenda) => Some(false),
        // Sub-headings of attendance, action or decision sections belong to them.
        Role::Section(SectionKind::Meta) => None,
        Role::Section(_) => Some(true),
        Role::Title | Role::Metadata => None,
    });
    if inside_item == Some(true) {
        return Role::Part;
    }
    if frames_discussion(&blocks[i].text) || groups_sub_headings(blocks, i) {
        return Role::Group;
    }
    Role::Item
}

/// A heading such as "Notes" or "Meeting minutes": a frame around the
/// discussion, never a subject of its own.
fn frames_discussion(text: &str) -> bool {
    let words = heading_words(text);
    !words.is_empty() && lexicon::FRAME_HEADINGS.contains(&words.join(" "))
}

/// Lower-case words of a heading, without emoji shortcodes, punctuation or numbering.
fn heading_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| !(w.starts_with(':') && w.ends_with(':') && w.len() > 2))
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric() || *c == '-')
                .collect::<String>()
                .to_lowercase()
        })
        .filter(|w| !w.is_empty() && w.chars().any(char::is_alphabetic))
        .collect()
}

/// Two or more sub-headings, with at most a short paragraph before the first:
/// the heading groups the items below it (`### High priority work` over one
/// `####` heading per project).
fn groups_sub_headings(blocks: &[Block], heading: usize) -> bool {
    let Some(level) = blocks[heading].heading_level() else {
        return false;
    };
    let section: Vec<&Block> = blocks[heading + 1..]
        .iter()
        .take_while(|b| b.heading_level().is_none_or(|l| l > level))
        .collect();
    let Some(sub_level) = section.iter().find_map(|b| b.heading_level()) else {
        return false;
    };
    let subs: Vec<&&Block> = section
        .iter()
        .filter(|b| b.heading_level() == Some(sub_level))
        .collect();
    // `Why`, `How`, `Background`: single ordinary words are the parts of one subject.
    let parts = subs
        .iter()
        .filter(|b| {
            let words = heading_words(&b.text);
            words.len() == 1 && lexicon::COMMON_WORDS.contains(&words[0])
        })
        .count();
    let lead: Vec<&&Block> = section
        .iter()
        .take_while(|b| b.heading_level().is_none())
        .collect();
    let thin = lead.is_empty()
        || lead.len() == 1
            && lead[0].kind == BlockKind::Paragraph
            && !lead[0].text.contains('\n')
            && lead[0].links.is_empty();
    // One sub-heading right below a heading with nothing of its own
    // (`## Proposals` over `### SCP-7: ...`) groups it too.
    let bare = lead.is_empty() && !subs.is_empty();
    (subs.len() >= 2 && thin || bare) && parts * 2 < subs.len().max(1)
}

/// The document's title: its first heading, when no other heading is shallower
/// and it reads as a title (a level-1 heading, a date, or a name for a meeting).
fn title_heading(blocks: &[Block], sections: &SectionMap) -> Option<usize> {
    let first = blocks.iter().position(|b| b.heading_level().is_some())?;
    let level = blocks[first].heading_level()?;
    let shallowest = blocks
        .iter()
        .filter_map(Block::heading_level)
        .all(|l| l >= level);
    let kind = sections.heading_kind(first).unwrap_or(SectionKind::Other);
    let words = heading_words(&blocks[first].text);
    let names_meeting = words.iter().any(|w| lexicon::MEETING_NOUNS.contains(w))
        || super::dates::find_date(&blocks[first].text).is_some();
    let titled = match kind {
        SectionKind::Other | SectionKind::Title => true,
        // "Agenda for the May 1 call", but not a bare "Agenda".
        SectionKind::Agenda => words.len() > 2,
        _ => false,
    };
    (titled && shallowest && (level == 1 || names_meeting)).then_some(first)
}

/// A heading that states a value (`Moderator: Ann Lee`, `Meeting Duration: 30
/// minutes`) with a label naming a meeting detail.
fn is_metadata_heading(block: &Block) -> bool {
    let text = block.text.trim();
    if label_value(text).is_some_and(|(label, _)| names_meeting_detail(label)) {
        return true;
    }
    // `Date, Time and Location`, `Registration`: nothing but the names of
    // meeting details ("Notes" frames the discussion instead).
    let words = heading_words(text);
    !frames_discussion(text)
        && words
            .iter()
            .all(|w| lexicon::META_LABELS.contains(w) || super::person::is_stop_word(w))
        && words.iter().any(|w| lexicon::META_LABELS.contains(w))
}

/// A heading that is nothing but a link (`[Video of the meeting](...)`).
fn is_link_heading(block: &Block) -> bool {
    !block.links.is_empty() && {
        let linked: String = block.links.iter().map(|l| l.text.trim()).collect();
        let bare: String = block.text.split_whitespace().collect();
        linked.split_whitespace().collect::<String>() == bare
    }
}

/// `Label: value` with a short label.
fn label_value(text: &str) -> Option<(&str, &str)> {
    let (label, value) = text.split_once(':')?;
    // `Notes :book:`: an emoji shortcode, not a value.
    if value.trim_end().ends_with(':') && !value.trim().contains(' ') {
        return None;
    }
    let words = label.split_whitespace().count();
    let value = value.trim();
    (words > 0 && words <= 4 && !value.is_empty() && !value.starts_with("//"))
        .then_some((label.trim(), value))
}

fn names_meeting_detail(label: &str) -> bool {
    let words = heading_words(label);
    words.iter().any(|w| {
        w.split(['/', '-'])
            .any(|part| lexicon::META_LABELS.contains(&part))
    })
}

/// For each block: whether it is a heading in a run of two or more consecutive
/// `Label: value` headings (a block of meeting details written as headings).
fn metadata_runs(blocks: &[Block]) -> Vec<bool> {
    let mut out = vec![false; blocks.len()];
    let mut i = 0;
    while i < blocks.len() {
        let is_label = |b: &Block| b.heading_level().is_some() && label_value(&b.text).is_some();
        if !is_label(&blocks[i]) {
            i += 1;
            continue;
        }
        let start = i;
        // Link-only headings between value headings belong to the run.
        while i < blocks.len()
            && (is_label(&blocks[i])
                || blocks[i].heading_level().is_some() && is_link_heading(&blocks[i]))
        {
            i += 1;
        }
        let labels = (start..i).filter(|&j| is_label(&blocks[j])).count();
        if labels >= 2 {
            for slot in &mut out[start..i] {
                *slot = true;
            }
        }
        i = i.max(start + 1);
    }
    out
}

/// Whether the list item `i` opens an item of its own, given the outline.
pub fn bullet_opens_item(blocks: &[Block], outline: &Outline, style: Style, i: usize) -> bool {
    let block = &blocks[i];
    if block.kind != BlockKind::ListItem || block.depth != 1 || style == Style::ChatLog {
        return false;
    }
    if is_label_line(block) || is_link_only(block) || labels_details(blocks, i) {
        return false;
    }
    let nests = || blocks.get(i + 1).is_some_and(|n| n.depth > block.depth);
    let Some((h, role)) = outline.parent(i) else {
        // A file whose only heading is its title: its top-level bullets are the items.
        return !outline.has_subjects;
    };
    match (role, outline.bullets[h]) {
        (Role::Title | Role::Metadata, _) => !outline.has_subjects,
        (_, Bullets::Items) => true,
        // Among references, a bullet without one is discussion.
        (_, Bullets::References) => references_something(block),
        // A bullet opens a subject of its own when the discussion nests under it.
        (_, Bullets::NestedSubjects) => nests(),
        (_, Bullets::AgendaEntries) => !block.text.trim_end().ends_with(':') || nests(),
        (_, Bullets::Discussion) => false,
    }
}

/// Whether a bullet links or references something (`#12`, a URL, a link).
fn references_something(block: &Block) -> bool {
    !block.links.is_empty() || block.text.contains("://") || names_issue(&block.text)
}

/// A short, bare heading (`Language`, `Ongoing projects`) over nothing but a
/// list: a heading that is an item itself and whose top-level bullets are
/// subjects of their own.
fn heading_over_subjects(blocks: &[Block], heading: usize) -> bool {
    let head = &blocks[heading];
    let words = heading_words(&head.text);
    let bare = !words.is_empty()
        && words.len() <= 3
        && head.links.is_empty()
        && !head.text.contains(['(', '[', '#', '@'])
        && !head.text.chars().any(|c| c.is_ascii_digit());
    if !bare || has_sub_headings(blocks, heading) {
        return false;
    }
    let mut bullets = 0;
    for b in section_blocks(blocks, heading) {
        match b.kind {
            BlockKind::ListItem if b.depth == 1 => bullets += 1,
            BlockKind::ListItem => {}
            BlockKind::Paragraph if b.depth > 0 => {}
            // `PEP highlights include:` introduces the list.
            BlockKind::Paragraph if b.text.trim_end().ends_with(':') => {}
            _ => return false,
        }
    }
    // One bullet under a heading is its discussion; several may be its subjects.
    bullets >= 2
}

/// `**Lead:** @ann`, `Attendees:`, `Bosun: Ann Lee`: a bullet that labels a
/// value, a role or a list.
fn is_label_line(block: &Block) -> bool {
    let first = block.text.lines().next().unwrap_or("").trim();
    if let Some(label) = first.strip_suffix(':') {
        let names_section = super::sections::classify(label) != SectionKind::Other;
        if names_section || names_meeting_detail(label) {
            return true;
        }
    }
    // `Bosun: Ann Lee`, `Scribe: @bo`, `Video: https://...`: a role and who
    // holds it, or a meeting detail.
    if let Some((label, value)) = label_value(first) {
        let names = super::person::split_name_list(value, block.line).is_some_and(|list| {
            list.iter().all(|p| {
                p.is_handle
                    || p.name.starts_with(char::is_uppercase)
                    || !p.name.contains(' ') && !lexicon::COMMON_WORDS.contains(&p.name.as_str())
            })
        });
        if (names || names_meeting_detail(label)) && !label.contains(['(', '[']) {
            return true;
        }
    }
    // `Topics` over its list: a section name written as a bullet.
    if first.split_whitespace().count() <= 3
        && super::sections::classify(first) != SectionKind::Other
        && block.text.lines().count() == 1
    {
        return true;
    }
    block
        .lead_strong
        .as_deref()
        .is_some_and(|s| s.trim_end().ends_with(':') && first.starts_with(s.trim()))
}

/// `Artifacts:` over `Video: ...`, `Note taker: ...`: a label over nothing but
/// labelled values.
fn labels_details(blocks: &[Block], i: usize) -> bool {
    let block = &blocks[i];
    if !block.text.trim_end().ends_with(':') {
        return false;
    }
    let children: Vec<&Block> = blocks[i + 1..]
        .iter()
        .take_while(|b| b.depth > block.depth)
        .filter(|b| b.depth == block.depth + 1)
        .collect();
    !children.is_empty()
        && children
            .iter()
            .all(|b| label_value(b.text.lines().next().unwrap_or("").trim()).is_some())
}

/// A bullet that is nothing but a URL (written out or as its own link text).
fn is_link_only(block: &Block) -> bool {
    let text = block.text.trim();
    (text.starts_with("http://") || text.starts_with("https://"))
        && !text.contains(char::is_whitespace)
}

/// An item heading whose top-level bullets are themselves the items: a heading
/// that is just a repository (`### owner/repo`), or a collection of references
/// (every bullet names an issue, or the heading names a collection).
fn lists_items(blocks: &[Block], heading: usize) -> bool {
    names_repository(&blocks[heading]) || holds_bullet_items(blocks, heading)
}

/// A heading that is just a repository (`### owner/repo`) groups the items below it.
pub fn names_repository(block: &Block) -> bool {
    let bare = block
        .text
        .trim()
        .trim_matches(|c: char| c == '`' || c == '*' || c == '[' || c == ']');
    super::issue::parse_repository(bare).is_some()
}

fn holds_bullet_items(blocks: &[Block], heading: usize) -> bool {
    let bullets: Vec<&Block> = section_blocks(blocks, heading)
        .filter(|b| b.kind == BlockKind::ListItem && b.depth == 1)
        .collect();
    if bullets.is_empty() {
        return false;
    }
    let referencing = bullets
        .iter()
        .filter(|b| !b.links.is_empty() || b.text.contains("://") || b.text.contains('#'))
        .count();
    // Most bullets name an issue or pull request: a triage list of items.
    let issues = bullets.iter().filter(|b| names_issue(&b.text)).count();
    let triage = issues >= 2 && issues * 3 >= bullets.len() * 2;
    referencing * 2 >= bullets.len()
        && (triage || heading_names_a_collection(&blocks[heading].text))
}

/// Whether a line refers to an issue (`repo#12`, `#12`).
pub fn names_issue(text: &str) -> bool {
    text.match_indices('#')
        .any(|(i, _)| text[i + 1..].starts_with(|c: char| c.is_ascii_digit()))
}

fn heading_names_a_collection(text: &str) -> bool {
    heading_words(text)
        .iter()
        .any(|w| lexicon::COLLECTION_NOUNS.contains(w))
}

/// The block after the section of `heading` (the next heading as shallow or shallower).
fn section_end(blocks: &[Block], heading: usize) -> usize {
    let level = blocks[heading].heading_level().unwrap_or(1);
    blocks[heading + 1..]
        .iter()
        .position(|b| b.heading_level().is_some_and(|l| l <= level))
        .map_or(blocks.len(), |p| heading + 1 + p)
}

fn section_blocks(blocks: &[Block], heading: usize) -> impl Iterator<Item = &Block> {
    let level = blocks[heading].heading_level().unwrap_or(1);
    blocks[heading + 1..]
        .iter()
        .take_while(move |b| b.heading_level().is_none_or(|l| l > level))
}

fn has_sub_headings(blocks: &[Block], heading: usize) -> bool {
    let level = blocks[heading].heading_level().unwrap_or(1);
    blocks[heading + 1..]
        .iter()
        .filter_map(Block::heading_level)
        .take_while(|&l| l > level)
        .next()
        .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Keywords;

    fn outline_of(blocks: &[Block]) -> Outline {
        Outline::new(blocks, &SectionMap::new(blocks, &Keywords::default()))
    }

    fn h(level: u8, text: &str, line: u32) -> Block {
        Block::new(BlockKind::Heading(level), 0, text.to_string(), line, line)
    }

    fn p(text: &str, line: u32) -> Block {
        Block::new(BlockKind::Paragraph, 0, text.to_string(), line, line)
    }

    fn li(text: &str, line: u32) -> Block {
        Block::new(BlockKind::ListItem, 1, text.to_string(), line, line)
    }

    #[test]
    fn headings_take_their_role_from_the_tree() {
        let blocks = vec![
            h(1, "Orbit sync 3", 1),
            h(3, "Meeting Date/Time: June 4, 2031", 2),
            h(3, "Meeting Duration: 1 hour", 3),
            h(2, "Agenda", 5),
            li("Mirrors", 6),
            h(2, "Projects", 8),
            p("What the team works on.", 9),
            h(3, "Mirror rebuild", 10),
            li("slow", 11),
            h(3, "Backups", 12),
            h(4, "Why", 13),
            p("disks fail", 14),
        ];
        let o = outline_of(&blocks);
        let roles: Vec<Option<Role>> = (0..blocks.len()).map(|i| o.role(i)).collect();
        assert_eq!(roles[0], Some(Role::Title));
        assert_eq!(roles[1], Some(Role::Metadata));
        assert_eq!(roles[2], Some(Role::Metadata));
        assert_eq!(roles[3], Some(Role::Section(SectionKind::Agenda)));
        assert_eq!(roles[5], Some(Role::Group));
        assert_eq!(roles[7], Some(Role::Item));
        assert_eq!(roles[9], Some(Role::Item));
        assert_eq!(roles[10], Some(Role::Part));
        // Body headings discuss the agenda: its bullet is not an item of its own.
        assert!(!bullet_opens_item(&blocks, &o, Style::Markdown, 4));
    }

    #[test]
    fn bullets_under_a_title_alone_are_items() {
        let blocks = vec![
            h(1, "June 8, 2031", 1),
            li("Intro by Ann", 3),
            li("Bo Lee gave a demo of the mirror tool", 4),
        ];
        let o = outline_of(&blocks);
        assert!(bullet_opens_item(&blocks, &o, Style::Markdown, 1));
        assert!(bullet_opens_item(&blocks, &o, Style::Markdown, 2));
    }

    #[test]
    fn bare_headings_over_nested_bullets_hold_subjects() {
        let nested = |text: &str, line: u32| {
            let mut b = li(text, line);
            b.depth = 2;
            b
        };
        let blocks = vec![
            h(1, "2031-06-08", 1),
            h(2, "Date, Time and Location", 2),
            p("Online, 16:00 UTC", 3),
            h(2, "External requests", 5),
            li("Database access (kestrel42)", 6),
            nested("details in the ticket", 7),
            li("Faster builders (Ann)", 8),
            nested("budget first", 9),
            h(2, "Standards", 10),
            li("Version support period", 11),
            nested("see the ticket", 12),
        ];
        let o = outline_of(&blocks);
        assert_eq!(o.role(1), Some(Role::Metadata));
        assert_eq!(o.role(3), Some(Role::Item));
        let opens = |i| bullet_opens_item(&blocks, &o, Style::Markdown, i);
        assert!(opens(4) && opens(6));
        // One bullet under a heading is its discussion.
        assert!(!opens(9));
    }

    #[test]
    fn frames_hold_their_bullets_as_items() {
        let blocks = vec![
            h(1, "2031-06-08", 1),
            h(2, "Notes :book:", 3),
            li("Mirror outage", 4),
            li("Website deploy", 5),
        ];
        let o = outline_of(&blocks);
        assert_eq!(o.role(1), Some(Role::Group));
        assert!(bullet_opens_item(&blocks, &o, Style::Markdown, 2));
    }
}
