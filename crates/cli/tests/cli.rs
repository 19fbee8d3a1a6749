//! End-to-end tests of the `chronicle` binary: ingest, validate, stats.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn chronicle(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chronicle"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the chronicle binary runs")
}

/// The seed press release (one copy in the repository, shared with the core tests).
const SEED: &str = "../core/tests/data/press-release-2018-10-17.txt";

fn data(name: &str) -> String {
    format!("../../tests/fixtures/{name}")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn temp_out(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn ingest_parses_the_seed_press_release_exactly() {
    // See: #2 (golden output for the seed)
    let dir = tempfile::tempdir().unwrap();
    let out = temp_out(&dir, "corpus.json");
    let run = chronicle(&[
        "ingest",
        SEED,
        "-o",
        out.to_str().unwrap(),
        "--title",
        "Seed",
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(
        text(&run.stderr).contains("ingested 1 documents from 1 files (0 rejected, 0 warnings)")
    );
    let corpus = read_json(&out);
    let doc = &corpus["documents"][0];
    assert_eq!(
        doc["title"],
        "The Coalition with the presence of the National Council’s representative meet US Envoy \
         to Discusses Ways to Reinvigorate UN-led Political Process"
    );
    assert_eq!(doc["date"], "2018-10-17");
    assert_eq!(doc["agency"], "ARK News");
    assert_eq!(doc["source"], "Syrian Coalition");
    assert_eq!(doc["meta"]["unplaced"], "788");
    // The file exactly as written: field order, indentation, the trailing newline.
    insta::assert_snapshot!("seed_corpus", std::fs::read_to_string(&out).unwrap());
}

#[test]
fn ingested_output_validates_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let first = temp_out(&dir, "a.json");
    let second = temp_out(&dir, "b.json");
    let seed = SEED.to_string();
    assert!(chronicle(&["ingest", &seed, "-o", first.to_str().unwrap()])
        .status
        .success());
    let validate = chronicle(&["validate", first.to_str().unwrap()]);
    assert!(validate.status.success(), "{}", text(&validate.stdout));
    assert!(text(&validate.stdout).contains("ok, 1 documents"));
    // Ingesting a corpus gives the same corpus back.
    assert!(chronicle(&[
        "ingest",
        first.to_str().unwrap(),
        "-o",
        second.to_str().unwrap()
    ])
    .status
    .success());
    assert_eq!(read_json(&first), read_json(&second));
}

#[test]
fn validate_reports_every_problem_with_its_place_and_fails() {
    let run = chronicle(&["validate", &data("broken-docs.json")]);
    assert_eq!(run.status.code(), Some(1));
    insta::assert_snapshot!("validate_broken_docs", text(&run.stdout));
}

#[test]
fn validate_reports_invalid_json_with_line_and_column() {
    let run = chronicle(&["validate", &data("not-json.json")]);
    assert_eq!(run.status.code(), Some(1));
    let out = text(&run.stdout);
    assert!(
        out.contains("tests/fixtures/not-json.json:3:14: the file is not valid JSON: `]` does not close the `{` before it"),
        "{out}"
    );
}

#[test]
fn stats_prints_counts_dates_and_top_sources() {
    let run = chronicle(&["stats", &data("broken-docs.json")]);
    assert!(run.status.success());
    insta::assert_snapshot!("stats_broken_docs", text(&run.stdout));
}

#[test]
fn ingest_renames_clashing_file_ids_and_keeps_going_past_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let seed = std::fs::read(SEED).unwrap();
    std::fs::write(dir.path().join("release.txt"), &seed).unwrap();
    std::fs::write(sub.join("release.txt"), &seed).unwrap();
    std::fs::write(sub.join("broken.json"), b"{ not json").unwrap();
    std::fs::write(sub.join("notes.md"), b"ignored in directories").unwrap();
    let out = temp_out(&dir, "out.json");
    let run = chronicle(&[
        "ingest",
        dir.path().to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let err = text(&run.stderr);
    assert!(err.contains("broken.json:1:3"), "{err}");
    assert!(err.contains("renamed \"release-2\""), "{err}");
    let ids: Vec<String> = read_json(&out)["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&"release".to_string()) && ids.contains(&"release-2".to_string()));
}

#[test]
fn ingest_refuses_unknown_explicit_files() {
    let run = chronicle(&["ingest", "Cargo.toml", "-o", "/dev/null"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(text(&run.stderr).contains("unknown file type"));
}

#[test]
fn stats_counts_identical_copies() {
    let run = chronicle(&["stats", &data("copies.json")]);
    assert!(run.status.success());
    let out = text(&run.stdout);
    // One mail filed in three folders: two copies; the same mail a week later is none.
    assert!(out.contains("copies:       2 identical copies"), "{out}");
    let run = chronicle(&["stats", &data("broken-docs.json")]);
    assert!(!text(&run.stdout).contains("copies:"));
}
