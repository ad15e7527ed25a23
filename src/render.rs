//! Rendering diagnostics: `full` (codespan-reporting), `concise`, `json`,
//! `sarif` and `github`. Renderers only format; they hold no rule logic.

use std::io::IsTerminal;
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config};
use serde::Serialize;
use serde_json::{Value, json};

use plan_lint_core::{Source, Span};
use plan_lint_docx::{Location, ParagraphMap};
use plan_lint_pdf::{PageMap, PagePlace};

use crate::places::{Outline, Places};
use plan_lint_docx::review::paragraph_words;
use plan_lint_rules::diagnostic::{Diagnostic, Related, Severity};
use plan_lint_rules::rule::Rule;

/// One document's diagnostics.
pub struct Report<'a> {
    pub source: &'a Source,
    /// For a Word document: where each paragraph is.
    pub paragraphs: Option<&'a ParagraphMap>,
    /// For a Word document: its headings, to name a paragraph by the
    /// heading it is under.
    pub outline: Option<Outline>,
    /// For a PDF: where each page starts.
    pub pages: Option<&'a PageMap>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report<'_> {
    /// For a Word document: the paragraph and character of `byte`.
    fn paragraph_at(&self, byte: usize) -> Option<Location> {
        self.paragraphs?.locate(self.source.text(), byte)
    }

    /// For a PDF: the page and line of `byte`.
    fn page_at(&self, byte: usize) -> Option<PagePlace> {
        self.pages?.locate(self.source.text(), byte)
    }

    /// How places of this document are named.
    fn places(&self) -> Places<'_> {
        match (self.paragraphs, &self.outline, self.pages) {
            (Some(map), Some(outline), _) => Places::Word { map, outline },
            (_, _, Some(pages)) => Places::Pdf(pages),
            _ => Places::Text,
        }
    }

    /// A message with its `第N行` named as the document's reader finds them.
    fn message(&self, message: &str) -> String {
        self.places().message(self.source, message)
    }

    /// For a Word document: the heading `byte` is under and its paragraph
    /// under that heading.
    fn word_place(&self, byte: usize) -> Option<crate::places::WordPlace> {
        self.outline
            .as_ref()?
            .word_place(self.source.text(), self.paragraphs?, byte)
    }
}

/// A 1-based line and 1-based column counted in characters.
#[derive(Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// The 1-based line and character column of a byte offset.
pub fn at(source: &Source, byte: usize) -> LineCol {
    let (line, column) = source.line_col_1based(byte);
    LineCol { line, column }
}

/// For a Word document or a PDF: the place of `byte` as words
/// (`第12段「…」第3字`, `第3页第12行`).
fn place_words(report: &Report<'_>, byte: usize) -> Option<String> {
    match report.paragraph_at(byte) {
        Some(p) => Some(paragraph_words(&p, report.word_place(byte).as_ref())),
        None => report.page_at(byte).map(|p| p.to_string()),
    }
}

/// The label of [`place_words`] in a `full` note.
fn place_label(report: &Report<'_>) -> &'static str {
    if report.paragraphs.is_some() {
        "段落"
    } else {
        "页"
    }
}

/// For a PDF: `{"page", "line"}` of `byte` (both 1-based; the line counted
/// on the page).
fn page_json(report: &Report<'_>, byte: usize) -> Option<Value> {
    report
        .page_at(byte)
        .map(|p| json!({"page": p.page, "line": p.line}))
}

/// For a Word document: `{"index", "column", "text"}` of the paragraph of
/// `byte` (1-based index and character; the paragraph's first characters).
fn paragraph_json(report: &Report<'_>, byte: usize) -> Option<Value> {
    let p = report.paragraph_at(byte)?;
    let mut value = json!({"index": p.paragraph, "column": p.column, "text": p.preview});
    if let Some(place) = report.word_place(byte) {
        value["under"] = json!(place.under);
        value["index_under"] = json!(place.index_under);
    }
    Some(value)
}

/// The report a related place is in (another file of a plan set, or the
/// diagnostic's own) and that file's id among `ids`.
fn related_report<'r, 'a>(
    reports: &'r [Report<'a>],
    own: &'r Report<'a>,
    related: &Related,
    ids: &[usize],
    own_id: usize,
) -> (&'r Report<'a>, usize) {
    match related.file.filter(|&f| f < reports.len()) {
        Some(f) => (&reports[f], ids[f]),
        None => (own, own_id),
    }
}

/// The report a related place is in: another file's of a plan set, or the
/// diagnostic's own.
fn related_in<'r, 'a>(
    reports: &'r [Report<'a>],
    own: &'r Report<'a>,
    related: &Related,
) -> &'r Report<'a> {
    related.file.and_then(|f| reports.get(f)).unwrap_or(own)
}

