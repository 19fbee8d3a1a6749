//! `cargo xtask bench`: Chronicle against MiniSearch and FlexSearch, in the same headless
//! Chromium.
//!
//! # Overview
//! [`run`] builds the release app, writes the generated corpora ([`write_corpora`]), and
//! runs `bench/run.mjs`. That measures the real app end to end beside single-page
//! MiniSearch and FlexSearch sites (`bench/e2e.mjs`, `bench/peer.html`: ready, long tasks,
//! keystroke → paint), the engines alone (`bench/page.html`: ready, query latency over
//! `bench/queries.txt`), and native loading, and writes `BENCHMARKS.md` with the numbers
//! and their ratios. Then `bench/prebuilt.mjs`: a site built by `chronicle build` beside
//! Pagefind and the JSON on 50,000 mails, and the offline file prebuilt and as JSON
//! (`--prebuilt` runs that part alone).

use std::path::PathBuf;

use crate::tools::{run as run_command, step, Tools};
use crate::{generate, messy};
use crate::{root, Result};

/// Seed of the generated corpora and queries.
pub const SEED: u64 = 20181017; // the seed press release's date

fn demo_corpus() -> Result<chronicle_core::Corpus> {
    let bytes = std::fs::read(root().join("public/corpus.json")).map_err(|e| e.to_string())?;
    chronicle_core::load_corpus(&bytes)
        .map(|l| l.corpus)
        .map_err(|e| e.to_string())
}

/// A generated corpus, by the name of its file in `target/corpora/`.
#[derive(Debug, Clone, Copy)]
pub enum Generated {
    /// Recombined State of the Union paragraphs (`sotu-{N/1000}k.json`).
    Sotu(usize),
    /// Mail with the traits of real archives (`mail-{N/1000}k.json`).
    Mail(usize),
    /// Five small documents and one of 50 MB (`mail-huge.json`).
    Huge,
}

impl Generated {
    /// The file name.
    pub fn file_name(self) -> String {
        match self {
            Generated::Sotu(n) => format!("sotu-{}k.json", n / 1000),
            Generated::Mail(n) => format!("mail-{}k.json", n / 1000),
            Generated::Huge => "mail-huge.json".to_string(),
        }
    }

    fn generate(self, source: &chronicle_core::Corpus) -> String {
        match self {
            Generated::Sotu(n) => generate::corpus(source, n, SEED),
            Generated::Mail(n) => messy::mail(source, n, SEED),
            Generated::Huge => messy::huge(source, 50_000_000, SEED),
        }
    }
}

/// Writes each generated corpus into `target/corpora/` (skipped when present).
pub fn write_corpora(which: &[Generated]) -> Result<Vec<PathBuf>> {
    let dir = root().join("target/corpora");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut paths = Vec::new();
    let mut source = None;
    for &g in which {
        let path = dir.join(g.file_name());
        if !path.exists() {
            step(&format!("generating {} (seed {SEED})", path.display()));
            if source.is_none() {
                source = Some(demo_corpus()?);
            }
            let json = g.generate(source.as_ref().expect("loaded above"));
            std::fs::write(&path, json).map_err(|e| e.to_string())?;
        }
        paths.push(path);
    }
    Ok(paths)
}

/// `cargo xtask bench [--write-queries | --prebuilt | --million | --reuse-e2e]`.
pub fn run(args: &[String]) -> Result {
    if args.iter().any(|a| a == "--write-queries") {
        let queries = generate::queries(&demo_corpus()?, SEED);
        std::fs::write(root().join("bench/queries.txt"), queries).map_err(|e| e.to_string())?;
        eprintln!("wrote bench/queries.txt");
        return Ok(());
    }
    let tools = Tools::setup(true)?;
    step("building the release app into dist/ (trunk build --release)");
    run_command(tools.command("trunk").args(["build", "--release"]))?;
    if args.iter().any(|a| a == "--prebuilt") {
        return prebuilt(&tools);
    }
    if args.iter().any(|a| a == "--million") {
        return million(&tools);
    }
    step("building it again with the engine's JavaScript API, for the engine-only figures (dist-bench/)");
    run_command(tools.command("trunk").args([
        "build",
        "--release",
        "--features",
        "bench-api",
        "--dist",
        "dist-bench",
    ]))?;
    write_corpora(&[
        Generated::Sotu(10_000),
        Generated::Mail(6_000),
        Generated::Mail(50_000),
        Generated::Huge,
    ])?;
    // The warm-up archive the app loads during a download, for MiniSearch to warm up on too.
    std::fs::write(
        root().join("target/corpora/warmup.json"),
        chronicle_core::warmup::corpus(chronicle_core::warmup::DOCUMENTS),
    )
    .map_err(|e| e.to_string())?;
    step("benchmarking in headless Chromium: Chronicle, MiniSearch and FlexSearch, end to end and engine only (about 15 minutes)");
    // `--reuse-e2e`: the end-to-end figures of the last run are kept (see bench/run.mjs).
    let reuse = args.iter().filter(|a| *a == "--reuse-e2e");
    run_command(tools.command("node").arg("bench/run.mjs").args(reuse))?;
    prebuilt(&tools)
}

/// A built site beside Pagefind and the JSON (`bench/prebuilt.mjs`).
fn prebuilt(tools: &Tools) -> Result {
    write_corpora(&[Generated::Mail(50_000)])?;
    step("building the command line and the offline files (prebuilt and --json)");
    build_cli(tools)?;
    for (json, out) in [
        (false, "dist-offline/chronicle.html"),
        (true, "dist-offline/chronicle-json.html"),
    ] {
        let mut c = tools.chronicle();
        c.args(["bundle", "public/corpus.json", "--app", "dist", "-o", out]);
        if json {
            c.arg("--json");
        }
        run_command(&mut c)?;
    }
    step("benchmarking a built site beside Pagefind 1.6 and the JSON, in headless Chromium (about 8 minutes)");
    run_command(tools.command("node").arg("bench/prebuilt.mjs"))
}

/// A million generated documents as a built site (`bench/million.mjs`): 1.6 GB of JSON,
/// generated once into `target/corpora/`, so not part of the default run.
fn million(tools: &Tools) -> Result {
    write_corpora(&[Generated::Sotu(1_000_000)])?;
    step("building the command line");
    build_cli(tools)?;
    step("building a million documents into a site and opening it in headless Chromium (about 3 minutes)");
    run_command(tools.command("node").arg("bench/million.mjs"))
}

/// Builds the command line (`target/release/chronicle`), which the benchmark scripts run.
fn build_cli(tools: &Tools) -> Result {
    run_command(
        tools
            .command("cargo")
            .args(["build", "--release", "-p", "chronicle-cli"]),
    )
}
