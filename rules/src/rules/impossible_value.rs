use plan_lint_core::Span;
use plan_lint_core::model::Document;
use plan_lint_core::quantity::{Qualifier, Quantity};
use plan_lint_core::targets;
use plan_lint_core::text::is_han;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 超出度量本身取值范围的数:
    /// - 比率、比例、比重、占比、覆盖率、达标率、合格率、优良率、满意度等
    ///   有上限的度量,写成超过100%(或1000‰),或写成“100%以上”“突破100%”;
    /// - 计数(个、家、户、人、项……)前面带负号。
    ///
    /// 只看直接写出度量水平的数:度量词后面紧跟数,或中间只有“达到、为、
    /// 保持在、提高到、控制在”这类表示“到某个水平”的词。
    ///
    /// ## 为什么是问题
    /// 优良率不可能超过100%,“达到100%以上”只能是笔误或多写了“以上”;
    /// 负的个数同理。这种目标无法考核,也显得文件没有校对。
    ///
    /// ## 例子
    /// ```text
    /// 确保国考断面水质优良率达到100%以上。
    /// ```
    /// 报:比率"国考断面水质优良率"不能超过100%,此处为"达到100%以上";
    /// 修复删除“以上”(只在数正好是100%、超出只来自“以上/及以上”时提供)。
    ///
    /// ## 不报的情形
    /// - 增长率、增速、增幅、贡献率、自给率、完成率、产销率、负债率、周转率、
    ///   收益率、利率等可以超过100%的量;
    /// - 变化量:“占比提高120%”“增长150%”说的是变化,不是水平;
    /// - 正好100%(覆盖率达到100%);
    /// - 区间写法、电话号码、编号里的连字符(1-2个、0731-5个)不是负号。
    ///
    /// English: a bounded measure (率, 比例, 比重, 占比, 覆盖率, 满意度 …, not
    /// growth rates) stated at a level above 100% (or 100%以上), or a count
    /// with a minus sign; the fix drops 以上 from an exact 100%以上.
    pub struct ImpossibleValue {
        code: "T103",
        name: "impossible-value",
        severity: Error,
        summary: "a value outside what its measure allows",
    }
}

impl Rule for ImpossibleValue {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let text = cx.source.text();
        let segments = targets::segments(doc, text);
        let mut out = Vec::new();
        for (qr, seg) in doc.quantities.iter().zip(segments) {
            let q = &qr.quantity;
            let before = text.get(seg.start..q.span.start).unwrap_or("");
            if let Some(d) = over_limit(q, before, cx) {
                out.push(d);
            } else if let Some(d) = negative_count(q, text, before, cx) {
                out.push(d);
            }
        }
        out
    }
}

/// Suffixes of measures that are rates or shares but may exceed 100%.
const UNBOUNDED: &[&str] = &[
    "增长率",
    "增速率",
    "增加率",
    "提高率",
    "上涨率",
    "变化率",
    "贡献率",
    "拉动率",
    "自给率",
    "完成率",
    "产销率",
    "负债率",
    "周转率",
    "收益率",
    "回报率",
    "利润率",
    "毛利率",
    "利率",
    "汇率",
    "税率",
    "效率",
    "倍率",
    "容积率",
    "溢价率",
    "增值率",
    "达产率",
    "产出率",
    "频率",
    "功率",
    "速率",
    "超额率",
    "投入产出率",
];

/// Suffixes of measures bounded by 100%.
const BOUNDED: &[&str] = &["率", "比例", "比重", "占比", "份额", "覆盖面", "满意度"];

/// Words between a measure and its level ("优良率达到95%"), stripped from
/// the end of the text before the number. Change verbs (提高, 增长) are not
/// here: "占比提高5%" is a change, not a level.
const LINKS: &[&str] = &[
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "上升到",
    "上升至",
    "增长到",
    "增长至",
    "增加到",
    "增加至",
    "降低到",
    "降低至",
    "下降到",
    "下降至",
    "控制在",
    "保持在",
    "稳定在",
    "维持在",
    "达到了",
    "达到",
    "力争",
    "确保",
    "争取",
    "要",
    "均",
    "达",
    "为",
    "在",
    "是",
];

fn trim_punct(s: &str) -> &str {
    s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '”' | '"' | '’' | '\'' | '、' | ',' | '，' | ':' | '：')
    })
}

/// The bounded measure `before` ends with, if the number is its level:
/// its name as written (leading fillers and marker dropped).
fn bounded_measure(before: &str) -> Option<&str> {
    let mut rest = trim_punct(before);
    while let Some(link) = LINKS.iter().find(|l| rest.ends_with(**l)) {
        rest = trim_punct(&rest[..rest.len() - link.len()]);
    }
    // Quotes inside a name (“一网通办”率) do not break it.
    let bare: String = rest
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '"'))
        .collect();
    if UNBOUNDED.iter().any(|u| bare.ends_with(u)) || !BOUNDED.iter().any(|b| bare.ends_with(b)) {
        return None;
    }
    let name = targets::display_before(rest);
    (!name.is_empty()).then_some(name)
}

