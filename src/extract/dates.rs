//! Finding calendar dates in text and file names, as calendar dates
//! (`jiff::civil::Date`, written `YYYY-MM-DD`).

pub use jiff::civil::Date;
use regex::Regex;
use std::sync::LazyLock;

/// A date found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMatch {
    /// The date.
    pub date: Date,
    /// Byte range of the match.
    pub start: usize,
    /// End of the match (exclusive).
    pub end: usize,
    /// Whether the text around the date holds at most a few words (a date heading).
    pub rest_is_trivial: bool,
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])((?:19|20)\d{2})[-/._](\d{1,2})[-/._](\d{1,2})(?:[^0-9]|$)").unwrap()
});
static COMPACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])((?:19|20)\d{2})(\d{2})(\d{2})(?:[^0-9]|$)").unwrap()
});
static DMY_NUM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?:[^0-9]|$)").unwrap()
});
static MDY_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b")
        .unwrap()
});
/// `Tue Feb 04 23:38:39 2003`: the C library's date, as chat clients log it.
static CTIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec) [a-z]* \s+ (\d{1,2})
        \s+ \d{1,2}:\d{2} (?: :\d{2} )? \s+ ((?:19|20)\d{2}) \b",
    )
    .expect("ctime regex")
});
static DMY_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+((?:19|20)\d{2})\b")
        .unwrap()
});

/// The first valid date in `text`, in any common written form.
pub fn find_date(text: &str) -> Option<DateMatch> {
    // Every form above writes its year as four digits from `19` or `20`: text
    // without such a year holds no date, and most headings and bullets are such text.
    if !holds_year(text) {
        return None;
    }
    let mut found: Vec<(usize, usize, Date)> = Vec::new();
    for caps in ISO.captures_iter(text) {
        push_valid(&mut found, &caps, [1, 2, 3]);
    }
    for caps in MDY_NAME.captures_iter(text) {
        push_named(&mut found, &caps, 3, 1, 2);
    }
    for caps in CTIME.captures_iter(text) {
        push_named(&mut found, &caps, 3, 1, 2);
    }
    for caps in DMY_NAME.captures_iter(text) {
        push_named(&mut found, &caps, 3, 2, 1);
    }
    for caps in DMY_NUM.captures_iter(text) {
        push_valid(&mut found, &caps, [3, 2, 1]);
    }
    for caps in COMPACT.captures_iter(text) {
        push_valid(&mut found, &caps, [1, 2, 3]);
    }
    let (start, end, date) = found.into_iter().min_by_key(|(s, _, _)| *s)?;
    let rest = format!("{} {}", &text[..start], &text[end..]);
    let rest_is_trivial = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
        <= 3;
    Some(DateMatch {
        date,
        start,
        end,
        rest_is_trivial,
    })
}

/// Whether `text` holds four digits in a row that begin with `19` or `20`.
fn holds_year(text: &str) -> bool {
    text.as_bytes().windows(4).any(|w| {
        matches!(w[..2], [b'1', b'9'] | [b'2', b'0'])
            && w[2].is_ascii_digit()
            && w[3].is_ascii_digit()
    })
}

/// A date in a file path (`20240710.md`, `2024-07-10-notes.md`), from the file name first.
pub fn date_from_path(path: &str) -> Option<Date> {
    let name = path.rsplit('/').next().unwrap_or(path);
    find_date(name).or_else(|| find_date(path)).map(|m| m.date)
}

/// `May 1`, `March 8th`, `1 May`: a month and day written without a year.
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b (?P<m1> jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec ) [a-z]* \.? \s+ (?P<d1> \d{1,2} ) (?: st|nd|rd|th )? \b
        | \b (?P<d2> \d{1,2} ) (?: st|nd|rd|th )? \s+ (?P<m2> jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec ) [a-z]* \b",
    )
    .expect("month-day regex")
});
/// A year on its own in a path: `minutes/2018/...`, `notes-2018.md`.
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^0-9])((?:19|20)\d{2})(?:[^0-9]|$)").expect("year regex"));
/// `CG-05-01.md`: a month and day in a file name.
static STEM_MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])(\d{2})[-_.](\d{2})(?:[^0-9]|$)").expect("stem regex")
});

