//! Chronicle's core: everything that is not the browser.
//!
//! # Overview
//! - [`model`]: [`Corpus`], [`Document`], [`DocId`], the corpus format v1.
//! - [`load`]: reading and validating corpus JSON and JSON Lines, with positioned
//!   [`Problem`]s.
//! - [`seed`]: ingest of plain-text press releases in the seed's layout.
//! - [`date`]: civil dates that keep their precision.
//! - [`text`]: normalization and tokenization, shared by indexing, queries and highlights.
//! - [`search`]: the search engine interface ([`SearchIndex`], [`Query`], [`Hits`]).
//! - [`highlight`]: marks and snippets.
//! - [`json`]: a small JSON parser that keeps positions.
//!
//! This crate has no web dependencies; it is compiled into both the CLI and the app.

pub mod date;
pub mod highlight;
pub mod json;
pub mod load;
pub mod model;
pub mod problem;
pub mod search;
pub mod seed;
pub mod text;

pub use date::{Date, Precision};
pub use load::{load_corpus, LoadError, Loaded};
pub use model::{Corpus, DocId, Document};
pub use problem::{Problem, Severity};
pub use search::{Hits, Query, SearchIndex};
