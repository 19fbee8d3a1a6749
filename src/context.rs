//! What components share: the engine's answers, and navigation.
//!
//! # Overview
//! [`App`](crate::app::App) provides two contexts, each with a `use_…` helper:
//! - [`Session`]: the connection to the engine ([`Client`]), what the archive is
//!   ([`Info`]), how loading goes, and the last answer, split into signals (the count,
//!   facets, timeline, rows, the open document) so that each part of the page redraws
//!   only when its part of the answer changed. [`Session::watch`] sends a request
//!   whenever what the reader looks at changes.
//! - [`Nav`]: the [`ViewState`] and the only ways to change it ([`Nav::set_query`],
//!   [`Nav::open`], [`Nav::close`]), which also keep the URL and history in step.

use chronicle_core::browse::Facet;
use chronicle_core::protocol::{
    Answer, DocAnswer, DocRequest, ExportFormat, ExportPart, ExportRequest, FacetCounts, FacetView,
    Failure, FromEngine, Ignored, Info, Progress, Rows, StepRequest, Timeline, ToEngine,
    ViewRequest, Window,
};
use chronicle_core::query::DateRange;
use chronicle_core::series::tidy;
use chronicle_core::Sort;
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;

use crate::client::Client;
use crate::history::{self, Entry};
use crate::instance::Instance;
use crate::state::{View, ViewState};

/// Where loading stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Bytes are arriving; nothing is searchable yet.
    Loading(Progress),
    /// Nothing could be shown: what went wrong, and where (line, column).
    Failed(Failure),
    /// Searchable (maybe partially: see [`Session::loading`]).
    Ready,
}

/// The connection to the engine and its answers. See the module docs.
#[derive(Clone, Copy)]
pub struct Session {
    client: StoredValue<Option<Client>, LocalStorage>,
    /// Where loading stands.
    pub phase: RwSignal<Phase>,
    /// What the archive is.
    pub info: RwSignal<Info>,
    /// Loading, while the archive is partial.
    pub loading: RwSignal<Option<Progress>>,
    /// How many documents the reader's choices give.
    pub total: RwSignal<u32>,
    /// How many of them are identical copies of one above them ([`chronicle_core::copies`]).
    pub copies: RwSignal<u32>,
    /// How many rows the list has (`total`, less the copies unless they are shown).
    pub listed: RwSignal<u32>,
    /// Whether an answer to the current view has come.
    pub answered: RwSignal<bool>,
    /// Whether the engine is still working on what the reader asked last (the page says
    /// so with `aria-busy`).
    pub pending: RwSignal<bool>,
    /// Whether the rows wait for text (snippets) being fetched (`data-text-pending`).
    pub text_pending: RwSignal<bool>,
    /// Parts of the query not understood.
    pub ignored: RwSignal<Vec<Ignored>>,
    /// Facet values.
    pub facets: RwSignal<Vec<FacetCounts>>,
    /// The timeline.
    pub timeline: RwSignal<Option<Timeline>>,
    /// The rows in view.
    pub rows: RwSignal<Rows>,
    /// The open document's position in the results.
    pub open_position: RwSignal<Option<u32>>,
    /// How the facet panel shows each facet (expanded, filtered).
    pub facet_views: RwSignal<Vec<FacetView>>,
    /// Which rows are in view.
    pub window: RwSignal<Window>,
    /// The open document, as last answered.
    pub doc: RwSignal<Option<DocAnswer>>,
    /// Numbers of the last requests: any, a whole view, a document.
    seq: StoredValue<u32>,
    view_seq: StoredValue<u32>,
    doc_seq: StoredValue<u32>,
    /// The last document request that starts afresh (a document or a query, not a
    /// scroll): its answer replaces the blocks held.
    fresh_doc_seq: StoredValue<u32>,
    /// Where `j` / `k` should go, when the engine answers.
    step_to: StoredValue<Option<(u32, Entry)>>,
    nav: StoredValue<Option<Nav>>,
    /// The export under way: its request's number, format and progress.
    pub exporting: RwSignal<Option<Exporting>>,
    /// The slices of the file exported so far.
    export_parts: StoredValue<Vec<web_sys::Blob>, LocalStorage>,
}

/// An export under way (see [`Session::export`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exporting {
    /// The request's number.
    pub seq: u32,
    /// The file's format.
    pub format: ExportFormat,
    /// Documents written, and in all (0 until the engine says).
    pub done: u32,
    /// Documents in the export.
    pub total: u32,
}

