//! A Word document reviewed: the comment (批注) `plan-lint annotate` and
//! the browser page write on each diagnostic, and how a Word user finds a
//! place (`附件3 二、(一) 第2段「…」第3字`): the heading a paragraph is
//! under and its paragraph under that heading. The command line's reports
//! name places of a Word document with the same [`Outline`].

use plan_lint_core::{Reading, Source, Span};
use plan_lint_rules::diagnostic::Diagnostic;

use crate::{Location, ParagraphMap};

/// A heading of the outline, in original offsets.
struct Heading {
    /// Where its line starts.
    start: usize,
    /// Its marker as written (`二、`, `(一)`).
    marker: String,
    parent: Option<usize>,
    attachment: Option<usize>,
}

/// An attachment: where it starts and its label (`附件3`).
struct AttachmentPlace {
    span: Span,
    label: String,
}

/// A Word paragraph named as a Word user finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordPlace {
    /// The attachment and the headings above the paragraph, outermost
    /// first (`附件3 二、(一)`); empty before the first heading of the
    /// document.
    pub under: String,
    /// 1-based paragraph counted from the heading's own paragraph (or from
    /// the attachment's label, or from the document's start).
    pub index_under: usize,
}

impl std::fmt::Display for WordPlace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.under.is_empty() {
            write!(f, "第{}段", self.index_under)
        } else {
            write!(f, "{} 第{}段", self.under, self.index_under)
        }
    }
}

/// The outline of a Word document in original offsets, to name paragraphs
/// by their headings.
#[derive(Default)]
pub struct Outline {
    headings: Vec<Heading>,
    attachments: Vec<AttachmentPlace>,
}

