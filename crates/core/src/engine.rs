//! Answering the page: from what the reader looks at to exactly what to draw.
//!
//! # Overview
//! An [`Engine`] owns a loaded [`Archive`] and answers the [`protocol`](crate::protocol)
//! requests: a [`ViewRequest`] with an [`Answer`] (the count, facet values, the timeline
//! and the rows in view, with marks), a [`DocRequest`] with a [`DocAnswer`] (a
//! document's metadata and the blocks of its text in view), a [`StepRequest`] with the
//! next or previous result. It runs in a Web Worker in the browser and natively in
//! tests and benchmarks: the page only draws.
//!
//! A keystroke changes the query; scrolling changes only the window; a click on a facet
//! changes only the selection. So the engine keeps what each part of a view gave (the
//! hits of a query, the sets of a selection, facet counts, the timeline, the chronology)
//! and recomputes only what the request changed.
//!
//! The timeline fits the matches unless the reader zoomed: it shows the bulk of their
//! dates ([`extent`]) and counts those far outside it beside the chart.

use std::ops::Range;

use crate::archive::Archive;
use crate::bitset::DocSet;
use crate::browse::{Narrowing, Selection};
use crate::copies::Copies;
use crate::export::Exporter;
use crate::highlight::Highlighter;
use crate::model::DocId;
use crate::protocol::{
    Answer, Block, ChronoRow, DocAnswer, DocMeta, DocRequest, ExportRequest, FacetCounts,
    FacetValue, Ignored, Info, Marks, Progress, RelatedDoc, ResultRow, RowHeights, Rows, Series,
    Step, StepRequest, Timeline, ViewRequest, Window, MAX_PROBLEMS,
};
use crate::query::Query;
use crate::search::{Hits, Sort};
use crate::series::tidy;
use crate::timeline::{chronology, extent, histogram, Extent, Row};

/// Characters in a result's snippet.
pub const SNIPPET_CHARS: usize = 220;
/// Only the first this many bytes of a body are searched for its best passage (a mail
/// with a 200 KB attachment finds its passage in the text before it).
pub const SNIPPET_SCAN_BYTES: usize = 128 * 1024;
/// The first look for a passage: this many bytes, then [`SNIPPET_SCAN_BYTES`] if none of
/// the words is there.
pub const SNIPPET_FIRST_SCAN_BYTES: usize = 16 * 1024;
/// Facet values listed before "Show more".
pub const FACET_TOP: u32 = 8;
/// Longest block of a document's text, in bytes: longer paragraphs are cut at a space.
pub const BLOCK_BYTES: usize = 4096;
/// Most result rows in one answer.
pub const MAX_ROWS: u32 = 200;

/// The search of a query, kept while the query and order stay.
struct Searched {
    q: String,
    sort: Sort,
    query: Query,
    hits: Hits,
}

/// Matches are counted in documents up to this size (a longer one would keep the engine
/// from answering the next keystroke).
pub const COUNT_MATCHES_BYTES: usize = 4 << 20;
/// Related documents an open document lists.
pub const RELATED: usize = 5;

/// A document opened for reading: its text, where its blocks are, and their lengths in
/// characters.
struct OpenDoc {
    doc: DocId,
    body: String,
    blocks: Vec<Range<usize>>,
    chars: Vec<u32>,
    /// Documents like it (found once, when it opens).
    related: Vec<DocId>,
    /// Its identical copies.
    copies: Vec<DocId>,
}

/// Answers requests about one archive. See the module docs.
pub struct Engine {
    archive: Archive,
    version: u32,
    whole: Option<Extent>,
    searched: Option<Searched>,
    narrowed: Option<(Selection, Narrowing)>,
    results: Option<((String, Sort, Selection, bool), Listing)>,
    facets: Option<((String, Selection), Vec<crate::browse::RawCounts>)>,
    timeline: Option<(TimelineKey, Option<Timeline>)>,
    /// The matches of the queries compared on the timeline, as last searched.
    series: Vec<(String, DocSet)>,
    /// Their counts as last sent, and what they were counted for: they depend on the
    /// chart's span and the choices, not on the search box, whose every key redraws the
    /// timeline.
    series_counts: Option<(SeriesKey, Counted)>,
    chrono: Option<((String, Selection, RowHeights, bool), ChronoLayout)>,
    open: Option<OpenDoc>,
}

