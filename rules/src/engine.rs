//! Running the rules over a document.

use std::borrow::Borrow;

use plan_lint_core::{Reading, Source};

use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule, Settings};
use crate::superior::Superior;

/// Runs `rules` (built-in rules as `&'static dyn Rule`, or any rule as an
/// `Arc<dyn Rule>`) over a document read from `original` and returns their
/// diagnostics in document order, with spans in `original`.
pub fn run<R: Borrow<dyn Rule>>(
    rules: &[R],
    reading: &Reading,
    original: &Source,
    settings: &Settings,
) -> Vec<Diagnostic> {
    run_in(
        rules,
        reading,
        Context::new(&reading.view, original, settings),
    )
}

/// [`run`] with a context of the caller's (a plan set's).
pub(crate) fn run_in<R: Borrow<dyn Rule>>(
    rules: &[R],
    reading: &Reading,
    cx: Context<'_>,
) -> Vec<Diagnostic> {
    let found = rules
        .iter()
        .flat_map(|rule| rule.borrow().check(&reading.doc, &cx))
        .map(|d| d.to_original(&reading.view))
        .collect();
    in_document_order(found)
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

/// [`run`] for a document that implements `superior` (`--implements`):
/// the `I` rules compare the two; related places in the superior carry
/// [`crate::superior::SUPERIOR_FILE`] and its original spans.
pub fn run_implementing<R: Borrow<dyn Rule>>(
    rules: &[R],
    reading: &Reading,
    original: &Source,
    settings: &Settings,
    superior: Option<&Superior>,
) -> Vec<Diagnostic> {
    let cx = Context::new(&reading.view, original, settings).with_superior(superior);
    in_document_order(
        rules
            .iter()
            .flat_map(|rule| rule.borrow().check(&reading.doc, &cx))
            .map(|d| d.to_original(&reading.view))
            .collect(),
    )
}

/// Parses, models and lints a source with every rule and default settings.
pub fn lint(source: &Source, settings: &Settings) -> Vec<Diagnostic> {
    run(
        &crate::rules::ALL[..],
        &Reading::new(source),
        source,
        settings,
    )
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
        run(&[rule], &Reading::new(&source), &source, settings)
    }

    /// Lints `text` with one implementing rule (I-rules) against a superior
    /// plan whose text is `superior`: what every I-rule's unit tests need.
    pub fn check_implementing(
        rule: &'static dyn Rule,
        text: &str,
        superior: &str,
        settings: &Settings,
    ) -> Vec<Diagnostic> {
        let superior = Superior::new(Source::new("superior.txt", superior.to_string()));
        let source = Source::new("test.txt", text.to_string());
        run_implementing(
            &[rule],
            &Reading::new(&source),
            &source,
            settings,
            Some(&superior),
        )
    }

    /// The text each diagnostic points at.
    pub fn texts<'a>(text: &'a str, diagnostics: &[Diagnostic]) -> Vec<&'a str> {
        diagnostics
            .iter()
            .map(|d| &text[d.span.start..d.span.end])
            .collect()
    }
}
