//! Numeric targets of a 主要目标 / 总体目标 / 工作目标 section, read by the
//! harness: clauses (split at ，；。) holding exactly one number with a unit
//! after it (`累计创建30家绿色工厂`, `利用率保持在95%以上`), with the year phrase
//! of their sentence (`到2025年`), and the places later in the same part of
//! the document where a restatement could be written.

use super::headings::Heading;
use super::view::{Doc, digit_value, is_digit, is_han};

#[derive(Clone, Debug)]
pub struct Target {
    /// The clause, white space removed.
    pub clause: String,
    /// Character range of the number in `clause`.
    pub num: (usize, usize),
    /// `到2025年` when the clause's sentence has one before it.
    pub year: Option<String>,
    /// Bytes of the clause in the original text.
    pub bytes: (usize, usize),
    /// Lines of the goal section (first, end exclusive) and of its part.
    pub section: (usize, usize),
    pub part_end: usize,
    /// The number is a percentage (%, ％, ‰, 个百分点).
    pub percent: bool,
}

/// Whether a heading's title names a goal section (`主要目标`, `一、攻坚工作目标`,
/// `（二）主要目标。到2025年…`).
pub fn is_goal_title(title: &str) -> bool {
    let head: String = title
        .split(['。', '：', ':', '．', '.'])
        .next()
        .unwrap_or("")
        .to_string();
    head.ends_with("目标") && head.chars().count() <= 8
}

fn is_year_at(cs: &[char], b: usize) -> bool {
    b < cs.len() && matches!(cs[b], '年' | '月' | '日' | '号')
}

/// Numbers in `cs`: (start, end) character ranges of digit runs with an
/// optional decimal part.
fn numbers(cs: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        if is_digit(cs[i]) {
            let a = i;
            while i < cs.len() && is_digit(cs[i]) {
                i += 1;
            }
            if i + 1 < cs.len() && matches!(cs[i], '.' | '．') && is_digit(cs[i + 1]) {
                i += 1;
                while i < cs.len() && is_digit(cs[i]) {
                    i += 1;
                }
            }
            out.push((a, i));
        } else {
            i += 1;
        }
    }
    out
}

const RANGE_MARKS: &[char] = &['-', '—', '－', '～', '~', '至', '–'];

/// The one target number of a clause, if it has exactly one and the clause
/// reads as a target.
pub fn target_number(cs: &[char]) -> Option<(usize, usize)> {
    let s: String = cs.iter().collect();
    if cs.len() > 60
        || [
            "其中", "分别", "年均", "每年", "平均", "各", "每", "该", "其", "此", "上述", "这",
        ]
        .iter()
        .any(|w| s.starts_with(w))
        || ["分别", "年均", "每年", "平均", "第"]
            .iter()
            .any(|w| s.contains(w))
    {
        return None;
    }
    let mut found = None;
    for (a, b) in numbers(cs) {
        let before = (a > 0).then(|| cs[a - 1]);
        let after = cs.get(b).copied();
        if is_year_at(cs, b) {
            continue;
        }
        if before.is_some_and(|c| c.is_ascii_alphabetic())
            || after.is_some_and(|c| c.is_ascii_alphabetic())
        {
            continue;
        }
        // A range (1-2个) or a list of numbers: not one target.
        if before.is_some_and(|c| RANGE_MARKS.contains(&c))
            || after.is_some_and(|c| RANGE_MARKS.contains(&c) || matches!(c, '、' | '，' | ','))
        {
            return None;
        }
        let unit_ok = after.is_some_and(|c| matches!(c, '%' | '％' | '‰') || MEASURES.contains(c));
        if !unit_ok || found.is_some() {
            return None;
        }
        found = Some((a, b));
    }
    let (_, b) = found?;
    // What the number counts, besides verbs, qualifiers and the measure
    // (`力争下降14.5%`, `同比增长12%以上`, `达到15家` are no target on their own).
    let mut measure_end = b;
    while measure_end < cs.len() && MEASURES.contains(cs[measure_end]) {
        measure_end += 1;
    }
    let mut subject: String = cs
        .iter()
        .enumerate()
        .filter(|&(k, c)| !(b..measure_end).contains(&k) && is_han(*c))
        .map(|(_, c)| *c)
        .collect();
    for w in VERBS_AND_QUALIFIERS {
        subject = subject.replace(w, "");
    }
    if subject.chars().count() < 4 {
        return None;
    }
    found
}

