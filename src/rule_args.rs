//! The flags `check` and `annotate` share: which configuration, packs and
//! rules apply.

use std::path::{Path, PathBuf};

use clap::Args;

use plan_lint_config::pack::PackRequest;
use plan_lint_config::resolve::{ConfigChoice, Request};

#[derive(Args)]
pub struct RuleArgs {
    /// Rules to enable: codes, code prefixes (T, R1) or names; comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Rules to disable: codes, code prefixes or names; comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Use this configuration file instead of the nearest plan-lint.toml.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Ignore every plan-lint.toml.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Rule packs to use instead of the configuration's: built-in names
    /// (national, hunan, example) or paths to pack files or folders.
    #[arg(long = "pack", value_name = "PACK")]
    pub packs: Vec<String>,
}

impl RuleArgs {
    /// What the flags ask of the configuration.
    pub fn request(&self) -> Request {
        let config = match (&self.config, self.no_config) {
            (Some(path), _) => ConfigChoice::File(path.clone()),
            (None, true) => ConfigChoice::Ignore,
            (None, false) => ConfigChoice::Nearest,
        };
        Request {
            config,
            packs: self
                .packs
                .iter()
                .map(|p| PackRequest::parse(p, Path::new(".")))
                .collect(),
            select: self.select.clone(),
            ignore: self.ignore.clone(),
        }
    }
}
