//! A brute-force reference for the engine: scan every token of every document.
//!
//! Written from the matching rules in the module docs of [`super`], independently of the
//! index, so that property tests can check the index against it.

use std::collections::BTreeSet;

use super::dictionary::levenshtein;
use super::fields::{values_of, words_match};
use super::typo_budget;
use crate::model::{Corpus, Document};
use crate::query::{Atom, Field, Query};
use crate::text::{tokenize, Stemmer};

fn terms(text: &str) -> Vec<String> {
    tokenize(text).map(|t| t.term).collect()
}

fn word_matches(token: &str, q: &str, prefix: bool, positive: bool, stemmer: Stemmer) -> bool {
    token == q
        || stemmer
            .stem_key(token)
            .is_some_and(|s| Some(s) == stemmer.stem_key(q))
        || (positive && prefix && token.starts_with(q))
        || (positive && {
            let budget = typo_budget(q.chars().count());
            budget > 0 && levenshtein(token, q) <= budget as usize
        })
}

fn phrase_in(tokens: &[String], words: &[String], prefix: bool) -> bool {
    let n = words.len();
    n <= tokens.len()
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

fn atom_matches(doc: &Document, atom: &Atom, positive: bool, stemmer: Stemmer) -> bool {
    let title = terms(&doc.title);
    let body = terms(&doc.body);
    match atom {
        Atom::Word { term, prefix } => title
            .iter()
            .chain(&body)
            .any(|t| word_matches(t, term, *prefix, positive, stemmer)),
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
        } => words_match(&title, words, positive && *prefix),
        Atom::Field {
            field,
            terms: words,
            prefix,
        } => values_of(doc, *field)
            .iter()
            .any(|v| words_match(&terms(v), words, positive && *prefix)),
        Atom::Date(range) => doc.date.is_some_and(|d| range.contains(&d)),
    }
}

/// The documents a query matches, by brute force.
pub fn matching(corpus: &Corpus, query: &Query, stemmer: Stemmer) -> BTreeSet<u32> {
    corpus
        .documents
        .iter()
        .enumerate()
        .filter(|(_, doc)| {
            query
                .clauses
                .iter()
                .all(|c| c.any.iter().any(|a| atom_matches(doc, a, true, stemmer)))
                && !query
                    .excluded
                    .iter()
                    .any(|a| atom_matches(doc, a, false, stemmer))
        })
        .map(|(i, _)| i as u32)
        .collect()
}
