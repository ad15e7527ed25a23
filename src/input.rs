//! Reading the documents named on the command line.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use plan_lint_rules::Source;
use plan_lint_rules::source::SourceError;

/// The file extensions taken when a directory is given.
const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "plan", "docx"];

/// Documents larger than this are refused rather than read into memory.
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// An input that cannot be linted. Always names the file.
#[derive(Debug)]
pub enum InputError {
    Unreadable {
        path: PathBuf,
        error: std::io::Error,
    },
    NoDocuments {
        dir: PathBuf,
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
            InputError::NoDocuments { dir } => write!(
                f,
                "{}: no documents found (looked for {} files)",
                dir.display(),
                DOCUMENT_EXTENSIONS
                    .iter()
                    .map(|e| format!(".{e}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
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

/// Expands the command-line operands into document paths: files as given,
/// directories walked recursively (sorted), `-` for standard input.
pub fn expand(operands: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    let mut out = Vec::new();
    for operand in operands {
        if operand.as_os_str() == "-" {
            out.push(operand.clone());
            continue;
        }
        let meta = std::fs::metadata(operand).map_err(|error| InputError::Unreadable {
            path: operand.clone(),
            error,
        })?;
        if meta.is_dir() {
            let before = out.len();
            walk(operand, &mut out)?;
            if out.len() == before {
                return Err(InputError::NoDocuments {
                    dir: operand.clone(),
                });
            }
        } else {
            out.push(operand.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), InputError> {
    let unreadable = |error| InputError::Unreadable {
        path: dir.to_path_buf(),
        error,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(unreadable)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(unreadable)?;
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            // `~$plan.docx` is the lock file Word keeps beside an open document.
            .is_some_and(|n| n.starts_with('.') || n.starts_with("~$"));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if is_document(&path) {
            out.push(path);
        }
    }
    Ok(())
}

fn is_document(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| DOCUMENT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Reads and decodes one document (`-` is standard input).
pub fn read(path: &Path) -> Result<Source, InputError> {
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
        return read_docx_bytes(path, name, bytes).map(|(source, _)| source);
    }
    Source::from_bytes(name, &bytes).map_err(InputError::Undecodable)
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

/// The paragraph maps of the Word documents read so far, by source name:
/// the renderers name a diagnostic's paragraph from them.
static PARAGRAPHS: Mutex<Vec<(String, Arc<plan_lint_docx::ParagraphMap>)>> = Mutex::new(Vec::new());

/// The paragraph map of a source read from a Word document.
pub fn paragraph_map(source: &Source) -> Option<Arc<plan_lint_docx::ParagraphMap>> {
    let maps = PARAGRAPHS.lock().unwrap_or_else(|e| e.into_inner());
    maps.iter()
        .rev()
        .find(|(name, _)| name == source.name())
        .map(|(_, map)| map.clone())
}

/// Where `byte` of a source read from a Word document is: paragraph and
/// character. `None` for text input.
pub fn paragraph_at(source: &Source, byte: usize) -> Option<plan_lint_docx::Location> {
    paragraph_map(source)?.locate(source.text(), byte)
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
    let source = Source::new(name.clone(), docx.text().to_string());
    let mut maps = PARAGRAPHS.lock().unwrap_or_else(|e| e.into_inner());
    maps.push((name, Arc::new(docx.paragraphs().clone())));
    drop(maps);
    Ok((source, docx))
}
