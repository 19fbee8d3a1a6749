use super::*;
use crate::bitset::DocSet;
use crate::date::Date;

fn day(s: &str) -> i32 {
    Date::parse_iso(s).unwrap().first_day()
}

fn months(spans: &[Option<(i32, i32)>]) -> Vec<Option<(i32, i32)>> {
    let m = |d: i32| {
        let (y, mo, _) = crate::date::civil_from_days(d);
        y * 12 + mo as i32 - 1
    };
    spans.iter().map(|s| s.map(|(a, b)| (m(a), m(b)))).collect()
}

fn span(s: &str) -> Option<(i32, i32)> {
    let d = Date::parse_iso(s).unwrap();
    Some((d.first_day(), d.last_day()))
}

#[test]
fn granularity_follows_the_span() {
    assert_eq!(Granularity::for_span(30), Granularity::Day);
    assert_eq!(Granularity::for_span(120), Granularity::Week);
    assert_eq!(Granularity::for_span(365), Granularity::Month);
    assert_eq!(Granularity::for_span(365 * 5), Granularity::Month);
    assert_eq!(Granularity::for_span(3653), Granularity::Year);
    assert_eq!(Granularity::for_span(365 * 300), Granularity::Decade);
    assert_eq!(Granularity::for_span(365 * 2000), Granularity::Century);
}

#[test]
fn no_span_gives_more_than_the_bar_limit() {
    // See: #9 (1,900 yearly bars made every keystroke take a second)
    let first = day("0001-01-01");
    for last in [
        day("0001-01-31"),
        day("0001-12-31"),
        day("0150-01-01"),
        day("1900-01-01"),
        day("9999-12-31"),
    ] {
        for start in [first, first + 400, day("0102-05-05")] {
            if start > last {
                continue;
            }
            let h = histogram(&[], &[], &DocSet::empty(0), (start, last));
            assert!(
                h.buckets.len() <= MAX_BARS,
                "{} bars for {start}..{last}",
                h.buckets.len()
            );
        }
    }
}

#[test]
fn misdated_documents_lie_outside_the_bulk() {
    // See: #9 — mail of 1998–2002 with typos in the year.
    let mut dates: Vec<Option<(i32, i32)>> = Vec::new();
    for i in 0..500 {
        let y = 1998 + (i % 5);
        dates.push(span(&format!("{y}-0{}-1{}", 1 + i % 9, i % 10)));
    }
    for typo in ["0102-05-14", "2102-01-01", "1970-01-01", "1970-01-01"] {
        dates.push(span(typo));
    }
    dates.push(None);
    let years: Vec<i32> = dates
        .iter()
        .map(|d| d.map_or(i32::MIN, |(a, _)| crate::date::civil_from_days(a).0))
        .collect();
    let all = DocSet::full(dates.len());
    let e = extent(&dates, &years, &all).unwrap();
    assert_eq!(e.bulk, (day("1998-01-10"), day("2002-09-19")));
    assert_eq!(e.before, Some((3, (day("0102-05-14"), day("1970-01-01")))));
    assert_eq!(e.after, Some((1, (day("2102-01-01"), day("2102-01-01")))));
    // A query that matches only the misdated ones shows them all (a few documents are
    // never outliers of themselves).
    let mut typos = DocSet::empty(dates.len());
    for d in 500..504 {
        typos.insert(d);
    }
    let e = extent(&dates, &years, &typos).unwrap();
    assert_eq!(e.bulk, (day("0102-05-14"), day("2102-01-01")));
    assert_eq!((e.before, e.after), (None, None));
    // A long, evenly spread archive stays whole.
    let sotu: Vec<Option<(i32, i32)>> = (1790..2022).map(|y| span(&y.to_string())).collect();
    let sotu_years: Vec<i32> = (1790..2022).collect();
    let e = extent(&sotu, &sotu_years, &DocSet::full(sotu.len())).unwrap();
    assert_eq!(e.bulk, (day("1790-01-01"), day("2021-12-31")));
    assert_eq!((e.before, e.after), (None, None));
    // Two real clusters are both the bulk.
    let two: Vec<Option<(i32, i32)>> = (0..40)
        .map(|i| span(if i < 20 { "1861" } else { "1999" }))
        .collect();
    let two_years: Vec<i32> = (0..40).map(|i| if i < 20 { 1861 } else { 1999 }).collect();
    let e = extent(&two, &two_years, &DocSet::full(40)).unwrap();
    assert_eq!(e.bulk, (day("1861-01-01"), day("1999-12-31")));
}

#[test]
fn documents_count_only_in_buckets_that_hold_their_whole_date() {
    // See: #4 (a year-only date is not piled into January)
    let spans = vec![
        span("1861"),
        span("1861-03"),
        span("1861-03-04"),
        None,
        span("1900"),
    ];
    let all = DocSet::full(spans.len());
    let h = histogram(
        &spans,
        &months(&spans),
        &all,
        (day("1861-01-01"), day("1861-12-31")),
    );
    assert_eq!(h.granularity, Granularity::Month);
    assert_eq!(h.buckets.len(), 12);
    assert_eq!(h.buckets[2].count, 2);
    assert_eq!(h.buckets.iter().map(|b| b.count).sum::<usize>(), 2);
    assert_eq!((h.undated, h.coarser, h.outside), (1, 1, 1));
    assert_eq!(h.buckets[2].label(h.granularity), "Mar 1861");
    assert_eq!(h.buckets[2].iso_start(h.granularity), "1861-03");
}

