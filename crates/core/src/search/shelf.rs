//! Postings kept out of an index, in shards put in as queries need them.
//!
//! # Overview
//! A site built by `chronicle build` keeps the postings of its index (the bulk of it: the
//! documents and positions of every term) in *index shards* beside the archive file
//! ([`crate::prebuilt`]), each the postings of a run of consecutive terms. The archive
//! keeps the dictionary and every term's document count and last document, so that a
//! query is planned, and its documents ranked, exactly as over the whole index. When
//! evaluating reads a term whose shard is not in, it reads no postings for it and notes
//! the shard ([`Shelf::take_wanted`]); the engine fetches the shards noted, puts them in
//! ([`Shelf::fill`]), and evaluates again, until nothing is missing. A shard put in stays
//! for the visit. Terms are in dictionary order, so a prefix's terms are in one or two
//! neighbouring shards.
//!
//! The dictionary itself, with every term's document count, last document and where the
//! shards start, may be kept out too, in the site's *words file*: the archive then lists,
//! counts and draws its documents without it, and a query that reads the dictionary
//! while it is out ([`WordsOut`]) finds nothing and notes it, to be evaluated again once
//! the words are in.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use super::postings::TermPostings;

/// The postings of a run of terms: each term's document and position streams, with one
/// end offset per term into each (as [`super::postings::PostingLists`] holds them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShardLists {
    /// End of each term's document stream.
    pub doc_ends: Vec<u32>,
    /// The document streams, back to back.
    pub docs: Vec<u8>,
    /// End of each term's position stream.
    pub pos_ends: Vec<u32>,
    /// The position streams, back to back.
    pub positions: Vec<u8>,
}

impl ShardLists {
    /// Number of terms.
    pub fn len(&self) -> usize {
        self.doc_ends.len()
    }

    /// Whether it holds no term.
    pub fn is_empty(&self) -> bool {
        self.doc_ends.is_empty()
    }

    /// The streams of its term `i` (counting from its first).
    fn streams(&self, i: usize) -> (&[u8], &[u8]) {
        let range = |ends: &[u32]| {
            let start = if i == 0 { 0 } else { ends[i - 1] as usize };
            start..ends[i] as usize
        };
        (
            &self.docs[range(&self.doc_ends)],
            &self.positions[range(&self.pos_ends)],
        )
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.docs.capacity() + self.positions.capacity() + 4 * (2 * self.doc_ends.capacity())
    }
}

/// Where an index's postings are, and those put in. See the module docs.
#[derive(Debug, Default)]
pub struct Shelf {
    /// The first term of each shard, and the end (the number of terms).
    starts: Vec<u32>,
    /// Each shard, once put in.
    held: Vec<Option<ShardLists>>,
    /// Shards read while not in since the last [`Shelf::take_wanted`] (in order, once
    /// each). A lock, not a cell, so that an index stays shareable between threads.
    wanted: Mutex<Vec<u32>>,
}

impl Clone for Shelf {
    fn clone(&self) -> Self {
        Shelf {
            starts: self.starts.clone(),
            held: self.held.clone(),
            wanted: Mutex::new(self.wanted()),
        }
    }
}

impl PartialEq for Shelf {
    fn eq(&self, other: &Self) -> bool {
        self.starts == other.starts && self.held == other.held
    }
}

impl Eq for Shelf {}

impl Shelf {
    /// A shelf of the shards starting at `starts` (the first term of each, then the
    /// number of terms), none in.
    pub fn new(starts: Vec<u32>) -> Shelf {
        let n = starts.len().saturating_sub(1);
        Shelf {
            starts,
            held: vec![None; n],
            wanted: Mutex::new(Vec::new()),
        }
    }

    /// Where the shards start, and the end.
    pub fn starts(&self) -> &[u32] {
        &self.starts
    }

    /// The shard of term `id`.
    pub fn shard_of(&self, id: u32) -> usize {
        self.starts.partition_point(|&s| s <= id).saturating_sub(1)
    }

