//! The slips of the five corpus documents, listed by hand in
//! `tests/data/corpus-slips.tsv` (file, line, wrong, right): slip (W104)
//! must find at least half of them, and every W104 diagnostic on the corpus
//! must be one of them (no false alarm).

mod common;

use assert_cmd::Command;
use serde_json::Value;

use common::{DOCUMENTS, corpus_dir, corpus_file, workspace_root};

/// The line and the text of each W104 diagnostic (the first quoted form of
/// its message: the span as written).
fn slips(file: &std::path::Path) -> Vec<(u64, String)> {
    let output = Command::cargo_bin("plan-lint")
        .expect("the plan-lint binary is built")
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--select",
            "W104",
        ])
        .arg(file)
        .output()
        .unwrap();
    assert!(matches!(output.status.code(), Some(0 | 1)));
    let value: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let message = d["message"].as_str().unwrap();
            let quoted = message
                .split('“')
                .nth(1)
                .and_then(|q| q.split('”').next())
                .unwrap_or_default();
            (d["start"]["line"].as_u64().unwrap(), quoted.to_string())
        })
        .collect()
}

/// Whether a diagnostic's text and a listed wrong form overlap (share two
/// characters in a row): the diagnostic is about that slip.
fn same_slip(diagnostic: &str, wrong: &str) -> bool {
    let chars: Vec<char> = diagnostic.chars().collect();
    chars.len() == 1 && wrong.contains(chars[0])
        || chars
            .windows(2)
            .any(|w| wrong.contains(&w.iter().collect::<String>()))
}

#[test]
fn half_of_the_listed_slips_are_found_and_nothing_else() {
    let Some(dir) = corpus_dir() else { return };
    let list = std::fs::read_to_string(workspace_root().join("tests/data/corpus-slips.tsv"))
        .expect("tests/data/corpus-slips.tsv");
    let listed: Vec<(String, u64, String, bool)> = list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            assert_eq!(cells.len(), 6, "six cells: {l}");
            (
                cells[0].to_string(),
                cells[1].parse().unwrap(),
                cells[2].to_string(),
                cells[5] == "yes",
            )
        })
        .collect();
    let mut found = 0;
    for prefix in DOCUMENTS {
        let doc = prefix.trim_end_matches('_');
        let diagnostics = slips(&corpus_file(&dir, prefix));
        let mine: Vec<&(String, u64, String, bool)> =
            listed.iter().filter(|(d, ..)| d == doc).collect();
        let false_alarms: Vec<&(u64, String)> = diagnostics
            .iter()
            .filter(|(line, text)| {
                !mine
                    .iter()
                    .any(|(_, l, wrong, _)| l == line && same_slip(text, wrong))
            })
            .collect();
        assert!(
            false_alarms.is_empty(),
            "{doc}: W104 on slips not in the list: {false_alarms:?}"
        );
        for (_, line, wrong, expected) in mine {
            let hit = diagnostics
                .iter()
                .any(|(l, text)| l == line && same_slip(text, wrong));
            assert_eq!(
                hit, *expected,
                "{doc}:{line} {wrong}: the list says found = {expected}; update its last column"
            );
            found += usize::from(hit);
        }
    }
    assert!(
        found * 2 >= listed.len(),
        "W104 finds {found} of the {} listed slips",
        listed.len()
    );
}

/// A word a pack accepts is never a slip: a local pack named in
/// `plan-lint.toml` silences a false alarm without touching the text.
#[test]
fn a_local_pack_accepts_words() {
    let dir = std::env::temp_dir().join(format!("plan-lint-slips-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("plan.txt"), "对新增项目实行提及审核,严格评估。\n").unwrap();
    let run = |dir: &std::path::Path| -> Value {
        let output = Command::cargo_bin("plan-lint")
            .unwrap()
            .current_dir(dir)
            .args(["check", "--format", "json", "--select", "W104", "plan.txt"])
            .output()
            .unwrap();
        serde_json::from_slice(&output.stdout).expect("JSON output")
    };
    assert_eq!(run(&dir).as_array().unwrap().len(), 1);
    std::fs::write(
        dir.join("words.toml"),
        "name = \"local\"\nextends = [\"national\"]\n[rules.W104]\noptions = { accept = \"提及审核\" }\n",
    )
    .unwrap();
    std::fs::write(dir.join("plan-lint.toml"), "pack = [\"words.toml\"]\n").unwrap();
    assert_eq!(run(&dir).as_array().unwrap().len(), 0);
    std::fs::remove_dir_all(&dir).ok();
}
