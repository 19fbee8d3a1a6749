//! `cargo xtask`: the one place that knows how to build, serve and test Chronicle.
//!
//! # Overview
//! - `cargo xtask serve [--port 8080]`: install what is missing, build the release app
//!   with the demo corpus, and serve it on http://127.0.0.1:8080.
//! - `cargo xtask test`: install what is missing (Chromium included), then run every
//!   check: formatting, clippy, the native tests, the demo corpus check, the release
//!   build, and the browser tests in headless Chromium.
//! - `cargo xtask build`: the release build alone (into `dist/`).
//! - `cargo xtask dist`: the release build, plus the demo archive as one self-contained
//!   file for offline use (`dist-offline/chronicle.html`, by `chronicle bundle`) and as
//!   a site with a prebuilt archive (`dist-site/`, by `chronicle build`).
//! - `cargo xtask corpus [--check]`: regenerate `public/corpus.json` from its sources
//!   (or check that the committed file is exactly what they give).
//! - `cargo xtask screenshot`: retake `docs/screenshot.png` from the real app.
//! - `cargo xtask bench`: Chronicle and MiniSearch side by side in headless Chromium,
//!   on the demo corpus and generated 10,000- and 50,000-document corpora; writes
//!   `BENCHMARKS.md`. `--write-queries` regenerates `bench/queries.txt`. Then a site built
//!   by `chronicle build` beside Pagefind (`--prebuilt`: that alone).
//! - `cargo xtask corpora`: write the generated benchmark corpora into `target/corpora/`.
//! - `cargo xtask setup`: only install the tools.
//!
//! Everything is plain `std`: no dependency to download before the first message shows.

