use std::collections::HashMap;

use plan_lint_core::Span;
use plan_lint_core::model::{BlockKind, Document};
use plan_lint_core::text::is_space;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 文件自称的文种与它的标题不一致:标题是 `若干支持措施`,正文却说
    /// `本政策规定`、`本办法`;标题是 `行动计划`,却写 `特制定本方案`;
    /// 标题是 `工作方案`,却写 `本实施方案`。文种取自标题末尾的文种词
    /// (方案、实施方案、行动计划、若干措施、意见、办法、细则、通知……),
    /// 自称取 `本` 后面的文种词。
    ///
    /// ## 为什么是问题
    /// 方案多由别的地方、上一年或上级的文件改写而来,标题改了,正文的
    /// 自称却留着原文件的文种。读者一眼就能看出,说明文件没有通读。
    ///
    /// ## 例子
    /// ```text
    /// 衡北县促进消费若干支持措施
    /// ……
    /// 本办法自印发之日起施行。
    /// ```
    /// `本办法` 与标题的文种 `若干支持措施` 不一致;修复改为文中已有的
    /// 正确自称(没有时取标题的文种词,如 `本措施`)。
    ///
    /// ## 不报的情形
    /// - 自称是标题文种的一部分:`实施方案` 自称 `本方案`、`本实施方案`;
    ///   `行动计划` 自称 `本计划`、`本行动计划`;`若干政策措施` 自称
    ///   `本政策`、`本措施`;
    /// - 印发通知里的 `本通知`,以及通知对所印发方案的称呼
    ///   (`现将《…实施方案》印发给你们`);附件里对主文件的称呼;
    /// - `基本政策`、`成本`、`计划单列市` 这类 `本` 不是指示词的词;
    ///   书名号里的文字;
    /// - 没有能读出文种的标题的文件。
    ///
    /// English: a self-reference (本方案, 本办法, 本意见 …) that names a
    /// genre other than the document's title: a 若干措施 calling itself
    /// 本办法, a 行动计划 saying 本方案. The notice may say 本通知, an
    /// attachment may name the main plan, and a part of the genre (本方案 in a
    /// 实施方案) is fine.
    pub struct SelfReference {
        code: "W201",
        name: "self-reference-mismatch",
        severity: Warning,
        summary: "a self-reference (本方案, 本办法 …) naming another genre than the document's title",
    }
}

/// Genre nouns a document title ends with (the last word of a genre).
const HEADS: &[&str] = &[
    "方案", "计划", "措施", "意见", "办法", "细则", "规定", "通知", "政策", "清单", "要点", "规划",
    "纲要", "决定", "条例", "指南", "指引", "规则",
];
/// Words that qualify a genre noun: 实施方案, 若干支持措施, 政策措施.
const MODIFIERS: &[&str] = &[
    "实施", "行动", "工作", "试点", "专项", "若干", "支持", "管理", "任务", "具体", "配套", "三年",
];
/// Characters that make a word with the 本 after them (基本, 成本, 文本 …):
/// that 本 does not point at the document.
const NOT_DEMONSTRATIVE: &str = "基成资根样范文版日原书账课剧脚标副正读蓝底工降保还归固治务拓人股血老母摹抄善刻孤话简译稿唱绘台大";

impl Rule for SelfReference {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let regions = regions(doc, cx);
        // Without a plan title of its own, the plan is what the notice issues.
        let Some(main) = regions
            .iter()
            .find(|r| r.candidate)
            .or_else(|| regions.first())
        else {
            return Vec::new();
        };
        // What the plan calls itself, and what the notice that issues it
        // calls it: a plan title cut by a wrap (`方案(2022-2025)`) says less.
        let mut main_genres = main.genres.clone();
        for r in regions.iter().filter(|r| r.notice) {
            main_genres.extend(r.genres.iter().cloned());
        }
        let text = cx.source.text();
        let mut found: Vec<(Span, String, usize)> = Vec::new();
        let mut usage: HashMap<(usize, String), usize> = HashMap::new();
        for (at, noun) in self_references(text) {
            let Some(index) = regions.iter().rposition(|r| r.start <= at) else {
                continue;
            };
            let region = &regions[index];
            let fits = |genres: &[String]| genres.iter().any(|g| g.contains(noun.as_str()));
            let allowed = fits(&region.genres)
                || fits(&main_genres)
                || (region.notice && "通知".contains(noun.as_str()));
            let span = Span::new(at, at + "本".len() + noun.len());
            if allowed {
                *usage.entry((index, noun)).or_default() += 1;
            } else {
                found.push((span, noun, index));
            }
        }
        found
            .into_iter()
            .map(|(span, noun, index)| {
                let region = &regions[index];
                let genre = region.genres.first().unwrap_or(&main_genres[0]);
                let message = format!(
                    "文件自称\"本{noun}\",与标题的文种\"{genre}\"不一致(第{}行的标题)",
                    cx.line(region.start)
                );
                let mut diagnostic = cx
                    .diagnostic(&Self::META, span, message)
                    .with_related(region.span, "标题");
                let usual = usage
                    .iter()
                    .filter(|((i, _), _)| *i == index)
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.1.cmp(&a.0.1)))
                    .map(|((_, n), _)| n.clone())
                    .or_else(|| head_of(genre).map(str::to_string));
                if let Some(right) = usual {
                    diagnostic = diagnostic.with_fix(Fix::replace(
                        format!("改为\"本{right}\""),
                        span,
                        format!("本{right}"),
                    ));
                }
                diagnostic
            })
            .collect()
    }
}

