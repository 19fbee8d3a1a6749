use super::*;
use crate::load::load_corpus;

const CORPUS: &str = r#"{"format":"chronicle-corpus","version":1,"title":"Test archive","documents":[
    {"id":"a b","title":"Talks, \"resumed\"","date":"2018-10-17","source":"Syrian Coalition","agency":"ARK News",
     "tags":["Geneva","UN"],"language":"en","url":"https://e.org/a","body":"Line one.\n\nLine two, with a comma.","meta":{"k":"v \"q\""}},
    {"id":"ar","title":"المفاوضات","date":"2019-05","source":"الائتلاف","body":"نص عربي"},
    {"id":"c","title":"Talks again","body":"Undated."},
    {"id":"d","title":"Talks again","body":"Same key.","source":"Syrian Coalition","date":"2018"}
]}"#;

fn archive() -> Archive {
    Archive::from_bytes(CORPUS.as_bytes()).unwrap()
}

/// The whole file, written in slices of `bytes`.
fn export(format: Format, bytes: usize) -> String {
    let a = archive();
    let ids: Vec<DocId> = (0..a.len() as u32).map(DocId).collect();
    let mut e = Exporter::new(
        format,
        ids,
        "https://host/app/?x=1#q=old",
        Some("Test archive".into()),
    );
    let mut out = String::new();
    let mut slices = 0;
    while !e.finished() {
        out.push_str(&e.chunk(&a, bytes));
        slices += 1;
        assert!(slices <= 10, "no progress");
    }
    assert_eq!(e.done(), 4);
    out
}

#[test]
fn json_opens_again_as_the_same_documents() {
    for bytes in [1, 1 << 20] {
        let json = export(Format::Json, bytes);
        let again = load_corpus(json.as_bytes()).unwrap();
        assert!(again.problems.is_empty(), "{:?}", again.problems);
        assert_eq!(again.corpus.title.as_deref(), Some("Test archive"));
        let original = load_corpus(CORPUS.as_bytes()).unwrap().corpus.documents;
        assert_eq!(again.corpus.documents, original);
    }
}

#[test]
fn csv_has_a_header_of_the_fields_and_a_row_per_document_quoted_where_needed() {
    let csv = export(Format::Csv, 1);
    assert!(csv.starts_with('\u{feff}'));
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert_eq!(
        header,
        "id,title,date,source,agency,tags,people,places,organizations,language,url,meta,body"
    );
    assert!(csv.contains("\r\na b,\"Talks, \"\"resumed\"\"\",2018-10-17,Syrian Coalition,ARK News,Geneva; UN,,,,en,https://e.org/a,\"{\"\"k\"\":\"\"v \\\"\"q\\\"\"\"\"}\",\"Line one.\n\nLine two, with a comma.\"\r\n"), "{csv}");
    assert!(csv.contains("\r\nar,المفاوضات,2019-05,الائتلاف,"));
    // The spreadsheet reader reads it back: the same four documents, every field's values
    // (a list written "Geneva; UN" is split again at its semicolons).
    let lines = crate::csv::to_json_lines(csv.trim_start_matches('\u{feff}'), false).unwrap();
    let back = crate::load::load_json_lines(lines.as_bytes())
        .unwrap()
        .corpus
        .documents;
    let original = load_corpus(CORPUS.as_bytes()).unwrap().corpus.documents;
    assert_eq!(back.len(), 4);
    for (b, o) in back.iter().zip(&original) {
        assert_eq!(
            (&b.id, &b.title, b.date, &b.body),
            (&o.id, &o.title, o.date, &o.body)
        );
        assert_eq!(b.fields, o.fields);
        assert_eq!(b.values(Field::Tag).len(), o.values(Field::Tag).len());
    }
}

#[test]
fn bibtex_gives_every_entry_its_own_key_and_permalink() {
    let bib = export(Format::Bibtex, 1);
    assert_eq!(bib.matches("@misc{").count(), 4);
    assert!(bib.contains("@misc{syrian2018talks,\n"), "{bib}");
    assert!(
        bib.contains("@misc{talks,\n") || bib.contains("@misc{talks"),
        "{bib}"
    );
    // Two documents give the key "syrian2018…": the second is told apart.
    let keys: Vec<&str> = bib
        .lines()
        .filter_map(|l| l.strip_prefix("@misc{"))
        .collect();
    let mut unique = keys.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), keys.len(), "{keys:?}");
    assert!(
        bib.contains("  url = {https://host/app/?x=1#doc=a+b},\n"),
        "{bib}"
    );
}

#[test]
fn ris_records_have_type_title_author_date_link_and_end() {
    let ris = export(Format::Ris, 1);
    assert_eq!(ris.matches("TY  - GEN\r\n").count(), 4);
    assert_eq!(ris.matches("ER  - \r\n").count(), 4);
    assert!(ris.contains("TI  - Talks, \"resumed\"\r\nAU  - Syrian Coalition\r\nPB  - ARK News\r\nPY  - 2018\r\nDA  - 2018/10/17/\r\n"), "{ris}");
    assert!(ris.contains("DA  - 2019/05//\r\n"));
    assert!(ris.contains("KW  - Geneva\r\nKW  - UN\r\n"));
    assert!(ris.contains("UR  - https://host/app/?x=1#doc=ar\r\n"));
}
