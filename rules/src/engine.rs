//! Running the rules over a document.

use crate::diagnostic::Diagnostic;
use crate::model::Document;
use crate::rule::{Context, Rule, Settings};
use crate::source::Source;

/// Runs `rules` over `doc` and returns their diagnostics in document order.
pub fn run(
    rules: &[&'static dyn Rule],
    source: &Source,
    doc: &Document,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let cx = Context::new(source, settings);
    let mut out: Vec<Diagnostic> = rules.iter().flat_map(|rule| rule.check(doc, &cx)).collect();
    out.sort_by(|a, b| (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code)));
    out.dedup();
    out
}

/// Parses, models and lints a source with every rule and default settings.
pub fn lint(source: &Source, settings: &Settings) -> Vec<Diagnostic> {
    let doc = Document::parse(source);
    run(crate::rules::ALL, source, &doc, settings)
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
