use std::collections::HashMap;

use plan_lint_core::model::Document;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 同一个责任单位列表里把同一个单位写了两次,包括经规则包别名归一后相同的
    /// 两个写法(县科工信局 与 县科技和工业信息化局)。
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
    /// - 专班成员名单里副召集人单位再次出现,是惯例,不是责任条款。
    ///
    /// English: one responsibility list names the same unit twice (also via
    /// pack aliases); the fix removes the second mention.
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
        let mut out = Vec::new();
        for task in &doc.tasks {
            let Some(responsibility) = &task.responsibility else {
                continue;
            };
            for list in &responsibility.lists {
                let mut seen = HashMap::new();
                for (i, unit) in list.units.iter().enumerate() {
                    let canonical = cx.settings.canonical_unit(&unit.name);
                    let Some(&first) = seen.get(canonical) else {
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
    fn a_unit_with_brackets_is_one_unit() {
        let text = "市应急管理局牵头,市公安局、各镇(街道、中心)等配合。\n";
        assert!(check(&DuplicateUnit, &format!("1.排查隐患。\n{text}")).is_empty());
    }
}
