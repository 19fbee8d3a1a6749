//! Loading and validating corpus files: JSON (format v1 or a bare array) and JSON Lines.
//!
//! # Overview
//! A [`Loader`] takes a corpus file in chunks, as it downloads, and hands over each valid
//! [`Document`] as soon as it is complete ([`Loader::feed`], [`Loader::finish`]); nothing
//! holds the whole file. [`load_corpus`] is the all-at-once form: bytes in, a
//! [`Loaded`] out, with the valid documents as a [`Corpus`] and every [`Problem`] found,
//! each with its document, field and `line:column`.
//! One bad document never sinks the rest: it is rejected and listed, and the others load.
//! Only input that cannot be read at all (not UTF-8, not JSON, not a corpus) is a
//! [`LoadError`], which also carries a position.
//!
//! The rules (see the README's "Corpus format"):
//! - A document needs something to show: a title or a text. Without both it is
//!   rejected; everything else is mended. Quietly, as nothing is lost: a missing id is
//!   named by its place, a missing title taken from the opening of the text. With a
//!   warning: an unusable or clashing id is renamed, an empty title replaced, a date
//!   that cannot be read ([`Date::parse_any`]) dropped (its text kept in meta).
//! - Fields are also read under the usual other names exports give them (`headline`,
//!   `text`, `published_at`, `author`, …; see `FIELDS`).
//! - Optional fields of the wrong type, and unknown fields, are kept in `meta` as text,
//!   never dropped.
//! - A top-level object with `documents` is a corpus; a top-level array is a list of
//!   documents; one document object per line is JSON Lines.

use std::collections::BTreeMap;
use std::fmt;

use crate::date::Date;
use crate::json::parse;
use crate::json::stream::{Item, Locator, Stopped, Stream};
use crate::json::{Key, LineIndex, Node, Position, Value};
use crate::metadata::{self, Field};
use crate::model::{Corpus, Document, FORMAT, VERSION};
use crate::problem::Problem;

/// The result of loading: the valid documents and everything that was wrong.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The valid documents.
    pub corpus: Corpus,
    /// Every problem, in file order. Errors rejected their document.
    pub problems: Vec<Problem>,
    /// How many documents were rejected.
    pub rejected: usize,
    /// Where each document is in the file (in the order of `corpus.documents`).
    pub places: Vec<Place>,
}

impl Loaded {
    /// Gives later documents that share an id with an earlier one a new id, with a
    /// warning each (see [`crate::ids`]).
    pub fn make_ids_unique(&mut self) {
        let docs = &mut self.corpus.documents;
        let renames = crate::ids::unique_ids(docs.iter().map(|d| d.id.as_str()));
        if renames.is_empty() {
            return;
        }
        for (i, new_id) in renames {
            let old = std::mem::replace(&mut docs[i].id, new_id.clone());
            self.problems
                .push(crate::ids::renamed(&old, &new_id, Ok(self.places[i])));
        }
        crate::problem::sort_in_file_order(&mut self.problems);
    }

    /// Only the problems that rejected a document.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.is_error())
    }
}

/// Input that cannot be read as a corpus at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The bytes are not UTF-8.
    NotUtf8 {
        /// Where the first invalid byte is.
        position: Position,
    },
    /// The text is not JSON.
    Syntax {
        /// What is wrong.
        message: String,
        /// Where.
        position: Position,
    },
    /// A spreadsheet that cannot be read as a table.
    Table {
        /// What is wrong.
        message: String,
        /// Where.
        position: Position,
    },
    /// Valid JSON, but not a corpus.
    NotACorpus {
        /// Why not.
        why: NotACorpus,
        /// Where.
        position: Position,
    },
}

/// Why valid JSON is not a corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotACorpus {
    /// The file holds nothing.
    Empty,
    /// The top level is another kind of value: "a string", "a number", …
    Found(&'static str),
    /// An object without a `documents` array (and not a JSON Lines document either).
    NoDocuments,
    /// `format` is not `chronicle-corpus`: what it is.
    Format(String),
    /// `version` is not one this Chronicle reads: what it is.
    Version(String),
}

/// `the file is empty`, `` `format` must be "chronicle-corpus", found "other" ``, …
impl fmt::Display for NotACorpus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotACorpus::Empty => f.write_str("the file is empty"),
            NotACorpus::Found(kind) => write!(
                f,
                "expected an object with `documents`, an array of documents, or JSON Lines; \
                 found {kind}"
            ),
            NotACorpus::NoDocuments => f.write_str(
                "a corpus object needs a `documents` array (or `items`, `data`, `results`, \
                 `records`…: a list of document objects), or give one document object per \
                 line, as JSON Lines",
            ),
            NotACorpus::Format(found) => {
                write!(f, "`format` must be \"{FORMAT}\", found {found}")
            }
            NotACorpus::Version(found) => write!(
                f,
                "this corpus is format version {found}; this Chronicle reads version {VERSION}"
            ),
        }
    }
}

impl LoadError {
    /// Where the problem is.
    pub fn position(&self) -> Position {
        match self {
            LoadError::NotUtf8 { position }
            | LoadError::Syntax { position, .. }
            | LoadError::Table { position, .. }
            | LoadError::NotACorpus { position, .. } => *position,
        }
    }
}

impl LoadError {
    /// What is wrong, without the position.
    pub fn message(&self) -> String {
        match self {
            LoadError::NotUtf8 { .. } => {
                "the file is not UTF-8 text (save it as UTF-8 and try again)".to_string()
            }
            LoadError::Syntax { message, .. } => format!("the file is not valid JSON: {message}"),
            LoadError::Table { message, .. } => format!("the table cannot be read: {message}"),
            LoadError::NotACorpus { why, .. } => format!("not a Chronicle corpus: {why}"),
        }
    }
}

/// `line 3:14: the file is not valid JSON: expected `,` or `}`, found `"``
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.position(), self.message())
    }
}

impl std::error::Error for LoadError {}

