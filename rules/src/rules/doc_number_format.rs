use plan_lint_core::Span;
use plan_lint_core::model::Document;
use plan_lint_core::text::{digit_value, is_digit, is_han, is_space};

use super::content_lines::content_lines;
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 发文字号不符合 GB/T 9704-2012 的写法:年份没有用六角括号〔〕
    /// (写成 `[2024]`、`(2024)`、`【2024】`)、年份没有写全四位(`〔24〕`)、
    /// 顺序号前加了“第”(`〔2024〕第3号`)或编了虚位(`〔2024〕03号`)、
    /// 字号中间夹有空格。既查通知本身的文号(文件头),也查正文里引用的
    /// 文号,如 `根据《…》(衡政办发〔2024〕5号)精神`。
    ///
    /// ## 为什么是问题
    /// GB/T 9704 规定发文字号由发文机关代字、年份和发文顺序号组成:年份
    /// 写全称并用六角括号括入,顺序号不加“第”、不编虚位。写错的文号
    /// 不规范,也不便于检索和引用。
    ///
    /// ## 例子
    /// ```text
    /// 清政办函[2024]3号
    /// ```
    /// 年份用了方括号,应为 `清政办函〔2024〕3号`;修复改为该写法。两位年份
    /// (`〔24〕`)无法确定世纪,只报告、不修复。
    ///
    /// ## 不报的情形
    /// - 规范的 `湘政办发〔2023〕2号`;
    /// - 命令的编号 `(国令第722号)`、`(省令第307号)`:令号本来就写“第N号”,
    ///   括号里也没有年份;
    /// - 网页残留行(`文号:`)里的内容;
    /// - 括号前面不是机关代字(汉字)或括号里不是年份的数字,如 `(2024)`
    ///   单独出现、`(3)`。
    ///
    /// English: a 发文字号, in the header or cited in the text, not in the
    /// GB/T 9704 form 机关代字〔2024〕3号 (wrong brackets, a two-digit year, 第,
    /// a leading zero, spaces); the fix rewrites it when the year is in full.
    pub struct DocNumberFormat {
        code: "F101",
        name: "doc-number-format",
        severity: Warning,
        summary: "发文字号 not in the GB/T 9704 form",
    }
}

impl Rule for DocNumberFormat {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let header = doc.header.doc_number.as_ref().map(|f| f.span);
        for &line in content_lines(doc, cx).iter() {
            for number in find_doc_numbers(cx.source.text(), cx.chars(line)) {
                let problems = number.problems();
                if problems.is_empty() {
                    continue;
                }
                let written = cx.text(number.span);
                let in_header = header
                    .is_some_and(|h| h.start <= number.span.start && number.span.end <= h.end);
                let (span, what) = match header {
                    Some(h) if in_header => (h, format!("发文字号\"{}\"", cx.text(h))),
                    _ => (number.span, format!("引用的发文字号\"{written}\"")),
                };
                let message = format!("{what}不符合GB/T 9704的写法:{}", problems.join(";"));
                let mut diagnostic = cx.diagnostic(&Self::META, span, message);
                if let Some(right) = number.corrected() {
                    diagnostic = diagnostic.with_fix(Fix::replace(
                        format!("改为\"{right}\""),
                        number.span,
                        right,
                    ));
                }
                out.push(diagnostic);
            }
        }
        out
    }
}

const OPENERS: &[char] = &['〔', '[', '［', '(', '（', '【', '〖', '<', '＜', '〈'];
const CLOSERS: &[char] = &['〕', ']', '］', ')', '）', '】', '〗', '>', '＞', '〉'];

/// The bracket-to-号 part of a 发文字号: `[2024]3号`.
#[derive(Debug)]
struct DocNumber<'a> {
    span: Span,
    open: char,
    close: char,
    year: String,
    has_di: bool,
    number: &'a str,
    has_space: bool,
}

impl DocNumber<'_> {
    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.open != '〔' || self.close != '〕' {
            problems.push(format!(
                "年份应使用六角括号〔〕,此处为\"{}{}\"",
                self.open, self.close
            ));
        }
        if self.year.len() == 2 {
            problems.push(format!("年份应写全四位,此处为\"{}\"", self.year));
        }
        if self.has_di {
            problems.push("顺序号前不加\"第\"".to_string());
        }
        if self.number.len() > 1 && self.number.starts_with(['0', '０']) {
            problems.push(format!("顺序号不编虚位,此处为\"{}\"", self.number));
        }
        if self.has_space {
            problems.push("字号中间不应有空格".to_string());
        }
        problems
    }

    /// `〔2024〕3号`, when the year is written in full.
    fn corrected(&self) -> Option<String> {
        if self.year.len() != 4 {
            return None;
        }
        let digits: String = self.number.chars().map(ascii_digit).collect();
        let number = digits.trim_start_matches('0');
        if number.is_empty() {
            return None;
        }
        Some(format!("〔{}〕{number}号", self.year))
    }
}

/// A full-width digit as its ASCII digit; any other character as it is.
fn ascii_digit(c: char) -> char {
    digit_value(c).map_or(c, |d| char::from(b'0' + d))
}

