//! Hard wraps: whether a text was broken into lines at a page width (as PDF
//! extraction does), and which line breaks are such wraps rather than the
//! ends of paragraphs.

use super::lines::{self, Line};
use crate::text::{is_cn_number_start, is_digit, is_han, is_space};

/// How far short of the page width a wrapped line may end: a number or a
/// Latin word is never broken, and punctuation may not start a line, so a
/// line can end up to a few columns early.
const SLACK: usize = 6;

/// The narrowest and widest page a printout is wrapped at, in half-width
/// columns (15 and 70 Chinese characters).
const MIN_WIDTH: usize = 30;
const MAX_WIDTH: usize = 140;

/// How a text is laid out.
#[derive(Clone, Copy, Debug, Default)]
pub struct Layout {
    /// The page width in half-width columns, when the text is hard wrapped.
    pub width: Option<usize>,
    /// Whether a space at the end of a line marks the end of a paragraph
    /// (what pypdf gives: wrapped lines end without one).
    pub trailing_space_ends_paragraphs: bool,
}

impl Layout {
    /// Finds the page width: many lines of (nearly) the same width, the
    /// widest such cluster, and a width a printed page has.
    pub fn detect(text: &str, lines: &[Line], content: &[usize]) -> Layout {
        // A character takes at most four bytes and at least one column per
        // two bytes, so a line of more than twice the widest page in bytes
        // is wider than any page: it counts, but its width is not needed.
        const TOO_WIDE: usize = 2 * (MAX_WIDTH + 1);
        let mut considered = 0;
        let mut counts = std::collections::BTreeMap::<usize, usize>::new();
        for &i in content {
            let line = &text[lines[i].trimmed.start..lines[i].trimmed.end];
            if line.len() > TOO_WIDE {
                considered += 1;
                continue;
            }
            let w = lines::width(line);
            considered += usize::from(w >= 10);
            if w >= 20 {
                *counts.entry(w).or_default() += 1;
            }
        }
        // For each width, the lines within SLACK below it (and one above).
        let mut best: Option<(usize, usize)> = None;
        for &w in counts.keys() {
            let n: usize = counts
                .range(w.saturating_sub(SLACK)..=w + 1)
                .map(|(_, n)| n)
                .sum();
            if best.is_none_or(|(_, m)| n >= m) {
                best = Some((w, n));
            }
        }
        let width = best.and_then(|(w, n)| {
            let enough = n >= 8 && n * 10 >= considered * 3;
            (enough && (MIN_WIDTH..=MAX_WIDTH).contains(&w)).then_some(w)
        });
        let trailing_space_ends_paragraphs =
            width.is_some() && trailing_space_signal(text, lines, content);
        Layout {
            width,
            trailing_space_ends_paragraphs,
        }
    }

    /// Whether the break between content line `a` and the next content
    /// line `b` is a hard wrap inside a paragraph. `open` holds the pairs
    /// the paragraph so far (`a` included) leaves open; `first` is whether
    /// `a` starts its paragraph (and so may be indented).
    pub fn joins(
        &self,
        a: &str,
        b: &str,
        a_ends_with_space: bool,
        open: &[char],
        first: bool,
    ) -> bool {
        let Some(width) = self.width else {
            return false;
        };
        if b.is_empty() || starts_block(b) {
            return false;
        }
        let closes = closes_open_pair(open, b);
        let last = a.chars().last().unwrap_or(' ');
        if matches!(last, '。' | '！' | '？' | '!' | '?') {
            return false;
        }
        // A colon ends an addressee or a lead-in (…如下：) unless it is
        // inside a bracket (（责任单位： cut by the wrap).
        if matches!(last, '：' | ':') && open.is_empty() {
            return false;
        }
        // A scrap of a line wrapped twice (`发`, `神，认`): the rest of its
        // sentence follows.
        if !first && lines::width(a) <= FRAGMENT && (is_han(last) || matches!(last, '，' | '、'))
        {
            return true;
        }
        if self.trailing_space_ends_paragraphs {
            if a_ends_with_space {
                return closes;
            }
            return closes || lines::width(a) * 5 >= width * 3;
        }
        // The first line of a paragraph is indented two characters.
        let indent = if first { INDENT } else { 0 };
        lines::width(a) + SLACK + indent >= width || closes
    }
}

/// How much narrower the first line of a paragraph is: two full-width
/// characters of indentation.
const INDENT: usize = 4;

/// The widest scrap a second wrap leaves of a line.
const FRAGMENT: usize = 8;

/// The pairs a paragraph leaves open after `text`, added to `open`.
pub fn track_pairs(open: &mut Vec<char>, text: &str) {
    for c in text.chars() {
        if PAIRS.iter().any(|(o, _)| *o == c) {
            open.push(c);
        } else if let Some(&(o, _)) = PAIRS.iter().find(|(_, cl)| *cl == c)
            && let Some(at) = open.iter().rposition(|&x| x == o)
        {
            open.truncate(at);
        }
    }
}

