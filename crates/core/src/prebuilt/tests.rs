use proptest::prelude::*;

use super::*;
use crate::engine::Engine;
use crate::protocol::{DocRequest, ViewRequest, Window};

/// Words of a messy archive: Arabic, accents, junk tokens, a URL, HTML.
const WORDS: &[&str] = &[
    "idlib",
    "negotiations",
    "government",
    "إدلب",
    "الحكومة",
    "résumé",
    "coalition",
    "0xdeadbeef",
    "aGVsbG8gd29ybGQ=",
    "https://example.org/a?b=c",
    "<b>bold</b>",
    "talks",
    "talking",
    "geneva",
];
const DATES: &[&str] = &[
    "2018-10-17",
    "2002-08",
    "1861",
    "0102-03-04",
    "2102",
    "not a date",
];
const SOURCES: &[&str] = &["Syrian Coalition", "ARK News", "مصدر", "Other"];

/// A corpus of `n` documents picked by `picks`: duplicate ids, undated and misdated
/// documents, a document of the wrong shape, identical copies.
fn corpus(picks: &[(u8, u8, u8, u8)]) -> String {
    let docs: Vec<String> = picks
        .iter()
        .enumerate()
        .map(|(i, &(w, d, s, k))| {
            let body: Vec<&str> = (0..=(w as usize % 9))
                .map(|j| WORDS[(w as usize * 7 + j * 3 + i) % WORDS.len()])
                .collect();
            let id = if k % 5 == 0 { "dup".to_string() } else { format!("d{i}") };
            if k % 13 == 6 {
                // Identical copies of each other, filed under other tags.
                return format!(
                    r#"{{"id":"{id}","title":"Talks resume","body":"Talks on Idlib resume.","date":"2018-10-17","tags":["t{}"]}}"#,
                    w % 3
                );
            }
            match k % 7 {
                0 => format!(r#"{{"id":"{id}","title":17}}"#),
                1 => format!(
                    r#"{{"id":"{id}","title":"{}","body":"{}"}}"#,
                    WORDS[w as usize % WORDS.len()],
                    body.join(" ").replace('"', "'")
                ),
                _ => format!(
                    r#"{{"id":"{id}","title":"{} {}","body":"{}","date":"{}","source":"{}","tags":["t{}"]}}"#,
                    WORDS[w as usize % WORDS.len()],
                    WORDS[d as usize % WORDS.len()],
                    body.join(" ").replace('"', "'"),
                    DATES[d as usize % DATES.len()],
                    SOURCES[s as usize % SOURCES.len()],
                    k % 3
                ),
            }
        })
        .collect();
    format!(r#"{{"title":"Test","documents":[{}]}}"#, docs.join(","))
}

fn view(q: &str) -> ViewRequest {
    ViewRequest {
        seq: 1,
        q: q.into(),
        selection: Default::default(),
        sort: Default::default(),
        zoom: None,
        window: Window::Rows {
            start: 0,
            count: 50,
        },
        facets: Vec::new(),
        open: None,
        series: Vec::new(),
        copies: false,
    }
}

fn built(json: &str, run_bytes: usize) -> Vec<u8> {
    let (summary, parts) = parts_of(json.as_bytes(), run_bytes).unwrap();
    write(&summary, &parts, &[])
}

/// Everything the page would be shown for these queries, and each result's document.
fn answers(archive: Archive) -> Vec<String> {
    answers_fetching(archive, &mut |_| false)
}

const QUERIES: &[&str] = &[
    "",
    "idlib",
    "talk",
    "goverment",
    "إدلب",
    "source:ARK",
    "résumé OR geneva",
    "\"idlib negotiations\"",
];

/// The same, for an archive whose text is in shards: `fetch` puts in the blocks the
/// engine missed (and says whether it did), and the engine is asked again, as the
/// worker does.
fn answers_fetching(archive: Archive, fetch: &mut dyn FnMut(&mut Engine) -> bool) -> Vec<String> {
    let mut e = Engine::new(archive, 1);
    let mut out = vec![format!("{:?}", e.info(None))];
    // Terms compared over time, too.
    let mut compared = view("talk");
    compared.series = vec!["idlib".into(), "geneva OR إدلب".into()];
    let a = loop {
        let a = e.answer(&compared);
        if !fetch(&mut e) {
            break a;
        }
    };
    out.push(format!("{a:?}"));
    for &q in QUERIES {
        let a = loop {
            let a = e.answer(&view(q));
            if !fetch(&mut e) {
                break a;
            }
        };
        out.push(format!("{a:?}"));
        if let crate::protocol::Rows::List(rows) = &a.rows {
            for r in rows.iter().take(5) {
                let req = DocRequest {
                    seq: 1,
                    id: r.id.clone(),
                    q: q.into(),
                    start: 0,
                    count: 10,
                    count_matches: true,
                    layout: true,
                };
                let d = loop {
                    let d = e.document(&req);
                    if !fetch(&mut e) {
                        break d;
                    }
                };
                out.push(format!("{d:?}"));
            }
        }
    }
    out
}

/// `got` is `want`; if not, where they first differ (answers are long).
fn assert_same(got: &[String], want: &[String]) {
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        if g != w {
            let at = g.bytes().zip(w.bytes()).take_while(|(a, b)| a == b).count();
            let from = at.saturating_sub(200);
            panic!(
                "answer {i} differs at byte {at}:\n got …{}\nwant …{}",
                &g[from..(at + 200).min(g.len())],
                &w[from..(at + 200).min(w.len())]
            );
        }
    }
    assert_eq!(got.len(), want.len());
}

/// A corpus of `n` documents whose picks spread over every kind `corpus` makes.
fn spread(n: u32) -> String {
    let picks: Vec<_> = (0..n)
        .map(|i| ((i * 13) as u8, (i * 7) as u8, (i * 3) as u8, (i * 11) as u8))
        .collect();
    corpus(&picks)
}

#[test]
fn text_in_shards_is_fetched_as_read_and_answers_the_same() {
    let json = spread(300);
    let from_json = answers(Archive::from_bytes(json.as_bytes()).unwrap());
    let (summary, parts) = parts_of(json.as_bytes(), 1024).unwrap();
    let mut part = join(parts);
    // Tiny shards: many of them, so that reading one document fetches few.
    let (starts, shards) = split_text(&mut part, 64);
    assert!(shards.len() > 2, "{} shards", shards.len());
    let bytes = write(&summary, &[part], &starts);
    let (archive, read_starts) = open_with_shards(&bytes).unwrap();
    assert_eq!(read_starts, starts);
    let mut fetched = std::collections::BTreeSet::new();
    let got = answers_fetching(archive, &mut |e| {
        let missing = e.take_missing_text();
        let wanted = shards_of(&missing, &starts);
        for &i in &wanted {
            let (first, blocks) = read_shard(&shards[i], i, &starts).unwrap();
            assert!(e.fill_text(first, blocks));
            fetched.insert(i);
        }
        !wanted.is_empty()
    });
    assert_eq!(got, from_json);
    assert!(!fetched.is_empty());
}

/// A site's part: its text, its postings and (with `words`) its dictionary kept out, as
/// `chronicle build` cuts it; with the archive's bytes, where the text and index shards
/// start, and the shards and the words file (empty if inside).
struct Site {
    bytes: Vec<u8>,
    text_starts: Vec<u32>,
    texts: Vec<Vec<u8>>,
    index_starts: Vec<u32>,
    shards: Vec<Vec<u8>>,
    words: Vec<u8>,
}

fn site(json: &str, index_shard_bytes: usize, words: bool) -> Site {
    let (summary, parts) = parts_of(json.as_bytes(), 1024).unwrap();
    let mut part = join(parts);
    let (text_starts, texts) = split_text(&mut part, 64);
    let (index_starts, shards) = split_postings(&mut part, index_shard_bytes);
    let words = if words {
        let terms = part.index.term_count();
        let file = split_words(&mut part);
        assert_eq!(part.words_out(), Some(terms as u32));
        assert_eq!(part.index_shards(), None);
        file
    } else {
        Vec::new()
    };
    Site {
        bytes: write(&summary, &[part], &text_starts),
        text_starts,
        texts,
        index_starts,
        shards,
        words,
    }
}

/// What fetching for a site's archive put in: the words file (how many times) and the
/// index shards.
#[derive(Default)]
struct Fetched {
    words: usize,
    index: std::collections::BTreeSet<u32>,
}

impl Site {
    /// Puts in what `e` read while missing (the words file, index shards, text shards),
    /// as the worker fetches them; whether there was any, so that it is asked again.
    fn fill(&self, e: &mut Engine, fetched: &mut Fetched) -> bool {
        let mut again = false;
        if e.take_missing_words() {
            let terms = *self.index_starts.last().unwrap();
            let starts = e
                .fill_words(read_words(&self.words, terms).unwrap())
                .unwrap();
            assert_eq!(starts, self.index_starts);
            fetched.words += 1;
            again = true;
        }
        for i in e.take_missing_postings() {
            let lists =
                read_index_shard(&self.shards[i as usize], i as usize, &self.index_starts).unwrap();
            e.fill_postings(i as usize, lists).unwrap();
            fetched.index.insert(i);
            again = true;
        }
        // Text is read for the answers given once the words and postings are in.
        for i in shards_of(&e.take_missing_text(), &self.text_starts) {
            let (first, blocks) = read_shard(&self.texts[i], i, &self.text_starts).unwrap();
            assert!(e.fill_text(first, blocks));
            again = true;
        }
        again
    }
}

#[test]
fn postings_in_index_shards_are_fetched_as_read_and_answer_the_same() {
    let json = spread(300);
    let from_json = answers(Archive::from_bytes(json.as_bytes()).unwrap());
    // Tiny shards: a term or a few each.
    let s = site(&json, 96, false);
    assert!(s.shards.len() > 10, "{} shards", s.shards.len());
    let (archive, _) = open_with_shards(&s.bytes).unwrap();
    assert_eq!(
        archive.index.shelf().map(|s| s.starts().to_vec()),
        Some(s.index_starts.clone())
    );
    let mut fetched = Fetched::default();
    let got = answers_fetching(archive, &mut |e| s.fill(e, &mut fetched));
    assert_same(&got, &from_json);
    // Only some of the shards were needed.
    assert!(
        !fetched.index.is_empty() && fetched.index.len() < s.shards.len(),
        "{:?}",
        fetched.index
    );
}

#[test]
fn a_wrong_or_damaged_index_shard_is_refused() {
    let json = spread(200);
    let (_, parts) = parts_of(json.as_bytes(), 1 << 20).unwrap();
    let mut part = join(parts);
    let (starts, shards) = split_postings(&mut part, 64);
    assert!(shards.len() >= 3);
    assert!(read_index_shard(&shards[0], 0, &starts).is_ok());
    let e = read_index_shard(&shards[1], 0, &starts).unwrap_err();
    assert_eq!(e.kind, Damage::WrongShard, "{e}");
    assert!(e.message.contains("index shard 00000.bin"), "{e}");
    for cut in 0..shards[0].len() {
        assert!(
            read_index_shard(&shards[0][..cut], 0, &starts).is_err(),
            "{cut}"
        );
    }
    let e = read_index_shard(b"not a shard at all", 0, &starts).unwrap_err();
    assert_eq!(e.kind, Damage::NotAnArchive, "{e}");
    let e = read_index_shard(&shards[0], starts.len(), &starts).unwrap_err();
    assert_eq!(e.kind, Damage::WrongShard, "{e}");
    // A text shard is not an index shard.
    let (text_starts, texts) = split_text(&mut part, 64);
    assert_eq!(
        read_index_shard(&texts[0], 0, &text_starts)
            .unwrap_err()
            .kind,
        Damage::NotAnArchive
    );
    // A shard that reads but does not fit its terms' counts is refused when put in.
    let bytes = write(&Summary::default(), &[part], &[]);
    let mut archive = open(&bytes).unwrap();
    let lists = read_index_shard(&shards[0], 0, &starts).unwrap();
    // Too few terms for its place; postings its terms' counts say are not there.
    let mut short = lists.clone();
    short.doc_ends.pop();
    short.pos_ends.pop();
    assert!(archive.fill_postings(0, short).is_err());
    let empty = crate::search::shelf::ShardLists {
        doc_ends: vec![0; lists.len()],
        docs: Vec::new(),
        pos_ends: vec![0; lists.len()],
        positions: Vec::new(),
    };
    let e = archive.fill_postings(0, empty).unwrap_err();
    assert!(e.contains("counts more postings"), "{e}");
    assert!(archive.fill_postings(0, lists).is_ok());
}

#[test]
fn a_dictionary_in_the_words_file_is_fetched_for_the_first_word_and_answers_the_same() {
    let json = spread(300);
    let from_json = answers(Archive::from_bytes(json.as_bytes()).unwrap());
    let s = site(&json, 96, true);
    let (archive, _) = open_with_shards(&s.bytes).unwrap();
    assert!(archive.index.words_out().is_some());
    // The documents are listed, counted and drawn without the words.
    let mut e = Engine::new(archive, 1);
    let listed = e.answer(&view(""));
    assert!(!e.take_missing_words());
    assert!(e.take_missing_postings().is_empty());
    assert!(listed.total > 0);
    let archive = e.into_archive();
    let mut fetched = Fetched::default();
    let got = answers_fetching(archive, &mut |e| s.fill(e, &mut fetched));
    assert_same(&got, &from_json);
    assert_eq!(fetched.words, 1);
}

#[test]
fn a_wrong_or_damaged_words_file_is_refused() {
    let json = spread(200);
    let s = site(&json, 64, true);
    let terms = *s.index_starts.last().unwrap();
    assert!(read_words(&s.words, terms).is_ok());
    for cut in 0..s.words.len() {
        assert!(read_words(&s.words[..cut], terms).is_err(), "{cut}");
    }
    let e = read_words(&s.words, terms + 1).unwrap_err();
    assert_eq!(e.kind, Damage::WrongShard, "{e}");
    assert!(e.message.contains("dictionary shard words.bin"), "{e}");
    let e = read_words(&s.shards[0], terms).unwrap_err();
    assert_eq!(e.kind, Damage::NotAnArchive, "{e}");
    // Another archive's words file, read whole, does not fit this one.
    let other = site(&spread(20), 64, true);
    let other_terms = *other.index_starts.last().unwrap();
    let mut archive = open(&s.bytes).unwrap();
    let foreign = read_words(&other.words, other_terms).unwrap();
    assert!(archive.fill_words(foreign).is_err());
    assert!(archive.index.words_out().is_some());
    assert!(archive
        .fill_words(read_words(&s.words, terms).unwrap())
        .is_ok());
    assert!(archive.index.words_out().is_none());
    // Twice is refused.
    assert!(archive
        .fill_words(read_words(&s.words, terms).unwrap())
        .is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any bytes given as an index shard are refused or put in, never a panic, and a
    /// query over them answers.
    #[test]
    fn damaged_index_shards_never_panic(flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..6)) {
        let json = spread(60);
        let (_, parts) = parts_of(json.as_bytes(), 1 << 20).unwrap();
        let mut part = join(parts);
        let (starts, shards) = split_postings(&mut part, 64);
        let bytes = write(&Summary::default(), &[part], &[]);
        let mut e = Engine::new(open(&bytes).unwrap(), 1);
        for (i, shard) in shards.iter().enumerate() {
            let mut shard = shard.clone();
            for &(at, b) in &flips {
                let n = shard.len();
                shard[at % n] ^= b | 1;
            }
            if let Ok(lists) = read_index_shard(&shard, i, &starts) {
                let _ = e.fill_postings(i, lists);
            }
        }
        for q in QUERIES {
            let _ = e.answer(&view(q));
        }
    }

    /// Any bytes given as the words file are refused or put in, never a panic, and a
    /// query over them answers.
    #[test]
    fn a_damaged_words_file_never_panics(flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..6)) {
        let s = site(&spread(60), 64, true);
        let terms = *s.index_starts.last().unwrap();
        let mut words = s.words.clone();
        for &(at, b) in &flips {
            let n = words.len();
            words[at % n] ^= b | 1;
        }
        let mut e = Engine::new(open(&s.bytes).unwrap(), 1);
        if let Ok(w) = read_words(&words, terms) {
            let _ = e.fill_words(w);
        }
        for q in QUERIES {
            let _ = e.answer(&view(q));
        }
    }
}

