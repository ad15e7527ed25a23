//! `plan-lint.toml`: which rules run, at what severity, on which files.
//!
//! ```toml
//! select = ["T", "R1", "duplicate-unit"]   # default: every rule
//! ignore = ["F104"]
//!
//! [severity]
//! T102 = "error"
//!
//! [per-file-ignores]
//! "drafts/*.txt" = ["S101"]
//! ```
//!
//! and `accept = ["衡南"]`: words and names slip (W104) never reports
//! (see [`crate::accept`]).
//!
//! Every mistake (bad TOML, an unknown key, rule or severity) is an error
//! naming the file, line and column and the valid choices.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use toml::Spanned;

use plan_lint_rules::diagnostic::Severity;
use plan_lint_rules::rule::{Rule, Settings};
use plan_lint_rules::select::{Selector, UnknownRule, enabled_rules_in};

use crate::error::FileError;
use crate::pack::{self, DEFAULT_PACKS, PackError, PackRequest, Packs};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    set: Vec<Spanned<RawSet>>,
    #[serde(default)]
    select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    per_file_ignores: BTreeMap<String, Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    pack: Vec<Spanned<String>>,
    /// Words and names slip (W104) never reports, added to the packs'.
    #[serde(default)]
    accept: Vec<String>,
    /// The plan the documents implement (`plan-lint check --implements`),
    /// relative to the configuration's folder.
    #[serde(default)]
    implements: Option<String>,
}

/// A mistake in a configuration file, at its place.
pub type ConfigError = FileError;

/// Why a configuration could not be used: the file itself, or a pack it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    Config(ConfigError),
    Pack(PackError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Config(e) => e.fmt(f),
            LoadError::Pack(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for LoadError {}

/// A configuration's own mistake; a pack's is wrapped by hand
/// ([`LoadError::Pack`]), the two being the same type.
impl From<ConfigError> for LoadError {
    fn from(e: ConfigError) -> Self {
        LoadError::Config(e)
    }
}

/// A configuration file as read (or the default when there is none).
/// [`Config::resolve`] loads its packs and checks its rule names.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The folder of the configuration file: per-file globs and pack paths
    /// are relative to it.
    pub root: PathBuf,
    pub path: Option<PathBuf>,
    text: String,
    raw: RawConfig,
}

/// `[[set]]`: files checked as one document, the main plan first.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSet {
    files: Vec<Spanned<String>>,
}

/// A plan set of the configuration: its files, the main plan first, as
/// paths relative to the configuration's folder resolved against it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetSpec {
    pub files: Vec<PathBuf>,
}

/// A configuration with its packs loaded: what runs on which file.
pub struct Resolved {
    pub root: PathBuf,
    /// `implements = "…"`: the superior plan, resolved against the
    /// configuration's folder.
    pub implements: Option<PathBuf>,
    /// Built-in rules and the packs' custom rules.
    pub universe: Vec<Arc<dyn Rule>>,
    pub select: Vec<Selector>,
    pub ignore: Vec<Selector>,
    per_file_ignores: Vec<(GlobMatcher, Vec<Selector>)>,
    pub packs: Packs,
    pub settings: Settings,
    /// The plan sets of `[[set]]`.
    pub sets: Vec<SetSpec>,
}

