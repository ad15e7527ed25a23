//! `--implements` in `check`: the plan each document implements, read
//! once, handed to the rules, and shown where their related places point.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use plan_lint_config::resolve::Setup;
use plan_lint_rules::superior::{SUPERIOR_FILE, Superior};

use crate::render::Report;

/// The superior plans of one run, each file read once.
pub struct Superiors {
    /// The command line's `--implements`: every document's superior.
    cli: Option<PathBuf>,
    loaded: Mutex<Vec<(PathBuf, Arc<Superior>)>>,
}

impl Superiors {
    pub fn new(cli: Option<&Path>) -> Superiors {
        Superiors {
            cli: cli.map(Path::to_path_buf),
            loaded: Mutex::new(Vec::new()),
        }
    }

    /// `--implements`, else the configuration's `implements`.
    fn path(&self, setup: &Setup) -> Option<PathBuf> {
        self.cli
            .clone()
            .or_else(|| setup.resolved.implements.clone())
    }

    fn list(&self) -> std::sync::MutexGuard<'_, Vec<(PathBuf, Arc<Superior>)>> {
        self.loaded.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Reads the plan the document with `setup` implements, unless it was
    /// read already; an unreadable file is an input error.
    pub fn load(&self, setup: &Setup) -> Result<(), crate::input::InputError> {
        let Some(path) = self.path(setup) else {
            return Ok(());
        };
        if self.list().iter().any(|(p, _)| *p == path) {
            return Ok(());
        }
        let source = crate::input::read(&path)?.source;
        self.list().push((path, Arc::new(Superior::new(source))));
        Ok(())
    }

    /// The plan the document with `setup` implements, if one was read.
    pub fn of(&self, setup: &Setup) -> Option<Arc<Superior>> {
        let path = self.path(setup)?;
        self.list()
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, s)| s.clone())
    }

    /// Points the related places of each report that are in its superior
    /// plan (the report of the document with `setups[r]`) at that plan's
    /// report: the report of the file when it is checked too, else one
    /// appended, with no diagnostics of its own (`shown` keeps the plans
    /// those reports borrow). Returns how many reports were appended.
    pub fn attach<'a>(
        &self,
        reports: &mut Vec<Report<'a>>,
        setups: &[Setup],
        shown: &'a [Arc<Superior>],
    ) -> usize {
        let checked = reports.len();
        for r in 0..checked.min(setups.len()) {
            let points = reports[r]
                .diagnostics
                .iter()
                .flat_map(|d| &d.related)
                .any(|rel| rel.file == Some(SUPERIOR_FILE));
            let Some(superior) = self.of(&setups[r]).filter(|_| points) else {
                continue;
            };
            let name = superior.source.name();
            let index = match reports.iter().position(|rep| rep.source.name() == name) {
                Some(index) => index,
                None => {
                    let Some(kept) = shown.iter().find(|s| Arc::ptr_eq(s, &superior)) else {
                        continue;
                    };
                    reports.push(Report {
                        source: &kept.source,
                        paragraphs: None,
                        outline: None,
                        pages: None,
                        diagnostics: Vec::new(),
                    });
                    reports.len() - 1
                }
            };
            for rel in reports[r]
                .diagnostics
                .iter_mut()
                .flat_map(|d| &mut d.related)
                .filter(|rel| rel.file == Some(SUPERIOR_FILE))
            {
                rel.file = Some(index);
            }
        }
        reports.len() - checked
    }

    /// Every plan read, for [`Superiors::attach`] to borrow from.
    pub fn all(&self) -> Vec<Arc<Superior>> {
        self.list().iter().map(|(_, s)| s.clone()).collect()
    }
}
