//! How long opening a built site's archive takes, natively, by phase: `cargo run --release
//! -p chronicle-core --example open_profile -- site/corpus.chronicle`.

use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("a corpus.chronicle");
    let bytes = std::fs::read(&path).expect("readable");
    let t = Instant::now();
    let mut decoder = chronicle_core::prebuilt::Decoder::new();
    let mut parts = Vec::new();
    decoder
        .feed(&bytes, &mut |p, _| parts.push(p))
        .expect("an archive");
    let decoded = t.elapsed();
    let summary = decoder.finish().expect("an archive");
    let archive = chronicle_core::archive::Archive::assemble(parts, summary);
    println!(
        "{}: {:.1} MB, decoded in {:.0} ms, assembled in {:.0} ms more; {} documents",
        path,
        bytes.len() as f64 / 1e6,
        decoded.as_secs_f64() * 1e3,
        (t.elapsed() - decoded).as_secs_f64() * 1e3,
        archive.len()
    );
}
