//! The root component: load the corpus, then show the archive or say what went wrong.
//!
//! # Overview
//! [`App`] fetches and loads the corpus once. While it loads, a status line shows; if it
//! cannot be read, [`CorpusError`] says why and where (line:column); otherwise
//! [`ArchiveView`] lays out the header, the search box, the results and the document.

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
use crate::components::timeline::Timeline;
use crate::context::{ArchiveCtx, HitsCtx, MatchCursor, Nav, Results};
use crate::fetch::{Failed, Progress};
use crate::keyboard;
use crate::state::View;
use crate::{fetch, history, state};
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

#[derive(Clone)]
enum Phase {
    Loading(Progress),
    Failed(Failure),
    Ready(Arc<Archive>),
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let phase = RwSignal::new(Phase::Loading(Progress::default()));
    spawn_local(async move {
        let result = fetch::load_archive(fetch::CORPUS_URL, move |p| {
            phase.set(Phase::Loading(p));
        })
        .await;
        phase.set(match result {
            Ok(archive) => Phase::Ready(Arc::new(archive)),
            Err(Failed::Load(e)) => Phase::Failed(e.into()),
            Err(Failed::Fetch(message)) => Phase::Failed(Failure {
                message,
                position: None,
            }),
        });
    });
    view! {
        {move || match phase.get() {
            Phase::Loading(p) => view! { <Loading progress=p /> }.into_any(),
            Phase::Failed(failure) => view! { <CorpusError failure /> }.into_any(),
            Phase::Ready(archive) => view! { <ArchiveView archive /> }.into_any(),
        }}
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
pub fn ArchiveView(archive: Arc<Archive>) -> impl IntoView {
    let nav = Nav::from_url();
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
    provide_context(MatchCursor::new());
    keyboard::install();

    let title = archive.title().to_string();
    document().set_title(&format!("{title} · Chronicle"));

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
