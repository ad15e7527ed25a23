//! `plan-lint tasks`: the 任务分工表 of plans as CSV, JSON or an Excel
//! workbook, built by [`plan_lint_core::tasklist::task_table`].

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use plan_lint_core::tasklist::{TaskRow, task_table};
use plan_lint_core::{Reading, Source};

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use plan_lint_config::config::LoadError;
use plan_lint_config::resolve::{Request, ResolveError, Resolver};

use crate::{fail, fail_pack};

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
    /// An Excel workbook as a 督查室 circulates it: one row per task, the
    /// header frozen, wrapped text in columns wide enough for Chinese.
    Xlsx,
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
    // The deadline words come from the packs of each document's
    // configuration (national.toml's `[tasks]` by default).
    let mut resolver = Resolver::new(Request::default());
    let mut tables: Vec<(&Source, Vec<TaskRow>)> = Vec::with_capacity(sources.len());
    for source in &sources {
        let setup = match resolver.setup(Path::new(source.name())) {
            Ok(setup) => setup,
            Err(ResolveError::Load(LoadError::Pack(e))) => return fail_pack(&e),
            Err(e) => return fail(e),
        };
        let words = &setup.resolved.settings.deadline_words;
        tables.push((source, task_table(&Reading::new(source), words)));
    }
    let bytes = match args.format {
        TasksFormat::Csv => to_csv(&tables).into_bytes(),
        TasksFormat::Xlsx => {
            if args.output.is_none() && std::io::stdout().is_terminal() {
                return fail(
                    "--format xlsx writes a workbook: name it with -o FILE.xlsx \
                     (or redirect standard output to a file)"
                        .to_string(),
                );
            }
            match to_xlsx(&tables) {
                Ok(bytes) => bytes,
                Err(e) => return fail(format!("cannot write the workbook: {e}")),
            }
        }
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

/// Column widths in Excel's units (one unit is about one Latin digit; a
/// Chinese character takes two): 序号, 任务, 目标, 牵头单位, 配合单位,
/// 完成时限, 位置.
const XLSX_WIDTHS: [f64; 7] = [14.0, 36.0, 36.0, 20.0, 30.0, 12.0, 22.0];

/// The height of one line of text in points (Excel's default row).
const XLSX_LINE: f64 = 15.0;

/// The lines `text` wraps to in a column `width` units wide: a Chinese
/// (full-width) character takes nearly two units, anything else one. Spreadsheet
/// programs do not size a row to its wrapped text when they open a file,
/// so the workbook states each row's height.
fn wrapped_lines(text: &str, width: f64) -> usize {
    let usable = (width - 1.0).max(1.0);
    text.split('\n')
        .map(|line| {
            let units: f64 = line
                .chars()
                .map(|c| if c.is_ascii() { 1.0 } else { 1.8 })
                .sum();
            ((units / usable).ceil() as usize).max(1)
        })
        .sum()
}

/// The table as an .xlsx workbook: one sheet 任务分工表, the header row
/// bold, frozen, repeated on every printed page and filterable, every cell
/// wrapped and aligned to the top, printed landscape one page wide.
fn to_xlsx(tables: &[(&Source, Vec<TaskRow>)]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("任务分工表")?;
    let border = FormatBorder::Thin;
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border(border);
    let cell = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(border);
    for (col, (title, width)) in HEADERS.iter().zip(XLSX_WIDTHS).enumerate() {
        let col = col as u16;
        sheet.set_column_width(col, width)?;
        sheet.write_string_with_format(0, col, *title, &header)?;
    }
    let mut row: u32 = 0;
    for (source, rows) in tables {
        for task in rows {
            row += 1;
            let texts = cells(source, task);
            let mut lines = 1;
            for (col, text) in texts.iter().enumerate() {
                sheet.write_string_with_format(row, col as u16, text, &cell)?;
                lines = lines.max(wrapped_lines(text, XLSX_WIDTHS[col]));
            }
            sheet.set_row_height(row, XLSX_LINE * lines as f64)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row, HEADERS.len() as u16 - 1)?;
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    workbook.save_to_buffer()
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
