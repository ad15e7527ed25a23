use std::collections::HashMap;

use plan_lint_core::Span;
use plan_lint_core::model::{ClauseForm, Document};
use plan_lint_core::text::{is_cn_digit, is_han, is_space};

use super::content_lines::content_lines;
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 一个段落(一行)里成对的标点不成对:书名号《》、引号“”、单引号‘’、
    /// 括号()(全角半角视为同一种)、方头括号【】、六角括号〔〕、单书名号〈〉
    /// 有开无合、有合无开,或者把后引号写成了前引号(`“半拉子“工程`)。
    /// 每段最多报一条:第一处问题是主位置,同段其余各处作为相关位置列出。
    ///
    /// ## 为什么是问题
    /// GB/T 15834-2011 要求成对的标点在句内配对。缺了一半的书名号、引号或
    /// 括号让读者分不清名称、引语或责任条款从哪里开始、到哪里结束,也常常
    /// 说明粘贴或网页转换时丢了字。
    ///
    /// ## 例子
    /// ```text
    /// 全面落实《湖南省实施“七大攻坚”总体方案(湘政办发〔2024〕2号)、邵阳市…部署要求
    /// ```
    /// 书名号“《”没有对应的“》”。只有一种改法时给出修复:把写反的后引号
    /// 改为“””;责任条款 `(县发改局牵头,…按职责分工负责` 缺少的“)”补在
    /// 条款末尾;以句号隔开的条款 `…。县发改局牵头,…负责)` 缺少的“(”补在
    /// 条款开头。
    ///
    /// ## 不报的情形
    /// - 跨两行的通知标题(`关于印发《…“七大攻坚”` / `总体方案》的通知`)先
    ///   合并再检查;同样,前一行末尾只有未闭合的书名号或引号、后面第一到
    ///   第三行开头恰好把它们闭合时(各在 30 字以内,中间的行也不超过
    ///   30 字),视为一个名称被折成几行;
    /// - PDF 折行时括号里有句号、没能并成一段:`(各市人民政府…按职责分工负责。`
    ///   / `以下均需…落实,不再列出)`,前后紧接的几行合起来恰好配对、后面
    ///   的行不以标题序号开头时,视为一对括号(以序号开头的 `2.…)` 是另一
    ///   条任务,照报);
    /// - 书名号内嵌套的单书名号〈〉、引号内嵌套的单引号‘’;
    /// - 标题序号里的括号:`(一)`、残缺的 `五)`、`)`,以及 `1)`、`16)` 这种
    ///   半括号序号(序号格式由 numbering-style 检查);
    /// - 半角直引号 `"` 与前面的“配对时不算缺失(宽度由 half-width-punctuation
    ///   报告);英文里的撇号 `’`;
    /// - 网页残留行(`【字体:`)。
    ///
    /// English: an unclosed or stray 《》 “” ‘’ () 【】 〔〕 〈〉 within a
    /// paragraph, or a closing quote written as an opening one; one diagnostic
    /// per line, with the line's other problems as related spans. A name
    /// folded over up to four lines, and a parenthesis that a full stop inside
    /// it split over consecutive lines none of which starts a heading, are
    /// one pair.
    pub struct UnbalancedPair {
        code: "F103",
        name: "unbalanced-pair",
        severity: Warning,
        summary: "an unclosed or stray 《》 “” ‘’ () 【】 〔〕 within a paragraph",
    }
}

impl Rule for UnbalancedPair {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let units = paragraphs(doc, cx);
        let markers: Vec<Span> = doc.sections.iter().map(|s| s.marker_span).collect();
        let clauses: HashMap<usize, Span> = doc
            .tasks
            .iter()
            .filter_map(|t| t.responsibility.as_ref())
            .filter(|r| matches!(r.form, ClauseForm::Parenthesised | ClauseForm::Bare))
            .map(|r| (r.span.start, r.span))
            .collect();
        let clause_ends: HashMap<usize, Span> = clauses.values().map(|&s| (s.end, s)).collect();

        let results: Vec<Vec<Problem>> = units.iter().map(|&u| scan(cx, u, &markers)).collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < units.len() {
            let problems = &results[i];
            if problems.is_empty() {
                i += 1;
                continue;
            }
            if let Some(last) = folded(cx, &units, &results, i, &markers) {
                i = last + 1;
                continue;
            }
            out.push(self.report(cx, problems, &clauses, &clause_ends));
            i += 1;
        }
        out
    }
}

