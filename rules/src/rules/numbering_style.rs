use std::collections::HashMap;

use plan_lint_core::model::{AttachmentId, Document, MarkerStyle, SectionId};

use super::numbering_skip::{Finding, StyleRun, analyse, display};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 标题编号的写法不是本层级或本组兄弟标题的写法:
    /// - 残缺的编号:`五)` 应为 `(五)`,只剩 `)` 或 `(`、或整个编号丢失的标题
    ///   (按前后兄弟推定编号,如能推定就给出修复);
    /// - 与同组多数兄弟写法不一致:`1.` `2、` `3.` 中的 `2、`,
    ///   `(3)` 夹在 `2.` 与 `4.` 之间;
    /// - 下一级编号在前几组里跨上级标题连续编排,到某一组又从 1 开始
    ///   (附件里 (一)(二)(三) 下是 1.–7.,(四) 下又是 1. 2.);
    /// - 一个附件里同一种残缺写法贯穿一整组(`1、` `2、`…,编号后缺分隔符的
    ///   `1更新…`):只在第一处报告一次,并给出总数。
    ///
    /// ## 为什么是问题
    /// GB/T 9704-2012 规定结构层次序数依次用“一、”“(一)”“1.”“(1)”。
    /// 残缺或混用的编号让层级看不清,常常是排版或网页转载时丢了字符。
    ///
    /// ## 例子
    /// ```text
    /// (四)实施改革攻坚。…
    /// 五)实施环境优化攻坚。…
    /// (六)实施安全强基攻坚。…
    /// ```
    /// 报告在“五)”上:`编号"五)"与同组的"(四)"等写法不一致,应为"(五)"`,
    /// 修复改为“(五)”。
    ///
    /// ## 不报的情形
    /// - 全角与半角括号的差别(（一）与 (一)),由 half-width-punctuation (F104) 处理;
    /// - 一整组统一写作 `1)` `2)`…(常见的可接受写法),不逐项报告;
    /// - 下一级编号跨上级标题连续编号,视为同一组;
    /// - 在一、下直接用 1. 等跳过层级的结构不报;
    /// - 跳号、重号由 S101、S102 报告;丢失编号的标题按位置推定,不再报跳号。
    ///
    /// English: a heading marker that is damaged (`五)`, a lone `)`, a lost
    /// marker), or differs from the style its siblings use; a damage repeated
    /// through a whole sequence is reported once with a count.
    pub struct NumberingStyle {
        code: "S103",
        name: "numbering-style",
        severity: Warning,
        summary: "a marker that is not the style of its level or of its siblings",
    }
}

impl Rule for NumberingStyle {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let analysis = analyse(doc);
        let mut out = Vec::new();
        // Consistent damage, gathered per attachment and style.
        let mut consistent: HashMap<DamageKey, Vec<(SectionId, u32)>> = HashMap::new();
        let mut consistent_order = Vec::new();
        for run in &analysis.runs {
            lost_markers(doc, cx, run, &mut out);
            mixed_styles(doc, cx, run, &mut out, &mut |key, item| {
                let list = consistent.entry(key).or_default();
                if list.is_empty() {
                    consistent_order.push(key);
                }
                list.push(item);
            });
        }
        for key in consistent_order {
            out.push(consistent_damage(doc, cx, key.1, &consistent[&key]));
        }
        for finding in &analysis.findings {
            if let Finding::Restart {
                at,
                previous_last,
                groups,
            } = *finding
            {
                let s = &doc.sections[at];
                let l = &doc.sections[previous_last];
                let Some(last) = l.marker.number else {
                    continue;
                };
                let marker = cx.text(s.marker_span);
                let last_marker = cx.text(l.marker_span);
                let next = display(l.marker.style, last + 1);
                let message = format!(
                    "编号\"{marker}\"重新从头开始,而前面{groups}组同级编号是连续编排的(到\"{last_marker}\"为止),按此应为\"{next}\""
                );
                out.push(
                    cx.diagnostic(&Self::META, s.marker_span, message)
                        .with_related(l.marker_span, format!("上一组编号止于\"{last_marker}\"")),
                );
                continue;
            }
            if let Finding::Misplaced { at, prev, style } = *finding {
                let s = &doc.sections[at];
                let Some(number) = s.marker.number else {
                    continue;
                };
                let right = display(style, number);
                let marker = cx.text(s.marker_span);
                let p = &doc.sections[prev];
                let message = format!(
                    "编号\"{marker}\"与同组的\"{}\"等写法不一致,应为\"{right}\"",
                    cx.text(p.marker_span)
                );
                let mut diagnostic = cx
                    .diagnostic(&Self::META, s.marker_span, message)
                    .with_related(p.marker_span, "前一个同级编号");
                if !style.is_damaged() {
                    diagnostic = diagnostic.with_fix(Fix::replace(
                        format!("改为\"{right}\""),
                        s.marker_span,
                        right,
                    ));
                }
                out.push(diagnostic);
            }
        }
        out
    }
}

