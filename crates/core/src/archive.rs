//! An archive ready to browse: documents, their compressed text, and the search index.
//!
//! # Overview
//! Documents load in [`Part`]s: a [`PartBuilder`] takes valid documents one at a time,
//! keeps their metadata compactly, moves their bodies into a compressed [`TextStore`], and
//! indexes them into a [`Segment`]. [`Archive::assemble`] joins parts, in document order,
//! into the [`Archive`] the viewer reads: document metadata ([`Archive::doc`]), bodies on
//! demand ([`Archive::body`]), and the [`SearchIndex`]. Parts can be built one after
//! another (an [`ArchiveLoader`] does, as a file downloads) or side by side in several
//! threads. Ids are made unique while assembling ([`crate::ids`]). Nothing ever holds the
//! whole file, a tree of all its documents, or every body uncompressed.

use std::collections::BTreeMap;

use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::copies::Copies;
use crate::doctable::DocTable;
use crate::load::{LoadError, Loader, Place, Summary};
use crate::model::{DocId, Document};
use crate::problem::Problem;
use crate::search::{merge::merge, SearchIndex, Segment, SegmentBuilder};
use crate::store::{TextId, TextStore};

/// Text bytes after which an [`ArchiveLoader`] starts a new part: small enough that a
/// part's tables stay in the processor's caches, large enough that joining is cheap.
pub const PART_BYTES: usize = 8 * 1024 * 1024;

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
    /// Its identical copies.
    copies: Copies,
    /// Where each document came from, while more may join (a partial archive): clashing
    /// ids are renamed only once all documents are in, so that ids never depend on when
    /// the partial archive was made.
    pending: Option<Pending>,
}

/// What a partial archive keeps to be joined with more documents.
#[derive(Debug, Default)]
struct Pending {
    places: Vec<Place>,
    origins: FxHashMap<usize, String>,
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
    let h = FxBuildHasher.hash_one(id);
    h ^ (h >> 31)
}

impl IdIndex {
    fn build(docs: &DocTable) -> IdIndex {
        let mut index = IdIndex::default();
        index.by_hash.reserve(docs.len());
        for d in 0..docs.len() {
            index.insert(docs, docs.id(d), DocId(d as u32));
        }
        index
    }

    fn find(&self, docs: &DocTable, id: &str) -> Option<DocId> {
        match self.by_hash.get(&id_hash(id)) {
            Some(&d) if docs.id(d.index()) == id => Some(d),
            _ => self.overflow.get(id).copied(),
        }
    }

    /// Records `id` for `doc` (if the id is taken, the earlier document keeps it).
    fn insert(&mut self, docs: &DocTable, id: &str, doc: DocId) {
        match self.by_hash.entry(id_hash(id)) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(doc);
            }
            std::collections::hash_map::Entry::Occupied(e) => {
                if docs.id(e.get().index()) != id {
                    self.overflow.entry(id.to_string()).or_insert(doc);
                }
            }
        }
    }
}

/// A run of loaded documents, ready to join others. See the module docs.
#[derive(Debug, Default)]
pub struct Part {
    pub(crate) docs: DocTable,
    pub(crate) bodies: Vec<TextId>,
    pub(crate) store: TextStore,
    pub(crate) index: Segment,
    pub(crate) places: Vec<Place>,
    /// The file each document added from elsewhere came from (by its number here).
    pub(crate) origins: Vec<(usize, String)>,
    /// Problems of its documents (errors rejected them).
    pub problems: Vec<Problem>,
    /// Documents rejected.
    pub rejected: usize,
}

impl Part {
    /// Where the index shards its postings are kept in start, if they are kept out (a
    /// prebuilt site's; see [`crate::search::shelf`]).
    pub fn index_shards(&self) -> Option<&[u32]> {
        self.index.postings.shelf().map(|s| s.starts())
    }

    /// How many terms its dictionary has, if it is kept out (in a site's words file; see
    /// [`crate::search::shelf`]).
    pub fn words_out(&self) -> Option<u32> {
        self.index.dict.kept_out().map(|o| o.terms())
    }

