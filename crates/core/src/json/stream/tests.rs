use super::*;
use proptest::prelude::*;

/// What a stream produced, in a comparable form.
#[derive(Debug, PartialEq, Eq)]
enum Seen {
    Header(String, String, Position),
    Doc(usize, String, Position),
    Bad(usize, String, Position),
}

fn run(input: &[u8], chunk: usize, lines: bool) -> (Vec<Seen>, Option<LoadError>) {
    let mut stream = if lines {
        Stream::json_lines()
    } else {
        Stream::new()
    };
    let mut seen = Vec::new();
    let mut f = |item: Item, loc: &Locator| -> Result<(), ()> {
        seen.push(match item {
            Item::Header(k, v) => Seen::Header(k.name, v.value.to_json(), loc.position(v.offset)),
            Item::Document(i, raw) => match crate::json::parse(raw.text) {
                Ok(n) => Seen::Doc(i, n.value.to_json(), raw.position),
                Err(e) => Seen::Bad(
                    i,
                    e.message.clone(),
                    Locator::new(raw.text, raw.position).position(e.offset),
                ),
            },
        });
        Ok(())
    };
    let mut error = None;
    for c in input.chunks(chunk.max(1)) {
        if let Err(Stopped::Input(e)) = stream.feed(c, &mut f) {
            error = Some(e);
            break;
        }
    }
    if error.is_none() {
        if let Err(Stopped::Input(e)) = stream.finish(&mut f) {
            error = Some(e);
        }
    }
    (seen, error)
}

fn same_in_any_chunks(input: &str) -> (Vec<Seen>, Option<LoadError>) {
    let whole = run(input.as_bytes(), usize::MAX, false);
    for chunk in [1, 2, 3, 7, 16] {
        assert_eq!(
            run(input.as_bytes(), chunk, false),
            whole,
            "chunk size {chunk} for {input:?}"
        );
    }
    whole
}

#[test]
fn a_corpus_object_yields_headers_and_documents() {
    let (seen, err) = same_in_any_chunks(
        "{\"format\":\"chronicle-corpus\",\"title\":\"T\",\n\"documents\":[\n {\"id\":\"a\"},\n {\"id\":\"é\"}\n],\"x\":1}",
    );
    assert_eq!(err, None);
    assert_eq!(
        seen,
        [
            Seen::Header(
                "format".into(),
                "\"chronicle-corpus\"".into(),
                Position {
                    line: 1,
                    column: 11
                }
            ),
            Seen::Header(
                "title".into(),
                "\"T\"".into(),
                Position {
                    line: 1,
                    column: 38
                }
            ),
            Seen::Doc(0, "{\"id\":\"a\"}".into(), Position { line: 3, column: 2 }),
            Seen::Doc(1, "{\"id\":\"é\"}".into(), Position { line: 4, column: 2 }),
            Seen::Header("x".into(), "1".into(), Position { line: 5, column: 7 }),
        ]
    );
}

#[test]
fn a_bare_array_and_json_lines() {
    let (seen, err) = same_in_any_chunks("[{\"id\":1},{\"id\":2}]");
    assert_eq!(err, None);
    assert_eq!(seen.len(), 2);
    let (seen, err) = same_in_any_chunks("{\"id\":1}\n{\"id\":2\n\n{\"id\":3}\n");
    assert_eq!(err, None);
    assert_eq!(
        seen,
        [
            Seen::Doc(0, "{\"id\":1}".into(), Position { line: 1, column: 1 }),
            Seen::Bad(
                1,
                "the input ends early: expected `,` or `}`".into(),
                Position { line: 2, column: 8 }
            ),
            Seen::Doc(2, "{\"id\":3}".into(), Position { line: 4, column: 1 }),
        ]
    );
}

