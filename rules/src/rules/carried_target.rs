use plan_lint_core::coverage::measure_key;
use plan_lint_core::model::Document;
use plan_lint_core::quantity::Qualifier;
use plan_lint_core::targets::{Bound, bound, certainty, conflict, targets};
use plan_lint_core::text::{is_clause_break, is_sentence_break};

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Related};
use crate::rule::{Context, Rule};
use crate::superior::SUPERIOR_FILE;

declare_rule! {
    /// ## 在查什么
    /// 实施方案说明自己承接上级下达的目标(同一分句里先写 `国家下达`、
    /// `省下达` 等,词表在规则包的 `[implements] carry`),接着写出的数字
    /// 却与上级方案(`--implements`)里同一目标的数字不同,或者限定更弱:
    /// 上级 `达到40%以上`,本文 `完成省下达的农村生活污水治理率达到35%以上
    /// 的目标`;上级 `确保`,本文 `力争`;上级 `以上`,本文没有 `以上`。
    /// 同一目标按 targets 的识别:同一年份、同样的说法(数字除外)和单位。
    ///
    /// ## 为什么是问题
    /// 既然说的是承接上级下达的目标,数字和口径就应当与上级一致;写成别的
    /// 数字或更弱的说法,要么抄错,要么悄悄降低了目标。
    ///
    /// ## 例子
    /// ```text
    /// 上级:到2025年，农村生活污水治理率达到40%以上。
    /// 本文:到2025年，确保完成省下达的农村生活污水治理率达到35%以上目标。
    /// ```
    /// 相关位置指向上级方案里的那个目标。只报告、不修复。
    ///
    /// ## 不报的情形
    /// - 本地自己的目标(分句里没有 `国家下达` 之类的说法):下级可以定得
    ///   不同,不是冲突;
    /// - 上级方案里找不到同一目标(年份、说法或单位不同);
    /// - 数字相同、限定相同或更强(`40%以上` 承接 `40%左右`);
    /// - 没有给出上级方案时。
    ///
    /// English: with `--implements`, a number in a clause that says it carries
    /// the superior's target (国家下达, 省下达: the pack's `[implements]
    /// carry`) that differs from the superior's statement of the same target
    /// (year, wording, unit), or states it more weakly (力争 for 确保, no 以上);
    /// a city's own target is not compared.
    pub struct CarriedTarget {
        code: "I102",
        name: "carried-target-mismatch",
        severity: Warning,
        summary: "a target the text says it carries from the superior plan (国家下达…), restated with another number or a weaker qualifier"
    }
}

impl Rule for CarriedTarget {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let Some(sup) = cx.superior() else {
            return Vec::new();
        };
        let phrases = &cx.settings.carry_phrases;
        if phrases.is_empty() {
            return Vec::new();
        }
        let words = &cx.settings.target_words;
        let text = cx.source.text();
        let sdoc = &sup.reading.doc;
        let theirs: Vec<(String, usize)> = targets(sdoc, sup.text(), words)
            .into_iter()
            .map(|t| {
                let unit = &sdoc.quantities[t.index].quantity.unit;
                (identity(&t.key, unit, &[]), t.index)
            })
            .collect();
        let mut out = Vec::new();
        for t in targets(doc, text, words) {
            let q = &doc.quantities[t.index].quantity;
            // The clause up to the number must say it carries a target.
            let before = &text[..q.span.start];
            let clause = before
                .rfind(|c: char| is_clause_break(c) || is_sentence_break(c) || c == '\n')
                .map_or(0, |i| {
                    i + before[i..].chars().next().map_or(1, char::len_utf8)
                });
            if !phrases
                .iter()
                .any(|p| text[clause..q.span.start].contains(p.as_str()))
            {
                continue;
            }
            let me = identity(&t.key, &q.unit, phrases);
            for (key, index) in &theirs {
                if *key != me {
                    continue;
                }
                let s = &sdoc.quantities[*index].quantity;
                let why = if conflict(s.value, q.value) {
                    Some(format!(
                        "承接上级下达的目标写作\"{}\",上级方案为\"{}\"",
                        q.display_value(),
                        s.display_value()
                    ))
                } else {
                    weaker(s, q).map(|w| {
                        format!(
                            "承接上级下达的目标写作\"{}\",比上级方案的\"{}\"{w}",
                            q.display_value(),
                            s.display_value()
                        )
                    })
                };
                let Some(message) = why else { continue };
                let mut d = cx.diagnostic(&Self::META, q.span, message);
                d.related.push(Related {
                    span: sup.original(s.span),
                    message: "上级方案的目标".to_string(),
                    file: Some(SUPERIOR_FILE),
                });
                out.push(d);
                break;
            }
        }
        out
    }
}

