//! Heading markers: 一、 (一) 1. (1) ① and their damaged forms.

use serde::Serialize;

use crate::quantity::parse_chinese_number;
use crate::text::{digit_value, is_space};

/// How a heading marker is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MarkerStyle {
    /// 一、
    CnComma,
    /// 一. (damaged 一、)
    CnDot,
    /// `二 健全…` (damaged 二、: the separator lost, a space in its place, as
    /// OCR gives it); inferred by the model builder from the heading's
    /// place, never read from a marker alone.
    CnBare,
    /// (一)
    CnParen,
    /// 五) (damaged (五))
    CnHalfParen,
    /// a (N) marker whose numeral was lost: a lone `)` or `(`
    /// (`)着力优服务增便利`, `(提振消费促内需`), or no marker at all (an empty
    /// marker span: `实施畅通提效重点改革` between the items of (一) and a
    /// restarted `1.`), which the model builder infers from the heading's
    /// place among its siblings.
    LostNumeral,
    /// 1.
    ArabicDot,
    /// 1、 (damaged 1.)
    ArabicComma,
    /// 1更新… (damaged 1.: the separator was lost)
    ArabicBare,
    /// (1) or ⑴
    ArabicParen,
    /// 16) (damaged (16))
    ArabicHalfParen,
    /// ①
    Circled,
}

impl MarkerStyle {
    /// The outline level a marker of this style stands for, 1 (一、) to 5 (①).
    pub fn level(self) -> u8 {
        match self {
            MarkerStyle::CnComma | MarkerStyle::CnDot | MarkerStyle::CnBare => 1,
            MarkerStyle::CnParen | MarkerStyle::CnHalfParen | MarkerStyle::LostNumeral => 2,
            MarkerStyle::ArabicDot | MarkerStyle::ArabicComma | MarkerStyle::ArabicBare => 3,
            MarkerStyle::ArabicParen | MarkerStyle::ArabicHalfParen => 4,
            MarkerStyle::Circled => 5,
        }
    }

    /// Whether this is a damaged form of its level's standard marker.
    pub fn is_damaged(self) -> bool {
        !matches!(
            self,
            MarkerStyle::CnComma
                | MarkerStyle::CnParen
                | MarkerStyle::ArabicDot
                | MarkerStyle::ArabicParen
                | MarkerStyle::Circled
        )
    }

    /// The standard (GB/T 9704) marker of this style's level for `number`.
    pub fn standard_marker(self, number: u32) -> String {
        match self.level() {
            1 => format!("{}、", chinese_numeral(number)),
            2 => format!("({})", chinese_numeral(number)),
            3 => format!("{number}."),
            4 => format!("({number})"),
            _ => circled(number).map_or_else(|| format!("({number})"), String::from),
        }
    }
}

/// A classified heading marker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Marker {
    pub style: MarkerStyle,
    /// The number the marker stands for; `None` when it was lost.
    pub number: Option<u32>,
    /// Whether its brackets are full-width (（一）).
    pub full_width: bool,
}

impl Marker {
    /// Classifies the text of a `marker` node. Returns `None` for text that
    /// is not a marker at all (which the grammar never produces).
    pub fn classify(text: &str) -> Option<Marker> {
        let text: String = text.chars().filter(|c| !is_space(*c)).collect();
        let full_width = text.contains(['（', '）']);
        let first = text.chars().next()?;
        let last = text.chars().next_back()?;
        if let Some(n) = circled_value(first) {
            return Some(Marker {
                style: MarkerStyle::Circled,
                number: Some(n),
                full_width,
            });
        }
        if ('\u{2474}'..='\u{2487}').contains(&first) {
            return Some(Marker {
                style: MarkerStyle::ArabicParen,
                number: Some(first as u32 - 0x2474 + 1),
                full_width,
            });
        }
        let inner: String = text
            .chars()
            .filter(|c| !matches!(c, '(' | '（' | ')' | '）' | '、' | '.' | '．'))
            .collect();
        let is_open = |c: char| c == '(' || c == '（';
        let is_close = |c: char| c == ')' || c == '）';
        let arabic = arabic_value(&inner);
        // Read as a Chinese numeral only when it is no Arabic one.
        let chinese = if arabic.is_none() {
            parse_chinese_number(&inner).map(|v| v as u32)
        } else {
            None
        };
        let style = if inner.is_empty() && (is_close(last) || is_open(first)) {
            MarkerStyle::LostNumeral
        } else if arabic.is_some() {
            match (is_open(first), last) {
                (true, _) => MarkerStyle::ArabicParen,
                (false, '.' | '．') => MarkerStyle::ArabicDot,
                (false, '、') => MarkerStyle::ArabicComma,
                (false, c) if is_close(c) => MarkerStyle::ArabicHalfParen,
                _ => MarkerStyle::ArabicBare,
            }
        } else if chinese.is_some() {
            match (is_open(first), last) {
                (true, _) => MarkerStyle::CnParen,
                (false, '、') => MarkerStyle::CnComma,
                (false, '.' | '．') => MarkerStyle::CnDot,
                (false, c) if is_close(c) => MarkerStyle::CnHalfParen,
                _ => return None,
            }
        } else {
            return None;
        };
        let number = match style {
            MarkerStyle::LostNumeral => None,
            _ => arabic.or(chinese),
        };
        Some(Marker {
            style,
            number,
            full_width,
        })
    }

