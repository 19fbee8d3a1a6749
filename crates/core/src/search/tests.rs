use std::collections::BTreeSet;

use proptest::prelude::*;

use super::*;
use crate::load::load_corpus;
use crate::query::Query;

fn corpus(json: &str) -> Corpus {
    load_corpus(json.as_bytes()).unwrap().corpus
}

fn sample() -> Corpus {
    corpus(
        r#"[
        {"id":"old","title":"Idlib talks","body":"The agreement on Idlib. Negotiations continue.","date":"1861","source":"Abraham Lincoln","tags":["State of the Union"]},
        {"id":"new","title":"Budget","body":"Idlib is mentioned once. Agreement. The goverment spoke.","date":"2018-10-17","source":"Syrian Coalition","agency":"ARK News"},
        {"id":"undated","title":"Notes","body":"Nothing about it. negotiating was hard."},
        {"id":"mid","title":"Résumé of the agreement","body":"An Agreement, agreed. The political process resumed; process political.","date":"1999-05","source":"George Washington","language":"en"},
        {"id":"gov","title":"Government","body":"The government and governments of the world.","date":"1999-05-02","people":["James Jeffrey"]}
    ]"#,
    )
}

fn ids(index: &SearchIndex, c: &Corpus, q: &str, sort: Sort) -> Vec<String> {
    index
        .search(&Query::parse(q), sort)
        .ids
        .iter()
        .map(|id| c.get(*id).unwrap().id.clone())
        .collect()
}

fn rel(index: &SearchIndex, c: &Corpus, q: &str) -> Vec<String> {
    ids(index, c, q, Sort::Relevance)
}

#[test]
fn an_empty_query_lists_everything_newest_first_undated_last() {
    let c = sample();
    let index = SearchIndex::build(&c);
    assert_eq!(rel(&index, &c, ""), ["new", "gov", "mid", "old", "undated"]);
    assert_eq!(
        ids(&index, &c, "", Sort::Oldest),
        ["old", "mid", "gov", "new", "undated"]
    );
}

#[test]
fn every_word_must_match_and_title_words_rank_first() {
    let c = sample();
    let index = SearchIndex::build(&c);
    assert_eq!(rel(&index, &c, "idlib "), ["old", "new"]);
    assert_eq!(rel(&index, &c, "IDLIB budget "), ["new"]);
    assert!(rel(&index, &c, "idlib zebra ").is_empty());
}

#[test]
fn sort_orders_are_by_date() {
    let c = sample();
    let index = SearchIndex::build(&c);
    assert_eq!(ids(&index, &c, "idlib ", Sort::Newest), ["new", "old"]);
    assert_eq!(ids(&index, &c, "idlib ", Sort::Oldest), ["old", "new"]);
}

#[test]
fn a_typo_finds_the_word_and_exact_matches_rank_first() {
    // See: #3 (`goverment` finds the documents that contain `government`)
    let c = sample();
    let index = SearchIndex::build(&c);
    let found = rel(&index, &c, "goverment ");
    assert_eq!(
        found,
        ["new", "gov"],
        "exact `goverment` first, then the typo match"
    );
    assert_eq!(rel(&index, &c, "government "), ["gov", "new"]);
}

#[test]
fn stemming_finds_other_forms_and_exact_forms_rank_first() {
    // See: #3 (`negotiations` finds `negotiating`)
    let c = sample();
    let index = SearchIndex::build(&c);
    assert_eq!(rel(&index, &c, "negotiations "), ["old", "undated"]);
    assert_eq!(rel(&index, &c, "negotiating "), ["undated", "old"]);
}

#[test]
fn the_last_word_is_a_prefix_while_typing() {
    let c = sample();
    let index = SearchIndex::build(&c);
    assert_eq!(rel(&index, &c, "idl"), ["old", "new"]);
    assert!(rel(&index, &c, "idl ").is_empty());
}

