//! Saying what went wrong: a corpus that cannot be opened, and documents that were
//! rejected or loaded with warnings.

use crate::i18n::{count, digits, fill, number, t};
use leptos::prelude::*;

use crate::context::use_session;

/// The whole corpus could not be read: what and where.
#[component]
pub fn CorpusError(message: String, position: Option<(u32, u32)>) -> impl IntoView {
    let place = position.map(|(line, column)| {
        fill(
            "Line {}, column {}",
            &[&digits(&line.to_string()), &digits(&column.to_string())],
        )
    });
    view! {
        <section class="corpus-error" role="alert" data-testid="corpus-error">
            <h1 class="corpus-error__title">{t("This archive could not be opened")}</h1>
            <p class="corpus-error__message">{crate::i18n::said(&message)}</p>
            {place.map(|p| view! { <p class="corpus-error__place">{p}</p> })}
            <p class="corpus-error__hint">
                {t("If you made this file, ")}
                <code dir="ltr">"chronicle validate corpus.json"</code>
                {t(" lists every problem with its place.")}
            </p>
        </section>
    }
}

/// "3 documents rejected", with the reasons one click away.
#[component]
pub fn LoadProblems() -> impl IntoView {
    let session = use_session();
    move || {
        session.info.with(|info| {
            if info.problem_count == 0 {
                return None;
            }
            let rejected = info.rejected as usize;
            let warnings = info.problems.iter().filter(|p| !p.is_error()).count();
            let rejected_text =
                (rejected > 0).then(|| count(rejected, "document rejected", "documents rejected"));
            let warnings_text = (warnings > 0).then(|| {
                let sep = if rejected > 0 { t(", ") } else { "" };
                format!("{sep}{}", count(warnings, "warning", "warnings"))
            });
            let loaded = number(info.documents as usize);
            let more = (info.problem_count as usize).saturating_sub(info.problems.len());
            let items = info
                .problems
                .iter()
                .map(|p| {
                    let class = if p.is_error() {
                        "problems__item problems__item--error"
                    } else {
                        "problems__item"
                    };
                    view! { <li class=class dir="auto">{crate::i18n::problem(p)}</li> }
                })
                .collect_view();
            Some(view! {
                <details class="problems" role="status">
                    <summary>
                        {rejected_text.map(|t| view! { <span data-testid="rejected-count">{t}</span> })}
                        {warnings_text}
                        {fill(" · {} loaded. Show why", &[&loaded])}
                    </summary>
                    <ul class="problems__list">
                        {items}
                        {(more > 0).then(|| view! {
                            <li class="problems__item">{fill("… and {} more", &[&number(more)])}</li>
                        })}
                    </ul>
                </details>
            })
        })
    }
}
