//! Finding input files and reading each into documents.
//!
//! # Overview
//! [`collect`] expands the paths given on the command line (walking directories) into
//! [`Input`]s, each with an [`InputKind`] chosen from its extension. [`read`] turns one
//! input into a [`Read`]: its documents plus every problem, each naming the file.
//! A file that cannot be read at all becomes one error problem, not an abort, so one bad
//! file in a thousand does not stop an ingest.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use chronicle_core::load::{load_corpus_as_is, load_json_lines, LoadError, Place};
use chronicle_core::seed::{id_from_file_name, parse_seed};
use chronicle_core::{Document, Problem};

use crate::{sotu, Adapter};

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A seed-format press release (`.txt`).
    SeedText,
    /// A corpus, a JSON array of documents, or JSON Lines (`.json`).
    Json,
    /// JSON Lines (`.jsonl`, `.ndjson`).
    JsonLines,
    /// A spreadsheet, one document per row (`.csv`, `.tsv`), or mail (`.mbox`, `.eml`).
    Converted(chronicle_core::load::Converted),
    /// A third-party JSON shape read through an adapter.
    Adapted(Adapter),
}

/// One file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Its path.
    pub path: PathBuf,
    /// How to read it.
    pub kind: InputKind,
    /// Its size in bytes (for progress).
    pub size: u64,
}

/// What one file yielded.
#[derive(Debug, Default)]
pub struct Read {
    /// The valid documents.
    pub documents: Vec<Document>,
    /// Every problem, naming the file.
    pub problems: Vec<Problem>,
    /// Documents rejected (a file that could not be read counts as one).
    pub rejected: usize,
    /// The corpus title, if the file was a corpus with one.
    pub title: Option<String>,
    /// The corpus description, likewise.
    pub description: Option<String>,
    /// Where each document is in its file, for JSON inputs (aligned with `documents`).
    pub places: Vec<Place>,
}

fn kind_of(path: &Path, adapter: Option<Adapter>) -> Option<InputKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" => Some(InputKind::SeedText),
        "json" => Some(adapter.map_or(InputKind::Json, InputKind::Adapted)),
        "jsonl" | "ndjson" => Some(InputKind::JsonLines),
        _ => chronicle_core::load::Converted::of_name(&path.to_string_lossy())
            .map(InputKind::Converted),
    }
}

/// Expands paths into inputs. Files named explicitly must have a known extension;
/// directories are walked (sorted, so output order is stable) and unknown files skipped.
pub fn collect(paths: &[PathBuf], adapter: Option<Adapter>) -> anyhow::Result<Vec<Input>> {
    let mut out = Vec::new();
    for path in paths {
        let meta =
            std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        if meta.is_dir() {
            let walker = walkdir::WalkDir::new(path).sort_by_file_name();
            for entry in walker {
                let entry = entry.with_context(|| format!("cannot walk {}", path.display()))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                if let Some(kind) = kind_of(entry.path(), adapter) {
                    let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
                    out.push(Input {
                        path: entry.into_path(),
                        kind,
                        size,
                    });
                }
            }
        } else {
            let Some(kind) = kind_of(path, adapter) else {
                bail!(
                    "{}: unknown file type; give .txt (seed format), .json, .jsonl, .csv, .tsv, .mbox or .eml",
                    path.display()
                );
            };
            out.push(Input {
                path: path.clone(),
                kind,
                size: meta.len(),
            });
        }
    }
    Ok(out)
}

/// Reads one input. Only I/O failures are `Err`; unreadable content becomes a problem.
pub fn read(input: &Input) -> anyhow::Result<Read> {
    let name = input.path.display().to_string();
    let bytes = std::fs::read(&input.path).with_context(|| format!("cannot read {name}"))?;
    let mut read = Read::default();
    match input.kind {
        InputKind::SeedText => {
            let text = match chronicle_core::load::decode_utf8(&bytes) {
                Ok(t) => t,
                Err(e) => return Ok(unreadable(&name, e)),
            };
            let id = id_from_file_name(&name);
            match parse_seed(text, &id, &name) {
                Ok(seed) => {
                    read.documents.push(seed.document);
                    read.problems = seed.problems;
                }
                Err(problem) => {
                    read.problems.push(*problem);
                    read.rejected = 1;
                }
            }
        }
        InputKind::Json | InputKind::JsonLines | InputKind::Converted(_) => {
            let loaded = match input.kind {
                InputKind::Json => load_corpus_as_is(&bytes),
                InputKind::Converted(kind) => chronicle_core::load::load_converted(&bytes, kind),
                _ => load_json_lines(&bytes),
            };
            match loaded {
                Ok(loaded) => {
                    read.title = loaded.corpus.title;
                    read.description = loaded.corpus.description;
                    read.documents = loaded.corpus.documents;
                    read.places = loaded.places;
                    read.rejected = loaded.rejected;
                    read.problems = loaded
                        .problems
                        .into_iter()
                        .map(|p| p.in_file(name.clone()))
                        .collect();
                }
                Err(e) => return Ok(unreadable(&name, e)),
            }
        }
        InputKind::Adapted(Adapter::StdlibSotu) => {
            match sotu::read_speech(&bytes, &id_from_file_name(&name)) {
                Ok(doc) => read.documents.push(doc),
                Err(message) => {
                    read.problems
                        .push(Problem::error(format!("{message}; file skipped")).in_file(name));
                    read.rejected = 1;
                }
            }
        }
    }
    Ok(read)
}

fn unreadable(name: &str, e: LoadError) -> Read {
    Read {
        problems: vec![Problem::error(format!("{}; file skipped", e.message()))
            .in_file(name)
            .at(e.position())],
        rejected: 1,
        ..Default::default()
    }
}
