//! Shared helpers of the corpus tests.
//!
//! The corpus lives outside the repository. Its directory comes from
//! `PLAN_LINT_CORPUS`; when that is unset, `../shared/corpus` next to the
//! workspace is used if it exists, and otherwise the tests are skipped with a
//! note. A `PLAN_LINT_CORPUS` that names a missing directory fails the test.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The corpus directory, or `None` (after printing why) to skip.
pub fn corpus_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PLAN_LINT_CORPUS") {
        let dir = PathBuf::from(dir);
        let dir = if dir.is_relative() {
            // `.ci/run` sets a path relative to the repository root.
            Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)
        } else {
            dir
        };
        assert!(
            dir.is_dir(),
            "PLAN_LINT_CORPUS is set to {}, which is not a directory",
            dir.display()
        );
        return Some(dir);
    }
    let default = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if default.is_dir() {
        Some(default)
    } else {
        println!(
            "note: corpus not found at {}; set PLAN_LINT_CORPUS to run the corpus tests",
            default.display()
        );
        None
    }
}

/// The one corpus file whose name starts with `prefix` (`003_`).
pub fn corpus_file(dir: &Path, prefix: &str) -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "txt")
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(prefix))
        })
        .collect();
    assert_eq!(found.len(), 1, "one {prefix}*.txt in {}", dir.display());
    found.pop().unwrap()
}

/// The five corpus documents' prefixes.
pub const DOCUMENTS: [&str; 5] = ["000_", "001_", "002_", "003_", "004_"];
