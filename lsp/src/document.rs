//! One open document: its text, the syntax tree kept in step with every
//! edit, and the latest analysis.
//!
//! Edits are applied to the text at once (on the request path, in the
//! order the client sent them); parsing, building the model and linting
//! happen later on the lint worker, which takes a [`Snapshot`] of the
//! newest text. The tree is edited with a tree-sitter [`InputEdit`] for
//! every change, so the next parse reuses everything the change did not
//! touch.

use std::path::PathBuf;
use std::sync::Arc;

use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};
use tree_sitter::{InputEdit, Point, Tree};

use plan_lint_core::source::{ColumnUnit, PositionError, Source};
use plan_lint_core::{Span, syntax};

use crate::analysis::{Analysis, Snapshot};
use crate::convert;

/// Why a change was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeError {
    /// An end of the range falls inside a character (half a surrogate pair
    /// in UTF-16, inside a multi-byte sequence in UTF-8).
    InsideCharacter(PositionError),
    /// The range ends before it starts.
    Reversed,
}

impl std::fmt::Display for ChangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChangeError::InsideCharacter(e) => write!(f, "the range cuts a character: {e}"),
            ChangeError::Reversed => f.write_str("the range ends before it starts"),
        }
    }
}

/// An open document.
pub struct OpenDocument {
    /// The file, for `file:` documents: configuration and baseline are
    /// looked up from it.
    pub path: Option<PathBuf>,
    /// Distinguishes this opening of `uri` from an earlier one.
    pub generation: u64,
    pub version: i32,
    pub source: Arc<Source>,
    /// The tree of an earlier text, edited to match `source`; `None` until
    /// the first parse and after a full replacement.
    tree: Option<Tree>,
    /// Whether `tree` was parsed with a newline appended (see
    /// [`syntax::needs_final_newline`]).
    tree_phantom_newline: bool,
    /// Edits applied since the worker took its snapshot: replayed on the
    /// tree it parses, so that tree matches the text again.
    edits_since_snapshot: Vec<InputEdit>,
    /// A full replacement since the snapshot: the worker's tree is of no use.
    reset_since_snapshot: bool,
    /// The text changed (or the configuration did) since the last snapshot.
    pub dirty: bool,
    /// Set when a change was rejected: the server's text no longer matches
    /// the client's, so nothing is published until a full text arrives
    /// (a full-document change, `didSave` with text, or reopening).
    pub desync: Option<String>,
    /// Whether the empty diagnostics for `desync` were published.
    pub desync_cleared: bool,
    /// The newest analysis (possibly of an older version).
    pub analysis: Option<Arc<Analysis>>,
    /// The version and tree of the newest analysis when its parse reused
    /// an old tree: checked against a fresh parse when the server is idle.
    pub unverified: Option<(i32, Tree)>,
}

impl OpenDocument {
    pub fn new(uri: Uri, generation: u64, version: i32, text: String) -> OpenDocument {
        let path = (uri.scheme().as_str() == "file")
            .then(|| uri.to_file_path().map(|p| p.into_owned()))
            .flatten();
        let name = path
            .as_ref()
            .map_or_else(|| uri.as_str().to_string(), |p| p.display().to_string());
        OpenDocument {
            path,
            generation,
            version,
            source: Arc::new(Source::new(name, text)),
            tree: None,
            tree_phantom_newline: false,
            edits_since_snapshot: Vec::new(),
            reset_since_snapshot: true,
            dirty: true,
            desync: None,
            desync_cleared: false,
            analysis: None,
            unverified: None,
        }
    }

    /// Applies the changes of one `didChange`, all or none: when one is
    /// rejected the text stays as it was before the notification.
    pub fn apply_changes(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        unit: ColumnUnit,
    ) -> Result<(), ChangeError> {
        self.version = version;
        if self.desync.is_some() {
            // Only a full text can bring the document back in step.
            let Some(full) = changes.into_iter().rev().find(|c| c.range.is_none()) else {
                return Ok(());
            };
            self.replace_all(full.text);
            return Ok(());
        }
        let backup = (changes.len() > 1).then(|| {
            (
                self.source.clone(),
                self.tree.clone(),
                self.edits_since_snapshot.len(),
                self.reset_since_snapshot,
            )
        });
        for change in changes {
            if let Err(e) = self.apply_one(change, unit) {
                if let Some((source, tree, edits, reset)) = backup {
                    self.source = source;
                    self.tree = tree;
                    self.edits_since_snapshot.truncate(edits);
                    self.reset_since_snapshot = reset;
                }
                return Err(e);
            }
        }
        self.dirty = true;
        Ok(())
    }

