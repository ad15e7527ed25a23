use plan_lint_core::Span;
use plan_lint_core::model::Document;
use plan_lint_core::quantity::parse_chinese_number;
use plan_lint_core::text::{digit_value, is_clause_break, is_cn_digit, is_sentence_break};

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 写明了数目的列举,列出的名目比数目多或少:
    /// - `A、B、C、D、E等4项主要污染物`:`等` 加数目表示列举已经完整,
    ///   却列了五项;
    /// - 阿拉伯数字的数目紧跟着冒号后的列举(`3类企业:A、B、C、D`),或括号
    ///   里列的比数目多(`2个园区(A、B、C)`)。
    ///
    /// ## 为什么是问题
    /// 数目和名目对不上,读者不知道是数字错了还是多列、漏列了一项;多半是
    /// 改稿时增删了名目却没有改数字。
    ///
    /// ## 例子
    /// ```text
    /// 化学需氧量、氨氮、氮氧化物、挥发性有机物、总磷等4项主要污染物
    /// ```
    /// 列了五项,数目却是4。无法判断哪一处错了,只报告、不修复。
    ///
    /// ## 不报的情形
    /// - `等` 前列的少于数目(`A、B等三大产业`):只是举例;
    /// - 冒号或括号后的列举以 `等` 结尾;
    /// - 某一项里用 `和/及/与` 连着两个名目,按两种算法之一能对上;
    /// - 括号里的顿号(`县(市、区)`)不算;数目后括号里列得比数目少,是在
    ///   说明类型(`4个通用机场(跑道型机场、直升机场)`);
    /// - 不带 `等` 的汉字数目(`八大行动`)由 count-mismatch(S202)检查。
    ///
    /// English: a stated count and the names listed with it disagree: more
    /// names before 等N than N (A、B、C、D、E等4项), or a digit count followed
    /// by a colon or bracket list of another length.
    pub struct ListedCountMismatch {
        code: "S301",
        name: "listed-count-mismatch",
        severity: Warning,
        summary: "a stated count and the names listed with it disagree: A、B、C、D、E等4项",
    }
}

/// Words that count the names of a list: 项, 个, 大 …
const CLASSIFIERS: &[char] = &['项', '个', '大', '类', '种', '条', '家', '所', '座', '批'];

impl Rule for ListedCountMismatch {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, _doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let text = cx.source.text();
        let mut out = Vec::new();
        let chars = cx.chars(Span::new(0, text.len()));
        let mut i = 0;
        while i < chars.len() {
            let (at, c) = chars[i];
            let digit = digit_value(c).is_some();
            let chinese = is_cn_digit(c) || c == '两';
            let starts = (digit || chinese)
                && (i == 0 || {
                    let p = chars[i - 1].1;
                    digit_value(p).is_none()
                        && !(is_cn_digit(p) || matches!(p, '两' | '百' | '千' | '万' | '第'))
                });
            if !starts {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < chars.len()
                && (if digit {
                    digit_value(chars[j].1).is_some()
                } else {
                    is_cn_digit(chars[j].1) || chars[j].1 == '两'
                })
            {
                j += 1;
            }
            let Some(&(cls_at, cls)) = chars.get(j) else {
                break;
            };
            if !CLASSIFIERS.contains(&cls) {
                i = j.max(i + 1);
                continue;
            }
            let number_text = &text[at..cls_at];
            let n = if digit {
                number_text.chars().try_fold(0usize, |v, c| {
                    v.checked_mul(10)?.checked_add(usize::from(digit_value(c)?))
                })
            } else {
                parse_chinese_number(&number_text.replace('两', "二")).map(|v| v as usize)
            };
            let Some(n) = n.filter(|&n| (2..=30).contains(&n)) else {
                i = j + 1;
                continue;
            };
            let end = chars.get(j + 1).map_or(text.len(), |&(e, _)| e);
            if let Some(d) = before_deng(text, at, n).or_else(|| {
                if digit {
                    after_colon(text, end, n)
                } else {
                    None
                }
            }) {
                let (counts, list) = d;
                let span = Span::new(at, end);
                let message = format!(
                    "数目\"{}\"与列出的{}项不一致:\"{}\"",
                    &text[at..end],
                    counts,
                    list.trim()
                );
                out.push(cx.diagnostic(&Self::META, span, message));
            }
            i = j + 1;
        }
        out
    }
}

