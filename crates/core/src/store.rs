//! Document text, kept compressed.
//!
//! # Overview
//! The bodies of an archive are most of its bytes, yet only a screenful is read at a
//! time. A [`TextStore`] appends texts to a block of about [`BLOCK_BYTES`], compresses
//! each full block with LZ4 (fast enough to keep up with loading, and about 1.5× smaller
//! on English prose), and decompresses one block to hand back a text ([`TextStore::get`]).

/// Uncompressed size at which a block is sealed.
pub const BLOCK_BYTES: usize = 32 * 1024;

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
    sealed: Vec<Box<[u8]>>,
    open: String,
    raw_bytes: usize,
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
        let block = lz4_flex::compress_prepend_size(self.open.as_bytes());
        self.sealed.push(block.into_boxed_slice());
        self.open.clear();
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
        self.sealed.append(&mut other.sealed);
        self.raw_bytes += other.raw_bytes;
        offset
    }

    /// A stored text.
    pub fn get(&self, id: TextId) -> String {
        let range = id.start as usize..(id.start + id.len) as usize;
        if id.block as usize == self.sealed.len() {
            return self.open.get(range).unwrap_or_default().to_string();
        }
        let Some(block) = self.sealed.get(id.block as usize) else {
            return String::new();
        };
        match lz4_flex::decompress_size_prepended(block) {
            Ok(bytes) => bytes
                .get(range)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default()
                .to_string(),
            Err(_) => String::new(),
        }
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
            sealed.push(r.bytes()?.to_vec().into_boxed_slice());
        }
        Ok(TextStore {
            sealed,
            open: r.string()?,
            raw_bytes,
        })
    }
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
