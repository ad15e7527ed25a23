use plan_lint_core::model::Document;
use plan_lint_core::text::{digit_value, is_digit, is_space};

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 通知的成文日期不是 `2024年4月17日` 的写法:用了汉字数字
    /// (`二〇二四年四月十七日`)、月日编了虚位(`2024年04月07日`)、
    /// 用点号或横线分隔(`2024.4.17`、`2024-04-17`)、年份只写两位
    /// (`24年4月17日`)、日期中间夹有空格,或月日超出范围(`2024年13月5日`)。
    ///
    /// ## 为什么是问题
    /// GB/T 9704-2012 规定成文日期用阿拉伯数字将年、月、日标全,年份应
    /// 标全称,月、日不编虚位。
    ///
    /// ## 例子
    /// ```text
    /// 二〇二四年四月十七日
    /// ```
    /// 应写作 `2024年4月17日`;修复改为该写法。年份只写两位、或日期本身
    /// 不成立时只报告、不修复。
    ///
    /// ## 不报的情形
    /// - 规范的 `2024年4月17日`;
    /// - 正文里出现的其他日期(`2023年底`、`每月1-20日`):本规则只查
    ///   文件头的成文日期;
    /// - 网页残留的发布时间(`发布时间:2025-03-06 15:32`);
    /// - 2012 年 7 月 1 日 GB/T 9704-2012 施行以前成文的文件
    ///   (`二〇〇九年四月十七日`):它按 GB/T 9704-1999 用汉字数字,
    ///   不以新标准衡量。
    ///
    /// English: the notice's 成文日期 not written 2024年4月17日 (Chinese
    /// numerals, leading zeros, dots or hyphens, a two-digit year, spaces);
    /// the fix rewrites it when the date is unambiguous. A document dated
    /// before GB/T 9704-2012 took effect (2012-07-01) is not checked.
    pub struct DateFormat {
        code: "F102",
        name: "date-format",
        severity: Warning,
        summary: "成文日期 not in the form 2024年4月17日 (Chinese numerals, leading zeros, 2024.4.17)",
    }
}

impl Rule for DateFormat {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let Some(field) = &doc.header.date else {
            return Vec::new();
        };
        let written = cx.text(field.span);
        let Some(date) = parse_date(written) else {
            return Vec::new();
        };
        if date.predates_the_standard() {
            return Vec::new();
        }
        let mut problems = Vec::new();
        if date.chinese {
            problems.push("应使用阿拉伯数字");
        }
        if date.separators {
            problems.push("应以\"年月日\"标示,不用点号、横线或斜线");
        }
        if date.leading_zero {
            problems.push("月、日不编虚位");
        }
        if date.year_digits == 2 {
            problems.push("年份应标全称");
        }
        if date.spaces {
            problems.push("中间不应有空格");
        }
        let valid = (1..=12).contains(&date.month) && (1..=31).contains(&date.day);
        if !valid {
            problems.push("月、日超出范围");
        }
        if problems.is_empty() {
            return Vec::new();
        }
        let message = format!(
            "成文日期\"{written}\"不符合GB/T 9704的写法:{}",
            problems.join(";")
        );
        let mut diagnostic = cx.diagnostic(&Self::META, field.span, message);
        if valid && date.year_digits == 4 {
            let right = format!("{}年{}月{}日", date.year, date.month, date.day);
            diagnostic =
                diagnostic.with_fix(Fix::replace(format!("改为\"{right}\""), field.span, right));
        }
        vec![diagnostic]
    }
}

#[derive(Debug, Default)]
pub(super) struct ParsedDate {
    pub(super) year: u32,
    pub(super) year_digits: usize,
    pub(super) month: u32,
    pub(super) day: u32,
    chinese: bool,
    separators: bool,
    leading_zero: bool,
    spaces: bool,
}

impl ParsedDate {
    /// A document signed before GB/T 9704-2012 took effect (1 July 2012)
    /// was written to GB/T 9704-1999, which wanted the 成文日期 in Chinese
    /// numerals (`二〇〇九年四月十七日`): it is not held to the new edition.
    fn predates_the_standard(&self) -> bool {
        self.year_digits == 4 && (self.year < 2012 || (self.year == 2012 && self.month < 7))
    }
}

