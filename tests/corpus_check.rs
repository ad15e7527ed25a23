//! `plan-lint check --format json` of the five corpus documents, with the
//! national pack (the default) and with the Hunan pack, locked with
//! reviewed snapshots, plus the findings the corpus notes name.
//!
//! Review every changed snapshot by eye against the document:
//! `INSTA_UPDATE=always cargo test --test corpus_check`, then read
//! `tests/snapshots/corpus_check__*.snap`.

mod common;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

use common::{DOCUMENTS, corpus_dir, corpus_file};

fn check(file: &Path, packs: &[&str]) -> Value {
    let mut cmd = Command::cargo_bin("plan-lint").expect("the plan-lint binary is built");
    cmd.args(["check", "--no-config", "--format", "json"]);
    for pack in packs {
        cmd.args(["--pack", pack]);
    }
    let output = cmd.arg(file).output().unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "check failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut value: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    // The snapshot must not depend on where the corpus is.
    let name = file.file_name().unwrap().to_str().unwrap();
    for d in value.as_array_mut().unwrap() {
        d["file"] = Value::from(name);
        for r in d["related"].as_array_mut().unwrap() {
            r["file"] = Value::from(name);
        }
    }
    value
}

fn find<'a>(diagnostics: &'a Value, code: &str, line: u64) -> Vec<&'a Value> {
    diagnostics
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code && d["start"]["line"] == line)
        .collect()
}

fn related_lines(d: &Value) -> Vec<u64> {
    d["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["start"]["line"].as_u64().unwrap())
        .collect()
}

#[test]
fn corpus_diagnostics_match_the_reviewed_snapshots() {
    let Some(dir) = corpus_dir() else { return };
    for prefix in DOCUMENTS {
        let file = corpus_file(&dir, prefix);
        let name = prefix.trim_end_matches('_');
        insta::assert_json_snapshot!(format!("check_{name}"), check(&file, &[]));
        insta::assert_json_snapshot!(format!("check_{name}_hunan"), check(&file, &["hunan"]));
    }
}

#[test]
fn the_conflicts_the_corpus_notes_name_are_found() {
    let Some(dir) = corpus_dir() else { return };
    let d000 = check(&corpus_file(&dir, "000_"), &[]);
    // 改造老旧小区 5个以上 (line 16) against 7个以上 (line 98).
    let housing: Vec<_> = [16, 98]
        .iter()
        .flat_map(|&line| find(&d000, "T101", line))
        .filter(|d| d["message"].as_str().unwrap().contains("老旧小区"))
        .collect();
    assert!(!housing.is_empty(), "T101 老旧小区 between lines 16 and 98");
    assert!(
        housing
            .iter()
            .any(|d| related_lines(d).contains(&16) || related_lines(d).contains(&98)),
        "the conflict points at the other statement"
    );
    // 推动30个项目 (line 16) against 推动5个以上项目 into the 项目库 (line 99).
    let projects: Vec<_> = [16, 99]
        .iter()
        .flat_map(|&line| find(&d000, "T101", line))
        .filter(|d| {
            let m = d["message"].as_str().unwrap();
            m.contains("项目")
        })
        .collect();
    assert!(!projects.is_empty(), "T101 项目库 between lines 16 and 99");

    let d004 = check(&corpus_file(&dir, "004_"), &[]);
    let water = find(&d004, "R102", 734);
    assert_eq!(water.len(), 1, "市水利局 twice in one list at line 734");
    assert!(water[0]["message"].as_str().unwrap().contains("市水利局"));
}
