//! A small, strict JSON parser that remembers where every value came from.
//!
//! # Overview
//! Chronicle must say *where* a corpus is wrong ("document 12, field `date`, line 40:13"),
//! not just that it is. General-purpose parsers report positions only for syntax errors,
//! so this module parses RFC 8259 JSON into a [`Node`] tree in which every value and every
//! object key carries its byte offset. [`LineIndex`] turns offsets into 1-based
//! `line:column` [`Position`]s on demand.
//!
//! The parser recurses into arrays and objects, at most [`MAX_DEPTH`] levels deep (so a
//! hostile file cannot overflow the stack: deeper is a syntax error at the place it
//! starts), rejects trailing garbage (except through [`parse_prefix`], which JSON Lines
//! detection uses), and never panics on any input. Loading never hands it a whole corpus:
//! the stream reader ([`stream`]) finds each document's extent with a flat scan (a
//! counter, not recursion), so a document nested too deeply is rejected alone.

use std::fmt;

/// Deepest nesting of arrays and objects accepted; deeper input is a syntax error, not a
/// stack overflow.
pub const MAX_DEPTH: usize = 128;

/// A JSON value with the byte offset where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value itself.
    pub value: Value,
    /// Byte offset of the first character of the value in the parsed text.
    pub offset: usize,
}

/// An object key with the byte offset of its opening quote.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// The decoded key.
    pub name: String,
    /// Byte offset of the key's opening quote.
    pub offset: usize,
}

/// A parsed JSON value. Objects keep their members in source order, duplicates included,
/// so validation can report duplicate keys.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, kept as its literal text so nothing is lost to float rounding.
    Number(String),
    /// A string, with escapes decoded.
    String(String),
    /// An array.
    Array(Vec<Node>),
    /// An object, members in source order.
    Object(Vec<(Key, Node)>),
}

impl Value {
    /// A short name of the value's type, for messages ("expected a string, found a number").
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    /// The value as compact JSON text (used to keep unknown fields without losing them).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        write_compact(self, &mut out);
        out
    }
}

fn write_compact(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact(&item.value, out);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (key, node)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(&key.name, out);
                out.push(':');
                write_compact(&node.value, out);
            }
            out.push('}');
        }
    }
}

/// Appends a JSON list of strings to `out`.
///
/// ```
/// let mut out = String::new();
/// chronicle_core::json::write_string_list(&["a".to_string(), "\"b\"".to_string()], &mut out);
/// assert_eq!(out, r#"["a","\"b\""]"#);
/// ```
pub fn write_string_list(items: &[String], out: &mut String) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(item, out);
    }
    out.push(']');
}

/// Appends `s` as a JSON string literal.
pub fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A syntax error at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// What is wrong, in plain words.
    pub message: String,
    /// Byte offset where the problem was found.
    pub offset: usize,
    /// Whether the input merely ended too early (more input could make it valid), which
    /// [`stream`] uses to wait for the next chunk.
    pub incomplete: bool,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.offset)
    }
}

