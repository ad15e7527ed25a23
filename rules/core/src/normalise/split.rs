//! Headings run into the line before them: `…分类实施整治措施。  （二）加快
//! 农业绿色发展。…`. PDF extraction sometimes joins the last line of a
//! paragraph and the next heading into one line (with a few spaces between,
//! or none). A reader sees the heading because it is the one the outline
//! expects next: the marker that follows a sentence end is of a kind already
//! seen at the start of a line, numbered one more than the last one seen
//! there. Only then is the line broken before it; a marker numbered 1, or
//! one out of sequence, is left in its sentence (`具体包括：（1）…；（2）…`).

use super::lines::Line;
use crate::model::Marker;
use crate::span::Span;
use crate::text::{is_cn_digit, is_digit, is_han, is_space};

/// The edits that break `content` lines (indexes into `lines`, in order)
/// before a heading run into them: the spaces between the sentence end and
/// the marker become a line break (or one is inserted).
pub fn heading_breaks(
    text: &str,
    lines: &[Line],
    content: &[usize],
    edits: &mut Vec<(Span, &'static str)>,
) {
    // The last number seen at a line start, per outline level.
    let mut last: [Option<u32>; 256] = [None; 256];
    for &i in content {
        let line = lines[i].trimmed;
        let s = &text[line.start..line.end];
        if let Some((marker, _)) = leading_marker(s)
            && let Some(n) = marker.number
        {
            last[usize::from(marker.level())] = Some(n);
        }
        // Only the sentence ends are looked at (a byte search, no decoding
        // of the characters between).
        for (at, stop) in s.match_indices('。') {
            let after = at + stop.len();
            let rest = &s[after..];
            let marker_at = after + (rest.len() - rest.trim_start_matches(is_space).len());
            let Some((marker, _)) = leading_marker(&s[marker_at..]) else {
                continue;
            };
            let (level, Some(n)) = (marker.level(), marker.number) else {
                continue;
            };
            if n < 2 || last[usize::from(level)] != Some(n - 1) {
                continue;
            }
            edits.push((Span::new(line.start + after, line.start + marker_at), "\n"));
            last[usize::from(level)] = Some(n);
        }
    }
}

/// The heading marker `s` starts with, and its length in bytes, when a
/// title in Chinese follows it: `一、` `（一）` `1.` `（1）`, spaces inside
/// allowed (`（ 二）`). Not a decimal (`1.5万吨`) nor a bare number.
fn leading_marker(s: &str) -> Option<(Marker, usize)> {
    let mut chars = s.char_indices().peekable();
    let (_, first) = *chars.peek()?;
    let numeral = |c: char| is_digit(c) || is_cn_digit(c);
    let end = if matches!(first, '（' | '(') {
        chars.next();
        let mut inner = 0;
        let mut close = None;
        for (i, c) in chars.by_ref() {
            if is_space(c) {
                continue;
            }
            if matches!(c, '）' | ')') {
                close = Some(i + c.len_utf8());
                break;
            }
            if !numeral(c) || inner == 3 {
                return None;
            }
            inner += 1;
        }
        close.filter(|_| inner > 0)?
    } else {
        let mut count = 0;
        let mut end = None;
        for (i, c) in chars.by_ref() {
            if numeral(c) && count < 3 {
                count += 1;
                continue;
            }
            if count > 0 && matches!(c, '、' | '.' | '．') {
                end = Some(i + c.len_utf8());
            }
            break;
        }
        end?
    };
    // A title follows: a Chinese character, not a digit (`1.5`) or a
    // closing punctuation.
    let next = s[end..].trim_start_matches(is_space).chars().next()?;
    if !is_han(next) {
        return None;
    }
    let marker = Marker::classify(&s[..end])?;
    // `一.` is a damaged marker only at a line start.
    if marker.style.is_damaged() {
        return None;
    }
    Some((marker, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(s: &str) -> Option<(u8, Option<u32>)> {
        leading_marker(s).map(|(m, _)| (m.level(), m.number))
    }

    #[test]
    fn markers_that_start_a_title() {
        assert_eq!(marker("二、工作目标"), Some((1, Some(2))));
        assert_eq!(marker("（二）加快农业绿色发展"), Some((2, Some(2))));
        assert_eq!(marker("（ 二十 ）加大"), Some((2, Some(20))));
        assert_eq!(marker("3.推进"), Some((3, Some(3))));
        assert_eq!(marker("（2）开展"), Some((4, Some(2))));
        assert_eq!(marker("1.5万吨"), None);
        assert_eq!(marker("（2025年）"), None);
        assert_eq!(marker("（二）。"), None);
        assert_eq!(marker("十四五"), None);
    }

    fn broken(text: &str) -> Vec<String> {
        let lines = super::super::lines::split(text);
        let content: Vec<usize> = (0..lines.len())
            .filter(|&i| !lines[i].trimmed.is_empty())
            .collect();
        let mut edits = Vec::new();
        heading_breaks(text, &lines, &content, &mut edits);
        edits
            .iter()
            .map(|(span, _)| text[span.end..].lines().next().unwrap().to_string())
            .collect()
    }

    #[test]
    fn the_next_heading_run_into_a_line_starts_its_own() {
        let text = "（一）推进工业绿色升级。全面推行清洁生产。\n\
                    加强监管，分类实施整治措施。  （二）加快农业绿色发展。推广生态种植。\n\
                    提升排放报告质量。（三）规范碳排放管理。督促企业。\n";
        assert_eq!(
            broken(text),
            [
                "（二）加快农业绿色发展。推广生态种植。",
                "（三）规范碳排放管理。督促企业。"
            ]
        );
        let text = "一、总体要求\n为建设示范区提供坚强支撑。  二、工作目标\n";
        assert_eq!(broken(text), ["二、工作目标"]);
    }

    #[test]
    fn enumerations_and_markers_out_of_sequence_stay_in_their_sentence() {
        // An enumeration inside a paragraph: no (1) at a line start.
        assert!(broken("（一）加强监测。具体包括。（1）布设站点。（2）发布数据。\n").is_empty());
        // (四) after (二): not the heading expected next.
        assert!(broken("（二）推进改造。完成整治。（四）强化保障。\n").is_empty());
        // A decimal after a full stop.
        assert!(broken("1.推进改造。完成整治。\n完成任务。2.5万吨以上。\n").is_empty());
    }
}
