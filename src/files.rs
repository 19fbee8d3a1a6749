//! Opening the reader's own files: corpus JSON, JSON Lines, and plain-text press releases.
//!
//! # Overview
//! [`load_files`] reads the files picked or dropped, in the browser (nothing is uploaded):
//! corpus files are streamed chunk by chunk into the same loader the app uses for its own
//! corpus, text files go through the same seed ingester as `chronicle ingest`. Progress is
//! reported after each chunk; problems are collected with their file and place, and every
//! valid document loads.

use chronicle_core::{Archive, ArchiveLoader};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileList, ReadableStreamDefaultReader};

use crate::fetch::{Failed, Progress};

/// The files of a file list.
pub fn from_list(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Corpus,
    Lines,
    Text,
    Other,
}

fn kind(name: &str) -> Kind {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".json") {
        Kind::Corpus
    } else if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
        Kind::Lines
    } else if lower.ends_with(".txt") {
        Kind::Text
    } else {
        Kind::Other
    }
}

fn js_message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "the file could not be read".to_string())
}

/// Reads the files into one archive. See the module docs.
pub async fn load_files(
    mut files: Vec<File>,
    progress: impl Fn(Progress),
) -> Result<Archive, Failed> {
    files.sort_by_key(|f| (kind(&f.name()), f.name()));
    let total: u64 = files.iter().map(|f| f.size() as u64).sum();
    let mut state = Progress {
        total: Some(total),
        ..Progress::default()
    };
    let mut loader = ArchiveLoader::new();
    let mut first_corpus = true;
    let mut skipped = Vec::new();
    for file in &files {
        let name = file.name();
        let failed = |detail: String| Failed::Fetch(format!("Could not read \"{name}\": {detail}"));
        match kind(&name) {
            Kind::Corpus | Kind::Lines => {
                if !first_corpus {
                    loader
                        .next_file(kind(&name) == Kind::Lines)
                        .map_err(Failed::Load)?;
                } else if kind(&name) == Kind::Lines {
                    loader = ArchiveLoader::json_lines();
                }
                first_corpus = false;
                loader.feed(&[]).map_err(Failed::Load)?;
                let reader: ReadableStreamDefaultReader = file
                    .stream()
                    .get_reader()
                    .dyn_into()
                    .map_err(|_| failed("cannot read the file".into()))?;
                loop {
                    let result = JsFuture::from(reader.read())
                        .await
                        .map_err(|e| failed(js_message(&e)))?;
                    let done = Reflect::get(&result, &JsValue::from_str("done"))
                        .ok()
                        .and_then(|d| d.as_bool())
                        .unwrap_or(true);
                    if done {
                        break;
                    }
                    let value = Reflect::get(&result, &JsValue::from_str("value"))
                        .map_err(|_| failed("cannot read the file".into()))?;
                    let chunk = Uint8Array::new(&value).to_vec();
                    state.bytes += chunk.len() as u64;
                    loader.feed(&chunk).map_err(Failed::Load)?;
                    state.documents = loader.documents();
                    progress(state);
                }
            }
            Kind::Text => {
                let text = JsFuture::from(file.text())
                    .await
                    .map_err(|e| failed(js_message(&e)))?
                    .as_string()
                    .unwrap_or_default();
                loader.end_file().map_err(Failed::Load)?;
                loader.add_text_file(&name, &text);
                state.bytes += file.size() as u64;
                state.documents = loader.documents();
                progress(state);
            }
            Kind::Other => skipped.push(name),
        }
    }
    if !skipped.is_empty() {
        loader.add_problems(
            skipped
                .iter()
                .map(|n| {
                    chronicle_core::Problem::error(
                        "not a corpus (.json, .jsonl) or text (.txt) file; skipped",
                    )
                    .in_file(n.clone())
                })
                .collect(),
            skipped.len(),
        );
    }
    let mut archive = loader.finish().map_err(Failed::Load)?;
    if archive.title.is_none() {
        archive.title = Some(match files.as_slice() {
            [one] => one.name(),
            many => format!("{} files", many.len()),
        });
    }
    Ok(archive)
}
