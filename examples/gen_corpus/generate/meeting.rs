//! What one meeting holds before it is written in its series' style: who came,
//! the agenda items with their notes, decisions and actions, and the actions of
//! the meeting before. Attendance and actions have draws of their own, so the
//! next meeting can review this one's actions without writing it.

use super::cast::{Corpus, Series, Topic};
use super::date::Day;
use super::rng::Rng;
use super::styles::{Style, Voice};
use super::text::{Cx, upper_first};
use super::words;

const TAG_PRESENT: u64 = 2;
const TAG_ACTIONS: u64 = 3;
const TAG_BODY: u64 = 4;

/// One thing someone said or the scribe wrote down.
pub struct Note {
    /// Global person index.
    pub speaker: usize,
    pub text: String,
}

pub struct Action {
    /// Global person index.
    pub owner: usize,
    /// A verb phrase: "review the draft".
    pub text: String,
    pub done: bool,
}

pub struct Item {
    pub title: String,
    /// Global person index of who brought it.
    pub owner: usize,
    /// References shown next to the title.
    pub refs: Vec<String>,
    pub notes: Vec<Note>,
    pub decisions: Vec<String>,
    pub actions: Vec<Action>,
    /// Minutes asked for on the agenda.
    pub minutes: usize,
    /// The series topic it is about; none for standing items (announcements, AOB).
    pub topic: Option<usize>,
}

pub struct Meeting<'a> {
    pub corpus: &'a Corpus,
    pub series: &'a Series,
    /// Index of the meeting in its series.
    pub k: usize,
    pub date: Day,
    /// Global indices: `present[0]` chairs.
    pub present: Vec<usize>,
    pub absent: Vec<usize>,
    pub scribe: usize,
    pub items: Vec<Item>,
    /// Actions of the meeting before, with whether they are done.
    pub previous: Vec<Action>,
    /// Whether the minutes list `previous`.
    pub show_previous: bool,
}

impl<'a> Meeting<'a> {
    /// The context templates are filled from, for one item (or none).
    pub fn cx(&self, topic: Option<&'a Topic>, markdown: bool) -> Cx<'_> {
        Cx {
            corpus: self.corpus,
            community: &self.corpus.communities[self.series.community],
            date: self.date,
            present: &self.present,
            topic,
            markdown,
        }
    }

    pub fn name(&self, person: usize) -> String {
        self.corpus.people[person].name()
    }

    pub fn given(&self, person: usize) -> &'static str {
        self.corpus.people[person].given
    }

    pub fn handle(&self, person: usize) -> &str {
        &self.corpus.people[person].handle
    }

    pub fn nick(&self, person: usize) -> &str {
        &self.corpus.people[person].nick
    }

    /// All decisions and actions, in agenda order.
    pub fn decisions(&self) -> impl Iterator<Item = &String> {
        self.items.iter().flat_map(|i| &i.decisions)
    }

    pub fn actions(&self) -> impl Iterator<Item = &Action> {
        self.items.iter().flat_map(|i| &i.actions)
    }

    /// Number of the meeting, for series that count them.
    pub fn number(&self) -> usize {
        self.series.number_base as usize + self.k
    }
}

/// Who came to meeting `k`: the chair first, then in order of arrival.
fn attendance(corpus: &Corpus, series_index: usize, k: usize) -> (Vec<usize>, Vec<usize>) {
    let s = &corpus.series[series_index];
    let mut rng = Rng::derive(corpus.seed, TAG_PRESENT, series_index as u64, k as u64);
    let mut present = vec![s.chair()];
    let mut absent = Vec::new();
    for (i, &p) in s.cast.iter().enumerate().skip(1) {
        let core = i < s.core;
        if rng.chance(if core { 85 } else { 30 }) {
            present.push(p);
        } else if core {
            absent.push(p);
        }
    }
    for &p in s.cast.iter().skip(1) {
        if present.len() >= 3 {
            break;
        }
        if !present.contains(&p) {
            present.push(p);
            absent.retain(|&a| a != p);
        }
    }
    let tail = present.len() - 1;
    if tail > 1 {
        let start = 1 + rng.below(tail);
        present[1..].rotate_left(start - 1);
    }
    (present, absent)
}

