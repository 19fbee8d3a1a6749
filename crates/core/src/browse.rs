//! Narrowing results with facets and a date range, and counting what each choice would give.
//!
//! # Overview
//! A [`Selection`] is what the reader picked beside the query: values of metadata facets
//! (several values of one facet: any of them; different facets: all), years, and a date
//! range from the timeline. [`Narrowing::new`] turns it into sets of documents once;
//! [`Narrowing::apply`] filters the query's ranked hits with them, and
//! [`Narrowing::facet_counts`] counts, for every value of every facet, the documents that
//! would match the query together with all the *other* choices ("cross-filtered": a facet
//! ignores its own selection, so a second value can still be picked).
//!
//! Facet values are matched exactly (the selection `source = "Abraham Lincoln"` is the
//! value as written); the query's `source:lincoln` matches words inside values.

use crate::bitset::DocSet;
use crate::metadata;
use crate::model::DocId;
use crate::query::{DateRange, Field};
use crate::search::{Hits, SearchIndex};

/// A facet: a metadata field, or the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    /// Values of a metadata field.
    Field(Field),
    /// The year of the date.
    Year,
}

impl Facet {
    /// Every facet, in display order: the metadata fields, with the year after the
    /// first two (source and agency).
    pub const ALL: [Facet; metadata::COUNT + 1] = {
        let mut all = [Facet::Year; metadata::COUNT + 1];
        let mut i = 0;
        while i < metadata::COUNT {
            all[if i < YEAR_AT { i } else { i + 1 }] = Facet::Field(metadata::SPECS[i].field);
            i += 1;
        }
        all
    };

    /// The name used in URLs and `data-facet` (`source`, `year`, …).
    pub fn key(self) -> &'static str {
        match self {
            Facet::Field(f) => f.name(),
            Facet::Year => "year",
        }
    }

    /// The heading shown to readers.
    pub fn label(self) -> &'static str {
        match self {
            Facet::Field(f) => f.label(),
            Facet::Year => "Year",
        }
    }

    /// Parses a [`Facet::key`].
    pub fn from_key(key: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// Where the year stands among the facets.
const YEAR_AT: usize = 2;

/// What the reader picked besides the query.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct Selection {
    /// Chosen values per facet (years as their decimal text): facets in order, each
    /// with its values sorted, unique and never none. (Sorted vectors: the few values a
    /// reader picks need no tree, and a tree's code is large in WebAssembly.)
    pub values: Vec<(Facet, Vec<String>)>,
    /// The timeline's range.
    pub range: Option<DateRange>,
}

impl Selection {
    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.values.iter().all(|(_, v)| v.is_empty()) && self.range.is_none()
    }

    /// Adds or removes one value.
    pub fn toggle(&mut self, facet: Facet, value: &str) {
        let f = match self.values.binary_search_by(|(x, _)| x.cmp(&facet)) {
            Ok(f) => f,
            Err(f) => {
                self.values.insert(f, (facet, Vec::new()));
                f
            }
        };
        let set = &mut self.values[f].1;
        match set.binary_search_by(|x| x.as_str().cmp(value)) {
            Ok(i) => {
                set.remove(i);
            }
            Err(i) => set.insert(i, value.to_string()),
        }
        if set.is_empty() {
            self.values.remove(f);
        }
    }

    /// The values chosen for a facet (sorted).
    pub fn chosen(&self, facet: Facet) -> &[String] {
        self.values
            .binary_search_by(|(x, _)| x.cmp(&facet))
            .map_or(&[], |f| &self.values[f].1)
    }

    /// Whether a value is chosen.
    pub fn has(&self, facet: Facet, value: &str) -> bool {
        self.chosen(facet)
            .binary_search_by(|x| x.as_str().cmp(value))
            .is_ok()
    }
}

/// One value of a facet with its count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    /// The value as shown (a year as digits).
    pub value: String,
    /// Documents matching the query and all other choices that have this value.
    pub count: usize,
    /// Whether it is selected.
    pub selected: bool,
}

/// The counts of one facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCounts {
    /// Which facet.
    pub facet: Facet,
    /// Values with a count (or selected), most frequent first (years: newest first).
    pub values: Vec<FacetValue>,
    /// How many distinct values the corpus has for this facet.
    pub distinct: usize,
    /// How many values had a count (or were chosen), listed or not.
    pub available: usize,
}

