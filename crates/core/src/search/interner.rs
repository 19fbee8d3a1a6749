//! Term ids for words as they are read: the hottest loop of indexing.
//!
//! # Overview
//! An [`Interner`] gives each distinct term a dense id in first-seen order. It is an
//! open-addressing hash table (linear probing, power-of-two size) that stores only the
//! full 64-bit hash and the id of each term; the term bytes live once, back to back, in
//! one string. A lookup hashes the word, and compares bytes only when the stored hash
//! matches, with an inline loop (words are short; a library `memcmp` call costs more than
//! the comparison). Compared with a `HashMap<Box<str>, u32>`, indexing is faster and each
//! term costs one allocation fewer.

/// One table slot: the term's full hash, its id + 1 (0: empty), and where its bytes are
/// (so a comparison reads the text directly, without a second lookup).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    hash: u64,
    id: u32,
    start: u32,
    len: u32,
}

/// Distinct terms with dense ids. See the module docs.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    slots: Vec<Slot>,
    text: String,
    ends: Vec<u32>,
}

#[inline]
fn hash(bytes: &[u8]) -> u64 {
    // FxHash over 8-byte words, then a final mix so the low bits (the slot) vary.
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    let mut tail = 0u64;
    for (i, &b) in chunks.remainder().iter().enumerate() {
        tail |= u64::from(b) << (8 * i);
    }
    h = (h.rotate_left(5) ^ tail).wrapping_mul(K);
    h ^ (h >> 29)
}

impl Interner {
    /// An empty interner.
    pub fn new() -> Interner {
        Interner {
            slots: vec![Slot::default(); 1024],
            text: String::new(),
            ends: Vec::new(),
        }
    }

    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether no term was added.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The term with an id.
    pub fn term(&self, id: u32) -> &str {
        let i = id as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The id of `term`, adding it if new. Returns the id and whether it was new.
    #[inline]
    pub fn intern(&mut self, term: &str) -> (u32, bool) {
        let h = hash(term.as_bytes());
        let mask = self.slots.len() - 1;
        let mut i = (h as usize) & mask;
        loop {
            let slot = self.slots[i];
            if slot.id == 0 {
                break;
            }
            if slot.hash == h && slot.len as usize == term.len() {
                let stored = &self.text.as_bytes()[slot.start as usize..][..term.len()];
                if same(stored, term.as_bytes()) {
                    return (slot.id - 1, false);
                }
            }
            i = (i + 1) & mask;
        }
        let id = self.ends.len() as u32;
        let start = self.text.len() as u32;
        self.text.push_str(term);
        self.ends.push(self.text.len() as u32);
        self.slots[i] = Slot {
            hash: h,
            id: id + 1,
            start,
            len: term.len() as u32,
        };
        if self.ends.len() * 2 > self.slots.len() {
            self.grow();
        }
        (id, true)
    }

    fn grow(&mut self) {
        let mut slots = vec![Slot::default(); self.slots.len() * 2];
        let mask = slots.len() - 1;
        for slot in self.slots.iter().filter(|s| s.id != 0) {
            let mut i = (slot.hash as usize) & mask;
            while slots[i].id != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = *slot;
        }
        self.slots = slots;
    }

    /// Every term, in id order.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        (0..self.len() as u32).map(|i| self.term(i))
    }
}

#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    a.iter().zip(b).all(|(x, y)| x == y)
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
    }
}
