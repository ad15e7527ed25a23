//! A mistake in a file plan-lint reads besides documents: a configuration
//! or a pack.

use std::fmt;
use std::ops::Range;

use plan_lint_core::Source;

/// A mistake in a configuration or pack file: the file, the place and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    /// The file as messages name it: its path, `<built-in>/national.toml`,
    /// or the pack name that matched no pack.
    pub file: String,
    /// The file's text, when it could be read: for placing the error.
    pub text: Option<String>,
    /// The place: a byte range in `text`.
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl FileError {
    /// 1-based line and column (in characters) of the error, if it has a
    /// place: converted by [`Source`], as every position is.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        let (text, span) = (self.text.as_ref()?, self.span.as_ref()?);
        Some(Source::new(self.file.as_str(), text.clone()).line_col_1based(span.start))
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_col() {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for FileError {}