/// Topics of the series that meeting `k` discusses.
fn active(s: &Series, k: usize) -> Vec<usize> {
    (0..s.topics.len())
        .filter(|&t| s.topics[t].from as usize <= k && k < s.topics[t].to as usize)
        .collect()
}

/// The actions meeting `k` gives out, per topic of `active(k)`.
fn actions_of(corpus: &Corpus, series_index: usize, k: usize) -> Vec<(usize, Action)> {
    let s = &corpus.series[series_index];
    let (present, _) = attendance(corpus, series_index, k);
    let mut rng = Rng::derive(corpus.seed, TAG_ACTIONS, series_index as u64, k as u64);
    let mut out = Vec::new();
    for t in active(s, k) {
        let topic = &s.topics[t];
        let count = match rng.below(20) {
            0..=7 => 0,
            8..=16 => 1,
            _ => 2,
        };
        for _ in 0..count {
            let owner = if rng.chance(55) {
                s.cast[topic.owner]
            } else {
                *rng.pick(&present)
            };
            let cx = Cx {
                corpus,
                community: &corpus.communities[s.community],
                date: s.dates[k],
                present: &present,
                topic: Some(topic),
                markdown: false,
            };
            let text = cx.text(rng.word(words::ACTIONS), &mut rng);
            out.push((
                t,
                Action {
                    owner,
                    text,
                    done: rng.chance(60),
                },
            ));
        }
    }
    out
}

/// Builds meeting `k` of series `series_index`, with notes up to about `target` bytes.
pub fn build(corpus: &Corpus, series_index: usize, k: usize, target: usize) -> Meeting<'_> {
    let s = &corpus.series[series_index];
    let (present, absent) = attendance(corpus, series_index, k);
    let mut rng = Rng::derive(corpus.seed, TAG_BODY, series_index as u64, k as u64);
    let scribe = present[rng.below(present.len())];
    let previous = if k == 0 {
        Vec::new()
    } else {
        actions_of(corpus, series_index, k - 1)
            .into_iter()
            .map(|(_, a)| a)
            .collect()
    };
    let mut meeting = Meeting {
        corpus,
        series: s,
        k,
        date: s.dates[k],
        present,
        absent,
        scribe,
        items: Vec::new(),
        show_previous: !previous.is_empty()
            && match s.style {
                Style::Checklist => true,
                Style::Pad => s.habit(6),
                _ => false,
            },
        previous,
    };
    let mut topics = active(s, k);
    // A long meeting comes back to older subjects too.
    let extra = target / 20_000;
    for _ in 0..extra.min(s.topics.len()) {
        let t = rng.below(s.topics.len());
        if !topics.contains(&t) {
            topics.push(t);
        }
    }
    while topics.len() < 2 && topics.len() < s.topics.len() {
        let t = rng.below(s.topics.len());
        if !topics.contains(&t) {
            topics.push(t);
        }
    }
    let mut actions = actions_of(corpus, series_index, k);
    let style = s.style;
    if style != Style::Board && rng.chance(45) {
        meeting
            .items
            .push(standing(&meeting, rng.word(words::OPENING)));
    }
    for &t in &topics {
        let item = topic_item(&meeting, t, &mut actions, &mut rng);
        meeting.items.push(item);
    }
    if style != Style::Board && rng.chance(35) {
        meeting
            .items
            .push(standing(&meeting, rng.word(words::CLOSING)));
    }
    fill_notes(&mut meeting, target, &mut rng);
    meeting
}

fn standing(m: &Meeting, title: &str) -> Item {
    Item {
        title: title.to_string(),
        owner: m.present[0],
        refs: Vec::new(),
        notes: Vec::new(),
        decisions: Vec::new(),
        actions: Vec::new(),
        minutes: 5,
        topic: None,
    }
}

