//! The plan of a corpus: people, communities, the meeting series each community
//! holds (one style per series, dates, regular attendees) and the topics that
//! run through a series. Everything here is drawn once from the seed; a file is
//! then written from the plan and its own draws alone.

use super::date::Day;
use super::rng::Rng;
use super::styles::Style;
use super::words;
use std::collections::HashSet;

/// Draws of the plan (the other tags are in `meeting.rs`).
const TAG_PLAN: u64 = 1;

/// The size of a file, as bucket bounds in bytes and weights per thousand:
/// log-normal-ish around 4 KB, as the real corpora are.
const SIZE_BUCKETS: &[(usize, usize, u32)] = &[
    (512, 1024, 90),
    (1024, 2048, 180),
    (2048, 4096, 250),
    (4096, 8192, 220),
    (8192, 16_384, 150),
    (16_384, 32_768, 75),
    (32_768, 51_200, 28),
    (51_200, 122_880, 7),
];

/// One in this many files is a long chat log or transcript of about a megabyte.
pub const GIANT_EVERY: usize = 2000;

pub struct Person {
    pub given: &'static str,
    pub family: &'static str,
    /// GitHub-style handle, without `@`.
    pub handle: String,
    /// Chat nick.
    pub nick: String,
    pub org: &'static str,
}

impl Person {
    pub fn name(&self) -> String {
        format!("{} {}", self.given, self.family)
    }
}

pub struct Community {
    /// Folder and GitHub organisation, e.g. `amberforge`.
    pub slug: String,
    /// As written in titles, e.g. `Amberforge`.
    pub name: String,
    pub repos: Vec<&'static str>,
    pub services: Vec<&'static str>,
}

/// An issue or pull request of a community repository.
#[derive(Clone, Copy, Debug)]
pub struct Ref {
    pub repo: usize,
    pub number: u32,
    pub pull: bool,
}

/// A subject that runs through meetings `from..to` of a series.
#[derive(Clone, Debug)]
pub struct Topic {
    pub title: String,
    /// Indices into the community's services.
    pub svc: [usize; 2],
    pub repo: usize,
    pub refs: Vec<Ref>,
    /// Index into the series cast.
    pub owner: usize,
    pub from: u32,
    pub to: u32,
}

pub struct Series {
    pub community: usize,
    pub style: Style,
    pub team: String,
    /// The series' name as titles write it, e.g. `Storage team weekly`.
    pub title: String,
    /// Folder of its files, relative to the output directory.
    pub dir: String,
    /// Global person indices; the first `core` come to most meetings.
    pub cast: Vec<usize>,
    pub core: usize,
    pub dates: Vec<Day>,
    pub hour: u32,
    pub minute: u32,
    pub topics: Vec<Topic>,
    /// Bits that pick this series' habits (heading words, list forms).
    pub variant: u32,
    /// Number of the first meeting, for series that count their meetings.
    pub number_base: u32,
    pub ext: &'static str,
}

impl Series {
    /// Whether habit `bit` is on for this series.
    pub fn habit(&self, bit: u32) -> bool {
        self.variant >> (bit % 32) & 1 == 1
    }

    /// The chair: the first of the cast.
    pub fn chair(&self) -> usize {
        self.cast[0]
    }
}

/// One file to write: meeting `meeting` of series `series`, about `target` bytes.
#[derive(Clone, Copy, Debug)]
pub struct FileSpec {
    pub series: u32,
    pub meeting: u32,
    pub target: u32,
}

pub struct Corpus {
    pub seed: u64,
    pub people: Vec<Person>,
    pub communities: Vec<Community>,
    pub series: Vec<Series>,
    pub files: Vec<FileSpec>,
}

