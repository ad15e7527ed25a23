//! Running the rules over a document.

use std::borrow::Borrow;

use plan_lint_core::{Document, Source};

use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule, Settings};

/// Runs `rules` (built-in rules as `&'static dyn Rule`, or any rule as an
/// `Arc<dyn Rule>`) over `doc` and returns their diagnostics in document
/// order.
pub fn run<R: Borrow<dyn Rule>>(
    rules: &[R],
    source: &Source,
    doc: &Document,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let cx = Context::new(source, settings);
    in_document_order(
        rules
            .iter()
            .flat_map(|rule| rule.borrow().check(doc, &cx))
            .collect(),
    )
}

/// Sorts diagnostics by position (then code) and drops exact duplicates:
/// the order of [`run`], for callers that run rules in groups.
pub fn in_document_order(mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    out.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.code).cmp(&(b.span.start, b.span.end, &b.code))
    });
    out.dedup();
    out
}

/// Parses, models and lints a source with every rule and default settings.
pub fn lint(source: &Source, settings: &Settings) -> Vec<Diagnostic> {
    let doc = Document::parse(source);
    run(&crate::rules::ALL[..], source, &doc, settings)
}

/// Test helpers shared by the rules' inline tests.
#[cfg(test)]
pub mod testing {
    use super::*;

    /// Lints `text` with one rule and default settings.
    pub fn check(rule: &'static dyn Rule, text: &str) -> Vec<Diagnostic> {
        check_with(rule, text, &Settings::default())
    }

    pub fn check_with(rule: &'static dyn Rule, text: &str, settings: &Settings) -> Vec<Diagnostic> {
        let source = Source::new("test.txt", text.to_string());
        let doc = Document::parse(&source);
        run(&[rule], &source, &doc, settings)
    }

    /// The text each diagnostic points at.
    pub fn texts<'a>(text: &'a str, diagnostics: &[Diagnostic]) -> Vec<&'a str> {
        diagnostics
            .iter()
            .map(|d| &text[d.span.start..d.span.end])
            .collect()
    }
}
