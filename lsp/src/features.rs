//! What the server answers from an [`Analysis`]: hover, the outline,
//! folding, code actions and navigation. Each reads the model and the
//! diagnostics; none knows a rule.

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    self as lsp, CodeAction, CodeActionKind, CodeActionOrCommand, Command, DocumentChanges,
    DocumentSymbol, FoldingRange, Hover, HoverContents, Location, MarkupContent, MarkupKind, OneOf,
    OptionalVersionedTextDocumentIdentifier, SymbolKind, TextDocumentEdit, TextEdit, Uri,
    WorkspaceEdit,
};

use plan_lint_config::discover::CONFIG_FILE;
use plan_lint_config::{accept, baseline};
use plan_lint_core::model::{Section, SectionId, Task};
use plan_lint_core::quantity::Value;
use plan_lint_core::source::ColumnUnit;
use plan_lint_core::{Source, Span, targets};
use plan_lint_rules::diagnostic::{Diagnostic, Edit};
use plan_lint_rules::units::unit_key;

use crate::analysis::Analysis;
use crate::convert;

/// The command behind "ignore this here": records a diagnostic in the
/// baseline file.
pub const IGNORE_COMMAND: &str = "plan-lint.ignore";

/// The command behind "add to accepted words": adds the text of a slip
/// (W104) to the `accept` list of `plan-lint.toml`.
pub const ACCEPT_COMMAND: &str = "plan-lint.acceptWord";

/// The code action kind that applies every safe fix.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.plan-lint")
}

// ── hover ────────────────────────────────────────────────────────────────

/// Hover at `byte`: the rule of each diagnostic there, the unit or the
/// quantity under the cursor.
pub fn hover(a: &Analysis, byte: usize, unit: ColumnUnit) -> Option<Hover> {
    let mut parts: Vec<String> = Vec::new();
    let mut range: Option<Span> = None;
    for d in a
        .diagnostics
        .iter()
        .filter(|d| d.span.contains(byte) || d.span.start == byte)
    {
        parts.push(diagnostic_hover(a, d));
        range.get_or_insert(d.span);
    }
    // The model's spans are the normalised view's.
    let byte = a.to_model(byte);
    if let Some(part) = unit_hover(a, byte, &mut range) {
        parts.push(part);
    }
    if let Some(part) = quantity_hover(a, byte, unit, &mut range) {
        parts.push(part);
    }
    if parts.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: range.map(|span| convert::range(&a.source, span, unit)),
    })
}

fn diagnostic_hover(a: &Analysis, d: &Diagnostic) -> String {
    let mut out = format!(
        "**{}** `{}` ({})\n\n{}",
        d.code, d.rule, d.severity, d.message
    );
    if let Some(meta) = convert::rule_meta(&d.code, &a.config.universe) {
        out.push_str(&format!(
            "\n\n*{}*\n\n{}",
            meta.summary,
            meta.doc.trim_end()
        ));
    }
    out
}

fn unit_hover(a: &Analysis, byte: usize, range: &mut Option<Span>) -> Option<String> {
    let unit = a
        .document()
        .tasks
        .iter()
        .filter_map(|t| t.responsibility.as_ref())
        .flat_map(|r| r.lists.iter().flat_map(|l| l.units.iter()))
        .find(|u| u.span.contains(byte))?;
    range.get_or_insert(a.to_original(unit.span));
    let settings = &a.config.settings;
    let canonical = unit_key(a.document(), settings, &unit.name).into_owned();
    let mut aliases: Vec<String> = settings
        .unit_aliases
        .iter()
        .filter(|(alias, target)| target.as_str() == canonical && alias.as_str() != canonical)
        .map(|(alias, _)| alias.clone())
        .collect();
    // The department's other forms under the same place prefix.
    for (form, full) in &settings.departments {
        if let Some(prefix) = canonical.strip_suffix(full.as_str())
            && form != full
        {
            aliases.push(format!("{prefix}{form}"));
        }
    }
    aliases.sort_unstable();
    aliases.dedup();
    let packs = a.config.packs.names.join(" → ");
    let mut out = format!("**单位** {}\n\n规范名称:{canonical}", unit.name);
    if aliases.is_empty() {
        out.push_str(&format!("\n\n别名:无(规则包 {packs} 未列出)"));
    } else {
        out.push_str(&format!("\n\n别名:{}(规则包 {packs})", aliases.join("、")));
    }
    Some(out)
}

fn number(v: f64) -> String {
    format!("{v}")
}

fn value_text(v: Value) -> String {
    match v {
        Value::Exact(x) => number(x),
        Value::Range { low, high } => format!("{}–{}", number(low), number(high)),
    }
}

