//! Arabic light stemming: the prefixes and suffixes that attach to a word come off, so
//! `المفاوضات` (the negotiations), `مفاوضات` and `والمفاوضات` (and the negotiations) meet.
//!
//! # Overview
//! This is *Light10* (Larkey, Ballesteros and Connell, "Light Stemming for Arabic
//! Information Retrieval", 2007), the light stemmer measured best for retrieval: it does
//! not look for roots, it strips affixes, each only if enough of the word is left.
//! 1. A leading `و` (and), if three or more letters remain.
//! 2. One definite article with what joins it: `ال`, `وال`, `بال`, `كال`, `فال`, `لل`, if
//!    two or more letters remain.
//! 3. Each suffix of `ها ان ات ون ين يه ه ي`, once, in that order, if two or more letters
//!    remain. (`ية` and `ة` of the published list are `يه` and `ه` here: the text was
//!    folded first, teh marbuta to heh, see [`crate::text::normalize`].)
//!
//! Bare `ب`, `ل`, `ف` before a word without the article are left: they begin too many
//! words (`بيان`, `لبنان`, `فرنسا`). Stemming only groups forms; the form typed still ranks
//! first.

/// Whether `term` is an Arabic word this stemmer takes: Arabic letters only.
fn is_arabic_word(term: &str) -> bool {
    !term.is_empty() && term.chars().all(|c| matches!(c, '\u{0621}'..='\u{064A}'))
}

/// The light stem of a normalized Arabic word; `None` if `term` is not one (other
/// scripts, digits, mixed tokens) or is longer than any word.
///
/// ```
/// use chronicle_core::text::arabic::light_stem;
/// assert_eq!(light_stem("المفاوضات").as_deref(), Some("مفاوض"));
/// assert_eq!(light_stem("والمفاوضات"), light_stem("مفاوضات"));
/// assert_eq!(light_stem("negotiations"), None);
/// ```
pub fn light_stem(term: &str) -> Option<String> {
    if !is_arabic_word(term) {
        return None;
    }
    let mut w: Vec<char> = term.chars().collect();
    if w.len() > 24 {
        return None;
    }
    if w.len() >= 4 && w[0] == 'و' {
        w.remove(0);
    }
    for prefix in ["وال", "بال", "كال", "فال", "لل", "ال"] {
        let p: Vec<char> = prefix.chars().collect();
        if w.len() >= p.len() + 2 && w.starts_with(&p) {
            w.drain(..p.len());
            break;
        }
    }
    for suffix in ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"] {
        let s: Vec<char> = suffix.chars().collect();
        if w.len() >= s.len() + 2 && w.ends_with(&s) {
            w.truncate(w.len() - s.len());
        }
    }
    Some(w.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    fn stem(word: &str) -> String {
        light_stem(&normalize(word)).unwrap_or_default()
    }

    #[test]
    fn a_word_with_its_article_conjunction_and_plural_meets_its_other_forms() {
        let negotiations = stem("مفاوضات");
        for form in [
            "المفاوضات",
            "والمفاوضات",
            "بالمفاوضات",
            "للمفاوضات",
            "فالمفاوضات",
        ] {
            assert_eq!(stem(form), negotiations, "{form}");
        }
        // Plural and dual suffixes, and pronouns attached at the end.
        assert_eq!(stem("السوريون"), stem("السوريين"));
        assert_eq!(stem("والمعارضة"), stem("المعارضة"));
        // Harakat and the teh marbuta are folded before stemming.
        assert_eq!(stem("الْمُعَارَضَة"), stem("المعارضه"));
    }

    #[test]
    fn short_words_keep_their_letters() {
        // Nothing is cut below two letters (three after the conjunction).
        assert_eq!(stem("وزن"), "وزن");
        assert_eq!(stem("الله").chars().count(), 2);
        assert_eq!(stem("في"), "في");
    }

    #[test]
    fn other_scripts_and_mixed_tokens_are_not_stemmed() {
        for t in ["idlib", "2018", "إدلب2018", "", "abc\u{0627}"] {
            assert_eq!(light_stem(&normalize(t)), None, "{t}");
        }
    }
}