/// A part of the document under one title, with the genres its text may
/// call itself by.
#[derive(Debug)]
struct Region {
    start: usize,
    span: Span,
    genres: Vec<String>,
    /// The region of a 印发 notice: it may also say 本通知.
    notice: bool,
    /// Whether it may be the plan's own title.
    candidate: bool,
}

/// The titles of the document in order: the notice (its genres are those
/// of the documents it issues), the plan and each attachment.
fn regions(doc: &Document, cx: &Context<'_>) -> Vec<Region> {
    let mut regions = Vec::new();
    if let Some(notice) = &doc.header.notice_title {
        let genres: Vec<String> = issued_titles(&notice.text)
            .iter()
            .filter_map(|t| genre(t))
            .collect();
        if !genres.is_empty() {
            regions.push(Region {
                start: notice.span.start,
                span: notice.span,
                genres,
                notice: true,
                candidate: false,
            });
        }
    }
    for block in &doc.blocks {
        if !matches!(
            block.kind,
            BlockKind::PlanTitle | BlockKind::AttachmentTitle
        ) {
            continue;
        }
        if let Some(g) = genre(cx.text(block.span)) {
            regions.push(Region {
                start: block.span.start,
                span: block.span,
                genres: vec![g],
                notice: false,
                candidate: block.kind == BlockKind::PlanTitle,
            });
        }
    }
    if let Some(title) = &doc.title
        && !regions.iter().any(|r| r.span.start == title.span.start)
        && let Some(g) = genre(&title.text)
    {
        regions.push(Region {
            start: title.span.start,
            span: title.span,
            genres: vec![g],
            notice: false,
            candidate: true,
        });
    }
    let modelled = regions.iter().any(|r| r.candidate);
    // Titles the grammar does not know as such (若干措施, a year range after
    // the genre): a short line of its own that ends with a genre. A line
    // taken for a title by mistake only allows more.
    let mut offset = 0;
    for line in cx.source.text().split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if regions
            .iter()
            .any(|r| r.span.start <= start && start < r.span.end.max(r.start + 1))
        {
            continue;
        }
        let Some((genres, notice)) = title_line(line) else {
            continue;
        };
        let trimmed = line.trim_end();
        regions.push(Region {
            start,
            span: Span::new(start, start + trimmed.len()),
            genres,
            notice,
            candidate: !modelled && !notice,
        });
    }
    regions.sort_by_key(|r| r.start);
    regions
}

/// The genres of a line that looks like a title (short, no sentence
/// punctuation, not a heading, ending with a genre), and whether it is a
/// 印发 notice's title.
fn title_line(line: &str) -> Option<(Vec<String>, bool)> {
    let line =
        line.trim_matches(|c: char| is_space(c) || c == '\u{3000}' || c == '\n' || c == '\r');
    let count = line.chars().count();
    if !(6..=80).contains(&count) || line.contains(['。', ',', ',', ';', ';', ':', ':']) {
        return None;
    }
    let opened = line.matches(['《', '〈', '<', '＜']).count();
    let closed = line.matches(['》', '〉', '>', '＞']).count();
    if opened != closed {
        // A title cut by a wrap: its end may be another document's.
        return None;
    }
    let first = line.chars().next()?;
    if first.is_ascii_digit() || "(（〔[【一二三四五六七八九十".contains(first) {
        return None;
    }
    if line.contains("印发") && line.ends_with("通知") {
        let genres: Vec<String> = issued_titles(line)
            .iter()
            .filter_map(|t| genre(t))
            .collect();
        return (!genres.is_empty()).then_some((genres, true));
    }
    let g = genre(line)?;
    // 保障措施, 主要措施: a heading without its marker, not a title.
    (line.chars().count() >= g.chars().count() + 4).then_some((vec![g], false))
}

