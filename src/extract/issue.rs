//! Issue and pull-request references in every common form, normalised to
//! `owner/repo#N` (or `#N` when no repository can be known), and tracker
//! tickets, keyed `PROJ-N` as written.

mod state;
mod ticket;

pub use state::{Located, Reading, block_statements, line_refs, read_line};
pub use ticket::TicketEvidence;

use super::records::{IssueKey, IssueRef};
use crate::document::LineIndex;
use crate::document::blank_inline_code;
use crate::model::IssueKind;
use regex::Regex;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::{Arc, LazyLock};

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"https?://(?:www\.)?(github\.com|gitlab\.com|codeberg\.org|gitea\.com)/([\w.-]+(?:/[\w.-]+)*?)/([\w.-]+)/(?:-/)?(issues|pull|pulls|merge_requests)/(\d+)",
    )
    .expect("issue URL regex")
});
/// Issues and merge requests of any GitLab, self-hosted ones too: the `/-/` marks them.
static GITLAB_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"https?://([\w.-]+(?::\d+)?)/([\w.-]+(?:/[\w.-]+)*?)/-/(issues|merge_requests|work_items)/(\d+)",
    )
    .expect("GitLab URL regex")
});
static ANY_URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"https?://[^\s<>()\[\]`]+").expect("URL regex"));
static REPO_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"https?://(?:www\.)?github\.com/([\w.-]+)/([\w.-]+)").expect("repository URL regex")
});
static FULL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w/.#-])([A-Za-z0-9][\w.-]*)/([A-Za-z0-9][\w.-]*?)/?#(\d+)\b")
        .expect("owner/repo#N regex")
});
/// GitLab's `group/project!N` (subgroups kept whole) for a merge request.
static FULL_MERGE_REQUEST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w/.#!-])([A-Za-z0-9][\w.-]*(?:/[A-Za-z0-9][\w.-]*)+)!(\d{1,7})")
        .expect("group/project!N regex")
});
/// GitLab's bare `!N` for a merge request.
static MERGE_REQUEST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s(\[,;])!(\d{1,7})").expect("!N regex"));
/// A document that speaks of merge requests or GitLab, where `!N` is a merge request.
static MERGE_REQUEST_TALK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:\bgitlab\b|\bmerge[ -]requests?\b|\bmrs?\s*!\d)|\bMRs?\b")
        .expect("merge request talk regex")
});
static SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w/.#-])([A-Za-z][\w.-]+?)/?#(\d+)\b").expect("repo#N regex")
});
static WORDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(ticket|issue|bug|pr|pull request|mr|merge request)s?\s*|(?:^|[\s(\[,;:/])\\?)#\s?(\d{1,7})\b(?:[^\w-]|$)")
        .expect("ticket #N regex")
});

/// Where bare and short references take their repository from, and what the
/// document shows about the forms it uses. What was learned from the document
/// is shared: the context under each `owner/repo` heading differs only in its
/// default repository, and costs no copy of the rest.
#[derive(Clone, Debug, Default)]
pub struct RepoContext {
    /// `owner/repo` for a bare `#N` (from a heading like `### owner/repo`, or the configuration).
    pub default_repository: Option<String>,
    /// Configured short names -> `owner/repo` (`k8s-capi` -> `acme/k8s-cluster-api-provider`).
    pub aliases: BTreeMap<String, String>,
    /// What was learned from the document; see [`RepoContext::learn`].
    pub(crate) learned: Arc<Learned>,
}

/// What a document shows of the repositories and trackers it uses.
#[derive(Clone, Debug, Default)]
pub(crate) struct Learned {
    /// Known `owner/repo` pairs in the document, to complete `repo#N`.
    known: KnownRepositories,
    /// `owner/repo` of every issue or pull request URL in the document.
    issue_repos: BTreeSet<String>,
    /// The repository (`owner/repo`) of the full keys (`owner/repo#N`, from a
    /// link or written out) with each number `N`, while there is only one.
    numbered: BTreeMap<u64, OneRepository>,
    /// Which tracker projects the document uses (`OPS` for `OPS-2281`).
    tickets: TicketEvidence,
    /// The document speaks of merge requests or GitLab: a bare `!N` is a merge request.
    merge_requests: bool,
}

