//! The chronology: the matching documents in date order, under year and month headings.
//!
//! # Overview
//! [`Chronology`] lays out `chronicle_core::timeline::chronology` rows. Rows have fixed
//! heights by kind (year heading, month heading, document), so the list knows where every
//! row is and renders only the rows in view, like the result list: thousands of documents
//! scroll smoothly.

use chronicle_core::timeline::{chronology, Row};
use chronicle_core::Date;
use leptos::html::Div;
use leptos::prelude::*;

use crate::components::result_list::thousands;
use crate::context::{use_archive, use_hits, use_nav};
use crate::history::Entry;

/// Row heights in pixels; `.chronology__*` in the CSS sets the same.
const YEAR_ROW: f64 = 44.0;
const MONTH_ROW: f64 = 30.0;
const DOC_ROW: f64 = 52.0;
/// Extra pixels rendered above and below the view.
const OVERSCAN: f64 = 400.0;

fn row_height(row: &Row) -> f64 {
    match row {
        Row::Year(..) => YEAR_ROW,
        Row::Month(..) | Row::YearOnly(..) | Row::Undated(..) => MONTH_ROW,
        Row::Doc(_) => DOC_ROW,
    }
}

fn count_label(n: usize) -> String {
    format!(
        "{} {}",
        thousands(n),
        if n == 1 { "document" } else { "documents" }
    )
}

/// The chronology view.
#[component]
pub fn Chronology() -> impl IntoView {
    let archive = use_archive();
    let hits = use_hits();
    let nav = use_nav();
    let rows_owner = archive.clone();
    let rows = Memo::new(move |_| {
        let mut set = hits.hits.with(|h| h.matches.clone());
        hits.narrowing.with(|n| set.intersect_with(n.allowed()));
        let ids = rows_owner.index.in_date_order(&set, true);
        let rows = chronology(rows_owner.index.date_spans(), &ids);
        let mut offsets = Vec::with_capacity(rows.len() + 1);
        let mut y = 0.0;
        for r in &rows {
            offsets.push(y);
            y += row_height(r);
        }
        offsets.push(y);
        (rows, offsets)
    });
    let scroller = NodeRef::<Div>::new();
    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(800.0f64);
    Effect::new(move |_| {
        rows.track();
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
            scroll_top.set(0.0);
            viewport.set(f64::from(el.client_height()).max(1.0));
        }
    });
    let window = Memo::new(move |_| {
        let top = (scroll_top.get() - OVERSCAN).max(0.0);
        let bottom = scroll_top.get() + viewport.get() + OVERSCAN;
        rows.with(|(rows, offsets)| {
            let start = offsets.partition_point(|&y| y <= top).saturating_sub(1);
            let end = offsets.partition_point(|&y| y < bottom).min(rows.len());
            (start.min(end), end)
        })
    });
    let visible = move || {
        let (start, end) = window.get();
        rows.with(|(rows, _)| {
            rows[start..end]
                .iter()
                .enumerate()
                .map(|(i, r)| (start + i, r.clone()))
                .collect::<Vec<_>>()
        })
    };
    let padding = move || rows.with(|(_, offsets)| offsets[window.get().0.min(offsets.len() - 1)]);
    let total_height = move || rows.with(|(_, offsets)| offsets.last().copied().unwrap_or(0.0));
    let render = move |(i, row): (usize, Row)| match row {
        Row::Year(y, n) => view! {
            <h3 class="chronology__year">
                {y}
                <span class="chronology__count">{count_label(n)}</span>
            </h3>
        }
        .into_any(),
        Row::Month(y, m, n) => view! {
            <h4 class="chronology__month">
                {Date::from_year_month(y, m).map(|d| d.to_string()).unwrap_or_default()}
                <span class="chronology__count">{count_label(n)}</span>
            </h4>
        }
        .into_any(),
        Row::YearOnly(y, n) => view! {
            <h4 class="chronology__month">
                {format!("{y}, no month given")}
                <span class="chronology__count">{count_label(n)}</span>
            </h4>
        }
        .into_any(),
        Row::Undated(n) => view! {
            <h3 class="chronology__month chronology__undated">
                "Undated"
                <span class="chronology__count">{count_label(n)}</span>
            </h3>
        }
        .into_any(),
        Row::Doc(d) => {
            let doc = archive.doc(d);
            let id = doc.id.clone();
            let href = nav.href_for(&id);
            let is_open = {
                let id = id.clone();
                move || nav.state.with(|s| s.doc.as_deref() == Some(id.as_str()))
            };
            let meta: Vec<String> = [doc.date.map(|d| d.to_string()), doc.source.clone()]
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
                            if ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key()) {
                                ev.prevent_default();
                                nav.open(id.clone(), Entry::Push);
                            }
                        }
                    >
                        {doc.title.clone()}
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
                    scroll_top.set(f64::from(el.scroll_top()));
                    viewport.set(f64::from(el.client_height()).max(1.0));
                }
            }
        >
            <div
                class="chronology__rows"
                style:padding-top=move || format!("{}px", padding())
                style:height=move || format!("{}px", total_height())
            >
                <For each=visible key=|(i, r)| (*i, format!("{r:?}")) children=render />
            </div>
        </div>
    }
}
