//! Warming the engine up while an archive downloads.
//!
//! # Overview
//! Browsers compile WebAssembly lazily and in two tiers: a function is first compiled
//! quickly when it is first called, and only optimized after it has run a while. A large
//! archive loaded cold spends its first second in slow code (measured: a warmed load of
//! 10,000 documents takes a quarter less time). [`run`] loads and searches a small
//! made-up archive ([`corpus`]: deterministic, a few hundred documents shaped like real
//! ones, with paragraphs, quotes, accents and Arabic), so the hot paths are compiled and
//! optimized by the time the real bytes arrive. The app calls it right after starting
//! the download; the benchmark does the same for both engines it compares.

use crate::json::write_string;

const WORDS: [&str; 64] = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "for",
    "is",
    "by",
    "state",
    "union",
    "congress",
    "people",
    "government",
    "nation",
    "war",
    "peace",
    "treaty",
    "trade",
    "report",
    "public",
    "service",
    "department",
    "secretary",
    "president",
    "year",
    "law",
    "right",
    "power",
    "country",
    "foreign",
    "policy",
    "economy",
    "budget",
    "taxes",
    "army",
    "navy",
    "commerce",
    "revenue",
    "duty",
    "citizens",
    "freedom",
    "negotiations",
    "agreement",
    "process",
    "political",
    "council's",
    "representatives",
    "delegation",
    "crisis",
    "relief",
    "America",
    "résumé",
    "naïve",
    "X-ray",
    "U.S.",
    "don't",
    "1,000",
    "Mustafa",
    "Coalition",
    "إدلب",
    "“quoted”",
    "(applause)",
];

/// `n` documents of pseudo-random words, as corpus JSON.
pub fn corpus(n: usize) -> String {
    let mut seed: u64 = 0x2018_1017;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut out = String::from(
        "{\"format\":\"chronicle-corpus\",\"version\":1,\"title\":\"warm-up\",\"documents\":[",
    );
    for i in 0..n {
        if i > 0 {
            out.push_str(",\n");
        }
        let pick = |r: u64| WORDS[(r % WORDS.len() as u64) as usize];
        let title: Vec<&str> = (0..6 + next() % 6).map(|_| pick(next())).collect();
        let mut body = String::new();
        for w in 0..150 + next() % 150 {
            body.push_str(pick(next()));
            body.push_str(match w % 23 {
                22 => ".\n\n",
                11 => ", ",
                _ => " ",
            });
        }
        out.push_str(&format!("{{\"id\":\"warm-{i}\",\"title\":"));
        write_string(&title.join(" "), &mut out);
        out.push_str(&format!(
            ",\"date\":\"{}-{:02}-{:02}\",\"source\":\"Source {}\",\"language\":\"en\",\
             \"tags\":[\"topic {}\"],\"people\":[\"Person {}\"],\"body\":",
            1790 + next() % 230,
            1 + next() % 12,
            1 + next() % 28,
            next() % 40,
            next() % 9,
            next() % 30
        ));
        write_string(&body, &mut out);
        out.push('}');
    }
    out.push_str("]}");
    out
}

/// Documents in the warm-up archive.
pub const DOCUMENTS: usize = 300;

/// Loads (in chunks, as a download arrives) and searches [`corpus`] once. Returns the
/// number of matches found, so the work cannot be optimized away.
pub fn run() -> usize {
    let text = corpus(DOCUMENTS);
    let mut loader = crate::archive::ArchiveLoader::new();
    for chunk in text.as_bytes().chunks(64 * 1024) {
        if loader.feed(chunk).is_err() {
            return 0;
        }
    }
    let Ok(archive) = loader.finish() else {
        return 0;
    };
    let mut found = 0;
    for q in [
        "union",
        "gov",
        "goverment",
        "\"state union\"",
        "peace -war",
        "negotiation",
    ] {
        found += archive
            .index
            .search(
                &crate::query::Query::parse(q),
                crate::search::Sort::Relevance,
            )
            .total();
    }
    found
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_warm_up_archive_loads_cleanly_and_finds_things() {
        let loaded = crate::load::load_corpus(super::corpus(50).as_bytes()).unwrap();
        assert_eq!(loaded.corpus.documents.len(), 50);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert!(super::run() > 0);
    }
}
