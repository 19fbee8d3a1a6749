//! The number of matches and the list of results (title, date, source, snippet).
//!
//! # Overview
//! [`ResultCount`] says how many documents match. [`ResultList`] shows them best first,
//! [`PAGE`] at a time with a "Show more" button, so a 50,000-document archive never puts
//! 50,000 rows in the page. Each [`ResultItem`] is a real link (`#…&doc=ID`), so it can be
//! opened in a new tab; a plain click opens the document beside the list.

use chronicle_core::DocId;
use leptos::prelude::*;

use crate::components::marked::marked;
use crate::context::{use_archive, use_hits, use_nav};
use crate::history::Entry;

/// Results rendered per "Show more".
pub const PAGE: usize = 50;
/// Characters in a snippet.
pub const SNIPPET_CHARS: usize = 220;

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

/// "234 documents" / "1 document matches".
#[component]
pub fn ResultCount() -> impl IntoView {
    let hits = use_hits().hits;
    let nav = use_nav();
    let text = move || {
        let n = hits.with(|h| h.total());
        let searching = nav.state.with(|s| !s.q.trim().is_empty());
        let noun = if n == 1 { "document" } else { "documents" };
        match (searching, n) {
            (false, _) => format!("{} {noun}, newest first", thousands(n)),
            (true, 1) => "1 document matches".to_string(),
            (true, n) => format!("{} {noun} match", thousands(n)),
        }
    };
    view! {
        <p class="results__count" data-testid="result-count" role="status" aria-live="polite">
            {text}
        </p>
    }
}

/// The result rows.
#[component]
pub fn ResultList() -> impl IntoView {
    let hits = use_hits().hits;
    let nav = use_nav();
    let limit = RwSignal::new(PAGE);
    // A new answer starts again from the first page.
    Effect::new(move |_| {
        hits.track();
        limit.set(PAGE);
    });
    let shown = move || hits.with(|h| h.ids.iter().take(limit.get()).copied().collect::<Vec<_>>());
    let remaining = move || hits.with(|h| h.total().saturating_sub(limit.get()));
    view! {
        <Show when=move || hits.with(|h| h.total() == 0)>
            <p class="results__empty">
                "Nothing matches "
                <q dir="auto">{move || nav.state.with(|s| s.q.trim().to_string())}</q>
                ". Every word must appear in a document; try fewer or shorter words."
            </p>
        </Show>
        <ol class="results__list">
            <For each=shown key=|id| *id let:id>
                <ResultItem id />
            </For>
        </ol>
        <Show when=move || { remaining() > 0 }>
            <button class="results__more" on:click=move |_| limit.update(|l| *l += PAGE)>
                {move || format!("Show more ({} more)", thousands(remaining()))}
            </button>
        </Show>
    }
}

/// One result: title, date, source, snippet.
#[component]
pub fn ResultItem(id: DocId) -> impl IntoView {
    let archive = use_archive();
    let highlighter = use_hits().highlighter;
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
            if ev.button() == 0
                && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key())
            {
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
            let doc = archive.doc(id);
            highlighter.with(|h| marked(&doc.title, &h.ranges(&doc.title)))
        }
    };
    let snippet = move || {
        let doc = archive.doc(id);
        highlighter.with(|h| {
            let s = h.snippet(&doc.body, SNIPPET_CHARS);
            marked(&s.text, &s.marks)
        })
    };
    view! {
        <li
            class="result-card"
            class:result-card--open=is_open
            data-testid="result-item"
            data-doc-id=doc_id
        >
            <a class="result-card__link" href=href on:click=on_click aria-current=move || is_open.get().then_some("true")>
                <h3 class="result-card__title" data-testid="result-title" dir="auto">
                    {title}
                </h3>
            </a>
            <p class="result-card__meta">{meta.join(" · ")}</p>
            <p class="result-card__snippet" dir="auto">{snippet}</p>
        </li>
    }
}
