//! Document text, kept compressed.
//!
//! # Overview
//! The bodies of an archive are most of its bytes, yet only a screenful is read at a
//! time. A [`TextStore`] appends texts to a block of about [`BLOCK_BYTES`], compresses
//! each full block with LZ4 (fast enough to keep up with loading, and about 1.5× smaller
//! on English prose), and decompresses one block to hand back a text ([`TextStore::get`]).
//! A text longer than a block (a mailbox exported as one 50 MB message) is cut across
//! blocks of its own, so that its opening ([`TextStore::get_prefix`]: a snippet) costs
//! one block, not the whole text.
//!
//! Compression may wait ([`TextStore::defer_compression`]): a full block is then *stored*
//! as it is (behind a marker where the compressed block says its size), so that loading
//! spends nothing on it, and [`TextStore::compress_stored`] compresses such blocks later,
//! a few at a time, when the engine is idle. Reading takes either kind.
//!
//! A store may be missing blocks: a prebuilt archive published as a site keeps its
//! blocks in files of their own, fetched when a text in them is first read. Reading a
//! missing block gives the text up to it and notes the block ([`TextStore::take_missing`]);
//! [`TextStore::fill`] puts it in, and the reader asks again.

/// Uncompressed size at which a block is sealed.
pub const BLOCK_BYTES: usize = 32 * 1024;

/// What a block stored uncompressed starts with, where a compressed one says its size
/// (which is never this large).
const STORED: [u8; 4] = u32::MAX.to_le_bytes();

/// A block's text: as it is if stored, else decompressed.
fn block_text(block: &[u8]) -> Option<std::borrow::Cow<'_, [u8]>> {
    match block.strip_prefix(&STORED) {
        Some(text) => Some(std::borrow::Cow::Borrowed(text)),
        None => lz4_flex::decompress_size_prepended(block)
            .ok()
            .map(std::borrow::Cow::Owned),
    }
}

/// Where a text is: its block, and its byte range inside the decompressed block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextId {
    block: u32,
    start: u32,
    len: u32,
}

impl TextId {
    /// The same text in a store whose blocks were appended `blocks` after another's.
    pub fn shifted(self, blocks: u32) -> TextId {
        TextId {
            block: self.block + blocks,
            ..self
        }
    }
}

/// Compressed texts. See the module docs.
#[derive(Debug, Clone, Default)]
pub struct TextStore {
    /// Compressed blocks; an empty one is missing (a real one is never empty).
    sealed: Vec<Box<[u8]>>,
    open: String,
    raw_bytes: usize,
    /// Missing blocks that were read since the last [`TextStore::take_missing`].
    missing: std::cell::RefCell<Vec<u32>>,
    /// Whether full blocks are stored as they are, to be compressed later.
    deferred: bool,
    /// No block before this one is stored uncompressed.
    stored_from: usize,
}

impl TextStore {
    /// An empty store.
    pub fn new() -> TextStore {
        TextStore::default()
    }

    /// Stores a text.
    pub fn push(&mut self, text: &str) -> TextId {
        if !self.open.is_empty() && self.open.len() + text.len() > BLOCK_BYTES {
            self.seal();
        }
        if text.len() > BLOCK_BYTES {
            // Blocks of its own, cut at character boundaries.
            let id = TextId {
                block: self.sealed.len() as u32,
                start: 0,
                len: text.len() as u32,
            };
            let mut rest = text;
            while !rest.is_empty() {
                let mut cut = BLOCK_BYTES.min(rest.len());
                while !rest.is_char_boundary(cut) {
                    cut -= 1;
                }
                self.open.push_str(&rest[..cut]);
                self.seal();
                rest = &rest[cut..];
            }
            self.raw_bytes += text.len();
            return id;
        }
        let id = TextId {
            block: self.sealed.len() as u32,
            start: self.open.len() as u32,
            len: text.len() as u32,
        };
        self.open.push_str(text);
        self.raw_bytes += text.len();
        id
    }

    fn seal(&mut self) {
        let block = if self.deferred {
            [&STORED[..], self.open.as_bytes()].concat()
        } else {
            lz4_flex::compress_prepend_size(self.open.as_bytes())
        };
        self.sealed.push(block.into_boxed_slice());
        self.open.clear();
    }

    /// From now on, full blocks are stored as they are, to be compressed later by
    /// [`TextStore::compress_stored`] (see the module docs).
    pub fn defer_compression(&mut self) {
        self.deferred = true;
    }

    /// Compresses up to `blocks` blocks that were stored as they are; returns whether any
    /// are left.
    pub fn compress_stored(&mut self, blocks: usize) -> bool {
        let mut done = 0;
        while self.stored_from < self.sealed.len() {
            let block = &mut self.sealed[self.stored_from];
            if let Some(text) = block.strip_prefix(&STORED) {
                if done == blocks {
                    return true;
                }
                *block = lz4_flex::compress_prepend_size(text).into_boxed_slice();
                done += 1;
            }
            self.stored_from += 1;
        }
        false
    }