impl UnbalancedPair {
    fn report(
        &self,
        cx: &Context<'_>,
        problems: &[Problem],
        clauses: &HashMap<usize, Span>,
        clause_ends: &HashMap<usize, Span>,
    ) -> Diagnostic {
        let first = &problems[0];
        let mut message = first.describe(cx);
        if problems.len() > 1 {
            message.push_str(&format!(";本段另有{}处成对标点不成对", problems.len() - 1));
        }
        let mut diagnostic = cx.diagnostic(&Self::META, first.span(), message);
        for other in &problems[1..] {
            diagnostic = diagnostic.with_related(other.span(), other.describe(cx));
        }
        if problems.len() == 1
            && let Some(fix) = first.fix(cx, clauses, clause_ends)
        {
            diagnostic = diagnostic.with_fix(fix);
        }
        diagnostic
    }
}

/// The last of the paragraphs `i + 1 ..= i + 3` that closes what paragraph
/// `i` leaves open, when the two are one name or one parenthesis folded over
/// lines: `i` only opens, the paragraphs between have nothing unbalanced,
/// the last only closes, and together they balance. Either
/// - a title or quotation folded near a line end (`关于印发《…改革` /
///   `促进…行动方案` / `(2024—2027年)》的通知`): the opening mark within 30
///   characters of its line's end, the closing one within 30 of its line's
///   start, the lines between no longer than that; or
/// - a parenthesis a sentence end inside it kept the normaliser from joining
///   (`(各市人民政府…按职责分工负责。` / `以下均需…落实,不再列出)`): the
///   lines follow one another in the original and none of the later ones
///   starts a heading, as a new item would (`2.整治隐患…)`: two damaged
///   clauses, not one).
fn folded(
    cx: &Context<'_>,
    units: &[Span],
    results: &[Vec<Problem>],
    i: usize,
    markers: &[Span],
) -> Option<usize> {
    let text = cx.source.text();
    let problems = &results[i];
    if !problems.iter().all(|p| p.kind == Kind::Unclosed) {
        return None;
    }
    let near_end = problems.iter().all(|p| {
        matches!(p.mark, '《' | '“' | '‘' | '〈') && text[p.at..units[i].end].chars().count() <= 30
    });
    let starts_heading = |u: Span| {
        let first = markers.partition_point(|m| m.end <= u.start);
        markers
            .get(first)
            .is_some_and(|m| m.start <= u.start && u.start < m.end)
    };
    let mut adjacent = true;
    let mut short = true;
    for last in i + 1..units.len().min(i + 4) {
        let unit = units[last];
        adjacent &=
            cx.line(unit.start) == cx.line(units[last - 1].end) + 1 && !starts_heading(unit);
        let closing = &results[last];
        if closing.is_empty() {
            // A line between: the middle of a folded name.
            short &= text[unit.start..unit.end].chars().count() <= 30;
            continue;
        }
        let title = near_end
            && short
            && closing
                .iter()
                .all(|p| p.kind == Kind::Stray && text[unit.start..p.at].chars().count() <= 30);
        let parenthesis = adjacent && closing.iter().all(|p| p.kind == Kind::Stray);
        return ((title || parenthesis)
            && scan(cx, Span::new(units[i].start, unit.end), markers).is_empty())
        .then_some(last);
    }
    None
}

/// The paragraphs to check: content lines, with the lines of a notice title
/// that is split over several lines joined into one.
fn paragraphs(doc: &Document, cx: &Context<'_>) -> Vec<Span> {
    let title = doc.header.notice_title.as_ref().map(|f| f.span);
    let mut out: Vec<Span> = Vec::new();
    for &line in content_lines(doc, cx).iter() {
        let in_title = title.is_some_and(|t| t.start <= line.start && line.end <= t.end);
        match out.last_mut() {
            Some(last)
                if in_title
                    && title.is_some_and(|t| t.start <= last.start && last.end <= t.end) =>
            {
                last.end = line.end;
            }
            _ => out.push(line),
        }
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// An opening mark with no closing one.
    Unclosed,
    /// A closing mark with no opening one.
    Stray,
    /// `“半拉子“`: the second opening quote stands for a closing one.
    Reversed,
}

#[derive(Clone, Copy, Debug)]
struct Problem {
    kind: Kind,
    /// Byte offset of the mark.
    at: usize,
    mark: char,
    /// For `Reversed`, the opening quote it should close.
    partner: usize,
}

/// Opening mark → closing mark. `(` and `（` are the same pair.
fn closing(open: char) -> Option<char> {
    Some(match open {
        '(' | '（' => ')',
        '《' => '》',
        '“' => '”',
        '‘' => '’',
        '【' => '】',
        '〔' => '〕',
        '〈' => '〉',
        _ => return None,
    })
}

fn opening(close: char) -> Option<char> {
    Some(match close {
        ')' | '）' => '(',
        '》' => '《',
        '”' => '“',
        '’' => '‘',
        '】' => '【',
        '〕' => '〔',
        '〉' => '〈',
        _ => return None,
    })
}

fn normalise(open: char) -> char {
    if open == '（' { '(' } else { open }
}

fn pair_name(mark: char) -> &'static str {
    match opening(mark).unwrap_or(mark) {
        '(' | '（' => "括号",
        '《' => "书名号",
        '“' => "引号",
        '‘' => "单引号",
        '【' => "方头括号",
        '〔' => "六角括号",
        '〈' => "单书名号",
        _ => "成对标点",
    }
}

