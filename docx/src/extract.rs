//! The text of the main document part as plan-lint reads it: one line per
//! paragraph (one per table cell), automatic numbering rebuilt, tracked
//! deletions left out, and a map from every byte of that text back to its
//! paragraph and to the run it came from.

use std::collections::HashMap;
use std::ops::Range;

use crate::numbering::Numbering;
use crate::xml::{self, Element, Node, Ns};

/// How many characters of a paragraph name it in messages.
pub const PREVIEW_CHARS: usize = 16;

/// A run that gave text, with what the annotator needs to split it.
#[derive(Debug)]
pub(crate) struct RunInfo {
    pub start: usize,
    pub end: usize,
    /// The start tag `<w:r …>`.
    pub start_tag: Range<usize>,
    /// The end tag `</w:r>`.
    pub end_tag: Range<usize>,
    /// `<w:rPr>…</w:rPr>`, when present.
    pub rpr: Option<Range<usize>>,
    pub children: Vec<RunChild>,
    /// Characters of text in the run.
    pub chars: usize,
}

#[derive(Debug)]
pub(crate) struct RunChild {
    pub range: Range<usize>,
    pub chars: usize,
    /// For `w:t`: the start tag, the content and whether a text node is
    /// CDATA (then a split re-escapes instead of cutting the raw bytes).
    pub text: Option<TextChild>,
}

#[derive(Debug)]
pub(crate) struct TextChild {
    pub start_tag: Range<usize>,
    pub content: Range<usize>,
    pub end_tag: Range<usize>,
    pub has_cdata: bool,
}

/// Where a paragraph's content can take inserted elements.
#[derive(Debug)]
pub(crate) struct ParaXml {
    pub start: usize,
    pub end: usize,
    /// `<w:p/>`: no content at all.
    pub empty: bool,
    /// After `w:pPr` (or the start tag).
    pub content_start: usize,
    /// Before `</w:p>`.
    pub content_end: usize,
}

/// Where a piece of text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// Characters of run `run` from character `offset` on.
    Run { run: usize, offset: usize },
    /// Text Word shows at the start of a paragraph (its numbering).
    ParaStart,
    /// Separators plan-lint adds after a paragraph (line end, ` |`, the
    /// space joining the paragraphs of a cell).
    ParaEnd,
}

#[derive(Debug, Clone)]
pub(crate) struct Segment {
    pub text: Range<usize>,
    /// Paragraph (0-based) the text belongs to.
    pub para: usize,
    /// Characters of that paragraph before this segment.
    pub para_offset: usize,
    pub origin: Origin,
}

/// A paragraph of the document.
#[derive(Debug, Clone)]
pub struct Paragraph {
    /// Its first characters (numbering included), `…` when cut.
    pub preview: String,
    /// Characters of its text (numbering included).
    pub chars: usize,
    pub in_table: bool,
}

/// A place in the document: paragraph and character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// 1-based paragraph index (body paragraphs and table-cell paragraphs
    /// in document order).
    pub paragraph: usize,
    /// 1-based character within the paragraph's text (its numbering
    /// included), as `plan-lint extract` prints it.
    pub column: usize,
    /// The paragraph's first characters.
    pub preview: String,
}

/// Maps byte offsets of the extracted text to paragraphs.
#[derive(Debug, Clone, Default)]
pub struct ParagraphMap {
    pub(crate) paragraphs: Vec<Paragraph>,
    pub(crate) segments: Vec<Segment>,
}

impl ParagraphMap {
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    /// The segment holding the character at `byte` (the last one past the end).
    pub(crate) fn segment_at(&self, byte: usize) -> Option<&Segment> {
        let i = self.segments.partition_point(|s| s.text.end <= byte);
        self.segments.get(i).or(self.segments.last())
    }

    /// The segment ending at or holding the character before `byte`.
    pub(crate) fn segment_before(&self, byte: usize) -> Option<&Segment> {
        let i = self.segments.partition_point(|s| s.text.end < byte);
        match self.segments.get(i) {
            Some(s) if s.text.start < byte => Some(s),
            _ => self.segment_at(byte),
        }
    }

