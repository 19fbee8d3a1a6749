//! The page's side of the engine: start its workers, send requests, receive answers.
//!
//! # Overview
//! [`Client::start`] starts the engine worker and opens the archive in it; helper workers
//! follow when the engine asks (a large archive). Workers run the engine's own
//! WebAssembly module (`chronicle-engine_bg.wasm`, not the page's): the start-up script
//! (`chronicle-boot.js`, an embed's script, or an offline file's inline script) compiles
//! it once, while the page starts, and leaves it with where the worker script is in
//! `window.chronicleRuntime`:
//!
//! ```js
//! window.chronicleRuntime = {
//!   engine,         // the engine's compiled WebAssembly.Module (or a promise of it)
//!   workerUrl,      // chronicle-worker.js, when it can be loaded from a URL
//!   glueUrl,        // chronicle-engine.js, to make a Blob worker from (another origin)
//!   workerSource,   // or the worker's whole script (an offline file)
//!   spareWorker,    // a worker already started from workerUrl, taken once
//! };
//! ```
//!
//! A worker is started from `workerUrl` when it is on the page's own origin (this works
//! under a strict Content-Security-Policy); otherwise (an embed on another site, a file
//! opened from disk) from a Blob URL of the same code, which is what browsers allow
//! there. Messages are [`ToEngine`] and [`FromEngine`] as bytes, transferred.

use crate::i18n::fill;
use std::cell::RefCell;
use std::rc::Rc;

use chronicle_core::codec::{from_bytes, to_bytes};
use chronicle_core::protocol::{FromEngine, ToEngine};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Blob, BlobPropertyBag, MessageChannel, MessageEvent, Url, Worker};

/// What to open.
#[derive(Debug, Clone)]
pub enum Open {
    /// A corpus file at a URL (absolute), and the name it goes by (the URL as written).
    Url(String, String),
    /// A corpus inlined in the page.
    Text(String),
    /// The reader's own files.
    Files(Vec<web_sys::File>),
}

/// A connection to the engine worker. Cloning shares it.
#[derive(Clone)]
pub struct Client {
    inner: Rc<RefCell<Inner>>,
}

struct Inner {
    engine: Option<Worker>,
    /// Requests made before the worker existed.
    queued: Vec<JsValue>,
    helpers: Vec<Worker>,
    /// Whether the engine has been told the archive is painted.
    painted: bool,
    on_message: Rc<dyn Fn(FromEngine)>,
    on_error: Rc<dyn Fn(String)>,
}

fn runtime() -> JsValue {
    Reflect::get(&js_sys::global(), &"chronicleRuntime".into()).unwrap_or(JsValue::UNDEFINED)
}

