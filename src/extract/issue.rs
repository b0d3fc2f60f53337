//! Issue and pull-request references in every common form, normalised to
//! `owner/repo#N` (or `#N` when no repository can be known).

use super::records::IssueRef;
use crate::model::IssueKind;
use regex::Regex;
use std::sync::LazyLock;

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"https?://(?:www\.)?(github\.com|gitlab\.com|codeberg\.org|gitea\.com)/([\w.-]+(?:/[\w.-]+)*?)/([\w.-]+)/(?:-/)?(issues|pull|pulls|merge_requests)/(\d+)",
    )
    .expect("issue URL regex")
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
static SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w/.#-])([A-Za-z][\w.-]+?)/?#(\d+)\b").expect("repo#N regex")
});
static WORDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(ticket|issue|bug|pr|pull request|mr|merge request)s?\s*|(?:^|[\s(\[,;:/])\\?)#\s?(\d{1,7})\b(?:[^\w-]|$)")
        .expect("ticket #N regex")
});

/// Where bare and short references take their repository from.
#[derive(Clone, Debug, Default)]
pub struct RepoContext {
    /// `owner/repo` for a bare `#N` (from a heading like `### owner/repo`, or the configuration).
    pub default_repository: Option<String>,
    /// Known `owner/repo` pairs in the document, to complete `repo#N`.
    pub known: Vec<(String, String)>,
    /// Configured short names -> `owner/repo` (`k8s-capi` -> `acme/k8s-cluster-api-provider`).
    pub aliases: std::collections::BTreeMap<String, String>,
    /// `owner/repo` of every issue or pull request URL in the document.
    pub issue_repos: std::collections::BTreeSet<String>,
}

impl RepoContext {
    /// Learn every `owner/repo` named by a GitHub URL or an `owner/repo#N` reference in `text`.
    pub fn learn(&mut self, text: &str) {
        let urls = REPO_URL
            .captures_iter(text)
            .map(|c| (c[1].to_string(), c[2].trim_end_matches(".git").to_string()));
        let written = FULL
            .captures_iter(text)
            .map(|c| (c[1].to_string(), c[2].to_string()));
        for c in URL.captures_iter(text) {
            self.issue_repos.insert(format!("{}/{}", &c[2], &c[3]));
        }
        for (owner, repo) in urls.chain(written) {
            if !matches!(
                owner.as_str(),
                "orgs" | "apps" | "organizations" | "settings" | "sponsors"
            ) {
                let pair = (owner, repo);
                if !self.known.contains(&pair) {
                    self.known.push(pair);
                }
            }
        }
    }

    fn owner_of(&self, repo: &str) -> Option<&str> {
        self.known
            .iter()
            .find(|(_, r)| r.eq_ignore_ascii_case(repo))
            .map(|(o, _)| o.as_str())
    }

    /// The repository of every issue linked in the document, when there is exactly one.
    pub fn single_repository(&self) -> Option<String> {
        let mut repos = self.issue_repos.iter();
        match (repos.next(), repos.next()) {
            (Some(only), None) => Some(only.clone()),
            _ => None,
        }
    }

