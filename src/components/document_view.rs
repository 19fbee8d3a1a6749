//! The open document: title, metadata, and the full text with every match marked.
//!
//! # Overview
//! [`DocumentPane`] shows the document named in the URL (`#doc=ID`), or a short note if
//! no document has that id. The engine sends the text as *blocks* (paragraphs, long ones
//! cut), with the query's marks. [`DocumentView`] shows them all for an ordinary
//! document; for a long one (more than [`ALL_BLOCKS`] blocks, such as a 50 MB mailbox
//! exported as one message) only the blocks in view and a few around, placed by their
//! estimated heights, so the page stays light however long the text is. Every match is
//! marked; `n` / `p` (or the arrows) step through them. Metadata is a definition list,
//! links only for `http(s)` URLs (a corpus must not be able to plant a `javascript:`
//! link), and every corpus string is a text node with `dir="auto"`.

use crate::i18n::{count, date, fill, number, t};
use chronicle_core::cite::Citation;
use chronicle_core::metadata::Field;
use chronicle_core::protocol::{Block, DocAnswer, DocMeta, RelatedDoc};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::components::marked::marked;
use crate::components::result_list::{observe_height, plain_click, ranges};
use crate::context::{use_match_cursor, use_nav, use_session, MatchCursor, Nav, Session};
use crate::history::Entry;
use crate::instance::{use_instance, Instance};

/// Documents with up to this many blocks are shown whole.
pub const ALL_BLOCKS: u32 = 400;
/// Blocks asked for around the view of a long document.
const AROUND: u32 = 30;
/// Estimated layout of a long document: characters per line and pixels per line.
const CHARS_PER_LINE: f64 = 80.0;
const LINE_PX: f64 = 26.0;
const BLOCK_GAP_PX: f64 = 16.0;

fn estimated_height(chars: u32) -> f64 {
    (f64::from(chars) / CHARS_PER_LINE).ceil().max(1.0) * LINE_PX + BLOCK_GAP_PX
}

/// The right-hand pane (or overlay on narrow screens).
#[component]
pub fn DocumentPane() -> impl IntoView {
    let session = use_session();
    let nav = use_nav();
    let open = Memo::new(move |_| nav.state.with(|s| s.doc.clone()));
    let q = Memo::new(move |_| nav.state.with(|s| s.q.clone()));
    // A new document, or a new query (its marks), asks the engine again.
    crate::effect::effect(move |_| {
        let Some(id) = open.get() else {
            return;
        };
        let q = q.get();
        let (start, count) = session
            .doc
            .with_untracked(|d| visible_blocks(d.as_ref(), &id))
            .unwrap_or((0, ALL_BLOCKS));
        session.request_doc(&id, &q, start, count, true);
    });
    // Whether the answer is about the open document: a memo, so that the view is built
    // once per document, not again with every answer (a long one's blocks keep coming).
    let found = Memo::new(move |_| {
        let id = open.get()?;
        Some(
            session
                .doc
                .with(|d| d.as_ref().map(|d| d.meta.as_ref().map(|m| m.id == id))),
        )
    });
    move || {
        let id = open.get()?;
        Some(match found.get().flatten() {
            // Not answered yet (or answered about another document).
            None | Some(Some(false)) => view! {
                <article class="document" data-testid="document-view" aria-busy="true"></article>
            }
            .into_any(),
            Some(Some(true)) => view! { <DocumentView /> }.into_any(),
            Some(None) => view! {
                <aside class="document document--missing" data-testid="document-view">
                    <button class="document__close button" on:click=move |_| nav.close()>
                        {t("Close")}
                    </button>
                    <p>{t("No document in this archive has the id ")}<code dir="auto">{id}</code>"."</p>
                </aside>
            }
            .into_any(),
        })
    }
}

/// The blocks held of document `id`, as (start, count), if it is the one answered.
fn visible_blocks(doc: Option<&DocAnswer>, id: &str) -> Option<(u32, u32)> {
    let d = doc?;
    if d.meta.as_ref()?.id != id || d.block_chars.len() as u32 <= ALL_BLOCKS {
        return None;
    }
    let first = d.blocks.first()?.index;
    let last = d.blocks.last()?.index;
    Some((first, last + 1 - first))
}

