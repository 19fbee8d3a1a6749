//! Handing a file made in the page to the reader: a Blob, saved through a link with the
//! `download` attribute (no server, works from `file://` and inside embeds).

use chronicle_core::protocol::ExportFormat;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Saves the text `parts` (one file) as `chronicle-results.EXT`.
pub fn save(parts: &[String], format: ExportFormat) {
    let name = format!("chronicle-results.{}", format.extension());
    save_text(parts, &name, format.mime());
}

/// Saves the text `parts` (one file) as `name`, of type `mime`.
pub fn save_text(parts: &[String], name: &str, mime: &str) {
    if let Err(e) = try_save(parts, name, mime) {
        web_sys::console::error_1(&e);
    }
}

fn try_save(parts: &[String], name: &str, mime: &str) -> Result<(), JsValue> {
    let array = js_sys::Array::new();
    for p in parts {
        array.push(&JsValue::from_str(p));
    }
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&array, &options)?;
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
