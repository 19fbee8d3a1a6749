//! Saying what went wrong: a corpus that cannot be opened, and documents that were
//! rejected or loaded with warnings.

use leptos::prelude::*;

use crate::app::Failure;
use crate::components::result_list::thousands;
use crate::context::use_archive;

/// The whole corpus could not be read: what and where.
#[component]
pub fn CorpusError(failure: Failure) -> impl IntoView {
    let place = failure
        .position
        .map(|p| format!("Line {}, column {}", p.line, p.column));
    view! {
        <section class="corpus-error" role="alert" data-testid="corpus-error">
            <h1 class="corpus-error__title">"This archive could not be opened"</h1>
            <p class="corpus-error__message">{failure.message}</p>
            {place.map(|p| view! { <p class="corpus-error__place">{p}</p> })}
            <p class="corpus-error__hint">
                "If you made this file, "
                <code>"chronicle validate corpus.json"</code>
                " lists every problem with its place."
            </p>
        </section>
    }
}

/// "3 documents rejected", with the reasons one click away.
#[component]
pub fn LoadProblems() -> impl IntoView {
    let archive = use_archive();
    if archive.problems.is_empty() {
        return None;
    }
    let rejected = archive.rejected;
    let warnings = archive.problems.iter().filter(|p| !p.is_error()).count();
    let rejected_text = (rejected > 0).then(|| {
        let noun = if rejected == 1 {
            "document"
        } else {
            "documents"
        };
        format!("{} {noun} rejected", thousands(rejected))
    });
    let warnings_text = (warnings > 0).then(|| {
        let noun = if warnings == 1 { "warning" } else { "warnings" };
        let sep = if rejected > 0 { ", " } else { "" };
        format!("{sep}{} {noun}", thousands(warnings))
    });
    let loaded = thousands(archive.len());
    let items = archive
        .problems
        .iter()
        .map(|p| {
            let class = if p.is_error() {
                "problems__item problems__item--error"
            } else {
                "problems__item"
            };
            view! { <li class=class>{p.to_string()}</li> }
        })
        .collect_view();
    Some(view! {
        <details class="problems" role="status">
            <summary>
                {rejected_text.map(|t| view! { <span data-testid="rejected-count">{t}</span> })}
                {warnings_text}
                {format!(" · {loaded} loaded. Show why")}
            </summary>
            <ul class="problems__list">{items}</ul>
        </details>
    })
}
