//! What the page and the engine say to each other.
//!
//! # Overview
//! The engine runs in a Web Worker: the page sends it what the reader looks at, and it
//! answers with exactly what to draw. Every message is one of these types, sent as bytes
//! ([`crate::codec`]); the page never holds the archive, only the answer in view.
//!
//! - [`ViewRequest`] → [`Answer`]: the query, facets, range, order and zoom the reader
//!   chose, and which rows are in view; the answer has the count, the facet values, the
//!   timeline, and those rows with their marks.
//! - [`RowsRequest`] → [`Answer`] with rows only: scrolling.
//! - [`DocRequest`] → [`DocAnswer`]: a document, and some of its blocks of text with
//!   their marks (a 50 MB document is read a screenful at a time).
//! - [`StepRequest`] → [`Step`]: the result before or after a document (`j` / `k`).
//! - [`Info`] and [`Progress`]: what the archive is, and how far loading has got.
//!
//! Sequence numbers (`seq`) tie answers to requests, so the page drops answers to
//! questions it no longer asks.

use crate::browse::{Facet, Selection};
use crate::codec::{Decode, Encode, Reader, Result, Writer};
use crate::date::Date;
pub use crate::export::Format as ExportFormat;
use crate::problem::Problem;
use crate::query::DateRange;
use crate::search::Sort;
use crate::timeline::{Bucket, Granularity, Histogram};

/// Heights of chronology rows in pixels (the page reads them from its styles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RowHeights {
    /// A year heading.
    pub year: u32,
    /// A month heading (and "no month given", "Undated").
    pub month: u32,
    /// A document.
    pub doc: u32,
}

/// Which rows the page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// Rows of the result list, by position.
    Rows {
        /// The first.
        start: u32,
        /// How many.
        count: u32,
    },
    /// The chronology between two pixel offsets.
    Pixels {
        /// Top of the view.
        top: u32,
        /// Height of the view.
        height: u32,
        /// Row heights.
        heights: RowHeights,
    },
}

/// How the page shows one facet: how many values, and a filter typed into its box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetView {
    /// Which facet.
    pub facet: Facet,
    /// Most values to list (selected ones are always listed too).
    pub limit: u32,
    /// Only values containing this (case-insensitive); empty for all.
    pub filter: String,
}

/// What the reader looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewRequest {
    /// Ties the answer to this request.
    pub seq: u32,
    /// The search box text.
    pub q: String,
    /// Facet values and the date range chosen.
    pub selection: Selection,
    /// The result order.
    pub sort: Sort,
    /// The timeline's span, if the reader zoomed (else it fits the matches).
    pub zoom: Option<(i32, i32)>,
    /// Which rows are in view.
    pub window: Window,
    /// Facets shown beyond the default (expanded, or filtered).
    pub facets: Vec<FacetView>,
    /// The open document, to find its place in the results.
    pub open: Option<String>,
    /// Queries compared on the timeline ([`crate::series`]; at most
    /// [`MAX_SERIES`](crate::series::MAX_SERIES) are counted).
    pub series: Vec<String>,
    /// List identical copies too ([`crate::copies`]); else each folds into the first.
    pub copies: bool,
}

/// More rows of the answer to a [`ViewRequest`] (the reader scrolled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowsRequest {
    /// The view, as last asked (the engine answers it again if it has moved on).
    pub view: ViewRequest,
}

/// A part of the query that was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    /// Byte range in the query text.
    pub start: u32,
    /// End of the range.
    pub end: u32,
    /// Why.
    pub reason: String,
}

/// One facet value with its count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    /// The value as written (a year as digits).
    pub value: String,
    /// Documents it would give, with the query and the other choices.
    pub count: u32,
    /// Whether it is chosen.
    pub selected: bool,
}

/// The values of one facet for the current view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCounts {
    /// Which facet.
    pub facet: Facet,
    /// Values to list, most frequent first (years: newest first).
    pub values: Vec<FacetValue>,
    /// Values with a count (or matching the filter) in all, listed or not.
    pub available: u32,
    /// Distinct values in the archive.
    pub distinct: u32,
}