mod bench;
mod corpus;
mod generate;
mod messy;
mod server;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bench::Generated;
use tools::{run, step, Tools};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("build") => Tools::setup(false).and_then(|t| build(&t)),
        Some("dist") => Tools::setup(false).and_then(|t| {
            build(&t)?;
            offline(&t)?;
            site(&t)
        }),
        Some("test") => test(),
        Some("corpus") => corpus::run_command(&args[1..]),
        Some("screenshot") => Tools::setup(true).and_then(|t| {
            build(&t)?;
            run(t.command("node").arg("tests/e2e/screenshot.mjs"))
        }),
        Some("setup") => Tools::setup(true).map(|_| ()),
        Some("bench") => bench::run(&args[1..]),
        Some("corpora") if args.get(1).is_some_and(|a| a == "--million") => {
            bench::write_corpora(&[Generated::Sotu(1_000_000)]).map(|_| ())
        }
        Some("corpora") => bench::write_corpora(&[
            Generated::Sotu(10_000),
            Generated::Sotu(50_000),
            Generated::Mail(6_000),
            Generated::Mail(50_000),
            Generated::Huge,
        ])
        .map(|_| ()),
        _ => {
            eprintln!(
                "usage: cargo xtask <serve [--port N] | test | build | dist | corpus [--check] | \
                 bench [--write-queries | --prebuilt | --million] | corpora [--million] | \
                 screenshot | setup>"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the repository")
        .to_path_buf()
}

/// The result type of every step.
pub type Result<T = ()> = std::result::Result<T, String>;

fn build(tools: &Tools) -> Result {
    step("building the release app into dist/ (trunk build --release)");
    run(tools.command("trunk").args(["build", "--release"]))
}

/// Most bytes each release wasm may take, gzipped (level 9). The page's is the 340 KB #11
/// asks for. History: one module for page and engine was 527 KB before the first size
/// pass, 469 KB with the worker and the prebuilt reader, 393 KB after the engine went to
/// opt-level "s", every sort through one radix sort and one heapsort, sorted lists for
/// B-trees, one tokenizer copy per kind of caller; 372 KB with the engine at opt-level
/// "z" too; 399 KB with export, citation, related documents and terms over time. Then the
/// engine moved to a module of its own, which only workers load (crates/engine): the
/// page's module fell to 240 KB, and the engine's, built for speed (opt-level 3), is
/// 274 KB.
pub const WASM_BUDGETS_GZIP: [(&str, usize); 2] = [
    ("chronicle-app_bg.wasm", 340_000),
    ("chronicle-engine_bg.wasm", 300_000),
];

/// Fails if a release wasm, gzipped, is over its budget in [`WASM_BUDGETS_GZIP`].
fn check_size() -> Result {
    for (name, budget) in WASM_BUDGETS_GZIP {
        let wasm = root().join("dist").join(name);
        let out = std::process::Command::new("gzip")
            .args(["-9", "-c"])
            .arg(&wasm)
            .output()
            .map_err(|e| format!("gzip {}: {e}", wasm.display()))?;
        let size = out.stdout.len();
        step(&format!(
            "checking the download size: {name} is {} KB gzipped (budget {} KB)",
            size / 1000,
            budget / 1000
        ));
        if !out.status.success() || size < 1000 {
            return Err(format!(
                "cannot read {}: build the app first",
                wasm.display()
            ));
        }
        if size > budget {
            return Err(format!(
                "{name} is {size} bytes gzipped, over its budget of {budget}"
            ));
        }
    }
    Ok(())
}

/// Where `cargo xtask dist` writes the offline file.
pub const OFFLINE: &str = "dist-offline/chronicle.html";

fn offline(tools: &Tools) -> Result {
    bundle(tools, "the demo archive", "public/corpus.json", OFFLINE)?;
    step(&format!(
        "bundling the demo archive as JSON into one file: {OFFLINE_JSON} (chronicle bundle --json)"
    ));
    run(tools.chronicle().args([
        "bundle",
        "public/corpus.json",
        "--json",
        "--app",
        "dist",
        "-o",
        OFFLINE_JSON,
    ]))
}

/// The same, with the corpus inlined as JSON (read and indexed as it opens).
pub const OFFLINE_JSON: &str = "dist-offline/chronicle-json.html";

/// Where `cargo xtask dist` writes the demo archive as a built site.
pub const SITE: &str = "dist-site";

/// The demo corpus as a site with a prebuilt archive (chronicle build).
fn site(tools: &Tools) -> Result {
    let build = |what: &str, out: &str, extra: &[&str]| {
        let flags: String = extra.iter().map(|f| format!(" {f}")).collect();
        step(&format!("{what}: {out}/ (chronicle build{flags})"));
        let args = [
            "build",
            "public/corpus.json",
            "--app",
            "dist",
            "-o",
            out,
            "--quiet",
        ];
        run(tools.chronicle().args(args).args(extra))
    };
    build(
        "building the demo archive as a site with a prebuilt archive",
        SITE,
        &[],
    )?;
    build(
        "the same archive with its text inside",
        "dist-offline/single",
        &["--single-file"],
    )
}

/// Bundles `corpus` with the built app into one HTML file at `out` (chronicle bundle).
fn bundle(tools: &Tools, what: &str, corpus: &str, out: &str) -> Result {
    step(&format!(
        "bundling {what} into one file: {out} (chronicle bundle)"
    ));
    run(tools
        .chronicle()
        .args(["bundle", corpus, "--app", "dist", "-o", out]))
}

fn serve(args: &[String]) -> Result {
    let port = match args {
        [] => 8080,
        [flag, n] if flag == "--port" => n.parse().map_err(|_| format!("bad port: {n}"))?,
        _ => return Err("usage: cargo xtask serve [--port N]".into()),
    };
    let tools = Tools::setup(false)?;
    build(&tools)?;
    server::serve(&root().join("dist"), port)
}

/// Seconds each fuzz target runs in `cargo xtask test` (`CHRONICLE_FUZZ_SECONDS`).
const FUZZ_SECONDS: u32 = 30;

fn fuzz(tools: &Tools) -> Result {
    let seconds = std::env::var("CHRONICLE_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(FUZZ_SECONDS);
    tools::ensure_cargo_fuzz()?;
    for target in ["query_parser", "corpus_loader", "prebuilt_archive"] {
        step(&format!("fuzzing {target} for {seconds} s (cargo fuzz)"));
        run(tools
            .command("cargo")
            .current_dir(root().join("fuzz"))
            // cargo fuzz needs nightly flags; this lets the stable toolchain accept them.
            .env("RUSTC_BOOTSTRAP", "1")
            .args([
                "fuzz",
                "run",
                target,
                "--",
                &format!("-max_total_time={seconds}"),
            ]))?;
    }
    Ok(())
}

fn test() -> Result {
    let tools = Tools::setup(true)?;
    step("checking formatting (cargo fmt --check)");
    run(tools.command("cargo").args(["fmt", "--all", "--check"]))?;
    step("linting (cargo clippy --workspace --all-targets -D warnings)");
    run(tools.command("cargo").args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    step(
        "linting the browser build: page and engine (cargo clippy --target wasm32-unknown-unknown)",
    );
    run(tools.command("cargo").args([
        "clippy",
        "-p",
        "chronicle",
        "-p",
        "chronicle-engine",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;
    step("native tests: core, CLI, app state (cargo test --workspace)");
    run(tools.command("cargo").args(["test", "--workspace"]))?;
    fuzz(&tools)?;
    corpus::check(&tools)?;
    build(&tools)?;
    check_size()?;
    offline(&tools)?;
    site(&tools)?;
    bundle(
        &tools,
        "the hostile test corpus",
        "tests/fixtures/xss.json",
        "dist-offline/xss.html",
    )?;
    bench::write_corpora(&[Generated::Sotu(10_000), Generated::Huge])?;
    step("browser tests in headless Chromium (Playwright)");
    run(tools
        .command("npx")
        .args(["playwright", "test", "-c", "tests/e2e/playwright.config.ts"]))?;
    step("all tests passed");
    Ok(())
}
