//! Plan sets in the editor: the set an open file belongs to (a `[[set]]`
//! of its configuration, or a plan and the attachment files its 附件说明
//! lists, recognised in its folder as `plan-lint check DIR` does), and its
//! members' texts, open buffers winning over the files on disk.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use plan_lint_config::config::Resolved;
use plan_lint_core::Source;
use plan_lint_core::planset::recognise;

/// The members of a set, the main plan first, with the text each is linted
/// with, and which of them is the document being linted.
pub struct Members {
    pub paths: Vec<PathBuf>,
    pub sources: Vec<Arc<Source>>,
    pub me: usize,
}

/// What a folder's recognised sets were computed from: each plain-text
/// document's path, modification time and length.
type Listing = Vec<(PathBuf, Option<SystemTime>, u64)>;

/// The sets of a folder, each as its members' paths.
type Sets = Arc<Vec<Vec<PathBuf>>>;

/// The sets recognised in each folder, recomputed when its listing changes.
#[derive(Default)]
pub struct Folders {
    recognised: HashMap<PathBuf, (Listing, Sets)>,
}

/// The extensions the language server reads from disk (plain text).
const TEXT_EXTENSIONS: &[&str] = &["txt", "plan"];

fn is_text(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

impl Folders {
    /// The members of the set `path` is in, by path (main plan first), or
    /// `None` when it is in none.
    pub fn set_of(&mut self, path: &Path, config: &Resolved) -> Option<Vec<PathBuf>> {
        if let Some(spec) = config
            .sets
            .iter()
            .find(|s| s.files.iter().any(|f| same_file(f, path)))
        {
            return Some(spec.files.clone());
        }
        let folder = path.parent()?;
        let sets = self.recognised(folder)?;
        sets.iter()
            .find(|s| s.iter().any(|f| same_file(f, path)))
            .cloned()
    }

    /// The sets recognised among the plain-text documents of `folder`.
    fn recognised(&mut self, folder: &Path) -> Option<Sets> {
        let mut listing: Listing = std::fs::read_dir(folder)
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| is_text(p))
            .filter_map(|p| {
                let meta = std::fs::metadata(&p).ok().filter(|m| m.is_file())?;
                Some((p, meta.modified().ok(), meta.len()))
            })
            .collect();
        listing.sort();
        if let Some((seen, sets)) = self.recognised.get(folder)
            && *seen == listing
        {
            return Some(sets.clone());
        }
        let sources: Vec<(PathBuf, Source)> = listing
            .iter()
            .filter_map(|(p, _, _)| {
                let bytes = std::fs::read(p).ok()?;
                Source::from_bytes(p.display().to_string(), &bytes)
                    .ok()
                    .map(|s| (p.clone(), s))
            })
            .collect();
        let refs: Vec<&Source> = sources.iter().map(|(_, s)| s).collect();
        let sets: Vec<Vec<PathBuf>> = if refs.len() < 2 {
            Vec::new()
        } else {
            recognise(&refs)
                .into_iter()
                .map(|set| set.into_iter().map(|i| sources[i].0.clone()).collect())
                .collect()
        };
        let sets = Arc::new(sets);
        self.recognised
            .insert(folder.to_path_buf(), (listing, sets.clone()));
        Some(sets)
    }
}

/// The members' texts: `me`'s is `mine`, an open document's is its buffer
/// (`open`), any other is read from disk; a member that cannot be read as
/// text is left out. `None` when fewer than two remain.
pub fn members(
    paths: Vec<PathBuf>,
    me: &Path,
    mine: &Source,
    open: impl Fn(&Path) -> Option<Arc<Source>>,
) -> Option<Members> {
    let mut kept = Vec::with_capacity(paths.len());
    let mut sources = Vec::with_capacity(paths.len());
    let mut at = None;
    for path in paths {
        let name = path.display().to_string();
        let text = if same_file(&path, me) {
            at = Some(kept.len());
            Some(mine.text().to_string())
        } else if let Some(source) = open(&path) {
            Some(source.text().to_string())
        } else if is_text(&path) {
            std::fs::read(&path)
                .ok()
                .and_then(|bytes| Source::from_bytes(name.clone(), &bytes).ok())
                .map(|s| s.text().to_string())
        } else {
            None
        };
        if let Some(text) = text {
            sources.push(Arc::new(Source::new(name, text)));
            kept.push(path);
        }
    }
    let me = at?;
    (kept.len() >= 2).then_some(Members {
        paths: kept,
        sources,
        me,
    })
}
