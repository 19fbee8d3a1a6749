//! A prebuilt archive: documents already read and indexed, written as bytes to open
//! without parsing JSON or indexing.
//!
//! # Overview
//! `chronicle build` reads a corpus, cuts it into runs of documents ([`batches`]), reads
//! each run into a [`Part`] ([`read_batch`], one run per core) and writes the parts in
//! order ([`write`]). The app opens such a file wherever it opens a corpus file (next to
//! the page, dropped by the reader, in an embed): [`Decoder`] hands each part over as
//! soon as its bytes have arrived, and the parts are joined exactly as the parts of a
//! JSON corpus read in the browser are, so both give the same archive.
//!
//! # Format (version [`VERSION`])
//! - 8 bytes: [`MAGIC`], `CHRONARC`.
//! - 4 bytes: the format version, a little-endian `u32`.
//! - Frames, each a kind byte, a little-endian `u64` payload length and the payload
//!   (in [`crate::codec`]'s encoding):
//!   - `1`, the header (once, first): title, description, the corpus's other top-level
//!     fields, its problems, the documents rejected and accepted, the number of parts,
//!     and where the text shards start (empty when the text is inside);
//!   - `2`, a part: one run of documents, their compressed text and their index segment;
//!   - `3`, the end (once, last): the number of parts again.
//!
//! A site's archive keeps the compressed blocks of its texts out, in *text shards* of
//! about [`SHARD_BYTES`] next to it (`corpus.chronicle.text/00000.bin`, …): the app
//! fetches a shard when a snippet or a document needs a block in it, so it opens after
//! fetching the index and metadata alone. Shard `i` holds the blocks from `starts[i]`
//! up to `starts[i + 1]`: 8 bytes [`SHARD_MAGIC`], the version, then the number of its
//! first block and the list of blocks. Offline files and dropped files keep the text
//! inside.
//!
//! A site's archive also keeps the postings of its index out, in *index shards* of
//! consecutive terms beside it (`corpus.chronicle.index/00000.bin`, …; see [`index`]):
//! its part then holds the dictionary, each term's document count and last document, and
//! where the index shards start. The app fetches the shards a query's terms are in.
//! The dictionary, with those counts and where the shards start, is kept out as well,
//! in the *words file* (`corpus.chronicle.index/words.bin`): the app lists, counts and
//! draws the documents without it, so it opens after fetching the documents' table and
//! the facets' values alone, and fetches the words straight after, for the first query.
//! Such an archive has one part.
//!
//! Nothing after the end frame is read. A file of another version is refused with a
//! message saying so; damaged or cut-short bytes give a [`Damaged`] error naming the
//! byte, never a panic.

use std::fmt;

use crate::archive::{Archive, Part, PartBuilder};
use crate::batch::Batch;
use crate::codec::{self, Writer};
use crate::load::{LoadError, Loader, Reader, Summary};
use crate::problem::Problem;

pub mod index;
pub use index::{
    index_dir, read_index_shard, read_words, split_postings, split_words, INDEX_MAGIC,
    INDEX_SHARD_BYTES, WORDS_FILE, WORDS_MAGIC,
};

/// The first bytes of every prebuilt archive.
pub const MAGIC: [u8; 8] = *b"CHRONARC";
/// The format version this code writes and reads (2: the metadata fields as one table;
/// 3: each document's key for finding identical copies; 4: postings in index shards;
/// 5: the dictionary in a words file).
pub const VERSION: u32 = 5;
/// The first bytes of every text shard.
pub const SHARD_MAGIC: [u8; 8] = *b"CHRONTXT";
/// Compressed bytes of text in a shard (more when one block is larger): small, as the
/// snippets of a page of results come from as many documents.
pub const SHARD_BYTES: usize = 16 * 1024;
/// Bytes of document text in one run (one part) of a built archive.
pub const RUN_BYTES: usize = crate::archive::PART_BYTES;

const HEADER: u8 = 1;
const PART: u8 = 2;
const END: u8 = 3;
/// Bytes before the first frame: the magic and the version.
const PREAMBLE: usize = MAGIC.len() + 4;
/// Bytes of a frame's kind and length.
const FRAME_HEAD: usize = 9;

