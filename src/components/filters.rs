//! The chips above the results: every facet value and the date range in force, each
//! removable, and "Clear all".

use crate::i18n::{fill, range, t};
use leptos::prelude::*;

use crate::context::use_nav;

/// The active choices, as removable chips.
#[component]
pub fn ActiveFilters() -> impl IntoView {
    let nav = use_nav();
    let chips = move || {
        nav.state.with(|s| {
            let mut chips: Vec<(String, String, ChipAction)> = s
                .selection
                .values
                .iter()
                .flat_map(|(facet, values)| {
                    values.iter().map(move |v| {
                        (
                            t(facet.label()).to_string(),
                            v.clone(),
                            ChipAction::Value(*facet, v.clone()),
                        )
                    })
                })
                .collect();
            if let Some(r) = &s.selection.range {
                chips.push((t("Dates").to_string(), range(r), ChipAction::Range));
            }
            chips
        })
    };
    view! {
        <Show when=move || !chips().is_empty()>
            <ul class="chips" aria-label=t("Filters in force")>
                {move || {
                    chips()
                        .into_iter()
                        .map(|(label, value, action)| {
                            let remove_label = fill("Remove {}: {}", &[&label, &value]);
                            view! {
                                <li class="chip" data-testid="active-filter">
                                    <span class="chip__label">{label}": "</span>
                                    <span class="chip__value" dir="auto">{value}</span>
                                    <button
                                        class="chip__remove"
                                        type="button"
                                        aria-label=remove_label.clone()
                                        title=remove_label
                                        on:click=move |_| match &action {
                                            ChipAction::Value(f, v) => nav.toggle_facet(*f, v),
                                            ChipAction::Range => nav.set_range(None),
                                        }
                                    >
                                        "×"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
                <li>
                    <button
                        class="chips__clear"
                        type="button"
                        data-testid="clear-filters"
                        on:click=move |_| nav.clear_filters()
                    >
                        {t("Clear all")}
                    </button>
                </li>
            </ul>
        </Show>
    }
}

#[derive(Clone)]
enum ChipAction {
    Value(chronicle_core::browse::Facet, String),
    Range,
}
