//! Text normalization and tokenization: the one place that decides what a "word" is.
//!
//! # Overview
//! Indexing, querying, snippets and highlighting all call [`tokenize`] and
//! [`normalize`], so a query term matches exactly the words that get highlighted.
//!
//! - Words are found by the rules of Unicode word segmentation (UAX #29, see [`words`]);
//!   punctuation and spaces are not words. "UN-led" is two words; "Council’s" is one.
//! - [`normalize`] case-folds, folds Latin diacritics (`résumé` → `resume`,
//!   `straße` → `strasse`), normalizes Arabic (harakat and tatweel removed; أ إ آ ٱ → ا,
//!   ى → ي, ة → ه), unifies apostrophes, and drops an English possessive `'s`.
//! - Every [`Token`] keeps its byte range in the original text, so highlights land on the
//!   text exactly as written.

use std::ops::Range;

pub mod arabic;
pub mod case;
pub mod fold;
pub mod words;

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
    let mut out = Vec::new();
    each_term(text, &mut |range, term| {
        out.push(Token {
            range,
            term: term.to_string(),
        })
    });
    out.into_iter()
}

/// [`for_each_term`] through a callback object: one copy of the tokenizer for every
/// caller that is not a hot loop (marking matches, reading a query), where each generic
/// caller would add its own copy (some 2 KB of WebAssembly each).
pub fn each_term(text: &str, f: &mut dyn FnMut(Range<usize>, &str)) {
    for_each_term(text, f);
}

/// Calls `f(byte range, normalized term)` for every word of `text`, without allocating
/// per word: the hot loop of indexing.
///
/// Words follow Unicode word segmentation (UAX #29), with one deliberate difference: a
/// colon always separates words (UAX #29 joins `a:b`, which would glue `Source:Name`
/// together). Runs of ASCII text take a fast path that gives the same words as UAX #29;
/// anything else goes through [`words::for_each_word`].
pub fn for_each_term(text: &str, mut f: impl FnMut(Range<usize>, &str)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut buf = String::new();
    // Most texts are all ASCII (checked a word of bytes at a time): their words are found
    // in one pass, without first cutting them at whitespace.
    if text.is_ascii() {
        ascii_words(text, 0, &mut buf, &mut f);
        return;
    }
    let mut i = 0;
    while i < n {
        if CLASS[bytes[i] as usize] & SEP != 0 {
            i += 1;
            continue;
        }
        let start = i;
        let mut high = 0u8;
        while i < n {
            let c = CLASS[bytes[i] as usize];
            if c & SEP != 0 {
                break;
            }
            high |= c;
            i += 1;
        }
        if high & HIGH == 0 {
            ascii_words(&text[start..i], start, &mut buf, &mut f);
        } else {
            words::for_each_word(&text[start..i], |s, word| {
                buf.clear();
                normalize_into(word, &mut buf);
                if !buf.is_empty() {
                    f(start + s..start + s + word.len(), &buf);
                }
            });
        }
    }
}

/// Byte classes for the ASCII fast path.
const SEP: u8 = 1; // ASCII whitespace and the colon: words never cross them
const WORD: u8 = 2; // letters, digits, underscore
const ALNUM: u8 = 4; // letters and digits
const LETTER: u8 = 8;
const DIGIT: u8 = 16;
const HIGH: u8 = 32; // not ASCII
const UPPER: u8 = 64; // A-Z: `UPPER >> 1` is the bit that makes them lower case
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            HIGH
        } else if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | b':') {
            SEP
        } else if c.is_ascii_uppercase() {
            WORD | ALNUM | LETTER | UPPER
        } else if c.is_ascii_alphabetic() {
            WORD | ALNUM | LETTER
        } else if c.is_ascii_digit() {
            WORD | ALNUM | DIGIT
        } else if c == b'_' {
            WORD
        } else {
            0
        };
        b += 1;
    }
    t
};

/// UAX #29 rules WB6/7 and WB11/12 for ASCII: `'` and `.` join letters to letters and
/// digits to digits; `,` and `;` join digits to digits.
#[inline(always)]
fn joins(joiner: u8, before: u8, after: u8) -> bool {
    let (b, a) = (CLASS[before as usize], CLASS[after as usize]);
    let letters = b & a & LETTER != 0;
    let digits = b & a & DIGIT != 0;
    match joiner {
        b'.' | b'\'' => letters || digits,
        b',' | b';' => digits,
        _ => false,
    }
}

/// The words of a run of ASCII text without whitespace, lower-cased.
#[inline(always)]
fn ascii_words(
    text: &str,
    offset: usize,
    buf: &mut String,
    f: &mut impl FnMut(Range<usize>, &str),
) {
    let chunk = text.as_bytes();
    let n = chunk.len();
    let mut i = 0;
    while i < n {
        if CLASS[chunk[i] as usize] & WORD == 0 {
            i += 1;
            continue;
        }
        let start = i;
        let mut alnum = 0u8;
        {
            // SAFETY: only ASCII bytes are pushed, so `buf` stays UTF-8.
            let out = unsafe { buf.as_mut_vec() };
            out.clear();
            // The word is copied and lower-cased in the pass that finds its end.
            loop {
                while i < n {
                    let b = chunk[i];
                    let c = CLASS[b as usize];
                    if c & WORD == 0 {
                        break;
                    }
                    alnum |= c;
                    out.push(b | ((c & UPPER) >> 1));
                    i += 1;
                }
                if i + 1 < n && joins(chunk[i], chunk[i - 1], chunk[i + 1]) {
                    out.push(chunk[i]);
                    i += 1;
                    continue;
                }
                break;
            }
        }
        if alnum & ALNUM != 0 {
            strip_possessive(buf);
            f(offset + start..offset + i, buf);
        }
    }
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
    normalize_into(word, &mut out);
    out
}

