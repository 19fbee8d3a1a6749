//! Getting the corpus bytes: fetched from `corpus.json` next to the page.
//!
//! # Overview
//! [`corpus_bytes`] fetches the corpus with a relative URL, so the app works under any
//! sub-path, and hands the raw bytes to Rust (no detour through a JS string). Failures
//! come back as a sentence a reader can act on.

use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// Where the corpus is, relative to the page.
pub const CORPUS_URL: &str = "corpus.json";

/// Fetches `url` and returns its body.
pub async fn corpus_bytes(url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let failed = |detail: String| format!("Could not load the archive file \"{url}\": {detail}");
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| failed(js_message(&e)))?;
    let response: Response = response
        .dyn_into()
        .map_err(|_| failed("unexpected fetch result".into()))?;
    if !response.ok() {
        return Err(failed(format!(
            "the server answered {} {}",
            response.status(),
            response.status_text()
        )));
    }
    let buffer = response
        .array_buffer()
        .map_err(|e| failed(js_message(&e)))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|e| failed(js_message(&e)))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

fn js_message(value: &wasm_bindgen::JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "the network request failed".to_string())
}
