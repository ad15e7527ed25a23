//! Turning raw file bytes into text.
//!
//! Plan documents arrive as UTF-8 (with or without a byte order mark),
//! UTF-16 exported from Word (usually with a byte order mark; without one it
//! is recognised by its NUL bytes and its characters), or GBK/GB18030 from
//! older Windows tools. [`decode`] recognises these, and refuses binary
//! files and Word documents with an error that says where and why.
//!
//! Line terminators are kept exactly as they are: spans computed on the
//! decoded text must match what an editor shows.

use std::borrow::Cow;
use std::fmt;

use encoding_rs::{DecoderResult, GB18030, UTF_16BE, UTF_16LE};
use serde::Serialize;

/// How many leading bytes are searched for NUL to detect binary files.
const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// The text encoding a file was decoded from.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 with a byte order mark (the mark is not part of the text).
    Utf8Bom,
    /// UTF-16 little endian, with a byte order mark.
    Utf16Le,
    /// UTF-16 big endian, with a byte order mark.
    Utf16Be,
    /// UTF-16 little endian without a byte order mark, recognised by its
    /// NUL bytes and its characters.
    Utf16LeNoBom,
    /// UTF-16 big endian without a byte order mark.
    Utf16BeNoBom,
    /// GB18030, which includes GBK and GB2312.
    Gb18030,
}

impl Encoding {
    /// The usual human-readable name, e.g. `"UTF-8 (BOM)"`.
    pub const fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Utf16LeNoBom => "UTF-16LE (no BOM)",
            Encoding::Utf16BeNoBom => "UTF-16BE (no BOM)",
            Encoding::Gb18030 => "GB18030",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Successfully decoded file contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without any byte order mark and with line terminators
    /// unchanged.
    pub text: String,
    /// The encoding the bytes were in.
    pub encoding: Encoding,
}

/// A place in the raw bytes of a file, for error messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    /// 0-based byte offset into the file (counting any byte order mark).
    pub byte: usize,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters of the text decoded before
    /// this place.
    pub column: usize,
}

impl Location {
    /// The location of `byte`, given the text decoded from the bytes
    /// before it.
    fn after(decoded_prefix: &str, byte: usize) -> Location {
        let line_start = decoded_prefix.rfind('\n').map_or(0, |i| i + 1);
        Location {
            byte,
            line: decoded_prefix.matches('\n').count() + 1,
            column: decoded_prefix[line_start..].chars().count() + 1,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {} (byte {})",
            self.line, self.column, self.byte
        )
    }
}

