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

/// The JSON `plan-lint COMMAND ARGS… EXTRA… --format json` prints; exit
/// codes 0 and 1 (findings) are success.
fn json_of(command: &str, args: &[String], extra: &[&str]) -> Value {
    let out = plan_lint()
        .arg(command)
        .args(args)
        .args(extra)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `CITY --implements province.txt`, both fixtures.
fn against_province(city: &str) -> Vec<String> {
    vec![
        fixture(city).to_string_lossy().into_owned(),
        "--implements".to_string(),
        fixture("province.txt").to_string_lossy().into_owned(),
    ]
}

fn coverage_json(args: &[String]) -> Value {
    json_of("coverage", args, &[])
}

#[test]
fn coverage_lists_each_superior_task_and_finds_the_dropped_one() {
    let v = coverage_json(&against_province("city.txt"));
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

/// A folder with the province's plan at 省/方案.txt, the fixture `city` as
/// city.txt and a plan-lint.toml naming the province's plan.
fn configured(tag: &str, city: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("plan-lint-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("省")).unwrap();
    std::fs::copy(fixture("province.txt"), dir.join("省/方案.txt")).unwrap();
    std::fs::copy(fixture(city), dir.join("city.txt")).unwrap();
    std::fs::write(dir.join("plan-lint.toml"), "implements = \"省/方案.txt\"\n").unwrap();
    dir
}

#[test]
fn the_superior_plan_can_come_from_the_configuration() {
    let dir = configured("implements-coverage", "city.txt");
    let city = dir.join("city.txt");
    let v = coverage_json(&[city.to_string_lossy().into_owned()]);
    assert_eq!(v["summary"]["tasks"], 4);
    assert!(v["implements"].as_str().unwrap().ends_with("方案.txt"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn coverage_without_a_superior_plan_is_a_usage_error() {
    let dir = configured("implements-none", "city.txt");
    std::fs::write(dir.join("plan-lint.toml"), "").unwrap();
    fails_on_city("coverage", &dir);
}

/// `plan-lint COMMAND dir/city.txt` is an input or usage error (exit 2);
/// the folder is removed.
fn fails_on_city(command: &str, dir: &Path) {
    plan_lint()
        .arg(command)
        .arg(dir.join("city.txt"))
        .assert()
        .code(2);
    let _ = std::fs::remove_dir_all(dir);
}

fn check_json(args: &[String]) -> Vec<Value> {
    match json_of("check", args, &["--select", "I"]) {
        Value::Array(items) => items,
        other => panic!("{other}"),
    }
}

#[test]
fn check_implements_reports_each_cross_document_defect_with_its_place_in_the_superior() {
    let found = check_json(&against_province("city-defects.txt"));
    let got: Vec<(&str, u64, u64)> = found
        .iter()
        .map(|d| {
            let related = &d["related"][0];
            assert!(
                related["file"].as_str().unwrap().ends_with("province.txt"),
                "{d}"
            );
            (
                d["code"].as_str().unwrap(),
                d["start"]["line"].as_u64().unwrap(),
                related["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    // The wrong 文号 (province line 2), the weakened carried target
    // (province line 9) and the later deadline of task (一) (line 11).
    assert_eq!(got, [("I101", 3, 2), ("I102", 8, 9), ("I103", 10, 11)]);
}

#[test]
fn check_implements_is_quiet_on_a_faithful_city_plan_and_without_a_superior() {
    let found = check_json(&against_province("city.txt"));
    assert!(found.is_empty(), "{found:?}");
    // The same defects, with no superior plan named: nothing to compare.
    let found = check_json(&[fixture("city-defects.txt").to_string_lossy().into_owned()]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn check_reads_implements_from_the_configuration() {
    let dir = configured("implements-check", "city-defects.txt");
    let found = check_json(&[dir.join("city.txt").to_string_lossy().into_owned()]);
    let codes: Vec<&str> = found.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["I101", "I102", "I103"]);
    // A superior plan that cannot be read is an input error.
    std::fs::write(dir.join("plan-lint.toml"), "implements = \"省/没有.txt\"\n").unwrap();
    fails_on_city("check", &dir);
}
