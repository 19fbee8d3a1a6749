//! Loading and validating corpus files: JSON (format v1 or a bare array) and JSON Lines.
//!
//! # Overview
//! [`load_corpus`] turns bytes into a [`Loaded`]: the valid documents as a [`Corpus`],
//! plus every [`Problem`] found, each with its document, field and `line:column`.
//! One bad document never sinks the rest: it is rejected and listed, and the others load.
//! Only input that cannot be read at all (not UTF-8, not JSON, not a corpus) is a
//! [`LoadError`], which also carries a position.
//!
//! The rules (see the README's "Corpus format"):
//! - `id`, `title` and `body` are required; `id` must be unique; `date` must be
//!   `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or RFC 3339. Breaking one rejects the document.
//! - Optional fields of the wrong type, and unknown fields, are kept in `meta` as text,
//!   never dropped.
//! - A top-level object with `documents` is a corpus; a top-level array is a list of
//!   documents; one document object per line is JSON Lines.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use crate::date::Date;
use crate::json::{self, Key, LineIndex, Node, Position, Value};
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
}

impl Loaded {
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
    /// Valid JSON, but not a corpus.
    NotACorpus {
        /// What was found instead.
        message: String,
        /// Where.
        position: Position,
    },
}

impl LoadError {
    /// Where the problem is.
    pub fn position(&self) -> Position {
        match self {
            LoadError::NotUtf8 { position }
            | LoadError::Syntax { position, .. }
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
            LoadError::NotACorpus { message, .. } => format!("not a Chronicle corpus: {message}"),
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

/// Loads a corpus from bytes, detecting the shape (corpus object, array, JSON Lines).
///
/// ```
/// let loaded = chronicle_core::load::load_corpus(
///     br#"{"format":"chronicle-corpus","version":1,"documents":[
///         {"id":"a","title":"A","body":"x","date":"1861"},
///         {"id":"a","title":"Again","body":"y"}]}"#,
/// ).unwrap();
/// assert_eq!(loaded.corpus.documents.len(), 1);
/// assert_eq!(loaded.rejected, 1);
/// assert!(loaded.problems[0].message.contains("duplicate id"));
/// ```
pub fn load_corpus(bytes: &[u8]) -> Result<Loaded, LoadError> {
    let text = decode_utf8(bytes)?;
    let lines = LineIndex::new(text);
    let syntax = |e: json::SyntaxError| LoadError::Syntax {
        position: lines.position(e.offset),
        message: e.message,
    };
    let (first, end) = json::parse_prefix(text).map_err(syntax)?;
    let rest_is_empty = text[end..].trim().is_empty();
    match first.value {
        Value::Object(ref members) if has_key(members, "documents") && rest_is_empty => {
            load_corpus_object(first, &lines)
        }
        Value::Array(_) if rest_is_empty => {
            let Value::Array(items) = first.value else {
                unreachable!()
            };
            let mut builder = Builder::new(&lines);
            for (i, node) in items.into_iter().enumerate() {
                builder.document(i, node);
            }
            Ok(builder.finish(Corpus::new()))
        }
        Value::Object(ref members) if looks_like_document(members) => {
            Ok(load_json_lines_text(text))
        }
        Value::Object(_) if !rest_is_empty => Ok(load_json_lines_text(text)),
        Value::Object(_) => Err(LoadError::NotACorpus {
            message: "a corpus object needs a `documents` array (or give one document \
                      object per line, as JSON Lines)"
                .into(),
            position: lines.position(first.offset),
        }),
        _ if !rest_is_empty => {
            let offset = end + (text[end..].len() - text[end..].trim_start().len());
            Err(LoadError::Syntax {
                message: "unexpected text after the end of the JSON value".into(),
                position: lines.position(offset),
            })
        }
        ref other => Err(LoadError::NotACorpus {
            message: format!(
                "expected an object with `documents`, an array of documents, or JSON Lines; \
                 found {}",
                other.kind()
            ),
            position: lines.position(first.offset),
        }),
    }
}

/// Loads JSON Lines: one document object per line. A line that is not valid JSON rejects
/// only its own document.
pub fn load_json_lines(bytes: &[u8]) -> Result<Loaded, LoadError> {
    Ok(load_json_lines_text(decode_utf8(bytes)?))
}

fn load_json_lines_text(text: &str) -> Loaded {
    let lines = LineIndex::new(text);
    let mut builder = Builder::new(&lines);
    let mut offset = 0;
    let mut index = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        if line.trim().is_empty() {
            continue;
        }
        match json::parse(line.trim_end_matches(['\n', '\r'])) {
            Ok(mut node) => {
                shift_offsets(&mut node, line_start);
                builder.document(index, node);
            }
            Err(e) => {
                builder.reject(
                    Problem::error(format!(
                        "this line is not valid JSON: {}; document rejected",
                        e.message
                    ))
                    .in_document(index, None)
                    .at(lines.position(line_start + e.offset)),
                );
            }
        }
        index += 1;
    }
    builder.finish(Corpus::new())
}

fn shift_offsets(node: &mut Node, by: usize) {
    node.offset += by;
    match &mut node.value {
        Value::Array(items) => items.iter_mut().for_each(|n| shift_offsets(n, by)),
        Value::Object(members) => members.iter_mut().for_each(|(k, n)| {
            k.offset += by;
            shift_offsets(n, by);
        }),
        _ => {}
    }
}

fn has_key(members: &[(Key, Node)], key: &str) -> bool {
    members.iter().any(|(k, _)| k.name == key)
}

fn looks_like_document(members: &[(Key, Node)]) -> bool {
    ["id", "title", "body"].iter().any(|k| has_key(members, k))
}

fn load_corpus_object(node: Node, lines: &LineIndex) -> Result<Loaded, LoadError> {
    let Value::Object(members) = node.value else {
        unreachable!("checked by the caller")
    };
    let mut corpus = Corpus::new();
    let mut documents = None;
    let mut header_problems = Vec::new();
    for (key, value) in members {
        let at = lines.position(value.offset);
        match key.name.as_str() {
            "format" => match &value.value {
                Value::String(s) if s == FORMAT => {}
                other => {
                    return Err(LoadError::NotACorpus {
                        message: format!(
                            "`format` must be \"{FORMAT}\", found {}",
                            describe_value(other)
                        ),
                        position: at,
                    })
                }
            },
            "version" => match &value.value {
                Value::Number(n) if n == "1" => {}
                other => {
                    return Err(LoadError::NotACorpus {
                        message: format!(
                            "this corpus is format version {}; this Chronicle reads version \
                             {VERSION}",
                            describe_value(other)
                        ),
                        position: at,
                    })
                }
            },
            "title" | "description" => {
                let field = key.name.clone();
                match value.value {
                    Value::String(s) => {
                        let s = s.trim().to_string();
                        if !s.is_empty() {
                            if field == "title" {
                                corpus.title = Some(s);
                            } else {
                                corpus.description = Some(s);
                            }
                        }
                    }
                    Value::Null => {}
                    other => {
                        header_problems.push(
                            Problem::warning(format!(
                                "expected a string, found {}; kept in the corpus meta",
                                other.kind()
                            ))
                            .in_field(field.clone())
                            .at(at),
                        );
                        corpus.meta.insert(field, other.to_json());
                    }
                }
            }
            "documents" => match value.value {
                Value::Array(items) => documents = Some(items),
                other => {
                    return Err(LoadError::NotACorpus {
                        message: format!("`documents` must be an array, found {}", other.kind()),
                        position: at,
                    })
                }
            },
            _ => {
                corpus.meta.insert(key.name, scalar_text(value.value));
            }
        }
    }
    let items = documents.unwrap_or_default();
    let mut builder = Builder::new(lines);
    builder.problems = header_problems;
    for (i, node) in items.into_iter().enumerate() {
        builder.document(i, node);
    }
    Ok(builder.finish(corpus))
}

fn describe_value(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{s}\""),
        Value::Number(n) => n.clone(),
        other => other.kind().to_string(),
    }
}

