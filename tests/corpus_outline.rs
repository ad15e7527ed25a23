//! `plan-lint outline` of the five corpus documents, locked with snapshots
//! and checked against facts from the corpus structure notes.
//!
//! The corpus lives outside the repository. Its directory comes from
//! `PLAN_LINT_CORPUS`; when that is unset, `../shared/corpus` next to the
//! workspace is used if it exists, and otherwise the tests are skipped with a
//! note. A `PLAN_LINT_CORPUS` that names a missing directory is an error.
//!
//! Review every changed snapshot by eye: `INSTA_UPDATE=always cargo test
//! --test corpus_outline`, then read `tests/snapshots/*.snap`.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;

mod common;
use common::{corpus_dir, corpus_file};
use serde_json::Value;

fn run_outline(file: &Path, json: bool) -> String {
    let mut cmd = Command::cargo_bin("plan-lint").expect("the plan-lint binary is built");
    cmd.arg("outline");
    if json {
        cmd.args(["--format", "json"]);
    }
    let output = cmd.arg(file).output().expect("plan-lint runs");
    assert!(
        output.status.success(),
        "plan-lint outline {} failed: {}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the outline is UTF-8")
}

/// The text outline with its first line (the path as given) reduced to the
/// file name, so that the snapshot does not depend on where the corpus is.
fn text_outline(file: &Path) -> String {
    let text = run_outline(file, false);
    let (first, rest) = text.split_once('\n').expect("an outline has lines");
    assert_eq!(Path::new(first), file, "the outline starts with the file");
    let name = file.file_name().unwrap().to_str().unwrap();
    format!("{name}\n{rest}")
}

/// The JSON outline, plus every section of it flattened in document order.
struct Outline {
    json: Value,
    sections: Vec<Value>,
}

