use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::Document;
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// TODO
    ///
    /// ## 为什么是问题
    /// TODO
    ///
    /// ## 例子
    /// TODO
    ///
    /// ## 不报的情形
    /// TODO
    ///
    /// English: TODO
    pub struct AttachmentNoteFormat {
        code: "F106",
        name: "attachment-note-format",
        severity: Info,
        summary: "the 附件说明 line not in the form 附件",
    }
}

impl Rule for AttachmentNoteFormat {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check(&self, _doc: &Document, _cx: &Context<'_>) -> Vec<Diagnostic> {
        Vec::new() // TODO: not implemented yet
    }
}