/// Decodes UTF-8 (dropping a byte-order mark) with a positioned error.
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = e.valid_up_to();
        // Safe: the prefix up to `valid` is UTF-8 by definition.
        let text = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
        LoadError::NotUtf8 {
            position: LineIndex::new(text).position(valid),
        }
    })
}

/// The corpus-level results of a load (the documents went to the sink).
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// The archive's title.
    pub title: Option<String>,
    /// Its description.
    pub description: Option<String>,
    /// Unknown top-level fields, as text.
    pub meta: BTreeMap<String, String>,
    /// Every problem, in file order.
    pub problems: Vec<Problem>,
    /// Documents rejected.
    pub rejected: usize,
    /// Documents accepted.
    pub accepted: usize,
}

/// Where a document is in its file: its number (from 0) and the position of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The document's number in the file, counting rejected ones.
    pub index: usize,
    /// Where its text starts.
    pub position: Position,
}

impl crate::codec::Encode for Place {
    fn encode(&self, w: &mut crate::codec::Writer) {
        w.usize(self.index);
        w.usize(self.position.line);
        w.usize(self.position.column);
    }
}

impl crate::codec::Decode for Place {
    fn decode(r: &mut crate::codec::Reader) -> crate::codec::Result<Self> {
        Ok(Place {
            index: r.usize()?,
            position: Position {
                line: r.usize()?,
                column: r.usize()?,
            },
        })
    }
}

/// Reads a corpus file chunk by chunk. See the module docs.
///
/// ```
/// use chronicle_core::load::Loader;
/// let mut loader = Loader::new();
/// let mut docs = Vec::new();
/// let mut keep = |d, _place| docs.push(d);
/// for chunk in br#"[{"id":"a","title":"A","body":"x"},{"id":"b","body":""}]"#.chunks(5) {
///     loader.feed(chunk, &mut keep).unwrap();
/// }
/// let summary = loader.finish(&mut keep).unwrap();
/// assert_eq!((docs.len(), summary.rejected), (1, 1));
/// ```
pub struct Loader {
    stream: Stream,
    reader: Reader,
    header: Summary,
}

impl Default for Loader {
    fn default() -> Self {
        Self::new()
    }
}

impl Loader {
    /// A loader that detects the shape (corpus object, array, JSON Lines).
    pub fn new() -> Loader {
        Loader {
            stream: Stream::new(),
            reader: Reader::default(),
            header: Summary::default(),
        }
    }

    /// A loader for JSON Lines (`.jsonl`).
    pub fn json_lines() -> Loader {
        Loader {
            stream: Stream::json_lines(),
            ..Loader::new()
        }
    }

    /// Documents read so far (valid or not).
    pub fn documents_seen(&self) -> usize {
        self.stream.documents_seen()
    }

    /// Adds a chunk; `sink` receives each valid document it completes, with its place.
    pub fn feed(
        &mut self,
        chunk: &[u8],
        sink: &mut dyn FnMut(Document, Place),
    ) -> Result<(), LoadError> {
        let Loader {
            stream,
            reader,
            header,
        } = self;
        let mut on_raw = |index: usize, raw: &str, position: Position| {
            if let Some(doc) = reader.read(index, raw, position) {
                sink(doc, Place { index, position });
            }
        };
        stream
            .feed(chunk, &mut |item, loc| {
                on_item(item, loc, header, &mut on_raw)
            })
            .map_err(failure)
    }

    /// Adds a chunk, handing over each document's text unread (to be read elsewhere,
    /// with a [`Reader`]): its number, text and position.
    pub fn feed_raw(
        &mut self,
        chunk: &[u8],
        sink: &mut dyn FnMut(usize, &str, Position),
    ) -> Result<(), LoadError> {
        let header = &mut self.header;
        self.stream
            .feed(chunk, &mut |item, loc| on_item(item, loc, header, sink))
            .map_err(failure)
    }

    /// Ends the input and returns what was found at the corpus level.
    pub fn finish(mut self, sink: &mut dyn FnMut(Document, Place)) -> Result<Summary, LoadError> {
        {
            let Loader {
                stream,
                reader,
                header,
            } = &mut self;
            let mut on_raw = |index: usize, raw: &str, position: Position| {
                if let Some(doc) = reader.read(index, raw, position) {
                    sink(doc, Place { index, position });
                }
            };
            stream
                .finish(&mut |item, loc| on_item(item, loc, header, &mut on_raw))
                .map_err(failure)?;
        }
        let mut summary = self.header;
        summary.problems.extend(self.reader.problems);
        summary.rejected = self.reader.rejected;
        summary.accepted = self.reader.accepted;
        Ok(summary)
    }

    /// Ends the input of [`Loader::feed_raw`]: the last documents' texts go to `sink`.
    pub fn finish_raw(
        mut self,
        sink: &mut dyn FnMut(usize, &str, Position),
    ) -> Result<Summary, LoadError> {
        let header = &mut self.header;
        self.stream
            .finish(&mut |item, loc| on_item(item, loc, header, sink))
            .map_err(failure)?;
        Ok(self.header)
    }
}

fn failure(f: Stopped<LoadError>) -> LoadError {
    match f {
        Stopped::Callback(e) | Stopped::Input(e) => e,
    }
}

fn on_item(
    item: Item,
    loc: &Locator,
    header: &mut Summary,
    on_raw: &mut dyn FnMut(usize, &str, Position),
) -> Result<(), LoadError> {
    match item {
        Item::Document(index, raw) => {
            on_raw(index, raw.text, raw.position);
            Ok(())
        }
        Item::Header(key, value) => read_header(key, value, loc, header),
    }
}

