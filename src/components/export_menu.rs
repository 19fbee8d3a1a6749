//! Exporting the results: a menu of formats beside the result count, and the progress of
//! the export under way (the file is written in the engine worker, a slice at a time, so
//! the page never waits; see `chronicle_core::export`).

use crate::i18n::{count, fill, number, t};
use chronicle_core::protocol::ExportFormat;
use leptos::prelude::*;

use crate::context::{use_nav, use_session};

/// What each format is called in the menu.
fn label(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Csv => t("CSV (spreadsheet)"),
        ExportFormat::Json => t("JSON (opens in Chronicle)"),
        ExportFormat::Bibtex => "BibTeX",
        ExportFormat::Ris => t("RIS (Zotero, EndNote)"),
    }
}

/// The Export menu and its progress.
#[component]
pub fn ExportMenu() -> impl IntoView {
    let session = use_session();
    let nav = use_nav();
    let menu = NodeRef::<leptos::html::Details>::new();
    // While the archive loads, the results are partial: export once it is whole.
    let unavailable = move || session.loading.with(Option::is_some);
    let start = move |format: ExportFormat| {
        if let Some(m) = menu.get() {
            m.set_open(false);
        }
        session.export(&nav, format);
    };
    let progress = move || {
        session.exporting.get().map(|e| {
            let text = if e.total == 0 {
                t("Preparing the export…").to_string()
            } else {
                fill(
                    "Exporting {} of {}…",
                    &[
                        &number(e.done as usize),
                        &count(e.total as usize, "document", "documents"),
                    ],
                )
            };
            view! {
                <progress
                    class="export__progress"
                    data-testid="export-progress"
                    max=e.total.max(1)
                    value=e.done
                    aria-label=t("Export progress")
                ></progress>
                <span class="export__status">{text}</span>
            }
        })
    };
    view! {
        <div class="export">
            <details class="export__menu" node_ref=menu>
                <summary class="button" data-testid="export-button">{t("Export")}</summary>
                <div class="export__formats" role="group" aria-label=t("Export the results as")>
                    {ExportFormat::ALL
                        .into_iter()
                        .map(|f| {
                            view! {
                                <button
                                    type="button"
                                    class="button button--quiet"
                                    data-testid=format!("export-{}", f.name())
                                    disabled=move || unavailable() || session.exporting.with(Option::is_some)
                                    on:click=move |_| start(f)
                                >
                                    {label(f)}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            </details>
            <span class="export__live" role="status" aria-live="polite">{progress}</span>
        </div>
    }
}
