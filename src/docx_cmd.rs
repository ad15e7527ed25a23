//! `plan-lint extract` (the text plan-lint reads from a document) and
//! `plan-lint annotate` (a reviewed copy of a Word document, with each
//! diagnostic as a comment).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use plan_lint_config::config::LoadError;
use plan_lint_config::resolve::{ResolveError, Resolver};
use plan_lint_core::{Reading, Source};
use plan_lint_docx::review::{Outline, comment_text};
use plan_lint_rules::diagnostic::{Diagnostic, Severity};
use plan_lint_rules::engine;

use crate::rule_args::RuleArgs;
use crate::{fail, fail_pack, input};

#[derive(Args)]
pub struct ExtractArgs {
    /// A document (.docx, .pdf, .txt, .plan); `-` reads standard input.
    pub path: PathBuf,
}

#[derive(Args)]
pub struct AnnotateArgs {
    /// The Word document (.docx) to review.
    pub input: PathBuf,
    /// Where to write the reviewed copy (may be the input itself).
    #[arg(short, long, value_name = "OUT.docx")]
    pub output: PathBuf,
    /// Write a comment for each diagnostic at or above this severity.
    #[arg(long, value_enum, default_value_t = MinSeverity::Info)]
    pub min_severity: MinSeverity,
    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MinSeverity {
    Error,
    Warning,
    Info,
}

impl MinSeverity {
    fn severity(self) -> Severity {
        match self {
            MinSeverity::Error => Severity::Error,
            MinSeverity::Warning => Severity::Warning,
            MinSeverity::Info => Severity::Info,
        }
    }
}

/// `plan-lint extract FILE`: the text exactly as plan-lint reads it.
pub fn extract(args: &ExtractArgs) -> ExitCode {
    match input::read(&args.path) {
        Ok(input) => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(input.source.text().as_bytes());
            let _ = out.flush();
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// Lints `source` with the configuration that applies to `file`; with the
/// document's outline, to name paragraphs by their headings.
fn lint(
    args: &AnnotateArgs,
    file: &Path,
    source: &Source,
) -> Result<(Vec<Diagnostic>, Outline), ExitCode> {
    let setup = match Resolver::new(args.rules.request()).setup(file) {
        Ok(setup) => setup,
        Err(ResolveError::Load(LoadError::Pack(e))) => return Err(fail_pack(&e)),
        Err(e) => return Err(fail(e)),
    };
    let reading = Reading::new(source);
    let diagnostics = engine::run(&setup.rules, &reading, source, &setup.resolved.settings);
    Ok((diagnostics, Outline::new(source, &reading)))
}

/// `plan-lint annotate IN.docx -o OUT.docx`.
pub fn annotate(args: &AnnotateArgs) -> ExitCode {
    let (source, docx) = match input::read_docx(&args.input) {
        Ok(read) => read,
        Err(e) => return fail(e),
    };
    let (diagnostics, outline) = match lint(args, &args.input, &source) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let threshold = args.min_severity.severity();
    let (kept, left_out): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        diagnostics.iter().partition(|d| d.severity >= threshold);
    let comments: Vec<plan_lint_docx::Comment> = kept
        .iter()
        .map(|d| {
            let text = comment_text(&source, docx.paragraphs(), &outline, d);
            plan_lint_docx::Comment::new(d.span.start..d.span.end, text)
        })
        .collect();
    let bytes = match docx.annotate(&comments) {
        Ok(bytes) => bytes,
        Err(error) => {
            return fail(input::InputError::Docx {
                path: args.input.clone(),
                error,
            });
        }
    };
    if let Err(e) = plan_lint_docx::write_atomic(&args.output, &bytes) {
        return fail(format!("{}: cannot write: {e}", args.output.display()));
    }
    let below = if left_out.is_empty() {
        String::new()
    } else {
        format!(" ({} below --min-severity left out)", left_out.len())
    };
    eprintln!(
        "plan-lint: wrote {} comment(s) to {}{below}",
        comments.len(),
        args.output.display()
    );
    ExitCode::SUCCESS
}
