//! `plan-lint tasks`: the 任务分工表 of plans as CSV or JSON, built by
//! [`plan_lint_core::tasklist::task_table`].

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use plan_lint_core::tasklist::{TaskRow, task_table};
use plan_lint_core::{Reading, Source};

use crate::fail;

#[derive(Args)]
pub struct TasksArgs {
    /// Files or directories (walked for .txt, .plan, .docx and .pdf files); `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TasksFormat::Csv)]
    format: TasksFormat,
    /// Write to this file (atomically: a temporary file renamed into place).
    #[arg(short = 'o', long)]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum TasksFormat {
    Csv,
    Json,
}

/// The column headers, in Chinese as a 督查室 circulates them.
pub const HEADERS: [&str; 7] = [
    "序号",
    "任务",
    "目标",
    "牵头单位",
    "配合单位",
    "完成时限",
    "位置",
];

pub fn run(args: &TasksArgs) -> ExitCode {
    let sources = match crate::read_documents(&args.paths) {
        Ok(sources) => sources,
        Err(code) => return code,
    };
    let tables: Vec<(&Source, Vec<TaskRow>)> = sources
        .iter()
        .map(|s| (s, task_table(&Reading::new(s))))
        .collect();
    let bytes = match args.format {
        TasksFormat::Csv => to_csv(&tables).into_bytes(),
        TasksFormat::Json => {
            let mut s = serde_json::to_string_pretty(&to_json(&tables)).expect("JSON");
            s.push('\n');
            s.into_bytes()
        }
    };
    match &args.output {
        Some(path) => match write_atomically(path, &bytes) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(format!("{}: {e}", path.display())),
        },
        None => {
            let _ = std::io::stdout().lock().write_all(&bytes);
            ExitCode::SUCCESS
        }
    }
}

/// Writes `bytes` next to `path` and renames into place: on any error the
/// old file (or none) stays, never a half-written one.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "tasks".into(), |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&temp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&temp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// The cells of a row, in the order of [`HEADERS`].
pub fn cells(source: &Source, row: &TaskRow) -> [String; 7] {
    [
        row.number.clone(),
        row.title.clone(),
        row.targets.join("；"),
        row.leads.join("、"),
        row.collaborating.join("、"),
        row.deadline.clone().unwrap_or_default(),
        format!("{}:{}", source.name(), source.line_of(row.span.start) + 1),
    ]
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn to_csv(tables: &[(&Source, Vec<TaskRow>)]) -> String {
    let mut out = HEADERS.join(",");
    out.push('\n');
    for (source, rows) in tables {
        for row in rows {
            let line: Vec<String> = cells(source, row).iter().map(|c| csv_field(c)).collect();
            out.push_str(&line.join(","));
            out.push('\n');
        }
    }
    out
}

fn to_json(tables: &[(&Source, Vec<TaskRow>)]) -> serde_json::Value {
    let files: Vec<serde_json::Value> = tables
        .iter()
        .map(|(source, rows)| {
            let tasks: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "number": r.number,
                        "title": r.title,
                        "targets": r.targets,
                        "leads": r.leads,
                        "collaborating": r.collaborating,
                        "deadline": r.deadline,
                        "line": source.line_of(r.span.start) + 1,
                    })
                })
                .collect();
            serde_json::json!({ "file": source.name(), "tasks": tasks })
        })
        .collect();
    serde_json::Value::Array(files)
}
