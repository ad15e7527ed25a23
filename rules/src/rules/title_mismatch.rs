use std::collections::HashMap;

use plan_lint_core::Span;
use plan_lint_core::model::Document;
use plan_lint_core::text::{common_prefix, common_suffix, is_dash, is_numeral, is_space};

use super::content_lines::content_lines;
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 同一份文件在本文中被写成了两个名称:
    /// - 本方案(或某个附件)的标题,与正文、通知标题里用书名号引用它时的
    ///   写法不一致:标题是 `衡南县实施“八大行动”总体方案`,通知正文却引用
    ///   `《衡南县实施“八大行动”总体实施方案》`;
    /// - 其他文件在本文中被引用了两次、两次写法不同:`《湖南省营商环境条例》`
    ///   与 `《湖南省优化营商环境条例》`,`《…发展二十条》` 与 `《…发展“二十条”》`。
    ///
    /// 两种写法算“同一文件”的条件是:只差引号、空格等格式符号;或者一个
    /// 比另一个在中间多出连续的一到四个字(前后各至少两个字相同,多出的字
    /// 不含数字);与本方案标题比较时,还包括同样长、中间只差一个字(不是
    /// 数字)的情形。
    ///
    /// ## 为什么是问题
    /// 文件名称是引用和检索的依据,同一文件写成两个名称,读者会以为是两份
    /// 文件,也说明其中一处抄错了。
    ///
    /// ## 例子
    /// ```text
    /// 关于印发《衡南县实施“八大行动”总体方案》的通知
    /// 《衡南县实施“八大行动”总体实施方案》已经县人民政府同意……
    /// 衡南县实施“八大行动”总体方案
    /// ```
    /// 第二行与方案标题不一致。写法占多数的一方视为正确(数量相同时取方案
    /// 标题,其次取较完整的写法);当正确的一方就是本方案或附件的标题、且
    /// 另有引用与它一致时,修复把书名号里的名称改为标题。
    ///
    /// ## 不报的情形
    /// - 简称:`本方案`、`《方案》`、`《总体方案》`、去掉地名前缀的
    ///   `《关于严格规范涉企行政检查的意见》`;
    /// - 加了版本或试行字样的 `《…“二十条”(2022修订版)》`、`《…(试行)》`;
    /// - 其他层级的同名文件:`《湖南省实施“七大攻坚”总体方案》` 与
    ///   `《邵东市实施“七大攻坚”总体方案》`,`《衡阳市…》` 与本县方案;
    /// - 年份、数字不同的名称(`2023年` 与 `2024年`,`“十四五”` 与 `“十三五”`);
    /// - 附件说明里的附件名称(由 attachment-mismatch 检查);
    /// - 只差标点字形的两种写法:嵌套书名号写作 `〈〉`、`<>` 或 `＜＞`,
    ///   引号写作 `“”` 或 `""`,括号一处全角一处半角(字形问题由
    ///   half-width-punctuation 报告)。
    ///
    /// English: one document cited under two titles in 《》: the plan's or an
    /// attachment's own title against its citations, and two citations of
    /// another document; formatting-only differences and a short insertion
    /// inside the title count, shortened references do not, nor two forms
    /// that differ only in the glyph of a nested title mark or a bracket's
    /// width.
    pub struct TitleMismatch {
        code: "W101",
        name: "title-mismatch",
        severity: Warning,
        summary: "one document cited under two titles",
    }
}

impl Rule for TitleMismatch {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let titles = own_titles(doc);
        let mentions = mentions(doc, cx, &titles);
        let mut out = Vec::new();

        // Citations of the plan's own titles.
        let mut claimed = vec![false; mentions.len()];
        for title in &titles {
            let mut group: Vec<Occurrence> = vec![Occurrence {
                text: title.text.clone(),
                span: title.span,
                title: Some(title),
            }];
            for (i, m) in mentions.iter().enumerate() {
                if claimed[i] {
                    continue;
                }
                if m.text == title.text
                    || normalised_variant(&m.normalised, &title.normalised, true)
                {
                    claimed[i] = true;
                    group.push(Occurrence {
                        text: m.text.clone(),
                        span: m.span,
                        title: None,
                    });
                }
            }
            out.extend(self.report(cx, &group));
        }

