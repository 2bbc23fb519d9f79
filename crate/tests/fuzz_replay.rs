//! Replays the fuzz corpora on stable (issue #3): every file under `fuzz/corpus/<target>/` and
//! `fuzz/regressions/<target>/` goes through the same harness the cargo-fuzz target calls
//! (`rubrica_core::fuzzing`). A panic is a regression; the failure names the file.
//! Running the fuzzers themselves needs nightly: see `docs/testing.md`, "Fuzzing".
#![cfg(feature = "full")]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn files_of(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn replay(kind: &str) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz")
        .join(kind);
    let mut targets: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    targets.sort();
    let mut ran = 0;
    let mut failures = Vec::new();
    for dir in targets {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let harness = rubrica_core::fuzzing::harness(&name)
            .unwrap_or_else(|| panic!("{}: no fuzz target of that name", dir.display()));
        for file in files_of(&dir) {
            let data = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            if catch_unwind(AssertUnwindSafe(|| harness(&data))).is_err() {
                failures.push(file.display().to_string());
            }
            ran += 1;
        }
    }
    assert!(failures.is_empty(), "panicked on:\n{}", failures.join("\n"));
    ran
}

#[test]
fn corpus_replays_without_panics() {
    let ran = replay("corpus");
    assert!(ran > 0, "the fuzz corpus is empty");
}

#[test]
fn crashes_found_by_fuzzing_stay_fixed() {
    replay("regressions");
}