/// One document in full (or a long one a screenful at a time).
#[component]
pub fn DocumentView() -> impl IntoView {
    let session = use_session();
    let nav = use_nav();
    let cursor = use_match_cursor();
    let instance = use_instance();
    let meta = Memo::new(move |_| {
        session
            .doc
            .with(|d| d.as_ref().and_then(|d| d.meta.clone()))
    });
    let counts = Memo::new(move |_| {
        session
            .doc
            .with(|d| d.as_ref().map(|d| (d.matches, d.block_chars.len() as u32)))
            .unwrap_or((None, 0))
    });
    // A new document or a new query starts before the first match.
    crate::effect::effect(move |_| {
        meta.track();
        counts.track();
        cursor.reset();
    });
    let heading = NodeRef::<leptos::html::H2>::new();
    // Move focus to the title when a document opens, for keyboard and screen-reader users.
    crate::effect::effect(move |prev: Option<Option<String>>| {
        let id = meta.with(|m| m.as_ref().map(|m| m.id.clone()));
        if prev.is_none_or(|p| p != id) {
            if let Some(h) = heading.get() {
                let _ = h.focus();
            }
        }
        id
    });
    let status = move || match (cursor.current(), counts.get().0) {
        (_, Some(0)) | (_, None) => String::new(),
        (None, Some(n)) => count(n as usize, "match", "matches"),
        (Some(i), Some(n)) => fill("Match {} of {}", &[&number(i + 1), &number(n as usize)]),
    };
    let has_matches = move || counts.get().0.is_some_and(|n| n > 0);
    let cite_open = RwSignal::new(false);
    let citation = Memo::new(move |_| {
        let archive = session.info.with(|i| i.title.clone());
        meta.with(|m| m.as_ref().map(|m| citation_of(m, archive, nav)))
    });
    // A memo: the body is built once per document, not again with every answer.
    let long = Memo::new(move |_| counts.get().1 > ALL_BLOCKS);
    let title = move || {
        meta.with(|m| {
            m.as_ref()
                .map(|m| marked(&m.title, &ranges(&m.title_marks)))
        })
    };
    view! {
        <article class="document" data-testid="document-view" aria-labelledby="document-title">
            <div class="document__toolbar">
                <Show when=has_matches>
                    <span class="document__matches" data-testid="match-status" aria-live="polite">
                        {status}
                    </span>
                    <button
                        class="document__step button button--quiet"
                        type="button"
                        title=t("Previous match (p)")
                        data-testid="previous-match"
                        on:click=move |_| step_match(session, cursor, instance, -1)
                    >
                        "↑"
                        <span class="visually-hidden">{t(" previous match")}</span>
                    </button>
                    <button
                        class="document__step button button--quiet"
                        type="button"
                        title=t("Next match (n)")
                        data-testid="next-match"
                        on:click=move |_| step_match(session, cursor, instance, 1)
                    >
                        "↓"
                        <span class="visually-hidden">{t(" next match")}</span>
                    </button>
                </Show>
                <button
                    class="document__cite-toggle button button--quiet"
                    type="button"
                    data-testid="cite-button"
                    aria-expanded=move || cite_open.get().to_string()
                    aria-controls="citation-panel"
                    on:click=move |_| cite_open.update(|o| *o = !*o)
                >
                    {t("Cite")}
                </button>
                <button
                    class="document__close button button--quiet"
                    on:click=move |_| nav.close()
                    aria-label=t("Close the document (Esc)")
                    title=t("Close (Esc)")
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
            {move || cite_open.get().then(|| view! { <CitePanel citation=citation /> })}
            {move || meta.get().map(|m| metadata(&m))}
            {move || meta.with(|m| m.as_ref().map(|m| related(&m.related, nav)))}
            {move || meta.with(|m| m.as_ref().map(|m| copies(&m.copies, nav)))}
            {move || if long.get() {
                view! { <LongBody /> }.into_any()
            } else {
                view! { <WholeBody /> }.into_any()
            }}
            // On paper, the reference at the foot (see the print styles).
            <footer class="document__print-cite" data-testid="print-citation">
                {move || citation.with(|c| c.as_ref().map(|c| c.text_in(crate::i18n::lang())))}
            </footer>
        </article>
    }
}

