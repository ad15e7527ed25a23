//! End-to-end tests of the `plan-lint` binary: formats, exit codes,
//! configuration errors, baselines, standard input, directories and bad
//! input.

mod common;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

use common::TempDir;

/// A made-up plan with a duplicated unit (line 3), a conflicting target
/// (lines 2 and 3) and a doc number with square brackets (line 1).
const PLAN: &str = "\
青政办发[2024]7号
一、工作目标。全县改造老旧小区5个以上。
1.改造老旧小区。完成改造老旧小区7个以上。(县住建局牵头,县财政局、县发改局、县财政局等按职责分工负责)
";

/// A text typed half-width throughout (no full-width form at all); the web
/// module's tests read the same file.
const HALF_WIDTH_TYPED: &str = include_str!("fixtures/half-width-typed.txt");

fn plan_lint() -> Command {
    Command::cargo_bin("plan-lint").expect("the binary is built")
}

fn json_output(args: &[&str], dir: &Path) -> (Value, i32) {
    let output = plan_lint()
        .current_dir(dir)
        .args(["check", "--format", "json", "--no-config"])
        .args(args)
        .output()
        .unwrap();
    let code = output.status.code().unwrap();
    let value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (value, code)
}

#[test]
fn json_follows_the_contract() {
    let dir = TempDir::new("json");
    dir.write("plan.txt", PLAN);
    let (value, code) = json_output(&["--select", "R102", "plan.txt"], dir.path());
    assert_eq!(code, 1, "an error-level diagnostic fails the run");
    let list = value.as_array().unwrap();
    assert_eq!(list.len(), 1, "{value:#}");
    let d = &list[0];
    assert_eq!(d["file"], "plan.txt");
    assert_eq!(d["rule"], "duplicate-unit");
    assert_eq!(d["code"], "R102");
    assert_eq!(d["severity"], "error");
    assert!(d["message"].as_str().unwrap().contains("县财政局"));
    // Columns are 1-based and counted in characters.
    let line3 = PLAN.lines().nth(2).unwrap();
    let byte = line3.rfind("县财政局").unwrap();
    let column = line3[..byte].chars().count() + 1;
    assert_eq!(d["start"], serde_json::json!({"line": 3, "column": column}));
    assert_eq!(
        d["end"],
        serde_json::json!({"line": 3, "column": column + 4})
    );
    let related = &d["related"][0];
    assert_eq!(related["file"], "plan.txt");
    assert_eq!(related["start"]["line"], 3);
    assert!(related["message"].as_str().is_some());
    assert!(d["fix"]["edits"][0]["replacement"].is_string());
}

#[test]
fn exit_codes_follow_fail_on() {
    let dir = TempDir::new("exit");
    dir.write("plan.txt", PLAN);
    let run = |fail_on: &str| {
        plan_lint()
            .current_dir(dir.path())
            .args([
                "check",
                "--no-config",
                "--select",
                "R102",
                "--fail-on",
                fail_on,
                "plan.txt",
            ])
            .output()
            .unwrap()
            .status
            .code()
            .unwrap()
    };
    assert_eq!(run("error"), 1);
    assert_eq!(run("never"), 0);
    dir.write("clean.txt", "一、工作目标\n");
    plan_lint()
        .current_dir(dir.path())
        .args(["check", "--no-config", "clean.txt"])
        .assert()
        .code(0);
}

#[test]
fn concise_and_github_formats() {
    let dir = TempDir::new("formats");
    dir.write("plan.txt", PLAN);
    let concise = plan_lint()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "concise",
            "--select",
            "R102",
            "plan.txt",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(concise.stdout).unwrap();
    assert!(
        text.starts_with("plan.txt:3:") && text.contains(": R102 [duplicate-unit] "),
        "{text}"
    );
    let github = plan_lint()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "github",
            "--select",
            "R102",
            "plan.txt",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(github.stdout).unwrap();
    assert!(
        text.starts_with("::error file=plan.txt,line=3,col="),
        "{text}"
    );
}

