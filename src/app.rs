//! The root component: start the engine on the archive, then show it or say what went
//! wrong.
//!
//! # Overview
//! [`App`] starts the engine worker ([`Session::start`]) on the corpus (fetched, or
//! inlined in an offline file). While nothing is searchable a progress line shows; if
//! the archive cannot be read, [`CorpusError`] says why and where (line:column);
//! otherwise [`ArchiveView`] lays out the header, the search box, the facets, the
//! timeline, the results and the document, and keeps showing loading progress while a
//! large archive is still arriving (its results so far are marked partial).
//! [`OpenArchive`] and a drop zone replace the archive with the reader's own files,
//! read in the browser.

use chronicle_core::protocol::Progress;
use leptos::prelude::*;

use crate::client::Open;
use crate::components::chronology::Chronology;
use crate::components::document_view::DocumentPane;
use crate::components::facets::FacetPanel;
use crate::components::filters::ActiveFilters;
use crate::components::notices::{CorpusError, LoadProblems};
use crate::components::result_list::{ResultList, ResultsHeader};
use crate::components::search_bar::SearchBar;
use crate::components::staged::Later;
use crate::components::theme_toggle::{self as theme_toggle, ThemeCtx, ThemeToggle};
use crate::components::timeline::Timeline;
use crate::context::{MatchCursor, Nav, Phase, Session};
use crate::i18n::{count, digits, fill, t, LanguageSwitch};
use crate::instance::{use_instance, Instance, Options, Source};
use crate::keyboard;
use crate::state::View;
use crate::state::ViewState;
use crate::{files, history, state};
use chronicle_core::format::megabytes;

/// Opens the reader's own files instead of the current archive. Nothing leaves the
/// browser: the files are read and indexed here.
#[derive(Clone, Copy)]
pub struct Loader(pub Session, pub Instance, pub Nav);

impl Loader {
    /// Opens `files`. See the type docs.
    pub fn open_files(&self, files: Vec<web_sys::File>) {
        if files.is_empty() {
            return;
        }
        // A new archive starts from a fresh view (in the URL too, for the page), keeping
        // only the embedding and theme.
        let now = self.2.state.get_untracked();
        let fresh = ViewState {
            embed: now.embed,
            theme: now.theme,
            ..Default::default()
        };
        if self.1.url_state {
            history::write(&fresh, history::Entry::Push);
        }
        self.2.state.set(fresh);
        self.0.start(Open::Files(files));
    }
}

/// The absolute URL of a corpus named relative to the page.
fn absolute(url: &str) -> String {
    let base = document().base_uri().ok().flatten().unwrap_or_default();
    web_sys::Url::new_with_base(url, &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| url.to_string())
}

/// The whole app, for one instance (see [`crate::instance`]).
#[component]
pub fn App(options: Options) -> impl IntoView {
    let instance = Instance::new(&options);
    provide_context(instance);
    let initial = ViewState {
        q: options.initial_query.clone(),
        ..Default::default()
    };
    let nav = Nav::new(instance, initial);
    provide_context(nav);
    let session = Session::new();
    provide_context(session);
    provide_context(Loader(session, instance, nav));
    provide_context(MatchCursor::new());
    session.watch(nav);
    session.start(match options.source {
        Source::Url(url) => Open::Url(absolute(&url), url),
        Source::Inline(text) => Open::Text(text),
        Source::File(file) => Open::Files(vec![file]),
    });
    // While a large archive loads, ask again now and then: the answers grow with it.
    let refresh = RwSignal::new(0u32);
    crate::effect::effect(
        move |handle: Option<Option<leptos::leptos_dom::helpers::IntervalHandle>>| {
            let loading = session.loading.get().is_some();
            if let Some(Some(h)) = handle {
                h.clear();
            }
            loading.then(|| {
                set_interval_with_handle(
                    move || refresh.update(|n| *n += 1),
                    std::time::Duration::from_millis(1500),
                )
                .ok()
            })?
        },
    );
    crate::effect::effect(move |first: Option<()>| {
        refresh.track();
        if first.is_some() {
            session.request(&nav, true);
        }
    });
    let theme = RwSignal::new(theme_toggle::initial(instance));
    provide_context(ThemeCtx(theme));
    theme_toggle::apply(instance, theme);
    // Compact chrome: in someone else's page, or asked for by the URL (`#embed=1`).
    let embedded = !instance.is_page() || history::current().embed;
    // Whether loading, changed only when that does (the phase changes with every
    // progress report): the fonts are warmed once, not laid out again at each report.
    let loading = Memo::new(move |_| matches!(session.phase.get(), Phase::Loading(_)));
    view! {
        <div class="chronicle" class:chronicle--embedded=embedded>
            <DropZone />
            {move || loading.get().then(|| view! { <FontWarmup /> })}
            {move || match session.phase.get() {
                Phase::Loading(p) => view! { <Loading progress=p /> }.into_any(),
                Phase::Failed(failure) => view! {
                    <CorpusError message=failure.message position=failure.position />
                    <p class="corpus-error__open">
                        {t("Or open an archive of your own: ")} <OpenArchive />
                    </p>
                }
                .into_any(),
                Phase::Ready => view! { <ArchiveView /> }.into_any(),
            }}
        </div>
    }
}

