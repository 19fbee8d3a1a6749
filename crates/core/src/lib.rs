//! Chronicle's core: everything that is not the browser.
//!
//! # Overview
//! - [`archive`]: an archive ready to browse ([`Archive`]), loaded chunk by chunk.
//! - [`model`]: [`Corpus`], [`Document`], [`DocId`], the corpus format v1.
//! - [`load`]: reading and validating corpus JSON and JSON Lines, with positioned
//!   [`Problem`]s.
//! - [`seed`]: ingest of plain-text press releases in the seed's layout.
//! - [`date`]: civil dates that keep their precision.
//! - [`text`]: normalization and tokenization, shared by indexing, queries and highlights.
//! - [`query`]: the query language ([`Query`]).
//! - [`search`]: the ranked search engine ([`SearchIndex`], [`Hits`], [`Sort`]).
//! - [`browse`]: facets and the date range: narrowing results, cross-filtered counts.
//! - [`timeline`]: documents over time (histogram buckets, the chronology).
//! - [`bitset`]: sets of documents.
//! - [`store`]: compressed document text.
//! - [`warmup`]: getting the engine's code optimized while an archive downloads.
//! - [`highlight`]: marks and snippets.
//! - [`json`]: a small JSON parser that keeps positions.
//! - [`csv`]: spreadsheets (CSV, TSV) as JSON Lines.
//! - [`html`]: the text of values that exports declare as HTML.
//! - [`mail`]: mbox files, `.eml` messages and raw messages in fields.
//!
//! This crate has no web dependencies; it is compiled into both the CLI and the app.

pub mod archive;
pub mod batch;
pub mod bitset;
pub mod browse;
pub mod cite;
pub mod codec;
pub mod copies;
pub mod csv;
pub mod date;
pub mod doctable;
pub mod engine;
pub mod export;
pub mod format;
pub mod fragment;
pub mod highlight;
pub mod html;
pub mod ids;
pub mod json;
pub mod load;
pub mod locale;
pub mod mail;
pub mod metadata;
pub mod model;
pub mod prebuilt;
pub mod problem;
pub mod protocol;
pub mod query;
pub mod relevance;
pub mod search;
pub mod seed;
pub mod series;
pub mod sort;
pub mod store;
pub mod strlist;
pub mod text;
pub mod timeline;
pub mod warmup;

pub use archive::{Archive, ArchiveLoader};
pub use date::{Date, Precision};
pub use load::{load_corpus, LoadError, Loaded};
pub use model::{Corpus, DocId, Document};
pub use problem::{Problem, Severity};
pub use query::Query;
pub use search::{Hits, SearchIndex, Sort};