#[test]
fn full_format_draws_the_source_line() {
    let dir = TempDir::new("full");
    dir.write("plan.txt", PLAN);
    let output = plan_lint()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--select", "R102", "plan.txt"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("error[R102 duplicate-unit]"), "{text}");
    assert!(text.contains("plan.txt:3:"), "{text}");
    assert!(
        text.contains("第一次出现在这里"),
        "the related place is labelled: {text}"
    );
    assert!(!text.contains('\u{1b}'), "no colour when not on a terminal");
}

#[test]
fn sarif_validates_against_the_schema() {
    let dir = TempDir::new("sarif");
    dir.write("plan.txt", PLAN);
    let output = plan_lint()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--format", "sarif", "plan.txt"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let schema_text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"),
    )
    .unwrap();
    // The published rtm.5 schema has one malformed `pattern` (run.language,
    // a stray `]`), which a strict validator rejects; use the intended one.
    let schema_text = schema_text.replace(
        r#"^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$"#,
        r#"^[a-zA-Z]{2}(-[a-zA-Z]{2})?$"#,
    );
    let schema: Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .build(&schema)
        .expect("the SARIF schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does check: a wrong level is rejected.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));
    let run = &sarif["runs"][0];
    assert_eq!(
        run["tool"]["driver"]["rules"].as_array().unwrap().len(),
        plan_lint_rules::rules::ALL.len()
    );
    let results = run["results"].as_array().unwrap();
    let duplicate = results.iter().find(|r| r["ruleId"] == "R102").unwrap();
    assert!(duplicate["relatedLocations"][0]["message"]["text"].is_string());
}

#[test]
fn select_and_ignore_by_prefix_and_name() {
    let dir = TempDir::new("select");
    dir.write("plan.txt", PLAN);
    let (value, _) = json_output(
        &["--select", "R", "--ignore", "duplicate-unit", "plan.txt"],
        dir.path(),
    );
    assert!(
        value
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["code"].as_str().unwrap().starts_with('R'))
    );
    assert!(
        value
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["code"] != "R102")
    );
}

#[test]
fn an_unknown_rule_is_a_usage_error() {
    let dir = TempDir::new("unknown-rule");
    dir.write("plan.txt", PLAN);
    plan_lint()
        .current_dir(dir.path())
        .args(["check", "--select", "Z123", "plan.txt"])
        .assert()
        .code(2)
        .stderr(predicates_contains("unknown rule `Z123`"));
}

fn predicates_contains(needle: &'static str) -> impl predicates_core::Predicate<[u8]> {
    StderrContains(needle)
}

/// A tiny predicate so the tests need no extra crate.
struct StderrContains(&'static str);

impl predicates_core::reflection::PredicateReflection for StderrContains {}
impl std::fmt::Display for StderrContains {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "contains {:?}", self.0)
    }
}
impl predicates_core::Predicate<[u8]> for StderrContains {
    fn eval(&self, variable: &[u8]) -> bool {
        String::from_utf8_lossy(variable).contains(self.0)
    }
}

#[test]
fn configuration_errors_name_the_place() {
    let dir = TempDir::new("config");
    dir.write("plan.txt", PLAN);
    dir.write(
        "plan-lint.toml",
        "select = [\"T\"]\n[severity]\nR102 = \"fatal\"\n",
    );
    let output = plan_lint()
        .current_dir(dir.path())
        .args(["check", "plan.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("plan-lint.toml:3:8:"), "{stderr}");
    assert!(stderr.contains("error, warning, info"), "{stderr}");

    dir.write("plan-lint.toml", "selekt = [\"T\"]\n");
    let output = plan_lint()
        .current_dir(dir.path())
        .args(["check", "plan.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("plan-lint.toml:1:1:") && stderr.contains("selekt"),
        "{stderr}"
    );
}

#[test]
fn configuration_is_discovered_upwards_and_applied() {
    let dir = TempDir::new("discover");
    dir.write(
        "plan-lint.toml",
        "ignore = [\"R102\"]\n[per-file-ignores]\n\"sub/other.txt\" = [\"F\"]\n",
    );
    dir.write("sub/plan.txt", PLAN);
    let output = plan_lint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "sub/plan.txt"])
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        value
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["code"] != "R102"),
        "{value:#}"
    );
}

