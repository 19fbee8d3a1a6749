//! Fuzzes the corpus loader: any bytes load or fail with a position, never panic, and
//! feeding them in chunks gives the same documents and problems as feeding them at once.
//! The same bytes read as a spreadsheet, and as mail, load or fail without panicking,
//! and every row or message with text becomes a document or a problem.
#![no_main]

use chronicle_core::load::Loader;
use libfuzzer_sys::fuzz_target;

fn load(data: &[u8], chunk: usize) -> (Vec<String>, Vec<String>, Option<String>) {
    let mut loader = Loader::new();
    let mut ids = Vec::new();
    let mut keep = |d: chronicle_core::Document, _: chronicle_core::load::Place| ids.push(d.id);
    for c in data.chunks(chunk.max(1)) {
        if let Err(e) = loader.feed(c, &mut keep) {
            return (ids, Vec::new(), Some(e.to_string()));
        }
    }
    match loader.finish(&mut keep) {
        Ok(summary) => (
            ids,
            summary.problems.iter().map(|p| p.to_string()).collect(),
            None,
        ),
        Err(e) => (ids, Vec::new(), Some(e.to_string())),
    }
}

fuzz_target!(|data: &[u8]| {
    let whole = load(data, usize::MAX);
    let chunk = 1 + data.first().copied().unwrap_or(0) as usize % 13;
    let pieces = load(data, chunk);
    // Documents and problems agree whenever both loads succeed; both fail alike.
    assert_eq!(
        whole.2.is_some(),
        pieces.2.is_some(),
        "{whole:?} vs {pieces:?}"
    );
    if whole.2.is_none() {
        assert_eq!(whole, pieces);
    }
    for kind in [
        chronicle_core::load::Converted::Table(data.first() == Some(&b'\t')),
        chronicle_core::load::Converted::Mail,
    ] {
        if let Ok(loaded) = chronicle_core::load::load_converted(data, kind) {
            let rejected = loaded.problems.iter().filter(|p| p.is_error()).count();
            assert_eq!(rejected, loaded.rejected);
        }
    }
});