impl RepoContext {
    /// Learn from a piece of prose: repositories and links as [`RepoContext::learn_code`]
    /// does, and the words that show which forms the document uses.
    pub fn learn(&mut self, text: &str) {
        self.learn_code(text);
        let prose = blank_inline_code(text);
        let learned = Arc::make_mut(&mut self.learned);
        learned.tickets.learn_prose(&prose);
        learned.merge_requests = learned.merge_requests || MERGE_REQUEST_TALK.is_match(&prose);
    }

    /// The same context with `repository` as its default: what was learned is
    /// shared, not copied.
    pub fn with_default(&self, repository: &str) -> RepoContext {
        RepoContext {
            default_repository: Some(repository.to_string()),
            aliases: self.aliases.clone(),
            learned: Arc::clone(&self.learned),
        }
    }

    /// Whether a bare `!N` is a merge request here.
    pub fn merge_requests(&self) -> bool {
        self.learned.merge_requests
    }

    /// Reads a bare `!N` as a merge request (or not), whatever the document shows.
    #[cfg(test)]
    pub fn set_merge_requests(&mut self, yes: bool) {
        Arc::make_mut(&mut self.learned).merge_requests = yes;
    }

    /// Learn every `owner/repo` named by a URL or an `owner/repo#N` reference in
    /// `text`, and the tracker projects it links. All there is to learn from a
    /// code block, whose words (`ticket`, `MR`, `ABC-1`) say nothing of the minutes.
    pub fn learn_code(&mut self, text: &str) {
        let learned = Arc::make_mut(&mut self.learned);
        // Every repository, link and reference learned here is written with a `/`.
        if !text.contains('/') {
            learned.tickets.learn_links(text);
            return;
        }
        let urls = REPO_URL
            .captures_iter(text)
            .map(|c| (c[1].to_string(), c[2].trim_end_matches(".git").to_string()));
        let written = FULL
            .captures_iter(text)
            .map(|c| (c[1].to_string(), c[2].to_string()));
        for c in URL.captures_iter(text) {
            learned.issue_repos.insert(format!("{}/{}", &c[2], &c[3]));
        }
        for c in GITLAB_URL.captures_iter(text) {
            learned.issue_repos.insert(c[2].to_string());
            learned.merge_requests = true;
        }
        for (owner, repo) in urls.chain(written) {
            if !matches!(
                owner.as_str(),
                "orgs" | "apps" | "organizations" | "settings" | "sponsors"
            ) {
                learned.known.add(owner, repo);
            }
        }
        let mut scan = Scan::new(text, 1);
        scan.links_to_issues();
        scan.written_in_full();
        for (_, r) in scan.found {
            if let IssueKey::Full { repository, .. } = r.key {
                match learned.numbered.entry(r.number) {
                    Entry::Vacant(e) => {
                        e.insert(OneRepository::Only(repository));
                    }
                    Entry::Occupied(mut e) => {
                        if matches!(e.get(), OneRepository::Only(only) if !only.eq_ignore_ascii_case(&repository))
                        {
                            e.insert(OneRepository::Several);
                        }
                    }
                }
            }
        }
        learned.tickets.learn_links(text);
    }

    /// The repository of a number written alone (`#47`, `!412`): the heading's or
    /// the configured one; else the one repository the document names with that
    /// very number (`acme/tools#47`); else the one repository whose issues it links.
    fn repository_of_bare(&self, number: u64) -> Option<String> {
        self.default_repository
            .clone()
            .or_else(|| match self.learned.numbered.get(&number) {
                Some(OneRepository::Only(only)) => Some(only.clone()),
                _ => None,
            })
            .or_else(|| self.single_repository())
    }

    fn owner_of(&self, repo: &str) -> Option<&str> {
        self.learned.known.owner_of(repo)
    }

    /// The repository of every issue linked in the document, when there is exactly one.
    pub fn single_repository(&self) -> Option<String> {
        let mut repos = self.learned.issue_repos.iter();
        match (repos.next(), repos.next()) {
            (Some(only), None) => Some(only.clone()),
            _ => None,
        }
    }

    /// The owner of most repositories linked in the document, when one owner has a clear majority.
    fn main_owner(&self) -> Option<&str> {
        self.learned.known.main_owner()
    }
}

/// One repository, or more than one (compared ignoring case).
#[derive(Clone, Debug)]
pub(crate) enum OneRepository {
    Only(String),
    Several,
}