        // Two citations of another document.
        let others: Vec<&Mention> = mentions
            .iter()
            .zip(&claimed)
            .filter(|(_, c)| !**c)
            .map(|(m, _)| m)
            .collect();
        for cluster in clusters(&others) {
            let group: Vec<Occurrence> = cluster
                .iter()
                .map(|m| Occurrence {
                    text: m.text.clone(),
                    span: m.span,
                    title: None,
                })
                .collect();
            out.extend(self.report(cx, &group));
        }
        out
    }
}

/// A title of the document itself: the plan's, or an attachment's.
struct Title {
    text: String,
    /// `text` normalised, for comparing.
    normalised: Vec<char>,
    span: Span,
    /// `方案标题` or `附件3标题`.
    label: String,
}

/// A citation in 《》: `text` is what is between the marks, with the line
/// breaks of a split notice title removed.
struct Mention {
    text: String,
    /// `text` normalised, for comparing.
    normalised: Vec<char>,
    /// The whole citation, 《 and 》 included.
    span: Span,
}

struct Occurrence<'a> {
    text: String,
    span: Span,
    title: Option<&'a Title>,
}

impl TitleMismatch {
    /// Reports every occurrence whose form is not the group's canonical one.
    fn report(&self, cx: &Context<'_>, group: &[Occurrence]) -> Vec<Diagnostic> {
        // Two forms that differ only in the glyph of a mark are one name.
        let keys: Vec<String> = group.iter().map(|o| same_name_key(&o.text)).collect();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for key in &keys {
            *counts.entry(key.as_str()).or_default() += 1;
        }
        if counts.len() < 2 {
            return Vec::new();
        }
        let own = group
            .iter()
            .zip(&keys)
            .find_map(|(o, k)| o.title.map(|_| k.as_str()));
        let Some(canonical_key) = counts
            .iter()
            .max_by_key(|&(key, &n)| {
                (
                    n,
                    own == Some(*key),
                    key.chars().count(),
                    std::cmp::Reverse(keys.iter().position(|k| k == key)),
                )
            })
            .map(|(key, _)| key.to_string())
        else {
            return Vec::new();
        };
        let of_canonical = |i: &usize| keys[*i] == canonical_key;
        let reference = (0..group.len())
            .filter(of_canonical)
            .find(|&i| group[i].title.is_some())
            .or_else(|| (0..group.len()).find(of_canonical));
        let Some(reference) = reference.map(|i| &group[i]) else {
            return Vec::new();
        };
        let canonical = reference.text.clone();
        let where_ = |o: &Occurrence| match o.title {
            Some(t) => format!("{}(第{}行)", t.label, cx.line(o.span.start)),
            None => format!("第{}行", cx.line(o.span.start)),
        };
        let fixable = reference.title.is_some() && counts[canonical_key.as_str()] >= 2;
        let mut out = Vec::new();
        for (o, _) in group
            .iter()
            .zip(&keys)
            .filter(|(_, k)| **k != canonical_key)
        {
            let here = match o.title {
                Some(t) => format!("{}为\"{}\"", t.label, o.text),
                None => format!("此处为《{}》", o.text),
            };
            let message = format!(
                "同一文件的名称前后不一致:{here},{}为《{canonical}》",
                where_(reference)
            );
            let mut diagnostic = cx
                .diagnostic(&Self::META, o.span, message)
                .with_related(reference.span, format!("这里的名称是《{canonical}》"));
            if fixable && o.title.is_none() {
                let inner = Span::new(o.span.start + '《'.len_utf8(), o.span.end - '》'.len_utf8());
                diagnostic = diagnostic.with_fix(Fix::replace(
                    format!("改为《{canonical}》"),
                    inner,
                    canonical.clone(),
                ));
            }
            out.push(diagnostic);
        }
        out
    }
}

fn own_titles(doc: &Document) -> Vec<Title> {
    let mut titles = Vec::new();
    if let Some(title) = &doc.title {
        titles.push(Title {
            text: title.text.clone(),
            normalised: normalise(&title.text),
            span: title.span,
            label: "方案标题".to_string(),
        });
    }
    for attachment in &doc.attachments {
        let Some(title) = &attachment.title else {
            continue;
        };
        titles.push(Title {
            text: title.text.clone(),
            normalised: normalise(&title.text),
            span: title.span,
            label: match attachment.ordinal {
                Some(n) => format!("附件{n}标题"),
                None => "附件标题".to_string(),
            },
        });
    }
    titles
}

