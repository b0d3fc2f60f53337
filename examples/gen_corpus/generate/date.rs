//! Calendar days as a count from 1970-01-01, with the few ways minutes write
//! them. Plain integer arithmetic (Howard Hinnant's civil-date algorithms), so
//! no step can fail.

use std::fmt::Write as _;

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// One calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(pub i32);

impl Day {
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Day {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m as i32 + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Day(era * 146_097 + doe - 719_468)
    }

    /// Year, month (1-12) and day (1-31).
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        (
            if m <= 2 {
                yoe + era * 400 + 1
            } else {
                yoe + era * 400
            },
            m,
            d,
        )
    }

    pub fn plus(self, days: i32) -> Day {
        Day(self.0 + days)
    }

    pub fn year(self) -> i32 {
        self.ymd().0
    }

    /// 0 for Monday.
    pub fn weekday_index(self) -> usize {
        (self.0 + 3).rem_euclid(7) as usize
    }

    pub fn weekday(self) -> &'static str {
        DAYS[self.weekday_index()]
    }

    pub fn month_name(self) -> &'static str {
        MONTHS[self.ymd().1 as usize - 1]
    }

    /// `2024-03-12`
    pub fn iso(self, out: &mut String) {
        let (y, m, d) = self.ymd();
        let _ = write!(out, "{y:04}-{m:02}-{d:02}");
    }

    pub fn iso_string(self) -> String {
        let mut s = String::with_capacity(10);
        self.iso(&mut s);
        s
    }

    /// `20240312`
    pub fn compact(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}{m:02}{d:02}")
    }

    /// `March 12, 2024`
    pub fn long_us(self) -> String {
        let (y, _, d) = self.ymd();
        format!("{} {d}, {y}", self.month_name())
    }

    /// `12 March 2024`
    pub fn long_uk(self) -> String {
        let (y, _, d) = self.ymd();
        format!("{d} {} {y}", self.month_name())
    }

    /// `Tue Mar 12 2024` as a chat bot prints it (without the time).
    pub fn bot(self) -> (String, String, u32, i32) {
        let (y, _, d) = self.ymd();
        (
            self.weekday()[..3].to_string(),
            self.month_name()[..3].to_string(),
            d,
            y,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Day;

    #[test]
    fn round_trip() {
        for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (2024, 3, 12), (2026, 12, 31)] {
            assert_eq!(Day::from_ymd(y, m, d).ymd(), (y, m, d));
        }
        assert_eq!(Day::from_ymd(2024, 3, 12).weekday(), "Tuesday");
    }
}
