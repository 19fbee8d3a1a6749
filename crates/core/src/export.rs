//! Exporting results: the documents a view shows, in every field, as a file.
//!
//! # Overview
//! An [`Exporter`] is made for the ids of a view's results (its query, facets and range
//! applied, in its order) and writes them a slice at a time ([`Exporter::chunk`]), so the
//! engine worker can report progress and keep answering between slices. Formats:
//! - [`Format::Csv`]: a header of the corpus format's fields, then a row per document
//!   (lists joined by `; `, other metadata as a JSON object), UTF-8 with a byte-order
//!   mark so that spreadsheet programs read Arabic right;
//! - [`Format::Json`]: the corpus format itself, so the file opens again in Chronicle;
//! - [`Format::Bibtex`] and [`Format::Ris`]: reference lists for citation managers, each
//!   document cited as [`crate::cite`] cites it, its permalink `BASE#doc=ID`.

use std::fmt::Write as _;

use rustc_hash::FxHashMap;

use crate::archive::Archive;
use crate::cite::Citation;
use crate::csv::push_field as csv_field;
use crate::fragment::encode;
use crate::json::write_string;
use crate::metadata::{Field, SPECS};
use crate::model::{DocId, Document};

/// A file format for exported results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values.
    Csv,
    /// The corpus format.
    Json,
    /// BibTeX entries.
    Bibtex,
    /// RIS records.
    Ris,
}

impl Format {
    /// Every format, as offered.
    pub const ALL: [Format; 4] = [Format::Csv, Format::Json, Format::Bibtex, Format::Ris];

    /// Its name in messages and `data-testid`s (`csv`, `json`, `bibtex`, `ris`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Bibtex => "bibtex",
            Format::Ris => "ris",
        }
    }

    /// Parses a [`Format::name`].
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Bibtex => "bib",
            Format::Ris => "ris",
        }
    }

    /// The media type.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Csv => "text/csv;charset=utf-8",
            Format::Json => "application/json",
            Format::Bibtex => "application/x-bibtex;charset=utf-8",
            Format::Ris => "application/x-research-info-systems",
        }
    }
}

/// Writes a view's documents as a file, a slice at a time. See the module docs.
pub struct Exporter {
    format: Format,
    ids: Vec<DocId>,
    next: usize,
    /// The page's address without its fragment: permalinks are `base#doc=ID`.
    base: String,
    archive: Option<String>,
    /// BibTeX keys given so far, and how often (later ones get a, b, c…).
    keys: FxHashMap<String, u32>,
}

impl Exporter {
    /// An export of `ids` (in that order) from an archive titled `archive`.
    pub fn new(format: Format, ids: Vec<DocId>, base: &str, archive: Option<String>) -> Exporter {
        Exporter {
            format,
            ids,
            next: 0,
            base: base.split('#').next().unwrap_or_default().to_string(),
            archive,
            keys: FxHashMap::default(),
        }
    }

    /// The file's format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Documents in the export.
    pub fn total(&self) -> usize {
        self.ids.len()
    }

    /// Documents written so far.
    pub fn done(&self) -> usize {
        self.next
    }

    /// Whether everything has been written.
    pub fn finished(&self) -> bool {
        self.next >= self.ids.len()
    }

    /// Goes back to document `done` (a slice to write again, its text fetched).
    pub fn rewind(&mut self, done: usize) {
        self.next = done.min(self.next);
    }

    /// The next slice of the file: whole documents until `max_bytes` are written (at
    /// least one), with the file's start before the first and its end after the last.
    pub fn chunk(&mut self, archive: &Archive, max_bytes: usize) -> String {
        let mut out = String::new();
        if self.next == 0 {
            self.start(&mut out);
        }
        let first = self.next;
        while self.next < self.ids.len() && (self.next == first || out.len() < max_bytes) {
            let d = self.ids[self.next];
            let mut doc = archive.doc(d);
            doc.body = archive.body(d);
            self.document(&mut out, &doc);
            self.next += 1;
        }
        if self.finished() {
            self.end(&mut out);
        }
        out
    }

    fn start(&self, out: &mut String) {
        match self.format {
            Format::Csv => {
                out.push('\u{feff}');
                let mut header = vec!["id", "title", "date"];
                header.extend(SPECS.iter().map(|s| s.key));
                header.extend(["url", "meta", "body"]);
                out.push_str(&header.join(","));
                out.push_str("\r\n");
            }
            Format::Json => {
                out.push_str("{\"format\":\"chronicle-corpus\",\"version\":1");
                if let Some(t) = &self.archive {
                    out.push_str(",\"title\":");
                    write_string(t, out);
                }
                out.push_str(",\"documents\":[\n");
            }
            Format::Bibtex | Format::Ris => {}
        }
    }