    /// The paragraph and character of a byte offset into the text.
    pub fn locate(&self, text: &str, byte: usize) -> Option<Location> {
        let seg = self.segment_at(byte)?;
        let column = match seg.origin {
            Origin::ParaEnd => seg.para_offset,
            _ => {
                let b = byte.clamp(seg.text.start, seg.text.end);
                seg.para_offset + text.get(seg.text.start..b).map_or(0, |s| s.chars().count())
            }
        };
        let p = self.paragraphs.get(seg.para)?;
        Some(Location {
            paragraph: seg.para + 1,
            column: column.min(p.chars) + 1,
            preview: p.preview.clone(),
        })
    }
}

/// The result of reading the main document part.
pub(crate) struct Extracted {
    pub text: String,
    pub map: ParagraphMap,
    pub runs: Vec<RunInfo>,
    pub paras: Vec<ParaXml>,
}

/// A paragraph's text before it is placed: pieces with their origins.
#[derive(Clone)]
struct ParaText {
    para: usize,
    pieces: Vec<(String, Origin)>,
    chars: usize,
}

struct Walker<'a> {
    xml: &'a str,
    numbering: Numbering,
    runs: Vec<RunInfo>,
    paras: Vec<ParaXml>,
    paragraphs: Vec<Paragraph>,
    text: String,
    segments: Vec<Segment>,
    table_depth: usize,
}

pub(crate) fn extract(xml: &str, root: &Element, numbering: Numbering) -> Extracted {
    let mut w = Walker {
        xml,
        numbering,
        runs: Vec::new(),
        paras: Vec::new(),
        paragraphs: Vec::new(),
        text: String::new(),
        segments: Vec::new(),
        table_depth: 0,
    };
    if let Some(body) = root.child_w("body") {
        w.blocks(body);
    }
    Extracted {
        text: w.text,
        map: ParagraphMap {
            paragraphs: w.paragraphs,
            segments: w.segments,
        },
        runs: w.runs,
        paras: w.paras,
    }
}

/// The `mc:Choice` of an `mc:AlternateContent` (what Word itself reads).
fn choice(e: &Element) -> Option<&Element> {
    e.elements().find(|c| c.ns == Ns::Mc && c.name == "Choice")
}

impl<'a> Walker<'a> {
    fn blocks(&mut self, parent: &Element) {
        for e in parent.elements() {
            match (e.ns, e.name.as_str()) {
                (Ns::W, "p") => {
                    if let Some(p) = self.paragraph(e) {
                        self.emit_paragraph(&p);
                        self.emit(p.para, p.chars, "\n", Origin::ParaEnd);
                    }
                }
                (Ns::W, "tbl") => self.table(e),
                (Ns::W, "sdt") => {
                    if let Some(c) = e.child_w("sdtContent") {
                        self.blocks(c);
                    }
                }
                (Ns::W, "customXml" | "ins" | "moveTo") => self.blocks(e),
                (Ns::Mc, "AlternateContent") => {
                    if let Some(c) = choice(e) {
                        self.blocks(c);
                    }
                }
                _ => {}
            }
        }
    }

    fn emit(&mut self, para: usize, para_offset: usize, s: &str, origin: Origin) {
        if s.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(s);
        self.segments.push(Segment {
            text: start..self.text.len(),
            para,
            para_offset,
            origin,
        });
    }

    fn emit_paragraph(&mut self, p: &ParaText) {
        let mut offset = 0;
        for (s, origin) in &p.pieces {
            self.emit(p.para, offset, s, *origin);
            offset += s.chars().count();
        }
    }