/// Draws the whole plan for `files` files.
pub fn plan(files: usize, seed: u64) -> Corpus {
    let mut rng = Rng::derive(seed, TAG_PLAN, files as u64, 0);
    let per_style = apportion(
        files,
        &Style::ALL.map(Style::weight),
        files >= Style::ALL.len(),
    );
    // Each style's files split into series of a typical length.
    let mut lengths: Vec<(Style, usize)> = Vec::new();
    for (style, &count) in Style::ALL.iter().zip(&per_style) {
        if count == 0 {
            continue;
        }
        let series = (count + style.series_length() / 2) / style.series_length();
        let weights: Vec<u32> = (0..series.max(1))
            .map(|_| rng.between(60, 140) as u32)
            .collect();
        for len in apportion(count, &weights, true) {
            lengths.push((*style, len));
        }
    }
    rng.shuffle(&mut lengths);
    let communities_count = lengths.len().div_ceil(3).max(lengths.len().min(3));
    let people = people(&mut rng, (communities_count * 14).max(60));
    let pairs = words::COMMUNITY_A.len() * words::COMMUNITY_B.len();
    let names = rng.sample(pairs, communities_count.min(pairs));
    let communities: Vec<Community> = (0..communities_count)
        .map(|i| community(&mut rng, names[i % pairs], i / pairs))
        .collect();
    // Each community draws its members from the shared pool, so some people
    // turn up in several communities, as they do.
    let members: Vec<Vec<usize>> = (0..communities_count)
        .map(|_| {
            let n = rng.between(10, 40);
            rng.sample(people.len(), n)
        })
        .collect();
    let mut teams_used: Vec<HashSet<String>> = vec![HashSet::new(); communities_count];
    let mut series = Vec::with_capacity(lengths.len());
    for (i, &(style, len)) in lengths.iter().enumerate() {
        let c = i % communities_count;
        let nth = lengths[..i].iter().filter(|l| l.0 == style).count();
        let mut s = make_series(
            &mut rng,
            c,
            &communities[c],
            &members[c],
            &mut teams_used[c],
            style,
            len,
        );
        s.ext = style.extension(nth);
        series.push(s);
    }
    let mut specs = Vec::with_capacity(files);
    for (i, s) in series.iter().enumerate() {
        for k in 0..s.dates.len() {
            let mut target = size(&mut rng);
            if s.style == Style::Transcript {
                target = (target * 2).min(122_880);
            }
            specs.push(FileSpec {
                series: i as u32,
                meeting: k as u32,
                target: target as u32,
            });
        }
    }
    if files >= 1000 {
        let chats: Vec<usize> = (0..specs.len())
            .filter(|&i| {
                matches!(
                    series[specs[i].series as usize].style,
                    Style::Irc | Style::Transcript
                )
            })
            .collect();
        for pick in rng.sample(chats.len(), (files / GIANT_EVERY).max(1)) {
            specs[chats[pick]].target = rng.between(900_000, 1_200_000) as u32;
        }
    }
    Corpus {
        seed,
        people,
        communities,
        series,
        files: specs,
    }
}

/// `total` split by `weights` (largest remainders), each share at least one
/// when `at_least_one` and there is enough to go round.
fn apportion(total: usize, weights: &[u32], at_least_one: bool) -> Vec<usize> {
    let sum: usize = weights.iter().map(|&w| w as usize).sum();
    let mut shares: Vec<usize> = weights.iter().map(|&w| total * w as usize / sum).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse((total * weights[i] as usize) % sum));
    let given: usize = shares.iter().sum();
    for &i in order.iter().take(total - given) {
        shares[i] += 1;
    }
    if at_least_one && total >= weights.len() {
        while let Some(empty) = shares.iter().position(|&n| n == 0) {
            let largest = (0..shares.len()).max_by_key(|&i| shares[i]).unwrap_or(0);
            shares[largest] -= 1;
            shares[empty] += 1;
        }
    }
    shares
}

fn size(rng: &mut Rng) -> usize {
    let weights: Vec<u32> = SIZE_BUCKETS.iter().map(|b| b.2).collect();
    let (lo, hi, _) = SIZE_BUCKETS[rng.weighted(&weights)];
    rng.between(lo, hi - 1)
}

