//! The search box, its syntax help, and what it did not understand.
//!
//! # Overview
//! [`SearchBar`] is the input (results follow every keystroke; `/` focuses it from
//! anywhere) with a `?` button that opens [`QueryHelp`]. [`IgnoredParts`] shows the parts
//! of the query that were not understood, struck through, with the reason; the rest is
//! still searched.

use leptos::prelude::*;

use crate::context::{use_nav, use_session};
use crate::keyboard::SEARCH_INPUT_ID;

/// The search form in the header.
#[component]
pub fn SearchBar() -> impl IntoView {
    let nav = use_nav();
    let help_open = RwSignal::new(false);
    view! {
        <div class="search">
            <form class="search__form" role="search" on:submit=|ev| ev.prevent_default()>
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
                    aria-describedby="chronicle-query-ignored"
                    prop:value=move || nav.state.with(|s| s.q.clone())
                    on:input=move |ev| nav.set_query(event_target_value(&ev))
                />
                <button
                    type="button"
                    class="search__help-button button"
                    data-testid="query-help-button"
                    aria-expanded=move || help_open.get().to_string()
                    aria-controls="chronicle-query-help"
                    title="How to search"
                    on:click=move |_| help_open.update(|o| *o = !*o)
                >
                    "?"
                    <span class="visually-hidden">" How to search"</span>
                </button>
            </form>
            <IgnoredParts />
            <Show when=move || help_open.get()>
                <QueryHelp on_close=move || help_open.set(false) />
            </Show>
        </div>
    }
}

/// "Not understood: ~~date:18xx~~ — `18xx` is not a date".
#[component]
pub fn IgnoredParts() -> impl IntoView {
    let session = use_session();
    let nav = use_nav();
    let parts = move || {
        let text = nav.state.with(|s| s.q.clone());
        session.ignored.with(|ignored| {
            ignored
                .iter()
                .filter_map(|i| {
                    text.get(i.start as usize..i.end as usize)
                        .map(|part| (part.to_string(), i.reason.clone()))
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <p
            id="chronicle-query-ignored"
            class="search__ignored"
            data-testid="query-ignored"
            aria-live="polite"
            hidden=move || parts().is_empty()
        >
            {move || {
                parts()
                    .into_iter()
                    .map(|(part, reason)| {
                        view! {
                            <span class="search__ignored-item">
                                "Not understood, so left out: "
                                <del dir="auto">{part}</del>
                                " — "
                                {reason}
                            </span>
                        }
                    })
                    .collect_view()
            }}
        </p>
    }
}

/// The query syntax, in a few lines.
#[component]
pub fn QueryHelp(on_close: impl Fn() + 'static + Send + Sync) -> impl IntoView {
    let rows: [(&str, &str); 12] = [
        (
            "idlib agreement",
            "documents with both words (titles count most)",
        ),
        (
            "agree",
            "while typing, the last word also matches as a prefix",
        ),
        ("goverment", "words of 5+ letters forgive a typo (9+: two)"),
        (
            "negotiations",
            "also finds negotiating, negotiated… exact forms first",
        ),
        ("\"political process\"", "these words, in this order"),
        ("syria OR lebanon", "either word"),
        ("idlib -war", "leave out documents with a word"),
        ("title:envoy", "words in the title"),
        (
            "source:\"Abraham Lincoln\"",
            "also agency:, tag:, person:, place:, org:, lang:",
        ),
        ("date:1861", "dated in 1861 (any day of it)"),
        (
            "date:1861..1865  date:2018-10..2019-03",
            "dated within a range",
        ),
        (
            "before:1900  after:2001-09-11",
            "dated strictly before / after",
        ),
    ];
    view! {
        <section
            id="chronicle-query-help"
            class="query-help"
            data-testid="query-help"
            aria-label="How to search"
        >
            <button class="query-help__close" type="button" on:click=move |_| on_close()>
                "Close"
            </button>
            <h2 class="query-help__title">"How to search"</h2>
            <table class="query-help__table">
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(example, meaning)| {
                            view! {
                                <tr>
                                    <td>
                                        <code>{example}</code>
                                    </td>
                                    <td>{meaning}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <p class="query-help__keys">
                "Keys: " <kbd>"/"</kbd> " search, " <kbd>"j"</kbd> " / " <kbd>"k"</kbd>
                " next / previous result, " <kbd>"n"</kbd> " / " <kbd>"p"</kbd>
                " next / previous match in a document, " <kbd>"Esc"</kbd> " close."
            </p>
        </section>
    }
}
