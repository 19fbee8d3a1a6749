//! Documents over time: the histogram behind the timeline, and the chronology's headings.
//!
//! # Overview
//! [`histogram`] counts documents in time buckets over a visible span, at a
//! [`Granularity`] chosen from the span's length ([`Granularity::for_span`]: centuries,
//! decades, years, months, weeks or days, so that there are never more than
//! [`MAX_BARS`] bars, whatever the dates). A document counts in a bucket only if its
//! whole date lies inside it, the rule `date:` queries and the timeline's range follow
//! ([`DateRange::contains_span`]): a speech dated `1861` has no month, so at month
//! granularity it is counted apart as *dated less precisely* rather than piled into
//! January. Undated documents are counted apart too.
//!
//! [`extent`] finds where the documents of a set are: the *bulk* of their dates, and the
//! few dated far outside it (a year typed 0102 or 2102 in an archive of 2001 mail), which
//! the timeline counts beside the chart instead of squeezing the real data into one bar.
//!
//! [`chronology`] lays out documents in date order under year and month headings, for the
//! chronology view.

use crate::bitset::DocSet;
use crate::date::{civil_from_days, days_from_civil, Date};
use crate::locale::{self, Lang};
use crate::model::DocId;
use crate::query::DateRange;

/// The most bars the timeline ever draws.
pub const MAX_BARS: usize = 200;

/// Bucket size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Granularity {
    /// A bar per day.
    Day,
    /// A bar per week (Monday to Sunday).
    Week,
    /// A bar per month.
    Month,
    /// A bar per year.
    Year,
    /// A bar per decade (1990–1999).
    Decade,
    /// A bar per century (1900–1999).
    Century,
}

impl Granularity {
    /// The granularity for a span of `days` days: about a dozen to [`MAX_BARS`] bars, so
    /// that a bar clicked opens into the next finer unit (a decade into its years, a year
    /// into its months).
    pub fn for_span(days: i32) -> Granularity {
        match days {
            i32::MIN..=45 => Granularity::Day,
            46..=200 => Granularity::Week,
            201..=1830 => Granularity::Month,
            // Up to 150 years by year, up to 1,500 by decade, then by century (at most 100
            // bars for the 10,000 years a date can have).
            1831..=54_800 => Granularity::Year,
            54_801..=548_000 => Granularity::Decade,
            _ => Granularity::Century,
        }
    }

    /// "year", "month", "week", "day", "decade", "century".
    pub fn name(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
            Granularity::Year => "year",
            Granularity::Decade => "decade",
            Granularity::Century => "century",
        }
    }

    /// The number of the unit containing `day` (consecutive units, consecutive numbers).
    fn unit(self, day: i32) -> i32 {
        match self {
            Granularity::Day => day,
            // 1970-01-01 was a Thursday; weeks start on Monday.
            Granularity::Week => (day + 3).div_euclid(7),
            Granularity::Month => {
                let (y, m, _) = civil_from_days(day);
                y * 12 + m as i32 - 1
            }
            Granularity::Year => civil_from_days(day).0,
            Granularity::Decade => civil_from_days(day).0.div_euclid(10),
            Granularity::Century => civil_from_days(day).0.div_euclid(100),
        }
    }

    /// First and last day of unit number `u`.
    fn bounds(self, u: i32) -> (i32, i32) {
        match self {
            Granularity::Day => (u, u),
            Granularity::Week => (u * 7 - 3, u * 7 + 3),
            Granularity::Month => {
                let (y, m) = (u.div_euclid(12), (u.rem_euclid(12) + 1) as u32);
                let start = days_from_civil(y, m, 1);
                (start, start + crate::date::days_in_month(y, m) as i32 - 1)
            }
            Granularity::Year => (days_from_civil(u, 1, 1), days_from_civil(u, 12, 31)),
            Granularity::Decade => (
                days_from_civil(u * 10, 1, 1),
                days_from_civil(u * 10 + 9, 12, 31),
            ),
            Granularity::Century => (
                days_from_civil(u * 100, 1, 1),
                days_from_civil(u * 100 + 99, 12, 31),
            ),
        }
    }
}

/// One bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bucket {
    /// First day (days since 1970-01-01).
    pub start: i32,
    /// Last day, inclusive.
    pub end: i32,
    /// Documents dated inside.
    pub count: usize,
}