#[test]
fn year_buckets_cover_the_span() {
    let spans = vec![span("1790"), span("1791"), span("1791-05-06"), span("1793")];
    let all = DocSet::full(spans.len());
    let h = histogram(&spans, &months(&spans), &all, corpus_span(&spans).unwrap());
    assert_eq!(h.granularity, Granularity::Month);
    let long = vec![span("1790"), span("1850")];
    let h = histogram(
        &long,
        &months(&long),
        &DocSet::full(2),
        corpus_span(&long).unwrap(),
    );
    assert_eq!(h.granularity, Granularity::Year);
    assert_eq!(h.buckets.len(), 61);
    assert_eq!(h.buckets[0].count, 1);
    assert_eq!(h.buckets[60].count, 1);
    let labels: Vec<String> = h
        .labels(8, crate::locale::Lang::En)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        labels,
        ["1790", "1800", "1810", "1820", "1830", "1840", "1850"]
    );
}

#[test]
fn weeks_start_on_monday() {
    let spans = vec![span("2018-10-17")]; // a Wednesday
    let h = histogram(
        &spans,
        &months(&spans),
        &DocSet::full(1),
        (day("2018-09-01"), day("2018-11-30")),
    );
    assert_eq!(h.granularity, Granularity::Week);
    let b = h.buckets.iter().find(|b| b.count == 1).unwrap();
    assert_eq!(b.label(h.granularity), "Week of 15 Oct 2018");
    assert_eq!(b.end - b.start, 6);
}

#[test]
fn zooming_out_widens_until_everything_shows() {
    let whole = (day("1790-01-01"), day("2021-12-31"));
    let year = (day("1861-01-01"), day("1861-12-31"));
    let wider = zoom_out(year, whole).unwrap();
    assert!(wider.0 < year.0 && wider.1 > year.1);
    let mut s = Some(year);
    for _ in 0..10 {
        s = s.and_then(|x| zoom_out(x, whole));
    }
    assert_eq!(s, None);
}

#[test]
fn ranges_print_in_their_shortest_form() {
    let r = |a: &str, b: &str| DateRange {
        start: Some(Date::parse_iso(a).unwrap().first_day()),
        end: Some(Date::parse_iso(b).unwrap().last_day()),
    };
    assert_eq!(format_range(&r("1861", "1865")), "1861..1865");
    assert_eq!(format_range(&r("1861", "1861")), "1861");
    assert_eq!(format_range(&r("1861-03", "1861-06")), "1861-03..1861-06");
    assert_eq!(
        format_range(&r("1861-03-04", "1861-03-10")),
        "1861-03-04..1861-03-10"
    );
    let open = DateRange {
        start: None,
        end: Some(day("1900-12-31")),
    };
    assert_eq!(format_range(&open), "..1900");
}

#[test]
fn the_chronology_groups_by_year_and_month() {
    let spans = vec![
        span("1861"),
        span("1861-03"),
        span("1861-03-04"),
        span("1862-01-02"),
        None,
    ];
    let ids: Vec<DocId> = (0..5).map(DocId).collect();
    assert_eq!(
        chronology(&spans, &ids),
        [
            Row::Year(1861, 3),
            Row::YearOnly(1861, 1),
            Row::Doc(DocId(0)),
            Row::Month(1861, 3, 2),
            Row::Doc(DocId(1)),
            Row::Doc(DocId(2)),
            Row::Year(1862, 1),
            Row::Month(1862, 1, 1),
            Row::Doc(DocId(3)),
            Row::Undated(1),
            Row::Doc(DocId(4)),
        ]
    );
}

fn bars(counts: &[usize]) -> Vec<Bucket> {
    counts
        .iter()
        .enumerate()
        .map(|(i, &count)| Bucket {
            start: i as i32 * 10,
            end: i as i32 * 10 + 9,
            count,
        })
        .collect()
}

#[test]
fn the_keyboard_moves_between_bars_and_stops_at_the_ends() {
    assert_eq!(bar_after_key("ArrowLeft", 2, 5), Some(1));
    assert_eq!(bar_after_key("ArrowLeft", 0, 5), Some(0));
    assert_eq!(bar_after_key("ArrowRight", 4, 5), Some(4));
    assert_eq!(bar_after_key("ArrowRight", 1, 5), Some(2));
    assert_eq!(bar_after_key("Home", 3, 5), Some(0));
    assert_eq!(bar_after_key("End", 0, 5), Some(4));
    assert_eq!(bar_after_key("Enter", 0, 5), None);
    assert_eq!(bar_after_key("ArrowLeft", 0, 0), None);
    // A focus left beyond fewer bars (the counts changed) comes back inside.
    assert_eq!(bar_after_key("ArrowLeft", 9, 3), Some(1));
    // It starts from the last bar with documents.
    assert_eq!(keyboard_start(&bars(&[1, 4, 0, 0])), 1);
    assert_eq!(keyboard_start(&bars(&[0, 0])), 1);
    assert_eq!(keyboard_start(&[]), 0);
}

#[test]
fn a_range_of_bars_and_the_bars_of_a_range_agree() {
    let b = bars(&[1, 2, 3, 4, 5]);
    let r = bars_range(&b, 3, 1).unwrap();
    assert_eq!((r.start, r.end), (Some(10), Some(39)));
    assert_eq!(bars_in(&b, &r), Some((1, 3)));
    assert_eq!(bars_range(&b, 1, 7), None);
    let outside = DateRange {
        start: Some(100),
        end: Some(200),
    };
    assert_eq!(bars_in(&b, &outside), None);
}
