//! The search engine: an inverted index over titles and bodies, ranked with BM25.
//!
//! # Overview
//! Indexes are built in [`Segment`]s: a [`SegmentBuilder`] indexes documents one at a
//! time ([`build`]), and [`merge::merge`] joins the segments of consecutive runs of
//! documents (built one after another, or in parallel) into one. [`SearchIndex::new`]
//! adds what only the whole archive can say: stems, the average length, the date order.
//! The index has a sorted term [`Dictionary`](dictionary::Dictionary), flat [`postings`]
//! with positions, the title's words per document, metadata [`fields`], and the date of
//! every document. [`SearchIndex::search`] answers a [`Query`] with [`Hits`]: the set of
//! matching documents, all of them in order ([`rank`]), and a [`Highlighter`] for exactly
//! the words that matched ([`eval`]).
//!
//! Matching (what the property tests check against a brute-force scan):
//! - a word matches a document containing it exactly, a word with the same stem (plain
//!   words only: see [`Stemmer::stem_key`]), a word it starts (only the last word, while
//!   typing: its [`PREFIX_LIMIT`](eval::PREFIX_LIMIT) most frequent completions), or a
//!   word within one typo (words of 5+ characters) or two (9+), never on its first letter
//!   (the [`TYPO_LIMIT`](eval::TYPO_LIMIT) closest, then most frequent, typo forms);
//! - a phrase matches its exact words at consecutive positions (the last as a prefix
//!   while typing); a field query matches as [`fields::words_match`] says;
//! - `-x` removes documents that contain `x` exactly or by stem;
//! - every clause must match; `OR` alternatives need one.

pub mod build;
pub mod dictionary;
pub mod eval;
pub mod fields;
pub mod interner;
pub mod merge;
pub mod postings;
pub mod rank;
pub mod related;
pub mod shelf;

#[cfg(test)]
mod oracle;
#[cfg(test)]
mod tests;

use crate::bitset::DocSet;
use crate::highlight::Highlighter;
use crate::model::{Corpus, DocId};
use crate::query::Query;
use crate::text::Stemmer;
pub use build::{Segment, SegmentBuilder};
use fields::FieldIndex;
use rank::ClauseSets;

/// How much more a title word counts than a body word.
pub const TITLE_WEIGHT: f32 = 3.0;

/// The number of typos a word of `chars` characters tolerates.
pub fn typo_budget(chars: usize) -> u8 {
    match chars {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Sort {
    /// Best match first (newest first when nothing is searched).
    #[default]
    Relevance,
    /// Newest first; undated last.
    Newest,
    /// Oldest first; undated last.
    Oldest,
}

impl Sort {
    /// The name used in URLs.
    pub fn name(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
        }
    }

    /// Parses a URL name.
    pub fn from_name(name: &str) -> Option<Sort> {
        [Sort::Relevance, Sort::Newest, Sort::Oldest]
            .into_iter()
            .find(|s| s.name() == name)
    }
}

/// The answer to a query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hits {
    /// Every matching document, in result order.
    pub ids: Vec<DocId>,
    /// The same documents as a set (for counting against filters and facets).
    pub matches: DocSet,
    /// Marks the words that matched.
    pub highlighter: Highlighter,
}

impl Hits {
    /// How many documents match.
    pub fn total(&self) -> usize {
        self.ids.len()
    }
}

/// The index. See the module docs.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    seg: Segment,
    avg_length: f32,
    /// (first day, last day) of each dated document.
    dates: Vec<Option<(i32, i32)>>,
    /// Year of each document's first day (`i32::MIN` if undated).
    years: Vec<i32>,
    /// Month number (year × 12 + month − 1) of each dated document's first and last day.
    months: Vec<Option<(i32, i32)>>,
    /// Every year present, ascending.
    year_list: Vec<i32>,
    /// Each document's year as its place in `year_list` (`u32::MAX`: undated).
    year_slots: Vec<u32>,
    newest_first: Vec<u32>,
    /// Rank of each document in `newest_first`.
    recency: Vec<u32>,
    dated_count: usize,
    stemmer: Stemmer,
}

impl SearchIndex {
    /// Words in document `d`'s title (its positions come first: `0..title_len`).
    pub(super) fn title_len(&self, d: u32) -> u32 {
        let (ends, d) = (&self.seg.title_ends, d as usize);
        ends[d] - if d == 0 { 0 } else { ends[d - 1] }
    }

