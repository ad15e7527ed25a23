//! Edit → publishDiagnostics latency of `plan-lint lsp` on the largest
//! corpus document: many single-character edits at different places, each
//! waited for, over the in-process transport. Prints p50/p95/max.
//!
//!   cargo bench -p plan-lint-lsp --bench latency
//!
//! The corpus comes from PLAN_LINT_CORPUS (default ../shared/corpus).

#[path = "../../src/alloc.rs"]
mod alloc;
#[path = "../../tests/common/mod.rs"]
mod common;
#[path = "../tests/lsp_support/mod.rs"]
mod lsp_support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::TempDir;
use lsp_support::{TestClient, file_uri};
use serde_json::json;

const DOCUMENT: &str = "004_6354187c2255e467.txt";
const EDITS: usize = 500;
/// Edits made first and not measured, as criterion warms up: the first
/// edits pay for cold caches and the allocator's first pages.
const WARM_UP: usize = 30;

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` does not.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    // The binary's allocator, installed before any tree-sitter object.
    alloc::install();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let corpus = std::env::var_os("PLAN_LINT_CORPUS")
        .map_or_else(|| root.join("../shared/corpus"), |d| root.join(d));
    let Ok(text) = std::fs::read_to_string(corpus.join(DOCUMENT)) else {
        eprintln!("latency: no corpus at {}", corpus.display());
        return;
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let dir = TempDir::new("latency");
        let uri = file_uri(&dir.join(DOCUMENT));
        let mut c = TestClient::start().await;
        c.initialize(None, false).await;
        c.open(&uri, 1, &text).await;
        c.diagnostics(&uri, Some(1)).await;
        let lines: Vec<&str> = text.split('\n').collect();
        let mut state: u64 = 42;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % n.max(1)
        };
        let mut samples: Vec<Duration> = Vec::with_capacity(EDITS);
        let mut version = 1;
        let mut prev = (0, 0);
        for i in 0..WARM_UP + EDITS {
            let line = next(lines.len());
            let width = lines[line].encode_utf16().count();
            let col = next(width + 1);
            version += 1;
            // Alternate typing a character somewhere and deleting it again,
            // so the document stays the corpus document.
            let change = if i % 2 == 0 {
                prev = (line, col);
                json!([{"range": {"start": {"line": line, "character": col},
                                  "end": {"line": line, "character": col}}, "text": "改"}])
            } else {
                let (line, col) = prev;
                json!([{"range": {"start": {"line": line, "character": col},
                                  "end": {"line": line, "character": col + 1}}, "text": ""}])
            };
            let started = Instant::now();
            c.change(&uri, version, change).await;
            c.diagnostics(&uri, Some(version)).await;
            if i >= WARM_UP {
                samples.push(started.elapsed());
            }
            c.drain_inbox();
        }
        samples.sort();
        let at = |q: f64| samples[((samples.len() as f64 * q) as usize).min(samples.len() - 1)];
        println!(
            "edit → publishDiagnostics on {DOCUMENT} ({} bytes), {EDITS} single-character edits (after {WARM_UP} unmeasured): \
             p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            text.len(),
            at(0.50).as_secs_f64() * 1e3,
            at(0.95).as_secs_f64() * 1e3,
            samples[samples.len() - 1].as_secs_f64() * 1e3
        );
        c.shutdown().await;
    });
}