fn over_limit(q: &Quantity, before: &str, cx: &Context<'_>) -> Option<Diagnostic> {
    let limit = match q.unit.as_str() {
        "%" => 100.0,
        "‰" => 1000.0,
        _ => return None,
    };
    let high = q.value.high();
    let lower_bound = q.has(Qualifier::AtLeast) || q.has(Qualifier::Exceed);
    let at_limit = (high - limit).abs() < 1e-9;
    if !(high > limit + 1e-9 || (at_limit && lower_bound)) {
        return None;
    }
    let name = bounded_measure(before)?;
    let limit_text = if q.unit == "%" { "100%" } else { "1000‰" };
    let message = format!(
        "比率\"{name}\"不能超过{limit_text},此处为\"{}\"",
        q.display_value()
    );
    let mut d = cx.diagnostic(&ImpossibleValue::META, q.span, message);
    // One safe fix: an exact limit made impossible only by 以上/及以上.
    let only_post_bound = q.qualifier_words.iter().all(|w| {
        !matches!(
            w.as_str(),
            "不低于"
                | "不少于"
                | "不小于"
                | "至少"
                | "突破"
                | "超过"
                | "超"
                | "逾"
                | "高于"
                | "余"
                | "多"
        )
    });
    if at_limit
        && only_post_bound
        && matches!(q.value, plan_lint_core::quantity::Value::Exact(_))
        && let Some(suffix) = ["及以上", "以上"].into_iter().find(|s| q.text.ends_with(s))
    {
        let span = Span::new(q.span.end - suffix.len(), q.span.end);
        d = d.with_fix(Fix::replace(format!("删除\"{suffix}\""), span, ""));
    }
    Some(d)
}

/// Measure words of things that are counted.
const COUNT_UNITS: &[&str] = &[
    "个", "家", "户", "人", "名", "项", "件", "宗", "次", "所", "座", "条", "辆", "台", "套", "张",
    "处", "场", "人次", "栋", "间", "株", "棵", "艘", "批", "类", "种", "份", "篇", "支", "届",
];

fn negative_count(q: &Quantity, text: &str, before: &str, cx: &Context<'_>) -> Option<Diagnostic> {
    if !COUNT_UNITS.contains(&q.unit.as_str()) || q.number_span.start != q.span.start {
        return None;
    }
    let mut back = text[..q.span.start].chars().rev();
    let minus = back.next()?;
    if !matches!(minus, '-' | '－' | '−') {
        return None;
    }
    // A minus sign follows text or punctuation, not a digit, letter or
    // closing bracket (ranges, phone numbers, codes).
    match back.next() {
        Some(c) if c.is_alphanumeric() && !is_han(c) => return None,
        Some(')' | '）' | ']' | '】' | '%' | '％') => return None,
        _ => {}
    }
    let name = targets::display_before(before.strip_suffix(minus).unwrap_or(before));
    let start = q.span.start - minus.len_utf8();
    let message = if name.is_empty() {
        format!("数量不能为负数,此处为\"-{}\"", q.display_value())
    } else {
        format!("数量\"{name}\"不能为负数,此处为\"-{}\"", q.display_value())
    };
    Some(cx.diagnostic(
        &ImpossibleValue::META,
        Span::new(start, q.span.end),
        message,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};

    #[test]
    fn fires_on_a_rate_over_100() {
        let text = "\
1.确保国考断面水质优良率达到100%以上,黑臭水体治理率达到80%。
2.园区制造业营收占比达120%。
3.线上“一网通办”率突破100%。
";
        let found = check(&ImpossibleValue, text);
        assert_eq!(texts(text, &found), ["达到100%以上", "达120%", "突破100%"]);
        assert_eq!(
            found[0].message,
            "比率\"国考断面水质优良率\"不能超过100%,此处为\"达到100%以上\""
        );
        let fix = found[0].fix.as_ref().unwrap();
        assert_eq!(fix.message, "删除\"以上\"");
        assert!(
            fix.apply(text).contains("确保国考断面水质优良率达到100%,"),
            "{}",
            fix.apply(text)
        );
        assert_eq!(
            found[1].message,
            "比率\"园区制造业营收占比\"不能超过100%,此处为\"达120%\""
        );
        assert!(found[1].fix.is_none());
        assert_eq!(
            found[2].message,
            "比率\"线上“一网通办”率\"不能超过100%,此处为\"突破100%\""
        );
        assert!(found[2].fix.is_none());
    }

    #[test]
    fn fires_on_a_negative_count() {
        let text = "1.新增规模以上工业企业-5家。\n";
        let found = check(&ImpossibleValue, text);
        assert_eq!(texts(text, &found), ["-5家"]);
        assert_eq!(
            found[0].message,
            "数量\"新增规模以上工业企业\"不能为负数,此处为\"-5家\""
        );
    }

    #[test]
    fn growth_and_changes_may_exceed_100() {
        let text = "\
1.数字经济核心产业增加值增长120%。
2.规模工业增加值增长率达到150%。
3.园区制造业营收占比提高120%。
4.粮食自给率达到120%。
5.年度计划投资完成率达到110%。
6.实际利用外资增速150%以上。
7.研发投入增长100%以上。
";
        assert!(check(&ImpossibleValue, text).is_empty());
    }

    #[test]
    fn exactly_100_is_fine() {
        let text = "\
1.饮用水水源地水质达标率100%。
2.乡镇(街道)覆盖率达到100%。
";
        assert!(check(&ImpossibleValue, text).is_empty());
    }

    #[test]
    fn dashes_that_are_not_minus_signs() {
        let text = "\
1.开展培训1-2次。
2.每年3-5名。
3.服务电话0731-5个工作日内回复。
4.建设S313-5个站点。
";
        assert!(check(&ImpossibleValue, text).is_empty());
    }
}