impl Problem {
    fn span(&self) -> Span {
        Span::new(self.at, self.at + self.mark.len_utf8())
    }

    fn describe(&self, cx: &Context<'_>) -> String {
        let text = cx.source.text();
        let name = pair_name(self.mark);
        match self.kind {
            Kind::Unclosed => {
                let after = excerpt_after(text, self.at, 20);
                format!(
                    "{name}\"{}\"没有对应的\"{}\":{after}",
                    self.mark,
                    closing(self.mark).unwrap_or(self.mark)
                )
            }
            Kind::Stray => {
                let before = excerpt_before(text, self.at + self.mark.len_utf8(), 20);
                format!(
                    "{name}\"{}\"前面没有对应的\"{}\":{before}",
                    self.mark,
                    opening(self.mark).unwrap_or(self.mark)
                )
            }
            Kind::Reversed => {
                let quoted = &text[self.partner..self.at + self.mark.len_utf8()];
                format!("引号方向有误:\"{quoted}\"的后一个引号应为\"”\"")
            }
        }
    }

    /// The one safe fix, when there is one.
    fn fix(
        &self,
        cx: &Context<'_>,
        clauses: &HashMap<usize, Span>,
        clause_ends: &HashMap<usize, Span>,
    ) -> Option<Fix> {
        let text = cx.source.text();
        match self.kind {
            Kind::Reversed => Some(Fix::replace("改为后引号\"”\"", self.span(), "”")),
            // A responsibility clause opened with `(` that runs to the end
            // of its line: close it there.
            Kind::Unclosed if normalise(self.mark) == '(' => {
                let clause = clauses.get(&self.at)?;
                let line_end = cx.source.line_span(cx.source.line_of(self.at)).end;
                let rest = &text[clause.end..line_end];
                if !rest.chars().all(is_space) {
                    return None;
                }
                Some(Fix::replace(
                    "在责任条款末尾补上\")\"",
                    Span::new(clause.end, clause.end),
                    ")",
                ))
            }
            // A clause after a full stop that ends with a stray `)`: open it
            // after the full stop.
            Kind::Stray if self.mark == ')' || self.mark == '）' => {
                let clause = clause_ends.get(&(self.at + self.mark.len_utf8()))?;
                let before = text[..clause.start].trim_end_matches(is_space);
                if !before.ends_with(['。', ';', '；']) {
                    return None;
                }
                Some(Fix::replace(
                    "在责任条款开头补上\"(\"",
                    Span::new(clause.start, clause.start),
                    "(",
                ))
            }
            _ => None,
        }
    }
}

fn excerpt_after(text: &str, at: usize, chars: usize) -> String {
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let slice = &text[at..line_end];
    let mut out: String = slice.chars().take(chars).collect();
    if slice.chars().count() > chars {
        out.push('…');
    }
    out
}

fn excerpt_before(text: &str, end: usize, chars: usize) -> String {
    let line_start = text[..end].rfind('\n').map_or(0, |i| i + 1);
    let slice = text[line_start..end].trim_start_matches(is_space);
    let count = slice.chars().count();
    let mut out = String::new();
    if count > chars {
        out.push('…');
    }
    out.extend(slice.chars().skip(count.saturating_sub(chars)));
    out
}