/// The timeline of the current view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// The bars and what was counted apart.
    pub histogram: Histogram,
    /// Whether the span is the reader's zoom (else it fits the matches).
    pub zoomed: bool,
    /// The bulk of the whole archive's dates (what "Reset" shows).
    pub whole: (i32, i32),
    /// Matches dated before the span: how many, and the bulk of their dates.
    pub before: Option<(u32, (i32, i32))>,
    /// Matches dated after the span.
    pub after: Option<(u32, (i32, i32))>,
    /// The queries compared, each counted per bar ([`crate::series`]).
    pub series: Vec<Series>,
    /// All documents per bar under the same facets (empty when nothing is compared).
    pub base: Vec<u32>,
}

/// A query compared on the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// The query.
    pub q: String,
    /// Its matches per bar, under the facets.
    pub counts: Vec<u32>,
    /// Its matches under the facets and the date range, dated or not.
    pub total: u32,
}

/// Marked text: byte ranges to mark.
pub type Marks = Vec<(u32, u32)>;

/// One result row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRow {
    /// Its position in the results (from 0).
    pub position: u32,
    /// The document's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Matched words in the title.
    pub title_marks: Marks,
    /// Its date.
    pub date: Option<Date>,
    /// Its source.
    pub source: Option<String>,
    /// The passage that best matches.
    pub snippet: String,
    /// Matched words in the passage.
    pub snippet_marks: Marks,
    /// Identical copies folded into it.
    pub copies: u32,
}

/// A row of the chronology.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ChronoRow {
    /// A year heading and its count.
    Year(i32, u32),
    /// A month heading (1–12) and its count.
    Month(i32, u32, u32),
    /// Documents dated to the year only.
    YearOnly(i32, u32),
    /// The undated documents' heading.
    Undated(u32),
    /// A document: id, title, date, source.
    Doc(String, String, Option<Date>, Option<String>),
}

/// The rows in view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rows {
    /// Result rows from a position.
    List(Vec<ResultRow>),
    /// Chronology rows: the height of all of them, the index and offset of the first
    /// one sent, and the rows.
    Chronology {
        /// Height of all rows.
        height: u32,
        /// Index of the first row sent.
        first: u32,
        /// Its offset from the top.
        offset: u32,
        /// The rows.
        rows: Vec<ChronoRow>,
    },
}

/// The answer to a [`ViewRequest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The request's number.
    pub seq: u32,
    /// The archive version it was computed on ([`Info::version`]).
    pub version: u32,
    /// A whole answer (to a view), or rows only (to a scroll).
    pub full: bool,
    /// How many documents the reader's choices give.
    pub total: u32,
    /// How many of them are identical copies of a result placed above them.
    pub copies: u32,
    /// How many rows the list has: `total`, less the copies unless they are shown.
    pub listed: u32,
    /// What the query did not understand.
    pub ignored: Vec<Ignored>,
    /// Facet values (empty for a rows-only answer).
    pub facets: Vec<FacetCounts>,
    /// The timeline (none if no document is dated, or for a rows-only answer).
    pub timeline: Option<Timeline>,
    /// The rows in view.
    pub rows: Rows,
    /// The open document's position in the results, if it is among them.
    pub open_position: Option<u32>,
    /// Whether text the rows need (their snippets) is still being fetched: a built
    /// site's text shards. The same request is answered again when it has come.
    pub text_pending: bool,
}

/// A document and some of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRequest {
    /// Ties the answer to this request.
    pub seq: u32,
    /// The document's id.
    pub id: String,
    /// The query, whose words are marked.
    pub q: String,
    /// The first block of text wanted.
    pub start: u32,
    /// How many blocks.
    pub count: u32,
    /// Whether to count the matches (and say which blocks hold them).
    pub count_matches: bool,
    /// Whether to send the length of every block (the page lays out a long document by
    /// them; it asks once per document, not with every keystroke).
    pub layout: bool,
}

/// A block of a document's text (a paragraph, or part of a long one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Its number.
    pub index: u32,
    /// Its text.
    pub text: String,
    /// Matched words.
    pub marks: Marks,
}

/// A document's metadata, for the document view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocMeta {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Matched words in the title.
    pub title_marks: Marks,
    /// Date.
    pub date: Option<Date>,
    /// Labelled values in display order (Source, Agency, People, …), and the URL apart.
    pub fields: Vec<(String, String)>,
    /// The original's address, if any.
    pub url: Option<String>,
    /// The rest of its metadata.
    pub meta: Vec<(String, String)>,
    /// Documents like it, best first (see [`crate::search::SearchIndex::related`]).
    pub related: Vec<RelatedDoc>,
    /// The ids of its identical copies ([`crate::copies`]).
    pub copies: Vec<String>,
}

