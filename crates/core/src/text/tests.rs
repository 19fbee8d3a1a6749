use super::*;
use unicode_segmentation::UnicodeSegmentation;

fn terms(s: &str) -> Vec<String> {
    tokenize(s).map(|t| t.term).collect()
}

#[test]
fn words_are_case_and_accent_folded() {
    assert_eq!(
        terms("Résumé CAFÉ naïve Ångström"),
        ["resume", "cafe", "naive", "angstrom"]
    );
    assert_eq!(terms("Straße Æsir Łódź"), ["strasse", "aesir", "lodz"]);
}

#[test]
fn punctuation_is_not_a_word_and_hyphens_split() {
    assert_eq!(
        terms("UN-led — “process”, 2254!"),
        ["un", "led", "process", "2254"]
    );
}

#[test]
fn possessives_and_curly_apostrophes_fold() {
    assert_eq!(
        terms("Council’s Coalition's don’t"),
        ["council", "coalition", "don't"]
    );
}

#[test]
fn arabic_is_normalized() {
    // See: #3 (harakat, tatweel, alef forms, ى → ي, ة → ه)
    assert_eq!(normalize("مُـحَـمَّد"), "محمد");
    assert_eq!(normalize("أحمد"), normalize("احمد"));
    assert_eq!(normalize("إسلام"), "اسلام");
    assert_eq!(normalize("آخر"), "اخر");
    assert_eq!(normalize("مستشفى"), "مستشفي");
    assert_eq!(normalize("المدينة"), "المدينه");
}

#[test]
fn other_scripts_keep_their_marks() {
    assert_eq!(normalize("हिन्दी"), "हिन्दी");
    assert_eq!(normalize("Йод"), "йод");
}

#[test]
fn token_ranges_point_at_the_original_text() {
    let text = "Idlib’s “agreement”";
    for t in tokenize(text) {
        assert!(normalize(&text[t.range.clone()]) == t.term);
    }
    let ranges: Vec<_> = tokenize(text).map(|t| &text[t.range]).collect();
    assert_eq!(ranges, ["Idlib’s", "agreement"]);
}

#[test]
fn a_colon_separates_words() {
    assert_eq!(
        terms("Source:Syrian note:x 11:30"),
        ["source", "syrian", "note", "x", "11", "30"]
    );
}

#[test]
fn ascii_joiners_follow_uax29() {
    assert_eq!(
        terms("U.S. e.g. 1,000.5 don't x.5 a_b __"),
        ["u.s", "e.g", "1,000.5", "don't", "x", "5", "a_b"]
    );
}

/// The ASCII fast path gives exactly the words of UAX #29 (with `:` as a separator).
fn reference(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for chunk in text.split(':') {
        for (s, w) in chunk.split_word_bound_indices() {
            if w.chars().any(char::is_alphanumeric) {
                let t = normalize(w);
                if !t.is_empty() {
                    out.push((offset + s..offset + s + w.len(), t));
                }
            }
        }
        offset += chunk.len() + 1;
    }
    out
}

/// Text from letters, digits, marks and punctuation of many scripts.
fn mixed_script_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::strategy::Strategy;
    const CHARS: &str = "azéèçñüßøΑαβγάέΩжЖщёйادلبمفاوضاتَُِّْ٠١٢٣٤٥कमलािीुे्中文字ひらがな09 '’.,;!?«»-";
    let chars: Vec<char> = CHARS.chars().collect();
    // Marks follow letters (a mark after a space or a full stop makes UAX #29 glue them
    // into a "word" of punctuation, which search rightly ignores).
    let mark = |c: char| {
        "\u{64e}\u{64f}\u{650}\u{651}\u{652}\u{93e}\u{93f}\u{940}\u{941}\u{947}\u{94d}".contains(c)
    };
    proptest::collection::vec(proptest::sample::select(chars), 0..40).prop_map(move |v| {
        let mut out = String::new();
        for c in v {
            if !mark(c)
                || out.chars().last().is_some_and(char::is_alphanumeric)
                || out.chars().last().is_some_and(mark)
            {
                out.push(c);
            }
        }
        out
    })
}

proptest::proptest! {
    #[test]
    fn the_ascii_fast_path_agrees_with_unicode_segmentation(text in "[a-zA-Z0-9 '.,;:_\\-\\n!?]{0,40}") {
        let ours: Vec<_> = tokenize(&text).map(|t| (t.range, t.term)).collect();
        proptest::prop_assert_eq!(ours, reference(&text));
    }

    /// Outside ASCII too, the words are UAX #29's: accented Latin, Greek, Cyrillic,
    /// Arabic with harakat and Arabic digits, Devanagari with its vowel signs, ideographs,
    /// apostrophes and full stops between letters, commas between digits.
    #[test]
    fn words_outside_ascii_agree_with_unicode_segmentation(text in mixed_script_text()) {
        let ours: Vec<_> = tokenize(&text).map(|t| (t.range, t.term)).collect();
        proptest::prop_assert_eq!(ours, reference(&text));
    }

    #[test]
    fn tokenizing_never_panics_and_ranges_are_sound(text in "\\PC{0,40}") {
        for t in tokenize(&text) {
            proptest::prop_assert!(text.is_char_boundary(t.range.start) && text.is_char_boundary(t.range.end));
            proptest::prop_assert!(!t.term.is_empty());
        }
    }
}

/// The fold table gives, for every letter of its blocks, what canonical decomposition
/// without the combining marks gives (the rule it stands for).
#[test]
fn the_fold_table_agrees_with_unicode_decomposition() {
    use unicode_normalization::char::decompose_canonical;
    let mark = |c: char| matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F);
    for code in (0x00C0..=0x024F)
        .chain(0x0370..=0x03FF)
        .chain(0x1E00..=0x1EFF)
    {
        let Some(c) = char::from_u32(code) else {
            continue;
        };
        assert!(crate::text::is_latin_extended(c));
        let mut want = String::new();
        decompose_canonical(c, |d| {
            if !mark(d) {
                want.extend(d.to_lowercase());
            }
        });
        let got: String = match crate::text::fold::folded(c) {
            Some(base) => base.to_string(),
            None => c.to_lowercase().collect(),
        };
        assert_eq!(got, want, "U+{code:04X} {c}");
    }
}
