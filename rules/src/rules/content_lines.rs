//! The content lines of a document, shared by the format and wording rules
//! (F101–F105, W101–W103) that read line by line.

use std::rc::Rc;

use plan_lint_core::text::is_space;
use plan_lint_core::{Document, Span};

use crate::rule::Context;

/// The content lines of a document: every non-blank line that is not
/// web-page debris, trimmed of white space. Computed once per run and
/// shared by the rules that read line by line.
pub fn content_lines(doc: &Document, cx: &Context<'_>) -> Rc<[Span]> {
    struct ContentLines(Rc<[Span]>);
    cx.memo(|| ContentLines(find_content_lines(doc, cx)))
        .0
        .clone()
}

fn find_content_lines(doc: &Document, cx: &Context<'_>) -> Rc<[Span]> {
    let source = cx.source;
    let mut debris = vec![false; source.line_count()];
    for span in &doc.debris {
        let first = source.line_of(span.start);
        let last = source.line_of(span.end.saturating_sub(1).max(span.start));
        for flag in &mut debris[first..=last.min(source.line_count() - 1)] {
            *flag = true;
        }
    }
    let text = source.text();
    (0..source.line_count())
        .filter(|&line| !debris[line])
        .filter_map(|line| {
            let span = source.line_span(line);
            let slice = &text[span.start..span.end];
            let trimmed_start = slice.trim_start_matches(is_space);
            let start = span.start + (slice.len() - trimmed_start.len());
            let end = start + trimmed_start.trim_end_matches(is_space).len();
            (start < end).then_some(Span::new(start, end))
        })
        .collect()
}