/// What a timeline was drawn for: the query, the selection (its date range only when
/// queries are compared), the years zoomed to, and the queries compared.
type TimelineKey = (String, Selection, Option<(i32, i32)>, Vec<String>);

/// What compared queries were counted for: the queries, the span, the choices.
type SeriesKey = (Vec<String>, (i32, i32), Selection);

/// The compared queries per bar, and all documents per bar.
type Counted = (Vec<Series>, Vec<u32>);

/// The results of a view as the list shows them ([`crate::copies`]).
#[derive(Default)]
struct Listing {
    /// The rows, in order.
    ids: Vec<DocId>,
    /// Every result: the rows and the copies folded away.
    total: usize,
    /// Results that are identical copies of one placed above them.
    copies: usize,
    /// Per row, the copies folded into it (empty when none are).
    folded: Vec<u32>,
    /// The copies folded away (empty when none are).
    hidden: Vec<DocId>,
}

impl Listing {
    /// `all` results, listed with their identical copies folded or not.
    fn new(all: Vec<DocId>, copies: &Copies, show_copies: bool) -> Listing {
        let total = all.len();
        if copies.extra() == 0 {
            return Listing {
                ids: all,
                total,
                ..Listing::default()
            };
        }
        let f = copies.fold(&all);
        if show_copies {
            return Listing {
                ids: all,
                total,
                copies: f.hidden.len(),
                ..Listing::default()
            };
        }
        Listing {
            ids: f.listed,
            total,
            copies: f.hidden.len(),
            folded: f.copies,
            hidden: f.hidden,
        }
    }
}

/// The chronology of a view: its rows and where each starts.
struct ChronoLayout {
    rows: Vec<Row>,
    offsets: Vec<u32>,
}

impl Engine {
    /// An engine for an archive; `version` numbers it (see [`Info::version`]).
    pub fn new(archive: Archive, version: u32) -> Engine {
        let whole = extent(
            archive.index.date_spans(),
            archive.index.years(),
            &DocSet::full(archive.len()),
        );
        Engine {
            archive,
            version,
            whole,
            searched: None,
            narrowed: None,
            results: None,
            facets: None,
            timeline: None,
            series: Vec::new(),
            series_counts: None,
            chrono: None,
            open: None,
        }
    }

    /// The archive.
    pub fn archive(&self) -> &Archive {
        &self.archive
    }

    /// Blocks of text read while missing since the last call (see [`crate::store`]).
    pub fn take_missing_text(&self) -> Vec<u32> {
        self.archive.take_missing_text()
    }

    /// Compresses up to `blocks` blocks of text loaded uncompressed (see
    /// [`crate::archive::PartBuilder::deferring_compression`]); whether any are left.
    pub fn compress_text(&mut self, blocks: usize) -> bool {
        self.archive.compress_text(blocks)
    }

    /// Index shards read while not in since the last call (see
    /// [`crate::search::shelf`]): the answer given meanwhile is wrong, and is asked again
    /// once they are in.
    pub fn take_missing_postings(&self) -> Vec<u32> {
        self.archive.take_missing_postings()
    }

    /// Adds a problem found after loading (a site's words file that could not be read).
    pub fn add_problem(&mut self, problem: crate::Problem) {
        self.archive.problems.push(problem);
    }

    /// Whether a query read the dictionary while it was kept out (see
    /// [`crate::search::shelf`]): the answer given meanwhile is wrong, and is asked again
    /// once the words are in.
    pub fn take_missing_words(&self) -> bool {
        self.archive.take_missing_words()
    }

    /// Puts the words read from a site's words file in; what was searched without them
    /// is searched again. Gives where the index shards start.
    pub fn fill_words(
        &mut self,
        words: (
            crate::search::dictionary::Dictionary,
            crate::search::postings::PostingLists,
        ),
    ) -> Result<Vec<u32>, String> {
        self.forget_searches();
        self.archive.fill_words(words)
    }