    /// Takes out the compressed blocks of its text (see [`TextStore::take_blocks`]).
    pub fn take_text_blocks(&mut self) -> Vec<Box<[u8]>> {
        self.store.finish();
        self.store.take_blocks()
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

impl crate::codec::Encode for Part {
    fn encode(&self, w: &mut crate::codec::Writer) {
        w.put(&self.docs);
        w.list(&self.bodies);
        w.put(&self.store);
        w.put(&self.index);
        w.list(&self.places);
        w.usize(self.origins.len());
        for (d, f) in &self.origins {
            w.usize(*d);
            w.str(f);
        }
        w.list(&self.problems);
        w.usize(self.rejected);
    }
}

impl crate::codec::Decode for Part {
    fn decode(r: &mut crate::codec::Reader) -> crate::codec::Result<Self> {
        let docs: DocTable = r.get()?;
        let bodies: Vec<TextId> = r.list()?;
        let store: TextStore = r.get()?;
        let mut index: Segment = r.get()?;
        let places: Vec<Place> = r.list()?;
        let k = r.count(2)?;
        let mut origins = Vec::with_capacity(k);
        for _ in 0..k {
            origins.push((r.usize()?, r.string()?));
        }
        let problems = r.list()?;
        let rejected = r.usize()?;
        let n = docs.len();
        if bodies.len() != n || index.len() != n || places.len() != n {
            return Err(r.error("the parts of a loaded part do not match"));
        }
        // The index's dates are the documents' (written once, in the table).
        index.dates = docs.dates().to_vec();
        Ok(Part {
            docs,
            bodies,
            store,
            index,
            places,
            origins,
            problems,
            rejected,
        })
    }
}

/// Builds a [`Part`]. See the module docs.
#[derive(Default)]
pub struct PartBuilder {
    docs: DocTable,
    bodies: Vec<TextId>,
    store: TextStore,
    index: SegmentBuilder,
    places: Vec<Place>,
    origins: Vec<(usize, String)>,
    deferred: bool,
}

impl PartBuilder {
    /// An empty part.
    pub fn new() -> PartBuilder {
        PartBuilder {
            index: SegmentBuilder::new(),
            ..Default::default()
        }
    }

    /// An empty part whose text is stored uncompressed, to be compressed once the archive
    /// is ready ([`Archive::compress_text`]): loading spends nothing on compression, which
    /// was a tenth of its time.
    pub fn deferring_compression() -> PartBuilder {
        let mut b = PartBuilder::new();
        b.deferred = true;
        b.store.defer_compression();
        b
    }

    /// Takes a valid document, with its place in its file.
    pub fn add(&mut self, doc: Document, place: Place) {
        self.index.add(&doc);
        self.bodies.push(self.store.push(&doc.body));
        self.docs.push(&doc);
        self.places.push(place);
    }

    /// Takes a valid document from a file of its own (named in its problems).
    pub fn add_from(&mut self, doc: Document, place: Place, file: &str) {
        self.origins.push((self.docs.len(), file.to_string()));
        self.add(doc, place);
    }

    /// Documents taken.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether none were taken.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Bytes of title and body text taken.
    pub fn text_bytes(&self) -> usize {
        self.index.text_bytes()
    }

    /// The part of the documents taken so far, with the problems found reading them; the
    /// builder starts again empty, keeping its working memory for the next part.
    pub fn finish(&mut self, problems: Vec<Problem>, rejected: usize) -> Part {
        let mut store = std::mem::take(&mut self.store);
        store.finish();
        if self.deferred {
            self.store.defer_compression();
        }
        Part {
            docs: std::mem::take(&mut self.docs),
            bodies: std::mem::take(&mut self.bodies),
            store,
            index: self.index.finish(),
            places: std::mem::take(&mut self.places),
            origins: std::mem::take(&mut self.origins),
            problems,
            rejected,
        }
    }
}

/// Builds an [`Archive`] from chunks of a corpus file and from single documents, one
/// part after another.
pub struct ArchiveLoader {
    loader: Option<Loader>,
    /// Whether the current corpus file has received any bytes (a file never started is
    /// not an empty file).
    fed: bool,
    current: PartBuilder,
    parts: Vec<Part>,
    summary: Summary,
}

impl Default for ArchiveLoader {
    fn default() -> Self {
        Self::new()
    }
}

impl ArchiveLoader {
    /// A loader for a corpus file of any shape (corpus object, array, JSON Lines).
    pub fn new() -> ArchiveLoader {
        Self::with(Loader::new())
    }

    /// A loader for JSON Lines.
    pub fn json_lines() -> ArchiveLoader {
        Self::with(Loader::json_lines())
    }

    /// This loader, storing text uncompressed until [`Archive::compress_text`], as the
    /// browser's engine loads (see [`PartBuilder::deferring_compression`]).
    pub fn deferring_compression(mut self) -> ArchiveLoader {
        self.current = PartBuilder::deferring_compression();
        self
    }

    fn with(loader: Loader) -> ArchiveLoader {
        ArchiveLoader {
            loader: Some(loader),
            fed: false,
            current: PartBuilder::new(),
            parts: Vec::new(),
            summary: Summary::default(),
        }
    }

    /// Seals the current part if it is large enough.
    fn maybe_seal(&mut self) {
        if self.current.text_bytes() >= PART_BYTES {
            self.seal();
        }
    }

    fn seal(&mut self) {
        if !self.current.is_empty() {
            let part = self.current.finish(Vec::new(), 0);
            self.parts.push(part);
        }
    }

    /// Adds a chunk of the corpus file.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), LoadError> {
        self.fed = true;
        let Some(loader) = &mut self.loader else {
            return Ok(());
        };
        let current = &mut self.current;
        let mut sealed = Vec::new();
        loader.feed(chunk, &mut |d, place| {
            current.add(d, place);
            if current.text_bytes() >= PART_BYTES {
                sealed.push(current.finish(Vec::new(), 0));
            }
        })?;
        self.parts.extend(sealed);
        Ok(())
    }

    /// Ends the current corpus file and starts another (JSON Lines if `json_lines`), for
    /// archives made of several files.
    pub fn next_file(&mut self, json_lines: bool) -> Result<(), LoadError> {
        self.end_file()?;
        self.loader = Some(if json_lines {
            Loader::json_lines()
        } else {
            Loader::new()
        });
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
            let current = &mut self.current;
            let summary = l.finish(&mut |d, place| current.add(d, place))?;
            self.summary.problems.extend(summary.problems);
            self.summary.rejected += summary.rejected;
            self.summary.title = self.summary.title.take().or(summary.title);
            self.summary.description = self.summary.description.take().or(summary.description);
            self.summary.meta.extend(summary.meta);
            self.maybe_seal();
        }
        Ok(())
    }

