use std::collections::HashMap;

use plan_lint_core::model::{Attachment, AttachmentKind, Document};
use plan_lint_core::text::{is_han, is_space};

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 正文后的附件说明(`附件:1.…`)与各附件本身对不上:
    /// - 标题不同:附件3的标题是“邵东市激发需求行动实施方案”,附件说明却写
    ///   “…攻坚实施方案”(比较前去掉书名号和空白);
    /// - 数量不同:附件说明列出的某个附件在文后找不到,或文后某个附件不在
    ///   附件说明里;
    /// - 顺序不同:附件编号重复,或排在前面的附件编号更大。
    ///
    /// ## 为什么是问题
    /// GB/T 9704-2012 要求附件说明中的附件顺序号和名称与附件本身一致。
    /// 名称不一致时读者不知道以哪个为准,引用、归档也会出错。
    ///
    /// ## 例子
    /// ```text
    /// 附件:1.衡东县产业培塑行动实施方案
    /// 2.衡东县主体强身行动实施方案
    /// …
    /// 附件2
    /// 衡东县经营主体强身行动方案
    /// ```
    /// 报告在附件2的标题上:`附件2的标题与附件说明不一致:附件说明为"衡东县主体
    /// 强身行动实施方案",附件标题为"衡东县经营主体强身行动方案"(附件标题多了
    /// "经营",少了"实施")`,附件说明那一项作为相关位置。
    ///
    /// ## 不报的情形
    /// - 书名号、空白的差别(`《…工作方案》` 与 `…工作方案`);
    /// - 一方多了一个地名前缀(`沅江市…工作方案` 与 `…工作方案`),且这个地名在
    ///   文件别处也用到:这是常见的省略,不算不一致;
    /// - 附表(`附表`)不在附件说明的编号之内;
    /// - 有附件说明而文后没有附件:网页转载常把附件作为单独的下载文件;
    /// - 没有附件说明时,文后的附件无从比较;
    /// - 文中说明附件不公开(`（此件正文公开发布，附件不公开）`)时,文后没有的附件
    ///   是不公开,不是缺失。
    ///
    /// - 一组文件(`[[set]]`,或认出的一组)里附件的多少由 S203 对照文件核对,
    ///   这里只核对标题和顺序。
    ///
    /// English: the 附件说明 list and the attachments disagree in title (after
    /// removing 《》 and spaces, and a leading place name the document uses
    /// elsewhere), in count, or in order. Attachments the document says are
    /// not published (附件不公开) are not reported missing. In a plan set the
    /// count is S203's (the note against the set's files).
    pub struct AttachmentMismatch {
        code: "S201",
        name: "attachment-mismatch",
        severity: Error,
        summary: "the 附件说明 list and the attachments disagree",
    }
}

impl Rule for AttachmentMismatch {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let Some(note) = &doc.attachment_note else {
            return Vec::new();
        };
        let attachments: Vec<&Attachment> = doc
            .attachments
            .iter()
            .filter(|a| a.kind == AttachmentKind::Attachment)
            .collect();
        if attachments.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let entries = &note.entries;

        // Order: each attachment's number must be larger than the one before.
        let mut seen: HashMap<u32, &Attachment> = HashMap::new();
        let mut previous: Option<&Attachment> = None;
        for &a in &attachments {
            let Some(n) = a.ordinal else { continue };
            if let Some(first) = seen.get(&n) {
                out.push(
                    cx.diagnostic(&Self::META, a.label_span, format!("附件{n}出现了两次"))
                        .with_related(first.label_span, format!("第一个附件{n}在这里")),
                );
            } else if let Some(p) = previous.filter(|p| p.ordinal.is_some_and(|m| m > n)) {
                let m = p.ordinal.unwrap_or_default();
                out.push(
                    cx.diagnostic(
                        &Self::META,
                        a.label_span,
                        format!("附件{n}排在附件{m}之后,顺序与附件说明不一致"),
                    )
                    .with_related(p.label_span, format!("附件{m}在这里")),
                );
            }
            seen.entry(n).or_insert(a);
            previous = Some(a);
        }