/// The index (into `document.quantities`) of the quantity at `byte` (of
/// the model's text).
pub fn quantity_at(a: &Analysis, byte: usize) -> Option<usize> {
    a.document()
        .quantities
        .iter()
        .position(|q| q.quantity.span.contains(byte))
}

/// Every statement of the same target as quantity `index`, in document
/// order (the quantity itself included): T101's grouping.
pub fn same_target(a: &Analysis, index: usize) -> Vec<usize> {
    targets::target_statements(
        a.document(),
        a.model_source().text(),
        &a.config.settings.target_words,
        index,
    )
}

fn quantity_hover(
    a: &Analysis,
    byte: usize,
    unit: ColumnUnit,
    range: &mut Option<Span>,
) -> Option<String> {
    let index = quantity_at(a, byte)?;
    let q = &a.document().quantities[index].quantity;
    range.get_or_insert(a.to_original(q.span));
    let mut out = format!(
        "**数量** `{}`\n\n- 数值:{}",
        q.display_value(),
        value_text(q.value)
    );
    if !q.unit.is_empty() {
        out.push_str(&format!("\n- 单位:{}", q.unit));
    }
    if let Some(scale) = &q.scale_word {
        out.push_str(&format!("\n- 数量级:{scale}"));
    }
    if !q.qualifier_words.is_empty() {
        out.push_str(&format!("\n- 限定:{}", q.qualifier_words.join("、")));
    }
    let clause = a
        .model_source()
        .slice(a.document().quantities[index].clause)
        .unwrap_or("");
    if !clause.trim().is_empty() {
        out.push_str(&format!("\n- 分句:{}", clause.trim()));
    }
    let group = same_target(a, index);
    out.push_str("\n\n同一目标的各处表述:");
    for i in group {
        let other = &a.document().quantities[i].quantity;
        let p = convert::position(&a.source, a.to_original(other.span).start, unit);
        let here = if i == index { "(此处)" } else { "" };
        out.push_str(&format!(
            "\n- 第{}行:{}{here}",
            p.line + 1,
            other.display_value()
        ));
    }
    Some(out)
}

// ── navigation ───────────────────────────────────────────────────────────

/// All statements of the target of the quantity at `byte`.
pub fn target_locations(
    a: &Analysis,
    uri: &Uri,
    byte: usize,
    unit: ColumnUnit,
    include_self: bool,
) -> Option<Vec<Location>> {
    let index = quantity_at(a, a.to_model(byte))?;
    let group = same_target(a, index);
    let alone = group.len() == 1;
    Some(
        group
            .into_iter()
            .filter(|&i| include_self || alone || i != index)
            .map(|i| {
                let span = a.to_original(a.document().quantities[i].quantity.span);
                Location::new(uri.clone(), convert::range(&a.source, span, unit))
            })
            .collect(),
    )
}

// ── outline and folding ──────────────────────────────────────────────────

/// Where each section's content ends: at the next heading that is not
/// inside it, or at the end of its attachment (of the main text). Offsets
/// of the model's text.
fn section_ends(a: &Analysis) -> Vec<usize> {
    let doc = a.document();
    let text_end = a.model_source().text().len();
    let main_end = doc
        .attachments
        .iter()
        .map(|at| at.span.start)
        .min()
        .unwrap_or(text_end);
    let container_end = |s: &Section| match s.attachment {
        Some(i) => doc.attachments.get(i).map_or(text_end, |at| at.span.end),
        None => main_end.max(s.span.end),
    };
    let mut order: Vec<SectionId> = (0..doc.sections.len()).collect();
    order.sort_by_key(|&i| doc.sections[i].span.start);
    let mut ends: Vec<usize> = doc.sections.iter().map(container_end).collect();
    let mut stack: Vec<SectionId> = Vec::new();
    for &id in &order {
        let s = &doc.sections[id];
        while let Some(&top) = stack.last() {
            if Some(top) == s.parent {
                break;
            }
            stack.pop();
            ends[top] = ends[top].min(s.span.start);
        }
        stack.push(id);
    }
    for (id, end) in ends.iter_mut().enumerate() {
        let span = doc.sections[id].span;
        *end = trim_end(a.model_source(), (*end).max(span.end)).max(span.end);
    }
    ends
}

/// `end` moved back over white space and line ends.
fn trim_end(source: &Source, end: usize) -> usize {
    let text = &source.text()[..end.min(source.text().len())];
    text.trim_end().len()
}

