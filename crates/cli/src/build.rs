//! `chronicle build`: a deployable site whose archive is read and indexed already.
//!
//! # Overview
//! [`run`] reads the inputs as `ingest` does ([`crate::ingest::gather`]), cuts the
//! corpus into runs of documents, reads and indexes the runs on every core
//! ([`chronicle_core::prebuilt::read_batch`], the code the browser's helper workers run),
//! joins them into one part (so the browser has no indexes to merge) and writes one
//! prebuilt archive, `corpus.chronicle`, with the compressed text in shards beside it
//! (`corpus.chronicle.text/`, fetched as snippets and documents need them; with
//! `--single-file`, inside)
//! ([`chronicle_core::prebuilt`] describes the format). Next to it go the app's files
//! (from `--app`, the output of `cargo xtask build`), with `index.html` naming the archive
//! in `<meta name="chronicle-corpus">`. Every URL in the site is relative, so it works
//! from any static host and sub-path.
//!
//! The archive holds what the inputs said: their problems (with their own files and
//! places), not the places in the intermediate JSON. The same inputs give the same bytes,
//! whatever the number of cores.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{bail, Context};
use chronicle_core::archive::Part;
use chronicle_core::batch::Batch;
use chronicle_core::prebuilt;
use indicatif::{ProgressBar, ProgressStyle};

use crate::ingest::{gather, human_bytes, Gathered};
use crate::Sources;

/// The name of the prebuilt archive in a built site.
pub const ARCHIVE_NAME: &str = "corpus.chronicle";

/// Arguments of `chronicle build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// What to read.
    #[command(flatten)]
    pub sources: Sources,
    /// The directory to write the site to (made if missing).
    #[arg(short, long)]
    pub output: PathBuf,
    /// The built app (the output of `cargo xtask build`).
    #[arg(long, default_value = "dist")]
    pub app: PathBuf,
    /// Threads to index with (default: every core).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Keep the text inside the archive file (one file to copy) instead of in shards
    /// fetched as needed.
    #[arg(long)]
    pub single_file: bool,
}

/// How to cut a built archive.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// Bytes of document text read by one thread at a time.
    pub run_bytes: usize,
    /// Threads.
    pub jobs: usize,
    /// Whether the text goes into shards of its own.
    pub split: bool,
}

/// The threads to index with by default: one per core.
pub fn all_cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// A built archive: the file, and its text shards (none if the text is inside).
#[derive(Debug)]
pub struct Built {
    /// The archive file.
    pub archive: Vec<u8>,
    /// The text shards, in order.
    pub shards: Vec<Vec<u8>>,
    /// The index shards, in order.
    pub index: Vec<Vec<u8>>,
    /// The words file (the dictionary), beside the index shards; empty if inside.
    pub words: Vec<u8>,
}

