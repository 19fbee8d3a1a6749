//! The number of matches, the sort order, and the list of results.
//!
//! # Overview
//! [`ResultsHeader`] says how many documents match and offers the order (relevance,
//! newest, oldest). [`ResultList`] shows only the rows in view: rows have one height,
//! the list is as tall as all of them, and scrolling asks the engine for the rows that
//! come into view ([`Session::window`]); 50,000 matches cost about twenty DOM rows.
//! Sizes are learnt from a `ResizeObserver`, never read back from the page after a
//! change (that would make the browser lay the page out in the middle of an update).
//! Each [`ResultItem`] is a real link (`#…&doc=ID`), so it can be opened in a new tab; a
//! plain click opens the document beside the list.

use crate::i18n::{count, fill, number, t};
use chronicle_core::protocol::{ResultRow, Rows, Window};
use chronicle_core::Sort;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::export_menu::ExportMenu;
use crate::components::marked::marked;
use crate::context::{use_nav, use_session, Session};
use crate::history::Entry;
use crate::state::View;

/// Row height (px) until a row has been measured.
const DEFAULT_ROW_HEIGHT: f64 = 168.0;
/// Rows asked for above and below the visible ones.
const OVERSCAN: u32 = 4;

/// "234 documents" / "3 documents match", the order, list or chronology, and (on narrow
/// screens) the button that opens the filters.
#[component]
pub fn ResultsHeader(filters_open: RwSignal<bool>) -> impl IntoView {
    let session = use_session();
    let nav = use_nav();
    let text = move || {
        let n = session.total.get() as usize;
        let searching = nav
            .state
            .with(|s| !s.q.trim().is_empty() || !s.selection.is_empty());
        let so_far = if session.loading.with(Option::is_some) {
            t(" so far")
        } else {
            ""
        };
        let counted = if searching {
            count(n, "document matches", "documents match")
        } else {
            count(n, "document", "documents")
        };
        format!("{counted}{so_far}")
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
                class="results__filters-button button"
                type="button"
                aria-expanded=move || filters_open.get().to_string()
                on:click=move |_| filters_open.update(|o| *o = !*o)
            >
                {t("Filters")}
                {move || {
                    let n = nav.state.with(|s| {
                        s.selection.values.iter().map(|(_, v)| v.len()).sum::<usize>()
                            + usize::from(s.selection.range.is_some())
                    });
                    (n > 0).then(|| format!(" ({})", number(n)))
                }}
            </button>
            // Kept in the page (hidden when there are no copies), so that focus stays on
            // it when pressed.
            <button
                class="results__copies button"
                type="button"
                data-testid="copies-toggle"
                hidden=move || session.copies.get() == 0
                aria-pressed=move || nav.state.with(|s| s.copies).to_string()
                title=t("Documents with the same title, text and date as one listed above them")
                on:click=move |_| nav.set_copies(!nav.state.with_untracked(|s| s.copies))
            >
                {move || {
                    let n = session.copies.get() as usize;
                    let verb = if nav.state.with(|s| s.copies) { "Fold {}" } else { "Show {}" };
                    fill(verb, &[&count(n, "identical copy", "identical copies")])
                }}
            </button>
            <ExportMenu />
            <div class="view-toggle" role="group" aria-label=t("Show results as") data-testid="view-toggle">
                <button
                    type="button"
                    class="view-toggle__button"
                    aria-pressed=move || nav.state.with(|s| s.view == View::List).to_string()
                    on:click=move |_| nav.set_view(View::List)
                >
                    {t("List")}
                </button>
                <button
                    type="button"
                    class="view-toggle__button"
                    aria-pressed=move || nav.state.with(|s| s.view == View::Chronology).to_string()
                    on:click=move |_| nav.set_view(View::Chronology)
                >
                    {t("Chronology")}
                </button>
            </div>
            <label class="results__sort" class:results__sort--hidden=move || nav.state.with(|s| s.view == View::Chronology)>
                <span class="visually-hidden">{t("Order")}</span>
                <select
                    data-testid="sort-select"
                    prop:value=move || nav.state.with(|s| s.sort.name())
                    on:change=on_change
                >
                    <option value="relevance">{t("Best match")}</option>
                    <option value="newest">{t("Newest first")}</option>
                    <option value="oldest">{t("Oldest first")}</option>
                </select>
            </label>
        </div>
    }
}

