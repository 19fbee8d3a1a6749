//! A compact binary form for Chronicle's data: what the engine's workers send each other.
//!
//! # Overview
//! A [`Writer`] appends numbers, strings and arrays to a byte buffer; a [`Reader`] reads
//! them back in the same order. Types say how they are written by implementing
//! [`Encode`] and [`Decode`]. Everything is little-endian; lengths and small numbers are
//! variable-length integers; arrays of numbers are written as they lie in memory, so a
//! segment of an index (megabytes of postings) is copied, not converted.
//!
//! Reading never trusts the bytes: every length is checked against what is left, every
//! string is checked to be UTF-8, and types check their own invariants (offsets that
//! rise and stay in bounds), so corrupt or truncated input gives a [`CodecError`] that
//! says where, never a panic or an index that panics later.

use std::fmt;

/// Why bytes could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodecError {
    /// What was being read, or what is wrong.
    pub what: String,
    /// Byte offset in the input.
    pub at: usize,
}

impl fmt::Display for CodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.what, self.at)
    }
}

impl std::error::Error for CodecError {}

/// The result of reading.
pub type Result<T> = std::result::Result<T, CodecError>;

/// Appends values to a buffer. See the module docs.
#[derive(Debug, Default)]
pub struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Writer {
        Writer::default()
    }

    /// A writer with room for `n` bytes.
    pub fn with_capacity(n: usize) -> Writer {
        Writer {
            buf: Vec::with_capacity(n),
        }
    }

    /// The bytes written.
    pub fn finish(self) -> Vec<u8> {
        self.buf
    }

    /// Bytes written so far.
    pub fn len(&self) -> usize {
        self.buf.len()
    }

    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// One byte.
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }

    /// A boolean, as a byte.
    pub fn bool(&mut self, v: bool) {
        self.buf.push(u8::from(v));
    }

    /// An unsigned number, as a variable-length integer.
    pub fn uint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }

    /// A signed number (zig-zag, then variable length).
    pub fn int(&mut self, v: i64) {
        self.uint(((v << 1) ^ (v >> 63)) as u64);
    }

    /// A length or index.
    pub fn usize(&mut self, v: usize) {
        self.uint(v as u64);
    }

    /// A 32-bit float.
    pub fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    /// Bytes, with their length.
    pub fn bytes(&mut self, b: &[u8]) {
        self.usize(b.len());
        self.buf.extend_from_slice(b);
    }

    /// A string, with its length.
    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    /// An optional string.
    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
            None => self.u8(0),
        }
    }

    /// 32-bit numbers, with their count, as they lie in memory (little-endian).
    pub fn u32s(&mut self, v: &[u32]) {
        self.usize(v.len());
        self.buf.reserve(v.len() * 4);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }

    /// 32-bit numbers, with their count, each as a variable-length integer: for numbers
    /// mostly small (a word's document count is 1 for most words of an archive).
    pub fn varints(&mut self, v: &[u32]) {
        self.usize(v.len());
        for &x in v {
            self.uint(u64::from(x));
        }
    }

    /// Non-decreasing 32-bit numbers (offsets), with their count, as the differences
    /// between them (variable-length).
    pub fn ascending(&mut self, v: &[u32]) {
        self.usize(v.len());
        let mut prev = 0u32;
        for &x in v {
            self.uint(u64::from(x.wrapping_sub(prev)));
            prev = x;
        }
    }

    /// 32-bit floats, with their count.
    pub fn f32s(&mut self, v: &[f32]) {
        self.usize(v.len());
        self.buf.reserve(v.len() * 4);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }

    /// A value that knows how to write itself.
    pub fn put<T: Encode + ?Sized>(&mut self, v: &T) {
        v.encode(self);
    }

    /// A list of values, with its count.
    pub fn list<T: Encode>(&mut self, items: &[T]) {
        self.usize(items.len());
        for item in items {
            item.encode(self);
        }
    }
}

