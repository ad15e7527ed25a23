use std::collections::HashMap;

use plan_lint_core::Span;
use plan_lint_core::model::{BlockKind, Document};
use plan_lint_core::text::is_space;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 同一个标题在一份文件里有几种写法,差别只在 GB/T 15834 视为同一
    /// 符号的写法上:年份起止用了不同的连接号(`(2026—2028年)`、
    /// `(2026-2028年)`、`(2026~2028年)`),括号一处全角一处半角,书名号
    /// 里的书名号写成 `〈〉` 或 `<>`。比较的是方案自己的标题和书名号里
    /// 引用的标题(包括通知标题里印发的方案名、引用两次以上的其他文件)。
    ///
    /// ## 为什么是问题
    /// 标题是文件的身份,同一标题写出几种样子,读者会怀疑是不是同一份
    /// 文件;这些差别也是从不同底稿拼接时留下的痕迹。
    ///
    /// ## 例子
    /// ```text
    /// 关于印发《衡北县数字经济行动方案(2026—2028年)》的通知
    /// 现将《衡北县数字经济行动方案(2026-2028年)》印发给你们。
    /// 衡北县数字经济行动方案(2026~2028年)
    /// ```
    /// 报告一次,列出每种写法;修复把各处改为方案标题的写法(没有方案
    /// 标题时取出现最多的写法)。
    ///
    /// ## 不报的情形
    /// - 只出现一次的其他文件标题,无论其中的连接号怎么写(那是被引文件
    ///   自己的事;连接号本身由 dash-style 检查);
    /// - 字面上有增删的不同名称(`的` 多一个少一个、名称不同),以及只差
    ///   引号、`〈〉`/`<>`、括号全半角的写法:由 title-mismatch(W101)检查;
    /// - 简称 `《方案》`。
    ///
    /// English: one title written in several forms that differ only in what
    /// GB/T 15834 treats as the same mark (the dash of a year range, bracket
    /// width, nested title marks); one diagnostic names every form, and the fix
    /// rewrites them to the plan heading's form.
    pub struct TitleFormVariant {
        code: "W203",
        name: "title-form-variant",
        severity: Warning,
        summary: "one title written in several forms of the same marks: （2026—2028年） and （2026-2028年）",
    }
}

