//! plan-lint's reading of a document, from bytes to the model rules read.
//!
//! Data flows one way: bytes are decoded ([`decode`]) into a
//! [`source::Source`] (the text and every position conversion), parsed by
//! the tree-sitter grammar ([`syntax`]) into a syntax tree, and built into a
//! [`model::Document`] (outline, attachments, tasks, [`quantity`]). The
//! analyses several consumers share are here too: the identity of targets
//! ([`targets`]) and the character classes ([`text`]).
//!
//! No files, no threads, no allocator: this crate builds for
//! `wasm32-unknown-unknown` as well as natively.

pub mod coverage;
pub mod deadline;
pub mod decode;
pub mod model;
pub mod normalise;
pub mod planset;
pub mod quantity;
pub mod reading;
pub mod source;
pub mod span;
pub mod syntax;
pub mod targets;
pub mod tasklist;
pub mod text;
mod words;

pub use model::Document;
pub use reading::Reading;
pub use source::Source;
pub use span::Span;