    /// Replaces the whole text (a full-document change, or `didSave` with
    /// text when the document was out of step).
    pub fn replace_all(&mut self, text: String) {
        let name = self.source.name().to_string();
        self.source = Arc::new(Source::new(name, text));
        self.tree = None;
        self.edits_since_snapshot.clear();
        self.reset_since_snapshot = true;
        self.desync = None;
        self.desync_cleared = false;
        self.dirty = true;
    }

    fn apply_one(
        &mut self,
        change: TextDocumentContentChangeEvent,
        unit: ColumnUnit,
    ) -> Result<(), ChangeError> {
        let Some(range) = change.range else {
            self.replace_all(change.text);
            return Ok(());
        };
        let source = &self.source;
        let start =
            convert::byte(source, range.start, unit).map_err(ChangeError::InsideCharacter)?;
        let end = convert::byte(source, range.end, unit).map_err(ChangeError::InsideCharacter)?;
        if end < start {
            return Err(ChangeError::Reversed);
        }
        let edit = widened(
            input_edit(source, Span::new(start, end), &change.text),
            source,
        );
        Arc::make_mut(&mut self.source).replace(Span::new(start, end), &change.text);
        if let Some(tree) = &mut self.tree {
            tree.edit(&edit);
        }
        self.edits_since_snapshot.push(edit);
        Ok(())
    }

    /// Takes what the worker needs and clears `dirty`.
    pub fn snapshot(&mut self) -> Snapshot {
        self.dirty = false;
        self.edits_since_snapshot.clear();
        self.reset_since_snapshot = false;
        let phantom = syntax::needs_final_newline(self.source.text());
        // The appended newline is not part of the text the edits describe:
        // when the text gained or lost its final newline, parse afresh.
        let old_tree = self
            .tree
            .clone()
            .filter(|_| phantom == self.tree_phantom_newline);
        Snapshot {
            path: self.path.clone(),
            generation: self.generation,
            version: self.version,
            source: self.source.clone(),
            old_tree,
        }
    }

    /// Keeps the tree the worker parsed from a snapshot, with the edits
    /// made since replayed on it.
    pub fn install_tree(&mut self, mut tree: Tree, parsed: &Source) {
        if self.reset_since_snapshot {
            return;
        }
        for edit in self.edits_since_snapshot.drain(..) {
            tree.edit(&edit);
        }
        self.tree = Some(tree);
        self.tree_phantom_newline = syntax::needs_final_newline(parsed.text());
    }

    /// Drops the tree without asking for a new analysis: the worker's parse
    /// was of a normalised view, which an edit of the text cannot update.
    pub fn forget_tree(&mut self) {
        self.tree = None;
        self.edits_since_snapshot.clear();
        self.unverified = None;
    }

    /// Drops the tree (after an incremental parse turned out to differ
    /// from a fresh parse of the same text) and marks the document dirty.
    ///
    /// The next parse is a fresh one: reparsing even an unedited tree
    /// reuses its nodes, and so would repeat the difference.
    pub fn reset_tree(&mut self) {
        self.tree = None;
        self.edits_since_snapshot.clear();
        self.unverified = None;
        self.dirty = true;
    }
}

/// Whether two trees have the same nodes (kind and bytes) in the same
/// shape.
pub fn same_tree(a: &Tree, b: &Tree) -> bool {
    let (mut x, mut y) = (a.walk(), b.walk());
    loop {
        let (n, m) = (x.node(), y.node());
        if n.kind_id() != m.kind_id() || n.byte_range() != m.byte_range() {
            return false;
        }
        let (dx, dy) = (x.goto_first_child(), y.goto_first_child());
        if dx != dy {
            return false;
        }
        if dx {
            continue;
        }
        loop {
            let (sx, sy) = (x.goto_next_sibling(), y.goto_next_sibling());
            if sx != sy {
                return false;
            }
            if sx {
                break;
            }
            let (px, py) = (x.goto_parent(), y.goto_parent());
            if px != py {
                return false;
            }
            if !px {
                return true;
            }
        }
    }
}

