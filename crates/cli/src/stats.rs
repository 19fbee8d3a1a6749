//! `chronicle stats`: what is in a corpus, at a glance.
//!
//! # Overview
//! [`run`] prints the document count (and how many were rejected), the date span with
//! how many documents are undated, how many are identical copies of another, counts per field, the languages, and the top sources.
//! [`describe`] builds that report as a string, so it can be tested.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use chronicle_core::load::{load_corpus, load_json_lines};
use chronicle_core::metadata::Field;
use chronicle_core::{LoadError, Loaded};

/// How many sources `stats` lists.
const TOP_SOURCES: usize = 10;

/// Loads a corpus file; `.jsonl`/`.ndjson` are read as JSON Lines, `.csv`/`.tsv` as
/// spreadsheets, `.mbox`/`.eml` as mail, anything else is detected from its content.
pub fn load_file(path: &Path, bytes: &[u8]) -> Result<Loaded, LoadError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let converted = chronicle_core::load::Converted::of_name(&path.to_string_lossy());
    let mut loaded = match (ext.as_deref(), converted) {
        (_, Some(kind)) => chronicle_core::load::load_converted(bytes, kind),
        (Some("jsonl" | "ndjson"), _) => load_json_lines(bytes),
        _ => load_corpus(bytes),
    }?;
    loaded.make_ids_unique();
    Ok(loaded)
}

/// Runs `chronicle stats`.
pub fn run(file: &Path) -> anyhow::Result<ExitCode> {
    let name = file.display().to_string();
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {name}"))?;
    match load_file(file, &bytes) {
        Ok(loaded) => {
            print!("{}", describe(&loaded, bytes.len()));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => anyhow::bail!("{name}:{}: {}", e.position(), e.message()),
    }
}

/// The stats report.
pub fn describe(loaded: &Loaded, bytes: usize) -> String {
    let c = &loaded.corpus;
    let docs = &c.documents;
    let mut s = String::new();
    if let Some(t) = &c.title {
        let _ = writeln!(s, "title:        {t}");
    }
    let _ = writeln!(
        s,
        "documents:    {} ({} rejected, {} warnings)",
        docs.len(),
        loaded.rejected,
        loaded.problems.iter().filter(|p| !p.is_error()).count()
    );
    let _ = writeln!(
        s,
        "size:         {}",
        crate::ingest::human_bytes(bytes as u64)
    );
    let words: usize = docs.iter().map(|d| d.body.split_whitespace().count()).sum();
    let _ = writeln!(s, "body words:   {words}");
    let dated: Vec<_> = docs.iter().filter_map(|d| d.date).collect();
    match (dated.iter().min(), dated.iter().max()) {
        (Some(first), Some(last)) => {
            let _ = writeln!(
                s,
                "dates:        {} – {} ({} undated)",
                first,
                last,
                docs.len() - dated.len()
            );
        }
        _ => {
            let _ = writeln!(s, "dates:        none ({} undated)", docs.len());
        }
    }
    let keys: Vec<u64> = docs
        .iter()
        .map(|d| chronicle_core::copies::key(&d.title, &d.body, d.date))
        .collect();
    let copies = chronicle_core::copies::Copies::new(&keys).extra();
    if copies > 0 {
        let _ = writeln!(
            s,
            "copies:       {copies} identical copies (same title, text and date) of other documents; the app lists each once"
        );
    }
    // Every metadata field, as the corpus format names it.
    let with: Vec<String> = Field::metadata()
        .map(|f| {
            let n = docs.iter().filter(|d| !d.values(f).is_empty()).count();
            format!("{}: {n}", f.spec().map_or("", |s| s.key))
        })
        .collect();
    let _ = writeln!(s, "with {}", with.join(" · "));
    let languages = top(docs.iter().filter_map(|d| d.first(Field::Lang)), usize::MAX);
    if !languages.is_empty() {
        let list: Vec<String> = languages
            .iter()
            .map(|(l, n)| format!("{l} ({n})"))
            .collect();
        let _ = writeln!(s, "languages:    {}", list.join(", "));
    }
    let sources = top(
        docs.iter().filter_map(|d| d.first(Field::Source)),
        TOP_SOURCES,
    );
    let distinct = docs
        .iter()
        .filter_map(|d| d.first(Field::Source))
        .collect::<std::collections::HashSet<_>>()
        .len();
    let _ = writeln!(
        s,
        "sources:      {distinct} distinct; top {}:",
        sources.len()
    );
    for (source, n) in sources {
        let _ = writeln!(s, "  {n:>6}  {source}");
    }
    s
}

/// The `limit` most frequent values, most frequent first, ties alphabetical.
fn top<'a>(values: impl Iterator<Item = &'a str>, limit: usize) -> Vec<(&'a str, usize)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let mut list: Vec<_> = counts.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    list.truncate(limit);
    list
}
