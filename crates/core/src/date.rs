//! Civil dates that keep their precision.
//!
//! # Overview
//! An archive's dates come at different precisions: a speech "1861", a letter "Oct 2018",
//! a press release "17 Oct 2018", a wire story "2018-10-17T14:03:00+02:00". A [`Date`]
//! stores the first day it covers (days since 1970-01-01, proleptic Gregorian) together
//! with its [`Precision`], so `1861` is never mistaken for `1861-01-01`, sorting is an
//! integer comparison, and [`Date::last_day`] gives the end of the period for range tests.
//!
//! [`Date::parse_iso`] reads the corpus format (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, RFC 3339).
//! [`Date::parse_loose`] reads the many ways people write dates in documents
//! (`Oct 17 2018`, `17 October 2018`, `Tuesday, October 17, 2018`, …) for ingest.
//!
//! No time-zone database and no external crate: this compiles to a few kilobytes of wasm.

mod written;

use std::fmt;

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Only the year.
    Year,
    /// Year and month.
    Month,
    /// A calendar day.
    Day,
    /// A day with a time of day.
    Time,
}

/// A time of day as written in the source, with its UTC offset if one was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    /// Seconds since local midnight.
    pub seconds: u32,
    /// Fractional seconds as written (digits after the point), if any, e.g. "250".
    pub fraction: Option<u32>,
    /// Digits in `fraction` (to restore leading zeros).
    pub fraction_digits: u8,
    /// Offset from UTC in minutes; `None` for a local time without offset.
    pub offset_minutes: Option<i16>,
}

/// A calendar date (or period) with its precision. See the module docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    days: i32,
    precision: Precision,
    time: Option<TimeOfDay>,
}

/// Why a date string could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    /// The text that was given.
    pub input: String,
    /// What is wrong with it.
    pub reason: String,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a date: {}", self.input, self.reason)
    }
}

impl std::error::Error for DateError {}

