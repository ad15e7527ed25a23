//! Heading markers at the start of a line (`一、` `（一）` `1.` `（1）` `①`),
//! read by the harness itself, and the sibling sequences they form: runs of
//! one level numbered 1, 2, 3, … without a gap.

use super::view::{Doc, digit_value, is_digit, is_space};

#[derive(Clone, Debug)]
pub struct Heading {
    pub line: usize,
    /// 1 `一、`, 2 `（一）`, 3 `1.`, 4 `（1）`, 5 `①`.
    pub level: u8,
    pub value: u32,
    /// Bytes of the whole marker (brackets and 、 included).
    pub marker: (usize, usize),
    /// Bytes of the number inside the marker.
    pub numeral: (usize, usize),
    /// The number is written in full-width digits.
    pub fullwidth: bool,
    /// The rest of the line, white space removed.
    pub title: String,
}

const CN: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

pub fn chinese_value(s: &str) -> Option<u32> {
    let cs: Vec<char> = s.chars().collect();
    let d = |c: char| CN.iter().position(|x| *x == c).map(|v| v as u32);
    match cs.as_slice() {
        [a] if *a == '十' => Some(10),
        [a] => d(*a).filter(|v| *v > 0),
        ['十', b] => d(*b).filter(|v| *v > 0).map(|v| 10 + v),
        [a, '十'] => d(*a).filter(|v| *v > 1).map(|v| v * 10),
        [a, '十', b] => Some(d(*a).filter(|v| *v > 1)? * 10 + d(*b).filter(|v| *v > 0)?),
        _ => None,
    }
}

pub fn chinese_numeral(v: u32) -> String {
    let d = |n: u32| CN[n as usize].to_string();
    match v {
        1..=9 => d(v),
        10 => "十".into(),
        11..=19 => format!("十{}", d(v - 10)),
        _ if v.is_multiple_of(10) => format!("{}十", d(v / 10)),
        _ => format!("{}十{}", d(v / 10), d(v % 10)),
    }
}

pub fn circled(v: u32) -> Option<char> {
    (1..=20)
        .contains(&v)
        .then(|| char::from_u32('①' as u32 + v - 1).unwrap())
}

/// The number `v` written as the heading's own number was.
pub fn numeral_like(h: &Heading, v: u32) -> String {
    match h.level {
        1 | 2 => chinese_numeral(v),
        5 => circled(v).unwrap().to_string(),
        _ if h.fullwidth => v
            .to_string()
            .chars()
            .map(|c| char::from_u32('０' as u32 + c.to_digit(10).unwrap()).unwrap())
            .collect(),
        _ => v.to_string(),
    }
}

/// The heading marker at the start of line `li`, if any.
pub fn parse_heading(doc: &Doc, li: usize) -> Option<Heading> {
    let line = doc.lines[li];
    let text = &doc.text[line.start..line.end];
    let cs: Vec<(usize, char)> = text
        .char_indices()
        .map(|(o, c)| (line.start + o, c))
        .collect();
    let mut i = 0;
    let skip = |i: &mut usize| {
        while *i < cs.len() && is_space(cs[*i].1) {
            *i += 1;
        }
    };
    skip(&mut i);
    if i >= cs.len() {
        return None;
    }
    let start = cs[i].0;
    let end_of = |k: usize| cs[k].0 + cs[k].1.len_utf8();
    let (level, value, numeral, fullwidth, after);
    let c0 = cs[i].1;
    if c0 == '(' || c0 == '（' {
        let mut k = i + 1;
        skip(&mut k);
        let ns = k;
        while k < cs.len() && (CN.contains(&cs[k].1) || cs[k].1 == '十' || is_digit(cs[k].1)) {
            k += 1;
        }
        if k == ns || k - ns > 3 {
            return None;
        }
        let num: String = cs[ns..k].iter().map(|x| x.1).collect();
        let ne = k;
        skip(&mut k);
        if k >= cs.len() || !(cs[k].1 == ')' || cs[k].1 == '）') {
            return None;
        }
        numeral = (cs[ns].0, end_of(ne - 1));
        if num.chars().all(is_digit) {
            level = 4;
            fullwidth = num.chars().any(|c| !c.is_ascii_digit());
            value = num.chars().fold(0, |a, c| a * 10 + digit_value(c));
        } else {
            level = 2;
            fullwidth = false;
            value = chinese_value(&num)?;
        }
        after = k + 1;
    } else if CN.contains(&c0) || c0 == '十' {
        let mut k = i;
        while k < cs.len() && (CN.contains(&cs[k].1) || cs[k].1 == '十') {
            k += 1;
        }
        let num: String = cs[i..k].iter().map(|x| x.1).collect();
        let ne = k;
        skip(&mut k);
        if k >= cs.len() || cs[k].1 != '、' {
            return None;
        }
        level = 1;
        value = chinese_value(&num)?;
        numeral = (cs[i].0, end_of(ne - 1));
        fullwidth = false;
        after = k + 1;
    } else if is_digit(c0) {
        let mut k = i;
        while k < cs.len() && is_digit(cs[k].1) {
            k += 1;
        }
        if k - i > 3 {
            return None;
        }
        let ne = k;
        skip(&mut k);
        if k >= cs.len() || !matches!(cs[k].1, '.' | '．' | '、') {
            return None;
        }
        let mut n = k + 1;
        skip(&mut n);
        if n >= cs.len() || is_digit(cs[n].1) {
            return None;
        }
        level = 3;
        value = cs[i..ne].iter().fold(0, |a, x| a * 10 + digit_value(x.1));
        numeral = (cs[i].0, end_of(ne - 1));
        fullwidth = cs[i..ne].iter().any(|x| !x.1.is_ascii_digit());
        after = k + 1;
    } else if ('①'..='⑳').contains(&c0) {
        level = 5;
        value = c0 as u32 - '①' as u32 + 1;
        numeral = (cs[i].0, end_of(i));
        fullwidth = false;
        after = i + 1;
    } else {
        return None;
    }
    if value == 0 {
        return None;
    }
    let marker = (start, end_of(after - 1));
    let title: String = cs[after..]
        .iter()
        .map(|x| x.1)
        .filter(|c| !is_space(*c))
        .collect();
    // A heading has words after its marker (a digit after `1.` was ruled
    // out above: `2.5万吨`).
    let first = title.chars().next()?;
    if matches!(first, '%' | '％' | '.' | '．' | '、' | '|') {
        return None;
    }
    Some(Heading {
        line: li,
        level,
        value,
        marker,
        numeral,
        fullwidth,
        title,
    })
}

