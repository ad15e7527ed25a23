//! plan-lint in the browser: the engine of `plan-lint check` behind a
//! small API for the static page in `web/page/` (see `scripts/build-web.sh`).
//!
//! Everything here is plain Rust that the host tests exercise; the
//! `wasm_bindgen` exports at the end (compiled for `wasm32` only) are thin
//! wrappers. Results go to JavaScript as JSON text, positions as UTF-16
//! offsets into the text (what a JavaScript string counts) together with
//! the 1-based line and character column `plan-lint check --format json`
//! gives. Nothing here reads files, spawns threads or touches the network.

use std::path::Path;

use serde::Deserialize;
use serde_json::{Value, json};

use plan_lint_config::pack::{BUILTIN, PackRequest};
use plan_lint_config::resolve::{ConfigChoice, Request, Resolver, Setup};
use plan_lint_core::model::{Document, SectionId, UnitRole};
use plan_lint_core::{Reading, Source, Span};
use plan_lint_docx::Docx;
use plan_lint_docx::review::{Outline, comment_text};
use plan_lint_rules::diagnostic::{Diagnostic, Severity};
use plan_lint_rules::engine;

/// The document's name when the page has none to give (pasted text).
const DOCUMENT: &str = "document.txt";

/// What the page asks for: a built-in pack and the rules it turned off.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Options {
    /// A built-in pack (`national`, `hunan`); empty: the default.
    pub pack: String,
    /// Codes of rules turned off.
    pub ignore: Vec<String>,
    /// The name of the file the text was opened from (empty: pasted
    /// text). The rules that read a file's origin need it: the text of a
    /// dropped .docx is checked as `plan-lint check` checks the .docx.
    pub name: String,
    /// For the annotated .docx: the lowest severity written as a comment
    /// (`info`, `warning`, `error`; empty: every diagnostic).
    pub min_severity: String,
    /// For the annotated .docx: the comments' date, in seconds since
    /// 1970-01-01 UTC (the page's clock: the standard library has none in
    /// a browser); none: the clock of the host (tests).
    pub now: Option<i64>,
}

impl Options {
    /// Options from the page's JSON (`{}` or empty: the defaults).
    pub fn parse(json: &str) -> Result<Options, String> {
        if json.trim().is_empty() {
            return Ok(Options::default());
        }
        serde_json::from_str(json).map_err(|e| format!("选项无效: {e}"))
    }

    /// The rules and settings a document is linted with: the pack (no
    /// `plan-lint.toml`: a page has none) with the page's rules turned off.
    fn setup(&self) -> Result<Setup, String> {
        let packs = if self.pack.is_empty() {
            Vec::new()
        } else {
            vec![PackRequest::Name(self.pack.clone())]
        };
        let request = Request {
            config: ConfigChoice::Ignore,
            packs,
            select: Vec::new(),
            ignore: self.ignore.clone(),
        };
        Resolver::new(request)
            .setup(Path::new(self.document_name()))
            .map_err(|e| e.to_string())
    }

    fn document_name(&self) -> &str {
        if self.name.is_empty() {
            DOCUMENT
        } else {
            &self.name
        }
    }
}

/// Byte offsets of a text to UTF-16 offsets (what the page counts).
struct Utf16 {
    /// The UTF-16 offset of each line's start.
    line_starts: Vec<usize>,
}

impl Utf16 {
    fn new(text: &str) -> Utf16 {
        let mut line_starts = vec![0];
        let mut units = 0;
        for c in text.chars() {
            units += c.len_utf16();
            if c == '\n' {
                line_starts.push(units);
            }
        }
        Utf16 { line_starts }
    }

    /// `{"start", "end", "line", "column"}` of a span: UTF-16 offsets and
    /// the 1-based line and character column of its start.
    fn span(&self, source: &Source, span: Span) -> Value {
        let start = source.position(span.start);
        let end = source.position(span.end);
        json!({
            "start": self.line_starts[start.line] + start.utf16,
            "end": self.line_starts[end.line] + end.utf16,
            "line": start.line + 1,
            "column": start.character + 1,
        })
    }
}

/// Adds the fields of `place` (a span's JSON object) to `object`.
fn merged(mut object: Value, place: Value) -> Value {
    if let (Some(object), Value::Object(place)) = (object.as_object_mut(), place) {
        object.extend(place);
    }
    object
}

