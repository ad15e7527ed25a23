use plan_lint_core::model::Document;

use super::numbering_skip::{Finding, analyse, display};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 同一组兄弟标题里两个标题用了同一个编号:一个“一、”下有两个“(三)”,
    /// 或 1. 2. 2. 3.。跨上级标题连续编号的序列里,下一组又从上一组末尾的
    /// 编号重新开始,也算重号。
    ///
    /// ## 为什么是问题
    /// 重号让“第(三)项”指代不清,通常是增删条目后没有重新编号。
    ///
    /// ## 例子
    /// ```text
    /// (二)扩大消费。…
    /// (三)扩大投资。…
    /// (三)稳定外贸。…
    /// (四)深化改革。…
    /// ```
    /// 报告在第二个“(三)”上:`编号"(三)"重复,第2行已有"(三)"`。
    /// 当下一个编号说明了本意(1. 2. 2. 4.),修复把重复的编号改为缺的那个。
    ///
    /// ## 不报的情形
    /// - 表格跨页重复的表头行(文档模型已去掉;标题在分页处被截短的重复行,
    ///   两个标题一个是另一个的开头,也视为重复表头);
    /// - 各章节、各附件各自从 1 开始编号;
    /// - 同一组里编号回到 1 重新开始(通常是上级标题的标记丢了);
    /// - 附件说明里的 1. 2. …,不是标题;
    /// - 段落里的“一是…二是…”。
    ///
    /// English: two sibling headings with the same number; when the next
    /// sibling shows which number was meant, the fix renumbers the repeat.
    pub struct NumberingDuplicate {
        code: "S102",
        name: "numbering-duplicate",
        severity: Error,
        summary: "two siblings with the same number",
    }
}

impl Rule for NumberingDuplicate {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for finding in analyse(doc).findings {
            let Finding::Duplicate {
                at,
                first,
                should_be,
            } = finding
            else {
                continue;
            };
            let s = &doc.sections[at];
            let f = &doc.sections[first];
            let marker = cx.text(s.marker_span);
            let first_marker = cx.text(f.marker_span);
            let line = cx.line(f.marker_span.start);
            let mut diagnostic = match should_be {
                Some(n) => {
                    let right = display(s.marker.style, n);
                    cx.diagnostic(
                        &Self::META,
                        s.marker_span,
                        format!(
                            "编号\"{marker}\"重复,第{line}行已有\"{first_marker}\";按前后顺序应为\"{right}\""
                        ),
                    )
                    .with_fix(Fix::replace(
                        format!("改为\"{right}\""),
                        s.marker_span,
                        right,
                    ))
                }
                None => cx.diagnostic(
                    &Self::META,
                    s.marker_span,
                    format!("编号\"{marker}\"重复,第{line}行已有\"{first_marker}\""),
                ),
            };
            diagnostic = diagnostic
                .with_related(f.marker_span, format!("\"{first_marker}\"第一次出现在这里"));
            out.push(diagnostic);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};

    #[test]
    fn fires_on_two_equal_siblings() {
        let text = "一、重点任务\n(一)稳定就业。…\n(二)扩大消费。…\n(三)扩大投资。…\n(三)稳定外贸。…\n(四)深化改革。…\n";
        let found = check(&NumberingDuplicate, text);
        assert_eq!(texts(text, &found), ["(三)"]);
        assert_eq!(found[0].span.start, text.rfind("(三)").unwrap());
        assert_eq!(found[0].message, "编号\"(三)\"重复,第4行已有\"(三)\"");
        assert!(found[0].fix.is_none());
        assert_eq!(found[0].related[0].span.start, text.find("(三)").unwrap());
    }

    #[test]
    fn fixes_a_repeat_when_the_next_number_shows_the_intent() {
        let text =
            "一、重点任务\n(一)壮大产业\n1.输变电。…\n2.新材料。…\n2.电子信息。…\n4.新能源。…\n";
        let found = check(&NumberingDuplicate, text);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.ends_with("按前后顺序应为\"3.\""),
            "{}",
            found[0].message
        );
        let fixed = found[0].fix.as_ref().unwrap().apply(text);
        assert!(fixed.contains("\n3.电子信息。"), "{fixed}");
        // No skip reported for the 4. that follows.
        assert!(check(&crate::rules::NumberingSkip, text).is_empty());
    }

    #[test]
    fn restarts_are_not_repeats() {
        let text = "一、工作目标\n二、工作任务\n(一)扩大消费\n1.促消费。\n2.夜经济。\n(二)扩大投资\n1.抓项目。\n2.引民资。\n三、推进机制\n";
        assert!(check(&NumberingDuplicate, text).is_empty());
        // Items restarting under a heading whose marker was lost.
        let text = "一、攻坚任务\n(一)扩需重点改革\n1.激发主体活力。\n2.扩大有效需求。\n实施畅通重点改革\n1.融入统一大市场。\n2.深化要素改革。\n(三)创新重点改革\n1.深化科技改革。\n";
        assert!(check(&NumberingDuplicate, text).is_empty());
    }

    #[test]
    fn repeated_table_headers_and_note_entries_are_not_repeats() {
        let text = "附件:1.衡东县产业行动实施方案\n2.衡东县创新行动实施方案\n附件1\n衡东县产业行动实施方案\n附表\n工作任务 |\n(一)以改革创一流环境 |\n1.深化国企改革 |\n(1)推动国企重组。 |\n市国资中心 |\n||\n(一)以改革创一流环境 |\n1.深化国企改革 |\n(2)加强运营管理。 |\n市国资中心 |\n";
        assert!(check(&NumberingDuplicate, text).is_empty());
        // The repeated row's title cut at the page break.
        let text = "附表\n工作任务 |\n(一)以改革创一流环境 |\n1.深化国企改革 |\n(1)推动国企重组。 |\n市国资中心 |\n||\n(一)以改革创一流 |\n1.深化国企改革 |\n(2)加强运营管理。 |\n市国资中心 |\n";
        assert!(check(&NumberingDuplicate, text).is_empty());
    }
}
