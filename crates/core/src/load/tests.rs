use super::*;
use crate::metadata::Field;

fn load(text: &str) -> Loaded {
    load_corpus(text.as_bytes()).unwrap()
}

/// Each loaded document's date, as ISO text (`None`: undated).
fn iso_dates(loaded: &Loaded) -> Vec<Option<String>> {
    loaded
        .corpus
        .documents
        .iter()
        .map(|d| d.date.map(|d| d.to_iso()))
        .collect()
}

#[test]
fn loads_a_corpus_object_with_header_and_unknown_fields() {
    let loaded = load(
        r#"{"format":"chronicle-corpus","version":1,"title":"T","description":"D","curator":"X",
        "documents":[{"id":"a","title":" A ","body":"b","date":"2018-10","tags":["x","x","y"],
        "people":"Solo","meta":{"n":788,"k":"v"},"extra":{"z":[1]}}]}"#,
    );
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let c = &loaded.corpus;
    assert_eq!(c.title.as_deref(), Some("T"));
    assert_eq!(c.description.as_deref(), Some("D"));
    assert_eq!(c.meta["curator"], "X");
    let d = &c.documents[0];
    assert_eq!(d.title, "A");
    assert_eq!(d.date.unwrap().to_iso(), "2018-10");
    assert_eq!(d.values(Field::Tag), ["x", "y"]);
    assert_eq!(d.values(Field::Person), ["Solo"]);
    assert_eq!(d.meta["n"], "788");
    assert_eq!(d.meta["extra"], r#"{"z":[1]}"#);
}

#[test]
fn loads_a_bare_array_and_json_lines() {
    let arr = load(r#"[{"id":"a","title":"A","body":""},{"id":2,"title":"B","body":"x"}]"#);
    assert_eq!(arr.corpus.documents.len(), 2);
    assert_eq!(arr.corpus.documents[1].id, "2");
    let lines = load("{\"id\":\"a\",\"title\":\"A\",\"body\":\"\"}\n\n{\"id\":\"b\",\"title\":\"B\",\"body\":\"\"}\n");
    assert_eq!(lines.corpus.documents.len(), 2);
    let single = load(r#"{"id":"a","title":"A","body":"x"}"#);
    assert_eq!(single.corpus.documents.len(), 1);
}

#[test]
fn only_a_document_with_nothing_to_show_is_rejected_and_every_problem_has_its_place() {
    // See: #11 (a clashing id is renamed, not rejected) and #9 (real archives: what can
    // be mended is mended, with a warning; only what has nothing to show is rejected).
    let text = "{\"format\":\"chronicle-corpus\",\"version\":1,\"documents\":[\n\
        {\"id\":\"ok\",\"title\":\"Fine\",\"body\":\"x\"},\n\
        {\"id\":\"no-title\",\"title\":\"\",\"body\":\"The opening line.\\nMore.\"},\n\
        {\"id\":\"ok\",\"title\":\"Dup\",\"body\":\"x\"},\n\
        {\"id\":\"bad-date\",\"title\":\"D\",\"body\":\"x\",\"date\":\"2018-02-30\"},\n\
        {\"title\":\"No id\",\"body\":\"x\"},\n\
        42,\n\
        {\"id\":\"warn\",\"title\":\"W\",\"body\":\"x\",\"source\":7},\n\
        {\"id\":\"empty\",\"title\":\" \",\"body\":\"\"}\n]}";
    let loaded = load(text);
    let docs = &loaded.corpus.documents;
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        ["ok", "no-title", "ok-2", "bad-date", "document-5", "warn"]
    );
    assert_eq!(docs[1].title, "The opening line.");
    assert_eq!(loaded.rejected, 2);
    let shown: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        shown,
        [
            "warning: line 3:26, document 2 (id \"no-title\"), field \"title\": the title is empty; the opening of the text is used",
            "warning: line 4:1, document 3 (id \"ok\"), field \"id\": duplicate id \"ok\": an earlier document has it; this one is renamed \"ok-2\"",
            "warning: line 5:48, document 4 (id \"bad-date\"), field \"date\": `2018-02-30` is not a date: February 2018 has no day 30 (write YYYY, YYYY-MM, YYYY-MM-DD, RFC 3339 or a mail header's date); the document is kept undated, the text in meta \"date\"",
            "error: line 7:1, document 6: a document must be an object, found a number; document rejected",
            "warning: line 8:46, document 7 (id \"warn\"), field \"source\": expected a string, found a number; kept in meta as \"source\"",
            "error: line 9:1, document 8 (id \"empty\"), field \"title\": the document has neither a title nor a text; document rejected",
        ]
    );
    assert_eq!(docs[5].meta["source"], "7");
    assert_eq!(docs[3].meta["date"], "2018-02-30");
}