/// The first character of a measure after a number (`30家`, `6700万千瓦`,
/// `2个百分点`); a digit before anything else is no target (`完1善`, a
/// footnote mark in a PDF).
const MEASURES: &str = "个家万亿千百十元吨座所项条米亩辆台人次户套张兆瓦小时倍处栋间名场批期只头架艘部种款块根件类级星成公平立标度年";

const VERBS_AND_QUALIFIERS: &[&str] = &[
    "力争",
    "确保",
    "争取",
    "达到",
    "达",
    "下降",
    "降低",
    "增长",
    "提高",
    "提升",
    "超过",
    "突破",
    "不低于",
    "不少于",
    "不超过",
    "保持在",
    "控制在",
    "稳定在",
    "同比",
    "累计",
    "比",
    "较",
    "新增",
    "完成",
    "实现",
    "建成",
    "以上",
    "左右",
    "以内",
    "约",
    "全年",
    "年度",
    "分别",
];

fn parse_number(cs: &[char]) -> (i64, u32) {
    let mut n: i64 = 0;
    let mut decimals = 0;
    let mut frac = false;
    for &c in cs {
        if is_digit(c) {
            n = n * 10 + i64::from(digit_value(c));
            if frac {
                decimals += 1;
            }
        } else {
            frac = true;
        }
    }
    (n, decimals)
}

/// Another number, as a drafter's slip or an outdated figure would give:
/// ×1.2 rounded to the same precision (one step more when that rounds back
/// to the same value); a percentage that would pass 100 goes down by a tenth
/// instead. Written in the same digits (ASCII or full-width).
pub fn changed_number(num: &[char], percent: bool) -> String {
    let (n, d) = parse_number(num);
    let scale = 10i64.pow(d);
    let mut m = ((n as f64) * 1.2).round() as i64;
    if m == n {
        m = n + 1;
    }
    if percent && m > 100 * scale {
        m = n - ((n as f64 * 0.1).round() as i64).max(1);
    }
    let s = if d == 0 {
        m.to_string()
    } else {
        format!("{}.{:0width$}", m / scale, m % scale, width = d as usize)
    };
    let full = num.iter().any(|c| is_digit(*c) && !c.is_ascii_digit());
    if full {
        s.chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32('０' as u32 + (c as u32 - '0' as u32)).unwrap(),
                '.' => '．',
                c => c,
            })
            .collect()
    } else {
        s
    }
}

/// Verbs a drafter restating a target swaps for a synonym (one way when the
/// other direction would not read as the same target). `超过`/`突破` only right
/// before the number (`突破关键核心技术` is another verb).
pub const REWORDS: &[(&str, &str)] = &[
    ("集聚", "汇聚"),
    ("汇聚", "集聚"),
    ("培育", "打造"),
    ("打造", "培育"),
    ("新建", "新增"),
    ("提高", "提升"),
    ("提升", "提高"),
    ("建成", "建设"),
    ("超过", "突破"),
    ("突破", "超过"),
    ("下降", "降低"),
    ("降低", "下降"),
    ("达到", "达"),
    ("引进", "引入"),
    ("引入", "引进"),
    ("完成", "实现"),
];

/// Qualifiers with a synonym, used when the clause has no verb to swap.
pub const REWORD_QUALIFIERS: &[(&str, &str)] = &[
    ("力争", "争取"),
    ("争取", "力争"),
    ("保持在", "稳定在"),
    ("稳定在", "保持在"),
    ("不低于", "不少于"),
    ("不少于", "不低于"),
];

