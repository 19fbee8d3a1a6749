//! An archive ready to browse: documents, their compressed text, and the search index.
//!
//! # Overview
//! An [`ArchiveLoader`] takes a corpus file in chunks, as it downloads
//! ([`ArchiveLoader::feed`]), and at each document validates it, indexes it, and moves its
//! body into a compressed [`TextStore`]. [`ArchiveLoader::finish`] gives the [`Archive`]
//! the viewer reads: document metadata ([`Archive::doc`]), bodies on demand
//! ([`Archive::body`]), and the [`SearchIndex`]. Nothing ever holds the whole file, a tree
//! of all its documents, or every body uncompressed. Documents from elsewhere (text files
//! ingested in the browser) join with [`ArchiveLoader::add`].

use std::collections::BTreeMap;

use crate::fxhash::{FxBuildHasher, FxHashMap};

use crate::doctable::DocTable;
use crate::load::{LoadError, Loader, Summary};
use crate::model::{DocId, Document};
use crate::problem::Problem;
use crate::search::{IndexBuilder, SearchIndex};
use crate::store::{TextId, TextStore};

/// A loaded archive. See the module docs.
#[derive(Debug)]
pub struct Archive {
    /// The archive's title.
    pub title: Option<String>,
    /// Its description.
    pub description: Option<String>,
    /// Unknown top-level fields.
    pub meta: BTreeMap<String, String>,
    /// The search index.
    pub index: SearchIndex,
    /// Problems found while loading (errors rejected their document).
    pub problems: Vec<Problem>,
    /// Documents rejected.
    pub rejected: usize,
    docs: DocTable,
    bodies: Vec<TextId>,
    store: TextStore,
    by_id: IdIndex,
}

/// Finds documents by id string without keeping a second copy of every id: a hash of the
/// id leads to the document, whose stored id is compared. (Two ids with the same 64-bit
/// hash go to a small overflow map.)
#[derive(Debug, Default)]
struct IdIndex {
    by_hash: FxHashMap<u64, DocId>,
    overflow: FxHashMap<String, DocId>,
}

fn id_hash(id: &str) -> u64 {
    use std::hash::BuildHasher;
    // Mixed so the hash of the hash (the map's own) spreads well.
    let h = FxBuildHasher::default().hash_one(id);
    h ^ (h >> 31)
}

impl IdIndex {
    fn find(&self, docs: &DocTable, id: &str) -> Option<DocId> {
        match self.by_hash.get(&id_hash(id)) {
            Some(&d) if docs.id(d.index()) == id => Some(d),
            _ => self.overflow.get(id).copied(),
        }
    }

    /// Records `id` for `doc`; false if the id is taken.
    fn insert(&mut self, docs: &DocTable, id: &str, doc: DocId) -> bool {
        if self.find(docs, id).is_some() {
            return false;
        }
        match self.by_hash.entry(id_hash(id)) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(doc);
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                self.overflow.insert(id.to_string(), doc);
            }
        }
        true
    }
}

/// Builds an [`Archive`] from chunks of a corpus file and from single documents.
pub struct ArchiveLoader {
    loader: Option<Loader>,
    /// Whether the current corpus file has received any bytes (a file never started is
    /// not an empty file).
    fed: bool,
    parts: Parts,
    summary: Summary,
}

/// What is being assembled (kept apart from the [`Loader`] so both can be borrowed).
struct Parts {
    index: IndexBuilder,
    docs: DocTable,
    bodies: Vec<TextId>,
    store: TextStore,
    by_id: IdIndex,
    problems: Vec<Problem>,
    rejected: usize,
}

impl Parts {
    /// Takes a valid document; false (and nothing kept) if its id is taken.
    fn take(&mut self, doc: Document) -> bool {
        let next = DocId(self.docs.len() as u32);
        if !self.by_id.insert(&self.docs, &doc.id, next) {
            return false;
        }
        self.index.add(&doc);
        self.bodies.push(self.store.push(&doc.body));
        self.docs.push(&doc);
        true
    }
}

impl Default for ArchiveLoader {
    fn default() -> Self {
        Self::new()
    }
}

impl ArchiveLoader {
    /// A loader for a corpus file of any shape (corpus object, array, JSON Lines).
    pub fn new() -> ArchiveLoader {
        Self::with(Loader::new().consumer_checks_duplicates())
    }

    /// A loader for JSON Lines.
    pub fn json_lines() -> ArchiveLoader {
        Self::with(Loader::json_lines().consumer_checks_duplicates())
    }

