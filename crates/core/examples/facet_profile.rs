//! Facets and timeline cost: `cargo run --release -p chronicle-core --example
//! facet_profile -- corpus.json` recomputes all facet counts and the histogram for a few
//! queries and choices, as the app does after each change.

use std::time::Instant;

use chronicle_core::browse::{Facet, Narrowing, Selection};
use chronicle_core::query::Field;
use chronicle_core::timeline::{corpus_span, histogram};

fn main() {
    let path = std::env::args().nth(1).expect("corpus.json");
    let archive = chronicle_core::Archive::from_bytes(&std::fs::read(path).expect("readable"))
        .expect("a corpus");
    let index = &archive.index;
    let top = index.fields().values(Field::Source)[0].value.clone();
    for q in ["", "union", "the", "idlib", "goverment"] {
        let hits = index.search(
            &chronicle_core::Query::parse(q),
            chronicle_core::Sort::Relevance,
        );
        for (name, sel) in [
            ("none", Selection::default()),
            ("source", {
                let mut s = Selection::default();
                s.toggle(Facet::Field(Field::Source), &top);
                s
            }),
            (
                "range",
                Selection {
                    range: chronicle_core::query::parse_date_range("1900..1950").ok(),
                    ..Default::default()
                },
            ),
        ] {
            let t = Instant::now();
            let runs = 20;
            for _ in 0..runs {
                let n = Narrowing::new(index, &sel);
                let r = n.apply(&hits);
                let f = n.facet_counts(index, &hits.matches, &sel);
                let spans = index.date_spans();
                let h = corpus_span(spans).map(|s| {
                    histogram(
                        spans,
                        index.month_spans(),
                        &n.for_timeline(&hits.matches),
                        s,
                    )
                });
                std::hint::black_box((r, f, h));
            }
            println!(
                "{q:>10} {name:>6}: {:.2} ms",
                t.elapsed().as_secs_f64() * 1e3 / runs as f64
            );
        }
    }
}
