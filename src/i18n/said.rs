//! What the engine says, in the interface's language.
//!
//! # Overview
//! The core and the engine's worker write in English: why a part of a query was left
//! out, what is wrong with a corpus file, why an archive could not be opened. [`said`]
//! finds the sentence among the core's ([`SENTENCES`]) and the worker's
//! ([`WORKER_SENTENCES`]), each a template, `{}` standing for a value, and writes it in
//! the interface's language through the catalogue, each value said in
//! turn: a sentence inside another (`this document is not valid JSON: {}; document
//! rejected`, with the JSON error as its value) is translated whole. A value no sentence
//! matches (a field's name, an id, a quoted character) stays as written; one of digits
//! takes the language's digits. Tests feed the core broken input of every kind and fail
//! on a sentence left in English.

use super::{digits, fill, lang, Lang};

/// The core's English sentences (and the phrases that fill them), as it writes them.
const SENTENCES: &[&str] = &[
    // Why a part of a query was left out (chronicle_core::query).
    "OR needs a word on each side",
    "OR cannot join an excluded word",
    "a lone `-` excludes nothing",
    "`{}:` needs a value",
    "an empty phrase",
    "`{}` is not a date (use 1861, 1861-03 or 1861-03-04)",
    "`{}`: give a day, not a time",
    "`{}:` needs a date",
    "`date:..` needs a date on at least one side",
    // A corpus file that cannot be read (chronicle_core::load, json).
    "the file is empty",
    "expected an object with `documents`, an array of documents, or JSON Lines; found {}",
    "a corpus object needs a `documents` array (or `items`, `data`, `results`, `records`…: a list of document objects), or give one document object per line, as JSON Lines",
    "`format` must be \"{}\", found {}",
    "this corpus is format version {}; this Chronicle reads version {}",
    "the file is not UTF-8 text (save it as UTF-8 and try again)",
    "the file is not valid JSON: {}",
    "the table cannot be read: {}",
    "not a Chronicle corpus: {}",
    // JSON syntax.
    "unexpected text after the end of the JSON value",
    "the input is empty: expected a JSON value",
    "the input ends early: expected {}",
    "expected {}, found {}",
    "a line break inside a string: end the string with `\"` or write `\\n`",
    "a control character inside a string: write it as an escape such as `\\t`",
    "this string is never closed: a `\"` is missing",
    "the input ends inside an escape",
    "an unknown escape in a string: use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX",
    "a `\\u` escape needs four hex digits",
    "arrays and objects are nested too deeply",
    "a trailing comma before `]`",
    "a trailing comma before `}`",
    "the input ends early: the value that starts here never ends (the file is cut short, or a quote or bracket is missing)",
    "the input ends early: the file is cut short",
    "`{}` does not close the `{}` before it (a bracket or a quote is missing)",
    "a JSON value",
    "a value",
    "a document",
    "a quoted field name",
    "`:` after the field name",
    "a digit",
    "a digit after the decimal point",
    "a digit in the exponent",
    "`,` or `]`",
    "`,` or `}`",
    "a line break",
    "the control character {}",
    "the end",
    // Kinds of value.
    "null",
    "a boolean",
    "a number",
    "a string",
    "an array",
    "an object",
    "a list of strings",
    // A document's problems.
    "expected a string, found {}; kept in the corpus meta",
    "this document is not valid JSON: {}; document rejected",
    "a document must be an object, found {}; document rejected",
    "{}; it is named \"{}\"",
    "the id is empty",
    "the id is not a string (or a whole number)",
    "the field \"{}\" appears more than once; the last one is used",
    "the title is empty; the opening of the text is used",
    "there is no title or text field; the field \"{}\" is used as the title (give `title` and `body` fields, or their usual other names)",
    "the document has neither a title nor a text; document rejected",
    "expected {}, found {}; kept in meta as \"{}\"",
    "meta must be an object, found {}; kept in meta as \"meta\"",
    "{} (write YYYY, YYYY-MM, YYYY-MM-DD, RFC 3339 or a mail header's date); the document is kept undated, the text in meta \"date\"",
    "the date must be a string such as \"2018-10-17\", found {}; the document is kept undated, the value in meta \"date\"",
    "{} item(s) are not strings; kept in meta as \"{}\"",
    "duplicate id \"{}\": an earlier document has it; this one is renamed \"{}\"",
    // Dates (chronicle_core::date).
    "`{}` is not a date: {}",
    "expected YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 date-time",
    "the year is out of range",
    "expected `-` after the year",
    "expected a two-digit month",
    "the month must be 01 to 12",
    "out of range",
    "expected `-` after the month",
    "expected a two-digit day",
    "{} {} has no day {}",
    "expected `T` and a time after the day",
    "it is empty",
    "no such date",
    "no such day",
    "numeric dates are ambiguous unless the year comes first (2018-10-17) or the day is over 12",
    "numeric dates are ambiguous unless the year comes first (2018-10-17)",
    "it names two months",
    "it has two years",
    "`{}` is neither a day nor a year",
    "`{}` is not part of a date",
    "it has no four-digit year",
    "it has a day but no month",
    "expected HH:MM after `T`",
    "expected 1 to 9 digits of fractional seconds",
    "the time is out of range",
    "the UTC offset is out of range",
    "expected `Z` or an offset like +02:00 after the time",
    // Text files in the seed's layout, and spreadsheets.
    "the file is empty: a title line is needed",
    "{}; the document is kept undated and the line is kept in meta[\"date_text\"]",
    "no date line after the title; the document is kept undated",
    "the file is not UTF-8 text: it was read as Windows-1252 (Western European); if letters look wrong, save it as UTF-8",
    "the table is empty: a header row naming the columns is needed",
    "a quoted cell is never closed (a `\"` is missing)",
    // Prebuilt archives (chronicle_core::prebuilt).
    "{} (at byte {})",
    "the prebuilt archive cannot be opened: {}",
    "this is not a prebuilt Chronicle archive",
    "this archive was built in format version {}, and this Chronicle reads version {}: build it again with this version's `chronicle build`",
    "the archive is cut short (an interrupted download or copy?)",
    "text shard {} cannot be read: {}",
    "it is not a Chronicle text shard",
    "it is of another format version",
    "the archive has no such shard",
    "header: {}",
    "part {} cannot be read: {}",
    "the archive ends after {} of its {} parts",
    "unexpected frame of kind {}",
    "its postings are kept out, and it has more than one part",
    // A site's words file (chronicle_core::prebuilt::index).
    "dictionary shard {} cannot be read: {}",
    "it is not a Chronicle dictionary shard",
    "it holds other terms than the archive says",
    "the terms and their postings do not match",
    "it is the words file of another archive",
    "it holds {} terms and {} postings where the index has {} terms",
    "the index has its words already",
];

