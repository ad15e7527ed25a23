use plan_lint_core::Span;
use plan_lint_core::model::marker::Marker;
use plan_lint_core::model::{AttachmentKind, Document, MarkerStyle, NoteEntry};
use plan_lint_core::text::{is_digit, is_space};

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rule::{Context, Rule};

declare_rule! {
    /// ## 在查什么
    /// 正文后的附件说明不是 GB/T 9704-2012 的格式 `附件：1.名称`:
    /// - 附件名称后带了标点(`1.…实施方案。`、`…;`);
    /// - 附件名称加了书名号(`1.《…工作方案》`):整个附件说明报告一次;
    /// - 顺序号写成 `1、` 而不是 `1.`,多个附件中有的没有顺序号,顺序号不连续,
    ///   或只有一个附件却编了 `1.`;
    /// - “附件”后用了半角冒号,而文件其他地方用的是全角冒号。
    ///
    /// ## 为什么是问题
    /// GB/T 9704-2012 规定:“附件”二字后标全角冒号和附件名称;有多个附件时用
    /// 阿拉伯数字标注顺序号(如“附件：1.XXXXX”);附件名称后不加标点符号。
    ///
    /// ## 例子
    /// ```text
    /// 附件:1.衡东县产业培塑行动实施方案;
    /// 2.衡东县创新提升行动实施方案。
    /// ```
    /// 两个名称后的“;”“。”各报告一次,修复删去它们。只有一个附件却编了
    /// `1.` 时,修复删去它,文后唯一的附件标识 `附件1` 也一并改为 `附件`,
    /// 两处保持一致。
    ///
    /// ## 不报的情形
    /// - 半角冒号:整篇文件的全角标点被统一转成了半角(NFKC)时,附件说明的
    ///   `:` 与全文一致,不报;只有文件别处多用全角冒号时才报;
    /// - 第二个及以后的附件名称不再重复“附件:”,这正是标准格式;
    /// - 附件名称本身包含的括号,如 `(送审稿)`、`(试行)`。
    ///
    /// English: the 附件说明 is not in the form 附件：1.名称: punctuation after a
    /// name, names in 《》, `1、` for `1.`, missing or broken sequence numbers,
    /// or a half-width colon where the document otherwise uses full-width ones.
    /// The fix for a lone attachment numbered `1.` unnumbers its label 附件1
    /// too.
    pub struct AttachmentNoteFormat {
        code: "F106",
        name: "attachment-note-format",
        severity: Info,
        summary: "the 附件说明 line not in the form 附件:1.名称",
    }
}

impl Rule for AttachmentNoteFormat {
    fn meta(&self) -> &crate::rule::RuleMeta {
        Self::meta_static()
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let Some(note) = &doc.attachment_note else {
            return Vec::new();
        };
        let mut out = Vec::new();
        colon(cx, note.label_span, &mut out);
        let entries = &note.entries;
        for entry in entries {
            trailing_punctuation(cx, entry, &mut out);
        }
        book_title_marks(cx, entries, &mut out);
        numbering(cx, doc, entries, &mut out);
        out
    }
}

/// `附件:` in a document whose other colons are mostly full-width.
fn colon(cx: &Context<'_>, label: Span, out: &mut Vec<Diagnostic>) {
    let text = cx.text(label);
    let Some(at) = text.find(':') else {
        return;
    };
    let source = cx.source.text();
    let full = source.matches('：').count();
    let half = source.matches(':').count().saturating_sub(1);
    if full <= half {
        return;
    }
    let span = Span::new(label.start + at, label.start + at + 1);
    out.push(
        cx.diagnostic(
            &AttachmentNoteFormat::META,
            span,
            format!(
                "\"附件\"后应为全角冒号\"：\"(本文件其他地方有{full}处全角冒号,{half}处半角冒号)"
            ),
        )
        .with_fix(Fix::replace("改为全角冒号\"：\"", span, "：")),
    );
}

/// Punctuation after a name: `…实施方案。`, `…;`.
fn trailing_punctuation(cx: &Context<'_>, entry: &NoteEntry, out: &mut Vec<Diagnostic>) {
    let title = cx.text(entry.title_span);
    let is_mark = |c: char| {
        matches!(
            c,
            '。' | ';'
                | '；'
                | ','
                | '，'
                | '、'
                | '.'
                | '．'
                | ':'
                | '：'
                | '!'
                | '！'
                | '?'
                | '？'
        )
    };
    let kept = title.trim_end_matches(|c: char| is_mark(c) || c.is_whitespace());
    let marks = title[kept.len()..].trim();
    if marks.is_empty() || kept.is_empty() {
        return;
    }
    let start = entry.title_span.start + kept.len();
    let span = Span::new(start, entry.title_span.end);
    let span = Span::new(
        span.start + (cx.text(span).len() - cx.text(span).trim_start().len()),
        span.end,
    );
    out.push(
        cx.diagnostic(
            &AttachmentNoteFormat::META,
            span,
            format!("附件名称\"{kept}\"后不应加标点\"{marks}\""),
        )
        .with_fix(Fix::replace(format!("删去\"{marks}\""), span, "")),
    );
}