/// A related document, as the document view lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedDoc {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Date.
    pub date: Option<Date>,
}

/// The answer to a [`DocRequest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocAnswer {
    /// The request's number.
    pub seq: u32,
    /// The document, if the archive has one with that id.
    pub meta: Option<DocMeta>,
    /// Characters in each block (to lay out the blocks not sent).
    pub block_chars: Vec<u32>,
    /// The blocks asked for.
    pub blocks: Vec<Block>,
    /// Matches in the title and body, if counted.
    pub matches: Option<u32>,
    /// Blocks holding matches and how many each (the title counts as block `u32::MAX`),
    /// if counted.
    pub match_blocks: Vec<(u32, u32)>,
}

/// The result before or after a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRequest {
    /// The view.
    pub view: ViewRequest,
    /// From this document (none: from before the first).
    pub from: Option<String>,
    /// +1 for the next, −1 for the previous.
    pub delta: i32,
}

/// The answer to a [`StepRequest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The request's view number.
    pub seq: u32,
    /// The document to open, and its position.
    pub to: Option<(String, u32)>,
}

/// How far loading has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Bytes read.
    pub bytes: u64,
    /// Bytes expected, if known.
    pub total: Option<u64>,
    /// Documents read.
    pub documents: u64,
    /// Whether loading is over.
    pub done: bool,
}

/// What the archive is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Info {
    /// Changes whenever the searchable archive does (more documents loaded).
    pub version: u32,
    /// Its title.
    pub title: Option<String>,
    /// Its description.
    pub description: Option<String>,
    /// Documents searchable.
    pub documents: u32,
    /// Documents rejected.
    pub rejected: u32,
    /// Problems found (at most [`MAX_PROBLEMS`]).
    pub problems: Vec<Problem>,
    /// Problems in all.
    pub problem_count: u32,
    /// Facets the archive has.
    pub facets: Vec<Facet>,
    /// Whether any document is dated.
    pub dated: bool,
    /// Loading, while it goes on (the archive is then partial).
    pub loading: Option<Progress>,
}

/// Most problems listed in [`Info`].
pub const MAX_PROBLEMS: usize = 1000;

/// Why the archive could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// What went wrong, in a sentence.
    pub message: String,
    /// Where in the file (line, column), if it is the file's content.
    pub position: Option<(u32, u32)>,
}

/// A message to the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToEngine {
    /// Answer this view.
    View(ViewRequest),
    /// Rows of this view.
    Rows(RowsRequest),
    /// A document.
    Doc(DocRequest),
    /// The result before or after a document.
    Step(StepRequest),
    /// The documents of a view, as a file.
    Export(ExportRequest),
}

/// Export the documents of a view (see [`crate::export`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    /// The view: its query, facets, range and order.
    pub view: ViewRequest,
    /// The file's format.
    pub format: ExportFormat,
    /// The page's address: permalinks in references are `base#doc=ID`.
    pub base: String,
}

/// A slice of an exported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPart {
    /// The request's number (its view's).
    pub seq: u32,
    /// The file's format.
    pub format: ExportFormat,
    /// Documents written so far, and in all.
    pub done: u32,
    /// Documents in the export.
    pub total: u32,
    /// The slice of the file.
    pub text: String,
    /// Whether this is the last slice.
    pub last: bool,
}

/// A message from the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FromEngine {
    /// Loading goes on.
    Progress(Progress),
    /// The archive (or, while loading, what of it is searchable).
    Info(Info),
    /// The archive could not be opened.
    Failed(Failure),
    /// The answer to a view or rows request.
    Answer(Answer),
    /// A document.
    Doc(DocAnswer),
    /// The result before or after a document.
    Step(Step),
    /// A slice of an exported file.
    Export(ExportPart),
}

// ---- encodings -----------------------------------------------------------------------

impl Encode for Facet {
    fn encode(&self, w: &mut Writer) {
        w.str(self.key());
    }
}

impl Decode for Facet {
    fn decode(r: &mut Reader) -> Result<Self> {
        let key = r.str()?;
        Facet::from_key(key).ok_or_else(|| r.error(format!("unknown facet \"{key}\"")))
    }
}

impl Encode for DateRange {
    fn encode(&self, w: &mut Writer) {
        w.put(&self.start.map(|d| d as u32));
        w.put(&self.end.map(|d| d as u32));
    }
}

