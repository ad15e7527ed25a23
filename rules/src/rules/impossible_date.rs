use plan_lint_core::model::Document;

use super::date_format::parse_date;
use super::dates::{Chain, days_in_month, document_chains};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 不存在的日期和写坏了的日期:
    /// - 日历上没有的日子:`2月30日`、`4月31日`、`2023年2月29日`(平年)、
    ///   `13月5日`;
    /// - 年、月、日的单位写错了位置:`2026月3月26日`、`2026年3年26日`。
    ///
    /// 成文日期用汉字书写时(`二〇二三年二月三十日`)也查。
    ///
    /// ## 为什么是问题
    /// 日期是时限和效力的依据,一个不存在的日期让期限无从执行;成文日期
    /// 写坏,文件的生效时间就说不清。这类错误多是改稿时只改了一半。
    ///
    /// ## 例子
    /// ```text
    /// 2025年2月30日前完成摸底排查。
    /// 2026月3月26日
    /// ```
    /// 第一行的 `2025年2月30日` 不存在;第二行的年份后误写为 `月`。
    /// 无法判断原意,只报告、不修复。
    ///
    /// ## 不报的情形
    /// - 存在的日期(`2024年2月29日`,闰年);
    /// - 只有日或只有月的时间段(`30日内`、`每月1-20日`、`3个月`);
    /// - 书名号里其他文件标题中的日期;
    /// - 成文日期月份大于12或日大于31的情形由 date-format(F102)报告,
    ///   本规则不重复(2012年7月以前的文件 F102 不查,由本规则报告)。
    ///
    /// English: a date that does not exist (2月30日, 2023年2月29日, 13月5日)
    /// or whose units are misplaced (2026月3月26日); the 成文日期 is checked
    /// also when written in Chinese numerals.
    pub struct ImpossibleDate {
        code: "D101",
        name: "impossible-date",
        severity: Error,
        summary: "a date that does not exist (2月30日) or is written with its units misplaced (2026月3月26日)",
    }
}

impl Rule for ImpossibleDate {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let header = doc.header.date.as_ref().map(|f| f.span);
        if let Some(span) = header
            && let Some(date) = parse_date(cx.text(span))
            && date.year_digits == 4
        {
            // F102 reports a month over 12 or a day over 31, except in a
            // document older than GB/T 9704-2012 (July 2012), which it skips.
            let f102 = date.year > 2012 || (date.year == 2012 && date.month >= 7);
            let in_range = (1..=12).contains(&date.month) && (1..=31).contains(&date.day);
            let days = days_in_month(Some(date.year), date.month);
            if in_range && date.day > days {
                out.push(cx.diagnostic(
                    &Self::META,
                    span,
                    format!(
                        "成文日期\"{}\"不存在:{}年{}月只有{days}天",
                        cx.text(span),
                        date.year,
                        date.month
                    ),
                ));
            } else if !in_range && !f102 {
                out.push(cx.diagnostic(
                    &Self::META,
                    span,
                    format!("成文日期\"{}\"不存在:月、日超出范围", cx.text(span)),
                ));
            }
        }
        for chain in &document_chains(cx).0 {
            // F102 and the check above read the 成文日期.
            if header.is_some_and(|h| h.start <= chain.span.start && chain.span.end <= h.end) {
                continue;
            }
            if let Some(problem) = problem(chain) {
                let written = cx.text(chain.span);
                out.push(cx.diagnostic(
                    &Self::META,
                    chain.span,
                    format!("日期\"{written}\"{problem}"),
                ));
            }
        }
        out
    }
}

/// What is wrong with a chain of date parts, if anything.
fn problem(chain: &Chain) -> Option<String> {
    let p = &chain.parts;
    let units = chain.units();
    // The full date with a unit in the wrong place: the year is four digits
    // and the last part is a day.
    if p.len() == 3 && units != "年月日" && p[0].digits == 4 && p[2].unit == '日' {
        return Some("的年、月、日单位写错了位置,应为\"X年X月X日\"".to_string());
    }
    let (year, month, day) = match units.as_str() {
        "年月日" => (Some(p[0].value), p[1].value, p[2].value),
        "月日" => (None, p[0].value, p[1].value),
        _ => return None,
    };
    if year.is_some() && p[0].digits != 4 {
        return None;
    }
    if !(1..=12).contains(&month) {
        return Some(format!("不存在:没有{month}月"));
    }
    let days = days_in_month(year, month);
    if day == 0 || day > days {
        return Some(match year {
            Some(y) if month == 2 && day == 29 => format!("不存在:{y}年是平年,2月只有28天"),
            _ => format!("不存在:{month}月只有{days}天"),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};

    #[test]
    fn fires_on_days_that_do_not_exist() {
        let text = "一、工作安排\n2025年2月30日前完成摸底排查;4月31日前完成整改。\n\
                    2023年2月29日召开推进会,13月5日开展评估。\n";
        let found = check(&ImpossibleDate, text);
        assert_eq!(
            texts(text, &found),
            ["2025年2月30日", "4月31日", "2023年2月29日", "13月5日"]
        );
        assert_eq!(found[0].message, "日期\"2025年2月30日\"不存在:2月只有28天");
        assert_eq!(
            found[2].message,
            "日期\"2023年2月29日\"不存在:2023年是平年,2月只有28天"
        );
        assert!(found.iter().all(|d| d.fix.is_none()));
    }

    #[test]
    fn fires_on_misplaced_units() {
        let text = "衡北县人民政府办公室\n2026月3月26日\n";
        let found = check(&ImpossibleDate, text);
        assert_eq!(texts(text, &found), ["2026月3月26日"]);
        assert_eq!(
            found[0].message,
            "日期\"2026月3月26日\"的年、月、日单位写错了位置,应为\"X年X月X日\""
        );
    }

    #[test]
    fn fires_on_a_chinese_written_date_of_the_notice() {
        let text = "关于印发《衡北县城市更新实施方案》的通知\n各单位:\n现将方案印发给你们。\n\
                    衡北县人民政府办公室\n二〇二三年二月三十日\n衡北县城市更新实施方案\n";
        let found = check(&ImpossibleDate, text);
        assert_eq!(texts(text, &found), ["二〇二三年二月三十日"]);
        // F102 does not read a 成文日期 older than GB/T 9704-2012.
        let text = text.replace("二〇二三年二月三十日", "二〇〇九年十三月五日");
        let found = check(&ImpossibleDate, &text);
        assert_eq!(texts(&text, &found), ["二〇〇九年十三月五日"]);
        let text = text.replace("二〇〇九年十三月五日", "二〇二三年十三月五日");
        assert!(check(&ImpossibleDate, &text).is_empty());
    }

    #[test]
    fn near_misses() {
        let text = "2024年2月29日前完成;每月1-20日为宁静日;30日内办结;3个月内;\
                    按《2030年2月30日前行动方案》执行;1月31日、6月30日、12月31日。\n";
        assert!(check(&ImpossibleDate, text).is_empty());
    }
}
