//! What a rule reports: a primary span, related spans, a severity and,
//! when there is one safe fix, the edits that make it.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use plan_lint_core::Span;
use plan_lint_core::normalise::TextView;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Info, Severity::Warning, Severity::Error];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Another place involved in a finding, with what it says there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub span: Span,
    pub message: String,
    /// In a plan set ([`crate::set`]): the member file this place is in,
    /// when it is another than the diagnostic's (an index into the set's
    /// members); `None` for the diagnostic's own file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<usize>,
}

/// Replace `span` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A safe fix: edits that do not overlap, and what they do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub message: String,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn replace(message: impl Into<String>, span: Span, replacement: impl Into<String>) -> Fix {
        Fix {
            message: message.into(),
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        }
    }

    /// Applies the edits to `text`. Edits are applied from the end so that
    /// earlier spans stay valid; overlapping edits are skipped.
    pub fn apply(&self, text: &str) -> String {
        let mut edits: Vec<&Edit> = self.edits.iter().collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        let mut out = text.to_string();
        let mut limit = usize::MAX;
        for edit in edits {
            if edit.span.end > limit || edit.span.end > out.len() {
                continue;
            }
            out.replace_range(edit.span.start..edit.span.end, &edit.replacement);
            limit = edit.span.start;
        }
        out
    }
}

/// One finding of one rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The rule's code, e.g. `T101`.
    pub code: Cow<'static, str>,
    /// The rule's name, e.g. `conflicting-target`.
    pub rule: Cow<'static, str>,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
            file: None,
        });
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// The diagnostic with every span (primary, related, fix edits) moved
    /// from the normalised view to the original text.
    pub fn to_original(mut self, view: &TextView) -> Self {
        if view.is_identity() {
            return self;
        }
        self.span = view.to_original(self.span);
        // A place in another file is in that file's coordinates already.
        for related in self.related.iter_mut().filter(|r| r.file.is_none()) {
            related.span = view.to_original(related.span);
        }
        if let Some(fix) = &mut self.fix {
            for edit in &mut fix.edits {
                edit.span = view.to_original(edit.span);
            }
        }
        self
    }
}

/// `message` with each `第N行` (a line number of the text a rule read)
/// replaced by what `name` makes of it: `name(before, n)` gets the message
/// up to the `第` and the number; `None` keeps the reference as written.
/// The one scanner of line references, for the renderers that name a line
/// otherwise (a Word paragraph, a file of a plan set).
pub fn map_line_refs(message: &str, mut name: impl FnMut(&str, usize) -> Option<String>) -> String {
    if !message.contains('第') {
        return message.to_string();
    }
    let mut out = String::with_capacity(message.len() + 16);
    let mut rest = message;
    while let Some(at) = rest.find('第') {
        out.push_str(&rest[..at]);
        let after = &rest[at + '第'.len_utf8()..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let named = match after[..digits].parse::<usize>() {
            Ok(line) if after[digits..].starts_with('行') => {
                name(&message[..message.len() - rest.len() + at], line)
            }
            _ => None,
        };
        match named {
            Some(named) => {
                out.push_str(&named);
                rest = &after[digits + '行'.len_utf8()..];
            }
            None => {
                out.push('第');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
