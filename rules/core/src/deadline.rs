//! Deadlines (完成时限) of a task: what a 任务分工表 puts in its last column.
//!
//! Three forms, in the order they are trusted:
//! 1. a labelled cell or clause item: `完成时限：2025年底前`, `时间节点:持续推进`;
//! 2. a date that ends in 前: `2025年底前`, `2024年6月底前`, `2025年12月31日前`
//!    (the last one in the text: a task names its end after its steps);
//! 3. a standing term that is a clause item of its own: `（…；长期坚持）`,
//!    `持续推进。` at a line's end; inside a sentence (`持续推进改造`) it is
//!    prose, not a deadline.

/// The words of deadlines, from the packs' `[tasks]` (national.toml has
/// the common ones): labels that introduce a deadline (`完成时限`) and
/// terms that stand for "no fixed end" when they are a clause item alone
/// (`长期坚持`). Dates ending in 前 need no words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeadlineWords {
    labels: Vec<String>,
    standing: Vec<String>,
}

impl DeadlineWords {
    /// Words from packs; empty strings are left out.
    pub fn new(labels: &[String], standing: &[String]) -> DeadlineWords {
        let keep = |words: &[String]| -> Vec<String> {
            words
                .iter()
                .filter(|w| !w.trim().is_empty())
                .cloned()
                .collect()
        };
        DeadlineWords {
            labels: keep(labels),
            standing: keep(standing),
        }
    }
}

fn is_item_break(c: char) -> bool {
    matches!(
        c,
        '；' | ';' | '。' | '，' | ',' | '（' | '(' | '）' | ')' | '：' | ':' | '\n' | '\r'
    )
}

/// Whether a name read as a unit is a deadline label or value instead
/// (`完成时限`, `2025年底前`, `长期坚持`): the clause reader does not know
/// the 完成时限 item, so the table sets such names aside.
pub fn is_deadline_item(name: &str, words: &DeadlineWords) -> bool {
    words.labels.iter().any(|w| w == name)
        || words.standing.iter().any(|w| w == name)
        || dated(name).is_some()
}

/// The deadline a task's text states, as written; `None` when it has none.
pub fn deadline(text: &str, words: &DeadlineWords) -> Option<String> {
    labelled(text, &words.labels)
        .or_else(|| dated(text))
        .or_else(|| standing(text, &words.standing))
}

fn labelled(text: &str, labels: &[String]) -> Option<String> {
    for label in labels {
        let label = label.as_str();
        // The label names the item only before a colon: `按指南的时限要求
        // 进行审批`, `关键时间节点,强化…` are prose.
        let found = text.match_indices(label).find_map(|(at, _)| {
            let rest = text[at + label.len()..].trim_start();
            rest.strip_prefix('：').or_else(|| rest.strip_prefix(':'))
        });
        let Some(rest) = found else { continue };
        let rest = rest.trim_start();
        let end = rest
            .find(['；', ';', '。', '）', ')', '\n', '\r'])
            .unwrap_or(rest.len());
        let value = rest[..end].trim();
        if !value.is_empty() {
            return Some(value.to_string());
        }
    }
    None
}

/// The last `YYYY年[N月][N日][底|末](前|之前)` in the text.
fn dated(text: &str) -> Option<String> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = None;
    let mut i = 0;
    while i + 4 < chars.len() {
        let is_year = (0..4).all(|k| chars[i + k].1.is_ascii_digit())
            && (i == 0 || !chars[i - 1].1.is_ascii_digit())
            && chars[i + 4].1 == '年';
        if !is_year {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut j = i + 5;
        for unit in ['月', '日'] {
            let digits = chars[j..]
                .iter()
                .take_while(|(_, c)| c.is_ascii_digit())
                .count();
            if digits > 0 && chars.get(j + digits).is_some_and(|&(_, c)| c == unit) {
                j += digits + 1;
            }
        }
        if chars.get(j).is_some_and(|&(_, c)| matches!(c, '底' | '末')) {
            j += 1;
        }
        let end = if chars.get(j).is_some_and(|&(_, c)| c == '前') {
            Some(j + 1)
        } else if chars.get(j).is_some_and(|&(_, c)| c == '之')
            && chars.get(j + 1).is_some_and(|&(_, c)| c == '前')
        {
            Some(j + 2)
        } else {
            None
        };
        if let Some(end) = end {
            let end_byte = chars.get(end).map_or(text.len(), |&(b, _)| b);
            found = Some(text[start..end_byte].to_string());
        }
        i = j.max(i + 1);
    }
    found
}

