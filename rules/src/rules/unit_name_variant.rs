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
    pub struct UnitNameVariant {
        code: "R104",
        name: "unit-name-variant",
        severity: Info,
        summary: "one unit written two ways in one document (衡南高新区 vs 衡南高新技术产业开发区), from the pack's aliases",
    }
}

impl Rule for UnitNameVariant {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check(&self, _doc: &Document, _cx: &Context<'_>) -> Vec<Diagnostic> {
        Vec::new() // TODO: not implemented yet
    }
}
