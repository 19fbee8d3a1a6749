//! Terms over time: queries compared on the timeline, bar by bar.
//!
//! # Overview
//! The reader lists up to [`MAX_SERIES`] queries (`idlib`, `aleppo`, `geneva`; kept in
//! the URL as `#series=idlib|aleppo|geneva`). For each, the engine counts its matches in
//! every bar of the timeline, under the same facets ([`Series`] in the
//! [`Timeline`](crate::protocol::Timeline)), and counts all documents per bar beside them,
//! so that a bar can say what *share* of that period's documents a query matches: a
//! busier year does not look like a louder one.
//!
//! This module holds what the page and a file make of those numbers, once:
//! - [`tidy`]: the list as the reader may keep it (trimmed, no repeats, at most five);
//! - [`value`] and [`Scale`]: one bar's value in counts or per mille of the documents;
//! - [`table`]: the rows of the timeline's table (the bars in the date range, if one is
//!   chosen), with the compared queries beside each bar;
//! - [`csv`]: the same rows as a spreadsheet.

use crate::csv::push_field as csv_field;
use crate::format::{per_mille, thousands};
use crate::locale::Lang;
use crate::protocol::{Series, Timeline};
use crate::query::DateRange;
use crate::timeline::{bars_in, Granularity};

/// Most queries compared at once.
pub const MAX_SERIES: usize = 5;

/// The queries as the reader may keep them: trimmed, empty and repeated ones dropped, the
/// first [`MAX_SERIES`] kept.
///
/// ```
/// use chronicle_core::series::tidy;
/// let list = ["idlib", " aleppo ", "", "idlib", "a", "b", "c", "d"].map(String::from);
/// assert_eq!(tidy(&list), ["idlib", "aleppo", "a", "b", "c"]);
/// ```
pub fn tidy(queries: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for q in queries {
        let q = q.trim();
        if !q.is_empty() && out.len() < MAX_SERIES && !out.iter().any(|x| x == q) {
            out.push(q.to_string());
        }
    }
    out
}

/// What the series' lines show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scale {
    /// Matching documents per bar.
    #[default]
    Count,
    /// Matching documents per thousand documents of the bar's period.
    Share,
}

/// Bar `i`'s value for a series: its count, or its share of `base[i]` in per mille.
pub fn value(series: &Series, base: &[u32], i: usize, scale: Scale) -> u32 {
    let count = series.counts.get(i).copied().unwrap_or(0);
    match scale {
        Scale::Count => count,
        Scale::Share => match base.get(i).copied().unwrap_or(0) {
            0 => 0,
            all => ((u64::from(count) * 1000 + u64::from(all) / 2) / u64::from(all)) as u32,
        },
    }
}

/// The largest value of any series (at least 1, for scaling).
pub fn peak(t: &Timeline, scale: Scale) -> u32 {
    t.series
        .iter()
        .flat_map(|s| (0..s.counts.len()).map(move |i| value(s, &t.base, i, scale)))
        .max()
        .unwrap_or(0)
        .max(1)
}

/// A value as read: `1,234`, or `12.5%`.
pub fn show(v: u32, scale: Scale) -> String {
    match scale {
        Scale::Count => thousands(v as usize),
        Scale::Share => per_mille(v),
    }
}

/// One row of the table: a bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// The bar's period as read ("1860s", "March 2012").
    pub label: String,
    /// Its first day, `YYYY-MM-DD`.
    pub from: String,
    /// Its last day.
    pub to: String,
    /// The bar: documents of the search (and facets) in it.
    pub documents: u32,
    /// Each series' count in it.
    pub counts: Vec<u32>,
    /// Each series' share of its documents, per mille.
    pub shares: Vec<u32>,
    /// All documents in it (under the same facets).
    pub all: u32,
}

/// The rows of the timeline's table (its periods named in `lang`): every bar of the
/// chart, or only those in `range`, with the compared queries' numbers.
pub fn table(t: &Timeline, range: Option<&DateRange>, lang: Lang) -> Vec<TableRow> {
    let h = &t.histogram;
    let (first, last) = match range {
        Some(r) => match bars_in(&h.buckets, r) {
            Some(bars) => bars,
            None => return Vec::new(),
        },
        None => (0, h.buckets.len().saturating_sub(1)),
    };
    h.buckets
        .iter()
        .enumerate()
        .skip(first)
        .take((last + 1).saturating_sub(first))
        .map(|(i, b)| TableRow {
            label: crate::locale::period(lang, b, h.granularity),
            from: b.iso_start(Granularity::Day),
            to: b.iso_end(Granularity::Day),
            documents: b.count as u32,
            counts: t
                .series
                .iter()
                .map(|s| value(s, &t.base, i, Scale::Count))
                .collect(),
            shares: t
                .series
                .iter()
                .map(|s| value(s, &t.base, i, Scale::Share))
                .collect(),
            all: t.base.get(i).copied().unwrap_or(0),
        })
        .collect()
}