fn point(source: &Source, byte: usize) -> Point {
    let p = source.position(byte);
    // tree-sitter counts rows at "\n" and columns in bytes, as `Source` does.
    Point::new(p.line, p.byte_column)
}

/// How many lines after the one an edit ends on are re-lexed with it.
const RELEX_LINES: usize = 1;

/// `edit` extended to also cover the rest of its last line and the next
/// [`RELEX_LINES`] lines, as if they had been replaced by themselves.
///
/// The grammar's lexer depends on the line before (after `关于印发…` a
/// line may continue the title, so `一、…` there is not lexed as a
/// marker), and tree-sitter may reuse an old token after an edit without
/// re-lexing it in its new context. Claiming the following line as
/// changed makes it re-lexed; it costs one line of lexing per edit. The
/// text between the real end and the claimed end is unchanged, so the
/// edit stays a true description of the change.
pub fn widened(edit: InputEdit, old: &Source) -> InputEdit {
    let line = old.line_of(edit.old_end_byte);
    let until_line = line + 1 + RELEX_LINES;
    let end = if until_line < old.line_count() {
        old.line_span(until_line).start
    } else {
        old.text().len()
    };
    if end <= edit.old_end_byte {
        return edit;
    }
    let unchanged = &old.text()[edit.old_end_byte..end];
    let new_end_position = match unchanged.rfind('\n') {
        Some(last) => Point::new(
            edit.new_end_position.row + unchanged.matches('\n').count(),
            unchanged.len() - last - 1,
        ),
        None => Point::new(
            edit.new_end_position.row,
            edit.new_end_position.column + unchanged.len(),
        ),
    };
    InputEdit {
        old_end_byte: end,
        new_end_byte: edit.new_end_byte + unchanged.len(),
        old_end_position: point(old, end),
        new_end_position,
        ..edit
    }
}