/// Letters a handle can hold: lower-case ASCII.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars().flat_map(char::to_lowercase) {
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if let Some((_, to)) = words::FOLD.iter().find(|(from, _)| *from == ch) {
            out.push_str(to);
        }
    }
    out
}

fn people(rng: &mut Rng, count: usize) -> Vec<Person> {
    let mut names = HashSet::new();
    let mut handles = HashSet::new();
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let given = rng.word(words::GIVEN);
        let family = rng.word(words::FAMILY);
        if !names.insert((given, family)) && names.len() < words::GIVEN.len() * words::FAMILY.len()
        {
            continue;
        }
        let (g, f) = (fold(given), fold(family));
        let mut handle = match rng.below(6) {
            0 => format!("{g}{f}"),
            1 => format!("{}{f}", &g[..1]),
            2 => format!("{g}-{f}"),
            3 => format!("{g}{}", rng.between(1, 99)),
            4 => format!("{f}{}", &g[..1]),
            _ => format!("{}{}", &g[..g.len().min(4)], &f[..f.len().min(4)]),
        };
        while !handles.insert(handle.clone()) {
            handle.push_str(&rng.below(10).to_string());
        }
        let nick = match rng.below(3) {
            0 => handle.clone(),
            1 => format!("{g}{}", &f[..1]),
            _ => handle.replace('-', "_"),
        };
        out.push(Person {
            given,
            family,
            handle,
            nick,
            org: rng.word(words::ORGS),
        });
    }
    out
}

/// Community number `pair` of the name pairs; past the last pair, `round`
/// tells communities of the same name apart.
fn community(rng: &mut Rng, pair: usize, round: usize) -> Community {
    let a = words::COMMUNITY_A[pair % words::COMMUNITY_A.len()];
    let b = words::COMMUNITY_B[pair / words::COMMUNITY_A.len()];
    let mut slug = format!("{a}{b}");
    if round > 0 {
        slug.push_str(&(round + 1).to_string());
    }
    let name = format!("{}{}", a[..1].to_uppercase(), &slug[1..]);
    let count = rng.between(4, 9);
    let repos = rng
        .sample(words::REPOS.len(), count)
        .into_iter()
        .map(|j| words::REPOS[j])
        .collect();
    let count = rng.between(5, 12);
    let mut services: Vec<&'static str> = rng
        .sample(words::KNOWN_SERVICES.len(), count)
        .into_iter()
        .map(|j| words::KNOWN_SERVICES[j])
        .collect();
    let count = rng.between(1, 4);
    services.extend(
        rng.sample(words::INVENTED_SERVICES.len(), count)
            .into_iter()
            .map(|j| words::INVENTED_SERVICES[j]),
    );
    Community {
        slug,
        name,
        repos,
        services,
    }
}

