//! Places as a reader of the document finds them: for a Word document the
//! heading a paragraph is under and its paragraph under that heading
//! (`附件3 二、(一) 第2段`), for a PDF the page and the line on it
//! (`第2页第3行`). Rules count lines of the text plan-lint read (`第14行`
//! in a message); [`Places::message`] turns those into the same words.

use plan_lint_core::Source;
use plan_lint_docx::ParagraphMap;
use plan_lint_docx::review;
pub use plan_lint_docx::review::{Outline, WordPlace};
use plan_lint_pdf::PageMap;

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
        if matches!(self, Places::Text) {
            return message.to_string();
        }
        review::name_lines(source, message, |byte| self.words(source, byte))
    }
}
