use std::collections::HashMap;
use std::sync::OnceLock;

use plan_lint_core::Span;
use plan_lint_core::model::Document;

use super::content_lines::content_lines;
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 两类错字:
    /// - 规则包错别字表(`typos`,错误写法 → 正确写法)里的错误写法,
    ///   如 `以就换新` → `以旧换新`;同一位置有多个词条时取最长的;
    /// - 简体文件里夹杂的繁体字,如 `情況` 里的 `況` → `况`。繁简对照表
    ///   (rules/data/traditional.txt)只收在简体文本里没有独立用法的繁体字
    ///   (乾、著、藉、瞭、徵、覆、於 等不收)。
    ///
    /// ## 为什么是问题
    /// 错别字和繁简混用是公文校对最常见的问题,会损害文件的严肃性,有的
    /// 还会改变意思。
    ///
    /// ## 例子
    /// ```text
    /// 开展家电以就换新活动,了解企业經營情況。
    /// ```
    /// 错别字表里有 `以就换新 以旧换新` 时报告“以就换新”;另报告繁体字
    /// “經”“營”“況”。修复改为正确写法或简体字。
    ///
    /// ## 不报的情形
    /// - 错误写法恰好是正确写法的一部分(例如表里有 `按按职责 按职责`,
    ///   而正确写法出现在同一位置)时不报;
    /// - 繁体字只在全文以简体为主时报告(简体特有字不少于 10 个,且是繁体字
    ///   的 4 倍以上);整篇繁体或繁简各半的文件不报;
    /// - 网页残留行。
    ///
    /// English: a wrong form from the pack's typo dictionary (with a fix to
    /// its right form), or a traditional character in an otherwise
    /// simplified document (with a fix to its simplified form).
    pub struct Typo {
        code: "W103",
        name: "typo",
        severity: Warning,
        summary: "a known wrong form from the pack's dictionary (以就换新 → 以旧换新), or a traditional character in simplified text (情況 → 情况)",
    }
}

/// 繁 → 简, one pair a line.
const TRADITIONAL: &str = include_str!("../../data/traditional.txt");

fn traditional() -> &'static HashMap<char, char> {
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        TRADITIONAL
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut chars = l.split_whitespace();
                let t = chars.next()?.chars().next()?;
                let s = chars.next()?.chars().next()?;
                Some((t, s))
            })
            .collect()
    })
}

/// The simplified characters of the table: their presence shows that a
/// text is written in simplified characters.
fn simplified() -> &'static CharSet {
    static SET: OnceLock<CharSet> = OnceLock::new();
    SET.get_or_init(|| traditional().values().copied().collect())
}

fn traditional_chars() -> &'static CharSet {
    static SET: OnceLock<CharSet> = OnceLock::new();
    SET.get_or_init(|| traditional().keys().copied().collect())
}

/// A set of Basic Multilingual Plane characters as a bitmap: a lookup per
/// character of the document must cost next to nothing.
struct CharSet(Vec<u64>);