    /// Puts a fetched index shard in; what was searched without it is searched again.
    pub fn fill_postings(
        &mut self,
        s: usize,
        lists: crate::search::shelf::ShardLists,
    ) -> Result<(), String> {
        self.forget_searches();
        self.archive.fill_postings(s, lists)
    }

    /// Forgets what was searched, counted and laid out: after an answer that read
    /// postings not in (see [`Engine::take_missing_postings`]), whose searches were wrong.
    pub fn forget_searches(&mut self) {
        self.searched = None;
        self.results = None;
        self.facets = None;
        self.timeline = None;
        self.series.clear();
        self.series_counts = None;
        self.chrono = None;
        self.open = None;
    }

    /// Puts fetched blocks of text in; the open document is read again.
    pub fn fill_text(&mut self, first: u32, blocks: Vec<Box<[u8]>>) -> bool {
        self.open = None;
        self.archive.fill_text(first, blocks)
    }

    /// Gives the archive back (to join more documents to it).
    pub fn into_archive(self) -> Archive {
        self.archive
    }

    /// What the archive is; `loading` while it is still partial.
    pub fn info(&self, loading: Option<Progress>) -> Info {
        let a = &self.archive;
        Info {
            version: self.version,
            title: a.title.clone(),
            description: a.description.clone(),
            documents: a.len() as u32,
            rejected: a.rejected as u32,
            problems: a.problems.iter().take(MAX_PROBLEMS).cloned().collect(),
            problem_count: a.problems.len() as u32,
            facets: crate::browse::facets_present(&a.index),
            dated: a.index.date_spans().iter().any(Option::is_some),
            loading,
        }
    }

    fn search(&mut self, q: &str, sort: Sort) {
        if self
            .searched
            .as_ref()
            .is_some_and(|s| s.q == q && s.sort == sort)
        {
            return;
        }
        let query = Query::parse(q);
        let hits = self.archive.index.search(&query, sort);
        self.searched = Some(Searched {
            q: q.to_string(),
            sort,
            query,
            hits,
        });
    }

    fn narrow(&mut self, selection: &Selection) {
        if self.narrowed.as_ref().is_some_and(|(s, _)| s == selection) {
            return;
        }
        let n = Narrowing::new(&self.archive.index, selection);
        self.narrowed = Some((selection.clone(), n));
    }

    /// Searches and narrows for a view; the results in order.
    fn prepare(&mut self, v: &ViewRequest) {
        self.search(&v.q, v.sort);
        self.narrow(&v.selection);
        let key = (v.q.clone(), v.sort, v.selection.clone(), v.copies);
        if self.results.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        let (Some(s), Some((_, n))) = (&self.searched, &self.narrowed) else {
            return;
        };
        let listing = Listing::new(n.apply(&s.hits), self.archive.copies(), v.copies);
        self.results = Some((key, listing));
    }

    fn hits(&self) -> &Hits {
        &self.searched.as_ref().expect("searched by prepare").hits
    }

    fn narrowing(&self) -> &Narrowing {
        &self.narrowed.as_ref().expect("narrowed by prepare").1
    }

    fn result_ids(&self) -> &[DocId] {
        self.results.as_ref().map_or(&[], |(_, r)| &r.ids)
    }

    /// The row of document `id` in the results; for a copy folded away, its group's row
    /// (so j / k go on from a copy opened from the document view).
    fn position_of(&self, id: &str) -> Option<usize> {
        let d = self.archive.find(id)?;
        let ids = self.result_ids();
        ids.iter().position(|x| *x == d).or_else(|| {
            let copies = self.archive.copies().of(d);
            ids.iter().position(|x| copies.contains(x))
        })
    }

    fn listing(&self) -> Option<&Listing> {
        self.results.as_ref().map(|(_, r)| r)
    }

    /// Answers a view: the count, facets, timeline and the rows in view.
    pub fn answer(&mut self, v: &ViewRequest) -> Answer {
        self.prepare(v);
        let facets = self.facet_counts(v);
        let timeline = self.timeline_of(v);
        let mut a = self.rows_answer(v);
        a.full = true;
        a.facets = facets;
        a.timeline = timeline;
        a
    }

    /// Answers a view with its rows only (the reader scrolled).
    pub fn rows(&mut self, v: &ViewRequest) -> Answer {
        self.prepare(v);
        self.rows_answer(v)
    }

