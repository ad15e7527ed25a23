//! The 任务分工表 of a plan: one row per task, in the order of the plan,
//! with its number path, title, targets, units and deadline. A pure
//! function of a [`Reading`], so the command line and the browser build
//! write the same table.

use serde::Serialize;

use crate::Reading;
use crate::Span;
use crate::deadline::{deadline, is_deadline_item};
use crate::model::responsibility::UnitRole;
use crate::model::{Document, SectionId};

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
}

const TITLE_CHARS: usize = 60;

/// Every task of the document, in the order of the plan.
pub fn task_table(reading: &Reading) -> Vec<TaskRow> {
    let doc = &reading.doc;
    let text = reading.view.source().text();
    let mut tasks: Vec<_> = doc.tasks.iter().collect();
    tasks.sort_by_key(|t| t.span.start);
    tasks
        .into_iter()
        .map(|task| {
            let body = text.get(task.span.start..task.span.end).unwrap_or("");
            let title = match task.section {
                Some(s) if task.is_heading => doc.sections[s].title.clone(),
                _ => first_sentence(
                    body,
                    task.responsibility.as_ref().map(|r| r.span),
                    task.span,
                ),
            };
            let mut leads = Vec::new();
            let mut collaborating = Vec::new();
            if let Some(r) = &task.responsibility {
                let names = |role| {
                    r.units_with(role)
                        .filter(|u| !is_deadline_item(&u.name))
                        .map(|u| u.name.clone())
                        .collect::<Vec<_>>()
                };
                let responsible = names(UnitRole::Responsible);
                leads = names(UnitRole::Lead);
                collaborating = names(UnitRole::Collaborating);
                if leads.is_empty() {
                    leads = responsible;
                } else {
                    collaborating.extend(responsible);
                }
            }
            let mut targets: Vec<String> = Vec::new();
            for q in &doc.quantities {
                let at = q.quantity.span;
                if at.start >= task.span.start && at.end <= task.span.end {
                    let clause = text.get(q.clause.start..q.clause.end).unwrap_or("").trim();
                    if !clause.is_empty() && !targets.iter().any(|t| t == clause) {
                        targets.push(clause.to_string());
                    }
                }
            }
            TaskRow {
                number: number_path(doc, task.section, task.attachment),
                title,
                targets,
                leads,
                collaborating,
                deadline: deadline(body),
                span: reading.to_original(task.span),
            }
        })
        .collect()
}

fn number_path(doc: &Document, section: Option<SectionId>, attachment: Option<usize>) -> String {
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
    if let Some(a) = attachment {
        let label = doc
            .attachments
            .get(a)
            .and_then(|a| a.ordinal)
            .map_or("附件".to_string(), |n| format!("附件{n}"));
        parts.insert(0, label);
    }
    parts.join("/")
}

/// The task's text up to its first 。 (or its clause), cut to a readable
/// length.
fn first_sentence(body: &str, clause: Option<Span>, task: Span) -> String {
    let mut end = body.len();
    if let Some(c) = clause
        && c.start >= task.start
        && c.start - task.start <= body.len()
    {
        end = end.min(c.start - task.start);
    }
    if let Some(i) = body[..end].find('。') {
        end = i;
    }
    let line_end = body[..end].find(['\n', '\r']).unwrap_or(end);
    let s = body[..line_end].trim().trim_end_matches(['（', '(']);
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
        task_table(&Reading::new(&Source::new("plan.txt", text.to_string())))
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
    fn empty_and_odd_documents_give_a_table() {
        assert!(rows("").is_empty());
        let _ = rows("(牵头单位:)\n1.\n附件\n(");
    }
}
