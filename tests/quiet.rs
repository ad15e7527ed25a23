//! A made-up plan full of the catalogue's classic false alarms (rules.md):
//! the same number restated, two metrics sharing a verb, different years
//! and scopes, a range and its end, cumulative vs annual, numbering that
//! restarts per attachment, 一是/二是 lists, 各镇(街道、中心) as one unit, a
//! unit named in the task text, 本方案, a 专班 list repeating the
//! vice-conveners. Every rule must stay quiet on it.

use assert_cmd::Command;

#[test]
fn a_careful_plan_gets_no_diagnostics() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/quiet-plan.txt");
    let output = Command::cargo_bin("plan-lint")
        .unwrap()
        .args([
            "check",
            "--no-config",
            "--format",
            "concise",
            "--fail-on",
            "info",
            fixture,
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.is_empty(), "false alarms:\n{stdout}");
    assert_eq!(output.status.code(), Some(0));
}
