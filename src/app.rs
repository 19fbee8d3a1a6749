//! The root component: load the corpus, then show the archive or say what went wrong.
//!
//! # Overview
//! [`App`] loads the corpus (fetched, or inlined in an offline file). While it loads, a
//! progress line shows; if it cannot be read, [`CorpusError`] says why and where
//! (line:column); otherwise [`ArchiveView`] lays out the header, the search box, the
//! facets, the timeline, the results and the document. [`OpenArchive`] and a drop zone
//! replace the archive with the reader's own files, read in the browser.

use std::sync::Arc;

use chronicle_core::browse::Narrowing;
use chronicle_core::json::Position;
use chronicle_core::{LoadError, Query};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::chronology::Chronology;
use crate::components::document_view::DocumentPane;
use crate::components::facets::FacetPanel;
use crate::components::filters::ActiveFilters;
use crate::components::notices::{CorpusError, LoadProblems};
use crate::components::result_list::thousands;
use crate::components::result_list::{ResultList, ResultsHeader};
use crate::components::search_bar::SearchBar;
use crate::components::theme_toggle::{self as theme_toggle, ThemeCtx, ThemeToggle};
use crate::components::timeline::Timeline;
use crate::context::{ArchiveCtx, HitsCtx, MatchCursor, Nav, Results};
use crate::fetch::{Failed, Progress};
use crate::instance::{use_instance, Instance, Options, Source};
use crate::keyboard;
use crate::state::View;
use crate::state::ViewState;
use crate::{fetch, files, history, state};
use chronicle_core::Archive;

/// Why the archive could not be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// What went wrong, in a sentence.
    pub message: String,
    /// Where in the file, if it is a content problem.
    pub position: Option<Position>,
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Self {
        Failure {
            message: e.message(),
            position: Some(e.position()),
        }
    }
}

/// Where loading stands.
#[derive(Clone)]
pub enum Phase {
    /// Bytes are arriving.
    Loading(Progress),
    /// Nothing could be shown.
    Failed(Failure),
    /// Ready to browse.
    Ready(Arc<Archive>),
}

/// Lets any component replace the archive (opening files from the reader's disk).
#[derive(Clone, Copy)]
pub struct Loader(pub RwSignal<Phase>, pub Instance);

impl Loader {
    /// Loads the reader's own files instead of the current archive. Nothing leaves the
    /// browser: the files are read and indexed here.
    pub fn open_files(&self, files: Vec<web_sys::File>) {
        if files.is_empty() {
            return;
        }
        let phase = self.0;
        // A new archive starts from a fresh view (in the URL too, for the page), keeping
        // only the embedding and theme.
        if self.1.url_state {
            let now = history::current();
            let fresh = ViewState {
                embed: now.embed,
                theme: now.theme,
                ..Default::default()
            };
            history::write(&fresh, history::Entry::Push);
        }
        phase.set(Phase::Loading(Progress::default()));
        spawn_local(async move {
            let result = files::load_files(files, move |p| phase.set(Phase::Loading(p))).await;
            phase.set(finished(result));
        });
    }
}

fn finished(result: Result<Archive, Failed>) -> Phase {
    match result {
        Ok(archive) => Phase::Ready(Arc::new(archive)),
        Err(Failed::Load(e)) => Phase::Failed(e.into()),
        Err(Failed::Fetch(message)) => Phase::Failed(Failure {
            message,
            position: None,
        }),
    }
}

/// The whole app, for one instance (see [`crate::instance`]).
#[component]
pub fn App(options: Options) -> impl IntoView {
    let instance = Instance::new(&options);
    provide_context(instance);
    let phase = RwSignal::new(Phase::Loading(Progress::default()));
    provide_context(Loader(phase, instance));
    let initial = ViewState {
        q: options.initial_query.clone(),
        ..Default::default()
    };
    let source = options.source;
    spawn_local(async move {
        let progress = move |p| phase.set(Phase::Loading(p));
        let result = match source {
            Source::Url(url) => fetch::load_archive(&url, progress).await,
            Source::Inline(text) => fetch::load_inline(text, progress).await,
        };
        phase.set(finished(result));
    });
    let theme = RwSignal::new(theme_toggle::initial(instance));
    provide_context(ThemeCtx(theme));
    theme_toggle::apply(instance, theme);
    // Compact chrome: in someone else's page, or asked for by the URL (`#embed=1`).
    let embedded = !instance.is_page() || history::current().embed;
    view! {
        <div class="chronicle" class:chronicle--embedded=embedded>
            <DropZone />
            {move || match phase.get() {
                Phase::Loading(p) => view! { <Loading progress=p /> }.into_any(),
                Phase::Failed(failure) => view! {
                    <CorpusError failure />
                    <p class="corpus-error__open">
                        "Or open an archive of your own: " <OpenArchive />
                    </p>
                }
                .into_any(),
                Phase::Ready(archive) => {
                    let initial = initial.clone();
                    view! { <ArchiveView archive initial /> }.into_any()
                }
            }}
        </div>
    }
}

/// "Open archive…": a file picker for a corpus (`.json`, `.jsonl`) or text files.
#[component]
pub fn OpenArchive() -> impl IntoView {
    let loader = expect_context::<Loader>();
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let files = files::from_list(input.files());
        input.set_value("");
        loader.open_files(files);
    };
    view! {
        <label
            class="open-archive"
            data-testid="open-archive"
            title="Open a corpus (.json, .jsonl) or text files from your computer. Nothing is uploaded."
        >
            "Open archive…"
            <input
                class="visually-hidden"
                type="file"
                multiple
                accept=".json,.jsonl,.ndjson,.txt,application/json,text/plain"
                on:change=on_change
            />
        </label>
    }
}

