//! Building an index: documents in, a [`Segment`] out.
//!
//! # Overview
//! A [`SegmentBuilder`] indexes documents one at a time, in the order they load. For each
//! it finds the words of the title and the body ([`crate::text::for_each_term`]), gives
//! each distinct word a number ([`Interner`]), and records the document's postings in one
//! flat buffer, term after term. [`SegmentBuilder::finish`] sorts the terms, sizes every
//! term's postings from that buffer, and writes them straight into place
//! ([`ScatterWriter`]): two passes over one buffer, no allocation per term. The result, a
//! [`Segment`], is a complete index of its documents, numbered from 0.
//!
//! Segments are what make loading parallel: each worker builds segments of the batches
//! it is given, and [`super::merge::merge`] joins them, in document order, into the
//! segment behind the one [`SearchIndex`](super::SearchIndex) a reader searches.

use crate::date::Date;
use crate::model::Document;
use crate::text::for_each_term;

use super::dictionary::{sort_order, Dictionary};
use super::fields::{FieldIndex, FieldIndexBuilder};
use super::interner::Interner;
use super::postings::{counts_len, varint_len, PostingLists, ScatterWriter};
use super::TITLE_WEIGHT;
use crate::strlist::StrList;

/// Documents per declared language, sorted by language (an archive has few: a list).
pub(crate) type Languages = Vec<(String, u32)>;

/// Adds `n` documents in `language` to `languages`.
pub(crate) fn count_language(languages: &mut Languages, language: &str, n: u32) {
    match languages.binary_search_by(|(l, _)| l.as_str().cmp(language)) {
        Ok(i) => languages[i].1 += n,
        Err(i) => languages.insert(i, (language.to_string(), n)),
    }
}

/// The index of a run of documents, numbered from 0. See the module docs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Segment {
    /// Every term, sorted (no stems: those are worked out once, for the whole index).
    pub(crate) dict: Dictionary,
    /// Each term's postings, in dictionary order.
    pub(crate) postings: PostingLists,
    /// Title words of each document (term ids): document `d`'s are
    /// `title_terms[title_ends[d - 1]..title_ends[d]]`.
    pub(crate) title_terms: Vec<u32>,
    pub(crate) title_ends: Vec<u32>,
    /// BM25 length of each document: title words × TITLE_WEIGHT + body words.
    pub(crate) lengths: Vec<f32>,
    /// Each document's date.
    pub(crate) dates: Vec<Option<Date>>,
    /// How many documents declare each language (primary subtag, lower case).
    pub(crate) languages: Languages,
    /// Metadata values.
    pub(crate) fields: FieldIndex,
}

impl Segment {
    /// Number of documents.
    pub fn len(&self) -> usize {
        self.lengths.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.lengths.is_empty()
    }

    /// Number of distinct terms.
    pub fn term_count(&self) -> usize {
        self.dict.len()
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.dict.heap_bytes()
            + self.postings.heap_bytes()
            + 4 * (self.title_terms.capacity() + self.title_ends.capacity())
            + self.lengths.capacity() * 4
            + self.dates.capacity() * std::mem::size_of::<Option<Date>>()
            + self.fields.heap_bytes()
    }
}

/// Builds a [`Segment`]. See the module docs.
#[derive(Debug, Default)]
pub struct SegmentBuilder {
    table: Interner,
    /// Each document's postings, back to back: for every distinct term of the document,
    /// `[term, document, title count, position count, positions…]`.
    records: Vec<u32>,
    /// Per term id: its index in `doc_terms` while the current document is read.
    slot: Vec<u32>,
    /// Per term id: its postings' stream sizes so far, its document count and its last
    /// document (`u32::MAX`: none yet).
    sizes: Vec<(u32, u32, u32, u32)>,
    doc_terms: Vec<u32>,
    occurrences: Vec<(u32, u32)>,
    grouped: Vec<u32>,
    starts: Vec<u32>,
    title_terms: Vec<u32>,
    title_ends: Vec<u32>,
    lengths: Vec<f32>,
    dates: Vec<Option<Date>>,
    languages: Languages,
    fields: FieldIndexBuilder,
    text_bytes: usize,
}

const NO_SLOT: u32 = u32::MAX;

impl SegmentBuilder {
    /// An empty builder.
    pub fn new() -> SegmentBuilder {
        SegmentBuilder {
            table: Interner::new(),
            fields: FieldIndexBuilder::new(),
            ..Default::default()
        }
    }

    /// Documents added so far.
    pub fn len(&self) -> usize {
        self.lengths.len()
    }

    /// Whether no document was added.
    pub fn is_empty(&self) -> bool {
        self.lengths.is_empty()
    }

    /// Bytes of title and body text indexed so far.
    pub fn text_bytes(&self) -> usize {
        self.text_bytes
    }

