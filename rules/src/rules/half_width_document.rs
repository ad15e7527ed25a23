use plan_lint_core::model::Document;

use super::half_width_punctuation::{CLASSES, Tally, full_width, may_be_width_folded};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rule::{Context, Rule};

/// How many places the finding lists as related locations.
const RELATED: usize = 5;

declare_rule! {
    /// ## 在查什么
    /// 一份文件的中文语句通篇使用半角标点:逗号、冒号、分号、括号、问号、
    /// 叹号这几类里,中文语句中的半角用法至少 20 处,且占这几类标点的
    /// 九成以上(比如整份通知是在英文输入状态下打的),而且看得出半角是
    /// 起草时打的,不是机器转换的:文中还留有全角形式(`（` `：` `％` `０`
    /// 之类,英文键盘和中文输入法混用时总会留下一些,至少分散在三行),或者文本来自排版
    /// 好的文件(PDF 的提取文本,按页宽折行;直接读入的 .pdf/.docx)。
    /// 整份文件报告一次:写明半角的处数,列出前几处,给出一次改完全部的修复。
    ///
    /// ## 为什么是问题
    /// GB/T 15834-2011 规定中文语句使用全角标点。通篇半角不是个别手误,
    /// 而是整份文件的排版问题;逐处报告几百条没有用,审稿人要的是一条
    /// 结论和一次修复。
    ///
    /// ## 例子
    /// ```text
    /// (一)强化组织领导。各地要建立工作机制,明确责任分工;每季度调度一次。
    /// ```
    /// 全文都是这样:报告一次,修复把中文语句里的 `,` `:` `;` `(` `)` 等全部
    /// 改为全角(句末的 `.` 改为“。”;前面有未闭合“的 `"` 改为“””)。
    ///
    /// ## 不报的情形
    /// - 一个全角形式也没有的纯文本:网页经内容系统或采集程序做过 NFKC
    ///   或全半角折叠,`，` `：` `（` `％` `０` 一律变成半角,不是起草人的
    ///   问题,原件未必如此;这样的文本里后来插入的一两句全角文字也不算;
    /// - 以全角为主、个别半角的文件:逐处由 F104 报告;
    /// - 半角和全角混用、都不占绝对多数的文件(如附件表格用半角、正文用
    ///   全角):不算“通篇”;
    /// - 半角用法不足 20 处的短文件;
    /// - 数字和西文里的半角标点:`1,000`、`4:30`、`PM2.5`、`http://…`。
    ///
    /// English: a document whose Chinese text uses half-width `,` `:` `;`
    /// `()` `?` `!` throughout (at least 20 uses and 90% of those marks):
    /// one warning for the document with the count, the first places as
    /// related locations and one fix that makes every mark full-width; only
    /// when the ASCII is the drafter's (some full-width form is left, or the
    /// text comes from a printed layout: a hard-wrapped PDF extraction, a
    /// .pdf or .docx), never for plain text with no full-width form at all,
    /// which a web system or crawler may have width-folded.
    /// Documents that mix are left to F104's per-use info.
    pub struct HalfWidthDocument {
        code: "F107",
        name: "half-width-punctuation-document",
        severity: Warning,
        summary: "a document typed with half-width punctuation throughout its Chinese text (one finding with a count and one fix for all; not plain text a web system width-folded)",
    }
}

impl Rule for HalfWidthDocument {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        // Shared with F104: computed once per document.
        let tally = cx.memo(|| Tally::of(doc, cx));
        if !tally.throughout() || may_be_width_folded(cx) {
            return Vec::new();
        }
        let (half, full) = tally.keyboard();
        let text = cx.source.text();
        let mut uses: Vec<_> = tally.half.iter().flatten().copied().collect();
        uses.sort_by_key(|&(span, _)| span.start);
        let Some(&(first, _)) = uses.first() else {
            return Vec::new();
        };
        let mut edits: Vec<Edit> = uses
            .iter()
            .filter_map(|&(span, c)| {
                full_width(text, span, c).map(|right| Edit {
                    span,
                    replacement: right.to_string(),
                })
            })
            .collect();
        pair_brackets(text, &mut edits);
        let kinds: Vec<&str> = CLASSES
            .iter()
            .enumerate()
            .filter(|(class, _)| !tally.half[*class].is_empty())
            .map(|(_, spec)| spec.name)
            .fold(Vec::new(), |mut names, name| {
                if !names.contains(&name) {
                    names.push(name);
                }
                names
            });
        let message = format!(
            "本文件中文语句通篇使用半角标点({}):半角{}处,全角{}处;应使用全角标点",
            kinds.join("、"),
            half,
            full
        );
        let mut diagnostic = cx.diagnostic(&Self::META, first, message);
        for &(span, c) in uses.iter().skip(1).take(RELATED) {
            diagnostic = diagnostic.with_related(span, format!("半角“{c}”"));
        }
        let fix = Fix {
            message: format!("将中文语句中的{}处半角标点改为全角", edits.len()),
            edits,
        };
        vec![diagnostic.with_fix(fix)]
    }
}