/// The unbalanced marks of one paragraph, in order.
fn scan(cx: &Context<'_>, unit: Span, markers: &[Span]) -> Vec<Problem> {
    // Heading markers inside the paragraph: sorted by start.
    let first = markers.partition_point(|m| m.end <= unit.start);
    let markers = &markers[first..];
    let in_marker = |at: usize| {
        markers
            .iter()
            .take_while(|m| m.start <= at)
            .any(|m| m.contains(at))
    };

    let chars = cx.chars(unit);
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut problems = Vec::new();
    for (k, &(at, c)) in chars.iter().enumerate() {
        // Most characters are Han, and no Han character is a mark: one
        // range test before the two lookups.
        if is_han(c) {
            continue;
        }
        let is_open = closing(c).is_some();
        let is_close = opening(c).is_some();
        let is_ascii_quote = c == '"';
        if !(is_open || is_close || is_ascii_quote) || in_marker(at) {
            continue;
        }
        if is_ascii_quote {
            // A straight quote closing a “: its width is F104's business.
            if let Some(pos) = stack.iter().rposition(|&(_, o)| o == '“') {
                problems.extend(stack.drain(pos + 1..).map(|(a, m)| unclosed(a, m)));
                stack.pop();
            }
            continue;
        }
        if c == '’' && is_apostrophe(chars, k) {
            continue;
        }
        if (c == ')' || c == '）') && is_enumeration_marker(chars, k) {
            continue;
        }
        if is_open {
            stack.push((at, c));
            continue;
        }
        let want = opening(c).map(normalise);
        match stack.iter().rposition(|&(_, o)| Some(normalise(o)) == want) {
            Some(pos) => {
                problems.extend(stack.drain(pos + 1..).map(|(a, m)| unclosed(a, m)));
                stack.pop();
            }
            None => problems.push(Problem {
                kind: Kind::Stray,
                at,
                mark: c,
                partner: at,
            }),
        }
    }
    // `“半拉子“工程`: two opening quotes left open next to each other, a few
    // characters apart, are one quotation whose closing quote was typed as an
    // opening one.
    let mut left: Vec<Problem> = Vec::new();
    let mut k = 0;
    while k < stack.len() {
        let (at, c) = stack[k];
        if c == '“'
            && let Some(&(next, '“')) = stack.get(k + 1)
            && short_quotation(cx.text(Span::new(at + c.len_utf8(), next)))
        {
            left.push(Problem {
                kind: Kind::Reversed,
                at: next,
                mark: '“',
                partner: at,
            });
            k += 2;
            continue;
        }
        left.push(unclosed(at, c));
        k += 1;
    }
    problems.extend(left);
    problems.sort_by_key(|p| p.at);
    problems
}

fn unclosed(at: usize, mark: char) -> Problem {
    Problem {
        kind: Kind::Unclosed,
        at,
        mark,
        partner: at,
    }
}

fn short_quotation(inner: &str) -> bool {
    let count = inner.chars().count();
    (1..=12).contains(&count)
        && inner
            .chars()
            .all(|c| is_han(c) || c.is_alphanumeric() || matches!(c, '+' | '·'))
}

/// `’` between two Latin letters (China’s).
fn is_apostrophe(chars: &[(usize, char)], k: usize) -> bool {
    let before = k.checked_sub(1).map(|i| chars[i].1);
    let after = chars.get(k + 1).map(|&(_, c)| c);
    before.is_some_and(|c| c.is_ascii_alphabetic())
        && after.is_some_and(|c| c.is_ascii_alphabetic())
}