    /// Seals the last block and releases spare capacity (call after the last push).
    pub fn finish(&mut self) {
        if !self.open.is_empty() {
            self.seal();
        }
        self.open = String::new();
        self.sealed.shrink_to_fit();
    }

    /// Appends the texts of another (finished) store; returns the number to add to the
    /// block of each of its [`TextId`]s ([`TextId::shifted`]).
    pub fn append(&mut self, mut other: TextStore) -> u32 {
        self.finish();
        other.finish();
        let offset = self.sealed.len() as u32;
        if other.stored_from < other.sealed.len() {
            self.stored_from = self.stored_from.min(offset as usize + other.stored_from);
        }
        self.sealed.append(&mut other.sealed);
        self.raw_bytes += other.raw_bytes;
        offset
    }

    /// A stored text.
    pub fn get(&self, id: TextId) -> String {
        self.get_prefix(id, usize::MAX)
    }

    /// The first `max` bytes of a stored text (fewer, to end on a character boundary),
    /// reading only the blocks they are in.
    pub fn get_prefix(&self, id: TextId, max: usize) -> String {
        let want = (id.len as usize).min(max);
        let start = id.start as usize;
        if id.block as usize == self.sealed.len() {
            let end = floor_boundary(&self.open, start + want);
            return self.open.get(start..end).unwrap_or_default().to_string();
        }
        let mut out = Vec::with_capacity(want);
        let mut block = id.block as usize;
        let mut skip = start;
        while out.len() < want {
            if self.sealed.get(block).is_some_and(|b| b.is_empty()) {
                self.missing.borrow_mut().push(block as u32);
                break;
            }
            let Some(bytes) = self.sealed.get(block).and_then(|b| block_text(b)) else {
                break;
            };
            let from = skip.min(bytes.len());
            let take = (want - out.len()).min(bytes.len() - from);
            out.extend_from_slice(&bytes[from..from + take]);
            skip = 0;
            block += 1;
            if take == 0 {
                break;
            }
        }
        match String::from_utf8(out) {
            Ok(s) => s,
            Err(e) => {
                // Cut inside a character: keep what comes before it.
                let valid = e.utf8_error().valid_up_to();
                let mut bytes = e.into_bytes();
                bytes.truncate(valid);
                String::from_utf8(bytes).unwrap_or_default()
            }
        }
    }

    /// Number of sealed blocks.
    pub fn block_count(&self) -> usize {
        self.sealed.len()
    }

    /// Takes the sealed blocks out (to publish them as files of their own), leaving
    /// them missing.
    pub fn take_blocks(&mut self) -> Vec<Box<[u8]>> {
        self.sealed.iter_mut().map(std::mem::take).collect()
    }

    /// Puts blocks back, the first of them at number `first`; returns whether they fit.
    pub fn fill(&mut self, first: u32, blocks: Vec<Box<[u8]>>) -> bool {
        let first = first as usize;
        if first + blocks.len() > self.sealed.len() {
            return false;
        }
        for (slot, b) in self.sealed[first..].iter_mut().zip(blocks) {
            *slot = b;
        }
        true
    }

    /// The missing blocks read since the last call (each once, in order).
    pub fn take_missing(&self) -> Vec<u32> {
        let mut m = std::mem::take(&mut *self.missing.borrow_mut());
        crate::sort::by_key(&mut m, |&b| u64::from(b));
        m.dedup();
        m
    }

    /// Bytes of text stored (uncompressed).
    pub fn raw_bytes(&self) -> usize {
        self.raw_bytes
    }

    /// Bytes held (compressed blocks and the open block).
    pub fn heap_bytes(&self) -> usize {
        self.sealed.iter().map(|b| b.len() + 16).sum::<usize>() + self.open.capacity()
    }
}

/// The largest character boundary of `s` at or before `at`.
fn floor_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

impl crate::codec::Encode for TextStore {
    fn encode(&self, w: &mut crate::codec::Writer) {
        w.usize(self.raw_bytes);
        w.usize(self.sealed.len());
        for b in &self.sealed {
            w.bytes(b);
        }
        w.str(&self.open);
    }
}

impl crate::codec::Decode for TextStore {
    fn decode(r: &mut crate::codec::Reader) -> crate::codec::Result<Self> {
        let raw_bytes = r.usize()?;
        let n = r.count(1)?;
        let mut sealed = Vec::with_capacity(n);
        for _ in 0..n {
            let block = r.bytes()?;
            check_block(r, block, true)?;
            sealed.push(block.to_vec().into_boxed_slice());
        }
        Ok(TextStore {
            sealed,
            open: r.string()?,
            raw_bytes,
            ..Default::default()
        })
    }
}

/// Checks a block read from bytes: a compressed one says how long it is decompressed,
/// never more than a block (a damaged length would ask for gigabytes); a stored one is
/// no longer than a block. Empty is a missing block, where allowed.
pub fn check_block(
    r: &crate::codec::Reader,
    block: &[u8],
    may_be_missing: bool,
) -> crate::codec::Result<()> {
    if block.is_empty() && may_be_missing {
        return Ok(());
    }
    let size = match block.strip_prefix(&STORED) {
        Some(text) => Some(text.len()),
        None => block
            .first_chunk::<4>()
            .map(|b| u32::from_le_bytes(*b) as usize),
    };
    if size.is_none_or(|s| s > BLOCK_BYTES) {
        return Err(r.error("a block of text is damaged"));
    }
    Ok(())
}

