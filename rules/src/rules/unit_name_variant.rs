use std::borrow::Cow;
use std::collections::HashMap;

use plan_lint_core::Span;
use plan_lint_core::model::Document;

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule};
use crate::units::UnitKeys;

declare_rule! {
    /// ## 在查什么
    /// 同一个单位在一份文件(含附件和任务清单表)的责任条款里用了两种以上写法,
    /// 依据是规则包的单位别名表(别名 → 规范名称,例如 衡南高新区 →
    /// 衡南高新技术产业开发区)、规则包的部门全称与简称(在任何省/市/县/区前缀下
    /// 都适用:市发改委 = 市发展改革委 = 市发展和改革委员会),以及文件自己用
    /// `(以下简称…)` 引入的简称。按规范名称把单位归组,组内出现次数最多的写法
    /// 视为本文件的主写法(次数相同时取规范名称,再取先出现的);其余每种写法在
    /// 全文只报告一次,指向它第一次出现的位置,并附上主写法第一次出现的位置。
    ///
    /// ## 为什么是问题
    /// 同一单位写法不一,读者会以为是两个单位,汇总分工表、按单位统计任务时也会
    /// 被拆成两行。全称和简称都可以用,但一份文件里应当统一。
    ///
    /// ## 例子
    /// ```text
    /// 1.大力培育高新技术企业。…(县科工信局牵头,衡南高新区按职责分工负责)
    /// 2.大力培育“专精特新”企业。…(县科工信局牵头,衡南高新技术产业开发区按职责分工负责)
    /// 3.鼓励企业加大研发投入。…(县科工信局牵头,衡南高新技术产业开发区按职责分工负责)
    /// ```
    /// 规则包把“衡南高新区”登记为“衡南高新技术产业开发区”的别名时,第 1 项的
    /// “衡南高新区”报告一次。哪种写法对由起草人决定,所以不给自动修复。
    ///
    /// ## 不报的情形
    /// - 规则包没有登记、文件也没有用“以下简称”引入的写法差异一律不报:不做模糊匹配,`县财政局` 与 `财政局`
    ///   这类时有时无的层级前缀、`市生态环境局衡南分局` 这类带上级前缀的分支机构
    ///   都不会被猜成同一单位;
    /// - 同一写法重复出现不是变体;
    /// - 同一变体在文中出现多次只报告一次,不逐处报告;
    /// - 任务正文和专班成员名单里提到的单位不在责任条款里,不参与比较。
    ///
    /// English: one unit written in two or more ways in the responsibility
    /// clauses of one document, by the pack's unit aliases and departments
    /// (under any place prefix) and the document's own 以下简称; each less-used form
    /// is reported once per document at its first use, with the main form as
    /// related information. No aliases, no findings.
    pub struct UnitNameVariant {
        code: "R104",
        name: "unit-name-variant",
        severity: Info,
        summary: "one unit written two ways in one document (衡南高新区 vs 衡南高新技术产业开发区), from the pack's aliases",
    }
}

impl Rule for UnitNameVariant {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let keys = UnitKeys::of(doc, cx);
        // Canonical name → its written forms in order of first use.
        let mut groups: HashMap<Cow<'_, str>, Vec<Form<'_>>> = HashMap::new();
        let mut order: Vec<Cow<'_, str>> = Vec::new();
        let units = doc
            .tasks
            .iter()
            .filter_map(|t| t.responsibility.as_ref())
            .flat_map(|r| r.all_units());
        for unit in units {
            let canonical = keys.key(doc, cx.settings, &unit.name);
            let forms = groups.entry(canonical.clone()).or_insert_with(|| {
                order.push(canonical);
                Vec::new()
            });
            match forms.iter_mut().find(|f| f.name == unit.name) {
                Some(form) => form.count += 1,
                None => forms.push(Form {
                    name: &unit.name,
                    first: unit.span,
                    count: 1,
                }),
            }
        }

        let mut out = Vec::new();
        for canonical in &order {
            let forms = &groups[canonical];
            if forms.len() < 2 {
                continue;
            }
            // The main form: most used, then the canonical name, then the
            // first used (forms are in order of first use).
            let main = forms
                .iter()
                .enumerate()
                .max_by_key(|(i, f)| (f.count, f.name == canonical, std::cmp::Reverse(*i)))
                .map(|(i, _)| i)
                .expect("two forms");
            let main_form = &forms[main];
            for (i, form) in forms.iter().enumerate() {
                if i == main {
                    continue;
                }
                let message = format!(
                    "单位\"{}\"与\"{}\"是同一单位的两种写法:本文件中\"{}\"出现{}次,\"{}\"出现{}次",
                    form.name,
                    main_form.name,
                    main_form.name,
                    main_form.count,
                    form.name,
                    form.count
                );
                let mut diagnostic = cx
                    .diagnostic(&Self::META, form.first, message)
                    .with_related(
                        main_form.first,
                        format!("\"{}\"第一次出现在这里", main_form.name),
                    );
                for (j, other) in forms.iter().enumerate() {
                    if j != i && j != main {
                        diagnostic = diagnostic.with_related(
                            other.first,
                            format!("另一种写法\"{}\"第一次出现在这里", other.name),
                        );
                    }
                }
                out.push(diagnostic);
            }
        }
        out
    }
}