/// The 《》 citations of the document's content, outermost only, outside
/// the 附件说明 (attachment-mismatch checks it) and the titles themselves.
fn mentions(doc: &Document, cx: &Context<'_>, titles: &[Title]) -> Vec<Mention> {
    let text = cx.source.text();
    let excluded: Vec<Span> = doc
        .attachment_note
        .iter()
        .map(|n| n.span)
        .chain(titles.iter().map(|t| t.span))
        .collect();
    let mut regions = content_lines(doc, cx).to_vec();
    // A notice title split over lines is one region.
    if let Some(title) = &doc.header.notice_title {
        regions.retain(|r| !(title.span.start <= r.start && r.end <= title.span.end));
        regions.push(title.span);
    }
    let mut out = Vec::new();
    let notice_title = doc.header.notice_title.as_ref().map(|t| t.span);
    for region in regions {
        // Only a notice title may carry a citation over a line break.
        let split_title = notice_title == Some(region);
        let mut depth = 0usize;
        let mut start = 0;
        for &(at, c) in cx.chars(region) {
            match c {
                '《' => {
                    if depth == 0 {
                        start = at;
                    }
                    depth += 1;
                }
                '》' if depth > 0 => {
                    depth -= 1;
                    if depth > 0 {
                        continue;
                    }
                    let span = Span::new(start, at + c.len_utf8());
                    if excluded
                        .iter()
                        .any(|e| e.start <= span.start && span.end <= e.end)
                    {
                        continue;
                    }
                    let inner = Span::new(start + '《'.len_utf8(), at);
                    let name: String = text[inner.start..inner.end]
                        .chars()
                        .filter(|&c| !is_space(c))
                        .collect();
                    if name.chars().count() >= 2 {
                        out.push(Mention {
                            normalised: normalise(&name),
                            text: name,
                            span,
                        });
                    }
                }
                '\n' if depth > 0 && !split_title => {
                    depth = 0;
                }
                _ => {}
            }
        }
    }
    out.sort_by_key(|m| m.span.start);
    out.dedup_by_key(|m| m.span.start);
    out
}

/// What makes two spellings of a title one name for this rule: the glyph
/// of a nested title mark (`〈〉`, `<>`, `＜＞`), of a quote (`“”`, `""`)
/// and the width of a bracket are punctuation, which half-width-punctuation
/// reports, not a second name. (A quote present in one and absent in the
/// other still is.)
fn same_name_key(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '<' | '＜' => '〈',
            '>' | '＞' => '〉',
            '（' => '(',
            '）' => ')',
            '“' | '”' | '＂' => '"',
            '‘' | '’' | '＇' => '\'',
            _ => c,
        })
        .collect()
}

/// The name without the marks that do not change it: quotes, nested title
/// marks (〈〉, <> and ＜＞), white space; full-width brackets as half-width.
pub(super) fn normalise(name: &str) -> Vec<char> {
    name.chars()
        .filter(|&c| {
            !matches!(
                c,
                '“' | '”'
                    | '‘'
                    | '’'
                    | '"'
                    | '\''
                    | '〈'
                    | '〉'
                    | '<'
                    | '>'
                    | '＜'
                    | '＞'
                    | '「'
                    | '」'
            ) && !is_space(c)
        })
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            _ => c,
        })
        .collect()
}

/// Whether two different names, normalised, are two ways of writing one
/// title.
pub(super) fn normalised_variant(x: &[char], y: &[char], own: bool) -> bool {
    if x.len() < 4 || y.len() < 4 {
        return false;
    }
    x == y || inner_insertion(x, y) || inner_insertion(y, x) || (own && one_substitution(x, y))
}

/// `long` is `short` with one block of one to four characters inserted
/// inside it (not at either end), and the block holds no numeral.
fn inner_insertion(short: &[char], long: &[char]) -> bool {
    let extra = long.len().saturating_sub(short.len());
    if !(1..=4).contains(&extra) {
        return false;
    }
    let prefix = common_prefix(short, long);
    let suffix = common_suffix(short, long);
    if prefix < 2 || suffix < 2 || prefix + suffix < short.len() {
        return false;
    }
    // The block can sit anywhere from `short.len() - suffix` to `prefix`:
    // none of the characters it could be may be a numeral.
    let from = short.len().saturating_sub(suffix);
    let to = prefix.min(short.len()) + extra;
    long[from..to].iter().all(|&c| !is_numeral(c))
}

