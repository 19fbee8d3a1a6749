//! The facet panel: source, agency, year, tags, people, places, organizations, language.
//!
//! # Overview
//! [`FacetPanel`] shows one [`FacetGroup`] per facet the archive has. Each lists its
//! values with the number of documents they would give together with the query and every
//! *other* choice (a facet ignores its own selection, so a second value can be added).
//! Long facets show their top values, a "Show more" button and a filter box; both are
//! asked of the engine, which sends only the values to list (an archive of mail has
//! thousands of senders). Checking a value narrows the results; the choice goes into the
//! URL.

use crate::i18n::{fill, number, t};
use chronicle_core::browse::Facet;
use chronicle_core::engine::FACET_TOP;
use chronicle_core::protocol::FacetCounts;
use leptos::prelude::*;

use crate::context::{use_nav, use_session};

/// Values from which a facet gets a filter box.
const FILTER_FROM: u32 = 12;
/// Values listed when a facet is expanded.
const EXPANDED: u32 = 500;

/// All facets.
#[component]
pub fn FacetPanel() -> impl IntoView {
    let session = use_session();
    let present = Memo::new(move |_| session.info.with(|i| i.facets.clone()));
    view! {
        <nav class="facets" aria-label="Filters">
            <For each=move || present.get() key=|f| *f let:facet>
                <FacetGroup facet />
            </For>
        </nav>
    }
}

/// One value: a checkbox, the value, its count. Kept across updates (keyed by value), so
/// focus stays on the checkbox just toggled.
#[component]
fn FacetItem(facet: Facet, value: String, counts: Memo<Option<FacetCounts>>) -> impl IntoView {
    let nav = use_nav();
    let lookup = {
        let value = value.clone();
        Memo::new(move |_| {
            counts.with(|c| {
                c.as_ref()
                    .and_then(|c| c.values.iter().find(|v| v.value == value))
                    .map_or((0, false), |v| (v.count, v.selected))
            })
        })
    };
    let toggle = value.clone();
    let data_value = value.clone();
    view! {
        <li
            class="facet__value"
            class:facet__value--selected=move || lookup.get().1
            data-testid="facet-item"
            data-value=data_value
            data-count=move || lookup.get().0
        >
            <label>
                <input
                    type="checkbox"
                    prop:checked=move || lookup.get().1
                    on:change=move |_| nav.toggle_facet(facet, &toggle)
                />
                <span class="facet__name" dir="auto">{value}</span>
                <span class="facet__count">{move || number(lookup.get().0 as usize)}</span>
            </label>
        </li>
    }
}

/// One facet's values.
#[component]
fn FacetGroup(facet: Facet) -> impl IntoView {
    let session = use_session();
    let expanded = RwSignal::new(false);
    let filter = RwSignal::new(String::new());
    // Ask the engine for what to list when the reader expands or filters.
    crate::effect::effect(move |prev: Option<(bool, String)>| {
        let now = (expanded.get(), filter.get());
        if prev.is_some() {
            let limit = if now.0 || !now.1.trim().is_empty() {
                EXPANDED
            } else {
                FACET_TOP
            };
            session.set_facet_view(facet, limit, now.1.trim().to_string());
        }
        now
    });
    let mine = Memo::new(move |_| {
        session
            .facets
            .with(|all| all.iter().find(|c| c.facet == facet).cloned())
    });
    let distinct = move || mine.with(|m| m.as_ref().map_or(0, |m| m.distinct));
    let available = move || mine.with(|m| m.as_ref().map_or(0, |m| m.available));
    let items = move || {
        mine.with(|m| {
            m.as_ref()
                .map(|m| m.values.iter().map(|v| v.value.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let heading_id = format!("facet-{}", facet.key());
    let labelled_by = heading_id.clone();
    view! {
        <section
            class="facet"
            data-testid="facet-group"
            data-facet=facet.key()
            aria-labelledby=labelled_by
        >
            <h2 class="facet__title" id=heading_id>
                {t(facet.label())}
                <span class="facet__distinct">{move || format!(" ({})", number(distinct() as usize))}</span>
            </h2>
            <Show when=move || { distinct() >= FILTER_FROM }>
                <input
                    class="facet__filter"
                    type="search"
                    placeholder=fill("Filter {}…", &[&t(facet.label()).to_lowercase()])
                    aria-label=fill("Filter {}", &[&t(facet.label()).to_lowercase()])
                    prop:value=move || filter.get()
                    on:input=move |ev| filter.set(event_target_value(&ev))
                />
            </Show>
            <ul class="facet__values">
                <For each=items key=|value| value.clone() let:value>
                    <FacetItem facet value counts=mine />
                </For>
            </ul>
            {move || (available() == 0 && filter.with(String::is_empty))
                .then(|| view! { <p class="facet__none">{t("None among these results")}</p> })}
            <Show when=move || { filter.with(String::is_empty) && available() > FACET_TOP }>
                <button
                    class="facet__more button button--quiet"
                    type="button"
                    on:click=move |_| expanded.update(|e| *e = !*e)
                >
                    {move || {
                        if expanded.get() {
                            t("Show fewer").to_string()
                        } else {
                            fill("Show more ({})", &[&number((available() - FACET_TOP) as usize)])
                        }
                    }}
                </button>
            </Show>
        </section>
    }
}
