//! Character classes: what is a Han character, white space, Chinese
//! punctuation or a numeral, for the model and every rule. Each class is
//! defined here and nowhere else.

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

/// Horizontal white space, including what Word and web pages leave.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}')
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
