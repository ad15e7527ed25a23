//! The text of one document, and the only place where byte offsets are
//! turned into lines and columns and back.
//!
//! Lines end at `"\n"`; a `"\r"` directly before it belongs to the line
//! terminator. A lone `"\r"` is an ordinary character, not a line break.
//! Every text has at least one line, and a text ending in a newline has an
//! empty last line after it, as editors and the Language Server Protocol
//! count lines.
//!
//! Columns come in three units: Unicode scalar values (characters, for
//! humans and LSP `utf-32`), UTF-16 code units (the LSP default), and UTF-8
//! bytes. Conversions find the line by binary search and then walk only
//! that line.

use std::fmt;

use serde::Serialize;

use crate::decode::{self, DecodeError, Encoding};
use crate::span::Span;

/// A decoded document with a line index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    name: String,
    text: String,
    /// Byte offset of the start of every line; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
    encoding: Encoding,
}

/// A position in a [`Source`], in every column unit at once.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 0-based line.
    pub line: usize,
    /// 0-based column in Unicode scalar values.
    pub character: usize,
    /// 0-based column in UTF-16 code units.
    pub utf16: usize,
    /// 0-based column in UTF-8 bytes.
    pub byte_column: usize,
}

impl Position {
    /// The column in the given unit.
    pub const fn column(&self, unit: ColumnUnit) -> usize {
        match unit {
            ColumnUnit::Utf8 => self.byte_column,
            ColumnUnit::Utf16 => self.utf16,
            ColumnUnit::Char => self.character,
        }
    }
}

/// What a column counts; the LSP calls this the position encoding.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnUnit {
    /// UTF-8 bytes (LSP `utf-8`).
    Utf8,
    /// UTF-16 code units (LSP `utf-16`, the default).
    Utf16,
    /// Unicode scalar values (LSP `utf-32`).
    Char,
}

impl fmt::Display for ColumnUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ColumnUnit::Utf8 => "UTF-8 bytes",
            ColumnUnit::Utf16 => "UTF-16 code units",
            ColumnUnit::Char => "characters",
        })
    }
}

/// A line and column that do not name a character boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PositionError {
    /// The column falls inside a character: in the middle of a surrogate
    /// pair (UTF-16) or of a multi-byte sequence (UTF-8).
    InsideCharacter {
        /// The 0-based line asked for.
        line: usize,
        /// The 0-based column asked for.
        column: usize,
        /// The unit of `column`.
        unit: ColumnUnit,
        /// The bytes of the character the column falls inside.
        character: Span,
    },
}

impl fmt::Display for PositionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PositionError::InsideCharacter {
                line,
                column,
                unit,
                character,
            } => write!(
                f,
                "line {line}, column {column} ({unit}, 0-based) is inside the character \
                 at bytes {}..{}",
                character.start, character.end
            ),
        }
    }
}

impl std::error::Error for PositionError {}

/// A file that could not be read as text: the file name and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    /// The name the source was given.
    pub name: String,
    /// Why decoding failed.
    pub error: DecodeError,
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The decode error's message is included here, so it is not also
        // returned as `source()`.
        write!(f, "{}: {}", self.name, self.error)
    }
}

impl std::error::Error for SourceError {}

impl Source {
    /// A source from text that is already decoded (taken as UTF-8).
    pub fn new(name: impl Into<String>, text: String) -> Source {
        Source::with_encoding(name.into(), text, Encoding::Utf8)
    }

    /// A source from the raw bytes of a file, decoded with
    /// [`decode::decode`].
    ///
    /// # Errors
    ///
    /// A [`SourceError`] with the name and the [`DecodeError`] if the bytes
    /// are not text.
    pub fn from_bytes(name: impl Into<String>, bytes: &[u8]) -> Result<Source, SourceError> {
        let name = name.into();
        match decode::decode(bytes) {
            Ok(decoded) => Ok(Source::with_encoding(name, decoded.text, decoded.encoding)),
            Err(error) => Err(SourceError { name, error }),
        }
    }

    fn with_encoding(name: String, text: String, encoding: Encoding) -> Source {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Source {
            name,
            text,
            line_starts,
            encoding,
        }
    }

