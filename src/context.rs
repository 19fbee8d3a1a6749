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

use chronicle_core::highlight::Highlighter;
use chronicle_core::Hits;
use leptos::prelude::*;

use crate::archive::Archive;
use crate::history::{self, Entry};
use crate::state::ViewState;

/// The loaded archive.
#[derive(Clone)]
pub struct ArchiveCtx(pub Arc<Archive>);

/// The loaded archive, from context.
pub fn use_archive() -> Arc<Archive> {
    expect_context::<ArchiveCtx>().0
}

/// The results of the current query.
#[derive(Clone, Copy)]
pub struct HitsCtx {
    /// Matches, best first.
    pub hits: Memo<Hits>,
    /// What to mark.
    pub highlighter: Memo<Highlighter>,
}

/// The current hits, from context.
pub fn use_hits() -> HitsCtx {
    expect_context::<HitsCtx>()
}

/// The view state and how to change it.
#[derive(Clone, Copy)]
pub struct Nav {
    /// What the reader sees.
    pub state: RwSignal<ViewState>,
    /// Whether the current history entry was started by typing (further keystrokes amend
    /// it instead of adding entries).
    typing: StoredValue<bool>,
}

/// Navigation, from context.
pub fn use_nav() -> Nav {
    expect_context::<Nav>()
}

impl Nav {
    /// Starts from the URL and follows Back/Forward.
    pub fn from_url() -> Nav {
        let nav = Nav {
            state: RwSignal::new(history::current()),
            typing: StoredValue::new(false),
        };
        history::on_navigate(move |s| {
            nav.typing.set_value(false);
            if nav.state.get_untracked() != s {
                nav.state.set(s);
            }
        });
        nav
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
        history::write(&self.state.get_untracked(), entry);
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
        history::write(&self.state.get_untracked(), entry);
    }

    /// Closes the open document.
    pub fn close(&self) {
        if self.state.with_untracked(|s| s.doc.is_none()) {
            return;
        }
        self.state.update(|s| s.doc = None);
        self.typing.set_value(false);
        history::write(&self.state.get_untracked(), Entry::Push);
    }

    /// The link that opens document `id` with the current query.
    pub fn href_for(&self, id: &str) -> String {
        let mut s = self.state.get_untracked();
        s.doc = Some(id.to_string());
        format!("#{}", s.to_hash())
    }
}
