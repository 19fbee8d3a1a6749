//! Postings: for each term, the documents it occurs in, how often, and where.
//!
//! # Overview
//! [`PostingLists`] holds the postings of every term of an index in two flat byte
//! streams, with one end offset per term into each (no allocation per term: an archive of
//! mail has millions of one-off terms). A term's *document stream* has, per document, the
//! gap from the previous document (the first gap is the document number itself) and the
//! counts (body count × 16 + title count, with the title count written again in full
//! after it when it is 15 or more); its *position stream* has the gaps between the
//! positions of each document, as many as its two counts add up to. Positions number the
//! title's words from 0 and the body's from the title's length + 1, so a phrase never
//! spans the two. A posting costs about three bytes plus one or two per occurrence.
//!
//! Because the first gap is absolute and positions restart with every document, the
//! postings of two indexes of consecutive documents join by copying bytes: only the first
//! gap of the second part is written again ([`ListWriter::append`]). That is how segments
//! built in parallel become one index.
//!
//! Reading is sequential ([`TermPostings::iter`]): building sets of documents and scoring
//! walk every posting anyway and never touch the positions; phrase checks walk the lists
//! of their words in step and read positions only for the documents they check.
//!
//! A prebuilt site's index keeps its streams out, in shards put in as queries read them
//! ([`PostingLists::shelve`], [`super::shelf`]); the counts and last documents stay.

use super::shelf::{ShardLists, Shelf};

/// Largest title count kept in the packed counts.
const MAX_TITLE_TF: u32 = 15;

/// The postings of every term, flat. See the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostingLists {
    docs: Vec<u8>,
    doc_ends: Vec<u32>,
    positions: Vec<u8>,
    pos_ends: Vec<u32>,
    counts: Vec<u32>,
    last: Vec<u32>,
    /// The streams, when they are kept out in shards (then `docs`, `doc_ends`,
    /// `positions` and `pos_ends` are empty).
    shelf: Option<Box<Shelf>>,
}

/// One term's postings, borrowed from a [`PostingLists`].
#[derive(Debug, Clone, Copy)]
pub struct TermPostings<'a> {
    docs: &'a [u8],
    positions: &'a [u8],
    count: u32,
    last: u32,
}

/// One posting, as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// The document.
    pub doc: u32,
    /// Occurrences in the title.
    pub title_tf: u32,
    /// Occurrences in the body.
    pub body_tf: u32,
}

