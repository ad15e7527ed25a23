//! The harness's own view of a document's text: its lines, and a "joined"
//! character view with white space removed (PDF extractions put spaces
//! around digits and inside words) and page marks (`—３—`) dropped, each
//! character remembering its byte offset in the original text. Scanners read
//! the view; mutations edit the original text at the mapped offsets.

/// A line of the original text: `start..end` without its line end.
#[derive(Clone, Copy, Debug)]
pub struct Line {
    pub start: usize,
    pub end: usize,
}

pub struct Doc<'a> {
    pub text: &'a str,
    pub lines: Vec<Line>,
    pub view: View,
}

/// Characters of the text without white space; a `'\n'` stands for each
/// original line end (so scanners can tell where lines were, and join them
/// where a PDF wrapped a sentence).
pub struct View {
    pub chars: Vec<char>,
    /// Byte offset of each character in the original text.
    pub pos: Vec<usize>,
    /// Line index of each character.
    pub line: Vec<usize>,
}

pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\r' | '\u{3000}' | '\u{a0}' | '\u{feff}' | '\u{2002}'..='\u{200b}'
    )
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

pub fn digit_value(c: char) -> u32 {
    if c.is_ascii_digit() {
        c as u32 - '0' as u32
    } else {
        c as u32 - '０' as u32
    }
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '—' | '―' | '‒' | '－' | '-' | '–' | '─' | '‐' | '−' | '~' | '～'
    )
}

/// A running page mark of a PDF extraction: `—３—`, `- 12 -`, `－ 1 －`.
pub fn is_page_mark(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !is_space(*c)).collect();
    let inner = t.trim_matches(is_dash);
    if inner.len() == t.len() || inner.is_empty() || inner.chars().count() > 4 {
        return false;
    }
    inner.chars().all(is_digit)
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Doc<'a> {
        let mut lines = Vec::new();
        let mut start = 0;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                lines.push(Line { start, end: i });
                start = i + 1;
            }
        }
        if start < text.len() {
            lines.push(Line {
                start,
                end: text.len(),
            });
        }
        let mut view = View {
            chars: Vec::new(),
            pos: Vec::new(),
            line: Vec::new(),
        };
        for (li, l) in lines.iter().enumerate() {
            let s = &text[l.start..l.end];
            if is_page_mark(s) {
                continue;
            }
            for (o, c) in s.char_indices() {
                if is_space(c) {
                    continue;
                }
                view.chars.push(c);
                view.pos.push(l.start + o);
                view.line.push(li);
            }
            view.chars.push('\n');
            view.pos.push(l.end);
            view.line.push(li);
        }
        Doc { text, lines, view }
    }

    /// Lines that copy the document's text (a crawled page's one-line copy
    /// of the whole document, next to the document itself): at least 800
    /// characters, and half of their 30-character pieces (one every 300)
    /// found elsewhere in the text. Sites on them are page furniture, not
    /// the document.
    pub fn copy_lines(&self) -> Vec<usize> {
        let mut out = Vec::new();
        for (i, l) in self.lines.iter().enumerate() {
            let line = &self.text[l.start..l.end];
            let cs: Vec<(usize, char)> = line.char_indices().collect();
            if cs.len() < 800 {
                continue;
            }
            let mut pieces = 0;
            let mut found = 0;
            let mut k = 0;
            while k + 30 < cs.len() {
                let piece = &line[cs[k].0..cs[k + 30].0];
                pieces += 1;
                let elsewhere =
                    self.text[..l.start].contains(piece) || self.text[l.end..].contains(piece);
                found += usize::from(elsewhere);
                k += 300;
            }
            if found * 2 >= pieces {
                out.push(i);
            }
        }
        out
    }

    pub fn line_text(&self, i: usize) -> &'a str {
        &self.text[self.lines[i].start..self.lines[i].end]
    }

    /// The line holding byte `offset`.
    pub fn line_at(&self, offset: usize) -> usize {
        match self.lines.binary_search_by(|l| {
            if offset < l.start {
                std::cmp::Ordering::Greater
            } else if offset > l.end {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Equal
            }
        }) {
            Ok(i) => i,
            Err(i) => i.min(self.lines.len().saturating_sub(1)),
        }
    }

    /// Byte range in the original text of view characters `a..b` (`a < b`).
    pub fn bytes(&self, a: usize, b: usize) -> (usize, usize) {
        let v = &self.view;
        (v.pos[a], v.pos[b - 1] + v.chars[b - 1].len_utf8())
    }

    /// View characters `a..b` as a string, line marks left out.
    pub fn vtext(&self, a: usize, b: usize) -> String {
        self.view.chars[a..b]
            .iter()
            .filter(|c| **c != '\n')
            .collect()
    }

    /// The first view index at or after byte `offset`.
    pub fn vindex(&self, offset: usize) -> usize {
        self.view.pos.partition_point(|p| *p < offset)
    }

    /// A line's content without white space.
    pub fn squeezed(&self, i: usize) -> String {
        self.line_text(i)
            .chars()
            .filter(|c| !is_space(*c))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_drops_spaces_and_page_marks_and_maps_back() {
        let text = "到 2025 年，新增\n—３—\n绿色工厂 30 家。\n";
        let doc = Doc::new(text);
        let s: String = doc.view.chars.iter().collect();
        assert_eq!(s, "到2025年，新增\n绿色工厂30家。\n");
        let i = s.chars().position(|c| c == '3').unwrap();
        assert_eq!(&text[doc.view.pos[i]..doc.view.pos[i] + 1], "3");
        let (a, b) = doc.bytes(0, 7);
        assert_eq!(&text[a..b], "到 2025 年，");
        assert_eq!(doc.vtext(6, 12), "，新增绿色");
    }

    #[test]
    fn a_line_copying_the_document_is_found() {
        let body: String = (0..40)
            .map(|i| {
                format!(
                    "（{i}）推进第{i}项工作，加强组织实施和督促检查，明确责任分工和完成时限，\
                     定期调度工作进展，及时协调解决推进中的困难和问题，确保各项任务落到实处。"
                )
            })
            .collect();
        let copy = body.replace('\n', "");
        let text = format!("{}\n{}\n", body.replace("。", "。\n"), copy);
        let doc = Doc::new(&text);
        assert_eq!(doc.copy_lines(), vec![doc.lines.len() - 1]);
        let doc = Doc::new(&body);
        assert!(doc.copy_lines().is_empty());
    }

    #[test]
    fn page_marks() {
        assert!(is_page_mark("—３—"));
        assert!(is_page_mark(" - 12 - "));
        assert!(is_page_mark("－ 1 －"));
        assert!(is_page_mark("― 10 ― "));
        assert!(!is_page_mark("12"));
        assert!(!is_page_mark("——管理机制运转顺畅。"));
        assert!(!is_page_mark("1-2"));
    }
}
