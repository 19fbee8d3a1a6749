//! Metadata fields as sets of values: source, agency, tags, people, places,
//! organizations, language.
//!
//! # Overview
//! A [`FieldIndex`] lists, per [`Field`], each distinct value as written, its normalized
//! words, and the documents that carry it. A field query (`source:lincoln`) matches a
//! value whose words contain the query's words contiguously and in order, the last one
//! as a prefix while typing ([`words_match`]); its documents are the union of those
//! values' documents. Facet counts (per value) read the same lists.

use crate::model::{Corpus, Document};
use crate::query::Field;
use crate::text::tokenize;
use rustc_hash::FxHashMap;

/// One distinct value of a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldValue {
    /// As written in the corpus (first spelling seen).
    pub value: String,
    /// Its normalized words.
    pub terms: Vec<String>,
    /// Documents with this value, ascending.
    pub docs: Vec<u32>,
}

/// The values each document has for one field ([`FieldIndex::doc_values`]).
#[derive(Debug, Clone, Copy)]
pub struct DocValues<'a> {
    starts: &'a [u32],
    items: &'a [u32],
}

impl<'a> DocValues<'a> {
    /// The values (indices into [`FieldIndex::values`]) document `d` has.
    #[inline]
    pub fn of(&self, d: u32) -> &'a [u32] {
        let d = d as usize;
        match (self.starts.get(d), self.starts.get(d + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// Values of every metadata field. See the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldIndex {
    fields: Vec<(Field, Vec<FieldValue>)>,
    /// Per field, the values of each document (indices into that field's values):
    /// `forward[f].1[forward[f].0[d]..forward[f].0[d + 1]]`.
    forward: Vec<(Vec<u32>, Vec<u32>)>,
}

/// The values a document has for a field.
pub fn values_of(doc: &Document, field: Field) -> Vec<&str> {
    match field {
        Field::Title => vec![doc.title.as_str()],
        f => doc.values(f).iter().map(String::as_str).collect(),
    }
}

/// Whether `value_terms` contains `query_terms` contiguously, in order; with `prefix`, the
/// last query word need only start a value word.
pub fn words_match(value_terms: &[String], query_terms: &[String], prefix: bool) -> bool {
    let n = query_terms.len();
    if n == 0 || n > value_terms.len() {
        return false;
    }
    value_terms.windows(n).any(|w| {
        w.iter().zip(query_terms).enumerate().all(|(i, (v, q))| {
            if prefix && i + 1 == n {
                v.starts_with(q.as_str())
            } else {
                v == q
            }
        })
    })
}

/// Collects field values document by document; [`FieldIndexBuilder::finish`] sorts them.
#[derive(Debug, Default)]
pub struct FieldIndexBuilder {
    fields: Vec<(Field, FxHashMap<String, usize>, Vec<FieldValue>)>,
}

impl FieldIndexBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        FieldIndexBuilder {
            fields: Field::metadata()
                .map(|f| (f, Default::default(), Vec::new()))
                .collect(),
        }
    }

    /// Adds document number `d`.
    pub fn add(&mut self, d: u32, doc: &Document) {
        for (field, index, values) in &mut self.fields {
            for v in values_of(doc, *field) {
                let slot = match index.get(v) {
                    Some(&i) => i,
                    None => {
                        values.push(FieldValue {
                            value: v.to_string(),
                            terms: tokenize(v).map(|t| t.term).collect(),
                            docs: Vec::new(),
                        });
                        index.insert(v.to_string(), values.len() - 1);
                        values.len() - 1
                    }
                };
                let docs = &mut values[slot].docs;
                if docs.last() != Some(&d) {
                    docs.push(d);
                }
            }
        }
    }

    /// Adds a value already known with its documents (shifted by `base`, after every
    /// document added so far), as when joining indexes.
    fn add_value(&mut self, field: usize, value: &FieldValue, base: u32) {
        let (_, index, values) = &mut self.fields[field];
        let slot = match index.get(&value.value) {
            Some(&i) => i,
            None => {
                values.push(FieldValue {
                    value: value.value.clone(),
                    terms: value.terms.clone(),
                    docs: Vec::with_capacity(value.docs.len()),
                });
                index.insert(value.value.clone(), values.len() - 1);
                values.len() - 1
            }
        };
        values[slot]
            .docs
            .extend(value.docs.iter().map(|d| d + base));
    }

    /// The index, values most frequent first. `documents` is the number of documents
    /// added.
    pub fn finish(self, documents: usize) -> FieldIndex {
        let fields: Vec<(Field, Vec<FieldValue>)> = self
            .fields
            .into_iter()
            .map(|(field, _, mut values)| {
                // Values are unique: the order is total.
                crate::sort::unstable_by(&mut values, |a, b| {
                    (std::cmp::Reverse(a.docs.len()), &a.value)
                        < (std::cmp::Reverse(b.docs.len()), &b.value)
                });
                values.iter_mut().for_each(|v| v.docs.shrink_to_fit());
                (field, values)
            })
            .collect();
        FieldIndex::from_values(fields, documents)
    }
}

impl FieldIndex {
    /// The index of the values of every field (sorted as [`FieldIndexBuilder::finish`]
    /// sorts them), over `documents` documents: adds the forward index.
    fn from_values(fields: Vec<(Field, Vec<FieldValue>)>, documents: usize) -> FieldIndex {
        // The forward index: each document's values, built from the value lists.
        let forward = fields
            .iter()
            .map(|(_, values)| {
                let mut starts = vec![0u32; documents + 1];
                for v in values {
                    for &d in &v.docs {
                        starts[d as usize + 1] += 1;
                    }
                }
                for d in 0..documents {
                    starts[d + 1] += starts[d];
                }
                let mut items = vec![0u32; starts[documents] as usize];
                let mut cursor = starts.clone();
                for (i, v) in values.iter().enumerate() {
                    for &d in &v.docs {
                        items[cursor[d as usize] as usize] = i as u32;
                        cursor[d as usize] += 1;
                    }
                }
                (starts, items)
            })
            .collect();
        FieldIndex { fields, forward }
    }

