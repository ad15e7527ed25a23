//! Tests of the pack format, its loading and its errors.

use std::path::PathBuf;

use plan_lint_core::{Reading, Source};
use plan_lint_rules::diagnostic::Diagnostic;
use plan_lint_rules::engine;

use super::*;

/// A folder of pack files for one test, removed afterwards.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let dir =
            std::env::temp_dir().join(format!("plan-lint-pack-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn load_text(name: &str, text: &str) -> Result<Packs, PackError> {
    let dir = Dir::new(name);
    let path = dir.write(&format!("{name}.toml"), text);
    load(&[PackRequest::Path(path)])
}

/// The error of a broken pack, with its 1-based line and column.
fn broken(name: &str, text: &str) -> (PackError, (usize, usize)) {
    let error = load_text(name, text).expect_err("the pack is broken");
    let place = error.line_col().expect("the error has a place");
    (error, place)
}

fn lint_with(packs: &Packs, text: &str) -> Vec<Diagnostic> {
    let source = Source::new("t.txt", text.to_string());
    engine::run(
        &packs.universe(),
        &Reading::new(&source),
        &source,
        &packs.settings,
    )
}

#[test]
fn every_builtin_pack_loads() {
    for (name, _, _) in BUILTIN {
        let packs =
            load(&[PackRequest::Name(name.to_string())]).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(packs.names.last().map(String::as_str), Some(*name));
    }
}

#[test]
fn the_committed_schema_is_current() {
    let committed = include_str!("../../../packs/pack.schema.json");
    assert_eq!(
        committed,
        json_schema(),
        "rules/packs/pack.schema.json is stale: run `plan-lint pack schema > rules/packs/pack.schema.json`"
    );
}

#[test]
fn extends_applies_the_parent_first_and_later_packs_override() {
    let packs = load(&[PackRequest::Name("hunan".into())]).unwrap();
    assert_eq!(packs.names, ["national", "hunan"]);
    assert!(
        packs
            .settings
            .typos
            .iter()
            .any(|(w, r)| w == "以就换新" && r == "以旧换新")
    );
    assert_eq!(
        packs.settings.canonical_unit("县科工信局"),
        "县科技和工业信息化局"
    );

    let dir = Dir::new("override");
    let path = dir.write(
        "mine.toml",
        "name = \"mine\"\nextends = [\"hunan\"]\n[typos]\n\"以就换新\" = \"以旧换新(本地)\"\n",
    );
    let packs = load(&[PackRequest::Path(path)]).unwrap();
    let right: Vec<_> = packs
        .settings
        .typos
        .iter()
        .filter(|(w, _)| w == "以就换新")
        .map(|(_, r)| r.as_str())
        .collect();
    assert_eq!(right, ["以旧换新(本地)"]);
}

#[test]
fn a_unit_and_its_alias_in_one_list_are_a_duplicate_with_hunan() {
    let packs = load(&[PackRequest::Name("hunan".into())]).unwrap();
    let text = "1.培育企业。\n县发改局牵头,县科工信局、县财政局、县科技和工业信息化局等配合。\n";
    let found: Vec<_> = lint_with(&packs, text)
        .into_iter()
        .filter(|d| d.code == "R102")
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains("县科技和工业信息化局"));
    assert!(found[0].message.contains("县科工信局"));
}

#[test]
fn the_example_packs_custom_rules_fire_with_their_fixes() {
    let packs = load(&[PackRequest::Name("example".into())]).unwrap();
    let text =
        "示例市优化营商环竟行动方案\n一、工作目标\n尽快完善示例城营商环竟。示例市全面推进。\n";
    let found = lint_with(&packs, text);
    let by_code = |code: &str| found.iter().filter(|d| d.code == code).collect::<Vec<_>>();

    let existence = by_code("EX101");
    assert_eq!(existence.len(), 1);
    assert!(
        existence[0].message.contains("尽快"),
        "{}",
        existence[0].message
    );

    let substitution = by_code("EX102");
    assert_eq!(substitution.len(), 2);
    let fixed = substitution[0].fix.as_ref().unwrap().apply(text);
    assert!(fixed.starts_with("示例市优化营商环境行动方案"), "{fixed}");

    let consistency = by_code("EX103");
    assert_eq!(consistency.len(), 1, "the minority spelling, once");
    assert!(consistency[0].message.contains("示例城"));
    assert_eq!(consistency[0].related.len(), 1);

    let required = by_code("EX104");
    assert_eq!(required.len(), 1, "no 保障措施 section");
    let with_section = format!("{text}三、保障措施\n");
    assert!(
        lint_with(&packs, &with_section)
            .iter()
            .all(|d| d.code != "EX104")
    );
}