/// Why a file could not be decoded as text.
///
/// The messages name the place in the file but not the file itself; the
/// caller adds the file name (see [`crate::source::SourceError`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// A NUL byte was found near the start of a file without a UTF-16 byte
    /// order mark, or in a file that only decodes as GB18030.
    Binary {
        /// Byte offset of the first NUL byte.
        offset: usize,
        /// The NUL bytes all sit at even or all at odd offsets, as in UTF-16
        /// text without a byte order mark.
        likely_utf16: bool,
    },
    /// The file starts with a zip signature, as `.docx` files do.
    ZipArchive,
    /// The file starts with an OLE compound file signature, as `.doc` files
    /// do.
    OleDocument,
    /// The file is neither valid UTF-8 nor valid GB18030.
    InvalidUtf8 {
        /// The first byte that is not valid UTF-8.
        utf8: Location,
        /// The first byte that is not valid GB18030.
        gb18030: Location,
    },
    /// The file starts with a UTF-8 byte order mark but is not valid UTF-8.
    InvalidUtf8AfterBom {
        /// The first byte that is not valid UTF-8.
        utf8: Location,
    },
    /// The file starts with a UTF-16 byte order mark but holds an unpaired
    /// surrogate or an odd number of bytes.
    InvalidUtf16 {
        /// [`Encoding::Utf16Le`] or [`Encoding::Utf16Be`].
        encoding: Encoding,
        /// Where the malformed code unit starts.
        at: Location,
    },
    /// The file is not valid UTF-8; it decodes as GB18030, but the result
    /// is mostly control characters, so it is not text.
    NotText {
        /// The first byte that is not valid UTF-8.
        utf8: Location,
        /// Control characters (other than tab, CR, LF and form feed) in the
        /// GB18030 decoding.
        control_chars: usize,
        /// All characters in the GB18030 decoding.
        chars: usize,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary {
                offset,
                likely_utf16,
            } => {
                write!(f, "looks like a binary file (NUL byte at offset {offset})")?;
                if *likely_utf16 {
                    f.write_str(
                        "; if it is UTF-16 text, save it with a byte order mark or as UTF-8",
                    )?;
                }
                Ok(())
            }
            DecodeError::ZipArchive => f.write_str(
                "is a zip archive (such as a Word .docx file), not plain text; \
                 save it as plain text first",
            ),
            DecodeError::OleDocument => f.write_str(
                "is an OLE compound file (such as a Word .doc file), not plain text; \
                 save it as plain text first",
            ),
            DecodeError::InvalidUtf8 { utf8, gb18030 } => {
                write!(f, "invalid UTF-8 at {utf8}, and not valid GB18030 either")?;
                if gb18030.byte != utf8.byte {
                    write!(
                        f,
                        " (at line {}, column {}, byte {})",
                        gb18030.line, gb18030.column, gb18030.byte
                    )?;
                }
                Ok(())
            }
            DecodeError::InvalidUtf8AfterBom { utf8 } => {
                write!(
                    f,
                    "invalid UTF-8 at {utf8} despite the UTF-8 byte order mark"
                )
            }
            DecodeError::InvalidUtf16 { encoding, at } => {
                write!(f, "invalid {encoding} at {at}")
            }
            DecodeError::NotText {
                utf8,
                control_chars,
                chars,
            } => write!(
                f,
                "looks like a binary file: invalid UTF-8 at {utf8}, and as GB18030 \
                 {control_chars} of its {chars} characters are control characters"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes the raw bytes of a file into text.
///
/// In order:
/// 1. a UTF-8 byte order mark is stripped and the rest must be UTF-8;
/// 2. a UTF-16 byte order mark selects UTF-16LE or UTF-16BE;
/// 3. zip (`.docx`) and OLE (`.doc`) signatures are refused;
/// 4. a NUL byte in the first 8 KiB means UTF-16 without a byte order mark
///    when the whole file decodes as UTF-16 in one byte order into text
///    (see [`utf16_without_bom`]), else a binary file;
/// 5. valid UTF-8 is taken as is;
/// 6. otherwise GB18030 (a superset of GBK) is tried, and accepted only if
///    it decodes without errors and the result looks like text.
///
/// Line terminators are not changed. Empty input gives empty text.
///
/// # Errors
///
/// A [`DecodeError`] saying why the bytes are not text, and where.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok(Decoded {
                text: text.to_owned(),
                encoding: Encoding::Utf8Bom,
            }),
            Err(e) => Err(DecodeError::InvalidUtf8AfterBom {
                utf8: utf8_error_location(rest, e.valid_up_to(), 3),
            }),
        };
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, Encoding::Utf16Be);
    }
    if [&b"PK\x03\x04"[..], b"PK\x05\x06", b"PK\x07\x08"]
        .iter()
        .any(|magic| bytes.starts_with(magic))
    {
        return Err(DecodeError::ZipArchive);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(DecodeError::OleDocument);
    }
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    if let Some(offset) = sniff.iter().position(|&b| b == 0) {
        if let Some(decoded) = utf16_without_bom(bytes) {
            return Ok(decoded);
        }
        return Err(binary_error(sniff, offset));
    }
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Decoded {
                text: text.to_owned(),
                encoding: Encoding::Utf8,
            });
        }
        Err(e) => e,
    };
    let utf8 = utf8_error_location(bytes, utf8_error.valid_up_to(), 0);
    let text = match decode_strict(GB18030, bytes) {
        Ok(text) => text,
        Err((offset, prefix)) => {
            return Err(DecodeError::InvalidUtf8 {
                utf8,
                gb18030: Location::after(&prefix, offset),
            });
        }
    };
    // In GB18030 a 0x00 byte is never part of a multi-byte sequence, so a
    // NUL character is exactly a NUL byte.
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        if let Some(decoded) = utf16_without_bom(bytes) {
            return Ok(decoded);
        }
        return Err(binary_error(bytes, offset));
    }
    let (control_chars, chars) = count_control_chars(&text);
    // Allow a few stray controls (a DOS end-of-file 0x1A, escape codes), but
    // not more than two that are also more than one character in twenty.
    if control_chars > 2 && control_chars * 20 > chars {
        return Err(DecodeError::NotText {
            utf8,
            control_chars,
            chars,
        });
    }
    Ok(Decoded {
        text,
        encoding: Encoding::Gb18030,
    })
}

