//! Applying every fix never creates a finding the text did not have.
//!
//! For `examples/` and the five corpus documents (national pack, and Hunan
//! pack for the corpus), this applies the fixes `plan-lint check` offers the
//! way the language server's fix-all does (every fix that does not overlap
//! an earlier one), checks the result again and fails when a diagnostic is
//! there that was not there before (see [`created_by_fixes`]).
//! A fix that makes the text right by one rule and wrong by another (the
//! F106 fix that left 附件1 for an unnumbered 附件说明 entry and raised two
//! S201) is a bug.

mod common;
mod docx_support;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

use common::{DOCUMENTS, corpus_dir, corpus_file, workspace_root};
use docx_support::byte_at;

/// `plan-lint check --format json` of `text` read from standard input.
fn check(text: &str, packs: &[&str]) -> Vec<Value> {
    let mut cmd = Command::cargo_bin("plan-lint").expect("the plan-lint binary is built");
    cmd.args([
        "check",
        "--no-config",
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    for pack in packs {
        cmd.args(["--pack", pack]);
    }
    let output = cmd.arg("-").write_stdin(text).output().unwrap();
    assert!(
        output.status.success(),
        "check failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let value: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    value.as_array().cloned().unwrap_or_default()
}

/// The byte offset of a JSON position (1-based line, 1-based column in
/// characters).
fn offset(text: &str, position: &Value) -> usize {
    let number = |key: &str| position[key].as_u64().unwrap() as usize;
    byte_at(text, (number("line"), number("column")))
}

/// The text with every fix applied that does not overlap one taken before
/// it (fixes in order of their first edit), as the language server's
/// fix-all does.
fn apply_all(text: &str, diagnostics: &[Value]) -> (String, usize) {
    let mut fixes: Vec<Vec<(usize, usize, String)>> = diagnostics
        .iter()
        .filter_map(|d| d.get("fix"))
        .map(|fix| {
            fix["edits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    (
                        offset(text, &e["start"]),
                        offset(text, &e["end"]),
                        e["replacement"].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .collect();
    fixes.sort_by_key(|edits| edits.iter().map(|e| e.0).min());
    let mut taken: Vec<(usize, usize, String)> = Vec::new();
    let mut applied = 0;
    for edits in fixes {
        let overlaps = edits
            .iter()
            .any(|e| taken.iter().any(|t| (e.0 < t.1 && t.0 < e.1) || e.0 == t.0));
        if !overlaps {
            taken.extend(edits);
            applied += 1;
        }
    }
    taken.sort_by_key(|e| std::cmp::Reverse((e.0, e.1)));
    let mut out = text.to_string();
    for (start, end, replacement) in taken {
        out.replace_range(start..end, &replacement);
    }
    (out, applied)
}

/// A diagnostic's code, message and the text under its span.
fn finding(text: &str, d: &Value) -> (String, String, String) {
    let (start, end) = (offset(text, &d["start"]), offset(text, &d["end"]));
    (
        d["code"].as_str().unwrap().to_string(),
        d["message"].as_str().unwrap_or("").to_string(),
        text[start..end.max(start)].to_string(),
    )
}

/// The findings applying all fixes to `file` creates, described. A finding
/// after the fixes is an old one when one before had its code and either
/// its message or the text under its span (a fix may edit inside another
/// diagnostic's span: `(…按职能分工负责` closed by F103 is still the
/// clause R101 spoke of).
fn created_by_fixes(file: &Path, packs: &[&str]) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap();
    let before = check(&text, packs);
    let (fixed, applied) = apply_all(&text, &before);
    if applied == 0 {
        return Vec::new();
    }
    let old: Vec<(String, String, String)> = before.iter().map(|d| finding(&text, d)).collect();
    check(&fixed, packs)
        .iter()
        .map(|d| (finding(&fixed, d), d["start"]["line"].clone()))
        .filter(|((code, message, covered), _)| {
            !old.iter()
                .any(|(c, m, t)| c == code && (m == message || t == covered))
        })
        .map(|((code, message, _), line)| {
            format!(
                "{} {packs:?}: {code} at line {line}: {message}",
                file.display()
            )
        })
        .collect()
}

fn examples() -> Vec<PathBuf> {
    let dir = workspace_root().join("examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn fixing_the_examples_creates_no_finding() {
    let files = examples();
    assert!(!files.is_empty(), "examples/ holds the sample plan");
    let created: Vec<String> = files
        .iter()
        .flat_map(|f| created_by_fixes(f, &[]))
        .collect();
    assert!(created.is_empty(), "{}", created.join("\n"));
}

#[test]
fn fixing_the_corpus_creates_no_finding() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let mut created = Vec::new();
    for prefix in DOCUMENTS {
        let file = corpus_file(&dir, prefix);
        created.extend(created_by_fixes(&file, &[]));
        created.extend(created_by_fixes(&file, &["hunan"]));
    }
    assert!(created.is_empty(), "{}", created.join("\n"));
}

#[test]
fn applying_fixes_follows_the_fix_all_order() {
    let text = "甲乙丙丁\n戊己\n";
    let pos = |line: u64, column: u64| serde_json::json!({"line": line, "column": column});
    let edit =
        |s: Value, e: Value, r: &str| serde_json::json!({"start": s, "end": e, "replacement": r});
    let diagnostics = vec![
        // Starts after the next one and overlaps it: left out.
        serde_json::json!({"fix": {"edits": [edit(pos(1, 2), pos(1, 3), "")]}}),
        serde_json::json!({"fix": {"edits": [edit(pos(1, 1), pos(1, 3), "子")]}}),
        serde_json::json!({"fix": {"edits": [edit(pos(2, 3), pos(2, 3), "庚")]}}),
    ];
    let (fixed, applied) = apply_all(text, &diagnostics);
    assert_eq!(applied, 2);
    assert_eq!(fixed, "子丙丁\n戊己庚\n");
}