fn truncate(text: &str, max: usize) -> String {
    let text = text.trim();
    let mut out: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        out.push('…');
    }
    if out.is_empty() {
        out.push('…');
    }
    out
}

fn contained(inner: lsp::Range, outer: lsp::Range) -> lsp::Range {
    let clamp = |p: lsp::Position| {
        if p < outer.start {
            outer.start
        } else if p > outer.end {
            outer.end
        } else {
            p
        }
    };
    lsp::Range::new(clamp(inner.start), clamp(inner.end))
}

/// Builds the outline of one analysis.
struct Outline<'a> {
    a: &'a Analysis,
    ends: Vec<usize>,
    unit: ColumnUnit,
    tasks_of: HashMap<Option<SectionId>, Vec<&'a Task>>,
}

impl<'a> Outline<'a> {
    fn new(a: &'a Analysis, unit: ColumnUnit) -> Outline<'a> {
        let mut tasks_of: HashMap<Option<SectionId>, Vec<&Task>> = HashMap::new();
        for task in a.document().tasks.iter().filter(|t| !t.is_heading) {
            tasks_of.entry(task.section).or_default().push(task);
        }
        Outline {
            a,
            ends: section_ends(a),
            unit,
            tasks_of,
        }
    }

    /// The client's range of a span of the model.
    fn range(&self, span: Span) -> lsp::Range {
        convert::range(&self.a.source, self.a.to_original(span), self.unit)
    }

    /// 牵头/配合 units of a task, for the symbol's detail.
    fn detail(task: &Task) -> Option<String> {
        let r = task.responsibility.as_ref()?;
        let leads: Vec<&str> = r.leads().map(|u| u.name.as_str()).collect();
        let others: Vec<&str> = r.others().map(|u| u.name.as_str()).collect();
        let mut parts = Vec::new();
        if !leads.is_empty() {
            parts.push(format!("牵头:{}", leads.join("、")));
        }
        if !others.is_empty() {
            parts.push(format!("配合/责任:{}", others.join("、")));
        }
        (!parts.is_empty()).then(|| parts.join(";"))
    }

    #[allow(deprecated)] // `DocumentSymbol::deprecated` must be given.
    fn task(&self, task: &Task, outer: lsp::Range) -> DocumentSymbol {
        let source = self.a.model_source();
        let range = contained(self.range(task.span), outer);
        let first_line = source.line_text(source.line_of(task.span.start));
        DocumentSymbol {
            name: truncate(first_line, 30),
            detail: Outline::detail(task),
            kind: SymbolKind::EVENT,
            tags: None,
            deprecated: None,
            range,
            selection_range: range,
            children: None,
        }
    }

    #[allow(deprecated)]
    fn section(&self, id: SectionId, outer: Option<lsp::Range>) -> DocumentSymbol {
        let doc = self.a.document();
        let s = &doc.sections[id];
        let mut range = self.range(Span::new(s.span.start, self.ends[id]));
        if let Some(outer) = outer {
            range = contained(range, outer);
        }
        let selection = contained(self.range(s.span), range);
        let marker = self
            .a
            .model_source()
            .slice(s.marker_span)
            .unwrap_or("")
            .trim();
        let heading_task = doc
            .tasks
            .iter()
            .find(|t| t.is_heading && t.section == Some(id));
        let mut children: Vec<(usize, DocumentSymbol)> = s
            .children
            .iter()
            .map(|&c| (doc.sections[c].span.start, self.section(c, Some(range))))
            .collect();
        for task in self.tasks_of.get(&Some(id)).into_iter().flatten() {
            children.push((task.span.start, self.task(task, range)));
        }
        let kind = match s.level() {
            1 => SymbolKind::NAMESPACE,
            2 => SymbolKind::CLASS,
            3 => SymbolKind::METHOD,
            _ => SymbolKind::FIELD,
        };
        DocumentSymbol {
            name: truncate(&format!("{marker}{}", s.title), 40),
            detail: heading_task.and_then(Outline::detail),
            kind,
            tags: None,
            deprecated: None,
            range,
            selection_range: selection,
            children: sorted(children),
        }
    }

    #[allow(deprecated)]
    fn symbols(&self) -> Vec<DocumentSymbol> {
        let doc = self.a.document();
        let source = self.a.model_source();
        let mut top: Vec<(usize, DocumentSymbol)> = Vec::new();
        let mut in_attachment: Vec<Vec<(usize, DocumentSymbol)>> =
            vec![Vec::new(); doc.attachments.len()];
        let attachment_ranges: Vec<lsp::Range> = doc
            .attachments
            .iter()
            .map(|at| {
                let end = trim_end(source, at.span.end).max(at.span.start);
                self.range(Span::new(at.span.start, end))
            })
            .collect();
        for &root in &doc.roots {
            let s = &doc.sections[root];
            let outer = s.attachment.and_then(|i| attachment_ranges.get(i).copied());
            let symbol = self.section(root, outer);
            match s.attachment {
                Some(i) if i < in_attachment.len() => in_attachment[i].push((s.span.start, symbol)),
                _ => top.push((s.span.start, symbol)),
            }
        }
        let whole = self.range(Span::new(0, source.text().len()));
        for task in self.tasks_of.get(&None).into_iter().flatten() {
            match task.attachment {
                Some(i) if i < in_attachment.len() => {
                    let symbol = self.task(task, attachment_ranges[i]);
                    in_attachment[i].push((task.span.start, symbol));
                }
                _ => top.push((task.span.start, self.task(task, whole))),
            }
        }
        for (i, (at, children)) in doc.attachments.iter().zip(in_attachment).enumerate() {
            let range = attachment_ranges[i];
            let label = source.slice(at.label_span).unwrap_or("附件").trim();
            let name = match &at.title {
                Some(title) => format!("{label} {}", title.text),
                None => label.to_string(),
            };
            let symbol = DocumentSymbol {
                name: truncate(&name, 40),
                detail: None,
                kind: SymbolKind::MODULE,
                tags: None,
                deprecated: None,
                range,
                selection_range: contained(self.range(at.label_span), range),
                children: sorted(children),
            };
            top.push((at.span.start, symbol));
        }
        sorted(top).unwrap_or_default()
    }
}

/// Symbols in document order; `None` when there are none.
fn sorted(mut symbols: Vec<(usize, DocumentSymbol)>) -> Option<Vec<DocumentSymbol>> {
    symbols.sort_by_key(|(start, _)| *start);
    (!symbols.is_empty()).then(|| symbols.into_iter().map(|(_, s)| s).collect())
}

/// The outline: attachments, headings by level, tasks as children.
pub fn document_symbols(a: &Analysis, unit: ColumnUnit) -> Vec<DocumentSymbol> {
    Outline::new(a, unit).symbols()
}

/// One folding range per section (heading to the end of its content) and
/// per attachment.
pub fn folding_ranges(a: &Analysis) -> Vec<FoldingRange> {
    let source = a.model_source();
    let ends = section_ends(a);
    let mut spans: Vec<Span> = a
        .document()
        .sections
        .iter()
        .zip(&ends)
        .map(|(s, &end)| Span::new(s.span.start, end))
        .collect();
    spans.extend(
        a.document()
            .attachments
            .iter()
            .map(|at| Span::new(at.span.start, trim_end(source, at.span.end))),
    );
    let mut out: Vec<FoldingRange> = spans
        .into_iter()
        .filter_map(|span| {
            let span = a.to_original(span);
            let start = a.source.line_of(span.start);
            let end = a.source.line_of(span.end.max(span.start));
            (end > start).then_some(FoldingRange {
                start_line: start as u32,
                start_character: None,
                end_line: end as u32,
                end_character: None,
                kind: None,
                collapsed_text: None,
            })
        })
        .collect();
    out.sort_by_key(|f| (f.start_line, std::cmp::Reverse(f.end_line)));
    out.dedup_by_key(|f| (f.start_line, f.end_line));
    out
}

// ── code actions ─────────────────────────────────────────────────────────

/// How to shape workspace edits for this client.
#[derive(Clone, Copy, Debug, Default)]
pub struct EditStyle {
    /// `documentChanges` with the version, when the client supports it
    /// (the client then refuses an edit made for another version).
    pub document_changes: bool,
}

fn workspace_edit(
    a: &Analysis,
    uri: &Uri,
    edits: &[&Edit],
    unit: ColumnUnit,
    style: EditStyle,
) -> WorkspaceEdit {
    let text_edits: Vec<TextEdit> = edits
        .iter()
        .map(|e| TextEdit {
            range: convert::range(&a.source, e.span, unit),
            new_text: e.replacement.clone(),
        })
        .collect();
    if style.document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: Some(a.version),
                },
                edits: text_edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), text_edits)])),
            ..WorkspaceEdit::default()
        }
    }
}

