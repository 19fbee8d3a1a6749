//! The engine worker: loads the archive, keeps it, and answers the page.
//!
//! # Overview
//! [`start`] listens for the page's messages:
//! - `{open: {url} | {text} | {files}}`: load an archive ([`load_sources`]), reporting
//!   [`Progress`] as it goes. A large one asks the page for helper workers
//!   (`{needHelpers: n}`); they come as message ports (`{helpers: [port…]}`).
//! - bytes: a request ([`ToEngine`]). Requests wait in an inbox where a newer view
//!   replaces an older one (a reader typing fast gets the answer to what they typed
//!   last, not to every letter), and are answered one turn of the event loop later.
//!
//! While loading, the engine answers over the documents loaded so far: it joins the
//! finished parts into a partial archive when a request comes and the last one is more
//! than [`SNAPSHOT_EVERY_MS`] old, and says so in [`Info::loading`]. The work of loading
//! runs in slices of [`SLICE_MS`], so a request never waits long.

use std::cell::RefCell;
use std::rc::Rc;

use chronicle_core::archive::{Archive, Part};
use chronicle_core::codec::{from_bytes, to_bytes};
use chronicle_core::engine::Engine;
use chronicle_core::export::Exporter;
use chronicle_core::load::{Converted, Converter};
use chronicle_core::prebuilt;
use chronicle_core::protocol::{ExportPart, Failure, FromEngine, Progress, ToEngine};
use chronicle_core::Problem;
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{File, MessageEvent, MessagePort, ReadableStreamDefaultReader, Response};

use super::load::{Load, Stop};
use super::shards::{self, Kind as Held, Shards};
use super::{bytes_of, js_message, next_tick, now, scope, transferable};

/// Longest slice of loading work between two looks at the inbox.
pub const SLICE_MS: f64 = 8.0;
/// A partial archive is joined again at most this often while loading.
pub const SNAPSHOT_EVERY_MS: f64 = 1000.0;
/// Loading shorter than this shows no partial archive: the whole one comes soon enough.
pub const FIRST_SNAPSHOT_MS: f64 = 400.0;
/// Archives at least this large get helper workers and an engine warm-up.
pub const LARGE_BYTES: u64 = 4 * 1024 * 1024;
/// Progress is reported at most this often.
const PROGRESS_EVERY_MS: f64 = 100.0;
/// Bytes of an inlined corpus fed at a time.
const CHUNK: usize = 1 << 20;

/// The engine worker's state.
#[derive(Default)]
struct State {
    engine: Option<Engine>,
    version: u32,
    inbox: Vec<ToEngine>,
    scheduled: bool,
    load: Option<Load>,
    /// Runs joined into the engine's archive.
    joined: u32,
    last_snapshot: f64,
    last_progress: f64,
    last_reported: Option<Progress>,
    failed: bool,
    /// Resolves the loader's wait for parts.
    wake: Option<js_sys::Function>,
    /// When loading started.
    started: f64,
    /// The text shards of a prebuilt archive that keeps its text beside it.
    text: Option<Shards>,
    /// The index shards of a prebuilt archive that keeps its postings beside it.
    index: Option<Shards>,
    /// The words file of a prebuilt archive that keeps its dictionary beside it, until
    /// it is in.
    words: Option<Shards>,
    /// Whether the page has said it painted the archive (`{painted: true}`).
    painted: bool,
}

type Shared = Rc<RefCell<State>>;

/// Starts the engine worker. See the module docs.
pub fn start(pending: Array) {
    let state: Shared = Rc::new(RefCell::new(State::default()));
    let s = state.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        receive(&s, e.data());
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    for m in pending.iter() {
        receive(&state, m);
    }
}

fn post(message: &FromEngine) {
    let bytes = to_bytes(message);
    let (buffer, transfer) = transferable(&bytes);
    let _ = scope().post_message_with_transfer(&buffer, &transfer);
}

fn receive(state: &Shared, data: JsValue) {
    if data.is_instance_of::<js_sys::ArrayBuffer>() || data.is_instance_of::<Uint8Array>() {
        match from_bytes::<ToEngine>(&bytes_of(&data)) {
            Ok(request) => {
                enqueue(&mut state.borrow_mut().inbox, request);
                schedule(state);
            }
            Err(e) => web_sys::console::error_1(&format!("Chronicle: a bad request: {e}").into()),
        }
        return;
    }
    if let Ok(open) = Reflect::get(&data, &"open".into()) {
        if !open.is_undefined() {
            let s = state.clone();
            spawn_local(async move { load_sources(s, open).await });
            return;
        }
    }
    if Reflect::get(&data, &"painted".into()).is_ok_and(|p| p.is_truthy()) {
        state.borrow_mut().painted = true;
        return;
    }
    if let Ok(ports) = Reflect::get(&data, &"helpers".into()) {
        if let Some(ports) = ports.dyn_ref::<Array>() {
            let ports: Vec<MessagePort> = ports.iter().filter_map(|p| p.dyn_into().ok()).collect();
            attach_helpers(state, ports);
        }
    }
}