/// Names in 《》: once for the whole list, with one fix for all.
fn book_title_marks(cx: &Context<'_>, entries: &[NoteEntry], out: &mut Vec<Diagnostic>) {
    let mut edits = Vec::new();
    let mut marked = Vec::new();
    for entry in entries {
        let title = cx.text(entry.title_span);
        let trimmed = title.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '。' | ';' | '；' | ',' | '，')
        });
        if !(trimmed.starts_with('《') && trimmed.ends_with('》')) {
            continue;
        }
        // Only a pair around the whole name.
        let inner = &trimmed['《'.len_utf8()..trimmed.len() - '》'.len_utf8()];
        if inner.contains(['《', '》']) {
            continue;
        }
        let open = Span::new(
            entry.title_span.start,
            entry.title_span.start + '《'.len_utf8(),
        );
        let close_end = entry.title_span.start + trimmed.len();
        let close = Span::new(close_end - '》'.len_utf8(), close_end);
        edits.push(Edit {
            span: open,
            replacement: String::new(),
        });
        edits.push(Edit {
            span: close,
            replacement: String::new(),
        });
        marked.push(entry);
    }
    let Some(first) = marked.first() else {
        return;
    };
    let count = marked.len();
    let message = if count == 1 {
        "附件说明中的附件名称不加书名号".to_string()
    } else {
        format!("附件说明中的附件名称不加书名号(共{count}个名称加了书名号)")
    };
    let mut diagnostic = cx.diagnostic(&AttachmentNoteFormat::META, first.title_span, message);
    if let Some(last) = marked.last().filter(|_| count > 1) {
        diagnostic = diagnostic.with_related(last.title_span, "最后一个加了书名号的名称");
    }
    out.push(diagnostic.with_fix(Fix {
        message: format!("去掉{count}个名称的书名号"),
        edits,
    }));
}

/// `1、` for `1.`, entries without a number among numbered ones, numbers out
/// of sequence, and a lone attachment numbered `1.`.
fn numbering(cx: &Context<'_>, doc: &Document, entries: &[NoteEntry], out: &mut Vec<Diagnostic>) {
    let numbered = entries.iter().filter(|e| e.number.is_some()).count();
    if entries.len() == 1 {
        if let (Some(span), Some(1)) = (entries[0].number_span, entries[0].number) {
            let mut fix = Fix::replace(format!("删去\"{}\"", cx.text(span)), span, "");
            // The attachment itself is then labelled 附件, not 附件1: both
            // numbers go, or the list and the attachment disagree.
            if let Some(number) = lone_attachment_number(cx, doc) {
                fix.message = format!(
                    "删去\"{}\"和附件标识中的\"{}\"",
                    cx.text(span),
                    cx.text(number).trim()
                );
                fix.edits.push(Edit {
                    span: number,
                    replacement: String::new(),
                });
            }
            out.push(
                cx.diagnostic(
                    &AttachmentNoteFormat::META,
                    span,
                    "只有一个附件时不标顺序号",
                )
                .with_fix(fix),
            );
        }
        return;
    }
    let mut expected = 1;
    for entry in entries {
        let Some(span) = entry.number_span else {
            if numbered > 0 {
                out.push(cx.diagnostic(
                    &AttachmentNoteFormat::META,
                    entry.title_span,
                    format!("附件\"{}\"没有顺序号,与其他附件不一致", entry.title.trim()),
                ));
            }
            expected += 1;
            continue;
        };
        let marker = cx.text(span);
        let Some(n) = entry.number else {
            continue;
        };
        if Marker::classify(marker).is_some_and(|m| m.style == MarkerStyle::ArabicComma) {
            let right = format!("{n}.");
            out.push(
                cx.diagnostic(
                    &AttachmentNoteFormat::META,
                    span,
                    format!("附件顺序号\"{marker}\"应写作\"{right}\""),
                )
                .with_fix(Fix::replace(format!("改为\"{right}\""), span, right)),
            );
        }
        if n != expected {
            out.push(cx.diagnostic(
                &AttachmentNoteFormat::META,
                span,
                format!("附件顺序号不连续:此处应为{expected},写的是{n}"),
            ));
        }
        expected = n + 1;
    }
}

