//! Places as a reader of the document finds them: for a Word document the
//! heading a paragraph is under and its paragraph under that heading
//! (`附件3 二、(一) 第2段`), for a PDF the page and the line on it
//! (`第2页第3行`). Rules count lines of the text plan-lint read (`第14行`
//! in a message); [`Places::message`] turns those into the same words.

use plan_lint_core::{Reading, Source, Span};
use plan_lint_docx::ParagraphMap;
use plan_lint_pdf::PageMap;

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

/// What a report can name places with, beyond line and column.
pub enum Places<'a> {
    /// A plain text: lines are what its reader sees.
    Text,
    Word {
        map: &'a ParagraphMap,
        outline: &'a Outline,
    },
    Pdf(&'a PageMap),
}

impl Places<'_> {
    /// `byte` as a reader of the document finds it, without the column
    /// (`附件3 二、(一) 第2段`, `第2页第3行`); `None` for a plain text.
    pub fn words(&self, source: &Source, byte: usize) -> Option<String> {
        match self {
            Places::Text => None,
            Places::Word { map, outline } => outline
                .word_place(source.text(), map, byte)
                .map(|p| p.to_string()),
            Places::Pdf(pages) => pages.locate(source.text(), byte).map(|p| p.to_string()),
        }
    }

    /// A rule's message with each `第N行` (a line of the text plan-lint
    /// read) named as [`Places::words`] names it; unchanged for a plain
    /// text or a number that is not a line of the document.
    pub fn message(&self, source: &Source, message: &str) -> String {
        if matches!(self, Places::Text) || !message.contains('第') {
            return message.to_string();
        }
        let mut out = String::with_capacity(message.len() + 16);
        let mut rest = message;
        while let Some(at) = rest.find('第') {
            out.push_str(&rest[..at]);
            let after = &rest[at + '第'.len_utf8()..];
            let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let line = after[..digits].parse::<usize>().ok();
            let words = match (line, after[digits..].starts_with('行')) {
                (Some(line), true) if (1..=source.line_count()).contains(&line) => {
                    self.words(source, source.line_span(line - 1).start)
                }
                _ => None,
            };
            match words {
                Some(words) => {
                    out.push_str(&words);
                    rest = &after[digits + '行'.len_utf8()..];
                }
                None => {
                    out.push('第');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}