/// The session, from context.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Rows asked for before the page knows how many fit.
pub const FIRST_ROWS: u32 = 30;

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|v| *v != value) {
        signal.set(value);
    }
}

impl Session {
    /// A session with nothing loaded.
    pub fn new() -> Session {
        Session {
            client: StoredValue::new_local(None),
            phase: RwSignal::new(Phase::Loading(Progress::default())),
            info: RwSignal::new(Info::default()),
            loading: RwSignal::new(None),
            total: RwSignal::new(0),
            copies: RwSignal::new(0),
            listed: RwSignal::new(0),
            answered: RwSignal::new(false),
            pending: RwSignal::new(true),
            text_pending: RwSignal::new(false),
            ignored: RwSignal::new(Vec::new()),
            facets: RwSignal::new(Vec::new()),
            timeline: RwSignal::new(None),
            rows: RwSignal::new(Rows::List(Vec::new())),
            open_position: RwSignal::new(None),
            facet_views: RwSignal::new(Vec::new()),
            window: RwSignal::new(Window::Rows {
                start: 0,
                count: FIRST_ROWS,
            }),
            doc: RwSignal::new(None),
            seq: StoredValue::new(0),
            view_seq: StoredValue::new(0),
            doc_seq: StoredValue::new(0),
            fresh_doc_seq: StoredValue::new(0),
            step_to: StoredValue::new(None),
            nav: StoredValue::new(None),
            exporting: RwSignal::new(None),
            export_parts: StoredValue::new_local(Vec::new()),
        }
    }

    /// Exports the documents of the current view (query, facets, range, order) as a file
    /// the browser downloads; [`Session::exporting`] follows it.
    pub fn export(&self, nav: &Nav, format: ExportFormat) {
        let seq = self.seq.get_value() + 1;
        self.seq.set_value(seq);
        self.export_parts.set_value(Vec::new());
        self.exporting.set(Some(Exporting {
            seq,
            format,
            done: 0,
            total: 0,
        }));
        let base = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        self.send(ToEngine::Export(ExportRequest {
            view: self.view_request(nav, seq, self.window.get_untracked()),
            format,
            base,
        }));
    }

    /// A slice of the file being exported; with the last, the file is handed over.
    fn export_part(&self, p: ExportPart) {
        let Some(mut now) = self.exporting.get_untracked().filter(|e| e.seq == p.seq) else {
            return;
        };
        if let Some(b) = crate::download::blob(&p.text) {
            self.export_parts.update_value(|parts| parts.push(b));
        }
        now.done = p.done;
        now.total = p.total;
        if p.last {
            let parts = std::mem::take(&mut *self.export_parts.write_value());
            let name = format!("chronicle-results.{}", p.format.extension());
            crate::download::save(&parts, &name, p.format.mime());
            self.exporting.set(None);
        } else {
            self.exporting.set(Some(now));
        }
    }

    /// Starts the engine on `open` (stopping one that ran before). `name` is what the
    /// reader knows the archive as (in messages).
    pub fn start(&self, open: crate::client::Open) {
        if let Some(old) = self.client.get_value() {
            old.stop();
        }
        self.phase.set(Phase::Loading(Progress::default()));
        self.loading.set(None);
        self.answered.set(false);
        self.doc.set(None);
        self.info.set(Info::default());
        let s = *self;
        let client = Client::start(
            open,
            move |m| s.receive(m),
            move |e| {
                // A worker that cannot start (or stopped) is a failure to open.
                if s.phase.get_untracked() != Phase::Ready {
                    s.phase.set(Phase::Failed(Failure {
                        message: e,
                        position: None,
                    }));
                } else {
                    web_sys::console::error_1(&e.into());
                }
            },
        );
        self.client.set_value(Some(client));
        // The first question goes now: it is answered as soon as something is searchable.
        if let Some(nav) = self.nav.get_value() {
            self.request(&nav, true);
        }
    }

    fn send(&self, request: ToEngine) {
        if let Some(c) = self.client.get_value() {
            c.send(&request);
        }
    }

