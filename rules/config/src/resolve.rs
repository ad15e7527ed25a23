//! One way from a document to what it is linted with: the configuration
//! file that applies to it, read and resolved with its packs once, and the
//! rules that run on it. `plan-lint check`, `plan-lint annotate` and the
//! language server all go through [`Resolver`].

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use plan_lint_rules::rule::Rule;
use plan_lint_rules::select::{Selector, UnknownRule};

use crate::config::{Config, LoadError, Resolved};
use crate::discover;
use crate::pack::PackRequest;

/// Which `plan-lint.toml` applies to a document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ConfigChoice {
    /// The nearest one from the document's folder upwards.
    #[default]
    Nearest,
    /// This file, for every document (`--config FILE`).
    File(PathBuf),
    /// None: the defaults (`--no-config`).
    Ignore,
}

/// What a front end asks for besides its documents: the command line's
/// choices, or the editor's.
#[derive(Clone, Debug, Default)]
pub struct Request {
    pub config: ConfigChoice,
    /// Packs that replace the configuration's (`--pack`, the editor's packs).
    pub packs: Vec<PackRequest>,
    /// Rule selectors that replace the configuration's `select`.
    pub select: Vec<String>,
    /// Rule selectors added to the configuration's `ignore`.
    pub ignore: Vec<String>,
}

/// Why a document's configuration could not be resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResolveError {
    /// The configuration file or a pack it names is broken.
    Load(LoadError),
    /// A selector of the request matches no rule of the configuration.
    UnknownRule(UnknownRule),
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveError::Load(e) => e.fmt(f),
            ResolveError::UnknownRule(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ResolveError {}

/// What one document is linted with.
pub struct Setup {
    /// Its configuration: settings, packs and every rule they know.
    pub resolved: Arc<Resolved>,
    /// The rules that run on it.
    pub rules: Vec<Arc<dyn Rule>>,
    /// The request's selectors, as rules of this configuration.
    pub select: Vec<Selector>,
    pub ignore: Vec<Selector>,
}

/// Resolves documents' configurations for one request, each configuration
/// file once.
pub struct Resolver {
    request: Request,
    /// By configuration file (`None`: the defaults).
    resolved: HashMap<Option<PathBuf>, Arc<Resolved>>,
}

impl Resolver {
    pub fn new(request: Request) -> Resolver {
        Resolver {
            request,
            resolved: HashMap::new(),
        }
    }

    /// The configuration file that applies to `document` (`-`, standard
    /// input: the current folder's), or `None` for the defaults.
    pub fn config_file(&self, document: &Path) -> Option<PathBuf> {
        match &self.request.config {
            ConfigChoice::File(path) => Some(path.clone()),
            ConfigChoice::Ignore => None,
            ConfigChoice::Nearest => {
                let start = if document.as_os_str() == "-" {
                    Path::new(".")
                } else {
                    document
                };
                discover::config_file(start)
            }
        }
    }

    /// The configuration in `file` (`None`: the defaults), read, with the
    /// request's packs or its own loaded and its rule names checked. Each
    /// file is resolved once, until [`Resolver::forget`].
    pub fn resolve(&mut self, file: Option<&Path>) -> Result<Arc<Resolved>, LoadError> {
        let key = file.map(Path::to_path_buf);
        if let Some(resolved) = self.resolved.get(&key) {
            return Ok(resolved.clone());
        }
        let config = match file {
            Some(path) => Config::load(path)?,
            None => Config::default(),
        };
        let resolved = Arc::new(config.resolve(&self.request.packs)?);
        self.resolved.insert(key, resolved.clone());
        Ok(resolved)
    }

    /// Forgets every resolved configuration (the files changed).
    pub fn forget(&mut self) {
        self.resolved.clear();
    }

    /// Everything `document` is linted with: its configuration file,
    /// resolved, and the rules that run on it with the request's selectors
    /// applied.
    pub fn setup(&mut self, document: &Path) -> Result<Setup, ResolveError> {
        let file = self.config_file(document);
        let resolved = self.resolve(file.as_deref()).map_err(ResolveError::Load)?;
        let selectors = |list| resolved.selectors(list).map_err(ResolveError::UnknownRule);
        let select = selectors(&self.request.select)?;
        let ignore = selectors(&self.request.ignore)?;
        let rules = resolved.rules_for(document, &select, &ignore);
        Ok(Setup {
            resolved,
            rules,
            select,
            ignore,
        })
    }
}
