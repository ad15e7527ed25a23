use plan_lint_core::Span;
use plan_lint_core::model::{Document, Field};
use plan_lint_core::text::{common_prefix, common_suffix, is_han, is_numeral};

use super::title_mismatch::{normalise, normalised_variant};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Related};
use crate::rule::{Context, Rule};
use crate::superior::SUPERIOR_FILE;

declare_rule! {
    /// ## 在查什么
    /// 实施方案引用它所贯彻的上级方案(`plan-lint check 本方案 --implements
    /// 上级方案`,或 plan-lint.toml 的 `implements`)时,书名号里的名称或
    /// 紧跟其后的发文字号与上级方案本身不一致:
    /// - 名称是上级方案标题的近似写法(多出或少了中间一到四个字、同样长只差
    ///   一个字,或中间一到四个字换了写法,前面至少四个字、后面至少两个字
    ///   相同),却不是它的标题:上级是 `某省推进城乡供水一体化行动方案`,
    ///   本文引用 `《某省推进城乡供水一体化实施方案》`;
    /// - 名称就是上级方案(或其近似写法,或印发它的通知的标题),紧跟的文号
    ///   却不是上级方案的文号:
    ///   上级文号 `某政办发〔2024〕12号`,本文写 `(某政办发〔2024〕21号)`。
    ///
    /// ## 为什么是问题
    /// 上级方案的名称和文号是贯彻落实的依据,写错了,读者查不到、或查到
    /// 另一份文件;多半是照抄其他文件的开头时没有改。
    ///
    /// ## 例子
    /// ```text
    /// 为贯彻落实《某省推进城乡供水一体化行动方案》(某政办发〔2024〕21号)……
    /// ```
    /// 上级方案的文号是 `某政办发〔2024〕12号`。相关位置指向上级方案的标题
    /// 或文号。只报告、不修复。
    ///
    /// ## 不报的情形
    /// - 没有给出上级方案时(本规则只在 `--implements` 下运行);
    /// - 与上级方案标题只差引号、空格、括号宽度,或去掉了末尾的期限
    ///   `(2024—2026年)`:同一份文件;
    /// - 其他层级的同名文件:`《某市推进城乡供水一体化实施方案》`(地名不同)
    ///   是本文自己的标题或另一份文件,不是写错的上级方案;
    /// - 与本文自己的标题相同的引用(下级方案与上级同名时);
    /// - 上级方案没有文号时(通知标题下、正文之前都找不到),不比较文号。
    ///
    /// English: with `--implements`, a citation of the superior plan under a
    /// near-variant of its title, or a 文号 right after a citation of it that
    /// is not the superior's own; another place's plan of the same name and a
    /// shortened title without its period stay quiet.
    pub struct SuperiorCitation {
        code: "I101",
        name: "superior-citation-mismatch",
        severity: Warning,
        summary: "the superior plan (--implements) cited under another title or 文号 than its own"
    }
}

impl Rule for SuperiorCitation {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let Some(sup) = cx.superior() else {
            return Vec::new();
        };
        let sdoc = &sup.reading.doc;
        // The plan's own title line, else the one its notice issues
        // (关于印发X的通知).
        let notice_title = sdoc.header.notice_title.as_ref().and_then(issued_title);
        let sup_title = sdoc.title.as_ref().or(notice_title.as_ref());
        let sup_number = sdoc
            .header
            .doc_number
            .as_ref()
            .and_then(|f| {
                doc_numbers(&f.text)
                    .pop()
                    .map(|(at, n)| (Span::new(f.span.start + at.start, f.span.start + at.end), n))
            })
            .or_else(|| {
                // A 文号 the header did not read (`（国发〔2021〕33号）` under
                // the notice title): the first one before the plan begins.
                let end = sdoc
                    .title
                    .as_ref()
                    .map(|t| t.span.start)
                    .or_else(|| sdoc.sections.first().map(|s| s.span.start))?;
                let head = sup.text().get(..end)?;
                doc_numbers(head).into_iter().next()
            });
        let title_key = sup_title.map(|t| without_period(&normalise(&t.text)));
        // The notice that issued it (国务院关于印发…的通知) names it too.
        let notice_key = sdoc
            .header
            .notice_title
            .as_ref()
            .map(|t| normalise(&t.text));
        let own_key = doc
            .title
            .as_ref()
            .map(|t| without_period(&normalise(&t.text)));
        let text = cx.source.text();
        let related = |span: Span, message: &str| Related {
            span: sup.original(span),
            message: message.to_string(),
            file: Some(SUPERIOR_FILE),
        };
        let mut out = Vec::new();
        for (inner, close) in citations(text) {
            let key = without_period(&normalise(&text[inner.start..inner.end]));
            let Some(title_key) = &title_key else { break };
            let same = key == *title_key || notice_key.as_ref() == Some(&key);
            let variant = !same
                && own_key.as_ref() != Some(&key)
                && (normalised_variant(&key, title_key, true) || replaced_words(&key, title_key));
            if variant && let Some(t) = sup_title {
                let mut d = cx.diagnostic(
                    &Self::META,
                    inner,
                    format!(
                        "引用上级方案的名称\"{}\"与上级方案的标题\"{}\"不一致",
                        cx.text(inner),
                        t.text.trim()
                    ),
                );
                d.related.push(related(t.span, "上级方案的标题"));
                out.push(d);
            }
            if !(same || variant) {
                continue;
            }
            let Some((sup_span, sup_n)) = &sup_number else {
                continue;
            };
            // A 文号 right after the citation: `》（粤府办〔2024〕6号）`.
            let after = &text[close..];
            let skip = after.len()
                - after
                    .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '（' | '('))
                    .len();
            let window: String = after[skip..].chars().take(24).collect();
            let Some((at, n)) = doc_numbers(&window).into_iter().next() else {
                continue;
            };
            if at.start != 0 || n.same(sup_n) {
                continue;
            }
            let span = Span::new(close + skip + at.start, close + skip + at.end);
            let mut d = cx.diagnostic(
                &Self::META,
                span,
                format!(
                    "引用上级方案的文号\"{}\"与上级方案的文号\"{}\"不一致",
                    cx.text(span),
                    sup_n.text
                ),
            );
            d.related.push(related(*sup_span, "上级方案的文号"));
            out.push(d);
        }
        out
    }
}