/// The clause with one word before its number replaced by a synonym: the
/// verb nearest the number, else a qualifier.
pub fn reword(clause: &str, num_start: usize) -> Option<String> {
    let cs: Vec<char> = clause.chars().collect();
    let find = |pairs: &[(&'static str, &'static str)]| {
        let mut best: Option<(usize, &str, &str)> = None;
        for (from, to) in pairs {
            let f: Vec<char> = from.chars().collect();
            let adjacent_only = matches!(*from, "超过" | "突破");
            for p in 0..num_start.saturating_sub(f.len() - 1) {
                if !cs[p..].starts_with(&f) || (adjacent_only && p + f.len() != num_start) {
                    continue;
                }
                if best.is_none_or(|(q, bf, _)| p > q || (p == q && from.len() > bf.len())) {
                    best = Some((p, from, to));
                }
            }
        }
        best
    };
    let (p, from, to) = find(REWORDS).or_else(|| find(REWORD_QUALIFIERS))?;
    let n = from.chars().count();
    Some(
        cs[..p]
            .iter()
            .chain(to.chars().collect::<Vec<_>>().iter())
            .chain(cs[p + n..].iter())
            .collect(),
    )
}

/// The restatement to insert: the year phrase, the clause with `clause`
/// replaced, and a full stop.
pub fn restatement(t: &Target, clause: &str) -> String {
    match &t.year {
        Some(y) => format!("{y}，{clause}。"),
        None => format!("{clause}。"),
    }
}

/// The clause with its number changed.
pub fn changed_clause(t: &Target) -> String {
    let cs: Vec<char> = t.clause.chars().collect();
    let new = changed_number(&cs[t.num.0..t.num.1], t.percent);
    cs[..t.num.0]
        .iter()
        .copied()
        .chain(new.chars())
        .chain(cs[t.num.1..].iter().copied())
        .collect()
}

/// The clause with the same number and another qualifier: 力争 and 确保
/// before the number swapped, else a 以上/以内 right after the number and
/// its unit dropped; `None` when the clause has neither.
pub fn changed_qualifier(t: &Target) -> Option<String> {
    let cs: Vec<char> = t.clause.chars().collect();
    let before: String = cs[..t.num.0].iter().collect();
    let number: String = cs[t.num.0..t.num.1].iter().collect();
    let after: String = cs[t.num.1..].iter().collect();
    for (from, to) in [("力争", "确保"), ("确保", "力争")] {
        if let Some(i) = before.rfind(from) {
            let swapped = format!("{}{to}{}", &before[..i], &before[i + from.len()..]);
            return Some(format!("{swapped}{number}{after}"));
        }
    }
    // The unit is at most three characters (个, 万千瓦, 个百分点 …).
    for bound in ["以上", "以内"] {
        let Some(i) = after.find(bound) else { continue };
        if after[..i].chars().count() <= 4 && after[..i].chars().all(|c| !c.is_ascii_digit()) {
            return Some(format!(
                "{before}{number}{}{}",
                &after[..i],
                &after[i + bound.len()..]
            ));
        }
    }
    None
}

/// The end (exclusive) of a goal section: the next heading of the same or a
/// higher level, or the next part.
fn section_end(doc: &Doc, hs: &[Heading], h: &Heading, parts: &[usize]) -> usize {
    let next_part = parts
        .iter()
        .copied()
        .find(|&p| p > h.line)
        .unwrap_or(doc.lines.len());
    hs.iter()
        .find(|x| x.line > h.line && x.level <= h.level)
        .map_or(next_part, |x| x.line.min(next_part))
}