/// Every block of an ordinary document.
#[component]
fn WholeBody() -> impl IntoView {
    let session = use_session();
    let blocks = move || {
        session
            .doc
            .with(|d| d.as_ref().map(|d| d.blocks.clone()).unwrap_or_default())
    };
    view! {
        <div class="document__body" data-testid="document-body" dir="auto">
            <For each=blocks key=|b| (b.index, b.marks.clone()) children=|b: Block| block(&b) />
        </div>
    }
}

fn block(b: &Block) -> impl IntoView {
    view! { <p data-block=b.index>{marked(&b.text, &ranges(&b.marks))}</p> }
}

/// The blocks of a long document in view, placed by estimated heights.
#[component]
fn LongBody() -> impl IntoView {
    let session = use_session();
    let nav = use_nav();
    let body = NodeRef::<Div>::new();
    // How far the reader has scrolled into the body, and how much of it shows. The pane
    // around the body scrolls (the title and metadata scroll away above it); where the
    // body starts in the pane is read when the pane is laid out, never while scrolling.
    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(800.0f64);
    let body_top = StoredValue::new(0.0f64);
    crate::effect::effect(move |_| {
        let Some(el) = body.get() else {
            return;
        };
        let Some(pane) = el
            .closest(".document")
            .ok()
            .flatten()
            .and_then(|p| p.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        let inner: web_sys::HtmlElement = el.clone().into();
        let laid_out = pane.clone();
        let observer = observe_height(&pane, move |h| {
            body_top.set_value(f64::from(inner.offset_top()));
            let top = f64::from(laid_out.scroll_top()) - body_top.get_value();
            let _ = scroll_top.try_set(top.max(0.0));
            let _ = viewport.try_set(h);
        });
        let scrolled = pane.clone();
        let on_scroll = Closure::<dyn Fn()>::new(move || {
            let top = f64::from(scrolled.scroll_top()) - body_top.get_value();
            let _ = scroll_top.try_set(top.max(0.0));
        });
        let _ = pane.add_event_listener_with_callback("scroll", on_scroll.as_ref().unchecked_ref());
        let on_scroll = send_wrapper::SendWrapper::new(on_scroll);
        on_cleanup(move || {
            if let Some(o) = observer {
                o.disconnect();
            }
            let _ = pane
                .remove_event_listener_with_callback("scroll", on_scroll.as_ref().unchecked_ref());
            drop(on_scroll);
        });
    });
    // Where each block starts, by estimate.
    let offsets = Memo::new(move |_| {
        session.doc.with(|d| {
            let mut y = 0.0;
            let mut out = vec![0.0];
            for &c in d.as_ref().map_or(&[][..], |d| &d.block_chars) {
                y += estimated_height(c);
                out.push(y);
            }
            out
        })
    });
    let in_view = Memo::new(move |_| {
        let top = scroll_top.get();
        let bottom = top + viewport.get();
        offsets.with(|o| {
            let n = o.len().saturating_sub(1);
            let first = o.partition_point(|&y| y <= top).saturating_sub(1).min(n);
            let last = o.partition_point(|&y| y < bottom).min(n);
            (first as u32, last as u32)
        })
    });
    // Ask for the blocks coming into view.
    crate::effect::effect(move |_| {
        let (first, last) = in_view.get();
        let missing = session.doc.with_untracked(|d| {
            d.as_ref().is_none_or(|d| {
                let last = last.min((d.block_chars.len() as u32).saturating_sub(1));
                (first..=last).any(|i| d.blocks.binary_search_by_key(&i, |b| b.index).is_err())
            })
        });
        if missing {
            let start = first.saturating_sub(AROUND);
            let count = last - start + 2 * AROUND;
            let (id, q) = nav
                .state
                .with_untracked(|s| (s.doc.clone().unwrap_or_default(), s.q.clone()));
            session.request_doc(&id, &q, start, count, false);
        }
    });
    let shown = move || {
        let (first, last) = in_view.get();
        session.doc.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.blocks
                        .iter()
                        .filter(|b| b.index + 3 >= first && b.index <= last + 3)
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let pad = move || {
        let first = shown().first().map_or(0, |b| b.index as usize);
        offsets
            .with(|o| o.get(first).copied().unwrap_or(0.0))
            .round() as i64
    };
    let total = move || offsets.with(|o| o.last().copied().unwrap_or(0.0)).round() as i64;
    view! {
        <div
            class="document__body document__body--long"
            data-testid="document-body"
            dir="auto"
            node_ref=body
            style:padding-top=move || format!("{}px", pad())
            style:height=move || format!("{}px", total())
        >
            <For each=shown key=|b| (b.index, b.marks.clone()) children=|b: Block| block(&b) />
        </div>
    }
}

/// Moves to the next (`1`) or previous (`-1`) match, wrapping around, and scrolls it
/// into view. In a long document only the blocks in view are on the page: the engine
/// says which blocks hold matches, and the view goes there.
pub fn step_match(session: Session, cursor: MatchCursor, instance: Instance, delta: i32) {
    let Some(view) = instance.find("[data-testid=document-view]") else {
        return;
    };
    let Ok(marks) = view.query_selector_all("mark") else {
        return;
    };
    let n = session
        .doc
        .with_untracked(|d| d.as_ref().and_then(|d| d.matches))
        .map_or(marks.length() as usize, |m| m as usize)
        .min(marks.length() as usize);
    let Some(next) = cursor.stepped(delta, n) else {
        return;
    };
    for i in 0..marks.length() {
        if let Some(el) = marks
            .item(i)
            .and_then(|m| m.dyn_into::<web_sys::Element>().ok())
        {
            let current = i as usize == next;
            let _ = el.class_list().toggle_with_force("mark--current", current);
            if current {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Center);
                el.scroll_into_view_with_scroll_into_view_options(&options);
            }
        }
    }
    cursor.set(Some(next));
}

fn metadata(doc: &DocMeta) -> impl IntoView {
    let text = |s: &str| view! { <span dir="auto">{s.to_string()}</span> }.into_any();
    let mut rows: Vec<(String, AnyView)> = Vec::new();
    if let Some(d) = doc.date {
        rows.push((
            t("Date").into(),
            view! { <time datetime=d.to_iso()>{date(&d)}</time> }.into_any(),
        ));
    }
    for (label, value) in &doc.fields {
        rows.push((t(label).to_string(), text(value)));
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
        rows.push((t("Original").into(), view));
    }
    let extra = doc.meta.clone();
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

/// The reference to the open document: its source and agency from the metadata, the
/// archive's title, the link that reopens this view, and today as the day consulted.
fn citation_of(m: &DocMeta, archive: Option<String>, nav: Nav) -> Citation {
    let field = |f: Field| {
        m.fields
            .iter()
            .find(|(label, _)| label == f.label())
            .map(|(_, v)| v.clone())
    };
    let here = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let page = here.split('#').next().unwrap_or_default().to_string();
    let today = js_sys::Date::new_0().to_iso_string();
    Citation {
        title: m.title.clone(),
        source: field(Field::Source),
        agency: field(Field::Agency),
        date: m.date,
        archive,
        permalink: format!("{page}{}", nav.href_for(&m.id)),
        accessed: today.as_string().map(|t| t.chars().take(10).collect()),
    }
}

/// The citation to copy, as text and as BibTeX.
#[component]
fn CitePanel(citation: Memo<Option<Citation>>) -> impl IntoView {
    let copied = RwSignal::new(String::new());
    let copy = move |what: &'static str, text: String| {
        let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
            return;
        };
        let promise = clipboard.write_text(&text);
        wasm_bindgen_futures::spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(promise).await;
            copied.set(match done {
                Ok(_) => fill("{} copied", &[t(what)]),
                Err(_) => t("The browser did not allow copying: select the text instead").into(),
            });
        });
    };
    let text = move || {
        citation.with(|c| {
            c.as_ref()
                .map(|c| c.text_in(crate::i18n::lang()))
                .unwrap_or_default()
        })
    };
    let bibtex = move || citation.with(|c| c.as_ref().map(Citation::bibtex).unwrap_or_default());
    view! {
        <section
            id="citation-panel"
            class="document__cite"
            data-testid="citation-panel"
            aria-label=t("Cite this document")
        >
            <p class="document__cite-text" data-testid="citation" dir="auto">{text}</p>
            <button
                class="button"
                type="button"
                data-testid="copy-citation"
                on:click=move |_| copy("Citation", text())
            >
                {t("Copy citation")}
            </button>
            <pre class="document__cite-bibtex" data-testid="citation-bibtex" dir="ltr">{bibtex}</pre>
            <button
                class="button"
                type="button"
                data-testid="copy-bibtex"
                on:click=move |_| copy("BibTeX", bibtex())
            >
                {t("Copy BibTeX")}
            </button>
            <span class="document__cite-status" role="status" data-testid="copy-status">
                {move || copied.get()}
            </span>
        </section>
    }
}

