//! Parsing a source text into the grammar's concrete syntax tree.
//!
//! The grammar is line-oriented and every line must end in a newline, so a
//! text without a final newline is parsed with one appended. The appended
//! byte lies past the end of the source text: node spans are clamped to it
//! by the model builder.

use tree_sitter::{Parser, Tree};

/// A parser for the plan grammar.
pub fn parser() -> Parser {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_plan::LANGUAGE.into())
        .expect("the plan grammar's ABI is supported by the tree-sitter runtime");
    parser
}

/// Whether `text` needs a newline appended before parsing.
pub fn needs_final_newline(text: &str) -> bool {
    !text.ends_with('\n')
}

/// Parses `text` from scratch. Never fails: unknown lines are paragraphs.
pub fn parse(text: &str) -> Tree {
    parse_with(&mut parser(), text, None)
}

/// Parses `text` with an existing parser, reusing `old_tree` (already
/// edited with [`tree_sitter::Tree::edit`]) for incremental parsing.
pub fn parse_with(parser: &mut Parser, text: &str, old_tree: Option<&Tree>) -> Tree {
    let tree = if needs_final_newline(text) {
        let mut owned = String::with_capacity(text.len() + 1);
        owned.push_str(text);
        owned.push('\n');
        parser.parse(&owned, old_tree)
    } else {
        parser.parse(text, old_tree)
    };
    // `parse` only returns None when no language is set or parsing was
    // cancelled, neither of which this module allows.
    tree.expect("parsing without a timeout or cancellation flag always yields a tree")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_without_final_newline_parses_like_one_with_it() {
        let a = parse("一、总体目标");
        let b = parse("一、总体目标\n");
        assert_eq!(a.root_node().to_sexp(), b.root_node().to_sexp());
        assert!(!a.root_node().has_error());
    }

    #[test]
    fn empty_text_parses() {
        let tree = parse("");
        assert_eq!(tree.root_node().kind(), "document");
    }
}
