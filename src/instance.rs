//! One Chronicle on a page: where its corpus comes from, where it keeps its state, and the
//! part of the page it owns.
//!
//! # Overview
//! The app runs three ways: as the page itself (state in `location.hash`), inside an
//! iframe (the same, with `#embed=1` for compact chrome), and mounted by
//! `chronicle-embed.js` into elements of someone else's page, each in its own shadow root
//! with its state in memory (or in the hash with `data-hash`). [`Options`] says which;
//! [`Instance`] (a context) lets components find their own elements and listen for keys
//! without reaching into the host page.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Where the corpus comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Fetched from a URL (relative to the page).
    Url(String),
    /// Inlined in the page (`<script type="application/json" id="chronicle-corpus">`).
    Inline(String),
    /// A file the page holds: an offline file's inlined prebuilt archive, which its
    /// start-up script unpacks into `window.chronicleArchive`.
    File(web_sys::File),
}

/// How an instance is set up.
pub struct Options {
    /// The corpus.
    pub source: Source,
    /// Keep the view in `location.hash` (links, Back/Forward); otherwise in memory.
    pub url_state: bool,
    /// The element the instance lives in (a shadow root's container), if not the page.
    pub root: Option<web_sys::Element>,
    /// The query to start with (when the state is in memory).
    pub initial_query: String,
}

/// The instance, from context. See the module docs.
#[derive(Clone, Copy)]
pub struct Instance {
    root: StoredValue<Option<web_sys::Element>, LocalStorage>,
    /// Whether the view lives in the URL.
    pub url_state: bool,
}

impl Instance {
    /// An instance for these options.
    pub fn new(options: &Options) -> Instance {
        Instance {
            root: StoredValue::new_local(options.root.clone()),
            url_state: options.url_state,
        }
    }

    /// Whether this instance is the whole page.
    pub fn is_page(&self) -> bool {
        self.root.with_value(Option::is_none)
    }

    /// The host page's element this instance was mounted into (the shadow root's host);
    /// `None` for the page itself.
    pub fn host(&self) -> Option<web_sys::Element> {
        self.root.with_value(|root| {
            let shadow: web_sys::ShadowRoot = root.as_ref()?.get_root_node().dyn_into().ok()?;
            Some(shadow.host())
        })
    }

    /// The first element of this instance matching a CSS selector.
    pub fn find(&self, selector: &str) -> Option<web_sys::Element> {
        self.root.with_value(|root| match root {
            Some(r) => r.query_selector(selector).ok().flatten(),
            None => document().query_selector(selector).ok().flatten(),
        })
    }

    /// Every element of this instance matching a CSS selector.
    pub fn find_all(&self, selector: &str) -> Vec<web_sys::Element> {
        let list = self.root.with_value(|root| match root {
            Some(r) => r.query_selector_all(selector).ok(),
            None => document().query_selector_all(selector).ok(),
        });
        let Some(list) = list else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i).and_then(|n| n.dyn_into().ok()))
            .collect()
    }

    /// Calls `f` for every `event` on this instance (the window, for the whole page),
    /// until the calling component is cleaned up.
    pub fn listen<E: JsCast + 'static>(&self, event: &'static str, f: impl Fn(E) + 'static) {
        let target: web_sys::EventTarget = self.root.with_value(|root| match root {
            Some(r) => r.clone().unchecked_into(),
            None => window().unchecked_into(),
        });
        let closure = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            f(ev.unchecked_into::<E>())
        });
        let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        let handle = StoredValue::new_local(Some((target, closure)));
        on_cleanup(move || {
            if let Some(Some((target, closure))) = handle.try_update_value(Option::take) {
                let _ = target
                    .remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
            }
        });
    }
}

/// The instance, from context.
pub fn use_instance() -> Instance {
    expect_context::<Instance>()
}
