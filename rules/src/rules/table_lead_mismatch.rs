use std::collections::{HashMap, HashSet};

use plan_lint_core::Span;
use plan_lint_core::model::{ClauseForm, Document, Responsibility, Unit};
use plan_lint_core::tasklist::{TaskRow, task_table_in};

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule};
use crate::units::UnitKeys;

declare_rule! {
    /// ## 在查什么
    /// 任务分工表(表格各栏:序号、任务、牵头单位……)里的一行,与正文中同名任务的
    /// 责任条款写了不同的牵头单位:两边各自写明了牵头单位,却没有一个相同(按规则包的
    /// 别名和文件自己的简称归一后比较)。诊断指向分工表中的牵头单位,并指向正文里的
    /// 牵头单位。方案与分工表分成两个文件时,作为方案集一起检查同样适用。
    ///
    /// ## 为什么是问题
    /// 分工表是督查室逐项跟踪的依据。正文写“县住建局牵头”,分工表却写县财政局,
    /// 任务落到谁头上就说不清,往往是正文改了单位,分工表没有跟着改。
    ///
    /// ## 例子
    /// ```text
    /// 1.改造老旧小区。完成改造5个以上(县住建局牵头,县财政局配合)。
    /// ……
    /// 附件
    /// 序号	任务	牵头单位	配合单位
    /// 1	改造老旧小区	县财政局	县住建局
    /// ```
    ///
    /// ## 不报的情形
    /// - 任务名称不完全相同(去掉标点和空格后),或同一名称在正文中出现不止一次:
    ///   对不上号的不比;
    /// - 任一边没有写明牵头单位(只有“责任单位”,或单位来自上级标题的条款);
    /// - 两边的牵头单位有一个相同(分工表多列或少列一个牵头单位,不算矛盾)。
    ///
    /// English: a row of a 任务分工表 (a table with a 牵头单位 column) names
    /// other lead units than the responsibility clause of the task of the
    /// same title in the plan's text: both name leads and none is the same
    /// unit (by the packs' aliases and the document's own short names).
    /// Quiet when titles differ, a title occurs twice in the text, or either
    /// side names no lead of its own.
    pub struct TableLeadMismatch {
        code: "R105",
        name: "table-lead-mismatch",
        severity: Warning,
        summary: "a 任务分工表 row whose lead units differ from the lead of the same task in the plan's text",
    }
}

/// Shortest title compared, in characters: shorter ones (推进, 其他) name
/// no task of their own.
const MIN_TITLE: usize = 4;

impl Rule for TableLeadMismatch {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let clauses: HashMap<Span, &Responsibility> = doc
            .tasks
            .iter()
            .filter_map(|t| t.responsibility.as_ref())
            .map(|r| (r.span, r))
            .collect();
        // Only documents with a table row that names a lead.
        if !clauses
            .values()
            .any(|r| r.form == ClauseForm::TableCells && r.leads().next().is_some())
        {
            return Vec::new();
        }
        let rows = task_table_in(doc, cx.view(), &cx.settings.deadline_words);
        let own = |row: &TaskRow| row.clause.and_then(|s| clauses.get(&s).copied());
        // The text's tasks with a clause of their own, by title; a title
        // written twice is no one task's.
        let mut in_text: HashMap<String, Option<&Responsibility>> = HashMap::new();
        for row in &rows {
            let Some(r) = own(row).filter(|r| r.form != ClauseForm::TableCells) else {
                continue;
            };
            let key = title_key(&row.title);
            if key.chars().count() < MIN_TITLE {
                continue;
            }
            in_text
                .entry(key)
                .and_modify(|e| *e = None)
                .or_insert(Some(r));
        }
        let keys = UnitKeys::of(doc, cx);
        let lead_keys = |r: &Responsibility| -> HashSet<String> {
            r.leads()
                .map(|u| keys.key(doc, cx.settings, &u.name).into_owned())
                .collect()
        };
        let mut out = Vec::new();
        for row in &rows {
            let Some(cells) = own(row).filter(|r| r.form == ClauseForm::TableCells) else {
                continue;
            };
            let Some(Some(text)) = in_text.get(&title_key(&row.title)) else {
                continue;
            };
            let (theirs, ours) = (lead_keys(text), lead_keys(cells));
            if theirs.is_empty() || ours.is_empty() || !theirs.is_disjoint(&ours) {
                continue;
            }
            let Some(first) = cells.leads().next() else {
                continue;
            };
            let text_leads: Vec<&Unit> = text.leads().collect();
            let message = format!(
                "分工表中任务\"{}\"的牵头单位为\"{}\",与正文第{}行的牵头单位\"{}\"不一致",
                row.title,
                names(cells.leads()),
                cx.line(text_leads[0].span.start),
                names(text_leads.iter().copied()),
            );
            let mut d = cx.diagnostic(&Self::META, first.span, message);
            for unit in text_leads {
                d = d.with_related(unit.span, format!("正文中\"{}\"牵头", unit.name));
            }
            out.push(d);
        }
        out
    }
}