    fn receive(&self, message: FromEngine) {
        match message {
            FromEngine::Progress(p) => {
                if !p.done {
                    // Kept in both phases: the partial view that follows the loading
                    // screen must not show an older figure than the screen did.
                    set_if_changed(self.loading, Some(p));
                    if matches!(self.phase.get_untracked(), Phase::Loading(_)) {
                        self.phase.set(Phase::Loading(p));
                    }
                }
            }
            FromEngine::Info(info) => {
                self.loading.set(info.loading);
                self.info.set(info);
                // The archive grew: ask again (the archive shows with the answer).
                if let Some(nav) = self.nav.get_value() {
                    self.request(&nav, true);
                }
            }
            FromEngine::Failed(f) => self.phase.set(Phase::Failed(f)),
            FromEngine::Answer(a) => self.apply(a),
            FromEngine::Doc(d) => {
                if d.seq == self.doc_seq.get_value() {
                    let fresh = d.seq == self.fresh_doc_seq.get_value();
                    self.doc
                        .set(Some(merge_doc(self.doc.get_untracked(), d, fresh)));
                }
            }
            FromEngine::Export(p) => self.export_part(p),
            FromEngine::Step(s) => {
                if let (Some((seq, entry)), Some((id, _))) = (self.step_to.get_value(), s.to) {
                    if seq == s.seq {
                        self.step_to.set_value(None);
                        if let Some(nav) = self.nav.get_value() {
                            nav.open(id, entry);
                        }
                    }
                }
            }
        }
    }

    fn apply(&self, a: Answer) {
        let latest = self.seq.get_value();
        if a.seq == latest {
            set_if_changed(self.pending, false);
            set_if_changed(self.text_pending, a.text_pending);
        }
        if a.full {
            if a.seq != self.view_seq.get_value() {
                return;
            }
            set_if_changed(self.facets, a.facets);
            set_if_changed(self.timeline, a.timeline);
            set_if_changed(self.ignored, a.ignored);
            set_if_changed(self.answered, true);
            set_if_changed(self.total, a.total);
            set_if_changed(self.copies, a.copies);
            set_if_changed(self.listed, a.listed);
            set_if_changed(self.open_position, a.open_position);
            set_if_changed(self.rows, a.rows);
            // The archive shows once there is something to show.
            if self.phase.get_untracked() != Phase::Ready {
                self.phase.set(Phase::Ready);
            }
            if self.loading.with_untracked(Option::is_none) {
                self.tell_painted();
            }
            return;
        } else if a.seq != latest {
            return;
        }
        set_if_changed(self.total, a.total);
        set_if_changed(self.copies, a.copies);
        set_if_changed(self.listed, a.listed);
        set_if_changed(self.open_position, a.open_position);
        set_if_changed(self.rows, a.rows);
    }

    /// Tells the engine once the whole archive, just shown, is painted: two frames (the
    /// parts the first paint staggers come in the tasks between), then a task. The
    /// client tells it once.
    fn tell_painted(&self) {
        let client = self.client;
        if client.with_value(|c| c.as_ref().is_none_or(Client::told_painted)) {
            return;
        }
        request_animation_frame(move || {
            request_animation_frame(move || {
                set_timeout(
                    move || {
                        if let Some(Some(c)) = client.try_get_value() {
                            c.painted();
                        }
                    },
                    std::time::Duration::ZERO,
                );
            });
        });
    }

    fn view_request(&self, nav: &Nav, seq: u32, window: Window) -> ViewRequest {
        let s = nav.state.get_untracked();
        ViewRequest {
            seq,
            q: s.q,
            selection: s.selection,
            sort: s.sort,
            zoom: s.zoom,
            window,
            facets: self.facet_views.get_untracked(),
            open: s.doc,
            series: s.series,
            copies: s.copies,
        }
    }

    /// Asks for the current view (`full`), or only the rows in view.
    pub fn request(&self, nav: &Nav, full: bool) {
        let seq = self.seq.get_value() + 1;
        self.seq.set_value(seq);
        let window = self.window.get_untracked();
        let v = self.view_request(nav, seq, window);
        set_if_changed(self.pending, true);
        if full {
            self.view_seq.set_value(seq);
            self.send(ToEngine::View(v));
        } else {
            self.send(ToEngine::Rows(chronicle_core::protocol::RowsRequest {
                view: v,
            }));
        }
    }

