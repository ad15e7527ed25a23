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
use plan_lint_core::normalise::TextView;
use plan_lint_core::{Document, Reading, Source, Span, model, syntax};
use plan_lint_rules::diagnostic::Diagnostic;
use plan_lint_rules::engine;
use plan_lint_rules::rule::{Context, Rule, Settings};

use plan_lint_core::planset::SetSource;
use plan_lint_rules::set::run_set;

use crate::sets::Members;
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
    /// The text as the client has it: diagnostics, edits and every
    /// position the client sees are in it.
    pub source: Arc<Source>,
    /// Its normalised view and the model built from it: the model's spans
    /// are the view's ([`Analysis::to_original`] maps them).
    pub reading: Reading,
    /// What the client is shown: the rules' diagnostics less the baselined.
    pub diagnostics: Vec<Diagnostic>,
    /// How many diagnostics the baseline hid.
    pub hidden: usize,
    pub config: Arc<Resolved>,
    pub baseline: Option<BaselineTarget>,
    /// Time spent parsing and linting.
    pub elapsed: Duration,
    /// When the document is linted with its plan set: the members, which a
    /// diagnostic's related places in other files name (`Related::file`).
    pub set: Option<Arc<Members>>,
}

impl Analysis {
    /// The model.
    pub fn document(&self) -> &Document {
        &self.reading.doc
    }

    /// The text the model was built from (the view).
    pub fn model_source(&self) -> &Source {
        self.reading.view.source()
    }

    /// The client's span of a span of the model.
    pub fn to_original(&self, span: Span) -> Span {
        self.reading.view.to_original(span)
    }

    /// The model's offset of an offset of the client's text.
    pub fn to_model(&self, byte: usize) -> usize {
        self.reading.view.offset_to_view(byte)
    }
}

/// What an analysis runs with, besides the snapshot.
pub struct Plan {
    pub config: Arc<Resolved>,
    pub rules: Vec<Arc<dyn Rule>>,
    pub baseline: Option<(BaselineTarget, Arc<Baseline>)>,
    /// The plan set the document is in: its diagnostics are the set's in it.
    pub set: Option<Members>,
}

/// Normalises the text, parses the view (reusing the snapshot's edited tree
/// when the view is the text itself), builds the model and runs the rules.
/// Returns the new tree for the next incremental parse: `None` when the
/// view differs from the text (a PDF extraction, a web page), whose tree
/// an edit of the text cannot update; the next version is parsed afresh.
pub fn analyze(parser: &mut Parser, snapshot: Snapshot, plan: Plan) -> (Analysis, Option<Tree>) {
    let started = Instant::now();
    let source = snapshot.source;
    let view = TextView::new(&source);
    let old_tree = snapshot.old_tree.as_ref().filter(|_| view.is_identity());
    let tree = syntax::parse_with(parser, view.source().text(), old_tree);
    let doc = model::build(view.source(), &tree);
    let reading = Reading { view, doc };
    // One document at a time: its latency is what the user feels, so the
    // rules use both cores.
    let mut diagnostics = match &plan.set {
        // A set is read as one document: the findings in this file.
        Some(members) => {
            let parts: Vec<&Source> = members.sources.iter().map(|s| &**s).collect();
            let set = SetSource::new(&parts);
            run_set(&plan.rules, &set, &plan.config.settings)
                .into_iter()
                .filter(|d| d.file == members.me)
                .map(|d| d.diagnostic)
                .collect()
        }
        None => run_in_parallel(&plan.rules, &reading, &source, &plan.config.settings),
    };
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
        diagnostics,
        hidden,
        config: plan.config,
        baseline: plan.baseline.map(|(target, _)| target),
        elapsed: started.elapsed(),
        reading,
        set: plan.set.map(Arc::new),
    };
    let reusable = analysis.reading.view.is_identity().then_some(tree);
    (analysis, reusable)
}

/// Runs `rules` like [`engine::run`], with the same result, split over two
/// threads: the target rules (codes T, which share one analysis) on one,
/// every other rule on the other: about half the work each on the largest
/// corpus document. One document's latency is what an editor's user feels;
/// `plan-lint check` runs files in parallel instead.
fn run_in_parallel(
    rules: &[Arc<dyn Rule>],
    reading: &Reading,
    original: &Source,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let (targets, others): (Vec<&dyn Rule>, Vec<&dyn Rule>) = rules
        .iter()
        .map(|rule| &**rule)
        .partition(|rule| rule.meta().code.starts_with('T'));
    let run_on = |group: &[&dyn Rule]| -> Vec<Diagnostic> {
        let cx = Context::new(&reading.view, original, settings);
        group
            .iter()
            .flat_map(|rule| rule.check(&reading.doc, &cx))
            .map(|d| d.to_original(&reading.view))
            .collect()
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
        let reading = Reading::new(&source);
        let settings = Settings::default();
        let one = engine::run(&ALL[..], &reading, &source, &settings);
        let two = run_in_parallel(&ALL, &reading, &source, &settings);
        assert!(!one.is_empty());
        assert_eq!(one, two);
    }
}
