//! Dates as archives write them: mail headers (RFC 2822), `ctime`, and the forms
//! [`Date::parse_loose`] reads, for corpus files that were not written with ISO dates.

use super::{Date, DateError, Precision, TimeOfDay, MONTHS};

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
        let text = normalize(input);
        if let Some(d) = Date::parse_iso(&text)
            .ok()
            .or_else(|| with_time(&text))
            .or_else(|| Date::from_unix_text(&text))
        {
            return Ok(d);
        }
        // What went wrong is told in the terms of the form the input was meant to have.
        let b = input.trim().as_bytes();
        let meant_iso = b.len() > 4 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-';
        Date::parse_loose(&text).map_err(|loose| {
            let mut e = if meant_iso { iso } else { loose };
            e.input = input.to_string();
            e
        })
    }
}

/// Month names in the other languages archives are written in, as `(name, month)`:
/// Arabic as written in Egypt and the Gulf and as written in the Levant and Iraq (the
/// Syrian `تشرين الأول` is October), French, Spanish and German. Matched after
/// lower-casing; English names are read by [`Date::parse_loose`].
const OTHER_MONTHS: &[(&str, u8)] = &[
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("إبريل", 4),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("كانون الثاني", 1),
    ("شباط", 2),
    ("آذار", 3),
    ("اذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("آب", 8),
    ("اب", 8),
    ("أيلول", 9),
    ("ايلول", 9),
    ("تشرين الأول", 10),
    ("تشرين الاول", 10),
    ("تشرين الثاني", 11),
    ("كانون الأول", 12),
    ("كانون الاول", 12),
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("januar", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
];

/// Words that say nothing about the day: weekdays in Arabic, French, Spanish and German,
/// "at", "de", "le", and the Arabic era mark (`2018 م`).
const FILLER: &[&str] = &[
    "الأحد",
    "الاحد",
    "الاثنين",
    "الإثنين",
    "الثلاثاء",
    "الأربعاء",
    "الاربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "م",
    "في",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "at",
    "de",
    "le",
    "à",
    "um",
    "den",
];

/// `input` as the English and ISO readers take it: Arabic-Indic digits as ASCII, other
/// languages' month names in English, words that say nothing dropped, a Java zone name
/// (`[Europe/Berlin]`) dropped, an ISO offset without its colon (`+0200`) given one,
/// compact (`20181017`) and dotted (`17.10.2018`, `2018.10.17`) days written as ISO.
fn normalize(input: &str) -> String {
    let mut text: String = input
        .trim()
        .chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            '،' => ',',
            _ => c,
        })
        .collect();
    if text.ends_with(']') {
        if let Some(open) = text.rfind('[') {
            text.truncate(open);
        }
    }
    let lower = text.to_ascii_lowercase();
    let mut words: Vec<String> = Vec::new();
    let mut rest = lower.as_str();
    'words: while let Some(start) = rest.find(|c: char| !c.is_whitespace() && c != ',') {
        rest = &rest[start..];
        for &(name, month) in OTHER_MONTHS {
            if let Some(after) = rest.strip_prefix(name) {
                if after.is_empty() || after.starts_with(|c: char| c.is_whitespace() || c == ',') {
                    words.push(MONTHS[usize::from(month) - 1].to_string());
                    rest = after;
                    continue 'words;
                }
            }
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == ',')
            .unwrap_or(rest.len());
        let word = &rest[..end];
        rest = &rest[end..];
        let word = word
            .strip_suffix("م")
            .filter(|w| w.ends_with(|c: char| c.is_ascii_digit()))
            .unwrap_or(word);
        if !FILLER.contains(&word) {
            words.push(numeric_day(word).unwrap_or_else(|| word.to_string()));
        }
    }
    let mut text = words.join(" ");
    // `2018-10-17T14:03:00+0200`: RFC 3339 wants `+02:00`.
    let b = text.as_bytes();
    let n = b.len();
    if n > 16
        && matches!(b[n - 5], b'+' | b'-')
        && b[n - 4..].iter().all(u8::is_ascii_digit)
        && b[n - 6].is_ascii_digit()
        && matches!(b[10], b't' | b' ')
    {
        text.insert(n - 2, ':');
    }
    // The ISO reader wants its `T` and `Z` in capitals.
    if text.len() > 10 && text.as_bytes()[10] == b't' {
        text.make_ascii_uppercase();
    }
    text
}

