//! The corpus model: [`Corpus`], [`Document`] and [`DocId`].
//!
//! # Overview
//! A [`Corpus`] is what every tool and the app agree on: the "chronicle-corpus" format,
//! version 1 (see the README). Documents are validated on load (see [`crate::load`]);
//! a `Corpus` holds only valid ones, so code downstream never re-checks required fields.
//! A [`DocId`] is a document's position in [`Corpus::documents`], the compact handle the
//! index and the UI pass around.
//!
//! Serializing a `Corpus` with serde writes canonical corpus JSON: dates at their own
//! precision, empty optional fields left out, unknown fields kept in `meta`.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

use crate::date::Date;
use crate::metadata::{Field, FieldValues};

/// The `format` value of a corpus file.
pub const FORMAT: &str = "chronicle-corpus";
/// The corpus format version this code reads and writes.
pub const VERSION: u32 = 1;

/// A document's position in its corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(pub u32);

impl DocId {
    /// The position as an index.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One document of an archive.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Document {
    /// Unique within the corpus; stable, used in links (`#doc=ID`).
    pub id: String,
    /// The headline.
    pub title: String,
    /// When, at its own precision.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_date"
    )]
    pub date: Option<Date>,
    /// The metadata fields (source, agency, tags, …; see [`crate::metadata`]), each under
    /// its key.
    #[serde(flatten)]
    pub fields: FieldValues,
    /// Where the original lives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Plain text; paragraphs are separated by a blank line.
    pub body: String,
    /// Anything else, kept as text (unknown fields land here).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub meta: BTreeMap<String, String>,
}

fn serialize_date<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => s.serialize_str(&d.to_iso()),
        None => s.serialize_none(),
    }
}

impl Document {
    /// The values of a metadata field.
    pub fn values(&self, field: Field) -> &[String] {
        self.fields.get(field)
    }

    /// The (first) value of a metadata field.
    pub fn first(&self, field: Field) -> Option<&str> {
        self.fields.first(field)
    }

    /// The body split into paragraphs (blank-line separated), trimmed, empty ones dropped.
    /// Each item is `(byte offset in body, text)`, so highlight ranges computed on the
    /// whole body can be mapped onto paragraphs.
    pub fn paragraphs(&self) -> Vec<(usize, &str)> {
        paragraphs(&self.body)
    }
}

/// Splits text into blank-line separated paragraphs; see [`Document::paragraphs`].
pub fn paragraphs(body: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None::<usize>;
    let mut end = 0;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push((s, &body[s..end]));
            }
        } else {
            if start.is_none() {
                start = Some(offset + (content.len() - content.trim_start().len()));
            }
            end = offset + content.trim_end().len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push((s, &body[s..end]));
    }
    out
}

/// A validated archive.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Corpus {
    /// Always [`FORMAT`].
    pub format: &'static str,
    /// Always [`VERSION`].
    pub version: u32,
    /// The archive's title, shown in the header and the page title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A sentence or two about the archive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Top-level fields this version does not know, kept as JSON text.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub meta: BTreeMap<String, String>,
    /// The documents, in file order.
    pub documents: Vec<Document>,
}

impl Corpus {
    /// An empty corpus with the format header set.
    pub fn new() -> Self {
        Corpus {
            format: FORMAT,
            version: VERSION,
            ..Default::default()
        }
    }

    /// The document with this handle.
    pub fn get(&self, id: DocId) -> Option<&Document> {
        self.documents.get(id.index())
    }

    /// Finds a document by its `id` string (linear; the app keeps a map for hot paths).
    pub fn find(&self, id: &str) -> Option<DocId> {
        self.documents
            .iter()
            .position(|d| d.id == id)
            .map(|i| DocId(i as u32))
    }

    /// Every handle, in file order.
    pub fn ids(&self) -> impl Iterator<Item = DocId> {
        (0..self.documents.len() as u32).map(DocId)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_blank_line_separated_and_keep_offsets() {
        let body = "  First line\ncontinues.\n\n\nSecond.  \r\n\r\nThird";
        let ps = paragraphs(body);
        let texts: Vec<&str> = ps.iter().map(|p| p.1).collect();
        assert_eq!(texts, ["First line\ncontinues.", "Second.", "Third"]);
        for (offset, text) in ps {
            assert_eq!(&body[offset..offset + text.len()], text);
        }
    }

    #[test]
    fn empty_body_has_no_paragraphs() {
        assert!(paragraphs("").is_empty());
        assert!(paragraphs("\n \n").is_empty());
    }
}