#[test]
fn the_example_pack_turns_rules_off_and_changes_severities() {
    let packs = load(&[PackRequest::Name("example".into())]).unwrap();
    assert_eq!(packs.enabled.get("F104"), Some(&false));
    assert_eq!(
        packs.settings.severities.get("S103"),
        Some(&Severity::Error)
    );
    assert_eq!(
        packs.settings.options["R101"]["implicit-lead"],
        "first-unit"
    );
    assert!(packs.settings.lists.iter().any(|l| l.name == "三项工程"));
}

#[test]
fn bad_toml_is_an_error_at_its_place() {
    let (error, place) = broken("badtoml", "name = \"x\"\ndescription = \"unclosed\n");
    assert_eq!(place.0, 2, "{error}");
}

#[test]
fn an_unknown_key_is_an_error_at_its_place() {
    let (error, place) = broken(
        "unknownkey",
        "name = \"x\"\n[[units]]\nname = \"县发改局\"\nalias = [\"发改\"]\n",
    );
    assert_eq!(place, (4, 1), "{error}");
    assert!(
        error.message.contains("alias") && error.message.contains("aliases"),
        "{error}"
    );
}

#[test]
fn a_regex_that_does_not_compile_is_an_error_at_the_pattern() {
    let (error, place) = broken(
        "badregex",
        "name = \"x\"\n[[custom]]\ncode = \"XX101\"\nname = \"r\"\nkind = \"existence\"\nmessage = \"m\"\npattern = \"a(b\"\n",
    );
    assert_eq!(place, (7, 11), "{error}");
    assert!(error.message.contains("does not compile"), "{error}");
}

#[test]
fn a_code_used_twice_is_an_error_at_the_second() {
    let rule = |name: &str| {
        format!(
            "[[custom]]\ncode = \"XX101\"\nname = \"{name}\"\nkind = \"existence\"\nmessage = \"m\"\npattern = \"a\"\n"
        )
    };
    let text = format!("name = \"x\"\n{}{}", rule("one"), rule("two"));
    let (error, place) = broken("twice", &text);
    assert_eq!(place, (9, 8), "{error}");
    assert!(error.message.contains("used twice"), "{error}");

    let (error, place) = broken(
        "builtin-code",
        "name = \"x\"\n[[custom]]\ncode = \"T101\"\nname = \"r\"\nkind = \"existence\"\nmessage = \"m\"\npattern = \"a\"\n",
    );
    assert_eq!(place, (3, 8), "{error}");
}

#[test]
fn extending_a_missing_pack_is_an_error_at_the_name() {
    let (error, place) = broken(
        "missing",
        "name = \"x\"\nextends = [\"national\", \"nowhere\"]\n",
    );
    assert_eq!(place, (2, 24), "{error}");
    assert!(
        error.message.contains("nowhere") && error.message.contains("hunan"),
        "{error}"
    );
}

#[test]
fn an_extends_cycle_is_an_error() {
    let dir = Dir::new("cycle");
    dir.write("a.toml", "name = \"a\"\nextends = [\"b\"]\n");
    let b = dir.write("b.toml", "name = \"b\"\nextends = [\"a\"]\n");
    let error = load(&[PackRequest::Path(b)]).expect_err("a cycle");
    assert!(error.message.contains("cycle"), "{error}");
    assert!(error.message.contains("b → a → b"), "{error}");
    assert!(error.line_col().is_some(), "{error}");
}

#[test]
fn an_unknown_rule_or_severity_in_rules_is_an_error() {
    let (error, place) = broken(
        "unknownrule",
        "name = \"x\"\n[rules.X999]\nenabled = false\n",
    );
    assert_eq!(place.0, 2, "{error}");
    assert!(
        error.message.contains("X999") && error.message.contains("T101"),
        "{error}"
    );
    let (error, place) = broken(
        "badseverity",
        "name = \"x\"\n[rules.T101]\nseverity = \"fatal\"\n",
    );
    assert_eq!(place, (3, 12), "{error}");
}

#[test]
fn a_kind_without_what_it_needs_is_an_error() {
    let (error, _) = broken(
        "incomplete",
        "name = \"x\"\n[[custom]]\ncode = \"XX101\"\nname = \"r\"\nkind = \"substitution\"\nmessage = \"m\"\n",
    );
    assert!(error.message.contains("swap"), "{error}");
}

#[test]
fn a_folder_of_packs_loads_in_name_order() {
    let dir = Dir::new("folder");
    dir.write(
        "10-base.toml",
        "name = \"base\"\n[typos]\n\"错字\" = \"对字\"\n",
    );
    dir.write(
        "20-local.toml",
        "name = \"local\"\n[typos]\n\"错字\" = \"本地对字\"\n",
    );
    let packs = load(&[PackRequest::Path(dir.0.clone())]).unwrap();
    assert_eq!(packs.names, ["base", "local"]);
    assert_eq!(
        packs.settings.typos,
        [("错字".to_string(), "本地对字".to_string())]
    );
}