/// The names listed before `等N`, when there are more of them than N.
fn before_deng(text: &str, at: usize, n: usize) -> Option<(usize, String)> {
    let before = text[..at].strip_suffix('等')?;
    let start = before
        .rfind(|c: char| is_clause_break(c) || is_sentence_break(c) || c == '\n')
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let list = &before[start..];
    let (plain, joined) = count_names(list)?;
    // Fewer names than N: examples, which 等 allows.
    (plain > n && joined > n).then(|| (plain, list.to_string()))
}

/// The names listed after `N项X:` or in `N项X(…)`, when their number is
/// not N and the list does not end with 等.
fn after_colon(text: &str, end: usize, n: usize) -> Option<(usize, String)> {
    let rest = &text[end..];
    let (open, close, bracket): (usize, &[char], bool) =
        rest.char_indices().take(13).find_map(|(i, c)| match c {
            ':' | '：' => Some((i + c.len_utf8(), &['。', ';', '；', '\n'][..], false)),
            '(' | '（' => Some((i + c.len_utf8(), &[')', '）', '\n'][..], true)),
            _ if is_clause_break(c) || is_sentence_break(c) || c == '\n' => {
                Some((usize::MAX, &[][..], false))
            }
            _ => None,
        })?;
    if open == usize::MAX {
        return None;
    }
    let body = &rest[open..];
    let list = &body[..body.find(close).unwrap_or(body.len())];
    if list.contains(['，', ',', '；', ';', '。']) || list.trim_end().ends_with('等') {
        return None;
    }
    let (plain, joined) = count_names(list)?;
    // A bracket may name kinds rather than members (4个通用机场(跑道型、
    // 直升机场)): only more names than N is wrong there.
    let wrong = if bracket {
        plain > n && joined > n
    } else {
        plain != n && joined != n
    };
    wrong.then(|| (plain, list.to_string()))
}

/// The number of names in an 、-list, counted without and with the names
/// joined by 和/及/与 inside one item; `None` when it is not a list.
fn count_names(list: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut plain = 1;
    let mut joined = 0;
    for c in list.chars() {
        match c {
            '(' | '（' | '“' | '《' => depth += 1,
            ')' | '）' | '”' | '》' => depth = depth.saturating_sub(1),
            '、' if depth == 0 => plain += 1,
            '和' | '及' | '与' if depth == 0 => joined += 1,
            _ => {}
        }
    }
    (plain >= 2).then_some((plain, plain + joined))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};

    #[test]
    fn fires_on_more_names_than_the_count_before_deng() {
        let text = "一、主要目标\n化学需氧量、氨氮、氮氧化物、挥发性有机物、总磷等4项主要污染物排放总量持续下降。\n";
        let found = check(&ListedCountMismatch, text);
        assert_eq!(texts(text, &found), ["4项"]);
        assert_eq!(
            found[0].message,
            "数目\"4项\"与列出的5项不一致:\"化学需氧量、氨氮、氮氧化物、挥发性有机物、总磷\""
        );
        let text = "做强装备制造、绿色食品、纺织服装、新型建材等三大优势产业链。\n";
        assert_eq!(check(&ListedCountMismatch, text).len(), 1);
        // A digit run too long for a count is not one, and does not panic.
        let text = "A、B等99999999999999999999999项。\n";
        assert!(check(&ListedCountMismatch, text).is_empty());
    }

    #[test]
    fn fires_on_a_digit_count_before_a_list() {
        let text = "重点培育3类企业:专精特新企业、高新技术企业、瞪羚企业、独角兽企业。\n\
                    建设2个产业园区(东区、西区、南区)。\n";
        let found = check(&ListedCountMismatch, text);
        assert_eq!(texts(text, &found), ["3类", "2个"]);
    }

    #[test]
    fn near_misses() {
        for text in [
            "装备制造、绿色食品等六个优势产业链。",
            "化学需氧量、氨氮、氮氧化物、挥发性有机物等4项主要污染物。",
            "发改委、工信厅、生态环境厅等5个部门。",
            "A、B和C等2类企业。",
            "重点培育3类企业:专精特新企业、高新技术企业、瞪羚企业。",
            "重点培育3类企业:专精特新企业、高新技术企业等。",
            "覆盖16个州(市)和129个县(市、区)。",
            "省、市、县(市、区)等3级联动。",
            "建设1个运输机场(兼通用航空功能)、4个通用机场(跑道型机场、直升机场)。",
        ] {
            assert!(check(&ListedCountMismatch, text).is_empty(), "{text}");
        }
    }
}