    fn with(loader: Loader) -> ArchiveLoader {
        ArchiveLoader {
            loader: Some(loader),
            fed: false,
            parts: Parts {
                index: IndexBuilder::new(),
                docs: DocTable::new(),
                bodies: Vec::new(),
                store: TextStore::new(),
                by_id: IdIndex::default(),
                problems: Vec::new(),
                rejected: 0,
            },
            summary: Summary::default(),
        }
    }

    /// Adds a chunk of the corpus file.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), LoadError> {
        self.fed = true;
        let parts = &mut self.parts;
        match &mut self.loader {
            Some(l) => l.feed(chunk, &mut |d| parts.take(d)),
            None => Ok(()),
        }
    }

    /// Ends the current corpus file and starts another (JSON Lines if `json_lines`), for
    /// archives made of several files.
    pub fn next_file(&mut self, json_lines: bool) -> Result<(), LoadError> {
        self.end_file()?;
        let loader = if json_lines {
            Loader::json_lines()
        } else {
            Loader::new()
        };
        self.loader = Some(loader.consumer_checks_duplicates());
        self.fed = false;
        Ok(())
    }

    /// Adds a plain-text document in the seed's layout (see [`crate::seed`]): the id comes
    /// from the file name, and its problems name the file.
    pub fn add_text_file(&mut self, name: &str, text: &str) {
        let id = crate::seed::id_from_file_name(name);
        match crate::seed::parse_seed(text, &id, name) {
            Ok(seed) => {
                self.summary.problems.extend(seed.problems);
                self.add(seed.document, name);
            }
            Err(problem) => {
                self.summary.problems.push(*problem);
                self.summary.rejected += 1;
            }
        }
    }

    /// Ends the corpus file (documents can still be [`ArchiveLoader::add`]ed).
    pub fn end_file(&mut self) -> Result<(), LoadError> {
        let started = std::mem::take(&mut self.fed);
        if let Some(l) = self.loader.take().filter(|_| started) {
            let parts = &mut self.parts;
            let summary = l.finish(&mut |d| parts.take(d))?;
            self.summary.problems.extend(summary.problems);
            self.summary.rejected += summary.rejected;
            self.summary.title = self.summary.title.take().or(summary.title);
            self.summary.description = self.summary.description.take().or(summary.description);
            self.summary.meta.extend(summary.meta);
        }
        Ok(())
    }

    /// Adds a document from elsewhere (already validated, such as an ingested text file).
    /// A document whose id is taken is rejected, with a problem naming `origin`.
    pub fn add(&mut self, doc: Document, origin: &str) {
        let id = doc.id.clone();
        if !self.parts.take(doc) {
            self.parts.problems.push(
                Problem::error(format!(
                    "duplicate id \"{id}\": an earlier document has it; document rejected"
                ))
                .in_file(origin)
                .in_field("id"),
            );
            self.parts.rejected += 1;
        }
    }

    /// Records problems found elsewhere (such as while ingesting text files).
    pub fn add_problems(&mut self, problems: Vec<Problem>, rejected: usize) {
        self.summary.problems.extend(problems);
        self.summary.rejected += rejected;
    }

    /// Sets the title (if the file has none).
    pub fn set_title(&mut self, title: String) {
        self.summary.title = Some(title);
    }

    /// Documents accepted so far.
    pub fn documents(&self) -> usize {
        self.parts.docs.len()
    }

    /// The archive.
    pub fn finish(mut self) -> Result<Archive, LoadError> {
        self.end_file()?;
        let Parts {
            index,
            mut docs,
            mut bodies,
            mut store,
            by_id,
            problems,
            rejected,
        } = self.parts;
        store.finish();
        docs.finish();
        bodies.shrink_to_fit();
        let mut all_problems = self.summary.problems;
        all_problems.extend(problems);
        Ok(Archive {
            title: self.summary.title,
            description: self.summary.description,
            meta: self.summary.meta,
            index: index.finish(),
            problems: all_problems,
            rejected: self.summary.rejected + rejected,
            docs,
            bodies,
            store,
            by_id,
        })
    }
}