/// The `owner/repo` pairs a document names, each once, with what is asked of
/// them kept up to date as they are added: the first owner of each repository
/// name, and the owner of most pairs.
#[derive(Clone, Debug, Default)]
pub(crate) struct KnownRepositories {
    pairs: HashSet<(String, String)>,
    /// Repository name in ASCII lower case -> the owner it was first named with.
    owners: HashMap<String, String>,
    /// Owner -> how many pairs it has.
    counts: HashMap<String, usize>,
    /// The owner with most pairs (ties: the least name) and its count.
    most: Option<(String, usize)>,
}

impl KnownRepositories {
    fn add(&mut self, owner: String, repo: String) {
        crate::work::step(1);
        let pair = (owner, repo);
        if self.pairs.contains(&pair) {
            return;
        }
        let (owner, repo) = pair;
        self.owners
            .entry(repo.to_ascii_lowercase())
            .or_insert_with(|| owner.clone());
        let count = self.counts.entry(owner.clone()).or_default();
        *count += 1;
        let count = *count;
        let leads = match &self.most {
            Some((best, n)) => count > *n || count == *n && owner < *best,
            None => true,
        };
        if leads {
            self.most = Some((owner.clone(), count));
        }
        self.pairs.insert((owner, repo));
    }

    fn owner_of(&self, repo: &str) -> Option<&str> {
        self.owners
            .get(&repo.to_ascii_lowercase())
            .map(String::as_str)
    }

    fn main_owner(&self) -> Option<&str> {
        crate::work::step(1);
        let (owner, n) = self.most.as_ref()?;
        (*n * 2 > self.pairs.len()).then_some(owner.as_str())
    }
}

static BARE_REPOSITORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Za-z0-9][\w.-]*)/([A-Za-z0-9][\w.-]*)$").expect("owner/repo regex")
});

/// `owner/repo` when `text` is exactly a repository name.
pub fn parse_repository(text: &str) -> Option<String> {
    BARE_REPOSITORY
        .captures(text.trim())
        .map(|c| format!("{}/{}", &c[1], &c[2]))
}

/// `owner/repo` of a repository URL (`https://github.com/owner/repo`), not of an issue or file in it.
pub fn repository_of_url(url: &str) -> Option<String> {
    let caps = REPO_URL.captures(url)?;
    let rest = &url[caps.get(0)?.end()..];
    rest.trim_end_matches('/')
        .is_empty()
        .then(|| format!("{}/{}", &caps[1], caps[2].trim_end_matches(".git")))
}

/// Every issue reference in `text` (which starts at 1-based `line`; `\n` advances lines).
pub fn find_issues(text: &str, line: u32, ctx: &RepoContext) -> Vec<IssueRef> {
    find_issue_spans(text, line, ctx)
        .into_iter()
        .map(|(_, r)| r)
        .collect()
}

/// [`find_issues`] with the byte range of `text` each reference was read from.
pub fn find_issue_spans(text: &str, line: u32, ctx: &RepoContext) -> Vec<(Range<usize>, IssueRef)> {
    // Every form read below is written with one of these: a link's `/`, `#N`,
    // `!N` or a tracker key's `-`.
    if !text.contains(['/', '#', '!', '-']) {
        return Vec::new();
    }
    let mut scan = Scan::new(text, line);
    scan.links_to_issues();
    scan.written_in_full();
    scan.tickets(ctx);
    scan.short_forms(ctx);
    scan.bare_numbers(ctx);
    scan.found.sort_by_key(|(at, _)| at.start);
    scan.found
}

/// One pass over a text: what is found, and where, so that later (looser) rules
/// skip text an earlier rule has read.
struct Scan<'a> {
    text: &'a str,
    line: u32,
    lines: LineIndex,
    /// Every link: paths and fragments of other links (`?view#5`, `/pull/3/files#diff`) are no references.
    links: Vec<Range<usize>>,
    /// Text read as a reference already.
    taken: Vec<Range<usize>>,
    found: Vec<(Range<usize>, IssueRef)>,
}

impl<'a> Scan<'a> {
    fn new(text: &'a str, line: u32) -> Self {
        Scan {
            text,
            line,
            lines: LineIndex::new(text),
            links: ANY_URL.find_iter(text).map(|m| m.range()).collect(),
            taken: Vec::new(),
            found: Vec::new(),
        }
    }

    fn line_at(&self, offset: usize) -> u32 {
        self.line + self.lines.line_of(offset) - 1
    }