/// One written form of a unit: its name, first use and number of uses.
struct Form<'a> {
    name: &'a str,
    first: Span,
    count: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, check_with, texts};
    use crate::rule::Settings;

    fn aliases() -> Settings {
        let mut settings = Settings::default();
        settings
            .unit_aliases
            .insert("衡南高新区".into(), "衡南高新技术产业开发区".into());
        settings
    }

    const TEXT: &str = "(一)培育科技创新主体\n\
1.培育高新技术企业。加大培育。(县科工信局牵头,衡南高新区按职责分工负责)\n\
2.培育专精特新企业。加强梯度培育。(县科工信局牵头,衡南高新技术产业开发区按职责分工负责)\n\
3.鼓励研发投入。落实奖补。(县科工信局牵头,衡南高新技术产业开发区、县财政局按职责分工负责)\n\
4.引进创新人才。完善政策。(县委组织部牵头,衡南高新区、县人社局按职责分工负责)\n\
5.促进成果转化。搭建平台。(县科工信局牵头,衡南高新技术产业开发区、县发改局按职责分工负责)\n";

    #[test]
    fn fires_once_per_variant_with_the_main_form_related() {
        let found = check_with(&UnitNameVariant, TEXT, &aliases());
        assert_eq!(texts(TEXT, &found), ["衡南高新区"]);
        assert_eq!(found[0].span.start, TEXT.find("衡南高新区").unwrap());
        assert_eq!(
            found[0].message,
            "单位\"衡南高新区\"与\"衡南高新技术产业开发区\"是同一单位的两种写法:本文件中\"衡南高新技术产业开发区\"出现3次,\"衡南高新区\"出现2次"
        );
        let related = &found[0].related;
        assert_eq!(related.len(), 1);
        assert_eq!(
            related[0].span.start,
            TEXT.find("衡南高新技术产业开发区").unwrap()
        );
        assert_eq!(
            related[0].message,
            "\"衡南高新技术产业开发区\"第一次出现在这里"
        );
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn the_more_used_form_is_the_main_one_even_if_it_is_the_alias() {
        let text = TEXT.replacen("衡南高新技术产业开发区", "衡南高新区", 2);
        let found = check_with(&UnitNameVariant, &text, &aliases());
        assert_eq!(texts(&text, &found), ["衡南高新技术产业开发区"]);
        assert!(
            found[0].message.contains("本文件中\"衡南高新区\"出现4次"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_tie_keeps_the_canonical_name_as_the_main_form() {
        let text = TEXT.replacen("衡南高新技术产业开发区", "衡南高新区", 1);
        // Three short forms, two full names: make it two and two.
        let text = text.replacen("衡南高新区", "县发改局", 1);
        let found = check_with(&UnitNameVariant, &text, &aliases());
        assert_eq!(texts(&text, &found), ["衡南高新区"]);
    }

    #[test]
    fn a_department_under_a_place_prefix_and_a_short_name_of_the_document() {
        let mut settings = Settings::default();
        for (form, full) in [
            ("发改委", "发展和改革委员会"),
            ("发展和改革委员会", "发展和改革委员会"),
        ] {
            settings.departments.insert(form.into(), full.into());
        }
        let text = "建立市区域协同发展促进中心(以下简称市协同中心)。\n\
1.推进项目。加快建设。(湛江市发改委牵头,湛江市财政局按职责分工负责)\n\
2.推进改革。深化改革。(湛江市发展和改革委员会牵头,市协同中心按职责分工负责)\n\
3.推进合作。加强协同。(湛江市发改委牵头,市区域协同发展促进中心按职责分工负责)\n";
        let found = check_with(&UnitNameVariant, text, &settings);
        assert_eq!(
            texts(text, &found),
            ["湛江市发展和改革委员会", "市区域协同发展促进中心"]
        );
    }

    #[test]
    fn quiet_without_aliases() {
        assert!(check(&UnitNameVariant, TEXT).is_empty());
        // A level prefix written and dropped is not guessed to be a variant.
        let text =
            "1.推进改革。深化改革。(县财政局牵头,县发改局、财政局、县税务局等按职责分工负责)\n";
        assert!(check(&UnitNameVariant, text).is_empty());
    }

    #[test]
    fn quiet_when_one_form_is_used() {
        let text = TEXT.replace("衡南高新区", "衡南高新技术产业开发区");
        assert!(check_with(&UnitNameVariant, &text, &aliases()).is_empty());
    }

    #[test]
    fn quiet_on_names_outside_clauses() {
        // The short form in the task text and the work-team list is not a
        // list entry.
        let text = TEXT.replace("衡南高新区", "衡南高新技术产业开发区")
            + "三、推进机制\n成立工作专班,成员单位包括县科工信局、衡南高新区等。\n";
        let text = text.replace("加大培育。", "支持衡南高新区企业申报。");
        assert!(check_with(&UnitNameVariant, &text, &aliases()).is_empty());
    }
}