/// Adds a request; a newer view replaces older views and scrolls, a newer document
/// request an older one.
fn enqueue(inbox: &mut Vec<ToEngine>, request: ToEngine) {
    match &request {
        ToEngine::View(_) => inbox.retain(|r| !matches!(r, ToEngine::View(_) | ToEngine::Rows(_))),
        ToEngine::Rows(_) => inbox.retain(|r| !matches!(r, ToEngine::Rows(_))),
        ToEngine::Doc(_) => inbox.retain(|r| !matches!(r, ToEngine::Doc(_))),
        ToEngine::Step(_) | ToEngine::Export(_) => {}
    }
    inbox.push(request);
}

fn schedule(state: &Shared) {
    if std::mem::replace(&mut state.borrow_mut().scheduled, true) {
        return;
    }
    let s = state.clone();
    spawn_local(async move {
        next_tick().await;
        s.borrow_mut().scheduled = false;
        answer_inbox(&s);
    });
}

/// Answers what waits in the inbox (over a fresh partial archive while loading).
fn answer_inbox(state: &Shared) {
    let mut st = state.borrow_mut();
    if st.inbox.is_empty() {
        return;
    }
    let t = now();
    if st.load.is_some()
        && t - st.started >= FIRST_SNAPSHOT_MS
        && (st.engine.is_none() || t - st.last_snapshot >= SNAPSHOT_EVERY_MS)
    {
        snapshot(&mut st, false);
    }
    if st.engine.is_none() {
        // Nothing searchable yet: the requests wait for the first part.
        return;
    }
    let requests = std::mem::take(&mut st.inbox);
    // While a prebuilt archive loads, its shards may not be known yet.
    let loading = st.load.is_some();
    let State {
        engine: Some(engine),
        text,
        index,
        words,
        inbox,
        ..
    } = &mut *st
    else {
        return;
    };
    let mut again = Vec::new();
    let mut answered = false;
    for r in requests {
        let mut reply = match &r {
            ToEngine::View(v) => Some(FromEngine::Answer(engine.answer(v))),
            ToEngine::Rows(r) => Some(FromEngine::Answer(engine.rows(&r.view))),
            ToEngine::Doc(d) => Some(FromEngine::Doc(engine.document(d))),
            ToEngine::Step(s) => Some(FromEngine::Step(engine.step(s))),
            ToEngine::Export(_) => None,
        };
        let exporter = match &r {
            ToEngine::Export(x) => Some(engine.export(x)),
            _ => None,
        };
        // The dictionary, kept out: the answer found no word, so it waits for the words
        // file, and is answered again.
        if engine.take_missing_words() {
            let wanted = words
                .as_ref()
                .map(|shards| shards.wanted([0]))
                .unwrap_or_default();
            if wait_for_shards(state, Held::Words, words.as_mut(), wanted, loading) {
                engine.forget_searches();
                engine.take_missing_text();
                engine.take_missing_postings();
                again.push(r);
                continue;
            }
        }
        // Postings the answer read but the archive keeps in shards: it would be wrong, so
        // it waits; the shards are fetched, and the request is answered again.
        let needed = engine.take_missing_postings();
        if !needed.is_empty() {
            let wanted = index
                .as_ref()
                .map(|shards| shards.wanted(needed.iter().map(|&s| s as usize)))
                .unwrap_or_default();
            if wait_for_shards(state, Held::Index, index.as_mut(), wanted, loading) {
                // What it searched, and the text it read, were for the wrong answer.
                engine.forget_searches();
                engine.take_missing_text();
                again.push(r);
                continue;
            }
        }
        if let (ToEngine::Export(x), Some(exporter)) = (&r, exporter) {
            // Written a slice at a time between other requests (see `export`).
            spawn_local(export(state.clone(), x.view.seq, exporter));
            continue;
        }
        // Text the answer read but the archive keeps in shards: the answer goes now
        // (saying so), the shards are fetched, and the request is answered again.
        let missing = engine.take_missing_text();
        if !missing.is_empty() {
            let wanted = text
                .as_ref()
                .map(|shards| shards.wanted_for_blocks(&missing))
                .unwrap_or_default();
            if wait_for_shards(state, Held::Text, text.as_mut(), wanted, loading) {
                if let Some(FromEngine::Answer(a)) = &mut reply {
                    a.text_pending = true;
                }
                again.push(r);
            }
        }
        if let Some(reply) = reply {
            post(&reply);
            answered = true;
        }
    }
    // Answered again once the text is in, unless newer requests replace them.
    for r in again {
        enqueue(inbox, r);
    }
    // The first answer is out: the words file (a prebuilt site's dictionary) comes once
    // the page has painted it, before the reader types.
    let due = |w: &&mut Shards| answered && !loading && w.idle() && !w.prefetch_due;
    if let Some(w) = words.as_mut().filter(due) {
        w.prefetch_due = true;
        spawn_local(prefetch_words(state.clone()));
    }
}

