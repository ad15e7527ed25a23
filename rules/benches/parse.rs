//! Parse + model throughput: `Document::parse` (tree-sitter parse and model
//! build) on the largest corpus document, and on that text concatenated 4
//! and 16 times, to show MB/s and whether the cost grows linearly.
//!
//!   cargo bench -p plan-lint-rules --bench parse
//!
//! The corpus is `$PLAN_LINT_CORPUS` (a relative path is taken from the
//! workspace root, as `.ci/run` sets it), default `../shared/corpus`. When
//! it has no `.txt` file, a synthetic document made by repeating the small
//! fixture below (to about 100 KB) is used instead. Which one was used is
//! printed before the results.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use plan_lint_core::normalise::TextView;
use plan_lint_core::{Document, Source};

/// A made-up plan in the style of the corpus: notice header, title, four
/// outline levels, quantities, responsibility clauses, attachment note.
const FIXTURE: &str = "\
示例政办发〔2025〕7号
各乡镇人民政府,县直有关单位:
《示例县推进产业提质行动实施方案》已经县人民政府同意,现印发给你们,请认真抓好落实。
附件:1.示例县产业提质重点任务清单
2.示例县产业提质项目表
示例县人民政府办公室
2025年3月12日
示例县推进产业提质行动实施方案
为加快推进全县产业提质增效,结合我县实际,制定本方案。
一、总体目标
到2025年底,规模以上工业增加值增长8.5%以上,新增规模以上工业企业12家,高新技术企业达到60家,研发经费投入增长15%左右。
二、重点任务
(一)壮大主导产业。
1.做强装备制造。支持龙头企业扩能改造,全年完成技术改造投资3亿元以上。(县工信局牵头,县发改局、县财政局配合)
2.做优食品加工。培育省级农业产业化龙头企业2家,农产品加工转化率达到70%。(县农业农村局牵头,县市场监管局按职责分工负责)
(1)建设冷链物流中心1个,新增冷库库容1.5万吨。
(2)开展品牌推介活动不少于4场次。
(二)强化创新支撑。
1.新增省级企业技术中心3家以上,技术合同交易额达到5亿元。县科技局牵头,县教育局、县人社局等按职能分工负责。
2.引进急需紧缺人才100名以上。
牵头单位:县委组织部
责任单位:县人社局、县科技局
三、保障措施
(一)加强组织领导。成立工作专班,每季度调度一次,及时解决推进中的困难和问题。
(二)强化要素保障。统筹安排专项资金2000万元,优先保障重点项目用地。
附件1
示例县产业提质重点任务清单
序号	重点任务	牵头单位	责任单位	完成时限
1	新增规模以上工业企业12家	县工信局	各乡镇	2025年12月
2	高新技术企业达到60家	县科技局	县发改局	2025年12月
附件2
示例县产业提质项目表
①年产5万吨食品加工项目,总投资2.3亿元。
②智能装备产业园二期,总投资4亿元。
";

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("rules/ is inside the workspace")
        .to_path_buf()
}

fn corpus_dir() -> PathBuf {
    let dir = PathBuf::from(
        std::env::var_os("PLAN_LINT_CORPUS").unwrap_or_else(|| "../shared/corpus".into()),
    );
    if dir.is_absolute() {
        dir
    } else {
        workspace_root().join(dir)
    }
}

/// The largest `.txt` document in the corpus, decoded: (name, text).
fn largest_corpus_document(dir: &Path) -> Option<(String, String)> {
    let largest = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt") && path.is_file())
        .max_by_key(|path| std::fs::metadata(path).map_or(0, |m| m.len()))?;
    let bytes = std::fs::read(&largest).ok()?;
    let source = Source::from_bytes(largest.display().to_string(), &bytes).ok()?;
    Some((largest.display().to_string(), source.text().to_owned()))
}

/// The 1× document: the largest corpus document, or the fixture repeated.
/// Returns (kind, description, text); the kind names the benchmark group,
/// so that criterion never compares a corpus run with a synthetic one.
fn base_document() -> (&'static str, String, String) {
    let dir = corpus_dir();
    if let Some((name, text)) = largest_corpus_document(&dir) {
        return ("corpus", name, text);
    }
    let copies = 100_000 / FIXTURE.len() + 1;
    (
        "synthetic",
        format!(
            "synthetic: the embedded fixture x{copies} (no .txt documents in {})",
            dir.display()
        ),
        FIXTURE.repeat(copies),
    )
}

fn parse_and_model(c: &mut Criterion) {
    let (kind, name, mut text) = base_document();
    // Concatenated copies must not run into each other's first line.
    if !text.ends_with('\n') {
        text.push('\n');
    }
    eprintln!(
        "bench parse: document {name} ({} bytes, {} lines)",
        text.len(),
        text.lines().count()
    );

    let mut group = c.benchmark_group(format!("parse_and_model_{kind}"));
    for copies in [1usize, 4, 16] {
        let source = Source::new("bench.txt", text.repeat(copies));
        let bytes = source.text().len() as u64;
        group.throughput(Throughput::Bytes(bytes));
        // One parse of the 4x and 16x texts takes a good fraction of a
        // second on a slow machine: fewer samples of one size (flat
        // sampling) keep the run to about a minute and a half.
        let (samples, seconds) = match copies {
            1 => (20, 10),
            4 => (10, 15),
            _ => (10, 30),
        };
        group.sample_size(samples);
        group.measurement_time(Duration::from_secs(seconds));
        group.sampling_mode(if copies == 1 {
            SamplingMode::Auto
        } else {
            SamplingMode::Flat
        });
        group.bench_with_input(BenchmarkId::new("x", copies), &source, |b, source| {
            b.iter(|| Document::parse(black_box(source)));
        });
    }
    group.finish();
}

/// The text hard-wrapped at 28 characters with a page number every 30
/// lines: what a PDF extraction gives, so that the normaliser joins.
fn as_printout(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut lines = 0;
    for paragraph in text.lines() {
        let chars: Vec<char> = paragraph.chars().collect();
        for piece in chars.chunks(28) {
            out.extend(piece);
            out.push('\n');
            lines += 1;
            if lines % 30 == 0 {
                out.push_str(&format!("— {} —\n", lines / 30));
            }
        }
    }
    out
}

/// The normalised view alone (`TextView::new`), of the document as it is
/// and as a printout, at 1, 4 and 16 copies: linear in the size.
fn normalise(c: &mut Criterion) {
    let (kind, _, mut text) = base_document();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let mut group = c.benchmark_group(format!("normalise_{kind}"));
    group.sample_size(20);
    for (shape, base) in [("as-is", text.clone()), ("printout", as_printout(&text))] {
        for copies in [1usize, 4, 16] {
            let source = Source::new("bench.txt", base.repeat(copies));
            group.throughput(Throughput::Bytes(source.text().len() as u64));
            group.bench_with_input(BenchmarkId::new(shape, copies), &source, |b, source| {
                b.iter(|| TextView::new(black_box(source)));
            });
        }
    }
    group.finish();
}

criterion_group!(benches, parse_and_model, normalise);
criterion_main!(benches);