/// The words of a CSV's header row (see [`csv_in`]); `share` is a series' share column,
/// `{}` standing for its query.
#[derive(Debug, Clone, Copy)]
pub struct CsvHeader<'a> {
    /// The period's name.
    pub period: &'a str,
    /// Its first day.
    pub from: &'a str,
    /// Its last day.
    pub to: &'a str,
    /// The bar's documents.
    pub documents: &'a str,
    /// All documents (when queries are compared).
    pub all: &'a str,
    /// A series' share, `{}` standing for its query.
    pub share: &'a str,
}

/// The header row in English.
pub const ENGLISH_HEADER: CsvHeader<'static> = CsvHeader {
    period: "period",
    from: "from",
    to: "to",
    documents: "documents",
    all: "all documents",
    share: "{} (% of documents)",
};

/// The table as CSV (RFC 4180, with a byte-order mark so that spreadsheets read it as
/// UTF-8): the period, its first and last day, the bar's documents, and if queries are
/// compared, each one's count and share in percent, and all documents. In English; see
/// [`csv_in`] for another language.
///
/// ```
/// # use chronicle_core::series::csv;
/// # use chronicle_core::protocol::{Series, Timeline};
/// # use chronicle_core::timeline::{Bucket, Granularity, Histogram};
/// let t = Timeline {
///     histogram: Histogram {
///         granularity: Granularity::Year,
///         span: (0, 364),
///         buckets: vec![Bucket { start: 0, end: 364, count: 5 }],
///         undated: 0,
///         coarser: 0,
///         outside: 0,
///     },
///     zoomed: false,
///     whole: (0, 364),
///     before: None,
///     after: None,
///     series: vec![Series { q: "idlib, syria".into(), counts: vec![1], total: 1 }],
///     base: vec![8],
/// };
/// assert_eq!(
///     csv(&t, None),
///     "\u{feff}period,from,to,documents,\"idlib, syria\",\"idlib, syria (% of documents)\",\
///      all documents\r\n1970,1970-01-01,1970-12-31,5,1,12.5,8\r\n"
/// );
/// ```
pub fn csv(t: &Timeline, range: Option<&DateRange>) -> String {
    csv_in(t, range, Lang::En, &ENGLISH_HEADER)
}

/// [`csv`] for a reader of `lang`: the header row in `header`'s words and the periods
/// named in the language (`١٨٦٠–١٨٦٩`); the days (ISO 8601) and the numbers stay as
/// spreadsheets read them.
///
/// ```
/// # use chronicle_core::series::{csv_in, CsvHeader};
/// # use chronicle_core::protocol::Timeline;
/// # use chronicle_core::timeline::{Bucket, Granularity, Histogram};
/// # use chronicle_core::locale::Lang;
/// let t = Timeline {
///     histogram: Histogram {
///         granularity: Granularity::Year,
///         span: (0, 364),
///         buckets: vec![Bucket { start: 0, end: 364, count: 5 }],
///         undated: 0,
///         coarser: 0,
///         outside: 0,
///     },
///     zoomed: false,
///     whole: (0, 364),
///     before: None,
///     after: None,
///     series: vec![],
///     base: vec![],
/// };
/// let header = CsvHeader { period: "الفترة", from: "من", to: "إلى", documents: "الوثائق",
///     all: "كل الوثائق", share: "{} (٪ من الوثائق)" };
/// assert_eq!(csv_in(&t, None, Lang::Ar, &header),
///     "\u{feff}الفترة,من,إلى,الوثائق\r\n١٩٧٠,1970-01-01,1970-12-31,5\r\n");
/// ```
pub fn csv_in(
    t: &Timeline,
    range: Option<&DateRange>,
    lang: Lang,
    header: &CsvHeader<'_>,
) -> String {
    let compared = !t.series.is_empty();
    let mut out = String::from("\u{feff}");
    for (i, word) in [header.period, header.from, header.to, header.documents]
        .into_iter()
        .enumerate()
    {
        if i > 0 {
            out.push(',');
        }
        csv_field(&mut out, word);
    }
    for s in &t.series {
        out.push(',');
        csv_field(&mut out, &s.q);
        out.push(',');
        csv_field(&mut out, &header.share.replace("{}", &s.q));
    }
    if compared {
        out.push(',');
        csv_field(&mut out, header.all);
    }
    out.push_str("\r\n");
    for row in table(t, range, lang) {
        csv_field(&mut out, &row.label);
        out.push_str(&format!(",{},{},{}", row.from, row.to, row.documents));
        for (count, share) in row.counts.iter().zip(&row.shares) {
            let share = per_mille(*share);
            out.push_str(&format!(",{count},{}", share.trim_end_matches('%')));
        }
        if compared {
            out.push_str(&format!(",{}", row.all));
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests;