impl PostingLists {
    /// Number of terms.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Whether there are no terms.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The postings of term `id` (none if they are in a shard not put in, which is then
    /// noted: see [`Shelf::take_wanted`]).
    #[inline(always)]
    pub fn term(&self, id: u32) -> TermPostings<'_> {
        let i = id as usize;
        if let Some(shelf) = &self.shelf {
            return shelf.term(id, self.counts[i], self.last[i]);
        }
        let range = |ends: &[u32]| {
            let start = if i == 0 { 0 } else { ends[i - 1] as usize };
            start..ends[i] as usize
        };
        TermPostings {
            docs: &self.docs[range(&self.doc_ends)],
            positions: &self.positions[range(&self.pos_ends)],
            count: self.counts[i],
            last: self.last[i],
        }
    }

    /// In how many documents term `id` occurs (known whether its postings are in or not).
    #[inline(always)]
    pub fn df(&self, id: u32) -> u32 {
        self.counts[id as usize]
    }

    /// Bytes of the document and position streams.
    pub fn stream_bytes(&self) -> (usize, usize) {
        (self.docs.len(), self.positions.len())
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.docs.capacity()
            + self.positions.capacity()
            + 4 * (self.doc_ends.capacity()
                + self.pos_ends.capacity()
                + self.counts.capacity()
                + self.last.capacity())
            + self.shelf.as_ref().map_or(0, |s| s.heap_bytes())
    }

    /// A check of every term's length (`lengths`, in bytes), document count and last
    /// document (a words file's, to tell it from another archive's with as many terms).
    pub(crate) fn fingerprint(&self, lengths: impl Iterator<Item = usize>) -> u64 {
        let mix = |h: u64, v: u64| (h ^ v).wrapping_mul(0x0000_0100_0000_01b3);
        self.counts
            .iter()
            .zip(&self.last)
            .zip(lengths)
            .fold(0xcbf2_9ce4_8422_2325, |h, ((&c, &l), n)| {
                mix(mix(h, u64::from(c) << 32 | u64::from(l)), n as u64)
            })
    }

    /// The shards the streams are kept in, if they are.
    pub fn shelf(&self) -> Option<&Shelf> {
        self.shelf.as_deref()
    }

    /// Puts shard `s` of a shelved index in (checked: see [`Shelf::fill`]).
    pub fn fill(&mut self, s: usize, lists: ShardLists) -> Result<(), String> {
        match self.shelf.as_deref_mut() {
            Some(shelf) => shelf.fill(s, lists, &self.counts),
            None => Err("the index keeps no postings out".into()),
        }
    }

    /// Takes the streams out into shards of consecutive terms, of about `shard_bytes`
    /// each (more where one term's postings are larger): where each starts (the first
    /// term, then the number of terms), and the shards. The lists then read postings
    /// only from shards put back ([`PostingLists::fill`]).
    pub fn shelve(&mut self, shard_bytes: usize) -> (Vec<u32>, Vec<ShardLists>) {
        if self.shelf.is_some() || self.is_empty() {
            return (Vec::new(), Vec::new());
        }
        let mut starts = vec![0u32];
        let mut shards = Vec::new();
        let mut current = ShardLists::default();
        let n = self.len();
        for id in 0..n as u32 {
            let t = self.term(id);
            current.docs.extend_from_slice(t.docs);
            current.doc_ends.push(current.docs.len() as u32);
            current.positions.extend_from_slice(t.positions);
            current.pos_ends.push(current.positions.len() as u32);
            if current.docs.len() + current.positions.len() >= shard_bytes || id as usize + 1 == n {
                shards.push(std::mem::take(&mut current));
                starts.push(id + 1);
            }
        }
        self.docs = Vec::new();
        self.doc_ends = Vec::new();
        self.positions = Vec::new();
        self.pos_ends = Vec::new();
        self.shelf = Some(Box::new(Shelf::new(starts.clone())));
        (starts, shards)
    }
}

impl<'a> TermPostings<'a> {
    pub(crate) fn new(docs: &'a [u8], positions: &'a [u8], count: u32, last: u32) -> Self {
        TermPostings {
            docs,
            positions,
            count,
            last,
        }
    }

    /// Number of documents (document frequency).
    pub fn len(&self) -> usize {
        self.count as usize
    }

    /// Whether the term occurs nowhere.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The last document.
    pub fn last_doc(&self) -> u32 {
        self.last
    }

    /// The postings in document order.
    pub fn iter(&self) -> PostingIter<'a> {
        PostingIter {
            docs: self.docs,
            positions: self.positions,
            at: 0,
            doc: 0,
            left: self.count,
            first: true,
            pos_at: 0,
            pos_pending: 0,
            last_count: 0,
        }
    }
}

/// Writes a [`PostingLists`] term by term, in term order: whole postings
/// ([`ListWriter::push`]) or the lists of another index shifted by a document offset
/// ([`ListWriter::append`]).
#[derive(Debug, Default)]
pub struct ListWriter {
    lists: PostingLists,
    /// The current term's document count and last document (`None`: no posting yet).
    count: u32,
    last: Option<u32>,
}

impl ListWriter {
    /// A writer expecting about `terms` terms and the given stream sizes.
    pub fn with_capacity(terms: usize, doc_bytes: usize, pos_bytes: usize) -> ListWriter {
        ListWriter {
            lists: PostingLists {
                docs: Vec::with_capacity(doc_bytes),
                doc_ends: Vec::with_capacity(terms),
                positions: Vec::with_capacity(pos_bytes),
                pos_ends: Vec::with_capacity(terms),
                counts: Vec::with_capacity(terms),
                last: Vec::with_capacity(terms),
                shelf: None,
            },
            count: 0,
            last: None,
        }
    }