/// Drag files onto the page (or the embedded instance) to open them.
#[component]
fn DropZone() -> impl IntoView {
    let loader = expect_context::<Loader>();
    let instance = use_instance();
    let active = RwSignal::new(false);
    let has_files = |ev: &web_sys::DragEvent| {
        ev.data_transfer().is_some_and(|dt| {
            dt.types()
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
    };
    instance.listen("dragover", move |ev: web_sys::DragEvent| {
        if has_files(&ev) {
            ev.prevent_default();
            active.set(true);
        }
    });
    instance.listen("dragleave", move |ev: web_sys::DragEvent| {
        // Leaving the window (no element under the pointer) ends the drag.
        if ev.related_target().is_none() {
            active.set(false);
        }
    });
    instance.listen("drop", move |ev: web_sys::DragEvent| {
        active.set(false);
        let files = files::from_list(ev.data_transfer().and_then(|dt| dt.files()));
        if !files.is_empty() {
            ev.prevent_default();
            loader.open_files(files);
        }
    });
    view! {
        <div class="drop-zone" class:drop-zone--active=move || active.get() data-testid="drop-zone">
            <p class="drop-zone__message">
                "Drop a corpus (.json, .jsonl) or text files to open them here. Nothing is uploaded."
            </p>
        </div>
    }
}

/// "Loading the archive… 12.4 MB of 80.1 MB · 15,200 documents".
#[component]
fn Loading(progress: Progress) -> impl IntoView {
    let mb = |b: u64| format!("{:.1} MB", b as f64 / 1e6);
    let detail = match (progress.bytes, progress.total) {
        (0, _) => String::new(),
        (b, Some(t)) => format!(
            " {} of {} · {} documents",
            mb(b),
            mb(t),
            thousands(progress.documents)
        ),
        (b, None) => format!(" {} · {} documents", mb(b), thousands(progress.documents)),
    };
    let percent = progress
        .total
        .filter(|&t| t > 0)
        .map(|t| (progress.bytes * 100 / t).min(100));
    view! {
        <div class="loading" role="status" data-testid="load-progress">
            <span class="loading__spinner" aria-hidden="true"></span>
            <span>"Loading the archive…" {detail}</span>
            {percent.map(|p| view! { <progress class="loading__bar" max="100" value=p></progress> })}
        </div>
    }
}

/// The archive: header with search, load problems, results, and the open document.
#[component]
pub fn ArchiveView(archive: Arc<Archive>, initial: ViewState) -> impl IntoView {
    let instance = use_instance();
    let nav = Nav::new(instance, initial);
    let query = Memo::new(move |_| nav.state.with(|s| Query::parse(&s.q)));
    let index_owner = archive.clone();
    let sort = Memo::new(move |_| nav.state.with(|s| s.sort));
    let hits = Memo::new(move |_| query.with(|q| index_owner.index.search(q, sort.get())));
    let selection = Memo::new(move |_| nav.state.with(|s| s.selection.clone()));
    let narrowing_owner = archive.clone();
    let narrowing =
        Memo::new(move |_| selection.with(|sel| Narrowing::new(&narrowing_owner.index, sel)));
    let results = Memo::new(move |_| Results {
        ids: hits.with(|h| narrowing.with(|n| n.apply(h))),
    });
    let highlighter = Memo::new(move |_| hits.with(|h| h.highlighter.clone()));
    provide_context(ArchiveCtx(archive.clone()));
    provide_context(HitsCtx {
        query,
        hits,
        narrowing,
        results,
        highlighter,
    });
    provide_context(nav);
    provide_context(MatchCursor::new(instance));
    keyboard::install();

    let title = archive.title().to_string();
    if instance.is_page() {
        document().set_title(&format!("{title} · Chronicle"));
    }

    // Test hook: `#debug=panic` panics after mounting, to prove panics are shown.
    if state::hash_param(&history::current_hash(), "debug").as_deref() == Some("panic") {
        request_animation_frame(|| panic!("deliberate panic requested by #debug=panic"));
    }

    let doc_open = move || nav.state.with(|s| s.doc.is_some());
    let view = Memo::new(move |_| nav.state.with(|s| s.view));
    // Narrow screens: the facets open as a drawer.
    let filters_open = RwSignal::new(false);
    view! {
        <div class="app" class:app--doc-open=doc_open>
            <header class="masthead">
                <div class="masthead__brand">
                    <h1 class="masthead__title" data-testid="archive-title" dir="auto">
                        {title}
                    </h1>
                    {archive
                        .description
                        .clone()
                        .map(|d| view! { <p class="masthead__description" dir="auto">{d}</p> })}
                </div>
                <SearchBar />
                <OpenArchive />
                <ThemeToggle />
            </header>
            <LoadProblems />
            <main class="panes" class:panes--filters-open=move || filters_open.get()>
                <aside class="facets-pane" aria-label="Filters">
                    <button
                        class="facets-pane__close"
                        type="button"
                        on:click=move |_| filters_open.set(false)
                    >
                        "Done"
                    </button>
                    <FacetPanel />
                </aside>
                <section class="results" aria-label="Results">
                    <ActiveFilters />
                    <Timeline />
                    <ResultsHeader filters_open />
                    {move || match view.get() {
                        View::List => view! { <ResultList /> }.into_any(),
                        View::Chronology => view! { <Chronology /> }.into_any(),
                    }}
                </section>
                <DocumentPane />
            </main>
        </div>
    }
}
