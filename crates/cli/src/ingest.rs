//! `chronicle ingest`: many inputs in, one corpus out.
//!
//! # Overview
//! [`run`] collects the inputs ([`crate::inputs`]), reads them in order with a progress
//! bar on large jobs, merges the documents, and writes one corpus file. A document whose
//! id an earlier one has is renamed (`-2`, `-3`, …, with a warning): the rule of
//! `chronicle_core::ids`, which the app follows too. Every problem is printed to stderr
//! with its place; a summary line ends the run.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use chronicle_core::ids::{renamed, unique_ids};
use chronicle_core::load::Place;
use chronicle_core::metadata::Field;
use chronicle_core::{Corpus, Problem};
use indicatif::{ProgressBar, ProgressStyle};

use crate::inputs::{collect, read};
use crate::{IngestArgs, Sources};

/// Show a progress bar when the input is at least this many bytes…
const PROGRESS_MIN_BYTES: u64 = 4 * 1024 * 1024;
/// …or this many files.
const PROGRESS_MIN_FILES: usize = 100;

/// Everything the inputs gave: one corpus with unique ids, and every problem.
#[derive(Debug)]
pub struct Gathered {
    /// The documents, in input order, with the title and description.
    pub corpus: Corpus,
    /// Every problem, each naming its file.
    pub problems: Vec<Problem>,
    /// Documents rejected.
    pub rejected: usize,
    /// Files read.
    pub files: usize,
}

/// Runs `chronicle ingest`.
pub fn run(args: &IngestArgs) -> anyhow::Result<ExitCode> {
    let Gathered {
        corpus,
        problems,
        rejected,
        files,
    } = gather(&args.sources)?;
    let mut stderr = std::io::stderr().lock();
    for p in &problems {
        writeln!(stderr, "{p}")?;
    }
    let mut json = if args.compact {
        serde_json::to_string(&corpus)?
    } else {
        serde_json::to_string_pretty(&corpus)?
    };
    json.push('\n');
    std::fs::write(&args.output, &json)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    let warnings = problems.iter().filter(|p| !p.is_error()).count();
    writeln!(
        stderr,
        "ingested {} documents from {} files ({} rejected, {} warnings) → {} ({})",
        corpus.documents.len(),
        files,
        rejected,
        warnings,
        args.output.display(),
        human_bytes(json.len() as u64),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Reads every input into one corpus (ids made unique), with a progress bar on large
/// jobs. `ingest` writes it as JSON; `build` as a prebuilt archive.
pub fn gather(args: &Sources) -> anyhow::Result<Gathered> {
    let inputs = collect(&args.paths, args.adapter)?;
    if inputs.is_empty() {
        anyhow::bail!("no .txt, .json or .jsonl files found in the given paths");
    }
    let total_bytes: u64 = inputs.iter().map(|i| i.size).sum();
    let progress = if !args.quiet
        && (total_bytes >= PROGRESS_MIN_BYTES || inputs.len() >= PROGRESS_MIN_FILES)
    {
        let bar = ProgressBar::new(total_bytes);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} reading [{bar:30}] {bytes}/{total_bytes} · {pos_files} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        Some(bar)
    } else {
        None
    };

    let mut corpus = Corpus::new();
    let mut problems: Vec<Problem> = Vec::new();
    let mut rejected = 0;
    // Where each document came from: its file, and its place in it (JSON inputs).
    let mut origins: Vec<(usize, Option<Place>)> = Vec::new();
    let mut titles = Vec::new();
    for (n, input) in inputs.iter().enumerate() {
        if let Some(bar) = &progress {
            bar.set_message(format!("file {} of {}", n + 1, inputs.len()));
        }
        let read = read(input)?;
        rejected += read.rejected;
        problems.extend(read.problems);
        if let Some(t) = read.title {
            titles.push((t, read.description));
        }
        for (i, mut doc) in read.documents.into_iter().enumerate() {
            if doc.first(Field::Lang).is_none() {
                doc.fields.set_one(Field::Lang, args.language.clone());
            }
            origins.push((n, read.places.get(i).copied()));
            corpus.documents.push(doc);
        }
        if let Some(bar) = &progress {
            bar.inc(input.size);
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let renames = unique_ids(corpus.documents.iter().map(|d| d.id.as_str()));
    for (i, new_id) in renames {
        let doc = &mut corpus.documents[i];
        let old = std::mem::replace(&mut doc.id, new_id.clone());
        let (file, place) = origins[i];
        let file = inputs[file].path.display().to_string();
        problems.push(match place {
            Some(place) => renamed(&old, &new_id, Ok(place)).in_file(file),
            None => renamed(&old, &new_id, Err(&file)),
        });
    }

    corpus.title = args.title.clone();
    corpus.description = args.description.clone();
    if titles.len() == 1 && corpus.title.is_none() {
        let (title, description) = titles.remove(0);
        corpus.title = Some(title);
        if corpus.description.is_none() {
            corpus.description = description;
        }
    }

    Ok(Gathered {
        corpus,
        problems,
        rejected,
        files: inputs.len(),
    })
}

/// `10.8 MB`, `912 KB`, `17 B`.
pub fn human_bytes(n: u64) -> String {
    match n {
        n if n >= 1_000_000 => format!("{:.1} MB", n as f64 / 1e6),
        n if n >= 1_000 => format!("{} KB", n / 1000),
        n => format!("{n} B"),
    }
}