        // Count: entries without an attachment, attachments without an entry.
        // In a plan set, S203 compares the note with the set's files.
        let in_set = cx.set().is_some();
        let entry_count = entries.len();
        let attachment_count = attachments.len();
        let any_unnumbered = attachments.iter().any(|a| a.ordinal.is_none());
        for (i, entry) in entries.iter().enumerate() {
            // The model links a lone unnumbered entry to a lone 附件1 too.
            let found = attachments.iter().any(|a| a.note_entry == Some(i))
                || match entry.number {
                    Some(n) => seen.contains_key(&n),
                    None => any_unnumbered,
                };
            // Announced but not published (附件不公开): withheld, not lost.
            if !found && doc.attachments_withheld.is_none() && !in_set {
                let which = entry.number.map_or(String::new(), |n| n.to_string());
                out.push(cx.diagnostic(
                    &Self::META,
                    entry.title_span,
                    format!(
                        "附件说明列出了附件{which}\"{}\",文后找不到这个附件(附件说明{entry_count}个,文后{attachment_count}个)",
                        entry.title
                    ),
                ));
            }
        }
        for &a in &attachments {
            if a.note_entry.is_some() || in_set {
                continue;
            }
            let which = a.ordinal.map_or(String::new(), |n| n.to_string());
            let title = a
                .title
                .as_ref()
                .map_or(String::new(), |t| format!("\"{}\"", t.text));
            out.push(
                cx.diagnostic(
                    &Self::META,
                    a.label_span,
                    format!(
                        "附件{which}{title}不在附件说明中(附件说明{entry_count}个,文后{attachment_count}个)"
                    ),
                )
                .with_related(note.label_span, "附件说明在这里"),
            );
        }

        // Titles.
        let mut titles =
            EntryTitles::new(cx.source.text(), entries.iter().map(|e| e.title.as_str()));
        let mut swapped_reported: Vec<(usize, usize)> = Vec::new();
        for &a in &attachments {
            let (Some(i), Some(title)) = (a.note_entry, &a.title) else {
                continue;
            };
            let entry = &entries[i];
            let actual = normalise(&title.text);
            if titles.same(i, &actual) {
                continue;
            }
            let which = a.ordinal.map_or(String::new(), |n| n.to_string());
            // The title of another entry: numbers or order mixed up.
            if let Some(j) = titles.first_entry_named(&actual) {
                if swapped_reported.contains(&(j, i)) {
                    continue;
                }
                swapped_reported.push((i, j));
                let other = entries[j].number.map_or(String::new(), |n| n.to_string());
                out.push(
                    cx.diagnostic(
                        &Self::META,
                        title.span,
                        format!(
                            "附件{which}的标题\"{}\"是附件说明中附件{other}的名称,附件编号与附件说明的顺序不一致",
                            actual
                        ),
                    )
                    .with_related(entries[j].title_span, format!("附件说明第{}项", j + 1))
                    .with_related(entry.title_span, format!("附件说明中的附件{which}")),
                );
                continue;
            }
            let listed = &titles.normalised[i];
            let mut message = format!(
                "附件{which}的标题与附件说明不一致:附件说明为\"{listed}\",附件标题为\"{actual}\""
            );
            if let Some(detail) = describe_difference(listed, &actual) {
                message.push_str(&format!("({detail})"));
            }
            out.push(
                cx.diagnostic(&Self::META, title.span, message)
                    .with_related(entry.title_span, format!("附件说明第{}项", i + 1)),
            );
        }
        out
    }
}

/// The title without 《》 and white space.
fn normalise(title: &str) -> String {
    title
        .chars()
        .filter(|&c| !is_space(c) && !matches!(c, '《' | '》'))
        .collect()
}

