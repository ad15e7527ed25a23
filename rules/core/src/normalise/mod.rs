//! The normalised view of a text: what the grammar and the rules read.
//!
//! Real documents arrive as PDF extractions (lines hard-wrapped at the page
//! width in mid-sentence, spaces around digits, page numbers and running
//! heads between the lines), as web pages copied whole (navigation,
//! breadcrumbs, metadata, 【打印】【关闭】, footers), or with a table's cells
//! one per line. The view reads such a text the way its drafter wrote it:
//!
//! - lines a reader skips are set aside ([`SetAside`]): page numbers,
//!   running heads, a title a browser or page printed twice, web furniture;
//! - a hard wrap inside a paragraph is joined ([`wrap`]): only in a text
//!   found to be wrapped at a page width, never in one that is not;
//! - the spaces extraction puts around digits and Latin letters are
//!   dropped (`到 2025 年` → `到2025年`), and in a printout the single
//!   spaces between Chinese characters (`指 导 思 想`);
//! - a table given one cell per line under a 序号/牵头单位 header becomes
//!   lines of TAB-separated cells ([`table`]).
//!
//! Every byte of the view maps back to the original ([`OffsetMap`]), so a
//! diagnostic found in the view points at the original line and column. A
//! text with none of the above comes out unchanged (the map is empty).
//! Linear in the size of the text.

pub mod lines;
mod map;
mod split;
mod table;
mod wrap;

pub use lines::SetAside;
pub use map::{Bias, OffsetMap};

use std::cell::OnceCell;

use map::Builder;

use crate::source::Source;
use crate::span::Span;
use crate::text::{is_space, is_wide};

/// A line of the original set aside, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SetAsideLine {
    /// The line in the original, without its line break.
    pub span: Span,
    pub why: SetAside,
}

/// The text the grammar and the rules read, and the way back to the
/// original.
#[derive(Clone, Debug)]
pub struct TextView {
    source: Source,
    map: OffsetMap,
    set_aside: Vec<SetAsideLine>,
    wrap_width: Option<usize>,
}

impl TextView {
    /// The view of `original`.
    pub fn new(original: &Source) -> TextView {
        let n = normalise(original.text());
        let source = if n.map.is_identity() {
            original.clone()
        } else {
            Source::new(original.name(), n.text)
        };
        TextView {
            source,
            map: n.map,
            set_aside: n.set_aside,
            wrap_width: n.wrap_width,
        }
    }

    /// The view's text with its line index: what the grammar parses and the
    /// rules read. Its spans are the view's, not the original's.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// Whether the view is the original text, unchanged.
    pub fn is_identity(&self) -> bool {
        self.map.is_identity()
    }

    /// The original span of a span of the view.
    pub fn to_original(&self, span: Span) -> Span {
        self.map.span_to_original(span)
    }

    /// The span of the view that shows an original span (a span inside
    /// something set aside becomes empty, where it was).
    pub fn to_view(&self, span: Span) -> Span {
        self.map.span_to_normalised(span)
    }

    /// The view's offset of an original offset.
    pub fn offset_to_view(&self, at: usize) -> usize {
        self.map.to_normalised(at, Bias::Start)
    }

    /// The original offset of an offset of the view.
    pub fn offset_to_original(&self, at: usize) -> usize {
        self.map.to_original(at, Bias::Start)
    }

    /// The lines of the original set aside, in order.
    pub fn set_aside(&self) -> &[SetAsideLine] {
        &self.set_aside
    }

    /// The page width (in half-width columns) the original was hard
    /// wrapped at, when it was.
    pub fn wrap_width(&self) -> Option<usize> {
        self.wrap_width
    }
}

/// A normalised text, its map and what was set aside.
struct Normalised {
    text: String,
    map: OffsetMap,
    set_aside: Vec<SetAsideLine>,
    wrap_width: Option<usize>,
}