impl Archive {
    /// Loads a whole corpus file at once.
    pub fn from_bytes(bytes: &[u8]) -> Result<Archive, LoadError> {
        let mut loader = ArchiveLoader::new();
        loader.feed(bytes)?;
        loader.finish()
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether there are no documents.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// A document's metadata. Its `body` is empty: read it with [`Archive::body`].
    pub fn doc(&self, id: DocId) -> Document {
        self.docs.get(id.index())
    }

    /// A document's title (without building the whole document).
    pub fn title_of(&self, id: DocId) -> &str {
        self.docs.title(id.index())
    }

    /// A document's id string.
    pub fn id_of(&self, id: DocId) -> &str {
        self.docs.id(id.index())
    }

    /// Bytes of document metadata held.
    pub fn metadata_bytes(&self) -> usize {
        self.docs.heap_bytes()
    }

    /// A document's text.
    pub fn body(&self, id: DocId) -> String {
        self.bodies
            .get(id.index())
            .map(|&t| self.store.get(t))
            .unwrap_or_default()
    }

    /// The document with this `id` string.
    pub fn find(&self, id: &str) -> Option<DocId> {
        self.by_id.find(&self.docs, id)
    }

    /// The archive's title, or a neutral default.
    pub fn title(&self) -> &str {
        self.title.as_deref().unwrap_or("Archive")
    }

    /// Bytes of document text (uncompressed) and bytes the store holds.
    pub fn text_bytes(&self) -> (usize, usize) {
        (self.store.raw_bytes(), self.store.heap_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Query;
    use crate::search::Sort;

    const CORPUS: &str = r#"{"format":"chronicle-corpus","version":1,"title":"T","documents":[
        {"id":"a","title":"Idlib talks","body":"First paragraph.\n\nSecond, about Idlib.","date":"2018-10-17"},
        {"id":"b","title":"Other","body":"Nothing here."},
        {"id":"a","title":"Duplicate","body":"x"}]}"#;

    #[test]
    fn loads_in_any_chunks_and_keeps_bodies() {
        for chunk in [1, 5, 64, CORPUS.len()] {
            let mut l = ArchiveLoader::new();
            for c in CORPUS.as_bytes().chunks(chunk) {
                l.feed(c).unwrap();
            }
            let a = l.finish().unwrap();
            assert_eq!(a.len(), 2, "chunk {chunk}");
            assert_eq!(a.rejected, 1);
            let shown = a.problems[0].to_string();
            assert!(
                shown.starts_with(
                    "error: line 4:15, document 3 (id \"a\"), field \"id\": duplicate id"
                ),
                "{shown}"
            );
            assert_eq!(a.title(), "T");
            let id = a.find("a").unwrap();
            assert_eq!(a.doc(id).title, "Idlib talks");
            assert_eq!(a.body(id), "First paragraph.\n\nSecond, about Idlib.");
            let hits = a.index.search(&Query::parse("idlib"), Sort::Relevance);
            assert_eq!(hits.ids, [id]);
        }
    }

    #[test]
    fn text_files_and_several_corpus_files_make_one_archive() {
        let mut l = ArchiveLoader::new();
        l.feed(CORPUS.as_bytes()).unwrap();
        l.next_file(true).unwrap();
        l.feed(b"{\"id\":\"j1\",\"title\":\"From lines\",\"body\":\"x\"}\n")
            .unwrap();
        l.end_file().unwrap();
        l.add_text_file(
            "dir/press-release-2018-10-17.txt",
            include_str!("../tests/data/press-release-2018-10-17.txt"),
        );
        l.add_text_file("empty.txt", "  \n");
        let a = l.finish().unwrap();
        assert_eq!(a.len(), 4);
        let seed = a.find("press-release-2018-10-17").unwrap();
        assert_eq!(a.doc(seed).source.as_deref(), Some("Syrian Coalition"));
        assert!(a
            .problems
            .iter()
            .any(|p| p.to_string().contains("empty.txt")));
        assert_eq!(a.rejected, 2);
    }

    #[test]
    fn text_files_alone_make_an_archive() {
        let mut l = ArchiveLoader::new();
        l.add_text_file("a.txt", "Title\n2018\nBody.");
        let a = l.finish().unwrap();
        assert_eq!(a.len(), 1);
        assert!(a.problems.is_empty(), "{:?}", a.problems);
    }

    #[test]
    fn an_empty_corpus_file_is_still_an_error() {
        let mut l = ArchiveLoader::new();
        l.feed(b"   ").unwrap();
        assert!(l.finish().is_err());
    }

    #[test]
    fn added_documents_join_and_clashing_ids_are_rejected() {
        let mut l = ArchiveLoader::new();
        l.feed(CORPUS.as_bytes()).unwrap();
        l.end_file().unwrap();
        l.add(
            Document {
                id: "c".into(),
                title: "Dropped in".into(),
                body: "A text file.".into(),
                ..Default::default()
            },
            "c.txt",
        );
        l.add(
            Document {
                id: "b".into(),
                title: "Clash".into(),
                body: "y".into(),
                ..Default::default()
            },
            "b.txt",
        );
        let a = l.finish().unwrap();
        assert_eq!(a.len(), 3);
        assert_eq!(a.rejected, 2);
        assert_eq!(a.body(a.find("c").unwrap()), "A text file.");
    }
}