    /// Sends a request whenever what the reader looks at changes: the view state and the
    /// facet panel ask for a whole answer, the window (scrolling) for rows only.
    pub fn watch(&self, nav: Nav) {
        self.nav.set_value(Some(nav));
        let s = *self;
        // What a whole answer depends on (not the open document, not the theme).
        let key = Memo::new(move |_| {
            let v = nav.state.with(|v| {
                (
                    v.q.clone(),
                    v.selection.clone(),
                    v.sort,
                    v.zoom,
                    v.view == View::Chronology,
                    v.series.clone(),
                    v.copies,
                )
            });
            (v, s.facet_views.get())
        });
        crate::effect::effect(
            move |prev: Option<Option<(String, chronicle_core::browse::Selection, Sort)>>| {
                let (v, _) = key.get();
                let query = (v.0.clone(), v.1.clone(), v.2);
                // A new query, choice or order starts at the top of the results.
                if prev.flatten().is_some_and(|p| p != query) {
                    s.window.update_untracked(|w| {
                        if let Window::Rows { start, .. } = w {
                            *start = 0;
                        }
                    });
                }
                s.request(&nav, true);
                Some(query)
            },
        );
        crate::effect::effect(move |first: Option<()>| {
            s.window.track();
            if first.is_some() {
                s.request(&nav, false);
            }
        });
    }

    /// Asks for a document's blocks (`count_matches`: and how many matches it has).
    pub fn request_doc(&self, id: &str, q: &str, start: u32, count: u32, count_matches: bool) {
        let seq = self.doc_seq.get_value() + 1;
        self.doc_seq.set_value(seq);
        if count_matches {
            self.fresh_doc_seq.set_value(seq);
        }
        // The blocks' lengths come once per document.
        let layout = self.doc.with_untracked(|d| {
            d.as_ref().is_none_or(|d| {
                d.block_chars.is_empty() || d.meta.as_ref().is_none_or(|m| m.id != id)
            })
        });
        self.send(ToEngine::Doc(DocRequest {
            seq,
            id: id.to_string(),
            q: q.to_string(),
            start,
            count,
            count_matches,
            layout,
        }));
    }

    /// Opens the result before or after the open document (`j` / `k`).
    pub fn step(&self, nav: &Nav, delta: i32, entry: Entry) {
        let seq = self.seq.get_value() + 1;
        self.seq.set_value(seq);
        self.step_to.set_value(Some((seq, entry)));
        let v = self.view_request(nav, seq, self.window.get_untracked());
        let from = v.open.clone();
        self.send(ToEngine::Step(StepRequest {
            view: v,
            from,
            delta,
        }));
    }

    /// Shows a facet with `limit` values and `filter`.
    pub fn set_facet_view(&self, facet: Facet, limit: u32, filter: String) {
        self.facet_views.update(|views| {
            views.retain(|v| v.facet != facet);
            if limit != chronicle_core::engine::FACET_TOP || !filter.is_empty() {
                views.push(FacetView {
                    facet,
                    limit,
                    filter,
                });
            }
        });
    }
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

/// Most blocks of a long document held on the page's side.
const MAX_HELD_BLOCKS: usize = 2_000;

/// A later answer about the same document: the block layout is kept (it comes once); a
/// `fresh` answer (a new query) brings its own blocks and counts, and any other (the
/// reader scrolled through a long document) adds blocks to those held.
fn merge_doc(old: Option<DocAnswer>, mut new: DocAnswer, fresh: bool) -> DocAnswer {
    let id = |d: &DocAnswer| d.meta.as_ref().map(|m| m.id.clone());
    let Some(mut old) = old.filter(|o| id(o).is_some() && id(o) == id(&new)) else {
        return new;
    };
    if new.block_chars.is_empty() {
        new.block_chars = std::mem::take(&mut old.block_chars);
    }
    if fresh {
        return new;
    }
    // Keep what is near the newest blocks: a reader scrolling through a 50 MB mailbox
    // must not end up holding all of it.
    let centre = new.blocks.get(new.blocks.len() / 2).map_or(0, |b| b.index);
    for b in std::mem::take(&mut new.blocks) {
        match old.blocks.binary_search_by_key(&b.index, |x| x.index) {
            Ok(i) => old.blocks[i] = b,
            Err(i) => old.blocks.insert(i, b),
        }
    }
    if old.blocks.len() > MAX_HELD_BLOCKS {
        old.blocks
            .retain(|b| b.index.abs_diff(centre) <= MAX_HELD_BLOCKS as u32 / 2);
    }
    new.blocks = old.blocks;
    new.matches = old.matches;
    new.match_blocks = old.match_blocks;
    new
}

/// Which match of the open document is current (`n` / `p`).
#[derive(Clone, Copy)]
pub struct MatchCursor(RwSignal<Option<usize>>);

/// The match cursor, from context.
pub fn use_match_cursor() -> MatchCursor {
    expect_context::<MatchCursor>()
}

impl MatchCursor {
    /// A cursor before the first match.
    pub fn new() -> MatchCursor {
        MatchCursor(RwSignal::new(None))
    }

