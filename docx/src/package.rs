//! The package: a zip of parts tied together by relationships. Reading
//! parts by name, following relationships, and telling a .docx from the
//! files people name .docx (or hand over instead of one).

use std::io::{Cursor, Read};

use crate::DocxError;
use crate::xml::{self, Element};

/// One part is refused past this size once decompressed (a zip bomb guard;
/// the text of a 1,000-page document is a few megabytes).
pub const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// The magic number of an OLE compound file: .doc, .wps, .xls, and every
/// password-protected Office document.
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub const REL_OFFICE_DOCUMENT: &str = "officeDocument";
pub const REL_NUMBERING: &str = "numbering";
pub const REL_STYLES: &str = "styles";
pub const REL_COMMENTS: &str = "comments";

/// A relationship of a part.
#[derive(Debug, Clone)]
pub struct Relationship {
    pub id: String,
    pub kind: String,
    /// The target part's name in the zip (no leading `/`), resolved against
    /// the source part; `None` for external targets.
    pub target: Option<String>,
}

impl Relationship {
    /// Whether the type is `…/relationships/{suffix}` (transitional or strict).
    pub fn is(&self, suffix: &str) -> bool {
        self.kind
            .rsplit('/')
            .next()
            .is_some_and(|last| last == suffix)
    }
}

pub struct Package {
    bytes: Vec<u8>,
    /// Entry names in zip order.
    pub names: Vec<String>,
}

/// What kind of file `bytes` is, by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Zip,
    CompoundFile,
    Rtf,
    Other,
}

pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Sniffed::Zip
    } else if bytes.starts_with(CFB_MAGIC) {
        Sniffed::CompoundFile
    } else if bytes.starts_with(b"{\\rtf") {
        Sniffed::Rtf
    } else {
        Sniffed::Other
    }
}

fn contains_utf16(bytes: &[u8], needle: &str) -> bool {
    let pattern: Vec<u8> = needle
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    bytes
        .windows(pattern.len())
        .any(|w| w == pattern.as_slice())
}

/// The error for a file that is not a zip package, by what it is.
pub fn not_a_package(bytes: &[u8], extension: Option<&str>) -> DocxError {
    match sniff(bytes) {
        Sniffed::CompoundFile => {
            // The stream names sit in the directory sectors as UTF-16.
            if contains_utf16(bytes, "EncryptedPackage") || contains_utf16(bytes, "EncryptionInfo")
            {
                DocxError::Encrypted
            } else if extension.is_some_and(|e| e.eq_ignore_ascii_case("wps")) {
                DocxError::Wps
            } else if contains_utf16(bytes, "WordDocument")
                || extension.is_some_and(|e| e.eq_ignore_ascii_case("doc"))
            {
                DocxError::OldWord
            } else {
                DocxError::OtherFormat("an old-format Office file (OLE compound document)")
            }
        }
        Sniffed::Rtf => DocxError::OtherFormat("an RTF document"),
        _ if extension.is_some_and(|e| e.eq_ignore_ascii_case("wps")) => DocxError::Wps,
        _ if extension.is_some_and(|e| e.eq_ignore_ascii_case("doc")) => DocxError::OldWord,
        _ => DocxError::NotZip,
    }
}

