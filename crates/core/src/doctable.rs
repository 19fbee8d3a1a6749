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
    /// source, agency, url, language: a value number or `NONE`.
    singles: Vec<[u32; 4]>,
    /// tags, people, places, organizations: ranges into `list_items`.
    list_ends: Vec<[u32; 4]>,
    list_items: Vec<u32>,
    /// meta: ranges into `meta_items` (key and value numbers).
    meta_ends: Vec<u32>,
    meta_items: Vec<(u32, u32)>,
    values: Values,
    urls: Strings,
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
        let single =
            |v: &Option<String>, values: &mut Values| v.as_deref().map_or(NONE, |s| values.id(s));
        let url = doc.url.as_deref().map_or(NONE, |u| self.urls.push(u));
        self.singles.push([
            single(&doc.source, &mut self.values),
            single(&doc.agency, &mut self.values),
            url,
            single(&doc.language, &mut self.values),
        ]);
        let mut ends = [0u32; 4];
        for (k, list) in [&doc.tags, &doc.people, &doc.places, &doc.organizations]
            .into_iter()
            .enumerate()
        {
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
        let value = |v: u32| if v == NONE { NONE } else { map[v as usize] };
        let url_offset = self.urls.len() as u32;
        self.ids.append(&other.ids);
        self.titles.append(&other.titles);
        self.urls.append(&other.urls);
        self.dates.extend_from_slice(&other.dates);
        self.singles
            .extend(other.singles.iter().map(|&[s, a, u, l]| {
                [
                    value(s),
                    value(a),
                    if u == NONE { NONE } else { u + url_offset },
                    value(l),
                ]
            }));
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
        self.singles.shrink_to_fit();
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

    /// The source of document `i`.
    pub fn source(&self, i: usize) -> Option<&str> {
        let v = self.singles[i][0];
        (v != NONE).then(|| self.values.strings.get(v))
    }

    /// The date of document `i`.
    pub fn date(&self, i: usize) -> Option<Date> {
        self.dates[i]
    }

    /// Document `i` as a `Document` with an empty body.
    pub fn get(&self, i: usize) -> Document {
        let value = |v: u32| (v != NONE).then(|| self.values.strings.get(v).to_string());
        let [source, agency, url, language] = self.singles[i];
        let start = |k: usize| -> usize {
            if k > 0 {
                self.list_ends[i][k - 1] as usize
            } else if i > 0 {
                self.list_ends[i - 1][3] as usize
            } else {
                0
            }
        };
        let list = |k: usize| -> Vec<String> {
            self.list_items[start(k)..self.list_ends[i][k] as usize]
                .iter()
                .map(|&v| self.values.strings.get(v).to_string())
                .collect()
        };
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
        Document {
            id: self.id(i).to_string(),
            title: self.title(i).to_string(),
            date: self.dates[i],
            source: value(source),
            agency: value(agency),
            url: (url != NONE).then(|| self.urls.get(url).to_string()),
            language: value(language),
            body: String::new(),
            tags: list(0),
            people: list(1),
            places: list(2),
            organizations: list(3),
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
            + self.singles.capacity() * 16
            + self.list_ends.capacity() * 16
            + self.list_items.capacity() * 4
            + self.meta_ends.capacity() * 4
            + self.meta_items.capacity() * 8
    }
}

use crate::codec::{Decode, Encode, Reader, Writer};

fn flat4(v: &[[u32; 4]]) -> Vec<u32> {
    v.iter().flatten().copied().collect()
}

fn unflat4(r: &Reader, v: Vec<u32>) -> crate::codec::Result<Vec<[u32; 4]>> {
    if v.len() % 4 != 0 {
        return Err(r.error("a table of fours has a remainder"));
    }
    Ok(v.chunks_exact(4)
        .map(|c| [c[0], c[1], c[2], c[3]])
        .collect())
}

impl Encode for DocTable {
    fn encode(&self, w: &mut Writer) {
        w.put(&self.ids);
        w.put(&self.titles);
        w.list(&self.dates);
        w.u32s(&flat4(&self.singles));
        w.u32s(&flat4(&self.list_ends));
        w.u32s(&self.list_items);
        w.u32s(&self.meta_ends);
        let meta: Vec<u32> = self.meta_items.iter().flat_map(|&(k, v)| [k, v]).collect();
        w.u32s(&meta);
        w.put(&self.values.strings);
        w.put(&self.urls);
    }
}

impl Decode for DocTable {
    fn decode(r: &mut Reader) -> crate::codec::Result<Self> {
        let ids: Strings = r.get()?;
        let titles: Strings = r.get()?;
        let dates: Vec<Option<Date>> = r.list()?;
        let singles = r.u32s()?;
        let singles = unflat4(r, singles)?;
        let list_ends = r.u32s()?;
        let list_ends = unflat4(r, list_ends)?;
        let list_items = r.u32s()?;
        let meta_ends = r.u32s()?;
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
        let n = ids.len();
        let value_ok = |v: u32| v == NONE || (v as usize) < values.strings.len();
        let consistent = titles.len() == n
            && dates.len() == n
            && singles.len() == n
            && list_ends.len() == n
            && meta_ends.len() == n
            && singles.iter().all(|s| {
                value_ok(s[0])
                    && value_ok(s[1])
                    && value_ok(s[3])
                    && (s[2] == NONE || (s[2] as usize) < urls.len())
            })
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
            singles,
            list_ends,
            list_items,
            meta_ends,
            meta_items,
            values,
            urls,
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
