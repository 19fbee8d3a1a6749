use super::*;

fn hl(terms: &[&str]) -> Highlighter {
    let mut h = Highlighter::default();
    for t in terms {
        h.add_term(t);
    }
    h.finish();
    h
}

/// A highlighter as the engine builds it: each clause adds its terms, then ends.
fn hl_clauses(clauses: &[&[&str]]) -> Highlighter {
    let mut h = Highlighter::default();
    for terms in clauses {
        let before = h.size();
        for t in *terms {
            h.add_term(t);
        }
        h.end_clause(before);
    }
    h.finish();
    h
}

fn marked(ranges: Vec<Range<usize>>, text: &str) -> Vec<String> {
    ranges.into_iter().map(|r| text[r].to_string()).collect()
}

#[test]
fn marks_every_form_the_engine_matched() {
    let h = hl(&["idlib", "agreement", "agreed"]);
    let text = "The Idlib Agreement: agreed, not disagreed; IDLIB’s.";
    assert_eq!(
        marked(h.ranges(text), text),
        ["Idlib", "Agreement", "agreed", "IDLIB’s"]
    );
}

#[test]
fn phrases_mark_only_their_occurrences() {
    let mut h = Highlighter::default();
    h.add_phrase(vec!["political".into(), "process".into()], false);
    h.add_phrase(vec!["security".into(), "coun".into()], true);
    h.finish();
    let text = "A political process. The process is political. Security Council, security.";
    assert_eq!(
        marked(h.ranges(text), text),
        ["political", "process", "Security", "Council"]
    );
}

#[test]
fn title_phrases_mark_titles_only() {
    let mut h = Highlighter::default();
    h.add_title_phrase(vec!["envoy".into()], false);
    h.finish();
    assert_eq!(marked(h.title_ranges("US Envoy"), "US Envoy"), ["Envoy"]);
    assert!(h.ranges("US Envoy").is_empty());
}

#[test]
fn an_empty_highlighter_marks_nothing() {
    let h = Highlighter::default();
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
    let s = hl(&["idlib"]).snippet(&text, 80);
    assert!(s.text.starts_with("… "), "{}", s.text);
    assert!(s.text.ends_with(" …"), "{}", s.text);
    assert!(s.text.chars().count() <= 84, "{}", s.text);
    assert_eq!(s.marks.len(), 1);
    assert_eq!(&s.text[s.marks[0].clone()], "Idlib");
    assert!(!s.text.contains("wor …") && !s.text.contains("… ord"));
}

#[test]
fn snippets_prefer_passages_with_more_distinct_words() {
    let text = format!(
        "alpha alpha alpha alpha. {} alpha beta together. {}",
        "filler ".repeat(60),
        "filler ".repeat(60)
    );
    let s = hl(&["alpha", "beta"]).snippet(&text, 60);
    let words: Vec<&str> = s.marks.iter().map(|r| &s.text[r.clone()]).collect();
    assert!(words.contains(&"beta"), "{}", s.text);
}

#[test]
fn a_long_text_is_read_only_until_a_passage_shows_every_clause() {
    // Early: both words. Much later: both, more often. Reading stops at the first.
    let text = format!(
        "Opening. alpha and beta here. {} alpha beta alpha beta alpha beta.",
        "filler ".repeat(20_000)
    );
    let s = hl_clauses(&[&["alpha"], &["beta"]]).snippet(&text, 60);
    assert!(s.text.starts_with("… alpha and beta here."), "{}", s.text);
    assert_eq!(marked(s.marks.clone(), &s.text), ["alpha", "beta"]);
    // One clause that is missing from the text: everything is read (the passage with
    // the other's words is found at the end).
    let s = hl_clauses(&[&["alpha"], &["gamma"]]).snippet(&text, 60);
    assert!(s.text.contains("alpha beta alpha beta alpha"), "{}", s.text);
    assert_eq!(marked(s.marks, &s.text).len(), 3);
}

#[test]
fn a_passage_that_runs_past_what_was_read_is_marked_to_its_end() {
    // The first "alpha" ends the reading (one clause); the passage runs on past the
    // stretch read, and its later "alpha"s are marked too.
    let lead = "x".repeat(SCAN_STEP - 10);
    let text = format!(
        "{lead} alpha gamma alpha gamma alpha. {}",
        "tail ".repeat(100)
    );
    let s = hl_clauses(&[&["alpha"]]).snippet(&text, 80);
    assert_eq!(marked(s.marks, &s.text), ["alpha", "alpha", "alpha"]);
}

proptest::proptest! {
    /// Whatever the text and wherever reading stops, a snippet marks exactly the matched
    /// words it shows.
    #[test]
    fn a_snippet_marks_exactly_the_matched_words_it_shows(
        words in proptest::collection::vec(
            proptest::sample::select(vec!["alpha", "beta", "gamma", "Ölçü", "x", "de-la", "a:b", "\n", "زيت"]),
            0..3000,
        ),
        max_chars in 20usize..300,
        clauses in proptest::sample::select(vec![0usize, 1, 2]),
    ) {
        let text = words.join(" ").replace("\\n", "\n");
        let h = match clauses {
            0 => hl(&["alpha", "olcu"]),
            1 => hl_clauses(&[&["alpha", "olcu"]]),
            _ => hl_clauses(&[&["beta"], &["زيت", "gamma"]]),
        };
        let s = h.snippet(&text, max_chars);
        proptest::prop_assert_eq!(&s.marks, &h.ranges(&s.text), "{}", s.text);
    }
}

#[test]
fn snippet_marks_survive_multibyte_text() {
    let text = "Ça va. Le résumé du président — résumé complet — est là.";
    let s = hl(&["resume"]).snippet(text, 200);
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