fn standing(text: &str, terms: &[String]) -> Option<String> {
    for term in terms {
        let term = term.as_str();
        for (at, _) in text.match_indices(term) {
            let before = text[..at].trim_end().chars().next_back();
            let after = text[at + term.len()..].trim_start().chars().next();
            if before.is_none_or(is_item_break) && after.is_none_or(is_item_break) {
                return Some(term.to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::DeadlineWords;

    /// The words of national.toml's `[tasks]`.
    fn words() -> DeadlineWords {
        let list = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        DeadlineWords::new(
            &list(&["完成时限", "完成时间", "时间节点", "时限要求", "完成期限"]),
            &list(&["长期坚持", "持续推进", "持续开展", "长期推进", "常态化推进"]),
        )
    }

    fn deadline(text: &str) -> Option<String> {
        super::deadline(text, &words())
    }

    #[test]
    fn labelled_deadline_in_a_clause() {
        assert_eq!(
            deadline("建成智慧停车平台。（牵头单位：市城管局；配合单位：市公安局；完成时限：2025年6月底前）").as_deref(),
            Some("2025年6月底前")
        );
        assert_eq!(
            deadline("完善考核办法(责任单位:县委组织部,时间节点:长期坚持)").as_deref(),
            Some("长期坚持")
        );
    }

    #[test]
    fn a_label_in_prose_is_not_a_deadline() {
        assert_eq!(deadline("严格按照审批指南的时限要求进行审批。"), None);
        assert_eq!(
            deadline("紧盯节假日等关键时间节点,强化安全教育。(时间节点:2025年底前)").as_deref(),
            Some("2025年底前")
        );
    }

    #[test]
    fn last_dated_deadline_wins() {
        assert_eq!(
            deadline("2024年底前完成摸底,2026年12月31日前全部完成改造。").as_deref(),
            Some("2026年12月31日前")
        );
        assert_eq!(deadline("2025年之前建成").as_deref(), Some("2025年之前"));
    }

    #[test]
    fn a_year_without_before_is_not_a_deadline() {
        // 到2025年 states a target year, not when the task is due.
        assert_eq!(deadline("到2025年,全市新建充电桩5000个。"), None);
        assert_eq!(deadline("2024年6月启动试点。"), None);
    }

    #[test]
    fn standing_terms_only_as_a_clause_item() {
        assert_eq!(
            deadline("健全调度机制。(市发改委牵头;持续推进)").as_deref(),
            Some("持续推进")
        );
        assert_eq!(deadline("持续推进老旧小区改造,提升居住品质。"), None);
    }

    #[test]
    fn deadline_items_are_not_units() {
        assert!(super::is_deadline_item("完成时限", &words()));
        assert!(super::is_deadline_item("2025年底前", &words()));
        assert!(!super::is_deadline_item("市财政局", &words()));
    }

    #[test]
    fn the_words_come_from_the_packs() {
        let none = DeadlineWords::default();
        assert_eq!(
            super::deadline("(市发改委牵头;完成时限:长期坚持)", &none),
            None
        );
        assert_eq!(
            super::deadline("(市发改委牵头;完成时限:2025年底前)", &none).as_deref(),
            Some("2025年底前")
        );
        let mine = DeadlineWords::new(&["办结时限".to_string()], &["常抓不懈".to_string()]);
        assert_eq!(
            super::deadline("(办结时限:2025年6月)", &mine).as_deref(),
            Some("2025年6月")
        );
        assert_eq!(
            super::deadline("健全机制。(市发改委牵头;常抓不懈)", &mine).as_deref(),
            Some("常抓不懈")
        );
    }

    #[test]
    fn odd_text_never_panics() {
        for text in [
            "",
            "年",
            "2025",
            "2025年",
            "完成时限：",
            "12345年底前",
            "①2025年底",
        ] {
            let _ = deadline(text);
        }
        assert_eq!(deadline("12345年底前"), None);
    }
}