impl Rule for TitleFormVariant {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let text = cx.source.text();
        let mut occurrences: Vec<(Span, bool)> = cited_titles(text)
            .into_iter()
            .map(|span| (span, false))
            .collect();
        // The plan's heading: the model's, or a line of its own that is one
        // of the cited titles (a title with a year range the grammar does
        // not take for a title).
        let cited: std::collections::HashSet<String> = occurrences
            .iter()
            .map(|(s, _)| key(&text[s.start..s.end]))
            .collect();
        // A line as long as a cited title at most (a key is never longer
        // than what it is made of, and spaces and doubled dashes are all it
        // drops): a paragraph is not a title, and is not keyed.
        let longest_cited = cited.iter().map(String::len).max().unwrap_or(0);
        let modelled: std::collections::HashSet<Span> = (doc.blocks.iter())
            .filter(|b| b.kind == BlockKind::PlanTitle)
            .map(|b| b.span)
            .chain(doc.title.as_ref().map(|t| t.span))
            .map(|span| trimmed(text, span))
            .collect();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let span = trimmed(text, Span::new(offset, offset + line.len()));
            offset += line.len();
            if span.is_empty() {
                continue;
            }
            let written = &text[span.start..span.end];
            if modelled.contains(&span)
                || written.len() <= 3 * longest_cited && cited.contains(&key(written))
            {
                occurrences.push((span, true));
            }
        }
        occurrences.sort_by_key(|(s, _)| s.start);
        let mut groups: HashMap<String, Vec<(Span, bool)>> = HashMap::new();
        for (span, heading) in occurrences {
            let written = &text[span.start..span.end];
            if written.chars().count() < 6 {
                continue;
            }
            groups
                .entry(key(written))
                .or_default()
                .push((span, heading));
        }
        let mut out = Vec::new();
        let mut keys: Vec<&String> = groups.keys().collect();
        keys.sort_by_key(|k| groups[*k][0].0.start);
        for k in keys {
            let group = &groups[k];
            let mut forms: Vec<(&str, usize, bool)> = Vec::new();
            for &(span, heading) in group {
                let written = &text[span.start..span.end];
                match forms.iter_mut().find(|f| f.0 == written) {
                    Some(f) => {
                        f.1 += 1;
                        f.2 |= heading;
                    }
                    None => forms.push((written, 1, heading)),
                }
            }
            if forms.len() < 2 {
                continue;
            }
            // Forms that differ only in quotes, 〈〉/<> and bracket width are
            // title-mismatch's (W101) finding already.
            let first = super::title_mismatch::normalise(forms[0].0);
            if forms
                .iter()
                .all(|f| super::title_mismatch::normalise(f.0) == first)
            {
                continue;
            }
            // The heading's form, else the most used; on a tie the one with
            // the fewest half-width marks (GB/T 15834 wants 〈〉 and (),
            // not <> and ()), then the first.
            let right = forms
                .iter()
                .find(|f| f.2)
                .or_else(|| {
                    forms
                        .iter()
                        .rev()
                        .max_by_key(|f| (f.1, std::cmp::Reverse(half_width_marks(f.0))))
                })
                .map(|f| f.0)
                .unwrap_or(forms[0].0);
            let wrong: Vec<Span> = group
                .iter()
                .map(|&(s, _)| s)
                .filter(|s| &text[s.start..s.end] != right)
                .collect();
            let listed: Vec<String> = forms.iter().map(|f| format!("\"{}\"", f.0)).collect();
            let message = format!(
                "同一标题有{}种写法:{};应统一为\"{right}\"",
                forms.len(),
                listed.join("、")
            );
            let mut diagnostic = cx.diagnostic(&Self::META, wrong[0], message);
            for &(span, _) in group.iter().filter(|(s, _)| *s != wrong[0]) {
                diagnostic = diagnostic
                    .with_related(span, format!("写作\"{}\"", &text[span.start..span.end]));
            }
            diagnostic = diagnostic.with_fix(Fix {
                message: format!("统一为\"{right}\""),
                edits: wrong
                    .iter()
                    .map(|&span| Edit {
                        span,
                        replacement: right.to_string(),
                    })
                    .collect(),
            });
            out.push(diagnostic);
        }
        out
    }
}

/// How many half-width marks a title has: < > ( ) ~ ".
fn half_width_marks(title: &str) -> usize {
    title
        .matches(['<', '>', '＜', '＞', '(', ')', '~', '"'])
        .count()
}

/// A span without the white space around it.
fn trimmed(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let start = span.start + (s.len() - s.trim_start_matches(is_space).len());
    let end = span.end - (s.len() - s.trim_end_matches(is_space).len());
    Span::new(start, end.max(start))
}

/// The contents of every outermost 《…》 on one line.
fn cited_titles(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut open = 0;
    for (at, c) in text.char_indices() {
        match c {
            '《' => {
                if depth == 0 {
                    open = at + c.len_utf8();
                }
                depth += 1;
            }
            '》' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(Span::new(open, at));
                }
            }
            '\n' => depth = 0,
            _ => {}
        }
    }
    out
}

