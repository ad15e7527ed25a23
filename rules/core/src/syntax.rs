//! Parsing a source text into the grammar's concrete syntax tree.
//!
//! The grammar is line-oriented and every line must end in a newline, so a
//! text without a final newline is parsed with one appended. The appended
//! byte lies past the end of the source text: node spans are clamped to it
//! by the model builder.

use std::sync::LazyLock;

use tree_sitter::{Language, Node, Parser, Tree};

fn language() -> Language {
    tree_sitter_plan::LANGUAGE.into()
}

/// A parser for the plan grammar.
pub fn parser() -> Parser {
    let mut parser = Parser::new();
    parser
        .set_language(&language())
        .expect("the plan grammar's ABI is supported by the tree-sitter runtime");
    parser
}

/// The kind of a node (its name in the grammar, aliases applied: `clause`,
/// `paragraph` …) as [`Node::kind`] gives it, but read from a table built
/// once: `Node::kind` measures and validates the C string at every call,
/// which showed in profiles of the model builder.
pub trait NodeKind {
    fn node_kind(&self) -> &'static str;
}

impl NodeKind for Node<'_> {
    fn node_kind(&self) -> &'static str {
        static KINDS: LazyLock<Vec<String>> = LazyLock::new(|| {
            let language = language();
            (0..language.node_kind_count())
                .map(|id| {
                    u16::try_from(id)
                        .ok()
                        .and_then(|id| language.node_kind_for_id(id))
                        .unwrap_or_default()
                        .to_string()
                })
                .collect()
        });
        // Every id a tree holds is below the language's kind count.
        KINDS
            .get(usize::from(self.kind_id()))
            .map_or("", String::as_str)
    }
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
    fn node_kind_agrees_with_tree_sitter_for_every_node() {
        let text = include_str!("../../../examples/sample-plan.txt");
        let tree = parse(text);
        let mut cursor = tree.walk();
        let mut seen = 0;
        loop {
            let node = cursor.node();
            assert_eq!(node.node_kind(), node.kind(), "{node:?}");
            seen += 1;
            if cursor.goto_first_child() || cursor.goto_next_sibling() {
                continue;
            }
            while cursor.goto_parent() && !cursor.goto_next_sibling() {}
            if cursor.node() == tree.root_node() {
                break;
            }
        }
        assert!(seen > 100, "walked only {seen} nodes");
    }

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
