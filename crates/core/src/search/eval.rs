//! Evaluating a query: which documents each part of it matches, and how well.
//!
//! # Overview
//! [`SearchIndex::atom_sets`] answers one [`Atom`] of a query (a word, a phrase, a field
//! value, a date range) with the documents it matches, split by how well (exactly,
//! without a typo, with one, at all), and the terms that score them. A word reaches
//! dictionary terms exactly, by stem, as a prefix while typing, and within its typo budget
//! ([`SearchIndex::expand_word`]); a phrase checks positions ([`SearchIndex::phrase_docs`]);
//! `title:` checks the title's words in order ([`SearchIndex::title_docs`]).

use crate::bitset::DocSet;
use crate::highlight::Highlighter;
use crate::query::{Atom, Field};

use super::postings::{Posting, PostingIter};
use super::{typo_budget, SearchIndex};

/// Weight of a match by kind, within BM25.
const WEIGHT_EXACT: f32 = 1.0;
const WEIGHT_STEM: f32 = 0.75;
const WEIGHT_PREFIX: f32 = 0.6;
const WEIGHT_FUZZY: f32 = 0.3;

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
pub(super) struct AtomSets {
    /// Matched by an exact form.
    pub(super) exact: DocSet,
    /// Matched without typos (exact, stem or prefix).
    pub(super) no_typo: DocSet,
    /// Matched with at most one typo.
    pub(super) one_typo: DocSet,
    /// Matched at all.
    pub(super) all: DocSet,
    /// Terms that score, with their weight; `true` if they add up (a phrase's words)
    /// rather than compete (a word's forms: the best counts).
    pub(super) scoring: Vec<(u32, f32)>,
    pub(super) additive: bool,
}

/// Most completions a word being typed reaches: its most frequent ones. (A reader who
/// has typed one letter of a word is not done; "t" alone reaches a hundred thousand
/// terms in an archive of mail, and every one of them would be read and marked.)
pub const PREFIX_LIMIT: usize = 100;
/// Most typo forms a word reaches: the closest, then the most frequent.
pub const TYPO_LIMIT: usize = 100;
/// Completions and typo forms that count in the ranking: the most frequent of each.
const SCORING_LIMIT: usize = 12;

impl SearchIndex {
    /// The `limit` ids with the most documents, ties to the first term (the order kept).
    fn most_frequent(&self, ids: &mut Vec<(u32, Kind)>, limit: usize) {
        if ids.len() > limit {
            let df = |id: u32| self.seg.postings.df(id);
            // Fewest typos, then most documents, then the first term: a radix sort (stable,
            // so the last part first), linear in the completions ("t" alone has a hundred
            // thousand).
            crate::sort::by_key(ids, |&(id, _)| u64::from(id));
            crate::sort::by_key(ids, |&(id, k)| {
                (u64::from(typos(k)) << 32) | u64::from(u32::MAX - df(id))
            });
            ids.truncate(limit);
            crate::sort::by_key(ids, |&(id, _)| u64::from(id));
        }
    }

    /// The term ids a word reaches, with how. Exact first, then stems, prefixes, typos;
    /// each term once. See the module docs of [`super`] for the limits.
    fn expand_word(&self, term: &str, prefix: bool, fuzzy: bool) -> Vec<(u32, Kind)> {
        let mut out: Vec<(u32, Kind)> = Vec::new();
        let exact = self.seg.dict.find(term);
        if let Some(id) = exact {
            out.push((id, Kind::Exact));
        }
        for &id in self.seg.dict.stem_variants(term) {
            if Some(id) != exact {
                out.push((id, Kind::Stem));
            }
        }
        let seen_before = out.len();
        if prefix {
            let mut completions: Vec<(u32, Kind)> = self
                .seg
                .dict
                .prefix_range(term)
                .filter(|&id| {
                    Some(id) != exact && !out[..seen_before].iter().any(|&(x, _)| x == id)
                })
                .map(|id| (id, Kind::Prefix))
                .collect();
            self.most_frequent(&mut completions, PREFIX_LIMIT);
            out.extend(completions);
        }
        if fuzzy {
            let budget = typo_budget(term.chars().count());
            if budget > 0 {
                // Few: the exact, stem and prefix forms found above.
                let mut known: Vec<u32> = out.iter().map(|&(id, _)| id).collect();
                crate::sort::by_key(&mut known, |&id| u64::from(id));
                let mut forms: Vec<(u32, Kind)> = self
                    .seg
                    .dict
                    .fuzzy(term, budget)
                    .into_iter()
                    .filter(|(id, _)| known.binary_search(id).is_err())
                    .map(|(id, k)| (id, Kind::Fuzzy(k)))
                    .collect();
                self.most_frequent(&mut forms, TYPO_LIMIT);
                out.extend(forms);
            }
        }
        out
    }

