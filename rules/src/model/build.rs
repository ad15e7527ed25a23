//! Building a [`Document`] from the grammar's syntax tree.

use std::collections::HashMap;

use tree_sitter::{Node, Tree};

use super::responsibility::{ClauseToken, read_clause, split_unit_list};
use super::*;
use crate::quantity::find_quantities;

/// Builds the document model of `source` from its syntax `tree`.
pub fn build(source: &Source, tree: &Tree) -> Document {
    let mut builder = Builder {
        text: source.text(),
        doc: Document::default(),
        stack: Vec::new(),
        attachment: None,
        table: None,
        footer: false,
        last_task_section: None,
    };
    let root = tree.root_node();
    let mut cursor = root.walk();
    for line in root.named_children(&mut cursor) {
        builder.line(line);
    }
    builder.finish()
}

/// Debris that starts the page footer: everything after it is debris too.
const FOOTER_DEBRIS: &[&str] = &[
    "扫一扫",
    "相关阅读",
    "相关链接",
    "网站地图",
    "打印本页",
    "关闭窗口",
];

struct Table {
    /// Header rows already seen in this table, by (level, number, title).
    rows: HashMap<(u8, Option<u32>, String), SectionId>,
    /// The task whose 牵头单位 / 责任单位 cells come next, and how many of
    /// them have been read.
    open_task: Option<(usize, usize)>,
}

struct Builder<'a> {
    text: &'a str,
    doc: Document,
    /// Open sections, outermost first.
    stack: Vec<SectionId>,
    attachment: Option<AttachmentId>,
    table: Option<Table>,
    footer: bool,
    /// The section of the last task that got an own-line clause.
    last_task_section: Option<SectionId>,
}

impl<'a> Builder<'a> {
    /// The span of a node, clamped to the text (the parser may have seen an
    /// appended final newline) and trimmed of surrounding white space.
    fn span(&self, node: Node) -> Span {
        let end = node.end_byte().min(self.text.len());
        let start = node.start_byte().min(end);
        trim(self.text, Span::new(start, end))
    }

