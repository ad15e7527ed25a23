//! Running a pack's declarative custom rules.

use regex::Regex;

use plan_lint_core::Span;
use plan_lint_core::model::{BlockKind, Document};
use plan_lint_rules::diagnostic::{Diagnostic, Fix};
use plan_lint_rules::rule::{Context, Rule, RuleMeta};

use super::format::CustomKind;

/// A custom rule, compiled once when its pack loads.
pub struct CustomRuleImpl {
    pub meta: RuleMeta,
    pub kind: CustomKind,
    pub message: String,
    pub regex: Option<Regex>,
    pub swaps: Vec<(String, String)>,
    pub either: Vec<String>,
}

/// The spans of the document's content lines (headings, paragraphs,
/// cells, titles): debris and the notice header are not linted.
fn content(doc: &Document) -> impl Iterator<Item = Span> + '_ {
    doc.blocks
        .iter()
        .filter(|b| {
            matches!(
                b.kind,
                BlockKind::Heading
                    | BlockKind::Paragraph
                    | BlockKind::TableCell
                    | BlockKind::PlanTitle
                    | BlockKind::AttachmentTitle
            )
        })
        .map(|b| b.span)
}

fn occurrences<'a>(
    doc: &'a Document,
    cx: &'a Context<'_>,
    needle: &'a str,
) -> impl Iterator<Item = Span> + 'a {
    content(doc).flat_map(move |block| {
        let text = cx.text(block);
        text.match_indices(needle)
            .map(move |(i, m)| Span::new(block.start + i, block.start + i + m.len()))
            .collect::<Vec<_>>()
    })
}

impl Rule for CustomRuleImpl {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, cx: &Context<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        match self.kind {
            CustomKind::Existence => {
                let Some(regex) = &self.regex else {
                    return out;
                };
                for block in content(doc) {
                    for m in regex.find_iter(cx.text(block)) {
                        let span = Span::new(block.start + m.start(), block.start + m.end());
                        let message = self.message.replace("{match}", m.as_str());
                        out.push(cx.diagnostic(&self.meta, span, message));
                    }
                }
            }
            CustomKind::Substitution => {
                for (wrong, right) in &self.swaps {
                    for span in occurrences(doc, cx, wrong) {
                        let message = self
                            .message
                            .replace("{match}", wrong)
                            .replace("{right}", right);
                        let fix = Fix::replace(format!("改为\"{right}\""), span, right.clone());
                        out.push(cx.diagnostic(&self.meta, span, message).with_fix(fix));
                    }
                }
            }
            CustomKind::Consistency => {
                let found: Vec<(&String, Vec<Span>)> = self
                    .either
                    .iter()
                    .map(|spelling| (spelling, occurrences(doc, cx, spelling).collect()))
                    .filter(|(_, spans): &(&String, Vec<Span>)| !spans.is_empty())
                    .collect();
                if found.len() < 2 {
                    return out;
                }
                // The most used spelling is the document's; flag the others.
                let (main, main_spans) = found
                    .iter()
                    .max_by_key(|(_, spans)| spans.len())
                    .expect("at least two spellings");
                for (spelling, spans) in &found {
                    if spelling == main {
                        continue;
                    }
                    for &span in spans {
                        let message = self.message.replace("{match}", spelling);
                        out.push(
                            cx.diagnostic(&self.meta, span, message)
                                .with_related(main_spans[0], format!("此处写作\"{main}\"")),
                        );
                    }
                }
            }
            CustomKind::Required => {
                let Some(regex) = &self.regex else {
                    return out;
                };
                let present = content(doc).any(|block| regex.is_match(cx.text(block)));
                if !present {
                    let first_line = cx.source.line_span(0);
                    out.push(cx.diagnostic(&self.meta, first_line, self.message.clone()));
                }
            }
        }
        out
    }
}
