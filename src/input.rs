//! Reading the documents named on the command line.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use plan_lint_rules::Source;
use plan_lint_rules::source::SourceError;

/// The file extensions taken when a directory is given.
const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "plan"];

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
            .is_some_and(|n| n.starts_with('.'));
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
    Source::from_bytes(name, &bytes).map_err(InputError::Undecodable)
}
