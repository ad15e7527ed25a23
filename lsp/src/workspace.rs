//! Configuration and baselines as the server sees them: the nearest
//! `plan-lint.toml` of each document with its packs, the last good
//! configuration kept when a file breaks, and the baseline file next to it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use plan_lint_config::baseline::{Baseline, Entry};
use plan_lint_config::config::{LoadError, Resolved};
use plan_lint_config::discover::CONFIG_FILE;
use plan_lint_config::pack::PackRequest;
use plan_lint_config::resolve::{Request, Resolver};

/// The baseline file the server reads and writes ("ignore this here").
pub const BASELINE_FILE: &str = "plan-lint-baseline.json";

/// A configuration or pack that could not be loaded: where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file at fault (the configuration, or a pack file it names).
    pub file: PathBuf,
    /// Its text, to place the error in the client's position encoding.
    pub text: Option<String>,
    /// Byte span in `text`, when the error has a place.
    pub span: Option<std::ops::Range<usize>>,
    pub message: String,
    /// The configuration file whose loading failed.
    pub config: PathBuf,
}

impl Problem {
    fn new(config: &Path, error: &LoadError) -> Problem {
        match error {
            LoadError::Config(e) => Problem {
                file: PathBuf::from(&e.file),
                text: e.text.clone(),
                // The place where the error starts.
                span: e.span.as_ref().map(|span| span.start..span.start),
                message: error.to_string(),
                config: config.to_path_buf(),
            },
            LoadError::Pack(e) => Problem {
                file: PathBuf::from(&e.file),
                text: e.text.clone(),
                span: e.span.clone(),
                message: format!("{}: {error}", config.display()),
                config: config.to_path_buf(),
            },
        }
    }
}

/// One configuration file's state.
struct Slot {
    /// The last configuration that loaded; the default one if none ever did.
    good: Arc<Resolved>,
}

/// Where a document's accepted findings are recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaselineTarget {
    /// `plan-lint-baseline.json` next to the nearest `plan-lint.toml`, or in
    /// the document's folder when there is none.
    pub path: PathBuf,
    /// The document's path relative to the baseline's folder, with `/`:
    /// the name `plan-lint check --write-baseline` records when run from
    /// that folder on relative paths.
    pub file: String,
}

/// Everything the server resolved about configuration.
pub struct Workspace {
    /// Resolves configuration files, with the packs the client chose
    /// (`initializationOptions.packs`, the VS Code setting `planLint.packs`):
    /// they replace the configuration's, as `--pack` does on the command
    /// line.
    resolver: Resolver,
    default: Arc<Resolved>,
    configs: HashMap<PathBuf, Slot>,
    /// Nearest configuration file of each document folder.
    discovered: HashMap<PathBuf, Option<PathBuf>>,
    baselines: HashMap<PathBuf, Result<Arc<Baseline>, String>>,
}

/// The configuration a document is linted with.
pub struct DocumentConfig {
    pub resolved: Arc<Resolved>,
    pub baseline: Option<BaselineTarget>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace::new()
    }
}

impl Workspace {
    pub fn new() -> Workspace {
        let mut resolver = Resolver::new(Request::default());
        let default = resolver
            .resolve(None)
            .expect("the built-in default packs load");
        Workspace {
            resolver,
            default,
            configs: HashMap::new(),
            discovered: HashMap::new(),
            baselines: HashMap::new(),
        }
    }

    /// Uses the packs the client chose. A pack that does not load is
    /// reported and the previous choice is kept.
    pub fn set_client_packs(&mut self, packs: Vec<PackRequest>) -> Result<(), LoadError> {
        let mut resolver = Resolver::new(Request {
            packs,
            ..Request::default()
        });
        self.default = resolver.resolve(None)?;
        self.resolver = resolver;
        self.configs.clear();
        Ok(())
    }

