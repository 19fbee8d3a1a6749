//! The root component: load the corpus, then show the archive or say what went wrong.
//!
//! # Overview
//! [`App`] fetches and loads the corpus once. While it loads, a status line shows; if it
//! cannot be read, [`CorpusError`] says why and where (line:column); otherwise
//! [`ArchiveView`] lays out the header, the search box, the results and the document.

use std::sync::Arc;

use chronicle_core::json::Position;
use chronicle_core::{LoadError, Query};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::archive::Archive;
use crate::components::document_view::DocumentPane;
use crate::components::notices::{CorpusError, LoadProblems};
use crate::components::result_list::{ResultCount, ResultList};
use crate::components::search_bar::SearchBar;
use crate::context::{ArchiveCtx, HitsCtx, Nav};
use crate::keyboard;
use crate::{fetch, history, state};

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
    Loading,
    Failed(Failure),
    Ready(Arc<Archive>),
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let phase = RwSignal::new(Phase::Loading);
    spawn_local(async move {
        let next = match fetch::corpus_bytes(fetch::CORPUS_URL).await {
            Ok(bytes) => match Archive::from_bytes(&bytes) {
                Ok(archive) => Phase::Ready(Arc::new(archive)),
                Err(e) => Phase::Failed(e.into()),
            },
            Err(message) => Phase::Failed(Failure {
                message,
                position: None,
            }),
        };
        phase.set(next);
    });
    view! {
        {move || match phase.get() {
            Phase::Loading => view! {
                <div class="loading" role="status" data-testid="load-progress">
                    <span class="loading__spinner" aria-hidden="true"></span>
                    "Loading the archive…"
                </div>
            }
            .into_any(),
            Phase::Failed(failure) => view! { <CorpusError failure /> }.into_any(),
            Phase::Ready(archive) => view! { <ArchiveView archive /> }.into_any(),
        }}
    }
}

/// The archive: header with search, load problems, results, and the open document.
#[component]
pub fn ArchiveView(archive: Arc<Archive>) -> impl IntoView {
    let nav = Nav::from_url();
    let query = Memo::new(move |_| nav.state.with(|s| Query::parse(&s.q)));
    let index_owner = archive.clone();
    let hits = Memo::new(move |_| query.with(|q| index_owner.index.search(q)));
    let highlighter = Memo::new(move |_| hits.with(|h| h.highlighter.clone()));
    provide_context(ArchiveCtx(archive.clone()));
    provide_context(HitsCtx { hits, highlighter });
    provide_context(nav);
    keyboard::install();

    let title = archive.title().to_string();
    document().set_title(&format!("{title} · Chronicle"));

    // Test hook: `#debug=panic` panics after mounting, to prove panics are shown.
    if state::hash_param(&history::current_hash(), "debug").as_deref() == Some("panic") {
        request_animation_frame(|| panic!("deliberate panic requested by #debug=panic"));
    }

    let doc_open = move || nav.state.with(|s| s.doc.is_some());
    view! {
        <div class="app" class:app--doc-open=doc_open>
            <header class="masthead">
                <div class="masthead__brand">
                    <h1 class="masthead__title" data-testid="archive-title" dir="auto">
                        {title}
                    </h1>
                    {archive
                        .corpus
                        .description
                        .clone()
                        .map(|d| view! { <p class="masthead__description" dir="auto">{d}</p> })}
                </div>
                <SearchBar />
            </header>
            <LoadProblems />
            <main class="panes">
                <section class="results" aria-label="Results">
                    <ResultCount />
                    <ResultList />
                </section>
                <DocumentPane />
            </main>
        </div>
    }
}