    /// The owner of most repositories linked in the document, when one owner has a clear majority.
    fn main_owner(&self) -> Option<&str> {
        let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for (owner, _) in &self.known {
            *counts.entry(owner.as_str()).or_default() += 1;
        }
        let (owner, n) = counts
            .iter()
            .max_by_key(|(o, n)| (**n, std::cmp::Reverse(**o)))?;
        (*n * 2 > self.known.len()).then_some(*owner)
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
    let mut found: Vec<(usize, IssueRef)> = Vec::new();
    let line_at = |offset: usize| line + text[..offset].matches('\n').count() as u32;
    // Fragments and paths of other links (`?view#5`, `/pull/3/files#diff`) are no references.
    let mut covered: Vec<std::ops::Range<usize>> =
        ANY_URL.find_iter(text).map(|m| m.range()).collect();
    for caps in URL.captures_iter(text) {
        let all = caps.get(0).expect("match");
        let (owner, repo) = (&caps[2], &caps[3]);
        let kind = match &caps[4] {
            "issues" => IssueKind::Issue,
            _ => IssueKind::Pull,
        };
        let Ok(number) = caps[5].parse::<u64>() else {
            continue;
        };
        let key = format!("{owner}/{repo}#{number}");
        let url = format!(
            "https://{}/{}/{}/{}/{}",
            &caps[1],
            owner,
            repo,
            url_kind(&caps[1], &caps[4]),
            number
        );
        covered.push(all.range());
        found.push((
            all.start(),
            IssueRef {
                key,
                number,
                kind,
                url: Some(url),
                line: line_at(all.start()),
            },
        ));
    }
    let outside = |r: &std::ops::Range<usize>, covered: &[std::ops::Range<usize>]| {
        !covered
            .iter()
            .any(|c| c.start <= r.start && r.start < c.end)
    };
    for caps in FULL.captures_iter(text) {
        let m = caps.get(0).expect("match");
        let r = caps.get(1).expect("owner").start()..m.end();
        if !outside(&r, &covered) || caps[1].contains('.') && caps[1].contains("github") {
            continue;
        }
        let Ok(number) = caps[3].parse::<u64>() else {
            continue;
        };
        let key = format!("{}/{}#{}", &caps[1], &caps[2], number);
        covered.push(r.clone());
        found.push((r.start, short_ref(key, number, line_at(r.start))));
    }
    for caps in SHORT.captures_iter(text) {
        let g = caps.get(1).expect("repo");
        let r = g.start()..caps.get(0).expect("match").end();
        let worded = matches!(
            caps[1].to_lowercase().as_str(),
            "ticket" | "issue" | "bug" | "pr" | "mr" | "tickets" | "issues" | "bugs" | "prs"
        );
        if !outside(&r, &covered) || worded {
            continue;
        }
        let Ok(number) = caps[2].parse::<u64>() else {
            continue;
        };
        let repo = &caps[1];
        let key = match (ctx.aliases.get(repo), ctx.owner_of(repo), ctx.main_owner()) {
            (Some(full), _, _) => format!("{full}#{number}"),
            (None, Some(owner), _) => format!("{owner}/{repo}#{number}"),
            // A capitalised word before `#N` with no repository behind it is a name (`Hack#6`).
            _ if repo.starts_with(|c: char| c.is_uppercase()) => continue,
            (None, None, Some(owner)) => format!("{owner}/{repo}#{number}"),
            (None, None, None) => format!("#{number}"),
        };
        covered.push(r.clone());
        found.push((r.start, short_ref(key, number, line_at(r.start))));
    }
    for caps in WORDED.captures_iter(text) {
        let m = caps.get(0).expect("match");
        if !outside(&m.range(), &covered) {
            continue;
        }
        let Ok(number) = caps[2].parse::<u64>() else {
            continue;
        };
        let word = caps
            .get(1)
            .map_or(String::new(), |w| w.as_str().to_lowercase());
        if word.is_empty() && follows_numbered_name(&text[..m.start()]) {
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
        // A bare number belongs to the configured or heading repository, else to the
        // one repository whose issues the document links, if there is just one.
        let key = match ctx
            .default_repository
            .clone()
            .or_else(|| ctx.single_repository())
        {
            Some(repo) => format!("{repo}#{number}"),
            None => format!("#{number}"),
        };
        found.push((
            m.start(),
            IssueRef {
                key,
                number,
                kind,
                url: None,
                line: line_at(m.start()),
            },
        ));
    }
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, r)| r).collect()
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

/// A reference written without a URL: its kind is unknown.
fn short_ref(key: String, number: u64, line: u32) -> IssueRef {
    IssueRef {
        key,
        number,
        kind: IssueKind::Unknown,
        url: None,
        line,
    }
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
            .map(|r| r.key)
            .collect()
    }

    #[test]
    fn urls_with_tails_and_kinds() {
        let refs = find_issues(
            "see https://github.com/acme/tools/pull/81/commits and\nhttps://github.com/acme/tools/issues/7#issuecomment-1",
            1,
            &RepoContext::default(),
        );
        assert_eq!(refs[0].key, "acme/tools#81");
        assert_eq!(refs[0].kind, IssueKind::Pull);
        assert_eq!(refs[1].key, "acme/tools#7");
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

    #[test]
    fn bare_numbers_take_the_default_repository() {
        let ctx = RepoContext {
            default_repository: Some("acme/tools".into()),
            ..RepoContext::default()
        };
        assert_eq!(keys("issue #12", &ctx), vec!["acme/tools#12"]);
    }
}