/// A diagnostic as the page shows it.
fn diagnostic_json(source: &Source, index: &Utf16, d: &Diagnostic) -> Value {
    let related: Vec<Value> = d
        .related
        .iter()
        .map(|r| merged(json!({"message": r.message}), index.span(source, r.span)))
        .collect();
    let fix = d.fix.as_ref().map(|fix| {
        let edits: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| {
                merged(
                    json!({"replacement": e.replacement}),
                    index.span(source, e.span),
                )
            })
            .collect();
        json!({"message": fix.message, "edits": edits})
    });
    merged(
        json!({
            "code": d.code,
            "rule": d.rule,
            "severity": d.severity.as_str(),
            "message": d.message,
            "related": related,
            "fix": fix,
        }),
        index.span(source, d.span),
    )
}

/// The heading tree and the 任务分工 (each task's units), positions in the
/// original text.
fn outline_json(source: &Source, reading: &Reading, index: &Utf16) -> Value {
    let doc: &Document = &reading.doc;
    let view = reading.view.source();
    let place = |span: Span| index.span(source, reading.to_original(span));
    fn section(
        doc: &Document,
        id: SectionId,
        view: &Source,
        place: &dyn Fn(Span) -> Value,
    ) -> Value {
        let s = &doc.sections[id];
        let children: Vec<Value> = s
            .children
            .iter()
            .map(|&c| section(doc, c, view, place))
            .collect();
        merged(
            json!({
                "marker": view.slice(s.marker_span).unwrap_or(""),
                "title": s.title,
                "depth": s.depth,
                "children": children,
            }),
            place(s.title_span),
        )
    }
    let sections: Vec<Value> = doc
        .roots
        .iter()
        .map(|&id| section(doc, id, view, &place))
        .collect();
    let names = |r: &plan_lint_core::model::Responsibility, role: UnitRole| -> Vec<String> {
        r.units_with(role).map(|u| u.name.clone()).collect()
    };
    let tasks: Vec<Value> = doc
        .tasks
        .iter()
        .filter_map(|t| {
            let r = t.responsibility.as_ref()?;
            let text: String = view
                .slice(t.span)
                .unwrap_or("")
                .lines()
                .next()
                .unwrap_or("")
                .chars()
                .take(40)
                .collect();
            Some(merged(
                json!({
                    "text": text,
                    "lead": names(r, UnitRole::Lead),
                    "responsible": names(r, UnitRole::Responsible),
                    "collaborating": names(r, UnitRole::Collaborating),
                }),
                place(t.span),
            ))
        })
        .collect();
    let attachments: Vec<Value> = doc
        .attachments
        .iter()
        .map(|a| {
            let title = a.title.as_ref().map(|t| t.text.clone());
            merged(
                json!({"ordinal": a.ordinal, "title": title}),
                place(a.label_span),
            )
        })
        .collect();
    json!({
        "title": doc.title.as_ref().map(|t| t.text.clone()),
        "sections": sections,
        "attachments": attachments,
        "tasks": tasks,
    })
}

/// Lints `source` with `setup`: the diagnostics in document order and the
/// reading they came from.
fn lint(source: &Source, setup: &Setup) -> (Reading, Vec<Diagnostic>) {
    let reading = Reading::new(source);
    let diagnostics = engine::run(&setup.rules, &reading, source, &setup.resolved.settings);
    (reading, diagnostics)
}

/// Checks a text: `{"diagnostics": […], "outline": {…}}`, or
/// `{"error": "…"}` when the options are wrong.
pub fn check(text: &str, options: &str) -> String {
    let result = Options::parse(options).and_then(|options| {
        options.setup().map(|setup| {
            let source = Source::new(options.document_name(), text.to_string());
            let (reading, diagnostics) = lint(&source, &setup);
            let index = Utf16::new(source.text());
            let list: Vec<Value> = diagnostics
                .iter()
                .map(|d| diagnostic_json(&source, &index, d))
                .collect();
            json!({
                "diagnostics": list,
                "outline": outline_json(&source, &reading, &index),
            })
        })
    });
    to_json(result)
}

fn to_json(result: Result<Value, String>) -> String {
    match result {
        Ok(value) => value.to_string(),
        Err(error) => json!({ "error": error }).to_string(),
    }
}

