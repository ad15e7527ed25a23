//! `plan-lint tasks` (the 任务分工表 out of a plan) on the five corpus
//! documents, locked with reviewed snapshots of the CSV, and on the
//! 重点任务分工 attachment of corpus-dev 57, checked against what a reviewer
//! reads in those documents.
//!
//! The corpora live outside the repository (see `tests/common`); without
//! them the tests record a skip. Review every changed snapshot by eye:
//! `INSTA_UPDATE=always cargo test --test corpus_tasks`, then read
//! `tests/snapshots/corpus_tasks__*.snap`.

use std::path::Path;

use assert_cmd::Command;

mod common;
use common::{DOCUMENTS, corpus_dev_dir, corpus_dir, corpus_file};

/// The CSV of `file`, run from its folder so that the 位置 column names the
/// file and not where the corpus is.
fn tasks_csv(file: &Path) -> String {
    let output = Command::cargo_bin("plan-lint")
        .expect("the plan-lint binary is built")
        .current_dir(file.parent().unwrap())
        .args(["tasks", "--format", "csv"])
        .arg(file.file_name().unwrap())
        .output()
        .expect("plan-lint runs");
    assert!(
        output.status.success(),
        "plan-lint tasks {} failed: {}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the table is UTF-8")
}

/// Whether a 完成时限 cell reads as a deadline: a date ending in 前, or a
/// standing term. Anything else is prose the reader took for one.
fn is_deadline(cell: &str) -> bool {
    cell.is_empty()
        || cell.ends_with('前')
        || ["长期坚持", "持续推进", "持续开展", "长期推进", "常态化推进"].contains(&cell)
}

#[test]
fn tasks_of_the_five_documents() {
    let Some(dir) = corpus_dir() else { return };
    for prefix in DOCUMENTS {
        let file = corpus_file(&dir, prefix);
        let csv = tasks_csv(&file);
        let table = common::csv_rows(&csv);
        assert_eq!(
            table[0],
            [
                "序号",
                "任务",
                "目标",
                "牵头单位",
                "配合单位",
                "完成时限",
                "位置"
            ]
        );
        for row in &table[1..] {
            assert_eq!(row.len(), 7, "{prefix}: {row:?}");
            assert!(
                !row[0].is_empty() && !row[1].is_empty(),
                "{prefix}: {row:?}"
            );
            assert!(is_deadline(&row[5]), "{prefix}: not a deadline: {row:?}");
            assert!(row[6].starts_with(prefix), "{prefix}: {row:?}");
        }
        insta::assert_snapshot!(format!("tasks_{}", &prefix[..3]), csv);
    }
}

/// 004: the 附表 of attachment 3 lists tasks (1) to (85), each with its
/// 牵头单位 and 责任单位 cells; attachment 4 gives the units of a heading
/// to the items under it and reads its 职责分工 list unit by unit.
#[test]
fn tasks_of_004_have_their_units() {
    let Some(dir) = corpus_dir() else { return };
    let table = common::csv_rows(&tasks_csv(&corpus_file(&dir, "004_")));
    let row = |number: &str| {
        table
            .iter()
            .find(|r| r[0] == number)
            .unwrap_or_else(|| panic!("no row {number}"))
    };
    let listed: Vec<&Vec<String>> = table.iter().filter(|r| r[0].starts_with("附表/")).collect();
    let items: Vec<&&Vec<String>> = listed
        .iter()
        .filter(|r| {
            r[0].rsplit('/').next().is_some_and(|n| {
                n.starts_with('(') && n[1..].starts_with(|c: char| c.is_ascii_digit())
            })
        })
        .collect();
    assert_eq!(items.len(), 85, "{listed:#?}");
    assert!(
        items.iter().all(|r| !r[3].is_empty()),
        "a 附表 row without its lead"
    );
    assert_eq!(row("附表/(一)/1/(1)")[3], "市国资服务中心");
    assert_eq!(row("附表/(一)/4/(12)")[3], "人民银行沅江支行");
    // 二、防范化解金融风险(牵头单位:市金融事务中心) and its (一)…(四).
    assert_eq!(row("附件4/二/(三)")[3], "市金融事务中心");
    // 市气象局:负责灾害天气的监测…
    assert_eq!(row("附件4/五/(三)/3")[3], "市气象局");
    // The item the heading 以改革创一流环境(总牵头单位:市发改局) opens.
    assert!(
        table
            .iter()
            .any(|r| r[1] == "以开放促一流环境" && r[3] == "市商务局")
    );
}

/// corpus-dev 57 carries its 重点任务分工 as an attachment table: 25 rows
/// numbered in a 序号 column, each with its 牵头单位.
#[test]
fn the_task_table_attachment_of_57() {
    let Some(dir) = corpus_dev_dir() else { return };
    let file = dir.join("57_chongqing_dikong-xingdong.txt");
    let table = common::csv_rows(&tasks_csv(&file));
    let attached: Vec<&Vec<String>> = table[1..]
        .iter()
        .filter(|r| r[0].starts_with("附件/"))
        .collect();
    let numbers: Vec<u32> = attached
        .iter()
        .map(|r| r[0].rsplit('/').next().unwrap().parse().expect("a 序号"))
        .collect();
    assert_eq!(numbers, (1..=25).collect::<Vec<_>>(), "{attached:#?}");
    assert!(attached.iter().all(|r| !r[3].is_empty()), "{attached:#?}");
    assert!(
        attached
            .iter()
            .all(|r| !r[1].starts_with(|c: char| c.is_ascii_digit())),
        "the 序号 cell stays out of the title: {attached:#?}"
    );
    assert_eq!(attached[0][1], "强化市级统筹");
    assert_eq!(attached[0][3], "市委军民融合办");
}