    /// Collects the values of every metadata field.
    pub fn build(corpus: &Corpus) -> FieldIndex {
        let mut b = FieldIndexBuilder::new();
        for (d, doc) in corpus.documents.iter().enumerate() {
            b.add(d as u32, doc);
        }
        b.finish(corpus.documents.len())
    }

    /// The index of consecutive runs of documents: each part with the number of its first
    /// document; `documents` in all.
    pub fn merge<'a>(
        parts: impl IntoIterator<Item = (&'a FieldIndex, u32)>,
        documents: usize,
    ) -> FieldIndex {
        let mut b = FieldIndexBuilder::new();
        for (part, base) in parts {
            for (field, values) in &part.fields {
                let Some(i) = b.fields.iter().position(|(f, _, _)| f == field) else {
                    continue;
                };
                // Parts come in document order, so each value's documents stay ascending;
                // the order values are met in does not matter once they are sorted.
                for v in values {
                    b.add_value(i, v, base);
                }
            }
        }
        b.finish(documents)
    }

    /// The values (indices into [`FieldIndex::values`]) document `d` has for a field.
    pub fn values_of_doc(&self, field: Field, d: u32) -> &[u32] {
        self.doc_values(field).of(d)
    }

    /// The values each document has for a field, the field looked up once (counting a
    /// facet over tens of thousands of matches asks for each of them).
    pub fn doc_values(&self, field: Field) -> DocValues<'_> {
        match self.fields.iter().position(|(f, _)| *f == field) {
            Some(i) => DocValues {
                starts: &self.forward[i].0,
                items: &self.forward[i].1,
            },
            None => DocValues {
                starts: &[],
                items: &[],
            },
        }
    }

    /// The index of a value of a field, by its exact text.
    pub fn find_value(&self, field: Field, value: &str) -> Option<usize> {
        self.values(field).iter().position(|v| v.value == value)
    }

    /// The values of a field, most frequent first (ties alphabetical).
    pub fn values(&self, field: Field) -> &[FieldValue] {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(&[], |(_, v)| v.as_slice())
    }

    /// The values a field query matches.
    pub fn matching(
        &self,
        field: Field,
        terms: &[String],
        prefix: bool,
    ) -> impl Iterator<Item = &FieldValue> {
        let terms = terms.to_vec();
        self.values(field)
            .iter()
            .filter(move |v| words_match(&v.terms, &terms, prefix))
    }

    /// Approximate bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.fields
            .iter()
            .flat_map(|(_, vs)| vs)
            .map(|v| {
                v.value.len()
                    + v.terms.iter().map(|t| t.len() + 24).sum::<usize>()
                    + v.docs.len() * 4
                    + 72
            })
            .sum()
    }
}

impl crate::codec::Encode for FieldIndex {
    fn encode(&self, w: &mut crate::codec::Writer) {
        w.usize(self.fields.len());
        for (field, values) in &self.fields {
            w.str(field.name());
            w.usize(values.len());
            for v in values {
                w.str(&v.value);
                w.u32s(&v.docs);
            }
        }
        // The number of documents, for the forward index.
        w.usize(
            self.forward
                .first()
                .map_or(0, |f| f.0.len().saturating_sub(1)),
        );
    }
}

impl FieldIndex {
    /// Reads the index of a segment of `expected` documents (which the bytes must say
    /// too: a damaged count would have the forward index allocate gigabytes).
    pub(crate) fn decode_over(
        r: &mut crate::codec::Reader,
        expected: usize,
    ) -> crate::codec::Result<Self> {
        let n = r.count(1)?;
        let mut fields = Vec::with_capacity(n);
        for _ in 0..n {
            let name = r.str()?;
            let field = Field::ALL
                .into_iter()
                .find(|f| f.name() == name && *f != Field::Title)
                .ok_or_else(|| r.error(format!("unknown metadata field \"{name}\"")))?;
            let k = r.count(2)?;
            let mut values = Vec::with_capacity(k);
            for _ in 0..k {
                let value = r.string()?;
                let docs = r.u32s()?;
                values.push(FieldValue {
                    terms: tokenize(&value).map(|t| t.term).collect(),
                    value,
                    docs,
                });
            }
            fields.push((field, values));
        }
        let documents = r.usize()?;
        if documents != expected {
            return Err(r.error("the metadata index is for another number of documents"));
        }
        let in_range = fields.iter().flat_map(|(_, vs)| vs).all(|v| {
            v.docs.windows(2).all(|w| w[0] < w[1])
                && v.docs.last().is_none_or(|&d| (d as usize) < documents)
        });
        if !in_range || documents > u32::MAX as usize {
            return Err(r.error("metadata values name documents out of order or range"));
        }
        Ok(FieldIndex::from_values(fields, documents))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn field_words_match_contiguously_with_a_typed_prefix() {
        let v = t(&["abraham", "lincoln"]);
        assert!(words_match(&v, &t(&["lincoln"]), false));
        assert!(words_match(&v, &t(&["abraham", "lincoln"]), false));
        assert!(!words_match(&v, &t(&["lincoln", "abraham"]), false));
        assert!(!words_match(&v, &t(&["linc"]), false));
        assert!(words_match(&v, &t(&["abraham", "linc"]), true));
        assert!(!words_match(&v, &t(&["abr", "lincoln"]), true));
        assert!(!words_match(&v, &[], true));
    }
}