impl Bucket {
    /// The period, as a date range.
    pub fn range(&self) -> DateRange {
        DateRange {
            start: Some(self.start),
            end: Some(self.end),
        }
    }

    /// "1800s", "1860s", "1861", "Mar 1861", "Week of 4 Mar 1861", "4 Mar 1861".
    pub fn label(&self, g: Granularity) -> String {
        let (y, m, d) = civil_from_days(self.start);
        match g {
            Granularity::Century | Granularity::Decade => format!("{y}s"),
            Granularity::Year => format!("{y}"),
            Granularity::Month => {
                Date::from_year_month(y, m).map_or(String::new(), |d| d.to_string())
            }
            Granularity::Week => {
                Date::from_ymd(y, m, d).map_or(String::new(), |d| format!("Week of {d}"))
            }
            Granularity::Day => Date::from_ymd(y, m, d).map_or(String::new(), |d| d.to_string()),
        }
    }

    /// The start as an ISO date at the granularity's precision (for `data-start`).
    pub fn iso_start(&self, g: Granularity) -> String {
        iso_at(self.start, g)
    }

    /// The end likewise (for `data-end`).
    pub fn iso_end(&self, g: Granularity) -> String {
        iso_at(self.end, g)
    }
}

fn iso_at(day: i32, g: Granularity) -> String {
    let (y, m, d) = civil_from_days(day);
    match g {
        Granularity::Year | Granularity::Decade | Granularity::Century => format!("{y:04}"),
        Granularity::Month => format!("{y:04}-{m:02}"),
        Granularity::Week | Granularity::Day => format!("{y:04}-{m:02}-{d:02}"),
    }
}

/// The timeline's bars over a span, and what did not fit in them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Histogram {
    /// Bucket size.
    pub granularity: Granularity,
    /// The visible span (first and last day).
    pub span: (i32, i32),
    /// One per unit of the span, in order.
    pub buckets: Vec<Bucket>,
    /// Documents with no date.
    pub undated: usize,
    /// Documents inside the span whose date is less precise than a bucket.
    pub coarser: usize,
    /// Dated documents outside the span.
    pub outside: usize,
}

impl Histogram {
    /// The largest bucket count (at least 1, for scaling).
    pub fn max(&self) -> usize {
        self.buckets
            .iter()
            .map(|b| b.count)
            .max()
            .unwrap_or(0)
            .max(1)
    }

    /// Which buckets get an axis label: at most about `max_labels`, on round boundaries
    /// (decades, years, months…).
    /// `lang`: the language they are written in.
    pub fn labels(&self, max_labels: usize, lang: Lang) -> Vec<(usize, String)> {
        let n = self.buckets.len();
        if n == 0 {
            return Vec::new();
        }
        let max_labels = max_labels.max(1);
        let steps: &[i32] = match self.granularity {
            Granularity::Century => &[1, 2, 5, 10, 20],
            Granularity::Decade => &[1, 2, 5, 10, 20, 50, 100],
            Granularity::Year => &[1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000],
            Granularity::Month => &[1, 2, 3, 6, 12, 24, 60, 120],
            Granularity::Week => &[1, 2, 4, 8, 13, 26, 52],
            Granularity::Day => &[1, 2, 7, 14, 28],
        };
        let step = steps
            .iter()
            .copied()
            .find(|&s| n as i32 / s < max_labels as i32)
            .unwrap_or(*steps.last().unwrap_or(&1));
        self.buckets
            .iter()
            .enumerate()
            .filter(|(_, b)| self.granularity.unit(b.start).rem_euclid(step) == 0)
            .map(|(i, b)| {
                let (y, m, d) = civil_from_days(b.start);
                let year = || locale::digits(lang, &y.to_string());
                let text = match self.granularity {
                    Granularity::Century | Granularity::Decade if lang == Lang::En => {
                        format!("{y}s")
                    }
                    Granularity::Century | Granularity::Decade | Granularity::Year => year(),
                    Granularity::Month if m == 1 => year(),
                    Granularity::Month => Date::from_year_month(y, m)
                        .map_or(String::new(), |d| locale::date(lang, &d)),
                    Granularity::Week | Granularity::Day => {
                        Date::from_ymd(y, m, d).map_or(String::new(), |d| locale::date(lang, &d))
                    }
                };
                (i, text)
            })
            .collect()
    }
}