/// `1)`, `16)`, `三)` at the start of a paragraph or after 。;:, a
/// half-bracket enumeration marker rather than half of a pair.
fn is_enumeration_marker(chars: &[(usize, char)], k: usize) -> bool {
    let mut j = k;
    while j > 0 && (chars[j - 1].1.is_ascii_digit() || is_cn_digit(chars[j - 1].1)) {
        j -= 1;
    }
    let digits = k - j;
    if digits == 0 || digits > 3 {
        return false;
    }
    j == 0
        || matches!(
            chars[j - 1].1,
            '。' | ';' | '；' | ':' | '：' | ' ' | '\u{3000}' | '\u{2002}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};

    #[test]
    fn fires_on_an_unclosed_title_mark() {
        let text =
            "全面落实《湖北省实施“六大工程”总体方案(鄂政办发〔2024〕3号)部署要求,推动融合发展。\n";
        let found = check(&UnbalancedPair, text);
        assert_eq!(texts(text, &found), ["《"]);
        assert_eq!(
            found[0].message,
            "书名号\"《\"没有对应的\"》\":《湖北省实施“六大工程”总体方案(鄂政办…"
        );
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn fires_on_a_reversed_quote_with_a_fix() {
        let text = "严禁新上项目,分类处置“烂尾楼“工程,加大监督力度。\n";
        let found = check(&UnbalancedPair, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.start, text.rfind('“').unwrap());
        assert_eq!(
            found[0].message,
            "引号方向有误:\"“烂尾楼“\"的后一个引号应为\"”\""
        );
        let fixed = found[0].fix.as_ref().unwrap().apply(text);
        assert!(fixed.contains("“烂尾楼”工程"), "{fixed}");
    }

    #[test]
    fn one_diagnostic_per_line_with_the_rest_related() {
        let text = "推行一证通办”“一照通办”“一码通办”“免证办,推动电子证照应用。\n";
        let found = check(&UnbalancedPair, text);
        assert_eq!(found.len(), 1);
        assert_eq!(texts(text, &found), ["”"]);
        assert_eq!(
            found[0].message,
            "引号\"”\"前面没有对应的\"“\":推行一证通办”;本段另有1处成对标点不成对"
        );
        assert_eq!(found[0].related.len(), 1);
        assert!(
            found[0].related[0]
                .message
                .starts_with("引号\"“\"没有对应的\"”\":“免证办")
        );
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn closes_an_unclosed_responsibility_clause() {
        let text = "二、重点任务\n(一)扩大消费\n1.促进消费。开展促消费活动。(县商务局牵头,县发改局等按职责分工负责\n";
        let found = check(&UnbalancedPair, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(texts(text, &found), ["("]);
        let fixed = found[0].fix.as_ref().unwrap().apply(text);
        assert!(fixed.ends_with("按职责分工负责)\n"), "{fixed}");
    }

    #[test]
    fn opens_a_bare_clause_after_a_full_stop() {
        let text = "二、重点任务\n(一)扩大消费\n1.促进消费。开展促消费活动。县商务局牵头,县发改局等按职责分工负责)\n";
        let found = check(&UnbalancedPair, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(texts(text, &found), [")"]);
        let fixed = found[0].fix.as_ref().expect("a fix").apply(text);
        assert!(fixed.contains("活动。(县商务局牵头"), "{fixed}");
    }

    #[test]
    fn joins_a_notice_title_split_over_two_lines() {
        let text = "衡北县人民政府办公室\n\n关于印发《衡北县实施“六大工程”\n\n总体方案》的通知\n\n各乡镇人民政府、街道办事处:\n";
        assert!(check(&UnbalancedPair, text).is_empty());
    }

    #[test]
    fn two_damaged_clauses_on_adjacent_lines_are_not_joined() {
        let text = "1.排查隐患。开展专项整治。(县应急局牵头,各行业部门按职能分工负责\n\
            2.整治隐患。实行交办制、台账制、销号制),集中攻坚整治。\n";
        let found = check(&UnbalancedPair, text);
        assert_eq!(texts(text, &found), ["(", ")"]);
    }

    #[test]
    fn joins_a_title_folded_over_three_lines() {
        let text = "衡北市人民政府办公室\n关于印发《衡北市推动低空空域管理改革\n促进通用航空高质量发展行动方案\n\
            (2024—2027年)》的通知\n各区县人民政府:\n\
            关于印发 〈 衡北市贯彻落实 〈国 务院关于\n加快建立健全绿色低碳发展\n体系的指导意见 〉 实施方案〉 的通知\n\
            北京市促进低空经济产业高质量发展\n行动方案(\n2024-2027年)\n";
        let found = check(&UnbalancedPair, text);
        assert!(found.is_empty(), "{:?}", texts(text, &found));
    }

    #[test]
    fn joins_a_parenthesis_a_full_stop_kept_apart() {
        let text = "一、重点任务\n(一)园区节能。推进园区改造,提升能效水平。(各市人民政府,市工信局、发改委等按职责分工负责。\n\
            以下均需各市人民政府落实,不再列出)\n(二)城镇节能。推进建筑节能。\n";
        let found = check(&UnbalancedPair, text);
        assert!(found.is_empty(), "{:?}", texts(text, &found));
        // Not across a blank line, nor when the closing line is another item.
        let text = "一、重点任务\n(一)园区节能。推进园区改造,提升能效水平。(各市人民政府,市工信局、发改委等按职责分工负责。\n\n\
            以下均需各市人民政府落实,不再列出)\n(二)城镇节能。推进建筑节能。\n";
        assert_eq!(texts(text, &check(&UnbalancedPair, text)), ["(", ")"]);
    }

    #[test]
    fn near_misses() {
        let text = "一、总体目标\n\
            (一)强化组织领导。根据《市政府办公室关于印发〈衡北市实施“六大工程”总体方案〉的通知》(北政办发〔2024〕5号)精神,落实“‘三保’底线”要求。\n\
            五)实施环境优化提升。聚焦规范执法。\n\
            )着力优服务增便利\n\
            1)更新义务教育学校设备。(牵头单位:县教育局)\n\
            16)加强应急广播体系建设。\n\
            建好用好“湘易办\"超级服务端,推广China’s经验,打造【智慧城市】。\n";
        let found = check(&UnbalancedPair, text);
        assert!(found.is_empty(), "{:?}", texts(text, &found));
    }
}
