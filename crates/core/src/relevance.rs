//! Judging the ranking: known items, judged topics, and the measures of both.
//!
//! # Overview
//! A *known item* is a search for one document a reader remembers: here, three adjacent
//! words that stand, in that order, in one document only ([`three_word_runs`], drawn by
//! a seeded generator, so every run judges the same items), or a document's whole title.
//! A *topic* is a query with the documents a person judged relevant to it
//! (`bench/topics.json`). [`reciprocal_rank`] and [`ndcg_at`] score one ranked list;
//! their means over a set are its MRR and nDCG. The regression test
//! (`crates/core/tests/known_items.rs`) and the benchmark (`cargo xtask bench`, beside
//! MiniSearch and FlexSearch) use the same items and measures.

use std::collections::HashMap;
use std::ops::Range;

use crate::archive::Archive;
use crate::model::DocId;
use crate::text::for_each_term;

/// A small seeded generator (xorshift64*): the same items on every run and machine.
pub struct Rng(pub u64);

impl Rng {
    /// A number below `n` (which must not be 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }
}

/// `count` runs of three adjacent words that stand, in that order, in one document only,
/// as written there (punctuation between them kept), each with its document.
pub fn three_word_runs(archive: &Archive, count: usize, seed: u64) -> Vec<(String, DocId)> {
    let texts: Vec<String> = (0..archive.len() as u32)
        .map(|d| archive.body(DocId(d)))
        .collect();
    let words: Vec<Vec<(String, Range<usize>)>> = texts
        .iter()
        .map(|t| {
            let mut w = Vec::new();
            for_each_term(t, |r, term| w.push((term.to_string(), r)));
            w
        })
        .collect();
    // Each run of three terms: the one document it stands in, or `None` if in several.
    let mut owner: HashMap<[&str; 3], Option<usize>> = HashMap::new();
    for (d, w) in words.iter().enumerate() {
        for t in w.windows(3) {
            let o = owner
                .entry([t[0].0.as_str(), t[1].0.as_str(), t[2].0.as_str()])
                .or_insert(Some(d));
            if *o != Some(d) {
                *o = None;
            }
        }
    }
    let mut rng = Rng(seed);
    let mut out = Vec::new();
    let mut tries = 0;
    while out.len() < count && tries < 1000 * count.max(1) {
        tries += 1;
        let d = rng.below(words.len().max(1));
        let Some(w) = words.get(d).filter(|w| w.len() >= 3) else {
            continue;
        };
        let i = rng.below(w.len() - 2);
        let key = [w[i].0.as_str(), w[i + 1].0.as_str(), w[i + 2].0.as_str()];
        if owner.get(&key) == Some(&Some(d)) {
            let text = texts[d][w[i].1.start..w[i + 2].1.end].to_string();
            out.push((text, DocId(d as u32)));
        }
    }
    out
}

/// 1 / the rank of `want` in `ranked` (1-based), counting the first `depth` only; 0 if
/// it is not among them.
pub fn reciprocal_rank<T: PartialEq>(ranked: &[T], want: &T, depth: usize) -> f64 {
    ranked
        .iter()
        .take(depth)
        .position(|d| d == want)
        .map_or(0.0, |p| 1.0 / (p + 1) as f64)
}

/// Normalized discounted cumulative gain of the first `k` of `ranked`, with binary
/// relevance: 1 when every relevant document leads the list, 0 when none is in it.
pub fn ndcg_at<T: PartialEq>(ranked: &[T], relevant: &[T], k: usize) -> f64 {
    let gain = |i: usize| 1.0 / (i as f64 + 2.0).log2();
    let dcg: f64 = ranked
        .iter()
        .take(k)
        .enumerate()
        .filter(|(_, d)| relevant.contains(d))
        .map(|(i, _)| gain(i))
        .sum();
    let ideal: f64 = (0..relevant.len().min(k)).map(gain).sum();
    if ideal == 0.0 {
        0.0
    } else {
        dcg / ideal
    }
}

/// The mean of some scores (0 for none).
pub fn mean(scores: &[f64]) -> f64 {
    if scores.is_empty() {
        0.0
    } else {
        scores.iter().sum::<f64>() / scores.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_and_gains_are_measured_on_the_first_few() {
        assert_eq!(reciprocal_rank(&[3, 1, 2], &1, 10), 0.5);
        assert_eq!(reciprocal_rank(&[3, 1, 2], &1, 1), 0.0);
        assert_eq!(ndcg_at(&[1, 2, 3], &[1, 2], 10), 1.0);
        assert_eq!(ndcg_at(&[3, 4], &[1, 2], 10), 0.0);
        let swapped = ndcg_at(&[3, 1], &[1], 10);
        assert!((swapped - 1.0 / 3f64.log2()).abs() < 1e-12);
        assert_eq!(mean(&[1.0, 0.0]), 0.5);
    }

    #[test]
    fn runs_stand_in_their_document_only() {
        let a = Archive::from_bytes(
            br#"[{"id":"a","title":"A","body":"the peace talks began in spring"},
                 {"id":"b","title":"B","body":"the peace talks ended in autumn"}]"#,
        )
        .unwrap();
        let runs = three_word_runs(&a, 20, 7);
        assert_eq!(runs.len(), 20);
        for (text, d) in &runs {
            assert_ne!(text, "the peace talks", "in both documents");
            assert!(a.body(*d).contains(text.as_str()));
        }
    }
}