#[test]
fn baseline_round_trip_survives_edits_elsewhere() {
    let dir = TempDir::new("baseline");
    dir.write("plan.txt", PLAN);
    plan_lint()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--write-baseline",
            "baseline.json",
            "plan.txt",
        ])
        .assert()
        .code(0);
    // A line added above moves every diagnostic down one line.
    dir.write("plan.txt", format!("为做好工作,特制定本方案。\n{PLAN}"));
    let output = plan_lint()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--baseline",
            "baseline.json",
            "plan.txt",
        ])
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value, Value::Array(vec![]), "everything is baselined");
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("hidden by the baseline"), "{stderr}");
}

#[test]
fn stdin_filename_names_standard_input_and_its_origin() {
    // A Word document's text typed half-width throughout, as an editor or
    // the page passes it: under a .docx name F107 reads it as the
    // drafter's own file; as bare standard input it could be a web
    // system's width-folded text and stays quiet.
    let run = |extra: &[&str]| {
        let output = plan_lint()
            .args([
                "check",
                "--no-config",
                "--format",
                "concise",
                "--select",
                "F107",
            ])
            .args(extra)
            .arg("-")
            .write_stdin(HALF_WIDTH_TYPED)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    assert_eq!(run(&[]), "");
    let named = run(&["--stdin-filename", "草稿/方案.docx"]);
    assert!(named.starts_with("草稿/方案.docx:2:"), "{named}");
    assert!(named.contains("F107"), "{named}");
}

#[test]
fn standard_input_is_read_with_dash() {
    let output = plan_lint()
        .args([
            "check",
            "--no-config",
            "--format",
            "concise",
            "--select",
            "R102",
            "-",
        ])
        .write_stdin(PLAN)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("<stdin>:3:"), "{text}");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_directory_is_walked_and_an_empty_one_is_an_error() {
    let dir = TempDir::new("dir");
    dir.write("a/one.txt", PLAN);
    dir.write("a/b/two.plan", PLAN);
    dir.write("a/notes.md", "# not a plan");
    let (value, _) = json_output(&["--select", "R102", "a"], dir.path());
    let files: std::collections::BTreeSet<_> = value
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap().replace('\\', "/"))
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");

    std::fs::create_dir_all(dir.path().join("empty")).unwrap();
    plan_lint()
        .current_dir(dir.path())
        .args(["check", "empty"])
        .assert()
        .code(2)
        .stderr(predicates_contains("no documents found"));
}

#[test]
fn gbk_input_is_decoded() {
    let dir = TempDir::new("gbk");
    let (bytes, _, _) = encoding_rs::GBK.encode(PLAN);
    dir.write("plan.txt", &bytes);
    let (value, _) = json_output(&["--select", "R102", "plan.txt"], dir.path());
    assert_eq!(value.as_array().unwrap().len(), 1, "{value:#}");
}

