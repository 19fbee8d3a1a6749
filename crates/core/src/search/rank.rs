//! Ranking: the order of the matches.
//!
//! # Overview
//! By relevance ([`SearchIndex::by_relevance`]): first documents with fewer typos (each
//! clause counts the edits of its closest match), then fewer clauses matched only by stem
//! or prefix (so exact forms come first), then BM25 (title words weigh
//! [`TITLE_WEIGHT`] times body words), then newest. Each match gets one integer key with
//! these in its bits, and the keys are sorted once. By date
//! ([`SearchIndex::in_date_order`]): newest or oldest first, undated last either way.

use crate::bitset::DocSet;
use crate::model::DocId;

use super::postings::Posting;
use super::{SearchIndex, TITLE_WEIGHT};

const BM25_K1: f32 = 1.2;
const BM25_B: f32 = 0.75;

/// The low bits of a ranking key: the document's recency rank.
const RANK_MASK: u64 = 0xFF_FFFF;

/// An `OR` clause's documents, and what scores them.
pub(super) struct ClauseSets {
    pub(super) exact: DocSet,
    pub(super) no_typo: DocSet,
    pub(super) one_typo: DocSet,
    pub(super) all: DocSet,
    pub(super) scoring: Vec<(Vec<(u32, f32)>, bool)>,
}

impl SearchIndex {
    /// The documents of a set in date order (undated last either way).
    pub fn in_date_order(&self, matches: &DocSet, oldest_first: bool) -> Vec<DocId> {
        let (dated, undated) = self.newest_first.split_at(self.dated_count);
        let pick = |d: &&u32| matches.contains(**d);
        let mut out: Vec<DocId> = Vec::with_capacity(matches.count());
        if oldest_first {
            out.extend(dated.iter().rev().filter(pick).map(|&d| DocId(d)));
        } else {
            out.extend(dated.iter().filter(pick).map(|&d| DocId(d)));
        }
        out.extend(undated.iter().filter(pick).map(|&d| DocId(d)));
        out
    }

    pub(super) fn bm25(&self, idf: f32, p: &Posting) -> f32 {
        let tf = p.title_tf as f32 * TITLE_WEIGHT + p.body_tf as f32;
        let norm = 1.0 - BM25_B + BM25_B * self.seg.lengths[p.doc as usize] / self.avg_length;
        idf * tf * (BM25_K1 + 1.0) / (tf + BM25_K1 * norm)
    }

    pub(super) fn by_relevance(&self, matches: &DocSet, clauses: &[ClauseSets]) -> Vec<DocId> {
        let n = self.len();
        let mut total = vec![0f32; n];
        let mut clause_score = vec![0f32; n];
        let mut touched: Vec<u32> = Vec::new();
        for clause in clauses {
            for (scoring, additive) in &clause.scoring {
                for &(id, weight) in scoring {
                    let list = &self.seg.postings.term(id);
                    let (n, df) = (self.len() as f32, list.len() as f32);
                    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                    for p in list.iter() {
                        let d = p.doc;
                        if !matches.contains(d) {
                            continue;
                        }
                        let s = weight * self.bm25(idf, &p);
                        let slot = &mut clause_score[d as usize];
                        if *slot == 0.0 {
                            touched.push(d);
                        }
                        // A phrase's words add up; a word's forms compete (the best counts).
                        *slot = if *additive { *slot + s } else { slot.max(s) };
                    }
                }
            }
            for &d in &touched {
                total[d as usize] += clause_score[d as usize];
                clause_score[d as usize] = 0.0;
            }
            touched.clear();
        }
        let key = |d: u32| -> u64 {
            let typos: u64 = clauses
                .iter()
                .map(|c| {
                    if c.no_typo.contains(d) {
                        0
                    } else if c.one_typo.contains(d) {
                        1
                    } else {
                        2
                    }
                })
                .sum();
            let inexact = clauses.iter().filter(|c| !c.exact.contains(d)).count() as u64;
            let score_bits = u64::from(u32::MAX - total[d as usize].max(0.0).to_bits());
            (typos.min(15) << 60) | (inexact.min(15) << 56) | (score_bits << 24)
        };
        if n <= RANK_MASK as usize {
            let mut keys: Vec<u64> = matches
                .iter()
                .map(|d| key(d) | u64::from(self.recency[d as usize]))
                .collect();
            crate::sort::by_key(&mut keys, |&k| k);
            keys.into_iter()
                .map(|k| DocId(self.newest_first[(k & RANK_MASK) as usize]))
                .collect()
        } else {
            // More documents than the packed key holds: sort pairs instead.
            let mut pairs: Vec<(u64, u32)> = matches
                .iter()
                .map(|d| (key(d), self.recency[d as usize]))
                .collect();
            crate::sort::by_key(&mut pairs, |p| u64::from(p.1));
            crate::sort::by_key(&mut pairs, |p| p.0);
            pairs
                .into_iter()
                .map(|(_, r)| DocId(self.newest_first[r as usize]))
                .collect()
        }
    }
}