fn normalise(original: &str) -> Normalised {
    let lines = lines::split(original);
    let texts: Vec<&str> = lines
        .iter()
        .map(|l| &original[l.trimmed.start..l.trimmed.end])
        .collect();
    let mut aside = classify(&texts);
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| aside[i].is_none() && !texts[i].is_empty())
        .collect();
    let layout = wrap::Layout::detect(original, &lines, &content);
    if layout.width.is_some() {
        mark_bare_page_numbers(&texts, &mut aside);
    }
    // Tables with a cell per line become lines of TAB-separated cells.
    let visible: Vec<&str> = (0..lines.len())
        .map(|i| if aside[i].is_some() { "" } else { texts[i] })
        .collect();
    let tables = table::find(&visible);
    let mut in_table = vec![false; lines.len()];
    let mut edits: Vec<(Span, &'static str)> = Vec::new();
    for t in &tables {
        for cells in std::iter::once(&t.header).chain(&t.rows) {
            for pair in cells.windows(2) {
                edits.push((
                    Span::new(lines[pair[0]].trimmed.end, lines[pair[1]].trimmed.start),
                    "\t",
                ));
            }
            for &k in cells {
                in_table[k] = true;
            }
        }
    }
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| aside[i].is_none() && !texts[i].is_empty() && !in_table[i])
        .collect();
    split::heading_breaks(original, &lines, &content, &mut edits);
    let mut set_aside = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(why) = aside[i] {
            set_aside.push(SetAsideLine {
                span: line.span,
                why,
            });
            edits.push((Span::new(line.span.start, line.next), ""));
        }
    }
    let mut open = Vec::new();
    let mut first = true;
    for (k, &i) in content.iter().enumerate() {
        spacing_edits(
            original,
            lines[i].trimmed,
            layout.width.is_some(),
            &mut edits,
        );
        // Only a text wrapped at a page width has wraps to join.
        let Some(&j) = content.get(k + 1).filter(|_| layout.width.is_some()) else {
            continue;
        };
        // A blank line is a paragraph break (one next to a page number
        // is the page's layout, not the text's).
        let blank_line =
            j != i + 1 && (i + 1..j).all(|m| aside[m].is_none() && texts[m].is_empty());
        if blank_line || (j != i + 1 && (i + 1..j).any(|m| in_table[m])) {
            open.clear();
            first = true;
            continue;
        }
        wrap::track_pairs(&mut open, texts[i]);
        let spaced = original[lines[i].span.start..lines[i].span.end].ends_with(is_space);
        let joins = layout.joins(texts[i], texts[j], spaced, &open, first);
        first = !joins;
        if !joins {
            open.clear();
        }
        if joins {
            let gap = Span::new(lines[i].trimmed.end, lines[j].trimmed.start);
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
            let with = if latin(texts[i].chars().last()) && latin(texts[j].chars().next()) {
                " "
            } else {
                ""
            };
            edits.push((gap, with));
        }
    }
    edits.sort_by_key(|(span, _)| (span.start, std::cmp::Reverse(span.end)));
    let mut builder = Builder::new(original);
    for (span, with) in edits {
        builder.replace(span, with);
    }
    let (text, map) = builder.finish();
    Normalised {
        text,
        map,
        set_aside,
        wrap_width: layout.width,
    }
}

/// Which lines a reader skips, and why.
fn classify(texts: &[&str]) -> Vec<Option<SetAside>> {
    let mut aside: Vec<Option<SetAside>> = texts
        .iter()
        .map(|t| lines::is_page_number(t).then_some(SetAside::PageNumber))
        .collect();
    let prose: Vec<bool> = texts.iter().map(|t| lines::is_prose(t)).collect();
    mark_furniture(texts, &prose, &mut aside);
    mark_repeated_titles(texts, &prose, &mut aside);
    mark_running_heads(texts, &mut aside);
    aside
}

