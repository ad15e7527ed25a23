//! Shared helpers of the test crates (the corpus, a temporary folder that
//! cleans up after itself), and the skip log of every test.
//!
//! The corpus lives outside the repository. Its directory comes from
//! `PLAN_LINT_CORPUS` (a relative path is taken from the workspace root);
//! when that is unset or empty, `../shared/corpus` beside the workspace is
//! used if it exists, and otherwise the tests are skipped, and the skip is
//! recorded with [`record_skip`]. A `PLAN_LINT_CORPUS` that names a missing
//! directory fails the test.
//!
//! A test that skips for a missing external input must say so: a test that
//! returns early passes, and `cargo test` then reports as passed something
//! that never ran. [`record_skip`] prints one line `<what> skipped: <why>`
//! to standard error and appends it to the file named by
//! `PLAN_LINT_SKIP_LOG` when that is set; `scripts/test.sh` sets it and
//! prints the lines (deduplicated, with a count) as its last output.
//!
//! This file depends only on `std`, so a test crate elsewhere in the
//! workspace can use it too: `#[path = "../../tests/common/mod.rs"] mod
//! common;` (it finds the workspace root by itself).

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Records a skipped test: prints `<what> skipped: <why>` to standard
/// error and appends that line to `$PLAN_LINT_SKIP_LOG` when it is set.
///
/// `what` names the tests in a way a reader of the summary understands
/// ("corpus tests"), `why` the missing input and how to provide it. Keep
/// both free of per-test details so that the tests skipped for one reason
/// give the same line (the summary counts them).
pub fn record_skip(what: &str, why: &str) {
    let line = format!("{what} skipped: {why}");
    let test = std::thread::current()
        .name()
        .unwrap_or("(unnamed test)")
        .to_string();
    eprintln!("{line} [{test}]");
    let Some(log) = std::env::var_os("PLAN_LINT_SKIP_LOG").filter(|p| !p.is_empty()) else {
        return;
    };
    // One write of one short line with O_APPEND: lines from test processes
    // running at once do not interleave.
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log)
        .and_then(|mut f| f.write_all(format!("{line}\n").as_bytes()));
    // The log is how the run reports the skip: losing it must not pass quietly.
    if let Err(e) = written {
        panic!(
            "cannot append to PLAN_LINT_SKIP_LOG={}: {e}",
            Path::new(&log).display()
        );
    }
}

/// The workspace root: the nearest folder at or above this crate's manifest
/// holding `Cargo.lock` (the same folder from the root package's tests and
/// from a member's).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|dir| dir.join("Cargo.lock").is_file())
        .unwrap_or(manifest)
        .to_path_buf()
}

/// The corpus directory, or `None` (after recording the skip) to skip.
pub fn corpus_dir() -> Option<PathBuf> {
    external_dir("PLAN_LINT_CORPUS", "../shared/corpus", "corpus tests")
}

/// The development corpus (48 plans from 21 provinces: `PLAN_LINT_CORPUS_DEV`,
/// default `../shared/corpus-dev`), or `None` (after recording the skip).
pub fn corpus_dev_dir() -> Option<PathBuf> {
    external_dir(
        "PLAN_LINT_CORPUS_DEV",
        "../shared/corpus-dev",
        "corpus-dev tests",
    )
}

/// A folder outside the repository: from `var` (relative to the workspace
/// root; set but missing fails the test), else `default` beside the
/// workspace when it exists, else `None` with the skip recorded.
fn external_dir(var: &str, default: &str, what: &str) -> Option<PathBuf> {
    let root = workspace_root();
    if let Some(dir) = std::env::var_os(var).filter(|d| !d.is_empty()) {
        // `.ci/run` sets a path relative to the repository root.
        let dir = root.join(dir);
        assert!(
            dir.is_dir(),
            "{var} is set to {}, which is not a directory",
            dir.display()
        );
        return Some(dir);
    }
    let default_dir = root.join(default);
    if default_dir.is_dir() {
        Some(default_dir)
    } else {
        record_skip(
            what,
            &format!("{default} not found beside the repository (put it there or set {var})"),
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

/// Rows of a CSV (fields quoted where needed, CRLF or LF line ends).
pub fn csv_rows(csv: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = csv.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            _ => field.push(c),
        }
    }
    if !row.is_empty() || !field.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// A fresh folder under the system's temporary folder, removed with all it
/// holds when dropped (also when the test fails), so that tests leave
/// nothing behind.
pub struct TempDir(PathBuf);

impl TempDir {
    /// A new empty folder `plan-lint-<name>-<pid>-<n>`: the process id keeps
    /// test binaries running at once apart, the counter the folders of one
    /// process (a name used twice, as in a loop, still gets its own). A
    /// leftover of an earlier process with the same id is removed first.
    pub fn new(name: &str) -> TempDir {
        static CREATED: AtomicUsize = AtomicUsize::new(0);
        let n = CREATED.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("plan-lint-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        TempDir(dir)
    }

    /// Writes `contents` to `name` (a relative path; missing folders on the
    /// way are created) and returns the file's path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// The path of `name` in this folder.
    pub fn join(&self, name: impl AsRef<Path>) -> PathBuf {
        self.0.join(name)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