/// The longest wait, in milliseconds, between the first answer and the words file's
/// download if the page never says it has painted the archive. The page paints first:
/// the download and its reading would share the machine's cores with that paint (on a
/// slow machine the paint took over 300 ms, and a fixed 300 ms wait had the download
/// slow it down). A word typed meanwhile fetches the file at once.
const WORDS_AT_MOST_MS: f64 = 3000.0;
/// How often the wait looks whether the page has painted.
const WORDS_POLL_MS: i32 = 20;

/// Fetches the words file once the page has painted the first answer, unless a request
/// has fetched it meanwhile.
async fn prefetch_words(state: Shared) {
    let t = now();
    while !state.borrow().painted && now() - t < WORDS_AT_MOST_MS {
        pause(WORDS_POLL_MS).await;
    }
    let start = {
        let mut st = state.borrow_mut();
        match st.words.as_mut().filter(|w| w.idle()) {
            Some(w) => {
                w.fetching = true;
                true
            }
            None => false,
        }
    };
    if start {
        fill(state, Held::Words, vec![0]).await;
    }
}

/// Whether a request that read shards of `kind` not in waits for them (`wanted`, of
/// `shards`): they are fetched (unless a fetch is under way, after which it is asked
/// again anyway), or, while the archive still loads, where they are is not known yet (it
/// is asked again once it is).
fn wait_for_shards(
    state: &Shared,
    kind: Held,
    shards: Option<&mut Shards>,
    wanted: Vec<usize>,
    loading: bool,
) -> bool {
    match shards {
        None => loading,
        Some(_) if wanted.is_empty() => false,
        Some(shards) => {
            if !std::mem::replace(&mut shards.fetching, true) {
                spawn_local(fill(state.clone(), kind, wanted));
            }
            true
        }
    }
}

/// Bytes of an exported file per message.
const EXPORT_SLICE_BYTES: usize = 1 << 20;

/// Writes an export a slice at a time, each sent to the page with the progress, the
/// event loop turning between slices (the page's requests are answered meanwhile). Text
/// kept in shards is fetched first, and the slice written again.
async fn export(state: Shared, seq: u32, mut exporter: Exporter) {
    loop {
        let wanted = {
            let st = state.borrow();
            let Some(engine) = st.engine.as_ref() else {
                return;
            };
            let before = exporter.done();
            let text = exporter.chunk(engine.archive(), EXPORT_SLICE_BYTES);
            let missing = engine.take_missing_text();
            let wanted = st
                .text
                .as_ref()
                .filter(|_| !missing.is_empty())
                .map(|shards| shards.wanted_for_blocks(&missing))
                .unwrap_or_default();
            if wanted.is_empty() {
                post(&FromEngine::Export(ExportPart {
                    seq,
                    format: exporter.format(),
                    done: exporter.done() as u32,
                    total: exporter.total() as u32,
                    text,
                    last: exporter.finished(),
                }));
                if exporter.finished() {
                    return;
                }
            } else {
                exporter.rewind(before);
            }
            wanted
        };
        if wanted.is_empty() {
            next_tick().await;
        } else {
            fill(state.clone(), Held::Text, wanted).await;
        }
    }
}

