//! Reading the documents named on the command line.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use plan_lint_core::Source;
use plan_lint_core::source::SourceError;
use plan_lint_docx::ParagraphMap;

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
        }
    }
}

impl std::error::Error for InputError {}

/// A document as read: its text and, for a Word document, where each
/// paragraph is (the renderers name a diagnostic's paragraph from it).
pub struct Input {
    pub source: Source,
    pub paragraphs: Option<ParagraphMap>,
}

/// Reads and decodes one document (`-` is standard input).
pub fn read(path: &Path) -> Result<Input, InputError> {
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
        ("<stdin>".to_string(), bytes)
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
        });
    }
    let source = Source::from_bytes(name, &bytes).map_err(InputError::Undecodable)?;
    Ok(Input {
        source,
        paragraphs: None,
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
    read_docx_bytes(path, path.display().to_string(), bytes)
}

fn read_docx_bytes(
    path: &Path,
    name: String,
    bytes: Vec<u8>,
) -> Result<(Source, plan_lint_docx::Docx), InputError> {
    let extension = path.extension().and_then(|e| e.to_str());
    let docx =
        plan_lint_docx::Docx::from_bytes(bytes, extension).map_err(|error| InputError::Docx {
            path: path.to_path_buf(),
            error,
        })?;
    let source = Source::new(name, docx.text().to_string());
    Ok((source, docx))
}
