//! `plan-lint tasks --format xlsx`: the workbook, opened by a second,
//! independent reader (LibreOffice Calc, headless), holds the same table as
//! the CSV output, cell for cell; and the file itself has what a 督查室
//! expects (a frozen header row, wrapped cells, set column widths).
//!
//! Needs LibreOffice Calc (`scripts/install-libreoffice.sh`); without it
//! the test fails, naming that script, like the Word-document tests.

mod docx_support;

mod common;

use std::path::Path;

use assert_cmd::Command;
use docx_support::{convert_with, entries, repo, scratch};

fn plan_lint() -> Command {
    let mut cmd = Command::cargo_bin("plan-lint").expect("the plan-lint binary is built");
    cmd.current_dir(repo());
    cmd
}

/// The text of one part of the package at `path`.
fn package_part(path: &Path, name: &str) -> String {
    let parts = entries(&std::fs::read(path).unwrap());
    let part = parts
        .get(name)
        .unwrap_or_else(|| panic!("no {name} in {}", path.display()));
    String::from_utf8(part.clone()).unwrap()
}

/// A plan of our own with every column filled somewhere: targets, leads,
/// collaborators, a labelled and a dated deadline, a comma and a quote in
/// a cell, and an attachment.
const PLAN: &str = "\
某县城乡环境整治行动方案
一、重点任务
(一)改善人居环境
1.改造老旧小区。全年改造老旧小区12个,惠及居民3000户以上。(牵头单位:县住建局;配合单位:县财政局、县发改局;完成时限:2025年底前)
2.推进“厕所革命”。改造农村户厕800户,2026年6月底前全部完成验收。(县农业农村局牵头,县卫健局、各乡镇配合)
(二)加强组织保障
1.建立调度机制。每月调度一次工作进展,确保各项任务按期完成。(县政府办牵头;长期坚持)
附件
重点任务清单
序号\t任务内容\t牵头单位\t配合单位
1\t整治背街小巷\t县城管局\t县住建局、各街道办事处
";

#[test]
fn the_workbook_holds_the_csv_table() {
    let dir = scratch("tasks-xlsx");
    let plan = dir.join("plan.txt");
    std::fs::write(&plan, PLAN).unwrap();
    let csv = plan_lint()
        .args(["tasks", "--format", "csv"])
        .arg(&plan)
        .output()
        .unwrap();
    assert!(
        csv.status.success(),
        "{}",
        String::from_utf8_lossy(&csv.stderr)
    );
    let expected = common::csv_rows(&String::from_utf8(csv.stdout).unwrap());
    assert!(expected.len() >= 5, "{expected:#?}");

    let xlsx = dir.join("tasks.xlsx");
    let out = plan_lint()
        .args(["tasks", "--format", "xlsx", "-o"])
        .arg(&xlsx)
        .arg(&plan)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stdout.is_empty(),
        "-o writes nothing to standard output"
    );

    let converted = convert_with(
        &[&xlsx],
        "csv:Text - txt - csv (StarCalc):44,34,76,1",
        "csv",
        &dir,
    );
    let read_back = common::csv_rows(&std::fs::read_to_string(&converted[0]).unwrap());
    assert_eq!(read_back, expected, "LibreOffice reads another table");
}

#[test]
fn the_workbook_has_a_frozen_wrapped_header_and_set_widths() {
    let dir = scratch("tasks-xlsx-layout");
    let plan = dir.join("plan.txt");
    std::fs::write(&plan, PLAN).unwrap();
    let xlsx = dir.join("tasks.xlsx");
    plan_lint()
        .args(["tasks", "--format", "xlsx", "-o"])
        .arg(&xlsx)
        .arg(&plan)
        .assert()
        .success();
    let sheet = package_part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ),
        "the header row is frozen: {sheet}"
    );
    // Every one of the seven columns has a width of its own (`<col min="2"
    // max="3" …>` covers two of the same width).
    let covered: u32 = sheet
        .split("<col ")
        .skip(1)
        .map(|col| {
            let attr = |name: &str| -> u32 {
                let at = col.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                col[at..].split('"').next().unwrap().parse().unwrap()
            };
            assert!(col.contains("customWidth=\"1\""), "{col}");
            attr("max") - attr("min") + 1
        })
        .sum();
    assert_eq!(covered, 7, "seven set widths: {sheet}");
    assert!(
        sheet.contains("customHeight=\"1\""),
        "rows sized to their text"
    );
    let styles = package_part(&xlsx, "xl/styles.xml");
    assert!(
        styles.contains(r#"wrapText="1""#),
        "wrapped cells: {styles}"
    );
    let workbook = package_part(&xlsx, "xl/workbook.xml");
    assert!(workbook.contains("任务分工表"), "{workbook}");
    assert!(
        workbook.contains("_xlnm.Print_Titles"),
        "the header repeats on every printed page: {workbook}"
    );
}

#[test]
fn a_workbook_is_not_written_to_a_terminal_and_a_failed_write_leaves_nothing() {
    // Standard output is a pipe here, so the workbook goes there…
    let out = plan_lint()
        .args(["tasks", "--format", "xlsx", "examples/sample-plan.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"PK"), "an .xlsx is a zip package");
    // …and into a folder that does not exist, it fails with exit 2 and
    // leaves no temporary file behind.
    let dir = scratch("tasks-xlsx-fail");
    let target = dir.join("missing/tasks.xlsx");
    let out = plan_lint()
        .args(["tasks", "--format", "xlsx", "-o"])
        .arg(&target)
        .arg("examples/sample-plan.txt")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!Path::new(&target).exists());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}