    /// Adds a posting to the current term (documents ascending; `positions` sorted,
    /// `title_tf` of them in the title).
    pub fn push(&mut self, doc: u32, title_tf: u32, positions: &[u32]) {
        let gap = match self.last {
            None => doc,
            Some(l) => doc - l,
        };
        let body_tf = positions.len() as u32 - title_tf;
        encode_counts(&mut self.lists.docs, gap, title_tf, body_tf);
        let mut prev = 0;
        for &p in positions {
            write_varint(&mut self.lists.positions, p - prev);
            prev = p;
        }
        self.count += 1;
        self.last = Some(doc);
    }

    /// Adds every posting of `from` to the current term, its documents shifted by `base`
    /// (which must put them after the current term's last document).
    #[inline(always)]
    pub fn append(&mut self, from: TermPostings<'_>, base: u32) {
        if from.count == 0 {
            return;
        }
        if base == 0 && self.last.is_none() {
            // The first gap is the document itself, as it was.
            self.lists.docs.extend_from_slice(from.docs);
        } else {
            let mut at = 0;
            // (Wrapping: a damaged archive gives wrong documents, never a panic.)
            let first = read_varint(from.docs, &mut at).wrapping_add(base);
            let gap = match self.last {
                None => first,
                Some(l) => first.wrapping_sub(l),
            };
            write_varint(&mut self.lists.docs, gap);
            self.lists.docs.extend_from_slice(&from.docs[at..]);
        }
        self.lists.positions.extend_from_slice(from.positions);
        self.count += from.count;
        self.last = Some(from.last.wrapping_add(base));
    }

    /// Ends the current term (the next push or append starts the next one).
    #[inline(always)]
    pub fn end_term(&mut self) {
        let l = &mut self.lists;
        l.doc_ends.push(l.docs.len() as u32);
        l.pos_ends.push(l.positions.len() as u32);
        l.counts.push(self.count);
        l.last.push(self.last.unwrap_or(0));
        self.count = 0;
        self.last = None;
    }

    /// The lists written.
    pub fn finish(mut self) -> PostingLists {
        let l = &mut self.lists;
        l.docs.shrink_to_fit();
        l.positions.shrink_to_fit();
        self.lists
    }
}

/// Writes the document-stream part of a posting.
#[inline(always)]
fn encode_counts(out: &mut Vec<u8>, gap: u32, title_tf: u32, body_tf: u32) {
    write_varint(out, gap);
    write_varint(out, (body_tf << 4) | title_tf.min(MAX_TITLE_TF));
    if title_tf >= MAX_TITLE_TF {
        write_varint(out, title_tf);
    }
}

/// Bytes the document-stream part of a posting takes.
#[inline(always)]
pub fn counts_len(gap: u32, title_tf: u32, body_tf: u32) -> usize {
    varint_len(gap)
        + varint_len((body_tf << 4) | title_tf.min(MAX_TITLE_TF))
        + if title_tf >= MAX_TITLE_TF {
            varint_len(title_tf)
        } else {
            0
        }
}

/// Writes postings straight into place: the builder knows every term's stream sizes
/// beforehand, reserves them ([`ScatterWriter::new`]), and then writes the postings of
/// documents in document order, each into its term's place, in one pass.
pub struct ScatterWriter {
    docs: Vec<u8>,
    positions: Vec<u8>,
    doc_at: Vec<u32>,
    pos_at: Vec<u32>,
    prev: Vec<u32>,
    lists_meta: (Vec<u32>, Vec<u32>, Vec<u32>, Vec<u32>),
}

impl ScatterWriter {
    /// Reserves each term's streams: `sizes[t]` is (document bytes, position bytes,
    /// count, last document) of term `t`, in term order.
    pub fn new(sizes: &[(u32, u32, u32, u32)]) -> ScatterWriter {
        let mut doc_ends = Vec::with_capacity(sizes.len());
        let mut pos_ends = Vec::with_capacity(sizes.len());
        let mut doc_at = Vec::with_capacity(sizes.len());
        let mut pos_at = Vec::with_capacity(sizes.len());
        let (mut d, mut p) = (0u32, 0u32);
        for &(db, pb, _, _) in sizes {
            doc_at.push(d);
            pos_at.push(p);
            d += db;
            p += pb;
            doc_ends.push(d);
            pos_ends.push(p);
        }
        ScatterWriter {
            docs: vec![0; d as usize],
            positions: vec![0; p as usize],
            doc_at,
            pos_at,
            prev: vec![u32::MAX; sizes.len()],
            lists_meta: (
                doc_ends,
                pos_ends,
                sizes.iter().map(|s| s.2).collect(),
                sizes.iter().map(|s| s.3).collect(),
            ),
        }
    }

