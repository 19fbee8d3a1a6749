//! The chronology: the matching documents in date order, under year and month headings.
//!
//! # Overview
//! [`Chronology`] shows the rows the engine lays out for the pixels in view
//! ([`Window::Pixels`]). Rows have fixed heights by kind (year heading, month heading,
//! document), set once in the stylesheet as custom properties (`--chronology-year`,
//! `--chronology-month`, `--chronology-doc`) and read from there, so that the engine
//! knows where every row is: thousands of documents scroll smoothly, a screenful at a
//! time.

use crate::i18n::{count, date, digits, fill, t};
use chronicle_core::protocol::{ChronoRow, RowHeights, Rows, Window};
use chronicle_core::Date;
use leptos::html::Div;
use leptos::prelude::*;

use crate::components::result_list::{observe_height, plain_click};
use crate::context::{use_nav, use_session};
use crate::history::Entry;

/// Row heights when the stylesheet does not say (it does: see the module docs).
const FALLBACK: RowHeights = RowHeights {
    year: 44,
    month: 30,
    doc: 52,
};

/// The row heights the stylesheet sets on `el`.
fn row_heights(el: &web_sys::Element) -> RowHeights {
    let Ok(Some(style)) = window().get_computed_style(el) else {
        return FALLBACK;
    };
    let px = |name: &str, fallback: u32| {
        style
            .get_property_value(name)
            .ok()
            .and_then(|v| {
                // Whole pixels ("44px"; a fraction is dropped): no float parsing code.
                let v = v.trim().trim_end_matches("px").trim();
                v.split('.').next()?.parse::<u32>().ok()
            })
            .unwrap_or(fallback)
    };
    RowHeights {
        year: px("--chronology-year", FALLBACK.year),
        month: px("--chronology-month", FALLBACK.month),
        doc: px("--chronology-doc", FALLBACK.doc),
    }
}

/// The chronology view.
#[component]
pub fn Chronology() -> impl IntoView {
    let session = use_session();
    let nav = use_nav();
    let scroller = NodeRef::<Div>::new();
    let scroll_top = RwSignal::new(0u32);
    let viewport = RwSignal::new(800u32);
    let heights = RwSignal::new(FALLBACK);
    crate::effect::effect(move |_| {
        let Some(el) = scroller.get() else {
            return;
        };
        heights.set(row_heights(&el));
        let o = observe_height(&el, move |h| {
            let h = h.round() as u32;
            if h > 0 && viewport.try_get_untracked().is_some_and(|v| v != h) {
                let _ = viewport.try_set(h);
            }
        });
        on_cleanup(move || {
            if let Some(o) = o {
                o.disconnect();
            }
        });
    });
    // Ask for the pixels in view (and some above and below).
    crate::effect::effect(move |_| {
        let top = scroll_top.get().saturating_sub(400);
        let w = Window::Pixels {
            top,
            height: viewport.get() + 800,
            heights: heights.get(),
        };
        if session.window.get_untracked() != w {
            session.window.set(w);
        }
    });
    // A new query starts at the top.
    let query = Memo::new(move |_| nav.state.with(|s| (s.q.clone(), s.selection.clone())));
    crate::effect::effect(move |prev: Option<()>| {
        query.track();
        if prev.is_some() && scroll_top.get_untracked() > 0 {
            if let Some(el) = scroller.get_untracked() {
                el.set_scroll_top(0);
            }
            scroll_top.set(0);
        }
    });
    let layout = Memo::new(move |_| {
        session.rows.with(|r| match r {
            Rows::Chronology {
                height,
                first,
                offset,
                rows,
            } => (*height, *first, *offset, rows.clone()),
            Rows::List(_) => (0, 0, 0, Vec::new()),
        })
    });
    let visible = move || {
        layout.with(|(_, first, _, rows)| {
            rows.iter()
                .enumerate()
                .map(|(i, r)| (*first as usize + i, r.clone()))
                .collect::<Vec<_>>()
        })
    };
    let render = move |(i, row): (usize, ChronoRow)| match row {
        ChronoRow::Year(y, n) => view! {
            <h3 class="chronology__year">
                {digits(&y.to_string())}
                <span class="chronology__count">{count(n as usize, "document", "documents")}</span>
            </h3>
        }
        .into_any(),
        ChronoRow::Month(y, m, n) => view! {
            <h4 class="chronology__month">
                {Date::from_year_month(y, m).map(|d| date(&d)).unwrap_or_default()}
                <span class="chronology__count">{count(n as usize, "document", "documents")}</span>
            </h4>
        }
        .into_any(),
        ChronoRow::YearOnly(y, n) => view! {
            <h4 class="chronology__month">
                {fill("{}, no month given", &[&digits(&y.to_string())])}
                <span class="chronology__count">{count(n as usize, "document", "documents")}</span>
            </h4>
        }
        .into_any(),
        ChronoRow::Undated(n) => view! {
            <h3 class="chronology__month chronology__undated">
                {t("Undated")}
                <span class="chronology__count">{count(n as usize, "document", "documents")}</span>
            </h3>
        }
        .into_any(),
        ChronoRow::Doc(id, title, date, source) => {
            let href = nav.href_for(&id);
            let is_open = {
                let id = id.clone();
                move || nav.state.with(|s| s.doc.as_deref() == Some(id.as_str()))
            };
            let meta: Vec<String> = [date.map(|d| crate::i18n::date(&d)), source]
                .into_iter()
                .flatten()
                .collect();
            view! {
                <div
                    class="chronology__doc"
                    class:chronology__doc--open=is_open
                    data-testid="chronology-item"
                    data-row=i
                >
                    <a
                        class="chronology__link"
                        href=href
                        dir="auto"
                        on:click=move |ev: leptos::ev::MouseEvent| {
                            if plain_click(&ev) {
                                ev.prevent_default();
                                nav.open(id.clone(), Entry::Push);
                            }
                        }
                    >
                        {title}
                    </a>
                    <span class="chronology__meta">{meta.join(" · ")}</span>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <div
            class="results__scroller chronology"
            data-testid="chronology"
            node_ref=scroller
            on:scroll=move |_| {
                if let Some(el) = scroller.get_untracked() {
                    scroll_top.set(el.scroll_top().max(0) as u32);
                }
            }
        >
            <div
                class="chronology__rows"
                style:padding-top=move || format!("{}px", layout.with(|l| l.2))
                style:height=move || format!("{}px", layout.with(|l| l.0))
            >
                <For each=visible key=|(i, r)| (*i, r.clone()) children=render />
            </div>
        </div>
    }
}
