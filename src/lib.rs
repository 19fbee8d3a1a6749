//! Chronicle, the web app: an archive viewer that runs entirely in the browser.
//!
//! # Overview
//! [`start`] installs the panic hook and mounts [`app::App`]. The app loads the corpus,
//! and every component reads shared state through [`context`] and leaves the real work
//! (validation, search, highlighting) to `chronicle-core`. View state lives in the URL
//! fragment ([`state`], [`history`]) so links, reloads and Back/Forward restore a view,
//! even from `file://`.

pub mod api;
pub mod app;
pub mod components;
pub mod context;
pub mod fetch;
pub mod history;
pub mod keyboard;
pub mod panic;
pub mod state;

/// Entry point: panic hook, then mount the app on `<body>` — unless the page says
/// `<html data-chronicle-mount="manual">` (the benchmark page, embeds), which then uses
/// the JavaScript API in [`api`].
pub fn start() {
    panic::install();
    let manual = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("data-chronicle-mount"))
        .is_some_and(|v| v == "manual");
    if !manual {
        leptos::mount::mount_to_body(app::App);
    }
}
