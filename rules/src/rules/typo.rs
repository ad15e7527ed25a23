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
    pub struct Typo {
        code: "W103",
        name: "typo",
        severity: Warning,
        summary: "a known wrong form from the pack's dictionary (以就换新 → 以旧换新), or a traditional character in simplified text (情況 → 情况)",
    }
}

impl Rule for Typo {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check(&self, _doc: &Document, _cx: &Context<'_>) -> Vec<Diagnostic> {
        Vec::new() // TODO: not implemented yet
    }
}
