//! `plan-lint outline`: the heading tree, attachments, tasks and quantities
//! of a document, as indented text or JSON.

use std::fmt::Write as _;

use serde::Serialize;

use plan_lint_core::model::{Document, Responsibility, SectionId, UnitRole};
use plan_lint_core::{Reading, Source, Span};

use crate::render::{LineCol, at};

/// A document as read: its original text (for lines and columns) and the
/// view the model was built from (for its words).
#[derive(Clone, Copy)]
struct Read<'a> {
    source: &'a Source,
    reading: &'a Reading,
}

impl Read<'_> {
    /// The original 1-based line where a span of the model starts.
    fn line(&self, span: Span) -> usize {
        self.line_at(span.start)
    }

    fn line_at(&self, at: usize) -> usize {
        let original = self.reading.view.offset_to_original(at);
        self.source.line_col_1based(original).0
    }

    fn text(&self) -> &str {
        self.reading.view.source().text()
    }

    /// The original position of an offset of the model.
    fn at(&self, at_view: usize) -> LineCol {
        at(self.source, self.reading.view.offset_to_original(at_view))
    }
}

#[derive(Serialize)]
struct SetAsideJson {
    line: usize,
    why: &'static str,
}

#[derive(Serialize)]
struct Json<'a> {
    file: &'a str,
    encoding: &'static str,
    header: Header,
    title: Option<Titled>,
    outline: Vec<SectionJson>,
    attachment_note: Option<NoteJson>,
    attachments: Vec<AttachmentJson>,
    /// The line saying the attachments are not published (附件不公开).
    attachments_withheld: Option<usize>,
    tasks: Vec<TaskJson>,
    quantities: Vec<QuantityJson>,
    repeated_headers: Vec<RepeatJson>,
    debris_lines: Vec<usize>,
    /// Lines the normalised view set aside (page numbers, running heads,
    /// web-page furniture), with why.
    set_aside: Vec<SetAsideJson>,
}

#[derive(Serialize)]
struct Titled {
    text: String,
    line: usize,
}

#[derive(Serialize)]
struct Header {
    doc_number: Option<Titled>,
    issuer: Option<Titled>,
    notice_title: Option<Titled>,
    addressee: Option<Titled>,
    signature: Option<Titled>,
    date: Option<Titled>,
}

#[derive(Serialize)]
struct SectionJson {
    marker: String,
    level: u8,
    style: plan_lint_core::model::MarkerStyle,
    number: Option<u32>,
    damaged: bool,
    title: String,
    line: usize,
    attachment: Option<u32>,
    in_table: bool,
    quantities: usize,
    children: Vec<SectionJson>,
}

#[derive(Serialize)]
struct NoteJson {
    line: usize,
    entries: Vec<NoteEntryJson>,
}

#[derive(Serialize)]
struct NoteEntryJson {
    number: Option<u32>,
    title: String,
    line: usize,
}

#[derive(Serialize)]
struct AttachmentJson {
    kind: plan_lint_core::model::AttachmentKind,
    ordinal: Option<u32>,
    title: Option<String>,
    line: usize,
    end_line: usize,
    note_entry_line: Option<usize>,
}

#[derive(Serialize)]
struct TaskJson {
    line: usize,
    end_line: usize,
    section: Option<String>,
    /// The line of the section's heading: titles repeat across attachments.
    section_line: Option<usize>,
    form: Option<plan_lint_core::model::ClauseForm>,
    leads: Vec<String>,
    responsible: Vec<String>,
    collaborating: Vec<String>,
}

#[derive(Serialize)]
struct QuantityJson {
    start: LineCol,
    end: LineCol,
    text: String,
    value: plan_lint_core::quantity::Value,
    unit: String,
    qualifiers: Vec<String>,
    clause: String,
}

#[derive(Serialize)]
struct RepeatJson {
    line: usize,
    of_line: usize,
}

fn titled(o: Read<'_>, field: &Option<plan_lint_core::model::Field>) -> Option<Titled> {
    field.as_ref().map(|f| Titled {
        text: f.text.clone(),
        line: o.line(f.span),
    })
}

fn names(r: &Responsibility, role: UnitRole) -> Vec<String> {
    r.units_with(role).map(|u| u.name.clone()).collect()
}

fn direct_quantities(doc: &Document, id: SectionId) -> usize {
    doc.quantities
        .iter()
        .filter(|q| q.section == Some(id))
        .count()
}