#[test]
fn the_usual_other_names_of_fields_are_read() {
    // Exports name fields their own way: a headline, a text, a publication date, an
    // author. The first other name present is read; the rest stay in meta.
    let loaded = load(
        r#"[{"_id":"n1","headline":"Talks resume","text":["First.","Second."],
             "published_at":"2018-10-17T09:00:00Z","author":"ARK News","link":"https://x.org/1",
             "subject":"kept aside"},
            {"guid":"n2","Title":"Numbers","content":"x","source":"S","author":"A"}]"#,
    );
    assert_eq!(loaded.rejected, 0);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let [a, b] = &loaded.corpus.documents[..] else {
        panic!("two documents");
    };
    assert_eq!((a.id.as_str(), a.title.as_str()), ("n1", "Talks resume"));
    assert_eq!(a.body, "First.\n\nSecond.");
    assert_eq!(
        a.date.map(|d| d.to_iso()).as_deref(),
        Some("2018-10-17T09:00:00Z")
    );
    assert_eq!(a.first(Field::Source), Some("ARK News"));
    assert_eq!(a.url.as_deref(), Some("https://x.org/1"));
    assert_eq!(a.meta["subject"], "kept aside");
    // The format's own name wins over another name; an author beside the source is a
    // person.
    assert_eq!((b.id.as_str(), b.title.as_str()), ("n2", "Numbers"));
    assert_eq!(b.first(Field::Source), Some("S"));
    assert_eq!(b.fields.get(Field::Person), ["A"]);
    assert!(!b.meta.contains_key("author"));
}

#[test]
fn a_telegram_channel_export_is_its_messages() {
    // Telegram Desktop's "Export chat history" (JSON): the channel names the archive,
    // and a formatted message is a list of plain and formatted pieces that run on.
    let loaded = load(
        r#"{"name":"ARK News","type":"public_channel","id":1234,"messages":[
             {"id":2,"type":"message","date":"2018-10-17T14:03:00","from":"ARK News",
              "text":["بيان صحفي: ",{"type":"bold","text":"الائتلاف"}," يرحب"],
              "text_entities":[{"type":"plain","text":"بيان صحفي: "}]},
             {"id":3,"type":"message","date":"2018-10-18T10:00:00","from":"ARK News",
              "text":"Geneva talks","date_unixtime":"1539856800"}]}"#,
    );
    assert_eq!(loaded.corpus.title.as_deref(), Some("ARK News"));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let docs = &loaded.corpus.documents;
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].body, "بيان صحفي: الائتلاف يرحب");
    assert_eq!(docs[0].title, docs[0].body);
    assert_eq!(docs[0].first(Field::Source), Some("ARK News"));
    assert_eq!(
        (docs[1].id.as_str(), docs[1].title.as_str()),
        ("3", "Geneva talks")
    );
}

#[test]
fn documents_in_envelopes_are_unwrapped() {
    // elasticdump writes each hit with its fields in `_source`; GeoJSON features keep
    // theirs in `properties`. The envelope's own fields stay in meta; a document with a
    // text of its own is never unwrapped.
    let loaded = load(
        r#"{"_index":"press","_id":"es-1","_score":1,"_source":{"headline":"Talks resume","text":"In Geneva.","published_at":"2018-10-17"}}
{"type":"Feature","geometry":{"type":"Point","coordinates":[36.2,37.2]},"properties":{"id":"f1","title":"Aleppo statement","body":"x"}}
{"id":"plain","title":"Own text","data":{"title":"not this"}}"#,
    );
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let [es, geo, plain] = &loaded.corpus.documents[..] else {
        panic!("three documents");
    };
    assert_eq!(
        (es.id.as_str(), es.title.as_str(), es.body.as_str()),
        ("es-1", "Talks resume", "In Geneva.")
    );
    assert_eq!(es.date.map(|d| d.to_iso()).as_deref(), Some("2018-10-17"));
    assert_eq!(es.meta["_index"], "press");
    assert_eq!(
        (geo.id.as_str(), geo.title.as_str()),
        ("f1", "Aleppo statement")
    );
    assert!(geo.meta["geometry"].contains("36.2"));
    assert_eq!(plain.title, "Own text");
    assert!(plain.meta["data"].contains("not this"));
    let collection = load(
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"title":"A"}},{"type":"Feature","properties":{"name":"B","body":"b"}}]}"#,
    );
    let titles: Vec<_> = collection
        .corpus
        .documents
        .iter()
        .map(|d| d.title.as_str())
        .collect();
    assert_eq!(titles, ["A", "b"]);
}

