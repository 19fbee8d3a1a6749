//! Identical copies: documents with the same title, text and date.
//!
//! # Overview
//! Real archives hold the same document more than once: a mail filed in the inbox and in
//! "all documents", a press release carried by several feeds, a changelog shipped with
//! each of a package's builds (in the Debian changelogs of one machine, 20,862 of 32,896
//! entries are copies). Listed one after another, copies push every other result down.
//!
//! Each document gets a [`key`] as it is read: a 64-bit hash of its title, text and date
//! (the same in every part and thread, so a prebuilt archive agrees with one read in the
//! browser). [`Copies`] groups the documents whose keys are equal, and [`Copies::fold`]
//! keeps the first (best placed) of each group in a list of results, counting the others
//! on it. Only the list folds: counts, facets and the timeline still count every document,
//! and a folded copy is one click away (the view can show copies, and an open document
//! names its copies).
//!
//! Two different documents share a key with a chance of about n²/2⁶⁵ (one in thirty
//! million for a million documents); they would then show as one result with a copy.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use crate::date::Date;
use crate::model::DocId;

const NONE: u32 = u32::MAX;

/// The key of a document: equal for identical copies. See the module docs.
pub fn key(title: &str, body: &str, date: Option<Date>) -> u64 {
    let mut h = FxHasher::default();
    h.write_usize(title.len());
    h.write(title.as_bytes());
    h.write_usize(body.len());
    h.write(body.as_bytes());
    date.hash(&mut h);
    h.finish()
}

/// The groups of identical copies in an archive. See the module docs.
#[derive(Debug, Clone, Default)]
pub struct Copies {
    /// Per document, its group, or `NONE` if it has no copy; empty if no document has.
    group: Vec<u32>,
    /// Documents that are a copy of an earlier one.
    extra: usize,
    /// Number of groups.
    groups: u32,
}

/// A list of results with identical copies folded into the first of each group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    /// The results, each group's first only.
    pub listed: Vec<DocId>,
    /// Per listed result, how many of its copies were folded into it.
    pub copies: Vec<u32>,
    /// The results folded away.
    pub hidden: Vec<DocId>,
}

impl Copies {
    /// Groups the documents by their [`key`]s (in document order).
    pub fn new(keys: &[u64]) -> Copies {
        // (The map's types are those of the id index: one compiled copy of its code.)
        let mut first: FxHashMap<u64, DocId> = FxHashMap::default();
        first.reserve(keys.len());
        let mut group = vec![NONE; keys.len()];
        let mut groups = 0u32;
        let mut extra = 0;
        for (d, k) in keys.iter().enumerate() {
            let f = first.entry(*k).or_insert(DocId(d as u32)).index();
            if f != d {
                if group[f] == NONE {
                    group[f] = groups;
                    groups += 1;
                }
                group[d] = group[f];
                extra += 1;
            }
        }
        if extra == 0 {
            group = Vec::new();
        }
        Copies {
            group,
            extra,
            groups,
        }
    }

    /// How many documents are a copy of an earlier one (0: the archive has no copies).
    pub fn extra(&self) -> usize {
        self.extra
    }

