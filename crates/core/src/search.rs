//! The search engine: an inverted index over titles and bodies, ranked with BM25.
//!
//! # Overview
//! An [`IndexBuilder`] indexes documents one at a time, as they load (or
//! [`SearchIndex::build`] a whole [`Corpus`]): a sorted term
//! [`Dictionary`](dictionary::Dictionary) with stems, compact [`postings`] with positions,
//! the title's words per document, metadata [`fields`], and the date of every document.
//! [`SearchIndex::search`] answers a [`Query`] with [`Hits`]: the set of matching
//! documents, all of them in order, and a [`Highlighter`] for exactly the words that
//! matched.
//!
//! Matching (what the property tests check against a brute-force scan):
//! - a word matches a document containing it exactly, a word with the same stem, a word
//!   it starts (only the last word, while typing), or a word within one typo (words of
//!   5+ characters) or two (9+);
//! - a phrase matches its exact words at consecutive positions (the last as a prefix
//!   while typing); a field query matches as [`fields::words_match`] says;
//! - `-x` removes documents that contain `x` exactly or by stem;
//! - every clause must match; `OR` alternatives need one.
//!
//! Ranking by relevance: first documents with fewer typos (each clause counts the edits of
//! its closest match), then fewer clauses matched only by stem or prefix (so exact forms
//! come first), then BM25 (title words weigh [`TITLE_WEIGHT`] times body words), then
//! newest.

pub mod dictionary;
pub mod fields;
pub mod interner;
pub mod postings;

#[cfg(test)]
mod oracle;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use crate::bitset::DocSet;
use crate::date::Date;
use crate::highlight::Highlighter;
use crate::model::{Corpus, DocId, Document};
use crate::query::{Atom, Field, Query};
use crate::text::{for_each_term, Stemmer};
use dictionary::Dictionary;
use fields::{FieldIndex, FieldIndexBuilder};
use interner::Interner;
use postings::{Posting, PostingIter, TermPostings};

/// How much more a title word counts than a body word.
pub const TITLE_WEIGHT: f32 = 3.0;
const BM25_K1: f32 = 1.2;
const BM25_B: f32 = 0.75;

/// Weight of a match by kind, within BM25.
const WEIGHT_EXACT: f32 = 1.0;
const WEIGHT_STEM: f32 = 0.75;
const WEIGHT_PREFIX: f32 = 0.6;
const WEIGHT_FUZZY: f32 = 0.3;

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
    dict: Dictionary,
    postings: Vec<TermPostings>,
    /// Title words of each document (term ids), for `title:` queries.
    title_terms: Vec<u32>,
    title_ends: Vec<u32>,
    /// BM25 length of each document: title words × TITLE_WEIGHT + body words.
    lengths: Vec<f32>,
    avg_length: f32,
    /// (first day, last day) of each dated document.
    dates: Vec<Option<(i32, i32)>>,
    /// Year of each document's first day (`i32::MIN` if undated).
    years: Vec<i32>,
    /// Month number (year × 12 + month − 1) of each dated document's first and last day.
    months: Vec<Option<(i32, i32)>>,
    /// Every year present, ascending.
    year_list: Vec<i32>,
    newest_first: Vec<u32>,
    /// Rank of each document in `newest_first`.
    recency: Vec<u32>,
    dated_count: usize,
    fields: FieldIndex,
    stemmer: Stemmer,
}

/// How a term was reached from a query word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Exact,
    Stem,
    Prefix,
    Fuzzy(u8),
}

impl Kind {
    fn weight(self) -> f32 {
        match self {
            Kind::Exact => WEIGHT_EXACT,
            Kind::Stem => WEIGHT_STEM,
            Kind::Prefix => WEIGHT_PREFIX,
            Kind::Fuzzy(k) => WEIGHT_FUZZY / f32::from(k.max(1)),
        }
    }
}

/// The documents an atom matches, split by how well.
struct AtomSets {
    /// Matched by an exact form.
    exact: DocSet,
    /// Matched without typos (exact, stem or prefix).
    no_typo: DocSet,
    /// Matched with at most one typo.
    one_typo: DocSet,
    /// Matched at all.
    all: DocSet,
    /// Terms that score, with their weight; `true` if they add up (a phrase's words)
    /// rather than compete (a word's forms: the best counts).
    scoring: Vec<(u32, f32)>,
    additive: bool,
}

