//! The fuzzing harness of plan-lint: what one input goes through.
//!
//! This file is shared, word for word, by the cargo-fuzz target
//! `decode_parse_model` (fuzz/fuzz_targets/) and by the regression test
//! `rules/core/tests/fuzz_regressions.rs`, which includes it with `#[path]`
//! and replays every file in `fuzz/regressions/`. Keep it free of anything but
//! `plan_lint_core` and `std` so that both can compile it.
//!
//! Besides "no panic", it asserts only what the `plan_lint_core` API
//! documents: position conversions agree with each other and round-trip,
//! and every span the model hands out can be sliced from the text.

use plan_lint_core::normalise::TextView;
use plan_lint_core::source::{ColumnUnit, PositionError};
use plan_lint_core::{Document, Reading, Source, Span};

/// Every column unit there is.
const UNITS: [ColumnUnit; 3] = [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Char];

/// Decodes `data`; when it is text, checks position conversions on a few
/// offsets derived from it, then parses and models it and checks the model.
pub fn decode_parse_model(data: &[u8]) {
    let Ok(source) = Source::from_bytes("fuzz.txt", data) else {
        return;
    };
    check_positions(&source, data);
    let reading = Reading::new(&source);
    check_view(&source, &reading.view);
    check_document(reading.view.source(), &reading.doc);
}

/// The normalised view maps back: every character boundary of the view
/// lands on a character boundary of the original, in order, within it.
fn check_view(original: &Source, view: &TextView) {
    let text = original.text();
    let shown = view.source().text();
    let mut last = 0;
    for (at, _) in shown.char_indices().chain([(shown.len(), ' ')]) {
        let o = view.offset_to_original(at);
        assert!(o <= text.len(), "view offset {at} maps past the end ({o})");
        assert!(
            text.is_char_boundary(o),
            "view offset {at} maps inside a character ({o})"
        );
        assert!(
            o >= last,
            "the map goes backwards at view offset {at}: {o} < {last}"
        );
        last = o;
    }
    if view.is_identity() {
        assert_eq!(shown, text, "an identity view is the text");
    }
}

/// A few byte offsets and (line, column) pairs from the input itself, plus
/// the edges, then every conversion `Source` offers on them.
fn check_positions(source: &Source, data: &[u8]) {
    let len = source.text().len();
    let lines = source.line_count();
    assert!(lines >= 1, "a source has at least one line");

    // Up to four numbers read from the input, as little-endian u32s.
    let numbers: Vec<usize> = data
        .chunks(4)
        .take(4)
        .map(|c| {
            c.iter()
                .rev()
                .fold(0usize, |n, &b| (n << 8) | usize::from(b))
        })
        .collect();

    let mut offsets = vec![
        0,
        1,
        len / 2,
        len.saturating_sub(1),
        len,
        len + 1,
        usize::MAX,
    ];
    offsets.extend(numbers.iter().map(|n| n % (len + 2)));
    for &byte in &offsets {
        check_offset(source, byte);
    }

    let mut pairs = vec![(0, 0), (lines - 1, usize::MAX), (lines, 0), (usize::MAX, 3)];
    for pair in numbers.chunks(2) {
        let line = pair[0] % (lines + 1);
        let column = pair.get(1).map_or(pair[0] >> 8, |c| c % 300);
        pairs.push((line, column));
    }
    for &(line, column) in &pairs {
        check_line(source, line);
        for unit in UNITS {
            check_line_column(source, line, column, unit);
        }
    }
}