/// The first and last day of any dated document (the whole timeline).
pub fn corpus_span(spans: &[Option<(i32, i32)>]) -> Option<(i32, i32)> {
    let first = spans.iter().flatten().map(|s| s.0).min()?;
    let last = spans.iter().flatten().map(|s| s.1).max()?;
    Some((first, last))
}

/// Counts `docs` over `span` at the granularity the span calls for. `spans` is each
/// document's (first day, last day); `months` the same as month numbers (year × 12 +
/// month − 1), precomputed so that counting by month or year needs no calendar
/// arithmetic per document.
pub fn histogram(
    spans: &[Option<(i32, i32)>],
    months: &[Option<(i32, i32)>],
    docs: &DocSet,
    span: (i32, i32),
) -> Histogram {
    let g = Granularity::for_span(span.1 - span.0 + 1);
    let first_unit = g.unit(span.0);
    let last_unit = g.unit(span.1);
    let mut buckets: Vec<Bucket> = (first_unit..=last_unit)
        .map(|u| {
            let (start, end) = g.bounds(u);
            Bucket {
                start,
                end,
                count: 0,
            }
        })
        .collect();
    let (mut undated, mut coarser, mut outside) = (0, 0, 0);
    let unit_pair = |d: usize, first: i32, last: i32| -> (i32, i32) {
        match (g, months.get(d).copied().flatten()) {
            (Granularity::Month, Some((a, b))) => (a, b),
            (Granularity::Year, Some((a, b))) => (a.div_euclid(12), b.div_euclid(12)),
            (Granularity::Decade, Some((a, b))) => (a.div_euclid(120), b.div_euclid(120)),
            (Granularity::Century, Some((a, b))) => (a.div_euclid(1200), b.div_euclid(1200)),
            _ => (g.unit(first), g.unit(last)),
        }
    };
    for d in docs.iter() {
        match spans.get(d as usize).copied().flatten() {
            None => undated += 1,
            Some((first, last)) => {
                if last < span.0 || first > span.1 {
                    outside += 1;
                    continue;
                }
                let (u, u_last) = unit_pair(d as usize, first, last);
                if u_last != u || u < first_unit || u > last_unit {
                    coarser += 1;
                } else {
                    buckets[(u - first_unit) as usize].count += 1;
                }
            }
        }
    }
    Histogram {
        granularity: g,
        span,
        buckets,
        undated,
        coarser,
        outside,
    }
}

/// Where the dated documents of a set are. See the module docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extent {
    /// First and last day of the bulk of their dates.
    pub bulk: (i32, i32),
    /// Documents dated wholly before the bulk, and the span of their dates.
    pub before: Option<(usize, (i32, i32))>,
    /// Documents dated wholly after the bulk, and the span of their dates.
    pub after: Option<(usize, (i32, i32))>,
}

/// At most this share of a set's dated documents, on either side, is counted as lying
/// outside its bulk; more than that and the bulk grows to take them in.
const OUTLIER_SHARE: f64 = 0.025;

