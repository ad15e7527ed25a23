//! Coverage: which tasks of a superior plan the plan that implements it
//! takes up, and where. A city's 实施方案 mirrors its province's plan task
//! by task, in its own words and numbers; a reviewer wants to see at a
//! glance which tasks were dropped.
//!
//! Each task of the superior plan (its 任务分工表 row, the rows of one
//! number path joined) is compared with every section of the implementing
//! plan (a heading and everything under it, at every depth) by wording:
//! the character bigrams both share, each weighted by its rarity in the
//! two documents (idf over their content lines), as the cosine of the two
//! weighted vectors. Responsibility clauses are left out (every task
//! names 发展改革委), titles count twice, and a target both state (the
//! same measure and unit, [`crate::targets`]' identity without the year
//! and scope) adds [`TARGET_BONUS`]. The best section is the task's
//! place; its score says how surely the task is taken up there:
//! [`MATCHED`] or more is matched, [`WEAK`] or more is weak (a related
//! passage a reviewer should look at), and so is [`MUTUAL`] or more when
//! the place is nearer to this task than to any other; less is not taken
//! up.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::Reading;
use crate::Span;
use crate::deadline::DeadlineWords;
use crate::model::{Document, SectionId};
use crate::normalise::TextView;
use crate::targets::{TargetWords, targets};
use crate::tasklist::{number_path, task_table};
use crate::text::is_han;

/// A score from which a task counts as taken up.
pub const MATCHED: f64 = 0.30;
/// A score from which the best place is shown as a weak match.
pub const WEAK: f64 = 0.10;
/// A score from which the best place is a weak match when the two choose
/// each other: no other task of the superior plan is nearer to that
/// place. A city that rewrites a task as a measure of its own (a subsidy
/// where the province sets a task) shares few words with it, but the
/// place still answers that task and no other.
pub const MUTUAL: f64 = 0.08;
/// Added to the wording score for each target both passages state (at
/// most two).
pub const TARGET_BONUS: f64 = 0.1;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Matched,
    Weak,
    NotTakenUp,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Matched => "matched",
            Status::Weak => "weak",
            Status::NotTakenUp => "not taken up",
        }
    }

    fn of(score: f64, mutual: bool) -> Status {
        if score >= MATCHED {
            Status::Matched
        } else if score >= WEAK || (mutual && score >= MUTUAL) {
            Status::Weak
        } else {
            Status::NotTakenUp
        }
    }
}

/// Where the implementing plan takes a task up: one of its sections.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Place {
    /// The section's number path (`三/(二)/1`).
    pub number: String,
    pub title: String,
    /// The section (heading and body) in the implementing plan's original
    /// text.
    pub span: Span,
    /// The heading line in the original text.
    pub heading: Span,
    /// The section in the implementing plan's view (what its model's
    /// spans are).
    #[serde(skip)]
    pub view_span: Span,
}

/// One task of the superior plan and its best place in the implementing
/// plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaskCoverage {
    pub number: String,
    pub title: String,
    /// The task in the superior plan's original text.
    pub span: Span,
    /// The task in the superior plan's view.
    #[serde(skip)]
    pub view_span: Span,
    /// The task's deadline as the superior plan writes it.
    pub deadline: Option<String>,
    pub status: Status,
    /// Wording similarity plus the target bonus, 0 to 1, three decimals.
    pub score: f64,
    /// Targets (measure and unit) the task and its place both state.
    pub shared_targets: usize,
    /// The best place, also when the score is below [`WEAK`] (as a hint);
    /// `None` when the implementing plan has no section at all.
    pub place: Option<Place>,
}

/// The coverage of `superior`'s tasks by `implementing`, in the superior
/// plan's order. `deadlines` and `words` are the packs' (the superior's
/// task table and the target identity read with them).
pub fn coverage(
    superior: &Reading,
    implementing: &Reading,
    deadlines: &DeadlineWords,
    words: &TargetWords,
) -> Vec<TaskCoverage> {
    coverage_in(
        superior,
        &implementing.view,
        &implementing.doc,
        deadlines,
        words,
    )
}

