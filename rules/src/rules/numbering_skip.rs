use std::collections::{HashMap, HashSet};

use plan_lint_core::model::{AttachmentId, Document, MarkerStyle, SectionId};

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 同一层级的一组兄弟标题编号不连续:1. 2. 4.(缺 3.),(一)之后直接是(八)
    /// (缺(二)至(七)),或者一组编号既不从第一个开始、也不接续同一附件里上一组
    /// 同级编号(从(二)起,因为(一)整行没被认成标题)。
    /// 一组兄弟标题指同一上级标题(或同一附件的顶层)下同一层级的标题;
    /// 重复出现的表头行已由文档模型去掉。每处问题只报一次:跳号报在跳过之后的
    /// 第一个编号上,并以前一个编号为相关位置。
    ///
    /// ## 为什么是问题
    /// 编号跳号通常说明有一项被删掉、合并或者标记在排版时丢失,读者会以为
    /// 漏印了内容,引用“第(三)项”时也会对不上。
    ///
    /// ## 例子
    /// ```text
    /// 二、重点任务
    /// (一)稳定就业。…
    /// (二)扩大消费。…
    /// (四)深化改革。…
    /// ```
    /// 报告在“(四)”上:`编号不连续:(二)之后是(四),缺少(三)`。
    ///
    /// ## 不报的情形
    /// - 每个章节、每个附件各自从头编号;
    /// - 下一级编号跨上级标题连续编下去(附件里 1.–15. 跨 (一)(二)(三) 连续,
    ///   表格小项 (1)–(85) 跨大项连续):接续上一组末尾编号的组视为同一序列;
    /// - 表格跨页重复的表头行;
    /// - 段落里的“一是…二是…”、正文里引用的编号,它们不是标题;
    /// - 编号数字丢失(只剩“)”“(”,或文档模型认出的整个编号丢失的标题)按位置
    ///   推定编号,由 numbering-style (S103) 报告,不在这里另报跳号;
    /// - 缺的那一号写成了别的层级(`(3)` 夹在 `2.` 与 `4.` 之间),由 S103 报告;
    /// - 同一组里编号回到 1 重新开始(通常是上级标题的标记丢了,上级那一层的
    ///   跳号会被报告),不再逐项报告;
    /// - 同号重复由 numbering-duplicate (S102) 报告。
    ///
    /// English: a sibling sequence of headings skips numbers (1. 2. 4.), jumps
    /// ((一) then (八)), or starts after its first number because that marker
    /// was lost; numbering that restarts per section or continues across parents
    /// is accepted.
    pub struct NumberingSkip {
        code: "S101",
        name: "numbering-skip",
        severity: Error,
        summary: "a sibling sequence that skips",
    }
}

