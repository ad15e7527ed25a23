use plan_lint_core::Span;
use plan_lint_core::model::Document;
use plan_lint_core::text::{is_han, is_space};

use super::content_lines::content_lines;
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 两种不合 GB/T 15834-2011 的横线:
    /// - 该用破折号“——”的地方只写了一个“—”:段首引出条目的
    ///   `—现代化产业体系…`,或紧跟在句号、分号、冒号等句中点号之后的单个“—”;
    /// - 用短横线(`-`、`－`、`–`)标示数值范围:`3-5名`、`35-110千伏`、
    ///   `10%-20%`。数值范围应使用浪纹线“～”(GB/T 15834 4.13),修复改为
    ///   `3～5名`;年份的起止(`2022-2024年`)是时间的起止,修复改为一字线
    ///   `2022—2024年`,标题里不带“年”字的 `(2022-2025)` 也是年份的起止。
    ///   引用的文件名称里的范围(`《…三年行动计划(2022-2024年)》`)
    ///   同样报告。
    ///
    /// ## 为什么是问题
    /// 破折号占两个字的位置,单个“—”是连接号(一字线),意思不同;短横线
    /// 用于产品型号、电话号码和复合名词,不用于数值范围。
    ///
    /// ## 例子
    /// ```text
    /// —现代化产业体系加快构建。
    /// 引进高层次人才3-5名
    /// ```
    /// 第一行修复为 `——现代化产业体系加快构建。`,第二行修复为 `3～5名`。
    ///
    /// ## 不报的情形
    /// - 汉字之间的单个“—”是连接号,标示起止或递进:`衡祁路—人民广场路段`、
    ///   `湖南—粤港澳大湾区`、`科企—高企—小巨人`;
    /// - 用一字线标示的数值范围 `1—2个`(标准允许);
    /// - 名称、编号和代码里的短横线:`邵阳-东盟`、`GB/T 15834-2011`、
    ///   `0746-4767803`、`2025-06-12`、`S71`、`PM2.5`、`4G/5G`;
    /// - 前一个数大于后一个数的(不是范围);
    /// - 网页残留行。
    ///
    /// English: a single — where GB/T 15834 wants the dash ——, and a hyphen
    /// for a numeric range (fixed to ～, or to — for a span of years).
    pub struct DashStyle {
        code: "F105",
        name: "dash-style",
        severity: Info,
        summary: "a single — where GB/T 15834 wants ——",
    }
}

impl Rule for DashStyle {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for &line in content_lines(doc, cx).iter() {
            let chars = cx.chars(line);
            for (k, &(at, c)) in chars.iter().enumerate() {
                if c == '—' && is_single_dash(chars, k) {
                    let span = Span::new(at, at + c.len_utf8());
                    let after: String = chars[k + 1..].iter().take(8).map(|&(_, c)| c).collect();
                    let message = format!("破折号应为\"——\",此处只有一个\"—\":—{after}");
                    out.push(
                        cx.diagnostic(&Self::META, span, message)
                            .with_fix(Fix::replace("改为破折号\"——\"", span, "——")),
                    );
                } else if HYPHENS.contains(&c)
                    && let Some(range) = numeric_range(chars, k)
                {
                    out.push(self.range(cx, &range));
                }
            }
        }
        out
    }
}

const HYPHENS: &[char] = &['-', '－', '–', '‐', '‑'];

impl DashStyle {
    fn range(&self, cx: &Context<'_>, range: &Range) -> Diagnostic {
        let written = cx.text(range.span);
        let (mark, name) = if range.years {
            ("—", "一字线")
        } else {
            ("～", "浪纹线")
        };
        let what = if range.years {
            "年份的起止"
        } else {
            "数值范围"
        };
        let right = format!("{}{mark}{}", cx.text(range.low), cx.text(range.high));
        let message = format!("{what}\"{written}\"用了短横线,应使用{name}\"{mark}\"");
        cx.diagnostic(&Self::META, range.hyphen, message)
            .with_fix(Fix::replace(format!("改为\"{right}\""), range.hyphen, mark))
    }
}