    /// Reads one `w:p`; `None` for a paragraph deleted in tracked changes.
    fn paragraph(&mut self, p: &Element) -> Option<ParaText> {
        let ppr = p.child_w("pPr");
        let mut pieces = Vec::new();
        self.inline(p, &mut pieces);
        let mark_deleted = ppr
            .and_then(|pp| pp.child_w("rPr"))
            .is_some_and(|r| r.child_w("del").is_some() || r.child_w("moveFrom").is_some());
        if mark_deleted && pieces.is_empty() {
            return None;
        }
        if let Some((label, separated)) = self.numbering.label(ppr) {
            let first = pieces
                .first()
                .and_then(|(s, _): &(String, Origin)| s.chars().next());
            // `1.` before `5G…` would read as 1.5: keep Word's gap there.
            let gap = separated
                && label.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '.')
                && first.is_some_and(|c| c.is_ascii_digit());
            let mut prefix = label;
            if gap {
                prefix.push(' ');
            }
            if !prefix.is_empty() {
                pieces.insert(0, (prefix, Origin::ParaStart));
            }
        }
        let chars = pieces.iter().map(|(s, _)| s.chars().count()).sum();
        let content_start = ppr.map_or(p.start_tag_end, |pp| pp.end);
        self.paras.push(ParaXml {
            start: p.start,
            end: p.end,
            empty: p.empty,
            content_start,
            content_end: p.end_tag_start,
        });
        let own: String = pieces.iter().map(|(s, _)| s.as_str()).collect();
        let mut preview: String = own
            .chars()
            .take(PREVIEW_CHARS)
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if own.chars().count() > PREVIEW_CHARS {
            preview.push('…');
        }
        self.paragraphs.push(Paragraph {
            preview,
            chars,
            in_table: self.table_depth > 0,
        });
        Some(ParaText {
            para: self.paragraphs.len() - 1,
            pieces,
            chars,
        })
    }

    fn inline(&mut self, parent: &Element, pieces: &mut Vec<(String, Origin)>) {
        for e in parent.elements() {
            match (e.ns, e.name.as_str()) {
                (Ns::W, "r") => self.run(e, pieces),
                (
                    Ns::W,
                    "ins" | "moveTo" | "hyperlink" | "smartTag" | "fldSimple" | "customXml" | "bdo"
                    | "dir",
                ) => self.inline(e, pieces),
                (Ns::W, "sdt") => {
                    if let Some(c) = e.child_w("sdtContent") {
                        self.inline(c, pieces);
                    }
                }
                (Ns::Mc, "AlternateContent") => {
                    if let Some(c) = choice(e) {
                        self.inline(c, pieces);
                    }
                }
                // w:del, w:moveFrom (tracked deletions), w:pPr, math, …
                _ => {}
            }
        }
    }

    fn run(&mut self, r: &Element, pieces: &mut Vec<(String, Origin)>) {
        let rpr = r.child_w("rPr");
        if rpr.is_some_and(|p| p.flag("vanish")) {
            return;
        }
        let mut text = String::new();
        let mut children = Vec::new();
        for child in &r.children {
            let Node::Element(e) = child else { continue };
            let mut t = None;
            let s: String = match (e.ns, e.name.as_str()) {
                (Ns::W, "t") => {
                    let mut s = String::new();
                    let mut has_cdata = false;
                    for n in &e.children {
                        if let Node::Text { start, end, cdata } = *n {
                            has_cdata |= cdata;
                            for (_, c) in xml::text_chars(&self.xml[start..end], cdata) {
                                // A line end inside w:t is not a paragraph.
                                s.push(if c == '\n' { ' ' } else { c });
                            }
                        }
                    }
                    t = Some(TextChild {
                        start_tag: e.start..e.start_tag_end,
                        content: e.start_tag_end..e.end_tag_start,
                        end_tag: e.end_tag_start..e.end,
                        has_cdata,
                    });
                    s
                }
                (Ns::W, "tab" | "ptab") => "\t".into(),
                (Ns::W, "br") => match e.attr("type") {
                    Some("page" | "column") => String::new(),
                    _ => "\n".into(),
                },
                (Ns::W, "cr") => "\n".into(),
                (Ns::W, "noBreakHyphen") => "-".into(),
                (Ns::W, "sym") => e
                    .attr("char")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32)
                    .map(String::from)
                    .unwrap_or_default(),
                _ => String::new(),
            };
            let chars = s.chars().count();
            text.push_str(&s);
            children.push(RunChild {
                range: e.start..e.end,
                chars,
                text: t,
            });
        }
        if text.is_empty() {
            return;
        }
        let chars = text.chars().count();
        self.runs.push(RunInfo {
            start: r.start,
            end: r.end,
            start_tag: r.start..r.start_tag_end,
            end_tag: r.end_tag_start..r.end,
            rpr: rpr.map(|p| p.start..p.end),
            children,
            chars,
        });
        pieces.push((
            text,
            Origin::Run {
                run: self.runs.len() - 1,
                offset: 0,
            },
        ));
    }

    /// Rows of a table, through content controls and custom XML.
    fn rows<'e>(e: &'e Element, out: &mut Vec<&'e Element>) {
        for c in e.elements() {
            match (c.ns, c.name.as_str()) {
                (Ns::W, "tr") => out.push(c),
                (Ns::W, "sdt") => {
                    if let Some(content) = c.child_w("sdtContent") {
                        Self::rows(content, out);
                    }
                }
                (Ns::W, "customXml") => Self::rows(c, out),
                _ => {}
            }
        }
    }

    fn cells<'e>(e: &'e Element, out: &mut Vec<&'e Element>) {
        for c in e.elements() {
            match (c.ns, c.name.as_str()) {
                (Ns::W, "tc") => out.push(c),
                (Ns::W, "sdt") => {
                    if let Some(content) = c.child_w("sdtContent") {
                        Self::cells(content, out);
                    }
                }
                (Ns::W, "customXml") => Self::cells(c, out),
                _ => {}
            }
        }
    }

    /// A table: one line per cell, `text |` (an empty cell is `|`), as in
    /// the flattened tables plan-lint reads from text. The continuation of
    /// a vertically merged cell repeats the merged cell's text, so that a
    /// 牵头单位 merged over several rows is read for each of them.
    fn table(&mut self, tbl: &Element) {
        self.table_depth += 1;
        let mut merged: HashMap<usize, Vec<ParaText>> = HashMap::new();
        let mut rows = Vec::new();
        Self::rows(tbl, &mut rows);
        for tr in rows {
            let mut col = tr
                .child_w("trPr")
                .and_then(|p| p.child_val("gridBefore"))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            let mut cells = Vec::new();
            Self::cells(tr, &mut cells);
            for tc in cells {
                let tcpr = tc.child_w("tcPr");
                let span = tcpr
                    .and_then(|p| p.child_val("gridSpan"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .max(1);
                let h_continue = tcpr
                    .and_then(|p| p.child_w("hMerge"))
                    .is_some_and(|m| m.attr("val") != Some("restart"));
                let v_merge = tcpr
                    .and_then(|p| p.child_w("vMerge"))
                    .map(|m| m.attr("val").unwrap_or("continue").to_string());
                let mut own = Vec::new();
                self.cell_paragraphs(tc, &mut own);
                if h_continue {
                    col += span;
                    continue;
                }
                let tail = own.last().map(|p| p.para);
                let content = match v_merge.as_deref() {
                    Some("restart") => {
                        merged.insert(col, own.clone());
                        own
                    }
                    Some(_) => {
                        let mut repeated = merged.get(&col).cloned().unwrap_or_default();
                        repeated.extend(own.into_iter().filter(|p| p.chars > 0));
                        repeated
                    }
                    None => {
                        merged.remove(&col);
                        own
                    }
                };
                self.emit_cell(&content, tail);
                col += span;
            }
        }
        self.table_depth -= 1;
    }

    /// The paragraphs of a cell, nested tables' cells flattened into it.
    fn cell_paragraphs(&mut self, parent: &Element, out: &mut Vec<ParaText>) {
        for e in parent.elements() {
            match (e.ns, e.name.as_str()) {
                (Ns::W, "p") => {
                    if let Some(p) = self.paragraph(e) {
                        out.push(p);
                    }
                }
                (Ns::W, "tbl") => {
                    let mut rows = Vec::new();
                    Self::rows(e, &mut rows);
                    for tr in rows {
                        let mut cells = Vec::new();
                        Self::cells(tr, &mut cells);
                        for tc in cells {
                            self.cell_paragraphs(tc, out);
                        }
                    }
                }
                (Ns::W, "sdt") => {
                    if let Some(c) = e.child_w("sdtContent") {
                        self.cell_paragraphs(c, out);
                    }
                }
                (Ns::W, "customXml") => self.cell_paragraphs(e, out),
                _ => {}
            }
        }
    }

    /// One cell on one line: its paragraphs joined by a space, then ` |`.
    /// Line breaks inside a cell become spaces.
    fn emit_cell(&mut self, paras: &[ParaText], tail: Option<usize>) {
        let filled: Vec<&ParaText> = paras.iter().filter(|p| p.chars > 0).collect();
        let mut last: Option<&ParaText> = None;
        for p in &filled {
            if let Some(prev) = last {
                self.emit(prev.para, prev.chars, " ", Origin::ParaEnd);
            }
            let mut offset = 0;
            for (s, origin) in &p.pieces {
                let s = s.replace('\n', " ");
                self.emit(p.para, offset, &s, *origin);
                offset += s.chars().count();
            }
            last = Some(p);
        }
        let (para, offset, border) = match (last, tail) {
            (Some(p), _) => (p.para, p.chars, " |\n"),
            (None, Some(t)) => (t, 0, "|\n"),
            // A cell without a paragraph (invalid, but seen): nothing to map.
            (None, None) => return,
        };
        self.emit(para, offset, border, Origin::ParaEnd);
    }
}
