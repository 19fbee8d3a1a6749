//! The JavaScript API of the wasm module, for pages that drive the engine themselves.
//!
//! # Overview
//! [`EngineLoader`] takes a corpus file in chunks (so the whole file is never copied into
//! wasm at once) and gives an [`Engine`], which answers queries with the same code the app
//! uses. The benchmark page measures it side by side with MiniSearch:
//!
//! ```js
//! const loader = new EngineLoader();
//! for (let i = 0; i < bytes.length; i += 1 << 20) loader.feed(bytes.subarray(i, i + (1 << 20)));
//! const engine = loader.finish();
//! const top = engine.search('idlib agreement', 'relevance', 20); // Uint32Array of doc numbers
//! engine.total;                                                 // how many matched
//! ```

use chronicle_core::{Archive, ArchiveLoader, Query, Sort};
use wasm_bindgen::prelude::*;

/// Loads a corpus file chunk by chunk.
#[wasm_bindgen]
pub struct EngineLoader {
    loader: ArchiveLoader,
}

#[wasm_bindgen]
impl EngineLoader {
    /// A loader for a corpus file of any shape (corpus object, array, JSON Lines).
    #[wasm_bindgen(constructor)]
    pub fn new() -> EngineLoader {
        EngineLoader {
            loader: ArchiveLoader::new(),
        }
    }

    /// Adds the next chunk of the file.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), JsError> {
        self.loader
            .feed(chunk)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Documents accepted so far.
    #[wasm_bindgen(getter)]
    pub fn documents(&self) -> usize {
        self.loader.documents()
    }

    /// Ends the file and builds the index.
    pub fn finish(self) -> Result<Engine, JsError> {
        let archive = self
            .loader
            .finish()
            .map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Engine {
            archive,
            total: 0,
            prepared: None,
        })
    }
}

impl Default for EngineLoader {
    fn default() -> Self {
        Self::new()
    }
}

/// A loaded, indexed corpus.
#[wasm_bindgen]
pub struct Engine {
    archive: Archive,
    total: usize,
    prepared: Option<chronicle_core::Hits>,
}

#[wasm_bindgen]
impl Engine {
    /// Loads a whole corpus file at once.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: &[u8]) -> Result<Engine, JsError> {
        let archive = Archive::from_bytes(bytes).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Engine {
            archive,
            total: 0,
            prepared: None,
        })
    }

    /// Runs a query; returns the first `limit` documents (their positions in the corpus)
    /// in `sort` order (`relevance`, `newest`, `oldest`). [`Engine::total`] then holds the
    /// number of matches.
    pub fn search(&mut self, query: &str, sort: &str, limit: usize) -> Vec<u32> {
        let hits = self.archive.index.search(
            &Query::parse(query),
            Sort::from_name(sort).unwrap_or_default(),
        );
        self.total = hits.total();
        hits.ids.iter().take(limit).map(|d| d.0).collect()
    }

    /// Runs a query (relevance order) and keeps its matches for [`Engine::recount`].
    pub fn prepare(&mut self, query: &str) -> usize {
        let hits = self
            .archive
            .index
            .search(&Query::parse(query), Sort::Relevance);
        let n = hits.total();
        self.prepared = Some(hits);
        n
    }

    /// What the app recomputes after a change of query, facet or range: the narrowed
    /// results, every facet's counts and the timeline over the whole span, for the
    /// prepared query with at most one facet value (`facet` key and `value`, or empty) and
    /// a date range (`date:` syntax, or empty). Returns the number of results.
    pub fn recount(&self, facet: &str, value: &str, range: &str) -> usize {
        use chronicle_core::browse::{Facet, Narrowing, Selection};
        let Some(hits) = &self.prepared else {
            return 0;
        };
        let mut selection = Selection::default();
        if let Some(f) = Facet::from_key(facet) {
            if !value.is_empty() {
                selection.toggle(f, value);
            }
        }
        selection.range = chronicle_core::query::parse_date_range(range).ok();
        let index = &self.archive.index;
        let narrowing = Narrowing::new(index, &selection);
        let results = narrowing.apply(hits);
        let facets = narrowing.facet_counts(index, &hits.matches, &selection);
        let spans = index.date_spans();
        let histogram = chronicle_core::timeline::corpus_span(spans).map(|span| {
            chronicle_core::timeline::histogram(
                spans,
                index.month_spans(),
                &narrowing.for_timeline(&hits.matches),
                span,
            )
        });
        std::hint::black_box((&facets, &histogram));
        results.len()
    }

    /// The most frequent value of a facet (for the benchmark's facet changes).
    #[wasm_bindgen(js_name = topValue)]
    pub fn top_value(&self, facet: &str) -> Option<String> {
        match chronicle_core::browse::Facet::from_key(facet)? {
            chronicle_core::browse::Facet::Field(f) => self
                .archive
                .index
                .fields()
                .values(f)
                .first()
                .map(|v| v.value.clone()),
            chronicle_core::browse::Facet::Year => None,
        }
    }

    /// Matches of the last search.
    #[wasm_bindgen(getter)]
    pub fn total(&self) -> usize {
        self.total
    }

    /// Documents loaded.
    #[wasm_bindgen(getter)]
    pub fn documents(&self) -> usize {
        self.archive.len()
    }

    /// Documents rejected on load.
    #[wasm_bindgen(getter)]
    pub fn rejected(&self) -> usize {
        self.archive.rejected
    }

    /// Distinct terms in the index.
    #[wasm_bindgen(getter)]
    pub fn terms(&self) -> usize {
        self.archive.index.term_count()
    }

    /// Approximate bytes held by the index.
    #[wasm_bindgen(getter, js_name = indexBytes)]
    pub fn index_bytes(&self) -> usize {
        self.archive.index.heap_bytes()
    }

    /// Bytes held by the compressed document text.
    #[wasm_bindgen(getter, js_name = textBytes)]
    pub fn text_bytes(&self) -> usize {
        self.archive.text_bytes().1
    }

    /// The id of the document at a position.
    #[wasm_bindgen(js_name = documentId)]
    pub fn document_id(&self, position: u32) -> Option<String> {
        (position < self.archive.len() as u32)
            .then(|| self.archive.doc(chronicle_core::DocId(position)).id.clone())
    }
}

/// Loads and searches a small made-up archive, so the browser compiles and optimizes the
/// engine's code before a real archive arrives (see `chronicle_core::warmup`). Call it
/// right after starting a download. Returns a count so the work cannot be skipped.
#[wasm_bindgen(js_name = warmUp)]
pub fn warm_up() -> usize {
    chronicle_core::warmup::run()
}