/// A date from a month and day written without a year (`## Agenda for the May 1
/// call`, or `CG-05-01.md`) and the year of the folder holding the file
/// (`2018/`). `heading` is the text that may name the day.
pub fn year_less_date(heading: &str, path: &str) -> Option<Date> {
    let name = path.rsplit_once('/').map_or(path, |(_, n)| n);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let year = year_of_path(path)?;
    let from_heading = MONTH_DAY.captures(heading).and_then(|c| month_day(&c));
    let from_stem = || {
        STEM_MONTH_DAY.captures(stem).and_then(|c| {
            let m: u32 = c[1].parse().ok()?;
            let d: u32 = c[2].parse().ok()?;
            Some((m, d))
        })
    };
    let (month, day) = from_heading.or_else(from_stem)?;
    valid(year, month, day)
}

/// The year of the folders holding a file (`minutes/2018/…`), else of its name
/// (`meeting-notes-2017.md`).
pub fn year_of_path(path: &str) -> Option<u32> {
    let (folders, name) = path.rsplit_once('/').unwrap_or(("", path));
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    YEAR.captures_iter(folders)
        .last()
        .or_else(|| YEAR.captures(stem))
        .and_then(|c| c[1].parse().ok())
}

/// A text that opens with a month and day and no year (`Dec 19`, `3 March -
/// canceled`), as the date of `year`.
pub fn opening_month_day(text: &str, year: u32) -> Option<Date> {
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let c = MONTH_DAY.captures(text)?;
    if c.get(0)?.start() != 0 {
        return None;
    }
    let (month, day) = month_day(&c)?;
    valid(year, month, day)
}

/// The month and day of a `MONTH_DAY` match.
fn month_day(c: &regex::Captures<'_>) -> Option<(u32, u32)> {
    let m = c.name("m1").or(c.name("m2"))?.as_str().to_lowercase();
    let d = c.name("d1").or(c.name("d2"))?.as_str().parse().ok()?;
    let month = MONTHS.iter().position(|x| m.starts_with(x))? as u32 + 1;
    Some((month, d))
}

fn push_valid(
    found: &mut Vec<(usize, usize, Date)>,
    caps: &regex::Captures<'_>,
    order: [usize; 3],
) {
    let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(order[0]), num(order[1]), num(order[2])) else {
        return;
    };
    if let Some(date) = valid(y, m, d) {
        let all = caps.get(0).map(|m| m.range()).unwrap_or(0..0);
        let first = caps
            .get(order[0])
            .map(|m| m.start())
            .unwrap_or(0)
            .min(caps.get(order[2]).map(|m| m.start()).unwrap_or(0));
        found.push((first.max(all.start), all.end, date));
    }
}

fn push_named(
    found: &mut Vec<(usize, usize, Date)>,
    caps: &regex::Captures<'_>,
    y: usize,
    m: usize,
    d: usize,
) {
    let year = caps.get(y).and_then(|v| v.as_str().parse::<u32>().ok());
    let month = caps.get(m).and_then(|v| {
        MONTHS
            .iter()
            .position(|x| v.as_str().eq_ignore_ascii_case(x))
    });
    let day = caps.get(d).and_then(|v| v.as_str().parse::<u32>().ok());
    if let (Some(year), Some(month), Some(day)) = (year, month, day)
        && let Some(date) = valid(year, month as u32 + 1, day)
    {
        let all = caps.get(0).map(|m| m.range()).unwrap_or(0..0);
        found.push((all.start, all.end, date));
    }
}

