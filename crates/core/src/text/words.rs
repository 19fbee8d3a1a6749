//! Words of text outside ASCII, by the rules of Unicode word segmentation (UAX #29) that
//! matter to search, without its tables.
//!
//! # Overview
//! [`for_each_word`] finds the words of a run of text (no ASCII whitespace in it): runs of
//! letters and digits, with the marks that extend them (accents, Arabic harakat, Indic
//! viramas, joiners) kept inside; an apostrophe or a full stop joins letters to letters
//! and digits to digits, a comma or a semicolon digits to digits (`l'état`, `3.14`,
//! `1,000`). Chinese and Japanese ideographs and hiragana are a word each, as UAX #29
//! has them without a dictionary. Letters and digits are the standard library's
//! `char::is_alphabetic` and `is_numeric`, whose tables the program has anyway; a test
//! checks the words against the `unicode-segmentation` crate on text of many scripts.

/// What a character is to a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    /// Extends the word before it (combining marks, joiners).
    Mark,
    /// A word by itself (ideographs, hiragana).
    Alone,
    /// Joins letters to letters (`'`, `.`, `’`, `·`) or digits to digits (`,`, `;`, `.`).
    Joiner,
    Other,
}

fn class(c: char) -> Class {
    let u = c as u32;
    if matches!(u, 0x3040..=0x309F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
    {
        Class::Alone
    } else if is_mark(u) {
        Class::Mark
    } else if c.is_alphabetic() || c == '_' {
        Class::Letter
    } else if c.is_numeric() {
        Class::Digit
    } else if matches!(
        c,
        '\'' | '.'
            | ','
            | ';'
            | '\u{2019}'
            | '\u{2018}'
            | '\u{00B7}'
            | '\u{2024}'
            | '\u{FE52}'
            | '\u{FF07}'
            | '\u{FF0E}'
            | '\u{066B}'
            | '\u{066C}'
    ) {
        Class::Joiner
    } else {
        Class::Other
    }
}

/// Combining marks of the scripts Chronicle's archives use, and the zero-width joiners.
fn is_mark(u: u32) -> bool {
    matches!(u,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2
        | 0x05C4..=0x05C5 | 0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670
        | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7..=0x06E8 | 0x06EA..=0x06ED
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957 | 0x0962..=0x0963
        | 0x0981..=0x0983 | 0x09BC..=0x09CD | 0x0A01..=0x0A03 | 0x0A3C..=0x0A51
        | 0x0A81..=0x0A83 | 0x0ABC..=0x0ACD | 0x0B01..=0x0B03 | 0x0B3C..=0x0B57
        | 0x0B82 | 0x0BBE..=0x0BCD | 0x0C00..=0x0C04 | 0x0C3C..=0x0C56 | 0x0C81..=0x0C83
        | 0x0CBC..=0x0CD6 | 0x0D00..=0x0D03 | 0x0D3B..=0x0D4D | 0x0D81..=0x0D83
        | 0x0DCA..=0x0DDF | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E | 0x0EB1
        | 0x0EB4..=0x0EBC | 0x0EC8..=0x0ECE | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x200C..=0x200D | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F
    )
}

/// Whether `joiner` between `before` and `after` keeps them in one word.
fn joins(joiner: char, before: Class, after: Class) -> bool {
    let letters = before == Class::Letter && after == Class::Letter;
    let digits = before == Class::Digit && after == Class::Digit;
    match joiner {
        '.' | '\'' | '\u{2019}' | '\u{2018}' | '\u{FF07}' | '\u{FF0E}' | '\u{FE52}'
        | '\u{2024}' => letters || digits,
        '\u{00B7}' => letters,
        _ => digits,
    }
}

/// Calls `f(byte offset, word)` for every word of `text`.
pub fn for_each_word(text: &str, mut f: impl FnMut(usize, &str)) {
    let mut start: Option<usize> = None;
    // The class of the last letter or digit of the word being read; `Mark` while the
    // "word" is a run of marks with nothing before them (a segment of its own in UAX #29,
    // and a word only if one of them is a letter).
    let mut last = Class::Other;
    let mut emit = |s: usize, end: usize, last: Class| {
        let w = &text[s..end];
        if last != Class::Mark || w.chars().any(char::is_alphabetic) {
            f(s, w);
        }
    };
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let k = class(c);
        match k {
            Class::Letter | Class::Digit => {
                if matches!(last, Class::Mark | Class::Alone) {
                    if let Some(s) = start.take() {
                        emit(s, i, last);
                    }
                }
                start.get_or_insert(i);
                last = k;
            }
            Class::Mark => {
                if start.is_none() {
                    start = Some(i);
                    last = Class::Mark;
                }
            }
            Class::Joiner if start.is_some() => {
                let next = it.peek().map_or(Class::Other, |&(_, n)| class(n));
                if joins(c, last, next) {
                    continue;
                }
                if let Some(s) = start.take() {
                    emit(s, i, last);
                }
            }
            // A word of its own (with the marks that follow it).
            Class::Alone => {
                if let Some(s) = start.take() {
                    emit(s, i, last);
                }
                start = Some(i);
                last = Class::Alone;
            }
            _ => {
                if let Some(s) = start.take() {
                    emit(s, i, last);
                }
            }
        }
    }
    if let Some(s) = start {
        emit(s, text.len(), last);
    }
}