/// Reads values written by a [`Writer`]. See the module docs.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    buf: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `buf`.
    pub fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf, at: 0 }
    }

    /// Where the reader is.
    pub fn offset(&self) -> usize {
        self.at
    }

    /// Whether everything was read.
    pub fn is_done(&self) -> bool {
        self.at == self.buf.len()
    }

    /// An error at the current place.
    pub fn error(&self, what: impl Into<String>) -> CodecError {
        CodecError {
            what: what.into(),
            at: self.at,
        }
    }

    /// Fails unless everything was read.
    pub fn end(&self) -> Result<()> {
        if self.is_done() {
            Ok(())
        } else {
            Err(self.error("unexpected bytes after the end"))
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.buf.len() - self.at < n {
            return Err(self.error(format!(
                "the data is cut short: {n} more bytes expected, {} left",
                self.buf.len() - self.at
            )));
        }
        let b = &self.buf[self.at..self.at + n];
        self.at += n;
        Ok(b)
    }

    /// One byte.
    pub fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    /// A boolean.
    pub fn bool(&mut self) -> Result<bool> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(self.error("a boolean must be 0 or 1")),
        }
    }

    /// An unsigned number.
    pub fn uint(&mut self) -> Result<u64> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = self.u8()?;
            if shift == 63 && b > 1 {
                return Err(self.error("a number is too large"));
            }
            v |= u64::from(b & 0x7F) << shift;
            if b < 0x80 {
                return Ok(v);
            }
            shift += 7;
            if shift > 63 {
                return Err(self.error("a number is too long"));
            }
        }
    }

    /// A signed number.
    pub fn int(&mut self) -> Result<i64> {
        let u = self.uint()?;
        Ok(((u >> 1) as i64) ^ -((u & 1) as i64))
    }

    /// A 32-bit signed number.
    pub fn i32(&mut self) -> Result<i32> {
        i32::try_from(self.int()?).map_err(|_| self.error("a number is out of range"))
    }

    /// A 32-bit unsigned number.
    pub fn u32(&mut self) -> Result<u32> {
        u32::try_from(self.uint()?).map_err(|_| self.error("a number is out of range"))
    }

    /// A length or index.
    pub fn usize(&mut self) -> Result<usize> {
        usize::try_from(self.uint()?).map_err(|_| self.error("a number is out of range"))
    }

    /// A count of items of at least `min_bytes` each: never more than the bytes left.
    pub fn count(&mut self, min_bytes: usize) -> Result<usize> {
        let n = self.usize()?;
        if n.saturating_mul(min_bytes.max(1)) > self.buf.len() - self.at {
            return Err(self.error(format!(
                "the data is cut short (or corrupt): {n} items announced, {} bytes left",
                self.buf.len() - self.at
            )));
        }
        Ok(n)
    }

    /// A 32-bit float.
    pub fn f32(&mut self) -> Result<f32> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// Bytes.
    pub fn bytes(&mut self) -> Result<&'a [u8]> {
        let n = self.count(1)?;
        self.take(n)
    }

    /// A string.
    pub fn str(&mut self) -> Result<&'a str> {
        let at = self.at;
        let b = self.bytes()?;
        std::str::from_utf8(b).map_err(|_| CodecError {
            what: "a string is not UTF-8".into(),
            at,
        })
    }

    /// An owned string.
    pub fn string(&mut self) -> Result<String> {
        self.str().map(str::to_string)
    }

    /// An optional string.
    pub fn opt_string(&mut self) -> Result<Option<String>> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.string().map(Some),
            _ => Err(self.error("an optional value must be marked 0 or 1")),
        }
    }

    /// 32-bit numbers.
    pub fn u32s(&mut self) -> Result<Vec<u32>> {
        let n = self.count(4)?;
        let b = self.take(n * 4)?;
        Ok(b.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }

    /// 32-bit numbers written by [`Writer::varints`].
    pub fn varints(&mut self) -> Result<Vec<u32>> {
        let n = self.count(1)?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(self.u32()?);
        }
        Ok(out)
    }

    /// Non-decreasing 32-bit numbers written by [`Writer::ascending`].
    pub fn ascending(&mut self) -> Result<Vec<u32>> {
        let n = self.count(1)?;
        let mut out = Vec::with_capacity(n);
        let mut at = 0u32;
        for _ in 0..n {
            at = at
                .checked_add(self.u32()?)
                .ok_or_else(|| self.error("an offset is out of range"))?;
            out.push(at);
        }
        Ok(out)
    }

    /// 32-bit floats.
    pub fn f32s(&mut self) -> Result<Vec<f32>> {
        let n = self.count(4)?;
        let b = self.take(n * 4)?;
        Ok(b.chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }

    /// A value that knows how to read itself.
    pub fn get<T: Decode>(&mut self) -> Result<T> {
        T::decode(self)
    }

    /// A list of values.
    pub fn list<T: Decode>(&mut self) -> Result<Vec<T>> {
        let n = self.count(1)?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(T::decode(self)?);
        }
        Ok(out)
    }
}

/// Writes itself to a [`Writer`].
pub trait Encode {
    /// Appends the value.
    fn encode(&self, w: &mut Writer);
}

/// Reads itself from a [`Reader`].
pub trait Decode: Sized {
    /// Reads the value, checking it.
    fn decode(r: &mut Reader) -> Result<Self>;
}