#[test]
fn errors_say_where_whatever_the_chunking() {
    // Broken inside, a document costs only itself.
    let (seen, err) =
        same_in_any_chunks("{\"documents\": [\n  {\"id\": \"a\",},{\"id\":\"b\"}\n]}");
    assert_eq!(err, None);
    assert_eq!(
        seen,
        [
            Seen::Bad(
                0,
                "a trailing comma before `}`".into(),
                Position {
                    line: 2,
                    column: 14
                }
            ),
            Seen::Doc(
                1,
                "{\"id\":\"b\"}".into(),
                Position {
                    line: 2,
                    column: 16
                }
            ),
        ]
    );
    // A bracket that does not match is an error of the file.
    let (_, err) = same_in_any_chunks("[{\"id\": [1}]");
    assert_eq!(
        err,
        Some(LoadError::Syntax {
            message: "`}` does not close the `[` before it (a bracket or a quote is missing)"
                .into(),
            position: Position {
                line: 1,
                column: 11
            }
        })
    );
    // Nesting deeper than the parser goes rejects the document, not the file.
    let deep = format!(
        "[{{\"id\":\"x\",\"meta\":{}{}}},{{\"id\":\"y\"}}]",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let (seen, err) = run(deep.as_bytes(), 1000, false);
    assert_eq!(err, None);
    assert!(
        matches!(&seen[0], Seen::Bad(0, m, _) if m.contains("nested too deeply")),
        "{:?}",
        seen[0]
    );
    assert!(matches!(&seen[1], Seen::Doc(1, _, _)));
    // A control character is named, not shown raw between backticks.
    let (_, err) = same_in_any_chunks("[1 \u{1}]");
    assert_eq!(
        err,
        Some(LoadError::Syntax {
            message: "expected `,` or `]`, found the control character U+0001".into(),
            position: Position { line: 1, column: 4 }
        })
    );
    let (_, err) = same_in_any_chunks("[1,]");
    assert_eq!(
        err,
        Some(LoadError::Syntax {
            message: "a trailing comma before `]`".into(),
            position: Position { line: 1, column: 4 }
        })
    );
    let (_, err) = same_in_any_chunks("[{\"id\":1}");
    assert!(matches!(err, Some(LoadError::Syntax { message: m, .. }) if m.contains("ends early")));
    let (_, err) = same_in_any_chunks("[] x");
    assert_eq!(
        err,
        Some(LoadError::Syntax {
            message: "unexpected text after the end of the JSON value".into(),
            position: Position { line: 1, column: 4 }
        })
    );
    let (_, err) = same_in_any_chunks("\"hello\"");
    assert!(matches!(
        err,
        Some(LoadError::NotACorpus {
            why: NotACorpus::Found("a string"),
            ..
        })
    ));
    let (_, err) = same_in_any_chunks("{\"name\":\"x\"}");
    assert!(matches!(
        err,
        Some(LoadError::NotACorpus {
            why: NotACorpus::NoDocuments,
            ..
        })
    ));
    let (_, err) = same_in_any_chunks("  ");
    assert!(matches!(
        err,
        Some(LoadError::NotACorpus {
            why: NotACorpus::Empty,
            ..
        })
    ));
}

#[test]
fn invalid_utf8_is_found_even_across_chunks() {
    let input = b"[\n{\"id\":\"\xff\"}]";
    for chunk in [1, 3, 100] {
        let (_, err) = run(input, chunk, false);
        assert_eq!(
            err,
            Some(LoadError::NotUtf8 {
                position: Position { line: 2, column: 8 }
            }),
            "chunk {chunk}"
        );
    }
    // A character split across chunks is fine.
    let text = "[{\"id\":\"€😀\"}]";
    assert_eq!(run(text.as_bytes(), 1, false).1, None);
}

#[test]
fn numbers_and_escapes_split_across_chunks_are_whole() {
    let (seen, _) =
        same_in_any_chunks("{\"version\":12345,\"documents\":[{\"t\":\"\\ud83d\\ude00\\u00e9\"}]}");
    assert_eq!(
        seen[0],
        Seen::Header(
            "version".into(),
            "12345".into(),
            Position {
                line: 1,
                column: 12
            }
        )
    );
    assert_eq!(
        seen[1],
        Seen::Doc(
            0,
            "{\"t\":\"😀é\"}".into(),
            Position {
                line: 1,
                column: 31
            }
        )
    );
}

proptest! {
    /// Any input, cut anywhere, gives the same items and the same error.
    #[test]
    fn chunking_never_changes_the_outcome(input in "[\\[\\]{}\",:0-9a-z\\\\ \\n.é]{0,40}", chunk in 1usize..9) {
        let whole = run(input.as_bytes(), usize::MAX, false);
        prop_assert_eq!(run(input.as_bytes(), chunk, false), whole);
    }
}