fn runtime_field(name: &str) -> Option<JsValue> {
    Reflect::get(&runtime(), &name.into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Whether `url` is on the page's own origin.
fn same_origin(url: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let origin = window.location().origin().unwrap_or_default();
    Url::new(url).is_ok_and(|u| u.origin() == origin && origin != "null")
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| crate::fetch::js_message(&e))?
        .dyn_into()
        .map_err(|_| "unexpected fetch result".to_string())?;
    if !response.ok() {
        return Err(format!("{url}: the server answered {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|e| crate::fetch::js_message(&e))?)
        .await
        .map_err(|e| crate::fetch::js_message(&e))?;
    Ok(text.as_string().unwrap_or_default())
}

fn blob_worker(source: &str) -> Result<Worker, String> {
    let options = BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = Blob::new_with_str_sequence_and_options(&Array::of1(&source.into()), &options)
        .map_err(|e| crate::fetch::js_message(&e))?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|e| crate::fetch::js_message(&e))?;
    let worker = Worker::new(&url).map_err(|e| crate::fetch::js_message(&e));
    Url::revoke_object_url(&url).ok();
    worker
}

/// Starts one worker running the engine's code (see the module docs): the one the
/// start-up script started early (`spareWorker`), the first time.
async fn new_worker() -> Result<Worker, String> {
    if let Some(spare) = runtime_field("spareWorker").and_then(|w| w.dyn_into::<Worker>().ok()) {
        let _ =
            Reflect::delete_property(runtime().unchecked_ref::<Object>(), &"spareWorker".into());
        return Ok(spare);
    }
    if let Some(source) = runtime_field("workerSource").and_then(|s| s.as_string()) {
        return blob_worker(&source);
    }
    let worker_url = runtime_field("workerUrl")
        .and_then(|u| u.as_string())
        .ok_or("the page did not say where Chronicle's worker script is")?;
    if same_origin(&worker_url) {
        if let Ok(w) = Worker::new(&worker_url) {
            return Ok(w);
        }
    }
    // Another origin (or a page the browser will not start URL workers for): the same
    // code, from a Blob URL.
    let glue_url = runtime_field("glueUrl")
        .and_then(|u| u.as_string())
        .ok_or("the page did not say where Chronicle's code is")?;
    let glue = fetch_text(&glue_url).await?;
    let boot = fetch_text(&worker_url).await?;
    blob_worker(&format!("{glue}\n{boot}"))
}

/// The engine's compiled module, once the start-up script has it.
async fn engine_module() -> Result<JsValue, String> {
    let engine = runtime_field("engine").ok_or("the page did not give the engine's code")?;
    JsFuture::from(js_sys::Promise::resolve(&engine))
        .await
        .map_err(|e| crate::fetch::js_message(&e))
}

/// A worker's first message: its role and the engine's module.
fn init_message(role: &str, module: &JsValue) -> Object {
    let m = Object::new();
    let _ = Reflect::set(&m, &"role".into(), &role.into());
    let _ = Reflect::set(&m, &"module".into(), module);
    m
}

/// Starts a worker and gives it the engine's module; the worker and the module.
async fn start_worker() -> Result<(Worker, JsValue), String> {
    let module = engine_module().await?;
    Ok((new_worker().await?, module))
}

impl Client {
    /// Starts the engine and opens `open` in it; `on_message` gets every message,
    /// `on_error` a worker that failed.
    pub fn start(
        open: Open,
        on_message: impl Fn(FromEngine) + 'static,
        on_error: impl Fn(String) + 'static,
    ) -> Client {
        let client = Client {
            inner: Rc::new(RefCell::new(Inner {
                engine: None,
                queued: Vec::new(),
                helpers: Vec::new(),
                painted: false,
                on_message: Rc::new(on_message),
                on_error: Rc::new(on_error),
            })),
        };
        client.send_raw(open_message(&open));
        let c = client.clone();
        spawn_local(async move {
            match start_worker().await {
                Ok((worker, module)) => c.connect(worker, &module),
                Err(e) => {
                    let on_error = c.inner.borrow().on_error.clone();
                    on_error(fill("The search engine could not start: {}", &[&e]));
                }
            }
        });
        client
    }

    fn connect(&self, worker: Worker, module: &JsValue) {
        let weak = Rc::downgrade(&self.inner);
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
            let Some(inner) = weak.upgrade() else {
                return;
            };
            let client = Client { inner };
            client.receive(e.data());
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let on_error_cb = self.inner.borrow().on_error.clone();
        let on_error =
            Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
                on_error_cb(fill("The search engine stopped: {}", &[&e.message()]));
            });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        let _ = worker.post_message(&init_message("engine", module));
        let queued = std::mem::take(&mut self.inner.borrow_mut().queued);
        for m in queued {
            post_to(&worker, &m);
        }
        self.inner.borrow_mut().engine = Some(worker);
    }

    fn receive(&self, data: JsValue) {
        if data.is_instance_of::<js_sys::ArrayBuffer>() {
            let bytes = Uint8Array::new(&data).to_vec();
            match from_bytes::<FromEngine>(&bytes) {
                Ok(m) => {
                    let handler = self.inner.borrow().on_message.clone();
                    handler(m);
                }
                Err(e) => {
                    web_sys::console::error_1(&format!("Chronicle: a bad message: {e}").into())
                }
            }
            return;
        }
        if let Some(n) = Reflect::get(&data, &"needHelpers".into())
            .ok()
            .and_then(|n| n.as_f64())
        {
            self.start_helpers(n as usize);
        }
        if let Some(e) = Reflect::get(&data, &"workerError".into())
            .ok()
            .and_then(|e| e.as_string())
        {
            let on_error = self.inner.borrow().on_error.clone();
            on_error(fill("The search engine could not start: {}", &[&e]));
        }
    }

    fn start_helpers(&self, n: usize) {
        let c = self.clone();
        spawn_local(async move {
            let ports = Array::new();
            for _ in 0..n {
                let Ok((worker, module)) = start_worker().await else {
                    break;
                };
                let Ok(channel) = MessageChannel::new() else {
                    break;
                };
                let init = init_message("helper", &module);
                let _ = Reflect::set(&init, &"port".into(), &channel.port2());
                let _ = worker.post_message_with_transfer(&init, &Array::of1(&channel.port2()));
                ports.push(&channel.port1());
                c.inner.borrow_mut().helpers.push(worker);
            }
            let m = Object::new();
            let _ = Reflect::set(&m, &"helpers".into(), &ports);
            c.send_transfer(m.into(), ports);
        });
    }

    /// Whether the engine has been told the archive is painted ([`Client::painted`]).
    pub fn told_painted(&self) -> bool {
        self.inner.borrow().painted
    }

    /// Tells the engine that the page has painted the whole archive: it may now fetch
    /// what a search needs later (a built site's words file) without slowing that paint.
    /// Once per archive.
    pub fn painted(&self) {
        if std::mem::replace(&mut self.inner.borrow_mut().painted, true) {
            return;
        }
        let m = Object::new();
        let _ = Reflect::set(&m, &"painted".into(), &true.into());
        self.send_raw(m.into());
    }

    fn send_raw(&self, message: JsValue) {
        let inner = self.inner.borrow();
        match &inner.engine {
            Some(w) => post_to(w, &message),
            None => {
                drop(inner);
                self.inner.borrow_mut().queued.push(message);
            }
        }
    }

    fn send_transfer(&self, message: JsValue, transfer: Array) {
        if let Some(w) = &self.inner.borrow().engine {
            let _ = w.post_message_with_transfer(&message, &transfer);
        }
    }

    /// Sends a request.
    pub fn send(&self, request: &ToEngine) {
        let bytes = to_bytes(request);
        let array = Uint8Array::new_with_length(bytes.len() as u32);
        array.copy_from(&bytes);
        self.send_raw(array.buffer().into());
    }

    /// Stops the workers (another archive is being opened).
    pub fn stop(&self) {
        let mut inner = self.inner.borrow_mut();
        if let Some(w) = inner.engine.take() {
            w.terminate();
        }
        for h in inner.helpers.drain(..) {
            h.terminate();
        }
        inner.queued.clear();
    }
}

fn post_to(worker: &Worker, message: &JsValue) {
    if message.is_instance_of::<js_sys::ArrayBuffer>() {
        let _ = worker.post_message_with_transfer(message, &Array::of1(message));
    } else {
        let _ = worker.post_message(message);
    }
}

fn open_message(open: &Open) -> JsValue {
    let what = Object::new();
    match open {
        Open::Url(url, name) => {
            let _ = Reflect::set(&what, &"url".into(), &url.into());
            let _ = Reflect::set(&what, &"name".into(), &name.into());
        }
        Open::Text(text) => {
            let _ = Reflect::set(&what, &"text".into(), &text.into());
        }
        Open::Files(files) => {
            let list = Array::new();
            for f in files {
                list.push(f);
            }
            let _ = Reflect::set(&what, &"files".into(), &list);
        }
    }
    let m = Object::new();
    let _ = Reflect::set(&m, &"open".into(), &what);
    m.into()
}