/// Markers damaged the same way, gathered per attachment and style.
type DamageKey = (Option<AttachmentId>, MarkerStyle);

/// The marker that `style` at `number` should be, with full-width brackets
/// when the siblings use them.
fn target_marker(style: MarkerStyle, number: u32, full_width: bool) -> String {
    let text = display(style, number);
    if full_width {
        text.replace('(', "（").replace(')', "）")
    } else {
        text
    }
}

/// Whether most markers of `items` use full-width brackets.
fn mostly_full_width(doc: &Document, items: &[SectionId]) -> bool {
    let full = items
        .iter()
        .filter(|&&id| doc.sections[id].marker.full_width)
        .count();
    full * 2 > items.len()
}

/// The style the run's intact markers agree on: the most used style when it
/// is used by more than half of them (and at least twice, or it is the only
/// one).
fn agreed_style(doc: &Document, items: &[SectionId]) -> Option<(MarkerStyle, usize)> {
    let mut counts: Vec<(MarkerStyle, usize)> = Vec::new();
    let mut total = 0;
    for &id in items {
        let style = doc.sections[id].marker.style;
        if style == MarkerStyle::LostNumeral {
            continue;
        }
        total += 1;
        match counts.iter_mut().find(|(s, _)| *s == style) {
            Some((_, n)) => *n += 1,
            None => counts.push((style, 1)),
        }
    }
    let &(style, n) = counts.iter().max_by_key(|(_, n)| *n)?;
    (n * 2 > total && (n >= 2 || counts.len() == 1)).then_some((style, n))
}

/// The span to point at for a heading: its marker, or its title when the
/// marker was lost entirely.
fn heading_span(doc: &Document, id: SectionId) -> plan_lint_core::Span {
    let s = &doc.sections[id];
    if s.marker_span.is_empty() {
        s.title_span
    } else {
        s.marker_span
    }
}

/// One diagnostic per stretch of consecutive headings whose numeral (or whole
/// marker) was lost.
fn lost_markers(doc: &Document, cx: &Context<'_>, run: &StyleRun, out: &mut Vec<Diagnostic>) {
    let style = match agreed_style(doc, &run.items) {
        Some((s, _)) if !s.is_damaged() => s,
        _ => MarkerStyle::CnParen,
    };
    let full_width = mostly_full_width(doc, &run.items);
    let mut i = 0;
    while i < run.items.len() {
        if doc.sections[run.items[i]].marker.style != MarkerStyle::LostNumeral {
            i += 1;
            continue;
        }
        let start = i;
        while i < run.items.len()
            && doc.sections[run.items[i]].marker.style == MarkerStyle::LostNumeral
        {
            i += 1;
        }
        let items = &run.items[start..i];
        let numbers = &run.numbers[start..i];
        let first = &doc.sections[items[0]];
        let what = if first.marker_span.is_empty() {
            format!("标题\"{}\"没有编号", first.title)
        } else {
            format!("编号\"{}\"丢失了数字", cx.text(first.marker_span))
        };
        let known: Option<Vec<u32>> = numbers.iter().copied().collect();
        let message = match (&known, items.len()) {
            (Some(n), 1) => format!(
                "{what},按前后顺序应为\"{}\"",
                target_marker(style, n[0], full_width)
            ),
            (None, 1) => format!("{what},无法从前后编号推定"),
            (Some(n), count) => format!(
                "{what},连续{count}个同级标题的编号都已丢失,按前后顺序应依次为\"{}\"至\"{}\"",
                target_marker(style, n[0], full_width),
                target_marker(style, n[count - 1], full_width)
            ),
            (None, count) => format!("{what},连续{count}个同级标题的编号都已丢失"),
        };
        let mut diagnostic =
            cx.diagnostic(&NumberingStyle::META, heading_span(doc, items[0]), message);
        for &other in &items[1..] {
            let s = &doc.sections[other];
            let text = if s.marker_span.is_empty() {
                format!("标题\"{}\"同样没有编号", s.title)
            } else {
                format!("编号\"{}\"同样丢失了数字", cx.text(s.marker_span))
            };
            diagnostic = diagnostic.with_related(heading_span(doc, other), text);
        }
        if let Some(numbers) = known {
            let edits = items
                .iter()
                .zip(&numbers)
                .map(|(&id, &n)| Edit {
                    span: doc.sections[id].marker_span,
                    replacement: target_marker(style, n, full_width),
                })
                .collect();
            let message = if numbers.len() == 1 {
                format!(
                    "补上编号\"{}\"",
                    target_marker(style, numbers[0], full_width)
                )
            } else {
                format!("补上编号{}个", numbers.len())
            };
            diagnostic = diagnostic.with_fix(Fix { message, edits });
        }
        out.push(diagnostic);
    }
}