/// `full`: each diagnostic drawn with its source lines, the primary label
/// and a secondary label on every related place.
pub fn full(reports: &[Report<'_>], colour: bool) -> String {
    let mut files = SimpleFiles::new();
    let ids: Vec<usize> = reports
        .iter()
        .map(|r| files.add(r.source.name().to_string(), r.source.text().to_string()))
        .collect();
    let config = Config::default();
    let mut out = String::new();
    for (report, &file) in reports.iter().zip(&ids) {
        for d in &report.diagnostics {
            let severity = match d.severity {
                Severity::Error => CsSeverity::Error,
                Severity::Warning => CsSeverity::Warning,
                Severity::Info => CsSeverity::Note,
            };
            let mut labels = vec![Label::primary(file, d.span.start..d.span.end)];
            labels.extend(d.related.iter().map(|r| {
                let (other, id) = related_report(reports, report, r, &ids, file);
                Label::secondary(id, r.span.start..r.span.end)
                    .with_message(other.message(&r.message))
            }));
            let mut notes = Vec::new();
            if let Some(place) = place_words(report, d.span.start) {
                notes.push(format!("{}: {place}", place_label(report)));
            }
            for r in &d.related {
                let (other, _) = related_report(reports, report, r, &ids, file);
                if let Some(place) = place_words(other, r.span.start) {
                    let name = match r.file {
                        Some(_) => format!("{} ", other.source.name()),
                        None => String::new(),
                    };
                    notes.push(format!(
                        "相关: {name}{place}: {}",
                        other.message(&r.message)
                    ));
                }
            }
            if let Some(fix) = &d.fix {
                notes.push(format!("修复: {}", report.message(&fix.message)));
            }
            let diagnostic = CsDiagnostic::new(severity)
                .with_message(report.message(&d.message))
                .with_code(format!("{} {}", d.code, d.rule))
                .with_labels(labels)
                .with_notes(notes);
            let rendered = if colour {
                let mut buffer = term::termcolor::Buffer::ansi();
                let _ = term::emit_to_write_style(&mut buffer, &config, &files, &diagnostic);
                String::from_utf8_lossy(buffer.as_slice()).into_owned()
            } else {
                term::emit_into_string(&config, &files, &diagnostic).unwrap_or_default()
            };
            out.push_str(&rendered);
        }
    }
    out
}

/// Whether to colour `full` output: only on a terminal, and never with
/// `NO_COLOR` set.
pub fn colour_stdout() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// `concise`: `file:line:col: code [name] message`, one line each.
pub fn concise(reports: &[Report<'_>]) -> String {
    let mut out = String::new();
    for r in reports {
        for d in &r.diagnostics {
            let (line, col) = r.source.line_col_1based(d.span.start);
            let place = place_words(r, d.span.start)
                .map(|p| format!(" ({p})"))
                .unwrap_or_default();
            out.push_str(&format!(
                "{}:{line}:{col}: {} [{}] {}{place}\n",
                r.source.name(),
                d.code,
                d.rule,
                r.message(&d.message)
            ));
        }
    }
    out
}

fn span_json(source: &Source, span: Span) -> (LineCol, LineCol) {
    (at(source, span.start), at(source, span.end))
}

/// `json`: the contract for tools (see the README).
pub fn json(reports: &[Report<'_>]) -> Value {
    let mut all = Vec::new();
    for r in reports {
        for d in &r.diagnostics {
            let (start, end) = span_json(r.source, d.span);
            let related: Vec<Value> = d
                .related
                .iter()
                .map(|rel| {
                    let other = related_in(reports, r, rel);
                    let (start, end) = span_json(other.source, rel.span);
                    let mut related = json!({"file": other.source.name(), "start": start, "end": end, "message": other.message(&rel.message)});
                    if let Some(p) = paragraph_json(other, rel.span.start) {
                        related["paragraph"] = p;
                    }
                    if let Some(p) = page_json(other, rel.span.start) {
                        related["page"] = p;
                    }
                    related
                })
                .collect();
            let mut object = json!({
                "file": r.source.name(),
                "rule": d.rule,
                "code": d.code,
                "severity": d.severity.as_str(),
                "message": r.message(&d.message),
                "start": start,
                "end": end,
                "related": related,
            });
            if let Some(p) = paragraph_json(r, d.span.start) {
                object["paragraph"] = p;
            }
            if let Some(p) = page_json(r, d.span.start) {
                object["page"] = p;
            }
            if let Some(fix) = &d.fix {
                let edits: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        let (start, end) = span_json(r.source, e.span);
                        json!({"start": start, "end": end, "replacement": e.replacement})
                    })
                    .collect();
                object["fix"] = json!({"message": r.message(&fix.message), "edits": edits});
            }
            all.push(object);
        }
    }
    Value::Array(all)
}

/// `github`: workflow commands that annotate a pull request.
pub fn github(reports: &[Report<'_>]) -> String {
    let escape = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let escape_property = |s: &str| escape(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for r in reports {
        for d in &r.diagnostics {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let (start, end) = span_json(r.source, d.span);
            let mut message = match place_words(r, d.span.start) {
                Some(place) => format!("{} ({place})", r.message(&d.message)),
                None => r.message(&d.message),
            };
            // A related place in another file of a plan set: an annotation
            // marks one file, so the message names the other.
            for rel in d.related.iter().filter(|rel| rel.file.is_some()) {
                let other = related_in(reports, r, rel);
                let (line, column) = other.source.line_col_1based(rel.span.start);
                let place = place_words(other, rel.span.start)
                    .map(|p| format!(" {p}"))
                    .unwrap_or_default();
                message.push_str(&format!(
                    "\n相关: {}:{line}:{column}{place}: {}",
                    other.source.name(),
                    other.message(&rel.message)
                ));
            }
            out.push_str(&format!(
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                escape_property(r.source.name()),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&format!("{} {}", d.code, d.rule)),
                escape(&message)
            ));
        }
    }
    out
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn sarif_location(source: &Source, span: Span) -> Value {
    let (start, end) = span_json(source, span);
    json!({
        "physicalLocation": {
            "artifactLocation": {"uri": source.name().replace('\\', "/")},
            "region": {
                "startLine": start.line,
                "startColumn": start.column,
                "endLine": end.line,
                "endColumn": end.column,
            }
        }
    })
}

/// A rule's documentation as its author wrote it: the doc comment's lines
/// without the one space that follows `///` (which `#[doc]` keeps). A doc
/// not written as a doc comment (a pack's rule) is returned as it is.
pub fn doc_text(doc: &str) -> String {
    if !doc
        .lines()
        .all(|line| line.is_empty() || line.starts_with(' '))
    {
        return doc.to_string();
    }
    let mut out = String::with_capacity(doc.len());
    for line in doc.split_inclusive('\n') {
        out.push_str(line.strip_prefix(' ').unwrap_or(line));
    }
    out
}

/// `sarif`: SARIF 2.1.0 with the rules' docs and related locations.
/// Columns are counted in Unicode code points (`columnKind`).
pub fn sarif(reports: &[Report<'_>], rules: &[Arc<dyn Rule>]) -> Value {
    let rule_index = |code: &str| rules.iter().position(|r| r.meta().code == code);
    let driver_rules: Vec<Value> = rules
        .iter()
        .map(|r| {
            let m = r.meta();
            let doc = doc_text(&m.doc);
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": m.summary},
                "help": {"text": doc, "markdown": doc},
                "defaultConfiguration": {"level": sarif_level(m.default_severity)},
            })
        })
        .collect();
    let mut results = Vec::new();
    for r in reports {
        for d in &r.diagnostics {
            let related: Vec<Value> = d
                .related
                .iter()
                .enumerate()
                .map(|(i, rel)| {
                    let other = related_in(reports, r, rel);
                    let mut location = sarif_location(other.source, rel.span);
                    location["id"] = json!(i);
                    location["message"] = json!({"text": other.message(&rel.message)});
                    if let Some(p) = paragraph_json(other, rel.span.start) {
                        location["properties"] = json!({"paragraph": p});
                    }
                    if let Some(p) = page_json(other, rel.span.start) {
                        location["properties"] = json!({"page": p});
                    }
                    location
                })
                .collect();
            let mut result = json!({
                "ruleId": d.code,
                "level": sarif_level(d.severity),
                "message": {"text": r.message(&d.message)},
                "locations": [sarif_location(r.source, d.span)],
            });
            if let Some(i) = rule_index(&d.code) {
                result["ruleIndex"] = json!(i);
            }
            if let Some(p) = paragraph_json(r, d.span.start) {
                result["properties"] = json!({"paragraph": p});
            }
            if let Some(p) = page_json(r, d.span.start) {
                result["properties"] = json!({"page": p});
            }
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            if let Some(fix) = &d.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        let (start, end) = span_json(r.source, e.span);
                        json!({
                            "deletedRegion": {
                                "startLine": start.line, "startColumn": start.column,
                                "endLine": end.line, "endColumn": end.column,
                            },
                            "insertedContent": {"text": e.replacement},
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": {"text": r.message(&fix.message)},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": r.source.name().replace('\\', "/")},
                        "replacements": replacements,
                    }],
                }]);
            }
            results.push(result);
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "plan-lint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://example.invalid/plan-lint",
                "rules": driver_rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

/// `--statistics`: the number of diagnostics per rule, most first.
pub fn statistics(reports: &[Report<'_>]) -> String {
    let mut counts: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
    for r in reports {
        for d in &r.diagnostics {
            *counts.entry((&d.code, &d.rule)).or_default() += 1;
        }
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    rows.iter()
        .map(|((code, name), n)| format!("{n:>5}\t{code}\t[{name}]\n"))
        .collect()
}