/// The selection as sets of documents. See the module docs.
#[derive(Debug, Clone, PartialEq)]
pub struct Narrowing {
    /// Per facet with a selection: the documents it allows.
    facet_sets: Vec<(Facet, DocSet)>,
    /// The timeline range's documents, if any.
    range_set: Option<DocSet>,
    /// Everything together.
    all: DocSet,
}

impl Narrowing {
    /// Resolves a selection against the index.
    pub fn new(index: &SearchIndex, selection: &Selection) -> Narrowing {
        let n = index.len();
        let mut facet_sets = Vec::new();
        for &(facet, ref chosen) in &selection.values {
            if chosen.is_empty() {
                continue;
            }
            let mut set = DocSet::empty(n);
            match facet {
                Facet::Field(field) => {
                    for value in chosen {
                        if let Some(i) = index.fields().find_value(field, value) {
                            for &d in &index.fields().values(field)[i].docs {
                                set.insert(d);
                            }
                        }
                    }
                }
                Facet::Year => {
                    let years: Vec<i32> = chosen.iter().filter_map(|y| y.parse().ok()).collect();
                    for (d, y) in index.years().iter().enumerate() {
                        if years.contains(y) {
                            set.insert(d as u32);
                        }
                    }
                }
            }
            facet_sets.push((facet, set));
        }
        let range_set = selection.range.map(|range| {
            let mut set = DocSet::empty(n);
            for (d, span) in index.date_spans().iter().enumerate() {
                if let Some((first, last)) = *span {
                    if range.start.is_none_or(|s| first >= s) && range.end.is_none_or(|e| last <= e)
                    {
                        set.insert(d as u32);
                    }
                }
            }
            set
        });
        let mut all = DocSet::full(n);
        for (_, s) in &facet_sets {
            all.intersect_with(s);
        }
        if let Some(r) = &range_set {
            all.intersect_with(r);
        }
        Narrowing {
            facet_sets,
            range_set,
            all,
        }
    }

    /// The documents every choice allows.
    pub fn allowed(&self) -> &DocSet {
        &self.all
    }

    /// The hits that every choice allows, in the hits' order.
    pub fn apply(&self, hits: &Hits) -> Vec<DocId> {
        if self.facet_sets.is_empty() && self.range_set.is_none() {
            return hits.ids.clone();
        }
        hits.ids
            .iter()
            .copied()
            .filter(|d| self.all.contains(d.0))
            .collect()
    }

    /// The query's matches narrowed by every choice except the timeline range (what the
    /// timeline shows).
    pub fn for_timeline(&self, matches: &DocSet) -> DocSet {
        let mut s = matches.clone();
        for (_, f) in &self.facet_sets {
            s.intersect_with(f);
        }
        s
    }

    /// The query's matches narrowed by every choice except `facet`'s own.
    fn for_facet(&self, matches: &DocSet, facet: Facet) -> DocSet {
        let mut s = matches.clone();
        for (f, set) in &self.facet_sets {
            if *f != facet {
                s.intersect_with(set);
            }
        }
        if let Some(r) = &self.range_set {
            s.intersect_with(r);
        }
        s
    }

    /// Counts for every facet the corpus has, every value with a count (or chosen), in
    /// display order. See the module docs.
    pub fn facet_counts(
        &self,
        index: &SearchIndex,
        matches: &DocSet,
        selection: &Selection,
    ) -> Vec<FacetCounts> {
        self.raw_counts(index, matches)
            .iter()
            .map(|raw| raw.top(index, selection, usize::MAX, ""))
            .collect()
    }