/// Encodes a value into bytes.
pub fn to_bytes<T: Encode + ?Sized>(v: &T) -> Vec<u8> {
    let mut w = Writer::new();
    v.encode(&mut w);
    w.finish()
}

/// Decodes a value from all of `bytes`.
pub fn from_bytes<T: Decode>(bytes: &[u8]) -> Result<T> {
    let mut r = Reader::new(bytes);
    let v = T::decode(&mut r)?;
    r.end()?;
    Ok(v)
}

/// Checks that `ends` are offsets into a text of `len` bytes that never go back (each
/// entry ends a piece that starts where the previous one ended).
pub fn check_ends(r: &Reader, ends: &[u32], len: usize, what: &str) -> Result<()> {
    let mut prev = 0u32;
    for &e in ends {
        if e < prev {
            return Err(r.error(format!("{what}: offsets go backwards")));
        }
        prev = e;
    }
    if prev as usize > len {
        return Err(r.error(format!("{what}: an offset is past the end")));
    }
    Ok(())
}

/// Checks that `ends` also fall on character boundaries of `text`.
pub fn check_str_ends(r: &Reader, ends: &[u32], text: &str, what: &str) -> Result<()> {
    check_ends(r, ends, text.len(), what)?;
    if ends.iter().all(|&e| text.is_char_boundary(e as usize)) {
        Ok(())
    } else {
        Err(r.error(format!("{what}: an offset splits a character")))
    }
}

impl Encode for str {
    fn encode(&self, w: &mut Writer) {
        w.str(self);
    }
}

impl Encode for String {
    fn encode(&self, w: &mut Writer) {
        w.str(self);
    }
}

impl Decode for String {
    fn decode(r: &mut Reader) -> Result<Self> {
        r.string()
    }
}

impl Encode for u32 {
    fn encode(&self, w: &mut Writer) {
        w.uint(u64::from(*self));
    }
}

impl Decode for u32 {
    fn decode(r: &mut Reader) -> Result<Self> {
        r.u32()
    }
}

impl<A: Encode, B: Encode> Encode for (A, B) {
    fn encode(&self, w: &mut Writer) {
        self.0.encode(w);
        self.1.encode(w);
    }
}

impl<A: Decode, B: Decode> Decode for (A, B) {
    fn decode(r: &mut Reader) -> Result<Self> {
        Ok((A::decode(r)?, B::decode(r)?))
    }
}

impl<T: Encode> Encode for Option<T> {
    fn encode(&self, w: &mut Writer) {
        match self {
            Some(v) => {
                w.u8(1);
                v.encode(w);
            }
            None => w.u8(0),
        }
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode(r: &mut Reader) -> Result<Self> {
        match r.u8()? {
            0 => Ok(None),
            1 => Ok(Some(T::decode(r)?)),
            _ => Err(r.error("an optional value must be marked 0 or 1")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn numbers_and_strings_round_trip(u in any::<u64>(), i in any::<i64>(), s in "\\PC{0,20}", v in proptest::collection::vec(any::<u32>(), 0..20)) {
            let mut w = Writer::new();
            w.uint(u);
            w.int(i);
            w.str(&s);
            w.u32s(&v);
            w.varints(&v);
            let mut ascending = v.clone();
            ascending.sort_unstable();
            w.ascending(&ascending);
            w.opt_str(Some(&s));
            let bytes = w.finish();
            let mut r = Reader::new(&bytes);
            prop_assert_eq!(r.uint().unwrap(), u);
            prop_assert_eq!(r.int().unwrap(), i);
            prop_assert_eq!(r.str().unwrap(), s.as_str());
            prop_assert_eq!(r.u32s().unwrap(), v.clone());
            prop_assert_eq!(r.varints().unwrap(), v);
            prop_assert_eq!(r.ascending().unwrap(), ascending);
            prop_assert_eq!(r.opt_string().unwrap(), Some(s.clone()));
            prop_assert!(r.end().is_ok());
        }

        /// Any bytes read as anything give a value or an error, never a panic.
        #[test]
        fn garbage_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let mut r = Reader::new(&bytes);
            let _ = r.uint();
            let _ = r.str();
            let _ = r.u32s();
            let _ = r.varints();
            let _ = r.ascending();
            let _ = r.list::<String>();
        }
    }

    #[test]
    fn a_cut_short_buffer_says_where() {
        let mut w = Writer::new();
        w.str("hello");
        let bytes = w.finish();
        let e = from_bytes::<String>(&bytes[..3]).unwrap_err();
        assert_eq!(e.at, 1);
        assert!(e.what.contains("cut short"), "{e}");
    }
}
