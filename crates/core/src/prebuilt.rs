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
//!     fields, its problems, the documents rejected and accepted, the number of parts;
//!   - `2`, a part: one run of documents, their compressed text and their index segment;
//!   - `3`, the end (once, last): the number of parts again.
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

/// The first bytes of every prebuilt archive.
pub const MAGIC: [u8; 8] = *b"CHRONARC";
/// The format version this code writes and reads.
pub const VERSION: u32 = 1;
/// Bytes of document text in one run (one part) of a built archive.
pub const RUN_BYTES: usize = crate::archive::PART_BYTES;

const HEADER: u8 = 1;
const PART: u8 = 2;
const END: u8 = 3;
/// Bytes before the first frame: the magic and the version.
const PREAMBLE: usize = MAGIC.len() + 4;
/// Bytes of a frame's kind and length.
const FRAME_HEAD: usize = 9;
/// Most bytes reserved ahead for a frame still arriving (a damaged length must not
/// reserve gigabytes).
const MAX_RESERVE: u64 = 1 << 30;

/// Why a prebuilt archive cannot be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    /// What is wrong.
    pub message: String,
    /// Byte offset in the file.
    pub at: u64,
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
/// document order. The same summary and parts always give the same bytes.
pub fn write(summary: &Summary, parts: &[Part]) -> Vec<u8> {
    let mut out = Vec::with_capacity(PREAMBLE);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
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
    header: Option<(Summary, usize)>,
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
            if sniff(&self.buf) != Some(true) {
                return Err(self.damaged(0, "this is not a prebuilt Chronicle archive".into()));
            }
            let mut v = [0; 4];
            v.copy_from_slice(&self.buf[MAGIC.len()..PREAMBLE]);
            let version = u32::from_le_bytes(v);
            if version != VERSION {
                return Err(self.damaged(
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
                // Room for the whole frame at once, not by doubling (a part can be
                // hundreds of megabytes); never more than a sane frame.
                let missing = (len - (self.buf.len() - start) as u64).min(MAX_RESERVE);
                self.buf.reserve(missing as usize);
                return Ok(());
            }
            let end = start + len as usize;
            let payload = &self.buf[start..end];
            let framed = (end - *at) as u64;
            match (kind, &self.header) {
                (HEADER, None) => {
                    let header = decode_header(payload)
                        .map_err(|e| self.damaged(start + e.at, format!("header: {}", e.what)))?;
                    self.header = Some(header);
                }
                (PART, Some((_, expected))) => {
                    if self.parts >= *expected {
                        return Err(self.damaged(*at, "more parts than the header says".into()));
                    }
                    let p: Part = codec::from_bytes(payload).map_err(|e| {
                        self.damaged(
                            start + e.at,
                            format!("part {} cannot be read: {}", self.parts + 1, e.what),
                        )
                    })?;
                    self.parts += 1;
                    part(p, framed);
                }
                (END, Some((_, expected))) => {
                    let mut r = codec::Reader::new(payload);
                    let n = r.usize().ok().filter(|_| r.end().is_ok());
                    if n != Some(self.parts) || self.parts != *expected {
                        return Err(self.damaged(
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
                    return Err(self.damaged(*at, format!("unexpected frame of kind {kind}")));
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
                at,
                "the archive is cut short (an interrupted download or copy?)".into(),
            ));
        }
        Ok(self.header.map(|h| h.0).unwrap_or_default())
    }

    fn damaged(&self, at: usize, message: String) -> Damaged {
        Damaged {
            message: format!("the prebuilt archive cannot be opened: {message}"),
            at: self.base + at as u64,
        }
    }
}

fn decode_header(bytes: &[u8]) -> codec::Result<(Summary, usize)> {
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
    r.end()?;
    let summary = Summary {
        title,
        description,
        meta,
        problems,
        rejected,
        accepted,
    };
    Ok((summary, parts))
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
    let mut decoder = Decoder::new();
    let mut parts = Vec::new();
    decoder.feed(bytes, &mut |p, _| parts.push(p))?;
    let summary = decoder.finish()?;
    Ok(Archive::assemble(parts, summary))
}

#[cfg(test)]
mod tests;