/// The sentences the engine's worker writes itself (crates/engine), beyond the core's.
const WORKER_SENTENCES: &[&str] = &[
    "{}; the rest of the file is left out",
    "Could not load the archive file \"{}\": {}",
    "Could not read \"{}\": {}",
    "the server answered {} {}",
    "the server sent no data",
    "the browser could not read the data",
    "nothing to open",
    "a helper failed",
    "a helper sent a part that cannot be read: {}",
    "not a corpus (.json, .jsonl), spreadsheet (.csv, .tsv) or text (.txt) file; skipped",
    "could not load the text in {}: {}",
    "could not load the search index in {}: {}",
    "the words file does not fit the archive: {}",
    "the search index could not be loaded, so a search finds nothing (the documents, facets and timeline work): {}",
    "this archive keeps its search index in a folder beside it on its site (corpus.chronicle.index/), which a file opened from your computer cannot reach: the facets and the timeline work, but a search finds nothing. Open the site itself, or build the archive with `chronicle build --single-file`.",
    "this archive keeps the text of its documents in a folder beside it on its site (corpus.chronicle.text/), which a file opened from your computer cannot reach: search, facets and the timeline work, but snippets and documents show no text. Open the site itself, or build the archive with `chronicle build --single-file`.",
];

/// `text`, which the engine wrote in English, in the interface's language (as it came if
/// it is none of the sentences).
pub fn said(text: &str) -> String {
    if lang() == Lang::En {
        return text.to_string();
    }
    said_in(text, 0)
}

