//! A minimal LSP client for the in-process tests of `plan-lint lsp`: JSON
//! over an in-memory duplex pipe, with the server running in the same
//! process (`plan_lint_lsp::serve`).

#![allow(dead_code)]

use std::collections::VecDeque;
use std::path::Path;
use std::time::Duration;

use plan_lint_config::resolve::{Request, Resolver};
use plan_lint_core::source::ColumnUnit;
use plan_lint_core::{Reading, Source};
use plan_lint_rules::diagnostic::Diagnostic;
use plan_lint_rules::engine;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream, WriteHalf};
use tokio::sync::mpsc;

/// How long any single wait may take before the test fails (not hangs):
/// generous, as a debug build lints a 10 MB document in about 30 s.
pub const WAIT: Duration = Duration::from_secs(180);

pub struct TestClient {
    to_server: WriteHalf<DuplexStream>,
    from_server: mpsc::UnboundedReceiver<Value>,
    inbox: VecDeque<Value>,
    next_id: i64,
    /// Answer the server's requests (with `null`); when false, never.
    pub answer_requests: bool,
    /// Every message the server sent, in order.
    pub log: Vec<Value>,
    pub server: tokio::task::JoinHandle<()>,
}

impl TestClient {
    pub async fn start() -> TestClient {
        let (client_end, server_end) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_end);
        let server = tokio::spawn(plan_lint_lsp::serve(server_read, server_write));
        let (mut read, write) = tokio::io::split(client_end);
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            loop {
                let mut header = Vec::new();
                let mut byte = [0u8; 1];
                while !header.ends_with(b"\r\n\r\n") {
                    if read.read_exact(&mut byte).await.is_err() {
                        return;
                    }
                    header.push(byte[0]);
                }
                let header = String::from_utf8_lossy(&header).to_string();
                let len: usize = header
                    .lines()
                    .find_map(|l| l.strip_prefix("Content-Length: "))
                    .and_then(|n| n.trim().parse().ok())
                    .expect("Content-Length");
                let mut body = vec![0; len];
                if read.read_exact(&mut body).await.is_err() {
                    return;
                }
                let value: Value = serde_json::from_slice(&body).expect("JSON from the server");
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        TestClient {
            to_server: write,
            from_server: rx,
            inbox: VecDeque::new(),
            next_id: 1,
            answer_requests: true,
            log: Vec::new(),
            server,
        }
    }

    pub async fn send(&mut self, message: Value) {
        let body = serde_json::to_vec(&message).unwrap();
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend(body);
        self.to_server.write_all(&frame).await.unwrap();
        self.to_server.flush().await.unwrap();
    }

    /// The next message from the server (answering its requests).
    async fn next_message(&mut self, what: &str) -> Value {
        let message = tokio::time::timeout(WAIT, self.from_server.recv())
            .await
            .unwrap_or_else(|_| panic!("timed out waiting for {what}"))
            .unwrap_or_else(|| panic!("the server hung up while waiting for {what}"));
        self.log.push(message.clone());
        if message.get("method").is_some() && message.get("id").is_some() && self.answer_requests {
            let id = message["id"].clone();
            self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}))
                .await;
        }
        message
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// Sends a request and returns the whole response.
    pub async fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        loop {
            let m = self.next_message(method).await;
            if m.get("id") == Some(&json!(id)) && m.get("method").is_none() {
                return m;
            }
            self.inbox.push_back(m);
        }
    }

    /// Sends a request and returns its result.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params).await;
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// The first message (queued or new) that matches.
    pub async fn wait_for(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.inbox.iter().position(&matches) {
            return self.inbox.remove(i).unwrap();
        }
        loop {
            let m = self.next_message(what).await;
            if matches(&m) {
                return m;
            }
            self.inbox.push_back(m);
        }
    }

    /// Waits for the diagnostics published for `uri` at `version` (any
    /// version when `None`); returns them.
    pub async fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let m = self
            .wait_for(&format!("diagnostics of {uri} v{version:?}"), |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && version.is_none_or(|v| m["params"]["version"] == v)
            })
            .await;
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    /// Messages received but not yet consumed.
    pub fn drain_inbox(&mut self) -> Vec<Value> {
        self.inbox.drain(..).collect()
    }

    /// Everything that arrives within `quiet` of silence.
    pub async fn settle(&mut self, quiet: Duration) -> Vec<Value> {
        let mut out = self.drain_inbox();
        while let Ok(Some(m)) = tokio::time::timeout(quiet, self.from_server.recv()).await {
            self.log.push(m.clone());
            if m.get("method").is_some() && m.get("id").is_some() && self.answer_requests {
                let id = m["id"].clone();
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}))
                    .await;
            }
            out.push(m);
        }
        out
    }

    /// `initialize` + `initialized`, offering `encodings` (None: the field
    /// is left out, as older clients do).
    pub async fn initialize(&mut self, encodings: Option<&[&str]>, watch: bool) -> Value {
        let mut general = json!({});
        if let Some(e) = encodings {
            general = json!({"positionEncodings": e});
        }
        let result = self
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": null,
                    "capabilities": {
                        "general": general,
                        "workspace": {
                            "workspaceEdit": {"documentChanges": true},
                            "didChangeWatchedFiles": {"dynamicRegistration": watch},
                        },
                        "textDocument": {
                            "publishDiagnostics": {"relatedInformation": true, "versionSupport": true},
                        },
                    },
                }),
            )
            .await;
        self.notify("initialized", json!({})).await;
        result
    }

    pub async fn open(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plan", "version": version, "text": text}}),
        )
        .await;
    }

    pub async fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        )
        .await;
    }

    pub async fn shutdown(mut self) {
        let r = self.request_raw("shutdown", Value::Null).await;
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null).await;
        let _ = tokio::time::timeout(WAIT, self.server).await;
    }
}

