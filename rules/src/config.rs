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
//! Every mistake (bad TOML, an unknown key, rule or severity) is an error
//! naming the file, line and column and the valid choices.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::rule::{Rule, Settings};
use crate::select::{Selector, enabled_rules};

/// The file name looked for, from each document's folder upwards.
pub const CONFIG_FILE: &str = "plan-lint.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    per_file_ignores: BTreeMap<String, Spanned<Vec<Spanned<String>>>>,
}

/// A configuration error at a place in the configuration file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column (in characters); 0 when there is no place.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path.display(), self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.path.display(),
                self.line,
                self.column,
                self.message
            )
        }
    }
}

impl std::error::Error for ConfigError {}

/// A loaded configuration.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The folder of the configuration file: per-file globs are relative to it.
    pub root: PathBuf,
    pub path: Option<PathBuf>,
    pub select: Vec<Selector>,
    pub ignore: Vec<Selector>,
    pub severities: HashMap<String, Severity>,
    per_file_ignores: Vec<(GlobMatcher, Vec<Selector>)>,
}

fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(text.len());
    let before = &text[..byte];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..byte].chars().count() + 1)
}

impl Config {
    /// Reads and validates a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            message: format!("cannot read: {e}"),
        })?;
        Config::parse(&text, path)
    }

    /// Parses configuration text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let error_at = |span: std::ops::Range<usize>, message: String| {
            let (line, column) = line_col(text, span.start);
            ConfigError {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let message = e.message().trim().to_string();
            match e.span() {
                Some(span) => error_at(span, message),
                None => ConfigError {
                    path: path.to_path_buf(),
                    line: 0,
                    column: 0,
                    message,
                },
            }
        })?;
        let selectors = |list: &[Spanned<String>]| -> Result<Vec<Selector>, ConfigError> {
            list.iter()
                .map(|s| {
                    Selector::parse(s.get_ref()).map_err(|e| error_at(s.span(), e.to_string()))
                })
                .collect()
        };
        let select = selectors(&raw.select)?;
        let ignore = selectors(&raw.ignore)?;
        let mut severities = HashMap::new();
        for (rule, severity) in &raw.severity {
            let Some(found) = crate::rules::find(rule) else {
                let e = crate::select::UnknownRule {
                    given: rule.clone(),
                };
                return Err(error_at(severity.span(), format!("in [severity]: {e}")));
            };
            let Some(level) = Severity::parse(severity.get_ref()) else {
                return Err(error_at(
                    severity.span(),
                    format!(
                        "unknown severity `{}` for {}: expected one of error, warning, info",
                        severity.get_ref(),
                        rule
                    ),
                ));
            };
            severities.insert(found.meta().code.to_string(), level);
        }
        let mut per_file_ignores = Vec::new();
        for (pattern, rules) in &raw.per_file_ignores {
            let glob = Glob::new(pattern).map_err(|e| {
                error_at(
                    rules.span(),
                    format!("invalid glob `{pattern}` in [per-file-ignores]: {e}"),
                )
            })?;
            per_file_ignores.push((glob.compile_matcher(), selectors(rules.get_ref())?));
        }
        Ok(Config {
            root: path.parent().map(Path::to_path_buf).unwrap_or_default(),
            path: Some(path.to_path_buf()),
            select,
            ignore,
            severities,
            per_file_ignores,
        })
    }

    /// Finds the nearest `plan-lint.toml` from `start` (a file or folder)
    /// upwards.
    pub fn discover(start: &Path) -> Option<PathBuf> {
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

    /// The rules that run on `file`, with command-line selectors applied:
    /// a command-line `select` replaces the file's, `ignore` adds to it.
    pub fn rules_for(
        &self,
        file: &Path,
        cli_select: &[Selector],
        cli_ignore: &[Selector],
    ) -> Vec<&'static dyn Rule> {
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
        enabled_rules(select, &ignore)
    }

    /// The settings rules run with under this configuration.
    pub fn settings(&self, base: &Settings) -> Settings {
        let mut settings = base.clone();
        settings.severities.extend(self.severities.clone());
        settings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("plan-lint.toml"))
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
            .map(|r| r.meta().code)
            .collect();
        assert_eq!(codes, ["T101", "T102", "R102"]);
        assert_eq!(config.severities["T102"], Severity::Error);
    }

    #[test]
    fn an_unknown_rule_names_its_place_and_the_choices() {
        let e = parse("select = [\"T\",\n  \"X999\"]\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
        assert!(
            e.message.contains("X999") && e.message.contains("T101"),
            "{e}"
        );
    }

    #[test]
    fn an_unknown_key_is_an_error_at_its_line() {
        let e = parse("select = []\nselct = [\"T\"]\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(
            e.message.contains("selct") && e.message.contains("select"),
            "{e}"
        );
    }

    #[test]
    fn an_unknown_severity_lists_the_valid_ones() {
        let e = parse("[severity]\nT101 = \"fatal\"\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("error, warning, info"), "{e}");
    }

    #[test]
    fn broken_toml_points_at_the_problem() {
        let e = parse("select = [\"T\"\n").unwrap_err();
        assert!(e.line >= 1, "{e}");
    }
}