#[test]
fn a_raw_mail_message_in_a_field_is_read_as_mail() {
    // The Enron spreadsheet: a `file` column and the whole message in `message`.
    let table = "file,message\n\
        allen-p/1.,\"Message-ID: <1@enron>\nDate: Mon, 14 May 2001 16:39:00 -0700 (PDT)\n\
        From: phillip.allen@enron.com\nTo: tim.belden@enron.com\nSubject: Forecast\n\
        Mime-Version: 1.0\n\nHere is our forecast.\"\n";
    let loaded = crate::load::load_table(table.as_bytes(), false).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let d = &loaded.corpus.documents[0];
    assert_eq!(
        (d.title.as_str(), d.body.as_str()),
        ("Forecast", "Here is our forecast.")
    );
    assert_eq!(d.first(Field::Source), Some("phillip.allen@enron.com"));
    assert_eq!(
        d.date.map(|d| d.to_iso()).as_deref(),
        Some("2001-05-14T16:39:00-07:00")
    );
    assert_eq!(d.meta["to"], "tim.belden@enron.com");
    assert_eq!(d.meta["file"], "allen-p/1.");
    // The SpamAssassin corpus (the 6,046 real messages #9 was measured on): each message
    // as its mbox held it, the separator line first, in a `text` field.
    let loaded = load(
        r#"{"id":"00026","group":"spam-1","text":"From seko@spinfinder.com  Fri Aug 23 11:17:49 2002\nReturn-Path: <seko@spinfinder.com>\nReceived: from localhost\n\tby phobos (Postfix)\nFrom: \"MRS. M SESE SEKO\" <seko@spinfinder.com>\nDate: Fri, 23 Aug 2002 10:08:40 -0700\nSubject: A CRY FOR HELP\nContent-Type: text/plain; charset=\"us-ascii\"\n\nDEAR FRIEND,\n"}"#,
    );
    let d = &loaded.corpus.documents[0];
    assert_eq!(
        (d.title.as_str(), d.body.as_str()),
        ("A CRY FOR HELP", "DEAR FRIEND,")
    );
    assert_eq!(d.first(Field::Source), Some("MRS. M SESE SEKO"));
    assert_eq!(d.meta["group"], "spam-1");
    // A text that merely starts like a header is left alone.
    let loaded = load(r#"[{"id":"n","body":"Date: tomorrow\nThe talks resume."}]"#);
    assert_eq!(loaded.corpus.documents[0].title, "Date: tomorrow");
}

#[test]
fn wordpress_and_ghost_exports_give_the_text_of_their_html() {
    // WordPress's REST API declares its HTML (`{"rendered": …}`); Ghost names it `html`.
    // A value of another type under another name (the numeric `author`, the category
    // numbers) is not that field: it stays in meta, quietly.
    let loaded = load(
        r#"[{"id":101,"date":"2018-10-17T14:03:00","link":"https://x.org/p",
             "title":{"rendered":"Coalition welcomes &#8220;talks&#8221;"},
             "content":{"rendered":"<p>The coalition <strong>welcomes</strong></p>\n<p>Q&amp;A</p>","protected":false},
             "author":2,"categories":[3,4]},
            {"id":"g1","title":"Ghost post","html":"<h2>Head</h2><p>Body<br>text</p>","published_at":"2018-10-18"},
            {"id":"v","title":"Verbatim","body":"<p>kept as written</p>"}]"#,
    );
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let [wp, ghost, plain] = &loaded.corpus.documents[..] else {
        panic!("three documents");
    };
    assert_eq!(wp.title, "Coalition welcomes “talks”");
    assert_eq!(wp.body, "The coalition welcomes\n\nQ&A");
    assert_eq!(wp.url.as_deref(), Some("https://x.org/p"));
    assert_eq!(
        (wp.first(Field::Source), wp.meta["author"].as_str()),
        (None, "2")
    );
    assert!(wp.values(Field::Tag).is_empty());
    assert_eq!(wp.meta["categories"], "[3,4]");
    assert_eq!(ghost.body, "Head\n\nBody\ntext");
    // A corpus's own `body` is text, markup and all (see #2).
    assert_eq!(plain.body, "<p>kept as written</p>");
}

