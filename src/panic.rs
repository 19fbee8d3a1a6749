//! A panic is shown in the page, never as a blank screen.
//!
//! # Overview
//! [`install`] sets a panic hook that logs the panic to the console (whose entry keeps
//! the stack it was called from) and then writes a plain message into the page with
//! DOM calls only (no Leptos: after a panic the app's state cannot be trusted). The
//! element has `role="alert"` and `data-testid="panic"`.

use wasm_bindgen::JsCast;

/// Installs the hook. Call first thing in `main`.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        // The console shows where it was called from (the WebAssembly frames included).
        web_sys::console::error_1(&info.to_string().into());
        let message = match info.payload().downcast_ref::<&str>() {
            Some(s) => (*s).to_string(),
            None => info
                .payload()
                .downcast_ref::<String>()
                .cloned()
                .unwrap_or_else(|| "unknown error".to_string()),
        };
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        show(&format!("{message}{place}"));
    }));
}

fn show(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    let Ok(panel) = document.create_element("div") else {
        return;
    };
    let _ = panel.set_attribute("class", "panic");
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("data-testid", "panic");
    let parts = [
        (
            "h2",
            crate::i18n::t("Chronicle stopped because of an internal error").to_string(),
        ),
        (
            "p",
            crate::i18n::t(
                "Your archive is safe: nothing was sent anywhere. Reload the page to start \
                 again. If it happens again, please report the details below.",
            )
            .to_string(),
        ),
        ("pre", detail.to_string()),
    ];
    for (tag, text) in parts {
        if let Ok(el) = document.create_element(tag) {
            el.set_text_content(Some(&text));
            let _ = panel.append_child(&el);
        }
    }
    if let Ok(button) = document.create_element("button") {
        button.set_text_content(Some(crate::i18n::t("Reload")));
        let reload = js_sys::Function::new_no_args("location.reload()");
        if let Some(b) = button.dyn_ref::<web_sys::HtmlElement>() {
            b.set_onclick(Some(&reload));
        }
        let _ = panel.append_child(&button);
    }
    let _ = body.prepend_with_node_1(&panel);
}