/// The text of a dropped file: a Word document's text as `plan-lint
/// extract` gives it, or a text file decoded as `plan-lint check` decodes
/// it (UTF-8, UTF-16 with BOM, GB18030). `{"text", "docx": bool}` or
/// `{"error"}`.
pub fn read_file(bytes: &[u8], name: &str) -> String {
    let extension = Path::new(name).extension().and_then(|e| e.to_str());
    let result = if plan_lint_docx::is_office_file(bytes) {
        Docx::from_bytes(bytes.to_vec(), extension)
            .map(|docx| json!({"text": docx.text(), "docx": true}))
            .map_err(|e| format!("{name}: {e}"))
    } else {
        Source::from_bytes(name, bytes)
            .map(|source| json!({"text": source.text(), "docx": false}))
            .map_err(|e| e.to_string())
    };
    to_json(result)
}

/// A Word document with a comment (批注) on each diagnostic, as `plan-lint
/// annotate` writes it: the bytes of the copy, or why it cannot be made.
pub fn annotate(bytes: &[u8], name: &str, options: &str) -> Result<Vec<u8>, String> {
    let options = Options::parse(options)?;
    let threshold = match options.min_severity.as_str() {
        "" => Severity::Info,
        other => Severity::parse(other).ok_or_else(|| format!("未知的严重程度: {other}"))?,
    };
    let setup = options.setup()?;
    let extension = Path::new(name).extension().and_then(|e| e.to_str());
    let docx = Docx::from_bytes(bytes.to_vec(), extension).map_err(|e| format!("{name}: {e}"))?;
    let source = Source::new(name, docx.text().to_string());
    let (reading, diagnostics) = lint(&source, &setup);
    let outline = Outline::new(&source, &reading);
    let comments: Vec<plan_lint_docx::Comment> = diagnostics
        .iter()
        .filter(|d| d.severity >= threshold)
        .map(|d| {
            let text = comment_text(&source, docx.paragraphs(), &outline, d);
            plan_lint_docx::Comment::new(d.span.start..d.span.end, text)
        })
        .collect();
    match options.now {
        Some(now) => docx.annotate_at(&comments, now),
        None => docx.annotate(&comments),
    }
    .map_err(|e| format!("{name}: {e}"))
}

/// The packs the page offers: `[{"name", "description"}]`.
pub fn packs() -> String {
    let list: Vec<Value> = BUILTIN
        .iter()
        .map(|(name, _, text)| {
            // The pack's own `description = "…"` line, without a TOML
            // parser here (the packs are the repository's own files).
            let description = text
                .lines()
                .find_map(|l| l.strip_prefix("description"))
                .and_then(|l| l.split('"').nth(1))
                .unwrap_or("");
            json!({"name": name, "description": description})
        })
        .collect();
    Value::Array(list).to_string()
}

/// The rules a pack knows: `[{"code", "name", "severity", "summary",
/// "doc"}]` (severity as the pack sets it), or `{"error"}`.
pub fn rules(options: &str) -> String {
    let result = Options::parse(options)
        .map(|o| Options {
            ignore: Vec::new(),
            ..o
        })
        .and_then(|o| o.setup())
        .map(|setup| {
            let list: Vec<Value> = setup
                .resolved
                .universe
                .iter()
                .map(|rule| {
                    let meta = rule.meta();
                    let severity = setup
                        .resolved
                        .settings
                        .severities
                        .get(meta.code.as_ref())
                        .copied()
                        .unwrap_or(meta.default_severity);
                    let on = setup.rules.iter().any(|r| r.meta().code == meta.code);
                    json!({
                        "code": meta.code,
                        "name": meta.name,
                        "severity": severity.as_str(),
                        "summary": meta.summary,
                        "doc": meta.doc,
                        "on": on,
                    })
                })
                .collect();
            Value::Array(list)
        });
    to_json(result)
}

#[cfg(target_arch = "wasm32")]
mod bindings {
    //! The exports the page's worker calls (`wasm_bindgen.check(…)`).
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    pub fn check(text: &str, options: &str) -> String {
        super::check(text, options)
    }

    #[wasm_bindgen]
    pub fn read_file(bytes: &[u8], name: &str) -> String {
        super::read_file(bytes, name)
    }

    #[wasm_bindgen]
    pub fn annotate(bytes: &[u8], name: &str, options: &str) -> Result<Vec<u8>, JsError> {
        super::annotate(bytes, name, options).map_err(|e| JsError::new(&e))
    }

    #[wasm_bindgen]
    pub fn packs() -> String {
        super::packs()
    }

    #[wasm_bindgen]
    pub fn rules(options: &str) -> String {
        super::rules(options)
    }
}

#[cfg(test)]
mod tests;