fn read_header(
    key: Key,
    value: Node,
    loc: &Locator,
    header: &mut Summary,
) -> Result<(), LoadError> {
    let at = loc.position(value.offset);
    match key.name.as_str() {
        "format" => match &value.value {
            Value::String(s) if s == FORMAT => Ok(()),
            other => Err(LoadError::NotACorpus {
                why: NotACorpus::Format(describe_value(other)),
                position: at,
            }),
        },
        "version" => match &value.value {
            Value::Number(n) if n == "1" => Ok(()),
            other => Err(LoadError::NotACorpus {
                why: NotACorpus::Version(describe_value(other)),
                position: at,
            }),
        },
        "title" | "description" => {
            let field = key.name;
            match value.value {
                Value::String(s) => {
                    let s = s.trim().to_string();
                    if !s.is_empty() {
                        if field == "title" {
                            header.title = Some(s);
                        } else {
                            header.description = Some(s);
                        }
                    }
                }
                Value::Null => {}
                other => {
                    header.problems.push(
                        Problem::warning(format!(
                            "expected a string, found {}; kept in the corpus meta",
                            other.kind()
                        ))
                        .in_field(field.clone())
                        .at(at),
                    );
                    header.meta.insert(field, other.to_json());
                }
            }
            Ok(())
        }
        _ => {
            // A channel or feed export names itself (Telegram: `"name": "ARK News"`).
            if let (None, "name", Value::String(s)) =
                (&header.title, key.name.as_str(), &value.value)
            {
                header.title = Some(s.trim().to_string()).filter(|s| !s.is_empty());
            }
            header.meta.insert(key.name, scalar_text(value.value));
            Ok(())
        }
    }
}

/// Loads a corpus from bytes, detecting the shape (corpus object, array, JSON Lines).
///
/// ```
/// let loaded = chronicle_core::load::load_corpus(
///     br#"{"format":"chronicle-corpus","version":1,"documents":[
///         {"id":"a","title":"A","body":"x","date":"1861"},
///         {"id":"a","title":"Again","body":"y"}]}"#,
/// ).unwrap();
/// assert_eq!(loaded.corpus.documents[1].id, "a-2");
/// assert!(loaded.problems[0].message.contains("duplicate id"));
/// ```
pub fn load_corpus(bytes: &[u8]) -> Result<Loaded, LoadError> {
    let mut loaded = load_corpus_as_is(bytes)?;
    loaded.make_ids_unique();
    Ok(loaded)
}

/// Loads a corpus from bytes and leaves clashing ids as they are (for joining it with
/// other files before making them unique).
pub fn load_corpus_as_is(bytes: &[u8]) -> Result<Loaded, LoadError> {
    load_with(Loader::new(), bytes)
}

/// A file read by turning it into corpus JSON Lines first (see [`converted_lines`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Converted {
    /// A spreadsheet: CSV, or TSV when `true` (see [`crate::csv`]).
    Table(bool),
    /// An mbox file or one `.eml` message (see [`crate::mail`]).
    Mail,
}

impl Converted {
    /// The kind of a file by its name's extension, if it is one of these.
    pub fn of_name(name: &str) -> Option<Converted> {
        let lower = name.to_ascii_lowercase();
        let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
        match ext {
            "csv" => Some(Converted::Table(false)),
            "tsv" | "tab" => Some(Converted::Table(true)),
            "mbox" | "mbx" | "eml" => Some(Converted::Mail),
            _ => None,
        }
    }
}

/// Reads a converted file as it arrives: its documents as JSON Lines, each placed at
/// its line in the file.
#[derive(Debug)]
pub enum Converter {
    /// A spreadsheet.
    Table(crate::csv::TableReader),
    /// Mail.
    Mail(crate::mail::MboxReader),
}

impl Converter {
    /// A reader for a file of this kind.
    pub fn new(kind: Converted) -> Converter {
        match kind {
            Converted::Table(tab) => Converter::Table(crate::csv::TableReader::new(tab)),
            Converted::Mail => Converter::Mail(crate::mail::MboxReader::default()),
        }
    }

    /// Adds bytes; returns the JSON Lines of the documents they complete.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<String, LoadError> {
        match self {
            Converter::Table(t) => t.feed(bytes),
            Converter::Mail(m) => Ok(m.feed(bytes)),
        }
    }

    /// Ends the input: the JSON Lines of the last documents.
    pub fn finish(&mut self) -> Result<String, LoadError> {
        match self {
            Converter::Table(t) => t.finish(),
            Converter::Mail(m) => Ok(m.finish()),
        }
    }

    /// A warning about the whole file (its encoding), if there is one.
    pub fn warning(&self) -> Option<Problem> {
        match self {
            Converter::Table(t) => t.warning(),
            Converter::Mail(_) => None,
        }
    }
}

/// A converted file's documents as JSON Lines, placed at their lines in the file, with
/// a warning about the file if there is one.
pub fn converted_lines(
    bytes: &[u8],
    kind: Converted,
) -> Result<(String, Option<Problem>), LoadError> {
    let mut converter = Converter::new(kind);
    let mut lines = converter.feed(bytes)?;
    lines.push_str(&converter.finish()?);
    Ok((lines, converter.warning()))
}

/// Loads a converted file (see [`Converted`]). Clashing ids are left as they are.
pub fn load_converted(bytes: &[u8], kind: Converted) -> Result<Loaded, LoadError> {
    let (lines, warning) = converted_lines(bytes, kind)?;
    let mut loaded = load_json_lines(lines.as_bytes())?;
    loaded.problems.splice(0..0, warning);
    Ok(loaded)
}

/// Loads a spreadsheet (CSV; TSV when `tab`), one document per row: see [`crate::csv`].
/// Spreadsheets are often saved in Windows-1252 rather than UTF-8: such a file is read
/// as Windows-1252, with a warning. Clashing ids are left as they are.
pub fn load_table(bytes: &[u8], tab: bool) -> Result<Loaded, LoadError> {
    load_converted(bytes, Converted::Table(tab))
}

/// Loads JSON Lines: one document object per line. A line that is not valid JSON rejects
/// only its own document. Clashing ids are left as they are.
pub fn load_json_lines(bytes: &[u8]) -> Result<Loaded, LoadError> {
    load_with(Loader::json_lines(), bytes)
}

