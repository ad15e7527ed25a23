//! PDF input end to end: `check`, `outline` and `extract` read the text
//! layer (`tests/fixtures/pdf/`, made by `make_pdfs.py` there), diagnostics
//! name the page and the line on it, scans and password-protected files are
//! refused; and on the development corpus the text read from each PDF is
//! the text pypdf gave (the `.txt` beside it).

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn plan_lint() -> Command {
    Command::cargo_bin("plan-lint").expect("the binary is built")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name)
}

#[test]
fn diagnostics_in_a_pdf_name_the_page_and_line() {
    let output = plan_lint()
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--select",
            "R102",
        ])
        .arg(fixture("plan.pdf"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    let all = value.as_array().unwrap();
    assert_eq!(all.len(), 1, "{value:#}");
    assert_eq!(all[0]["page"]["page"], 2, "{value:#}");
    assert_eq!(all[0]["page"]["line"], 2, "{value:#}");
    assert_eq!(all[0]["related"][0]["page"]["page"], 2, "{value:#}");

    // A message naming another line names its page and line.
    let output = plan_lint()
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--select",
            "S102",
        ])
        .arg(fixture("plan.pdf"))
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    let message = value[0]["message"].as_str().unwrap();
    assert!(message.contains("重复,第1页第2行已有"), "{value:#}");
    assert_eq!(value[0]["page"]["page"], 2, "{value:#}");
    let output = plan_lint()
        .args([
            "check",
            "--no-config",
            "--format",
            "sarif",
            "--select",
            "R102",
        ])
        .arg(fixture("plan.pdf"))
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["properties"]["page"]["line"], 2, "{sarif:#}");
    assert_eq!(
        result["relatedLocations"][0]["properties"]["page"]["page"], 2,
        "{sarif:#}"
    );

    for (format, expect) in [
        ("concise", "(第2页第2行)"),
        ("full", "= 页: 第2页第2行"),
        ("github", "(第2页第2行)"),
    ] {
        let output = plan_lint()
            .args([
                "check",
                "--no-config",
                "--select",
                "R102",
                "--format",
                format,
            ])
            .arg(fixture("plan.pdf"))
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.contains(expect), "{format}: {text}");
    }
}

#[test]
fn extract_and_outline_read_the_text_layer() {
    let output = plan_lint()
        .arg("extract")
        .arg(fixture("plan.pdf"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("某县老旧小区改造实施方案\n一、工作目标\n"),
        "{text}"
    );
    let output = plan_lint()
        .args(["outline", "--format", "json"])
        .arg(fixture("plan.pdf"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["outline"][1]["title"], "重点任务", "{value:#}");
}

#[test]
fn scans_and_locked_pdfs_are_one_clear_error() {
    for (file, expect) in [
        ("scanned.pdf", "no text layer: run OCR first"),
        ("encrypted.pdf", "password-protected"),
    ] {
        for command in ["check", "extract", "outline"] {
            let output = plan_lint()
                .arg(command)
                .arg(fixture(file))
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{command} {file}: {stderr}");
            assert!(
                stderr.contains(file) && stderr.contains(expect),
                "{command} {file}: {stderr}"
            );
            assert_eq!(stderr.lines().count(), 1, "one error: {stderr}");
            assert!(output.stdout.is_empty());
        }
    }
    let out = std::env::temp_dir().join(format!("plan-lint-pdf-{}.docx", std::process::id()));
    let output = plan_lint()
        .arg("annotate")
        .arg(fixture("plan.pdf"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr.contains("needs a .docx") && stderr.contains("a PDF"),
        "{stderr}"
    );
    assert!(!out.exists());
}

#[test]
fn pages_left_unchecked_are_named() {
    let output = plan_lint()
        .args(["check", "--no-config"])
        .arg(fixture("partly-scanned.pdf"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("partly-scanned.pdf: 第2页 hold no text"),
        "{stderr}"
    );
    assert_ne!(output.status.code(), Some(2), "the text pages are checked");
}

/// The text without white space: what two extractions must agree on
/// (line breaks and spaces around digits are the normalised view's job).
fn letters(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn corpus_pdfs_read_as_pypdf_read_them() {
    let Some(dir) = common::corpus_dev_dir() else {
        return;
    };
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(dir.join("originals"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    assert!(!pdfs.is_empty(), "no PDF in {}/originals", dir.display());
    let mut failures = Vec::new();
    for pdf in &pdfs {
        let beside = dir.join(pdf.with_extension("txt").file_name().unwrap());
        let Ok(expected) = std::fs::read_to_string(&beside) else {
            continue;
        };
        let output = plan_lint().arg("extract").arg(pdf).output().unwrap();
        let name = pdf.file_name().unwrap().to_string_lossy().into_owned();
        if !output.status.success() {
            failures.push(format!(
                "{name}: {}",
                String::from_utf8_lossy(&output.stderr)
            ));
            continue;
        }
        let text = String::from_utf8(output.stdout).unwrap();
        if letters(&text) != letters(&expected) {
            failures.push(format!(
                "{name}: the characters differ from {}",
                beside.display()
            ));
        }
        // One line per printed line, as pypdf: within a tenth of its count.
        let (ours, theirs) = (text.lines().count(), expected.lines().count());
        if ours.abs_diff(theirs) * 10 > theirs {
            failures.push(format!("{name}: {ours} lines, pypdf {theirs}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