impl crate::codec::Encode for TextId {
    fn encode(&self, w: &mut crate::codec::Writer) {
        w.uint(u64::from(self.block));
        w.uint(u64::from(self.start));
        w.uint(u64::from(self.len));
    }
}

impl crate::codec::Decode for TextId {
    fn decode(r: &mut crate::codec::Reader) -> crate::codec::Result<Self> {
        Ok(TextId {
            block: r.u32()?,
            start: r.u32()?,
            len: r.u32()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn texts_come_back_across_blocks() {
        let mut s = TextStore::new();
        let texts: Vec<String> = (0..500)
            .map(|i| format!("text number {i} — é ").repeat(i % 40))
            .collect();
        let ids: Vec<TextId> = texts.iter().map(|t| s.push(t)).collect();
        // Readable before and after finishing.
        assert_eq!(s.get(ids[499]), texts[499]);
        s.finish();
        for (id, t) in ids.iter().zip(&texts) {
            assert_eq!(&s.get(*id), t);
        }
        assert!(s.heap_bytes() < s.raw_bytes());
    }

    #[test]
    fn a_long_text_is_read_block_by_block() {
        let mut s = TextStore::new();
        let short = s.push("before");
        let long: String = "ééé abc ".repeat(20_000);
        let id = s.push(&long);
        let after = s.push("after");
        for open in [true, false] {
            if !open {
                s.finish();
            }
            assert_eq!(s.get(short), "before");
            assert_eq!(s.get(id), long);
            assert_eq!(s.get(after), "after");
            assert_eq!(s.get_prefix(id, 99), long[..99]);
            assert_eq!(s.get_prefix(id, 100), long[..99]);
            // A cut inside "é" keeps the characters before it.
            assert_eq!(s.get_prefix(id, 5), "éé");
            assert_eq!(s.get_prefix(id, usize::MAX), long);
        }
    }

    #[test]
    fn deferred_blocks_read_the_same_before_and_after_compression() {
        let texts: Vec<String> = (0..400)
            .map(|i| format!("deferred text {i} — ادلب ").repeat(i % 50))
            .collect();
        let long = "abc é ".repeat(30_000);
        let fill = |s: &mut TextStore| {
            let mut ids: Vec<TextId> = texts.iter().map(|t| s.push(t)).collect();
            ids.push(s.push(&long));
            s.finish();
            ids
        };
        let mut compressed = TextStore::new();
        fill(&mut compressed);
        let mut a = TextStore::new();
        a.defer_compression();
        let ids_a = fill(&mut a);
        let mut b = TextStore::new();
        b.defer_compression();
        fill(&mut b);
        // Appended as parts are joined: the second store's blocks follow the first's.
        let shift = a.append(b);
        let check = |s: &TextStore| {
            for (id, t) in ids_a.iter().zip(texts.iter().chain([&long])) {
                assert_eq!(&s.get(*id), t);
                assert_eq!(&s.get(id.shifted(shift)), t);
            }
        };
        check(&a);
        assert!(a.heap_bytes() > 2 * compressed.heap_bytes());
        // Sent between threads as bytes, stored blocks and all.
        let copy: TextStore = crate::codec::from_bytes(&crate::codec::to_bytes(&a)).unwrap();
        check(&copy);
        let mut rounds = 0;
        while a.compress_stored(3) {
            rounds += 1;
            check(&a);
        }
        assert_eq!(rounds, (a.block_count() - 1) / 3);
        check(&a);
        assert_eq!(a.heap_bytes(), 2 * compressed.heap_bytes());
        assert!(!a.compress_stored(3), "nothing left");
    }

    #[test]
    fn a_damaged_block_is_refused_stored_or_not() {
        let r = crate::codec::Reader::new(&[]);
        let stored = |n: usize| [&STORED[..], &vec![b'a'; n]].concat();
        assert!(check_block(&r, &stored(BLOCK_BYTES), false).is_ok());
        assert!(check_block(&r, &stored(BLOCK_BYTES + 1), false).is_err());
        let compressed = lz4_flex::compress_prepend_size(&[b'a'; BLOCK_BYTES]);
        assert!(check_block(&r, &compressed, false).is_ok());
        let mut huge = compressed.clone();
        huge[..4].copy_from_slice(&(BLOCK_BYTES as u32 + 1).to_le_bytes());
        assert!(check_block(&r, &huge, false).is_err());
        assert!(check_block(&r, &[], true).is_ok());
        assert!(check_block(&r, &[], false).is_err());
    }

    proptest! {
        #[test]
        fn any_texts_round_trip(texts in proptest::collection::vec("\\PC{0,200}", 0..50)) {
            let mut s = TextStore::new();
            let ids: Vec<TextId> = texts.iter().map(|t| s.push(t)).collect();
            s.finish();
            for (id, t) in ids.iter().zip(&texts) {
                prop_assert_eq!(&s.get(*id), t);
            }
        }
    }
}