/// The months' English names (dates written out, and read).
pub(crate) const MONTHS: [&str; 12] = [
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

/// Earliest and latest years accepted.
pub const MIN_YEAR: i32 = 0;
/// See [`MIN_YEAR`].
pub const MAX_YEAR: i32 = 9999;

impl Date {
    /// A year.
    pub fn from_year(year: i32) -> Option<Date> {
        Self::new(year, 1, 1, Precision::Year)
    }

    /// A month of a year (`month` is 1–12).
    pub fn from_year_month(year: i32, month: u32) -> Option<Date> {
        Self::new(year, month, 1, Precision::Month)
    }

    /// A calendar day; `None` if it does not exist (such as 30 February).
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        Self::new(year, month, day, Precision::Day)
    }

    fn new(year: i32, month: u32, day: u32, precision: Precision) -> Option<Date> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year)
            || !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
        {
            return None;
        }
        Some(Date {
            days: days_from_civil(year, month, day),
            precision,
            time: None,
        })
    }

    /// The date of day number `days` (days since 1970-01-01).
    pub fn from_days(days: i32) -> Date {
        Date {
            days,
            precision: Precision::Day,
            time: None,
        }
    }

    /// Days since 1970-01-01 of the first day this date covers.
    pub fn first_day(&self) -> i32 {
        self.days
    }

    /// Days since 1970-01-01 of the last day this date covers (the same day for `Day`
    /// and `Time` precision; 31 December for a year).
    pub fn last_day(&self) -> i32 {
        let (y, m, _) = self.ymd();
        match self.precision {
            Precision::Year => days_from_civil(y, 12, 31),
            Precision::Month => days_from_civil(y, m, days_in_month(y, m)),
            Precision::Day | Precision::Time => self.days,
        }
    }

    /// The precision.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The time of day, for `Time` precision.
    pub fn time(&self) -> Option<TimeOfDay> {
        self.time
    }

    /// Year, month (1–12) and day (1–31) of the first day covered.
    pub fn ymd(&self) -> (i32, u32, u32) {
        civil_from_days(self.days)
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.ymd().0
    }

    /// A key that sorts dates chronologically: first day, then time of day (in UTC when
    /// an offset is known), with less precise dates first on the same day.
    pub fn sort_key(&self) -> i64 {
        let secs = match self.time {
            Some(t) => {
                i64::from(t.seconds) - i64::from(t.offset_minutes.unwrap_or(0)) * 60 + 86_400
            }
            None => 0,
        };
        i64::from(self.days) * 4 * 86_400 + secs
    }

    /// Parses the corpus format: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or RFC 3339 with a
    /// time (`2018-10-17T14:03:00Z`, `2018-10-17 14:03+02:00`, seconds optional).
    ///
    /// ```
    /// use chronicle_core::date::{Date, Precision};
    /// let d = Date::parse_iso("1861").unwrap();
    /// assert_eq!(d.precision(), Precision::Year);
    /// assert_eq!(d.to_string(), "1861");
    /// assert_eq!(Date::parse_iso("2018-10").unwrap().to_string(), "Oct 2018");
    /// assert!(Date::parse_iso("2018-02-30").is_err());
    /// ```
    pub fn parse_iso(input: &str) -> Result<Date, DateError> {
        let fail = |reason: &str| DateError {
            input: input.to_string(),
            reason: reason.to_string(),
        };
        let s = input.trim();
        let b = s.as_bytes();
        let year = fixed_digits(b, 0, 4)
            .ok_or_else(|| fail("expected YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 date-time"))?
            as i32;
        if b.len() == 4 {
            return Date::from_year(year).ok_or_else(|| fail("the year is out of range"));
        }
        if b.get(4) != Some(&b'-') {
            return Err(fail("expected `-` after the year"));
        }
        let month = fixed_digits(b, 5, 2).ok_or_else(|| fail("expected a two-digit month"))?;
        if !(1..=12).contains(&month) {
            return Err(fail("the month must be 01 to 12"));
        }
        if b.len() == 7 {
            return Date::from_year_month(year, month).ok_or_else(|| fail("out of range"));
        }
        if b.get(7) != Some(&b'-') {
            return Err(fail("expected `-` after the month"));
        }
        let day = fixed_digits(b, 8, 2).ok_or_else(|| fail("expected a two-digit day"))?;
        let date = Date::from_ymd(year, month, day).ok_or_else(|| {
            fail(&format!(
                "{} {year} has no day {day}",
                MONTHS[month as usize - 1]
            ))
        })?;
        if b.len() == 10 {
            return Ok(date);
        }
        if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
            return Err(fail("expected `T` and a time after the day"));
        }
        let time = parse_time(&s[11..]).map_err(|r| fail(&r))?;
        Ok(Date {
            precision: Precision::Time,
            time: Some(time),
            ..date
        })
    }

    /// Reads a date as people write it in documents, for ingest. Accepts everything
    /// [`Date::parse_iso`] does, plus `Oct 17 2018`, `October 17, 2018`, `17 October 2018`,
    /// `17 Oct. 2018`, `Tuesday, 17 October 2018`, `2018/10/17`, `October 2018`, `Oct. 2018`.
    /// A numeric date with the year last is read only when one reading is possible
    /// (`17/10/2018`, `10/17/2018`); `10/11/2018` could be October or November, and is
    /// refused.
    ///
    /// ```
    /// use chronicle_core::date::Date;
    /// assert_eq!(Date::parse_loose("Oct 17 2018").unwrap().to_iso(), "2018-10-17");
    /// assert_eq!(Date::parse_loose("17 October, 2018").unwrap().to_iso(), "2018-10-17");
    /// assert_eq!(Date::parse_loose("Tuesday, October 17, 2018").unwrap().to_iso(), "2018-10-17");
    /// assert_eq!(Date::parse_loose("October 2018").unwrap().to_iso(), "2018-10");
    /// ```
    pub fn parse_loose(input: &str) -> Result<Date, DateError> {
        if let Ok(d) = Date::parse_iso(input) {
            return Ok(d);
        }
        let fail = |reason: &str| DateError {
            input: input.to_string(),
            reason: reason.to_string(),
        };
        let words: Vec<&str> = input
            .split(|c: char| c.is_whitespace() || c == ',' || c == '/' || c == '-')
            .map(|w| w.trim_end_matches('.'))
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            return Err(fail("it is empty"));
        }
        // All-numeric with a leading four-digit year: 2018/10/17.
        if words.iter().all(|w| w.bytes().all(|b| b.is_ascii_digit())) {
            if words[0].len() == 4 {
                let n: Vec<u32> = words.iter().filter_map(|w| w.parse().ok()).collect();
                let found = match n.as_slice() {
                    [y] => Date::from_year(*y as i32),
                    [y, m] => Date::from_year_month(*y as i32, *m),
                    [y, m, d] => Date::from_ymd(*y as i32, *m, *d),
                    _ => None,
                };
                return found.ok_or_else(|| fail("no such date"));
            }
            // Day and month before the year: only one reading if one of them is over 12.
            let n: Vec<u32> = words.iter().filter_map(|w| w.parse().ok()).collect();
            if let [a, b, y] = n[..] {
                if words[2].len() == 4 {
                    let (day, month) = match (a > 12, b > 12) {
                        (true, false) => (a, b),
                        (false, true) => (b, a),
                        _ => {
                            return Err(fail(
                                "numeric dates are ambiguous unless the year comes first \
                                 (2018-10-17) or the day is over 12",
                            ))
                        }
                    };
                    return Date::from_ymd(y as i32, month, day)
                        .ok_or_else(|| fail("no such date"));
                }
            }
            return Err(fail(
                "numeric dates are ambiguous unless the year comes first (2018-10-17)",
            ));
        }
        let mut year = None;
        let mut month = None;
        let mut day = None;
        for w in &words {
            if let Some(m) = month_number(w) {
                if month.replace(m).is_some() {
                    return Err(fail("it names two months"));
                }
            } else if is_weekday(w) {
                continue;
            } else if let Some(n) = ordinal_number(w) {
                if n.1 == 4 {
                    if year.replace(n.0 as i32).is_some() {
                        return Err(fail("it has two years"));
                    }
                } else if n.1 <= 2 && day.is_none() {
                    day = Some(n.0);
                } else {
                    return Err(fail(&format!("`{w}` is neither a day nor a year")));
                }
            } else {
                return Err(fail(&format!("`{w}` is not part of a date")));
            }
        }
        match (year, month, day) {
            (Some(y), Some(m), Some(d)) => {
                Date::from_ymd(y, m, d).ok_or_else(|| fail("no such day"))
            }
            (Some(y), Some(m), None) => {
                Date::from_year_month(y, m).ok_or_else(|| fail("out of range"))
            }
            (None, _, _) => Err(fail("it has no four-digit year")),
            _ => Err(fail("it has a day but no month")),
        }
    }

    /// The canonical corpus form at this date's precision: `1861`, `2018-10`,
    /// `2018-10-17`, `2018-10-17T14:03:00+02:00`.
    pub fn to_iso(&self) -> String {
        let (y, m, d) = self.ymd();
        match self.precision {
            Precision::Year => format!("{y:04}"),
            Precision::Month => format!("{y:04}-{m:02}"),
            Precision::Day => format!("{y:04}-{m:02}-{d:02}"),
            Precision::Time => {
                let t = self.time.unwrap_or(TimeOfDay {
                    seconds: 0,
                    fraction: None,
                    fraction_digits: 0,
                    offset_minutes: None,
                });
                let mut s = format!(
                    "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
                    t.seconds / 3600,
                    t.seconds / 60 % 60,
                    t.seconds % 60
                );
                if let Some(f) = t.fraction {
                    s.push_str(&format!(
                        ".{:0width$}",
                        f,
                        width = t.fraction_digits as usize
                    ));
                }
                match t.offset_minutes {
                    Some(0) => s.push('Z'),
                    Some(o) => {
                        let sign = if o < 0 { '-' } else { '+' };
                        let o = o.unsigned_abs();
                        s.push_str(&format!("{sign}{:02}:{:02}", o / 60, o % 60));
                    }
                    None => {}
                }
                s
            }
        }
    }
}

