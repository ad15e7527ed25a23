use std::borrow::Cow;
use std::collections::HashMap;

use plan_lint_core::model::{Document, Unit, UnitRole};

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rule::{Context, Rule};
use crate::units::UnitKeys;

declare_rule! {
    /// ## 在查什么
    /// 同一项任务的责任条款里,牵头单位又出现在负责单位或配合单位的列表中,
    /// 包括经规则包别名归一后相同的两个写法(县科工信局 与 县科技和工业信息化局)。
    /// 每个重复出现的地方报告一次,并指向牵头单位。
    ///
    /// ## 为什么是问题
    /// 牵头单位本来就对任务负总责,再列进配合单位,分工就说不清:它到底是牵头还是
    /// 配合?这通常是复制上一条的单位列表后忘了删掉牵头单位。
    ///
    /// ## 例子
    /// ```text
    /// (县发改局牵头,县财政局、县发改局、县商务局等按职责分工负责)
    /// ```
    /// “县发改局”已经牵头,又列在负责单位中。修复会删除第二处“县发改局”和它前面的
    /// 顿号;它在列表开头时删除它和后面的顿号。列表里只有它一个单位,或它和相邻
    /// 单位之间不是一个单独的分隔符时,不给修复。
    ///
    /// 成员名单写明了牵头单位时同样检查:`成立由县发改局牵头,县财政局、县发改局
    /// 等单位组成的工作专班`。
    ///
    /// ## 不报的情形
    /// - 专班成员名单里召集人、副召集人单位再次出现,是惯例:召集人不是牵头单位;
    /// - 牵头单位在任务正文中被提到,不是列表里的单位;
    /// - `各镇(街道、中心)` 是一个单位,括号里的“街道”不是另一个单位;
    /// - 同一列表里的重复(不涉及牵头单位)由 duplicate-unit (R102) 报告;
    /// - 两项不同任务的牵头单位与配合单位相同,各管各的,不相干。
    ///
    /// English: the lead unit of a task (or of a working group whose member
    /// list names one) is listed again among its responsible, collaborating or
    /// member units (also via pack aliases); the fix removes that mention
    /// with its separator when that is unambiguous.
    pub struct LeadAlsoCollaborator {
        code: "R103",
        name: "lead-also-collaborator",
        severity: Warning,
        summary: "the lead unit listed again among 配合/责任 units of the same task",
    }
}