    /// The local number of a term, noting it as a term of the current document.
    #[inline(always)]
    fn local(&mut self, term: &str) -> u32 {
        let (id, new) = self.table.intern(term);
        if new {
            self.slot.push(NO_SLOT);
            self.sizes.push((0, 0, 0, u32::MAX));
        }
        let slot = &mut self.slot[id as usize];
        if *slot == NO_SLOT {
            *slot = self.doc_terms.len() as u32;
            self.doc_terms.push(id);
        }
        *slot
    }

    /// Adds the words of `text` at positions from `pos` on. (One function for titles
    /// and bodies: one copy of the tokenizer's hot loop.)
    fn add_terms(&mut self, text: &str, occurrences: &mut Vec<(u32, u32)>, pos: &mut u32) {
        for_each_term(text, |_, t| {
            let l = self.local(t);
            occurrences.push((l, *pos));
            *pos += 1;
        });
    }

    /// Indexes the next document (its title, body, date, language and metadata). Its
    /// number in the segment is the count of documents added before it.
    pub fn add(&mut self, doc: &Document) {
        let d = self.lengths.len() as u32;
        self.text_bytes += doc.title.len() + doc.body.len();
        self.doc_terms.clear();
        let mut occurrences = std::mem::take(&mut self.occurrences);
        occurrences.clear();
        let mut pos = 0u32;
        self.add_terms(&doc.title, &mut occurrences, &mut pos);
        let title_len = pos;
        for &(l, _) in &occurrences {
            self.title_terms.push(self.doc_terms[l as usize]);
        }
        self.title_ends.push(self.title_terms.len() as u32);
        pos += 1; // a gap: phrases never join title and body
        let body_start = pos;
        self.add_terms(&doc.body, &mut occurrences, &mut pos);
        let body_words = pos - body_start;
        self.lengths
            .push(title_len as f32 * TITLE_WEIGHT + body_words as f32);
        self.record_postings(d, &occurrences, title_len);
        self.occurrences = occurrences;
        self.dates.push(doc.date);
        if let Some(l) = doc.first(crate::metadata::Field::Lang) {
            let primary = l
                .split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            count_language(&mut self.languages, &primary, 1);
        }
        self.fields.add(d, doc);
    }

    /// Groups the document's positions by term (a counting sort: positions stay in
    /// order) and appends one record per term.
    fn record_postings(&mut self, d: u32, occurrences: &[(u32, u32)], title_len: u32) {
        let k = self.doc_terms.len();
        self.starts.clear();
        self.starts.resize(k + 1, 0);
        for &(l, _) in occurrences {
            self.starts[l as usize + 1] += 1;
        }
        for i in 0..k {
            self.starts[i + 1] += self.starts[i];
        }
        self.grouped.clear();
        self.grouped.resize(occurrences.len(), 0);
        // `starts[l]` is the cursor of local term l while filling; afterwards it is l's end.
        for &(l, p) in occurrences {
            let c = &mut self.starts[l as usize];
            self.grouped[*c as usize] = p;
            *c += 1;
        }
        let mut begin = 0usize;
        for l in 0..k {
            let end = self.starts[l] as usize;
            let positions = &self.grouped[begin..end];
            let title = positions.iter().take_while(|&&p| p < title_len).count() as u32;
            let id = self.doc_terms[l];
            let n = positions.len() as u32;
            self.records.extend_from_slice(&[id, d, title, n]);
            self.records.extend_from_slice(positions);
            self.slot[id as usize] = NO_SLOT;
            let s = &mut self.sizes[id as usize];
            let gap = if s.3 == u32::MAX { d } else { d - s.3 };
            s.0 += counts_len(gap, title, n - title) as u32;
            let mut prev = 0;
            for &p in positions {
                s.1 += varint_len(p - prev) as u32;
                prev = p;
            }
            s.2 += 1;
            s.3 = d;
            begin = end;
        }
    }