/// Fetches shards of text or of the index, puts them into the archive, and answers what
/// waits again.
async fn fill(state: Shared, kind: Held, wanted: Vec<usize>) {
    let plan = {
        let st = state.borrow();
        match kind {
            Held::Text => st.text.as_ref(),
            Held::Index => st.index.as_ref(),
            Held::Words => st.words.as_ref(),
        }
        .map(Shards::plan)
    };
    let Some((kind, base, starts)) = plan else {
        return;
    };
    let fetched = shards::fetch(kind, &base, &wanted).await;
    {
        let mut st = state.borrow_mut();
        let State {
            engine,
            text,
            index,
            words,
            ..
        } = &mut *st;
        let shards = match kind {
            Held::Text => text.as_mut(),
            Held::Index => index.as_mut(),
            Held::Words => words.as_mut(),
        };
        let Some(shards) = shards else {
            return;
        };
        // Where the index shards start, once the words are in.
        let mut index_starts = None;
        for (i, bytes) in fetched {
            let put = bytes.and_then(|bytes| {
                let Some(engine) = engine.as_mut() else {
                    return Ok(());
                };
                match kind {
                    Held::Text => prebuilt::read_shard(&bytes, i, &starts)
                        .map(|(first, blocks)| {
                            engine.fill_text(first, blocks);
                        })
                        .map_err(|e| e.to_string()),
                    Held::Index => prebuilt::read_index_shard(&bytes, i, &starts)
                        .map_err(|e| e.to_string())
                        .and_then(|lists| {
                            engine.fill_postings(i, lists).map_err(|why| {
                                format!(
                                    "index shard {} does not fit the archive: {why}",
                                    prebuilt::shard_name(i)
                                )
                            })
                        }),
                    Held::Words => {
                        let terms = starts.last().copied().unwrap_or(0);
                        prebuilt::read_words(&bytes, terms)
                            .map_err(|e| e.to_string())
                            .and_then(|words| {
                                engine.fill_words(words).map_err(|why| {
                                    format!("the words file does not fit the archive: {why}")
                                })
                            })
                            .map(|starts| index_starts = Some(starts))
                    }
                }
            });
            if let Err(why) = put {
                shards.failed(i, &why);
                if kind == Held::Words {
                    // Without its words no search finds anything: the reader is told.
                    if let Some(engine) = engine.as_mut() {
                        engine.add_problem(Problem::error(format!(
                            "the search index could not be loaded, so a search finds \
                             nothing (the documents, facets and timeline work): {why}"
                        )));
                        post(&FromEngine::Info(engine.info(None)));
                    }
                }
            }
        }
        shards.fetching = false;
        if let Some(starts) = index_starts {
            *index = Some(shards.index_beside(starts));
            *words = None;
        }
    }
    schedule(&state);
}

/// Joins the parts finished since the last join into the searchable archive; with
/// `complete`, the last ones (ids are made unique, loading ends).
fn snapshot(st: &mut State, complete: bool) {
    let Some(load) = st.load.as_mut() else {
        return;
    };
    let parts: Vec<Part> = load.take_ready(st.joined);
    if parts.is_empty() && !complete {
        return;
    }
    st.joined += parts.len() as u32;
    let summary = if complete {
        std::mem::take(&mut load.summary)
    } else {
        load.header()
    };
    let progress = load.progress;
    let archive = match st.engine.take() {
        Some(e) => e.into_archive().extend(parts, summary, complete),
        None if complete => Archive::assemble(parts, summary),
        None => Archive::assemble_partial(parts, summary),
    };
    st.version += 1;
    let engine = Engine::new(archive, st.version);
    let loading = (!complete).then_some(progress);
    post(&FromEngine::Info(engine.info(loading)));
    st.engine = Some(engine);
    st.last_snapshot = now();
    if complete {
        st.load = None;
        post(&FromEngine::Progress(Progress {
            done: true,
            ..progress
        }));
    }
}

fn attach_helpers(state: &Shared, ports: Vec<MessagePort>) {
    for port in &ports {
        let s = state.clone();
        let on_part = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data();
            let run = Reflect::get(&data, &"run".into())
                .ok()
                .and_then(|r| r.as_f64())
                .map(|r| r as u32);
            let part = Reflect::get(&data, &"part".into())
                .ok()
                .filter(|p| !p.is_undefined());
            let mut st = s.borrow_mut();
            match (run, part) {
                (Some(run), Some(bytes)) => match from_bytes::<Part>(&bytes_of(&bytes)) {
                    Ok(part) => {
                        if let Some(load) = st.load.as_mut() {
                            load.part_arrived(run, part);
                        }
                    }
                    Err(e) => fail(
                        &mut st,
                        format!("a helper sent a part that cannot be read: {e}"),
                        None,
                    ),
                },
                _ => {
                    let message = Reflect::get(&data, &"error".into())
                        .ok()
                        .and_then(|m| m.as_string())
                        .unwrap_or_else(|| "a helper failed".into());
                    fail(&mut st, message, None);
                }
            }
            report_progress(&mut st);
            if let Some(wake) = st.wake.take() {
                let _ = wake.call0(&JsValue::NULL);
            }
        });
        port.set_onmessage(Some(on_part.as_ref().unchecked_ref()));
        on_part.forget();
    }
    if let Some(load) = state.borrow_mut().load.as_mut() {
        load.add_helpers(ports);
    }
}