fn normalize_into(word: &str, out: &mut String) {
    for c in word.chars() {
        push_folded(c, out);
    }
    strip_possessive(out);
    let lead = out.len() - out.trim_start_matches('\'').len();
    if lead > 0 {
        out.drain(..lead);
    }
}

/// English possessive: council's → council; trailing apostrophes go too.
#[inline(always)]
fn strip_possessive(out: &mut String) {
    // Byte tests, not `ends_with`: this runs for every word, and a call to `memcmp` per
    // word is a tenth of loading when the core is built for size.
    let b = out.as_bytes();
    if b.len() > 2 && b[b.len() - 2..] == *b"'s" {
        out.truncate(out.len() - 2);
    }
    while out.as_bytes().last() == Some(&b'\'') {
        out.pop();
    }
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
        _ if is_latin_extended(c) => match fold::folded(c) {
            // The base letter: é → e (what decomposing and dropping the marks gives).
            Some(base) => out.push(base),
            None => out.push(case::lower(c)),
        },
        _ => {
            let l = case::lower(c);
            if !is_combining_diacritic(l) {
                out.push(l);
            }
        }
    }
}

/// Latin-1 Supplement, Latin Extended-A/B, IPA, Latin Extended Additional and Greek,
/// whose accents are folded. (Cyrillic is not: й is a letter, not an accented и.)
pub(crate) fn is_latin_extended(c: char) -> bool {
    matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF | 0x0370..=0x03FF)
}

/// Combining diacritical marks used with Latin, Greek and Cyrillic. Marks of other
/// scripts (Devanagari vowel signs, say) carry meaning and are kept.
fn is_combining_diacritic(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Reduces words to their stem, so `negotiations` and `negotiating` meet, and
/// `المفاوضات` and `والمفاوضات`.
///
/// Arabic words are light-stemmed in every archive ([`arabic::light_stem`]: an archive of
/// any language may quote them, and their affixes are what readers type differently).
/// Words in Latin letters follow the language most documents declare, English when they
/// declare none: English is the one Snowball algorithm built in (each costs kilobytes of
/// WebAssembly); other languages are searched without stemming, which still finds every
/// exact form, prefix and typo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stemmer {
    english: bool,
    arabic: bool,
}

impl Stemmer {
    /// No stemming: every word is its own stem.
    pub fn none() -> Stemmer {
        Stemmer {
            english: false,
            arabic: false,
        }
    }

    /// The stemmer for a BCP 47 language tag (`en`, `en-GB`, …): English words stemmed
    /// for English, Arabic words always.
    ///
    /// ```
    /// use chronicle_core::text::Stemmer;
    /// let en = Stemmer::for_language("en");
    /// assert_eq!(en.stem("negotiations"), en.stem("negotiating"));
    /// assert_eq!(Stemmer::for_language("zh").stem("negotiations"), "negotiations");
    /// assert_eq!(Stemmer::for_language("zh").stem("المفاوضات"), "مفاوض");
    /// ```
    pub fn for_language(tag: &str) -> Stemmer {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Stemmer {
            english: primary == "en",
            arabic: true,
        }
    }

    /// Whether this stemmer changes anything.
    pub fn is_none(&self) -> bool {
        !self.english && !self.arabic
    }

    /// The stem that groups a normalized term with its other forms, or `None` if the term
    /// is not stemmed: without a stemmer, and for terms that are not plain words (ASCII
    /// letters and apostrophes, at most 24 of them, for English; Arabic letters only, for
    /// Arabic). Numbers, codes, hashes and other junk tokens, most of the distinct terms
    /// of a real archive, are matched as written.
    ///
    /// ```
    /// use chronicle_core::text::Stemmer;
    /// let en = Stemmer::for_language("en");
    /// assert_eq!(en.stem_key("negotiations").as_deref(), Some("negoti"));
    /// assert_eq!(en.stem_key("1990s"), None);
    /// assert_eq!(en.stem_key("af3b9c0d"), None);
    /// assert_eq!(en.stem_key("والمفاوضات").as_deref(), Some("مفاوض"));
    /// ```
    pub fn stem_key<'a>(&self, term: &'a str) -> Option<std::borrow::Cow<'a, str>> {
        let first = term.as_bytes().first()?;
        if *first >= 0x80 {
            // Arabic letters take two bytes in UTF-8, the first 0xD8 or 0xD9.
            if !self.arabic || !matches!(first, 0xD8 | 0xD9) {
                return None;
            }
            return arabic::light_stem(term).map(std::borrow::Cow::Owned);
        }
        let plain = term.len() <= 24 && term.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'');
        (self.english && plain).then(|| self.stem(term))
    }

    /// The stem of a normalized term.
    pub fn stem<'a>(&self, term: &'a str) -> std::borrow::Cow<'a, str> {
        if self.arabic {
            if let Some(stem) = arabic::light_stem(term) {
                return std::borrow::Cow::Owned(stem);
            }
        }
        if self.english {
            rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English).stem(term)
        } else {
            std::borrow::Cow::Borrowed(term)
        }
    }
}

#[cfg(test)]
mod tests;
