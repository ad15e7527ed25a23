//! The text of a comment in the annotated .docx, the same as `plan-lint
//! annotate` writes (src/docx_cmd.rs): the message, the rule, each related
//! place as a paragraph of the Word document, and the fix.

use plan_lint_core::Source;
use plan_lint_docx::ParagraphMap;
use plan_lint_rules::diagnostic::Diagnostic;

pub fn comment_text(source: &Source, paragraphs: &ParagraphMap, d: &Diagnostic) -> Vec<String> {
    let mut out = vec![
        d.message.clone(),
        format!("plan-lint {} {} ({})", d.code, d.rule, d.severity.as_str()),
    ];
    for r in &d.related {
        let place = match paragraphs.locate(source.text(), r.span.start) {
            Some(p) => format!("第{}段「{}」第{}字", p.paragraph, p.preview, p.column),
            None => {
                let (line, column) = source.line_col_1based(r.span.start);
                format!("{line}:{column}")
            }
        };
        out.push(format!("相关: {place}: {}", r.message));
    }
    if let Some(fix) = &d.fix {
        out.push(format!("修复: {}", fix.message));
    }
    out
}