impl Rule for NumberingSkip {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let analysis = analyse(doc);
        let mut out = Vec::new();
        for finding in &analysis.findings {
            match *finding {
                Finding::Skip {
                    at,
                    prev,
                    from,
                    to,
                    style,
                } => {
                    let s = &doc.sections[at];
                    let p = &doc.sections[prev];
                    let message = format!(
                        "编号不连续:{}之后是{},缺少{}",
                        cx.text(p.marker_span),
                        cx.text(s.marker_span),
                        missing(style, from, to)
                    );
                    out.push(
                        cx.diagnostic(&Self::META, s.marker_span, message)
                            .with_related(
                                p.marker_span,
                                format!("前一个编号{}在这里", cx.text(p.marker_span)),
                            ),
                    );
                }
                Finding::BadStart {
                    at,
                    first,
                    style,
                    previous_group,
                } => {
                    let s = &doc.sections[at];
                    let marker = display(style, first);
                    let diagnostic = match previous_group {
                        Some((last, number)) if number + 1 < first => {
                            let l = &doc.sections[last];
                            cx.diagnostic(
                                &Self::META,
                                s.marker_span,
                                format!(
                                    "编号从{marker}开始,既不从{}重新编号,也不接续上一组末尾的{}(应为{})",
                                    display(style, 1),
                                    cx.text(l.marker_span),
                                    display(style, number + 1)
                                ),
                            )
                            .with_related(
                                l.marker_span,
                                format!("上一组编号止于{}", cx.text(l.marker_span)),
                            )
                        }
                        _ => cx.diagnostic(
                            &Self::META,
                            s.marker_span,
                            format!("编号从{marker}开始,缺少{}", missing(style, 1, first - 1)),
                        ),
                    };
                    out.push(diagnostic);
                }
                Finding::Backwards { at, prev } => {
                    let s = &doc.sections[at];
                    let p = &doc.sections[prev];
                    let message = format!(
                        "编号顺序颠倒:{}之后是{}",
                        cx.text(p.marker_span),
                        cx.text(s.marker_span)
                    );
                    out.push(
                        cx.diagnostic(&Self::META, s.marker_span, message)
                            .with_related(
                                p.marker_span,
                                format!("前一个编号{}在这里", cx.text(p.marker_span)),
                            ),
                    );
                }
                Finding::Duplicate { .. } | Finding::Misplaced { .. } | Finding::Restart { .. } => {
                }
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------
// The sibling-sequence analysis shared by S101, S102 and S103.
// ---------------------------------------------------------------------------

/// A finding about the numbers of a sibling sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Finding {
    /// `at` follows `prev` but numbers `from..=to` are missing between them.
    Skip {
        at: SectionId,
        prev: SectionId,
        from: u32,
        to: u32,
        style: MarkerStyle,
    },
    /// A group whose first number `first` is neither 1 nor the continuation of
    /// the previous group of the same level (`previous_group`: its last
    /// heading and number).
    BadStart {
        at: SectionId,
        first: u32,
        style: MarkerStyle,
        previous_group: Option<(SectionId, u32)>,
    },
    /// `at` repeats the number of `first`; `should_be` when the next sibling
    /// shows which number was meant.
    Duplicate {
        at: SectionId,
        first: SectionId,
        should_be: Option<u32>,
    },
    /// `at` has a smaller number than `prev` that was not used before.
    Backwards { at: SectionId, prev: SectionId },
    /// `at` restarts at 1 although the `groups` groups before it, under the
    /// previous siblings of its parent, were numbered continuously up to
    /// `previous_last`.
    Restart {
        at: SectionId,
        previous_last: SectionId,
        groups: usize,
    },
    /// `at` is the missing number between `prev` and the sibling after it,
    /// written in another level's style (`(3)` between `2.` and `4.`), so the
    /// outline took it for a child of `prev`.
    Misplaced {
        at: SectionId,
        prev: SectionId,
        style: MarkerStyle,
    },
}

/// Sibling headings whose markers should share one style: one group, or
/// several groups whose numbering continues across their parents.
#[derive(Clone, Debug, Default)]
pub(crate) struct StyleRun {
    pub items: Vec<SectionId>,
    /// The number of each item; inferred by position for a marker whose
    /// numeral was lost, `None` when it cannot be inferred.
    pub numbers: Vec<Option<u32>>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Analysis {
    pub findings: Vec<Finding>,
    pub runs: Vec<StyleRun>,
}

/// One parent's children of one sequence level.
struct Group {
    level: u8,
    attachment: Option<AttachmentId>,
    items: Vec<SectionId>,
    numbers: Vec<Option<u32>>,
}

/// What the previous group of a chain (same attachment and level) left.
struct Chain {
    last_item: SectionId,
    last_number: u32,
    run: usize,
    /// How many groups the current run has linked by continuation.
    groups: usize,
}

/// Groups every heading with its siblings, follows numbering across parents
/// and reports skips, duplicates and bad starts. Linear in the number of
/// headings.
pub(crate) fn analyse(doc: &Document) -> Analysis {
    let mut groups = Vec::new();
    // Children of each section.
    for section in &doc.sections {
        collect_groups(doc, &section.children, &mut groups);
    }
    // Roots, per attachment (the main document is `None`).
    let mut roots: Vec<(Option<AttachmentId>, Vec<SectionId>)> = Vec::new();
    for &root in &doc.roots {
        let attachment = doc.sections[root].attachment;
        match roots.last_mut() {
            Some((a, list)) if *a == attachment => list.push(root),
            _ => roots.push((attachment, vec![root])),
        }
    }
    for (_, list) in &roots {
        collect_groups(doc, list, &mut groups);
    }
    groups.sort_by_key(|g| doc.sections[g.items[0]].span.start);

    // The sibling before each section (roots: in the same attachment).
    let mut previous_sibling: Vec<Option<SectionId>> = vec![None; doc.sections.len()];
    for list in doc
        .sections
        .iter()
        .map(|s| s.children.as_slice())
        .chain(std::iter::once(doc.roots.as_slice()))
    {
        for pair in list.windows(2) {
            if doc.sections[pair[0]].attachment == doc.sections[pair[1]].attachment {
                previous_sibling[pair[1]] = Some(pair[0]);
            }
        }
    }
    let mut analysis = Analysis::default();
    let mut misplaced: HashSet<SectionId> = HashSet::new();
    let mut chains: HashMap<(Option<AttachmentId>, u8), Chain> = HashMap::new();
    for group in &groups {
        if group.items.iter().all(|id| misplaced.contains(id)) {
            continue;
        }
        let key = (group.attachment, group.level);
        let first_known = group
            .numbers
            .iter()
            .enumerate()
            .find_map(|(i, n)| n.map(|n| (i, n)));
        let style = dominant_style(doc, &group.items);
        let previous = chains.get(&key);
        // How the group starts.
        let mut continues = false;
        if let Some((index, number)) = first_known {
            // The number the group's first heading stands for.
            let first = number.checked_sub(index as u32).filter(|&n| n >= 1);
            match (first, previous) {
                (Some(1), Some(p))
                    if p.groups >= 2
                        && follows_sibling(doc, &previous_sibling, p.last_item, group.items[0]) =>
                {
                    analysis.findings.push(Finding::Restart {
                        at: group.items[0],
                        previous_last: p.last_item,
                        groups: p.groups,
                    })
                }
                (Some(1), _) | (None, _) => {}
                (Some(f), Some(p)) if f == p.last_number + 1 => continues = true,
                (Some(f), Some(p)) if f == p.last_number && p.groups >= 2 => {
                    continues = true;
                    analysis.findings.push(Finding::Duplicate {
                        at: group.items[0],
                        first: p.last_item,
                        should_be: None,
                    });
                }
                (Some(f), Some(p)) if f > p.last_number + 1 && p.groups >= 2 => {
                    continues = true;
                    analysis.findings.push(Finding::Skip {
                        at: group.items[0],
                        prev: p.last_item,
                        from: p.last_number + 1,
                        to: f - 1,
                        style,
                    });
                }
                (Some(f), previous) => analysis.findings.push(Finding::BadStart {
                    at: group.items[0],
                    first: f,
                    style,
                    previous_group: previous.map(|p| (p.last_item, p.last_number)),
                }),
            }
        }
        let run = match (continues, previous) {
            (true, Some(p)) => p.run,
            _ => {
                analysis.runs.push(StyleRun::default());
                analysis.runs.len() - 1
            }
        };
        let groups_in_run = match (continues, previous) {
            (true, Some(p)) => p.groups + 1,
            _ => 1,
        };
        analysis.runs[run].items.extend(&group.items);
        analysis.runs[run].numbers.extend(&group.numbers);

        // Pairs inside the group.
        let mut seen: HashMap<u32, SectionId> = HashMap::new();
        let mut last: Option<(SectionId, u32)> = None;
        let mut skip_next_check = false;
        for (i, (&item, &number)) in group.items.iter().zip(&group.numbers).enumerate() {
            let Some(number) = number else { continue };
            let Some((prev, a)) = last else {
                seen.insert(number, item);
                last = Some((item, number));
                continue;
            };
            let mut current = number;
            if std::mem::take(&mut skip_next_check) {
                // The previous heading repeated a number and this one shows it
                // was meant as the next: already reported as a duplicate.
            } else if number == a + 1 {
            } else if number == a && repeats_table_row(doc, prev, item) {
                // A header row repeated at a page break with its title cut
                // differently: not a new item.
            } else if number == a {
                let next = group.numbers.get(i + 1).copied().flatten();
                let should_be = (next == Some(a + 2)).then_some(a + 1);
                analysis.findings.push(Finding::Duplicate {
                    at: item,
                    first: seen.get(&number).copied().unwrap_or(prev),
                    should_be,
                });
                if should_be.is_some() {
                    current = a + 1;
                    skip_next_check = true;
                }
            } else if number == 1 {
                // Restarts: a lost parent heading; reported at the parent's level.
                seen.clear();
            } else if number < a {
                match seen.get(&number) {
                    Some(&first) => analysis.findings.push(Finding::Duplicate {
                        at: item,
                        first,
                        should_be: None,
                    }),
                    None => analysis
                        .findings
                        .push(Finding::Backwards { at: item, prev }),
                }
            } else if let Some(child) =
                misplaced_child(doc, prev, a + 1, group.level).filter(|_| number == a + 2)
            {
                misplaced.insert(child);
                analysis.findings.push(Finding::Misplaced {
                    at: child,
                    prev,
                    style: doc.sections[prev].marker.style,
                });
            } else {
                analysis.findings.push(Finding::Skip {
                    at: item,
                    prev,
                    from: a + 1,
                    to: number - 1,
                    style: doc.sections[prev].marker.style,
                });
            }
            seen.entry(current).or_insert(item);
            last = Some((item, current));
        }
        if let Some((last_item, last_number)) = last {
            chains.insert(
                key,
                Chain {
                    last_item,
                    last_number,
                    run,
                    groups: groups_in_run,
                },
            );
        }
    }
    analysis
}

/// Whether two table rows with the same number are one header row repeated
/// after a page break: one title is the start of the other.
fn repeats_table_row(doc: &Document, a: SectionId, b: SectionId) -> bool {
    let (a, b) = (&doc.sections[a], &doc.sections[b]);
    a.in_table
        && b.in_table
        && !a.title.is_empty()
        && !b.title.is_empty()
        && (a.title.starts_with(&b.title) || b.title.starts_with(&a.title))
}

/// Whether the parent of `item` is the sibling right after the parent of
/// `previous`.
fn follows_sibling(
    doc: &Document,
    previous_sibling: &[Option<SectionId>],
    previous: SectionId,
    item: SectionId,
) -> bool {
    let (Some(a), Some(b)) = (doc.sections[previous].parent, doc.sections[item].parent) else {
        return false;
    };
    previous_sibling[b] == Some(a)
}

/// The only child of `prev` when it is numbered `number` in another level's
/// style and has no children itself: the missing sibling, misread as a child.
fn misplaced_child(doc: &Document, prev: SectionId, number: u32, level: u8) -> Option<SectionId> {
    let children = &doc.sections[prev].children;
    let &[child] = children.as_slice() else {
        return None;
    };
    let c = &doc.sections[child];
    (c.marker.number == Some(number) && c.level() != level && c.children.is_empty())
        .then_some(child)
}

/// Splits one parent's children into groups by sequence level, in order.
fn collect_groups(doc: &Document, children: &[SectionId], out: &mut Vec<Group>) {
    if children.is_empty() {
        return;
    }
    let levels = sequence_levels(doc, children);
    let mut by_level: Vec<Group> = Vec::new();
    for (&id, &level) in children.iter().zip(&levels) {
        let attachment = doc.sections[id].attachment;
        match by_level.iter_mut().find(|g| g.level == level) {
            Some(g) => g.items.push(id),
            None => by_level.push(Group {
                level,
                attachment,
                items: vec![id],
                numbers: Vec::new(),
            }),
        }
    }
    for mut group in by_level {
        group.numbers = infer_numbers(doc, &group.items);
        out.push(group);
    }
}

/// The level each child is numbered at: its marker's level, except that a
/// damaged marker whose number continues a neighbouring sibling of another
/// level (`16)` between `15` and `17`) belongs to that sibling's sequence.
fn sequence_levels(doc: &Document, children: &[SectionId]) -> Vec<u8> {
    let marker = |i: usize| &doc.sections[children[i]].marker;
    let mut levels: Vec<u8> = Vec::with_capacity(children.len());
    for i in 0..children.len() {
        let m = marker(i);
        let own = m.level();
        let level = match m.number {
            Some(n) if m.style.is_damaged() => {
                // The previous sibling as already assigned, then the next one.
                if i > 0 && levels[i - 1] != own && marker(i - 1).number == n.checked_sub(1) {
                    levels[i - 1]
                } else if i + 1 < children.len()
                    && marker(i + 1).level() != own
                    && marker(i + 1).number == Some(n + 1)
                {
                    marker(i + 1).level()
                } else {
                    own
                }
            }
            _ => own,
        };
        levels.push(level);
    }
    levels
}

/// The numbers of a group, with lost numerals inferred from their
/// neighbours when both sides agree (or only one side is known).
fn infer_numbers(doc: &Document, items: &[SectionId]) -> Vec<Option<u32>> {
    let known: Vec<Option<u32>> = items
        .iter()
        .map(|&id| doc.sections[id].marker.number)
        .collect();
    // The nearest known number on each side, as (index, number); one pass
    // each way keeps this linear.
    let mut before: Vec<Option<(usize, u32)>> = Vec::with_capacity(known.len());
    let mut last = None;
    for (i, n) in known.iter().enumerate() {
        before.push(last);
        if let Some(n) = n {
            last = Some((i, *n));
        }
    }
    let mut after: Vec<Option<(usize, u32)>> = vec![None; known.len()];
    let mut next = None;
    for (i, n) in known.iter().enumerate().rev() {
        after[i] = next;
        if let Some(n) = n {
            next = Some((i, *n));
        }
    }
    (0..items.len())
        .map(|i| {
            if known[i].is_some() {
                return known[i];
            }
            let from_before = before[i].map(|(j, n)| n + (i - j) as u32);
            // `Some(None)`: a known number after it leaves no room.
            let from_after =
                after[i].map(|(j, n)| n.checked_sub((j - i) as u32).filter(|&n| n >= 1));
            match (from_before, from_after) {
                (Some(b), Some(a)) => a.filter(|&a| a == b),
                (Some(b), None) => Some(b),
                (None, Some(a)) => a,
                (None, None) => None,
            }
        })
        .collect()
}

/// The style most of `items` use, ignoring lost numerals; the first item's
/// style when none is used.
pub(crate) fn dominant_style(doc: &Document, items: &[SectionId]) -> MarkerStyle {
    let mut counts: Vec<(MarkerStyle, usize)> = Vec::new();
    for &id in items {
        let style = doc.sections[id].marker.style;
        if style == MarkerStyle::LostNumeral {
            continue;
        }
        match counts.iter_mut().find(|(s, _)| *s == style) {
            Some((_, n)) => *n += 1,
            None => counts.push((style, 1)),
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or(doc.sections[items[0]].marker.style, |(s, _)| *s)
}

/// A number written in `style`: (三), 3., ③ …
pub(crate) fn display(style: MarkerStyle, n: u32) -> String {
    use plan_lint_core::model::marker::chinese_numeral;
    match style {
        MarkerStyle::CnComma => format!("{}、", chinese_numeral(n)),
        MarkerStyle::CnDot => format!("{}.", chinese_numeral(n)),
        MarkerStyle::CnBare => chinese_numeral(n),
        MarkerStyle::CnParen | MarkerStyle::LostNumeral => format!("({})", chinese_numeral(n)),
        MarkerStyle::CnHalfParen => format!("{})", chinese_numeral(n)),
        MarkerStyle::ArabicDot => format!("{n}."),
        MarkerStyle::ArabicComma => format!("{n}、"),
        MarkerStyle::ArabicBare => n.to_string(),
        MarkerStyle::ArabicParen => format!("({n})"),
        MarkerStyle::ArabicHalfParen => format!("{n})"),
        MarkerStyle::Circled => MarkerStyle::Circled.standard_marker(n),
    }
}

/// `(三)`, `(二)、(三)` or `(二)至(七)`.
fn missing(style: MarkerStyle, from: u32, to: u32) -> String {
    match to.saturating_sub(from) {
        0 => display(style, from),
        1 => format!("{}、{}", display(style, from), display(style, to)),
        _ => format!("{}至{}", display(style, from), display(style, to)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};

    #[test]
    fn fires_on_a_skip() {
        let text = "一、总体要求\n二、重点任务\n(一)稳定就业。做好高校毕业生就业。\n(二)扩大消费。开展促消费活动。\n(四)深化改革。推进重点领域改革。\n";
        let found = check(&NumberingSkip, text);
        assert_eq!(texts(text, &found), ["(四)"]);
        assert_eq!(found[0].message, "编号不连续:(二)之后是(四),缺少(三)");
        assert_eq!(texts(text, &[found[0].clone()]), ["(四)"]);
        assert_eq!(found[0].related.len(), 1);
        assert_eq!(
            &text[found[0].related[0].span.start..found[0].related[0].span.end],
            "(二)"
        );
    }

    #[test]
    fn one_diagnostic_for_a_long_jump() {
        let text = "一、总体要求\n二、攻坚任务\n(一)实施扩需重点改革\n1.激发主体活力。\n2.扩大有效需求。\n实施畅通重点改革\n1.融入统一大市场。\n2.深化要素改革。\n实施创新重点改革\n1.深化科技体制改革。\n(五)实施通道拓展工程\n1.畅通贸易通道。\n";
        let found = check(&NumberingSkip, text);
        assert_eq!(texts(text, &found), ["(五)"]);
        assert_eq!(found[0].message, "编号不连续:(一)之后是(五),缺少(二)至(四)");
    }

    #[test]
    fn fires_when_the_first_marker_is_lost() {
        let text = "一、总体要求\n二、攻坚重点\n(二)实施产业培强攻坚。推进产业升级。\n(三)实施科技赋能攻坚。加强技术攻关。\n";
        let found = check(&NumberingSkip, text);
        assert_eq!(texts(text, &found), ["(二)"]);
        assert_eq!(found[0].message, "编号从(二)开始,缺少(一)");
        // A heading whose marker was lost entirely takes its place: S103's.
        let text = "一、总体要求\n二、攻坚重点\n实施内需扩量攻坚。坚持扩大内需。\n(二)实施产业培强攻坚。推进产业升级。\n(三)实施科技赋能攻坚。加强技术攻关。\n";
        assert!(check(&NumberingSkip, text).is_empty());
    }

    #[test]
    fn restarting_per_section_is_fine() {
        let text = "一、工作目标\n二、工作任务\n(一)壮大产业\n1.输变电。推进项目。\n2.新材料。引进企业。\n(二)培育主体\n1.培育企业。加强服务。\n2.扶持个体。落实政策。\n三、推进机制\n";
        assert!(check(&NumberingSkip, text).is_empty());
    }

    #[test]
    fn continuous_numbering_across_parents_is_fine() {
        let text = "一、总体要求\n二、工作任务\n(一)扩大消费\n1.开展促消费活动。\n2.发展夜间经济。\n(二)扩大投资\n3.加快项目建设。\n4.激发民间投资。\n(三)稳定外贸\n5.培育外贸主体。\n";
        assert!(check(&NumberingSkip, text).is_empty());
        // Sub-items (1)… numbered through categories and sections.
        let text = "一、工作任务\n(一)促进教育发展\n1.改善办学条件\n(1)更新学校设备。\n(2)补充紧缺教师。\n2.促进就业\n(3)统筹城乡就业。\n(二)提升健康水平\n3.完善医疗服务\n(4)建设医疗次中心。\n";
        assert!(check(&NumberingSkip, text).is_empty());
    }

    #[test]
    fn a_skip_in_a_continued_run_is_reported_once() {
        let text = "一、总体要求\n二、工作任务\n(一)扩大消费\n1.开展促消费活动。\n2.发展夜间经济。\n(二)扩大投资\n3.加快项目建设。\n(三)稳定外贸\n5.培育外贸主体。\n";
        let found = check(&NumberingSkip, text);
        assert_eq!(texts(text, &found), ["5."]);
        assert_eq!(found[0].message, "编号不连续:3.之后是5.,缺少4.");
    }

    #[test]
    fn lost_numerals_are_not_skips() {
        let text = "一、总体要求\n二、攻坚重点\n)着力优服务\n1.提升政务服务。\n)着力优要素\n1.强化要素支撑。\n(三)着力优信用\n1.完善诚信机制。\n";
        assert!(check(&NumberingSkip, text).is_empty());
    }

    #[test]
    fn lists_and_quoted_markers_are_not_headings() {
        let text = "(一)加强组织领导。一是建立专班;二是明确分工;四是加强督查。\n(二)强化考核。按照“(四)项要求”执行。\n";
        assert!(check(&NumberingSkip, text).is_empty());
    }

    #[test]
    fn repeated_table_headers_are_not_numbers() {
        let text = "附表\n工作任务 |\n工作举措 |\n(一)以改革创一流环境 |\n1.深化国资国企改革 |\n(1)推动国企改革。 |\n市国资中心 |\n||\n(一)以改革创一流环境 |\n1.深化国资国企改革 |\n(2)加强运营管理。 |\n市国资中心 |\n||\n2.抓好民营经济 |\n(3)尊重企业家。 |\n市工商联 |\n";
        assert!(check(&NumberingSkip, text).is_empty());
    }
}
