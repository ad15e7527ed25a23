//! End to end through a real editor with two files of a plan set open:
//! headless Neovim (lsp/tests/nvim/sets.lua) edits the plan's target in its
//! buffer, without saving, and the attachment's diagnostics must gain a
//! T101 that points into the plan, and lose it when the edit is undone.
//!
//! Needs `nvim` (scripts/install-neovim.sh installs it); fails without it.
//! Runs the binary `lsp_neovim.rs` builds (or `PLAN_LINT_BIN`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

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

/// `PLAN_LINT_BIN`, or the workspace's binary of this test's profile,
/// built first (as `lsp_neovim.rs` does).
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
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml"))
        .env("CARGO_TARGET_DIR", profile_dir.parent().expect("target/"))
        .status()
        .expect("cargo runs");
    assert!(status.success(), "building plan-lint failed");
    profile_dir.join(format!("plan-lint{}", std::env::consts::EXE_SUFFIX))
}

#[test]
fn neovim_sees_an_edit_in_the_plan_in_its_attachment() {
    assert!(
        Command::new("nvim")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success()),
        "`nvim` is not installed or does not run: run scripts/install-neovim.sh"
    );
    let dir = std::env::temp_dir().join(format!("plan-lint-nvim-sets-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // Recognised as a set in its folder: the note lists the attachment by
    // its title.
    let main = dir.join("plan.txt");
    let attachment = dir.join("attachment1.txt");
    std::fs::write(&main, MAIN).unwrap();
    std::fs::write(&attachment, ATTACHMENT).unwrap();
    let out_path = dir.join("out.json");
    let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nvim/sets.lua");
    let started = Instant::now();
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-u"])
        .arg(&harness)
        .env("PLAN_LINT_BIN", plan_lint_bin())
        .env("PLAN_LINT_MAIN", &main)
        .env("PLAN_LINT_ATTACHMENT", &attachment)
        .env("PLAN_LINT_OUT", &out_path)
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("nvim starts");
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
    let out: Value = serde_json::from_str(
        &std::fs::read_to_string(&out_path)
            .unwrap_or_else(|e| panic!("the harness wrote no result ({e}); nvim: {status}")),
    )
    .unwrap();
    assert!(status.success() && out.get("error").is_none(), "{out:#}");
    let codes = |key: &str| -> Vec<String> {
        out[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!codes("initial").contains(&"T101".to_string()), "{out:#}");
    assert!(
        !codes("after_undo").contains(&"T101".to_string()),
        "{out:#}"
    );
    let conflict = out["after_edit"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "T101")
        .unwrap();
    // In the attachment, line 4 (0-based 3), with the plan's place related.
    assert_eq!(conflict["range"]["start"]["line"], 3, "{conflict:#}");
    let related = conflict["relatedInformation"][0]["location"]["uri"]
        .as_str()
        .unwrap();
    assert!(related.ends_with("/plan.txt"), "{conflict:#}");
    // The file on disk was never changed: the edit was the buffer's.
    assert_eq!(std::fs::read_to_string(&main).unwrap(), MAIN);
    let _ = std::fs::remove_dir_all(&dir);
}