/// The tree-sitter edit for replacing `span` of `source` with `text`.
pub fn input_edit(source: &Source, span: Span, text: &str) -> InputEdit {
    let start_position = point(source, span.start);
    let new_end_position = match text.rfind('\n') {
        Some(last) => Point::new(
            start_position.row + text.matches('\n').count(),
            text.len() - last - 1,
        ),
        None => Point::new(start_position.row, start_position.column + text.len()),
    };
    InputEdit {
        start_byte: span.start,
        old_end_byte: span.end,
        new_end_byte: span.start + text.len(),
        start_position,
        old_end_position: point(source, span.end),
        new_end_position,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.to_string(),
        }
    }

    fn doc(text: &str) -> OpenDocument {
        OpenDocument::new(
            "file:///tmp/plan.txt".parse().unwrap(),
            1,
            1,
            text.to_string(),
        )
    }

    /// Parses the snapshot like the worker does.
    fn parse(d: &mut OpenDocument) -> Tree {
        let snap = d.snapshot();
        let tree = syntax::parse_with(
            &mut syntax::parser(),
            snap.source.text(),
            snap.old_tree.as_ref(),
        );
        d.install_tree(tree.clone(), &snap.source);
        tree
    }

    #[test]
    fn incremental_parses_equal_fresh_parses() {
        let mut d = doc("一、总体目标\r\n改造老旧小区5个以上。\n𠀾二、保障措施\n");
        parse(&mut d);
        let edits = [
            (1, 6, 1, 7, "七"),
            (2, 0, 2, 2, ""),
            (0, 0, 0, 0, "为加快补齐短板,特制定本方案。\n"),
            (3, 3, 3, 3, "\r\n(一)加强领导。"),
            (4, 0, 9, 0, "三、"),
            (0, 3, 0, 3, "𡿨"),
        ];
        for (i, (l0, c0, l1, c1, text)) in edits.into_iter().enumerate() {
            d.apply_changes(
                i as i32 + 2,
                vec![change(l0, c0, l1, c1, text)],
                ColumnUnit::Utf16,
            )
            .unwrap();
            let incremental = parse(&mut d);
            let fresh = syntax::parse(d.source.text());
            assert_eq!(
                incremental.root_node().to_sexp(),
                fresh.root_node().to_sexp(),
                "after edit {i}: {:?}",
                d.source.text()
            );
        }
    }

    /// A grammar quirk: after `关于印发…的通知`, the next line is lexed in
    /// the title's context (as a continuation line, so `一、…` is text).
    /// An incremental parse that reuses the whole title node lexes that
    /// line in the plain context instead (a heading). The server's idle
    /// check against a fresh parse ([`same_tree`]) catches exactly this.
    #[test]
    fn the_idle_check_catches_an_incremental_parse_that_differs() {
        let mut d = doc("一、总体目标\n改造老旧小区5个以上。\n二、保障措施\n");
        parse(&mut d);
        d.apply_changes(
            2,
            vec![change(0, 0, 0, 0, "关于印发《方案》的通知\n")],
            ColumnUnit::Utf16,
        )
        .unwrap();
        parse(&mut d);
        d.apply_changes(3, vec![change(3, 3, 3, 3, "(一)")], ColumnUnit::Utf16)
            .unwrap();
        let incremental = parse(&mut d);
        let fresh = syntax::parse(d.source.text());
        assert!(same_tree(&fresh, &syntax::parse(d.source.text())));
        if !same_tree(&incremental, &fresh) {
            // Known: reported to the grammar's owners. The server recovers.
            d.reset_tree();
            let again = parse(&mut d);
            assert!(same_tree(&again, &fresh));
        }
    }

    #[test]
    fn edits_during_a_parse_are_replayed_on_its_tree() {
        let mut d = doc("一、目标\n改造5个。\n");
        parse(&mut d);
        d.apply_changes(2, vec![change(1, 2, 1, 3, "7")], ColumnUnit::Utf16)
            .unwrap();
        let snap = d.snapshot();
        // While the worker parses, two more edits arrive.
        d.apply_changes(3, vec![change(0, 0, 0, 0, "二")], ColumnUnit::Utf16)
            .unwrap();
        d.apply_changes(4, vec![change(2, 0, 2, 0, "三、措施\n")], ColumnUnit::Utf16)
            .unwrap();
        let tree = syntax::parse_with(
            &mut syntax::parser(),
            snap.source.text(),
            snap.old_tree.as_ref(),
        );
        d.install_tree(tree, &snap.source);
        let incremental = parse(&mut d);
        let fresh = syntax::parse(d.source.text());
        assert_eq!(
            incremental.root_node().to_sexp(),
            fresh.root_node().to_sexp()
        );
    }

    #[test]
    fn a_change_cutting_a_character_is_rejected_and_nothing_changes() {
        let mut d = doc("a𠀾b\n");
        let err = d
            .apply_changes(2, vec![change(0, 2, 0, 3, "x")], ColumnUnit::Utf16)
            .unwrap_err();
        assert!(matches!(err, ChangeError::InsideCharacter(_)), "{err}");
        assert_eq!(d.source.text(), "a𠀾b\n");
        // UTF-8: inside 改.
        let mut d = doc("改造\n");
        assert!(
            d.apply_changes(2, vec![change(0, 1, 0, 3, "")], ColumnUnit::Utf8)
                .is_err()
        );
        // All or none: the first change is undone with the second.
        let mut d = doc("a𠀾b\n");
        assert!(
            d.apply_changes(
                2,
                vec![change(0, 0, 0, 1, "改"), change(0, 2, 0, 3, "x")],
                ColumnUnit::Utf16
            )
            .is_err()
        );
        assert_eq!(d.source.text(), "a𠀾b\n");
    }

    #[test]
    fn utf8_and_crlf_columns() {
        let mut d = doc("第一\r\n𠀾改\r\n");
        // UTF-8 columns: after 𠀾 is byte 4.
        d.apply_changes(2, vec![change(1, 4, 1, 7, "造")], ColumnUnit::Utf8)
            .unwrap();
        assert_eq!(d.source.text(), "第一\r\n𠀾造\r\n");
        // Past the end of a CRLF line is its end, before "\r\n".
        d.apply_changes(3, vec![change(0, 99, 0, 99, "章")], ColumnUnit::Utf16)
            .unwrap();
        assert_eq!(d.source.text(), "第一章\r\n𠀾造\r\n");
    }
}