    /// The name given to the source, usually its file path.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The decoded text, line terminators unchanged.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The encoding the text was decoded from.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The number of lines; at least 1.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The text of `span`, or `None` if it is out of range or not on
    /// character boundaries.
    pub fn slice(&self, span: Span) -> Option<&str> {
        self.text.get(span.start..span.end)
    }

    /// The bytes of 0-based line `line0`, without its `"\n"` or `"\r\n"`.
    ///
    /// A line past the end gives the empty span at the end of the text.
    pub fn line_span(&self, line0: usize) -> Span {
        let Some(&start) = self.line_starts.get(line0) else {
            return Span::new(self.text.len(), self.text.len());
        };
        let Some(&next) = self.line_starts.get(line0 + 1) else {
            // The last line has no terminator.
            return Span::new(start, self.text.len());
        };
        // `next - 1` is the "\n"; a "\r" before it is part of the terminator.
        let mut end = next - 1;
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// The text of 0-based line `line0`, without its line terminator; empty
    /// past the end.
    pub fn line_text(&self, line0: usize) -> &str {
        let span = self.line_span(line0);
        &self.text[span.start..span.end]
    }

    /// The 0-based line containing `byte` (clamped to the text length).
    pub fn line_of(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        // `line_starts[0] == 0 <= byte`, so the partition point is >= 1.
        self.line_starts.partition_point(|&start| start <= byte) - 1
    }

    /// The position of `byte`.
    ///
    /// `byte` is clamped to the text length and moved back to a character
    /// boundary. A byte in a line terminator belongs to the line it ends; at
    /// the `"\n"` of a `"\r\n"`, the column counts the `"\r"`.
    pub fn position(&self, byte: usize) -> Position {
        let byte = self.floor_char_boundary(byte);
        let line = self.line_of(byte);
        let start = self.line_starts[line];
        let before = &self.text[start..byte];
        // Counted over bytes, not decoded: a character is a byte that does
        // not continue one, and takes two UTF-16 units when it lies beyond
        // the BMP (four UTF-8 bytes, from a lead byte 0xF0 or above).
        let character = before.chars().count();
        let beyond_bmp: usize = before.bytes().map(|b| usize::from(b >= 0xF0)).sum();
        let utf16 = character + beyond_bmp;
        Position {
            line,
            character,
            utf16,
            byte_column: byte - start,
        }
    }

    /// The 1-based line and 1-based column (in characters) of `byte`, for
    /// messages to humans.
    pub fn line_col_1based(&self, byte: usize) -> (usize, usize) {
        let position = self.position(byte);
        (position.line + 1, position.character + 1)
    }

    /// The byte offset of a 0-based line and a 0-based column in `unit`.
    ///
    /// As the LSP specifies, a column past the end of the line means the
    /// end of the line (before its terminator), and a line past the end
    /// means the end of the text.
    ///
    /// # Errors
    ///
    /// [`PositionError::InsideCharacter`] if the column falls inside a
    /// character: between the two halves of a surrogate pair in UTF-16, or
    /// inside a multi-byte sequence in UTF-8.
    pub fn byte_of(
        &self,
        line: usize,
        column: usize,
        unit: ColumnUnit,
    ) -> Result<usize, PositionError> {
        let Some(&line_start) = self.line_starts.get(line) else {
            return Ok(self.text.len());
        };
        let span = self.line_span(line);
        let line_text = &self.text[span.start..span.end];
        if unit == ColumnUnit::Utf8 {
            let byte = line_start + column.min(line_text.len());
            if self.text.is_char_boundary(byte) {
                return Ok(byte);
            }
            let char_start = self.floor_char_boundary(byte);
            let char_len = self.text[char_start..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
            return Err(PositionError::InsideCharacter {
                line,
                column,
                unit,
                character: Span::new(char_start, char_start + char_len),
            });
        }
        let mut units = 0;
        for (offset, c) in line_text.char_indices() {
            if units == column {
                return Ok(line_start + offset);
            }
            let width = match unit {
                ColumnUnit::Utf16 => c.len_utf16(),
                _ => 1,
            };
            if column < units + width {
                let char_start = line_start + offset;
                return Err(PositionError::InsideCharacter {
                    line,
                    column,
                    unit,
                    character: Span::new(char_start, char_start + c.len_utf8()),
                });
            }
            units += width;
        }
        Ok(span.end)
    }

    /// The byte offset of a 0-based line and 0-based UTF-16 column; see
    /// [`Source::byte_of`].
    ///
    /// # Errors
    ///
    /// [`PositionError::InsideCharacter`] if the column is between the two
    /// halves of a surrogate pair.
    pub fn byte_of_utf16(&self, line: usize, utf16_col: usize) -> Result<usize, PositionError> {
        self.byte_of(line, utf16_col, ColumnUnit::Utf16)
    }

    /// The byte offset of a 0-based line and 0-based column in characters;
    /// see [`Source::byte_of`]. Never fails, as every character column is a
    /// boundary.
    ///
    /// # Errors
    ///
    /// None in practice; the `Result` matches the other conversions.
    pub fn byte_of_char(&self, line: usize, char_col: usize) -> Result<usize, PositionError> {
        self.byte_of(line, char_col, ColumnUnit::Char)
    }

    /// The byte offset of a 0-based line and 0-based byte column; see
    /// [`Source::byte_of`].
    ///
    /// # Errors
    ///
    /// [`PositionError::InsideCharacter`] if the column is inside a
    /// multi-byte character.
    pub fn byte_of_utf8(&self, line: usize, byte_col: usize) -> Result<usize, PositionError> {
        self.byte_of(line, byte_col, ColumnUnit::Utf8)
    }

    /// Replaces the bytes of `span` with `replacement` and updates the line
    /// index in place: only the line starts inside the span are replaced
    /// and the ones after it shifted, so an editor's small change to a large
    /// text does not rescan the text. The language server applies every
    /// `didChange` this way.
    ///
    /// # Panics
    ///
    /// If `span` is out of range, reversed or not on character boundaries;
    /// callers convert positions with [`Source::byte_of`] first.
    pub fn replace(&mut self, span: Span, replacement: &str) {
        assert!(
            span.start <= span.end
                && self.text.is_char_boundary(span.start)
                && self.text.is_char_boundary(span.end),
            "replace: {}..{} is not a character range of a {}-byte text",
            span.start,
            span.end,
            self.text.len()
        );
        self.text.replace_range(span.start..span.end, replacement);
        // Line starts in `start + 1 ..= end` followed a "\n" that is gone.
        let first = self.line_starts.partition_point(|&s| s <= span.start);
        let last = self.line_starts.partition_point(|&s| s <= span.end);
        let inserted = replacement
            .match_indices('\n')
            .map(|(i, _)| span.start + i + 1);
        self.line_starts.splice(first..last, inserted);
        let added = replacement.matches('\n').count();
        let old_len = span.len();
        for start in &mut self.line_starts[first + added..] {
            *start = *start - old_len + replacement.len();
        }
    }

    /// `byte` clamped to the text and moved back to a character boundary.
    fn floor_char_boundary(&self, byte: usize) -> usize {
        let mut byte = byte.min(self.text.len());
        // Terminates: 0 is a boundary, and a boundary is at most 3 bytes back.
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        byte
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> Source {
        Source::new("test.txt", text.to_owned())
    }

    fn pos(line: usize, character: usize, utf16: usize, byte_column: usize) -> Position {
        Position {
            line,
            character,
            utf16,
            byte_column,
        }
    }

    fn lines(source: &Source) -> Vec<&str> {
        (0..source.line_count())
            .map(|l| source.line_text(l))
            .collect()
    }

    #[test]
    fn ascii() {
        let s = src("ab\ncd\n");
        assert_eq!(s.line_count(), 3);
        assert_eq!(lines(&s), ["ab", "cd", ""]);
        assert_eq!(s.line_span(1), Span::new(3, 5));
        assert_eq!(s.position(0), pos(0, 0, 0, 0));
        assert_eq!(s.position(2), pos(0, 2, 2, 2));
        assert_eq!(s.position(4), pos(1, 1, 1, 1));
        assert_eq!(s.position(6), pos(2, 0, 0, 0));
        assert_eq!(s.byte_of_utf16(1, 1), Ok(4));
        assert_eq!(s.byte_of_char(1, 2), Ok(5));
        assert_eq!(s.byte_of_utf8(2, 0), Ok(6));
        assert_eq!(s.line_col_1based(4), (2, 2));
    }

    #[test]
    fn cjk() {
        let s = src("第一章\n改造老旧小区");
        assert_eq!(s.line_span(1), Span::new(10, 28));
        assert_eq!(s.line_text(1), "改造老旧小区");
        // "旧" starts 3 characters (9 bytes) into line 1.
        let byte = 10 + 9;
        assert_eq!(&s.text()[byte..byte + 3], "旧");
        assert_eq!(s.position(byte), pos(1, 3, 3, 9));
        assert_eq!(s.line_col_1based(byte), (2, 4));
        assert_eq!(s.byte_of_utf16(1, 3), Ok(byte));
        assert_eq!(s.byte_of_char(1, 3), Ok(byte));
        assert_eq!(s.byte_of_utf8(1, 9), Ok(byte));
        // Inside "旧": back to its start.
        assert_eq!(s.position(byte + 1), pos(1, 3, 3, 9));
        assert_eq!(s.position(byte + 2), pos(1, 3, 3, 9));
        assert_eq!(
            s.byte_of_utf8(1, 10),
            Err(PositionError::InsideCharacter {
                line: 1,
                column: 10,
                unit: ColumnUnit::Utf8,
                character: Span::new(byte, byte + 3),
            })
        );
    }

    #[test]
    fn outside_the_bmp() {
        // 𠀾 (U+2003E) and 𡿨 (U+21FE8): 4 bytes and 2 UTF-16 units each.
        let s = src("a𠀾b𡿨c");
        assert_eq!(s.position(1), pos(0, 1, 1, 1));
        assert_eq!(s.position(5), pos(0, 2, 3, 5));
        assert_eq!(s.position(6), pos(0, 3, 4, 6));
        assert_eq!(s.position(10), pos(0, 4, 6, 10));
        assert_eq!(s.position(11), pos(0, 5, 7, 11));
        assert_eq!(s.byte_of_utf16(0, 3), Ok(5));
        assert_eq!(s.byte_of_utf16(0, 6), Ok(10));
        assert_eq!(s.byte_of_char(0, 2), Ok(5));
        assert_eq!(s.byte_of_char(0, 4), Ok(10));
        assert_eq!(s.line_col_1based(10), (1, 5));
    }

    #[test]
    fn surrogate_middle_is_rejected() {
        let s = src("a𠀾b𡿨c");
        assert_eq!(
            s.byte_of_utf16(0, 2),
            Err(PositionError::InsideCharacter {
                line: 0,
                column: 2,
                unit: ColumnUnit::Utf16,
                character: Span::new(1, 5),
            })
        );
        assert_eq!(
            s.byte_of_utf16(0, 5),
            Err(PositionError::InsideCharacter {
                line: 0,
                column: 5,
                unit: ColumnUnit::Utf16,
                character: Span::new(6, 10),
            })
        );
        for col in 2..5 {
            assert!(s.byte_of_utf8(0, col).is_err(), "byte column {col}");
        }
        let message = s.byte_of_utf16(0, 2).unwrap_err().to_string();
        assert_eq!(
            message,
            "line 0, column 2 (UTF-16 code units, 0-based) is inside the character at bytes 1..5"
        );
    }

    #[test]
    fn crlf() {
        let s = src("改造\r\nab\r\n");
        assert_eq!(s.line_count(), 3);
        assert_eq!(lines(&s), ["改造", "ab", ""]);
        assert_eq!(s.line_span(0), Span::new(0, 6));
        assert_eq!(s.line_span(1), Span::new(8, 10));
        // At the "\r": end of line 0.
        assert_eq!(s.position(6), pos(0, 2, 2, 6));
        // At the "\n": still line 0, after the "\r".
        assert_eq!(s.position(7), pos(0, 3, 3, 7));
        assert_eq!(s.position(8), pos(1, 0, 0, 0));
        // Columns past the end clamp before the "\r\n".
        assert_eq!(s.byte_of_utf16(0, 99), Ok(6));
        assert_eq!(s.byte_of_char(0, 3), Ok(6));
        assert_eq!(s.byte_of_utf8(1, 3), Ok(10));
    }

    #[test]
    fn no_final_newline() {
        let s = src("一\n二三");
        assert_eq!(s.line_count(), 2);
        assert_eq!(lines(&s), ["一", "二三"]);
        assert_eq!(s.position(10), pos(1, 2, 2, 6));
        assert_eq!(s.byte_of_char(1, 2), Ok(10));
        assert_eq!(s.byte_of_char(1, 7), Ok(10));
    }

    #[test]
    fn empty_text() {
        let s = src("");
        assert_eq!(s.line_count(), 1);
        assert_eq!(s.line_span(0), Span::new(0, 0));
        assert_eq!(s.line_text(0), "");
        assert_eq!(s.position(0), pos(0, 0, 0, 0));
        assert_eq!(s.position(5), pos(0, 0, 0, 0));
        assert_eq!(s.line_col_1based(0), (1, 1));
        assert_eq!(s.byte_of_utf16(0, 0), Ok(0));
        assert_eq!(s.byte_of_utf16(3, 4), Ok(0));
    }

    #[test]
    fn only_newlines() {
        let s = src("\n\r\n\n");
        assert_eq!(lines(&s), ["", "", "", ""]);
        assert_eq!(s.line_span(1), Span::new(1, 1));
        assert_eq!(s.position(3), pos(2, 0, 0, 0));
    }

    #[test]
    fn lone_cr_is_not_a_line_break() {
        let s = src("a\rb\r\nc\r");
        assert_eq!(s.line_count(), 2);
        assert_eq!(lines(&s), ["a\rb", "c\r"]);
        assert_eq!(s.position(2), pos(0, 2, 2, 2));
        assert_eq!(s.byte_of_char(0, 2), Ok(2));
        assert_eq!(s.byte_of_char(1, 2), Ok(7));
    }

    #[test]
    fn past_end_clamping() {
        let s = src("ab\n改造");
        assert_eq!(s.position(100), pos(1, 2, 2, 6));
        assert_eq!(s.line_of(100), 1);
        assert_eq!(s.byte_of_utf16(0, 100), Ok(2));
        assert_eq!(s.byte_of_utf8(0, 100), Ok(2));
        assert_eq!(s.byte_of_utf16(1, 100), Ok(9));
        assert_eq!(s.byte_of_utf16(2, 0), Ok(9));
        assert_eq!(s.byte_of_char(usize::MAX, usize::MAX), Ok(9));
        assert_eq!(s.byte_of_utf8(1, usize::MAX), Ok(9));
        assert_eq!(s.line_span(7), Span::new(9, 9));
        assert_eq!(s.line_text(7), "");
        assert_eq!(s.line_col_1based(usize::MAX), (2, 3));
    }

    #[test]
    fn round_trip_every_boundary() {
        let text = "第一章 总则\r\n改造老旧小区5个以上；𠀾a\r𡿨\n\nx😀y\r\n末";
        let s = src(text);
        for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
            if text[..byte].ends_with('\r') && text[byte..].starts_with('\n') {
                // Inside a "\r\n" terminator: not a position on the line.
                continue;
            }
            let p = s.position(byte);
            assert_eq!(
                s.byte_of_utf16(p.line, p.utf16),
                Ok(byte),
                "utf16 at {byte}"
            );
            assert_eq!(
                s.byte_of_char(p.line, p.character),
                Ok(byte),
                "char at {byte}"
            );
            assert_eq!(
                s.byte_of_utf8(p.line, p.byte_column),
                Ok(byte),
                "utf8 at {byte}"
            );
            for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Char] {
                assert_eq!(s.byte_of(p.line, p.column(unit), unit), Ok(byte));
            }
        }
    }

    /// Checks every byte offset and every column of a mixed text against a
    /// naive model built character by character.
    #[test]
    fn property_against_naive_model() {
        let pieces = ["a", "改", "𠀾", "\r\n", "\n", "\r", "𡿨", " ", "😀", "é"];
        // A fixed pseudo-random sequence of pieces (linear congruential).
        let mut state: u64 = 42;
        for round in 0..50 {
            let mut text = String::new();
            for _ in 0..(round % 17) * 3 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            let s = src(&text);

            // The naive model: the position of each byte, character by
            // character, and the boundaries of each line.
            let mut expected = Vec::new();
            let mut line_ends = Vec::new();
            let mut current = pos(0, 0, 0, 0);
            let mut line_start = 0;
            for (byte, c) in text.char_indices() {
                expected.extend(std::iter::repeat_n(current, c.len_utf8()));
                if c == '\n' {
                    let end = if text[..byte].ends_with('\r') {
                        byte - 1
                    } else {
                        byte
                    };
                    line_ends.push((line_start, end));
                    line_start = byte + 1;
                    current = pos(current.line + 1, 0, 0, 0);
                } else {
                    current.character += 1;
                    current.utf16 += c.len_utf16();
                    current.byte_column += c.len_utf8();
                }
            }
            expected.push(current);
            line_ends.push((line_start, text.len()));

            assert_eq!(s.line_count(), line_ends.len(), "{text:?}");
            for (line, &(start, end)) in line_ends.iter().enumerate() {
                assert_eq!(s.line_span(line), Span::new(start, end), "{text:?}");
            }
            for (byte, want) in expected.iter().enumerate() {
                let got = s.position(byte);
                if text.is_char_boundary(byte) {
                    assert_eq!(got, *want, "{text:?} byte {byte}");
                    let (l, c) = s.line_col_1based(byte);
                    assert_eq!((l, c), (want.line + 1, want.character + 1));
                } else {
                    // Inside a character: the position of its start.
                    let mut start = byte;
                    while !text.is_char_boundary(start) {
                        start -= 1;
                    }
                    assert_eq!(got, expected[start], "{text:?} byte {byte}");
                }
            }
            // Every UTF-16 column of every line either maps to a boundary
            // whose position has that column, or is inside a surrogate pair.
            for (line, &(start, end)) in line_ends.iter().enumerate() {
                let width: usize = text[start..end].encode_utf16().count();
                for col in 0..=width + 2 {
                    match s.byte_of_utf16(line, col) {
                        Ok(byte) => {
                            assert!(text.is_char_boundary(byte));
                            assert_eq!(s.position(byte).line, line);
                            assert_eq!(s.position(byte).utf16, col.min(width));
                        }
                        Err(PositionError::InsideCharacter { character, .. }) => {
                            assert_eq!(character.len(), 4, "{text:?} {line}:{col}");
                            assert_eq!(s.position(character.start).utf16 + 1, col);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn from_bytes() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("改造\r\n".as_bytes());
        let s = Source::from_bytes("plan.txt", &bytes).unwrap();
        assert_eq!(s.name(), "plan.txt");
        assert_eq!(s.text(), "改造\r\n");
        assert_eq!(s.encoding(), Encoding::Utf8Bom);
        assert_eq!(src("x").encoding(), Encoding::Utf8);

        let (gbk, _, _) = encoding_rs::GB18030.encode("老旧小区");
        let s = Source::from_bytes("gbk.txt", &gbk).unwrap();
        assert_eq!(s.text(), "老旧小区");
        assert_eq!(s.encoding(), Encoding::Gb18030);
    }

    #[test]
    fn replace_keeps_the_line_index_exact() {
        let pieces = ["a", "改", "𠀾", "\r\n", "\n", "\r", "", "x\ny\n", "\n\n"];
        let mut state: u64 = 7;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % n
        };
        let mut s = src("第一章\n改造𠀾老旧\r\n小区\n");
        for _ in 0..500 {
            let boundaries: Vec<usize> = s
                .text()
                .char_indices()
                .map(|(i, _)| i)
                .chain([s.text().len()])
                .collect();
            let a = boundaries[next(boundaries.len())];
            let b = boundaries[next(boundaries.len())];
            let span = Span::new(a.min(b), a.max(b));
            let replacement = pieces[next(pieces.len())].repeat(next(3));
            let mut expected = s.text().to_string();
            expected.replace_range(span.start..span.end, &replacement);
            s.replace(span, &replacement);
            assert_eq!(s, src(&expected), "{expected:?}");
        }
    }

    #[test]
    fn from_bytes_error_names_the_file() {
        let err = Source::from_bytes("规划.docx", b"PK\x03\x04\x00\x00").unwrap_err();
        assert_eq!(err.name, "规划.docx");
        assert_eq!(err.error, DecodeError::ZipArchive);
        assert!(err.to_string().starts_with("规划.docx: is a zip archive"));
        let err = Source::from_bytes("x.txt", b"ab\x00").unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.txt: looks like a binary file (NUL byte at offset 2)"
        );
    }
}
