use plan_lint_core::Span;
use plan_lint_core::model::Document;
use plan_lint_core::text::{digit_value, is_clause_break, is_sentence_break};

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// `分别` 前后对不上:
    /// - 前面用顿号列了几项,后面给的数值却是另一个数目:
    ///   `A、B、C分别下降10%、8%`(三项、两个数);
    /// - 整句只有一个主语、后面也只有一个数值:`到2027年,单位产值能耗
    ///   分别下降12%`,多半是删去了其他指标后留下的 `分别`。
    ///
    /// ## 为什么是问题
    /// 指标与数值一一对应是 `分别` 的全部意思:数目对不上,读者不知道哪个
    /// 数值属于哪一项;只剩一项时,说明列举被删改过,要核对是否漏了指标。
    ///
    /// ## 例子
    /// ```text
    /// 城区、园区、乡镇污水处理率分别达到98%、95%。
    /// ```
    /// 三个主语、两个数值。无法判断缺了哪一个,只报告、不修复。
    ///
    /// ## 不报的情形
    /// - 数目一致(`A、B分别达到97%、95%以上`),或几项共用一个数值
    ///   (`事故数与死亡人数分别下降10%左右`);
    /// - 主语在别处或带有数量(`8个行动分别建立专班`、`前三位的分别扣0.3分、
    ///   0.2分、0.1分`),后面不是数值的 `分别`(`分别牵头`);
    /// - 主语的项目里有 `和/及/与` 时,按两种算法之一能对上就不报;括号里
    ///   的顿号(`县(市、区)`)不算;
    /// - `从…提高到…` 这类成对的数值。
    ///
    /// English: 分别 whose 、-listed subjects and listed values differ in
    /// number (A、B、C分别下降10%、8%), or with a single subject and a single
    /// value in the whole sentence (a list cut down to one).
    pub struct RespectivelyMismatch {
        code: "W202",
        name: "respectively-mismatch",
        severity: Warning,
        summary: "分别 with a different number of subjects and values, or with a single subject",
    }
}

impl Rule for RespectivelyMismatch {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, _doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let text = cx.source.text();
        let mut out = Vec::new();
        for (at, _) in text.match_indices("分别") {
            let after_start = at + "分别".len();
            let clause_start = text[..at].rfind(is_break).map_or(0, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8)
            });
            let sentence_start = text[..at]
                .rfind(|c: char| is_sentence_break(c) || matches!(c, ';' | '\u{ff1b}' | '\n'))
                .map_or(0, |i| {
                    i + text[i..].chars().next().map_or(1, char::len_utf8)
                });
            let after_end = text[after_start..]
                .find(is_break)
                .map_or(text.len(), |i| after_start + i);
            let before = &text[clause_start..at];
            let sentence = &text[sentence_start..at];
            let after = &text[after_start..after_end];
            if after.contains('从') || after.contains('由') {
                continue;
            }
            let values = numbers(after);
            if values == 0 {
                continue;
            }
            let subject = without_brackets(before);
            let by_comma = subject.matches('、').count() + 1;
            let joined = subject.matches(['和', '与', '及']).count();
            let span = Span::new(at, after_end);
            let message = if by_comma >= 2 && values >= 2 {
                if by_comma == values || by_comma + joined == values {
                    continue;
                }
                format!(
                    "\"分别\"前列了{by_comma}项,后面却有{values}个数值:\"{}分别{after}\"",
                    subject.trim()
                )
            } else if values == 1 && single_subject(&without_brackets(sentence)) {
                format!(
                    "\"分别\"只对应一项主语和一个数值,疑为删改后遗留:\"{}分别{after}\"",
                    subject.trim()
                )
            } else {
                continue;
            };
            out.push(cx.diagnostic(&Self::META, span, message));
        }
        out
    }
}

/// The end of a clause: , ; : 。 ! ? or a line end.
fn is_break(c: char) -> bool {
    is_clause_break(c) || is_sentence_break(c) || c == '\n'
}

/// Whether the sentence before 分别 names one subject: no list, no count.
fn single_subject(sentence: &str) -> bool {
    if sentence.contains([
        '、', '和', '与', '及', '同', '各', '每', '两', '双', '均', '或', '/',
    ]) {
        return false;
    }
    // A count (3个, 三类, 前三位) makes the subject plural.
    let chars: Vec<char> = sentence.chars().collect();
    !chars.windows(2).any(|w| {
        (digit_value(w[0]).is_some() || "一二三四五六七八九十几".contains(w[0]))
            && "个项类大位家条种批所级".contains(w[1])
    }) && !sentence.contains("不同")
}

/// The text without what is inside brackets: 县(市、区) → 县.
fn without_brackets(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '(' | '（' | '〔' | '[' => depth += 1,
            ')' | '）' | '〕' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// How many numbers a clause gives (13.67, 2万, 10%): runs of digits, a
/// decimal point inside one.
fn numbers(clause: &str) -> usize {
    let mut count = 0;
    let mut in_number = false;
    let mut previous = ' ';
    for c in clause.chars() {
        let digit = digit_value(c).is_some();
        let dot = matches!(c, '.' | '．') && in_number;
        if digit && !in_number && !matches!(previous, '.' | '．') {
            count += 1;
        }
        in_number = digit || dot;
        previous = c;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};

    #[test]
    fn fires_on_a_count_that_does_not_match() {
        let text = "一、主要目标\n到2027年,城区、园区、乡镇污水处理率分别达到98%、95%。\n";
        let found = check(&RespectivelyMismatch, text);
        assert_eq!(texts(text, &found), ["分别达到98%、95%"]);
        assert_eq!(
            found[0].message,
            "\"分别\"前列了3项,后面却有2个数值:\"城区、园区、乡镇污水处理率分别达到98%、95%\""
        );
    }

    #[test]
    fn fires_on_a_single_subject() {
        let text = "一、主要目标\n到2027年,单位产值能耗分别下降12%。\n";
        let found = check(&RespectivelyMismatch, text);
        assert_eq!(texts(text, &found), ["分别下降12%"]);
    }

    #[test]
    fn near_misses() {
        for text in [
            "市、县污泥无害化处理率分别达到97%、95%以上。",
            "事故数与死亡人数分别下降10%左右。",
            "8个行动分别建立工作专班。",
            "增幅居全县前三位的乡镇,分别加0.3分、0.2分、0.1分。",
            "县发改局、县财政局分别牵头。",
            "困难残疾人生活补贴和重度残疾人护理补贴标准分别从不低于75元提高到不低于80元。",
            "省、市、县(市、区)分别承担30%、30%、40%。",
            "化学需氧量、氨氮排放总量比2020年分别下降8%、8%。",
            "能耗、用水量较2020年分别下降14.5%和15%。",
            "城乡低保标准分别不低于740元/月和485元/月。",
            "A、B和C分别增长10%、8%、6%。",
            "碳排放量同比分别下降1.0%、1.2%、1.2%和1.4%。",
        ] {
            assert!(check(&RespectivelyMismatch, text).is_empty(), "{text}");
        }
    }
}
