use std::collections::HashMap;

use plan_lint_core::Span;
use plan_lint_core::model::{AttachmentId, Document, Responsibility, SectionId, Task, UnitRole};

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 一项任务没有写牵头单位,而同一附件(或正文)里、同一上级标题下的同级任务
    /// 按惯例都写了牵头单位。惯例按同级任务组判断,只看本组其余任务:
    /// - 任务有责任条款但没有“牵头”:其余任务至少 4 项时,要求其中至少 3 项、
    ///   且不少于三分之二写明了牵头单位;其余任务只有 1 到 3 项时,要求它们全都
    ///   写明了牵头单位,并且本附件(或正文)其余带责任条款的任务中至少 3 项、不少于
    ///   三分之二写明了牵头单位;
    /// - 任务连责任条款都没有:其余任务至少 2 项,且全都写明了牵头单位;
    /// - 条款只列了配合单位(`(配合单位:省能源局)`、`(各有关部门配合)`),却没有
    ///   被配合的单位:本附件(或正文)其余带责任条款的任务中至少 2 项、不少于一半
    ///   写明了牵头单位即报,不看同级任务组。
    ///
    /// 诊断指向没有牵头单位的责任条款(没有条款时指向任务的编号和标题),消息写明
    /// 同级任务的统计,并附上离它最近的一项写了牵头单位的同级任务作参照。
    /// 不给自动修复:该由哪个单位牵头只有起草人知道。
    ///
    /// ## 为什么是问题
    /// 牵头单位决定谁对任务负总责、谁来调度和报送进度。同级任务都写了牵头单位,
    /// 唯独这一项没有,多半是起草时漏写,落实时就会互相推诿。
    ///
    /// ## 例子
    /// ```text
    /// (二)扩大有效投资
    /// 1.强化重大产业投资。…(县科工信局牵头,县商务局等按职责分工负责)
    /// 2.推进基础设施建设。…(县发改局牵头,县交通运输局等按职责分工负责)
    /// 3.推进补短板建设。…(县住建局、县卫健局等按职责分工负责)
    /// 4.激发民间投资活力。…(县发改局牵头,县工商联等按职责分工负责)
    /// 5.推进招商引资。…(县商务局牵头,县工商联等按职责分工负责)
    /// ```
    /// 第 3 项的条款没有牵头单位,同级其余 4 项都写了。
    ///
    /// ## 不报的情形
    /// - 本组的惯例就是不写牵头(`(A、B、C等按职责分工负责)` 一节或一个附件通篇
    ///   如此),或同级任务写与不写各半;
    /// - 条款虽没有“牵头”,但分清了主次(`A、B负责,其他有关单位配合`,
    ///   `A按职能分工负责,B等其他单位分工负责`),或只列了 `各成员单位` 这类
    ///   集合称谓,没有哪个单位可以牵头;
    /// - 上级标题已经写明牵头单位(`一、防范化解政府债务风险(牵头单位:市财政局)`),
    ///   下面的任务不再逐项写;
    /// - 任务本身没有条款,而它的下级任务写了条款;
    /// - `N.单位:职责` 形式的职责清单,不是任务清单;
    /// - 通篇或整节都没有责任条款的文件和章节(总体方案正文、组织实施、推进机制)。
    ///
    /// 规则包可设 `options = { implicit-lead = "first-unit" }`:没有写“牵头”的
    /// 名单以第一个单位为牵头单位(部分地区的惯例),此时不报。
    ///
    /// English: a clause naming only collaborating units (配合) while the
    /// attachment's other clauses mostly name a lead is reported too. A task
    /// without a lead unit (牵头) where its siblings (same parent
    /// heading, same attachment) conventionally name one: at least 3 and two
    /// thirds of 4 or more siblings, or all of 1 to 3 siblings when the
    /// attachment also leans two thirds to leads, or all of 2 or more siblings
    /// when the task has no clause at all. Quiet where the local convention
    /// names no lead, where the clause separates 负责 from 配合 units or names
    /// only collectives, where an ancestor heading names the lead, where
    /// sub-items carry the clauses, and for duty lists.
    pub struct MissingLeadUnit {
        code: "R101",
        name: "missing-lead-unit",
        severity: Warning,
        summary: "a task without a 牵头单位 where the document's convention gives one to its siblings",
        options: [crate::rule::RuleOption {
            name: "implicit-lead",
            values: &["none", "first-unit"],
            doc: "first-unit: in a list without 牵头, the first unit is the lead (a regional convention)",
        }],
    }
}