#[test]
fn binary_and_missing_input_are_clear_errors() {
    let dir = TempDir::new("bad");
    dir.write(
        "image.txt",
        [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xfe, 0],
    );
    let output = plan_lint()
        .current_dir(dir.path())
        .args(["check", "image.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("image.txt") && stderr.contains("binary"),
        "{stderr}"
    );
    assert!(
        output.stdout.is_empty(),
        "nothing is reported for a run that failed"
    );

    plan_lint()
        .current_dir(dir.path())
        .args(["check", "missing.txt"])
        .assert()
        .code(2)
        .stderr(predicates_contains("missing.txt"));
}

#[test]
fn rules_and_rule_docs() {
    let output = plan_lint().arg("rules").output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text.lines().count(), plan_lint_rules::rules::ALL.len());
    assert!(text.contains("T101\tconflicting-target"));
    let output = plan_lint()
        .args(["rule", "duplicate-unit"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("# R102 duplicate-unit (error)"), "{text}");
    assert!(text.contains("在查什么") && text.contains("English:"));
    plan_lint().args(["rule", "nope"]).assert().code(2);
}

/// The titles (`# CODE name (severity)`) `plan-lint rule SELECTOR` prints.
fn rule_titles(selector: &str) -> (Vec<String>, String) {
    let output = plan_lint().args(["rule", selector]).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{selector}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    let titles = text
        .lines()
        .filter(|l| l.starts_with("# "))
        .map(|l| l.split(' ').nth(1).unwrap().to_string())
        .collect();
    (titles, text)
}

#[test]
fn rule_takes_a_group_or_all_and_prints_the_doc_as_written() {
    let (titles, _) = rule_titles("T");
    assert_eq!(titles, ["T101", "T102", "T103"]);
    let (titles, _) = rule_titles("ALL");
    assert_eq!(
        titles.len(),
        plan_lint_rules::rules::ALL.len(),
        "{titles:?}"
    );
    assert_eq!(titles.first().map(String::as_str), Some("S101"));
    let (titles, text) = rule_titles("T101");
    assert_eq!(titles, ["T101"]);
    // Each line as the rule's author wrote it, without the space `///`
    // leaves: no line starts with one space before text.
    let stray: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with(' ') && !l.starts_with("  "))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
    assert!(text.lines().any(|l| l.starts_with("## ")), "{text}");
    // An unknown selector still lists the choices.
    plan_lint()
        .args(["rule", "X9"])
        .assert()
        .code(2)
        .stderr(predicates_contains("unknown rule `X9`"));
}

#[test]
fn utf16_without_a_byte_order_mark_is_read() {
    let dir = TempDir::new("utf16");
    let le: Vec<u8> = PLAN.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = PLAN.encode_utf16().flat_map(u16::to_be_bytes).collect();
    dir.write("le.txt", le);
    dir.write("be.txt", be);
    for file in ["le.txt", "be.txt"] {
        let (value, code) = json_output(&["--select", "R102", file], dir.path());
        assert_eq!(code, 1, "{file}");
        assert_eq!(value.as_array().unwrap().len(), 1, "{file}: {value:#}");
        assert_eq!(value[0]["start"]["line"], 3, "{file}: {value:#}");
    }
}

