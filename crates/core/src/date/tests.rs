use super::*;
use proptest::prelude::*;

#[test]
fn iso_dates_keep_their_precision() {
    let cases = [
        ("1861", Precision::Year, "1861", "1861"),
        ("2018-10", Precision::Month, "2018-10", "Oct 2018"),
        ("2018-10-17", Precision::Day, "2018-10-17", "17 Oct 2018"),
        (
            "2018-10-17T14:03:00+02:00",
            Precision::Time,
            "2018-10-17T14:03:00+02:00",
            "17 Oct 2018, 14:03",
        ),
        (
            "2018-10-17 09:05Z",
            Precision::Time,
            "2018-10-17T09:05:00Z",
            "17 Oct 2018, 09:05",
        ),
        (
            "2018-10-17T09:05:07.250-05:30",
            Precision::Time,
            "2018-10-17T09:05:07.250-05:30",
            "17 Oct 2018, 09:05",
        ),
    ];
    for (input, precision, iso, shown) in cases {
        let d = Date::parse_iso(input).unwrap();
        assert_eq!(d.precision(), precision, "{input}");
        assert_eq!(d.to_iso(), iso, "{input}");
        assert_eq!(d.to_string(), shown, "{input}");
    }
}

#[test]
fn a_year_is_not_its_first_day() {
    let year = Date::parse_iso("1861").unwrap();
    let day = Date::parse_iso("1861-01-01").unwrap();
    assert_ne!(year, day);
    assert_eq!(year.first_day(), day.first_day());
    assert_eq!(
        year.last_day(),
        Date::parse_iso("1861-12-31").unwrap().first_day()
    );
    assert!(year < day, "less precise dates sort first on the same day");
}

#[test]
fn month_periods_end_on_their_last_day() {
    let feb = Date::parse_iso("2020-02").unwrap();
    assert_eq!(
        feb.last_day(),
        Date::parse_iso("2020-02-29").unwrap().first_day()
    );
}

#[test]
fn invalid_iso_dates_say_why() {
    for (input, reason) in [
        ("2018-02-30", "February 2018 has no day 30"),
        ("2018-13", "month must be 01 to 12"),
        ("18-10-17", "expected YYYY"),
        ("2018/10/17", "expected `-` after the year"),
        ("2018-10-17T25:00", "out of range"),
        ("2018-10-17T10:00+2", "offset"),
        ("yesterday", "expected YYYY"),
        ("", "expected YYYY"),
    ] {
        let e = Date::parse_iso(input).unwrap_err();
        assert!(e.reason.contains(reason), "{input}: {}", e.reason);
    }
}

#[test]
fn loose_dates_as_people_write_them() {
    for (input, iso) in [
        ("Oct 17 2018", "2018-10-17"),
        ("October 17, 2018", "2018-10-17"),
        ("17 October 2018", "2018-10-17"),
        ("17 Oct. 2018", "2018-10-17"),
        ("Tuesday, October 17, 2018", "2018-10-17"),
        ("Tue 17 Oct 2018", "2018-10-17"),
        ("Sept 1st, 1939", "1939-09-01"),
        ("2018/10/17", "2018-10-17"),
        ("October 2018", "2018-10"),
        ("1861", "1861"),
        ("2018-10-17", "2018-10-17"),
    ] {
        assert_eq!(Date::parse_loose(input).unwrap().to_iso(), iso, "{input}");
    }
}

#[test]
fn loose_dates_refuse_what_they_cannot_know() {
    for input in [
        "10/11/2018",
        "Oct 17",
        "Octember 17 2018",
        "Feb 30 2018",
        "",
        "788",
    ] {
        assert!(Date::parse_loose(input).is_err(), "{input}");
    }
}

#[test]
fn sorting_is_chronological_across_offsets() {
    let a = Date::parse_iso("2018-10-17T10:00:00+02:00").unwrap(); // 08:00 UTC
    let b = Date::parse_iso("2018-10-17T09:00:00Z").unwrap();
    assert!(a < b);
}

proptest! {
    #[test]
    fn civil_days_round_trip(days in -719_468i32..2_932_896) {
        let (y, m, d) = civil_from_days(days);
        prop_assert_eq!(days_from_civil(y, m, d), days);
    }

    #[test]
    fn iso_round_trips(y in 0i32..=9999, m in 1u32..=12, d in 1u32..=31) {
        if let Some(date) = Date::from_ymd(y, m, d) {
            prop_assert_eq!(Date::parse_iso(&date.to_iso()).unwrap(), date);
            prop_assert_eq!(date.ymd(), (y, m, d));
        } else {
            prop_assert!(d > days_in_month(y, m));
        }
    }

    #[test]
    fn parsers_never_panic(s in "\\PC{0,30}") {
        let _ = Date::parse_iso(&s);
        let _ = Date::parse_loose(&s);
    }
}