/// `byte` clamped to the text and moved back to a character boundary, as
/// `Source::position` documents.
fn floor_char_boundary(text: &str, byte: usize) -> usize {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

fn check_offset(source: &Source, byte: usize) {
    let text = source.text();
    let floor = floor_char_boundary(text, byte);
    let position = source.position(byte);
    assert_eq!(
        position.line,
        source.line_of(floor),
        "position({byte}).line"
    );
    assert!(position.line < source.line_count());
    assert_eq!(
        source.line_col_1based(byte),
        (position.line + 1, position.character + 1),
        "line_col_1based({byte})"
    );
    // Every character has at least as many UTF-8 bytes as UTF-16 units,
    // and at least one of each.
    assert!(position.character <= position.utf16, "{position:?}");
    assert!(position.utf16 <= position.byte_column, "{position:?}");

    let line = source.line_span(position.line);
    assert_eq!(
        position.byte_column,
        floor - line.start,
        "position({byte}).byte_column"
    );
    // A byte in a line terminator maps to a column past the end of its
    // line, which maps back to the end of the line.
    let back = floor.min(line.end);
    for unit in UNITS {
        assert_eq!(
            source.byte_of(position.line, position.column(unit), unit),
            Ok(back),
            "byte_of(position({byte}) = {position:?}, {unit:?})"
        );
    }
}

fn check_line(source: &Source, line: usize) {
    let text = source.text();
    let span = source.line_span(line);
    if line >= source.line_count() {
        assert_eq!(span, Span::new(text.len(), text.len()), "line_span({line})");
        assert_eq!(source.line_text(line), "");
        return;
    }
    let Some(slice) = source.slice(span) else {
        panic!("line_span({line}) = {span:?} is not a slice of the text");
    };
    assert!(
        !slice.contains('\n'),
        "line_span({line}) contains a newline"
    );
    assert_eq!(source.line_text(line), slice);
    assert_eq!(
        source.line_of(span.start),
        line,
        "line_of(line_span({line}).start)"
    );
}

fn check_line_column(source: &Source, line: usize, column: usize, unit: ColumnUnit) {
    let text = source.text();
    let result = source.byte_of(line, column, unit);
    let by_unit = match unit {
        ColumnUnit::Utf8 => source.byte_of_utf8(line, column),
        ColumnUnit::Utf16 => source.byte_of_utf16(line, column),
        ColumnUnit::Char => source.byte_of_char(line, column),
    };
    assert_eq!(result, by_unit, "byte_of vs byte_of_* for {unit:?}");
    let in_line = source.line_span(line);
    match result {
        Ok(byte) => {
            assert!(
                text.is_char_boundary(byte),
                "byte_of({line}, {column}, {unit:?}) = {byte}"
            );
            if line < source.line_count() {
                assert!(
                    in_line.start <= byte && byte <= in_line.end,
                    "byte_of({line}, {column}, {unit:?}) = {byte} is outside line {in_line:?}"
                );
            } else {
                assert_eq!(byte, text.len(), "byte_of past the last line");
            }
        }
        Err(PositionError::InsideCharacter {
            line: l,
            column: c,
            unit: u,
            character,
        }) => {
            assert_eq!(
                (l, c, u),
                (line, column, unit),
                "the error names the request"
            );
            assert_ne!(
                unit,
                ColumnUnit::Char,
                "every character column is a boundary"
            );
            let Some(ch) = source.slice(character) else {
                panic!("InsideCharacter span {character:?} is not a slice of the text");
            };
            assert_eq!(
                ch.chars().count(),
                1,
                "InsideCharacter span {character:?} is {ch:?}"
            );
            assert!(in_line.start <= character.start && character.end <= in_line.end);
        }
    }
}

/// Every span in the model is a slice of the text, and every index points
/// at something.
fn check_document(source: &Source, doc: &Document) {
    let check = |what: &str, span: Span| {
        assert!(
            span.start <= span.end && source.slice(span).is_some(),
            "{what} span {span:?} is not a slice of the text (length {})",
            source.text().len()
        );
    };
    let header = &doc.header;
    for field in [
        &header.doc_number,
        &header.issuer,
        &header.notice_title,
        &header.addressee,
        &header.signature,
        &header.date,
        &doc.title,
    ]
    .into_iter()
    .flatten()
    {
        check("header/title field", field.span);
    }

    let sections = doc.sections.len();
    for (id, section) in doc.sections.iter().enumerate() {
        check("section", section.span);
        check("section marker", section.marker_span);
        check("section title", section.title_span);
        if let Some(parent) = section.parent {
            assert!(parent < sections, "section {id} has parent {parent}");
        }
        for &child in &section.children {
            assert!(child < sections, "section {id} has child {child}");
        }
        if let Some(attachment) = section.attachment {
            assert!(attachment < doc.attachments.len());
        }
        // The parent chain ends (no cycles).
        assert!(doc.ancestors(id).take(sections + 1).count() <= sections);
    }
    for &root in &doc.roots {
        assert!(root < sections, "root {root}");
    }
    for repeated in &doc.repeated_headers {
        check("repeated header", repeated.span);
        assert!(repeated.of < sections);
    }

    if let Some(note) = &doc.attachment_note {
        check("attachment note", note.span);
        check("attachment note label", note.label_span);
        for entry in &note.entries {
            check("note entry", entry.span);
            check("note entry title", entry.title_span);
            if let Some(span) = entry.number_span {
                check("note entry number", span);
            }
        }
    }
    for attachment in &doc.attachments {
        check("attachment", attachment.span);
        check("attachment label", attachment.label_span);
        if let Some(title) = &attachment.title {
            check("attachment title", title.span);
        }
        if let Some(entry) = attachment.note_entry {
            let entries = doc.attachment_note.as_ref().map_or(0, |n| n.entries.len());
            assert!(entry < entries, "note_entry {entry} of {entries}");
        }
    }

    for task in &doc.tasks {
        check("task", task.span);
        if let Some(section) = task.section {
            assert!(section < sections);
        }
        if let Some(responsibility) = &task.responsibility {
            check("responsibility", responsibility.span);
            for unit in responsibility.all_units() {
                check("unit", unit.span);
            }
        }
    }
    for block in &doc.blocks {
        check("block", block.span);
        if let Some(section) = block.section {
            assert!(section < sections);
        }
    }
    for q in &doc.quantities {
        check("quantity", q.quantity.span);
        check("quantity number", q.quantity.number_span);
        check("quantity clause", q.clause);
        assert_eq!(
            source.slice(q.quantity.span),
            Some(q.quantity.text.as_str()),
            "a quantity's text is the text of its span"
        );
        assert!(q.block < doc.blocks.len());
    }
    for &span in &doc.debris {
        check("debris", span);
    }
}
