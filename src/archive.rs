//! A loaded archive: the corpus, its search index, and what was rejected on load.
//!
//! # Overview
//! [`Archive::from_bytes`] runs the whole load path of `chronicle-core` (parse, validate,
//! index) and keeps the result together. It is built once and then shared read-only
//! (behind an `Arc`) by every component.

use std::collections::HashMap;

use chronicle_core::load::load_corpus;
use chronicle_core::{Corpus, DocId, Document, LoadError, Problem, SearchIndex};

/// Everything the UI reads, built once per corpus.
#[derive(Debug)]
pub struct Archive {
    /// The valid documents.
    pub corpus: Corpus,
    /// The search index over them.
    pub index: SearchIndex,
    /// Problems found on load (errors rejected their document).
    pub problems: Vec<Problem>,
    /// How many documents were rejected.
    pub rejected: usize,
    by_id: HashMap<String, DocId>,
}

impl Archive {
    /// Parses, validates and indexes corpus bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Archive, LoadError> {
        let loaded = load_corpus(bytes)?;
        let index = SearchIndex::build(&loaded.corpus);
        let by_id = loaded
            .corpus
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), DocId(i as u32)))
            .collect();
        Ok(Archive {
            corpus: loaded.corpus,
            index,
            problems: loaded.problems,
            rejected: loaded.rejected,
            by_id,
        })
    }

    /// The document with this `id` string.
    pub fn find(&self, id: &str) -> Option<DocId> {
        self.by_id.get(id).copied()
    }

    /// The document behind a handle.
    pub fn doc(&self, id: DocId) -> &Document {
        &self.corpus.documents[id.index()]
    }

    /// The archive's title, or a neutral default.
    pub fn title(&self) -> &str {
        self.corpus.title.as_deref().unwrap_or("Archive")
    }
}
