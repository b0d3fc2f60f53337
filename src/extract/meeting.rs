//! One meeting from one document: runs the per-kind rule sets over the blocks
//! and ties every finding to its line and agenda item.

use super::FileContext;
use super::agenda::{self, Agenda};
use super::attendance::{attendance_block, label_lines, lists_affiliations, roles_in};
use super::dates::{self, Date};
use super::decision;
use super::findings::{Fact, Finding, Rule};
use super::issue::{self, RepoContext};
use super::merge;
use super::names::NameIndex;
use super::outcomes::{ListParents, Outcomes, Place, ShownNames, outcomes};
use super::person::{self, Evidence};
use super::records as issue_ref;
use super::records::{MeetingRecord, Mention, PersonRef};
use super::sections::{SectionKind, SectionMap, label_item_sections, with_label_headings};
use super::service;
use super::turns::Turns;
use crate::config::Config;
use crate::document::{Block, BlockKind, Document, blank_inline_code};
use regex::Regex;
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

static ATTRIBUTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"["”]\s*[-–—]\s*(\p{Lu}[\p{Ll}]+)\s*$"#).expect("regex"));
static SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}.'’-]*){0,2})\s*:\s+\S").expect("regex")
});

/// Read the one meeting a document records: the rules that find names run
/// first, block by block; the names they find are indexed; the rules that
/// need to know who is someone (decisions and actions, services, speakers) run
/// next; then the merge step decides what the findings make.
pub fn read_meeting(doc: &Document, config: &Config, context: &FileContext) -> MeetingRecord {
    let blocks = &*with_label_headings(&doc.blocks, &config.keywords);
    let (sections, turns) = rayon::join(
        || SectionMap::new(blocks, &config.keywords),
        || Turns::find(blocks),
    );
    let mut agenda = agenda::find_items(blocks, &sections, doc.style, &turns);
    // The rules below read only which item each block is in.
    let items = std::mem::take(&mut agenda.items);
    let header = MeetingRecord {
        date: meeting_date(doc, context)
            .or_else(|| dates::find_date(&context.folders.join("/")).map(|d| d.date))
            .or_else(|| year_less_date(doc, context)),
        title: meeting_title(doc),
        line: 1,
        end_line: blocks.iter().map(|b| b.end_line).max().unwrap_or(1),
        items,
        ..MeetingRecord::default()
    };
    let section_of = block_sections(blocks, &sections, &agenda, config);
    let mut findings = authors(doc, context);
    let (named, discovered) = rayon::join(
        || name_rules(blocks, &sections, &section_of, &agenda, config),
        || super::discovery::discover(blocks, &config.services),
    );
    findings.extend(named);
    let names = NameIndex::new(&findings);
    findings.extend(outcome_rule(
        blocks,
        &section_of,
        &agenda,
        &turns,
        &names,
        config,
    ));
    for (i, s) in discovered {
        if !names.knows_person(&s.name) {
            let found = Fact::Service(Mention {
                what: s,
                item: agenda.item_of_block[i],
            });
            findings.push(Finding::stated(Rule::Discovery, found));
        }
    }
    let mut draft = merge::draft_onto(header, &findings);
    let spoken =
        super::speakers::speakers(blocks, &agenda.item_of_block, &sections, &turns, &draft);
    merge::add(&mut draft, &spoken);
    findings.extend(spoken);
    merge::finish(draft, &findings, config)
}

/// The section kind that applies to each block.
fn block_sections(
    blocks: &[Block],
    sections: &SectionMap,
    agenda: &Agenda,
    config: &Config,
) -> Vec<Option<SectionKind>> {
    let listed = label_item_sections(blocks, &config.keywords);
    // The first block of each agenda item, by the item's number, found once.
    let numbers = agenda
        .item_of_block
        .iter()
        .flatten()
        .max()
        .map_or(0, |n| n + 1);
    let mut item_starts: Vec<Option<usize>> = vec![None; numbers];
    for (i, item) in agenda.item_of_block.iter().enumerate() {
        if let Some(start) = item.and_then(|n| item_starts.get_mut(n)) {
            start.get_or_insert(i);
        }
    }
    // Each block on its own: a long file's on all cores, in order.
    super::parallel::map(blocks.len(), |i| {
        listed[i].or_else(|| effective_section(blocks, sections, agenda, &item_starts, i))
    })
}