    /// Adds a document from elsewhere (already validated, such as an ingested text file);
    /// `origin` names it in problems.
    pub fn add(&mut self, doc: Document, origin: &str) {
        let place = Place {
            index: 0,
            position: crate::json::Position { line: 1, column: 1 },
        };
        self.current.add_from(doc, place, origin);
        self.maybe_seal();
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
        self.parts.iter().map(Part::len).sum::<usize>() + self.current.len()
    }

    /// The archive.
    pub fn finish(mut self) -> Result<Archive, LoadError> {
        self.end_file()?;
        self.seal();
        Ok(Archive::assemble(self.parts, self.summary))
    }
}

impl Archive {
    /// Joins parts (in document order) into an archive, with what the file said at the
    /// corpus level. Ids are made unique here (see [`crate::ids`]).
    pub fn assemble(parts: Vec<Part>, summary: Summary) -> Archive {
        Self::join(parts, summary, true)
    }

    /// Joins parts into a partial archive, to search while more documents load; join it
    /// with the rest by [`Archive::extend`]. Clashing ids stay until then.
    pub fn assemble_partial(parts: Vec<Part>, summary: Summary) -> Archive {
        Self::join(parts, summary, false)
    }

    /// A partial archive joined with the parts that follow it (`complete`: the last ones).
    pub fn extend(self, parts: Vec<Part>, summary: Summary, complete: bool) -> Archive {
        let mut all = Vec::with_capacity(parts.len() + 1);
        all.push(self.into_part());
        all.extend(parts);
        Self::join(all, summary, complete)
    }

    /// A partial archive as one part again (to join with more, or to write: `chronicle
    /// build` joins its parts at build time, so the browser need not).
    pub fn into_part(self) -> Part {
        let pending = self.pending.unwrap_or_default();
        Part {
            docs: self.docs,
            bodies: self.bodies,
            store: self.store,
            index: self.index.into_segment(),
            places: pending.places,
            origins: pending.origins.into_iter().collect(),
            problems: self.problems,
            rejected: self.rejected,
        }
    }

