//! Document metadata, stored compactly.
//!
//! # Overview
//! A viewer keeps every document's metadata (id, title, date, source, tags, …) in memory
//! for the whole session. As `Document` values, 50,000 of them cost tens of megabytes:
//! each field is its own allocation and the same source is repeated thousands of times.
//! A [`DocTable`] keeps ids, titles and URLs back to back in [`Strings`], each metadata
//! value once (a document stores its number), and list fields as ranges of value numbers.
//! [`DocTable::get`] rebuilds a `Document` (with an empty body) when one is shown.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::date::Date;
use crate::metadata::{self, Field, FieldValues};
use crate::model::Document;
use crate::strlist::StrList;

/// Strings back to back, each known by its number (see [`StrList`]).
pub type Strings = StrList;

/// Distinct values, each stored once.
#[derive(Debug, Clone, Default)]
struct Values {
    strings: Strings,
    index: FxHashMap<String, u32>,
}

impl Values {
    /// The number of value `s`, adding it if new.
    fn id(&mut self, s: &str) -> u32 {
        if self.index.len() < self.strings.len() {
            // After `finish` the lookup table is gone: rebuild it to add more.
            self.index = (0..self.strings.len() as u32)
                .map(|i| (self.strings.get(i).to_string(), i))
                .collect();
        }
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.strings.push(s);
        self.index.insert(s.to_string(), i);
        i
    }
}

const NONE: u32 = u32::MAX;

/// Compact document metadata. See the module docs.
#[derive(Debug, Clone, Default)]
pub struct DocTable {
    ids: Strings,
    titles: Strings,
    dates: Vec<Option<Date>>,
    /// The url's number in `urls`, or `NONE`.
    url_of: Vec<u32>,
    /// Per document, the end of each metadata field's values (in the order of
    /// [`metadata::SPECS`]) in `list_items`: a field's values run from the previous end.
    list_ends: Vec<[u32; metadata::COUNT]>,
    list_items: Vec<u32>,
    /// meta: ranges into `meta_items` (key and value numbers).
    meta_ends: Vec<u32>,
    meta_items: Vec<(u32, u32)>,
    values: Values,
    urls: Strings,
    /// What each document's title, text and date hash to ([`crate::copies::key`]).
    copy_keys: Vec<u64>,
}

