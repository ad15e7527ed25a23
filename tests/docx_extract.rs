//! Word documents in: `plan-lint extract` of .docx files that LibreOffice
//! makes from fixtures written for these tests, the paragraph named in
//! every output format, and the errors for what is not a .docx.

mod docx_support;

use std::path::Path;

use docx_support::*;

/// Real automatic numbering at five levels (一、 (一) 1. (1) ①), a restart
/// in the attachment, a table with a vertically merged cell, tracked
/// changes, a date field, a tab and a line break.
#[test]
fn numbered_plan_extracts_as_expected() {
    let dir = scratch("numbered");
    let docx = convert(&[&fixture("numbered-plan.fodt")], "docx", &dir).remove(0);
    let expected = std::fs::read_to_string(fixture("numbered-plan.expected.txt")).unwrap();
    let got = extract(&docx);
    assert_eq!(got, expected, "extract of {}", docx.display());

    // The numbering really is Word numbering, not text.
    let parts = entries(&std::fs::read(&docx).unwrap());
    let document = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
    assert!(document.contains("<w:numPr>"), "automatic numbering");
    assert!(!document.contains(">一、"), "no typed markers");
    assert!(document.contains("<w:del "), "a tracked deletion");
    assert!(document.contains("<w:ins "), "a tracked insertion");
    assert!(document.contains("vMerge"), "a merged cell");
    assert!(document.contains("instrText"), "a field");

    // The outline reads the rebuilt numbering as headings.
    let output = plan_lint()
        .args(["outline", "--format", "json"])
        .arg(&docx)
        .output()
        .unwrap();
    assert!(output.status.success());
    let outline: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let top: Vec<&str> = outline["outline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["marker"].as_str().unwrap())
        .collect();
    assert!(
        top.starts_with(&["一、", "二、"]),
        "top-level headings: {top:?}"
    );
}

/// Numbering from Word's own list styles (python-docx's default template
/// was made by Word), and a table.
#[test]
fn word_template_list_styles() {
    let dir = scratch("styled");
    let docx = dir.join("styled.docx");
    run_python("make_styled.py", &[&docx]);
    assert_eq!(
        extract(&docx),
        "某县推进农村公路提质改造工作方案\n1.总体要求\n2.主要任务\n1.完成县道改造40公里。\n\
         2.完成乡道改造60公里。\n3.保障措施\n•资金由县财政统筹。\n工作任务 |\n牵头单位 |\n\
         责任单位 |\n(1)改造县道。 |\n县交通运输局 |\n各乡镇 |\n"
    );
}

/// A document typed as text (markers as characters, blank lines, a
/// flattened table) comes back line for line.
#[test]
fn text_document_round_trips() {
    let dir = scratch("text");
    let txt = fixture("notice.txt");
    let docx = convert_text(&[&txt], &dir).remove(0);
    let text = std::fs::read_to_string(&txt).unwrap();
    assert_eq!(extract(&docx), text);
}

/// A diagnostic on a .docx names its paragraph (index, first characters)
/// and character in every format; JSON `line` is the paragraph's line in
/// `plan-lint extract` output.
#[test]
fn diagnostics_name_the_paragraph() {
    let dir = scratch("positions");
    let docx = convert(&[&fixture("review-plan.fodt")], "docx", &dir).remove(0);
    let text = extract(&docx);
    let lines: Vec<&str> = text.lines().collect();
    let diagnostics = check_json(&docx, &[]);
    assert!(diagnostics.len() >= 5, "{diagnostics:#?}");
    let mut paragraphs_seen = Vec::new();
    for d in &diagnostics {
        let p = &d["paragraph"];
        let index = p["index"].as_u64().unwrap() as usize;
        let column = p["column"].as_u64().unwrap() as usize;
        let preview = p["text"].as_str().unwrap();
        let (line, col) = line_col(&d["start"]);
        // No paragraph of this document spans lines and each cell holds
        // one paragraph: paragraph N is line N.
        assert_eq!(index, line, "{d:#}");
        assert_eq!(column, col, "{d:#}");
        let head = preview.trim_end_matches('…');
        assert!(lines[line - 1].starts_with(head), "{d:#}");
        for r in d["related"].as_array().unwrap() {
            assert_eq!(
                r["paragraph"]["index"].as_u64().unwrap() as usize,
                line_col(&r["start"]).0
            );
        }
        // Named as a Word user finds it: under its heading, counted from
        // the heading's paragraph; before any heading, from the start.
        let under = p["under"].as_str().unwrap();
        let index_under = p["index_under"].as_u64().unwrap() as usize;
        assert!(index_under >= 1 && index_under <= index, "{d:#}");
        let place = if under.is_empty() {
            format!("第{index_under}段")
        } else {
            format!("{under} 第{index_under}段")
        };
        // Messages name other places the same way, never by a line of the
        // extracted text.
        let message = d["message"].as_str().unwrap();
        assert!(!names_a_line(message), "{message}");
        paragraphs_seen.push((index, place, head.to_string(), column));
    }
    assert!(
        paragraphs_seen
            .iter()
            .any(|(_, place, _, _)| place.contains('、')),
        "some diagnostic is under a heading: {paragraphs_seen:#?}"
    );
    // The table row's diagnostic is in a cell paragraph.
    let in_table = diagnostics
        .iter()
        .find(|d| d["code"] == "T101")
        .expect("the conflicting target in the table");
    assert!(lines[line_col(&in_table["start"]).0 - 1].ends_with(" |"));

    let (index, place, head, column) = &paragraphs_seen[0];
    let words = format!("{place}「{head}");
    for format in ["full", "concise", "github"] {
        let output = plan_lint()
            .args(["check", "--no-config", "--format", format])
            .arg(&docx)
            .output()
            .unwrap();
        let out = String::from_utf8(output.stdout).unwrap();
        assert!(out.contains(&words), "{format}: {out}");
        assert!(out.contains(&format!("第{column}字")), "{format}: {out}");
    }
    let output = plan_lint()
        .args(["check", "--no-config", "--format", "sarif"])
        .arg(&docx)
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let first = &sarif["runs"][0]["results"][0];
    assert_eq!(
        first["properties"]["paragraph"]["index"].as_u64().unwrap() as usize,
        *index
    );
}

/// Whether `message` names a line (`第14行`), which a Word user cannot find.
fn names_a_line(message: &str) -> bool {
    message.split('第').skip(1).any(|rest| {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        digits > 0 && rest[digits..].starts_with('行')
    })
}

/// Directories are walked for .docx too, without Word's `~$` lock files.
#[test]
fn directories_take_docx() {
    let dir = scratch("walk");
    let made = scratch("walk-made");
    let docx = convert_text(&[&fixture("notice.txt")], &made).remove(0);
    std::fs::copy(&docx, dir.join("notice.docx")).unwrap();
    std::fs::write(dir.join("~$notice.docx"), b"\x0bplan-lint\0\0").unwrap();
    let output = plan_lint()
        .args([
            "check",
            "--no-config",
            "--format",
            "concise",
            "--fail-on",
            "never",
        ])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("in 1 file(s)"));
}