/// The findings of the rules that need no names: people, issues and services
/// written in each block, attendance sections, housekeeping roles and label lines.
fn name_rules(
    blocks: &[Block],
    sections: &SectionMap,
    section_of: &[Option<SectionKind>],
    agenda: &Agenda,
    config: &Config,
) -> Vec<Finding> {
    let repo = repo_context(blocks, config);
    // `Name, Affiliation` entries in one attendance list make the whole section read so.
    let affiliated = lists_affiliations(blocks.iter().zip(section_of).filter_map(|(b, s)| {
        matches!(s, Some(SectionKind::Attendance | SectionKind::Absence)).then_some(b)
    }));
    let lists = ListParents::new(blocks);
    // The context under each `owner/repo` heading, made once per repository.
    let heading_repos = HeadingRepositories::new(blocks, sections);
    let mut under_heading: HashMap<&str, RepoContext> = HashMap::default();
    for r in (0..blocks.len()).filter_map(|i| heading_repos.of(i)) {
        under_heading
            .entry(r)
            .or_insert_with(|| repo.with_default(r));
    }
    let of_block = |i: usize| -> Vec<Finding> {
        let block = &blocks[i];
        let item = agenda.item_of_block[i];
        let repo = match heading_repos.of(i) {
            None => &repo,
            Some(r) => &under_heading[r],
        };
        let mut findings = mentions(block, item, repo, config);
        if block.kind != BlockKind::Code {
            let heading = sections.enclosing[i].last().map(|&(h, _)| h);
            let states = issue::block_statements(blocks, i, lists.parent(i), heading, repo);
            findings.extend(
                states
                    .into_iter()
                    .map(|s| Finding::stated(Rule::Mentions, Fact::IssueState(s))),
            );
        }
        match section_of[i] {
            Some(SectionKind::Attendance) => {
                findings.extend(attendance_block(block, false, affiliated));
            }
            Some(SectionKind::Absence) => {
                findings.extend(attendance_block(block, true, affiliated))
            }
            Some(SectionKind::Meta) => findings.extend(roles_in(block)),
            _ => {}
        }
        if !matches!(
            section_of[i],
            Some(SectionKind::Attendance | SectionKind::Absence)
        ) {
            findings.extend(label_lines(block, &config.keywords));
        }
        findings
    };
    // Each block is read on its own: a long file's blocks on all cores, in order.
    super::parallel::flat_map(blocks.len(), of_block)
}

/// Decisions and actions, read block by block outside attendance sections,
/// item headings and code.
fn outcome_rule(
    blocks: &[Block],
    section_of: &[Option<SectionKind>],
    agenda: &Agenda,
    turns: &Turns,
    names: &NameIndex,
    config: &Config,
) -> Vec<Finding> {
    let lists = ListParents::new(blocks);
    let shown = ShownNames::new(blocks);
    let mut found = Outcomes::default();
    for (i, block) in blocks.iter().enumerate() {
        let section = section_of[i];
        let listing = matches!(
            section,
            Some(SectionKind::Attendance | SectionKind::Absence)
        );
        if listing || opens_item(agenda, i) || block.kind == BlockKind::Code {
            continue;
        }
        let place = Place {
            item: agenda.item_of_block[i],
            section,
            turn: turns.speaker(i),
            lists: &lists,
            shown: &shown,
            names,
        };
        outcomes(blocks, i, &place, &mut found, config);
    }
    found.into_findings(blocks)
}

fn opens_item(agenda: &Agenda, i: usize) -> bool {
    agenda.item_of_block[i].is_some()
        && (i == 0 || agenda.item_of_block[i - 1] != agenda.item_of_block[i])
}

/// The section kind that applies to block `i`: a heading above the start of the
/// block's agenda item no longer applies (plain-text items reset sections).
fn effective_section(
    blocks: &[Block],
    sections: &SectionMap,
    agenda: &Agenda,
    item_starts: &[Option<usize>],
    i: usize,
) -> Option<SectionKind> {
    let item_start = agenda.item_of_block[i].and_then(|n| item_starts.get(n).copied().flatten());
    let mut under_subject = false;
    for &(h, kind) in sections.enclosing[i]
        .iter()
        .rev()
        .filter(|&&(h, _)| item_start.is_none_or(|s| h >= s))
    {
        match kind {
            SectionKind::Title => {}
            SectionKind::Other => under_subject = true,
            // `## Decisions Made` over its list, then `### Gas limits` over a
            // discussion: the subject's section holds no decisions by its place.
            SectionKind::Decisions | SectionKind::Actions
                if under_subject && has_own_content(blocks, h) =>
            {
                return None;
            }
            kind => return Some(kind),
        }
    }
    None
}