    fn rows_answer(&mut self, v: &ViewRequest) -> Answer {
        let ignored = self
            .searched
            .as_ref()
            .map(|s| {
                s.query
                    .ignored
                    .iter()
                    .map(|i| Ignored {
                        start: i.range.start as u32,
                        end: i.range.end as u32,
                        reason: i.reason.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let open_position = v
            .open
            .as_deref()
            .and_then(|id| self.position_of(id))
            .map(|p| p as u32);
        let rows = match v.window {
            Window::Rows { start, count } => Rows::List(self.list_rows(start, count)),
            Window::Pixels {
                top,
                height,
                heights,
            } => self.chronology_rows(v, top, height, heights),
        };
        Answer {
            seq: v.seq,
            version: self.version,
            full: false,
            total: self.listing().map_or(0, |l| l.total) as u32,
            copies: self.listing().map_or(0, |l| l.copies) as u32,
            listed: self.result_ids().len() as u32,
            ignored,
            facets: Vec::new(),
            timeline: None,
            rows,
            open_position,
            text_pending: false,
        }
    }

    fn list_rows(&self, start: u32, count: u32) -> Vec<ResultRow> {
        let ids = self.result_ids();
        let start = (start as usize).min(ids.len());
        let end = (start + count.min(MAX_ROWS) as usize).min(ids.len());
        let highlighter = &self.hits().highlighter;
        let folded = self.listing().map_or(&[][..], |l| &l.folded);
        ids[start..end]
            .iter()
            .enumerate()
            .map(|(i, &d)| {
                let mut row = self.result_row(d, (start + i) as u32, highlighter);
                row.copies = folded.get(start + i).copied().unwrap_or(0);
                row
            })
            .collect()
    }

    fn result_row(&self, d: DocId, position: u32, highlighter: &Highlighter) -> ResultRow {
        let a = &self.archive;
        let title = a.title_of(d).to_string();
        let title_marks = marks(&highlighter.title_ranges(&title));
        // The opening first; further only if the words are not there (most matches of a
        // long mail are near its start, and reading and scanning cost per byte: only the
        // blocks of text needed are decompressed).
        let body = a.body_prefix(d, SNIPPET_FIRST_SCAN_BYTES);
        let mut snippet = highlighter.snippet(&body, SNIPPET_CHARS);
        if snippet.marks.is_empty() && body.len() >= SNIPPET_FIRST_SCAN_BYTES - 4 {
            let body = a.body_prefix(d, SNIPPET_SCAN_BYTES);
            snippet = highlighter.snippet(&body, SNIPPET_CHARS);
        }
        ResultRow {
            position,
            id: a.id_of(d).to_string(),
            title,
            title_marks,
            date: a.date_of(d),
            source: a.source_of(d).map(str::to_string),
            snippet: snippet.text,
            snippet_marks: marks(&snippet.marks),
            copies: 0,
        }
    }

    fn chronology_rows(&mut self, v: &ViewRequest, top: u32, height: u32, h: RowHeights) -> Rows {
        let key = (v.q.clone(), v.selection.clone(), h, v.copies);
        if !self.chrono.as_ref().is_some_and(|(k, _)| *k == key) {
            let mut set = self.hits().matches.clone();
            set.intersect_with(self.narrowing().allowed());
            // The same documents as the list: without the copies it folds away.
            for d in self.listing().map_or(&[][..], |l| &l.hidden) {
                set.remove(d.0);
            }
            let index = &self.archive.index;
            let ids = index.in_date_order(&set, true);
            let rows = chronology(index.date_spans(), &ids);
            let mut offsets = Vec::with_capacity(rows.len() + 1);
            let mut y = 0u32;
            for r in &rows {
                offsets.push(y);
                y += match r {
                    Row::Year(..) => h.year,
                    Row::Month(..) | Row::YearOnly(..) | Row::Undated(..) => h.month,
                    Row::Doc(_) => h.doc,
                };
            }
            offsets.push(y);
            self.chrono = Some((key, ChronoLayout { rows, offsets }));
        }
        let Some((_, layout)) = &self.chrono else {
            return Rows::List(Vec::new());
        };
        let offsets = &layout.offsets;
        let total = offsets.last().copied().unwrap_or(0);
        let first = offsets.partition_point(|&y| y <= top).saturating_sub(1);
        let bottom = top.saturating_add(height);
        let end = offsets
            .partition_point(|&y| y < bottom)
            .min(layout.rows.len())
            .min(first + MAX_ROWS as usize);
        let first = first.min(end);
        let rows = layout.rows[first..end]
            .iter()
            .map(|r| match *r {
                Row::Year(y, n) => ChronoRow::Year(y, n as u32),
                Row::Month(y, m, n) => ChronoRow::Month(y, m, n as u32),
                Row::YearOnly(y, n) => ChronoRow::YearOnly(y, n as u32),
                Row::Undated(n) => ChronoRow::Undated(n as u32),
                Row::Doc(d) => ChronoRow::Doc(
                    self.archive.id_of(d).to_string(),
                    self.archive.title_of(d).to_string(),
                    self.archive.date_of(d),
                    self.archive.source_of(d).map(str::to_string),
                ),
            })
            .collect();
        Rows::Chronology {
            height: total,
            first: first as u32,
            offset: offsets.get(first).copied().unwrap_or(0),
            rows,
        }
    }

    /// Every facet's values for the view, as the page shows them: the top values (or
    /// those matching a facet's filter), picked from counts kept for the query and
    /// choices.
    fn facet_counts(&mut self, v: &ViewRequest) -> Vec<FacetCounts> {
        let key = (v.q.clone(), v.selection.clone());
        if !self.facets.as_ref().is_some_and(|(k, _)| *k == key) {
            let raw = self
                .narrowing()
                .raw_counts(&self.archive.index, &self.hits().matches);
            self.facets = Some((key, raw));
        }
        let Some((_, raw)) = &self.facets else {
            return Vec::new();
        };
        raw.iter()
            .map(|r| {
                let view = v.facets.iter().find(|f| f.facet == r.facet);
                let (limit, filter) =
                    view.map_or((FACET_TOP, ""), |f| (f.limit, f.filter.as_str()));
                let c = r.top(&self.archive.index, &v.selection, limit as usize, filter);
                FacetCounts {
                    facet: c.facet,
                    available: c.available as u32,
                    distinct: c.distinct as u32,
                    values: c
                        .values
                        .into_iter()
                        .map(|x| FacetValue {
                            value: x.value,
                            count: x.count as u32,
                            selected: x.selected,
                        })
                        .collect(),
                }
            })
            .collect()
    }

    /// The timeline: the matches narrowed by every choice but the range, over the zoom
    /// or the bulk of their dates.
    fn timeline_of(&mut self, v: &ViewRequest) -> Option<Timeline> {
        // The bars do not follow the date range (the chart draws it as a band), so a new
        // range alone keeps them; the compared queries' totals do follow it.
        let series = tidy(&v.series);
        let mut selection = v.selection.clone();
        if series.is_empty() {
            selection.range = None;
        }
        let key = (v.q.clone(), selection, v.zoom, series);
        if let Some((k, t)) = &self.timeline {
            if *k == key {
                return t.clone();
            }
        }
        let t = self.compute_timeline(v);
        self.timeline = Some((key, t.clone()));
        t
    }

    fn compute_timeline(&mut self, v: &ViewRequest) -> Option<Timeline> {
        let whole = self.whole?;
        let index = &self.archive.index;
        let set = self.narrowing().for_timeline(&self.hits().matches);
        let spans = index.date_spans();
        let (span, zoomed) = match v.zoom {
            Some(z) if z.0 <= z.1 => (z, true),
            _ => match extent(spans, index.years(), &set) {
                Some(e) => (e.bulk, false),
                None => (whole.bulk, false),
            },
        };
        let histogram = histogram(spans, index.month_spans(), &set, span);
        // What lies before and after the span shown, each with the bulk of its dates.
        let side = |keep: &dyn Fn((i32, i32)) -> bool| -> Option<(u32, (i32, i32))> {
            let mut s = DocSet::empty(index.len());
            for d in set.iter() {
                if spans[d as usize].is_some_and(keep) {
                    s.insert(d);
                }
            }
            let n = s.count();
            let e = extent(spans, index.years(), &s)?;
            Some((n as u32, e.bulk))
        };
        let (before, after) = if histogram.outside == 0 {
            (None, None)
        } else {
            (
                side(&|(_, last)| last < span.0),
                side(&|(first, _)| first > span.1),
            )
        };
        let (series, base) = self.series_over(v, span);
        Some(Timeline {
            histogram,
            zoomed,
            whole: whole.bulk,
            before,
            after,
            series,
            base,
        })
    }

    /// The queries compared on the timeline, counted per bar of `span` under the facets,
    /// and all documents per bar (see [`crate::series`]). A query is searched once while
    /// it stays in the list.
    fn series_over(&mut self, v: &ViewRequest, span: (i32, i32)) -> Counted {
        let queries = tidy(&v.series);
        if queries.is_empty() {
            self.series.clear();
            self.series_counts = None;
            return (Vec::new(), Vec::new());
        }
        let key = (queries.clone(), span, v.selection.clone());
        if let Some((k, counted)) = &self.series_counts {
            if *k == key {
                return counted.clone();
            }
        }
        let mut kept = std::mem::take(&mut self.series);
        kept.retain(|(q, _)| queries.contains(q));
        for q in &queries {
            if !kept.iter().any(|(k, _)| k == q) {
                // A query that asks for nothing (all of it not understood: `date:18xx`)
                // matches nothing here, not every document as an empty search box does.
                let query = Query::parse_whole(q);
                let matches = if query.is_empty() {
                    DocSet::empty(self.archive.len())
                } else {
                    self.archive.index.search(&query, Sort::Newest).matches
                };
                kept.push((q.clone(), matches));
            }
        }
        let index = &self.archive.index;
        let narrowing = self.narrowing();
        let per_bar = |set: &DocSet| -> Vec<u32> {
            histogram(index.date_spans(), index.month_spans(), set, span)
                .buckets
                .iter()
                .map(|b| b.count as u32)
                .collect()
        };
        let series: Vec<Series> = queries
            .iter()
            .filter_map(|q| kept.iter().find(|(k, _)| k == q))
            .map(|(q, matches)| {
                let mut all = matches.clone();
                all.intersect_with(narrowing.allowed());
                Series {
                    q: q.clone(),
                    counts: per_bar(&narrowing.for_timeline(matches)),
                    total: all.count() as u32,
                }
            })
            .collect();
        let base = per_bar(&narrowing.for_timeline(&DocSet::full(index.len())));
        self.series = kept;
        self.series_counts = Some((key, (series.clone(), base.clone())));
        (series, base)
    }

    /// The result before or after a document.
    pub fn step(&mut self, req: &StepRequest) -> Step {
        self.prepare(&req.view);
        let current = req.from.as_deref().and_then(|id| self.position_of(id));
        let ids = self.result_ids();
        let next = match current {
            Some(i) => i as i64 + i64::from(req.delta),
            None if req.delta >= 0 => 0,
            None => ids.len() as i64 - 1,
        };
        let to = usize::try_from(next).ok().and_then(|i| {
            ids.get(i)
                .map(|&d| (self.archive.id_of(d).to_string(), i as u32))
        });
        Step {
            seq: req.view.seq,
            to,
        }
    }

    /// An export of a view's documents, in its order (written by the caller, a slice at
    /// a time: see [`crate::export`]).
    pub fn export(&mut self, req: &ExportRequest) -> Exporter {
        self.prepare(&req.view);
        let ids = self.result_ids().to_vec();
        Exporter::new(req.format, ids, &req.base, self.archive.title.clone())
    }

    /// A document and the blocks of its text asked for, with the query's marks.
    pub fn document(&mut self, req: &DocRequest) -> DocAnswer {
        let mut answer = DocAnswer {
            seq: req.seq,
            meta: None,
            block_chars: Vec::new(),
            blocks: Vec::new(),
            matches: None,
            match_blocks: Vec::new(),
        };
        let Some(d) = self.archive.find(&req.id) else {
            return answer;
        };
        self.search(
            &req.q,
            self.searched.as_ref().map_or(Sort::Relevance, |s| s.sort),
        );
        if self.open.as_ref().is_none_or(|o| o.doc != d) {
            let body = self.archive.body(d);
            let blocks = blocks_of(&body);
            let chars = blocks
                .iter()
                .map(|r| body[r.clone()].chars().count() as u32)
                .collect();
            let copies = self.archive.copies().of(d);
            // Its own copies are the most alike of all, and say nothing new: not listed
            // as related, nor more than one of any other group.
            let related = self.archive.index.related(
                d,
                self.archive.title_of(d),
                &body,
                RELATED + copies.len().min(50),
            );
            let mut related = self.archive.copies().fold(&related).listed;
            related.retain(|r| !copies.contains(r));
            related.truncate(RELATED);
            self.open = Some(OpenDoc {
                doc: d,
                body,
                blocks,
                chars,
                related,
                copies,
            });
        }
        let (Some(open), Some(searched)) = (&self.open, &self.searched) else {
            return answer;
        };
        let h = &searched.hits.highlighter;
        let doc = self.archive.doc(d);
        let title_marks = marks(&h.title_ranges(&doc.title));
        if req.layout {
            answer.block_chars = open.chars.clone();
        }
        let start = (req.start as usize).min(open.blocks.len());
        let end = (start + req.count as usize).min(open.blocks.len());
        answer.blocks = (start..end)
            .map(|i| {
                let text = &open.body[open.blocks[i].clone()];
                Block {
                    index: i as u32,
                    text: text.to_string(),
                    marks: marks(&h.ranges(text)),
                }
            })
            .collect();
        if req.count_matches && open.body.len() <= COUNT_MATCHES_BYTES {
            let mut per_block = Vec::new();
            let mut total = title_marks.len() as u32;
            if !title_marks.is_empty() {
                per_block.push((u32::MAX, title_marks.len() as u32));
            }
            if !h.is_empty() {
                for (i, r) in open.blocks.iter().enumerate() {
                    let n = h.ranges(&open.body[r.clone()]).len() as u32;
                    if n > 0 {
                        per_block.push((i as u32, n));
                        total += n;
                    }
                }
            }
            answer.matches = Some(total);
            answer.match_blocks = per_block;
        }
        let mut meta = doc_meta(doc, title_marks);
        meta.related = open
            .related
            .iter()
            .map(|&r| RelatedDoc {
                id: self.archive.id_of(r).to_string(),
                title: self.archive.title_of(r).to_string(),
                date: self.archive.date_of(r),
            })
            .collect();
        meta.copies = open
            .copies
            .iter()
            .map(|&c| self.archive.id_of(c).to_string())
            .collect();
        answer.meta = Some(meta);
        answer
    }
}

/// A document's metadata for the document view: labelled values in display order.
fn doc_meta(doc: crate::model::Document, title_marks: Marks) -> DocMeta {
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut push = |label: &str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            fields.push((label.to_string(), v));
        }
    };
    for (field, values) in doc.fields.iter() {
        push(field.label(), Some(values.join(", ")));
    }
    DocMeta {
        id: doc.id,
        title: doc.title,
        title_marks,
        date: doc.date,
        fields,
        url: doc.url,
        meta: doc.meta.into_iter().collect(),
        related: Vec::new(),
        copies: Vec::new(),
    }
}

/// The blocks of a body: its paragraphs, with those longer than [`BLOCK_BYTES`] cut at a
/// space (or anywhere, if a run has none).
pub fn blocks_of(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (offset, p) in crate::model::paragraphs(body) {
        let mut start = offset;
        let end = offset + p.len();
        while end - start > BLOCK_BYTES {
            let limit = floor_char_boundary(body, start + BLOCK_BYTES);
            let cut = body[start..limit]
                .rfind([' ', '\n', '\t'])
                .filter(|&c| c > BLOCK_BYTES / 2)
                .map_or(limit, |c| start + c + 1);
            out.push(start..cut);
            start = cut;
        }
        if start < end {
            out.push(start..end);
        }
    }
    out
}

fn floor_char_boundary(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn marks(ranges: &[Range<usize>]) -> Marks {
    ranges
        .iter()
        .map(|r| (r.start as u32, r.end as u32))
        .collect()
}

#[cfg(test)]
mod tests;
