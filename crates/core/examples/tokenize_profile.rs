//! Tokenizer throughput (a profiling aid): `cargo run --release -p chronicle-core
//! --example tokenize_profile -- corpus.json`.
use std::time::Instant;
fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: tokenize_profile corpus.json");
    let bytes = std::fs::read(&path).expect("readable");
    let docs = chronicle_core::load_corpus(&bytes)
        .expect("a corpus")
        .corpus
        .documents;
    for _ in 0..3 {
        let t = Instant::now();
        let mut n = 0usize;
        let mut len = 0usize;
        for d in &docs {
            chronicle_core::text::for_each_term(&d.body, |_, w| {
                n += 1;
                len += w.len();
            });
        }
        println!(
            "{n} tokens, {len} bytes of terms, {:.0} ms",
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}