#[test]
fn phrases_need_the_words_in_order() {
    let c = sample();
    let index = SearchIndex::build(&c);
    assert_eq!(rel(&index, &c, "\"political process\""), ["mid"]);
    assert_eq!(rel(&index, &c, "\"process political\""), ["mid"]);
    assert!(rel(&index, &c, "\"agreement political\"").is_empty());
    // A phrase never joins the end of the title to the start of the body.
    assert!(rel(&index, &c, "\"budget idlib\"").is_empty());
    assert_eq!(rel(&index, &c, "\"political proc"), ["mid"]);
}

#[test]
fn exclusions_and_alternatives() {
    let c = sample();
    let index = SearchIndex::build(&c);
    assert_eq!(rel(&index, &c, "idlib -budget "), ["old"]);
    let mut either = rel(&index, &c, "budget OR notes ");
    either.sort();
    assert_eq!(either, ["new", "undated"]);
    let all_but: Vec<String> = rel(&index, &c, "-idlib ");
    assert_eq!(all_but, ["gov", "mid", "undated"]);
}

#[test]
fn fields_and_dates() {
    let c = sample();
    let index = SearchIndex::build(&c);
    assert_eq!(rel(&index, &c, "source:\"Abraham Lincoln\""), ["old"]);
    assert_eq!(rel(&index, &c, "source:linc"), ["old"]);
    assert_eq!(rel(&index, &c, "agency:ark "), ["new"]);
    assert_eq!(rel(&index, &c, "tag:\"state of the union\""), ["old"]);
    assert_eq!(rel(&index, &c, "person:jeffrey "), ["gov"]);
    assert_eq!(rel(&index, &c, "lang:en "), ["mid"]);
    assert_eq!(rel(&index, &c, "title:talks "), ["old"]);
    assert!(rel(&index, &c, "title:agreement ").contains(&"mid".to_string()));
    assert!(!rel(&index, &c, "title:agreement ").contains(&"old".to_string()));
    assert_eq!(rel(&index, &c, "date:1999 "), ["gov", "mid"]);
    assert_eq!(rel(&index, &c, "date:1999-05-02 "), ["gov"]);
    assert_eq!(rel(&index, &c, "date:1800..1999 "), ["gov", "mid", "old"]);
    assert_eq!(rel(&index, &c, "before:1900 "), ["old"]);
    assert_eq!(rel(&index, &c, "after:1999-05-01 "), ["new", "gov"]);
}

#[test]
fn accents_are_ignored_both_ways() {
    let c = sample();
    let index = SearchIndex::build(&c);
    assert_eq!(rel(&index, &c, "resume "), ["mid"]);
    assert_eq!(rel(&index, &c, "RÉSUMÉ "), ["mid"]);
}

#[test]
fn arabic_documents_are_found_across_spelling_variants() {
    // See: #3 (harakat, tatweel, alef forms, ى → ي, ة → ه)
    let c = corpus(include_str!("../../../../tests/fixtures/arabic.json"));
    let index = SearchIndex::build(&c);
    let found = |q: &str| rel(&index, &c, q);
    assert_eq!(found("إدلب "), ["ar-idlib"]);
    assert_eq!(found("ادلب "), ["ar-idlib"]);
    assert_eq!(found("إِدْلِبُ "), ["ar-idlib"]);
    assert_eq!(found("المدينة "), ["ar-city"]);
    assert_eq!(found("المدينه "), ["ar-city"]);
    assert_eq!(found("مستشفى "), ["ar-city"]);
    assert_eq!(found("مستشفي "), ["ar-city"]);
    assert_eq!(found("محمد "), ["ar-idlib"]);
}

#[test]
fn the_highlighter_holds_every_form_that_matched() {
    let c = sample();
    let index = SearchIndex::build(&c);
    let hits = index.search(&Query::parse("negotiations goverment "), Sort::Relevance);
    let h = &hits.highlighter;
    for t in ["negotiations", "negotiating", "goverment", "government"] {
        assert!(h.matches(t), "{t}");
    }
    assert!(!h.matches("governments") || typo_budget("goverment".len()) == 2);
}

// ---------------------------------------------------------------------------------
// Property test: the index returns exactly what a brute-force scan returns.
// ---------------------------------------------------------------------------------