    /// Whether `r` starts outside every link and every reference found so far.
    fn is_free(&self, r: &Range<usize>) -> bool {
        !self
            .links
            .iter()
            .chain(&self.taken)
            .any(|c| c.start <= r.start && r.start < c.end)
    }

    fn is_taken(&self, r: &Range<usize>) -> bool {
        self.taken
            .iter()
            .any(|c| c.start <= r.start && r.start < c.end)
    }

    fn push(
        &mut self,
        range: Range<usize>,
        key: IssueKey,
        number: u64,
        kind: IssueKind,
        url: Option<String>,
    ) {
        let line = self.line_at(range.start);
        self.found.push((
            range.clone(),
            IssueRef {
                key,
                number,
                kind,
                url,
                line,
            },
        ));
        self.taken.push(range);
    }

    /// Issue and pull-request links of the known forges, of any GitLab (`/-/issues/N`)
    /// and of Jira (`/browse/OPS-2281`).
    fn links_to_issues(&mut self) {
        for caps in URL.captures_iter(self.text) {
            let all = caps.get(0).expect("match");
            let Ok(number) = caps[5].parse::<u64>() else {
                continue;
            };
            let (host, owner, repo) = (&caps[1], &caps[2], &caps[3]);
            let kind = if &caps[4] == "issues" {
                IssueKind::Issue
            } else {
                IssueKind::Pull
            };
            let url = format!(
                "https://{host}/{owner}/{repo}/{}/{number}",
                url_kind(host, &caps[4])
            );
            self.push(
                all.range(),
                IssueKey::in_repository(&format!("{owner}/{repo}"), number),
                number,
                kind,
                Some(url),
            );
        }
        for caps in GITLAB_URL.captures_iter(self.text) {
            let all = caps.get(0).expect("match");
            let Ok(number) = caps[4].parse::<u64>() else {
                continue;
            };
            let goes_on =
                self.text[all.end()..].starts_with(|c: char| c.is_alphanumeric() || c == '_');
            if self.is_taken(&all.range()) || goes_on {
                continue;
            }
            let (host, project, what) = (&caps[1], &caps[2], &caps[3]);
            let kind = if what == "merge_requests" {
                IssueKind::Pull
            } else {
                IssueKind::Issue
            };
            let url = format!("https://{host}/{project}/-/{what}/{number}");
            self.push(
                all.range(),
                IssueKey::in_repository(project, number),
                number,
                kind,
                Some(url),
            );
        }
        for k in ticket::browse_links(self.text) {
            if !self.is_taken(&k.range) {
                let url = self.text[k.range.clone()].to_string();
                let key = IssueKey::Ticket {
                    project: k.project,
                    number: k.number,
                };
                self.push(k.range, key, k.number, IssueKind::Issue, Some(url));
            }
        }
    }

    /// `owner/repo#N`, and GitLab's `group/project!N` for merge requests.
    fn written_in_full(&mut self) {
        for caps in FULL.captures_iter(self.text) {
            let m = caps.get(0).expect("match");
            let r = caps.get(1).expect("owner").start()..m.end();
            if !self.is_free(&r) || caps[1].contains('.') && caps[1].contains("github") {
                continue;
            }
            let Ok(number) = caps[3].parse::<u64>() else {
                continue;
            };
            let key = IssueKey::in_repository(&format!("{}/{}", &caps[1], &caps[2]), number);
            self.push(r, key, number, IssueKind::Unknown, None);
        }
        for caps in FULL_MERGE_REQUEST.captures_iter(self.text) {
            let m = caps.get(0).expect("match");
            let r = caps.get(1).expect("project").start()..m.end();
            if !self.is_free(&r) || continues(self.text, m.end()) {
                continue;
            }
            let Ok(number) = caps[2].parse::<u64>() else {
                continue;
            };
            let key = IssueKey::in_repository(&caps[1], number);
            self.push(r, key, number, IssueKind::Pull, None);
        }
    }

    /// Tracker keys (`OPS-2281`) outside code spans, of projects the document shows to be a tracker's.
    fn tickets(&mut self, ctx: &RepoContext) {
        let prose = blank_inline_code(self.text);
        for k in ticket::keys(&prose) {
            if self.is_free(&k.range) && ctx.learned.tickets.confirms(&k.project) {
                let key = IssueKey::Ticket {
                    project: k.project,
                    number: k.number,
                };
                self.push(k.range, key, k.number, IssueKind::Issue, None);
            }
        }
    }

