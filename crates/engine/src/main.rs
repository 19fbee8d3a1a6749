//! Chronicle's search engine, in Web Workers, so the page never waits on it.
//!
//! # Overview
//! A WebAssembly module of its own (`chronicle-engine_bg.wasm`), apart from the page's
//! (`chronicle-app_bg.wasm`, which draws): the page never needs the engine's code, and
//! the engine none of the page's, so each is only what it runs, and the engine is built
//! for speed while the page is built for size. The page's start-up script compiles this
//! module once and hands it to each worker; the worker's start-up script
//! (`chronicle-worker.js`, after this module's glue `chronicle-engine.js`) instantiates
//! it and calls [`worker_start`]. The page starts one *engine* worker and, for a large
//! archive, *helper* workers (one per spare processor core).
//!
//! - [`engine`]: the engine worker. It loads the archive ([`load`]), keeps it, and
//!   answers the page's requests ([`chronicle_core::protocol`]) with
//!   [`chronicle_core::engine::Engine`]; while loading it answers over what has loaded.
//! - [`helper`]: a helper worker reads batches of documents the engine sends it into
//!   parts of the archive, and sends them back.
//! - [`runs`]: what loading keeps per run of documents.
//! - [`text`]: the text of a prebuilt archive kept in shards beside it, fetched as read.
//! - `api` (with the `bench-api` feature): the engine's JavaScript API, for the
//!   engine-only benchmark.
//!
//! Messages between the page and the engine are bytes ([`chronicle_core::codec`]),
//! transferred, not copied.

#[cfg(feature = "bench-api")]
pub mod api;
mod engine;
mod helper;
mod load;
mod runs;
mod shards;

use js_sys::{Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessagePort};

/// Starts this worker in the role its first message names (`{role: "engine"}` or
/// `{role: "helper", port}`); `pending` holds messages that arrived during start-up.
#[wasm_bindgen(js_name = workerStart)]
pub fn worker_start(init: JsValue, pending: js_sys::Array) {
    let role = Reflect::get(&init, &"role".into())
        .ok()
        .and_then(|r| r.as_string())
        .unwrap_or_default();
    match role.as_str() {
        "helper" => {
            if let Some(port) = Reflect::get(&init, &"port".into())
                .ok()
                .and_then(|p| p.dyn_into::<MessagePort>().ok())
            {
                helper::start(port);
            }
        }
        _ => engine::start(pending),
    }
}

/// This worker's global scope.
pub fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Milliseconds since the worker started.
pub fn now() -> f64 {
    scope().performance().map_or(0.0, |p| p.now())
}

/// Bytes as a transferable `ArrayBuffer`, and the transfer list for it.
pub fn transferable(bytes: &[u8]) -> (JsValue, js_sys::Array) {
    let array = Uint8Array::new_with_length(bytes.len() as u32);
    array.copy_from(bytes);
    let buffer = array.buffer();
    (buffer.clone().into(), js_sys::Array::of1(&buffer))
}

/// The bytes of an `ArrayBuffer` (or typed array) sent in a message.
pub fn bytes_of(value: &JsValue) -> Vec<u8> {
    Uint8Array::new(value).to_vec()
}

/// Resolves after the event loop has had a turn (messages, other tasks): a
/// `MessageChannel` round trip, which browsers do not slow down as they do `setTimeout`.
pub async fn next_tick() {
    let promise = Promise::new(&mut |resolve, _| {
        if let Ok(channel) = web_sys::MessageChannel::new() {
            let port = channel.port2();
            port.set_onmessage(Some(&resolve));
            let _ = channel.port1().post_message(&JsValue::NULL);
            // Keep the port alive until it fires: it holds the resolver.
            let _ = Reflect::set(&resolve, &"port".into(), &port);
        } else {
            let _ = scope().set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// The message of a JavaScript error (or rejection value).
pub fn js_message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "the browser gave no reason".to_string())
}

/// Nothing runs when the module starts: a worker's first message says what it is.
fn main() {}