impl std::error::Error for SyntaxError {}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Maps byte offsets of one text to [`Position`]s.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text` (one pass).
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text.as_bytes()));
        LineIndex { text, line_starts }
    }

    /// The position of byte `offset` (clamped to the text's end).
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.text[start..end].chars().count() + 1;
        Position {
            line: line + 1,
            column,
        }
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

/// Parses one complete JSON text. Whitespace may surround the value; anything else after
/// it is an error.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let (node, end) = parse_prefix(text)?;
    let mut p = Parser::new(text);
    p.pos = end;
    p.skip_ws();
    if p.pos < text.len() {
        return Err(p.error_here("unexpected text after the end of the JSON value"));
    }
    Ok(node)
}

/// Parses the first JSON value of `text` and returns it with the byte offset just after it.
/// Leading whitespace is skipped; what follows the value is not examined.
pub fn parse_prefix(text: &str) -> Result<(Node, usize), SyntaxError> {
    parse_value_at(text, 0, 0)
}

/// Parses one value starting at byte `at` (after whitespace), nested `depth` levels deep;
/// returns it with the offset just after it. Offsets in the result are relative to `text`.
pub fn parse_value_at(text: &str, at: usize, depth: usize) -> Result<(Node, usize), SyntaxError> {
    let mut p = Parser::new(text);
    p.pos = at;
    p.skip_ws();
    if p.pos >= text.len() {
        let mut e = p.error_here("the input is empty: expected a JSON value");
        e.incomplete = true;
        return Err(e);
    }
    let node = p.value(depth)?;
    Ok((node, p.pos))
}

/// Parses an object key (a string) at `at` (after whitespace) and the `:` after it.
/// Returns the key and the offset after the colon.
pub fn parse_key_at(text: &str, at: usize) -> Result<(Key, usize), SyntaxError> {
    let mut p = Parser::new(text);
    p.pos = at;
    p.skip_ws();
    if p.peek() != Some(b'"') {
        return Err(p.unexpected("a quoted field name"));
    }
    let offset = p.pos;
    let name = p.string()?;
    p.skip_ws();
    if p.peek() != Some(b':') {
        return Err(p.unexpected("`:` after the field name"));
    }
    p.pos += 1;
    Ok((Key { name, offset }, p.pos))
}

/// Skips whitespace from `at`; returns the offset of the next byte (or the end).
pub fn skip_whitespace(text: &str, at: usize) -> usize {
    let mut p = Parser::new(text);
    p.pos = at;
    p.skip_ws();
    p.pos
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    fn error_here(&self, message: &str) -> SyntaxError {
        SyntaxError {
            message: message.to_string(),
            offset: self.pos,
            incomplete: false,
        }
    }

    fn error_at(&self, offset: usize, message: String) -> SyntaxError {
        SyntaxError {
            message,
            offset,
            incomplete: false,
        }
    }

    fn incomplete(mut e: SyntaxError) -> SyntaxError {
        e.incomplete = true;
        e
    }

    fn skip_ws(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn unexpected(&self, expected: &str) -> SyntaxError {
        match self.text[self.pos..].chars().next() {
            None => Self::incomplete(
                self.error_here(&format!("the input ends early: expected {expected}")),
            ),
            Some(c) => self.error_here(&format!("expected {expected}, found {}", describe(c))),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        let offset = self.pos;
        let value = match self.peek() {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            _ => return Err(self.unexpected("a JSON value")),
        };
        Ok(Node { value, offset })
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, SyntaxError> {
        let rest = &self.text[self.pos..];
        if rest.starts_with(word) {
            self.pos += word.len();
            Ok(value)
        } else if word.starts_with(rest) {
            Err(Self::incomplete(self.error_here(&format!(
                "the input ends early: expected `{word}`"
            ))))
        } else {
            Err(self.unexpected(&format!("`{word}`")))
        }
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.unexpected("a digit")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.unexpected("a digit after the decimal point"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.unexpected("a digit in the exponent"));
            }
            self.digits();
        }
        Ok(Value::Number(self.text[start..self.pos].to_string()))
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        let open = self.pos;
        self.pos += 1; // the opening quote
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[run_start..self.pos]);
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => self.escape(&mut out)?,
                Some(b'\n') => {
                    return Err(self.error_here(
                        "a line break inside a string: end the string with `\"` or write `\\n`",
                    ))
                }
                Some(_) => {
                    return Err(self.error_here(
                        "a control character inside a string: write it as an escape such as `\\t`",
                    ))
                }
                None => {
                    return Err(Self::incomplete(self.error_at(
                        open,
                        "this string is never closed: a `\"` is missing".to_string(),
                    )))
                }
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let at = self.pos;
        self.pos += 1; // the backslash
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let high = self.hex4(at)?;
                let c = if (0xD800..0xDC00).contains(&high) {
                    // A surrogate pair, if a low surrogate follows.
                    let rest = &self.text[self.pos..];
                    if rest.len() < 6 && is_partial_escape(rest) {
                        return Err(Self::incomplete(
                            self.error_at(at, "the input ends inside an escape".into()),
                        ));
                    }
                    if rest.starts_with("\\u") {
                        let save = self.pos;
                        self.pos += 2;
                        let low = self.hex4(at)?;
                        if (0xDC00..0xE000).contains(&low) {
                            let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                            char::from_u32(code).unwrap_or('\u{FFFD}')
                        } else {
                            self.pos = save;
                            '\u{FFFD}'
                        }
                    } else {
                        '\u{FFFD}'
                    }
                } else {
                    char::from_u32(high).unwrap_or('\u{FFFD}')
                };
                out.push(c);
                return Ok(());
            }
            None => {
                return Err(Self::incomplete(
                    self.error_at(at, "the input ends inside an escape".into()),
                ))
            }
            _ => return Err(self.error_at(
                at,
                "an unknown escape in a string: use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX"
                    .to_string(),
            )),
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self, escape_at: usize) -> Result<u32, SyntaxError> {
        let digits = self.bytes.get(self.pos..self.pos + 4);
        let parsed = digits.and_then(|d| {
            if d.iter().all(u8::is_ascii_hexdigit) {
                std::str::from_utf8(d)
                    .ok()
                    .and_then(|s| u32::from_str_radix(s, 16).ok())
            } else {
                None
            }
        });
        match parsed {
            Some(v) => {
                self.pos += 4;
                Ok(v)
            }
            None if is_partial_escape(&self.text[escape_at..]) => Err(Self::incomplete(
                self.error_at(escape_at, "the input ends inside an escape".into()),
            )),
            None => Err(self.error_at(
                escape_at,
                "a `\\u` escape needs four hex digits".to_string(),
            )),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        if depth >= MAX_DEPTH {
            return Err(self.error_here("arrays and objects are nested too deeply"));
        }
        self.pos += 1; // [
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b']') {
                        return Err(self.error_here("a trailing comma before `]`"));
                    }
                }
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.unexpected("`,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        if depth >= MAX_DEPTH {
            return Err(self.error_here("arrays and objects are nested too deeply"));
        }
        self.pos += 1; // {
        let mut members = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("a quoted field name"));
            }
            let key_offset = self.pos;
            let name = self.string()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.unexpected("`:` after the field name"));
            }
            self.pos += 1;
            self.skip_ws();
            let node = self.value(depth + 1)?;
            members.push((
                Key {
                    name,
                    offset: key_offset,
                },
                node,
            ));
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b'}') {
                        return Err(self.error_here("a trailing comma before `}`"));
                    }
                }
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.unexpected("`,` or `}`")),
            }
        }
    }
}

/// Whether `rest` is a proper prefix of a `\uXXXX` escape (the input stopped inside it).
fn is_partial_escape(rest: &str) -> bool {
    let b = rest.as_bytes();
    b.len() < 6
        && b.iter().enumerate().all(|(i, &c)| match i {
            0 => c == b'\\',
            1 => c == b'u',
            _ => c.is_ascii_hexdigit(),
        })
}

fn describe(c: char) -> String {
    match c {
        '\n' => "a line break".to_string(),
        c if c.is_control() => format!("the control character U+{:04X}", c as u32),
        c => format!("`{c}`"),
    }
}

pub mod stream;

#[cfg(test)]
mod tests;
