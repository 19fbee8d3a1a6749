//! Query costs: `cargo run --release -p chronicle-core --example query_profile --
//! corpus.json bench/queries.txt` runs every query and prints the slowest; then finds
//! the related documents of 200 documents spread over the archive (as opening each does,
//! its text read from the store included).

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let corpus = args.next().expect("corpus.json");
    let queries = args.next().expect("queries.txt");
    let bytes = std::fs::read(corpus).expect("readable corpus");
    let archive = chronicle_core::Archive::from_bytes(&bytes).expect("a corpus");
    let text = std::fs::read_to_string(queries).expect("readable queries");
    let mut times = Vec::new();
    for q in text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let parsed = chronicle_core::Query::parse(q);
        let t = Instant::now();
        let mut total = 0;
        for _ in 0..10 {
            total = archive
                .index
                .search(&parsed, chronicle_core::Sort::Relevance)
                .total();
        }
        times.push((t.elapsed().as_secs_f64() * 100.0, q.to_string(), total));
    }
    times.sort_by(|a, b| a.0.total_cmp(&b.0));
    let median = times[times.len() / 2].0;
    let p95 = times[times.len() * 95 / 100].0;
    println!("median {median:.3} ms, p95 {p95:.3} ms");
    for (ms, q, n) in times.iter().rev().take(8) {
        println!("{ms:>8.3} ms  {n:>6}  {q}");
    }
    let n = archive.len();
    let mut related: Vec<f64> = (0..200)
        .map(|i| {
            let d = chronicle_core::model::DocId((i * n / 200) as u32);
            let t = Instant::now();
            let body = archive.body(d);
            let found = archive.index.related(d, archive.title_of(d), &body, 5);
            assert!(!found.contains(&d));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    related.sort_by(f64::total_cmp);
    println!(
        "related documents of {} documents: median {:.3} ms, p95 {:.3} ms, slowest {:.3} ms",
        related.len(),
        related[related.len() / 2],
        related[related.len() * 95 / 100],
        related[related.len() - 1]
    );
}