fn mark_furniture(texts: &[&str], prose: &[bool], aside: &mut [Option<SetAside>]) {
    // What each line is, worked out once: the searches below ask often.
    let strong: Vec<bool> = texts
        .iter()
        .zip(prose)
        .map(|(t, &p)| lines::is_furniture(t, p))
        .collect();
    let is_web = strong.iter().filter(|&&s| s).count() >= 2;
    let mark = |aside: &mut [Option<SetAside>], i: usize| {
        if aside[i].is_none() {
            aside[i] = Some(SetAside::WebFurniture);
        }
    };
    for i in 0..texts.len() {
        if strong[i] {
            mark(aside, i);
        }
        if !is_web {
            continue;
        }
        if let Some(value_follows) = lines::metadata_key(texts[i]) {
            mark(aside, i);
            if value_follows {
                // The value: the next non-blank line that is not a lone
                // colon and not the next key.
                let mut j = i + 1;
                while j < texts.len() && (texts[j].is_empty() || lines::is_colon(texts[j])) {
                    if lines::is_colon(texts[j]) {
                        mark(aside, j);
                    }
                    j += 1;
                }
                if j < texts.len() && lines::metadata_key(texts[j]).is_none() {
                    mark(aside, j);
                }
            }
        }
    }
    let first_prose = (0..texts.len())
        .find(|&i| aside[i].is_none() && prose[i])
        .unwrap_or(texts.len());
    if is_web {
        // Above the document: navigation up to the last furniture line,
        // and the buttons right after it.
        if let Some(last) = (0..first_prose)
            .rev()
            .find(|&i| aside[i] == Some(SetAside::WebFurniture))
        {
            for i in 0..last {
                if aside[i].is_none() && !texts[i].is_empty() && lines::is_nav_like(texts[i]) {
                    mark(aside, i);
                }
            }
            for i in last + 1..first_prose {
                if texts[i].is_empty() {
                    continue;
                }
                if aside[i].is_some() || texts[i].chars().filter(|&c| !is_space(c)).count() <= 3 {
                    mark(aside, i);
                } else {
                    break;
                }
            }
        }
    }
    // Below the document: the footer, from its first mark after the last
    // heading to the end, when what follows is no longer the document.
    let last_block = (0..texts.len())
        .rev()
        .find(|&i| aside[i].is_none() && wrap::starts_heading(texts[i]));
    let from = last_block
        .max(first_prose_index(prose, aside))
        .map_or(0, |i| i + 1);
    // Footer marks are looked for only below the document's last heading.
    let footer_mark: Vec<bool> = (0..texts.len())
        .map(|i| i >= from && lines::starts_footer(texts[i], prose[i]))
        .collect();
    // From the end: how many non-blank lines, lines of text and lines of
    // furniture follow each line.
    let mut after = vec![(0usize, 0usize, 0usize); texts.len() + 1];
    for i in (from..texts.len()).rev() {
        let (mut n, mut text, mut furniture) = after[i + 1];
        if !texts[i].is_empty() {
            n += 1;
            text += usize::from(prose[i] && !strong[i] && !footer_mark[i]);
            furniture += usize::from(strong[i] || footer_mark[i] || lines::is_nav_like(texts[i]));
        }
        after[i] = (n, text, furniture);
    }
    let footer = (from..texts.len()).find(|&i| {
        let (n, text, furniture) = after[i + 1];
        footer_mark[i] && text <= 2.max(n / 10) && furniture * 10 >= n * 7
    });
    if let Some(footer) = footer {
        for (i, text) in texts.iter().enumerate().skip(footer) {
            if !text.is_empty() {
                mark(aside, i);
            }
        }
    }
}

fn first_prose_index(prose: &[bool], aside: &[Option<SetAside>]) -> Option<usize> {
    (0..prose.len()).find(|&i| aside[i].is_none() && prose[i])
}

/// A title the page or the browser printed above the document's own:
/// the same words as a title line (or run of lines) a little further down.
fn mark_repeated_titles(texts: &[&str], prose: &[bool], aside: &mut [Option<SetAside>]) {
    const LOOK_AHEAD: usize = 60;
    let first_prose = first_prose_index(prose, aside).unwrap_or(texts.len());
    // Only the head of the document is looked at.
    let head = (first_prose + LOOK_AHEAD).min(texts.len());
    // Squeezed on first use: most documents have no title candidate, and
    // the lines after the first paragraph are long.
    let squeezed: Vec<OnceCell<String>> = vec![OnceCell::new(); head];
    let squeezed = |j: usize| -> &str { squeezed[j].get_or_init(|| lines::squeezed(texts[j])) };
    for i in 0..first_prose.min(texts.len()) {
        let title = squeezed(i);
        if aside[i].is_some() || title.chars().count() < 8 || !looks_like_a_title(title) {
            continue;
        }
        // A title of its own, not the last line of a longer one.
        let before = (0..i)
            .rev()
            .find(|&j| aside[j].is_none() && !texts[j].is_empty());
        if before
            .is_some_and(|j| !squeezed(j).ends_with(['。', '：', '；', '，', '）', '》', '号']))
        {
            continue;
        }
        'later: for start in i + 1..(i + LOOK_AHEAD).min(texts.len()) {
            if aside[start].is_some()
                || texts[start].is_empty()
                || !looks_like_title_start(squeezed(start))
            {
                continue;
            }
            let mut joined = String::new();
            let run = (start..head)
                .filter(|&k| !texts[k].is_empty() && aside[k].is_none())
                .map(squeezed)
                .take(4);
            for line in run {
                joined.push_str(line);
                // The same title, or (a page's heading) the notice title
                // without the issuer in front.
                let same =
                    joined == title || (title.starts_with("关于") && joined.ends_with(title));
                if same {
                    aside[i] = Some(SetAside::RepeatedTitle);
                    break 'later;
                }
                if joined.len() > title.len() + 60 {
                    break;
                }
            }
        }
    }
}