    /// The current match, if one was stepped to.
    pub fn current(&self) -> Option<usize> {
        self.0.get()
    }

    /// Sets the current match.
    pub fn set(&self, i: Option<usize>) {
        if self.0.get_untracked() != i {
            self.0.set(i);
        }
    }

    /// Back before the first match.
    pub fn reset(&self) {
        self.set(None);
    }

    /// The match `delta` away from the current one, wrapping around `n`.
    pub fn stepped(&self, delta: i32, n: usize) -> Option<usize> {
        if n == 0 {
            return None;
        }
        let n = n as i64;
        Some(match self.0.get_untracked() {
            None if delta >= 0 => 0,
            None => n as usize - 1,
            Some(i) => (i as i64 + i64::from(delta)).rem_euclid(n) as usize,
        })
    }
}

impl Default for MatchCursor {
    fn default() -> Self {
        MatchCursor::new()
    }
}

/// The view state and how to change it.
#[derive(Clone, Copy)]
pub struct Nav {
    /// What the reader sees.
    pub state: RwSignal<ViewState>,
    /// Whether the current history entry was started by typing (further keystrokes amend
    /// it instead of adding entries).
    typing: StoredValue<bool>,
    /// A URL write held back while the reader types, with its kind of history entry.
    unwritten: StoredValue<Option<(Entry, TimeoutHandle)>>,
    /// Whether the view is kept in the URL.
    url_state: bool,
}

/// How long typing pauses before the URL follows the search box. Each write is a
/// navigation to the browser (a history update, the tab's icon fetched again), too much
/// work for every keystroke; a link copied after a pause has the whole query.
const URL_AFTER_TYPING: std::time::Duration = std::time::Duration::from_millis(400);

/// Navigation, from context.
pub fn use_nav() -> Nav {
    expect_context::<Nav>()
}

impl Nav {
    /// Starts from the URL and follows Back/Forward (or, for an instance that keeps its
    /// state in memory, starts from `initial`).
    pub fn new(instance: Instance, initial: ViewState) -> Nav {
        let start = if instance.url_state {
            history::current()
        } else {
            initial
        };
        let nav = Nav {
            state: RwSignal::new(start),
            typing: StoredValue::new(false),
            unwritten: StoredValue::new(None),
            url_state: instance.url_state,
        };
        if instance.url_state {
            history::on_navigate(move |s| {
                // The URL changed under us: what was typed before is not written.
                if let Some((_, h)) = nav.unwritten.try_update_value(Option::take).flatten() {
                    h.clear();
                }
                nav.typing.set_value(false);
                if nav.state.get_untracked() != s {
                    nav.state.set(s);
                }
            });
        }
        nav
    }

    /// Writes the current view to the URL, if this instance keeps it there.
    fn record(&self, entry: Entry) {
        if self.url_state {
            history::write(&self.state.get_untracked(), entry);
        }
    }

    /// The search box changed: the first keystroke of a search adds a history entry,
    /// later ones amend it. The URL follows once typing pauses ([`URL_AFTER_TYPING`]),
    /// or before any other change to the view.
    pub fn set_query(&self, q: String) {
        if self.state.with_untracked(|s| s.q == q) {
            return;
        }
        self.state.update(|s| s.q = q);
        let entry = if self.typing.get_value() {
            Entry::Replace
        } else {
            Entry::Push
        };
        self.typing.set_value(true);
        if !self.url_state {
            return;
        }
        // A search that started a new entry keeps it while its words are typed.
        let entry = match self.unwritten.get_value() {
            Some((first, h)) => {
                h.clear();
                first
            }
            None => entry,
        };
        let nav = *self;
        match set_timeout_with_handle(move || nav.write_typed(), URL_AFTER_TYPING) {
            Ok(h) => self.unwritten.set_value(Some((entry, h))),
            Err(_) => {
                self.unwritten.set_value(None);
                self.record(entry);
            }
        }
    }

