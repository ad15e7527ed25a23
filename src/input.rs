//! Reading the documents named on the command line.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use plan_lint_core::Source;
use plan_lint_core::source::SourceError;
use plan_lint_docx::ParagraphMap;
use plan_lint_pdf::PageMap;

/// Documents larger than this are refused rather than read into memory.
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// An input that cannot be linted. Always names the file.
#[derive(Debug)]
pub enum InputError {
    Unreadable {
        path: PathBuf,
        error: std::io::Error,
    },
    TooLarge {
        path: PathBuf,
        bytes: u64,
    },
    Undecodable(SourceError),
    /// A Word document that cannot be read (or a .doc/.wps to save as .docx).
    Docx {
        path: PathBuf,
        error: plan_lint_docx::DocxError,
    },
    /// A PDF that cannot be read: no text layer (a scan), a password, damaged.
    Pdf {
        path: PathBuf,
        error: plan_lint_pdf::PdfError,
    },
    /// A document with no text: an empty file, only white space, a Word
    /// document without a paragraph of text. Almost always a failed save or
    /// export, so it is an error rather than a silent pass.
    Empty {
        name: String,
        bytes: usize,
    },
    /// `annotate` given something other than a Word document.
    NotWordForAnnotate {
        path: PathBuf,
        kind: &'static str,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Unreadable { path, error } => {
                write!(f, "{}: cannot read: {error}", path.display())
            }
            InputError::TooLarge { path, bytes } => write!(
                f,
                "{}: {bytes} bytes is larger than the {} MB limit for one document",
                path.display(),
                MAX_DOCUMENT_BYTES / (1024 * 1024)
            ),
            InputError::Undecodable(error) => write!(f, "{error}"),
            InputError::Docx { path, error } => write!(f, "{}: {error}", path.display()),
            InputError::Pdf { path, error } => write!(f, "{}: {error}", path.display()),
            InputError::Empty { name, bytes: 0 } => write!(
                f,
                "{name}: the file is empty (0 bytes): there is nothing to check; \
                 was it saved or exported completely?"
            ),
            InputError::Empty { name, bytes } => write!(
                f,
                "{name}: the document has no text ({bytes} bytes, only white space \
                 or empty paragraphs): there is nothing to check"
            ),
            InputError::NotWordForAnnotate { path, kind } => write!(
                f,
                "{}: annotate writes comments into a Word document and needs a .docx; \
                 this is {kind} (lint it with `plan-lint check`, or save it as .docx first)",
                path.display()
            ),
        }
    }
}

impl std::error::Error for InputError {}

/// A document as read: its text and, for a Word document, where each
/// paragraph is, for a PDF where each page starts (the renderers name a
/// diagnostic's paragraph or page and line from them).
pub struct Input {
    pub source: Source,
    pub paragraphs: Option<ParagraphMap>,
    pub pages: Option<PageMap>,
}

/// Reads and decodes one document (`-` is standard input).
pub fn read(path: &Path) -> Result<Input, InputError> {
    read_as(path, None)
}

/// [`read`], with the name standard input goes by (`--stdin-filename`):
/// an editor or the page passes the buffer's file name, which messages
/// show and the rules that read a file's origin (F107: a .docx is the
/// drafter's own file) take into account.
pub fn read_as(path: &Path, stdin_name: Option<&str>) -> Result<Input, InputError> {
    let unreadable = |error| InputError::Unreadable {
        path: path.to_path_buf(),
        error,
    };
    let (name, bytes) = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(MAX_DOCUMENT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
        (stdin_name.unwrap_or("<stdin>").to_string(), bytes)
    } else {
        let size = std::fs::metadata(path).map_err(unreadable)?.len();
        if size > MAX_DOCUMENT_BYTES {
            return Err(InputError::TooLarge {
                path: path.to_path_buf(),
                bytes: size,
            });
        }
        (
            path.display().to_string(),
            std::fs::read(path).map_err(unreadable)?,
        )
    };
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(InputError::TooLarge {
            path: path.to_path_buf(),
            bytes: bytes.len() as u64,
        });
    }
    if is_word_input(path, &bytes) {
        let (source, docx) = read_docx_bytes(path, name, bytes)?;
        return Ok(Input {
            source,
            paragraphs: Some(docx.paragraphs().clone()),
            pages: None,
        });
    }
    if is_pdf_input(path, &bytes) {
        let pdf = plan_lint_pdf::Pdf::from_bytes(&bytes).map_err(|error| InputError::Pdf {
            path: path.to_path_buf(),
            error,
        })?;
        warn_about_pages(&name, &pdf);
        let source = Source::new(name, pdf.text().to_string());
        refuse_empty(&source, bytes.len())?;
        return Ok(Input {
            source,
            paragraphs: None,
            pages: Some(pdf.pages().clone()),
        });
    }
    let size = bytes.len();
    let source = Source::from_bytes(name, &bytes).map_err(InputError::Undecodable)?;
    refuse_empty(&source, size)?;
    Ok(Input {
        source,
        paragraphs: None,
        pages: None,
    })
}