    /// Writes a posting of term `t` (documents ascending per term).
    #[inline(always)]
    pub fn push(&mut self, t: u32, doc: u32, title_tf: u32, positions: &[u32]) {
        let t = t as usize;
        let prev = self.prev[t];
        let gap = if prev == u32::MAX { doc } else { doc - prev };
        self.prev[t] = doc;
        let body_tf = positions.len() as u32 - title_tf;
        let mut at = self.doc_at[t] as usize;
        put_varint(&mut self.docs, &mut at, gap);
        put_varint(
            &mut self.docs,
            &mut at,
            (body_tf << 4) | title_tf.min(MAX_TITLE_TF),
        );
        if title_tf >= MAX_TITLE_TF {
            put_varint(&mut self.docs, &mut at, title_tf);
        }
        self.doc_at[t] = at as u32;
        let mut at = self.pos_at[t] as usize;
        let mut prev = 0;
        for &p in positions {
            put_varint(&mut self.positions, &mut at, p - prev);
            prev = p;
        }
        self.pos_at[t] = at as u32;
    }

    /// The lists written.
    pub fn finish(self) -> PostingLists {
        let (doc_ends, pos_ends, counts, last) = self.lists_meta;
        PostingLists {
            docs: self.docs,
            doc_ends,
            positions: self.positions,
            pos_ends,
            counts,
            last,
            shelf: None,
        }
    }
}

/// Reads a [`TermPostings`] in document order.
pub struct PostingIter<'a> {
    docs: &'a [u8],
    positions: &'a [u8],
    at: usize,
    doc: u32,
    left: u32,
    first: bool,
    /// Position stream read up to here…
    pos_at: usize,
    /// …with this many positions of earlier postings still to skip.
    pos_pending: u32,
    /// Positions of the posting last returned.
    last_count: u32,
}

impl PostingIter<'_> {
    /// The positions of the posting last returned by `next` (ascending).
    pub fn positions(&mut self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.last_count as usize);
        self.positions_into(&mut out);
        out
    }

    /// Appends the positions of the posting last returned by `next` to `out`.
    pub fn positions_into(&mut self, out: &mut Vec<u32>) {
        let bytes = self.positions;
        // Skip the positions of the postings passed over: count varint ends.
        let mut skip = self.pos_pending;
        while skip > 0 {
            match bytes.get(self.pos_at) {
                Some(&b) => {
                    if b < 0x80 {
                        skip -= 1;
                    }
                    self.pos_at += 1;
                }
                None => break,
            }
        }
        let mut v = 0;
        for _ in 0..self.last_count {
            v += read_varint(bytes, &mut self.pos_at);
            out.push(v);
        }
        self.pos_pending = 0;
        self.last_count = 0;
    }
}

impl Iterator for PostingIter<'_> {
    type Item = Posting;

    #[inline(always)]
    fn next(&mut self) -> Option<Posting> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let bytes = self.docs;
        let gap = read_varint(bytes, &mut self.at);
        self.doc = if self.first {
            gap
        } else {
            self.doc.wrapping_add(gap)
        };
        self.first = false;
        let tf = read_varint(bytes, &mut self.at);
        let mut title_tf = tf & 0xF;
        if title_tf >= MAX_TITLE_TF {
            title_tf = read_varint(bytes, &mut self.at);
        }
        let body_tf = tf >> 4;
        self.pos_pending = self.pos_pending.wrapping_add(self.last_count);
        self.last_count = title_tf.wrapping_add(body_tf);
        Some(Posting {
            doc: self.doc,
            title_tf,
            body_tf,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left as usize, Some(self.left as usize))
    }
}

