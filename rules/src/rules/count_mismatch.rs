use plan_lint_core::Span;
use plan_lint_core::model::{BlockKind, Document, SectionId};
use plan_lint_core::quantity::parse_chinese_number;
use plan_lint_core::text::{is_clause_break, is_han, is_quote, is_sentence_break};

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{CanonicalList, Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 用中文数字概括的“几大/几个/几项/几件/几条”(八大行动、三大主力产业、
    /// 十大重点民生实事、十件实事)和紧挨着它的列举对不上。列举指:
    /// - 紧接在前面、用顿号隔开的名目:`产业培塑、创新提升…民生可感“八大行动”`;
    /// - 紧接在后面的括号、冒号或“即/包括”后的名目:`十大重点行业领域(社会治安、…)`;
    /// - 标题以它收尾时,这个标题下的下一级各项:`(一)突出“十大重点民生实事”`
    ///   下的 1. 2. …;
    /// - 段落以它收尾、紧接着是上级标题的各个下级标题:`聚力攻坚“八大行动”。`
    ///   后的 (一)至(八)。
    ///
    /// 规则包给出同名的规定名单(`lists`)时,还会指出列举中缺了哪一项。
    ///
    /// ## 为什么是问题
    /// “八大行动”只列了七项,或“三大主力产业”列出四个,读者无法判断是数字错了
    /// 还是漏了、多了一项;这类概括语常被上级文件固定,错了就和上级口径不一致。
    ///
    /// ## 例子
    /// ```text
    /// (一)办好“十大重点民生实事”
    /// 1.促进教育高质量发展
    /// …
    /// 12.便民出行服务提质
    /// ```
    /// 报告在“十大重点民生实事”上:`"十大重点民生实事"下列了12项(1.至12.),
    /// 与"十大"不一致`。
    ///
    /// ## 不报的情形
    /// - 附近没有列举的概括语(做好“十个统筹”,抓好“十个着力”);
    /// - 列举以“等”结尾(A、B等三大产业),只是举例;
    /// - 紧挨着的顿号列举与数字相差三项以上(进商超、入名店系列“六大行动”),
    ///   或列的是所属地方(省、邵阳市“十大重点民生实事”),这不是完整列举;
    /// - 某一项里用“和/及/与”连着两个名目,算上它们数目就对(A、B和C三大产业);
    /// - 一项名称内部的顿号:多数项以同一后缀(…项目)结尾时按后缀计数;
    /// - “一件事”“统一大市场”之类的“一”,党的“二十大”等不是计数;
    /// - 阿拉伯数字的“22个大项”是数量指标,不在此检查;
    /// - 段落以概括语结尾但后面不是上级标题的下级标题(如前言“特制定‘七大攻坚’
    ///   总体方案。”后的一、二、三)。
    ///
    /// English: a Chinese count word (八大行动, 三大主力产业, 十件实事) and the
    /// enumeration right next to it (an 、-list before or after it, the child
    /// headings of a heading or intro paragraph ending with it) disagree; a
    /// pack's canonical list names the missing member.
    pub struct CountMismatch {
        code: "S202",
        name: "count-mismatch",
        severity: Warning,
        summary: "a count word and its enumeration disagree",
    }
}

impl Rule for CountMismatch {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let text = cx.source.text();
        let mut out = Vec::new();
        for (index, block) in doc.blocks.iter().enumerate() {
            if !matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading) {
                continue;
            }
            for word in count_words(text, cx.chars(block.span), block.span.end) {
                let enumeration = inline_before(text, block.span, &word)
                    .or_else(|| inline_after(text, block.span, &word))
                    .or_else(|| heading_children(doc, text, index, &word))
                    .or_else(|| intro_paragraph(doc, text, index, &word));
                if let Some(d) = enumeration.and_then(|e| judge(doc, cx, &word, &e)) {
                    out.push(d);
                }
            }
        }
        out
    }
}

/// A count word: 八大行动, 三大主力产业, 十件实事.
#[derive(Clone, Debug)]
struct CountWord {
    /// From the numeral to the end of the head noun.
    span: Span,
    /// The numeral and the classifier: 八大, 十件.
    count_text: String,
    n: usize,
    /// The numeral, classifier and head noun: 八大行动.
    text: String,
}