    /// The forms of a word that score: exact and stems, and the most frequent completions
    /// and typo forms.
    fn scoring_forms(&self, expansions: &[(u32, Kind)]) -> Vec<(u32, f32)> {
        let (mut sure, mut guessed): (Vec<_>, Vec<_>) = expansions
            .iter()
            .copied()
            .partition(|(_, k)| matches!(k, Kind::Exact | Kind::Stem));
        self.most_frequent(&mut guessed, SCORING_LIMIT);
        sure.extend(guessed);
        sure.into_iter().map(|(id, k)| (id, k.weight())).collect()
    }

    fn docs_of_terms(&self, ids: impl Iterator<Item = u32>) -> DocSet {
        let mut s = DocSet::empty(self.len());
        for id in ids {
            for p in self.seg.postings.term(id).iter() {
                s.insert(p.doc);
            }
        }
        s
    }

    pub(super) fn atom_sets(&self, atom: &Atom, positive: bool, hl: &mut Highlighter) -> AtomSets {
        let n = self.len();
        match atom {
            Atom::Word { term, prefix } => {
                let expansions = self.expand_word(term, positive && *prefix, positive);
                let mut exact = DocSet::empty(n);
                let mut no_typo = DocSet::empty(n);
                let mut one_typo = DocSet::empty(n);
                let mut all = DocSet::empty(n);
                for &(id, kind) in &expansions {
                    hl.add_term(self.seg.dict.term(id));
                    let target = match kind {
                        Kind::Exact => &mut exact,
                        Kind::Stem | Kind::Prefix => &mut no_typo,
                        Kind::Fuzzy(1) => &mut one_typo,
                        Kind::Fuzzy(_) => &mut all,
                    };
                    for p in self.seg.postings.term(id).iter() {
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
                    scoring: self.scoring_forms(&expansions),
                    additive: false,
                }
            }
            Atom::Phrase { terms, prefix } => {
                let set = self.phrase_docs(terms, positive && *prefix);
                hl.add_phrase(terms.clone(), positive && *prefix);
                let mut sets = same(set);
                sets.scoring = terms
                    .iter()
                    .filter_map(|t| self.seg.dict.find(t))
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
                for v in self.seg.fields.matching(*field, terms, positive && *prefix) {
                    for &d in &v.docs {
                        s.insert(d);
                    }
                }
                same(s)
            }
            Atom::Date(range) => {
                let mut s = DocSet::empty(n);
                for (d, span) in self.dates.iter().enumerate() {
                    if span.is_some_and(|span| range.contains_span(span)) {
                        s.insert(d as u32);
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
                self.seg.dict.prefix_range(t).collect()
            } else {
                self.seg.dict.find(t).into_iter().collect()
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
                    .map(|&id| (self.seg.postings.term(id).iter(), None))
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
                crate::sort::by_key(&mut ps, |&p| u64::from(p));
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
                self.seg.dict.prefix_range(t).collect()
            } else {
                self.seg.dict.find(t).into_iter().collect()
            };
            if ids.is_empty() {
                return DocSet::empty(n);
            }
            choices.push(ids);
        }
        let mut out = DocSet::empty(n);
        // Candidates: documents with the first word in the title.
        for &id in &choices[0] {
            for p in self.seg.postings.term(id).iter() {
                let d = p.doc;
                if p.title_tf == 0 || out.contains(d) {
                    continue;
                }
                let start = if d == 0 {
                    0
                } else {
                    self.seg.title_ends[d as usize - 1] as usize
                };
                let title = &self.seg.title_terms[start..self.seg.title_ends[d as usize] as usize];
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
}

/// Typos of a form, to keep the closest forms first.
fn typos(k: Kind) -> u8 {
    match k {
        Kind::Fuzzy(n) => n,
        _ => 0,
    }
}

pub(super) fn same(set: DocSet) -> AtomSets {
    AtomSets {
        exact: set.clone(),
        no_typo: set.clone(),
        one_typo: set.clone(),
        all: set,
        scoring: Vec::new(),
        additive: false,
    }
}