fn wanted(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|o| {
            kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str()))
        })
    })
}

/// The arguments of [`IGNORE_COMMAND`].
#[derive(serde::Serialize, serde::Deserialize, Debug)]
pub struct IgnoreArgs {
    pub uri: Uri,
    pub baseline: std::path::PathBuf,
    pub entry: baseline::Entry,
}

/// The arguments of [`ACCEPT_COMMAND`].
#[derive(serde::Serialize, serde::Deserialize, Debug)]
pub struct AcceptArgs {
    pub uri: Uri,
    /// The `plan-lint.toml` the document is linted with, or the one to
    /// create next to it.
    pub config: std::path::PathBuf,
    pub word: String,
}

/// Every fix that does not overlap an earlier one, in document order.
pub fn non_overlapping_fixes(diagnostics: &[Diagnostic]) -> Vec<&Edit> {
    let mut fixes: Vec<&plan_lint_rules::diagnostic::Fix> =
        diagnostics.iter().filter_map(|d| d.fix.as_ref()).collect();
    fixes.sort_by_key(|f| f.edits.iter().map(|e| e.span.start).min());
    let mut taken: Vec<&Edit> = Vec::new();
    for fix in fixes {
        let overlaps = fix.edits.iter().any(|e| {
            taken.iter().any(|t| {
                e.span.start < t.span.end && t.span.start < e.span.end
                    // Two insertions at one place, or an insertion at an
                    // edge of a replacement, have no defined order.
                    || e.span.start == t.span.start
            })
        });
        if !overlaps {
            taken.extend(fix.edits.iter());
        }
    }
    taken.sort_by_key(|e| (e.span.start, e.span.end));
    taken
}

