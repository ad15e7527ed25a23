//! One version of a document, analysed: the syntax tree (parsed
//! incrementally), the model, and the diagnostics the rules report, with
//! the baselined ones hidden. Hover, symbols, code actions and navigation
//! all read this, never the text directly.

use std::sync::Arc;
use std::time::{Duration, Instant};

use plan_lint_rules::baseline::{self, Baseline};
use plan_lint_rules::config::Resolved;
use plan_lint_rules::diagnostic::Diagnostic;
use plan_lint_rules::rule::Rule;
use plan_lint_rules::{Document, Source, engine, model, syntax};
use tree_sitter::{Parser, Tree};

use crate::document::Snapshot;
use crate::workspace::BaselineTarget;

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
    pub rules: Vec<&'static dyn Rule>,
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
    let mut diagnostics =
        engine::run_in_parallel(&plan.rules, &source, &document, &plan.config.settings);
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
