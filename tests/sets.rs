//! Plan sets end to end: files checked as one document (`[[set]]` in
//! `plan-lint.toml`), each finding reported in its file and each related
//! place naming the file it is in, in every output format.

mod common;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

use common::TempDir;

/// An overall plan stating a target, and listing its one attachment.
const MAIN: &str = "\
某县城乡融合发展总体方案
一、主要目标
到2025年,全县改造老旧小区5个以上,新建口袋公园8个。
附件:某县老旧小区改造实施方案
";

/// The attachment, saved as its own file, restating the target otherwise.
const ATTACHMENT: &str = "\
附件
某县老旧小区改造实施方案
一、工作目标
到2025年,全县改造老旧小区7个以上。
";

const CONFIG: &str = "[[set]]\nfiles = [\"总体方案.txt\", \"附件1.txt\"]\n";

fn set_dir(name: &str, config: bool) -> TempDir {
    let dir = TempDir::new(name);
    dir.write("总体方案.txt", MAIN);
    dir.write("附件1.txt", ATTACHMENT);
    if config {
        dir.write("plan-lint.toml", CONFIG);
    }
    dir
}

fn check(dir: &Path, args: &[&str]) -> (String, i32) {
    let output = Command::cargo_bin("plan-lint")
        .unwrap()
        .current_dir(dir)
        .arg("check")
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code().unwrap(),
    )
}

fn json(dir: &Path, args: &[&str]) -> Vec<Value> {
    let (out, _) = check(dir, &[&["--format", "json"], args].concat());
    serde_json::from_str::<Value>(&out)
        .unwrap_or_else(|e| panic!("{e}: {out}"))
        .as_array()
        .unwrap()
        .clone()
}

fn with_code<'a>(found: &'a [Value], code: &str) -> Vec<&'a Value> {
    found.iter().filter(|d| d["code"] == code).collect()
}

#[test]
fn each_file_alone_states_its_target_once() {
    let dir = set_dir("alone", false);
    for file in ["总体方案.txt", "附件1.txt"] {
        assert!(with_code(&json(dir.path(), &[file]), "T101").is_empty());
    }
}

#[test]
fn a_set_is_checked_as_one_document_and_json_names_the_other_file() {
    let dir = set_dir("json", true);
    // Naming one member checks its set; naming the folder reports each file
    // once.
    for args in [&["附件1.txt"][..], &["."], &["总体方案.txt", "附件1.txt"]] {
        let found = json(dir.path(), args);
        let conflicts = with_code(&found, "T101");
        assert_eq!(conflicts.len(), 1, "{args:?}: {found:#?}");
        let conflict = conflicts[0];
        let own = conflict["file"].as_str().unwrap();
        let related = &conflict["related"][0];
        let other = related["file"].as_str().unwrap();
        let name = |path: &str| Path::new(path).file_name().unwrap().to_owned();
        assert_ne!(name(own), name(other), "{conflict:#}");
        // Lines are each file's own: the attachment's target is on its
        // line 4, the plan's on its line 3.
        for (file, line) in [
            (own, &conflict["start"]["line"]),
            (other, &related["start"]["line"]),
        ] {
            let expected = if file.ends_with("附件1.txt") { 4 } else { 3 };
            assert_eq!(line, expected, "{file}: {conflict:#}");
        }
        let message = conflict["message"].as_str().unwrap();
        assert!(
            message.contains("总体方案.txt第3行") || message.contains("附件1.txt第4行"),
            "{message}"
        );
        let mut files: Vec<&str> = found.iter().map(|d| d["file"].as_str().unwrap()).collect();
        files.dedup();
        let mut sorted = files.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(
            files.len(),
            sorted.len(),
            "a file reported twice: {files:?}"
        );
    }
}

