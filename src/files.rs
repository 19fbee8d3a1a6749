//! Opening the reader's own files: corpus JSON, JSON Lines, and plain-text press releases.
//!
//! # Overview
//! [`load_files`] reads the files picked or dropped, in the browser (nothing is uploaded):
//! corpus files are streamed chunk by chunk into the same loader the app uses for its own
//! corpus, text files go through the same seed ingester as `chronicle ingest`. Progress is
//! reported after each chunk; problems are collected with their file and place, and every
//! valid document loads.

use chronicle_core::{Archive, ArchiveLoader};
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileList};

use crate::fetch::{feed_stream, js_message, Failed, Progress};

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
        let file_kind = kind(&name);
        match file_kind {
            Kind::Corpus | Kind::Lines => {
                let lines = file_kind == Kind::Lines;
                if !first_corpus {
                    loader.next_file(lines).map_err(Failed::Load)?;
                } else if lines {
                    loader = ArchiveLoader::json_lines();
                }
                first_corpus = false;
                loader.feed(&[]).map_err(Failed::Load)?;
                feed_stream(&file.stream(), &mut loader, &mut state, &progress, failed).await?;
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