    /// `repo#N` and `repo/#N`, completed from the document's repositories.
    fn short_forms(&mut self, ctx: &RepoContext) {
        for caps in SHORT.captures_iter(self.text) {
            let g = caps.get(1).expect("repo");
            let r = g.start()..caps.get(0).expect("match").end();
            let worded = matches!(
                caps[1].to_lowercase().as_str(),
                "ticket" | "issue" | "bug" | "pr" | "mr" | "tickets" | "issues" | "bugs" | "prs"
            );
            if !self.is_free(&r) || worded {
                continue;
            }
            let Ok(number) = caps[2].parse::<u64>() else {
                continue;
            };
            let repo = &caps[1];
            let key = match (ctx.aliases.get(repo), ctx.owner_of(repo), ctx.main_owner()) {
                (Some(full), _, _) => IssueKey::in_repository(full, number),
                (None, Some(owner), _) => {
                    IssueKey::in_repository(&format!("{owner}/{repo}"), number)
                }
                // A capitalised word before `#N` with no repository behind it is a name (`Hack#6`).
                _ if repo.starts_with(|c: char| c.is_uppercase()) => continue,
                (None, None, Some(owner)) => {
                    IssueKey::in_repository(&format!("{owner}/{repo}"), number)
                }
                (None, None, None) => IssueKey::Bare { number },
            };
            self.push(r, key, number, IssueKind::Unknown, None);
        }
    }

    /// `#N`, `Ticket #N`, `PR #N`, and GitLab's `!N` in a document about merge requests.
    fn bare_numbers(&mut self, ctx: &RepoContext) {
        let mut bare = Vec::new();
        for caps in WORDED.captures_iter(self.text) {
            let m = caps.get(0).expect("match");
            if !self.is_free(&m.range()) {
                continue;
            }
            let Ok(number) = caps[2].parse::<u64>() else {
                continue;
            };
            let word = caps
                .get(1)
                .map_or(String::new(), |w| w.as_str().to_lowercase());
            if word.is_empty() && follows_numbered_name(&self.text[..m.start()]) {
                continue;
            }
            let kind = if matches!(
                word.as_str(),
                "pr" | "pull request" | "mr" | "merge request"
            ) {
                IssueKind::Pull
            } else if word.is_empty() {
                IssueKind::Unknown
            } else {
                IssueKind::Issue
            };
            bare.push((m.range(), number, kind));
        }
        if ctx.merge_requests() {
            for caps in MERGE_REQUEST.captures_iter(self.text) {
                let n = caps.get(1).expect("number");
                let r = n.start() - 1..n.end();
                if !self.is_free(&r) || continues(self.text, n.end()) {
                    continue;
                }
                let Ok(number) = n.as_str().parse::<u64>() else {
                    continue;
                };
                bare.push((r, number, IssueKind::Pull));
            }
        }
        for (r, number, kind) in bare {
            let key = match ctx.repository_of_bare(number) {
                Some(repo) => IssueKey::in_repository(&repo, number),
                None => IssueKey::Bare { number },
            };
            self.push(r, key, number, kind, None);
        }
    }
}

/// Whether the token that ends at `end` goes on: `CVE-2024-53916`, `OSISM-6.0`,
/// `SRV-1.example.org`, `!412abc`.
fn continues(text: &str, end: usize) -> bool {
    let mut rest = text[end..].chars();
    match rest.next() {
        Some(c) if c.is_alphanumeric() || c == '_' || c == '-' => true,
        Some('.' | '/' | ':' | '@' | '+') => rest.next().is_some_and(char::is_alphanumeric),
        _ => false,
    }
}

/// Whether `before` ends with a noun that takes a running number (`GX-Hackathon #5`).
fn follows_numbered_name(before: &str) -> bool {
    let word = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    !word.is_empty() && super::lexicon::NUMBERED_NAMES.contains(&word.to_lowercase())
}