    /// Writes the URL held back while typing, now (before the view changes otherwise,
    /// so that the search keeps its own history entry).
    fn write_typed(&self) {
        if let Some((entry, h)) = self.unwritten.try_update_value(Option::take).flatten() {
            h.clear();
            self.record(entry);
        }
    }

    /// Applies a change to the view as a new history entry (Back undoes it).
    fn change(&self, f: impl FnOnce(&mut ViewState)) {
        self.write_typed();
        let before = self.state.get_untracked();
        let mut after = before.clone();
        f(&mut after);
        if after == before {
            return;
        }
        self.state.set(after);
        self.typing.set_value(false);
        self.record(Entry::Push);
    }

    /// Adds or removes a facet value.
    pub fn toggle_facet(&self, facet: Facet, value: &str) {
        self.change(|s| s.selection.toggle(facet, value));
    }

    /// Sets or clears the timeline's date range.
    pub fn set_range(&self, range: Option<DateRange>) {
        self.change(|s| s.selection.range = range);
    }

    /// Zooms the timeline to a span and keeps only the documents dated inside it (the
    /// outliers counted beside the chart, reached with one click).
    pub fn zoom_and_range(&self, span: (i32, i32)) {
        self.change(|s| {
            s.zoom = Some(span);
            s.selection.range = Some(DateRange {
                start: Some(span.0),
                end: Some(span.1),
            });
        });
    }

    /// Removes every facet value and the date range.
    pub fn clear_filters(&self) {
        self.change(|s| s.selection = Default::default());
    }

    /// Back to the whole timeline with no date range (one history entry).
    pub fn reset_timeline(&self) {
        self.change(|s| {
            s.zoom = None;
            s.selection.range = None;
        });
    }

    /// Zooms the timeline (None: fit the matches).
    pub fn set_zoom(&self, zoom: Option<(i32, i32)>) {
        self.change(|s| s.zoom = zoom);
    }

    /// Sets the queries compared on the timeline (tidied: see
    /// [`chronicle_core::series::tidy`]) and whether they show shares or counts (counts
    /// again once nothing is compared, as a link would say).
    pub fn set_series(&self, series: Vec<String>, share: bool) {
        self.change(|s| {
            s.series = tidy(&series);
            s.share = share && !s.series.is_empty();
        });
    }

    /// Lists identical copies, or folds them into the first of each group.
    pub fn set_copies(&self, shown: bool) {
        self.change(|s| s.copies = shown);
    }

    /// Switches between the list and the chronology.
    pub fn set_view(&self, view: View) {
        self.change(|s| s.view = view);
    }

    /// Changes the result order (a new history entry).
    pub fn set_sort(&self, sort: Sort) {
        self.write_typed();
        if self.state.with_untracked(|s| s.sort == sort) {
            return;
        }
        self.state.update(|s| s.sort = sort);
        self.typing.set_value(false);
        self.record(Entry::Push);
    }

    /// Opens a document (a new history entry, or amending the current one when stepping
    /// through results with the keyboard).
    pub fn open(&self, id: String, entry: Entry) {
        self.write_typed();
        if self
            .state
            .with_untracked(|s| s.doc.as_deref() == Some(id.as_str()))
        {
            return;
        }
        self.state.update(|s| s.doc = Some(id));
        self.typing.set_value(false);
        self.record(entry);
    }

    /// Closes the open document.
    pub fn close(&self) {
        self.write_typed();
        if self.state.with_untracked(|s| s.doc.is_none()) {
            return;
        }
        self.state.update(|s| s.doc = None);
        self.typing.set_value(false);
        self.record(Entry::Push);
    }

    /// Forgets a theme the link forced (the reader has chosen one), amending the current
    /// history entry.
    pub fn forget_theme(&self) {
        self.write_typed();
        if self.state.with_untracked(|s| s.theme.is_none()) {
            return;
        }
        self.state.update_untracked(|s| s.theme = None);
        self.record(Entry::Replace);
    }

    /// The link that opens document `id` with the current view.
    pub fn href_for(&self, id: &str) -> String {
        let mut s = self.state.get_untracked();
        s.doc = Some(id.to_string());
        format!("#{}", s.to_hash())
    }
}