impl Decode for DateRange {
    fn decode(r: &mut Reader) -> Result<Self> {
        Ok(DateRange {
            start: r.get::<Option<u32>>()?.map(|d| d as i32),
            end: r.get::<Option<u32>>()?.map(|d| d as i32),
        })
    }
}

impl Encode for Selection {
    fn encode(&self, w: &mut Writer) {
        w.usize(self.values.len());
        for (facet, values) in &self.values {
            w.put(facet);
            w.usize(values.len());
            for v in values {
                w.str(v);
            }
        }
        w.put(&self.range);
    }
}

impl Decode for Selection {
    fn decode(r: &mut Reader) -> Result<Self> {
        let n = r.count(2)?;
        // Through `toggle`, which keeps the order and the uniqueness whatever was sent.
        let mut selection = Selection::default();
        for _ in 0..n {
            let facet: Facet = r.get()?;
            let k = r.count(1)?;
            for _ in 0..k {
                let value = r.string()?;
                if !selection.has(facet, &value) {
                    selection.toggle(facet, &value);
                }
            }
        }
        selection.range = r.get()?;
        Ok(selection)
    }
}

impl Encode for Sort {
    fn encode(&self, w: &mut Writer) {
        w.str(self.name());
    }
}

impl Decode for Sort {
    fn decode(r: &mut Reader) -> Result<Self> {
        let name = r.str()?;
        Sort::from_name(name).ok_or_else(|| r.error(format!("unknown order \"{name}\"")))
    }
}

fn put_span(w: &mut Writer, s: (i32, i32)) {
    w.int(i64::from(s.0));
    w.int(i64::from(s.1));
}

fn get_span(r: &mut Reader) -> Result<(i32, i32)> {
    Ok((r.i32()?, r.i32()?))
}

impl Encode for Window {
    fn encode(&self, w: &mut Writer) {
        match *self {
            Window::Rows { start, count } => {
                w.u8(0);
                w.put(&start);
                w.put(&count);
            }
            Window::Pixels {
                top,
                height,
                heights,
            } => {
                w.u8(1);
                w.put(&top);
                w.put(&height);
                w.put(&heights.year);
                w.put(&heights.month);
                w.put(&heights.doc);
            }
        }
    }
}

impl Decode for Window {
    fn decode(r: &mut Reader) -> Result<Self> {
        match r.u8()? {
            0 => Ok(Window::Rows {
                start: r.u32()?,
                count: r.u32()?,
            }),
            1 => Ok(Window::Pixels {
                top: r.u32()?,
                height: r.u32()?,
                heights: RowHeights {
                    year: r.u32()?,
                    month: r.u32()?,
                    doc: r.u32()?,
                },
            }),
            _ => Err(r.error("unknown window")),
        }
    }
}

impl Encode for FacetView {
    fn encode(&self, w: &mut Writer) {
        w.put(&self.facet);
        w.put(&self.limit);
        w.str(&self.filter);
    }
}

impl Decode for FacetView {
    fn decode(r: &mut Reader) -> Result<Self> {
        Ok(FacetView {
            facet: r.get()?,
            limit: r.u32()?,
            filter: r.string()?,
        })
    }
}

impl Encode for ViewRequest {
    fn encode(&self, w: &mut Writer) {
        w.put(&self.seq);
        w.str(&self.q);
        w.put(&self.selection);
        w.put(&self.sort);
        match self.zoom {
            Some(z) => {
                w.u8(1);
                put_span(w, z);
            }
            None => w.u8(0),
        }
        w.put(&self.window);
        w.list(&self.facets);
        w.opt_str(self.open.as_deref());
        w.list(&self.series);
        w.bool(self.copies);
    }
}

impl Decode for ViewRequest {
    fn decode(r: &mut Reader) -> Result<Self> {
        Ok(ViewRequest {
            seq: r.u32()?,
            q: r.string()?,
            selection: r.get()?,
            sort: r.get()?,
            zoom: match r.u8()? {
                0 => None,
                1 => Some(get_span(r)?),
                _ => return Err(r.error("bad zoom")),
            },
            window: r.get()?,
            facets: r.list()?,
            open: r.opt_string()?,
            series: r.list()?,
            copies: r.bool()?,
        })
    }
}

impl Encode for Ignored {
    fn encode(&self, w: &mut Writer) {
        w.put(&self.start);
        w.put(&self.end);
        w.str(&self.reason);
    }
}