impl DocTable {
    /// An empty table.
    pub fn new() -> DocTable {
        DocTable::default()
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Adds a document's metadata (its body is not kept).
    pub fn push(&mut self, doc: &Document) {
        self.ids.push(&doc.id);
        self.titles.push(&doc.title);
        self.dates.push(doc.date);
        self.copy_keys
            .push(crate::copies::key(&doc.title, &doc.body, doc.date));
        let url = doc.url.as_deref().map_or(NONE, |u| self.urls.push(u));
        self.url_of.push(url);
        let mut ends = [0u32; metadata::COUNT];
        for (k, (_, list)) in doc.fields.iter().enumerate() {
            for v in list {
                let id = self.values.id(v);
                self.list_items.push(id);
            }
            ends[k] = self.list_items.len() as u32;
        }
        self.list_ends.push(ends);
        for (k, v) in &doc.meta {
            let pair = (self.values.id(k), self.values.id(v));
            self.meta_items.push(pair);
        }
        self.meta_ends.push(self.meta_items.len() as u32);
    }

    /// Appends the documents of `other`, in order.
    pub fn append(&mut self, other: &DocTable) {
        let map: Vec<u32> = (0..other.values.strings.len() as u32)
            .map(|v| self.values.id(other.values.strings.get(v)))
            .collect();
        let url_offset = self.urls.len() as u32;
        self.ids.append(&other.ids);
        self.titles.append(&other.titles);
        self.urls.append(&other.urls);
        self.dates.extend_from_slice(&other.dates);
        self.copy_keys.extend_from_slice(&other.copy_keys);
        self.url_of.extend(
            other
                .url_of
                .iter()
                .map(|&u| if u == NONE { NONE } else { u + url_offset }),
        );
        let list_offset = self.list_items.len() as u32;
        self.list_items
            .extend(other.list_items.iter().map(|&v| map[v as usize]));
        self.list_ends
            .extend(other.list_ends.iter().map(|e| e.map(|x| x + list_offset)));
        let meta_offset = self.meta_items.len() as u32;
        self.meta_items.extend(
            other
                .meta_items
                .iter()
                .map(|&(k, v)| (map[k as usize], map[v as usize])),
        );
        self.meta_ends
            .extend(other.meta_ends.iter().map(|e| e + meta_offset));
    }

    /// Gives documents new ids: `(document, id)` pairs.
    pub fn rename(&mut self, renames: &[(usize, String)]) {
        if renames.is_empty() {
            return;
        }
        let mut ids = Strings::default();
        let mut next = renames.iter().peekable();
        for i in 0..self.ids.len() {
            match next.peek() {
                Some((d, new)) if *d == i => {
                    ids.push(new);
                    next.next();
                }
                _ => {
                    ids.push(self.ids.get(i as u32));
                }
            }
        }
        self.ids = ids;
    }

    /// Releases what is only needed while adding.
    pub fn finish(&mut self) {
        self.values.index = FxHashMap::default();
        self.ids.shrink_to_fit();
        self.titles.shrink_to_fit();
        self.urls.shrink_to_fit();
        self.values.strings.shrink_to_fit();
        self.dates.shrink_to_fit();
        self.copy_keys.shrink_to_fit();
        self.url_of.shrink_to_fit();
        self.list_ends.shrink_to_fit();
        self.list_items.shrink_to_fit();
        self.meta_ends.shrink_to_fit();
        self.meta_items.shrink_to_fit();
    }

    /// The id of document `i`.
    pub fn id(&self, i: usize) -> &str {
        self.ids.get(i as u32)
    }

    /// The title of document `i`.
    pub fn title(&self, i: usize) -> &str {
        self.titles.get(i as u32)
    }

    /// The values of metadata field `k` (its place in [`metadata::SPECS`]) of document `i`.
    fn list(&self, i: usize, k: usize) -> impl Iterator<Item = &str> {
        let start = if k > 0 {
            self.list_ends[i][k - 1]
        } else if i > 0 {
            self.list_ends[i - 1][metadata::COUNT - 1]
        } else {
            0
        };
        self.list_items[start as usize..self.list_ends[i][k] as usize]
            .iter()
            .map(|&v| self.values.strings.get(v))
    }

    /// The first value of a metadata field of document `i`.
    pub fn first(&self, i: usize, field: Field) -> Option<&str> {
        let k = Field::metadata().position(|f| f == field)?;
        self.list(i, k).next()
    }

    /// Every document's key for finding identical copies ([`crate::copies`]).
    pub fn copy_keys(&self) -> &[u64] {
        &self.copy_keys
    }

    /// Every document's date, in order.
    pub(crate) fn dates(&self) -> &[Option<Date>] {
        &self.dates
    }

    /// The date of document `i`.
    pub fn date(&self, i: usize) -> Option<Date> {
        self.dates[i]
    }

    /// Document `i` as a `Document` with an empty body.
    pub fn get(&self, i: usize) -> Document {
        let meta_start = if i == 0 {
            0
        } else {
            self.meta_ends[i - 1] as usize
        };
        let meta: BTreeMap<String, String> = self.meta_items
            [meta_start..self.meta_ends[i] as usize]
            .iter()
            .map(|&(k, v)| {
                (
                    self.values.strings.get(k).to_string(),
                    self.values.strings.get(v).to_string(),
                )
            })
            .collect();
        let mut fields = FieldValues::default();
        for (k, field) in Field::metadata().enumerate() {
            fields.set(field, self.list(i, k).map(str::to_string).collect());
        }
        let url = self.url_of[i];
        Document {
            id: self.id(i).to_string(),
            title: self.title(i).to_string(),
            date: self.dates[i],
            fields,
            url: (url != NONE).then(|| self.urls.get(url).to_string()),
            body: String::new(),
            meta,
        }
    }

    /// Approximate bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.ids.heap_bytes()
            + self.titles.heap_bytes()
            + self.urls.heap_bytes()
            + self.values.strings.heap_bytes()
            + self.dates.capacity() * std::mem::size_of::<Option<Date>>()
            + self.copy_keys.capacity() * 8
            + self.url_of.capacity() * 4
            + self.list_ends.capacity() * 4 * metadata::COUNT
            + self.list_items.capacity() * 4
            + self.meta_ends.capacity() * 4
            + self.meta_items.capacity() * 8
    }
}

use crate::codec::{Decode, Encode, Reader, Writer};

