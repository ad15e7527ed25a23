//! End to end through a real editor: headless Neovim (Debian's 0.7) runs
//! `plan-lint lsp` through its built-in client (lsp/tests/nvim/harness.lua) on
//! a corpus document. The diagnostics it receives must equal
//! `plan-lint check --format json` on the same file, a quick fix applied by
//! Neovim must make its diagnostic go, and after an edit storm of 1,000
//! scripted edits the diagnostics must equal a fresh `plan-lint check` of
//! the final text.
//!
//! Needs `nvim` (scripts/install-neovim.sh installs it); fails without it.
//! The editor runs the `plan-lint` binary: `PLAN_LINT_BIN` when set, else
//! the workspace's, built for this test's profile (see [`plan_lint_bin`]).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use plan_lint_core::Source;

#[path = "../../tests/common/mod.rs"]
mod common;
use serde_json::Value;

const DOCUMENT: &str = "004_6354187c2255e467.txt";

/// The repository root (relative `PLAN_LINT_CORPUS` values start here).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

static BIN: LazyLock<PathBuf> = LazyLock::new(plan_lint_bin);

/// The `plan-lint` binary: `PLAN_LINT_BIN`, or the workspace's binary in
/// this test's profile (`target/<profile>/plan-lint`, beside the `deps/`
/// folder this test runs from), built first: `cargo build` does nothing
/// when it is current, as it is under `cargo test --workspace`.
fn plan_lint_bin() -> PathBuf {
    if let Some(bin) = std::env::var_os("PLAN_LINT_BIN") {
        return PathBuf::from(bin);
    }
    let exe = std::env::current_exe().expect("the test's own path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("the test runs from target/<profile>/deps");
    let profile = match profile_dir.file_name().and_then(|n| n.to_str()) {
        Some("debug") | None => "dev",
        Some(name) => name,
    };
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "build",
            "--quiet",
            "--bin",
            "plan-lint",
            "--profile",
            profile,
        ])
        .arg("--manifest-path")
        .arg(root().join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", profile_dir.parent().expect("target/"))
        .status()
        .expect("cargo runs");
    assert!(status.success(), "building plan-lint failed");
    profile_dir.join(format!("plan-lint{}", std::env::consts::EXE_SUFFIX))
}

fn nvim_version() -> String {
    match Command::new("nvim").arg("--version").output() {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .to_string(),
        _ => panic!(
            "`nvim` is not installed or does not run: the Neovim end-to-end test of the \
             language server needs it. Run scripts/install-neovim.sh (Debian's neovim \
             package), then run the tests again."
        ),
    }
}

/// (code, start line, start column, end line, end column): 1-based lines,
/// 1-based columns in characters, as `plan-lint check --format json`.
type Key = (String, u64, u64, u64, u64);

fn check_json(file: &Path) -> Vec<Value> {
    let out = Command::new(&*BIN)
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "plan-lint check failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn cli_keys(diagnostics: &[Value]) -> Vec<Key> {
    let mut keys: Vec<Key> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["start"]["line"].as_u64().unwrap(),
                d["start"]["column"].as_u64().unwrap(),
                d["end"]["line"].as_u64().unwrap(),
                d["end"]["column"].as_u64().unwrap(),
            )
        })
        .collect();
    keys.sort();
    keys
}

/// An LSP position (0-based line, UTF-16 column) as 1-based line and
/// 1-based character column, through the text the client had.
fn to_chars(source: &Source, p: &Value) -> (u64, u64) {
    let line = p["line"].as_u64().unwrap() as usize;
    let col = p["character"].as_u64().unwrap() as usize;
    let byte = source
        .byte_of_utf16(line, col)
        .unwrap_or_else(|e| panic!("published position {p} is not a boundary: {e}"));
    let (l, c) = source.line_col_1based(byte);
    (l as u64, c as u64)
}

fn lsp_keys(source: &Source, diagnostics: &[Value]) -> Vec<Key> {
    let mut keys: Vec<Key> = diagnostics
        .iter()
        .map(|d| {
            let (sl, sc) = to_chars(source, &d["range"]["start"]);
            let (el, ec) = to_chars(source, &d["range"]["end"]);
            (d["code"].as_str().unwrap().to_string(), sl, sc, el, ec)
        })
        .collect();
    keys.sort();
    keys
}