/// A target's identity across two documents: its year, its measure as
/// worded (after a carry phrase and its 的: `完成省下达的农村生活污水治理率`
/// is `农村生活污水治理率`; without the scope word one level writes, 全省 or
/// 全市) and its unit.
fn identity(key: &str, unit: &str, phrases: &[String]) -> String {
    let year = key.split('|').next().unwrap_or("");
    let measure = measure_key(key);
    let mut body = measure.split('#').next().unwrap_or("");
    if let Some(end) = phrases
        .iter()
        .filter_map(|p| body.find(p.as_str()).map(|at| at + p.len()))
        .max()
    {
        body = &body[end..];
        body = body.strip_prefix('的').unwrap_or(body);
    }
    for scope in SCOPES {
        if let Some(rest) = body.strip_prefix(scope) {
            body = rest;
            break;
        }
    }
    format!("{year}|{body}#{unit}")
}

/// The scope a level writes before a target: 全省 in the province's plan,
/// 全市 in the city's.
const SCOPES: &[&str] = &["全国", "全省", "全区", "全市", "全州", "全县", "全域"];

/// How `q` states the same value more weakly than `s`, if it does.
fn weaker(
    s: &plan_lint_core::quantity::Quantity,
    q: &plan_lint_core::quantity::Quantity,
) -> Option<&'static str> {
    if bound(s) == Bound::AtLeast && bound(q) != Bound::AtLeast {
        return Some("少了下限(以上、不低于)");
    }
    if bound(s) == Bound::AtMost && bound(q) != Bound::AtMost {
        return Some("少了上限(以内、不超过)");
    }
    if certainty(s) == Some(Qualifier::Ensure) && certainty(q) == Some(Qualifier::Strive) {
        return Some("由\"确保\"弱化为\"力争\"");
    }
    if q.has(Qualifier::About) && !s.has(Qualifier::About) && bound(s) != Bound::Exact {
        return Some("加了\"左右\"");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::check_implementing;
    use crate::rule::Settings;

    const PROVINCE: &str = "\
某省农村人居环境整治行动方案
一、主要目标
到2025年，全省农村生活污水治理率达到40%以上，农村卫生厕所普及率确保达到95%。
二、重点任务
（一）推进污水治理。因地制宜建设处理设施。（省生态环境厅牵头）
";

    fn run(city: &str) -> Vec<Diagnostic> {
        let settings = Settings {
            carry_phrases: vec!["省下达".to_string(), "国家下达".to_string()],
            ..Settings::default()
        };
        check_implementing(&CarriedTarget, city, PROVINCE, &settings)
    }

    fn city(goal: &str) -> String {
        format!(
            "某市农村人居环境整治实施方案\n一、主要目标\n{goal}\n二、重点任务\n（一）推进污水治理。建设处理设施。（市生态环境局牵头）\n"
        )
    }

    #[test]
    fn fires_on_a_carried_target_restated_lower_or_weaker() {
        let text = city("到2025年，确保完成省下达的农村生活污水治理率达到35%以上目标。");
        let d = run(&text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&text[d[0].span.start..d[0].span.end], "达到35%以上");
        assert_eq!(d[0].related[0].file, Some(SUPERIOR_FILE));
        let r = d[0].related[0].span;
        assert_eq!(&PROVINCE[r.start..r.end], "达到40%以上");

        let text = city("到2025年，完成省下达的农村生活污水治理率达到40%的目标。");
        let d = run(&text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("下限"), "{}", d[0].message);
    }

    #[test]
    fn near_misses() {
        for goal in [
            // The city's own target: no 下达 in its clause.
            "到2025年，全市农村生活污水治理率达到35%以上。",
            // Carried with the same number and bound.
            "到2025年，确保完成省下达的农村生活污水治理率达到40%以上目标。",
            // Another year: another target.
            "到2023年，完成省下达的农村生活污水治理率达到30%以上目标。",
            // 下达 in another clause than the number.
            "确保完成省下达的目标任务，到2025年，全市农村生活污水治理率达到35%以上。",
        ] {
            let d = run(&city(goal));
            assert!(d.is_empty(), "{goal}: {d:?}");
        }
        // Another number is another number, higher too: the text says it
        // is the superior's.
        let d = run(&city(
            "到2025年，完成省下达的农村生活污水治理率达到45%以上目标。",
        ));
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message.contains("上级方案为\"达到40%以上\""),
            "{}",
            d[0].message
        );
    }
}