const PAIRS: [(char, char); 6] = [
    ('《', '》'),
    ('（', '）'),
    ('“', '”'),
    ('(', ')'),
    ('【', '】'),
    ('〔', '〕'),
];

/// Whether `b` closes the innermost pair left open before it (before it
/// opens another of the same kind): a title or bracket cut by the wrap.
fn closes_open_pair(open: &[char], b: &str) -> bool {
    let Some(&innermost) = open.last() else {
        return false;
    };
    let Some(&(_, close)) = PAIRS.iter().find(|(o, _)| *o == innermost) else {
        return false;
    };
    match (b.find(close), b.find(innermost)) {
        (Some(c), Some(o)) => c < o,
        (Some(_), None) => true,
        _ => false,
    }
}

/// Whether pypdf's signal holds: lines ending a sentence end with a space,
/// lines broken mid-sentence do not.
fn trailing_space_signal(text: &str, lines: &[Line], content: &[usize]) -> bool {
    let (mut ends, mut ends_spaced, mut mids, mut mids_spaced) = (0, 0, 0, 0);
    for &i in content {
        let line = &lines[i];
        let body = &text[line.trimmed.start..line.trimmed.end];
        let spaced = ends_with_space(text, line);
        match body.chars().last() {
            Some('。') => {
                ends += 1;
                ends_spaced += spaced as usize;
            }
            Some(c) if !matches!(c, '：' | '；' | ':' | ';') && !c.is_ascii_digit() => {
                mids += 1;
                mids_spaced += spaced as usize;
            }
            _ => {}
        }
    }
    ends >= 5 && ends_spaced * 10 >= ends * 8 && mids_spaced * 10 <= mids * 5
}

fn ends_with_space(text: &str, line: &Line) -> bool {
    text[line.span.start..line.span.end].ends_with(is_space)
}

/// Whether a line starts with a heading marker (a bullet is not one).
pub fn starts_heading(line: &str) -> bool {
    let s = line.trim_start_matches(is_space);
    starts_block(s) && !s.starts_with(['●', '■', '◆', '•', '▲', '★'])
}

/// Whether a line starts a new block: a heading marker (一、 （一） 1. （1） ①
/// 第一章 第一条), an attachment label, a goal paragraph (——到2025年) or a
/// bullet.
pub fn starts_block(line: &str) -> bool {
    let s = line.trim_start_matches(is_space);
    let mut chars = s.chars().peekable();
    let Some(first) = chars.next() else {
        return false;
    };
    let numeral = |c: char| is_cn_number_start(c) || c == '百';
    let digit = is_digit;
    match first {
        '（' | '(' => {
            let inner: String = chars
                .by_ref()
                .take_while(|&c| !matches!(c, '）' | ')'))
                .filter(|&c| !is_space(c))
                .collect();
            let n = inner.chars().count();
            (1..=4).contains(&n) && (inner.chars().all(numeral) || inner.chars().all(digit))
        }
        '①'..='⑳' | '●' | '■' | '◆' | '•' | '▲' | '★' => true,
        '—' => s.starts_with("——"),
        '第' => {
            let rest: String = chars.take_while(|&c| !is_space(c)).collect();
            let n = rest.chars().take_while(|&c| numeral(c) || digit(c)).count();
            n > 0
                && rest
                    .chars()
                    .nth(n)
                    .is_some_and(|c| "章节条部篇".contains(c))
        }
        '附' => s.starts_with("附件") || s.starts_with("附表"),
        c if numeral(c) => {
            let rest = s.trim_start_matches(numeral);
            rest.starts_with('、')
        }
        c if digit(c) => {
            let rest = s.trim_start_matches(digit);
            let mut r = rest.chars();
            match r.next() {
                Some('、') | Some('）') | Some(')') => true,
                Some('.') | Some('．') => r.next().is_some_and(|c| !digit(c)),
                _ => false,
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_starts() {
        for line in [
            "一、总体要求",
            "（一）指导思想",
            "(3)加强",
            "（ 二） 推 进",
            "1.建立",
            "2．完善",
            "12、推进",
            "①加强",
            "第一章 总则",
            "第十二条 本办法",
            "附件1",
            "——到2025年",
        ] {
            assert!(starts_block(line), "{line}");
        }
        for line in [
            "2.5万吨",
            "1120亿元以上",
            "（以下简称“能耗双控”）",
            "第一批试点",
            "二氧化碳",
            "二是加强",
            "十四五",
        ] {
            assert!(!starts_block(line), "{line}");
        }
    }

    #[test]
    fn a_title_cut_by_the_wrap_closes_on_the_next_line() {
        let open = |text: &str| {
            let mut open = Vec::new();
            track_pairs(&mut open, text);
            open
        };
        assert!(closes_open_pair(
            &open("关于印发《佛山市绿色建筑创建行动实施方"),
            "案（2022-2025）》的通知"
        ));
        assert!(!closes_open_pair(
            &open("关于印发《方案》的通知"),
            "各区人民政府："
        ));
        assert!(!closes_open_pair(&open("（一）加强（"), "领导"));
    }
}
