use super::*;

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