fn fail(st: &mut State, message: String, position: Option<(u32, u32)>) {
    if std::mem::replace(&mut st.failed, true) {
        return;
    }
    st.load = None;
    post(&FromEngine::Failed(Failure { message, position }));
}

fn load_failed(st: &mut State, e: &Stop) {
    match e {
        Stop::Json(e) => {
            let p = e.position();
            fail(st, e.message(), Some((p.line as u32, p.column as u32)));
        }
        Stop::Archive(e) => fail(st, e.to_string(), None),
    }
}

/// What an `open` message names.
enum Source {
    /// The URL, and the name it goes by.
    Url(String, String),
    Text(String),
    Files(Vec<File>),
}

fn source_of(open: &JsValue) -> Option<Source> {
    let get = |k: &str| {
        Reflect::get(open, &k.into())
            .ok()
            .filter(|v| !v.is_undefined())
    };
    if let Some(url) = get("url").and_then(|u| u.as_string()) {
        let name = get("name")
            .and_then(|n| n.as_string())
            .unwrap_or_else(|| url.clone());
        return Some(Source::Url(url, name));
    }
    if let Some(text) = get("text").and_then(|t| t.as_string()) {
        return Some(Source::Text(text));
    }
    let files = get("files")?;
    let files: &Array = files.dyn_ref()?;
    Some(Source::Files(
        files.iter().filter_map(|f| f.dyn_into().ok()).collect(),
    ))
}

/// Whether a file or URL is named as a prebuilt archive is (`corpus.chronicle`, as
/// `chronicle build` and `chronicle bundle` name theirs). Its first bytes decide how it
/// is read; the name only spares it the indexing's helpers and warm-up.
fn prebuilt_by_name(name: &str) -> bool {
    let path = name.split(['?', '#']).next().unwrap_or("");
    path.to_ascii_lowercase().ends_with(".chronicle")
}

#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Corpus,
    Lines,
    /// A spreadsheet or mail, read as JSON Lines.
    Converted(Converted),
    Text,
    Other,
}

fn kind(name: &str) -> Kind {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".json") || lower.ends_with(".chronicle") {
        Kind::Corpus
    } else if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
        Kind::Lines
    } else if let Some(converted) = Converted::of_name(&lower) {
        Kind::Converted(converted)
    } else if lower.ends_with(".txt") {
        Kind::Text
    } else {
        Kind::Other
    }
}

