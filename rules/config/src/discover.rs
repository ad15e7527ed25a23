//! Finding files: the `plan-lint.toml` that applies to a document, and the
//! documents under the folders named on a command line.

use std::fmt;
use std::path::{Path, PathBuf};

/// The configuration file looked for, from each document's folder upwards.
pub const CONFIG_FILE: &str = "plan-lint.toml";

/// The file extensions taken when a folder is walked.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "plan", "docx", "pdf"];

/// The nearest `plan-lint.toml` from `start` (a file or folder) upwards.
pub fn config_file(start: &Path) -> Option<PathBuf> {
    let start = if start.is_dir() {
        start.to_path_buf()
    } else {
        start.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let start = std::path::absolute(&start).unwrap_or(start);
    start
        .ancestors()
        .map(|dir| dir.join(CONFIG_FILE))
        .find(|candidate| candidate.is_file())
}

/// Why the documents could not be listed. Always names the file or folder.
#[derive(Debug)]
pub enum DiscoveryError {
    Unreadable {
        path: PathBuf,
        error: std::io::Error,
    },
    NoDocuments {
        dir: PathBuf,
    },
}

impl fmt::Display for DiscoveryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DiscoveryError::Unreadable { path, error } => {
                write!(f, "{}: cannot read: {error}", path.display())
            }
            DiscoveryError::NoDocuments { dir } => write!(
                f,
                "{}: no documents found (looked for {} files)",
                dir.display(),
                DOCUMENT_EXTENSIONS
                    .iter()
                    .map(|e| format!(".{e}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

impl std::error::Error for DiscoveryError {}

/// The documents named by command-line operands: files as given, folders
/// walked recursively (sorted; hidden files and Word's `~$` lock files
/// skipped), `-` (standard input) as is.
pub fn documents(operands: &[PathBuf]) -> Result<Vec<PathBuf>, DiscoveryError> {
    let mut out = Vec::new();
    for operand in operands {
        if operand.as_os_str() == "-" {
            out.push(operand.clone());
            continue;
        }
        let meta = std::fs::metadata(operand).map_err(|error| DiscoveryError::Unreadable {
            path: operand.clone(),
            error,
        })?;
        if meta.is_dir() {
            let before = out.len();
            walk(operand, &mut out)?;
            if out.len() == before {
                return Err(DiscoveryError::NoDocuments {
                    dir: operand.clone(),
                });
            }
        } else {
            out.push(operand.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), DiscoveryError> {
    let unreadable = |error| DiscoveryError::Unreadable {
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
