use std::collections::{HashMap, HashSet};

use plan_lint_core::Span;
use plan_lint_core::model::Document;
use plan_lint_core::text::is_numeral;

use super::content_lines::content_lines;
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 引号里的口号或工作名称在同一份文件里写成了两个几乎相同的样子:
    /// `“制造立市、文旅兴城”` 与 `“制造强市、文旅兴城”`。两种写法算“几乎
    /// 相同”的条件是:至少五个字、只差一个字(改一个字,或在中间多一个字);
    /// 或者至少八个字、只差相邻的两个字。规则包给出规范写法
    /// (`slogans`)时,与规范写法几乎相同而不相同的引用也报告。
    ///
    /// ## 为什么是问题
    /// 口号和工作名称是上级文件确定的固定说法,同一份文件里写法不一,
    /// 说明至少有一处抄错了。
    ///
    /// ## 例子
    /// ```text
    /// 深入落实市委“制造立市、文旅兴城”发展战略……
    /// 围绕“制造强市、文旅兴城”战略……
    /// ```
    /// 写法较少的一处被报告,写法较多的一处作为相关位置。规则包给出规范
    /// 写法时,修复改为规范写法;没有规范写法时,只有多数写法至少出现三次、
    /// 且是少数写法的两倍以上才给出修复。
    ///
    /// ## 不报的情形
    /// - 同一句里并列的一组口号:`“一证通办”“一照通办”“一码通办”`、
    ///   `“十个统筹”“十个着力”`(两种写法出现在同一行时不比较);
    /// - 四个字以内的短语:`“三资”“三化”`、`“湘商大会”“衡商大会”`;
    /// - 一个包含另一个:`“一主一特”` 与 `“一主一特双总部”`;
    /// - 数字或数词不同:`“1+N”` 与 `“1+13”`、`“十三五”` 与 `“十四五”`、
    ///   `“三必上”` 与 `“五必上”`;
    /// - 只差省、市、县这类层级字:`“建设制造强省”` 与 `“建设制造强市”`。
    ///
    /// English: a quoted slogan or programme name in two near-identical forms
    /// in one document (one character apart from five characters on, two
    /// adjacent characters from eight on), or near a pack's canonical form.
    pub struct SloganVariant {
        code: "W102",
        name: "slogan-variant",
        severity: Warning,
        summary: "a quoted slogan or programme name in two near-identical forms in one document",
    }
}

impl Rule for SloganVariant {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let quotes = quotations(doc, cx);
        // Occurrences by form, in document order.
        let mut forms: Vec<Form> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for q in &quotes {
            let i = *index.entry(q.text.as_str()).or_insert_with(|| {
                forms.push(Form {
                    text: q.text.clone(),
                    chars: q.text.chars().collect(),
                    at: Vec::new(),
                    lines: HashSet::new(),
                });
                forms.len() - 1
            });
            forms[i].at.push(q.inner);
            forms[i].lines.insert(q.line);
        }
        let canonical: Vec<Vec<char>> = cx
            .settings
            .slogans
            .iter()
            .map(|s| s.chars().collect())
            .collect();
        let is_canonical = |f: &Form| cx.settings.slogans.contains(&f.text);