/// A line a title may start with: no sentence punctuation.
fn looks_like_title_start(s: &str) -> bool {
    !s.contains(['，', '。', '；', '：'])
}

fn looks_like_a_title(s: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "通知", "方案", "计划", "措施", "意见", "办法", "细则", "要点", "清单", "规划", "决定",
        "）", ")",
    ];
    s.contains("关于") || ENDINGS.iter().any(|e| s.ends_with(e))
}

/// Lines a printout repeats on its pages: the same short line at least three
/// times, mostly next to a page number.
fn mark_running_heads(texts: &[&str], aside: &mut [Option<SetAside>]) {
    const NEAR: usize = 6;
    let pages: Vec<usize> = (0..texts.len())
        .filter(|&i| aside[i] == Some(SetAside::PageNumber))
        .collect();
    if pages.len() < 2 {
        return;
    }
    let mut seen: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for (i, t) in texts.iter().enumerate() {
        if aside[i].is_none() && !t.is_empty() {
            seen.entry(lines::squeezed(t)).or_default().push(i);
        }
    }
    for (text, at) in seen {
        if at.len() < 3.max(pages.len() / 2)
            || text.chars().count() > 40
            || wrap::starts_block(&text)
            || text.contains(['|', '\t'])
        {
            continue;
        }
        let near_a_page = at
            .iter()
            .filter(|&&i| {
                let from = pages.partition_point(|&p| p + NEAR < i);
                pages.get(from).is_some_and(|&p| p <= i + NEAR)
            })
            .count();
        if near_a_page * 2 >= at.len() {
            for i in at {
                aside[i] = Some(SetAside::RunningHead);
            }
        }
    }
}

/// In a printout, a number alone on a line with nothing but blank lines on
/// one side (the last page's number after the signature).
fn mark_bare_page_numbers(texts: &[&str], aside: &mut [Option<SetAside>]) {
    for i in 0..texts.len() {
        if aside[i].is_some() || !lines::is_bare_number(texts[i]) {
            continue;
        }
        let blank = |j: Option<usize>| j.is_none_or(|j| texts[j].is_empty() || aside[j].is_some());
        let before = blank(i.checked_sub(1));
        let after = blank((i + 1 < texts.len()).then_some(i + 1));
        let at_end = texts[i + 1..].iter().all(|t| t.is_empty());
        if (before && after) || at_end {
            aside[i] = Some(SetAside::PageNumber);
        }
    }
}

/// The spaces PDF extraction puts inside a line: around digits and Latin
/// letters always, between Chinese characters in a printout.
fn spacing_edits(text: &str, line: Span, printout: bool, edits: &mut Vec<(Span, &'static str)>) {
    let s = &text[line.start..line.end];
    // Most lines hold no space at all.
    if !has_extraction_space(s) {
        return;
    }
    let mut prev: Option<char> = None;
    let mut run: Option<usize> = None;
    for (at, c) in s.char_indices() {
        if EXTRACTION_SPACES.contains(&c) {
            run.get_or_insert(at);
            continue;
        }
        if let (Some(start), Some(p)) = (run.take(), prev) {
            let narrow = |c: char| c.is_ascii_alphanumeric() || matches!(c, '%' | '‰' | '℃');
            // Between Chinese characters only a single space is the
            // extraction's: a wider gap is layout (two columns of names).
            let single = at - start == s[start..at].chars().next().map_or(1, char::len_utf8);
            let drop = (is_wide(p) && narrow(c))
                || (narrow(p) && is_wide(c))
                || (printout && single && is_wide(p) && is_wide(c));
            if drop {
                edits.push((Span::new(line.start + start, line.start + at), ""));
            }
        }
        prev = Some(c);
    }
}

/// Whether `s` holds one of the spaces [`spacing_edits`] looks at: a
/// space, a no-break, en, em or thin space. A substring search each (fast
/// searches on the bytes) rather than decoding every character: every
/// line of a text is asked and most hold none.
fn has_extraction_space(s: &str) -> bool {
    let mut buf = [0u8; 4];
    EXTRACTION_SPACES
        .iter()
        .any(|c| s.contains(&*c.encode_utf8(&mut buf)))
}

/// The spaces PDF extraction leaves inside a line: a space, a no-break,
/// en, em or thin space.
const EXTRACTION_SPACES: [char; 5] = [' ', '\u{a0}', '\u{2002}', '\u{2003}', '\u{2009}'];

#[cfg(test)]
mod tests;
