use plan_lint_core::model::Document;
use plan_lint_core::text::{is_clause_break, is_sentence_break, is_space};

use super::date_format::parse_date;
use super::dates::{days_in_month, document_chains};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 完成时限早于文件本身的成文日期:文件 `2022年5月8日` 印发,任务却
    /// 要求 `2022年3月底前` 完成。时限取 `X年前`、`X年X月(底)前`、
    /// `X年X月X日(以)前` 的写法,按所说时段的最后一天计算。
    ///
    /// ## 为什么是问题
    /// 这样的时限在文件印发时就已经过了,无法执行。多半是照搬上一年或
    /// 上级文件时没有改期限,或者文件拖延了很久才印发。
    ///
    /// ## 例子
    /// ```text
    /// (各乡镇负责,2022年3月底前完成)
    /// ……
    /// 衡北县人民政府办公室
    /// 2022年5月8日
    /// ```
    /// `2022年3月底前` 早于成文日期 `2022年5月8日`。无法判断原意,只报告、
    /// 不修复。
    ///
    /// ## 不报的情形
    /// - 没有成文日期、或成文日期读不出的文件;
    /// - 不是时限的回顾性说法:`2020年前建成的项目`(后面跟着 `的`)、
    ///   `2010年8月31日以前出生`、`已于2021年底前完成`;
    /// - 书名号里其他文件标题中的年份(`《2030年前碳达峰行动方案》`);
    /// - 与成文日期同一时段或更晚的时限。
    ///
    /// English: a deadline (2022年3月底前) that ends before the document's own
    /// 成文日期; retrospective phrases (…前建成的, 以前出生, 已于…前) and
    /// cited titles stay quiet.
    pub struct DeadlineBeforeDate {
        code: "D102",
        name: "deadline-before-date",
        severity: Warning,
        summary: "a deadline (2022年3月底前) earlier than the document's own 成文日期",
    }
}

impl Rule for DeadlineBeforeDate {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let Some(field) = &doc.header.date else {
            return Vec::new();
        };
        let Some(date) = parse_date(cx.text(field.span)) else {
            return Vec::new();
        };
        if date.year_digits != 4
            || !(1..=12).contains(&date.month)
            || !(1..=days_in_month(Some(date.year), date.month)).contains(&date.day)
        {
            return Vec::new();
        }
        let issued = ordinal(date.year, date.month, date.day);
        let text = cx.source.text();
        let mut out = Vec::new();
        for chain in &document_chains(cx).0 {
            let p = &chain.parts;
            if p[0].unit != '年' || p[0].digits != 4 {
                continue;
            }
            let year = p[0].value;
            let (end, mut at) = match chain.units().as_str() {
                "年" => (ordinal(year, 12, 31), chain.span.end),
                "年月" if (1..=12).contains(&p[1].value) => {
                    let m = p[1].value;
                    (
                        ordinal(year, m, days_in_month(Some(year), m)),
                        chain.span.end,
                    )
                }
                "年月日" if (1..=12).contains(&p[1].value) => {
                    (ordinal(year, p[1].value, p[2].value), chain.span.end)
                }
                _ => continue,
            };
            if end >= issued {
                continue;
            }
            // 底, 末, 下旬 …, then 以 and 前.
            let rest = &text[at..];
            let mut tail = rest.trim_start_matches(is_space);
            for word in ["底", "末", "上旬", "中旬", "下旬"] {
                if let Some(t) = tail.strip_prefix(word) {
                    tail = t.trim_start_matches(is_space);
                    break;
                }
            }
            tail = tail.strip_prefix('以').unwrap_or(tail);
            let Some(after) = tail.strip_prefix('前') else {
                continue;
            };
            at = text.len() - after.len();
            if retrospective(&text[..chain.span.start], after) {
                continue;
            }
            let span = plan_lint_core::Span::new(chain.span.start, at);
            let message = format!(
                "时限\"{}\"早于本文件的成文日期\"{}\"(第{}行)",
                cx.text(span),
                cx.text(field.span),
                cx.line(field.span.start)
            );
            out.push(
                cx.diagnostic(&Self::META, span, message)
                    .with_related(field.span, "成文日期"),
            );
        }
        out
    }
}

/// A calendar date as a comparable number: 2024-04-17 → 20240417.
fn ordinal(year: u32, month: u32, day: u32) -> u32 {
    year * 10_000 + month * 100 + day
}

/// Whether a `…前` phrase looks back rather than sets a deadline: 已于…前,
/// 截至…前, …前出生, …前建成的项目.
fn retrospective(before: &str, after: &str) -> bool {
    let clause_start: String = before
        .chars()
        .rev()
        .take_while(|&c| !is_clause_break(c) && !is_sentence_break(c) && c != '\n')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if ["已", "截至", "截止", "自", "从"]
        .iter()
        .any(|w| clause_start.contains(w))
    {
        return true;
    }
    let clause: String = after
        .chars()
        .take_while(|&c| {
            !is_clause_break(c) && !is_sentence_break(c) && c != '\n' && c != ')' && c != '）'
        })
        .take(12)
        .collect();
    clause.starts_with("出生") || clause.contains('的') || clause.contains('已')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};

    fn notice(date: &str, body: &str) -> String {
        format!(
            "关于印发《衡北县城市更新实施方案》的通知\n各单位:\n现将方案印发给你们。\n\
             衡北县人民政府办公室\n{date}\n衡北县城市更新实施方案\n一、重点任务\n{body}\n"
        )
    }

    #[test]
    fn fires_on_a_deadline_already_past() {
        let text = notice(
            "2022年5月8日",
            "全面摸底排查(各乡镇负责,2022年3月底前完成)。2021年12月前,组建工作专班。\
             于2022年4月30日前报送方案。",
        );
        let found = check(&DeadlineBeforeDate, &text);
        assert_eq!(
            texts(&text, &found),
            ["2022年3月底前", "2021年12月前", "2022年4月30日前"]
        );
        assert_eq!(
            found[0].message,
            "时限\"2022年3月底前\"早于本文件的成文日期\"2022年5月8日\"(第5行)"
        );
        assert_eq!(found[0].related.len(), 1);
    }

    #[test]
    fn near_misses() {
        let text = notice(
            "2022年5月8日",
            "2022年5月底前完成;2022年底前建成;2023年前全面推开。\
             对2020年前建成的项目加强监管;2010年8月31日以前出生的儿童;\
             已于2021年底前完成改造;截至2021年底前累计建成50个。\
             按照《2030年前碳达峰行动方案》要求。",
        );
        assert!(check(&DeadlineBeforeDate, &text).is_empty());
        // Without a 成文日期 there is nothing to compare with.
        let text = "衡北县城市更新实施方案\n一、重点任务\n2021年12月前,组建工作专班。\n";
        assert!(check(&DeadlineBeforeDate, text).is_empty());
    }
}