        let mut out = Vec::new();
        let mut reported: HashSet<usize> = HashSet::new();
        // Against the pack's canonical forms.
        for (i, form) in forms.iter().enumerate() {
            if is_canonical(form) {
                continue;
            }
            let Some(right) = canonical.iter().position(|c| is_variant(&form.chars, c)) else {
                continue;
            };
            let right = &cx.settings.slogans[right];
            // The canonical form next to it on a line: a series, not a slip.
            if let Some(&j) = index.get(right.as_str())
                && !forms[j].lines.is_disjoint(&form.lines)
            {
                continue;
            }
            reported.insert(i);
            for &span in &form.at {
                let message = format!(
                    "口号与规范写法不一致:此处为“{}”,规范写法为“{right}”",
                    form.text
                );
                let mut diagnostic = cx.diagnostic(&Self::META, span, message);
                if let Some(&j) = index.get(right.as_str()) {
                    diagnostic = diagnostic
                        .with_related(forms[j].at[0], format!("规范写法“{right}”出现在这里"));
                }
                out.push(diagnostic.with_fix(Fix::replace(
                    format!("改为“{right}”"),
                    span,
                    right.clone(),
                )));
            }
        }
        // Two forms within the document.
        for (a, b) in candidate_pairs(&forms) {
            if reported.contains(&a) || reported.contains(&b) {
                continue;
            }
            let (fa, fb) = (&forms[a], &forms[b]);
            if is_canonical(fa) && is_canonical(fb)
                || !fa.lines.is_disjoint(&fb.lines)
                || !is_variant(&fa.chars, &fb.chars)
            {
                continue;
            }
            // The majority is taken as right; on a tie, the earlier form.
            let (major, minor) = match (is_canonical(fa), is_canonical(fb)) {
                (true, _) => (a, b),
                (_, true) => (b, a),
                _ if fb.at.len() > fa.at.len() => (b, a),
                _ => (a, b),
            };
            reported.insert(minor);
            let (major, minor) = (&forms[major], &forms[minor]);
            let first = major.at[0];
            let where_ = if major.at.len() > 1 {
                format!("第{}行等{}处", cx.line(first.start), major.at.len())
            } else {
                format!("第{}行", cx.line(first.start))
            };
            let fixable = is_canonical(major)
                || (major.at.len() >= 3 && major.at.len() >= 2 * minor.at.len());
            for &span in &minor.at {
                let message = format!(
                    "口号写法前后不一致:此处为“{}”,{where_}为“{}”",
                    minor.text, major.text
                );
                let mut diagnostic = cx
                    .diagnostic(&Self::META, span, message)
                    .with_related(first, format!("这里写作“{}”", major.text));
                if fixable {
                    diagnostic = diagnostic.with_fix(Fix::replace(
                        format!("改为“{}”", major.text),
                        span,
                        major.text.clone(),
                    ));
                }
                out.push(diagnostic);
            }
        }
        out.sort_by_key(|d| d.span.start);
        out
    }
}

struct Form {
    text: String,
    chars: Vec<char>,
    /// The text between the quotes, at each occurrence.
    at: Vec<Span>,
    /// The 0-based lines it occurs on.
    lines: HashSet<usize>,
}

struct Quotation {
    text: String,
    inner: Span,
    line: usize,
}