impl CharSet {
    fn contains(&self, c: char) -> bool {
        let i = c as usize;
        i < 0x10000 && self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

impl FromIterator<char> for CharSet {
    fn from_iter<I: IntoIterator<Item = char>>(chars: I) -> Self {
        let mut bits = vec![0u64; 0x10000 / 64];
        for c in chars {
            let i = c as usize;
            if i < 0x10000 {
                bits[i / 64] |= 1 << (i % 64);
            }
        }
        CharSet(bits)
    }
}

impl Rule for Typo {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let text = cx.source.text();
        let lines = content_lines(doc, cx);
        let mut out = Vec::new();

        // The dictionary sorted by first character, longest entries first
        // within one (a stable sort keeps the pack's order among equals).
        let mut dictionary: Vec<(char, &str, &str)> = cx
            .settings
            .typos
            .iter()
            .filter(|(wrong, right)| wrong != right)
            .filter_map(|(wrong, right)| {
                Some((wrong.chars().next()?, wrong.as_str(), right.as_str()))
            })
            .collect();
        dictionary.sort_by_key(|&(first, wrong, _)| (first, std::cmp::Reverse(wrong.len())));

        let first_chars: CharSet = dictionary.iter().map(|&(first, _, _)| first).collect();
        let table = traditional();
        let traditional_chars = traditional_chars();
        let simplified = simplified();
        let mut simple_count = 0usize;
        let mut traditional_at: Vec<(usize, char)> = Vec::new();
        let mut covered: Vec<Span> = Vec::new();

        for &line in lines.iter() {
            let slice = &text[line.start..line.end];
            let mut skip_to = line.start;
            for &(at, c) in cx.chars(line) {
                if c.is_ascii() {
                    continue;
                }
                if simplified.contains(c) {
                    simple_count += 1;
                }
                if traditional_chars.contains(c) {
                    traditional_at.push((at, c));
                }
                if at < skip_to || !first_chars.contains(c) {
                    continue;
                }
                let i = at - line.start;
                let rest = &slice[i..];
                let from = dictionary.partition_point(|&(first, _, _)| first < c);
                let Some(&(_, wrong, right)) = dictionary[from..]
                    .iter()
                    .take_while(|&&(first, _, _)| first == c)
                    .find(|&&(_, wrong, right)| {
                        rest.starts_with(wrong) && !inside_right_form(slice, i, wrong, right)
                    })
                else {
                    continue;
                };
                let span = Span::new(at, at + wrong.len());
                skip_to = span.end;
                covered.push(span);
                let message = format!("疑似错别字:\"{wrong}\"应为\"{right}\"");
                out.push(
                    cx.diagnostic(&Self::META, span, message)
                        .with_fix(Fix::replace(format!("改为\"{right}\""), span, right)),
                );
            }
        }

        let mostly_simplified = simple_count >= 10 && traditional_at.len() * 4 < simple_count;
        if mostly_simplified {
            for (at, c) in traditional_at {
                if covered.iter().any(|s| s.contains(at)) {
                    continue;
                }
                let Some(&simple) = table.get(&c) else {
                    continue;
                };
                let span = Span::new(at, at + c.len_utf8());
                let context = context_of(text, span);
                let message = format!("简体文本中夹有繁体字\"{c}\",应为\"{simple}\":{context}");
                out.push(
                    cx.diagnostic(&Self::META, span, message)
                        .with_fix(Fix::replace(
                            format!("改为\"{simple}\""),
                            span,
                            simple.to_string(),
                        )),
                );
            }
        }
        out.sort_by_key(|d| d.span.start);
        out
    }
}

/// Whether the wrong form found at byte `i` of `line` is part of an
/// occurrence of its own right form (`按按职责` in a right form `按按职责…`
/// would be; a dictionary may hold such pairs).
fn inside_right_form(line: &str, i: usize, wrong: &str, right: &str) -> bool {
    right.match_indices(wrong).any(|(offset, _)| {
        i.checked_sub(offset)
            .and_then(|start| line.get(start..))
            .is_some_and(|s| s.starts_with(right))
    })
}

/// The character with up to two characters on each side: `…情況良好…`.
fn context_of(text: &str, span: Span) -> String {
    let before: Vec<char> = text[..span.start]
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .take(2)
        .collect();
    let after: String = text[span.end..]
        .chars()
        .take_while(|&c| c != '\n')
        .take(2)
        .collect();
    let before: String = before.into_iter().rev().collect();
    format!("{before}{}{after}", &text[span.start..span.end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, check_with, texts};
    use crate::rule::Settings;

    fn settings() -> Settings {
        Settings {
            typos: vec![
                ("以就换新".into(), "以旧换新".into()),
                ("部暑".into(), "部署".into()),
                ("按按".into(), "按".into()),
            ],
            ..Settings::default()
        }
    }

    const SIMPLIFIED: &str =
        "为推动经济发展,这个方案对各项工作进行了部署,请认真组织实施,确保取得实效。\n";

    #[test]
    fn fires_on_a_dictionary_entry() {
        let text = format!("{SIMPLIFIED}开展汽车、家电以就换新活动,抓好部暑落实。\n");
        let found = check_with(&Typo, &text, &settings());
        assert_eq!(texts(&text, &found), ["以就换新", "部暑"]);
        assert_eq!(found[0].message, "疑似错别字:\"以就换新\"应为\"以旧换新\"");
        let fixed = found[0].fix.as_ref().unwrap().apply(&text);
        assert!(fixed.contains("家电以旧换新活动"), "{fixed}");
    }

    #[test]
    fn fires_on_a_traditional_character() {
        let text = format!("{SIMPLIFIED}了解企业经营情況,及时解决问题。\n");
        let found = check(&Typo, &text);
        assert_eq!(texts(&text, &found), ["況"]);
        assert_eq!(
            found[0].message,
            "简体文本中夹有繁体字\"況\",应为\"况\":营情況,及"
        );
        let fixed = found[0].fix.as_ref().unwrap().apply(&text);
        assert!(fixed.contains("经营情况,"), "{fixed}");
    }

    #[test]
    fn a_traditional_document_is_not_flagged() {
        let text = "為推動經濟發展,這個方案對各項工作進行了部署,請認真組織實施,確保取得實效。\n";
        assert!(check(&Typo, text).is_empty());
    }

    #[test]
    fn near_misses() {
        // No dictionary: nothing but traditional characters is checked.
        let text =
            format!("{SIMPLIFIED}开展汽车、家电以就换新活动。乾坤、著作、狼藉、瞭望、於姓。\n");
        assert!(check(&Typo, &text).is_empty());
        // The right form containing the wrong one is not a typo.
        let settings = Settings {
            typos: vec![("换新".into(), "以旧换新".into())],
            ..Settings::default()
        };
        let text = format!("{SIMPLIFIED}开展以旧换新活动。\n");
        assert!(check_with(&Typo, &text, &settings).is_empty());
    }

    #[test]
    fn the_table_is_sound() {
        let table = traditional();
        assert!(table.len() >= 300, "{}", table.len());
        for (t, s) in table {
            assert_ne!(t, s);
            assert!(
                !table.contains_key(s),
                "{s} is both simplified and traditional"
            );
        }
    }
}
