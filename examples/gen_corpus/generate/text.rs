//! Filling sentence templates. A template's `{slot}`s are replaced from the
//! meeting at hand:
//!
//! | slot | becomes |
//! |---|---|
//! | `{svc}`, `{svc2}` | the topic's services, else any of the community's |
//! | `{ref}` | one of the topic's issues, else a new one; `{newref}` a new one, `{pr}` a new pull request |
//! | `{p}`, `{p2}` | given names of two people present; `{P}` a full name |
//! | `{nick}` | a chat nick of someone present |
//! | `{repo}`, `{topic}` | the topic's repository and title |
//! | `{ver}`, `{n}`, `{pct}` | a version, a small number, a percentage |
//! | `{day}`, `{month}`, `{date}`, `{year}` | days, months and dates near the meeting |
//! | `{env}`, `{org}` | an environment, an organisation |

use super::cast::{Community, Corpus, Ref, Topic, new_ref};
use super::date::Day;
use super::rng::Rng;
use super::words;
use std::fmt::Write as _;

/// What a template is filled from.
pub struct Cx<'a> {
    pub corpus: &'a Corpus,
    pub community: &'a Community,
    pub date: Day,
    /// Global indices of the people present.
    pub present: &'a [usize],
    pub topic: Option<&'a Topic>,
    /// Whether references may be Markdown links.
    pub markdown: bool,
}

impl Cx<'_> {
    fn someone(&self, rng: &mut Rng) -> usize {
        *rng.pick(self.present)
    }

    pub fn fill(&self, template: &str, rng: &mut Rng, out: &mut String) {
        let mut rest = template;
        let mut first = None;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let slot = &rest[open + 1..open + close];
            self.slot(slot, rng, &mut first, out);
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
    }

    /// Fills `template` into a new string.
    pub fn text(&self, template: &str, rng: &mut Rng) -> String {
        let mut out = String::with_capacity(template.len() + 32);
        self.fill(template, rng, &mut out);
        out
    }

    fn slot(&self, slot: &str, rng: &mut Rng, first: &mut Option<usize>, out: &mut String) {
        let services = &self.community.services;
        match slot {
            "svc" => out.push_str(match self.topic {
                Some(t) => services[t.svc[0]],
                None => rng.word(services),
            }),
            "svc2" => out.push_str(match self.topic {
                Some(t) => services[t.svc[1]],
                None => rng.word(services),
            }),
            "ref" => {
                let r = match self.topic {
                    Some(t) if !t.refs.is_empty() => *rng.pick(&t.refs),
                    _ => new_ref(rng, self.community, self.date),
                };
                self.reference(r, rng, out);
            }
            "newref" => {
                let r = new_ref(rng, self.community, self.date);
                self.reference(r, rng, out);
            }
            "pr" => {
                let r = Ref {
                    pull: true,
                    ..new_ref(rng, self.community, self.date)
                };
                self.reference(r, rng, out);
            }
            "p" => {
                let who = self.someone(rng);
                *first = Some(who);
                out.push_str(self.corpus.people[who].given);
            }
            "p2" => {
                let mut who = self.someone(rng);
                if Some(who) == *first && self.present.len() > 1 {
                    who = self.someone(rng);
                }
                out.push_str(self.corpus.people[who].given);
            }
            "P" => out.push_str(&self.corpus.people[self.someone(rng)].name()),
            "nick" => out.push_str(&self.corpus.people[self.someone(rng)].nick),
            "repo" => out.push_str(match self.topic {
                Some(t) => self.community.repos[t.repo],
                None => rng.word(&self.community.repos),
            }),
            "topic" => match self.topic {
                Some(t) => lower_first(&t.title, out),
                None => out.push_str("this"),
            },
            "ver" => version(rng, out),
            "n" => {
                let _ = write!(out, "{}", rng.between(2, 19));
            }
            "pct" => {
                let _ = write!(out, "{}", rng.between(55, 97));
            }
            "day" => out.push_str(rng.word(words::WEEKDAYS)),
            "month" => out.push_str(self.date.plus(rng.between(20, 100) as i32).month_name()),
            "date" => self.date.plus(rng.between(3, 40) as i32).iso(out),
            "year" => {
                let _ = write!(out, "{}", self.date.year() + rng.below(2) as i32);
            }
            "env" => out.push_str(rng.word(words::ENVIRONMENTS)),
            "org" => out.push_str(rng.word(words::ORGS)),
            other => {
                out.push('{');
                out.push_str(other);
                out.push('}');
            }
        }
    }

    /// An issue or pull request as minutes write it: a URL, `org/repo#N`, a
    /// bare `#N`, or a Markdown link.
    pub fn reference(&self, r: Ref, rng: &mut Rng, out: &mut String) {
        let org = &self.community.slug;
        let repo = self.community.repos[r.repo];
        let kind = if r.pull { "pull" } else { "issues" };
        let n = r.number;
        match rng.below(if self.markdown { 20 } else { 17 }) {
            0..=7 => {
                let _ = write!(out, "https://github.com/{org}/{repo}/{kind}/{n}");
            }
            8..=13 => {
                let _ = write!(out, "{org}/{repo}#{n}");
            }
            14..=16 => {
                let _ = write!(out, "#{n}");
            }
            _ => {
                let _ = write!(
                    out,
                    "[{repo}#{n}](https://github.com/{org}/{repo}/{kind}/{n})"
                );
            }
        }
    }
}

/// `3.12`, `1.4.2` or `v2.0.7`.
pub fn version(rng: &mut Rng, out: &mut String) {
    let (a, b, c) = (rng.between(1, 30), rng.between(0, 20), rng.between(0, 12));
    let _ = match rng.below(3) {
        0 => write!(out, "{a}.{b}"),
        1 => write!(out, "{a}.{b}.{c}"),
        _ => write!(out, "v{a}.{b}.{c}"),
    };
}

/// `text` with its first letter in lower case, unless the first word is a name
/// or an acronym (its second letter is upper case, or it is a product).
pub fn lower_first(text: &str, out: &mut String) {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return;
    };
    let second_upper = chars.next().is_some_and(char::is_uppercase);
    let first_word = text.split(' ').next().unwrap_or("");
    let is_product = words::KNOWN_SERVICES
        .iter()
        .chain(words::INVENTED_SERVICES)
        .any(|s| s.split(' ').next() == Some(first_word));
    if second_upper || is_product {
        out.push_str(text);
    } else {
        out.extend(first.to_lowercase());
        out.push_str(&text[first.len_utf8()..]);
    }
}

/// `text` with its first letter in upper case.
pub fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