impl Rule for MissingLeadUnit {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        // With `implicit-lead = "first-unit"` (a pack's convention), the
        // first unit of a list without 牵头 is its lead.
        let implicit_first = Self::META.option(cx.settings, "implicit-lead") == "first-unit";
        let has_lead = |task: &Task| {
            has_lead(task)
                || (implicit_first
                    && task
                        .responsibility
                        .as_ref()
                        .is_some_and(|r| r.all_units().next().is_some()))
        };
        let lead_above = LeadAbove::new(doc, cx);
        let with_clauses_below = sections_with_clauses_below(doc);

        // Sibling groups: tasks under the same parent heading, in the same
        // attachment.
        let mut groups: HashMap<(Option<AttachmentId>, Option<SectionId>), Group> = HashMap::new();
        // Clause-bearing tasks per attachment, and how many name a lead.
        let mut per_attachment: HashMap<Option<AttachmentId>, (usize, usize)> = HashMap::new();
        for (i, task) in doc.tasks.iter().enumerate() {
            let group = groups
                .entry((task.attachment, group_parent(doc, task)))
                .or_default();
            group.size += 1;
            if has_lead(task) {
                group.with_lead.push(i);
            }
            if task.responsibility.is_some() {
                let entry = per_attachment.entry(task.attachment).or_default();
                entry.0 += 1;
                entry.1 += usize::from(has_lead(task));
            }
        }

        let mut out = Vec::new();
        for (i, task) in doc.tasks.iter().enumerate() {
            if has_lead(task) {
                continue;
            }
            if lead_above.covers(task) {
                continue;
            }
            let group = &groups[&(task.attachment, group_parent(doc, task))];
            // The task itself has no lead: the group's leads are all others'.
            let others = group.size - 1;
            let leads = group.with_lead.len();

            let report = match &task.responsibility {
                // `(配合单位:Y)`, `(Y等配合)`: units that cooperate with no one.
                Some(r) if only_collaborators(r) => {
                    let (clauses, with_lead) = per_attachment[&task.attachment];
                    with_lead >= 2 && with_lead * 2 >= clauses.saturating_sub(1)
                }
                Some(r) if names_a_principal(r, cx) => false,
                Some(_) if others >= 4 => leads >= 3 && leads * 3 >= others * 2,
                Some(_) => {
                    // A small group: no local evidence against a lead, and a
                    // clear convention across the attachment.
                    let (clauses, with_lead) = per_attachment[&task.attachment];
                    let clauses = clauses - 1;
                    others >= 1 && leads == others && with_lead >= 3 && with_lead * 3 >= clauses * 2
                }
                None => {
                    others >= 2
                        && leads == others
                        && !task.section.is_some_and(|s| with_clauses_below[s])
                        && !is_duty_line(doc, task, cx)
                }
            };
            if !report {
                continue;
            }

            let name = task_name(doc, task, cx);
            let siblings_say = if leads == others {
                format!("同级其余{}项任务都写明了牵头单位", others)
            } else {
                format!("同级其余{}项任务中有{}项写明了牵头单位", others, leads)
            };
            let scope = if task.attachment.is_some() {
                "本附件"
            } else {
                "正文"
            };
            let (span, message) = match &task.responsibility {
                Some(r) if only_collaborators(r) => {
                    let (clauses, with_lead) = per_attachment[&task.attachment];
                    (
                        r.span,
                        format!(
                            "任务\"{name}\"的责任条款只有配合单位,没有牵头单位,而{scope}其余{}项带责任条款的任务中有{}项写明了牵头单位",
                            clauses - 1,
                            with_lead
                        ),
                    )
                }
                Some(r) if others >= 4 => (
                    r.span,
                    format!("任务\"{name}\"的责任条款没有牵头单位,而{siblings_say}"),
                ),
                Some(r) => {
                    let (clauses, with_lead) = per_attachment[&task.attachment];
                    (
                        r.span,
                        format!(
                            "任务\"{name}\"的责任条款没有牵头单位,而{siblings_say},{scope}其余{}项带责任条款的任务中有{}项写明了牵头单位",
                            clauses - 1,
                            with_lead
                        ),
                    )
                }
                None => (
                    title_span(doc, task),
                    format!("任务\"{name}\"没有责任条款,而{siblings_say}"),
                ),
            };
            let mut diagnostic = cx.diagnostic(&Self::META, span, message);
            if let Some(sibling) = group.nearest_with_lead(i) {
                let sibling_task = &doc.tasks[sibling];
                let r = sibling_task.responsibility.as_ref().expect("has a lead");
                let leads: Vec<&str> = r.leads().map(|u| u.name.as_str()).collect();
                diagnostic = diagnostic.with_related(
                    r.span,
                    format!(
                        "同级任务\"{}\"由{}牵头",
                        task_name(doc, sibling_task, cx),
                        leads.join("、")
                    ),
                );
            }
            out.push(diagnostic);
        }
        out
    }
}