/// A lone — that stands for a 破折号: at the start of a paragraph, or right
/// after a pause mark. Between two words it is a 连接号 and is left alone.
fn is_single_dash(chars: &[(usize, char)], k: usize) -> bool {
    let before = k.checked_sub(1).map(|i| chars[i].1);
    let after = chars.get(k + 1).map(|&(_, c)| c);
    if before == Some('—') || after == Some('—') {
        return false;
    }
    let Some(after) = after else {
        return false;
    };
    if !is_han(after) && !matches!(after, '“' | '《' | '(' | '（') {
        return false;
    }
    match before {
        None => true,
        Some(c) => {
            matches!(c, '。' | ';' | '；' | ':' | '：' | '!' | '！' | '?' | '？') || is_space(c)
        }
    }
}

struct Range {
    /// The whole range: `3-5`, `10%-20%`.
    span: Span,
    low: Span,
    high: Span,
    hyphen: Span,
    /// A span of years: `2022-2024年`.
    years: bool,
}

/// A number (digits, an optional decimal part, an optional %) ending just
/// before `k` or starting just after it.
fn number_before(chars: &[(usize, char)], k: usize) -> Option<(usize, usize)> {
    let mut j = k;
    if j > 0 && chars[j - 1].1 == '%' {
        j -= 1;
    }
    let end = j;
    while j > 0 && (chars[j - 1].1.is_ascii_digit() || chars[j - 1].1 == '.') {
        j -= 1;
    }
    (j < end && chars[j].1.is_ascii_digit() && chars[end - 1].1 != '.').then_some((j, k))
}

fn number_after(chars: &[(usize, char)], k: usize) -> Option<(usize, usize)> {
    let start = k + 1;
    let mut j = start;
    while j < chars.len() && (chars[j].1.is_ascii_digit() || chars[j].1 == '.') {
        j += 1;
    }
    if j == start || !chars[start].1.is_ascii_digit() || chars[j - 1].1 == '.' {
        return None;
    }
    if j < chars.len() && chars[j].1 == '%' {
        j += 1;
    }
    Some((start, j))
}

fn value(chars: &[(usize, char)], from: usize, to: usize) -> Option<f64> {
    let s: String = chars[from..to]
        .iter()
        .map(|&(_, c)| c)
        .filter(|&c| c != '%')
        .collect();
    s.parse().ok()
}

