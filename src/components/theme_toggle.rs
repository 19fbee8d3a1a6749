//! The colour theme: it follows the reader's system (`prefers-color-scheme`) unless a
//! link, an embedder or the reader says otherwise, and a button in the header to choose.
//!
//! # Overview
//! The theme is a `data-theme` attribute (`light` or `dark`; absent means "as the
//! system") on the element the stylesheets key on: `<html>` for the page, the host
//! element for a script-tag embed (`:host([data-theme=…])`). [`initial`] works out where
//! an instance starts: for the page, `#theme=` in the URL, then the reader's last choice
//! (kept in `localStorage`), then the system; for an embed, the host's own `data-theme`.
//! [`ThemeToggle`] cycles through the three, so that its first press always changes what
//! the reader sees. A page remembers the choice; an embed keeps it for the visit, and
//! leaves the host page's storage alone.

use crate::context::Nav;
use crate::history;
use crate::i18n::t;
use crate::instance::{use_instance, Instance};
use crate::state::Theme;
use leptos::prelude::*;

/// Where the page keeps the reader's choice.
const STORAGE_KEY: &str = "chronicle-theme";

/// What the button says (to screen readers, and as its tooltip).
fn label(theme: Theme) -> &'static str {
    match theme {
        Theme::System => t("Theme: as your system (change)"),
        Theme::Light => t("Theme: light (change)"),
        Theme::Dark => t("Theme: dark (change)"),
    }
}

/// The current theme of an instance, from context.
#[derive(Clone, Copy)]
pub struct ThemeCtx(pub RwSignal<Theme>);

/// The element whose `data-theme` the stylesheets read: `<html>`, or an embed's host.
fn target(instance: Instance) -> Option<web_sys::Element> {
    if instance.is_page() {
        document().document_element()
    } else {
        instance.host()
    }
}

fn storage() -> Option<web_sys::Storage> {
    // Throws in sandboxed frames and some file:// setups: then nothing is remembered.
    window().local_storage().ok().flatten()
}

fn system_is_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Where an instance starts (see the module docs).
pub fn initial(instance: Instance) -> Theme {
    if !instance.is_page() {
        return instance
            .host()
            .and_then(|h| h.get_attribute("data-theme"))
            .and_then(|v| Theme::parse(&v))
            .unwrap_or(Theme::System);
    }
    history::current()
        .theme
        .or_else(|| {
            storage()
                .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
                .and_then(|v| Theme::parse(&v))
        })
        .unwrap_or(Theme::System)
}

/// Keeps the instance's `data-theme` in step with `theme`, and, for the page, with a
/// `#theme=` typed into the address bar.
pub fn apply(instance: Instance, theme: RwSignal<Theme>) {
    if instance.is_page() && instance.url_state {
        history::on_navigate(move |state| {
            if let Some(t) = state.theme {
                theme.set(t);
            }
        });
    }
    crate::effect::effect(move |_| {
        let theme = theme.get();
        let Some(el) = target(instance) else {
            return;
        };
        let _ = match theme.attribute() {
            Some(value) => el.set_attribute("data-theme", value),
            None => el.remove_attribute("data-theme"),
        };
    });
}

/// The header's theme button.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let instance = use_instance();
    let ThemeCtx(theme) = expect_context::<ThemeCtx>();
    let nav = use_context::<Nav>();
    let choose = move |_| {
        let next = theme.get_untracked().next(system_is_dark());
        theme.set(next);
        if !instance.is_page() {
            return;
        }
        if let Some(s) = storage() {
            let _ = match next.attribute() {
                Some(value) => s.set_item(STORAGE_KEY, value),
                None => s.remove_item(STORAGE_KEY),
            };
        }
        // A `#theme=` in the link no longer says what the reader wants: drop it, so a
        // reload keeps the reader's choice.
        if let Some(nav) = nav {
            nav.forget_theme();
        }
    };
    view! {
        <button
            class="theme-toggle button"
            type="button"
            data-testid="theme-toggle"
            data-theme-choice=move || theme.get().attribute().unwrap_or("system")
            aria-label=move || label(theme.get())
            title=move || label(theme.get())
            on:click=choose
        >
            <span aria-hidden="true">
                {move || match theme.get() {
                    Theme::System => "◐",
                    Theme::Light => "☀",
                    Theme::Dark => "☾",
                }}
            </span>
        </button>
    }
}