#[test]
fn seven_of_the_eight_actions_name_the_missing_one_with_hunan() {
    let packs = load(&[PackRequest::Name("hunan".into())]).unwrap();
    let text = "一、总体目标\n全面实施“八大行动”:产业培塑、创新提升、激发需求、改革攻坚、主体强身、区域共进、安全守底。\n";
    let found: Vec<_> = lint_with(&packs, text)
        .into_iter()
        .filter(|d| d.code == "S202")
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].message.contains("缺少\"民生可感\""),
        "{}",
        found[0].message
    );
}

#[test]
fn rule_options_are_checked_and_change_what_the_rule_reports() {
    let (error, _) = broken(
        "badoption",
        "name = \"x\"\n[rules.R101]\noptions = { implicit-leed = \"first-unit\" }\n",
    );
    assert!(
        error.message.contains("implicit-leed") && error.message.contains("implicit-lead"),
        "{error}"
    );
    let (error, _) = broken(
        "badvalue",
        "name = \"x\"\n[rules.R101]\noptions = { implicit-lead = \"second-unit\" }\n",
    );
    assert!(error.message.contains("none, first-unit"), "{error}");
    let (error, _) = broken(
        "nooptions",
        "name = \"x\"\n[rules.T101]\noptions = { x = \"y\" }\n",
    );
    assert!(error.message.contains("takes no options"), "{error}");

    // Three siblings with a lead and one without: R101, unless the pack
    // says the first unit of such a list is its lead.
    let text = "二、工作任务\n1.甲。(县发改局牵头,县财政局等按职责分工负责)\n2.乙。(县商务局牵头,县财政局等按职责分工负责)\n3.丙。(县住建局牵头,县财政局等按职责分工负责)\n4.丁。(县住建局、县财政局等按职责分工负责)\n5.戊。(县农业农村局牵头,县财政局等按职责分工负责)\n";
    let national = load(&[PackRequest::Name("national".into())]).unwrap();
    assert_eq!(
        lint_with(&national, text)
            .iter()
            .filter(|d| d.code == "R101")
            .count(),
        1
    );
    let example = load(&[PackRequest::Name("example".into())]).unwrap();
    assert_eq!(
        lint_with(&example, text)
            .iter()
            .filter(|d| d.code == "R101")
            .count(),
        0
    );
}

/// The T101 findings of `text` linted with `packs`, as their quantities.
fn conflicts(packs: &Packs, text: &str) -> Vec<String> {
    lint_with(packs, text)
        .into_iter()
        .filter(|d| d.code == "T101")
        .map(|d| text[d.span.start..d.span.end].to_string())
        .collect()
}

#[test]
fn the_national_synonyms_make_a_reworded_target_one_target() {
    let national = load(&[PackRequest::Name("national".into())]).unwrap();
    let text = "一、主要目标\n到2025年,汇聚高层次人才500名。\n二、重点任务\n1.引才聚智。到2025年,集聚高层次人才600名。\n";
    assert_eq!(conflicts(&national, text), ["600名"]);
    let text = "一、主要目标\n力争地区生产总值增长6.5%以上。\n二、重点任务\n1.稳增长。争取地区生产总值增长7%以上。\n";
    assert_eq!(conflicts(&national, text), ["7%以上"]);
    // Without a pack's synonyms the two wordings are two targets.
    assert!(conflicts(&Packs::default(), text).is_empty());
}

#[test]
fn deadline_words_come_from_national_and_add_up_across_packs() {
    use plan_lint_core::deadline::deadline;
    let national = load(&[PackRequest::Name("national".into())]).unwrap();
    let words = &national.settings.deadline_words;
    assert_eq!(
        deadline("建成平台。(市城管局牵头;完成时限:2025年6月底)", words).as_deref(),
        Some("2025年6月底")
    );
    assert_eq!(
        deadline("健全机制。(市发改委牵头;长期坚持)", words).as_deref(),
        Some("长期坚持")
    );
    let dir = Dir::new("tasks");
    let path = dir.write(
        "mine.toml",
        "name = \"mine\"\nextends = [\"national\"]\n[tasks]\ndeadline_labels = [\"办结时限\"]\nstanding_terms = [\"常抓不懈\"]\n",
    );
    let packs = load(&[PackRequest::Path(path)]).unwrap();
    let words = &packs.settings.deadline_words;
    assert_eq!(
        deadline("(办结时限:2025年底)", words).as_deref(),
        Some("2025年底")
    );
    assert_eq!(
        deadline("(县委办牵头;常抓不懈)", words).as_deref(),
        Some("常抓不懈")
    );
    // The national words stay.
    assert_eq!(
        deadline("(完成时限:2026年)", words).as_deref(),
        Some("2026年")
    );
    let empty = dir.write(
        "empty.toml",
        "name = \"empty\"\n[tasks]\nstanding_terms = [\" \"]\n",
    );
    let e = load(&[PackRequest::Path(empty)]).unwrap_err();
    assert!(e.message.contains("[tasks]"), "{e}");
}

