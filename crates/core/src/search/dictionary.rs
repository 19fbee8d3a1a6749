//! The term dictionary: every distinct normalized word, sorted, with its stem.
//!
//! # Overview
//! A [`Dictionary`] stores all terms in one string, in byte order, so that a term's id is
//! its rank: exact lookup and prefix ranges are binary searches, and the sorted list is an
//! implicit trie. [`Dictionary::fuzzy`] walks that trie with a Levenshtein row per level
//! and skips every subtree whose best distance is already too large, so typo lookups
//! visit a small part of the dictionary. Distances count characters, not bytes.
//!
//! Stems group terms: [`Dictionary::stem_variants`] gives every term that shares a
//! query word's stem (`negotiations` → `negotiating`, `negotiated`, …).
//!
//! A site's dictionary may be kept out of its archive ([`Dictionary::take_out`], see
//! [`super::shelf`]): until it is put back, every lookup finds nothing and is noted.

use std::ops::Range;

use super::shelf::WordsOut;
use crate::strlist::StrList;
use crate::text::Stemmer;

/// Longest query word, in characters, that typo matching considers.
const MAX_FUZZY_CHARS: usize = 64;

/// Sorted terms with their stems. See the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dictionary {
    terms: StrList,
    /// Distinct stems, sorted, and for each the ids of its terms.
    stems: StrList,
    stem_members: Vec<u32>,
    stem_member_ends: Vec<u32>,
    stemmer: Option<Stemmer>,
    /// Set while the terms are kept out (in a site's words file).
    out: Option<WordsOut>,
}

impl Dictionary {
    /// Builds a dictionary from distinct terms (any order). Returns it with, for each input
    /// term, its id (its rank in sorted order).
    pub fn build(terms: &[&str], stemmer: Stemmer) -> (Dictionary, Vec<u32>) {
        let order = sort_order(terms);
        let mut id_of = vec![0u32; terms.len()];
        let mut sorted = StrList::with_capacity(terms.iter().map(|t| t.len()).sum(), terms.len());
        for (rank, &old) in order.iter().enumerate() {
            id_of[old as usize] = rank as u32;
            sorted.push(terms[old as usize]);
        }
        let mut dict = Dictionary::from_sorted(sorted);
        dict.set_stems(stemmer);
        (dict, id_of)
    }

    /// A dictionary of terms already in byte order; without stems.
    pub fn from_sorted(terms: StrList) -> Dictionary {
        Dictionary {
            terms,
            ..Default::default()
        }
    }

    /// Groups the terms by stem (only terms the stemmer stems: see
    /// [`Stemmer::stem_key`]).
    pub fn set_stems(&mut self, stemmer: Stemmer) {
        self.stems.clear();
        self.stem_members.clear();
        self.stem_member_ends.clear();
        self.stemmer = None;
        if stemmer.is_none() {
            return;
        }
        // Each stemmed term's stem, back to back (no allocation per term), with its id.
        let mut texts = StrList::new();
        let mut ids: Vec<u32> = Vec::new();
        for id in 0..self.len() as u32 {
            if let Some(stem) = stemmer.stem_key(self.term(id)) {
                texts.push(&stem);
                ids.push(id);
            }
        }
        let stems: Vec<&str> = (0..ids.len() as u32).map(|i| texts.get(i)).collect();
        // By stem, then id (the ids ascend with the positions): an integer sort of the
        // stems' first bytes, strings compared only where those tie (see `sort_order`).
        let order = sort_order(&stems);
        for (k, &i) in order.iter().enumerate() {
            let stem = stems[i as usize];
            if k == 0 || stems[order[k - 1] as usize] != stem {
                if k > 0 {
                    self.stem_member_ends.push(self.stem_members.len() as u32);
                }
                self.stems.push(stem);
            }
            self.stem_members.push(ids[i as usize]);
        }
        if !order.is_empty() {
            self.stem_member_ends.push(self.stem_members.len() as u32);
        }
        self.stems.shrink_to_fit();
        self.stem_members.shrink_to_fit();
        self.stemmer = Some(stemmer);
    }

