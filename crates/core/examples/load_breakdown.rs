//! Where loading time goes, stage by stage (a profiling aid): `cargo run --release -p
//! chronicle-core --example load_breakdown -- corpus.json`.
use std::time::Instant;

use chronicle_core::load::Loader;
use chronicle_core::search::interner::Interner;
use chronicle_core::text::for_each_term;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: load_breakdown corpus.json");
    let bytes = std::fs::read(&path).expect("readable");
    let t = Instant::now();
    let mut docs = Vec::new();
    let mut loader = Loader::new();
    for c in bytes.chunks(1 << 20) {
        loader.feed(c, &mut |d, _| docs.push(d)).unwrap();
    }
    loader.finish(&mut |d, _| docs.push(d)).unwrap();
    let parse = t.elapsed();
    let text: usize = docs.iter().map(|d| d.body.len() + d.title.len()).sum();
    let t = Instant::now();
    let mut tokens = 0usize;
    for d in &docs {
        for_each_term(&d.title, |_, _| tokens += 1);
        for_each_term(&d.body, |_, _| tokens += 1);
    }
    let tok = t.elapsed();
    let t = Instant::now();
    let mut interner = Interner::new();
    for d in &docs {
        for_each_term(&d.body, |_, w| {
            interner.intern(w);
        });
    }
    let intern = t.elapsed();
    let t = Instant::now();
    let mut store = chronicle_core::store::TextStore::new();
    for d in &docs {
        store.push(&d.body);
    }
    store.finish();
    let lz = t.elapsed();
    let t = Instant::now();
    let mut digits = 0;
    let mut long = 0;
    let mut nonascii = 0;
    let mut plain = 0;
    for id in 0..interner.len() as u32 {
        let w = interner.term(id);
        if w.bytes().any(|b| b.is_ascii_digit()) {
            digits += 1
        } else if w.len() > 24 {
            long += 1
        } else if !w.is_ascii() {
            nonascii += 1
        } else {
            plain += 1
        }
    }
    let st = chronicle_core::text::Stemmer::for_language("en");
    let mut n = 0;
    for id in 0..interner.len() as u32 {
        n += st.stem(interner.term(id)).len();
    }
    let stem = t.elapsed();
    let mb = bytes.len() as f64 / 1e6;
    let rate = |d: std::time::Duration| {
        format!(
            "{:.0} ms ({:.0} MB/s)",
            d.as_secs_f64() * 1e3,
            mb / d.as_secs_f64()
        )
    };
    println!("{path}: {mb:.1} MB, {} docs, text {:.1} MB, {tokens} tokens, {} terms (digits {digits}, long {long}, non-ascii {nonascii}, plain {plain})", docs.len(), text as f64 / 1e6, interner.len());
    println!("parse+validate {}", rate(parse));
    println!("tokenize {}", rate(tok));
    println!("tokenize+intern {}", rate(intern));
    println!("lz4 {}", rate(lz));
    println!("stem all terms {} {n}", rate(stem));
}