/// The titles a notice issues: `关于印发《A》和《B》的通知` → A, B;
/// `关于印发A的通知` → A.
fn issued_titles(notice: &str) -> Vec<String> {
    let mut titles = Vec::new();
    if let Some(open) = notice.find('《') {
        let after = &notice[open + '《'.len_utf8()..];
        // The outermost pair: a cited title may nest 〈〉 or 《》.
        if let Some(close) = after.rfind('》') {
            titles.extend(after[..close].split("》和《").map(str::to_string));
        }
    }
    if titles.is_empty()
        && let Some(at) = notice.find("印发")
    {
        let inner = &notice[at + "印发".len()..];
        let inner = inner.strip_suffix("的通知").unwrap_or(inner);
        titles.push(inner.to_string());
    }
    titles
}

/// The genre at the end of a title: `…若干支持措施` → 若干支持措施,
/// `…行动方案(2024—2026年)` → 行动方案. `None` when the title does not end
/// with a genre noun.
fn genre(title: &str) -> Option<String> {
    let mut t = title.trim_matches(|c: char| is_space(c) || c == '\u{3000}');
    // Trailing bracket groups: (2024—2026年), (试行), (公示稿).
    loop {
        let trimmed = t.trim_end_matches(|c: char| is_space(c) || c == '\u{3000}');
        let last = trimmed.chars().last()?;
        let open = match last {
            ')' => '(',
            '）' => '（',
            _ => {
                t = trimmed;
                break;
            }
        };
        let at = trimmed.rfind(open)?;
        t = &trimmed[..at];
    }
    let end = t.len();
    let mut start = end;
    // The head noun, then any modifiers before it.
    let head = HEADS.iter().find(|h| t.ends_with(*h))?;
    start -= head.len();
    loop {
        let before = &t[..start];
        match HEADS
            .iter()
            .chain(MODIFIERS)
            .find(|m| before.ends_with(*m) && **m != "通知")
        {
            Some(m) => start -= m.len(),
            None => break,
        }
    }
    Some(t[start..end].to_string())
}

/// The last genre noun of a genre: 若干支持措施 → 措施.
fn head_of(genre: &str) -> Option<&'static str> {
    HEADS.iter().copied().find(|h| genre.ends_with(h))
}

/// Every 本 that points at the document, with the genre words after it:
/// 本方案, 本实施方案, 本政策规定. Skips words such as 基本政策 and 计划单列市,
/// and text inside 《》.
fn self_references(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut previous = '\n';
    for (at, c) in text.char_indices() {
        match c {
            '《' => depth += 1,
            '》' => depth = depth.saturating_sub(1),
            '\n' => depth = 0,
            '本' if depth == 0 && !NOT_DEMONSTRATIVE.contains(previous) => {
                if let Some(noun) = genre_after(&text[at + '本'.len_utf8()..]) {
                    out.push((at, noun));
                }
            }
            _ => {}
        }
        previous = c;
    }
    out
}

