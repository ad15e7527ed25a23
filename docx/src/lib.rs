//! Word documents (.docx) for plan-lint.
//!
//! [`Docx::from_bytes`] reads a package into the text plan-lint lints (one
//! line per paragraph, one per table cell as `text |`, automatic numbering
//! rebuilt as text, tracked deletions left out) and a [`ParagraphMap`] from
//! byte offsets of that text to paragraphs. [`Docx::annotate`] writes
//! comments anchored on spans of that text into a copy of the package.
//!
//! ```no_run
//! # fn main() -> Result<(), plan_lint_docx::DocxError> {
//! let bytes = std::fs::read("plan.docx").unwrap();
//! let docx = plan_lint_docx::Docx::from_bytes(bytes, Some("docx"))?;
//! print!("{}", docx.text());
//! let comment = plan_lint_docx::Comment::new(0..6, vec!["第一段".into()]);
//! let out = docx.annotate(&[comment])?;
//! plan_lint_docx::write_atomic(std::path::Path::new("out.docx"), &out).unwrap();
//! # Ok(()) }
//! ```

mod annotate;
mod extract;
mod numbering;
mod package;
pub mod review;
#[cfg(test)]
mod tests;
mod xml;

use std::fmt;
use std::ops::Range;
use std::path::Path;

pub use extract::{Location, PREVIEW_CHARS, Paragraph, ParagraphMap};
pub use package::MAX_PART_BYTES;

use extract::Extracted;
use numbering::Numbering;
use package::{Package, REL_NUMBERING, REL_STYLES};

/// Why a file cannot be read as a Word document. The messages do not name
/// the file; callers prefix it.
#[derive(Debug)]
pub enum DocxError {
    /// A Word 97–2003 binary document.
    OldWord,
    /// A WPS Office document.
    Wps,
    /// Password-protected (an encrypted package, or encrypted zip entries).
    Encrypted,
    /// Another known format (an RTF file, a spreadsheet, …).
    OtherFormat(&'static str),
    /// Not a zip archive.
    NotZip,
    /// A zip archive without a Word document in it.
    NotWord { reason: String },
    /// A package that is broken: a bad zip, a part that is not well-formed XML.
    Corrupt {
        part: Option<String>,
        reason: String,
    },
    /// A part larger than [`MAX_PART_BYTES`] once decompressed.
    TooLarge { part: String },
}

const SAVE_AS: &str =
    "open it in Word or WPS and save it as .docx (文件 → 另存为 → Word 文档 *.docx)";

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocxError::OldWord => write!(
                f,
                "an old-format Word document (.doc, Word 97-2003) cannot be read: {SAVE_AS}"
            ),
            DocxError::Wps => write!(f, "a WPS document (.wps) cannot be read: {SAVE_AS}"),
            DocxError::Encrypted => write!(
                f,
                "the document is password-protected (encrypted): save a copy without the password as .docx"
            ),
            DocxError::OtherFormat(what) => {
                write!(f, "{what}, not a Word document: {SAVE_AS}")
            }
            DocxError::NotZip => write!(
                f,
                "not a Word document (.docx): not a zip package (the file is damaged, or of another kind)"
            ),
            DocxError::NotWord { reason } => {
                write!(f, "a zip archive but not a Word document (.docx): {reason}")
            }
            DocxError::Corrupt {
                part: Some(part),
                reason,
            } => {
                write!(f, "a damaged .docx: {part}: {reason}")
            }
            DocxError::Corrupt { part: None, reason } => {
                write!(f, "a damaged .docx: {reason}")
            }
            DocxError::TooLarge { part } => write!(
                f,
                "{part} is larger than {} MB once decompressed",
                MAX_PART_BYTES / (1024 * 1024)
            ),
        }
    }
}

impl std::error::Error for DocxError {}

/// The extensions of files this crate reads (by content, whatever the
/// name says: a .doc that is really a .docx is read).
pub const EXTENSIONS: &[&str] = &["docx", "docm", "dotx", "dotm"];

/// The extensions of formats that are refused with a "save as .docx".
pub const REFUSED_EXTENSIONS: &[&str] = &["doc", "dot", "wps", "wpt"];

/// Whether `bytes` should go to this crate rather than be decoded as text:
/// a zip package, an OLE compound file (old Word, WPS, encrypted Office)
/// or an RTF file.
pub fn is_office_file(bytes: &[u8]) -> bool {
    package::sniff(bytes) != package::Sniffed::Other
}

