//! Sorting with little code: every sort in the engine goes through these few functions.
//!
//! # Overview
//! The standard library's sorts are fast but large: each element type and comparison
//! instantiates its own copy, 5–10 KB of WebAssembly each, and the engine had fifteen of
//! them (some 80 KB before compression, a sixth of the engine). Here, integer keys are
//! sorted by [`by_key`], a least-significant-digit radix sort (stable, small, and faster
//! than comparing on large inputs; keys made of several parts are sorted part by part,
//! the least significant first). Anything else goes through [`unstable_by`], a heapsort
//! (small, in place, `n log n` at worst); give it a total order (a tie broken by position)
//! where the result must not depend on the input order.

/// Below this length a radix sort costs more than comparing.
const SMALL: usize = 32;

/// Sorts `v` by `key`, ascending and stably (equal keys keep their order).
///
/// ```
/// let mut v = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd')];
/// chronicle_core::sort::by_key(&mut v, |p| p.0);
/// assert_eq!(v, [(1, 'b'), (2, 'd'), (3, 'a'), (3, 'c')]);
/// ```
pub fn by_key<T: Copy>(v: &mut [T], key: impl Fn(&T) -> u64) {
    let n = v.len();
    if n <= SMALL {
        insertion(v, &key);
        return;
    }
    let mut counts = vec![[0u32; 256]; 8];
    for x in v.iter() {
        let k = key(x);
        for (d, c) in counts.iter_mut().enumerate() {
            c[(k >> (8 * d)) as u8 as usize] += 1;
        }
    }
    let mut buf: Vec<T> = v.to_vec();
    let mut in_buf = false;
    for (d, c) in counts.iter().enumerate() {
        // A byte every key shares orders nothing.
        if c.iter().any(|&m| m as usize == n) {
            continue;
        }
        let mut at = [0u32; 256];
        let mut sum = 0;
        for (a, &m) in at.iter_mut().zip(c.iter()) {
            *a = sum;
            sum += m;
        }
        if in_buf {
            scatter(&buf, v, d, &key, &mut at);
        } else {
            scatter(v, &mut buf, d, &key, &mut at);
        }
        in_buf = !in_buf;
    }
    if in_buf {
        v.copy_from_slice(&buf);
    }
}

/// One radix pass: `src` into `dst` by byte `d` of the key, `at` the next slot per byte.
fn scatter<T: Copy>(
    src: &[T],
    dst: &mut [T],
    d: usize,
    key: &impl Fn(&T) -> u64,
    at: &mut [u32; 256],
) {
    for x in src {
        let b = (key(x) >> (8 * d)) as u8 as usize;
        dst[at[b] as usize] = *x;
        at[b] += 1;
    }
}

/// A stable insertion sort by key, for short slices.
fn insertion<T: Copy>(v: &mut [T], key: &impl Fn(&T) -> u64) {
    for i in 1..v.len() {
        let x = v[i];
        let k = key(&x);
        let mut j = i;
        while j > 0 && key(&v[j - 1]) > k {
            v[j] = v[j - 1];
            j -= 1;
        }
        v[j] = x;
    }
}

/// Sorts `v` so that no element is `less` than one before it; equal elements may change
/// places (a heapsort).
///
/// ```
/// let mut v = vec!["pear", "apple", "fig"];
/// chronicle_core::sort::unstable_by(&mut v, |a, b| a < b);
/// assert_eq!(v, ["apple", "fig", "pear"]);
/// ```
pub fn unstable_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    let n = v.len();
    for root in (0..n / 2).rev() {
        sift_down(v, root, n, &mut less);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift_down(v, 0, end, &mut less);
    }
}

fn sift_down<T>(v: &mut [T], mut root: usize, end: usize, less: &mut impl FnMut(&T, &T) -> bool) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(&v[child], &v[child + 1]) {
            child += 1;
        }
        if !less(&v[root], &v[child]) {
            return;
        }
        v.swap(root, child);
        root = child;
    }
}

/// A key that sorts signed numbers in their order.
pub fn signed(x: i64) -> u64 {
    (x as u64) ^ (1 << 63)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The radix sort gives what the standard library's stable sort gives, whatever
        /// the keys (short and long inputs, shared bytes, extremes).
        #[test]
        fn by_key_is_a_stable_sort(
            keys in proptest::collection::vec(
                prop_oneof![any::<u64>(), 0u64..4, Just(u64::MAX), (0u64..300).prop_map(|k| k << 40)],
                0..400,
            )
        ) {
            let mut v: Vec<(u64, usize)> = keys.iter().copied().zip(0..).collect();
            let mut want = v.clone();
            want.sort_by_key(|p| p.0);
            by_key(&mut v, |p| p.0);
            prop_assert_eq!(v, want);
        }

        /// The heapsort gives sorted output holding the same elements.
        #[test]
        fn unstable_by_sorts(mut v in proptest::collection::vec(".{0,3}", 0..300)) {
            let mut want = v.clone();
            want.sort();
            unstable_by(&mut v, |a, b| a < b);
            prop_assert_eq!(v, want);
        }

        /// Signed keys sort in numeric order.
        #[test]
        fn signed_keys_keep_the_order(a: i64, b: i64) {
            prop_assert_eq!(a.cmp(&b), signed(a).cmp(&signed(b)));
        }
    }
}
