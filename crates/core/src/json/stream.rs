//! Reading a corpus file as it arrives, one document at a time.
//!
//! # Overview
//! A [`Stream`] takes the bytes of a corpus in chunks of any size ([`Stream::feed`], then
//! [`Stream::finish`]) and hands over each document as soon as its text is complete, so
//! neither the whole file nor a tree of all its documents is ever held in memory. It
//! understands the three shapes of a corpus file:
//!
//! - an object with a `documents` array (its other members are [`Item::Header`]s),
//! - a bare array of documents,
//! - JSON Lines: one document object per line.
//!
//! Documents are handed over as text ([`Item::Document`]), not parsed: the stream only
//! finds where each one ends, with a [`Scanner`] that counts brackets and skips strings
//! (several times faster than parsing, and resumable when a document spans chunks, so a
//! 50 MB document costs one pass, not one per chunk). Whoever receives the text parses
//! it, here or in another thread. So a document that is not valid JSON inside (a trailing
//! comma, a bad escape, nesting 200,000 arrays deep) costs only itself; only a file whose
//! structure cannot be followed (a bracket that does not match, text cut short) is an
//! error of the whole file.
//!
//! Each item comes with a [`Locator`] that turns byte offsets of its text into
//! `line:column`.

use super::{
    parse_key_at, parse_value_at, skip_whitespace, Key, Node, Position, SyntaxError, Value,
};
use crate::load::{LoadError, NotACorpus};

/// Something the stream found.
#[derive(Debug)]
pub enum Item<'a> {
    /// A member of the corpus object other than `documents`.
    Header(Key, Node),
    /// A document's JSON text (not parsed), with its number in the file.
    Document(usize, Raw<'a>),
}

/// The JSON text of one document.
#[derive(Debug, Clone, Copy)]
pub struct Raw<'a> {
    /// The text, exactly as in the file.
    pub text: &'a str,
    /// Where it starts in the file.
    pub position: Position,
}

/// Why a stream stopped: its input cannot be read as a corpus ([`LoadError`]), or the
/// callback that takes its items said stop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stopped<E> {
    /// The input.
    Input(LoadError),
    /// The callback.
    Callback(E),
}

/// Most failures at the end of the text only mean "wait for more": `NeedMore`, unless
/// this is the last of it.
fn wait<E>(loc: &Locator, e: SyntaxError, last: bool) -> Result<Step, Stopped<E>> {
    if e.incomplete && !last {
        Ok(Step::NeedMore)
    } else {
        Err(Stream::syntax(loc, e))
    }
}

fn not_utf8<E>(position: Position) -> Stopped<E> {
    Stopped::Input(LoadError::NotUtf8 { position })
}

fn syntax_error<E>(message: String, position: Position) -> Stopped<E> {
    Stopped::Input(LoadError::Syntax { message, position })
}

fn not_a_corpus<E>(why: NotACorpus, position: Position) -> Stopped<E> {
    Stopped::Input(LoadError::NotACorpus { why, position })
}

/// Other names exports give the list of documents in a top-level object (`{"items":
/// […]}`, `{"count": 2, "results": […]}`), read when it has no `documents`.
const DOCUMENT_LISTS: &[&str] = &[
    "items", "data", "results", "records", "articles", "posts", "entries", "messages", "docs",
    "rows", "features", "emails", "tweets", "statuses", "stories", "news",
];

/// Maps byte offsets of the current text to positions in the whole file.
pub struct Locator<'a> {
    text: &'a str,
    base: Position,
    /// Line starts of `text`, found on the first call (positions are only needed for
    /// problems, which are rare).
    lines: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> Locator<'a> {
    /// A locator for `text`, which starts at `base` in its file.
    pub fn new(text: &'a str, base: Position) -> Self {
        Locator {
            text,
            base,
            lines: std::cell::OnceCell::new(),
        }
    }

    /// The 1-based line and column of a byte offset of the text.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_boundary(self.text, offset);
        let lines = self.lines.get_or_init(|| {
            self.text
                .bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1)
                .collect()
        });
        let line = lines.partition_point(|&start| start <= offset);
        if line == 0 {
            advance(self.base, &self.text[..offset])
        } else {
            let start = lines[line - 1];
            Position {
                line: self.base.line + line,
                column: self.text[start..offset].chars().count() + 1,
            }
        }
    }
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// The position after reading `text` from `from`.
pub fn advance(from: Position, text: &str) -> Position {
    let bytes = text.as_bytes();
    match bytes.iter().rposition(|&b| b == b'\n') {
        Some(i) => Position {
            line: from.line + bytes.iter().filter(|&&b| b == b'\n').count(),
            column: text[i + 1..].chars().count() + 1,
        },
        None => Position {
            line: from.line,
            column: from.column + text.chars().count(),
        },
    }
}