impl Package {
    pub fn from_bytes(bytes: Vec<u8>, extension: Option<&str>) -> Result<Package, DocxError> {
        if sniff(&bytes) != Sniffed::Zip {
            return Err(not_a_package(&bytes, extension));
        }
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).map_err(|e| {
            DocxError::Corrupt {
                part: None,
                reason: e.to_string(),
            }
        })?;
        let mut names = Vec::with_capacity(archive.len());
        for i in 0..archive.len() {
            let file = archive.by_index_raw(i).map_err(|e| DocxError::Corrupt {
                part: None,
                reason: e.to_string(),
            })?;
            if file.encrypted() {
                return Err(DocxError::Encrypted);
            }
            names.push(file.name().map(|n| n.into_owned()).unwrap_or_default());
        }
        Ok(Package { bytes, names })
    }

    /// The original bytes of the zip.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The zip entry name of a part, matched without regard to case (part
    /// names are case-insensitive in a package).
    pub fn entry_name(&self, part: &str) -> Option<&str> {
        let part = part.trim_start_matches('/');
        self.names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(part))
            .map(|n| n.as_str())
    }

    /// The bytes of a part, or `None` when the package has no such part.
    pub fn read(&self, part: &str) -> Result<Option<Vec<u8>>, DocxError> {
        let Some(name) = self.entry_name(part) else {
            return Ok(None);
        };
        let corrupt = |reason: String| DocxError::Corrupt {
            part: Some(name.to_string()),
            reason,
        };
        let mut archive = zip::ZipArchive::new(Cursor::new(self.bytes.as_slice()))
            .map_err(|e| corrupt(e.to_string()))?;
        let file = archive.by_name(name).map_err(|e| corrupt(e.to_string()))?;
        let mut out = Vec::with_capacity(file.size().min(MAX_PART_BYTES) as usize);
        file.take(MAX_PART_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|e| corrupt(e.to_string()))?;
        if out.len() as u64 > MAX_PART_BYTES {
            return Err(DocxError::TooLarge {
                part: name.to_string(),
            });
        }
        Ok(Some(out))
    }

    /// A part as text (UTF-8, an optional BOM removed).
    pub fn read_text(&self, part: &str) -> Result<Option<String>, DocxError> {
        let Some(bytes) = self.read(part)? else {
            return Ok(None);
        };
        part_text(part, bytes).map(Some)
    }

    /// A part parsed as XML.
    pub fn read_xml(&self, part: &str) -> Result<Option<(String, Element)>, DocxError> {
        let Some(text) = self.read_text(part)? else {
            return Ok(None);
        };
        let root = xml::parse(&text).map_err(|e| DocxError::Corrupt {
            part: Some(part.to_string()),
            reason: e.to_string(),
        })?;
        Ok(Some((text, root)))
    }

    /// The relationships of `part` (`word/document.xml` →
    /// `word/_rels/document.xml.rels`; `""` for the package's own).
    pub fn relationships(&self, part: &str) -> Result<Vec<Relationship>, DocxError> {
        let Some((_, root)) = self.read_xml(&rels_name(part))? else {
            return Ok(Vec::new());
        };
        Ok(parse_relationships(&root, part))
    }

    /// The name of the main document part.
    pub fn main_part(&self) -> Result<String, DocxError> {
        let rels = self.relationships("")?;
        if let Some(target) = rels
            .iter()
            .find(|r| r.is(REL_OFFICE_DOCUMENT))
            .and_then(|r| r.target.clone())
        {
            if self.entry_name(&target).is_some() {
                return Ok(target);
            }
            return Err(DocxError::NotWord {
                reason: format!("its main part {target} is missing"),
            });
        }
        if self.entry_name("word/document.xml").is_some() {
            return Ok("word/document.xml".to_string());
        }
        Err(self.what_else())
    }

    /// Names another kind of zip, for the error.
    pub fn what_else(&self) -> DocxError {
        let has = |n: &str| self.entry_name(n).is_some();
        if has("xl/workbook.xml") {
            DocxError::OtherFormat("an Excel workbook (.xlsx)")
        } else if has("ppt/presentation.xml") {
            DocxError::OtherFormat("a PowerPoint presentation (.pptx)")
        } else if has("content.xml") && has("mimetype") {
            DocxError::OtherFormat("an OpenDocument file (.odt)")
        } else {
            DocxError::NotWord {
                reason: "it has no word/document.xml".into(),
            }
        }
    }
}

/// Decodes a part's bytes as UTF-8 (Word writes nothing else).
pub fn part_text(part: &str, bytes: Vec<u8>) -> Result<String, DocxError> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|_| DocxError::Corrupt {
        part: Some(part.to_string()),
        reason: "not UTF-8".into(),
    })
}

/// `word/document.xml` → `word/_rels/document.xml.rels`; `""` → `_rels/.rels`.
pub fn rels_name(part: &str) -> String {
    let part = part.trim_start_matches('/');
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

pub fn parse_relationships(root: &Element, source_part: &str) -> Vec<Relationship> {
    let base = source_part
        .trim_start_matches('/')
        .rsplit_once('/')
        .map_or("", |(dir, _)| dir);
    root.elements()
        .filter(|e| e.name == "Relationship")
        .map(|e| {
            let external = e
                .attr("TargetMode")
                .is_some_and(|m| m.eq_ignore_ascii_case("External"));
            let target = e.attr("Target").unwrap_or_default();
            Relationship {
                id: e.attr("Id").unwrap_or_default().to_string(),
                kind: e.attr("Type").unwrap_or_default().to_string(),
                target: (!external).then(|| resolve_target(base, target)),
            }
        })
        .collect()
}

/// Resolves a relationship target against the source part's folder.
pub fn resolve_target(base: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').filter(|s| !s.is_empty()).collect()
    };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve() {
        assert_eq!(
            resolve_target("word", "numbering.xml"),
            "word/numbering.xml"
        );
        assert_eq!(resolve_target("word", "/word/x.xml"), "word/x.xml");
        assert_eq!(
            resolve_target("word/sub", "../media/a.png"),
            "word/media/a.png"
        );
        assert_eq!(resolve_target("", "word/document.xml"), "word/document.xml");
        assert_eq!(
            rels_name("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
        assert_eq!(rels_name(""), "_rels/.rels");
    }

    #[test]
    fn compound_files_are_named() {
        let mut cfb = CFB_MAGIC.to_vec();
        cfb.resize(512, 0);
        let stream =
            |name: &str| -> Vec<u8> { name.encode_utf16().flat_map(|u| u.to_le_bytes()).collect() };
        let mut doc = cfb.clone();
        doc.extend(stream("WordDocument"));
        assert!(matches!(
            not_a_package(&doc, Some("doc")),
            DocxError::OldWord
        ));
        assert!(matches!(
            not_a_package(&doc, Some("docx")),
            DocxError::OldWord
        ));
        assert!(matches!(not_a_package(&doc, Some("wps")), DocxError::Wps));
        let mut enc = cfb.clone();
        enc.extend(stream("EncryptedPackage"));
        assert!(matches!(
            not_a_package(&enc, Some("docx")),
            DocxError::Encrypted
        ));
        assert!(matches!(
            not_a_package(b"hello", Some("docx")),
            DocxError::NotZip
        ));
    }
}
