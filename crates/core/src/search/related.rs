//! Related documents: the best matches of a document's most distinctive words.
//!
//! # Overview
//! [`SearchIndex::related`] reads the opening of a document (its title counted twice),
//! weighs each of its words by how often it stands there and how rare it is in the
//! archive (tf × idf; words in one document only, or in more than a tenth of the
//! archive, say little about kinship), keeps the [`TERMS`] best, and ranks the other
//! documents by BM25 over those words. It reads a dozen posting lists, so it answers in
//! about a millisecond at 50,000 documents.

use crate::model::DocId;
use crate::text::each_term;

use super::SearchIndex;

/// Distinctive words a document is related by.
pub const TERMS: usize = 12;

/// Bytes of a document's text read for its words (long documents: their opening).
pub const TEXT_BYTES: usize = 64 * 1024;

impl SearchIndex {
    /// Up to `k` documents most like document `doc`, whose title and text are given, best
    /// first; never `doc` itself.
    pub fn related(&self, doc: DocId, title: &str, text: &str, k: usize) -> Vec<DocId> {
        let n = self.len();
        // Every occurrence's term id and weight, sorted by id: each run is a word's count.
        // (A sort, not a hash map: one fewer map type in the WebAssembly.)
        let mut seen: Vec<(u32, u32)> = Vec::new();
        let mut end = text.len().min(TEXT_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        for (part, weight) in [(title, 2), (&text[..end], 1)] {
            // Through the shared tokenizer copy (`each_term`), not a new one.
            each_term(part, &mut |_, t| {
                if let Some(id) = self.seg.dict.find(t) {
                    seen.push((id, weight));
                }
            });
        }
        crate::sort::by_key(&mut seen, |p| u64::from(p.0));
        let mut tf: Vec<(u32, f32)> = Vec::new();
        for &(id, weight) in &seen {
            match tf.last_mut() {
                Some(last) if last.0 == id => last.1 += weight as f32,
                _ => tf.push((id, weight as f32)),
            }
        }
        // A word in a tenth of the archive is common (in a small archive: in 20 documents,
        // or in all of them).
        let common = (n / 10).max(20).min(n.saturating_sub(1));
        let mut words: Vec<(f32, u32)> = tf
            .into_iter()
            .filter_map(|(id, f)| {
                let df = self.seg.postings.df(id) as usize;
                (df >= 2 && df <= common).then(|| (f.ln_1p() * self.idf(df), id))
            })
            .collect();
        // Best first; equal weights by term id, so the choice is the same every time. (The
        // crate's sort: the standard library's would add kilobytes of WebAssembly.)
        crate::sort::unstable_by(&mut words, |a, b| (b.0, a.1) < (a.0, b.1));
        words.truncate(TERMS);
        let mut score = vec![0f32; n];
        for &(weight, id) in &words {
            let list = self.seg.postings.term(id);
            let idf = self.idf(list.len());
            // Postings are not checked when a prebuilt archive is read: like the set of
            // matches ([`crate::bitset::DocSet::insert`]), a document out of range is
            // passed over, so a damaged archive never panics here.
            for p in list.iter().filter(|p| (p.doc as usize) < n) {
                score[p.doc as usize] += weight * self.bm25(idf, &p);
            }
        }
        score[doc.index()] = 0.0;
        let mut best: Vec<(f32, u32)> = score
            .iter()
            .enumerate()
            .filter(|(_, &s)| s > 0.0)
            .map(|(d, &s)| (s, d as u32))
            .collect();
        crate::sort::unstable_by(&mut best, |a, b| (b.0, a.1) < (a.0, b.1));
        best.into_iter().take(k).map(|(_, d)| DocId(d)).collect()
    }

    /// Inverse document frequency of a word in `df` documents (as BM25 weighs it).
    pub(super) fn idf(&self, df: usize) -> f32 {
        let (n, df) = (self.len() as f32, df as f32);
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }
}
