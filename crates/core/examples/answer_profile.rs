//! What answering a keystroke costs in the engine (a profiling aid):
//! `cargo run --release -p chronicle-core --example answer_profile -- corpus.json`.
use std::time::Instant;

use chronicle_core::engine::Engine;
use chronicle_core::protocol::{ViewRequest, Window};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: answer_profile corpus.json");
    let bytes = std::fs::read(&path).expect("readable");
    let mut archive = chronicle_core::Archive::from_bytes(&bytes).expect("a corpus");
    // As the app keeps it once loaded: the text compressed.
    while archive.compress_text(64) {}
    let mut e = Engine::new(archive, 1);
    let mut times = Vec::new();
    for _ in 0..std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1)
    {
        for q in [
            "government",
            "congress war",
            "peace treaty",
            "agriculture",
            "revenue tariff",
        ] {
            for n in 1..=q.len() {
                let v = ViewRequest {
                    seq: 1,
                    q: q[..n].to_string(),
                    selection: Default::default(),
                    sort: Default::default(),
                    zoom: None,
                    window: Window::Rows {
                        start: 0,
                        count: 30,
                    },
                    facets: Vec::new(),
                    open: None,
                    series: Vec::new(),
                    copies: false,
                };
                let t = Instant::now();
                let a = e.answer(&v);
                times.push((t.elapsed().as_secs_f64() * 1e3, q[..n].to_string(), a.total));
                // A new engine state for the next query: as in the app, only the query changed.
            }
        }
    }
    times.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n = times.len();
    println!(
        "median {:.2} ms, p95 {:.2} ms, max {:.2} ms ({:?})",
        times[n / 2].0,
        times[n * 95 / 100].0,
        times[n - 1].0,
        &times[n - 1].1
    );
    for (t, q, total) in times.iter().rev().take(8) {
        println!("  {t:.2} ms {q:?} ({total} matches)");
    }
}