const VOCAB: &[&str] = &[
    "union",
    "unions",
    "united",
    "unite",
    "negotiation",
    "negotiations",
    "negotiating",
    "state",
    "states",
    "stage",
    "government",
    "goverment",
    "governments",
    "peace",
    "piece",
    "war",
    "wars",
    "idlib",
    "syria",
    "résumé",
    "resume",
    "the",
    "a",
    "process",
    "political",
    "council's",
    "UN-led",
    "1861",
];

fn text_strategy(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        (
            proptest::sample::select(VOCAB),
            proptest::sample::select(&[" ", " ", ", ", ". ", "\n\n"][..]),
        ),
        0..max,
    )
    .prop_map(|ws| ws.into_iter().map(|(w, sep)| format!("{w}{sep}")).collect())
}

fn doc_strategy() -> impl Strategy<Value = String> {
    (
        text_strategy(4),
        text_strategy(14),
        proptest::option::of(proptest::sample::select(
            &[
                "1861",
                "1861-03",
                "1861-03-04",
                "1865",
                "2018-10-17",
                "2001-09-11",
                "2001",
            ][..],
        )),
        proptest::option::of(proptest::sample::select(
            &["Abraham Lincoln", "George Washington", "Syrian Coalition"][..],
        )),
        proptest::sample::subsequence(vec!["State of the Union", "peace", "war"], 0..3),
        proptest::option::of(proptest::sample::select(&["en", "en-GB", "ar"][..])),
    )
        .prop_map(|(title, body, date, source, tags, lang)| {
            let title = if title.trim().is_empty() {
                "untitled".to_string()
            } else {
                title
            };
            let mut fields = vec![
                format!("\"title\":{}", json_string(&title)),
                format!("\"body\":{}", json_string(&body)),
                format!(
                    "\"tags\":[{}]",
                    tags.iter()
                        .map(|t| json_string(t))
                        .collect::<Vec<_>>()
                        .join(",")
                ),
            ];
            if let Some(d) = date {
                fields.push(format!("\"date\":\"{d}\""));
            }
            if let Some(s) = source {
                fields.push(format!("\"source\":\"{s}\""));
            }
            if let Some(l) = lang {
                fields.push(format!("\"language\":\"{l}\""));
            }
            fields.join(",")
        })
}

fn json_string(s: &str) -> String {
    let mut out = String::new();
    crate::json::write_string(s, &mut out);
    out
}

