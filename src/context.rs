//! What components share: the archive, the current hits, and navigation.
//!
//! # Overview
//! [`App`](crate::app::App) provides three small contexts, each with a `use_…` helper:
//! - [`ArchiveCtx`]: the loaded [`Archive`], read-only.
//! - [`HitsCtx`]: the [`Hits`] for the current query (a memo; recomputed only when the
//!   query changes) and the [`Highlighter`] alone, so a document view does not redraw when
//!   only the result order changes.
//! - [`Nav`]: the [`ViewState`] and the only ways to change it ([`Nav::set_query`],
//!   [`Nav::open`], [`Nav::close`]), which also keep the URL and history in step.

use std::sync::Arc;

use chronicle_core::browse::{Facet, Narrowing};
use chronicle_core::highlight::Highlighter;
use chronicle_core::query::DateRange;
use chronicle_core::{DocId, Hits, Query, Sort};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::history::{self, Entry};
use crate::instance::Instance;
use crate::state::{View, ViewState};
use chronicle_core::Archive;

/// The loaded archive.
#[derive(Clone)]
pub struct ArchiveCtx(pub Arc<Archive>);

/// The loaded archive, from context.
pub fn use_archive() -> Arc<Archive> {
    expect_context::<ArchiveCtx>().0
}

/// The results of the current query and choices.
#[derive(Clone, Copy)]
pub struct HitsCtx {
    /// The parsed query (with what was ignored).
    pub query: Memo<Query>,
    /// The query's matches, best first (before facets and the date range).
    pub hits: Memo<Hits>,
    /// What the facets and the date range allow.
    pub narrowing: Memo<Narrowing>,
    /// What the reader sees: the hits the choices allow, in order.
    pub results: Memo<Results>,
    /// What to mark.
    pub highlighter: Memo<Highlighter>,
}

/// The documents shown, in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Results {
    /// In result order.
    pub ids: Vec<DocId>,
}

impl Results {
    /// How many.
    pub fn total(&self) -> usize {
        self.ids.len()
    }
}

/// The current hits, from context.
pub fn use_hits() -> HitsCtx {
    expect_context::<HitsCtx>()
}

/// Which match of the open document is current (`n` / `p`).
#[derive(Clone, Copy)]
pub struct MatchCursor(RwSignal<Option<usize>>, Instance);

/// The match cursor, from context.
pub fn use_match_cursor() -> MatchCursor {
    expect_context::<MatchCursor>()
}

impl MatchCursor {
    /// A cursor before the first match, for the document view of `instance`.
    pub fn new(instance: Instance) -> MatchCursor {
        MatchCursor(RwSignal::new(None), instance)
    }

    /// The current match, if one was stepped to.
    pub fn current(&self) -> Option<usize> {
        self.0.get()
    }

    /// Back before the first match.
    pub fn reset(&self) {
        if self.0.get_untracked().is_some() {
            self.0.set(None);
        }
    }

    /// Moves to the next (`1`) or previous (`-1`) match in the open document, wrapping
    /// around, and scrolls it into view.
    pub fn step(&self, delta: i32) {
        let Some(view) = self.1.find("[data-testid=document-view]") else {
            return;
        };
        let Ok(marks) = view.query_selector_all("mark") else {
            return;
        };
        let n = marks.length() as i64;
        if n == 0 {
            return;
        }
        let next = match self.0.get_untracked() {
            None if delta >= 0 => 0,
            None => n - 1,
            Some(i) => (i as i64 + i64::from(delta)).rem_euclid(n),
        };
        for i in 0..marks.length() {
            if let Some(el) = marks
                .item(i)
                .and_then(|m| m.dyn_into::<web_sys::Element>().ok())
            {
                let _ = el
                    .class_list()
                    .toggle_with_force("mark--current", i as i64 == next);
                if i as i64 == next {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Center);
                    el.scroll_into_view_with_scroll_into_view_options(&options);
                }
            }
        }
        self.0.set(Some(next as usize));
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
    /// Whether the view is kept in the URL.
    url_state: bool,
}

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
            url_state: instance.url_state,
        };
        if instance.url_state {
            history::on_navigate(move |s| {
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
    /// later ones amend it.
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
        self.record(entry);
    }

    /// Applies a change to the view as a new history entry (Back undoes it).
    fn change(&self, f: impl FnOnce(&mut ViewState)) {
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

    /// Zooms the timeline (None: the whole span).
    pub fn set_zoom(&self, zoom: Option<(i32, i32)>) {
        self.change(|s| s.zoom = zoom);
    }

    /// Switches between the list and the chronology.
    pub fn set_view(&self, view: View) {
        self.change(|s| s.view = view);
    }

    /// Changes the result order (a new history entry).
    pub fn set_sort(&self, sort: Sort) {
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
