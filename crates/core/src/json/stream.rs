//! Reading a corpus file as it arrives, one document at a time.
//!
//! # Overview
//! A [`Stream`] takes the bytes of a corpus in chunks of any size ([`Stream::feed`], then
//! [`Stream::finish`]) and hands each document to a callback as soon as it is complete,
//! so neither the whole file nor a tree of all its documents is ever held in memory. It
//! understands the three shapes of a corpus file:
//!
//! - an object with a `documents` array (its other members are [`Item::Header`]s),
//! - a bare array of documents,
//! - JSON Lines: one document object per line, where a broken line is reported as
//!   [`Item::BadLine`] and the others still load.
//!
//! Each item comes with a [`Locator`] that turns its byte offsets into `line:column`.

use super::{
    parse, parse_key_at, parse_value_at, skip_whitespace, Key, Node, Position, SyntaxError, Value,
};

/// Something the stream found.
#[derive(Debug)]
pub enum Item {
    /// A member of the corpus object other than `documents`.
    Header(Key, Node),
    /// A document (not yet validated), with its position in the file.
    Document(usize, Node),
    /// A JSON Lines line that is not valid JSON.
    BadLine(usize, SyntaxError),
}

/// Why the stream stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamError {
    /// The bytes are not UTF-8.
    NotUtf8(Position),
    /// Not valid JSON.
    Syntax(String, Position),
    /// Valid JSON, but not a corpus shape.
    NotACorpus(String, Position),
}

/// Failure of a stream, or of the callback that consumes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure<E> {
    /// The input.
    Stream(StreamError),
    /// The callback.
    Callback(E),
}

