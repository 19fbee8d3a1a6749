use super::*;
use crate::protocol::Series;
use crate::timeline::{Bucket, Histogram};
use proptest::prelude::*;

/// A timeline of years from 2010, with `base` documents per year and the series given.
fn timeline(base: &[u32], series: &[(&str, &[u32])]) -> Timeline {
    let day = |y: i32| crate::date::days_from_civil(y, 1, 1);
    Timeline {
        histogram: Histogram {
            granularity: Granularity::Year,
            span: (day(2010), day(2010 + base.len() as i32) - 1),
            buckets: (0..base.len() as i32)
                .map(|i| Bucket {
                    start: day(2010 + i),
                    end: day(2011 + i) - 1,
                    count: 1,
                })
                .collect(),
            undated: 0,
            coarser: 0,
            outside: 0,
        },
        zoomed: false,
        whole: (0, 0),
        before: None,
        after: None,
        series: series
            .iter()
            .map(|(q, counts)| Series {
                q: q.to_string(),
                counts: counts.to_vec(),
                total: counts.iter().sum(),
            })
            .collect(),
        base: base.to_vec(),
    }
}

#[test]
fn a_share_is_of_the_bars_documents_and_an_empty_bar_has_none() {
    let t = timeline(&[8, 0, 3], &[("idlib", &[1, 0, 3])]);
    let s = &t.series[0];
    assert_eq!(value(s, &t.base, 0, Scale::Share), 125);
    assert_eq!(value(s, &t.base, 1, Scale::Share), 0);
    assert_eq!(value(s, &t.base, 2, Scale::Share), 1000);
    assert_eq!(value(s, &t.base, 0, Scale::Count), 1);
    assert_eq!(peak(&t, Scale::Count), 3);
    assert_eq!(peak(&t, Scale::Share), 1000);
    assert_eq!(show(1000, Scale::Share), "100.0%");
    assert_eq!(show(1234, Scale::Count), "1,234");
}

#[test]
fn the_table_keeps_the_bars_of_the_range() {
    let t = timeline(&[8, 4, 3], &[("idlib", &[1, 2, 3]), ("aleppo", &[0, 1, 0])]);
    let all = table(&t, None, crate::locale::Lang::En);
    assert_eq!(all.len(), 3);
    assert_eq!(all[1].label, "2011");
    assert_eq!(
        (all[1].from.as_str(), all[1].to.as_str()),
        ("2011-01-01", "2011-12-31")
    );
    assert_eq!(all[1].counts, [2, 1]);
    assert_eq!(all[1].shares, [500, 250]);
    assert_eq!((all[1].all, all[1].documents), (4, 1));
    let range = crate::query::parse_date_range("2011..2012").unwrap();
    let some = table(&t, Some(&range), crate::locale::Lang::En);
    assert_eq!(
        some.iter().map(|r| r.label.as_str()).collect::<Vec<_>>(),
        ["2011", "2012"]
    );
    let none = crate::query::parse_date_range("1990..1991").unwrap();
    assert!(table(&t, Some(&none), crate::locale::Lang::En).is_empty());
}

#[test]
fn the_csv_quotes_what_it_must() {
    let t = timeline(&[2], &[("\"civil rights\" act", &[1])]);
    let csv = csv(&t, None);
    let header = csv.lines().next().unwrap();
    assert_eq!(
        header,
        "\u{feff}period,from,to,documents,\"\"\"civil rights\"\" act\",\"\"\"civil rights\"\" act (% of documents)\",all documents"
    );
    assert_eq!(
        csv.lines().nth(1),
        Some("2010,2010-01-01,2010-12-31,1,1,50.0,2")
    );
    // Nothing compared: the bars alone.
    let t = timeline(&[2, 3], &[]);
    assert_eq!(
        super::csv(&t, None),
        "\u{feff}period,from,to,documents\r\n\
         2010,2010-01-01,2010-12-31,1\r\n2011,2011-01-01,2011-12-31,1\r\n"
    );
}

#[test]
fn the_list_keeps_five_distinct_queries() {
    assert_eq!(
        tidy(&["a", "b", "a", " ", "c", "d", "e", "f"].map(String::from)),
        ["a", "b", "c", "d", "e"]
    );
    assert!(tidy(&[]).is_empty());
}

proptest! {
    /// The CSV reads back (through the loader's own CSV reader) as the table: a row per
    /// bar, each query's counts and the documents per bar, whatever the queries' text.
    #[test]
    fn the_csv_reads_back_as_the_table(
        queries in proptest::collection::vec("[a-z ,\"\\n]{1,8}", 1..=MAX_SERIES),
        bars in proptest::collection::vec(0u32..50, 1..30),
    ) {
        let counts: Vec<Vec<u32>> = queries
            .iter()
            .enumerate()
            .map(|(k, _)| bars.iter().map(|&b| b / (k as u32 + 1)).collect())
            .collect();
        let series: Vec<(&str, &[u32])> = queries
            .iter()
            .zip(&counts)
            .map(|(q, c)| (q.as_str(), c.as_slice()))
            .collect();
        let t = timeline(&bars, &series);
        let text = csv(&t, None);
        let mut reader = crate::csv::TableReader::new(false);
        let mut json = reader.feed(text.as_bytes()).unwrap();
        json.push_str(&reader.finish().unwrap());
        let rows: Vec<&str> = json.lines().filter(|l| !l.is_empty()).collect();
        prop_assert_eq!(rows.len(), bars.len());
        for (row, &all) in rows.iter().zip(&bars) {
            let expected = format!("\"all documents\":\"{all}\"");
            prop_assert!(row.contains(&expected), "{} lacks {}", row, expected);
        }
    }
}
