//! The tree-sitter grammar of Chinese government plan documents
//! (实施方案、总体方案、工作方案 and their 任务分工表).
//!
//! ```
//! let mut parser = tree_sitter::Parser::new();
//! parser.set_language(&tree_sitter_plan::LANGUAGE.into()).unwrap();
//! let tree = parser.parse("一、总体目标\n", None).unwrap();
//! assert_eq!(tree.root_node().child(0).unwrap().kind(), "heading");
//! ```

use tree_sitter_language::LanguageFn;

unsafe extern "C" {
    fn tree_sitter_plan() -> *const ();
}

/// The tree-sitter [`LanguageFn`] of the plan grammar.
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_plan) };

/// The content of the grammar's `node-types.json`.
pub const NODE_TYPES: &str = include_str!("../../src/node-types.json");

/// Highlight queries for editors (headings, markers, units, numbers, debris).
pub const HIGHLIGHTS_QUERY: &str = include_str!("../../queries/highlights.scm");

#[cfg(test)]
mod tests {
    #[test]
    fn loads_the_grammar() {
        let mut parser = tree_sitter::Parser::new();
        parser
            .set_language(&super::LANGUAGE.into())
            .expect("the plan grammar loads");
    }
}
