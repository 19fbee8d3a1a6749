//! What joining parts costs (a profiling aid): `cargo run --release -p chronicle-core
//! --example merge_profile -- corpus.json`.
use std::time::Instant;

use chronicle_core::archive::{Archive, Part, PartBuilder};
use chronicle_core::load::{Loader, Summary};

fn parts(bytes: &[u8]) -> Vec<Part> {
    let mut out = Vec::new();
    let mut b = PartBuilder::new();
    let mut loader = Loader::new();
    let mut keep = |d, place| {
        b.add(d, place);
        if b.text_bytes() >= 8 << 20 {
            out.push(b.finish(Vec::new(), 0));
        }
    };
    loader.feed(bytes, &mut keep).unwrap();
    loader.finish(&mut keep).unwrap();
    out.push(b.finish(Vec::new(), 0));
    out
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: merge_profile corpus.json");
    let bytes = std::fs::read(&path).expect("readable");
    let t = Instant::now();
    let all = parts(&bytes);
    println!(
        "{} parts built in {:.0} ms",
        all.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    if std::env::var("REPEAT").is_ok() {
        let segs: Vec<_> = all.iter().map(chronicle_core::codec::to_bytes).collect();
        for _ in 0..5 {
            let ps: Vec<Part> = segs
                .iter()
                .map(|b| chronicle_core::codec::from_bytes(b).unwrap())
                .collect();
            let t = Instant::now();
            let a = Archive::assemble(ps, Summary::default());
            println!("again: {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
            drop(a);
        }
        return;
    }
    let t = Instant::now();
    let a = Archive::assemble(all, Summary::default());
    println!(
        "assembled at once: {:.0} ms ({} docs)",
        t.elapsed().as_secs_f64() * 1e3,
        a.len()
    );
    drop(a);
    let mut all = parts(&bytes);
    let rest = all.split_off(all.len() * 2 / 3);
    let t = Instant::now();
    let partial = Archive::assemble_partial(all, Summary::default());
    println!("partial (2/3): {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let a = partial.extend(rest, Summary::default(), true);
    println!(
        "extended with the rest: {:.0} ms ({} docs)",
        t.elapsed().as_secs_f64() * 1e3,
        a.len()
    );
}