/// A bracket whose partner on the same line is made full-width is made
/// full-width too: `(1)推进` becomes `（1）推进`, never `(1）推进`.
fn pair_brackets(text: &str, edits: &mut Vec<Edit>) {
    let edited: std::collections::HashSet<usize> = edits.iter().map(|e| e.span.start).collect();
    let mut open: Vec<usize> = Vec::new();
    let mut added = Vec::new();
    for (at, c) in text.char_indices() {
        match c {
            '\n' => open.clear(),
            '(' => open.push(at),
            ')' => {
                let Some(start) = open.pop() else { continue };
                let (left, right) = (edited.contains(&start), edited.contains(&at));
                if left && !right {
                    added.push((at, "）"));
                } else if right && !left {
                    added.push((start, "（"));
                }
            }
            _ => {}
        }
    }
    for (at, replacement) in added {
        edits.push(Edit {
            span: plan_lint_core::Span::new(at, at + 1),
            replacement: replacement.to_string(),
        });
    }
    edits.sort_by_key(|e| e.span.start);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};
    use crate::rules::HalfWidthPunctuation;
    use plan_lint_core::{Reading, Source};

    /// Seven paragraphs typed half-width; `percent` is how their rates are
    /// written (`％` typed in Chinese mode, or `%`).
    fn english_keyboard(percent: char) -> String {
        let mut text = String::from("一、总体要求\n");
        for i in 0..6 {
            text.push_str(&format!(
                "({i})强化组织领导。各地要建立工作机制,明确责任分工;每季度调度一次:报送进展。办结率9{i}{percent}。\n"
            ));
        }
        text.push_str(&format!("(六)按期办结率达到95{percent}。\n"));
        text
    }

    fn check_named(name: &str, text: &str) -> Vec<Diagnostic> {
        let source = Source::new(name, text.to_string());
        crate::engine::run(
            &[&HalfWidthDocument as &dyn Rule],
            &Reading::new(&source),
            &source,
            &crate::rule::Settings::default(),
        )
    }

    #[test]
    fn fires_once_for_a_document_typed_half_width_throughout() {
        let text = english_keyboard('％');
        let found = check(&HalfWidthDocument, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(texts(&text, &found), [")"]);
        assert_eq!(
            found[0].message,
            "本文件中文语句通篇使用半角标点(逗号、冒号、分号、括号):半角26处,全角0处;应使用全角标点"
        );
        assert_eq!(found[0].related.len(), RELATED);
        let fixed = found[0].fix.as_ref().unwrap().apply(&text);
        assert!(
            fixed.contains(
                "（0）强化组织领导。各地要建立工作机制，明确责任分工；每季度调度一次：报送进展。"
            ),
            "{fixed}"
        );
        assert!(!fixed.contains([',', ';', ':', '(', ')']), "{fixed}");
        // The per-use info is not repeated for the same marks.
        assert!(check(&HalfWidthPunctuation, &text).is_empty());
    }

    #[test]
    fn a_few_full_width_marks_do_not_make_it_mixed() {
        let text = english_keyboard('％') + "(七)加强督查，严格考核。\n";
        assert_eq!(check(&HalfWidthDocument, &text).len(), 1);
    }

    #[test]
    fn plain_text_with_no_full_width_form_is_quiet() {
        // What a web system or crawler leaves after folding every
        // full-width form: nothing says the drafter typed it so.
        let text = english_keyboard('%');
        assert!(check(&HalfWidthDocument, &text).is_empty());
        // F104 stays quiet too: every class is consistently half-width.
        assert!(check(&HalfWidthPunctuation, &text).is_empty());
    }

    #[test]
    fn a_sentence_typed_into_folded_text_is_quiet() {
        // One sentence with full-width marks added to a folded text: an
        // edit, not the keyboard the document was typed on.
        let text =
            english_keyboard('%') + "到2025年，新增规模以上工业企业20家，培育专精特新企业10家。\n";
        assert!(check(&HalfWidthDocument, &text).is_empty());
        // Full-width forms on three lines: a drafter mixing keyboards.
        let text = english_keyboard('%')
            + "(七)加强督查，严格考核。\n(八)完成率95％。\n(九)按月调度：报送进展。\n";
        assert_eq!(check(&HalfWidthDocument, &text).len(), 1);
    }

    #[test]
    fn a_word_or_pdf_file_is_the_drafters_own() {
        let text = english_keyboard('%');
        assert_eq!(check_named("方案.docx", &text).len(), 1);
        assert_eq!(check_named("scan/PLAN.PDF", &text).len(), 1);
        assert!(check_named("方案.txt", &text).is_empty());
    }

    #[test]
    fn a_printout_hard_wrapped_at_the_page_width_is_the_drafters_own() {
        let mut text = String::from("青山县城乡建设提质行动实施方案\n");
        let para = "为加快补齐城乡建设短板,提升群众获得感,根据县委工作部署,结合我县实际,特制定本方案。\
各地要建立工作机制,明确责任分工;每季度调度一次:报送进展(县住建局牵头)。";
        for n in 1..=3 {
            let chars: Vec<char> = format!("({n}){para}{para}").chars().collect();
            for line in chars.chunks(30) {
                text.extend(line);
                text.push('\n');
            }
        }
        let source = Source::new("printout.txt", text.clone());
        assert!(Reading::new(&source).view.wrap_width().is_some());
        let found = check(&HalfWidthDocument, &text);
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn a_mixed_document_is_quiet() {
        // Half the paragraphs full-width, half half-width: not "throughout".
        let mut text = english_keyboard('％');
        for i in 0..6 {
            text.push_str(&format!(
                "（{i}）完善制度。各地要落实责任，加强督查；每月调度一次：报送进展。\n"
            ));
        }
        assert!(check(&HalfWidthDocument, &text).is_empty());
    }

    #[test]
    fn a_few_stray_marks_and_numbers_are_quiet() {
        // Below the minimum: a short note typed half-width.
        let text = "(一)强化组织领导,明确责任分工,完成率95％。\n";
        assert!(check(&HalfWidthDocument, text).is_empty());
        // Half-width marks in numbers and Latin are not Chinese text.
        let text = "完成1,000户，4:30前报送，PM2.5下降。\n".repeat(20);
        assert!(check(&HalfWidthDocument, &text).is_empty());
    }
}
