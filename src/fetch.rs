//! Where the corpus is, and what the browser says when something fails.
//!
//! # Overview
//! The engine worker fetches and reads the corpus (`chronicle-engine`); the page only
//! names it: [`CORPUS_URL`], next to the page, so the app works under any sub-path.

use wasm_bindgen::{JsCast, JsValue};

/// Where the corpus is, relative to the page.
pub const CORPUS_URL: &str = "corpus.json";

/// The message of a JavaScript error (or rejection value), for the reader.
pub fn js_message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "the browser gave no reason".to_string())
}
