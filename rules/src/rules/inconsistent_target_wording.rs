use std::collections::HashMap;

use plan_lint_core::model::Document;
use plan_lint_core::quantity::{Qualifier, Quantity};
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
    /// - 百分比目标的动词不同:一处“增长”,另一处“增加”;
    /// - 承诺的程度不同:一处“力争”,另一处“确保”(离数最近的那个词为准:
    ///   确保20家、力争25家 里 25家 是“力争”)。
    ///
    /// 诊断落在与第一次出现(同一个数)的写法不同的那一处,并关联第一次出现处。
    ///
    /// ## 为什么是问题
    /// “增长7%以上”是下限,“增长7%”是一个点,考核口径不同;“增加8.2%”
    /// 可以读成增加8.2个百分点或增加8.2%的量,与“增长8.2%”不是一回事。
    /// “力争”是争取达到的目标,“确保”是必须完成的底线:总体要求里
    /// 力争的数到了任务里成了确保,责任单位的考核口径就变了。
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
    /// ```text
    /// 一、总体要求
    /// ……确保新增规模以上工业企业20家,……
    /// 二、重点任务
    /// (一)壮大市场主体。力争新增规模以上工业企业20家。
    /// ```
    /// 任务处报:此处为"力争20家",第N行为"确保20家"。
    ///
    /// ## 不报的情形
    /// - 只差“左右、约、达到、达”这类不改变目标的词;
    /// - 一处写“力争”或“确保”、另一处两者都没写(目标总述里的力争在
    ///   任务里常常省略);
    /// - 确保的数和力争的数不同(确保20家、力争25家):那是底线和争取的
    ///   目标,不是同一个数的两种说法;
    /// - “以上、不低于、突破”彼此之间的差别(都是下限);
    /// - 数不同:那是 T101;
    /// - 不同年份、范围、主体、累计与年度口径:不是同一目标(见 T101);
    /// - 计数目标里的“增长”与“增加”(新增5家、增加5家意思相同),以及
    ///   “增加值”这个词本身;
    /// - 同一段里重复同一目标:按同一处处理。
    ///
    /// English: the same target (as T101 identifies it) restated with the
    /// same number but a different bound (以上 vs none, 以内 vs none) or, for a
    /// percentage, 增长 turned into 增加, or 力争 (a stretch goal) in one place
    /// and 确保 (a floor) in another; reported where the wording differs
    /// from the first statement of that number (for 力争/确保, the first
    /// that says either).
    pub struct InconsistentTargetWording {
        code: "T102",
        name: "inconsistent-target-wording",
        severity: Warning,
        summary: "the same target and number, but a qualifier or verb that changes its meaning",
    }
}