/// Why a prebuilt archive (or one of its text shards) cannot be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    /// What is wrong, for code.
    pub kind: Damage,
    /// What is wrong, for people (it names the file or shard, and the kind).
    pub message: String,
    /// Byte offset in the file.
    pub at: u64,
}

/// What is wrong with a prebuilt archive or a text shard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// It is not an archive (or not a shard) at all.
    NotAnArchive,
    /// It was written in another format version: which.
    Version(u32),
    /// It ends before its last frame.
    CutShort,
    /// A frame cannot be read, or does not fit the others.
    Broken,
    /// A shard holds other blocks than the archive says, or the archive has no such shard.
    WrongShard,
}

impl fmt::Display for Damaged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.at)
    }
}

impl std::error::Error for Damaged {}

/// Whether `head` (the first bytes of a file) could still be the start of a prebuilt
/// archive: `Some(true)` if it is one, `Some(false)` if not, `None` if too short to say.
pub fn sniff(head: &[u8]) -> Option<bool> {
    let n = head.len().min(MAGIC.len());
    if head[..n] != MAGIC[..n] {
        Some(false)
    } else if n < MAGIC.len() {
        None
    } else {
        Some(true)
    }
}

/// Cuts a JSON corpus into runs of about `run_bytes` of document text, in order, and
/// gives each to `each`. Returns what the file says at the corpus level.
pub fn batches(
    json: &[u8],
    run_bytes: usize,
    mut each: impl FnMut(Batch),
) -> Result<Summary, LoadError> {
    let mut loader = Loader::new();
    let mut batch = Batch::default();
    let mut bytes = 0;
    let mut on_doc = |index: usize, text: &str, at| {
        batch.docs.push((index as u32, at, text.to_string()));
        bytes += text.len();
        if bytes >= run_bytes {
            bytes = 0;
            each(std::mem::take(&mut batch));
        }
    };
    loader.feed_raw(json, &mut on_doc)?;
    let summary = loader.finish_raw(&mut on_doc)?;
    if !batch.docs.is_empty() {
        each(batch);
    }
    Ok(summary)
}

/// Reads one run of documents into a part, as a helper worker in the browser does.
pub fn read_batch(batch: &Batch) -> Part {
    let mut reader = Reader::default();
    let mut part = PartBuilder::new();
    batch.read_into(&mut reader, &mut part);
    let rejected = reader.rejected;
    part.finish(std::mem::take(&mut reader.problems), rejected)
}

/// Joins parts (in document order) into one, as the browser would join them, so that
/// it need not: a built archive of one part opens without merging indexes.
pub fn join(parts: Vec<Part>) -> Part {
    Archive::assemble_partial(parts, Summary::default()).into_part()
}

/// Writes a prebuilt archive: what the corpus says at its level, then its parts in
/// document order, and where its text shards start if its text is kept out
/// ([`split_text`]; else empty). The same input always gives the same bytes.
pub fn write(summary: &Summary, parts: &[Part], text_shards: &[u32]) -> Vec<u8> {
    let mut out = preamble(&MAGIC);
    let mut w = Writer::new();
    w.opt_str(summary.title.as_deref());
    w.opt_str(summary.description.as_deref());
    w.usize(summary.meta.len());
    for (k, v) in &summary.meta {
        w.str(k);
        w.str(v);
    }
    w.list(&summary.problems);
    w.usize(summary.rejected);
    w.usize(summary.accepted);
    w.usize(parts.len());
    w.u32s(text_shards);
    frame(&mut out, HEADER, &w.finish());
    for p in parts {
        frame(&mut out, PART, &codec::to_bytes(p));
    }
    let mut w = Writer::new();
    w.usize(parts.len());
    frame(&mut out, END, &w.finish());
    out
}

fn frame(out: &mut Vec<u8>, kind: u8, payload: &[u8]) {
    out.push(kind);
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(payload);
}

/// Reads a prebuilt archive as its bytes arrive. See the module docs.
#[derive(Debug, Default)]
pub struct Decoder {
    /// Bytes received and not yet read.
    buf: Vec<u8>,
    /// Offset in the file of `buf[0]`.
    base: u64,
    preamble: bool,
    header: Option<Header>,
    parts: usize,
    ended: bool,
}