#[test]
fn a_wrong_or_damaged_shard_is_refused() {
    let json = corpus(&(0..1000u32).map(|i| (i as u8, 1, 2, 3)).collect::<Vec<_>>());
    let (_, parts) = parts_of(json.as_bytes(), 1 << 20).unwrap();
    let mut part = join(parts);
    let (starts, shards) = split_text(&mut part, 64);
    assert!(shards.len() >= 2);
    assert!(read_shard(&shards[0], 0, &starts).is_ok());
    let e = read_shard(&shards[1], 0, &starts).unwrap_err();
    assert_eq!(e.kind, Damage::WrongShard, "{e}");
    let e = read_shard(&shards[0][..shards[0].len() - 1], 0, &starts).unwrap_err();
    assert_eq!(e.kind, Damage::Broken, "{e}");
    // The message names the shard's file for people.
    assert!(e.message.contains("00000.bin"), "{e}");
    let e = read_shard(b"not a shard", 0, &starts).unwrap_err();
    assert_eq!(e.kind, Damage::NotAnArchive, "{e}");
    let e = read_shard(&shards[0], starts.len(), &starts).unwrap_err();
    assert_eq!(e.kind, Damage::WrongShard, "{e}");
    assert_eq!(shards_of(&[0, 0, starts[1]], &starts), [0, 1]);
}

