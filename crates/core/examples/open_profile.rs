//! How long opening a built site's archive takes, natively, by phase: `cargo run --release
//! -p chronicle-core --example open_profile -- site/corpus.chronicle`. With the site's
//! words file beside it, also how long reading it and putting it in take.

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
    let mut archive = chronicle_core::archive::Archive::assemble(parts, summary);
    println!(
        "{}: {:.1} MB, decoded in {:.0} ms, assembled in {:.0} ms more; {} documents",
        path,
        bytes.len() as f64 / 1e6,
        decoded.as_secs_f64() * 1e3,
        (t.elapsed() - decoded).as_secs_f64() * 1e3,
        archive.len()
    );
    let words = format!(
        "{}/{}",
        chronicle_core::prebuilt::index_dir(&path),
        chronicle_core::prebuilt::WORDS_FILE
    );
    if let (Some(out), Ok(bytes)) = (archive.index.words_out(), std::fs::read(&words)) {
        let terms = out.terms();
        let t = Instant::now();
        let read = chronicle_core::prebuilt::read_words(&bytes, terms).expect("a words file");
        let read_ms = t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        archive.fill_words(read).expect("its words");
        println!(
            "{words}: {:.1} MB, {terms} terms, read in {read_ms:.0} ms, put in (stems worked out) in {:.0} ms",
            bytes.len() as f64 / 1e6,
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}