/// Markers of a run that differ from the style the run agrees on, or damaged
/// markers when it agrees on none; consistent damage is handed to `consistent`.
fn mixed_styles(
    doc: &Document,
    cx: &Context<'_>,
    run: &StyleRun,
    out: &mut Vec<Diagnostic>,
    consistent: &mut dyn FnMut(DamageKey, (SectionId, u32)),
) {
    let agreed = agreed_style(doc, &run.items);
    let full_width = mostly_full_width(doc, &run.items);
    // The nearest marker of the agreed style for each position, from one pass
    // each way.
    let nearest = nearest_of_style(doc, &run.items, agreed.map(|(s, _)| s));
    for (position, (&id, &number)) in run.items.iter().zip(&run.numbers).enumerate() {
        let s = &doc.sections[id];
        let style = s.marker.style;
        let Some(number) = number else { continue };
        if style == MarkerStyle::LostNumeral {
            continue;
        }
        match agreed {
            Some((agreed, _))
                if agreed == style
                    && style.is_damaged()
                    && style != MarkerStyle::ArabicHalfParen =>
            {
                consistent((s.attachment, style), (id, number));
            }
            Some((agreed, _)) if agreed == style => {}
            Some((agreed, _)) => {
                let marker = cx.text(s.marker_span);
                let example = nearest[position].map(|o| doc.sections[o].marker_span);
                let right = target_marker(
                    if agreed.is_damaged() {
                        standard_style(style)
                    } else {
                        agreed
                    },
                    number,
                    full_width,
                );
                let message = match example {
                    Some(e) if agreed.is_damaged() => {
                        format!("编号\"{marker}\"与同组的\"{}\"等写法不一致", cx.text(e))
                    }
                    Some(e) => format!(
                        "编号\"{marker}\"与同组的\"{}\"等写法不一致,应为\"{right}\"",
                        cx.text(e)
                    ),
                    None => continue,
                };
                let mut diagnostic = cx.diagnostic(&NumberingStyle::META, s.marker_span, message);
                if let Some(e) = example {
                    diagnostic = diagnostic.with_related(e, "同组其他编号的写法");
                }
                if !agreed.is_damaged() {
                    diagnostic = diagnostic.with_fix(Fix::replace(
                        format!("改为\"{right}\""),
                        s.marker_span,
                        right,
                    ));
                }
                out.push(diagnostic);
            }
            None if style.is_damaged() && style != MarkerStyle::ArabicBare => {
                let marker = cx.text(s.marker_span);
                let right = target_marker(standard_style(style), number, full_width);
                let message = format!("编号\"{marker}\"不是规范写法,应为\"{right}\"");
                out.push(
                    cx.diagnostic(&NumberingStyle::META, s.marker_span, message)
                        .with_fix(Fix::replace(
                            format!("改为\"{right}\""),
                            s.marker_span,
                            right,
                        )),
                );
            }
            None if style == MarkerStyle::ArabicBare => {
                consistent((s.attachment, style), (id, number));
            }
            None => {}
        }
    }
}

/// For each item, the nearest item (before first, then after) whose marker
/// is of `style`.
fn nearest_of_style(
    doc: &Document,
    items: &[SectionId],
    style: Option<MarkerStyle>,
) -> Vec<Option<SectionId>> {
    let Some(style) = style else {
        return vec![None; items.len()];
    };
    let is_style = |id: SectionId| doc.sections[id].marker.style == style;
    let mut out = vec![None; items.len()];
    let mut last = None;
    for (i, &id) in items.iter().enumerate() {
        out[i] = last;
        if is_style(id) {
            last = Some(id);
        }
    }
    let mut next = None;
    for (i, &id) in items.iter().enumerate().rev() {
        if out[i].is_none() {
            out[i] = next;
        }
        if is_style(id) {
            next = Some(id);
        }
    }
    out
}