/// The 附件说明 entries' titles, normalised, indexed so that finding the
/// entry an attachment's title names does not compare it with every entry.
///
/// Two titles are the same when they are equal after normalising, or when
/// one is the other with a leading place name (沅江市, 衡南县 …) that the
/// document uses elsewhere too.
struct EntryTitles<'t> {
    text: &'t str,
    normalised: Vec<String>,
    /// Normalised title → the first entry with it.
    exact: HashMap<String, usize>,
    /// An entry's title less its leading place name → the entries with
    /// such a title, in order, each with its place name.
    without_place: HashMap<String, Vec<(usize, String)>>,
    /// Whether a place name occurs at least twice in the text, by name:
    /// each name's count is taken once.
    used_twice: HashMap<String, bool>,
}

impl<'t> EntryTitles<'t> {
    fn new<'e>(text: &'t str, titles: impl Iterator<Item = &'e str>) -> Self {
        let normalised: Vec<String> = titles.map(normalise).collect();
        let mut exact = HashMap::new();
        let mut without_place = HashMap::new();
        for (i, title) in normalised.iter().enumerate() {
            exact.entry(title.clone()).or_insert(i);
            for (place, rest) in place_splits(title) {
                without_place
                    .entry(rest.to_string())
                    .or_insert_with(Vec::new)
                    .push((i, place.to_string()));
            }
        }
        EntryTitles {
            text,
            normalised,
            exact,
            without_place,
            used_twice: HashMap::new(),
        }
    }

    fn place_used_twice(&mut self, place: &str) -> bool {
        let text = self.text;
        *self
            .used_twice
            .entry(place.to_string())
            .or_insert_with(|| text.matches(place).nth(1).is_some())
    }

    /// Whether entry `i` names the (normalised) `title`.
    fn same(&mut self, i: usize, title: &str) -> bool {
        let entry = self.normalised[i].as_str();
        let (long, short) = if entry.len() > title.len() {
            (entry, title)
        } else {
            (title, entry)
        };
        if long == short {
            return true;
        }
        let Some(place) = long.strip_suffix(short).filter(|p| is_place_name(p)) else {
            return false;
        };
        let place = place.to_string();
        self.place_used_twice(&place)
    }

    /// The first entry that names the (normalised) `title`.
    fn first_entry_named(&mut self, title: &str) -> Option<usize> {
        let mut candidates: Vec<usize> = self.exact.get(title).copied().into_iter().collect();
        // The title with a place name the entry lacks.
        for (place, rest) in place_splits(title) {
            if let Some(&i) = self.exact.get(rest)
                && self.place_used_twice(place)
            {
                candidates.push(i);
            }
        }
        // The entry with a place name the title lacks.
        for (i, place) in self.without_place.get(title).cloned().unwrap_or_default() {
            if self.place_used_twice(&place) {
                candidates.push(i);
                break;
            }
        }
        candidates.into_iter().min()
    }
}

/// The ways to read `title` as a place name then the rest.
fn place_splits(title: &str) -> impl Iterator<Item = (&str, &str)> {
    title
        .char_indices()
        .skip(2)
        .take(5)
        .map(move |(at, _)| title.split_at(at))
        .filter(|(place, rest)| !rest.is_empty() && is_place_name(place))
}

/// A short place name: 沅江市, 衡南县, 湖南省, 岳塘区 …
fn is_place_name(s: &str) -> bool {
    let n = s.chars().count();
    (2..=6).contains(&n)
        && s.ends_with(['省', '市', '县', '区', '州', '镇', '乡', '旗'])
        && s.chars().all(is_han)
}