/// Watches an element's size without ever reading it back during an update; `f` gets
/// the new border-box height.
pub fn observe_height(
    el: &web_sys::Element,
    f: impl Fn(f64) + 'static,
) -> Option<web_sys::ResizeObserver> {
    let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let Some(entry) = entries
            .get(0)
            .dyn_into::<web_sys::ResizeObserverEntry>()
            .ok()
        else {
            return;
        };
        let h = entry
            .border_box_size()
            .get(0)
            .dyn_into::<web_sys::ResizeObserverSize>()
            .map_or(entry.content_rect().height(), |s| s.block_size());
        f(h);
    });
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    callback.forget();
    observer.observe(el);
    Some(observer)
}

/// Sets `size` to a measured `value` over `min` pixels that moved by more than half a
/// pixel (sub-pixel jitter would only render again); nothing once its owner is gone.
pub fn follow_size(size: RwSignal<f64>, value: f64, min: f64) {
    if value > min
        && size
            .try_get_untracked()
            .is_some_and(|old| (value - old).abs() > 0.5)
    {
        let _ = size.try_set(value);
    }
}

/// The rows in view, out of all the results.
#[component]
pub fn ResultList() -> impl IntoView {
    let session = use_session();
    let nav = use_nav();
    let scroller = NodeRef::<Div>::new();
    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(800.0f64);
    let row_height = RwSignal::new(DEFAULT_ROW_HEIGHT);
    let list = NodeRef::<leptos::html::Ol>::new();

    // Sizes come from observers, as the browser lays the page out.
    crate::effect::effect(move |_| {
        if let Some(el) = scroller.get() {
            let o = observe_height(&el, move |h| follow_size(viewport, h, 1.0));
            on_cleanup(move || {
                if let Some(o) = o {
                    o.disconnect();
                }
            });
        }
    });
    // One row tells the height of all.
    let row_observer = StoredValue::new_local(None::<web_sys::ResizeObserver>);
    crate::effect::effect(move |_| {
        session.rows.track();
        let Some(ol) = list.get() else {
            return;
        };
        if row_observer.with_value(Option::is_some) {
            return;
        }
        let Some(first) = ol.first_element_child() else {
            return;
        };
        let o = observe_height(&first, move |h| follow_size(row_height, h, 1.0));
        row_observer.set_value(o);
    });
    on_cleanup(move || {
        if let Some(Some(o)) = row_observer.try_with_value(|o| o.clone()) {
            o.disconnect();
        }
    });

    // The rows to ask for.
    let window = Memo::new(move |_| {
        let h = row_height.get();
        let first = (scroll_top.get() / h).floor().max(0.0) as u32;
        let visible = (viewport.get() / h).ceil() as u32 + 1;
        let start = first.saturating_sub(OVERSCAN);
        Window::Rows {
            start,
            count: visible + 2 * OVERSCAN + (first - start),
        }
    });
    crate::effect::effect(move |_| {
        let w = window.get();
        if session.window.get_untracked() != w {
            session.window.set(w);
        }
    });

    // A new query, choice or order starts at the top.
    let query = Memo::new(move |_| {
        nav.state
            .with(|s| (s.q.clone(), s.selection.clone(), s.sort))
    });
    crate::effect::effect(move |prev: Option<()>| {
        query.track();
        if prev.is_some() && scroll_top.get_untracked() > 0.0 {
            if let Some(el) = scroller.get_untracked() {
                el.set_scroll_top(0);
            }
            scroll_top.set(0.0);
        }
    });
    // Keep the open document's row in view when stepping with j / k.
    crate::effect::effect(move |prev: Option<Option<String>>| {
        let doc = nav.state.with(|s| s.doc.clone());
        let position = session.open_position.get_untracked();
        if prev.is_some() && doc.is_some() && prev.flatten() != doc {
            if let (Some(p), Some(el)) = (position, scroller.get_untracked()) {
                let h = row_height.get_untracked();
                let top = f64::from(p) * h;
                let view_top = scroll_top.get_untracked();
                if top < view_top || top + h > view_top + viewport.get_untracked() {
                    let t = (top - h).max(0.0);
                    el.set_scroll_top(t as i32);
                    scroll_top.set(t);
                }
            }
        }
        doc
    });

    let rows = Memo::new(move |_| {
        session.rows.with(|r| match r {
            Rows::List(rows) => rows.clone(),
            Rows::Chronology { .. } => Vec::new(),
        })
    });
    let first_position = move || rows.with(|r| r.first().map_or(0, |x| x.position));
    let total = move || session.listed.get();
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
            {move || (total() == 0 && session.answered.get()).then(|| view! {
                <p class="results__empty">
                    {t("Nothing matches ")}
                    <q dir="auto">{move || nav.state.with(|s| s.q.trim().to_string())}</q>
                    {t(". Try fewer words, or check the spelling of names.")}
                </p>
            })}
            <ol
                class="results__list"
                node_ref=list
                style:padding-top=move || format!("{}px", (f64::from(first_position()) * row_height.get()).round() as i64)
                style:height=move || format!("{}px", (f64::from(total()) * row_height.get()).round() as i64)
            >
                <For each=move || rows.get() key=|row| row.position let:row>
                    <ResultItem row rows session />
                </For>
            </ol>
        </div>
    }
}