/// Bytes a variable-length integer takes.
#[inline(always)]
pub fn varint_len(v: u32) -> usize {
    match v {
        0..=0x7F => 1,
        0x80..=0x3FFF => 2,
        0x4000..=0x1F_FFFF => 3,
        0x20_0000..=0xFFF_FFFF => 4,
        _ => 5,
    }
}

#[inline(always)]
fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

#[inline(always)]
fn put_varint(out: &mut [u8], at: &mut usize, mut v: u32) {
    while v >= 0x80 {
        out[*at] = (v as u8) | 0x80;
        *at += 1;
        v >>= 7;
    }
    out[*at] = v as u8;
    *at += 1;
}

#[inline(always)]
fn read_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let mut v = 0u32;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        // (`checked_shl`: damaged bytes may run on past five.)
        v |= u32::from(b & 0x7F).checked_shl(shift).unwrap_or(0);
        if b < 0x80 {
            break;
        }
        shift += 7;
    }
    v
}

impl PostingLists {
    /// Whether every term's last document is one of the first `n` (checked when read
    /// from bytes).
    pub(crate) fn docs_below(&self, n: usize) -> bool {
        self.last.iter().all(|&l| (l as usize) < n)
    }
}

impl crate::codec::Encode for PostingLists {
    fn encode(&self, w: &mut crate::codec::Writer) {
        w.bytes(&self.docs);
        w.ascending(&self.doc_ends);
        w.bytes(&self.positions);
        w.ascending(&self.pos_ends);
        w.varints(&self.counts);
        w.varints(&self.last);
        // Where the shards start if the streams are kept out (none put in is written).
        w.u32s(self.shelf.as_ref().map_or(&[], |s| s.starts()));
    }
}