/// Where the dated documents of `docs` are: the bulk of their dates, and those far
/// outside it; `None` if none is dated. `years[d]` is the year of document `d`'s first
/// day (`i32::MIN`: undated), `spans[d]` its first and last day.
///
/// The bulk grows year by year from the median year, over gaps of at most a quarter of
/// its span (and at least five years), so a long run of evenly spread years stays
/// whole; years beyond a wider gap are outside, as long as they hold at most
/// [`OUTLIER_SHARE`] of the documents on their side (a second real cluster is more, and
/// is taken in).
///
/// ```
/// use chronicle_core::bitset::DocSet;
/// use chronicle_core::timeline::extent;
/// use chronicle_core::date::days_from_civil;
/// // 100 documents in 1999–2002, one misdated to 0102.
/// let mut years: Vec<i32> = (0..100).map(|i| 1999 + i % 4).collect();
/// years.push(102);
/// let spans: Vec<Option<(i32, i32)>> = years
///     .iter()
///     .map(|&y| Some((days_from_civil(y, 6, 1), days_from_civil(y, 6, 1))))
///     .collect();
/// let e = extent(&spans, &years, &DocSet::full(101)).unwrap();
/// assert_eq!(e.bulk, (days_from_civil(1999, 6, 1), days_from_civil(2002, 6, 1)));
/// assert_eq!(e.before.map(|b| b.0), Some(1));
/// assert_eq!(e.after, None);
/// ```
pub fn extent(spans: &[Option<(i32, i32)>], years: &[i32], docs: &DocSet) -> Option<Extent> {
    // Documents per year, in year order.
    let mut dated: Vec<i32> = docs
        .iter()
        .filter_map(|d| years.get(d as usize).copied())
        .filter(|&y| y != i32::MIN)
        .collect();
    crate::sort::by_key(&mut dated, |&y| crate::sort::signed(i64::from(y)));
    let mut list: Vec<(i32, usize)> = Vec::new();
    for y in dated {
        match list.last_mut() {
            Some((last, n)) if *last == y => *n += 1,
            _ => list.push((y, 1)),
        }
    }
    let total: usize = list.iter().map(|x| x.1).sum();
    if total == 0 {
        return None;
    }
    // The median year.
    let mut seen = 0;
    let mut m = 0;
    for (i, (_, n)) in list.iter().enumerate() {
        seen += n;
        if seen * 2 >= total {
            m = i;
            break;
        }
    }
    let (mut lo, mut hi) = (m, m);
    let limit = (total as f64 * OUTLIER_SHARE).floor() as usize;
    loop {
        let span = list[hi].0 - list[lo].0;
        let gap_ok = |gap: i32| gap <= (span / 4).max(5);
        let below: usize = list[..lo].iter().map(|x| x.1).sum();
        let above: usize = list[hi + 1..].iter().map(|x| x.1).sum();
        if lo > 0 && (gap_ok(list[lo].0 - list[lo - 1].0) || below > limit) {
            lo -= 1;
        } else if hi + 1 < list.len() && (gap_ok(list[hi + 1].0 - list[hi].0) || above > limit) {
            hi += 1;
        } else {
            break;
        }
    }
    let (ylo, yhi) = (list[lo].0, list[hi].0);
    let mut bulk = (i32::MAX, i32::MIN);
    let mut before = (0usize, (i32::MAX, i32::MIN));
    let mut after = (0usize, (i32::MAX, i32::MIN));
    for d in docs.iter() {
        let Some((first, last)) = spans.get(d as usize).copied().flatten() else {
            continue;
        };
        let y = years[d as usize];
        let slot = if y < ylo {
            &mut before.1
        } else if y > yhi {
            &mut after.1
        } else {
            &mut bulk
        };
        *slot = (slot.0.min(first), slot.1.max(last));
        if y < ylo {
            before.0 += 1;
        } else if y > yhi {
            after.0 += 1;
        }
    }
    Some(Extent {
        bulk,
        before: (before.0 > 0).then_some(before),
        after: (after.0 > 0).then_some(after),
    })
}

/// The range bars `a` to `b` (either order) cover, if both exist.
pub fn bars_range(buckets: &[Bucket], a: usize, b: usize) -> Option<DateRange> {
    let (lo, hi) = (a.min(b), a.max(b));
    Some(DateRange {
        start: Some(buckets.get(lo)?.start),
        end: Some(buckets.get(hi)?.end),
    })
}

/// The bars `range` overlaps, first and last (for the band drawn over them).
pub fn bars_in(buckets: &[Bucket], range: &DateRange) -> Option<(usize, usize)> {
    let first = buckets
        .iter()
        .position(|b| range.overlaps_span((b.start, b.end)))?;
    let last = buckets
        .iter()
        .rposition(|b| range.overlaps_span((b.start, b.end)))?;
    Some((first, last))
}

/// Where a key moves the focus among `n` bars from `current`: ←/→ one bar, Home/End
/// the ends; `None` for other keys.
pub fn bar_after_key(key: &str, current: usize, n: usize) -> Option<usize> {
    if n == 0 {
        return None;
    }
    match key {
        "ArrowLeft" => Some(current.min(n - 1).saturating_sub(1)),
        "ArrowRight" => Some((current + 1).min(n - 1)),
        "Home" => Some(0),
        "End" => Some(n - 1),
        _ => None,
    }
}