impl Config {
    /// Reads a configuration file and checks its syntax and keys.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            file: path.display().to_string(),
            text: None,
            span: None,
            message: format!("cannot read: {e}"),
        })?;
        Config::parse(&text, path)
    }

    /// Parses configuration text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| ConfigError {
            file: path.display().to_string(),
            text: Some(text.to_string()),
            span: e.span(),
            message: e.message().trim().to_string(),
        })?;
        Ok(Config {
            root: path.parent().map(Path::to_path_buf).unwrap_or_default(),
            path: Some(path.to_path_buf()),
            text: text.to_string(),
            raw,
        })
    }

    fn error_at(&self, span: Range<usize>, message: String) -> ConfigError {
        ConfigError {
            file: self.path.clone().unwrap_or_default().display().to_string(),
            text: Some(self.text.clone()),
            span: Some(span),
            message,
        }
    }

    /// The plan sets (`[[set]]` with its `files`, the main plan first). A
    /// set of fewer than two files, or a file named twice (in one set or in
    /// two: a file is read as part of one document), is an error at its
    /// place.
    pub fn sets(&self) -> Result<Vec<SetSpec>, ConfigError> {
        let mut sets: Vec<SetSpec> = Vec::with_capacity(self.raw.set.len());
        for set in &self.raw.set {
            let files = &set.get_ref().files;
            if files.len() < 2 {
                return Err(self.error_at(
                    set.span(),
                    "a [[set]] needs two files or more: the main plan first, then its attachments"
                        .to_string(),
                ));
            }
            let mut paths: Vec<PathBuf> = Vec::with_capacity(files.len());
            for file in files {
                let path = self.root.join(file.get_ref());
                if paths.contains(&path) {
                    return Err(self.error_at(
                        file.span(),
                        format!("`{}` is named twice in this [[set]]", file.get_ref()),
                    ));
                }
                if sets.iter().any(|s| s.files.contains(&path)) {
                    return Err(self.error_at(
                        file.span(),
                        format!(
                            "`{}` is already in another [[set]]: a file belongs to one set",
                            file.get_ref()
                        ),
                    ));
                }
                paths.push(path);
            }
            sets.push(SetSpec { files: paths });
        }
        Ok(sets)
    }

    /// The packs this configuration asks for (or the default packs).
    pub fn pack_requests(&self) -> Vec<PackRequest> {
        if self.raw.pack.is_empty() {
            return DEFAULT_PACKS
                .iter()
                .map(|n| PackRequest::Name(n.to_string()))
                .collect();
        }
        self.raw
            .pack
            .iter()
            .map(|p| PackRequest::parse(p.get_ref(), &self.root))
            .collect()
    }

    /// Loads the packs (`packs` from the command line replace the file's)
    /// and checks every rule name against the built-in and pack rules.
    pub fn resolve(&self, cli_packs: &[PackRequest]) -> Result<Resolved, LoadError> {
        let requests = if cli_packs.is_empty() {
            self.pack_requests()
        } else {
            cli_packs.to_vec()
        };
        let packs = pack::load(&requests).map_err(LoadError::Pack)?;
        let universe = packs.universe();
        let selectors = |list: &[Spanned<String>]| -> Result<Vec<Selector>, ConfigError> {
            list.iter()
                .map(|s| {
                    Selector::parse_in(s.get_ref(), &universe)
                        .map_err(|e| self.error_at(s.span(), e.to_string()))
                })
                .collect()
        };
        let select = selectors(&self.raw.select)?;
        let ignore = selectors(&self.raw.ignore)?;
        let mut settings = packs.settings.clone();
        for (rule, severity) in &self.raw.severity {
            let Some(found) = universe.iter().find(|r| {
                r.meta().code.eq_ignore_ascii_case(rule) || r.meta().name == rule.as_str()
            }) else {
                let e = UnknownRule::among(rule.clone(), &universe);
                return Err(self
                    .error_at(severity.span(), format!("in [severity]: {e}"))
                    .into());
            };
            let Some(level) = Severity::parse(severity.get_ref()) else {
                return Err(self
                    .error_at(
                        severity.span(),
                        format!(
                            "unknown severity `{}` for {}: expected one of error, warning, info",
                            severity.get_ref(),
                            rule
                        ),
                    )
                    .into());
            };
            settings
                .severities
                .insert(found.meta().code.to_string(), level);
        }
        let accepted: Vec<&str> = self.raw.accept.iter().map(|w| w.trim()).collect();
        if !accepted.is_empty() {
            let option = settings
                .options
                .entry(crate::accept::RULE.to_string())
                .or_default()
                .entry("accept".to_string())
                .or_default();
            for word in accepted.into_iter().filter(|w| !w.is_empty()) {
                if !option.is_empty() {
                    option.push(',');
                }
                option.push_str(word);
            }
        }
        let mut per_file_ignores = Vec::new();
        for (pattern, rules) in &self.raw.per_file_ignores {
            let glob = Glob::new(pattern).map_err(|e| {
                self.error_at(
                    rules.span(),
                    format!("invalid glob `{pattern}` in [per-file-ignores]: {e}"),
                )
            })?;
            per_file_ignores.push((glob.compile_matcher(), selectors(rules.get_ref())?));
        }
        let sets = self.sets()?;
        Ok(Resolved {
            root: self.root.clone(),
            implements: self.raw.implements.as_ref().map(|p| self.root.join(p)),
            universe,
            select,
            ignore,
            per_file_ignores,
            packs,
            settings,
            sets,
        })
    }
}

impl Resolved {
    /// Parses command-line selectors against this configuration's rules.
    pub fn selectors(&self, list: &[String]) -> Result<Vec<Selector>, UnknownRule> {
        list.iter()
            .filter(|s| !s.trim().is_empty())
            .map(|s| Selector::parse_in(s, &self.universe))
            .collect()
    }