/// What the count word is compared with.
struct Enumeration {
    /// How many items it has.
    count: usize,
    /// The members' text, for canonical-list checks.
    members: Vec<String>,
    /// Where the list is: the region of an inline list, or the first and last
    /// child headings.
    place: Place,
}

enum Place {
    Inline(Span),
    Children(Vec<SectionId>),
}

/// A numeral of a count word (`两` too: 两大, 两项). A `match`, not a
/// slice search: it runs at every character of every paragraph.
fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '两'
    )
}
const CLASSIFIERS: &[char] = &['大', '个', '项', '件', '条'];
const HEAD_MAX: usize = 12;

/// The count words of a line: its `chars` at their byte offsets in `text`,
/// the line ending at byte `line_end`.
fn count_words(text: &str, chars: &[(usize, char)], line_end: usize) -> Vec<CountWord> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let previous = i.checked_sub(1).map(|j| chars[j].1);
        if !is_numeral(c)
            || previous.is_some_and(|p| {
                is_numeral(p) || p == '第' || p == '百' || p == '千' || p.is_ascii_digit()
            })
        {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && is_numeral(chars[j].1) && j - i < 3 {
            j += 1;
        }
        let Some(&(classifier_at, classifier)) = chars.get(j) else {
            break;
        };
        let numeral = &text[start..classifier_at];
        let n = if numeral == "两" {
            Some(2.0)
        } else {
            parse_chinese_number(numeral)
        };
        let Some(n) = n.map(|n| n as usize) else {
            i = j;
            continue;
        };
        let limit = if classifier == '大' { 10 } else { 30 };
        if !CLASSIFIERS.contains(&classifier) || !(2..=limit).contains(&n) {
            i = j;
            continue;
        }
        let mut k = j + 1;
        while k < chars.len() && is_han(chars[k].1) && k - j <= HEAD_MAX {
            k += 1;
        }
        if k == j + 1 {
            i = j;
            continue;
        }
        let end = chars.get(k).map_or(line_end, |&(b, _)| b);
        let after_classifier = classifier_at + classifier.len_utf8();
        out.push(CountWord {
            span: Span::new(start, end),
            count_text: text[start..after_classifier].to_string(),
            n,
            text: text[start..end].to_string(),
        });
        i = k;
    }
    out
}