/// Finds where a JSON value ends without parsing it, and picks up where it stopped when
/// more text arrives. Brackets must match (a `]` closing a `{` stops it); everything else
/// is left to the parser.
#[derive(Debug, Clone, Default)]
pub struct Scanner {
    /// Where the value starts.
    start: usize,
    /// Scanned up to here.
    at: usize,
    /// The open brackets (`{` or `[`), innermost last.
    open: Vec<u8>,
    in_string: bool,
}

/// What a scan found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scan {
    /// The value ends before this offset.
    End(usize),
    /// The text ends inside the value.
    NeedMore,
    /// A closing bracket at this offset does not match the open one (if any).
    Mismatch(usize, Option<u8>),
}

impl Scanner {
    /// A scan of the value at `start`.
    pub fn new(start: usize) -> Scanner {
        Scanner {
            start,
            at: start,
            ..Default::default()
        }
    }

    /// Where the value starts.
    pub fn start(&self) -> usize {
        self.start
    }

    /// Moves the offsets down by `by` (the text before them was dropped).
    fn shift(&mut self, by: usize) {
        self.start -= by;
        self.at -= by;
    }

    /// Scans on through `bytes` (which must hold the same text as before, and maybe more);
    /// `last` says no more text will come.
    pub fn scan(&mut self, bytes: &[u8], last: bool) -> Scan {
        if self.at == self.start {
            match bytes.get(self.start) {
                None => return Scan::NeedMore,
                Some(b'{' | b'[') => {}
                Some(b'"') => {
                    self.in_string = true;
                    self.at += 1;
                }
                Some(b'}' | b']') => return Scan::Mismatch(self.start, None),
                Some(_) => {
                    // A number or a literal: it ends where its characters do.
                    let end = bytes[self.start..]
                        .iter()
                        .position(|b| {
                            !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
                        })
                        .map(|n| self.start + n);
                    return match end {
                        Some(e) => Scan::End(e),
                        None if last => Scan::End(bytes.len()),
                        None => Scan::NeedMore,
                    };
                }
            }
        }
        let mut i = self.at;
        let n = bytes.len();
        while i < n {
            if self.in_string {
                i = find_quote_or_backslash(bytes, i);
                if i >= n {
                    break;
                }
                if bytes[i] == b'\\' {
                    if i + 1 >= n {
                        // The escaped character has not arrived yet.
                        break;
                    }
                    i += 2;
                    continue;
                }
                self.in_string = false;
                i += 1;
                if self.open.is_empty() {
                    self.at = i;
                    return Scan::End(i);
                }
                continue;
            }
            match bytes[i] {
                b'"' => self.in_string = true,
                b @ (b'{' | b'[') => self.open.push(b),
                b @ (b'}' | b']') => {
                    let want = if b == b'}' { b'{' } else { b'[' };
                    let open = self.open.pop();
                    if open != Some(want) {
                        self.at = i;
                        return Scan::Mismatch(i, open);
                    }
                    if self.open.is_empty() {
                        self.at = i + 1;
                        return Scan::End(i + 1);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        self.at = i.min(n);
        Scan::NeedMore
    }
}

/// The offset of the next `"` or `\` from `i` (or `bytes.len()`), eight bytes at a time.
#[inline(always)]
fn find_quote_or_backslash(bytes: &[u8], mut i: usize) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    const QUOTE: u64 = LO * b'"' as u64;
    const SLASH: u64 = LO * b'\\' as u64;
    let n = bytes.len();
    while i + 8 <= n {
        let mut w = [0u8; 8];
        w.copy_from_slice(&bytes[i..i + 8]);
        let w = u64::from_le_bytes(w);
        let q = w ^ QUOTE;
        let s = w ^ SLASH;
        let found = (q.wrapping_sub(LO) & !q & HI) | (s.wrapping_sub(LO) & !s & HI);
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < n && bytes[i] != b'"' && bytes[i] != b'\\' {
        i += 1;
    }
    i
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    /// Inside the top-level object, before a key (or `}` if `first`).
    Key {
        first: bool,
    },
    /// Inside the top-level object, after a member.
    CommaOrClose,
    /// Inside an array of documents, before a document (or `]` if `first`).
    Element {
        first: bool,
        in_object: bool,
    },
    /// Inside an array of documents, after a document.
    ElementEnd {
        in_object: bool,
    },
    /// JSON Lines.
    Lines,
    /// After the top-level value.
    End,
}

/// See the module docs.
#[derive(Debug)]
pub struct Stream {
    /// Text not yet consumed (always whole characters).
    buf: String,
    /// The first bytes of a character cut off at the end of the last chunk.
    pending: Vec<u8>,
    /// Position of `buf`'s first byte in the file.
    base: Position,
    /// A byte offset of `buf` whose position is known (positions are found by counting
    /// forward from the last one found, so finding them all costs one pass).
    cursor: (usize, Position),
    /// Bytes of `buf` already consumed.
    pos: usize,
    state: State,
    next_index: usize,
    /// The value being scanned, if it spans chunks.
    scan: Option<Scanner>,
    /// Top-level object members read before knowing whether it is a corpus or a single
    /// document (the bytes stay in `buf` until then, so their offsets stay valid).
    undecided: Option<Vec<(Key, Node)>>,
    object_start: usize,
    started: bool,
}

impl Default for Stream {
    fn default() -> Self {
        Self::new()
    }
}

enum Step {
    Progress,
    NeedMore,
    Done,
}

impl Stream {
    /// A stream at the start of a file.
    pub fn new() -> Stream {
        Stream {
            buf: String::new(),
            pending: Vec::new(),
            base: Position { line: 1, column: 1 },
            cursor: (0, Position { line: 1, column: 1 }),
            pos: 0,
            state: State::Start,
            next_index: 0,
            scan: None,
            undecided: None,
            object_start: 0,
            started: false,
        }
    }

    /// Reads the file as JSON Lines from the start (for `.jsonl` files).
    pub fn json_lines() -> Stream {
        Stream {
            state: State::Lines,
            ..Stream::new()
        }
    }

    /// Bytes held, waiting for the rest of an item.
    pub fn buffered(&self) -> usize {
        self.buf.len() + self.pending.len()
    }

    /// Documents found so far.
    pub fn documents_seen(&self) -> usize {
        self.next_index
    }

    /// Adds a chunk and hands over every item it completes. (The callbacks here and in
    /// [`crate::load::Loader`] are `dyn`: called once per document, they cost nothing
    /// to call that way, and one copy of the streaming code serves every caller: 5 KB
    /// less gzipped WebAssembly than a copy per caller.)
    pub fn feed<E>(
        &mut self,
        chunk: &[u8],
        f: &mut dyn FnMut(Item, &Locator) -> Result<(), E>,
    ) -> Result<(), Stopped<E>> {
        self.append(chunk, false)?;
        self.run(false, f)
    }

    /// Appends bytes to the text: a byte-order mark at the very start is dropped, and an
    /// incomplete last character waits for the next chunk.
    fn append<E>(&mut self, chunk: &[u8], last: bool) -> Result<(), Stopped<E>> {
        const BOM: &[u8] = b"\xEF\xBB\xBF";
        if !self.started {
            let mut head = std::mem::take(&mut self.pending);
            head.extend_from_slice(chunk);
            if !last && head.len() < BOM.len() && BOM.starts_with(&head) {
                self.pending = head;
                return Ok(());
            }
            self.started = true;
            let body = head.strip_prefix(BOM).unwrap_or(&head);
            return self.append_text(body, last);
        }
        if self.pending.is_empty() {
            self.append_text(chunk, last)
        } else {
            let mut joined = std::mem::take(&mut self.pending);
            joined.extend_from_slice(chunk);
            self.append_text(&joined, last)
        }
    }

    fn append_text<E>(&mut self, bytes: &[u8], last: bool) -> Result<(), Stopped<E>> {
        match std::str::from_utf8(bytes) {
            Ok(t) => self.buf.push_str(t),
            Err(e) => {
                let valid = e.valid_up_to();
                // The prefix up to `valid` is UTF-8 by definition.
                self.buf
                    .push_str(std::str::from_utf8(&bytes[..valid]).unwrap_or_default());
                if e.error_len().is_some() || last {
                    return Err(not_utf8(advance(self.base, &self.buf)));
                }
                self.pending = bytes[valid..].to_vec();
            }
        }
        Ok(())
    }

    /// Ends the input: hands over what remains and checks that the file was complete.
    pub fn finish<E>(
        &mut self,
        f: &mut dyn FnMut(Item, &Locator) -> Result<(), E>,
    ) -> Result<(), Stopped<E>> {
        self.append(&[], true)?;
        self.run(true, f)?;
        match self.state {
            State::End | State::Lines => Ok(()),
            _ => {
                let at = match &self.scan {
                    // Say where the value that never ends begins.
                    Some(s) => advance(self.base, &self.buf[..s.start().min(self.buf.len())]),
                    None => advance(self.base, &self.buf),
                };
                let message = if self.scan.is_some() {
                    "the input ends early: the value that starts here never ends (the file is \
                     cut short, or a quote or bracket is missing)"
                } else {
                    "the input ends early: the file is cut short"
                };
                Err(syntax_error(message.into(), at))
            }
        }
    }

    fn run<E>(
        &mut self,
        last: bool,
        f: &mut dyn FnMut(Item, &Locator) -> Result<(), E>,
    ) -> Result<(), Stopped<E>> {
        let buf = std::mem::take(&mut self.buf);
        let loc = Locator::new(&buf, self.base);
        let result = loop {
            match self.step(&buf, &loc, last, f) {
                Ok(Step::Progress) => continue,
                Ok(Step::Done) | Ok(Step::NeedMore) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        // Drop what was consumed (unless an undecided object still needs its bytes).
        let keep_from = if self.undecided.is_some() {
            self.object_start
        } else {
            self.pos
        };
        let consumed = keep_from.min(buf.len());
        let mut buf = buf;
        if consumed > 0 {
            self.base = self.position_at(&buf, consumed);
            self.cursor = (0, self.base);
            buf.drain(..consumed);
            self.pos -= consumed;
            self.object_start = self.object_start.saturating_sub(consumed);
            if let Some(s) = &mut self.scan {
                s.shift(consumed);
            }
            shift_undecided(&mut self.undecided, consumed);
        }
        self.buf = buf;
        result
    }

    /// The position of byte `at` of `text` (the buffer), counting from the cursor.
    fn position_at(&mut self, text: &str, at: usize) -> Position {
        let (c, p) = self.cursor;
        let position = if at >= c {
            advance(p, &text[c..at])
        } else {
            advance(self.base, &text[..at])
        };
        self.cursor = (at, position);
        position
    }

    fn syntax<E>(loc: &Locator, e: SyntaxError) -> Stopped<E> {
        syntax_error(e.message, loc.position(e.offset))
    }

    /// Where the value at `at` ends (`Ok(None)`: not yet known).
    fn value_end<E>(
        &mut self,
        text: &str,
        loc: &Locator,
        at: usize,
        last: bool,
    ) -> Result<Option<usize>, Stopped<E>> {
        let mut scanner = match self.scan.take() {
            Some(s) if s.start() == at => s,
            _ => Scanner::new(at),
        };
        match scanner.scan(text.as_bytes(), last) {
            Scan::End(end) => Ok(Some(end)),
            Scan::NeedMore => {
                self.scan = Some(scanner);
                Ok(None)
            }
            Scan::Mismatch(i, open) => {
                let close = text.as_bytes()[i] as char;
                let message = match open {
                    Some(o) => format!(
                        "`{close}` does not close the `{}` before it (a bracket or a quote is \
                         missing)",
                        o as char
                    ),
                    None => format!("expected a value, found `{close}`"),
                };
                Err(Self::syntax(loc, plain_at(i, &message)))
            }
        }
    }

    /// One step of reading: what comes next in the state the stream is in.
    fn step<E>(
        &mut self,
        text: &str,
        loc: &Locator,
        last: bool,
        f: &mut dyn FnMut(Item, &Locator) -> Result<(), E>,
    ) -> Result<Step, Stopped<E>> {
        let at = skip_whitespace(text, self.pos);
        let next = text.as_bytes().get(at).copied();
        match self.state {
            State::Start => self.start(text, loc, at, next, last),
            State::Key { first } => self.key(text, loc, at, first, last, f),
            State::CommaOrClose => match next {
                None if last => wait(loc, incomplete_at(at, "`,` or `}`"), last),
                None => Ok(Step::NeedMore),
                Some(b',') => {
                    self.pos = at + 1;
                    self.state = State::Key { first: false };
                    Ok(Step::Progress)
                }
                Some(b'}') => self.object_closed(text, loc, at, last, f),
                Some(_) => Err(Self::syntax(loc, unexpected_at(text, at, "`,` or `}`"))),
            },
            State::Element { first, in_object } => {
                self.element(text, loc, at, (first, in_object), last, f)
            }
            State::ElementEnd { in_object } => match next {
                None if last => wait(loc, incomplete_at(at, "`,` or `]`"), last),
                None => Ok(Step::NeedMore),
                Some(b',') => {
                    self.pos = at + 1;
                    self.state = State::Element {
                        first: false,
                        in_object,
                    };
                    Ok(Step::Progress)
                }
                Some(b']') => {
                    self.pos = at + 1;
                    self.state = after_array(in_object);
                    Ok(Step::Progress)
                }
                Some(_) => Err(Self::syntax(loc, unexpected_at(text, at, "`,` or `]`"))),
            },
            State::Lines => self.line(text, loc, last, f),
            State::End => match next {
                None => Ok(Step::Done),
                Some(_) => Err(Self::syntax(
                    loc,
                    plain_at(at, "unexpected text after the end of the JSON value"),
                )),
            },
        }
    }

    /// The first character decides: an array of documents, an object (a corpus, or the
    /// first of JSON Lines), or not a corpus at all.
    fn start<E>(
        &mut self,
        text: &str,
        loc: &Locator,
        at: usize,
        next: Option<u8>,
        last: bool,
    ) -> Result<Step, Stopped<E>> {
        match next {
            None if last => Err(not_a_corpus(NotACorpus::Empty, loc.position(at))),
            None => Ok(Step::NeedMore),
            Some(b'[') => {
                self.pos = at + 1;
                self.state = State::Element {
                    first: true,
                    in_object: false,
                };
                Ok(Step::Progress)
            }
            Some(b'{') => {
                self.object_start = at;
                self.pos = at + 1;
                self.undecided = Some(Vec::new());
                self.state = State::Key { first: true };
                Ok(Step::Progress)
            }
            Some(_) => {
                let Some(end) = self.value_end(text, loc, at, last)? else {
                    return Ok(Step::NeedMore);
                };
                match parse_value_at(&text[..end], at, 0) {
                    Ok((node, _)) => Err(not_a_corpus(
                        NotACorpus::Found(node.value.kind()),
                        loc.position(at),
                    )),
                    Err(e) => Err(Self::syntax(loc, e)),
                }
            }
        }
    }

    /// A member of the top-level object: `documents` opens the array; anything else is a
    /// header (or, until `documents` shows, maybe the first line of JSON Lines).
    fn key<E>(
        &mut self,
        text: &str,
        loc: &Locator,
        at: usize,
        first: bool,
        last: bool,
        f: &mut dyn FnMut(Item, &Locator) -> Result<(), E>,
    ) -> Result<Step, Stopped<E>> {
        if text.as_bytes().get(at) == Some(&b'}') {
            if !first {
                return Err(Self::syntax(
                    loc,
                    plain_at(at, "a trailing comma before `}`"),
                ));
            }
            return self.object_closed(text, loc, at, last, f);
        }
        let (key, after) = match parse_key_at(text, at) {
            Ok(k) => k,
            Err(e) => return wait(loc, e, last),
        };
        let value_at = skip_whitespace(text, after);
        let list = if key.name == "documents" {
            Some(true)
        } else {
            self.other_list_name(text, &key.name, value_at, last)
        };
        if list.is_none() {
            return Ok(Step::NeedMore);
        }
        if list == Some(true) {
            match text.as_bytes().get(value_at) {
                None if !last => return Ok(Step::NeedMore),
                Some(b'[') => {
                    self.decide_corpus(loc, f)?;
                    self.pos = value_at + 1;
                    self.state = State::Element {
                        first: true,
                        in_object: true,
                    };
                    return Ok(Step::Progress);
                }
                _ => {}
            }
        }
        if value_at >= text.len() {
            return wait(loc, incomplete_at(value_at, "a JSON value"), last);
        }
        let Some(end) = self.value_end(text, loc, value_at, last)? else {
            return Ok(Step::NeedMore);
        };
        if end == text.len() && !last && !matches!(text.as_bytes()[value_at], b'{' | b'[' | b'"') {
            // A number may go on in the next chunk.
            return Ok(Step::NeedMore);
        }
        let node = match parse_value_at(&text[..end], value_at, 1) {
            Ok((node, _)) => node,
            Err(e) => return Err(Self::syntax(loc, e)),
        };
        self.pos = end;
        self.state = State::CommaOrClose;
        match &mut self.undecided {
            Some(members) => members.push((key, node)),
            None => f(Item::Header(key, node), loc).map_err(Stopped::Callback)?,
        }
        Ok(Step::Progress)
    }

    /// A document of the array (its extent found by scanning), or the array's end;
    /// `(first, in_object)`: whether no document came yet, and whether the array is the
    /// corpus object's `documents`.
    fn element<E>(
        &mut self,
        text: &str,
        loc: &Locator,
        at: usize,
        (first, in_object): (bool, bool),
        last: bool,
        f: &mut dyn FnMut(Item, &Locator) -> Result<(), E>,
    ) -> Result<Step, Stopped<E>> {
        match text.as_bytes().get(at) {
            Some(&b']') => {
                if !first {
                    return Err(Self::syntax(
                        loc,
                        plain_at(at, "a trailing comma before `]`"),
                    ));
                }
                self.pos = at + 1;
                self.state = after_array(in_object);
                return Ok(Step::Progress);
            }
            None => return wait(loc, incomplete_at(at, "a document"), last),
            Some(_) => {}
        }
        let Some(end) = self.value_end(text, loc, at, last)? else {
            return Ok(Step::NeedMore);
        };
        if end == text.len() && !last && !matches!(text.as_bytes()[at], b'{' | b'[' | b'"') {
            return Ok(Step::NeedMore);
        }
        self.pos = end;
        self.state = State::ElementEnd { in_object };
        self.document(text, loc, at, end, f)
    }

    /// One line of JSON Lines: a document, unless it is blank.
    fn line<E>(
        &mut self,
        text: &str,
        loc: &Locator,
        last: bool,
        f: &mut dyn FnMut(Item, &Locator) -> Result<(), E>,
    ) -> Result<Step, Stopped<E>> {
        let rest = &text[self.pos..];
        let line_len = match rest.as_bytes().iter().position(|&b| b == b'\n') {
            Some(n) => n,
            None if last => rest.len(),
            None => return Ok(Step::NeedMore),
        };
        if line_len == 0 && rest.is_empty() {
            return Ok(Step::Done);
        }
        let start = self.pos;
        let line_end = start + rest[..line_len].trim_end_matches('\r').len();
        self.pos += (line_len + 1).min(rest.len());
        if text[start..line_end].trim().is_empty() {
            return Ok(Step::Progress);
        }
        self.document(text, loc, start, line_end, f)
    }

    /// Hands the document at `text[start..end]` to the callback.
    fn document<E>(
        &mut self,
        text: &str,
        loc: &Locator,
        start: usize,
        end: usize,
        f: &mut dyn FnMut(Item, &Locator) -> Result<(), E>,
    ) -> Result<Step, Stopped<E>> {
        let index = self.next_index;
        self.next_index += 1;
        let position = self.position_at(text, start);
        let raw = Raw {
            text: &text[start..end],
            position,
        };
        f(Item::Document(index, raw), loc).map_err(Stopped::Callback)?;
        Ok(Step::Progress)
    }

    /// The top-level object turned out to be a corpus: its members so far are headers.
    /// Whether `name` is another name exports give the list of documents (`items`,
    /// `data`, `results`, …) and holds it here: the first such member of a top-level
    /// object that has shown no document field yet, whose value is a list of objects.
    /// `None` if more text is needed to tell.
    fn other_list_name(&self, text: &str, name: &str, value_at: usize, last: bool) -> Option<bool> {
        let undecided = match &self.undecided {
            Some(members) if DOCUMENT_LISTS.contains(&name) => members,
            _ => return Some(false),
        };
        if value_at >= text.len() {
            return last.then_some(false);
        }
        // A document's own fields say it is one: its title or text, or its id (a line of
        // JSON Lines may hold a thread's `messages`), unless the object says it is a
        // chat (Telegram's export: `"type": "public_channel"`, its `id` and `messages`).
        let chat = undecided.iter().any(|(k, v)| {
            k.name == "type"
                && matches!(&v.value, Value::String(t) if ["_channel", "_chat", "_group", "saved_messages"]
                    .iter()
                    .any(|end| t.ends_with(end)))
        });
        if undecided
            .iter()
            .any(|(k, _)| matches!(k.name.as_str(), "title" | "body") || (k.name == "id" && !chat))
            || text.as_bytes()[value_at] != b'['
        {
            return Some(false);
        }
        let first = skip_whitespace(text, value_at + 1);
        match text.as_bytes().get(first) {
            Some(b'{' | b']') => Some(true),
            Some(_) => Some(false),
            None if last => Some(false),
            None => None,
        }
    }

    fn decide_corpus<E>(
        &mut self,
        loc: &Locator,
        f: &mut dyn FnMut(Item, &Locator) -> Result<(), E>,
    ) -> Result<(), Stopped<E>> {
        if let Some(members) = self.undecided.take() {
            for (k, v) in members {
                f(Item::Header(k, v), loc).map_err(Stopped::Callback)?;
            }
        }
        Ok(())
    }

    /// The top-level object ends at `close` (its `}`). With no `documents` it was a
    /// document: the file is JSON Lines (or a single document).
    fn object_closed<E>(
        &mut self,
        text: &str,
        loc: &Locator,
        close: usize,
        last: bool,
        f: &mut dyn FnMut(Item, &Locator) -> Result<(), E>,
    ) -> Result<Step, Stopped<E>> {
        let Some(members) = self.undecided.take() else {
            self.pos = close + 1;
            self.state = State::End;
            return Ok(Step::Progress);
        };
        let looks_like_document = members
            .iter()
            .any(|(k, _)| matches!(k.name.as_str(), "id" | "title" | "body"));
        if !looks_like_document && text[close + 1..].trim().is_empty() {
            if !last {
                // More lines may follow (JSON Lines); wait and see.
                self.undecided = Some(members);
                return Ok(Step::NeedMore);
            }
            return Err(not_a_corpus(
                NotACorpus::NoDocuments,
                loc.position(self.object_start),
            ));
        }
        self.pos = close + 1;
        let index = self.next_index;
        self.next_index += 1;
        let start = self.object_start;
        let position = self.position_at(text, start);
        f(
            Item::Document(
                index,
                Raw {
                    text: &text[start..close + 1],
                    position,
                },
            ),
            loc,
        )
        .map_err(Stopped::Callback)?;
        self.state = State::Lines;
        Ok(Step::Progress)
    }
}

fn after_array(in_object: bool) -> State {
    if in_object {
        State::CommaOrClose
    } else {
        State::End
    }
}

fn incomplete_at(at: usize, expected: &str) -> SyntaxError {
    SyntaxError {
        message: format!("the input ends early: expected {expected}"),
        offset: at,
        incomplete: true,
    }
}

fn plain_at(at: usize, message: &str) -> SyntaxError {
    SyntaxError {
        message: message.into(),
        offset: at,
        incomplete: false,
    }
}

fn unexpected_at(text: &str, at: usize, expected: &str) -> SyntaxError {
    let found = text[at..]
        .chars()
        .next()
        .map_or("the end".to_string(), super::describe);
    SyntaxError {
        message: format!("expected {expected}, found {found}"),
        offset: at,
        incomplete: false,
    }
}

fn shift_undecided(undecided: &mut Option<Vec<(Key, Node)>>, by: usize) {
    if by == 0 {
        return;
    }
    if let Some(members) = undecided {
        for (k, n) in members {
            k.offset -= by;
            shift_down(n, by);
        }
    }
}

fn shift_down(node: &mut Node, by: usize) {
    node.offset -= by;
    match &mut node.value {
        Value::Array(items) => items.iter_mut().for_each(|n| shift_down(n, by)),
        Value::Object(members) => members.iter_mut().for_each(|(k, n)| {
            k.offset -= by;
            shift_down(n, by);
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests;