fn has_lead(task: &Task) -> bool {
    task.responsibility.as_ref().is_some_and(|r| r.has_lead())
}

/// Whether a clause names only units that cooperate (配合, 参与, 配合单位:):
/// whom they cooperate with is missing.
fn only_collaborators(r: &Responsibility) -> bool {
    !r.lists.is_empty() && r.lists.iter().all(|l| l.role == UnitRole::Collaborating)
}

/// Whether a clause without 牵头 still tells who is in charge: units that
/// 负责 and others that 配合 (`县应安委办、县人社局按职能分工负责,其他有关单位
/// 配合`, `A、B负责,其他单位分工负责`), or only collectives that no single
/// unit could lead (`各成员单位按职责分工负责`).
fn names_a_principal(r: &Responsibility, cx: &Context<'_>) -> bool {
    let responsible = r.units_with(UnitRole::Responsible).next().is_some();
    let collaborating = r.units_with(UnitRole::Collaborating).next().is_some();
    if responsible && collaborating {
        return true;
    }
    let text = cx.text(r.span);
    if text.contains("其他") && text.contains(['负', '配']) {
        return true;
    }
    let mut units = r.all_units().peekable();
    units.peek().is_some() && units.all(|u| is_collective(&u.name))
}

/// `各成员单位`, `相关乡镇人民政府`, `其他有关单位`: a collective, not one unit.
fn is_collective(name: &str) -> bool {
    ["各", "相关", "有关", "其他", "其它"]
        .iter()
        .any(|p| name.starts_with(p))
}

/// The heading a task's siblings share: the parent of the task's own
/// heading, or, for a paragraph task, the parent of the heading it is under
/// (the paragraph stands for that heading's item).
fn group_parent(doc: &Document, task: &Task) -> Option<SectionId> {
    task.section.and_then(|s| doc.sections[s].parent)
}

/// Which sections name a lead for everything under them
/// (`一、防范化解政府债务风险(牵头单位:市财政局)`, `以改革创一流环境(总牵头单位:
/// 市发改局)`): `own[s]` when heading `s` itself does, `above[s]` when one of
/// its ancestors does.
struct LeadAbove {
    own: Vec<bool>,
    above: Vec<bool>,
}

impl LeadAbove {
    fn new(doc: &Document, cx: &Context<'_>) -> LeadAbove {
        let mut own = vec![false; doc.sections.len()];
        for task in &doc.tasks {
            if let (true, Some(s), Some(r)) = (task.is_heading, task.section, &task.responsibility)
            {
                own[s] |= r.has_lead();
            }
        }
        for (s, section) in doc.sections.iter().enumerate() {
            own[s] |= cx.text(section.span).contains("牵头单位");
        }
        // Parents come before their children in `sections`.
        let mut above = vec![false; doc.sections.len()];
        for (s, section) in doc.sections.iter().enumerate() {
            above[s] = section.parent.is_some_and(|p| own[p] || above[p]);
        }
        LeadAbove { own, above }
    }

    /// Whether a heading above `task` names its lead: an ancestor of its
    /// heading, or, for a paragraph, also the heading it is under.
    fn covers(&self, task: &Task) -> bool {
        task.section
            .is_some_and(|s| self.above[s] || (!task.is_heading && self.own[s]))
    }
}

/// For every section: whether a task below it (not the heading itself) has
/// a responsibility clause.
fn sections_with_clauses_below(doc: &Document) -> Vec<bool> {
    let mut below = vec![false; doc.sections.len()];
    for task in &doc.tasks {
        if task.responsibility.is_none() {
            continue;
        }
        let Some(s) = task.section else { continue };
        let start = if task.is_heading {
            doc.sections[s].parent
        } else {
            Some(s)
        };
        for a in start.into_iter().flat_map(|p| doc.ancestors(p)) {
            if below[a] {
                break;
            }
            below[a] = true;
        }
    }
    below
}

