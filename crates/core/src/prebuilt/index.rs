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

use crate::archive::Part;
use crate::codec::{self, Writer};
use crate::search::shelf::ShardLists;

use super::{preamble, read_any_shard, Damaged, ShardKind};

/// The first bytes of every index shard.
pub const INDEX_MAGIC: [u8; 8] = *b"CHRONIDX";
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