impl Decode for Ignored {
    fn decode(r: &mut Reader) -> Result<Self> {
        Ok(Ignored {
            start: r.u32()?,
            end: r.u32()?,
            reason: r.string()?,
        })
    }
}

impl Encode for FacetValue {
    fn encode(&self, w: &mut Writer) {
        w.str(&self.value);
        w.put(&self.count);
        w.bool(self.selected);
    }
}

impl Decode for FacetValue {
    fn decode(r: &mut Reader) -> Result<Self> {
        Ok(FacetValue {
            value: r.string()?,
            count: r.u32()?,
            selected: r.bool()?,
        })
    }
}

impl Encode for FacetCounts {
    fn encode(&self, w: &mut Writer) {
        w.put(&self.facet);
        w.list(&self.values);
        w.put(&self.available);
        w.put(&self.distinct);
    }
}

impl Decode for FacetCounts {
    fn decode(r: &mut Reader) -> Result<Self> {
        Ok(FacetCounts {
            facet: r.get()?,
            values: r.list()?,
            available: r.u32()?,
            distinct: r.u32()?,
        })
    }
}

impl Encode for Histogram {
    fn encode(&self, w: &mut Writer) {
        w.str(self.granularity.name());
        put_span(w, self.span);
        w.usize(self.buckets.len());
        for b in &self.buckets {
            put_span(w, (b.start, b.end));
            w.usize(b.count);
        }
        w.usize(self.undated);
        w.usize(self.coarser);
        w.usize(self.outside);
    }
}

impl Decode for Histogram {
    fn decode(r: &mut Reader) -> Result<Self> {
        let name = r.str()?;
        let granularity = [
            Granularity::Day,
            Granularity::Week,
            Granularity::Month,
            Granularity::Year,
            Granularity::Decade,
            Granularity::Century,
        ]
        .into_iter()
        .find(|g| g.name() == name)
        .ok_or_else(|| r.error("unknown granularity"))?;
        let span = get_span(r)?;
        let n = r.count(3)?;
        let mut buckets = Vec::with_capacity(n);
        for _ in 0..n {
            let (start, end) = get_span(r)?;
            buckets.push(Bucket {
                start,
                end,
                count: r.usize()?,
            });
        }
        Ok(Histogram {
            granularity,
            span,
            buckets,
            undated: r.usize()?,
            coarser: r.usize()?,
            outside: r.usize()?,
        })
    }
}

fn put_side(w: &mut Writer, side: &Option<(u32, (i32, i32))>) {
    match side {
        Some((n, s)) => {
            w.u8(1);
            w.put(n);
            put_span(w, *s);
        }
        None => w.u8(0),
    }
}

fn get_side(r: &mut Reader) -> Result<Option<(u32, (i32, i32))>> {
    match r.u8()? {
        0 => Ok(None),
        1 => Ok(Some((r.u32()?, get_span(r)?))),
        _ => Err(r.error("bad side")),
    }
}

impl Encode for Timeline {
    fn encode(&self, w: &mut Writer) {
        w.put(&self.histogram);
        w.bool(self.zoomed);
        put_span(w, self.whole);
        put_side(w, &self.before);
        put_side(w, &self.after);
        w.list(&self.series);
        w.u32s(&self.base);
    }
}

impl Encode for Series {
    fn encode(&self, w: &mut Writer) {
        w.str(&self.q);
        w.u32s(&self.counts);
        w.put(&self.total);
    }
}

impl Decode for Series {
    fn decode(r: &mut Reader) -> Result<Self> {
        Ok(Series {
            q: r.string()?,
            counts: r.u32s()?,
            total: r.u32()?,
        })
    }
}

impl Decode for Timeline {
    fn decode(r: &mut Reader) -> Result<Self> {
        Ok(Timeline {
            histogram: r.get()?,
            zoomed: r.bool()?,
            whole: get_span(r)?,
            before: get_side(r)?,
            after: get_side(r)?,
            series: r.list()?,
            base: r.u32s()?,
        })
    }
}

fn put_marks(w: &mut Writer, marks: &Marks) {
    w.usize(marks.len());
    for &(a, b) in marks {
        w.put(&a);
        w.put(&b);
    }
}

