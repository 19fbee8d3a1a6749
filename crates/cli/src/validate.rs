//! `chronicle validate`: every problem of a corpus file, each with its place.
//!
//! # Overview
//! [`run`] loads the file exactly as the app does ([`chronicle_core::load`]), prints one
//! line per problem (`error: corpus.json:12:5, document 3 (id "x"), field "title": …`)
//! and a summary, and exits 1 if there was any problem, 0 if none. A file that cannot be
//! read as a corpus at all is reported with its position, also with exit 1.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::stats::load_file;

/// Runs `chronicle validate`.
pub fn run(file: &Path) -> anyhow::Result<ExitCode> {
    let name = file.display().to_string();
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {name}"))?;
    let mut out = std::io::stdout().lock();
    let loaded = match load_file(file, &bytes) {
        Ok(loaded) => loaded,
        Err(e) => {
            writeln!(out, "error: {name}:{}: {}", e.position(), e.message())?;
            writeln!(out, "{name}: not loadable")?;
            return Ok(ExitCode::from(1));
        }
    };
    for p in &loaded.problems {
        writeln!(out, "{}", p.clone().in_file(name.clone()))?;
    }
    let warnings = loaded.problems.iter().filter(|p| !p.is_error()).count();
    let valid = loaded.corpus.documents.len();
    if loaded.problems.is_empty() {
        writeln!(out, "{name}: ok, {valid} documents")?;
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(
            out,
            "{name}: {valid} valid documents, {} rejected, {warnings} warnings",
            loaded.rejected
        )?;
        Ok(ExitCode::from(1))
    }
}
