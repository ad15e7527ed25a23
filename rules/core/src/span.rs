//! Byte spans into a [`crate::source::Source`]'s text.

use serde::Serialize;

/// A half-open byte range `start..end` into the decoded text of a source.
///
/// Spans are always on UTF-8 character boundaries. Converting them to
/// lines and columns is the job of [`crate::source::Source`], and of
/// nothing else.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The same span moved `offset` bytes to the right.
    pub const fn shifted(self, offset: usize) -> Self {
        Span::new(self.start + offset, self.end + offset)
    }

    pub fn contains(&self, byte: usize) -> bool {
        self.start <= byte && byte < self.end
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}