#[test]
fn a_long_first_line_makes_a_title_cut_at_a_word() {
    let body = format!("{} end", "word ".repeat(40));
    let loaded = load(&format!(r#"[{{"id":"a","body":"{body}"}}]"#));
    let title = &loaded.corpus.documents[0].title;
    assert!(title.ends_with("word…"), "{title}");
    assert!(title.chars().count() <= DERIVED_TITLE_CHARS + 1, "{title}");
}

#[test]
fn invalid_json_is_an_error_with_line_and_column() {
    let err = load_corpus(b"{\"documents\": [\n  {\"id\": \"a\"]\n]}").unwrap_err();
    assert_eq!(
        err.position(),
        Position {
            line: 2,
            column: 13
        }
    );
    assert!(matches!(err, LoadError::Syntax { .. }), "{err}");
}

#[test]
fn a_document_broken_inside_is_rejected_alone() {
    // See: #11 (one bad document never costs the others)
    let deep = format!(
        "[{{\"id\":\"deep\",\"title\":\"D\",\"body\":\"x\",\"meta\":{}{}}},\n\
         {{\"id\": \"comma\",}},\n{{\"id\":\"ok\",\"title\":\"OK\",\"body\":\"y\"}}]",
        "[".repeat(200_000),
        "]".repeat(200_000)
    );
    let loaded = load_corpus(deep.as_bytes()).unwrap();
    let ids: Vec<&str> = loaded
        .corpus
        .documents
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(ids, ["ok"]);
    assert_eq!(loaded.rejected, 2);
    let shown: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    assert!(shown[0].starts_with("error: line 1:"), "{shown:?}");
    assert!(
        shown[0].contains(
            "document 1: this document is not valid JSON: arrays and objects are nested too deeply"
        ),
        "{shown:?}"
    );
    assert_eq!(
        shown[1],
        "error: line 2:16, document 2: this document is not valid JSON: a trailing comma before `}`; document rejected"
    );
}

#[test]
fn json_lines_reject_only_the_broken_line() {
    let loaded = load("{\"id\":\"a\",\"title\":\"A\",\"body\":\"\"}\n{\"id\":\"b\",\n{\"id\":\"c\",\"title\":\"C\",\"body\":\"\"}\n");
    assert_eq!(loaded.corpus.documents.len(), 2);
    assert_eq!(loaded.rejected, 1);
    assert_eq!(
        loaded.problems[0].position,
        Some(Position {
            line: 2,
            column: 11
        })
    );
}

#[test]
fn not_a_corpus_says_what_it_found() {
    let why = |bytes: &[u8]| match load_corpus(bytes).unwrap_err() {
        LoadError::NotACorpus { why, .. } => why,
        other => panic!("not a corpus, but: {other}"),
    };
    assert_eq!(why(b"\"hello\""), NotACorpus::Found("a string"));
    assert_eq!(
        why(br#"{"format":"other","documents":[]}"#),
        NotACorpus::Format("\"other\"".into())
    );
    assert_eq!(
        why(br#"{"format":"chronicle-corpus","version":2,"documents":[]}"#),
        NotACorpus::Version("2".into())
    );
    assert_eq!(why(br#"{"name":"x"}"#), NotACorpus::NoDocuments);
    assert_eq!(why(b"  "), NotACorpus::Empty);
    // What a person reads says the same, with the place.
    let err =
        load_corpus(br#"{"format":"chronicle-corpus","version":2,"documents":[]}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 1:40: not a Chronicle corpus: this corpus is format version 2; this Chronicle reads version 1"
    );
    let err = load_corpus(b"[1] [2]").unwrap_err();
    assert_eq!(err.position(), Position { line: 1, column: 5 });
}

#[test]
fn non_utf8_input_says_where() {
    let err = load_corpus(b"[\n{\"id\":\"\xff\"}]").unwrap_err();
    assert_eq!(
        err,
        LoadError::NotUtf8 {
            position: Position { line: 2, column: 8 }
        }
    );
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let loaded =
        load_corpus(b"\xEF\xBB\xBF[{\"id\":\"a\",\"title\":\"A\",\"body\":\"\"}]").unwrap();
    assert_eq!(loaded.corpus.documents.len(), 1);
}

#[test]
fn markup_in_text_is_kept_verbatim() {
    // See: #2 (corpus text is data, never HTML)
    let loaded = load(
        r#"[{"id":"x","title":"<script>alert(1)</script>","body":"<img src=x onerror=alert(1)>"}]"#,
    );
    let d = &loaded.corpus.documents[0];
    assert_eq!(d.title, "<script>alert(1)</script>");
    assert_eq!(d.body, "<img src=x onerror=alert(1)>");
}

#[test]
fn ids_and_dates_exported_by_document_databases_are_read() {
    // MongoDB's extended JSON (`mongoexport`): the id inside `$oid`; the date inside
    // `$date`, as text, as milliseconds, or as milliseconds in `$numberLong`, under
    // another name of the date too. Anything else in an object is still not a date, and
    // says so.
    let loaded = load(
        r#"[{"_id":{"$oid":"5c30a1b2c3d4e5f601234567"},"title":"Text","body":"x","date":{"$date":"2019-01-05T10:00:00Z"}},
            {"id":"b","title":"Millis","body":"x","date":{"$date":1546682400000}},
            {"id":"c","title":"Long","body":"x","createdAt":{"$date":{"$numberLong":"1546682400000"}}},
            {"id":"d","title":"Other","body":"x","date":{"when":"2019-01-05"}}]"#,
    );
    assert_eq!(loaded.rejected, 0);
    let iso = iso_dates(&loaded);
    // Milliseconds keep their precision, as a Unix time in milliseconds does.
    let ten = |t: &str| Some(format!("2019-01-05T10:00:{t}Z"));
    assert_eq!(iso, [ten("00"), ten("00.000"), ten("00.000"), None]);
    // Its ids too: `{"$oid": …}` is the id.
    assert_eq!(loaded.corpus.documents[0].id, "5c30a1b2c3d4e5f601234567");
    let warned: Vec<_> = loaded
        .problems
        .iter()
        .map(|p| (p.doc_id.as_deref(), p.field.as_deref()))
        .collect();
    assert_eq!(warned, [(Some("d"), Some("date"))]);
}

#[test]
fn a_reference_managers_export_is_read() {
    // CSL JSON (Zotero, Mendeley): the date in `issued` as date parts (a day, a month or a
    // year) or its raw text, the text in `abstract`, the authors (name objects) as people
    // and the publication (`container-title`) as the source.
    let loaded = load(
        r#"[{"id":"a","type":"article","title":"Day","abstract":"On the talks.","issued":{"date-parts":[[2018,10,17]]},
              "container-title":"ARK News","author":[{"family":"Haddad","given":"Rima"},{"literal":"The Desk"},{"family":"Khoury"}]},
            {"id":"b","title":"Month","abstract":"x","issued":{"date-parts":[["2018","3"]]}},
            {"id":"c","title":"Year","abstract":"x","issued":{"date-parts":[[2018]]}},
            {"id":"d","title":"Raw","abstract":"x","issued":{"raw":"17 October 2018"}}]"#,
    );
    assert_eq!(loaded.rejected, 0);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let docs = &loaded.corpus.documents;
    let iso = iso_dates(&loaded);
    let dated = |s: &str| Some(s.to_string());
    assert_eq!(
        iso,
        [
            dated("2018-10-17"),
            dated("2018-03"),
            dated("2018"),
            dated("2018-10-17")
        ]
    );
    assert_eq!(docs[0].body, "On the talks.");
    // Its authors are people, its publication the source.
    assert_eq!(docs[0].first(Field::Source), Some("ARK News"));
    assert_eq!(
        docs[0].fields.get(Field::Person),
        ["Rima Haddad", "The Desk", "Khoury"]
    );
}

#[test]
fn mail_dates_are_read_and_an_unreadable_date_costs_only_the_date() {
    // See: #9 (real archives): mail headers' dates, Unix times (as numbers, or as Slack
    // writes them under `ts`), and typos, never cost a document.
    let loaded = load(
        r#"[{"id":"m","title":"Mail","body":"x","date":"Thu, 1 Jan 2020 12:00:00 -0800 (PST)"},
            {"id":"u","title":"US order","body":"y","date":"10/11/2018"},
            {"id":"n","title":"Epoch","body":"z","date":1539784980},
            {"id":"ms","title":"Epoch ms","body":"z","date":1539784980250},
            {"id":"s","text":"a Slack message","ts":"1539784980.000200"},
            {"id":"f","title":"Float","body":"z","date":1.5}]"#,
    );
    assert_eq!(loaded.rejected, 0);
    let iso = iso_dates(&loaded);
    assert_eq!(
        iso,
        [
            Some("2020-01-01T12:00:00-08:00".to_string()),
            None,
            Some("2018-10-17T14:03:00Z".to_string()),
            Some("2018-10-17T14:03:00.250Z".to_string()),
            Some("2018-10-17T14:03:00.000200Z".to_string()),
            None,
        ]
    );
    let docs = &loaded.corpus.documents;
    assert_eq!(
        docs[1].meta.get("date").map(String::as_str),
        Some("10/11/2018")
    );
    assert_eq!(docs[5].meta.get("date").map(String::as_str), Some("1.5"));
    let warned: Vec<_> = loaded
        .problems
        .iter()
        .map(|p| (p.is_error(), p.doc_id.as_deref(), p.field.as_deref()))
        .collect();
    assert_eq!(
        warned,
        [
            (false, Some("u"), Some("date")),
            (false, Some("f"), Some("date"))
        ]
    );
}

#[test]
fn documents_listed_under_another_name_are_read_whatever_the_chunking() {
    // API exports wrap their lists: `{"count": 2, "results": [...]}`, `{"items": [...]}`.
    let text = r#"{"count": 2, "next": null, "results": [
        {"id":"a","title":"A","body":"x"},
        {"id":"b","title":"B","body":"y"}], "page": 1}"#;
    let whole = load(text);
    assert_eq!(whole.corpus.documents.len(), 2);
    assert_eq!(
        whole.corpus.meta.get("count").map(String::as_str),
        Some("2")
    );
    assert_eq!(whole.corpus.meta.get("page").map(String::as_str), Some("1"));
    for size in 1..text.len() {
        let mut loader = Loader::new();
        let mut ids = Vec::new();
        let mut keep = |d: Document, _| ids.push(d.id);
        for chunk in text.as_bytes().chunks(size) {
            loader.feed(chunk, &mut keep).unwrap();
        }
        loader.finish(&mut keep).unwrap();
        assert_eq!(ids, ["a", "b"], "chunks of {size}");
    }
    // A list of other things is not a list of documents.
    assert!(matches!(
        load_corpus(br#"{"data": [1, 2]}"#),
        Err(LoadError::NotACorpus {
            why: NotACorpus::NoDocuments,
            ..
        })
    ));
    // JSON Lines whose documents have such a field stay JSON Lines, even when the field
    // comes before the title (a thread and its messages).
    let lines = load(
        "{\"id\":\"a\",\"title\":\"A\",\"body\":\"x\",\"items\":[{\"k\":1}]}\n\
         {\"id\":\"b\",\"title\":\"B\",\"body\":\"y\",\"items\":[]}\n\
         {\"id\":\"t\",\"messages\":[{\"from\":\"x\"}],\"subject\":\"Thread\"}\n",
    );
    assert_eq!(lines.corpus.documents.len(), 3);
    assert_eq!(lines.corpus.documents[0].meta["items"], "[{\"k\":1}]");
    assert_eq!(lines.corpus.documents[2].title, "Thread");
    // Mail and social exports name their lists after what they hold.
    for name in ["emails", "tweets", "statuses", "stories", "news"] {
        let wrapped = load(&format!(r#"{{"{name}": [{{"subject":"S","text":"t"}}]}}"#));
        assert_eq!(wrapped.corpus.documents.len(), 1, "{name}");
    }
}

#[test]
fn a_list_given_as_one_string_is_split_at_its_semicolons() {
    let l = load(
        r#"[{"title":"x","tags":"Idlib; Aleppo;; Idlib","places":" Geneva ","source":"A; B"}]"#,
    );
    let d = &l.corpus.documents[0];
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    assert_eq!(d.values(Field::Tag), ["Idlib", "Aleppo"]);
    assert_eq!(d.values(Field::Place), ["Geneva"]);
    // One value only: a source's semicolons are its own.
    assert_eq!(d.values(Field::Source), ["A; B"]);
}
