//! Fuzzes the prebuilt archive reader: any bytes, whole or in chunks, open or fail with
//! a message, never panic; an archive that opens answers a query. The input starts as a
//! real archive (of a small corpus) with the fuzzer's bytes written over part of it, so
//! the fuzzer reaches the parts and their index, not only the magic. Half the time the
//! archive keeps its postings in index shards and its dictionary in a words file, and the
//! bytes are written over one of those instead: it is refused with a message or put in,
//! and the query answers.
#![no_main]

use std::sync::OnceLock;

use chronicle_core::engine::Engine;
use chronicle_core::prebuilt::{self, Decoder};
use libfuzzer_sys::fuzz_target;

const JSON: &str = r#"{"title":"T","documents":[
    {"id":"a","title":"Idlib talks","body":"The political process. Negotiations.","date":"2018-10-17","source":"Syrian Coalition","tags":["peace"]},
    {"id":"a","title":"Union","body":"The state of the union, 1861.","date":"0102","source":"Abraham Lincoln","language":"en"},
    {"id":"c","title":"Undated","body":"إدلب résumé government goverment"},
    {"id":"e","title":"Undated","body":"إدلب résumé government goverment"},
    {"id":"d","title":7}]}"#;

fn valid() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let (summary, parts) =
            prebuilt::parts_of(JSON.as_bytes(), 64).expect("the fuzz corpus loads");
        prebuilt::write(&summary, &parts, &[])
    })
}

/// A site's archive, its postings in index shards and its dictionary in a words file.
struct Site {
    archive: Vec<u8>,
    starts: Vec<u32>,
    shards: Vec<Vec<u8>>,
    words: Vec<u8>,
}

/// The same archive as a site's.
fn shelved() -> &'static Site {
    static BUILT: OnceLock<Site> = OnceLock::new();
    BUILT.get_or_init(|| {
        let (summary, parts) =
            prebuilt::parts_of(JSON.as_bytes(), 64).expect("the fuzz corpus loads");
        let mut part = prebuilt::join(parts);
        let (starts, shards) = prebuilt::split_postings(&mut part, 16);
        let words = prebuilt::split_words(&mut part);
        Site {
            archive: prebuilt::write(&summary, &[part], &[]),
            starts,
            shards,
            words,
        }
    })
}

/// `data`'s bytes after its first two written over `bytes` where those two say (and the
/// rest cut off there, a third of the time).
fn overwrite(bytes: &mut Vec<u8>, data: &[u8]) {
    if let [a, b, rest @ ..] = data {
        let at = usize::from(u16::from_le_bytes([*a, *b])) % (bytes.len() + 1);
        let end = (at + rest.len()).min(bytes.len());
        bytes[at..end].copy_from_slice(&rest[..end - at]);
        if data.len() % 3 == 0 {
            bytes.truncate(at);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let site = shelved();
    // Which of the site's files is damaged: an index shard, or (the last) the words file.
    let shard = (data.len() % 2 == 1)
        .then(|| usize::from(data.first().copied().unwrap_or(0)) % (site.shards.len() + 1));
    let mut bytes = if shard.is_some() {
        site.archive.clone()
    } else {
        valid().to_vec()
    };
    if shard.is_none() {
        overwrite(&mut bytes, data);
    }
    let whole = prebuilt::open(&bytes);
    let mut d = Decoder::new();
    let mut parts = 0;
    let chunked = bytes
        .chunks(7)
        .try_for_each(|c| d.feed(c, &mut |_, _| parts += 1))
        .and_then(|()| d.finish());
    assert_eq!(whole.is_ok(), chunked.is_ok());
    if let Ok(archive) = whole {
        let mut e = Engine::new(archive, 1);
        if let Some(damaged) = shard {
            let mut words = site.words.clone();
            if damaged == site.shards.len() {
                overwrite(&mut words, data);
            }
            let terms = site.starts.last().copied().unwrap_or(0);
            if let Ok(w) = prebuilt::read_words(&words, terms) {
                let _ = e.fill_words(w);
            }
            for (i, s) in site.shards.iter().enumerate() {
                let mut s = s.clone();
                if i == damaged {
                    overwrite(&mut s, data);
                }
                if let Ok(lists) = prebuilt::read_index_shard(&s, i, &site.starts) {
                    let _ = e.fill_postings(i, lists);
                }
            }
        }
        let _ = e.info(None);
        let _ = e.answer(&chronicle_core::protocol::ViewRequest {
            seq: 1,
            q: "idlib OR union".into(),
            selection: Default::default(),
            sort: Default::default(),
            zoom: None,
            window: chronicle_core::protocol::Window::Rows {
                start: 0,
                count: 10,
            },
            facets: Vec::new(),
            open: None,
            series: vec!["union".into(), "idlib".into()],
            copies: data.len() % 2 == 0,
        });
    }
});