pub fn goal_targets(doc: &Doc, hs: &[Heading], parts: &[usize]) -> Vec<Target> {
    let mut out = Vec::new();
    for h in hs.iter().filter(|h| is_goal_title(&h.title)) {
        let end = section_end(doc, hs, h, parts);
        let part_end = parts
            .iter()
            .copied()
            .find(|&p| p > h.line)
            .unwrap_or(doc.lines.len());
        // View characters of the section after the marker, line marks out.
        let a = doc.vindex(h.marker.1);
        let b = if end < doc.lines.len() {
            doc.vindex(doc.lines[end].start)
        } else {
            doc.view.chars.len()
        };
        let mut cs = Vec::new();
        let mut ix = Vec::new();
        for i in a..b {
            if doc.view.chars[i] != '\n' {
                cs.push(doc.view.chars[i]);
                ix.push(i);
            }
        }
        // Sentences (ended by 。, or by the dash of a `——` item), then
        // clauses.
        let is_dash = |k: usize| cs[k] == '—' && k + 1 < cs.len() && cs[k + 1] == '—';
        // The width of the section's longest line: a line that long and
        // short enough for a page is a PDF's wrap, not a paragraph's end.
        let widths: Vec<usize> = (h.line..end)
            .map(|li| doc.squeezed(li).chars().count())
            .collect();
        let page_width = widths.iter().copied().max().unwrap_or(0);
        // A line that does not end a sentence, or ends one at the page's
        // width, runs on into the next; the heading's line does not when it
        // holds the title alone.
        let wrapped = |li: usize| {
            let w = widths.get(li.wrapping_sub(h.line)).copied().unwrap_or(0);
            let ends = doc
                .squeezed(li)
                .ends_with(['。', '！', '？', '：', ':', '；', ';', '”']);
            let title_only = li == h.line && !doc.squeezed(li).contains('。');
            !title_only && (!ends || (page_width <= 50 && w * 10 >= page_width * 9))
        };
        // The year the current paragraph opens with (`——到2025年，…`).
        // Whether `cs[k]` starts a paragraph: a line the previous one did
        // not wrap into. A paragraph ends a sentence too.
        let paragraph_at = |k: usize| {
            k < cs.len() && {
                let v = ix[k];
                v > 0 && doc.view.chars[v - 1] == '\n' && !wrapped(doc.view.line[v - 1])
            }
        };
        let mut paragraph_year: Option<String> = None;
        let mut s0 = 0;
        for s1 in 0..=cs.len() {
            let terminator = s1 < cs.len() && (matches!(cs[s1], '。' | '！') || is_dash(s1));
            let paragraph = s1 > s0 && paragraph_at(s1);
            // `s0` may have skipped past `s1` (the dashes of a `——`).
            if (s1 < cs.len() && !terminator && !paragraph) || s1 < s0 {
                continue;
            }
            // A sentence opens a paragraph after a `——` or at a paragraph's
            // start.
            let opens_paragraph =
                s0 < cs.len() && (s0 == 0 || cs[s0 - 1] == '—' || paragraph_at(s0));
            if opens_paragraph {
                paragraph_year = opening_year(&cs[s0..s1]);
            }
            let mut c0 = s0;
            for c1 in s0..=s1 {
                if c1 < s1 && !matches!(cs[c1], '，' | ',' | '：' | ':' | '；' | ';') {
                    continue;
                }
                let clause = &cs[c0.min(c1)..c1];
                if let Some(num) = target_number(clause) {
                    let after = clause.get(num.1).copied();
                    let percent = matches!(after, Some('%' | '％' | '‰'))
                        || clause[num.1..].starts_with(&['个', '百', '分', '点']);
                    let year = year_before(&cs[s0..c0]).or_else(|| paragraph_year.clone());
                    out.push(Target {
                        clause: clause.iter().collect(),
                        num,
                        year,
                        bytes: doc.bytes(ix[c0], ix[c1 - 1] + 1),
                        section: (h.line, end),
                        part_end,
                        percent,
                    });
                }
                c0 = c1 + 1;
            }
            s0 = if terminator { s1 + 1 } else { s1 };
            while s0 < cs.len() && cs[s0] == '—' {
                s0 += 1;
            }
        }
    }
    out
}