fn make_series(
    rng: &mut Rng,
    c: usize,
    community: &Community,
    members: &[usize],
    teams_used: &mut HashSet<String>,
    style: Style,
    len: usize,
) -> Series {
    let names = if style == Style::Board {
        words::BOARDS
    } else {
        words::TEAMS
    };
    let free: Vec<&'static str> = names
        .iter()
        .copied()
        .filter(|t| !teams_used.contains(*t))
        .collect();
    let mut team = match free.first() {
        // A community has one board before it has committees.
        Some(&first) if style == Style::Board => first.to_string(),
        Some(_) => rng.word(&free).to_string(),
        None => rng.word(names).to_string(),
    };
    let base = team.clone();
    let mut n = 2;
    while !teams_used.insert(team.clone()) {
        team = format!("{base}-{n}");
        n += 1;
    }
    let count = rng.between(6, 18).min(members.len());
    let cast: Vec<usize> = rng
        .sample(members.len(), count)
        .into_iter()
        .map(|j| members[j])
        .collect();
    let core = rng.between(3, 7).min(cast.len());
    let cadence = style.cadence(rng);
    // The series ends before mid-2026 and spans its meetings with some gaps.
    let span = (len as i32) * cadence * 21 / 20 + 7;
    let latest = Day::from_ymd(2026, 6, 1).plus(-span);
    let start = latest
        .plus(-(rng.below(3 * 365) as i32))
        .max(Day::from_ymd(1999, 1, 4));
    let weekday = rng.below(5);
    let mut day = start.plus((weekday as i32 - start.weekday_index() as i32).rem_euclid(7));
    let mut dates = Vec::with_capacity(len);
    for _ in 0..len {
        dates.push(day);
        day = day.plus(cadence + if rng.chance(5) { 7 } else { 0 });
    }
    let topics = topics(rng, community, cast.len(), core, style, len, &dates);
    let variant = rng.next_u64() as u32;
    let title = style.series_title(&team, community);
    let dir = style.dir(&community.slug, &team);
    Series {
        community: c,
        style,
        team,
        title,
        dir,
        cast,
        core,
        dates,
        hour: rng.between(7, 18) as u32,
        minute: *rng.pick(&[0, 0, 0, 30, 15]),
        topics,
        variant,
        number_base: rng.between(1, 150) as u32,
        ext: style.extension(0),
    }
}

fn topics(
    rng: &mut Rng,
    community: &Community,
    cast: usize,
    core: usize,
    style: Style,
    len: usize,
    dates: &[Day],
) -> Vec<Topic> {
    let count = (4 + len / 5).min(400);
    let templates = if style == Style::Board {
        words::BOARD_TOPICS
    } else {
        words::TOPICS
    };
    (0..count)
        .map(|_| {
            let from = rng.below(len);
            let run = match rng.below(10) {
                0..=3 => rng.between(1, 3),
                4..=7 => rng.between(4, 10),
                _ => rng.between(11, 40),
            };
            let svc = [
                rng.below(community.services.len()),
                rng.below(community.services.len()),
            ];
            let repo = rng.below(community.repos.len());
            let mut title = String::new();
            let year = dates[from].year() + rng.below(2) as i32;
            let template = rng.word(templates);
            fill_fixed(template, community, svc, repo, year, rng, &mut title);
            let refs = (0..rng.below(if style == Style::Board { 2 } else { 4 }))
                .map(|_| new_ref(rng, community, dates[from]))
                .collect();
            Topic {
                title,
                svc,
                repo,
                refs,
                owner: if rng.chance(75) {
                    rng.below(core)
                } else {
                    rng.below(cast)
                },
                from: from as u32,
                to: (from + run).min(len) as u32,
            }
        })
        .collect()
}

/// A topic title: its slots are fixed once.
fn fill_fixed(
    template: &str,
    community: &Community,
    svc: [usize; 2],
    repo: usize,
    year: i32,
    rng: &mut Rng,
    out: &mut String,
) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        match &rest[open + 1..open + close] {
            "svc" => out.push_str(community.services[svc[0]]),
            "svc2" => out.push_str(community.services[svc[1]]),
            "repo" => out.push_str(community.repos[repo]),
            "ver" => out.push_str(&format!("{}.{}", rng.between(1, 9), rng.between(0, 20))),
            "major" => out.push_str(&rng.between(2, 30).to_string()),
            "year" => out.push_str(&year.to_string()),
            "org" => out.push_str(rng.word(words::ORGS)),
            other => out.push_str(other),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
}

/// An issue or pull request number that a repository could have reached by `day`.
pub fn new_ref(rng: &mut Rng, community: &Community, day: Day) -> Ref {
    let age = (day.year() - 2000).max(1) as usize;
    Ref {
        repo: rng.below(community.repos.len()),
        number: rng.between(1, 40 + age * 160) as u32,
        pull: rng.chance(45),
    }
}