pub fn headings(doc: &Doc) -> Vec<Heading> {
    (0..doc.lines.len())
        .filter_map(|li| parse_heading(doc, li))
        .collect()
}

/// Sibling sequences: for each level, maximal runs numbered 1, 2, …, n
/// (n ≥ 3), as indices into `hs`. Lines in `excluded` (the 附件说明) are left
/// out.
pub fn sequences(hs: &[Heading], excluded: &[usize]) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    for level in 1..=5u8 {
        let mut run: Vec<usize> = Vec::new();
        let mut finish = |run: &mut Vec<usize>| {
            if run.len() >= 3 && hs[run[0]].value == 1 {
                out.push(std::mem::take(run));
            }
            run.clear();
        };
        for (i, h) in hs.iter().enumerate() {
            if h.level != level || excluded.contains(&h.line) {
                continue;
            }
            if run.last().is_some_and(|&p| hs[p].value + 1 == h.value) {
                run.push(i);
            } else {
                finish(&mut run);
                run.push(i);
            }
        }
        finish(&mut run);
    }
    out.sort_by_key(|s| hs[s[0]].line);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        for v in 1..=99 {
            assert_eq!(chinese_value(&chinese_numeral(v)), Some(v), "{v}");
        }
        assert_eq!(chinese_value("二十三"), Some(23));
        assert_eq!(chinese_value("一十"), None);
    }

    #[test]
    fn markers() {
        let text = "一、总体要求\n（ 二） 主要目标。到2025年\n3．推进改造\n2.5万吨以上\n(12)做好\n③加强\n二是加强\n１２、全角\n";
        let doc = Doc::new(text);
        let hs = headings(&doc);
        let got: Vec<(u8, u32, &str)> = hs
            .iter()
            .map(|h| (h.level, h.value, &text[h.numeral.0..h.numeral.1]))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, 1, "一"),
                (2, 2, "二"),
                (3, 3, "3"),
                (4, 12, "12"),
                (5, 3, "③"),
                (3, 12, "１２")
            ]
        );
        assert_eq!(&text[hs[1].marker.0..hs[1].marker.1], "（ 二）");
        assert_eq!(numeral_like(&hs[5], 7), "７");
    }

    #[test]
    fn sibling_runs() {
        let text = "一、甲\n（一）子\n（二）子\n1.任务\n2.任务\n（三）子\n二、乙\n三、丙\n（一）再\n1.一\n附件：1.方案甲\n2.方案乙\n3.方案丙\n";
        let doc = Doc::new(text);
        let hs = headings(&doc);
        let seqs = sequences(&hs, &[11, 12]);
        let got: Vec<Vec<u32>> = seqs
            .iter()
            .map(|s| s.iter().map(|&i| hs[i].value).collect())
            .collect();
        // 一 二 三 and (一)(二)(三); 1. 2. is too short; the 附件说明 is excluded.
        assert_eq!(got, vec![vec![1, 2, 3], vec![1, 2, 3]]);
    }
}