/// Decodes the bytes after a UTF-16 byte order mark.
fn decode_utf16(payload: &[u8], encoding: Encoding) -> Result<Decoded, DecodeError> {
    let codec = match encoding {
        Encoding::Utf16Be => UTF_16BE,
        _ => UTF_16LE,
    };
    match decode_strict(codec, payload) {
        Ok(text) => Ok(Decoded { text, encoding }),
        Err((offset, prefix)) => Err(DecodeError::InvalidUtf16 {
            encoding,
            at: Location::after(&prefix, offset + 2),
        }),
    }
}

/// UTF-16 text saved without a byte order mark (Notepad's "Unicode" from
/// some tools, exports of older systems): the byte order in which all of
/// `bytes` decode strictly into characters of which at least 95 in 100 are
/// what a plan is written in (Han, Chinese and general punctuation, ASCII,
/// white space). Line breaks, spaces and Chinese punctuation read in the
/// wrong byte order become U+0A00, U+2000, U+0130…, none of them plausible,
/// so the right order scores higher; binary data almost never qualifies.
fn utf16_without_bom(bytes: &[u8]) -> Option<Decoded> {
    if bytes.len() < 2 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let plausible = |c: char| {
        crate::text::is_wide(c)
            || matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
            || c.is_ascii_graphic()
            || matches!(c, '\u{a0}'..='\u{ff}' | '\u{25a0}'..='\u{25ff}')
    };
    let mut best: Option<(usize, Decoded)> = None;
    for (codec, encoding) in [
        (UTF_16LE, Encoding::Utf16LeNoBom),
        (UTF_16BE, Encoding::Utf16BeNoBom),
    ] {
        let Ok(text) = decode_strict(codec, bytes) else {
            continue;
        };
        let (good, all) = text.chars().fold((0usize, 0usize), |(good, all), c| {
            (good + usize::from(plausible(c)), all + 1)
        });
        if all == 0 || good * 100 < all * 95 {
            continue;
        }
        // Per ten thousand, to compare the two orders.
        let score = good * 10_000 / all;
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, Decoded { text, encoding }));
        }
    }
    best.map(|(_, decoded)| decoded)
}

/// Decodes all of `bytes` with `codec`, without replacement characters.
///
/// On a malformed sequence, returns its byte offset and the text decoded
/// before it.
fn decode_strict(
    codec: &'static encoding_rs::Encoding,
    bytes: &[u8],
) -> Result<String, (usize, String)> {
    let mut decoder = codec.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len());
    let mut out = String::with_capacity(capacity);
    let mut read_total = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::OutputFull => {
                let remaining = bytes.len() - read_total;
                out.reserve(remaining.saturating_mul(3).saturating_add(16));
            }
            DecoderResult::Malformed(bad, after) => {
                let offset = read_total
                    .saturating_sub(usize::from(after))
                    .saturating_sub(usize::from(bad));
                return Err((offset, out));
            }
        }
    }
}

/// The location of the first invalid UTF-8 byte, `valid_up_to` bytes into
/// `bytes`, which start `base` bytes into the file.
fn utf8_error_location(bytes: &[u8], valid_up_to: usize, base: usize) -> Location {
    let prefix = match std::str::from_utf8(&bytes[..valid_up_to]) {
        Ok(prefix) => Cow::Borrowed(prefix),
        // Cannot happen: `valid_up_to` comes from a `Utf8Error` on `bytes`.
        Err(_) => String::from_utf8_lossy(&bytes[..valid_up_to]),
    };
    Location::after(&prefix, base + valid_up_to)
}

/// The error for a NUL byte at `offset`, guessing from the NUL bytes in
/// `sample` whether the file is UTF-16 without a byte order mark.
fn binary_error(sample: &[u8], offset: usize) -> DecodeError {
    let nuls: Vec<usize> = sample
        .iter()
        .enumerate()
        .filter_map(|(i, &b)| (b == 0).then_some(i))
        .collect();
    let one_parity = nuls.iter().all(|i| i % 2 == offset % 2);
    DecodeError::Binary {
        offset,
        // Mostly-ASCII UTF-16 has a NUL in about every other byte, all on
        // the same side of each code unit.
        likely_utf16: one_parity && nuls.len() >= 2 && nuls.len() * 4 >= sample.len(),
    }
}

