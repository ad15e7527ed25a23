//! Plan sets in the language server: an open file of a set is linted with
//! the set, its diagnostics point into the other files, and an edit in one
//! open file re-publishes the diagnostics of the others (unsaved buffers
//! win over the files on disk).

mod lsp_support;

#[path = "../../tests/common/mod.rs"]
mod common;

use common::TempDir;
use lsp_support::*;
use serde_json::{Value, json};

const MAIN: &str = "\
某县城乡融合发展总体方案
一、主要目标
到2025年,全县改造老旧小区5个以上,新建口袋公园8个。
附件:某县老旧小区改造实施方案
";

const ATTACHMENT: &str = "\
附件
某县老旧小区改造实施方案
一、工作目标
到2025年,全县改造老旧小区5个以上。
";

fn is_publish_for(m: &Value, uri: &str) -> bool {
    m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
}

fn t101(m: &Value) -> Option<Value> {
    m["params"]["diagnostics"]
        .as_array()?
        .iter()
        .find(|d| d["code"] == "T101")
        .cloned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_in_one_file_of_a_set_changes_the_diagnostics_of_the_other() {
    // Recognised in the folder: the plan's 附件说明 lists the attachment by
    // its title. ASCII names keep the URIs plain.
    let dir = TempDir::new("sets");
    let main_path = dir.join("plan.txt");
    let attachment_path = dir.join("attachment1.txt");
    std::fs::write(&main_path, MAIN).unwrap();
    std::fs::write(&attachment_path, ATTACHMENT).unwrap();
    let (main, attachment) = (file_uri(&main_path), file_uri(&attachment_path));

    let mut c = TestClient::start().await;
    c.initialize(None, false).await;
    c.open(&main, 1, MAIN).await;
    c.open(&attachment, 1, ATTACHMENT).await;
    let first = c.diagnostics(&attachment, Some(1)).await;
    assert!(first.iter().all(|d| d["code"] != "T101"), "{first:#?}");

    // The plan, edited but not saved, now states 7: the attachment's 5
    // conflicts with it, reported in the attachment with the plan's place.
    let line = MAIN
        .split('\n')
        .position(|l| l.contains("5个以上"))
        .unwrap() as u64;
    let at = MAIN
        .split('\n')
        .nth(line as usize)
        .unwrap()
        .find("5个")
        .unwrap();
    let col = MAIN.split('\n').nth(line as usize).unwrap()[..at]
        .encode_utf16()
        .count() as u64;
    let range = json!({"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 1}});
    c.change(&main, 2, json!([{"range": range, "text": "7"}]))
        .await;
    let published = c
        .wait_for("a T101 in the attachment", |m| {
            is_publish_for(m, &attachment) && t101(m).is_some()
        })
        .await;
    let conflict = t101(&published).unwrap();
    assert_eq!(conflict["range"]["start"]["line"], 3, "{conflict:#}");
    let related = &conflict["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], main.as_str(), "{conflict:#}");
    assert_eq!(related["range"]["start"]["line"], line, "{conflict:#}");
    assert!(
        conflict["message"]
            .as_str()
            .unwrap()
            .contains("plan.txt第3行"),
        "{conflict:#}"
    );

    // Back to 5: the attachment's T101 is cleared.
    c.change(&main, 3, json!([{"range": range, "text": "5"}]))
        .await;
    c.wait_for("the attachment without a T101", |m| {
        is_publish_for(m, &attachment) && t101(m).is_none()
    })
    .await;
    c.shutdown().await;
}