    pub fn level(&self) -> u8 {
        self.style.level()
    }
}

fn arabic_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.chars().count() > 3 {
        return None;
    }
    s.chars()
        .try_fold(0u32, |acc, c| Some(acc * 10 + u32::from(digit_value(c)?)))
}

fn circled_value(c: char) -> Option<u32> {
    match c {
        '\u{2460}'..='\u{2473}' => Some(c as u32 - 0x2460 + 1),
        '\u{3251}'..='\u{325f}' => Some(c as u32 - 0x3251 + 21),
        '\u{32b1}'..='\u{32bf}' => Some(c as u32 - 0x32b1 + 36),
        _ => None,
    }
}

fn circled(n: u32) -> Option<char> {
    match n {
        1..=20 => char::from_u32(0x2460 + n - 1),
        21..=35 => char::from_u32(0x3251 + n - 21),
        36..=50 => char::from_u32(0x32b1 + n - 36),
        _ => None,
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三.
pub fn chinese_numeral(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10..=19 => format!(
            "十{}",
            if n == 10 {
                ""
            } else {
                DIGITS[(n % 10) as usize]
            }
        ),
        20..=99 => format!(
            "{}十{}",
            DIGITS[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(text: &str) -> (MarkerStyle, Option<u32>) {
        let m = Marker::classify(text).unwrap_or_else(|| panic!("{text} is a marker"));
        (m.style, m.number)
    }

    #[test]
    fn standard_markers() {
        assert_eq!(style("一、"), (MarkerStyle::CnComma, Some(1)));
        assert_eq!(style("十二、"), (MarkerStyle::CnComma, Some(12)));
        assert_eq!(style("(一)"), (MarkerStyle::CnParen, Some(1)));
        assert_eq!(style("（八）"), (MarkerStyle::CnParen, Some(8)));
        assert_eq!(style("1."), (MarkerStyle::ArabicDot, Some(1)));
        assert_eq!(style("13."), (MarkerStyle::ArabicDot, Some(13)));
        assert_eq!(style("(85)"), (MarkerStyle::ArabicParen, Some(85)));
        assert_eq!(style("⑦"), (MarkerStyle::Circled, Some(7)));
        assert_eq!(style("⑴"), (MarkerStyle::ArabicParen, Some(1)));
    }

    #[test]
    fn damaged_markers() {
        assert_eq!(style("五)"), (MarkerStyle::CnHalfParen, Some(5)));
        assert_eq!(style(")"), (MarkerStyle::LostNumeral, None));
        assert_eq!(style("("), (MarkerStyle::LostNumeral, None));
        assert_eq!(style("（"), (MarkerStyle::LostNumeral, None));
        assert_eq!(style("2、"), (MarkerStyle::ArabicComma, Some(2)));
        assert_eq!(style("16)"), (MarkerStyle::ArabicHalfParen, Some(16)));
        assert_eq!(style("1"), (MarkerStyle::ArabicBare, Some(1)));
        assert_eq!(style("一."), (MarkerStyle::CnDot, Some(1)));
        assert!(MarkerStyle::CnHalfParen.is_damaged());
        assert!(!MarkerStyle::CnParen.is_damaged());
    }

    #[test]
    fn levels_and_full_width() {
        assert_eq!(Marker::classify("（一）").unwrap().level(), 2);
        assert!(Marker::classify("（一）").unwrap().full_width);
        assert!(!Marker::classify("(一)").unwrap().full_width);
        assert_eq!(Marker::classify("16)").unwrap().level(), 4);
        assert_eq!(Marker::classify("1").unwrap().level(), 3);
    }

    #[test]
    fn standard_forms() {
        assert_eq!(MarkerStyle::CnHalfParen.standard_marker(5), "(五)");
        assert_eq!(MarkerStyle::ArabicComma.standard_marker(2), "2.");
        assert_eq!(MarkerStyle::CnComma.standard_marker(23), "二十三、");
        assert_eq!(MarkerStyle::Circled.standard_marker(3), "③");
    }
}