impl Outline {
    /// The headings and attachments of `reading` (of `source`), outside
    /// tables, in document order.
    pub fn new(source: &Source, reading: &Reading) -> Outline {
        let text_of = |span: Span| {
            let span = reading.to_original(span);
            source
                .text()
                .get(span.start..span.end)
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let doc = &reading.doc;
        let attachments = doc
            .attachments
            .iter()
            .map(|a| AttachmentPlace {
                span: reading.to_original(a.span),
                label: text_of(a.label_span),
            })
            .collect();
        let mut headings: Vec<Heading> = Vec::new();
        // Section ids to indexes in `headings` (tables' rows are left out).
        let mut index_of = vec![None; doc.sections.len()];
        let mut order: Vec<usize> = (0..doc.sections.len()).collect();
        order.sort_by_key(|&id| doc.sections[id].span.start);
        for id in order {
            let section = &doc.sections[id];
            if section.in_table {
                continue;
            }
            let marker = text_of(section.marker_span);
            if marker.is_empty() {
                continue;
            }
            index_of[id] = Some(headings.len());
            headings.push(Heading {
                start: reading.to_original(section.span).start,
                marker,
                parent: section
                    .parent
                    .and_then(|p| index_of.get(p).copied().flatten()),
                attachment: section.attachment,
            });
        }
        Outline {
            headings,
            attachments,
        }
    }

    /// The place of `byte` in a Word document.
    pub fn word_place(&self, text: &str, map: &ParagraphMap, byte: usize) -> Option<WordPlace> {
        let paragraph = map.locate(text, byte)?.paragraph;
        let attachment = self
            .attachments
            .iter()
            .rposition(|a| a.span.start <= byte && byte < a.span.end.max(a.span.start + 1));
        let heading = self.headings[..self.headings.partition_point(|h| h.start <= byte)]
            .iter()
            .rposition(|h| h.attachment == attachment);
        let mut under: Vec<&str> = Vec::new();
        let from = match heading {
            Some(i) => {
                let mut at = Some(i);
                while let Some(h) = at {
                    under.push(&self.headings[h].marker);
                    at = self.headings[h].parent;
                }
                Some(self.headings[i].start)
            }
            None => attachment.map(|a| self.attachments[a].span.start),
        };
        if let Some(a) = attachment {
            under.push(&self.attachments[a].label);
        }
        under.reverse();
        let first = match from {
            Some(start) => map.locate(text, start)?.paragraph,
            None => 1,
        };
        Some(WordPlace {
            under: under.join(" "),
            index_under: paragraph.saturating_sub(first) + 1,
        })
    }
}

/// A paragraph and character as words: under its heading when known
/// (`二、(一) 第2段「(一)加强组织领导。」第3字`), else by its index in the
/// document (`第12段「一、总体要求」第3字`).
pub fn paragraph_words(p: &Location, under: Option<&WordPlace>) -> String {
    match under {
        Some(place) => format!("{place}「{}」第{}字", p.preview, p.column),
        None => format!("第{}段「{}」第{}字", p.paragraph, p.preview, p.column),
    }
}

/// A rule's message with each `第N行` (a line of the text plan-lint read)
/// named by `words` (the place of the line's first byte); unchanged where
/// `words` names nothing or the number is not a line of the document, and
/// right after a file's name (`附件1.txt第4行`: a line of another file of a
/// plan set).
pub fn name_lines(
    source: &Source,
    message: &str,
    words: impl Fn(usize) -> Option<String>,
) -> String {
    plan_lint_rules::diagnostic::map_line_refs(message, |before, line| {
        let other_file = before.ends_with(|c: char| c.is_ascii_alphanumeric());
        if other_file || !(1..=source.line_count()).contains(&line) {
            return None;
        }
        words(source.line_span(line - 1).start)
    })
}

/// The paragraphs of a diagnostic's comment: the message, the rule, each
/// related place and the fix, lines named as paragraphs under headings.
pub fn comment_text(
    source: &Source,
    paragraphs: &ParagraphMap,
    outline: &Outline,
    d: &Diagnostic,
) -> Vec<String> {
    let words = |byte: usize| {
        outline
            .word_place(source.text(), paragraphs, byte)
            .map(|p| p.to_string())
    };
    let mut out = vec![
        name_lines(source, &d.message, words),
        format!("plan-lint {} {} ({})", d.code, d.rule, d.severity.as_str()),
    ];
    for r in &d.related {
        let place = match paragraphs.locate(source.text(), r.span.start) {
            Some(p) => {
                let under = outline.word_place(source.text(), paragraphs, r.span.start);
                paragraph_words(&p, under.as_ref())
            }
            None => {
                let (line, column) = source.line_col_1based(r.span.start);
                format!("{line}:{column}")
            }
        };
        out.push(format!(
            "相关: {place}: {}",
            name_lines(source, &r.message, words)
        ));
    }
    if let Some(fix) = &d.fix {
        out.push(format!("修复: {}", name_lines(source, &fix.message, words)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        Source::new("plan.txt", text.to_string())
    }

    #[test]
    fn lines_of_the_document_are_named_and_other_numbers_kept() {
        let s = source("一、总体要求\n二、重点任务\n三、保障措施\n");
        let words = |byte: usize| Some(format!("<{byte}>"));
        // Line 2 starts after the first line's 19 bytes.
        assert_eq!(name_lines(&s, "与第2行重复", words), "与<19>重复");
        // Not a line of the document, not followed by 行, no number.
        assert_eq!(name_lines(&s, "与第9行重复", words), "与第9行重复");
        // Another file's line (a plan set) is that file's, left as it is.
        assert_eq!(
            name_lines(&s, "与附件1.txt第2行重复", words),
            "与附件1.txt第2行重复"
        );
        assert_eq!(name_lines(&s, "第2条、第一项", words), "第2条、第一项");
        assert_eq!(name_lines(&s, "第", words), "第");
        // Nothing named: the message unchanged.
        assert_eq!(name_lines(&s, "与第2行重复", |_| None), "与第2行重复");
    }

    #[test]
    fn a_paragraph_is_named_under_its_heading_or_by_its_index() {
        let p = Location {
            paragraph: 12,
            column: 3,
            preview: "(一)加强组织领导。".to_string(),
        };
        assert_eq!(
            paragraph_words(&p, None),
            "第12段「(一)加强组织领导。」第3字"
        );
        let under = WordPlace {
            under: "二、 (一)".to_string(),
            index_under: 2,
        };
        assert_eq!(
            paragraph_words(&p, Some(&under)),
            "二、 (一) 第2段「(一)加强组织领导。」第3字"
        );
    }
}