/// The standard style of a damaged style's level.
fn standard_style(style: MarkerStyle) -> MarkerStyle {
    match style.level() {
        1 => MarkerStyle::CnComma,
        2 => MarkerStyle::CnParen,
        3 => MarkerStyle::ArabicDot,
        4 => MarkerStyle::ArabicParen,
        _ => MarkerStyle::Circled,
    }
}

/// One diagnostic for markers damaged the same way through whole sequences
/// of one attachment.
fn consistent_damage(
    doc: &Document,
    cx: &Context<'_>,
    style: MarkerStyle,
    items: &[(SectionId, u32)],
) -> Diagnostic {
    let (first, _) = items[0];
    let s = &doc.sections[first];
    let marker = cx.text(s.marker_span);
    let count = items.len();
    let scope = if s.attachment.is_some() {
        "本附件"
    } else {
        "正文"
    };
    if style == MarkerStyle::ArabicBare {
        let example: String = cx.text(s.span).chars().take(8).collect();
        let message = if count == 1 {
            format!("编号\"{marker}\"后缺少分隔符,与标题连在一起(\"{example}…\")")
        } else {
            format!("编号后缺少分隔符,与标题连在一起(\"{example}…\"),{scope}共{count}处")
        };
        let mut diagnostic = cx.diagnostic(&NumberingStyle::META, s.marker_span, message);
        if let Some(&(last, _)) = items.last().filter(|_| count > 1) {
            diagnostic = diagnostic.with_related(doc.sections[last].marker_span, "最后一处");
        }
        return diagnostic;
    }
    let standard = standard_style(style);
    let full_width = s.marker.full_width;
    let right = target_marker(standard, items[0].1, full_width);
    let message = if count == 1 {
        format!("编号\"{marker}\"不是规范写法,应为\"{right}\"")
    } else {
        format!("编号\"{marker}\"不是规范写法,应为\"{right}\";{scope}同样写法的编号共{count}处")
    };
    let edits: Vec<Edit> = items
        .iter()
        .map(|&(id, n)| Edit {
            span: doc.sections[id].marker_span,
            replacement: target_marker(standard, n, doc.sections[id].marker.full_width),
        })
        .collect();
    let fix_message = if count == 1 {
        format!("改为\"{right}\"")
    } else {
        format!("把{count}处编号改为\"{right}\"的写法")
    };
    let mut diagnostic = cx.diagnostic(&NumberingStyle::META, s.marker_span, message);
    if let Some(&(last, _)) = items.last().filter(|_| count > 1) {
        diagnostic = diagnostic.with_related(doc.sections[last].marker_span, "最后一处");
    }
    diagnostic.with_fix(Fix {
        message: fix_message,
        edits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};

    fn fixed(text: &str, d: &Diagnostic) -> String {
        d.fix.as_ref().expect("a fix").apply(text)
    }

    #[test]
    fn fires_on_a_half_bracket() {
        let text = "一、总体要求\n二、攻坚重点\n(一)实施扩需攻坚。扩大内需。\n(二)实施产业攻坚。培育产业。\n五)实施环境攻坚。优化环境。\n";
        // (三)(四) are missing too, but that is S101's; here only the style.
        let text = text.replace("五)", "三)");
        let found = check(&NumberingStyle, &text);
        assert_eq!(texts(&text, &found), ["三)"]);
        assert_eq!(
            found[0].message,
            "编号\"三)\"与同组的\"(二)\"等写法不一致,应为\"(三)\""
        );
        assert!(fixed(&text, &found[0]).contains("\n(三)实施环境攻坚。"));
    }

    #[test]
    fn fires_on_a_comma_among_dots() {
        let text =
            "一、工作任务\n(一)文化创新\n1.推动非遗保护。\n2、推动旅游发展。\n3.推动创意设计。\n";
        let found = check(&NumberingStyle, text);
        assert_eq!(texts(text, &found), ["2、"]);
        assert_eq!(
            found[0].message,
            "编号\"2、\"与同组的\"1.\"等写法不一致,应为\"2.\""
        );
        assert!(fixed(text, &found[0]).contains("\n2.推动旅游发展。"));
    }

    #[test]
    fn lost_numerals_are_one_diagnostic_per_stretch() {
        let text = "一、攻坚目标\n二、攻坚重点\n)着力优服务\n1.提升政务服务。\n)着力优要素\n1.强化要素支撑。\n(三)着力优信用\n1.完善诚信机制。\n";
        let found = check(&NumberingStyle, text);
        assert_eq!(texts(text, &found), [")"]);
        assert_eq!(
            found[0].message,
            "编号\")\"丢失了数字,连续2个同级标题的编号都已丢失,按前后顺序应依次为\"(一)\"至\"(二)\""
        );
        assert_eq!(found[0].related.len(), 1);
        let fixed = fixed(text, &found[0]);
        assert!(fixed.contains("(一)着力优服务"), "{fixed}");
        assert!(fixed.contains("(二)着力优要素"), "{fixed}");
    }

    #[test]
    fn lost_numerals_that_do_not_fit_get_no_number() {
        let text = "一、攻坚重点\n(一)着力优服务\n)着力优要素\n)着力优法治\n(二)着力优信用\n";
        let found = check(&NumberingStyle, text);
        assert_eq!(texts(text, &found), [")"]);
        assert_eq!(
            found[0].message,
            "编号\")\"丢失了数字,连续2个同级标题的编号都已丢失"
        );
        assert!(found[0].fix.is_none());
        assert!(check(&crate::rules::NumberingDuplicate, text).is_empty());
        assert!(check(&crate::rules::NumberingSkip, text).is_empty());
    }

    #[test]
    fn a_lower_level_marker_in_a_sequence() {
        let text = "一、工作任务\n(一)扩大消费\n1.开展促消费活动。\n2.发展夜间经济。\n(3)培育消费平台。\n4.优化消费环境。\n";
        let found = check(&NumberingStyle, text);
        assert_eq!(texts(text, &found), ["(3)"]);
        assert_eq!(
            found[0].message,
            "编号\"(3)\"与同组的\"2.\"等写法不一致,应为\"3.\""
        );
        assert!(fixed(text, &found[0]).contains("\n3.培育消费平台。"));
        // and no skip for S101
        assert!(check(&super::super::NumberingSkip, text).is_empty());
    }

    #[test]
    fn consistent_damage_is_reported_once() {
        let text = "一、工作任务\n(一)办好民生实事\n1.促进教育发展\n1更新学校设备。\n2实施家庭教育指导。\n2.促进就业\n3统筹城乡就业。\n4推动创业就业。\n";
        let found = check(&NumberingStyle, text);
        assert_eq!(texts(text, &found), ["1"]);
        assert!(found[0].message.contains("共4处"), "{}", found[0].message);
        let text = "一、工作任务\n1、推动增收。\n2、完善机制。\n3、创新场景。\n";
        let found = check(&NumberingStyle, text);
        assert_eq!(texts(text, &found), ["1、"]);
        let fixed = fixed(text, &found[0]);
        assert!(
            fixed.contains("\n1.推动增收。\n2.完善机制。\n3.创新场景。"),
            "{fixed}"
        );
    }

    #[test]
    fn a_restart_after_continuous_numbering() {
        let text = "一、工作任务\n(一)技术攻坚\n1.先进制造。\n2.现代农业。\n(二)成果转化\n3.培育企业。\n(三)平台建设\n4.建设种质资源库。\n(四)人才强基\n1.引育人才。\n2.培养本地人才。\n二、保障机制\n";
        let found = check(&NumberingStyle, text);
        assert_eq!(texts(text, &found), ["1."]);
        assert_eq!(found[0].span.start, text.find("1.引育").unwrap());
        assert_eq!(
            found[0].message,
            "编号\"1.\"重新从头开始,而前面3组同级编号是连续编排的(到\"4.\"为止),按此应为\"5.\""
        );
        // Restarting everywhere, or continuing everywhere, is fine.
        let text = "一、工作任务\n(一)技术攻坚\n1.先进制造。\n2.现代农业。\n(二)成果转化\n1.培育企业。\n(三)平台建设\n1.建设种质资源库。\n";
        assert!(check(&NumberingStyle, text).is_empty());
    }

    #[test]
    fn consistent_half_brackets_are_accepted() {
        let text = "一、工作任务\n(一)办好民生实事\n1.促进教育发展\n1)更新学校设备。\n2)补充紧缺教师。\n2.促进就业\n3)统筹城乡就业。\n";
        assert!(check(&NumberingStyle, text).is_empty());
    }

    #[test]
    fn standard_markers_are_quiet() {
        let text = "一、总体目标\n二、重点任务\n(一)壮大产业\n1.输变电。推进项目。\n(1)建设园区。\n①引进企业。\n2.新材料。引进企业。\n三、组织实施\n";
        assert!(check(&NumberingStyle, text).is_empty());
    }
}