    fn slice(&self, span: Span) -> &'a str {
        &self.text[span.start..span.end]
    }

    fn field(&self, node: Node) -> Field {
        let span = self.span(node);
        Field {
            text: self.slice(span).to_string(),
            span,
        }
    }

    fn line(&mut self, node: Node) {
        if self.footer {
            self.doc.debris.push(self.span(node));
            return;
        }
        match node.kind() {
            "debris" => {
                let span = self.span(node);
                let text = self.slice(span);
                let started_content = !self.doc.sections.is_empty() || self.doc.title.is_some();
                if started_content && FOOTER_DEBRIS.iter().any(|d| text.starts_with(d)) {
                    self.footer = true;
                }
                self.doc.debris.push(span);
            }
            "doc_number" => {
                let f = self.field(node);
                set_once(&mut self.doc.header.doc_number, f)
            }
            "date" => {
                let f = self.field(node);
                set_once(&mut self.doc.header.date, f)
            }
            "addressee" => {
                let f = self.field(node);
                set_once(&mut self.doc.header.addressee, f)
            }
            "issuer" => {
                let f = self.field(node);
                set_once(&mut self.doc.header.issuer, f)
            }
            "signature" => {
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    match child.kind() {
                        "organ" => {
                            let f = self.field(child);
                            set_once(&mut self.doc.header.signature, f)
                        }
                        "date" => {
                            let f = self.field(child);
                            set_once(&mut self.doc.header.date, f)
                        }
                        _ => {}
                    }
                }
            }
            "notice_title" => self.notice_title(node),
            "plan_title" => self.plan_title(node),
            "attachment_note" => self.attachment_note(node),
            "attachment_start" => self.attachment_start(node),
            "heading" => self.heading(node),
            "paragraph" => self.paragraph(node),
            _ => {} // table_rule, ERROR: nothing to model
        }
    }

    fn notice_title(&mut self, node: Node) {
        let mut cursor = node.walk();
        let parts: Vec<Field> = node
            .named_children(&mut cursor)
            .map(|line| self.field(line))
            .collect();
        let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
            return;
        };
        let title = Field {
            text: parts.iter().map(|p| p.text.as_str()).collect(),
            span: Span::new(first.span.start, last.span.end),
        };
        set_once(&mut self.doc.header.notice_title, title);
    }

    fn plan_title(&mut self, node: Node) {
        let field = self.field(node);
        self.push_block(BlockKind::PlanTitle, field.span);
        match self.attachment {
            Some(a) if self.doc.attachments[a].title.is_none() => {
                self.doc.attachments[a].title = Some(field)
            }
            None if self.doc.title.is_none() => self.doc.title = Some(field),
            _ => {}
        }
    }

    fn attachment_note(&mut self, node: Node) {
        let span = self.span(node);
        let mut label_span = span;
        let mut entries = Vec::new();
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            match child.kind() {
                "note_label" => label_span = self.span(child),
                "note_item" => {
                    let number_node = child.child_by_field_name("number");
                    let title_node = child.child_by_field_name("title");
                    let number_span = number_node.map(|n| self.span(n));
                    let number = number_span
                        .and_then(|s| Marker::classify(self.slice(s)))
                        .and_then(|m| m.number);
                    let title_span = title_node.map_or(self.span(child), |t| self.span(t));
                    entries.push(NoteEntry {
                        number,
                        number_span,
                        title: self.slice(title_span).to_string(),
                        title_span,
                        span: self.span(child),
                    });
                }
                _ => {}
            }
        }
        if self.doc.attachment_note.is_none() {
            self.doc.attachment_note = Some(AttachmentNote {
                span,
                label_span,
                entries,
            });
        }
    }

    fn attachment_start(&mut self, node: Node) {
        self.close_attachment(node.start_byte());
        let label = node.child_by_field_name("label").unwrap_or(node);
        let label_span = self.span(label);
        let label_text = self.slice(label_span);
        let kind = if label_text.starts_with("附表") {
            AttachmentKind::Table
        } else {
            AttachmentKind::Attachment
        };
        let digits: String = label_text
            .chars()
            .skip(2)
            .filter(|c| !c.is_whitespace())
            .collect();
        let ordinal = Marker::classify(&format!("{digits}."))
            .and_then(|m| m.number)
            .filter(|_| !digits.is_empty());
        let title = node.child_by_field_name("title").map(|t| self.field(t));
        let id = self.doc.attachments.len();
        self.doc.attachments.push(Attachment {
            ordinal,
            kind,
            label_span,
            title: title.clone(),
            span: Span::new(label_span.start, self.text.len()),
            note_entry: None,
        });
        self.attachment = Some(id);
        self.stack.clear();
        self.table = None;
        if let Some(title) = title {
            self.push_block(BlockKind::AttachmentTitle, title.span);
        }
    }

    fn close_attachment(&mut self, at: usize) {
        if let Some(a) = self.attachment {
            let end = trim(
                self.text,
                Span::new(self.doc.attachments[a].span.start, at.min(self.text.len())),
            );
            self.doc.attachments[a].span = end;
        }
    }

    fn heading(&mut self, node: Node) {
        let span = self.span(node);
        let Some(marker_node) = node.child_by_field_name("marker") else {
            return self.paragraph(node);
        };
        let marker_span = self.span(marker_node);
        let Some(marker) = Marker::classify(self.slice(marker_span)) else {
            return self.paragraph(node);
        };
        let title_node = node.child_by_field_name("title");
        let title_span = title_node.map_or(Span::new(marker_span.end, marker_span.end), |t| {
            self.span(t)
        });
        let title_text = strip_cell_borders(self.slice(title_span));
        let has_body = node.child_by_field_name("body").is_some();
        let in_table = has_cell_separator(node);
        if in_table && self.table.is_none() {
            self.table = Some(Table {
                rows: HashMap::new(),
                open_task: None,
            });
        }

        // A header row repeated after a page break is not a new section.
        let key = (marker.level(), marker.number, title_text.to_string());
        if in_table {
            if let Some(&of) = self.table.as_ref().and_then(|t| t.rows.get(&key)) {
                self.doc.repeated_headers.push(RepeatedHeader { of, span });
                self.stack.truncate(self.doc.sections[of].depth);
                self.stack.push(of);
                if let Some(t) = self.table.as_mut() {
                    t.open_task = None;
                }
                return;
            }
        }

        let parent = self.parent_for(&marker);
        let depth = self.stack.len();
        let id = self.doc.sections.len();
        self.doc.sections.push(Section {
            marker,
            marker_span,
            title: title_text.to_string(),
            title_span,
            span,
            has_body,
            depth,
            parent,
            children: Vec::new(),
            attachment: self.attachment,
            in_table,
        });
        match parent {
            Some(p) => self.doc.sections[p].children.push(id),
            None => self.doc.roots.push(id),
        }
        self.stack.push(id);
        if in_table {
            if let Some(t) = self.table.as_mut() {
                t.rows.insert(key, id);
            }
        }

        let block = self.push_block(BlockKind::Heading, span);
        self.quantities(node, block, marker_span.end);
        let clauses = self.clauses(node);
        let responsibility = clauses.into_iter().next();
        let is_task = responsibility.is_some()
            || (self.doc.sections[id].level() >= 2 && has_body)
            || in_table;
        if is_task {
            let task = self.doc.tasks.len();
            self.doc.tasks.push(Task {
                span,
                section: Some(id),
                is_heading: true,
                attachment: self.attachment,
                responsibility,
            });
            if in_table {
                if let Some(t) = self.table.as_mut() {
                    t.open_task = Some((task, 0));
                }
            }
        }
    }

    /// Pops the open sections that a new heading closes, and returns the
    /// new heading's parent.
    fn parent_for(&mut self, marker: &Marker) -> Option<SectionId> {
        let level = marker.level();
        while let Some(&top) = self.stack.last() {
            let open = &self.doc.sections[top];
            // `1更新…` items under a heading-only `1.促进教育…` category are
            // its children, not its siblings.
            let bare_under_category = marker.style == MarkerStyle::ArabicBare
                && open.marker.style == MarkerStyle::ArabicDot
                && !open.has_body;
            if open.level() < level || bare_under_category {
                break;
            }
            self.stack.pop();
        }
        self.stack.last().copied()
    }

    fn paragraph(&mut self, node: Node) {
        let span = self.span(node);
        let is_cell = has_cell_separator(node);
        let kind = if is_cell || (self.table.is_some() && self.table_cell_expected()) {
            BlockKind::TableCell
        } else {
            BlockKind::Paragraph
        };
        let block = self.push_block(kind, span);
        self.quantities(node, block, span.start);

        if kind == BlockKind::TableCell {
            if is_cell && self.table.is_none() {
                self.table = Some(Table {
                    rows: HashMap::new(),
                    open_task: None,
                });
            }
            self.table_cell(span);
            return;
        }

        let first_is_line_clause = node.named_child(0).is_some_and(|c| {
            c.kind() == "clause" && !self.slice(self.span(c)).starts_with(['(', '（'])
        });
        let clauses = self.clauses(node);
        let Some(responsibility) = clauses.into_iter().next() else {
            return;
        };
        if first_is_line_clause {
            // A clause on a line of its own belongs to the item above it.
            let mut responsibility = responsibility;
            responsibility.form = ClauseForm::OwnLine;
            self.attach_own_line_clause(responsibility, span);
        } else {
            self.doc.tasks.push(Task {
                span,
                section: self.stack.last().copied(),
                is_heading: false,
                attachment: self.attachment,
                responsibility: Some(responsibility),
            });
        }
    }

    fn table_cell_expected(&self) -> bool {
        self.table
            .as_ref()
            .is_some_and(|t| t.open_task.is_some_and(|(_, n)| n < 2))
    }

    /// Reads a 牵头单位 or 责任单位 cell after a table row.
    fn table_cell(&mut self, span: Span) {
        let text = self.slice(span);
        let Some(table) = self.table.as_mut() else {
            return;
        };
        let Some((task, cells)) = table.open_task else {
            return;
        };
        if strip_cell_borders(text).is_empty() {
            // `||` ends the row.
            table.open_task = None;
            return;
        }
        table.open_task = Some((task, cells + 1));
        let role = if cells == 0 {
            UnitRole::Lead
        } else {
            UnitRole::Responsible
        };
        let units = split_unit_list(text, span.start);
        if units.is_empty() {
            return;
        }
        let responsibility =
            self.doc.tasks[task]
                .responsibility
                .get_or_insert_with(|| Responsibility {
                    span,
                    form: ClauseForm::TableCells,
                    labelled: false,
                    lists: Vec::new(),
                });
        responsibility.span.end = span.end;
        responsibility.lists.push(UnitList { role, units });
    }

    fn attach_own_line_clause(&mut self, responsibility: Responsibility, span: Span) {
        // The item the clause belongs to: the innermost open heading that is
        // not a ① sub-point.
        let target = self
            .stack
            .iter()
            .rev()
            .copied()
            .find(|&s| self.doc.sections[s].level() <= 4);
        let task = target.and_then(|s| {
            self.doc
                .tasks
                .iter()
                .rposition(|t| t.is_heading && t.section == Some(s))
        });
        match task {
            Some(t) if self.doc.tasks[t].responsibility.is_none() => {
                let task = &mut self.doc.tasks[t];
                task.span.end = span.end;
                task.responsibility = Some(responsibility);
            }
            _ => {
                if let Some(s) = target {
                    self.last_task_section = Some(s);
                }
                self.doc.tasks.push(Task {
                    span: target.map_or(span, |s| {
                        Span::new(self.doc.sections[s].span.start, span.end)
                    }),
                    section: target,
                    is_heading: target.is_some(),
                    attachment: self.attachment,
                    responsibility: Some(responsibility),
                });
            }
        }
    }

    /// The responsibility clauses in a line, outermost only, in order.
    fn clauses(&self, node: Node) -> Vec<Responsibility> {
        let mut out = Vec::new();
        let mut stack = vec![node];
        let mut found = Vec::new();
        while let Some(n) = stack.pop() {
            if n.kind() == "clause" {
                found.push(n);
                continue;
            }
            let mut cursor = n.walk();
            let children: Vec<Node> = n.named_children(&mut cursor).collect();
            stack.extend(children.into_iter().rev());
        }
        for clause in found {
            let span = self.span(clause);
            let form = if self.slice(span).starts_with(['(', '（']) {
                ClauseForm::Parenthesised
            } else {
                ClauseForm::Bare
            };
            let tokens = self.clause_tokens(clause);
            out.push(read_clause(&tokens, span, form));
        }
        out
    }

    fn clause_tokens(&self, clause: Node) -> Vec<ClauseToken<'a>> {
        let mut tokens = Vec::new();
        let mut cursor = clause.walk();
        let mut previous_end: Option<usize> = None;
        for child in clause.named_children(&mut cursor) {
            let start = child.start_byte().min(self.text.len());
            let end = child.end_byte().min(self.text.len());
            let span = Span::new(start, end);
            let text = self.slice(span);
            if let (Some(prev), "unit") = (previous_end, child.kind()) {
                if prev < start && self.text[prev..start].chars().all(char::is_whitespace) {
                    tokens.push(ClauseToken::Gap);
                }
            }
            previous_end = Some(end);
            tokens.push(match child.kind() {
                "unit" => ClauseToken::Unit(text, span),
                "role" => ClauseToken::Role(text),
                "label" => ClauseToken::Label(text),
                "period" => ClauseToken::FullStop,
                _ => ClauseToken::Separator,
            });
        }
        tokens
    }

    fn push_block(&mut self, kind: BlockKind, span: Span) -> usize {
        self.doc.blocks.push(Block {
            kind,
            span,
            section: self.stack.last().copied(),
            attachment: self.attachment,
        });
        self.doc.blocks.len() - 1
    }

    /// Finds the quantities of a line, from byte `from` (after the marker).
    fn quantities(&mut self, node: Node, block: usize, from: usize) {
        let span = self.span(node);
        let from = from.clamp(span.start, span.end);
        let text = self.slice(Span::new(from, span.end));
        let section = self.stack.last().copied();
        for quantity in find_quantities(text, from) {
            let clause = clause_around(self.text, span, quantity.span);
            self.doc.quantities.push(QuantityRef {
                quantity,
                clause,
                block,
                section,
                attachment: self.attachment,
            });
        }
    }

    fn finish(mut self) -> Document {
        self.close_attachment(self.text.len());
        // Link each attachment to its 附件说明 entry by ordinal.
        if let Some(note) = &self.doc.attachment_note {
            for attachment in &mut self.doc.attachments {
                if attachment.kind != AttachmentKind::Attachment {
                    continue;
                }
                attachment.note_entry = note
                    .entries
                    .iter()
                    .position(|e| e.number.is_some() && e.number == attachment.ordinal)
                    .or_else(|| {
                        (note.entries.len() == 1 && attachment.ordinal.is_none()).then_some(0)
                    });
            }
        }
        self.doc
    }
}