    /// Takes the terms out (into a site's words file, with postings' tables of
    /// fingerprint `check`): gives the whole dictionary, and leaves an empty one that knows
    /// how many terms it had and notes every lookup.
    pub fn take_out(&mut self, check: u64) -> Dictionary {
        let terms = self.len() as u32;
        let all = std::mem::take(self);
        self.mark_out(terms, check);
        all
    }

    /// Marks an empty dictionary as one of `terms` terms kept out (see
    /// [`Dictionary::take_out`]).
    pub(crate) fn mark_out(&mut self, terms: u32, check: u64) {
        self.out = Some(WordsOut::new(terms, check));
    }

    /// If the terms are kept out: how many, and whether a lookup was made meanwhile.
    pub fn kept_out(&self) -> Option<&WordsOut> {
        self.out.as_ref()
    }

    /// The terms, in order.
    pub fn terms(&self) -> &StrList {
        &self.terms
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.terms.heap_bytes()
            + self.stems.heap_bytes()
            + 4 * (self.stem_members.capacity() + self.stem_member_ends.capacity())
    }

    /// Number of terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether there are no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The term with this id.
    #[inline(always)]
    pub fn term(&self, id: u32) -> &str {
        self.terms.get(id)
    }

    /// The id of a term, if present.
    pub fn find(&self, term: &str) -> Option<u32> {
        let i = self.lower_bound(term);
        (i < self.len() && self.term(i as u32) == term).then_some(i as u32)
    }