/// The word behind a certainty.
fn certainty_word(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Ensure => "确保",
        _ => "力争",
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
            // The first statement of each value, and the first that says
            // 力争 or 确保.
            let mut first_of_value: HashMap<(u64, u64), usize> = HashMap::new();
            let mut first_certain: HashMap<(u64, u64), usize> = HashMap::new();
            for &t in &group {
                let here = &targets[t];
                let q = quantity(here);
                let value = targets::value_bits(q.value);
                let sure = targets::certainty(q);
                // 力争 in one place, 确保 in another: compared with the first
                // statement of the value that says either.
                let certain_ref = sure
                    .and_then(|_| first_certain.get(&value).copied())
                    .filter(|&c| {
                        targets[c].block != here.block
                            && targets::certainty(quantity(&targets[c])) != sure
                    });
                if sure.is_some() {
                    first_certain.entry(value).or_insert(t);
                }
                let Some(&first) = first_of_value.get(&value) else {
                    first_of_value.insert(value, t);
                    continue;
                };
                let there = &targets[first];
                let rq = quantity(there);
                let other_block = here.block != there.block;
                let bound_differs = other_block && targets::bound(q) != targets::bound(rq);
                let verb_differs = other_block
                    && q.unit == "%"
                    && matches!((here.verb, there.verb), (Some(a), Some(b)) if a != b);
                let (r, sure_differs) = if bound_differs || verb_differs {
                    (first, certain_ref == Some(first))
                } else if let Some(c) = certain_ref {
                    (c, true)
                } else {
                    continue;
                };
                let there = &targets[r];
                let rq = quantity(there);
                let shown = |q: &Quantity, verb: Option<Verb>| {
                    let mut s = match verb {
                        Some(v) if verb_differs => format!("{}{}", v.as_str(), q.display_value()),
                        _ => q.display_value(),
                    };
                    let word = targets::certainty(q).map(certainty_word);
                    if let Some(w) = word.filter(|w| sure_differs && !q.text.contains(w)) {
                        s.insert_str(0, w);
                    }
                    s
                };
                let here_text = shown(q, here.verb);
                let there_text = shown(rq, there.verb);
                let mut message = format!(
                    "目标\"{}\"前后表述不一致:此处为\"{}\",第{}行为\"{}\"",
                    there.name,
                    here_text,
                    cx.line(rq.span.start),
                    there_text
                );
                if sure_differs {
                    message.push_str(";力争是争取达到的目标,确保是必须完成的底线");
                }
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
8.引进龙头企业项目1个以上。
";
        assert!(check(&InconsistentTargetWording, text).is_empty());
    }

    #[test]
    fn strive_in_one_place_and_ensure_in_another_fires() {
        let text = "\
一、总体要求
确保新增规模以上工业企业20家,力争培育专精特新企业12家。
二、重点任务
(一)壮大市场主体。力争新增规模以上工业企业20家。
(二)培育优质企业。确保培育专精特新企业12家。
";
        let found = check(&InconsistentTargetWording, text);
        assert_eq!(texts(text, &found), ["20家", "12家"]);
        assert_eq!(
            found[0].message,
            "目标\"新增规模以上工业企业\"前后表述不一致:此处为\"力争20家\",第2行为\"确保20家\";力争是争取达到的目标,确保是必须完成的底线"
        );
        assert_eq!(found[0].related[0].message, "此处为\"确保20家\"");
        let r = found[0].related[0].span;
        assert_eq!(&text[r.start..r.end], "20家");
        assert!(
            found[1]
                .message
                .contains("此处为\"确保12家\",第2行为\"力争12家\"")
        );
    }

    #[test]
    fn a_dropped_exceed_fires_and_words_for_one_bound_are_quiet() {
        let text = "\
一、总体要求
新增市场主体超1000家,培育龙头企业不少于10家。
二、重点任务
1.新增市场主体1000家。
2.培育龙头企业10家以上。
";
        let found = check(&InconsistentTargetWording, text);
        assert_eq!(texts(text, &found), ["1000家"]);
        assert!(
            found[0]
                .message
                .contains("此处为\"1000家\",第2行为\"超1000家\"")
        );
    }

    #[test]
    fn a_stretch_above_a_floor_and_a_dropped_strive_are_quiet() {
        let text = "\
一、总体要求
确保新增规模以上工业企业20家、力争25家。力争新增高新技术企业15家。
二、重点任务
1.力争新增规模以上工业企业25家。
2.确保新增规模以上工业企业20家。
3.新增高新技术企业15家。
4.确保新增高新技术企业15家。
";
        // 25 under 力争 and 20 under 确保 are two figures (T101's question,
        // not a wording); 15 with 力争, without, and with 确保 in a
        // paragraph that says neither: only 力争 against 确保 is a change.
        let found = check(&InconsistentTargetWording, text);
        assert_eq!(texts(text, &found), ["15家"]);
        assert_eq!(cx_line(text, found[0].span.start), 7);
    }

    fn cx_line(text: &str, at: usize) -> usize {
        text[..at].matches('\n').count() + 1
    }

    #[test]
    fn strive_and_ensure_in_one_paragraph_are_quiet() {
        let text = "\
1.确保新增规模以上工业企业20家,年底前力争新增规模以上工业企业20家。
2.新增规模以上工业企业20家。
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