/// Same length, one character different, not a numeral, not in the first
/// three characters (a place name: 衡南县 vs 衡阳县). Two dashes of a year
/// range (2022-2025 / 2022－2025) are one title in two forms of a mark:
/// title-form-variant's (W203) finding, not another title.
fn one_substitution(x: &[char], y: &[char]) -> bool {
    if x.len() != y.len() || x.len() < 6 {
        return false;
    }
    let diffs: Vec<usize> = (0..x.len()).filter(|&i| x[i] != y[i]).collect();
    let (a, b) = match diffs.as_slice() {
        [i] if *i >= 3 => (x[*i], y[*i]),
        _ => return false,
    };
    let two_dashes = is_dash(a) && is_dash(b);
    !is_numeral(a) && !is_numeral(b) && !two_dashes
}

/// Groups of citations of other documents that are variants of each other.
/// Candidates share their first two and last two characters, or their
/// normalised form, so only small buckets are compared.
fn clusters<'a>(mentions: &[&'a Mention]) -> Vec<Vec<&'a Mention>> {
    let n = mentions.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], i: usize) -> usize {
        let mut i = i;
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut buckets: HashMap<(Vec<char>, Vec<char>), Vec<usize>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        let x = &m.normalised;
        if x.len() < 4 {
            continue;
        }
        buckets
            .entry((x[..2].to_vec(), x[x.len() - 2..].to_vec()))
            .or_default()
            .push(i);
    }
    for members in buckets.values() {
        // Distinct names only: a bucket holds few.
        let mut distinct: Vec<usize> = Vec::new();
        for &i in members {
            if !distinct
                .iter()
                .any(|&j| mentions[j].text == mentions[i].text)
            {
                distinct.push(i);
            }
        }
        for (k, &i) in distinct.iter().enumerate() {
            for &j in &distinct[k + 1..] {
                if normalised_variant(&mentions[i].normalised, &mentions[j].normalised, false) {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    parent[a] = b;
                }
            }
        }
        // Same names join their first occurrence.
        for &i in members {
            if let Some(&j) = distinct
                .iter()
                .find(|&&j| mentions[j].text == mentions[i].text)
            {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: HashMap<usize, Vec<&'a Mention>> = HashMap::new();
    for (i, &mention) in mentions.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(mention);
    }
    let mut out: Vec<Vec<&'a Mention>> = groups.into_values().filter(|g| g.len() > 1).collect();
    out.sort_by_key(|g| g[0].span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_variant(a: &str, b: &str, own: bool) -> bool {
        a != b && normalised_variant(&normalise(a), &normalise(b), own)
    }
    use crate::engine::testing::{check, texts};

    const NOTICE: &str = "北政办发〔2024〕3号\n衡北县人民政府办公室\n关于印发《衡北县实施“六大工程”总体方案》的通知\n各乡镇人民政府、街道办事处:\n";

    #[test]
    fn fires_on_a_citation_of_the_plan_under_another_title() {
        let text = format!(
            "{NOTICE}《衡北县实施“六大工程”总体实施方案》已经县人民政府同意,现印发给你们。\n\
             衡北县人民政府办公室\n2024年4月17日\n衡北县实施“六大工程”总体方案\n为推动发展,特制定本方案。\n一、总体目标\n"
        );
        let found = check(&TitleMismatch, &text);
        assert_eq!(
            texts(&text, &found),
            ["《衡北县实施“六大工程”总体实施方案》"]
        );
        assert_eq!(
            found[0].message,
            "同一文件的名称前后不一致:此处为《衡北县实施“六大工程”总体实施方案》,方案标题(第8行)为《衡北县实施“六大工程”总体方案》"
        );
        assert_eq!(found[0].related.len(), 1);
        let fixed = found[0].fix.as_ref().unwrap().apply(&text);
        assert!(
            fixed.contains("\n《衡北县实施“六大工程”总体方案》已经"),
            "{fixed}"
        );
    }

    #[test]
    fn fires_on_another_document_cited_two_ways() {
        let text = "落实《湖北省营商环境条例》,推进改革。\n严格执行《湖北省优化营商环境条例》。\n\
            修订《衡北县支持现代农业发展二十条》。\n落实《衡北县支持现代农业发展“二十条”》。\n";
        let found = check(&TitleMismatch, text);
        assert_eq!(
            texts(text, &found),
            ["《湖北省营商环境条例》", "《衡北县支持现代农业发展二十条》"]
        );
        assert_eq!(
            found[0].message,
            "同一文件的名称前后不一致:此处为《湖北省营商环境条例》,第2行为《湖北省优化营商环境条例》"
        );
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn a_split_notice_title_is_one_citation() {
        let text = "衡北县人民政府办公室\n\n关于印发《衡北县实施“六大工程”\n\n总体实施方案》的通知\n\n各乡镇人民政府、街道办事处:\n\
            现将《衡北县实施“六大工程”总体方案》印发给你们。\n衡北县人民政府办公室\n2024年4月17日\n衡北县实施“六大工程”总体方案\n一、总体目标\n";
        let found = check(&TitleMismatch, text);
        assert_eq!(found.len(), 1, "{:?}", texts(text, &found));
        assert!(texts(text, &found)[0].starts_with("《衡北县实施“六大工程”\n"));
    }

    #[test]
    fn the_glyph_of_a_mark_is_not_a_second_name() {
        // A PDF or a web page gives the nested title marks as <> or ＜＞
        // and one bracket half-width: punctuation (F104), one name.
        let text = "根据《关于印发〈湖北省绿色建筑行动方案（2021-2023）〉的通知》要求。\n\
            落实《关于印发<湖北省绿色建筑行动方案(2021-2023）>的通知》,\
            执行《关于印发＜湖北省绿色建筑行动方案（2021-2023）＞的通知》。\n\
            修订《关于印发<湖北省绿色建筑行动实施方案(2021-2023)>的通知》。\n\
            落实《衡北县支持工业发展“二十条”》和《衡北县支持工业发展\"二十条\"》。\n";
        let found = check(&TitleMismatch, text);
        // Only the citation with another word in it is reported.
        assert_eq!(
            texts(text, &found),
            ["《关于印发<湖北省绿色建筑行动实施方案(2021-2023)>的通知》"]
        );
        assert!(
            found[0]
                .message
                .ends_with("第1行为《关于印发〈湖北省绿色建筑行动方案（2021-2023）〉的通知》"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn near_misses() {
        let text = format!(
            "{NOTICE}现将《衡北县实施“六大工程”总体方案》印发给你们。\n衡北县人民政府办公室\n2024年4月17日\n\
             衡北县实施“六大工程”总体方案\n\
             根据《湖北省实施“六大工程”总体方案》《衡阳市实施“六大工程”总体方案》,特制定本方案。\n\
             一、总体目标\n(一)落实《方案》和《总体方案》,执行《关于严格规范涉企行政检查的意见》\
             《国务院办公厅关于严格规范涉企行政检查的意见》,修订《衡北县支持工业发展“二十条”(2022修订版)》\
             《衡北县支持工业发展“二十条”》,落实《湖北省优化营商环境条例》《湖北省优化营商环境规定》,\
             对照《2023年工作要点》《2024年工作要点》《“十四五”规划》《“十三五”规划》。\n"
        );
        let found = check(&TitleMismatch, &text);
        assert!(found.is_empty(), "{:?}", texts(&text, &found));
    }

    #[test]
    fn variants() {
        let v = |a: &str, b: &str| is_variant(a, b, true);
        assert!(v(
            "衡南县实施“八大行动”总体实施方案",
            "衡南县实施“八大行动”总体方案"
        ));
        assert!(!v(
            "衡南县实施“八大行动”总体方案",
            "衡阳市实施“八大行动”总体方案"
        ));
        assert!(!v("方案", "衡南县实施“八大行动”总体方案"));
        assert!(!v("总体方案", "衡南县实施“八大行动”总体方案"));
        assert!(v(
            "衡南县实施“八大行动”总休方案",
            "衡南县实施“八大行动”总体方案"
        ));
        assert!(!is_variant(
            "湖南省优化营商环境条例",
            "湖南省优化营商环境规定",
            false
        ));
        // A year range's dash in two widths is W203's.
        assert!(!v(
            "衡北市制造业转型行动方案(2022-2025年)",
            "衡北市制造业转型行动方案(2022－2025年)"
        ));
    }
}