/// The ` 1` of `附件 1` when the document has one attachment, numbered 1.
fn lone_attachment_number(cx: &Context<'_>, doc: &Document) -> Option<Span> {
    let mut attachments = doc
        .attachments
        .iter()
        .filter(|a| a.kind == AttachmentKind::Attachment);
    let attachment = attachments.next()?;
    if attachments.next().is_some() || attachment.ordinal != Some(1) {
        return None;
    }
    let label = attachment.label_span;
    let text = cx.text(label);
    let digit = text.find(|c: char| is_digit(c))?;
    let from = text[..digit].trim_end_matches(is_space).len();
    let to = digit
        + text[digit..]
            .find(|c: char| !is_digit(c))
            .unwrap_or(text.len() - digit);
    Some(Span::new(label.start + from, label.start + to))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{check, texts};

    #[test]
    fn fires_on_punctuation_after_names() {
        let text =
            "一、总体目标\n附件:1.衡东县产业培塑行动实施方案;\n2.衡东县创新提升行动实施方案。\n";
        let found = check(&AttachmentNoteFormat, text);
        assert_eq!(texts(text, &found), [";", "。"]);
        assert_eq!(
            found[0].message,
            "附件名称\"衡东县产业培塑行动实施方案\"后不应加标点\";\""
        );
        let fixed = found[1].fix.as_ref().unwrap().apply(text);
        assert!(fixed.ends_with("2.衡东县创新提升行动实施方案\n"), "{fixed}");
    }

    #[test]
    fn fires_once_on_book_title_marks() {
        let text = "附件:1.《打好经济增长主动仗工作方案》\n2.《打好科技创新攻坚仗工作方案》\n";
        let found = check(&AttachmentNoteFormat, text);
        assert_eq!(found.len(), 1);
        assert_eq!(texts(text, &found), ["《打好经济增长主动仗工作方案》"]);
        assert_eq!(
            found[0].message,
            "附件说明中的附件名称不加书名号(共2个名称加了书名号)"
        );
        let fixed = found[0].fix.as_ref().unwrap().apply(text);
        assert_eq!(
            fixed,
            "附件:1.打好经济增长主动仗工作方案\n2.打好科技创新攻坚仗工作方案\n"
        );
    }

    #[test]
    fn fires_on_comma_numbers_and_gaps() {
        let text = "附件:1、衡东县产业行动实施方案\n3、衡东县创新行动实施方案\n";
        let found = check(&AttachmentNoteFormat, text);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "附件顺序号\"1、\"应写作\"1.\"",
                "附件顺序号\"3、\"应写作\"3.\"",
                "附件顺序号不连续:此处应为2,写的是3"
            ]
        );
    }

    #[test]
    fn half_width_colon_only_when_the_document_uses_full_width() {
        // NFKC-normalised document: every colon is ASCII.
        let text =
            "各镇人民政府,市直有关单位:\n附件:1.衡东县产业行动实施方案\n2.衡东县创新行动实施方案\n";
        assert!(check(&AttachmentNoteFormat, text).is_empty());
        let text = "各镇人民政府，市直有关单位：\n牵头单位：县发改局\n附件:1.衡东县产业行动实施方案\n2.衡东县创新行动实施方案\n";
        let found = check(&AttachmentNoteFormat, text);
        assert_eq!(texts(text, &found), [":"]);
        let fixed = found[0].fix.as_ref().unwrap().apply(text);
        assert!(fixed.contains("附件：1."), "{fixed}");
    }

    #[test]
    fn a_lone_attachment_loses_both_numbers() {
        let text = "一、总体要求\n推进改造。\n附件:1.衡东县城乡建设提质行动任务清单\n附件1\n衡东县城乡建设提质行动任务清单\n一、城市更新\n";
        let found = check(&AttachmentNoteFormat, text);
        assert_eq!(texts(text, &found), ["1."]);
        assert_eq!(found[0].message, "只有一个附件时不标顺序号");
        let fix = found[0].fix.as_ref().unwrap();
        assert_eq!(fix.message, "删去\"1.\"和附件标识中的\"1\"");
        assert_eq!(
            fix.apply(text),
            "一、总体要求\n推进改造。\n附件:衡东县城乡建设提质行动任务清单\n附件\n衡东县城乡建设提质行动任务清单\n一、城市更新\n"
        );
    }

    #[test]
    fn the_standard_form_is_quiet() {
        let text = "附件:1.衡东县产业培塑行动实施方案\n2.衡东县创新提升行动实施方案(试行)\n";
        assert!(check(&AttachmentNoteFormat, text).is_empty());
        let text = "附件：衡东县产业培塑行动实施方案\n";
        assert!(check(&AttachmentNoteFormat, text).is_empty());
    }
}