/// `20181017`, `17.10.2018` or `2018.10.17` as `2018-10-17`.
fn numeric_day(word: &str) -> Option<String> {
    let b = word.as_bytes();
    if b.len() == 8 && b.iter().all(u8::is_ascii_digit) && matches!(b[0], b'1' | b'2') {
        return Some(format!("{}-{}-{}", &word[..4], &word[4..6], &word[6..]));
    }
    let parts: Vec<&str> = word.split('.').collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let (y, m, d) = match (parts[0].len(), parts[2].len()) {
        (1 | 2, 4) => (parts[2], parts[1], parts[0]),
        (4, 1 | 2) => (parts[0], parts[1], parts[2]),
        _ => return None,
    };
    (m.len() <= 2).then(|| format!("{y}-{m:0>2}-{d:0>2}"))
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
    let t = words
        .iter()
        .position(|w| time_of(without_meridiem(w).0).is_some())?;
    let (word, attached) = without_meridiem(words[t]);
    let mut seconds = time_of(word)?;
    // `2:03 PM`, `2:03pm`, `2:03 p.m.`: a twelve-hour clock.
    let apart = words.get(t + 1).and_then(|w| meridiem(w));
    if let Some(pm) = attached.or(apart) {
        let hour = seconds / 3600;
        if !(1..=12).contains(&hour) {
            return None;
        }
        seconds = seconds % 3600 + (hour % 12 + if pm { 12 } else { 0 }) * 3600;
    }
    let skip = if attached.is_none() && apart.is_some() {
        t + 1
    } else {
        t
    };
    let mut rest: Vec<String> = Vec::new();
    let mut offset = None;
    for (i, w) in words.iter().enumerate() {
        if i == t || i == skip {
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

/// Whether a word says after noon (`pm`, `p.m.`) or before (`am`, `a.m.`).
fn meridiem(word: &str) -> Option<bool> {
    match word.to_ascii_lowercase().as_str() {
        "am" | "a.m." | "a.m" => Some(false),
        "pm" | "p.m." | "p.m" => Some(true),
        _ => None,
    }
}

/// A time word without a `pm` or `am` written onto it (`2:03pm`), and which it was.
fn without_meridiem(word: &str) -> (&str, Option<bool>) {
    let split = word.len().saturating_sub(2);
    match (word.get(..split), word.get(split..).and_then(meridiem)) {
        (Some(time), Some(pm)) if time.contains(':') => (time, Some(pm)),
        _ => (word, None),
    }
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

/// The offset of `+0200`, `-0800`, `GMT`, `PDT`, `GMT+0200`, `UTC+02:00`, `UTC+2`…, in
/// minutes.
fn zone(word: &str) -> Option<i16> {
    let lower = word.to_ascii_lowercase();
    if let Some(offset) = ["gmt", "utc"]
        .iter()
        .find_map(|z| lower.strip_prefix(z))
        .filter(|o| !o.is_empty())
    {
        let (sign, digits) = match offset.as_bytes()[0] {
            b'+' | b'-' => offset.split_at(1),
            _ => return None,
        };
        let digits = digits.replace(':', "");
        let padded = match digits.len() {
            1 | 2 => format!("{sign}{digits:0>2}00"),
            _ => format!("{sign}{digits:0>4}"),
        };
        return zone(&padded);
    }
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

    proptest::proptest! {
        /// Whatever is written in a date field, reading it never panics.
        #[test]
        fn any_text_is_read_or_refused(s in "[0-9a-zA-Z:.,+ /\\-éأ٠-٩\\[\\]()]{0,40}") {
            let _ = Date::parse_any(&s);
        }
    }

    #[test]
    fn dates_in_arabic_french_spanish_and_german_are_read() {
        for (input, iso) in [
            ("17 أكتوبر 2018", "2018-10-17"),
            ("الأربعاء 17 تشرين الأول 2018", "2018-10-17"),
            ("١٧ تشرين الأول، ٢٠١٨", "2018-10-17"),
            ("١٧/١٠/٢٠١٨", "2018-10-17"),
            ("2 آب 2018م", "2018-08-02"),
            ("كانون الثاني 2019", "2019-01"),
            ("mercredi 17 octobre 2018", "2018-10-17"),
            ("1er août 2018", "2018-08-01"),
            ("17 de octubre de 2018", "2018-10-17"),
            ("17. Oktober 2018", "2018-10-17"),
            ("März 2018", "2018-03"),
            ("3 mars 2018", "2018-03-03"),
        ] {
            let d = Date::parse_any(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(d.to_iso(), iso, "{input}");
        }
    }

    #[test]
    fn the_forms_programs_write_are_read() {
        for (input, iso) in [
            ("2018-10-17 14:03:00", "2018-10-17T14:03:00"),
            ("2018-10-17T14:03:00+0200", "2018-10-17T14:03:00+02:00"),
            ("2018-10-17 14:03:00-0500", "2018-10-17T14:03:00-05:00"),
            ("2018-10-17t14:03:00z", "2018-10-17T14:03:00Z"),
            (
                "2018-10-17T14:03:00+02:00[Europe/Berlin]",
                "2018-10-17T14:03:00+02:00",
            ),
            ("20181017", "2018-10-17"),
            ("17.10.2018", "2018-10-17"),
            ("17.10.2018 14:03", "2018-10-17T14:03:00"),
            ("2018.10.17", "2018-10-17"),
            ("Oct 17 2018 2:03PM", "2018-10-17T14:03:00"),
            ("October 17, 2018 at 12:03 am", "2018-10-17T00:03:00"),
            ("2018-10-17 12:30 p.m.", "2018-10-17T12:30:00"),
            (
                "Wed Oct 17 2018 14:03:00 GMT+0200 (Central European Summer Time)",
                "2018-10-17T14:03:00+02:00",
            ),
            ("17 Oct 2018 14:03 UTC+2", "2018-10-17T14:03:00+02:00"),
        ] {
            let d = Date::parse_any(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(d.to_iso(), iso, "{input}");
        }
        for input in [
            "13:03 pm 17 Oct 2018",
            "2018.13.17",
            "32.10.2018",
            "99999999",
            "17 Oct 2018 14:03 GMTé",
        ] {
            assert!(Date::parse_any(input).is_err(), "{input}");
        }
        // A refusal quotes what was written.
        assert_eq!(
            Date::parse_any("١٠/١١/٢٠١٨").unwrap_err().input,
            "١٠/١١/٢٠١٨"
        );
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
