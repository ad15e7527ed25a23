//! The `plan-lint` command.

mod alloc;
mod check;
mod coverage;
mod docx_cmd;
mod implements;
mod input;
mod outline;
mod places;
mod render;
mod rule_args;
mod sets;
mod tasks;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use plan_lint_config::pack;
use plan_lint_core::Reading;

/// A linter and language server for Chinese government plan documents
/// (实施方案、总体方案、工作方案).
#[derive(Parser)]
#[command(name = "plan-lint", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint documents and report diagnostics.
    Check(check::CheckArgs),
    /// List every rule: code, name, default severity and what it finds.
    Rules {
        /// `text` (tab-separated) or `markdown` (the README's table).
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// List the built-in rule packs.
    Packs,
    /// Work with rule packs.
    #[command(subcommand)]
    Pack(PackCommand),
    /// Print the documentation of a rule (by code or name), of a group of
    /// rules (a code prefix: T, R1) or of every rule (ALL).
    Rule {
        /// A rule code (T101), name (conflicting-target), code prefix (T) or ALL.
        rule: String,
    },
    /// Run the language server over standard input and output.
    Lsp {
        /// Accepted for clients that pass it; standard I/O is the only transport.
        #[arg(long, hide = true)]
        stdio: bool,
    },
    /// Print the text exactly as plan-lint reads it (for a .docx: numbering
    /// rebuilt, one line per paragraph and per table cell).
    Extract(docx_cmd::ExtractArgs),
    /// Write a reviewed copy of a Word document: each diagnostic as a comment.
    Annotate(docx_cmd::AnnotateArgs),
    /// List every task (任务分工表): number, title, targets, lead and
    /// collaborating units, deadline; CSV or JSON.
    Tasks(tasks::TasksArgs),
    /// Each task of the plan a document implements and where the document
    /// takes it up (matched / weak / not taken up, with the score).
    Coverage(coverage::CoverageArgs),
    /// Print the heading tree, attachments, tasks and quantities of documents.
    Outline {
        /// Files or directories (walked for .txt, .plan, .docx and .pdf files); `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutlineFormat::Text)]
        format: OutlineFormat,
    },
}

#[derive(Subcommand)]
enum PackCommand {
    /// Validate pack files (and the packs they extend); exit 2 on the first error.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the pack format.
    Schema,
}

