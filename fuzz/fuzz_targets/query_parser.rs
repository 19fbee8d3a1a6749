//! Fuzzes the query parser: any text parses without panicking, ignored parts are real
//! slices of the input, and a parsed query runs against a small index.
#![no_main]

use std::sync::OnceLock;

use chronicle_core::query::Atom;
use chronicle_core::{Query, SearchIndex, Sort};
use libfuzzer_sys::fuzz_target;

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let corpus = chronicle_core::load_corpus(
            r#"[{"id":"a","title":"Idlib talks","body":"The political process. Negotiations.","date":"2018-10-17","source":"Syrian Coalition","tags":["peace"]},
                {"id":"b","title":"Union","body":"The state of the union, 1861.","date":"1861","source":"Abraham Lincoln","language":"en"},
                {"id":"c","title":"Undated","body":"إدلب résumé government goverment"}]"#
                .as_bytes(),
        )
        .expect("the fuzz corpus loads")
        .corpus;
        SearchIndex::build(&corpus)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let query = Query::parse(input);
    for ignored in &query.ignored {
        assert!(ignored.range.start <= ignored.range.end && ignored.range.end <= input.len());
        assert!(input.is_char_boundary(ignored.range.start));
        assert!(input.is_char_boundary(ignored.range.end));
    }
    for atom in query.atoms() {
        match atom {
            Atom::Word { term, .. } => assert!(!term.is_empty()),
            Atom::Phrase { terms, .. } | Atom::Field { terms, .. } => assert!(!terms.is_empty()),
            Atom::Date(_) => {}
        }
    }
    for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
        let hits = index().search(&query, sort);
        assert_eq!(hits.ids.len(), hits.matches.count());
    }
});