#[test]
fn a_built_archive_answers_as_the_json_does() {
    let json = spread(200);
    let archive = Archive::from_bytes(json.as_bytes()).unwrap();
    // The corpus is as messy as meant: rejected documents, renamed ids, matches.
    assert!(archive.rejected > 0 && !archive.problems.is_empty());
    assert!(archive
        .problems
        .iter()
        .any(|p| !p.is_error() && p.field.as_deref() == Some("id")));
    assert!(archive.copies().extra() > 0);
    let mut e = Engine::new(archive, 1);
    assert!(e.answer(&view("idlib")).total > 0);
    let from_json = answers(e.into_archive());
    // Several parts (runs of 1 KB) and one.
    for run in [1024, usize::MAX] {
        let bytes = built(&json, run);
        assert_eq!(
            answers(open(&bytes).unwrap()),
            from_json,
            "runs of {run} bytes"
        );
    }
}

#[test]
fn the_same_corpus_gives_the_same_bytes() {
    let picks: Vec<_> = (0..50u32)
        .map(|i| ((i * 5) as u8, i as u8, (i * 3) as u8, (i * 2) as u8))
        .collect();
    let json = corpus(&picks);
    assert_eq!(built(&json, 2048), built(&json, 2048));
}

#[test]
fn bytes_fed_in_any_chunks_give_the_same_parts() {
    let picks: Vec<_> = (0..60u32)
        .map(|i| ((i * 3) as u8, i as u8, i as u8, (i * 4) as u8))
        .collect();
    let bytes = built(&corpus(&picks), 512);
    let whole = answers(open(&bytes).unwrap());
    for chunk in [1, 7, 4096] {
        let mut d = Decoder::new();
        let mut parts = Vec::new();
        for c in bytes.chunks(chunk) {
            d.feed(c, &mut |p, _| parts.push(p)).unwrap();
        }
        let summary = d.finish().unwrap();
        assert_eq!(answers(Archive::assemble(parts, summary)), whole);
    }
}