/// Shown at the date's own precision: `1861`, `Oct 2018`, `17 Oct 2018`,
/// `17 Oct 2018, 14:03`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        let mon = &MONTHS[m as usize - 1][..3];
        match self.precision {
            Precision::Year => write!(f, "{y}"),
            Precision::Month => write!(f, "{mon} {y}"),
            Precision::Day => write!(f, "{d} {mon} {y}"),
            Precision::Time => {
                let secs = self.time.map(|t| t.seconds).unwrap_or(0);
                write!(f, "{d} {mon} {y}, {:02}:{:02}", secs / 3600, secs / 60 % 60)
            }
        }
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.sort_key()
            .cmp(&other.sort_key())
            .then(self.precision.cmp(&other.precision))
    }
}

fn parse_time(s: &str) -> Result<TimeOfDay, String> {
    let b = s.as_bytes();
    let hour = fixed_digits(b, 0, 2).ok_or("expected HH:MM after `T`")?;
    if b.get(2) != Some(&b':') {
        return Err("expected HH:MM after `T`".into());
    }
    let minute = fixed_digits(b, 3, 2).ok_or("expected HH:MM after `T`")?;
    let mut i = 5;
    let mut second = 0;
    let mut fraction = None;
    let mut fraction_digits = 0u8;
    if b.get(i) == Some(&b':') {
        second = fixed_digits(b, i + 1, 2).ok_or("expected two-digit seconds")?;
        i += 3;
        if b.get(i) == Some(&b'.') {
            let start = i + 1;
            let mut end = start;
            while b.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
            if end == start || end - start > 9 {
                return Err("expected 1 to 9 digits of fractional seconds".into());
            }
            fraction = s[start..end].parse().ok();
            fraction_digits = (end - start) as u8;
            i = end;
        }
    }
    if hour > 23 || minute > 59 || second > 60 {
        return Err("the time is out of range".into());
    }
    let offset_minutes = match b.get(i) {
        None => None,
        Some(b'Z' | b'z') if i + 1 == b.len() => Some(0),
        Some(&sign @ (b'+' | b'-')) if i + 6 == b.len() && b[i + 3] == b':' => {
            let h = fixed_digits(b, i + 1, 2).ok_or("expected an offset like +02:00")?;
            let m = fixed_digits(b, i + 4, 2).ok_or("expected an offset like +02:00")?;
            if h > 23 || m > 59 {
                return Err("the UTC offset is out of range".into());
            }
            let o = (h * 60 + m) as i16;
            Some(if sign == b'-' { -o } else { o })
        }
        _ => return Err("expected `Z` or an offset like +02:00 after the time".into()),
    };
    Ok(TimeOfDay {
        seconds: hour * 3600 + minute * 60 + second.min(59),
        fraction,
        fraction_digits,
        offset_minutes,
    })
}