fn said_in(text: &str, depth: usize) -> String {
    let Some((sentence, values)) = sentence_of(text) else {
        return if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            digits(text)
        } else {
            text.to_string()
        };
    };
    let values: Vec<String> = values
        .into_iter()
        .map(|v| {
            if depth < 4 {
                said_in(v, depth + 1)
            } else {
                v.to_string()
            }
        })
        .collect();
    let values: Vec<&str> = values.iter().map(String::as_str).collect();
    fill(sentence, &values)
}

/// The sentence `text` is, with its values: of those that fit, the one with the most
/// words of its own.
fn sentence_of(text: &str) -> Option<(&'static str, Vec<&str>)> {
    SENTENCES
        .iter()
        .chain(WORKER_SENTENCES)
        .filter_map(|s| values(s, text).map(|v| (*s, v)))
        .max_by_key(|(s, _)| s.len() - 2 * s.matches("{}").count())
}

/// The values of `text` if it is `sentence` with values in place of its `{}`s (each
/// literal part found at its first place after the one before; the last one ends it).
fn values<'a>(sentence: &str, text: &'a str) -> Option<Vec<&'a str>> {
    let mut parts = sentence.split("{}");
    let mut rest = text.strip_prefix(parts.next()?)?;
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty().then(Vec::new);
    };
    let mut found = Vec::with_capacity(parts.len());
    for part in middle {
        let at = rest.find(part)?;
        found.push(&rest[..at]);
        rest = &rest[at + part.len()..];
    }
    found.push(rest.strip_suffix(last)?);
    // A value in quotes or backticks holds none: `{}` is neither a day nor a year` is
    // not the whole of "`March 123 2018` is not a date: `123` is neither a day nor a year".
    let mut before = sentence.split("{}");
    let quoted = found.iter().zip(parts.iter()).all(|(value, after)| {
        let open = before.next().and_then(|b| b.chars().last());
        match (open, after.chars().next()) {
            (Some(q @ ('`' | '"')), Some(c)) if c == q => !value.contains(q),
            _ => true,
        }
    });
    quoted.then_some(found)
}

#[cfg(test)]
mod tests {
    use super::super::set;
    use super::*;
    use chronicle_core::archive::ArchiveLoader;

    #[test]
    fn values_are_read_between_the_words() {
        assert_eq!(
            values("expected {}, found {}", "expected `,` or `]`, found `x`"),
            Some(vec!["`,` or `]`", "`x`"])
        );
        assert_eq!(values("nothing to open", "nothing to open"), Some(vec![]));
        assert_eq!(values("nothing to open", "nothing to open now"), None);
        assert_eq!(
            values("{} (at byte {})", "cut short (at byte 12)"),
            Some(vec!["cut short", "12"])
        );
    }