impl Decoder {
    /// A decoder at the start of a file.
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// Takes the next bytes; gives each part completed by them to `part`, with the
    /// bytes it took in the file.
    pub fn feed(&mut self, chunk: &[u8], part: &mut impl FnMut(Part, u64)) -> Result<(), Damaged> {
        if self.ended {
            return Ok(());
        }
        self.buf.extend_from_slice(chunk);
        let mut at = 0;
        let result = self.frames(&mut at, part);
        self.buf.drain(..at);
        self.base += at as u64;
        result
    }

    fn frames(&mut self, at: &mut usize, part: &mut impl FnMut(Part, u64)) -> Result<(), Damaged> {
        if !self.preamble {
            if self.buf.len() < PREAMBLE {
                return Ok(());
            }
            let Some(version) = version_after(&self.buf, &MAGIC) else {
                return Err(self.damaged(
                    Damage::NotAnArchive,
                    0,
                    "this is not a prebuilt Chronicle archive".into(),
                ));
            };
            if version != VERSION {
                return Err(self.damaged(
                    Damage::Version(version),
                    MAGIC.len(),
                    format!(
                        "this archive was built in format version {version}, and this Chronicle \
                         reads version {VERSION}: build it again with this version's \
                         `chronicle build`"
                    ),
                ));
            }
            self.preamble = true;
            *at = PREAMBLE;
        }
        while !self.ended && self.buf.len() - *at >= FRAME_HEAD {
            let kind = self.buf[*at];
            let mut n = [0; 8];
            n.copy_from_slice(&self.buf[*at + 1..*at + FRAME_HEAD]);
            let len = u64::from_le_bytes(n);
            let start = *at + FRAME_HEAD;
            if len > (self.buf.len() - start) as u64 {
                // (No room is reserved by the length: a damaged one could ask for
                // gigabytes. The buffer grows with the bytes that come.)
                return Ok(());
            }
            let end = start + len as usize;
            let payload = &self.buf[start..end];
            let framed = (end - *at) as u64;
            match (kind, &self.header) {
                (HEADER, None) => {
                    let header = decode_header(payload).map_err(|e| {
                        self.damaged(Damage::Broken, start + e.at, format!("header: {}", e.what))
                    })?;
                    self.header = Some(header);
                }
                (
                    PART,
                    Some(Header {
                        parts: expected, ..
                    }),
                ) => {
                    if self.parts >= *expected {
                        return Err(self.damaged(
                            Damage::Broken,
                            *at,
                            "more parts than the header says".into(),
                        ));
                    }
                    let p: Part = codec::from_bytes(payload).map_err(|e| {
                        self.damaged(
                            Damage::Broken,
                            start + e.at,
                            format!("part {} cannot be read: {}", self.parts + 1, e.what),
                        )
                    })?;
                    let kept_out = p.index_shards().is_some() || p.words_out().is_some();
                    if kept_out && *expected != 1 {
                        // Index shards number the terms of one index: the parts would
                        // have to be joined, which needs their postings.
                        return Err(self.damaged(
                            Damage::Broken,
                            *at,
                            "its postings are kept out, and it has more than one part".into(),
                        ));
                    }
                    self.parts += 1;
                    part(p, framed);
                }
                (
                    END,
                    Some(Header {
                        parts: expected, ..
                    }),
                ) => {
                    let mut r = codec::Reader::new(payload);
                    let n = r.usize().ok().filter(|_| r.end().is_ok());
                    if n != Some(self.parts) || self.parts != *expected {
                        return Err(self.damaged(
                            Damage::Broken,
                            *at,
                            format!(
                                "the archive ends after {} of its {expected} parts",
                                self.parts
                            ),
                        ));
                    }
                    self.ended = true;
                }
                _ => {
                    return Err(self.damaged(
                        Damage::Broken,
                        *at,
                        format!("unexpected frame of kind {kind}"),
                    ));
                }
            }
            *at = end;
        }
        Ok(())
    }

    /// The input ended: what the corpus says at its level, if every part came.
    pub fn finish(self) -> Result<Summary, Damaged> {
        if !self.ended {
            let at = self.buf.len();
            return Err(self.damaged(
                Damage::CutShort,
                at,
                "the archive is cut short (an interrupted download or copy?)".into(),
            ));
        }
        Ok(self.header.map(|h| h.summary).unwrap_or_default())
    }