/// Splits `s` at top-level 、 (not inside brackets or quotes).
fn split_items(s: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut depth: i32 = 0;
    let mut in_quote = false;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '（' | '《' | '〈' | '【' => depth += 1,
            ')' | '）' | '》' | '〉' | '】' => depth -= 1,
            '“' => in_quote = true,
            '”' => in_quote = false,
            '、' if depth <= 0 && !in_quote => {
                items.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    items.push(&s[start..]);
    items
}

/// The number of items of an inline list, when it is one: at least two
/// items, not ending in 等. Pieces split by an inner 、 are joined again when
/// most items end with the head noun's suffix (…项目).
fn count_items(list: &str, word: &CountWord) -> Option<(usize, Vec<String>)> {
    let list = list.trim_matches(|c: char| c.is_whitespace() || is_quote(c));
    if list.ends_with('等') || list.ends_with("等等") {
        return None;
    }
    let pieces: Vec<&str> = split_items(list)
        .into_iter()
        .map(|p| p.trim_matches(|c: char| c.is_whitespace() || is_quote(c)))
        .collect();
    if pieces.len() < 2 || pieces.iter().any(|p| p.is_empty()) {
        return None;
    }
    let head: String = word
        .text
        .chars()
        .skip(word.count_text.chars().count())
        .collect();
    let suffix: String = {
        let chars: Vec<char> = head.chars().collect();
        chars[chars.len().saturating_sub(2)..].iter().collect()
    };
    let ends_with_suffix = |piece: &str| strip_trailing_paren(piece).ends_with(suffix.as_str());
    let with_suffix = pieces.iter().filter(|p| ends_with_suffix(p)).count();
    let mut members: Vec<String> = Vec::new();
    if suffix.chars().count() == 2 && with_suffix * 2 >= pieces.len() && with_suffix >= 2 {
        let mut current = String::new();
        for piece in &pieces {
            if !current.is_empty() {
                current.push('、');
            }
            current.push_str(piece);
            if ends_with_suffix(piece) {
                members.push(std::mem::take(&mut current));
            }
        }
        if !current.is_empty() {
            members.push(current);
        }
    } else {
        members = pieces.iter().map(|p| p.to_string()).collect();
    }
    Some((members.len(), members))
}

/// How far an inline list may reach from its count word, in bytes: real
/// lists are far shorter, and the bound keeps long lines linear.
const LIST_WINDOW: usize = 600;

/// The start of the window before byte `at`, on a character boundary.
fn window_start(text: &str, line_start: usize, at: usize) -> usize {
    let mut start = at.saturating_sub(LIST_WINDOW).max(line_start);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    start
}

/// The end of the window after byte `at`, on a character boundary.
fn window_end(text: &str, at: usize, line_end: usize) -> usize {
    let mut end = (at + LIST_WINDOW).min(line_end);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// `…工程项目(一期)` → `…工程项目`.
fn strip_trailing_paren(piece: &str) -> &str {
    if !piece.ends_with([')', '）']) {
        return piece;
    }
    piece.rfind(['(', '（']).map_or(piece, |i| &piece[..i])
}

/// Whether a list looks like owners of the count word rather than its
/// members: 省、邵阳市“十大重点民生实事” (the province's and the city's).
fn lists_owners(members: &[String]) -> bool {
    members.iter().all(|m| {
        let m = m.trim();
        m.chars().count() <= 4 && m.ends_with(['省', '市', '县', '区', '州', '镇', '乡', '级'])
    })
}

/// `产业培塑、创新提升…民生可感“八大行动”`: a list right before the word.
fn inline_before(text: &str, line: Span, word: &CountWord) -> Option<Enumeration> {
    let line = Span::new(window_start(text, line.start, word.span.start), line.end);
    let before = &text[line.start..word.span.start];
    let before = before.strip_suffix(['“', '"']).unwrap_or(before);
    let last = before.chars().next_back()?;
    if !is_han(last) && !is_quote(last) && last != ')' && last != '）' {
        return None;
    }
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| is_clause_break(c) || is_sentence_break(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let region = &before[start..];
    if !region.contains('、') {
        return None;
    }
    let (count, members) = count_items(region, word)?;
    let count = joined_last_item(region, count, word.n);
    if !plausible(count, word.n) || lists_owners(&members) {
        return None;
    }
    let span = Span::new(line.start + start, line.start + before.len());
    Some(Enumeration {
        count,
        members,
        place: Place::Inline(span),
    })
}

/// Whether an inline 、-list of `count` items can be the enumeration of a
/// count word of `n`: a list far off (进商超、入名店系列“六大行动”) is a
/// mention of some members, not the enumeration.
fn plausible(count: usize, n: usize) -> bool {
    count.abs_diff(n) <= 2
}

/// The count when items joining two names with 和/及/与 make it right
/// (A、B和C三大产业).
fn joined_last_item(list: &str, count: usize, n: usize) -> usize {
    let joins = split_items(list)
        .iter()
        .filter(|item| item.contains(['和', '及', '与']))
        .count();
    if count < n && count + joins >= n {
        n
    } else {
        count
    }
}

/// `十大重点行业领域(社会治安、…)`, `十大项目:A、B…`, `…,即A、B…`: a list
/// right after the word.
fn inline_after(text: &str, line: Span, word: &CountWord) -> Option<Enumeration> {
    let after_start = word.span.end;
    let rest = &text[after_start..window_end(text, after_start, line.end)];
    let rest_trimmed = rest.trim_start_matches(['”', '"']);
    let skipped = rest.len() - rest_trimmed.len();
    let (list, list_start) = if let Some(inner) = rest_trimmed.strip_prefix(['(', '（']) {
        let mut depth = 1;
        let mut end = None;
        for (i, c) in inner.char_indices() {
            match c {
                '(' | '（' => depth += 1,
                ')' | '）' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let open = rest_trimmed.len() - inner.len();
        (&inner[..end?], after_start + skipped + open)
    } else {
        let intro = [
            ":",
            "：",
            ",即",
            "，即",
            "即",
            ",包括",
            "，包括",
            "包括",
            ",分别是",
            "，分别是",
            "分别是",
            ",分别为",
            "，分别为",
            "分别为",
            ",具体为",
            "，具体为",
        ];
        let prefix = intro.iter().find(|p| rest_trimmed.starts_with(**p))?;
        let inner = &rest_trimmed[prefix.len()..];
        let end = inner
            .char_indices()
            .find(|&(_, c)| matches!(c, '。' | ';' | '；'))
            .map_or(inner.len(), |(i, _)| i);
        (&inner[..end], after_start + skipped + prefix.len())
    };
    if !list.contains('、') {
        return None;
    }
    let (count, members) = count_items(list, word)?;
    let count = joined_last_item(list, count, word.n);
    if !plausible(count, word.n) {
        return None;
    }
    Some(Enumeration {
        count,
        members,
        place: Place::Inline(Span::new(list_start, list_start + list.len())),
    })
}

/// The children of the first level under `section`, when there are at least
/// two.
fn first_level_children(doc: &Document, section: SectionId) -> Option<Vec<SectionId>> {
    let children = &doc.sections[section].children;
    let first = *children.first()?;
    let level = doc.sections[first].level();
    let list: Vec<SectionId> = children
        .iter()
        .copied()
        .filter(|&c| doc.sections[c].level() == level)
        .collect();
    (list.len() >= 2).then_some(list)
}

fn children_enumeration(doc: &Document, children: Vec<SectionId>) -> Enumeration {
    Enumeration {
        count: children.len(),
        members: children
            .iter()
            .map(|&c| doc.sections[c].title.clone())
            .collect(),
        place: Place::Children(children),
    }
}

/// Whether `text` ends with the count word, allowing a closing quote, 。 and
/// white space after it.
fn ends_with_word(text: &str, text_start: usize, word: &CountWord) -> bool {
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || is_quote(c) || c == '。');
    text_start + trimmed.len() == word.span.end
}

/// `(一)突出“十大重点民生实事”,着力改善民生` and its 1. 2. …: a heading whose
/// first clause ends with the word.
fn heading_children(
    doc: &Document,
    text: &str,
    index: usize,
    word: &CountWord,
) -> Option<Enumeration> {
    let block = &doc.blocks[index];
    if block.kind != BlockKind::Heading {
        return None;
    }
    let section = block.section?;
    let title = doc.sections[section].title_span;
    if word.span.start < title.start || word.span.end > title.end {
        return None;
    }
    let title_text = &text[title.start..title.end];
    let clause_end = title_text
        .char_indices()
        .find(|&(_, c)| is_clause_break(c) || is_sentence_break(c))
        .map_or(title_text.len(), |(i, _)| i);
    if !ends_with_word(&title_text[..clause_end], title.start, word) {
        return None;
    }
    Some(children_enumeration(
        doc,
        first_level_children(doc, section)?,
    ))
}

/// `…聚力攻坚“八大行动”。` followed by (一)…(八): a paragraph ending with the
/// word, right before the first child heading of its section.
fn intro_paragraph(
    doc: &Document,
    text: &str,
    index: usize,
    word: &CountWord,
) -> Option<Enumeration> {
    let block = &doc.blocks[index];
    if block.kind != BlockKind::Paragraph {
        return None;
    }
    let parent = block.section?;
    if !ends_with_word(
        &text[block.span.start..block.span.end],
        block.span.start,
        word,
    ) {
        return None;
    }
    let next = doc.blocks.get(index + 1)?;
    let first_child = *doc.sections[parent].children.first()?;
    if next.kind != BlockKind::Heading || next.section != Some(first_child) {
        return None;
    }
    Some(children_enumeration(
        doc,
        first_level_children(doc, parent)?,
    ))
}

/// A canonical member is named in `members` (also without a generic suffix:
/// 产业培塑行动 → 产业培塑).
fn mentions(members: &[String], member: &str) -> bool {
    let short = ["行动", "攻坚", "工程", "产业", "项目", "实事"]
        .iter()
        .find_map(|s| member.strip_suffix(s))
        .filter(|s| s.chars().count() >= 2)
        .unwrap_or(member);
    members
        .iter()
        .any(|m| m.contains(member) || m.contains(short))
}

fn canonical<'a>(cx: &'a Context<'_>, word: &CountWord) -> Option<&'a CanonicalList> {
    cx.settings
        .lists
        .iter()
        .filter(|l| !l.members.is_empty() && word.text.starts_with(l.name.as_str()))
        .max_by_key(|l| l.name.len())
}

fn judge(
    doc: &Document,
    cx: &Context<'_>,
    word: &CountWord,
    enumeration: &Enumeration,
) -> Option<Diagnostic> {
    let count = enumeration.count;
    let list = canonical(cx, word);
    let missing: Vec<&str> = list.map_or(Vec::new(), |l| {
        l.members
            .iter()
            .filter(|m| !mentions(&enumeration.members, m))
            .map(String::as_str)
            .collect()
    });
    let missing_text = (!missing.is_empty()).then(|| {
        let names: Vec<String> = missing.iter().map(|m| format!("\"{m}\"")).collect();
        format!(
            "对照规定的\"{}\"名单,缺少{}",
            list.map_or("", |l| l.name.as_str()),
            names.join("、")
        )
    });
    if count == word.n && missing_text.is_none() {
        return None;
    }
    let name = &word.text;
    let count_text = &word.count_text;
    let mut message = match &enumeration.place {
        Place::Inline(span) if span.end <= word.span.start => {
            format!("\"{name}\"前列举了{count}项,与\"{count_text}\"不一致")
        }
        Place::Inline(_) => format!("\"{name}\"后列举了{count}项,与\"{count_text}\"不一致"),
        Place::Children(children) => {
            let first = cx.text(doc.sections[children[0]].marker_span);
            let last = cx.text(doc.sections[children[children.len() - 1]].marker_span);
            format!("\"{name}\"下列了{count}项({first}至{last}),与\"{count_text}\"不一致")
        }
    };
    if count == word.n {
        message = format!(
            "\"{name}\"列举了{count}项,但{}",
            missing_text.unwrap_or_default()
        );
    } else if let Some(missing) = missing_text {
        message.push(';');
        message.push_str(&missing);
    }
    let mut diagnostic = cx.diagnostic(&CountMismatch::META, word.span, message);
    match &enumeration.place {
        Place::Inline(span) => {
            diagnostic = diagnostic.with_related(*span, format!("这里列举了{count}项"));
        }
        Place::Children(children) => {
            let first = &doc.sections[children[0]];
            let last = &doc.sections[children[children.len() - 1]];
            diagnostic = diagnostic
                .with_related(first.marker_span, "第1项")
                .with_related(last.marker_span, format!("第{count}项"));
        }
    }
    Some(diagnostic)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, check_with, texts};
    use crate::rule::Settings;

    #[test]
    fn fires_on_children_of_a_heading() {
        let mut text =
            String::from("一、攻坚目标\n二、攻坚重点\n(一)突出“十大重点民生实事”,着力改善民生\n");
        for (i, t) in [
            "促进教育",
            "促进就业",
            "提升健康",
            "提升养老",
            "提升救助",
            "提升消费",
            "数字政务",
            "防灾减灾",
            "人居环境",
            "农村设施",
            "电气保供",
            "便民出行",
        ]
        .iter()
        .enumerate()
        {
            text.push_str(&format!("{}.{t}\n", i + 1));
        }
        text.push_str("(二)保障重点群体就业\n");
        let found = check(&CountMismatch, &text);
        assert_eq!(texts(&text, &found), ["十大重点民生实事"]);
        assert_eq!(
            found[0].message,
            "\"十大重点民生实事\"下列了12项(1.至12.),与\"十大\"不一致"
        );
        assert_eq!(found[0].related.len(), 2);
    }

    #[test]
    fn fires_on_an_inline_list_before() {
        let text = "一、总体目标\n大力实施产业培塑、创新提升、激发需求、改革攻坚、主体强身、区域共进、民生可感“八大行动”,力争实现增长。\n";
        let found = check(&CountMismatch, text);
        assert_eq!(texts(text, &found), ["八大行动"]);
        assert_eq!(found[0].message, "\"八大行动\"前列举了7项,与\"八大\"不一致");
        let related = &found[0].related[0];
        assert_eq!(
            &text[related.span.start..related.span.end],
            "大力实施产业培塑、创新提升、激发需求、改革攻坚、主体强身、区域共进、民生可感"
        );
    }

    #[test]
    fn fires_on_an_inline_list_after() {
        let text = "(二)深化扫黑除恶。开展十大重点行业领域(社会治安、乡村治理、信息网络、工程建设、交通运输、自然资源、教育、市场流通、金融放贷)整治。\n";
        let found = check(&CountMismatch, text);
        assert_eq!(texts(text, &found), ["十大重点行业领域"]);
        assert_eq!(
            found[0].message,
            "\"十大重点行业领域\"后列举了9项,与\"十大\"不一致"
        );
    }

    #[test]
    fn names_the_missing_member_from_a_canonical_list() {
        let text = "一、总体目标\n大力实施产业培塑、创新提升、激发需求、改革攻坚、主体强身、区域共进、民生可感“八大行动”。\n";
        let mut settings = Settings::default();
        settings.lists.push(CanonicalList {
            name: "八大行动".into(),
            members: [
                "产业培塑",
                "创新提升",
                "激发需求",
                "改革攻坚",
                "主体强身",
                "区域共进",
                "安全守底",
                "民生可感",
            ]
            .map(String::from)
            .to_vec(),
        });
        let found = check_with(&CountMismatch, text, &settings);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "\"八大行动\"前列举了7项,与\"八大\"不一致;对照规定的\"八大行动\"名单,缺少\"安全守底\""
        );
        // Eight items but one replaced.
        let text = text.replace("民生可感", "民生兜底、安全发展");
        let found = check_with(&CountMismatch, &text, &settings);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.starts_with(
                "\"八大行动\"列举了8项,但对照规定的\"八大行动\"名单,缺少\"安全守底\"、\"民生可感\""
            ),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn fires_on_an_intro_paragraph_before_headings() {
        let text = "一、总体目标\n二、重点任务\n坚持稳中求进,做好“十个统筹”,抓好“十个着力”,聚力攻坚“八大行动”。\n(一)产业培塑行动。…\n(二)创新提升行动。…\n(三)激发需求行动。…\n三、组织实施\n";
        let found = check(&CountMismatch, text);
        assert_eq!(texts(text, &found), ["八大行动"]);
        assert_eq!(
            found[0].message,
            "\"八大行动\"下列了3项((一)至(三)),与\"八大\"不一致"
        );
    }

    #[test]
    fn matching_counts_are_quiet() {
        let text = "(一)重点壮大三大主力军产业\n1.输变电。…\n2.新农业。…\n3.电子信息。…\n(二)加快发展两大潜力军产业\n1.机械制造。…\n2.循环经济。…\n";
        assert!(check(&CountMismatch, text).is_empty());
        let text = "重点壮大输变电、新农业、电子信息三大主力产业,加快发展机械制造、循环经济两大潜力产业。\n";
        assert!(check(&CountMismatch, text).is_empty());
    }

    #[test]
    fn no_enumeration_nearby_is_quiet() {
        // Slogans without a list, and a preamble whose paragraph does not end
        // with the count word.
        let text = "坚持稳中求进,做好“十个统筹”,抓好“十个着力”。\n特制定“七大攻坚”总体方案。\n一、攻坚目标\n二、攻坚重点\n三、组织实施\n";
        assert!(check(&CountMismatch, text).is_empty());
        // A list of count words is not a list before the next one.
        let text = "推进十大基础设施项目、十大产业项目、十大科技创新项目建设。\n";
        assert!(check(&CountMismatch, text).is_empty());
        // Owners and a mention of two of six.
        let text = "扎实办好省、邵阳市“十大重点民生实事”,持续提升保障水平。\n开展农产品进商超、入名店系列“六大行动”。\n";
        assert!(check(&CountMismatch, text).is_empty());
        // 一件事, 统一大市场, 二十大.
        let text = "深入学习贯彻党的二十大精神、加快统一大市场、高效办成一件事。\n";
        assert!(check(&CountMismatch, text).is_empty());
    }

    #[test]
    fn partial_and_joined_lists_are_quiet() {
        let text = "加快新材料、新能源等三大产业发展。\n培育新材料、新能源和电子信息三大产业。\n培育新材料和新能源、电子信息三大产业。\n";
        assert!(check(&CountMismatch, text).is_empty());
        // An inner 、 inside one item ending in the head noun's suffix.
        let text = "实施十大文化遗产保护项目:甲古建筑群修缮工程项目(一期)、乙故居整修工程项目、丙宫、丁祠修缮工程项目、戊村保护项目、己塔修缮项目、庚桥修缮项目、辛楼修缮项目、壬寺修缮项目、癸园修缮项目、子亭修缮项目。\n";
        assert!(check(&CountMismatch, text).is_empty());
    }
}