    /// The rules that run on `file`, with command-line selectors applied:
    /// a command-line `select` replaces the file's, `ignore` adds to it. A
    /// rule a pack turned off runs only when selected by its exact code or
    /// name.
    pub fn rules_for(
        &self,
        file: &Path,
        cli_select: &[Selector],
        cli_ignore: &[Selector],
    ) -> Vec<Arc<dyn Rule>> {
        let select = if cli_select.is_empty() {
            &self.select
        } else {
            cli_select
        };
        let mut ignore: Vec<Selector> = self.ignore.iter().chain(cli_ignore).cloned().collect();
        let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let relative = absolute.strip_prefix(&self.root).unwrap_or(file);
        for (glob, selectors) in &self.per_file_ignores {
            if glob.is_match(relative) || glob.is_match(file) {
                ignore.extend(selectors.iter().cloned());
            }
        }
        let named_exactly = |rule: &dyn Rule| {
            select.iter().any(|s| match s {
                Selector::Code(code) => *code == rule.meta().code,
                Selector::Name(name) => *name == rule.meta().name,
                Selector::All => false,
            })
        };
        enabled_rules_in(&self.universe, select, &ignore)
            .into_iter()
            .filter(|rule| {
                self.packs.enabled.get(&*rule.meta().code) != Some(&false)
                    || named_exactly(rule.as_ref())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Resolved, LoadError> {
        Config::parse(text, Path::new("plan-lint.toml"))?.resolve(&[])
    }

    fn config_error(text: &str) -> ConfigError {
        match parse(text) {
            Err(LoadError::Config(e)) => e,
            Err(e) => panic!("expected a configuration error, got {e}"),
            Ok(_) => panic!("expected a configuration error"),
        }
    }

    #[test]
    fn sets_name_their_files_from_the_configuration_folder() {
        let config = Config::parse(
            "[[set]]\nfiles = [\"总体方案.docx\", \"附件1.docx\", \"附件2.docx\"]\n[[set]]\nfiles = [\"b/plan.txt\", \"b/附件.txt\"]\n",
            Path::new("plans/plan-lint.toml"),
        )
        .unwrap();
        let sets = config.sets().unwrap();
        assert_eq!(sets.len(), 2);
        assert_eq!(
            sets[0].files,
            [
                Path::new("plans/总体方案.docx"),
                Path::new("plans/附件1.docx"),
                Path::new("plans/附件2.docx")
            ]
        );
        assert_eq!(sets[1].files[1], Path::new("plans/b/附件.txt"));
        assert!(
            Config::parse("", Path::new("plan-lint.toml"))
                .unwrap()
                .sets()
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn a_set_of_one_file_or_with_a_file_twice_is_an_error_at_its_place() {
        let one = Config::parse(
            "[[set]]\nfiles = [\"plan.txt\"]\n",
            Path::new("plan-lint.toml"),
        )
        .unwrap()
        .sets()
        .unwrap_err();
        assert!(one.message.contains("two files"), "{one}");
        let twice = Config::parse(
            "[[set]]\nfiles = [\"plan.txt\",\n  \"plan.txt\"]\n",
            Path::new("plan-lint.toml"),
        )
        .unwrap()
        .sets()
        .unwrap_err();
        assert_eq!(twice.line_col(), Some((3, 3)), "{twice}");
        let two_sets = config_error(
            "[[set]]\nfiles = [\"a.txt\", \"b.txt\"]\n[[set]]\nfiles = [\"c.txt\", \"b.txt\"]\n",
        );
        assert_eq!(two_sets.line_col(), Some((4, 19)), "{two_sets}");
        assert!(two_sets.message.contains("another [[set]]"), "{two_sets}");
        let unknown = Config::parse(
            "[[set]]\nfile = [\"a\", \"b\"]\n",
            Path::new("plan-lint.toml"),
        );
        assert!(unknown.is_err());
    }

    #[test]
    fn a_full_configuration() {
        let config = parse(
            "select = [\"T\", \"duplicate-unit\"]\nignore = [\"T103\"]\n[severity]\nT102 = \"error\"\n[per-file-ignores]\n\"drafts/*.txt\" = [\"S101\"]\n",
        )
        .unwrap();
        let codes: Vec<_> = config
            .rules_for(Path::new("a.txt"), &[], &[])
            .iter()
            .map(|r| r.meta().code.to_string())
            .collect();
        assert_eq!(codes, ["T101", "T102", "R102"]);
        assert_eq!(config.settings.severities["T102"], Severity::Error);
    }

    #[test]
    fn an_unknown_rule_names_its_place_and_the_choices() {
        let e = config_error("select = [\"T\",\n  \"X999\"]\n");
        assert_eq!(e.line_col(), Some((2, 3)));
        assert!(
            e.message.contains("X999") && e.message.contains("T101"),
            "{e}"
        );
    }

    #[test]
    fn an_unknown_key_is_an_error_at_its_line() {
        let e = config_error("select = []\nselct = [\"T\"]\n");
        assert_eq!(e.line_col().map(|(line, _)| line), Some(2));
        assert!(
            e.message.contains("selct") && e.message.contains("select"),
            "{e}"
        );
    }

    #[test]
    fn an_unknown_severity_lists_the_valid_ones() {
        let e = config_error("[severity]\nT101 = \"fatal\"\n");
        assert_eq!(e.line_col().map(|(line, _)| line), Some(2));
        assert!(e.message.contains("error, warning, info"), "{e}");
    }

    #[test]
    fn broken_toml_points_at_the_problem() {
        let e = config_error("select = [\"T\"\n");
        assert!(e.line_col().is_some(), "{e}");
    }
}
