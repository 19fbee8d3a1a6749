//! The browser side of [`ViewState`]: reading and writing `location.hash`, and hearing
//! Back/Forward.
//!
//! # Overview
//! [`current`] reads the view from the URL. [`write`] records a new view either as a new
//! history entry ([`Entry::Push`]: opening a document, starting a new search) or by
//! amending the current one ([`Entry::Replace`]: each further keystroke), so Back walks
//! through what the reader did, not through every letter typed. [`on_navigate`] calls
//! back when Back/Forward or a hand-edited URL changes the fragment.
//!
//! `history.pushState` is tried first; where a browser refuses it (some `file://`
//! setups), assigning `location.hash` / `location.replace` does the same job.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::state::ViewState;

/// How a new view enters the browser history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A new entry: Back returns to the previous view.
    Push,
    /// Amend the current entry.
    Replace,
}

/// The fragment of the current URL, with its `#` (empty if none).
pub fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The view the current URL describes.
pub fn current() -> ViewState {
    ViewState::from_hash(&current_hash())
}

/// Records `state` in the URL. Does nothing if the URL already says the same.
pub fn write(state: &ViewState, entry: Entry) {
    let hash = state.to_hash();
    let now = current_hash();
    if now.strip_prefix('#').unwrap_or(&now) == hash {
        return;
    }
    let location = window().location();
    let href = location.href().unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default().to_string();
    let url = if hash.is_empty() {
        base
    } else {
        format!("{base}#{hash}")
    };
    let pushed = window().history().and_then(|h| match entry {
        Entry::Push => h.push_state_with_url(&JsValue::NULL, "", Some(&url)),
        Entry::Replace => h.replace_state_with_url(&JsValue::NULL, "", Some(&url)),
    });
    if pushed.is_err() {
        let _ = match entry {
            Entry::Push => location.set_hash(&hash),
            Entry::Replace => location.replace(&url),
        };
    }
}

/// Calls `f` with the new view whenever the URL's fragment changes under us (Back,
/// Forward, an edited address bar). Listeners are removed when the calling owner is
/// cleaned up.
pub fn on_navigate(f: impl Fn(ViewState) + Clone + 'static) {
    let g = f.clone();
    let pop = window_event_listener(leptos::ev::popstate, move |_| f(current()));
    let hash = window_event_listener(leptos::ev::hashchange, move |_| g(current()));
    on_cleanup(move || {
        pop.remove();
        hash.remove();
    });
}
