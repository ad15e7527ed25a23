//! The 任务分工表 of a plan: one row per task, in the order of the plan,
//! with its number path, title, targets, units and deadline. A pure
//! function of a [`Reading`], so the command line and the browser build
//! write the same table.

use serde::Serialize;

use std::collections::HashMap;

use crate::Reading;
use crate::Span;
use crate::deadline::{DeadlineWords, deadline, is_deadline_item};
use crate::model::members::is_collective;
use crate::model::responsibility::{ClauseForm, Responsibility, UnitRole, split_unit_list};
use crate::model::{AttachmentKind, Document, QuantityRef, SectionId, Task, looks_like_unit_name};
use crate::normalise::TextView;

/// One row of the table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TaskRow {
    /// The markers of the task's section and its ancestors, outermost
    /// first (`二/(一)/1`); an attachment's tasks start with `附件N`.
    pub number: String,
    /// The heading's title, or the task's first sentence.
    pub title: String,
    /// The clauses that state a quantity within the task, as written.
    pub targets: Vec<String>,
    /// 牵头 units; the 负责 units when no unit leads.
    pub leads: Vec<String>,
    /// 配合 units, and the 负责 units beside a lead.
    pub collaborating: Vec<String>,
    pub deadline: Option<String>,
    /// The task's span in the original text.
    pub span: Span,
    /// The task's own responsibility clause (its span in the normalised
    /// view), when it has one: what rules comparing rows need to find the
    /// units' places. Not part of the table.
    #[serde(skip)]
    pub clause: Option<Span>,
}

const TITLE_CHARS: usize = 60;

/// What the table reads of one task before it becomes a row: a task of
/// the model, or an item written as one sentence that the model keeps as
/// a heading only.
struct Entry<'a> {
    span: Span,
    section: Option<SectionId>,
    is_heading: bool,
    attachment: Option<usize>,
    responsibility: Option<&'a Responsibility>,
}

/// Every task of the document, in the order of the plan; `words` are the
/// packs' deadline words.
///
/// The units of a row are where a reviewer finds them: the task's own
/// clause or unit cells; for an item of a 职责分工 list (`市气象局：负责…`,
/// several siblings written so) the unit that opens it; otherwise the
/// clause of the nearest heading above it, which covers the items below
/// (`二、防范化解金融风险(牵头单位:市金融事务中心)` and its (一)…(四)).
pub fn task_table(reading: &Reading, words: &DeadlineWords) -> Vec<TaskRow> {
    task_table_in(&reading.doc, &reading.view, words)
}

