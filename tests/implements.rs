//! `plan-lint coverage` and `--implements`: an implementing plan against
//! the plan it implements, on fixtures written in the documents' style
//! (`tests/fixtures/implements/`).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn plan_lint() -> Command {
    Command::cargo_bin("plan-lint").expect("the binary is built")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/implements")
        .join(name)
}

fn coverage_json(args: &[&str]) -> Value {
    let out = plan_lint()
        .arg("coverage")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn coverage_lists_each_superior_task_and_finds_the_dropped_one() {
    let city = fixture("city.txt");
    let province = fixture("province.txt");
    let v = coverage_json(&[
        city.to_str().unwrap(),
        "--implements",
        province.to_str().unwrap(),
    ]);
    let tasks = v["tasks"].as_array().unwrap();
    let got: Vec<(&str, &str, Option<&str>)> = tasks
        .iter()
        .map(|t| {
            (
                t["number"].as_str().unwrap(),
                t["status"].as_str().unwrap(),
                t["place"]["number"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        got[..3],
        [
            ("二/(一)", "matched", Some("二/(一)")),
            ("二/(二)", "matched", Some("二/(二)")),
            ("二/(三)", "matched", Some("二/(三)")),
        ]
    );
    assert_eq!(got[3].0, "二/(四)");
    assert_eq!(got[3].1, "not_taken_up");
    assert_eq!(v["summary"]["matched"], 3);
    assert_eq!(v["summary"]["not_taken_up"], 1);
    // Places are lines of the city's plan.
    assert_eq!(tasks[0]["place"]["line"], 10);
    assert_eq!(tasks[0]["line"], 11);
}

#[test]
fn coverage_text_ends_with_the_summary() {
    let out = plan_lint()
        .arg("coverage")
        .arg(fixture("city.txt"))
        .arg("--implements")
        .arg(fixture("province.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("二/(四) 培育专业化运营主体  not taken up"),
        "{text}"
    );
    assert!(
        text.trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("3 of 4 tasks taken up"),
        "{text}"
    );
}

#[test]
fn the_superior_plan_can_come_from_the_configuration() {
    let dir = std::env::temp_dir().join(format!("plan-lint-implements-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("省")).unwrap();
    std::fs::copy(fixture("province.txt"), dir.join("省/方案.txt")).unwrap();
    std::fs::copy(fixture("city.txt"), dir.join("city.txt")).unwrap();
    std::fs::write(dir.join("plan-lint.toml"), "implements = \"省/方案.txt\"\n").unwrap();
    let city = dir.join("city.txt");
    let v = coverage_json(&[city.to_str().unwrap()]);
    assert_eq!(v["summary"]["tasks"], 4);
    assert!(v["implements"].as_str().unwrap().ends_with("方案.txt"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn coverage_without_a_superior_plan_is_a_usage_error() {
    let dir =
        std::env::temp_dir().join(format!("plan-lint-implements-none-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("plan-lint.toml"), "").unwrap();
    std::fs::copy(fixture("city.txt"), dir.join("city.txt")).unwrap();
    plan_lint()
        .arg("coverage")
        .arg(dir.join("city.txt"))
        .assert()
        .code(2);
    let _ = std::fs::remove_dir_all(&dir);
}
