//! The four families of corpus-dev (issue 12 item 2): each implementing
//! plan against the plan it implements. The coverage counts and the places
//! below were read against both texts and judged (README, "Implementing
//! plans"); the I rules find nothing on the plans as published, and one
//! finding each on copies with one character of a citation changed.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

mod common;
use common::{corpus_dev_dir, corpus_file};

/// (implementing, superior, matched, weak, not taken up), as judged.
const PAIRS: [(&str, &str, u64, u64, u64); 8] = [
    ("02", "01", 17, 4, 0),
    ("03", "01", 20, 1, 0),
    ("04", "01", 20, 1, 0),
    ("10", "09", 29, 0, 0),
    ("11", "09", 27, 0, 2),
    ("17", "16", 26, 0, 0),
    ("52", "51", 0, 14, 15),
    ("53", "51", 11, 11, 7),
];

fn json(args: &[&Path], command: &str, extra: &[&str]) -> Value {
    let out = Command::cargo_bin("plan-lint")
        .unwrap()
        .arg(command)
        .arg(args[0])
        .arg("--implements")
        .arg(args[1])
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

fn pair(dir: &Path, city: &str, province: &str) -> (PathBuf, PathBuf) {
    (
        corpus_file(dir, &format!("{city}_")),
        corpus_file(dir, &format!("{province}_")),
    )
}

#[test]
fn coverage_of_the_four_families_is_as_judged() {
    let Some(dir) = corpus_dev_dir() else { return };
    for (city, province, matched, weak, dropped) in PAIRS {
        let (c, p) = pair(&dir, city, province);
        let v = json(&[&c, &p], "coverage", &[]);
        let s = &v["summary"];
        assert_eq!(
            (
                s["matched"].as_u64(),
                s["weak"].as_u64(),
                s["not_taken_up"].as_u64()
            ),
            (Some(matched), Some(weak), Some(dropped)),
            "{city} against {province}"
        );
        // 01's tasks are mirrored one for one by 02 (same number paths).
        if city == "02" {
            for t in v["tasks"].as_array().unwrap() {
                assert_eq!(t["place"]["number"], t["number"], "{t}");
            }
        }
        // 11 drops exactly 09's 加快健全法律制度 and 推动建立绿色消费信息平台.
        if city == "11" {
            let dropped: Vec<&str> = v["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|t| t["status"] == "not_taken_up")
                .map(|t| t["number"].as_str().unwrap())
                .collect();
            assert_eq!(dropped, ["四/(十七)", "四/(二十)"]);
        }
    }
}

#[test]
fn the_i_rules_are_quiet_on_the_published_pairs() {
    let Some(dir) = corpus_dev_dir() else { return };
    for (city, province, ..) in PAIRS {
        let (c, p) = pair(&dir, city, province);
        let found = json(&[&c, &p], "check", &["--select", "I", "--no-config"]);
        assert_eq!(found, Value::Array(Vec::new()), "{city} against {province}");
    }
}

#[test]
fn one_character_changed_in_a_real_citation_is_one_i101() {
    let Some(dir) = corpus_dev_dir() else { return };
    let temp =
        std::env::temp_dir().join(format!("plan-lint-dev-implements-{}", std::process::id()));
    std::fs::create_dir_all(&temp).unwrap();
    // (city, superior, what the city writes, what the copy writes instead)
    for (city, province, from, to) in [
        ("02", "01", "国发〔2021〕33 号", "国发〔2021〕23 号"),
        ("17", "16", "闽政〔2021〕21 号", "闽政〔2021〕12 号"),
        (
            "52",
            "51",
            "高质量发展行动方案（2024—2026年）》",
            "高质量发展实施方案（2024—2026年）》",
        ),
    ] {
        let (c, p) = pair(&dir, city, province);
        let text = std::fs::read_to_string(&c).unwrap();
        assert!(text.contains(from), "{city}: {from}");
        let copy = temp.join(format!("{city}.txt"));
        std::fs::write(&copy, text.replacen(from, to, 1)).unwrap();
        let found = json(&[&copy, &p], "check", &["--select", "I", "--no-config"]);
        let codes: Vec<&str> = found
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, ["I101"], "{city}: {found}");
    }
    let _ = std::fs::remove_dir_all(&temp);
}
