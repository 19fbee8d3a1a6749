//! Document ids are unique: the one policy, for the CLI and the browser alike.
//!
//! # Overview
//! Links name documents by id (`#doc=…`), so two documents must never share one. When they
//! do (two exports merged, a generator reusing numbers), nothing is dropped: the first
//! document with an id keeps it, and each later one is renamed `id-2`, `id-3`, … (the
//! first suffix that no document of the archive has), with a warning that names both
//! ids and the place of the renamed document. [`unique_ids`] decides the renames;
//! [`renamed`] is the warning.

use crate::load::Place;
use crate::problem::Problem;
use rustc_hash::FxHashMap;

/// The documents to rename, by their position among `ids` (in file order), with their
/// new ids. See the module docs.
///
/// ```
/// use chronicle_core::ids::unique_ids;
/// let renames = unique_ids(["a", "b", "a", "a-2", "a"].into_iter());
/// assert_eq!(renames, [(2, "a-3".to_string()), (4, "a-4".to_string())]);
/// ```
pub fn unique_ids<'a>(ids: impl Iterator<Item = &'a str> + Clone) -> Vec<(usize, String)> {
    // First: how many documents have each id (most have one).
    let mut count: FxHashMap<&str, u32> = FxHashMap::default();
    for id in ids.clone() {
        *count.entry(id).or_default() += 1;
    }
    if count.values().all(|&n| n == 1) {
        return Vec::new();
    }
    let mut seen: FxHashMap<&str, ()> = FxHashMap::default();
    let mut taken: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    let mut renames = Vec::new();
    for (i, id) in ids.enumerate() {
        if count[id] == 1 || seen.insert(id, ()).is_none() {
            continue;
        }
        let mut n = 2;
        let new_id = loop {
            let candidate = format!("{id}-{n}");
            if !count.contains_key(candidate.as_str()) && !taken.contains(&candidate) {
                break candidate;
            }
            n += 1;
        };
        taken.insert(new_id.clone());
        renames.push((i, new_id));
    }
    renames
}

/// The warning for a renamed document: at its place in a corpus file, or naming the file
/// it came from alone (a text file).
pub fn renamed(old: &str, new: &str, place: Result<Place, &str>) -> Problem {
    let problem = Problem::warning(format!(
        "duplicate id \"{old}\": an earlier document has it; this one is renamed \"{new}\""
    ));
    match place {
        Ok(place) => problem
            .in_document(place.index, Some(old))
            .at(place.position),
        Err(file) => problem.in_file(file),
    }
    .in_field("id")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// After renaming, every id is unique, the first of each keeps it, and documents
        /// with unique ids are untouched.
        #[test]
        fn renamed_ids_are_unique(ids in proptest::collection::vec("[ab](-[23])?", 0..30)) {
            let renames = unique_ids(ids.iter().map(String::as_str));
            let mut after = ids.clone();
            for (i, new) in &renames {
                after[*i] = new.clone();
            }
            let mut sorted = after.clone();
            sorted.sort();
            sorted.dedup();
            prop_assert_eq!(sorted.len(), after.len());
            for (i, id) in ids.iter().enumerate() {
                let first = ids.iter().position(|x| x == id) == Some(i);
                prop_assert_eq!(after[i] == *id, first);
            }
        }
    }
}