    /// Each facet's count per value (values by their number in the index; years by their
    /// place in [`SearchIndex::distinct_years`]). Cheap: no value is copied or sorted.
    pub fn raw_counts(&self, index: &SearchIndex, matches: &DocSet) -> Vec<RawCounts> {
        // Facets without a selection share one base set: everything narrowed.
        let mut shared = matches.clone();
        shared.intersect_with(&self.all);
        let mut out = Vec::new();
        for facet in Facet::ALL {
            let own = self.facet_sets.iter().any(|(f, _)| *f == facet);
            let base_owned;
            let base = if own {
                base_owned = self.for_facet(matches, facet);
                &base_owned
            } else {
                &shared
            };
            let counts = match facet {
                Facet::Field(field) => {
                    let values = index.fields().values(field);
                    if values.is_empty() {
                        continue;
                    }
                    let mut counts = vec![0u32; values.len()];
                    let of_doc = index.fields().doc_values(field);
                    for d in base.iter() {
                        for &v in of_doc.of(d) {
                            counts[v as usize] += 1;
                        }
                    }
                    counts
                }
                Facet::Year => {
                    let years = index.distinct_years();
                    if years.is_empty() {
                        continue;
                    }
                    let mut counts = vec![0u32; years.len()];
                    for d in base.iter() {
                        if let Some(i) = index.year_slot(d) {
                            counts[i] += 1;
                        }
                    }
                    counts
                }
            };
            out.push(RawCounts { facet, counts });
        }
        out
    }
}

/// One facet's count per value. See [`Narrowing::raw_counts`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawCounts {
    /// Which facet.
    pub facet: Facet,
    /// Documents per value.
    pub counts: Vec<u32>,
}

impl RawCounts {
    /// The values to list: those with a count or chosen, containing `filter`
    /// (case-insensitive, if any), most frequent first (years: newest first), at most
    /// `limit` of them plus every chosen one; and how many there were in all.
    pub fn top(
        &self,
        index: &SearchIndex,
        selection: &Selection,
        limit: usize,
        filter: &str,
    ) -> FacetCounts {
        let chosen = selection.chosen(self.facet);
        let value_of = |i: usize| -> std::borrow::Cow<'_, str> {
            match self.facet {
                Facet::Field(field) => {
                    std::borrow::Cow::Borrowed(index.fields().values(field)[i].value.as_str())
                }
                Facet::Year => std::borrow::Cow::Owned(index.distinct_years()[i].to_string()),
            }
        };
        // Compared folded, as search compares words: `e` finds `É`.
        let needle = crate::text::normalize(filter.trim());
        let is_chosen = |i: usize| selection.has(self.facet, value_of(i).as_ref());
        let mut candidates: Vec<u32> = (0..self.counts.len() as u32)
            .filter(|&i| self.counts[i as usize] > 0 || is_chosen(i as usize))
            .filter(|&i| {
                needle.is_empty() || crate::text::normalize(&value_of(i as usize)).contains(&needle)
            })
            .collect();
        let available = candidates.len();
        match self.facet {
            // Values are kept most frequent first, ties alphabetical: by count, then number.
            Facet::Field(_) => {
                // The candidates ascend: a stable sort by count keeps ties in order.
                let counts = &self.counts;
                crate::sort::by_key(&mut candidates, |&i| !u64::from(counts[i as usize]));
                if candidates.len() > limit {
                    let rest = candidates.split_off(limit);
                    candidates.extend(rest.into_iter().filter(|&i| is_chosen(i as usize)));
                }
            }
            // Years newest first.
            Facet::Year => {
                crate::sort::by_key(&mut candidates, |&i| !u64::from(i));
                if candidates.len() > limit {
                    let mut kept = 0;
                    candidates.retain(|&i| {
                        kept += 1;
                        kept <= limit || is_chosen(i as usize)
                    });
                }
            }
        }
        let mut values: Vec<FacetValue> = candidates
            .into_iter()
            .map(|i| FacetValue {
                value: value_of(i as usize).into_owned(),
                count: self.counts[i as usize] as usize,
                selected: is_chosen(i as usize),
            })
            .collect();
        // Chosen values no document has still show (with 0), so they can be removed.
        for v in chosen {
            if !values.iter().any(|x| &x.value == v) {
                values.push(FacetValue {
                    value: v.clone(),
                    count: 0,
                    selected: true,
                });
            }
        }
        FacetCounts {
            facet: self.facet,
            values,
            distinct: self.counts.len(),
            available,
        }
    }
}

/// The facets a corpus has (some value in some document).
pub fn facets_present(index: &SearchIndex) -> Vec<Facet> {
    Facet::ALL
        .into_iter()
        .filter(|f| match f {
            Facet::Field(field) => !index.fields().values(*field).is_empty(),
            Facet::Year => index.date_spans().iter().any(Option::is_some),
        })
        .collect()
}

#[cfg(test)]
mod tests;
