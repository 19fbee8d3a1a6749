//! Dates as archives write them: mail headers (RFC 2822), `ctime`, and the forms
//! [`Date::parse_loose`] reads, for corpus files that were not written with ISO dates.

use super::{Date, DateError, Precision, TimeOfDay};

/// Named time zones seen in mail headers, with their offsets in minutes (RFC 2822 names
/// the American ones; the rest are common in the wild).
const ZONES: &[(&str, i16)] = &[
    ("UT", 0),
    ("UTC", 0),
    ("GMT", 0),
    ("Z", 0),
    ("EST", -300),
    ("EDT", -240),
    ("CST", -360),
    ("CDT", -300),
    ("MST", -420),
    ("MDT", -360),
    ("PST", -480),
    ("PDT", -420),
    ("BST", 60),
    ("CET", 60),
    ("CEST", 120),
    ("EET", 120),
    ("EEST", 180),
    ("MSK", 180),
    ("JST", 540),
];

impl Date {
    /// Reads a date in any form an archive is likely to hold: what [`Date::parse_iso`]
    /// and [`Date::parse_loose`] read, plus mail headers (`Thu, 1 Jan 2020 12:00:00
    /// +0000 (UTC)`, also with a two-digit year) and `ctime` (`Wed Oct 17 14:03:00
    /// 2018`), which keep their time of day and zone.
    ///
    /// ```
    /// use chronicle_core::date::Date;
    /// let d = Date::parse_any("Wed, 17 Oct 2018 14:03:00 +0200").unwrap();
    /// assert_eq!(d.to_iso(), "2018-10-17T14:03:00+02:00");
    /// assert_eq!(Date::parse_any("17 October 2018").unwrap().to_iso(), "2018-10-17");
    /// assert!(Date::parse_any("10/11/2018").is_err()); // October or November?
    /// // Unix time, in seconds (as Slack writes it, with a fraction) or milliseconds:
    /// assert_eq!(Date::parse_any("1539734400.000200").unwrap().to_iso(), "2018-10-17T00:00:00.000200Z");
    /// assert_eq!(Date::parse_any("1539734400123").unwrap().to_iso(), "2018-10-17T00:00:00.123Z");
    /// ```
    pub fn parse_any(input: &str) -> Result<Date, DateError> {
        let iso = match Date::parse_iso(input) {
            Ok(d) => return Ok(d),
            Err(e) => e,
        };
        if let Some(d) = with_time(input).or_else(|| Date::from_unix_text(input)) {
            return Ok(d);
        }
        // What went wrong is told in the terms of the form the input was meant to have.
        let b = input.trim().as_bytes();
        let meant_iso = b.len() > 4 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-';
        Date::parse_loose(input).map_err(|loose| if meant_iso { iso } else { loose })
    }
}

impl Date {
    /// A Unix time written as digits: seconds since 1970 (9 or 10 digits, 1973–2286,
    /// maybe with a fraction) or milliseconds (12 or 13 digits); `None` for anything else,
    /// so that a year (`2018`) or a compact date (`20181017`) is never read as one.
    pub fn from_unix_text(input: &str) -> Option<Date> {
        let text = input.trim();
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || !digits(fraction) || fraction.len() > 9 {
            return None;
        }
        let n: i64 = whole.parse().ok()?;
        let (seconds, fraction) = match whole.len() {
            9 | 10 => (n, fraction),
            12 | 13 if fraction.is_empty() => (n / 1000, &whole[whole.len() - 3..]),
            _ => return None,
        };
        let day = Date::from_days(i32::try_from(seconds.div_euclid(86_400)).ok()?);
        Some(Date {
            precision: Precision::Time,
            time: Some(TimeOfDay {
                seconds: seconds.rem_euclid(86_400) as u32,
                fraction: (!fraction.is_empty()).then(|| fraction.parse().unwrap_or(0)),
                fraction_digits: fraction.len() as u8,
                offset_minutes: Some(0),
            }),
            ..day
        })
    }
}

/// A date with a time of day (`HH:MM` or `HH:MM:SS`) somewhere among its words, and
/// maybe a zone after it; `None` if there is no time, or the rest is not a date.
fn with_time(input: &str) -> Option<Date> {
    // A trailing comment, as in `+0000 (UTC)`, says nothing more.
    let text = match input.find('(') {
        Some(i) if input.trim_end().ends_with(')') => &input[..i],
        _ => input,
    };
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let t = words.iter().position(|w| time_of(w).is_some())?;
    let seconds = time_of(words[t])?;
    let mut rest: Vec<String> = Vec::new();
    let mut offset = None;
    for (i, w) in words.iter().enumerate() {
        if i == t {
            continue;
        }
        if i > t && offset.is_none() {
            if let Some(o) = zone(w) {
                offset = Some(o);
                continue;
            }
        }
        rest.push((*w).to_string());
    }
    widen_two_digit_year(&mut rest);
    let day = Date::parse_loose(&rest.join(" ")).ok()?;
    (day.precision == Precision::Day).then_some(Date {
        precision: Precision::Time,
        time: Some(TimeOfDay {
            seconds,
            fraction: None,
            fraction_digits: 0,
            offset_minutes: offset,
        }),
        ..day
    })
}