/// Loads the archive an `open` message names. See the module docs.
async fn load_sources(state: Shared, open: JsValue) {
    let Some(source) = source_of(&open) else {
        fail(&mut state.borrow_mut(), "nothing to open".into(), None);
        return;
    };
    // Where a prebuilt archive's text shards are: beside the archive, if it has a URL.
    let archive_url = match &source {
        Source::Url(url, _) => Some(url.clone()),
        _ => None,
    };
    // A download, or the reader's files: what to read, and how much there is.
    let (total, url_response) = match &source {
        Source::Url(url, name) => match fetch(url).await {
            Ok(r) => {
                let total = r
                    .headers()
                    .get("content-length")
                    .ok()
                    .flatten()
                    .and_then(|v| v.parse().ok());
                (total, Some(r))
            }
            Err(message) => {
                fail(
                    &mut state.borrow_mut(),
                    format!("Could not load the archive file \"{name}\": {message}"),
                    None,
                );
                return;
            }
        },
        Source::Text(t) => (Some(t.len() as u64), None),
        Source::Files(files) => (Some(files.iter().map(|f| f.size() as u64).sum()), None),
    };
    {
        let mut st = state.borrow_mut();
        st.load = Some(Load::new(total));
        st.started = now();
    }
    // A prebuilt archive is read, not indexed: no helpers, and nothing to warm up.
    let prebuilt = match &source {
        Source::Url(url, _) => prebuilt_by_name(url),
        Source::Files(files) => {
            !files.is_empty() && files.iter().all(|f| prebuilt_by_name(&f.name()))
        }
        Source::Text(_) => false,
    };
    let large = !prebuilt && total.is_none_or(|t| t >= LARGE_BYTES);
    if large {
        ask_for_helpers();
        // The engine's code is compiled and optimized by the time the bytes come.
        chronicle_core::warmup::run();
    }
    spawn_local(own_work(state.clone()));
    let read = match source {
        Source::Url(url, _) => match url_response.and_then(|r| r.body()) {
            Some(body) => {
                // A spreadsheet or an mbox served as the archive (`…/list.mbox`) is
                // read as such.
                let path = url.split(['?', '#']).next().unwrap_or("");
                let convert =
                    Converted::of_name(path).map(|k| (Converter::new(k), path.to_string()));
                start_file(&state, convert.is_some(), None);
                read_stream(&state, &body, convert).await
            }
            None => Err("the server sent no data".to_string()),
        },
        Source::Text(text) => {
            start_file(&state, false, None);
            read_bytes(&state, text.as_bytes()).await
        }
        Source::Files(files) => read_files(&state, files).await,
    };
    if let Err(message) = read {
        fail(&mut state.borrow_mut(), message, None);
        return;
    }
    if end_file(&state).is_err() {
        return;
    }
    {
        let mut st = state.borrow_mut();
        let starts = st.load.as_mut().map(|l| std::mem::take(&mut l.text_shards));
        if let Some(starts) = starts.filter(|s| !s.is_empty()) {
            if archive_url.is_none() {
                // A site's archive opened as a file: its text stayed on the site.
                let warning = Problem::warning(
                    "this archive keeps the text of its documents in a folder beside it on \
                     its site (corpus.chronicle.text/), which a file opened from your \
                     computer cannot reach: search, facets and the timeline work, but \
                     snippets and documents show no text. Open the site itself, or build \
                     the archive with `chronicle build --single-file`.",
                );
                if let Some(load) = st.load.as_mut() {
                    load.add_problems(vec![warning], 0);
                }
            }
            st.text = Some(Shards::new(Held::Text, archive_url.as_deref(), starts));
        }
        let starts = st
            .load
            .as_mut()
            .map(|l| std::mem::take(&mut l.index_shards))
            .unwrap_or_default();
        // The words file, if the dictionary is kept out (it says where the index shards
        // start: they are known once it is in).
        let terms = st.load.as_ref().and_then(|l| l.words_out);
        if !starts.is_empty() || terms.is_some() {
            if archive_url.is_none() {
                // A site's archive opened as a file: its index stayed on the site.
                let warning = Problem::warning(
                    "this archive keeps its search index in a folder beside it on its site \
                     (corpus.chronicle.index/), which a file opened from your computer \
                     cannot reach: the facets and the timeline work, but a search finds \
                     nothing. Open the site itself, or build the archive with `chronicle \
                     build --single-file`.",
                );
                if let Some(load) = st.load.as_mut() {
                    load.add_problems(vec![warning], 0);
                }
            }
            st.index = Some(Shards::new(Held::Index, archive_url.as_deref(), starts));
            st.words = terms.map(|n| Shards::new(Held::Words, archive_url.as_deref(), vec![0, n]));
        }
        if let Some(load) = st.load.as_mut() {
            load.end_input();
        }
    }
    // Wait for every part (the engine's own, and the helpers').
    loop {
        {
            let mut st = state.borrow_mut();
            if st.failed {
                return;
            }
            let joined = st.joined;
            let done = match st.load.as_mut() {
                Some(load) => {
                    let ready = load.parts.len() as u32;
                    joined + ready == load.runs && load.complete(joined + ready)
                }
                None => return,
            };
            if done {
                snapshot(&mut st, true);
                drop(st);
                schedule(&state);
                spawn_local(compress_when_idle(state.clone()));
                return;
            }
            // Requests wait for the first partial archive: make it once it is due.
            let due = st.engine.is_none()
                && !st.inbox.is_empty()
                && now() - st.started >= FIRST_SNAPSHOT_MS;
            if due {
                drop(st);
                schedule(&state);
            }
        }
        wait_for_part(&state).await;
    }
}

/// Compresses the archive's text, which loading left uncompressed to be ready sooner
/// ([`PartBuilder::deferring_compression`](chronicle_core::archive::PartBuilder)), in
/// short slices while no request waits.
async fn compress_when_idle(state: Shared) {
    loop {
        next_tick().await;
        if !state.borrow().inbox.is_empty() {
            // Requests first: look again a frame later (not at once, which would spin).
            pause(16).await;
            continue;
        }
        let mut st = state.borrow_mut();
        let Some(engine) = st.engine.as_mut() else {
            return;
        };
        let start = now();
        while now() - start < SLICE_MS {
            if !engine.compress_text(4) {
                return;
            }
        }
    }
}

/// Resolves after `ms` milliseconds.
async fn pause(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
}

fn ask_for_helpers() {
    let cores = scope().navigator().hardware_concurrency() as u32;
    let n = cores.saturating_sub(1).clamp(1, 3);
    let m = Object::new();
    let _ = Reflect::set(&m, &"needHelpers".into(), &n.into());
    let _ = scope().post_message(&m);
}