/// [`task_table`] of a document and the view it was built from (what a
/// rule has).
pub fn task_table_in(doc: &Document, view: &TextView, words: &DeadlineWords) -> Vec<TaskRow> {
    let text = view.source().text();
    let heading_tasks = HeadingTasks::new(doc);
    let mut entries: Vec<Entry> = doc
        .tasks
        .iter()
        .map(|t| Entry {
            span: t.span,
            section: t.section,
            is_heading: t.is_heading,
            attachment: t.attachment,
            responsibility: t.responsibility.as_ref(),
        })
        .collect();
    entries.extend(sentence_items(doc, &heading_tasks).map(|s| Entry {
        span: doc.sections[s].span,
        section: Some(s),
        is_heading: true,
        attachment: doc.sections[s].attachment,
        responsibility: None,
    }));
    entries.sort_by_key(|e| e.span.start);
    let duty = duty_units(doc);
    let quantities = QuantitiesByStart::new(doc);
    let mut rows: Vec<TaskRow> = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let body = text.get(entry.span.start..entry.span.end).unwrap_or("");
        let clause = entry.responsibility.map(|r| r.span);
        let mut number = number_path(doc, entry.section, entry.attachment);
        let mut title = if entry.is_heading {
            entry
                .section
                .map_or(String::new(), |s| strip_stop(&doc.sections[s].title))
        } else {
            let (cell_number, title) = row_title(body, clause, entry.span);
            if let Some(n) = cell_number {
                number = if number.is_empty() {
                    n
                } else {
                    format!("{number}/{n}")
                };
            }
            title
        };
        if let Some(r) = entry.responsibility
            && r.form != ClauseForm::TableCells
        {
            let previous = entries[..i]
                .iter()
                .rev()
                .take_while(|e| e.span == entry.span)
                .find_map(|e| e.responsibility.map(|r| r.span.end));
            let from = match (previous, entry.section) {
                (Some(end), _) => end,
                (None, Some(s)) if entry.is_heading => doc.sections[s].title_span.end,
                _ => entry.span.start,
            };
            let interrupts = text
                .get(r.span.end..)
                .and_then(|t| t.trim_start().chars().next())
                .is_some_and(|c| matches!(c, ',' | '，'));
            let from = from.max(entry.span.start);
            if let Some(t) =
                clause_title(text, from, r.span.start, interrupts || previous.is_some())
            {
                title = t;
            }
        }
        let (mut leads, mut collaborating) = entry
            .responsibility
            .map(|r| units_of(r, words))
            .unwrap_or_default();
        if leads.is_empty() && collaborating.is_empty() {
            if let Some(units) = entry
                .section
                .filter(|_| entry.is_heading)
                .and_then(|s| duty.get(&s))
            {
                leads = units.clone();
            } else {
                (leads, collaborating) = inherited(doc, &heading_tasks, entry, words);
            }
        }
        let mut targets: Vec<String> = Vec::new();
        for q in quantities.within(entry.span) {
            let clause = text.get(q.clause.start..q.clause.end).unwrap_or("").trim();
            if !clause.is_empty() && !targets.iter().any(|t| t == clause) {
                targets.push(clause.to_string());
            }
        }
        rows.push(TaskRow {
            number,
            title,
            targets,
            leads,
            collaborating,
            deadline: deadline(body, words),
            span: view.to_original(entry.span),
            clause: entry.responsibility.map(|r| r.span),
        });
    }
    rows
}

/// The leads and collaborating units of a clause: 牵头 units, 配合 units,
/// and the 负责 units as leads when nobody leads, beside the leads
/// otherwise.
fn units_of(r: &Responsibility, words: &DeadlineWords) -> (Vec<String>, Vec<String>) {
    let names = |role| {
        r.units_with(role)
            .filter(|u| !is_deadline_item(&u.name, words))
            .map(|u| u.name.clone())
            .collect::<Vec<_>>()
    };
    let responsible = names(UnitRole::Responsible);
    let mut leads = names(UnitRole::Lead);
    let mut collaborating = names(UnitRole::Collaborating);
    if leads.is_empty() {
        leads = responsible;
    } else {
        collaborating.extend(responsible);
    }
    (leads, collaborating)
}

/// The units of the nearest heading above the task that has a clause of
/// its own: a heading's clause covers the items below it.
fn inherited(
    doc: &Document,
    heading_tasks: &HeadingTasks,
    entry: &Entry,
    words: &DeadlineWords,
) -> (Vec<String>, Vec<String>) {
    let Some(section) = entry.section else {
        return Default::default();
    };
    let first = if entry.is_heading {
        doc.sections[section].parent
    } else {
        Some(section)
    };
    let Some(first) = first else {
        return Default::default();
    };
    for s in doc.ancestors(first) {
        let mut leads: Vec<String> = Vec::new();
        let mut collaborating: Vec<String> = Vec::new();
        for t in heading_tasks.of(s) {
            if let Some(r) = &t.responsibility {
                let (l, c) = units_of(r, words);
                extend_unique(&mut leads, l);
                extend_unique(&mut collaborating, c);
            }
        }
        if !leads.is_empty() || !collaborating.is_empty() {
            return (leads, collaborating);
        }
    }
    Default::default()
}

