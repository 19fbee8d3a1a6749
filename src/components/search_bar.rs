//! The search box, its syntax help, and what it did not understand.
//!
//! # Overview
//! [`SearchBar`] is the input (results follow every keystroke; `/` focuses it from
//! anywhere) with a `?` button that opens [`QueryHelp`]. [`IgnoredParts`] shows the parts
//! of the query that were not understood, struck through, with the reason; the rest is
//! still searched.

use crate::i18n::t;
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
                    {t("Search the archive")}
                </label>
                <input
                    id=SEARCH_INPUT_ID
                    class="search__input"
                    type="search"
                    data-testid="search-input"
                    placeholder=t("Search the archive  ( / )")
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
                    title=t("How to search")
                    on:click=move |_| help_open.update(|o| *o = !*o)
                >
                    "?"
                    <span class="visually-hidden">{t(" How to search")}</span>
                </button>
            </form>
            <IgnoredParts />
            {move || help_open.get().then(|| view! { <QueryHelp on_close=move || help_open.set(false) /> })}
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
                                {t("Not understood, so left out: ")}
                                <del dir="auto">{part}</del>
                                " — "
                                {crate::i18n::said(&reason)}
                            </span>
                        }
                    })
                    .collect_view()
            }}
        </p>
    }
}

/// The syntax table and the keys: constant markup of the app's own (set as HTML in one
/// call: a view of thirty static elements costs the WebAssembly about a kilobyte; no
/// corpus or reader text ever goes through HTML).
pub(crate) const HELP: &str = concat!(
    r#"<table class="query-help__table"><tbody>"#,
    r#"<tr><td><code>idlib agreement</code></td><td>documents with both words (titles count most)</td></tr>"#,
    r#"<tr><td><code>agree</code></td><td>while typing, the last word also matches as a prefix</td></tr>"#,
    r#"<tr><td><code>goverment</code></td><td>words of 5+ letters forgive a typo (9+: two)</td></tr>"#,
    r#"<tr><td><code>negotiations</code></td><td>also finds negotiating, negotiated… exact forms first</td></tr>"#,
    r#"<tr><td><code>"political process"</code></td><td>these words, in this order</td></tr>"#,
    r#"<tr><td><code>syria OR lebanon</code></td><td>either word</td></tr>"#,
    r#"<tr><td><code>idlib -war</code></td><td>leave out documents with a word</td></tr>"#,
    r#"<tr><td><code>title:envoy</code></td><td>words in the title</td></tr>"#,
    r#"<tr><td><code>source:"Abraham Lincoln"</code></td><td>also agency:, tag:, person:, place:, org:, lang:</td></tr>"#,
    r#"<tr><td><code>date:1861</code></td><td>dated in 1861 (any day of it)</td></tr>"#,
    r#"<tr><td><code>date:1861..1865  date:2018-10..2019-03</code></td><td>dated within a range</td></tr>"#,
    r#"<tr><td><code>before:1900  after:2001-09-11</code></td><td>dated strictly before / after</td></tr>"#,
    r#"</tbody></table><p class="query-help__keys">Keys: <kbd>/</kbd> search, <kbd>j</kbd> / <kbd>k</kbd>"#,
    r#" next / previous result, <kbd>n</kbd> / <kbd>p</kbd> next / previous match in a document,"#,
    r#" <kbd>Esc</kbd> close.</p>"#,
);

/// The query syntax, in a few lines.
#[component]
pub fn QueryHelp(on_close: impl Fn() + 'static + Send + Sync) -> impl IntoView {
    view! {
        <section
            id="chronicle-query-help"
            class="query-help"
            data-testid="query-help"
            aria-label=t("How to search")
        >
            <button class="query-help__close" type="button" on:click=move |_| on_close()>
                {t("Close")}
            </button>
            <h2 class="query-help__title">{t("How to search")}</h2>
            <div inner_html=t(HELP)></div>
        </section>
    }
}