/// Builds a [`SearchIndex`] one document at a time. See the module docs.
pub struct IndexBuilder {
    table: Interner,
    postings: Vec<TermPostings>,
    /// Per term id: its index in `doc_terms` while the current document is read.
    slot: Vec<u32>,
    doc_terms: Vec<u32>,
    occurrences: Vec<(u32, u32)>,
    grouped: Vec<u32>,
    starts: Vec<u32>,
    cursor: Vec<u32>,
    title_terms: Vec<u32>,
    title_ends: Vec<u32>,
    lengths: Vec<f32>,
    dates: Vec<Option<Date>>,
    languages: HashMap<String, usize>,
    fields: FieldIndexBuilder,
}

impl Default for IndexBuilder {
    fn default() -> Self {
        Self::new()
    }
}

const NO_SLOT: u32 = u32::MAX;

impl IndexBuilder {
    /// An empty builder.
    pub fn new() -> IndexBuilder {
        IndexBuilder {
            table: Interner::new(),
            postings: Vec::new(),
            slot: Vec::new(),
            doc_terms: Vec::new(),
            occurrences: Vec::new(),
            grouped: Vec::new(),
            starts: Vec::new(),
            cursor: Vec::new(),
            title_terms: Vec::new(),
            title_ends: Vec::new(),
            lengths: Vec::new(),
            dates: Vec::new(),
            languages: HashMap::new(),
            fields: FieldIndexBuilder::new(),
        }
    }

    /// Documents added so far.
    pub fn len(&self) -> usize {
        self.lengths.len()
    }

    /// Whether no document was added.
    pub fn is_empty(&self) -> bool {
        self.lengths.is_empty()
    }

    #[inline]
    fn local(&mut self, term: &str) -> u32 {
        let (id, new) = self.table.intern(term);
        if new {
            self.postings.push(TermPostings::default());
            self.slot.push(NO_SLOT);
        }
        let slot = &mut self.slot[id as usize];
        if *slot == NO_SLOT {
            *slot = self.doc_terms.len() as u32;
            self.doc_terms.push(id);
        }
        *slot
    }

    /// Indexes the next document (its title, body, date, language and metadata). The
    /// document's number is the count of documents added before it.
    pub fn add(&mut self, doc: &Document) {
        let d = self.lengths.len() as u32;
        self.doc_terms.clear();
        self.occurrences.clear();
        let mut pos = 0u32;
        let mut words = Vec::new();
        for_each_term(&doc.title, |_, t| words.push(t.to_string()));
        for w in &words {
            let l = self.local(w);
            self.occurrences.push((l, pos));
            self.title_terms.push(self.doc_terms[l as usize]);
            pos += 1;
        }
        let title_len = pos;
        self.title_ends.push(self.title_terms.len() as u32);
        pos += 1; // a gap: phrases never join title and body
        let mut body_words = 0u32;
        {
            // The body is most of the text: no allocation per word.
            let mut occurrences = std::mem::take(&mut self.occurrences);
            for_each_term(&doc.body, |_, t| {
                let l = self.local(t);
                occurrences.push((l, pos + body_words));
                body_words += 1;
            });
            self.occurrences = occurrences;
        }
        self.lengths
            .push(title_len as f32 * TITLE_WEIGHT + body_words as f32);
        // Group positions by term (a counting sort: positions stay in order).
        let k = self.doc_terms.len();
        self.starts.clear();
        self.starts.resize(k + 1, 0);
        for &(l, _) in &self.occurrences {
            self.starts[l as usize + 1] += 1;
        }
        for i in 0..k {
            self.starts[i + 1] += self.starts[i];
        }
        self.grouped.clear();
        self.grouped.resize(self.occurrences.len(), 0);
        self.cursor.clear();
        self.cursor.extend_from_slice(&self.starts);
        for &(l, p) in &self.occurrences {
            self.grouped[self.cursor[l as usize] as usize] = p;
            self.cursor[l as usize] += 1;
        }
        for (l, &id) in self.doc_terms.iter().enumerate() {
            let range = self.starts[l] as usize..self.starts[l + 1] as usize;
            self.postings[id as usize].push(d, &self.grouped[range], title_len);
            self.slot[id as usize] = NO_SLOT;
        }
        self.dates.push(doc.date);
        if let Some(l) = &doc.language {
            let primary = l
                .split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            *self.languages.entry(primary).or_default() += 1;
        }
        self.fields.add(d, doc);
    }