impl Rule for LeadAlsoCollaborator {
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
            let mut leads: HashMap<Cow<'_, str>, &Unit> = HashMap::new();
            for unit in responsibility.leads() {
                leads
                    .entry(keys.key(doc, cx.settings, &unit.name))
                    .or_insert(unit);
            }
            if leads.is_empty() {
                continue;
            }
            for list in responsibility
                .lists
                .iter()
                .filter(|l| l.role != UnitRole::Lead)
            {
                for (i, unit) in list.units.iter().enumerate() {
                    let Some(lead) = leads.get(&keys.key(doc, cx.settings, &unit.name)) else {
                        continue;
                    };
                    let role = role_name(list.role);
                    let message = if lead.name == unit.name {
                        format!("牵头单位\"{}\"又列在{role}中", unit.name)
                    } else {
                        format!(
                            "\"{}\"与牵头单位\"{}\"是同一单位,又列在{role}中",
                            unit.name, lead.name
                        )
                    };
                    let mut diagnostic = cx
                        .diagnostic(&Self::META, unit.span, message)
                        .with_related(lead.span, format!("\"{}\"在这里已是牵头单位", lead.name));
                    if let Some(span) = list.removal_span(cx.source.text(), i) {
                        diagnostic = diagnostic.with_fix(Fix::replace(
                            format!("从{role}中删除\"{}\"", unit.name),
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

fn role_name(role: UnitRole) -> &'static str {
    match role {
        UnitRole::Lead => "牵头单位",
        UnitRole::Responsible => "负责单位",
        UnitRole::Collaborating => "配合单位",
        UnitRole::Member => "成员单位",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, check_with, texts};
    use crate::rule::Settings;

    #[test]
    fn fires_on_the_lead_among_the_responsible_units() {
        let text = "1.推进项目建设。加快进度。(县发改局牵头,县财政局、县发改局、县商务局等按职责分工负责)\n";
        let found = check(&LeadAlsoCollaborator, text);
        assert_eq!(texts(text, &found), ["县发改局"]);
        assert_eq!(found[0].span.start, text.rfind("县发改局").unwrap());
        assert_eq!(found[0].message, "牵头单位\"县发改局\"又列在负责单位中");
        let related = &found[0].related;
        assert_eq!(related.len(), 1);
        assert_eq!(related[0].span.start, text.find("县发改局").unwrap());
        assert_eq!(related[0].message, "\"县发改局\"在这里已是牵头单位");
        let fix = found[0].fix.as_ref().unwrap();
        assert_eq!(fix.message, "从负责单位中删除\"县发改局\"");
        assert_eq!(
            fix.apply(text),
            "1.推进项目建设。加快进度。(县发改局牵头,县财政局、县商务局等按职责分工负责)\n"
        );
    }

    #[test]
    fn fixes_a_first_collaborator_with_the_separator_after_it() {
        let text = "1.加强防汛。\n市防办牵头,市防办、市水利局、市气象局等配合。\n";
        let found = check(&LeadAlsoCollaborator, text);
        assert_eq!(texts(text, &found), ["市防办"]);
        assert_eq!(found[0].message, "牵头单位\"市防办\"又列在配合单位中");
        let fixed = found[0].fix.as_ref().unwrap().apply(text);
        assert_eq!(
            fixed,
            "1.加强防汛。\n市防办牵头,市水利局、市气象局等配合。\n"
        );
    }

    #[test]
    fn no_fix_when_the_lead_is_the_only_other_unit() {
        let text = "1.推进项目建设。加快进度。(县发改局牵头,县发改局按职责分工负责)\n";
        let found = check(&LeadAlsoCollaborator, text);
        assert_eq!(texts(text, &found), ["县发改局"]);
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn fires_on_an_alias_of_the_lead() {
        let text = "1.培育企业。加大培育。(县科工信局牵头,县发改局、县科技和工业信息化局等按职责分工负责)\n";
        assert!(check(&LeadAlsoCollaborator, text).is_empty());
        let mut settings = Settings::default();
        settings
            .unit_aliases
            .insert("县科工信局".into(), "县科技和工业信息化局".into());
        let found = check_with(&LeadAlsoCollaborator, text, &settings);
        assert_eq!(texts(text, &found), ["县科技和工业信息化局"]);
        assert_eq!(
            found[0].message,
            "\"县科技和工业信息化局\"与牵头单位\"县科工信局\"是同一单位,又列在负责单位中"
        );
    }

    #[test]
    fn quiet_on_a_work_team_member_list() {
        let text = "三、推进机制\n成立衡南县实施产业培塑行动工作专班,由县政府分管副县长任召集人,\
县科工信局、衡南高新区主要负责人任副召集人,成员单位包括县科工信局、衡南高新区、县发改局等,\
专班办公室设在县科工信局。\n";
        assert!(check(&LeadAlsoCollaborator, text).is_empty());
    }

    #[test]
    fn fires_on_the_lead_among_the_members_of_a_group_it_leads() {
        let text =
            "三、保障措施\n成立由县发改局牵头,县财政局、县发改局、县住建局等单位组成的工作专班。\n";
        let found = check(&LeadAlsoCollaborator, text);
        assert_eq!(texts(text, &found), ["县发改局"]);
        assert_eq!(found[0].span.start, text.rfind("县发改局").unwrap());
        assert_eq!(found[0].message, "牵头单位\"县发改局\"又列在成员单位中");
    }

    #[test]
    fn quiet_on_a_unit_named_in_the_task_text() {
        let text = "1.推进项目建设。县发改局要加快审批进度。(县发改局牵头,县财政局、县商务局等按职责分工负责)\n";
        assert!(check(&LeadAlsoCollaborator, text).is_empty());
    }

    #[test]
    fn quiet_on_a_bracketed_unit_and_on_other_tasks() {
        let text = "1.排查隐患。全面排查。\n市应急管理局牵头,市公安局、各镇(街道、中心)等配合。\n\
2.整治道路。加强管理。\n市公安局牵头,市应急管理局、市交通运输局等配合。\n";
        assert!(check(&LeadAlsoCollaborator, text).is_empty());
    }

    #[test]
    fn quiet_on_two_leads() {
        let text = "1.强化投资。加快建设。(县科工信局、县重点建设项目事务中心牵头,衡南高新区、县商务局等按职责分工负责)\n";
        assert!(check(&LeadAlsoCollaborator, text).is_empty());
    }
}
