//! The facet panel: source, agency, year, tags, people, places, organizations, language.
//!
//! # Overview
//! [`FacetPanel`] shows one [`FacetGroup`] per facet the archive has. Each lists its
//! values with the number of documents they would give together with the query and every
//! *other* choice (a facet ignores its own selection, so a second value can be added).
//! Long facets show their top values, a "Show more" button and a filter box. Checking a
//! value narrows the results; the choice goes into the URL.

use chronicle_core::browse::{facets_present, Facet, FacetCounts};
use leptos::prelude::*;

use crate::components::result_list::thousands;
use crate::context::{use_archive, use_hits, use_nav};

/// Values shown before "Show more".
const TOP: usize = 8;
/// Values from which a facet gets a filter box.
const FILTER_FROM: usize = 12;

/// All facets.
#[component]
pub fn FacetPanel() -> impl IntoView {
    let archive = use_archive();
    let hits = use_hits();
    let nav = use_nav();
    let counts_owner = archive.clone();
    let counts = Memo::new(move |_| {
        hits.hits.with(|h| {
            hits.narrowing.with(|n| {
                nav.state
                    .with(|s| n.facet_counts(&counts_owner.index, &h.matches, &s.selection))
            })
        })
    });
    let present = facets_present(&archive.index);
    view! {
        <nav class="facets" aria-label="Filters">
            {present
                .into_iter()
                .map(|facet| view! { <FacetGroup facet counts /> })
                .collect_view()}
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
        move || {
            counts.with(|c| {
                c.as_ref()
                    .and_then(|c| c.values.iter().find(|v| v.value == value))
                    .map_or((0, false), |v| (v.count, v.selected))
            })
        }
    };
    let lookup2 = lookup.clone();
    let lookup3 = lookup.clone();
    let toggle = value.clone();
    let data_value = value.clone();
    view! {
        <li
            class="facet__value"
            class:facet__value--selected=move || lookup3().1
            data-testid="facet-item"
            data-value=data_value
            data-count=move || lookup().0
        >
            <label>
                <input
                    type="checkbox"
                    prop:checked={
                        let l = lookup2.clone();
                        move || l().1
                    }
                    on:change=move |_| nav.toggle_facet(facet, &toggle)
                />
                <span class="facet__name" dir="auto">{value}</span>
                <span class="facet__count">{move || thousands(lookup2().0)}</span>
            </label>
        </li>
    }
}

/// One facet's values.
#[component]
fn FacetGroup(facet: Facet, counts: Memo<Vec<FacetCounts>>) -> impl IntoView {
    let expanded = RwSignal::new(false);
    let filter = RwSignal::new(String::new());
    let mine =
        Memo::new(move |_| counts.with(|all| all.iter().find(|c| c.facet == facet).cloned()));
    let distinct = move || mine.with(|m| m.as_ref().map_or(0, |m| m.distinct));
    let shown = move || {
        let needle = filter.with(|f| f.trim().to_lowercase());
        mine.with(|m| {
            let Some(m) = m else {
                return (Vec::new(), 0);
            };
            let matching: Vec<_> = m
                .values
                .iter()
                .filter(|v| needle.is_empty() || v.value.to_lowercase().contains(&needle))
                .cloned()
                .collect();
            let total = matching.len();
            let limit = if expanded.get() || !needle.is_empty() {
                total
            } else {
                TOP
            };
            // Selected values always show, even beyond the top ones.
            let list = matching
                .into_iter()
                .enumerate()
                .filter(|(i, v)| *i < limit || v.selected)
                .map(|(_, v)| v)
                .collect::<Vec<_>>();
            (list, total)
        })
    };
    let items = move || shown().0.into_iter().map(|v| v.value).collect::<Vec<_>>();
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
                {facet.label()}
                <span class="facet__distinct">{move || format!(" ({})", thousands(distinct()))}</span>
            </h2>
            <Show when=move || { distinct() >= FILTER_FROM }>
                <input
                    class="facet__filter"
                    type="search"
                    placeholder=format!("Filter {}…", facet.label().to_lowercase())
                    aria-label=format!("Filter {}", facet.label().to_lowercase())
                    prop:value=move || filter.get()
                    on:input=move |ev| filter.set(event_target_value(&ev))
                />
            </Show>
            <ul class="facet__values">
                <For each=items key=|value| value.clone() let:value>
                    <FacetItem facet value counts=mine />
                </For>
            </ul>
            <Show when=move || { shown().1 == 0 && filter.with(String::is_empty) }>
                <p class="facet__none">"None among these results"</p>
            </Show>
            <Show when=move || { filter.with(String::is_empty) && shown().1 > TOP }>
                <button
                    class="facet__more"
                    type="button"
                    on:click=move |_| expanded.update(|e| *e = !*e)
                >
                    {move || {
                        if expanded.get() {
                            "Show fewer".to_string()
                        } else {
                            format!("Show more ({})", thousands(shown().1 - TOP))
                        }
                    }}
                </button>
            </Show>
        </section>
    }
}
