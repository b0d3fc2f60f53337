//! The overview's bar chart of meetings per month, laid out here and drawn as
//! inline SVG by a template: one bar per month from the first dated meeting to
//! the last (empty months included), per year when that would be more than
//! [`MAX_MONTHS`] bars.

use std::collections::BTreeMap;

/// Most bars drawn by month; longer spans are drawn by year.
pub const MAX_MONTHS: usize = 96;

/// Width and height of the drawing, in SVG units.
pub const WIDTH: u32 = 720;
/// Height of the drawing.
pub const HEIGHT: u32 = 240;
const LEFT: u32 = 48;
const RIGHT: u32 = 12;
const TOP: u32 = 16;
const BOTTOM: u32 = 48;

/// The laid-out chart.
pub struct Chart {
    pub width: u32,
    pub height: u32,
    /// "month" or "year".
    pub unit: &'static str,
    pub bars: Vec<Bar>,
    pub x_labels: Vec<Label>,
    pub y_ticks: Vec<Label>,
    /// Left, right, top and bottom of the plot area.
    pub left: u32,
    pub right: u32,
    pub top: u32,
    pub bottom: u32,
    /// Middles of the axes, for their titles.
    pub x_middle: u32,
    pub y_middle: u32,
    /// Meetings without a date, not drawn.
    pub undated: usize,
    /// Meetings drawn.
    pub total: usize,
}

/// One bar, with its tooltip.
pub struct Bar {
    pub x: String,
    pub y: u32,
    pub width: String,
    pub height: u32,
    pub tooltip: String,
}

/// A text at a place along an axis.
pub struct Label {
    pub at: String,
    pub text: String,
}

/// The chart of `dates` (`YYYY-MM-DD`, others counted as undated). `None`
/// when no meeting is dated.
pub fn layout(dates: &[Option<String>]) -> Option<Chart> {
    let mut months: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    let mut undated = 0;
    for date in dates {
        match date.as_deref().and_then(year_month) {
            Some(ym) => *months.entry(ym).or_default() += 1,
            None => undated += 1,
        }
    }
    let (&first, _) = months.first_key_value()?;
    let (&last, _) = months.last_key_value()?;
    let span = ((last.0 - first.0) * 12) as usize + last.1 as usize - first.1 as usize + 1;
    let (unit, buckets): (&str, Vec<(String, usize)>) = if span <= MAX_MONTHS {
        let mut out = Vec::with_capacity(span);
        let (mut y, mut m) = first;
        loop {
            out.push((
                format!("{y:04}-{m:02}"),
                months.get(&(y, m)).copied().unwrap_or(0),
            ));
            if (y, m) == last {
                break;
            }
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
        ("month", out)
    } else {
        let years = (first.0..=last.0)
            .map(|y| {
                let n = months.range((y, 1)..=(y, 12)).map(|(_, n)| n).sum();
                (format!("{y:04}"), n)
            })
            .collect();
        ("year", years)
    };
    Some(draw(unit, &buckets, undated))
}

fn year_month(date: &str) -> Option<(i32, u32)> {
    let y = date.get(0..4)?.parse().ok()?;
    let m: u32 = date.get(5..7)?.parse().ok()?;
    (date.as_bytes().get(4) == Some(&b'-') && (1..=12).contains(&m)).then_some((y, m))
}

fn draw(unit: &'static str, buckets: &[(String, usize)], undated: usize) -> Chart {
    let plot_w = (WIDTH - LEFT - RIGHT) as f64;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let max = buckets.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let top_tick = nice_ceiling(max);
    let slot = plot_w / buckets.len() as f64;
    let gap = (slot * 0.2).min(6.0);
    let bars = buckets
        .iter()
        .enumerate()
        .map(|(n, (label, count))| {
            let h = (*count as u64 * plot_h as u64 / top_tick as u64) as u32;
            let noun = if *count == 1 { "meeting" } else { "meetings" };
            Bar {
                x: fixed(LEFT as f64 + n as f64 * slot + gap / 2.0),
                y: TOP + plot_h - h,
                width: fixed(slot - gap),
                height: h,
                tooltip: format!("{label}: {count} {noun}"),
            }
        })
        .collect();
    // About eight labels along the bottom, always the first and on a regular step.
    let step = buckets.len().div_ceil(8).max(1);
    let x_labels = buckets
        .iter()
        .enumerate()
        .filter(|(n, _)| n % step == 0)
        .map(|(n, (label, _))| Label {
            at: fixed(LEFT as f64 + (n as f64 + 0.5) * slot),
            text: label.clone(),
        })
        .collect();
    let y_ticks = [0, top_tick / 2, top_tick]
        .into_iter()
        .map(|t| Label {
            at: (TOP + plot_h - (t as u64 * plot_h as u64 / top_tick as u64) as u32).to_string(),
            text: t.to_string(),
        })
        .collect();
    Chart {
        width: WIDTH,
        height: HEIGHT,
        unit,
        bars,
        x_labels,
        y_ticks,
        left: LEFT,
        right: WIDTH - RIGHT,
        top: TOP,
        bottom: TOP + plot_h,
        x_middle: LEFT + (WIDTH - LEFT - RIGHT) / 2,
        y_middle: TOP + plot_h / 2,
        undated,
        total: buckets.iter().map(|b| b.1).sum(),
    }
}

/// The smallest of 2, 5, 10, 20, 50... at or above `n` (a tick at half of it
/// is placed by its own value, so it need not be half way).
fn nice_ceiling(n: usize) -> usize {
    let mut base = 1;
    loop {
        for m in [1, 2, 5] {
            let v = m * base;
            if v >= n && v >= 2 {
                return v;
            }
        }
        base *= 10;
    }
}

/// A coordinate with one decimal, so the drawing is the same everywhere.
fn fixed(v: f64) -> String {
    format!("{v:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn empty_months_are_drawn_and_undated_counted() {
        let chart = layout(&[d("2025-01-09"), d("2025-03-01"), d("2025-03-20"), None]).unwrap();
        assert_eq!(chart.unit, "month");
        assert_eq!(chart.bars.len(), 3);
        assert_eq!(chart.bars[1].height, 0);
        assert_eq!(chart.bars[2].tooltip, "2025-03: 2 meetings");
        assert_eq!(chart.undated, 1);
        assert_eq!(chart.total, 3);
        assert_eq!(chart.y_ticks.last().unwrap().text, "2");
        assert_eq!(chart.bars[2].y, chart.top);
    }

    #[test]
    fn long_spans_are_drawn_by_year() {
        let chart = layout(&[d("2010-01-01"), d("2025-12-31"), d("2025-01-01")]).unwrap();
        assert_eq!(chart.unit, "year");
        assert_eq!(chart.bars.len(), 16);
        assert_eq!(chart.bars[15].tooltip, "2025: 2 meetings");
        assert!(layout(&[None, d("someday")]).is_none());
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(nice_ceiling(1), 2);
        assert_eq!(nice_ceiling(3), 5);
        assert_eq!(nice_ceiling(11), 20);
    }
}
