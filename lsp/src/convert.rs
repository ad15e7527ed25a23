//! Positions and diagnostics between plan-lint and the protocol.
//!
//! Every conversion goes through [`Source`]: this module only picks the
//! column unit the client negotiated and builds protocol values.

use std::sync::Arc;

use tower_lsp_server::ls_types::{
    self as lsp, DiagnosticRelatedInformation, Location, NumberOrString, PositionEncodingKind, Uri,
};

use crate::sets::Members;
use plan_lint_core::Span;
use plan_lint_core::source::{ColumnUnit, PositionError, Source};
use plan_lint_rules::diagnostic::{Diagnostic, Severity};
use plan_lint_rules::rule::{Rule, RuleMeta};
use plan_lint_rules::rules;

/// The value of `source` on every published diagnostic.
pub const SOURCE: &str = "plan-lint";

/// Where a rule's documentation lives: `{repository}/rules/{CODE}`.
///
/// The link is built from the workspace's `repository` URL (today the
/// placeholder `https://example.invalid/plan-lint`), so editors show a
/// clickable link that starts working when the project publishes its rule
/// pages there. The same text is always available offline by hovering the
/// diagnostic and from `plan-lint rule CODE`.
pub fn rule_href(code: &str) -> Option<Uri> {
    format!("{}/rules/{code}", env!("CARGO_PKG_REPOSITORY"))
        .parse()
        .ok()
}

/// The encoding the server uses: UTF-8 when the client offers it, else
/// UTF-16 (the protocol's default, which every client supports).
pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> ColumnUnit {
    match offered {
        Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => ColumnUnit::Utf8,
        _ => ColumnUnit::Utf16,
    }
}

/// The protocol name of a column unit.
pub fn encoding_kind(unit: ColumnUnit) -> PositionEncodingKind {
    match unit {
        ColumnUnit::Utf8 => PositionEncodingKind::UTF8,
        ColumnUnit::Utf16 => PositionEncodingKind::UTF16,
        ColumnUnit::Char => PositionEncodingKind::UTF32,
    }
}

/// The protocol position of a byte offset.
pub fn position(source: &Source, byte: usize, unit: ColumnUnit) -> lsp::Position {
    let p = source.position(byte);
    lsp::Position::new(p.line as u32, p.column(unit) as u32)
}

/// The protocol range of a byte span.
pub fn range(source: &Source, span: Span, unit: ColumnUnit) -> lsp::Range {
    lsp::Range::new(
        position(source, span.start, unit),
        position(source, span.end, unit),
    )
}

/// The byte offset of a protocol position; an error when the position
/// cuts a character in half.
pub fn byte(source: &Source, pos: lsp::Position, unit: ColumnUnit) -> Result<usize, PositionError> {
    source.byte_of(pos.line as usize, pos.character as usize, unit)
}

/// The byte offset of a position for a query (hover, references): a
/// position inside a character means that character.
pub fn byte_lenient(source: &Source, pos: lsp::Position, unit: ColumnUnit) -> usize {
    match byte(source, pos, unit) {
        Ok(b) => b,
        Err(PositionError::InsideCharacter { character, .. }) => character.start,
    }
}

/// The byte span of a protocol range, or the error of its first bad end.
pub fn span(source: &Source, r: lsp::Range, unit: ColumnUnit) -> Result<Span, PositionError> {
    let start = byte(source, r.start, unit)?;
    let end = byte(source, r.end, unit)?;
    Ok(Span::new(start.min(end), start.max(end)))
}

pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    }
}

/// A diagnostic as the client sees it: the rule code with a link to its
/// documentation, `source` = `plan-lint`, every related place as related
/// information, and the rule's name in `data` (with whether a fix exists).
/// In a plan set (`set`), a related place in another member file is
/// located in that file.
pub fn diagnostic(
    uri: &Uri,
    source: &Source,
    d: &Diagnostic,
    unit: ColumnUnit,
    set: Option<&Members>,
) -> lsp::Diagnostic {
    let related = d
        .related
        .iter()
        .map(|r| {
            let elsewhere = r.file.zip(set).and_then(|(f, set)| {
                let uri = Uri::from_file_path(std::path::absolute(set.paths.get(f)?).ok()?)?;
                Some((uri, set.sources.get(f)?))
            });
            let location = match elsewhere {
                Some((uri, other)) => Location::new(uri, range(other, r.span, unit)),
                None => Location::new(uri.clone(), range(source, r.span, unit)),
            };
            DiagnosticRelatedInformation {
                location,
                message: r.message.clone(),
            }
        })
        .collect::<Vec<_>>();
    lsp::Diagnostic {
        range: range(source, d.span, unit),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: rule_href(&d.code).map(|href| lsp::CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(serde_json::json!({ "rule": d.rule, "fixable": d.fix.is_some() })),
    }
}

/// The rule's metadata: built-in rules and, through `universe`, a pack's
/// custom rules.
pub fn rule_meta<'a>(code: &str, universe: &'a [Arc<dyn Rule>]) -> Option<&'a RuleMeta> {
    universe
        .iter()
        .map(|r| r.meta())
        .find(|m| m.code == code)
        .or_else(|| rules::find(code).map(|r| r.meta()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_chosen_only_when_offered() {
        assert_eq!(negotiate(None), ColumnUnit::Utf16);
        assert_eq!(
            negotiate(Some(&[
                PositionEncodingKind::UTF16,
                PositionEncodingKind::UTF8
            ])),
            ColumnUnit::Utf8
        );
        assert_eq!(
            negotiate(Some(&[PositionEncodingKind::UTF32])),
            ColumnUnit::Utf16
        );
    }

    #[test]
    fn positions_round_trip_in_both_encodings() {
        let s = Source::new("t.txt", "第一章\r\n改𠀾造𡿨x\n".into());
        let at = s.text().find('造').unwrap();
        let p16 = position(&s, at, ColumnUnit::Utf16);
        assert_eq!(p16, lsp::Position::new(1, 3));
        let p8 = position(&s, at, ColumnUnit::Utf8);
        assert_eq!(p8, lsp::Position::new(1, 7));
        assert_eq!(byte(&s, p16, ColumnUnit::Utf16), Ok(at));
        assert_eq!(byte(&s, p8, ColumnUnit::Utf8), Ok(at));
        // Between the two halves of 𠀾.
        assert!(byte(&s, lsp::Position::new(1, 2), ColumnUnit::Utf16).is_err());
        assert_eq!(
            byte_lenient(&s, lsp::Position::new(1, 2), ColumnUnit::Utf16),
            s.text().find('𠀾').unwrap()
        );
    }

    #[test]
    fn rule_links() {
        assert_eq!(
            rule_href("T101").unwrap().as_str(),
            "https://example.invalid/plan-lint/rules/T101"
        );
    }
}
