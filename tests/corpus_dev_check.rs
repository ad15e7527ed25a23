//! `plan-lint check` on the development corpus (48 plans from 21 provinces
//! and national ministries, `../shared/corpus-dev`): every diagnostic is in
//! a reviewed snapshot per document, and every warning and error has a
//! verdict in `tests/data/corpus-dev-review.tsv`.
//!
//! The review file has one line per warning or error: the document's
//! number (`57`), the line, the code, the verdict (`true`, `false` or
//! `doubtful`) and why, TAB-separated. A diagnostic with no line there
//! fails the test (read it against the document and add its verdict), and
//! so does a line that no longer matches a diagnostic (a fix made it go:
//! delete the line). False alarms are capped: a drafter who sees more than
//! a few stops trusting the tool.
//!
//! Update the snapshots after reading every change:
//! `INSTA_UPDATE=always cargo test --test corpus_dev_check`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The false alarms (warnings and errors) tolerated over the whole corpus.
const MAX_FALSE: usize = 12;

const REVIEW: &str = include_str!("data/corpus-dev-review.tsv");

fn documents(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

fn check(file: &Path) -> Vec<Value> {
    let output = Command::cargo_bin("plan-lint")
        .expect("the plan-lint binary is built")
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--fail-on",
            "never",
        ])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "check {} failed: {}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice::<Value>(&output.stdout)
        .expect("JSON output")
        .as_array()
        .expect("an array")
        .clone()
}

/// One diagnostic as a reviewer reads it: place, code, severity, message,
/// and the lines of the other places.
fn line_of(d: &Value) -> String {
    let related: Vec<String> = d["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["start"]["line"].to_string())
        .collect();
    let mut out = format!(
        "{}:{} {} {} {}",
        d["start"]["line"],
        d["start"]["column"],
        d["code"].as_str().unwrap(),
        d["severity"].as_str().unwrap(),
        d["message"].as_str().unwrap()
    );
    if !related.is_empty() {
        out.push_str(&format!(" [related: {}]", related.join(", ")));
    }
    if d["fix"].is_object() {
        out.push_str(&format!(
            " [fix: {}]",
            d["fix"]["message"].as_str().unwrap()
        ));
    }
    out
}

/// The document's number: `57` of `57_chongqing_dikong-xingdong.txt`.
fn number(file: &Path) -> String {
    let name = file.file_name().unwrap().to_str().unwrap();
    name.split('_').next().unwrap().to_string()
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
struct Key {
    doc: String,
    line: u64,
    code: String,
}

fn review() -> BTreeMap<Key, (String, String)> {
    let mut out = BTreeMap::new();
    for (n, line) in REVIEW.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        assert!(
            fields.len() >= 5,
            "tests/data/corpus-dev-review.tsv:{}: doc, line, code, verdict, why (TAB-separated)",
            n + 1
        );
        let verdict = fields[3].to_string();
        assert!(
            matches!(verdict.as_str(), "true" | "false" | "doubtful"),
            "tests/data/corpus-dev-review.tsv:{}: verdict `{verdict}` is not true, false or doubtful",
            n + 1
        );
        let key = Key {
            doc: fields[0].to_string(),
            line: fields[1].parse().expect("a line number"),
            code: fields[2].to_string(),
        };
        out.insert(key, (verdict, fields[4].to_string()));
    }
    out
}

#[test]
fn corpus_dev_diagnostics_are_reviewed() {
    let Some(dir) = common::corpus_dev_dir() else {
        return;
    };
    let review = review();
    let mut seen: BTreeSet<Key> = BTreeSet::new();
    let mut unreviewed = Vec::new();
    let mut per_rule: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut per_doc: BTreeMap<String, usize> = BTreeMap::new();
    for file in documents(&dir) {
        let doc = number(&file);
        let diagnostics = check(&file);
        let text: Vec<String> = diagnostics.iter().map(line_of).collect();
        insta::assert_snapshot!(format!("check_dev_{doc}"), text.join("\n"));
        for d in diagnostics.iter().filter(|d| d["severity"] != "info") {
            let key = Key {
                doc: doc.clone(),
                line: d["start"]["line"].as_u64().unwrap(),
                code: d["code"].as_str().unwrap().to_string(),
            };
            *per_doc.entry(doc.clone()).or_default() += 1;
            let entry = per_rule.entry(key.code.clone()).or_default();
            entry.0 += 1;
            match review.get(&key) {
                Some((verdict, _)) => entry.1 += usize::from(verdict == "false"),
                None => unreviewed.push(format!("{doc}\t{}", line_of(d))),
            }
            seen.insert(key);
        }
    }
    let stale: Vec<&Key> = review.keys().filter(|k| !seen.contains(k)).collect();
    let false_alarms: Vec<String> = review
        .iter()
        .filter(|(k, (v, _))| v == "false" && seen.contains(k))
        .map(|(k, (_, why))| format!("{} line {} {}: {why}", k.doc, k.line, k.code))
        .collect();
    eprintln!("corpus-dev warnings and errors, per rule (all / judged false):");
    for (code, (all, fals)) in &per_rule {
        eprintln!("  {code}: {all} / {fals}");
    }
    eprintln!("per document: {per_doc:?}");
    eprintln!("false alarms ({}):", false_alarms.len());
    for f in &false_alarms {
        eprintln!("  {f}");
    }
    assert!(
        unreviewed.is_empty(),
        "warnings and errors with no verdict in tests/data/corpus-dev-review.tsv \
         (read each against its document):\n{}",
        unreviewed.join("\n")
    );
    assert!(
        stale.is_empty(),
        "verdicts for diagnostics that are gone (delete them): {stale:?}"
    );
    assert!(
        false_alarms.len() <= MAX_FALSE,
        "{} false alarms on corpus-dev, at most {MAX_FALSE}",
        false_alarms.len()
    );
}
