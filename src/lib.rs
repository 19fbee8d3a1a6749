//! Chronicle, the web app: an archive viewer that runs entirely in the browser.
//!
//! # Overview
//! [`start`] installs the panic hook and mounts [`app::App`]. The app loads the corpus,
//! and every component reads shared state through [`context`] and leaves the real work
//! (validation, search, highlighting) to `chronicle-core`. View state lives in the URL
//! fragment ([`state`], [`history`]) so links, reloads and Back/Forward restore a view,
//! even from `file://`.

pub mod app;
pub mod archive;
pub mod components;
pub mod context;
pub mod fetch;
pub mod history;
pub mod keyboard;
pub mod panic;
pub mod state;

/// Entry point: panic hook, then mount the app on `<body>`.
pub fn start() {
    panic::install();
    leptos::mount::mount_to_body(app::App);
}
