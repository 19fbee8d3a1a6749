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
use crate::instance::{use_instance, Instance};
use crate::{history, state::ViewState};
use leptos::prelude::*;

/// Where the page keeps the reader's choice.
const STORAGE_KEY: &str = "chronicle-theme";

/// A colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Whatever the reader's system prefers.
    System,
    /// Light, whatever the system says.
    Light,
    /// Dark, whatever the system says.
    Dark,
}

impl Theme {
    /// Reads `light` or `dark` (anything else is no choice).
    pub fn parse(value: &str) -> Option<Theme> {
        match value {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    /// The `data-theme` value, if any.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }

    /// The theme after a press of the button: away from what the system shows first, then
    /// the other one, then back to following the system.
    pub fn next(self, system_is_dark: bool) -> Theme {
        match (self, system_is_dark) {
            (Theme::System, false) | (Theme::Light, true) => Theme::Dark,
            (Theme::System, true) | (Theme::Dark, false) => Theme::Light,
            (Theme::Dark, true) | (Theme::Light, false) => Theme::System,
        }
    }

    /// What the button says (to screen readers, and as its tooltip).
    fn label(self) -> &'static str {
        match self {
            Theme::System => "Theme: as your system (change)",
            Theme::Light => "Theme: light (change)",
            Theme::Dark => "Theme: dark (change)",
        }
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
        .and_then(|v| Theme::parse(&v))
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
            if let Some(t) = state.theme.as_deref().and_then(Theme::parse) {
                theme.set(t);
            }
        });
    }
    Effect::new(move |_| {
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
        if instance.url_state {
            if let Some(nav) = use_context::<Nav>() {
                nav.state.update_untracked(|s| s.theme = None);
            }
            let now = history::current();
            if now.theme.is_some() {
                history::write(&ViewState { theme: None, ..now }, history::Entry::Replace);
            }
        }
    };
    view! {
        <button
            class="theme-toggle"
            type="button"
            data-testid="theme-toggle"
            data-theme-choice=move || theme.get().attribute().unwrap_or("system")
            aria-label=move || theme.get().label()
            title=move || theme.get().label()
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

#[cfg(test)]
mod tests {
    use super::Theme;

    #[test]
    fn the_first_press_always_changes_what_is_shown() {
        assert_eq!(Theme::System.next(false), Theme::Dark);
        assert_eq!(Theme::System.next(true), Theme::Light);
    }

    #[test]
    fn three_presses_come_back_to_the_system() {
        for dark in [false, true] {
            let mut t = Theme::System;
            let mut seen = vec![t];
            for _ in 0..3 {
                t = t.next(dark);
                seen.push(t);
            }
            assert_eq!(seen[3], Theme::System, "system dark: {dark}");
            assert!(seen[1..3].contains(&Theme::Light) && seen[1..3].contains(&Theme::Dark));
        }
    }

    #[test]
    fn only_light_and_dark_are_choices() {
        assert_eq!(Theme::parse("dark"), Some(Theme::Dark));
        assert_eq!(Theme::parse("light"), Some(Theme::Light));
        assert_eq!(Theme::parse("auto"), None);
        assert_eq!(Theme::Dark.attribute(), Some("dark"));
        assert_eq!(Theme::System.attribute(), None);
    }
}