    fn join(parts: Vec<Part>, summary: Summary, complete: bool) -> Archive {
        let mut problems = summary.problems;
        let mut rejected = summary.rejected;
        let mut docs = DocTable::new();
        let mut bodies = Vec::with_capacity(parts.iter().map(Part::len).sum());
        let mut store = TextStore::new();
        let mut places = Vec::with_capacity(bodies.capacity());
        let mut origins: FxHashMap<usize, String> = FxHashMap::default();
        let mut segments = Vec::with_capacity(parts.len());
        for part in parts {
            origins.extend(part.origins.into_iter().map(|(d, f)| (d + docs.len(), f)));
            if docs.is_empty() {
                docs = part.docs;
            } else {
                docs.append(&part.docs);
            }
            let shift = store.append(part.store);
            bodies.extend(part.bodies.into_iter().map(|t| t.shifted(shift)));
            places.extend(part.places);
            segments.push(part.index);
            problems.extend(part.problems);
            rejected += part.rejected;
        }
        let pending = if complete {
            let renames = crate::ids::unique_ids((0..docs.len()).map(|d| docs.id(d)));
            for (d, new_id) in &renames {
                let place = origins.get(d).map_or(Ok(places[*d]), |f| Err(f.as_str()));
                problems.push(crate::ids::renamed(docs.id(*d), new_id, place));
            }
            docs.rename(&renames);
            docs.finish();
            bodies.shrink_to_fit();
            None
        } else {
            Some(Pending { places, origins })
        };
        crate::problem::sort_in_file_order(&mut problems);
        let by_id = IdIndex::build(&docs);
        let copies = Copies::new(docs.copy_keys());
        Archive {
            title: summary.title,
            description: summary.description,
            meta: summary.meta,
            index: SearchIndex::new(merge(segments)),
            problems,
            rejected,
            docs,
            bodies,
            store,
            by_id,
            copies,
            pending,
        }
    }

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

    /// A document's date.
    pub fn date_of(&self, id: DocId) -> Option<crate::date::Date> {
        self.docs.date(id.index())
    }

    /// A document's source.
    pub fn source_of(&self, id: DocId) -> Option<&str> {
        self.docs.first(id.index(), crate::metadata::Field::Source)
    }

    /// A document's id string.
    pub fn id_of(&self, id: DocId) -> &str {
        self.docs.id(id.index())
    }

    /// Blocks of text that were read while missing since the last call (see
    /// [`crate::store`]): fetch them, [`Archive::fill_text`], and ask again.
    pub fn take_missing_text(&self) -> Vec<u32> {
        self.store.take_missing()
    }

    /// Compresses up to `blocks` blocks of text stored uncompressed while loading (see
    /// [`PartBuilder::deferring_compression`]); returns whether any are left.
    pub fn compress_text(&mut self, blocks: usize) -> bool {
        self.store.compress_stored(blocks)
    }

    /// Index shards that queries read while not in since the last call (see
    /// [`crate::search::shelf`]): fetch them, [`Archive::fill_postings`], and ask again.
    pub fn take_missing_postings(&self) -> Vec<u32> {
        self.index
            .shelf()
            .map(|s| s.take_wanted())
            .unwrap_or_default()
    }

    /// Whether a query read the dictionary while it was kept out, since the last call
    /// (see [`crate::search::shelf`]): fetch the words file, [`Archive::fill_words`], and
    /// ask again.
    pub fn take_missing_words(&self) -> bool {
        self.index.words_out().is_some_and(|o| o.take_wanted())
    }

    /// Puts the words read from the words file in; gives where the index shards start,
    /// or why they do not fit.
    pub fn fill_words(
        &mut self,
        (dict, postings): (
            crate::search::dictionary::Dictionary,
            crate::search::postings::PostingLists,
        ),
    ) -> Result<Vec<u32>, String> {
        self.index.fill_words(dict, postings)
    }

    /// Puts fetched index shard `s` in; why not if it does not fit the index.
    pub fn fill_postings(
        &mut self,
        s: usize,
        lists: crate::search::shelf::ShardLists,
    ) -> Result<(), String> {
        self.index.fill_postings(s, lists)
    }