/// The bar the keyboard starts from: the last with documents (else the last).
pub fn keyboard_start(buckets: &[Bucket]) -> usize {
    buckets
        .iter()
        .rposition(|b| b.count > 0)
        .unwrap_or(buckets.len().saturating_sub(1))
}

/// A wider span around `span` (four times as long), within `whole`; `None` when it would
/// cover all of `whole`.
pub fn zoom_out(span: (i32, i32), whole: (i32, i32)) -> Option<(i32, i32)> {
    let len = span.1 - span.0 + 1;
    let centre = span.0 + len / 2;
    let start = (centre - len * 2).max(whole.0);
    let end = (centre + len * 2).min(whole.1);
    (start > whole.0 || end < whole.1).then_some((start, end))
}

/// A date range in the shortest form the query language reads: `1861..1865`,
/// `1861-03..1861-06`, `1861-03-04..1861-03-10` (one side may be open).
pub fn format_range(range: &DateRange) -> String {
    let side = |day: Option<i32>, end: bool| -> String {
        let Some(day) = day else {
            return String::new();
        };
        let (y, m, d) = civil_from_days(day);
        let year_edge = if end {
            (m, d) == (12, 31)
        } else {
            (m, d) == (1, 1)
        };
        let month_edge = if end {
            d == crate::date::days_in_month(y, m)
        } else {
            d == 1
        };
        if year_edge {
            format!("{y:04}")
        } else if month_edge {
            format!("{y:04}-{m:02}")
        } else {
            format!("{y:04}-{m:02}-{d:02}")
        }
    };
    let (a, b) = (side(range.start, false), side(range.end, true));
    if a == b {
        a
    } else {
        format!("{a}..{b}")
    }
}

/// A date range as readers say it: `1861 – 1865`, `Mar 1861 – Jun 1861`, `4 Mar 1861`,
/// `up to 1900`, `from 2001`.
///
/// ```
/// use chronicle_core::query::parse_date_range;
/// use chronicle_core::timeline::describe_range;
/// assert_eq!(describe_range(&parse_date_range("1861..1865").unwrap()), "1861 – 1865");
/// assert_eq!(describe_range(&parse_date_range("..1900").unwrap()), "up to 1900");
/// ```
pub fn describe_range(range: &DateRange) -> String {
    locale::range(Lang::En, range)
}

/// A row of the chronology view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A year heading with the number of documents under it.
    Year(i32, usize),
    /// A month heading (1–12) with its count.
    Month(i32, u32, usize),
    /// Documents dated to the year only, under their year.
    YearOnly(i32, usize),
    /// The heading of undated documents.
    Undated(usize),
    /// A document.
    Doc(DocId),
}

/// Lays out documents (given oldest first, undated last) under year and month headings.
pub fn chronology(spans: &[Option<(i32, i32)>], ids: &[DocId]) -> Vec<Row> {
    let mut rows = Vec::with_capacity(ids.len() + ids.len() / 8 + 4);
    let key = |d: DocId| -> Option<(i32, Option<u32>)> {
        let (first, last) = spans.get(d.index()).copied().flatten()?;
        let (y, m, _) = civil_from_days(first);
        let (y2, m2, _) = civil_from_days(last);
        Some((y, (y == y2 && m == m2).then_some(m)))
    };
    let mut i = 0;
    while i < ids.len() {
        let Some((year, _)) = key(ids[i]) else {
            rows.push(Row::Undated(ids.len() - i));
            rows.extend(ids[i..].iter().map(|&d| Row::Doc(d)));
            break;
        };
        let year_end = i + ids[i..]
            .iter()
            .take_while(|&&d| key(d).is_some_and(|(y, _)| y == year))
            .count();
        rows.push(Row::Year(year, year_end - i));
        let mut j = i;
        while j < year_end {
            let month = key(ids[j]).and_then(|k| k.1);
            let run = ids[j..year_end]
                .iter()
                .take_while(|&&d| key(d).and_then(|k| k.1) == month)
                .count();
            match month {
                Some(m) => rows.push(Row::Month(year, m, run)),
                None => rows.push(Row::YearOnly(year, run)),
            }
            rows.extend(ids[j..j + run].iter().map(|&d| Row::Doc(d)));
            j += run;
        }
        i = year_end;
    }
    rows
}

#[cfg(test)]
mod tests;