fn topic_item(m: &Meeting, t: usize, actions: &mut Vec<(usize, Action)>, rng: &mut Rng) -> Item {
    let s = m.series;
    let topic = &s.topics[t];
    let cx = m.cx(Some(topic), s.style.markdown());
    let mut refs = Vec::new();
    if let Some(&r) = topic.refs.first() {
        let mut text = String::new();
        cx.reference(r, rng, &mut text);
        refs.push(text);
    }
    let mut decisions = Vec::new();
    let templates = if s.style == Style::Board {
        words::MOTIONS
    } else {
        words::DECISIONS
    };
    let count = match rng.below(20) {
        0..=10 => 0,
        11..=17 => 1,
        _ => 2,
    };
    for _ in 0..count {
        decisions.push(cx.text(rng.word(templates), rng));
    }
    let mut mine = Vec::new();
    let mut i = 0;
    while i < actions.len() {
        if actions[i].0 == t {
            mine.push(actions.remove(i).1);
        } else {
            i += 1;
        }
    }
    Item {
        title: topic.title.clone(),
        owner: s.cast[topic.owner],
        refs,
        notes: Vec::new(),
        decisions,
        actions: mine,
        minutes: *rng.pick(&[5, 10, 10, 15, 20, 30]),
        topic: Some(t),
    }
}

/// Templates drawn without repeats until all were used, then reshuffled.
struct Deck {
    order: Vec<usize>,
}

impl Deck {
    fn draw<'t>(&mut self, templates: &[&'t str], rng: &mut Rng) -> &'t str {
        if self.order.is_empty() {
            self.order = (0..templates.len()).collect();
            rng.shuffle(&mut self.order);
        }
        templates[self.order.pop().unwrap_or(0)]
    }
}

/// Adds notes to random items until the meeting is about `target` bytes long.
/// Every item gets a note first; standing items (announcements, AOB) stay short.
fn fill_notes<'a>(m: &mut Meeting<'a>, target: usize, rng: &mut Rng) {
    let series: &'a Series = m.series;
    let style = series.style;
    let templates = match style.voice() {
        Voice::Notes => words::NOTES,
        Voice::Chat => words::CHAT,
        Voice::Board => words::BOARD_NOTES,
        Voice::Speech => words::SPEECH,
    };
    let mut size = 300 + m.present.len() * 30;
    for item in &m.items {
        size += 40 + item.title.len();
        size += item.decisions.iter().map(|d| d.len() + 30).sum::<usize>();
        size += item
            .actions
            .iter()
            .map(|a| a.text.len() + 40)
            .sum::<usize>();
    }
    size += m.previous.iter().map(|a| a.text.len() + 30).sum::<usize>();
    let topical: Vec<usize> = (0..m.items.len())
        .filter(|&i| m.items[i].topic.is_some())
        .collect();
    let mut decks: Vec<Deck> = (0..m.items.len())
        .map(|_| Deck { order: Vec::new() })
        .collect();
    let mut first: Vec<usize> = (0..m.items.len()).rev().collect();
    while size < target || !first.is_empty() {
        let i = match first.pop() {
            Some(i) => i,
            None if topical.is_empty() || rng.chance(3) => rng.below(m.items.len()),
            None => *rng.pick(&topical),
        };
        let topic = m.items[i].topic.map(|t| &series.topics[t]);
        let cx = m.cx(topic, style.markdown());
        let speaker = if rng.chance(30) {
            m.items[i].owner
        } else {
            *rng.pick(&m.present)
        };
        let mut text = String::new();
        if style.voice() == Voice::Chat && rng.chance(8) {
            text.push_str(rng.word(words::CHAT_NOISE));
        } else {
            // Openings and endings make a line rarely repeat word for word.
            let voice = style.voice();
            if voice == Voice::Chat && rng.chance(25) {
                text.push_str(rng.word(words::CHAT_OPENERS));
            }
            cx.fill(decks[i].draw(templates, rng), rng, &mut text);
            if voice == Voice::Chat && !text.ends_with('?') && rng.chance(20) {
                text.push_str(rng.word(words::CHAT_TAILS));
            } else if voice == Voice::Notes && rng.chance(20) {
                cx.fill(rng.word(words::NOTE_TAILS), rng, &mut text);
            }
        }
        if style.voice() == Voice::Speech {
            for _ in 0..rng.below(4) {
                text.push(' ');
                cx.fill(decks[i].draw(templates, rng), rng, &mut text);
            }
        }
        size += text.len() + style.note_overhead();
        if style.voice() == Voice::Notes && rng.chance(20) {
            text = upper_first(&text);
        }
        m.items[i].notes.push(Note { speaker, text });
    }
}