/// A string as itself; anything else as compact JSON.
fn scalar_text(v: Value) -> String {
    match v {
        Value::String(s) => s,
        other => other.to_json(),
    }
}

/// Validates documents one by one, collecting problems and rejecting duplicates.
struct Builder<'a> {
    lines: &'a LineIndex<'a>,
    seen: HashSet<String>,
    documents: Vec<Document>,
    problems: Vec<Problem>,
    rejected: usize,
}

impl<'a> Builder<'a> {
    fn new(lines: &'a LineIndex<'a>) -> Self {
        Builder {
            lines,
            seen: HashSet::new(),
            documents: Vec::new(),
            problems: Vec::new(),
            rejected: 0,
        }
    }

    fn reject(&mut self, problem: Problem) {
        self.problems.push(problem);
        self.rejected += 1;
    }

    fn finish(self, mut corpus: Corpus) -> Loaded {
        corpus.documents = self.documents;
        Loaded {
            corpus,
            problems: self.problems,
            rejected: self.rejected,
        }
    }

    fn document(&mut self, index: usize, node: Node) {
        let pos = self.lines.position(node.offset);
        let members = match node.value {
            Value::Object(m) => m,
            other => {
                return self.reject(
                    Problem::error(format!(
                        "a document must be an object, found {}; document rejected",
                        other.kind()
                    ))
                    .in_document(index, None)
                    .at(pos),
                )
            }
        };
        // Last occurrence of a repeated field wins, with a warning.
        let mut fields: BTreeMap<String, (Key, Node)> = BTreeMap::new();
        let mut order = Vec::new();
        let mut repeated = Vec::new();
        for (key, value) in members {
            if fields.contains_key(&key.name) {
                repeated.push(key.clone());
            } else {
                order.push(key.name.clone());
            }
            fields.insert(key.name.clone(), (key, value));
        }
        let id_at = fields
            .get("id")
            .map_or(pos, |(_, node)| self.lines.position(node.offset));
        let id = match fields.remove("id") {
            Some((_, node)) => match node.value {
                Value::String(s) if !s.trim().is_empty() => Ok(s.trim().to_string()),
                Value::Number(n) if n.bytes().all(|b| b.is_ascii_digit() || b == b'-') => Ok(n),
                Value::String(_) => Err(("the id is empty", self.lines.position(node.offset))),
                _ => Err((
                    "the id must be a string (or a whole number)",
                    self.lines.position(node.offset),
                )),
            },
            None => Err(("the id is missing", pos)),
        };
        let id = match id {
            Ok(id) => id,
            Err((message, at)) => {
                return self.reject(
                    Problem::error(format!("{message}; document rejected"))
                        .in_document(index, None)
                        .in_field("id")
                        .at(at),
                )
            }
        };
        let mut doc = Document {
            id: id.clone(),
            ..Default::default()
        };
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        let problem_at = |p: Problem, field: &str, at: Position| {
            p.in_document(index, Some(&id)).in_field(field).at(at)
        };
        for key in repeated {
            warnings.push(problem_at(
                Problem::warning(format!(
                    "the field \"{}\" appears more than once; the last one is used",
                    key.name
                )),
                &key.name,
                self.lines.position(key.offset),
            ));
        }
        match fields.remove("title") {
            Some((_, node)) => {
                let at = self.lines.position(node.offset);
                match node.value {
                    Value::String(s) if !s.trim().is_empty() => doc.title = s.trim().to_string(),
                    Value::String(_) => errors.push(problem_at(
                        Problem::error("the title is empty; document rejected"),
                        "title",
                        at,
                    )),
                    other => errors.push(problem_at(
                        Problem::error(format!(
                            "the title must be a string, found {}; document rejected",
                            other.kind()
                        )),
                        "title",
                        at,
                    )),
                }
            }
            None => errors.push(problem_at(
                Problem::error("the title is missing; document rejected"),
                "title",
                pos,
            )),
        }
        match fields.remove("body") {
            Some((_, node)) => match node.value {
                Value::String(s) => doc.body = s,
                other => errors.push(problem_at(
                    Problem::error(format!(
                        "the body must be a string, found {}; document rejected",
                        other.kind()
                    )),
                    "body",
                    self.lines.position(node.offset),
                )),
            },
            None => errors.push(problem_at(
                Problem::error("the body is missing; document rejected"),
                "body",
                pos,
            )),
        }
        if let Some((_, node)) = fields.remove("date") {
            let at = self.lines.position(node.offset);
            match node.value {
                Value::String(s) if s.trim().is_empty() => {}
                Value::Null => {}
                Value::String(s) => match Date::parse_iso(&s) {
                    Ok(d) => doc.date = Some(d),
                    Err(e) => errors.push(problem_at(
                        Problem::error(format!(
                            "{e} (use YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339); document rejected"
                        )),
                        "date",
                        at,
                    )),
                },
                Value::Number(n) if n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()) => {
                    // A bare year written as a number: accept it, it is unambiguous.
                    doc.date = Date::parse_iso(&n).ok();
                }
                other => errors.push(problem_at(
                    Problem::error(format!(
                        "the date must be a string such as \"2018-10-17\", found {}; \
                         document rejected",
                        other.kind()
                    )),
                    "date",
                    at,
                )),
            }
        }
        for field in ["source", "agency", "url", "language"] {
            let Some((_, node)) = fields.remove(field) else {
                continue;
            };
            let at = self.lines.position(node.offset);
            let slot = match field {
                "source" => &mut doc.source,
                "agency" => &mut doc.agency,
                "url" => &mut doc.url,
                _ => &mut doc.language,
            };
            match node.value {
                Value::String(s) => {
                    let s = s.trim();
                    if !s.is_empty() {
                        *slot = Some(s.to_string());
                    }
                }
                Value::Null => {}
                other => {
                    warnings.push(problem_at(
                        Problem::warning(format!(
                            "expected a string, found {}; kept in meta as \"{field}\"",
                            other.kind()
                        )),
                        field,
                        at,
                    ));
                    doc.meta.insert(field.to_string(), other.to_json());
                }
            }
        }
        for field in ["tags", "people", "places", "organizations"] {
            let Some((_, node)) = fields.remove(field) else {
                continue;
            };
            let at = self.lines.position(node.offset);
            let list = match field {
                "tags" => &mut doc.tags,
                "people" => &mut doc.people,
                "places" => &mut doc.places,
                _ => &mut doc.organizations,
            };
            match node.value {
                Value::String(s) if !s.trim().is_empty() => list.push(s.trim().to_string()),
                Value::String(_) | Value::Null => {}
                Value::Array(items) => {
                    let mut kept_aside = Vec::new();
                    for item in items {
                        match item.value {
                            Value::String(s) => {
                                let s = s.trim();
                                if !s.is_empty() && !list.iter().any(|x| x == s) {
                                    list.push(s.to_string());
                                }
                            }
                            other => kept_aside.push(other.to_json()),
                        }
                    }
                    if !kept_aside.is_empty() {
                        warnings.push(problem_at(
                            Problem::warning(format!(
                                "{} item(s) are not strings; kept in meta as \"{field}\"",
                                kept_aside.len()
                            )),
                            field,
                            at,
                        ));
                        doc.meta
                            .insert(field.to_string(), format!("[{}]", kept_aside.join(",")));
                    }
                }
                other => {
                    warnings.push(problem_at(
                        Problem::warning(format!(
                            "expected a list of strings, found {}; kept in meta as \"{field}\"",
                            other.kind()
                        )),
                        field,
                        at,
                    ));
                    doc.meta.insert(field.to_string(), other.to_json());
                }
            }
        }
        if let Some((_, node)) = fields.remove("meta") {
            let at = self.lines.position(node.offset);
            match node.value {
                Value::Object(members) => {
                    for (k, v) in members {
                        doc.meta.insert(k.name, scalar_text(v.value));
                    }
                }
                Value::Null => {}
                other => {
                    warnings.push(problem_at(
                        Problem::warning(format!(
                            "meta must be an object, found {}; kept in meta as \"meta\"",
                            other.kind()
                        )),
                        "meta",
                        at,
                    ));
                    doc.meta.insert("meta".into(), other.to_json());
                }
            }
        }
        // Unknown fields: kept, in source order, never dropped.
        for name in order {
            if let Some((key, node)) = fields.remove(&name) {
                let text = scalar_text(node.value);
                if doc.meta.contains_key(&key.name) {
                    warnings.push(problem_at(
                        Problem::warning(format!(
                            "the unknown field \"{}\" clashes with a meta key; kept as \"{}.field\"",
                            key.name, key.name
                        )),
                        &key.name,
                        self.lines.position(key.offset),
                    ));
                    doc.meta.insert(format!("{}.field", key.name), text);
                } else {
                    doc.meta.insert(key.name, text);
                }
            }
        }
        if !errors.is_empty() {
            self.rejected += 1;
            self.problems.extend(errors);
            self.problems.extend(warnings);
            return;
        }
        if !self.seen.insert(doc.id.clone()) {
            self.problems.push(problem_at(
                Problem::error(format!(
                    "duplicate id \"{}\": an earlier document has it; document rejected",
                    doc.id
                )),
                "id",
                id_at,
            ));
            self.rejected += 1;
            return;
        }
        self.problems.extend(warnings);
        self.documents.push(doc);
    }
}

#[cfg(test)]
mod tests;
