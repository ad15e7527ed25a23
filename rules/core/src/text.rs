//! Character classes: what is a Han character, white space, Chinese
//! punctuation, a digit or a numeral, for the model, the quantity scanner,
//! the target analysis and every rule. Each class is defined here and
//! nowhere else; a rule that needs a narrower notion builds it from these.

/// A CJK ideograph.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4e00}'..='\u{9fff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2ebef}'
        | '\u{3007}')
}

/// Chinese (full-width) punctuation, including the marks that stay
/// full-width in an NFKC-normalised file.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}'
        | '\u{ff01}'..='\u{ff0f}'
        | '\u{ff1a}'..='\u{ff20}'
        | '\u{ff3b}'..='\u{ff40}'
        | '\u{ff5b}'..='\u{ff65}'
        | '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// Han characters and Chinese punctuation (the ideographic space aside):
/// what Chinese text is made of.
pub fn is_chinese(c: char) -> bool {
    is_han(c) || (is_cjk_punct(c) && c != '\u{3000}')
}

/// A character set full width in Chinese typesetting (two columns of a
/// monospaced line): Han, Chinese punctuation, full-width forms, kana and
/// the enclosed numbers (①).
pub fn is_wide(c: char) -> bool {
    is_han(c)
        || is_cjk_punct(c)
        || matches!(c,
            '\u{ff00}'..='\u{ff60}'
            | '\u{ffe0}'..='\u{ffe6}'
            | '\u{2e80}'..='\u{2fff}'
            | '\u{3040}'..='\u{33ff}'
            | '\u{fe30}'..='\u{fe4f}'
            | '\u{2460}'..='\u{24ff}')
}

/// Horizontal white space, including what Word and web pages leave.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}')
}

/// A clause break inside a sentence: , ; : in either width.
pub fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | '，' | ';' | '；' | ':' | '：')
}

/// The end of a sentence: 。 ! ? (either width).
pub fn is_sentence_break(c: char) -> bool {
    matches!(c, '。' | '!' | '！' | '?' | '？')
}

/// A quotation mark: “ ” ‘ ’ 「 」 and the straight `"`.
pub fn is_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '‘' | '’' | '「' | '」')
}

/// A dash or tilde between the two ends of a range (`1-2`, `3～5`).
pub fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '－' | '—' | '–' | '‐' | '−' | '―' | '~' | '～' | '〜'
    )
}

/// A decimal point, in either width.
pub fn is_dot(c: char) -> bool {
    c == '.' || c == '．'
}

/// A percent sign, in either width.
pub fn is_percent(c: char) -> bool {
    c == '%' || c == '％'
}

/// A Latin letter, in either width.
pub fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// The value of a digit, ASCII or full-width (`７` is 7).
pub fn digit_value(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => u8::try_from(u32::from(c) - 0xFF10).ok(),
        _ => None,
    }
}

/// A digit, ASCII or full-width.
pub fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// The Chinese numerals one to ten, as list markers count (`一、` … `(十)`).
pub fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// A character a Chinese number may start with (零 〇 一 … 十, 两).
pub fn is_cn_number_start(c: char) -> bool {
    matches!(
        c,
        '零' | '〇' | '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// A character a Chinese number may continue with: its start characters
/// and 百 千 万 亿.
pub fn is_cn_number_char(c: char) -> bool {
    is_cn_number_start(c) || matches!(c, '百' | '千' | '万' | '亿')
}

/// A digit or a Chinese numeral: a difference in one of these is a
/// different thing (十四五 vs 十三五, 2023 vs 2024), not a variant.
pub fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || "〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾".contains(c)
}

/// The number of leading chars two slices share.
pub fn common_prefix(a: &[char], b: &[char]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// The number of trailing chars two slices share.
pub fn common_suffix(a: &[char], b: &[char]) -> usize {
    a.iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}
