use super::*;

fn word(t: &str) -> Atom {
    Atom::Word {
        term: t.into(),
        prefix: false,
    }
}

fn typing(t: &str) -> Atom {
    Atom::Word {
        term: t.into(),
        prefix: true,
    }
}

fn clauses(q: &Query) -> Vec<Vec<Atom>> {
    q.clauses.iter().map(|c| c.any.clone()).collect()
}

fn ignored(input: &str) -> Vec<&str> {
    Query::parse(input)
        .ignored
        .iter()
        .map(|i| &input[i.range.clone()])
        .collect()
}

#[test]
fn words_are_normalized_and_the_last_one_is_a_prefix_while_typing() {
    let q = Query::parse("Idlib Agree");
    assert_eq!(clauses(&q), [vec![word("idlib")], vec![typing("agree")]]);
    let q = Query::parse("Idlib Agree ");
    assert_eq!(clauses(&q), [vec![word("idlib")], vec![word("agree")]]);
}

#[test]
fn quotes_make_phrases_and_hyphenated_words_are_phrases_too() {
    let q = Query::parse("\"political process\" UN-led ");
    assert_eq!(
        clauses(&q),
        [
            vec![Atom::Phrase {
                terms: vec!["political".into(), "process".into()],
                prefix: false
            }],
            vec![Atom::Phrase {
                terms: vec!["un".into(), "led".into()],
                prefix: false
            }]
        ]
    );
    // An unclosed quote at the end is a phrase being typed.
    let q = Query::parse("\"political proc");
    assert_eq!(
        clauses(&q),
        [vec![Atom::Phrase {
            terms: vec!["political".into(), "proc".into()],
            prefix: true
        }]]
    );
    // A quoted single word is exact: a phrase of one.
    assert_eq!(
        clauses(&Query::parse("\"union\"")),
        [vec![Atom::Phrase {
            terms: vec!["union".into()],
            prefix: false
        }]]
    );
}

#[test]
fn minus_excludes_and_or_joins() {
    let q = Query::parse("syria OR lebanon -war -\"civil war\" ");
    assert_eq!(clauses(&q), [vec![word("syria"), word("lebanon")]]);
    assert_eq!(
        q.excluded,
        [
            word("war"),
            Atom::Phrase {
                terms: vec!["civil".into(), "war".into()],
                prefix: false
            }
        ]
    );
    assert!(q.ignored.is_empty());
    // Lowercase "or" is a word.
    assert_eq!(clauses(&Query::parse("a or b ")).len(), 3);
}

#[test]
fn fields_take_bare_or_quoted_values() {
    let q = Query::parse("source:\"Abraham Lincoln\" title:Envoy tag:sotu lang:en");
    let fields: Vec<(Field, Vec<String>, bool)> = q
        .clauses
        .iter()
        .map(|c| match &c.any[0] {
            Atom::Field {
                field,
                terms,
                prefix,
            } => (*field, terms.clone(), *prefix),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        fields,
        [
            (
                Field::Source,
                vec!["abraham".into(), "lincoln".into()],
                false
            ),
            (Field::Title, vec!["envoy".into()], false),
            (Field::Tag, vec!["sotu".into()], false),
            (Field::Lang, vec!["en".into()], true),
        ]
    );
    // Not a field: the text is searched as words.
    assert_eq!(
        clauses(&Query::parse("note:this ")),
        [vec![Atom::Phrase {
            terms: vec!["note".into(), "this".into()],
            prefix: false
        }]]
    );
}

#[test]
fn date_filters_cover_whole_periods() {
    let range = |input: &str| match &Query::parse(input).clauses[0].any[0] {
        Atom::Date(r) => *r,
        other => panic!("{other:?}"),
    };
    let day = |s: &str| Date::parse_iso(s).unwrap();
    assert_eq!(
        range("date:1861"),
        DateRange {
            start: Some(day("1861-01-01").first_day()),
            end: Some(day("1861-12-31").first_day())
        }
    );
    assert_eq!(
        range("date:2018-10..2019-03"),
        DateRange {
            start: Some(day("2018-10-01").first_day()),
            end: Some(day("2019-03-31").first_day())
        }
    );
    assert_eq!(range("date:1865..1861"), range("date:1861..1865"));
    assert_eq!(
        range("before:1900"),
        DateRange {
            start: None,
            end: Some(day("1899-12-31").first_day())
        }
    );
    assert_eq!(
        range("after:2001-09-11"),
        DateRange {
            start: Some(day("2001-09-12").first_day()),
            end: None
        }
    );
    assert_eq!(range("date:..1900").start, None);
    let r = range("date:1861");
    assert!(r.contains(&day("1861-03-04")));
    assert!(r.contains(&Date::parse_iso("1861").unwrap()));
    assert!(!range("date:1861-03").contains(&Date::parse_iso("1861").unwrap()));
}

#[test]
fn what_is_not_understood_is_marked_and_the_rest_is_searched() {
    assert_eq!(ignored("idlib date:18xx"), ["date:18xx"]);
    assert_eq!(ignored("OR idlib"), ["OR"]);
    assert_eq!(ignored("idlib OR"), ["OR"]);
    assert_eq!(ignored("idlib - war"), ["-"]);
    assert_eq!(ignored("source: idlib"), ["source:"]);
    assert_eq!(ignored("\"\" idlib"), ["\"\""]);
    assert_eq!(ignored("before:2018-02-30 x"), ["before:2018-02-30"]);
    assert_eq!(ignored("date:.. x"), ["date:.."]);
    let q = Query::parse("idlib date:18xx");
    assert_eq!(clauses(&q), [vec![word("idlib")]]);
    assert!(q.ignored[0].reason.contains("not a date"));
}

#[test]
fn punctuation_alone_is_skipped_silently() {
    let q = Query::parse("— , idlib");
    assert_eq!(clauses(&q), [vec![typing("idlib")]]);
    assert!(q.ignored.is_empty());
    assert!(Query::parse("   ").is_empty());
    assert!(Query::parse("").is_empty());
}

#[test]
fn only_exclusions_is_still_a_query() {
    let q = Query::parse("-war");
    assert!(q.clauses.is_empty());
    assert_eq!(q.excluded, [word("war")]);
    assert!(!q.is_empty());
}

proptest::proptest! {
    /// Ignored ranges are real slices of the input, and parsing never panics.
    #[test]
    fn never_panics_and_ranges_are_sound(input in "[a-z \"\\-:.OR()0-9éخ]{0,30}") {
        let q = Query::parse(&input);
        for i in &q.ignored {
            proptest::prop_assert!(i.range.start <= i.range.end && i.range.end <= input.len());
            proptest::prop_assert!(input.is_char_boundary(i.range.start) && input.is_char_boundary(i.range.end));
        }
        for a in q.atoms() {
            match a {
                Atom::Word { term, .. } => proptest::prop_assert!(!term.is_empty()),
                Atom::Phrase { terms, .. } | Atom::Field { terms, .. } => proptest::prop_assert!(!terms.is_empty()),
                Atom::Date(_) => {}
            }
        }
    }
}
