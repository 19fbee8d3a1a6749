use super::*;
use crate::load::load_corpus;

fn corpus(docs: &[(&str, &str, &str, Option<&str>)]) -> Corpus {
    let items: Vec<String> = docs
        .iter()
        .map(|(id, title, body, date)| {
            let date = date.map_or(String::new(), |d| format!(r#","date":"{d}""#));
            format!(r#"{{"id":"{id}","title":"{title}","body":"{body}"{date}}}"#)
        })
        .collect();
    load_corpus(format!("[{}]", items.join(",")).as_bytes())
        .unwrap()
        .corpus
}

fn ids(index: &SearchIndex, c: &Corpus, q: &str) -> Vec<String> {
    index
        .search(&Query::parse(q))
        .ids
        .iter()
        .map(|id| c.get(*id).unwrap().id.clone())
        .collect()
}

fn sample() -> Corpus {
    corpus(&[
        (
            "old",
            "Idlib talks",
            "The agreement on Idlib.",
            Some("1861"),
        ),
        (
            "new",
            "Budget",
            "Idlib is mentioned once. Agreement.",
            Some("2018-10-17"),
        ),
        ("undated", "Notes", "Nothing about it.", None),
        (
            "mid",
            "Résumé of the agreement",
            "An Agreement, agreed.",
            Some("1999-05"),
        ),
    ])
}

#[test]
fn an_empty_query_lists_everything_newest_first_undated_last() {
    let c = sample();
    let index = SearchIndex::build(&c);
    assert_eq!(ids(&index, &c, ""), ["new", "mid", "old", "undated"]);
    assert_eq!(ids(&index, &c, "  ,, "), ["new", "mid", "old", "undated"]);
}

#[test]
fn every_word_must_match_case_insensitively() {
    let c = sample();
    let index = SearchIndex::build(&c);
    assert_eq!(ids(&index, &c, "IDLIB agreement "), ["old", "new"]);
    assert_eq!(ids(&index, &c, "idlib budget "), ["new"]);
    assert!(ids(&index, &c, "idlib zebra ").is_empty());
}

#[test]
fn title_matches_rank_first() {
    let c = sample();
    let index = SearchIndex::build(&c);
    assert_eq!(ids(&index, &c, "idlib "), ["old", "new"]);
}

#[test]
fn the_last_word_matches_as_a_prefix_while_typing() {
    let c = sample();
    let index = SearchIndex::build(&c);
    assert_eq!(ids(&index, &c, "idl"), ["old", "new"]);
    assert!(
        ids(&index, &c, "idl ").is_empty(),
        "a finished word is exact"
    );
    assert_eq!(ids(&index, &c, "agree").len(), 3);
}

#[test]
fn accents_are_ignored_both_ways() {
    let c = sample();
    let index = SearchIndex::build(&c);
    assert_eq!(ids(&index, &c, "resume "), ["mid"]);
    assert_eq!(ids(&index, &c, "RÉSUMÉ "), ["mid"]);
}

#[test]
fn query_parsing_keeps_order_and_drops_repeats() {
    let q = Query::parse("b a b");
    assert_eq!(q.words, ["b", "a"]);
    assert!(!q.last_is_prefix);
    assert!(Query::parse("a b").last_is_prefix);
    assert!(!Query::parse("a b.").last_is_prefix);
}