    fn end(&self, out: &mut String) {
        if self.format == Format::Json {
            out.push_str("\n]}\n");
        }
    }

    fn document(&mut self, out: &mut String, doc: &Document) {
        match self.format {
            Format::Csv => csv_row(out, doc),
            Format::Json => {
                if self.next > 0 {
                    out.push_str(",\n");
                }
                json_document(out, doc);
            }
            Format::Bibtex => {
                let c = self.citation(doc);
                let mut key = c.key();
                let seen = self.keys.entry(key.clone()).or_insert(0);
                *seen += 1;
                if *seen > 1 {
                    // a, b, …, z, then numbers: every key in the file is different.
                    let n = *seen - 2;
                    if n < 26 {
                        key.push(char::from(b'a' + n as u8));
                    } else {
                        let _ = write!(key, "{n}");
                    }
                }
                out.push_str(&c.bibtex_keyed(&key));
                out.push('\n');
            }
            Format::Ris => ris_record(out, &self.citation(doc), doc),
        }
    }

    fn citation(&self, doc: &Document) -> Citation {
        let permalink = format!("{}#doc={}", self.base, encode(&doc.id));
        Citation {
            title: doc.title.clone(),
            source: doc.first(Field::Source).map(str::to_string),
            agency: doc.first(Field::Agency).map(str::to_string),
            date: doc.date,
            archive: self.archive.clone(),
            permalink,
            accessed: None,
        }
    }
}

fn csv_row(out: &mut String, doc: &Document) {
    let date = doc.date.map(|d| d.to_iso()).unwrap_or_default();
    let mut fields: Vec<String> = vec![doc.id.clone(), doc.title.clone(), date];
    fields.extend(doc.fields.iter().map(|(_, values)| values.join("; ")));
    fields.push(doc.url.clone().unwrap_or_default());
    let mut meta = String::new();
    if !doc.meta.is_empty() {
        json_meta(&mut meta, doc);
    }
    fields.push(meta);
    fields.push(doc.body.clone());
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(out, f);
    }
    out.push_str("\r\n");
}

fn json_meta(out: &mut String, doc: &Document) {
    out.push('{');
    for (i, (k, v)) in doc.meta.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(k, out);
        out.push(':');
        write_string(v, out);
    }
    out.push('}');
}

/// A document as the corpus format writes it.
fn json_document(out: &mut String, doc: &Document) {
    out.push_str("{\"id\":");
    write_string(&doc.id, out);
    out.push_str(",\"title\":");
    write_string(&doc.title, out);
    if let Some(d) = doc.date {
        out.push_str(",\"date\":");
        write_string(&d.to_iso(), out);
    }
    for (spec, (_, values)) in SPECS.iter().zip(doc.fields.iter()) {
        if values.is_empty() {
            continue;
        }
        let _ = write!(out, ",\"{}\":", spec.key);
        if spec.many {
            out.push('[');
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(v, out);
            }
            out.push(']');
        } else {
            write_string(&values[0], out);
        }
    }
    if let Some(u) = &doc.url {
        out.push_str(",\"url\":");
        write_string(u, out);
    }
    out.push_str(",\"body\":");
    write_string(&doc.body, out);
    if !doc.meta.is_empty() {
        out.push_str(",\"meta\":");
        json_meta(out, doc);
    }
    out.push('}');
}

/// One RIS record (the tags Zotero, EndNote and Mendeley read).
fn ris_record(out: &mut String, c: &Citation, doc: &Document) {
    let mut tag = |t: &str, v: &str| {
        let v = v.replace(['\r', '\n'], " ");
        let _ = write!(out, "{t}  - {v}\r\n");
    };
    tag("TY", "GEN");
    tag("TI", &c.title);
    if let Some(s) = &c.source {
        tag("AU", s);
    }
    if let Some(a) = &c.agency {
        tag("PB", a);
    }
    if let Some(d) = c.date {
        let (y, m, day) = d.ymd();
        tag("PY", &y.to_string());
        let da = match d.precision() {
            crate::date::Precision::Year => format!("{y}///"),
            crate::date::Precision::Month => format!("{y}/{m:02}//"),
            _ => format!("{y}/{m:02}/{day:02}/"),
        };
        tag("DA", &da);
    }
    if let Some(a) = &c.archive {
        tag("T2", a);
    }
    for t in doc.values(Field::Tag) {
        tag("KW", t);
    }
    if let Some(l) = doc.first(Field::Lang) {
        tag("LA", l);
    }
    tag("UR", &c.permalink);
    tag("ID", &doc.id);
    out.push_str("ER  - \r\n\r\n");
}

#[cfg(test)]
mod tests;
