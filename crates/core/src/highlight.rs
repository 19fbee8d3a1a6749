//! Marking matched words, and picking the snippet to show under a result.
//!
//! # Overview
//! A [`Highlighter`] knows which normalized terms a query matched. [`Highlighter::ranges`]
//! returns the byte ranges of those words in any text (title, paragraph), and
//! [`Highlighter::snippet`] cuts the best short passage of a body with its marks.
//! The UI turns ranges into text nodes and `<mark>` elements — never into HTML strings.
//!
//! [`split_marked`] is the helper the UI uses: text plus ranges in, alternating
//! plain/marked pieces out.

use std::ops::Range;

use crate::search::Query;
use crate::text::tokenize;

/// Marks the words a query matched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlighter {
    exact: Vec<String>,
    prefix: Option<String>,
}

/// A short passage of a document with its marks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    /// The passage (with `…` where it was cut).
    pub text: String,
    /// Byte ranges of matched words in `text`.
    pub marks: Vec<Range<usize>>,
}

impl Highlighter {
    /// A highlighter for the words of `query`.
    pub fn new(query: &Query) -> Self {
        let mut exact = query.words.clone();
        let prefix = if query.last_is_prefix {
            exact.pop()
        } else {
            None
        };
        Highlighter { exact, prefix }
    }

    /// Whether nothing would be marked.
    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.prefix.is_none()
    }

    /// Whether a normalized term is one the query matched.
    pub fn matches(&self, term: &str) -> bool {
        self.exact.iter().any(|w| w == term)
            || self.prefix.as_deref().is_some_and(|p| term.starts_with(p))
    }

    /// Byte ranges of the matched words in `text`, in order.
    pub fn ranges(&self, text: &str) -> Vec<Range<usize>> {
        if self.is_empty() {
            return Vec::new();
        }
        tokenize(text)
            .filter(|t| self.matches(&t.term))
            .map(|t| t.range)
            .collect()
    }

    /// The passage of about `max_chars` characters with the most matched words (the
    /// opening of the text if none match), cut at word boundaries.
    pub fn snippet(&self, text: &str, max_chars: usize) -> Snippet {
        let ranges = self.ranges(text);
        let window_bytes = byte_len_of_chars(text, 0, max_chars);
        // Choose the start: the match that begins the densest window.
        let mut best_start = 0;
        let mut best_count = 0;
        for (i, r) in ranges.iter().enumerate() {
            let limit = r.start + window_bytes;
            let count = ranges[i..].iter().take_while(|x| x.end <= limit).count();
            if count > best_count {
                best_count = count;
                best_start = r.start;
            }
        }
        // Lead in a little before the first match, from a word start.
        let mut start = if best_count == 0 {
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
        let marks = ranges
            .into_iter()
            .filter(|r| r.start >= start && r.end <= end)
            .map(|r| r.start - start + shift..r.end - start + shift)
            .collect();
        Snippet { text: out, marks }
    }
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