/// `2.市应急局:具体统一组织…`: a line of a duty list, not a task.
fn is_duty_line(doc: &Document, task: &Task, cx: &Context<'_>) -> bool {
    let Some(s) = task.section.filter(|_| task.is_heading) else {
        return false;
    };
    let section = &doc.sections[s];
    let text = cx.text(Span::new(section.marker_span.end, section.span.end));
    let Some(colon) = text.find([':', '：']) else {
        return false;
    };
    let head = &text[..colon];
    !head.is_empty() && head.chars().count() <= 30 && !head.contains([',', '，', '。', ';', '；'])
}

/// How a task is named in messages: its heading's title, shortened.
fn task_name(doc: &Document, task: &Task, cx: &Context<'_>) -> String {
    let title = match task.section {
        Some(s) => doc.sections[s].title.clone(),
        None => cx.text(task.span).to_string(),
    };
    let title = title.trim_end_matches(['。', ';', '；', ',', '，']);
    let mut chars = title.chars();
    let short: String = chars.by_ref().take(20).collect();
    if chars.next().is_some() {
        format!("{short}…")
    } else {
        short
    }
}

/// The title of a heading task, or the task's first line.
fn title_span(doc: &Document, task: &Task) -> Span {
    match task.section.filter(|_| task.is_heading) {
        Some(s) if !doc.sections[s].title_span.is_empty() => {
            let section = &doc.sections[s];
            Span::new(section.marker_span.start, section.title_span.end)
        }
        _ => task.span,
    }
}

/// A sibling group: how many tasks it has, and which of them name a lead.
#[derive(Default)]
struct Group {
    size: usize,
    /// Task indices, ascending.
    with_lead: Vec<usize>,
}