fn json_outline(file: &Path) -> Outline {
    let json: Value = serde_json::from_str(&run_outline(file, true)).expect("valid JSON");
    let mut sections = Vec::new();
    let mut stack: Vec<Value> = json["outline"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .cloned()
        .collect();
    while let Some(section) = stack.pop() {
        stack.extend(
            section["children"]
                .as_array()
                .unwrap()
                .iter()
                .rev()
                .cloned(),
        );
        sections.push(section);
    }
    Outline { json, sections }
}

impl Outline {
    fn header_line(&self, field: &str) -> Option<(u64, String)> {
        let f = &self.json["header"][field];
        (!f.is_null()).then(|| (line(f), f["text"].as_str().unwrap().to_string()))
    }

    fn attachment_kinds(&self) -> Vec<(String, Option<u64>)> {
        self.json["attachments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["kind"].as_str().unwrap().to_string(),
                    a["ordinal"].as_u64(),
                )
            })
            .collect()
    }

    fn note_lines(&self) -> Vec<u64> {
        self.json["attachment_note"]["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(line)
            .collect()
    }

    fn section_at(&self, line_number: u64) -> &Value {
        self.sections
            .iter()
            .find(|s| line(s) == line_number)
            .unwrap_or_else(|| panic!("a section at line {line_number}"))
    }

    fn section_lines(&self) -> BTreeSet<u64> {
        self.sections.iter().map(line).collect()
    }

    /// The task whose clause ends at `end_line` (own-line clauses extend the
    /// task of the item they belong to down to their line).
    fn task_ending_at(&self, end_line: u64) -> &Value {
        let found: Vec<&Value> = self.json["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["end_line"].as_u64() == Some(end_line) && t["form"].is_string())
            .collect();
        assert_eq!(
            found.len(),
            1,
            "one task with a clause ending at line {end_line}"
        );
        found[0]
    }

    /// The task with a clause that starts at `start_line` (a table row, whose
    /// cells follow it, starts at the row).
    fn task_at(&self, start_line: u64) -> &Value {
        let found: Vec<&Value> = self.json["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| line(t) == start_line && t["form"].is_string())
            .collect();
        assert_eq!(
            found.len(),
            1,
            "one task with a clause at line {start_line}"
        );
        found[0]
    }

    /// Lines that are not the document: the model's debris and the lines
    /// the normalised view set aside.
    fn debris(&self) -> BTreeSet<u64> {
        let debris = self.json["debris_lines"].as_array().unwrap().iter();
        let set_aside = self.json["set_aside"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| &v["line"]);
        debris
            .chain(set_aside)
            .map(|v| v.as_u64().unwrap())
            .collect()
    }
}

fn line(v: &Value) -> u64 {
    v["line"].as_u64().expect("a line number")
}

fn names(task: &Value, role: &str) -> Vec<String> {
    task[role]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

fn attachments(n: u64) -> Vec<(String, Option<u64>)> {
    (1..=n)
        .map(|i| ("attachment".to_string(), Some(i)))
        .collect()
}

/// No section at a line of the 附件说明 list.
fn assert_note_is_not_outline(outline: &Outline) {
    let note: BTreeSet<u64> = outline.note_lines().into_iter().collect();
    let sections = outline.section_lines();
    assert!(
        note.is_disjoint(&sections),
        "附件说明 lines taken for sections: {:?}",
        note.intersection(&sections).collect::<Vec<_>>()
    );
}

/// Every attachment ends before the first page-footer debris line.
fn assert_attachments_end_before(outline: &Outline, footer: u64) {
    for a in outline.json["attachments"].as_array().unwrap() {
        assert!(
            a["end_line"].as_u64().unwrap() < footer,
            "attachment {a} runs into the footer"
        );
    }
}

fn style(section: &Value) -> &str {
    section["style"].as_str().unwrap()
}

#[test]
fn outline_000() {
    let Some(dir) = corpus_dir() else { return };
    let file = corpus_file(&dir, "000_");
    insta::assert_snapshot!("outline_000", text_outline(&file));

    let o = json_outline(&file);
    assert_eq!(
        o.header_line("doc_number"),
        Some((1, "清政办函[2024]3号".into()))
    );
    assert_eq!(
        o.header_line("issuer"),
        Some((2, "衡南县人民政府办公室".into()))
    );
    assert_eq!(o.header_line("notice_title").map(|t| t.0), Some(3));
    assert_eq!(o.header_line("addressee").map(|t| t.0), Some(4));
    assert_eq!(
        o.header_line("signature"),
        Some((6, "衡南县人民政府办公室".into()))
    );
    assert_eq!(o.header_line("date"), Some((7, "2024年4月17日".into())));
    assert_eq!(line(&o.json["title"]), 8);

    assert_eq!(o.attachment_kinds(), attachments(8));
    assert_eq!(o.note_lines(), (27..=34).collect::<Vec<_>>());
    assert_note_is_not_outline(&o);
    assert_eq!(o.debris(), BTreeSet::from([272]));
    assert_attachments_end_before(&o, 272);

    // 附件8: (1)–(17) run on across the 1.–10. categories.
    let category = o.section_at(239);
    assert_eq!(category["title"], "推进教育高质量发展");
    assert_eq!(category["children"].as_array().unwrap().len(), 2);
    assert_eq!(o.section_at(265)["number"], 17);

    // Clause forms.
    let t = o.task_ending_at(96);
    assert_eq!(names(t, "leads"), ["县科工信局", "县重点建设项目事务中心"]);
    let t = o.task_ending_at(98);
    assert!(names(t, "leads").is_empty());
    assert_eq!(names(t, "responsible")[0], "县住建局");
    let t = o.task_ending_at(200);
    assert_eq!(names(t, "leads").last().unwrap(), "县发改局");
    assert_eq!(names(t, "collaborating"), ["其他有关单位"]);
    let t = o.task_ending_at(227);
    assert_eq!(names(t, "leads"), ["市生态环境局衡南分局"]);
    let t = o.task_ending_at(171);
    assert_eq!(
        names(t, "responsible"),
        ["衡南高新区", "县科工信局", "相关乡镇人民政府", "街道办事处"]
    );
    let t = o.task_ending_at(260);
    assert_eq!(names(t, "leads"), ["县人社局", "县交通运输局"]);
    // 附件2 (二): the clause is on the section's unnumbered paragraph.
    let t = o.task_ending_at(68);
    assert_eq!(t["section"], "加快推进创新研发平台建设");
}

#[test]
fn outline_001() {
    let Some(dir) = corpus_dir() else { return };
    let file = corpus_file(&dir, "001_");
    insta::assert_snapshot!("outline_001", text_outline(&file));

    let o = json_outline(&file);
    for field in [
        "doc_number",
        "issuer",
        "notice_title",
        "addressee",
        "signature",
        "date",
    ] {
        assert_eq!(o.header_line(field), None, "001 has no {field}");
    }
    assert_eq!(o.json["title"]["text"], "新田县实施“七大攻坚”总体方案");
    assert_eq!(line(&o.json["title"]), 12);

    assert_eq!(o.attachment_kinds(), attachments(7));
    assert_eq!(o.note_lines(), (60..=72).step_by(2).collect::<Vec<_>>());
    assert_note_is_not_outline(&o);
    let debris = o.debris();
    for l in (1..=10).chain([591, 596, 600, 608]) {
        assert!(debris.contains(&l), "line {l} is web debris");
    }
    assert!(
        debris.iter().all(|&l| l <= 10 || l >= 591),
        "no content line is debris: {debris:?}"
    );
    assert_attachments_end_before(&o, 591);

    // Damaged markers.
    let five = o.section_at(44);
    assert_eq!(
        (style(five), five["number"].as_u64()),
        ("cn-half-paren", Some(5))
    );
    for l in [343, 353, 361, 371] {
        assert_eq!(style(o.section_at(l)), "lost-numeral", "line {l}");
        assert_eq!(o.section_at(l)["marker"], ")");
    }
    // Headings whose whole marker was lost: 二、(一) and 附件4 (二)–(七).
    for l in [36, 262, 274, 284, 294, 304, 312] {
        let s = o.section_at(l);
        assert_eq!(
            (style(s), s["level"].as_u64(), s["marker"].as_str()),
            ("lost-numeral", Some(2), Some("")),
            "line {l}"
        );
    }
    assert_eq!(o.section_at(262)["children"].as_array().unwrap().len(), 5);
    assert_eq!(o.section_at(320)["number"], 8);
    // 附件7: 1)–28) run on across the twelve groups.
    assert_eq!(o.section_at(477)["children"].as_array().unwrap().len(), 4);
    let last = o.section_at(555);
    assert_eq!(
        (style(last), last["number"].as_u64()),
        ("arabic-half-paren", Some(28))
    );

    // Clauses without brackets or with a lost bracket.
    let t = o.task_ending_at(89);
    assert_eq!(names(t, "leads"), ["县人社局"]);
    let t = o.task_ending_at(416);
    assert_eq!(names(t, "collaborating"), ["各负有监管职责行业部门"]);
}

#[test]
fn outline_002() {
    let Some(dir) = corpus_dir() else { return };
    let file = corpus_file(&dir, "002_");
    insta::assert_snapshot!("outline_002", text_outline(&file));

    let o = json_outline(&file);
    assert_eq!(
        o.header_line("doc_number"),
        Some((1, "沅政办发〔2024〕3号".into()))
    );
    assert_eq!(o.header_line("addressee").map(|t| t.0), Some(2));
    assert_eq!(o.header_line("signature").map(|t| t.0), Some(4));
    assert_eq!(o.header_line("date"), Some((5, "2024年3月20日".into())));
    assert_eq!(o.header_line("issuer"), None);
    assert_eq!(o.header_line("notice_title"), None);
    assert_eq!(line(&o.json["title"]), 6);

    assert!(o.json["attachments"].as_array().unwrap().is_empty());
    assert!(o.json["attachment_note"].is_null());
    // 一、二、三、 with (一)–(八) and (一)–(四); section 一's topic sentences
    // and the intro paragraph of 二 are not headings.
    assert_eq!(o.sections.len(), 15);
    assert_eq!(
        o.section_lines(),
        BTreeSet::from_iter([8, 17, 27].into_iter().chain(19..=26).chain(28..=31))
    );
    assert!(
        o.json["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["form"].is_null())
    );
    assert!(o.debris().is_empty());
}

#[test]
fn outline_003() {
    let Some(dir) = corpus_dir() else { return };
    let file = corpus_file(&dir, "003_");
    insta::assert_snapshot!("outline_003", text_outline(&file));

    let o = json_outline(&file);
    assert_eq!(
        o.header_line("issuer"),
        Some((8, "邵东市人民政府办公室".into()))
    );
    assert_eq!(
        o.header_line("notice_title"),
        Some((10, "关于印发《邵东市实施“七大攻坚”总体方案》的通知".into()))
    );
    assert_eq!(
        o.header_line("doc_number"),
        Some((14, "邵东政办发〔2025〕2号".into()))
    );
    assert_eq!(o.header_line("addressee").map(|t| t.0), Some(16));
    assert_eq!(o.header_line("signature").map(|t| t.0), Some(22));
    assert_eq!(o.header_line("date"), Some((26, "2025年3月6日".into())));
    assert_eq!(line(&o.json["title"]), 29);

    assert_eq!(o.attachment_kinds(), attachments(7));
    assert_eq!(o.note_lines(), (76..=88).step_by(2).collect::<Vec<_>>());
    assert_note_is_not_outline(&o);
    let debris = o.debris();
    for l in [1, 3, 5, 6, 612, 613, 621] {
        assert!(debris.contains(&l), "line {l} is web debris");
    }
    assert!(
        debris.iter().all(|&l| l <= 6 || l >= 612),
        "no content line is debris: {debris:?}"
    );
    assert_attachments_end_before(&o, 612);

    // Damaged markers.
    let lost = o.section_at(103);
    assert_eq!(
        (style(lost), lost["marker"].as_str()),
        ("lost-numeral", Some("("))
    );
    assert_eq!(lost["children"].as_array().unwrap().len(), 6);
    assert_eq!(style(o.section_at(225)), "arabic-comma");
    assert_eq!(style(o.section_at(498)), "arabic-bare");
    let sixteen = o.section_at(542);
    assert_eq!(
        (style(sixteen), sixteen["number"].as_u64()),
        ("arabic-half-paren", Some(16))
    );
    // The bare 1–23 sit under the ten heading-only categories.
    assert_eq!(o.section_at(496)["children"].as_array().unwrap().len(), 2);

    // 附件7: after the convention note, bracketed units are the leads.
    let t = o.task_ending_at(498);
    assert_eq!(names(t, "leads"), ["市教育局"]);
    let t = o.task_ending_at(504);
    assert_eq!(names(t, "leads"), ["市人社局"]);
    let t = o.task_ending_at(542);
    assert_eq!(names(t, "leads"), ["市文旅广体局", "市融媒体中心"]);
}

#[test]
fn outline_004() {
    let Some(dir) = corpus_dir() else { return };
    let file = corpus_file(&dir, "004_");
    insta::assert_snapshot!("outline_004", text_outline(&file));

    let o = json_outline(&file);
    assert_eq!(
        o.header_line("doc_number"),
        Some((1, "沅政办发〔2023〕5号".into()))
    );
    assert_eq!(o.header_line("addressee").map(|t| t.0), Some(2));
    assert_eq!(
        o.header_line("signature"),
        Some((5, "沅江市人民政府办公室".into()))
    );
    assert_eq!(o.header_line("date"), Some((6, "2023年4月23日".into())));
    assert_eq!(o.header_line("issuer"), None);
    assert_eq!(o.header_line("notice_title"), None);
    assert_eq!(o.json["title"]["text"], "沅江市打好“发展六仗”实施方案");

    let mut expected = attachments(6);
    expected.insert(3, ("table".to_string(), None));
    assert_eq!(o.attachment_kinds(), expected);
    assert_eq!(
        o.json["attachments"][3]["title"],
        "沅江市打好优化发展环境持久仗重点工作任务清单"
    );
    assert_eq!(o.note_lines(), (30..=35).collect::<Vec<_>>());
    assert_note_is_not_outline(&o);

    // Table header rows repeated after page breaks.
    let repeated: BTreeSet<u64> = o.json["repeated_headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(line)
        .collect();
    let categories = [
        148, 171, 209, 267, 288, 319, 341, 368, 398, 415, 433, 455, 476,
    ];
    let items = [149, 172, 320, 342, 369, 399, 416, 434, 456];
    assert_eq!(repeated, categories.into_iter().chain(items).collect());
    let sections = o.section_lines();
    assert!(repeated.is_disjoint(&sections));
    // Column headers are not sections; 1.–22. and (1)–(85) once each.
    assert!((113..=117).all(|l| !sections.contains(&l)));
    let table: Vec<&Value> = o
        .sections
        .iter()
        .filter(|s| s["in_table"] == true)
        .collect();
    assert_eq!(table.iter().filter(|s| s["level"] == 2).count(), 4);
    assert_eq!(table.iter().filter(|s| s["level"] == 3).count(), 22);
    assert_eq!(table.iter().filter(|s| s["level"] == 4).count(), 85);

    // 附件3 table rows: a lead cell, then a 责任单位 cell.
    let t = o.task_at(120);
    assert_eq!(t["form"], "table-cells");
    assert_eq!(names(t, "leads"), ["市国资服务中心"]);
    assert_eq!(names(t, "responsible"), ["市国企改革领导小组相关成员单位"]);
    let t = o.task_at(324);
    assert_eq!(names(t, "leads"), ["市城管执法局", "沅江供电公司"]);

    // 附件4: the lead of each risk area is in its 一、 heading.
    let area = o.section_at(491);
    assert_eq!(area["title"], "防范化解政府债务风险");
    let t = o.task_ending_at(491);
    assert_eq!(names(t, "leads"), ["市财政局"]);

    // 附件5 own-line clauses: (clause line, line of the item it belongs to).
    for (clause, item) in [
        (584, 575),
        (608, 605),
        (610, 601),
        (663, 662),
        (667, 657),
        (676, 669),
        (684, 677),
        (693, 685),
        (699, 694),
        (743, 740),
    ] {
        let t = o.task_ending_at(clause);
        assert_eq!(line(t), item, "the clause at line {clause}");
        assert_eq!(t["form"], "own-line");
    }
    let t = o.task_ending_at(608);
    assert_eq!(names(t, "leads"), ["市民政局"]);
    assert!(names(t, "collaborating").contains(&"各镇(街道、中心)".to_string()));

    // 附件6: two clauses in one item.
    let both: Vec<Vec<String>> = o.json["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| line(t) == 816)
        .map(|t| names(t, "leads"))
        .collect();
    assert_eq!(
        both,
        [vec!["市住建局".to_string()], vec!["供电公司".to_string()]]
    );
}