fn section_json(o: Read<'_>, doc: &Document, id: SectionId) -> SectionJson {
    let s = &doc.sections[id];
    SectionJson {
        marker: o.text()[s.marker_span.start..s.marker_span.end].to_string(),
        level: s.level(),
        style: s.marker.style,
        number: s.marker.number,
        damaged: s.marker.style.is_damaged(),
        title: s.title.clone(),
        line: o.line(s.span),
        attachment: s.attachment.and_then(|a| doc.attachments[a].ordinal),
        in_table: s.in_table,
        quantities: direct_quantities(doc, id),
        children: s
            .children
            .iter()
            .map(|&c| section_json(o, doc, c))
            .collect(),
    }
}

/// The outline of one document as a JSON value.
pub fn to_json(source: &Source, reading: &Reading) -> serde_json::Value {
    let o = Read { source, reading };
    let doc = &reading.doc;
    let h = &doc.header;
    let json = Json {
        file: source.name(),
        encoding: source.encoding().name(),
        header: Header {
            doc_number: titled(o, &h.doc_number),
            issuer: titled(o, &h.issuer),
            notice_title: titled(o, &h.notice_title),
            addressee: titled(o, &h.addressee),
            signature: titled(o, &h.signature),
            date: titled(o, &h.date),
        },
        title: titled(o, &doc.title),
        outline: doc.roots.iter().map(|&r| section_json(o, doc, r)).collect(),
        attachment_note: doc.attachment_note.as_ref().map(|n| NoteJson {
            line: o.line(n.span),
            entries: n
                .entries
                .iter()
                .map(|e| NoteEntryJson {
                    number: e.number,
                    title: e.title.clone(),
                    line: o.line(e.span),
                })
                .collect(),
        }),
        attachments_withheld: doc.attachments_withheld.map(|at| o.line(at)),
        attachments: doc
            .attachments
            .iter()
            .map(|a| AttachmentJson {
                kind: a.kind,
                ordinal: a.ordinal,
                title: a.title.as_ref().map(|t| t.text.clone()),
                line: o.line(a.label_span),
                end_line: o.line_at(a.span.end),
                note_entry_line: a.note_entry.and_then(|i| {
                    let note = doc.attachment_note.as_ref()?;
                    Some(o.line(note.entries[i].span))
                }),
            })
            .collect(),
        tasks: doc
            .tasks
            .iter()
            .map(|t| {
                let r = t.responsibility.as_ref();
                TaskJson {
                    line: o.line(t.span),
                    end_line: o.line_at(t.span.end),
                    section: t.section.map(|s| doc.sections[s].title.clone()),
                    section_line: t.section.map(|s| o.line(doc.sections[s].span)),
                    form: r.map(|r| r.form),
                    leads: r.map(|r| names(r, UnitRole::Lead)).unwrap_or_default(),
                    responsible: r
                        .map(|r| names(r, UnitRole::Responsible))
                        .unwrap_or_default(),
                    collaborating: r
                        .map(|r| names(r, UnitRole::Collaborating))
                        .unwrap_or_default(),
                }
            })
            .collect(),
        quantities: doc
            .quantities
            .iter()
            .map(|q| QuantityJson {
                start: o.at(q.quantity.span.start),
                end: o.at(q.quantity.span.end),
                text: q.quantity.text.clone(),
                value: q.quantity.value,
                unit: q.quantity.unit.clone(),
                qualifiers: q.quantity.qualifier_words.clone(),
                clause: o.text()[q.clause.start..q.clause.end].to_string(),
            })
            .collect(),
        repeated_headers: doc
            .repeated_headers
            .iter()
            .map(|r| RepeatJson {
                line: o.line(r.span),
                of_line: o.line(doc.sections[r.of].span),
            })
            .collect(),
        debris_lines: doc.debris.iter().map(|d| o.line(*d)).collect(),
        set_aside: reading
            .view
            .set_aside()
            .iter()
            .map(|l| SetAsideJson {
                line: source.line_col_1based(l.span.start).0,
                why: l.why.as_str(),
            })
            .collect(),
    };
    serde_json::to_value(json).expect("the outline serialises")
}

/// Shortens `text` to `max` characters, with an ellipsis.
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max).collect();
        s.push('…');
        s
    }
}

fn task_summary(r: &Responsibility) -> String {
    let mut parts = Vec::new();
    for (role, label) in [
        (UnitRole::Lead, "牵头"),
        (UnitRole::Responsible, "负责"),
        (UnitRole::Collaborating, "配合"),
    ] {
        let units = names(r, role);
        if !units.is_empty() {
            parts.push(format!("{label}: {}", units.join("、")));
        }
    }
    if parts.is_empty() {
        "(no units)".to_string()
    } else {
        parts.join("; ")
    }
}