pub fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// What `plan-lint check` reports for `text` as the file `path` (the
/// nearest configuration applies), sorted.
pub fn fresh_lint(path: &Path, text: &str) -> (Source, Vec<Diagnostic>) {
    let setup = Resolver::new(Request::default()).setup(path).unwrap();
    let source = Source::new(path.display().to_string(), text.to_string());
    let reading = Reading::new(&source);
    let diagnostics = engine::run(&setup.rules, &reading, &source, &setup.resolved.settings);
    (source, diagnostics)
}

/// (code, start line, start col, end line, end col) in `unit`, sorted.
pub fn expected_keys(
    source: &Source,
    diagnostics: &[Diagnostic],
    unit: ColumnUnit,
) -> Vec<(String, u64, u64, u64, u64)> {
    let mut keys: Vec<_> = diagnostics
        .iter()
        .map(|d| {
            let (s, e) = (source.position(d.span.start), source.position(d.span.end));
            (
                d.code.to_string(),
                s.line as u64,
                s.column(unit) as u64,
                e.line as u64,
                e.column(unit) as u64,
            )
        })
        .collect();
    keys.sort();
    keys
}

/// The same key for published protocol diagnostics.
pub fn published_keys(diagnostics: &[Value]) -> Vec<(String, u64, u64, u64, u64)> {
    let mut keys: Vec<_> = diagnostics
        .iter()
        .map(|d| {
            let r = &d["range"];
            (
                d["code"].as_str().unwrap().to_string(),
                r["start"]["line"].as_u64().unwrap(),
                r["start"]["character"].as_u64().unwrap(),
                r["end"]["line"].as_u64().unwrap(),
                r["end"]["character"].as_u64().unwrap(),
            )
        })
        .collect();
    keys.sort();
    keys
}

/// Applies protocol text edits (non-overlapping) to `text`.
pub fn apply_edits(text: &str, edits: &[Value], unit: ColumnUnit) -> String {
    let source = Source::new("t", text.to_string());
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            let at = |p: &Value| {
                source
                    .byte_of(
                        p["line"].as_u64().unwrap() as usize,
                        p["character"].as_u64().unwrap() as usize,
                        unit,
                    )
                    .unwrap()
            };
            (
                at(&r["start"]),
                at(&r["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new) in spans {
        out.replace_range(start..end, &new);
    }
    out
}

/// A small plan: a non-BMP character before a duplicate unit on a CJK
/// line, CRLF line ends, quantities and a unit with aliases in `hunan`.
pub const PLAN: &str = "𠀾山县城乡建设提质行动实施方案\r\n\
一、工作目标\r\n\
到2024年底,全县改造老旧小区5个以上,新建城市道路3公里。\r\n\
二、重点任务\r\n\
(一)推进城市更新\r\n\
1.改造老旧小区。𡿨完成改造老旧小区7个以上。(县住建局牵头,县财政局、县科工信局、县财政局等按职责分工负责)\r\n\
2.完善道路网络。新建城市道路3公里。(县交通运输局牵头,县住建局等按职责分工负责)\r\n\
三、保障措施\r\n\
(一)加强组织领导。成立工作专班。\r\n";