/// The last `到2025年` / `2025年` / `至2025年底` before a clause in its sentence.
fn year_before(cs: &[char]) -> Option<String> {
    let mut found = None;
    let mut i = 0;
    while i + 4 < cs.len() + 1 {
        if i + 5 <= cs.len() && cs[i..i + 4].iter().all(|c| is_digit(*c)) && cs[i + 4] == '年' {
            let mut a = i;
            for w in ["截至", "截止到", "截止", "到", "至"] {
                let n = w.chars().count();
                if a >= n && cs[a - n..a].iter().copied().eq(w.chars()) {
                    a -= n;
                    break;
                }
            }
            // A target year: `到2025年`, or a year opening the sentence or a
            // clause (`2023年，…`); `比2020年` is a base year.
            let opens = a == 0 || matches!(cs[a - 1], '，' | ',' | '；' | ';');
            if a == i && !opens {
                i += 5;
                continue;
            }
            let mut b = i + 5;
            if b < cs.len() && matches!(cs[b], '底' | '末') {
                b += 1;
            }
            found = Some(cs[a..b].iter().collect::<String>());
            i = b;
        } else {
            i += 1;
        }
    }
    found
}

/// The year phrase a sentence opens with when a clause break follows it
/// (`到2025年，`, `力争到2025年底，`, `2021年，`): the time of the paragraph
/// it opens.
fn opening_year(cs: &[char]) -> Option<String> {
    let mut a = 0;
    for w in ["力争", "争取"] {
        if cs[a..].starts_with(&w.chars().collect::<Vec<_>>()) {
            a += 2;
        }
    }
    let cut = cs[a..]
        .iter()
        .position(|c| matches!(c, '，' | ',' | '：' | ':'))?;
    let phrase = &cs[a..a + cut];
    let year = year_before(phrase)?;
    (year.chars().count() == phrase.len()
        || (phrase.ends_with(&['前']) && year.chars().count() + 1 == phrase.len()))
    .then_some(year)
}

fn has_year(s: &str) -> bool {
    let cs: Vec<char> = s.chars().collect();
    cs.windows(5)
        .any(|w| w[..4].iter().all(|c| is_digit(*c)) && w[4] == '年')
}

