use super::*;
use crate::load::load_corpus;
use crate::query::Query;
use crate::search::Sort;

fn index() -> SearchIndex {
    let corpus = load_corpus(
        br#"[
        {"id":"a","title":"One","body":"peace","date":"1861","source":"Lincoln","tags":["war","union"]},
        {"id":"b","title":"Two","body":"peace","date":"1862-03","source":"Lincoln","tags":["war"]},
        {"id":"c","title":"Three","body":"peace","date":"1862-03-04","source":"Grant","tags":["union"]},
        {"id":"d","title":"Four","body":"war","date":"1901","source":"Roosevelt"},
        {"id":"e","title":"Five","body":"peace","source":"Grant","language":"en"}
    ]"#,
    )
    .unwrap()
    .corpus;
    SearchIndex::build(&corpus)
}

fn ids(index: &SearchIndex, q: &str, sel: &Selection) -> Vec<u32> {
    let hits = index.search(&Query::parse(q), Sort::Oldest);
    Narrowing::new(index, sel)
        .apply(&hits)
        .iter()
        .map(|d| d.0)
        .collect()
}

fn counts(
    index: &SearchIndex,
    q: &str,
    sel: &Selection,
    facet: Facet,
) -> Vec<(String, usize, bool)> {
    let hits = index.search(&Query::parse(q), Sort::Relevance);
    Narrowing::new(index, sel)
        .facet_counts(index, &hits.matches, sel)
        .into_iter()
        .find(|f| f.facet == facet)
        .map(|f| {
            f.values
                .into_iter()
                .map(|v| (v.value, v.count, v.selected))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn values_of_one_facet_widen_and_facets_narrow_each_other() {
    let index = index();
    let mut sel = Selection::default();
    sel.toggle(Facet::Field(Field::Source), "Lincoln");
    assert_eq!(ids(&index, "", &sel), [0, 1]);
    sel.toggle(Facet::Field(Field::Source), "Grant");
    assert_eq!(ids(&index, "", &sel), [0, 1, 2, 4]);
    sel.toggle(Facet::Field(Field::Tag), "union");
    assert_eq!(ids(&index, "", &sel), [0, 2]);
    sel.toggle(Facet::Field(Field::Tag), "union");
    sel.toggle(Facet::Field(Field::Source), "Lincoln");
    assert_eq!(ids(&index, "", &sel), [2, 4]);
}

#[test]
fn a_facet_ignores_its_own_selection_when_counting() {
    // See: #4 (cross-filtered counts)
    let index = index();
    let mut sel = Selection::default();
    sel.toggle(Facet::Field(Field::Source), "Lincoln");
    let sources = counts(&index, "", &sel, Facet::Field(Field::Source));
    assert_eq!(
        sources,
        [
            ("Grant".to_string(), 2, false),
            ("Lincoln".to_string(), 2, true),
            ("Roosevelt".to_string(), 1, false)
        ]
    );
    // Other facets count only Lincoln's documents.
    let tags = counts(&index, "", &sel, Facet::Field(Field::Tag));
    assert_eq!(
        tags,
        [
            ("war".to_string(), 2, false),
            ("union".to_string(), 1, false)
        ]
    );
    // And the query narrows everything.
    let tags = counts(
        &index,
        "peace ",
        &Selection::default(),
        Facet::Field(Field::Tag),
    );
    assert_eq!(
        tags,
        [
            ("union".to_string(), 2, false),
            ("war".to_string(), 2, false)
        ]
    );
}

#[test]
fn years_are_a_facet_too() {
    let index = index();
    let years = counts(&index, "", &Selection::default(), Facet::Year);
    assert_eq!(
        years,
        [
            ("1901".to_string(), 1, false),
            ("1862".to_string(), 2, false),
            ("1861".to_string(), 1, false)
        ]
    );
    let mut sel = Selection::default();
    sel.toggle(Facet::Year, "1862");
    assert_eq!(ids(&index, "", &sel), [1, 2]);
}

#[test]
fn the_range_keeps_documents_dated_wholly_inside() {
    let index = index();
    let sel = Selection {
        range: Some(crate::query::DateRange {
            start: Some(
                crate::date::Date::parse_iso("1862-01-01")
                    .unwrap()
                    .first_day(),
            ),
            end: Some(
                crate::date::Date::parse_iso("1862-12-31")
                    .unwrap()
                    .first_day(),
            ),
        }),
        ..Default::default()
    };
    assert_eq!(ids(&index, "", &sel), [1, 2]);
    // Counts respect the range (the source facet sees only 1862).
    let sources = counts(&index, "", &sel, Facet::Field(Field::Source));
    assert_eq!(
        sources,
        [
            ("Grant".to_string(), 1, false),
            ("Lincoln".to_string(), 1, false)
        ]
    );
}

#[test]
fn selected_values_that_match_nothing_still_show() {
    let index = index();
    let mut sel = Selection::default();
    sel.toggle(Facet::Field(Field::Source), "Nobody");
    let sources = counts(&index, "", &sel, Facet::Field(Field::Source));
    assert!(sources.contains(&("Nobody".to_string(), 0, true)));
    assert!(ids(&index, "", &sel).is_empty());
}

#[test]
fn only_facets_the_corpus_has_are_offered() {
    let index = index();
    let present: Vec<&str> = facets_present(&index).iter().map(|f| f.key()).collect();
    assert_eq!(present, ["source", "year", "tag", "lang"]);
}