fn load_with(mut loader: Loader, bytes: &[u8]) -> Result<Loaded, LoadError> {
    let mut documents = Vec::new();
    let mut places = Vec::new();
    let mut keep = |d, place| {
        documents.push(d);
        places.push(place);
    };
    loader.feed(bytes, &mut keep)?;
    let summary = loader.finish(&mut keep)?;
    let mut corpus = Corpus::new();
    corpus.title = summary.title;
    corpus.description = summary.description;
    corpus.meta = summary.meta;
    corpus.documents = documents;
    Ok(Loaded {
        corpus,
        problems: summary.problems,
        rejected: summary.rejected,
        places,
    })
}

fn describe_value(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{s}\""),
        Value::Number(n) => n.clone(),
        other => other.kind().to_string(),
    }
}

/// The first line of `text` with words in it, cut at a word to at most `max` characters
/// (with `…` when cut); `None` if the text has no words.
fn opening(text: &str, max: usize) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        return Some(line);
    }
    let cut = line.char_indices().nth(max).map_or(line.len(), |(i, _)| i);
    let head = &line[..cut];
    let head = head.rfind(' ').map_or(head, |i| &head[..i]);
    Some(format!("{head}…"))
}

/// A string as itself; anything else as compact JSON.
fn scalar_text(v: Value) -> String {
    match v {
        Value::String(s) => s,
        other => other.to_json(),
    }
}

/// A document's members in source order; a repeated name keeps its first place and its
/// last value. (Documents have a dozen fields: a list beats a map.)
struct Fields(Vec<Option<(Key, Node)>>);

impl Fields {
    fn new(members: Vec<(Key, Node)>, repeated: &mut Vec<Key>) -> Fields {
        let mut list: Vec<Option<(Key, Node)>> = Vec::with_capacity(members.len());
        for (key, value) in members {
            let existing = list.iter_mut().flatten().find(|(k, _)| k.name == key.name);
            match existing {
                Some(slot) => {
                    repeated.push(key.clone());
                    slot.1 = value;
                }
                None => list.push(Some((key, value))),
            }
        }
        Fields(list)
    }

    fn remove(&mut self, name: &str) -> Option<(Key, Node)> {
        self.0
            .iter_mut()
            .find(|s| s.as_ref().is_some_and(|(k, _)| k.name == name))
            .and_then(Option::take)
    }

    /// The first of `names` the document has whose value `fits`.
    fn remove_fitting(
        &mut self,
        names: &[&str],
        fits: impl Fn(&Value) -> bool,
    ) -> Option<(Key, Node)> {
        self.0
            .iter_mut()
            .filter(|s| {
                s.as_ref()
                    .is_some_and(|(k, n)| names.contains(&k.name.as_str()) && fits(&n.value))
            })
            .min_by_key(|s| {
                s.as_ref()
                    .map(|(k, _)| names.iter().position(|n| *n == k.name))
            })
            .and_then(Option::take)
    }

    /// The field `name`, or else the first of its other names the document has.
    fn take(&mut self, name: &str, aliases: &[&str]) -> Option<(Key, Node)> {
        self.remove(name)
            .or_else(|| aliases.iter().find_map(|a| self.remove(a)))
    }

    /// Whether any member is still unread.
    fn any_left(&self) -> bool {
        self.0.iter().any(Option::is_some)
    }

    fn rest(self) -> impl Iterator<Item = (Key, Node)> {
        self.0.into_iter().flatten()
    }
}

/// Reads and validates documents one by one from their JSON text, collecting problems.
/// Loading uses one; so does each worker that reads documents in parallel.
#[derive(Debug, Default)]
pub struct Reader {
    /// Problems found, in document order.
    pub problems: Vec<Problem>,
    /// Documents rejected.
    pub rejected: usize,
    /// Documents accepted.
    pub accepted: usize,
}

impl Reader {
    fn reject(&mut self, problem: Problem) {
        self.problems.push(problem);
        self.rejected += 1;
    }

    /// Reads document number `index` from its JSON text, which starts at `position` in
    /// its file; `None` if it was rejected (the problem says why and where).
    pub fn read(&mut self, index: usize, text: &str, position: Position) -> Option<Document> {
        let loc = Locator::new(text, position);
        let doc = match parse(text) {
            Ok(node) => self.document(index, node, &loc),
            Err(e) => {
                self.reject(
                    Problem::error(format!(
                        "this document is not valid JSON: {}; document rejected",
                        e.message
                    ))
                    .in_document(index, None)
                    .at(loc.position(e.offset)),
                );
                None
            }
        };
        if doc.is_some() {
            self.accepted += 1;
        }
        doc
    }