/// Runs `chronicle build`.
pub fn run(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    if !args.app.join("index.html").is_file() {
        bail!(
            "{} has no index.html: build the app first (cargo xtask build), or pass --app DIR",
            args.app.display()
        );
    }
    let Gathered {
        corpus,
        problems,
        rejected,
        files,
    } = gather(&args.sources)?;
    let jobs = args.jobs.unwrap_or_else(all_cores);
    let json = serde_json::to_vec(&corpus)?;
    let documents = corpus.documents.len();
    drop(corpus);
    let Built {
        archive,
        shards,
        index,
        words,
    } = build(
        &json,
        (problems.clone(), rejected),
        Layout {
            run_bytes: prebuilt::RUN_BYTES,
            jobs,
            split: !args.single_file,
        },
        !args.sources.quiet,
    )?;
    drop(json);

    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("cannot make {}", args.output.display()))?;
    copy_app(&args.app, &args.output)?;
    let target = args.output.join(ARCHIVE_NAME);
    std::fs::write(&target, &archive)
        .with_context(|| format!("cannot write {}", target.display()))?;
    for (dir, shards) in [
        (prebuilt::text_dir(ARCHIVE_NAME), &shards),
        (prebuilt::index_dir(ARCHIVE_NAME), &index),
    ] {
        let dir = args.output.join(dir);
        if dir.exists() {
            // Shards of an earlier build must not linger.
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("cannot clear {}", dir.display()))?;
        }
        if !shards.is_empty() {
            std::fs::create_dir_all(&dir)?;
            for (i, shard) in shards.iter().enumerate() {
                std::fs::write(dir.join(prebuilt::shard_name(i)), shard)?;
            }
        }
    }
    if !words.is_empty() {
        let file = args
            .output
            .join(prebuilt::index_dir(ARCHIVE_NAME))
            .join(prebuilt::WORDS_FILE);
        std::fs::write(&file, &words)
            .with_context(|| format!("cannot write {}", file.display()))?;
    }
    let bytes =
        archive.len() + words.len() + shards.iter().chain(&index).map(Vec::len).sum::<usize>();

    let mut stderr = std::io::stderr().lock();
    for p in &problems {
        writeln!(stderr, "{p}")?;
    }
    let warnings = problems.iter().filter(|p| !p.is_error()).count();
    let layout = if words.is_empty() {
        format!(
            "the archive {}, all inside",
            human_bytes(archive.len() as u64)
        )
    } else {
        format!(
            "the archive {}, its text in {} shards, its index in {} shards and its words in {}",
            human_bytes(archive.len() as u64),
            shards.len(),
            index.len(),
            human_bytes(words.len() as u64)
        )
    };
    writeln!(
        stderr,
        "built {documents} documents from {files} files ({rejected} rejected, {warnings} \
         warnings) → {} ({}: {layout}; format version {}) in {} ms",
        args.output.display(),
        human_bytes(bytes as u64),
        prebuilt::VERSION,
        started.elapsed().as_millis(),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The prebuilt archive of a JSON corpus, cut as `layout` says, with the inputs'
/// problems and rejected count in place of the JSON's own (it has none: `gather` kept
/// only valid documents).
pub fn build(
    json: &[u8],
    (problems, rejected): (Vec<chronicle_core::Problem>, usize),
    layout: Layout,
    progress: bool,
) -> anyhow::Result<Built> {
    let mut batches: Vec<Batch> = Vec::new();
    let mut summary = prebuilt::batches(json, layout.run_bytes, |b| batches.push(b))
        .map_err(|e| anyhow::anyhow!("the gathered corpus does not read back: {e}"))?;
    summary.problems = problems;
    summary.rejected = rejected;
    let total: u64 = batches.iter().map(|b| b.text_bytes() as u64).sum();
    let bar = (progress && total >= 4 << 20).then(|| {
        let bar = ProgressBar::new(total);
        bar.set_style(
            ProgressStyle::with_template("{spinner} indexing [{bar:30}] {bytes}/{total_bytes}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar
    });
    let parts = read_all(&batches, layout.jobs.max(1), bar.as_ref());
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let mut part = prebuilt::join(parts);
    // The JSON was written from valid documents: its places mean nothing to the reader,
    // whose problems came with the inputs' own.
    part.problems.clear();
    let ((starts, shards), (_, index), words) = if layout.split {
        let text = prebuilt::split_text(&mut part, prebuilt::SHARD_BYTES);
        let postings = prebuilt::split_postings(&mut part, prebuilt::INDEX_SHARD_BYTES);
        // The dictionary goes last: it holds where the index shards start.
        (text, postings, prebuilt::split_words(&mut part))
    } else {
        Default::default()
    };
    Ok(Built {
        archive: prebuilt::write(&summary, &[part], &starts),
        shards,
        index,
        words,
    })
}

/// Reads every batch into its part on `jobs` threads; parts come back in batch order.
fn read_all(batches: &[Batch], jobs: usize, bar: Option<&ProgressBar>) -> Vec<Part> {
    let next = AtomicUsize::new(0);
    let out: Mutex<Vec<Option<Part>>> = Mutex::new((0..batches.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..jobs.min(batches.len()) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(batch) = batches.get(i) else {
                    break;
                };
                let part = prebuilt::read_batch(batch);
                if let Some(bar) = bar {
                    bar.inc(batch.text_bytes() as u64);
                }
                if let Ok(mut out) = out.lock() {
                    out[i] = Some(part);
                }
            });
        }
    });
    out.into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect()
}

/// Copies the app's files (not its demo corpus) into the site, naming the archive in
/// its `index.html`.
fn copy_app(app: &Path, site: &Path) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(app).with_context(|| format!("cannot read {}", app.display()))? {
        let entry = entry?;
        let name = entry.file_name();
        let from = entry.path();
        let to = site.join(&name);
        if from.is_dir() {
            std::fs::create_dir_all(&to)?;
            copy_app(&from, &to)?;
        } else if name == "index.html" {
            let html = std::fs::read_to_string(&from)?;
            std::fs::write(&to, name_archive(&html))?;
        } else if name != "corpus.json" {
            std::fs::copy(&from, &to)
                .with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))?;
        }
    }
    Ok(())
}

/// `index.html` with `<meta name="chronicle-corpus" content="corpus.chronicle">` in its
/// head (once).
pub fn name_archive(html: &str) -> String {
    let meta = format!(r#"<meta name="chronicle-corpus" content="{ARCHIVE_NAME}">"#);
    if html.contains("name=\"chronicle-corpus\"") {
        return html.to_string();
    }
    match html.find("<head>") {
        Some(i) => format!("{}\n    {meta}{}", &html[..i + 6], &html[i + 6..]),
        None => format!("{meta}\n{html}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(n: usize) -> Vec<u8> {
        let docs: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    r#"{{"id":"d{i}","title":"Report {i}","body":"{} idlib talks {i}","date":"20{:02}-01-02","source":"S{}"}}"#,
                    "word ".repeat(i % 50),
                    i % 30,
                    i % 7
                )
            })
            .collect();
        format!("[{}]", docs.join(",")).into_bytes()
    }

    #[test]
    fn threads_do_not_change_the_bytes() {
        let json = corpus(3000);
        let built = |jobs| {
            let layout = Layout {
                run_bytes: 16 << 10,
                jobs,
                split: true,
            };
            let b = build(&json, (Vec::new(), 0), layout, false).unwrap();
            (b.archive, b.shards)
        };
        let one = built(1);
        let (two, four) = (built(2), built(4));
        assert_eq!(one, two);
        assert_eq!(one, four);
        assert!(!one.1.is_empty(), "text in shards");
        let a = prebuilt::open(&one.0).unwrap();
        assert_eq!(a.len(), 3000);
    }

    #[test]
    fn the_archive_is_named_once_in_the_head() {
        let html = "<!doctype html><html><head><title>x</title></head></html>";
        let named = name_archive(html);
        assert!(named.contains(
            r#"<head>
    <meta name="chronicle-corpus" content="corpus.chronicle"><title>"#
        ));
        assert_eq!(name_archive(&named), named);
    }
}
