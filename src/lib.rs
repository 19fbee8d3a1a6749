//! Chronicle, the web app: an archive viewer that runs entirely in the browser.
//!
//! # Overview
//! The page's WebAssembly module: [`start`] installs the panic hook and mounts
//! [`app::App`], which draws. The archive loads, and queries are answered, in Web
//! Workers running a module of their own (`chronicle-engine`, crates/engine), so the
//! page never waits on the engine and carries none of its code ([`client`] connects the
//! two). Components read shared state through [`context`]. View
//! state lives in the URL fragment ([`state`], [`history`]) so links, reloads and
//! Back/Forward restore a view, even from `file://`.

pub mod app;
pub mod client;
pub mod components;
pub mod context;
pub mod download;
pub mod effect;
pub mod fetch;
pub mod files;
pub mod history;
pub mod i18n;
pub mod instance;
pub mod keyboard;
pub mod panic;
pub mod state;

/// The id of the `<script type="application/json">` element an offline file inlines its
/// corpus in.
pub const INLINE_CORPUS_ID: &str = "chronicle-corpus";

/// Entry point: panic hook, then mount the app on `<body>`, with the archive an offline
/// file holds (`window.chronicleArchive`, or a JSON corpus inlined in the page), else from the URL the page names in
/// `<meta name="chronicle-corpus">` (a built site), else from `corpus.json` next to it. Pages that
/// mount instances themselves (the embed script, the benchmark) say
/// `<html data-chronicle-mount="manual">` or set `window.chronicleManualMount`.
pub fn start() {
    panic::install();
    let Some(window) = web_sys::window() else {
        return;
    };
    let manual_flag = js_sys::Reflect::get(&window, &"chronicleManualMount".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let Some(document) = window.document() else {
        return;
    };
    let manual_attr = document
        .document_element()
        .and_then(|e| e.get_attribute("data-chronicle-mount"))
        .is_some_and(|v| v == "manual");
    if manual_flag || manual_attr {
        return;
    }
    // A built site names its archive in `<meta name="chronicle-corpus" content="…">`.
    let named = document
        .query_selector("meta[name=chronicle-corpus]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .filter(|url| !url.is_empty());
    // An offline file's prebuilt archive, unpacked by its start-up script.
    let packed = js_sys::Reflect::get(&window, &"chronicleArchive".into())
        .ok()
        .and_then(|v| wasm_bindgen::JsCast::dyn_into::<web_sys::File>(v).ok());
    let source = match (packed, document.get_element_by_id(INLINE_CORPUS_ID)) {
        (Some(file), _) => instance::Source::File(file),
        (None, Some(script)) => instance::Source::Inline(script.text_content().unwrap_or_default()),
        (None, None) => {
            instance::Source::Url(named.unwrap_or_else(|| fetch::CORPUS_URL.to_string()))
        }
    };
    i18n::choose_for_page();
    let options = instance::Options {
        source,
        url_state: true,
        root: None,
        initial_query: String::new(),
    };
    leptos::mount::mount_to_body(move || leptos::view! { <app::App options /> });
}

/// Mounts Chronicle into every `<div data-chronicle>` of the page not yet mounted, each in
/// its own shadow root with the stylesheets at `css` (URLs). Called by
/// `chronicle-embed.js`. Attributes: `data-corpus` (URL, default `corpus.json`),
/// `data-query`, `data-theme` (`light`/`dark`), `data-hash` (keep the view in the page's
/// URL; for one instance per page).
#[wasm_bindgen::prelude::wasm_bindgen(js_name = mountEmbeds)]
pub fn mount_embeds(css: Vec<String>) -> usize {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return 0;
    };
    let Ok(hosts) = document.query_selector_all("[data-chronicle]:not([data-chronicle-mounted])")
    else {
        return 0;
    };
    let mut mounted = 0;
    for i in 0..hosts.length() {
        let Some(host) = hosts
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        let _ = host.set_attribute("data-chronicle-mounted", "");
        let Ok(shadow) =
            host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        else {
            continue;
        };
        for href in &css {
            if let Ok(link) = document.create_element("link") {
                let _ = link.set_attribute("rel", "stylesheet");
                let _ = link.set_attribute("href", href);
                let _ = shadow.append_child(&link);
            }
        }
        let Some(container) = document
            .create_element("div")
            .ok()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        let _ = container.set_attribute("class", "chronicle-root");
        i18n::choose_for_embed(&host);
        i18n::mark(&container, i18n::lang());
        let _ = shadow.append_child(&container);
        let attr = |name: &str| host.get_attribute(name);
        let options = instance::Options {
            source: instance::Source::Url(
                attr("data-corpus").unwrap_or_else(|| fetch::CORPUS_URL.into()),
            ),
            url_state: attr("data-hash").is_some(),
            root: Some(container.clone().into()),
            initial_query: attr("data-query").unwrap_or_default(),
        };
        leptos::mount::mount_to(container, move || leptos::view! { <app::App options /> }).forget();
        mounted += 1;
    }
    mounted
}