/// Whether a heading has blocks of its own before its first sub-heading.
fn has_own_content(blocks: &[Block], heading: usize) -> bool {
    blocks
        .get(heading + 1)
        .is_some_and(|b| b.heading_level().is_none())
}

/// The meeting date: a date heading (the minutes' own statement) first, then
/// front matter (often a publication date), the file name, the first lines, and
/// at last the first full date anywhere in the text (a `When` section further down).
fn meeting_date(doc: &Document, context: &FileContext) -> Option<Date> {
    let heading_date = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
        .take(3)
        .find_map(|b| {
            dates::find_date(&b.text).filter(|d| d.rest_is_trivial || b.heading_level() == Some(1))
        });
    if let Some(d) = heading_date {
        return Some(d.date);
    }
    if let Some(fm) = &doc.front_matter
        && let Some(d) = fm.text("date").and_then(|t| dates::find_date(&t))
    {
        return Some(d.date);
    }
    if let Some(d) = dates::date_from_path(&doc.source) {
        return Some(d);
    }
    // `### Dec 19` opening one meeting of yearly notes: the year from the path.
    let first_heading = doc.blocks.iter().find(|b| b.heading_level().is_some());
    if let Some(date) = first_heading.and_then(|b| {
        let year = dates::year_of_path(&context.path_of(&doc.source))?;
        dates::opening_month_day(&b.text, year)
    }) {
        return Some(date);
    }
    doc.blocks
        .iter()
        .find_map(|b| dates::find_date(&b.text))
        .map(|d| d.date)
}

/// `## Agenda for the May 1 call` in `2018/CG-05-01.md`: a day from the title
/// or the file name, the year from the folders holding the file.
fn year_less_date(doc: &Document, context: &FileContext) -> Option<Date> {
    let title = doc
        .blocks
        .iter()
        .find(|b| b.heading_level().is_some())
        .map_or("", |b| b.text.as_str());
    dates::year_less_date(title, &context.path_of(&doc.source))
}

fn meeting_title(doc: &Document) -> Option<String> {
    if let Some(t) = doc.front_matter.as_ref().and_then(|fm| fm.text("title")) {
        return Some(t);
    }
    doc.blocks
        .iter()
        .find(|b| b.heading_level() == Some(1))
        .map(|b| heading_title(&b.text))
        .filter(|t| !t.is_empty())
}

/// A heading's text without rule lines (`=====`) and line breaks.
fn heading_title(text: &str) -> String {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !(w.len() >= 3 && w.chars().all(|c| matches!(c, '=' | '-' | '_' | '*' | '#'))))
        .collect();
    words.join(" ")
}

fn repo_context(blocks: &[Block], config: &Config) -> RepoContext {
    let mut repo = RepoContext {
        default_repository: config.default_repository.clone(),
        aliases: config.repository_aliases.clone(),
        ..RepoContext::default()
    };
    for b in blocks {
        if b.kind == BlockKind::Code {
            repo.learn_code(&b.text);
        } else {
            repo.learn(&b.text);
        }
        for l in &b.links {
            repo.learn(&l.url);
        }
    }
    repo
}

/// Front matter authors; a key known to the author registry keeps its name and key.
fn authors(doc: &Document, context: &FileContext) -> Vec<Finding> {
    let mut found = Vec::new();
    if let Some(fm) = &doc.front_matter {
        for author in fm.list("authors").into_iter().chain(fm.list("author")) {
            let line = fm.line + 1;
            let person = match context.authors.get(&author) {
                Some(name) => PersonRef {
                    name: name.clone(),
                    is_handle: false,
                    handle: Some(author),
                    line,
                },
                None => PersonRef::name(author, line),
            };
            let named = Fact::Named(Mention {
                what: person,
                item: None,
            });
            found.push(Finding::stated(Rule::FrontMatter, named));
        }
    }
    found
}

