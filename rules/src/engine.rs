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
    in_document_order(rules.iter().flat_map(|rule| rule.check(doc, &cx)).collect())
}

/// Runs `rules` like [`run`], with the same result, split over two
/// threads: the target rules (codes T, which share one analysis) on one,
/// every other rule on the other: about half the work each on the largest
/// corpus document. For the language server, where one document's latency
/// counts; `plan-lint check` runs files in parallel instead.
pub fn run_in_parallel(
    rules: &[&'static dyn Rule],
    source: &Source,
    doc: &Document,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let (targets, others): (Vec<&'static dyn Rule>, Vec<&'static dyn Rule>) = rules
        .iter()
        .partition(|rule| rule.meta().code.starts_with('T'));
    let run_on = |group: &[&'static dyn Rule]| -> Vec<Diagnostic> {
        let cx = Context::new(source, settings);
        group.iter().flat_map(|rule| rule.check(doc, &cx)).collect()
    };
    let out = std::thread::scope(|scope| {
        let target_rules = scope.spawn(|| run_on(&targets));
        let mut out = run_on(&others);
        match target_rules.join() {
            Ok(found) => out.extend(found),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        out
    });
    in_document_order(out)
}

/// Sorts diagnostics by position (then code) and drops exact duplicates.
fn in_document_order(mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs every rule both ways on the sample plan and checks they agree.
    #[test]
    fn running_in_parallel_gives_the_same_diagnostics() {
        let text = include_str!("../../examples/sample-plan.txt");
        let source = Source::new("sample.txt", text.to_string());
        let doc = Document::parse(&source);
        let settings = Settings::default();
        let one = run(crate::rules::ALL, &source, &doc, &settings);
        let two = run_in_parallel(crate::rules::ALL, &source, &doc, &settings);
        assert!(!one.is_empty());
        assert_eq!(one, two);
    }
}
