//! Postings: for each term, the documents it occurs in, how often, and where.
//!
//! # Overview
//! [`TermPostings`] holds one term's postings as two byte streams of variable-length
//! integers: the *document stream* has, per document, the gap from the previous document
//! and the counts (body count × 16 + title count, with the title count written again in
//! full after it when it is 15 or more); the *position stream* has the gaps between the
//! positions of each document, as many as its two counts add up to. Positions number the
//! title's words from 0 and the body's from the title's length + 1, so a phrase never
//! spans the two. A posting costs about three bytes plus one or two per occurrence.
//!
//! Reading is sequential ([`TermPostings::iter`]): building sets of documents and scoring
//! walk every posting anyway and never touch the positions; phrase checks walk the lists
//! of their words in step and read positions only for the documents they check.

/// Largest title count kept.
const MAX_TITLE_TF: u32 = 15;

/// The postings of one term.
#[derive(Debug, Clone, Default)]
pub struct TermPostings {
    docs: Vec<u8>,
    positions: Vec<u8>,
    count: u32,
    last_doc: u32,
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

impl TermPostings {
    /// Appends a document (in ascending doc order) with its sorted positions, given the
    /// document's title length.
    pub fn push(&mut self, doc: u32, positions: &[u32], title_len: u32) {
        let title = positions.iter().take_while(|&&p| p < title_len).count() as u32;
        let body = positions.len() as u32 - title;
        let gap = if self.count == 0 {
            doc
        } else {
            doc - self.last_doc
        };
        // Grow by half, not double: a loading archive holds thousands of these lists, and
        // doubling would leave a third of their memory unused at the peak. (Growing by a
        // quarter saves a little more memory but costs more time in copying.)
        grow_gently(&mut self.docs, 15);
        grow_gently(&mut self.positions, positions.len() * 5);
        write_varint(&mut self.docs, gap);
        write_varint(&mut self.docs, (body << 4) | title.min(MAX_TITLE_TF));
        if title >= MAX_TITLE_TF {
            write_varint(&mut self.docs, title);
        }
        let mut prev = 0;
        for &p in positions {
            write_varint(&mut self.positions, p - prev);
            prev = p;
        }
        self.count += 1;
        self.last_doc = doc;
    }

    /// Releases spare capacity after building.
    pub fn shrink(&mut self) {
        self.docs.shrink_to_fit();
        self.positions.shrink_to_fit();
    }

    /// Number of documents (document frequency).
    pub fn len(&self) -> usize {
        self.count as usize
    }

    /// Whether the term occurs nowhere.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The postings in document order.
    pub fn iter(&self) -> PostingIter<'_> {
        PostingIter {
            postings: self,
            at: 0,
            doc: 0,
            left: self.count,
            pos_at: 0,
            pos_pending: 0,
            last_count: 0,
        }
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.docs.capacity() + self.positions.capacity() + std::mem::size_of::<Self>()
    }
}

/// Reads a [`TermPostings`] in document order.
pub struct PostingIter<'a> {
    postings: &'a TermPostings,
    at: usize,
    doc: u32,
    left: u32,
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
        let bytes = &self.postings.positions;
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
        let mut out = Vec::with_capacity(self.last_count as usize);
        let mut v = 0;
        for _ in 0..self.last_count {
            v += read_varint(bytes, &mut self.pos_at);
            out.push(v);
        }
        self.pos_pending = 0;
        self.last_count = 0;
        out
    }
}

impl Iterator for PostingIter<'_> {
    type Item = Posting;

    #[inline]
    fn next(&mut self) -> Option<Posting> {
        if self.left == 0 {
            return None;
        }
        let first = self.left == self.postings.count;
        self.left -= 1;
        let bytes = &self.postings.docs;
        let gap = read_varint(bytes, &mut self.at);
        self.doc = if first { gap } else { self.doc + gap };
        let tf = read_varint(bytes, &mut self.at);
        let mut title_tf = tf & 0xF;
        if title_tf >= MAX_TITLE_TF {
            title_tf = read_varint(bytes, &mut self.at);
        }
        let body_tf = tf >> 4;
        self.pos_pending += self.last_count;
        self.last_count = title_tf + body_tf;
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

#[inline]
fn grow_gently(v: &mut Vec<u8>, extra: usize) {
    if v.len() + extra > v.capacity() {
        v.reserve_exact((v.capacity() / 2).max(extra).max(16));
    }
}

#[inline]
fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

#[inline]
fn read_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let mut v = 0u32;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        v |= u32::from(b & 0x7F) << shift;
        if b < 0x80 {
            break;
        }
        shift += 7;
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn postings_round_trip(docs in proptest::collection::btree_map(0u32..100_000,
                proptest::collection::btree_set(0u32..100_000, 1..40), 1..30), title_len in 0u32..50) {
            let mut p = TermPostings::default();
            for (&d, ps) in &docs {
                p.push(d, &ps.iter().copied().collect::<Vec<_>>(), title_len);
            }
            prop_assert_eq!(p.len(), docs.len());
            let mut it = p.iter();
            let mut read = 0;
            for (i, (&d, ps)) in docs.iter().enumerate() {
                let posting = it.next().expect("a posting per document");
                read += 1;
                prop_assert_eq!(posting.doc, d);
                // Read positions for every other posting: skipping must work too.
                if i % 2 == 0 {
                    prop_assert_eq!(it.positions(), ps.iter().copied().collect::<Vec<_>>());
                }
                let title = ps.iter().filter(|&&x| x < title_len).count() as u32;
                prop_assert_eq!((posting.title_tf, posting.body_tf), (title, ps.len() as u32 - title));
            }
            prop_assert_eq!(it.next(), None);
            prop_assert_eq!(read, docs.len());
        }
    }
}