#[test]
fn neovim_drives_the_language_server() {
    let version = nvim_version();
    // Without the corpus: skipped, and the test command's summary says so.
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("plan-lint-nvim-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let doc = dir.join(DOCUMENT);
    std::fs::copy(corpus.join(DOCUMENT), &doc).unwrap();
    let out_path = dir.join("out.json");
    let final_path = dir.join("final.txt");

    let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nvim/harness.lua");
    let started = Instant::now();
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-u"])
        .arg(&harness)
        .env("PLAN_LINT_BIN", &*BIN)
        .env("PLAN_LINT_DOC", &doc)
        .env("PLAN_LINT_OUT", &out_path)
        .env("PLAN_LINT_FINAL", &final_path)
        .env("PLAN_LINT_STORM", "1000")
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nvim starts");
    // Never hang the test run: give Neovim five minutes.
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(300) {
            let _ = child.kill();
            panic!("nvim did not finish within 300 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let elapsed = started.elapsed();
    let out: Value = match std::fs::read_to_string(&out_path) {
        Ok(text) => serde_json::from_str(&text).unwrap(),
        Err(e) => {
            let output = child.wait_with_output().unwrap();
            panic!(
                "the harness wrote no result ({e}); nvim exited with {status}: {}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            )
        }
    };
    assert!(
        status.success() && out.get("error").is_none(),
        "the harness failed: {}\nlog: {}\nmessages: {}",
        out["error"],
        out["log"],
        out["messages"]
    );
    eprintln!(
        "{version}: open → diagnostics {:.0} ms; 1,000 edits ({} didChange) sent in {:.0} ms, \
         final diagnostics {:.0} ms after the first edit ({} publications in all); whole run \
         {:.1} s",
        out["open_ms"].as_f64().unwrap(),
        out["storm_did_change"],
        out["storm_send_ms"].as_f64().unwrap(),
        out["storm_ms"].as_f64().unwrap(),
        out["publications"],
        elapsed.as_secs_f64()
    );

    // 1. What Neovim received equals `plan-lint check --format json`,
    //    count and positions (UTF-16 converted to 1-based characters).
    let text = std::fs::read_to_string(&doc).unwrap();
    let source = Source::new("doc", text.clone());
    let initial = out["initial"].as_array().unwrap();
    let cli = check_json(&doc);
    assert!(!cli.is_empty());
    assert_eq!(initial.len(), cli.len(), "diagnostic count");
    assert_eq!(lsp_keys(&source, initial), cli_keys(&cli));
    // Columns were compared on lines full of CJK text: at least one
    // diagnostic starts after Chinese characters, where bytes, UTF-16
    // units and characters differ.
    let on_cjk = cli.iter().any(|d| {
        let line = source.line_text(d["start"]["line"].as_u64().unwrap() as usize - 1);
        let col = d["start"]["column"].as_u64().unwrap() as usize;
        line.chars().take(col - 1).filter(|c| !c.is_ascii()).count() >= 10
    });
    assert!(on_cjk, "no diagnostic after CJK text to compare columns on");

    // 2. The quick fix applied by Neovim made its diagnostic go.
    let fixed = &out["fixed"];
    let same = |d: &&Value| d["code"] == fixed["code"] && d["message"] == fixed["message"];
    let before = initial.iter().filter(same).count();
    let after_fix = out["after_fix"].as_array().unwrap();
    let after = after_fix.iter().filter(same).count();
    assert_eq!(
        after,
        before - 1,
        "the fixed diagnostic {fixed} is still there"
    );
    let fixed_text = std::fs::read_to_string(final_path.with_extension("txt.after-fix")).unwrap();
    assert_ne!(fixed_text, text);
    let after_file = dir.join("after-fix.txt");
    std::fs::write(&after_file, &fixed_text).unwrap();
    assert_eq!(
        lsp_keys(&Source::new("fixed", fixed_text), after_fix),
        cli_keys(&check_json(&after_file))
    );

    // 3. The storm really was 1,000 didChange notifications (Neovim with
    //    debounce_text_changes = 0 sends one per buffer change) …
    assert_eq!(
        out["storm_did_change"], 1000,
        "didChange notifications sent"
    );
    // … after which the diagnostics equal a fresh check of the final text,
    // and versions never went backwards.
    let final_text = std::fs::read_to_string(&final_path).unwrap();
    let final_file = dir.join("final-check.txt");
    std::fs::write(&final_file, &final_text).unwrap();
    let final_lsp = lsp_keys(
        &Source::new("final", final_text),
        out["final"].as_array().unwrap(),
    );
    assert_eq!(final_lsp, cli_keys(&check_json(&final_file)));
    let versions: Vec<i64> = out["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    assert!(
        versions.windows(2).all(|w| w[0] <= w[1]),
        "diagnostics published out of order: {versions:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