    /// The finished index.
    pub fn finish(self) -> SearchIndex {
        let n = self.lengths.len();
        let stemmer = stemmer_for(self.languages);
        let terms: Vec<&str> = self.table.terms().collect();
        let (dict, id_of) = Dictionary::build(&terms, stemmer);
        drop(terms);
        drop(self.table);
        // Postings into dictionary order, title terms into dictionary ids.
        let mut postings: Vec<TermPostings> = Vec::with_capacity(self.postings.len());
        postings.resize_with(self.postings.len(), TermPostings::default);
        for (old, mut p) in self.postings.into_iter().enumerate() {
            p.shrink();
            postings[id_of[old] as usize] = p;
        }
        let mut title_terms = self.title_terms;
        for t in &mut title_terms {
            *t = id_of[*t as usize];
        }
        title_terms.shrink_to_fit();
        let avg_length = if n == 0 {
            1.0
        } else {
            (self.lengths.iter().sum::<f32>() / n as f32).max(1.0)
        };
        let mut newest_first: Vec<u32> = (0..n as u32).collect();
        let dates = self.dates;
        newest_first.sort_by(|&a, &b| match (dates[a as usize], dates[b as usize]) {
            (Some(x), Some(y)) => y.cmp(&x).then(a.cmp(&b)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.cmp(&b),
        });
        let mut recency = vec![0; n];
        for (rank, &d) in newest_first.iter().enumerate() {
            recency[d as usize] = rank as u32;
        }
        SearchIndex {
            dict,
            postings,
            title_terms,
            title_ends: self.title_ends,
            lengths: self.lengths,
            avg_length,
            dated_count: dates.iter().filter(|d| d.is_some()).count(),
            year_list: {
                let mut y: Vec<i32> = dates.iter().flatten().map(|d| d.year()).collect();
                y.sort_unstable();
                y.dedup();
                y
            },
            years: dates
                .iter()
                .map(|d| d.map_or(i32::MIN, |x| x.year()))
                .collect(),
            months: dates
                .iter()
                .map(|d| {
                    d.map(|x| {
                        let month = |day: i32| {
                            let (y, m, _) = crate::date::civil_from_days(day);
                            y * 12 + m as i32 - 1
                        };
                        (month(x.first_day()), month(x.last_day()))
                    })
                })
                .collect(),
            dates: dates
                .iter()
                .map(|d| d.map(|x| (x.first_day(), x.last_day())))
                .collect(),
            newest_first,
            recency,
            fields: self.fields.finish(n),
            stemmer,
        }
    }
}

impl SearchIndex {
    /// Indexes a whole corpus. Stemming follows the language most documents declare
    /// (English if none declare one).
    pub fn build(corpus: &Corpus) -> SearchIndex {
        let mut b = IndexBuilder::new();
        for doc in &corpus.documents {
            b.add(doc);
        }
        b.finish()
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.lengths.len()
    }

    /// Whether the corpus was empty.
    pub fn is_empty(&self) -> bool {
        self.lengths.is_empty()
    }

    /// Number of distinct terms.
    pub fn term_count(&self) -> usize {
        self.dict.len()
    }

    /// The metadata values, for field queries and facets.
    pub fn fields(&self) -> &FieldIndex {
        &self.fields
    }

    /// The stemmer chosen for this corpus.
    pub fn stemmer(&self) -> Stemmer {
        self.stemmer
    }