/// The title a notice issues: `…关于印发《X》的通知` or `…关于印发X的通知`,
/// with its span.
fn issued_title(notice: &Field) -> Option<Field> {
    let text = &notice.text;
    let from = text.find("印发")? + "印发".len();
    let to = text[from..].rfind("的通知")? + from;
    let inner = text[from..to].trim();
    let inner = inner
        .strip_prefix('《')
        .and_then(|t| t.strip_suffix('》'))
        .unwrap_or(inner);
    let at = text.find(inner)?;
    // A notice title joined from two lines is longer than its text: the
    // related place is then the whole notice title.
    let span = if notice.span.len() == text.len() {
        Span::new(notice.span.start + at, notice.span.start + at + inner.len())
    } else {
        notice.span
    };
    (inner.chars().count() >= 4).then(|| Field {
        text: inner.to_string(),
        span,
    })
}

/// Every 《…》 of the text: the span inside the marks and the offset after
/// the closing mark (nested marks belong to the outer title).
fn citations(text: &str) -> Vec<(Span, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '《' => {
                if depth == 0 {
                    open = Some(i + c.len_utf8());
                }
                depth += 1;
            }
            '》' if depth > 0 => {
                depth -= 1;
                if depth == 0
                    && let Some(start) = open.take()
                {
                    out.push((Span::new(start, i), i + c.len_utf8()));
                }
            }
            '\n' => {
                depth = 0;
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// Two titles that differ by a word in the middle (`…一体化行动方案` and
/// `…一体化实施方案`): at least four characters before it and two after
/// it the same, at most four characters on either side, no numeral.
fn replaced_words(x: &[char], y: &[char]) -> bool {
    let prefix = common_prefix(x, y);
    let suffix = common_suffix(x, y);
    let shorter = x.len().min(y.len());
    if prefix < 4 || suffix < 2 || prefix + suffix >= shorter {
        return false;
    }
    let (mx, my) = (&x[prefix..x.len() - suffix], &y[prefix..y.len() - suffix]);
    (1..=4).contains(&mx.len())
        && (1..=4).contains(&my.len())
        && !mx.iter().chain(my).any(|&c| is_numeral(c))
}

/// A title without a period at its end (`…行动方案(2024—2026年)`): the same
/// document cited in short.
fn without_period(name: &[char]) -> Vec<char> {
    if name.last() == Some(&')')
        && let Some(open) = name.iter().rposition(|&c| c == '(')
    {
        let inner = &name[open + 1..name.len() - 1];
        if open >= 4 && inner.iter().any(|c| c.is_ascii_digit()) && inner.contains(&'年') {
            return name[..open].to_vec();
        }
    }
    name.to_vec()
}

/// A 发文字号: the issuer's code, year and number.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DocNumber {
    code: String,
    year: String,
    number: String,
    text: String,
}

impl DocNumber {
    /// The same 文号: year and number equal, and one issuer code ends the
    /// other (a field read with words before the code).
    fn same(&self, other: &DocNumber) -> bool {
        self.year == other.year
            && self.number == other.number
            && (self.code.ends_with(&other.code) || other.code.ends_with(&self.code))
    }
}

/// Every `X〔2024〕12号` of `text` (any bracket of the year), with its span.
fn doc_numbers(text: &str) -> Vec<(Span, DocNumber)> {
    let cs: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    for (k, &(_, c)) in cs.iter().enumerate() {
        if !matches!(c, '〔' | '[' | '［' | '(' | '（' | '【') {
            continue;
        }
        let digits = |from: usize| -> (String, usize) {
            let mut s = String::new();
            let mut j = from;
            while let Some(&(_, d)) = cs.get(j) {
                let Some(v) = d
                    .to_digit(10)
                    .or_else(|| ('０'..='９').contains(&d).then(|| d as u32 - '０' as u32))
                else {
                    break;
                };
                s.push(char::from_digit(v, 10).unwrap_or('0'));
                j += 1;
            }
            (s, j)
        };
        let (year, j) = digits(k + 1);
        if year.len() != 4
            || !cs
                .get(j)
                .is_some_and(|&(_, c)| matches!(c, '〕' | ']' | '］' | ')' | '）' | '】'))
        {
            continue;
        }
        let (number, j2) = digits(j + 1);
        if number.is_empty() || cs.get(j2).is_none_or(|&(_, c)| c != '号') {
            continue;
        }
        let mut s = k;
        while s > 0 && k - s < 8 && is_han(cs[s - 1].1) {
            s -= 1;
        }
        if s == k {
            continue;
        }
        let code: String = cs[s..k].iter().map(|&(_, c)| c).collect();
        let start = cs[s].0;
        let end = cs[j2].0 + '号'.len_utf8();
        out.push((
            Span::new(start, end),
            DocNumber {
                code,
                year,
                number,
                text: text[start..end].to_string(),
            },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, check_implementing};
    use crate::rule::Settings;

    const PROVINCE: &str = "\
某省人民政府办公厅关于印发某省推进城乡供水一体化行动方案（2024—2026年）的通知
某政办发〔2024〕12号
各市州人民政府：
现将《某省推进城乡供水一体化行动方案（2024—2026年）》印发给你们。
某省人民政府办公厅
2024年3月1日
某省推进城乡供水一体化行动方案（2024—2026年）
一、重点任务
（一）加快水源工程建设。推进中型水库建设。（省水利厅牵头）
";

    fn run(city: &str) -> Vec<Diagnostic> {
        check_implementing(&SuperiorCitation, city, PROVINCE, &Settings::default())
    }

    fn city(citation: &str) -> String {
        format!(
            "某市推进城乡供水一体化实施方案\n为贯彻落实{citation}，结合我市实际，制定本方案。\n一、重点任务\n（一）加快水源工程建设。推进水库建设。（市水利局牵头）\n"
        )
    }

    #[test]
    fn fires_on_a_wrong_doc_number_and_a_variant_title() {
        let text = city("《某省推进城乡供水一体化行动方案》（某政办发〔2024〕21号）");
        let d = run(&text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            &text[d[0].span.start..d[0].span.end],
            "某政办发〔2024〕21号"
        );
        assert_eq!(d[0].related[0].file, Some(SUPERIOR_FILE));
        let r = d[0].related[0].span;
        assert_eq!(&PROVINCE[r.start..r.end], "某政办发〔2024〕12号");

        let text = city("《某省推进城乡供水一体化实施方案》");
        let d = run(&text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            &text[d[0].span.start..d[0].span.end],
            "某省推进城乡供水一体化实施方案"
        );
        let r = d[0].related[0].span;
        assert!(PROVINCE[r.start..r.end].starts_with("某省推进城乡供水一体化行动方案"));
    }

    #[test]
    fn a_citation_of_the_notice_is_the_superior_and_its_number_is_read_under_it() {
        // A State Council style notice: the 文号 in brackets under its title.
        let province = "\
某院关于印发城乡供水一体化综合工作方案的通知
（某发〔2021〕33号）
各省人民政府：
现将《城乡供水一体化综合工作方案》印发给你们。
城乡供水一体化综合工作方案
一、重点任务
（一）加快水源工程建设。推进中型水库建设。（水利部牵头）
";
        let check = |citation: &str| {
            let text = city(citation);
            let d = check_implementing(&SuperiorCitation, &text, province, &Settings::default());
            d.iter()
                .map(|d| text[d.span.start..d.span.end].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            check("《某院关于印发城乡供水一体化综合工作方案的通知》（某发〔2021〕23号）"),
            ["某发〔2021〕23号"]
        );
        assert!(
            check("《某院关于印发城乡供水一体化综合工作方案的通知》（某发〔2021〕33号）")
                .is_empty()
        );
    }

    #[test]
    fn near_misses() {
        // The right title and number, in short or in full.
        for citation in [
            "《某省推进城乡供水一体化行动方案》（某政办发〔2024〕12号）",
            "《某省推进城乡供水一体化行动方案（2024—2026年）》",
            "《某省推进城乡供水一体化行动方案(2024-2026年)》",
            // Another place's plan of the same name.
            "《某县推进城乡供水一体化行动方案》（某县政发〔2024〕3号）",
            // Another document entirely, with its own 文号.
            "《某省节约用水条例》（某政发〔2020〕1号）",
        ] {
            let d = run(&city(citation));
            assert!(d.is_empty(), "{citation}: {d:?}");
        }
        // No superior plan: nothing to compare.
        let d = check(
            &SuperiorCitation,
            &city("《某省推进城乡供水一体化实施方案》"),
        );
        assert!(d.is_empty());
    }
}