/// The repository the nearest enclosing heading of each block names
/// (`### owner/repo`, or a heading linking to a repository): bare `#N` below
/// it belong there.
struct HeadingRepositories {
    /// By block: the repository a heading names; what each heading names is
    /// read once, not once per block under it.
    named: Vec<Option<String>>,
    /// By block: the heading that names its repository.
    naming: Vec<Option<usize>>,
}

impl HeadingRepositories {
    fn new(blocks: &[Block], sections: &SectionMap) -> Self {
        let mut read = vec![false; blocks.len()];
        let mut named = vec![None; blocks.len()];
        for &(h, _) in sections.enclosing.iter().flatten() {
            if !read[h] {
                read[h] = true;
                named[h] = repository_named_by(&blocks[h]);
            }
        }
        let naming = sections
            .enclosing
            .iter()
            .map(|enclosing| {
                enclosing
                    .iter()
                    .rev()
                    .map(|&(h, _)| h)
                    .find(|&h| named[h].is_some())
            })
            .collect();
        HeadingRepositories { named, naming }
    }

    /// The repository named by the heading nearest above block `i`.
    fn of(&self, i: usize) -> Option<&str> {
        self.naming[i].and_then(|h| self.named[h].as_deref())
    }
}

/// The repository a heading names: as its whole text, or by a link.
fn repository_named_by(heading: &Block) -> Option<String> {
    let bare = heading
        .text
        .trim()
        .trim_matches(|c: char| c == '`' || c == '*' || c == '[' || c == ']');
    issue::parse_repository(bare).or_else(|| {
        heading
            .links
            .iter()
            .find_map(|l| issue::repository_of_url(&l.url))
    })
}

/// People, issues and services mentioned in a block.
fn mentions(
    block: &Block,
    item: Option<usize>,
    repo: &RepoContext,
    config: &Config,
) -> Vec<Finding> {
    let stated = |fact| Finding::stated(Rule::Mentions, fact);
    let mut found: Vec<Finding> = block_issues(block, repo)
        .into_iter()
        .map(|r| stated(Fact::Issue(Mention { what: r, item })))
        .collect();
    if block.kind == BlockKind::Code {
        return found;
    }
    for s in service::find_services(&block.text, block.line, &config.services) {
        found.push(stated(Fact::Service(Mention { what: s, item })));
    }
    let weak = |p| Finding::weak(Rule::Mentions, Fact::Named(Mention { what: p, item }));
    // `@handle` or `Name:` inside inline code quotes syntax; it names no one.
    let prose = blank_inline_code(&block.text);
    let prose_lines = || (block.line..).zip(prose.split('\n'));
    let mut people = person::find_named_handles(&prose, block.line);
    people.extend(person::find_handles(&prose, block.line));
    for (p, evidence) in person::find_acting_names(&prose, block.line) {
        if config.services.lookup(&p.name).is_some() {
            continue;
        }
        match evidence {
            Evidence::Strong => {
                // "Stabilization reports ...": a noun before a verb of speech is no one.
                if person::could_be_name(&p.name.to_lowercase()) {
                    people.push(p);
                }
            }
            Evidence::Weak | Evidence::WeakInitial | Evidence::Object => found.push(weak(p)),
        }
    }
    // The colon and the closing quote are written in every match: lines
    // without them are not searched (nor is room made for what a match holds).
    for (line, text) in prose_lines().filter(|(_, text)| text.contains(':')) {
        if let Some(c) = SPEAKER.captures(text.trim()) {
            let name = &c[1];
            if person::name_like(name) && !decision::is_decision_label(name) && !is_label_word(name)
            {
                found.push(weak(PersonRef::name(name, line)));
            }
        }
    }
    for (line, text) in prose_lines().filter(|(_, text)| text.contains(['"', '”'])) {
        if let Some(c) = ATTRIBUTION.captures(text)
            && person::looks_like_first_name(&c[1])
        {
            people.push(PersonRef::name(&c[1], line));
        }
    }
    for p in people {
        found.push(stated(Fact::Named(Mention { what: p, item })));
    }
    found
}