fn get_marks(r: &mut Reader, text: &str) -> Result<Marks> {
    let n = r.count(2)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let (a, b) = (r.u32()?, r.u32()?);
        if a > b || !text.is_char_boundary(a as usize) || !text.is_char_boundary(b as usize) {
            return Err(r.error("a mark is outside its text"));
        }
        out.push((a, b));
    }
    Ok(out)
}

impl Encode for ResultRow {
    fn encode(&self, w: &mut Writer) {
        w.put(&self.position);
        w.str(&self.id);
        w.str(&self.title);
        put_marks(w, &self.title_marks);
        w.put(&self.date);
        w.opt_str(self.source.as_deref());
        w.str(&self.snippet);
        put_marks(w, &self.snippet_marks);
        w.put(&self.copies);
    }
}

impl Decode for ResultRow {
    fn decode(r: &mut Reader) -> Result<Self> {
        let position = r.u32()?;
        let id = r.string()?;
        let title = r.string()?;
        let title_marks = get_marks(r, &title)?;
        let date = r.get()?;
        let source = r.opt_string()?;
        let snippet = r.string()?;
        let snippet_marks = get_marks(r, &snippet)?;
        let copies = r.u32()?;
        Ok(ResultRow {
            position,
            id,
            title,
            title_marks,
            date,
            source,
            snippet,
            snippet_marks,
            copies,
        })
    }
}

impl Encode for ChronoRow {
    fn encode(&self, w: &mut Writer) {
        match self {
            ChronoRow::Year(y, n) => {
                w.u8(0);
                w.int(i64::from(*y));
                w.put(n);
            }
            ChronoRow::Month(y, m, n) => {
                w.u8(1);
                w.int(i64::from(*y));
                w.put(m);
                w.put(n);
            }
            ChronoRow::YearOnly(y, n) => {
                w.u8(2);
                w.int(i64::from(*y));
                w.put(n);
            }
            ChronoRow::Undated(n) => {
                w.u8(3);
                w.put(n);
            }
            ChronoRow::Doc(id, title, date, source) => {
                w.u8(4);
                w.str(id);
                w.str(title);
                w.put(date);
                w.opt_str(source.as_deref());
            }
        }
    }
}

impl Decode for ChronoRow {
    fn decode(r: &mut Reader) -> Result<Self> {
        Ok(match r.u8()? {
            0 => ChronoRow::Year(r.i32()?, r.u32()?),
            1 => ChronoRow::Month(r.i32()?, r.u32()?, r.u32()?),
            2 => ChronoRow::YearOnly(r.i32()?, r.u32()?),
            3 => ChronoRow::Undated(r.u32()?),
            4 => ChronoRow::Doc(r.string()?, r.string()?, r.get()?, r.opt_string()?),
            _ => return Err(r.error("unknown chronology row")),
        })
    }
}

impl Encode for Rows {
    fn encode(&self, w: &mut Writer) {
        match self {
            Rows::List(rows) => {
                w.u8(0);
                w.list(rows);
            }
            Rows::Chronology {
                height,
                first,
                offset,
                rows,
            } => {
                w.u8(1);
                w.put(height);
                w.put(first);
                w.put(offset);
                w.list(rows);
            }
        }
    }
}

impl Decode for Rows {
    fn decode(r: &mut Reader) -> Result<Self> {
        match r.u8()? {
            0 => Ok(Rows::List(r.list()?)),
            1 => Ok(Rows::Chronology {
                height: r.u32()?,
                first: r.u32()?,
                offset: r.u32()?,
                rows: r.list()?,
            }),
            _ => Err(r.error("unknown rows")),
        }
    }
}

impl Encode for Answer {
    fn encode(&self, w: &mut Writer) {
        w.put(&self.seq);
        w.put(&self.version);
        w.bool(self.full);
        w.put(&self.total);
        w.put(&self.copies);
        w.put(&self.listed);
        w.list(&self.ignored);
        w.list(&self.facets);
        w.put(&self.timeline);
        w.put(&self.rows);
        w.put(&self.open_position);
        w.bool(self.text_pending);
    }
}

impl Decode for Answer {
    fn decode(r: &mut Reader) -> Result<Self> {
        Ok(Answer {
            seq: r.u32()?,
            version: r.u32()?,
            full: r.bool()?,
            total: r.u32()?,
            copies: r.u32()?,
            listed: r.u32()?,
            ignored: r.list()?,
            facets: r.list()?,
            timeline: r.get()?,
            rows: r.get()?,
            open_position: r.get()?,
            text_pending: r.bool()?,
        })
    }
}