/// The genre words at the start of `rest`, ending with a genre noun:
/// `实施方案自印发…` → 实施方案; `计划单列市` → none.
fn genre_after(rest: &str) -> Option<String> {
    let mut at = 0;
    let mut last_head = None;
    loop {
        let here = &rest[at..];
        let Some(word) = HEADS
            .iter()
            .chain(MODIFIERS)
            .filter(|w| here.starts_with(*w))
            .max_by_key(|w| w.len())
        else {
            break;
        };
        at += word.len();
        if HEADS.contains(word) {
            last_head = Some(at);
        }
    }
    let end = last_head?;
    let after = &rest[end..];
    // 计划单列市, 政策性银行, 通知书, 规定动作: not the document.
    if ["单列", "性", "书", "动作", "内", "外"]
        .iter()
        .any(|w| after.starts_with(w))
    {
        return None;
    }
    Some(rest[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};

    const NOTICE: &str = "北政办发〔2025〕3号\n衡北县人民政府办公室\n\
        关于印发《衡北县促进消费若干支持措施》的通知\n各乡镇人民政府:\n\
        现将《衡北县促进消费若干支持措施》印发给你们,请认真贯彻执行。本通知自印发之日起施行。\n\
        衡北县人民政府办公室\n2025年3月2日\n";

    fn plan(title: &str, body: &str) -> String {
        format!("{NOTICE}{title}\n一、支持企业扩大投资\n对新建项目给予补助。\n{body}\n")
    }

    #[test]
    fn fires_on_another_genre() {
        let text = plan(
            "衡北县促进消费若干支持措施",
            "二、其他\n本政策规定由县商务局负责解释。本办法自印发之日起施行。",
        );
        let found = check(&SelfReference, &text);
        assert_eq!(texts(&text, &found), ["本政策规定", "本办法"]);
        assert_eq!(
            found[1].message,
            "文件自称\"本办法\",与标题的文种\"若干支持措施\"不一致(第8行的标题)"
        );
        let fixed = found[1].fix.as_ref().unwrap().apply(&text);
        assert!(fixed.contains("本措施自印发之日起施行"), "{fixed}");
    }

    #[test]
    fn a_plan_of_action_is_not_a_scheme() {
        let text = "衡北县数字经济三年行动计划(2025—2027年)\n为加快发展数字经济,特制定本方案。\n\
                    一、工作目标\n本计划实施期间……\n";
        let found = check(&SelfReference, text);
        assert_eq!(texts(text, &found), ["本方案"]);
        // The fix takes the self-reference the document already uses.
        let fixed = found[0].fix.as_ref().unwrap().apply(text);
        assert!(fixed.contains("特制定本计划。"), "{fixed}");
    }

    #[test]
    fn an_attachment_is_read_against_its_own_title() {
        let text = "衡北县稳增长总体方案\n一、总体要求\n本方案自印发之日起施行。\n\
                    附件:1.衡北县消费提振行动方案\n附件1\n衡北县消费提振行动方案\n\
                    为提振消费,结合实际,制定本实施方案。按照本方案要求推进。\n";
        let found = check(&SelfReference, text);
        // 本方案 may name the attachment or the main plan; 本实施方案 names
        // neither.
        assert_eq!(texts(text, &found), ["本实施方案"]);
    }

    #[test]
    fn a_title_cut_by_a_wrap_is_completed_by_the_notice() {
        let text = "关于印发《衡北县绿色建筑创建行动实施方案》的通知\n各单位:\n\
                    现将《衡北县绿色建筑创建行动实施方案》印发给你们。\n\
                    衡北县绿色建筑创建行动实施\n方案(2022-2025)\n\
                    结合我县实际,制定本实施方案。全面落实本行动实施方案中明确的责任。\n";
        assert!(check(&SelfReference, text).is_empty());
    }

    #[test]
    fn near_misses() {
        // A part of the genre, the notice's own 本通知 and its words for the
        // plan it issues.
        let text = plan(
            "衡北县促进消费若干支持措施",
            "本措施由县商务局负责解释。本支持措施自印发之日起施行。",
        );
        assert!(check(&SelfReference, &text).is_empty());
        let text = "关于印发《衡北县城市更新实施方案》的通知\n各单位:\n\
                    现将《衡北县城市更新实施方案》印发给你们。本通知自印发之日起施行。\n\
                    衡北县城市更新实施方案\n为推进城市更新,制定本实施方案。本方案自印发之日起施行。\n";
        assert!(check(&SelfReference, text).is_empty());
        // 本 inside a word, inside 《》, and 计划单列市.
        let text = "衡北县农业产业化行动计划\n坚持基本政策不变,降低成本办法多样。\n\
                    各省、自治区、直辖市及本计划单列市;按《本办法实施细则》执行。本计划自印发之日起施行。\n";
        assert!(check(&SelfReference, text).is_empty());
        // 若干政策措施 may call itself 本政策.
        let text =
            "关于支持全县低空经济发展的若干政策措施\n一、支持企业\n本政策与其他政策不重复享受。\n";
        assert!(check(&SelfReference, text).is_empty());
        // No title with a genre: nothing to compare with.
        assert!(check(&SelfReference, "一、总体要求\n本办法自印发之日起施行。\n").is_empty());
    }

    #[test]
    fn reads_genres() {
        assert_eq!(
            genre("衡北县促进消费若干支持措施").as_deref(),
            Some("若干支持措施")
        );
        assert_eq!(
            genre("湘东区低空经济行动方案(2024—2026年)").as_deref(),
            Some("行动方案")
        );
        assert_eq!(
            genre("关于严格能效约束的实施方案(试行)").as_deref(),
            Some("实施方案")
        );
        assert_eq!(
            genre("关于支持全省低空经济发展的若干政策措施").as_deref(),
            Some("若干政策措施")
        );
        assert_eq!(genre("衡北县人民政府"), None);
        assert_eq!(
            genre_after("实施方案自印发之日起施行"),
            Some("实施方案".to_string())
        );
        assert_eq!(genre_after("计划单列市"), None);
        assert_eq!(
            issued_titles("关于印发《衡北县城市更新实施方案》的通知"),
            ["衡北县城市更新实施方案"]
        );
        assert_eq!(
            issued_titles("关于印发衡北县城市更新实施方案的通知"),
            ["衡北县城市更新实施方案"]
        );
    }
}
