use plan_lint_core::Span;
use plan_lint_core::coverage::Status;
use plan_lint_core::deadline::deadline;
use plan_lint_core::model::Document;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Related};
use crate::rule::{Context, Rule};
use crate::superior::SUPERIOR_FILE;

declare_rule! {
    /// ## 在查什么
    /// 实施方案承接上级方案(`--implements`)的某项任务,写的完成时限却比
    /// 上级方案同一任务的时限晚:上级 `2025年底前完成`,本文同一任务
    /// `2026年6月底前完成`。同一任务按覆盖报告(`plan-lint coverage`)的
    /// 匹配:上级任务在本文中得分最高、判为"已承接"(matched)的章节。
    /// 时限按所说时段的最后一天比较(`2025年底前` 即 2025年12月31日)。
    ///
    /// ## 为什么是问题
    /// 下级落实上级任务,时限只能与上级一致或更早;晚于上级,上级的时限
    /// 就无法按期完成。
    ///
    /// ## 例子
    /// ```text
    /// 上级:(一)加快水源工程建设。……2025年底前完成在建水库主体工程。
    /// 本文:(一)加快水源工程建设。……2026年底前完成在建水库主体工程。
    /// ```
    /// 相关位置指向上级方案的那项任务。只报告、不修复。
    ///
    /// ## 不报的情形
    /// - 覆盖报告判为 weak 或未承接的任务(说不准是不是同一任务);
    /// - 任一方没有写成日期的时限(`持续推进`、`长期坚持`);
    /// - 本文时限与上级相同或更早;
    /// - 没有给出上级方案时。
    ///
    /// English: with `--implements`, a task matched to a superior task (the
    /// coverage report's `matched`) whose dated deadline ends after the
    /// superior's; weak matches and standing terms stay quiet.
    pub struct LaterDeadline {
        code: "I103",
        name: "deadline-later-than-superior",
        severity: Warning,
        summary: "a deadline later than the superior plan's for the same task (--implements)"
    }
}

impl Rule for LaterDeadline {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let Some(sup) = cx.superior() else {
            return Vec::new();
        };
        let words = &cx.settings.deadline_words;
        let text = cx.source.text();
        let report = sup.coverage(cx.view(), doc, cx.settings);
        let mut out = Vec::new();
        for task in report.iter().filter(|t| t.status == Status::Matched) {
            let (Some(theirs), Some(place)) = (&task.deadline, &task.place) else {
                continue;
            };
            let Some(their_end) = last_day(theirs) else {
                continue;
            };
            let body = &text[place.view_span.start..place.view_span.end];
            let Some(mine) = deadline(body, words) else {
                continue;
            };
            let Some(my_end) = last_day(&mine) else {
                continue;
            };
            if my_end <= their_end {
                continue;
            }
            let Some(at) = body.rfind(mine.as_str()) else {
                continue;
            };
            let span = Span::new(
                place.view_span.start + at,
                place.view_span.start + at + mine.len(),
            );
            let Some(their_at) = sup.text()[task.view_span.start..task.view_span.end]
                .rfind(theirs.as_str())
                .map(|i| task.view_span.start + i)
            else {
                continue;
            };
            let mut d = cx.diagnostic(
                &Self::META,
                span,
                format!(
                    "时限\"{mine}\"晚于上级方案同一任务({} {})的时限\"{theirs}\"",
                    task.number, task.title
                ),
            );
            d.related.push(Related {
                span: sup.original(Span::new(their_at, their_at + theirs.len())),
                message: "上级方案的时限".to_string(),
                file: Some(SUPERIOR_FILE),
            });
            out.push(d);
        }
        out
    }
}

/// The last day a deadline names, as a comparable number (20251231):
/// `2025年底前`, `2025年6月底前`, `2025年6月30日前`, `2025年前`. `None` for
/// anything else (持续推进).
fn last_day(deadline: &str) -> Option<u32> {
    let digits = |s: &str| -> Option<(u32, usize)> {
        let n: String = s.chars().take_while(char::is_ascii_digit).collect();
        (!n.is_empty())
            .then(|| (n.parse().ok(), n.len()))
            .and_then(|(v, l)| v.map(|v| (v, l)))
    };
    let s = deadline.trim();
    let (year, n) = digits(s)?;
    if n != 4 {
        return None;
    }
    let rest = s[n..].strip_prefix('年')?;
    let Some((month, m)) = digits(rest) else {
        return Some(year * 10_000 + 1231);
    };
    let rest = rest[m..].strip_prefix('月')?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let day = match digits(rest) {
        Some((day, _)) if (1..=31).contains(&day) => day,
        Some(_) => return None,
        None => 31,
    };
    Some(year * 10_000 + month * 100 + day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::check_implementing;
    use crate::rule::Settings;
    use plan_lint_core::deadline::DeadlineWords;

    const PROVINCE: &str = "\
某省推进城乡供水一体化行动方案
一、重点任务
（一）加快水源工程建设。推进中型水库和引调水工程建设，完善应急备用水源，提升区域供水保障能力，2025年底前完成在建水库主体工程。（省水利厅牵头）
（二）强化水质安全监测。健全从水源到水龙头的水质检测监测体系，定期公开供水水质信息。（省卫生健康委牵头）
";

    fn run(city: &str) -> Vec<Diagnostic> {
        let settings = Settings {
            deadline_words: DeadlineWords::new(
                &["完成时限".to_string()],
                &["持续推进".to_string()],
            ),
            ..Settings::default()
        };
        check_implementing(&LaterDeadline, city, PROVINCE, &settings)
    }

    fn city(deadline: &str) -> String {
        format!(
            "某市推进城乡供水一体化实施方案\n一、重点任务\n（一）加快水源工程建设。推进中型水库和引调水工程建设，完善应急备用水源，提升全市供水保障能力，{deadline}完成在建水库主体工程。（市水利局牵头）\n（二）强化水质安全监测。健全水质检测监测体系，定期公开供水水质信息。（市卫生健康委牵头）\n"
        )
    }

    #[test]
    fn fires_on_a_later_deadline_for_the_same_task() {
        let text = city("2026年6月底前");
        let d = run(&text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&text[d[0].span.start..d[0].span.end], "2026年6月底前");
        let r = d[0].related[0].span;
        assert_eq!(&PROVINCE[r.start..r.end], "2025年底前");
        assert_eq!(d[0].related[0].file, Some(SUPERIOR_FILE));
    }

    #[test]
    fn near_misses() {
        for deadline in ["2025年底前", "2025年6月底前", "2024年底前", "持续推进，"] {
            let d = run(&city(deadline));
            assert!(d.is_empty(), "{deadline}: {d:?}");
        }
    }

    #[test]
    fn last_days() {
        assert_eq!(last_day("2025年底前"), Some(20251231));
        assert_eq!(last_day("2025年6月底前"), Some(20250631));
        assert_eq!(last_day("2025年6月30日前"), Some(20250630));
        assert_eq!(last_day("持续推进"), None);
        assert_eq!(last_day("25年底前"), None);
    }
}