#[test]
fn an_empty_document_is_an_error_naming_it() {
    let dir = TempDir::new("empty-file");
    dir.write("empty.txt", "");
    dir.write("blank.txt", " \n\u{3000}\r\n");
    dir.write("plan.txt", PLAN);
    for (file, words) in [
        ("empty.txt", "is empty (0 bytes)"),
        ("blank.txt", "has no text"),
    ] {
        for command in ["check", "outline", "extract"] {
            let output = plan_lint()
                .current_dir(dir.path())
                .args([command, file])
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{command} {file}: {stderr}");
            assert!(
                stderr.contains(file) && stderr.contains(words),
                "{command} {file}: {stderr}"
            );
            assert!(output.stdout.is_empty(), "{command} {file}");
        }
    }
    // One empty file among good ones fails the run before any report.
    let output = plan_lint()
        .current_dir(dir.path())
        .args(["check", "--no-config", "plan.txt", "empty.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    // Standard input too.
    plan_lint()
        .args(["check", "--no-config", "-"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicates_contains("<stdin>: the file is empty"));
}

#[test]
fn annotate_says_it_needs_a_word_document() {
    let dir = TempDir::new("annotate-text");
    dir.write("plan.txt", PLAN);
    let output = plan_lint()
        .current_dir(dir.path())
        .args(["annotate", "--no-config", "plan.txt", "-o", "out.docx"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("plan.txt")
            && stderr.contains("needs a .docx")
            && stderr.contains("plain-text file"),
        "{stderr}"
    );
    assert!(!stderr.contains("damaged"), "{stderr}");
    assert!(!dir.path().join("out.docx").exists(), "nothing is written");
}

#[test]
fn outline_json_has_the_documented_fields() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sample-plan.txt");
    let output = plan_lint()
        .args(["outline", "--format", "json"])
        .arg(&sample)
        .output()
        .unwrap();
    assert!(output.status.success());
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    for key in ["file", "outline", "attachments", "tasks", "quantities"] {
        assert!(value.get(key).is_some(), "outline JSON lacks {key}");
    }
    assert_eq!(value["attachments"].as_array().unwrap().len(), 1);
    assert_eq!(value["outline"][0]["title"], "工作目标");
}

#[test]
fn packs_are_listed_checked_and_chosen() {
    let output = plan_lint().arg("packs").output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    for name in ["national", "hunan", "example"] {
        assert!(text.lines().any(|l| l.starts_with(name)), "{text}");
    }

    let dir = TempDir::new("packs");
    let broken = dir.write(
        "broken.toml",
        "name = \"broken\"\n[[custom]]\ncode = \"BR101\"\nname = \"r\"\nkind = \"existence\"\nmessage = \"m\"\npattern = \"(\"\n",
    );
    let output = plan_lint()
        .args(["pack", "check"])
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("broken.toml:7:11:"), "{stderr}");
    assert!(
        stderr.contains("pattern = \"(\""),
        "the place is drawn: {stderr}"
    );

    // A list naming a unit and its Hunan abbreviation (科工局, which the
    // national pack does not know): a duplicate only with hunan.
    dir.write(
        "plan.txt",
        "1.培育企业。\n县发改局牵头,县科工局、县财政局、县科技和工业信息化局等配合。\n",
    );
    let (value, _) = json_output(&["--select", "R102", "plan.txt"], dir.path());
    assert_eq!(value.as_array().unwrap().len(), 0, "{value:#}");
    let (value, _) = json_output(
        &["--pack", "hunan", "--select", "R102", "plan.txt"],
        dir.path(),
    );
    assert_eq!(value.as_array().unwrap().len(), 1, "{value:#}");

    // The same through plan-lint.toml, and a broken pack named there.
    dir.write(
        "plan-lint.toml",
        "pack = [\"hunan\"]\nselect = [\"R102\"]\n",
    );
    let output = plan_lint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "plan.txt"])
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value.as_array().unwrap().len(), 1, "{value:#}");
    dir.write("plan-lint.toml", "pack = [\"broken.toml\"]\n");
    plan_lint()
        .current_dir(dir.path())
        .args(["check", "plan.txt"])
        .assert()
        .code(2)
        .stderr(predicates_contains("broken.toml:7:11:"));
}

#[test]
fn tasks_lists_the_plan_as_csv_and_json() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = plan_lint()
        .current_dir(root)
        .args(["tasks", "examples/sample-plan.txt"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "序号,任务,目标,牵头单位,配合单位,完成时限,位置");
    assert_eq!(
        lines[2],
        "二/(一)/2,完善道路网络,新建城市道路3公里；打通断头路2条,县交通运输局,县住建局、县自然资源局,,examples/sample-plan.txt:15"
    );

    let out = plan_lint()
        .current_dir(root)
        .args(["tasks", "--format", "json", "examples/sample-plan.txt"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let tasks = json[0]["tasks"].as_array().expect("tasks");
    assert_eq!(tasks.len(), lines.len() - 1, "one JSON task per CSV row");
    assert_eq!(tasks[3]["leads"][0], "县农业农村局");
    assert_eq!(tasks[3]["collaborating"][1], "各乡镇(街道)");
    assert_eq!(tasks[3]["line"], 18);

    // -o writes the file whole, and leaves no temporary file beside it.
    let dir = TempDir::new("tasks");
    let target = dir.join("分工表.csv");
    plan_lint()
        .current_dir(root)
        .args(["tasks", "examples/sample-plan.txt", "-o"])
        .arg(&target)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&target).expect("written"), csv);
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
}
