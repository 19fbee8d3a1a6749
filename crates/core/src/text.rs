//! Text normalization and tokenization: the one place that decides what a "word" is.
//!
//! # Overview
//! Indexing, querying, snippets and highlighting all call [`tokenize`] and
//! [`normalize`], so a query term matches exactly the words that get highlighted.
//!
//! - Words are found by Unicode word segmentation (UAX #29); punctuation and spaces are
//!   not words. "UN-led" is two words; "Council’s" is one.
//! - [`normalize`] case-folds, folds Latin diacritics (`résumé` → `resume`,
//!   `straße` → `strasse`), normalizes Arabic (harakat and tatweel removed; أ إ آ ٱ → ا,
//!   ى → ي, ة → ه), unifies apostrophes, and drops an English possessive `'s`.
//! - Every [`Token`] keeps its byte range in the original text, so highlights land on the
//!   text exactly as written.

use std::ops::Range;

use unicode_normalization::char::decompose_canonical;
use unicode_segmentation::UnicodeSegmentation;

/// One word of a text: where it is, and its normalized form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range of the word in the original text.
    pub range: Range<usize>,
    /// The normalized form (see [`normalize`]).
    pub term: String,
}

/// Splits `text` into words with their normalized forms.
///
/// ```
/// use chronicle_core::text::tokenize;
/// let terms: Vec<String> = tokenize("The Council’s UN-led Résumé").map(|t| t.term).collect();
/// assert_eq!(terms, ["the", "council", "un", "led", "resume"]);
/// ```
pub fn tokenize(text: &str) -> impl Iterator<Item = Token> + '_ {
    text.split_word_bound_indices().filter_map(|(start, word)| {
        if !word.chars().any(char::is_alphanumeric) {
            return None;
        }
        let term = normalize(word);
        (!term.is_empty()).then(|| Token {
            range: start..start + word.len(),
            term,
        })
    })
}

/// The normalized form of one word. See the module docs for what is folded.
///
/// ```
/// use chronicle_core::text::normalize;
/// assert_eq!(normalize("RÉSUMÉ"), "resume");
/// assert_eq!(normalize("Straße"), "strasse");
/// assert_eq!(normalize("إِدْلِبُ"), "ادلب");
/// assert_eq!(normalize("مدرسة"), "مدرسه");
/// ```
pub fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        push_folded(c, &mut out);
    }
    // English possessive: council's → council; trailing apostrophes go too.
    if let Some(stripped) = out.strip_suffix("'s") {
        if !stripped.is_empty() {
            out.truncate(stripped.len());
        }
    }
    while out.ends_with('\'') {
        out.pop();
    }
    while out.starts_with('\'') {
        out.remove(0);
    }
    out
}

fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        // Apostrophes and their look-alikes.
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{FF07}' => out.push('\''),
        // Arabic: tatweel and harakat (incl. superscript alef and Quranic marks) vanish.
        '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' => {}
        // Alef forms → bare alef; alef maqsura → yeh; teh marbuta → heh.
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' => out.push('\u{0627}'),
        '\u{0649}' => out.push('\u{064A}'),
        '\u{0629}' => out.push('\u{0647}'),
        // Letters that do not decompose but are folded by convention.
        'ß' | 'ẞ' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ø' | 'Ø' => out.push('o'),
        'ł' | 'Ł' => out.push('l'),
        'đ' | 'Đ' => out.push('d'),
        'ð' | 'Ð' => out.push('d'),
        'þ' | 'Þ' => out.push_str("th"),
        'ı' => out.push('i'),
        _ if is_latin_extended(c) => {
            // Decompose and drop combining marks: é → e.
            decompose_canonical(c, |d| {
                if !is_combining_diacritic(d) {
                    for l in d.to_lowercase() {
                        out.push(l);
                    }
                }
            });
        }
        _ => {
            for l in c.to_lowercase() {
                if !is_combining_diacritic(l) {
                    out.push(l);
                }
            }
        }
    }
}

/// Latin-1 Supplement, Latin Extended-A/B, IPA, Latin Extended Additional and Greek,
/// whose accents are folded. (Cyrillic is not: й is a letter, not an accented и.)
fn is_latin_extended(c: char) -> bool {
    matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF | 0x0370..=0x03FF)
}

/// Combining diacritical marks used with Latin, Greek and Cyrillic. Marks of other
/// scripts (Devanagari vowel signs, say) carry meaning and are kept.
fn is_combining_diacritic(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

#[cfg(test)]
mod tests;
