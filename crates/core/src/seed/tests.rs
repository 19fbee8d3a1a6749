use super::*;
use crate::metadata::Field;

const SEED: &str = include_str!("../../tests/data/press-release-2018-10-17.txt");

#[test]
fn parses_the_seed_exactly() {
    // See: #2
    let seed = parse_seed(
        SEED,
        "press-release-2018-10-17",
        "press-release-2018-10-17.txt",
    )
    .unwrap();
    assert!(seed.problems.is_empty(), "{:?}", seed.problems);
    let d = seed.document;
    assert_eq!(
        d.title,
        "The Coalition with the presence of the National Council’s representative meet US \
         Envoy to Discusses Ways to Reinvigorate UN-led Political Process"
    );
    assert_eq!(d.date.unwrap().to_iso(), "2018-10-17");
    assert_eq!(d.first(Field::Agency), Some("ARK News"));
    assert_eq!(d.first(Field::Source), Some("Syrian Coalition"));
    assert_eq!(d.meta.get("unplaced").map(String::as_str), Some("788"));
    let paragraphs: Vec<&str> = d.body.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 14);
    assert!(paragraphs[0].starts_with("A senior delegation from the Syrian Coalition"));
    assert!(paragraphs[1].starts_with("President Mustafa reaffirmed"));
    assert!(paragraphs[13].starts_with("Jeffrey pointed out that Washington"));
    assert!(paragraphs[13].ends_with("destroy civilian infrastructure."));
    assert!(!d.body.contains("Source:"));
    assert!(!d.body.contains("788"));
}

#[test]
fn every_body_line_of_the_seed_is_kept_in_order() {
    let d = parse_seed(SEED, "s", "s.txt").unwrap().document;
    let source_lines: Vec<&str> = SEED
        .lines()
        .skip(6)
        .filter(|l| !l.trim().is_empty() && !l.starts_with("Source:") && *l != "788")
        .collect();
    let mut expected = source_lines.join("\n\n");
    expected = expected.replacen("ARK News: ", "", 1);
    assert_eq!(d.body, expected);
}

#[test]
fn accepts_other_date_styles_and_no_repeated_title() {
    for date in [
        "17 October 2018",
        "2018-10-17",
        "October 17, 2018",
        "Wednesday, 17 Oct 2018",
    ] {
        let text = format!("Title\n{date}\nBody text.\nSource: X");
        let d = parse_seed(&text, "t", "t.txt").unwrap().document;
        assert_eq!(d.date.unwrap().to_iso(), "2018-10-17", "{date}");
        assert_eq!(d.body, "Body text.");
        assert_eq!(d.first(Field::Agency), None);
    }
}

#[test]
fn an_unreadable_date_is_a_warning_and_the_document_stays() {
    let text = "Title\n\n32 Octember 2018\n\nBody.\n";
    let seed = parse_seed(text, "t", "dir/t.txt").unwrap();
    assert_eq!(seed.document.date, None);
    assert_eq!(seed.document.meta["date_text"], "32 Octember 2018");
    assert_eq!(seed.document.body, "Body.");
    assert_eq!(seed.problems.len(), 1);
    let shown = seed.problems[0].to_string();
    assert!(
        shown.starts_with("warning: dir/t.txt:3:1, field \"date\":"),
        "{shown}"
    );
}

#[test]
fn a_missing_date_line_leaves_the_body_intact() {
    let seed = parse_seed(
        "Title\nHe said: this is the body, not an agency.",
        "t",
        "t.txt",
    )
    .unwrap();
    assert_eq!(seed.document.date, None);
    assert_eq!(seed.document.first(Field::Agency), None);
    assert_eq!(
        seed.document.body,
        "He said: this is the body, not an agency."
    );
    assert_eq!(seed.problems.len(), 1);
}

#[test]
fn hard_wrapped_paragraphs_are_joined_but_short_lines_are_not() {
    let text = "T\n2018\nThis line is long enough to be a hard-wrapped line of prose and\n\
                it continues here.\nHeading\nNext paragraph.";
    let d = parse_seed(text, "t", "t.txt").unwrap().document;
    assert_eq!(
        d.body,
        "This line is long enough to be a hard-wrapped line of prose and it continues here.\
         \n\nHeading\n\nNext paragraph."
    );
}

#[test]
fn an_empty_file_is_an_error() {
    let e = parse_seed(" \n\n", "t", "t.txt").unwrap_err();
    assert!(e.is_error());
    assert!(e.to_string().contains("empty"));
}

#[test]
fn ids_come_from_file_names() {
    assert_eq!(
        id_from_file_name("a/b/Press Release (2).TXT"),
        "press-release-2"
    );
    assert_eq!(
        id_from_file_name("press-release-2018-10-17.txt"),
        "press-release-2018-10-17"
    );
    assert_eq!(id_from_file_name("..."), "document");
}
