//! plan-lint's rules and the engine that runs them.
//!
//! Rules are pure functions of (a [`plan_lint_core::Document`], a
//! [`rule::Context`]) → [`diagnostic::Diagnostic`]s: one file each in
//! [`rules`]. They never print, read files or know about the LSP; what a
//! configuration or pack decides reaches them as [`rule::Settings`]. This
//! crate builds for `wasm32-unknown-unknown` as well as natively.

pub mod diagnostic;
pub mod engine;
pub mod rule;
pub mod rules;
pub mod select;
pub mod set;
pub mod superior;
pub mod units;