    /// Puts fetched blocks of text in, the first at number `first`; whether they fit.
    pub fn fill_text(&mut self, first: u32, blocks: Vec<Box<[u8]>>) -> bool {
        self.store.fill(first, blocks)
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

    /// The first `max` bytes of a document's body (less, to end on a character).
    pub fn body_prefix(&self, id: DocId, max: usize) -> String {
        self.bodies
            .get(id.index())
            .map(|&t| self.store.get_prefix(t, max))
            .unwrap_or_default()
    }

    /// Its identical copies ([`crate::copies`]).
    pub fn copies(&self) -> &Copies {
        &self.copies
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
            // See: #11 (one policy for clashing ids: the later document is renamed)
            assert_eq!(a.len(), 3, "chunk {chunk}");
            assert_eq!(a.rejected, 0);
            let shown = a.problems[0].to_string();
            assert_eq!(
                shown,
                "warning: line 4:9, document 3 (id \"a\"), field \"id\": duplicate id \"a\": \
                 an earlier document has it; this one is renamed \"a-2\""
            );
            assert_eq!(a.doc(a.find("a-2").unwrap()).title, "Duplicate");
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
        assert_eq!(a.len(), 5);
        let seed = a.find("press-release-2018-10-17").unwrap();
        assert_eq!(
            a.doc(seed).first(crate::metadata::Field::Source),
            Some("Syrian Coalition")
        );
        assert!(a
            .problems
            .iter()
            .any(|p| p.file.as_deref() == Some("empty.txt") && p.is_error()));
        assert_eq!(a.rejected, 1);
    }

    #[test]
    fn a_part_sent_as_bytes_arrives_whole() {
        // Workers send the parts they build to the engine as bytes.
        let loaded = crate::load::load_corpus(CORPUS.as_bytes()).unwrap();
        let mut b = PartBuilder::new();
        for (d, place) in loaded.corpus.documents.into_iter().zip(loaded.places) {
            b.add(d, place);
        }
        let part = b.finish(loaded.problems, loaded.rejected);
        let bytes = crate::codec::to_bytes(&part);
        let back: Part = crate::codec::from_bytes(&bytes).unwrap();
        assert_eq!(crate::codec::to_bytes(&back), bytes);
        let a = Archive::assemble(vec![back], Summary::default());
        let id = a.find("a").unwrap();
        assert_eq!(
            a.find("a-2").map(|d| a.doc(d).title),
            Some("Duplicate".to_string())
        );
        assert_eq!(a.body(id), "First paragraph.\n\nSecond, about Idlib.");
        assert_eq!(a.doc(id).date.unwrap().to_iso(), "2018-10-17");
        let hits = a.index.search(&Query::parse("idlib"), Sort::Relevance);
        assert_eq!(hits.ids, [id]);
        // Cut anywhere, the bytes give an error, never a panic.
        for cut in (0..bytes.len()).step_by(7) {
            assert!(crate::codec::from_bytes::<Part>(&bytes[..cut]).is_err());
        }
    }

    #[test]
    fn an_archive_joined_in_steps_is_the_archive_joined_at_once() {
        // See: #9 (a partial archive answers while the rest loads; the ids it ends with
        // never depend on when it was made)
        let docs: Vec<(Document, Place)> = (0..9)
            .map(|i| {
                let id = ["a", "b", "a", "a-2", "c"][i % 5].to_string();
                let doc = Document {
                    id,
                    title: format!("Title {i}"),
                    body: format!("body number {i} idlib"),
                    ..Default::default()
                };
                let place = Place {
                    index: i,
                    position: crate::json::Position {
                        line: i + 1,
                        column: 1,
                    },
                };
                (doc, place)
            })
            .collect();
        let part = |range: std::ops::Range<usize>| {
            let mut b = PartBuilder::new();
            for (d, p) in &docs[range] {
                b.add(d.clone(), *p);
            }
            b.finish(Vec::new(), 0)
        };
        let at_once =
            Archive::assemble(vec![part(0..3), part(3..6), part(6..9)], Summary::default());
        let partial = Archive::assemble_partial(vec![part(0..3)], Summary::default());
        assert_eq!(partial.len(), 3);
        let partial = partial.extend(vec![part(3..6)], Summary::default(), false);
        let stepped = partial.extend(vec![part(6..9)], Summary::default(), true);
        let ids = |a: &Archive| {
            (0..a.len() as u32)
                .map(|d| a.id_of(DocId(d)).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&stepped), ids(&at_once));
        assert_eq!(
            ids(&at_once),
            ["a", "b", "a-3", "a-2", "c", "a-4", "b-2", "a-5", "a-2-2"]
        );
        assert_eq!(stepped.problems, at_once.problems);
        let q = Query::parse("idlib");
        assert_eq!(
            stepped.index.search(&q, Sort::Relevance),
            at_once.index.search(&q, Sort::Relevance)
        );
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
    fn added_documents_join_and_clashing_ids_are_renamed() {
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
        assert_eq!(a.len(), 5);
        assert_eq!(a.rejected, 0);
        assert_eq!(a.body(a.find("c").unwrap()), "A text file.");
        assert_eq!(a.body(a.find("b-2").unwrap()), "y");
        let clash = a
            .problems
            .iter()
            .find(|p| p.file.as_deref() == Some("b.txt"))
            .unwrap();
        assert_eq!(clash.field.as_deref(), Some("id"));
        assert!(!clash.is_error());
    }
}