/// [`coverage`] of a document given as its view and model (what a rule
/// has).
pub fn coverage_in(
    superior: &Reading,
    view: &TextView,
    doc: &Document,
    deadlines: &DeadlineWords,
    words: &TargetWords,
) -> Vec<TaskCoverage> {
    let sup_text = superior.view.source().text();
    let imp_text = view.source().text();
    // The superior's tasks: consecutive rows of one number path are one task.
    let mut tasks: Vec<(String, String, Span, Option<String>)> = Vec::new();
    for row in task_table(superior, deadlines) {
        let view = superior.view.to_view(row.span);
        match tasks.last_mut() {
            Some(last) if last.0 == row.number && !row.number.is_empty() => {
                last.2 = Span::new(last.2.start.min(view.start), last.2.end.max(view.end));
                if last.1.is_empty() {
                    last.1 = row.title;
                }
                if last.3.is_none() {
                    last.3 = row.deadline;
                }
            }
            _ => tasks.push((row.number, row.title, view, row.deadline)),
        }
    }
    // A heading task is its whole section: the paragraphs under a heading
    // (工作原则 and its 坚持… lines) are what a city restates.
    let sup_sections = sections(&superior.doc, sup_text.len());
    for task in &mut tasks {
        if let Some(c) = sup_sections
            .iter()
            .find(|c| c.span.start == task.2.start && c.span.end > task.2.end)
        {
            task.2.end = c.span.end;
        }
    }
    let candidates = sections(doc, imp_text.len());

    let sup_mask = clause_spans(&superior.doc);
    let imp_mask = clause_spans(doc);
    let idf = Idf::new(&[(&superior.doc, sup_text), (doc, imp_text)]);
    let sup_targets = target_names(&superior.doc, sup_text, words);
    let imp_targets = target_names(doc, imp_text, words);

    let cand_vectors: Vec<Vector> = candidates
        .iter()
        .map(|c| {
            let title = &doc.sections[c.id].title;
            Vector::new(
                &idf,
                slice(imp_text, c.span),
                &imp_mask,
                c.span.start,
                title,
            )
        })
        .collect();
    let cand_targets: Vec<HashSet<&str>> = candidates
        .iter()
        .map(|c| in_span(&imp_targets, c.span))
        .collect();

    // Every score: a row per task, a column per candidate.
    let scores: Vec<Vec<(f64, usize)>> = tasks
        .iter()
        .map(|(_, title, span, _)| {
            let v = Vector::new(&idf, slice(sup_text, *span), &sup_mask, span.start, title);
            let mine = in_span(&sup_targets, *span);
            cand_vectors
                .iter()
                .zip(&cand_targets)
                .map(|(cv, theirs)| {
                    let shared = mine.intersection(theirs).count();
                    let score = (v.cosine(cv) + TARGET_BONUS * shared.min(2) as f64).min(1.0);
                    (score, shared)
                })
                .collect()
        })
        .collect();
    let best_of = |row: &[(f64, usize)]| -> Option<usize> {
        let mut best: Option<usize> = None;
        for (i, (score, _)) in row.iter().enumerate() {
            if best.is_none_or(|b| *score > row[b].0 + 1e-12) {
                best = Some(i);
            }
        }
        best
    };
    // The task each candidate is nearest to.
    let nearest_task: Vec<Option<usize>> = (0..candidates.len())
        .map(|c| {
            let mut best: Option<usize> = None;
            for (t, row) in scores.iter().enumerate() {
                if best.is_none_or(|b| row[c].0 > scores[b][c].0 + 1e-12) {
                    best = Some(t);
                }
            }
            best
        })
        .collect();

    tasks
        .into_iter()
        .enumerate()
        .map(|(t, (number, title, span, deadline))| {
            let best = best_of(&scores[t]).map(|i| (scores[t][i].0, i, scores[t][i].1));
            let mutual = best.is_some_and(|(_, i, _)| nearest_task[i] == Some(t));
            let (score, place, shared) = match best {
                Some((score, i, shared)) => {
                    let c = &candidates[i];
                    let s = &doc.sections[c.id];
                    let place = Place {
                        number: number_path(doc, Some(c.id), s.attachment),
                        title: s.title.trim().to_string(),
                        span: view.to_original(c.span),
                        heading: view.to_original(s.span),
                        view_span: c.span,
                    };
                    (score, Some(place), shared)
                }
                None => (0.0, None, 0),
            };
            let score = (score * 1000.0).round() / 1000.0;
            TaskCoverage {
                number,
                title,
                span: superior.to_original(span),
                view_span: span,
                deadline,
                status: if place.is_some() {
                    Status::of(score, mutual)
                } else {
                    Status::NotTakenUp
                },
                score,
                shared_targets: shared,
                place,
            }
        })
        .collect()
}

/// The number of tasks of each status: (matched, weak, not taken up).
pub fn counts(report: &[TaskCoverage]) -> (usize, usize, usize) {
    let n = |s| report.iter().filter(|t| t.status == s).count();
    (n(Status::Matched), n(Status::Weak), n(Status::NotTakenUp))
}

struct Candidate {
    id: SectionId,
    /// The heading and everything under it, in the view.
    span: Span,
}