impl Encode for DocRequest {
    fn encode(&self, w: &mut Writer) {
        w.put(&self.seq);
        w.str(&self.id);
        w.str(&self.q);
        w.put(&self.start);
        w.put(&self.count);
        w.bool(self.count_matches);
        w.bool(self.layout);
    }
}

impl Decode for DocRequest {
    fn decode(r: &mut Reader) -> Result<Self> {
        Ok(DocRequest {
            seq: r.u32()?,
            id: r.string()?,
            q: r.string()?,
            start: r.u32()?,
            count: r.u32()?,
            count_matches: r.bool()?,
            layout: r.bool()?,
        })
    }
}

impl Encode for Block {
    fn encode(&self, w: &mut Writer) {
        w.put(&self.index);
        w.str(&self.text);
        put_marks(w, &self.marks);
    }
}

impl Decode for Block {
    fn decode(r: &mut Reader) -> Result<Self> {
        let index = r.u32()?;
        let text = r.string()?;
        let marks = get_marks(r, &text)?;
        Ok(Block { index, text, marks })
    }
}

impl Encode for DocMeta {
    fn encode(&self, w: &mut Writer) {
        w.str(&self.id);
        w.str(&self.title);
        put_marks(w, &self.title_marks);
        w.put(&self.date);
        w.list(&self.fields);
        w.opt_str(self.url.as_deref());
        w.list(&self.meta);
        w.list(&self.related);
        w.list(&self.copies);
    }
}

impl Encode for RelatedDoc {
    fn encode(&self, w: &mut Writer) {
        w.str(&self.id);
        w.str(&self.title);
        w.put(&self.date);
    }
}

impl Decode for RelatedDoc {
    fn decode(r: &mut Reader) -> Result<Self> {
        Ok(RelatedDoc {
            id: r.string()?,
            title: r.string()?,
            date: r.get()?,
        })
    }
}

impl Decode for DocMeta {
    fn decode(r: &mut Reader) -> Result<Self> {
        let id = r.string()?;
        let title = r.string()?;
        let title_marks = get_marks(r, &title)?;
        Ok(DocMeta {
            id,
            title,
            title_marks,
            date: r.get()?,
            fields: r.list()?,
            url: r.opt_string()?,
            meta: r.list()?,
            related: r.list()?,
            copies: r.list()?,
        })
    }
}

impl Encode for DocAnswer {
    fn encode(&self, w: &mut Writer) {
        w.put(&self.seq);
        w.put(&self.meta);
        w.u32s(&self.block_chars);
        w.list(&self.blocks);
        w.put(&self.matches);
        w.list(&self.match_blocks);
    }
}

impl Decode for DocAnswer {
    fn decode(r: &mut Reader) -> Result<Self> {
        Ok(DocAnswer {
            seq: r.u32()?,
            meta: r.get()?,
            block_chars: r.u32s()?,
            blocks: r.list()?,
            matches: r.get()?,
            match_blocks: r.list()?,
        })
    }
}

impl Encode for StepRequest {
    fn encode(&self, w: &mut Writer) {
        w.put(&self.view);
        w.opt_str(self.from.as_deref());
        w.int(i64::from(self.delta));
    }
}

impl Decode for StepRequest {
    fn decode(r: &mut Reader) -> Result<Self> {
        Ok(StepRequest {
            view: r.get()?,
            from: r.opt_string()?,
            delta: r.i32()?,
        })
    }
}

impl Encode for Step {
    fn encode(&self, w: &mut Writer) {
        w.put(&self.seq);
        w.put(&self.to);
    }
}

impl Decode for Step {
    fn decode(r: &mut Reader) -> Result<Self> {
        Ok(Step {
            seq: r.u32()?,
            to: r.get()?,
        })
    }
}

impl Encode for Progress {
    fn encode(&self, w: &mut Writer) {
        w.uint(self.bytes);
        w.bool(self.total.is_some());
        w.uint(self.total.unwrap_or(0));
        w.uint(self.documents);
        w.bool(self.done);
    }
}

impl Decode for Progress {
    fn decode(r: &mut Reader) -> Result<Self> {
        let bytes = r.uint()?;
        let has_total = r.bool()?;
        let total = r.uint()?;
        Ok(Progress {
            bytes,
            total: has_total.then_some(total),
            documents: r.uint()?,
            done: r.bool()?,
        })
    }
}