#[test]
fn another_version_is_refused_by_name() {
    let mut bytes = built(&corpus(&[(1, 2, 3, 4)]), RUN_BYTES);
    bytes[8..12].copy_from_slice(&7u32.to_le_bytes());
    let e = open(&bytes).unwrap_err();
    assert_eq!(e.kind, Damage::Version(7));
    assert_eq!(e.at, 8);
    // People read both versions.
    assert!(e.message.contains("format version 7"), "{e}");
    assert!(
        e.message.contains(&format!("reads version {VERSION}")),
        "{e}"
    );
}

#[test]
fn json_is_not_an_archive() {
    assert_eq!(sniff(b"[{\"id\""), Some(false));
    assert_eq!(sniff(b"CHRO"), None);
    assert_eq!(sniff(b"CHRONARC\x01\0\0\0"), Some(true));
    assert!(open(b"[]").is_err());
}

#[test]
fn a_cut_short_archive_says_so_at_every_length() {
    let bytes = built(&corpus(&[(1, 2, 3, 4), (5, 6, 7, 8), (9, 1, 2, 3)]), 64);
    for n in 0..bytes.len() {
        let e = open(&bytes[..n]).expect_err("a cut-short archive fails");
        assert_eq!(e.kind, Damage::CutShort, "{n} bytes: {e}");
    }
    assert!(open(&bytes).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Corrupt bytes anywhere open or fail with a message, never panic.
    #[test]
    fn damaged_bytes_never_panic(flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..6)) {
        let mut bytes = built(&corpus(&[(1, 2, 3, 4), (5, 6, 7, 8), (9, 1, 2, 3)]), 64);
        for (at, v) in flips {
            let n = bytes.len();
            bytes[at % n] ^= v | 1;
        }
        if let Ok(archive) = open(&bytes) {
            let _ = answers(archive);
        }
    }

    /// Any corpus, cut into runs of any size, answers as its JSON does.
    #[test]
    fn any_corpus_round_trips(
        picks in proptest::collection::vec(any::<(u8, u8, u8, u8)>(), 0..40),
        run in 1usize..3000,
    ) {
        let json = corpus(&picks);
        let from_json = answers(Archive::from_bytes(json.as_bytes()).unwrap());
        prop_assert_eq!(&answers(open(&built(&json, run)).unwrap()), &from_json);
        let (summary, parts) = parts_of(json.as_bytes(), run).unwrap();
        prop_assert_eq!(answers(open(&write(&summary, &[join(parts)], &[])).unwrap()), from_json);
    }
}