/// Issue references in a block's text and link targets. A reference with no
/// repository (`#12`, `!12`) is dropped when a full reference with the same number
/// is there too (typically the link target of that very text).
fn block_issues(block: &Block, repo: &RepoContext) -> Vec<issue_ref::IssueRef> {
    let mut refs = issue::find_issues(&block.text, block.line, repo);
    if block.kind == BlockKind::Code {
        // Numbers after `#` in code are comments or colours, not references.
        refs.retain(|r| r.url.is_some());
    }
    for link in &block.links {
        if !block.text.contains(&link.url) {
            refs.extend(issue::find_issues(&link.url, link.line, repo));
        }
    }
    let full: Vec<u64> = refs
        .iter()
        .filter(|r| r.key.is_full())
        .map(|r| r.number)
        .collect();
    refs.retain(|r| !r.key.is_bare() || !full.contains(&r.number));
    refs
}

fn is_label_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    person::is_stop_word(&lower)
        || super::sections::classify(word) != SectionKind::Other
        || lower.split_whitespace().any(|w| {
            matches!(
                w,
                "note"
                    | "notes"
                    | "update"
                    | "status"
                    | "proposal"
                    | "question"
                    | "pr"
                    | "issue"
                    | "link"
                    | "links"
                    | "example"
                    | "goal"
                    | "goals"
                    | "context"
                    | "background"
                    | "problem"
                    | "solution"
                    | "summary"
                    | "feedback"
                    | "motivation"
                    | "why"
                    | "what"
                    | "how"
                    | "where"
                    | "when"
                    | "who"
                    | "reason"
                    | "result"
                    | "idea"
                    | "ideas"
                    | "option"
                    | "options"
                    | "pros"
                    | "cons"
                    | "comment"
                    | "comments"
                    | "discussion"
                    | "conclusion"
                    | "todo"
                    | "done"
                    | "next"
                    | "current"
                    | "state"
                    | "plan"
                    | "release"
                    | "version"
                    | "date"
                    | "time"
                    | "location"
                    | "repo"
                    | "repository"
                    | "docs"
                    | "documentation"
                    | "slides"
                    | "recording"
                    | "minutes"
                    | "agenda"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> MeetingRecord {
        let doc = crate::document::parse("2025-01-01.md", text);
        read_meeting(&doc, &Config::default(), &Default::default())
    }

    #[test]
    fn a_subject_below_a_list_of_decisions_decides_nothing_by_its_place() {
        let text = "# Call\n\n## Decisions\n\n- The release moves to Friday\n\n\
                    ## Gas limits\n\nThe numbers look high to me.\n";
        assert_eq!(read(text).decisions.len(), 1);
        let nested = "# Call\n\n## Decisions\n\n- The release moves to Friday\n\n\
                      ### Gas limits\n\nThe numbers look high to me.\n";
        assert_eq!(read(nested).decisions.len(), 1);
        // A decisions heading over nothing but sub-headings: their blocks are its.
        let grouped = "# Call\n\n## Decisions\n\n### Releases\n\nThe release moves to Friday.\n";
        assert_eq!(read(grouped).decisions.len(), 1);
    }

    #[test]
    fn accepted_items_over_a_list_are_each_a_decision() {
        let text = "# Call\n\n## Proposals\n\n- Accepted MCPs\n    - \"Rework the lexer\" acme#12\n    \
                    - \"Drop the old flag\" acme#14\n- Rejected RFCs\n    - No new rejected RFCs this time.\n";
        let decisions: Vec<String> = read(text).decisions.into_iter().map(|d| d.text).collect();
        assert_eq!(
            decisions,
            [
                "\"Rework the lexer\" acme#12",
                "\"Drop the old flag\" acme#14"
            ]
        );
        // What was accepted is named, not assigned.
        assert!(read(text).actions.is_empty());
    }

    #[test]
    fn a_short_outcome_reads_with_the_item_it_answers() {
        let text = "# Call\n\n## Backports\n\n- Fix the lexer crash #65402\n    - Approved for beta backport\n";
        let decisions: Vec<String> = read(text).decisions.into_iter().map(|d| d.text).collect();
        assert_eq!(
            decisions,
            ["Fix the lexer crash #65402: Approved for beta backport"]
        );
    }

    #[test]
    fn a_bold_label_in_a_task_list_is_no_task() {
        let text = "# Call\n\n## Action items\n\n**Agenda**\n\n- Fix the release script\n";
        let actions: Vec<String> = read(text).actions.into_iter().map(|a| a.text).collect();
        assert_eq!(actions, ["Fix the release script"]);
    }
}