/// Reads `2024年4月17日`, `二〇二四年四月十七日`, `2024.4.17`, `2024-04-17`,
/// `2024/4/17` and their mixtures.
pub(super) fn parse_date(text: &str) -> Option<ParsedDate> {
    let mut date = ParsedDate {
        spaces: text.chars().any(is_space),
        ..ParsedDate::default()
    };
    let compact: String = text.chars().filter(|&c| !is_space(c)).collect();
    let parts: Vec<&str> = if compact.ends_with('日') && compact.contains('年') {
        let (year, rest) = compact.split_once('年')?;
        let (month, rest) = rest.split_once('月')?;
        let day = rest.strip_suffix('日')?;
        vec![year, month, day]
    } else {
        date.separators = true;
        let parts: Vec<&str> = compact.split(['.', '．', '-', '/', '／', '－']).collect();
        if parts.len() != 3 {
            return None;
        }
        parts
    };
    let (year, year_chinese) = read_year(parts[0])?;
    date.year = year;
    date.year_digits = parts[0].chars().count();
    let (month, month_chinese, month_zero) = read_number(parts[1])?;
    let (day, day_chinese, day_zero) = read_number(parts[2])?;
    date.month = month;
    date.day = day;
    date.chinese = year_chinese || month_chinese || day_chinese;
    date.leading_zero = month_zero || day_zero;
    if !matches!(date.year_digits, 2 | 4) {
        return None;
    }
    if date.year_digits == 4 && !(1900..2100).contains(&date.year) {
        return None;
    }
    Some(date)
}

/// The value of one digit of a date: a digit of either width, or a
/// Chinese numeral (〇 and its look-alikes ○ Ｏ O are 0).
fn date_digit(c: char) -> Option<u32> {
    if let Some(d) = digit_value(c) {
        return Some(u32::from(d));
    }
    match c {
        '〇' | '零' | '○' | 'Ｏ' | 'O' => Some(0),
        _ => "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1),
    }
}

/// A year written digit by digit: 2024 or 二〇二四.
fn read_year(text: &str) -> Option<(u32, bool)> {
    if text.is_empty() {
        return None;
    }
    let mut value = 0;
    let mut chinese = false;
    for c in text.chars() {
        value = value * 10 + date_digit(c)?;
        chinese |= !is_digit(c);
    }
    Some((value, chinese))
}