/// Byte offsets, right after a 。 outside brackets, in lines after the goal
/// section and before the end of its part, where a sentence can be inserted
/// into a task's paragraph. Lines of goal sections, headings alone, table
/// cells and lines that only hold a responsibility clause are left out. When
/// the restatement has no year, lines under a heading with a year are left out.
pub fn insertion_points(
    doc: &Doc,
    hs: &[Heading],
    t: &Target,
    goal_sections: &[(usize, usize)],
    clause_lines: &[usize],
) -> Vec<usize> {
    let mut out = Vec::new();
    for li in t.section.1..t.part_end {
        if goal_sections.iter().any(|&(a, b)| a <= li && li < b) || clause_lines.contains(&li) {
            continue;
        }
        let sq = doc.squeezed(li);
        if sq.ends_with('|') || sq.contains('\t') || sq.chars().count() < 12 {
            continue;
        }
        if t.year.is_none() {
            let nearest: Vec<&Heading> = hs
                .iter()
                .filter(|h| h.line <= li && h.level <= 2)
                .rev()
                .take(2)
                .collect();
            if nearest.iter().any(|h| has_year(&h.title)) {
                continue;
            }
        }
        let line = doc.lines[li];
        let text = doc.line_text(li);
        let mut depth = 0i32;
        for (o, c) in text.char_indices() {
            match c {
                '（' | '(' | '【' | '[' | '“' | '《' => depth += 1,
                '）' | ')' | '】' | ']' | '”' | '》' => depth -= 1,
                '。' if depth == 0 => {
                    let at = line.start + o + c.len_utf8();
                    // Not the very end of a line that a PDF may have cut
                    // mid-paragraph: any 。 is a sentence end, so it is fine.
                    out.push(at);
                }
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::headings::headings;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn target_clauses() {
        let ok = |s: &str| target_number(&chars(s)).is_some();
        assert!(ok("累计创建30家绿色工厂"));
        assert!(ok("全市主要农作物秸秆综合利用率保持在95%以上"));
        assert!(ok("单位国内生产总值能源消耗比2020年下降13.5%"));
        assert!(!ok("争创国家级创新平台1—2家"));
        assert!(!ok("分别下降8%、8%"));
        assert!(!ok("新增560家企业上云、120家企业上平台"));
        assert!(!ok("建成5G基站"));
        assert!(!ok("其中园区3家"));
        assert!(!ok("达到15家"));
        assert!(!ok("力争下降14.5%"));
        assert!(!ok("同比增长12%以上"));
        assert!(!ok("该比例达到45%"));
        assert!(!ok("通用航空公共服务装备体系基本完1善"));
        assert!(ok("亩均税收增长5%以上"));
        assert!(!ok("总投资1422亿元"));
    }

    #[test]
    fn year_phrases() {
        let y = |s: &str| year_before(&chars(s));
        assert_eq!(y("到2025年，"), Some("到2025年".into()));
        assert_eq!(y("2023年，"), Some("2023年".into()));
        assert_eq!(
            y("到2024年末,全市实有经营主体达到6万户以上,"),
            Some("到2024年末".into())
        );
        assert_eq!(y("全省单位生产总值能耗比2020年下降14%，"), None);
    }

    #[test]
    fn a_paragraph_opening_with_a_year_dates_its_goals() {
        let y = |s: &str| opening_year(&chars(s));
        assert_eq!(y("到2025年，体系建成"), Some("到2025年".into()));
        assert_eq!(y("力争到2025年底，体系建成"), Some("到2025年底".into()));
        assert_eq!(y("2021年，技改工作将突出重点"), Some("2021年".into()));
        assert_eq!(y("2023年以来，工作稳步推进"), None);
        assert_eq!(y("全市2025年，新增"), None);
        let text = "一、年度目标\n——2021年，技改工作突出重点，抓好重点项目。全年安排实施重点技改项目108项，完成技改投资1120亿元以上。\n新增规模以上工业企业入库30家。\n二、重点任务\n（一）推进升级。加快改造。\n";
        let doc = Doc::new(text);
        let hs = headings(&doc);
        let ts = goal_targets(&doc, &hs, &[]);
        let got: Vec<(&str, Option<&str>)> = ts
            .iter()
            .map(|t| (t.clause.as_str(), t.year.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("全年安排实施重点技改项目108项", Some("2021年")),
                ("完成技改投资1120亿元以上", Some("2021年")),
                ("新增规模以上工业企业入库30家", None),
            ]
        );
    }

    #[test]
    fn a_heading_line_with_its_text_wraps_like_any_line() {
        let text = "（二）建设目标。到 2025 年，力争建成近零碳园区、工业\n企业、公共机构、景区共不少于 30 个；建成近零碳社区不少于\n30 个，实现全覆盖。\n三、重点任务\n（一）推进升级。加快改造。\n";
        let doc = Doc::new(text);
        let hs = headings(&doc);
        let ts = goal_targets(&doc, &hs, &[]);
        let got: Vec<(&str, Option<&str>)> = ts
            .iter()
            .map(|t| (t.clause.as_str(), t.year.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "力争建成近零碳园区、工业企业、公共机构、景区共不少于30个",
                    Some("到2025年")
                ),
                ("建成近零碳社区不少于30个", Some("到2025年")),
            ]
        );
    }

    #[test]
    fn numbers_change_realistically() {
        assert_eq!(changed_number(&chars("30"), false), "36");
        assert_eq!(changed_number(&chars("1"), false), "2");
        assert_eq!(changed_number(&chars("13.5"), true), "16.2");
        assert_eq!(changed_number(&chars("95"), true), "85");
        assert_eq!(changed_number(&chars("２４７"), false), "２９６");
        assert_eq!(changed_number(&chars("0.5"), false), "0.6");
    }

    #[test]
    fn qualifiers_change() {
        let t = |clause: &str, digit: char| {
            let cs: Vec<char> = clause.chars().collect();
            let a = cs.iter().position(|&c| c == digit).unwrap();
            let b = a + cs[a..]
                .iter()
                .take_while(|c| c.is_ascii_digit() || **c == '.')
                .count();
            Target {
                clause: clause.to_string(),
                num: (a, b),
                year: None,
                bytes: (0, 0),
                section: (0, 0),
                part_end: 0,
                percent: false,
            }
        };
        let q = |clause: &str, digit: char| changed_qualifier(&t(clause, digit));
        assert_eq!(
            q("力争新增规模以上工业企业20家", '2').unwrap(),
            "确保新增规模以上工业企业20家"
        );
        assert_eq!(
            q("确保培育省级专精特新企业12家", '1').unwrap(),
            "力争培育省级专精特新企业12家"
        );
        assert_eq!(q("建成充电桩500个以上", '5').unwrap(), "建成充电桩500个");
        assert_eq!(
            q("单位能耗下降13.5%以内", '1').unwrap(),
            "单位能耗下降13.5%"
        );
        // 规模以上 is a word of the subject, not the bound.
        assert!(q("新增规模以上工业企业20家", '2').is_none());
    }

    #[test]
    fn rewording() {
        let c = "绿色新兴产业总产值突破8000亿元";
        let n = c.chars().position(|c| c == '8').unwrap();
        assert_eq!(reword(c, n).unwrap(), "绿色新兴产业总产值超过8000亿元");
        let c = "规模以上工业单位增加值能耗下降13.5%";
        let n = c.chars().position(|c| c == '1').unwrap();
        assert_eq!(reword(c, n).unwrap(), "规模以上工业单位增加值能耗降低13.5%");
        assert!(reword("高新技术企业数量增长到30家", 11).is_none());
        // The verb nearest the number, not a word of the subject.
        let c = "绿色建筑占新建民用建筑比例达到35%";
        let n = c.chars().position(|c| c == '3').unwrap();
        assert_eq!(reword(c, n).unwrap(), "绿色建筑占新建民用建筑比例达35%");
        // 突破 a technology is no 超过.
        let c = "突破关键核心技术1项以上";
        assert!(reword(c, 8).is_none());
        // A qualifier only when there is no verb.
        let c = "力争全社会研发经费投入增长8%以上";
        let n = c.chars().position(|c| c == '8').unwrap();
        assert_eq!(reword(c, n).unwrap(), "争取全社会研发经费投入增长8%以上");
    }

    #[test]
    fn goal_section_targets_and_places() {
        let text = "二、主要目标\n到 2025 年，全市累计创建 30 家绿色工厂，能源消费总量得到\n合理控制，可再生能源装机达到\n6700 万千瓦。\n三、重点任务\n（一）推进升级。加快改造。支持企业发展。\n（二）2023年工作。完成改造。\n";
        let doc = Doc::new(text);
        let hs = headings(&doc);
        let ts = goal_targets(&doc, &hs, &[]);
        let got: Vec<(&str, Option<&str>)> = ts
            .iter()
            .map(|t| (t.clause.as_str(), t.year.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("全市累计创建30家绿色工厂", Some("到2025年")),
                ("可再生能源装机达到6700万千瓦", Some("到2025年")),
            ]
        );
        assert_eq!(
            &text[ts[1].bytes.0..ts[1].bytes.1],
            "可再生能源装机达到\n6700 万千瓦"
        );
        assert_eq!(
            restatement(&ts[0], &changed_clause(&ts[0])),
            "到2025年，全市累计创建36家绿色工厂。"
        );
        let sections = vec![ts[0].section];
        let pts = insertion_points(&doc, &hs, &ts[0], &sections, &[]);
        // After each 。 of the task lines (none in the goal section).
        assert_eq!(pts.len(), 5);
        assert!(
            pts.iter()
                .all(|&p| text[..p].ends_with('。') && p > ts[1].bytes.1)
        );
        // Without a year, the line under a heading with a year is left out.
        let mut t = ts[0].clone();
        t.year = None;
        assert_eq!(insertion_points(&doc, &hs, &t, &sections, &[]).len(), 3);
    }
}
