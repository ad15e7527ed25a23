//! One version of a document, analysed: the syntax tree (parsed
//! incrementally), the model, and the diagnostics the rules report, with
//! the baselined ones hidden. Hover, symbols, code actions and navigation
//! all read this, never the text directly.
//!
//! The lint worker takes a [`Snapshot`] of an open document
//! ([`crate::document`]) and turns it into an [`Analysis`] here.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tree_sitter::{Parser, Tree};

use plan_lint_config::baseline::{self, Baseline};
use plan_lint_config::config::Resolved;
use plan_lint_core::{Document, Source, model, syntax};
use plan_lint_rules::diagnostic::Diagnostic;
use plan_lint_rules::engine;
use plan_lint_rules::rule::{Context, Rule, Settings};

use crate::workspace::BaselineTarget;

/// What the lint worker needs to analyse one version.
pub struct Snapshot {
    pub path: Option<PathBuf>,
    pub generation: u64,
    pub version: i32,
    pub source: Arc<Source>,
    /// The edited old tree, when it can be reused.
    pub old_tree: Option<Tree>,
}

/// The analysis of one version of one document.
pub struct Analysis {
    pub generation: u64,
    pub version: i32,
    pub source: Arc<Source>,
    pub document: Document,
    /// What the client is shown: the rules' diagnostics less the baselined.
    pub diagnostics: Vec<Diagnostic>,
    /// How many diagnostics the baseline hid.
    pub hidden: usize,
    pub config: Arc<Resolved>,
    pub baseline: Option<BaselineTarget>,
    /// Time spent parsing and linting.
    pub elapsed: Duration,
}

/// What an analysis runs with, besides the snapshot.
pub struct Plan {
    pub config: Arc<Resolved>,
    pub rules: Vec<Arc<dyn Rule>>,
    pub baseline: Option<(BaselineTarget, Arc<Baseline>)>,
}

/// Parses (reusing the snapshot's edited tree), builds the model and runs
/// the rules. Returns the new tree for the next incremental parse.
pub fn analyze(parser: &mut Parser, snapshot: Snapshot, plan: Plan) -> (Analysis, Tree) {
    let started = Instant::now();
    let source = snapshot.source;
    let tree = syntax::parse_with(parser, source.text(), snapshot.old_tree.as_ref());
    let document = model::build(&source, &tree);
    // One document at a time: its latency is what the user feels, so the
    // rules use both cores.
    let mut diagnostics = run_in_parallel(&plan.rules, &source, &document, &plan.config.settings);
    let mut hidden = 0;
    if let Some((target, baseline)) = &plan.baseline
        && !baseline.entries.is_empty()
    {
        let mut filter = baseline.filter();
        diagnostics.retain(|d| !filter.hides(&baseline::entry_for(&target.file, &source, d)));
        hidden = filter.hidden;
    }
    let analysis = Analysis {
        generation: snapshot.generation,
        version: snapshot.version,
        source,
        document,
        diagnostics,
        hidden,
        config: plan.config,
        baseline: plan.baseline.map(|(target, _)| target),
        elapsed: started.elapsed(),
    };
    (analysis, tree)
}

/// Runs `rules` like [`engine::run`], with the same result, split over two
/// threads: the target rules (codes T, which share one analysis) on one,
/// every other rule on the other: about half the work each on the largest
/// corpus document. One document's latency is what an editor's user feels;
/// `plan-lint check` runs files in parallel instead.
fn run_in_parallel(
    rules: &[Arc<dyn Rule>],
    source: &Source,
    doc: &Document,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let (targets, others): (Vec<&dyn Rule>, Vec<&dyn Rule>) = rules
        .iter()
        .map(|rule| &**rule)
        .partition(|rule| rule.meta().code.starts_with('T'));
    let run_on = |group: &[&dyn Rule]| -> Vec<Diagnostic> {
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
    engine::in_document_order(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use plan_lint_rules::rules::ALL;

    /// Runs every rule both ways on the sample plan and checks they agree.
    #[test]
    fn running_in_parallel_gives_the_same_diagnostics() {
        let text = include_str!("../../examples/sample-plan.txt");
        let source = Source::new("sample.txt", text.to_string());
        let doc = Document::parse(&source);
        let settings = Settings::default();
        let one = engine::run(&ALL[..], &source, &doc, &settings);
        let two = run_in_parallel(&ALL, &source, &doc, &settings);
        assert!(!one.is_empty());
        assert_eq!(one, two);
    }
}