/// One result: title, date, source, snippet. A row is a place in the list: it stays
/// while the list has that place, and what changes in it (another document, the marks and
/// the passage as the query changes) is drawn again in place. The row's element, link and
/// handlers are not rebuilt at every keystroke.
#[component]
pub fn ResultItem(row: ResultRow, rows: Memo<Vec<ResultRow>>, session: Session) -> impl IntoView {
    let nav = use_nav();
    let position = row.position;
    // The row at this place in the latest answer (the last one it had, once it has left).
    let current = Memo::new(move |previous: Option<&ResultRow>| {
        rows.with(|r| r.iter().find(|x| x.position == position).cloned())
            .or_else(|| previous.cloned())
            .unwrap_or_else(|| row.clone())
    });
    let doc_id = Memo::new(move |_| current.with(|r| r.id.clone()));
    let title = Memo::new(move |_| current.with(|r| (r.title.clone(), r.title_marks.clone())));
    let snippet =
        Memo::new(move |_| current.with(|r| (r.snippet.clone(), r.snippet_marks.clone())));
    let meta = Memo::new(move |_| {
        current.with(|r| {
            let meta: Vec<String> = [r.date.map(|d| crate::i18n::date(&d)), r.source.clone()]
                .into_iter()
                .flatten()
                .collect();
            (meta.join(" · "), r.copies)
        })
    });
    let is_open = Memo::new(move |_| {
        doc_id.with(|id| nav.state.with(|s| s.doc.as_deref() == Some(id.as_str())))
    });
    let href = move || {
        nav.state.track();
        doc_id.with(|id| nav.href_for(id))
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if plain_click(&ev) {
            ev.prevent_default();
            nav.open(doc_id.get_untracked(), Entry::Push);
        }
    };
    let set_size = move || session.listed.get();
    view! {
        <li
            class="result-card"
            class:result-card--open=is_open
            data-testid="result-item"
            data-doc-id=move || doc_id.get()
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
                    {move || title.with(|(text, marks)| marked(text, &ranges(marks)))}
                </h3>
            </a>
            <p class="result-card__meta">
                {move || meta.with(|(text, _)| text.clone())}
                {move || {
                    let copies = meta.with(|(_, copies)| *copies);
                    (copies > 0).then(|| {
                        view! {
                            <span class="result-card__copies" data-testid="result-copies">
                                {format!("+{}", count(copies as usize, "identical copy", "identical copies"))}
                            </span>
                        }
                    })
                }}
            </p>
            <p class="result-card__snippet" dir="auto">
                {move || snippet.with(|(text, marks)| marked(text, &ranges(marks)))}
            </p>
        </li>
    }
}

/// Marks as byte ranges.
pub fn ranges(marks: &[(u32, u32)]) -> Vec<std::ops::Range<usize>> {
    marks.iter().map(|&(a, b)| a as usize..b as usize).collect()
}

/// Whether a click on a link is the page's to handle: the main button, no modifier (a
/// modified click opens the link in a new tab or window, as the browser does).
pub fn plain_click(ev: &leptos::ev::MouseEvent) -> bool {
    ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key())
}
