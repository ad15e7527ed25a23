//! `plan-lint lsp` under abuse: edits that cut a character in half, a
//! 10 MB document, a document closed while it is linted, and a client
//! that never answers the server's requests. None may panic or hang.

mod lsp_support;

#[path = "../../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::TempDir;
use lsp_support::*;
use plan_lint_core::source::ColumnUnit;
use serde_json::{Value, json};

fn pos(line: u64, character: u64) -> Value {
    json!({"line": line, "character": character})
}

/// A rejected change: a message, the document's diagnostics cleared (their
/// positions would be wrong), requests answered with nothing, and a full
/// text (a full change or a save with text) brings it back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_cutting_a_character_is_rejected_cleanly() {
    for (encodings, unit) in [
        (None, ColumnUnit::Utf16),
        (Some(&["utf-8"][..]), ColumnUnit::Utf8),
    ] {
        let dir = TempDir::new("cut");
        let path = dir.join("plan.txt");
        let uri = file_uri(&path);
        let mut c = TestClient::start().await;
        c.initialize(encodings, false).await;
        c.open(&uri, 1, PLAN).await;
        let before = c.diagnostics(&uri, Some(1)).await;
        assert!(!before.is_empty());
        // Line 0 starts with 𠀾: UTF-16 column 1 or UTF-8 column 2 is inside it.
        let inside = if unit == ColumnUnit::Utf8 { 2 } else { 1 };
        c.change(
            &uri,
            2,
            json!([{"range": {"start": pos(0, inside), "end": pos(0, inside + 1)}, "text": "x"}]),
        )
        .await;
        let message = c
            .wait_for("showMessage", |m| m["method"] == "window/showMessage")
            .await;
        assert_eq!(message["params"]["type"], 1);
        let text = message["params"]["message"].as_str().unwrap();
        assert!(
            text.contains("rejected") && text.contains("character"),
            "{text}"
        );
        let cleared = c.diagnostics(&uri, None).await;
        assert!(cleared.is_empty());
        // Further incremental edits are ignored until a full text arrives.
        c.change(
            &uri,
            3,
            json!([{"range": {"start": pos(1, 0), "end": pos(1, 0)}, "text": "x"}]),
        )
        .await;
        let hover = c
            .request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": pos(2, 0)}),
            )
            .await;
        assert!(hover.is_null());
        if unit == ColumnUnit::Utf8 {
            c.notify(
                "textDocument/didSave",
                json!({"textDocument": {"uri": uri}, "text": PLAN}),
            )
            .await;
            let back = c.diagnostics(&uri, Some(3)).await;
            assert_eq!(published_keys(&back), published_keys(&before));
        } else {
            c.change(&uri, 4, json!([{"text": PLAN}])).await;
            let back = c.diagnostics(&uri, Some(4)).await;
            assert_eq!(published_keys(&back), published_keys(&before));
        }
        c.shutdown().await;
    }
}

/// The largest corpus document, when the corpus is there (the built-in
/// plan stands in for it otherwise, and the skip is recorded).
fn corpus_document() -> Option<String> {
    let dir = common::corpus_dir()?;
    std::fs::read_to_string(common::corpus_file(&dir, "004_")).ok()
}

fn megabytes(n: usize) -> String {
    let unit = corpus_document().unwrap_or_else(|| PLAN.to_string());
    let mut text = String::with_capacity(n * 1024 * 1024 + unit.len());
    while text.len() < n * 1024 * 1024 {
        text.push_str(&unit);
        text.push('\n');
    }
    text
}

/// A 10 MB document is linted without hanging, and an edit to it is too;
/// the figures are printed (`cargo test -- --nocapture`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ten_megabyte_document() {
    let dir = TempDir::new("big");
    let uri = file_uri(&dir.join("big.txt"));
    let text = megabytes(10);
    let mut c = TestClient::start().await;
    c.initialize(None, false).await;
    let started = Instant::now();
    c.open(&uri, 1, &text).await;
    let first = c.diagnostics(&uri, Some(1)).await;
    let open_time = started.elapsed();
    // Requests are answered meanwhile and after.
    let started = Instant::now();
    c.change(
        &uri,
        2,
        json!([{"range": {"start": pos(5, 0), "end": pos(5, 0)}, "text": "改"}]),
    )
    .await;
    let second = c.diagnostics(&uri, Some(2)).await;
    let edit_time = started.elapsed();
    let symbols = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    assert!(!symbols.as_array().unwrap().is_empty());
    eprintln!(
        "10 MB document ({} bytes): open → diagnostics {} ms ({} diagnostics); \
         one edit → diagnostics {} ms",
        text.len(),
        open_time.as_millis(),
        first.len(),
        edit_time.as_millis()
    );
    assert!(!second.is_empty());
    c.shutdown().await;
}

/// Closing a document while it is being linted: its diagnostics end
/// cleared, nothing for it is published afterwards, the server goes on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_a_document_while_it_is_linted() {
    let dir = TempDir::new("close");
    let uri = file_uri(&dir.join("big.txt"));
    let text = megabytes(2);
    let mut c = TestClient::start().await;
    c.initialize(None, false).await;
    c.open(&uri, 1, &text).await;
    // Let the lint start, then close.
    tokio::time::sleep(Duration::from_millis(50)).await;
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    )
    .await;
    let cleared = c.diagnostics(&uri, None).await;
    let after = c.settle(Duration::from_millis(1500)).await;
    let later: Vec<&Value> = after
        .iter()
        .filter(|m| m["params"]["uri"] == uri.as_str())
        .collect();
    // Either the clearing was the only publication, or a lint result
    // arrived before it; nothing non-empty may follow it.
    assert!(
        cleared.is_empty()
            || later
                .iter()
                .any(|m| m["params"]["diagnostics"] == json!([]))
    );
    if let Some(last) = later.last() {
        assert_eq!(last["params"]["diagnostics"], json!([]), "{last}");
    }
    // Still serving.
    let small = file_uri(&dir.join("small.txt"));
    c.open(&small, 1, PLAN).await;
    assert!(!c.diagnostics(&small, Some(1)).await.is_empty());
    c.shutdown().await;
}

/// The server's own requests (registering file watchers) are never
/// waited for: a client that does not answer still gets everything.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_answers_the_server() {
    let dir = TempDir::new("silent");
    let uri = file_uri(&dir.join("plan.txt"));
    let mut c = TestClient::start().await;
    c.answer_requests = false;
    c.initialize(None, true).await;
    let request = c
        .wait_for("client/registerCapability", |m| {
            m["method"] == "client/registerCapability"
        })
        .await;
    assert!(request.get("id").is_some());
    c.open(&uri, 1, PLAN).await;
    assert!(!c.diagnostics(&uri, Some(1)).await.is_empty());
    let symbols = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    assert!(symbols.is_array());
    c.notify("workspace/didChangeConfiguration", json!({"settings": {}}))
        .await;
    assert!(!c.diagnostics(&uri, Some(1)).await.is_empty());
    c.shutdown().await;
}
