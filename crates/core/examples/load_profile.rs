//! Where loading time and memory go: `cargo run --release -p chronicle-core --example
//! load_profile -- corpus.json [--compress-while-loading]`. Loads as the browser's engine
//! does (text compressed once the archive is ready, then timed apart), or with the text
//! compressed as it loads. Counts heap bytes with a wrapping allocator (current and
//! peak), which is what a wasm module's linear memory grows to.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

struct Counting;
static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn mb(n: usize) -> String {
    format!("{:.1} MB", n as f64 / 1e6)
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: load_profile corpus.json");
    let bytes = std::fs::read(&path).expect("readable file");
    println!("{path}: {}", mb(bytes.len()));
    // Feed in 1 MB chunks, as the browser does; the file itself is not counted.
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let t = Instant::now();
    let inline = std::env::args().any(|a| a == "--compress-while-loading");
    let mut loader = chronicle_core::ArchiveLoader::new();
    if !inline {
        loader = loader.deferring_compression();
    }
    for chunk in bytes.chunks(1 << 20) {
        loader.feed(chunk).expect("a corpus");
    }
    let fed = t.elapsed();
    println!(
        "after streaming: heap now {} peak {}",
        mb(CURRENT.load(Ordering::Relaxed) - base),
        mb(PEAK.load(Ordering::Relaxed) - base)
    );
    let mut archive = loader.finish().expect("a corpus");
    let total = t.elapsed();
    println!(
        "load: {:.0} ms (streaming {:.0} ms, finish {:.0} ms), {:.0} MB/s",
        total.as_secs_f64() * 1e3,
        fed.as_secs_f64() * 1e3,
        (total - fed).as_secs_f64() * 1e3,
        bytes.len() as f64 / 1e6 / total.as_secs_f64()
    );
    if !inline {
        let t = Instant::now();
        while archive.compress_text(64) {}
        println!(
            "then compressing the text: {:.0} ms",
            t.elapsed().as_secs_f64() * 1e3
        );
    }
    println!(
        "heap now {} peak {} (without the input); documents {}, terms {}, index {}, text {} -> {}, metadata {}",
        mb(CURRENT.load(Ordering::Relaxed) - base),
        mb(PEAK.load(Ordering::Relaxed) - base),
        archive.len(),
        archive.index.term_count(),
        mb(archive.index.heap_bytes()),
        mb(archive.text_bytes().0),
        mb(archive.text_bytes().1),
        mb(archive.metadata_bytes()),
    );
    for q in ["\"of the\"", "co", "the", "goverment", "union"] {
        let t = Instant::now();
        let hits = archive.index.search(
            &chronicle_core::Query::parse(q),
            chronicle_core::Sort::Relevance,
        );
        println!(
            "{q:>12}: {:>6} hits in {:.2} ms",
            hits.total(),
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}
