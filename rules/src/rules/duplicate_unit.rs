use std::collections::HashMap;

use plan_lint_core::model::Document;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rule::{Context, Rule};
use crate::units::UnitKeys;

declare_rule! {
    /// ## 在查什么
    /// 同一个单位列表里把同一个单位写了两次,包括同一单位的两个名称:规则包的
    /// 别名(县科工信局 与 县科技和工业信息化局)、规则包的部门全称与简称(在任何
    /// 省/市/县/区前缀下:市发改委 与 市发展和改革委员会,省市场监管局 与
    /// 省市场监督管理局),以及文件用 `(以下简称…)` 自己引入的简称。单位列表指责任条款里
    /// 同一角色的单位(牵头、负责、配合各为一个列表)、任务清单表格的单元格,
    /// 以及工作专班、联席会议、领导小组的成员名单(`成员单位包括A、B等`、
    /// `由A、B组成`、`A、B等单位相关负责人为成员`)。
    ///
    /// ## 为什么是问题
    /// 重复的单位让分工表显得粗糙,也常常说明本该写另一个单位时写错了。
    ///
    /// ## 例子
    /// ```text
    /// 市防办牵头,市水利局、市气象局、市水利局等配合。
    /// ```
    /// 列表中的第二个“市水利局”是重复的;修复会删除它和它前面的顿号。
    ///
    /// ## 不报的情形
    /// - `各镇(街道、中心)` 是一个单位,不是三个;
    /// - 牵头单位又出现在配合单位里,由 lead-also-collaborator (R103) 报告;
    /// - 召集人、副召集人或办公室所在单位在成员名单里再次出现,是惯例:它们
    ///   不在名单里;
    /// - 成员名单只算一眼可知是单位名称的一串:遇到不像单位名称的一段(`专班
    ///   办公室设在…`)名单即止。
    ///
    /// English: one unit list (a role's units in a responsibility clause, a
    /// table cell, or the member list of a working group: 成员单位包括…,
    /// 由…组成, …为成员) names the same unit twice (also under two of its
    /// names: pack aliases, the pack's departments under any place prefix,
    /// the document's own 以下简称);
    /// the fix removes the second mention.
    pub struct DuplicateUnit {
        code: "R102",
        name: "duplicate-unit",
        severity: Error,
        summary: "one list naming the same unit twice",
    }
}

