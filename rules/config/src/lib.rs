//! plan-lint's configuration: `plan-lint.toml` ([`config`]), rule packs
//! ([`pack`]), baselines ([`baseline`]), finding configuration files and
//! documents ([`discover`]), and the one way from a document to the rules
//! and settings it is linted with ([`resolve`]).
//!
//! Errors carry the file's text and a byte span; [`plan_lint_core::Source`]
//! turns the span into a line and column, as it does for documents.

pub mod baseline;
pub mod config;
pub mod discover;
pub mod pack;
pub mod resolve;

use std::ops::Range;

use plan_lint_core::Source;

/// The 1-based line and column (in characters) of `span` in `text`, for an
/// error message; `None` when the error has no place.
fn line_col(text: Option<&str>, span: Option<&Range<usize>>) -> Option<(usize, usize)> {
    let (text, span) = (text?, span?);
    Some(Source::new("", text.to_string()).line_col_1based(span.start))
}