/// "Open archive…": a file picker for a corpus (`.json`, `.jsonl`), a spreadsheet
/// (`.csv`, `.tsv`), a prebuilt archive
/// (`.chronicle`) or text files.
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
            class="open-archive button"
            data-testid="open-archive"
            title=t("Open a corpus (.json, .jsonl), a spreadsheet (.csv, .tsv), a prebuilt archive (.chronicle) or text files from your computer. Nothing is uploaded.")
        >
            {t("Open archive…")}
            <input
                class="visually-hidden"
                type="file"
                multiple
                accept=".json,.jsonl,.ndjson,.csv,.tsv,.mbox,.eml,.chronicle,.txt,application/json,text/csv,text/plain,message/rfc822,application/mbox"
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
        // A picture of what a drop does, for the eyes only: the "Open archive…" button is
        // the way in for everyone, screen readers included.
        <div
            class="drop-zone"
            class:drop-zone--active=move || active.get()
            data-testid="drop-zone"
            aria-hidden="true"
        >
            <p class="drop-zone__message">
                {t("Drop a corpus (.json, .jsonl), a spreadsheet (.csv, .tsv), a prebuilt archive (.chronicle) or text files to open them here. Nothing is uploaded.")}
            </p>
        </div>
    }
}

/// "12.4 MB of 80.1 MB · 15,200 documents".
pub fn progress_text(progress: &Progress) -> String {
    match (progress.bytes, progress.total) {
        (0, _) => String::new(),
        (b, Some(total)) => fill(
            "{} of {} · {}",
            &[
                &digits(&megabytes(b)),
                &digits(&megabytes(total)),
                &count(progress.documents as usize, "document", "documents"),
            ],
        ),
        (b, None) => format!(
            "{} · {}",
            digits(&megabytes(b)),
            count(progress.documents as usize, "document", "documents")
        ),
    }
}

fn percent(progress: &Progress) -> Option<u64> {
    progress
        .total
        .filter(|&t| t > 0)
        .map(|t| (progress.bytes * 100 / t).min(100))
}

/// The fonts, sizes and weights the views use (see the type scale in
/// `style/tokens.css`), those of the first answer first: each is looked up once, which
/// costs the first layout needing it. Read off the computed styles of the list, an open
/// document and the chronology; a combination missing here showed as a long task (30 ms
/// of font lookup) when the first results appeared during a large download.
const FONT_WARMUP: [(&str, &str, &str); 16] = [
    ("font-warmup__ui", "var(--text-lg)", "700"),
    ("font-warmup__text", "var(--text-sm)", "400"),
    ("font-warmup__ui", "11px", "400"),
    ("font-warmup__ui", "var(--text-xs)", "400"),
    ("font-warmup__ui", "var(--text-xs)", "700"),
    ("font-warmup__ui", "var(--text-sm)", "400"),
    ("font-warmup__ui", "var(--text-base)", "400"),
    ("font-warmup__ui", "var(--text-base)", "700"),
    ("font-warmup__ui", "var(--text-lg)", "400"),
    ("font-warmup__ui", "var(--text-xl)", "700"),
    ("font-warmup__text", "var(--text-lg)", "400"),
    ("font-warmup__text", "var(--text-2xl)", "700"),
    ("font-warmup__ui", "var(--text-sm)", "600"),
    ("font-warmup__ui", "var(--text-2xl)", "400"),
    ("font-warmup__ui", "var(--text-sm)", "700"),
    ("font-warmup__ui", "var(--text-base)", "600"),
];