    fn lower_bound(&self, term: &str) -> usize {
        // (Every lookup but stems' passes here.)
        if let Some(out) = &self.out {
            out.note();
        }
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.term(mid as u32) < term {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Ids of every term that starts with `prefix`.
    pub fn prefix_range(&self, prefix: &str) -> Range<u32> {
        let start = self.lower_bound(prefix);
        let (mut lo, mut hi) = (start, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.term(mid as u32).starts_with(prefix) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        start as u32..lo as u32
    }

    /// Ids of every term sharing `word`'s stem (empty without a stemmer).
    pub fn stem_variants(&self, word: &str) -> &[u32] {
        if let Some(out) = &self.out {
            out.note();
        }
        let Some(stem) = self.stemmer.and_then(|s| s.stem_key(word)) else {
            return &[];
        };
        let n = self.stems.len();
        let stem_at = |i: usize| self.stems.get(i as u32);
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if stem_at(mid) < stem.as_ref() {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if lo < n && stem_at(lo) == stem.as_ref() {
            let start = if lo == 0 {
                0
            } else {
                self.stem_member_ends[lo - 1] as usize
            };
            &self.stem_members[start..self.stem_member_ends[lo] as usize]
        } else {
            &[]
        }
    }

    /// Every term within `max` edits (insertions, deletions, substitutions of characters)
    /// of `word`, with its distance, among the terms that start with `word`'s first
    /// character. A typo on the first letter is not forgiven (as in Meilisearch, where it
    /// costs two): readers rarely make it, and keeping to one letter's terms keeps the walk
    /// short in dictionaries of millions of terms (mail is full of hex and base64).
    ///
    /// ```
    /// use chronicle_core::search::dictionary::Dictionary;
    /// use chronicle_core::text::Stemmer;
    /// let (d, _) = Dictionary::build(&["government", "governments", "garment"], Stemmer::none());
    /// let found: Vec<(&str, u8)> = d.fuzzy("goverment", 2).into_iter().map(|(id, k)| (d.term(id), k)).collect();
    /// assert_eq!(found, [("government", 1), ("governments", 2)]);
    /// ```
    pub fn fuzzy(&self, word: &str, max: u8) -> Vec<(u32, u8)> {
        let q: Vec<char> = word.chars().take(MAX_FUZZY_CHARS).collect();
        let Some(first) = q.first() else {
            return Vec::new();
        };
        let letter = self.prefix_range(first.encode_utf8(&mut [0; 4]));
        let m = q.len();
        let width = m + 1;
        let k = usize::from(max);
        // rows[d * width ..][..width]: the Levenshtein row after `d` characters of the path.
        // Cells more than `max` away from the diagonal can never come back under `max`, so
        // only the band around it is computed; the rest stays "too far" (max + 1).
        let far = max.saturating_add(1);
        let mut rows: Vec<u8> = (0..=m).map(|j| (j as u8).min(far)).collect();
        let mut depth_bytes: Vec<usize> = vec![0];
        let mut path: Vec<char> = Vec::new();
        let mut out = Vec::new();
        let n = letter.end;
        let mut id = letter.start;
        'terms: while id < n {
            let term = self.term(id);
            let common = path
                .iter()
                .zip(term.chars())
                .take_while(|(a, b)| *a == b)
                .count();
            path.truncate(common);
            depth_bytes.truncate(common + 1);
            rows.truncate((common + 1) * width);
            for (offset, c) in term.char_indices().skip(common) {
                let d = path.len() + 1; // depth of the row being computed
                let start = rows.len();
                let lo = d.saturating_sub(k);
                let hi = (d + k).min(m);
                // The new row starts "too far"; only the band around the diagonal is
                // computed, by index (no pushes or range iterators in this innermost loop:
                // with the core built for size they would each be a call).
                rows.resize(start + width, far);
                let (done, row) = rows.split_at_mut(start);
                let prev = &done[start - width..];
                let mut row_min = far;
                if lo == 0 {
                    row[0] = (d as u8).min(far);
                    row_min = row[0];
                }
                let mut j = lo.max(1);
                while j <= hi {
                    let cost = u8::from(q[j - 1] != c);
                    let v = (prev[j - 1] + cost)
                        .min(prev[j].saturating_add(1))
                        .min(row[j - 1].saturating_add(1))
                        .min(far);
                    row[j] = v;
                    row_min = row_min.min(v);
                    j += 1;
                }
                path.push(c);
                depth_bytes.push(offset + c.len_utf8());
                if row_min > max {
                    // No term below this prefix can come within `max`: skip them all.
                    let prefix = &term.as_bytes()[..offset + c.len_utf8()];
                    id = self.end_of_prefix(id, prefix);
                    continue 'terms;
                }
            }
            let distance = rows[rows.len() - 1];
            if distance <= max {
                out.push((id, distance));
            }
            id += 1;
        }
        out
    }

    /// The first id after `from` whose term does not start with `prefix` (the terms from
    /// `from` on that do are contiguous). Gallops, then bisects: skipped subtrees are
    /// usually small.
    fn end_of_prefix(&self, from: u32, prefix: &[u8]) -> u32 {
        let n = self.len() as u32;
        let has = |i: u32| self.term(i).as_bytes().starts_with(prefix);
        let mut lo = from + 1; // first id not yet known to have the prefix
        let mut step = 1;
        let mut hi = lo;
        while hi < n && has(hi) {
            lo = hi + 1;
            hi = lo + step;
            step *= 2;
        }
        let mut hi = hi.min(n);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if has(mid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

/// The first eight bytes of a term as a number whose order is the terms' byte order (a
/// term never contains a NUL byte, so zero padding sorts first).
#[inline(always)]
pub fn prefix_key(term: &str) -> u64 {
    let b = term.as_bytes();
    let mut k = [0u8; 8];
    let n = b.len().min(8);
    k[..n].copy_from_slice(&b[..n]);
    u64::from_be_bytes(k)
}

/// The order that sorts `terms` by bytes (their indices, smallest first). Sorting by an
/// integer key of the first eight bytes, then by the full text only where keys tie, is
/// several times faster than comparing strings throughout: an archive of mail has a
/// million distinct terms.
pub fn sort_order(terms: &[&str]) -> Vec<u32> {
    let mut keyed: Vec<(u64, u32)> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (prefix_key(t), i as u32))
        .collect();
    // Stable, and the positions ascend: ties stay in position order.
    crate::sort::by_key(&mut keyed, |k| k.0);
    let mut i = 0;
    while i < keyed.len() {
        let mut j = i + 1;
        while j < keyed.len() && keyed[j].0 == keyed[i].0 {
            j += 1;
        }
        if j - i > 1 {
            crate::sort::unstable_by(&mut keyed[i..j], |a, b| {
                (terms[a.1 as usize], a.1) < (terms[b.1 as usize], b.1)
            });
        }
        i = j;
    }
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// Edit distance in characters (for tests and the brute-force oracle).
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for j in 1..=b.len() {
            let cur = row[j];
            row[j] = (prev + usize::from(ca != b[j - 1]))
                .min(row[j] + 1)
                .min(row[j - 1] + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

impl crate::codec::Encode for Dictionary {
    /// The terms only: stems are worked out again from them.
    fn encode(&self, w: &mut crate::codec::Writer) {
        self.terms.encode(w);
    }
}

impl crate::codec::Decode for Dictionary {
    fn decode(r: &mut crate::codec::Reader) -> crate::codec::Result<Self> {
        let dict = Dictionary::from_sorted(StrList::decode(r)?);
        // Lookups bisect: the terms must be strictly in byte order.
        if (1..dict.len() as u32).any(|i| dict.term(i - 1) >= dict.term(i)) {
            return Err(r.error("dictionary terms are not in order"));
        }
        Ok(dict)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dict(words: &[&str]) -> Dictionary {
        let mut w: Vec<&str> = words.to_vec();
        w.sort();
        w.dedup();
        Dictionary::build(&w, Stemmer::for_language("en")).0
    }

    #[test]
    fn exact_and_prefix_lookups() {
        let d = dict(&["union", "unions", "unite", "idlib", "idle"]);
        assert_eq!(d.find("union").map(|i| d.term(i)), Some("union"));
        assert_eq!(d.find("uni"), None);
        let r = d.prefix_range("uni");
        let found: Vec<&str> = r.map(|i| d.term(i)).collect();
        assert_eq!(found, ["union", "unions", "unite"]);
        assert!(d.prefix_range("zzz").is_empty());
    }

    #[test]
    fn stems_group_word_forms() {
        let d = dict(&["negotiations", "negotiating", "negotiated", "negative"]);
        let mut v: Vec<&str> = d
            .stem_variants("negotiation")
            .iter()
            .map(|&i| d.term(i))
            .collect();
        v.sort();
        assert_eq!(v, ["negotiated", "negotiating", "negotiations"]);
    }

    proptest! {
        /// Sorting by prefix keys gives byte order.
        #[test]
        fn sort_order_is_byte_order(words in proptest::collection::btree_set("[ab]{0,12}|\\PC{0,10}", 0..60)) {
            let mut terms: Vec<&str> = words.iter().map(String::as_str).collect();
            // Any input order.
            terms.reverse();
            let order = sort_order(&terms);
            let sorted: Vec<&str> = order.iter().map(|&i| terms[i as usize]).collect();
            let mut want = terms.clone();
            want.sort();
            prop_assert_eq!(sorted, want);
        }

        /// The trie walk finds exactly what comparing against every term finds.
        #[test]
        fn fuzzy_matches_brute_force(words in proptest::collection::vec("[abcé]{1,6}", 1..30),
                                     q in "[abcé]{1,7}", max in 0u8..3) {
            let d = dict(&words.iter().map(String::as_str).collect::<Vec<_>>());
            let got: Vec<(String, u8)> = d.fuzzy(&q, max).into_iter().map(|(i, k)| (d.term(i).to_string(), k)).collect();
            let first = |s: &str| s.chars().next();
            let want: Vec<(String, u8)> = (0..d.len() as u32)
                .filter(|&i| first(d.term(i)) == first(&q))
                .map(|i| (d.term(i).to_string(), levenshtein(d.term(i), &q)))
                .filter(|(_, k)| *k <= max as usize)
                .map(|(t, k)| (t, k as u8))
                .collect();
            prop_assert_eq!(got, want);
        }
    }
}
