//! `plan-lint check`: lint documents and report.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, ValueEnum};

use plan_lint_config::baseline::{self, Baseline};
use plan_lint_config::config::LoadError;
use plan_lint_config::discover;
use plan_lint_config::resolve::{ResolveError, Resolver, Setup};
use plan_lint_core::Reading;
use plan_lint_rules::diagnostic::{Diagnostic, Severity};
use plan_lint_rules::engine;
use plan_lint_rules::rule::Rule;
use plan_lint_rules::select::enabled_rules_in;

use crate::input::{self, Input};
use crate::places::Outline;
use crate::render::{self, Report};
use crate::rule_args::RuleArgs;
use crate::{fail, fail_pack};

#[derive(Args)]
pub struct CheckArgs {
    /// Files or directories (walked for .txt, .plan, .docx and .pdf files); `-` reads standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Full)]
    pub format: Format,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Exit with 1 when a diagnostic at or above this severity is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// Print the number of diagnostics per rule after the report.
    #[arg(long)]
    pub statistics: bool,
    /// Hide the diagnostics recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current diagnostics in this baseline file (and exit 0).
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
    /// The file name standard input (`-`) is checked under: shown in
    /// messages and read by the rules that consider a file's origin (an
    /// editor's buffer, the text of a .docx).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// The plan the documents implement (a province's plan for a city's):
    /// the I rules compare them with it. Else `implements` in plan-lint.toml.
    #[arg(long, value_name = "SUPERIOR")]
    pub implements: Option<PathBuf>,
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
    let mut files = match discover::documents(&args.paths) {
        Ok(files) => files,
        Err(e) => return fail(e),
    };
    // What each file is linted with; each configuration file is resolved
    // (packs loaded, rule names checked) once.
    let mut resolver = Resolver::new(args.rules.request());
    let mut setups: Vec<Setup> = Vec::with_capacity(files.len());
    // The plans the documents implement (--implements, `implements`).
    let superiors = &crate::implements::Superiors::new(args.implements.as_deref());
    // The rules the command line asked for, for SARIF's rule list.
    let mut universe: Vec<Arc<dyn Rule>> = Vec::new();
    for file in &files {
        let setup = match resolver.setup(file) {
            Ok(setup) => setup,
            Err(ResolveError::Load(LoadError::Pack(e))) => return fail_pack(&e),
            Err(e) => return fail(e),
        };
        for rule in enabled_rules_in(&setup.resolved.universe, &setup.select, &setup.ignore) {
            if !universe.iter().any(|r| r.meta().code == rule.meta().code) {
                universe.push(rule);
            }
        }
        if let Err(e) = superiors.load(&setup) {
            return fail(e);
        }
        setups.push(setup);
    }
    // Plan sets: files read as one document (members the command line did
    // not name are added).
    let config_groups = match crate::sets::groups(&mut files, &mut setups, &mut resolver) {
        Ok(groups) => groups,
        Err(ResolveError::Load(LoadError::Pack(e))) => return fail_pack(&e),
        Err(e) => return fail(e),
    };
    let mut inputs: Vec<Input> = Vec::with_capacity(files.len());
    for file in &files {
        match input::read_as(file, args.stdin_filename.as_deref()) {
            Ok(input) => inputs.push(input),
            Err(e) => return fail(e),
        }
    }

    // Files (and sets) are independent: lint them in parallel, keep the
    // input order.
    let sources: Vec<&plan_lint_core::Source> = inputs.iter().map(|i| &i.source).collect();
    let groups = crate::sets::recognise_sets(config_groups, &files, &sources);
    let mut diagnostics: Vec<(Vec<Diagnostic>, Option<Outline>)> = Vec::new();
    diagnostics.resize_with(files.len(), Default::default);
    std::thread::scope(|scope| {
        let (sources, setups, inputs) = (&sources, &setups, &inputs);
        let handles: Vec<_> = groups
            .iter()
            .map(|group| {
                scope.spawn(move || {
                    // A Word document's paragraphs are named by their headings.
                    let outline = |i: usize, reading: &Reading| {
                        inputs[i]
                            .paragraphs
                            .as_ref()
                            .map(|_| Outline::new(sources[i], reading))
                    };
                    if let [i] = group[..] {
                        let (source, setup) = (sources[i], &setups[i]);
                        let reading = Reading::new(source);
                        let found = engine::run_implementing(
                            &setup.rules,
                            &reading,
                            source,
                            &setup.resolved.settings,
                            superiors.of(setup).as_deref(),
                        );
                        return vec![(i, (found, outline(i, &reading)))];
                    }
                    let found = crate::sets::lint_set(group, sources, setups);
                    group
                        .iter()
                        .zip(found)
                        .map(|(&i, found)| {
                            let outline = inputs[i]
                                .paragraphs
                                .as_ref()
                                .and_then(|_| outline(i, &Reading::new(sources[i])));
                            (i, (found, outline))
                        })
                        .collect()
                })
            })
            .collect();
        for handle in handles {
            for (i, result) in handle.join().expect("linting a document does not panic") {
                diagnostics[i] = result;
            }
        }
    });
    let mut reports: Vec<Report<'_>> = inputs
        .iter()
        .zip(diagnostics)
        .map(|(input, (diagnostics, outline))| Report {
            source: &input.source,
            paragraphs: input.paragraphs.as_ref(),
            outline,
            pages: input.pages.as_ref(),
            diagnostics,
        })
        .collect();
    let kept = superiors.all();
    let shown = superiors.attach(&mut reports, &setups, &kept);

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
            reports.len() - shown
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
