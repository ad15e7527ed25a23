//! Dates written with digits in running text (2024年4月17日, 4月17日,
//! 2024年3月底前), shared by the date rules (D101, D102).

use plan_lint_core::Span;
use plan_lint_core::text::{digit_value, is_space};

/// One number and the unit after it: `2024年`, `4月`, `17日`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    pub value: u32,
    pub digits: usize,
    pub unit: char,
    pub span: Span,
}

/// A run of numbers with date units, written one after the other
/// (spaces allowed between): `2024年4月17日`, `4月`, `2026月3月26日`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chain {
    pub parts: Vec<Part>,
    pub span: Span,
}

impl Chain {
    pub fn units(&self) -> String {
        self.parts.iter().map(|p| p.unit).collect()
    }
}

/// The chains of the whole document, read once for every rule that asks.
pub struct DocumentChains(pub Vec<Chain>);

/// The document's chains (see [`chains`]), shared through the context.
pub fn document_chains(cx: &crate::rule::Context<'_>) -> std::rc::Rc<DocumentChains> {
    cx.memo(|| DocumentChains(chains(cx.source.text(), 0)))
}

/// Every chain of `text` outside 《》 (a cited title's dates are that
/// document's business). `offset` is added to every span.
pub fn chains(text: &str, offset: usize) -> Vec<Chain> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        match c {
            '《' => depth += 1,
            '》' => depth = depth.saturating_sub(1),
            '\n' => depth = 0,
            _ => {}
        }
        let after_number = i > 0 && {
            let p = chars[i - 1].1;
            digit_value(p).is_some() || matches!(p, '.' | '．')
        };
        if depth > 0 || digit_value(c).is_none() || after_number {
            i += 1;
            continue;
        }
        let mut parts = Vec::new();
        let mut j = i;
        while let Some((part, next)) = read_part(&chars, j, text.len()) {
            parts.push(Part {
                span: Span::new(part.span.start + offset, part.span.end + offset),
                ..part
            });
            j = next;
            // Spaces between the parts; then the next part must start.
            let mut k = j;
            while k < chars.len() && is_space(chars[k].1) {
                k += 1;
            }
            if k < chars.len() && digit_value(chars[k].1).is_some() {
                j = k;
            } else {
                break;
            }
        }
        if parts.is_empty() {
            i += 1;
            continue;
        }
        let span = Span::new(parts[0].span.start, parts[parts.len() - 1].span.end);
        out.push(Chain { parts, span });
        i = j.max(i + 1);
    }
    out
}

/// A number at `i` followed (after spaces) by 年, 月 or 日; the part and
/// the index after its unit.
fn read_part(chars: &[(usize, char)], i: usize, len: usize) -> Option<(Part, usize)> {
    let mut j = i;
    let mut value: u32 = 0;
    while j < chars.len()
        && let Some(d) = digit_value(chars[j].1)
    {
        value = value.saturating_mul(10).saturating_add(u32::from(d));
        j += 1;
    }
    let digits = j - i;
    if digits == 0 || digits > 4 {
        return None;
    }
    while j < chars.len() && is_space(chars[j].1) {
        j += 1;
    }
    let &(at, unit) = chars.get(j)?;
    if !matches!(unit, '年' | '月' | '日') {
        return None;
    }
    let end = chars.get(j + 1).map_or(len, |&(e, _)| e);
    debug_assert!(at < end);
    Some((
        Part {
            value,
            digits,
            unit,
            span: Span::new(chars[i].0, end),
        },
        j + 1,
    ))
}

pub fn is_leap(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Days in a month; February has 29 when the year is unknown.
pub fn days_in_month(year: Option<u32>, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str) -> Vec<String> {
        chains(text, 0).iter().map(Chain::units).collect()
    }

    #[test]
    fn reads_chains() {
        assert_eq!(units("于2024年4月17日前完成"), ["年月日"]);
        assert_eq!(units("到 2025 年 6 月底"), ["年月"]);
        assert_eq!(units("2026月3月26日"), ["月月日"]);
        assert_eq!(units("每月1-20日,3个月"), ["日"]);
        assert_eq!(units("《2030年前碳达峰行动方案》"), Vec::<String>::new());
        assert_eq!(units("13.5月"), Vec::<String>::new());
        assert_eq!(units("２０２２年３月２４日"), ["年月日"]);
    }

    #[test]
    fn counts_days() {
        assert_eq!(days_in_month(Some(2023), 2), 28);
        assert_eq!(days_in_month(Some(2024), 2), 29);
        assert_eq!(days_in_month(Some(1900), 2), 28);
        assert_eq!(days_in_month(None, 2), 29);
        assert_eq!(days_in_month(None, 13), 0);
    }
}
