//! Handing a file made in the page to the reader: a Blob, saved through a link with the
//! `download` attribute (no server, works from `file://` and inside embeds).
//!
//! A file made in slices (an export, a megabyte at a time from the engine worker) becomes
//! a Blob slice by slice as they come ([`blob`]: a copy of the slice's bytes), so that
//! handing it over at the end ([`save`]) copies nothing: made from the slices' text at the
//! end, a 200 MB export was one task of 940 ms on the page's thread.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Blob;

/// A slice of a file as a Blob of its UTF-8 bytes.
pub fn blob(text: &str) -> Option<Blob> {
    let bytes = Array::new();
    bytes.push(&Uint8Array::from(text.as_bytes()));
    Blob::new_with_u8_array_sequence(&bytes).ok()
}

/// Saves the slices `parts` (one file) as `name`, of type `mime`.
pub fn save(parts: &[Blob], name: &str, mime: &str) {
    if let Err(e) = try_save(parts, name, mime) {
        web_sys::console::error_1(&e);
    }
}

fn try_save(parts: &[Blob], name: &str, mime: &str) -> Result<(), JsValue> {
    let array = Array::new();
    for p in parts {
        array.push(p);
    }
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_blob_sequence_and_options(&array, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    // The browser has taken the file once the click is handled; the URL goes a little
    // later (revoking it at once can cancel the download in some browsers).
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)?;
    Ok(())
}