fn extend_unique(into: &mut Vec<String>, names: Vec<String>) {
    for n in names {
        if !into.contains(&n) {
            into.push(n);
        }
    }
}

/// The unit that opens an item of a 职责分工 list (`市气象局:负责…`), by
/// section: only where at least two items under one heading open so, so
/// that a lone `重点地区:` stays a heading's words.
fn duty_units(doc: &Document) -> HashMap<SectionId, Vec<String>> {
    let mut per_parent: HashMap<Option<SectionId>, usize> = HashMap::new();
    for section in &doc.sections {
        if opening_units(&section.title, true).is_some() {
            *per_parent.entry(section.parent).or_default() += 1;
        }
    }
    // In such a list, an opening the unit reader does not know
    // (`镇(街道、中心)、高新区:`) is still the item's units.
    doc.sections
        .iter()
        .enumerate()
        .filter(|(_, s)| per_parent.get(&s.parent).is_some_and(|&n| n >= 2))
        .filter_map(|(id, s)| opening_units(&s.title, false).map(|u| (id, u)))
        .collect()
}

/// The units before the first colon of `title` (`市应急局:负责…`): when
/// `strict`, only where every name there reads as a unit; otherwise any
/// short list of names without a sentence's punctuation.
fn opening_units(title: &str, strict: bool) -> Option<Vec<String>> {
    let colon = title.find(['：', ':'])?;
    let head = title[..colon].trim();
    if head.is_empty()
        || head.chars().count() > 24
        || head.contains(['。', '，', ',', '；', ';', '“', '《'])
        || head.ends_with("单位")
        || ["牵头", "负责", "配合", "参与"]
            .iter()
            .any(|w| head.contains(w))
    {
        return None;
    }
    let units = split_unit_list(head, 0);
    let all = !units.is_empty()
        && (!strict
            || units
                .iter()
                .all(|u| looks_like_unit_name(&u.name) || is_collective(&u.name)));
    all.then(|| units.into_iter().map(|u| u.name).collect())
}

/// Headings the model keeps as headings only that a reviewer reads as
/// tasks: an item under a heading (level 2 or deeper), with nothing below
/// it, written as one sentence (its title ends in a full stop the drafter
/// typed as `.` or `；`), so that it has no body after the stop.
fn sentence_items<'d>(
    doc: &'d Document,
    heading_tasks: &'d HeadingTasks<'d>,
) -> impl Iterator<Item = SectionId> + 'd {
    doc.sections.iter().enumerate().filter_map(move |(id, s)| {
        let sentence = s.title.trim_end().ends_with(['.', '．', '；', ';']);
        let is_task = heading_tasks.of(id).next().is_some();
        (sentence && s.level() >= 2 && s.children.is_empty() && !s.in_table && !is_task)
            .then_some(id)
    })
}

/// The tasks that are headings, by their section, in the document's order:
/// asking the whole task list for each section or row made a long plan's
/// task table quadratic.
struct HeadingTasks<'d> {
    doc: &'d Document,
    /// Indexes into `doc.tasks`, per section id.
    by_section: Vec<Vec<usize>>,
}

impl<'d> HeadingTasks<'d> {
    fn new(doc: &'d Document) -> Self {
        let mut by_section = vec![Vec::new(); doc.sections.len()];
        for (i, t) in doc.tasks.iter().enumerate().filter(|(_, t)| t.is_heading) {
            if let Some(list) = t.section.and_then(|s| by_section.get_mut(s)) {
                list.push(i);
            }
        }
        HeadingTasks { doc, by_section }
    }

    /// The heading tasks of section `s`.
    fn of(&self, s: SectionId) -> impl Iterator<Item = &'d Task> + '_ {
        self.by_section
            .get(s)
            .into_iter()
            .flatten()
            .map(|&i| &self.doc.tasks[i])
    }
}

