//! The open document: title, metadata, and the full text with every match marked.
//!
//! # Overview
//! [`DocumentPane`] shows the document named in the URL (`#doc=ID`), or a short note if
//! no document has that id. [`DocumentView`] renders it: paragraphs from the body's
//! blank-line breaks, metadata as a definition list, links only for `http(s)` URLs (a
//! corpus must not be able to plant a `javascript:` link), and every corpus string as a
//! text node with `dir="auto"`.

use chronicle_core::{DocId, Document};
use leptos::prelude::*;

use crate::components::marked::marked;
use crate::context::{use_archive, use_hits, use_nav};

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
    let title = {
        let archive = archive.clone();
        move || {
            let doc = archive.doc(id);
            highlighter.with(|h| marked(&doc.title, &h.ranges(&doc.title)))
        }
    };
    let body = {
        let archive = archive.clone();
        move || {
            let doc = archive.doc(id);
            highlighter.with(|h| {
                doc.paragraphs()
                    .into_iter()
                    .map(|(_, p)| view! { <p>{marked(p, &h.ranges(p))}</p> })
                    .collect_view()
            })
        }
    };
    let heading = NodeRef::<leptos::html::H2>::new();
    // Move focus to the title when a document opens, for keyboard and screen-reader users.
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let doc = archive.doc(id);
    view! {
        <article class="document" data-testid="document-view" aria-labelledby="document-title">
            <button
                class="document__close"
                on:click=move |_| nav.close()
                aria-label="Close the document (Esc)"
                title="Close (Esc)"
            >
                "×"
            </button>
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
            {metadata(doc)}
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
