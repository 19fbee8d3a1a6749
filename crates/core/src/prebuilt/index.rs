//! Index shards: a site's postings, kept out of its archive file.
//!
//! # Overview
//! [`split_postings`] takes the postings out of a (joined) part into shards of
//! consecutive terms (see [`crate::search::shelf`]); the archive keeps where each
//! starts, and `chronicle build` writes them beside it (`corpus.chronicle.index/00000.bin`,
//! …, [`index_dir`]). Shard `i` holds terms `starts[i]` up to `starts[i + 1]`: 8 bytes
//! [`INDEX_MAGIC`], the format version, then the number of its first term, and its
//! terms' end offsets and streams. [`read_index_shard`] refuses a shard of another
//! version, another place or damaged bytes with a [`Damaged`] naming it, never a panic.
//!
//! [`split_words`] then takes the dictionary out, with each term's document count and
//! last document and where the shards start, into the *words file* ([`WORDS_FILE`] in
//! the same directory): 8 bytes [`WORDS_MAGIC`], the version, a 0 (its first term), the
//! sorted terms and the postings' tables, in [`crate::codec`]'s encoding. The archive
//! keeps the number of terms; [`read_words`] checks the file against it.

use crate::archive::Part;
use crate::codec::{self, Writer};
use crate::search::dictionary::Dictionary;
use crate::search::postings::PostingLists;
use crate::search::shelf::ShardLists;

use super::{preamble, read_any_shard, Damaged, ShardKind};

/// The first bytes of every index shard.
pub const INDEX_MAGIC: [u8; 8] = *b"CHRONIDX";
/// The first bytes of the words file.
pub const WORDS_MAGIC: [u8; 8] = *b"CHRONWRD";
/// The name of the words file in the index shards' directory.
pub const WORDS_FILE: &str = "words.bin";
/// Bytes of postings in an index shard (more when one term's are larger).
pub const INDEX_SHARD_BYTES: usize = 64 * 1024;

/// The directory of the index shards of the archive file `archive` (a name or a URL).
pub fn index_dir(archive: &str) -> String {
    format!("{archive}.index")
}

/// Takes the postings out of a (joined) part into shards of about `shard_bytes`: where
/// each starts (its first term, then the number of terms), and each shard's bytes. The
/// part's index then keeps its dictionary, counts and last documents only.
pub fn split_postings(part: &mut Part, shard_bytes: usize) -> (Vec<u32>, Vec<Vec<u8>>) {
    let (starts, lists) = part.index.postings.shelve(shard_bytes);
    let shards = lists
        .iter()
        .zip(&starts)
        .map(|(l, &first)| {
            let mut w = Writer::new();
            w.uint(u64::from(first));
            w.ascending(&l.doc_ends);
            w.bytes(&l.docs);
            w.ascending(&l.pos_ends);
            w.bytes(&l.positions);
            let mut out = preamble(&INDEX_MAGIC);
            out.extend_from_slice(&w.finish());
            out
        })
        .collect();
    (starts, shards)
}

/// Reads index shard `i`, which must hold the terms `starts[i]..starts[i + 1]`.
pub fn read_index_shard(bytes: &[u8], i: usize, starts: &[u32]) -> Result<ShardLists, Damaged> {
    let kind = ShardKind {
        magic: &INDEX_MAGIC,
        what: "index",
        items: "terms",
        name: super::shard_name,
    };
    read_any_shard(bytes, i, starts, kind, ShardLists::len, |r| {
        let at = r.u32()?;
        let doc_ends = r.ascending()?;
        let docs = r.bytes()?.to_vec();
        let pos_ends = r.ascending()?;
        let positions = r.bytes()?.to_vec();
        if pos_ends.len() != doc_ends.len() {
            return Err(r.error("posting tables of different lengths"));
        }
        codec::check_ends(r, &doc_ends, docs.len(), "postings")?;
        codec::check_ends(r, &pos_ends, positions.len(), "positions")?;
        Ok((
            at,
            ShardLists {
                doc_ends,
                docs,
                pos_ends,
                positions,
            },
        ))
    })
}

/// Takes the dictionary and the postings' tables (counts, last documents, where the
/// index shards start) out of a (joined) part whose postings are in shards
/// ([`split_postings`]): the bytes of its words file. The part keeps the number of terms.
pub fn split_words(part: &mut Part) -> Vec<u8> {
    let (dict, postings) = part.index.take_words();
    let mut w = Writer::new();
    w.uint(0);
    w.put(&dict);
    w.put(&postings);
    let mut out = preamble(&WORDS_MAGIC);
    out.extend_from_slice(&w.finish());
    out
}

/// Reads a words file, which must hold the `terms` terms the archive says (see
/// [`split_words`]); a damaged one is refused with a [`Damaged`] naming it.
pub fn read_words(bytes: &[u8], terms: u32) -> Result<(Dictionary, PostingLists), Damaged> {
    let kind = ShardKind {
        magic: &WORDS_MAGIC,
        what: "dictionary",
        items: "terms",
        name: |_| WORDS_FILE.to_string(),
    };
    read_any_shard(
        bytes,
        0,
        &[0, terms],
        kind,
        |w: &(Dictionary, PostingLists)| w.0.len(),
        |r| {
            let at = r.u32()?;
            let dict: Dictionary = r.get()?;
            let postings: PostingLists = r.get()?;
            if postings.len() != dict.len() {
                return Err(r.error("the terms and their postings do not match"));
            }
            Ok((at, (dict, postings)))
        },
    )
}
