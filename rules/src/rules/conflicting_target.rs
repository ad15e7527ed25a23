use plan_lint_core::model::Document;
use plan_lint_core::targets;

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 同一个目标在全文(总体方案、各附件、表格)中写了两个不同的数。
    /// “同一个目标”指数量所在的分句(或顿号分开的一项,后几项带上句首的
    /// 动词:新增A5家、B3家 里的 B 是“新增B”)去掉数字、限定词
    /// (力争、确保、以上、左右……)、序号和标点后完全相同,计量单位也相同,
    /// 并且年份(写在分句或同一句前面的年份;没有时取所在段落开头的年份,
    /// 如“——到2027年,……”;再没有时取最近一级标题里的年份)
    /// 和句首标明的范围(全县:……、园区方面,……)相同。
    /// 规则包 `[targets]` 里的同义词(集聚/汇聚、培育/打造、新增/新建……)
    /// 算同一个词:换个说法重述的目标仍是同一目标。带有措施用语
    /// (最高、补助、奖励、贴息、不超过……,也在规则包里)的数属于它所在的
    /// 那条措施(所在的最近一级标题),只与同一标题下的数比较。
    /// 诊断落在与第一次出现的数值不同的那一处,并关联该目标的其他各处。
    ///
    /// ## 为什么是问题
    /// 总体方案、分项方案和任务清单是同一套目标,数字前后不一就无法考核,
    /// 读者也不知道以哪个为准。
    ///
    /// ## 例子
    /// ```text
    /// (三)聚力攻坚激发需求行动。……开工建设保障性租赁住房100套,改造老旧小区5个以上。
    /// ……
    /// 3.推进补短板强弱项领域建设。……实施城市更新行动,改造老旧小区7个以上。
    /// ```
    /// 第二处报:目标"改造老旧小区"前后不一致:此处为7个以上,第N行为5个以上。
    ///
    /// ## 不报的情形
    /// - 同一个数重复出现(含 1.13万户 与 11300户);
    /// - 一处“确保”、一处“力争”的两个数(确保20家、力争25家):底线和
    ///   争取的目标,本来就是两个数;
    /// - 一个范围和落在其中的数(1-2个 与 2个);
    /// - 年份不同(2023年 与 2024年,写在分句里、同一句的前面、段落开头
    ///   或所在标题里);
    /// - 不同措施各自的补助、奖励、上限((十一)的“最高补助100万元”与
    ///   (十二)的“最高补助50万元”);
    /// - 范围或主体不同(全县 与 园区,规模以上工业企业 与 高新技术企业):
    ///   分句的措辞不同就不是同一目标;共用一个动词(增长8%)不够;
    /// - 累计、年均、每年、年度等口径不同;
    /// - 单位不同(%与个百分点,个与户);
    /// - 去掉数字后几乎只剩动词的分句(达到5个、其中园区3家、分别增长……);
    /// - 同一段里同样措辞的几个不同数:那是分档(总投资5000万元及以上项目报市、
    ///   2亿元及以上报省),不是前后矛盾。
    ///
    /// English: the same target (the clause around a number, with the number,
    /// qualifiers, markers and punctuation removed, a pack's synonyms read as
    /// one word, plus its year (of the clause, the sentence, the paragraph's
    /// opening `到2027年，` or the heading) and scope) stated with different
    /// values anywhere in the document; a term of a measure (a pack's measure
    /// terms: 最高, 补助, 不超过 …) is compared only under its own heading.
    /// Reported where the value differs from the first statement, with every
    /// other statement related; a 确保 floor and a 力争 stretch goal are two
    /// figures on purpose.
    pub struct ConflictingTarget {
        code: "T101",
        name: "conflicting-target",
        severity: Error,
        summary: "the same target stated with different numbers anywhere in the document, attachments and tables included",
    }
}

/// Groups larger than this relate each finding to the first statement only.
const MAX_RELATED: usize = 16;