    /// Validates one document; `None` if it was rejected.
    fn document(&mut self, index: usize, node: Node, loc: &Locator) -> Option<Document> {
        // Positions are worked out only when there is a problem to report.
        let doc_offset = node.offset;
        let pos = || loc.position(doc_offset);
        let members = match node.value {
            Value::Object(m) => m,
            other => {
                self.reject(
                    Problem::error(format!(
                        "a document must be an object, found {}; document rejected",
                        other.kind()
                    ))
                    .in_document(index, None)
                    .at(pos()),
                );
                return None;
            }
        };
        let members = unwrap_envelope(members);
        // Last occurrence of a repeated field wins, with a warning.
        let mut repeated = Vec::new();
        let mut fields = Fields::new(members, &mut repeated);
        // Without a usable id, a document is named by its place: an archive's documents
        // are worth more than its ids.
        let placed = || format!("document-{}", index + 1);
        let id = match fields.take("id", ID_ALIASES) {
            Some((_, node)) => match node.value {
                Value::String(s) if !s.trim().is_empty() => Ok(s.trim().to_string()),
                Value::Object(_) if extended_id(&node.value).is_some() => {
                    Ok(extended_id(&node.value).unwrap_or_default())
                }
                Value::Number(n) if n.bytes().all(|b| b.is_ascii_digit() || b == b'-') => Ok(n),
                Value::String(_) => Err(("the id is empty", loc.position(node.offset))),
                _ => Err((
                    "the id is not a string (or a whole number)",
                    loc.position(node.offset),
                )),
            },
            // Exports often have no ids at all: a document without one is named by its
            // place, quietly (nothing is lost, and a warning per document would bury
            // the problems that matter).
            None => Ok(placed()),
        };
        let (id, unnamed) = match id {
            Ok(id) => (id, None),
            Err((message, at)) => {
                let id = placed();
                let p = Problem::warning(format!("{message}; it is named \"{id}\""))
                    .in_document(index, None)
                    .in_field("id")
                    .at(at);
                (id, Some(p))
            }
        };
        let mut read = DocReader {
            doc: Document {
                id: id.clone(),
                ..Default::default()
            },
            first_unknown: None,
            empty_title: None,
            errors: Vec::new(),
            warnings: Vec::new(),
            index,
            loc,
        };
        read.warnings.extend(unnamed);
        for key in repeated {
            read.warn(
                format!(
                    "the field \"{}\" appears more than once; the last one is used",
                    key.name
                ),
                &key.name,
                key.offset,
            );
        }
        // The known fields, as the table says; then their usual other names, only for
        // fields that are absent and only if the document has fields left over (most
        // corpus documents have none); then the unknown ones, into meta.
        let mut absent = 0u32;
        for (i, &(name, _, kind)) in FIELDS.iter().enumerate() {
            match fields.remove(name) {
                Some((key, node)) => read.field(&key.name, kind, node),
                None => absent |= 1 << i,
            }
        }
        if absent != 0 && fields.any_left() {
            for (i, &(_, aliases, kind)) in FIELDS.iter().enumerate() {
                if absent & (1 << i) == 0 {
                    continue;
                }
                // Another name is a guess: a value of another type than the field's
                // (WordPress's numeric `author`) is not it, and stays in meta quietly.
                if let Some((key, node)) = fields.remove_fitting(aliases, |v| kind.fits(v)) {
                    read.field(&key.name, kind, node);
                }
            }
        }
        for (key, node) in fields.rest() {
            read.unknown(key, node);
        }
        read.title_from_body(doc_offset);
        let DocReader {
            doc,
            errors,
            warnings,
            ..
        } = read;
        if !errors.is_empty() {
            self.rejected += 1;
            self.problems.extend(errors);
            self.problems.extend(warnings);
            return None;
        }
        self.problems.extend(warnings);
        Some(doc)
    }
}

/// Whether a metadata field holds a list of values.
fn many(field: Field) -> bool {
    field.spec().is_some_and(|s| s.many)
}

/// How a known field of a document is read.
#[derive(Debug, Clone, Copy)]
enum FieldKind {
    /// A non-empty string (trimmed).
    Title,
    /// Any string.
    Body,
    /// A date (see [`Date::parse_any`]), a bare year or a Unix time as a number, or
    /// either inside a document database's `{"$date": …}` ([`extended_date`]); anything
    /// else leaves the document undated (with a warning, the value kept in meta).
    Date,
    /// An optional string; anything else is kept in meta.
    Text(fn(&mut Document) -> &mut Option<String>),
    /// A metadata field: a string, or for a field of many values a string or a list of
    /// strings (duplicates dropped); the rest is kept in meta.
    Metadata(Field),
    /// An object of metadata.
    Meta,
}

impl FieldKind {
    /// Whether a value is of a type this field takes (all but its emptiness).
    fn fits(self, v: &Value) -> bool {
        let strings = |items: &[Node]| {
            items
                .iter()
                .all(|i| matches!(i.value, Value::String(_)) || person_name(&i.value).is_some())
        };
        match (self, v) {
            (_, Value::Null) | (FieldKind::Meta, Value::Object(_)) => true,
            (FieldKind::Title | FieldKind::Body, v) => TextParts::of(v).is_some(),
            (FieldKind::Date, v) => {
                matches!(v, Value::String(_) | Value::Number(_)) || extended_date(v).is_some()
            }
            (FieldKind::Text(_) | FieldKind::Metadata(_), Value::String(_)) => true,
            (FieldKind::Metadata(f), Value::Array(items)) => many(f) && strings(items),
            (FieldKind::Text(_) | FieldKind::Metadata(_), _) => false,
            (FieldKind::Meta, _) => false,
        }
    }
}

/// The text a value holds, unread: a string; a list of strings (paragraphs); a list of
/// strings and `{"text": …}` pieces (Telegram's formatted messages, whose pieces run on);
/// an object whose `"rendered"` string is HTML (WordPress). Telling the shape costs no
/// copy, so checking that a value holds text does not read its text.
enum TextParts<'v> {
    Plain(&'v str),
    Html(&'v str),
    /// Each piece, and whether it was a formatted piece (`{"text": …}`).
    Pieces(Vec<(&'v str, bool)>),
}

impl TextParts<'_> {
    /// The parts of `v`, `None` if it holds no text.
    fn of(v: &Value) -> Option<TextParts<'_>> {
        match v {
            Value::String(s) => Some(TextParts::Plain(s)),
            Value::Object(members) => text_of(members, "rendered").map(TextParts::Html),
            Value::Array(items) => items
                .iter()
                .map(|i| match &i.value {
                    Value::String(s) => Some((s.as_str(), false)),
                    Value::Object(m) => text_of(m, "text").map(|t| (t, true)),
                    _ => None,
                })
                .collect::<Option<Vec<_>>>()
                .map(TextParts::Pieces),
            _ => None,
        }
    }

    /// The text: HTML read as text, pieces run on, paragraphs a blank line apart.
    fn text(self) -> String {
        match self {
            TextParts::Plain(s) => s.to_string(),
            TextParts::Html(h) => crate::html::to_text(h),
            TextParts::Pieces(pieces) => {
                let joiner = if pieces.iter().any(|p| p.1) {
                    ""
                } else {
                    "\n\n"
                };
                pieces.iter().map(|p| p.0).collect::<Vec<_>>().join(joiner)
            }
        }
    }
}

/// Members under which exports wrap each document: Elasticsearch's `_source` (as
/// `elasticdump` writes it), GeoJSON's `properties`, Reddit's `data`, and the like.
const ENVELOPES: &[&str] = &[
    "_source",
    "properties",
    "fields",
    "attributes",
    "data",
    "document",
    "doc",
    "record",
    "node",
    "post",
    "item",
];

/// Whether a field of that name holds a document's title or text (under any of the
/// names read for them).
fn is_text_name(name: &str) -> bool {
    FIELDS[..2]
        .iter()
        .any(|&(own, other, _)| own == name || other.contains(&name))
}

/// A document wrapped in an envelope (see [`ENVELOPES`]) with no title or text of its
/// own: the wrapped fields, then the envelope's others (its `_id`, `_index`…) that the
/// wrapped ones lack. Any other document as it is.
fn unwrap_envelope(mut members: Vec<(Key, Node)>) -> Vec<(Key, Node)> {
    if members.iter().any(|(k, _)| is_text_name(&k.name)) {
        return members;
    }
    let wrapped = members.iter().position(|(k, n)| {
        ENVELOPES.contains(&k.name.as_str())
            && matches!(&n.value, Value::Object(inner) if inner.iter().any(|(k, _)| is_text_name(&k.name)))
    });
    let Some(i) = wrapped else {
        return members;
    };
    let Value::Object(mut inner) = members.remove(i).1.value else {
        return members;
    };
    for (k, n) in members {
        if !inner.iter().any(|(own, _)| own.name == k.name) {
            inner.push((k, n));
        }
    }
    inner
}

/// The string member `name` of an object.
fn text_of<'v>(members: &'v [(Key, Node)], name: &str) -> Option<&'v str> {
    members.iter().find_map(|(k, n)| match &n.value {
        Value::String(s) if k.name == name => Some(s.as_str()),
        _ => None,
    })
}