    /// Where the text shards start (block numbers, and the end), once the header has
    /// come; empty if the text is inside.
    pub fn text_shards(&self) -> &[u32] {
        self.header.as_ref().map_or(&[], |h| &h.text_shards)
    }

    fn damaged(&self, kind: Damage, at: usize, message: String) -> Damaged {
        Damaged {
            kind,
            message: format!("the prebuilt archive cannot be opened: {message}"),
            at: self.base + at as u64,
        }
    }
}

/// What the header says.
#[derive(Debug)]
struct Header {
    summary: Summary,
    parts: usize,
    text_shards: Vec<u32>,
}

fn decode_header(bytes: &[u8]) -> codec::Result<Header> {
    let mut r = codec::Reader::new(bytes);
    let title = r.opt_string()?;
    let description = r.opt_string()?;
    let k = r.count(2)?;
    let mut meta = std::collections::BTreeMap::new();
    for _ in 0..k {
        let key = r.string()?;
        meta.insert(key, r.string()?);
    }
    let problems: Vec<Problem> = r.list()?;
    let rejected = r.usize()?;
    let accepted = r.usize()?;
    let parts = r.usize()?;
    let text_shards = r.u32s()?;
    if text_shards.first().is_some_and(|&f| f != 0) || text_shards.windows(2).any(|w| w[0] >= w[1])
    {
        return Err(r.error("the text shards are not in order"));
    }
    r.end()?;
    let summary = Summary {
        title,
        description,
        meta,
        problems,
        rejected,
        accepted,
    };
    Ok(Header {
        summary,
        parts,
        text_shards,
    })
}

/// Takes the text out of a (joined) part into shards of about `shard_bytes`: where
/// each starts (and the end), and each shard's bytes. See the module docs.
pub fn split_text(part: &mut Part, shard_bytes: usize) -> (Vec<u32>, Vec<Vec<u8>>) {
    let blocks = part.take_text_blocks();
    let mut starts = vec![0u32];
    let mut shards = Vec::new();
    let mut first = 0usize;
    let mut bytes = 0usize;
    for (i, b) in blocks.iter().enumerate() {
        bytes += b.len();
        if bytes >= shard_bytes || i + 1 == blocks.len() {
            shards.push(shard(first as u32, &blocks[first..=i]));
            starts.push(i as u32 + 1);
            first = i + 1;
            bytes = 0;
        }
    }
    if blocks.is_empty() {
        starts.clear();
    }
    (starts, shards)
}

fn shard(first: u32, blocks: &[Box<[u8]>]) -> Vec<u8> {
    let mut w = Writer::new();
    w.uint(u64::from(first));
    w.usize(blocks.len());
    for b in blocks {
        w.bytes(b);
    }
    let mut out = preamble(&SHARD_MAGIC);
    out.extend_from_slice(&w.finish());
    out
}

/// The first bytes of an archive or a shard: its magic and the format version.
fn preamble(magic: &[u8; 8]) -> Vec<u8> {
    let mut out = magic.to_vec();
    out.extend_from_slice(&VERSION.to_le_bytes());
    out
}

/// The format version written after `magic` at the start of `bytes`; `None` if they do
/// not start so.
fn version_after(bytes: &[u8], magic: &[u8; 8]) -> Option<u32> {
    let version = bytes.get(..PREAMBLE)?.strip_prefix(magic.as_slice())?;
    Some(u32::from_le_bytes(version.try_into().ok()?))
}

/// Blocks of text read from a shard: the number of the first, and the blocks.
pub type Blocks = (u32, Vec<Box<[u8]>>);

/// The file name of text shard `i` (in the directory [`text_dir`] names).
pub fn shard_name(i: usize) -> String {
    format!("{i:05}.bin")
}

/// The directory of the text shards of the archive file `archive` (a name or a URL).
pub fn text_dir(archive: &str) -> String {
    format!("{archive}.text")
}

/// The shards that hold `blocks`, given where shards start.
pub fn shards_of(blocks: &[u32], starts: &[u32]) -> Vec<usize> {
    let mut out: Vec<usize> = blocks
        .iter()
        .filter_map(|&b| {
            let i = starts.partition_point(|&s| s <= b);
            (i > 0 && i < starts.len()).then(|| i - 1)
        })
        .collect();
    out.dedup();
    out
}