    /// The English words `arabic` still has outside its quoted values, if any.
    fn english_left(arabic: &str) -> Option<&'static str> {
        let mut plain = String::from(" ");
        let mut quote = None;
        for c in arabic.chars() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == '`' || c == '"' => quote = Some(c),
                None => plain.push(c),
            }
        }
        plain.push(' ');
        [
            " the ",
            " is ",
            " a ",
            " an ",
            " of ",
            " not ",
            " and ",
            " or ",
            " found ",
            " expected ",
            " must ",
            " no ",
            " it ",
            " kept ",
            " in ",
        ]
        .into_iter()
        .find(|w| plain.contains(w))
    }

    /// Every sentence met inside `text`, at any depth.
    fn met(text: &str, out: &mut Vec<&'static str>) {
        if let Some((sentence, values)) = sentence_of(text) {
            out.push(sentence);
            for v in values {
                met(v, out);
            }
        }
    }

    /// What the core says about broken input of every kind it knows.
    fn messages() -> Vec<String> {
        let mut out = Vec::new();
        // The query language.
        for q in [
            "OR idlib",
            "idlib OR -war",
            "idlib -",
            "source:",
            "\"\"",
            "date:18xx",
            "date:2018-10-17T10:00",
            "before:",
            "date:..",
        ] {
            let parsed = chronicle_core::query::Query::parse(q);
            assert_eq!(parsed.ignored.len(), 1, "{q}");
            out.extend(parsed.ignored.into_iter().map(|i| i.reason));
        }
        // A corpus with something wrong in every document.
        let dates = [
            "12345",
            "03/04/2018",
            "2018/13/45",
            "March April 2018",
            "2018 2019 March",
            "March 123 2018",
            "soon",
            "March 5",
            "5th 2018",
            "February 30 2018",
            ",",
            "2018-ab",
            "2018-13",
            "2018-10x",
            "2018-10-ab",
            "2018-02-30",
            "2018-10-17x",
            "2018-10-17T1",
            "2018-10-17T10:00:00.",
            "2018-10-17T25:00",
            "2018-10-17T10:00+25:00",
            "2018-10-17T10:00Q",
        ];
        let mut corpus =
            String::from("{\"title\": true, \"description\": [1], \"documents\": [\nnull,\n");
        for (i, d) in dates.iter().enumerate() {
            corpus.push_str(&format!(
                "{{\"id\": \"date-{i}\", \"title\": \"t\", \"body\": \"b\", \"date\": \"{d}\"}},\n"
            ));
        }
        let deep = format!("{}{}", "[".repeat(300), "]".repeat(300));
        for doc in [
            r#"{"id": "", "title": "t", "body": "b"}"#,
            r#"{"id": true, "title": "t", "body": "b"}"#,
            r#"{"id": "twice", "title": "t", "title": "u", "body": "b"}"#,
            r#"{"id": "untitled", "title": "", "body": "some text here"}"#,
            r#"{"id": "colour", "colour": "red and blue"}"#,
            r#"{"id": "bare"}"#,
            r#"{"id": "source", "title": "t", "body": "b", "source": 5}"#,
            r#"{"id": "people", "title": "t", "body": "b", "people": {"a": 1}}"#,
            r#"{"id": "tags", "title": "t", "body": "b", "tags": [1, "a"]}"#,
            r#"{"id": "meta", "title": "t", "body": "b", "meta": 5}"#,
            r#"{"id": "number-date", "title": "t", "body": "b", "date": 5.5}"#,
            r#"{"id": "date-0", "title": "a copy's id", "body": "b"}"#,
            "5",
            r#"{"id": "j1", "title": "t" "body": "b"}"#,
            r#"{"id": "j2", "title": "\q"}"#,
            "{\"id\": \"j3\", \"title\": \"a\u{1}b\"}",
            "{\"id\": \"j4\", \"title\": \"a\nb\"}",
            r#"{"id": "j5", "n": -}"#,
            r#"{"id": "j6", "n": 1.}"#,
            r#"{"id": "j7", "n": 1e}"#,
            r#"{"id": "j8", "n": tru}"#,
            r#"{"id": "j9", "t": "\u12"}"#,
            r#"{"id": "j10", "t" 1}"#,
            r#"{"id": "j11", 1: 2}"#,
            r#"{"id": "j12", "t": [1, ]}"#,
            r#"{"id": "j13", "t": 1, }"#,
            r#"{"id": "j14", "t": @}"#,
            &format!(r#"{{"id": "j15", "t": {deep}}}"#),
        ] {
            corpus.push_str(doc);
            corpus.push_str(",\n");
        }
        corpus.push_str("{\"id\": \"last\", \"title\": \"t\", \"body\": \"b\"}]}");
        let mut loader = ArchiveLoader::new();
        loader.feed(corpus.as_bytes()).unwrap();
        let archive = loader.finish().unwrap();
        out.extend(archive.problems.into_iter().map(|p| p.message));
        // Files that cannot be read at all.
        for file in [
            &b""[..],
            b"5",
            b"{\"title\": \"x\"}",
            b"{\"format\": \"other\", \"documents\": []}",
            b"{\"format\": \"chronicle-corpus\", \"version\": 99, \"documents\": []}",
            b"[{\"title\": \"\xff\"}]",
            b"[{\"title\": \"a\"}",
            b"[{\"title\": \"abc",
            b"[{\"t\": [1}]",
            b"{\"documents\": 5}",
            b"{\"format\": \"chronicle-corpus\"}",
            b"   ",
            b"[{\"title\": \"a\"},",
            b"[{\"title\": \"a\"} \x01",
            b"[",
            b"]",
            b"[{\"title\": \"a\"}] x",
            b"[{\"title\": \"a\"}}",
            b"[{\"title\": \"a\"},]",
            b"{\"documents\": [{\"title\": \"a\"} {\"title\": \"b\"}]}",
        ] {
            let mut loader = ArchiveLoader::new();
            let result = loader.feed(file).and_then(|_| loader.finish().map(|_| ()));
            if let Err(e) = result {
                out.push(e.message());
            }
        }
        // JSON Lines, a document a line.
        for line in [
            "{\"t\": \"abc}",
            "{\"t\": \"a\\u12",
            "{\"t\": \"a\\",
            "{\"t\": 1 \u{1}}",
            "{\"t\": 1",
        ] {
            let mut loader = ArchiveLoader::json_lines();
            let result = loader.feed(format!("{line}\n{{\"title\": \"t\"}}\n").as_bytes());
            match result.and_then(|_| loader.finish()) {
                Ok(archive) => out.extend(archive.problems.into_iter().map(|p| p.message)),
                Err(e) => out.push(e.message()),
            }
        }
        // Spreadsheets.
        for table in [&b""[..], b"a,b\n\"x,y\n"] {
            let mut reader = chronicle_core::csv::TableReader::new(false);
            let result = reader.feed(table).and_then(|_| reader.finish());
            out.push(result.expect_err("a broken table").message());
        }
        let mut latin = chronicle_core::csv::TableReader::new(false);
        latin.feed(b"title\ncaf\xe9\n").unwrap();
        latin.finish().unwrap();
        out.push(latin.warning().expect("read as Windows-1252").message);
        // Text files in the seed's layout.
        let seed = chronicle_core::seed::parse_seed;
        if let Err(empty) = seed("", "a", "a.txt") {
            out.push(empty.message);
        }
        for text in [
            "Title\nOctober 45, 2018\nThe text.",
            "Title\nThe text, and more text.",
        ] {
            let s = seed(text, "a", "a.txt").expect("a document");
            out.extend(s.problems.into_iter().map(|p| p.message));
        }
        // Prebuilt archives and their text shards.
        let prebuilt = |bytes: &[u8]| {
            let mut d = chronicle_core::prebuilt::Decoder::new();
            match d.feed(bytes, &mut |_, _| {}) {
                Err(e) => e.to_string(),
                Ok(()) => d.finish().expect_err("cut short").to_string(),
            }
        };
        out.push(prebuilt(b"NOT AN ARCHIVE AT ALL"));
        let mut other = chronicle_core::prebuilt::MAGIC.to_vec();
        other.extend_from_slice(&99u32.to_le_bytes());
        out.push(prebuilt(&other));
        let mut short = chronicle_core::prebuilt::MAGIC.to_vec();
        short.extend_from_slice(&chronicle_core::prebuilt::VERSION.to_le_bytes());
        out.push(prebuilt(&short));
        let shard = chronicle_core::prebuilt::read_shard;
        out.push(shard(b"junk", 0, &[0, 1]).expect_err("junk").to_string());
        let mut old = chronicle_core::prebuilt::SHARD_MAGIC.to_vec();
        old.extend_from_slice(&99u32.to_le_bytes());
        out.push(shard(&old, 0, &[0, 1]).expect_err("old").to_string());
        let mut none = chronicle_core::prebuilt::SHARD_MAGIC.to_vec();
        none.extend_from_slice(&chronicle_core::prebuilt::VERSION.to_le_bytes());
        out.push(
            shard(&none, 5, &[0, 1])
                .expect_err("no such shard")
                .to_string(),
        );
        // A site's words file: not one, of another version, of another count of terms, of
        // another archive; put in twice.
        let words = chronicle_core::prebuilt::read_words;
        out.push(words(b"junk", 1).expect_err("junk").to_string());
        let mut old = chronicle_core::prebuilt::WORDS_MAGIC.to_vec();
        old.extend_from_slice(&99u32.to_le_bytes());
        out.push(words(&old, 1).expect_err("old").to_string());
        let site = |json: &str| {
            let (summary, parts) =
                chronicle_core::prebuilt::parts_of(json.as_bytes(), 1 << 20).expect("a corpus");
            let mut part = chronicle_core::prebuilt::join(parts);
            chronicle_core::prebuilt::split_postings(&mut part, 64);
            let file = chronicle_core::prebuilt::split_words(&mut part);
            let terms = part.words_out().expect("its words kept out");
            let bytes = chronicle_core::prebuilt::write(&summary, &[part], &[]);
            (
                chronicle_core::prebuilt::open(&bytes).expect("an archive"),
                file,
                terms,
            )
        };
        let (mut archive, file, terms) =
            site(r#"[{"title":"Idlib talks","body":"Talks resumed."}]"#);
        let (_, other, other_terms) = site(r#"[{"title":"Aleppo news","body":"News came."}]"#);
        out.push(
            words(&file, terms + 1)
                .expect_err("other count")
                .to_string(),
        );
        let foreign = words(&other, other_terms).expect("a words file");
        out.push(archive.fill_words(foreign).expect_err("another archive's"));
        archive
            .fill_words(words(&file, terms).expect("a words file"))
            .expect("its own");
        let again = words(&file, terms).expect("a words file");
        out.push(archive.fill_words(again).expect_err("twice"));
        out
    }

    #[test]
    fn what_the_core_says_is_said_in_arabic() {
        let mut seen = Vec::new();
        for english in messages() {
            set(Lang::En);
            assert_eq!(said(&english), english);
            set(Lang::Ar);
            let arabic = said(&english);
            set(Lang::En);
            assert!(
                arabic.contains(|c: char| ('\u{0600}'..='\u{06FF}').contains(&c)),
                "{english} → {arabic}"
            );
            assert_eq!(english_left(&arabic), None, "{english} → {arabic}");
            met(&english, &mut seen);
        }
        // Every sentence of the core's was met, but those no input through the loaders
        // reaches (a prebuilt archive's inner frames; a date meant as YYYY-… starts with
        // a year in range; the JSON reader's whole-value errors are met in pieces).
        let unreachable = [
            "header: {}",
            "part {} cannot be read: {}",
            "the archive ends after {} of its {} parts",
            "unexpected frame of kind {}",
            "its postings are kept out, and it has more than one part",
            "the terms and their postings do not match",
            "it holds {} terms and {} postings where the index has {} terms",
            "expected YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 date-time",
            "the year is out of range",
            "expected `-` after the year",
            "out of range",
            "the input is empty: expected a JSON value",
            "the input ends early: the file is cut short",
            "a line break",
            "the end",
        ];
        let unmet: Vec<&str> = SENTENCES
            .iter()
            .copied()
            .filter(|s| !seen.contains(s) && !unreachable.contains(s))
            .collect();
        assert!(unmet.is_empty(), "never met: {unmet:#?}");
    }
}