impl Rule for DuplicateUnit {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let keys = UnitKeys::of(doc, cx);
        let mut out = Vec::new();
        let responsibilities = doc
            .tasks
            .iter()
            .filter_map(|t| t.responsibility.as_ref())
            .chain(&doc.member_lists);
        for responsibility in responsibilities {
            for list in &responsibility.lists {
                let mut seen = HashMap::new();
                for (i, unit) in list.units.iter().enumerate() {
                    let canonical = keys.key(doc, cx.settings, &unit.name);
                    let Some(&first) = seen.get(&canonical) else {
                        seen.insert(canonical, i);
                        continue;
                    };
                    let first = &list.units[first];
                    let message = if first.name == unit.name {
                        format!("单位\"{}\"在同一列表中重复出现", unit.name)
                    } else {
                        format!(
                            "单位\"{}\"与\"{}\"是同一单位,在同一列表中重复出现",
                            unit.name, first.name
                        )
                    };
                    // Remove the unit with the separator before it, when
                    // that is one safe edit.
                    let mut diagnostic = cx
                        .diagnostic(&Self::META, unit.span, message)
                        .with_related(first.span, format!("\"{}\"第一次出现在这里", first.name));
                    if let Some(span) = list.removal_span(cx.source.text(), i) {
                        diagnostic = diagnostic.with_fix(Fix::replace(
                            format!("删除重复的\"{}\"", unit.name),
                            span,
                            "",
                        ));
                    }
                    out.push(diagnostic);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, check_with, texts};
    use crate::rule::Settings;

    #[test]
    fn fires_on_a_unit_named_twice() {
        let text = "1.加强防汛。\n市防办牵头,市水利局、市气象局、市水利局等配合。\n";
        let found = check(&DuplicateUnit, text);
        assert_eq!(texts(text, &found), ["市水利局"]);
        assert_eq!(found[0].span.start, text.rfind("市水利局").unwrap());
        assert_eq!(found[0].related.len(), 1);
        let fixed = found[0].fix.as_ref().unwrap().apply(text);
        assert!(
            fixed.contains("市防办牵头,市水利局、市气象局等配合。"),
            "{fixed}"
        );
    }

    #[test]
    fn fires_on_an_alias() {
        let text = "1.培育企业。(县科工信局牵头,县发改局、县科技和工业信息化局等按职责分工负责)\n";
        let mut settings = Settings::default();
        settings
            .unit_aliases
            .insert("县科工信局".into(), "县科技和工业信息化局".into());
        // The lead and a collaborator are different lists: not R102.
        assert!(check_with(&DuplicateUnit, text, &settings).is_empty());
        let text = "1.培育企业。(县发改局、县科工信局、县科技和工业信息化局等按职责分工负责)\n";
        assert_eq!(check_with(&DuplicateUnit, text, &settings).len(), 1);
    }

    #[test]
    fn fires_on_a_unit_named_twice_in_a_member_list() {
        let text = "(一)加强组织领导。成立工作专班,成员单位有县人社局、县教育局、县民政局、县人社局、县财政局等,专班办公室设在县人社局。\n";
        let found = check(&DuplicateUnit, text);
        assert_eq!(texts(text, &found), ["县人社局"]);
        assert_eq!(
            found[0].span.start,
            text.match_indices("县人社局").nth(1).unwrap().0
        );
        let fixed = found[0].fix.as_ref().unwrap().apply(text);
        assert!(
            fixed.contains("县人社局、县教育局、县民政局、县财政局等"),
            "{fixed}"
        );
        let text = "建立由市发改委、市财政局、市发改委等部门组成的联席会议制度。\n";
        assert_eq!(texts(text, &check(&DuplicateUnit, text)), ["市发改委"]);
        let text = "市长任组长,市发改局、市教育局、市教育局等单位相关负责人为成员。\n";
        assert_eq!(texts(text, &check(&DuplicateUnit, text)), ["市教育局"]);
    }

    #[test]
    fn quiet_when_the_office_unit_is_also_a_member() {
        let text = "成立工作专班,由县发改局主要负责同志任召集人,成员单位包括县发改局、县财政局等,专班办公室设在县发改局。\n";
        assert!(check(&DuplicateUnit, text).is_empty());
    }

    #[test]
    fn fires_on_a_department_under_two_of_its_names() {
        let mut settings = Settings::default();
        for (form, full) in [
            ("发展改革委", "发展和改革委员会"),
            ("发展和改革委员会", "发展和改革委员会"),
        ] {
            settings.departments.insert(form.into(), full.into());
        }
        let text = "1.推进项目。(湛江市财政局牵头,湛江市发展改革委、湛江市住建局、湛江市发展和改革委员会配合)\n";
        let found = check_with(&DuplicateUnit, text, &settings);
        assert_eq!(texts(text, &found), ["湛江市发展和改革委员会"]);
        assert_eq!(
            found[0].message,
            "单位\"湛江市发展和改革委员会\"与\"湛江市发展改革委\"是同一单位,在同一列表中重复出现"
        );
        // Two places: two units.
        let text = "1.推进项目。(市财政局牵头,市发展改革委、区发展和改革委员会配合)\n";
        assert!(check_with(&DuplicateUnit, text, &settings).is_empty());
    }

    #[test]
    fn a_unit_with_brackets_is_one_unit() {
        let text = "市应急管理局牵头,市公安局、各镇(街道、中心)等配合。\n";
        assert!(check(&DuplicateUnit, &format!("1.排查隐患。\n{text}")).is_empty());
    }
}
