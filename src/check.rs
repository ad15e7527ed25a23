//! `plan-lint check`: lint documents and report.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;

use clap::{Args, ValueEnum};

use plan_lint_rules::baseline::{self, Baseline};
use plan_lint_rules::config::{Config, LoadError, Resolved};
use plan_lint_rules::diagnostic::Severity;
use plan_lint_rules::engine;
use plan_lint_rules::pack::PackRequest;
use plan_lint_rules::rule::Rule;
use plan_lint_rules::rule::Settings;
use plan_lint_rules::select::enabled_rules_in;
use plan_lint_rules::{Document, Source};

use crate::render::{self, Report};
use crate::{fail, fail_pack, input};

#[derive(Args)]
pub struct CheckArgs {
    /// Files or directories (walked for .txt, .plan and .docx files); `-` reads standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Full)]
    pub format: Format,
    /// Rules to enable: codes, code prefixes (T, R1) or names; comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Rules to disable: codes, code prefixes or names; comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Exit with 1 when a diagnostic at or above this severity is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// Print the number of diagnostics per rule after the report.
    #[arg(long)]
    pub statistics: bool,
    /// Use this configuration file instead of the nearest plan-lint.toml.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Ignore every plan-lint.toml.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Hide the diagnostics recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Rule packs to use instead of the configuration's: built-in names
    /// (national, hunan, example) or paths to pack files or folders.
    #[arg(long = "pack", value_name = "PACK")]
    pub packs: Vec<String>,
    /// Record the current diagnostics in this baseline file (and exit 0).
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Full,
    Concise,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

pub fn run(args: &CheckArgs) -> ExitCode {
    let files = match input::expand(&args.paths) {
        Ok(files) => files,
        Err(e) => return fail(e),
    };
    let cli_packs: Vec<PackRequest> = args
        .packs
        .iter()
        .map(|p| PackRequest::parse(p, Path::new(".")))
        .collect();
    let explicit = match &args.config {
        Some(path) => match Config::load(path) {
            Ok(config) => Some(config),
            Err(e) => return fail(e),
        },
        None => None,
    };
    // One configuration per file: the explicit one, else the nearest, each
    // resolved (packs loaded, rule names checked) once.
    let mut resolved: HashMap<Option<PathBuf>, Rc<Resolved>> = HashMap::new();
    let mut plans: Vec<(Vec<&'static dyn Rule>, Settings)> = Vec::with_capacity(files.len());
    let mut universe: Vec<&'static dyn Rule> = Vec::new();
    for file in &files {
        let config = if let Some(config) = &explicit {
            config.clone()
        } else if args.no_config {
            Config::default()
        } else {
            let start = if file.as_os_str() == "-" {
                Path::new(".")
            } else {
                file.as_path()
            };
            match Config::discover(start) {
                Some(path) => match Config::load(&path) {
                    Ok(config) => config,
                    Err(e) => return fail(e),
                },
                None => Config::default(),
            }
        };
        let key = config.path.clone();
        let resolution = match resolved.get(&key) {
            Some(r) => r.clone(),
            None => match config.resolve(&cli_packs) {
                Ok(r) => {
                    let r = Rc::new(r);
                    resolved.insert(key, r.clone());
                    r
                }
                Err(LoadError::Pack(e)) => return fail_pack(&e),
                Err(e) => return fail(e),
            },
        };
        let (select, ignore) = match (
            resolution.selectors(&args.select),
            resolution.selectors(&args.ignore),
        ) {
            (Ok(s), Ok(i)) => (s, i),
            (Err(e), _) | (_, Err(e)) => return fail(e),
        };
        for rule in enabled_rules_in(&resolution.universe, &select, &ignore) {
            if !universe.iter().any(|r| r.meta().code == rule.meta().code) {
                universe.push(rule);
            }
        }
        plans.push((
            resolution.rules_for(file, &select, &ignore),
            resolution.settings.clone(),
        ));
    }
    let mut sources: Vec<Source> = Vec::with_capacity(files.len());
    for file in &files {
        match input::read(file) {
            Ok(source) => sources.push(source),
            Err(e) => return fail(e),
        }
    }

    // Files are independent: lint them in parallel, keep the input order.
    let diagnostics: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = sources
            .iter()
            .zip(&plans)
            .map(|(source, (rules, settings))| {
                scope.spawn(move || {
                    let doc = Document::parse(source);
                    engine::run(rules, source, &doc, settings)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("linting a document does not panic"))
            .collect()
    });
    let mut reports: Vec<Report<'_>> = sources
        .iter()
        .zip(diagnostics)
        .map(|(source, diagnostics)| Report {
            source,
            diagnostics,
        })
        .collect();

    if let Some(path) = &args.write_baseline {
        let entries = reports.iter().flat_map(|r| {
            r.diagnostics
                .iter()
                .map(|d| baseline::entry_for(r.source.name(), r.source, d))
        });
        let baseline = Baseline::from_entries(entries);
        let recorded: usize = baseline.entries.iter().map(|e| e.count).sum();
        if let Err(e) = baseline.save(path) {
            return fail(e);
        }
        eprintln!(
            "plan-lint: recorded {recorded} diagnostic(s) in {}",
            path.display()
        );
        return ExitCode::SUCCESS;
    }
    let mut hidden = 0;
    if let Some(path) = &args.baseline {
        let baseline = match Baseline::load(path) {
            Ok(baseline) => baseline,
            Err(e) => return fail(e),
        };
        let mut filter = baseline.filter();
        for report in &mut reports {
            let source = report.source;
            report
                .diagnostics
                .retain(|d| !filter.hides(&baseline::entry_for(source.name(), source, d)));
        }
        hidden = filter.hidden;
    }

    let mut out = std::io::stdout().lock();
    let _ = match args.format {
        Format::Full => write!(out, "{}", render::full(&reports, render::colour_stdout())),
        Format::Concise => write!(out, "{}", render::concise(&reports)),
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&render::json(&reports)).expect("JSON")
        ),
        Format::Sarif => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&render::sarif(&reports, &universe)).expect("JSON")
        ),
        Format::Github => write!(out, "{}", render::github(&reports)),
    };
    let total: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    if args.statistics {
        let _ = write!(out, "{}", render::statistics(&reports));
    }
    if matches!(args.format, Format::Full | Format::Concise) || hidden > 0 {
        let baselined = if hidden > 0 {
            format!(", {hidden} hidden by the baseline")
        } else {
            String::new()
        };
        let _ = writeln!(
            std::io::stderr(),
            "plan-lint: {total} diagnostic(s) in {} file(s){baselined}",
            reports.len()
        );
    }
    let failed = args.fail_on.threshold().is_some_and(|threshold| {
        reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .any(|d| d.severity >= threshold)
    });
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
