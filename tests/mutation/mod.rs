//! The mutation test's harness: its own scanners over a document's text
//! (not plan-lint's model, so that it mutates what documents contain rather
//! than what plan-lint already understands), the mutators, and the runner.

pub mod attachments;
pub mod headings;
pub mod mutants;
pub mod prng;
pub mod runner;
pub mod targets;
pub mod units;
pub mod view;
