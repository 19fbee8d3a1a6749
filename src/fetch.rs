//! Getting the corpus: streamed from `corpus.json` next to the page, straight into the
//! loader.
//!
//! # Overview
//! [`load_archive`] fetches the corpus with a relative URL (so the app works under any
//! sub-path), reads the response body chunk by chunk, and feeds each chunk to an
//! [`ArchiveLoader`] as it arrives, reporting [`Progress`] after each. The whole file is
//! never held at once. Failures come back as a sentence a reader can act on.

use chronicle_core::{Archive, ArchiveLoader, LoadError};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStream, ReadableStreamDefaultReader, Response};

/// Where the corpus is, relative to the page.
pub const CORPUS_URL: &str = "corpus.json";

/// Archives at least this large get an engine warm-up while they download.
pub const WARM_UP_FROM_BYTES: u64 = 4 * 1024 * 1024;

/// How far loading has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Bytes received.
    pub bytes: u64,
    /// Bytes expected, if the server said.
    pub total: Option<u64>,
    /// Documents loaded.
    pub documents: usize,
}

/// Why loading failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failed {
    /// The file could not be fetched.
    Fetch(String),
    /// The file is not a corpus.
    Load(LoadError),
}

/// Fetches `url` and loads it, calling `progress` after each chunk.
pub async fn load_archive(url: &str, progress: impl Fn(Progress)) -> Result<Archive, Failed> {
    let window = web_sys::window().ok_or_else(|| Failed::Fetch("no window".into()))?;
    let failed = |detail: String| {
        Failed::Fetch(format!(
            "Could not load the archive file \"{url}\": {detail}"
        ))
    };
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
    let total = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.parse().ok());
    // A large archive is still downloading: warm the engine up meanwhile, so its code is
    // compiled and optimized by the time the bytes arrive (see `chronicle_core::warmup`).
    if total.is_none_or(|t| t >= WARM_UP_FROM_BYTES) {
        chronicle_core::warmup::run();
    }
    let mut loader = ArchiveLoader::new();
    // The file has begun (an empty one is then an error, not an empty archive).
    loader.feed(&[]).map_err(Failed::Load)?;
    let mut state = Progress {
        total,
        ..Progress::default()
    };
    match response.body() {
        Some(body) => {
            feed_stream(&body, &mut loader, &mut state, &progress, failed).await?;
        }
        None => {
            let buffer = JsFuture::from(
                response
                    .array_buffer()
                    .map_err(|e| failed(js_message(&e)))?,
            )
            .await
            .map_err(|e| failed(js_message(&e)))?;
            loader
                .feed(&Uint8Array::new(&buffer).to_vec())
                .map_err(Failed::Load)?;
        }
    }
    loader.finish().map_err(Failed::Load)
}

/// Loads a corpus inlined in the page (an offline file), in chunks so that progress shows.
pub async fn load_inline(text: String, progress: impl Fn(Progress)) -> Result<Archive, Failed> {
    let bytes = text.into_bytes();
    let mut loader = ArchiveLoader::new();
    loader.feed(&[]).map_err(Failed::Load)?;
    let mut state = Progress {
        total: Some(bytes.len() as u64),
        ..Progress::default()
    };
    for chunk in bytes.chunks(INLINE_CHUNK) {
        loader.feed(chunk).map_err(Failed::Load)?;
        state.bytes += chunk.len() as u64;
        state.documents = loader.documents();
        progress(state);
        // Let the page paint the progress before the next chunk.
        next_frame().await;
    }
    loader.finish().map_err(Failed::Load)
}

/// Bytes of an inlined corpus loaded between two repaints.
const INLINE_CHUNK: usize = 2 * 1024 * 1024;

async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Feeds every chunk of `stream` (a download, or a file from the reader's disk) to
/// `loader` as it arrives, counting it into `state` and reporting progress after each.
/// `failed` turns a read error into the reader's sentence.
pub async fn feed_stream(
    stream: &ReadableStream,
    loader: &mut ArchiveLoader,
    state: &mut Progress,
    progress: &impl Fn(Progress),
    failed: impl Fn(String) -> Failed,
) -> Result<(), Failed> {
    let reader: ReadableStreamDefaultReader = stream
        .get_reader()
        .dyn_into()
        .map_err(|_| failed("the browser could not read the data".into()))?;
    loop {
        let result = JsFuture::from(reader.read())
            .await
            .map_err(|e| failed(js_message(&e)))?;
        let done = Reflect::get(&result, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            return Ok(());
        }
        let value = Reflect::get(&result, &JsValue::from_str("value"))
            .map_err(|_| failed("the browser could not read the data".into()))?;
        let chunk = Uint8Array::new(&value).to_vec();
        state.bytes += chunk.len() as u64;
        loader.feed(&chunk).map_err(Failed::Load)?;
        state.documents = loader.documents();
        progress(*state);
    }
}

/// The message of a JavaScript error (or rejection value), for the reader.
pub fn js_message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "the browser gave no reason".to_string())
}