/// Waits until a part arrives, or a short while.
async fn wait_for_part(state: &Shared) {
    let s = state.clone();
    let promise = Promise::new(&mut |resolve, _| {
        s.borrow_mut().wake = Some(resolve.clone());
        let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50);
    });
    let _ = JsFuture::from(promise).await;
}

/// Reads the engine's own runs in slices, until loading ends.
async fn own_work(state: Shared) {
    loop {
        {
            let mut st = state.borrow_mut();
            let Some(load) = st.load.as_mut() else {
                return;
            };
            let left = load.work(now() + SLICE_MS);
            let input_done = load.input_done;
            report_progress(&mut st);
            if let Some(wake) = st.wake.take() {
                let _ = wake.call0(&JsValue::NULL);
            }
            if !left && input_done {
                return;
            }
            // The first finished part makes the archive searchable.
            if st.engine.is_none() && !st.inbox.is_empty() {
                drop(st);
                schedule(&state);
            }
        }
        next_tick().await;
    }
}

fn start_file(state: &Shared, lines: bool, name: Option<String>) {
    if let Some(load) = state.borrow_mut().load.as_mut() {
        load.start_file(lines, name);
    }
}

fn end_file(state: &Shared) -> Result<(), ()> {
    let mut st = state.borrow_mut();
    let result = st.load.as_mut().map(Load::end_file);
    match result {
        Some(Err(e)) => {
            load_failed(&mut st, &e);
            Err(())
        }
        _ => Ok(()),
    }
}

/// Feeds a chunk; reports progress now and then; fails the load on bad input.
fn feed(state: &Shared, chunk: &[u8]) -> Result<(), String> {
    let mut st = state.borrow_mut();
    let Some(load) = st.load.as_mut() else {
        return Err("loading stopped".into());
    };
    if let Err(e) = load.feed(chunk) {
        load_failed(&mut st, &e);
        return Err(String::new());
    }
    report_progress(&mut st);
    Ok(())
}

/// Tells the page how far loading has got, at most every [`PROGRESS_EVERY_MS`] and only
/// when it moved.
fn report_progress(st: &mut State) {
    let Some(progress) = st.load.as_ref().map(|l| l.progress) else {
        return;
    };
    let t = now();
    if t - st.last_progress >= PROGRESS_EVERY_MS && st.last_reported != Some(progress) {
        st.last_progress = t;
        st.last_reported = Some(progress);
        post(&FromEngine::Progress(progress));
    }
}

/// Whether the splitting should pause for the engine's own reading (its backlog is large
/// and no helper takes the rest).
fn backlogged(state: &Shared) -> bool {
    state
        .borrow()
        .load
        .as_ref()
        .is_some_and(|l| !l.has_helpers() && l.own_backlog() > 16 << 20)
}

/// A file read through a [`Converter`] (a spreadsheet, mail), and its name.
type Converting = (Converter, String);

/// Feeds what the converter made of `source` bytes (`None`: the end); the bytes it left
/// out (attachments, encodings, quotes) count as read. `Ok(false)`: the converter can
/// read no further (a quote never closed): the documents read so far stay, and the
/// problem is told.
fn feed_converted(
    state: &Shared,
    converting: &mut Converting,
    source: Option<&[u8]>,
) -> Result<bool, String> {
    let (converter, name) = converting;
    let lines = match source {
        Some(bytes) => converter.feed(bytes),
        None => converter.finish(),
    };
    let lines = match lines {
        Ok(lines) => lines,
        Err(e) => {
            let problem =
                Problem::error(format!("{}; the rest of the file is left out", e.message()))
                    .in_file(name.as_str())
                    .at(e.position());
            if let Some(load) = state.borrow_mut().load.as_mut() {
                load.add_problems(vec![problem], 1);
            }
            return Ok(false);
        }
    };
    feed(state, lines.as_bytes())?;
    let mut st = state.borrow_mut();
    if let Some(load) = st.load.as_mut() {
        let read = source.map_or(0, <[u8]>::len);
        load.skipped(read.saturating_sub(lines.len()) as u64);
        if source.is_none() {
            let warning = converter.warning().map(|w| w.in_file(name.as_str()));
            load.add_problems(warning.into_iter().collect(), 0);
        }
    }
    Ok(true)
}

