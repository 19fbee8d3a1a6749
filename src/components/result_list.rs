//! The number of matches, the sort order, and the list of results.
//!
//! # Overview
//! [`ResultsHeader`] says how many documents match and offers the order (relevance,
//! newest, oldest). [`ResultList`] renders only the rows in view (plus a few above and
//! below): rows have a fixed height, the list is as tall as all of them, and scrolling
//! swaps rows in and out. 50,000 matches cost about twenty DOM rows. Each
//! [`ResultItem`] is a real link (`#…&doc=ID`), so it can be opened in a new tab; a plain
//! click opens the document beside the list.

use chronicle_core::{DocId, Sort};
use leptos::html::Div;
use leptos::prelude::*;

use crate::components::marked::marked;
use crate::context::{use_archive, use_hits, use_nav};
use crate::history::Entry;
use crate::state::View;

/// Characters in a snippet.
pub const SNIPPET_CHARS: usize = 220;
/// Row height (px) until a row has been measured; `.result-card` sets the real one.
const DEFAULT_ROW_HEIGHT: f64 = 136.0;
/// Rows rendered above and below the visible ones.
const OVERSCAN: usize = 6;

/// `1,234`
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "234 documents" / "3 documents match", the order, list or chronology, and (on narrow
/// screens) the button that opens the filters.
#[component]
pub fn ResultsHeader(filters_open: RwSignal<bool>) -> impl IntoView {
    let hits = use_hits().results;
    let nav = use_nav();
    let text = move || {
        let n = hits.with(|h| h.total());
        let searching = nav
            .state
            .with(|s| !s.q.trim().is_empty() || !s.selection.is_empty());
        let noun = if n == 1 { "document" } else { "documents" };
        match (searching, n) {
            (false, _) => format!("{} {noun}", thousands(n)),
            (true, 1) => "1 document matches".to_string(),
            (true, n) => format!("{} {noun} match", thousands(n)),
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        nav.set_sort(Sort::from_name(&event_target_value(&ev)).unwrap_or_default());
    };
    view! {
        <div class="results__bar">
            <p class="results__count" data-testid="result-count" role="status" aria-live="polite">
                {text}
            </p>
            <button
                class="results__filters-button"
                type="button"
                aria-expanded=move || filters_open.get().to_string()
                on:click=move |_| filters_open.update(|o| *o = !*o)
            >
                "Filters"
                {move || {
                    let n = nav.state.with(|s| {
                        s.selection.values.values().map(|v| v.len()).sum::<usize>()
                            + usize::from(s.selection.range.is_some())
                    });
                    (n > 0).then(|| format!(" ({n})"))
                }}
            </button>
            <div class="view-toggle" role="group" aria-label="Show results as" data-testid="view-toggle">
                <button
                    type="button"
                    class="view-toggle__button"
                    aria-pressed=move || nav.state.with(|s| s.view == View::List).to_string()
                    on:click=move |_| nav.set_view(View::List)
                >
                    "List"
                </button>
                <button
                    type="button"
                    class="view-toggle__button"
                    aria-pressed=move || nav.state.with(|s| s.view == View::Chronology).to_string()
                    on:click=move |_| nav.set_view(View::Chronology)
                >
                    "Chronology"
                </button>
            </div>
            <label class="results__sort" class:results__sort--hidden=move || nav.state.with(|s| s.view == View::Chronology)>
                <span class="visually-hidden">"Order"</span>
                <select
                    data-testid="sort-select"
                    prop:value=move || nav.state.with(|s| s.sort.name())
                    on:change=on_change
                >
                    <option value="relevance">"Best match"</option>
                    <option value="newest">"Newest first"</option>
                    <option value="oldest">"Oldest first"</option>
                </select>
            </label>
        </div>
    }
}

/// The rows in view, out of all the results.
#[component]
pub fn ResultList() -> impl IntoView {
    let hits = use_hits().results;
    let nav = use_nav();
    let archive = use_archive();
    let scroller = NodeRef::<Div>::new();
    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(800.0f64);
    let row_height = RwSignal::new(DEFAULT_ROW_HEIGHT);

    // Runs from animation frames and window events, possibly after the list is gone:
    // every access is the `try_` kind.
    let measure = move || {
        let Some(Some(el)) = scroller.try_get_untracked() else {
            return;
        };
        let _ = viewport.try_set(f64::from(el.client_height()).max(1.0));
        if let Some(row) = el.query_selector(".result-card").ok().flatten() {
            let h = row.get_bounding_client_rect().height();
            let current = row_height.try_get_untracked().unwrap_or(h);
            if h > 1.0 && (h - current).abs() > 0.5 {
                let _ = row_height.try_set(h);
            }
        }
    };
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let window = Memo::new(move |_| {
        let h = row_height.get();
        let total = hits.with(|x| x.total());
        let first = (scroll_top.get() / h).floor().max(0.0) as usize;
        let visible = (viewport.get() / h).ceil() as usize + 1;
        let start = first.saturating_sub(OVERSCAN).min(total);
        let end = (first + visible + OVERSCAN).min(total);
        (start, end)
    });
    let rows = move || {
        let (start, end) = window.get();
        hits.with(|h| {
            h.ids[start..end]
                .iter()
                .enumerate()
                .map(|(i, &id)| (start + i, id))
                .collect::<Vec<_>>()
        })
    };

    // A new answer starts at the top, or where the open document is.
    Effect::new(move |_| {
        hits.track();
        let open = nav
            .state
            .with_untracked(|s| s.doc.clone())
            .and_then(|id| archive.find(&id));
        let index = open.and_then(|d| hits.with_untracked(|h| h.ids.iter().position(|x| *x == d)));
        if let Some(el) = scroller.get_untracked() {
            let top = index.map_or(0.0, |i| i as f64 * row_height.get_untracked());
            el.set_scroll_top(top as i32);
            scroll_top.set(top);
        }
        request_animation_frame(measure);
    });
    // Keep the open document's row in view when stepping with j / k.
    let archive2 = use_archive();
    Effect::new(move |_| {
        let Some(doc) = nav.state.with(|s| s.doc.clone()) else {
            return;
        };
        let Some(d) = archive2.find(&doc) else {
            return;
        };
        let Some(i) = hits.with_untracked(|h| h.ids.iter().position(|x| *x == d)) else {
            return;
        };
        if let Some(el) = scroller.get_untracked() {
            let h = row_height.get_untracked();
            let top = i as f64 * h;
            let view_top = f64::from(el.scroll_top());
            let view_h = f64::from(el.client_height());
            if top < view_top || top + h > view_top + view_h {
                el.set_scroll_top((top - h).max(0.0) as i32);
            }
        }
    });

    let total = move || hits.with(|h| h.total());
    view! {
        <div
            class="results__scroller"
            node_ref=scroller
            on:scroll=move |_| {
                if let Some(el) = scroller.get_untracked() {
                    scroll_top.set(f64::from(el.scroll_top()));
                }
            }
        >
            <Show when=move || total() == 0>
                <p class="results__empty">
                    "Nothing matches "
                    <q dir="auto">{move || nav.state.with(|s| s.q.trim().to_string())}</q>
                    ". Try fewer words, or check the spelling of names."
                </p>
            </Show>
            <ol
                class="results__list"
                style:padding-top=move || format!("{}px", window.get().0 as f64 * row_height.get())
                style:height=move || format!("{}px", total() as f64 * row_height.get())
            >
                <For each=rows key=|(i, id)| (*i, *id) let:row>
                    <ResultItem id=row.1 position=row.0 />
                </For>
            </ol>
        </div>
    }
}

/// One result: title, date, source, snippet.
#[component]
pub fn ResultItem(id: DocId, position: usize) -> impl IntoView {
    let archive = use_archive();
    let hits = use_hits();
    let highlighter = hits.highlighter;
    let nav = use_nav();
    let doc = archive.doc(id);
    let doc_id = doc.id.clone();
    let is_open = {
        let doc_id = doc_id.clone();
        Memo::new(move |_| {
            nav.state
                .with(|s| s.doc.as_deref() == Some(doc_id.as_str()))
        })
    };
    let href = {
        let doc_id = doc_id.clone();
        move || {
            nav.state.track();
            nav.href_for(&doc_id)
        }
    };
    let on_click = {
        let doc_id = doc_id.clone();
        move |ev: leptos::ev::MouseEvent| {
            let modified = ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key();
            if ev.button() == 0 && !modified {
                ev.prevent_default();
                nav.open(doc_id.clone(), Entry::Push);
            }
        }
    };
    let meta: Vec<String> = [doc.date.map(|d| d.to_string()), doc.source.clone()]
        .into_iter()
        .flatten()
        .collect();
    let title = {
        let archive = archive.clone();
        move || {
            let title = archive.title_of(id);
            highlighter.with(|h| marked(title, &h.title_ranges(title)))
        }
    };
    // The body is decompressed once per row, not once per query change.
    let body = archive.body(id);
    let snippet = move || {
        highlighter.with(|h| {
            let s = h.snippet(&body, SNIPPET_CHARS);
            marked(&s.text, &s.marks)
        })
    };
    let set_size = move || hits.results.with(|h| h.total());
    view! {
        <li
            class="result-card"
            class:result-card--open=is_open
            data-testid="result-item"
            data-doc-id=doc_id
            aria-setsize=set_size
            aria-posinset=position + 1
        >
            <a
                class="result-card__link"
                href=href
                on:click=on_click
                aria-current=move || is_open.get().then_some("true")
            >
                <h3 class="result-card__title" data-testid="result-title" dir="auto">
                    {title}
                </h3>
            </a>
            <p class="result-card__meta">{meta.join(" · ")}</p>
            <p class="result-card__snippet" dir="auto">{snippet}</p>
        </li>
    }
}