/// A title without its punctuation and spaces: the text's 改造老旧小区。
/// and the table's 改造老旧小区 are one task.
fn title_key(title: &str) -> String {
    title.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn names<'a>(units: impl Iterator<Item = &'a Unit>) -> String {
    units
        .map(|u| u.name.as_str())
        .collect::<Vec<_>>()
        .join("、")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};

    const PLAN: &str = "青山县城乡建设提质行动实施方案\n\
        一、重点任务\n\
        1.改造老旧小区。完成改造5个以上(县住建局牵头,县财政局配合)。\n\
        2.完善道路网络。新建道路10公里(县交通运输局牵头,县财政局配合)。\n\
        3.提升公园绿地。新建公园3个(县城管局牵头)。\n\
        附件\n\
        重点任务分工表\n\
        序号\t任务\t牵头单位\t配合单位\t完成时限\n\
        1\t改造老旧小区\t县财政局\t县住建局\t2025年底\n\
        2\t完善道路网络\t县交通运输局\t县财政局\t2025年底\n\
        3\t提升公园绿地\t县城管局、县住建局\t\t2025年底\n";

    #[test]
    fn fires_on_a_table_row_whose_lead_is_another_unit() {
        let found = check(&TableLeadMismatch, PLAN);
        assert_eq!(texts(PLAN, &found), ["县财政局"]);
        assert_eq!(
            found[0].span.start,
            PLAN.rfind("1\t改造老旧小区\t县财政局").unwrap() + "1\t改造老旧小区\t".len()
        );
        assert_eq!(
            found[0].message,
            "分工表中任务\"改造老旧小区\"的牵头单位为\"县财政局\",与正文第3行的牵头单位\"县住建局\"不一致"
        );
        assert_eq!(found[0].related.len(), 1);
        assert_eq!(
            found[0].related[0].span.start,
            PLAN.find("县住建局").unwrap()
        );
    }

    #[test]
    fn a_lead_in_common_or_no_lead_on_one_side_is_quiet() {
        // Row 3 adds a second lead: not a contradiction. A text task whose
        // clause only names responsible units has no lead to compare.
        let text = PLAN
            .replace("1\t改造老旧小区\t县财政局", "1\t改造老旧小区\t县住建局")
            .replace("(县交通运输局牵头,县财政局配合)", "(责任单位:县财政局)");
        assert!(
            check(&TableLeadMismatch, &text).is_empty(),
            "{:?}",
            check(&TableLeadMismatch, &text)
        );
    }

    #[test]
    fn a_title_written_twice_in_the_text_matches_no_row() {
        let text = PLAN.replace(
            "3.提升公园绿地。",
            "3.改造老旧小区。完成改造3个(县发改局牵头)。\n4.提升公园绿地。",
        );
        assert!(check(&TableLeadMismatch, &text).is_empty());
    }
}
