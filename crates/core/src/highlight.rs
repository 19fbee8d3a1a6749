//! Marking matched words, and picking the passage to show under a result.
//!
//! # Overview
//! A [`Highlighter`] is built by the search engine while it evaluates a query: it holds
//! every dictionary term a query word reached (exact, stem, prefix and typo forms), the
//! phrases, and the `title:` phrases. [`Highlighter::ranges`] returns the byte ranges of
//! the matched words in any text; [`Highlighter::title_ranges`] also honours `title:`.
//! [`Highlighter::snippet`] cuts the passage of a body with the most distinct matched
//! words. The UI turns ranges into text nodes and `<mark>` elements, never HTML strings;
//! [`split_marked`] is the helper it uses.

use std::ops::Range;

use crate::text::{each_term, Token};

/// Marks the words a query matched. See the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlighter {
    /// Matched terms, sorted and unique after [`Highlighter::finish`].
    terms: Vec<String>,
    /// The same, to look up each word of a text in one step.
    lookup: rustc_hash::FxHashSet<String>,
    /// Phrases: words in order, and whether the last is a prefix.
    phrases: Vec<(Vec<String>, bool)>,
    /// `title:` values, marked in titles only.
    title_phrases: Vec<(Vec<String>, bool)>,
    /// How many of the query's clauses added something to mark (see
    /// [`Highlighter::end_clause`]): a passage with as many distinct marked words is as
    /// good as a snippet gets, so reading further is not needed.
    clauses: usize,
}

/// How much of a body a snippet reads at a time, in bytes, before it checks whether the
/// passage found so far is good enough.
const SCAN_STEP: usize = 2048;

/// A short passage of a document with its marks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    /// The passage (with `…` where it was cut).
    pub text: String,
    /// Byte ranges of matched words in `text`.
    pub marks: Vec<Range<usize>>,
}

impl Highlighter {
    /// Adds a term that matched.
    pub fn add_term(&mut self, term: &str) {
        self.terms.push(term.to_string());
    }

    /// Adds a phrase.
    pub fn add_phrase(&mut self, terms: Vec<String>, prefix: bool) {
        if terms.len() == 1 && !prefix {
            self.terms.extend(terms);
        } else {
            self.phrases.push((terms, prefix));
        }
    }

    /// Adds a `title:` value.
    pub fn add_title_phrase(&mut self, terms: Vec<String>, prefix: bool) {
        self.title_phrases.push((terms, prefix));
    }

    /// How many terms and phrases were added so far: pass it to
    /// [`Highlighter::end_clause`] after a clause's atoms.
    pub fn size(&self) -> usize {
        self.terms.len() + self.phrases.len()
    }

    /// Ends a query clause whose atoms were added since the highlighter had `size_before`
    /// entries; it counts if it added any.
    pub fn end_clause(&mut self, size_before: usize) {
        if self.size() > size_before {
            self.clauses += 1;
        }
    }

    /// Sorts and deduplicates; call once after adding.
    pub fn finish(&mut self) {
        crate::sort::unstable_by(&mut self.terms, |a, b| a < b);
        self.terms.dedup();
        self.lookup = self.terms.iter().cloned().collect();
    }

