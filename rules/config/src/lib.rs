//! plan-lint's configuration: `plan-lint.toml` ([`config`]), rule packs
//! ([`pack`]), baselines ([`baseline`]), finding configuration files and
//! documents ([`discover`]), and the one way from a document to the rules
//! and settings it is linted with ([`resolve`]).
//!
//! Errors ([`error::FileError`]) carry the file's text and a byte span;
//! [`plan_lint_core::Source`] turns the span into a line and column, as it
//! does for documents.

pub mod accept;
pub mod baseline;
pub mod config;
pub mod discover;
pub mod error;
pub mod pack;
pub mod resolve;
