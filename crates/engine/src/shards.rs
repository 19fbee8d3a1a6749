//! Text, postings and the dictionary kept out of a prebuilt archive, fetched when the
//! engine first reads them.
//!
//! # Overview
//! A site built by `chronicle build` keeps the compressed text of its documents, the
//! postings of its index and its dictionary (the words file) beside the archive file
//! ([`chronicle_core::prebuilt`]), so the app opens after fetching the documents' table
//! and metadata alone; the words file is fetched soon after the first answer, before the
//! reader types. When answering a request reads a block of text, a term's postings or
//! the dictionary, that is not there, the engine worker asks [`Shards::wanted`] which
//! shards to fetch, fetches them all at once ([`fetch`]), puts them in, and answers the
//! request again: an answer that lacked postings or words is not sent (it would be
//! wrong), one that lacked text goes at once, saying its snippets follow. A shard that
//! cannot be fetched or read is not asked for again: the request is then answered
//! without it, and the console says why (the page too, for the words file).

use chronicle_core::prebuilt;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

use super::{bytes_of, js_message, scope};

/// What a set of shards holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Blocks of the documents' text.
    Text,
    /// The postings of runs of terms.
    Index,
    /// The dictionary, with each term's document count and where the index shards start
    /// (one file: "shard" 0).
    Words,
}

impl Kind {
    /// What it holds, in messages.
    fn what(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Index => "index",
            Kind::Words => "search index",
        }
    }

    /// The file name of shard `i`.
    fn file(self, i: usize) -> String {
        match self {
            Kind::Words => prebuilt::WORDS_FILE.to_string(),
            Kind::Text | Kind::Index => prebuilt::shard_name(i),
        }
    }
}

/// Where an archive's shards of one kind are, and which failed.
#[derive(Debug)]
pub struct Shards {
    kind: Kind,
    /// The URL of their directory (ending in `/`); `None` when the archive came from a
    /// file, whose shards cannot be reached.
    base: Option<String>,
    starts: Vec<u32>,
    /// Shards that failed (few: a list does).
    failed: Vec<usize>,
    /// Whether a fetch is under way (requests wait for it).
    pub fetching: bool,
    /// Whether a fetch of it ahead of need is planned (the words file's).
    pub prefetch_due: bool,
}

impl Shards {
    /// The shards of `kind` of the archive at `archive_url` (absolute), which start at
    /// `starts` (blocks of text, or terms).
    pub fn new(kind: Kind, archive_url: Option<&str>, starts: Vec<u32>) -> Shards {
        let base = archive_url.map(|u| {
            let file = u.split(['?', '#']).next().unwrap_or(u);
            match kind {
                Kind::Text => format!("{}/", prebuilt::text_dir(file)),
                Kind::Index | Kind::Words => format!("{}/", prebuilt::index_dir(file)),
            }
        });
        Shards {
            kind,
            base,
            starts,
            failed: Vec::new(),
            fetching: false,
            prefetch_due: false,
        }
    }

    /// Of the shards `needed`, those to fetch: none if they cannot be fetched, nor those
    /// that failed.
    pub fn wanted(&self, needed: impl IntoIterator<Item = usize>) -> Vec<usize> {
        if self.base.is_none() {
            return Vec::new();
        }
        needed
            .into_iter()
            .filter(|i| !self.failed.contains(i))
            .collect()
    }

    /// The index shards beside the words file (they share its directory), which start at
    /// `starts`.
    pub fn index_beside(&self, starts: Vec<u32>) -> Shards {
        Shards {
            kind: Kind::Index,
            base: self.base.clone(),
            starts,
            failed: Vec::new(),
            fetching: false,
            prefetch_due: false,
        }
    }

    /// Whether shards of it can still be fetched (it has a URL, and shard 0 has not
    /// failed), and none is being fetched: for the words file, whether to fetch it now.
    pub fn idle(&self) -> bool {
        !self.fetching && !self.wanted([0]).is_empty()
    }

    /// The text shards that hold these missing blocks, to fetch.
    pub fn wanted_for_blocks(&self, missing: &[u32]) -> Vec<usize> {
        self.wanted(prebuilt::shards_of(missing, &self.starts))
    }

    /// What to fetch: what they hold, the directory URL and where shards start.
    pub fn plan(&self) -> (Kind, String, Vec<u32>) {
        (
            self.kind,
            self.base.clone().unwrap_or_default(),
            self.starts.clone(),
        )
    }

    /// A shard failed: it is not asked for again.
    pub fn failed(&mut self, shard: usize, why: &str) {
        if !self.failed.contains(&shard) {
            self.failed.push(shard);
        }
        web_sys::console::error_1(&format!("Chronicle: {why}").into());
    }
}

/// Fetches shards `wanted` (all at once) from `base`: each one's bytes, or why not.
pub async fn fetch(
    kind: Kind,
    base: &str,
    wanted: &[usize],
) -> Vec<(usize, Result<Vec<u8>, String>)> {
    // Every request goes out before the first answer is awaited.
    let pending: Vec<_> = wanted
        .iter()
        .map(|&i| {
            let url = format!("{base}{}", kind.file(i));
            (i, url.clone(), JsFuture::from(scope().fetch_with_str(&url)))
        })
        .collect();
    let what = kind.what();
    let mut out = Vec::with_capacity(pending.len());
    for (i, url, request) in pending {
        let result = async {
            let response: Response = request
                .await
                .map_err(|e| js_message(&e))?
                .dyn_into()
                .map_err(|_| "unexpected fetch result".to_string())?;
            if !response.ok() {
                return Err(format!("the server answered {}", response.status()));
            }
            let buffer = response.array_buffer().map_err(|e| js_message(&e))?;
            Ok(bytes_of(
                &JsFuture::from(buffer).await.map_err(|e| js_message(&e))?,
            ))
        }
        .await
        .map_err(|why: String| format!("could not load the {what} in {url}: {why}"));
        out.push((i, result));
    }
    out
}