/// Every section with its extent: up to the next heading at its depth or
/// shallower, or into another attachment.
fn sections(doc: &Document, end: usize) -> Vec<Candidate> {
    let s = &doc.sections;
    (0..s.len())
        .map(|i| {
            let stop = s[i + 1..]
                .iter()
                .find(|n| n.depth <= s[i].depth || n.attachment != s[i].attachment)
                .map_or(end, |n| n.span.start);
            Candidate {
                id: i,
                span: Span::new(s[i].span.start, stop.max(s[i].span.end)),
            }
        })
        .collect()
}

fn slice(text: &str, span: Span) -> &str {
    text.get(span.start..span.end).unwrap_or("")
}

/// The responsibility clauses of a document, sorted: their unit names
/// say who does a task, not what it is.
fn clause_spans(doc: &Document) -> Vec<Span> {
    let mut spans: Vec<Span> = doc
        .tasks
        .iter()
        .filter_map(|t| t.responsibility.as_ref().map(|r| r.span))
        .collect();
    spans.sort_by_key(|s| s.start);
    spans
}

/// Each target's identity without year and scope (the measure as worded,
/// the unit) with the position of its number, in the view.
fn target_names(doc: &Document, text: &str, words: &TargetWords) -> Vec<(usize, String)> {
    targets(doc, text, words)
        .into_iter()
        .map(|t| {
            let at = doc.quantities[t.index].quantity.span.start;
            (at, measure_key(&t.key).to_string())
        })
        .collect()
}

/// The measure and unit part of a target key (`year|periods|scope|head|
/// body#unit…`): what a superior and an implementing plan can share when
/// one says 全国 and the other 全省.
pub fn measure_key(key: &str) -> &str {
    key.rsplit('|').next().unwrap_or(key)
}

fn in_span(targets: &[(usize, String)], span: Span) -> HashSet<&str> {
    targets
        .iter()
        .filter(|(at, _)| *at >= span.start && *at < span.end)
        .map(|(_, k)| k.as_str())
        .collect()
}

type Bigram = (char, char);