impl Encode for DocTable {
    fn encode(&self, w: &mut Writer) {
        w.put(&self.ids);
        w.put(&self.titles);
        w.list(&self.dates);
        w.u32s(&self.url_of);
        // (The ends, field after field and document after document, ascend.)
        w.ascending(&self.list_ends.concat());
        w.varints(&self.list_items);
        w.ascending(&self.meta_ends);
        let meta: Vec<u32> = self.meta_items.iter().flat_map(|&(k, v)| [k, v]).collect();
        w.u32s(&meta);
        w.put(&self.values.strings);
        w.put(&self.urls);
        let halves: Vec<u32> = self
            .copy_keys
            .iter()
            .flat_map(|&k| [k as u32, (k >> 32) as u32])
            .collect();
        w.u32s(&halves);
    }
}

impl Decode for DocTable {
    fn decode(r: &mut Reader) -> crate::codec::Result<Self> {
        let ids: Strings = r.get()?;
        let titles: Strings = r.get()?;
        let dates: Vec<Option<Date>> = r.list()?;
        let url_of = r.u32s()?;
        let ends = r.ascending()?;
        if ends.len() % metadata::COUNT != 0 {
            return Err(r.error("the metadata offsets have a remainder"));
        }
        let list_ends: Vec<[u32; metadata::COUNT]> = ends
            .chunks_exact(metadata::COUNT)
            .map(|c| std::array::from_fn(|k| c[k]))
            .collect();
        let list_items = r.varints()?;
        let meta_ends = r.ascending()?;
        let meta = r.u32s()?;
        if meta.len() % 2 != 0 {
            return Err(r.error("metadata pairs have a remainder"));
        }
        let meta_items: Vec<(u32, u32)> = meta.chunks_exact(2).map(|c| (c[0], c[1])).collect();
        let values = Values {
            strings: r.get()?,
            index: FxHashMap::default(),
        };
        let urls: Strings = r.get()?;
        let halves = r.u32s()?;
        let copy_keys: Vec<u64> = halves
            .chunks_exact(2)
            .map(|c| u64::from(c[0]) | (u64::from(c[1]) << 32))
            .collect();
        let n = ids.len();
        let consistent = titles.len() == n
            && dates.len() == n
            && halves.len() == 2 * n
            && url_of.len() == n
            && list_ends.len() == n
            && meta_ends.len() == n
            && url_of
                .iter()
                .all(|&u| u == NONE || (u as usize) < urls.len())
            && list_items
                .iter()
                .all(|&v| (v as usize) < values.strings.len())
            && meta_items.iter().all(|&(k, v)| {
                (k as usize) < values.strings.len() && (v as usize) < values.strings.len()
            });
        if !consistent {
            return Err(r.error("the document table does not hold together"));
        }
        let mut prev = 0;
        for e in list_ends.iter().flatten() {
            if *e < prev || *e as usize > list_items.len() {
                return Err(r.error("list offsets of the document table are out of order"));
            }
            prev = *e;
        }
        crate::codec::check_ends(r, &meta_ends, meta_items.len(), "metadata offsets")?;
        Ok(DocTable {
            ids,
            titles,
            dates,
            url_of,
            list_ends,
            list_items,
            meta_ends,
            meta_items,
            values,
            urls,
            copy_keys,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_corpus;

    #[test]
    fn documents_come_back_without_their_bodies() {
        let corpus = load_corpus(
            br#"[{"id":"a","title":"A","body":"x","date":"1861","source":"S","tags":["t1","t2"],
                 "people":["P"],"meta":{"k":"v"},"url":"https://e.org","language":"en"},
                {"id":"b","title":"B","body":"y","source":"S","places":["Here"],"organizations":["O"]},
                {"id":"c","title":"C","body":"z"}]"#,
        )
        .unwrap()
        .corpus;
        let mut t = DocTable::new();
        for d in &corpus.documents {
            t.push(d);
        }
        t.finish();
        for (i, d) in corpus.documents.iter().enumerate() {
            let mut want = d.clone();
            want.body = String::new();
            assert_eq!(t.get(i), want);
        }
        assert_eq!(t.title(1), "B");
        assert_eq!(t.id(2), "c");
        // Two tables joined give the same documents.
        let mut a = DocTable::new();
        let mut b = DocTable::new();
        a.push(&corpus.documents[0]);
        b.push(&corpus.documents[1]);
        b.push(&corpus.documents[2]);
        a.finish();
        a.append(&b);
        a.finish();
        for i in 0..3 {
            assert_eq!(a.get(i), t.get(i));
        }
        a.rename(&[(1, "b-2".into())]);
        assert_eq!((a.id(0), a.id(1), a.id(2)), ("a", "b-2", "c"));
    }
}
