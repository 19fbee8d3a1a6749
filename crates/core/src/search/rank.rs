//! Ranking: the order of the matches.
//!
//! # Overview
//! By relevance ([`SearchIndex::by_relevance`]): first documents with fewer typos (each
//! clause counts the edits of its closest match), then fewer clauses matched only by stem
//! or prefix (so exact forms come first), then, for a query of several words, the words
//! closer together ([`SearchIndex::proximity`]: in the query's order, adjacent best,
//! adjacent in the title better still), then BM25 (title words weigh [`TITLE_WEIGHT`]
//! times body words), then newest. Each match gets one integer key with the rules before
//! proximity and after it in its bits, and the keys are sorted once; then the best
//! [`PROXIMITY_DOCS`] are ordered again with proximity in (measuring it needs the words'
//! positions, which only the best few are worth reading). By date
//! ([`SearchIndex::in_date_order`]): newest or oldest first, undated last either way.

use crate::bitset::DocSet;
use crate::model::DocId;

use super::postings::Posting;
use super::{SearchIndex, TITLE_WEIGHT};

const BM25_K1: f32 = 1.2;
const BM25_B: f32 = 0.75;

/// Most documents (the best by the other rules) whose word distances are measured.
pub const PROXIMITY_DOCS: usize = 200;

/// The cost of two query words far apart (or of one pair's distance, at most).
const FAR: u32 = 8;

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
                    let idf = self.idf(list.len());
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
        let mut order = if n <= RANK_MASK as usize {
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
                .collect::<Vec<_>>()
        };
        if clauses.len() > 1 {
            // The best by the rules before proximity, ordered again with it: a stable
            // sort by (typos, inexact, proximity) keeps BM25 and recency within ties.
            let top = &mut order[..matches.count().min(PROXIMITY_DOCS)];
            let mut docs: Vec<u32> = top.iter().map(|d| d.0).collect();
            crate::sort::by_key(&mut docs, |&d| u64::from(d));
            let costs = self.proximity(&docs, clauses);
            let cost = |d: u32| docs.binary_search(&d).map_or(u64::MAX, |i| costs[i].into());
            crate::sort::by_key(top, |d| ((key(d.0) >> 56) << 32) | cost(d.0));
        }
        order
    }

    /// How near each clause's words are to the next clause's, in each of `docs` (sorted):
    /// for every pair of consecutive clauses, the distance of their closest occurrences,
    /// 1 when adjacent in the query's order, one more in the other order, 0 when adjacent
    /// in order in the title, at most [`FAR`]; summed over the pairs, doubled, and one
    /// more unless the words also stand all together in order. Lower is nearer.
    pub(super) fn proximity(&self, docs: &[u32], clauses: &[ClauseSets]) -> Vec<u32> {
        // Every clause's positions in each document (all forms of its words).
        let mut positions: Vec<Vec<Vec<u32>>> = Vec::with_capacity(clauses.len());
        for clause in clauses {
            let mut per_doc: Vec<Vec<u32>> = vec![Vec::new(); docs.len()];
            for (scoring, _) in &clause.scoring {
                for &(id, _) in scoring {
                    let mut it = self.seg.postings.term(id).iter();
                    let mut i = 0;
                    while i < docs.len() {
                        let Some(p) = it.next() else {
                            break;
                        };
                        while i < docs.len() && docs[i] < p.doc {
                            i += 1;
                        }
                        if i < docs.len() && docs[i] == p.doc {
                            it.positions_into(&mut per_doc[i]);
                        }
                    }
                }
            }
            for ps in &mut per_doc {
                crate::sort::by_key(ps, |&p| u64::from(p));
            }
            positions.push(per_doc);
        }
        (0..docs.len())
            .map(|i| {
                let title_len = self.title_len(docs[i]);
                let pairs: u32 = positions
                    .windows(2)
                    .map(|pair| pair_cost(&pair[0][i], &pair[1][i], title_len))
                    .sum();
                // Twice the pairs' cost, and one more unless all the words stand together
                // somewhere, in order (the passage as remembered).
                let whole = positions[0][i].iter().any(|&start| {
                    positions[1..]
                        .iter()
                        .zip(1u32..)
                        .all(|(ps, k)| ps[i].binary_search(&(start + k)).is_ok())
                });
                2 * pairs + u32::from(!whole)
            })
            .collect()
    }
}

/// The cost of the closest occurrences of two words at positions `a` and `b` (sorted),
/// the first word expected first; see [`SearchIndex::proximity`].
fn pair_cost(a: &[u32], b: &[u32], title_len: u32) -> u32 {
    let mut best = FAR;
    let (mut i, mut j) = (0, 0);
    // Walk both lists in step: each position's nearest neighbours in the other list.
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        let cost = if x < y {
            if y - x == 1 && y < title_len {
                0
            } else {
                y - x
            }
        } else {
            x - y + 1
        };
        best = best.min(cost);
        if best == 0 {
            break;
        }
        if x < y {
            i += 1;
        } else {
            j += 1;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_costs_its_closest_distance_in_order_and_one_more_reversed() {
        // Adjacent in order in the title (positions below 3): free.
        assert_eq!(pair_cost(&[1], &[2], 3), 0);
        // Adjacent in order in the body.
        assert_eq!(pair_cost(&[5], &[6], 3), 1);
        // The closest of several occurrences counts.
        assert_eq!(pair_cost(&[1, 10, 40], &[30, 42], 0), 2);
        // The other order costs one more.
        assert_eq!(pair_cost(&[7], &[6], 0), 2);
        // Far apart costs FAR, never more.
        assert_eq!(pair_cost(&[1], &[500], 0), FAR);
        assert_eq!(pair_cost(&[], &[5], 0), FAR);
    }
}