/// The 文号 of a line (its `chars`, at their byte offsets in `text`): a
/// Han 机关代字, a bracket, a year of 2 or 4 digits, the closing bracket, an
/// optional 第, the number and 号.
fn find_doc_numbers<'a>(text: &'a str, chars: &[(usize, char)]) -> Vec<DocNumber<'a>> {
    let mut out = Vec::new();
    let mut i = 1;
    while i < chars.len() {
        let open = chars[i].1;
        if !OPENERS.contains(&open) || !is_han(chars[i - 1].1) {
            i += 1;
            continue;
        }
        match read_doc_number(text, chars, i) {
            Some((number, next)) => {
                out.push(number);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

fn read_doc_number<'a>(
    text: &'a str,
    chars: &[(usize, char)],
    at: usize,
) -> Option<(DocNumber<'a>, usize)> {
    let (start, open) = chars[at];
    let mut i = at + 1;
    let mut has_space = false;
    let mut skip_space = |i: &mut usize| {
        while *i < chars.len() && is_space(chars[*i].1) {
            has_space = true;
            *i += 1;
        }
    };
    skip_space(&mut i);
    let year_start = i;
    while i < chars.len() && is_digit(chars[i].1) {
        i += 1;
    }
    let year: String = chars[year_start..i]
        .iter()
        .map(|&(_, c)| ascii_digit(c))
        .collect();
    let year_ok = match year.len() {
        2 => true,
        4 => year.starts_with("19") || year.starts_with("20"),
        _ => false,
    };
    if !year_ok {
        return None;
    }
    skip_space(&mut i);
    let close = chars.get(i)?.1;
    if !CLOSERS.contains(&close) {
        return None;
    }
    i += 1;
    skip_space(&mut i);
    let has_di = chars.get(i).is_some_and(|&(_, c)| c == '第');
    if has_di {
        i += 1;
        skip_space(&mut i);
    }
    let number_start = i;
    while i < chars.len() && is_digit(chars[i].1) {
        i += 1;
    }
    if i == number_start {
        return None;
    }
    let number_end = chars[i - 1].0 + chars[i - 1].1.len_utf8();
    let number = &text[chars[number_start].0..number_end];
    skip_space(&mut i);
    let (hao, '号') = *chars.get(i)? else {
        return None;
    };
    let end = hao + '号'.len_utf8();
    Some((
        DocNumber {
            span: Span::new(start, end),
            open,
            close,
            year,
            has_di,
            number,
            has_space,
        },
        i + 1,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};

    const HEADER: &str = "衡北县人民政府办公室\n关于印发《衡北县实施“六大工程”总体方案》的通知\n各乡镇人民政府、街道办事处:\n";

    #[test]
    fn fires_on_square_brackets_in_the_header() {
        let text = format!("北政办函[2023]7号\n{HEADER}");
        let found = check(&DocNumberFormat, &text);
        assert_eq!(texts(&text, &found), ["北政办函[2023]7号"]);
        assert_eq!(
            found[0].message,
            "发文字号\"北政办函[2023]7号\"不符合GB/T 9704的写法:年份应使用六角括号〔〕,此处为\"[]\""
        );
        let fixed = found[0].fix.as_ref().unwrap().apply(&text);
        assert!(fixed.starts_with("北政办函〔2023〕7号\n"), "{fixed}");
    }

    #[test]
    fn fires_on_a_cited_number_with_di_and_a_leading_zero() {
        let text =
            "为推动发展,根据《市政府关于加强管理的通知》(北政发(2022)第08号)精神,特制定本方案。\n";
        let found = check(&DocNumberFormat, text);
        assert_eq!(texts(text, &found), ["(2022)第08号"]);
        assert_eq!(
            found[0].message,
            "引用的发文字号\"(2022)第08号\"不符合GB/T 9704的写法:年份应使用六角括号〔〕,此处为\"()\";顺序号前不加\"第\";顺序号不编虚位,此处为\"08\""
        );
        let fixed = found[0].fix.as_ref().unwrap().apply(text);
        assert!(fixed.contains("(北政发〔2022〕8号)"), "{fixed}");
    }

    #[test]
    fn a_two_digit_year_has_no_fix() {
        let text = format!("北政办函〔23〕7号\n{HEADER}");
        let found = check(&DocNumberFormat, &text);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("年份应写全四位,此处为\"23\""));
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn near_misses() {
        // The standard form, orders numbered 第N号, a bare year in brackets.
        let text = format!(
            "北政办发〔2023〕5号\n{HEADER}依据《优化营商环境条例》(国令第722号)、《某规定》(省令第307号),\
             对照湘政办发〔2022〕18号文件,编制本方案(2024)。第(3)项。\n"
        );
        assert!(check(&DocNumberFormat, &text).is_empty());
    }

    #[test]
    fn debris_is_not_checked() {
        let text = "文号:北政办函[2023]7号\n北政办发〔2023〕5号\n";
        assert!(check(&DocNumberFormat, text).is_empty());
    }
}