/// `3-5名`, `35-110千伏`, `10%-20%`, `2022-2024年`: the hyphen at `k`
/// between two numbers that form a range of a quantity.
fn numeric_range(chars: &[(usize, char)], k: usize) -> Option<Range> {
    let (low_start, low_end) = number_before(chars, k)?;
    let (high_start, high_end) = number_after(chars, k)?;
    // Part of a code, a standard's number, a phone number or a date:
    // GB/T 15834-2011, G-234, 0746-4767803, 2025-06-12.
    let before = low_start.checked_sub(1).map(|i| chars[i].1);
    if before.is_some_and(|c| {
        c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.' | ':' | '_' | ' ')
    }) {
        return None;
    }
    let after = chars.get(high_end).map(|&(_, c)| c);
    if after.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.' | ':' | '_'))
    {
        return None;
    }
    let low_digits = low_end - low_start;
    let high_digits = high_end - high_start;
    if (chars[low_start].1 == '0' && low_digits > 1)
        || (chars[high_start].1 == '0' && high_digits > 1)
    {
        return None;
    }
    if high_digits > 6 || low_digits > 6 {
        return None;
    }
    // A range is followed by its unit (a Han character or %) or ends the
    // clause; a bare `3-5` inside Latin text is not ours.
    let unit_follows = chars[high_end - 1].1 == '%'
        || after.is_none_or(|c| is_han(c) || matches!(c, ')' | '）' | '，' | ',' | '。'));
    if !unit_follows {
        return None;
    }
    let low = value(chars, low_start, low_end)?;
    let high = value(chars, high_start, high_end)?;
    if low >= high {
        return None;
    }
    let year = |v: f64, digits: usize| digits == 4 && (1900.0..2100.0).contains(&v);
    // `2022-2024年`, and `(2022-2025)` after a title: two years with no
    // unit after them are years too (`1900-2000万元` is an amount).
    let years = year(low, low_digits)
        && year(high, high_digits)
        && after.is_none_or(|c| c == '年' || !is_han(c));
    let byte_end = |i: usize| chars[i].0 + chars[i].1.len_utf8();
    Some(Range {
        span: Span::new(chars[low_start].0, byte_end(high_end - 1)),
        low: Span::new(chars[low_start].0, byte_end(low_end - 1)),
        high: Span::new(chars[high_start].0, byte_end(high_end - 1)),
        hyphen: Span::new(chars[k].0, byte_end(k)),
        years,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};

    #[test]
    fn fires_on_a_single_dash_opening_a_paragraph() {
        let text = "一、工作目标\n——内需潜力持续释放。\n—现代化产业体系加快构建。\n";
        let found = check(&DashStyle, text);
        assert_eq!(texts(text, &found), ["—"]);
        assert_eq!(found[0].span.start, text.find("\n—现").unwrap() + 1);
        assert_eq!(
            found[0].message,
            "破折号应为\"——\",此处只有一个\"—\":—现代化产业体系加"
        );
        let fixed = found[0].fix.as_ref().unwrap().apply(text);
        assert!(fixed.contains("\n——现代化产业体系加快构建。"), "{fixed}");
    }

    #[test]
    fn fires_on_a_hyphen_range() {
        let text = "引进高层次人才3-5名,下降10%-20%,落实《三年行动计划(2022-2024年)》。\n";
        let found = check(&DashStyle, text);
        assert_eq!(texts(text, &found), ["-", "-", "-"]);
        assert_eq!(
            found[0].message,
            "数值范围\"3-5\"用了短横线,应使用浪纹线\"～\""
        );
        assert_eq!(
            found[1].message,
            "数值范围\"10%-20%\"用了短横线,应使用浪纹线\"～\""
        );
        assert_eq!(
            found[2].message,
            "年份的起止\"2022-2024\"用了短横线,应使用一字线\"—\""
        );
        let mut fixed = text.to_string();
        for d in found.iter().rev() {
            fixed = d.fix.as_ref().unwrap().apply(&fixed);
        }
        assert_eq!(
            fixed,
            "引进高层次人才3～5名,下降10%～20%,落实《三年行动计划(2022—2024年)》。\n"
        );
    }

    #[test]
    fn two_years_without_a_unit_are_a_span_of_years() {
        let text = "落实《衡北市装配式建筑发展专项规划(2018-2025)》,投入1900-2000万元。\n";
        let found = check(&DashStyle, text);
        assert_eq!(texts(text, &found), ["-", "-"]);
        assert_eq!(
            found[0].message,
            "年份的起止\"2018-2025\"用了短横线,应使用一字线\"—\""
        );
        assert_eq!(
            found[1].message,
            "数值范围\"1900-2000\"用了短横线,应使用浪纹线\"～\""
        );
    }

    #[test]
    fn near_misses() {
        let text = "一、工作目标\n\
            ——内需潜力持续释放。\n\
            打造1—2个场景,改造衡祁路—人民广场路段,对接湖南—粤港澳大湾区,健全“科企—高企—小巨人”梯度体系。\n\
            协助筹备邵阳-东盟快通通道,执行GB/T 15834-2011,电话0746-4767803,于2025-06-12发布,\
            PM2.5下降,建设S71,推广4G/5G,编号10-3号。\n";
        let found = check(&DashStyle, text);
        assert!(found.is_empty(), "{:?}", texts(text, &found));
    }
}