/// Maps byte offsets of the current item to positions in the whole file.
pub struct Locator<'a> {
    text: &'a str,
    base: Position,
    /// Line starts of `text`, found on the first call (positions are only needed for
    /// problems, which are rare).
    lines: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str, base: Position) -> Self {
        Locator {
            text,
            base,
            lines: std::cell::OnceCell::new(),
        }
    }

    /// The 1-based line and column of a byte offset of the item's text.
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
fn advance(from: Position, text: &str) -> Position {
    match text.rfind('\n') {
        Some(i) => Position {
            line: from.line + text.bytes().filter(|&b| b == b'\n').count(),
            column: text[i + 1..].chars().count() + 1,
        },
        None => Position {
            line: from.line,
            column: from.column + text.chars().count(),
        },
    }
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
    buf: Vec<u8>,
    /// Position of `buf[0]` in the file.
    base: Position,
    /// Bytes of `buf` already consumed.
    pos: usize,
    state: State,
    next_index: usize,
    /// Top-level object members read before knowing whether it is a corpus or a single
    /// document (the bytes stay in `buf` until then, so their offsets stay valid).
    undecided: Option<Vec<(Key, Node)>>,
    object_start: usize,
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
            buf: Vec::new(),
            base: Position { line: 1, column: 1 },
            pos: 0,
            state: State::Start,
            next_index: 0,
            undecided: None,
            object_start: 0,
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
        self.buf.len()
    }

    /// Adds a chunk and hands over every item it completes.
    pub fn feed<E>(
        &mut self,
        chunk: &[u8],
        f: &mut impl FnMut(Item, &Locator) -> Result<(), E>,
    ) -> Result<(), Failure<E>> {
        if self.buf.is_empty() && self.base == (Position { line: 1, column: 1 }) {
            // A byte-order mark at the very start is not content.
            self.buf
                .extend_from_slice(chunk.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(chunk));
        } else {
            self.buf.extend_from_slice(chunk);
        }
        self.run(false, f)
    }

    /// Ends the input: hands over what remains and checks that the file was complete.
    pub fn finish<E>(
        &mut self,
        f: &mut impl FnMut(Item, &Locator) -> Result<(), E>,
    ) -> Result<(), Failure<E>> {
        self.run(true, f)?;
        match self.state {
            State::End | State::Lines => Ok(()),
            _ => {
                let text = String::from_utf8_lossy(&self.buf);
                let at = advance(self.base, &text);
                Err(Failure::Stream(StreamError::Syntax(
                    "the input ends early: the file is cut short".into(),
                    at,
                )))
            }
        }
    }

    fn run<E>(
        &mut self,
        last: bool,
        f: &mut impl FnMut(Item, &Locator) -> Result<(), E>,
    ) -> Result<(), Failure<E>> {
        let buf = std::mem::take(&mut self.buf);
        // The valid UTF-8 prefix. An incomplete character at the end waits for the next
        // chunk; an invalid byte (or an incomplete one at the very end) is an error as
        // soon as parsing reaches it.
        let (text, bad_utf8_at) = match std::str::from_utf8(&buf) {
            Ok(t) => (t, None),
            Err(e) => {
                let valid = std::str::from_utf8(&buf[..e.valid_up_to()]).unwrap_or("");
                let definitive = e.error_len().is_some() || last;
                (valid, definitive.then_some(e.valid_up_to()))
            }
        };
        // With a bad byte ahead, the text is cut there: running out of it is not the end.
        let last_here = last && bad_utf8_at.is_none();
        let loc = Locator::new(text, self.base);
        let result = loop {
            match self.step(text, &loc, last_here, f) {
                Ok(Step::Progress) => continue,
                Ok(Step::Done) => break Ok(()),
                Ok(Step::NeedMore) => {
                    if let Some(at) = bad_utf8_at {
                        break Err(Failure::Stream(StreamError::NotUtf8(advance(
                            self.base,
                            &text[..at.min(text.len())],
                        ))));
                    }
                    break Ok(());
                }
                Err(e) => break Err(e),
            }
        };
        // Drop what was consumed (unless an undecided object still needs its bytes).
        let keep_from = if self.undecided.is_some() {
            self.object_start
        } else {
            self.pos
        };
        let consumed = keep_from.min(text.len());
        self.base = advance(self.base, &text[..consumed]);
        let mut buf = buf;
        buf.drain(..consumed);
        self.pos -= consumed;
        self.object_start = self.object_start.saturating_sub(consumed);
        shift_undecided(&mut self.undecided, consumed);
        self.buf = buf;
        result
    }

    fn syntax<E>(loc: &Locator, e: SyntaxError) -> Failure<E> {
        Failure::Stream(StreamError::Syntax(e.message, loc.position(e.offset)))
    }

    fn step<E>(
        &mut self,
        text: &str,
        loc: &Locator,
        last: bool,
        f: &mut impl FnMut(Item, &Locator) -> Result<(), E>,
    ) -> Result<Step, Failure<E>> {
        let at = skip_whitespace(text, self.pos);
        let next = text.as_bytes().get(at).copied();
        // Most failures at the end of the text only mean "wait for more".
        let wait = |e: SyntaxError| -> Result<Step, Failure<E>> {
            if e.incomplete && !last {
                Ok(Step::NeedMore)
            } else {
                Err(Self::syntax(loc, e))
            }
        };
        match self.state {
            State::Start => match next {
                None if last => Err(Failure::Stream(StreamError::NotACorpus(
                    "the file is empty".into(),
                    loc.position(at),
                ))),
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
                Some(_) => match parse_value_at(text, at, 0) {
                    Ok((node, end))
                        if matches!(node.value, Value::Number(_)) && end == text.len() && !last =>
                    {
                        Ok(Step::NeedMore)
                    }
                    Ok((node, _)) => Err(Failure::Stream(StreamError::NotACorpus(
                        format!(
                            "expected an object with `documents`, an array of documents, \
                             or JSON Lines; found {}",
                            node.value.kind()
                        ),
                        loc.position(at),
                    ))),
                    Err(e) => wait(e),
                },
            },
            State::Key { first } => {
                if next == Some(b'}') {
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
                    Err(e) => return wait(e),
                };
                let value_at = skip_whitespace(text, after);
                if key.name == "documents" {
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
                let (node, end) = match parse_value_at(text, value_at, 1) {
                    Ok(v) => v,
                    Err(e) => return wait(e),
                };
                if matches!(node.value, Value::Number(_)) && end == text.len() && !last {
                    return Ok(Step::NeedMore);
                }
                self.pos = end;
                self.state = State::CommaOrClose;
                match &mut self.undecided {
                    Some(members) => members.push((key, node)),
                    None => f(Item::Header(key, node), loc).map_err(Failure::Callback)?,
                }
                Ok(Step::Progress)
            }
            State::CommaOrClose => match next {
                None if last => wait(incomplete_at(at, "`,` or `}`")),
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
                if next == Some(b']') {
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
                let (node, end) = match parse_value_at(text, at, 2) {
                    Ok(v) => v,
                    Err(e) => return wait(e),
                };
                if matches!(node.value, Value::Number(_)) && end == text.len() && !last {
                    return Ok(Step::NeedMore);
                }
                self.pos = end;
                self.state = State::ElementEnd { in_object };
                let index = self.next_index;
                self.next_index += 1;
                f(Item::Document(index, node), loc).map_err(Failure::Callback)?;
                Ok(Step::Progress)
            }
            State::ElementEnd { in_object } => match next {
                None if last => wait(incomplete_at(at, "`,` or `]`")),
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
            State::Lines => {
                let rest = &text[self.pos..];
                let line_len = match rest.find('\n') {
                    Some(n) => n,
                    None if last => rest.len(),
                    None => return Ok(Step::NeedMore),
                };
                if line_len == 0 && rest.is_empty() {
                    return Ok(Step::Done);
                }
                let start = self.pos;
                let line = rest[..line_len].trim_end_matches('\r');
                self.pos += (line_len + 1).min(rest.len());
                if line.trim().is_empty() {
                    return Ok(Step::Progress);
                }
                let index = self.next_index;
                self.next_index += 1;
                let item = match parse(line) {
                    Ok(mut node) => {
                        shift(&mut node, start);
                        Item::Document(index, node)
                    }
                    Err(mut e) => {
                        e.offset += start;
                        Item::BadLine(index, e)
                    }
                };
                f(item, loc).map_err(Failure::Callback)?;
                Ok(Step::Progress)
            }
            State::End => match next {
                None => Ok(Step::Done),
                Some(_) => Err(Self::syntax(
                    loc,
                    plain_at(at, "unexpected text after the end of the JSON value"),
                )),
            },
        }
    }

    /// The top-level object turned out to be a corpus: its members so far are headers.
    fn decide_corpus<E>(
        &mut self,
        loc: &Locator,
        f: &mut impl FnMut(Item, &Locator) -> Result<(), E>,
    ) -> Result<(), Failure<E>> {
        if let Some(members) = self.undecided.take() {
            for (k, v) in members {
                f(Item::Header(k, v), loc).map_err(Failure::Callback)?;
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
        f: &mut impl FnMut(Item, &Locator) -> Result<(), E>,
    ) -> Result<Step, Failure<E>> {
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
            return Err(Failure::Stream(StreamError::NotACorpus(
                "a corpus object needs a `documents` array (or give one document object \
                 per line, as JSON Lines)"
                    .into(),
                loc.position(self.object_start),
            )));
        }
        self.pos = close + 1;
        let node = Node {
            value: Value::Object(members),
            offset: self.object_start,
        };
        let index = self.next_index;
        self.next_index += 1;
        f(Item::Document(index, node), loc).map_err(Failure::Callback)?;
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
        .map_or("the end".to_string(), |c| format!("`{c}`"));
    SyntaxError {
        message: format!("expected {expected}, found {found}"),
        offset: at,
        incomplete: false,
    }
}

fn shift(node: &mut Node, by: usize) {
    node.offset += by;
    match &mut node.value {
        Value::Array(items) => items.iter_mut().for_each(|n| shift(n, by)),
        Value::Object(members) => members.iter_mut().for_each(|(k, n)| {
            k.offset += by;
            shift(n, by);
        }),
        _ => {}
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
