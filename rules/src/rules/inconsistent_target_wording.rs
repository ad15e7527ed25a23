use std::collections::HashMap;

use plan_lint_core::model::Document;
use plan_lint_core::quantity::Quantity;
use plan_lint_core::targets::{self, Target, Verb};

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 同一个目标(认定方法同 conflicting-target (T101):分句去掉数字、限定词、
    /// 序号和标点后相同,单位、年份、范围也相同)前后写的数相同,但:
    /// - 限定的方向不同:一处有“以上/不低于/不少于/突破/超过/余”而另一处没有,
    ///   或一处是“以内/不超过”而另一处不是;
    /// - 百分比目标的动词不同:一处“增长”,另一处“增加”。
    ///
    /// 诊断落在与第一次出现(同一个数)的写法不同的那一处,并关联第一次出现处。
    ///
    /// ## 为什么是问题
    /// “增长7%以上”是下限,“增长7%”是一个点,考核口径不同;“增加8.2%”
    /// 可以读成增加8.2个百分点或增加8.2%的量,与“增长8.2%”不是一回事。
    /// 同一目标的两种写法会让执行和考核各取所需。
    ///
    /// ## 例子
    /// ```text
    /// 一、总体目标
    /// ……固定资产投资增长7%,……
    /// 附件3
    /// 一、工作目标
    /// ……实现固定资产投资增长7%以上,……
    /// ```
    /// 附件处报:目标"固定资产投资增长"前后表述不一致:此处为"7%以上",第N行为"7%"。
    ///
    /// ## 不报的情形
    /// - 只差“左右、约、达到、达、力争、确保”这类不改变目标的词;
    /// - “以上、不低于、突破”彼此之间的差别(都是下限);
    /// - 数不同:那是 T101;
    /// - 不同年份、范围、主体、累计与年度口径:不是同一目标(见 T101);
    /// - 计数目标里的“增长”与“增加”(新增5家、增加5家意思相同),以及
    ///   “增加值”这个词本身;
    /// - 同一段里重复同一目标:按同一处处理。
    ///
    /// English: the same target (as T101 identifies it) restated with the
    /// same number but a different bound (以上 vs none, 以内 vs none) or, for a
    /// percentage, 增长 turned into 增加; reported where the wording differs
    /// from the first statement of that number.
    pub struct InconsistentTargetWording {
        code: "T102",
        name: "inconsistent-target-wording",
        severity: Warning,
        summary: "the same target and number, but a qualifier or verb that changes its meaning",
    }
}

impl Rule for InconsistentTargetWording {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        // Shared with the other target rule: computed once per document.
        let targets =
            cx.memo(|| targets::targets(doc, cx.source.text(), &cx.settings.target_words));
        let quantity = |t: &Target| &doc.quantities[t.index].quantity;
        let mut out = Vec::new();
        for group in targets::groups(&targets) {
            // The first statement of each value.
            let mut first_of_value: HashMap<(u64, u64), usize> = HashMap::new();
            for &t in &group {
                let q = quantity(&targets[t]);
                let Some(&r) = first_of_value.get(&targets::value_bits(q.value)) else {
                    first_of_value.insert(targets::value_bits(q.value), t);
                    continue;
                };
                let (here, there) = (&targets[t], &targets[r]);
                if here.block == there.block {
                    continue;
                }
                let rq = quantity(there);
                let bound_differs = targets::bound(q) != targets::bound(rq);
                let verb_differs = q.unit == "%"
                    && matches!((here.verb, there.verb), (Some(a), Some(b)) if a != b);
                if !bound_differs && !verb_differs {
                    continue;
                }
                let shown = |q: &Quantity, verb: Option<Verb>| match verb {
                    Some(v) if verb_differs => format!("{}{}", v.as_str(), q.display_value()),
                    _ => q.display_value(),
                };
                let here_text = shown(q, here.verb);
                let there_text = shown(rq, there.verb);
                let message = format!(
                    "目标\"{}\"前后表述不一致:此处为\"{}\",第{}行为\"{}\"",
                    there.name,
                    here_text,
                    cx.line(rq.span.start),
                    there_text
                );
                out.push(
                    cx.diagnostic(&Self::META, q.span, message)
                        .with_related(rq.span, format!("此处为\"{there_text}\"")),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};

    const PLAN: &str = "\
一、总体目标
力争实现地区生产总值增长6.5%以上,规模工业增加值增长8.2%,固定资产投资增长7%,进出口总额增长7%以上。
附件1
衡阳县产业培塑行动实施方案
一、工作目标
规模工业增加值增加8.2%,实现固定资产投资增长7%以上,进出口总额增长7%以上,地区生产总值增长6.5%以上。
";

    #[test]
    fn fires_on_a_dropped_bound_and_a_changed_verb() {
        let found = check(&InconsistentTargetWording, PLAN);
        assert_eq!(texts(PLAN, &found), ["8.2%", "7%以上"]);
        assert_eq!(
            found[0].message,
            "目标\"规模工业增加值增长\"前后表述不一致:此处为\"增加8.2%\",第2行为\"增长8.2%\""
        );
        assert_eq!(
            found[1].message,
            "目标\"固定资产投资增长\"前后表述不一致:此处为\"7%以上\",第2行为\"7%\""
        );
        assert_eq!(found[1].related.len(), 1);
        assert_eq!(found[1].related[0].message, "此处为\"7%\"");
        let r = found[1].related[0].span;
        assert_eq!(&PLAN[r.start..r.end], "7%");
        assert!(found.iter().all(|d| d.fix.is_none()));
    }

    #[test]
    fn an_upper_bound_dropped_fires() {
        let text = "\
1.城镇调查失业率控制在5.5%以内。
2.城镇调查失业率控制在5.5%。
";
        let found = check(&InconsistentTargetWording, text);
        assert_eq!(texts(text, &found), ["5.5%"]);
    }

    #[test]
    fn hedges_and_equivalent_bounds_are_quiet() {
        let text = "\
1.社会消费品零售总额增长7.5%左右。
2.社会消费品零售总额增长7.5%。
3.技术合同成交额突破32亿元。
4.技术合同成交额32亿元以上。
5.高新技术产业增加值占比达15%以上。
6.高新技术产业增加值占比15%以上。
7.力争引进龙头企业项目1个以上。
8.确保引进龙头企业项目1个以上。
";
        assert!(check(&InconsistentTargetWording, text).is_empty());
    }

    #[test]
    fn different_numbers_are_t101_not_t102() {
        let text = "\
1.改造老旧小区5个以上。
2.改造老旧小区7个。
";
        assert!(check(&InconsistentTargetWording, text).is_empty());
    }

    #[test]
    fn add_and_grow_of_a_count_are_quiet() {
        let text = "\
1.规模以上工业企业增长18家。
2.规模以上工业企业增加18家。
";
        assert!(check(&InconsistentTargetWording, text).is_empty());
    }

    #[test]
    fn different_metrics_years_and_scopes_are_quiet() {
        let text = "\
1.社会消费品零售总额增长8%以上,固定资产投资增长8%。
2.2023年园区规模工业增加值增长10%以上。
3.2024年园区规模工业增加值增长10%。
4.全县规模工业增加值增长9%以上。
5.园区规模工业增加值增长9%。
";
        assert!(check(&InconsistentTargetWording, text).is_empty());
    }

    #[test]
    fn a_restatement_in_one_paragraph_is_quiet() {
        let text =
            "1.社会消费品零售总额增长7.5%以上,旅游收入增长15%,社会消费品零售总额增长7.5%。\n";
        assert!(check(&InconsistentTargetWording, text).is_empty());
    }
}
