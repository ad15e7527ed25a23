//! The map between the normalised text and the original: which original
//! bytes each edit replaced, so that every offset of one converts to the
//! other exactly.

use crate::span::Span;

/// Which side of a removed stretch an offset lands on. A span's start maps
/// past text removed right before it, its end stops short of text removed
/// right after it, so a span never grows over something that was set aside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bias {
    Start,
    End,
}

/// One replacement: the original bytes `original` became the normalised
/// bytes `normalised` (empty for a deletion).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Edit {
    original: Span,
    normalised: Span,
}

/// Offsets of the normalised text ↔ offsets of the original. Empty for a
/// text that normalisation left unchanged.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    edits: Vec<Edit>,
}

impl OffsetMap {
    /// Whether the normalised text is the original.
    pub fn is_identity(&self) -> bool {
        self.edits.is_empty()
    }

    /// The original offset of a normalised one.
    pub fn to_original(&self, at: usize, bias: Bias) -> usize {
        convert(&self.edits, at, bias, |e| e.normalised, |e| e.original)
    }

    /// The normalised offset of an original one. An offset inside removed
    /// text lands where the removal is.
    pub fn to_normalised(&self, at: usize, bias: Bias) -> usize {
        convert(&self.edits, at, bias, |e| e.original, |e| e.normalised)
    }

    /// The original span of a normalised span.
    pub fn span_to_original(&self, span: Span) -> Span {
        if self.is_identity() {
            return span;
        }
        let start = self.to_original(span.start, Bias::Start);
        let end = self.to_original(span.end, Bias::End).max(start);
        // An empty span stays empty where it is.
        if span.is_empty() {
            return Span::new(start, start);
        }
        Span::new(start, end)
    }

    /// The normalised span of an original span.
    pub fn span_to_normalised(&self, span: Span) -> Span {
        if self.is_identity() {
            return span;
        }
        let start = self.to_normalised(span.start, Bias::Start);
        let end = self.to_normalised(span.end, Bias::End).max(start);
        Span::new(start, end)
    }
}

/// Converts `at` from the coordinates `from` gives an edit to those `to`
/// gives it.
fn convert(
    edits: &[Edit],
    at: usize,
    bias: Bias,
    from: impl Fn(&Edit) -> Span,
    to: impl Fn(&Edit) -> Span,
) -> usize {
    // The first edit that ends at or after `at`.
    let i = edits.partition_point(|e| from(e).end < at);
    if let Some(edit) = edits.get(i) {
        let (f, t) = (from(edit), to(edit));
        if f.start <= at {
            return if f.is_empty() {
                // Removed (or inserted) right at `at`.
                match bias {
                    Bias::Start => t.end,
                    Bias::End => t.start,
                }
            } else if at == f.start {
                t.start
            } else if at == f.end {
                t.end
            } else {
                match bias {
                    Bias::Start => t.start,
                    Bias::End => t.end,
                }
            };
        }
    }
    match i.checked_sub(1).map(|p| &edits[p]) {
        Some(prev) => to(prev).end + (at - from(prev).end),
        None => at,
    }
}

/// Builds a normalised text from its original by edits given in order.
pub struct Builder<'a> {
    original: &'a str,
    text: String,
    /// How far the original has been copied.
    copied: usize,
    map: OffsetMap,
}

impl<'a> Builder<'a> {
    pub fn new(original: &'a str) -> Self {
        Builder {
            original,
            text: String::with_capacity(original.len()),
            copied: 0,
            map: OffsetMap::default(),
        }
    }

    /// Replaces `span` of the original by `with`. Spans come in order and do
    /// not overlap what was replaced before (an overlap is trimmed).
    pub fn replace(&mut self, span: Span, with: &str) {
        let start = span.start.max(self.copied);
        let end = span.end.max(start);
        if start == end && with.is_empty() {
            return;
        }
        self.text.push_str(&self.original[self.copied..start]);
        let normalised = Span::new(self.text.len(), self.text.len() + with.len());
        self.text.push_str(with);
        self.copied = end;
        let edit = Edit {
            original: Span::new(start, end),
            normalised,
        };
        // Edits that touch become one, so that no two share an offset.
        match self.map.edits.last_mut() {
            Some(last) if last.original.end == start && last.normalised.end == normalised.start => {
                last.original.end = end;
                last.normalised.end = normalised.end;
            }
            _ => self.map.edits.push(edit),
        }
    }

    pub fn finish(mut self) -> (String, OffsetMap) {
        self.text.push_str(&self.original[self.copied..]);
        (self.text, self.map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(original: &str, edits: &[(usize, usize, &str)]) -> (String, OffsetMap) {
        let mut b = Builder::new(original);
        for &(s, e, with) in edits {
            b.replace(Span::new(s, e), with);
        }
        b.finish()
    }

    #[test]
    fn no_edit_is_the_identity() {
        let (text, map) = build("abc", &[]);
        assert_eq!(text, "abc");
        assert!(map.is_identity());
        assert_eq!(map.to_original(2, Bias::Start), 2);
    }

    #[test]
    fn a_deletion_maps_spans_around_it() {
        // "ab\ncd" with the line break removed: "abcd".
        let (text, map) = build("ab\ncd", &[(2, 3, "")]);
        assert_eq!(text, "abcd");
        assert_eq!(map.span_to_original(Span::new(0, 2)), Span::new(0, 2));
        assert_eq!(map.span_to_original(Span::new(2, 4)), Span::new(3, 5));
        assert_eq!(map.span_to_original(Span::new(1, 3)), Span::new(1, 4));
        assert_eq!(map.to_normalised(2, Bias::Start), 2);
        assert_eq!(map.to_normalised(4, Bias::Start), 3);
    }

    #[test]
    fn a_replacement_maps_to_what_it_replaced() {
        let (text, map) = build("x--y", &[(1, 3, "-")]);
        assert_eq!(text, "x-y");
        assert_eq!(map.span_to_original(Span::new(1, 2)), Span::new(1, 3));
        assert_eq!(map.span_to_original(Span::new(2, 3)), Span::new(3, 4));
    }

    #[test]
    fn touching_edits_merge() {
        let (text, map) = build("a  \n  b", &[(1, 3, ""), (3, 4, ""), (4, 6, "")]);
        assert_eq!(text, "ab");
        assert_eq!(map.edits.len(), 1);
        assert_eq!(map.span_to_original(Span::new(1, 2)), Span::new(6, 7));
    }
}
