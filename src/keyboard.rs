//! Keyboard shortcuts for the whole page.
//!
//! # Overview
//! [`install`] listens on the window:
//! - `/` focuses the search box;
//! - `Esc` closes the open document;
//! - `j` / `k` open the next / previous result (the engine says which it is);
//! - `n` / `p` step to the next / previous match in the open document.
//!
//! Letters are ignored while the reader is typing in a field, and with Ctrl, Alt or Meta
//! held, so browser and screen-reader shortcuts keep working.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;

use crate::components::document_view::step_match;
use crate::context::{use_match_cursor, use_nav, use_session};
use crate::history::Entry;
use crate::instance::use_instance;

/// The `id` of the search input, for focusing it.
pub const SEARCH_INPUT_ID: &str = "chronicle-search";

/// Installs the shortcuts for the lifetime of the calling component: on the window for the
/// whole page, on its own element for an embedded instance (keys then work while focus
/// is inside it, and the host page keeps its own).
pub fn install() {
    let nav = use_nav();
    let session = use_session();
    let cursor = use_match_cursor();
    let instance = use_instance();
    instance.listen("keydown", move |ev: KeyboardEvent| {
        if ev.ctrl_key() || ev.alt_key() || ev.meta_key() || ev.default_prevented() {
            return;
        }
        let key = ev.key();
        if key == "Escape" {
            if nav.state.with_untracked(|s| s.doc.is_some()) {
                ev.prevent_default();
                nav.close();
            }
            return;
        }
        if typing_in_a_field(&ev) {
            return;
        }
        match key.as_str() {
            "/" => {
                ev.prevent_default();
                if let Some(input) = instance
                    .find(&format!("#{SEARCH_INPUT_ID}"))
                    .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                {
                    let _ = input.focus();
                    input.select();
                }
            }
            "n" | "p" if nav.state.with_untracked(|s| s.doc.is_some()) => {
                ev.prevent_default();
                step_match(session, cursor, instance, if key == "n" { 1 } else { -1 });
            }
            "j" | "k" => {
                ev.prevent_default();
                let open = nav.state.with_untracked(|s| s.doc.is_some());
                let entry = if open { Entry::Replace } else { Entry::Push };
                session.step(&nav, if key == "j" { 1 } else { -1 }, entry);
            }
            _ => {}
        }
    });
}

fn typing_in_a_field(ev: &KeyboardEvent) -> bool {
    ev.composed_path()
        .get(0)
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
        .or_else(|| {
            ev.target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        })
        .is_some_and(|el| {
            let tag = el.tag_name();
            el.is_content_editable() || matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        })
}