    /// Whether nothing would be marked.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.phrases.is_empty() && self.title_phrases.is_empty()
    }

    /// Whether a normalized term is one the query matched on its own.
    pub fn matches(&self, term: &str) -> bool {
        if self.lookup.len() == self.terms.len() {
            self.lookup.contains(term)
        } else {
            self.terms
                .binary_search_by(|t| t.as_str().cmp(term))
                .is_ok()
        }
    }

    /// Byte ranges of the matched words in `text`, in order.
    pub fn ranges(&self, text: &str) -> Vec<Range<usize>> {
        self.marked(text, false)
            .into_iter()
            .map(|t| t.range)
            .collect()
    }

    /// Like [`Highlighter::ranges`], plus `title:` matches: for titles.
    pub fn title_ranges(&self, text: &str) -> Vec<Range<usize>> {
        self.marked(text, true)
            .into_iter()
            .map(|t| t.range)
            .collect()
    }

    /// The marked tokens of `text`.
    fn marked(&self, text: &str, title: bool) -> Vec<Token> {
        if self.is_empty() {
            return Vec::new();
        }
        if self.phrases.is_empty() && (self.title_phrases.is_empty() || !title) {
            // Words alone: one pass, and only the marked words are kept.
            let mut hits = Vec::new();
            each_term(text, &mut |range, term| {
                if self.matches(term) {
                    hits.push(Token {
                        range,
                        term: term.to_string(),
                    });
                }
            });
            return hits;
        }
        let mut tokens: Vec<Token> = Vec::new();
        each_term(text, &mut |range, term| {
            tokens.push(Token {
                range,
                term: term.to_string(),
            })
        });
        let mut hit = vec![false; tokens.len()];
        for (i, t) in tokens.iter().enumerate() {
            hit[i] = self.matches(&t.term);
        }
        let phrase_sets = self
            .phrases
            .iter()
            .chain(self.title_phrases.iter().filter(|_| title));
        for (words, prefix) in phrase_sets {
            let n = words.len();
            if n == 0 || n > tokens.len() {
                continue;
            }
            for start in 0..=tokens.len() - n {
                let ok = words.iter().enumerate().all(|(k, w)| {
                    let t = &tokens[start + k].term;
                    if *prefix && k + 1 == n {
                        t.starts_with(w.as_str())
                    } else {
                        t == w
                    }
                });
                if ok {
                    hit[start..start + n].iter_mut().for_each(|h| *h = true);
                }
            }
        }
        tokens
            .into_iter()
            .zip(hit)
            .filter(|(_, h)| *h)
            .map(|(t, _)| t)
            .collect()
    }

    /// The marked words of `text` (no phrases to find), read [`SCAN_STEP`] bytes at a
    /// time until a passage of `window` bytes shows a word of every clause; and how far
    /// it read.
    fn marked_enough(&self, text: &str, window: usize) -> (Vec<Token>, usize) {
        let mut hits = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let end = step_end(text, at + SCAN_STEP);
            self.mark_words(text, at..end, &mut hits);
            at = end;
            if best_window(&hits, window).1 .0 >= self.clauses {
                break;
            }
        }
        (hits, at)
    }

    /// Adds the marked words of `text[range]` to `hits` (the range ends where no word
    /// crosses).
    fn mark_words(&self, text: &str, range: Range<usize>, hits: &mut Vec<Token>) {
        let at = range.start;
        each_term(&text[range], &mut |r, term| {
            if self.matches(term) {
                hits.push(Token {
                    range: at + r.start..at + r.end,
                    term: term.to_string(),
                });
            }
        });
    }

    /// The passage of about `max_chars` characters with the most distinct matched words
    /// (then the most matches), or the opening of the text if nothing matches; cut at
    /// word boundaries. A long text is read from its start only until a passage shows as
    /// many distinct words as the query has clauses (the rest could not do better on
    /// that count, and reading costs per byte).
    pub fn snippet(&self, text: &str, max_chars: usize) -> Snippet {
        let chars = text.chars().count().max(1);
        let window = (max_chars * text.len()).div_ceil(chars);
        let (mut marked, read) = if self.phrases.is_empty() && self.clauses > 0 {
            self.marked_enough(text, window)
        } else {
            (self.marked(text, false), text.len())
        };
        let (best_start, best) = best_window(&marked, window);
        let mut start = if best.1 == 0 {
            0
        } else {
            let lead = back_chars(text, best_start, max_chars / 4);
            word_start_at_or_after(text, lead, best_start)
        };
        // Start at a sentence start if one is close.
        if let Some(p) = text[start..best_start.max(start)].rfind(". ") {
            start += p + 2;
        }
        let mut end = (start + byte_len_of_chars(text, start, max_chars)).min(text.len());
        if end < text.len() {
            end = word_end_at_or_before(text, start, end);
        }
        if end > read {
            // The passage reaches past what was read: its last words are marked too.
            self.mark_words(text, read..step_end(text, end), &mut marked);
        }
        let body = &text[start..end];
        let mut out = String::new();
        let lead = if start > 0 { "… " } else { "" };
        out.push_str(lead);
        let shift = lead.len();
        // Paragraph breaks become spaces in a snippet.
        out.extend(body.chars().map(|c| if c == '\n' { ' ' } else { c }));
        if end < text.len() {
            out.push_str(" …");
        }
        let marks = marked
            .into_iter()
            .map(|t| t.range)
            .filter(|r| r.start >= start && r.end <= end)
            .map(|r| r.start - start + shift..r.end - start + shift)
            .collect();
        Snippet { text: out, marks }
    }
}