#[test]
fn the_national_measure_terms_keep_each_measure_to_itself() {
    let national = load(&[PackRequest::Name("national".into())]).unwrap();
    let text = "三、支持措施\n（十一）支持客运航线。单条航线年度最高补助100万元。\n（十二）支持货运航线。单条航线年度最高补助50万元。\n";
    assert!(conflicts(&national, text).is_empty());
    // Under one heading they are one measure stated twice.
    let text = "三、支持措施\n（十一）支持客运航线。单条航线年度最高补助100万元。\n对新开航线给予补助,单条航线年度最高补助50万元。\n";
    assert_eq!(conflicts(&national, text), ["50万元"]);
}

#[test]
fn target_synonyms_merge_across_packs_and_are_checked() {
    let dir = Dir::new("targets");
    let path = dir.write(
        "mine.toml",
        "name = \"mine\"\nextends = [\"national\"]\n[targets]\nsynonyms = [[\"汇集\", \"集聚\"]]\nmeasure_terms = [\"封顶\"]\n",
    );
    let packs = load(&[PackRequest::Path(path)]).unwrap();
    let group = packs
        .target_synonyms
        .iter()
        .find(|g| g.iter().any(|w| w == "汇集"))
        .unwrap();
    // Joined to the national group, whose first word still leads.
    assert_eq!(group[0], "集聚");
    assert!(group.iter().any(|w| w == "汇聚"));
    assert!(packs.measure_terms.iter().any(|t| t == "封顶"));
    assert!(packs.measure_terms.iter().any(|t| t == "最高"));

    let (e, (line, _)) = broken(
        "one-word",
        "name = \"one-word\"\n[targets]\nsynonyms = [[\"集聚\"]]\n",
    );
    assert!(e.to_string().contains("at least two words"), "{e}");
    assert_eq!(line, 3);
    let (e, _) = broken(
        "two-groups",
        "name = \"two-groups\"\n[targets]\nsynonyms = [[\"集聚\", \"汇聚\"], [\"汇聚\", \"聚集\"]]\n",
    );
    assert!(e.to_string().contains("two groups"), "{e}");
    let (e, _) = broken(
        "empty-term",
        "name = \"empty-term\"\n[targets]\nmeasure_terms = [\"\"]\n",
    );
    assert!(e.to_string().contains("empty term"), "{e}");
}

#[test]
fn term_files_are_read_in_pack_order() {
    // The national pack's terms are built in.
    let national = load(&[PackRequest::Name("national".into())]).unwrap();
    let terms: Vec<&str> = national.settings.terms.iter().collect();
    assert!(terms.len() > 400, "{}", terms.len());
    assert!(terms.contains(&"社会消费品零售总额") && terms.contains(&"提级审核"));
    // A pack's own file, next to it, adds to the packs it extends.
    let dir = Dir::new("terms");
    dir.write("local.terms.txt", "# 本地提法\n流域综合治理\n\n提级审核\n");
    let path = dir.write(
        "local.toml",
        "name = \"local\"\nextends = [\"national\"]\nterm_files = [\"local.terms.txt\"]\n",
    );
    let packs = load(&[PackRequest::Path(path)]).unwrap();
    let terms: Vec<&str> = packs.settings.terms.iter().collect();
    assert_eq!(
        terms.len(),
        national.settings.terms.len() + 1,
        "no term twice"
    );
    assert_eq!(terms.last(), Some(&"流域综合治理"));
    // … and the rule reads them: a slip of the pack's term is reported.
    let found = lint_with(&packs, "推进某江流域综治理工作。\n");
    assert!(found.iter().any(|d| d.code == "W104"), "{found:?}");
}

#[test]
fn a_broken_term_file_is_an_error_at_its_name() {
    let (e, place) = broken(
        "missing-terms",
        "name = \"x\"\nterm_files = [\"none.txt\"]\n",
    );
    assert!(
        e.message.contains("cannot read term file `none.txt`"),
        "{e}"
    );
    assert_eq!(place, (2, 15));
    let dir = Dir::new("bad-terms");
    dir.write("bad.txt", "流域综合治理\n流域 治理\n");
    let path = dir.write("bad.toml", "name = \"bad\"\nterm_files = [\"bad.txt\"]\n");
    let e = load(&[PackRequest::Path(path)]).expect_err("a bad term");
    assert!(e.message.contains("line 2: `流域 治理`"), "{e}");
}