/// The outline of one document as indented text.
pub fn to_text(source: &Source, reading: &Reading) -> String {
    let o = Read { source, reading };
    let doc = &reading.doc;
    let mut out = String::new();
    let _ = writeln!(out, "{}", source.name());
    let h = &doc.header;
    for (label, field) in [
        ("文号", &h.doc_number),
        ("发文机关", &h.issuer),
        ("标题", &h.notice_title),
        ("主送", &h.addressee),
        ("落款", &h.signature),
        ("成文日期", &h.date),
    ] {
        if let Some(f) = field {
            let _ = writeln!(
                out,
                "L{:<5} {label}: {}",
                o.line(f.span),
                short(&f.text, 60)
            );
        }
    }
    if let Some(t) = &doc.title {
        let _ = writeln!(out, "L{:<5} 方案: {}", o.line(t.span), t.text);
    }

    let tasks_of = |id: SectionId| doc.tasks.iter().filter(move |t| t.section == Some(id));
    let write_tree = |out: &mut String, roots: Vec<SectionId>| {
        let mut stack: Vec<SectionId> = roots.into_iter().rev().collect();
        while let Some(id) = stack.pop() {
            let s = &doc.sections[id];
            let marker = &o.text()[s.marker_span.start..s.marker_span.end];
            let indent = "  ".repeat(s.depth + 1);
            let quantities = direct_quantities(doc, id);
            let mut extra = String::new();
            if quantities > 0 {
                let _ = write!(extra, "  [{quantities} quantities]");
            }
            if s.marker.style.is_damaged() {
                let _ = write!(extra, "  [damaged marker]");
            }
            let _ = writeln!(
                out,
                "L{:<5}{indent}{marker}{}{extra}",
                o.line(s.span),
                short(&s.title, 40)
            );
            for task in tasks_of(id) {
                if let Some(r) = &task.responsibility {
                    let _ = writeln!(
                        out,
                        "L{:<5}{indent}  -> {}",
                        o.line(r.span),
                        task_summary(r)
                    );
                }
            }
            stack.extend(s.children.iter().rev());
        }
    };

    let main_roots: Vec<SectionId> = doc
        .roots
        .iter()
        .copied()
        .filter(|&r| doc.sections[r].attachment.is_none())
        .collect();
    write_tree(&mut out, main_roots);
    if let Some(note) = &doc.attachment_note {
        let _ = writeln!(
            out,
            "L{:<5} 附件说明 ({} entries)",
            o.line(note.span),
            note.entries.len()
        );
        for e in &note.entries {
            let number = e.number.map_or("-".to_string(), |n| n.to_string());
            let _ = writeln!(out, "L{:<5}   {number}. {}", o.line(e.span), e.title);
        }
    }
    if let Some(at) = doc.attachments_withheld {
        let _ = writeln!(out, "L{:<5} 附件不公开", o.line(at));
    }
    for (i, a) in doc.attachments.iter().enumerate() {
        let label = &o.text()[a.label_span.start..a.label_span.end];
        let title = a.title.as_ref().map_or("", |t| t.text.as_str());
        let _ = writeln!(out, "L{:<5} {label} {title}", o.line(a.label_span));
        let roots: Vec<SectionId> = doc
            .roots
            .iter()
            .copied()
            .filter(|&r| doc.sections[r].attachment == Some(i))
            .collect();
        write_tree(&mut out, roots);
    }
    let orphans: Vec<_> = doc.tasks.iter().filter(|t| t.section.is_none()).collect();
    for task in orphans {
        if let Some(r) = &task.responsibility {
            let _ = writeln!(out, "L{:<5}  -> {}", o.line(r.span), task_summary(r));
        }
    }
    if !doc.repeated_headers.is_empty() {
        let lines: Vec<String> = doc
            .repeated_headers
            .iter()
            .map(|r| {
                format!(
                    "L{} (= L{})",
                    o.line(r.span),
                    o.line(doc.sections[r.of].span)
                )
            })
            .collect();
        let _ = writeln!(out, "repeated table headers: {}", lines.join(", "));
    }
    let _ = writeln!(
        out,
        "{} sections, {} attachments, {} tasks ({} with a clause), {} quantities, {} lines set aside",
        doc.sections.len(),
        doc.attachments.len(),
        doc.tasks.len(),
        doc.tasks
            .iter()
            .filter(|t| t.responsibility.is_some())
            .count(),
        doc.quantities.len(),
        doc.debris.len() + reading.view.set_aside().len()
    );
    out
}