    /// Approximate bytes the index holds (not counting the corpus).
    pub fn heap_bytes(&self) -> usize {
        self.postings
            .iter()
            .map(|p| p.heap_bytes() + 96)
            .sum::<usize>()
            + self.title_terms.len() * 4
            + self.len() * (4 + 4 + 12 + 4 + 4 + 4 + 12)
            + self.fields.heap_bytes()
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

    /// The documents of a set in date order (undated last either way).
    pub fn in_date_order(&self, matches: &DocSet, oldest_first: bool) -> Vec<DocId> {
        let (dated, undated) = self.newest_first.split_at(self.dated_count);
        let pick = |d: &&u32| matches.contains(**d);
        let mut out: Vec<DocId> = Vec::with_capacity(matches.count());
        if oldest_first {
            out.extend(dated.iter().rev().filter(pick).map(|&d| DocId(d)));
        } else {
            out.extend(dated.iter().filter(pick).map(|&d| DocId(d)));
        }
        out.extend(undated.iter().filter(pick).map(|&d| DocId(d)));
        out
    }

    /// The term ids a word reaches, with how. Exact first, then stems, prefixes, typos;
    /// each term once.
    fn expand_word(&self, term: &str, prefix: bool, fuzzy: bool) -> Vec<(u32, Kind)> {
        let mut out: Vec<(u32, Kind)> = Vec::new();
        let exact = self.dict.find(term);
        if let Some(id) = exact {
            out.push((id, Kind::Exact));
        }
        for &id in self.dict.stem_variants(term) {
            if Some(id) != exact {
                out.push((id, Kind::Stem));
            }
        }
        let seen_before = out.len();
        if prefix {
            for id in self.dict.prefix_range(term) {
                if Some(id) != exact && !out[..seen_before].iter().any(|&(x, _)| x == id) {
                    out.push((id, Kind::Prefix));
                }
            }
        }
        if fuzzy {
            let budget = typo_budget(term.chars().count());
            if budget > 0 {
                let known: std::collections::HashSet<u32> = out.iter().map(|&(id, _)| id).collect();
                for (id, k) in self.dict.fuzzy(term, budget) {
                    if !known.contains(&id) {
                        out.push((id, Kind::Fuzzy(k)));
                    }
                }
            }
        }
        out
    }

    fn docs_of_terms(&self, ids: impl Iterator<Item = u32>) -> DocSet {
        let mut s = DocSet::empty(self.len());
        for id in ids {
            for p in self.postings[id as usize].iter() {
                s.insert(p.doc);
            }
        }
        s
    }

    fn atom_sets(&self, atom: &Atom, positive: bool, hl: &mut Highlighter) -> AtomSets {
        let n = self.len();
        match atom {
            Atom::Word { term, prefix } => {
                let expansions = self.expand_word(term, positive && *prefix, positive);
                let mut exact = DocSet::empty(n);
                let mut no_typo = DocSet::empty(n);
                let mut one_typo = DocSet::empty(n);
                let mut all = DocSet::empty(n);
                for &(id, kind) in &expansions {
                    hl.add_term(self.dict.term(id));
                    let target = match kind {
                        Kind::Exact => &mut exact,
                        Kind::Stem | Kind::Prefix => &mut no_typo,
                        Kind::Fuzzy(1) => &mut one_typo,
                        Kind::Fuzzy(_) => &mut all,
                    };
                    for p in self.postings[id as usize].iter() {
                        target.insert(p.doc);
                    }
                }
                no_typo.union_with(&exact);
                one_typo.union_with(&no_typo);
                all.union_with(&one_typo);
                AtomSets {
                    exact,
                    no_typo,
                    one_typo,
                    all,
                    scoring: expansions.iter().map(|&(id, k)| (id, k.weight())).collect(),
                    additive: false,
                }
            }
            Atom::Phrase { terms, prefix } => {
                let set = self.phrase_docs(terms, positive && *prefix);
                hl.add_phrase(terms.clone(), positive && *prefix);
                let mut sets = same(set);
                sets.scoring = terms
                    .iter()
                    .filter_map(|t| self.dict.find(t))
                    .map(|id| (id, WEIGHT_EXACT))
                    .collect();
                sets.additive = true;
                sets
            }
            Atom::Field {
                field: Field::Title,
                terms,
                prefix,
            } => {
                hl.add_title_phrase(terms.clone(), positive && *prefix);
                same(self.title_docs(terms, positive && *prefix))
            }
            Atom::Field {
                field,
                terms,
                prefix,
            } => {
                let mut s = DocSet::empty(n);
                for v in self.fields.matching(*field, terms, positive && *prefix) {
                    for &d in &v.docs {
                        s.insert(d);
                    }
                }
                same(s)
            }
            Atom::Date(range) => {
                let mut s = DocSet::empty(n);
                for (d, date) in self.dates.iter().enumerate() {
                    if let Some((first, last)) = *date {
                        if range.start.is_none_or(|x| first >= x)
                            && range.end.is_none_or(|x| last <= x)
                        {
                            s.insert(d as u32);
                        }
                    }
                }
                same(s)
            }
        }
    }

    /// Documents where `terms` occur at consecutive positions.
    fn phrase_docs(&self, terms: &[String], prefix: bool) -> DocSet {
        let n = self.len();
        let last = terms.len() - 1;
        // Term ids for each phrase word: one exact id, or (last, typing) every prefix.
        let mut choices: Vec<Vec<u32>> = Vec::with_capacity(terms.len());
        for (i, t) in terms.iter().enumerate() {
            let ids: Vec<u32> = if prefix && i == last {
                self.dict.prefix_range(t).collect()
            } else {
                self.dict.find(t).into_iter().collect()
            };
            if ids.is_empty() {
                return DocSet::empty(n);
            }
            choices.push(ids);
        }
        let mut candidates = DocSet::full(n);
        for ids in &choices {
            candidates.intersect_with(&self.docs_of_terms(ids.iter().copied()));
        }
        if terms.len() == 1 {
            return candidates;
        }
        // Walk every word's postings in step with the candidates, collecting positions.
        let mut iters: Vec<Vec<(PostingIter, Option<Posting>)>> = choices
            .iter()
            .map(|ids| {
                ids.iter()
                    .map(|&id| (self.postings[id as usize].iter(), None))
                    .collect()
            })
            .collect();
        let mut out = DocSet::empty(n);
        for d in candidates.iter() {
            let mut lists: Vec<Vec<u32>> = Vec::with_capacity(terms.len());
            for alternatives in iters.iter_mut() {
                let mut ps: Vec<u32> = Vec::new();
                for (it, current) in alternatives.iter_mut() {
                    while current.is_none_or(|p| p.doc < d) {
                        match it.next() {
                            Some(p) => *current = Some(p),
                            None => break,
                        }
                    }
                    if current.is_some_and(|p| p.doc == d) {
                        ps.extend(it.positions());
                    }
                }
                ps.sort_unstable();
                lists.push(ps);
            }
            let found = lists[0].iter().any(|&start| {
                lists[1..]
                    .iter()
                    .enumerate()
                    .all(|(k, l)| l.binary_search(&(start + k as u32 + 1)).is_ok())
            });
            if found {
                out.insert(d);
            }
        }
        out
    }

    /// Documents whose title holds `terms` contiguously (the last as a prefix if typing).
    fn title_docs(&self, terms: &[String], prefix: bool) -> DocSet {
        let n = self.len();
        let last = terms.len() - 1;
        let mut choices: Vec<Vec<u32>> = Vec::with_capacity(terms.len());
        for (i, t) in terms.iter().enumerate() {
            let ids: Vec<u32> = if prefix && i == last {
                self.dict.prefix_range(t).collect()
            } else {
                self.dict.find(t).into_iter().collect()
            };
            if ids.is_empty() {
                return DocSet::empty(n);
            }
            choices.push(ids);
        }
        let mut out = DocSet::empty(n);
        // Candidates: documents with the first word in the title.
        for &id in &choices[0] {
            for p in self.postings[id as usize].iter() {
                let d = p.doc;
                if p.title_tf == 0 || out.contains(d) {
                    continue;
                }
                let start = if d == 0 {
                    0
                } else {
                    self.title_ends[d as usize - 1] as usize
                };
                let title = &self.title_terms[start..self.title_ends[d as usize] as usize];
                if title.len() >= terms.len()
                    && title.windows(terms.len()).any(|w| {
                        w.iter()
                            .zip(&choices)
                            .all(|(t, ids)| ids.binary_search(t).is_ok())
                    })
                {
                    out.insert(d);
                }
            }
        }
        out
    }

    fn bm25(&self, idf: f32, p: &Posting) -> f32 {
        let tf = p.title_tf as f32 * TITLE_WEIGHT + p.body_tf as f32;
        let norm = 1.0 - BM25_B + BM25_B * self.lengths[p.doc as usize] / self.avg_length;
        idf * tf * (BM25_K1 + 1.0) / (tf + BM25_K1 * norm)
    }

    fn by_relevance(&self, matches: &DocSet, clauses: &[ClauseSets]) -> Vec<DocId> {
        let n = self.len();
        let mut total = vec![0f32; n];
        let mut clause_score = vec![0f32; n];
        let mut touched: Vec<u32> = Vec::new();
        for clause in clauses {
            for (scoring, additive) in &clause.scoring {
                for &(id, weight) in scoring {
                    let list = &self.postings[id as usize];
                    let (n, df) = (self.len() as f32, list.len() as f32);
                    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                    for p in list.iter() {
                        let d = p.doc;
                        if !matches.contains(d) {
                            continue;
                        }
                        let s = weight * self.bm25(idf, &p);
                        let slot = &mut clause_score[d as usize];
                        if *slot == 0.0 {
                            touched.push(d);
                        }
                        // A phrase's words add up; a word's forms compete (the best counts).
                        *slot = if *additive { *slot + s } else { slot.max(s) };
                    }
                }
            }
            for &d in &touched {
                total[d as usize] += clause_score[d as usize];
                clause_score[d as usize] = 0.0;
            }
            touched.clear();
        }
        let key = |d: u32| -> u64 {
            let typos: u64 = clauses
                .iter()
                .map(|c| {
                    if c.no_typo.contains(d) {
                        0
                    } else if c.one_typo.contains(d) {
                        1
                    } else {
                        2
                    }
                })
                .sum();
            let inexact = clauses.iter().filter(|c| !c.exact.contains(d)).count() as u64;
            let score_bits = u64::from(u32::MAX - total[d as usize].max(0.0).to_bits());
            (typos.min(15) << 60) | (inexact.min(15) << 56) | (score_bits << 24)
        };
        if n <= RANK_MASK as usize {
            let mut keys: Vec<u64> = matches
                .iter()
                .map(|d| key(d) | u64::from(self.recency[d as usize]))
                .collect();
            keys.sort_unstable();
            keys.into_iter()
                .map(|k| DocId(self.newest_first[(k & RANK_MASK) as usize]))
                .collect()
        } else {
            // More documents than the packed key holds: sort pairs instead.
            let mut pairs: Vec<(u64, u32)> = matches
                .iter()
                .map(|d| (key(d), self.recency[d as usize]))
                .collect();
            pairs.sort_unstable();
            pairs
                .into_iter()
                .map(|(_, r)| DocId(self.newest_first[r as usize]))
                .collect()
        }
    }
}

/// The low bits of a ranking key: the document's recency rank.
const RANK_MASK: u64 = 0xFF_FFFF;

/// An `OR` clause's documents, and what scores them.
struct ClauseSets {
    exact: DocSet,
    no_typo: DocSet,
    one_typo: DocSet,
    all: DocSet,
    scoring: Vec<(Vec<(u32, f32)>, bool)>,
}

fn same(set: DocSet) -> AtomSets {
    AtomSets {
        exact: set.clone(),
        no_typo: set.clone(),
        one_typo: set.clone(),
        all: set,
        scoring: Vec::new(),
        additive: false,
    }
}

/// The stemmer for a corpus: the language most documents declare; English if none
/// declares one.
fn stemmer_for(languages: HashMap<String, usize>) -> Stemmer {
    let best = languages
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
    match best {
        Some((lang, _)) => Stemmer::for_language(&lang),
        None => Stemmer::for_language("en"),
    }
}
