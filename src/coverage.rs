//! `plan-lint coverage CITY --implements PROVINCE`: each task of the
//! superior plan and where the implementing plan takes it up, built by
//! [`plan_lint_core::coverage::coverage`].

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use plan_lint_core::coverage::{MATCHED, MUTUAL, Status, TaskCoverage, WEAK, counts, coverage};
use plan_lint_core::{Reading, Source};

use plan_lint_config::config::LoadError;
use plan_lint_config::resolve::{Request, ResolveError, Resolver};

use crate::{fail, fail_pack};

#[derive(Args)]
pub struct CoverageArgs {
    /// The implementing plan (a city's 实施方案): text, Word or PDF.
    document: PathBuf,
    /// The plan it implements (the province's); else `implements` in the
    /// document's plan-lint.toml.
    #[arg(long, value_name = "SUPERIOR")]
    implements: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CoverageFormat::Text)]
    format: CoverageFormat,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum CoverageFormat {
    Text,
    Json,
}

pub fn run(args: &CoverageArgs) -> ExitCode {
    let mut resolver = Resolver::new(Request::default());
    let setup = match resolver.setup(&args.document) {
        Ok(setup) => setup,
        Err(ResolveError::Load(LoadError::Pack(e))) => return fail_pack(&e),
        Err(e) => return fail(e),
    };
    let superior_path = match (&args.implements, &setup.resolved.implements) {
        (Some(path), _) => path.clone(),
        (None, Some(path)) => path.clone(),
        (None, None) => {
            return fail(format!(
                "{}: name the plan it implements with --implements FILE \
                 (or `implements = \"…\"` in plan-lint.toml)",
                args.document.display()
            ));
        }
    };
    let read = |path: &Path| crate::input::read(path).map(|i| i.source).map_err(fail);
    let (city, province) = match (read(&args.document), read(&superior_path)) {
        (Ok(c), Ok(p)) => (c, p),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let settings = &setup.resolved.settings;
    let report = coverage(
        &Reading::new(&province),
        &Reading::new(&city),
        &settings.deadline_words,
        &settings.target_words,
    );
    let out = match args.format {
        CoverageFormat::Text => to_text(&city, &province, &report),
        CoverageFormat::Json => {
            let mut s =
                serde_json::to_string_pretty(&to_json(&city, &province, &report)).expect("JSON");
            s.push('\n');
            s
        }
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::SUCCESS
}

fn summary(report: &[TaskCoverage]) -> String {
    let (matched, weak, dropped) = counts(report);
    format!(
        "{matched} of {} tasks taken up (score ≥ {MATCHED}), {weak} weak (≥ {WEAK}, or ≥ {MUTUAL} where task and place are each other's best), {dropped} not taken up",
        report.len()
    )
}

/// One line a task: number, title, status and score, and its place.
pub fn to_text(city: &Source, province: &Source, report: &[TaskCoverage]) -> String {
    let mut out = format!(
        "{} (its tasks, left) taken up in {} (right)\n",
        province.name(),
        city.name()
    );
    for t in report {
        let line = province.line_of(t.span.start) + 1;
        let mut s = format!(
            "L{line} {} {}  {} {:.3}",
            t.number,
            t.title,
            t.status.as_str(),
            t.score
        );
        if let Some(p) = &t.place {
            let at = city.line_of(p.heading.start) + 1;
            let lead = if t.status == Status::NotTakenUp {
                "nearest"
            } else {
                "→"
            };
            s.push_str(&format!("  {lead} L{at} {} {}", p.number, p.title));
        }
        if t.shared_targets > 0 {
            s.push_str(&format!(" (shared targets: {})", t.shared_targets));
        }
        out.push_str(&s);
        out.push('\n');
    }
    out.push_str(&summary(report));
    out.push('\n');
    out
}

pub fn to_json(city: &Source, province: &Source, report: &[TaskCoverage]) -> serde_json::Value {
    let (matched, weak, dropped) = counts(report);
    let tasks: Vec<serde_json::Value> = report
        .iter()
        .map(|t| {
            let place = t.place.as_ref().map(|p| {
                serde_json::json!({
                    "number": p.number,
                    "title": p.title,
                    "line": city.line_of(p.heading.start) + 1,
                    "end_line": city.line_of(p.span.end.saturating_sub(1).max(p.span.start)) + 1,
                })
            });
            serde_json::json!({
                "number": t.number,
                "title": t.title,
                "line": province.line_of(t.span.start) + 1,
                "deadline": t.deadline,
                "status": t.status,
                "score": t.score,
                "shared_targets": t.shared_targets,
                "place": place,
            })
        })
        .collect();
    serde_json::json!({
        "file": city.name(),
        "implements": province.name(),
        "thresholds": { "matched": MATCHED, "weak": WEAK, "mutual": MUTUAL },
        "summary": { "tasks": report.len(), "matched": matched, "weak": weak, "not_taken_up": dropped },
        "tasks": tasks,
    })
}