/// Han character bigrams of `text`, whitespace skipped, any other
/// character (punctuation, digits, Latin) a break; characters inside the
/// `masked` spans (offsets relative to `base`) left out.
fn bigrams(text: &str, masked: &[Span], base: usize, mut each: impl FnMut(Bigram)) {
    let mut prev: Option<char> = None;
    let mut m = masked.partition_point(|s| s.end <= base);
    for (i, c) in text.char_indices() {
        let at = base + i;
        while m < masked.len() && masked[m].end <= at {
            m += 1;
        }
        if m < masked.len() && masked[m].start <= at {
            prev = None;
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        if !is_han(c) {
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            each((p, c));
        }
        prev = Some(c);
    }
}

/// The rarity of each bigram in the two documents: ln(N/df) over their
/// content lines.
struct Idf {
    df: HashMap<Bigram, u32>,
    lines: f64,
}

impl Idf {
    fn new(docs: &[(&Document, &str)]) -> Idf {
        let mut df: HashMap<Bigram, u32> = HashMap::new();
        let mut lines = 0usize;
        for (doc, text) in docs {
            for block in &doc.blocks {
                let mut seen: HashSet<Bigram> = HashSet::new();
                bigrams(slice(text, block.span), &[], 0, |b| {
                    seen.insert(b);
                });
                if seen.is_empty() {
                    continue;
                }
                lines += 1;
                for b in seen {
                    *df.entry(b).or_default() += 1;
                }
            }
        }
        Idf {
            df,
            lines: lines.max(1) as f64,
        }
    }

    fn weight(&self, b: &Bigram) -> f64 {
        let df = self.df.get(b).copied().unwrap_or(1).max(1) as f64;
        (self.lines / df).ln().max(0.0)
    }
}

/// A passage as weighted bigrams, of unit length.
struct Vector(HashMap<Bigram, f64>);

impl Vector {
    fn new(idf: &Idf, text: &str, masked: &[Span], base: usize, title: &str) -> Vector {
        let mut tf: HashMap<Bigram, f64> = HashMap::new();
        bigrams(text, masked, base, |b| *tf.entry(b).or_default() += 1.0);
        bigrams(title, &[], 0, |b| *tf.entry(b).or_default() += 1.0);
        let mut v: HashMap<Bigram, f64> = tf
            .into_iter()
            .map(|(b, n)| {
                let w = (1.0 + n.ln()) * idf.weight(&b);
                (b, w)
            })
            .filter(|(_, w)| *w > 0.0)
            .collect();
        let norm = v.values().map(|w| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            for w in v.values_mut() {
                *w /= norm;
            }
        }
        Vector(v)
    }

    fn cosine(&self, other: &Vector) -> f64 {
        let (small, large) = if self.0.len() <= other.0.len() {
            (&self.0, &other.0)
        } else {
            (&other.0, &self.0)
        };
        small
            .iter()
            .filter_map(|(b, w)| large.get(b).map(|x| w * x))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Source;

    fn read(name: &str, text: &str) -> Reading {
        Reading::new(&Source::new(name, text.to_string()))
    }

    fn report(sup: &str, imp: &str) -> Vec<TaskCoverage> {
        let list = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let deadlines = DeadlineWords::new(&list(&["完成时限"]), &list(&["长期坚持"]));
        coverage(
            &read("province.txt", sup),
            &read("city.txt", imp),
            &deadlines,
            &TargetWords::default(),
        )
    }

    const PROVINCE: &str = "\
某省推进城乡供水一体化行动方案
一、重点任务
(一)加快水源工程建设。推进中型水库和引调水工程建设，完善应急备用水源，提升区域供水保障能力。到2025年，新增供水能力50万立方米/日。（省水利厅牵头，省发展改革委配合）
(二)推进管网向农村延伸。实施城镇供水管网改造，推动城镇管网向周边村庄延伸，扩大农村集中供水覆盖面。（省住房城乡建设厅牵头，省水利厅配合）
(三)强化水质安全监测。健全从水源到水龙头的水质检测监测体系，定期公开供水水质信息。（省卫生健康委牵头，省生态环境厅配合）
(四)培育专业化运营主体。引导供水企业兼并重组，推行县域统管和专业化运营，建立合理的水价形成机制。（省发展改革委牵头，省水利厅配合）
";

    const CITY: &str = "\
某市推进城乡供水一体化实施方案
一、主要任务
(一)加快水源工程建设。推进市内中型水库建设和引调水工程，完善应急备用水源，提升全市供水保障能力。到2025年，新增供水能力8万立方米/日。（市水利局牵头，市发展改革委配合）
(二)推动城镇管网向农村延伸。加快城镇供水管网改造，推动管网向周边村庄延伸，扩大农村集中供水覆盖面。（市住房城乡建设局牵头）
(三)加强水质安全监测。健全水质检测监测体系，定期公开供水水质信息。（市卫生健康委牵头）
(四)开展节水宣传。组织节水进社区、进学校活动，普及节约用水知识。（市水利局牵头）
";

    #[test]
    fn each_task_finds_its_place_and_a_dropped_task_is_not_taken_up() {
        let r = report(PROVINCE, CITY);
        let got: Vec<(&str, Status, Option<&str>)> = r
            .iter()
            .map(|t| {
                (
                    t.number.as_str(),
                    t.status,
                    t.place.as_ref().map(|p| p.number.as_str()),
                )
            })
            .collect();
        assert_eq!(got[0], ("一/(一)", Status::Matched, Some("一/(一)")));
        assert_eq!(got[1], ("一/(二)", Status::Matched, Some("一/(二)")));
        assert_eq!(got[2], ("一/(三)", Status::Matched, Some("一/(三)")));
        // 培育专业化运营主体 is nowhere in the city's plan.
        assert_eq!(got[3].0, "一/(四)");
        assert_eq!(got[3].1, Status::NotTakenUp, "{:?}", r[3]);
        assert_eq!(counts(&r), (3, 0, 1));
        // The place's span is in the city's text.
        let p = r[2].place.as_ref().unwrap();
        assert!(CITY[p.heading.start..p.heading.end].starts_with("(三)加强水质安全监测"));
    }

    #[test]
    fn unit_names_do_not_make_a_match() {
        // Same units, nothing else in common.
        let sup = "某省方案\n一、重点任务\n(一)发展智慧农业。建设数字农田和智能农机示范基地。（省发展改革委牵头，省农业农村厅配合）\n";
        let imp = "某市方案\n一、重点任务\n(一)完善养老服务。新建社区嵌入式养老机构和助餐点。（市发展改革委牵头，市农业农村局配合）\n";
        let r = report(sup, imp);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].status, Status::NotTakenUp, "{:?}", r[0]);
    }

    #[test]
    fn the_same_target_raises_the_score() {
        let sup = "某省方案\n一、重点任务\n(一)推进污水治理。到2025年，农村生活污水治理率达到40%。（省生态环境厅牵头）\n";
        let imp = "某市方案\n一、重点任务\n(一)补齐环境短板。到2025年，农村生活污水治理率达到45%。（市生态环境局牵头）\n";
        let r = report(sup, imp);
        assert_eq!(r[0].shared_targets, 1, "{:?}", r[0]);
    }

    #[test]
    fn empty_and_odd_inputs_give_a_report() {
        assert!(report("", "").is_empty());
        let r = report(PROVINCE, "");
        assert_eq!(r.len(), 4);
        assert!(
            r.iter()
                .all(|t| t.status == Status::NotTakenUp && t.place.is_none())
        );
        let r = report(PROVINCE, "只有一行文字，没有标题");
        assert!(r.iter().all(|t| t.status == Status::NotTakenUp));
    }
}