/// `附件标题多了"经营",少了"实施"` from a character diff of the two titles,
/// when the difference is small enough to say in words.
fn describe_difference(listed: &str, actual: &str) -> Option<String> {
    let a: Vec<char> = listed.chars().collect();
    let b: Vec<char> = actual.chars().collect();
    if a.len() > 80 || b.len() > 80 {
        return None;
    }
    // Longest common subsequence table.
    let mut lcs = vec![vec![0u16; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    // Walk it into hunks: (removed from listed, added in actual) between
    // common runs.
    let mut hunks: Vec<(String, String)> = Vec::new();
    let mut hunk = (String::new(), String::new());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            if !hunk.0.is_empty() || !hunk.1.is_empty() {
                hunks.push(std::mem::take(&mut hunk));
            }
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            hunk.1.push(b[j]);
            j += 1;
        } else {
            hunk.0.push(a[i]);
            i += 1;
        }
    }
    if !hunk.0.is_empty() || !hunk.1.is_empty() {
        hunks.push(hunk);
    }
    let changed: usize = hunks
        .iter()
        .map(|(r, d)| r.chars().count() + d.chars().count())
        .sum();
    if hunks.is_empty() || hunks.len() > 3 || changed * 2 > a.len().max(b.len()) {
        return None;
    }
    if let [(removed, added)] = hunks.as_slice()
        && !removed.is_empty()
        && !added.is_empty()
    {
        return Some(format!("附件说明的\"{removed}\"在附件标题中是\"{added}\""));
    }
    let quote = |parts: Vec<&String>| {
        parts
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join("、")
    };
    let added = quote(hunks.iter().map(|h| &h.1).collect());
    let removed = quote(hunks.iter().map(|h| &h.0).collect());
    Some(match (added.is_empty(), removed.is_empty()) {
        (false, false) => format!("附件标题多了{added},少了{removed}"),
        (false, true) => format!("附件标题多了{added}"),
        (true, false) => format!("附件标题少了{removed}"),
        (true, true) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};

    const NOTE: &str = "附件:1.衡东县产业培塑行动实施方案\n2.衡东县主体强身行动实施方案\n";

    fn doc(second_title: &str) -> String {
        format!(
            "衡东县实施“两大行动”总体方案\n一、总体目标\n{NOTE}附件1\n衡东县产业培塑行动实施方案\n一、工作目标\n附件2\n{second_title}\n一、工作目标\n"
        )
    }

    #[test]
    fn fires_on_a_different_title() {
        let text = doc("衡东县经营主体强身行动方案");
        let found = check(&AttachmentMismatch, &text);
        assert_eq!(texts(&text, &found), ["衡东县经营主体强身行动方案"]);
        assert_eq!(
            found[0].message,
            "附件2的标题与附件说明不一致:附件说明为\"衡东县主体强身行动实施方案\",附件标题为\"衡东县经营主体强身行动方案\"(附件标题多了\"经营\",少了\"实施\")"
        );
        let related = &found[0].related[0];
        assert_eq!(
            &text[related.span.start..related.span.end],
            "衡东县主体强身行动实施方案"
        );
        assert_eq!(related.message, "附件说明第2项");
    }

    #[test]
    fn names_a_one_word_replacement() {
        let text = doc("衡东县主体强身攻坚实施方案");
        let found = check(&AttachmentMismatch, &text);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .ends_with("(附件说明的\"行动\"在附件标题中是\"攻坚\")"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn quiet_on_brackets_spaces_and_a_place_prefix() {
        assert!(check(&AttachmentMismatch, &doc("衡东县主体强身行动实施方案")).is_empty());
        assert!(check(&AttachmentMismatch, &doc("衡东县主体强身行动 实施方案")).is_empty());
        let text = "附件:1.《打好经济增长主动仗工作方案》\n2.《打好安全生产巩固提升仗工作方案》\n附件1\n打好经济增长主动仗工作方案\n一、工作目标\n附件2\n沅山市打好安全生产巩固提升仗工作方案\n一、工作目标\n沅山市人民政府办公室\n";
        assert!(check(&AttachmentMismatch, text).is_empty());
    }

    #[test]
    fn a_prefix_the_document_never_uses_is_reported() {
        let text = "附件:1.打好经济增长主动仗工作方案\n附件1\n桃源县打好经济增长主动仗工作方案\n一、工作目标\n";
        assert_eq!(check(&AttachmentMismatch, text).len(), 1);
    }

    #[test]
    fn a_lone_unnumbered_entry_finds_a_lone_attachment_1() {
        let text = "一、总体要求\n推进改造。\n附件:衡北县城乡建设提质行动任务清单\n附件1\n衡北县城乡建设提质行动任务清单\n一、城市更新\n";
        let found = check(&AttachmentMismatch, text);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn fires_on_a_missing_attachment() {
        let text = format!("{NOTE}附件1\n衡东县产业培塑行动实施方案\n一、工作目标\n");
        let found = check(&AttachmentMismatch, &text);
        assert_eq!(texts(&text, &found), ["衡东县主体强身行动实施方案"]);
        assert_eq!(
            found[0].message,
            "附件说明列出了附件2\"衡东县主体强身行动实施方案\",文后找不到这个附件(附件说明2个,文后1个)"
        );
    }

    #[test]
    fn attachments_not_published_are_not_missing() {
        let text = format!(
            "（此件正文公开发布，附件不公开）\n{NOTE}附件1\n衡东县产业培塑行动实施方案\n一、工作目标\n"
        );
        assert!(check(&AttachmentMismatch, &text).is_empty());
    }

    #[test]
    fn fires_on_an_attachment_not_listed_and_on_order() {
        let text = format!(
            "{NOTE}附件2\n衡东县主体强身行动实施方案\n一、工作目标\n附件1\n衡东县产业培塑行动实施方案\n一、工作目标\n附件3\n衡东县区域共进行动实施方案\n一、工作目标\n"
        );
        let found = check(&AttachmentMismatch, &text);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "附件1排在附件2之后,顺序与附件说明不一致",
                "附件3\"衡东县区域共进行动实施方案\"不在附件说明中(附件说明2个,文后3个)"
            ]
        );
    }

    #[test]
    fn swapped_titles_are_one_diagnostic() {
        let text = format!(
            "{NOTE}附件1\n衡东县主体强身行动实施方案\n一、工作目标\n附件2\n衡东县产业培塑行动实施方案\n一、工作目标\n"
        );
        let found = check(&AttachmentMismatch, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "附件1的标题\"衡东县主体强身行动实施方案\"是附件说明中附件2的名称,附件编号与附件说明的顺序不一致"
        );
    }

    #[test]
    fn a_swap_is_found_through_a_place_name_on_either_side() {
        for text in [
            // The attachment's title has the place name the entry lacks …
            "沅山市人民政府办公室\n附件:1.产业培塑行动方案\n2.主体强身行动方案\n附件1\n沅山市主体强身行动方案\n一、工作目标\n附件2\n产业培塑行动方案\n一、工作目标\n",
            // … or the entry has the one the title lacks.
            "沅山市人民政府办公室\n附件:1.沅山市产业培塑行动方案\n2.沅山市主体强身行动方案\n附件1\n主体强身行动方案\n一、工作目标\n附件2\n产业培塑行动方案\n一、工作目标\n",
        ] {
            let found = check(&AttachmentMismatch, text);
            assert_eq!(found.len(), 1, "{found:?}");
            assert!(
                found[0].message.contains("是附件说明中附件2的名称"),
                "{}",
                found[0].message
            );
        }
    }

    #[test]
    fn tables_and_downloads_are_not_attachments_to_compare() {
        // 附件说明 without attachments (downloaded separately): quiet.
        let text = format!("一、总体目标\n{NOTE}");
        assert!(check(&AttachmentMismatch, &text).is_empty());
        // A 附表 inside an attachment is not in the list.
        let text = "附件:1.打好优化环境持久仗工作方案\n附件1\n打好优化环境持久仗工作方案\n一、指导思想\n附表\n重点工作任务清单\n工作任务 |\n";
        assert!(check(&AttachmentMismatch, text).is_empty());
    }
}