    /// The index of a segment (of all an archive's documents): stems follow the language
    /// most documents declare (English if none declare one).
    pub fn new(mut seg: Segment) -> SearchIndex {
        let n = seg.len();
        let stemmer = stemmer_for(&seg.languages);
        seg.dict.set_stems(stemmer);
        let avg_length = if n == 0 {
            1.0
        } else {
            (seg.lengths.iter().sum::<f32>() / n as f32).max(1.0)
        };
        let dates = &seg.dates;
        let mut newest_first: Vec<u32> = (0..n as u32).collect();
        // Newest first (the more precise of two equal dates first), undated last, ties
        // in document order: stable sorts, the least significant part first.
        crate::sort::by_key(&mut newest_first, |&d| {
            dates[d as usize].map_or(0, |x| 255 - x.precision() as u64)
        });
        crate::sort::by_key(&mut newest_first, |&d| {
            dates[d as usize].map_or(u64::MAX, |x| !crate::sort::signed(x.sort_key()))
        });
        let mut recency = vec![0; n];
        for (rank, &d) in newest_first.iter().enumerate() {
            recency[d as usize] = rank as u32;
        }
        let month = |day: i32| {
            let (y, m, _) = crate::date::civil_from_days(day);
            y * 12 + m as i32 - 1
        };
        SearchIndex {
            avg_length,
            dated_count: dates.iter().filter(|d| d.is_some()).count(),
            year_list: {
                let mut y: Vec<i32> = dates.iter().flatten().map(|d| d.year()).collect();
                crate::sort::by_key(&mut y, |&y| crate::sort::signed(i64::from(y)));
                y.dedup();
                y
            },
            years: dates
                .iter()
                .map(|d| d.map_or(i32::MIN, |x| x.year()))
                .collect(),
            year_slots: Vec::new(),
            months: dates
                .iter()
                .map(|d| d.map(|x| (month(x.first_day()), month(x.last_day()))))
                .collect(),
            dates: dates
                .iter()
                .map(|d| d.map(|x| (x.first_day(), x.last_day())))
                .collect(),
            newest_first,
            recency,
            stemmer,
            seg,
        }
        .with_year_slots()
    }

    fn with_year_slots(mut self) -> SearchIndex {
        let list = &self.year_list;
        self.year_slots = self
            .years
            .iter()
            .map(|&y| {
                if y == i32::MIN {
                    u32::MAX
                } else {
                    list.binary_search(&y).map_or(u32::MAX, |i| i as u32)
                }
            })
            .collect();
        self
    }

    /// The place of document `d`'s year in [`SearchIndex::distinct_years`].
    #[inline(always)]
    pub fn year_slot(&self, d: u32) -> Option<usize> {
        self.year_slots
            .get(d as usize)
            .filter(|&&s| s != u32::MAX)
            .map(|&s| s as usize)
    }

    /// Indexes a whole corpus.
    pub fn build(corpus: &Corpus) -> SearchIndex {
        let mut b = SegmentBuilder::new();
        for doc in &corpus.documents {
            b.add(doc);
        }
        SearchIndex::new(b.finish())
    }

    /// The segment behind the index (to join it with more documents).
    pub fn into_segment(self) -> Segment {
        self.seg
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.seg.len()
    }

    /// Whether the corpus was empty.
    pub fn is_empty(&self) -> bool {
        self.seg.is_empty()
    }

    /// Number of distinct terms.
    pub fn term_count(&self) -> usize {
        self.seg.term_count()
    }

    /// The index shards its postings are kept in, if they are (a prebuilt site's).
    pub fn shelf(&self) -> Option<&shelf::Shelf> {
        self.seg.postings.shelf()
    }

    /// If its dictionary is kept out (a site's, in its words file): how many terms it has,
    /// and whether a query read it meanwhile.
    pub fn words_out(&self) -> Option<&shelf::WordsOut> {
        self.seg.dict.kept_out()
    }

    /// Puts the dictionary and the postings' tables kept out back (read from the words
    /// file), checked against the index; gives where the index shards start. Stems are
    /// worked out now.
    pub fn fill_words(
        &mut self,
        dict: dictionary::Dictionary,
        postings: postings::PostingLists,
    ) -> Result<Vec<u32>, String> {
        self.seg.put_words(dict, postings)?;
        self.seg.dict.set_stems(self.stemmer);
        Ok(self
            .shelf()
            .map(|s| s.starts().to_vec())
            .unwrap_or_default())
    }