/// The document's quantities ordered by where they start, to find those
/// inside a task's span without reading them all for each task.
struct QuantitiesByStart<'d> {
    doc: &'d Document,
    /// Indexes into `doc.quantities`, by start.
    order: Vec<usize>,
}

impl<'d> QuantitiesByStart<'d> {
    fn new(doc: &'d Document) -> Self {
        let mut order: Vec<usize> = (0..doc.quantities.len()).collect();
        order.sort_by_key(|&i| doc.quantities[i].quantity.span.start);
        QuantitiesByStart { doc, order }
    }

    /// The quantities whose span lies inside `span`, in the document's
    /// order of quantities.
    fn within(&self, span: Span) -> impl Iterator<Item = &'d QuantityRef> + use<'d> {
        let quantities = &self.doc.quantities;
        let from = self
            .order
            .partition_point(|&i| quantities[i].quantity.span.start < span.start);
        let mut inside: Vec<usize> = self.order[from..]
            .iter()
            .copied()
            .take_while(|&i| quantities[i].quantity.span.start <= span.end)
            .filter(|&i| quantities[i].quantity.span.end <= span.end)
            .collect();
        inside.sort_unstable();
        inside.into_iter().map(move |i| &quantities[i])
    }
}

pub fn number_path(
    doc: &Document,
    section: Option<SectionId>,
    attachment: Option<usize>,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(s) = section {
        let text_of = |id: SectionId| {
            let m = &doc.sections[id];
            let marker = m
                .marker
                .number
                .map_or(String::new(), |n| m.marker.style.standard_marker(n));
            marker.trim_end_matches(['、', '.']).to_string()
        };
        let mut chain: Vec<String> = doc.ancestors(s).map(text_of).collect();
        chain.reverse();
        parts.extend(chain.into_iter().filter(|p| !p.is_empty()));
    }
    if let Some(a) = attachment.and_then(|a| doc.attachments.get(a)) {
        let kind = match a.kind {
            AttachmentKind::Attachment => "附件",
            AttachmentKind::Table => "附表",
        };
        parts.insert(
            0,
            a.ordinal.map_or(kind.to_string(), |n| format!("{kind}{n}")),
        );
    }
    parts.join("/")
}

/// The title of one of several clauses of an item, or of a clause inside a
/// sentence: where a clause sits inside a sentence (`以改革创一流环境
/// (总牵头单位:市发改局),持续深化…`) the words before it up to the last
/// full stop; a later clause of the item (`…(市住建局牵头)实行“一户一表”
/// 改造。(供电公司牵头)`) the sentence it closes. `own` says whether the
/// clause is one of those; `None` keeps the title the item has.
fn clause_title(text: &str, from: usize, clause: usize, own: bool) -> Option<String> {
    let before = text.get(from..clause.max(from))?;
    let stops = ['。', '；', ';'];
    let last = before
        .trim_end()
        .trim_end_matches(stops)
        .rsplit(stops)
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '。' | '）' | ')'));
    (own && !last.is_empty()).then(|| cut(last))
}

fn strip_stop(title: &str) -> String {
    title
        .trim_end()
        .trim_end_matches(['.', '．', '；', ';'])
        .to_string()
}