impl Group {
    /// The task with a lead closest to task `i` in document order, the
    /// earlier one on a tie.
    fn nearest_with_lead(&self, i: usize) -> Option<usize> {
        let at = self.with_lead.partition_point(|&j| j < i);
        let before = at.checked_sub(1).map(|k| self.with_lead[k]);
        let after = self.with_lead.get(at).copied();
        match (before, after) {
            (Some(b), Some(a)) => Some(if i - b <= a - i { b } else { a }),
            (b, a) => b.or(a),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};

    const FIRES: &str = "二、工作任务\n(二)扩大有效投资\n\
1.强化重大产业投资。推进项目建设。(县科工信局牵头,县商务局等按职责分工负责)\n\
2.推进基础设施建设。完善路网。(县发改局牵头,县交通运输局等按职责分工负责)\n\
3.推进补短板建设。补齐短板。(县住建局、县卫健局等按职责分工负责)\n\
4.激发民间投资活力。推介项目。(县发改局牵头,县工商联等按职责分工负责)\n\
5.推进招商引资。开展招商。(县商务局牵头,县工商联等按职责分工负责)\n";

    #[test]
    fn fires_on_a_task_without_lead_among_siblings_with_leads() {
        let found = check(&MissingLeadUnit, FIRES);
        assert_eq!(
            texts(FIRES, &found),
            ["(县住建局、县卫健局等按职责分工负责)"]
        );
        assert_eq!(
            found[0].message,
            "任务\"推进补短板建设\"的责任条款没有牵头单位,而同级其余4项任务都写明了牵头单位"
        );
        // The nearest sibling with a lead is the related place.
        let related = &found[0].related;
        assert_eq!(related.len(), 1);
        assert_eq!(
            &FIRES[related[0].span.start..related[0].span.end],
            "(县发改局牵头,县交通运输局等按职责分工负责)"
        );
        assert_eq!(
            related[0].message,
            "同级任务\"推进基础设施建设\"由县发改局牵头"
        );
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn a_small_group_follows_the_attachment() {
        let text = "二、工作任务\n(一)聚力降成本\n\
1.推进要素改革。深化改革。(县发改局牵头,县财政局等按职责分工负责)\n\
2.推进降成本改革。降低成本。(县发改局、县财政局、县人社局等按职责分工负责)\n\
(二)聚力优服务\n\
1.建设统一大市场。清理规定。(县市场监管局牵头,县商务局等按职责分工负责)\n\
2.实施公平竞争审查。开展审查。(县市场监管局牵头,县发改局等按职责分工负责)\n\
3.优化营商环境。开展评价。(县优化办牵头,县发改局等按职责分工负责)\n";
        let found = check(&MissingLeadUnit, text);
        assert_eq!(
            texts(text, &found),
            ["(县发改局、县财政局、县人社局等按职责分工负责)"]
        );
        assert_eq!(
            found[0].message,
            "任务\"推进降成本改革\"的责任条款没有牵头单位,而同级其余1项任务都写明了牵头单位,正文其余4项带责任条款的任务中有4项写明了牵头单位"
        );
        // Two tasks without lead in a group of two: a local convention.
        let text = text.replace("(县发改局牵头,县财政局等", "(县发改局、县财政局等");
        assert!(check(&MissingLeadUnit, &text).is_empty());
    }

    #[test]
    fn fires_on_a_task_without_clause_among_siblings_with_leads() {
        let text = "(一)加强安全监管\n\
1.开展隐患排查。全面排查。(县应急管理局牵头,县公安局等按职责分工负责)\n\
2.开展专项整治。严厉打击。(县公安局牵头,县交通运输局等按职责分工负责)\n\
3.开展宣传教育。普及知识。\n\
4.开展应急演练。组织演练。(县应急管理局牵头,县消防救援大队等按职责分工负责)\n";
        let found = check(&MissingLeadUnit, text);
        assert_eq!(texts(text, &found), ["3.开展宣传教育"]);
        assert_eq!(
            found[0].message,
            "任务\"开展宣传教育\"没有责任条款,而同级其余3项任务都写明了牵头单位"
        );
    }

    #[test]
    fn fires_on_a_clause_with_only_collaborators() {
        let text = "(一)推进节能降碳\n\
1.推进工业节能。实施改造。(牵头单位:省工信厅,配合单位:省发改委)\n\
2.推进交通节能。推广新能源车辆。(配合单位:省能源局、省电力公司)\n\
3.推进建筑节能。推广绿色建筑。(省住建厅牵头,省发改委配合)\n\
(二)加强安全监管\n\
1.开展专项整治。排查隐患。(各有关部门配合)\n";
        let found = check(&MissingLeadUnit, text);
        assert_eq!(
            texts(text, &found),
            ["(配合单位:省能源局、省电力公司)", "(各有关部门配合)"]
        );
        assert_eq!(
            found[1].message,
            "任务\"开展专项整治\"的责任条款只有配合单位,没有牵头单位,而正文其余3项带责任条款的任务中有2项写明了牵头单位"
        );
        // No clause of the document names a lead: no convention to go by.
        let text = "1.推进交通节能。推广新能源车辆。(配合单位:省能源局)\n";
        assert!(check(&MissingLeadUnit, text).is_empty());
    }

    #[test]
    fn quiet_where_the_convention_is_no_lead() {
        let text = "(一)重点壮大主力产业\n\
1.输变电。做强产业。(衡南高新区、县科工信局、县发改局等按职能分工负责)\n\
2.新农业。做优产业。(衡南高新区、县农业农村局等按职能分工负责)\n\
3.电子信息。做大产业。(衡南高新区、县发改局等按职能分工负责)\n\
4.机械制造。做精产业。(县科工信局牵头,县发改局等按职能分工负责)\n";
        assert!(check(&MissingLeadUnit, text).is_empty());
    }

    #[test]
    fn quiet_where_siblings_are_split() {
        let text = FIRES
            .replace("(县科工信局牵头,县商务局等", "(县科工信局、县商务局等")
            .replace("(县商务局牵头,县工商联等", "(县商务局、县工商联等");
        assert!(check(&MissingLeadUnit, &text).is_empty());
    }

    #[test]
    fn quiet_under_a_heading_that_names_the_lead() {
        let text = "一、防范化解政府债务风险(牵头单位:市财政局)\n\
(一)严格遏制新增隐性债务。加强监管。(市财政局、市发改局等按职责分工负责)\n\
(二)优化债务利息结构。降低成本。(市财政局、市金融事务中心等按职责分工负责)\n\
二、防范化解金融风险(牵头单位:市金融事务中心)\n\
(一)处置风险。稳妥处置。(市金融事务中心牵头,人民银行沅江支行等按职责分工负责)\n\
(二)打击非法集资。依法打击。(市公安局、市金融事务中心等按职责分工负责)\n\
(三)加强宣传。普及知识。(市金融事务中心牵头,市融媒体中心等按职责分工负责)\n\
(四)强化监测。加强预警。(市金融事务中心牵头,市市监局等按职责分工负责)\n\
(五)化解风险。稳妥化解。(市金融事务中心牵头,市财政局等按职责分工负责)\n";
        assert!(check(&MissingLeadUnit, text).is_empty());
        // Without the heading's lead, (二) is a finding.
        let text = text.replace(
            "二、防范化解金融风险(牵头单位:市金融事务中心)",
            "二、防范化解金融风险",
        );
        assert_eq!(texts(&text, &check(&MissingLeadUnit, &text)).len(), 1);
    }

    #[test]
    fn quiet_on_a_paragraph_under_a_heading_that_names_the_lead() {
        let text = "二、工作任务\n\
(一)扩大投资。(县发改局牵头,县财政局等按职责分工负责)\n\
(二)促进消费。(县商务局牵头,县财政局等按职责分工负责)\n\
(三)稳定外贸(牵头单位:县商务局)\n\
开拓市场,培育主体。(县税务局、县贸促会等按职责分工负责)\n\
(四)优化服务。(县行政审批局牵头,县发改局等按职责分工负责)\n\
(五)强化要素。(县自然资源局牵头,县财政局等按职责分工负责)\n";
        assert!(check(&MissingLeadUnit, text).is_empty());
        let text = text.replace("(三)稳定外贸(牵头单位:县商务局)", "(三)稳定外贸");
        assert_eq!(
            texts(&text, &check(&MissingLeadUnit, &text)),
            ["(县税务局、县贸促会等按职责分工负责)"]
        );
    }

    #[test]
    fn quiet_on_a_duty_list() {
        let text = "(三)压实责任\n\
1.市防办:统筹协调全市防灾工作。(市防办牵头,市应急局等配合)\n\
2.市应急局:具体统一组织应急救援。\n\
3.市水利局:负责水利工程调度。(市水利局牵头,各镇(街道、中心)等配合)\n\
4.市气象局:负责天气预报。(市气象局牵头,市融媒体中心等配合)\n";
        assert!(check(&MissingLeadUnit, text).is_empty());
        let text = text.replace("2.市应急局:具体统一组织", "2.具体统一组织");
        assert_eq!(
            texts(&text, &check(&MissingLeadUnit, &text)),
            ["2.具体统一组织应急救援"]
        );
    }

    #[test]
    fn quiet_without_clauses() {
        let text = "一、重点任务\n(一)聚力攻坚产业培塑行动。做强产业。\n\
(二)聚力攻坚创新提升行动。培育主体。\n(三)聚力攻坚激发需求行动。扩大消费。\n\
二、组织实施\n(一)强化组织领导。成立专班。\n(二)深化调度考核。定期调度。\n";
        assert!(check(&MissingLeadUnit, text).is_empty());
    }

    #[test]
    fn quiet_when_responsible_and_collaborating_are_named() {
        let with_collaborators = FIRES.replace(
            "(县住建局、县卫健局等按职责分工负责)",
            "(县住建局、县卫健局负责,其他有关单位配合)",
        );
        assert!(check(&MissingLeadUnit, &with_collaborators).is_empty());
        let collective = FIRES.replace(
            "(县住建局、县卫健局等按职责分工负责)",
            "(各成员单位按职责分工负责)",
        );
        assert!(check(&MissingLeadUnit, &collective).is_empty());
    }

    #[test]
    fn quiet_when_the_clauses_are_on_sub_items() {
        let text = "(一)深化专项整治\n\
1.开展道路交通整治。加强管理。(市交警大队牵头,市交通运输局等配合)\n\
2.开展水上交通整治。加强监管。(市交通运输局牵头,市水利局等配合)\n\
3.开展消防安全整治。排查隐患。\n\
(1)排查场所。全面排查。(市消防救援大队牵头,市住建局等配合)\n\
(2)关爱弱势群体。开展活动。(市民政局牵头,市卫健局等配合)\n";
        assert!(check(&MissingLeadUnit, text).is_empty());
        let text = &text[..text.find("(1)").unwrap()];
        assert_eq!(
            texts(text, &check(&MissingLeadUnit, text)),
            ["3.开展消防安全整治"]
        );
    }
}