/// Documents like the open one, each a link that opens it (a new history entry: Back
/// returns). Nothing when there are none.
fn related(docs: &[RelatedDoc], nav: Nav) -> Option<impl IntoView> {
    let items = docs
        .iter()
        .map(|r| (r.id.clone(), r.title.clone(), r.date))
        .collect();
    doc_links(items, t("Related"), "related", 0, nav)
}

/// Copies the document view links to; it says how many more there are.
const COPIES_LISTED: usize = 20;

/// The open document's identical copies, by id (their title, text and date are this
/// one's; what differs is in their metadata): links that open them, the first
/// [`COPIES_LISTED`] of them.
fn copies(ids: &[String], nav: Nav) -> Option<impl IntoView> {
    let items = ids
        .iter()
        .take(COPIES_LISTED)
        .map(|id| (id.clone(), id.clone(), None))
        .collect();
    let more = ids.len().saturating_sub(COPIES_LISTED);
    doc_links(items, t("Identical copies"), "copies", more, nav)
}

/// A titled list of documents (id, text of the link, date), each a link that opens it,
/// and how many more there are, not listed.
fn doc_links(
    docs: Vec<(String, String, Option<chronicle_core::date::Date>)>,
    heading: &'static str,
    name: &'static str,
    more: usize,
    nav: Nav,
) -> Option<impl IntoView> {
    if docs.is_empty() {
        return None;
    }
    let items = docs
        .into_iter()
        .map(|(id, text, date)| {
            let href = nav.href_for(&id);
            let open = move |ev: leptos::ev::MouseEvent| {
                if plain_click(&ev) {
                    ev.prevent_default();
                    nav.open(id.clone(), Entry::Push);
                }
            };
            let date =
                date.map(|d| view! { <time datetime=d.to_iso()>{crate::i18n::date(&d)}</time> });
            view! {
                <li>
                    <a href=href on:click=open data-testid=format!("{name}-item") dir="auto">
                        {text}
                    </a>
                    " "
                    {date}
                </li>
            }
        })
        .collect_view();
    let heading_id = format!("{name}-heading");
    let labelled_by = heading_id.clone();
    Some(view! {
        <nav class="document__related" aria-labelledby=labelled_by data-testid=name>
            <h3 id=heading_id class="document__related-heading">{heading}</h3>
            <ul>{items}</ul>
            {(more > 0).then(|| fill("and {} more", &[&number(more)]))}
        </nav>
    })
}

/// Only `http:` and `https:` URLs become links.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}