/// A month or day: 4, 04, 四, 十七, 二十, 三十一. Returns the value, whether
/// it was in Chinese numerals, and whether it had a leading zero.
fn read_number(text: &str) -> Option<(u32, bool, bool)> {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() || chars.len() > 3 {
        return None;
    }
    if chars.iter().all(|&c| is_digit(c)) {
        let value = chars
            .iter()
            .try_fold(0, |v, &c| Some(v * 10 + date_digit(c)?))?;
        let zero = chars.len() > 1 && date_digit(chars[0]) == Some(0);
        return Some((value, false, zero));
    }
    // Chinese: 十七, 二十, 二十一, 十, or digit by digit (一七).
    let value = match chars.as_slice() {
        ['十'] => 10,
        ['十', unit] => 10 + date_digit(*unit)?,
        [tens, '十'] => date_digit(*tens)? * 10,
        [tens, '十', unit] => date_digit(*tens)? * 10 + date_digit(*unit)?,
        _ => chars
            .iter()
            .try_fold(0, |v, &c| Some(v * 10 + date_digit(c)?))?,
    };
    Some((value, true, false))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};

    fn notice(date: &str) -> String {
        format!(
            "北政办发〔2023〕5号\n衡北县人民政府办公室\n关于印发《衡北县实施“六大工程”总体方案》的通知\n\
             各乡镇人民政府、街道办事处:\n现将《衡北县实施“六大工程”总体方案》印发给你们,请认真组织实施。\n\
             衡北县人民政府办公室\n{date}\n衡北县实施“六大工程”总体方案\n"
        )
    }

    #[test]
    fn fires_on_chinese_numerals() {
        let text = notice("二〇二三年五月二十日");
        let found = check(&DateFormat, &text);
        assert_eq!(texts(&text, &found), ["二〇二三年五月二十日"]);
        assert_eq!(
            found[0].message,
            "成文日期\"二〇二三年五月二十日\"不符合GB/T 9704的写法:应使用阿拉伯数字"
        );
        let fixed = found[0].fix.as_ref().unwrap().apply(&text);
        assert!(fixed.contains("\n2023年5月20日\n"), "{fixed}");
    }

    #[test]
    fn fires_on_leading_zeros_and_dots() {
        let text = notice("2023年05月09日");
        let found = check(&DateFormat, &text);
        assert_eq!(
            found[0].message,
            "成文日期\"2023年05月09日\"不符合GB/T 9704的写法:月、日不编虚位"
        );
        assert!(
            found[0]
                .fix
                .as_ref()
                .unwrap()
                .apply(&text)
                .contains("\n2023年5月9日\n")
        );

        let text = notice("2023.5.9");
        let found = check(&DateFormat, &text);
        assert_eq!(texts(&text, &found), ["2023.5.9"]);
        assert!(
            found[0]
                .fix
                .as_ref()
                .unwrap()
                .apply(&text)
                .contains("\n2023年5月9日\n")
        );
    }

    #[test]
    fn a_short_year_or_an_impossible_date_has_no_fix() {
        let found = check(&DateFormat, &notice("23年5月9日"));
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("年份应标全称"));
        assert!(found[0].fix.is_none());
        let found = check(&DateFormat, &notice("2023年13月9日"));
        assert!(found[0].message.contains("月、日超出范围"));
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn near_misses() {
        assert!(check(&DateFormat, &notice("2023年5月20日")).is_empty());
        assert!(check(&DateFormat, &notice("2023年12月31日")).is_empty());
        // Dates in the body are not the 成文日期.
        let text = format!(
            "{}每月的1-20日为企业宁静日,2023年05月底前完成。\n",
            notice("2023年5月20日")
        );
        assert!(check(&DateFormat, &text).is_empty());
    }

    #[test]
    fn a_document_older_than_the_standard_is_not_held_to_it() {
        // GB/T 9704-1999 wrote the date in Chinese numerals.
        assert!(check(&DateFormat, &notice("二〇〇九年四月十七日")).is_empty());
        assert!(check(&DateFormat, &notice("二〇一二年六月三十日")).is_empty());
        assert!(check(&DateFormat, &notice("2011.5.9")).is_empty());
        // From 1 July 2012 the new edition holds.
        let found = check(&DateFormat, &notice("二〇一二年七月二日"));
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("应使用阿拉伯数字"));
        // A two-digit year cannot be placed: still reported.
        assert_eq!(check(&DateFormat, &notice("09年4月17日")).len(), 1);
    }

    #[test]
    fn a_web_pages_publication_date_is_not_the_date_of_the_document() {
        // A page copied whole: its metadata block dates the publication,
        // the notice carries its own 成文日期.
        let text = format!(
            "首页 > 政务公开 > 政策文件\n发布日期:\n2024-09-30\n来源:衡北县人民政府\n【字体:\n大\n中\n小\n】\n{}",
            notice("2024年9月26日")
        );
        assert!(check(&DateFormat, &text).is_empty());
        // Nor when the notice's date was not published with it.
        let text = "首页 > 政务公开 > 政策文件\n发布日期:\n2024-09-30\n来源:衡北县人民政府\n\
            北政办发〔2024〕5号\n衡北县人民政府办公室\n关于印发《衡北县实施“六大工程”总体方案》的通知\n\
            各乡镇人民政府、街道办事处:\n现将《衡北县实施“六大工程”总体方案》印发给你们。\n\
            衡北县实施“六大工程”总体方案\n";
        assert!(check(&DateFormat, text).is_empty());
    }

    #[test]
    fn reads_chinese_numbers() {
        assert_eq!(read_number("十七"), Some((17, true, false)));
        assert_eq!(read_number("三十一"), Some((31, true, false)));
        assert_eq!(read_number("十"), Some((10, true, false)));
        assert_eq!(read_number("04"), Some((4, false, true)));
        assert_eq!(read_year("二零二四"), Some((2024, true)));
    }
}
