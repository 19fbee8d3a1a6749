//! Term ids for words as they are read: the hottest loop of indexing.
//!
//! # Overview
//! An [`Interner`] gives each distinct term a dense id in first-seen order. It is an
//! open-addressing hash table (linear probing, power-of-two size, at most 70% full) of
//! 8-byte slots: 32 bits of the term's hash and its id. The term bytes live once, back to
//! back, in one string. A lookup hashes the word and compares bytes only when the stored
//! hash bits match. Indexing looks up every word of every document, and the table of an
//! archive of mail has hundreds of thousands of terms: small slots keep more of it in the
//! processor's caches. Most words are at most eight bytes long: they are their own key,
//! an integer, and go to a second table where a lookup is one multiplication and one
//! comparison.

use crate::strlist::StrList;

/// Distinct terms with dense ids. See the module docs.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    /// Hash bits (high half) and id + 1 (low half); 0 is an empty slot.
    slots: Vec<u64>,
    /// Terms of at most eight bytes: the term as a number, and id + 1 (0: empty).
    short: Vec<(u64, u32)>,
    short_len: usize,
    terms: StrList,
}

/// A term of at most eight bytes as a number (terms hold no NUL byte, so the zero
/// padding keeps them apart).
///
/// Read with overlapping loads, in registers: copying a word of variable length into a
/// zeroed array calls `memcpy`, and reading the array back then stalls on the store (a
/// sixth of indexing time, measured with `perf`).
#[inline(always)]
fn short_key(b: &[u8]) -> u64 {
    let n = b.len();
    debug_assert!((1..=8).contains(&n));
    if n >= 4 {
        let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64;
        let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]) as u64;
        // The two loads overlap where n < 8: those bytes are equal, so `|` keeps them.
        lo | (hi << (8 * (n - 4)))
    } else {
        let mid = n / 2;
        b[0] as u64 | (b[mid] as u64) << (8 * mid) | (b[n - 1] as u64) << (8 * (n - 1))
    }
}

#[inline(always)]
fn short_slot(key: u64, mask: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & mask
}

const TAG: u64 = 0xFFFF_FFFF_0000_0000;

#[inline(always)]
fn hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.finish()
}

impl Interner {
    /// An empty interner.
    pub fn new() -> Interner {
        Interner {
            slots: vec![0; 1024],
            short: vec![(0, 0); 1024],
            short_len: 0,
            terms: StrList::new(),
        }
    }

    /// Forgets every term, keeping the memory for the next ones.
    pub fn clear(&mut self) {
        self.slots.iter_mut().for_each(|s| *s = 0);
        self.short.iter_mut().for_each(|s| *s = (0, 0));
        self.short_len = 0;
        self.terms.clear();
    }

    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether no term was added.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The term with an id.
    #[inline(always)]
    pub fn term(&self, id: u32) -> &str {
        self.terms.get(id)
    }

    /// The id of `term`, adding it if new. Returns the id and whether it was new.
    #[inline(always)]
    pub fn intern(&mut self, term: &str) -> (u32, bool) {
        let bytes = term.as_bytes();
        if !bytes.is_empty() && bytes.len() <= 8 {
            return self.intern_short(term, short_key(bytes));
        }
        let h = hash(bytes);
        let tag = h & TAG;
        let mask = self.slots.len() - 1;
        let mut i = (h as usize) & mask;
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                break;
            }
            if slot & TAG == tag {
                let id = (slot as u32) - 1;
                if same(self.term(id).as_bytes(), term.as_bytes()) {
                    return (id, false);
                }
            }
            i = (i + 1) & mask;
        }
        let id = self.push(term);
        self.slots[i] = tag | u64::from(id + 1);
        if (self.terms.len() - self.short_len) * 10 > self.slots.len() * 7 {
            self.grow();
        }
        (id, true)
    }

    #[inline(always)]
    fn intern_short(&mut self, term: &str, key: u64) -> (u32, bool) {
        let mask = self.short.len() - 1;
        let mut i = short_slot(key, mask);
        loop {
            let (k, id) = self.short[i];
            if id == 0 {
                break;
            }
            if k == key {
                return (id - 1, false);
            }
            i = (i + 1) & mask;
        }
        let id = self.push(term);
        self.short[i] = (key, id + 1);
        self.short_len += 1;
        if self.short_len * 10 > self.short.len() * 7 {
            let mut short = vec![(0u64, 0u32); self.short.len() * 2];
            let mask = short.len() - 1;
            for &(k, v) in self.short.iter().filter(|s| s.1 != 0) {
                let mut j = short_slot(k, mask);
                while short[j].1 != 0 {
                    j = (j + 1) & mask;
                }
                short[j] = (k, v);
            }
            self.short = short;
        }
        (id, true)
    }

    fn push(&mut self, term: &str) -> u32 {
        self.terms.push(term)
    }

    fn grow(&mut self) {
        let mut slots = vec![0u64; self.slots.len() * 2];
        let mask = slots.len() - 1;
        for &slot in self.slots.iter().filter(|&&s| s != 0) {
            let id = (slot as u32) - 1;
            let mut i = (hash(self.term(id).as_bytes()) as usize) & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = slot;
        }
        self.slots = slots;
    }

    /// Every term, in id order.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        (0..self.len() as u32).map(|i| self.term(i))
    }
}

#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    proptest! {
        #[test]
        fn ids_are_dense_and_stable(words in proptest::collection::vec("[a-eé]{0,12}", 0..3000)) {
            let mut i = Interner::new();
            let mut reference: HashMap<String, u32> = HashMap::new();
            for w in &words {
                let next = reference.len() as u32;
                let want = *reference.entry(w.clone()).or_insert(next);
                let (got, new) = i.intern(w);
                prop_assert_eq!(got, want);
                prop_assert_eq!(new, want == next && reference.len() as u32 == next + 1);
                prop_assert_eq!(i.term(got), w.as_str());
            }
            prop_assert_eq!(i.len(), reference.len());
        }

        #[test]
        fn a_short_key_is_the_word_zero_padded(word in proptest::collection::vec(1u8..=255, 1..=8)) {
            let mut padded = [0u8; 8];
            padded[..word.len()].copy_from_slice(&word);
            prop_assert_eq!(short_key(&word), u64::from_le_bytes(padded));
        }
    }
}