fn refused(file: &Path, expect: &[&str]) {
    let output = plan_lint()
        .args(["check", "--no-config"])
        .arg(file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{}: {stderr}",
        file.display()
    );
    assert!(output.stdout.is_empty());
    assert!(
        stderr.contains(&file.display().to_string()),
        "names the file: {stderr}"
    );
    for e in expect {
        assert!(
            stderr.contains(e),
            "{}: expected {e:?} in {stderr}",
            file.display()
        );
    }
    // extract and annotate refuse it the same way.
    let output = plan_lint().arg("extract").arg(file).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let out = file.with_extension("annotated.docx");
    let output = plan_lint()
        .arg("annotate")
        .arg(file)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(!out.exists(), "no output for a refused input");
}

/// A CFB (OLE compound file) header and directory naming `streams`: the
/// container of .doc files and of password-protected .docx files.
fn compound_file(streams: &[&str]) -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    for name in streams {
        let mut entry: Vec<u8> = name.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        entry.resize(128, 0);
        bytes.extend(entry);
    }
    bytes
}

#[test]
fn old_and_foreign_formats_are_refused_with_advice() {
    let dir = scratch("refused");
    // A real Word 97 document, from LibreOffice.
    let doc = convert(&[&fixture("numbered-plan.fodt")], "doc", &dir).remove(0);
    refused(&doc, &["old-format Word document", "save it as .docx"]);
    // A WPS document (the same OLE container).
    let wps = dir.join("draft.wps");
    std::fs::copy(&doc, &wps).unwrap();
    refused(&wps, &["WPS document", "save it as .docx"]);
    // A .doc someone renamed .docx.
    let renamed = dir.join("renamed.docx");
    std::fs::copy(&doc, &renamed).unwrap();
    refused(&renamed, &["old-format Word document", "save it as .docx"]);
    // Password-protected: Office wraps the package in an OLE container.
    let encrypted = dir.join("protected.docx");
    std::fs::write(
        &encrypted,
        compound_file(&["Root Entry", "EncryptionInfo", "EncryptedPackage"]),
    )
    .unwrap();
    refused(&encrypted, &["password-protected"]);
    // An OpenDocument file named .docx.
    let odt = convert(&[&fixture("numbered-plan.fodt")], "odt", &dir).remove(0);
    let odt_named = dir.join("odt.docx");
    std::fs::copy(&odt, &odt_named).unwrap();
    refused(&odt_named, &["OpenDocument", "not a Word document"]);
    // A zip that is not a package.
    let zip = dir.join("archive.docx");
    std::fs::write(&zip, zip_of(&[("readme.txt", b"hello")])).unwrap();
    refused(
        &zip,
        &["not a Word document (.docx)", "no word/document.xml"],
    );
    // A spreadsheet.
    let xlsx = dir.join("sheet.docx");
    std::fs::write(
        &xlsx,
        zip_of(&[("xl/workbook.xml", b"<workbook/>".as_slice())]),
    )
    .unwrap();
    refused(&xlsx, &["Excel workbook"]);
}

#[test]
fn damaged_packages_are_refused() {
    let dir = scratch("damaged");
    let good = convert(&[&fixture("numbered-plan.fodt")], "docx", &dir).remove(0);
    let bytes = std::fs::read(&good).unwrap();
    // Cut short: the zip's directory is gone.
    let truncated = dir.join("truncated.docx");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    refused(&truncated, &["damaged .docx"]);
    // Not a zip at all.
    let garbage = dir.join("garbage.docx");
    std::fs::write(&garbage, "这不是 Word 文档".as_bytes()).unwrap();
    refused(&garbage, &["not a zip package"]);
    // A package whose document.xml is not well-formed.
    let mut parts = entries(&bytes);
    let document = parts.get_mut("word/document.xml").unwrap();
    let cut = document.len() - 40;
    document.truncate(cut);
    let parts: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_slice()))
        .collect();
    let broken = dir.join("broken-xml.docx");
    std::fs::write(&broken, zip_of(&parts)).unwrap();
    refused(&broken, &["damaged .docx", "word/document.xml"]);
}