fn url_kind(host: &str, kind: &str) -> &'static str {
    match (host, kind) {
        (_, "issues") => "issues",
        (_, "merge_requests") => "merge_requests",
        ("github.com", _) => "pull",
        _ => "pulls",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str, ctx: &RepoContext) -> Vec<String> {
        find_issues(text, 1, ctx)
            .into_iter()
            .map(|r| r.key.to_string())
            .collect()
    }

    /// The keys of `refs` as written.
    fn written(refs: &[IssueRef]) -> Vec<String> {
        refs.iter().map(|r| r.key.to_string()).collect()
    }

    #[test]
    fn urls_with_tails_and_kinds() {
        let refs = find_issues(
            "see https://github.com/acme/tools/pull/81/commits and\nhttps://github.com/acme/tools/issues/7#issuecomment-1",
            1,
            &RepoContext::default(),
        );
        assert_eq!(refs[0].key.to_string(), "acme/tools#81");
        assert_eq!(refs[0].kind, IssueKind::Pull);
        assert_eq!(refs[1].key.to_string(), "acme/tools#7");
        assert_eq!(refs[1].line, 2);
    }

    #[test]
    fn short_forms() {
        let mut ctx = RepoContext::default();
        ctx.learn("https://github.com/acme/lang-team/issues/1");
        assert_eq!(
            keys("acme/infra#498 and lang-team#59, docs/#17", &ctx),
            vec!["acme/infra#498", "acme/lang-team#59", "acme/docs#17"]
        );
        // The document links issues of one repository only: bare numbers belong there.
        assert_eq!(
            keys("Ticket #611 tracks it; PR #3", &ctx),
            vec!["acme/lang-team#611", "acme/lang-team#3"]
        );
        assert_eq!(
            keys("About \\#139, and (#7) but not #1f2f3f or a#5", &ctx),
            vec!["acme/lang-team#139", "acme/lang-team#7"]
        );
        assert!(keys("a repository link https://github.com/acme/tools", &ctx).is_empty());
    }

    #[test]
    fn no_references_inside_other_links_or_names() {
        let ctx = RepoContext::default();
        assert_eq!(
            keys("Ticket #611 with nothing else known", &ctx),
            vec!["#611"]
        );
        assert!(keys("see https://hackmd.io/abc?view#5 and Hack#6", &ctx).is_empty());
        assert!(keys("the GX-Hackathon #5 and Sprint #12", &ctx).is_empty());
        assert_eq!(
            keys("rfcs#3324 with no repository known", &ctx),
            vec!["#3324"]
        );
    }

    #[test]
    fn configured_short_names() {
        let mut ctx = RepoContext::default();
        ctx.aliases
            .insert("k8s-capi".into(), "acme/k8s-cluster-api-provider".into());
        assert_eq!(
            keys("see k8s-capi#600 and k8s-capi/#601", &ctx),
            vec![
                "acme/k8s-cluster-api-provider#600",
                "acme/k8s-cluster-api-provider#601"
            ]
        );
    }

    #[test]
    fn repositories_named_by_headings() {
        assert_eq!(
            parse_repository("rust-lang/rust").as_deref(),
            Some("rust-lang/rust")
        );
        assert_eq!(parse_repository("Pending proposals"), None);
        assert_eq!(
            repository_of_url("https://github.com/acme/tools/").as_deref(),
            Some("acme/tools")
        );
        assert_eq!(
            repository_of_url("https://github.com/acme/tools/issues/3"),
            None
        );
    }

    /// A context that has learned `doc`, as a meeting's does from all of its text.
    fn learned(doc: &str) -> RepoContext {
        let mut ctx = RepoContext::default();
        ctx.learn(doc);
        ctx
    }

    #[test]
    fn ticket_keys_after_a_ticket_word() {
        let text = "Unplanned tickets (OPS-2281, OPS-2290) and later OPS-2302.";
        let refs = find_issues(text, 1, &learned(text));
        let as_written = written(&refs);
        let found: Vec<(&str, u64, IssueKind)> = refs
            .iter()
            .zip(&as_written)
            .map(|(r, k)| (k.as_str(), r.number, r.kind))
            .collect();
        assert_eq!(
            found,
            vec![
                ("OPS-2281", 2281, IssueKind::Issue),
                ("OPS-2290", 2290, IssueKind::Issue),
                ("OPS-2302", 2302, IssueKind::Issue),
            ]
        );
        assert!(refs.iter().all(|r| r.url.is_none()));
        let ctx = learned("Jira: QA-7 is open");
        assert_eq!(keys("Jira: QA-7 is open", &ctx), vec!["QA-7"]);
    }

    #[test]
    fn ticket_keys_from_browse_links() {
        let text = "see https://issues.example.org/browse/OPS-2281 and\n\
                    https://acme.atlassian.net/browse/abc-12?focusedCommentId=3";
        let refs = find_issues(text, 1, &learned(text));
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].key.to_string(), "OPS-2281");
        assert_eq!(refs[0].number, 2281);
        assert_eq!(refs[0].kind, IssueKind::Issue);
        assert_eq!(
            refs[0].url.as_deref(),
            Some("https://issues.example.org/browse/OPS-2281")
        );
        assert_eq!(refs[1].key.to_string(), "ABC-12");
        assert_eq!(refs[1].line, 2);
        assert_eq!(
            refs[1].url.as_deref(),
            Some("https://acme.atlassian.net/browse/abc-12")
        );
        // A link elsewhere in the document shows the project is a tracker's.
        let mut ctx = RepoContext::default();
        ctx.learn_code("https://issues.example.org/browse/OPS-1");
        assert_eq!(keys("OPS-2281 is done", &ctx), vec!["OPS-2281"]);
    }

    #[test]
    fn ticket_keys_need_evidence_of_a_tracker() {
        // One key of a project, no ticket word, no tracker named: a name, not a ticket.
        let lone = "work package VP10-3 and the SCS-1 cloud, C5 criterion OPS-22";
        assert!(keys(lone, &learned(lone)).is_empty());
        // Several numbers of one project are tickets.
        let several = "OPS-12 blocks OPS-13";
        assert_eq!(keys(several, &learned(several)), vec!["OPS-12", "OPS-13"]);
        // A document that names the tracker: every key counts.
        let named = "Triaged in JIRA today: OPS-22";
        assert_eq!(keys(named, &learned(named)), vec!["OPS-22"]);
        // Words in code are no evidence.
        let mut ctx = RepoContext::default();
        ctx.learn_code("ticket OPS-22 and OPS-23 in Jira");
        assert!(keys("OPS-22", &ctx).is_empty());
    }

    #[test]
    fn ticket_like_words_that_are_no_tickets() {
        let ctx = RepoContext {
            learned: Arc::new(Learned {
                tickets: TicketEvidence {
                    tracker_named: true,
                    ..TicketEvidence::default()
                },
                ..Learned::default()
            }),
            ..RepoContext::default()
        };
        for text in [
            "CVE-2024-53916",
            "UTF-8 and UTF-16",
            "ISO-8601 dates",
            "SHA-256, SHA3-256 and MD-5",
            "RFC-1234",
            "X-509",
            "CWE-79 and GHSA-1",
            "TLS-1.3",
            "ES2015-1",
            "UTC-5 and GMT-8",
            "in CW29-31 and Q1-2025",
            "GPT-4 and MVP-1",
            "PEP-8",
            "SCS-0001 and SA-00950",
            "MVP-0",
            "OSISM-6.0.0a and SCS-5.2.0",
            "host SRV-12.example.org",
            "path /srv/ABC-12 and node-ABC-12 and ABC-12_x and ABC-12a",
            "mail ABC-12@example.org",
            "https://example.org/tickets/ABC-12",
            "`ABC-12` in code",
            "lower case abc-12",
            "OPS-",
        ] {
            assert!(keys(text, &ctx).is_empty(), "{text}");
        }
        assert_eq!(
            keys("K8S-1 and ABC-12: done", &ctx),
            vec!["K8S-1", "ABC-12"]
        );
    }

    #[test]
    fn gitlab_links_on_any_host() {
        let text = "https://gitlab.example.com/platform/infra/-/merge_requests/431/diffs \
                    https://git.example.org:8443/group/sub/project/-/issues/77#note_1 \
                    https://gitlab.example.com/platform/infra/-/work_items/9 \
                    https://gitlab.com/acme/sub/tools/-/merge_requests/5";
        let refs = find_issues(text, 1, &RepoContext::default());
        let as_written = written(&refs);
        let found: Vec<(&str, IssueKind, Option<&str>)> = refs
            .iter()
            .zip(&as_written)
            .map(|(r, k)| (k.as_str(), r.kind, r.url.as_deref()))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    "platform/infra#431",
                    IssueKind::Pull,
                    Some("https://gitlab.example.com/platform/infra/-/merge_requests/431")
                ),
                (
                    "group/sub/project#77",
                    IssueKind::Issue,
                    Some("https://git.example.org:8443/group/sub/project/-/issues/77")
                ),
                (
                    "platform/infra#9",
                    IssueKind::Issue,
                    Some("https://gitlab.example.com/platform/infra/-/work_items/9")
                ),
                (
                    "acme/sub/tools#5",
                    IssueKind::Pull,
                    Some("https://gitlab.com/acme/sub/tools/merge_requests/5")
                ),
            ]
        );
        // Other paths with `/-/` are no issues.
        assert!(
            keys(
                "https://gitlab.example.com/platform/infra/-/tree/main",
                &RepoContext::default()
            )
            .is_empty()
        );
    }

    #[test]
    fn gitlab_merge_requests_written_out() {
        let ctx = RepoContext::default();
        let refs = find_issues("group/project!420 and group/sub/project!7.", 1, &ctx);
        let as_written = written(&refs);
        let found: Vec<(&str, IssueKind)> = refs
            .iter()
            .zip(&as_written)
            .map(|(r, k)| (k.as_str(), r.kind))
            .collect();
        assert_eq!(
            found,
            vec![
                ("group/project#420", IssueKind::Pull),
                ("group/sub/project#7", IssueKind::Pull)
            ]
        );
        assert!(keys("and/or!1x, https://example.org/a/b!3", &ctx).is_empty());
    }

    #[test]
    fn bare_merge_requests_in_documents_about_them() {
        // Nothing says merge request: `!412` is an exclamation.
        let plain = "It landed (!412) and yes !1";
        assert!(keys(plain, &learned(plain)).is_empty());
        for doc in [
            "The split landed (!412); GitLab CI is faster",
            "Merge requests: !412",
            "MR !412 landed",
            "mr !412 landed",
        ] {
            let refs = find_issues(doc, 1, &learned(doc));
            assert_eq!(refs.len(), 1, "{doc}");
            assert_eq!(refs[0].key.to_string(), "#412");
            assert_eq!(refs[0].kind, IssueKind::Pull);
        }
        // The one project the document links takes the number.
        let doc = "landed (!412), see https://gitlab.example.com/platform/infra/-/issues/3";
        assert_eq!(
            keys(doc, &learned(doc)),
            vec!["platform/infra#412", "platform/infra#3"]
        );
        let doc = "GitLab: Hi!412 and 3!2 and !41x";
        assert!(keys(doc, &learned(doc)).is_empty());
    }

    #[test]
    fn bare_numbers_take_the_full_key_with_that_number() {
        let doc = "https://github.com/acme/tools/issues/47 and https://github.com/other/lib/pull/12 \
                   were merged; #47 and !12 need a follow-up, #5 does not";
        let mut ctx = learned(doc);
        ctx.set_merge_requests(true);
        assert_eq!(
            keys("#47 and !12 need a follow-up, #5 does not", &ctx),
            vec!["acme/tools#47", "other/lib#12", "#5"]
        );
        // Two repositories with that number: it stays unknown.
        let doc = "acme/tools#47 and other/lib#47; #47";
        assert_eq!(keys("#47", &learned(doc)), vec!["#47"]);
        // The heading's repository still comes first.
        let ctx = RepoContext {
            default_repository: Some("acme/docs".into()),
            ..learned("acme/tools#47")
        };
        assert_eq!(keys("#47", &ctx), vec!["acme/docs#47"]);
    }

    #[test]
    fn tokens_that_go_on() {
        assert!(continues("-53916", 0));
        assert!(continues(".0.0a", 0));
        assert!(continues(".example.org", 0));
        assert!(!continues(". Next", 0));
        assert!(!continues(", OPS-2", 0));
        assert!(!continues("'s", 0));
        assert!(!continues("", 0));
    }

    #[test]
    fn a_heading_context_shares_what_was_learned() {
        let ctx = learned("https://github.com/acme/tools/issues/47 and tools#3");
        let under = ctx.with_default("acme/docs");
        assert!(Arc::ptr_eq(&ctx.learned, &under.learned));
        assert_eq!(
            keys("#5 and tools#6", &under),
            vec!["acme/docs#5", "acme/tools#6"]
        );
    }

    #[test]
    fn bare_numbers_take_the_default_repository() {
        let ctx = RepoContext {
            default_repository: Some("acme/tools".into()),
            ..RepoContext::default()
        };
        assert_eq!(keys("issue #12", &ctx), vec!["acme/tools#12"]);
    }
}