fn query_strategy() -> impl Strategy<Value = String> {
    let word = proptest::sample::select(VOCAB).prop_map(|w| w.to_string());
    let typed = proptest::sample::select(VOCAB).prop_flat_map(|w| {
        let n = w.chars().count();
        (1..=n).prop_map(move |k| w.chars().take(k).collect::<String>())
    });
    let part = prop_oneof![
        3 => word.clone(),
        1 => typed,
        1 => (word.clone(), word.clone()).prop_map(|(a, b)| format!("\"{a} {b}\"")),
        1 => word.clone().prop_map(|w| format!("-{w}")),
        1 => (word.clone(), word.clone()).prop_map(|(a, b)| format!("{a} OR {b}")),
        1 => proptest::sample::select(&["source:lincoln", "source:\"abraham lincoln\"", "source:syr", "tag:\"state of the union\"", "tag:peace", "title:union", "title:\"political process\"", "lang:en", "lang:ar"][..]).prop_map(str::to_string),
        1 => proptest::sample::select(&["date:1861", "date:1861-03", "date:1861..1865", "date:2018-10..2019-03", "before:1900", "after:2001-09-11", "date:..1862", "date:2001.."][..]).prop_map(str::to_string),
    ];
    (proptest::collection::vec(part, 1..4), proptest::bool::ANY).prop_map(
        |(parts, trailing_space)| {
            let mut q = parts.join(" ");
            if trailing_space {
                q.push(' ');
            }
            q
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// See: #3 — the index agrees with a brute-force scan using the same normalization,
    /// for words, prefixes, typos, stems, phrases, exclusions, OR, fields and dates.
    #[test]
    fn index_matches_brute_force(docs in proptest::collection::vec(doc_strategy(), 1..12), q in query_strategy()) {
        let json = format!("[{}]", docs.iter().enumerate().map(|(i, d)| format!("{{\"id\":\"d{i}\",{d}}}")).collect::<Vec<_>>().join(","));
        let c = corpus(&json);
        let index = SearchIndex::build(&c);
        let query = Query::parse(&q);
        let hits = index.search(&query, Sort::Relevance);
        let got: BTreeSet<u32> = hits.matches.iter().collect();
        let want = oracle::matching(&c, &query, index.stemmer());
        prop_assert_eq!(&got, &want, "query {:?} parsed as {:?}", q, query);
        // Every sort lists exactly the matches, each once.
        for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
            let ids: Vec<u32> = index.search(&query, sort).ids.iter().map(|d| d.0).collect();
            let as_set: BTreeSet<u32> = ids.iter().copied().collect();
            prop_assert_eq!(ids.len(), as_set.len());
            prop_assert_eq!(&as_set, &want);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Segments built from consecutive runs of documents and merged are exactly the
    /// index of all the documents built at once: same terms, postings, titles, lengths,
    /// dates and metadata, and so the same answers. (Loading in parallel relies on it.)
    #[test]
    fn merged_segments_are_the_whole_index(
        docs in proptest::collection::vec(doc_strategy(), 1..16),
        cuts in proptest::collection::vec(0usize..16, 0..5),
        q in query_strategy(),
    ) {
        let json = format!("[{}]", docs.iter().enumerate().map(|(i, d)| format!("{{\"id\":\"d{i}\",{d}}}")).collect::<Vec<_>>().join(","));
        let c = corpus(&json);
        let mut all = SegmentBuilder::new();
        for d in &c.documents {
            all.add(d);
        }
        let whole = all.finish();
        let mut cuts: Vec<usize> = cuts.into_iter().map(|k| k.min(c.documents.len())).collect();
        cuts.push(0);
        cuts.push(c.documents.len());
        cuts.sort_unstable();
        let mut builder = SegmentBuilder::new();
        let parts: Vec<Segment> = cuts
            .windows(2)
            .map(|w| {
                for d in &c.documents[w[0]..w[1]] {
                    builder.add(d);
                }
                builder.finish()
            })
            .collect();
        let merged = merge::merge(parts);
        prop_assert_eq!(&merged, &whole);
        let (a, b) = (SearchIndex::new(merged), SearchIndex::new(whole));
        let query = Query::parse(&q);
        prop_assert_eq!(a.search(&query, Sort::Relevance), b.search(&query, Sort::Relevance));
    }
}

#[test]
fn a_word_being_typed_reaches_its_most_frequent_completions() {
    // See: #9 ("t" reaches a hundred thousand terms in an archive of mail; the page
    // must answer within a frame).
    let docs: Vec<String> = (0..400)
        .map(|i| {
            // Term t{k} is in k % 7 + 1 documents.
            let k = i % 160;
            format!("{{\"id\":\"d{i}\",\"title\":\"x\",\"body\":\"t{k:03} filler\"}}")
        })
        .collect();
    let c = corpus(&format!("[{}]", docs.join(",")));
    let index = SearchIndex::build(&c);
    let query = Query::parse("t");
    let got: BTreeSet<u32> = index
        .search(&query, Sort::Relevance)
        .matches
        .iter()
        .collect();
    let want = oracle::matching(&c, &query, index.stemmer());
    assert_eq!(got, want);
    assert!(
        got.len() < 400,
        "only the most frequent completions: {}",
        got.len()
    );
    assert!(got.len() >= 250);
}

#[test]
fn words_close_together_rank_before_words_far_apart() {
    // "far" says both words more often (BM25 prefers it), "near" says them together.
    let c = corpus(
        r#"[
        {"id":"far","title":"A","body":"Peace came late; peace was slow. Many other words stand between here and there, and then came the talks, long talks."},
        {"id":"near","title":"B","body":"They hoped the peace talks would end it."},
        {"id":"reversed","title":"C","body":"The talks of peace, they said."},
        {"id":"title","title":"Peace talks resume","body":"Delegates met."},
        {"id":"typo","title":"D","body":"The peace tallks began."}
    ]"#,
    );
    let index = SearchIndex::build(&c);
    // In the title first, then together in order, then in the other order, then apart;
    // a typo costs more than any distance (the rules before proximity come first).
    assert_eq!(
        rel(&index, &c, "peace talks "),
        ["title", "near", "reversed", "far", "typo"]
    );
    // One word: nothing to measure, BM25 alone.
    assert_eq!(rel(&index, &c, "peace ").len(), 5);
}

#[test]
fn a_passage_whose_words_stand_all_together_ranks_first() {
    let c = corpus(
        r#"[
        {"id":"pairs","title":"A","body":"The civil rights of all. An act of rights act. civil rights, and rights act."},
        {"id":"whole","title":"B","body":"They passed the civil rights act at last."}
    ]"#,
    );
    let index = SearchIndex::build(&c);
    assert_eq!(rel(&index, &c, "civil rights act "), ["whole", "pairs"]);
}

#[test]
fn arabic_words_are_found_with_their_article_conjunction_prefixes_and_plurals() {
    let c = corpus(include_str!("../../../../tests/fixtures/arabic-press.json"));
    let index = SearchIndex::build(&c);
    let found = |q: &str| -> BTreeSet<String> { rel(&index, &c, q).into_iter().collect() };
    let set = |ids: &[&str]| -> BTreeSet<String> { ids.iter().map(|s| s.to_string()).collect() };
    // المفاوضات, مفاوضات, والمفاوضات and بالمفاوضات are one word to a reader.
    let negotiations = set(&[
        "ar-talks-geneva",
        "ar-envoy",
        "ar-process",
        "ar-commitment",
        "ar-constitution",
    ]);
    for form in ["المفاوضات", "مفاوضات", "والمفاوضات", "بالمفاوضات"]
    {
        assert_eq!(found(&format!("{form} ")), negotiations, "{form}");
    }
    // The form typed ranks first.
    assert_eq!(rel(&index, &c, "والمفاوضات ")[0], "ar-process");
    assert_eq!(rel(&index, &c, "المفاوضات ")[0], "ar-talks-geneva");
    // Plurals: اللاجئون and اللاجئين; السوريون and السوريين.
    assert_eq!(found("اللاجئين "), set(&["ar-refugees"]));
    assert!(found("السوريين ").is_superset(&set(&["ar-commitment", "ar-refugees"])));
    // The English document is not an Arabic word's match.
    assert!(!found("مفاوضات ").contains("en-talks"));
}

#[test]
fn related_documents_share_the_rare_words_and_never_include_themselves() {
    let c = corpus(
        r#"[
        {"id":"a","title":"Idlib ceasefire","body":"The ceasefire in Idlib was discussed in Geneva. The talks go on."},
        {"id":"b","title":"Ceasefire holds in Idlib","body":"The ceasefire holds. The talks go on."},
        {"id":"c","title":"Geneva","body":"Delegates met in Geneva. The talks go on."},
        {"id":"d","title":"Budget","body":"The farm budget. The talks go on."},
        {"id":"e","title":"Farm budget","body":"Agriculture and the budget. The talks go on."}
    ]"#,
    );
    let index = SearchIndex::build(&c);
    let related = |id: &str| -> Vec<String> {
        let d = c.find(id).unwrap();
        let doc = c.get(d).unwrap();
        index
            .related(d, &doc.title, &doc.body, 5)
            .iter()
            .map(|r| c.get(*r).unwrap().id.clone())
            .collect()
    };
    // Idlib and ceasefire (two words) tie b closer than Geneva ties c; the words every
    // document has ("talks") relate nothing, so d and e are not listed.
    assert_eq!(related("a"), ["b", "c"]);
    assert_eq!(related("d"), ["e"]);
    assert_eq!(related("e"), ["d"]);
}