/// The “…” quotations of the content lines: a pair on one line with no
/// other quote inside, at most 30 characters.
fn quotations(doc: &Document, cx: &Context<'_>) -> Vec<Quotation> {
    let text = cx.source.text();
    let mut out = Vec::new();
    for &line in content_lines(doc, cx).iter() {
        let line_no = cx.source.line_of(line.start);
        let mut open: Option<usize> = None;
        for &(at, c) in cx.chars(line) {
            match c {
                '“' => open = Some(at + c.len_utf8()),
                '”' => {
                    if let Some(start) = open.take() {
                        let inner = Span::new(start, at);
                        let quoted = &text[start..at];
                        let n = quoted.chars().count();
                        if (1..=30).contains(&n) && !quoted.contains(['‘', '’']) {
                            out.push(Quotation {
                                text: quoted.to_string(),
                                inner,
                                line: line_no,
                            });
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// Pairs of forms that may be one edit apart, found through shared
/// deletion keys (each form with one character, or two adjacent ones,
/// removed), so that only near neighbours are compared. Keys are hashed:
/// a collision only adds a pair, which `is_variant` then rejects.
fn candidate_pairs(forms: &[Form]) -> Vec<(usize, usize)> {
    let mut keys: Vec<(u64, usize)> = Vec::new();
    for (i, form) in forms.iter().enumerate() {
        let chars = &form.chars;
        if chars.len() < 5 {
            continue;
        }
        keys.push((key_hash(chars, 0..0), i));
        for k in 0..chars.len() {
            keys.push((key_hash(chars, k..k + 1), i));
            if chars.len() >= 8 && k + 1 < chars.len() {
                keys.push((key_hash(chars, k..k + 2), i));
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    let mut pairs = Vec::new();
    for group in keys.chunk_by(|a, b| a.0 == b.0) {
        for (x, &(_, a)) in group.iter().enumerate() {
            for &(_, b) in &group[x + 1..] {
                pairs.push((a.min(b), a.max(b)));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// FNV-1a of `chars` without the characters in `removed`.
fn key_hash(chars: &[char], removed: std::ops::Range<usize>) -> u64 {
    let kept = chars[..removed.start].iter().chain(&chars[removed.end..]);
    kept.fold(0xcbf2_9ce4_8422_2325, |hash, &c| {
        (hash ^ u64::from(u32::from(c))).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Characters whose difference makes a different slogan, not a variant:
/// numerals and Latin, and the level of government.
fn is_distinctive(c: char) -> bool {
    is_numeral(c) || c.is_ascii() || "省市县区镇乡村州国".contains(c)
}

/// Whether `a` and `b` are two writings of one slogan.
fn is_variant(a: &[char], b: &[char]) -> bool {
    if a == b {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 5 || long.len() - short.len() > 1 {
        return false;
    }
    if long.windows(short.len()).any(|w| w == short) {
        return false; // one contains the other
    }
    if short.len() == long.len() {
        let diffs: Vec<usize> = (0..short.len()).filter(|&i| short[i] != long[i]).collect();
        let ok = match diffs.as_slice() {
            [_] => true,
            [i, j] => *j == i + 1 && short.len() >= 8,
            _ => false,
        };
        return ok
            && diffs
                .iter()
                .all(|&i| !is_distinctive(short[i]) && !is_distinctive(long[i]));
    }
    // One character inserted inside.
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    let suffix = short
        .iter()
        .rev()
        .zip(long.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    prefix + suffix >= short.len() && !is_distinctive(long[prefix.min(long.len() - 1)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, check_with, texts};
    use crate::rule::Settings;

    #[test]
    fn fires_on_a_minority_form() {
        let text = "深入落实“港口兴市、文旅强县”战略。\n围绕“港口兴市、文旅强县”,推动发展。\n\
            服务“港口兴市、文旅强县”大局。\n对接“港口立市、文旅强县”战略。\n";
        let found = check(&SloganVariant, text);
        assert_eq!(texts(text, &found), ["港口立市、文旅强县"]);
        assert_eq!(
            found[0].message,
            "口号写法前后不一致:此处为“港口立市、文旅强县”,第1行等3处为“港口兴市、文旅强县”"
        );
        assert_eq!(found[0].related.len(), 1);
        let fixed = found[0].fix.as_ref().unwrap().apply(text);
        assert!(fixed.contains("对接“港口兴市、文旅强县”战略"), "{fixed}");
    }

    #[test]
    fn a_tie_has_no_fix() {
        let text = "坚持“管合法也要管非法”原则。\n落实“管合法必须管非法”要求。\n";
        let found = check(&SloganVariant, text);
        assert_eq!(texts(text, &found), ["管合法必须管非法"]);
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn fires_against_a_canonical_form() {
        let mut settings = Settings::default();
        settings.slogans.push("港口兴市、文旅强县".into());
        let text = "对接“港口立市、文旅强县”战略。\n";
        let found = check_with(&SloganVariant, text, &settings);
        assert_eq!(texts(text, &found), ["港口立市、文旅强县"]);
        assert_eq!(
            found[0].message,
            "口号与规范写法不一致:此处为“港口立市、文旅强县”,规范写法为“港口兴市、文旅强县”"
        );
        let fixed = found[0].fix.as_ref().unwrap().apply(text);
        assert_eq!(fixed, "对接“港口兴市、文旅强县”战略。\n");
    }

    #[test]
    fn near_misses() {
        let text = "推行“一证通办”“一照通办”“一码通办”,做到“十个统筹”“十个着力”。\n\
            打造“一主一特”和“一主一特双总部”,推行“1+N”和“1+13”模式,落实“三必上”\n\
            编制“十三五规划纲要”,建设“建设制造强省”。\n对照“十四五规划纲要”,建设“建设制造强市”。\n\
            召开“湘商大会”,推进“智慧农业示范区”建设。\n召开“衡商大会”,申报“智慧农业示范县”。\n\
            推广“非遗工坊”,建设“特立教学楼”“特立科教楼”。\n";
        let found = check(&SloganVariant, text);
        assert!(found.is_empty(), "{:?}", texts(text, &found));
    }

    #[test]
    fn a_series_on_one_line_is_not_a_variant_even_against_the_pack() {
        let mut settings = Settings::default();
        settings.slogans.push("诚信示范店".into());
        let text = "创建“诚信示范店”“诚信示范街”。\n";
        assert!(check_with(&SloganVariant, text, &settings).is_empty());
    }
}