impl crate::codec::Decode for PostingLists {
    fn decode(r: &mut crate::codec::Reader) -> crate::codec::Result<Self> {
        let docs = r.bytes()?.to_vec();
        let doc_ends = r.ascending()?;
        let positions = r.bytes()?.to_vec();
        let pos_ends = r.ascending()?;
        let counts = r.varints()?;
        let last = r.varints()?;
        let starts = r.u32s()?;
        if !starts.is_empty() {
            // Kept out: no streams here, and shards of consecutive terms covering them all.
            let covers = starts.first() == Some(&0)
                && starts.windows(2).all(|w| w[0] < w[1])
                && starts.last().map(|&e| e as usize) == Some(counts.len());
            if !docs.is_empty()
                || !doc_ends.is_empty()
                || !positions.is_empty()
                || !pos_ends.is_empty()
            {
                return Err(r.error("postings both inside and kept out"));
            }
            if !covers || last.len() != counts.len() {
                return Err(r.error("the index shards do not cover the terms"));
            }
            return Ok(PostingLists {
                counts,
                last,
                shelf: Some(Box::new(Shelf::new(starts))),
                ..Default::default()
            });
        }
        let n = doc_ends.len();
        if pos_ends.len() != n || counts.len() != n || last.len() != n {
            return Err(r.error("posting tables of different lengths"));
        }
        crate::codec::check_ends(r, &doc_ends, docs.len(), "postings")?;
        crate::codec::check_ends(r, &pos_ends, positions.len(), "positions")?;
        // A posting takes two bytes at least: a count beyond that would have a reader
        // iterate (and allocate) for billions of postings that are not there.
        let mut start = 0;
        for (&end, &count) in doc_ends.iter().zip(&counts) {
            if u64::from(count) * 2 > u64::from(end - start) {
                return Err(r.error("a term counts more postings than it holds"));
            }
            start = end;
        }
        // Reading stops at the end of a term's bytes, so a wrong count cannot read
        // another term's postings: it only gives that term wrong documents, which the
        // bit sets of the evaluator ignore when out of range.
        Ok(PostingLists {
            docs,
            doc_ends,
            positions,
            pos_ends,
            counts,
            last,
            shelf: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    type Lists = Vec<Vec<(u32, Vec<u32>)>>;

    fn lists() -> impl Strategy<Value = (Lists, u32)> {
        let list = proptest::collection::btree_map(
            0u32..5_000,
            proptest::collection::btree_set(0u32..3_000, 1..20),
            0..12,
        )
        .prop_map(|m| {
            m.into_iter()
                .map(|(d, ps)| (d, ps.into_iter().collect()))
                .collect::<Vec<_>>()
        });
        (proptest::collection::vec(list, 0..8), 0u32..40)
    }

    fn write(lists: &Lists, title_len: u32) -> PostingLists {
        let mut w = ListWriter::default();
        for list in lists {
            for (d, ps) in list {
                let title = ps.iter().filter(|&&p| p < title_len).count() as u32;
                w.push(*d, title, ps);
            }
            w.end_term();
        }
        w.finish()
    }

    fn read(p: &PostingLists, skip_odd: bool) -> Lists {
        (0..p.len() as u32)
            .map(|t| {
                let mut it = p.term(t).iter();
                let mut out = Vec::new();
                let mut i = 0;
                while let Some(posting) = it.next() {
                    // Skipping the positions of some postings must work too.
                    let ps = if skip_odd && i % 2 == 1 {
                        Vec::new()
                    } else {
                        let ps = it.positions();
                        assert_eq!((posting.title_tf + posting.body_tf) as usize, ps.len());
                        ps
                    };
                    out.push((posting.doc, ps));
                    i += 1;
                }
                out
            })
            .collect()
    }

    proptest! {
        #[test]
        fn postings_round_trip((lists, title_len) in lists()) {
            let p = write(&lists, title_len);
            prop_assert_eq!(read(&p, false), lists.clone());
            let odd_skipped: Lists = lists
                .iter()
                .map(|l| l.iter().enumerate().map(|(i, (d, ps))| (*d, if i % 2 == 1 { Vec::new() } else { ps.clone() })).collect())
                .collect();
            prop_assert_eq!(read(&p, true), odd_skipped);
        }

        /// Scattering postings into reserved places gives the same bytes as writing them
        /// term by term.
        #[test]
        fn scattered_postings_are_the_same((lists, title_len) in lists()) {
            let expected = write(&lists, title_len);
            let mut sizes = Vec::new();
            for list in &lists {
                let (mut db, mut pb, mut prev) = (0u32, 0u32, None::<u32>);
                for (d, ps) in list {
                    let title = ps.iter().filter(|&&p| p < title_len).count() as u32;
                    let gap = prev.map_or(*d, |p| d - p);
                    db += counts_len(gap, title, ps.len() as u32 - title) as u32;
                    let mut q = 0;
                    for &p in ps {
                        pb += varint_len(p - q) as u32;
                        q = p;
                    }
                    prev = Some(*d);
                }
                sizes.push((db, pb, list.len() as u32, prev.unwrap_or(0)));
            }
            let mut w = ScatterWriter::new(&sizes);
            // In document order across terms, as a builder writes them.
            let mut all: Vec<(u32, u32, &Vec<u32>)> = lists
                .iter()
                .enumerate()
                .flat_map(|(t, l)| l.iter().map(move |(d, ps)| (*d, t as u32, ps)))
                .collect();
            all.sort();
            for (d, t, ps) in all {
                let title = ps.iter().filter(|&&p| p < title_len).count() as u32;
                w.push(t, d, title, ps);
            }
            prop_assert_eq!(w.finish(), expected);
        }

        /// Appending the lists of a later part, shifted, equals writing them all at once.
        #[test]
        fn appended_parts_join((a, title_len) in lists(), (b, _) in lists()) {
            let base = 5_000;
            let joined: Lists = (0..a.len().max(b.len()))
                .map(|t| {
                    let mut l = a.get(t).cloned().unwrap_or_default();
                    l.extend(b.get(t).into_iter().flatten().map(|(d, ps)| (d + base, ps.clone())));
                    l
                })
                .collect();
            let (pa, pb) = (write(&a, title_len), write(&b, title_len));
            let mut w = ListWriter::default();
            for t in 0..joined.len() {
                if t < pa.len() {
                    w.append(pa.term(t as u32), 0);
                }
                if t < pb.len() {
                    w.append(pb.term(t as u32), base);
                }
                w.end_term();
            }
            let got = w.finish();
            prop_assert_eq!(got, write(&joined, title_len));
        }
    }
}
