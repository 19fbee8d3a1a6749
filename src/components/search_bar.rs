//! The search box. Results follow every keystroke; `/` focuses it from anywhere.

use leptos::prelude::*;

use crate::context::use_nav;
use crate::keyboard::SEARCH_INPUT_ID;

/// The search form in the header.
#[component]
pub fn SearchBar() -> impl IntoView {
    let nav = use_nav();
    view! {
        <form class="search" role="search" on:submit=|ev| ev.prevent_default()>
            <label class="visually-hidden" for=SEARCH_INPUT_ID>
                "Search the archive"
            </label>
            <input
                id=SEARCH_INPUT_ID
                class="search__input"
                type="search"
                data-testid="search-input"
                placeholder="Search the archive  ( / )"
                autocomplete="off"
                spellcheck="false"
                dir="auto"
                prop:value=move || nav.state.with(|s| s.q.clone())
                on:input=move |ev| nav.set_query(event_target_value(&ev))
            />
        </form>
    }
}