#[test]
fn full_sarif_and_github_name_the_other_file() {
    let dir = set_dir("formats", true);
    let (full, code) = check(dir.path(), &["附件1.txt"]);
    assert_eq!(code, 1, "a T101 is an error: {full}");
    assert!(full.contains("┌─ 附件1.txt:4:16"), "{full}");
    assert!(full.contains("┌─ 总体方案.txt:3:16"), "{full}");

    let (sarif, _) = check(dir.path(), &["--format", "sarif", "附件1.txt"]);
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let conflict = results.iter().find(|r| r["ruleId"] == "T101").unwrap();
    let uri = |location: &Value| {
        location["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(uri(&conflict["locations"][0]), "附件1.txt");
    let related = &conflict["relatedLocations"][0];
    assert_eq!(uri(related), "总体方案.txt");
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 3);

    let (github, _) = check(dir.path(), &["--format", "github", "附件1.txt"]);
    let line = github.lines().find(|l| l.contains("T101")).unwrap();
    assert!(line.starts_with("::error file=附件1.txt,line=4,"), "{line}");
    assert!(line.contains("%0A相关: 总体方案.txt:3:16"), "{line}");
}

#[test]
fn a_broken_set_is_a_configuration_error() {
    let dir = set_dir("broken", false);
    dir.write(
        "plan-lint.toml",
        "[[set]]\nfiles = [\"总体方案.txt\", \"附件1.txt\"]\n[[set]]\nfiles = [\"附件1.txt\", \"其他.txt\"]\n",
    );
    let output = Command::cargo_bin("plan-lint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "附件1.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("another [[set]]"), "{stderr}");
}

/// An overall plan whose 附件说明 lists two attachments by title.
const OVERALL: &str = "\
某县城乡融合发展总体方案
一、主要目标
到2025年,全县改造老旧小区5个以上,新建口袋公园8个。
二、保障措施
各乡镇要加强组织领导。
附件:1.某县老旧小区改造实施方案
2.某县农村人居环境整治实施方案
";

#[test]
fn a_folder_of_a_plan_and_its_attachment_files_is_recognised_as_a_set() {
    let dir = TempDir::new("recognised");
    dir.write("总体方案.txt", OVERALL);
    // Its first attachment, named by its title only.
    dir.write("老旧小区改造.txt", ATTACHMENT.replace("附件\n", "附件1\n"));
    // A file marked 附件3 that the note does not list.
    dir.write(
        "附件3.txt",
        "附件3\n某县道路提质改造实施方案\n一、工作目标\n",
    );
    let found = json(dir.path(), &["--no-config", "."]);
    let conflicts = with_code(&found, "T101");
    assert_eq!(conflicts.len(), 1, "{found:#?}");
    let files = with_code(&found, "S203");
    assert_eq!(files.len(), 2, "{found:#?}");
    let missing = files
        .iter()
        .find(|d| d["file"].as_str().unwrap().ends_with("总体方案.txt"))
        .unwrap();
    assert_eq!(
        missing["start"]["line"], 7,
        "at the note's entry: {missing:#}"
    );
    assert!(missing["message"].as_str().unwrap().contains("附件2"));
    let unlisted = files
        .iter()
        .find(|d| d["file"].as_str().unwrap().ends_with("附件3.txt"))
        .unwrap();
    assert_eq!(unlisted["start"]["line"], 1, "{unlisted:#}");
    // The plan alone: an attachment not seen is no finding.
    let alone = json(dir.path(), &["--no-config", "总体方案.txt"]);
    assert!(
        alone
            .iter()
            .all(|d| d["code"] != "S203" && d["code"] != "S201"),
        "{alone:#?}"
    );
}

#[test]
fn a_folder_of_unrelated_plans_is_not_a_set() {
    let dir = TempDir::new("unrelated");
    // Two plans, each listing attachments of its own that are not in the
    // folder, and a third that has none.
    dir.write("总体方案.txt", OVERALL);
    dir.write(
        "道路方案.txt",
        "某县道路提质改造实施方案\n一、工作目标\n到2025年,全县改造老旧小区7个以上。\n附件:某县道路建设项目清单\n",
    );
    dir.write(
        "公园方案.txt",
        "某县口袋公园建设方案\n一、工作目标\n新建口袋公园10个。\n",
    );
    let together = json(dir.path(), &["--no-config", "."]);
    let mut each = Vec::new();
    for file in ["总体方案.txt", "道路方案.txt", "公园方案.txt"] {
        each.extend(json(dir.path(), &["--no-config", &format!("./{file}")]));
    }
    let key = |d: &Value| {
        format!(
            "{} {} {} {}",
            d["file"], d["code"], d["start"]["line"], d["message"]
        )
    };
    let mut together: Vec<String> = together.iter().map(key).collect();
    let mut each: Vec<String> = each.iter().map(key).collect();
    together.sort();
    each.sort();
    assert_eq!(together, each);
    assert!(
        together
            .iter()
            .all(|d| !d.contains("S203") && !d.contains("T101"))
    );
}

#[test]
fn a_crawled_page_in_a_set_does_not_make_the_other_files_a_web_page() {
    // 附件1 was saved from a web page, its site's footer included. Read
    // alone, its footer is set aside; joined as raw text, the footer made
    // the whole set read as a crawled page and the plan's short lines (the
    // 附件说明's second entry among them) were set aside with it.
    let dir = TempDir::new("crawled");
    dir.write(
        "plan.txt",
        "某县城乡融合发展总体方案\n一、主要目标\n到2025年,全县改造老旧小区5个以上。\n附件:1.某县老旧小区改造实施方案\n2.某县口袋公园建设方案\n",
    );
    dir.write(
        "附件1.txt",
        "附件1\n某县老旧小区改造实施方案\n一、工作目标\n到2025年,全县改造老旧小区5个以上。\n二、主要任务\n(一)加快改造。\n网站地图 | 联系我们 | 隐私声明\n主办单位：某县人民政府办公室\n备案号：某ICP备00000000号\n当前浏览器版本过低，建议使用\n8及以上版本浏览器访问本站。\n",
    );
    dir.write(
        "附件2.txt",
        "附件2\n某县口袋公园建设方案\n一、工作目标\n新建口袋公园8个。\n",
    );
    dir.write(
        "plan-lint.toml",
        "[[set]]\nfiles = [\"plan.txt\", \"附件1.txt\", \"附件2.txt\"]\n",
    );
    let found = json(dir.path(), &["plan.txt"]);
    for code in ["S203", "F106", "S101", "S103"] {
        assert!(with_code(&found, code).is_empty(), "{code}: {found:#?}");
    }
}

#[test]
fn a_unit_named_in_a_clause_of_each_file_is_no_duplicate() {
    // The plan's task and the attachment's restatement of it each name
    // their units once; the files end where their clauses end, so the two
    // lists are never read as one.
    let dir = TempDir::new("units");
    dir.write(
        "总体方案.txt",
        "某县城乡融合发展总体方案\n一、重点任务\n(一)推进老旧小区改造。完成改造任务(县住建局牵头,县财政局、县发改局配合)\n附件:某县老旧小区改造实施方案\n",
    );
    dir.write(
        "附件1.txt",
        "附件\n某县老旧小区改造实施方案\n一、主要任务\n(一)加快改造进度。按期完成(县住建局牵头,县财政局、县发改局配合)\n",
    );
    dir.write("plan-lint.toml", CONFIG);
    let found = json(dir.path(), &["."]);
    for code in ["R102", "R103"] {
        assert!(with_code(&found, code).is_empty(), "{code}: {found:#?}");
    }
    // The same units twice in one clause are still a duplicate.
    dir.write(
        "附件1.txt",
        "附件\n某县老旧小区改造实施方案\n一、主要任务\n(一)加快改造进度。按期完成(县住建局牵头,县财政局、县发改局、县财政局配合)\n",
    );
    let found = json(dir.path(), &["."]);
    let duplicates = with_code(&found, "R102");
    assert_eq!(duplicates.len(), 1, "{found:#?}");
    assert!(
        duplicates[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("附件1.txt")
    );
}

#[test]
fn a_task_table_file_naming_another_lead_is_found_in_the_set() {
    // The plan assigns the task to 县住建局; its 任务分工表, a file of its
    // own, to 县财政局: R105 in the table file, pointing into the plan.
    let dir = TempDir::new("table-lead");
    dir.write(
        "实施方案.txt",
        "某县城市更新实施方案\n一、重点任务\n\
         1.改造老旧小区。完成改造5个以上(县住建局牵头,县财政局配合)。\n\
         2.完善道路网络。新建道路10公里(县交通运输局牵头)。\n\
         附件:重点任务分工表\n",
    );
    dir.write(
        "附件.txt",
        "附件\n重点任务分工表\n序号\t任务\t牵头单位\t配合单位\n\
         1\t改造老旧小区\t县财政局\t县住建局\n\
         2\t完善道路网络\t县交通运输局\t县财政局\n",
    );
    let alone: Vec<Value> = ["实施方案.txt", "附件.txt"]
        .iter()
        .flat_map(|f| json(dir.path(), &[f]))
        .collect();
    assert!(with_code(&alone, "R105").is_empty(), "{alone:#?}");
    dir.write(
        "plan-lint.toml",
        "[[set]]\nfiles = [\"实施方案.txt\", \"附件.txt\"]\n",
    );
    let found = json(dir.path(), &["."]);
    let mismatches = with_code(&found, "R105");
    assert_eq!(mismatches.len(), 1, "{found:#?}");
    let d = mismatches[0];
    assert!(d["file"].as_str().unwrap().ends_with("附件.txt"), "{d:#}");
    assert_eq!(d["start"]["line"], 4);
    let related = &d["related"][0];
    assert!(
        related["file"].as_str().unwrap().ends_with("实施方案.txt"),
        "{d:#}"
    );
    assert_eq!(related["start"]["line"], 3);
    assert!(d["message"].as_str().unwrap().contains("县住建局"), "{d:#}");
}
