//! Building a [`Document`] from the grammar's syntax tree.

use std::collections::HashMap;

use tree_sitter::{Node, Tree, TreeCursor};

use super::members::member_lists;
use super::responsibility::{ClauseToken, read_clause, split_unit_list};
use super::*;
use crate::quantity::find_quantities;
use crate::syntax::NodeKind;
use crate::text::is_space;

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
        bracket_role: None,
        line_clauses: (usize::MAX, Vec::new()),
        last_content_end: 0,
        numbered_rows: false,
        skip_until: 0,
        columns: None,
        lines: Vec::new(),
        line_span: (usize::MAX, Span::default()),
    };
    let root = tree.root_node();
    let mut cursor = root.walk();
    builder.lines = root.named_children(&mut cursor).collect();
    for k in 0..builder.lines.len() {
        builder.line(builder.lines[k]);
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

/// Words one of which every responsibility clause holds (see the grammar's
/// scanner): 牵头, 负责, 配合, 参与, 分工 (按职责分工) and the labels
/// (牵头单位:, 责任部门:, 责任处室:; 部门 only after 任, since 牵头部门 and
/// 配合部门 hold 牵头 and 配合 already, and 有关部门 is in most lines).
const CLAUSE_WORDS: &[&str] = &[
    "牵头",
    "负责",
    "配合",
    "参与",
    "分工",
    "单位",
    "任部门",
    "处室",
];

struct Table {
    /// Header rows already seen in this table, by (level, number, title).
    rows: HashMap<(u8, Option<u32>, String), SectionId>,
    /// The task whose 牵头单位 / 责任单位 cells come next, and how many of
    /// them have been read.
    open_task: Option<(usize, usize)>,
}

struct Builder<'a, 't> {
    text: &'a str,
    /// The lines of the document (the root's named children) in order:
    /// the line after a line is the next one here, where asking the tree
    /// for a node's next sibling walks the root's children again.
    lines: Vec<Node<'t>>,
    /// The span of the line being read (by node id), which
    /// [`Builder::span`] gives without trimming it again.
    line_span: (usize, Span),
    doc: Document,
    /// Open sections, outermost first.
    stack: Vec<SectionId>,
    attachment: Option<AttachmentId>,
    table: Option<Table>,
    footer: bool,
    /// The section of the last task that got an own-line clause.
    last_task_section: Option<SectionId>,
    /// Set by a convention note (`以下括号内所列单位为牵头单位`): until the
    /// attachment ends, a unit list in brackets at the end of a task is a
    /// clause with this role (`…。(市人社局)`).
    bracket_role: Option<UnitRole>,
    /// End of the last content (non-debris) line: attachments end there, not
    /// in the page footer.
    last_content_end: usize,
    /// Whether a table's 序号 header line was read, with no heading since:
    /// a number glued to the text after it (`1鼓楼区21 9`, a row whose cells
    /// extraction joined) is the row's number, not a damaged `1.` marker.
    numbered_rows: bool,
    /// Lines before this byte were read with a line above them (the rest
    /// of a notice title split over several lines).
    skip_until: usize,
    /// The unit columns of the last task table header row (`序号 任务 牵头单位
    /// 配合单位 完成时限`, cells split by TAB or `|`): the role of each cell
    /// of the rows below it, until the attachment ends or another header
    /// comes.
    columns: Option<Vec<Option<UnitRole>>>,
    /// The spans of the responsibility clauses of the line last read by
    /// [`Builder::clauses`] (by node id), so that finding the line's
    /// quantities does not walk its nodes again.
    line_clauses: (usize, Vec<Span>),
}

impl<'a, 't> Builder<'a, 't> {
    /// The span of a node, clamped to the text (the parser may have seen an
    /// appended final newline) and trimmed of surrounding white space.
    fn span(&self, node: Node<'t>) -> Span {
        if self.line_span.0 == node.id() {
            return self.line_span.1;
        }
        let end = node.end_byte().min(self.text.len());
        let start = node.start_byte().min(end);
        trim(self.text, Span::new(start, end))
    }

    fn slice(&self, span: Span) -> &'a str {
        &self.text[span.start..span.end]
    }

    /// The line after line `node`: found among [`Builder::lines`] by its
    /// start (a node that is not a line asks the tree).
    fn next_line(&self, node: Node<'t>) -> Option<Node<'t>> {
        let start = node.start_byte();
        let at = self.lines.partition_point(|l| l.start_byte() < start);
        let mut same_start = self.lines[at..]
            .iter()
            .take_while(|l| l.start_byte() == start);
        match same_start.position(|l| l.id() == node.id()) {
            Some(k) => self.lines.get(at + k + 1).copied(),
            None => node.next_named_sibling(),
        }
    }

    fn field(&self, node: Node<'t>) -> Field {
        let span = self.span(node);
        Field {
            text: self.slice(span).to_string(),
            span,
        }
    }

    fn line(&mut self, node: Node<'t>) {
        if node.start_byte() < self.skip_until {
            return;
        }
        if self.footer {
            self.doc.debris.push(self.span(node));
            return;
        }
        // Asked for again and again while the line is read.
        self.line_span = (node.id(), self.span(node));
        let is_content = node.node_kind() != "debris";
        self.model_line(node);
        if is_content && !self.footer {
            self.last_content_end = self.span(node).end.max(self.last_content_end);
        }
    }

    fn model_line(&mut self, node: Node<'t>) {
        match node.node_kind() {
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
                    match child.node_kind() {
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
            // A web page's own title (a copy of the notice title between
            // breadcrumbs and 发布时间 lines) is debris, not the header.
            "notice_title" if is_between_debris(node) => {
                self.doc.debris.push(self.span(node));
            }
            "notice_title" => self.notice_title(node),
            "paragraph" | "plan_title" if self.notice_title_starts(node) => {}
            "plan_title" => self.plan_title(node),
            "attachment_note" => self.attachment_note(node),
            "attachment_start" => self.attachment_start(node),
            "heading" => self.heading(node),
            "paragraph" => self.paragraph(node),
            _ => {} // table_rule, ERROR: nothing to model
        }
    }

    fn notice_title(&mut self, node: Node<'t>) {
        let mut cursor = node.walk();
        let parts: Vec<Field> = node
            .named_children(&mut cursor)
            .map(|line| self.field(line))
            .collect();
        let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
            return;
        };
        let mut title = Field {
            text: parts.iter().map(|p| p.text.as_str()).collect(),
            span: Span::new(first.span.start, last.span.end),
        };
        self.complete_notice_title(&mut title, node);
        set_once(&mut self.doc.header.notice_title, title);
    }

    /// A notice title the grammar did not see because it is split over
    /// lines after the issuer (`某市人民政府关于印发2021年实施` / `“数字·绿色”
    /// …行动方案的通知`): a line with 关于印发 (转发, 下发) before any
    /// content, which the next lines complete.
    fn notice_title_starts(&mut self, node: Node<'t>) -> bool {
        let started = self.doc.header.notice_title.is_some()
            || self.doc.title.is_some()
            || !self.doc.sections.is_empty();
        let field = self.field(node);
        // `…办公厅关于` / `印发…` / `…的通知` is announced too.
        let announces = ["关于印发", "关于转发", "关于下发"]
            .iter()
            .any(|w| field.text.contains(w))
            || field.text.ends_with("关于");
        if started || !announces || field.text.contains(['。', '，', '：']) {
            return false;
        }
        let mut title = field;
        if !self.complete_notice_title(&mut title, node) {
            return false;
        }
        self.doc.header.notice_title = Some(title);
        true
    }

    /// Completes a notice title that does not end with 通知 with the lines
    /// after `node` up to the one that does (at most three, none a
    /// sentence), and returns whether it did.
    fn complete_notice_title(&mut self, title: &mut Field, node: Node<'t>) -> bool {
        let ends = |t: &str| squeeze(t).ends_with("通知");
        if ends(&title.text) {
            return false;
        }
        let mut lines = Vec::new();
        let mut next = self.next_line(node);
        while let Some(line) = next.filter(|_| lines.len() < 3) {
            let field = self.field(line);
            if line.node_kind() == "debris" || field.text.contains('。') {
                return false;
            }
            let done = ends(&field.text);
            lines.push(field);
            if done {
                for field in lines {
                    title.text.push_str(&field.text);
                    title.span.end = field.span.end;
                }
                self.skip_until = title.span.end;
                return true;
            }
            next = self.next_line(line);
        }
        false
    }

    fn plan_title(&mut self, node: Node<'t>) {
        let mut field = self.field(node);
        if self.continues_attachment_title(&field, true) {
            return;
        }
        if self.attachment.is_none() && self.doc.title.is_none() {
            // `…绿色低碳循环发展` / `经济体系实施方案`: the title's first lines
            // (at most two) were read as paragraphs.
            for _ in 0..2 {
                let Some(first) = self.title_first_line(field.span.start) else {
                    break;
                };
                self.doc.blocks.pop();
                field = Field {
                    text: format!("{}{}", self.slice(first), field.text),
                    span: Span::new(first.start, field.span.end),
                };
            }
        }
        self.push_block(BlockKind::PlanTitle, field.span);
        match self.attachment {
            Some(a) if self.doc.attachments[a].title.is_none() => {
                self.doc.attachments[a].title = Some(field)
            }
            None if self.doc.title.is_none() => self.doc.title = Some(field),
            _ => {}
        }
    }

    /// Joins `field` to the attachment title on the line before it when the
    /// title was split over two lines: a title line after one that does not
    /// end like a title (`…重点工作` / `任务清单`), or any line that, joined to
    /// it, continues the title the 附件说明 gives the attachment
    /// (`…试点建设方案` / `编制指南`, `…工作领导小组` / `成员名单`).
    fn continues_attachment_title(&mut self, field: &Field, is_title_line: bool) -> bool {
        let Some(a) = self.attachment else {
            return false;
        };
        let announced = self.announced_title(a);
        let Some(last) = self.doc.blocks.last_mut() else {
            return false;
        };
        let Some(title) = self.doc.attachments[a].title.as_mut() else {
            return false;
        };
        let follows_title = last.kind == BlockKind::AttachmentTitle && last.span == title.span;
        if !follows_title {
            return false;
        }
        let joined = squeeze(&format!("{}{}", title.text, field.text));
        let continues_note = announced.is_some_and(|note| {
            note.len() > squeeze(&title.text).len() && note.starts_with(&joined)
        });
        if !continues_note && (!is_title_line || ends_like_a_title(&title.text)) {
            return false;
        }
        title.text.push_str(&field.text);
        title.span.end = field.span.end;
        last.span.end = field.span.end;
        true
    }

    /// Whether a paragraph after the notice and before any heading is the
    /// plan's title the grammar could not see (it starts with a year:
    /// `2016年某市推进新型城镇化工作要点`): no title yet, one line that ends
    /// like a title, no sentence punctuation.
    fn is_untold_plan_title(&self, text: &str) -> bool {
        let after_notice = self.doc.header.date.is_some() || self.doc.header.notice_title.is_some();
        self.attachment.is_none()
            && self.doc.title.is_none()
            && self.doc.sections.is_empty()
            && after_notice
            && text.chars().count() <= 60
            && !text.contains(['，', '。', '；', '：', ',', ';', ':', '《', '》'])
            && !text.starts_with(['（', '('])
            && ends_like_a_title(text)
    }

    /// Joins a line that is only the plan's years (`（2024—2027年）`) to the
    /// plan title on the line before it.
    fn continues_plan_title(&mut self, field: &Field) -> bool {
        let Some(last) = self.doc.blocks.last_mut() else {
            return false;
        };
        let title = match self.attachment {
            Some(a) => self.doc.attachments[a].title.as_mut(),
            None => self.doc.title.as_mut(),
        };
        let Some(title) = title else {
            return false;
        };
        let follows = matches!(last.kind, BlockKind::PlanTitle | BlockKind::AttachmentTitle)
            && last.span == title.span;
        if !follows || !is_year_range(&field.text) {
            return false;
        }
        title.text.push_str(&field.text);
        title.span.end = field.span.end;
        last.span.end = field.span.end;
        true
    }

    /// The span of the paragraph on the line right before `at` when it reads
    /// as the first line of a title split over two: short, no punctuation
    /// inside a sentence, no marker, and nothing modelled from it.
    fn title_first_line(&self, at: usize) -> Option<Span> {
        let last = self.doc.blocks.last()?;
        let between = &self.text[last.span.end.min(at)..at];
        if last.kind != BlockKind::Paragraph
            || between.matches('\n').count() != 1
            || !between.chars().all(is_space_or_newline)
        {
            return None;
        }
        let text = self.slice(last.span);
        let chars = text.chars().count();
        // No sentence, no 文号 (`高 教〔2016〕55号`).
        let plain = !text.contains([
            '，', '。', '；', '：', ',', ';', ':', '、', '（', '(', '〔', '[', '【',
        ]);
        let modelled = self
            .doc
            .tasks
            .last()
            .is_some_and(|t| t.span.end > last.span.start)
            || self
                .doc
                .quantities
                .last()
                .is_some_and(|q| q.clause.end > last.span.start);
        (plain && (6..=40).contains(&chars) && !modelled).then_some(last.span)
    }

    /// The title the 附件说明 gives attachment `a` (its entry of the same
    /// number, or the only entry for an unnumbered attachment), without
    /// spaces.
    fn announced_title(&self, a: AttachmentId) -> Option<String> {
        let note = self.doc.attachment_note.as_ref()?;
        let attachment = &self.doc.attachments[a];
        let entry = match attachment.ordinal {
            Some(n) => note.entries.iter().find(|e| e.number == Some(n))?,
            None if note.entries.len() == 1 => &note.entries[0],
            None => return None,
        };
        Some(squeeze(&entry.title))
    }

    fn attachment_note(&mut self, node: Node<'t>) {
        let span = self.span(node);
        let mut label_span = span;
        let mut entries = Vec::new();
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            match child.node_kind() {
                "note_label" => label_span = self.span(child),
                "note_item" => {
                    let number_node = child.child_by_field_name("number");
                    let title_node = child.child_by_field_name("title");
                    let number_span = number_node.map(|n| self.span(n));
                    let number = number_span
                        .and_then(|s| Marker::classify(self.slice(s)))
                        .and_then(|m| m.number);
                    let mut title_span = title_node.map_or(self.span(child), |t| self.span(t));
                    let (number, number_span) = match (number, number_span) {
                        (None, None) => match year_after_marker(self.slice(title_span)) {
                            // `1.2021年各县(市)区工业技改投资预期目标`: the
                            // grammar read `1.2021` as a decimal.
                            Some((n, len)) => {
                                let marker = Span::new(title_span.start, title_span.start + len);
                                title_span.start = marker.end;
                                (Some(n), Some(marker))
                            }
                            None => (None, None),
                        },
                        found => found,
                    };
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

    fn attachment_start(&mut self, node: Node<'t>) {
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
        self.numbered_rows = false;
        self.bracket_role = None;
        self.columns = None;
        if let Some(title) = title {
            self.push_block(BlockKind::AttachmentTitle, title.span);
        }
    }

    /// Ends the open attachment before byte `at`, at the end of its last
    /// content line (page-footer debris is not part of it).
    fn close_attachment(&mut self, at: usize) {
        if let Some(a) = self.attachment {
            let start = self.doc.attachments[a].span.start;
            let end = at
                .min(self.last_content_end)
                .min(self.text.len())
                .max(start);
            self.doc.attachments[a].span = trim(self.text, Span::new(start, end));
        }
    }

    fn heading(&mut self, node: Node<'t>) {
        let span = self.span(node);
        let Some(marker_node) = node.child_by_field_name("marker") else {
            return self.paragraph(node);
        };
        let marker_span = self.span(marker_node);
        let Some(marker) = Marker::classify(self.slice(marker_span)) else {
            return self.paragraph(node);
        };
        if marker.style == MarkerStyle::ArabicBare && self.numbered_rows {
            return self.paragraph(node);
        }
        self.numbered_rows = false;
        let title_span = match node.child_by_field_name("title") {
            Some(t) => self.title_span(t),
            None => Span::new(marker_span.end, marker_span.end),
        };
        let title_text = strip_cell_borders(self.slice(title_span)).to_string();
        let has_body = node.child_by_field_name("body").is_some();
        let in_table = has_cell_separator(node, self.slice(span), span.start);
        if in_table && self.table.is_none() {
            self.table = Some(Table {
                rows: HashMap::new(),
                open_task: None,
            });
        }

        // A header row repeated after a page break is not a new section.
        let key = (marker.level(), marker.number, title_text.clone());
        if in_table && let Some(&of) = self.table.as_ref().and_then(|t| t.rows.get(&key)) {
            self.doc.repeated_headers.push(RepeatedHeader { of, span });
            self.stack.truncate(self.doc.sections[of].depth);
            self.stack.push(of);
            if let Some(t) = self.table.as_mut() {
                t.open_task = None;
            }
            return;
        }

        let id = self.push_section(Section {
            marker,
            marker_span,
            title: title_text,
            title_span,
            span,
            has_body,
            depth: 0,
            parent: None,
            children: Vec::new(),
            attachment: self.attachment,
            in_table,
        });
        if in_table && let Some(t) = self.table.as_mut() {
            t.rows.insert(key, id);
        }
        let block = self.push_block(BlockKind::Heading, span);
        self.heading_tasks(node, id);
        if in_table {
            self.heading_row(id, span);
        }
        self.member_lists(node);
        self.quantities(node, block, marker_span.end);
    }

    /// A heading that is a row of a task table under a header with unit
    /// columns (`1.\t任务\t市发改委\t市财政局、市统计局`): its cells on the
    /// line are its responsibility.
    fn heading_row(&mut self, id: SectionId, span: Span) {
        let Some(columns) = &self.columns else {
            return;
        };
        let lists = row_lists(self.text, span, columns);
        if lists.is_empty() {
            return;
        }
        let Some(task) = self
            .doc
            .tasks
            .iter()
            .rposition(|t| t.is_heading && t.section == Some(id))
        else {
            return;
        };
        if self.doc.tasks[task].responsibility.is_some() {
            return;
        }
        self.doc.tasks[task].responsibility = Some(Responsibility {
            span: Span::new(lists[0].units[0].span.start, span.end),
            form: ClauseForm::TableCells,
            labelled: true,
            lists,
        });
        if let Some(t) = self.table.as_mut() {
            t.open_task = None;
        }
    }

    /// A unit cell of a task table written as a clause (`市发改委牵头,市财政局
    /// 配合`), read as a line of its own.
    fn cell_clause(&self, cell: Span) -> Option<Responsibility> {
        let text = self.slice(cell);
        if !["牵头", "负责", "配合", "参与"]
            .iter()
            .any(|w| text.contains(w))
        {
            return None;
        }
        let tree = crate::syntax::parse(text);
        let mut clause = None;
        walk_named(tree.root_node(), |n| {
            if clause.is_some() {
                return false;
            }
            if n.node_kind() == "clause" {
                clause = Some(n);
                return false;
            }
            true
        });
        let clause = clause?;
        let tokens = self.clause_tokens(clause, cell.start);
        let span = Span::new(
            cell.start + clause.start_byte().min(text.len()),
            cell.start + clause.end_byte().min(text.len()),
        );
        Some(read_clause(&tokens, span, ClauseForm::TableCells))
    }

    /// Reads a line of TAB- or `|`-separated cells as a task table's header
    /// (it names the unit columns: 牵头单位, 配合单位 …) or, under such a
    /// header, as a row: a task whose unit cells are its responsibility.
    /// Returns whether the line was one of them.
    fn table_row(&mut self, node: Node<'t>) -> bool {
        let span = self.span(node);
        let line = self.slice(span);
        let cells = cells(line);
        if let Some(columns) = header_columns(line, &cells) {
            self.columns = Some(columns);
            return true;
        }
        let Some(columns) = &self.columns else {
            return false;
        };
        if cells.len() < 2 {
            return false;
        }
        let mut lists = row_lists(self.text, span, columns);
        // A unit cell written as a clause (`市发改委牵头,市财政局配合`).
        for (&(a, b), role) in cells.iter().zip(columns.clone()) {
            if role.is_some() {
                let cell = Span::new(span.start + a, span.start + b);
                lists.extend(self.cell_clause(cell).into_iter().flat_map(|r| r.lists));
            }
        }
        let Some(first) = lists.first().and_then(|l| l.units.first()) else {
            return false;
        };
        let start = first.span.start;
        self.doc.tasks.push(Task {
            span,
            section: self.stack.last().copied(),
            is_heading: false,
            attachment: self.attachment,
            responsibility: Some(Responsibility {
                span: Span::new(start, span.end),
                form: ClauseForm::TableCells,
                labelled: true,
                lists,
            }),
        });
        true
    }

    /// The span of a heading's title, without a responsibility clause that
    /// ends it: `一、防范化解政府债务风险(牵头单位:市财政局)`.
    fn title_span(&self, title: Node<'t>) -> Span {
        let span = self.span(title);
        let mut cursor = title.walk();
        let last = title
            .named_children(&mut cursor)
            .filter(|c| c.node_kind() != "cell_separator")
            .last();
        match last {
            Some(clause) if clause.node_kind() == "clause" => {
                let end = self.span(clause).start.clamp(span.start, span.end);
                trim(self.text, Span::new(span.start, end))
            }
            _ => span,
        }
    }

    /// Adds a section under the open heading its level belongs to, and opens
    /// it. `depth` and `parent` of `section` are filled in here.
    fn push_section(&mut self, mut section: Section) -> SectionId {
        let parent = self.parent_for(&section.marker);
        section.depth = self.stack.len();
        section.parent = parent;
        let id = self.doc.sections.len();
        self.doc.sections.push(section);
        match parent {
            Some(p) => self.doc.sections[p].children.push(id),
            None => self.doc.roots.push(id),
        }
        self.stack.push(id);
        id
    }

    /// The tasks of heading `id` (line `node`): one per responsibility clause,
    /// or one without a clause for a run-on item or a table row.
    fn heading_tasks(&mut self, node: Node<'t>, id: SectionId) {
        let span = self.span(node);
        let section = &self.doc.sections[id];
        let (has_body, in_table, level) = (section.has_body, section.in_table, section.level());
        let mut clauses = self.clauses(node);
        if clauses.is_empty() {
            clauses.extend(self.bracket_clause(node));
        }
        let is_task = !clauses.is_empty() || (level >= 2 && has_body) || in_table;
        if !is_task {
            return;
        }
        let task = self.doc.tasks.len();
        // Two clauses in one item (`(市住建局牵头)实行…。(供电公司牵头)`)
        // are two tasks of that item.
        let responsibilities: Vec<Option<Responsibility>> = if clauses.is_empty() {
            vec![None]
        } else {
            clauses.into_iter().map(Some).collect()
        };
        for responsibility in responsibilities {
            self.doc.tasks.push(Task {
                span,
                section: Some(id),
                is_heading: true,
                attachment: self.attachment,
                responsibility,
            });
        }
        if in_table && let Some(t) = self.table.as_mut() {
            t.open_task = Some((task, 0));
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

    /// The innermost open section of `level`.
    fn open_at_level(&self, level: u8) -> Option<SectionId> {
        self.stack
            .iter()
            .rev()
            .copied()
            .find(|&s| self.doc.sections[s].level() == level)
    }

    fn paragraph(&mut self, node: Node<'t>) {
        let span = self.span(node);
        let is_cell = has_cell_separator(node, self.slice(span), span.start);
        let kind = if is_cell || (self.table.is_some() && self.table_cell_expected()) {
            BlockKind::TableCell
        } else {
            BlockKind::Paragraph
        };
        if kind == BlockKind::Paragraph
            && (self.lost_marker_heading(node) || self.bare_cn_heading(node))
        {
            return;
        }
        if kind == BlockKind::Paragraph {
            let field = self.field(node);
            if self.continues_attachment_title(&field, false) || self.continues_plan_title(&field) {
                return;
            }
            if self.is_untold_plan_title(&field.text) {
                self.push_block(BlockKind::PlanTitle, field.span);
                self.doc.title = Some(field);
                return;
            }
        }
        let block = self.push_block(kind, span);
        if self.slice(span).starts_with("序号") {
            self.numbered_rows = true;
        }
        if self.doc.attachments_withheld.is_none() && withholds_attachments(self.slice(span)) {
            self.doc.attachments_withheld = Some(span);
        }

        if kind == BlockKind::TableCell {
            self.quantities(node, block, span.start);
            if is_cell && self.table_row(node) {
                return;
            }
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
            c.node_kind() == "clause" && !self.slice(self.span(c)).starts_with(['(', '（'])
        });
        let mut clauses = self.clauses(node);
        if clauses.is_empty() {
            clauses.extend(self.bracket_clause(node));
        }
        for mut responsibility in clauses {
            if first_is_line_clause {
                // A clause on a line of its own belongs to the item above it.
                responsibility.form = ClauseForm::OwnLine;
                self.attach_own_line_clause(responsibility, node);
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
        self.member_lists(node);
        self.quantities(node, block, span.start);
    }

    /// The member lists of line `node` (`成员单位包括A、B等`) that no
    /// responsibility clause of the line already holds.
    fn member_lists(&mut self, node: Node<'t>) {
        let span = self.span(node);
        let lists = member_lists(self.slice(span), span.start);
        let clauses: &[Span] = if self.line_clauses.0 == node.id() {
            &self.line_clauses.1
        } else {
            &[]
        };
        for list in lists {
            let inside_a_clause = clauses
                .iter()
                .any(|c| c.start < list.span.end && list.span.start < c.end);
            if !inside_a_clause {
                self.doc.member_lists.push(list);
            }
        }
    }

    /// Models paragraph `node` as a (N) heading whose marker was lost
    /// entirely, when its place says so, and returns whether it did:
    ///
    /// - a short line without 。 or clause, after the items of one (N) and
    ///   before a `1.` that restarts them: `实施畅通提效重点改革`;
    /// - a run-on paragraph where (一) is missing: straight after `二、…`
    ///   and before `(二)`, or between (k-1) and (k+1).
    fn lost_marker_heading(&mut self, node: Node<'t>) -> bool {
        let Some(next) = self.next_line(node).filter(|n| n.node_kind() == "heading") else {
            return false;
        };
        let Some(next_marker) = next
            .child_by_field_name("marker")
            .and_then(|m| Marker::classify(self.slice(self.span(m))))
        else {
            return false;
        };
        let span = self.span(node);
        let text = self.slice(span);
        if text.starts_with(['(', '（']) {
            return false;
        }
        let first_stop = text.find('。');
        let title_end = first_stop.map_or(span.end, |i| span.start + i);
        let title_chars = self.slice(Span::new(span.start, title_end)).chars().count();
        let starts_with_clause = node
            .named_child(0)
            .is_some_and(|c| c.node_kind() == "clause");

        let standalone = first_stop.is_none()
            && !has_descendant(node, "clause")
            && title_chars <= 30
            && next_marker.level() == 3
            && next_marker.number == Some(1)
            && self.open_at_level(3).is_some()
            && self.open_at_level(2).is_some();
        let run_in = !starts_with_clause
            && title_chars <= 40
            && next_marker.level() == 2
            && next_marker
                .number
                .is_some_and(|n| self.lost_sibling_fits(node, n));
        if !(standalone || run_in) {
            return false;
        }

        let marker = Marker {
            style: MarkerStyle::LostNumeral,
            number: None,
            full_width: false,
        };
        let title_span = trim(self.text, Span::new(span.start, title_end));
        let id = self.push_section(Section {
            marker,
            marker_span: Span::new(span.start, span.start),
            title: self.slice(title_span).to_string(),
            title_span,
            span,
            has_body: first_stop.is_some(),
            depth: 0,
            parent: None,
            children: Vec::new(),
            attachment: self.attachment,
            in_table: false,
        });
        let block = self.push_block(BlockKind::Heading, span);
        self.heading_tasks(node, id);
        self.quantities(node, block, span.start);
        true
    }

    /// Models paragraph `node` as a 一、 heading whose 、 was lost (`二 健全
    /// 绿色低碳循环发展的流通体系`, OCR), and returns whether it did: a
    /// Chinese numeral, a space, then a short title without 。, numbered one
    /// more than the open 一、 heading.
    fn bare_cn_heading(&mut self, node: Node<'t>) -> bool {
        let span = self.span(node);
        let text = self.slice(span);
        let numeral_len: usize = text
            .chars()
            .take_while(|&c| crate::text::is_cn_digit(c))
            .map(char::len_utf8)
            .sum();
        let after = &text[numeral_len..];
        let title = after.trim_start_matches(is_space);
        let spaced = title.len() < after.len();
        if numeral_len == 0
            || !spaced
            || !title.chars().next().is_some_and(|c| {
                crate::text::is_han(c) && !crate::text::is_cn_number_char(c)
            })
            // Letter-spaced text (`四 百 万 吨`) is not a title.
            || title.chars().take(4).any(is_space)
            || title.contains(['。', '，', '；', '：'])
            || title.chars().count() > 30
        {
            return false;
        }
        let Some(number) =
            crate::quantity::parse_chinese_number(&text[..numeral_len]).map(|v| v as u32)
        else {
            return false;
        };
        let follows = self
            .open_at_level(1)
            .and_then(|s| self.doc.sections[s].marker.number)
            .is_some_and(|n| n + 1 == number);
        if !follows {
            return false;
        }
        let marker_span = Span::new(span.start, span.end - title.len());
        let title_span = Span::new(marker_span.end, span.end);
        let id = self.push_section(Section {
            marker: Marker {
                style: MarkerStyle::CnBare,
                number: Some(number),
                full_width: false,
            },
            marker_span,
            title: title.to_string(),
            title_span,
            span,
            has_body: false,
            depth: 0,
            parent: None,
            children: Vec::new(),
            attachment: self.attachment,
            in_table: false,
        });
        self.push_block(BlockKind::Heading, span);
        self.numbered_rows = false;
        self.heading_tasks(node, id);
        true
    }

    /// Whether a (N) heading whose marker was lost fits before a level-2
    /// heading numbered `next`: its previous sibling is numbered `next - 2`
    /// (or it would be the first, and `next` is 2), and the paragraph follows
    /// straight on from that sibling's lines (or the parent heading).
    fn lost_sibling_fits(&self, node: Node<'t>, next: u32) -> bool {
        let Some(parent) = self
            .stack
            .iter()
            .rev()
            .copied()
            .find(|&s| self.doc.sections[s].level() < 2)
        else {
            return false;
        };
        let Some(previous_line) = node.prev_named_sibling() else {
            return false;
        };
        let last_sibling = self.doc.sections[parent]
            .children
            .iter()
            .copied()
            .rfind(|&c| self.doc.sections[c].level() == 2);
        match last_sibling {
            None => next == 2 && self.span(previous_line) == self.doc.sections[parent].span,
            Some(s) => {
                self.doc.sections[s].marker.number
                    == Some(next.saturating_sub(2)).filter(|&n| n > 0)
                    && self.stack.contains(&s)
                    && previous_line.node_kind() == "heading"
            }
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

    /// Attaches a clause on a line of its own (`node`) to the item above it:
    ///
    /// - after ① points, to the (N) that holds them (`由市民政局牵头,…` after
    ///   (4)①②; one clause per (1)/(2)/(3) block);
    /// - after a (N) sub-item that another (N) follows, to that sub-item;
    /// - after the last (N) of an item, to the item (`1.` with (1)–(8), then
    ///   `市交警大队牵头,…等配合。`);
    /// - otherwise to the innermost open heading.
    fn attach_own_line_clause(&mut self, responsibility: Responsibility, node: Node<'t>) {
        let span = self.span(node);
        let level_of = |s: SectionId| self.doc.sections[s].level();
        let innermost = self.stack.last().copied();
        let target = match innermost {
            Some(s) if level_of(s) == 4 => {
                let next_is_sibling = self
                    .next_line(node)
                    .filter(|n| n.node_kind() == "heading")
                    .and_then(|n| n.child_by_field_name("marker"))
                    .and_then(|m| Marker::classify(self.slice(self.span(m))))
                    .is_some_and(|m| m.level() == 4);
                match self.doc.sections[s].parent {
                    Some(item) if !next_is_sibling && level_of(item) == 3 => Some(item),
                    _ => Some(s),
                }
            }
            _ => self.stack.iter().rev().copied().find(|&s| level_of(s) <= 4),
        };
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

    /// The responsibility clause nodes of a line, outermost only, in order.
    ///
    /// The scanner makes a clause only around one of [`CLAUSE_WORDS`], so
    /// each clause holds the start of one: the cursor descends from the
    /// line straight to each word's first byte, instead of walking every
    /// node of the line (a step to a sibling costs hundreds of
    /// instructions where a line's children sit in hidden repeat nodes).
    fn clause_nodes(&self, node: Node<'t>) -> Vec<Node<'t>> {
        let span = self.span(node);
        let mut found: Vec<Node<'t>> = Vec::new();
        let mut cursor = node.walk();
        for start in clause_word_starts(self.slice(span)) {
            let at = span.start + start;
            // Another word of the clause already found.
            if found.last().is_some_and(|c| at < c.end_byte()) {
                continue;
            }
            if let Some(clause) = node_at(&mut cursor, node, at, "clause", |_| true) {
                found.push(clause);
            }
        }
        found
    }

    /// Remembers the spans of the clause nodes of line `node`, for
    /// [`Builder::quantities`] and [`Builder::member_lists`].
    fn remember_line_clauses(&mut self, node: Node<'t>, clauses: &[Node]) {
        let text_len = self.text.len();
        let spans = clauses
            .iter()
            .map(|n| Span::new(n.start_byte().min(text_len), n.end_byte().min(text_len)))
            .collect();
        self.line_clauses = (node.id(), spans);
    }

    /// The responsibility clauses in a line, outermost only, in order.
    fn clauses(&mut self, node: Node<'t>) -> Vec<Responsibility> {
        let mut out = Vec::new();
        let found = self.clause_nodes(node);
        self.remember_line_clauses(node, &found);
        for clause in found {
            let span = self.span(clause);
            let form = if self.slice(span).starts_with(['(', '（']) {
                ClauseForm::Parenthesised
            } else {
                ClauseForm::Bare
            };
            let mut tokens = self.clause_tokens(clause, 0);
            if let Some(role) = self.convention_note(&mut tokens, span) {
                self.bracket_role = Some(role);
            }
            out.push(read_clause(&tokens, span, form));
        }
        out
    }

    /// Finds a convention note among a clause's tokens (`牵头单位:市教育局,
    /// 以下括号内所列单位为牵头单位)`), cuts it off, and returns the role it
    /// gives to bracketed unit lists from here on.
    fn convention_note(&self, tokens: &mut Vec<ClauseToken<'a>>, clause: Span) -> Option<UnitRole> {
        let at = tokens.iter().position(|t| {
            matches!(t, ClauseToken::Unit(text, _) if text.contains("括号") && (text.contains("以下") || text.contains("所列")))
        })?;
        let ClauseToken::Unit(_, note) = tokens[at] else {
            return None;
        };
        let rest = self.slice(Span::new(note.start, clause.end));
        let role = if rest.contains("牵头") {
            UnitRole::Lead
        } else if rest.contains("配合") {
            UnitRole::Collaborating
        } else {
            UnitRole::Responsible
        };
        tokens.truncate(at);
        while matches!(
            tokens.last(),
            Some(ClauseToken::Separator | ClauseToken::Gap)
        ) {
            tokens.pop();
        }
        Some(role)
    }

    /// Under a convention note, the unit list in brackets (or after the last
    /// 。) that ends a task line: `…稳定脱贫人口务工规模。(市人社局)`.
    fn bracket_clause(&self, node: Node<'t>) -> Option<Responsibility> {
        let role = self.bracket_role?;
        let container = if node.node_kind() == "heading" {
            node.child_by_field_name("body")
                .or_else(|| node.child_by_field_name("title"))?
        } else {
            node
        };
        let mut cursor = container.walk();
        let children: Vec<Node> = container
            .named_children(&mut cursor)
            .filter(|c| c.node_kind() != "cell_separator")
            .collect();
        let mut end = children.len();
        while end > 0 && children[end - 1].node_kind() == "period" {
            end -= 1;
        }
        let last = *children.get(end.checked_sub(1)?)?;
        let span = self.span(last);
        let (inner, form) = match last.node_kind() {
            "paren" => {
                let text = self.slice(span);
                let open = text.chars().next().map_or(0, char::len_utf8);
                let close = text
                    .chars()
                    .last()
                    .filter(|c| matches!(c, ')' | '）'))
                    .map_or(0, char::len_utf8);
                let inner = Span::new(span.start + open, (span.end - close).max(span.start + open));
                (inner, ClauseForm::Parenthesised)
            }
            "text" if end >= 2 && children[end - 2].node_kind() == "period" => {
                (span, ClauseForm::Bare)
            }
            _ => return None,
        };
        let units = split_unit_list(self.slice(inner), inner.start);
        if units.is_empty() || !units.iter().all(|u| looks_like_unit_name(&u.name)) {
            return None;
        }
        Some(Responsibility {
            span,
            form,
            labelled: false,
            lists: vec![UnitList { role, units }],
        })
    }

    /// The tokens of clause node `clause`, whose byte offsets count from
    /// byte `offset` of the text (0 but for a cell parsed on its own).
    fn clause_tokens(&self, clause: Node<'t>, offset: usize) -> Vec<ClauseToken<'a>> {
        let mut tokens = Vec::new();
        let mut cursor = clause.walk();
        let mut previous_end: Option<usize> = None;
        for child in clause.named_children(&mut cursor) {
            let start = (offset + child.start_byte()).min(self.text.len());
            let end = (offset + child.end_byte()).min(self.text.len());
            let span = Span::new(start, end);
            let text = self.slice(span);
            if let (Some(prev), "unit") = (previous_end, child.node_kind())
                && prev < start
                && self.text[prev..start].chars().all(char::is_whitespace)
            {
                tokens.push(ClauseToken::Gap);
            }
            previous_end = Some(end);
            tokens.push(match child.node_kind() {
                "unit" => ClauseToken::Unit(text, span),
                "role" => ClauseToken::Role(text, span),
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
    fn quantities(&mut self, node: Node<'t>, block: usize, from: usize) {
        let span = self.span(node);
        let from = from.clamp(span.start, span.end);
        let text = self.slice(Span::new(from, span.end));
        let section = self.stack.last().copied();
        let quantities = find_quantities(text, from);
        if quantities.is_empty() {
            return;
        }
        let mut breaks = clause_breaks(self.text, span);
        // A responsibility clause is not part of the target's wording:
        // `改造老旧小区5个以上(县住建局牵头)` states 改造老旧小区.
        if self.line_clauses.0 != node.id() {
            // Not read by `clauses` yet (a table cell): find them here.
            let found = self.clause_nodes(node);
            self.remember_line_clauses(node, &found);
        }
        for clause in &self.line_clauses.1 {
            breaks.push(Span::new(clause.start, clause.start));
            breaks.push(Span::new(clause.end, clause.end));
        }
        breaks.sort_by_key(|b| b.start);
        for quantity in quantities {
            let clause = clause_around(&breaks, span, quantity.span);
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
        if self.text.contains("称") {
            self.doc.short_names = super::responsibility::short_names(self.text);
        }
        // Link each attachment to its 附件说明 entry by ordinal.
        if let Some(note) = &self.doc.attachment_note {
            let lone = self
                .doc
                .attachments
                .iter()
                .filter(|a| a.kind == AttachmentKind::Attachment)
                .count()
                == 1;
            for attachment in &mut self.doc.attachments {
                if attachment.kind != AttachmentKind::Attachment {
                    continue;
                }
                // One unnumbered entry (附件:名称) is the one attachment,
                // bare 附件 or, the only one, 附件1.
                let lone_entry = note.entries.len() == 1
                    && note.entries[0].number.is_none()
                    && (attachment.ordinal.is_none() || (lone && attachment.ordinal == Some(1)));
                attachment.note_entry = note
                    .entries
                    .iter()
                    .position(|e| e.number.is_some() && e.number == attachment.ordinal)
                    .or_else(|| {
                        (note.entries.len() == 1 && attachment.ordinal.is_none()).then_some(0)
                    })
                    .or_else(|| lone_entry.then_some(0));
            }
        }
        self.doc
    }
}

/// Whether a line says that the attachments are not published:
/// `（此件正文公开发布，附件不公开）`, `附件不予公开`.
fn withholds_attachments(line: &str) -> bool {
    // Counted before squeezing, and only up to the 41st: most lines are
    // long paragraphs, not worth a copy.
    if line.chars().filter(|c| !is_space(*c)).nth(40).is_some() {
        return false;
    }
    let line = squeeze(line);
    ["附件不公开", "附件不予公开", "附件略", "附件不公布"]
        .iter()
        .any(|w| line.contains(w))
}

fn is_space_or_newline(c: char) -> bool {
    is_space(c) || c == '\n' || c == '\r'
}

/// Whether `text` is only a range of years in brackets: `（2024—2027年）`,
/// `(2022-2025)`.
fn is_year_range(text: &str) -> bool {
    let s = squeeze(text);
    let Some(inner) = s
        .strip_prefix(['（', '('])
        .and_then(|s| s.strip_suffix(['）', ')']))
    else {
        return false;
    };
    let inner = inner.strip_suffix('年').unwrap_or(inner);
    let mut parts = inner
        .split(['—', '–', '-', '－', '~', '～', '至'])
        .filter(|p| !p.is_empty());
    let year = |p: Option<&str>| {
        p.is_some_and(|p| {
            p.trim_end_matches('年').len() == 4
                && p.trim_end_matches('年').chars().all(|c| c.is_ascii_digit())
        })
    };
    year(parts.next()) && year(parts.next()) && parts.next().is_none()
}

/// `text` without white space.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !is_space(*c)).collect()
}

/// The number and byte length of an item marker that a year follows
/// without a space (`1.2021年…`, `2．2022年度…`), which the grammar reads as
/// a decimal: no decimal is followed by 年.
fn year_after_marker(text: &str) -> Option<(u32, usize)> {
    let digits = text.chars().take_while(|c| c.is_ascii_digit()).count();
    let dot = text[digits..].chars().next()?;
    if !(1..=2).contains(&digits) || !matches!(dot, '.' | '．') {
        return None;
    }
    let marker_len = digits + dot.len_utf8();
    let rest = &text[marker_len..];
    let year = rest.get(..4)?;
    let is_year = (year.starts_with("19") || year.starts_with("20"))
        && year.chars().all(|c| c.is_ascii_digit())
        && rest[4..].starts_with('年');
    if !is_year {
        return None;
    }
    Some((text[..digits].parse().ok()?, marker_len))
}

/// Whether the lines on both sides of `node` are web-page debris.
fn is_between_debris(node: Node) -> bool {
    let is_debris = |n: Option<Node>| n.is_some_and(|n| n.node_kind() == "debris");
    is_debris(node.prev_named_sibling()) && is_debris(node.next_named_sibling())
}

/// Whether a title line ends like a whole title (…方案, …清单), so that the
/// line after it is not its continuation.
fn ends_like_a_title(text: &str) -> bool {
    const ENDINGS: [&str; 7] = ["方案", "计划", "清单", "要点", "办法", "细则", "规划"];
    let text = text.trim_end_matches(|c: char| is_space(c) || matches!(c, ')' | '）' | '》'));
    ENDINGS.iter().any(|e| text.ends_with(e))
}

fn has_descendant(node: Node, wanted: &str) -> bool {
    if node.node_kind() == wanted {
        return true;
    }
    let mut found = false;
    walk_named(node, |n| {
        found |= n.node_kind() == wanted;
        !found
    });
    found
}

/// Visits the named descendants of `node` in document order with one
/// cursor and no allocation; `visit` returns whether to go into a node.
fn walk_named<'t>(node: Node<'t>, mut visit: impl FnMut(Node<'t>) -> bool) {
    let mut cursor = node.walk();
    if !cursor.goto_first_child() {
        return;
    }
    loop {
        let n = cursor.node();
        let descend = n.is_named() && visit(n);
        if descend && cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() || cursor.node().id() == node.id() {
                return;
            }
        }
    }
}

/// The cells of a table line: byte ranges between TABs and `|`, trimmed,
/// empty ones included (a row keeps its columns).
fn cells(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let push = |from: usize, to: usize, out: &mut Vec<(usize, usize)>| {
        let cell = &line[from..to];
        let a = from + (cell.len() - cell.trim_start_matches(is_space).len());
        let b = from + cell.trim_end_matches(is_space).len();
        out.push((a, b.max(a)));
    };
    for (i, c) in line.char_indices() {
        if c == '\t' || c == '|' {
            push(start, i, &mut out);
            start = i + 1;
        }
    }
    push(start, line.len(), &mut out);
    // `| a | b |`: the borders are not cells.
    if line.trim_start_matches(is_space).starts_with('|') && out.first().is_some_and(|c| c.0 == c.1)
    {
        out.remove(0);
    }
    while out.last().is_some_and(|c| c.0 == c.1) {
        out.pop();
    }
    out
}

/// The role a table header cell gives its column: 牵头单位 (Lead), 责任单位
/// (Responsible), 配合单位 (Collaborating), or `None`.
fn column_role(cell: &str) -> Option<UnitRole> {
    let cell: String = cell.chars().filter(|c| !is_space(*c)).collect();
    let cell = cell.trim_end_matches(['(', ')', '（', '）']);
    const LEAD: [&str; 4] = ["牵头单位", "牵头部门", "牵头责任单位", "总牵头单位"];
    const RESPONSIBLE: [&str; 6] = [
        "责任单位",
        "责任部门",
        "主责单位",
        "实施单位",
        "责任主体",
        "主办单位",
    ];
    const COLLABORATING: [&str; 6] = [
        "配合单位",
        "配合部门",
        "参与单位",
        "协办单位",
        "协同单位",
        "参与部门",
    ];
    if LEAD.contains(&cell) {
        Some(UnitRole::Lead)
    } else if RESPONSIBLE.contains(&cell) {
        Some(UnitRole::Responsible)
    } else if COLLABORATING.contains(&cell) {
        Some(UnitRole::Collaborating)
    } else {
        None
    }
}

/// The unit columns of a table header row (`序号\t任务\t牵头单位\t配合单位`):
/// three cells or more, every one a short label, at least one of them a
/// unit column.
fn header_columns(line: &str, cells: &[(usize, usize)]) -> Option<Vec<Option<UnitRole>>> {
    if cells.len() < 3 {
        return None;
    }
    let texts: Vec<&str> = cells.iter().map(|&(a, b)| &line[a..b]).collect();
    let short = texts
        .iter()
        .all(|t| t.chars().count() <= 10 && !t.contains(['、', ',', '，', '。']));
    let roles: Vec<Option<UnitRole>> = texts.iter().map(|t| column_role(t)).collect();
    (short && roles.iter().any(Option::is_some)).then_some(roles)
}

/// The unit lists of a table row under a header with unit `columns`: one
/// list per unit cell whose every name reads as a unit. A row with more
/// cells than the header, or whose unit cells hold a clause or other text,
/// gives nothing for those cells.
fn row_lists(text: &str, span: Span, columns: &[Option<UnitRole>]) -> Vec<UnitList> {
    let line = &text[span.start..span.end];
    let cells = cells(line);
    if cells.len() > columns.len() || cells.len() < 2 {
        return Vec::new();
    }
    let mut lists = Vec::new();
    for (&(a, b), role) in cells.iter().zip(columns) {
        let Some(role) = *role else { continue };
        let cell = &line[a..b];
        if ["牵头", "负责", "配合", "参与"]
            .iter()
            .any(|w| cell.contains(w))
        {
            continue;
        }
        let units = split_unit_list(cell, span.start + a);
        let all_units = units
            .iter()
            .all(|u| looks_like_unit_name(&u.name) || super::members::is_collective(&u.name));
        if !units.is_empty() && all_units {
            lists.push(UnitList { role, units });
        }
    }
    lists
}

/// Whether `name` reads as the name of a unit (市人社局, 国网邵东市供电公司,
/// 市融媒体中心, or 市水利 whose 局 was lost), for bracketed lists that carry
/// no responsibility word.
pub(crate) fn looks_like_unit_name(name: &str) -> bool {
    const LAST: &str = "局办委会心司部院队联所站行社团处室厅区府门位";
    let count = name.chars().count();
    let named = name.chars().last().is_some_and(|c| LAST.contains(c))
        || (name.starts_with(['市', '县', '区', '省']) && count <= 12);
    (3..=20).contains(&count)
        && !name
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '。' | ':' | '：' | '“' | '”' | '《' | '》'))
        && named
}

fn set_once(slot: &mut Option<Field>, value: Field) {
    if slot.is_none() {
        *slot = Some(value);
    }
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

/// The byte offsets in `line` where one of [`CLAUSE_WORDS`] starts,
/// ascending. `str::contains` tells cheaply (a vectorised search) which
/// words a line holds at all, most lines none or one; the places of those
/// come from searching their first character (`memchr` on a byte), not
/// from a substring search, a character-by-character pass or an
/// Aho-Corasick automaton, each of which costs several times more.
fn clause_word_starts(line: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    for word in CLAUSE_WORDS.iter().filter(|w| line.contains(*w)) {
        let Some(first) = word.chars().next() else {
            continue;
        };
        starts.extend(
            line.match_indices(first)
                .map(|(i, _)| i)
                .filter(|&i| line[i..].starts_with(word)),
        );
    }
    starts.sort_unstable();
    starts
}

/// Whether line `node` (text `line`, from byte `line_start`) has a cell
/// separator of its own: a child, or a child of its title or body (not
/// one inside brackets). Only a `|` or TAB can be one, so the cursor
/// descends to those bytes alone.
fn has_cell_separator(node: Node, line: &str, line_start: usize) -> bool {
    // Both are ASCII: byte searches (memchr) first, for most lines have
    // neither.
    let bytes = line.as_bytes();
    if !bytes.contains(&b'|') && !bytes.contains(&b'\t') {
        return false;
    }
    let mut cursor = node.walk();
    line.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'|' || b == b'\t')
        .any(|(i, _)| {
            let enter = |kind: &str| matches!(kind, "title" | "body");
            node_at(&mut cursor, node, line_start + i, "cell_separator", enter).is_some()
        })
}

/// The outermost node of kind `wanted` that holds byte `at` of line
/// `line`, found by descending from the line through the named nodes
/// that hold the byte and whose kind `enter` accepts: what a walk of
/// the line's named nodes that goes only into those would meet at that
/// byte, at the cost of one path instead of every sibling before it.
fn node_at<'t>(
    cursor: &mut TreeCursor<'t>,
    line: Node<'t>,
    at: usize,
    wanted: &str,
    enter: impl Fn(&str) -> bool,
) -> Option<Node<'t>> {
    cursor.reset(line);
    while cursor.goto_first_child_for_byte(at).is_some() {
        let node = cursor.node();
        // The first child that ends after `at` may start after it.
        if node.start_byte() > at || !node.is_named() {
            return None;
        }
        let kind = node.node_kind();
        if kind == wanted {
            return Some(node);
        }
        if !enter(kind) {
            return None;
        }
    }
    None
}

/// The clause around `inner` within `line`: between the nearest 。;,: on
/// each side.
/// The clause breaks of a line (。;,:!? in both widths), as byte ranges,
/// found once per line so that each quantity's clause is a binary search.
fn clause_breaks(text: &str, line: Span) -> Vec<Span> {
    text[line.start..line.end]
        .char_indices()
        .filter(|&(_, c)| {
            matches!(
                c,
                '。' | ';' | '；' | ',' | '，' | ':' | '：' | '!' | '！' | '?' | '？'
            )
        })
        .map(|(i, c)| Span::new(line.start + i, line.start + i + c.len_utf8()))
        .collect()
}

/// The clause around `inner` within `line`: between the nearest breaks on
/// each side.
fn clause_around(breaks: &[Span], line: Span, inner: Span) -> Span {
    let after = breaks.partition_point(|b| b.end <= inner.start);
    let start = after.checked_sub(1).map_or(line.start, |i| breaks[i].end);
    let end = breaks[after..]
        .iter()
        .find(|b| b.start >= inner.end)
        .map_or(line.end, |b| b.start);
    Span::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(text: &str) -> (Source, Document) {
        let source = Source::new("test.txt", text.to_string());
        let doc = Document::parse(&source);
        (source, doc)
    }

    #[test]
    fn clause_words_are_found_wherever_they_start() {
        let line = "市教育局牵头,责任部门:市财政局;单";
        let words: Vec<&str> = clause_word_starts(line)
            .into_iter()
            .map(|i| &line[i..i + 6])
            .collect();
        assert_eq!(words, ["牵头", "任部"]);
    }

    #[test]
    fn a_quantitys_clause_stops_at_a_responsibility_clause() {
        let text = "一、城市更新\n1.改造老旧小区5个以上(县住建局牵头)\n";
        let (source, doc) = model(text);
        let q = &doc.quantities[0];
        // The line, marker included, up to the responsibility clause.
        assert_eq!(source.slice(q.clause), Some("1.改造老旧小区5个以上"));
    }

    #[test]
    fn a_note_entry_numbered_before_a_year_keeps_its_number() {
        let text = "一、总体要求\n推进改造。\n附件:1.2021年各县(市)区技改投资预期目标\n\
            2.衡北市技术改造工作领导小组成员名单\n3.2021年重点技术改造项目清单\n";
        let (source, doc) = model(text);
        let note = doc.attachment_note.as_ref().expect("a 附件说明");
        let entries: Vec<(Option<u32>, &str)> = note
            .entries
            .iter()
            .map(|e| (e.number, source.slice(e.title_span).unwrap_or("")))
            .collect();
        assert_eq!(
            entries,
            [
                (Some(1), "2021年各县(市)区技改投资预期目标"),
                (Some(2), "衡北市技术改造工作领导小组成员名单"),
                (Some(3), "2021年重点技术改造项目清单"),
            ]
        );
        assert_eq!(note.entries[0].title, "2021年各县(市)区技改投资预期目标");
    }

    #[test]
    fn a_lone_unnumbered_entry_is_the_lone_attachment_numbered_1() {
        let text = "一、总体要求\n推进改造。\n附件:衡北县城乡建设提质行动任务清单\n附件1\n衡北县城乡建设提质行动任务清单\n一、城市更新\n";
        let (_, doc) = model(text);
        assert_eq!(doc.attachments.len(), 1);
        assert_eq!(doc.attachments[0].note_entry, Some(0));
        // Two attachments: 附件1 is not the unnumbered entry's.
        let text = "一、总体要求\n推进改造。\n附件:衡北县城乡建设提质行动任务清单\n附件1\n衡北县任务清单\n附件2\n衡北县项目清单\n";
        let (_, doc) = model(text);
        assert_eq!(doc.attachments.len(), 2);
        assert!(doc.attachments.iter().all(|a| a.note_entry.is_none()));
    }

    /// `(marker+title, depth)` of every section, in order.
    fn outline(source: &Source, doc: &Document) -> Vec<(String, usize)> {
        doc.sections
            .iter()
            .map(|s| {
                let marker = &source.text()[s.marker_span.start..s.marker_span.end];
                (format!("{marker}{}", s.title), s.depth)
            })
            .collect()
    }

    fn line_of(source: &Source, span: Span) -> usize {
        source.line_col_1based(span.start).0
    }

    fn leads(r: &Responsibility) -> Vec<&str> {
        r.leads().map(|u| u.name.as_str()).collect()
    }

    /// The lines of the sections that `task` lines point at: (task line,
    /// section line, leads).
    fn task_sections(source: &Source, doc: &Document) -> Vec<(usize, Option<usize>, Vec<String>)> {
        doc.tasks
            .iter()
            .filter_map(|t| {
                let r = t.responsibility.as_ref()?;
                Some((
                    line_of(source, r.span),
                    t.section.map(|s| line_of(source, doc.sections[s].span)),
                    r.leads().map(|u| u.name.clone()).collect(),
                ))
            })
            .collect()
    }

    #[test]
    fn a_lone_open_bracket_is_a_level_2_marker_whose_numeral_was_lost() {
        let (source, doc) = model(
            "二、攻坚任务\n(扩大有效消费\n1.推动增收减负。落实带薪休假。\n2.创新消费场景。建设商圈。\n(二)提高投资效益\n1.推进项目建设。\n",
        );
        assert_eq!(
            outline(&source, &doc),
            [
                ("二、攻坚任务".to_string(), 0),
                ("(扩大有效消费".to_string(), 1),
                ("1.推动增收减负".to_string(), 2),
                ("2.创新消费场景".to_string(), 2),
                ("(二)提高投资效益".to_string(), 1),
                ("1.推进项目建设".to_string(), 2),
            ]
        );
        assert_eq!(doc.sections[1].marker.style, MarkerStyle::LostNumeral);
        assert_eq!(doc.sections[1].marker.number, None);
    }

    #[test]
    fn a_short_line_before_restarted_items_is_a_heading_that_lost_its_marker() {
        let (source, doc) = model(concat!(
            "二、攻坚任务\n",
            "(一)实施扩需重点改革\n",
            "1.激发经营主体活力。完善政策。(县财政局牵头,县发改局等按职能分工负责)\n",
            "2.深化扩大需求改革。扩大投资。(县发改局牵头,县财政局等按职能分工负责)\n",
            "实施畅通提效重点改革\n",
            "1.融入统一大市场。清理规定。(县发改局牵头,县市场监管局等按职能分工负责)\n",
            "(三)实施通道拓展工程\n",
            "1.畅通贸易通道。稳定班列。(县商务局牵头,县交通运输局等按职能分工负责)\n",
        ));
        let sections = outline(&source, &doc);
        assert_eq!(sections[4], ("实施畅通提效重点改革".to_string(), 1));
        assert_eq!(sections[5], ("1.融入统一大市场".to_string(), 2));
        let lost = &doc.sections[4];
        assert_eq!(lost.marker.style, MarkerStyle::LostNumeral);
        assert!(lost.marker_span.is_empty());
        assert_eq!(doc.sections[5].parent, Some(4));
        assert_eq!(doc.sections[0].children, [1, 4, 6]);
    }

    #[test]
    fn a_run_on_paragraph_where_the_first_marker_is_lost_is_that_heading() {
        let (source, doc) = model(concat!(
            "二、攻坚重点\n",
            "实施内需扩量攻坚。坚持扩大内需,推进消费升级。\n",
            "(二)实施产业培强攻坚。推进产业升级。\n",
            "(三)实施科技赋能攻坚。加强技术攻关。\n",
        ));
        assert_eq!(
            outline(&source, &doc),
            [
                ("二、攻坚重点".to_string(), 0),
                ("实施内需扩量攻坚".to_string(), 1),
                ("(二)实施产业培强攻坚".to_string(), 1),
                ("(三)实施科技赋能攻坚".to_string(), 1),
            ]
        );
        assert!(doc.sections[1].has_body);
        assert_eq!(doc.sections[1].marker.style, MarkerStyle::LostNumeral);
    }

    #[test]
    fn intro_paragraphs_are_not_headings_that_lost_their_marker() {
        // Before (一): an introduction, not a lost (一).
        let (source, doc) = model(concat!(
            "二、重点任务\n",
            "围绕全年目标,统筹推进各项工作。\n",
            "(一)大力实施产业培塑行动。加快构建产业体系。\n",
            "(二)大力实施创新提升行动。突破关键技术。\n",
        ));
        assert_eq!(outline(&source, &doc).len(), 3);
        // After (二) and before its first item: an introduction too.
        let (source, doc) = model(concat!(
            "(一)推进产业集群\n",
            "1.扩大链群规模。培育企业。\n",
            "(二)推进百十亿工程\n",
            "围绕重点产业链开展工作\n",
            "1.加快企业营收跃升。支持企业上规。\n",
        ));
        assert_eq!(outline(&source, &doc).len(), 4);
    }

    #[test]
    fn own_line_clauses_go_to_the_item_or_sub_item_they_close() {
        let (source, doc) = model(concat!(
            "(一)深化专项整治\n",
            "1.开展道路交通安全整治。\n", // 2
            "(1)明确公路管理责任。\n",
            "(2)整治交通问题顽疾。\n",
            "市交警大队牵头,市交通运输局、各镇(街道、中心)等配合。\n", // 5: the item's
            "2.开展消防安全整治。\n",                                  // 6
            "(1)开展关爱活动。\n",                                     // 7
            "①开展隐患排查。\n",
            "②推广宣教服务。\n",
            "由市民政局牵头,卫健、各镇(街道、中心)等配合。\n", // 10: (1)'s
            "(2)实施挂牌督办。\n",                             // 11
            "市应急局牵头,市林业局等配合\n",                   // 12: between (N)s: (2)'s
            "(3)争取项目资金。\n",
            "市消防救援大队牵头,市公安局等配合。\n", // 14: the item's
        ));
        let mut found = task_sections(&source, &doc);
        found.sort();
        assert_eq!(
            found,
            [
                (5, Some(2), vec!["市交警大队".to_string()]),
                (10, Some(7), vec!["市民政局".to_string()]),
                (12, Some(11), vec!["市应急局".to_string()]),
                (14, Some(6), vec!["市消防救援大队".to_string()]),
            ]
        );
        assert!(doc.tasks.iter().all(|t| {
            t.responsibility
                .as_ref()
                .is_none_or(|r| r.form == ClauseForm::OwnLine)
        }));
    }

    #[test]
    fn a_page_title_between_debris_lines_is_debris() {
        let (source, doc) = model(concat!(
            "当前位置: 首页 > 政府文件\n",
            "\n",
            "某县人民政府办公室关于印发《某县实施“七大攻坚”总体方案》的通知\n",
            "\n",
            "发布时间:2025-03-06 15:32 信息来源:某县政府办\n",
            "某县人民政府办公室\n",
            "关于印发《某县实施“七大攻坚”\n",
            "\n",
            "总体方案》的通知\n",
        ));
        assert_eq!(
            doc.debris
                .iter()
                .map(|d| line_of(&source, *d))
                .collect::<Vec<_>>(),
            [1, 3, 5]
        );
        let title = doc.header.notice_title.as_ref().expect("a notice title");
        assert_eq!(title.text, "关于印发《某县实施“七大攻坚”总体方案》的通知");
        assert_eq!(line_of(&source, title.span), 7);
    }

    #[test]
    fn an_attachment_title_split_over_two_lines_is_joined() {
        let (_, doc) = model("附表\n某县打好优化发展环境持久仗重点工作\n任务清单\n工作任务 |\n");
        assert_eq!(doc.attachments.len(), 1);
        assert_eq!(doc.attachments[0].kind, AttachmentKind::Table);
        let title = doc.attachments[0].title.as_ref().unwrap();
        assert_eq!(title.text, "某县打好优化发展环境持久仗重点工作任务清单");
        assert!(!doc.blocks.iter().any(|b| b.kind == BlockKind::PlanTitle));

        // The 附件说明 tells that the line after a whole title continues it.
        let (_, doc) = model(concat!(
            "附件：1.某市试点建设方案编制指南\n",
            "      2.某市工作领导小组成员名单\n",
            "附件1\n某市试点建设方案\n编制指南\n一、建设主体概况\n",
            "附件2\n某市工作领导小组\n成员名单\n组  长：某某\n",
        ));
        let titles: Vec<&str> = doc
            .attachments
            .iter()
            .map(|a| a.title.as_ref().unwrap().text.as_str())
            .collect();
        assert_eq!(
            titles,
            ["某市试点建设方案编制指南", "某市工作领导小组成员名单"]
        );
        assert_eq!(doc.sections.len(), 1);

        // A whole title is not continued by the next title line.
        let (_, doc) = model("附件1\n某县产业培塑行动实施方案\n某县创新提升行动实施方案\n");
        let title = doc.attachments[0].title.as_ref().unwrap();
        assert_eq!(title.text, "某县产业培塑行动实施方案");
    }

    #[test]
    fn a_year_after_a_note_entrys_number_is_the_start_of_its_title() {
        let (_, doc) = model(concat!(
            "附件：1.2021年各县区技改投资预期目标\n",
            "2.某市工作领导小组成员名单\n",
            "3.2021年重点技术改造项目清单\n",
        ));
        let entries: Vec<(Option<u32>, &str)> = doc
            .attachment_note
            .as_ref()
            .unwrap()
            .entries
            .iter()
            .map(|e| (e.number, e.title.as_str()))
            .collect();
        assert_eq!(
            entries,
            [
                (Some(1), "2021年各县区技改投资预期目标"),
                (Some(2), "某市工作领导小组成员名单"),
                (Some(3), "2021年重点技术改造项目清单"),
            ]
        );
        assert_eq!(year_after_marker("1.5万吨"), None);
        assert_eq!(year_after_marker("12.2025年底"), Some((12, 3)));
    }

    #[test]
    fn a_note_that_the_attachments_are_not_published_is_kept() {
        let (source, doc) = model(concat!(
            "某市人民政府\n2022年4月15日\n",
            "（此件正文公开发布，附件不公开）\n",
            "某市绿色低碳发展实施方案\n一、总体要求\n",
        ));
        let at = doc.attachments_withheld.expect("the note is found");
        assert_eq!(line_of(&source, at), 3);
        let (_, doc) = model(
            "一、总体要求\n各单位要按附件不公开的原则报送材料，确保信息安全，严格保密，不得对外泄露相关内容和数据。\n",
        );
        assert_eq!(doc.attachments_withheld, None);
    }

    #[test]
    fn numbers_glued_to_the_rows_of_a_numbered_table_are_not_markers() {
        let (source, doc) = model(concat!(
            "附件1\n某市各区技改投资预期目标\n",
            "序号 区 总量（亿元） 比增（%）\n",
            "全市 1120 12\n",
            "1东城区21 9\n",
            "2西城区 / /\n",
            "附件2\n某市工作任务清单\n",
            "1加强统筹。建立工作机制。\n",
        ));
        assert_eq!(outline(&source, &doc), [("1加强统筹".to_string(), 0)]);
    }

    #[test]
    fn a_plan_title_over_two_lines_is_one_title() {
        let (source, doc) = model(concat!(
            "某市人民政府\n2022年4月15日\n",
            "某市加快建立健全绿色低碳循环发展\n",
            "经济体系实施方案\n",
            "为贯彻落实有关部署，制定本实施方案。\n",
            "一、总体要求\n",
        ));
        let title = doc.title.as_ref().expect("a title");
        assert_eq!(
            title.text,
            "某市加快建立健全绿色低碳循环发展经济体系实施方案"
        );
        assert_eq!(line_of(&source, title.span), 3);
        // The years on a line of their own are part of it.
        let (_, doc) = model(
            "（此件公开发布）\n某市推动低空经济\n高质量发展行动方案\n（2024—2027年）\n一、总体要求\n",
        );
        let title = doc.title.as_ref().expect("a title");
        assert_eq!(
            title.text,
            "某市推动低空经济高质量发展行动方案（2024—2027年）"
        );
        assert!(!is_year_range("（2024年）"));
        // A sentence before the title is not part of it.
        let (_, doc) = model("现将有关事项通知如下，请认真组织实施。\n某市绿色低碳发展实施方案\n");
        assert_eq!(doc.title.as_ref().unwrap().text, "某市绿色低碳发展实施方案");
    }

    #[test]
    fn a_plan_title_that_starts_with_a_year_is_the_title() {
        let (_, doc) = model(concat!(
            "某市人民政府办公厅关于\n\n印发2016年某市推进新型城镇化\n\n工作要点的通知\n",
            "各区县人民政府，市政府各部门：\n",
            "某市人民政府办公厅\n2016年4月27日\n",
            "2016年某市推进新型城镇化工作要点\n",
            "一、推进农业转移人口市民化\n",
        ));
        let notice = doc.header.notice_title.as_ref().expect("a notice title");
        assert_eq!(
            notice.text,
            "某市人民政府办公厅关于印发2016年某市推进新型城镇化工作要点的通知"
        );
        let title = doc.title.as_ref().expect("a plan title");
        assert_eq!(title.text, "2016年某市推进新型城镇化工作要点");
    }

    #[test]
    fn a_notice_title_over_several_lines_is_one_title() {
        let (_, doc) = model(concat!(
            "某市人民政府办公厅\n",
            "关于印发《某市推动低空空域管理改革\n",
            "促进低空经济高质量发展行动方案\n",
            "（2024—2027年）》的通知\n",
            "各区县人民政府，市政府有关部门：\n",
        ));
        let title = doc.header.notice_title.as_ref().expect("a notice title");
        assert_eq!(
            title.text,
            "关于印发《某市推动低空空域管理改革促进低空经济高质量发展行动方案（2024—2027年）》的通知"
        );
        assert_eq!(doc.title, None);
        assert!(doc.header.addressee.is_some());

        let (source, doc) = model(concat!(
            "某市人民政府关于印发2021年实施\n",
            "“数字·绿色”技术改造专项行动方案的通知\n",
            "各县（市）区人民政府：\n",
        ));
        let title = doc.header.notice_title.as_ref().expect("a notice title");
        assert_eq!(
            title.text,
            "某市人民政府关于印发2021年实施“数字·绿色”技术改造专项行动方案的通知"
        );
        assert_eq!(line_of(&source, title.span), 1);
    }

    #[test]
    fn a_chinese_numeral_and_a_space_after_its_predecessor_is_a_heading() {
        let (source, doc) = model(concat!(
            "一、健全生产体系\n(一)推进工业绿色升级。加快改造。\n",
            "二 健全流通体系\n(二)打造绿色物流。实施联运。\n",
            "三、健全消费体系\n",
            "四 百 万 吨 级项目\n",
        ));
        assert_eq!(
            outline(&source, &doc),
            [
                ("一、健全生产体系".to_string(), 0),
                ("(一)推进工业绿色升级".to_string(), 1),
                ("二 健全流通体系".to_string(), 0),
                ("(二)打造绿色物流".to_string(), 1),
                ("三、健全消费体系".to_string(), 0),
            ]
        );
        assert_eq!(doc.sections[2].marker.style, MarkerStyle::CnBare);
        assert_eq!(doc.sections[2].marker.number, Some(2));
    }

    #[test]
    fn an_attachment_ends_before_the_page_footer() {
        let text = "附件1\n某县产业培塑行动实施方案\n一、工作目标\n稳步推进。\n\n扫一扫在手机打开当前页\n打印本页 关闭窗口\n";
        let (_, doc) = model(text);
        let span = doc.attachments[0].span;
        assert!(text[span.start..span.end].ends_with("稳步推进。"));
        assert_eq!(doc.debris.len(), 2);
    }

    #[test]
    fn a_clause_that_ends_a_heading_is_not_part_of_its_title() {
        let (_, doc) = model(
            "一、防范化解政府债务风险(牵头单位:县财政局)\n(一)严格遏制新增隐性债务。规范立项。\n",
        );
        assert_eq!(doc.sections[0].title, "防范化解政府债务风险");
        let task = doc.tasks.iter().find(|t| t.section == Some(0)).unwrap();
        assert_eq!(leads(task.responsibility.as_ref().unwrap()), ["县财政局"]);
    }

    #[test]
    fn two_clauses_in_one_item_are_two_tasks() {
        let (_, doc) = model(
            "9.加快老旧小区改造。改造小区26个。(县住建局牵头)实行“一户一表”改造。(供电公司牵头)\n",
        );
        let found: Vec<Vec<&str>> = doc
            .tasks
            .iter()
            .map(|t| leads(t.responsibility.as_ref().unwrap()))
            .collect();
        assert_eq!(found, [vec!["县住建局"], vec!["供电公司"]]);
        assert!(
            doc.tasks
                .iter()
                .all(|t| t.section == Some(0) && t.is_heading)
        );
    }

    #[test]
    fn a_convention_note_makes_bracketed_units_leads() {
        let (_, doc) = model(concat!(
            "附件7\n某县民生补短提质攻坚实施方案\n",
            "(一)办好十大重点民生实事\n",
            "1.促进教育高质量发展\n",
            "1更新学校设备。补充配置电脑。牵头单位:县教育局,以下括号内所列单位为牵头单位)\n",
            "2开展家庭教育指导服务。开展实践活动。(县妇联)\n",
            "3推动创业带动就业。稳定务工规模。(县人社局\n",
            "4实施电网巩固工程。开工建设主电网。国网某县供电公司\n",
            "5建设心理门诊。选配辅导老师(治疗)等。\n",
        ));
        let found: Vec<Vec<&str>> = doc
            .tasks
            .iter()
            .filter_map(|t| t.responsibility.as_ref().map(leads))
            .collect();
        assert_eq!(
            found,
            [
                vec!["县教育局"],
                vec!["县妇联"],
                vec!["县人社局"],
                vec!["国网某县供电公司"]
            ]
        );
        // Without the note, a unit in brackets is not a clause.
        let (_, doc) = model("2开展家庭教育指导服务。开展实践活动。(县妇联)\n");
        assert!(doc.tasks.iter().all(|t| t.responsibility.is_none()));
    }

    fn roles(r: &Responsibility, role: UnitRole) -> Vec<&str> {
        r.units_with(role).map(|u| u.name.as_str()).collect()
    }

    #[test]
    fn rows_under_a_task_table_header_are_tasks_with_their_unit_cells() {
        let (source, doc) = model(concat!(
            "附件\n重点任务分工表\n",
            "序号\t主要任务\t牵头单位\t配合单位\t完成时限\n",
            "(一)推进基础设施建设\n",
            "1\t建设起降设施\t市发展改革委\t市财政局、市规划自然资源局\t2025年底\n",
            "2\t完善管理制度\t市交通运输委、市公安局\t—\t长期\n",
            "3\t开展试点示范\t市经济信息委牵头,市科技局配合\t\t2026年\n",
        ));
        let rows: Vec<&Task> = doc
            .tasks
            .iter()
            .filter(|t| t.responsibility.is_some())
            .collect();
        assert_eq!(rows.len(), 3);
        let r = rows[0].responsibility.as_ref().unwrap();
        assert_eq!(r.form, ClauseForm::TableCells);
        assert_eq!(roles(r, UnitRole::Lead), ["市发展改革委"]);
        assert_eq!(
            roles(r, UnitRole::Collaborating),
            ["市财政局", "市规划自然资源局"]
        );
        assert_eq!(line_of(&source, r.span), 5);
        assert_eq!(rows[0].section, Some(0));
        let r = rows[1].responsibility.as_ref().unwrap();
        assert_eq!(roles(r, UnitRole::Lead), ["市交通运输委", "市公安局"]);
        assert!(roles(r, UnitRole::Collaborating).is_empty());
        // A cell written as a clause is read as one.
        let r = rows[2].responsibility.as_ref().unwrap();
        assert_eq!(roles(r, UnitRole::Lead), ["市经济信息委"]);
        assert_eq!(roles(r, UnitRole::Collaborating), ["市科技局"]);
    }

    #[test]
    fn a_pipe_table_and_a_numbered_row() {
        let (_, doc) = model(concat!(
            "| 序号 | 工作任务 | 责任单位 | 完成时限 |\n",
            "| 1. | 推进项目建设 | 县发改局、县财政局 | 2025年 |\n",
        ));
        let r = doc
            .tasks
            .iter()
            .find_map(|t| t.responsibility.as_ref())
            .expect("a row with its cells");
        assert_eq!(roles(r, UnitRole::Responsible), ["县发改局", "县财政局"]);
    }

    #[test]
    fn no_rows_without_a_unit_column_header() {
        // A target table: 单位 is a unit of measure, not a column of units.
        let (_, doc) = model(concat!(
            "序号\t指标\t单位\t目标值\n",
            "1\t新建起降点\t个\t50\n",
            "2\t市财政局\t市发改委\t市住建局\n",
        ));
        assert!(doc.tasks.iter().all(|t| t.responsibility.is_none()));
    }

    #[test]
    fn a_generic_collective_after_the_lead_is_a_collaborator() {
        let (_, doc) =
            model("1.强化专项整治。排查隐患。(县公安局、县交通运输局分别牵头,其他有关单位配合)\n");
        let r = doc.tasks[0].responsibility.as_ref().unwrap();
        assert_eq!(leads(r), ["县公安局", "县交通运输局"]);
        let collaborating: Vec<&str> = r
            .units_with(UnitRole::Collaborating)
            .map(|u| u.name.as_str())
            .collect();
        assert_eq!(collaborating, ["其他有关单位"]);
    }

    #[test]
    fn labels_with_bumen_or_chushi_and_a_deadline_field_after_the_units() {
        let names = |r: &Responsibility, role: UnitRole| -> Vec<String> {
            r.units_with(role).map(|u| u.name.clone()).collect()
        };
        let (_, doc) = model(
            "1.新建道路10公里(责任部门:县交通运输局、县财政局,完成期限:2025年底)。\n\
             2.新建公园3个(牵头部门:县城管局;配合部门:县住建局)。\n\
             3.开展排查(责任处室:环评处,完成时限:持续推进)。\n",
        );
        let clause = |i: usize| doc.tasks[i].responsibility.as_ref().unwrap();
        // The deadline field ends the list: 完成期限 and its date are no units.
        assert_eq!(
            names(clause(0), UnitRole::Responsible),
            ["县交通运输局", "县财政局"]
        );
        assert_eq!(leads(clause(1)), ["县城管局"]);
        assert_eq!(names(clause(1), UnitRole::Collaborating), ["县住建局"]);
        assert_eq!(names(clause(2), UnitRole::Responsible), ["环评处"]);
    }
}