/// The date, when it exists in the Gregorian calendar and its year is one
/// minutes could be written in.
pub fn valid(year: u32, month: u32, day: u32) -> Option<Date> {
    if !(1900..=2199).contains(&year) {
        return None;
    }
    let month = i8::try_from(month).ok()?;
    let day = i8::try_from(day).ok()?;
    Date::new(i16::try_from(year).ok()?, month, day).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_written_dates() {
        assert_eq!(
            find_date("# 2024-05-02").unwrap().date.to_string(),
            "2024-05-02"
        );
        assert!(find_date("2024-05-02").unwrap().rest_is_trivial);
        assert_eq!(
            find_date("Meeting date 2020-10-12")
                .unwrap()
                .date
                .to_string(),
            "2020-10-12"
        );
        assert_eq!(
            find_date("March 26, 2026 meeting")
                .unwrap()
                .date
                .to_string(),
            "2026-03-26"
        );
        assert_eq!(
            find_date("on 7 Aug 2023").unwrap().date.to_string(),
            "2023-08-07"
        );
        assert_eq!(
            find_date("September, 15th 2022 - 10 - 16:30")
                .unwrap()
                .date
                .to_string(),
            "2022-09-15"
        );
        assert_eq!(
            find_date("am 02.05.2024").unwrap().date.to_string(),
            "2024-05-02"
        );
        assert_eq!(
            find_date("--- Log opened Tue Feb 04 23:38:39 2003")
                .unwrap()
                .date
                .to_string(),
            "2003-02-04"
        );
        assert_eq!(find_date("2024-02-30"), None);
        assert_eq!(find_date("version 1.2.3"), None);
    }

    #[test]
    fn a_text_holds_a_year_only_with_four_digits_from_19_or_20() {
        for text in ["2024", "x1999y", "item 120034", "20240710", "1.2.1987"] {
            assert!(holds_year(text), "{text}");
        }
        for text in ["", "19", "item 203", "1 9 2 0", "2١٢٣", "18999"] {
            assert!(!holds_year(text), "{text}");
        }
        // Every written form has such a year.
        for text in [
            "2024-05-02",
            "20240502",
            "2.5.2024",
            "May 2, 2024",
            "2 May 2024",
            "Thu May  2 10:00:00 2024",
        ] {
            assert!(holds_year(text) && find_date(text).is_some(), "{text}");
        }
    }

    #[test]
    fn dates_without_a_year_take_the_folder_year() {
        assert_eq!(
            year_less_date(
                "Agenda for the May 1 video call",
                "wg/main/2018/CG-05-01.md"
            )
            .map(|d| d.to_string())
            .as_deref(),
            Some("2018-05-01")
        );
        assert_eq!(
            year_less_date("Weekly call", "wg/main/2023/WG-03-08.md")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2023-03-08")
        );
        assert_eq!(year_less_date("Weekly call", "notes/CG-05-01.md"), None);
    }

    #[test]
    fn headings_that_open_with_a_month_and_day() {
        let on = |t: &str| opening_month_day(t, 2017).map(|d| d.to_string());
        assert_eq!(
            on("Dec 19 Proposed Agenda {#dec-19}").as_deref(),
            Some("2017-12-19")
        );
        assert_eq!(on("**3 March** - canceled").as_deref(), Some("2017-03-03"));
        assert_eq!(on("Agenda for May 1"), None);
        assert_eq!(on("May 2021 goals"), None);
        assert_eq!(on("Feb 30"), None);
        assert_eq!(
            year_of_path("sig/archive/meeting-notes-2017.md"),
            Some(2017)
        );
        assert_eq!(year_of_path("2018/CG-05-01.md"), Some(2018));
        assert_eq!(year_of_path("notes/CG-05-01.md"), None);
    }

    #[test]
    fn finds_dates_in_paths() {
        assert_eq!(
            date_from_path("iaas/20240710.md")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2024-07-10")
        );
        assert_eq!(
            date_from_path("posts/2022-09-18.md")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2022-09-18")
        );
        assert_eq!(date_from_path("seeds/000_fe32311f7a48d826.txt"), None);
    }
}
