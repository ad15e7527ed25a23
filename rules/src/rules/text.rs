//! Text helpers shared by the format and wording rules (F101–F105,
//! W101–W103): character classes and the content lines of a document.

use std::rc::Rc;

use crate::Span;
use crate::model::Document;
use crate::rule::Context;

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

/// The content lines of a document: every non-blank line that is not
/// web-page debris, trimmed of white space. Computed once per run and
/// shared by the rules that read line by line.
pub fn content_lines(doc: &Document, cx: &Context<'_>) -> Rc<[Span]> {
    struct ContentLines(Rc<[Span]>);
    cx.memo(|| ContentLines(find_content_lines(doc, cx)))
        .0
        .clone()
}

fn find_content_lines(doc: &Document, cx: &Context<'_>) -> Rc<[Span]> {
    let source = cx.source;
    let mut debris = vec![false; source.line_count()];
    for span in &doc.debris {
        let first = source.line_of(span.start);
        let last = source.line_of(span.end.saturating_sub(1).max(span.start));
        for flag in &mut debris[first..=last.min(source.line_count() - 1)] {
            *flag = true;
        }
    }
    let text = source.text();
    (0..source.line_count())
        .filter(|&line| !debris[line])
        .filter_map(|line| {
            let span = source.line_span(line);
            let slice = &text[span.start..span.end];
            let trimmed_start = slice.trim_start_matches(is_space);
            let start = span.start + (slice.len() - trimmed_start.len());
            let end = start + trimmed_start.trim_end_matches(is_space).len();
            (start < end).then_some(Span::new(start, end))
        })
        .collect()
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

/// A digit or a Chinese numeral: a difference in one of these is a
/// different thing (十四五 vs 十三五, 2023 vs 2024), not a variant.
pub fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || "〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾".contains(c)
}