    /// The configuration for a document (`None` for a document that is not
    /// a file), and the problem met if its configuration had to be loaded
    /// now and failed.
    pub fn config_for(&mut self, document: Option<&Path>) -> (DocumentConfig, Option<Problem>) {
        let Some(document) = document else {
            return (
                DocumentConfig {
                    resolved: self.default.clone(),
                    baseline: None,
                },
                None,
            );
        };
        let folder = document.parent().map(Path::to_path_buf).unwrap_or_default();
        let file = self
            .discovered
            .entry(folder.clone())
            .or_insert_with(|| self.resolver.config_file(document))
            .clone();
        let mut problem = None;
        let resolved = match &file {
            None => self.default.clone(),
            Some(path) => {
                if !self.configs.contains_key(path) {
                    let (slot, p) = self.load(path, None);
                    problem = p;
                    self.configs.insert(path.clone(), slot);
                }
                self.configs[path].good.clone()
            }
        };
        let dir = file
            .as_ref()
            .and_then(|f| f.parent())
            .map_or(folder, Path::to_path_buf);
        let relative = document.strip_prefix(&dir).unwrap_or(document);
        let baseline = BaselineTarget {
            path: dir.join(BASELINE_FILE),
            file: relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
        };
        (
            DocumentConfig {
                resolved,
                baseline: Some(baseline),
            },
            problem,
        )
    }

    fn load(&mut self, path: &Path, last_good: Option<Arc<Resolved>>) -> (Slot, Option<Problem>) {
        match self.resolver.resolve(Some(path)) {
            Ok(resolved) => (Slot { good: resolved }, None),
            Err(e) => {
                let problem = Problem::new(path, &e);
                (
                    Slot {
                        good: last_good.unwrap_or_else(|| self.default.clone()),
                    },
                    Some(problem),
                )
            }
        }
    }

    /// Reloads every configuration and baseline (a watched file or the
    /// client's settings changed). Returns the configuration files that
    /// loaded and the problems of those that did not, which keep their last
    /// good configuration.
    pub fn reload(&mut self) -> (Vec<PathBuf>, Vec<Problem>) {
        self.discovered.clear();
        self.baselines.clear();
        self.resolver.forget();
        let paths: Vec<PathBuf> = self.configs.keys().cloned().collect();
        let mut fine = Vec::new();
        let mut problems = Vec::new();
        for path in paths {
            if !path.is_file() {
                // Gone: documents will discover another one (or none).
                self.configs.remove(&path);
                fine.push(path);
                continue;
            }
            let last = self.configs.get(&path).map(|s| s.good.clone());
            let (slot, problem) = self.load(&path, last);
            match problem {
                Some(p) => problems.push(p),
                None => fine.push(path.clone()),
            }
            self.configs.insert(path, slot);
        }
        (fine, problems)
    }

    /// The baseline at `path` (empty when the file does not exist). A
    /// broken file is an error once (`Err(Some(message))`), then `Err(None)`
    /// until the next reload, so it is reported once, not on every edit.
    pub fn baseline(&mut self, path: &Path) -> Result<Arc<Baseline>, Option<String>> {
        if let Some(b) = self.baselines.get(path) {
            return b.clone().map_err(|_| None);
        }
        let loaded = if path.is_file() {
            Baseline::load(path).map(Arc::new)
        } else {
            Ok(Arc::new(Baseline::default()))
        };
        self.baselines.insert(path.to_path_buf(), loaded.clone());
        loaded.map_err(Some)
    }

    /// Records one more accepted finding in the baseline file, written
    /// atomically; the document is never touched.
    pub fn add_to_baseline(&mut self, path: &Path, entry: Entry) -> Result<usize, String> {
        let mut baseline = if path.is_file() {
            Baseline::load(path)?
        } else {
            Baseline {
                version: Baseline::VERSION,
                entries: Vec::new(),
            }
        };
        let key = Entry { count: 1, ..entry };
        match baseline.entries.iter_mut().find(|e| {
            Entry {
                count: 1,
                ..(*e).clone()
            } == key
        }) {
            Some(existing) => existing.count += 1,
            None => baseline.entries.push(key),
        }
        baseline.entries.sort();
        baseline.save(path)?;
        let total = baseline.entries.iter().map(|e| e.count).sum();
        self.baselines
            .insert(path.to_path_buf(), Ok(Arc::new(baseline)));
        Ok(total)
    }
}

/// Whether a changed file can change what is linted: a configuration, a
/// pack (any TOML file) or a baseline.
pub fn is_watched(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name == CONFIG_FILE || name == BASELINE_FILE || name.ends_with(".toml")
}