/// Other names archives give the id (read when `id` is absent).
const ID_ALIASES: &[&str] = &["_id", "ID", "Id", "uuid", "guid", "doc_id", "docid"];

/// Whether a field of that name is read as the id.
pub(crate) fn is_id_name(name: &str) -> bool {
    name == "id" || ID_ALIASES.contains(&name)
}

/// The corpus format's document fields besides the metadata fields: name, the other names
/// exports commonly give it (read when the field itself is absent: the first one present
/// wins, the others stay in meta), and how it is read. Every other field is kept in meta,
/// in source order.
const FIXED: [(&str, &[&str], FieldKind); 5] = [
    (
        "title",
        &[
            "Title",
            "headline",
            "subject",
            "Subject",
            "titre",
            "título",
            "titulo",
            "Titel",
            "العنوان",
            "عنوان",
        ],
        FieldKind::Title,
    ),
    (
        "body",
        &[
            "Body",
            "text",
            "Text",
            "content",
            "Content",
            "full_text",
            "fulltext",
            "message",
            "plaintext",
            "abstract",
            "html",
            "body_html",
            "content_html",
            "texte",
            "contenu",
            "texto",
            "contenido",
            "Inhalt",
            "النص",
            "نص",
            "المحتوى",
        ],
        FieldKind::Body,
    ),
    (
        "date",
        &[
            "Date",
            "published",
            "published_at",
            "publishedAt",
            "datePublished",
            "pubDate",
            "created_at",
            "createdAt",
            "created",
            "dateCreated",
            "issued",
            "sent",
            "sent_at",
            "sentAt",
            "timestamp",
            "ts",
            "datetime",
            "fecha",
            "Datum",
            "التاريخ",
            "تاريخ",
        ],
        FieldKind::Date,
    ),
    (
        "url",
        &["link", "URL", "permalink"],
        FieldKind::Text(|d| &mut d.url),
    ),
    ("meta", &[], FieldKind::Meta),
];

/// Every field a document is read for: [`FIXED`], then the metadata fields of
/// [`metadata::SPECS`].
const FIELDS: [(&str, &[&str], FieldKind); FIXED.len() + metadata::COUNT] = {
    let mut all = [("", &[] as &[&str], FieldKind::Meta); FIXED.len() + metadata::COUNT];
    let mut i = 0;
    while i < FIXED.len() {
        all[i] = FIXED[i];
        i += 1;
    }
    let mut k = 0;
    while k < metadata::COUNT {
        let spec = &metadata::SPECS[k];
        all[FIXED.len() + k] = (spec.key, spec.other_keys, FieldKind::Metadata(spec.field));
        k += 1;
    }
    all
};

// The reader keeps which fields are absent in a `u32`.
const _: () = assert!(FIELDS.len() <= 32);

/// The date inside a date given as an object by the programs archives come from:
/// - document databases (MongoDB's extended JSON, as `mongoexport` writes it):
///   `{"$date": "2019-01-05T10:00:00Z"}`, `{"$date": 1546682400000}` or
///   `{"$date": {"$numberLong": "1546682400000"}}`;
/// - reference managers (CSL JSON, as Zotero exports it): `{"date-parts": [[2018, 10,
///   17]]}` (a year, a month or a day), or else its `"raw"` or `"literal"` text.
///
/// `None` for any other value.
fn extended_date(value: &Value) -> Option<Value> {
    let Value::Object(members) = value else {
        return None;
    };
    let member = |name: &str| {
        members
            .iter()
            .find(|(k, _)| k.name == name)
            .map(|(_, v)| &v.value)
    };
    if let Some(Value::Array(ranges)) = member("date-parts") {
        let Value::Array(parts) = &ranges.first()?.value else {
            return None;
        };
        let parts: Vec<&str> = parts
            .iter()
            .map(|p| match &p.value {
                Value::Number(n) | Value::String(n) => Some(n.trim()),
                _ => None,
            })
            .collect::<Option<_>>()?;
        let written = match parts.as_slice() {
            [y] => format!("{y:0>4}"),
            [y, m] => format!("{y:0>4}-{m:0>2}"),
            [y, m, d, ..] => format!("{y:0>4}-{m:0>2}-{d:0>2}"),
            [] => return None,
        };
        return Some(Value::String(written));
    }
    if let Some(text @ Value::String(_)) = member("raw").or_else(|| member("literal")) {
        return Some(text.clone());
    }
    let [(key, inner)] = members.as_slice() else {
        return None;
    };
    match (key.name.as_str(), &inner.value) {
        ("$date", Value::String(_) | Value::Number(_)) => Some(inner.value.clone()),
        ("$date", nested) => extended_date(nested),
        ("$numberLong", Value::String(digits)) => Some(Value::Number(digits.clone())),
        _ => None,
    }
}

