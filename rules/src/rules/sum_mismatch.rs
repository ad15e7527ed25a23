use plan_lint_core::Span;
use plan_lint_core::model::{Document, SectionId};
use plan_lint_core::text::{digit_value, is_space};

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 写明了分值的一项,和它下面各项的分值加起来不相等:考核评分的
    /// `(一)基础工作(30分)` 下各项是 10分、12分、10分(共32分);
    /// 文中写明 `满分100分`(或 `总分100分`),各一级项的分值之和却是 102。
    ///
    /// ## 为什么是问题
    /// 评分表是要照着打分的:总分与分项对不上,考核结果就没法比较,
    /// 多半是调整了某一项的分值却没有改合计。
    ///
    /// ## 例子
    /// ```text
    /// (一)基础工作(30分)
    /// 1.组织领导(10分)
    /// 2.制度建设(12分)
    /// 3.台账管理(10分)
    /// ```
    /// 分项合计32分,与 `30分` 不一致。无法判断哪一个数错了,只报告、
    /// 不修复。
    ///
    /// ## 不报的情形
    /// - 下级各项不是都写了分值(有的项不计分,或分值写在正文里);
    /// - 正文里的加分、扣分(`加0.3分`、`扣0.2分`):只读标题末尾括号里
    ///   (或标题末尾)的分值;
    /// - 只有一个下级项。
    ///
    /// English: a heading's stated score (基础工作(30分)) that its children's
    /// scores do not add up to, or a stated 满分/总分 that the top-level scores
    /// do not add up to.
    pub struct SumMismatch {
        code: "S302",
        name: "sum-mismatch",
        severity: Warning,
        summary: "a stated total or section score that its parts do not add up to",
    }
}

impl Rule for SumMismatch {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for section in &doc.sections {
            let Some(total) = score(&section.title) else {
                continue;
            };
            if let Some(d) = compare(doc, cx, &section.children, total, section.title_span) {
                out.push(d);
            }
        }
        // A stated 满分/总分 against the top-level items of the same part.
        let text = cx.source.text();
        for word in ["满分", "总分"] {
            for (at, _) in text.match_indices(word) {
                let rest = &text[at + word.len()..];
                let rest = rest.trim_start_matches(|c: char| is_space(c) || c == '为');
                let digits: String = rest
                    .chars()
                    .take_while(|&c| digit_value(c).is_some())
                    .collect();
                if digits.is_empty() || !rest[digits.len()..].starts_with('分') {
                    continue;
                }
                let Ok(total) = digits.parse::<u32>() else {
                    continue;
                };
                let span = Span::new(
                    at,
                    at + word.len()
                        + (text[at + word.len()..].len() - rest.len())
                        + digits.len()
                        + '分'.len_utf8(),
                );
                let attachment = doc
                    .attachments
                    .iter()
                    .position(|a| a.span.start <= at && at < a.span.end);
                let roots: Vec<SectionId> = doc
                    .roots
                    .iter()
                    .copied()
                    .filter(|&r| {
                        doc.sections[r].attachment == attachment && doc.sections[r].span.start > at
                    })
                    .collect();
                if let Some(d) = compare(doc, cx, &roots, f64::from(total), span) {
                    out.push(d);
                }
            }
        }
        out
    }
}

/// A diagnostic when every one of `parts` states a score and they do not add
/// up to `total`.
fn compare(
    doc: &Document,
    cx: &Context<'_>,
    parts: &[SectionId],
    total: f64,
    at: Span,
) -> Option<Diagnostic> {
    if parts.len() < 2 {
        return None;
    }
    let scores: Vec<f64> = parts
        .iter()
        .map(|&c| score(&doc.sections[c].title))
        .collect::<Option<_>>()?;
    let sum: f64 = scores.iter().sum();
    if (sum - total).abs() < 0.001 {
        return None;
    }
    let listed: Vec<String> = scores.iter().map(|s| format!("{s}")).collect();
    let message = format!(
        "\"{}\"写明{total}分,下列{}项的分值({})合计{sum}分",
        cx.text(at).trim(),
        parts.len(),
        listed.join("+")
    );
    let mut d = cx.diagnostic(&SumMismatch::META, at, message);
    for &c in parts {
        d = d.with_related(doc.sections[c].title_span, "分项");
    }
    Some(d)
}

/// The score at the end of a heading's title: `基础工作(30分)`,
/// `组织领导 10分`, `(2.5分)`.
fn score(title: &str) -> Option<f64> {
    let t = title.trim_end_matches(|c: char| is_space(c) || matches!(c, '。' | ':' | '：'));
    let t = t
        .strip_suffix(')')
        .or_else(|| t.strip_suffix('）'))
        .unwrap_or(t);
    let t = t.strip_suffix('分')?;
    let number: String = t
        .chars()
        .rev()
        .take_while(|&c| digit_value(c).is_some() || c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if number.is_empty() || number.starts_with('.') {
        return None;
    }
    let before = &t[..t.len() - number.len()];
    // (30分), 10分 after a space, 计30分 — not 加0.3分 or 扣0.2分.
    if !(before.ends_with(['(', '（', ' ', '\u{3000}', '\t']) || before.ends_with("计")) {
        return None;
    }
    number
        .chars()
        .map(|c| digit_value(c).map_or('.', |d| char::from(b'0' + d)))
        .collect::<String>()
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};

    #[test]
    fn fires_on_a_section_that_does_not_add_up() {
        let text = "衡北县乡镇工作考核评分细则\n一、基础工作(30分)\n(一)组织领导(10分)\n\
                    (二)制度建设(12分)\n(三)台账管理(10分)\n二、重点任务(70分)\n\
                    (一)项目建设(40分)\n(二)招商引资(30分)\n";
        let found = check(&SumMismatch, text);
        assert_eq!(texts(text, &found), ["基础工作(30分)"]);
        assert_eq!(
            found[0].message,
            "\"基础工作(30分)\"写明30分,下列3项的分值(10+12+10)合计32分"
        );
        assert_eq!(found[0].related.len(), 3);
    }

    #[test]
    fn fires_on_a_stated_total() {
        let text = "衡北县乡镇工作考核评分细则\n考核实行百分制,满分100分。\n一、基础工作(32分)\n\
                    二、重点任务(70分)\n";
        let found = check(&SumMismatch, text);
        assert_eq!(texts(text, &found), ["满分100分"]);
        assert!(
            found[0].message.contains("合计102分"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn near_misses() {
        let text = "衡北县乡镇工作考核评分细则\n考核实行百分制,满分100分。\n一、基础工作(30分)\n\
                    (一)组织领导(10分)\n(二)制度建设(20分)\n二、重点任务(70分)\n\
                    (一)项目建设(40分)\n(二)招商引资\n三、加分项目\n1.获省级表彰的加0.3分\n";
        // 一 adds up; 二 has a child without a score; 三 has no score of its
        // own, so the total is not compared either.
        assert!(check(&SumMismatch, text).is_empty());
        assert_eq!(score("组织领导(10分)"), Some(10.0));
        assert_eq!(score("组织领导 2.5分"), Some(2.5));
        assert_eq!(score("获省级表彰的加0.3分"), None);
    }
}
