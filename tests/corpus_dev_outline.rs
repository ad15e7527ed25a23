//! `plan-lint outline` of twelve corpus-dev documents of different origins,
//! locked with snapshots read against the documents, and the facts about
//! their attachments the corpus-dev README names.
//!
//! The documents: PDF extractions (16, 17, 24 OCR, 40, 71 and 74 with
//! attachments), crawled web pages (51, 57 with its task table as an
//! attachment), gov.cn and city HTML pages (61, 66), a plain-text copy of a
//! web page (67) and a Word document (68). The development corpus lives
//! outside the repository: `PLAN_LINT_CORPUS_DEV`, else
//! `../shared/corpus-dev` beside the workspace; without it the tests are
//! skipped and say so.
//!
//! Review every changed snapshot against its document:
//! `INSTA_UPDATE=always cargo test --test corpus_dev_outline`, then read
//! `tests/snapshots/corpus_dev_outline__*.snap`.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

mod common;
use common::{corpus_dev_dir, corpus_file};

fn run_outline(file: &Path, json: bool) -> String {
    let mut cmd = Command::cargo_bin("plan-lint").expect("the plan-lint binary is built");
    cmd.arg("outline");
    if json {
        cmd.args(["--format", "json"]);
    }
    let output = cmd.arg(file).output().expect("plan-lint runs");
    assert!(
        output.status.success(),
        "plan-lint outline {} failed: {}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the outline is UTF-8")
}

/// The text outline with its first line (the path) reduced to the file name.
fn text_outline(file: &Path) -> String {
    let text = run_outline(file, false);
    let (_, rest) = text.split_once('\n').expect("an outline has lines");
    let name = file.file_name().unwrap().to_str().unwrap();
    format!("{name}\n{rest}")
}

fn json_outline(file: &Path) -> Value {
    serde_json::from_str(&run_outline(file, true)).expect("valid JSON")
}

/// (number, title) of each 附件说明 entry.
fn note(json: &Value) -> Vec<(Option<u64>, String)> {
    json["attachment_note"]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["number"].as_u64(),
                e["title"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// (ordinal, title) of each attachment.
fn attachments(json: &Value) -> Vec<(Option<u64>, String)> {
    json["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["ordinal"].as_u64(),
                a["title"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn owned(items: &[(u64, &str)]) -> Vec<(Option<u64>, String)> {
    items
        .iter()
        .map(|&(n, t)| (Some(n), t.to_string()))
        .collect()
}

/// Snapshots the outline of the document numbered `number` and returns its
/// JSON outline, or `None` when the corpus is absent (the skip recorded).
fn outline(number: &str) -> Option<Value> {
    let dir = corpus_dev_dir()?;
    let file = corpus_file(&dir, &format!("{number}_"));
    insta::assert_snapshot!(format!("outline_dev_{number}"), text_outline(&file));
    Some(json_outline(&file))
}

/// The codes of `plan-lint check` on the document numbered `number`, with
/// their lines.
fn check_codes(number: &str) -> Vec<(String, u64)> {
    let Some(dir) = corpus_dev_dir() else {
        return Vec::new();
    };
    let file = corpus_file(&dir, &format!("{number}_"));
    let output = Command::cargo_bin("plan-lint")
        .unwrap()
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--fail-on",
            "never",
        ])
        .arg(&file)
        .output()
        .unwrap();
    let found: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn outline_dev_16_pdf_heading_run_into_a_line() {
    let Some(o) = outline("16") else { return };
    // (二) was run into the line before it by the extraction.
    let second = &o["outline"][2]["children"][1];
    assert_eq!(second["title"], "加快农业绿色发展");
    assert_eq!(second["line"], 52);
}

#[test]
fn outline_dev_17_pdf_attachments_not_published() {
    let Some(o) = outline("17") else { return };
    assert_eq!(o["attachments_withheld"], 9);
    assert!(o["attachments"].as_array().unwrap().is_empty());
    assert_eq!(
        o["title"]["text"],
        "龙岩市加快建立健全绿色低碳循环发展经济体系实施方案"
    );
}

#[test]
fn outline_dev_24_pdf_ocr() {
    outline("24");
}

#[test]
fn outline_dev_40_pdf_page_marks() {
    outline("40");
}

#[test]
fn outline_dev_51_crawled_page() {
    outline("51");
}

#[test]
fn outline_dev_57_crawled_page_with_a_task_table() {
    let Some(o) = outline("57") else { return };
    let title = "重庆市推动低空空域管理改革促进低空经济高质量发展重点任务分工";
    assert_eq!(note(&o), [(None, title.to_string())]);
    // The title is on two lines.
    assert_eq!(attachments(&o), [(None, title.to_string())]);
}

#[test]
fn outline_dev_61_gov_cn_html() {
    outline("61");
}

#[test]
fn outline_dev_66_html_page() {
    outline("66");
}

#[test]
fn outline_dev_67_text_copy_of_a_page() {
    outline("67");
}

#[test]
fn outline_dev_68_word() {
    outline("68");
}

#[test]
fn outline_dev_71_pdf_third_attachment_missing() {
    let Some(o) = outline("71") else { return };
    assert_eq!(
        note(&o),
        owned(&[
            (1, "2021年各县（市）区工业技改投资预期目标"),
            (2, "福州市推动企业技术改造工作领导小组成员名单"),
            (3, "2021年“数字·绿色”重点技术改造专项行动项目清单"),
        ])
    );
    assert_eq!(
        attachments(&o),
        owned(&[
            (1, "2021年各县（市）区工业技改投资预期目标"),
            (2, "福州市推动企业技术改造工作领导小组成员名单"),
        ])
    );
    // Announced, not there: reported once, on the note's third entry.
    let s201: Vec<u64> = check_codes("71")
        .into_iter()
        .filter(|(code, _)| code.starts_with('S'))
        .map(|(_, line)| line)
        .collect();
    assert_eq!(s201, [139]);
}

#[test]
fn outline_dev_74_pdf_second_attachment_missing() {
    let Some(o) = outline("74") else { return };
    assert_eq!(
        note(&o),
        owned(&[
            (1, "成都市近零碳排放区试点建设方案编制指南"),
            (2, "碳排放核算方法")
        ])
    );
    assert_eq!(
        attachments(&o),
        owned(&[(1, "成都市近零碳排放区试点建设方案编制指南")])
    );
    let s201: Vec<u64> = check_codes("74")
        .into_iter()
        .filter(|(code, _)| code == "S201")
        .map(|(_, line)| line)
        .collect();
    assert_eq!(s201, [216]);
}