/// The number cell and title of a table row (`1\t强化市级统筹\t市委…`),
/// or of a paragraph task: its text up to its first 。 (or its clause).
fn row_title(body: &str, clause: Option<Span>, task: Span) -> (Option<String>, String) {
    let mut end = body.len();
    if let Some(c) = clause
        && c.start >= task.start
        && c.start - task.start <= body.len()
    {
        end = end.min(c.start - task.start);
    }
    let mut head = &body[..end];
    let line_end = head.find(['\n', '\r']).unwrap_or(head.len());
    head = &head[..line_end];
    let mut number = None;
    let mut cells = head
        .split(['\t', '|'])
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let first = cells.next().unwrap_or("");
    let text = if head.contains(['\t', '|'])
        && (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
    {
        number = Some(first.to_string());
        cells.next().unwrap_or("")
    } else {
        head.trim()
    };
    let text = text.split('。').next().unwrap_or("");
    let text = text.trim().trim_end_matches(['（', '(', '|', '\t']).trim();
    (number, cut(text))
}

/// `s` cut to a readable length.
fn cut(s: &str) -> String {
    let mut out: String = s.chars().take(TITLE_CHARS).collect();
    if s.chars().count() > TITLE_CHARS {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Source;

    fn rows(text: &str) -> Vec<TaskRow> {
        let list = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let words = DeadlineWords::new(&list(&["完成时限"]), &list(&["长期坚持", "持续推进"]));
        task_table(
            &Reading::new(&Source::new("plan.txt", text.to_string())),
            &words,
        )
    }

    const PLAN: &str = "\
某市数字乡村建设行动方案
一、重点任务
(一)夯实网络基础
1.推进千兆光网进村。到2025年,行政村千兆光网通达率达到90%以上。(牵头单位:市通信发展办;配合单位:市农业农村局、市财政局;完成时限:2025年底前)
2.建设益农信息社。新建益农信息社120个。(市农业农村局牵头,市商务局、市供销社配合)
(二)发展数字产业
1.培育农村电商主体。2026年6月底前培育电商示范村30个。责任单位:市商务局、各县市区人民政府
";

    #[test]
    fn rows_follow_the_plan_with_units_and_deadlines() {
        let rows = rows(PLAN);
        let tasks: Vec<_> = rows.iter().filter(|r| !r.leads.is_empty()).collect();
        assert_eq!(tasks.len(), 3, "{rows:#?}");
        let first = tasks[0];
        assert_eq!(first.number, "一/(一)/1");
        assert_eq!(first.title, "推进千兆光网进村");
        assert_eq!(first.leads, ["市通信发展办"]);
        assert_eq!(first.collaborating, ["市农业农村局", "市财政局"]);
        assert_eq!(first.deadline.as_deref(), Some("2025年底前"));
        assert!(first.targets.iter().any(|t| t.contains("90%")), "{first:?}");

        let second = tasks[1];
        assert_eq!(second.number, "一/(一)/2");
        assert_eq!(second.leads, ["市农业农村局"]);
        assert_eq!(second.collaborating, ["市商务局", "市供销社"]);
        assert_eq!(second.deadline, None);

        let third = tasks[2];
        assert_eq!(third.number, "一/(二)/1");
        assert_eq!(third.leads, ["市商务局", "各县市区人民政府"]);
        assert_eq!(third.deadline.as_deref(), Some("2026年6月底前"));
        assert!(first.span.start < second.span.start && second.span.start < third.span.start);
    }

    #[test]
    fn items_under_a_heading_with_a_clause_carry_its_units() {
        let rows = rows(
            "\
某县防范化解重大风险工作方案
一、防范化解金融风险(牵头单位:县金融服务中心;配合单位:县公安局)
(一)强化组织领导。各乡镇成立工作领导小组。
(二)排查风险隐患。全面排查非法集资风险。
二、防范化解房地产风险
(一)全面普查在建楼盘。(县住建局牵头)
(二)加强市场监测。
",
        );
        let by_number = |n: &str| rows.iter().find(|r| r.number == n).unwrap();
        assert_eq!(by_number("一/(一)").leads, ["县金融服务中心"]);
        assert_eq!(by_number("一/(一)").collaborating, ["县公安局"]);
        assert_eq!(by_number("一/(二)").leads, ["县金融服务中心"]);
        assert_eq!(by_number("二/(一)").leads, ["县住建局"]);
        // A sibling's clause is not the heading's: nobody is named above (二).
        assert!(by_number("二/(二)").leads.is_empty(), "{rows:#?}");
    }

    #[test]
    fn a_duty_list_names_the_unit_that_opens_each_item() {
        let rows = rows(
            "\
某县低温雨雪冰冻灾害应对方案(牵头单位:县应急管理局)
一、工作措施
(一)压实责任
1.县气象局:负责灾害天气的监测预报和预警信息发布,及时报告灾情。
2.县交通运输局:加强道路交通行业监管,根据灾情果断采取管控措施。
3.各乡镇、县经开区:负责辖区灾害天气应对工作,做好群众转移。
(二)广泛宣传
1.重点区域:在车站、学校等人员密集场所张贴提示,做好宣传引导。
2.发动群众参与除冰保畅,营造良好氛围。
",
        );
        let by_number = |n: &str| rows.iter().find(|r| r.number == n).unwrap();
        assert_eq!(by_number("一/(一)/1").leads, ["县气象局"]);
        assert_eq!(by_number("一/(一)/2").leads, ["县交通运输局"]);
        assert_eq!(by_number("一/(一)/3").leads, ["各乡镇", "县经开区"]);
        // One item opening with a place is not a list of duties.
        assert!(by_number("一/(二)/1").leads.is_empty(), "{rows:#?}");
    }

    #[test]
    fn each_clause_of_an_item_is_titled_by_its_own_words() {
        let rows = rows("\
某市优化营商环境工作方案
一、主要任务
1.建设一流环境。以改革创一流环境(总牵头单位:市发改局),持续深化国企改革。以开放促一流环境(总牵头单位:市商务局),培植出口主体。
2.加快老旧小区改造。全年改造老旧小区26个。(市住建局牵头)实行居民一户一表改造。(供电公司牵头)
");
        let titles: Vec<(&str, &str)> = rows
            .iter()
            .map(|r| (r.title.as_str(), r.leads[0].as_str()))
            .collect();
        assert_eq!(
            titles,
            [
                ("以改革创一流环境", "市发改局"),
                ("以开放促一流环境", "市商务局"),
                ("加快老旧小区改造", "市住建局"),
                ("实行居民一户一表改造", "供电公司"),
            ]
        );
    }

    #[test]
    fn a_table_row_puts_its_number_cell_in_the_number_path() {
        let rows = rows(
            "\
某市低空经济行动方案
附件
重点任务分工
序号\t任务内容\t牵头单位\t配合单位
(一)完善管理体制
1\t强化市级统筹\t市委军民融合办\t市级有关部门
2\t编制空域规划\t市交通运输委\t市规划自然资源局、市公安局
",
        );
        let table: Vec<_> = rows.iter().filter(|r| !r.leads.is_empty()).collect();
        assert_eq!(table.len(), 2, "{rows:#?}");
        assert_eq!(table[0].number, "附件/(一)/1");
        assert_eq!(table[0].title, "强化市级统筹");
        assert_eq!(table[1].number, "附件/(一)/2");
        assert_eq!(table[1].title, "编制空域规划");
        assert_eq!(table[1].collaborating, ["市规划自然资源局", "市公安局"]);
    }

    #[test]
    fn an_item_written_as_one_sentence_is_a_task() {
        let rows = rows(
            "\
某市安全生产工作方案
一、重点任务
(一)压实责任
1.压实党政属地责任
(1)加强对安全生产工作的组织领导,严格落实党政同责。
(2)制定领导干部安全生产职责清单和年度任务清单.
",
        );
        let numbers: Vec<&str> = rows.iter().map(|r| r.number.as_str()).collect();
        assert!(numbers.contains(&"一/(一)/1/(2)"), "{rows:#?}");
        let row = rows.iter().find(|r| r.number == "一/(一)/1/(2)").unwrap();
        assert_eq!(row.title, "制定领导干部安全生产职责清单和年度任务清单");
        // A heading with items below it is not a task of its own.
        assert!(!numbers.contains(&"一/(一)/1"));
    }

    #[test]
    fn empty_and_odd_documents_give_a_table() {
        assert!(rows("").is_empty());
        let _ = rows("(牵头单位:)\n1.\n附件\n(");
    }
}