impl Rule for ConflictingTarget {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        // Shared with the other target rule: computed once per document.
        let targets =
            cx.memo(|| targets::targets(doc, cx.source.text(), &cx.settings.target_words));
        let mut out = Vec::new();
        for group in targets::groups(&targets) {
            if targets::has_tiers(&group, &targets, doc) {
                continue;
            }
            let first = &targets[group[0]];
            let fq = &doc.quantities[first.index].quantity;
            for &t in &group[1..] {
                let q = &doc.quantities[targets[t].index].quantity;
                if !targets::conflict(fq.value, q.value) {
                    continue;
                }
                // 确保20家 and 力争25家: a floor and a stretch goal, two
                // figures a plan states on purpose.
                let (a, b) = (targets::certainty(fq), targets::certainty(q));
                if a.is_some() && b.is_some() && a != b {
                    continue;
                }
                let message = format!(
                    "目标\"{}\"前后不一致:此处为{},第{}行为{}",
                    first.name,
                    q.display_value(),
                    cx.line(fq.span.start),
                    fq.display_value()
                );
                let mut d = cx.diagnostic(&Self::META, q.span, message);
                // Every other statement; only the first one when the group is
                // so large that listing all would be quadratic.
                let others = if group.len() <= MAX_RELATED {
                    &group[..]
                } else {
                    &group[..1]
                };
                for &other in others {
                    if other == t {
                        continue;
                    }
                    let oq = &doc.quantities[targets[other].index].quantity;
                    d = d.with_related(oq.span, format!("此处为{}", oq.display_value()));
                }
                out.push(d);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, check_with, texts};

    const PLAN: &str = "\
一、重点任务
(一)聚力攻坚激发需求行动。开工建设保障性租赁住房200套,改造老旧小区5个以上。推动30个项目申报纳入国家、省级重点民间投资项目库。地区生产总值增长7%。
附件1
衡阳县激发需求行动实施方案
一、工作任务
1.补短板。开工建设保障性租赁住房200套;实施城市更新行动,改造老旧小区7个以上。(县住建局牵头,县发改局等按职责分工负责)
2.激发民间投资。推动5个以上项目申报纳入国家、省级重点民间投资项目库。(县发改局牵头,县财政局等按职责分工负责)
";

    #[test]
    fn fires_on_a_target_with_two_numbers() {
        let found = check(&ConflictingTarget, PLAN);
        assert_eq!(texts(PLAN, &found), ["7个以上", "5个以上"]);
        assert_eq!(
            found[0].message,
            "目标\"改造老旧小区\"前后不一致:此处为7个以上,第2行为5个以上"
        );
        assert_eq!(found[0].related.len(), 1);
        assert_eq!(found[0].related[0].message, "此处为5个以上");
        assert_eq!(
            &PLAN[found[0].related[0].span.start..found[0].related[0].span.end],
            "5个以上"
        );
        assert_eq!(
            found[1].message,
            "目标\"推动项目申报纳入国家、省级重点民间投资项目库\"前后不一致:此处为5个以上,第2行为30个"
        );
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn every_other_statement_is_related() {
        let text = "\
1.新建公共充电桩40个。
2.新建公共充电桩40个。
3.新建公共充电桩50个。
";
        let found = check(&ConflictingTarget, text);
        assert_eq!(texts(text, &found), ["50个"]);
        assert_eq!(found[0].related.len(), 2);
        assert!(
            found[0].message.ends_with("此处为50个,第1行为40个"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn the_same_number_restated_is_quiet() {
        let text = "\
1.改造老旧小区7个以上。
2.改造老旧小区7个。
3.新增蓄水能力1.13万方。
4.新增蓄水能力11300方。
";
        assert!(check(&ConflictingTarget, text).is_empty());
    }

    #[test]
    fn a_shared_verb_is_not_a_shared_target() {
        let text = "\
1.社会消费品零售总额增长8%。
2.固定资产投资增长7%。
3.地方一般公共预算收入增长6%。
";
        assert!(check(&ConflictingTarget, text).is_empty());
    }

    #[test]
    fn different_years_are_quiet() {
        let text = "\
1.2023年新增规模以上工业企业16家。
2.2024年新增规模以上工业企业20家。
3.到2023年,新增规模以上工业企业16家。
4.到2025年,新增规模以上工业企业25家。
";
        assert!(check(&ConflictingTarget, text).is_empty());
    }

    #[test]
    fn list_items_keep_the_verb_of_their_list() {
        let text = "\
1.新增上云企业1000家、智能制造生产线26个、智能工位120个。
2.建成智能制造生产线200个、智能工位900个。
3.新增智能制造企业8家、智能工位100个。
";
        let found = check(&ConflictingTarget, text);
        assert_eq!(texts(text, &found), ["100个"]);
        assert_eq!(
            found[0].message,
            "目标\"智能工位\"前后不一致:此处为100个,第1行为120个"
        );
    }

    #[test]
    fn years_in_headings_are_quiet() {
        let text = "\
一、工作目标
(一)2024年目标。
1.新增城镇就业人员6900人。
(二)2025年目标。
1.新增城镇就业人员7000人。
";
        assert!(check(&ConflictingTarget, text).is_empty());
    }

    #[test]
    fn different_scopes_and_subjects_are_quiet() {
        let text = "\
1.全县新增城镇就业6900人,园区新增城镇就业2000人。
2.中心城区新增公共停车位500个。
3.全市新增公共停车位3000个。
4.全县:新增公共停车位800个。
5.新增公共停车位900个。
6.新增规模以上工业企业18家,新增高新技术企业13家。
";
        assert!(check(&ConflictingTarget, text).is_empty());
    }

    #[test]
    fn cumulative_and_annual_are_quiet() {
        let text = "\
1.新建农村公路83公里。
2.三年累计新建农村公路250公里。
3.年均新建农村公路90公里。
4.每年新建农村公路100公里。
";
        assert!(check(&ConflictingTarget, text).is_empty());
    }

    #[test]
    fn a_floor_and_a_stretch_goal_are_quiet() {
        let text = "\
1.确保新增规模以上工业企业20家、力争25家。
2.力争新增规模以上工业企业25家。
3.确保新增规模以上工业企业20家。
";
        assert!(check(&ConflictingTarget, text).is_empty());
        // Both under 力争, the figures disagree.
        let text = "\
1.力争新增规模以上工业企业20家。
2.力争新增规模以上工业企业25家。
";
        assert_eq!(texts(text, &check(&ConflictingTarget, text)), ["25家"]);
    }

    #[test]
    fn a_range_and_its_end_are_quiet() {
        let text = "\
1.打造具有影响力的县域核心商圈1-2个。
2.打造具有影响力的县域核心商圈2个。
";
        assert!(check(&ConflictingTarget, text).is_empty());
    }

    #[test]
    fn different_units_are_quiet() {
        let text = "\
1.城镇化率提高1.5个百分点。
2.城镇化率提高1.2%。
3.改造城镇老旧小区7个。
4.改造城镇老旧小区868户。
";
        assert!(check(&ConflictingTarget, text).is_empty());
    }

    #[test]
    fn generic_clauses_are_quiet() {
        let text = "\
1.加快建设,达到5个。
2.推进工作,达到8个。
3.其中园区3家。
4.其中园区5家。
";
        assert!(check(&ConflictingTarget, text).is_empty());
    }

    fn pack_words() -> crate::rule::Settings {
        let group = |ws: &[&str]| ws.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        crate::rule::Settings {
            target_words: plan_lint_core::targets::TargetWords::new(
                &[group(&["培育", "打造"]), group(&["新增", "新建"])],
                &group(&["最高", "奖励", "贴息"]),
            ),
            ..Default::default()
        }
    }

    #[test]
    fn a_target_restated_in_other_words_fires() {
        let text = "\
一、主要目标
到2025年,培育省级专精特新企业30家。
二、重点任务
1.强化企业梯度培育。到2025年,打造省级专精特新企业36家。
";
        let found = check_with(&ConflictingTarget, text, &pack_words());
        assert_eq!(texts(text, &found), ["36家"]);
        assert!(check(&ConflictingTarget, text).is_empty());
    }

    #[test]
    fn goals_of_two_years_in_their_paragraphs_are_quiet() {
        let text = "\
一、主要目标
——到2025年,基础设施基本建成。新建通用航空起降点200个以上,建成试飞基地3个。
——到2027年,基础设施全面建成。新建通用航空起降点1500个以上。
";
        assert!(check_with(&ConflictingTarget, text, &pack_words()).is_empty());
    }

    #[test]
    fn terms_of_different_measures_are_quiet() {
        let text = "\
三、支持政策
(二)支持技术改造融资。市财政给予每年2%的融资贴息,贴息期限2年。
(三)鼓励企业发债融资。市财政给予每年2%的融资贴息,贴息期限1年。
(四)支持节能改造。按每吨标准煤500元补助,单个项目最高奖励150万元。
(五)支持绿色工厂。给予配套奖励,单个项目最高奖励50万元。
";
        assert!(check_with(&ConflictingTarget, text, &pack_words()).is_empty());
        // Without the pack's measure terms they read as one target each.
        assert_eq!(check(&ConflictingTarget, text).len(), 2);
    }

    #[test]
    fn tiers_in_one_paragraph_are_quiet() {
        let text = "\
1.总投资5000万元及以上政府性投资项目,须报市财政部门论证;总投资2亿元及以上政府性投资项目,须报省级论证。
2.总投资5000万元及以上政府性投资项目,须开展论证。
";
        assert!(check(&ConflictingTarget, text).is_empty());
    }
}