/// Counts control characters other than `\t`, `\n`, `\r` and form feed, and
/// all characters.
fn count_control_chars(text: &str) -> (usize, usize) {
    text.chars().fold((0, 0), |(controls, chars), c| {
        let is_bad_control = c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c');
        (controls + usize::from(is_bad_control), chars + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "第一章 总则\n改造老旧小区5个以上。\n";

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        bytes
    }

    fn gbk(text: &str) -> Vec<u8> {
        let (bytes, _, had_errors) = GB18030.encode(text);
        assert!(!had_errors);
        bytes.into_owned()
    }

    #[test]
    fn utf8() {
        let decoded = decode(SAMPLE.as_bytes()).unwrap();
        assert_eq!(decoded.text, SAMPLE);
        assert_eq!(decoded.encoding, Encoding::Utf8);
    }

    #[test]
    fn empty() {
        let decoded = decode(b"").unwrap();
        assert_eq!(decoded.text, "");
        assert_eq!(decoded.encoding, Encoding::Utf8);
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(SAMPLE.as_bytes());
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, SAMPLE);
        assert_eq!(decoded.encoding, Encoding::Utf8Bom);
        assert_eq!(decoded.encoding.name(), "UTF-8 (BOM)");
    }

    #[test]
    fn bom_only() {
        assert_eq!(decode(b"\xEF\xBB\xBF").unwrap().text, "");
        assert_eq!(decode(b"\xFF\xFE").unwrap().text, "");
    }

    #[test]
    fn invalid_utf8_after_bom() {
        let err = decode(b"\xEF\xBB\xBFab\ncd\xFF").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid UTF-8 at line 2, column 3 (byte 8) despite the UTF-8 byte order mark"
        );
    }

    #[test]
    fn utf16_le_and_be() {
        let text = "改造老旧小区\r\n𠀾 5个\n";
        let le = decode(&utf16(text, false)).unwrap();
        assert_eq!(le.text, text);
        assert_eq!(le.encoding, Encoding::Utf16Le);
        let be = decode(&utf16(text, true)).unwrap();
        assert_eq!(be.text, text);
        assert_eq!(be.encoding, Encoding::Utf16Be);
        assert_eq!(be.encoding.name(), "UTF-16BE");
    }

    #[test]
    fn utf16_unpaired_surrogate() {
        // "a\nb" then a lone high surrogate, then "c".
        let bytes = [0xFF, 0xFE, b'a', 0, b'\n', 0, b'b', 0, 0x3E, 0xD8, b'c', 0];
        let err = decode(&bytes).unwrap_err();
        assert_eq!(
            err,
            DecodeError::InvalidUtf16 {
                encoding: Encoding::Utf16Le,
                at: Location {
                    byte: 8,
                    line: 2,
                    column: 2
                },
            }
        );
        assert_eq!(
            err.to_string(),
            "invalid UTF-16LE at line 2, column 2 (byte 8)"
        );
    }

    #[test]
    fn utf16_odd_length() {
        let mut bytes = utf16("改造", true);
        bytes.push(0x41);
        let err = decode(&bytes).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid UTF-16BE at line 1, column 3 (byte 6)"
        );
    }

    #[test]
    fn gbk_text() {
        let text = "改造老旧小区5个以上";
        let bytes = gbk(text);
        assert!(std::str::from_utf8(&bytes).is_err());
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.encoding, Encoding::Gb18030);
    }

    #[test]
    fn gbk_keeps_crlf_and_allows_a_dos_eof() {
        let text = "第一章\r\n改造老旧小区5个以上\r\n\x1a";
        let decoded = decode(&gbk(text)).unwrap();
        assert_eq!(decoded.text, text);
    }

    #[test]
    fn crlf_preserved() {
        let text = "一\r\n二\r\n\r\n三\r四";
        assert_eq!(decode(text.as_bytes()).unwrap().text, text);
    }

    #[test]
    fn random_binary() {
        // A fixed pseudo-random sequence (xorshift), containing NUL bytes.
        let mut state: u32 = 0x9E37_79B9;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                state.to_le_bytes()[0]
            })
            .collect();
        let first_nul = bytes.iter().position(|&b| b == 0).unwrap();
        let err = decode(&bytes).unwrap_err();
        assert_eq!(
            err,
            DecodeError::Binary {
                offset: first_nul,
                likely_utf16: false
            }
        );
        assert_eq!(
            err.to_string(),
            format!("looks like a binary file (NUL byte at offset {first_nul})")
        );
    }

    #[test]
    fn binary_without_nul_is_rejected() {
        // Every byte except NUL, in a scrambled order: not UTF-8, not GB18030.
        let bytes: Vec<u8> = (1..=255u8).map(|b| b.wrapping_mul(37) | 1).collect();
        assert!(matches!(
            decode(&bytes),
            Err(DecodeError::InvalidUtf8 { .. })
        ));
    }

    #[test]
    fn utf16_without_bom_is_decoded_in_either_byte_order() {
        for (big_endian, encoding) in [
            (false, Encoding::Utf16LeNoBom),
            (true, Encoding::Utf16BeNoBom),
        ] {
            for text in [SAMPLE, "plan text", "一、总体要求\n"] {
                let bytes = utf16(text, big_endian)[2..].to_vec();
                let decoded = decode(&bytes).unwrap();
                assert_eq!(decoded.text, text);
                assert_eq!(decoded.encoding, encoding);
            }
        }
    }

    #[test]
    fn utf16_shaped_binary_is_still_binary() {
        // NUL on every other byte, but the other bytes are controls: not
        // text in either byte order.
        let bytes: Vec<u8> = (0..64u8).flat_map(|i| [i % 8 + 1, 0]).collect();
        let err = decode(&bytes).unwrap_err();
        assert_eq!(
            err,
            DecodeError::Binary {
                offset: 1,
                likely_utf16: true
            }
        );
        assert!(err.to_string().contains("byte order mark"));
    }

    #[test]
    fn word_documents() {
        let docx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00";
        let err = decode(docx).unwrap_err();
        assert_eq!(err, DecodeError::ZipArchive);
        assert!(err.to_string().contains("Word .docx"));
        let doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00";
        let err = decode(doc).unwrap_err();
        assert_eq!(err, DecodeError::OleDocument);
        assert!(err.to_string().contains("Word .doc file"));
    }

    #[test]
    fn lone_invalid_byte() {
        let bytes = b"line one\nline two\nabcd\xFFefg\n";
        let err = decode(bytes).unwrap_err();
        let place = Location {
            byte: 22,
            line: 3,
            column: 5,
        };
        assert_eq!(
            err,
            DecodeError::InvalidUtf8 {
                utf8: place,
                gb18030: place
            }
        );
        assert_eq!(
            err.to_string(),
            "invalid UTF-8 at line 3, column 5 (byte 22), and not valid GB18030 either"
        );
    }

    #[test]
    fn invalid_byte_in_gbk_text_is_located_in_both_readings() {
        // Valid GBK up to the stray 0xFF on the second line.
        let mut bytes = gbk("改造\n老旧");
        bytes.push(0xFF);
        let err = decode(&bytes).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid UTF-8 at line 1, column 1 (byte 0), and not valid GB18030 either \
             (at line 2, column 3, byte 9)"
        );
    }

    #[test]
    fn column_counts_characters() {
        let mut bytes = "改造x".as_bytes().to_vec();
        bytes.push(0xFF);
        match decode(&bytes) {
            Err(DecodeError::InvalidUtf8 { utf8, .. }) => {
                assert_eq!((utf8.line, utf8.column, utf8.byte), (1, 4, 7));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn gb18030_control_characters_are_not_text() {
        // Invalid UTF-8 (0x81 0x40 is a GBK pair) followed by controls.
        let mut bytes = vec![0x81, 0x40];
        bytes.extend_from_slice(&[0x01, 0x02, 0x03, 0x1B, 0x7F, b'a']);
        let err = decode(&bytes).unwrap_err();
        assert!(matches!(
            err,
            DecodeError::NotText {
                control_chars: 5,
                chars: 7,
                ..
            }
        ));
        assert!(err.to_string().starts_with("looks like a binary file"));
    }

    #[test]
    fn nul_after_the_sniffed_prefix() {
        // UTF-8 text may contain a late NUL; GB18030 text may not.
        let mut utf8 = vec![b'a'; BINARY_SNIFF_LEN];
        utf8.push(0);
        assert!(decode(&utf8).is_ok());
        let mut gb = gbk("改造");
        gb.resize(BINARY_SNIFF_LEN + 10, b'a');
        gb.push(0);
        assert_eq!(
            decode(&gb),
            Err(DecodeError::Binary {
                offset: BINARY_SNIFF_LEN + 10,
                likely_utf16: false
            })
        );
    }
}
