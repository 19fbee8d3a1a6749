use super::*;

fn marked(h: &Highlighter, text: &str) -> Vec<String> {
    h.ranges(text)
        .into_iter()
        .map(|r| text[r].to_string())
        .collect()
}

#[test]
fn marks_exact_words_and_the_typed_prefix() {
    let h = Highlighter::new(&Query::parse("idlib agree"));
    assert_eq!(
        marked(&h, "The Idlib Agreement: agreed, not disagreed; IDLIB’s."),
        ["Idlib", "Agreement", "agreed", "IDLIB’s"]
    );
}

#[test]
fn an_empty_query_marks_nothing() {
    let h = Highlighter::new(&Query::parse(""));
    assert!(h.ranges("anything").is_empty());
    let s = h.snippet("Short text.", 100);
    assert_eq!(s.text, "Short text.");
    assert!(s.marks.is_empty());
}

#[test]
fn snippets_centre_on_the_matches_and_are_cut_at_words() {
    let text = format!(
        "{} The Idlib agreement was signed. {}",
        "word ".repeat(100),
        "tail ".repeat(100)
    );
    let h = Highlighter::new(&Query::parse("idlib "));
    let s = h.snippet(&text, 80);
    assert!(s.text.starts_with("… "), "{}", s.text);
    assert!(s.text.ends_with(" …"), "{}", s.text);
    assert!(s.text.chars().count() <= 84, "{}", s.text);
    assert_eq!(s.marks.len(), 1);
    assert_eq!(&s.text[s.marks[0].clone()], "Idlib");
    assert!(!s.text.contains("wor …") && !s.text.contains("… ord"));
}

#[test]
fn snippets_prefer_the_densest_passage() {
    let text = format!(
        "alpha once. {} beta alpha alpha beta alpha.",
        "filler ".repeat(60)
    );
    let h = Highlighter::new(&Query::parse("alpha "));
    let s = h.snippet(&text, 60);
    assert_eq!(s.marks.len(), 3, "{}", s.text);
}

#[test]
fn snippet_marks_survive_multibyte_text() {
    let text = "Ça va. Le résumé du président — résumé complet — est là.";
    let h = Highlighter::new(&Query::parse("resume "));
    let s = h.snippet(text, 200);
    let words: Vec<&str> = s.marks.iter().map(|r| &s.text[r.clone()]).collect();
    assert_eq!(words, ["résumé", "résumé"]);
}

#[test]
fn split_marked_skips_bad_ranges() {
    assert_eq!(
        split_marked("abc", &[0..1, 0..2, 2..9]),
        [("a", true), ("bc", false)]
    );
    assert_eq!(split_marked("é", &[0..1, 1..2]), [("é", false)]);
    assert!(split_marked("", &[]).is_empty());
}