/// Reads a stream into the loader: as it is, or through a converter (read as it
/// arrives, so a file larger than memory can be read).
async fn read_stream(
    state: &Shared,
    stream: &web_sys::ReadableStream,
    mut convert: Option<Converting>,
) -> Result<(), String> {
    let reader: ReadableStreamDefaultReader = stream
        .get_reader()
        .dyn_into()
        .map_err(|_| "the browser could not read the data".to_string())?;
    let mut since_yield = now();
    loop {
        let result = JsFuture::from(reader.read())
            .await
            .map_err(|e| js_message(&e))?;
        let done = Reflect::get(&result, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            if let Some(c) = convert.as_mut() {
                feed_converted(state, c, None)?;
            }
            return Ok(());
        }
        let value = Reflect::get(&result, &"value".into())
            .map_err(|_| "the browser could not read the data".to_string())?;
        let bytes = Uint8Array::new(&value).to_vec();
        match convert.as_mut() {
            Some(c) => {
                if !feed_converted(state, c, Some(&bytes))? {
                    return Ok(());
                }
            }
            None => feed(state, &bytes)?,
        }
        if now() - since_yield > 4.0 || backlogged(state) {
            next_tick().await;
            while backlogged(state) {
                next_tick().await;
            }
            since_yield = now();
        }
    }
}

async fn read_bytes(state: &Shared, bytes: &[u8]) -> Result<(), String> {
    for chunk in bytes.chunks(CHUNK) {
        feed(state, chunk)?;
        next_tick().await;
        while backlogged(state) {
            next_tick().await;
        }
    }
    Ok(())
}

async fn read_files(state: &Shared, files: Vec<File>) -> Result<(), String> {
    let mut keyed: Vec<_> = files
        .into_iter()
        .map(|f| ((kind(&f.name()), f.name()), f))
        .collect();
    chronicle_core::sort::unstable_by(&mut keyed, |a, b| a.0 < b.0);
    let files: Vec<File> = keyed.into_iter().map(|(_, f)| f).collect();
    let several = files.len() > 1;
    let mut skipped = Vec::new();
    for file in &files {
        let name = file.name();
        let failed = |detail: String| format!("Could not read \"{name}\": {detail}");
        match kind(&name) {
            k @ (Kind::Corpus | Kind::Lines) => {
                if end_file(state).is_err() {
                    return Err(String::new());
                }
                start_file(state, k == Kind::Lines, several.then(|| name.clone()));
                // The file has begun: an empty one is then an error, not an empty archive.
                feed(state, &[])?;
                read_stream(state, &file.stream(), None)
                    .await
                    .map_err(failed)?;
            }
            Kind::Converted(converted) => {
                if end_file(state).is_err() {
                    return Err(String::new());
                }
                start_file(state, true, several.then(|| name.clone()));
                feed(state, &[])?;
                let converting = Some((Converter::new(converted), name.clone()));
                read_stream(state, &file.stream(), converting)
                    .await
                    .map_err(failed)?;
            }
            Kind::Text => {
                let text = JsFuture::from(file.text())
                    .await
                    .map_err(|e| failed(js_message(&e)))?
                    .as_string()
                    .unwrap_or_default();
                let mut st = state.borrow_mut();
                let Some(load) = st.load.as_mut() else {
                    return Err(String::new());
                };
                let id = chronicle_core::seed::id_from_file_name(&name);
                match chronicle_core::seed::parse_seed(&text, &id, &name) {
                    Ok(seed) => {
                        load.add_problems(seed.problems, 0);
                        load.add_parsed(seed.document, name.clone(), file.size() as u64);
                    }
                    Err(problem) => {
                        load.add_problems(vec![*problem], 1);
                        load.skipped(file.size() as u64);
                    }
                }
            }
            Kind::Other => skipped.push(name),
        }
    }
    if end_file(state).is_err() {
        return Err(String::new());
    }
    let mut st = state.borrow_mut();
    if let Some(load) = st.load.as_mut() {
        if !skipped.is_empty() {
            let n = skipped.len();
            load.add_problems(
                skipped
                    .into_iter()
                    .map(|n| {
                        Problem::error(
                            "not a corpus (.json, .jsonl), spreadsheet (.csv, .tsv) or text \
                             (.txt) file; skipped",
                        )
                        .in_file(n)
                    })
                    .collect(),
                n,
            );
        }
        if load.summary.title.is_none() {
            load.summary.title = Some(match files.as_slice() {
                [one] => one.name(),
                many => format!("{} files", many.len()),
            });
        }
    }
    Ok(())
}

async fn fetch(url: &str) -> Result<Response, String> {
    let response = JsFuture::from(scope().fetch_with_str(url))
        .await
        .map_err(|e| js_message(&e))?;
    let response: Response = response
        .dyn_into()
        .map_err(|_| "unexpected fetch result".to_string())?;
    if !response.ok() {
        return Err(format!(
            "the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    Ok(response)
}