impl Encode for Info {
    fn encode(&self, w: &mut Writer) {
        w.put(&self.version);
        w.opt_str(self.title.as_deref());
        w.opt_str(self.description.as_deref());
        w.put(&self.documents);
        w.put(&self.rejected);
        w.list(&self.problems);
        w.put(&self.problem_count);
        w.list(&self.facets);
        w.bool(self.dated);
        w.put(&self.loading);
    }
}

impl Decode for Info {
    fn decode(r: &mut Reader) -> Result<Self> {
        Ok(Info {
            version: r.u32()?,
            title: r.opt_string()?,
            description: r.opt_string()?,
            documents: r.u32()?,
            rejected: r.u32()?,
            problems: r.list()?,
            problem_count: r.u32()?,
            facets: r.list()?,
            dated: r.bool()?,
            loading: r.get()?,
        })
    }
}

impl Encode for Failure {
    fn encode(&self, w: &mut Writer) {
        w.str(&self.message);
        w.put(&self.position);
    }
}

impl Decode for Failure {
    fn decode(r: &mut Reader) -> Result<Self> {
        Ok(Failure {
            message: r.string()?,
            position: r.get()?,
        })
    }
}

impl Encode for ToEngine {
    fn encode(&self, w: &mut Writer) {
        match self {
            ToEngine::View(v) => {
                w.u8(0);
                w.put(v);
            }
            ToEngine::Rows(v) => {
                w.u8(1);
                w.put(&v.view);
            }
            ToEngine::Doc(v) => {
                w.u8(2);
                w.put(v);
            }
            ToEngine::Step(v) => {
                w.u8(3);
                w.put(v);
            }
            ToEngine::Export(v) => {
                w.u8(4);
                w.put(&v.view);
                w.u8(v.format as u8);
                w.str(&v.base);
            }
        }
    }
}

impl Decode for ToEngine {
    fn decode(r: &mut Reader) -> Result<Self> {
        Ok(match r.u8()? {
            0 => ToEngine::View(r.get()?),
            1 => ToEngine::Rows(RowsRequest { view: r.get()? }),
            2 => ToEngine::Doc(r.get()?),
            3 => ToEngine::Step(r.get()?),
            4 => ToEngine::Export(ExportRequest {
                view: r.get()?,
                format: export_format(r)?,
                base: r.string()?,
            }),
            _ => return Err(r.error("unknown request")),
        })
    }
}

impl Encode for FromEngine {
    fn encode(&self, w: &mut Writer) {
        match self {
            FromEngine::Progress(v) => {
                w.u8(0);
                w.put(v);
            }
            FromEngine::Info(v) => {
                w.u8(1);
                w.put(v);
            }
            FromEngine::Failed(v) => {
                w.u8(2);
                w.put(v);
            }
            FromEngine::Answer(v) => {
                w.u8(3);
                w.put(v);
            }
            FromEngine::Doc(v) => {
                w.u8(4);
                w.put(v);
            }
            FromEngine::Export(v) => {
                w.u8(6);
                w.put(&v.seq);
                w.u8(v.format as u8);
                w.put(&v.done);
                w.put(&v.total);
                w.str(&v.text);
                w.u8(u8::from(v.last));
            }
            FromEngine::Step(v) => {
                w.u8(5);
                w.put(v);
            }
        }
    }
}

/// An export format, by its number in [`ExportFormat::ALL`].
fn export_format(r: &mut Reader) -> Result<ExportFormat> {
    let i = r.u8()?;
    ExportFormat::ALL
        .into_iter()
        .find(|f| *f as u8 == i)
        .ok_or_else(|| r.error("unknown export format"))
}

impl Decode for FromEngine {
    fn decode(r: &mut Reader) -> Result<Self> {
        Ok(match r.u8()? {
            0 => FromEngine::Progress(r.get()?),
            1 => FromEngine::Info(r.get()?),
            2 => FromEngine::Failed(r.get()?),
            3 => FromEngine::Answer(r.get()?),
            4 => FromEngine::Doc(r.get()?),
            5 => FromEngine::Step(r.get()?),
            6 => FromEngine::Export(ExportPart {
                seq: r.get()?,
                format: export_format(r)?,
                done: r.get()?,
                total: r.get()?,
                text: r.string()?,
                last: r.u8()? != 0,
            }),
            _ => return Err(r.error("unknown message")),
        })
    }
}
