//! `plan-lint check` cost: each corpus document (decode excluded: parse,
//! model and every rule, with the settings of the default configuration,
//! i.e. the national pack), the largest one at 1×, 4× and 16× to show that
//! cost grows linearly, and the whole corpus.
//!
//! The corpus comes from `PLAN_LINT_CORPUS` (default `../shared/corpus`).
//! Without it, a made-up plan in `examples/` stands in.
//!
//! `PLAN_LINT_BENCH_SELECT=S101,S102,…` runs only those rules (codes or
//! names, as `check --select`): to compare with an older build on the rules
//! it had.

#[path = "../src/alloc.rs"]
mod alloc;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use plan_lint_config::config::Config;
use plan_lint_core::Reading;
use plan_lint_core::Source;
use plan_lint_rules::engine;
use plan_lint_rules::rule::{Rule, Settings};
use plan_lint_rules::rules;

fn documents() -> Vec<(String, String)> {
    let root = std::env::var_os("PLAN_LINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus")));
    let mut docs: Vec<(String, String)> = std::fs::read_dir(&root)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .filter_map(|p| {
                    let name = p.file_name()?.to_str()?.chars().take(3).collect();
                    Some((name, std::fs::read_to_string(&p).ok()?))
                })
                .collect()
        })
        .unwrap_or_default();
    docs.sort();
    if docs.is_empty() {
        eprintln!(
            "corpus not found at {}: benchmarking examples/sample-plan.txt",
            root.display()
        );
        let sample = include_str!("../examples/sample-plan.txt");
        docs.push(("sample".into(), sample.repeat(20)));
    }
    docs
}

/// The rules `PLAN_LINT_BENCH_SELECT` names, or all of them.
fn selected_rules() -> Vec<Arc<dyn Rule>> {
    let Ok(select) = std::env::var("PLAN_LINT_BENCH_SELECT") else {
        return rules::ALL.clone();
    };
    select
        .split(',')
        .map(|code| {
            rules::find(code.trim())
                .unwrap_or_else(|| panic!("PLAN_LINT_BENCH_SELECT: no rule {code}"))
                .clone()
        })
        .collect()
}

fn check(text: &str, rules: &[Arc<dyn Rule>], settings: &Settings) -> usize {
    let source = Source::new("bench.txt", text.to_string());
    engine::run(rules, &Reading::new(&source), &source, settings).len()
}

fn bench(c: &mut Criterion) {
    // The binary's allocator, installed before any tree-sitter object.
    alloc::install();
    // What `plan-lint check` runs with when there is no plan-lint.toml.
    let settings = Config::default()
        .resolve(&[])
        .expect("the national pack loads")
        .settings;
    let docs = documents();
    let rules = selected_rules();

    let mut each = c.benchmark_group("check/document");
    for (name, text) in &docs {
        each.throughput(Throughput::Bytes(text.len() as u64));
        each.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| check(text, &rules, &settings))
        });
    }
    each.finish();

    let (_, largest) = docs
        .iter()
        .max_by_key(|(_, t)| t.len())
        .expect("a document");
    let mut scaling = c.benchmark_group("check/scaling");
    scaling
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    for times in [1usize, 4, 16] {
        let text = largest.repeat(times);
        scaling.throughput(Throughput::Bytes(text.len() as u64));
        scaling.bench_with_input(
            BenchmarkId::from_parameter(format!("{times}x")),
            &text,
            |b, text| b.iter(|| check(text, &rules, &settings)),
        );
    }
    scaling.finish();

    let total: u64 = docs.iter().map(|(_, t)| t.len() as u64).sum();
    let mut corpus = c.benchmark_group("check/corpus");
    corpus.throughput(Throughput::Bytes(total));
    corpus.bench_function("all", |b| {
        b.iter(|| {
            docs.iter()
                .map(|(_, t)| check(t, &rules, &settings))
                .sum::<usize>()
        })
    });
    corpus.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
