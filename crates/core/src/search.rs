//! Word search over title and body: the engine interface the app talks to.
//!
//! # Overview
//! [`SearchIndex::build`] indexes a [`Corpus`] once; [`SearchIndex::search`] answers a
//! [`Query`] with [`Hits`]: how many documents match, which (best first), and a
//! [`Highlighter`] that marks the matched words in titles, snippets and full text.
//!
//! Semantics of this first engine: every word of the query must occur in the title or
//! the body (AND), case- and accent-insensitively (see [`crate::text`]); the last word
//! also matches as a prefix while it is being typed (no trailing space). Results are
//! ordered by a plain term-frequency score (title words count triple), then newest first.
//! An empty query matches every document, newest first, undated last.
//!
//! The UI depends only on this module's types, so a ranked engine can replace the
//! internals without touching the components.

use std::collections::HashMap;

use crate::highlight::Highlighter;
use crate::model::{Corpus, DocId};
use crate::text::tokenize;

/// Weight of a title occurrence relative to a body occurrence.
const TITLE_WEIGHT: u32 = 3;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Normalized words, in order, without repeats.
    pub words: Vec<String>,
    /// Whether the last word is still being typed (matched as a prefix).
    pub last_is_prefix: bool,
}

impl Query {
    /// Parses what the reader typed.
    ///
    /// ```
    /// use chronicle_core::search::Query;
    /// let q = Query::parse("Idlib agree");
    /// assert_eq!(q.words, ["idlib", "agree"]);
    /// assert!(q.last_is_prefix);
    /// assert!(!Query::parse("Idlib ").last_is_prefix);
    /// ```
    pub fn parse(input: &str) -> Query {
        let tokens: Vec<_> = tokenize(input).collect();
        let mut words: Vec<String> = Vec::new();
        for token in &tokens {
            if !words.contains(&token.term) {
                words.push(token.term.clone());
            }
        }
        // The last word is still being typed if nothing follows it, and it is new.
        let last_is_prefix = tokens
            .last()
            .is_some_and(|t| t.range.end == input.len() && words.last() == Some(&t.term));
        Query {
            words,
            last_is_prefix,
        }
    }

    /// Whether there is nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// The answer to a query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    /// Matching documents, best first.
    pub ids: Vec<DocId>,
    /// Marks the words that matched.
    pub highlighter: Highlighter,
}

impl Hits {
    /// How many documents match.
    pub fn total(&self) -> usize {
        self.ids.len()
    }
}

#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    title_tf: u16,
    body_tf: u16,
}

/// An inverted index over the titles and bodies of a corpus.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Every distinct term, sorted (prefix lookups are a binary search).
    terms: Vec<String>,
    /// Postings of `terms[i]`, in doc order.
    postings: Vec<Vec<Posting>>,
    /// Document order when nothing ranks them: newest first, undated last.
    newest_first: Vec<DocId>,
    /// Rank of each document in `newest_first`.
    recency: Vec<u32>,
}

impl SearchIndex {
    /// Indexes every document's title and body.
    pub fn build(corpus: &Corpus) -> SearchIndex {
        let mut map: HashMap<String, Vec<Posting>> = HashMap::new();
        for (i, doc) in corpus.documents.iter().enumerate() {
            let doc_no = i as u32;
            for (text, in_title) in [(&doc.title, true), (&doc.body, false)] {
                for token in tokenize(text) {
                    let list = map.entry(token.term).or_default();
                    let posting = match list.last_mut() {
                        Some(p) if p.doc == doc_no => p,
                        _ => {
                            list.push(Posting {
                                doc: doc_no,
                                title_tf: 0,
                                body_tf: 0,
                            });
                            list.last_mut().expect("just pushed")
                        }
                    };
                    if in_title {
                        posting.title_tf = posting.title_tf.saturating_add(1);
                    } else {
                        posting.body_tf = posting.body_tf.saturating_add(1);
                    }
                }
            }
        }
        let mut entries: Vec<(String, Vec<Posting>)> = map.into_iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (terms, postings) = entries.into_iter().unzip();
        let mut newest_first: Vec<DocId> = corpus.ids().collect();
        newest_first.sort_by(|a, b| {
            let da = corpus.documents[a.index()].date;
            let db = corpus.documents[b.index()].date;
            match (da, db) {
                (Some(x), Some(y)) => y.cmp(&x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.cmp(b),
            }
        });
        let mut recency = vec![0; newest_first.len()];
        for (rank, id) in newest_first.iter().enumerate() {
            recency[id.index()] = rank as u32;
        }
        SearchIndex {
            terms,
            postings,
            newest_first,
            recency,
        }
    }

    /// How many distinct terms are indexed.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// Answers a query. See the module docs for the semantics.
    pub fn search(&self, query: &Query) -> Hits {
        let highlighter = Highlighter::new(query);
        if query.is_empty() {
            return Hits {
                ids: self.newest_first.clone(),
                highlighter,
            };
        }
        // For each query word: the doc → score map of every term it matches.
        let mut per_word: Vec<HashMap<u32, u32>> = Vec::with_capacity(query.words.len());
        for (i, word) in query.words.iter().enumerate() {
            let prefix = query.last_is_prefix && i + 1 == query.words.len();
            let mut scores: HashMap<u32, u32> = HashMap::new();
            for t in self.matching_terms(word, prefix) {
                for p in &self.postings[t] {
                    *scores.entry(p.doc).or_default() +=
                        u32::from(p.title_tf) * TITLE_WEIGHT + u32::from(p.body_tf);
                }
            }
            per_word.push(scores);
        }
        // AND: start from the rarest word.
        per_word.sort_by_key(HashMap::len);
        let Some((first, rest)) = per_word.split_first() else {
            return Hits::default();
        };
        let mut scored: Vec<(u32, u32)> = first
            .iter()
            .filter_map(|(&doc, &s)| {
                rest.iter()
                    .try_fold(s, |acc, m| m.get(&doc).map(|x| acc + x))
                    .map(|total| (doc, total))
            })
            .collect();
        scored.sort_unstable_by(|a, b| {
            b.1.cmp(&a.1)
                .then(self.recency[a.0 as usize].cmp(&self.recency[b.0 as usize]))
        });
        Hits {
            ids: scored.into_iter().map(|(d, _)| DocId(d)).collect(),
            highlighter,
        }
    }

    /// Indices into `terms` matching `word` exactly, or every term it prefixes.
    fn matching_terms(&self, word: &str, prefix: bool) -> std::ops::Range<usize> {
        let start = self.terms.partition_point(|t| t.as_str() < word);
        if !prefix {
            let exact = self.terms.get(start).is_some_and(|t| t == word);
            return start..start + usize::from(exact);
        }
        let end = start + self.terms[start..].partition_point(|t| t.starts_with(word));
        start..end
    }
}

#[cfg(test)]
mod tests;