fn set_once(slot: &mut Option<Field>, value: Field) {
    if slot.is_none() {
        *slot = Some(value);
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}')
}

fn trim(text: &str, span: Span) -> Span {
    let slice = &text[span.start..span.end];
    let start = span.start + (slice.len() - slice.trim_start_matches(is_space).len());
    let end = span.start + slice.trim_end_matches(is_space).len();
    if start >= end {
        Span::new(span.start, span.start)
    } else {
        Span::new(start, end)
    }
}

fn strip_cell_borders(text: &str) -> &str {
    text.trim_end_matches(|c: char| c == '|' || c == '\t' || is_space(c))
}

fn has_cell_separator(node: Node) -> bool {
    let mut cursor = node.walk();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if n.kind() == "cell_separator" {
            return true;
        }
        if matches!(n.kind(), "title" | "body") || n.id() == node.id() {
            stack.extend(n.named_children(&mut cursor).collect::<Vec<_>>());
        }
    }
    false
}

/// The clause around `inner` within `line`: between the nearest 。;,: on
/// each side.
fn clause_around(text: &str, line: Span, inner: Span) -> Span {
    let is_boundary = |c: char| {
        matches!(
            c,
            '。' | ';' | '；' | ',' | '，' | ':' | '：' | '!' | '！' | '?' | '？'
        )
    };
    let before = &text[line.start..inner.start];
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| is_boundary(c))
        .map_or(line.start, |(i, c)| line.start + i + c.len_utf8());
    let after = &text[inner.end..line.end];
    let end = after
        .char_indices()
        .find(|&(_, c)| is_boundary(c))
        .map_or(line.end, |(i, _)| inner.end + i);
    Span::new(start, end)
}