    /// The segment of the documents added so far; the builder starts again empty, keeping
    /// its working memory for the next segment. See the module docs.
    pub fn finish(&mut self) -> Segment {
        let n_terms = self.table.len();
        let terms: Vec<&str> = self.table.terms().collect();
        let order = sort_order(&terms);
        let mut rank = vec![0u32; n_terms];
        let mut sorted = StrList::with_capacity(terms.iter().map(|t| t.len()).sum(), n_terms);
        for (r, &old) in order.iter().enumerate() {
            rank[old as usize] = r as u32;
            sorted.push(terms[old as usize]);
        }
        drop(terms);
        // Every term's stream sizes, in dictionary order.
        let sizes: Vec<(u32, u32, u32, u32)> =
            order.iter().map(|&old| self.sizes[old as usize]).collect();
        // Write each posting into its term's place.
        let mut writer = ScatterWriter::new(&sizes);
        drop(sizes);
        let records = &self.records;
        let mut at = 0;
        while at < records.len() {
            let (t, d, title, n) = (
                records[at],
                records[at + 1],
                records[at + 2],
                records[at + 3],
            );
            writer.push(
                rank[t as usize],
                d,
                title,
                &records[at + 4..at + 4 + n as usize],
            );
            at += 4 + n as usize;
        }
        let mut title_terms = std::mem::take(&mut self.title_terms);
        for t in &mut title_terms {
            *t = rank[*t as usize];
        }
        let n_docs = self.lengths.len();
        let fields = std::mem::replace(&mut self.fields, FieldIndexBuilder::new()).finish(n_docs);
        self.table.clear();
        self.records.clear();
        self.slot.clear();
        self.sizes.clear();
        self.text_bytes = 0;
        Segment {
            dict: Dictionary::from_sorted(sorted),
            postings: writer.finish(),
            title_terms,
            title_ends: std::mem::take(&mut self.title_ends),
            lengths: std::mem::take(&mut self.lengths),
            dates: std::mem::take(&mut self.dates),
            languages: std::mem::take(&mut self.languages),
            fields,
        }
    }
}

impl Segment {
    /// Takes the dictionary and the postings' tables out (into a site's words file): see
    /// [`Dictionary::take_out`].
    pub(crate) fn take_words(&mut self) -> (Dictionary, PostingLists) {
        let postings = std::mem::take(&mut self.postings);
        let check = fingerprint(&self.dict, &postings);
        (self.dict.take_out(check), postings)
    }

    /// Puts words taken out back, checked against the documents.
    pub(crate) fn put_words(
        &mut self,
        dict: Dictionary,
        postings: PostingLists,
    ) -> Result<(), String> {
        let Some((terms, check)) = self
            .dict
            .kept_out()
            .map(|o| (o.terms() as usize, o.check()))
        else {
            return Err("the index has its words already".into());
        };
        if dict.len() != terms || postings.len() != terms {
            return Err(format!(
                "it holds {} terms and {} postings where the index has {terms} terms",
                dict.len(),
                postings.len()
            ));
        }
        if !postings.docs_below(self.len()) || fingerprint(&dict, &postings) != check {
            return Err("it is the words file of another archive".into());
        }
        self.dict = dict;
        self.postings = postings;
        Ok(())
    }
}

/// The check of a words file (see [`PostingLists::fingerprint`]).
fn fingerprint(dict: &Dictionary, postings: &PostingLists) -> u64 {
    postings.fingerprint((0..dict.len() as u32).map(|i| dict.term(i).len()))
}

impl crate::codec::Encode for Segment {
    fn encode(&self, w: &mut crate::codec::Writer) {
        w.put(&self.dict);
        w.put(&self.postings);
        w.varints(&self.title_terms);
        w.ascending(&self.title_ends);
        w.f32s(&self.lengths);
        // (Not the dates: the part's document table holds them, and its reader puts them
        // back.)
        w.usize(self.languages.len());
        for (l, n) in &self.languages {
            w.str(l);
            w.uint(u64::from(*n));
        }
        w.put(&self.fields);
        // The number of terms kept out, plus one, and their postings' fingerprint; 0 when
        // they are in.
        match self.dict.kept_out() {
            Some(o) => {
                w.uint(u64::from(o.terms()) + 1);
                w.uint(o.check());
            }
            None => w.uint(0),
        }
    }
}

impl crate::codec::Decode for Segment {
    fn decode(r: &mut crate::codec::Reader) -> crate::codec::Result<Self> {
        let mut dict: Dictionary = r.get()?;
        let postings: PostingLists = r.get()?;
        let title_terms = r.varints()?;
        let title_ends = r.ascending()?;
        let lengths = r.f32s()?;
        let k = r.count(2)?;
        let mut languages = Languages::new();
        for _ in 0..k {
            let l = r.string()?;
            count_language(&mut languages, &l, r.u32()?);
        }
        let n = lengths.len();
        let fields = FieldIndex::decode_over(r, n)?;
        let terms = match r.uint()? {
            0 => dict.len(),
            out => {
                let terms =
                    u32::try_from(out - 1).map_err(|_| r.error("too many terms kept out"))?;
                let check = r.uint()?;
                if !dict.is_empty() {
                    return Err(r.error("a dictionary both in and kept out"));
                }
                dict.mark_out(terms, check);
                terms as usize
            }
        };
        if postings.len() != dict.len()
            || !postings.docs_below(n)
            || title_ends.len() != n
            || title_terms.iter().any(|&t| t as usize >= terms)
        {
            return Err(r.error("the parts of an index segment do not match"));
        }
        crate::codec::check_ends(r, &title_ends, title_terms.len(), "title words")?;
        Ok(Segment {
            dict,
            postings,
            title_terms,
            title_ends,
            lengths,
            dates: Vec::new(),
            languages,
            fields,
        })
    }
}
