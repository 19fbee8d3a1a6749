//! Joining segments: the indexes of consecutive runs of documents become one.
//!
//! # Overview
//! [`merge`] takes segments in document order (the first's documents come first) and
//! gives the segment of all their documents, exactly as one [`SegmentBuilder`] fed every
//! document would have built it (a property test holds it to that). The dictionaries are
//! merged like sorted lists, k ways, by an integer key of each term's first eight bytes
//! (the full text is compared only where keys tie); each term's postings are the bytes of
//! its postings in each segment, one after the other, with only the first document gap
//! of each part written again ([`ListWriter::append`]). Everything else (title words,
//! lengths, dates, languages, metadata values) is concatenated and renumbered.
//!
//! [`SegmentBuilder`]: super::build::SegmentBuilder

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::build::Segment;
use super::dictionary::{prefix_key, Dictionary};
use super::fields::FieldIndex;
use super::postings::ListWriter;
use crate::strlist::StrList;

/// The segment of all the documents of `parts`, in order. See the module docs.
pub fn merge(mut parts: Vec<Segment>) -> Segment {
    parts.retain(|p| !p.is_empty());
    match parts.len() {
        0 => return Segment::default(),
        1 => return parts.pop().unwrap_or_default(),
        _ => {}
    }
    let bases: Vec<u32> = parts
        .iter()
        .scan(0u32, |acc, p| {
            let b = *acc;
            *acc += p.len() as u32;
            Some(b)
        })
        .collect();
    let (dict, postings, maps) = merge_terms(&parts, &bases);
    let total: usize = parts.iter().map(Segment::len).sum();
    let mut title_terms = Vec::with_capacity(parts.iter().map(|p| p.title_terms.len()).sum());
    let mut title_ends = Vec::with_capacity(total);
    let mut lengths = Vec::with_capacity(total);
    let mut dates = Vec::with_capacity(total);
    let mut languages = super::build::Languages::new();
    for (p, map) in parts.iter().zip(&maps) {
        let offset = title_terms.len() as u32;
        title_terms.extend(p.title_terms.iter().map(|&t| map[t as usize]));
        title_ends.extend(p.title_ends.iter().map(|&e| e + offset));
        lengths.extend_from_slice(&p.lengths);
        dates.extend_from_slice(&p.dates);
        for (l, n) in &p.languages {
            super::build::count_language(&mut languages, l, *n);
        }
    }
    let fields = FieldIndex::merge(
        parts.iter().zip(&bases).map(|(p, &b)| (&p.fields, b)),
        total,
    );
    Segment {
        dict,
        postings,
        title_terms,
        title_ends,
        lengths,
        dates,
        languages,
        fields,
    }
}

/// Merges the dictionaries and postings; also gives, per part, the new id of each of its
/// term ids.
fn merge_terms(
    parts: &[Segment],
    bases: &[u32],
) -> (Dictionary, super::postings::PostingLists, Vec<Vec<u32>>) {
    let upper_terms: usize = parts.iter().map(|p| p.dict.len()).sum();
    // A rewritten first gap takes at most four bytes more.
    let doc_bytes: usize = parts
        .iter()
        .map(|p| p.postings.stream_bytes().0 + 4 * p.dict.len())
        .sum();
    let pos_bytes: usize = parts.iter().map(|p| p.postings.stream_bytes().1).sum();
    let text_bytes: usize = parts.iter().map(|p| p.dict.terms().text_len()).sum();
    let mut writer = ListWriter::with_capacity(upper_terms, doc_bytes, pos_bytes);
    let mut maps: Vec<Vec<u32>> = parts.iter().map(|p| vec![0; p.dict.len()]).collect();
    let mut terms = StrList::with_capacity(text_bytes, upper_terms);
    // Each part's terms as integer keys, read in order.
    let keys: Vec<Vec<u64>> = parts
        .iter()
        .map(|p| {
            (0..p.dict.len() as u32)
                .map(|i| prefix_key(p.dict.term(i)))
                .collect()
        })
        .collect();
    // The next term of each part, by key.
    let mut heap: BinaryHeap<Reverse<(u64, u32, u32)>> = BinaryHeap::with_capacity(parts.len());
    for (i, k) in keys.iter().enumerate() {
        if let Some(&first) = k.first() {
            heap.push(Reverse((first, i as u32, 0)));
        }
    }
    // Terms sharing a key, from every part: (term, part, id).
    let mut group: Vec<(&str, u32, u32)> = Vec::new();
    while let Some(Reverse((key, part, id))) = heap.pop() {
        let next_key = keys[part as usize].get(id as usize + 1).copied();
        let alone = next_key != Some(key) && heap.peek().is_none_or(|Reverse((k, _, _))| *k != key);
        if alone {
            // The common case: a term no other part has, whose key no other term shares.
            if let Some(k) = next_key {
                heap.push(Reverse((k, part, id + 1)));
            }
            let p = &parts[part as usize];
            let new_id = terms.push(p.dict.term(id));
            maps[part as usize][id as usize] = new_id;
            writer.append(p.postings.term(id), bases[part as usize]);
            writer.end_term();
            continue;
        }
        group.clear();
        let mut next = Some((part, id));
        while let Some((part, id)) = next.take() {
            let p = &parts[part as usize];
            group.push((p.dict.term(id), part, id));
            match keys[part as usize].get(id as usize + 1) {
                Some(&k) if k == key => next = Some((part, id + 1)),
                Some(&k) => heap.push(Reverse((k, part, id + 1))),
                None => {}
            }
            if next.is_none() {
                if let Some(&Reverse((k, q, i))) = heap.peek() {
                    if k == key {
                        heap.pop();
                        next = Some((q, i));
                    }
                }
            }
        }
        // Parts in order within a term: postings are appended in document order.
        crate::sort::unstable_by(&mut group, |a, b| (a.0, a.1) < (b.0, b.1));
        let mut i = 0;
        while i < group.len() {
            let term = group[i].0;
            let new_id = terms.push(term);
            while i < group.len() && group[i].0 == term {
                let (_, part, id) = group[i];
                maps[part as usize][id as usize] = new_id;
                writer.append(parts[part as usize].postings.term(id), bases[part as usize]);
                i += 1;
            }
            writer.end_term();
        }
    }
    terms.shrink_to_fit();
    (Dictionary::from_sorted(terms), writer.finish(), maps)
}