/// A comment to write.
#[derive(Debug, Clone)]
pub struct Comment {
    /// Byte range in [`Docx::text`] it is anchored on.
    pub span: Range<usize>,
    pub author: String,
    pub initials: String,
    /// Its paragraphs.
    pub paragraphs: Vec<String>,
}

impl Comment {
    /// A comment by `plan-lint`.
    pub fn new(span: Range<usize>, paragraphs: Vec<String>) -> Comment {
        Comment {
            span,
            author: "plan-lint".into(),
            initials: "PL".into(),
            paragraphs,
        }
    }
}

/// A Word document read for linting.
pub struct Docx {
    package: Package,
    main_part: String,
    document_xml: String,
    document_bom: bool,
    document_root: xml::Element,
    extracted: Extracted,
}

impl Docx {
    /// Reads a package. `extension` (without the dot) only chooses the
    /// wording of errors for files that are not packages.
    pub fn from_bytes(bytes: Vec<u8>, extension: Option<&str>) -> Result<Docx, DocxError> {
        let package = Package::from_bytes(bytes, extension)?;
        let main_part = package.main_part()?;
        let raw = package
            .read(&main_part)?
            .ok_or_else(|| DocxError::NotWord {
                reason: format!("{main_part} is missing"),
            })?;
        let document_bom = raw.starts_with(b"\xEF\xBB\xBF");
        let document_xml = package::part_text(&main_part, raw)?;
        let document_root = xml::parse(&document_xml).map_err(|e| DocxError::Corrupt {
            part: Some(main_part.clone()),
            reason: e.to_string(),
        })?;
        if !document_root.is_w("document") {
            return Err(match package.what_else() {
                DocxError::NotWord { .. } => DocxError::NotWord {
                    reason: format!(
                        "its main part {main_part} is a <{}>, not a Word document",
                        document_root.qname
                    ),
                },
                other => other,
            });
        }
        let rels = package.relationships(&main_part)?;
        let related = |kind: &str| -> Result<Option<xml::Element>, DocxError> {
            match rels
                .iter()
                .find(|r| r.is(kind))
                .and_then(|r| r.target.clone())
            {
                Some(part) => Ok(package.read_xml(&part)?.map(|(_, root)| root)),
                None => Ok(None),
            }
        };
        let numbering = Numbering::new(
            related(REL_NUMBERING)?.as_ref(),
            related(REL_STYLES)?.as_ref(),
        );
        let extracted = extract::extract(&document_xml, &document_root, numbering);
        Ok(Docx {
            package,
            main_part,
            document_xml,
            document_bom,
            document_root,
            extracted,
        })
    }

    /// Reads a file (see [`Docx::from_bytes`]).
    pub fn open(path: &Path) -> Result<Docx, OpenError> {
        let bytes = std::fs::read(path).map_err(OpenError::Io)?;
        let extension = path.extension().and_then(|e| e.to_str());
        Docx::from_bytes(bytes, extension).map_err(OpenError::Docx)
    }

    /// The text plan-lint lints: one line per paragraph, each ending in `\n`.
    pub fn text(&self) -> &str {
        &self.extracted.text
    }

    /// Paragraphs of the text's byte offsets.
    pub fn paragraphs(&self) -> &ParagraphMap {
        &self.extracted.map
    }

    /// The package with `comments` added, as bytes of a .docx.
    pub fn annotate(&self, comments: &[Comment]) -> Result<Vec<u8>, DocxError> {
        annotate::annotate(self, comments, None)
    }

    /// [`Docx::annotate`] with the comments dated `unix_seconds` (seconds
    /// since 1970-01-01 UTC): for a caller without a clock of the standard
    /// library's, such as the browser page.
    pub fn annotate_at(
        &self,
        comments: &[Comment],
        unix_seconds: i64,
    ) -> Result<Vec<u8>, DocxError> {
        annotate::annotate(self, comments, Some(unix_seconds))
    }

    fn reencode(&self, text: String) -> Vec<u8> {
        if self.document_bom {
            let mut out = b"\xEF\xBB\xBF".to_vec();
            out.extend(text.into_bytes());
            out
        } else {
            text.into_bytes()
        }
    }
}

/// [`Docx::open`]'s error.
#[derive(Debug)]
pub enum OpenError {
    Io(std::io::Error),
    Docx(DocxError),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Io(e) => write!(f, "cannot read: {e}"),
            OpenError::Docx(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for OpenError {}

/// Writes `bytes` to `path` through a temporary file in the same folder and
/// a rename, so that `path` is either the old file or the whole new one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out.docx".into());
    let tmp = dir.join(format!(".{name}.{}.plan-lint.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