/// Text in the scripts archives hold, in each font and size the results use, laid out
/// unseen in the first frame: finding a font for a size, or a fallback font for Arabic,
/// takes milliseconds each while the browser is idle, but up to 50 ms each once it
/// streams a large archive (a synchronous call to the browser process, traced in
/// Chromium). The first frame comes before the engine's worker has started, so before the
/// download.
#[component]
fn FontWarmup() -> impl IntoView {
    view! {
        <span class="font-warmup" aria-hidden="true">
            {FONT_WARMUP
                .iter()
                .map(|&(family, size, weight)| {
                    view! {
                        <span class=family style:font-size=size style:font-weight=weight>
                            "Aé ادلب “” —"
                        </span>
                    }
                })
                .collect_view()}
        </span>
    }
}

/// "Loading the archive… 12.4 MB of 80.1 MB · 15,200 documents".
#[component]
fn Loading(progress: Progress) -> impl IntoView {
    let detail = progress_text(&progress);
    view! {
        <div class="loading" role="status" data-testid="load-progress">
            <span class="loading__spinner" aria-hidden="true"></span>
            <span>{t("Loading the archive… ")} {detail}</span>
            {percent(&progress)
                .map(|p| view! { <progress class="loading__bar" max="100" value=p></progress> })}
        </div>
    }
}

/// While a large archive still loads: how far, and that the results are partial.
#[component]
fn StillLoading() -> impl IntoView {
    let session = expect_context::<Session>();
    move || {
        session.loading.get().map(|p| {
            view! {
                <div class="loading loading--partial" role="status" data-testid="load-progress">
                    <span class="loading__spinner" aria-hidden="true"></span>
                    <span>
                        {t("Still loading · ")} {progress_text(&p)}
                        {t(" · results so far are partial")}
                    </span>
                    {percent(&p)
                        .map(|v| view! { <progress class="loading__bar" max="100" value=v></progress> })}
                </div>
            }
        })
    }
}

/// The archive: header with search, load problems, results, and the open document.
#[component]
pub fn ArchiveView() -> impl IntoView {
    let instance = use_instance();
    let session = expect_context::<Session>();
    let nav = expect_context::<Nav>();
    keyboard::install();
    let title = move || {
        session
            .info
            .with(|i| i.title.clone().unwrap_or_else(|| t("Archive").into()))
    };
    if instance.is_page() {
        crate::effect::effect(move |_| document().set_title(&format!("{} · Chronicle", title())));
    }
    // Test hook: `#debug=panic` panics after mounting, to prove panics are shown.
    if state::hash_param(&history::current_hash(), "debug").as_deref() == Some("panic") {
        request_animation_frame(|| panic!("deliberate panic requested by #debug=panic"));
    }
    let doc_open = move || nav.state.with(|s| s.doc.is_some());
    let view = Memo::new(move |_| nav.state.with(|s| s.view));
    // Narrow screens: the facets open as a drawer.
    let filters_open = RwSignal::new(false);
    let description = move || session.info.with(|i| i.description.clone());
    view! {
        <div class="app" class:app--doc-open=doc_open>
            <header class="masthead">
                <div class="masthead__brand">
                    <h1 class="masthead__title" data-testid="archive-title" dir="auto">
                        {title}
                    </h1>
                    {move || {
                        description()
                            .map(|d| view! { <p class="masthead__description" dir="auto">{d}</p> })
                    }}
                </div>
                <SearchBar />
                <OpenArchive />
                {instance.is_page().then(|| view! { <LanguageSwitch /> })}
                <ThemeToggle />
            </header>
            <StillLoading />
            <LoadProblems />
            <main class="panes" class:panes--filters-open=move || filters_open.get()>
                <aside class="facets-pane" aria-label=t("Filters")>
                    <button
                        class="facets-pane__close button"
                        type="button"
                        on:click=move |_| filters_open.set(false)
                    >
                        {t("Done")}
                    </button>
                    <Later after=2>
                        <FacetPanel />
                    </Later>
                </aside>
                <section
                    class="results"
                    aria-label=t("Results")
                    aria-busy=move || session.pending.get().to_string()
                    data-text-pending=move || session.text_pending.get().then_some("true")
                    data-testid="results"
                >
                    <ActiveFilters />
                    <Later after=3 placeholder="timeline timeline--placeholder">
                        <Timeline />
                    </Later>
                    <ResultsHeader filters_open />
                    <Later after=1>
                        {move || match view.get() {
                            View::List => view! { <ResultList /> }.into_any(),
                            View::Chronology => view! { <Chronology /> }.into_any(),
                        }}
                    </Later>
                </section>
                <DocumentPane />
            </main>
        </div>
    }
}
