//! Text kept out of a prebuilt archive, fetched when the engine first reads it.
//!
//! # Overview
//! A site built by `chronicle build` keeps the compressed text of its documents in
//! shards beside the archive file ([`chronicle_core::prebuilt`]), so the app opens after
//! fetching the index and metadata alone. When answering a request reads a block of text
//! that is not there, the engine worker asks [`Shards::wanted`] which shards hold it,
//! fetches them all at once ([`fetch`]), puts them in, and answers the request again.
//! A shard that cannot be fetched or read is not asked for again: the request is then
//! answered without that text, and the console says why.

use chronicle_core::prebuilt;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

use super::{bytes_of, js_message, scope};

/// Where an archive's text shards are, and which failed.
#[derive(Debug)]
pub struct Shards {
    /// The URL of their directory (ending in `/`); `None` when the archive came from a
    /// file, whose shards cannot be reached.
    base: Option<String>,
    starts: Vec<u32>,
    /// Shards that failed (few: a list does).
    failed: Vec<usize>,
    /// Whether a fetch is under way (requests wait for it).
    pub fetching: bool,
}

impl Shards {
    /// The shards of the archive at `archive_url` (absolute), which start at `starts`.
    pub fn new(archive_url: Option<&str>, starts: Vec<u32>) -> Shards {
        let base = archive_url.map(|u| {
            let file = u.split(['?', '#']).next().unwrap_or(u);
            format!("{}/", prebuilt::text_dir(file))
        });
        Shards {
            base,
            starts,
            failed: Vec::new(),
            fetching: false,
        }
    }

    /// The shards to fetch for these missing blocks: none if they cannot be fetched.
    pub fn wanted(&self, missing: &[u32]) -> Vec<usize> {
        if self.base.is_none() {
            return Vec::new();
        }
        prebuilt::shards_of(missing, &self.starts)
            .into_iter()
            .filter(|i| !self.failed.contains(i))
            .collect()
    }

    /// What to fetch: the directory URL and where shards start.
    pub fn plan(&self) -> (String, Vec<u32>) {
        (self.base.clone().unwrap_or_default(), self.starts.clone())
    }

    /// A shard failed: it is not asked for again.
    pub fn failed(&mut self, shard: usize, why: &str) {
        if !self.failed.contains(&shard) {
            self.failed.push(shard);
        }
        web_sys::console::error_1(&format!("Chronicle: {why}").into());
    }
}

/// Fetches shards `wanted` (all at once) from `base`: each one's blocks (the number of
/// the first, and the blocks), or why not.
pub async fn fetch(
    base: &str,
    starts: &[u32],
    wanted: &[usize],
) -> Vec<(usize, Result<prebuilt::Blocks, String>)> {
    // Every request goes out before the first answer is awaited.
    let pending: Vec<_> = wanted
        .iter()
        .map(|&i| {
            let url = format!("{base}{}", prebuilt::shard_name(i));
            (i, url.clone(), JsFuture::from(scope().fetch_with_str(&url)))
        })
        .collect();
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
            let bytes = bytes_of(&JsFuture::from(buffer).await.map_err(|e| js_message(&e))?);
            prebuilt::read_shard(&bytes, i, starts).map_err(|e| e.to_string())
        }
        .await
        .map_err(|why| format!("could not load the text in {url}: {why}"));
        out.push((i, result));
    }
    out
}