/// Whether a document goes to the Word reader: by its extension (.docx, and
/// .doc/.wps to refuse with advice) or by its content (a zip package or an
/// OLE compound file, whatever its name).
fn is_word_input(path: &Path, bytes: &[u8]) -> bool {
    let by_name = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .is_some_and(|e| {
            plan_lint_docx::EXTENSIONS.contains(&e.as_str())
                || plan_lint_docx::REFUSED_EXTENSIONS.contains(&e.as_str())
        });
    by_name || plan_lint_docx::is_office_file(bytes)
}

/// Says on standard error which pages of a PDF were not checked: pages the
/// reader failed on, and pages without text (a scanned page among pages
/// with text is not linted, and a user must know).
fn warn_about_pages(name: &str, pdf: &plan_lint_pdf::Pdf) {
    let list = |pages: &[usize]| {
        pages
            .iter()
            .map(|p| format!("第{p}页"))
            .collect::<Vec<_>>()
            .join("、")
    };
    if !pdf.unreadable_pages().is_empty() {
        eprintln!(
            "plan-lint: warning: {name}: {} could not be read and were not checked",
            list(pdf.unreadable_pages())
        );
    }
    if !pdf.textless_pages().is_empty() {
        eprintln!(
            "plan-lint: warning: {name}: {} hold no text (scanned or blank pages) and were not checked; run OCR on them to check them",
            list(pdf.textless_pages())
        );
    }
}

/// Whether a document goes to the PDF reader: by its extension or its
/// content (`%PDF-`).
fn is_pdf_input(path: &Path, bytes: &[u8]) -> bool {
    let by_name = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| plan_lint_pdf::EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
    by_name || plan_lint_pdf::is_pdf(bytes)
}

/// Reads a Word document: the source plan-lint lints (its text as
/// `plan-lint extract` prints it) and the package, for `annotate`.
pub fn read_docx(path: &Path) -> Result<(Source, plan_lint_docx::Docx), InputError> {
    let unreadable = |error| InputError::Unreadable {
        path: path.to_path_buf(),
        error,
    };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_DOCUMENT_BYTES {
        return Err(InputError::TooLarge {
            path: path.to_path_buf(),
            bytes: size,
        });
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    if !is_word_input(path, &bytes) {
        let kind = if plan_lint_pdf::is_pdf(&bytes) {
            "a PDF"
        } else if Source::from_bytes("", &bytes).is_ok() {
            "a plain-text file"
        } else {
            "not a Word document"
        };
        return Err(InputError::NotWordForAnnotate {
            path: path.to_path_buf(),
            kind,
        });
    }
    read_docx_bytes(path, path.display().to_string(), bytes)
}

/// A document without text is refused, naming it (see [`InputError::Empty`]).
fn refuse_empty(source: &Source, bytes: usize) -> Result<(), InputError> {
    if source.text().chars().all(plan_lint_core::text::is_space) {
        return Err(InputError::Empty {
            name: source.name().to_string(),
            bytes,
        });
    }
    Ok(())
}

fn read_docx_bytes(
    path: &Path,
    name: String,
    bytes: Vec<u8>,
) -> Result<(Source, plan_lint_docx::Docx), InputError> {
    let extension = path.extension().and_then(|e| e.to_str());
    let size = bytes.len();
    let docx =
        plan_lint_docx::Docx::from_bytes(bytes, extension).map_err(|error| InputError::Docx {
            path: path.to_path_buf(),
            error,
        })?;
    let source = Source::new(name, docx.text().to_string());
    refuse_empty(&source, size)?;
    Ok((source, docx))
}