/// A title with the marks GB/T 15834 treats as one written one way: the
/// dashes and tildes of a range, bracket widths, nested title marks,
/// quotation marks; spaces dropped.
fn key(title: &str) -> String {
    title
        .chars()
        .filter(|&c| !is_space(c))
        .map(|c| match c {
            '—' | '―' | '–' | '-' | '－' | '~' | '～' | '〜' | '至' => '-',
            '（' => '(',
            '）' => ')',
            '〈' | '<' | '＜' | '《' => '<',
            '〉' | '>' | '＞' | '》' => '>',
            '“' | '”' | '"' | '＂' => '"',
            other => other,
        })
        .collect::<String>()
        .replace("--", "-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};

    #[test]
    fn nested_marks_in_two_widths_alone_are_f104s() {
        // ＜＞ and 〈〉 with the same dash: half-width-punctuation (F104)
        // reports the ＜＞, with its fix; no second finding here.
        let text = "关于印发《衡北县贯彻落实＜衡北市城市更新规划（2021－2035年）＞工作方案》的通知\n\
                    现将《衡北县贯彻落实〈衡北市城市更新规划（2021－2035年）〉工作方案》印发给你们。\n";
        assert!(check(&TitleFormVariant, text).is_empty());
    }

    #[test]
    fn fires_once_naming_every_form() {
        let text = "关于印发《衡北县数字经济行动方案(2026—2028年)》的通知\n各单位:\n\
                    现将《衡北县数字经济行动方案(2026-2028年)》印发给你们。\n\
                    衡北县人民政府\n2026年3月2日\n衡北县数字经济行动方案(2026~2028年)\n\
                    一、总体要求\n";
        let found = check(&TitleFormVariant, text);
        assert_eq!(texts(text, &found), ["衡北县数字经济行动方案(2026—2028年)"]);
        assert_eq!(
            found[0].message,
            "同一标题有3种写法:\"衡北县数字经济行动方案(2026—2028年)\"、\
             \"衡北县数字经济行动方案(2026-2028年)\"、\"衡北县数字经济行动方案(2026~2028年)\";\
             应统一为\"衡北县数字经济行动方案(2026~2028年)\""
        );
        assert_eq!(found[0].related.len(), 2);
        let fixed = found[0].fix.as_ref().unwrap().apply(text);
        assert_eq!(fixed.matches("(2026~2028年)").count(), 3, "{fixed}");
    }

    #[test]
    fn fires_on_the_dashes_of_a_title_cited_twice() {
        let text = "一、总体要求\n按照《衡北县城市更新规划(2021－2035年)》要求,\
                    落实《衡北县城市更新规划(2021－2035年)》和《衡北县城市更新规划(2021—2035年)》。\n";
        let found = check(&TitleFormVariant, text);
        assert_eq!(found.len(), 1);
        let fixed = found[0].fix.as_ref().unwrap().apply(text);
        assert_eq!(fixed.matches("规划(2021－2035年)").count(), 3, "{fixed}");
        // Bracket widths alone are W101's.
        let text = "一、总体要求\n按照《衡北县城市更新规划(2021－2035年)》要求,\
                    落实《衡北县城市更新规划\u{ff08}2021－2035年\u{ff09}》。\n";
        assert!(check(&TitleFormVariant, text).is_empty());
    }

    #[test]
    fn without_a_heading_the_full_width_marks_win_a_tie() {
        let text = "一、总体要求\n根据《关于印发＜衡北县城市更新规划(2021-2035年)＞的通知》,\
                    落实《关于印发〈衡北县城市更新规划(2021—2035年)〉的通知》。\n";
        let found = check(&TitleFormVariant, text);
        assert_eq!(
            texts(text, &found),
            ["关于印发＜衡北县城市更新规划(2021-2035年)＞的通知"]
        );
        assert!(
            found[0]
                .message
                .ends_with("应统一为\"关于印发〈衡北县城市更新规划(2021—2035年)〉的通知\"")
        );
    }

    #[test]
    fn near_misses() {
        // One citation of another document, however its dash is written;
        // the same form twice; a different name (W101's business).
        let text = "衡北县数字经济行动方案(2026—2028年)\n一、总体要求\n\
                    按照《湖南省数字经济行动计划(2023-2025年)》要求,落实\
                    《衡北县数字经济行动方案(2026—2028年)》。执行《衡北县数字经济的行动方案(2026—2028年)》。\n";
        assert!(check(&TitleFormVariant, text).is_empty());
    }
}