/// A person's name given as an object, as reference managers export authors (CSL JSON:
/// `{"family": "Haddad", "given": "Rima"}`, or `{"literal": "ARK News"}`) and others a
/// `{"name": …}`: "Rima Haddad". `None` for any other value.
fn person_name(value: &Value) -> Option<String> {
    let Value::Object(members) = value else {
        return None;
    };
    let text = |name: &str| {
        members.iter().find_map(|(k, v)| match &v.value {
            Value::String(s) if k.name == name && !s.trim().is_empty() => Some(s.trim()),
            _ => None,
        })
    };
    if let Some(whole) = text("literal").or_else(|| text("name")) {
        return Some(whole.to_string());
    }
    match (text("given"), text("family")) {
        (Some(given), Some(family)) => Some(format!("{given} {family}")),
        (None, Some(one)) | (Some(one), None) => Some(one.to_string()),
        (None, None) => None,
    }
}

/// The id inside an id as document databases export it (MongoDB's extended JSON):
/// `{"$oid": "5c30a1b2c3d4e5f601234567"}` or `{"$numberLong": "1234"}`.
fn extended_id(value: &Value) -> Option<String> {
    let Value::Object(members) = value else {
        return None;
    };
    match members.as_slice() {
        [(key, inner)] if matches!(key.name.as_str(), "$oid" | "$numberLong" | "$uuid") => {
            match &inner.value {
                Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Other names of the text under which exports give HTML (read as its text, see
/// [`crate::html`]).
const HTML_NAMES: &[&str] = &["html", "body_html", "content_html"];

/// Longest title taken from the opening of a text, in characters.
const DERIVED_TITLE_CHARS: usize = 100;

/// One document being read: what it has so far, and its problems.
struct DocReader<'l, 'a> {
    doc: Document,
    /// Where the title was, if it was there but empty.
    empty_title: Option<usize>,
    /// The first field (in the file's order) kept in meta with words in it.
    first_unknown: Option<String>,
    errors: Vec<Problem>,
    warnings: Vec<Problem>,
    index: usize,
    loc: &'l Locator<'a>,
}

impl DocReader<'_, '_> {
    fn problem(&self, p: Problem, field: &str, offset: usize) -> Problem {
        p.in_document(self.index, Some(&self.doc.id))
            .in_field(field)
            .at(self.loc.position(offset))
    }

    /// A problem that rejects the document.
    fn error(&mut self, message: String, field: &str, offset: usize) {
        let p = self.problem(Problem::error(message), field, offset);
        self.errors.push(p);
    }

    /// A problem the document survives.
    fn warn(&mut self, message: String, field: &str, offset: usize) {
        let p = self.problem(Problem::warning(message), field, offset);
        self.warnings.push(p);
    }

    /// A document without a title is titled by the opening of its text (or else by its
    /// first other field with words); one with neither is rejected (nothing to show).
    fn title_from_body(&mut self, offset: usize) {
        if !self.doc.title.is_empty() {
            return;
        }
        // A raw mail message as the text (the Enron spreadsheet's `message` column):
        // its subject, sender, date and text, quietly.
        if crate::mail::looks_like_message(&self.doc.body) {
            let m = crate::mail::read_message(self.doc.body.as_bytes());
            self.doc.title = m.subject.unwrap_or_default();
            self.doc.body = m.body;
            if self.doc.first(Field::Source).is_none() {
                self.doc.fields.set_one(Field::Source, m.from);
            }
            if let (None, Some(d)) = (self.doc.date, m.date) {
                match Date::parse_any(&d) {
                    Ok(d) => self.doc.date = Some(d),
                    Err(_) => {
                        self.doc.meta.insert("date".into(), d);
                    }
                }
            }
            for (name, value) in [("to", m.to), ("cc", m.cc)] {
                if let Some(v) = value.filter(|_| !self.doc.meta.contains_key(name)) {
                    self.doc.meta.insert(name.into(), v);
                }
            }
            if !self.doc.title.is_empty() {
                return;
            }
        }
        // Without a title (posts, messages, notes often have none) the opening of the
        // text is one; quietly, as nothing is lost.
        if let Some(title) = opening(&self.doc.body, DERIVED_TITLE_CHARS) {
            self.doc.title = title;
            if let Some(at) = self.empty_title {
                self.warn(
                    "the title is empty; the opening of the text is used".into(),
                    "title",
                    at,
                );
            }
            return;
        }
        // Fields under names not known here (a spreadsheet's own column names): the
        // first one titles the document, and all are shown with it.
        let first = self.first_unknown.as_ref().and_then(|name| {
            let title = opening(self.doc.meta.get(name)?, DERIVED_TITLE_CHARS)?;
            Some((name.clone(), title))
        });
        match first {
            Some((name, title)) => {
                self.doc.title = title;
                self.warn(
                    format!(
                        "there is no title or text field; the field \"{name}\" is used as \
                         the title (give `title` and `body` fields, or their usual other names)"
                    ),
                    "title",
                    offset,
                );
            }
            None => self.error(
                "the document has neither a title nor a text; document rejected".into(),
                "title",
                offset,
            ),
        }
    }

    /// Something that is not what `field` holds: kept in meta, with a warning.
    fn keep_aside(&mut self, expected: &str, found: Value, field: &str, offset: usize) {
        self.warn(
            format!(
                "expected {expected}, found {}; kept in meta as \"{field}\"",
                found.kind()
            ),
            field,
            offset,
        );
        self.doc.meta.insert(field.to_string(), found.to_json());
    }

    fn field(&mut self, name: &str, kind: FieldKind, node: Node) {
        let offset = node.offset;
        match (kind, node.value) {
            (FieldKind::Title, Value::String(s)) if !s.trim().is_empty() => {
                self.doc.title = s.trim().to_string();
            }
            // An empty title is replaced, and that is said (the file meant to have one).
            (FieldKind::Title, Value::String(_)) => self.empty_title = Some(offset),
            // Ghost and other exports give the text as HTML under these names.
            (FieldKind::Body, Value::String(s)) if HTML_NAMES.contains(&name) => {
                self.doc.body = crate::html::to_text(&s);
            }
            (FieldKind::Body, Value::String(s)) => self.doc.body = s,
            (FieldKind::Title | FieldKind::Body, Value::Null) => {}
            // Paragraphs as a list, formatted pieces, rendered HTML (see `TextParts`).
            (FieldKind::Title | FieldKind::Body, other) => {
                match TextParts::of(&other).map(TextParts::text) {
                    Some(text) if matches!(kind, FieldKind::Body) => self.doc.body = text,
                    Some(text) if !text.trim().is_empty() => {
                        self.doc.title = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    }
                    Some(_) => self.empty_title = Some(offset),
                    None => self.keep_aside("a string", other, name, offset),
                }
            }
            (FieldKind::Date, value) => self.date(value, offset),
            (FieldKind::Text(_) | FieldKind::Metadata(_) | FieldKind::Meta, Value::Null) => {}
            (FieldKind::Text(slot), Value::String(s)) => {
                let s = s.trim();
                if !s.is_empty() {
                    *slot(&mut self.doc) = Some(s.to_string());
                }
            }
            (FieldKind::Text(_), other) => self.keep_aside("a string", other, name, offset),
            // A list given as one string ("Idlib; Aleppo", as spreadsheets and Chronicle's
            // own CSV export write lists) is split at its semicolons.
            (FieldKind::Metadata(field), Value::String(s)) if many(field) => {
                let l = self.doc.fields.get_mut(field);
                for v in s.split(';').map(str::trim) {
                    if !v.is_empty() && !l.iter().any(|x| x == v) {
                        l.push(v.to_string());
                    }
                }
            }
            (FieldKind::Metadata(field), Value::String(s)) => {
                if !s.trim().is_empty() {
                    self.doc.fields.set(field, vec![s.trim().to_string()]);
                }
            }
            (FieldKind::Metadata(f), Value::Array(items)) if many(f) => {
                self.list(name, f, items, offset);
            }
            (FieldKind::Metadata(f), other) => {
                let wanted = if many(f) {
                    "a list of strings"
                } else {
                    "a string"
                };
                self.keep_aside(wanted, other, name, offset);
            }
            (FieldKind::Meta, Value::Object(members)) => {
                for (k, v) in members {
                    self.doc.meta.insert(k.name, scalar_text(v.value));
                }
            }
            (FieldKind::Meta, other) => {
                let message = format!(
                    "meta must be an object, found {}; kept in meta as \"meta\"",
                    other.kind()
                );
                self.doc.meta.insert("meta".into(), other.to_json());
                self.warn(message, name, offset);
            }
        }
    }

    fn date(&mut self, value: Value, offset: usize) {
        if let Some(inner) = extended_date(&value) {
            return self.date(inner, offset);
        }
        match value {
            Value::String(s) if s.trim().is_empty() => {}
            Value::Null => {}
            Value::String(s) => match Date::parse_any(&s) {
                Ok(d) => self.doc.date = Some(d),
                Err(e) => {
                    // The document is worth more than its date: it stays, undated, and
                    // the text is kept.
                    self.warn(
                        format!(
                            "{e} (write YYYY, YYYY-MM, YYYY-MM-DD, RFC 3339 or a mail \
                             header's date); the document is kept undated, the text in \
                             meta \"date\""
                        ),
                        "date",
                        offset,
                    );
                    self.doc.meta.insert("date".into(), s);
                }
            },
            // A bare year, or a Unix time in seconds or milliseconds, written as a
            // number: each is unambiguous.
            Value::Number(n)
                if (n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()))
                    || Date::from_unix_text(&n).is_some() =>
            {
                self.doc.date = Date::parse_iso(&n)
                    .ok()
                    .or_else(|| Date::from_unix_text(&n));
            }
            other => {
                self.warn(
                    format!(
                        "the date must be a string such as \"2018-10-17\", found {}; the \
                         document is kept undated, the value in meta \"date\"",
                        other.kind()
                    ),
                    "date",
                    offset,
                );
                self.doc.meta.insert("date".into(), scalar_text(other));
            }
        }
    }

    fn list(&mut self, name: &str, field: Field, items: Vec<Node>, offset: usize) {
        let mut kept_aside = Vec::new();
        for item in items {
            let text = match &item.value {
                Value::String(s) => Some(s.trim().to_string()),
                v => person_name(v),
            };
            match text {
                Some(s) => {
                    let l = self.doc.fields.get_mut(field);
                    if !s.is_empty() && !l.contains(&s) {
                        l.push(s);
                    }
                }
                None => kept_aside.push(item.value.to_json()),
            }
        }
        if !kept_aside.is_empty() {
            self.warn(
                format!(
                    "{} item(s) are not strings; kept in meta as \"{name}\"",
                    kept_aside.len()
                ),
                name,
                offset,
            );
            self.doc
                .meta
                .insert(name.to_string(), format!("[{}]", kept_aside.join(",")));
        }
    }

    /// A field the format does not know: kept in meta, never dropped.
    fn unknown(&mut self, key: Key, node: Node) {
        let text = scalar_text(node.value);
        if self.first_unknown.is_none() && text.chars().any(char::is_alphabetic) {
            self.first_unknown = Some(key.name.clone());
        }
        if self.doc.meta.contains_key(&key.name) {
            self.warn(
                format!(
                    "the unknown field \"{}\" clashes with a meta key; kept as \"{}.field\"",
                    key.name, key.name
                ),
                &key.name,
                key.offset,
            );
            self.doc.meta.insert(format!("{}.field", key.name), text);
        } else {
            self.doc.meta.insert(key.name, text);
        }
    }
}

#[cfg(test)]
mod tests;
