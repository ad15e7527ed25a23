//! The document model: what rules, `outline` and the language server read.
//!
//! A [`Document`] is plain data with byte spans into its
//! [`crate::source::Source`]. It is built once per version of the text from
//! the grammar's syntax tree by [`build`]; rules never walk the tree.

mod build;
pub mod marker;
pub mod members;
pub mod responsibility;

use serde::Serialize;

pub use build::build;
pub(crate) use build::looks_like_unit_name;
pub use marker::{Marker, MarkerStyle};
pub use responsibility::{ClauseForm, Responsibility, ShortName, Unit, UnitList, UnitRole};

use crate::Span;
use crate::quantity::Quantity;
use crate::source::Source;

/// Index of a section in [`Document::sections`].
pub type SectionId = usize;
/// Index of an attachment in [`Document::attachments`].
pub type AttachmentId = usize;

/// A piece of text with its span.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Field {
    pub text: String,
    pub span: Span,
}

/// The notice (通知) that issues the plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Header {
    /// 发文字号: 清政办函〔2024〕3号
    pub doc_number: Option<Field>,
    /// 发文机关
    pub issuer: Option<Field>,
    /// 关于印发《…》的通知, joined when split over lines; `span` covers all
    /// its lines.
    pub notice_title: Option<Field>,
    /// 主送机关
    pub addressee: Option<Field>,
    /// 落款
    pub signature: Option<Field>,
    /// 成文日期
    pub date: Option<Field>,
}

/// A heading in the outline: 一、 (一) 1. (1) ①.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Section {
    pub marker: Marker,
    /// Empty (at the line start) for a heading whose whole marker was lost
    /// ([`MarkerStyle::LostNumeral`] inferred from the outline).
    pub marker_span: Span,
    /// The heading's title: for a run-on heading (`(一)加强组织领导。建立…`)
    /// the text up to the first 。; without a responsibility clause that
    /// ends it (`一、防范化解政府债务风险(牵头单位:市财政局)`).
    pub title: String,
    pub title_span: Span,
    /// The whole line.
    pub span: Span,
    /// Whether the heading runs on into its paragraph.
    pub has_body: bool,
    /// Nesting depth in the outline, 0 for a top-level heading.
    pub depth: usize,
    pub parent: Option<SectionId>,
    pub children: Vec<SectionId>,
    /// The attachment the heading is in; `None` for the main document.
    pub attachment: Option<AttachmentId>,
    /// Whether the heading is a row of a flattened table.
    pub in_table: bool,
}

impl Section {
    pub fn level(&self) -> u8 {
        self.marker.level()
    }
}

/// A table row that repeats a header row after a page break. It is not a
/// new section; `of` is the section it repeats.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RepeatedHeader {
    pub of: SectionId,
    pub span: Span,
}

/// One entry of the 附件说明 list: `2.衡南县创新提升行动实施方案`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NoteEntry {
    pub number: Option<u32>,
    pub number_span: Option<Span>,
    pub title: String,
    pub title_span: Span,
    /// The whole line.
    pub span: Span,
}

/// The 附件说明 block: `附件:1.…` and the lines after it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AttachmentNote {
    pub span: Span,
    pub label_span: Span,
    pub entries: Vec<NoteEntry>,
}

/// An attachment (附件N, 附表) and its title.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Attachment {
    /// N of 附件N; `None` for a bare 附件 or 附表.
    pub ordinal: Option<u32>,
    /// 附件 or 附表.
    pub kind: AttachmentKind,
    pub label_span: Span,
    pub title: Option<Field>,
    /// From the label to the end of the attachment.
    pub span: Span,
    /// The 附件说明 entry with the same ordinal, if any.
    pub note_entry: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttachmentKind {
    Attachment,
    Table,
}

/// A task: an outline item or paragraph that assigns work, with its
/// responsibility clause when it has one. A line with two clauses
/// (`(市住建局牵头)实行…。(供电公司牵头)`) gives two tasks; a clause on a
/// line of its own extends the task of the item it belongs to (`span` then
/// runs from the item's line to the clause).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Task {
    /// The item's line(s).
    pub span: Span,
    /// The section the task is (for a heading item) or is under.
    pub section: Option<SectionId>,
    /// Whether the task is the heading item `section` itself.
    pub is_heading: bool,
    pub attachment: Option<AttachmentId>,
    pub responsibility: Option<Responsibility>,
}

/// What a content line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    Heading,
    Paragraph,
    TableCell,
    PlanTitle,
    AttachmentTitle,
}

/// One content line (heading, paragraph, table cell or title) with the
/// section it is in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
    pub section: Option<SectionId>,
    pub attachment: Option<AttachmentId>,
}

/// A quantity and where it sits.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuantityRef {
    pub quantity: Quantity,
    /// The clause around it: the text between the nearest 。;,: on each
    /// side, within its line.
    pub clause: Span,
    pub block: usize,
    pub section: Option<SectionId>,
    pub attachment: Option<AttachmentId>,
}

/// Everything plan-lint knows about one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Document {
    pub header: Header,
    /// The plan's own title (outside attachments).
    pub title: Option<Field>,
    pub sections: Vec<Section>,
    /// Top-level sections of the main document and of each attachment.
    pub roots: Vec<SectionId>,
    pub repeated_headers: Vec<RepeatedHeader>,
    pub attachment_note: Option<AttachmentNote>,
    pub attachments: Vec<Attachment>,
    /// The note that the attachments are not published
    /// (`（此件正文公开发布，附件不公开）`): the ones the 附件说明 announces are
    /// withheld, not missing.
    pub attachments_withheld: Option<Span>,
    pub tasks: Vec<Task>,
    /// Member lists of working groups and joint conferences (`成员单位包括
    /// A、B等`): not tasks, but unit lists all the same.
    pub member_lists: Vec<Responsibility>,
    /// Short names the document introduces (`(以下简称市发改委)`).
    pub short_names: Vec<ShortName>,
    pub blocks: Vec<Block>,
    pub quantities: Vec<QuantityRef>,
    /// Web-page debris lines (分享到:, 打印本页 …), not content.
    pub debris: Vec<Span>,
}

impl Document {
    /// Parses and models a source in one step.
    pub fn parse(source: &Source) -> Document {
        let tree = crate::syntax::parse(source.text());
        build(source, &tree)
    }

    /// Children of `parent`, or the roots when `parent` is `None`, that are
    /// in `attachment`.
    pub fn children_of(&self, parent: Option<SectionId>) -> &[SectionId] {
        match parent {
            Some(id) => &self.sections[id].children,
            None => &self.roots,
        }
    }

    /// The section and its ancestors, innermost first.
    pub fn ancestors(&self, id: SectionId) -> impl Iterator<Item = SectionId> + '_ {
        std::iter::successors(Some(id), move |&s| self.sections[s].parent)
    }
}