    /// Term `id`'s postings, with its document `count` and `last` document; none (and the
    /// shard noted as wanted) if its shard is not in.
    #[inline]
    pub(crate) fn term(&self, id: u32, count: u32, last: u32) -> TermPostings<'_> {
        let s = self.shard_of(id);
        match self.held.get(s).and_then(Option::as_ref) {
            Some(lists) => {
                let (docs, positions) = lists.streams((id - self.starts[s]) as usize);
                TermPostings::new(docs, positions, count, last)
            }
            None => {
                if let Ok(mut wanted) = self.wanted.lock() {
                    if !wanted.contains(&(s as u32)) {
                        wanted.push(s as u32);
                    }
                }
                TermPostings::new(&[], &[], 0, 0)
            }
        }
    }

    /// The shards read while not in since the last call: fetch them, [`Shelf::fill`] and
    /// evaluate again.
    pub fn take_wanted(&self) -> Vec<u32> {
        self.wanted
            .lock()
            .map(|mut w| std::mem::take(&mut *w))
            .unwrap_or_default()
    }

    fn wanted(&self) -> Vec<u32> {
        self.wanted.lock().map(|w| w.clone()).unwrap_or_default()
    }

    /// Puts shard `s` in, after checking it against the terms' document `counts` (of the
    /// whole index): it must hold the shard's terms, each with at least two bytes per
    /// document it counts.
    pub fn fill(&mut self, s: usize, lists: ShardLists, counts: &[u32]) -> Result<(), String> {
        let (Some(&first), Some(&end)) = (self.starts.get(s), self.starts.get(s + 1)) else {
            return Err(format!("the index has no shard {s}"));
        };
        if lists.len() != (end - first) as usize || lists.pos_ends.len() != lists.len() {
            return Err(format!(
                "it holds {} terms where the index has {}",
                lists.len(),
                end - first
            ));
        }
        let ascending = |ends: &[u32], bytes: usize| {
            ends.windows(2).all(|w| w[0] <= w[1]) && ends.last().map_or(0, |&e| e as usize) == bytes
        };
        if !ascending(&lists.doc_ends, lists.docs.len())
            || !ascending(&lists.pos_ends, lists.positions.len())
        {
            return Err("its term offsets are out of order".into());
        }
        let mut start = 0;
        for (i, &end) in lists.doc_ends.iter().enumerate() {
            let count = counts.get(first as usize + i).copied().unwrap_or(0);
            if u64::from(count) * 2 > u64::from(end - start) {
                return Err("a term counts more postings than it holds".into());
            }
            start = end;
        }
        self.held[s] = Some(lists);
        Ok(())
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        4 * self.starts.capacity()
            + self
                .held
                .iter()
                .flatten()
                .map(ShardLists::heap_bytes)
                .sum::<usize>()
    }
}

/// A dictionary kept out of its index (in a site's words file): how many terms it has, and
/// whether a query read it while out. See the module docs.
#[derive(Debug, Default)]
pub struct WordsOut {
    terms: u32,
    /// The words' [`super::postings::PostingLists::fingerprint`].
    check: u64,
    wanted: AtomicBool,
}

impl WordsOut {
    /// The mark of a dictionary of `terms` terms kept out, whose postings' tables have
    /// the fingerprint `check`.
    pub fn new(terms: u32, check: u64) -> WordsOut {
        WordsOut {
            terms,
            check,
            wanted: AtomicBool::new(false),
        }
    }

    /// Number of terms of the dictionary kept out.
    pub fn terms(&self) -> u32 {
        self.terms
    }

    /// The fingerprint of the postings' tables kept out with it.
    pub fn check(&self) -> u64 {
        self.check
    }

    /// Notes that a query read the dictionary while out.
    pub(crate) fn note(&self) {
        self.wanted.store(true, Ordering::Relaxed);
    }

    /// Whether a query read the dictionary while out since the last call: fetch the words,
    /// put them in, and evaluate again.
    pub fn take_wanted(&self) -> bool {
        self.wanted.swap(false, Ordering::Relaxed)
    }
}

impl Clone for WordsOut {
    fn clone(&self) -> Self {
        WordsOut {
            terms: self.terms,
            check: self.check,
            wanted: AtomicBool::new(self.wanted.load(Ordering::Relaxed)),
        }
    }
}

impl PartialEq for WordsOut {
    fn eq(&self, other: &Self) -> bool {
        self.terms == other.terms && self.check == other.check
    }
}

impl Eq for WordsOut {}

// An index is shared between threads (the CLI's and the fuzz targets' statics): the
// shelf must not make it otherwise.
const _: fn() = || {
    fn shared<T: Send + Sync>() {}
    shared::<super::SearchIndex>();
};