#[derive(Clone, Copy, ValueEnum)]
enum RulesFormat {
    Text,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutlineFormat {
    Text,
    Json,
}

/// Exit codes: 0 success, 1 findings, 2 usage, configuration or input error.
pub(crate) const EXIT_INPUT_ERROR: u8 = 2;

fn main() -> ExitCode {
    alloc::install();
    let cli = Cli::parse();
    match cli.command {
        Command::Outline { paths, format } => run_outline(&paths, format),
        Command::Check(args) => check::run(&args),
        Command::Tasks(args) => tasks::run(&args),
        Command::Coverage(args) => coverage::run(&args),
        Command::Extract(args) => docx_cmd::extract(&args),
        Command::Annotate(args) => docx_cmd::annotate(&args),
        Command::Lsp { .. } => plan_lint_lsp::run_stdio_blocking(),
        Command::Packs => {
            for (name, _, text) in pack::BUILTIN {
                match pack::parse(name, text) {
                    Ok(pack) => {
                        let extends: Vec<&str> =
                            pack.extends.iter().map(|e| e.get_ref().as_str()).collect();
                        let extends = if extends.is_empty() {
                            String::new()
                        } else {
                            format!(" (extends {})", extends.join(", "))
                        };
                        println!("{name}\t{}{extends}", pack.description);
                    }
                    Err(e) => return fail(e),
                }
            }
            ExitCode::SUCCESS
        }
        Command::Pack(PackCommand::Check { files }) => {
            for file in &files {
                let request = pack::PackRequest::Path(file.clone());
                match pack::load(&[request]) {
                    Ok(packs) => println!(
                        "{}: ok ({} custom rules; applies {})",
                        file.display(),
                        packs.custom_rules.len(),
                        packs.names.join(" → ")
                    ),
                    Err(e) => return fail_pack(&e),
                }
            }
            ExitCode::SUCCESS
        }
        Command::Pack(PackCommand::Schema) => {
            print!("{}", pack::json_schema());
            ExitCode::SUCCESS
        }
        Command::Rules {
            format: RulesFormat::Markdown,
        } => {
            print!("{}", plan_lint_rules::rules::catalogue_markdown());
            ExitCode::SUCCESS
        }
        Command::Rules {
            format: RulesFormat::Text,
        } => {
            let mut out = std::io::stdout().lock();
            for rule in plan_lint_rules::rules::ALL.iter() {
                let m = rule.meta();
                let _ = writeln!(
                    out,
                    "{}\t{:<28}\t{:<7}\t{}",
                    m.code, m.name, m.default_severity, m.summary
                );
            }
            ExitCode::SUCCESS
        }
        Command::Rule { rule } => rule_docs(&rule),
    }
}

/// `plan-lint rule SELECTOR`: the documentation of each rule the selector
/// names, in catalogue order, separated by a blank line.
fn rule_docs(selector: &str) -> ExitCode {
    use plan_lint_rules::select::Selector;
    let rules: Vec<_> = match plan_lint_rules::rules::find(selector) {
        Some(rule) => vec![rule.clone()],
        None => match Selector::parse(selector) {
            Ok(selector) => plan_lint_rules::select::enabled_rules(&[selector], &[]),
            Err(e) => return fail(e),
        },
    };
    let mut out = std::io::stdout().lock();
    for (i, rule) in rules.iter().enumerate() {
        let m = rule.meta();
        if i > 0 {
            let _ = writeln!(out);
        }
        let _ = writeln!(out, "# {} {} ({})\n", m.code, m.name, m.default_severity);
        let _ = writeln!(out, "{}", render::doc_text(&m.doc).trim_end());
        if !m.options.is_empty() {
            let _ = writeln!(
                out,
                "\n## Options (in a pack: [rules.{}] options = {{ … }})\n",
                m.code
            );
            for o in m.options {
                let _ = writeln!(out, "- `{}` = {}: {}", o.name, o.values.join(" | "), o.doc);
            }
        }
    }
    ExitCode::SUCCESS
}

/// Reports a broken pack, drawing the place with codespan-reporting.
pub(crate) fn fail_pack(error: &pack::PackError) -> ExitCode {
    use codespan_reporting::diagnostic::{Diagnostic, Label};
    use codespan_reporting::files::SimpleFile;
    use codespan_reporting::term;
    if let (Some(text), Some(span)) = (&error.text, &error.span) {
        let file = SimpleFile::new(error.file.as_str(), text.as_str());
        let diagnostic = Diagnostic::error()
            .with_message(format!("broken rule pack: {}", error.message))
            .with_labels(vec![Label::primary((), span.clone())]);
        let config = term::Config::default();
        if let Ok(rendered) = term::emit_into_string(&config, &file, &diagnostic) {
            eprint!("{rendered}");
        }
    }
    fail(error)
}

pub(crate) fn fail(error: impl std::fmt::Display) -> ExitCode {
    eprintln!("plan-lint: error: {error}");
    ExitCode::from(EXIT_INPUT_ERROR)
}

/// Every document under `paths`, read before any output: one bad input
/// fails the run (exit 2, naming it) before anything is printed.
pub(crate) fn read_documents(paths: &[PathBuf]) -> Result<Vec<plan_lint_core::Source>, ExitCode> {
    let files = plan_lint_config::discover::documents(paths).map_err(fail)?;
    files
        .iter()
        .map(|file| input::read(file).map(|input| input.source).map_err(fail))
        .collect()
}

fn run_outline(paths: &[PathBuf], format: OutlineFormat) -> ExitCode {
    let sources = match read_documents(paths) {
        Ok(sources) => sources,
        Err(code) => return code,
    };
    let mut out = std::io::stdout().lock();
    let mut json = Vec::new();
    for source in &sources {
        let reading = Reading::new(source);
        match format {
            OutlineFormat::Text => {
                let _ = write!(out, "{}", outline::to_text(source, &reading));
            }
            OutlineFormat::Json => json.push(outline::to_json(source, &reading)),
        }
    }
    if let OutlineFormat::Json = format {
        let value = if json.len() == 1 {
            json.pop().expect("one element")
        } else {
            serde_json::Value::Array(json)
        };
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&value).expect("JSON")
        );
    }
    ExitCode::SUCCESS
}