/// Reads text shard `i`, which must hold the blocks `starts[i]..starts[i + 1]`: the
/// number of its first block, and its blocks.
pub fn read_shard(bytes: &[u8], i: usize, starts: &[u32]) -> Result<Blocks, Damaged> {
    let kind = ShardKind {
        magic: &SHARD_MAGIC,
        what: "text",
        items: "blocks",
        name: shard_name,
    };
    let blocks = read_any_shard(bytes, i, starts, kind, Vec::len, |r| {
        let at = r.u32()?;
        let n = r.count(1)?;
        let mut blocks = Vec::with_capacity(n);
        for _ in 0..n {
            let b = r.bytes()?;
            crate::store::check_block(r, b, false)?;
            blocks.push(b.to_vec().into_boxed_slice());
        }
        Ok((at, blocks))
    })?;
    Ok((starts[i], blocks))
}

/// What a kind of shard starts with, and what it and its items are called in messages.
#[derive(Clone, Copy)]
pub(crate) struct ShardKind {
    pub magic: &'static [u8; 8],
    pub what: &'static str,
    pub items: &'static str,
    /// The file name of shard `i`.
    pub name: fn(usize) -> String,
}

/// Reads shard `i` of a `kind`, which must hold the items `starts[i]..starts[i + 1]`:
/// checks its magic, version and place, and reads its body with `read` (the number of
/// its first item, and its items, `len` of them), refusing bytes left over.
pub(crate) fn read_any_shard<T>(
    bytes: &[u8],
    i: usize,
    starts: &[u32],
    kind: ShardKind,
    len: impl Fn(&T) -> usize,
    read: impl FnOnce(&mut codec::Reader) -> codec::Result<(u32, T)>,
) -> Result<T, Damaged> {
    let damaged = |damage: Damage, message: String, at: usize| Damaged {
        kind: damage,
        message: format!(
            "{} shard {} cannot be read: {message}",
            kind.what,
            (kind.name)(i)
        ),
        at: at as u64,
    };
    let Some(version) = version_after(bytes, kind.magic) else {
        return Err(damaged(
            Damage::NotAnArchive,
            format!("it is not a Chronicle {} shard", kind.what),
            0,
        ));
    };
    if version != VERSION {
        return Err(damaged(
            Damage::Version(version),
            "it is of another format version".into(),
            kind.magic.len(),
        ));
    }
    let (Some(&first), Some(&end)) = (starts.get(i), starts.get(i + 1)) else {
        return Err(damaged(
            Damage::WrongShard,
            "the archive has no such shard".into(),
            0,
        ));
    };
    let mut r = codec::Reader::new(&bytes[PREAMBLE..]);
    let (at, items) = read(&mut r)
        .and_then(|read| r.end().map(|()| read))
        .map_err(|e| damaged(Damage::Broken, e.what, PREAMBLE + e.at))?;
    if at != first || len(&items) != (end - first) as usize {
        return Err(damaged(
            Damage::WrongShard,
            format!("it holds other {} than the archive says", kind.items),
            PREAMBLE,
        ));
    }
    Ok(items)
}

/// Builds the parts of a JSON corpus in this thread (the CLI does the same on every
/// core): what [`write`] takes.
pub fn parts_of(json: &[u8], run_bytes: usize) -> Result<(Summary, Vec<Part>), LoadError> {
    let mut parts = Vec::new();
    let summary = batches(json, run_bytes, |b| parts.push(read_batch(&b)))?;
    Ok((summary, parts))
}

/// Opens a whole prebuilt archive at once.
pub fn open(bytes: &[u8]) -> Result<Archive, Damaged> {
    open_with_shards(bytes).map(|(archive, _)| archive)
}

/// Opens a whole prebuilt archive at once, with where its text shards start (empty if
/// its text is inside).
pub fn open_with_shards(bytes: &[u8]) -> Result<(Archive, Vec<u32>), Damaged> {
    let mut decoder = Decoder::new();
    let mut parts = Vec::new();
    decoder.feed(bytes, &mut |p, _| parts.push(p))?;
    let shards = decoder.text_shards().to_vec();
    let summary = decoder.finish()?;
    Ok((Archive::assemble(parts, summary), shards))
}

#[cfg(test)]
mod tests;
