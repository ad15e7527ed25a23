//! plan-lint's document model and rules.
//!
//! Data flows one way: bytes are decoded into a [`source::Source`], parsed by
//! the tree-sitter grammar ([`syntax`]) into a syntax tree, and built into a
//! [`model::Document`] that rules read.

pub mod baseline;
pub mod config;
pub mod decode;
pub mod diagnostic;
pub mod engine;
pub mod model;
pub mod pack;
pub mod quantity;
pub mod rule;
pub mod rules;
pub mod select;
pub mod source;
pub mod span;
pub mod syntax;
mod words;

pub use model::Document;
pub use source::Source;
pub use span::Span;