    /// Puts index shard `s` in (checked against the index: see [`shelf::Shelf::fill`]).
    pub fn fill_postings(&mut self, s: usize, lists: shelf::ShardLists) -> Result<(), String> {
        self.seg.postings.fill(s, lists)
    }

    /// The metadata values, for field queries and facets.
    pub fn fields(&self) -> &FieldIndex {
        &self.seg.fields
    }

    /// The stemmer chosen for this corpus.
    pub fn stemmer(&self) -> Stemmer {
        self.stemmer
    }

    /// Approximate bytes the index holds (not counting the corpus).
    pub fn heap_bytes(&self) -> usize {
        self.seg.heap_bytes() + self.len() * (4 + 12 + 12 + 4 + 4)
    }

    /// The year of each document (`i32::MIN` if undated).
    pub fn years(&self) -> &[i32] {
        &self.years
    }

    /// Every year some document is dated in, ascending.
    pub fn distinct_years(&self) -> &[i32] {
        &self.year_list
    }

    /// Month number (year × 12 + month − 1) of each document's first and last day.
    pub fn month_spans(&self) -> &[Option<(i32, i32)>] {
        &self.months
    }

    /// First and last day of each document's date (`None`: undated).
    pub fn date_spans(&self) -> &[Option<(i32, i32)>] {
        &self.dates
    }

    /// Documents in date order, oldest first (undated left out).
    pub fn oldest_first(&self) -> impl Iterator<Item = DocId> + '_ {
        self.newest_first[..self.dated_count]
            .iter()
            .rev()
            .map(|&d| DocId(d))
    }

    /// Every document, newest first (undated last).
    pub fn newest_first(&self) -> impl Iterator<Item = DocId> + '_ {
        self.newest_first.iter().map(|&d| DocId(d))
    }

    /// Answers a query in the given order. See the module docs.
    pub fn search(&self, query: &Query, sort: Sort) -> Hits {
        let n = self.len();
        let mut highlighter = Highlighter::default();
        let mut matches = DocSet::full(n);
        let mut clause_sets: Vec<ClauseSets> = Vec::with_capacity(query.clauses.len());
        for clause in &query.clauses {
            let mut sets: Option<ClauseSets> = None;
            let marked_before = highlighter.size();
            for atom in &clause.any {
                let s = self.atom_sets(atom, true, &mut highlighter);
                let scoring = (s.scoring, s.additive);
                sets = Some(match sets {
                    None => ClauseSets {
                        exact: s.exact,
                        no_typo: s.no_typo,
                        one_typo: s.one_typo,
                        all: s.all,
                        scoring: vec![scoring],
                    },
                    Some(mut acc) => {
                        acc.exact.union_with(&s.exact);
                        acc.no_typo.union_with(&s.no_typo);
                        acc.one_typo.union_with(&s.one_typo);
                        acc.all.union_with(&s.all);
                        acc.scoring.push(scoring);
                        acc
                    }
                });
            }
            highlighter.end_clause(marked_before);
            if let Some(s) = sets {
                matches.intersect_with(&s.all);
                clause_sets.push(s);
            }
        }
        for atom in &query.excluded {
            let mut ignore = Highlighter::default();
            let s = self.atom_sets(atom, false, &mut ignore);
            matches.difference_with(&s.all);
        }
        let ids = match sort {
            Sort::Newest => self.in_date_order(&matches, false),
            Sort::Oldest => self.in_date_order(&matches, true),
            Sort::Relevance if clause_sets.is_empty() => self.in_date_order(&matches, false),
            Sort::Relevance => self.by_relevance(&matches, &clause_sets),
        };
        highlighter.finish();
        Hits {
            ids,
            matches,
            highlighter,
        }
    }
}

/// The stemmer for a corpus: the language most documents declare; English if none
/// declares one.
fn stemmer_for(languages: &[(String, u32)]) -> Stemmer {
    let best = languages
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
    match best {
        Some((lang, _)) => Stemmer::for_language(lang),
        None => Stemmer::for_language("en"),
    }
}