/// Two pointers over the marks: where the `window` bytes with the most distinct terms
/// (then the most marks) start, and those two counts.
fn best_window(marked: &[Token], window: usize) -> (usize, (usize, usize)) {
    // The terms in the window and how often: a window holds few, a list does.
    let mut counts: Vec<(&str, usize)> = Vec::new();
    let (mut best_start, mut best) = (0usize, (0usize, 0usize));
    let mut j = 0;
    for i in 0..marked.len() {
        while j < marked.len() && marked[j].range.end <= marked[i].range.start + window {
            let term = marked[j].term.as_str();
            match counts.iter_mut().find(|(t, _)| *t == term) {
                Some((_, n)) => *n += 1,
                None => counts.push((term, 1)),
            }
            j += 1;
        }
        let score = (counts.len(), j - i);
        if score > best {
            best = score;
            best_start = marked[i].range.start;
        }
        let term = marked[i].term.as_str();
        if let Some(k) = counts.iter().position(|(t, _)| *t == term) {
            counts[k].1 -= 1;
            if counts[k].1 == 0 {
                counts.swap_remove(k);
            }
        }
    }
    (best_start, best)
}

/// Where a stretch of reading that should end near `at` ends: at the next ASCII space or
/// colon (words never cross one), or the end of the text.
fn step_end(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    text.as_bytes()[at..]
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b':')
        .map_or(text.len(), |p| at + p)
}

fn byte_len_of_chars(text: &str, from: usize, chars: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(chars)
        .map_or(text.len() - from, |(i, _)| i)
}

fn back_chars(text: &str, from: usize, chars: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

fn word_start_at_or_after(text: &str, at: usize, limit: usize) -> usize {
    if at == 0 {
        return 0;
    }
    match text[at..limit].find(char::is_whitespace) {
        Some(p) => {
            let after = at + p;
            after + (text[after..].len() - text[after..].trim_start().len())
        }
        None => limit,
    }
}

fn word_end_at_or_before(text: &str, start: usize, end: usize) -> usize {
    match text[start..end].rfind(char::is_whitespace) {
        Some(p) if p > 0 => text[..start + p].trim_end().len(),
        _ => end,
    }
}

/// Splits `text` into `(piece, is_marked)` parts along sorted, non-overlapping `marks`.
/// Out-of-range or overlapping marks are skipped rather than trusted.
///
/// ```
/// use chronicle_core::highlight::split_marked;
/// assert_eq!(split_marked("a bc d", &[2..4]), [("a ", false), ("bc", true), (" d", false)]);
/// ```
pub fn split_marked<'t>(text: &'t str, marks: &[Range<usize>]) -> Vec<(&'t str, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for m in marks {
        if m.start < at
            || m.end > text.len()
            || m.start >= m.end
            || !text.is_char_boundary(m.start)
            || !text.is_char_boundary(m.end)
        {
            continue;
        }
        if m.start > at {
            out.push((&text[at..m.start], false));
        }
        out.push((&text[m.start..m.end], true));
        at = m.end;
    }
    if at < text.len() {
        out.push((&text[at..], false));
    }
    out
}

#[cfg(test)]
mod tests;