/// Code actions for `span`: a quick fix per diagnostic with a fix, "add to
/// accepted words" per slip (W104), "ignore this here" per diagnostic, and
/// the fix-all source action.
pub fn code_actions(
    a: &Analysis,
    uri: &Uri,
    span: Span,
    only: Option<&[CodeActionKind]>,
    unit: ColumnUnit,
    style: EditStyle,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    let touching = a
        .diagnostics
        .iter()
        .filter(|d| d.span.start <= span.end && span.start <= d.span.end);
    for d in touching {
        let lsp_diagnostic = convert::diagnostic(uri, &a.source, d, unit, a.set.as_deref());
        if let Some(fix) = &d.fix
            && wanted(only, &CodeActionKind::QUICKFIX)
        {
            let edits: Vec<&Edit> = fix.edits.iter().collect();
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("{} ({})", fix.message, d.code),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diagnostic.clone()]),
                edit: Some(workspace_edit(a, uri, &edits, unit, style)),
                is_preferred: Some(true),
                ..CodeAction::default()
            }));
        }
        // A slip that is no slip (a local name, a programme's name): the
        // word goes to the accepted words of the document's configuration
        // (the folder of its baseline: that of the nearest plan-lint.toml,
        // or its own).
        if d.code == accept::RULE
            && let Some(target) = &a.baseline
            && let Some(word) = a.source.text().get(d.span.start..d.span.end)
            && wanted(only, &CodeActionKind::QUICKFIX)
        {
            let args = AcceptArgs {
                uri: uri.clone(),
                config: target.path.with_file_name(CONFIG_FILE),
                word: word.to_string(),
            };
            let title = format!("将「{word}」加入接受词表({CONFIG_FILE})");
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diagnostic.clone()]),
                command: Some(Command {
                    title,
                    command: ACCEPT_COMMAND.to_string(),
                    arguments: Some(vec![serde_json::to_value(&args).unwrap_or_default()]),
                }),
                ..CodeAction::default()
            }));
        }
        if let Some(target) = &a.baseline
            && wanted(only, &CodeActionKind::QUICKFIX)
        {
            let entry = baseline::entry_for(&target.file, &a.source, d);
            let args = IgnoreArgs {
                uri: uri.clone(),
                baseline: target.path.clone(),
                entry,
            };
            let title = format!(
                "忽略此处的 {} {}(记入 {})",
                d.code,
                d.rule,
                crate::workspace::BASELINE_FILE
            );
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diagnostic]),
                command: Some(Command {
                    title,
                    command: IGNORE_COMMAND.to_string(),
                    arguments: Some(vec![serde_json::to_value(&args).unwrap_or_default()]),
                }),
                ..CodeAction::default()
            }));
        }
    }
    let fix_all = fix_all_kind();
    // The fix-all action is only offered when asked for by kind (on save,
    // or from a "source action" menu), or from a plain request when there
    // is something to fix.
    if wanted(only, &fix_all) {
        let edits = non_overlapping_fixes(&a.diagnostics);
        if !edits.is_empty() {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "修复全部可自动修复的问题 (plan-lint)".to_string(),
                kind: Some(fix_all),
                edit: Some(workspace_edit(a, uri, &edits, unit, style)),
                ..CodeAction::default()
            }));
        }
    }
    out
}
