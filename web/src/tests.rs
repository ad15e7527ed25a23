//! The page's API on the host: the same engine as `plan-lint check`, with
//! positions the page can use.

use serde_json::Value;

use super::*;

/// The repository's sample plan: a T101 conflict (改造老旧小区 7个以上 and
/// 5个以上) and the duplicate 县财政局 on line 14, among others.
const PLAN: &str = include_str!("../../examples/sample-plan.txt");

fn parse(json: &str) -> Value {
    serde_json::from_str(json).expect("the API answers JSON")
}

fn codes(result: &Value) -> Vec<&str> {
    result["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

/// The UTF-16 slice `[start, end)` of `text`, as the page takes it.
fn utf16_slice(text: &str, d: &Value) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    let (start, end) = (d["start"].as_u64().unwrap(), d["end"].as_u64().unwrap());
    String::from_utf16(&units[start as usize..end as usize]).unwrap()
}

#[test]
fn check_finds_what_the_engine_finds_with_utf16_offsets() {
    let result = parse(&check(PLAN, "{}"));
    let found = codes(&result);
    assert!(found.contains(&"R102"), "{found:?}");
    assert!(found.contains(&"T101"), "{found:?}");
    let dup = result["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "R102")
        .unwrap();
    // The second 县财政局, on line 14, at its character column.
    assert_eq!(utf16_slice(PLAN, dup), "县财政局");
    assert_eq!(dup["line"], 14);
    let line14 = PLAN.lines().nth(13).unwrap();
    let column = line14
        .rfind("县财政局")
        .map(|b| line14[..b].chars().count() + 1);
    assert_eq!(dup["column"].as_u64().map(|c| c as usize), column);
    // The related place: the first 县财政局.
    assert_eq!(utf16_slice(PLAN, &dup["related"][0]), "县财政局");
    assert!(dup["related"][0]["start"].as_u64() < dup["start"].as_u64());
    // The fix deletes the second one with its separator.
    let edit = &dup["fix"]["edits"][0];
    assert_eq!(utf16_slice(PLAN, edit), "、县财政局");
    assert_eq!(edit["replacement"], "");
}

#[test]
fn positions_count_utf16_units_past_characters_outside_the_bmp() {
    // 𠀾 is two UTF-16 units: offsets after it must count two.
    let text = PLAN.replacen("青山县", "𠀾山县", 1);
    let result = parse(&check(&text, "{}"));
    for d in result["diagnostics"].as_array().unwrap() {
        if d["code"] == "R102" {
            assert_eq!(utf16_slice(&text, d), "县财政局");
        }
    }
}

#[test]
fn ignored_rules_do_not_run_and_unknown_ones_are_an_error() {
    let result = parse(&check(PLAN, r#"{"ignore": ["R102"]}"#));
    assert!(!codes(&result).contains(&"R102"));
    assert!(codes(&result).contains(&"T101"));
    let wrong = parse(&check(PLAN, r#"{"ignore": ["X999"]}"#));
    assert!(wrong["error"].as_str().unwrap().contains("X999"), "{wrong}");
    let bad_pack = parse(&check(PLAN, r#"{"pack": "atlantis"}"#));
    assert!(bad_pack["error"].as_str().unwrap().contains("atlantis"));
}

#[test]
fn the_opened_files_name_reaches_the_rules_that_read_its_origin() {
    // A text typed half-width throughout (no full-width form at all):
    // pasted, it may be a web system's width fold and F107 stays quiet;
    // opened from a .docx it is the drafter's own file, as in `check`.
    let text = include_str!("../../tests/fixtures/half-width-typed.txt");
    assert!(!codes(&parse(&check(text, "{}"))).contains(&"F107"));
    let opened = parse(&check(text, r#"{"name": "方案.docx"}"#));
    assert!(codes(&opened).contains(&"F107"), "{opened}");
}

#[test]
fn the_hunan_pack_knows_its_unit_aliases() {
    let text = "一、重点任务\n1.推进园区建设。(县住建局牵头,衡南高新区、衡南高新技术产业开发区、县财政局配合)\n";
    let national = parse(&check(text, r#"{"pack": "national"}"#));
    let hunan = parse(&check(text, r#"{"pack": "hunan"}"#));
    assert!(!codes(&national).contains(&"R102"), "{national}");
    assert!(codes(&hunan).contains(&"R102"), "{hunan}");
}

#[test]
fn the_outline_has_the_headings_and_the_task_units() {
    let result = parse(&check(PLAN, "{}"));
    let outline = &result["outline"];
    let sections = outline["sections"].as_array().unwrap();
    assert_eq!(sections[0]["marker"], "一、");
    assert_eq!(sections[0]["title"], "工作目标");
    assert_eq!(sections[1]["children"][0]["marker"], "(一)");
    assert_eq!(sections[1]["line"], 12);
    let task = &outline["tasks"][0];
    assert_eq!(task["lead"][0], "县住建局");
    assert_eq!(task["line"], 14);
}

#[test]
fn packs_and_rules_are_listed_for_the_page() {
    let packs = parse(&packs());
    let names: Vec<&str> = packs
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"national") && names.contains(&"hunan"));
    assert!(
        packs[1]["description"]
            .as_str()
            .is_some_and(|d| !d.is_empty())
    );
    let rules = parse(&rules(r#"{"pack": "hunan"}"#));
    let r104 = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "R104")
        .unwrap();
    assert_eq!(r104["name"], "unit-name-variant");
    assert!(r104["doc"].as_str().unwrap().len() > 100);
}

#[test]
fn a_text_file_is_decoded_and_other_bytes_are_refused() {
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("一、目标".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let read = parse(&read_file(&utf16, "plan.txt"));
    assert_eq!(read["text"], "一、目标");
    assert_eq!(read["docx"], false);
    let zip = parse(&read_file(b"PK\x03\x04broken", "plan.docx"));
    assert!(
        zip["error"].as_str().unwrap().starts_with("plan.docx: "),
        "{zip}"
    );
    assert!(annotate(b"PK\x03\x04broken", "plan.docx", "{}").is_err());
}
