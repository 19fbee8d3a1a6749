//! The open document: title, metadata, and the full text with every match marked.
//!
//! # Overview
//! [`DocumentPane`] shows the document named in the URL (`#doc=ID`), or a short note if
//! no document has that id. [`DocumentView`] renders it: paragraphs from the body's
//! blank-line breaks, every match marked (`n` / `p` or the arrows step through them),
//! metadata as a definition list, links only for `http(s)` URLs (a corpus must not be
//! able to plant a `javascript:` link), and every corpus string as a text node with
//! `dir="auto"`.

use chronicle_core::model::paragraphs;
use chronicle_core::{DocId, Document};
use leptos::prelude::*;

use crate::components::marked::marked;
use crate::context::{use_archive, use_hits, use_match_cursor, use_nav};

/// The right-hand pane (or overlay on narrow screens).
#[component]
pub fn DocumentPane() -> impl IntoView {
    let archive = use_archive();
    let nav = use_nav();
    let open = Memo::new(move |_| nav.state.with(|s| s.doc.clone()));
    move || {
        open.get().map(|id| match archive.find(&id) {
            Some(doc) => view! { <DocumentView id=doc /> }.into_any(),
            None => view! {
                <aside class="document document--missing" data-testid="document-view">
                    <button class="document__close" on:click=move |_| nav.close()>
                        "Close"
                    </button>
                    <p>"No document in this archive has the id "<code>{id}</code>"."</p>
                </aside>
            }
            .into_any(),
        })
    }
}

/// One document in full.
#[component]
pub fn DocumentView(id: DocId) -> impl IntoView {
    let archive = use_archive();
    let highlighter = use_hits().highlighter;
    let nav = use_nav();
    let cursor = use_match_cursor();
    let body_text = StoredValue::new(archive.body(id));
    let marks = {
        let archive = archive.clone();
        Memo::new(move |_| {
            let title = archive.title_of(id);
            body_text
                .with_value(|body| highlighter.with(|h| (h.title_ranges(title), h.ranges(body))))
        })
    };
    let match_count = move || marks.with(|(t, b)| t.len() + b.len());
    // A new document or a new query starts before the first match.
    Effect::new(move |_| {
        marks.track();
        cursor.reset();
    });
    let title = {
        let archive = archive.clone();
        move || marks.with(|(t, _)| marked(archive.title_of(id), t))
    };
    let body = move || {
        body_text.with_value(|text| {
            marks.with(|(_, ranges)| {
                paragraphs(text)
                    .into_iter()
                    .map(|(offset, p)| {
                        let end = offset + p.len();
                        let local: Vec<_> = ranges
                            .iter()
                            .filter(|r| r.start >= offset && r.end <= end)
                            .map(|r| r.start - offset..r.end - offset)
                            .collect();
                        view! { <p>{marked(p, &local)}</p> }
                    })
                    .collect_view()
            })
        })
    };
    let heading = NodeRef::<leptos::html::H2>::new();
    // Move focus to the title when a document opens, for keyboard and screen-reader users.
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let doc = archive.doc(id);
    let status = move || match (cursor.current(), match_count()) {
        (_, 0) => String::new(),
        (None, n) => format!("{n} {}", if n == 1 { "match" } else { "matches" }),
        (Some(i), n) => format!("Match {} of {n}", i + 1),
    };
    view! {
        <article class="document" data-testid="document-view" aria-labelledby="document-title">
            <div class="document__toolbar">
                <Show when=move || { match_count() > 0 }>
                    <span class="document__matches" data-testid="match-status" aria-live="polite">
                        {status}
                    </span>
                    <button
                        class="document__step"
                        type="button"
                        title="Previous match (p)"
                        data-testid="previous-match"
                        on:click=move |_| cursor.step(-1)
                    >
                        "↑"
                        <span class="visually-hidden">" previous match"</span>
                    </button>
                    <button
                        class="document__step"
                        type="button"
                        title="Next match (n)"
                        data-testid="next-match"
                        on:click=move |_| cursor.step(1)
                    >
                        "↓"
                        <span class="visually-hidden">" next match"</span>
                    </button>
                </Show>
                <button
                    class="document__close"
                    on:click=move |_| nav.close()
                    aria-label="Close the document (Esc)"
                    title="Close (Esc)"
                >
                    "×"
                </button>
            </div>
            <h2
                id="document-title"
                class="document__title"
                data-testid="document-title"
                dir="auto"
                tabindex="-1"
                node_ref=heading
            >
                {title}
            </h2>
            {metadata(&doc)}
            <div class="document__body" data-testid="document-body" dir="auto">
                {body}
            </div>
        </article>
    }
}

fn metadata(doc: &Document) -> impl IntoView {
    let mut rows: Vec<(&'static str, AnyView)> = Vec::new();
    let text = |s: &str| view! { <span dir="auto">{s.to_string()}</span> }.into_any();
    if let Some(d) = doc.date {
        rows.push((
            "Date",
            view! { <time datetime=d.to_iso()>{d.to_string()}</time> }.into_any(),
        ));
    }
    if let Some(s) = &doc.source {
        rows.push(("Source", text(s)));
    }
    if let Some(a) = &doc.agency {
        rows.push(("Agency", text(a)));
    }
    for (label, list) in [
        ("People", &doc.people),
        ("Places", &doc.places),
        ("Organizations", &doc.organizations),
        ("Tags", &doc.tags),
    ] {
        if !list.is_empty() {
            rows.push((label, text(&list.join(", "))));
        }
    }
    if let Some(l) = &doc.language {
        rows.push(("Language", text(l)));
    }
    if let Some(url) = &doc.url {
        let view = if is_web_url(url) {
            view! {
                <a href=url.clone() target="_blank" rel="noopener noreferrer nofollow" dir="auto">
                    {url.clone()}
                </a>
            }
            .into_any()
        } else {
            text(url)
        };
        rows.push(("Original", view));
    }
    let extra: Vec<(String, String)> = doc
        .meta
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    view! {
        <dl class="document__meta">
            {rows
                .into_iter()
                .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
                .collect_view()}
            {extra
                .into_iter()
                .map(|(k, v)| {
                    view! {
                        <dt class="document__meta-extra" dir="auto">{k}</dt>
                        <dd class="document__meta-extra" dir="auto">{v}</dd>
                    }
                })
                .collect_view()}
        </dl>
    }
}

/// Only `http:` and `https:` URLs become links.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}