/// Seconds since midnight of `HH:MM` or `HH:MM:SS`.
fn time_of(word: &str) -> Option<u32> {
    let parts: Vec<&str> = word.split(':').collect();
    if !(2..=3).contains(&parts.len())
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    let (h, m, s) = (n[0], n[1], n.get(2).copied().unwrap_or(0));
    (h < 24 && m < 60 && s < 61).then_some(h * 3600 + m * 60 + s.min(59))
}

/// The offset of `+0200`, `-0800`, `GMT`, `PDT`…, in minutes.
fn zone(word: &str) -> Option<i16> {
    let b = word.as_bytes();
    if b.len() == 5 && matches!(b[0], b'+' | b'-') && b[1..].iter().all(u8::is_ascii_digit) {
        let h = i16::from(b[1] - b'0') * 10 + i16::from(b[2] - b'0');
        let m = i16::from(b[3] - b'0') * 10 + i16::from(b[4] - b'0');
        if h > 23 || m > 59 {
            return None;
        }
        let minutes = h * 60 + m;
        return Some(if b[0] == b'-' { -minutes } else { minutes });
    }
    ZONES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(word))
        .map(|&(_, o)| o)
}

/// Old mail writes the year in two digits (`12 Oct 98`): as RFC 2822 reads them, below
/// 50 is 20xx, else 19xx. Only when no word is a four-digit year and the two-digit one
/// comes after a day.
fn widen_two_digit_year(words: &mut [String]) {
    let numeric = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    if words.iter().any(|w| numeric(w) && w.len() == 4) {
        return;
    }
    let numbers: Vec<usize> = (0..words.len()).filter(|&i| numeric(&words[i])).collect();
    if let [_, last] = numbers[..] {
        if words[last].len() == 2 {
            let y: u32 = words[last].parse().unwrap_or(0);
            words[last] = (if y < 50 { 2000 + y } else { 1900 + y }).to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mail_and_ctime_dates_keep_their_time_and_zone() {
        for (input, iso) in [
            ("Thu, 01 Jan 2020 12:00:00 +0000", "2020-01-01T12:00:00Z"),
            (
                "Thu, 1 Jan 2020 12:00:00 -0800 (PST)",
                "2020-01-01T12:00:00-08:00",
            ),
            ("Wed, 17 Oct 2018 14:03 +0200", "2018-10-17T14:03:00+02:00"),
            ("17 Oct 2018 14:03:09 GMT", "2018-10-17T14:03:09Z"),
            ("Mon, 12 Oct 98 08:15:00 EDT", "1998-10-12T08:15:00-04:00"),
            ("Sat, 3 Mar 07 23:59:59 +0100", "2007-03-03T23:59:59+01:00"),
            ("Wed Oct 17 14:03:00 2018", "2018-10-17T14:03:00"),
            ("October 17, 2018 2:03", "2018-10-17T02:03:00"),
        ] {
            let d = Date::parse_any(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(d.to_iso(), iso, "{input}");
        }
    }

    #[test]
    fn a_numeric_date_with_one_reading_is_read() {
        assert_eq!(
            Date::parse_any("17/10/2018").unwrap().to_iso(),
            "2018-10-17"
        );
        assert_eq!(
            Date::parse_any("10/17/2018").unwrap().to_iso(),
            "2018-10-17"
        );
        assert_eq!(
            Date::parse_any("17.10.2018").unwrap_err().input,
            "17.10.2018"
        );
        assert!(Date::parse_any("31/02/2018").is_err());
    }

    #[test]
    fn what_is_not_clearly_a_date_is_refused() {
        for input in [
            "10/11/2018",
            "15397849",
            "15397849800",
            "1539784980.12.5",
            "1539784980.1234567890",
            "-1539784980",
            "Thu, 32 Jan 2020 12:00:00 +0000",
            "Thu, 1 Jan 2020 25:00:00 +0000",
            "12:00",
            "soon",
            "",
        ] {
            assert!(Date::parse_any(input).is_err(), "{input}");
        }
    }

    #[test]
    fn unix_times_in_seconds_or_milliseconds_are_read_in_utc() {
        for (input, iso) in [
            ("1539784980", "2018-10-17T14:03:00Z"),
            (" 1539784980 ", "2018-10-17T14:03:00Z"),
            ("1539784980.000200", "2018-10-17T14:03:00.000200Z"),
            ("1539784980250", "2018-10-17T14:03:00.250Z"),
            ("100000000", "1973-03-03T09:46:40Z"),
            ("9999999999", "2286-11-20T17:46:39Z"),
        ] {
            assert_eq!(Date::parse_any(input).unwrap().to_iso(), iso, "{input}");
        }
        // A year and a compact day keep their own reading.
        assert_eq!(Date::parse_any("2018").unwrap().to_iso(), "2018");
    }

    #[test]
    fn every_iso_and_loose_date_still_reads_the_same() {
        for input in [
            "1861",
            "2018-10",
            "2018-10-17",
            "2018-10-17T14:03:00Z",
            "Oct 17 2018",
        ] {
            assert_eq!(
                Date::parse_any(input).unwrap(),
                Date::parse_loose(input).unwrap()
            );
        }
    }
}