    /// The other documents identical to document `d`, in document order.
    pub fn of(&self, d: DocId) -> Vec<DocId> {
        match self.group.get(d.index()) {
            Some(&g) if g != NONE => (0..self.group.len())
                .filter(|&o| o != d.index() && self.group[o] == g)
                .map(|o| DocId(o as u32))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// `results` with each group's later members folded into its first. See the module
    /// docs.
    pub fn fold(&self, results: &[DocId]) -> Folded {
        if self.extra == 0 {
            return Folded {
                listed: results.to_vec(),
                copies: vec![0; results.len()],
                hidden: Vec::new(),
            };
        }
        // Per group, the place in `listed` of its first result.
        let mut at = vec![NONE; self.groups as usize];
        let mut f = Folded::default();
        for &d in results {
            let g = self.group.get(d.index()).copied().unwrap_or(NONE);
            if g != NONE {
                let i = at[g as usize];
                if i != NONE {
                    f.copies[i as usize] += 1;
                    f.hidden.push(d);
                    continue;
                }
                at[g as usize] = f.listed.len() as u32;
            }
            f.listed.push(d);
            f.copies.push(0);
        }
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ids(v: &[u32]) -> Vec<DocId> {
        v.iter().map(|&d| DocId(d)).collect()
    }

    #[test]
    fn the_same_title_text_and_date_make_copies_and_any_difference_does_not() {
        let date = Date::parse_iso("2018-10-17").ok();
        let a = key("Talks resume", "Geneva.", date);
        assert_eq!(a, key("Talks resume", "Geneva.", date));
        assert_ne!(a, key("Talks resume", "Geneva!", date));
        assert_ne!(a, key("Talks resumed", "Geneva.", date));
        assert_ne!(
            a,
            key(
                "Talks resume",
                "Geneva.",
                Date::parse_iso("2018-10-18").ok()
            )
        );
        assert_ne!(a, key("Talks resume", "Geneva.", None));
        // The boundary between title and text counts.
        assert_ne!(key("ab", "c", None), key("a", "bc", None));
    }

    #[test]
    fn a_list_keeps_the_first_of_each_group_and_counts_the_rest_on_it() {
        // Documents 0, 2 and 4 are copies; so are 1 and 3; 5 is alone.
        let copies = Copies::new(&[7, 8, 7, 8, 7, 9]);
        assert_eq!(copies.extra(), 3);
        assert_eq!(copies.of(DocId(2)), ids(&[0, 4]));
        assert_eq!(copies.of(DocId(5)), ids(&[]));
        // Ranked: 4 first, then 5, 3, 0, 1, 2.
        let f = copies.fold(&ids(&[4, 5, 3, 0, 1, 2]));
        assert_eq!(f.listed, ids(&[4, 5, 3]));
        assert_eq!(f.copies, vec![2, 0, 1]);
        assert_eq!(f.hidden, ids(&[0, 1, 2]));
    }

    #[test]
    fn an_archive_without_copies_folds_nothing() {
        let copies = Copies::new(&[1, 2, 3]);
        assert_eq!(copies.extra(), 0);
        let f = copies.fold(&ids(&[2, 0]));
        assert_eq!(
            (f.listed, f.copies, f.hidden),
            (ids(&[2, 0]), vec![0, 0], ids(&[]))
        );
    }

    proptest! {
        /// Folding keeps every result exactly once (listed, or counted on the listed
        /// member of its group above it), keeps the order, and lists one per group.
        #[test]
        fn folding_loses_nothing(keys in prop::collection::vec(0u64..6, 0..40), seed in any::<u64>()) {
            let copies = Copies::new(&keys);
            let mut order: Vec<u32> = (0..keys.len() as u32).collect();
            // A shuffled ranking, and only some of the documents.
            let mut s = seed | 1;
            for i in (1..order.len()).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                order.swap(i, (s >> 33) as usize % (i + 1));
            }
            order.retain(|d| (seed >> (d % 64)) & 3 != 0);
            let results = ids(&order);
            let f = copies.fold(&results);
            prop_assert_eq!(f.listed.len() + f.hidden.len(), results.len());
            prop_assert_eq!(f.copies.iter().sum::<u32>() as usize, f.hidden.len());
            let listed_keys: Vec<u64> = f.listed.iter().map(|d| keys[d.index()]).collect();
            let mut distinct = listed_keys.clone();
            distinct.sort_unstable();
            distinct.dedup();
            prop_assert_eq!(distinct.len(), listed_keys.len());
            // The listed ones keep their order among the results.
            let mut place = results.iter().map(|d| f.listed.iter().position(|x| x == d));
            let mut last = None;
            for p in place.by_ref().flatten() {
                prop_assert!(last < Some(p));
                last = Some(p);
            }
            // Each hidden one has the key of a listed one placed above it.
            for h in &f.hidden {
                let k = keys[h.index()];
                let listed_at = results.iter().position(|d| f.listed.contains(d) && keys[d.index()] == k).unwrap();
                prop_assert!(listed_at < results.iter().position(|d| d == h).unwrap());
            }
        }
    }
}
