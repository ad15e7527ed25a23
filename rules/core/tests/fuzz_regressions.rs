//! Replays every input in `fuzz/regressions/` (every input that ever made
//! the fuzzer fail) through the fuzz target's harness, on the stable
//! toolchain and without libFuzzer: decode, position conversions, parse,
//! model, and the harness's checks on the model. See
//! `fuzz/regressions/README.md`.

use std::panic;
use std::path::{Path, PathBuf};

// The very code the fuzz target runs (fuzz/fuzz_targets/decode_parse_model.rs).
#[path = "../../../fuzz/src/lib.rs"]
mod harness;

fn regressions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions")
}

/// The inputs: every file in the directory but its README and dot files.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_file())
        .filter(|path| {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name != "README.md" && !name.starts_with('.')
        })
        .collect();
    files.sort();
    files
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(a panic without a message)".to_owned()
    }
}

#[test]
fn every_fuzz_regression_input_goes_through_without_panicking() {
    let dir = regressions_dir();
    assert!(
        dir.is_dir(),
        "{} is missing: it holds the fuzzer's crash inputs (keep it, with its README, even when empty)",
        dir.display()
    );
    let files = inputs(&dir);
    let mut failures = Vec::new();
    for file in &files {
        let data =
            std::fs::read(file).unwrap_or_else(|e| panic!("reading {}: {e}", file.display()));
        if let Err(payload) = panic::catch_unwind(|| harness::decode_parse_model(&data)) {
            failures.push(format!("{}: {}", file.display(), panic_message(&*payload)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fuzz regression inputs panic:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
    eprintln!(
        "fuzz_regressions: {} inputs from {} went through",
        files.len(),
        dir.display()
    );
}

/// The harness itself on a few hand-written inputs, so that it is known to
/// accept ordinary text (and to be run) even while the directory is empty.
#[test]
fn the_harness_accepts_ordinary_inputs() {
    for input in [
        &b""[..],
        b"\n",
        "一、总体目标\r\n(一)加强组织领导。到2025年,建成5个以上。\n附件:1.方案".as_bytes(),
        "\u{feff}𠀀\r\n\r".as_bytes(),
        b"\xff\xfe\x00\xd8",
        b"\xfe\xff\x4e\x00",
        b"\x80\x81\xff",
    ] {
        harness::decode_parse_model(input);
    }
}
