//! A brute-force reference for the engine: scan every token of every document.
//!
//! Written from the matching rules in the module docs of [`super`], independently of the
//! index, so that property tests can check the index against it.

use std::collections::{BTreeMap, BTreeSet};

use super::dictionary::levenshtein;
use super::typo_budget;
use crate::model::{Corpus, Document};
use crate::query::{Atom, Field, Query};
use crate::text::{tokenize, Stemmer};

fn terms(text: &str) -> Vec<String> {
    tokenize(text).map(|t| t.term).collect()
}

/// Every distinct term of a corpus with the number of documents it is in.
fn document_frequencies(corpus: &Corpus) -> BTreeMap<String, usize> {
    let mut df: BTreeMap<String, usize> = BTreeMap::new();
    for doc in &corpus.documents {
        let mut seen: BTreeSet<String> = terms(&doc.title).into_iter().collect();
        seen.extend(terms(&doc.body));
        for t in seen {
            *df.entry(t).or_default() += 1;
        }
    }
    df
}

/// The forms a word reaches beyond itself and its stem: its most frequent completions
/// (while typing), and its closest, then most frequent, typo forms.
fn reached_forms(
    df: &BTreeMap<String, usize>,
    q: &str,
    prefix: bool,
    stemmer: Stemmer,
) -> BTreeSet<String> {
    let same_stem = |t: &str| {
        t == q
            || stemmer
                .stem_key(t)
                .is_some_and(|s| Some(s) == stemmer.stem_key(q))
    };
    let pick = |mut forms: Vec<(usize, usize, &String)>, limit: usize| -> Vec<String> {
        forms.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
        forms.into_iter().take(limit).map(|f| f.2.clone()).collect()
    };
    let mut out = BTreeSet::new();
    if prefix {
        let completions: Vec<(usize, usize, &String)> = df
            .iter()
            .filter(|(t, _)| t.starts_with(q) && !same_stem(t))
            .map(|(t, &n)| (0, n, t))
            .collect();
        out.extend(pick(completions, super::eval::PREFIX_LIMIT));
    }
    let budget = typo_budget(q.chars().count()) as usize;
    if budget > 0 {
        let typos: Vec<(usize, usize, &String)> = df
            .iter()
            .filter(|(t, _)| !same_stem(t) && !out.contains(*t))
            .filter(|(t, _)| t.chars().next() == q.chars().next())
            .map(|(t, &n)| (levenshtein(t, q), n, t))
            .filter(|(d, _, _)| *d <= budget)
            .collect();
        out.extend(pick(typos, super::eval::TYPO_LIMIT));
    }
    out
}

fn word_matches(
    token: &str,
    q: &str,
    positive: bool,
    stemmer: Stemmer,
    reached: &BTreeSet<String>,
) -> bool {
    token == q
        || stemmer
            .stem_key(token)
            .is_some_and(|s| Some(s) == stemmer.stem_key(q))
        || (positive && reached.contains(token))
}

/// Whether `words` occur in `tokens` one after the other (the last, with `prefix`, as the
/// start of a token).
fn phrase_in(tokens: &[String], words: &[String], prefix: bool) -> bool {
    let n = words.len();
    n > 0
        && n <= tokens.len()
        && tokens.windows(n).any(|w| {
            w.iter().zip(words).enumerate().all(|(k, (t, q))| {
                if prefix && k + 1 == n {
                    t.starts_with(q.as_str())
                } else {
                    t == q
                }
            })
        })
}

fn atom_matches(
    doc: &Document,
    atom: &Atom,
    positive: bool,
    stemmer: Stemmer,
    df: &BTreeMap<String, usize>,
) -> bool {
    let title = terms(&doc.title);
    let body = terms(&doc.body);
    match atom {
        Atom::Word { term, prefix } => {
            let reached = if positive {
                reached_forms(df, term, *prefix, stemmer)
            } else {
                BTreeSet::new()
            };
            title
                .iter()
                .chain(&body)
                .any(|t| word_matches(t, term, positive, stemmer, &reached))
        }
        Atom::Phrase {
            terms: words,
            prefix,
        } => {
            let prefix = positive && *prefix;
            phrase_in(&title, words, prefix) || phrase_in(&body, words, prefix)
        }
        Atom::Field {
            field: Field::Title,
            terms: words,
            prefix,
        } => phrase_in(&title, words, positive && *prefix),
        Atom::Field {
            field,
            terms: words,
            prefix,
        } => field_values(doc, *field)
            .iter()
            .any(|v| phrase_in(&terms(v), words, positive && *prefix)),
        Atom::Date(range) => doc.date.is_some_and(|d| range.contains(&d)),
    }
}

/// A document's values of a metadata field, read from the document as the rules name
/// them (not through the index's field code).
fn field_values(doc: &Document, field: Field) -> Vec<String> {
    match field {
        Field::Title => vec![doc.title.clone()],
        f => doc.fields.get(f).to_vec(),
    }
}

/// The documents a query matches, by brute force.
pub fn matching(corpus: &Corpus, query: &Query, stemmer: Stemmer) -> BTreeSet<u32> {
    let df = document_frequencies(corpus);
    corpus
        .documents
        .iter()
        .enumerate()
        .filter(|(_, doc)| {
            query.clauses.iter().all(|c| {
                c.any
                    .iter()
                    .any(|a| atom_matches(doc, a, true, stemmer, &df))
            }) && !query
                .excluded
                .iter()
                .any(|a| atom_matches(doc, a, false, stemmer, &df))
        })
        .map(|(i, _)| i as u32)
        .collect()
}
