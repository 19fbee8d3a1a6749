use super::*;
use proptest::prelude::*;

fn err(text: &str) -> (Position, String) {
    let e = parse(text).unwrap_err();
    (LineIndex::new(text).position(e.offset), e.message)
}

#[test]
fn parses_scalars_and_keeps_number_text() {
    assert_eq!(parse("null").unwrap().value, Value::Null);
    assert_eq!(parse(" true ").unwrap().value, Value::Bool(true));
    assert_eq!(
        parse("-12.50e+3").unwrap().value,
        Value::Number("-12.50e+3".into())
    );
    assert_eq!(
        parse(r#""a\"b\\c\u00e9\ud83d\ude00""#).unwrap().value,
        Value::String("a\"b\\cé😀".into())
    );
}

#[test]
fn records_offsets_of_values_and_keys() {
    let text = "{\n  \"title\": \"x\",\n  \"n\": [1, 2]\n}";
    let node = parse(text).unwrap();
    let Value::Object(members) = node.value else {
        panic!("object expected")
    };
    let lines = LineIndex::new(text);
    assert_eq!(members[0].0.name, "title");
    assert_eq!(
        lines.position(members[0].0.offset),
        Position { line: 2, column: 3 }
    );
    assert_eq!(
        lines.position(members[0].1.offset),
        Position {
            line: 2,
            column: 12
        }
    );
    assert_eq!(
        lines.position(members[1].1.offset),
        Position { line: 3, column: 8 }
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    let text = "[\"é€😀\", oops]";
    assert_eq!(err(text).0, Position { line: 1, column: 9 });
}

#[test]
fn reports_syntax_errors_with_line_and_column() {
    assert_eq!(err("{\n  \"a\": 1,\n}").0, Position { line: 3, column: 1 });
    assert!(err("{\n  \"a\": 1,\n}").1.contains("trailing comma"));
    assert_eq!(err("[1 2]").0, Position { line: 1, column: 4 });
    assert!(err("[1 2]").1.contains("expected `,` or `]`"));
    assert!(err("{\"a\" 1}").1.contains("`:`"));
    assert!(err("").1.contains("empty"));
    assert!(err("[1,").1.contains("ends early"));
    assert!(err("\"abc").1.contains("never closed"));
    assert_eq!(err("\"abc").0, Position { line: 1, column: 1 });
    assert!(err("[01]").1.contains("`,` or `]`"));
    assert!(err("[1.]").1.contains("decimal point"));
    assert!(err("\"\\x\"").1.contains("unknown escape"));
    assert!(err("{} {}").1.contains("after the end"));
    assert!(err("[tru]").1.contains("`true`"));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let text = "[".repeat(10_000);
    assert!(err(&text).1.contains("nested too deeply"));
}

#[test]
fn lone_surrogates_become_replacement_characters() {
    assert_eq!(
        parse(r#""\ud800x""#).unwrap().value,
        Value::String("\u{FFFD}x".into())
    );
}

#[test]
fn to_json_round_trips() {
    let text = r#"{"a":[1,true,null,"x\ny"],"b":{"c":-0.5}}"#;
    assert_eq!(parse(text).unwrap().value.to_json(), text);
}

proptest! {
    /// The parser agrees with serde_json on what is valid JSON, and never panics.
    #[test]
    fn agrees_with_serde_json(text in "[\\[\\]{}\",:0-9a-z\\\\ .eE+-]{0,24}") {
        let ours = parse(&text).is_ok();
        let theirs = serde_json::from_str::<serde_json::Value>(&text).is_ok();
        prop_assert_eq!(ours, theirs, "{:?}", text);
    }

    #[test]
    fn strings_round_trip(s in "\\PC{0,40}") {
        let mut lit = String::new();
        write_string(&s, &mut lit);
        prop_assert_eq!(parse(&lit).unwrap().value, Value::String(s));
    }
}