/// `n` ASCII digits at `at`, as a number; `None` if any is missing or not a digit.
fn fixed_digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let digits = b.get(at..at + n)?;
    digits.iter().try_fold(0u32, |acc, &d| {
        d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
    })
}

fn month_number(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            let m = m.to_ascii_lowercase();
            m == w || (w.len() == 3 && m.starts_with(&w)) || (w == "sept" && m == "september")
        })
        .map(|i| i as u32 + 1)
}

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let w = word.to_ascii_lowercase();
    w.len() >= 3
        && DAYS
            .iter()
            .any(|d| *d == w || (w.len() == 3 && d.starts_with(&w)))
}

/// `17`, `17th`, `1st`, `1er`, `2018` → (number, digit count).
fn ordinal_number(word: &str) -> Option<(u32, usize)> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..].to_ascii_lowercase();
    if digits.is_empty()
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || !(suffix.is_empty() || ["st", "nd", "rd", "th", "er"].contains(&suffix.as_str()))
    {
        return None;
    }
    Some((digits.parse().ok()?, digits.len()))
}

/// Whether `year` is a leap year in the proleptic Gregorian calendar.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1–12) of `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = (if y >= 0 { y } else { y - 399 }) / 400;
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Year, month, day of a day number (Howard Hinnant's `civil_from_days`).
pub fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = (if z >= 0 { z } else { z - 146_096 }) / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

impl crate::codec::Encode for Date {
    fn encode(&self, w: &mut crate::codec::Writer) {
        w.int(i64::from(self.days));
        w.u8(match self.precision {
            Precision::Year => 0,
            Precision::Month => 1,
            Precision::Day => 2,
            Precision::Time => 3,
        });
        if self.precision == Precision::Time {
            let t = self.time.unwrap_or(TimeOfDay {
                seconds: 0,
                fraction: None,
                fraction_digits: 0,
                offset_minutes: None,
            });
            w.uint(u64::from(t.seconds));
            w.put(&t.fraction);
            w.u8(t.fraction_digits);
            w.bool(t.offset_minutes.is_some());
            w.int(i64::from(t.offset_minutes.unwrap_or(0)));
        }
    }
}

impl crate::codec::Decode for Date {
    fn decode(r: &mut crate::codec::Reader) -> crate::codec::Result<Self> {
        let days = r.i32()?;
        let min = days_from_civil(MIN_YEAR, 1, 1);
        let max = days_from_civil(MAX_YEAR, 12, 31);
        if !(min..=max).contains(&days) {
            return Err(r.error("a date is out of range"));
        }
        let precision = match r.u8()? {
            0 => Precision::Year,
            1 => Precision::Month,
            2 => Precision::Day,
            3 => Precision::Time,
            _ => return Err(r.error("unknown date precision")),
        };
        let time = if precision == Precision::Time {
            let seconds = r.u32()?;
            let fraction: Option<u32> = r.get()?;
            let fraction_digits = r.u8()?;
            let has_offset = r.bool()?;
            let offset =
                i16::try_from(r.int()?).map_err(|_| r.error("a time offset is out of range"))?;
            if seconds >= 86_400 || fraction_digits > 9 {
                return Err(r.error("a time of day is out of range"));
            }
            Some(TimeOfDay {
                seconds,
                fraction,
                fraction_digits,
                offset_minutes: has_offset.then_some(offset),
            })
        } else {
            None
        };
        Ok(Date {
            days,
            precision,
            time,
        })
    }
}

#[cfg(test)]
mod tests;
